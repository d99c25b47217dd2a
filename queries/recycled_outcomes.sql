-- Recycled leads: of the leads handed off in the period and rejected, how many sales sent back
-- to marketing's nurture, and what each has done since: a buying signal (demo request,
-- contact form, pricing page, ROI calculator), other activity only, or nothing.
-- Grain: rejection reason ('(no reason given)' for none). Params: $start, $end, $channels,
-- $industries, $size_bands, $reps.
with rejected as (
    select *
    from handoffs($channels, $industries, $size_bands, $reps)
    where
        in_period(handoff_at, $start, $end)
        and outcome = 'rejected'
),

recycled as (
    select lead_id, recycled_at from rejected where recycled_at is not null
),

since_recycling as (
    -- Only recycled leads meet the 20 M touchpoints: a small hash table to probe.
    select
        recycled.lead_id,
        count(*) filter (where is_buying_signal(touchpoints.type)) as buying_signals,
        count(*) as touchpoints,
    from recycled
    join touchpoints
        on touchpoints.lead_id = recycled.lead_id
        and touchpoints.occurred_at > recycled.recycled_at
    group by recycled.lead_id
),

final as (
    select
        coalesce(rejected.rejection_reason, '(no reason given)') as reason,
        count(*) as rejected,
        count(rejected.recycled_at) as recycled,
        count(*) filter (where since_recycling.buying_signals > 0) as buying_signal_since,
        count(*) filter (
            where since_recycling.touchpoints > 0 and since_recycling.buying_signals = 0
        ) as active_without_buying_signal,
        count(*) filter (
            where rejected.recycled_at is not null and since_recycling.lead_id is null
        ) as no_activity_since,
    from rejected
    left join since_recycling using (lead_id)
    group by all
)

select * from final
order by recycled desc, rejected desc, reason
