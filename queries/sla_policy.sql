-- The SLA between marketing and sales as the sla_policy table states it, each version with
-- the date it took effect, and how many public holidays the calendar knows.
-- Grain: policy version. Params: none.
with final as (
    select
        valid_from,
        response_hours,
        workday_start,
        workday_end,
        workdays,
        time_zone,
        (select count(*) from public_holidays) as public_holidays,
    from sla_policy
)

select * from final
order by valid_from
