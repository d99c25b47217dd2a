"""Suggested scoring weights: a logistic regression of sales' decisions on what the score saw.

Fitted with statsmodels, which gives each coefficient its standard error and confidence interval
directly, on the leads sales decided (accepted or rejected). The model sees each lead's
touchpoints up to its handoff and its fit attributes; its coefficients are turned into points
on the scale of the current rules, so they can be compared with them and applied as a candidate.
Data without handoffs (an export with a converted flag only) is fitted to won deals over every
lead, and data without touchpoints on the fit attributes alone.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from leadflow import format
from leadflow.whatif import TOUCHPOINT, ReplayData, Rules, rule_label

OUTCOMES = {"accepted": "accepted by sales", "won": "won a deal"}
OUTCOMES_PL = {"accepted": "zaakceptowanych przez sprzedaż", "won": "z wygraną umową"}
MIN_LEADS = 100  # decided handoffs needed to fit anything
MIN_EACH = 10  # of each outcome
MIN_LEVEL = 20  # leads a fit value needs to get its own coefficient
HOLDOUT = 0.3
# Points per unit of log-odds when the current rules give every lead the same score (none set):
# 20 points double the odds, the convention of credit scorecards.
POINTS_TO_DOUBLE_THE_ODDS = 20

# Why a model cannot be fitted, in English and Polish.
_TOO_FEW = {
    "en": "Too few {rows} to fit a model: {n:,} leads, {positives:,} {outcome} (needs "
    f"{MIN_LEADS} leads and {MIN_EACH} of each outcome).",
    "pl": "Za mało {rows}, by dopasować model: {n:,} leadów, {positives:,} {outcome} "
    f"(potrzeba {MIN_LEADS} leadów i po {MIN_EACH} z każdym wynikiem).",
}
_ONE_OUTCOME = {
    "en": "{positives:,} of the {n:,} {rows} {outcome}: a model needs leads with the outcome "
    "and leads without it.",
    "pl": "{positives:,} z {n:,} {rows}: {outcome}. Model potrzebuje leadów z tym wynikiem i "
    "bez niego.",
}
_ROWS = {
    ("en", True): "decided handoffs",
    ("en", False): "leads",
    ("pl", True): "rozstrzygniętych przekazań",
    ("pl", False): "leadów",
}
_ALL_LEADS = {
    "en": " The data has no handoffs (no handoff dates, no rejections), so every lead counts, "
    "won or not.",
    "pl": " Dane nie mają przekazań (brak dat przekazania i odrzuceń), więc liczy się każdy "
    "lead, wygrany lub nie.",
}
NO_HANDOFFS_TO_ORDER = {
    "en": "The data has no handoffs (no handoff dates, no rejections), so there are no earlier "
    "and later handoffs to fit and test on: see the random split above.",
    "pl": "Dane nie mają przekazań (brak dat przekazania i odrzuceń), więc nie ma wcześniejszych "
    "i późniejszych przekazań do dopasowania i testu: zob. losowy podział powyżej.",
}
NO_DECISIONS = {
    "en": "The data has no handoffs (no handoff dates, no rejections): there are no sales "
    "decisions to fit. Fit to won deals instead: every lead counts, won or not.",
    "pl": "Dane nie mają przekazań (brak dat przekazania i odrzuceń): nie ma decyzji sprzedaży, "
    "do których można dopasować model. Dopasuj do wygranych umów: liczy się każdy lead, "
    "wygrany lub nie.",
}


@dataclass(frozen=True)
class Suggestion:
    outcome: str
    weights: pd.DataFrame  # rule_type, match, current, suggested, low, high, leads, basis
    auc: float  # the model, on held-out leads
    auc_current: float  # the current score, on the same held-out leads
    calibration: pd.DataFrame  # decile of predicted probability: leads, predicted, observed
    brier: float
    train_leads: int
    test_leads: int
    positives: int
    points_per_logit: float
    over_all_leads: bool = False  # no handoffs in the data: won deals over every lead

    def as_rules(self, base: Rules) -> Rules:
        """`base` with every suggested weight applied."""
        points = base.as_dict()
        for row in self.weights.dropna(subset=["suggested"]).itertuples():
            points[(row.rule_type, row.match)] = int(row.suggested)
        return Rules.of(points, base.half_life_days)


def table(suggestion: Suggestion) -> pd.DataFrame:
    """The suggested weights as the page lists them: the weight's name, its current and
    suggested points, the 95 % interval as text, the leads with it and the basis."""
    frame = suggestion.weights
    shown = frame.assign(
        weight=[rule_label(t, m) for t, m in zip(frame["rule_type"], frame["match"])],
        range=[
            "–" if pd.isna(lo) else f"{int(lo) + 0:+d} to {int(hi) + 0:+d}"
            for lo, hi in zip(frame["low"], frame["high"])
        ],
    )
    return shown[["weight", "current", "suggested", "range", "leads", "basis"]]


def describe(suggestion: Suggestion, lang: str = "en") -> str:
    """What the model was fitted on, for the page."""
    if lang == "pl":
        train = format.count(suggestion.train_leads, lang)
        test = format.count(suggestion.test_leads, lang)
        fitted = (
            f"Dopasowane na {train} leadach, wygranych lub nie (dane nie mają przekazań), "
            f"sprawdzone na {test} innych, których model nie widział. Cechy: punkty styku do "
            "danego dnia, liczone wg typu, i atrybuty dopasowania."
            if suggestion.over_all_leads
            else f"Dopasowane na {train} leadach rozstrzygniętych przez handlowców, sprawdzone na "
            f"{test} innych, których model nie widział. Cechy: punkty styku do przekazania, "
            "liczone wg typu, i atrybuty dopasowania."
        )
        return fitted + (
            " Wagi są przeskalowane na punkty tak, by scoring rozkładał leady tak szeroko jak "
            "dziś (gdy obecne reguły oceniają każdego leada tak samo, 20 punktów podwaja szanse); "
            "proporcje między nimi pochodzą z danych."
        )
    if suggestion.over_all_leads:
        fitted = (
            f"Fitted on {suggestion.train_leads:,} leads, won or not (the data has no "
            f"handoffs), tested on {suggestion.test_leads:,} others it did not see. Features: "
            "touchpoints to date, counted by type, and fit attributes."
        )
    else:
        fitted = (
            f"Fitted on {suggestion.train_leads:,} leads sales decided, tested on "
            f"{suggestion.test_leads:,} others it did not see. Features: touchpoints up to the "
            "handoff, counted by type, and fit attributes."
        )
    return fitted + (
        " Weights are rescaled to points so that scores spread across leads as much as they do "
        "now (where today's rules score every lead alike, 20 points double the odds); the "
        "ratios between them come from the data."
    )


def features(data: ReplayData, counts_at_handoff: pd.DataFrame) -> pd.DataFrame:
    """One row per handed-off lead (index = lead index): touchpoint counts up to the handoff
    per type, and the code of each fit attribute in the catalog. Without handoffs in the data,
    one row per lead, with its touchpoints to date."""
    n_types = len(data.catalog.types)
    if data.has_handoffs:
        rows = np.flatnonzero(data.handed)
        counts = np.zeros((data.n_leads, n_types))
        if len(counts_at_handoff):
            counts[
                counts_at_handoff["lead_index"].to_numpy(),
                counts_at_handoff["type_index"].to_numpy(),
            ] = counts_at_handoff["touchpoints"].to_numpy()
    else:
        rows = np.arange(data.n_leads)
        counts = _touchpoints_to_date(data)
    frame = pd.DataFrame(counts[rows], index=rows, columns=list(data.catalog.types))
    for attribute in data.catalog.attributes:
        frame[attribute] = data.fit_codes[attribute][rows]
    return frame


def _touchpoints_to_date(data: ReplayData) -> np.ndarray:
    """Lead × touchpoint type: every touchpoint of the replay."""
    columns = [
        np.bincount(data.lm_lead, weights=data.counts[:, k], minlength=data.n_leads)
        for k in range(len(data.catalog.types))
    ]
    return np.column_stack(columns) if columns else np.zeros((data.n_leads, 0))


def unfit(data: ReplayData, outcome: str, lang: str = "en") -> str | None:
    """Why `suggest` cannot fit `outcome` on `data`, naming the counts; None when it can."""
    if not data.has_handoffs and outcome == "accepted":
        return NO_DECISIONS[lang]
    y = _outcome(data, outcome, _rows(data))
    n, positives = len(y), int(y.sum())
    words = {
        "rows": _ROWS[(lang, data.has_handoffs)],
        "n": n,
        "positives": positives,
        "outcome": (OUTCOMES_PL if lang == "pl" else OUTCOMES)[outcome],
    }
    also = "" if data.has_handoffs else _ALL_LEADS[lang]
    if n and positives in (0, n):
        return _ONE_OUTCOME[lang].format(**words) + also
    if n < MIN_LEADS or min(positives, n - positives) < MIN_EACH:
        return _TOO_FEW[lang].format(**words) + also
    return None


def _rows(data: ReplayData) -> np.ndarray:
    """The leads a model is fitted on: the handoffs sales decided, or without handoffs in the
    data every lead."""
    if not data.has_handoffs:
        return np.arange(data.n_leads)
    handed = np.flatnonzero(data.handed)
    return handed[data.sql[handed] | data.rejected[handed]]


def _outcome(data: ReplayData, outcome: str, lead: np.ndarray) -> np.ndarray:
    return (data.sql if outcome == "accepted" else data.won)[lead].astype(float)


def suggest(
    data: ReplayData,
    counts_at_handoff: pd.DataFrame,
    outcome: str,
    current: Rules,
    seed: int = 0,
    held_out: np.ndarray | None = None,
    lang: str = "en",
) -> Suggestion | str:
    """Fit the model for `outcome` ("accepted" or "won"); a sentence saying why not when the
    data cannot support it (`unfit`, in `lang`). `held_out` (one flag per lead of `data`)
    picks the test leads instead of a random HOLDOUT share: the later leads, for a test
    forward in time."""
    refused = unfit(data, outcome, lang)
    if refused is not None:
        return refused
    import statsmodels.api as sm  # a second to import: only when a model is wanted

    lead = _rows(data)
    frame = features(data, counts_at_handoff).loc[lead]
    y = _outcome(data, outcome, lead)
    positives = int(y.sum())

    catalog = data.catalog
    test = np.random.default_rng(seed).random(len(y)) < HOLDOUT
    if held_out is not None:
        test = np.asarray(held_out, bool)[lead]
    train = ~test
    _, columns = _design(frame[train], data, y[train])
    x = _design_like(frame, data, columns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fitted = sm.Logit(y[train], sm.add_constant(x[train], has_constant="add")).fit(
                disp=0, maxiter=200
            )
        except (np.linalg.LinAlgError, ValueError) as error:
            return f"The model could not be fitted on these leads ({error})."
    beta = np.asarray(fitted.params)[1:]
    interval = np.asarray(fitted.conf_int(0.05))[1:]

    current_points = current.as_dict()
    current_score = _current_score(frame, data, current_points)
    coefficient = dict(zip(columns, zip(beta, interval[:, 0], interval[:, 1])))
    scale = _points_per_logit(data, coefficient, current)

    rows = []
    for t in catalog.types:
        key = (TOUCHPOINT, t)
        b = coefficient.get(key)
        row = {
            "rule_type": TOUCHPOINT,
            "match": t,
            "current": current_points.get(key, 0),
            "leads": int((frame[t] > 0).sum()),
        }
        if b is None:  # nobody had it, or only one outcome among those who did
            rows.append({**row, "suggested": row["current"], "low": None, "high": None})
            rows[-1]["basis"] = "kept"
        else:
            low_b, high_b = scale * b[1], scale * b[2]
            rows.append({**row, "suggested": scale * b[0], "low": low_b, "high": high_b})
            rows[-1]["basis"] = "fitted"
    for attribute, values in catalog.attributes.items():
        codes = frame[attribute].to_numpy()
        level = np.zeros(len(values) + 1)  # by code; 0 = no value
        low, high = level.copy(), level.copy()
        for code in range(len(values) + 1):
            b = coefficient.get((attribute, code))
            if b is not None:
                level[code], low[code], high[code] = (scale * v for v in b)
        now = np.array([0.0] + [current_points.get((attribute, v), 0) for v in values])
        # Within an attribute only differences matter: shift so that the replay's leads keep
        # the points they have now, on average.
        everyone = data.fit_codes[attribute]
        shift = now[everyone].mean() - level[everyone].mean()
        reference = int(np.bincount(codes[train]).argmax())
        for code, value in enumerate(values, start=1):
            has_own = (attribute, code) in coefficient
            now_points = current_points.get((attribute, value), 0)
            if has_own or code == reference:
                suggested = level[code] + shift
                basis = "fitted" if has_own else "reference"
            else:  # too few leads, or only one outcome among them: no evidence to move it
                suggested, basis = now_points, "kept"
            rows.append(
                {
                    "rule_type": attribute,
                    "match": value,
                    "current": now_points,
                    "suggested": suggested,
                    "low": (low[code] + shift) if has_own else None,
                    "high": (high[code] + shift) if has_own else None,
                    "leads": int((codes == code).sum()),
                    "basis": basis,
                }
            )
    weights = pd.DataFrame(rows)
    for column in ("suggested", "low", "high"):
        weights[column] = pd.to_numeric(weights[column]).round()

    predicted = np.asarray(fitted.predict(sm.add_constant(x[test], has_constant="add")))
    return Suggestion(
        outcome=outcome,
        weights=weights,
        auc=auc(y[test], predicted),
        auc_current=auc(y[test], current_score[test]),
        calibration=calibration(y[test], predicted),
        brier=float(np.mean((predicted - y[test]) ** 2)),
        train_leads=int(train.sum()),
        test_leads=int(test.sum()),
        positives=positives,
        points_per_logit=float(scale),
        over_all_leads=not data.has_handoffs,
    )


def _design(frame: pd.DataFrame, data: ReplayData, y: np.ndarray) -> tuple[np.ndarray, list[tuple]]:
    """Model columns: touchpoint counts, and one indicator per fit value except each
    attribute's most common value (the reference, coefficient 0). A column is left out when
    its leads are too few (MIN_LEVEL) or show only one outcome: its coefficient would run off
    to infinity. Values left out share the reference's points."""
    columns: list[tuple] = []
    blocks = []

    def both_outcomes(has: np.ndarray) -> bool:
        hits = y[has]
        return len(hits) >= MIN_LEVEL and 0 < hits.sum() < len(hits)

    for t in data.catalog.types:
        counts = frame[t].to_numpy(float)
        if counts.std() > 0 and both_outcomes(counts > 0):
            columns.append((TOUCHPOINT, t))
            blocks.append(counts)
    for attribute in data.catalog.attributes:
        codes = frame[attribute].to_numpy()
        present, sizes = np.unique(codes, return_counts=True)
        reference = present[np.argmax(sizes)]
        for code in present:
            if code != reference and both_outcomes(codes == code):
                columns.append((attribute, int(code)))
                blocks.append((codes == code).astype(float))
    x = np.column_stack(blocks) if blocks else np.zeros((len(frame), 0))
    return x, columns


