"""The tables derived from the data (funnel_days, lead_month_touches) stay in step with it: built
with the database, rebuilt by every import, and at open when the file lacks them or they were
built from other definitions; the landing page's headline reads funnel_days."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from leadflow import db
from leadflow.db import derived
from tests.conftest import FIXTURE_AS_OF, fixture_tables

# The fixture's headline for Q1 2026 (tests/test_queries.py works it out lead by lead): 18
# leads, 12 MQLs, 7 SQLs, 11 handoffs (6 accepted, 4 rejected, 1 undecided), 3 won, 75,000.
Q1 = {
    "start": date(2026, 1, 1),
    "end": date(2026, 3, 31),
    "previous_start": date(2025, 10, 3),
    "previous_end": date(2025, 12, 31),
    "channels": [],
    "industries": [],
    "size_bands": [],
    "reps": [],
}
COLUMNS = ["leads", "mqls", "sqls", "handoffs", "handoffs_accepted", "handoffs_rejected"]
COLUMNS += ["handoffs_awaiting_decision", "won_deals", "revenue"]
Q1_HEADLINE = [18, 12, 7, 11, 6, 4, 1, 3, 75_000]


def headline(path: Path) -> list[float]:
    frame = db.run("headline_by_period", Q1, path).set_index("period")
    return [float(frame.loc["current", c]) for c in COLUMNS]


@pytest.fixture
def copy_db(fixture_db: Path, tmp_path: Path):
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    yield path
    db.close(path)


def test_funnel_days_holds_every_stage_of_the_fixture(fixture_db):
    # Summed over all days, each stage counts the leads that reached it: the fixture's 20 leads
    # (L01-L20); 13 MQLs (Q1's 12 and L19's in December); 7 SQLs (L19 accepted in January).
    totals = db.run("data_range", {}, fixture_db)  # the file opens with funnel_days in it
    assert totals["leads"].iloc[0] == 20
    with db.reading(fixture_db) as cur:
        rows = cur.execute(
            "select stage, sum(leads)::integer from funnel_days group by stage"
        ).fetchall()
    counted = dict(rows)
    assert counted["lead"] == 20
    assert counted["mql"] == 13
    assert counted["sql"] == 7


def test_derived_a_file_made_before_funnel_days_gets_it_at_open(copy_db):
    cur = db.connection.root_connection(copy_db).cursor()
    cur.execute("drop table funnel_days")
    cur.execute("drop table derived_built")
    cur.close()
    db.close(copy_db)
    assert headline(copy_db) == Q1_HEADLINE


def test_derived_funnel_days_built_from_other_definitions_is_rebuilt_at_open(copy_db):
    # As if an older version of the stage definitions had counted every lead as an SQL.
    cur = db.connection.root_connection(copy_db).cursor()
    cur.execute("update funnel_days set stage = 'sql' where stage = 'lead'")
    cur.execute("update derived_built set definition = 'older' where name = 'funnel_days'")
    cur.close()
    db.close(copy_db)
    assert headline(copy_db) == Q1_HEADLINE
    cur = db.connection.root_connection(copy_db).cursor()
    stored = cur.execute("select name, definition from derived_built order by name").fetchall()
    cur.close()
    assert stored == sorted((t.name, t.definition()) for t in derived.TABLES)


def test_derived_an_unchanged_file_is_not_rebuilt_at_open(copy_db):
    db.connection.root_connection(copy_db)
    db.close(copy_db)
    con = db.connection.root_connection(copy_db)
    assert derived.refresh(con) is False


def test_derived_create_database_builds_funnel_days(tmp_path):
    path = tmp_path / "new.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    con = db.connection.root_connection(path)
    try:
        # Built with the file, so the first open has nothing to rebuild.
        assert derived.refresh(con) is False
        assert headline(path) == Q1_HEADLINE
    finally:
        db.close(path)


def test_derived_a_rep_sees_only_their_rows_of_funnel_days(fixture_db):
    # Piotr Kowalski's leads in Q1 (tests/test_queries.py): 5 leads, 3 SQLs, 1 won (25,000);
    # through his scope, with no filter, the headline is his alone.
    frame = db.run(
        "headline_by_period", Q1, fixture_db, scope=db.Scope(False, ("Piotr Kowalski",))
    ).set_index("period")
    assert [float(frame.loc["current", c]) for c in ("leads", "sqls", "won_deals")] == [5, 3, 1]
    assert float(frame.loc["current", "revenue"]) == 25_000


def test_derived_an_import_updates_funnel_days_in_its_transaction(tmp_path):
    from tests.test_load import HEADER, run, write

    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    try:
        # Two new leads created in February, one of them an MQL handed off on 12 Feb: Q1 gets
        # 18 + 2 = 20 leads, 12 + 1 = 13 MQLs and 11 + 1 = 12 handoffs (undecided: 1 + 1 = 2).
        leads = write(
            tmp_path,
            "leads.csv",
            HEADER + "\nN01,2026-02-10,webinar,Acme,,,\n"
            "N02,2026-02-11,webinar,Beta,Anna Nowak,2026-02-12 10:00,2026-02-12 09:00\n",
        )
        assert run([leads], path).written
        expected = [20, 13, 7, 12, 6, 4, 2, 3, 75_000]
        assert headline(path) == expected
    finally:
        db.close(path)


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("funnel_days", "day stage channel industry size_band owner leads amount"),
        ("lead_month_touches", "lead_id month type touchpoints"),
        (
            "replay_leads",
            "lead_id created_at channel industry size_band owner seniority country job_title "
            "campaign_id mql_at is_handoff has_handoff_record is_sql is_rejected "
            "rejection_reason is_won is_lost won_amount",
        ),
        ("whatif_values", "owner rule_type match counted"),
    ],
)
def test_derived_each_empty_table_has_the_built_ones_columns(tmp_path, fixture_db, table, columns):
    # queries/<table>_table.sql (the table before it is filled) and <table>.sql (the table as
    # built) must agree, or a new file and a rebuilt one would differ in types.
    import duckdb

    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    con.execute(db.sql_text(f"{table}_table"))
    empty = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where table_name = $table order by column_index",
        {"table": table},
    ).fetchall()
    con.close()
    with db.reading(fixture_db) as cur:
        built = cur.execute(
            "select column_name, data_type from duckdb_columns() "
            "where table_name = $table order by column_index",
            {"table": table},
        ).fetchall()
    assert empty == built
    assert [name for name, _ in built] == columns.split()


def test_derived_tables_are_named_by_their_queries():
    # Each table's builder and its empty form, by name (tests/test_queries.py wants every
    # query file named in a test): "funnel_days", "funnel_days_table", "lead_month_touches",
    # "lead_month_touches_table", "replay_leads", "replay_leads_table", "whatif_values",
    # "whatif_values_table".
    assert [t.build for t in derived.TABLES] == [
        "lead_month_touches", "replay_leads", "funnel_days", "whatif_values",
    ]  # fmt: skip


def test_export_csv_writes_a_whole_table_through_the_locked_connection(copy_db, tmp_path):
    # The benchmark's input: the fixture's 52 touchpoints under a header, though the connection
    # may write no file itself (lock_down).
    out = tmp_path / "touchpoints.csv"
    db.export_csv("touchpoints", out, copy_db)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '"touchpoint_id","lead_id","occurred_at","type","campaign_id","value"'
    assert len(lines) == 1 + 52
