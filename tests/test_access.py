"""The locked-down reading connection, the query timeout, and who sees which leads.

A sales rep's view is defined as the app run on a database holding only their leads (with their
touchpoints and deals; configuration unchanged): every page a rep opens must show exactly what
a manager sees on that filtered copy of the fixture.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, settings
from leadflow.app import access, cache
from tests.conftest import FIXTURE_AS_OF, fixture_tables

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]
# The pages for managers only (importing, settings) show a rep no data at all.
DATA_PAGES = [p for p in PAGES if "Import_data" not in p and "Settings" not in p]
ANNA = {"is_logged_in": True, "email": "Anna.Nowak@example.com", "name": "Anna Nowak"}
PIOTR = {"is_logged_in": True, "email": "piotr.kowalski@example.com", "name": "Piotr Kowalski"}
MANAGER = {"is_logged_in": True, "email": "manager@example.com", "name": "Manager"}
STRANGER = {"is_logged_in": True, "email": "someone@elsewhere.example", "name": "Someone"}
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only-not-a-secret",
    "client_id": "leadflow",
    "client_secret": "test-only-not-a-secret",
    "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
}


# The reading connection refuses what pages never need.


def refused(path: Path, statement: str, params: dict | None = None) -> duckdb.Error:
    """The error a reading cursor raises for `statement` (each on a new cursor: a failed
    statement ends the transaction). Run beneath the statement check, which refuses all of
    these first (tests/test_lockdown.py): these prove the DuckDB layer on its own."""
    with db.reading(path) as cur:
        try:
            cur._cur.execute(statement, params or {})
        except duckdb.Error as error:
            return error
    raise AssertionError(f"not refused: {statement}")


def test_reading_cursor_cannot_write(fixture_db):
    for statement in (
        "insert into campaigns values ('C-X', 'x', 'webinar')",
        "update leads set owner = 'x'",
        "drop table leads",
        "create table stolen as select * from leads",
    ):
        error = refused(fixture_db, statement)
        assert isinstance(error, duckdb.TransactionException), statement
        assert "read-only" in str(error), statement
    assert db.run("data_range", {}, fixture_db)["leads"].iloc[0] == 20


def test_reading_cursor_reads_files_only_in_the_upload_and_work_folders(fixture_db, tmp_path):
    with db.reading(fixture_db) as cur:
        inside = fixture_db.parent / db.UPLOADS / "inside.csv"
        inside.write_text("a\n1\n")
        sql = "select a from read_csv($f)"
        assert cur._cur.execute(sql, {"f": str(inside)}).fetchall() == [(1,)]
    in_data_folder = fixture_db.parent / "beside.csv"  # beside the database: not readable
    in_data_folder.write_text("a\n1\n")
    outside = tmp_path / "outside.csv"
    outside.write_text("a\n1\n")
    sneaky = fixture_db.parent / ".." / outside.parent.name / outside.name
    for path in (in_data_folder, outside, sneaky):
        error = refused(fixture_db, "select * from read_csv($f)", {"f": str(path)})
        assert isinstance(error, duckdb.PermissionException)
    for statement in (
        "select * from read_text('/etc/passwd')",
        "attach '/tmp/elsewhere.duckdb' as elsewhere",
        f"copy leads to '{tmp_path / 'leads.csv'}'",
    ):
        assert isinstance(refused(fixture_db, statement), duckdb.PermissionException), statement


def test_reading_cursor_cannot_install_or_load_extensions(fixture_db):
    for statement in ("install httpfs", "load httpfs", "install spatial from community"):
        assert isinstance(
            refused(fixture_db, statement),
            (duckdb.PermissionException, duckdb.InvalidInputException),
        ), statement


@pytest.mark.parametrize(
    "statement",
    [
        "set enable_external_access = true",
        "set allowed_directories = ['/']",
        "set lock_configuration = false",
        "set memory_limit = '100GB'",
        "reset enable_external_access",
    ],
)
def test_reading_cursor_cannot_change_the_configuration(fixture_db, statement):
    error = refused(fixture_db, statement)
    assert isinstance(error, duckdb.InvalidInputException) and "locked" in str(error)
    with db.reading(fixture_db) as cur:
        setting = cur.execute("select current_setting('enable_external_access')").fetchone()
    assert setting == (False,)


def test_memory_limit_and_threads_come_from_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADFLOW_MEMORY_LIMIT", "1GB")
    monkeypatch.setenv("LEADFLOW_THREADS", "1")
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    try:
        with db.reading(path) as cur:
            limit, threads = cur.execute(
                "select current_setting('memory_limit'), current_setting('threads')"
            ).fetchone()
        assert (limit, threads) == ("953.6 MiB", 1)  # DuckDB shows 1 GB (10^9) in MiB
    finally:
        db.close(path)


def test_settings_file_holds_the_defaults(monkeypatch):
    for name in ("LEADFLOW_MEMORY_LIMIT", "LEADFLOW_THREADS", "LEADFLOW_QUERY_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    assert settings.settings() == settings.Settings("75%", 0, 30.0)


# A slow query is stopped, and the session goes on.

SLOW = "select count(*) from range(100_000_000_000) as a(n) where n % 7 = 3"


def test_a_slow_query_is_interrupted_after_the_timeout(fixture_db):
    started = time.perf_counter()
    with (
        pytest.raises(db.QueryTimedOut, match=r"longer than 0\.3 s"),
        db.reading(fixture_db, timeout=0.3) as cur,
    ):
        cur.execute(SLOW).fetchall()
    assert time.perf_counter() - started < 5
    # The connection is fine afterwards.
    assert db.run("data_range", {}, fixture_db)["leads"].iloc[0] == 20


def test_a_page_whose_query_times_out_says_so_and_the_next_run_works(use_fixture_db, monkeypatch):
    monkeypatch.setenv("LEADFLOW_QUERY_TIMEOUT", "0.3")
    real = db.sql_text
    monkeypatch.setattr(
        db.connection, "sql_text", lambda n: SLOW if n == "headline_by_period" else real(n)
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "took longer than 0.3 s and was stopped" in at.error[0].value
    assert not at.metric
    monkeypatch.setattr(db.connection, "sql_text", real)
    at.run()
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Leads"] == "20"


# Who sees what.


def only_the_leads_of(rep: str) -> dict[str, pd.DataFrame]:
    """The fixture with only `rep`'s leads, their touchpoints and their deals."""
    tables = fixture_tables()
    leads = tables["leads"][tables["leads"]["owner"] == rep]
    tables["leads"] = leads
    for child in ("touchpoints", "deals"):
        tables[child] = tables[child][tables[child]["lead_id"].isin(leads["lead_id"])]
    return tables


