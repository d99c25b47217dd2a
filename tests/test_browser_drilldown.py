"""Drill-down in headless Chromium: a click on a bar, a cell or a row opens the leads behind it,
marks what was picked and writes it into the address, and that address, opened in a fresh
browser, shows the same leads (issue 14, items 6-7). Numbers from the fixture: see
tests/test_drilldown_links.py for how each was worked out."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, address, wait_until_idle

pytestmark = pytest.mark.browser

Q1 = "period=2026-01-01&period=2026-03-31"


def chart(page, key: str):
    """The Plotly chart drawn under `key` (drilldown.chart adds a tag for the value picked)."""
    return page.locator(f"[class*='st-key-{key}_'] .js-plotly-plot").first


def click_point(page, points, index: int) -> None:
    """Click the middle of a bar: Plotly's drag layer sits over the bars, so by position."""
    points.nth(index).scroll_into_view_if_needed()
    box = points.nth(index).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def outlined(points) -> list[int]:
    """Which bars carry the picked outline (drilldown.PICKED_LINE, 3 px), once drawn."""
    points.first.locator("path").first.wait_for(state="attached")
    points.page.wait_for_timeout(800)
    widths = [
        p.locator("path").first.evaluate("e => getComputedStyle(e).strokeWidth")
        for p in points.all()
    ]
    return [i for i, w in enumerate(widths) if w == "3px"]


def settled(page) -> None:
    wait_until_idle(page)
    page.wait_for_timeout(1000)
    wait_until_idle(page)


def test_browser_drilldown_clicked_bars_give_a_link_that_opens_the_same_leads(
    app_url, page, browser
):
    page.goto(f"{app_url}/Funnel?{Q1}")
    wait_until_idle(page)
    assert page.get_by_text("6 leads reached “SQL”").is_visible()

    # The funnel's second stage, MQL: 12 leads of Q1 reached it.
    stages = chart(page, "funnel_chart").locator("g.trace g.point")
    stages.first.wait_for()
    click_point(page, stages, 1)
    page.wait_for_function("location.search.includes('stage=MQL')")
    settled(page)
    assert page.get_by_text("12 leads reached “MQL”").is_visible()
    assert outlined(chart(page, "funnel_chart").locator("g.trace g.point")) == [1]

    # The split by channel, bars in the table's order: linkedin_ads, webinar, referral.
    bars = chart(page, "split_chart").locator("g.trace.bars g.point")
    assert bars.count() == 3
    click_point(page, bars, 1)
    page.wait_for_function("location.search.includes('segment=webinar')")
    settled(page)
    assert page.get_by_text("5 leads reached “MQL” in webinar").is_visible()
    assert outlined(chart(page, "split_chart").locator("g.trace.bars g.point")) == [1]
    page.screenshot(path=str(ARTIFACTS / "drilldown_funnel_clicked.png"), full_page=True)

    link = page.evaluate("location.href")
    assert address(page) == {
        "period": ["2026-01-01", "2026-03-31"],
        "stage": ["MQL"],
        "segment": ["webinar"],
    }

    # Someone else opens the link: the same leads, the same bars marked, no notice.
    other = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    other.goto(link)
    wait_until_idle(other)
    assert other.get_by_text("5 leads reached “MQL” in webinar").is_visible()
    assert outlined(chart(other, "funnel_chart").locator("g.trace g.point")) == [1]
    assert outlined(chart(other, "split_chart").locator("g.trace.bars g.point")) == [1]
    assert not other.locator(".st-key-ignored_in_link").count()
    assert address(other) == address(page)
    other.context.close()


def test_browser_drilldown_a_row_opens_the_leads_history_and_the_link_keeps_it(
    app_url, page, browser
):
    page.goto(f"{app_url}/Funnel?{Q1}&stage=MQL&segment=webinar")
    wait_until_idle(page)
    assert page.get_by_text("History of L15 · Softline, oldest first.").is_visible()
    # The leads list, newest first: L15 L12 L10 L02 L01. Select the third row (L10) by its row
    # marker, left of the first column.
    grid = page.locator("[class*='st-key-lead_rows_'] [data-testid=stDataFrame]")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    row_height = 35
    page.mouse.click(box["x"] + 18, box["y"] + row_height * 3.5)
    page.wait_for_function("location.search.includes('lead=L10')")
    settled(page)
    assert page.get_by_text("History of L10 · MegaFab, oldest first.").is_visible()

    other = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    other.goto(page.evaluate("location.href"))
    wait_until_idle(other)
    assert other.get_by_text("History of L10 · MegaFab, oldest first.").is_visible()
    assert other.get_by_text("5 leads reached “MQL” in webinar").is_visible()
    other.context.close()


def test_browser_drilldown_sla_heatmap_cell_opens_that_reps_week(app_url, page):
    page.goto(f"{app_url}/SLA?{Q1}")
    wait_until_idle(page)
    assert page.get_by_text("2 breaches, latest handoff first").is_visible()
    # Anna Nowak's cell of the week of 9 Feb: the squares over the heatmap, one per cell with
    # handoffs, reps by name and weeks in order; find it by its hover text.
    squares = chart(page, "heatmap").locator("g.trace.scatter g.points path")
    squares.first.wait_for()
    texts = chart(page, "heatmap").evaluate("e => e.data[1].hovertext")
    index = next(i for i, t in enumerate(texts) if t.startswith("Anna Nowak, week of 9 Feb 2026"))
    click_point(page, squares, index)
    page.wait_for_function("location.search.includes('breach_week=2026-02-09')")
    settled(page)
    assert address(page)["breach_rep"] == ["Anna Nowak"]
    assert page.get_by_text("1 breach by Anna Nowak in the week of 9 Feb 2026").is_visible()
    page.screenshot(path=str(ARTIFACTS / "drilldown_sla_cell.png"), full_page=True)
