"""The what-if page's parts: the candidate's controls, the replay's tiles, table and charts,
suggested weights, scenarios and the recommended threshold, each drawn from one Replay."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from leadflow import db, format, i18n, recommend, scenarios, weights, whatif
from leadflow.app import cache, charts, language, markup, page, tables, whatif_cache
from leadflow.app.access import viewer
from leadflow.app.filters import Filters
from leadflow.viewers import OPEN, Viewer

CURRENT = "(current rules)"


def T(text: str) -> str:
    """A text of the page in the page's language."""
    return i18n.t(text, language.current())


@dataclass(frozen=True, eq=False)
class Replay:
    """What every part of the page reads: the period's replay data and today's rules at
    today's threshold, for the viewer."""

    filters: Filters
    lang: str
    catalog: whatif.Catalog
    data: whatif.ReplayData
    now: whatif.Outcome
    touchpoints_in_data: bool
    who: Viewer
    keys: dict[tuple[str, str], str]  # each weight's widget key and URL parameter
    max_threshold: int
    months: list[str]

    @property
    def current_points(self) -> dict[tuple[str, str], int]:
        return self.catalog.current.as_dict()


@dataclass(frozen=True, eq=False)
class Candidate:
    """The rules the viewer set, replayed."""

    rules: whatif.Rules
    scored: whatif.Scored


def open_replay(filters: Filters) -> Replay:
    """The replay for the filters, with a caption for each table the data lacks; stops the page
    with a plain message when there is nothing to replay."""
    lang = language.current()
    lacking = page.missing("touchpoints", "scoring_rules", "scoring_thresholds")
    for note in whatif.missing_notes(lacking, lang):
        st.caption(note)
    catalog = whatif_cache.catalog()
    data = whatif_cache.load(filters)
    if data.n_leads == 0:
        st.info(
            T(
                "No leads were created in the period with these filters. Widen the period or "
                "clear a filter in the sidebar."
            )
        )
        st.stop()
    touchpoints_in_data = "touchpoints" not in lacking
    if not catalog.attributes and not touchpoints_in_data:
        st.info(whatif.NOTHING_TO_SCORE[lang])
        st.stop()
    return Replay(
        filters=filters,
        lang=lang,
        catalog=catalog,
        data=data,
        now=whatif_cache.scored(data, catalog.current, filters).at(catalog.current_threshold),
        touchpoints_in_data=touchpoints_in_data,
        who=viewer(),  # scenarios are per person
        keys=whatif.weight_keys(catalog),
        max_threshold=whatif.max_threshold_for(catalog.current_threshold),
        months=[m.strftime("%Y-%m") for m in data.months],
    )


def rule_label(rule_type: str, match: str, lang: str) -> str:
    """whatif.rule_label in `lang`: 'roi calculator' / 'kalkulator ROI', 'industry: Finance' /
    'branża: Finanse'; a value of the data the app does not know stays as it is."""
    label = whatif.rule_label(rule_type, match)
    if lang != "pl":
        return label
    if rule_type == whatif.TOUCHPOINT:
        return i18n.value(label, lang)
    kind = label[: -len(match) - 2] if match else label.rstrip(": ")
    return f"{i18n.PL.get(kind, kind)}: {i18n.value(match, lang)}"


def weight_changes(view: Replay, rules: whatif.Rules) -> list[str]:
    """whatif.weight_changes in the page's language ('kalkulator ROI 25 → 40')."""
    current = view.catalog.current
    if view.lang != "pl":
        return whatif.weight_changes(current, rules, view.catalog)
    listed = [rule for group in view.catalog.shown().values() for rule in group]
    now, then = current.as_dict(), rules.as_dict()
    listed += sorted((set(now) | set(then)) - set(listed))
    changes = [
        f"{rule_label(*rule, view.lang)} {now.get(rule, 0)} → {then.get(rule, 0)}"
        for rule in listed
        if now.get(rule, 0) != then.get(rule, 0)
    ]
    if rules.half_life_days != current.half_life_days:
        changes.append(f"okres półtrwania punktów {rules.half_life_days or 'brak'}")
    return changes


def scenario_line(view: Replay, threshold: int, rules: whatif.Rules) -> str:
    """whatif.scenario_line, its changed weights named in the page's language."""
    line = whatif.scenario_line(threshold, rules, view.catalog, view.lang)
    if view.lang != "pl":
        return line
    head = line.split("; ", 1)[0]
    changes = weight_changes(view, rules)
    return f"{head}; " + (
        "zmienione: " + "; ".join(changes) if changes else "wagi jak w obecnych regułach"
    )


_ENGLISH_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")
_UNITS_PL = (
    (" M PLN", f"{format.NBSP}mln zł"),
    (" k PLN", f"{format.NBSP}tys. zł"),
    (" PLN", f"{format.NBSP}zł"),
    (" pp", f"{format.NBSP}p.p."),
    (" of ", " z "),
)


