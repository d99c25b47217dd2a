"""The weekly calibration report on the fixture, computed by hand, and its HTML export.

The week of Mon 9 – Sun 15 Feb 2026 against Mon 2 – Sun 8 Feb and the 8 weeks before it
(15 Dec 2025 – 8 Feb 2026), from leads.csv (times are local, Europe/Warsaw):

    week     MQLs (mql_at)        handoffs             accepted (accepted_at)  rejected
    15 Dec   –                    –                    –                       –
    22 Dec   L19                  L19                  –                       –
    5 Jan    L01 L03 L02 (Sat 10) L01 L03 L02          L19 (5 Jan) L01         L03
    12 Jan   L04                  L04                  L02 (Tue 13)            L04 (no reason)
    19 Jan   L05                  L05                  L05                     –
    2 Feb    L08                  L08                  L08                     –
    9 Feb    L09 L10              L09                  –                       L09 (no budget)

SLA breaches by handoff week: L19 (22 Dec, 16 business hours) and L09 (9 Feb, 13.5).
"""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, i18n, report, weekly

ROOT = Path(__file__).resolve().parent.parent
WEEK = date(2026, 2, 9)
SHARED = {"channels": [], "industries": [], "size_bands": [], "reps": []}


def build(path: Path, lang: str, capacity: float = 1) -> weekly.Report:
    first, _ = weekly.window(WEEK)
    weeks = {**SHARED, "first_week": first, "last_week": WEEK}
    return weekly.build(
        WEEK,
        lang,
        "all leads",
        db.run("weekly_counts", weeks, path),
        db.run("weekly_rejections", weeks, path),
        db.run("sla_by_rep_week", {**SHARED, "start": first, "end": date(2026, 2, 15)}, path),
        db.run("weekly_channels", weeks, path),
        db.run("weekly_open_handoffs", {**SHARED, "week_end": date(2026, 2, 16)}, path),
        db.run("weekly_score_outcomes", {**SHARED, "start": first, "end": date(2026, 2, 8)}, path),
        db.run("weekly_drift", weeks, path),
        capacity,
    )


def test_weekly_last_full_week_is_monday_to_sunday():
    # The fixture's data describes Wed 1 Apr 2026 00:00: the last full week is 23–29 Mar.
    assert weekly.last_full_week(datetime(2026, 4, 1)) == date(2026, 3, 23)
    # Cut at Monday midnight, the week that just ended is complete.
    assert weekly.last_full_week(datetime(2026, 3, 30)) == date(2026, 3, 23)
    assert weekly.last_full_week(datetime(2026, 3, 29, 23)) == date(2026, 3, 16)


def test_weekly_summary_against_last_week_and_the_8_week_average(fixture_db):
    summary = build(fixture_db, "en").summary.set_index("Measure")
    # MQLs: 2 against 1, +100%; average (1 + 3 + 1 + 1 + 1) / 8 = 0.875.
    assert summary.loc["MQLs"].tolist() == ["2", "1", "0.9", "+100.0%"]
    # Handoffs: 1 against 1; (1 + 3 + 1 + 1 + 1) / 8.
    assert summary.loc["Handoffs"].tolist() == ["1", "1", "0.9", "0.0%"]
    # Accepted by decision day: 0 against 1 (L08); (2 + 1 + 1 + 1) / 8 = 0.625.
    assert summary.loc["Accepted"].tolist() == ["0", "1", "0.6", "-100.0%"]
    # Rejected: L09 against none; (1 + 1) / 8 = 0.25; no change from zero.
    assert summary.loc["Rejected"].tolist() == ["1", "0", "0.2", "–"]
    assert summary.loc["SLA breaches"].tolist() == ["1", "0", "0.1", "–"]  # L09; L19 / 8
    # MQL→SQL of the week's handoffs: L09 rejected 0 / 1; last week L08 1 / 1; the 8 weeks
    # 5 accepted (L19 L01 L02 L05 L08) / (5 + 2 rejected) = 71.4%.
    rate = summary.loc["MQL→SQL rate (handoffs of the week)"].tolist()
    assert rate == ["0.0%", "100.0%", "71.4%", f"-100.0{i18n.NBSP}pp"]


