-- The touchpoints of the leads whatif_leads replays, counted per lead, calendar month and
-- type. lead_index is the lead's row in whatif_leads; month_index counts from the month of
-- $start (0); type_index is the 0-based position of the type in $types. These counts are the
-- per-lead features every rule set is a weighted sum of. Read from lead_month_touches and
-- replay_leads, built when the data was written. No ORDER BY: the rows come back from the join
-- nearly in lead_month_touches' order (lead, month), and whatif.ReplayData.build puts the few
-- that are not in place faster than sorting 6 M rows here.
-- Grain: lead × month × touchpoint type. Params: $start, $end, $channels, $industries,
-- $size_bands, $types.
with cohort as (
    select
        lead_id,
        row_number() over (order by lead_id) - 1 as lead_index,
    from filtered_replay_leads($channels, $industries, $size_bands)
    where in_period(created_at, $start, $end)
),

final as (
    select
        cohort.lead_index::integer as lead_index,
        (
            (year(lead_month_touches.month) - year($start::date)) * 12
            + month(lead_month_touches.month) - month($start::date)
        )::smallint as month_index,
        (list_position($types, lead_month_touches.type) - 1)::smallint as type_index,
        lead_month_touches.touchpoints,
    from lead_month_touches
    join cohort using (lead_id)
)

select * from final
