-- Import: add the good imported leads whose id is new to the database (the known ones
-- were updated by import_write_leads), sorted by lead_id, as create_database
-- stores them. Params: none.
insert into leads (
    lead_id,
    created_at,
    channel,
    campaign_id,
    company,
    industry,
    company_size,
    job_title,
    seniority,
    country,
    owner,
    score_at_handoff,
    mql_at,
    handoff_at,
    first_response_at,
    accepted_at,
    rejected_at,
    rejection_reason,
    recycled_at
)
select
    lead_id,
    created_at,
    channel,
    campaign_id,
    company,
    industry,
    company_size,
    job_title,
    seniority,
    country,
    owner,
    score_at_handoff,
    mql_at,
    handoff_at,
    first_response_at,
    accepted_at,
    rejected_at,
    rejection_reason,
    recycled_at
from staged_leads
where len(problems) = 0 and lead_id not in (select lead_id from leads)
order by lead_id
