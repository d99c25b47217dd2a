-- Handoffs sales rejected, per week of the rejection and reason; a rejection without a reason
-- is its own row, '(no reason given)' (rejections.NO_REASON, as in every query). Grain:
-- week × reason. Params: $first_week, $last_week (Mondays), $channels, $industries,
-- $size_bands, $reps.
with rejected as (
    select
        date_trunc('week', rejected_at)::date as week,
        coalesce(rejection_reason, '(no reason given)') as reason,
    from handoffs($channels, $industries, $size_bands, $reps)
    where
        outcome = 'rejected'
        and rejected_at >= $first_week
        and rejected_at < $last_week::date + interval 1 week
),

final as (
    select
        week,
        reason,
        count(*) as rejected,
    from rejected
    group by all
)

select * from final
order by week, reason
