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

from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, i18n, recommend, report, weekly, whatif
from tests.conftest import FIXTURE_AS_OF, fixture_tables

ROOT = Path(__file__).resolve().parent.parent
WEEK = date(2026, 2, 9)
SHARED = {"channels": [], "industries": [], "size_bands": [], "reps": []}


def build(path: Path, lang: str, capacity: float = 1, week: date = WEEK) -> weekly.Report:
    first, _ = weekly.window(week)
    weeks = {**SHARED, "first_week": first, "last_week": week}
    sunday, next_monday = week + timedelta(days=6), week + timedelta(weeks=1)
    return weekly.build(
        week,
        lang,
        "all leads",
        db.run("weekly_counts", weeks, path),
        db.run("weekly_rejections", weeks, path),
        db.run("sla_by_rep_week", {**SHARED, "start": first, "end": sunday}, path),
        db.run("weekly_channels", weeks, path),
        db.run("weekly_open_handoffs", {**SHARED, "week_end": next_monday}, path),
        db.run(
            "weekly_score_outcomes",
            {**SHARED, "start": first, "end": week - timedelta(days=1)},
            path,
        ),
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
    assert reasons.loc["(nie podano powodu)"].tolist() == ["0", "0", "0,1"]  # L04, 1 / 8
    reps = result.sla_by_rep.set_index("Handlowiec")
    # Anna's L09: 13.5 business hours, late: compliance 0 / 1; L19 in the 8 weeks: 1 / 8.
    assert reps.loc["Anna Nowak"].tolist() == ["1", "0,0%", "1", "0", "0,1"]
    channels = result.channels.set_index("Kanał")
    # linkedin_ads: L09 rejected this week; 8 weeks: L19 accepted, L03 L04 rejected = 1 / 3.
    assert channels.loc["LinkedIn Ads"].tolist() == ["1", "0", "1", "0,0%", "–", "33,3%"]
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
    # In the page's order: the leads waiting for a decision come before the week's tables.
    assert [i.value for i in at.info] == [
        "No leads need a decision.",
        "No channel, campaign or rep moved significantly this week.",
        "No rejections in these weeks.",
        "No handoffs in these weeks.",
        "No handoffs in these weeks.",
    ]
    assert at.table[0].value.loc["MQLs"].tolist() == ["0", "0", "0.0", "–"]


# The week of Mon 23 – Sun 29 Mar 2026 on the fixture with handoffs nobody answered (SLA 8
# business hours, Mon–Fri 9–17, no holiday in March; the data ends Tue 31 Mar 17:00):
#   Tomasz Wójcik  L1000–L1199, 200 handed off Mon 9 Mar 10:00: waited 7 + 4·8 + 5·8 + 5·8 + 2·8
#                  = 135 h, over the SLA 127 h = 15.875 working days → 16
#   Piotr Kowalski L0901–L0905 handed off Mon 16 … Fri 20 Mar 10:00: over 87, 79, 71, 63, 55 h
#                  (95 − 8, then 8 h less a day) → 10.875, 9.875, 8.875 working days → 11, 10, 9
#   Anna Nowak     L0906 handed off Fri 27 Mar 16:00: waited 1 + 8 + 8 = 17 h, over 9 h: at most
#                  2 working days (16 h), so in hours
# L12 (30 Mar) is after the week. 206 leads need a decision in all.
WAITING_WEEK = date(2026, 3, 23)
WAITING = (
    [(f"L{1000 + n}", "Tomasz Wójcik", "2026-03-09 10:00") for n in range(200)]
    + [(f"L090{n + 1}", "Piotr Kowalski", f"2026-03-{16 + n} 10:00") for n in range(5)]
    + [("L0906", "Anna Nowak", "2026-03-27 16:00")]
)


@pytest.fixture(scope="module")
def waiting_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tables = fixture_tables()
    leads = tables["leads"]
    base = leads[leads["lead_id"] == "L12"].iloc[0].to_dict()  # open, never answered
    added = [
        {**base, "lead_id": lead, "owner": rep, "mql_at": at, "handoff_at": at}
        for lead, rep, at in WAITING
    ]
    tables["leads"] = pd.concat([leads, pd.DataFrame(added)], ignore_index=True)
    path = tmp_path_factory.mktemp("waiting") / "leadflow.duckdb"
    db.create_database(path, tables, source="test fixture", as_of=FIXTURE_AS_OF)
    return path


def waiting_page(path: Path, monkeypatch: pytest.MonkeyPatch, lang: str = "en") -> AppTest:
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages/7_Weekly_report.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["week"] = WAITING_WEEK.isoformat()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_weekly_wait_in_hours_up_to_two_working_days_then_in_days():
    def said(hours, day, lang):  # no-break spaces read as spaces
        return weekly.wait(hours, day, lang).replace(i18n.NBSP, " ")

    assert said(16, 8, "en") == "16.0 h"  # 2 working days of 8 h: still in hours
    assert said(17, 8, "en") == "2 working days"  # 17 / 8 = 2.1 → 2
    assert said(3888, 8, "en") == "486 working days"  # 3888 / 8
    assert said(3888, 8, "pl") == "486 dni roboczych"
    assert said(20, 8, "pl") == "3 dni robocze"  # 20 / 8 = 2.5: half up
    assert said(28, 8, "pl") == "4 dni robocze"  # 3.5 → 4
    assert said(13.5, None, "pl") == "13,5 h"  # no policy: hours


@pytest.mark.parametrize(
    ("lang", "tomasz", "piotr", "anna"),
    [
        ("en", ["16 working days"] * 3, ["11 working days", "10 working days", "9 working days"],
         "9.0 h"),
        ("pl", ["16 dni roboczych"] * 3, ["11 dni roboczych", "10 dni roboczych",
         "9 dni roboczych"], "9,0 h"),
    ],
)  # fmt: skip
def test_weekly_page_lists_each_reps_longest_waits_and_counts_the_rest(
    waiting_db, monkeypatch, lang, tomasz, piotr, anna
):
    at = waiting_page(waiting_db, monkeypatch, lang)
    decisions = at.table[0].value.reset_index()
    shown = [[str(v).replace(i18n.NBSP, " ") for v in row] for row in decisions.values]
    more = "… and {} more" if lang == "en" else "… i jeszcze {}"
    # The most waiting first: Tomasz 200 (3 listed, 200 − 3 = 197 more), Piotr 5 (5 − 3 = 2
    # more), Anna 1.
    # Equal waits go by lead: L1000, L1001, L1002. Each rep is named on their first row.
    assert [(row[0], row[1], row[-1]) for row in shown] == [
        ("Tomasz Wójcik", "L1000", tomasz[0]),
        ("", "L1001", tomasz[1]),
        ("", "L1002", tomasz[2]),
        ("", more.format(197), ""),
        ("Piotr Kowalski", "L0901", piotr[0]),
        ("", "L0902", piotr[1]),
        ("", "L0903", piotr[2]),
        ("", more.format(2), ""),
        ("Anna Nowak", "L0906", anna),
    ]
    total = "206 leads need a decision" if lang == "en" else "Na decyzję czeka leadów: 206"
    assert any(total in c.value for c in at.caption)


def test_weekly_page_puts_the_proposal_and_the_decisions_before_the_week(waiting_db, monkeypatch):
    at = waiting_page(waiting_db, monkeypatch)
    order = [
        node.value
        for node in at.main
        if node.type in ("subheader", "warning") and isinstance(node.value, str)
    ]
    proposal = next(i for i, text in enumerate(order) if text.startswith("PROPOSAL"))
    titles = {text: i for i, text in enumerate(order)}
    assert (
        titles["Proposal: the MQL threshold for the sales capacity"]
        < proposal
        < titles["Leads that need a decision"]
        < titles["Drift alerts"]
        < titles["The week in numbers"]
    )
    # The first table of the page is the decisions table (its first row Tomasz's L1000).
    assert at.table[0].value.reset_index().iloc[0, 1] == "L1000"


def test_weekly_export_stays_small_with_many_leads_waiting(waiting_db):
    result = build(waiting_db, "en", week=WAITING_WEEK)
    exported = report.to_html(result, "2026-03-31")
    # Without Plotly's inlined script (about 4.6 MB, the same for every report), the file is
    # its tables and text: the 9 rows above, not 206 (206 rows of ~300 bytes alone are 60 KB).
    text = exported.split("<script", 1)[0] + exported.rsplit("</script>", 1)[-1]
    assert len(text.encode()) < 25_000
    # No-break spaces keep each on one line.
    assert "… and 197 more".replace(" ", i18n.NBSP) in text
    assert "… and 2 more".replace(" ", i18n.NBSP) in text
    assert f"16{i18n.NBSP}working{i18n.NBSP}days" in text and f"127.0{i18n.NBSP}h" not in text
    rows = html_tables(exported)[0]
    assert len(rows) == 1 + 9  # the header and the 9 rows of the page
    # The decisions come before the week in numbers, right after the proposal.
    assert (
        exported.index('class="proposal"')
        < exported.index("Leads that need a decision")
        < exported.index("The week in numbers")
    )


def test_weekly_page_builds_the_file_only_when_it_is_downloaded(
    use_fixture_db, monkeypatch, deferred_downloads
):
    built = []
    to_html = report.to_html
    monkeypatch.setattr(report, "to_html", lambda *a: built.append(a) or to_html(*a))
    at = AppTest.from_file(str(ROOT / "pages/7_Weekly_report.py"), default_timeout=60)
    at.query_params["week"] = WEEK.isoformat()
    at.run()
    at.run()  # a plain rerun, as a widget change or a reopened page makes
    assert not at.exception, [e.message for e in at.exception]
    assert built == []  # the ~5 MB file is not made by the runs
    (make,) = deferred_downloads.values()
    page = make()  # the click
    assert len(built) == 1 and page.startswith("<!DOCTYPE html>")
    assert build(use_fixture_db, "en").proposal_text in page


def backtest_rows(rows: list[tuple]) -> pd.DataFrame:
    names = ["month", "recommended"] + [
        f"{side}_{m}" for side in ("recommended", "in_force") for m in weekly.MEASURES
    ]
    return pd.DataFrame(rows, columns=names)


def test_weekly_backtest_summary_averages_the_months_with_a_recommendation():
    months = tuple(date(2025, m, 1) for m in range(1, 13))
    rows = backtest_rows(
        [
            # month, threshold, recommended: SQLs revenue workload untested, in force: same
            (3, 80, 10, 100_000.0, 5.0, 4, 12, 90_000.0, 6.0, 0),
            (4, 90, 20, 300_000.0, 7.0, 0, 16, 310_000.0, 8.0, 0),
            (5, None, None, None, None, None, 14, 200_000.0, 7.0, 0),
        ]
    )
    text, table = weekly.backtest_summary(weekly.Backtest(rows, months, 10.0, 70), "en")
    # Over the months with a recommendation (Apr, May): SQLs (10 + 20) / 2 = 15 against
    # (12 + 16) / 2 = 14; revenue (100k + 300k) / 2 = 200k against (90k + 310k) / 2 = 200k;
    # workload (5 + 7) / 2 = 6 against 7; untested 4 / 2 = 2. More revenue: Apr only (100k >
    # 90k), so 1 of the 3 months; June fitted no threshold.
    assert table.values.tolist() == [
        ["Recommended each month", "15.0", "200,000 PLN", "6.00", "2.0"],
        ["In force (70)", "14.0", "200,000 PLN", "7.00", "0.0"],
    ]
    assert "each of the 3 months Apr 2025 – Jun 2025" in text
    assert "80–90 (no threshold fits: 1), against 70 in force" in text
    assert "more won revenue in 1 of the 3 months" in text
    text_pl, table_pl = weekly.backtest_summary(weekly.Backtest(rows, months, 10.0, 70), "pl")
    assert table_pl.iloc[0].tolist()[1:3] == ["15,0", f"200{i18n.NBSP}000{i18n.NBSP}zł"]
    assert "kwi 2025 – cze 2025" in text_pl and "w 1 z 3 miesięcy" in text_pl


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from leadflow import demo

    path = tmp_path_factory.mktemp("demo") / "leadflow.duckdb"
    demo.build(path, n_leads=2_000, seed=3)
    return path


def test_weekly_page_summarises_the_what_if_backtest(demo_db, monkeypatch):
    monkeypatch.setenv("LEADFLOW_DB", str(demo_db))
    at = AppTest.from_file(str(ROOT / "pages/7_Weekly_report.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # The backtest as the What-if page runs it by default, called here directly: its default
    # period (the last 12 months), today's rules, its default capacity, the most revenue.
    span = db.run("data_range", {}, demo_db).iloc[0]
    last = (pd.Timestamp(span["as_of"]) - timedelta(microseconds=1)).date()
    start = max(pd.Timestamp(span["first_lead_at"]).date(), last - timedelta(days=364))
    data = whatif.load_uncached((start, last, (), (), (), db.EVERYONE), demo_db)
    current = data.catalog.current_threshold
    tmax = whatif.max_threshold_for(current)
    capacity = whatif.default_capacity(whatif.replay(data, data.catalog.current, tmax).at(current))
    segments = {"channels": [], "industries": [], "size_bands": []}
    months = db.run("recommend_outcome_months", {"start": start, "end": last, **segments}, demo_db)
    best = whatif._scores(data, data.catalog.current)[1]
    rows = recommend.backtest(recommend.history_of(data, best, months), capacity, current, tmax)
    made = rows[rows["recommended"].notna()]
    assert len(made) > 0
    shown = next(t.value for t in at.table if "Recommended each month" in t.value.index)
    assert shown.loc[f"In force ({current})", "SQLs"] == f"{made['in_force_sqls'].mean():,.1f}"
    assert shown.loc["Recommended each month", "SQLs"] == (
        f"{made['recommended_sqls'].mean():,.1f}"
    )
    assert any(f"each of the {len(rows)} months" in c.value for c in at.caption)
