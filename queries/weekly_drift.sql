-- Per channel, campaign and sales rep, each week's decided handoffs (accepted, rejected) and
-- SLA (due, answered within it), for the drift alerts: the week against its 8 before.
-- Grain: kind (channel, campaign, rep) × group × week of handoff.
-- Params: $first_week, $last_week (Mondays), $channels, $industries, $size_bands, $reps.
with handed as (
    select
        date_trunc('week', handoff_at)::date as week,
        channel,
        campaign_name,
        owner,
        outcome,
        sla_due,
        answered_within_sla,
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    where handoff_at >= $first_week and handoff_at < $last_week::date + interval 1 week
),

counted as (
    select
        week,
        channel,
        campaign_name,
        owner,
        grouping(channel) as no_channel,
        grouping(campaign_name) as no_campaign,
        count(*) filter (where outcome <> 'open') as decided,
        count(*) filter (where outcome = 'accepted') as accepted,
        count(*) filter (where outcome = 'rejected') as rejected,
        count(*) filter (where sla_due) as sla_due,
        count(*) filter (where answered_within_sla) as sla_met,
    from handed
    group by grouping sets ((week, channel), (week, campaign_name), (week, owner))
),

final as (
    select
        case
            when no_channel = 0 then 'channel'
            when no_campaign = 0 then 'campaign'
            else 'rep'
        end as kind,
        coalesce(
            case
                when no_channel = 0 then channel
                when no_campaign = 0 then campaign_name
                else owner
            end,
            '(none)'
        ) as "group",
        week,
        decided,
        accepted,
        rejected,
        sla_due,
        sla_met,
    from counted
)

select * from final
order by kind, "group", week
