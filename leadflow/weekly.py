"""The weekly calibration report: a week against the week before and the 8-week average.

Every table the page shows and the exported HTML holds is built here, formatted in the chosen
language, so the file and the page carry the same numbers by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from leadflow import drift, format, i18n, metric_definitions, metrics, recommend, sla, whatif
from leadflow.rejections import NO_REASON

HISTORY_WEEKS = 8  # the average the week is read against: the 8 weeks before it
DECISIONS_PER_REP = 3  # leads listed per rep; the rest are counted ("… and 17 more")
HOURS_UP_TO_DAYS = format.WAIT_IN_DAYS_AFTER  # a longer wait is said in working days
BACKTEST_NEEDS = ("touchpoints", "scoring_rules", "scoring_thresholds")  # as the What-if page

# The report's own words in Polish (the labels it shares with other pages are in leadflow.i18n).
PL = {
    "{n} leads need a decision. Each rep's {k} longest over the SLA are listed, the reps with "
    "the most waiting first; a wait over {days} working days is given in working days.": (
        "Na decyzję czeka leadów: {n}. Dla każdego handlowca pokazano {k} najdłużej "
        "przekraczające SLA, najpierw handlowców z największą liczbą czekających; czas ponad "
        "{days} dni robocze podano w dniach roboczych."
    ),
    "… and {n} more": "… i jeszcze {n}",
    "Backtest: had we applied the recommendation made each past month": (
        "Test wsteczny: gdybyśmy stosowali rekomendację z każdego minionego miesiąca"
    ),
    "The What-if page's recommended threshold (today's weights, a capacity of {capacity} "
    "handoffs per rep per week in the busiest month, the most won revenue), made at the start "
    "of each of the {n} months {first} – {last} from what was known before it: {thresholds}, "
    "against {current} in force. Each line is the average over those months of what the leads "
    "passed in the 3 months after brought in the end; only leads sales saw count, so the "
    "leads a lower threshold would have added (never seen by sales) bring nothing here. The "
    "recommendation brought more won revenue in {better} of the {n} months.": (
        "Próg rekomendowany na stronie What-if (dzisiejsze wagi, możliwości {capacity} "
        "przekazań na handlowca tygodniowo w najbardziej obciążonym miesiącu, najwięcej "
        "wygranych przychodów), wyznaczany na początku każdego z {n} miesięcy {first} – {last} "
        "z tego, co było wiadomo przed nim: {thresholds}, wobec obowiązującego {current}. Każdy "
        "wiersz to średnia z tych miesięcy tego, co przyniosły leady przepuszczone w 3 "
        "kolejnych miesiącach; liczą się tylko leady, które widział dział sprzedaży, więc leady "
        "dodane przez niższy próg (przez sprzedaż niewidziane) nie wnoszą tu nic. Rekomendacja "
        "przyniosła więcej wygranych przychodów w {better} z {n} miesięcy."
    ),
    "Too few months for a backtest (3 months before a month and 3 after it, in the What-if "
    "page's default period of the last 12 months).": (
        "Za mało miesięcy na test wsteczny (potrzeba 3 miesięcy przed danym miesiącem i 3 po "
        "nim, w domyślnym okresie strony What-if: ostatnich 12 miesiącach)."
    ),
    "No backtest: the data has no touchpoints, scoring rules or MQL threshold to replay.": (
        "Brak testu wstecznego: dane nie mają punktów styku, reguł scoringu lub progu MQL."
    ),
    "Threshold": "Próg",
    "Recommended each month": "Rekomendowany co miesiąc",
    "In force": "Obowiązujący",
    "SQLs": "SQL-e",
    "Won revenue": "Wygrane przychody",
    "Busiest month: handoffs per rep per week": (
        "Najbardziej obciążony miesiąc: przekazania na handlowca tygodniowo"
    ),
    "Passed, never seen by sales": "Przepuszczone, niewidziane przez sprzedaż",
    "no threshold fits": "żaden próg nie mieści się",
}


def t(text: str, lang: str) -> str:
    return PL.get(text, i18n.t(text, lang)) if lang == "pl" else text


def wait(business_hours: float | None, workday_hours: float | None, lang: str) -> str:
    """Business hours over the SLA as read aloud in a meeting, by the app's one rule for waits
    (format.wait): up to two working days in hours (13.5 h), longer in whole working days of
    the policy's working day (3,888 h: 486 days); in hours without a policy."""
    if i18n._missing(workday_hours) or not workday_hours or workday_hours <= 0:
        return i18n.hours(business_hours, lang)
    return format.wait(business_hours, lang, float(workday_hours))  # type: ignore[arg-type]


