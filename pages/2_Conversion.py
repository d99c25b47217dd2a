"""MQL→SQL conversion: how many handed-off leads sales accepted, by cohort and segment."""

from datetime import date, timedelta

import streamlit as st

from leadflow import conversion, format, i18n
from leadflow.app import cache, charts, drilldown, language, markup, page, tables
from leadflow.metric_definitions import get as metric

lang = language.current()
T = language.translator()

filters = page.start(
    __file__,
    T("MQL→SQL conversion"),
    "🤝",
    T(
        "Of the leads marketing handed to sales, how many did sales accept as SQLs, and where "
        "does that differ? Healthy is 20–30 %."
    ),
)
params = filters.params()

st.markdown(
    T(
        "Leads **handed off to sales** between {period}: on this page the sidebar's dates "
        "select the handoff date. A rate counts only the handoffs sales has decided (accepted "
        "or rejected); those still open are shown on their own, never as failures."
    ).format(period=format.period(filters.start, filters.end, lang))
)

by_week = cache.query("handoff_outcomes", {**params, "dimension": "handoff_week"})
if by_week.empty:
    page.say_no_handoffs()
    st.stop()
whole = conversion.totals(by_week)
decisions = cache.query("decision_time", params).set_index("outcome")
low, high = whole["mql_to_sql_low"], whole["mql_to_sql_high"]

tiles = page.tiles(5)
tiles[0].metric(T("Handed off"), format.count(whole["handoffs"], lang), border=True)
tiles[1].metric(T("Accepted (SQL)"), format.count(whole["accepted"], lang), border=True)
tiles[2].metric(
    T("Rejected"),
    format.count(whole["rejected"], lang),
    help=T("{n} of them without a reason.").format(
        n=format.count(whole["rejected_without_reason"], lang)
    ),
    border=True,
)
tiles[3].metric(
    T("Still open"),
    format.count(whole["still_open"], lang),
    help=T("Handed off, not yet accepted or rejected: not counted in the rate."),
    border=True,
)
tiles[4].metric(
    metric("mql_to_sql_rate").title(lang),
    format.pct(whole["mql_to_sql_rate"], lang=lang),
    help=T(
        "Of the decided handoffs, accepted: {accepted} of {decided}. 95% range {range}. Once "
        "every handoff is decided this equals accepted / handed off."
    ).format(
        accepted=format.count(whole["accepted"], lang),
        decided=format.count(whole["decided"], lang),
        range=conversion.interval_text(low, high, lang),
    ),
    border=True,
)

st.subheader(T("Over time, by handoff cohort"))
grain_label = lambda key: T(conversion.GRAINS[key])  # noqa: E731
drilldown.bound_choice(
    "grain", list(conversion.GRAINS), grain_label, why=T("cohorts are by week or by month")
)
grain = st.radio(
    T("Cohorts by"),
    list(conversion.GRAINS),
    format_func=grain_label,
    horizontal=True,
    key="grain",
    bind="query-params",
)
cohorts = conversion.cohorts(
    by_week
    if grain == "handoff_week"
    else cache.query("handoff_outcomes", {**params, "dimension": grain}),
    grain,
    lang,
)
# Drawn once the cohort and outcome picked below are known, so that the chart marks them.
cohort_slot = st.empty()
st.caption(
    T(
        "Each point is the leads handed off in that week or month; the whisker is its 95% "
        "range (Wilson). Pale points rest on fewer than {few} decided handoffs: too few to "
        "judge. The green band is the healthy 20–30 %. Below, what became of each "
        "cohort: the grey part is still waiting for sales to decide."
    ).format(few=conversion.MIN_DECIDED)
)

