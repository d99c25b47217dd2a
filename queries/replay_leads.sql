-- Builds replay_leads: one row per lead as the what-if replay reads it (whatif_leads,
-- whatif_touchpoints): its segment and fit columns and its outcome, staged once when the data
-- is written rather than on every first load of the page. The rows are those of
-- queries/derived/replay_lead_rows.sql for every lead. Derived data, built
-- whole with the database, on an import that replaces the data and at open when its
-- definitions have changed; any other import rewrites only the rows of the leads it changes
-- (queries/derived/replay_leads_update.sql). A page never writes it and reads it through
-- filtered_replay_leads, which applies the viewer's scope. Stored sorted by lead_id.
-- Grain: lead. Params: none.
create or replace table replay_leads as
select * from replay_lead_rows
order by lead_id
