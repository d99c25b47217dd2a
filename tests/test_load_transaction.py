"""An import is one transaction: a crash in the middle leaves the database as it was, pages read
the old data until the commit and the new data after it, and a second process is told plainly
that the app holds the file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from leadflow import db, importer
from leadflow.app import cache
from leadflow.db import importing as engine
from tests.conftest import FIXTURE_AS_OF, fixture_tables
from tests.test_load import NOW, generic, snapshot, write

ROOT = Path(__file__).resolve().parent.parent
HEADER = "lead_id,created_at,channel,company,owner,handoff_at,mql_at"
Q1 = {
    "start": "2025-12-01",
    "end": "2026-03-31",
    "channels": [],
    "industries": [],
    "size_bands": [],
    "reps": [],
    "dimension": "all",
}


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    yield path
    db.close(path)


def touchpoints_file(folder: Path, rows: int) -> Path:
    """`rows` touchpoints of the fixture's 20 leads: enough rows that DuckDB writes whole row
    groups to the file before the commit."""
    leads = np.array([f"L{i:02d}" for i in range(1, 21)])
    table = pa.table(
        {
            "touchpoint_id": np.arange(10_000, 10_000 + rows),
            "lead_id": leads[np.arange(rows) % 20],
            "occurred_at": pa.array(["2026-02-01 10:00:00"]).take(np.zeros(rows, int)),
            "type": pa.array(["email_open"]).take(np.zeros(rows, int)),
            "value": pa.array([1.5]).take(np.zeros(rows, int)),
        }
    )
    path = folder / "touchpoints.csv"
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="none"))
    return path


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "leadflow.importer", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_load_killed_mid_import_leaves_the_database_as_it_was(tmp_path, database):
    mapping = tmp_path / "generic.json"
    generic().save(mapping)
    big = touchpoints_file(tmp_path, 600_000)
    before = snapshot(database)
    db.close(database)  # the importing process must be able to open the file
    size_before = database.stat().st_size
    # The import writes every row, then holds its transaction open; it is killed there.
    importing = cli("--mapping", str(mapping), "--db", str(database), str(big),
                    "--hold-before-commit", "120")  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        for line in importing.stdout:
            if line.strip() == "holding before commit" or time.monotonic() > deadline:
                break
        assert importing.poll() is None, importing.stderr.read()
        # The rows are in the file already (DuckDB writes big appends before the commit).
        assert database.stat().st_size > size_before + 1_000_000
        os.kill(importing.pid, signal.SIGKILL)
        importing.wait(10)
    finally:
        if importing.poll() is None:
            importing.kill()
    assert importing.returncode == -signal.SIGKILL
    assert snapshot(database) == before


def test_load_cli_refuses_a_file_the_app_holds(tmp_path, database):
    db.data_version(database)  # this process holds the file, as the running app does
    path = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\n")
    mapping = tmp_path / "generic.json"
    generic().save(mapping)
    done = cli("--mapping", str(mapping), "--db", str(database), str(path))
    out, err = done.communicate(timeout=60)
    assert done.returncode == 3
    assert err.strip().splitlines()[-1] == (
        f"error: {database}: the app has this database open: import from the Import data "
        "page, or stop the app first."
    )


def test_load_cli_imports_and_reports(tmp_path, database):
    path = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\nN02,x,a,b,,,\n")
    mapping = tmp_path / "generic.json"
    generic().save(mapping)
    db.close(database)
    dry = cli("--mapping", str(mapping), "--db", str(database), "--dry-run",
              "--report", str(tmp_path / "problems.csv"), str(path))  # fmt: skip
    out, _ = dry.communicate(timeout=60)
    assert dry.returncode == 0, out
    assert "leads: 1 of 2 rows good" in out
    assert "Nothing was written: a dry run: nothing was written." in out
    assert (
        (tmp_path / "problems.csv")
        .read_text()
        .splitlines()[1]
        .startswith('leads.csv,3,leads,created_at,x,"is not a date')
    )
    refused = cli("--mapping", str(mapping), "--db", str(database), str(path))
    out, _ = refused.communicate(timeout=60)
    assert refused.returncode == 1
    assert out.strip().splitlines()[-1] == (
        "Nothing was written: 1 row has problems, and the choice was to import nothing then."
    )
    done = cli("--mapping", str(mapping), "--db", str(database), "--set-aside-bad-rows", str(path))
    out, _ = done.communicate(timeout=60)
    assert done.returncode == 0, out
    assert "Imported (update): 1 row; 1 row set aside in import_rejects." in out


def test_load_readers_see_the_old_data_until_the_commit_then_the_new(tmp_path, database):
    path = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\n")
    # December 2025 to March 2026 in the fixture: 20 leads.
    assert cache.query("funnel_counts", Q1, database)["leads"].tolist() == [20]
    version = db.data_version(database)
    in_transaction, go_on = threading.Event(), threading.Event()

    def hold() -> None:
        in_transaction.set()
        assert go_on.wait(60)

    results = {}
    importing = threading.Thread(
        target=lambda: results.setdefault(
            "report", importer.run([path], generic(), path=database, now=NOW, before_commit=hold)
        )
    )
    importing.start()
    try:
        assert in_transaction.wait(60)
        # Everything is written inside the transaction: a page still reads the old data.
        assert db.run("funnel_counts", Q1, database)["leads"].tolist() == [20]
        assert db.data_version(database) == version
    finally:
        go_on.set()
        importing.join(60)
    assert results["report"].written
    assert db.data_version(database) != version
    # The cached query is keyed by the data version, so the page shows the new number at once.
    assert cache.query("funnel_counts", Q1, database)["leads"].tolist() == [21]


def test_load_a_second_import_at_once_is_told_to_wait(tmp_path, database):
    path = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\n")
    with engine.Import(database), pytest.raises(db.DatabaseBusy, match="Another import"):
        importer.run([path], generic(), path=database, now=NOW)
