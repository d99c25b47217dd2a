-- Leads disqualified before handoff in the period (by disqualified_at), per reason: closed by
-- marketing or an SDR before they reached sales, so no sales rejection; a disqualification
-- without a reason is its own reason, '(no reason given)'. A lead recycled and handed off since
-- is not counted (funnel_leads.is_disqualified).
-- Grain: reason. Params: $start, $end, $channels, $industries, $size_bands, $reps.
with disqualified as (
    select *
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where is_disqualified and in_period(disqualified_at, $start, $end)
),

final as (
    select
        coalesce(disqualification_reason, '(no reason given)') as reason,
        count(*) as disqualified,
        count(distinct disqualified_by) as people,
        string_agg(distinct disqualified_by, ', ' order by disqualified_by) as disqualified_by,
    from disqualified
    group by all
)

select * from final
order by disqualified desc, reason
