-- The custom lead attributes the imports kept (lead_attributes), for the splits: each name, as
-- number when every value of it is one, with how many visible leads have it. Grain: attribute.
-- Params: none.
with final as (
    select
        name,
        case when bool_and(number_value is not null) then 'number' else 'text' end as kind,
        count(*) as leads,
    from lead_attributes
    where lead_id in (select lead_id from visible_leads())
    group by name
)

select * from final
order by name