def test_weekly_rejections_sla_channels_and_decisions(fixture_db):
    result = build(fixture_db, "pl")
    reasons = result.rejections.set_index("Powód")
    assert reasons.loc["no budget"].tolist() == ["1", "0", "0,0"]
    assert reasons.loc["(bez powodu)"].tolist() == ["0", "0", "0,1"]  # L04, 1 / 8
    reps = result.sla_by_rep.set_index("Handlowiec")
    # Anna's L09: 13.5 business hours, late: compliance 0 / 1; L19 in the 8 weeks: 1 / 8.
    assert reps.loc["Anna Nowak"].tolist() == ["1", "0,0%", "1", "0", "0,1"]
    channels = result.channels.set_index("Kanał")
    # linkedin_ads: L09 rejected this week; 8 weeks: L19 accepted, L03 L04 rejected = 1 / 3.
    assert channels.loc["linkedin_ads"].tolist() == ["1", "0", "1", "0,0%", "–", "33,3%"]
    # By 15 Feb no open handoff was past the SLA (L12 comes on 30 Mar).
    assert result.decisions.empty


def test_weekly_open_handoffs_past_the_sla(fixture_db):
    frame = db.run("weekly_open_handoffs", {**SHARED, "week_end": date(2026, 4, 6)}, fixture_db)
    # L12: handed off Mon 30 Mar 10:00, no answer by 1 Apr: 15 business hours, 7 over.
    assert frame["lead_id"].tolist() == ["L12"]
    assert frame["overdue_business_hours"].tolist() == pytest.approx([7])


def test_weekly_proposal_lowest_threshold_within_capacity(fixture_db):
    first, _ = weekly.window(WEEK)
    scores = db.run(
        "weekly_score_outcomes", {**SHARED, "start": first, "end": date(2026, 2, 8)}, fixture_db
    )
    # Handoffs of the 8 weeks by score: 50 L04, 51 L03, 64 L02 (accepted, lost), 66 L19 (won
    # 10000), 67 L08 (won 25000), 72 L01 (won 40000), 85 L05 (accepted): 7 / 8 = 0.875 a week.
    assert weekly.propose(scores, 1, 8).threshold is None  # 0.875 ≤ 1: nothing to change
    # Capacity 0.5 a week = 4 handoffs in 8 weeks: keep 66 67 72 85, drop L04 L03 L02.
    half = weekly.propose(scores, 0.5, 8)
    assert (half.threshold, half.handoffs_lost, half.accepted_lost, half.won_lost) == (66, 3, 1, 0)
    # 0.25 a week = 2 handoffs: keep 72 and 85; drop 5, of which 3 SQLs and 2 won deals.
    quarter = weekly.propose(scores, 0.25, 8)
    assert quarter.threshold == 72
    assert (quarter.handoffs_lost, quarter.accepted_lost, quarter.won_lost) == (5, 3, 2)
    assert quarter.revenue_lost == pytest.approx(35000)  # L19 10000 + L08 25000
    assert "72" in weekly.describe(quarter, "pl") and "35\xa0000\xa0zł" in weekly.describe(
        quarter, "pl"
    )


class Tables(HTMLParser):
    """Every <table> of an HTML file as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(text: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(text)
    return parser.tables


def frame_rows(frame: pd.DataFrame) -> list[list[str]]:
    return [list(map(str, frame.columns))] + [list(map(str, row)) for row in frame.values]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_weekly_page_and_export_show_the_same_numbers(use_fixture_db, lang):
    at = AppTest.from_file(str(ROOT / "pages/7_Weekly_report.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["week"] = WEEK.isoformat()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = [frame_rows(t.value.reset_index()) for t in at.table]
    result = build(use_fixture_db, lang)
    exported = report.to_html(result, i18n.day(date(2026, 3, 31), lang))
    tables = html_tables(exported)
    # Four tables on both (no lead needs a decision that week), cell for cell.
    assert len(shown) == 4 and tables == shown
    assert result.proposal_text in exported and at.warning[0].value == result.proposal_text
    assert exported.count("<script") >= 1 and 'src="http' not in exported  # self-contained
    if lang == "pl":
        assert at.title[0].value == "Raport tygodniowy z kalibracji"
        assert "09.02.2026 – 15.02.2026" in exported


def test_weekly_page_with_nothing_in_the_weeks_says_so(use_fixture_db):
    at = AppTest.from_file(str(ROOT / "pages/7_Weekly_report.py"), default_timeout=60)
    at.query_params["week"] = "2025-12-15"  # the data starts on 20 Dec
    at.query_params["channel"] = "referral"  # referral leads start in January
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [i.value for i in at.info] == [
        "No channel, campaign or rep moved significantly this week.",
        "No rejections in these weeks.",
        "No handoffs in these weeks.",
        "No handoffs in these weeks.",
        "No leads need a decision.",
    ]
    assert at.table[0].value.loc["MQLs"].tolist() == ["0", "0", "0.0", "–"]