def last_full_week(as_of: datetime) -> date:
    """The Monday of the last Monday–Sunday week that ended by `as_of` (local time)."""
    last_day = as_of.date() - timedelta(days=1)  # the last day that is over at as_of
    if last_day.isoweekday() == 7:
        return last_day - timedelta(days=6)
    return last_day - timedelta(days=last_day.isoweekday() - 1 + 7)


def opening_week(as_of: datetime, last_lead_day: date) -> date:
    """The week the report opens on: the last full week by `as_of`, or, when the data stops
    earlier (an export imported months after it was taken), the week of its last lead."""
    last_data_week = last_lead_day - timedelta(days=last_lead_day.isoweekday() - 1)
    return min(last_full_week(as_of), last_data_week)


def window(week: date) -> tuple[date, date]:
    """(first Monday fetched, the week's Monday): the week and the 8 before it."""
    return week - timedelta(weeks=HISTORY_WEEKS), week


def week_span(week: date, lang: str) -> str:
    return f"{i18n.day(week, lang)} – {i18n.day(week + timedelta(days=6), lang)}"


class Data(NamedTuple):
    """What the report is built from, in the order build() takes it."""

    counts: pd.DataFrame
    by_reason: pd.DataFrame
    by_rep_week: pd.DataFrame
    by_channel: pd.DataFrame
    open_handoffs: pd.DataFrame
    score_outcomes: pd.DataFrame
    drift: pd.DataFrame


def read(
    week: date, shared: dict[str, Any], query: Callable[[str, dict[str, Any]], pd.DataFrame]
) -> Data:
    """The queries of the week's report. `shared` is the filters' parameters without the
    period; `query` runs a query by name (the page: cache.query, for who is looking; the mail
    command: db.run on its database)."""
    first_week, _ = window(week)
    weeks = {**shared, "first_week": first_week, "last_week": week}
    return Data(
        query("weekly_counts", weeks),
        query("weekly_rejections", weeks),
        query("sla_by_rep_week", {**shared, "start": first_week, "end": week + timedelta(days=6)}),
        query("weekly_channels", weeks),
        query("weekly_open_handoffs", {**shared, "week_end": week + timedelta(weeks=1)}),
        query(
            "weekly_score_outcomes",
            {**shared, "start": first_week, "end": week - timedelta(days=1)},
        ),
        query("weekly_drift", weeks),
    )


def default_capacity(counts: pd.DataFrame) -> int:
    """The 8-week average of every handoff a week (scored or not: the number the summary's
    average shows), rounded up as recommend.weekly_capacity_default says why. `counts` is
    weekly_counts, this week last."""
    return recommend.weekly_capacity_default(
        float(counts["handoffs"].iloc[:-1].sum()) / HISTORY_WEEKS
    )


@dataclass(frozen=True)
class Proposal:
    capacity: float
    current_per_week: float
    threshold: int | None  # None: every handoff already fits, nothing to raise
    per_week: float
    handoffs_lost: int
    accepted_lost: int
    won_lost: int
    revenue_lost: float
    scored: bool = True  # False: no handoff had a score at handoff, so no threshold is measured


