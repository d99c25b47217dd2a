"""What-if: replay the period's leads under another MQL threshold and other scoring weights."""

import pandas as pd
import streamlit as st

from leadflow import db, format, metrics, recommend, scenarios, weights, whatif
from leadflow.app import cache, charts, language, markup, page, tables, whatif_cache
from leadflow.app.access import OPEN, viewer

filters = page.start(
    __file__,
    "What-if",
    "🧪",
    "What if the MQL threshold or the scoring weights had been different? The leads created "
    "in the period, replayed touchpoint month by touchpoint month under the current rules and "
    "under your candidate, with what sales really did with the leads it saw.",
)
page.require("leads")
page.default_notes("scoring_rules", "scoring_thresholds")
st.caption(
    "Channel, industry and company-size filters apply; the rep filter does not (leads a "
    "candidate would newly pass have no rep yet). A lead becomes an MQL in the first month its "
    "score (fit points + touchpoint points so far) reaches the threshold. Outcomes are history "
    "only for leads sales saw: leads sales never saw are **untested**, and what they might have "
    "brought is shown as an **estimate** from leads sales saw with similar scores."
)

catalog = whatif_cache.catalog()
data = whatif_cache.load(filters)
if data.n_leads == 0:
    st.info(
        "No leads were created in the period with these filters. Widen the period or clear a "
        "filter in the sidebar."
    )
    st.stop()

lang = language.current()
lacking = page.missing("touchpoints", "scoring_rules", "scoring_thresholds")
for note in whatif.missing_notes(lacking, lang):
    st.caption(note)
touchpoints_in_data = "touchpoints" not in lacking
if not catalog.attributes and not touchpoints_in_data:
    st.info(whatif.NOTHING_TO_SCORE[lang])
    st.stop()
KEYS = whatif.weight_keys(catalog)
current_points = catalog.current.as_dict()
MAX_THRESHOLD = whatif.max_threshold_for(catalog.current_threshold)
current_scored = whatif_cache.scored(data, catalog.current, filters)
now = current_scored.at(catalog.current_threshold)


def reset_weights() -> None:
    for rule, key in KEYS.items():
        st.session_state[key] = current_points.get(rule, 0)
    st.session_state["decay"] = catalog.current.half_life_days or 0


def apply_scenario(threshold: int, points: dict, half_life: int | None, capacity=None) -> None:
    """Set every candidate control (callbacks run before the widgets are drawn again)."""
    for rule, key in KEYS.items():
        st.session_state[key] = int(points.get(rule, 0))
    st.session_state["decay"] = half_life or 0
    st.session_state["threshold"] = int(min(max(threshold, 1), MAX_THRESHOLD))
    if capacity:
        st.session_state["capacity"] = int(capacity)


def weight_input(rule: tuple[str, str], column) -> int:
    now_points = current_points.get(rule, 0)
    return column.number_input(
        markup.text(whatif.rule_label(*rule) if rule[0] == whatif.TOUCHPOINT else rule[1]),
        min_value=-100,
        max_value=300,
        value=now_points,
        step=1,
        key=KEYS[rule],
        bind="query-params",
        help=f"Current rules: {now_points} points"
        + ("" if rule in catalog.has_rule else " (no rule: scores 0)"),
    )


st.subheader("Candidate rules")
with st.expander("Points per touchpoint and fit attribute (the candidate's weights)"):
    st.caption(
        "Each weight starts at the current rules' points. A changed weight is written to the "
        "page address, so a copied link carries the candidate."
    )
    candidate_points: dict[tuple[str, str], int] = {}
    if touchpoints_in_data:  # weights of touchpoints the data lacks would change nothing
        st.markdown("**Touchpoints** (points per touchpoint)")
        columns = st.columns(4)
        for i, t in enumerate(catalog.types):
            rule = (whatif.TOUCHPOINT, t)
            candidate_points[rule] = weight_input(rule, columns[i % 4])
    else:
        candidate_points = {r: p for r, p in current_points.items() if r[0] == whatif.TOUCHPOINT}
    for attribute, values in catalog.attributes.items():
        heading = whatif.rule_label(attribute, "").rstrip(": ").capitalize()
        st.markdown(f"**{heading}** (fit points)")
        if attribute == "company_size_band":
            values = sorted(values, key=lambda v: metrics.SIZE_BAND_ORDER.index(v))
        columns = st.columns(4)
        for i, value in enumerate(values):
            rule = (attribute, value)
            candidate_points[rule] = weight_input(rule, columns[i % 4])
    decay = st.selectbox(
        "Decay: half-life of touchpoint points",
        whatif.DECAY_OPTIONS,
        index=whatif.DECAY_OPTIONS.index(catalog.current.half_life_days or 0)
        if (catalog.current.half_life_days or 0) in whatif.DECAY_OPTIONS
        else 0,
        format_func=lambda d: "none" if d == 0 else f"{d} days",
        key="decay",
        bind="query-params",
        help="Touchpoints lose half their points after this long (aged by whole months).",
    )
    st.button("Reset to the current rules", on_click=reset_weights)

