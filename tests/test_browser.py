"""A person's view: the running app in headless Chromium, opened by deep links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import ARTIFACTS, metric_value, wait_until_idle

pytestmark = pytest.mark.browser


def test_browser_funnel_deep_link_with_filters(app_url, page):
    page.goto(f"{app_url}/Funnel?period=2026-01-01&period=2026-03-31&channel=webinar")
    wait_until_idle(page)
    # Webinar leads created in Q1 2026: won 1 (L01), lost 2 (L02, L15) → 33.3%;
    # revenue 40,000 PLN shown as "40 k PLN".
    assert metric_value(page, "Win rate among leads created in the period") == "33.3%"
    assert metric_value(page, "Revenue won by leads created in the period") == "40 k PLN"
    assert page.get_by_text("3 leads reached “SQL”").is_visible()
    # The sidebar shows the filter the link carried.
    sidebar = page.locator("[data-testid=stSidebar]")
    assert sidebar.get_by_text("webinar").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "funnel_deep_link.png"), full_page=True)


def test_browser_filters_survive_a_page_switch(app_url, page):
    page.goto(f"{app_url}/?period=2026-01-01&period=2026-03-31&rep=Piotr+Kowalski")
    wait_until_idle(page)
    # Piotr's Q1: 5 leads (L02 L04 L08 L13 L17).
    assert metric_value(page, "Leads") == "5"
    page.screenshot(path=str(ARTIFACTS / "landing.png"), full_page=True)

    # The sidebar's own links (leadflow/page.py draws them).
    links = page.locator("[data-testid=stSidebar] a[data-testid=stPageLink-NavLink]")
    links.filter(has_text="Funnel").click()
    # Streamlit changes the address with pushState, which Playwright's page.url can miss.
    page.wait_for_function("location.pathname == '/Funnel' && location.search.includes('rep=')")
    wait_until_idle(page)
    address = urlparse(page.evaluate("location.href"))
    assert parse_qs(address.query) == {
        "period": ["2026-01-01", "2026-03-31"],
        "rep": ["Piotr Kowalski"],
    }
    # Piotr's Q1 cohort: won 1 (L08), lost 1 (L02) → 50%.
    assert metric_value(page, "Win rate among leads created in the period") == "50.0%"
