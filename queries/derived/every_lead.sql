-- derived_lead(lead_id), the test of which leads the derived tables' views count: every lead,
-- when the derived tables are built whole (leadflow.db.derived). A macro, not a table of every
-- lead: the views' filter folds away, and a whole build scans the data as it is. Params: none.
create or replace temp macro derived_lead(lead_id) as true
