"""The recommended MQL threshold for a sales capacity, its bootstrap range, and its frontier."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from leadflow import format

OBJECTIVES = {"revenue": "expected won revenue", "sqls": "expected SQLs"}
REPLICATES = 200  # bootstrap replicates
BATCHES = 200  # leads are dealt at random into this many batches for the bootstrap


@dataclass(frozen=True)
class Frontier:
    """Every threshold 1..max_threshold of one replayed rule set (index i = threshold i + 1).

    workload: the **busiest month's handoffs per rep per week**: for each month of the replay,
    the leads first reaching the threshold that month / the reps who received handoffs that
    month / the month's weeks in the replay; the largest over months (months without reps
    left out). A mean per rep, in the worst month: the replay counts by calendar month, and
    which rep a newly passed lead would go to is unknown (they have no rep yet), so neither a
    single week nor a single rep's load can be replayed honestly. It is the same figure the
    page's "Per rep per week" tile shows.
    sqls and revenue: expected, i.e. history for the passed leads sales saw plus the estimate
    for the untested ones (their score band's rates). Both only fall as the threshold rises.
    """

    thresholds: np.ndarray
    mqls: np.ndarray
    workload: np.ndarray  # nan when no month had reps
    sqls: np.ndarray
    revenue: np.ndarray
    history_sqls: np.ndarray | None = None  # the leads sales saw only, without estimates
    history_revenue: np.ndarray | None = None

    def objective(self, name: str, estimates: bool = True) -> np.ndarray:
        if not estimates and self.history_revenue is not None and self.history_sqls is not None:
            return self.history_revenue if name == "revenue" else self.history_sqls
        return self.revenue if name == "revenue" else self.sqls

    def without_estimates(self) -> Frontier:
        """History only: untested leads count for nothing, so the recommendation never lowers
        the threshold on the strength of estimates (those below every band sales saw borrow
        that band's rates, likely optimistic)."""
        if self.history_revenue is None or self.history_sqls is None:
            return self
        return Frontier(
            self.thresholds, self.mqls, self.workload, self.history_sqls, self.history_revenue
        )

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "threshold": self.thresholds,
                "mqls": self.mqls,
                "workload": self.workload,
                "sqls": self.sqls,
                "revenue": self.revenue,
            }
        )


def busiest(crossings: np.ndarray, reps: np.ndarray, month_days: np.ndarray) -> np.ndarray:
    """The busiest month's handoffs per rep per week for each column (threshold) of
    `crossings` (… × month × threshold: leads first reaching it in that month)."""
    weeks = month_days / 7
    staffed = reps > 0
    if not staffed.any():
        return np.full(crossings.shape[:-2] + crossings.shape[-1:], np.nan)
    per_rep_week = crossings[..., staffed, :] / (reps[staffed] * weeks[staffed])[:, None]
    return per_rep_week.max(axis=-2)


def weekly_capacity_default(per_week: float) -> int:
    """The weekly report's starting capacity: the 8-week average of handoffs a week rounded
    up (at least 1). Rounded down it sat below the average every time, so the report proposed
    raising the threshold on its own; the load sales already carries is the neutral start."""
    return max(1, math.ceil(per_week - 1e-9))


def frontier(scored) -> Frontier:
    """The frontier of a whatif.Scored: sweeps the histograms the replay already built."""
    d = scored.data
    t = np.arange(1, scored.max_threshold + 1)
    g = scored.groups
    untested = scored.group_untested_from[:, t]  # estimate group × threshold
    if len(g):
        per_lead_sql = g["sql_rate"].to_numpy()
        per_lead_revenue = (g["won_rate"] * g["average_won_amount"]).to_numpy()
        sql_estimate = per_lead_sql @ untested
        revenue_estimate = per_lead_revenue @ untested
    else:
        sql_estimate = revenue_estimate = np.zeros(len(t))
    return Frontier(
        thresholds=t,
        mqls=scored.leads_from[t],
        workload=busiest(scored.crossings[:, t].astype(float), d.reps, d.month_days),
        sqls=scored.sql_from[t] + sql_estimate,
        revenue=scored.revenue_from[t] + revenue_estimate,
        history_sqls=scored.sql_from[t],
        history_revenue=scored.revenue_from[t],
    )


