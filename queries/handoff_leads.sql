-- The leads behind a rate or a bar: handed off in the period, with outcome $outcome
-- ('accepted', 'rejected', 'open'; null: any), rejected for $reason (null: any reason;
-- '(no reason given)': none), in $segment of $dimension (null: all), and with $recycled_only
-- only those sent back to nurture. Each with its touchpoints before the handoff and after the
-- decision, and what it did since it was recycled. Latest decision (or handoff, while open)
-- first, at most $row_limit rows.
-- Grain: lead. Params: $start, $end, $outcome, $reason, $dimension, $segment, $recycled_only,
-- $row_limit, $channels, $industries, $size_bands, $reps.
with picked as (
    select *
    from handoffs($channels, $industries, $size_bands, $reps)
    where
        in_period(handoff_at, $start, $end)
        and ($outcome is null or outcome = $outcome)
        and (
            $reason is null
            or (outcome = 'rejected' and coalesce(rejection_reason, '(no reason given)') = $reason)
        )
        and (
            $segment is null
            or handoff_segment(
                $dimension, handoff_at, seniority, score_at_handoff,
                created_at, channel, campaign_name, industry, size_band, owner, lead_status
            ) = $segment
        )
        and (not $recycled_only or recycled_at is not null)
    order by coalesce(decided_at, handoff_at) desc, lead_id
    limit $row_limit
),

activity as (
    select
        picked.lead_id,
        count(*) filter (
            where touchpoints.occurred_at <= picked.handoff_at
        ) as touchpoints_before_handoff,
        count(*) filter (
            where touchpoints.occurred_at > picked.decided_at
        ) as touchpoints_after_decision,
        count(*) filter (
            where touchpoints.occurred_at > picked.recycled_at
        ) as touchpoints_since_recycling,
        count(*) filter (
            where touchpoints.occurred_at > picked.recycled_at
            and is_buying_signal(touchpoints.type)
        ) as buying_signals_since_recycling,
        max(touchpoints.occurred_at) as last_touchpoint_at,
    from picked
    join touchpoints on touchpoints.lead_id = picked.lead_id
    group by picked.lead_id
),

final as (
    select
        picked.lead_id,
        picked.company,
        picked.channel,
        picked.campaign_name as campaign,
        picked.industry,
        picked.size_band,
        picked.seniority,
        picked.score_at_handoff,
        picked.owner as rep,
        picked.handoff_at,
        picked.outcome,
        picked.decided_at,
        case
            when picked.outcome = 'rejected'
                then coalesce(picked.rejection_reason, '(no reason given)')
        end as reason,
        picked.recycled_at,
        coalesce(activity.touchpoints_before_handoff, 0) as touchpoints_before_handoff,
        case
            when picked.decided_at is not null
                then coalesce(activity.touchpoints_after_decision, 0)
        end as touchpoints_after_decision,
        activity.last_touchpoint_at,
        case
            when picked.recycled_at is null then null
            when activity.buying_signals_since_recycling > 0 then 'buying signal since'
            when activity.touchpoints_since_recycling > 0 then 'active again, no buying signal'
            else 'no activity since'
        end as since_recycling,
    from picked
    left join activity using (lead_id)
)

select * from final
order by coalesce(decided_at, handoff_at) desc, lead_id
