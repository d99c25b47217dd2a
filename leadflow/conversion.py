"""MQL→SQL conversion of handoffs: rates of decided handoffs, their Wilson intervals, the splits.

Counts come from queries/handoff_outcomes.sql. A handoff sales has not decided yet is neither a
success nor a failure: it is shown as its own group and left out of the rate, so the rate of a
young cohort is not dragged down by leads sales simply has not reviewed.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from leadflow import format, i18n, metrics

# DOMAIN.md: only about 20-30 % of MQLs become SQLs in a healthy process.
HEALTHY_RATE = (0.20, 0.30)

# With fewer decided handoffs than this a rate says little (100 % of 2 is not a result): it is
# still shown, with its interval, but greyed out.
MIN_DECIDED = 30

Z_95 = 1.959963984540054  # two-sided 95 % normal quantile

# Splits of handoffs: the funnel's dimensions, plus seniority and the score band at handoff.
# Labels are what the bound selectboxes write into the address.
DIMENSIONS: dict[str, str] = {
    **metrics.SEGMENT_DIMENSIONS,
    "seniority": "Seniority",
    "score_band": "Score at handoff",
}
GRAINS: dict[str, str] = {"handoff_week": "Week", "handoff_month": "Month"}
# A split by a custom lead attribute (lead_attributes) is named by this prefix and its name.
ATTRIBUTE = "attribute:"

OUTCOMES: dict[str, str] = {
    "accepted": "Accepted (SQL)",
    "rejected": "Rejected",
    "open": "Still open",
}


def wilson(hits, n, z: float = Z_95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shares hits / n with their Wilson score intervals, element by element (0 ≤ low ≤ high ≤
    1; a share of 0 trials is 0 within 0–1). The one Wilson interval: the conversion pages and
    the what-if estimates both use it.

    Unlike the normal approximation it stays inside [0, 1] and is honest for small counts:
    2 of 2 gives 34 %-100 %, not 100 %-100 %.
    """
    hits, n = np.asarray(hits, float), np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(n > 0, hits / n, 0.0)
        denominator = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    # At p = 0 or 1 the bound is exactly 0 or 1; the arithmetic would leave a rounding error.
    low = np.where((n > 0) & (hits > 0), np.clip(centre - half, 0, 1), 0.0)
    high = np.where((n > 0) & (hits < n), np.clip(centre + half, 0, 1), 1.0)
    return p, low, high


def wilson_interval(successes: float, trials: float, z: float = Z_95) -> tuple[float, float]:
    """wilson() of one share; (nan, nan) when there are no trials."""
    if not trials:
        return math.nan, math.nan
    _, low, high = wilson(successes, trials, z)
    return float(low), float(high)


def with_rates(outcomes: pd.DataFrame) -> pd.DataFrame:
    """handoff_outcomes rows with the decided count, the MQL→SQL and rejection rates of
    decided handoffs, their 95 % Wilson intervals, and whether the group is too small to judge."""
    out = outcomes.copy()
    out["decided"] = out["accepted"] + out["rejected"]
    for name, column in (("mql_to_sql", "accepted"), ("rejection", "rejected")):
        out[f"{name}_rate"] = [metrics.rate(k, n) for k, n in zip(out[column], out["decided"])]
        bounds = [wilson_interval(k, n) for k, n in zip(out[column], out["decided"])]
        out[f"{name}_low"] = [low for low, _ in bounds]
        out[f"{name}_high"] = [high for _, high in bounds]
    out["too_few"] = out["decided"] < MIN_DECIDED
    # Object columns with None would not plot; floats with nan do.
    for column in ("mql_to_sql_rate", "rejection_rate"):
        out[column] = pd.to_numeric(out[column])
    return out


def split_options(attributes: list[str]) -> dict[str, str]:
    """The splits to choose from: DIMENSIONS, then one per custom lead attribute the data has
    (labelled with its name as the file wrote it, or "name (attribute)" where that is the label
    of one of ours: the address holds the label, so no two may be alike)."""
    ours = set(DIMENSIONS.values())
    return {
        **DIMENSIONS,
        **{
            f"{ATTRIBUTE}{name}": f"{name} (attribute)" if name in ours else name
            for name in attributes
        },
    }


def totals(outcomes: pd.DataFrame) -> pd.Series:
    """All segments of handoff_outcomes added up, with the rates of the whole."""
    columns = ["handoffs", "accepted", "rejected", "still_open", "rejected_without_reason"]
    whole = outcomes[columns].sum().to_frame().T
    return with_rates(whole.astype("int64")).iloc[0]


def interval_text(low: float, high: float, lang: str = "en") -> str:
    """'18–35%', or '–' when there is no interval."""
    return format.pct_range(low, high, lang)


def _score_band_start(band: str) -> float:
    head = band.split("-")[0]
    return float(head) if head.lstrip("-").isdigit() else math.inf


def order_segments(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Time in time order, size and score bands in band order, every other split biggest
    first (by handoffs)."""
    if dimension in GRAINS:
        return frame.sort_values("segment").reset_index(drop=True)
    if dimension == "size_band":
        rank = {band: i for i, band in enumerate(metrics.SIZE_BAND_ORDER)}
        return frame.sort_values("segment", key=lambda s: s.map(rank)).reset_index(drop=True)
    if dimension == "score_band":
        return frame.sort_values("segment", key=lambda s: s.map(_score_band_start)).reset_index(
            drop=True
        )
    return frame.sort_values(["handoffs", "segment"], ascending=[False, True]).reset_index(
        drop=True
    )


def cohorts(outcomes: pd.DataFrame, grain: str, lang: str = "en") -> pd.DataFrame:
    """handoff_outcomes by 'handoff_week' or 'handoff_month', with rates, in time order, each
    cohort with its first day (`start`) and a label for people ('week of 5 Jan 2026',
    'Jan 2026')."""
    out = order_segments(with_rates(outcomes), grain)
    out["start"] = pd.to_datetime(out["segment"])
    if grain == "handoff_week":
        week_of = i18n.t("week of {day}", lang)
        out["label"] = [week_of.format(day=format.day(s.date(), lang)) for s in out["start"]]
    else:
        out["label"] = [format.month(s.date(), lang) for s in out["start"]]
    return out