def envelope(workload: np.ndarray) -> np.ndarray:
    """Per threshold, the busiest workload at it or at any higher threshold (nan where none is
    known). The busiest month can rise a little with the threshold (a lead crossing a higher
    threshold later lands in a busier month); judging a threshold by the envelope makes the
    thresholds that fit a capacity all those from one threshold up."""
    flipped = np.flip(workload, axis=-1)
    return np.flip(np.fmax.accumulate(flipped, axis=-1), axis=-1)


def best_index(workload: np.ndarray, value: np.ndarray, capacity: float) -> np.ndarray:
    """Per row (last axis = thresholds, ascending): the position of the recommended threshold,
    -1 where none fits. Among the thresholds whose envelope (see `envelope`) stays within
    `capacity`, those with the most `value`; of these the highest (the same revenue for fewer
    handoffs). None fits when no threshold within capacity brings any value. Capacity is
    compared unrounded: a rounded capacity would lean one way.

    `value` (expected SQLs or revenue) only falls as the threshold rises, so the thresholds
    that fit run from one threshold up, and a larger capacity never gives a higher one."""
    fits = envelope(workload) <= capacity * (1 + 1e-12)  # nan (no reps) never fits
    masked = np.where(fits, value, -np.inf)
    top = masked.max(axis=-1, keepdims=True)
    n = masked.shape[-1]
    highest = n - 1 - np.flip(masked == top, axis=-1).argmax(axis=-1)
    return np.where(top[..., 0] > 0, highest, -1)


@dataclass(frozen=True)
class Recommendation:
    capacity: float
    objective: str
    current: int
    threshold: int | None  # None: no threshold within capacity brings any value
    workload: float | None
    value: float | None  # the objective at the recommended threshold
    current_workload: float | None
    current_value: float
    estimates: bool = True  # untested leads counted at their estimate (else history only)

    @property
    def direction(self) -> str:
        """'lower', 'raise' or 'keep' the current threshold (or 'none' fits)."""
        if self.threshold is None:
            return "none"
        if self.threshold == self.current:
            return "keep"
        return "lower" if self.threshold < self.current else "raise"


def recommend(
    front: Frontier,
    capacity: float,
    current: int,
    objective: str = "revenue",
    estimates: bool = True,
) -> Recommendation:
    """The threshold with the most expected won revenue (or SQLs) whose busiest month stays
    within `capacity` handoffs per rep per week (see `best_index`): below today's when the
    capacity leaves room for leads worth something, above it when today's busiest month is
    over the capacity."""
    value = front.objective(objective, estimates)
    i = int(best_index(front.workload, value, capacity))
    c = int(np.clip(current, 1, len(front.thresholds))) - 1

    def number(x: float) -> float | None:
        return None if np.isnan(x) else float(x)

    return Recommendation(
        capacity=float(capacity),
        objective=objective,
        current=int(current),
        threshold=None if i < 0 else int(front.thresholds[i]),
        workload=None if i < 0 else number(front.workload[i]),
        value=None if i < 0 else float(value[i]),
        current_workload=number(front.workload[c]),
        current_value=float(value[c]),
        estimates=estimates,
    )


@dataclass(frozen=True)
class Batches:
    """A replay cut into batches of leads dealt at random: per batch, its share of every
    histogram a recommendation needs. Resampling batches with replacement has, for every sum,
    the variance of resampling the leads themselves (batches are random, so their sums are
    independent and alike), at the cost of B × batches instead of B × leads; with no more
    leads than BATCHES each lead is its own batch, an exact bootstrap over leads."""

    crossings: np.ndarray  # batch × month × threshold (1..tmax)
    sql_from: np.ndarray  # batch × threshold: leads sales saw
    revenue_from: np.ndarray
    group_observed: np.ndarray  # batch × estimate group: leads sales saw
    group_sqls: np.ndarray
    group_revenue: np.ndarray
    group_untested_from: np.ndarray  # batch × group × threshold
    reps: np.ndarray
    month_days: np.ndarray
    thresholds: np.ndarray
    of_lead: np.ndarray  # each lead's batch


