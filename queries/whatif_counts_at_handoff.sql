-- What the score could see when sales got the lead: for each handed-off lead of the replay,
-- its touchpoints up to the handoff, counted by type. The suggested weights are fitted on
-- these, so touchpoints that sales' own contact caused later do not leak into the model.
-- Grain: lead × touchpoint type. Params: $start, $end, $channels, $industries, $size_bands,
-- $types.
with cohort as (
    select
        lead_id,
        handoff_at,
        row_number() over (order by lead_id) - 1 as lead_index,
    from filtered_leads($channels, $industries, $size_bands, []::varchar[])
    where in_period(created_at, $start, $end)
),

final as (
    select
        cohort.lead_index::integer as lead_index,
        (list_position($types, touchpoints.type) - 1)::smallint as type_index,
        count(*)::integer as touchpoints,
    from cohort
    join touchpoints
        on touchpoints.lead_id = cohort.lead_id
        and touchpoints.occurred_at <= cohort.handoff_at
    group by all
)

select * from final
order by lead_index, type_index
