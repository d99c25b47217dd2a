-- The columns and tables added to the data model since a database file may have been built,
-- added where missing (leadflow.db runs this whenever it opens a file, before the macros that
-- read them): an older file opens with them empty instead of failing. Added columns carry no
-- check constraints (DuckDB cannot add them later); the import checks the values it writes.
alter table if exists leads add column if not exists disqualified_at timestamp;
alter table if exists leads add column if not exists disqualification_reason varchar;
alter table if exists leads add column if not exists disqualified_by varchar;
alter table if exists leads add column if not exists lead_status varchar;
alter table if exists deals add column if not exists currency varchar default 'PLN';
create table if not exists lead_attributes (
    lead_id varchar not null,
    name varchar not null,
    text_value varchar,
    number_value double,
    primary key (lead_id, name),
);