@pytest.fixture(scope="module")
def annas_fixture(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("anna") / "leadflow.duckdb"
    tables = only_the_leads_of("Anna Nowak")
    assert len(tables["leads"]) == 7  # a test on a filter that keeps nothing proves nothing
    db.create_database(path, tables, source="test fixture", as_of=FIXTURE_AS_OF)
    return path


def run_page(script: str, path: Path, monkeypatch, user: dict | None, **query) -> AppTest:
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / script), default_timeout=90)
    if user is not None:
        at.secrets["auth"] = AUTH
        at.user = user
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown(at: AppTest) -> dict:
    """What a person reads on the page, without the sidebar's line saying who is signed in."""
    captions = [
        c.value for c in at.caption if not re.match(r":material/(person|lock_open):", c.value)
    ]
    return {
        "metrics": [(m.label, m.value, m.delta) for m in at.metric],
        "tables": [d.value.astype(str).to_dict("split") for d in [*at.dataframe, *at.table]],
        "captions": captions,
        "markdown": [m.value for m in at.markdown],
        "errors": [e.value for e in at.error],
    }


@pytest.mark.parametrize("script", DATA_PAGES)
def test_a_rep_sees_exactly_their_own_leads_on_every_page(
    script, fixture_db, annas_fixture, monkeypatch
):
    as_anna = shown(run_page(script, fixture_db, monkeypatch, ANNA))
    reference = shown(run_page(script, annas_fixture, monkeypatch, None))
    assert as_anna == reference
    assert as_anna["metrics"] or as_anna["tables"]  # the page showed numbers


@pytest.mark.parametrize("script", ["app.py", "pages/1_Funnel.py", "pages/3_SLA.py"])
def test_a_rep_cannot_reach_another_reps_leads_through_the_url(
    script, fixture_db, annas_fixture, monkeypatch
):
    reference = shown(run_page(script, annas_fixture, monkeypatch, None))
    as_anna = shown(
        run_page(script, fixture_db, monkeypatch, ANNA, rep=["Piotr Kowalski"], split="rep")
    )
    for captions in (reference["captions"], as_anna["captions"]):
        captions[:] = [c for c in captions if "Piotr" not in c]
    assert "Piotr Kowalski" not in str(as_anna)
    assert as_anna["metrics"] == reference["metrics"] or all(
        value in ("0", "–", "—") for _, value, _ in as_anna["metrics"]
    )


def test_a_rep_cannot_open_another_reps_lead_history(fixture_db):
    piotrs_lead = "L02"
    everyone = db.run("lead_history", {"lead_id": piotrs_lead}, fixture_db)
    assert len(everyone) > 3
    anna = db.Scope(everyone=False, reps=("Anna Nowak",))
    assert db.run("lead_history", {"lead_id": piotrs_lead}, fixture_db, anna).empty
    assert not db.run("lead_history", {"lead_id": "L01"}, fixture_db, anna).empty


