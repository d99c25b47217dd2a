"""The curve's headline operations in polars, the other dataframe library people reach for.

Each computes what the page's query computes, from DataFrames already in memory, written the
way a polars user would (lazy where it helps, no hand tuning), so benchmarks/curve.py can set
it beside DuckDB and plain pandas. Only benchmarks use polars: it is not the app's dependency.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from leadflow import whatif
from leadflow.db import publishing

NO_REASON = "(no reason given)"


def frames(path: Path, names: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    """Whole tables as polars DataFrames, straight from the database file through Arrow (not
    through pandas, so the peak memory measured is polars' own)."""
    con = publishing.connect(path, read_only=True)
    try:
        out = {name: con.table(name).pl() for name in names}
    finally:
        con.close()
    if "leads" in out:
        size = pl.col("company_size")
        out["leads"] = out["leads"].with_columns(
            size_band=pl.when(size.is_null() | (size <= 0))
            .then(pl.lit("unknown"))
            .when(size <= 9)
            .then(pl.lit("1-9"))
            .when(size <= 49)
            .then(pl.lit("10-49"))
            .when(size <= 249)
            .then(pl.lit("50-249"))
            .when(size <= 999)
            .then(pl.lit("250-999"))
            .otherwise(pl.lit("1000+"))
        )
    return out


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())


def _within(column: str, lo: datetime, hi: datetime) -> pl.Expr:
    return (pl.col(column) >= lo) & (pl.col(column) < hi)


def _segment(leads: pl.DataFrame, p: dict) -> pl.DataFrame:
    keep = pl.lit(True)
    for column, values in (
        ("channel", p["channels"]),
        ("industry", p["industries"]),
        ("size_band", p["size_bands"]),
        ("owner", p["reps"]),
    ):
        if values:
            keep &= pl.col(column).is_in(values)
    return leads.filter(keep)


def headline(leads, deals, p, previous_start, previous_end) -> dict:
    seg = _segment(leads, p)
    out = {}
    for name, first, last in (
        ("current", p["start"], p["end"]),
        ("previous", previous_start, previous_end),
    ):
        lo, hi = _bounds(first, last)
        handed = _within("handoff_at", lo, hi)
        counts = seg.select(
            leads=_within("created_at", lo, hi).sum(),
            mqls=_within("mql_at", lo, hi).sum(),
            sqls=_within("accepted_at", lo, hi).sum(),
            handoffs=handed.sum(),
            handoffs_accepted=(handed & pl.col("accepted_at").is_not_null()).sum(),
        ).row(0, named=True)
        won = deals.filter((pl.col("stage") == "won") & _within("closed_at", lo, hi)).join(
            seg.select("lead_id"), on="lead_id", how="semi"
        )
        out[name] = {**counts, "won_deals": won.height, "revenue": won["amount"].sum()}
    return out


def _deal_outcomes(deals: pl.DataFrame) -> pl.DataFrame:
    won = pl.col("stage") == "won"
    return (
        deals.group_by("lead_id")
        .agg(
            opportunity_at=pl.col("created_at").min(),
            all_lost=(pl.col("stage") == "lost").all(),
            last_closed=pl.col("closed_at").max(),
            won_at=pl.col("closed_at").filter(won).min(),
            won_amount=pl.col("amount").filter(won).sum(),
        )
        .with_columns(lost_at=pl.when(pl.col("all_lost")).then(pl.col("last_closed")))
    )


def _cohort(leads: pl.DataFrame, deals: pl.DataFrame, p: dict) -> pl.DataFrame:
    lo, hi = _bounds(p["start"], p["end"])
    cohort = _segment(leads, p).filter(_within("created_at", lo, hi))
    out = cohort.join(_deal_outcomes(deals), on="lead_id", how="left")
    is_opportunity = pl.col("opportunity_at").is_not_null()
    is_sql = is_opportunity | pl.col("accepted_at").is_not_null()
    is_handoff = is_sql | pl.col("handoff_at").is_not_null()
    return out.with_columns(
        is_opportunity=is_opportunity,
        is_sql=is_sql,
        is_handoff=is_handoff,
        is_mql=is_handoff | pl.col("mql_at").is_not_null(),
    )


