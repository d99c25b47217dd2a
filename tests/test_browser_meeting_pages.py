"""The meeting pages as a person sees them: the running app in headless Chromium, opened by the
deep links a meeting invite would carry, on the hand-made fixture (see tests/test_sla.py,
test_conversion.py and test_rejections.py for how each number was worked out)."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, address, metric_value, wait_until_idle

pytestmark = pytest.mark.browser

Q1 = "period=2026-01-01&period=2026-03-31"


def full_screenshot(page, name: str) -> None:
    """Every section of a long page: Streamlit scrolls inside its own container, so the
    viewport is stretched to the page's height first."""
    height = page.evaluate("document.querySelector('[data-testid=stMain]')?.scrollHeight || 1000")
    page.set_viewport_size({"width": 1440, "height": min(max(height, 1000), 9000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_browser_sla_page_from_a_meeting_invite(app_url, page):
    page.goto(f"{app_url}/SLA?{Q1}&breach_rep=Anna+Nowak")
    wait_until_idle(page)
    # 9 of 11 due handoffs within 8 business hours; Anna's L09 (5.5 h over) and L12 (waiting,
    # 7 h over) are the breaches.
    assert metric_value(page, "SLA compliance (handoffs of the period)") == "81.8%"
    assert metric_value(page, "SLA breaches") == "2"
    assert metric_value(page, "Median first response") == "1.8 h"
    assert page.get_by_text("2 breaches by Anna Nowak").is_visible()
    assert page.get_by_text("first response within 8 business hours").first.is_visible()

    # Click through to a lead: L09's history opens below the list.
    picker = page.get_by_role("combobox", name="Open a lead")
    # Typing filters the options, as a person would do it; Enter takes the match.
    picker.click()
    picker.press_sequentially("L09")
    page.get_by_role("option").filter(has_text="L09").wait_for()
    picker.press("Enter")
    wait_until_idle(page)
    assert picker.input_value() == "L09 · FinTrust · Anna Nowak, 5.5 h over"
    assert not page.locator("[data-testid=stException]").count()
    assert address(page)["breach_rep"] == ["Anna Nowak"]
    full_screenshot(page, "sla_deep_link.png")


def test_browser_conversion_page_by_rep_and_month(app_url, page):
    page.goto(f"{app_url}/Conversion?{Q1}&by=Sales+rep&grain=Month")
    wait_until_idle(page)
    # 6 accepted of 10 decided handoffs; L12 is still open and not counted against the rate.
    assert metric_value(page, "MQL→SQL rate (handoffs of the period)") == "60.0%"
    assert metric_value(page, "Still open") == "1"
    assert address(page)["by"] == ["Sales rep"]
    full_screenshot(page, "conversion_deep_link.png")


def test_browser_rejections_drill_down_from_a_bar(app_url, page):
    page.goto(f"{app_url}/Rejections?{Q1}&reason=no+budget")
    wait_until_idle(page)
    assert metric_value(page, "Rejected") == "4"
    assert page.get_by_text("1 rejected lead with “no budget”").is_visible()
    # Bars, most frequent first, ties by name: (no reason given), company too small, no budget,
    # not the decision maker. Plotly's drag layer sits over the bars, so click by position.
    page.wait_for_selector(".js-plotly-plot g.trace.bars g.point")
    bars = page.locator(".js-plotly-plot").first.locator("g.trace.bars g.point")
    assert bars.count() == 4
    box = bars.nth(0).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "location.search.includes('no+reason') || location.search.includes('no%20reason')"
    )
    wait_until_idle(page)
    assert address(page)["reason"] == ["(no reason given)"]
    assert page.get_by_text("1 rejected lead with “(no reason given)”").is_visible()
    full_screenshot(page, "rejections_deep_link.png")
