-- Import: the touchpoints being imported, typed, each with the list of what is wrong with it.
-- Grain: one row per source row. Reads the temporary raw_touchpoints and staged_leads (the
-- leads of this import, already checked). An id that is not a whole number (a CRM's text id)
-- is stored as a number derived from it (import_touchpoint_id). Params: $dates,
-- $decimal_comma, $now, $zone, $gap_hours (as in import/leads), $replace (the leads already in
-- the database will be replaced, so they do not count as known).
with parsed as (
    select
        *,
        import_touchpoint_id(touchpoint_id) as id,
        import_read(occurred_at, $dates.occurred_at, $zone) as occurred_parsed,
        import_number(value, $decimal_comma) as value_n,
    from raw_touchpoints
),

typed as (
    -- Only the timestamps a record can have (import_kept); the others are problems.
    select
        *,
        import_kept(occurred_parsed, $zone, $gap_hours) as occurred_ts,
    from parsed
),

ids as not materialized (
    -- From the raw ids, so `typed` is not materialized for two readers; not materialized itself
    -- either: `repeated` reads the ids again only when a block is crowded.
    select import_touchpoint_id(touchpoint_id) as id,
    from raw_touchpoints
    where touchpoint_id is not null
),

crowded as (
    -- The ids in blocks of 64 consecutive numbers, a bit for each: a block with more rows than
    -- bits set holds a repeated id. CRMs number their records, so a block gathers many rows:
    -- grouping 20 M ids by block took 2.1 s of CPU and 0.3 GB, grouping them by id 5.4 s and
    -- 1.4 GB. (Text ids, stored as scattered numbers, make a block each: still correct.)
    select id - (id & 63) as block,
    from ids
    group by block
    having count(*) > bit_count(bit_or(1::ubigint << (id & 63)::ubigint))
),

repeated as (
    -- Only the rows of crowded blocks are grouped by id: none, when no id is repeated.
    select id,
    from ids
    where id - (id & 63) in (select block from crowded)
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
    -- One lookup of each row's lead (its `ok` is null when no file or table has the lead), and a
    -- membership test for the id: each row of a big file gains no more than two booleans.
    select
        typed.*,
        id in (select id from repeated) as repeated,
        leads_known.ok is not null as lead_seen,
        coalesce(leads_known.ok, false) as lead_ok,
    from typed
    left join leads_known on leads_known.lead_id = typed.lead_id
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
                        case when bad_time then import_read_problem('occurred_at', occurred_at, $dates.occurred_at, $zone, $gap_hours) end,
                        case when future then import_problem('occurred_at', occurred_at, 'future', null, null) end,
                        case when no_type then import_problem('type', null, 'required', null, null) end,
                        case when bad_value then import_number_problem('value', value, $decimal_comma) end,
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