def test_each_rep_sees_only_their_own_leads_and_a_manager_everyone(fixture_db, monkeypatch):
    def leads(user):
        return run_page(
            "app.py", fixture_db, monkeypatch, user, period=["2025-12-01", "2026-03-31"]
        )

    counts = {
        name: {m.label: m.value for m in leads(user).metric}["Leads"]
        for name, user in (("anna", ANNA), ("piotr", PIOTR), ("manager", MANAGER))
    }
    # Fixture: 20 leads, 7 owned by Anna Nowak, 5 by Piotr Kowalski, 8 never handed off.
    assert counts == {"anna": "7", "piotr": "5", "manager": "20"}


def test_an_unknown_user_sees_nothing(fixture_db, monkeypatch):
    for script in PAGES:
        at = run_page(script, fixture_db, monkeypatch, STRANGER)
        assert "not on the list of users" in at.warning[0].value, script
        assert not at.metric and not at.dataframe, script
    assert db.run("data_range", {}, fixture_db, db.NOBODY)["leads"].iloc[0] == 0
    assert db.run("filter_options", {}, fixture_db, db.NOBODY).empty


def test_a_signed_out_visitor_is_asked_to_sign_in(fixture_db, monkeypatch):
    at = run_page("pages/1_Funnel.py", fixture_db, monkeypatch, {"is_logged_in": False})
    assert "Sign in" in at.info[0].value
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.dataframe


def test_without_login_configured_the_app_is_open_and_says_so(use_fixture_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert any("no login is configured" in c.value for c in at.sidebar.caption)
    assert {m.label: m.value for m in at.metric}["Leads"] == "20"


def test_only_managers_may_import(fixture_db, monkeypatch):
    at = run_page("pages/8_Import_data.py", fixture_db, monkeypatch, ANNA)
    assert "Only managers" in at.info[0].value
    assert not at.get("file_uploader")
    at = run_page("pages/8_Import_data.py", fixture_db, monkeypatch, MANAGER)
    assert at.get("file_uploader")


def test_the_scope_is_part_of_the_cache_key(fixture_db, monkeypatch):
    monkeypatch.setattr(access, "scope", lambda path=None: db.EVERYONE)
    everyone = cache.query("data_range", {}, fixture_db)["leads"].iloc[0]
    monkeypatch.setattr(access, "scope", lambda path=None: db.Scope(False, ("Anna Nowak",)))
    annas = cache.query("data_range", {}, fixture_db)["leads"].iloc[0]
    assert (everyone, annas) == (20, 7)


def test_every_query_reads_leads_through_visible_leads():
    """The scope lives in the visible_leads macro: a query reading the leads table directly
    would show a rep everyone's leads. The import reads and writes the tables themselves."""
    direct = re.compile(r"\b(from|join)\s+leads\b", re.IGNORECASE)
    offenders = [
        name
        for name in db.query_names()
        if not name.startswith("import_") and direct.search(db.sql_text(name))
    ]
    assert not offenders
    macros = db.sql_text("macros")
    # Only visible_leads itself reads the table.
    assert len(direct.findall(macros)) == 1
    assert "create or replace macro visible_leads()" in macros


def test_pages_read_only_through_db_query():
    """db.run sees everyone's leads (scripts and tests); pages must ask for the viewer's."""
    for script in PAGES:
        source = (ROOT / script).read_text(encoding="utf-8")
        assert "db.run(" not in source, script
        assert "duckdb" not in source, script


def test_app_users_query_lists_who_may_sign_in(fixture_db):
    users = db.run("app_users", {}, fixture_db)
    assert users.astype(object).where(users.notna(), None).to_dict("records") == [
        {"email": "anna.nowak@example.com", "role": "rep", "rep": "Anna Nowak"},
        {"email": "manager@example.com", "role": "manager", "rep": None},
        {"email": "piotr.kowalski@example.com", "role": "rep", "rep": "Piotr Kowalski"},
    ]


def test_the_list_of_users_is_replaced_whole_or_not_at_all(tmp_path, capsys):
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    try:
        before = db.data_version(path)
        good = tmp_path / "users.csv"
        good.write_text("email,role,rep\n Boss@Example.com ,manager,\nanna@x.pl,rep,Anna Nowak\n")
        assert access.main([str(good), "--db", str(path)]) == 0
        assert "2 users can sign in" in capsys.readouterr().out
        users = db.run("app_users", {}, path)
        assert users["email"].tolist() == ["anna@x.pl", "boss@example.com"]
        assert db.data_version(path) != before  # pages ask again who sees what

        bad = tmp_path / "bad.csv"
        bad.write_text("email,role,rep\nnew@x.pl,manager,\npiotr@x.pl,rep,\n")  # rep unnamed
        assert access.main([str(bad), "--db", str(path)]) == 1
        assert "error:" in capsys.readouterr().err
        assert db.run("app_users", {}, path)["email"].tolist() == ["anna@x.pl", "boss@example.com"]

        missing = tmp_path / "missing.csv"
        missing.write_text("email,role\nnew@x.pl,manager\n")
        assert access.main([str(missing), "--db", str(path)]) == 1
        assert "no column rep" in capsys.readouterr().err
    finally:
        db.close(path)
