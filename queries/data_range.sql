-- What the database holds: its source, the moment it describes, and the span of lead dates.
-- Grain: one row. Params: none.
with final as (
    select
        dataset_info.source,
        dataset_info.as_of,
        dataset_info.loaded_at,
        (select min(created_at) from leads) as first_lead_at,
        (select max(created_at) from leads) as last_lead_at,
        (select count(*) from leads) as leads,
    from dataset_info
)

select * from final