def _design_like(frame: pd.DataFrame, data: ReplayData, columns: list[tuple]) -> np.ndarray:
    """The same model columns for other leads."""
    blocks = [
        frame[key].to_numpy(float) if kind == TOUCHPOINT else (frame[kind] == key).to_numpy(float)
        for kind, key in columns
    ]
    return np.column_stack(blocks) if blocks else np.zeros((len(frame), 0))


def _points_per_logit(data: ReplayData, coefficient: dict, current: Rules) -> float:
    """The unit that turns coefficients into points: scores under the fitted weights spread
    across all the replay's leads (their touchpoints to date) as much as current scores do."""
    totals = _touchpoints_to_date(data)
    touch = np.array([coefficient.get((TOUCHPOINT, t), (0.0,))[0] for t in data.catalog.types])
    fitted = totals @ touch
    for attribute, values in data.catalog.attributes.items():
        table = np.array(
            [coefficient.get((attribute, c), (0.0,))[0] for c in range(len(values) + 1)]
        )
        fitted += table[data.fit_codes[attribute]]
    now = totals @ data.touchpoint_points(current) + data.fit_points(current)
    spread = fitted.std()
    if now.std() == 0:  # today's rules score every lead alike: nothing to match
        return POINTS_TO_DOUBLE_THE_ODDS / math.log(2)
    return float(now.std() / spread) if spread > 0 else 1.0


