-- The distribution of first-response times of the leads handed off in the period and answered,
-- in business hours (what the SLA counts) or plain clock hours ($measure 'business' or
-- 'clock'), in buckets $bucket_hours wide; the last bucket holds every response from
-- $cap_hours on.
-- Grain: bucket (its lower bound, in hours). Params: $start, $end, $measure, $bucket_hours,
-- $cap_hours, $channels, $industries, $size_bands, $reps.
with answered as (
    select
        case $measure
            when 'business' then response_business_hours
            when 'clock' then response_clock_hours
        end as hours,
    from sla_handoffs($channels, $industries, $size_bands, $reps)
    where
        in_period(handoff_at, $start, $end)
        and responded_at is not null
),

final as (
    select
        least(floor(hours / $bucket_hours) * $bucket_hours, $cap_hours)::double as from_hours,
        count(*) as responses,
    from answered
    group by all
)

select * from final
order by from_hours