def propose(
    score_outcomes: pd.DataFrame,
    capacity: float,
    weeks: int,
    handoffs_per_week: float | None = None,
) -> Proposal:
    """The threshold to propose when the handoffs of the last `weeks`, per week, exceed
    `capacity` (unrounded), chosen as the What-if page's recommendation chooses
    (recommend.best_index): among the scores T whose handoffs scored T or more fit, those
    keeping the most won revenue, then the most accepted handoffs, and of these the highest
    (handoffs neither accepted nor won are dropped first). Per week here means the average over
    the `weeks`: the report has no split of each week by score. Within capacity nothing is
    proposed: leads below today's threshold were never handed off, so the weekly figures cannot
    tell what lowering it would bring (the What-if page's recommendation can).
    `handoffs_per_week` is every handoff of those weeks (the summary's 8-week average), scored
    or not, so the proposal and the table beside it state one number."""
    scores = score_outcomes.sort_values("score")
    total = float(scores["handoffs"].sum())
    now = total / weeks if handoffs_per_week is None else handoffs_per_week
    if scores.empty:
        return Proposal(capacity, now, None, now, 0, 0, 0, 0.0, scored=False)
    unscored = now * weeks - total  # handoffs without a score stay: no threshold drops them
    if now <= capacity:
        return Proposal(capacity, now, None, now, 0, 0, 0, 0.0)
    # Candidate thresholds: each score handed off, and one above them all (hand off nothing).
    candidates = np.r_[scores["score"].to_numpy(), scores["score"].max() + 1]

    def kept_from(column: str) -> np.ndarray:  # the total scored ≥ each candidate
        return np.r_[scores[column].fillna(0).to_numpy(float)[::-1].cumsum()[::-1], 0.0]

    workload = kept_from("handoffs") / weeks
    # Revenue first; accepted handoffs break a tie (a won deal is worth far more than 1 PLN,
    # and the weights keep the value falling as the threshold rises, as best_index needs).
    value = kept_from("revenue_won") + kept_from("accepted") * 1e-3 + 1e-6
    best = int(recommend.best_index(workload, value, capacity))
    threshold = int(candidates[best]) if best >= 0 else int(candidates[-1])
    below = scores[scores["score"] < threshold]
    return Proposal(
        capacity,
        now,
        threshold,
        (total + unscored - below["handoffs"].sum()) / weeks,
        int(below["handoffs"].sum()),
        int(below["accepted"].sum()),
        int(below["won"].sum()),
        float(below["revenue_won"].sum()),
    )


@dataclass(frozen=True)
class Report:
    week: date
    lang: str
    filters: str
    summary: pd.DataFrame
    rejections: pd.DataFrame
    sla_by_rep: pd.DataFrame
    channels: pd.DataFrame
    decisions: pd.DataFrame
    proposal: Proposal
    proposal_text: str
    figure: go.Figure
    alerts: pd.DataFrame  # drift.alerts: only the groups that moved significantly this week
    decisions_total: int = 0  # every lead that needs a decision; `decisions` lists a few
    backtest_text: str = ""
    backtest: pd.DataFrame = field(default_factory=pd.DataFrame)  # two lines, or empty

    @property
    def title(self) -> str:
        return (
            f"{i18n.t('Weekly calibration report', self.lang)}: {week_span(self.week, self.lang)}"
        )


def _columns(lang: str) -> tuple[str, str, str]:
    return (
        i18n.t("This week", lang),
        i18n.t("Previous week", lang),
        i18n.t("8-week average", lang),
    )


def summary(counts: pd.DataFrame, week: date, lang: str) -> pd.DataFrame:
    """MQLs, handoffs, accepted, rejected, SLA breaches and MQL→SQL: the week, the week before,
    the 8-week average (for the rate: pooled over the 8 weeks) and the change."""
    frame = counts.assign(week=pd.to_datetime(counts["week"]).dt.date).set_index("week")
    this, before = frame.loc[week], frame.loc[week - timedelta(weeks=1)]
    history = frame.loc[[week - timedelta(weeks=n) for n in range(1, HISTORY_WEEKS + 1)]]
    now_label, before_label, average_label = _columns(lang)
    rows = []
    for column in ("mqls", "handoffs", "accepted", "rejected", "sla_breaches"):
        moved = metrics.Headline("", float(this[column]), float(before[column]), "count").change
        rows.append(
            {
                i18n.t("Measure", lang): metric_definitions.get(column).name(lang),
                now_label: i18n.count(this[column], lang),
                before_label: i18n.count(before[column], lang),
                average_label: i18n.number(history[column].mean(), lang, 1),
                i18n.t("Change", lang): i18n.change(moved, lang),
            }
        )

    def rate(rows: pd.DataFrame | pd.Series) -> float | None:
        return metrics.mql_to_sql_rate(
            float(rows["handoffs_accepted"].sum()), float(rows["handoffs_rejected"].sum())
        )

    now, then = rate(this), rate(before)
    rows.append(
        {
            i18n.t("Measure", lang): i18n.t("MQL→SQL rate (handoffs of the week)", lang),
            now_label: i18n.pct(now, lang),
            before_label: i18n.pct(then, lang),
            average_label: i18n.pct(rate(history), lang),
            i18n.t("Change", lang): i18n.points(
                None if now is None or then is None else (now - then) * 100, lang
            ),
        }
    )
    return pd.DataFrame(rows)