def funnel_counts(leads, deals, p, dimension: str) -> pl.DataFrame:
    cohort = _cohort(leads, deals, p)
    segment = {
        "all": pl.lit("all leads"),
        "channel": pl.col("channel"),
        "rep": pl.col("owner").fill_null("(not handed off)"),
    }[dimension]
    return cohort.group_by(segment.alias("segment")).agg(
        leads=pl.len(),
        mqls=pl.col("is_mql").sum(),
        handoffs=pl.col("is_handoff").sum(),
        sqls=pl.col("is_sql").sum(),
        opportunities=pl.col("is_opportunity").sum(),
        won=pl.col("won_at").is_not_null().sum(),
        lost=pl.col("lost_at").is_not_null().sum(),
        revenue=pl.col("won_amount").sum(),
    )


def leads_at_stage(leads, deals, p, stage: str, limit: int) -> pl.DataFrame:
    cohort = _cohort(leads, deals, p).filter(pl.col(f"is_{stage}"))
    return cohort.sort(["created_at", "lead_id"], descending=[True, False]).head(limit)


def handoffs(leads: pl.DataFrame, deals: pl.DataFrame, p: dict) -> pl.DataFrame:
    """Leads handed off in the period with their outcome (benchmarks/meeting.py's _handoffs)."""
    lo, hi = _bounds(p["start"], p["end"])
    opened = deals.group_by("lead_id").agg(opportunity_at=pl.col("created_at").min())
    out = _segment(leads, p).filter(_within("handoff_at", lo, hi))
    out = out.join(opened, on="lead_id", how="left")
    accepted = pl.col("accepted_at").is_not_null() | pl.col("opportunity_at").is_not_null()
    rejected = ~accepted & pl.col("rejected_at").is_not_null()
    return out.with_columns(
        outcome=pl.when(accepted)
        .then(pl.lit("accepted"))
        .when(rejected)
        .then(pl.lit("rejected"))
        .otherwise(pl.lit("open")),
        decided_at=pl.when(accepted).then(pl.col("accepted_at")).otherwise(pl.col("rejected_at")),
    )


def _week(column: str) -> pl.Expr:
    return pl.col(column).dt.truncate("1w")  # weeks start on Monday, as W-SUN periods do


def outcomes_by_week(handed: pl.DataFrame) -> pl.DataFrame:
    outcome = pl.col("outcome")
    return handed.group_by(_week("handoff_at").alias("week")).agg(
        accepted=(outcome == "accepted").sum(),
        open=(outcome == "open").sum(),
        rejected=(outcome == "rejected").sum(),
        rejected_without_reason=(
            (outcome == "rejected") & pl.col("rejection_reason").is_null()
        ).sum(),
    )


def rejections_by(handed: pl.DataFrame, by: str | None) -> pl.DataFrame:
    rejected = handed.filter(pl.col("outcome") == "rejected")
    keys = [pl.col("rejection_reason").fill_null(NO_REASON)]
    if by == "week":
        keys.insert(0, _week("handoff_at").alias("week"))
    elif by:
        keys.insert(0, pl.col(by))
    return rejected.group_by(keys).len()


def _clock(policy: pd.Series, holidays: pd.Series, first: datetime, last: datetime):
    """Per day: working seconds, and working seconds of every day before it."""
    days = pd.date_range(pd.Timestamp(first).normalize(), pd.Timestamp(last).normalize())
    workdays = [int(d) for d in str(policy["workdays"]).split(",")]
    start = pd.Timedelta(str(policy["workday_start"])).total_seconds()
    length = (pd.Timedelta(str(policy["workday_end"])).total_seconds()) - start
    working = np.isin(days.dayofweek + 1, workdays) & ~days.isin(pd.to_datetime(holidays))
    seconds = np.where(working, length, 0.0)
    before = np.concatenate([[0.0], np.cumsum(seconds)[:-1]])
    clock = pl.DataFrame({"day": days.to_numpy(), "seconds": seconds, "before": before})
    return clock.with_columns(pl.col("day").cast(pl.Datetime("us"))), start


def _seconds_until(frame: pl.DataFrame, column: str, clock: pl.DataFrame, start: float):
    """Working seconds from the calendar's first day until each row's `column`."""
    day = pl.col(column).dt.truncate("1d")
    into = ((pl.col(column) - day).dt.total_seconds() - start).clip(lower_bound=0)
    joined = frame.select(day.alias("day"), into.alias("into")).join(
        clock, on="day", how="left", maintain_order="left"
    )
    return joined.select(pl.col("before") + pl.min_horizontal("into", "seconds")).to_series()


