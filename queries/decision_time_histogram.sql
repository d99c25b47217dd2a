-- The distribution of the time from handoff to decision, in buckets people read at a glance
-- (under 4 hours … over 2 weeks of clock time), for the leads handed off in the period that
-- sales has decided. Empty buckets are kept, with 0.
-- Grain: bucket × outcome ('accepted', 'rejected').
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

buckets as (
    select *
    from (
        values
            (1, 'under 4 h', 0, 4),
            (2, '4–8 h', 4, 8),
            (3, '8–24 h', 8, 24),
            (4, '1–2 days', 24, 48),
            (5, '2–3 days', 48, 72),
            (6, '3–7 days', 72, 168),
            (7, '1–2 weeks', 168, 336),
            (8, 'over 2 weeks', 336, null)
    ) as buckets (bucket_order, bucket, from_hours, to_hours)
),

outcomes as (
    select * from (values ('accepted'), ('rejected')) as outcomes (outcome)
),

final as (
    select
        buckets.bucket_order,
        buckets.bucket,
        outcomes.outcome,
        count(decided.decision_hours) as decisions,
    from buckets
    cross join outcomes
    left join decided
        on decided.outcome = outcomes.outcome
        and decided.decision_hours >= buckets.from_hours
        and (buckets.to_hours is null or decided.decision_hours < buckets.to_hours)
    group by all
)

select * from final
order by bucket_order, outcome
