-- Builds whatif_values: how often each rep's leads hold each value a what-if weight can be
-- given (queries/derived/whatif_value_counts.sql for every lead), so
-- whatif_rules reads a few hundred rows instead of every touchpoint. Derived data, built whole
-- after lead_month_touches and replay_leads, which it counts from; any other import changes
-- only the counts of the leads it changes (queries/derived/whatif_values_update.sql). A page
-- reads it through visible_whatif_values, which applies the viewer's scope.
-- Grain: owner × rule_type × match. Params: none.
create or replace table whatif_values as
select * from whatif_value_counts
order by all
