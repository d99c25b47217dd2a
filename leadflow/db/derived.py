"""Tables derived from the data, kept in step with it: what the what-if page's first load needs
per data version (lead_month_touches: the replay's features; replay_leads: each lead's segment,
fit and outcome; whatif_values: the values each rep's leads hold) and funnel_days (the landing
page's headline). Written in the transaction that writes the data, so a reader never sees them
disagree with it: built whole with a new database, on an import that replaces the data, and at
open when the definitions they were built with have changed (each table's fingerprint in
derived_built); any other import updates only the rows of the leads it changes (before_change,
then after_change), which tests/test_derived_incremental.py proves equal to a whole build."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import duckdb

from leadflow.db.files import sql_text


@dataclass(frozen=True)
class Derived:
    """One derived table: the queries that build it whole and update it after an import, and
    the definitions those read (a change to any of them rebuilds the table at open)."""

    name: str
    build: str
    update: str
    reads: tuple[str, ...] = ()

    def definition(self) -> str:
        text = "".join(sql_text(name) for name in (*self.reads, self.build, self.update))
        return hashlib.sha256(text.encode()).hexdigest()


# In the order they are built: whatif_values counts from lead_month_touches and replay_leads.
# Besides its own queries, each table's fingerprint covers what they read: the lead filter
# (every_lead, changed_leads) and, for those staging leads, the stage definitions (macros) and
# the columns the upgrade adds to a file that lacks them.
_STAGED = ("upgrade", "macros", "derived/every_lead", "derived/changed_leads")
_REPLAY_LEADS = ("derived/replay_lead_rows", "replay_leads", "derived/replay_leads_update")
TABLES = (
    Derived(
        "lead_month_touches",
        "lead_month_touches",
        "derived/lead_month_touches_update",
        ("derived/every_lead", "derived/changed_leads"),
    ),
    Derived(
        "replay_leads", "replay_leads", "derived/replay_leads_update", (*_STAGED, *_REPLAY_LEADS)
    ),
    Derived(
        "funnel_days",
        "funnel_days",
        "derived/funnel_days_update",
        (*_STAGED, "derived/funnel_day_counts", "derived/funnel_days_before"),
    ),
    Derived(
        "whatif_values",
        "whatif_values",
        "derived/whatif_values_update",
        (
            *_STAGED,
            *_REPLAY_LEADS,
            "lead_month_touches",
            "derived/whatif_value_counts",
            "derived/whatif_values_before",
        ),
    ),
)
# The temporary views the builds and updates read: the leads they count are those the
# derived_lead() macro keeps (every one, or an import's), made before them.
_VIEWS = (
    "derived/funnel_day_counts",
    "derived/replay_lead_rows",
    "derived/whatif_value_counts",
)


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the derived tables the macros read where the file has none, before the macros."""
    for name in (
        "funnel_days_table",
        "lead_month_touches_table",
        "replay_leads_table",
        "whatif_values_table",
    ):
        con.execute(sql_text(name))


def _with_every_lead_visible(cur: duckdb.DuckDBPyConnection, statements: list[str]) -> None:
    # The derived tables hold every lead, read through visible_leads: a page sees them through
    # macros that apply the viewer's scope again (filtered_funnel_days).
    cur.execute("set variable viewer_sees_everyone = true")
    try:
        for name in statements:
            cur.execute(sql_text(name))
    finally:
        cur.execute("reset variable viewer_sees_everyone")


def _record(cur: duckdb.DuckDBPyConnection, tables: tuple[Derived, ...]) -> None:
    cur.execute("create table if not exists derived_built (name varchar, definition varchar)")
    for table in tables:
        cur.execute("delete from derived_built where name = $name", {"name": table.name})
        cur.execute(
            "insert into derived_built values ($name, $definition)",
            {"name": table.name, "definition": table.definition()},
        )
    # Where a version before derived_built kept funnel_days' fingerprint.
    cur.execute("drop table if exists funnel_days_built")


def _build(cur: duckdb.DuckDBPyConnection, tables: tuple[Derived, ...]) -> None:
    _with_every_lead_visible(cur, ["derived/every_lead", *_VIEWS, *(t.build for t in tables)])
    _record(cur, tables)


def rebuild(cur: duckdb.DuckDBPyConnection) -> None:
    """Build every derived table whole from the data on `cur`, inside the caller's
    transaction."""
    _build(cur, TABLES)


def before_change(cur: duckdb.DuckDBPyConnection) -> None:
    """Inside a write transaction, before it writes: what funnel_days and whatif_values count
    now for the leads in the temporary table derived_leads (every lead whose rows the write
    changes, by its ids before and after), for after_change to take off."""
    befores = ["derived/funnel_days_before", "derived/whatif_values_before"]
    _with_every_lead_visible(cur, ["derived/changed_leads", *_VIEWS, *befores])


def after_change(cur: duckdb.DuckDBPyConnection) -> None:
    """Inside the same transaction, once the write is done: every derived table brought up to
    date for the leads in derived_leads, as a whole rebuild would leave it."""
    _with_every_lead_visible(cur, ["derived/changed_leads", *_VIEWS, *(t.update for t in TABLES)])
    cur.execute("drop table derived_leads")


def stale_tables(con: duckdb.DuckDBPyConnection) -> tuple[Derived, ...]:
    """The derived tables the file lacks or built from other definitions than this version's."""
    recorded = con.execute(
        "select count(*) from duckdb_tables() "
        "where schema_name = 'main' and table_name = 'derived_built'"
    ).fetchall()[0][0]
    stored: dict[str, str] = {}
    if recorded:
        stored = dict(con.execute("select name, definition from derived_built").fetchall())
    return tuple(t for t in TABLES if stored.get(t.name) != t.definition())


def stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any derived table is missing or was built from other definitions (and so the
    file's macros are another version's too)."""
    return bool(stale_tables(con))


def refresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Build the derived tables the file lacks (made before they existed) or built from other
    definitions than this version's, in one transaction. Whether any was rebuilt."""
    tables = stale_tables(con)
    if not tables:
        return False
    con.execute("begin transaction")
    try:
        _build(con, tables)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return True