def rejections(by_reason: pd.DataFrame, week: date, lang: str) -> pd.DataFrame:
    """Rejections per reason: the week, the week before, the 8-week average; most this week
    first."""
    frame = by_reason.assign(week=pd.to_datetime(by_reason["week"]).dt.date)
    table = frame.pivot_table(index="reason", columns="week", values="rejected", aggfunc="sum")
    history = [week - timedelta(weeks=n) for n in range(1, HISTORY_WEEKS + 1)]
    table = table.reindex(columns=[week, *history]).fillna(0)  # history starts with last week
    out = pd.DataFrame(
        {
            "now": table[week],
            "before": table[week - timedelta(weeks=1)],
            "average": table[history].sum(axis=1) / HISTORY_WEEKS,
        }
    ).sort_values(["now", "average"], ascending=False)
    now_label, before_label, average_label = _columns(lang)
    return pd.DataFrame(
        {
            i18n.t("Reason", lang): [
                i18n.value(r, lang) if r == NO_REASON else r for r in out.index
            ],
            now_label: [i18n.count(v, lang) for v in out["now"]],
            before_label: [i18n.count(v, lang) for v in out["before"]],
            average_label: [i18n.number(v, lang, 1) for v in out["average"]],
        }
    )


def sla_by_rep(by_rep_week: pd.DataFrame, week: date, lang: str) -> pd.DataFrame:
    """SLA breaches per rep (sla_by_rep_week.sql over the 9 weeks): the week's handoffs,
    compliance and breaches, the breaches of the week before and the 8-week average."""
    reps = sla.with_compliance(by_rep_week[~by_rep_week["all_reps"]])
    reps = reps.assign(week=pd.to_datetime(reps["week"]).dt.date)
    history = {week - timedelta(weeks=n) for n in range(1, HISTORY_WEEKS + 1)}
    now_label, before_label, average_label = _columns(lang)
    rows = []
    for rep, weeks in reps.groupby("rep", sort=True):
        this = weeks[weeks["week"] == week]
        before = weeks[weeks["week"] == week - timedelta(weeks=1)]
        past = weeks[weeks["week"].isin(history)]
        rows.append(
            {
                i18n.t("Sales rep", lang): rep,
                i18n.t("Handoffs this week", lang): i18n.count(this["handoffs"].sum(), lang),
                i18n.t("SLA compliance", lang): i18n.pct(
                    sla.compliance(this["answered_within_sla"].sum(), this["sla_due"].sum()),
                    lang,
                ),
                f"{i18n.t('SLA breaches', lang)}: {now_label}": i18n.count(
                    this["sla_breaches"].sum(), lang
                ),
                f"{i18n.t('SLA breaches', lang)}: {before_label}": i18n.count(
                    before["sla_breaches"].sum(), lang
                ),
                f"{i18n.t('SLA breaches', lang)}: {average_label}": i18n.number(
                    past["sla_breaches"].sum() / HISTORY_WEEKS, lang, 1
                ),
            }
        )
    return pd.DataFrame(rows)


def channels(by_channel: pd.DataFrame, week: date, lang: str) -> pd.DataFrame:
    """MQL→SQL of the week's handoffs per channel, against the week before and the 8 weeks."""
    frame = by_channel.assign(week=pd.to_datetime(by_channel["week"]).dt.date)
    history = {week - timedelta(weeks=n) for n in range(1, HISTORY_WEEKS + 1)}
    now_label, before_label, average_label = _columns(lang)

    def rate(rows: pd.DataFrame) -> float | None:
        return metrics.mql_to_sql_rate(float(rows["accepted"].sum()), float(rows["rejected"].sum()))

    rows = []
    for channel, weeks in frame.groupby("channel", sort=True):
        this = weeks[weeks["week"] == week]
        rows.append(
            {
                i18n.t("Channel", lang): i18n.value(channel, lang),
                i18n.t("Handoffs this week", lang): i18n.count(this["handoffs"].sum(), lang),
                i18n.t("Accepted", lang): i18n.count(this["accepted"].sum(), lang),
                i18n.t("Rejected", lang): i18n.count(this["rejected"].sum(), lang),
                f"MQL→SQL: {now_label}": i18n.pct(rate(this), lang),
                f"MQL→SQL: {before_label}": i18n.pct(
                    rate(weeks[weeks["week"] == week - timedelta(weeks=1)]), lang
                ),
                f"MQL→SQL: {average_label}": i18n.pct(
                    rate(weeks[weeks["week"].isin(history)]), lang
                ),
            }
        )
    return pd.DataFrame(rows)