st.subheader(T("Split"))
# The custom attributes a leads file brought (its extra columns) split like any other field.
splits = conversion.split_options(cache.query("lead_attribute_names")["name"].tolist())
split_label = lambda key: T(splits[key])  # noqa: E731
drilldown.bound_choice("by", list(splits), split_label, why=T("no such split"))
dimension = st.selectbox(
    T("Break down by"),
    list(splits),
    format_func=split_label,
    key="by",
    bind="query-params",
)
label = T(splits[dimension])
segments = conversion.order_segments(
    # A custom attribute's split is ATTRIBUTE + its name, which handoff_outcomes reads as such.
    conversion.with_rates(cache.query("handoff_outcomes", {**params, "dimension": dimension})),
    dimension,
)
decided = segments[segments["decided"] > 0]
if decided.empty:
    st.info(T("No handoff in the period has been decided yet, so there is no rate to split."))
# Drawn once the segment picked below is known, so that the chart marks it.
split_slot = st.empty()
tables.handoff_outcomes(segments, label, "mql_to_sql", lang)

st.subheader(T("Time from handoff to decision"))
both = decisions.loc["all decided"]
times = st.columns(3)
times[0].metric(
    T("Median, all decisions"),
    format.days(both["median_hours"] / 24, lang),
    help=T("Over {decisions} decided handoffs; half of them took between {p25} and {p75}.").format(
        decisions=format.count(both["decisions"], lang),
        p25=format.days(both["p25_hours"] / 24, lang),
        p75=format.days(both["p75_hours"] / 24, lang),
    ),
    border=True,
)
for column, outcome, title in (
    (times[1], "accepted", "Median to accept"),
    (times[2], "rejected", "Median to reject"),
):
    row = decisions.loc[outcome] if outcome in decisions.index else None
    column.metric(
        T(title),
        format.days(None if row is None else row["median_hours"] / 24, lang),
        help=None
        if row is None
        else T("Over {n} handoffs.").format(n=format.count(row["decisions"], lang)),
        border=True,
    )
st.plotly_chart(
    charts.decision_time(cache.query("decision_time_histogram", params), lang), width="stretch"
)
st.caption(
    T("Clock time from the handoff to sales' accept or reject, nights and weekends included.")
)

st.subheader(T("Leads behind a rate"))
pick_outcome, pick_segment, pick_cohort = st.columns(3)
outcome_label = lambda key: T(conversion.OUTCOMES[key])  # noqa: E731
drilldown.bound_choice(
    "outcome", list(conversion.OUTCOMES), outcome_label, why=T("no such outcome")
)
outcome = pick_outcome.selectbox(
    T("Outcome"),
    list(conversion.OUTCOMES),
    format_func=outcome_label,
    key="outcome",
    bind="query-params",
)
# The lead list follows the shared splits; an attribute's leads are listed all together.
by_attribute = dimension.startswith(conversion.ATTRIBUTE)
segment = drilldown.choice(
    label,
    ["(all)", *([] if by_attribute else segments["segment"].tolist())],
    key="segment",
    why=T("no such value among these leads"),
    format_func=lambda v: T(v) if v == "(all)" else i18n.value(v, lang),
    where=pick_segment,
    help=None if by_attribute else T("Or click a bar of the split above."),
)
cohort = drilldown.choice(
    T("Handoff cohort"),
    ["(all)", *cohorts["segment"].tolist()],
    key="cohort",
    why=T("no such cohort in the period"),
    format_func=dict(zip(cohorts["segment"], cohorts["label"]), **{"(all)": T("(all)")}).get,
    where=pick_cohort,
    help=T("Or click a point or a bar of the cohorts above."),
)
with cohort_slot.container():
    drilldown.chart(
        charts.rate_over_time(
            cohorts, conversion.HEALTHY_RATE, monthly=grain == "handoff_month", lang=lang
        ),
        key="cohort_chart",
        picks=[{"cohort": c} for c in cohorts["segment"]],
        picked=drilldown.position(cohorts["segment"], cohort),
        cleared={"cohort": "(all)"},
        # The bars below the rate: a cohort's accepted, rejected and still open handoffs.
        other_traces={
            trace: [{"cohort": c, "outcome": outcome} for c in cohorts["segment"]]
            for trace, outcome in enumerate(conversion.OUTCOMES, start=1)
        },
    )
    st.caption(T("Click a point or a bar to list its leads below."))
