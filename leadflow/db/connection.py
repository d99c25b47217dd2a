"""The process's connection to the database, and running queries/*.sql on it in the
viewer's scope."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pandas as pd

from leadflow.db import derived, publishing
from leadflow.db.building import TABLES
from leadflow.db.files import clear_leftovers, database_path, readable_folders, sql_text
from leadflow.db.lockdown import ReadingCursor, lock_down
from leadflow.settings import settings

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


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
roots_lock = threading.Lock()
# Connections to files since replaced, with when: closed once no query can still be on them.
_retired: list[tuple[float, duckdb.DuckDBPyConnection]] = []
RETIRE_AFTER_SECONDS = 600


def _close_retired() -> None:
    cutoff = time.monotonic() - RETIRE_AFTER_SECONDS
    for entry in [e for e in _retired if e[0] < cutoff]:
        entry[1].close()
        _retired.remove(entry)


def _file_identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino


def root_connection(path: Path) -> duckdb.DuckDBPyConnection:
    """The process's one connection to `path` (read-write; read-only when the file is shared
    by several processes); every query runs on a cursor of it.

    One per file and process: DuckDB refuses a second connection to the same file with another
    configuration, and another process cannot open a file this one holds. Readers on their own
    cursors see the last committed data while an import writes in its own transaction.
    """
    key = str(path)
    identity = _file_identity(path)
    with roots_lock:
        known = _roots.get(key)
        if known and known[0] == identity:
            return known[1]
        if known:
            # The file was replaced under its name (a new demo database, a published write).
            if publishing.shared():
                # Read under a name of its own per version: cursors still reading the old file
                # finish on it, and it is closed a while later, not now.
                _retired.append((time.monotonic(), known[1]))
            else:
                # Under the same name DuckDB would hand back the old instance while it lives.
                known[1].close()
            del _roots[key]
        _close_retired()
        if publishing.shared():
            # Several processes read the file: each read-only; writes publish a new file.
            con = publishing.connect(publishing.reading_name(path), read_only=True)
            try:
                if derived.stale(con):
                    # Made by another version: publish it brought up to date, once, then read.
                    con.close()
                    publishing.Publication(path).publish()
                    identity = _file_identity(path)
                    con = publishing.connect(publishing.reading_name(path), read_only=True)
                clear_leftovers(path)
                lock_down(con, readable_folders(path))
            except BaseException:
                con.close()
                raise
        else:
            con = publishing.connect(path)
            try:
                clear_leftovers(path)
                # Definitions may have changed since the file was built: bring them up to date.
                # DuckDB replayed any WAL a killed process left: the checkpoint folds it and the
                # macros into the file, so no WAL stays beside the database. This process holds
                # the file alone, so nothing else is writing.
                publishing.bring_up_to_date(con)
                lock_down(con, readable_folders(path))
            except BaseException:
                con.close()
                raise
        _roots[key] = (identity, con)
        return con


def close(path: Path | None = None) -> None:
    """Let go of the root connection to `path` (or of every one), so another process can open it."""
    with roots_lock:
        for key in [str(path)] if path else list(_roots):
            known = _roots.pop(key, None)
            if known:
                known[1].close()


@contextlib.contextmanager
def reading(path: Path, scope: Scope = EVERYONE, timeout: float | None = None):
    """A cursor for reading: a read-only transaction (one consistent snapshot, and no statement
    can write), with the scope set for the visible_* macros, stopped after `timeout` seconds."""
    cur = root_connection(path).cursor()
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


@contextlib.contextmanager
def new_version(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor in one write transaction that ends with a new data version, so every cached
    page sees the change: committed when the block ends, rolled back (nothing changed) when it
    raises, a check the tables refuse included. With a shared file, written on a copy that is
    published when the transaction commits."""
    publication = publishing.Publication(path) if publishing.shared() else None
    cur = (publication.connection if publication else root_connection(path)).cursor()
    committed = False
    try:
        cur.execute("begin transaction")
        try:
            yield cur
            cur.execute("update dataset_info set version = version + 1")
            cur.execute("commit")
            committed = True
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                cur.execute("rollback")
            raise
    finally:
        cur.close()
        if publication is not None:
            publication.publish() if committed else publication.discard()


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


def bound_params(sql: str, params: dict[str, Any]) -> dict[str, Any]:
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
        return cur.execute(sql, bound_params(sql, params or {})).df()


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
            results.append(cur.execute(sql, bound_params(sql, params)).fetchnumpy())
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
    import pyarrow.csv as pa_csv

    cur = root_connection(path or database_path()).cursor()
    try:
        # The connection may write no file (lock_down): stream the rows out through pyarrow.
        batches = cur.table(name).fetch_record_batch(1_000_000)
        with pa_csv.CSVWriter(str(out), batches.schema) as writer:
            for batch in batches:
                writer.write_batch(batch)
    finally:
        cur.close()


def insert_frame(name: str, frame: pd.DataFrame, path: Path | None = None) -> None:
    """Append a DataFrame to a table in one transaction, unchecked: the plain-pandas way the
    import benchmark compares with."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    cur = root_connection(path or database_path()).cursor()
    try:
        cur.execute("begin transaction")
        cur.from_df(frame[cur.table(name).columns]).insert_into(name)
        cur.execute("commit")
    finally:
        cur.close()
