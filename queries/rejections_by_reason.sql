-- Rejections of the leads handed off in the period, per reason and segment; a rejection
-- without a reason is its own reason, '(no reason given)'. With $dimension 'all' this is the
-- Pareto of reasons, with 'handoff_week' their trend, with 'channel' or 'campaign' the
-- reason × source matrix.
-- Grain: segment × reason. Params: $start, $end, $dimension, $channels, $industries,
-- $size_bands, $reps.
with rejected as (
    select *
    from handoffs($channels, $industries, $size_bands, $reps)
    where
        in_period(handoff_at, $start, $end)
        and outcome = 'rejected'
),

final as (
    select
        handoff_segment(
            $dimension, handoff_at, seniority, score_at_handoff,
            created_at, channel, campaign_name, industry, size_band, owner, lead_status
        ) as segment,
        coalesce(rejection_reason, '(no reason given)') as reason,
        count(*) as rejections,
        count(recycled_at) as recycled,
    from rejected
    group by all
)

select * from final
order by segment, rejections desc, reason
