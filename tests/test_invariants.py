"""Properties that hold for any data and any filter: checked with hypothesis."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadflow import db, metrics

STAGE_COLUMNS = ["leads", "mqls", "handoffs", "sqls", "opportunities", "won"]
DIMENSIONS = ["all", "created_month", *metrics.SEGMENT_DIMENSIONS]
CHANNELS = ["webinar", "linkedin_ads", "referral", "no such channel"]
INDUSTRIES = ["IT & software", "manufacturing", "finance", "education"]
BANDS = list(metrics.SIZE_BAND_ORDER)
REPS = ["Anna Nowak", "Piotr Kowalski", "'; drop table leads; --"]

filters = st.fixed_dictionaries(
    {
        "start": st.dates(date(2025, 11, 1), date(2026, 4, 30)),
        "length": st.integers(0, 200),
        "channels": st.lists(st.sampled_from(CHANNELS), unique=True, max_size=3),
        "industries": st.lists(st.sampled_from(INDUSTRIES), unique=True, max_size=2),
        "size_bands": st.lists(st.sampled_from(BANDS), unique=True, max_size=3),
        "reps": st.lists(st.sampled_from(REPS), unique=True, max_size=2),
    }
)


def as_params(f: dict) -> dict:
    params = {k: v for k, v in f.items() if k != "length"}
    params["end"] = f["start"] + timedelta(days=f["length"])
    return params


def assert_funnel_holds(frame: pd.DataFrame) -> None:
    for _, row in frame.iterrows():
        counts = [int(row[c]) for c in STAGE_COLUMNS]
        assert counts == sorted(counts, reverse=True), f"funnel grows: {row.to_dict()}"
        assert int(row["won"]) + int(row["lost"]) <= int(row["opportunities"])
        assert float(row["revenue"]) >= 0
    for _, row in metrics.with_rates(frame).iterrows():
        for rate in (row["mql_rate"], row["mql_to_sql_rate"], row["win_rate"]):
            assert rate is None or pd.isna(rate) or 0 <= rate <= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(f=filters, dimension=st.sampled_from(DIMENSIONS))
def test_funnel_never_grows_and_splits_add_up(fixture_db, f, dimension):
    params = as_params(f)
    total = db.run("funnel_counts", {**params, "dimension": "all"}, fixture_db)
    split = db.run("funnel_counts", {**params, "dimension": dimension}, fixture_db)
    assert_funnel_holds(split)
    # Every lead is in exactly one segment, so the segments add up to the whole.
    if total.empty:
        assert split.empty
    else:
        assert split[STAGE_COLUMNS].sum().tolist() == total[STAGE_COLUMNS].iloc[0].tolist()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(f=filters)
def test_headline_and_velocity_stay_sane_under_any_filter(fixture_db, f):
    params = as_params(f)
    previous_start, previous_end = metrics.previous_period(params["start"], params["end"])
    by_period = db.run(
        "headline_by_period",
        {**params, "previous_start": previous_start, "previous_end": previous_end},
        fixture_db,
    )
    assert sorted(by_period["period"]) == ["current", "previous"]
    for tile in metrics.headlines(by_period):
        if tile.kind == "pct":
            assert tile.current is None or 0 <= tile.current <= 1
        else:
            assert tile.current >= 0
    velocity = db.run("stage_velocity", params, fixture_db)
    assert (velocity["median_days"] >= 0).all()


def test_empty_filter_gives_zeros_not_errors(fixture_db):
    params = as_params(
        {
            "start": date(2026, 1, 1),
            "length": 90,
            "channels": ["no such channel"],
            "industries": [],
            "size_bands": [],
            "reps": [],
        }
    )
    assert db.run("funnel_counts", {**params, "dimension": "all"}, fixture_db).empty
    assert db.run("stage_velocity", params, fixture_db).empty
    by_period = db.run(
        "headline_by_period",
        {**params, "previous_start": date(2025, 10, 3), "previous_end": date(2025, 12, 31)},
        fixture_db,
    )
    tiles = {t.label: t for t in metrics.headlines(by_period)}
    assert (
        tiles["Leads"].current == 0 and tiles["Revenue won (deals won in the period)"].current == 0
    )
    assert tiles["MQL→SQL rate (handoffs of the period)"].current is None


# Random honest histories: each lead goes as far as a random stage, with random gaps.
lead_histories = st.lists(
    st.tuples(
        st.integers(0, 400),  # created, days after 2025-01-01
        st.integers(0, 6),  # last stage reached: 0 lead … 4 SQL, 5 deal open/lost, 6 won
        st.integers(0, 30),  # days between stages
        st.booleans(),  # rejected rather than accepted, when handed off and not further
        st.sampled_from(["webinar", "referral"]),
    ),
    min_size=1,
    max_size=30,
)


def history_tables(histories) -> dict[str, pd.DataFrame]:
    leads, deals = [], []
    for i, (created_day, reached, gap, rejected, channel) in enumerate(histories):
        created = datetime(2025, 1, 1) + timedelta(days=created_day)
        step = timedelta(days=gap, hours=1)
        at = [created + step * k for k in range(7)]
        lead = {
            "lead_id": f"L{i}",
            "created_at": created,
            "channel": channel,
            "campaign_id": None,
            "company": None,
            "industry": None,
            "company_size": None,
            "job_title": None,
            "seniority": None,
            "country": None,
            "score_at_handoff": None,
            "owner": "Rep" if reached >= 2 else None,
            "mql_at": at[1] if reached >= 1 else None,
            "handoff_at": at[2] if reached >= 2 else None,
            "first_response_at": at[3] if reached >= 3 else None,
            "accepted_at": at[4] if reached >= 4 or (reached == 3 and not rejected) else None,
            "rejected_at": at[4] if reached == 3 and rejected else None,
            "rejection_reason": None,
            "recycled_at": None,
        }
        leads.append(lead)
        if reached >= 5:
            won = reached == 6
            deals.append(
                {
                    "deal_id": f"D{i}",
                    "lead_id": f"L{i}",
                    "created_at": at[5],
                    "closed_at": at[6] if won or gap % 2 else None,
                    "stage": "won" if won else ("lost" if gap % 2 else "open"),
                    "amount": 1000.0 * gap,
                    "lost_reason": None,
                }
            )
    deal_columns = [
        "deal_id",
        "lead_id",
        "created_at",
        "closed_at",
        "stage",
        "amount",
        "lost_reason",
    ]
    return {"leads": pd.DataFrame(leads), "deals": pd.DataFrame(deals, columns=deal_columns)}


@settings(max_examples=30, deadline=None)
@given(histories=lead_histories)
def test_funnel_never_grows_on_any_honest_history(tmp_path_factory, histories):
    path = tmp_path_factory.mktemp("history") / "leadflow.duckdb"
    db.create_database(
        path, history_tables(histories), source="hypothesis", as_of=datetime(2026, 3, 1)
    )
    params = {
        "start": date(2025, 1, 1),
        "end": date(2026, 3, 1),
        "channels": [],
        "industries": [],
        "size_bands": [],
        "reps": [],
        "dimension": "all",
    }
    frame = db.run("funnel_counts", params, path)
    assert_funnel_holds(frame)
    assert int(frame["leads"].iloc[0]) == len(histories)
    # Leads that reached stage k or beyond, counted straight from the generated histories.
    reached = [r for _, r, _, rejected, _ in histories]
    assert int(frame["won"].iloc[0]) == sum(r == 6 for r in reached)
    assert int(frame["opportunities"].iloc[0]) == sum(r >= 5 for r in reached)
    assert int(frame["handoffs"].iloc[0]) == sum(r >= 2 for r in reached)
