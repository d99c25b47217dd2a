"""The what-if simulator's arithmetic: replay history under other scoring rules and thresholds.

A lead's score is its fit points plus the points of its touchpoints so far, checked at each
touchpoint; it becomes an MQL the first time the score reaches the threshold. The replay works
on features read once per data version and filter set (ReplayData: touchpoint counts per lead,
calendar month and type, counted when the data was written: lead_month_touches), so a rule set
costs one weighted sum and a running total per lead (replay → Scored), and a threshold is a
lookup in histograms over integer scores (Scored.at).

Months are the replay's unit of time: a lead's score is summed month by month, so the month in
which it first reaches a threshold is exact (with decay, touchpoints age by whole months).
Outcomes are history only for leads sales saw; leads a rule set passes that were never handed
off are "untested", and what they might have brought is an Estimate, never a count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadflow import db, format
from leadflow.conversion import wilson
from leadflow.metrics import SIZE_BAND_ORDER
from leadflow.rejections import NO_REASON
from leadflow.team_settings import DEFAULT_THRESHOLD

# Fit attributes a rule can match, with their column in whatif_leads and the query parameter
# that lists their values.
FIT_ATTRIBUTES: dict[str, tuple[str, str]] = {
    "industry": ("industry", "industry_values"),
    "company_size_band": ("size_band", "size_band_values"),
    "seniority": ("seniority", "seniority_values"),
    "country": ("country", "country_values"),
    "job_title": ("job_title", "job_title_values"),
}
TOUCHPOINT = "touchpoint"
DAYS_PER_MONTH = 365.25 / 12
BAND_WIDTH = 10  # score bands for estimates: 50-59, 60-69, ...
MIN_OBSERVED = 30  # handoffs a score band needs before its rates stand on their own


@dataclass(frozen=True)
class Rules:
    """Points for touchpoint types and fit values, and the decay half-life: one rule set.

    points holds (rule_type, match, points) for every value with non-zero points; anything
    else scores 0. Hashable, so it can key a cache.
    """

    points: tuple[tuple[str, str, int], ...]
    half_life_days: int | None = None

    @classmethod
    def of(cls, points: Mapping[tuple[str, str], float], half_life_days: int | None = None):
        kept = tuple(sorted((t, m, int(round(p))) for (t, m), p in points.items() if round(p)))
        return cls(kept, int(half_life_days) if half_life_days else None)

    def as_dict(self) -> dict[tuple[str, str], int]:
        return {(t, m): p for t, m, p in self.points}

    def get(self, rule_type: str, match: str) -> int:
        return self.as_dict().get((rule_type, match), 0)


@dataclass(frozen=True)
class Catalog:
    """What can be weighted: touchpoint types and fit values, and the rules in effect now."""

    types: tuple[str, ...]
    attributes: dict[str, tuple[str, ...]]  # fit attributes that have rules → their values
    current: Rules
    current_threshold: int
    has_rule: frozenset[tuple[str, str]]

    @classmethod
    def from_frames(cls, rules: pd.DataFrame, thresholds: pd.DataFrame) -> Catalog:
        """From whatif_rules and whatif_thresholds."""
        types = tuple(rules.loc[rules["rule_type"] == TOUCHPOINT, "match"])
        attributes = {
            a: tuple(rules.loc[rules["rule_type"] == a, "match"])
            for a in FIT_ATTRIBUTES
            if (rules["rule_type"] == a).any()
        }
        with_rule = rules[rules["points"].notna()]
        points = {(r.rule_type, r.match): float(r.points) for r in with_rule.itertuples()}
        if len(thresholds) == 0:  # none set: the threshold a new database starts with
            threshold, half_life = DEFAULT_THRESHOLD, None
        else:
            in_effect = thresholds[thresholds["in_effect_by_data_date"]]
            latest = (in_effect if len(in_effect) else thresholds).iloc[-1]
            threshold, half_life = int(latest["mql_threshold"]), latest["decay_half_life_days"]
        return cls(
            types=types,
            attributes=attributes,
            current=Rules.of(
                points, None if half_life is None or pd.isna(half_life) else int(half_life)
            ),
            current_threshold=threshold,
            has_rule=frozenset(points),
        )

    def value_lists(self) -> dict[str, list[str]]:
        """The $*_values parameters of whatif_leads: each attribute's values, in order."""
        return {param: list(self.attributes.get(a, ())) for a, (_, param) in FIT_ATTRIBUTES.items()}

    def rules(self) -> list[tuple[str, str]]:
        """Every (rule_type, match) that can carry points: touchpoints first, then fit."""
        out = [(TOUCHPOINT, t) for t in self.types]
        for attribute, values in self.attributes.items():
            out += [(attribute, v) for v in values]
        return out

    def shown(self) -> dict[str, list[tuple[str, str]]]:
        """The weights as a page lists them: touchpoints, then each fit attribute, company
        sizes from the smallest."""
        out = {TOUCHPOINT: [(TOUCHPOINT, t) for t in self.types]}
        for attribute, values in self.attributes.items():
            if attribute == "company_size_band":
                order = {band: i for i, band in enumerate(SIZE_BAND_ORDER)}
                values = tuple(sorted(values, key=lambda v: order.get(v, len(order))))
            out[attribute] = [(attribute, v) for v in values]
        return out


