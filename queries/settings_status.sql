-- Each team setting's latest change: who made it, when, and whether it is still the default
-- a new database got.
-- Grain: setting. Params: none.
with ranked as (
    select
        *,
        row_number() over (partition by setting order by changed_at desc, change) as newest,
    from settings_log
),

final as (
    select setting, changed_at, changed_by, change, is_default,
    from ranked
    where newest = 1
)

select * from final
order by setting