def sla_by_rep(handed: pl.DataFrame, policy: pd.Series, holidays: pd.Series, as_of: datetime):
    responded = pl.coalesce(
        "first_response_at", "accepted_at", "rejected_at", "opportunity_at"
    ).alias("responded_at")
    out = handed.with_columns(responded)
    last = max(out["responded_at"].max() or as_of, as_of)
    clock, start = _clock(policy, holidays, out["handoff_at"].min(), last)
    at_handoff = _seconds_until(out, "handoff_at", clock, start)
    at_response = _seconds_until(out, "responded_at", clock, start)
    as_of_frame = pl.DataFrame({"at": [as_of]}).with_columns(pl.col("at").cast(pl.Datetime("us")))
    at_as_of = _seconds_until(as_of_frame, "at", clock, start)[0]
    hours = float(policy["response_hours"])
    answered = pl.col("responded_at").is_not_null()
    out = out.with_columns(
        business_hours=pl.when(answered)
        .then((at_response - at_handoff).clip(lower_bound=0))
        .otherwise((at_as_of - at_handoff).clip(lower_bound=0))
        / 3600,
        clock_hours=(
            pl.col("responded_at").fill_null(as_of) - pl.col("handoff_at")
        ).dt.total_seconds()
        / 3600,
    )
    late = pl.col("business_hours") > hours
    out = out.with_columns(
        answered_within_sla=answered & ~late,
        answered_late=answered & late,
        sla_breach=late,
        sla_due=~(~answered & ~late),
        overdue_business_hours=pl.when(late).then(pl.col("business_hours") - hours),
    )
    is_answered = pl.col("answered_within_sla") | pl.col("answered_late")
    rejected = pl.col("outcome") == "rejected"
    summary = [
        pl.len().alias("handoffs"),
        pl.col("sla_due").sum(),
        pl.col("answered_within_sla").sum(),
        pl.col("sla_breach").sum().alias("sla_breaches"),
        pl.col("business_hours").filter(is_answered).median().alias("median_business_hours"),
        pl.col("clock_hours").filter(is_answered).median().alias("median_clock_hours"),
        pl.col("overdue_business_hours").median(),
        rejected.sum().alias("rejections"),
        (rejected & pl.col("rejection_reason").is_null()).sum().alias("without_reason"),
    ]
    per_rep = out.group_by("owner").agg(summary)
    everyone = out.select(summary).with_columns(owner=pl.lit("(all reps)"))
    return pl.concat([per_rep, everyone.select(per_rep.columns)], how="vertical_relaxed")


# The what-if page's naive peer (benchmarks/whatif.py's pandas_rescore), in polars.

_FIT_COLUMNS = (
    ("industry", "industry"),
    ("company_size_band", "size_band"),
    ("seniority", "seniority"),
    ("country", "country"),
    ("job_title", "job_title"),
)


def rescore(touchpoints: pl.DataFrame, leads: pl.DataFrame, rules, threshold: int) -> dict:
    """Rescore every touchpoint, find each lead's first crossing of `threshold`. The
    touchpoints are in the database's order (by lead, then time), as the running total needs."""
    points = rules.as_dict()
    earned = {m: float(p) for (t, m), p in points.items() if t == whatif.TOUCHPOINT}
    fit = pl.lit(0.0)
    for attribute, column in _FIT_COLUMNS:
        table = {m: float(p) for (t, m), p in points.items() if t == attribute}
        if table:
            fit += pl.col(column).replace_strict(table, default=0.0, return_dtype=pl.Float64)
    fits = leads.select("lead_id", fit.alias("fit"))
    scored = touchpoints.with_columns(
        earned=pl.col("type").replace_strict(earned, default=0.0, return_dtype=pl.Float64)
    ).join(fits, on="lead_id", how="left", maintain_order="left")
    crossed = scored.filter(pl.col("earned").cum_sum().over("lead_id") + pl.col("fit") >= threshold)
    first = crossed.group_by("lead_id").agg(pl.col("occurred_at").min())
    passed = leads.join(first, on="lead_id", how="semi")
    handed = pl.col("handoff_at").is_not_null()
    counts = passed.select(
        observed=handed.sum(),
        sqls=(handed & pl.col("accepted_at").is_not_null()).sum(),
        rejected=(handed & pl.col("rejected_at").is_not_null()).sum(),
    ).row(0, named=True)
    by_month = first.group_by(pl.col("occurred_at").dt.truncate("1mo")).len()
    return {"mqls": first.height, "by_month": by_month, **counts}