@dataclass(frozen=True, eq=False)
class ReplayData:
    """The leads of one replay (one filter set), with their touchpoints per calendar month.

    Built once per data version and filter set; read-only afterwards (shared between sessions).
    Lead arrays have one entry per lead, in whatif_leads order. Lead-month rows (lm_*) are the
    months in which a lead had touchpoints, sorted by lead then month; counts[r, k] is the number
    of touchpoints of type k in row r.
    """

    catalog: Catalog
    months: tuple[date, ...]  # first day of each month of the replay
    month_days: np.ndarray  # days of each month that lie in the replay window
    reps: np.ndarray  # sales reps who received handoffs, per month
    recorded_mql_month: np.ndarray  # -1: no MQL recorded
    handed: np.ndarray  # bool: sales saw the lead (observed outcome)
    sql: np.ndarray
    rejected: np.ndarray
    reason: np.ndarray  # index into reasons, -1 when not rejected
    reasons: tuple[str, ...]
    won: np.ndarray
    lost: np.ndarray
    won_amount: np.ndarray
    marketing_cost: float
    fit_codes: dict[str, np.ndarray]  # attribute → 1-based value position, 0 for none
    lm_lead: np.ndarray  # int32
    lm_month: np.ndarray  # int16
    counts: np.ndarray  # float32, lead-months × touchpoint types
    # Per row: its month, plus len(months) when sales never saw its lead (the two layers of
    # the crossing histograms, untested leads apart).
    lm_layer: np.ndarray
    with_rows: np.ndarray  # leads that have touchpoints, and their first and last rows
    first_rows: np.ndarray
    last_rows: np.ndarray
    # The most touchpoints in one lead-month row and in one lead: whether a weighted sum is
    # exact in float32, and whether a lead's score fits in int32.
    most_in_a_row: float
    most_in_a_lead: float
    # Whether sales' decisions are in the data: a lead with a handoff date or a rejection. An
    # export with only a converted flag has neither (its converted leads are handed off only
    # by implication): then every lead counts as seen (`handed`), its outcome won or not, and
    # the suggested weights fit won deals over every lead.
    has_handoffs: bool = True

    @property
    def n_leads(self) -> int:
        return len(self.handed)

    @classmethod
    def build(
        cls,
        catalog: Catalog,
        leads: Mapping[str, Any],
        touchpoints: Mapping[str, Any],
        reps_by_month: pd.DataFrame,
        start: date,
        last_day: date,
    ) -> ReplayData:
        """From whatif_leads, whatif_touchpoints and whatif_reps_by_month for one filter set.

        `leads` and `touchpoints` hold a query's columns (db.run_arrays' arrays, or a
        DataFrame), touchpoint rows in any order. `start` is
        the first day of the period, `last_day` the last day the data covers: the replay runs
        from the month of `start` to the month of `last_day`.
        """
        months = _months(start, last_day)
        n_months = len(months)
        month_days = np.array(
            [
                (min(_next_month(m) - timedelta(days=1), last_day) - max(m, start)).days + 1
                for m in months
            ],
            dtype=float,
        )
        team = {pd.Timestamp(r.month).date(): int(r.reps) for r in reps_by_month.itertuples()}
        reps = np.array([team.get(m, 0) for m in months], dtype=float)

        handed = _array(leads["is_handoff"], bool)
        n = len(handed)
        recorded = "has_handoff_record" in leads
        has_handoffs = bool(_array(leads["has_handoff_record"], bool).any()) if recorded else True
        if not has_handoffs:
            # Without sales' decisions in the data a lead's outcome is whether it was won,
            # known for every lead: none is untested, and nothing is estimated.
            handed = np.ones(n, dtype=bool)
        rejected = _array(leads["is_rejected"], bool)
        # Reasons of the rejected leads only: a few Python strings, not one per lead.
        given = _array(leads["rejection_reason"], object, None)[rejected]
        codes, names = pd.factorize(np.where(pd.isna(given), NO_REASON, given), sort=True)
        reason = np.full(n, -1, dtype=np.int64)
        reason[rejected] = codes
        fit_codes = {a: _array(leads[col], np.int16) for a, (col, _) in FIT_ATTRIBUTES.items()}

        lead = _array(touchpoints["lead_index"], np.int32)
        month = _array(touchpoints["month_index"], np.int16)
        kind = _array(touchpoints["type_index"], np.int16, -1)  # -1: a type not in the catalog
        number = _array(touchpoints["touchpoints"], np.int64)
        if len(lead) and (month.min() < 0 or month.max() >= n_months or kind.min() < 0):
            keep = (month >= 0) & (month < n_months) & (kind >= 0)
            lead, month, kind, number = lead[keep], month[keep], kind[keep], number[keep]
        # The rows in the order of the replay, by lead then month. whatif_touchpoints leaves
        # the order to DuckDB, whose join gives it back all but a few dozen times in 6 M rows:
        # checking and, where needed, a stable sort of nearly sorted keys cost a fraction of
        # an ORDER BY.
        key = lead.astype(np.int64) * 2**16 + month
        if len(key) > 1 and not (key[1:] >= key[:-1]).all():
            order = np.argsort(key, kind="stable")
            lead, month, kind, number, key = (a[order] for a in (lead, month, kind, number, key))
        # A lead without touchpoints is scored once, by its fit alone, in the month it was
        # created: an empty row of its own, put in order (an export with no touchpoints at all
        # is scored by fit only).
        touched = np.zeros(n, dtype=bool)
        touched[lead] = True
        untouched = np.flatnonzero(~touched)
        if len(untouched):
            created = _array(leads["created_month"], np.int64) if "created_month" in leads else 0
            created_month = np.clip(np.broadcast_to(created, (n,))[untouched], 0, n_months - 1)
            extra = untouched.astype(np.int64) * 2**16 + created_month
            at = np.searchsorted(key, extra)
            lead = np.insert(lead, at, untouched.astype(lead.dtype))
            month = np.insert(month, at, created_month.astype(month.dtype))
            kind = np.insert(kind, at, 0)  # with 0 touchpoints: only the row counts
            number = np.insert(number, at, 0)
            key = np.insert(key, at, extra)
        new = np.ones(len(lead), dtype=bool)  # a new lead-month starts where the key changes
        if len(lead) > 1:
            np.not_equal(key[1:], key[:-1], out=new[1:])
        row_starts = np.flatnonzero(new)
        n_rows = len(row_starts)
        row = new.astype(np.int64)
        np.cumsum(row, out=row)
        row -= 1
        row *= len(catalog.types)
        row += kind
        counts = np.zeros((n_rows, len(catalog.types)), dtype=np.float32)
        if len(catalog.types):  # with no types there are no touchpoints, only empty rows
            counts.reshape(-1)[row] = number  # a flat scatter: faster than counts[row, kind]
        lm_lead = lead[row_starts]
        lm_month = month[row_starts]
        first_rows = np.flatnonzero(np.r_[True, lm_lead[1:] != lm_lead[:-1]][:n_rows])
        with_rows = lm_lead[first_rows]
        last_rows = np.r_[first_rows[1:], n_rows][: len(first_rows)] - 1
        lm_layer = lm_month.astype(np.int32)
        lm_layer[~handed[lm_lead]] += n_months
        # Touchpoints per row and per lead: differences of their running total.
        so_far = np.cumsum(number)
        row_ends = np.r_[row_starts[1:], len(lead)][:n_rows] - 1
        in_a_row = np.diff(so_far[row_ends], prepend=0)
        in_a_lead = np.diff(so_far[row_ends[last_rows]], prepend=0)

        data = cls(
            catalog=catalog,
            months=tuple(months),
            month_days=month_days,
            reps=reps,
            recorded_mql_month=_array(leads["recorded_mql_month"], np.int64, -1),
            handed=handed,
            sql=_array(leads["is_sql"], bool),
            rejected=rejected,
            reason=reason,
            reasons=tuple(names),
            won=_array(leads["is_won"], bool),
            lost=_array(leads["is_lost"], bool),
            won_amount=_array(leads["won_amount"], float),
            marketing_cost=float(_array(leads["marketing_cost"], float).sum()),
            fit_codes=fit_codes,
            lm_lead=lm_lead,
            lm_month=lm_month,
            counts=counts,
            lm_layer=lm_layer,
            with_rows=with_rows,
            first_rows=first_rows,
            last_rows=last_rows,
            most_in_a_row=float(in_a_row.max(initial=0)),
            most_in_a_lead=float(in_a_lead.max(initial=0)),
            has_handoffs=has_handoffs,
        )
        for value in vars(data).values():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
        return data

    @cached_property
    def seen(self) -> np.ndarray:
        """The leads sales saw (outcome known)."""
        return _frozen(np.flatnonzero(self.handed))

    @cached_property
    def seen_rows(self) -> np.ndarray:
        """For each lead sales saw, its position in with_rows (-1: it has no touchpoints)."""
        position = np.full(self.n_leads, -1, dtype=np.int64)
        position[self.with_rows] = np.arange(len(self.with_rows))
        return _frozen(position[self.seen])

    @cached_property
    def untested(self) -> np.ndarray:
        """Positions in with_rows of the leads sales never saw: they are untested if passed."""
        return _frozen(np.flatnonzero(~self.handed[self.with_rows]))

    def cells(self, width: int) -> np.ndarray:
        """Each row's first cell in a crossings histogram `width` thresholds wide (its layer ×
        width + 1), kept for the last width asked for: every replay of a page uses the same."""
        known = self.__dict__.get("_cells")
        if known is None or known[0] != width:
            known = (width, _frozen(self.lm_layer.astype(np.int64) * width + 1))
            self.__dict__["_cells"] = known  # a cache beside the frozen fields
        return known[1]

    @cached_property
    def by_position(self) -> tuple[np.ndarray, np.ndarray]:
        """Lead-month rows ordered by their position within the lead (first months first), and
        where each position begins: the order of the replay with decay, built when first used."""
        position = np.arange(len(self.lm_lead), dtype=np.int32)
        position -= np.repeat(self.first_rows, self.last_rows - self.first_rows + 1)
        # A lead has at most one row per month of the replay: int16 positions, a radix sort.
        order = np.argsort(position.astype(np.int16), kind="stable")
        deepest = int(position.max()) + 1 if len(position) else 0
        starts = np.searchsorted(position[order], np.arange(deepest + 1))
        return _frozen(order), _frozen(starts)

    def fit_points(self, rules: Rules) -> np.ndarray:
        """Each lead's fit points under `rules`."""
        return _fit(rules, self.catalog, self.fit_codes, self.n_leads).astype(float)

    @cached_property
    def row_fit_profile(self) -> np.ndarray | None:
        """For each lead with touchpoints (with_rows order), its combination of fit values as
        one number (the attributes' codes as digits, the catalog's first attribute highest),
        so a rule set's fit points are one lookup in a table of every combination; None when
        there are too many combinations for such a table."""
        sizes = [len(values) + 1 for values in self.catalog.attributes.values()]
        if math.prod(sizes) > 2**22:
            return None
        profile = np.zeros(len(self.with_rows), dtype=np.int32)
        for attribute, size in zip(self.catalog.attributes, sizes):
            profile *= size
            profile += self.fit_codes[attribute][self.with_rows]
        return _frozen(profile)

    def row_fit(self, rules: Rules) -> np.ndarray:
        """Fit points (int64) of the leads with touchpoints, in with_rows order."""
        if self.row_fit_profile is None:
            codes = {a: c[self.with_rows] for a, c in self.fit_codes.items()}
            return _fit(rules, self.catalog, codes, len(self.with_rows))
        points = rules.as_dict()
        table = np.zeros(1, dtype=np.int64)
        for attribute, values in self.catalog.attributes.items():
            own = np.array([0] + [points.get((attribute, v), 0) for v in values], np.int64)
            table = np.add.outer(table, own).ravel()
        return table[self.row_fit_profile]

    def touchpoint_points(self, rules: Rules) -> np.ndarray:
        points = rules.as_dict()
        return np.array([points.get((TOUCHPOINT, t), 0) for t in self.catalog.types], float)


