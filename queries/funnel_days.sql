-- Builds funnel_days: how many leads reached each headline stage on each day, per segment the
-- sidebar filters by, so the landing page's headline sums a few hundred thousand rows instead
-- of staging a million leads on every view (issue 16: 50 ms at 1 M leads). The counts are
-- those of queries/derived/funnel_day_counts.sql for every lead. Derived
-- data, built whole with the database, on an import that replaces the data, and at open when
-- the definitions it was built with have changed; any other import updates only the rows of
-- the leads it changes (queries/derived/funnel_days_update.sql). A page never writes it.
-- Stored by day, so a period's headline skips the row groups of other days.
-- Grain: day × stage × channel × industry × size band × rep. Params: none.
create or replace table funnel_days as
select * from funnel_day_counts
order by day