def localized(text: str, lang: str) -> str:
    """A cell the replay wrote in English figures ('1,234.5', '3 of 10 (30.0%)', '7.03 M PLN')
    as Polish writes them ('1 234,5', '3 z 10 (30,0%)', '7,03 mln zł')."""
    if lang != "pl" or not isinstance(text, str):
        return text
    text = _ENGLISH_NUMBER.sub(lambda m: m[0].replace(",", format.NBSP).replace(".", ","), text)
    for english, polish in _UNITS_PL:
        text = text.replace(english, polish)
    return text


def decimals(
    frame: pd.DataFrame, columns: dict[str, int], lang: str, unit: str = ""
) -> pd.DataFrame:
    """In Polish, number columns as text with a decimal comma (the grid's printf formats know
    none); in English the frame as it is."""
    if lang != "pl":
        return frame
    return frame.assign(
        **{
            c: [
                "–" if format._missing(v) else format.number(v, lang, digits) + unit
                for v in frame[c]
            ]
            for c, digits in columns.items()
        }
    )


def workload_column(label: str, lang: str):
    """Handoffs per rep per week to two decimals: a number in English, text with a decimal
    comma in Polish (see decimals)."""
    if lang == "pl":
        return st.column_config.TextColumn(label)
    return st.column_config.NumberColumn(label, format="%.2f")


def month_name(month: str, lang: str) -> str:
    """A replay month '2026-03' as 'Mar 2026' / 'mar 2026'; English as it was."""
    if lang != "pl":
        return month
    return format.month(date(int(month[:4]), int(month[5:7]), 1), lang)


# Words of the what-if charts (leadflow.app.charts draws them in English).
_CHART_WORDS = (
    "current rules", "candidate: seen by sales", "candidate: untested",
    "recorded MQLs (history)", "MQLs", "candidate", "per rep per week",
    "recall: won deals kept", "precision: won per lead sales saw", "MQL threshold", "share",
    "current", "current = candidate", "perfect calibration", "deciles of held-out leads",
    "predicted", "observed", "every threshold", "recommended", "expected won revenue",
    "expected SQLs", "handoffs per rep per week, busiest month",
)  # fmt: skip
_CHART_PHRASES_PL = (
    ("threshold ", "próg "), (" of won deals kept", " wygranych utrzymanych"),
    (" of passed leads won", " przepuszczonych leadów wygranych"), ("predicted ", "przewidywane "),
    (", observed ", ", obserwowane "), (" leads)", " leadów)"), (" per rep per week", " na "
     "handlowca tygodniowo"), ("capacity ", "możliwości "), ("recommended", "zalecany"),
    ("current", "obecny"),
)  # fmt: skip


def chart_in_language(fig):
    """A what-if chart in the page's language: legend names, axis titles, marks and hover
    texts, and numbers with a decimal comma."""
    lang = language.current()
    if lang != "pl":
        return fig

    def words(text):
        if not isinstance(text, str):
            return text
        if text in _CHART_WORDS:
            return T(text)
        found = re.fullmatch(r"(.+) \((\d+)\)", text)  # a mark: "recommended (71)"
        if found and found[1] in _CHART_WORDS:
            return f"{T(found[1])} ({found[2]})"
        for english, polish in _CHART_PHRASES_PL:
            text = text.replace(english, polish)
        return localized(text, lang)

    for trace in fig.data:
        trace.name = words(trace.name)
        if getattr(trace, "hovertemplate", None):
            trace.hovertemplate = words(trace.hovertemplate)
    for axis in ("xaxis", "yaxis", "yaxis2"):
        title = getattr(fig.layout, axis).title.text if axis in fig.layout else None
        if title:
            getattr(fig.layout, axis).title.text = words(title)
    for annotation in fig.layout.annotations:
        annotation.text = words(annotation.text)
    fig.update_layout(separators=f",{format.NBSP}")
    return fig


# The candidate's controls.


def reset_weights(view: Replay) -> None:
    for rule, key in view.keys.items():
        st.session_state[key] = view.current_points.get(rule, 0)
    st.session_state["decay"] = view.catalog.current.half_life_days or 0


def apply_scenario(
    view: Replay, threshold: int, points: dict, half_life: int | None, capacity: int | None = None
) -> None:
    """Set every candidate control (callbacks run before the widgets are drawn again)."""
    for rule, key in view.keys.items():
        st.session_state[key] = int(points.get(rule, 0))
    st.session_state["decay"] = half_life or 0
    st.session_state["threshold"] = int(min(max(threshold, 1), view.max_threshold))
    if capacity:
        st.session_state["capacity"] = int(capacity)


CHANGED = "● "  # before the label of a weight the candidate changed


def _changed(key: str, now_points: int) -> bool:
    """Whether the weight under `key` holds other points than the current rules, before its
    input is drawn: from this session, or from the link on a first visit."""
    value = st.session_state.get(key, st.query_params.get(key))
    try:
        return value is not None and int(float(value)) != now_points
    except ValueError:
        return False  # a link's bad value: the input falls back to the current points