def _current_score(frame: pd.DataFrame, data: ReplayData, points: dict) -> np.ndarray:
    """The current rules' score at handoff (fit + touchpoints up to the handoff)."""
    score = np.zeros(len(frame))
    for t in data.catalog.types:
        score += frame[t].to_numpy() * points.get((TOUCHPOINT, t), 0)
    for attribute, values in data.catalog.attributes.items():
        table = np.array([0.0] + [points.get((attribute, v), 0) for v in values])
        score += table[frame[attribute].to_numpy()]
    return score


def auc(y: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve: the chance a random positive scores above a random negative
    (ties count half), from the rank-sum statistic."""
    y = np.asarray(y, bool)
    positives, negatives = int(y.sum()), int((~y).sum())
    if not positives or not negatives:
        return float("nan")
    from scipy.stats import rankdata

    ranks = rankdata(score)
    return float((ranks[y].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def calibration(y: np.ndarray, predicted: np.ndarray, buckets: int = 10) -> pd.DataFrame:
    """Held-out leads in deciles of predicted probability: the average prediction next to
    the share that really had the outcome."""
    order = np.argsort(predicted, kind="stable")
    bucket = np.empty(len(order), dtype=int)
    bucket[order] = np.arange(len(order)) * buckets // max(len(order), 1)
    frame = pd.DataFrame({"bucket": bucket + 1, "predicted": predicted, "observed": y})
    return (
        frame.groupby("bucket")
        .agg(
            leads=("observed", "size"),
            predicted=("predicted", "mean"),
            observed=("observed", "mean"),
        )
        .reset_index()
    )
