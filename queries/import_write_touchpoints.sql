-- Import: update the good imported touchpoints whose id the database already holds, in the
-- columns the mapping fills; the others keep what they held. Runs before
-- import_insert_touchpoints, which adds the new ids with a plain insert (twice as fast as one
-- with ON CONFLICT). Params: $mapped (the touchpoints columns the mapping fills).
insert into touchpoints (
    touchpoint_id,
    lead_id,
    occurred_at,
    type,
    campaign_id,
    value
)
select
    touchpoint_id,
    lead_id,
    occurred_at,
    type,
    campaign_id,
    value
from staged_touchpoints
where len(problems) = 0 and touchpoint_id in (select touchpoint_id from touchpoints)
on conflict (touchpoint_id) do update set
    lead_id = case
        when list_contains($mapped, 'lead_id') then excluded.lead_id else touchpoints.lead_id
    end,
    occurred_at = case
        when list_contains($mapped, 'occurred_at') then excluded.occurred_at else touchpoints.occurred_at
    end,
    type = case
        when list_contains($mapped, 'type') then excluded.type else touchpoints.type
    end,
    campaign_id = case
        when list_contains($mapped, 'campaign_id') then excluded.campaign_id else touchpoints.campaign_id
    end,
    value = case
        when list_contains($mapped, 'value') then excluded.value else touchpoints.value
    end
