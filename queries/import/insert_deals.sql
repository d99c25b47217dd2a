-- Import: add the good imported deals whose id is new to the database (the known ones were
-- updated by import/write_deals), sorted by lead_id, as create_database stores them (a plain
-- insert keeps that order; MERGE's inserts do not). Params: none.
insert into deals by name
-- The ids the table holds already, found by probing it with the import's ids, as in
-- import/insert_touchpoints (NOT IN against the table itself hashes all its ids).
with known as (
    select deal_id
    from deals
    where deal_id in (select deal_id from staged_deals)
)

select * exclude (_src, _rec, problems)
from staged_deals
where len(problems) = 0 and deal_id not in (select deal_id from known)
order by lead_id
