"""The sidebar, the address and the numbers as a person sees them in headless Chromium: what the
sidebar and the address say is what the numbers are, and no page needs the internet."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, address, wait_until_idle

pytestmark = pytest.mark.browser


def settled(page) -> None:
    """Wait until the page has stopped rerunning: one idle state can sit between two reruns
    (a widget's commit, then a page switch)."""
    wait_until_idle(page)
    page.wait_for_timeout(1500)
    wait_until_idle(page)


def sidebar_period(page) -> str:
    """The Period field as it reads, e.g. "2025-12-20–2026-03-31"."""
    field = page.locator("[data-testid=stSidebar] [data-testid=stDateInputField]")
    return field.inner_text().replace("\n", "")


def sidebar_channels(page) -> list[str]:
    """The channels the Channel filter shows as picked (none: "All channels")."""
    box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").first
    tags = box.locator("div[data-rac] [data-tag]").all()
    return [tag.get_attribute("aria-label") for tag in tags]


def tiles(page) -> list[str]:
    return [t.inner_text().replace("\n", " ") for t in page.locator("[data-testid=stMetric]").all()]


def test_browser_sidebar_edit_then_switch_page_never_shows_unexplained_numbers(
    app_url, page, browser
):
    page.goto(f"{app_url}/Funnel?channel=webinar")
    wait_until_idle(page)
    # The fixture's default period is all of its data: 2025-12-20 (first lead) to 2026-03-31.
    assert sidebar_period(page) == "2025-12-20–2026-03-31"
    assert sidebar_channels(page) == ["webinar"]

    # Change the start of the Period field by typing, then click another page at once.
    start = page.get_by_role("group", name="Period start date")
    start.get_by_role("spinbutton", name="day").click()
    page.keyboard.type("25")
    page.locator("[data-testid=stSidebarNav] a", has_text="SLA").click()
    settled(page)
    page.screenshot(path=str(ARTIFACTS / "sidebar_edit_then_switch.png"), full_page=True)

    # Streamlit's browser side sends the field's commit after the page switch, for the old
    # page, and the server keeps the later request: the click may be lost (then the user is
    # still on the funnel), but the edit counts and the address names the page shown.
    title = page.locator("h1").first.inner_text()
    path = page.evaluate("location.pathname")
    assert (path, title) in {("/SLA", "SLA compliance"), ("/Funnel", "Funnel")}
    assert sidebar_period(page) == "2025-12-25–2026-03-31"
    assert sidebar_channels(page) == ["webinar"]
    assert address(page) == {"period": ["2025-12-25", "2026-03-31"], "channel": ["webinar"]}

    # And the address reproduces the numbers on the screen in a fresh session.
    shown = tiles(page)
    assert shown
    fresh = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    fresh.goto(page.evaluate("location.href"))
    wait_until_idle(fresh)
    assert tiles(fresh) == shown
    assert sidebar_period(fresh) == "2025-12-25–2026-03-31"
    assert sidebar_channels(fresh) == ["webinar"]
    fresh.context.close()
