-- The leads that need a decision: handed off by the end of the week ($week_end, exclusive),
-- neither accepted nor rejected by sales yet, and past the response SLA (answered late or
-- still waiting past it), as of the moment the data describes. Longest over the SLA first.
-- With each, the length of a working day of the SLA policy in effect on its handoff day
-- (before the first version: the first), so a long wait can be said in working days.
-- Grain: lead. Params: $week_end, $channels, $industries, $size_bands, $reps.
with waiting as (
    select *
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    where outcome = 'open' and sla_breach and handoff_at < $week_end
),

policies as (
    select
        valid_from,
        (epoch(workday_end) - epoch(workday_start)) / 3600 as workday_hours,
    from sla_policy
),

final as (
    select
        waiting.lead_id,
        waiting.company,
        waiting.owner as rep,
        waiting.channel,
        waiting.score_at_handoff,
        waiting.handoff_at,
        waiting.overdue_business_hours,
        coalesce(
            in_force.workday_hours,
            (select workday_hours from policies order by valid_from limit 1)
        ) as workday_hours,
    from waiting
    asof left join policies as in_force on waiting.handoff_at::date >= in_force.valid_from
)

select * from final
order by overdue_business_hours desc, handoff_at, lead_id
