"""Several app processes on one database file (leadflow.toml [database] shared = true): each
opens it read-only, a write goes to a copy published in its place, and every reader, in this
process or another, switches to the new file at its next query without a failed one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from leadflow import db, team_settings
from tests.conftest import FIXTURE_AS_OF, fixture_tables
from tests.test_derived import Q1, Q1_HEADLINE, headline
from tests.test_load import HEADER, run, write

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def shared_db(fixture_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LEADFLOW_SHARED", "1")
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    yield path
    db.close(path)


def new_lead(tmp_path: Path) -> Path:
    return write(tmp_path, "leads.csv", HEADER + "\nN01,2026-02-10,webinar,Acme,,,\n")


def leads(path: Path) -> int:
    return int(db.run("data_range", {}, path)["leads"].iloc[0])


def other_process(script: str, path: Path, shared: bool = True) -> subprocess.Popen:
    env = {**os.environ, "LEADFLOW_SHARED": "1" if shared else "0", "LEADFLOW_DB": str(path)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


HOLD_AND_COUNT = """
    import sys, time
    from leadflow import db
    path = db.database_path()
    print(int(db.run("data_range", {}, path)["leads"].iloc[0]), flush=True)
    sys.stdin.readline() if False else None
    for _ in range(600):  # until the other process's import is published, 60 s at most
        count = int(db.run("data_range", {}, path)["leads"].iloc[0])
        if count != 20:
            print(count, flush=True)
            break
        time.sleep(0.1)
"""


def test_shared_two_processes_read_one_file_and_see_a_published_import(shared_db, tmp_path):
    reader = other_process(HOLD_AND_COUNT, shared_db)
    try:
        assert reader.stdout.readline().strip() == "20"  # it holds the file open, read-only
        assert leads(shared_db) == 20  # and so can this process
        report = run([new_lead(tmp_path)], shared_db)
        assert report.written, report.file_errors
        out, err = reader.communicate(timeout=120)
    finally:
        reader.kill()
    # The other process saw the fixture's 20 leads, then 21 at a next query, without an error.
    assert out.strip() == "21", err
    assert reader.returncode == 0, err
    assert leads(shared_db) == 21


def test_shared_a_file_held_by_one_process_is_busy_for_another_without_sharing(
    fixture_db, tmp_path
):
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    try:
        assert leads(path) == 20  # this process holds the file read-write
        reader = other_process(HOLD_AND_COUNT, path, shared=False)
        _, err = reader.communicate(timeout=120)
        assert reader.returncode != 0 and "the app has this database open" in err
    finally:
        db.close(path)


def test_shared_a_query_open_during_a_publish_finishes_on_the_old_file(shared_db, tmp_path):
    before = os.stat(shared_db).st_ino
    with db.reading(shared_db) as cur:
        assert cur.execute("select count(*) from visible_leads()").fetchone() == (20,)
        assert run([new_lead(tmp_path)], shared_db).written
        assert os.stat(shared_db).st_ino != before  # a new file, published by rename
        # The cursor opened before the publish still reads its snapshot of the old file.
        assert cur.execute("select count(*) from visible_leads()").fetchone() == (20,)
    assert leads(shared_db) == 21
    # The headline's derived table was published with the data: Q1 18 + 1 leads.
    assert headline(shared_db)[0] == Q1_HEADLINE[0] + 1
    assert not list(tmp_path.glob(".*.publishing*"))


def test_shared_an_import_that_writes_nothing_publishes_nothing(shared_db, tmp_path):
    before = os.stat(shared_db).st_ino
    bad = write(tmp_path, "leads.csv", HEADER + "\nN01,someday,webinar,Acme,,,\n")
    report = run([bad], shared_db, bad_rows="refuse")
    assert not report.written
    assert os.stat(shared_db).st_ino == before
    assert not list(tmp_path.glob(".*.publishing*"))
    assert leads(shared_db) == 20


def test_shared_a_setting_is_published(shared_db):
    rows, problems = team_settings.parse("sql_targets", "month,target\n2026-04-01,9\n")
    assert not team_settings.errors(problems)
    before = os.stat(shared_db).st_ino
    db.write_setting(
        "sql_targets", rows, replace=False, who="test", change="April: 9", path=shared_db
    )
    assert os.stat(shared_db).st_ino != before
    targets = db.read_setting("sql_targets", shared_db)
    assert 9 in targets["target"].tolist()


def test_shared_a_file_from_another_version_is_published_up_to_date_at_open(shared_db, monkeypatch):
    monkeypatch.setenv("LEADFLOW_SHARED", "0")
    cur = db.connection.root_connection(shared_db).cursor()
    cur.execute("update funnel_days set stage = 'sql' where stage = 'lead'")
    cur.execute("update derived_built set definition = 'older definitions'")
    cur.close()
    db.close(shared_db)
    monkeypatch.setenv("LEADFLOW_SHARED", "1")
    assert headline(shared_db) == Q1_HEADLINE
    assert Q1["start"].year == 2026


def test_unshared_a_file_replaced_under_its_name_is_read_anew(fixture_db, tmp_path):
    # One process, the file rebuilt in place (a new demo database): the next query reads the
    # new file, not the old one's instance, which DuckDB would hand back under the same name.
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    try:
        assert leads(path) == 20
        tables = fixture_tables()
        tables["leads"] = tables["leads"].head(0)
        tables = {k: v for k, v in tables.items() if k not in ("touchpoints", "deals")}
        db.create_database(path, tables, source="empty", as_of=FIXTURE_AS_OF)
        assert leads(path) == 0
    finally:
        db.close(path)
