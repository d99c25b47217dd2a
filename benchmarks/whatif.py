"""Benchmark cases for the what-if page, each beside the naive approach in plain pandas.

benchmarks/run.py adds these to its table (`--only-whatif` runs these alone). The page's path:
what the first load needs per data version staged when the data is written (each lead's
segment, fit and outcome in replay_leads, its touchpoints counted per month and type in
lead_month_touches, the values the weights can take in whatif_values; leadflow.db.derived);
first load: the queries reading the period's leads and those counts, the replay arrays, the
replay of the current rules; a weight change as one replay of those features, a threshold move
as a lookup. Each for the default period (the last 12 months) and for the whole history.
The naive approach rescores from the touchpoints every time, in pandas: points by type, a
running total per lead, the first touchpoint at which it reaches the threshold.
Targets (issue 4): threshold move ≤ 10 ms, weight change ≤ 150 ms, first load ≤ 3 s.
The recommended threshold for a capacity (issue 15) is a sweep over the replay's histograms;
naively, every threshold is tried in pandas. Targets at 1 M leads: the recommendation ≤ 300 ms,
its bootstrap ≤ 3 s, the backtest ≤ 30 s. `python3 -m benchmarks.whatif --db FILE` times the
recommendation cases alone on a given file.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from leadflow import db, recommend, whatif
from leadflow.app import whatif_cache
from leadflow.app.filters import Filters


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
    key = whatif_cache.replay_key(filters)
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
        *recommendation_cases(path, key, data, touchpoints, cohort, label),
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


def pandas_recommend(
    touchpoints: pd.DataFrame,
    leads: pd.DataFrame,
    rules: whatif.Rules,
    reps: pd.DataFrame,
    won: pd.Series,
    capacity: float,
    max_threshold: int,
) -> int | None:
    """The naive recommendation: try every threshold, in pandas. Scores per touchpoint, the
    first touchpoint at which a lead reaches each threshold, handoffs per month per rep per
    week and the won revenue of the passed leads sales saw; then the same rule as the page
    (recommend.best_index; history only, no estimates)."""
    points = {m: p for (t, m), p in rules.as_dict().items() if t == whatif.TOUCHPOINT}
    fit = _fit_points(leads, rules).set_axis(leads["lead_id"])
    ordered = touchpoints.sort_values(["lead_id", "occurred_at"])
    earned = ordered["type"].map(points).fillna(0).astype(float)
    score = earned.groupby(ordered["lead_id"]).cumsum() + ordered["lead_id"].map(fit)
    best = score.groupby(ordered["lead_id"]).cummax()
    month = ordered["occurred_at"].dt.to_period("M")
    team = reps.assign(month=pd.to_datetime(reps["month"]).dt.to_period("M")).set_index("month")
    weeks = month.drop_duplicates().map(lambda m: m.days_in_month / 7)
    weeks = pd.Series(weeks.to_numpy(), index=month.drop_duplicates().to_numpy())
    handed = leads.loc[leads["handoff_at"].notna(), "lead_id"]
    revenue_of = won.reindex(handed).dropna()  # won revenue of the leads sales saw
    workload, revenue = [], []
    for threshold in range(1, max_threshold + 1):
        crossed = ordered[best.to_numpy() >= threshold]
        first = month[crossed.index].groupby(crossed["lead_id"]).min()
        per_month = first.value_counts()
        staffed = team["reps"].reindex(per_month.index)
        load = (per_month / staffed / weeks.reindex(per_month.index)).dropna()
        workload.append(load.max() if len(load) else 0.0)
        revenue.append(revenue_of.reindex(first.index).fillna(0).sum())
    best_at = int(recommend.best_index(np.array(workload), np.array(revenue), capacity))
    return best_at + 1 if best_at >= 0 else None


def recommendation_cases(
    path: Path,
    key: tuple,
    data: whatif.ReplayData,
    touchpoints: pd.DataFrame,
    cohort: pd.DataFrame,
    label: str,
) -> list[tuple]:
    """(name, the page's way, the naive way) for the recommendation, its bootstrap and the
    backtest, on the current rules at today's busiest month as the capacity."""
    catalog = data.catalog
    tmax = whatif.max_threshold_for(catalog.current_threshold)
    rules = catalog.current
    scored = whatif.replay(data, rules, tmax)
    capacity = scored.at(catalog.current_threshold).peak_handoffs_per_rep_week or 1.0
    reps = db.run("whatif_reps_by_month", {}, path)
    deals = db.table("deals", path)
    won = deals[deals["stage"] == "won"].groupby("lead_id")["amount"].sum().astype(float)
    params = dict(zip(("start", "end", "channels", "industries", "size_bands"), key[:5]))
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}

    def recommendation() -> None:
        front = recommend.frontier(scored)
        recommend.recommend(front, capacity, catalog.current_threshold)

    def bootstrap() -> None:
        best = whatif._scores(data, rules)[1]
        front = recommend.frontier(scored)
        rec = recommend.recommend(front, capacity, catalog.current_threshold)
        recommend.bootstrap(recommend.batches(scored, best), rec)

    def backtest() -> None:
        months = db.run("recommend_outcome_months", params, path)
        best = whatif._scores(data, rules)[1]
        recommend.backtest(
            recommend.history_of(data, best, months), capacity, catalog.current_threshold, tmax
        )

    return [
        (
            f"{label}: recommended threshold for a capacity (sweep)",
            recommendation,
            lambda: pandas_recommend(touchpoints, cohort, rules, reps, won, capacity, tmax),
        ),
        (f"{label}: recommendation's bootstrap (200 draws)", bootstrap, None),
        (f"{label}: backtest (12 months)", backtest, None),
    ]


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the recommendation cases on one file.")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--whole-history", action="store_true")
    args = parser.parse_args()
    info = db.run("data_range", {}, args.db).iloc[0]
    last_day = (pd.Timestamp(info["as_of"]) - pd.Timedelta(microseconds=1)).date()
    start = pd.Timestamp(info["first_lead_at"]).date() if args.whole_history else None
    start = start or last_day - pd.Timedelta(days=364)
    filters = Filters(start, last_day)
    key = whatif_cache.replay_key(filters)
    data = whatif.load_uncached(key, args.db)
    from benchmarks.run import load_frames  # run.py imports this module: here, not at the top

    leads, _ = load_frames(args.db)
    cohort = leads[
        (leads["created_at"] >= pd.Timestamp(start))
        & (leads["created_at"] < pd.Timestamp(last_day) + pd.Timedelta(days=1))
    ]
    touchpoints = db.table("touchpoints", args.db)[["lead_id", "occurred_at", "type"]]
    touchpoints = touchpoints[touchpoints["lead_id"].isin(cohort["lead_id"])]
    print(f"{data.n_leads:,} leads, {len(data.lm_lead):,} lead-months")
    for name, ours, naive in recommendation_cases(
        args.db, key, data, touchpoints, cohort, "what-if"
    ):
        ms = _median_ms(ours, args.runs)
        naive_ms = _median_ms(naive, 1) if naive else None
        print(f"{name}: {ms:,.1f} ms" + (f" (pandas {naive_ms:,.0f} ms)" if naive_ms else ""))


if __name__ == "__main__":
    main()
