-- Import: add the good imported leads whose id is new to the database (the known ones were
-- updated by import/write_leads), sorted by lead_id, as create_database stores them (a plain
-- insert keeps that order; MERGE's inserts do not). Params: none.
insert into leads by name
select * exclude (_src, _rec, problems, attributes)
from staged_leads
where len(problems) = 0 and lead_id not in (select lead_id from leads)
order by lead_id
