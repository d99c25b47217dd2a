-- SLA compliance per sales rep and week of handoff (weeks start on Monday), and per week for
-- all reps together (rep null), for the leads handed off in the period. A handoff is due once
-- it was answered or has waited past the SLA; compliance = answered within the SLA / due.
-- Grain: week × rep, plus week × all reps. Params: $start, $end, $channels, $industries,
-- $size_bands, $reps.
with handed_off as (
    select
        *,
        date_trunc('week', handoff_at)::date as week,
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    where in_period(handoff_at, $start, $end)
),

final as (
    select
        week,
        owner as rep,
        grouping(owner) = 1 as all_reps,
        count(*) as handoffs,
        count(*) filter (where sla_due) as sla_due,
        count(*) filter (where answered_within_sla) as answered_within_sla,
        count(*) filter (where sla_breach) as sla_breaches,
        max(overdue_business_hours) as worst_overdue_business_hours,
    from handed_off
    group by grouping sets ((week, owner), (week))
)

select * from final
order by week, all_reps, rep
