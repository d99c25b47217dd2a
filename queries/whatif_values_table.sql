-- The whatif_values table, empty, where a file has none yet: the macro that reads it
-- (visible_whatif_values) needs it to exist, and queries/whatif_values.sql then fills it.
-- Grain and columns as whatif_values.sql. Params: none.
create table if not exists whatif_values (
    owner varchar,
    rule_type varchar,
    match varchar,
    counted integer,
)
