-- Import: campaigns that the imported leads and touchpoints name but that neither the files nor
-- the database hold. The import creates them, named by their id, with the channel most of their
-- leads came from, so every reference holds. Grain: campaign. Params: $replace (the campaigns
-- already in the database will be replaced, so they do not count as known).
with referenced as (
    select campaign_id, channel from staged_leads
    where len(problems) = 0 and campaign_id is not null
    union all
    select campaign_id, null from staged_touchpoints
    where len(problems) = 0 and campaign_id is not null
),

known as (
    select campaign_id from staged_campaigns where len(problems) = 0
    union all
    select campaign_id from campaigns where not $replace
),

final as (
    select
        campaign_id,
        campaign_id as name,
        coalesce(mode(channel), 'unknown') as channel,
    from referenced
    where campaign_id not in (select campaign_id from known)
    group by campaign_id
)

select * from final
order by campaign_id