def decisions(
    open_handoffs: pd.DataFrame, lang: str, per_rep: int = DECISIONS_PER_REP
) -> pd.DataFrame:
    """The open handoffs past the SLA as a meeting goes through them: rep by rep (the most
    waiting first, the name on the rep's first row), each rep's `per_rep` longest over the SLA,
    then a row '… and N more' for a rep with more. The SLA page lists every one; the report
    stays short."""
    columns = [
        i18n.t("Sales rep", lang),
        "Lead",
        i18n.t("Company", lang),
        i18n.t("Channel", lang),
        i18n.t("Score at handoff", lang),
        i18n.t("Handed off", lang),
        i18n.t("Over the SLA", lang),
    ]
    waiting = open_handoffs.assign(rep=open_handoffs["rep"].fillna("–")).sort_values(
        ["overdue_business_hours", "handoff_at", "lead_id"], ascending=[False, True, True]
    )
    per = waiting.groupby("rep", sort=False).size()
    rows: list[list[str]] = []
    for rep in sorted(per.index, key=lambda r: (-per[r], r)):
        leads = waiting[waiting["rep"] == rep]
        for n, lead in enumerate(leads.head(per_rep).itertuples()):
            handed = pd.Timestamp(lead.handoff_at)
            rows.append(
                [
                    rep if n == 0 else "",  # named once: the rows below are the same rep's
                    lead.lead_id,
                    "–" if pd.isna(lead.company) else lead.company,
                    lead.channel,
                    i18n.count(lead.score_at_handoff, lang),
                    f"{i18n.day(handed.date(), lang)}{i18n.NBSP}{handed:%H:%M}",
                    wait(lead.overdue_business_hours, lead.workday_hours, lang),
                ]
            )
        if len(leads) > per_rep:
            more = t("… and {n} more", lang).format(n=i18n.count(len(leads) - per_rep, lang))
            more = more.replace(" ", i18n.NBSP)  # one line in a narrow column
            rows.append(["", more, "", "", "", "", ""])
    return pd.DataFrame(rows, columns=columns)


def decisions_note(total: int, lang: str) -> str:
    return t(
        "{n} leads need a decision. Each rep's {k} longest over the SLA are listed, the reps "
        "with the most waiting first; a wait over {days} working days is given in working days.",
        lang,
    ).format(n=i18n.count(total, lang), k=DECISIONS_PER_REP, days=HOURS_UP_TO_DAYS)


@dataclass(frozen=True)
class Backtest:
    """recommend.backtest run as the What-if page runs it by default, and what it was run with:
    `rows` index `months` (the replay's months) by their "month" column."""

    rows: pd.DataFrame
    months: tuple[date, ...]
    capacity: float  # handoffs per rep per week in the busiest month
    current: int  # the threshold in force


def backtest(data: whatif.ReplayData, outcome_months: pd.DataFrame) -> Backtest:
    """The What-if page's backtest at its defaults: today's rules, its default capacity (the
    current busiest month, rounded up to 5), the most expected won revenue, estimates counted.
    `data` is the replay of the What-if page's default period; `outcome_months` is
    recommend_outcome_months for the same leads. The numbers are recommend.py's."""
    catalog = data.catalog
    current = int(catalog.current_threshold)
    if data.n_leads == 0:
        return Backtest(pd.DataFrame(), tuple(data.months), 0.0, current)
    tmax = whatif.max_threshold_for(current)
    scored = whatif.replay(data, catalog.current, tmax)
    capacity = float(whatif.default_capacity(scored.at(current)))
    best = whatif._scores(data, catalog.current)[1]
    rows = recommend.backtest(
        recommend.history_of(data, best, outcome_months), capacity, current, tmax
    )
    return Backtest(rows, tuple(data.months), capacity, current)


