-- Import: update the good imported touchpoints whose id the database already holds, in the
-- columns the mapping fills; the others keep what they held. import/insert_touchpoints adds the
-- new ids after it. Params: $mapped (the touchpoints columns the mapping fills).
-- touchpoint_id has no primary key (writing its index took half the time of a big import). The
-- import keeps the ids unique itself: a repeated id sets all its rows aside (import/touchpoints),
-- a known id is updated here, MERGE refusing to update a row twice, and only ids the table does
-- not hold are inserted.
merge into touchpoints
using (select * from staged_touchpoints where len(problems) = 0) as imported
on imported.touchpoint_id = touchpoints.touchpoint_id
when matched then update set
    lead_id = case
        when list_contains($mapped, 'lead_id') then imported.lead_id else touchpoints.lead_id
    end,
    occurred_at = case
        when list_contains($mapped, 'occurred_at') then imported.occurred_at
        else touchpoints.occurred_at
    end,
    type = case
        when list_contains($mapped, 'type') then imported.type else touchpoints.type
    end,
    campaign_id = case
        when list_contains($mapped, 'campaign_id') then imported.campaign_id
        else touchpoints.campaign_id
    end,
    value = case
        when list_contains($mapped, 'value') then imported.value else touchpoints.value
    end
