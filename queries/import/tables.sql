-- Import: the bookkeeping tables every import writes in its own transaction, created on the
-- first import (a database built before them lacks them). import_log: one row per import;
-- import_rejects: every row an import set aside, with what was wrong and the row as written.
-- lead_attributes is schema.sql's, for a database made before it.
create table if not exists import_log (
    import_id bigint primary key,  -- the dataset_info.version the import set
    started_at timestamp not null,
    finished_at timestamp not null,
    mapping varchar not null,
    files varchar[] not null,
    mode varchar not null check (mode in ('update', 'replace')),
    rows_imported bigint not null,
    rows_set_aside bigint not null,
    summary varchar not null,  -- the import report's lines, in words
);

create table if not exists import_rejects (
    import_id bigint not null,
    file varchar not null,
    line bigint,  -- as an editor counts: the header is line 1 (in a spreadsheet: its row)
    target_table varchar,
    column_name varchar,
    value varchar,
    problem varchar not null,
    record varchar,  -- the row as written, as JSON {column name: value}
);

create table if not exists lead_attributes (
    lead_id varchar not null,
    name varchar not null,
    text_value varchar,
    number_value double,
    primary key (lead_id, name),
);
