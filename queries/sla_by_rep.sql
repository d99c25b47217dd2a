-- SLA compliance per sales rep for the leads handed off in the period, and for all reps
-- together (the row with all_reps true): answered within the SLA, answered late, still
-- waiting (past the SLA or not yet), response times in business and clock hours, and
-- rejections without a reason, which are feedback breaches of the SLA.
-- Grain: rep, plus one all-reps row. Params: $start, $end, $channels, $industries,
-- $size_bands, $reps.
with handed_off as (
    select *
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    where in_period(handoff_at, $start, $end)
),

final as (
    select
        owner as rep,
        grouping(owner) = 1 as all_reps,
        count(*) as handoffs,
        count(*) filter (where sla_due) as sla_due,
        count(*) filter (where answered_within_sla) as answered_within_sla,
        count(*) filter (where answered_late) as answered_late,
        count(*) filter (where waiting_past_sla) as waiting_past_sla,
        count(*) filter (where waiting_within_sla) as waiting_within_sla,
        count(*) filter (where sla_breach) as sla_breaches,
        median(response_business_hours) as median_response_business_hours,
        median(response_clock_hours) as median_response_clock_hours,
        median(overdue_business_hours) as median_overdue_business_hours,
        max(overdue_business_hours) as worst_overdue_business_hours,
        count(*) filter (where outcome = 'rejected') as rejections,
        count(*) filter (
            where outcome = 'rejected' and rejection_reason is null
        ) as rejections_without_reason,
    from handed_off
    group by grouping sets ((owner), ())
)

select * from final
order by all_reps, rep
