"""What a page's cursor may run: one plain SELECT of tables, no file, no setting."""

from __future__ import annotations

import functools
import json
import re
import threading
from pathlib import Path
from typing import Any

import duckdb

from leadflow.db.files import QUERIES


def lock_down(con: duckdb.DuckDBPyConnection, folders: frozenset[str]) -> None:
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
        (serialized,) = _parser.execute("select json_serialize_sql($sql)", {"sql": sql}).fetchall()[
            0
        ]
        tree = json.loads(serialized)
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
