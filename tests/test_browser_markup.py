"""Markdown and HTML in the data, as a person's browser sees them: the running app in headless
Chromium on a database whose rejection reasons, an industry, a campaign, a touchpoint type and
the data's source hold images, links and bold from an outside address. Every request that leaves
127.0.0.1 is recorded and refused; the test fails on any, and on any <img> or <a> pointing there.
"""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

from tests.browser import ARTIFACTS, running_app, wait_until_idle
from tests.conftest import IMAGE, LINK, OUTSIDE

pytestmark = pytest.mark.browser

# The pages and the deep links that bring each hostile value on screen.
PAGES = [
    "",  # the landing page: the sidebar's "Data:" caption names the source
    "Funnel?split=Industry",
    "Conversion?by=Industry",
    "Rejections",
    "What_if",
    "Weekly_report?week=2026-02-16",
    "KPIs",
    "SLA",
]


@pytest.fixture(scope="module")
def hostile_url(hostile_db, tmp_path_factory):
    database = tmp_path_factory.mktemp("browser_markup") / "leadflow.duckdb"
    shutil.copy(hostile_db, database)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(database, ARTIFACTS / "server_browser_markup.log") as app:
        yield app.url


# Streamlit draws a page's own :material/…: icon as the tab's favicon from Google's font
# server: the app's choice of icon, not data (refused too, and left out of the failures).
PAGE_ICON = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"


@pytest.fixture
def outside_requests(page) -> list[str]:
    """Every request the page makes to anywhere but the app, refused."""
    made: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
            r.continue_()
            return
        if not url.startswith(PAGE_ICON):
            made.append(url)
        r.abort()

    page.context.route("**/*", route)
    return made


def visible_text(page) -> str:
    return page.locator("[data-testid=stApp]").inner_text().replace("\u2060", "")


@pytest.mark.parametrize("path", PAGES)
def test_browser_data_markup_stays_text(hostile_url, page, outside_requests, path):
    page.goto(f"{hostile_url}/{path}")
    wait_until_idle(page)
    # Open every expander, so the labels inside (the What-if weights) are drawn too.
    for summary in page.locator("[data-testid=stExpander] summary").all():
        # An expander above still opening moves this one: under load it never sits still long
        # enough for Playwright's stability check, and the click itself is what matters.
        summary.click(force=True)
        page.wait_for_timeout(150)
    wait_until_idle(page)
    page.screenshot(path=str(ARTIFACTS / f"markup_{path.split('?')[0] or 'home'}.png"))
    assert not page.locator("[data-testid=stException]").count()
    assert outside_requests == []
    # *|href: also the xlink:href of a link in a chart's SVG.
    pointing_out = f'img[src*="{OUTSIDE}"], a[*|href*="{OUTSIDE}"], [style*="{OUTSIDE}"]'
    assert page.locator(pointing_out).count() == 0
    # The payload is on the page, as the text it is (in the sidebar at least).
    text = visible_text(page)
    assert IMAGE in text and LINK in text
