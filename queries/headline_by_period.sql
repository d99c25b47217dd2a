-- Headline numbers for the period and for the period of the same length before it, each
-- stage counted on the day the lead reached it, as funnel_leads dates it (a lead created in
-- March and accepted in April is an April SQL; a won deal without accepted_at is an SQL on the
-- day its deal was created). MQL→SQL follows the leads handed off in the period to sales'
-- decision, as handoffs defines the outcome (the conversion page's numbers). Revenue is the won
-- amount in home_currency() (the page shows other currencies from revenue_by_currency).
-- Grain: period ('current', 'previous').
-- Params: $start, $end, $previous_start, $previous_end, $channels, $industries, $size_bands, $reps.
with periods as (
    select 'current' as period, $start::date as first_day, $end::date as last_day,
    union all
    select 'previous', $previous_start::date, $previous_end::date,
),

funnel as (
    -- Only the leads with an event in either period: one pass over the leads, then the two
    -- periods' counts over far fewer rows.
    select created_at, mql_reached_at, sql_at, handoff_at, is_sql, is_rejected, rejected_at,
        won_at, home_won_amount,
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where
        least(created_at, mql_reached_at, sql_at, handoff_at, won_at)
            < greatest($end::date, $previous_end::date) + interval 1 day
        and greatest(created_at, mql_reached_at, sql_at, handoff_at, won_at)
            >= least($start::date, $previous_start::date)
),

final as (
    select
        periods.period,
        count(*) filter (where in_period(created_at, first_day, last_day)) as leads,
        count(*) filter (where in_period(mql_reached_at, first_day, last_day)) as mqls,
        count(*) filter (where in_period(sql_at, first_day, last_day)) as sqls,
        count(*) filter (where in_period(handoff_at, first_day, last_day)) as handoffs,
        count(*) filter (
            where in_period(handoff_at, first_day, last_day) and is_sql
        ) as handoffs_accepted,
        count(*) filter (
            where in_period(handoff_at, first_day, last_day) and is_rejected
        ) as handoffs_rejected,
        count(*) filter (
            where in_period(handoff_at, first_day, last_day)
            and not is_sql
            and rejected_at is null
        ) as handoffs_awaiting_decision,
        count(*) filter (where in_period(won_at, first_day, last_day)) as won_deals,
        coalesce(
            sum(home_won_amount) filter (where in_period(won_at, first_day, last_day)), 0
        ) as revenue,
    from periods
    -- A left join keeps both periods when the filters leave no leads: zeros, not no rows.
    left join funnel on true
    group by all
)

select * from final
order by period
