-- Import: the deals being imported, typed, each with the list of what is wrong with it.
-- Grain: one row per source row. Reads the temporary raw_deals and staged_leads (the leads of
-- this import, already checked). Params: $dates, $decimal_comma, $now, $zone, $gap_hours (as
-- in import/leads), $replace (the leads already in the database will be replaced, so they do not
-- count as known), $currency (the currency of a deal whose file names none).
with parsed as (
    select
        *,
        import_read(created_at, $dates.created_at, $zone) as created_parsed,
        import_read(closed_at, $dates.closed_at, $zone) as closed_parsed,
        import_number(amount, $decimal_comma) as amount_n,
        coalesce(upper(currency), $currency) as currency_code,
        count(*) over (partition by deal_id) as id_rows,
    from raw_deals
),

typed as (
    -- Only the timestamps a record can have (import_kept); the others are problems.
    select
        *,
        import_kept(created_parsed, $zone, $gap_hours) as created_ts,
        import_kept(closed_parsed, $zone, $gap_hours) as closed_ts,
    from parsed
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
    select
        typed.*,
        leads_known.lead_id is not null as lead_seen,
        coalesce(leads_known.ok, false) as lead_ok,
    from typed
    left join leads_known on leads_known.lead_id = typed.lead_id
),

checked as (
    select
        *,
        list_filter(
            [
                case when deal_id is null then import_problem('deal_id', null, 'required', null, null) end,
                case when deal_id is not null and id_rows > 1 then import_problem('deal_id', deal_id, 'duplicate', null, null) end,
                case when lead_id is null then import_problem('lead_id', null, 'required', null, null) end,
                case when lead_id is not null and not lead_seen then import_problem('lead_id', lead_id, 'orphan', null, null) end,
                case when lead_seen and not lead_ok then import_problem('lead_id', lead_id, 'lead_set_aside', null, null) end,
                case when created_at is null then import_problem('created_at', null, 'required', null, null) end,
                case when created_at is not null and created_ts is null then import_read_problem('created_at', created_at, $dates.created_at, $zone, $gap_hours) end,
                case when created_ts > $now then import_problem('created_at', created_at, 'future', null, null) end,
                case when closed_at is not null and closed_ts is null then import_read_problem('closed_at', closed_at, $dates.closed_at, $zone, $gap_hours) end,
                case when closed_ts > $now then import_problem('closed_at', closed_at, 'future', null, null) end,
                case when closed_ts < created_ts then import_problem('closed_at', closed_at, 'before', 'created_at', created_at) end,
                case when stage is null then import_problem('stage', null, 'required', null, null) end,
                case when stage not in ('open', 'won', 'lost') then import_problem('stage', stage, 'unknown_stage', null, null) end,
                case when stage = 'open' and closed_at is not null then import_problem('closed_at', closed_at, 'open_with_close_date', null, null) end,
                case when stage in ('won', 'lost') and closed_at is null then import_problem('closed_at', null, 'closed_without_date', 'stage', stage) end,
                case when amount is null then import_problem('amount', null, 'required', null, null) end,
                case when amount is not null and amount_n is null then import_number_problem('amount', amount, $decimal_comma) end,
                case when abs(amount_n) >= 1e12 then import_problem('amount', amount, 'too_large', null, '999,999,999,999.99') end,
                case when amount_n < 0 then import_problem('amount', amount, 'negative', null, null) end,
                case when lost_reason is not null and stage <> 'lost' then import_problem('lost_reason', lost_reason, 'reason_not_lost', 'stage', stage) end,
                case when not regexp_full_match(currency_code, '[A-Z]{3}') then import_problem('currency', currency, 'not_a_currency', null, null) end,
            ],
            lambda problem: problem is not null
        ) as problems,
    from linked
),

final as (
    select
        _src,
        _rec,
        deal_id,
        lead_id,
        created_ts as created_at,
        closed_ts as closed_at,
        stage,
        try_cast(amount_n as decimal(14, 2)) as amount,
        lost_reason,
        currency_code as currency,
        problems,
    from checked
)

select * from final
