-- The temporary view whatif_value_counts: for the leads derived_lead() keeps, how often each
-- rep's leads hold each value a what-if weight can be given: each touchpoint type (the lead
-- months with one, from lead_month_touches) and each fit value (leads with the industry,
-- company size band, seniority, country or job title, from replay_leads). whatif_rules lists
-- the values the viewer's leads hold from these counts instead of scanning every touchpoint:
-- only whether a count is above 0 matters. Read from the two derived tables, so it runs once
-- they hold the leads as the data now stands.
-- Grain: owner × rule_type × match. Params: none.
create or replace temp view whatif_value_counts as
with changed as (
    select *
    from replay_leads
    where derived_lead(lead_id)
),

values_of_leads as (
    select changed.owner, 'touchpoint' as rule_type, lead_month_touches.type as match
    from lead_month_touches
    join changed using (lead_id)
    union all
    select owner, 'industry', industry from changed where industry is not null
    union all
    select owner, 'company_size_band', size_band from changed
    union all
    select owner, 'seniority', seniority from changed where seniority is not null
    union all
    select owner, 'country', country from changed where country is not null
    union all
    select owner, 'job_title', job_title from changed where job_title is not null
)

select
    owner,
    rule_type,
    match,
    count(*)::integer as counted,
from values_of_leads
group by all
