-- The funnel_days table, empty, where a file has none yet (a new file, or one made before the
-- table existed): the macros that read it (filtered_funnel_days) need it to exist, and
-- queries/funnel_days.sql then fills it. Grain and columns as funnel_days.sql. Params: none.
create table if not exists funnel_days (
    day date,
    stage varchar,
    channel varchar,
    industry varchar,
    size_band varchar,
    owner varchar,
    leads integer,
    amount decimal(38, 2),
)