def batches(scored, best: np.ndarray, n_batches: int = BATCHES, seed: int = 0) -> Batches:
    """Cut `scored` (a whatif.Scored) into batches; `best` is the running maximum score of each
    lead-month row under the same rules (the second array whatif._scores returns)."""
    d = scored.data
    tmax = scored.max_threshold
    width = tmax + 2
    n_months = len(d.months)
    rng = np.random.default_rng(seed)
    k = max(1, min(n_batches, d.n_leads))
    batch = (rng.permutation(d.n_leads) % k).astype(np.int64)  # each lead's batch

    # Crossings per batch, as whatif._crossings builds them for all leads: a row raising the
    # running maximum from `before` to `after` crosses every threshold in (before, after].
    after = np.clip(best, 0, tmax).astype(np.int64)
    before = np.empty_like(after)
    if len(after):
        before[0] = 0
        before[1:] = after[:-1]
        before[d.first_rows] = 0
    cell = (batch[d.lm_lead] * n_months + d.lm_month.astype(np.int64)) * width + 1
    size = k * n_months * width
    hist = np.bincount(before + cell, minlength=size) - np.bincount(after + cell, minlength=size)
    crossings = np.cumsum(hist.reshape(k, n_months, width), axis=2)[:, :, 1 : tmax + 1]

    t = np.arange(1, tmax + 1)
    bins = np.clip(scored.reached, 0, tmax).astype(np.int64)
    seen = d.seen
    scored_seen = d.seen_rows >= 0
    seen_bins = np.zeros(len(seen), dtype=np.int64)
    seen_bins[scored_seen] = bins[d.seen_rows[scored_seen]]
    seen_batch = batch[seen]

    def from_threshold(rows_batch, rows_bin, weights=None) -> np.ndarray:
        h = np.bincount(rows_batch * width + rows_bin, weights, minlength=k * width)
        return np.cumsum(h.reshape(k, width)[:, ::-1], axis=1)[:, ::-1][:, t]

    won = d.won[seen]
    sql_from = from_threshold(seen_batch, seen_bins, d.sql[seen].astype(float))
    revenue_from = from_threshold(seen_batch, seen_bins, np.where(won, d.won_amount[seen], 0.0))

    groups = scored.groups
    n_groups = len(groups)
    if n_groups:
        lows = groups["band_from"].to_numpy(float)  # descending, as whatif._estimate_groups

        def group_of(score: np.ndarray) -> np.ndarray:
            band = np.floor(score / 10) * 10
            return np.minimum(np.searchsorted(-lows, -band, side="left"), n_groups - 1)

        in_groups = seen[scored_seen]
        g_seen = group_of(scored.reached[d.seen_rows[scored_seen]])
        cells = batch[in_groups] * n_groups + g_seen

        def per_group(weights=None) -> np.ndarray:
            return np.bincount(cells, weights, minlength=k * n_groups).reshape(k, n_groups)

        group_observed = per_group()
        group_sqls = per_group(d.sql[in_groups].astype(float))
        group_revenue = per_group(np.where(d.won[in_groups], d.won_amount[in_groups], 0.0))
        untested_leads = d.with_rows[d.untested]
        g_untested = group_of(scored.reached[d.untested])
        h = np.bincount(
            (batch[untested_leads] * n_groups + g_untested) * width + bins[d.untested],
            minlength=k * n_groups * width,
        ).reshape(k, n_groups, width)
        group_untested_from = np.cumsum(h[:, :, ::-1], axis=2)[:, :, ::-1][:, :, t]
    else:
        group_observed = group_sqls = group_revenue = np.zeros((k, 0))
        group_untested_from = np.zeros((k, 0, tmax), dtype=np.int64)
    # Contiguous float32 (counts, exact below 2^24) so each replicate draw is one plain matrix
    # product; money stays float64.
    return Batches(
        crossings=np.ascontiguousarray(crossings, dtype=np.float32),
        sql_from=sql_from,
        revenue_from=revenue_from,
        group_observed=group_observed.astype(float),
        group_sqls=group_sqls,
        group_revenue=group_revenue,
        group_untested_from=np.ascontiguousarray(group_untested_from, dtype=np.float32),
        reps=np.asarray(d.reps, float),
        month_days=np.asarray(d.month_days, float),
        thresholds=t,
        of_lead=batch,
    )


