"""The SLA and Funnel pages at 1366×768, the laptop a meeting reads them on, in English and
Polish: no tile text cut off, and no table wider than its box (columns hidden out of sight)
or with a heading cut short ("From all lea…")."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, wait_until_idle

pytestmark = pytest.mark.browser

# Every tile's label, value and delta, and anything inside them, whose text is wider than its
# box: the browser then cuts it ("Median first resp…").
CUT_TILES = """() => [...document.querySelectorAll(
    '[data-testid=stMetricLabel], [data-testid=stMetricValue], [data-testid=stMetricDelta]'
)].flatMap(box => [box, ...box.querySelectorAll('*')])
  .filter(e => e.scrollWidth > e.clientWidth)
  .map(e => e.closest('[data-testid^=stMetric]').innerText)"""
# The data grid draws on a canvas inside a scroller: a scroller wider inside than its box
# hides the last columns, and cuts the heading of the one at the edge ("From all lea…"). The
# grid sizes every column to its heading, so a table that fits shows every heading whole.
# Lists of leads (first column "Lead") have twenty columns and scroll sideways by design.
CUT_TABLES = """() => [...document.querySelectorAll('[data-testid=stDataFrame]')].flatMap(grid => {
  const headings = [...grid.querySelectorAll('table th')].map(th => th.innerText);
  const scroller = grid.querySelector('.dvn-scroller');
  if (headings[0] === 'Lead' || scroller.scrollWidth <= scroller.clientWidth + 1) return [];
  return [`${headings.join(' | ')}: ${scroller.scrollWidth} px in ${scroller.clientWidth} px`];
})"""
DRAWN = "n => document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller').length >= n"


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize("path", ["SLA", "Funnel"])
def test_browser_sla_and_funnel_at_1366_cut_no_tile_and_hide_no_column(
    app_url, browser, path, lang
):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}?lang={lang}")
        wait_until_idle(page)
        page.wait_for_function(DRAWN, arg=4, timeout=30_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / f"fit_{path}_{lang}.png"), full_page=True)
        assert page.locator("[data-testid=stMetric]").count() >= 4
        assert page.evaluate(CUT_TILES) == []
        assert page.evaluate(CUT_TABLES) == []
    finally:
        context.close()
