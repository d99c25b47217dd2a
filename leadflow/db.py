"""The one owner of the DuckDB database: creates it, connects to it, runs queries/*.sql."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pandas as pd
import pyarrow as pa

from leadflow import team_settings
from leadflow.settings import settings

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
DEFAULT_PATH = ROOT / "data" / "leadflow.duckdb"

# Tables in the order they are loaded: a table comes after the ones its keys refer to.
TABLES = (
    "campaigns",
    "campaign_costs",
    "leads",
    "touchpoints",
    "deals",
    "sql_targets",
    "scoring_rules",
    "scoring_thresholds",
    "sla_policy",
    "public_holidays",
    "app_users",
)

# Sorting on load keeps each table's rows for one lead together: per-lead aggregation over
# touchpoints was measured 1.7-2.4x faster than in arrival order.
_LOAD_ORDER = {"leads": "lead_id", "touchpoints": "lead_id, occurred_at", "deals": "lead_id"}

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def database_path() -> Path:
    """The database the app reads: $LEADFLOW_DB, or data/leadflow.duckdb."""
    return Path(os.environ.get("LEADFLOW_DB") or DEFAULT_PATH)


def sql_text(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES.glob("*.sql") if p.stem not in ("schema", "macros"))


def create_database(
    path: Path,
    tables: dict[str, pd.DataFrame | pa.Table],
    *,
    source: str,
    as_of: datetime,
) -> None:
    """Write a complete database to `path`, atomically (see building_database)."""
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables: {sorted(unknown)}")
    with building_database(path, source=source, as_of=as_of) as add:
        for table in TABLES:
            if table in tables:
                add(table, tables[table])


@contextlib.contextmanager
def building_database(
    path: Path, *, source: str, as_of: datetime, memory_limit: str | None = None
) -> Iterator[Callable[..., None]]:
    """Write a database to `path` part by part: `add(table, rows, in_order=False)`, atomically.

    A table's rows may come in several parts (the demo's touchpoints, chunk by chunk); a part
    said to be `in_order` is appended as it comes, any other is sorted by _LOAD_ORDER first,
    so the caller keeps the parts in order. Tables go in after those their keys refer to. The
    file is built under a temporary name and renamed into place only once every constraint
    has held and lead_month_touches is built, so a reader sees either the old file or the
    complete new one. `memory_limit` (e.g. "2GB") makes DuckDB spill rather than hold.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        con = duckdb.connect(
            str(tmp), config={"memory_limit": memory_limit} if memory_limit else {}
        )
        try:
            con.execute(sql_text("schema"))
            con.execute(sql_text("macros"))

            def add(table: str, frame: pd.DataFrame | pa.Table, in_order: bool = False) -> None:
                if table not in TABLES:
                    raise ValueError(f"unknown table: {table}")
                columns = con.table(table).columns
                given = list(frame.column_names if isinstance(frame, pa.Table) else frame.columns)
                if sorted(given) != sorted(columns):
                    raise ValueError(f"{table}: expected columns {columns}, got {given}")
                # The relation API inserts by position, so no SQL text is built here.
                if isinstance(frame, pa.Table):
                    rows = con.from_arrow(frame.select(columns))
                else:
                    rows = con.from_df(frame[columns])
                if table in _LOAD_ORDER and not in_order:
                    rows = rows.order(_LOAD_ORDER[table])
                rows.insert_into(table)

            yield add
            con.execute(sql_text("lead_month_touches"))  # derived from the touchpoints
            con.execute(
                "insert into dataset_info values ($version, $source, $as_of, $loaded_at)",
                {
                    "version": uuid.uuid4().int >> 65,
                    "source": source,
                    "as_of": as_of,
                    "loaded_at": datetime.now().replace(microsecond=0),
                },
            )
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)


class DatabaseBusy(RuntimeError):
    """Another process (the running app) holds the database file."""


def duckdb_error() -> type[Exception]:
    """DuckDB's base error, for modules that must not import duckdb themselves."""
    return duckdb.Error


class QueryTimedOut(RuntimeError):
    """A query ran longer than the configured limit and was stopped."""


