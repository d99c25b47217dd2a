-- The temporary view whatif_value_counts: for the leads of the temporary table derived_leads,
-- how many of each rep's leads hold each value a what-if weight can be given: each touchpoint
-- type they had (from lead_month_touches) and each fit value (industry, company size band,
-- seniority, country, job title; from replay_leads). whatif_rules lists the values the viewer's
-- leads hold from these counts instead of scanning every touchpoint. Read from the two derived
-- tables, so it runs once they hold the leads as the data now stands.
-- Grain: owner × rule_type × match. Params: none.
create or replace temp view whatif_value_counts as
with changed as (
    select *
    from replay_leads
    where lead_id in (select lead_id from derived_leads)
),

types_of_leads as (
    select distinct lead_id, type
    from lead_month_touches
    where lead_id in (select lead_id from derived_leads)
),

values_of_leads as (
    select changed.owner, 'touchpoint' as rule_type, types_of_leads.type as match
    from types_of_leads
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
    count(*)::integer as leads,
from values_of_leads
group by all
