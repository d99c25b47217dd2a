"""The KPI page on paper and in the dark, in headless Chromium: printing drops the sidebar and the
buttons and prints every month's column whole; the app follows the browser's dark preference."""

from __future__ import annotations

import re

import pytest

from tests.browser import ARTIFACTS, wait_until_idle

pytestmark = pytest.mark.browser

KPIS = "/KPIs?period=2026-01-01&period=2026-03-31&months=6"


def test_browser_print_kpis_without_sidebar_and_with_every_month(app_url, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(app_url + KPIS)
    wait_until_idle(page)
    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    shown = page.evaluate(
        """() => ({
            sidebar: getComputedStyle(document.querySelector('[data-testid=stSidebar]')).display,
            grid: getComputedStyle(document.querySelector('.st-key-screen_only')).display,
            heads: [...document.querySelectorAll('.st-key-print_only th')].map(th => th.innerText),
            view: document.querySelector('.st-key-print_only_view').innerText,
            cut: [...document.querySelectorAll('[data-testid=stMetricLabel] p')]
                .filter(e => e.scrollWidth > e.clientWidth).map(e => e.innerText),
        })"""
    )
    page.screenshot(path=str(ARTIFACTS / "kpis_print_1366.png"), full_page=True)
    context.close()
    assert shown["sidebar"] == "none"
    assert shown["grid"] == "none"
    # Months shown: 6, the last one March 2026 (the period's end), newest first: Mar ... Oct.
    months = [h for h in shown["heads"] if re.search(r"\d{4}", h)]
    assert len(months) == 6, shown["heads"]
    assert months[0].startswith("Mar 2026") and months[-1].startswith("Oct 2025")
    assert shown["cut"] == []
    # The sidebar is not on paper, so the page says what it shows.
    assert "no filters" in shown["view"] and "2026-03-31" in shown["view"], shown["view"]


def test_browser_print_the_screen_shows_the_grid_not_the_print_table(app_url, page):
    page.goto(app_url + KPIS)
    wait_until_idle(page)
    assert page.locator(".st-key-print_only").evaluate("e => getComputedStyle(e).display") == (
        "none"
    )
    assert page.locator(".st-key-screen_only [data-testid=stDataFrame]").count() == 1


def test_browser_dark_mode_follows_the_browser(app_url, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, color_scheme="dark")
    page = context.new_page()
    page.goto(app_url + KPIS)
    wait_until_idle(page)
    background = page.evaluate(
        "getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
    )
    page.screenshot(path=str(ARTIFACTS / "kpis_dark_1366.png"))
    context.close()
    red, green, blue = (int(v) for v in re.findall(r"\d+", background)[:3])
    # Relative luminance well below mid-grey: a dark page (the light theme's is white, 255s).
    assert 0.2126 * red + 0.7152 * green + 0.0722 * blue < 80, background