if not decided.empty:
    with split_slot.container():
        drilldown.chart(
            charts.rate_by_segment(
                decided,
                "mql_to_sql",
                "accepted",
                T("MQL→SQL rate (decided) by {split}").format(split=label.lower()),
                charts.GREEN,
                conversion.HEALTHY_RATE,
                lang,
            ),
            key="split_chart",
            # A split by an attribute lists its leads all together: its bars pick nothing.
            picks=[{} if by_attribute else {"segment": v} for v in decided["segment"]],
            picked=drilldown.position(decided["segment"], segment),
            cleared={"segment": "(all)"},
        )
        if not by_attribute:
            st.caption(T("Click a bar to list its leads below; click it again to list all."))
# A cohort picked narrows the handoff dates to its week or month, within the period.
in_cohort = params
if cohort != "(all)":
    first = date.fromisoformat(cohort if grain == "handoff_week" else f"{cohort}-01")
    last = (
        first + timedelta(days=6)
        if grain == "handoff_week"
        else (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    )
    in_cohort = {**params, "start": max(first, filters.start), "end": min(last, filters.end)}
drill = {
    **in_cohort,
    "outcome": outcome,
    "reason": None,
    "dimension": dimension,
    "segment": None if segment == "(all)" else segment,
    "recycled_only": False,
}
ROWS_SHOWN = 1_000
if cohort == "(all)":
    in_segment = whole if segment == "(all)" else segments.set_index("segment").loc[segment]
elif segment == "(all)":
    in_segment = conversion.totals(
        cache.query("handoff_outcomes", {**in_cohort, "dimension": "handoff_week"})
    )
else:
    in_segment = (
        cache.query("handoff_outcomes", {**in_cohort, "dimension": dimension})
        .set_index("segment")
        .reindex([segment], fill_value=0)
        .loc[segment]
    )
total = int(in_segment[{"open": "still_open"}.get(outcome, outcome)])
st.caption(
    format.counted(
        total,
        T("handed-off lead is"),
        T("handed-off leads are"),
        lang,
        T("handed-off leads are (2–4)"),
    )
    + T(" “{outcome}”").format(outcome=T(conversion.OUTCOMES[outcome]))
    + (
        ""
        if segment == "(all)"
        else T(" in {segment}").format(segment=markup.text(i18n.value(segment, lang)))
    )
    + (
        ""
        if cohort == "(all)"
        else T(", handed off in {cohort}").format(
            cohort=dict(zip(cohorts["segment"], cohorts["label"]))[cohort]
        )
    )
    + (
        T("; the latest {rows} are shown").format(rows=format.count(ROWS_SHOWN, lang))
        if total > ROWS_SHOWN
        else ""
    )
    + T(". The download holds all of them.")
)
leads = cache.query("handoff_leads", {**drill, "row_limit": ROWS_SHOWN})
page.download_rows(
    "Download these leads as CSV",
    "handoff_leads",
    {**drill, "row_limit": None},
    "handoffs",
    filters,
    tables.handed_off_leads(),
    {
        "Outcome": conversion.OUTCOMES[outcome],
        label: drill["segment"],
        "Handoff cohort": None if cohort == "(all)" else cohort,
    },
)
drilldown.leads(
    leads,
    lang,
    tables.handed_off_leads(),
    key="lead",
    names={row.lead_id: f"{row.lead_id} · {row.company}" for row in leads.itertuples()},
    label=T("History of a lead"),
    history=lambda lead: cache.query("lead_history", {"lead_id": lead}),
    hide_index=True,
    width="stretch",
    column_order=[
        *["lead_id", "company", "rep", "handoff_at", "outcome", "decided_at", "reason"],
        *["score_at_handoff", "channel", "campaign", "industry", "size_band", "seniority"],
        *["touchpoints_before_handoff", "touchpoints_after_decision", "last_touchpoint_at"],
        *["recycled_at", "since_recycling"],
    ],
)