class Scope(NamedTuple):
    """Whose leads a query may see: everyone's, or those of the named sales reps (owners).
    Nobody's when neither: an unknown user sees nothing."""

    everyone: bool
    reps: tuple[str, ...] = ()


EVERYONE = Scope(everyone=True)
NOBODY = Scope(everyone=False)

_roots: dict[str, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}
_roots_lock = threading.Lock()

UPLOADS = ".uploads"  # one folder per session, server-chosen names
IMPORTS = ".imports"  # one work folder per running import (staged and converted files)
_HELD = ".held"  # locked by the import that owns a work folder, while it runs
# Where work folders were kept before they moved under .imports/.
_OLD_WORK = ".import-*"


def readable_folders(path: Path) -> frozenset[str]:
    """The only folders the database at `path` may read files in: the sessions' uploads and the
    imports' work folders, beside it. Not the data folder itself (the database, its scenarios),
    and nothing a command-line import is given: that is staged into its work folder."""
    data = path.resolve().parent
    return frozenset({str(data / UPLOADS), str(data / IMPORTS)})


@contextlib.contextmanager
def import_work_folder(path: Path):
    """A new work folder for one import into `path`, held (an exclusive lock on a file in it)
    for as long as the import runs, then removed. A folder nobody holds is a killed import's
    leftover: the next connection to the database removes it (clear_leftovers)."""
    root = path.resolve().parent / IMPORTS
    root.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=root))
    held = (folder / _HELD).open("w")
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield folder
    finally:
        held.close()
        shutil.rmtree(folder, ignore_errors=True)


def clear_leftovers(path: Path) -> list[Path]:
    """Remove the work folders of imports that were killed (nobody holds their lock; another
    process's running import does, and keeps its own). Returns what was removed."""
    data = path.resolve().parent
    removed = []
    # A folder made this minute may be one whose import has not taken its lock yet.
    cutoff = time.time() - 60
    for folder in [*(data / IMPORTS).glob("import-*"), *data.glob(_OLD_WORK)]:
        try:
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_mtime > cutoff:
                continue
            with (folder / _HELD).open("a") as held:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except BlockingIOError:
            continue  # a running import's
        except OSError:
            continue
    return removed


def _file_identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino


def _root_connection(path: Path) -> duckdb.DuckDBPyConnection:
    """The process's one read-write connection to `path`; every query runs on a cursor of it.

    One per file and process: DuckDB refuses a second connection to the same file with another
    configuration, and another process cannot open a file this one holds. Readers on their own
    cursors see the last committed data while an import writes in its own transaction.
    """
    key = str(path)
    identity = _file_identity(path)
    with _roots_lock:
        known = _roots.get(key)
        if known and known[0] == identity:
            return known[1]
        if known:
            # The file was replaced under its name (a new demo database): let go of the old one.
            known[1].close()
            del _roots[key]
        config = settings()
        try:
            con = duckdb.connect(
                key,
                config={
                    "memory_limit": config.memory_limit,
                    **({"threads": config.threads} if config.threads else {}),
                    "autoinstall_known_extensions": False,
                    "autoload_known_extensions": False,
                    "allow_community_extensions": False,
                },
            )
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise DatabaseBusy(
                    f"{path}: the app has this database open: import from the Import data "
                    "page, or stop the app first."
                ) from None
            raise
        try:
            clear_leftovers(path)
            # Definitions may have changed since the file was built: bring them up to date.
            con.execute(sql_text("macros"))
            # DuckDB replayed any WAL a killed process left, and the macros above are written
            # to it too: fold both into the file now, so no WAL stays beside the database.
            # This process holds the file alone, so nothing else is writing.
            con.execute("checkpoint")
            _lock_down(con, readable_folders(path))
        except BaseException:
            con.close()
            raise
        _roots[key] = (identity, con)
        return con


def _lock_down(con: duckdb.DuckDBPyConnection, folders: frozenset[str]) -> None:
    """No file outside `folders`, no extension, and no setting can be changed afterwards by
    any cursor (DuckDB applies these to the whole database instance)."""
    for folder in folders:
        Path(folder).mkdir(exist_ok=True)
    con.execute("set allowed_directories = $folders", {"folders": sorted(folders)})
    con.execute("set enable_external_access = false")
    con.execute("set enable_progress_bar = false")
    con.execute("set lock_configuration = true")