def backtest_period(first_day: date, last_day: date) -> tuple[date, date]:
    """The What-if page's default period (DataRange.default_start): the last twelve months, or
    all the data when shorter. The backtest reads it so its numbers are that page's."""
    return max(first_day, last_day - timedelta(days=364)), last_day


def backtest_summary(result: Backtest | None, lang: str) -> tuple[str, pd.DataFrame]:
    """The backtest in a sentence and two lines (recommended each month, in force): the
    average over the backtested months of SQLs, won revenue, the busiest month's handoffs per
    rep per week and the passed leads sales never saw, each over the 3 months after."""
    if result is None:
        no_data = (
            "No backtest: the data has no touchpoints, scoring rules or MQL threshold to replay."
        )
        return t(no_data, lang), pd.DataFrame()
    rows = result.rows
    if rows.empty:
        too_few = (
            "Too few months for a backtest (3 months before a month and 3 after it, in the "
            "What-if page's default period of the last 12 months)."
        )
        return t(too_few, lang), pd.DataFrame()
    # A month whose recommendation fits no threshold has nothing to compare; it stays counted
    # in the months and is said among the thresholds.
    made = rows[rows["recommended"].notna()]
    recommended = sorted({int(v) for v in made["recommended"]})
    thresholds = (
        "–"
        if not recommended
        else str(recommended[0])
        if len(recommended) == 1
        else f"{recommended[0]}–{recommended[-1]}"
    )
    if len(made) < len(rows):
        thresholds += f" ({t('no threshold fits', lang)}: {len(rows) - len(made)})"
    better = int((made["recommended_revenue"] > made["in_force_revenue"]).sum()) if len(made) else 0

    def line(side: str) -> list[str]:
        mean = {m: made[f"{side}_{m}"].mean() if len(made) else None for m in MEASURES}
        return [
            i18n.number(mean["sqls"], lang, 1),
            i18n.pln(mean["revenue"], lang),
            i18n.number(mean["workload"], lang, 2),
            i18n.number(mean["untested"], lang, 1),
        ]

    table = pd.DataFrame(
        [
            [t("Recommended each month", lang), *line("recommended")],
            [f"{t('In force', lang)} ({result.current})", *line("in_force")],
        ],
        columns=[
            t("Threshold", lang),
            t("SQLs", lang),
            t("Won revenue", lang),
            t("Busiest month: handoffs per rep per week", lang),
            t("Passed, never seen by sales", lang),
        ],
    )
    months = [result.months[m] for m in rows["month"]]
    text = t(
        "The What-if page's recommended threshold (today's weights, a capacity of {capacity} "
        "handoffs per rep per week in the busiest month, the most won revenue), made at the "
        "start of each of the {n} months {first} – {last} from what was known before it: "
        "{thresholds}, against {current} in force. Each line is the average over those months "
        "of what the leads passed in the 3 months after brought in the end; only leads sales "
        "saw count, so the leads a lower threshold would have added (never seen by sales) "
        "bring nothing here. The recommendation brought more won revenue in {better} of the "
        "{n} months.",
        lang,
    )
    return text.format(
        capacity=i18n.number(result.capacity, lang, 0),
        n=len(rows),
        first=i18n.month(months[0], lang),
        last=i18n.month(months[-1], lang),
        thresholds=thresholds,
        current=result.current,
        better=better,
    ), table


MEASURES = ("sqls", "revenue", "workload", "untested")


def describe(proposal: Proposal, lang: str) -> str:
    if not proposal.scored:
        return f"{i18n.t('PROPOSAL', lang)}: {metric_definitions.why_not_measured('scores', lang)}."
    per_week = i18n.number(proposal.current_per_week, lang, 1)
    capacity = i18n.count(proposal.capacity, lang)
    if proposal.threshold is None:
        template = i18n.t(
            "PROPOSAL: the last 8 weeks brought {now} handoffs a week, within the capacity of "
            "{capacity}: no change to the threshold is needed.",
            lang,
        )
        return template.format(now=per_week, capacity=capacity)
    template = i18n.t(
        "PROPOSAL: to keep handoffs within {capacity} a week, hand off only leads scored "
        "{threshold} or more. Over the last 8 weeks that would have meant {after} handoffs a "
        "week instead of {now}: {lost} fewer handoffs, of which {accepted} were accepted as SQL "
        "and {won} became won deals worth {revenue}.",
        lang,
    )
    return template.format(
        capacity=capacity,
        threshold=proposal.threshold,
        after=i18n.number(proposal.per_week, lang, 1),
        now=per_week,
        lost=i18n.count(proposal.handoffs_lost, lang),
        accepted=i18n.count(proposal.accepted_lost, lang),
        won=i18n.count(proposal.won_lost, lang),
        revenue=i18n.pln(proposal.revenue_lost, lang),
    )


