-- The currencies of the won deals of the KPI months, by the month the lead was won: the KPIs'
-- revenue counts home_currency() only, so the page names the deals in others it leaves out.
-- Grain: currency. Params: $first_month, $last_month (first days of months), $channels,
-- $industries, $size_bands, $reps.
with won as (
    select lead_id
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where
        is_won
        and won_at >= $first_month::date
        and won_at < $last_month::date + interval 1 month
),

final as (
    select
        deals.currency,
        deals.currency = home_currency() as is_home,
        count(*) as won_deals,
        sum(deals.amount)::double as revenue,
    from deals
    join won using (lead_id)
    where deals.stage = 'won'
    group by all
)

select * from final
order by is_home desc, revenue desc, currency
