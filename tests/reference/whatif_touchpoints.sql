-- whatif_touchpoints for a database file built before lead_month_touches existed: the same
-- rows, counted from the touchpoints themselves (a group-by over every touchpoint of the
-- cohort, seconds at 20 M touchpoints; an import or a rebuild of the file adds the table).
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
