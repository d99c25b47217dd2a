-- The leads handed off in the period that still wait for a first response from sales, as of
-- the moment the data describes: how long they have waited, in business and clock hours, and
-- whether that is past the SLA. Longest waiting first, at most $row_limit rows.
-- Grain: lead. Params: $start, $end, $row_limit, $channels, $industries, $size_bands, $reps.
with handed_off as (
    select *
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    where in_period(handoff_at, $start, $end)
),

final as (
    select
        lead_id,
        company,
        owner as rep,
        channel,
        handoff_at,
        waited_business_hours,
        waited_clock_hours,
        sla_hours,
        waiting_past_sla,
        overdue_business_hours,
    from handed_off
    where responded_at is null
)

select * from final
order by waited_business_hours desc, handoff_at, lead_id
limit $row_limit
