"""The KPI page at 1366×768, the laptop management reads it on, in English and Polish: no tile
label or value cut off, and the newest month of the table in sight without scrolling."""

from __future__ import annotations

from datetime import datetime

import pytest

from leadflow import db
from tests.browser import ARTIFACTS, running_app, wait_until_idle
from tests.test_kpis import tables_as_of

pytestmark = pytest.mark.browser

# Every tile's label, value and delta, and anything inside them, whose text is wider than its
# box: the browser then cuts it ("CPL-Q 8,580 …", "Konwersja MQL→…").
CUT_TEXT = """() => [...document.querySelectorAll(
    '[data-testid=stMetricLabel], [data-testid=stMetricValue], [data-testid=stMetricDelta]'
)].flatMap(box => [box, ...box.querySelectorAll('*')])
  .filter(e => e.scrollWidth > e.clientWidth)
  .map(e => e.closest('[data-testid^=stMetric]').innerText)"""
# The data grid draws on a canvas; its table for screen readers holds the columns in sight.
HEADERS_IN_SIGHT = """() => [...document.querySelectorAll('[data-testid=stDataFrame] table th')]
  .map(th => th.innerText)"""


@pytest.fixture(scope="module")
def march_app(tmp_path_factory):
    """The app on the fixture as exported on 8 Mar 2026: March is counted to its 7th."""
    path = tmp_path_factory.mktemp("browser_kpis") / "leadflow.duckdb"
    as_of = datetime(2026, 3, 8)
    db.create_database(path, tables_as_of(as_of), source="test fixture", as_of=as_of)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(path, ARTIFACTS / "server_test_browser_kpis.log") as app:
        yield app.url


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_browser_kpi_page_at_1366_cuts_no_tile_and_shows_the_newest_month(march_app, browser, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        # Twelve months: more than the width holds, so the table has to scroll sideways.
        page.goto(f"{march_app}/KPIs?lang={lang}&months=12")
        wait_until_idle(page)
        page.locator("[data-testid=stDataFrame]").scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / f"kpis_1366_{lang}.png"))
        assert page.locator("[data-testid=stMetric]").count() == 5
        assert page.evaluate(CUT_TEXT) == []
        headers = page.evaluate(HEADERS_IN_SIGHT)
        # KPI, the two changes and the trend, then the newest month: March to the 7th.
        assert headers[4] == ("Mar 2026 (1–7)" if lang == "en" else "mar 2026 (1–7)")
        assert "Apr 2025" not in headers and "kwi 2025" not in headers  # the oldest is not
    finally:
        context.close()
