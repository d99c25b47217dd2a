-- Revenue won by the leads created in the period, whenever they were won, per currency: amounts
-- in different currencies are never added up. Grain: currency (one row per currency the won
-- deals are in; none when nothing was won).
-- Params: $start, $end, $channels, $industries, $size_bands, $reps.
with cohort as (
    select lead_id
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where in_period(created_at, $start, $end)
),

final as (
    select
        deals.currency,
        sum(deals.amount)::double as revenue,
        count(*) as won_deals,
    from deals
    join cohort using (lead_id)
    where deals.stage = 'won'
    group by all
)

select * from final
order by revenue desc, currency
