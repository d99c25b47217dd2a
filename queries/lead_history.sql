-- One lead's history, oldest first: its creation, every touchpoint (with the campaign and
-- value), and the lifecycle steps (MQL, handoff to a rep, first response, acceptance or
-- rejection with the reason, disqualification before handoff, recycling, deals with their
-- currency). Looked up by id, so the shared filters do not
-- apply; a lead the viewer may not see has no history. Grain: event. Params: $lead_id.
with lead as (
    select *
    from visible_leads()
    where lead_id = $lead_id
),

events as (
    -- step orders events at the same moment: the touchpoint that made a lead an MQL comes
    -- before the MQL, the lead before its first touchpoint.
    select created_at as happened_at, 0 as step, 'lead created' as event, channel as detail
    from lead
    union all
    select
        touchpoints.occurred_at,
        1,
        replace(touchpoints.type, '_', ' '),
        nullif(
            concat_ws(
                ' · ',
                campaigns.name,
                case when touchpoints.value is not null then 'value ' || touchpoints.value end
            ),
            ''
        ),
    from touchpoints
    semi join lead using (lead_id)
    left join campaigns using (campaign_id)
    where touchpoints.lead_id = $lead_id  -- the semi join decides; this skips row groups
    union all
    select mql_at, 2, 'became an MQL', null from lead where mql_at is not null
    union all
    select
        handoff_at,
        3,
        'handed off to sales',
        concat_ws(' · ', owner, 'score ' || score_at_handoff),
    from lead
    where handoff_at is not null
    union all
    select first_response_at, 4, 'first response from sales', owner
    from lead
    where first_response_at is not null
    union all
    select accepted_at, 5, 'accepted as SQL', owner from lead where accepted_at is not null
    union all
    select rejected_at, 5, 'rejected', coalesce(rejection_reason, '(no reason given)')
    from lead
    where rejected_at is not null
    union all
    select recycled_at, 6, 'sent back to nurture', null
    from lead
    where recycled_at is not null
    union all
    select
        disqualified_at,
        1,
        'disqualified before handoff',
        concat_ws(' · ', coalesce(disqualification_reason, '(no reason given)'), disqualified_by),
    from lead
    where disqualified_at is not null
    union all
    select created_at, 7, 'deal opened', deal_id || ' · ' || amount::integer || ' ' || currency
    from deals
    semi join lead using (lead_id)
    union all
    select closed_at, 8, 'deal ' || stage, concat_ws(' · ', deal_id, lost_reason)
    from deals
    semi join lead using (lead_id)
    where closed_at is not null
),

final as (
    select
        happened_at,
        step,
        event,
        coalesce(detail, '') as detail,
    from events
)

select happened_at, event, detail from final
order by happened_at, step, event
