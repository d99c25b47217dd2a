"""MQL→SQL conversion of handoffs: queries on the hand-made fixture, the metrics, the page.

The leads handed off in Q1 2026 (handoff_at, not created_at, selects them on these pages):

    lead  rep    handoff            outcome    decided            seniority   score  channel
    L01   Anna   Wed 07 Jan 10:00   accepted   Fri 09 Jan 10:00   C-level     72     webinar
    L03   Anna   Fri 09 Jan 11:00   rejected   Sat 10 Jan 11:00   manager     51     linkedin
    L02   Piotr  Sat 10 Jan 09:30   accepted   Tue 13 Jan 09:30   director    64     webinar
    L04   Piotr  Thu 15 Jan 09:00   rejected*  Fri 16 Jan 09:00   C-level     50     linkedin
    L05   Anna   Tue 20 Jan 13:00   accepted   Sat 24 Jan 13:00   C-level     85     referral
    L08   Piotr  Tue 03 Feb 09:15   accepted   Wed 04 Feb 09:15   C-level     67     referral
    L09   Anna   Wed 11 Feb 10:30   rejected   Fri 13 Feb 10:30   C-level     55     linkedin
    L13   Piotr  Fri 27 Feb 15:00   accepted   Wed 04 Mar 15:00   director    61     referral
    L15   Anna   Sun 08 Mar 10:00   accepted   Tue 10 Mar 10:00   C-level     70     webinar
    L17   Piotr  Tue 17 Mar 09:30   rejected   Wed 18 Mar 09:30   specialist  53     referral
    L12   Anna   Mon 30 Mar 10:00   open       –                  director    58     webinar

    * without a reason. L19 (Anna, accepted, score 66) was handed off on 22 Dec 2025.
"""

from __future__ import annotations

import functools
import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadflow import conversion, db
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
COUNTS = ["handoffs", "accepted", "rejected", "still_open", "rejected_without_reason"]


def outcomes(fixture_db, dimension: str, **params) -> dict[str, list[int]]:
    frame = db.run("handoff_outcomes", {**Q1_2026, "dimension": dimension, **params}, fixture_db)
    return {row.segment: [int(row[c]) for c in COUNTS] for _, row in frame.iterrows()}


def test_handoff_outcomes_whole_quarter(fixture_db):
    # 11 handoffs; accepted L01 L02 L05 L08 L13 L15 = 6; rejected L03 L04 L09 L17 = 4, of which
    # L04 without a reason; still open L12 = 1. 6 + 4 + 1 = 11.
    assert outcomes(fixture_db, "all") == {"all leads": [11, 6, 4, 1, 1]}


def test_handoff_outcomes_by_week_and_month_of_handoff(fixture_db):
    # Weeks start on Monday: L01 (Wed), L03 (Fri) and L02 (Sat) share the week of 5 Jan;
    # L15, handed off on Sunday 8 Mar, belongs to the week of Monday 2 Mar.
    assert outcomes(fixture_db, "handoff_week") == {
        "2026-01-05": [3, 2, 1, 0, 0],  # L01 L02 accepted, L03 rejected
        "2026-01-12": [1, 0, 1, 0, 1],  # L04, no reason
        "2026-01-19": [1, 1, 0, 0, 0],  # L05
        "2026-02-02": [1, 1, 0, 0, 0],  # L08
        "2026-02-09": [1, 0, 1, 0, 0],  # L09
        "2026-02-23": [1, 1, 0, 0, 0],  # L13
        "2026-03-02": [1, 1, 0, 0, 0],  # L15
        "2026-03-16": [1, 0, 1, 0, 0],  # L17
        "2026-03-30": [1, 0, 0, 1, 0],  # L12, open
    }
    # Jan: L01 L02 L03 L04 L05 (3 accepted, 2 rejected); Feb: L08 L09 L13 (2, 1);
    # Mar: L15 accepted, L17 rejected, L12 open.
    assert outcomes(fixture_db, "handoff_month") == {
        "2026-01": [5, 3, 2, 0, 1],
        "2026-02": [3, 2, 1, 0, 0],
        "2026-03": [3, 1, 1, 1, 0],
    }


