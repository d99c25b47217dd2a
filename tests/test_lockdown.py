"""A page's reading cursor refuses all but one plain SELECT; imports never widen what the
database may read; a killed import's leftovers are gone on the next start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from leadflow import db, importer
from tests.conftest import FIXTURE_AS_OF, fixture_tables
from tests.test_load import generic


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    yield path
    db.close(path)


def refusal(path: Path, statement: str, params: dict | None = None) -> db.StatementRefused:
    with db.reading(path, db.NOBODY) as cur, pytest.raises(db.StatementRefused) as refused:
        cur.execute(statement, params or {})
    return refused.value


def test_lockdown_export_database_is_refused_and_writes_nothing(database):
    target = database.parent / "stolen"
    refusal(database, f"export database '{target}'")
    assert not target.exists()


@pytest.mark.parametrize(
    "statement",
    [
        "checkpoint",
        "force checkpoint",
        "attach ':memory:' as scratch",
        "create temp table scratch as select * from app_users",
        "create temp table scratch (a integer)",
        "pragma database_list",
        "call duckdb_settings()",
        "copy (select 1) to '/dev/null'",
        "select 1; select 2",
    ],
)
def test_lockdown_statements_other_than_one_select_are_refused(database, statement):
    refusal(database, statement)


@pytest.mark.parametrize(
    "statement",
    [
        "set variable viewer_sees_everyone = true",
        "set variable viewer_reps = ['Anna Nowak']",
        "reset variable viewer_sees_everyone",
        "select 1; set variable viewer_sees_everyone = true",
    ],
)
def test_lockdown_the_viewer_scope_cannot_be_changed_from_sql(database, statement):
    with db.reading(database, db.NOBODY) as cur:
        with pytest.raises(db.StatementRefused):
            cur.execute(statement)
        # Still nobody's leads: the fixture has 20, NOBODY sees 0 of them.
        assert cur.execute("select getvariable('viewer_sees_everyone')").fetchone() == (False,)
        assert cur.execute("select count(*) from visible_leads()").fetchone() == (0,)


def test_lockdown_other_sessions_uploads_cannot_be_listed_or_read(database):
    other = importer.upload_folder(None, database)  # another session's folder
    upload = other / "upload-0123456789abcdef01234567.csv"
    upload.write_text("secret\nlead list of another team\n")
    for statement in (
        "select * from glob($g)",
        "select * from read_csv($f)",
        "select content from read_text($f)",
        "select * from read_blob($f)",
        "select * from sniff_csv($f)",
        "select * from leads where lead_id in (select secret from read_csv($f))",
        "select * from read_csv(getvariable('viewer_reps')[1])",
        # A file named where a table goes (a replacement scan): the path is the attack itself.
        f"select * from '{upload}'",  # noqa: S608
        f'select * from "{upload}"',  # noqa: S608
    ):
        params = {"f": str(upload), "g": f"{database.parent / db.UPLOADS}/**"}
        error = refusal(
            database, statement, {k: v for k, v in params.items() if f"${k}" in statement}
        )
        assert "lead list" not in str(error)


def test_lockdown_the_projects_queries_and_table_macros_still_run(database):
    with db.reading(database) as cur:
        # The fixture: 20 leads; every query file a page runs passes the check.
        assert cur.execute("select count(*) from visible_leads()").fetchone() == (20,)
        assert cur.execute("select count(*) from range(3)").fetchone() == (3,)
    page_queries = [n for n in db.query_names() if not n.startswith("import_")]
    # Only the derived tables' builders, which the data layer runs when it writes.
    assert [n for n in page_queries if db.lockdown._refusal(db.sql_text(n))] == [
        "funnel_days",
        "funnel_days_table",
        "lead_month_touches",
        "lead_month_touches_table",
        "replay_leads",
        "replay_leads_table",
        "whatif_values",
        "whatif_values_table",
    ]
    assert db.run("data_range", {}, database)["leads"].iloc[0] == 20


def test_lockdown_the_database_reads_only_uploads_and_import_work_folders(database):
    data = database.parent
    assert db.readable_folders(database) == {str(data / ".uploads"), str(data / ".imports")}
    scenarios = data / "leadflow.scenarios.json"  # beside the database: a page never reads it
    scenarios.write_text('{"a": 1}')
    with db.reading(database) as cur, pytest.raises(duckdb.PermissionException):
        cur._cur.execute("select * from read_text($f)", {"f": str(scenarios)})


def test_lockdown_a_command_line_import_does_not_widen_what_the_database_reads(database, tmp_path):
    elsewhere = tmp_path / "exports"  # outside the data folder, as on a command line
    elsewhere.mkdir()
    leads = elsewhere / "leads.csv"
    leads.write_text(
        "lead_id,created_at,channel,company,owner,handoff_at,mql_at\n"
        "L-NEW,2026-03-30 10:00,webinar,Acme,,,\n"
    )
    report = importer.run([leads], generic(), path=database, now=datetime(2026, 4, 1, 12))
    assert report.written and report.files == ["leads.csv"]
    # The fixture's 20 leads and the new one: 20 + 1.
    assert db.run("data_range", {}, database)["leads"].iloc[0] == 21
    assert db.readable_folders(database) == {
        str(database.parent / ".uploads"),
        str(database.parent / ".imports"),
    }
    with db.reading(database) as cur, pytest.raises(duckdb.PermissionException):
        cur._cur.execute("select * from read_csv($f)", {"f": str(leads)})
    # The staged link went with the import's work folder; the user's file is untouched.
    assert list((database.parent / ".imports").iterdir()) == []
    assert leads.read_text().startswith("lead_id,")


KILLED_WRITER = """
import os, sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("set checkpoint_threshold = '10GB'")  # keep the commit in the WAL only
con.execute("insert into campaigns values ('C-WAL', 'after the kill', 'webinar')")
os._exit(0)  # killed: no checkpoint, no close
"""


def test_lockdown_a_killed_imports_leftovers_are_gone_on_the_next_start(database, tmp_path):
    db.close(database)
    writer = [sys.executable, "-c", textwrap.dedent(KILLED_WRITER), str(database)]
    subprocess.run(writer, check=True)
    wal = database.with_name(database.name + ".wal")
    assert wal.exists()
    data = database.parent
    old_layout = data / ".import-k1ll3d"  # where work folders were kept before .imports/
    (old_layout / "converted.csv").parent.mkdir()
    (old_layout / "converted.csv").write_text("a\n1\n")
    killed = data / ".imports" / "import-k1ll3d"
    killed.mkdir(parents=True)
    (killed / ".held").touch()
    (killed / "given-0.csv").write_text("a\n1\n")
    # An import running in another app process (on another database in the same folder)
    # holds its work folder: it stays.
    other = data / "other.duckdb"
    with db.import_work_folder(other) as running:
        (running / "given-0.csv").write_text("a\n1\n")
        an_hour_ago = time.time() - 3600  # older than the minute a new folder is left alone
        for folder in (old_layout, killed, running):
            os.utime(folder, (an_hour_ago, an_hour_ago))
        assert db.run("data_range", {}, database)["leads"].iloc[0] == 20  # opens the database
        assert not wal.exists() and not old_layout.exists() and not killed.exists()
        assert (running / "given-0.csv").exists()
    assert not running.exists()
    # The committed row in the WAL was replayed, not lost: the fixture's campaigns and C-WAL.
    campaigns = db.table("campaigns", database)
    assert "C-WAL" in set(campaigns["campaign_id"])
    db.close(database)
    copy = tmp_path / "reopened.duckdb"
    shutil.copy(database, copy)  # the file alone, without a WAL, holds the row
    with duckdb.connect(str(copy), read_only=True) as con:
        found = con.execute("select count(*) from campaigns where campaign_id = 'C-WAL'")
        assert found.fetchone() == (1,)
