-- What became of the leads handed off to sales in the period, per segment: accepted (SQL),
-- rejected (with or without a reason), or still open: sales has not decided yet, which is not
-- a failure, so rates of decided handoffs leave open ones out.
-- Grain: segment of $dimension: any handoff_segment dimension (e.g. 'handoff_week', 'channel',
-- 'score_band'), or 'attribute:<name>' for the values of one custom lead attribute, '(none)'
-- for a lead without it. Params: $start, $end, $dimension, $channels, $industries,
-- $size_bands, $reps.
with handed_off as (
    select *
    from handoffs($channels, $industries, $size_bands, $reps)
    where in_period(handoff_at, $start, $end)
),

attribute as (
    select
        lead_id,
        attribute_text(text_value, number_value) as value,
    from lead_attributes
    where 'attribute:' || name = $dimension
),

final as (
    select
        case
            when starts_with($dimension, 'attribute:') then coalesce(attribute.value, '(none)')
            else handoff_segment(
                $dimension, handoff_at, seniority, score_at_handoff,
                created_at, channel, campaign_name, industry, size_band, owner, lead_status
            )
        end as segment,
        count(*) as handoffs,
        count(*) filter (where outcome = 'accepted') as accepted,
        count(*) filter (where outcome = 'rejected') as rejected,
        count(*) filter (where outcome = 'open') as still_open,
        count(*) filter (
            where outcome = 'rejected' and rejection_reason is null
        ) as rejected_without_reason,
    from handed_off
    left join attribute using (lead_id)
    group by all
)

select * from final
order by segment