candidate = whatif.Rules.of(candidate_points, decay or None)
changes = [
    f"{whatif.rule_label(*rule)} {current_points.get(rule, 0)} → {points}"
    for rule, points in candidate_points.items()
    if points != current_points.get(rule, 0)
]
if candidate.half_life_days != catalog.current.half_life_days:
    changes.append(f"decay half-life {candidate.half_life_days or 'none'}")
st.caption(
    "Candidate weights: " + ("; ".join(changes) if changes else "the same as the current rules")
)
candidate_scored = whatif_cache.scored(data, candidate, filters)
MONTHS = [m.strftime("%Y-%m") for m in data.months]


page.number_in_link("threshold", 1, MAX_THRESHOLD)
page.number_in_link("capacity", 1, 100_000)


@st.fragment
def simulate() -> None:
    left, right = st.columns([3, 1])
    threshold = left.slider(
        f"Candidate MQL threshold (current rules: {catalog.current_threshold})",
        min_value=1,
        max_value=MAX_THRESHOLD,
        value=catalog.current_threshold,
        key="threshold",
        bind="query-params",
    )
    capacity = right.number_input(
        "Sales capacity: handoffs per rep per week",
        min_value=1,
        max_value=100_000,
        value=whatif.default_capacity(now),
        key="capacity",
        bind="query-params",
        help="How many new leads one rep can take per week.",
    )
    then = candidate_scored.at(threshold)

    tiles = page.tiles(5)
    tiles[0].metric(
        "MQLs",
        format.count(then.mqls),
        f"{then.mqls - now.mqls:+,} vs current" if then.mqls != now.mqls else None,
        delta_color="off",
        help=f"Leads whose score reaches the threshold. {format.count(then.untested)} of them "
        "were never shown to sales (untested).",
        border=True,
    )
    peak = then.peak_handoffs_per_rep_week
    over = peak is not None and peak > capacity
    tiles[1].metric(
        "Per rep per week",
        "–" if peak is None else f"{peak:,.1f}",
        None if peak is None else f"{'over' if over else 'within'} capacity ({capacity:,})",
        delta_color="red" if over else "green",
        delta_arrow="off",
        help="Handoffs per sales rep per week in the busiest month of the replay, against the "
        "capacity you set.",
        border=True,
    )
    tiles[2].metric(
        "Won deals missed",
        format.count(then.won_missed),
        f"{then.won_missed - now.won_missed:+,} vs current"
        if then.won_missed != now.won_missed
        else None,
        delta_color="inverse",
        help=f"Won deals whose leads the candidate would not pass: {format.count(then.won)} of "
        f"{format.count(then.won_total)} kept ({format.pct(then.recall)} recall).",
        border=True,
    )
    tiles[3].metric(
        "Revenue missed",
        format.pln_short(then.revenue_missed),
        help="Revenue of the won deals whose leads the candidate would not pass.",
        border=True,
    )
    tiles[4].metric(
        "Rejections avoided",
        format.count(now.rejected - then.rejected),
        help=f"Leads sales rejected under the current rules ({format.count(now.rejected)}) "
        f"that the candidate would not pass, less the rejected leads it adds "
        f"({format.count(then.rejected)} rejections in all).",
        border=True,
    )

    table = whatif.comparison(now, then)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=35 * (len(table) + 1) + 3,
        column_config={
            "measure": st.column_config.TextColumn("", width="large"),
            "current": f"Current rules (threshold {catalog.current_threshold})",
            "candidate": f"Candidate (threshold {threshold})",
            "change": "Change",
        },
    )
    if then.untested:
        estimate = then.estimate
        st.caption(
            f"**Estimate, not history:** {format.count(then.untested)} "
            f"{'lead' if then.untested == 1 else 'leads'} the candidate passes were never shown "
            "to sales. From leads sales saw with similar scores (bands of "
            f"{whatif.BAND_WIDTH} points), they might have brought the SQLs, won deals and revenue "
            "in the ESTIMATE rows (95% range of the expected value)."
            + (
                f" {format.count(estimate.borrowed)} of them score where fewer than "
                f"{whatif.MIN_OBSERVED} leads were seen by sales: their rates are borrowed from "
                "the nearest higher band, likely optimistic."
                if estimate.borrowed
                else ""
            )
        )

    by_month, workload = st.columns(2)
    with by_month:
        st.markdown("**MQLs per month**, by the month the score first reaches the threshold")
        recorded = pd.Series(data.recorded_mql_month)
        recorded = recorded[recorded >= 0].value_counts().reindex(range(len(MONTHS)), fill_value=0)
        st.plotly_chart(
            charts.whatif_mqls_by_month(
                MONTHS,
                recorded.tolist(),
                now.mqls_by_month.tolist(),
                then.mqls_by_month.tolist(),
                then.untested_by_month.tolist(),
            ),
            width="stretch",
        )
    with workload:
        st.markdown("**Sales workload**: handoffs per rep per week, month by month")
        st.plotly_chart(
            charts.whatif_workload(
                MONTHS,
                now.handoffs_per_rep_week.tolist(),
                then.handoffs_per_rep_week.tolist(),
                capacity,
            ),
            width="stretch",
        )
    st.caption(
        "Every MQL is handed off in the month it qualifies, and a month's handoffs are shared by "
        "the reps who received handoffs that month. Only the period's leads count, so the first "
        "months read low (older leads kept sales busy too)."
    )

    curves_tab, lift_tab, reasons_tab = st.tabs(
        ["Threshold curves", "Lift by score decile", "Rejections avoided by reason"]
    )
    with curves_tab:
        st.plotly_chart(
            charts.whatif_curves(candidate_scored.curves(), catalog.current_threshold, threshold),
            width="stretch",
        )
        st.caption(
            "For the candidate's weights at every threshold: recall = won deals whose leads pass "
            "/ all won deals; precision = won deals / passed leads sales saw."
        )
    with lift_tab:
        lift = candidate_scored.lift()
        st.dataframe(
            tables.as_percent(lift, ["sql_rate", "won_rate"]),
            hide_index=True,
            width="stretch",
            column_config={
                "decile": st.column_config.NumberColumn("Decile (1 = highest scores)"),
                "leads": tables.count("Leads sales saw"),
                "score_from": st.column_config.NumberColumn("Score from", format="%d"),
                "score_to": st.column_config.NumberColumn("to", format="%d"),
                "sql_rate": tables.pct("Accepted", "SQLs / leads sales saw in the decile"),
                "won_rate": tables.pct("Won", "Won deals / leads sales saw in the decile"),
                "lift": st.column_config.NumberColumn(
                    "Lift", format="%.2f×", help="The decile's won rate / that of all of them"
                ),
            },
        )
    with reasons_tab:
        st.dataframe(
            whatif.rejections_avoided(now, then),
            hide_index=True,
            width="stretch",
            column_config={
                "reason": "Rejection reason",
                "current": tables.count("Current rules"),
                "candidate": tables.count("Candidate"),
                "avoided": tables.count("Avoided", "Negative: the candidate adds rejections"),
            },
        )


