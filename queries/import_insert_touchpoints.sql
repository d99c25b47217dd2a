-- Import: add the good imported touchpoints whose id is new to the database (the known ones
-- were updated by import_write_touchpoints), sorted by lead_id, occurred_at, as create_database
-- stores them. Params: none.
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
where len(problems) = 0 and touchpoint_id not in (select touchpoint_id from touchpoints)
order by lead_id, occurred_at
