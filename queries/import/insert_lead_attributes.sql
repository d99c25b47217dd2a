-- Import: write the attributes of the good imported leads, one row per lead and attribute with
-- a value (import/leads typed them). Params: none.
insert into lead_attributes by name
with kept as (
    select lead_id, unnest(attributes) as attribute
    from staged_leads
    where len(problems) = 0 and len(attributes) > 0
),

final as (
    select
        lead_id,
        attribute.name as name,
        attribute.text_value as text_value,
        attribute.number_value as number_value,
    from kept
)

select * from final
order by lead_id, name