simulate()

st.subheader("Suggested weights")
suggest_panel = st.expander(
    "Fit weights to history: a logistic regression of sales' decisions",
    key="suggest",
    bind="query-params",
)
if suggest_panel.open:
    with suggest_panel:
        outcome = st.radio(
            "Fit to",
            list(weights.OUTCOMES) if data.has_handoffs else ["won"],
            format_func=lambda o: {"accepted": "accepted by sales", "won": "won deals"}[o],
            horizontal=True,
            key="fit_to",
            bind="query-params",
        )
        counts = cache.query(
            "whatif_counts_at_handoff", {**filters.params(), "types": list(catalog.types)}
        )
        suggestion = whatif_cache.suggest_cached(
            str(db.database_path()),
            db.data_version(),
            whatif_cache.replay_key(filters),
            outcome,
            catalog.current,
            data,
            counts,
            lang,
        )
        if isinstance(suggestion, str):
            st.info(suggestion)
        else:
            suggested_rules = suggestion.as_rules(catalog.current)
            suggested_scored = whatif_cache.scored(data, suggested_rules, filters)
            same_volume = suggested_scored.threshold_for_volume(whatif.volume_to_keep(now, data))
            st.caption(weights.describe(suggestion))
            q1, q2, q3 = st.columns(3)
            q1.metric(
                "Held-out AUC, model",
                f"{suggestion.auc:.3f}",
                help="Chance that a lead with the outcome scores above one without it "
                "(0.5 = a coin toss), on leads the model did not see.",
                border=True,
            )
            q2.metric(
                "Held-out AUC, current score",
                f"{suggestion.auc_current:.3f}",
                help="The same for the current rules' score at handoff, on the same leads.",
                border=True,
            )
            q3.metric(
                "Brier score",
                f"{suggestion.brier:.3f}",
                help="Mean squared error of the predicted probabilities (lower is better).",
                border=True,
            )
            shown = suggestion.weights.assign(
                weight=[
                    whatif.rule_label(t, m)
                    for t, m in zip(suggestion.weights["rule_type"], suggestion.weights["match"])
                ],
                range=[
                    "–" if pd.isna(lo) else f"{int(lo) + 0:+d} to {int(hi) + 0:+d}"
                    for lo, hi in zip(suggestion.weights["low"], suggestion.weights["high"])
                ],
            )
            left, right = st.columns([3, 2])
            with left:
                st.dataframe(
                    shown[["weight", "current", "suggested", "range", "leads", "basis"]],
                    hide_index=True,
                    width="stretch",
                    height=420,
                    column_config={
                        "weight": "Weight",
                        "current": st.column_config.NumberColumn("Current points", format="%d"),
                        "suggested": st.column_config.NumberColumn("Suggested", format="%d"),
                        "range": st.column_config.TextColumn(
                            "95% interval", help="From the model's coefficient interval"
                        ),
                        "leads": tables.count("Leads with it", "Among the handed-off leads"),
                        "basis": st.column_config.TextColumn(
                            "Basis",
                            help="fitted: its own coefficient; reference: the attribute's most "
                            "common value, the others are relative to it; kept: too few leads "
                            "or only one outcome among them, so the current points stay",
                        ),
                    },
                )
            with right:
                st.markdown("**Calibration** on held-out leads")
                st.plotly_chart(charts.whatif_calibration(suggestion.calibration), width="stretch")
            st.button(
                f"Apply to the candidate, with threshold {same_volume} (today's MQL volume)",
                on_click=apply_scenario,
                args=(same_volume, suggested_rules.as_dict(), catalog.current.half_life_days),
                type="primary",
            )

