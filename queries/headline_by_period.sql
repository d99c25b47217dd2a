-- Headline numbers for the period and for the period of the same length before it, each
-- stage counted on the day the lead reached it, as funnel_leads dates it (a lead created in
-- March and accepted in April is an April SQL; a won deal without accepted_at is an SQL on the
-- day its deal was created). MQL→SQL follows the leads handed off in the period to sales'
-- decision, as handoffs defines the outcome (the conversion page's numbers). Revenue is the won
-- amount in home_currency() (the page shows other currencies from revenue_by_currency). Read
-- from funnel_days, the same counts summed per day ahead of time (queries/funnel_days.sql).
-- Grain: period ('current', 'previous').
-- Params: $start, $end, $previous_start, $previous_end, $channels, $industries, $size_bands, $reps.
with stage_totals as (
    -- One pass over the days of both periods: each stage's count in each.
    select
        stage,
        coalesce(sum(leads) filter (where day between $start::date and $end::date), 0)
            as current_leads,
        coalesce(sum(amount) filter (where day between $start::date and $end::date), 0)
            as current_amount,
        coalesce(
            sum(leads) filter (where day between $previous_start::date and $previous_end::date),
            0
        ) as previous_leads,
        coalesce(
            sum(amount) filter (where day between $previous_start::date and $previous_end::date),
            0
        ) as previous_amount,
    from filtered_funnel_days($channels, $industries, $size_bands, $reps)
    where
        day between least($start::date, $previous_start::date)
        and greatest($end::date, $previous_end::date)
    group by stage
),

by_period as (
    select 'current' as period, stage, current_leads as leads, current_amount as amount,
    from stage_totals
    union all
    select 'previous', stage, previous_leads, previous_amount,
    from stage_totals
),

periods as (
    select unnest(['current', 'previous']) as period
),

final as (
    select
        periods.period,
        coalesce(sum(leads) filter (where stage = 'lead'), 0)::bigint as leads,
        coalesce(sum(leads) filter (where stage = 'mql'), 0)::bigint as mqls,
        coalesce(sum(leads) filter (where stage = 'sql'), 0)::bigint as sqls,
        coalesce(sum(leads) filter (where stage = 'handoff'), 0)::bigint as handoffs,
        coalesce(sum(leads) filter (where stage = 'handoff_accepted'), 0)::bigint
            as handoffs_accepted,
        coalesce(sum(leads) filter (where stage = 'handoff_rejected'), 0)::bigint
            as handoffs_rejected,
        coalesce(sum(leads) filter (where stage = 'handoff_awaiting_decision'), 0)::bigint
            as handoffs_awaiting_decision,
        coalesce(sum(leads) filter (where stage = 'won'), 0)::bigint as won_deals,
        coalesce(sum(amount) filter (where stage = 'won'), 0) as revenue,
    from periods
    -- A left join keeps both periods when the filters leave no leads: zeros, not no rows.
    left join by_period using (period)
    group by all
)

select * from final
order by period
