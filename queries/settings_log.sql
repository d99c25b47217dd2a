-- Every change to a team setting, newest first: who, when, what.
-- Grain: change. Params: none.
with final as (
    select changed_at, changed_by, setting, change, is_default,
    from settings_log
)

select * from final
order by changed_at desc, setting
