-- derived_lead(lead_id), the test of which leads the derived tables' views count: after an
-- import, the leads it changes (the temporary table derived_leads, queries/import/
-- derived_leads.sql), so the views count those leads alone. Params: none.
create or replace temp macro derived_lead(lead_id) as
    lead_id in (select derived_leads.lead_id from derived_leads)