st.subheader("Scenarios")
who = viewer()  # scenarios are per person


def candidate_scenario(name: str, shared: bool) -> scenarios.Scenario:
    return scenarios.Scenario(
        name=name,
        threshold=int(st.session_state["threshold"]),
        points={scenarios.Scenario.key(*r): p for r, p in candidate.as_dict().items()},
        half_life_days=candidate.half_life_days,
        capacity=int(st.session_state["capacity"]),
        shared=shared,
    )


def save_scenario(name: str, shared: bool, replace: bool) -> None:
    try:
        scenarios.save(candidate_scenario(name, shared), viewer=who, replace=replace)
    except scenarios.AlreadySaved:
        st.session_state["scenario_to_replace"] = name.strip()  # ask first, below the button
        return
    except scenarios.NotYours as refused:
        st.error(str(refused), icon=":material/lock:")
        return
    st.session_state.pop("scenario_to_replace", None)
    st.session_state["scenario"] = name.strip()
    st.toast(f"Saved “{markup.text(name.strip())}”")


save_col, load_col = st.columns(2)
with save_col:
    name = st.text_input("Save this candidate as", placeholder="e.g. ROI 40, threshold 90")
    shared = st.checkbox(
        "Share with the team",
        key="share_scenario",
        disabled=who.role == OPEN,
        help="Shared scenarios are listed for everyone who signs in; others stay yours. "
        "Only you can replace or delete your scenarios."
        if who.role != OPEN
        else "Without login every scenario is everyone's.",
    )
    if st.button("Save scenario", disabled=not name.strip(), key="save_scenario"):
        save_scenario(name, shared, replace=False)
    if name.strip() and st.session_state.get("scenario_to_replace") == name.strip():
        st.warning(f"You already have a scenario called “{markup.text(name.strip())}”. Replace it?")
        yes, no = st.columns(2)
        if yes.button("Replace it", key="replace_scenario", type="primary"):
            save_scenario(name, shared, replace=True)
            st.rerun()
        if no.button("Keep the saved one", key="keep_scenario"):
            st.session_state.pop("scenario_to_replace", None)
            st.rerun()
