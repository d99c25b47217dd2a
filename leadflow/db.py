"""The one owner of the DuckDB database: creates it, connects to it, runs queries/*.sql."""

from __future__ import annotations

import os
import re
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

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
    return sorted(p.stem for p in QUERIES.glob("*.sql") if p.stem != "schema")


def create_database(
    path: Path,
    tables: dict[str, pd.DataFrame | pa.Table],
    *,
    source: str,
    as_of: datetime,
) -> None:
    """Write a complete database to `path`, atomically.

    The file is built under a temporary name and renamed into place only once every
    constraint has held, so a reader sees either the old file or the complete new one.
    """
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables: {sorted(unknown)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(sql_text("schema"))
            for table in TABLES:
                if table not in tables:
                    continue
                columns = con.table(table).columns
                frame = tables[table]
                given = list(frame.column_names if isinstance(frame, pa.Table) else frame.columns)
                if sorted(given) != sorted(columns):
                    raise ValueError(f"{table}: expected columns {columns}, got {given}")
                # The relation API inserts by position, so no SQL text is built here.
                if isinstance(frame, pa.Table):
                    rows = con.from_arrow(frame.select(columns))
                else:
                    rows = con.from_df(frame[columns])
                if table in _LOAD_ORDER:
                    rows = rows.order(_LOAD_ORDER[table])
                rows.insert_into(table)
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


def data_version(path: Path | None = None) -> str:
    """Changes whenever the database file is replaced; part of every cache key."""
    path = path or database_path()
    stat = path.stat()
    return f"{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_size}"


@st.cache_resource(max_entries=4, show_spinner=False)
def _root_connection(path: str, version: str) -> duckdb.DuckDBPyConnection:
    # One root connection per file version; each query runs on its own cursor, because
    # Streamlit serves every session on its own thread and a connection is not shareable.
    return duckdb.connect(path, read_only=True)


def _bound(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """Keep only the parameters the statement names: DuckDB rejects unused ones."""
    wanted = set(_PARAM.findall(sql))
    missing = wanted - set(params)
    if missing:
        raise KeyError(f"query needs parameters {sorted(missing)}")
    return {k: v for k, v in params.items() if k in wanted}


def run(name: str, params: dict[str, Any] | None = None, path: Path | None = None) -> pd.DataFrame:
    """Run queries/<name>.sql with bound parameters, uncached."""
    path = path or database_path()
    sql = sql_text(name)
    con = _root_connection(str(path), data_version(path))
    cur = con.cursor()
    try:
        return cur.execute(sql, _bound(sql, params or {})).df()
    finally:
        cur.close()


def table(name: str, path: Path | None = None) -> pd.DataFrame:
    """A whole table as a DataFrame (benchmarks and checks; pages use queries)."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    path = path or database_path()
    cur = _root_connection(str(path), data_version(path)).cursor()
    try:
        return cur.table(name).df()
    finally:
        cur.close()


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(name: str, params: dict[str, Any], path: str, version: str) -> pd.DataFrame:
    return run(name, params, Path(path))


def query(
    name: str, params: dict[str, Any] | None = None, path: Path | None = None
) -> pd.DataFrame:
    """Run queries/<name>.sql, cached until the database changes."""
    path = path or database_path()
    return _cached(name, params or {}, str(path), data_version(path))