def weight_input(view: Replay, rule: tuple[str, str], column) -> int:
    now_points = view.current_points.get(rule, 0)
    name = (
        rule_label(*rule, view.lang)
        if rule[0] == whatif.TOUCHPOINT
        else i18n.value(rule[1], view.lang)
    )
    return column.number_input(
        (CHANGED if _changed(view.keys[rule], now_points) else "") + markup.text(name),
        min_value=-100,
        max_value=300,
        value=now_points,
        step=1,
        key=view.keys[rule],
        bind="query-params",
        help=T("Current rules: {points} points").format(points=now_points)
        + ("" if rule in view.catalog.has_rule else T(" (no rule: scores 0)")),
    )


def weight_inputs(view: Replay) -> dict[tuple[str, str], int]:
    """A number input per weight, four to a row under each group's heading."""
    points: dict[tuple[str, str], int] = {}
    for group, rules in view.catalog.shown().items():
        if group == whatif.TOUCHPOINT:
            if not view.touchpoints_in_data:  # weights of touchpoints nobody had change nothing
                points.update({r: view.current_points.get(r, 0) for r in rules})
                continue
            st.markdown(T("**Touchpoints** (points per touchpoint)"))
        else:
            heading = T(whatif.rule_label(group, "").rstrip(": ")).capitalize()
            st.markdown(T("**{group}** (fit points)").format(group=heading))
        columns = st.columns(4)
        for i, rule in enumerate(rules):
            points[rule] = weight_input(view, rule, columns[i % 4])
    return points


def candidate_rules(view: Replay) -> Candidate:
    """The candidate's weights and decay, in an expander, with a line naming what changed."""
    with st.expander(T("Points per touchpoint and fit attribute (the candidate's weights)")):
        st.caption(
            T(
                "Each weight starts at the current rules' points; ● marks one you changed. A "
                "changed weight is written to the page address, so a copied link carries the "
                "candidate."
            )
        )
        points = weight_inputs(view)
        # Worded now, not when called: a widget's format_func may be called after the run.
        decay_words = {d: T("none") if d == 0 else f"{d} {T('days')}" for d in whatif.DECAY_OPTIONS}
        decay = st.selectbox(
            T("Decay: half-life of touchpoint points"),
            whatif.DECAY_OPTIONS,
            index=whatif.DECAY_OPTIONS.index(view.catalog.current.half_life_days or 0)
            if (view.catalog.current.half_life_days or 0) in whatif.DECAY_OPTIONS
            else 0,
            format_func=decay_words.__getitem__,
            key="decay",
            bind="query-params",
            help=T("Touchpoints lose half their points after this long (aged by whole months)."),
        )
        st.button(T("Reset to the current rules"), on_click=reset_weights, args=(view,))
    rules = whatif.Rules.of(points, decay or None)
    changes = weight_changes(view, rules)
    st.caption(
        T("Candidate weights: ")
        + (markup.text("; ".join(changes)) if changes else T("the same as the current rules"))
    )
    return Candidate(rules, whatif_cache.scored(view.data, rules, view.filters))


# The replay: tiles, the comparison table, charts.


def outcome_tiles(view: Replay, then: whatif.Outcome, capacity: int) -> None:
    lang = view.lang
    tiles = page.tiles(5)

    def against_current(difference: int) -> str:
        signed = ("+" if difference > 0 else "") + format.count(difference, lang)
        return T("{change} vs current").format(change=signed)

    tiles[0].metric(
        T("MQLs"),
        format.count(then.mqls, lang),
        against_current(then.mqls - view.now.mqls) if then.mqls != view.now.mqls else None,
        delta_color="off",
        help=T(
            "Leads whose score reaches the threshold. {untested} of them were never shown to "
            "sales (untested)."
        ).format(untested=format.count(then.untested, lang)),
        border=True,
    )
    peak = then.peak_handoffs_per_rep_week
    over = peak is not None and peak > capacity
    tiles[1].metric(
        T("Per rep per week"),
        "–" if peak is None else format.number(peak, lang, 1),
        None
        if peak is None
        else (
            T("over capacity ({capacity})") if over else T("within capacity ({capacity})")
        ).format(capacity=format.count(capacity, lang)),
        delta_color="red" if over else "green",
        delta_arrow="off",
        help=T(
            "Handoffs per sales rep per week in the busiest month of the replay, against the "
            "capacity you set."
        ),
        border=True,
    )
    tiles[2].metric(
        T("Won deals missed"),
        format.count(then.won_missed, lang),
        against_current(then.won_missed - view.now.won_missed)
        if then.won_missed != view.now.won_missed
        else None,
        delta_color="inverse",
        help=T(
            "Won deals whose leads the candidate would not pass: {won} of {total} kept ({recall} "
            "recall)."
        ).format(
            won=format.count(then.won, lang),
            total=format.count(then.won_total, lang),
            recall=format.pct(then.recall, lang=lang),
        ),
        border=True,
    )
    tiles[3].metric(
        T("Revenue missed"),
        format.pln_short(then.revenue_missed, lang),
        help=T("Revenue of the won deals whose leads the candidate would not pass."),
        border=True,
    )
    tiles[4].metric(
        T("Rejections avoided"),
        format.count(view.now.rejected - then.rejected, lang),
        help=T(
            "Leads sales rejected under the current rules ({now}) that the candidate would not "
            "pass, less the rejected leads it adds ({then} rejections in all)."
        ).format(
            now=format.count(view.now.rejected, lang),
            then=format.counted(then.rejected, "odrzucenie", "odrzuceń", lang, "odrzucenia")
            if lang == "pl"
            else format.count(then.rejected),
        ),
        border=True,
    )