saved = scenarios.visible(who)


def scenario_label(picked: str) -> str:
    owner = saved[picked].owner
    if owner is None or owner == who.email:
        return picked
    return f"{picked} (shared by {owner})"


with load_col:
    if saved:
        if st.session_state.get("scenario") not in saved:
            st.session_state.pop("scenario", None)
        picked = st.selectbox(
            "Saved scenarios", list(saved), key="scenario", format_func=scenario_label
        )
        chosen = saved[picked]
        load_button, delete_button = st.columns(2)
        load_button.button(
            "Load into the candidate",
            on_click=apply_scenario,
            args=(chosen.threshold, chosen.rule_points(), chosen.half_life_days, chosen.capacity),
        )
        if scenarios.mine(chosen, who) and delete_button.button("Delete", key="delete_scenario"):
            scenarios.delete(picked, viewer=who)
            st.rerun()
    else:
        st.caption("No saved scenarios yet.")
st.caption("The page address holds the whole candidate: copy it to share this view.")

if saved:
    st.markdown("**Compare scenarios**")
    options = ["(current rules)", *saved]
    a_col, b_col = st.columns(2)
    a = a_col.selectbox("Scenario A", options, key="compare_a", bind="query-params")
    b = b_col.selectbox(
        "Scenario B", options, index=min(1, len(options) - 1), key="compare_b", bind="query-params"
    )

    def outcome_of(choice: str) -> whatif.Outcome:
        if choice == "(current rules)":
            return now
        s = saved[choice]
        rules = whatif.Rules.of(s.rule_points(), s.half_life_days)
        return whatif_cache.scored(data, rules, filters).at(s.threshold)

    table = whatif.comparison(outcome_of(a), outcome_of(b))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=35 * (len(table) + 1) + 3,
        column_config={
            "measure": st.column_config.TextColumn("", width="large"),
            "current": f"A: {a}",
            "candidate": f"B: {b}",
            "change": "B − A",
        },
    )

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


def recommendation_inputs() -> tuple[float, str, bool]:
    left, middle, right = st.columns([2, 2, 2])
    capacity = left.number_input(
        "Sales capacity: handoffs per rep per week",
        min_value=0.1,
        max_value=100_000.0,
        value=float(st.session_state.get("capacity") or whatif.default_capacity(now)),
        step=0.5,
        key="rec_capacity",
        bind="query-params",
        help="What one rep can take in a week; compared with the busiest month, unrounded.",
    )
    objective = middle.radio(
        "Make the most of",
        list(recommend.OBJECTIVES),
        format_func=recommend.OBJECTIVES.get,
        horizontal=True,
        key="rec_objective",
        bind="query-params",
    )
    estimates = right.checkbox(
        "Count untested leads at their estimate",
        value=True,
        key="rec_estimates",
        bind="query-params",
        help="Off: history only, so the threshold is never lowered on the strength of "
        "estimates (leads scoring below every band sales saw borrow its rates: optimistic).",
    )
    return float(capacity), str(objective), bool(estimates)


def recommendation_text(rec: recommend.Recommendation) -> str:
    value = format.pln if rec.objective == "revenue" else (lambda v: f"{v:,.1f} SQLs")
    now_load = "–" if rec.current_workload is None else f"{rec.current_workload:,.2f}"
    if rec.threshold is None:
        return (
            f"No threshold keeps the busiest month within {rec.capacity:,.1f} handoffs per rep "
            f"per week and still passes leads worth anything; today's {rec.current} means "
            f"{now_load}."
        )
    verb = {"lower": "Lower the threshold to", "raise": "Raise the threshold to"}.get(
        rec.direction, "Keep the threshold at"
    )
    return (
        f"**{verb} {rec.threshold}** (today {rec.current}): the busiest month would bring "
        f"{rec.workload:,.2f} handoffs per rep per week (today {now_load}; capacity "
        f"{rec.capacity:,.1f}) and {value(rec.value)} expected (today "
        f"{value(rec.current_value)})."
    )


