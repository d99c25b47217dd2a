"""Benchmark cases for the what-if page, each beside the naive approach in plain pandas.

benchmarks/run.py adds these to its table (`--only-whatif` runs these alone). The page's path:
touchpoints counted per lead, month and type when the data is written (lead_month_touches);
first load: the queries reading the period's leads and those counts, the replay arrays, the
replay of the current rules; a weight change as one replay of those features, a threshold move
as a lookup. Each for the default period (the last 12 months) and for the whole history.
The naive approach rescores from the touchpoints every time, in pandas: points by type, a
running total per lead, the first touchpoint at which it reaches the threshold.
Targets (issue 4): threshold move ≤ 10 ms, weight change ≤ 150 ms, first load ≤ 3 s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from leadflow import db, whatif
from leadflow.filters import Filters


def _candidate(rules: whatif.Rules) -> whatif.Rules:
    """A typical edit: ROI calculator and demo request up, newsletter and opens down."""
    points = rules.as_dict()
    for name, change in (
        ("roi_calculator", 15),
        ("demo_request", 10),
        ("newsletter_signup", -3),
        ("email_open", -1),
    ):
        key = (whatif.TOUCHPOINT, name)
        points[key] = points.get(key, 0) + change
    return whatif.Rules.of(points, rules.half_life_days)


def _fit_points(leads: pd.DataFrame, rules: whatif.Rules) -> pd.Series:
    points = rules.as_dict()
    fit = pd.Series(0.0, index=leads.index)
    for attribute, column in (
        ("industry", "industry"),
        ("company_size_band", "size_band"),
        ("seniority", "seniority"),
        ("country", "country"),
        ("job_title", "job_title"),
    ):
        table = {m: p for (t, m), p in points.items() if t == attribute}
        if table:
            fit += leads[column].map(table).fillna(0).astype(float)
    return fit


def pandas_rescore(
    touchpoints: pd.DataFrame, leads: pd.DataFrame, rules: whatif.Rules, threshold: int
) -> dict:
    """The naive what-if: rescore every touchpoint, find each lead's first crossing."""
    points = {m: p for (t, m), p in rules.as_dict().items() if t == whatif.TOUCHPOINT}
    fit = _fit_points(leads, rules).set_axis(leads["lead_id"])
    earned = touchpoints["type"].map(points).fillna(0).astype(float)
    score = earned.groupby(touchpoints["lead_id"]).cumsum() + touchpoints["lead_id"].map(fit)
    crossed = touchpoints[score.to_numpy() >= threshold]
    first = crossed.groupby("lead_id")["occurred_at"].min()
    passed = leads[leads["lead_id"].isin(first.index)]
    handed = passed["handoff_at"].notna()
    return {
        "mqls": len(first),
        "by_month": first.dt.to_period("M").value_counts().sort_index(),
        "observed": int(handed.sum()),
        "sqls": int((handed & passed["accepted_at"].notna()).sum()),
        "rejected": int((handed & passed["rejected_at"].notna()).sum()),
    }


def cases(path: Path, base: dict, leads: pd.DataFrame, deals: pd.DataFrame) -> list[tuple]:
    """(name, the page's way, the naive way) for first load, weight change, threshold move:
    for the default period (the last 12 months) and for the whole history (every lead)."""
    first_day = pd.Timestamp(db.run("data_range", {}, path)["first_lead_at"].iloc[0]).date()
    return [
        *_period_cases(path, base, leads, "what-if"),
        *_period_cases(path, {**base, "start": first_day}, leads, "what-if, whole history"),
    ]


def _period_cases(path: Path, base: dict, leads: pd.DataFrame, label: str) -> list[tuple]:
    filters = Filters(base["start"], base["end"])
    key = whatif.replay_key(filters)
    catalog = whatif.catalog(path)
    tmax = whatif.max_threshold_for(catalog.current_threshold)
    data = whatif.load_uncached(key, path)
    candidate = _candidate(catalog.current)
    scored = whatif.replay(data, candidate, tmax)
    thresholds = iter(range(10**9))

    start = pd.Timestamp(base["start"])
    end = pd.Timestamp(base["end"]) + pd.Timedelta(days=1)
    cohort = leads[(leads["created_at"] >= start) & (leads["created_at"] < end)]
    touchpoints = db.table("touchpoints", path)[["lead_id", "occurred_at", "type"]]
    touchpoints = touchpoints[touchpoints["lead_id"].isin(cohort["lead_id"])]
    print(
        f"{label} replay: {data.n_leads:,} leads, {len(data.lm_lead):,} lead-months, "
        f"{len(touchpoints):,} touchpoints"
    )

    def first_load() -> None:
        # Everything a cold page does, the rules and thresholds queries included.
        rules = whatif.Catalog.from_frames(
            db.run("whatif_rules", {}, path), db.run("whatif_thresholds", {}, path)
        )
        fresh = whatif.load_uncached(key, path, rules)
        whatif.replay(fresh, rules.current, tmax).at(rules.current_threshold)

    def naive(rules: whatif.Rules, threshold: int) -> Callable[[], dict]:
        return lambda: pandas_rescore(touchpoints, cohort, rules, threshold)

    def threshold_move() -> None:
        scored.at(catalog.current_threshold - 20 + next(thresholds) % 40)

    return [
        (
            f"{label}: first load (queries, features, replay)",
            first_load,
            lambda: (
                db.table("touchpoints", path),
                pandas_rescore(touchpoints, cohort, catalog.current, catalog.current_threshold),
            ),
        ),
        (
            f"{label}: weight change (replay a rule set)",
            lambda: whatif.replay(data, candidate, tmax),
            naive(candidate, catalog.current_threshold),
        ),
        (
            f"{label}: threshold move (lookup)",
            threshold_move,
            naive(candidate, catalog.current_threshold + 5),
        ),
    ]
