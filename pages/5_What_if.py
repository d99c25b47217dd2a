"""What-if: replay the period's leads under another MQL threshold and other scoring weights."""

import pandas as pd
import streamlit as st

from leadflow import db, format, recommend, scenarios, weights, whatif
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
lang = language.current()
lacking = page.missing("touchpoints", "scoring_rules", "scoring_thresholds")
for note in whatif.missing_notes(lacking, lang):
    st.caption(note)

catalog = whatif_cache.catalog()
data = whatif_cache.load(filters)
if data.n_leads == 0:
    st.info(
        "No leads were created in the period with these filters. Widen the period or clear a "
        "filter in the sidebar."
    )
    st.stop()
touchpoints_in_data = "touchpoints" not in lacking
if not catalog.attributes and not touchpoints_in_data:
    st.info(whatif.NOTHING_TO_SCORE[lang])
    st.stop()

KEYS = whatif.weight_keys(catalog)
current_points = catalog.current.as_dict()
MAX_THRESHOLD = whatif.max_threshold_for(catalog.current_threshold)
now = whatif_cache.scored(data, catalog.current, filters).at(catalog.current_threshold)
MONTHS = [m.strftime("%Y-%m") for m in data.months]
CURRENT = "(current rules)"


# The candidate's controls.


def reset_weights() -> None:
    for rule, key in KEYS.items():
        st.session_state[key] = current_points.get(rule, 0)
    st.session_state["decay"] = catalog.current.half_life_days or 0


def apply_scenario(
    threshold: int, points: dict, half_life: int | None, capacity: int | None = None
) -> None:
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


def weight_inputs() -> dict[tuple[str, str], int]:
    """A number input per weight, four to a row under each group's heading."""
    points: dict[tuple[str, str], int] = {}
    for group, rules in catalog.shown().items():
        if group == whatif.TOUCHPOINT:
            if not touchpoints_in_data:  # weights of touchpoints nobody had change nothing
                points.update({r: current_points.get(r, 0) for r in rules})
                continue
            st.markdown("**Touchpoints** (points per touchpoint)")
        else:
            heading = whatif.rule_label(group, "").rstrip(": ").capitalize()
            st.markdown(f"**{heading}** (fit points)")
        columns = st.columns(4)
        for i, rule in enumerate(rules):
            points[rule] = weight_input(rule, columns[i % 4])
    return points


def candidate_rules() -> whatif.Rules:
    """The candidate's weights and decay, in an expander, with a line naming what changed."""
    with st.expander("Points per touchpoint and fit attribute (the candidate's weights)"):
        st.caption(
            "Each weight starts at the current rules' points. A changed weight is written to "
            "the page address, so a copied link carries the candidate."
        )
        points = weight_inputs()
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
    rules = whatif.Rules.of(points, decay or None)
    changes = whatif.weight_changes(catalog.current, rules, catalog)
    st.caption(
        "Candidate weights: " + ("; ".join(changes) if changes else "the same as the current rules")
    )
    return rules


# The replay: tiles, the comparison table, charts.


def outcome_tiles(then: whatif.Outcome, capacity: int) -> None:
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


def comparison_table(a: whatif.Outcome, b: whatif.Outcome, a_label: str, b_label: str, change: str):
    """whatif.comparison of two outcomes, every row shown."""
    table = whatif.comparison(a, b)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=35 * (len(table) + 1) + 3,
        column_config={
            "measure": st.column_config.TextColumn("", width="large"),
            "current": a_label,
            "candidate": b_label,
            "change": change,
        },
    )


def estimate_note(then: whatif.Outcome) -> None:
    if not then.untested:
        return
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