def test_handoff_outcomes_by_score_band_and_seniority(fixture_db):
    # 50-59: L03 51, L04 50, L09 55, L17 53 rejected, L12 58 open; 60-69: L02 64, L08 67,
    # L13 61 accepted (L19's 66 was in December); 70-79: L01 72, L15 70; 80-89: L05 85.
    assert outcomes(fixture_db, "score_band") == {
        "50-59": [5, 0, 4, 1, 1],
        "60-69": [3, 3, 0, 0, 0],
        "70-79": [2, 2, 0, 0, 0],
        "80-89": [1, 1, 0, 0, 0],
    }
    # C-level: L01 L05 L08 L15 accepted, L04 L09 rejected; director: L02 L13 accepted, L12
    # open; manager: L03 rejected; specialist: L17 rejected.
    assert outcomes(fixture_db, "seniority") == {
        "C-level": [6, 4, 2, 0, 1],
        "director": [3, 2, 0, 1, 0],
        "manager": [1, 0, 1, 0, 0],
        "specialist": [1, 0, 1, 0, 0],
    }


def test_handoff_outcomes_by_rep_and_with_filters(fixture_db):
    # Anna: L01 L05 L15 accepted, L03 L09 rejected, L12 open. Piotr: L02 L08 L13 accepted,
    # L04 (no reason) L17 rejected.
    assert outcomes(fixture_db, "rep") == {
        "Anna Nowak": [6, 3, 2, 1, 0],
        "Piotr Kowalski": [5, 3, 2, 0, 1],
    }
    # Webinar leads handed off: L01 L02 L15 accepted, L12 open (L10 was never handed off).
    assert outcomes(fixture_db, "all", channels=["webinar"]) == {"all leads": [4, 3, 0, 1, 0]}
    # A filter that matches nothing gives no rows, not an error.
    assert outcomes(fixture_db, "all", channels=["no such channel"]) == {}


def test_handoff_outcomes_period_selects_the_handoff_date(fixture_db):
    # March: L15, L17 and L12; L12 was created on 20 Feb but handed off on 30 Mar.
    march = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}
    assert outcomes(fixture_db, "all", **march) == {"all leads": [3, 1, 1, 1, 0]}
    # December 2025: L19, created 20 Dec, handed off 22 Dec, accepted 5 Jan.
    december = {"start": date(2025, 12, 1), "end": date(2025, 12, 31)}
    assert outcomes(fixture_db, "all", **december) == {"all leads": [1, 1, 0, 0, 0]}


def test_decision_time_medians(fixture_db):
    # Hours from handoff to decision: accepted L01 48, L02 72, L05 96, L08 24, L13 120 (27 Feb
    # 15:00 → 4 Mar 15:00), L15 48 → 24 48 48 | 72 96 120 → median (48 + 72) / 2 = 60.
    # Rejected L03 24, L04 24, L09 48, L17 24 → 24 24 | 24 48 → 24; p75 at position
    # 0.75 × 3 = 2.25: 24 + 0.25 × (48 − 24) = 30.
    # All ten: 24 24 24 24 48 | 48 48 72 96 120 → 48; p25 at 2.25 → 24; p75 at 6.75 →
    # 48 + 0.75 × 24 = 66; p90 at 8.1 → 96 + 0.1 × 24 = 98.4. L12 is open: left out.
    frame = db.run("decision_time", Q1_2026, fixture_db).set_index("outcome")
    assert frame["decisions"].to_dict() == {"accepted": 6, "all decided": 10, "rejected": 4}
    assert frame["median_hours"].to_dict() == pytest.approx(
        {"accepted": 60, "all decided": 48, "rejected": 24}
    )
    assert frame.loc["rejected", "p75_hours"] == pytest.approx(30)
    all_decided = frame.loc["all decided"]
    assert [all_decided[c] for c in ["p25_hours", "p75_hours", "p90_hours"]] == pytest.approx(
        [24, 66, 98.4]
    )


def test_decision_time_histogram_keeps_empty_buckets(fixture_db):
    # 24 h falls in "1–2 days" (24 ≤ h < 48): L08 accepted; L03 L04 L17 rejected.
    # 48 h in "2–3 days": L01 L15 accepted, L09 rejected. 72, 96, 120 h in "3–7 days":
    # L02 L05 L13 accepted. Every other bucket is 0, for both outcomes.
    frame = db.run("decision_time_histogram", Q1_2026, fixture_db)
    assert len(frame) == 16  # 8 buckets × 2 outcomes
    counts = {(r.bucket, r.outcome): int(r.decisions) for r in frame.itertuples() if r.decisions}
    assert counts == {
        ("1–2 days", "accepted"): 1,
        ("1–2 days", "rejected"): 3,
        ("2–3 days", "accepted"): 2,
        ("2–3 days", "rejected"): 1,
        ("3–7 days", "accepted"): 3,
    }
    assert frame["bucket"].unique().tolist()[0] == "under 4 h"


