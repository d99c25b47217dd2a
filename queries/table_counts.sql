-- How many rows each data table holds (leads: those the viewer may see), so a page can say
-- plainly which data it is missing; 'handoffs' counts the leads with a handoff date, which
-- the conversion, SLA and rejection pages need.
-- Grain: table. Params: none.
with final as (
    select 'leads' as table_name, count(*) as row_count from visible_leads()
    union all
    select 'handoffs', count(*) from visible_leads() where handoff_at is not null
    union all
    select 'touchpoints', count(*) from touchpoints
    union all
    select 'deals', count(*) from deals
    union all
    select 'campaigns', count(*) from campaigns
    union all
    select 'campaign_costs', count(*) from campaign_costs
    union all
    select 'sql_targets', count(*) from sql_targets
    union all
    select 'scoring_rules', count(*) from scoring_rules
    union all
    select 'scoring_thresholds', count(*) from scoring_thresholds
    union all
    select 'sla_policy', count(*) from sla_policy
)

select * from final