def monthly_charts(then: whatif.Outcome, capacity: int) -> None:
    by_month, workload = st.columns(2)
    with by_month:
        st.markdown("**MQLs per month**, by the month the score first reaches the threshold")
        st.plotly_chart(
            charts.whatif_mqls_by_month(
                MONTHS,
                whatif.recorded_mqls_by_month(data),
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


def detail_tabs(then: whatif.Outcome) -> None:
    curves_tab, lift_tab, reasons_tab = st.tabs(
        ["Threshold curves", "Lift by score decile", "Rejections avoided by reason"]
    )
    with curves_tab:
        st.plotly_chart(
            charts.whatif_curves(
                candidate_scored.curves(), catalog.current_threshold, then.threshold
            ),
            width="stretch",
        )
        st.caption(
            "For the candidate's weights at every threshold: recall = won deals whose leads pass "
            "/ all won deals; precision = won deals / passed leads sales saw."
        )
    with lift_tab:
        st.dataframe(
            tables.as_percent(candidate_scored.lift(), ["sql_rate", "won_rate"]),
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


@st.fragment
def simulation() -> None:
    """The candidate at the slider's threshold against the current rules (a fragment: moving
    the slider reruns this only)."""
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
    outcome_tiles(then, capacity)
    comparison_table(
        now,
        then,
        f"Current rules (threshold {catalog.current_threshold})",
        f"Candidate (threshold {threshold})",
        "Change",
    )
    estimate_note(then)
    monthly_charts(then, capacity)
    detail_tabs(then)


# Suggested weights.


def fit_to(key: str, bind: bool) -> str:
    """The outcome to fit; won deals only where the data has no sales decisions."""
    return st.radio(
        "Fit to",
        list(weights.OUTCOMES) if data.has_handoffs else ["won"],
        format_func=lambda o: {"accepted": "accepted by sales", "won": "won deals"}[o],
        horizontal=True,
        key=key,
        bind="query-params" if bind else None,
    )


def counts_at_handoff() -> pd.DataFrame:
    return cache.query(
        "whatif_counts_at_handoff", {**filters.params(), "types": list(catalog.types)}
    )


def suggestion(outcome: str) -> weights.Suggestion | str:
    """The suggested weights for `outcome` on a random split, once per data version."""
    return whatif_cache.suggest_cached(
        str(db.database_path()),
        db.data_version(),
        whatif_cache.replay_key(filters),
        outcome,
        catalog.current,
        data,
        counts_at_handoff(),
        lang,
    )


def suggestion_quality(fitted: weights.Suggestion) -> None:
    q1, q2, q3 = st.columns(3)
    q1.metric(
        "Held-out AUC, model",
        f"{fitted.auc:.3f}",
        help="Chance that a lead with the outcome scores above one without it "
        "(0.5 = a coin toss), on leads the model did not see.",
        border=True,
    )
    q2.metric(
        "Held-out AUC, current score",
        f"{fitted.auc_current:.3f}",
        help="The same for the current rules' score at handoff, on the same leads.",
        border=True,
    )
    q3.metric(
        "Brier score",
        f"{fitted.brier:.3f}",
        help="Mean squared error of the predicted probabilities (lower is better).",
        border=True,
    )


def suggestion_weights(fitted: weights.Suggestion) -> None:
    left, right = st.columns([3, 2])
    with left:
        st.dataframe(
            weights.table(fitted),
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
                "leads": tables.count("Leads with it", "Among the leads fitted on"),
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
        st.plotly_chart(charts.whatif_calibration(fitted.calibration), width="stretch")


def suggested_weights_section() -> None:
    st.subheader("Suggested weights")
    panel = st.expander(
        "Fit weights to history: a logistic regression of sales' decisions",
        key="suggest",
        bind="query-params",
    )
    if not panel.open:
        return
    with panel:
        fitted = suggestion(fit_to("fit_to", bind=True))
        if isinstance(fitted, str):
            st.info(fitted)
            return
        suggested_rules = fitted.as_rules(catalog.current)
        suggested_scored = whatif_cache.scored(data, suggested_rules, filters)
        same_volume = suggested_scored.threshold_for_volume(whatif.volume_to_keep(now, data))
        st.caption(weights.describe(fitted))
        suggestion_quality(fitted)
        suggestion_weights(fitted)
        st.button(
            f"Apply to the candidate, with threshold {same_volume} (today's MQL volume)",
            on_click=apply_scenario,
            args=(same_volume, suggested_rules.as_dict(), catalog.current.half_life_days),
            type="primary",
        )


# Scenarios: save the candidate, load one, compare two.


def save_scenario(name: str, shared: bool, replace: bool) -> None:
    scenario = scenarios.Scenario.of(
        name,
        st.session_state["threshold"],
        candidate,
        st.session_state["capacity"],
        shared,
    )
    try:
        scenarios.save(scenario, viewer=who, replace=replace)
    except scenarios.AlreadySaved:
        st.session_state["scenario_to_replace"] = name.strip()  # ask first, below the button
        return
    except scenarios.NotYours as refused:
        st.error(str(refused), icon=":material/lock:")
        return
    st.session_state.pop("scenario_to_replace", None)
    st.session_state["scenario"] = name.strip()
    st.toast(f"Saved “{markup.text(name.strip())}”")


def save_form() -> None:
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


def scenario_label(picked: str, saved: dict[str, scenarios.Scenario]) -> str:
    owner = saved[picked].owner
    if owner is None or owner == who.email:
        return picked
    return f"{picked} (shared by {owner})"


def load_form(saved: dict[str, scenarios.Scenario]) -> None:
    if not saved:
        st.caption("No saved scenarios yet.")
        return
    if st.session_state.get("scenario") not in saved:
        st.session_state.pop("scenario", None)
    picked = st.selectbox(
        "Saved scenarios",
        list(saved),
        key="scenario",
        format_func=lambda p: scenario_label(p, saved),
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


def scenario_comparison(saved: dict[str, scenarios.Scenario]) -> None:
    st.markdown("**Compare scenarios**")
    options = [CURRENT, *saved]
    a_col, b_col = st.columns(2)
    a = a_col.selectbox("Scenario A", options, key="compare_a", bind="query-params")
    b = b_col.selectbox(
        "Scenario B", options, index=min(1, len(options) - 1), key="compare_b", bind="query-params"
    )

    def outcome_of(choice: str) -> whatif.Outcome:
        if choice == CURRENT:
            return now
        s = saved[choice]
        return whatif_cache.scored(data, s.rules(), filters).at(s.threshold)

    comparison_table(outcome_of(a), outcome_of(b), f"A: {a}", f"B: {b}", "B − A")


def scenarios_section() -> None:
    st.subheader("Scenarios")
    save_col, load_col = st.columns(2)
    with save_col:
        save_form()
    saved = scenarios.visible(who)
    with load_col:
        load_form(saved)
    st.caption("The page address holds the whole candidate: copy it to share this view.")
    if saved:
        scenario_comparison(saved)


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
    st.info(recommend.describe(rec, lang), icon=":material/recommend:")
    key = (whatif_cache.replay_key(filters), candidate, capacity, objective, estimates)
    if rec.threshold is not None:

        def run_bootstrap(progress) -> recommend.Uncertainty | None:
            best = whatif.running_best(data, candidate)
            return recommend.bootstrap(
                recommend.batches(candidate_scored, best), rec, progress=progress
            )

        spread = stored(("bootstrap", *key), "Bootstrap over leads…", run_bootstrap)
        if spread is not None:
            st.caption(recommend.describe_spread(rec, spread, candidate_scored.max_threshold))
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


def forward_quality(forward: weights.Suggestion, random_split: weights.Suggestion) -> None:
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


def forward_weights_section() -> None:
    panel = st.expander(
        "Suggested weights tested forward in time: fitted on earlier handoffs, tested on later",
        key="rec_forward",
        bind="query-params",
    )
    if not panel.open:
        return
    with panel:
        if not data.has_handoffs:
            st.info(weights.NO_HANDOFFS_TO_ORDER[lang])
            return
        outcome = fit_to("rec_forward_fit_to", bind=False)
        random_split = suggestion(outcome)
        held_out = recommend.forward_holdout(outcome_months()["handoff_month"].to_numpy())
        forward = stored(
            ("forward", whatif_cache.replay_key(filters), outcome, catalog.current),
            "Fitting on earlier handoffs…",
            lambda progress: weights.suggest(
                data, counts_at_handoff(), outcome, catalog.current, held_out=held_out, lang=lang
            ),
        )
        for fitted in (random_split, forward):
            if isinstance(fitted, str):
                st.info(fitted)
                return
        forward_quality(forward, random_split)


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
            return recommend.backtest(
                recommend.history_of(data, whatif.running_best(data, candidate), outcome_months()),
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
            recommend.backtest_table(result, MONTHS),
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


# The page.

st.subheader("Candidate rules")
candidate = candidate_rules()
candidate_scored = whatif_cache.scored(data, candidate, filters)
page.number_in_link("threshold", 1, MAX_THRESHOLD)
page.number_in_link("capacity", 1, 100_000)
simulation()
suggested_weights_section()
who = viewer()  # scenarios are per person
scenarios_section()
recommendation_section()
