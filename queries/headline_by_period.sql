-- Headline numbers for the period and for the period of the same length before it, each
-- event counted on the day it happened (a lead created in March and accepted in April is
-- an April SQL). MQL→SQL follows the leads handed off in the period to sales' decision.
-- Grain: period ('current', 'previous').
-- Params: $start, $end, $previous_start, $previous_end, $channels, $industries, $size_bands, $reps.
with periods as (
    select
        'current' as period,
        $start::timestamp as period_start,
        $end::date + interval 1 day as period_end,
    union all
    select
        'previous',
        $previous_start::timestamp,
        $previous_end::date + interval 1 day,
),

lead_events as (
    select
        periods.period,
        count(*) filter (where created_at >= period_start and created_at < period_end) as leads,
        count(*) filter (where mql_at >= period_start and mql_at < period_end) as mqls,
        count(*) filter (where accepted_at >= period_start and accepted_at < period_end) as sqls,
        count(*) filter (where handoff_at >= period_start and handoff_at < period_end) as handoffs,
        count(*) filter (
            where handoff_at >= period_start and handoff_at < period_end and accepted_at is not null
        ) as handoffs_accepted,
        count(*) filter (
            where handoff_at >= period_start and handoff_at < period_end and rejected_at is not null
        ) as handoffs_rejected,
        count(*) filter (
            where handoff_at >= period_start
            and handoff_at < period_end
            and accepted_at is null
            and rejected_at is null
        ) as handoffs_awaiting_decision,
    from periods
    -- A left join keeps both periods when the filters leave no leads: zeros, not no rows.
    left join filtered_leads($channels, $industries, $size_bands, $reps) on true
    group by all
),

won_deals as (
    select deals.closed_at, deals.amount
    from deals
    semi join filtered_leads($channels, $industries, $size_bands, $reps) as segment
        on segment.lead_id = deals.lead_id
    where deals.stage = 'won'
),

deal_events as (
    select
        periods.period,
        count(won_deals.closed_at) as won_deals,
        coalesce(sum(won_deals.amount), 0) as revenue,
    from periods
    left join won_deals
        on won_deals.closed_at >= periods.period_start
        and won_deals.closed_at < periods.period_end
    group by all
),

final as (
    select
        lead_events.*,
        deal_events.won_deals,
        deal_events.revenue,
    from lead_events
    join deal_events using (period)
)

select * from final
order by period
