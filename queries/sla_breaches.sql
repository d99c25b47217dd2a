-- The SLA breaches among the leads handed off in the period: answered late, or still waiting
-- past the SLA. Each with the handoff, the response (empty while waiting), the time it took or
-- has waited so far, in business and clock hours, and how far over the SLA it is. All reps, or
-- only $rep (null for all). Latest handoff first, at most $row_limit rows.
-- Grain: lead. Params: $start, $end, $rep, $row_limit, $channels, $industries, $size_bands,
-- $reps.
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
        responded_at,
        sla_status,
        coalesce(response_business_hours, waited_business_hours) as business_hours,
        coalesce(response_clock_hours, waited_clock_hours) as clock_hours,
        sla_hours,
        overdue_business_hours,
        outcome,
    from handed_off
    where sla_breach and ($rep is null or owner = $rep)
)

select * from final
order by handoff_at desc, lead_id
limit $row_limit
