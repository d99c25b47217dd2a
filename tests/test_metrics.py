"""The arithmetic on query results: rates, deltas, cohort maturity, formats."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from leadflow import format, metrics


def test_rate_is_none_when_there_is_nothing_to_divide_by():
    assert metrics.rate(3, 12) == 0.25
    assert metrics.rate(0, 0) is None


def test_win_rate_leaves_open_deals_out():
    # DOMAIN.md: won / (won + lost). 2 won, 2 lost (and any number open) → 50%.
    assert metrics.win_rate(2, 2) == 0.5
    assert metrics.win_rate(0, 0) is None


def test_funnel_stages_step_and_cumulative_conversion():
    # The fixture's Q1 cohort: 18 → 12 → 11 → 6 → 5 → 2.
    counts = pd.Series(
        {"leads": 18, "mqls": 12, "handoffs": 11, "sqls": 6, "opportunities": 5, "won": 2}
    )
    stages = metrics.funnel_stages(counts)
    assert stages["stage"].tolist() == ["lead", "mql", "handoff", "sql", "opportunity", "won"]
    # Step: 12/18, 11/12, 6/11, 5/6, 2/5. Cumulative: 12/18, 11/18, 6/18, 5/18, 2/18.
    assert stages["step_conversion"].tolist()[1:] == pytest.approx(
        [12 / 18, 11 / 12, 6 / 11, 5 / 6, 2 / 5]
    )
    assert pd.isna(stages["step_conversion"][0])
    assert stages["cumulative_conversion"].tolist() == pytest.approx(
        [1, 12 / 18, 11 / 18, 6 / 18, 5 / 18, 2 / 18]
    )


def test_funnel_stages_of_an_empty_cohort_are_zero_without_rates():
    counts = pd.Series(
        {"leads": 0, "mqls": 0, "handoffs": 0, "sqls": 0, "opportunities": 0, "won": 0}
    )
    stages = metrics.funnel_stages(counts)
    assert stages["leads"].sum() == 0
    assert stages["step_conversion"].isna().all()
    assert stages["cumulative_conversion"].isna().all()


def test_mql_to_sql_rate_leaves_undecided_handoffs_out():
    # 11 handoffs: 6 accepted, 4 rejected, 1 awaiting a decision → 6 / (6 + 4).
    assert metrics.mql_to_sql_rate(6, 4) == 0.6
    assert metrics.mql_to_sql_rate(0, 0) is None


def test_with_rates_per_segment():
    # Anna in the fixture: 6 leads, 6 MQLs, 6 handed off, 3 SQLs, 2 rejected, 1 won, 1 lost.
    frame = pd.DataFrame(
        [
            {"segment": "Anna", "leads": 6, "mqls": 6, "handoffs": 6, "sqls": 3, "rejected": 2}
            | {"won": 1, "lost": 1}
        ]
    )
    row = metrics.with_rates(frame).iloc[0]
    # 6/6 = 100%; 3 / (3 + 2) = 60%; 1 / (1 + 1) = 50%.
    assert (row["mql_rate"], row["mql_to_sql_rate"], row["win_rate"]) == (1.0, 0.6, 0.5)


@pytest.mark.parametrize(
    ("month", "as_of", "maturing"),
    [
        # December's youngest leads are from 31 Dec; + 90 days = 31 Mar < 1 Apr → mature.
        ("2025-12", datetime(2026, 4, 1), False),
        # January: 1 Feb + 90 days = 2 May > 1 Apr → still maturing.
        ("2026-01", datetime(2026, 4, 1), True),
        ("2026-01", datetime(2026, 5, 2), False),
    ],
)
def test_cohort_maturing(month, as_of, maturing):
    assert metrics.cohort_maturing(month, as_of) is maturing


def test_previous_period_has_the_same_length():
    # Q1 2026 is 90 days; the 90 days before it run from 3 Oct to 31 Dec 2025.
    assert metrics.previous_period(date(2026, 1, 1), date(2026, 3, 31)) == (
        date(2025, 10, 3),
        date(2025, 12, 31),
    )
    assert metrics.previous_period(date(2026, 3, 5), date(2026, 3, 5)) == (
        date(2026, 3, 4),
        date(2026, 3, 4),
    )


def test_headline_changes_are_relative_for_counts_and_points_for_rates():
    assert metrics.Headline("Leads", 18, 2, "count").change == pytest.approx(8.0)  # 18/2 - 1
    assert metrics.Headline("Won deals", 3, 0, "count").change is None
    # 6/10 = 60% against 1/1 = 100% → -40 points.
    assert metrics.Headline("MQL→SQL rate", 0.6, 1.0, "pct").change == pytest.approx(-40.0)
    assert metrics.Headline("MQL→SQL rate", None, 1.0, "pct").change is None


def test_order_segments_puts_size_bands_in_size_order():
    frame = pd.DataFrame({"segment": ["1000+", "1-9", "unknown", "50-249"], "leads": [1, 9, 5, 3]})
    assert metrics.order_segments(frame, "size_band")["segment"].tolist() == [
        "1-9",
        "50-249",
        "1000+",
        "unknown",
    ]
    assert metrics.order_segments(frame, "channel")["segment"].tolist() == [
        "1-9",
        "unknown",
        "50-249",
        "1000+",
    ]


def test_formats_for_people():
    assert format.count(1234567) == "1,234,567"
    assert format.pct(6 / 11) == "54.5%"
    assert format.pct(None) == "–"
    assert format.pln(40000) == "40,000 PLN"
    assert format.pln_short(75_000) == "75 k PLN"
    assert format.pln_short(1_234_000) == "1.23 M PLN"
    assert format.pln_short(9_500) == "9,500 PLN"
    assert format.days(2.5) == "2.5 days"
    assert format.days(1 / 24) == "1.0 h"
    assert format.period(date(2026, 1, 1), date(2026, 3, 31)) == "1 Jan 2026 – 31 Mar 2026"
