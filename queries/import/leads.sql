-- Import: the leads being imported, typed, each with the list of what is wrong with it (empty
-- when the row can be written). Grain: one row per source row. Reads the temporary raw_leads
-- (text as the mapping took it from the files). Params: $dates (per column, how its times are
-- read: the declared format or the file's formats after ISO 8601, and the zone they are in; see
-- import_read), $decimal_comma, $now (later timestamps are in the future), $zone (the app's time
-- zone, which every time is converted to) and $gap_hours (see import_in_gap).
-- Each lead's attributes (the mapping's extra columns) come typed: a number attribute that is
-- not a number is a problem of the row, named by their column.
with parsed as (
    select
        *,
        import_read(created_at, $dates.created_at, $zone) as created_parsed,
        import_number(company_size, $decimal_comma) as company_size_n,
        import_number(score_at_handoff, $decimal_comma) as score_n,
        import_read(mql_at, $dates.mql_at, $zone) as mql_parsed,
        import_read(handoff_at, $dates.handoff_at, $zone) as handoff_parsed,
        import_read(first_response_at, $dates.first_response_at, $zone) as first_response_parsed,
        import_read(accepted_at, $dates.accepted_at, $zone) as accepted_parsed,
        import_read(rejected_at, $dates.rejected_at, $zone) as rejected_parsed,
        import_read(recycled_at, $dates.recycled_at, $zone) as recycled_parsed,
        import_read(disqualified_at, $dates.disqualified_at, $zone) as disqualified_parsed,
        count(*) over (partition by lead_id) as id_rows,
    from raw_leads
),

typed as (
    -- Only the timestamps a record can have (import_kept); the others are problems.
    select
        *,
        import_kept(created_parsed, $zone, $gap_hours) as created_ts,
        import_kept(mql_parsed, $zone, $gap_hours) as mql_ts,
        import_kept(handoff_parsed, $zone, $gap_hours) as handoff_ts,
        import_kept(first_response_parsed, $zone, $gap_hours) as first_response_ts,
        import_kept(accepted_parsed, $zone, $gap_hours) as accepted_ts,
        import_kept(rejected_parsed, $zone, $gap_hours) as rejected_ts,
        import_kept(recycled_parsed, $zone, $gap_hours) as recycled_ts,
        import_kept(disqualified_parsed, $zone, $gap_hours) as disqualified_ts,
    from parsed
),

