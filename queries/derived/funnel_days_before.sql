-- What funnel_day_counts says for the leads of derived_leads before an import writes them, for
-- queries/derived/funnel_days_update.sql to take off once it has. Params: none.
create or replace temp table funnel_days_before as
select * from funnel_day_counts
