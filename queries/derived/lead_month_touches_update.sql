-- Recounts lead_month_touches for the leads an import changed (the temporary table
-- derived_leads, their ids before and after it wrote): their rows go, and their touchpoints are
-- counted again as queries/lead_month_touches.sql counts every lead's. A lead the import left
-- without touchpoints is left without rows, as a whole rebuild leaves it. Params: none.
delete from lead_month_touches
where derived_lead(lead_id);

insert into lead_month_touches
with final as (
    select
        lead_id,
        date_trunc('month', occurred_at)::date as month,
        type,
        count(*)::integer as touchpoints,
    from touchpoints
    where derived_lead(lead_id)
    group by all
)

select * from final
order by lead_id, month
