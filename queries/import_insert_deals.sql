-- Import: add the good imported deals whose id is new to the database (the known ones
-- were updated by import_write_deals), sorted by lead_id, as create_database
-- stores them. Params: none.
insert into deals (
    deal_id,
    lead_id,
    created_at,
    closed_at,
    stage,
    amount,
    lost_reason
)
select
    deal_id,
    lead_id,
    created_at,
    closed_at,
    stage,
    amount,
    lost_reason
from staged_deals
where len(problems) = 0 and deal_id not in (select deal_id from deals)
order by lead_id
