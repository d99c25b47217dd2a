"""Benchmark cases for the conversion, SLA and rejection pages, each beside plain pandas.

benchmarks/run.py adds these to its table. The pandas versions compute the same answers from
DataFrames already in memory, as someone would without a database: business hours from a
day-by-day calendar with cumulative working seconds, per-lead touchpoint activity with isin and
groupby. They assume one sla_policy version, as the demo data has.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from leadflow import db

BUYING_SIGNALS = ["demo_request", "contact_form", "pricing_page_visit", "roi_calculator"]
NO_REASON = "(no reason given)"


def _handoffs(leads: pd.DataFrame, deals: pd.DataFrame, p: dict) -> pd.DataFrame:
    """Leads handed off in the period, through the shared filters, with their outcome."""
    keep = pd.Series(True, index=leads.index)
    for column, values in (
        ("channel", p["channels"]),
        ("industry", p["industries"]),
        ("size_band", p["size_bands"]),
        ("owner", p["reps"]),
    ):
        if values:
            keep &= leads[column].isin(values)
    start = pd.Timestamp(p["start"])
    end = pd.Timestamp(p["end"]) + pd.Timedelta(days=1)
    keep &= (leads["handoff_at"] >= start) & (leads["handoff_at"] < end)
    out = leads[keep].copy()
    opened = deals.groupby("lead_id")["created_at"].min()
    out["opportunity_at"] = out["lead_id"].map(opened)
    accepted = out["accepted_at"].notna() | out["opportunity_at"].notna()
    rejected = ~accepted & out["rejected_at"].notna()
    out["outcome"] = np.select([accepted, rejected], ["accepted", "rejected"], "open")
    out["decided_at"] = out["accepted_at"].where(accepted, out["rejected_at"])
    return out


def _clock(policy: pd.Series, holidays: pd.Series, first: pd.Timestamp, last: pd.Timestamp):
    """Per day: working seconds and working seconds of every day before it."""
    days = pd.date_range(first.normalize(), last.normalize(), freq="D")
    workdays = [int(d) for d in str(policy["workdays"]).split(",")]
    start = pd.Timedelta(str(policy["workday_start"]))
    length = (pd.Timedelta(str(policy["workday_end"])) - start).total_seconds()
    working = np.isin(days.dayofweek + 1, workdays) & ~days.isin(pd.to_datetime(holidays))
    seconds = np.where(working, length, 0.0)
    before = np.concatenate([[0.0], np.cumsum(seconds)[:-1]])
    return pd.DataFrame({"seconds": seconds, "before": before}, index=days), start


def _seconds_until(moments: pd.Series, clock: pd.DataFrame, start: pd.Timedelta) -> np.ndarray:
    day = moments.dt.normalize()
    row = clock.reindex(day)
    into = ((moments - day) - start).dt.total_seconds().clip(lower=0).to_numpy()
    return row["before"].to_numpy() + np.minimum(into, row["seconds"].to_numpy())


def _sla(handed: pd.DataFrame, policy: pd.Series, holidays: pd.Series, as_of: pd.Timestamp):
    out = handed.copy()
    responded = out["first_response_at"].fillna(out["accepted_at"]).fillna(out["rejected_at"])
    out["responded_at"] = responded.fillna(out["opportunity_at"])
    clock, start = _clock(
        policy, holidays, out["handoff_at"].min(), max(out["responded_at"].max(), as_of)
    )
    at_handoff = _seconds_until(out["handoff_at"], clock, start)
    at_response = _seconds_until(out["responded_at"], clock, start)
    at_as_of = _seconds_until(pd.Series(as_of, index=out.index), clock, start)
    answered = out["responded_at"].notna().to_numpy()
    out["business_hours"] = (
        np.where(
            answered, np.maximum(at_response - at_handoff, 0), np.maximum(at_as_of - at_handoff, 0)
        )
        / 3600
    )
    out["clock_hours"] = (out["responded_at"].fillna(as_of) - out["handoff_at"]).dt.total_seconds()
    out["clock_hours"] /= 3600
    hours = float(policy["response_hours"])
    late = out["business_hours"] > hours
    out["answered_within_sla"] = answered & ~late
    out["answered_late"] = answered & late
    out["waiting_past_sla"] = ~answered & late
    out["waiting_within_sla"] = ~answered & ~late
    out["sla_breach"] = late
    out["sla_due"] = ~out["waiting_within_sla"]
    out["overdue_business_hours"] = (out["business_hours"] - hours).where(late)
    return out


def _by_rep(timed: pd.DataFrame) -> pd.DataFrame:
    def summary(frame: pd.DataFrame) -> dict:
        answered = frame["answered_within_sla"] | frame["answered_late"]
        rejected = frame["outcome"] == "rejected"
        return {
            "handoffs": len(frame),
            "sla_due": int(frame["sla_due"].sum()),
            "answered_within_sla": int(frame["answered_within_sla"].sum()),
            "sla_breaches": int(frame["sla_breach"].sum()),
            "median_response_business_hours": frame.loc[answered, "business_hours"].median(),
            "median_response_clock_hours": frame.loc[answered, "clock_hours"].median(),
            "median_overdue_business_hours": frame["overdue_business_hours"].median(),
            "rejections": int(rejected.sum()),
            "rejections_without_reason": int((rejected & frame["rejection_reason"].isna()).sum()),
        }

    rows = {rep: summary(part) for rep, part in timed.groupby("owner")}
    rows["(all reps)"] = summary(timed)
    return pd.DataFrame.from_dict(rows, orient="index")


def _by_rep_week(timed: pd.DataFrame) -> pd.DataFrame:
    timed = timed.assign(week=timed["handoff_at"].dt.to_period("W-SUN").dt.start_time)
    columns = ["sla_due", "answered_within_sla", "sla_breach"]
    per_rep = timed.groupby(["week", "owner"])[columns].sum()
    per_week = timed.groupby("week")[columns].sum()
    return pd.concat([per_rep.reset_index(), per_week.reset_index()])


def _outcomes_by_week(handed: pd.DataFrame) -> pd.DataFrame:
    week = handed["handoff_at"].dt.to_period("W-SUN").dt.start_time
    table = pd.crosstab(week, handed["outcome"])
    without = (handed["outcome"] == "rejected") & handed["rejection_reason"].isna()
    table["rejected_without_reason"] = without.groupby(week).sum()
    return table


def _decision_time(handed: pd.DataFrame) -> pd.DataFrame:
    decided = handed[handed["decided_at"].notna()]
    hours = (decided["decided_at"] - decided["handoff_at"]).dt.total_seconds() / 3600
    quantiles = [0.25, 0.5, 0.75, 0.9]
    per_outcome = hours.groupby(decided["outcome"]).quantile(quantiles).unstack()
    per_outcome.loc["all decided"] = hours.quantile(quantiles).to_numpy()
    return per_outcome


def _decision_histogram(handed: pd.DataFrame) -> pd.DataFrame:
    decided = handed[handed["decided_at"].notna()]
    hours = (decided["decided_at"] - decided["handoff_at"]).dt.total_seconds() / 3600
    bucket = pd.cut(hours, [0, 4, 8, 24, 48, 72, 168, 336, np.inf], right=False)
    return pd.crosstab(bucket, decided["outcome"])


def _outcomes_by(handed: pd.DataFrame, column: str) -> pd.DataFrame:
    return pd.crosstab(handed[column].fillna("(none)"), handed["outcome"])


def _rejections_by(handed: pd.DataFrame, by: str | None) -> pd.Series:
    """Rejections per reason, and per week of handoff or channel when `by` says so."""
    rejected = handed[handed["outcome"] == "rejected"]
    reason = rejected["rejection_reason"].fillna(NO_REASON)
    if by is None:
        return rejected.groupby(reason).size()
    segment = (
        rejected["handoff_at"].dt.to_period("W-SUN").dt.start_time if by == "week" else rejected[by]
    )
    return rejected.groupby([segment, reason]).size()


def _activity(picked: pd.DataFrame, touchpoints: pd.DataFrame) -> pd.DataFrame:
    mine = touchpoints[touchpoints["lead_id"].isin(picked["lead_id"])]
    mine = mine.merge(picked[["lead_id", "handoff_at", "decided_at", "recycled_at"]], on="lead_id")
    since = mine["occurred_at"] > mine["recycled_at"]
    flags = pd.DataFrame(
        {
            "lead_id": mine["lead_id"],
            "before_handoff": mine["occurred_at"] <= mine["handoff_at"],
            "after_decision": mine["occurred_at"] > mine["decided_at"],
            "since_recycling": since,
            "signals_since": since & mine["type"].isin(BUYING_SIGNALS),
        }
    )
    return flags.groupby("lead_id").agg(
        before_handoff=("before_handoff", "sum"),
        after_decision=("after_decision", "sum"),
        since_recycling=("since_recycling", "sum"),
        signals_since=("signals_since", "sum"),
    )


def _rejected_leads(handed: pd.DataFrame, touchpoints: pd.DataFrame, limit: int):
    rejected = handed[handed["outcome"] == "rejected"]
    picked = rejected.sort_values(["decided_at", "lead_id"], ascending=[False, True]).head(limit)
    return picked.join(_activity(picked, touchpoints), on="lead_id")


def _recycled_outcomes(handed: pd.DataFrame, touchpoints: pd.DataFrame) -> pd.DataFrame:
    rejected = handed[handed["outcome"] == "rejected"]
    recycled = rejected[rejected["recycled_at"].notna()]
    activity = _activity(recycled, touchpoints)
    out = rejected[["lead_id", "rejection_reason", "recycled_at"]].join(activity, on="lead_id")
    out["reason"] = out["rejection_reason"].fillna(NO_REASON)
    return out.groupby("reason").agg(
        rejected=("lead_id", "size"),
        recycled=("recycled_at", "count"),
        buying_signal_since=("signals_since", lambda s: int((s > 0).sum())),
    )


def _lead_history(leads: pd.DataFrame, touchpoints: pd.DataFrame, lead_id: str):
    lead = leads[leads["lead_id"] == lead_id].iloc[0]
    events = touchpoints.loc[touchpoints["lead_id"] == lead_id, ["occurred_at", "type"]]
    steps = [(lead[c], c) for c in ("created_at", "mql_at", "handoff_at", "first_response_at")]
    steps = pd.DataFrame(steps, columns=["occurred_at", "type"]).dropna()
    return pd.concat([events, steps]).sort_values("occurred_at")


def cases(
    path: Path, base: dict, leads: pd.DataFrame, deals: pd.DataFrame
) -> list[tuple[str, Callable[[], object], Callable[[], object] | None]]:
    """(name, DuckDB run, pandas run) for every query behind the three meeting pages."""
    touchpoints = db.table("touchpoints", path)[["lead_id", "occurred_at", "type"]]
    policy = db.table("sla_policy", path).sort_values("valid_from").iloc[-1]
    holidays = db.table("public_holidays", path)["day"]
    as_of = pd.Timestamp(db.run("data_range", {}, path)["as_of"].iloc[0])
    some_lead = leads.loc[leads["handoff_at"].notna(), "lead_id"].iloc[-1]

    def handed() -> pd.DataFrame:
        return _handoffs(leads, deals, base)

    def timed() -> pd.DataFrame:
        return _sla(handed(), policy, holidays, as_of)

    def run(name: str, **params) -> Callable[[], object]:
        return lambda: db.run(name, {**base, **params}, path)

    drill = {"reason": None, "dimension": "all", "segment": None, "recycled_only": False}
    histogram = {"measure": "business", "bucket_hours": 1.0, "cap_hours": 24.0}
    return [
        (
            "handoff_outcomes by week (conversion)",
            run("handoff_outcomes", dimension="handoff_week"),
            lambda: _outcomes_by_week(handed()),
        ),
        (
            "handoff_outcomes by campaign",
            run("handoff_outcomes", dimension="campaign"),
            lambda: _outcomes_by(handed(), "campaign_id"),
        ),
        ("decision_time", run("decision_time"), lambda: _decision_time(handed())),
        (
            "decision_time_histogram",
            run("decision_time_histogram"),
            lambda: _decision_histogram(handed()),
        ),
        ("sla_policy (SLA)", lambda: db.run("sla_policy", {}, path), None),
        ("sla_by_rep", run("sla_by_rep"), lambda: _by_rep(timed())),
        ("sla_by_rep_week", run("sla_by_rep_week"), lambda: _by_rep_week(timed())),
        (
            "sla_response_histogram",
            run("sla_response_histogram", **histogram),
            lambda: timed()["business_hours"].floordiv(1).clip(upper=24).value_counts(),
        ),
        (
            "sla_breaches (newest 1,000)",
            run("sla_breaches", rep=None, row_limit=1000),
            lambda: (
                timed()
                .query("sla_breach")
                .sort_values(["handoff_at", "lead_id"], ascending=[False, True])
                .head(1000)
            ),
        ),
        (
            "sla_waiting",
            run("sla_waiting", row_limit=1000),
            lambda: (
                timed()
                .query("answered_within_sla == False and answered_late == False")
                .sort_values("business_hours", ascending=False)
                .head(1000)
            ),
        ),
        (
            "lead_history (one lead)",
            lambda: db.run("lead_history", {"lead_id": some_lead}, path),
            lambda: _lead_history(leads, touchpoints, some_lead),
        ),
        (
            "rejections_by_reason (Pareto)",
            run("rejections_by_reason", dimension="all"),
            lambda: _rejections_by(handed(), None),
        ),
        (
            "rejections_by_reason by week",
            run("rejections_by_reason", dimension="handoff_week"),
            lambda: _rejections_by(handed(), "week"),
        ),
        (
            "rejections_by_reason by channel",
            run("rejections_by_reason", dimension="channel"),
            lambda: _rejections_by(handed(), "channel"),
        ),
        (
            "handoff_leads (rejected, newest 1,000)",
            run("handoff_leads", outcome="rejected", row_limit=1000, **drill),
            lambda: _rejected_leads(handed(), touchpoints, 1000),
        ),
        (
            "recycled_outcomes",
            run("recycled_outcomes"),
            lambda: _recycled_outcomes(handed(), touchpoints),
        ),
    ]
