"""The import's engine: staging files, checking them with SQL, writing the good rows in one
transaction. leadflow.importer decides what to read and how to word what is wrong."""

from __future__ import annotations

import contextlib
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from leadflow.db import derived, publishing
from leadflow.db.connection import bound_params, root_connection, roots_lock
from leadflow.db.files import sql_text
from leadflow.db.publishing import DatabaseBusy

# The import: reading files into staging tables, checking them with SQL, and writing the good
# rows in one transaction. leadflow.importer decides what to read and how to word what is wrong.

# The tables an import fills, in the order they are written, and their columns.
IMPORT_TABLES: dict[str, tuple[str, ...]] = {
    "campaigns": ("campaign_id", "name", "channel"),
    "leads": (
        "lead_id", "created_at", "channel", "campaign_id", "company", "industry", "company_size",
        "job_title", "seniority", "country", "owner", "score_at_handoff", "mql_at", "handoff_at",
        "first_response_at", "accepted_at", "rejected_at", "rejection_reason", "recycled_at",
        "disqualified_at", "disqualification_reason", "disqualified_by", "lead_status",
    ),
    "touchpoints": ("touchpoint_id", "lead_id", "occurred_at", "type", "campaign_id", "value"),
    "deals": (
        "deal_id", "lead_id", "created_at", "closed_at", "stage", "amount", "lost_reason",
        "currency",
    ),
}  # fmt: skip
# Leads carry one more staged column: their attributes (the mapping's extra columns) as a list
# of these, the value as written; import/leads checks and types them.
_ATTRIBUTES = "struct(name varchar, kind varchar, value varchar)[]"
_NO_ATTRIBUTES = f"[]::{_ATTRIBUTES}"
# Checked in this order: touchpoints and deals need to know which imported leads are good.
_CHECK_ORDER = ("campaigns", "leads", "touchpoints", "deals")
# What an import in replace mode empties; the configuration tables (scoring, SLA, holidays,
# targets) stay. Children first, so no key is left pointing at nothing.
_REPLACED = ("touchpoints", "deals", "leads", "campaign_costs", "campaigns")
# Written out rather than formatted, so no statement here is built from a string at all.
_DROP_REPLACED = (
    "drop table touchpoints",
    "drop table deals",
    "drop table leads",
    "drop table campaign_costs",
    "drop table campaigns",
)


@dataclass(frozen=True)
class ImportColumn:
    """How one column of a data table is filled from a staged file (all text until checked)."""

    sources: tuple[int, ...] = ()  # the file's column positions: the first non-empty wins
    lookup: tuple[int, int] | None = None  # (which of the source's lookups, its column position)
    constant: str | None = None  # the same value on every row
    default: str | None = None  # where the file's value is empty
    values: tuple[tuple[str, str], ...] = ()  # (their value in lowercase, ours)
    otherwise: str | None = None  # ours for any value `values` does not name
    only_if: tuple[str, tuple[str, ...]] | None = None  # (column of this table, its values)
    # (which of the source's lookups holds their column, None for the file's own row; its
    # position; its values in lowercase; whether an empty value is one of them)
    only_if_theirs: tuple[int | None, int, tuple[str, ...], bool] | None = None
    row_number: str | None = None  # an id made of this prefix and the row's number


@dataclass(frozen=True)
class ImportSource:
    """One staged file feeding one table."""

    slot: int
    columns: dict[str, ImportColumn]
    keep: tuple[tuple[int, tuple[str, ...]], ...] = ()  # rows whose column is one of the values
    skip: tuple[tuple[int, tuple[str, ...]], ...] = ()  # rows whose column is one of the values
    # Each lookup file: (its slot, its key's position, the position of our file's column)
    lookups: tuple[tuple[int, int, int], ...] = ()
    attributes: tuple[tuple[int, str, str], ...] = ()  # leads: (position, their header, kind)


