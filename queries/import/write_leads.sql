-- Import: update the good imported leads whose id the database already holds, in the columns
-- the mapping fills; the others keep what they held. import/insert_leads adds the new ids after
-- it. Params: $mapped (the leads columns the mapping fills).
-- A known lead keeps its campaign: DuckDB cannot change an indexed column (campaign_id, a
-- foreign key) of a row other tables refer to (the report counts such leads).
merge into leads
using (select * from staged_leads where len(problems) = 0) as imported
on imported.lead_id = leads.lead_id
when matched then update set
    created_at = case
        when list_contains($mapped, 'created_at') then imported.created_at else leads.created_at
    end,
    channel = case
        when list_contains($mapped, 'channel') then imported.channel else leads.channel
    end,
    company = case
        when list_contains($mapped, 'company') then imported.company else leads.company
    end,
    industry = case
        when list_contains($mapped, 'industry') then imported.industry else leads.industry
    end,
    company_size = case
        when list_contains($mapped, 'company_size') then imported.company_size
        else leads.company_size
    end,
    job_title = case
        when list_contains($mapped, 'job_title') then imported.job_title else leads.job_title
    end,
    seniority = case
        when list_contains($mapped, 'seniority') then imported.seniority else leads.seniority
    end,
    country = case
        when list_contains($mapped, 'country') then imported.country else leads.country
    end,
    owner = case
        when list_contains($mapped, 'owner') then imported.owner else leads.owner
    end,
    score_at_handoff = case
        when list_contains($mapped, 'score_at_handoff') then imported.score_at_handoff
        else leads.score_at_handoff
    end,
    mql_at = case
        when list_contains($mapped, 'mql_at') then imported.mql_at else leads.mql_at
    end,
    handoff_at = case
        when list_contains($mapped, 'handoff_at') then imported.handoff_at else leads.handoff_at
    end,
    first_response_at = case
        when list_contains($mapped, 'first_response_at') then imported.first_response_at
        else leads.first_response_at
    end,
    accepted_at = case
        when list_contains($mapped, 'accepted_at') then imported.accepted_at else leads.accepted_at
    end,
    rejected_at = case
        when list_contains($mapped, 'rejected_at') then imported.rejected_at else leads.rejected_at
    end,
    rejection_reason = case
        when list_contains($mapped, 'rejection_reason') then imported.rejection_reason
        else leads.rejection_reason
    end,
    recycled_at = case
        when list_contains($mapped, 'recycled_at') then imported.recycled_at else leads.recycled_at
    end,
    disqualified_at = case
        when list_contains($mapped, 'disqualified_at') then imported.disqualified_at
        else leads.disqualified_at
    end,
    disqualification_reason = case
        when list_contains($mapped, 'disqualification_reason')
            then imported.disqualification_reason
        else leads.disqualification_reason
    end,
    disqualified_by = case
        when list_contains($mapped, 'disqualified_by') then imported.disqualified_by
        else leads.disqualified_by
    end,
    lead_status = case
        when list_contains($mapped, 'lead_status') then imported.lead_status else leads.lead_status
    end