def comparison_table(a: whatif.Outcome, b: whatif.Outcome, a_label: str, b_label: str, change: str):
    """whatif.comparison of two outcomes, every row shown."""
    lang = language.current()
    table = whatif.comparison(a, b)
    table = table.assign(
        measure=[T(m) for m in table["measure"]],
        **{c: [localized(v, lang) for v in table[c]] for c in ("current", "candidate", "change")},
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=35 * (len(table) + 1) + 3,
        column_config={
            "measure": st.column_config.TextColumn("", width=350),  # its longest label, no more
            "current": a_label,
            "candidate": b_label,
            "change": change,
        },
    )


def estimate_note(then: whatif.Outcome) -> None:
    if not then.untested:
        return
    estimate = then.estimate
    lang = language.current()
    leads = format.counted(then.untested, "lead", "leads", lang)
    if lang == "pl":
        leads = format.counted(then.untested, "lead", "leadów", lang, "leady")
    st.caption(
        T(
            "**Estimate, not history:** {leads} the candidate passes were never shown to sales. "
            "From leads sales saw with similar scores (bands of {band} points), they might have "
            "brought the SQLs, won deals and revenue in the ESTIMATE rows (95% range of the "
            "expected value)."
        ).format(leads=leads, band=whatif.BAND_WIDTH)
        + (
            T(
                " {borrowed} of them score where fewer than {few} leads were seen by sales: "
                "their rates are borrowed from the nearest higher band, likely optimistic."
            ).format(borrowed=format.count(estimate.borrowed, lang), few=whatif.MIN_OBSERVED)
            if estimate.borrowed
            else ""
        )
    )


def monthly_charts(view: Replay, then: whatif.Outcome, capacity: int) -> None:
    by_month, workload = st.columns(2)
    with by_month:
        st.markdown(T("**MQLs per month**, by the month the score first reaches the threshold"))
        st.plotly_chart(
            chart_in_language(
                charts.whatif_mqls_by_month(
                    view.months,
                    whatif.recorded_mqls_by_month(view.data),
                    view.now.mqls_by_month.tolist(),
                    then.mqls_by_month.tolist(),
                    then.untested_by_month.tolist(),
                )
            ),
            width="stretch",
        )
    with workload:
        st.markdown(T("**Sales workload**: handoffs per rep per week, month by month"))
        st.plotly_chart(
            chart_in_language(
                charts.whatif_workload(
                    view.months,
                    view.now.handoffs_per_rep_week.tolist(),
                    then.handoffs_per_rep_week.tolist(),
                    capacity,
                )
            ),
            width="stretch",
        )
    st.caption(
        T(
            "Every MQL is handed off in the month it qualifies, and a month's handoffs are shared "
            "by the reps who received handoffs that month. Only the period's leads count, so the "
            "first months read low (older leads kept sales busy too)."
        )
    )


def detail_tabs(view: Replay, candidate: Candidate, then: whatif.Outcome) -> None:
    curves_tab, lift_tab, reasons_tab = st.tabs(
        [T("Threshold curves"), T("Lift by score decile"), T("Rejections avoided by reason")]
    )
    with curves_tab:
        st.plotly_chart(
            chart_in_language(
                charts.whatif_curves(
                    candidate.scored.curves(), view.catalog.current_threshold, then.threshold
                )
            ),
            width="stretch",
        )
        st.caption(
            T(
                "For the candidate's weights at every threshold: recall = won deals whose leads "
                "pass / all won deals; precision = won deals / passed leads sales saw."
            )
        )
    with lift_tab:
        lift_column = (
            st.column_config.TextColumn(
                T("Lift"), help=T("The decile's won rate / that of all of them")
            )
            if view.lang == "pl"
            else st.column_config.NumberColumn(
                T("Lift"), format="%.2f×", help=T("The decile's won rate / that of all of them")
            )
        )
        tables.dataframe(
            decimals(
                tables.as_percent(candidate.scored.lift(), ["sql_rate", "won_rate"]),
                {"lift": 2},
                view.lang,
                "×",
            ),
            view.lang,
            hide_index=True,
            width="stretch",
            column_config={
                "decile": st.column_config.NumberColumn(T("Decile (1 = highest scores)")),
                "leads": tables.count(T("Leads sales saw")),
                "score_from": st.column_config.NumberColumn(T("Score from"), format="%d"),
                "score_to": st.column_config.NumberColumn(T("to"), format="%d"),
                "sql_rate": tables.pct(T("Accepted"), T("SQLs / leads sales saw in the decile")),
                "won_rate": tables.pct(T("Won"), T("Won deals / leads sales saw in the decile")),
                "lift": lift_column,
            },
        )
    with reasons_tab:
        avoided = whatif.rejections_avoided(view.now, then)
        tables.dataframe(
            avoided,
            view.lang,
            hide_index=True,
            width="stretch",
            column_config={
                "reason": T("Rejection reason"),
                "current": tables.count(T("Current rules")),
                "candidate": tables.count(T("Candidate")),
                "avoided": tables.count(T("Avoided"), T("Negative: the candidate adds rejections")),
            },
        )


