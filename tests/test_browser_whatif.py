"""The what-if page in headless Chromium: a deep link, the slider moved by keyboard, the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import ARTIFACTS, metric_value, wait_until_idle

pytestmark = pytest.mark.browser


def test_browser_whatif_slider_changes_numbers_and_url(app_url, page):
    page.goto(f"{app_url}/What_if?period=2026-01-01&period=2026-03-31&threshold=66")
    wait_until_idle(page)
    # At 66: L05 L08 L09 L15 L01 L12 pass (6); nothing won is missed.
    assert metric_value(page, "MQLs") == "6"
    assert metric_value(page, "Won deals missed") == "0"

    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(5):  # 66 → 71: L01 (70, won 40,000 PLN) drops out
        page.keyboard.press("ArrowRight")
    page.wait_for_function("location.search.includes('threshold=71')", timeout=20_000)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stMetric]')].some(
            m => m.innerText.includes('Won deals missed') && m.innerText.includes('\\n1'))""",
        timeout=20_000,
    )
    wait_until_idle(page)
    assert metric_value(page, "MQLs") == "4"
    assert metric_value(page, "Won deals missed") == "1"
    assert metric_value(page, "Revenue missed") == "40 k PLN"
    query = parse_qs(urlparse(page.evaluate("location.href")).query)
    assert query["threshold"] == ["71"]
    assert query["period"] == ["2026-01-01", "2026-03-31"]
    page.screenshot(path=str(ARTIFACTS / "whatif_slider.png"), full_page=True)
