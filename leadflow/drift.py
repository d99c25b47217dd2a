"""Drift alerts: the groups whose rates moved this week against their own 8-week baseline."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact

FDR = 0.05  # Benjamini–Hochberg false-discovery rate over every test of the week
MIN_TRIALS = 10  # this week and the baseline each need at least this many trials to be tested

# metric: (successes column, trials column)
METRICS: dict[str, tuple[str, str]] = {
    "sql_rate": ("accepted", "decided"),
    "rejection_rate": ("rejected", "decided"),
    "sla_compliance": ("sla_met", "sla_due"),
}

# The page that explains each metric and the query parameter naming the group (filters.py);
# campaigns have no filter there, so their alerts open the page unfiltered.
PAGES = {"sql_rate": "Conversion", "rejection_rate": "Rejections", "sla_compliance": "SLA"}
PARAMETERS = {"channel": "channel", "rep": "rep"}

COLUMNS = ["kind", "group", "metric", "this_week", "baseline", "p", "p_adjusted", "link"]


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """BH-adjusted p-values: p_(i)·m/i, made monotone from the largest down, capped at 1."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    if m == 0:
        return p
    order = np.argsort(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def link(kind: str, group: str, metric: str) -> str:
    """The app-relative address of the page explaining the alert."""
    page = "/" + PAGES[metric]
    if kind in PARAMETERS:
        return page + "?" + urlencode({PARAMETERS[kind]: group})
    return page


def tests(counts: pd.DataFrame, week: date, min_trials: int = MIN_TRIALS) -> pd.DataFrame:
    """Every test of the week: per group and metric, this week's successes/trials against the
    8 weeks before (summed), by Fisher's exact test (two-sided), with BH-adjusted p.
    `counts` is weekly_drift: kind, group, week, decided, accepted, rejected, sla_due, sla_met.
    Groups with fewer than `min_trials` trials this week or in the baseline are left out."""
    week = pd.Timestamp(week)
    weeks = pd.to_datetime(counts["week"])
    this = counts[weeks == week].groupby(["kind", "group"]).sum(numeric_only=True)
    base = counts[weeks < week].groupby(["kind", "group"]).sum(numeric_only=True)
    rows = []
    for metric, (hits, trials) in METRICS.items():
        for key in this.index.intersection(base.index):
            n1, n0 = int(this.at[key, trials]), int(base.at[key, trials])
            if n1 < min_trials or n0 < min_trials:
                continue
            k1, k0 = int(this.at[key, hits]), int(base.at[key, hits])
            p = fisher_exact([[k1, n1 - k1], [k0, n0 - k0]])[1]
            rows.append((*key, metric, k1 / n1, k0 / n0, float(p)))
    result = pd.DataFrame(rows, columns=COLUMNS[:6])
    result["p_adjusted"] = benjamini_hochberg(result["p"].to_numpy())
    result["link"] = [
        link(k, g, m) for k, g, m in zip(result["kind"], result["group"], result["metric"])
    ]
    return result


def alerts(
    counts: pd.DataFrame, week: date, fdr: float = FDR, min_trials: int = MIN_TRIALS
) -> pd.DataFrame:
    """Only the tests whose BH-adjusted p is within `fdr`, the most certain first."""
    tested = tests(counts, week, min_trials)
    return tested[tested["p_adjusted"] <= fdr].sort_values("p_adjusted").reset_index(drop=True)
