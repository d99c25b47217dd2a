"""The KPI and weekly pages in a real browser, by deep link in both languages, and the weekly
report's exported HTML opened in Chromium with the same numbers as the page."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, metric_value, wait_until_idle

pytestmark = pytest.mark.browser


def cells(table) -> list[str]:
    """A table's header and body cells in reading order, whitespace trimmed."""
    return [" ".join(c.split()) for c in table.locator("th, td").all_inner_texts()]


@pytest.mark.parametrize(
    ("lang", "title", "sqls", "cplq"),
    [
        ("en", "Management KPIs", "SQLs", "7,000 PLN"),
        ("pl", "KPI dla zarządu", "SQL-e", "7 000 zł"),
    ],
)
def test_browser_kpi_page_by_deep_link(app_url, page, lang, title, sqls, cplq):
    page.goto(f"{app_url}/KPIs?lang={lang}&period=2026-01-01&period=2026-03-31")
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text().strip() == title
    assert metric_value(page, sqls) == "2"  # March: L13 and L15 accepted
    # 7000 PLN of March costs / 1 SQL from a campaign.
    assert metric_value(page, "CPL-Q").replace("\u00a0", " ") == cplq
    assert f"lang={lang}" in page.url or lang == "en"
    page.screenshot(path=ARTIFACTS / f"kpis_{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_browser_weekly_export_opens_with_the_pages_numbers(app_url, page, lang, tmp_path):
    page.goto(f"{app_url}/Weekly_report?lang={lang}&week=2026-02-09")
    wait_until_idle(page)
    page.wait_for_selector("[data-testid=stDownloadButton]", timeout=60000)
    # The week's four tables (decisions, channels, reps, reasons) are drawn after the proposal
    # and the download: wait for all of them, not the first.
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stTable] table').length >= 4", timeout=60000
    )
    alert = page.locator(".stAlert", has_text="PROP").first
    proposal = alert.locator("[data-testid=stMarkdownContainer]").inner_text().strip()
    shown = [cells(t) for t in page.locator("[data-testid=stTable] table").all()]
    # The proposal is read first: above every table of the week, on the page as in the file.
    first_table = page.locator("[data-testid=stTable]").first
    assert alert.bounding_box()["y"] < first_table.bounding_box()["y"]
    page.screenshot(path=ARTIFACTS / f"weekly_{lang}.png", full_page=True)
    with page.expect_download() as download:
        page.locator("[data-testid=stDownloadButton] button").first.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"leadflow_weekly_2026-02-09_{lang}.html"

    page.goto(saved.as_uri())
    # The chart drew from the inlined Plotly JS: nothing was fetched from the network.
    page.wait_for_selector(".plot-container", timeout=15000)
    assert page.locator(".proposal").inner_text().strip() == proposal
    assert (
        page.locator(".proposal").bounding_box()["y"]
        < page.locator("table").first.bounding_box()["y"]
    )
    exported = [cells(t) for t in page.locator("table").all()]
    # The same tables, row for row and number for number.
    assert len(shown) == 4 and exported == shown
    # The week's MQLs (L09, L10) against last week's (L08), and the 8-week average 7 / 8.
    mqls = (
        ["MQLs", "2", "1", "0.9", "+100.0%"]
        if lang == "en"
        else ["MQL-e", "2", "1", "0,9", "+100,0%"]
    )
    assert exported[0][5:10] == mqls
    page.screenshot(path=ARTIFACTS / f"weekly_export_{lang}.png", full_page=True)