def uncertainty_text(rec: recommend.Recommendation, spread: recommend.Uncertainty) -> str:
    value = format.pln if rec.objective == "revenue" else (lambda v: f"{v:,.1f}")
    low_t, high_t = spread.thresholds
    top = candidate_scored.max_threshold
    span = f"{low_t}–{high_t}" if high_t <= top else f"{low_t} or none"
    return (
        f"Bootstrap over leads ({spread.replicates} draws): at {rec.threshold}, 95% range "
        f"{format.pln(spread.revenue[0])} to {format.pln(spread.revenue[1])} expected won "
        f"revenue, {spread.sqls[0]:,.1f}–{spread.sqls[1]:,.1f} SQLs, "
        f"{spread.workload[0]:,.2f}–{spread.workload[1]:,.2f} handoffs per rep per week. "
        f"Another draw of the leads would recommend a different threshold "
        f"{format.pct(spread.change_share)} of the time (95% of draws: {span})."
        if rec.objective == "revenue"
        else f"Bootstrap over leads ({spread.replicates} draws): at {rec.threshold}, 95% range "
        f"{value(spread.sqls[0])}–{value(spread.sqls[1])} SQLs, "
        f"{spread.workload[0]:,.2f}–{spread.workload[1]:,.2f} handoffs per rep per week; a "
        f"different threshold {format.pct(spread.change_share)} of the time (95%: {span})."
    )


def backtest_table(result: pd.DataFrame) -> pd.DataFrame:
    months = [m.strftime("%Y-%m") for m in data.months]
    shown = pd.DataFrame({"month": [months[m] for m in result["month"]]})
    shown["recommended"] = [
        "none fits" if pd.isna(t) else str(int(t)) for t in result["recommended"].astype(object)
    ]
    for side in ("recommended", "in_force"):
        for measure in ("workload", "sqls", "revenue", "untested"):
            column = f"{side}_{measure}"
            shown[column] = result.get(column)
    return shown


def recommendation_section() -> None:
    st.subheader("Recommended threshold for a capacity")
    st.caption(
        "For the candidate's weights (today's rules unless you changed them): the threshold "
        "with the most expected won revenue (or SQLs) whose **busiest month** stays within the "
        "capacity, counted as that month's MQLs / the reps who received handoffs that month / "
        "its weeks (a mean per rep: which rep a newly passed lead would go to is unknown). "
        "Expected = history for leads sales saw + the estimate for untested ones. Among "
        "thresholds worth the same, the highest. It lowers the threshold as readily as it "
        "raises it."
    )
    capacity, objective, estimates = recommendation_inputs()
    front = recommend.frontier(candidate_scored)
    rec = recommend.recommend(front, capacity, catalog.current_threshold, objective, estimates)
    st.info(recommendation_text(rec), icon=":material/recommend:")
    key = (whatif_cache.replay_key(filters), candidate, capacity, objective, estimates)
    if rec.threshold is not None:

        def run_bootstrap(progress) -> recommend.Uncertainty | None:
            best = whatif._scores(data, candidate)[1]
            return recommend.bootstrap(
                recommend.batches(candidate_scored, best),
                rec,
                progress=progress,
            )

        spread = stored(("bootstrap", *key), "Bootstrap over leads…", run_bootstrap)
        if spread is not None:
            st.caption(uncertainty_text(rec, spread))
    st.plotly_chart(
        charts.whatif_frontier(
            (front if estimates else front.without_estimates()).table(),
            catalog.current_threshold,
            rec.threshold,
            capacity,
            objective,
        ),
        width="stretch",
    )
    backtest_section(capacity, objective, estimates, key)
    forward_weights_section()


def outcome_months() -> pd.DataFrame:
    """recommend_outcome_months for the replay's leads (same filters, same order)."""
    wanted = ("start", "end", "channels", "industries", "size_bands")
    return cache.query("recommend_outcome_months", {k: filters.params()[k] for k in wanted})


