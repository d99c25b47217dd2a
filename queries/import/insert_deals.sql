-- Import: add the good imported deals whose id is new to the database (the known ones were
-- updated by import/write_deals), sorted by lead_id, as create_database stores them (a plain
-- insert keeps that order; MERGE's inserts do not). Params: none.
insert into deals by name
select * exclude (_src, _rec, problems)
from staged_deals
where len(problems) = 0 and deal_id not in (select deal_id from deals)
order by lead_id
