-- The calibration meeting's counts per week (Monday to Sunday, local time), each event in its
-- own week: MQLs by the day they became MQL (funnel_leads.mql_reached_at), handoffs by
-- handoff_at, accepted and rejected by the day sales decided, SLA breaches and the MQL→SQL
-- outcome of the week's handoffs by handoff_at.
-- Grain: week. Params: $first_week, $last_week (Mondays), $channels, $industries,
-- $size_bands, $reps.
with weeks as (
    select
        unnest(range($first_week::date, $last_week::date + interval 1 week, interval 1 week))::date
            as week,
),

mqls as (
    select
        date_trunc('week', mql_reached_at)::date as week,
        count(*) as mqls,
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where is_mql
    group by all
),

decided as (
    select
        date_trunc('week', decided_at)::date as week,
        count(*) filter (where outcome = 'accepted') as accepted,
        count(*) filter (where outcome = 'rejected') as rejected,
    from handoffs($channels, $industries, $size_bands, $reps)
    where decided_at is not null
    group by all
),

handed as (
    select
        date_trunc('week', handoff_at)::date as week,
        count(*) as handoffs,
        count(*) filter (where outcome = 'accepted') as handoffs_accepted,
        count(*) filter (where outcome = 'rejected') as handoffs_rejected,
        count(*) filter (where sla_breach) as sla_breaches,
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    group by all
),

final as (
    select
        weeks.week,
        coalesce(mqls.mqls, 0) as mqls,
        coalesce(handed.handoffs, 0) as handoffs,
        coalesce(decided.accepted, 0) as accepted,
        coalesce(decided.rejected, 0) as rejected,
        coalesce(handed.sla_breaches, 0) as sla_breaches,
        coalesce(handed.handoffs_accepted, 0) as handoffs_accepted,
        coalesce(handed.handoffs_rejected, 0) as handoffs_rejected,
    from weeks
    left join mqls using (week)
    left join decided using (week)
    left join handed using (week)
)

select * from final
order by week