def forward_weights_section() -> None:
    panel = st.expander(
        "Suggested weights tested forward in time: fitted on earlier handoffs, tested on later",
        key="rec_forward",
        bind="query-params",
    )
    if not panel.open:
        return
    with panel:
        outcome = st.radio(
            "Fit to",
            list(weights.OUTCOMES),
            format_func=lambda o: {"accepted": "accepted by sales", "won": "won deals"}[o],
            horizontal=True,
            key="rec_forward_fit_to",
        )
        counts = cache.query(
            "whatif_counts_at_handoff", {**filters.params(), "types": list(catalog.types)}
        )
        held_out = recommend.forward_holdout(outcome_months()["handoff_month"].to_numpy())
        random_split = whatif_cache.suggest_cached(
            str(db.database_path()),
            db.data_version(),
            whatif_cache.replay_key(filters),
            outcome,
            catalog.current,
            data,
            counts,
        )
        forward = stored(
            ("forward", whatif_cache.replay_key(filters), outcome, catalog.current),
            "Fitting on earlier handoffs…",
            lambda progress: weights.suggest(
                data, counts, outcome, catalog.current, held_out=held_out
            ),
        )
        for fitted in (random_split, forward):
            if isinstance(fitted, str):
                st.info(fitted)
                return
        a, b, c = st.columns(3)
        a.metric(
            "AUC, tested forward in time",
            f"{forward.auc:.3f}",
            help=f"Fitted on {format.count(forward.train_leads)} earlier decided handoffs, "
            f"tested on the {format.count(forward.test_leads)} of the latest months.",
            border=True,
        )
        b.metric(
            "AUC, random 30 % split",
            f"{random_split.auc:.3f}",
            help="The figure the suggested weights above show: test leads drawn at random.",
            border=True,
        )
        c.metric(
            "AUC, current score (later handoffs)",
            f"{forward.auc_current:.3f}",
            help="Today's rules' score at handoff, on the same later handoffs.",
            border=True,
        )
        st.caption(
            "A random split lets the model learn from handoffs later than those it is tested "
            "on; tested forward, it is judged as it will be used. Where the forward figure is "
            "well below the random one, the weights fit the past better than they predict."
        )


def backtest_section(capacity: float, objective: str, estimates: bool, key: tuple) -> None:
    panel = st.expander(
        "Backtest: had we followed the recommendation made at the start of each month…",
        key="rec_backtest",
        bind="query-params",
    )
    if not panel.open:
        return
    with panel:
        st.caption(
            "For each of the last 12 months with 3 months before and 3 after it: the threshold "
            "recommended from what was known before that month only (touchpoints, handoffs, "
            "acceptances and wins before it), then what the leads it would have passed in the "
            "next 3 months brought in the end, beside the handoffs sales really received in "
            "those months (the threshold in force). Months, not weeks: the replay counts by "
            "month. Only the period's leads count, so its first months know little: a longer "
            "period gives the early recommendations more to go on."
        )

        def run_backtest(progress) -> pd.DataFrame:
            months = outcome_months()
            best = whatif._scores(data, candidate)[1]
            return recommend.backtest(
                recommend.history_of(data, best, months),
                capacity,
                catalog.current_threshold,
                candidate_scored.max_threshold,
                objective,
                progress=progress,
                estimates=estimates,
            )

        result = stored(("backtest", *key), "Backtesting month by month…", run_backtest)
        if result.empty:
            st.info(
                "Too few months in the period for a backtest (3 before a month and 3 after "
                "it): widen the period."
            )
            return
        st.dataframe(
            backtest_table(result),
            hide_index=True,
            width="stretch",
            column_config={
                "month": "Recommended at the start of",
                "recommended": "Threshold",
                "recommended_workload": st.column_config.NumberColumn(
                    "Per rep per week (recommended)", format="%.2f"
                ),
                "in_force_workload": st.column_config.NumberColumn(
                    "Per rep per week (in force)", format="%.2f"
                ),
                "recommended_sqls": tables.count("SQLs (recommended)"),
                "in_force_sqls": tables.count("SQLs (in force)"),
                "recommended_revenue": tables.pln("Won revenue (recommended)"),
                "in_force_revenue": tables.pln("Won revenue (in force)"),
                "recommended_untested": tables.count(
                    "Untested (recommended)", "Passed but never shown to sales: no outcome"
                ),
                "in_force_untested": None,
            },
        )


recommendation_section()
