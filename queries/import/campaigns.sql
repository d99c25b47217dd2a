-- Import: the campaigns being imported, each with the list of what is wrong with it.
-- Grain: one row per source row. Reads the temporary raw_campaigns. Params: none.
with counted as (
    select *, count(*) over (partition by campaign_id) as id_rows from raw_campaigns
),

checked as (
    select
        *,
        list_filter(
            [
                case when campaign_id is null then import_problem('campaign_id', null, 'required', null, null) end,
                case when campaign_id is not null and id_rows > 1 then import_problem('campaign_id', campaign_id, 'duplicate', null, null) end,
                case when name is null then import_problem('name', null, 'required', null, null) end,
                case when channel is null then import_problem('channel', null, 'required', null, null) end,
            ],
            lambda problem: problem is not null
        ) as problems,
    from counted
),

final as (
    select _src, _rec, campaign_id, name, channel, problems from checked
)

select * from final
