-- Import: add the good imported leads whose id is new to the database (the known ones were
-- updated by import/write_leads), sorted by lead_id, as create_database stores them (a plain
-- insert keeps that order; MERGE's inserts do not). Params: none.
insert into leads by name
select * exclude (_src, _rec, problems, attributes)
from staged_leads
where
    len(problems) = 0
    -- NOT EXISTS rather than NOT IN (the same rows: a good row's id is never null), as in
    -- import/insert_touchpoints: NOT IN reads every id the table holds.
    and not exists (
        select 1 from leads where leads.lead_id = staged_leads.lead_id
    )
order by lead_id
