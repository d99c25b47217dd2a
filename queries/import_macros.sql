-- Import: parsing helpers, created as temporary macros on the import's own cursor.
-- import_clean: a field without the spaces around it, null when that leaves nothing. (Placeholders
-- such as 'n/a' are read as null by read_csv's nullstr, which is much cheaper than a lookup here.)
create or replace temp macro import_clean(v) as
    case when v like ' %' or v like '% ' then nullif(trim(v), '') else nullif(v, '') end;

-- A number as people write it: currency signs and spaces (also non-breaking) dropped; with a
-- decimal comma, '1.234,50' and '100.000' are 1234.5 and 100000; without, '27,001' is 27001.
create or replace temp macro import_bare_number(v) as
    regexp_replace(v, '[\s\x{00a0}\x{202f}'']|zł|pln|usd|eur|r\$|\$|€|£', '', 'gi');

create or replace temp macro import_number(v, decimal_comma) as
    try_cast(
        case
            when decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(\.\d{3})+')
                then replace(import_bare_number(v), '.', '')
            when not decimal_comma and regexp_full_match(import_bare_number(v), '-?\d{1,3}(,\d{3})+')
                then replace(import_bare_number(v), ',', '')
            when contains(import_bare_number(v), ',') and contains(import_bare_number(v), '.')
                then case
                    when decimal_comma
                        then replace(replace(import_bare_number(v), '.', ''), ',', '.')
                    else replace(import_bare_number(v), ',', '')
                end
            else replace(import_bare_number(v), ',', '.')
        end as double
    );

-- A touchpoint's id as stored: the whole number it is, or one derived from an id that is not
-- (a CRM's text id), so that the same text always gives the same number.
create or replace temp macro import_touchpoint_id(v) as
    coalesce(try_cast(v as bigint), (hash(v) >> 1)::bigint);

-- A timestamp: ISO 8601 first (the fast path), then the formats the file's mapping allows.
create or replace temp macro import_timestamp(v, formats) as
    coalesce(try_cast(v as timestamp), try_strptime(v, formats));

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

-- Their value to ours: `keys` are their values in lowercase, `ours` the values they stand for,
-- and `otherwise` what any other value becomes (pass the value itself to keep it).
create or replace temp macro import_map(v, keys, ours, otherwise) as
    case
        when v is null then null
        when list_position(keys, lower(v)) > 0 then ours[list_position(keys, lower(v))]
        else otherwise
    end;
