-- What whatif_value_counts says for the leads of derived_leads before an import writes them
-- (lead_month_touches and replay_leads still hold them as they were), for
-- queries/derived/whatif_values_update.sql to take off once it has. Params: none.
create or replace temp table whatif_values_before as
select * from whatif_value_counts
