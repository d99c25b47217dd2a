-- Import: the leads whose derived rows (leadflow.db.derived: lead_month_touches, funnel_days)
-- this import changes, in the temporary table derived_leads. Read before the import writes, so
-- it holds both ids of a touchpoint or a deal the import moves to another lead: every good
-- staged lead, the leads of the good staged touchpoints and deals, and the leads those
-- touchpoints and deals belong to now. Params: none.
create or replace temp table derived_leads as
select lead_id from staged_leads where len(problems) = 0
union
select lead_id from staged_touchpoints where len(problems) = 0
union
select touchpoints.lead_id
from touchpoints
where touchpoint_id in (
    select touchpoint_id from staged_touchpoints where len(problems) = 0
)
union
select lead_id from staged_deals where len(problems) = 0
union
select deals.lead_id
from deals
where deal_id in (select deal_id from staged_deals where len(problems) = 0)
