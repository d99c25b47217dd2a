"""Rejection reasons: the Pareto of reasons, their trend, the reason × source matrix, recycling.

Counts come from queries/rejections_by_reason.sql and recycled_outcomes.sql; rejection rates by
segment are the complement of the MQL→SQL rate of decided handoffs (leadflow.conversion).
"""

from __future__ import annotations

import pandas as pd

# The reason of a rejection sales gave none for (as the queries name it); a disqualification
# before handoff without a reason gets the same words (queries/disqualified_by_reason.sql).
NO_REASON = "(no reason given)"
OTHER = "other reasons"

# Splits of the rejection rate the issue asks for; the labels go into the address.
DIMENSIONS: dict[str, str] = {
    "channel": "Channel",
    "campaign": "Campaign",
    "industry": "Industry",
    "size_band": "Company size",
    "score_band": "Score at handoff",
    "seniority": "Seniority",
    "rep": "Sales rep",
    "lead_status": "Lead status",
}
SOURCES: dict[str, str] = {"channel": "Channel", "campaign": "Campaign"}

SINCE_RECYCLING: dict[str, str] = {
    "buying_signal_since": "Buying signal since",
    "active_without_buying_signal": "Active again, no buying signal",
    "no_activity_since": "No activity since",
}


def pareto(by_reason: pd.DataFrame) -> pd.DataFrame:
    """Reasons, most frequent first, with their share of all rejections and the cumulative
    share (the Pareto line). Expects rejections_by_reason with dimension 'all'."""
    counts = by_reason.groupby("reason", as_index=False)[["rejections", "recycled"]].sum()
    counts = counts.sort_values(["rejections", "reason"], ascending=[False, True])
    total = counts["rejections"].sum()
    counts["share"] = counts["rejections"] / total if total else 0.0
    counts["cumulative_share"] = counts["share"].cumsum()
    return counts.reset_index(drop=True)


def top_reasons(by_reason: pd.DataFrame, n: int) -> list[str]:
    """The n most frequent reasons; rejections without a reason are always among them."""
    ranked = pareto(by_reason)["reason"].tolist()
    top = ranked[:n]
    if NO_REASON in ranked and NO_REASON not in top:
        top = ranked[: n - 1] + [NO_REASON]
    return top


def trend(by_week: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    """Rejections per week and reason, reasons outside `keep` summed as 'other reasons'.
    Expects rejections_by_reason with dimension 'handoff_week'."""
    out = by_week.assign(
        reason=by_week["reason"].where(by_week["reason"].isin(keep), OTHER),
        week=pd.to_datetime(by_week["segment"]),
    )
    return out.groupby(["week", "reason"], as_index=False)["rejections"].sum()


def matrix(
    by_source: pd.DataFrame, reasons: list[str], max_rows: int | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reason × source matrix: rejections per source (rows, most rejections first) and
    reason (columns, in `reasons` order), and each cell's share of its source's rejections.
    Beyond `max_rows` sources the rest are added up in one row, 'N other sources'."""
    counts = by_source.pivot_table(
        index="segment", columns="reason", values="rejections", aggfunc="sum", fill_value=0
    )
    counts = counts.reindex(columns=[r for r in reasons if r in counts.columns], fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index]
    if max_rows is not None and len(counts) > max_rows:
        rest = counts.iloc[max_rows - 1 :]
        counts = pd.concat(
            [counts.iloc[: max_rows - 1], rest.sum().to_frame(f"{len(rest)} other sources").T]
        )
    shares = counts.div(counts.sum(axis=1).where(lambda s: s > 0), axis=0)
    return counts, shares


def recycled_totals(outcomes: pd.DataFrame) -> pd.Series:
    """recycled_outcomes added up over every reason."""
    return outcomes.drop(columns="reason").sum()


def count_behind(by_source: pd.DataFrame, reason: str | None, source: str | None) -> int:
    """Rejections of rejections_by_reason rows for one reason and one source (None: all)."""
    keep = pd.Series(True, index=by_source.index)
    if reason is not None:
        keep &= by_source["reason"] == reason
    if source is not None:
        keep &= by_source["segment"] == source
    return int(by_source.loc[keep, "rejections"].sum())


_SINCE_ORDER = {"buying signal since": 0, "active again, no buying signal": 1}


def comeback_first(recycled_leads: pd.DataFrame) -> pd.DataFrame:
    """Recycled leads with a buying signal first, then active ones, then silent ones; latest
    rejection first within each."""
    rank = recycled_leads["since_recycling"].map(_SINCE_ORDER).fillna(2)
    return (
        recycled_leads.assign(_rank=rank)
        .sort_values(["_rank", "decided_at"], ascending=[True, False])
        .drop(columns="_rank")
        .reset_index(drop=True)
    )