def handoff_leads(fixture_db, **params):
    defaults = {
        "outcome": None,
        "reason": None,
        "dimension": "all",
        "segment": None,
        "recycled_only": False,
        "row_limit": None,
    }
    return db.run("handoff_leads", {**Q1_2026, **defaults, **params}, fixture_db)


def test_handoff_leads_behind_each_outcome(fixture_db):
    # Latest decision first: L15 10 Mar, L13 4 Mar, L08 4 Feb, L05 24 Jan, L02 13 Jan, L01 9 Jan.
    accepted = handoff_leads(fixture_db, outcome="accepted")
    assert accepted["lead_id"].tolist() == ["L15", "L13", "L08", "L05", "L02", "L01"]
    assert accepted["reason"].isna().all()
    assert handoff_leads(fixture_db, outcome="open")["lead_id"].tolist() == ["L12"]
    # Piotr's rejections: L17 (18 Mar), L04 (16 Jan).
    piotr = handoff_leads(fixture_db, outcome="rejected", dimension="rep", segment="Piotr Kowalski")
    assert piotr["lead_id"].tolist() == ["L17", "L04"]
    assert piotr["reason"].tolist() == ["not the decision maker", "(no reason given)"]
    # The newest two of everything, by decision or (open) handoff: L12 30 Mar, L17 18 Mar.
    assert handoff_leads(fixture_db, row_limit=2)["lead_id"].tolist() == ["L12", "L17"]


def test_wilson_interval_known_values():
    # 6 of 10 at 95 %: p = 0.6, z² = 3.8415, denominator 1 + z²/10 = 1.38415;
    # centre (0.6 + z²/20) / 1.38415 = 0.57225;
    # half-width z · √(0.6 · 0.4 / 10 + z²/400) / 1.38415 = 1.96 · 0.18331 / 1.38415 = 0.25958
    # → 31.3 %–83.2 % (the textbook values).
    low, high = conversion.wilson_interval(6, 10)
    assert (low, high) == pytest.approx((0.31267, 0.83183), abs=1e-4)
    # 2 of 2 is not 100 % for sure: centre (1 + z²/4) / (1 + z²/2) = 0.67119, half-width
    # z · √(z²/16) / (1 + z²/2) = 0.32881 → 34.2 %–100 %.
    assert conversion.wilson_interval(2, 2) == pytest.approx((0.34238, 1.0), abs=1e-4)
    assert conversion.wilson_interval(0, 5)[0] == 0.0
    assert all(math.isnan(x) for x in conversion.wilson_interval(0, 0))


@given(successes=st.integers(0, 500), extra=st.integers(0, 500))
def test_wilson_interval_holds_the_rate_inside_zero_one(successes, extra):
    trials = successes + extra
    low, high = conversion.wilson_interval(successes, trials)
    if trials == 0:
        assert math.isnan(low) and math.isnan(high)
    else:
        assert 0 <= low <= successes / trials <= high <= 1


def test_with_rates_leaves_open_handoffs_out_and_flags_tiny_groups():
    frame = pd.DataFrame(
        {
            "segment": ["small", "large"],
            "handoffs": [3, 100],
            "accepted": [2, 25],
            "rejected": [0, 70],
            "still_open": [1, 5],
            "rejected_without_reason": [0, 3],
        }
    )
    rates = conversion.with_rates(frame).set_index("segment")
    # small: 2 accepted of 2 decided = 100 %, the open one is not a failure; too few to judge.
    assert rates.loc["small", "mql_to_sql_rate"] == 1.0
    assert rates.loc["small", "too_few"]
    # large: 25 / 95 decided; rejection rate 70 / 95; 95 ≥ 30 decided, so it counts.
    assert rates.loc["large", "mql_to_sql_rate"] == pytest.approx(25 / 95)
    assert rates.loc["large", "rejection_rate"] == pytest.approx(70 / 95)
    assert not rates.loc["large", "too_few"]
    totals = conversion.totals(frame)
    assert (totals["decided"], totals["accepted"]) == (97, 27)


def test_order_segments_puts_bands_and_time_in_order():
    frame = pd.DataFrame({"segment": ["100-109", "90-99", "(no score)"], "handoffs": [1, 2, 3]})
    ordered = conversion.order_segments(frame, "score_band")["segment"].tolist()
    assert ordered == ["90-99", "100-109", "(no score)"]
    weeks = pd.DataFrame({"segment": ["2026-01-12", "2026-01-05"], "handoffs": [9, 1]})
    assert conversion.order_segments(weeks, "handoff_week")["segment"].tolist() == [
        "2026-01-05",
        "2026-01-12",
    ]