def resampled(
    b: Batches, weights: np.ndarray, estimates: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Workload, expected SQLs and expected revenue at every threshold, for each row of
    `weights` (replicate × batch: how often each batch is drawn). Estimate rates are drawn
    again with the leads (the bands' edges stay those of the whole data); without
    `estimates`, history only."""
    k, n_months, n_t = b.crossings.shape
    counts = weights.astype(np.float32)
    crossings = (counts @ b.crossings.reshape(k, -1)).reshape(-1, n_months, n_t)
    workload = busiest(crossings, b.reps, b.month_days)
    observed = weights @ b.group_observed
    with np.errstate(invalid="ignore", divide="ignore"):
        sql_rate = np.where(observed > 0, (weights @ b.group_sqls) / observed, 0.0)
        revenue_rate = np.where(observed > 0, (weights @ b.group_revenue) / observed, 0.0)
    if not estimates:
        sql_rate, revenue_rate = sql_rate * 0, revenue_rate * 0
    n_groups = b.group_observed.shape[1]
    untested = (counts @ b.group_untested_from.reshape(k, -1)).reshape(-1, n_groups, n_t)
    sqls = weights @ b.sql_from + np.einsum("rg,rgt->rt", sql_rate, untested)
    revenue = weights @ b.revenue_from + np.einsum("rg,rgt->rt", revenue_rate, untested)
    return workload, sqls, revenue


@dataclass(frozen=True)
class Uncertainty:
    replicates: int
    revenue: tuple[float, float]  # 95 % range at the recommended threshold
    sqls: tuple[float, float]
    workload: tuple[float, float]
    same_share: float  # share of replicates recommending the same threshold
    thresholds: tuple[int, int]  # 95 % range of the threshold the replicates recommend

    @property
    def change_share(self) -> float:
        """How often the recommendation would change on another draw of the leads."""
        return 1 - self.same_share


def bootstrap(
    b: Batches,
    rec: Recommendation,
    replicates: int = REPLICATES,
    seed: int = 1,
    progress: Callable[[float], None] | None = None,
) -> Uncertainty | None:
    """Resample the batches `replicates` times: the 95 % range of revenue, SQLs and workload at
    the recommended threshold, and how often the recommended threshold itself would differ
    (a replicate where no threshold fits counts as different). None when nothing fits."""
    if rec.threshold is None:
        return None
    k = b.crossings.shape[0]
    rng = np.random.default_rng(seed)
    i = rec.threshold - 1
    chunks = np.array_split(np.arange(replicates), min(10, replicates))
    picked, revenue, sqls, workload = [], [], [], []
    for n, chunk in enumerate(chunks):
        weights = rng.multinomial(k, np.full(k, 1 / k), size=len(chunk)).astype(float)
        w, s, r = resampled(b, weights, rec.estimates)
        value = r if rec.objective == "revenue" else s
        picked.append(best_index(w, value, rec.capacity))
        revenue.append(r[:, i])
        sqls.append(s[:, i])
        workload.append(w[:, i])
        if progress:
            progress((n + 1) / len(chunks))
    chosen = np.concatenate(picked)
    thresholds = np.where(chosen >= 0, chosen + 1, b.thresholds[-1] + 1)

    def middle(values: list[np.ndarray]) -> tuple[float, float]:
        low, high = np.nanpercentile(np.concatenate(values), [2.5, 97.5])
        return float(low), float(high)

    low_t, high_t = np.percentile(thresholds, [2.5, 97.5])
    return Uncertainty(
        replicates=replicates,
        revenue=middle(revenue),
        sqls=middle(sqls),
        workload=middle(workload),
        same_share=float((thresholds == rec.threshold).mean()),
        thresholds=(int(np.floor(low_t)), int(np.ceil(high_t))),
    )


MIN_OBSERVED = 30  # as whatif.MIN_OBSERVED: leads sales saw a score band needs on its own
BAND_WIDTH = 10


@dataclass(frozen=True)
class History:
    """What a backtest reads, one replayed rule set: the lead-month rows' running maximum score
    (`best`, sorted by lead then month, as whatif._scores returns it), and per lead the month
    index (from the replay's first month; -1: never) in which sales received it, accepted it
    and won its deal, with the deal's amount. Sales's reps and each month's days as in the
    replay."""

    best: np.ndarray
    lm_lead: np.ndarray
    lm_month: np.ndarray
    handoff_month: np.ndarray
    sql_month: np.ndarray
    won_month: np.ndarray
    won_amount: np.ndarray
    reps: np.ndarray
    month_days: np.ndarray

    @property
    def n_leads(self) -> int:
        return len(self.handoff_month)

    @property
    def n_months(self) -> int:
        return len(self.reps)


def _known(month: np.ndarray, before: int) -> np.ndarray:
    return (month >= 0) & (month < before)


def reached_before(h: History, month: int) -> np.ndarray:
    """Each lead's highest score from its touchpoints before `month` (-inf: none yet). Rows
    are sorted by lead then month and `best` only rises within a lead, so it is `best` at each
    lead's last row before `month`."""
    rows = np.flatnonzero(h.lm_month < month)
    lead = h.lm_lead[rows]
    last = np.r_[lead[1:] != lead[:-1], True] if len(rows) else np.zeros(0, bool)
    score = np.full(h.n_leads, -np.inf)
    score[lead[last]] = h.best[rows[last]]
    return score


def crossings_before(h: History, month: int, tmax: int) -> np.ndarray:
    """Month × threshold (0..tmax+1) counts of leads first reaching a threshold, from the rows
    before `month` only (as whatif._crossings, for all leads)."""
    width = tmax + 2
    rows = h.lm_month < month
    after = np.clip(h.best, 0, tmax).astype(np.int64)
    before = np.zeros_like(after)
    if len(after):
        before[1:] = after[:-1]
        first = np.r_[True, h.lm_lead[1:] != h.lm_lead[:-1]]
        before[first] = 0
    cell = h.lm_month[rows].astype(np.int64) * width + 1
    size = max(month, 1) * width
    hist = np.bincount(before[rows] + cell, minlength=size) - np.bincount(
        after[rows] + cell, minlength=size
    )
    return np.cumsum(hist.reshape(-1, width), axis=1)[:month]


def band_rates(
    seen_score: np.ndarray, seen_value: np.ndarray, other_score: np.ndarray, min_observed: int
) -> np.ndarray:
    """For each lead of `other_score`, the mean `seen_value` of the leads sales saw in its
    10-point score band, bands pooled from the top down until each has `min_observed` (as the
    replay's estimates); 0 when sales saw nobody."""
    if len(seen_score) == 0 or len(other_score) == 0:
        return np.zeros(len(other_score))
    seen_band = np.floor(np.maximum(seen_score, 0) / BAND_WIDTH).astype(np.int64)
    other_band = np.floor(np.maximum(other_score, 0) / BAND_WIDTH).astype(np.int64)
    size = int(max(seen_band.max(), other_band.max())) + 1
    count = np.bincount(seen_band, minlength=size)
    total = np.bincount(seen_band, seen_value, minlength=size)
    group = np.zeros(size, dtype=np.int64)  # each band's group, counted from the top
    g, held = 0, 0
    for band in range(size - 1, -1, -1):
        if held >= min_observed:
            g, held = g + 1, 0
        group[band] = g
        held += count[band]
    if held < min_observed and g > 0:
        group[group == g] = g - 1  # a short remainder at the bottom joins the group above
    n = np.bincount(group, count, minlength=g + 1)
    s = np.bincount(group, total, minlength=g + 1)
    rate = np.divide(s, n, out=np.zeros_like(s), where=n > 0)
    return rate[group[other_band]]


def frontier_before(
    h: History, month: int, tmax: int, min_observed: int = MIN_OBSERVED
) -> Frontier:
    """The frontier as it could have been drawn at the start of `month`: touchpoints, handoffs,
    acceptances and wins before it only; a lead handed off later counts as untested, one
    decided later as not accepted yet."""
    t = np.arange(1, tmax + 1)
    score = reached_before(h, month)
    bins = np.clip(np.where(np.isfinite(score), score, 0), 0, tmax).astype(np.int64)
    seen = _known(h.handoff_month, month)
    sql = _known(h.sql_month, month)
    revenue = np.where(_known(h.won_month, month), h.won_amount, 0.0)

    def from_threshold(mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        w = None if weights is None else weights[mask]
        hist = np.bincount(bins[mask], w, minlength=tmax + 1)
        return np.cumsum(hist[::-1])[::-1][t] if len(t) else hist[t]

    scored = np.isfinite(score)
    untested = scored & ~seen
    seen_scored = seen & scored
    sql_rate = band_rates(score[seen_scored], sql[seen_scored], score[untested], min_observed)
    revenue_rate = band_rates(
        score[seen_scored], revenue[seen_scored], score[untested], min_observed
    )
    u_bins = bins[untested]

    def estimate(rate: np.ndarray) -> np.ndarray:
        hist = np.bincount(u_bins, rate, minlength=tmax + 1)
        return np.cumsum(hist[::-1])[::-1][t]

    crossings = crossings_before(h, month, tmax)[:, t].astype(float)
    history_sqls = from_threshold(seen_scored, sql.astype(float))
    history_revenue = from_threshold(seen_scored, revenue)
    return Frontier(
        thresholds=t,
        mqls=from_threshold(scored),
        workload=busiest(crossings, h.reps[:month], h.month_days[:month]),
        sqls=history_sqls + estimate(sql_rate),
        revenue=history_revenue + estimate(revenue_rate),
        history_sqls=history_sqls,
        history_revenue=history_revenue,
    )


def first_crossing_month(h: History, threshold: int) -> np.ndarray:
    """Per lead, the month its score first reaches `threshold` (-1: never), all data."""
    month = np.full(h.n_leads, -1, dtype=np.int64)
    rows = np.flatnonzero(h.best >= threshold)
    lead = h.lm_lead[rows]
    first = np.r_[True, lead[1:] != lead[:-1]] if len(rows) else np.zeros(0, bool)
    month[lead[first]] = h.lm_month[rows[first]]
    return month


def realised(h: History, passed_month: np.ndarray, start: int, months: int) -> dict:
    """What the leads passed in months start..start+months-1 (per lead: the month it passed,
    -1 never) brought in the end: the busiest month's handoffs per rep per week, and among
    those sales saw, the SQLs and won revenue (history); the rest untested."""
    window = (passed_month >= start) & (passed_month < start + months)
    per_month = np.bincount(passed_month[window] - start, minlength=months).astype(float)
    workload = busiest(per_month[:, None], h.reps[start:][:months], h.month_days[start:][:months])
    seen = window & (h.handoff_month >= 0)
    return {
        "workload": float(workload[0]),
        "passed": int(window.sum()),
        "untested": int((window & ~seen).sum()),
        "sqls": int((seen & (h.sql_month >= 0)).sum()),
        "revenue": float(h.won_amount[seen & (h.won_month >= 0)].sum()),
    }


def backtest(
    h: History,
    capacity: float,
    current: int,
    tmax: int,
    objective: str = "revenue",
    points: int = 12,
    horizon: int = 3,
    min_observed: int = MIN_OBSERVED,
    progress: Callable[[float], None] | None = None,
    estimates: bool = True,
    min_history: int = 3,
) -> pd.DataFrame:
    """For each of the last `points` months with `horizon` months after it and `min_history`
    before it (the replay's leads are those created in the period, so its first months know
    too little to recommend anything):
    the threshold recommended from the data before that month, and what the leads it passes in
    the following `horizon` months brought (the replay), beside what the handoffs sales really
    received in those months brought (the threshold in force)."""
    last = h.n_months - horizon
    starts = list(range(max(1, min_history, last - points + 1), last + 1))
    rows = []
    for n, month in enumerate(starts):
        front = frontier_before(h, month, tmax, min_observed)
        rec = recommend(front, capacity, current, objective, estimates)
        row = {"month": month, "recommended": rec.threshold, "direction": rec.direction}
        if rec.threshold is not None:
            then = realised(h, first_crossing_month(h, rec.threshold), month, horizon)
            row.update({f"recommended_{k}": v for k, v in then.items()})
        actual = realised(h, h.handoff_month, month, horizon)
        row.update({f"in_force_{k}": v for k, v in actual.items()})
        rows.append(row)
        if progress:
            progress((n + 1) / len(starts))
    return pd.DataFrame(rows)


def history_of(data, best: np.ndarray, months: Mapping[str, Any]) -> History:
    """A History from a whatif.ReplayData, the running maxima of a replay of it
    (whatif._scores), and recommend_outcome_months' columns for the same leads."""

    def column(name: str) -> np.ndarray:
        values = months[name]
        return np.asarray(getattr(values, "to_numpy", lambda: values)(), dtype=np.int64)

    return History(
        best=np.asarray(best, float),
        lm_lead=data.lm_lead,
        lm_month=data.lm_month,
        handoff_month=column("handoff_month"),
        sql_month=np.where(data.sql, column("sql_month"), -1),
        won_month=np.where(data.won, column("won_month"), -1),
        won_amount=np.where(data.won, data.won_amount, 0.0),
        reps=np.asarray(data.reps, float),
        month_days=np.asarray(data.month_days, float),
    )


def forward_holdout(handoff_month: np.ndarray, share: float = 0.3) -> np.ndarray:
    """One flag per lead: handed off in the latest months that together hold at least `share`
    of the handoffs (whole months, so no month is split between fitting and testing). A model
    fitted on the others and tested on these is tested forward in time, as it will be used."""
    month = np.asarray(handoff_month, np.int64)
    handed = month >= 0
    if not handed.any():
        return np.zeros(len(month), bool)
    per_month = np.bincount(month[handed])
    from_the_end = np.cumsum(per_month[::-1])[::-1]  # handoffs in each month and after
    reaching = np.flatnonzero(from_the_end >= share * handed.sum())
    cutoff = int(reaching[-1])  # the latest month from which on at least `share` lies
    return handed & (month >= cutoff)


# The recommendation in words, as the what-if page shows it.


NO_REPS = {
    "en": "No sales rep received handoffs in the period, so there is no workload per rep to "
    "hold against a capacity: no threshold can be recommended.",
    "pl": "Żaden handlowiec nie otrzymał przekazań w tym okresie, więc nie ma obciążenia na "
    "handlowca do porównania z możliwościami: nie da się zalecić progu.",
}


def describe(rec: Recommendation, lang: str = "en") -> str:
    """The recommended threshold with its busiest month and expected value against today's."""
    value = format.pln if rec.objective == "revenue" else (lambda v: f"{v:,.1f} SQLs")
    now_load = "–" if rec.current_workload is None else f"{rec.current_workload:,.2f}"
    if rec.threshold is None and rec.current_workload is None:
        return NO_REPS[lang]
    if lang == "pl" and (rec.threshold is None or rec.workload is None or rec.value is None):
        return (
            "Żaden próg nie utrzymuje najbardziej obciążonego miesiąca w granicach "
            f"{format.number(rec.capacity, lang, 1)} przekazań na handlowca tygodniowo, "
            f"przepuszczając leady o jakiejkolwiek wartości; dzisiejszy próg {rec.current} daje "
            f"{_load(rec.current_workload, lang)}."
        )
    if rec.threshold is None or rec.workload is None or rec.value is None:
        return (
            f"No threshold keeps the busiest month within {rec.capacity:,.1f} handoffs per rep "
            f"per week and still passes leads worth anything; today's {rec.current} means "
            f"{now_load}."
        )
    if lang == "pl":
        return _describe_pl(rec)
    verb = {"lower": "Lower the threshold to", "raise": "Raise the threshold to"}.get(
        rec.direction, "Keep the threshold at"
    )
    return (
        f"**{verb} {rec.threshold}** (today {rec.current}): the busiest month would bring "
        f"{rec.workload:,.2f} handoffs per rep per week (today {now_load}; capacity "
        f"{rec.capacity:,.1f}) and {value(rec.value)} expected (today "
        f"{value(rec.current_value)})."
    )


def _load(workload: float | None, lang: str) -> str:
    return "–" if workload is None else format.number(workload, lang, 2)


def _value_pl(rec: Recommendation, value: float | None) -> str:
    if rec.objective == "revenue":
        return format.pln(value, "pl")
    return f"{format.number(value, 'pl', 1)} SQL"


def _describe_pl(rec: Recommendation) -> str:
    verb = {"lower": "Obniż próg do", "raise": "Podnieś próg do"}.get(
        rec.direction, "Zostaw próg na"
    )
    return (
        f"**{verb} {rec.threshold}** (dziś {rec.current}): najbardziej obciążony miesiąc "
        f"przyniósłby {_load(rec.workload, 'pl')} przekazania na handlowca tygodniowo (dziś "
        f"{_load(rec.current_workload, 'pl')}; możliwości {format.number(rec.capacity, 'pl', 1)})"
        f" i oczekiwane {_value_pl(rec, rec.value)} (dziś {_value_pl(rec, rec.current_value)})."
    )


def describe_spread(rec: Recommendation, spread: Uncertainty, top: int, lang: str = "en") -> str:
    """The bootstrap's 95 % ranges at the recommended threshold; `top` is the highest
    threshold of the replay (a range reaching past it: no threshold fits)."""
    low_t, high_t = spread.thresholds
    if lang == "pl":
        span = f"{low_t}–{high_t}" if high_t <= top else f"{low_t} lub żaden"
        sqls = f"{format.number(spread.sqls[0], lang, 1)}–{format.number(spread.sqls[1], lang, 1)}"
        load = (
            f"{format.number(spread.workload[0], lang, 2)}–"
            f"{format.number(spread.workload[1], lang, 2)}"
        )
        revenue = (
            f"od {format.pln(spread.revenue[0], lang)} do {format.pln(spread.revenue[1], lang)} "
            "oczekiwanego przychodu z wygranych, "
            if rec.objective == "revenue"
            else ""
        )
        return (
            f"Bootstrap po leadach ({spread.replicates} losowań): przy progu {rec.threshold} "
            f"przedział 95%: {revenue}{sqls} SQL, {load} przekazania na handlowca tygodniowo. "
            "Inne losowanie leadów zaleciłoby inny próg w "
            f"{format.pct(spread.change_share, lang=lang)} przypadków (95% losowań: {span})."
        )
    span = f"{low_t}–{high_t}" if high_t <= top else f"{low_t} or none"
    if rec.objective == "revenue":
        return (
            f"Bootstrap over leads ({spread.replicates} draws): at {rec.threshold}, 95% range "
            f"{format.pln(spread.revenue[0])} to {format.pln(spread.revenue[1])} expected won "
            f"revenue, {spread.sqls[0]:,.1f}–{spread.sqls[1]:,.1f} SQLs, "
            f"{spread.workload[0]:,.2f}–{spread.workload[1]:,.2f} handoffs per rep per week. "
            f"Another draw of the leads would recommend a different threshold "
            f"{format.pct(spread.change_share)} of the time (95% of draws: {span})."
        )
    return (
        f"Bootstrap over leads ({spread.replicates} draws): at {rec.threshold}, 95% range "
        f"{spread.sqls[0]:,.1f}–{spread.sqls[1]:,.1f} SQLs, "
        f"{spread.workload[0]:,.2f}–{spread.workload[1]:,.2f} handoffs per rep per week; a "
        f"different threshold {format.pct(spread.change_share)} of the time (95%: {span})."
    )


def backtest_table(result: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    """backtest()'s rows for people: the month by name ('2026-03' for each month index of
    `months`), the threshold as text ('none fits'), then each measure for both sides."""
    shown = pd.DataFrame({"month": [months[m] for m in result["month"]]})
    shown["recommended"] = [
        "none fits" if pd.isna(t) else str(int(t)) for t in result["recommended"].astype(object)
    ]
    for side in ("recommended", "in_force"):
        for measure in ("workload", "sqls", "revenue", "untested"):
            column = f"{side}_{measure}"
            shown[column] = result.get(column)
    return shown
