-- Revenue won per currency: amounts in different currencies are never added up. With
-- $counted_by 'created', the won deals of the leads created in the period, whenever won (the
-- funnel's cohort revenue); with 'won', all won deals of the leads whose first win was in the
-- period (revenue_won, as the landing page counts it). Grain: currency (one row per currency
-- the won deals are in; none when nothing was won).
-- Params: $start, $end, $counted_by, $channels, $industries, $size_bands, $reps.
with counted as (
    select lead_id
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where
        case $counted_by
            when 'created' then in_period(created_at, $start, $end)
            when 'won' then in_period(won_at, $start, $end)
        end
),

final as (
    select
        deals.currency,
        sum(deals.amount)::double as revenue,
        count(*) as won_deals,
    from deals
    join counted using (lead_id)
    where deals.stage = 'won'
    group by all
)

select * from final
order by revenue desc, currency
