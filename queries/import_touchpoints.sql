-- Import: the touchpoints being imported, typed, each with the list of what is wrong with it.
-- Grain: one row per source row. Reads the temporary raw_touchpoints and staged_leads (the
-- leads of this import, already checked). An id that is not a whole number (a CRM's text id)
-- is stored as a number derived from it. Params: $formats, $decimal_comma, $now, $replace (the
-- leads already in the database will be replaced, so they do not count as known).
with typed as (
    select
        *,
        coalesce(try_cast(touchpoint_id as bigint), (hash(touchpoint_id) >> 1)::bigint) as id,
        import_timestamp(occurred_at, $formats) as occurred_ts,
        import_number(value, $decimal_comma) as value_n,
    from raw_touchpoints
),

repeated as (
    -- From the raw ids, so `typed` is not materialized for two readers.
    select coalesce(try_cast(touchpoint_id as bigint), (hash(touchpoint_id) >> 1)::bigint) as id,
    from raw_touchpoints
    where touchpoint_id is not null
    group by id
    having count(*) > 1
),

leads_known as (
    select lead_id, bool_or(ok) as ok
    from (
        select lead_id, len(problems) = 0 as ok from staged_leads
        union all
        select lead_id, true from leads where not $replace
    )
    group by lead_id
),

linked as (
    -- Membership tests, not joins: each row of a big file carries no more than two booleans.
    select
        *,
        id in (select id from repeated) as repeated,
        lead_id in (select lead_id from leads_known) as lead_seen,
        lead_id in (select lead_id from leads_known where ok) as lead_ok,
    from typed
),

flagged as (
    select
        *,
        touchpoint_id is null as no_id,
        lead_id is null as no_lead,
        lead_id is not null and not lead_seen as orphan,
        lead_seen and not lead_ok as lead_set_aside,
        occurred_at is null as no_time,
        occurred_at is not null and occurred_ts is null as bad_time,
        occurred_ts > $now as future,
        type is null as no_type,
        value is not null and value_n is null as bad_value,
    from linked
),

checked as (
    -- The list is built only for rows with a problem: most rows of a big file have none.
    select
        *,
        case
            when no_id or repeated or no_lead or orphan or lead_set_aside or no_time or bad_time
                or future or no_type or bad_value
                then list_filter(
                    [
                        case when no_id then import_problem('touchpoint_id', null, 'required', null, null) end,
                        case when repeated then import_problem('touchpoint_id', touchpoint_id, 'duplicate', null, null) end,
                        case when no_lead then import_problem('lead_id', null, 'required', null, null) end,
                        case when orphan then import_problem('lead_id', lead_id, 'orphan', null, null) end,
                        case when lead_set_aside then import_problem('lead_id', lead_id, 'lead_set_aside', null, null) end,
                        case when no_time then import_problem('occurred_at', null, 'required', null, null) end,
                        case when bad_time then import_problem('occurred_at', occurred_at, 'not_a_date', null, null) end,
                        case when future then import_problem('occurred_at', occurred_at, 'future', null, null) end,
                        case when no_type then import_problem('type', null, 'required', null, null) end,
                        case when bad_value then import_problem('value', value, 'not_a_number', null, null) end,
                    ],
                    lambda problem: problem is not null
                )
            else []
        end as problems,
    from flagged
),

final as (
    select
        _src,
        _rec,
        id as touchpoint_id,
        lead_id,
        occurred_ts as occurred_at,
        type,
        campaign_id,
        value_n as value,
        problems,
    from checked
)

select * from final
