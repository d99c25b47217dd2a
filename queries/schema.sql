-- The Leadflow data model. Applied by leadflow.db.create_database on an empty file.
-- All timestamps are local time in Europe/Warsaw (the sla_policy time zone), without offset.
-- Amounts are in their deal's currency (deals.currency, an ISO 4217 code; PLN by default):
-- amounts in different currencies are never added up.

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
    -- Closed before it reached sales (by marketing or an SDR): not a sales rejection.
    disqualified_at timestamp check (disqualified_at >= created_at),
    disqualification_reason varchar,
    disqualified_by varchar,  -- who closed it: a marketer's or SDR's name, or a team
    lead_status varchar,  -- the CRM's own status (new, working, qualified, disqualified, …)
    check (handoff_at is null or owner is not null),
    check (accepted_at is null or rejected_at is null),
    check (rejection_reason is null or rejected_at is not null),
    check (disqualification_reason is null or disqualified_at is not null),
    check (disqualified_by is null or disqualified_at is not null),
    -- A disqualified lead reaches sales only after it was recycled: handed off later than the
    -- disqualification and recycled since. Handed off first, it is sales' to reject instead.
    check (
        disqualified_at is null
        or handoff_at is null
        or (handoff_at > disqualified_at and recycled_at >= disqualified_at)
    ),
);

-- Extra columns of a leads file the mapping keeps ("attributes"), one row per lead and column:
-- text or number, whichever the mapping declared. No foreign key, like touchpoints: the import
-- writes only the attributes of leads it writes, and a replacing import empties the table.
create table lead_attributes (
    lead_id varchar not null,
    name varchar not null,  -- the column's header in their file, e.g. 'Lead Origin'
    text_value varchar,
    number_value double,
    primary key (lead_id, name),
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
-- calendar month and type, for the what-if replay. Derived data, defined by
-- queries/lead_month_touches.sql and kept in step with the touchpoints by leadflow.db.derived
-- (with replay_leads, funnel_days and whatif_values).

create table deals (
    deal_id varchar primary key,
    lead_id varchar not null references leads (lead_id),
    created_at timestamp not null,
    closed_at timestamp check (closed_at >= created_at),
    stage varchar not null check (stage in ('open', 'won', 'lost')),
    amount decimal(14, 2) not null check (amount >= 0),
    lost_reason varchar,
    currency varchar not null default 'PLN' check (regexp_full_match(currency, '[A-Z]{3}')),
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
