-- The touchpoints of the leads whatif_leads replays, counted per lead, calendar month and
-- type, in the order the score is built: by lead (lead_index, the lead's row in whatif_leads)
-- and month. month_index counts from the month of $start (0); type_index is the 0-based
-- position of the type in $types. These counts are the per-lead features every rule set is
-- a weighted sum of.
-- Grain: lead × month × touchpoint type. Params: $start, $end, $channels, $industries,
-- $size_bands, $types.
with cohort as (
    select
        lead_id,
        row_number() over (order by lead_id) - 1 as lead_index,
    from filtered_leads($channels, $industries, $size_bands, []::varchar[])
    where created_at >= $start and created_at < $end::date + interval 1 day
),

final as (
    select
        cohort.lead_index::integer as lead_index,
        (
            (year(touchpoints.occurred_at) - year($start::date)) * 12
            + month(touchpoints.occurred_at) - month($start::date)
        )::smallint as month_index,
        (list_position($types, touchpoints.type) - 1)::smallint as type_index,
        count(*)::integer as touchpoints,
    from touchpoints
    join cohort using (lead_id)
    group by all
)

select * from final
order by lead_index, month_index
