-- The touchpoint types and campaign ids the data holds, so a settings file can be checked
-- against them (an unknown campaign is refused, an unknown touchpoint type only warned of).
-- Grain: kind × value. Params: none.
with final as (
    select distinct 'touchpoint' as kind, type as value from touchpoints
    union all
    select 'campaign', campaign_id from campaigns
)

select * from final
order by kind, value
