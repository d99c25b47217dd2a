-- The Leadflow data model. Applied by leadflow.db.create_database on an empty file.
-- All timestamps are local time in Europe/Warsaw (the sla_policy time zone), without offset.
-- Amounts are PLN.

create table dataset_info (
    -- One row: which data this file holds. `version` changes on every load and is part
    -- of every cache key, so no page shows numbers from before an import.
    version bigint not null,
    source varchar not null,
    as_of timestamp not null,  -- the moment the data describes ("today" for the data)
    loaded_at timestamp not null,
);

create table campaigns (
    campaign_id varchar primary key,
    name varchar not null,
    channel varchar not null,
);

create table campaign_costs (
    campaign_id varchar not null references campaigns (campaign_id),
    month date not null check (day(month) = 1),
    cost decimal(14, 2) not null check (cost >= 0),
    primary key (campaign_id, month),
);

create table leads (
    lead_id varchar primary key,
    created_at timestamp not null,
    channel varchar not null,
    campaign_id varchar references campaigns (campaign_id),
    company varchar,
    industry varchar,
    company_size integer check (company_size >= 1),  -- employees
    job_title varchar,
    seniority varchar,
    country varchar,
    owner varchar,  -- the sales rep the lead was handed to
    score_at_handoff integer,  -- the score that made it an MQL, passed to sales with it
    mql_at timestamp check (mql_at >= created_at),
    handoff_at timestamp check (handoff_at >= mql_at),
    first_response_at timestamp check (first_response_at >= handoff_at),
    accepted_at timestamp check (accepted_at >= handoff_at),  -- became an SQL
    rejected_at timestamp check (rejected_at >= handoff_at),
    rejection_reason varchar,  -- may be null: a rejection without a reason is an SLA breach
    recycled_at timestamp check (recycled_at >= rejected_at),  -- sent back to nurture
    check (handoff_at is null or owner is not null),
    check (accepted_at is null or rejected_at is null),
    check (rejection_reason is null or rejected_at is not null),
);

-- Touchpoints are the one big table (20 touchpoints a lead): its lead_id and campaign_id carry
-- no foreign key, because checking one per row halved the import's speed, and touchpoint_id no
-- primary key, whose index took half of what remained. The import checks every touchpoint's
-- lead and campaign before writing and sets orphans aside, and keeps the ids unique: it sets
-- repeated ids aside and updates known ones (import_touchpoints, import_write_touchpoints,
-- tests/test_load*); the demo numbers them 1, 2, 3… (tests/test_demo.py).
create table touchpoints (
    touchpoint_id bigint not null,
    lead_id varchar not null,
    occurred_at timestamp not null,
    type varchar not null,
    campaign_id varchar,
    value double,  -- e.g. minutes of a webinar watched
);

-- lead_month_touches (lead_id, month, type, touchpoints): the touchpoints counted per lead,
-- calendar month and type, for the what-if replay. Derived data, defined and rebuilt whole by
-- queries/lead_month_touches.sql whenever touchpoints are written (leadflow.db).

create table deals (
    deal_id varchar primary key,
    lead_id varchar not null references leads (lead_id),
    created_at timestamp not null,
    closed_at timestamp check (closed_at >= created_at),
    stage varchar not null check (stage in ('open', 'won', 'lost')),
    amount decimal(14, 2) not null check (amount >= 0),
    lost_reason varchar,
    check ((stage = 'open') = (closed_at is null)),
    check (lost_reason is null or stage = 'lost'),
);

create table sql_targets (
    month date primary key check (day(month) = 1),
    target integer not null check (target >= 0),
);

create table scoring_rules (
    -- Points per touchpoint type and per fit attribute, versioned by the date a rule set
    -- took effect. rule_type is 'touchpoint' (match = touchpoint type) or a fit attribute:
    -- 'industry', 'company_size_band', 'seniority', 'country', 'job_title'.
    valid_from date not null,
    rule_type varchar not null,
    match varchar not null,
    points integer not null,
    primary key (valid_from, rule_type, match),
);

create table scoring_thresholds (
    valid_from date primary key,
    mql_threshold integer not null check (mql_threshold > 0),
    decay_half_life_days integer check (decay_half_life_days > 0),  -- null: no decay
);

create table sla_policy (
    valid_from date primary key,
    response_hours double not null check (response_hours > 0),  -- allowed, in business hours
    workday_start time not null,
    workday_end time not null check (workday_end > workday_start),
    workdays varchar not null,  -- ISO weekdays that are working days, e.g. '1,2,3,4,5'
    time_zone varchar not null,
);

create table public_holidays (
    day date primary key,
    name varchar not null,
);

-- Who may sign in when login is configured, and what they see: a manager everything, a sales
-- rep only the leads they own (leads.owner = rep). Anyone not listed sees nothing.
create table app_users (
    email varchar primary key,  -- as the identity provider gives it, lower case
    role varchar not null check (role in ('manager', 'rep')),
    rep varchar,  -- the rep's name as in leads.owner
    check (role = 'manager' or rep is not null),
);

-- Every change to a team setting (the tables above from campaign_costs on): who made it (the
-- signed-in e-mail, 'command line', 'open app', or 'defaults' for what a new database got),
-- when, and what. A setting whose latest change is a default's is shown as the default.
-- Databases made before this table get it on their first settings write (leadflow.db).
create table settings_log (
    changed_at timestamp not null,
    changed_by varchar not null,
    setting varchar not null,
    change varchar not null,
    is_default boolean not null,
);
