"""The sidebar, the address and the numbers as a person sees them in headless Chromium: what the
sidebar and the address say is what the numbers are, and no page needs the internet."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser import ARTIFACTS, address, wait_until_idle

pytestmark = pytest.mark.browser

# Every page of the app, by the address a person types or is sent.
PAGES = (
    "/",
    "/Funnel",
    "/Conversion",
    "/SLA",
    "/Rejections",
    "/What_if",
    "/KPIs",
    "/Weekly_report",
    "/Import_data",
    "/Settings",
)


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


def sidebar_link(page, label: str):
    return page.locator("[data-testid=stSidebar] a[data-testid=stPageLink-NavLink]", has_text=label)


def tiles(page) -> list[str]:
    return [t.inner_text().replace("\n", " ") for t in page.locator("[data-testid=stMetric]").all()]


def test_browser_sidebar_cold_deep_link_and_the_overview_link(app_url, page):
    # The first request this server gets is a deep link to a page, with filters (STYLE.md:
    # st.navigation would have broken exactly this).
    page.goto(f"{app_url}/SLA?period=2026-01-01&period=2026-03-31&channel=webinar")
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == "SLA compliance"
    assert sidebar_period(page) == "2026-01-01–2026-03-31"
    assert sidebar_channels(page) == ["Webinar"]
    # The landing page is "Overview" in the sidebar, and its link carries the filters.
    assert not page.locator("[data-testid=stSidebar]").get_by_text("app", exact=True).count()
    sidebar_link(page, "Overview").click()
    page.wait_for_function("location.pathname == '/'")
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == "Leadflow"
    assert address(page) == {"period": ["2026-01-01", "2026-03-31"], "channel": ["webinar"]}


def test_browser_sidebar_no_page_needs_the_internet(app_url, browser):
    """A closed network: every request that leaves 127.0.0.1 is blocked and recorded."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    outside: list[str] = []

    def only_local(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(f"{route.request.url}")
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{app_url}{path}?period=2026-01-01&period=2026-03-31")
        # The Settings page draws no tile or message on settings that are not defaults.
        wait_until_idle(page, ready="[data-testid=stMetric], .stAlert, h1")
        # Late requests (a tab icon, a font) come after the script has finished.
        page.wait_for_timeout(1000)
        assert not outside, f"{path} asked the internet for {outside}"
    context.close()


def test_browser_sidebar_says_what_a_link_named_that_was_ignored(app_url, page):
    page.goto(
        f"{app_url}/Funnel?period=2030-01-01&period=2030-02-01&channel=nonexistent"
        "&channel=webinar&industry=**bold**"
    )
    wait_until_idle(page)
    notice = page.locator(".st-key-ignored_in_link")
    text = notice.inner_text()
    # The fixture's data runs from 20 Dec 2025 to 31 Mar 2026: a period in 2030 is ignored.
    assert "period=2030-01-01&period=2030-02-01" in text
    assert "channel=nonexistent" in text
    # Shown as typed, not as markdown.
    assert "industry=**bold**" in text
    assert not notice.locator("strong").count()
    # What is used is what the sidebar and the address say.
    assert sidebar_period(page) == "2025-12-20–2026-03-31"
    assert sidebar_channels(page) == ["Webinar"]
    assert address(page) == {"period": ["2025-12-20", "2026-03-31"], "channel": ["webinar"]}

    page.goto(f"{app_url}/Funnel?period=2026-03-01&period=2026-01-01")
    wait_until_idle(page)
    notice = page.locator(".st-key-ignored_in_link")
    assert "the period ends before it starts" in notice.inner_text()

    # A page's own number: the what-if threshold.
    page.goto(f"{app_url}/What_if?threshold=5000")
    wait_until_idle(page)
    assert "threshold=5000" in page.locator(".st-key-ignored_in_link_threshold").inner_text()
    assert "threshold" not in address(page)


def test_browser_sidebar_edit_then_switch_page_never_shows_unexplained_numbers(
    app_url, page, browser
):
    page.goto(f"{app_url}/Funnel?channel=webinar")
    wait_until_idle(page)
    # The fixture's default period is all of its data: 2025-12-20 (first lead) to 2026-03-31.
    assert sidebar_period(page) == "2025-12-20–2026-03-31"
    assert sidebar_channels(page) == ["Webinar"]

    # Change the start of the Period field by typing, then click another page at once.
    start = page.get_by_role("group", name="Period start date")
    start.get_by_role("spinbutton", name="day").click()
    page.keyboard.type("25")
    sidebar_link(page, "SLA").click()
    settled(page)
    page.screenshot(path=str(ARTIFACTS / "sidebar_edit_then_switch.png"), full_page=True)

    # Streamlit's browser side sends the field's commit after the page switch, for the old
    # page, and the server keeps the later request: the click can be lost (the user is still on
    # the funnel, with the new date), or now and then the edit (the SLA page, with the old one).
    # Either way the address names the page, the period and the channel shown.
    title = page.locator("h1").first.inner_text()
    path = page.evaluate("location.pathname")
    assert (path, title) in {("/SLA", "SLA compliance"), ("/Funnel", "Funnel")}
    link = address(page)
    assert link["channel"] == ["webinar"]
    assert sidebar_channels(page) == ["Webinar"]
    assert sidebar_period(page) == "–".join(link["period"])
    assert link["period"] in (["2025-12-25", "2026-03-31"], ["2025-12-20", "2026-03-31"])
    assert path == "/SLA" or link["period"] == ["2025-12-25", "2026-03-31"]

    # And the address reproduces the numbers on the screen in a fresh session.
    shown = tiles(page)
    assert shown
    fresh = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    fresh.goto(page.evaluate("location.href"))
    wait_until_idle(fresh)
    assert tiles(fresh) == shown
    assert sidebar_period(fresh) == "–".join(link["period"])
    assert sidebar_channels(fresh) == ["Webinar"]
    fresh.context.close()
