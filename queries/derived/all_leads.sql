-- Every lead, in the temporary table derived_leads: what the derived tables are built from when
-- they are built whole (leadflow.db.derived). Run with viewer_sees_everyone set.
-- Grain: lead. Params: none.
create or replace temp table derived_leads as
select lead_id from visible_leads()