@st.fragment
def simulation(view: Replay, candidate: Candidate) -> None:
    """The candidate at the slider's threshold against the current rules (a fragment: moving
    the slider reruns this only)."""
    left, right = st.columns([3, 1])
    threshold = left.slider(
        T("Candidate MQL threshold (current rules: {threshold})").format(
            threshold=view.catalog.current_threshold
        ),
        min_value=1,
        max_value=view.max_threshold,
        value=view.catalog.current_threshold,
        key="threshold",
        bind="query-params",
    )
    capacity = right.number_input(
        T("Sales capacity: handoffs per rep per week"),
        min_value=1,
        max_value=100_000,
        value=whatif.default_capacity(view.now),
        key="capacity",
        bind="query-params",
        help=T("How many new leads one rep can take per week."),
    )
    then = candidate.scored.at(threshold)
    outcome_tiles(view, then, capacity)
    comparison_table(
        view.now,
        then,
        T("Current rules (threshold {threshold})").format(threshold=view.catalog.current_threshold),
        T("Candidate (threshold {threshold})").format(threshold=threshold),
        T("Change"),
    )
    estimate_note(then)
    monthly_charts(view, then, capacity)
    detail_tabs(view, candidate, then)


# Suggested weights.


def fit_to(view: Replay, key: str, bind: bool) -> str:
    """The outcome to fit; won deals only where the data has no sales decisions."""
    return st.radio(
        T("Fit to"),
        list(weights.OUTCOMES) if view.data.has_handoffs else ["won"],
        format_func={"accepted": T("accepted by sales"), "won": T("won deals")}.__getitem__,
        horizontal=True,
        key=key,
        bind="query-params" if bind else None,
    )


def counts_at_handoff(view: Replay) -> pd.DataFrame:
    return cache.query(
        "whatif_counts_at_handoff", {**view.filters.params(), "types": list(view.catalog.types)}
    )


def suggestion(view: Replay, outcome: str) -> weights.Suggestion | str:
    """The suggested weights for `outcome` on a random split, once per data version."""
    return whatif_cache.suggest_cached(
        str(db.database_path()),
        db.data_version(),
        whatif_cache.replay_key(view.filters),
        outcome,
        view.catalog.current,
        view.data,
        counts_at_handoff(view),
        view.lang,
    )


def suggestion_quality(fitted: weights.Suggestion) -> None:
    q1, q2, q3 = st.columns(3)
    lang = language.current()
    q1.metric(
        T("Held-out AUC, model"),
        format.number(fitted.auc, lang, 3),
        help=T(
            "Chance that a lead with the outcome scores above one without it (0.5 = a coin "
            "toss), on leads the model did not see."
        ),
        border=True,
    )
    q2.metric(
        T("Held-out AUC, current score"),
        format.number(fitted.auc_current, lang, 3),
        help=T("The same for the current rules' score at handoff, on the same leads."),
        border=True,
    )
    q3.metric(
        T("Brier score"),
        format.number(fitted.brier, lang, 3),
        help=T("Mean squared error of the predicted probabilities (lower is better)."),
        border=True,
    )


def suggestion_weights(fitted: weights.Suggestion) -> None:
    """The weights at the page's full width (six columns fit at 1366 px), then calibration."""
    lang = language.current()
    shown = weights.table(fitted)
    shown = shown.assign(
        weight=[
            rule_label(t, m, lang)
            for t, m in zip(fitted.weights["rule_type"], fitted.weights["match"])
        ],
        range=[localized(r, lang).replace(" to ", f" {T('to')} ") for r in shown["range"]],
        basis=[T(b) for b in shown["basis"]],
    )
    tables.dataframe(
        shown,
        lang,
        hide_index=True,
        width="stretch",
        height=min(420, 35 * (len(shown) + 1) + 3),
        column_config={
            "weight": T("Weight"),
            "current": st.column_config.NumberColumn(T("Current points"), format="%d"),
            "suggested": st.column_config.NumberColumn(T("Suggested"), format="%d"),
            "range": st.column_config.TextColumn(
                T("95% interval"), help=T("From the model's coefficient interval")
            ),
            "leads": tables.count(T("Leads with it"), T("Among the leads fitted on")),
            "basis": st.column_config.TextColumn(
                T("Basis"),
                help=T(
                    "fitted: its own coefficient; reference: the attribute's most common value, "
                    "the others are relative to it; kept: too few leads or only one outcome "
                    "among them, so the current points stay"
                ),
            ),
        },
    )
    calibration, _ = st.columns(2)
    with calibration:
        st.markdown(T("**Calibration** on held-out leads"))
        st.plotly_chart(
            chart_in_language(charts.whatif_calibration(fitted.calibration)), width="stretch"
        )


