-- The replay_leads table, empty, where a file has none yet (a new file, or one made before the
-- table existed): the macro that reads it (filtered_replay_leads) needs it to exist, and
-- queries/replay_leads.sql then fills it. Grain and columns as replay_leads.sql. Params: none.
create table if not exists replay_leads (
    lead_id varchar,
    created_at timestamp,
    channel varchar,
    industry varchar,
    size_band varchar,
    owner varchar,
    seniority varchar,
    country varchar,
    job_title varchar,
    campaign_id varchar,
    mql_at timestamp,
    is_handoff boolean,
    has_handoff_record boolean,
    is_sql boolean,
    is_rejected boolean,
    rejection_reason varchar,
    is_won boolean,
    is_lost boolean,
    won_amount double,
)
