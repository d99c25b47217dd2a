-- How long sales took from handoff to decision (accept or reject), over the leads handed off
-- in the period that sales has decided: median and quartiles, in clock hours.
-- Grain: outcome ('accepted', 'rejected', and 'all decided' for both together).
-- Params: $start, $end, $channels, $industries, $size_bands, $reps.
with decided as (
    select
        outcome,
        epoch(decided_at - handoff_at) / 3600 as decision_hours,
    from handoffs($channels, $industries, $size_bands, $reps)
    where
        in_period(handoff_at, $start, $end)
        and decided_at is not null
),

final as (
    select
        coalesce(outcome, 'all decided') as outcome,
        count(*) as decisions,
        median(decision_hours) as median_hours,
        quantile_cont(decision_hours, 0.25) as p25_hours,
        quantile_cont(decision_hours, 0.75) as p75_hours,
        quantile_cont(decision_hours, 0.9) as p90_hours,
    from decided
    group by grouping sets ((outcome), ())
)

select * from final
order by outcome