class StatementRefused(duckdb.PermissionException):
    """A reading cursor was asked to run something other than one plain SELECT of tables."""


# Table functions a reading cursor may call: the project's table macros (queries/macros.sql)
# and DuckDB's that read no file. Anything else (read_csv, glob, read_text, parquet_*...) is
# refused before it runs, whatever allowed_directories would let through.
_SAFE_TABLE_FUNCTIONS = frozenset(
    {"range", "generate_series", "unnest", "duckdb_tables", "duckdb_views", "duckdb_columns"}
)
_TABLE_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_parser: duckdb.DuckDBPyConnection | None = None
_parser_lock = threading.Lock()


@functools.cache
def _project_table_macros() -> frozenset[str]:
    names = re.findall(
        r"create\s+(?:or\s+replace\s+)?macro\s+([a-z_][a-z0-9_]*)\s*\([^)]*\)\s*as\s+table",
        "\n".join(p.read_text(encoding="utf-8") for p in QUERIES.glob("*macros.sql")),
        flags=re.IGNORECASE,
    )
    return frozenset(n.lower() for n in names)


def _table_references(tree: Any, found: list[tuple[str, str]]) -> None:
    if isinstance(tree, dict):
        if tree.get("type") == "TABLE_FUNCTION":
            found.append(("function", str(tree["function"].get("function_name", ""))))
        elif tree.get("type") == "BASE_TABLE":
            found.append(("table", str(tree.get("table_name", ""))))
        for value in tree.values():
            _table_references(value, found)
    elif isinstance(tree, list):
        for value in tree:
            _table_references(value, found)


@functools.lru_cache(maxsize=512)
def _refusal(sql: str) -> str | None:
    """Why a reading cursor must not run `sql` (None: it may). Parsed once per text on a
    connection of its own that has no data and no file access."""
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = duckdb.connect(
                ":memory:",
                config={
                    "enable_external_access": False,
                    "autoinstall_known_extensions": False,
                    "autoload_known_extensions": False,
                },
            )
        try:
            statements = _parser.extract_statements(sql)
        except duckdb.Error as error:
            return f"it cannot be parsed ({str(error).splitlines()[0]})"
        if len(statements) != 1:
            return f"{len(statements)} statements, not one"
        if statements[0].type != duckdb.StatementType.SELECT:
            return f"a {statements[0].type.name} statement, not a SELECT"
        tree = json.loads(
            _parser.execute("select json_serialize_sql($sql)", {"sql": sql}).fetchone()[0]
        )
    if tree.get("error"):
        return f"it is not a plain SELECT ({tree.get('error_message')})"
    found: list[tuple[str, str]] = []
    _table_references(tree, found)
    allowed = _SAFE_TABLE_FUNCTIONS | _project_table_macros()
    for kind, name in found:
        if kind == "function" and name.lower() not in allowed:
            return f"it calls {name}(), which a page never needs"
        if kind == "table" and not _TABLE_NAME.fullmatch(name.lower()):
            return f"it reads {name!r}, which is not a table"
    return None


