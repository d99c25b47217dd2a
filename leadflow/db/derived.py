"""Tables derived from the data, kept in step with it: lead_month_touches (the what-if
replay's features) and funnel_days (the landing page's headline). Rebuilt in the transaction
that writes the data, so a reader never sees them disagree with it."""

from __future__ import annotations

import hashlib

import duckdb

from leadflow.db.files import sql_text


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the derived tables the macros read where the file has none, before the macros."""
    con.execute(sql_text("funnel_days_table"))


def funnel_days_definition() -> str:
    """What funnel_days was built from: its query, the stage definitions it reads and the
    columns they read (the upgrade adds those a file lacks). A file whose table was built from
    other ones has it rebuilt at open (refresh_funnel_days)."""
    text = sql_text("upgrade") + sql_text("macros") + sql_text("funnel_days")
    return hashlib.sha256(text.encode()).hexdigest()


def _build_funnel_days(cur: duckdb.DuckDBPyConnection) -> None:
    # funnel_leads reads through visible_leads: the derived table holds every lead, and a page
    # sees it through filtered_funnel_days, which applies the viewer's scope again.
    cur.execute("set variable viewer_sees_everyone = true")
    try:
        cur.execute(sql_text("funnel_days"))
    finally:
        cur.execute("reset variable viewer_sees_everyone")
    cur.execute(
        "create or replace table funnel_days_built as select $definition as definition",
        {"definition": funnel_days_definition()},
    )


def rebuild(cur: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every derived table from the data on `cur`, inside the caller's transaction."""
    cur.execute(sql_text("lead_month_touches"))
    _build_funnel_days(cur)


def stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file lacks funnel_days or built it from other definitions than this
    version's (and so its macros are another version's too)."""
    built = con.execute(
        "select count(*) from duckdb_tables() "
        "where schema_name = 'main' and table_name = 'funnel_days_built'"
    ).fetchall()[0][0]
    if not built:
        return True
    stored = con.execute("select max(definition) from funnel_days_built").fetchall()[0][0]
    return stored != funnel_days_definition()


def refresh_funnel_days(con: duckdb.DuckDBPyConnection) -> bool:
    """Build funnel_days where the file lacks it (made before it existed) or it was built from
    other definitions than this version's, in one transaction. Whether it was rebuilt."""
    if not stale(con):
        return False
    con.execute("begin transaction")
    try:
        _build_funnel_days(con)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return True