def suggested_weights(view: Replay) -> None:
    panel = st.expander(
        T("Fit weights to history: a logistic regression of sales' decisions"),
        key="suggest",
        bind="query-params",
    )
    if not panel.open:
        return
    with panel:
        fitted = suggestion(view, fit_to(view, "fit_to", bind=True))
        if isinstance(fitted, str):
            st.info(fitted)
            return
        suggested_rules = fitted.as_rules(view.catalog.current)
        suggested_scored = whatif_cache.scored(view.data, suggested_rules, view.filters)
        same_volume = suggested_scored.threshold_for_volume(
            whatif.volume_to_keep(view.now, view.data)
        )
        st.caption(weights.describe(fitted, view.lang))
        suggestion_quality(fitted)
        suggestion_weights(fitted)
        st.button(
            T("Apply to the candidate, with threshold {threshold} ").format(threshold=same_volume)
            + (T("(today's MQL volume)") if view.now.mqls else T("(the leads sales received)")),
            on_click=apply_scenario,
            args=(
                view,
                same_volume,
                suggested_rules.as_dict(),
                view.catalog.current.half_life_days,
            ),
            type="primary",
        )


# Scenarios: save the candidate, load one, compare two.


def save_scenario(
    view: Replay, candidate: Candidate, name: str, shared: bool, replace: bool
) -> None:
    scenario = scenarios.Scenario.of(
        name,
        st.session_state["threshold"],
        candidate.rules,
        st.session_state["capacity"],
        shared,
    )
    try:
        scenarios.save(scenario, viewer=view.who, replace=replace)
    except scenarios.AlreadySaved:
        st.session_state["scenario_to_replace"] = name.strip()  # ask first, below the button
        return
    except scenarios.NotYours as refused:
        st.error(str(refused), icon=":material/lock:")
        return
    st.session_state.pop("scenario_to_replace", None)
    st.session_state["scenario"] = name.strip()
    st.toast(T("Saved “{name}”").format(name=markup.text(name.strip())))


def save_form(view: Replay, candidate: Candidate) -> None:
    name = st.text_input(T("Save this candidate as"), placeholder=T("e.g. ROI 40, threshold 90"))
    shared = st.checkbox(
        T("Share with the team"),
        key="share_scenario",
        disabled=view.who.role == OPEN,
        help=T(
            "Shared scenarios are listed for everyone who signs in; others stay yours. Only you "
            "can replace or delete your scenarios."
        )
        if view.who.role != OPEN
        else T("Without login every scenario is everyone's."),
    )
    if st.button(T("Save scenario"), disabled=not name.strip(), key="save_scenario"):
        save_scenario(view, candidate, name, shared, replace=False)
    if name.strip() and st.session_state.get("scenario_to_replace") == name.strip():
        st.warning(
            T("You already have a scenario called “{name}”. Replace it?").format(
                name=markup.text(name.strip())
            )
        )
        yes, no = st.columns(2)
        if yes.button(T("Replace it"), key="replace_scenario", type="primary"):
            save_scenario(view, candidate, name, shared, replace=True)
            st.rerun()
        if no.button(T("Keep the saved one"), key="keep_scenario"):
            st.session_state.pop("scenario_to_replace", None)
            st.rerun()


def scenario_label(view: Replay, picked: str, saved: dict[str, scenarios.Scenario]) -> str:
    owner = saved[picked].owner
    if owner is None or owner == view.who.email:
        return picked
    return i18n.t("{scenario} (shared by {owner})", view.lang).format(scenario=picked, owner=owner)


def load_form(view: Replay, saved: dict[str, scenarios.Scenario]) -> None:
    if not saved:
        st.caption(T("No saved scenarios yet."))
        return
    if st.session_state.get("scenario") not in saved:
        st.session_state.pop("scenario", None)
    picked = st.selectbox(
        T("Saved scenarios"),
        list(saved),
        key="scenario",
        format_func=lambda p: scenario_label(view, p, saved),
    )
    chosen = saved[picked]
    load_button, delete_button = st.columns(2)
    load_button.button(
        T("Load into the candidate"),
        on_click=apply_scenario,
        args=(view, chosen.threshold, chosen.rule_points(), chosen.half_life_days, chosen.capacity),
    )
    if scenarios.mine(chosen, view.who) and delete_button.button(
        T("Delete"), key="delete_scenario"
    ):
        scenarios.delete(picked, viewer=view.who)
        st.rerun()


