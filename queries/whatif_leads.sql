-- The leads the simulator replays: created in the period, in the chosen channels, industries
-- and company sizes (the rep filter does not apply: leads a candidate would newly pass have no
-- rep yet). One row per lead, ordered by lead_id: a lead's row position is its lead_index in
-- whatif_touchpoints (not returned: a numbering window would sort every column of the cohort
-- a second time). Months are counted from the month of $start (0). Fit attributes come as
-- 1-based positions in the $*_values lists (0: no value, or not listed). has_handoff_record: the
-- lead has a handoff date or a rejection, where is_handoff also counts a handoff a deal implies.
-- marketing_cost is the
-- lead's share of its campaign's cost in the month it was created (cost / the campaign's
-- leads that month). Read from replay_leads, each lead's columns and outcome staged when the
-- data was written (queries/replay_leads.sql).
-- Grain: lead. Params: $start, $end, $channels, $industries, $size_bands, $industry_values,
-- $size_band_values, $seniority_values, $country_values, $job_title_values.
with cohort as (
    select *
    from filtered_replay_leads($channels, $industries, $size_bands)
    where in_period(created_at, $start, $end)
),

campaign_month_leads as (
    select
        campaign_id,
        date_trunc('month', created_at)::date as month,
        count(*) as leads,
    from filtered_replay_leads([], [], [])
    where campaign_id is not null
    group by all
),

cost_per_lead as (
    select
        campaign_costs.campaign_id,
        campaign_costs.month,
        campaign_costs.cost::double / campaign_month_leads.leads as cost_per_lead,
    from campaign_costs
    join campaign_month_leads using (campaign_id, month)
),

final as (
    select
        cohort.lead_id,
        (
            (year(cohort.created_at) - year($start::date)) * 12
            + month(cohort.created_at) - month($start::date)
        )::smallint as created_month,
        (
            (year(cohort.mql_at) - year($start::date)) * 12
            + month(cohort.mql_at) - month($start::date)
        )::smallint as recorded_mql_month,
        cohort.is_handoff,
        cohort.has_handoff_record,
        cohort.is_sql,
        cohort.is_rejected,
        cohort.rejection_reason,
        cohort.is_won,
        cohort.is_lost,
        cohort.won_amount,
        coalesce(cost_per_lead.cost_per_lead, 0) as marketing_cost,
        coalesce(list_position($industry_values, cohort.industry), 0)::smallint as industry,
        coalesce(list_position($size_band_values, cohort.size_band), 0)::smallint as size_band,
        coalesce(list_position($seniority_values, cohort.seniority), 0)::smallint as seniority,
        coalesce(list_position($country_values, cohort.country), 0)::smallint as country,
        coalesce(list_position($job_title_values, cohort.job_title), 0)::smallint as job_title,
    from cohort
    left join cost_per_lead
        on cost_per_lead.campaign_id = cohort.campaign_id
        and cost_per_lead.month = date_trunc('month', cohort.created_at)::date
)

select * exclude (lead_id) from final
order by lead_id
