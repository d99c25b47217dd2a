"""Shared fixtures: the hand-made dataset in tests/fixtures/, loaded into a real DuckDB file."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

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
