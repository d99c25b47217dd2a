"""The sidebar under AppTest: its links, the quick periods and how old the data is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from leadflow.app.filters import period_presets

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fixture(use_fixture_db):
    return use_fixture_db


def opened(script: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sidebar_captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.sidebar.caption)


def test_sidebar_names_the_landing_page_overview():
    at = opened("app.py")
    links = [e.proto.label for e in at.sidebar if type(e).__name__ == "PageLink"]
    assert links[0] == "Overview"
    assert "app" not in links
    assert len(links) == 10  # the landing page and the nine pages in pages/


def test_period_presets_count_from_the_data_last_day():
    # Data whose last day is 15 Nov 2026, 16 days before 1 Dec: last month is all of October
    # (31 days), not the 15 days a "past month" from today would leave.
    presets = period_presets(date(2024, 1, 1), date(2026, 11, 15))
    assert presets["This month"] == (date(2026, 11, 1), date(2026, 11, 15))
    assert presets["Last month"] == (date(2026, 10, 1), date(2026, 10, 31))
    # Q4 starts on 1 Oct; the quarter before is July to September.
    assert presets["This quarter"] == (date(2026, 10, 1), date(2026, 11, 15))
    assert presets["Last quarter"] == (date(2026, 7, 1), date(2026, 9, 30))
    assert presets["Year to date"] == (date(2026, 1, 1), date(2026, 11, 15))
    # 15 Nov 2026 - 364 days = 16 Nov 2025: twelve months of days, both ends counted.
    assert presets["Last 12 months"] == (date(2025, 11, 16), date(2026, 11, 15))


def test_period_presets_are_cut_to_the_first_day_of_data():
    # The fixture: leads from 20 Dec 2025 to 31 Mar 2026. Last quarter (Oct-Dec 2025) starts
    # at the first lead.
    presets = period_presets(date(2025, 12, 20), date(2026, 3, 31))
    assert presets["Last quarter"] == (date(2025, 12, 20), date(2025, 12, 31))
    assert presets["Last 12 months"] == (date(2025, 12, 20), date(2026, 3, 31))
    # With data starting in March, February's "last month" lies wholly before it.
    assert "Last month" not in period_presets(date(2026, 3, 2), date(2026, 3, 31))


def test_sidebar_quick_period_sets_the_period_and_the_address():
    at = opened("pages/1_Funnel.py")
    at.sidebar.selectbox(key="period_preset").select("Last month").run()
    assert not at.exception
    # The fixture's last day is 31 Mar 2026, so last month is February 2026.
    assert at.sidebar.date_input(key="period").value == (date(2026, 2, 1), date(2026, 2, 28))
    assert at.query_params["period"] == ["2026-02-01", "2026-02-28"]


@pytest.mark.parametrize("script", ["app.py", "pages/3_SLA.py", "pages/8_Import_data.py"])
def test_sidebar_says_how_old_the_data_is_on_every_page(script):
    # The fixture is cut at 1 Apr 2026 00:00, so its last full day is 31 Mar 2026.
    assert "Data as of 31 Mar 2026" in sidebar_captions(opened(script))
