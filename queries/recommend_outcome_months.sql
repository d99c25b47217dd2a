-- When sales received, accepted and won each lead the what-if replays, for backtests that may
-- only use what was known before a month. Same leads and order as whatif_leads (created in the
-- period, in the chosen channels, industries and company sizes; by lead_id). Months are
-- counted from the month of $start (0); -1: never. A lead with a deal but no handoff or
-- acceptance date was received and accepted when its deal was opened.
-- Grain: lead. Params: $start, $end, $channels, $industries, $size_bands.
with cohort as (
    select *
    from funnel_leads($channels, $industries, $size_bands, []::varchar[])
    where created_at >= $start and created_at < $end::date + interval 1 day
),

dated as (
    select
        lead_id,
        case when is_handoff then coalesce(handoff_at, accepted_at, opportunity_at) end
            as received_at,
        case when is_sql then coalesce(accepted_at, opportunity_at) end as sql_at,
        won_at,
    from cohort
),

final as (
    select
        lead_id,
        coalesce(
            (year(received_at) - year($start::date)) * 12
            + month(received_at) - month($start::date),
            -1
        )::smallint as handoff_month,
        coalesce(
            (year(sql_at) - year($start::date)) * 12 + month(sql_at) - month($start::date), -1
        )::smallint as sql_month,
        coalesce(
            (year(won_at) - year($start::date)) * 12 + month(won_at) - month($start::date), -1
        )::smallint as won_month,
    from dated
)

select * exclude (lead_id) from final
order by lead_id
