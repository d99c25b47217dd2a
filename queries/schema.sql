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

create table touchpoints (
    touchpoint_id bigint primary key,
    lead_id varchar not null references leads (lead_id),
    occurred_at timestamp not null,
    type varchar not null,
    campaign_id varchar references campaigns (campaign_id),
    value double,  -- e.g. minutes of a webinar watched
);

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

-- Company-size bands used by every split and filter, in the order they are shown.
create macro company_size_band(employees) as
    case
        when employees is null then 'unknown'
        when employees < 10 then '1-9'
        when employees < 50 then '10-49'
        when employees < 250 then '50-249'
        when employees < 1000 then '250-999'
        else '1000+'
    end;

-- The leads the shared filters keep. An empty list means "no filter" for that field.
-- Every page's query reads leads through this macro, so a filter means the same everywhere.
create macro filtered_leads(channels, industries, size_bands, reps) as table
    select
        *,
        company_size_band(company_size) as size_band,
    from leads
    where
        (len(channels) = 0 or list_contains(channels, channel))
        and (len(industries) = 0 or list_contains(industries, industry))
        and (len(size_bands) = 0 or list_contains(size_bands, company_size_band(company_size)))
        and (len(reps) = 0 or list_contains(reps, owner));

-- Filtered leads with the stages each reached, which defines the funnel once for every
-- page: opportunity when it has a deal; won when any of its deals was won; lost when every
-- deal it had was lost; SQL, handoff and MQL from the lead's own timestamps or from a later
-- stage it reached (a lead with a deal was accepted, even where a CRM export lacks the date),
-- so the counts never grow down the funnel.
create macro funnel_leads(channels, industries, size_bands, reps) as table
    with deal_outcomes as (
        select
            lead_id,
            min(created_at) as opportunity_at,
            min(closed_at) filter (where stage = 'won') as won_at,
            case when bool_and(stage = 'lost') then max(closed_at) end as lost_at,
            coalesce(sum(amount) filter (where stage = 'won'), 0) as won_amount,
        from deals
        group by lead_id
    )
    select
        filtered.*,
        campaigns.name as campaign_name,
        deal_outcomes.opportunity_at,
        deal_outcomes.won_at,
        deal_outcomes.lost_at,
        coalesce(deal_outcomes.won_amount, 0) as won_amount,
        deal_outcomes.opportunity_at is not null as is_opportunity,
        is_opportunity or filtered.accepted_at is not null as is_sql,
        is_sql or filtered.handoff_at is not null as is_handoff,
        is_handoff or filtered.mql_at is not null as is_mql,
        deal_outcomes.won_at is not null as is_won,
        deal_outcomes.lost_at is not null as is_lost,
    from filtered_leads(channels, industries, size_bands, reps) as filtered
    left join deal_outcomes using (lead_id)
    left join campaigns using (campaign_id);

-- The segment a lead belongs to when the funnel is split by `dimension`.
create macro lead_segment(dimension, created_at, channel, campaign_name, industry, size_band, owner) as
    case dimension
        when 'all' then 'all leads'
        when 'created_month' then strftime(created_at, '%Y-%m')
        when 'channel' then channel
        when 'campaign' then coalesce(campaign_name, '(no campaign)')
        when 'industry' then coalesce(industry, '(unknown)')
        when 'size_band' then size_band
        when 'rep' then coalesce(owner, '(not handed off)')
    end;
