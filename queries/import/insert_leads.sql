-- Import: add the good imported leads whose id is new to the database (the known ones were
-- updated by import/write_leads), sorted by lead_id, as create_database stores them (a plain
-- insert keeps that order; MERGE's inserts do not). Params: none.
insert into leads by name
-- The ids the table holds already, found by probing it with the import's ids, as in
-- import/insert_touchpoints (NOT IN against the table itself hashes all its ids).
with known as (
    select lead_id
    from leads
    where lead_id in (select lead_id from staged_leads)
)

select * exclude (_src, _rec, problems, attributes)
from staged_leads
where len(problems) = 0 and lead_id not in (select lead_id from known)
order by lead_id
