-- The temporary view replay_lead_rows: the leads derived_lead() keeps, as the
-- what-if replay reads them (queries/replay_leads.sql): each lead's segment and fit columns
-- and its outcome as funnel_leads stages it (queries/macros.sql), so the replay's first load
-- reads one stored row per lead instead of staging every lead and its deals.
-- Grain: lead. Params: none. It reads every lead (funnel_leads through visible_leads), so it is
-- read with viewer_sees_everyone set.
create or replace temp view replay_lead_rows as
select
    lead_id,
    created_at,
    channel,
    industry,
    size_band,
    owner,
    seniority,
    country,
    job_title,
    campaign_id,
    mql_at,
    is_handoff,
    -- Sales' decisions are in the data (not a handoff implied by a deal alone).
    handoff_at is not null or rejected_at is not null as has_handoff_record,
    is_sql,
    not is_sql and rejected_at is not null as is_rejected,
    rejection_reason,
    is_won,
    is_lost,
    home_won_amount::double as won_amount,  -- in home_currency(), never mixed
from funnel_leads([], [], [], [])
where derived_lead(lead_id)