class ReadingCursor:
    """A cursor that runs one plain SELECT at a time and nothing else: no EXPORT, CHECKPOINT,
    ATTACH, temporary table, SET (so not the viewer's scope either), PRAGMA or COPY, and no
    table function that reads files. Pages only ever run the project's queries/*.sql."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self._cur = cur

    def execute(self, sql: str, params: dict[str, Any] | list[Any] | None = None):
        why = _refusal(sql)
        if why is not None:
            raise StatementRefused(f"A reading cursor refused this statement: {why}.")
        return self._cur.execute(sql, params)

    def table(self, name: str):
        if not _TABLE_NAME.fullmatch(name):
            raise StatementRefused(f"A reading cursor refused the table name {name!r}.")
        return self._cur.table(name)


def close(path: Path | None = None) -> None:
    """Let go of the root connection to `path` (or of every one), so another process can open it."""
    with _roots_lock:
        for key in [str(path)] if path else list(_roots):
            known = _roots.pop(key, None)
            if known:
                known[1].close()


@contextlib.contextmanager
def reading(path: Path, scope: Scope = EVERYONE, timeout: float | None = None):
    """A cursor for reading: a read-only transaction (one consistent snapshot, and no statement
    can write), with the scope set for the visible_* macros, stopped after `timeout` seconds."""
    cur = _root_connection(path).cursor()
    timer = None
    try:
        cur.execute("set variable viewer_sees_everyone = $everyone", {"everyone": scope.everyone})
        cur.execute("set variable viewer_reps = $reps::varchar[]", {"reps": list(scope.reps)})
        cur.execute("begin transaction read only")
        if timeout:
            # DuckDB has no statement timeout: interrupt the cursor from another thread.
            timer = threading.Timer(timeout, cur.interrupt)
            timer.daemon = True
            timer.start()
        try:
            # Only the wrapper leaves this function: what runs on it cannot set the scope above.
            yield ReadingCursor(cur)
        except duckdb.InterruptException:
            raise QueryTimedOut(
                f"This took longer than {timeout:g} s and was stopped. Narrow the period or the "
                "filters and try again; the rest of the app goes on working."
            ) from None
    finally:
        if timer is not None:
            timer.cancel()
        cur.close()  # ends the transaction


def data_version(path: Path | None = None) -> str:
    """Changes with every load or import (dataset_info.version) and when the file is replaced;
    part of every cache key."""
    path = path or database_path()
    identity = _file_identity(path)
    with reading(path) as cur:
        (version,) = cur.execute("select max(version) from dataset_info").fetchone()
    return f"{identity[1]}:{version}"


def has_table(name: str, path: Path | None = None) -> bool:
    """Whether the database has table `name` (the import's tables come with a first import)."""
    with reading(path or database_path()) as cur:
        sql = (
            "select count(*) from duckdb_tables() where schema_name = 'main' and table_name = $name"
        )
        return cur.execute(sql, {"name": name}).fetchone()[0] > 0


def _bound(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """Keep only the parameters the statement names: DuckDB rejects unused ones."""
    wanted = set(_PARAM.findall(sql))
    missing = wanted - set(params)
    if missing:
        raise KeyError(f"query needs parameters {sorted(missing)}")
    return {k: v for k, v in params.items() if k in wanted}


def run(
    name: str,
    params: dict[str, Any] | None = None,
    path: Path | None = None,
    scope: Scope = EVERYONE,
) -> pd.DataFrame:
    """Run queries/<name>.sql with bound parameters, uncached, seeing the leads of `scope`
    (scripts and tests see everyone's; pages go through query(), which asks who is looking)."""
    path = path or database_path()
    sql = sql_text(name)
    with reading(path, scope, settings().query_timeout_seconds) as cur:
        return cur.execute(sql, _bound(sql, params or {})).df()


def run_arrays(
    name: str,
    params: dict[str, Any] | None = None,
    path: Path | None = None,
    scope: Scope = EVERYONE,
) -> dict[str, Any]:
    """run(), as one numpy array per column (masked where it has nulls), without a DataFrame:
    for results of millions of rows that go straight into numpy (the what-if replay)."""
    return run_arrays_together([(name, params or {})], path, scope)[0]


def run_arrays_together(
    queries: list[tuple[str, dict[str, Any]]], path: Path | None = None, scope: Scope = EVERYONE
) -> list[dict[str, Any]]:
    """run_arrays() of several queries in one read-only transaction, so their results describe
    the same data even when an import commits in between (the what-if replay's leads and their
    touchpoint counts must match row for row)."""
    path = path or database_path()
    results = []
    with reading(path, scope, settings().query_timeout_seconds) as cur:
        for name, params in queries:
            sql = sql_text(name)
            results.append(cur.execute(sql, _bound(sql, params)).fetchnumpy())
    return results


def table(name: str, path: Path | None = None) -> pd.DataFrame:
    """A whole table as a DataFrame (benchmarks and checks; pages use queries)."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    with reading(path or database_path()) as cur:
        return cur.table(name).df()


def export_csv(name: str, out: Path, path: Path | None = None) -> None:
    """Write a whole table as CSV with a header (the import benchmark's input)."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    cur = _root_connection(path or database_path()).cursor()
    try:
        cur.table(name).to_csv(str(out), header=True)
    finally:
        cur.close()


def insert_frame(name: str, frame: pd.DataFrame, path: Path | None = None) -> None:
    """Append a DataFrame to a table in one transaction, unchecked: the plain-pandas way the
    import benchmark compares with."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    cur = _root_connection(path or database_path()).cursor()
    try:
        cur.execute("begin transaction")
        cur.from_df(frame[cur.table(name).columns]).insert_into(name)
        cur.execute("commit")
    finally:
        cur.close()


def replace_app_users(users: pd.DataFrame, path: Path | None = None) -> None:
    """Make `users` (email, role, rep) the list of who may sign in, in one transaction: a list
    the table's checks refuse (an unknown role, a rep without a name, an email twice) changes
    nothing. A new data version, so every page asks again who may see what."""
    path = path or database_path()
    if not has_table("app_users", path):
        raise ValueError(
            f"{path} was made by a version of Leadflow without sign-in: create a new database "
            "(python -m leadflow.demo, or import into an empty one) to keep a list of users."
        )
    cur = _root_connection(path).cursor()
    try:
        cur.execute("begin transaction")
        try:
            cur.execute("delete from app_users")
            cur.from_df(users.assign(email=users["email"].str.strip().str.lower())).insert_into(
                "app_users"
            )
            cur.execute("update dataset_info set version = version + 1")
            cur.execute("commit")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                cur.execute("rollback")
            raise
    finally:
        cur.close()


# The import: reading files into staging tables, checking them with SQL, and writing the good
# rows in one transaction. leadflow.load decides what to read and how to word what is wrong.

# The tables an import fills, in the order they are written, and their columns.
IMPORT_TABLES: dict[str, tuple[str, ...]] = {
    "campaigns": ("campaign_id", "name", "channel"),
    "leads": (
        "lead_id", "created_at", "channel", "campaign_id", "company", "industry", "company_size",
        "job_title", "seniority", "country", "owner", "score_at_handoff", "mql_at", "handoff_at",
        "first_response_at", "accepted_at", "rejected_at", "rejection_reason", "recycled_at",
    ),
    "touchpoints": ("touchpoint_id", "lead_id", "occurred_at", "type", "campaign_id", "value"),
    "deals": ("deal_id", "lead_id", "created_at", "closed_at", "stage", "amount", "lost_reason"),
}  # fmt: skip
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
    lookup: int | None = None  # a column position in the lookup file
    constant: str | None = None  # the same value on every row
    default: str | None = None  # where the file's value is empty
    values: tuple[tuple[str, str], ...] = ()  # (their value in lowercase, ours)
    otherwise: str | None = None  # ours for any value `values` does not name
    only_if: tuple[str, tuple[str, ...]] | None = None  # (column of this table, its values)
    row_number: str | None = None  # an id made of this prefix and the row's number


@dataclass(frozen=True)
class ImportSource:
    """One staged file feeding one table."""

    slot: int
    columns: dict[str, ImportColumn]
    keep: tuple[tuple[int, tuple[str, ...]], ...] = ()  # rows whose column is one of the values
    skip: tuple[tuple[int, tuple[str, ...]], ...] = ()  # rows whose column is one of the values
    lookup: tuple[int, int, int] | None = None  # (lookup slot, its key position, our position)


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
# The longest line of a CSV file an import reads: longer is not CRM data (a quote left open).
MAX_LINE_BYTES = 10_000_000


class Import:
    """One import on its own cursor of the root connection: staging tables that only it sees,
    checks, and one transaction that writes everything or nothing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with _roots_lock:
            self._lock = _import_locks.setdefault(str(path), threading.Lock())
        self.cur: duckdb.DuckDBPyConnection | None = None
        self._views: dict[str, list[str]] = {}  # table: selects not yet in raw_<table>

    def __enter__(self) -> Import:
        if not self._lock.acquire(blocking=False):
            raise DatabaseBusy(
                "Another import into this database is running: try again when it has finished."
            )
        try:
            self.cur = _root_connection(self.path).cursor()
            self.cur.execute(sql_text("import_macros"))
            for table, columns in IMPORT_TABLES.items():
                typed = ", ".join(f"{c} varchar" for c in columns)
                self.cur.execute(
                    f"create temp table raw_{table} (_src integer, _rec bigint, {typed})"
                )
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._release()

    def _release(self) -> None:
        if self.cur is not None:
            self.cur.close()  # temporary tables go with the cursor
            self.cur = None
        self._lock.release()

    def _run(self, sql: str, params: dict[str, Any] | None = None):
        try:
            return self.cur.execute(sql, _bound(sql, params or {}))
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
                    parts.append(cleaned(f"l.column{spec.lookup}"))
                expr = parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"
                if spec.values or spec.otherwise is not None:
                    keys = bind([k for k, _ in spec.values])
                    ours = bind([v for _, v in spec.values])
                    otherwise = expr if spec.otherwise is None else bind(spec.otherwise)
                    expr = f"nullif(import_map({expr}, {keys}, {ours}, {otherwise}), '')"
                if spec.default is not None:
                    expr = f"coalesce({expr}, {bind(spec.default)})"
            exprs[column] = expr
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
        if source.lookup is not None:
            slot, key, ours = source.lookup
            joins = (
                f" left join (select distinct on (lower(trim(column{key}))) * from src_{slot}) "
                f"as l on lower(trim(l.column{key})) = lower(trim(s.column{ours}))"
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
        """Type and check every raw table into staged_<table> (queries/import_<table>.sql).
        `options` holds each table's $formats, $decimal_comma, $zone and $gap_hours."""
        filled = set(self._views)
        self._settle_raw()
        for table in _CHECK_ORDER:
            params = {
                "formats": ["%d.%m.%Y"],
                "decimal_comma": False,
                "zone": "UTC",
                "gap_hours": [],
                **options.get(table, {}),
            }
            sql = sql_text(f"import_{table}")
            rows = table in filled or self._run(f"select exists(from raw_{table})").fetchone()[0]
            if not rows:
                # No rows: the empty table, without looking up every lead (0.3 s in a big one).
                sql = f"select * from ({sql}\n) limit 0"
            self._run(
                f"create or replace temp table staged_{table} as {sql}",
                {**params, "now": now, "replace": replace},
            )
        self._run(
            f"create or replace temp table new_campaigns as {sql_text('import_missing_campaigns')}",
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
            cur.execute(sql_text("import_tables"))
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
                names = [f"import_write_{table}"]
                if table != "campaigns":
                    names.append(f"import_insert_{table}")
                for name in names:
                    sql = sql_text(name)
                    cur.execute(sql, _bound(sql, {"mapped": mapped.get(table, [])}))
            cur.execute(sql_text("lead_month_touches"))  # derived from the touchpoints
            if as_of is None:
                sql = sql_text("import_as_of")
                as_of = cur.execute(sql, {"keep_as_of": keep_as_of}).fetchone()[0]
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
        check = _root_connection(self.path).cursor()
        try:
            written = check.execute("select max(version) from dataset_info").fetchone()[0]
        finally:
            check.close()
        if written != version:
            raise ImportFailed("the database did not keep the import (the commit rolled back)")
        return version


_REJECT_COLUMNS = [
    "import_id", "file", "line", "target_table", "column_name", "value", "problem", "record",
]  # fmt: skip


def create_empty_database(path: Path, source: str = "no data yet") -> None:
    """A database with the schema and no data, for a first import: the team settings start at
    their defaults (leadflow.team_settings), logged as defaults so every page can say so."""
    create_database(path, {}, source=source, as_of=datetime.now().replace(microsecond=0))
    for setting, rows in team_settings.defaults().items():
        change = team_settings.describe_change(setting, rows, replace=True)
        write_setting(
            setting, rows, replace=True, who="defaults", change=change, is_default=True, path=path
        )
    close(path)


# Team settings: reading and writing the settings tables
# (leadflow.team_settings checks the rows; only this block touches the tables.)

_SETTINGS_LOG_DDL = re.search(
    r"create table settings_log \(.*?\);", sql_text("schema"), flags=re.DOTALL
).group(0)
# Fixed statements per setting, so nothing is built from a string. A written row replaces the
# stored rows with its key (a versioned setting: its whole version).
_DELETE_ALL = {
    "sla_policy": "delete from sla_policy",
    "public_holidays": "delete from public_holidays",
    "scoring_rules": "delete from scoring_rules",
    "scoring_thresholds": "delete from scoring_thresholds",
    "sql_targets": "delete from sql_targets",
    "campaign_costs": "delete from campaign_costs",
}
_DELETE_KEYS = {
    "sla_policy": "delete from sla_policy where valid_from in (select valid_from from incoming)",
    "public_holidays": "delete from public_holidays where day in (select day from incoming)",
    "scoring_rules": (
        "delete from scoring_rules where valid_from in (select valid_from from incoming)"
    ),
    "scoring_thresholds": (
        "delete from scoring_thresholds where valid_from in (select valid_from from incoming)"
    ),
    "sql_targets": "delete from sql_targets where month in (select month from incoming)",
    "campaign_costs": (
        "delete from campaign_costs where (campaign_id, month) in "
        "(select (campaign_id, month) from incoming)"
    ),
}


def read_setting(setting: str, path: Path | None = None) -> pd.DataFrame:
    """Every stored row of a setting (all versions)."""
    if setting not in team_settings.COLUMNS:
        raise ValueError(f"unknown setting {setting!r}")
    with reading(path or database_path()) as cur:
        return cur.table(setting).df()


def known_setting_values(path: Path | None = None) -> dict[str, frozenset[str]]:
    """The data's touchpoint types and campaign ids, for checking a settings file."""
    frame = run("settings_known_values", {}, path)
    return {
        kind: frozenset(frame.loc[frame["kind"] == kind, "value"].astype(str))
        for kind in ("touchpoint", "campaign")
    }


def settings_log(path: Path | None = None) -> pd.DataFrame:
    """Every change to a setting, newest first (none in a file made before the log)."""
    path = path or database_path()
    if not has_table("settings_log", path):
        return pd.DataFrame(columns=["changed_at", "changed_by", "setting", "change", "is_default"])
    return run("settings_log", {}, path)


def settings_at_default(path: Path | None = None) -> frozenset[str]:
    """The settings still at the defaults a new database got (a few rows: read uncached)."""
    path = path or database_path()
    if not has_table("settings_log", path):
        return frozenset()
    status = run("settings_status", {}, path)
    return frozenset(status.loc[status["is_default"].astype(bool), "setting"])


def write_setting(
    setting: str,
    rows: pd.DataFrame,
    *,
    replace: bool,
    who: str,
    change: str,
    is_default: bool = False,
    path: Path | None = None,
) -> None:
    """Write checked rows of a setting and log it, in one transaction, with a new data version
    so every cached page sees the change. `replace`: the rows become the whole setting; else
    they replace the stored rows with the same key (a version with the same date) and add the
    others. A row the table's checks refuse changes nothing."""
    if setting not in team_settings.COLUMNS:
        raise ValueError(f"unknown setting {setting!r}")
    path = path or database_path()
    cur = _root_connection(path).cursor()
    try:
        cur.execute("begin transaction")
        try:
            cur.execute(_SETTINGS_LOG_DDL.replace("create table", "create table if not exists"))
            cur.register("incoming", rows[list(team_settings.COLUMNS[setting])])
            cur.execute(_DELETE_ALL[setting] if replace else _DELETE_KEYS[setting])
            columns = cur.table(setting).columns
            cur.table("incoming").select(*columns).insert_into(setting)
            cur.unregister("incoming")
            cur.execute(
                "insert into settings_log values ($at, $who, $setting, $change, $is_default)",
                {
                    "at": datetime.now().replace(microsecond=0),
                    "who": who,
                    "setting": setting,
                    "change": change,
                    "is_default": is_default,
                },
            )
            cur.execute("update dataset_info set version = version + 1")
            cur.execute("commit")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                cur.execute("rollback")
            raise
    finally:
        cur.close()