def scenario_comparison(view: Replay, saved: dict[str, scenarios.Scenario]) -> None:
    st.markdown(T("**Compare scenarios**"))
    options = [CURRENT, *saved]
    a_col, b_col = st.columns(2)

    current_rules = T(CURRENT)

    def shown(choice: str) -> str:
        return current_rules if choice == CURRENT else choice

    a = a_col.selectbox(
        T("Scenario A"), options, key="compare_a", bind="query-params", format_func=shown
    )
    b = b_col.selectbox(
        T("Scenario B"),
        options,
        index=min(1, len(options) - 1),
        key="compare_b",
        bind="query-params",
        format_func=shown,
    )

    def chosen(choice: str) -> tuple[int, whatif.Rules]:
        if choice == CURRENT:
            return view.catalog.current_threshold, view.catalog.current
        return saved[choice].threshold, saved[choice].rules()

    (a_threshold, a_rules), (b_threshold, b_rules) = chosen(a), chosen(b)
    for column, side, threshold, rules in (
        (a_col, "A", a_threshold, a_rules),
        (b_col, "B", b_threshold, b_rules),
    ):
        line = scenario_line(view, threshold, rules)
        column.caption(f"{side}: {markup.text(line)}")

    def named(choice: str) -> str:
        return T("current rules") if choice == CURRENT else choice

    def outcome_of(threshold: int, rules: whatif.Rules) -> whatif.Outcome:
        if (threshold, rules) == (view.catalog.current_threshold, view.catalog.current):
            return view.now
        return whatif_cache.scored(view.data, rules, view.filters).at(threshold)

    comparison_table(
        outcome_of(a_threshold, a_rules),
        outcome_of(b_threshold, b_rules),
        T("A: {scenario} (threshold {threshold})").format(scenario=named(a), threshold=a_threshold),
        T("B: {scenario} (threshold {threshold})").format(scenario=named(b), threshold=b_threshold),
        "B − A",
    )


def scenarios_section(view: Replay, candidate: Candidate) -> None:
    save_col, load_col = st.columns(2)
    with save_col:
        save_form(view, candidate)
    saved = scenarios.visible(view.who)
    with load_col:
        load_form(view, saved)
    st.caption(T("The page address holds the whole candidate: copy it to share this view."))
    if saved:
        scenario_comparison(view, saved)


# The recommended threshold for a capacity (issue 15): a sweep over the candidate's histograms,
# its bootstrap, and backtests, each cached per data version in one store shared by sessions.


@st.cache_resource(max_entries=1)
def recommendation_store(path: str, version: str) -> dict:
    """Bootstraps and backtests already run on this data version (a new version, a new store)."""
    return {}


def stored(key: tuple, label: str, compute):
    """`compute(progress)` once per data version and key, with a progress bar the first time."""
    store = recommendation_store(str(db.database_path()), db.data_version())
    if key not in store:
        bar = st.progress(0.0, text=label)
        store[key] = compute(lambda share: bar.progress(min(share, 1.0), text=label))
        bar.empty()
    return store[key]


def recommendation_inputs(view: Replay) -> tuple[float, str, bool]:
    left, middle, right = st.columns([2, 2, 2])
    capacity = left.number_input(
        T("Sales capacity: handoffs per rep per week"),
        min_value=0.1,
        max_value=100_000.0,
        value=float(st.session_state.get("capacity") or whatif.default_capacity(view.now)),
        step=0.5,
        key="rec_capacity",
        bind="query-params",
        help=T("What one rep can take in a week; compared with the busiest month, unrounded."),
    )
    objective = middle.radio(
        T("Make the most of"),
        list(recommend.OBJECTIVES),
        format_func={o: T(said) for o, said in recommend.OBJECTIVES.items()}.__getitem__,
        horizontal=True,
        key="rec_objective",
        bind="query-params",
    )
    estimates = right.checkbox(
        T("Count untested leads at their estimate"),
        value=True,
        key="rec_estimates",
        bind="query-params",
        help=T(
            "Off: history only, so the threshold is never lowered on the strength of estimates "
            "(leads scoring below every band sales saw borrow its rates: optimistic)."
        ),
    )
    return float(capacity), str(objective), bool(estimates)


def recommendation(view: Replay, candidate: Candidate) -> None:
    st.caption(
        T(
            "For the candidate's weights (today's rules unless you changed them): the threshold "
            "with the most expected won revenue (or SQLs) whose **busiest month** stays within "
            "the capacity, counted as that month's MQLs / the reps who received handoffs that "
            "month / its weeks (a mean per rep: which rep a newly passed lead would go to is "
            "unknown). Expected = history for leads sales saw + the estimate for untested ones. "
            "Among thresholds worth the same, the highest. It lowers the threshold as readily as "
            "it raises it."
        )
    )
    capacity, objective, estimates = recommendation_inputs(view)
    front = recommend.frontier(candidate.scored)
    rec = recommend.recommend(front, capacity, view.catalog.current_threshold, objective, estimates)
    st.info(recommend.describe(rec, view.lang), icon=":material/recommend:")
    key = (whatif_cache.replay_key(view.filters), candidate.rules, capacity, objective, estimates)
    if rec.threshold is not None:

        def run_bootstrap(progress) -> recommend.Uncertainty | None:
            best = whatif.running_best(view.data, candidate.rules)
            return recommend.bootstrap(
                recommend.batches(candidate.scored, best), rec, progress=progress
            )

        spread = stored(("bootstrap", *key), T("Bootstrap over leads…"), run_bootstrap)
        if spread is not None:
            st.caption(
                recommend.describe_spread(rec, spread, candidate.scored.max_threshold, view.lang)
            )
    st.plotly_chart(
        chart_in_language(
            charts.whatif_frontier(
                (front if estimates else front.without_estimates()).table(),
                view.catalog.current_threshold,
                rec.threshold,
                capacity,
                objective,
            )
        ),
        width="stretch",
    )
    backtest_section(view, candidate, capacity, objective, estimates, key)
    forward_weights_section(view)


