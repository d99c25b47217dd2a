-- The leads behind one bar of the funnel: created in the period, reached $stage, and (unless
-- $segment is null) in that segment of $dimension. Newest first, at most $row_limit rows.
-- Grain: lead. Params: $start, $end, $stage, $dimension, $segment, $row_limit,
-- $channels, $industries, $size_bands, $reps.
with cohort as (
    select *
    from funnel_leads($channels, $industries, $size_bands, $reps)
    where in_period(created_at, $start, $end)
),

final as (
    select
        lead_id,
        created_at,
        company,
        channel,
        campaign_name as campaign,
        industry,
        company_size,
        size_band,
        job_title,
        owner as rep,
        mql_at,
        handoff_at,
        accepted_at,
        rejected_at,
        rejection_reason,
        opportunity_at,
        won_at,
        lost_at,
        won_amount,
        won_currency,
    from cohort
    where
        case $stage
            when 'lead' then true
            when 'mql' then is_mql
            when 'handoff' then is_handoff
            when 'sql' then is_sql
            when 'opportunity' then is_opportunity
            when 'won' then is_won
            when 'lost' then is_lost
        end
        and (
            $segment is null
            or lead_segment(
                $dimension, created_at, channel, campaign_name, industry, size_band, owner,
                lead_status
            ) = $segment
        )
)

select * from final
order by created_at desc, lead_id
limit $row_limit
