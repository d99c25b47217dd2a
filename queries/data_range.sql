-- What the database holds: its source, the moment it describes, and the span of the dates of
-- the leads the viewer may see.
-- Grain: one row. Params: none.
with final as (
    select
        dataset_info.source,
        dataset_info.as_of,
        dataset_info.loaded_at,
        (select min(created_at) from visible_leads()) as first_lead_at,
        (select max(created_at) from visible_leads()) as last_lead_at,
        (select count(*) from visible_leads()) as leads,
    from dataset_info
)

select * from final
