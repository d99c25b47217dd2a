-- How far the leads created in the period got, per segment. Each lead counts once, in
-- the segment it belongs to, at every stage it reached; beside them, the leads disqualified
-- before handoff (not a stage of the funnel: they left it), and the revenue won with its
-- currency.
-- Grain: segment. Params: $start, $end, $dimension, $channels, $industries, $size_bands, $reps.
with cohort as (
    select *
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where in_period(created_at, $start, $end)
),

final as (
    select
        lead_segment(
            $dimension, created_at, channel, campaign_name, industry, size_band, owner,
            lead_status
        ) as segment,
        count(*) as leads,
        count(*) filter (where is_mql) as mqls,
        count(*) filter (where is_handoff) as handoffs,
        count(*) filter (where is_sql) as sqls,
        count(*) filter (where is_rejected) as rejected,
        count(*) filter (where is_opportunity) as opportunities,
        count(*) filter (where is_won) as won,
        count(*) filter (where is_lost) as lost,
        count(*) filter (where is_disqualified) as disqualified,
        -- Revenue only within one currency, named beside it; in several it is not added up
        -- (null: the page shows each currency from revenue_by_currency instead).
        case
            when count(distinct won_currency) <= 1
                and not coalesce(bool_or(won_currency = 'mixed'), false)
                then sum(won_amount)
        end as revenue,
        case when count(distinct won_currency) = 1 then min(won_currency) end as revenue_currency,
    from cohort
    group by all
)

select * from final
order by segment
