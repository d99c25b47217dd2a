-- Import: update the good imported leads whose id the database already holds, in the
-- columns the mapping fills; the others keep what they held. Runs before
-- import_insert_leads, which adds the new ids with a plain insert (twice as fast as one
-- with ON CONFLICT). Params: $mapped (the leads columns the mapping fills).
-- A known lead keeps its campaign: DuckDB cannot change an indexed column (campaign_id, a
-- foreign key) of a row other tables refer to (the report counts such leads).
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
where len(problems) = 0 and lead_id in (select lead_id from leads)
on conflict (lead_id) do update set
    created_at = case
        when list_contains($mapped, 'created_at') then excluded.created_at else leads.created_at
    end,
    channel = case
        when list_contains($mapped, 'channel') then excluded.channel else leads.channel
    end,
    company = case
        when list_contains($mapped, 'company') then excluded.company else leads.company
    end,
    industry = case
        when list_contains($mapped, 'industry') then excluded.industry else leads.industry
    end,
    company_size = case
        when list_contains($mapped, 'company_size') then excluded.company_size else leads.company_size
    end,
    job_title = case
        when list_contains($mapped, 'job_title') then excluded.job_title else leads.job_title
    end,
    seniority = case
        when list_contains($mapped, 'seniority') then excluded.seniority else leads.seniority
    end,
    country = case
        when list_contains($mapped, 'country') then excluded.country else leads.country
    end,
    owner = case
        when list_contains($mapped, 'owner') then excluded.owner else leads.owner
    end,
    score_at_handoff = case
        when list_contains($mapped, 'score_at_handoff') then excluded.score_at_handoff else leads.score_at_handoff
    end,
    mql_at = case
        when list_contains($mapped, 'mql_at') then excluded.mql_at else leads.mql_at
    end,
    handoff_at = case
        when list_contains($mapped, 'handoff_at') then excluded.handoff_at else leads.handoff_at
    end,
    first_response_at = case
        when list_contains($mapped, 'first_response_at') then excluded.first_response_at else leads.first_response_at
    end,
    accepted_at = case
        when list_contains($mapped, 'accepted_at') then excluded.accepted_at else leads.accepted_at
    end,
    rejected_at = case
        when list_contains($mapped, 'rejected_at') then excluded.rejected_at else leads.rejected_at
    end,
    rejection_reason = case
        when list_contains($mapped, 'rejection_reason') then excluded.rejection_reason else leads.rejection_reason
    end,
    recycled_at = case
        when list_contains($mapped, 'recycled_at') then excluded.recycled_at else leads.recycled_at
    end