@dataclass
class StagedCsv:
    rows: int
    # Rows DuckDB could not split into the header's columns: (byte offset, error, the text).
    malformed: list[tuple[int, str, str]] = field(default_factory=list)


class ImportFailed(RuntimeError):
    """The transaction did not commit: the database holds what it held before."""


class ImportOutOfMemory(ImportFailed):
    """DuckDB ran out of memory, or of disk for what it spills to disk past its memory limit."""


class LineTooLong(ImportFailed):
    """A CSV line longer than MAX_LINE_BYTES."""


_import_locks: dict[str, threading.Lock] = {}
# An import that changes more than this share of the leads builds the derived tables whole.
WHOLE_BUILD_SHARE = 0.2
# The longest line of a CSV file an import reads: longer is not CRM data (a quote left open).
MAX_LINE_BYTES = 10_000_000


class Import:
    """One import on its own cursor of the root connection: staging tables that only it sees,
    checks, and one transaction that writes everything or nothing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with roots_lock:
            self._lock = _import_locks.setdefault(str(path), threading.Lock())
        self._cur: duckdb.DuckDBPyConnection | None = None
        self._views: dict[str, list[str]] = {}  # table: selects not yet in raw_<table>
        # With a shared file the import works on a copy, published once it has written.
        self._publication: publishing.Publication | None = None
        self._written = False

    def __enter__(self) -> Import:
        if not self._lock.acquire(blocking=False):
            raise DatabaseBusy(
                "Another import into this database is running: try again when it has finished."
            )
        try:
            if publishing.shared():
                self._publication = publishing.Publication(self.path)
            self._cur = self._connection().cursor()
            self._cur.execute(sql_text("import/macros"))
            for table, columns in IMPORT_TABLES.items():
                typed = ", ".join(f"{c} varchar" for c in columns)
                if table == "leads":
                    typed += f", attributes {_ATTRIBUTES}"
                self._cur.execute(
                    f"create temp table raw_{table} (_src integer, _rec bigint, {typed})"
                )
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._release()

    @property
    def cur(self) -> duckdb.DuckDBPyConnection:
        """The import's cursor, which exists only inside `with Import(...)`."""
        if self._cur is None:
            raise RuntimeError("an Import is used outside its with-block")
        return self._cur

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._publication is not None:
            return self._publication.connection
        return root_connection(self.path)

    def _release(self) -> None:
        try:
            if self._cur is not None:
                self._cur.close()  # temporary tables go with the cursor
                self._cur = None
            if self._publication is not None:
                if self._written:
                    self._publication.publish()
                else:
                    self._publication.discard()
                self._publication = None
        finally:
            self._lock.release()

    def _run(self, sql: str, params: dict[str, Any] | None = None):
        try:
            return self.cur.execute(sql, bound_params(sql, params or {}))
        except duckdb.OutOfMemoryException as error:
            raise ImportOutOfMemory(str(error).split("\n")[0]) from error

    def _read(self, sql: str, params: dict[str, Any]):
        """Run a statement that reads a file: the file's own faults become ImportFailed."""
        try:
            return self._run(sql, params)
        except (duckdb.InvalidInputException, duckdb.IOException, duckdb.ConversionException,
                duckdb.NotImplementedException) as error:  # fmt: skip
            if "Maximum line size" in str(error):
                raise LineTooLong(str(error).split("\n")[0]) from error
            raise ImportFailed(str(error).split("\n")[0]) from error

    def stage_csv(
        self,
        slot: int,
        path: Path,
        *,
        delimiter: str,
        columns: int,
        skip: int,
        nulls: list[str],
    ) -> StagedCsv:
        """Read a UTF-8 CSV file into src_<slot>: every field as text, in columns column0…,
        after `skip` lines (the header and any before it); a field that is one of `nulls`
        exactly is null. Rows with another number of fields than the header are kept aside
        with their byte offset, not read."""
        names = ", ".join(f"'column{i}': 'varchar'" for i in range(columns))
        self._read(
            f"create or replace temp table src_{slot} as select * from read_csv($path, "
            f"header = false, skip = $skip, delim = $delimiter, quote = '\"', escape = '\"', "
            f"nullstr = $nulls, "
            f"all_varchar = true, columns = {{{names}}}, strict_mode = true, "
            f"store_rejects = true, rejects_table = 'csv_errors_{slot}', "
            f"rejects_scan = 'csv_scans_{slot}', max_line_size = {MAX_LINE_BYTES})",
            {"path": str(path), "skip": skip, "delimiter": delimiter, "nulls": nulls},
        )
        rows = self._run(f"select count(*) from src_{slot}").fetchone()[0]
        malformed = self._run(
            f"select line_byte_position, error_type, csv_line from csv_errors_{slot} "
            "order by line_byte_position"
        ).fetchall()
        return StagedCsv(rows, [(int(p), str(t), str(line or "")) for p, t, line in malformed])

    def stage_arrow(self, slot: int, table: pa.Table) -> int:
        """Stage rows already read (a spreadsheet) as text in columns column0…."""
        renamed = table.rename_columns([f"column{i}" for i in range(table.num_columns)])
        self.cur.register(f"arrow_{slot}", renamed)
        try:
            self._run(f"create or replace temp table src_{slot} as select * from arrow_{slot}")
        finally:
            self.cur.unregister(f"arrow_{slot}")
        return self._run(f"select count(*) from src_{slot}").fetchone()[0]

    def parquet_columns(self, path: Path) -> list[tuple[str, str]]:
        """A Parquet file's columns: (name, DuckDB type)."""
        described = self._read("describe select * from read_parquet($path)", {"path": str(path)})
        return [(row[0], str(row[1])) for row in described.fetchall()]

    def stage_parquet(self, slot: int, path: Path, types: list[str]) -> int:
        """Stage a Parquet file as text in columns column0…; a float that is a whole number
        reads as one ("1", not "1.0"), as ids exported from pandas are floats."""
        exprs = []
        for i, kind in enumerate(types):
            if kind in ("FLOAT", "DOUBLE"):
                exprs.append(
                    f"case when isfinite(c{i}) and c{i} = round(c{i}) and abs(c{i}) < 1e18 "
                    f"then c{i}::bigint::varchar else c{i}::varchar end as column{i}"
                )
            else:
                exprs.append(f"c{i}::varchar as column{i}")
        aliases = ", ".join(f"c{i}" for i in range(len(types)))
        self._read(
            f"create or replace temp table src_{slot} as select {', '.join(exprs)} from "
            f"(select * from read_parquet($path)) as t({aliases})",
            {"path": str(path)},
        )
        return self._run(f"select count(*) from src_{slot}").fetchone()[0]

    def first_fraction(self, slot: int, position: int) -> tuple[int, str] | None:
        """The first row of a staged column (a Parquet float) whose value is not whole."""
        return self._run(
            f"select rowid, column{position} from src_{slot} "
            f"where contains(column{position}, '.') or contains(column{position}, 'e') "
            "order by rowid limit 1"
        ).fetchone()

    def offsets(self, table: str, columns: list[str]) -> dict[str, int]:
        """How many values of each timestamp column of raw_<table> are written with an offset."""
        if not columns:
            return {}
        counts = ", ".join(f"import_offsets({c})" for c in columns if c in IMPORT_TABLES[table])
        row = self._run(f"select {counts} from raw_{table}").fetchone()
        return dict(zip(columns, row))

    def source_rows(self, slot: int, recs: list[int]) -> list[tuple]:
        """Rows of a staged file as read, by their position: for the rejects' record."""
        if not recs:
            return []
        return self._run(
            f"select rowid, * from src_{slot} where rowid in (select unnest($recs)) order by rowid",
            {"recs": recs},
        ).fetchall()

    def distinct_values(self, slot: int, position: int, limit: int = 200) -> list[tuple[str, int]]:
        """The values of one column of a staged file and how often each occurs."""
        return self._run(
            f"select trim(column{position}) as v, count(*) from src_{slot} "
            "where coalesce(trim(column" + str(position) + "), '') <> '' "
            "group by v order by count(*) desc, v limit $limit",
            {"limit": limit},
        ).fetchall()

    def sample(self, slot: int, rows: int = 20) -> pd.DataFrame:
        return self._run(f"select * from src_{slot} limit $rows", {"rows": rows}).df()

    def add_rows(self, table: str, source: ImportSource) -> tuple[int, int]:
        """Append one file's rows to raw_<table> as the mapping says; returns (rows taken,
        rows the mapping's keep/skip rules left out). Names in the SQL come from
        IMPORT_TABLES and from positions; every value is a bound parameter."""
        if table not in IMPORT_TABLES:
            raise ValueError(f"unknown table {table!r}")
        params: dict[str, Any] = {}

        def bind(value: Any) -> str:
            name = f"p{len(params)}"
            params[name] = value
            return f"${name}"

        def cleaned(expr: str) -> str:
            return f"import_clean({expr})"

        exprs: dict[str, str] = {}
        for column in IMPORT_TABLES[table]:
            spec = source.columns.get(column)
            if spec is None:
                exprs[column] = "null"
                continue
            if spec.constant is not None:
                expr = bind(spec.constant)
            elif spec.row_number is not None:
                expr = f"{bind(spec.row_number + '-')} || (s.rowid + 1)"
            else:
                parts = [cleaned(f"s.column{i}") for i in spec.sources]
                if spec.lookup is not None:
                    which, position = spec.lookup
                    parts.append(cleaned(f"l{which}.column{position}"))
                expr = parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"
                if spec.values or spec.otherwise is not None:
                    keys = bind([k for k, _ in spec.values])
                    ours = bind([v for _, v in spec.values])
                    otherwise = expr if spec.otherwise is None else bind(spec.otherwise)
                    expr = f"nullif(import_map({expr}, {keys}, {ours}, {otherwise}), '')"
                if spec.default is not None:
                    expr = f"coalesce({expr}, {bind(spec.default)})"
            exprs[column] = expr
        # Their column first: a column of ours that only_if names is tested as finally filled.
        for column in IMPORT_TABLES[table]:
            spec = source.columns.get(column)
            if spec is not None and spec.only_if_theirs is not None:
                lookup_row, position, allowed, empty = spec.only_if_theirs
                row = "s" if lookup_row is None else f"l{lookup_row}"
                theirs = f"lower(import_clean({row}.column{position}))"
                test = f"list_contains({bind(list(allowed))}, {theirs})"
                if empty:
                    test = f"({test} or {theirs} is null)"
                exprs[column] = f"case when {test} then {exprs[column]} end"
        for column in IMPORT_TABLES[table]:
            spec = source.columns.get(column)
            if spec is not None and spec.only_if is not None:
                other, allowed = spec.only_if
                if other not in IMPORT_TABLES[table]:
                    raise ValueError(f"{table}.{column}: unknown column {other!r}")
                exprs[column] = (
                    f"case when list_contains({bind(list(allowed))}, {exprs[other]}) "
                    f"then {exprs[column]} end"
                )
        joins = ""
        for which, (slot, key, on) in enumerate(source.lookups):
            joins += (
                f" left join (select distinct on (lower(trim(column{key}))) * from src_{slot}) "
                f"as l{which} on lower(trim(l{which}.column{key})) = lower(trim(s.column{on}))"
            )
        conditions = []
        for position, values in source.keep:
            conditions.append(
                f"coalesce(list_contains({bind(list(values))}, lower(trim(s.column{position}))), "
                "false)"
            )
        for position, values in source.skip:
            conditions.append(
                f"not coalesce(list_contains({bind(list(values))}, "
                f"lower(trim(s.column{position}))), false)"
            )
        where = " and ".join(conditions) or "true"
        selected = ", ".join(f"{exprs[c]} as {c}" for c in IMPORT_TABLES[table])
        if table == "leads":
            kept = [
                f"{{'name': {bind(name)}, 'kind': {bind(kind)}, "
                f"'value': {cleaned(f's.column{position}')}}}"
                for position, name, kind in source.attributes
            ]
            selected += f", {'[' + ', '.join(kept) + ']' if kept else _NO_ATTRIBUTES} as attributes"
        select = (
            f"select {source.slot} as _src, s.rowid as _rec, {selected} "
            f"from src_{source.slot} as s{joins} where {where}"
        )
        total = self._run(f"select count(*) from src_{source.slot}").fetchone()[0]
        if params:
            # Bound values cannot live in a view: copy the mapped rows now.
            before = self._run(f"select count(*) from raw_{table}").fetchone()[0]
            self._run(f"insert into raw_{table} by name {select}", params)
            taken = self._run(f"select count(*) from raw_{table}").fetchone()[0] - before
        else:
            # Plain columns (a big touchpoints file, typically): the checks read the file's rows
            # through a view, and no mapped copy of them is ever made.
            self._views.setdefault(table, []).append(select)
            taken = total
        return taken, total - taken

    def _settle_raw(self) -> None:
        """Turn each table's pending plain selects into raw_<table>: a view when they are all
        it has, else rows added to the table."""
        for table, selects in self._views.items():
            copied = self._run(f"select count(*) from raw_{table}").fetchone()[0]
            if copied:
                for select in selects:
                    self._run(f"insert into raw_{table} by name {select}")
            else:
                self._run(f"drop table raw_{table}")
                self._run(f"create temp view raw_{table} as {' union all '.join(selects)}")
        self._views = {}

    def check(self, options: dict[str, dict[str, Any]], *, replace: bool, now: datetime) -> None:
        """Type and check every raw table into staged_<table> (queries/import/<table>.sql).
        `options` holds each table's $formats, $decimal_comma, $zone, $gap_hours and $dates
        (per column: how its times are read, see import_read in queries/import/macros.sql; a
        column it leaves out is read with $formats in $zone)."""
        filled = set(self._views)
        self._settle_raw()
        for table in _CHECK_ORDER:
            params = {
                "formats": ["%d.%m.%Y"],
                "decimal_comma": False,
                "zone": "UTC",
                "gap_hours": [],
                "currency": "PLN",
                **options.get(table, {}),
            }
            default = {
                "kind": "default",
                "formats": params["formats"],
                "declared": "",
                "zone": params["zone"],
                "gaps": params["gap_hours"],
            }
            params["dates"] = {
                c: params.get("dates", {}).get(c, default) for c in IMPORT_TABLES[table]
            }
            sql = sql_text(f"import/{table}")
            rows = table in filled or self._run(f"select exists(from raw_{table})").fetchone()[0]
            if not rows:
                # No rows: the empty table, without looking up every lead (0.3 s in a big one).
                sql = f"select * from ({sql}\n) limit 0"
            self._run(
                f"create or replace temp table staged_{table} as {sql}",
                {**params, "now": now, "replace": replace},
            )
        self._run(
            f"create or replace temp table new_campaigns as {sql_text('import/missing_campaigns')}",
            {"replace": replace},
        )

    def problems(self, table: str, limit: int) -> pd.DataFrame:
        """The first `limit` problems of the staged rows of `table`, in file order: _src, _rec,
        the row's id, column_name, value, code, other, other_value."""
        key = IMPORT_TABLES[table][0]
        return self._run(
            f"select _src, _rec, {key}::varchar as row_id, unnest(problems, recursive := true) "
            f"from staged_{table} where len(problems) > 0 order by _src, _rec limit $limit",
            {"limit": limit},
        ).df()

    def problem_count(self, table: str) -> int:
        return self._run(
            f"select coalesce(sum(len(problems)), 0) from staged_{table} where len(problems) > 0"
        ).fetchone()[0]

    def bad_rows(self) -> int:
        """Rows of the files with a problem in any table they feed, each counted once."""
        union = " union ".join(
            f"select _src, _rec from staged_{t} where len(problems) > 0" for t in IMPORT_TABLES
        )
        return self._run(f"select count(*) from ({union})").fetchone()[0]

    def raw_rows_with_ids(self, table: str, row_ids: list[str]) -> dict[str, list[tuple[int, int]]]:
        """The rows (_src, _rec) of the files that give each of `row_ids`, ids as problems()
        gives them (a touchpoint's as stored), in file order: one pass over the rows for all."""
        key = IMPORT_TABLES[table][0]
        if table == "touchpoints":
            key = "import_touchpoint_id(touchpoint_id)::varchar"
        found: dict[str, list[tuple[int, int]]] = {}
        if not row_ids:
            return found
        rows = self._run(
            f"select {key}, _src, _rec from raw_{table} "
            f"where {key} in (select unnest($row_ids)) order by _src, _rec",
            {"row_ids": row_ids},
        ).fetchall()
        for row_id, src, rec in rows:
            found.setdefault(row_id, []).append((src, rec))
        return found

    def good_rows(self) -> dict[str, int]:
        counts = {
            table: self._run(
                f"select count(*) from staged_{table} where len(problems) = 0"
            ).fetchone()[0]
            for table in IMPORT_TABLES
        }
        counts["new campaigns"] = self._run("select count(*) from new_campaigns").fetchone()[0]
        return counts

    def had_data(self) -> bool:
        """Whether the database holds any lead, touchpoint or deal (before this import)."""
        return self._run(
            "select exists(from leads) or exists(from touchpoints) or exists(from deals)"
        ).fetchone()[0]

    def campaign_changes(self) -> int:
        """Known leads that the files give another campaign: they keep the one they have."""
        return self._run(
            "select count(*) from staged_leads join leads using (lead_id) "
            "where len(staged_leads.problems) = 0 "
            "and staged_leads.campaign_id is distinct from leads.campaign_id"
        ).fetchone()[0]

    def preview(self) -> dict[str, int]:
        """What the good staged rows will give (queries/import/preview.sql): the funnel of the
        mapped leads and how many fill each column the pages need."""
        result = self._run(sql_text("import/preview"))
        names = [d[0] for d in result.description]
        return {n: int(v or 0) for n, v in zip(names, result.fetchone())}

    def new_campaigns(self) -> list[str]:
        return [r[0] for r in self._run("select campaign_id from new_campaigns").fetchall()]

    def drop_sources(self) -> None:
        """Free the files' rows as read (src_*) and as mapped (raw_*) before writing: the
        typed rows (staged_*) are all the write needs."""
        views = {
            name
            for (name,) in self._run(
                "select view_name from duckdb_views() where temporary"
            ).fetchall()
        }
        for table in IMPORT_TABLES:
            kind = "view" if f"raw_{table}" in views else "table"
            self._run(f"drop {kind} if exists raw_{table}")
        slots = self._run(
            "select table_name from duckdb_tables() "
            "where temporary and starts_with(table_name, 'src_')"
        ).fetchall()
        for (name,) in slots:
            if re.fullmatch(r"src_\d+", name):
                self._run(f"drop table {name}")

    def write(
        self,
        *,
        mapped: dict[str, list[str]],
        replace: bool,
        source: str,
        rejects: pd.DataFrame,
        log: dict[str, Any],
        as_of: datetime | None = None,
        keep_as_of: bool = False,
        before_commit: Callable[[], None] | None = None,
    ) -> int:
        """Write the good staged rows, the rejects and the log in one transaction; returns the
        new data version. Either all of it commits or none: on any failure the transaction is
        rolled back, and a commit that did not take (DuckDB rolls back a transaction in which a
        statement failed) is detected by reading the version back."""
        version = uuid.uuid4().int >> 65
        cur = self.cur
        cur.execute("begin transaction")
        try:
            cur.execute(sql_text("import/tables"))
            whole = replace  # the derived tables built whole, not updated for some leads
            if not replace:
                # The leads the import changes, read before it writes (a moved touchpoint's
                # old lead too): their derived rows alone are updated after it.
                cur.execute(sql_text("import/derived_leads"))
                changed, every = cur.execute(
                    "select (select count(*) from derived_leads), (select count(*) from leads)"
                ).fetchall()[0]
                # Counting most leads off and on again costs more than building whole: 20 M
                # touchpoints of every lead took 26 s to write that way against 12 s.
                whole = changed > WHOLE_BUILD_SHARE * every
                if whole:
                    cur.execute("drop table derived_leads")
                else:
                    derived.before_change(cur)
            if replace:
                ddl = dict(
                    cur.execute(
                        "select table_name, sql from duckdb_tables() "
                        "where schema_name = 'main' and table_name in (select unnest($names))",
                        {"names": list(_REPLACED)},
                    ).fetchall()
                )
                for statement in _DROP_REPLACED:
                    cur.execute(statement)
                for table in reversed(_REPLACED):
                    cur.execute(ddl[table])
            for table in IMPORT_TABLES:
                names = [f"import/write_{table}"]
                if table != "campaigns":
                    names.append(f"import/insert_{table}")
                for name in names:
                    sql = sql_text(name)
                    cur.execute(sql, bound_params(sql, {"mapped": mapped.get(table, [])}))
            for name in ("import/delete_lead_attributes", "import/insert_lead_attributes"):
                sql = sql_text(name)
                params = {"names": mapped.get("lead_attributes", []), "replace": replace}
                cur.execute(sql, bound_params(sql, params))
            if whole:
                derived.rebuild(cur)
            else:
                derived.after_change(cur)
            if as_of is None:
                sql = sql_text("import/as_of")
                as_of = _one(cur.execute(sql, {"keep_as_of": keep_as_of}))
            now = datetime.now().replace(microsecond=0)
            cur.execute(
                "update dataset_info set version = $version, source = $source, as_of = "
                "coalesce($as_of, as_of), loaded_at = $loaded_at",
                {"version": version, "source": source, "as_of": as_of, "loaded_at": now},
            )
            cur.execute(
                "insert into import_log values ($version, $started_at, $finished_at, $mapping, "
                "$files, $mode, $rows_imported, $rows_set_aside, $summary)",
                {**log, "version": version, "finished_at": now},
            )
            if len(rejects):
                cur.from_df(rejects.assign(import_id=version)[_REJECT_COLUMNS]).insert_into(
                    "import_rejects"
                )
            if before_commit is not None:
                before_commit()
            cur.execute("commit")
        except BaseException as error:
            with contextlib.suppress(duckdb.Error):  # a failed statement may have ended it
                cur.execute("rollback")
            if isinstance(error, duckdb.OutOfMemoryException):
                raise ImportOutOfMemory(str(error).split("\n")[0]) from error
            if isinstance(error, duckdb.Error):
                raise ImportFailed(str(error).split("\n")[0]) from error
            raise
        check = self._connection().cursor()
        try:
            written = _one(check.execute("select max(version) from dataset_info"))
        finally:
            check.close()
        if written != version:
            raise ImportFailed("the database did not keep the import (the commit rolled back)")
        self._written = True
        return version


_REJECT_COLUMNS = [
    "import_id", "file", "line", "target_table", "column_name", "value", "problem", "record",
]  # fmt: skip


def _one(result: duckdb.DuckDBPyConnection) -> Any:
    """The one value of a statement that returns one row of one column."""
    row = result.fetchone()
    if row is None:
        raise ImportFailed("a statement that returns one row returned none")
    return row[0]
