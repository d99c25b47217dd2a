"""Rejection reasons: queries on the hand-made fixture, the Pareto and matrix, recycling, page.

The four leads handed off in Q1 2026 that sales rejected:

    lead  rep    channel       handoff   rejected  reason                   recycled  since then
    L03   Anna   linkedin_ads  09 Jan    10 Jan    company too small        09 Feb    newsletter
                                                                                      sign-up 16 Feb
    L04   Piotr  linkedin_ads  15 Jan    16 Jan    (none: an SLA breach)    –         –
    L09   Anna   linkedin_ads  11 Feb    13 Feb    no budget                13 Mar    pricing page
                                                                                      20 Mar
    L17   Piotr  referral      17 Mar    18 Mar    not the decision maker   25 Mar    nothing

Each had two touchpoints before its handoff (tests/fixtures/touchpoints.csv). Decided handoffs
in Q1: 6 accepted + 4 rejected = 10; L12 is still open.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from leadflow import db, rejections
from tests.conftest import opened_page

ROOT = Path(__file__).resolve().parent.parent
Q1_2026 = {
    "start": date(2026, 1, 1),
    "end": date(2026, 3, 31),
    "channels": [],
    "industries": [],
    "size_bands": [],
    "reps": [],
}
NO_REASON = "(no reason given)"


def by_reason(fixture_db, dimension: str, **params) -> dict[tuple[str, str], tuple[int, int]]:
    frame = db.run(
        "rejections_by_reason", {**Q1_2026, "dimension": dimension, **params}, fixture_db
    )
    return {(r.segment, r.reason): (int(r.rejections), int(r.recycled)) for r in frame.itertuples()}


def test_rejections_by_reason_pareto_counts(fixture_db):
    # One rejection per reason; the one without a reason (L04) is a reason of its own.
    # Recycled: L03, L09, L17.
    assert by_reason(fixture_db, "all") == {
        ("all leads", NO_REASON): (1, 0),
        ("all leads", "company too small"): (1, 1),
        ("all leads", "no budget"): (1, 1),
        ("all leads", "not the decision maker"): (1, 1),
    }


def test_rejections_by_reason_per_source_and_week(fixture_db):
    # LinkedIn produced L03, L04 and L09; referrals L17.
    assert by_reason(fixture_db, "channel") == {
        ("linkedin_ads", NO_REASON): (1, 0),
        ("linkedin_ads", "company too small"): (1, 1),
        ("linkedin_ads", "no budget"): (1, 1),
        ("referral", "not the decision maker"): (1, 1),
    }
    # Referrals have no campaign.
    assert set(by_reason(fixture_db, "campaign")) >= {
        ("(no campaign)", "not the decision maker"),
        ("LinkedIn ABM – IT and manufacturing", "no budget"),
    }
    # By week of handoff (Mondays): L03 5 Jan, L04 12 Jan, L09 9 Feb, L17 16 Mar.
    weeks = by_reason(fixture_db, "handoff_week")
    assert sorted((week, reason) for week, reason in weeks) == [
        ("2026-01-05", "company too small"),
        ("2026-01-12", NO_REASON),
        ("2026-02-09", "no budget"),
        ("2026-03-16", "not the decision maker"),
    ]
    # Piotr alone: L04 and L17.
    assert set(by_reason(fixture_db, "all", reps=["Piotr Kowalski"])) == {
        ("all leads", NO_REASON),
        ("all leads", "not the decision maker"),
    }


def test_recycled_outcomes_say_what_happened_since(fixture_db):
    # L03 recycled 9 Feb, then a newsletter sign-up (no buying signal); L09 recycled 13 Mar,
    # then a pricing-page visit (a buying signal); L17 recycled 25 Mar, nothing since; L04 was
    # not recycled. Most recycled first, then by name.
    frame = db.run("recycled_outcomes", Q1_2026, fixture_db)
    columns = [
        "reason",
        "rejected",
        "recycled",
        "buying_signal_since",
        "active_without_buying_signal",
        "no_activity_since",
    ]
    assert frame[columns].values.tolist() == [
        ["company too small", 1, 1, 0, 1, 0],
        ["no budget", 1, 1, 1, 0, 0],
        ["not the decision maker", 1, 1, 0, 0, 1],
        [NO_REASON, 1, 0, 0, 0, 0],
    ]
    totals = rejections.recycled_totals(frame)
    assert totals[["rejected", "recycled", "buying_signal_since"]].tolist() == [4, 3, 1]


def rejected_leads(fixture_db, **params) -> pd.DataFrame:
    defaults = {
        "outcome": "rejected",
        "reason": None,
        "dimension": "all",
        "segment": None,
        "recycled_only": False,
        "row_limit": None,
    }
    return db.run("handoff_leads", {**Q1_2026, **defaults, **params}, fixture_db)


def test_handoff_leads_behind_a_reason_with_touchpoint_activity(fixture_db):
    # Latest rejection first: L17 18 Mar, L09 13 Feb, L04 16 Jan, L03 10 Jan.
    frame = rejected_leads(fixture_db).set_index("lead_id")
    assert frame.index.tolist() == ["L17", "L09", "L04", "L03"]
    # Two touchpoints before each handoff. After the rejection: L09 one (pricing page, 20 Mar),
    # L03 one (newsletter, 16 Feb), L04 and L17 none.
    assert frame["touchpoints_before_handoff"].tolist() == [2, 2, 2, 2]
    assert frame["touchpoints_after_decision"].tolist() == [0, 1, 0, 1]
    assert str(frame.loc["L09", "last_touchpoint_at"]) == "2026-03-20 10:00:00"
    assert frame["since_recycling"].fillna("–").tolist() == [
        "no activity since",
        "buying signal since",
        "–",
        "active again, no buying signal",
    ]
    assert frame.loc["L04", "reason"] == NO_REASON

    assert rejected_leads(fixture_db, reason=NO_REASON)["lead_id"].tolist() == ["L04"]
    assert rejected_leads(fixture_db, reason="no budget")["lead_id"].tolist() == ["L09"]
    from_linkedin = rejected_leads(fixture_db, dimension="channel", segment="linkedin_ads")
    assert from_linkedin["lead_id"].tolist() == ["L09", "L04", "L03"]
    assert rejected_leads(fixture_db, recycled_only=True)["lead_id"].tolist() == [
        "L17",
        "L09",
        "L03",
    ]
    # A reason no accepted lead can have: asking for accepted leads with it gives nothing.
    assert rejected_leads(fixture_db, outcome="accepted", reason="no budget").empty


def test_lead_history_in_order(fixture_db):
    frame = db.run("lead_history", {"lead_id": "L03"}, fixture_db)
    # Created and first touchpoint at the same minute (created first); the demo request and the
    # MQL at the same minute (the touchpoint first).
    assert frame["event"].tolist() == [
        "lead created",
        "ebook download",
        "demo request",
        "became an MQL",
        "handed off to sales",
        "first response from sales",
        "rejected",
        "sent back to nurture",
        "newsletter signup",
    ]
    assert frame.loc[frame["event"] == "rejected", "detail"].item() == "company too small"
    assert frame.loc[1, "detail"] == "LinkedIn ABM – IT and manufacturing"
    assert frame.loc[4, "detail"] == "Anna Nowak · score 51"
    # A won deal: opened and closed.
    won = db.run("lead_history", {"lead_id": "L01"}, fixture_db)
    assert won["event"].tolist()[-2:] == ["deal opened", "deal won"]
    assert won["detail"].tolist()[-2:] == ["D01 · 40000 PLN", "D01"]
    assert db.run("lead_history", {"lead_id": "no such lead"}, fixture_db).empty


def test_pareto_shares_and_top_reasons():
    frame = pd.DataFrame(
        {
            "segment": ["all leads"] * 4,
            "reason": ["no budget", NO_REASON, "duplicate", "competitor"],
            "rejections": [50, 5, 30, 15],
            "recycled": [10, 0, 0, 0],
        }
    )
    pareto = rejections.pareto(frame)
    # 100 rejections: 50, 30, 15, 5 → shares .5 .3 .15 .05, cumulative .5 .8 .95 1.
    assert pareto["reason"].tolist() == ["no budget", "duplicate", "competitor", NO_REASON]
    assert pareto["cumulative_share"].tolist() == pytest.approx([0.5, 0.8, 0.95, 1.0])
    # The two most frequent would leave out "no reason": it takes the second place instead.
    assert rejections.top_reasons(frame, 2) == ["no budget", NO_REASON]
    assert rejections.top_reasons(frame, 4)[-1] == NO_REASON


def test_trend_and_matrix_helpers():
    by_week = pd.DataFrame(
        {
            "segment": ["2026-01-05", "2026-01-05", "2026-01-12"],
            "reason": ["no budget", "duplicate", "competitor"],
            "rejections": [3, 2, 1],
            "recycled": [0, 0, 0],
        }
    )
    trend = rejections.trend(by_week, ["no budget"])
    assert trend["rejections"].tolist() == [3, 2, 1]
    assert trend["reason"].tolist() == ["no budget", "other reasons", "other reasons"]

    by_source = pd.DataFrame(
        {
            "segment": ["webinar", "webinar", "referral"],
            "reason": ["no budget", "duplicate", "no budget"],
            "rejections": [3, 1, 6],
            "recycled": [0, 0, 0],
        }
    )
    counts, shares = rejections.matrix(by_source, ["no budget", "duplicate"])
    # Referral has the most rejections (6), so it comes first; webinar: 3 + 1 = 4.
    assert counts.index.tolist() == ["referral", "webinar"]
    assert counts.loc["webinar"].tolist() == [3, 1]
    assert shares.loc["webinar"].tolist() == pytest.approx([0.75, 0.25])
    assert rejections.count_behind(by_source, None, None) == 10
    assert rejections.count_behind(by_source, "no budget", None) == 9
    assert rejections.count_behind(by_source, "duplicate", "referral") == 0
    assert rejections.count_behind(by_source, "competitor", None) == 0
    # With one row allowed, both sources are added up in it.
    counts, _ = rejections.matrix(by_source, ["no budget", "duplicate"], max_rows=1)
    assert counts.index.tolist() == ["2 other sources"]
    assert counts.iloc[0].tolist() == [9, 1]


# The page, under AppTest.


@pytest.fixture
def page(use_fixture_db):
    return functools.partial(opened_page, "pages/4_Rejections.py")


Q1 = ["2026-01-01", "2026-03-31"]


def test_rejections_page_headline(page):
    at = page(period=Q1)
    shown = {m.label: m.value for m in at.metric}
    # 4 rejected of 10 decided = 40 %; L04 without a reason; L03 L09 L17 recycled, of which
    # L09 showed a buying signal, L03 other activity, L17 nothing.
    assert shown == {
        "Rejected": "4",
        "SQL rejection rate (handoffs of the period)": "40.0%",
        "Without a reason": "1",
        "Recycled": "3",
        "Buying signal since": "1",
        "Active again, no buying signal": "1",
        "No activity since": "1",
    }


def test_rejections_page_rate_by_score_band(page):
    at = page(period=Q1, by="Score at handoff")
    rates = at.dataframe[0].value.set_index("segment")
    # 50-59: 4 rejected of 4 decided (L12 open) = 100 %; 60-69, 70-79, 80-89: none rejected.
    assert rates.index.tolist() == ["50-59", "60-69", "70-79", "80-89"]
    assert rates["rejection_rate"].tolist() == pytest.approx([100.0, 0.0, 0.0, 0.0])
    assert rates.loc["50-59", ["rejected", "decided", "still_open"]].tolist() == [4, 4, 1]


def test_rejections_page_drill_down_to_a_reason_with_history(page):
    at = page(period=Q1, reason="no budget")
    captions = "\n".join(c.value for c in at.caption)
    assert "1 rejected lead with “no budget”" in captions
    leads = at.dataframe[1].value
    assert leads["lead_id"].tolist() == ["L09"]
    history = at.dataframe[2].value
    assert history["event"].tolist()[-1] == "pricing page visit"
    # Recycled leads, the one with a buying signal first: L09, then L03 (active), L17 (silent).
    assert at.dataframe[4].value["lead_id"].tolist() == ["L09", "L03", "L17"]


def test_rejections_page_drill_down_by_source(page):
    at = page(period=Q1)
    at.selectbox(key="source_segment").set_value("linkedin_ads").run()
    assert "3 rejected leads from LinkedIn Ads" in "\n".join(c.value for c in at.caption)
    assert at.dataframe[1].value["lead_id"].tolist() == ["L09", "L04", "L03"]


def test_rejections_page_without_rejections_says_so(page):
    # Webinar leads handed off in Q1: L01 L02 L15 accepted, L12 open, none rejected.
    at = page(period=Q1, channel="webinar")
    assert "Sales rejected none of the 4 leads" in at.info[0].value