checked as (
    select
        *,
        list_filter(
            [
                case when lead_id is null then import_problem('lead_id', null, 'required', null, null) end,
                case when lead_id is not null and id_rows > 1 then import_problem('lead_id', lead_id, 'duplicate', null, null) end,
                case when created_at is null then import_problem('created_at', null, 'required', null, null) end,
                case when created_at is not null and created_ts is null then import_read_problem('created_at', created_at, $dates.created_at, $zone, $gap_hours) end,
                case when created_ts > $now then import_problem('created_at', created_at, 'future', null, null) end,
                case when channel is null then import_problem('channel', null, 'required', null, null) end,
                case when company_size is not null and company_size_n is null then import_number_problem('company_size', company_size, $decimal_comma) end,
                case when company_size_n <> floor(company_size_n) then import_problem('company_size', company_size, 'not_whole', null, null) end,
                case when company_size_n > 2147483647 then import_problem('company_size', company_size, 'too_large', null, '2,147,483,647') end,
                case when company_size_n < 1 then import_problem('company_size', company_size, 'below_one', null, null) end,
                case when score_at_handoff is not null and score_n is null then import_number_problem('score_at_handoff', score_at_handoff, $decimal_comma) end,
                case when score_n <> floor(score_n) then import_problem('score_at_handoff', score_at_handoff, 'not_whole', null, null) end,
                case when abs(score_n) > 2147483647 then import_problem('score_at_handoff', score_at_handoff, 'too_large', null, '2,147,483,647') end,
                case when mql_at is not null and mql_ts is null then import_read_problem('mql_at', mql_at, $dates.mql_at, $zone, $gap_hours) end,
                case when mql_ts > $now then import_problem('mql_at', mql_at, 'future', null, null) end,
                case when mql_ts < created_ts then import_problem('mql_at', mql_at, 'before', 'created_at', created_at) end,
                case when handoff_at is not null and handoff_ts is null then import_read_problem('handoff_at', handoff_at, $dates.handoff_at, $zone, $gap_hours) end,
                case when handoff_ts > $now then import_problem('handoff_at', handoff_at, 'future', null, null) end,
                case when handoff_ts < mql_ts then import_problem('handoff_at', handoff_at, 'before', 'mql_at', mql_at) end,
                case when handoff_ts is not null and owner is null then import_problem('owner', null, 'owner_missing', 'handoff_at', handoff_at) end,
                case when first_response_at is not null and first_response_ts is null then import_read_problem('first_response_at', first_response_at, $dates.first_response_at, $zone, $gap_hours) end,
                case when first_response_ts > $now then import_problem('first_response_at', first_response_at, 'future', null, null) end,
                case when first_response_ts < handoff_ts then import_problem('first_response_at', first_response_at, 'before', 'handoff_at', handoff_at) end,
                case when accepted_at is not null and accepted_ts is null then import_read_problem('accepted_at', accepted_at, $dates.accepted_at, $zone, $gap_hours) end,
                case when accepted_ts > $now then import_problem('accepted_at', accepted_at, 'future', null, null) end,
                case when accepted_ts < handoff_ts then import_problem('accepted_at', accepted_at, 'before', 'handoff_at', handoff_at) end,
                case when rejected_at is not null and rejected_ts is null then import_read_problem('rejected_at', rejected_at, $dates.rejected_at, $zone, $gap_hours) end,
                case when rejected_ts > $now then import_problem('rejected_at', rejected_at, 'future', null, null) end,
                case when rejected_ts < handoff_ts then import_problem('rejected_at', rejected_at, 'before', 'handoff_at', handoff_at) end,
                case when accepted_ts is not null and rejected_ts is not null then import_problem('rejected_at', rejected_at, 'accepted_and_rejected', 'accepted_at', accepted_at) end,
                case when rejection_reason is not null and rejected_at is null then import_problem('rejection_reason', rejection_reason, 'reason_without_rejection', null, null) end,
                case when recycled_at is not null and recycled_ts is null then import_read_problem('recycled_at', recycled_at, $dates.recycled_at, $zone, $gap_hours) end,
                case when recycled_ts > $now then import_problem('recycled_at', recycled_at, 'future', null, null) end,
                case when recycled_ts < rejected_ts then import_problem('recycled_at', recycled_at, 'before', 'rejected_at', rejected_at) end,
                case when disqualified_at is not null and disqualified_ts is null then import_read_problem('disqualified_at', disqualified_at, $dates.disqualified_at, $zone, $gap_hours) end,
                case when disqualified_ts > $now then import_problem('disqualified_at', disqualified_at, 'future', null, null) end,
                case when disqualified_ts < created_ts then import_problem('disqualified_at', disqualified_at, 'before', 'created_at', created_at) end,
                case when disqualification_reason is not null and disqualified_at is null then import_problem('disqualification_reason', disqualification_reason, 'without_disqualification', null, null) end,
                case when disqualified_by is not null and disqualified_at is null then import_problem('disqualified_by', disqualified_by, 'without_disqualification', null, null) end,
                -- schema.sql's rule: a disqualified lead reaches sales only later, once recycled.
                case when disqualified_ts is not null and handoff_ts is not null and not (handoff_ts > disqualified_ts and coalesce(recycled_ts >= disqualified_ts, false)) then import_problem('handoff_at', handoff_at, 'handed_off_disqualified', 'disqualified_at', disqualified_at) end,
            ],
            lambda problem: problem is not null
        ) || list_transform(
            list_filter(
                attributes,
                lambda a: a.kind = 'number' and a.value is not null
                    and import_number(a.value, $decimal_comma) is null
            ),
            lambda a: import_number_problem(a.name, a.value, $decimal_comma)
        ) as problems,
    from typed
),

final as (
    select
        _src,
        _rec,
        lead_id,
        created_ts as created_at,
        channel,
        campaign_id,
        company,
        industry,
        try_cast(company_size_n as integer) as company_size,
        job_title,
        seniority,
        country,
        owner,
        try_cast(score_n as integer) as score_at_handoff,
        mql_ts as mql_at,
        handoff_ts as handoff_at,
        first_response_ts as first_response_at,
        accepted_ts as accepted_at,
        rejected_ts as rejected_at,
        rejection_reason,
        recycled_ts as recycled_at,
        disqualified_ts as disqualified_at,
        disqualification_reason,
        disqualified_by,
        lead_status,
        list_transform(
            list_filter(attributes, lambda a: a.value is not null),
            lambda a: {
                'name': a.name,
                'text_value': case when a.kind = 'text' then a.value end,
                'number_value': case
                    when a.kind = 'number' then import_number(a.value, $decimal_comma)
                end,
            }
        ) as attributes,
        problems,
    from checked
)

select * from final
