-- Stage velocity: median days between consecutive stages, over the leads created in the
-- period that reached both ends of the step.
-- Grain: step. Params: $start, $end, $channels, $industries, $size_bands, $reps.
with cohort as (
    select *
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where in_period(created_at, $start, $end)
),

steps as (
    select 1 as step_order, 'lead → MQL' as step, created_at as from_at, mql_at as to_at
    from cohort
    union all
    select 2, 'MQL → handoff', mql_at, handoff_at from cohort
    union all
    select 3, 'handoff → SQL', handoff_at, accepted_at from cohort
    union all
    select 4, 'SQL → opportunity', accepted_at, opportunity_at from cohort
    union all
    select 5, 'opportunity → won', opportunity_at, won_at from cohort
),

final as (
    select
        step_order,
        step,
        median(epoch(to_at - from_at) / 86400.0) as median_days,
        count(*) as leads,
    from steps
    where from_at is not null and to_at is not null
    group by all
)

select * from final
order by step_order
