-- The management KPIs per calendar month, each counted in the month of its own event: SQLs by
-- the month they became SQL (funnel_leads.sql_at), handoff outcomes and response times by the
-- handoff month, won and lost deals by the close month, campaign cost and cost-bearing leads
-- by month. Revenue counts the won deals in home_currency() only, the currency of the costs it
-- is set against (won_in_home_currency: the won leads with such a deal); amounts in other
-- currencies are never added to it (kpi_currencies says how many are left out).
-- Grain: month. Params: $first_month, $last_month (first days of months), $channels,
-- $industries, $size_bands, $reps (costs follow the channel filter only: they are per campaign).
with months as (
    select
        unnest(
            range($first_month::date, $last_month::date + interval 1 month, interval 1 month)
        )::date as month,
),

funnel as (
    select * from funnel_leads($channels, $industries, $size_bands, $reps)
),

won_at_home as (
    select lead_id, sum(amount) as home_amount,
    from deals
    where stage = 'won' and currency = home_currency()
    group by lead_id
),

sqls as (
    select
        date_trunc('month', sql_at)::date as month,
        count(*) as sqls,
        count(*) filter (where campaign_id is not null) as campaign_sqls,
    from funnel
    where is_sql
    group by all
),

created as (
    select
        date_trunc('month', created_at)::date as month,
        count(*) as leads,
        count(*) filter (where campaign_id is not null) as campaign_leads,
    from funnel
    group by all
),

closed as (
    select
        date_trunc('month', coalesce(won_at, lost_at))::date as month,
        count(*) filter (where is_won) as won,
        count(*) filter (where is_lost) as lost,
        sum(won_at_home.home_amount) filter (where is_won) as revenue,
        count(won_at_home.lead_id) filter (where is_won) as won_in_home_currency,
        median(epoch(won_at - created_at) / 86400) filter (where is_won) as median_days_to_close,
    from funnel
    left join won_at_home using (lead_id)
    where is_won or is_lost
    group by all
),

handed as (
    select
        date_trunc('month', handoff_at)::date as month,
        count(*) as handoffs,
        count(*) filter (where outcome = 'accepted') as handoffs_accepted,
        count(*) filter (where outcome = 'rejected') as handoffs_rejected,
        count(*) filter (where outcome = 'open') as handoffs_open,
        count(*) filter (where sla_due) as sla_due,
        -- Null, not 0, where no SLA policy measures the month's handoffs.
        count(sla_due) as sla_measured,
        count(*) filter (where answered_within_sla) as answered_within_sla,
        median(response_business_hours) as median_response_business_hours,
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    group by all
),

costs as (
    select
        campaign_costs.month,
        sum(campaign_costs.cost)::double as cost,
    from campaign_costs
    join campaigns using (campaign_id)
    where len($channels) = 0 or list_contains($channels, campaigns.channel)
    group by all
),

final as (
    select
        months.month,
        coalesce(sqls.sqls, 0) as sqls,
        coalesce(sqls.campaign_sqls, 0) as campaign_sqls,
        sql_targets.target as sql_target,
        coalesce(created.leads, 0) as leads,
        coalesce(created.campaign_leads, 0) as campaign_leads,
        coalesce(handed.handoffs, 0) as handoffs,
        coalesce(handed.handoffs_accepted, 0) as handoffs_accepted,
        coalesce(handed.handoffs_rejected, 0) as handoffs_rejected,
        coalesce(handed.handoffs_open, 0) as handoffs_open,
        coalesce(handed.sla_due, 0) as sla_due,
        coalesce(handed.sla_measured, 0) as sla_measured,
        coalesce(handed.answered_within_sla, 0) as answered_within_sla,
        handed.median_response_business_hours,
        coalesce(closed.won, 0) as won,
        coalesce(closed.lost, 0) as lost,
        coalesce(closed.revenue, 0)::double as revenue,
        coalesce(closed.won_in_home_currency, 0) as won_in_home_currency,
        closed.median_days_to_close,
        costs.cost,
    from months
    left join sqls using (month)
    left join created using (month)
    left join closed using (month)
    left join handed using (month)
    left join costs using (month)
    left join sql_targets using (month)
)

select * from final
order by month
