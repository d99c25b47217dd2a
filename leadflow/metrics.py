"""The funnel's metrics, computed from query results: conversion rates, deltas, cohort maturity.

Counts come from queries/*.sql; the arithmetic on them lives here, once, so the funnel page,
the landing page and later the KPI table divide the same numbers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from leadflow import metric_definitions

# Funnel stages in order: key (as in leads_at_stage.sql), label shown to people and written in
# the URL by the bound stage picker, count column of funnel_counts.sql.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("lead", "Leads", "leads"),
    ("mql", "MQL", "mqls"),
    ("handoff", "Handed off", "handoffs"),
    ("sql", "SQL", "sqls"),
    ("opportunity", "Opportunity", "opportunities"),
    ("won", "Won", "won"),
)
LOST = ("lost", "Lost", "lost")
STAGE_LABELS = {key: label for key, label, _ in (*STAGES, LOST)}
STAGE_COLUMNS = {key: column for key, _, column in (*STAGES, LOST)}

# A cohort is still maturing while its leads are younger than this: stages after the handoff
# (acceptance, deal, close) mostly happen within it, so younger cohorts will still grow.
MATURING_DAYS = 90

SEGMENT_DIMENSIONS: dict[str, str] = {
    "channel": "Channel",
    "campaign": "Campaign",
    "industry": "Industry",
    "size_band": "Company size",
    "rep": "Sales rep",
    "lead_status": "Lead status",
}

SIZE_BAND_ORDER = ("1-9", "10-49", "50-249", "250-999", "1000+", "unknown")


def rate(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when there is nothing to divide by."""
    return None if not denominator else numerator / denominator


def mql_to_sql_rate(accepted: float, rejected: float) -> float | None:
    """Accepted / (accepted + rejected), over handoffs sales has decided. A handoff still
    awaiting a decision is neither a success nor a failure: it is shown beside the rate."""
    return rate(accepted, accepted + rejected)


def win_rate(won: float, lost: float) -> float | None:
    """DOMAIN.md: won / (won + lost); open deals are not decided yet."""
    return rate(won, won + lost)


def funnel_stages(counts: pd.Series) -> pd.DataFrame:
    """One row per stage with its count, the share of the stage before it and of all leads."""
    rows = []
    previous = None
    for key, label, column in STAGES:
        n = int(counts[column])
        rows.append(
            {
                "stage": key,
                "label": label,
                "leads": n,
                "step_conversion": None if previous is None else rate(n, previous),
                "cumulative_conversion": rate(n, int(counts["leads"])),
            }
        )
        previous = n
    return pd.DataFrame(rows)


def with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """funnel_counts rows with the rates the split and cohort tables show."""
    out = counts.copy()
    out["mql_rate"] = [rate(m, n) for m, n in zip(out["mqls"], out["leads"])]
    out["mql_to_sql_rate"] = [mql_to_sql_rate(s, r) for s, r in zip(out["sqls"], out["rejected"])]
    out["win_rate"] = [win_rate(w, lo) for w, lo in zip(out["won"], out["lost"])]
    return out


def cohort_maturing(month: str, as_of: datetime) -> bool:
    """True while the youngest leads of the 'YYYY-MM' cohort are under MATURING_DAYS old."""
    first = datetime.strptime(month, "%Y-%m")
    next_month = (first + timedelta(days=32)).replace(day=1)
    return next_month + timedelta(days=MATURING_DAYS) > as_of


def order_segments(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Size bands in size order; every other split biggest first."""
    if dimension == "size_band":
        rank = {band: i for i, band in enumerate(SIZE_BAND_ORDER)}
        return frame.sort_values("segment", key=lambda s: s.map(rank)).reset_index(drop=True)
    return frame.sort_values(["leads", "segment"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class Headline:
    label: str
    current: float | None
    previous: float | None
    kind: str  # "count", "pct" or "pln": how to show it
    key: str = ""  # its key in leadflow.metric_definitions, where its words are

    @property
    def change(self) -> float | None:
        """Against the previous period: relative for counts and amounts, in percentage points
        for rates (a rate going from 20% to 25% is +5 points, not +25%). None when unknown."""
        if self.current is None or self.previous is None:
            return None
        if self.kind == "pct":
            return (self.current - self.previous) * 100
        if self.previous == 0:
            return None
        return self.current / self.previous - 1


# The landing page's tiles, in order: registry keys and their column in headline_by_period.sql.
HEADLINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("leads", "leads"),
    ("mqls", "mqls"),
    ("sqls", "sqls"),
    ("won_deals", "won_deals"),
    ("revenue_won", "revenue"),
)


def headlines(by_period: pd.DataFrame) -> list[Headline]:
    """The landing page's tiles from headline_by_period.sql, labelled by the registry."""
    rows = by_period.set_index("period")
    cur, prev = rows.loc["current"], rows.loc["previous"]

    def tile(key: str, current: float | None, previous: float | None) -> Headline:
        metric = metric_definitions.get(key)
        return Headline(metric.title(), current, previous, metric.unit, key)

    return [
        *(tile(key, float(cur[col]), float(prev[col])) for key, col in HEADLINE_COLUMNS),
        tile(
            "mql_to_sql_rate",
            mql_to_sql_rate(cur["handoffs_accepted"], cur["handoffs_rejected"]),
            mql_to_sql_rate(prev["handoffs_accepted"], prev["handoffs_rejected"]),
        ),
    ]


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length that ends the day before `start`."""
    length = end - start + timedelta(days=1)
    return start - length, start - timedelta(days=1)
