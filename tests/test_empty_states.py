"""Empty pages say what the data lacks: an export without handoff dates is not told to widen
the period."""

from __future__ import annotations

import pytest

from leadflow import db
from tests.conftest import FIXTURE_AS_OF, fixture_tables, opened_page

NO_HANDOFF_DATES = "The data has no handoff dates"
WIDEN = "Widen the period or clear a filter"
PAGES = ("pages/2_Conversion.py", "pages/3_SLA.py", "pages/4_Rejections.py")


@pytest.fixture
def no_handoffs_db(tmp_path, monkeypatch):
    # The fixture as an export that never says when a lead was passed to sales: no handoff,
    # response, acceptance or rejection dates (the deals stay).
    tables = fixture_tables()
    leads = tables["leads"].copy()
    for column in ("handoff_at", "first_response_at", "accepted_at", "rejected_at"):
        leads[column] = None
    leads["rejection_reason"] = None
    leads["recycled_at"] = None
    tables["leads"] = leads
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, tables, source="no handoffs", as_of=FIXTURE_AS_OF)
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    yield path
    db.close(path)


def infos(at) -> str:
    return "\n".join(i.value for i in at.info)


@pytest.mark.parametrize("script", PAGES)
def test_empty_page_without_handoff_dates_says_the_data_lacks_them(no_handoffs_db, script):
    at = opened_page(script, period=["2026-01-01", "2026-03-31"])
    assert NO_HANDOFF_DATES in infos(at)
    assert WIDEN not in infos(at)


@pytest.mark.parametrize("script", PAGES)
def test_empty_page_of_a_period_without_handoffs_says_to_widen_it(use_fixture_db, script):
    # The fixture's handoffs: 22 Dec 2025, then 7 Jan 2026 ... 30 Mar 2026; none from 21 to
    # 26 Feb (between 11 and 27 Feb).
    at = opened_page(script, period=["2026-02-21", "2026-02-26"])
    assert WIDEN in infos(at)
    assert NO_HANDOFF_DATES not in infos(at)


def test_landing_says_a_period_before_that_starts_before_the_data_overstates(use_fixture_db):
    # The fixture's first lead: 20 Dec 2025. January 2026's period before is 1-31 Dec 2025, of
    # which the data holds 20-31 Dec: 12 of 31 days.
    at = opened_page("app.py", period=["2026-01-01", "2026-01-31"])
    warned = "\n".join(w.value for w in at.warning)
    assert "holds only 12 of its 31 days" in warned
    assert any(m.delta for m in at.metric)  # still compared, with the warning beside it


def test_landing_shows_no_change_against_a_period_wholly_before_the_data(use_fixture_db):
    # 20-31 Dec 2025 (12 days): the 12 days before, 8-19 Dec, hold no data at all.
    at = opened_page("app.py", period=["2025-12-20", "2025-12-31"])
    assert "no change is shown" in "\n".join(c.value for c in at.caption)
    assert not [m.delta for m in at.metric if m.delta]


def test_weekly_opening_week_is_the_last_week_with_data():
    from datetime import date, datetime

    from leadflow import weekly

    # Data taken to Tuesday 31 Mar 2026, imported on 1 Sep 2026: the last full week by the
    # import is 24-30 Aug, months after the data; the report opens on 30 Mar (that Tuesday's
    # Monday) instead.
    assert weekly.opening_week(datetime(2026, 9, 1), date(2026, 3, 31)) == date(2026, 3, 30)
    # Data up to the day before as_of: the last full week, as before (Mon 23 - Sun 29 Mar 2026
    # for as_of Wednesday 1 Apr 2026 with leads to 31 Mar).
    assert weekly.opening_week(datetime(2026, 4, 1), date(2026, 3, 31)) == date(2026, 3, 23)


def test_weekly_page_opens_on_the_last_week_with_data(tmp_path, monkeypatch):
    from datetime import datetime

    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="old export", as_of=datetime(2026, 9, 1))
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    try:
        at = opened_page("pages/7_Weekly_report.py")
        # The fixture's last lead: Friday 20 Mar 2026; the week of Monday 16 Mar.
        assert at.selectbox(key="week").value == "2026-03-16"
    finally:
        db.close(path)