filters = st.fixed_dictionaries(
    {
        "start": st.dates(date(2025, 11, 1), date(2026, 4, 30)),
        "length": st.integers(0, 200),
        "channels": st.lists(st.sampled_from(["webinar", "referral", "linkedin_ads"]), max_size=2),
        "reps": st.lists(st.sampled_from(["Anna Nowak", "Piotr Kowalski"]), max_size=1),
    }
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(f=filters, dimension=st.sampled_from(list(conversion.DIMENSIONS) + ["handoff_week"]))
def test_handoff_outcomes_add_up_under_any_filter(fixture_db, f, dimension):
    params = {
        **Q1_2026,
        "start": f["start"],
        "end": f["start"] + pd.Timedelta(days=f["length"]),
        "channels": f["channels"],
        "reps": f["reps"],
    }
    whole = db.run("handoff_outcomes", {**params, "dimension": "all"}, fixture_db)
    split = db.run("handoff_outcomes", {**params, "dimension": dimension}, fixture_db)
    # Each handoff is accepted, rejected or open, and in exactly one segment.
    assert (split["accepted"] + split["rejected"] + split["still_open"] == split["handoffs"]).all()
    if whole.empty:
        assert split.empty
    else:
        assert split[COUNTS].sum().tolist() == whole[COUNTS].iloc[0].tolist()
    for _, row in conversion.with_rates(split).iterrows():
        if row["decided"]:
            assert row["mql_to_sql_low"] <= row["mql_to_sql_rate"] <= row["mql_to_sql_high"]


# The page, under AppTest.


@pytest.fixture
def page(use_fixture_db):
    return functools.partial(opened_page, "pages/2_Conversion.py")


Q1 = ["2026-01-01", "2026-03-31"]


def test_conversion_page_headline_counts_and_rate(page):
    at = page(period=Q1)
    shown = {m.label: m.value for m in at.metric}
    # 11 handed off = 6 accepted + 4 rejected + 1 open; 6 of 10 decided = 60 %.
    # Medians: all decided 48 h = 2.0 days; accepted 60 h = 2.5 days; rejected 24 h = 1.0 day.
    assert shown == {
        "Handed off": "11",
        "Accepted (SQL)": "6",
        "Rejected": "4",
        "Still open": "1",
        "MQL→SQL rate (handoffs of the period)": "60.0%",
        "Median, all decisions": "2.0 days",
        "Median to accept": "2.5 days",
        "Median to reject": "1.0 days",
    }
    rate_help = next(
        m for m in at.metric if m.label == "MQL→SQL rate (handoffs of the period)"
    ).help
    # Wilson 95 % of 6 / 10: 31–83 %.
    assert "6 of 10" in rate_help and "31–83%" in rate_help


def test_conversion_page_split_by_rep_shows_counts_and_range(page):
    at = page(period=Q1, by="Sales rep")
    split = at.dataframe[0].value.set_index("segment")
    # Anna 3 of 5 decided (L12 open), Piotr 3 of 5: both 60 %, both far below 30 decided.
    assert split.loc["Anna Nowak", ["handoffs", "accepted", "still_open", "decided"]].tolist() == [
        6,
        3,
        1,
        5,
    ]
    assert split.loc["Piotr Kowalski", "mql_to_sql_rate"] == pytest.approx(60.0)
    # Wilson 95 % of 3 / 5: 23–88 %.
    assert split.loc["Anna Nowak", "range"] == "23–88%"
    assert split["note"].tolist() == ["too few to judge"] * 2


def test_conversion_page_drill_down_to_open_handoffs(page):
    at = page(period=Q1, outcome="Still open")
    assert "1 handed-off lead is “Still open”" in "\n".join(c.value for c in at.caption)
    assert at.dataframe[1].value["lead_id"].tolist() == ["L12"]


def test_conversion_page_by_month(page):
    at = page(period=Q1, grain="Month")
    assert at.radio(key="grain").value == "handoff_month"
    assert not at.info


def test_conversion_page_says_so_when_nothing_was_handed_off(page):
    # No education lead with 1000+ employees.
    at = page(period=Q1, industry="education", size="1000+")
    assert "No leads were handed off to sales in the period" in at.info[0].value
    assert not at.dataframe
