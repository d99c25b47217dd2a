-- The lead_month_touches table, empty, where a file has none yet (one made before the table
-- existed): the views that count from it need it to exist, and queries/lead_month_touches.sql
-- then fills it. Grain and columns as lead_month_touches.sql. Params: none.
create table if not exists lead_month_touches (
    lead_id varchar,
    month date,
    type varchar,
    touchpoints integer,
)
