-- Import: parsing helpers, created as temporary macros on the import's own cursor.
-- One thing wrong with a row, for leadflow.load to word: the column, its value as written, a
-- problem code, and the other column (and its value) a comparison involved.
create or replace temp macro import_problem(column_name, value, code, other, other_value) as
    {
        'column_name': column_name,
        'value': value::varchar,
        'code': code,
        'other': other,
        'other_value': other_value::varchar,
    };

-- import_clean: a field without the spaces around it (any Unicode space: a tab, a no-break space,
-- a BOM), in Unicode NFC (so "Paweł" typed as ł or as l plus a combining stroke is one rep, not
-- two), null when that leaves nothing. Plain ASCII without a space or control character at either
-- end, nearly every field, skips the work: two tests that cost about what `trim` did. (Placeholders
-- such as 'n/a' are read as null by read_csv's nullstr, much cheaper than a lookup here.)
create or replace temp macro import_clean(v) as
    case
        when strlen(v) <> length(v) or v < '!' or v[-1] < '!'
            then nullif(nfc_normalize(regexp_replace(v, '^[\s\p{Z}\x{feff}]+|[\s\p{Z}\x{feff}]+$', '', 'g')), '')
        else nullif(v, '')
    end;

-- A number as people write it: currency signs and spaces (also non-breaking) dropped; with a
-- decimal comma, '1.234,50' and '100.000' are 1234.5 and 100000; without, '27,001' is 27001.
create or replace temp macro import_bare_number(v) as
    regexp_replace(v, '[\s\x{00a0}\x{202f}'']|zł|pln|usd|eur|r\$|\$|€|£', '', 'gi');

create or replace temp macro import_number_as_written(v, decimal_comma) as
    try_cast(
        case
            when decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(\.\d{3})+')
                then replace(import_bare_number(v), '.', '')
            when not decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(,\d{3})+')
                then replace(import_bare_number(v), ',', '')
            -- With both separators the thousands must be in groups of three and the decimal
            -- separator the file's own: '1.234,50' in a file of decimal points is not 1.2345.
            when contains(import_bare_number(v), ',') and contains(import_bare_number(v), '.')
                then case
                    when decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(\.\d{3})+,\d+')
                        then replace(replace(import_bare_number(v), '.', ''), ',', '.')
                    when not decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(,\d{3})+\.\d+')
                        then replace(import_bare_number(v), ',', '')
                end
            else replace(import_bare_number(v), ',', '.')
        end as double
    );

-- A number, or null for one that is not a finite number (NaN, inf, 1e309).
create or replace temp macro import_number(v, decimal_comma) as
    case
        when isfinite(import_number_as_written(v, decimal_comma))
            then import_number_as_written(v, decimal_comma)
    end;

-- What is wrong with a value that is not a number: written with the other decimal separator
-- than the file's (other_value: the number it would be), or not a number at all.
create or replace temp macro import_number_problem(column_name, v, decimal_comma) as
    case
        when not decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(\.\d{3})+,\d+')
            then import_problem(column_name, v, 'decimal_comma', null,
                                replace(replace(import_bare_number(v), '.', ''), ',', '.'))
        when decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(,\d{3})+\.\d+')
            then import_problem(column_name, v, 'decimal_point', null,
                                replace(import_bare_number(v), ',', ''))
        else import_problem(column_name, v, 'not_a_number', null, null)
    end;

-- A touchpoint's id as stored: the whole number it is, or one derived from an id that is not
-- (a CRM's text id), so that the same text always gives the same number.
create or replace temp macro import_touchpoint_id(v) as
    coalesce(try_cast(v as bigint), (hash(v) >> 1)::bigint);

-- Whether a timestamp is written with its offset from UTC (Z, +02:00, -0500, +00, as Parquet's
-- UTC timestamps read): a Z or a +, or a - after the time's colon (the dashes of 2026-01-01 do
-- not count). Tests that cost a tenth of what a pattern did.
create or replace temp macro import_has_offset(v) as
    strlen(v) > 16 and (contains(v, '+') or contains(v, 'Z') or contains(v, 'z') or v like '%:%-%');

-- A timestamp: ISO 8601 first (the fast path), then the formats the file's mapping
-- allows; one with an offset is converted to local time in `zone`, the app's time zone.
create or replace temp macro import_timestamp(v, formats, zone) as
    case
        when import_has_offset(v) then timezone(zone, try_cast(v as timestamptz))
        else coalesce(try_cast(v as timestamp), try_strptime(v, formats))
    end;

-- Whether a local time is one the clocks of `zone` skipped (02:30 on the day summer time
-- starts): it does not survive the way there and back. Only tried in the hours in which `zone`
-- ever skipped time (`gap_hours`), as the conversion costs a second per 5 M rows.
create or replace temp macro import_in_gap(ts, zone, gap_hours) as
    case
        when list_contains(gap_hours, hour(ts)) then timezone(zone, timezone(zone, ts)) <> ts
        else false
    end;

-- Whether a timestamp (as written, converted) is one the data can keep: a word DuckDB reads as
-- one (epoch, infinity), a year before 1990 (1/5/26 reads as year 1) or after 2099, and a local
-- time that never happened are not dates of a CRM's records. import_date_problem says which.
-- Applied to a column already parsed: a macro's argument is repeated wherever it is used.
create or replace temp macro import_kept(ts, zone, gap_hours) as
    case
        when ts between '1990-01-01'::timestamp and '2099-12-31 23:59:59.999999'::timestamp
            and not import_in_gap(ts, zone, gap_hours)
            then ts
    end;

create or replace temp macro import_date_problem(column_name, v, formats, zone, gap_hours) as
    case
        when import_timestamp(v, formats, zone) is null
            or not isfinite(import_timestamp(v, formats, zone))
            or not regexp_matches(v, '[0-9]')
            then import_problem(column_name, v, 'not_a_date', null, null)
        when import_timestamp(v, formats, zone) < '1990-01-01'::timestamp
            then import_problem(column_name, v, 'before_1990', null,
                                year(import_timestamp(v, formats, zone)))
        when import_timestamp(v, formats, zone) >= '2100-01-01'::timestamp
            then import_problem(column_name, v, 'after_2099', null,
                                year(import_timestamp(v, formats, zone)))
        else import_problem(column_name, v, 'dst_gap', null, zone)
    end;

-- A serial day number of Excel's 1900 date system, the fraction being the time of day, to the
-- second: 45724.75 is 2025-03-08 18:00 (a decimal comma reads too). Excel counts a 29 February
-- 1900 that never was (serial 60): from serial 61 on the days count from 1899-12-30, below 60
-- from 1899-12-31, and 60 itself is no date (all of them are before 1990, refused anyway).
create or replace temp macro import_excel(v) as
    case
        when regexp_full_match(v, '[0-9]{1,7}([.,][0-9]+)?')
            then case
                when replace(v, ',', '.')::double >= 61
                    then timestamp '1899-12-30' + to_seconds(round(replace(v, ',', '.')::double * 86400))
                when replace(v, ',', '.')::double >= 1 and replace(v, ',', '.')::double < 60
                    then timestamp '1899-12-31' + to_seconds(round(replace(v, ',', '.')::double * 86400))
            end
    end;

-- How a column's times are read (`how`, one bound struct per column, see leadflow.importer.run):
-- kind 'default' (ISO 8601, then the file's formats in how.formats), 'format' (the mapping's
-- date_format, the one entry of how.formats) or 'excel'; how.declared is that format as the
-- mapping wrote it; how.zone the zone the file's local times are in, how.gaps its gap hours.
-- import_local: the time as written, not yet converted; null when it does not read.
create or replace temp macro import_local(v, how) as
    case
        when how.kind = 'excel' then import_excel(v)
        when how.kind = 'format' then try_strptime(v, how.formats)
        else coalesce(try_cast(v as timestamp), try_strptime(v, how.formats))
    end;

-- A local time of how.zone as local time in `zone` (the app's); null for one that zone's clocks
-- skipped. (An hour that happened twice there is read as the second, standard time: ICU's way.)
create or replace temp macro import_moved(local, how, zone) as
    case
        when not import_in_gap(local, how.zone, how.gaps)
            then timezone(zone, timezone(how.zone, local))
    end;

-- A timestamp as its column's rule says, in local time of `zone`: one written with its offset
-- (read without a declared format) keeps that offset; any other is local time in how.zone.
create or replace temp macro import_read(v, how, zone) as
    case
        when how.kind = 'default' and import_has_offset(v)
            then timezone(zone, try_cast(v as timestamptz))
        when how.zone = zone then import_local(v, how)
        else import_moved(import_local(v, how), how, zone)
    end;

-- What is wrong with a value import_read gave no kept timestamp for (see import_date_problem):
-- not in the declared format (other_value: the format), a time the clocks of the file's zone
-- skipped (other_value: that zone), or what import_date_problem finds.
create or replace temp macro import_read_problem(column_name, v, how, zone, gap_hours) as
    case
        when import_read(v, how, zone) is null and how.zone <> zone
            and not (how.kind = 'default' and import_has_offset(v))
            and isfinite(import_local(v, how))
            then import_problem(column_name, v, 'dst_gap', null, how.zone)
        when how.kind <> 'default' and import_local(v, how) is null
            then import_problem(column_name, v, 'not_in_format', null, how.declared)
        when import_read(v, how, zone) is null
            or not isfinite(import_read(v, how, zone))
            or not regexp_matches(v, '[0-9]')
            then import_problem(column_name, v, 'not_a_date', null, null)
        when import_read(v, how, zone) < '1990-01-01'::timestamp
            then import_problem(column_name, v, 'before_1990', null, year(import_read(v, how, zone)))
        when import_read(v, how, zone) >= '2100-01-01'::timestamp
            then import_problem(column_name, v, 'after_2099', null, year(import_read(v, how, zone)))
        else import_problem(column_name, v, 'dst_gap', null, zone)
    end;

-- How many of a column's values are written with an offset (for the import report).
create or replace temp macro import_offsets(v) as
    count(*) filter (where import_has_offset(v));

-- Their value to ours: `keys` are their values in lowercase, `ours` the values they stand for,
-- and `otherwise` what any other value becomes (pass the value itself to keep it).
create or replace temp macro import_map(v, keys, ours, otherwise) as
    case
        when v is null then null
        when list_position(keys, lower(v)) > 0 then ours[list_position(keys, lower(v))]
        else otherwise
    end;
