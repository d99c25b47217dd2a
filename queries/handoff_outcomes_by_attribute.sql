-- What became of the leads handed off in the period, per value of one custom lead attribute
-- (lead_attributes.name = $attribute): as handoff_outcomes, each lead in the segment of its
-- value, '(none)' when it has none. A number is shown as written, whole numbers without ".0".
-- Grain: attribute value. Params: $start, $end, $attribute, $channels, $industries,
-- $size_bands, $reps.
with handed_off as (
    select *
    from handoffs($channels, $industries, $size_bands, $reps)
    where in_period(handoff_at, $start, $end)
),

attribute as (
    select
        lead_id,
        coalesce(
            text_value,
            case
                when number_value = round(number_value) and abs(number_value) < 1e15
                    then number_value::bigint::varchar
                else number_value::varchar
            end
        ) as value,
    from lead_attributes
    where name = $attribute
),

final as (
    select
        coalesce(attribute.value, '(none)') as segment,
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