def _months(start: date, last_day: date) -> list[date]:
    out = [start.replace(day=1)]
    while _next_month(out[-1]) <= last_day:
        out.append(_next_month(out[-1]))
    return out


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _fit(rules: Rules, catalog: Catalog, codes: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Fit points (int64) of leads whose fit attributes have these codes."""
    points = rules.as_dict()
    total = np.zeros(n, dtype=np.int64)
    for attribute, values in catalog.attributes.items():
        table = np.array([0] + [points.get((attribute, v), 0) for v in values], dtype=np.int64)
        total += table[codes[attribute]]
    return total


def _frozen(values: np.ndarray) -> np.ndarray:
    values.flags.writeable = False  # shared between sessions: nobody may change it
    return values


def _array(values: Any, dtype: Any, fill: Any = 0) -> np.ndarray:
    """A query column as a plain array, nulls as `fill` (fetchnumpy masks them, pandas has NA)."""
    mask = None
    if isinstance(values, pd.Series):
        mask = values.isna().to_numpy()
        values = values.to_numpy(dtype=object) if mask.any() else values.to_numpy()
    elif isinstance(values, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(values)
        values = values.data
    if mask is not None and mask.any():
        values = values.copy()
        values[mask] = fill
    return np.asarray(values, dtype=dtype)


@dataclass(frozen=True)
class Interval:
    """An estimate with its 95% range."""

    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Estimate:
    """What the untested leads a rule set passes might have brought: never history."""

    leads: int
    sqls: Interval
    won: Interval
    revenue: Interval
    borrowed: int  # untested leads whose score band had too few observed leads of its own


@dataclass(frozen=True)
class Outcome:
    """One rule set at one threshold, over the leads of the replay."""

    threshold: int
    mqls: int  # leads whose score reached the threshold
    observed: int  # ... that sales saw: their outcome is history
    untested: int  # ... that were never handed off: outcome unknown
    sqls: int
    rejected: int
    awaiting: int  # seen by sales, not decided yet
    won: int
    lost: int
    revenue: float
    won_total: int  # won deals among all the replay's leads, passed or not
    revenue_total: float
    rejections_by_reason: dict[str, int]
    mqls_by_month: np.ndarray  # first crossing per month: all passed leads
    untested_by_month: np.ndarray
    handoffs_per_rep_week: np.ndarray  # per month; nan where no rep received handoffs
    marketing_cost: float
    estimate: Estimate

    @property
    def won_missed(self) -> int:
        return self.won_total - self.won

    @property
    def revenue_missed(self) -> float:
        return self.revenue_total - self.revenue

    @property
    def recall(self) -> float | None:
        """Share of the won deals whose leads this rule set passes."""
        return self.won / self.won_total if self.won_total else None

    @property
    def precision(self) -> float | None:
        """Won deals per passed lead that sales saw."""
        return self.won / self.observed if self.observed else None

    @property
    def cost_per_sql(self) -> float | None:
        """Marketing cost of the replay's leads / SQLs among the passed leads sales saw."""
        return self.marketing_cost / self.sqls if self.sqls else None

    @property
    def cost_per_sql_with_estimate(self) -> float | None:
        """The same with the SQLs expected from untested leads added (an estimate)."""
        total = self.sqls + self.estimate.sqls.value
        return self.marketing_cost / total if total else None

    @property
    def peak_handoffs_per_rep_week(self) -> float | None:
        shown = self.handoffs_per_rep_week[~np.isnan(self.handoffs_per_rep_week)]
        return float(shown.max()) if len(shown) else None


@dataclass(frozen=True, eq=False)
class Scored:
    """One rule set replayed: histograms over integer score thresholds 1..max_threshold.

    Every *_from array is indexed by threshold T and holds the total over leads whose score
    reached T: passing at T is a lookup, not a rescoring.
    """

    max_threshold: int
    data: ReplayData = field(repr=False)
    reached: np.ndarray  # the highest score of each lead with rows (data.with_rows)
    leads_from: np.ndarray
    observed_from: np.ndarray
    untested_from: np.ndarray
    sql_from: np.ndarray
    rejected_from: np.ndarray
    won_from: np.ndarray
    lost_from: np.ndarray
    revenue_from: np.ndarray
    reason_from: np.ndarray  # threshold × reason
    crossings: np.ndarray  # month × threshold: leads first reaching T in that month
    untested_crossings: np.ndarray
    group_untested_from: np.ndarray  # estimate group × threshold
    borrowed_from: np.ndarray  # untested leads whose band had too few observed leads
    groups: pd.DataFrame  # per estimate group: observed counts and rates

    @cached_property
    def max_score(self) -> np.ndarray:
        """Per lead, its highest score; -inf for a lead without rows (never scored)."""
        score = np.full(self.data.n_leads, -np.inf)
        score[self.data.with_rows] = self.reached
        return _frozen(score)

    def at(self, threshold: int) -> Outcome:
        t = int(min(max(threshold, 1), self.max_threshold))
        d = self.data
        by_month = self.crossings[:, t].astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            per_rep_week = by_month / d.reps / (d.month_days / 7)
        per_rep_week[d.reps == 0] = np.nan
        return Outcome(
            threshold=t,
            mqls=int(self.leads_from[t]),
            observed=int(self.observed_from[t]),
            untested=int(self.untested_from[t]),
            sqls=int(self.sql_from[t]),
            rejected=int(self.rejected_from[t]),
            awaiting=int(self.observed_from[t] - self.sql_from[t] - self.rejected_from[t]),
            won=int(self.won_from[t]),
            lost=int(self.lost_from[t]),
            revenue=float(self.revenue_from[t]),
            won_total=int(d.won.sum()),
            revenue_total=float(d.won_amount[d.won].sum()),
            rejections_by_reason={r: int(n) for r, n in zip(d.reasons, self.reason_from[t])},
            mqls_by_month=by_month,
            untested_by_month=self.untested_crossings[:, t].astype(float),
            handoffs_per_rep_week=per_rep_week,
            marketing_cost=d.marketing_cost,
            estimate=self.estimate(t),
        )

    def estimate(self, threshold: int) -> Estimate:
        """Expected SQLs, won deals and revenue of the untested leads passing `threshold`,
        from the observed leads of the same score band (bands with fewer than MIN_OBSERVED
        handoffs pooled with the bands above). Ranges: 95% Wilson intervals of each band's
        rates, added up across bands (conservative)."""
        u = self.group_untested_from[:, threshold].astype(float)
        g = self.groups
        amount = g["average_won_amount"].to_numpy()

        def total(rate: str, scale: np.ndarray | float = 1.0) -> Interval:
            value, low, high = (g[f"{rate}_{c}"].to_numpy() for c in ("rate", "low", "high"))
            return Interval(
                float((u * value * scale).sum()),
                float((u * low * scale).sum()),
                float((u * high * scale).sum()),
            )

        return Estimate(
            leads=int(u.sum()),
            sqls=total("sql"),
            won=total("won"),
            revenue=total("won", scale=amount),
            borrowed=int(self.borrowed_from[threshold]),
        )

    def curves(self) -> pd.DataFrame:
        """Volume, precision and recall at every threshold (index = threshold)."""
        t = np.arange(1, self.max_threshold + 1)
        won_total = int(self.data.won.sum())
        with np.errstate(invalid="ignore", divide="ignore"):
            precision = self.won_from[t] / self.observed_from[t]
            recall = self.won_from[t] / won_total if won_total else np.full(len(t), np.nan)
        return pd.DataFrame(
            {
                "threshold": t,
                "mqls": self.leads_from[t],
                "observed": self.observed_from[t],
                "won": self.won_from[t],
                "precision": precision,
                "recall": recall,
            }
        )

    def threshold_for_volume(self, mqls: int) -> int:
        """The threshold whose MQL count comes closest to `mqls` (the higher one on a tie)."""
        t = np.arange(1, self.max_threshold + 1)
        gap = np.abs(self.leads_from[t] - mqls)
        return int(t[np.flatnonzero(gap == gap.min())[-1]])

    def lift(self, buckets: int = 10) -> pd.DataFrame:
        """Leads sales saw, in score deciles (1 = the highest scores): how acceptance and wins
        rise with the score. Lift = the decile's won per handoff / that of all of them."""
        d = self.data
        seen = np.flatnonzero(d.handed & np.isfinite(self.max_score))
        columns = ["decile", "leads", "score_from", "score_to", "sql_rate", "won_rate", "lift"]
        if len(seen) == 0:
            return pd.DataFrame(columns=columns)
        order = seen[np.argsort(-self.max_score[seen], kind="stable")]
        decile = np.arange(len(order)) * buckets // len(order)
        frame = pd.DataFrame(
            {
                "decile": decile + 1,
                "score": np.floor(self.max_score[order]),
                "sql": d.sql[order],
                "won": d.won[order],
            }
        )
        out = frame.groupby("decile").agg(
            leads=("sql", "size"),
            score_from=("score", "min"),
            score_to=("score", "max"),
            sql_rate=("sql", "mean"),
            won_rate=("won", "mean"),
        )
        overall = frame["won"].mean()
        out["lift"] = out["won_rate"] / overall if overall else np.nan
        return out.reset_index()[columns]


def max_threshold_for(current_threshold: int) -> int:
    """The top of the threshold slider: three times today's threshold, at least 150."""
    return int(math.ceil(max(3 * current_threshold, 150) / 10) * 10)


def replay(data: ReplayData, rules: Rules, max_threshold: int, **kwargs: Any) -> Scored:
    """Score every lead month by month under `rules` and build the threshold histograms."""
    min_observed = kwargs.get("min_observed", MIN_OBSERVED)
    _, best = _scores(data, rules)
    tmax = max_threshold
    reached = best[data.last_rows]  # the running maximum at each lead's end
    # Integer bins of the leads with rows: a lead in bin b reaches every threshold 1..b
    # (b = floor(score), clipped to 0..tmax: truncating the clipped score floors it). A lead
    # without rows (none since leads without touchpoints get one) is never scored: bin 0.
    bins = np.clip(reached, 0, tmax).astype(np.int64)

    def from_threshold(b: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """For each threshold T, the count (or weight) of the leads in bins ≥ T."""
        out = np.zeros(tmax + 2)
        out[: tmax + 1] = np.cumsum(np.bincount(b, weights, minlength=tmax + 1)[::-1])[::-1]
        return out

    # Outcomes concern the leads sales saw: a small subset, histogrammed on its own.
    seen = data.seen
    scored = data.seen_rows >= 0
    seen_bins = np.zeros(len(seen), dtype=np.int64)
    seen_bins[scored] = bins[data.seen_rows[scored]]
    sql, rejected = data.sql[seen], data.rejected[seen]
    won, lost = data.won[seen], data.lost[seen]
    n_reasons = len(data.reasons)
    reason_from = np.zeros((tmax + 2, n_reasons))
    if n_reasons and rejected.any():
        hist = np.bincount(
            seen_bins[rejected] * n_reasons + data.reason[seen][rejected],
            minlength=(tmax + 1) * n_reasons,
        ).reshape(tmax + 1, n_reasons)
        reason_from[: tmax + 1] = np.cumsum(hist[::-1], axis=0)[::-1]

    crossings, untested_crossings = _crossings(data, best, tmax)
    # Untested leads (never handed off) pass only through their touchpoints' rows.
    untested_reached = reached[data.untested]
    groups, group_of, thin = _estimate_groups(
        data, reached[data.seen_rows[scored]], untested_reached, min_observed
    )
    untested_bins = bins[data.untested]
    group_untested_from = np.zeros((len(groups), tmax + 2))
    if len(groups) and len(untested_bins):
        hist = np.bincount(
            group_of * (tmax + 1) + untested_bins,
            minlength=len(groups) * (tmax + 1),
        ).reshape(len(groups), tmax + 1)
        group_untested_from[:, : tmax + 1] = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]

    leads_from = from_threshold(bins)
    leads_from[0] += data.n_leads - len(bins)  # the leads never scored, in bin 0
    observed_from = from_threshold(seen_bins)
    return Scored(
        max_threshold=tmax,
        data=data,
        reached=_frozen(reached),
        leads_from=leads_from,
        observed_from=observed_from,
        untested_from=leads_from - observed_from,
        sql_from=from_threshold(seen_bins[sql]),
        rejected_from=from_threshold(seen_bins[rejected]),
        won_from=from_threshold(seen_bins[won]),
        lost_from=from_threshold(seen_bins[lost]),
        revenue_from=from_threshold(seen_bins[won], data.won_amount[seen][won]),
        reason_from=reason_from,
        crossings=crossings,
        untested_crossings=untested_crossings,
        group_untested_from=group_untested_from,
        borrowed_from=from_threshold(untested_bins[thin]),
        groups=groups,
    )


def _scores(data: ReplayData, rules: Rules) -> tuple[np.ndarray, np.ndarray]:
    """The score at the end of each lead-month row and its running maximum within the lead."""
    touchpoint_points = data.touchpoint_points(rules)
    n_rows = len(data.lm_lead)
    if n_rows == 0:
        return np.zeros(0), np.zeros(0)
    # Points are integers: a row's weighted sum is exact in float32 below 2^24 (one BLAS pass
    # over the counts); a row that could reach that is summed in float64.
    if data.most_in_a_row * np.abs(touchpoint_points).max(initial=0) < 2**24:
        month_points = data.counts @ touchpoint_points.astype(np.float32)
    else:
        month_points = data.counts.astype(np.float64) @ touchpoint_points
    if rules.half_life_days is None:
        # A running total per lead as one cumulative sum over all rows, in integers (exact,
        # and several times faster than over floats; int32 wherever a lead's score fits):
        # each lead's first row also adds its fit and takes away the score the previous lead
        # ended with.
        fit = data.row_fit(rules)
        bound = data.most_in_a_lead * np.abs(touchpoint_points).max(initial=0)
        small = bound + np.abs(fit).max(initial=0) < 2**30  # so no step below can overflow
        kind = np.int32 if small else np.int64
        month_points = month_points.astype(kind)
        fit = fit.astype(kind)
        # What each lead ends with: its fit plus its rows' points, as differences at the leads'
        # last rows of one running total over all rows (in int32 that total may wrap around;
        # the differences, each below 2^30, are exact all the same).
        so_far = np.cumsum(month_points, dtype=kind)[data.last_rows]
        ended = so_far.copy()
        ended[1:] -= so_far[:-1]  # in `kind`: a difference across a wrap-around comes out right
        ended += fit
        fit[1:] -= ended[:-1]  # each lead starts from its fit, not where the previous ended
        month_points[data.first_rows] += fit
        score = np.cumsum(month_points, dtype=kind)
        if (touchpoint_points >= 0).all():
            return score, score
        # Negative points: the running maximum per lead, as one accumulate over keys that
        # keep leads apart (lead × 2^32 + score).
        key = data.lm_lead.astype(np.int64) << 32
        best = np.maximum.accumulate(score.astype(np.int64) + key) - key
        return score, best
    # Decay: S(m) = S(m') × ½^((m − m') months / half-life) + points(m), row by row, for all
    # leads at once: position p of every lead after position p − 1.
    keep = 0.5 ** (data.lm_month.astype(float) * DAYS_PER_MONTH / rules.half_life_days)
    fit = data.fit_points(rules)[data.lm_lead]
    score = np.empty(n_rows)
    best = np.empty(n_rows)
    order, starts = data.by_position
    rows = order[starts[0] : starts[1]]
    score[rows] = month_points[rows] + fit[rows]
    best[rows] = score[rows]
    for p in range(1, len(starts) - 1):
        rows = order[starts[p] : starts[p + 1]]
        previous = rows - 1
        carried = (score[previous] - fit[rows]) * keep[rows] / keep[previous]
        score[rows] = carried + month_points[rows] + fit[rows]
        best[rows] = np.maximum(best[previous], score[rows])
    return score, best


def _crossings(data: ReplayData, best: np.ndarray, tmax: int) -> tuple[np.ndarray, np.ndarray]:
    """Month × threshold counts of leads whose running maximum first reached the threshold in
    that month, for all passed leads and for the untested ones: a row raising the maximum from
    `before` to `after` crosses every threshold in (before, after]."""
    n_months = len(data.months)
    width = tmax + 2
    if len(best) == 0:
        empty = np.zeros((n_months, width))
        return empty, empty.copy()
    # Thresholds start at 1, so scores below 1 count as 0; truncating a score clipped to
    # 0..tmax floors it. The running maximum never falls within a lead, so after >= before,
    # and a row that raises nothing adds and removes the same cell: no row needs picking out.
    after = np.clip(best, 0, tmax).astype(np.int64, copy=False)
    before = np.empty_like(after)
    before[0] = 0
    before[1:] = after[:-1]
    before[data.first_rows] = 0  # a lead's first row starts from nothing
    # One histogram for both layers (months of leads sales saw, then of untested leads):
    # +1 at the first threshold a row crosses, −1 after the last; summed along thresholds.
    cell = data.cells(width)
    size = 2 * n_months * width
    before += cell
    after += cell
    hist = np.bincount(before, minlength=size) - np.bincount(after, minlength=size)
    layers = np.cumsum(hist.reshape(2, n_months, width), axis=2)
    return layers[0] + layers[1], layers[1].astype(float)


def _estimate_groups(
    data: ReplayData, seen_score: np.ndarray, untested_score: np.ndarray, min_observed: int
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Score bands of BAND_WIDTH points, pooled from the top down until each holds at least
    `min_observed` leads sales saw (a short remainder at the bottom joins the group above it;
    bands with no observed lead join the nearest group). `seen_score` holds the highest score
    of each lead sales saw that has touchpoints (data.seen where data.seen_rows >= 0),
    `untested_score` that of each untested lead (data.untested). Returns each group's observed
    counts and rates with 95% Wilson ranges, and for each untested lead its group and whether
    its own band had fewer than `min_observed` observed leads (its rates are borrowed from
    neighbours)."""
    seen = data.seen[data.seen_rows >= 0]
    seen_band = np.floor(seen_score / BAND_WIDTH).astype(np.int64)
    untested_band = np.floor(untested_score / BAND_WIDTH).astype(np.int64)
    # Bands count from the lowest any lead is in (a lead never scored is in band 0), so they
    # can index arrays.
    lowest = min(
        seen_band.min(initial=0 if len(data.with_rows) < data.n_leads else 2**62),
        untested_band.min(initial=2**62),
    )
    offset = int(lowest) if lowest < 2**62 else 0
    seen_band -= offset
    untested_band -= offset
    columns = ["band_from", "band_to", "observed", "sqls", "won", "revenue"]
    if len(seen) == 0:
        nothing = np.zeros(len(untested_band), dtype=np.int64)
        return pd.DataFrame(columns=columns), nothing, np.ones(len(untested_band), dtype=bool)
    per_band = np.bincount(
        seen_band, minlength=int(max(seen_band.max(), untested_band.max(initial=0))) + 1
    )
    edges: list[list[int]] = []  # each group: [lowest band, highest band], from the top
    count = 0
    for b in np.flatnonzero(per_band)[::-1]:
        if not edges or count >= min_observed:
            edges.append([b, b])
            count = 0
        edges[-1][0] = b
        count += per_band[b]
    if len(edges) > 1 and count < min_observed:
        short = edges.pop()
        edges[-1][0] = short[0]
    lows = np.array([low for low, _ in edges])  # descending
    # Each lead joins the highest group whose lowest band is at or below its own band; leads
    # below every group join the lowest one.
    band_group = np.minimum(
        np.searchsorted(-lows, -np.arange(len(per_band)), side="left"), len(edges) - 1
    )
    g_seen = band_group[seen_band]
    won = data.won[seen]

    def per_group(weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(g_seen, weights, minlength=len(edges))

    groups = pd.DataFrame(
        {
            "band_from": [(low + offset) * BAND_WIDTH for low, _ in edges],
            "band_to": [(high + offset) * BAND_WIDTH + BAND_WIDTH - 1 for _, high in edges],
            "observed": per_group().astype(int),
            "sqls": per_group(data.sql[seen].astype(float)).astype(int),
            "won": per_group(won.astype(float)).astype(int),
            "revenue": per_group(np.where(won, data.won_amount[seen], 0.0)),
        }
    )
    for name, hits in (("sql", "sqls"), ("won", "won")):
        rate, low, high = wilson(groups[hits].to_numpy(), groups["observed"].to_numpy())
        groups[f"{name}_rate"], groups[f"{name}_low"], groups[f"{name}_high"] = rate, low, high
    fallback = float(groups["revenue"].sum() / groups["won"].sum()) if won.any() else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        average = groups["revenue"] / groups["won"]
    groups["average_won_amount"] = average.where(groups["won"] > 0, fallback)
    return groups, band_group[untested_band], per_band[untested_band] < min_observed


DECAY_OPTIONS = (0, 30, 60, 90, 180, 365)  # half-life in days; 0: no decay
_KEY_PREFIX = {
    TOUCHPOINT: "",
    "industry": "industry_",
    "company_size_band": "size_",
    "seniority": "seniority_",
    "country": "country_",
    "job_title": "title_",
}


def weight_keys(catalog: Catalog) -> dict[tuple[str, str], str]:
    """The widget key (and URL parameter) of each weight: w_roi_calculator,
    w_industry_it_software, w_size_50_249, ... unique even where two values slug alike."""
    keys: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for rule_type, match in catalog.rules():
        slug = re.sub(r"[^a-z0-9]+", "_", match.lower()).strip("_") or "blank"
        key = base = f"w_{_KEY_PREFIX[rule_type]}{slug}"
        n = 2
        while key in taken:
            key, n = f"{base}_{n}", n + 1
        taken.add(key)
        keys[(rule_type, match)] = key
    return keys


def rule_label(rule_type: str, match: str) -> str:
    """A weight's name for people: 'roi calculator', 'industry: IT & software'."""
    if rule_type == TOUCHPOINT:
        return match.replace("_", " ")
    kind = {"company_size_band": "company size"}.get(rule_type, rule_type.replace("_", " "))
    return f"{kind}: {match}"


# What the replay does without a table of the data, in English and Polish.
_MISSING_NOTES = {
    "touchpoints": (
        "No touchpoints in the data: a lead's score is its fit points alone, counted in the "
        "month it was created.",
        "Brak punktów styku w danych: scoring leada to same punkty za dopasowanie, liczone w "
        "miesiącu jego utworzenia.",
    ),
    "scoring_rules": (
        "No scoring rules in the data: the current rules give every lead 0 points. Set weights "
        "below, or fit them to history under Suggested weights.",
        "Brak reguł scoringu w danych: obecne reguły dają każdemu leadowi 0 punktów. Ustaw wagi "
        "poniżej albo dopasuj je do historii w sekcji Sugerowane wagi.",
    ),
    "scoring_thresholds": (
        f"No MQL threshold in the data: the replay starts from {DEFAULT_THRESHOLD} points, the "
        "default.",
        f"Brak progu MQL w danych: symulacja zaczyna od domyślnych {DEFAULT_THRESHOLD} punktów.",
    ),
}
NOTHING_TO_SCORE = {
    "en": "Nothing to score: the data has no touchpoints and no lead attributes (industry, "
    "company size, seniority, country, job title) with two values or more.",
    "pl": "Nie ma czego oceniać: dane nie mają punktów styku ani atrybutów leadów (branża, "
    "wielkość firmy, stanowisko, kraj, tytuł) o co najmniej dwóch wartościach.",
}


def missing_notes(missing: list[str], lang: str = "en") -> list[str]:
    """A sentence for each of the tables touchpoints, scoring_rules and scoring_thresholds
    that `missing` names: how the replay does without it."""
    return [_MISSING_NOTES[t][lang == "pl"] for t in _MISSING_NOTES if t in missing]


def weight_changes(current: Rules, candidate: Rules, catalog: Catalog) -> list[str]:
    """Each weight `candidate` gives other points than `current`, in the page's order ('roi
    calculator 25 → 40'), weights outside the catalog after them, and a changed decay."""
    listed = [rule for rules in catalog.shown().values() for rule in rules]
    now, then = current.as_dict(), candidate.as_dict()
    listed += sorted((set(now) | set(then)) - set(listed))
    changes = [
        f"{rule_label(*rule)} {now.get(rule, 0)} → {then.get(rule, 0)}"
        for rule in listed
        if now.get(rule, 0) != then.get(rule, 0)
    ]
    if candidate.half_life_days != current.half_life_days:
        changes.append(f"decay half-life {candidate.half_life_days or 'none'}")
    return changes


def scenario_line(threshold: int, rules: Rules, catalog: Catalog, lang: str = "en") -> str:
    """A scenario in a line: its threshold and the weights it changes from the current rules
    ('threshold 71 (current 55); changed: roi calculator 25 → 40')."""
    changes = weight_changes(catalog.current, rules, catalog)
    current = catalog.current_threshold
    if lang == "pl":
        head = f"próg {threshold} " + (
            "(obecny)" if threshold == current else f"(obecny {current})"
        )
        tail = "zmienione: " + "; ".join(changes) if changes else "wagi jak w obecnych regułach"
    else:
        head = f"threshold {threshold} " + (
            "(the current one)" if threshold == current else f"(current {current})"
        )
        tail = "changed: " + "; ".join(changes) if changes else "weights as the current rules"
    return f"{head}; {tail}"


def recorded_mqls_by_month(data: ReplayData) -> list[float]:
    """The MQLs history recorded in each month of the replay."""
    recorded = data.recorded_mql_month[data.recorded_mql_month >= 0]
    per_month = np.bincount(recorded, minlength=len(data.months))[: len(data.months)]
    return per_month.astype(float).tolist()


def running_best(data: ReplayData, rules: Rules) -> np.ndarray:
    """The running maximum score of each lead-month row under `rules` (for the bootstrap and
    the backtest, which cut the replay by lead and by month)."""
    return _scores(data, rules)[1]


def volume_to_keep(now: Outcome, data: ReplayData) -> int:
    """The MQL volume suggested weights are applied at: today's rules', or where those pass
    nobody (no rules set, or none that scores these leads) the leads sales really received."""
    return now.mqls or int(data.handed.sum())


def default_capacity(now: Outcome) -> int:
    """A starting sales capacity: the current rules' busiest month, rounded up to 5."""
    peak = now.peak_handoffs_per_rep_week or 0
    return max(5, int(math.ceil(peak / 5)) * 5)


def _change(now: float | None, then: float | None, kind: str) -> str:
    if now is None or then is None:
        return "–"
    if kind == "pct":
        return f"{(then - now) * 100:+.1f} pp"
    difference = then - now
    if kind == "pln":
        return "±0" if round(difference) == 0 else f"{difference:+,.0f} PLN"
    if kind == "rate":
        return f"{difference:+.1f}"
    return "±0" if round(difference) == 0 else f"{difference:+,.0f}"


def _estimate_text(interval: Interval, money: bool = False) -> str:
    if interval.high == 0:
        return "–"
    if money:
        low, high = format.pln_short(interval.low), format.pln_short(interval.high)
        # The unit once where both ends share it, so the range fits its column at 1366 px.
        unit = next(u for u in (" M PLN", " k PLN", " PLN") if high.endswith(u))
        if low.endswith(unit) and (unit != " PLN" or low[-6:-4] not in (" k", " M")):
            low = low.removesuffix(unit)
        return f"≈ {format.pln_short(interval.value)} ({low}–{high})"
    return f"≈ {interval.value:,.1f} ({interval.low:,.1f}–{interval.high:,.1f})"


def comparison(now: Outcome, candidate: Outcome) -> pd.DataFrame:
    """The side-by-side table: history for the leads sales saw, estimates labelled as such."""

    def of(o: Outcome) -> dict[str, tuple[str, float | None, str]]:
        peak = o.peak_handoffs_per_rep_week
        return {
            "MQLs (leads whose score reaches the threshold)": (
                format.count(o.mqls),
                o.mqls,
                "count",
            ),
            "… seen by sales: outcome known": (format.count(o.observed), o.observed, "count"),
            "… never shown to sales: untested": (format.count(o.untested), o.untested, "count"),
            "Handoffs per rep per week, busiest month": (
                "–" if peak is None else f"{peak:,.1f}",
                peak,
                "rate",
            ),
            "SQLs among leads sales saw": (format.count(o.sqls), o.sqls, "count"),
            "Rejected by sales": (format.count(o.rejected), o.rejected, "count"),
            "Won deals kept (recall)": (
                f"{format.count(o.won)} of {format.count(o.won_total)} ({format.pct(o.recall)})",
                o.won,
                "count",
            ),
            "Won deals missed": (format.count(o.won_missed), o.won_missed, "count"),
            "Win rate among passed leads sales saw (precision)": (
                f"{format.pct(o.precision)} ({format.count(o.won)} of {format.count(o.observed)})",
                o.precision,
                "pct",
            ),
            "Revenue kept": (format.pln(o.revenue), o.revenue, "pln"),
            "Revenue missed": (format.pln(o.revenue_missed), o.revenue_missed, "pln"),
            "Marketing cost per SQL": (format.pln(o.cost_per_sql), o.cost_per_sql, "pln"),
            "ESTIMATE · SQLs from untested leads": (
                _estimate_text(o.estimate.sqls),
                None,
                "none",
            ),
            "ESTIMATE · won deals from untested leads": (
                _estimate_text(o.estimate.won),
                None,
                "none",
            ),
            "ESTIMATE · revenue from untested leads": (
                _estimate_text(o.estimate.revenue, money=True),
                None,
                "none",
            ),
            "ESTIMATE · cost per SQL, untested leads included": (
                format.pln(o.cost_per_sql_with_estimate) if o.untested else "–",
                None,
                "none",
            ),
        }

    a, b = of(now), of(candidate)
    return pd.DataFrame(
        {
            "measure": list(a),
            "current": [v[0] for v in a.values()],
            "candidate": [v[0] for v in b.values()],
            "change": ["" if a[k][2] == "none" else _change(a[k][1], b[k][1], a[k][2]) for k in a],
        }
    )


def rejections_avoided(now: Outcome, candidate: Outcome) -> pd.DataFrame:
    """Rejections by reason under both rule sets: what sales would no longer have to turn down."""
    reasons = sorted(set(now.rejections_by_reason) | set(candidate.rejections_by_reason))
    frame = pd.DataFrame(
        {
            "reason": reasons,
            "current": [now.rejections_by_reason.get(r, 0) for r in reasons],
            "candidate": [candidate.rejections_by_reason.get(r, 0) for r in reasons],
        }
    )
    frame["avoided"] = frame["current"] - frame["candidate"]
    return frame.sort_values(["current", "reason"], ascending=[False, True]).reset_index(drop=True)


# Loading. A page caches these in leadflow.app.whatif_cache: catalogs are small (cached with
# every query); replay data and scored rule sets hold numpy arrays the size of the data, so
# they are cached as shared resources (no copy per rerun) and never modified.


def from_rules(rules: pd.DataFrame, thresholds: pd.DataFrame) -> Catalog:
    """The weights that can be changed and the rules in effect on the data date, from the
    whatif_rules and whatif_thresholds queries."""
    return Catalog.from_frames(rules, thresholds)


def catalog(path: Path | None = None, scope: db.Scope = db.EVERYONE) -> Catalog:
    """from_rules() read for `scope` (scripts and tests; a page goes through its cache)."""
    path = path or db.database_path()
    return from_rules(
        db.run("whatif_rules", {}, path, scope), db.run("whatif_thresholds", {}, path, scope)
    )


def load_uncached(key: tuple, path: Path, cat: Catalog | None = None) -> ReplayData:
    """Run the queries and build the replay data (the benchmark times this)."""
    start, end, channels, industries, size_bands, scope = key
    params = {
        "start": start,
        "end": end,
        "channels": list(channels),
        "industries": list(industries),
        "size_bands": list(size_bands),
    }
    cat = cat or catalog(path, scope)
    # Both read what was staged when the data was written (replay_leads, lead_month_touches).
    leads, touchpoints = db.run_arrays_together(
        [
            ("whatif_leads", {**params, **cat.value_lists()}),
            ("whatif_touchpoints", {**params, "types": list(cat.types)}),
        ],
        path,
        scope,
    )
    reps = db.run("whatif_reps_by_month", {}, path, scope)
    as_of = pd.Timestamp(db.run("data_range", {}, path, scope)["as_of"].iloc[0])
    last_day = (as_of - pd.Timedelta(microseconds=1)).date()
    return ReplayData.build(cat, leads, touchpoints, reps, start, max(last_day, start))
