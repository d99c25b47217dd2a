-- The outcome of the handoffs of each week by channel: accepted, rejected, still open.
-- Grain: week × channel. Params: $first_week, $last_week (Mondays), $channels, $industries,
-- $size_bands, $reps.
with handed as (
    select
        date_trunc('week', handoff_at)::date as week,
        channel,
        outcome,
    from handoffs($channels, $industries, $size_bands, $reps)
    where handoff_at >= $first_week and handoff_at < $last_week::date + interval 1 week
),

final as (
    select
        week,
        channel,
        count(*) as handoffs,
        count(*) filter (where outcome = 'accepted') as accepted,
        count(*) filter (where outcome = 'rejected') as rejected,
    from handed
    group by all
)

select * from final
order by week, channel