def figure(counts: pd.DataFrame, week: date, lang: str) -> go.Figure:
    """MQLs, handoffs, accepted and rejected over the nine weeks, the picked week last."""
    frame = counts.assign(week=pd.to_datetime(counts["week"]).dt.date)
    labels = [i18n.day(w, lang) for w in frame["week"]]
    fig = go.Figure()
    # Colours set here, not left to Streamlit's theme: the exported file has no theme.
    for column, label, colour in (
        ("mqls", "MQLs", "#0068c9"),
        ("handoffs", "Handoffs", "#83c9ff"),
        ("accepted", "Accepted", "#29b09d"),
        ("rejected", "Rejected", "#ff8c8c"),
    ):
        fig.add_bar(x=labels, y=frame[column], name=i18n.t(label, lang), marker_color=colour)
    fig.update_layout(
        barmode="group",
        template="plotly_white",
        height=320,
        margin=dict(l=10, r=10, t=40, b=10),
        title=i18n.t("Week by week (weeks named by their Monday)", lang),
        legend=dict(orientation="h", y=-0.2),
        separators=",\u00a0" if lang == "pl" else ".,",
        yaxis_title=i18n.t("leads", lang),
    )
    return fig


DRIFT_KINDS = {"channel": "Channel", "campaign": "Campaign", "rep": "Sales rep"}
DRIFT_METRICS = {
    "sql_rate": "MQL→SQL of decided handoffs",
    "rejection_rate": "Rejection rate",
    "sla_compliance": "SLA compliance",
}


def alert_lines(alerts: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """Each alert as (plain text in `lang`, the app-relative link to the page explaining it)."""
    return [
        (
            f"{i18n.t(DRIFT_KINDS[row.kind], lang)} {i18n.value(row.group, lang)} · "
            f"{i18n.t(DRIFT_METRICS[row.metric], lang)}: {i18n.pct(row.this_week, lang)} "
            f"{i18n.t('this week against', lang)} {i18n.pct(row.baseline, lang)} "
            f"{i18n.t('in the 8 weeks before', lang)} (p {i18n.t('adjusted', lang)} "
            f"{row.p_adjusted:.3g})",
            row.link,
        )
        for row in alerts.itertuples()
    ]


def build(
    week: date,
    lang: str,
    filters: str,
    counts: pd.DataFrame,
    by_reason: pd.DataFrame,
    by_rep_week: pd.DataFrame,
    by_channel: pd.DataFrame,
    open_handoffs: pd.DataFrame,
    score_outcomes: pd.DataFrame,
    drift_counts: pd.DataFrame,
    capacity: float,
    backtest: Backtest | None = None,
) -> Report:
    """The report of `week`. `backtest`: the What-if recommendation's backtest (weekly.backtest),
    None when the data has nothing to replay."""
    history = pd.to_datetime(counts["week"]).dt.date
    handed = counts.loc[(history >= week - timedelta(weeks=HISTORY_WEEKS)) & (history < week)]
    proposal = propose(
        score_outcomes, capacity, HISTORY_WEEKS, float(handed["handoffs"].sum()) / HISTORY_WEEKS
    )
    backtest_text, backtest_table = backtest_summary(backtest, lang)
    return Report(
        week=week,
        lang=lang,
        filters=filters,
        summary=summary(counts, week, lang),
        rejections=rejections(by_reason, week, lang),
        sla_by_rep=sla_by_rep(by_rep_week, week, lang),
        channels=channels(by_channel, week, lang),
        decisions=decisions(open_handoffs, lang),
        proposal=proposal,
        proposal_text=describe(proposal, lang),
        figure=figure(counts, week, lang),
        alerts=drift.alerts(drift_counts, week),
        decisions_total=len(open_handoffs),
        backtest_text=backtest_text,
        backtest=backtest_table,
    )
