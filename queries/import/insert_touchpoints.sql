-- Import: add the good imported touchpoints whose id is new to the database (the known ones
-- were updated by import/write_touchpoints), sorted by lead_id, occurred_at, as create_database
-- stores them. Not a branch of that MERGE: MERGE inserts its rows out of order (a 20 M row
-- import left 1,236 leads' touchpoints in pieces, one 13 M rows apart). Params: none.
insert into touchpoints by name
-- The ids the table holds already, found by probing it with the import's ids: NOT IN or NOT
-- EXISTS against the table itself hashed all its ids (1.7-3.3 s at 20 M touchpoints, for
-- any size of import, none at all included); this takes 0.002-0.1 s.
with known as (
    select touchpoint_id
    from touchpoints
    where touchpoint_id in (select touchpoint_id from staged_touchpoints)
)

select * exclude (_src, _rec, problems)
from staged_touchpoints
where len(problems) = 0 and touchpoint_id not in (select touchpoint_id from known)
order by lead_id, occurred_at