def outcome_months(view: Replay) -> pd.DataFrame:
    """recommend_outcome_months for the replay's leads (same filters, same order)."""
    wanted = ("start", "end", "channels", "industries", "size_bands")
    return cache.query("recommend_outcome_months", {k: view.filters.params()[k] for k in wanted})


def forward_quality(forward: weights.Suggestion, random_split: weights.Suggestion) -> None:
    a, b, c = st.columns(3)
    lang = language.current()
    a.metric(
        T("AUC, tested forward in time"),
        format.number(forward.auc, lang, 3),
        help=T(
            "Fitted on {train} earlier decided handoffs, tested on the {test} of the latest months."
        ).format(
            train=format.count(forward.train_leads, lang),
            test=format.count(forward.test_leads, lang),
        ),
        border=True,
    )
    b.metric(
        T("AUC, random 30 % split"),
        format.number(random_split.auc, lang, 3),
        help=T("The figure the suggested weights above show: test leads drawn at random."),
        border=True,
    )
    c.metric(
        T("AUC, current score (later handoffs)"),
        format.number(forward.auc_current, lang, 3),
        help=T("Today's rules' score at handoff, on the same later handoffs."),
        border=True,
    )
    st.caption(
        T(
            "A random split lets the model learn from handoffs later than those it is tested "
            "on; tested forward, it is judged as it will be used. Where the forward figure is "
            "well below the random one, the weights fit the past better than they predict."
        )
    )


def forward_weights_section(view: Replay) -> None:
    panel = st.expander(
        T("Suggested weights tested forward in time: fitted on earlier handoffs, tested on later"),
        key="rec_forward",
        bind="query-params",
    )
    if not panel.open:
        return
    with panel:
        if not view.data.has_handoffs:
            st.info(weights.NO_HANDOFFS_TO_ORDER[view.lang])
            return
        outcome = fit_to(view, "rec_forward_fit_to", bind=False)
        random_split = suggestion(view, outcome)
        held_out = recommend.forward_holdout(outcome_months(view)["handoff_month"].to_numpy())
        forward = stored(
            ("forward", whatif_cache.replay_key(view.filters), outcome, view.catalog.current),
            T("Fitting on earlier handoffs…"),
            lambda progress: weights.suggest(
                view.data,
                counts_at_handoff(view),
                outcome,
                view.catalog.current,
                held_out=held_out,
                lang=view.lang,
            ),
        )
        for refused in (random_split, forward):
            if isinstance(refused, str):
                st.info(refused)
                return
        assert not isinstance(random_split, str)
        forward_quality(forward, random_split)


def backtest_section(
    view: Replay, candidate: Candidate, capacity: float, objective: str, estimates: bool, key: tuple
) -> None:
    panel = st.expander(
        T("Backtest: had we followed the recommendation made at the start of each month…"),
        key="rec_backtest",
        bind="query-params",
    )
    if not panel.open:
        return
    with panel:
        st.caption(
            T(
                "For each of the last 12 months with 3 months before and 3 after it: the "
                "threshold recommended from what was known before that month only (touchpoints, "
                "handoffs, acceptances and wins before it), then what the leads it would have "
                "passed in the next 3 months brought in the end, beside the handoffs sales really "
                "received in those months (the threshold in force). Months, not weeks: the "
                "replay counts by month. Only the period's leads count, so its first months know "
                "little: a longer period gives the early recommendations more to go on."
            )
        )

        def run_backtest(progress) -> pd.DataFrame:
            return recommend.backtest(
                recommend.history_of(
                    view.data, whatif.running_best(view.data, candidate.rules), outcome_months(view)
                ),
                capacity,
                view.catalog.current_threshold,
                candidate.scored.max_threshold,
                objective,
                progress=progress,
                estimates=estimates,
            )

        result = stored(("backtest", *key), T("Backtesting month by month…"), run_backtest)
        if result.empty:
            st.info(
                T(
                    "Too few months in the period for a backtest (3 before a month and 3 after "
                    "it): widen the period."
                )
            )
            return
        backtest = recommend.backtest_table(result, view.months)
        workloads = {"recommended_workload": 2, "in_force_workload": 2}
        tables.dataframe(
            decimals(
                backtest.assign(
                    month=[month_name(m, view.lang) for m in backtest["month"]],
                    recommended=[T(r) for r in backtest["recommended"]],
                ),
                workloads,
                view.lang,
            ),
            view.lang,
            hide_index=True,
            width="stretch",
            column_config={
                "month": T("Recommended at the start of"),
                "recommended": T("Threshold"),
                "recommended_workload": workload_column(
                    T("Per rep per week (recommended)"), view.lang
                ),
                "in_force_workload": workload_column(T("Per rep per week (in force)"), view.lang),
                "recommended_sqls": tables.count(T("SQLs (recommended)")),
                "in_force_sqls": tables.count(T("SQLs (in force)")),
                "recommended_revenue": tables.pln(T("Won revenue (recommended)")),
                "in_force_revenue": tables.pln(T("Won revenue (in force)")),
                "recommended_untested": tables.count(
                    T("Untested (recommended)"), T("Passed but never shown to sales: no outcome")
                ),
                "in_force_untested": None,
            },
        )
