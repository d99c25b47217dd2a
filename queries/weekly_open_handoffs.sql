-- The leads that need a decision: handed off by the end of the week ($week_end, exclusive),
-- neither accepted nor rejected by sales yet, and past the response SLA (answered late or
-- still waiting past it), as of the moment the data describes. Longest over the SLA first.
-- Grain: lead. Params: $week_end, $channels, $industries, $size_bands, $reps.
with waiting as (
    select *
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    where outcome = 'open' and sla_breach and handoff_at < $week_end
),

final as (
    select
        lead_id,
        company,
        owner as rep,
        channel,
        score_at_handoff,
        handoff_at,
        overdue_business_hours,
    from waiting
)

select * from final
order by overdue_business_hours desc, handoff_at, lead_id
