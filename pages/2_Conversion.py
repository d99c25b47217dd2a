"""MQL→SQL conversion: how many handed-off leads sales accepted, by cohort and segment."""

import streamlit as st

from leadflow import conversion, format
from leadflow.app import cache, charts, markup, page, tables
from leadflow.metric_definitions import get as metric

filters = page.start(
    __file__,
    "MQL→SQL conversion",
    "🤝",
    "Of the leads marketing handed to sales, how many did sales accept as SQLs, and where does "
    "that differ? Healthy is 20–30 %.",
)
params = filters.params()

st.markdown(
    f"Leads **handed off to sales** between {format.period(filters.start, filters.end)}: on "
    "this page the sidebar's dates select the handoff date. A rate counts only the handoffs "
    "sales has decided (accepted or rejected); those still open are shown on their own, never "
    "as failures."
)

by_week = cache.query("handoff_outcomes", {**params, "dimension": "handoff_week"})
if by_week.empty:
    st.info(
        "No leads were handed off to sales in the period with these filters. Widen the period "
        "or clear a filter in the sidebar."
    )
    st.stop()
whole = conversion.totals(by_week)
decisions = cache.query("decision_time", params).set_index("outcome")
low, high = whole["mql_to_sql_low"], whole["mql_to_sql_high"]

tiles = page.tiles(5)
tiles[0].metric("Handed off", format.count(whole["handoffs"]), border=True)
tiles[1].metric("Accepted (SQL)", format.count(whole["accepted"]), border=True)
tiles[2].metric(
    "Rejected",
    format.count(whole["rejected"]),
    help=f"{format.count(whole['rejected_without_reason'])} of them without a reason.",
    border=True,
)
tiles[3].metric(
    "Still open",
    format.count(whole["still_open"]),
    help="Handed off, not yet accepted or rejected: not counted in the rate.",
    border=True,
)
tiles[4].metric(
    metric("mql_to_sql_rate").title(),
    format.pct(whole["mql_to_sql_rate"]),
    help=f"Of the decided handoffs, accepted: {format.count(whole['accepted'])} of "
    f"{format.count(whole['decided'])}. 95% range {conversion.interval_text(low, high)}. "
    "Once every handoff is decided this equals accepted / handed off.",
    border=True,
)

st.subheader("Over time, by handoff cohort")
grain = st.radio(
    "Cohorts by",
    list(conversion.GRAINS),
    format_func=conversion.GRAINS.get,
    horizontal=True,
    key="grain",
    bind="query-params",
)
cohorts = conversion.cohorts(
    by_week
    if grain == "handoff_week"
    else cache.query("handoff_outcomes", {**params, "dimension": grain}),
    grain,
)
st.plotly_chart(
    charts.rate_over_time(cohorts, conversion.HEALTHY_RATE, monthly=grain == "handoff_month"),
    width="stretch",
)
st.caption(
    "Each point is the leads handed off in that week or month; the whisker is its 95% range "
    f"(Wilson). Pale points rest on fewer than {conversion.MIN_DECIDED} decided handoffs: too "
    "few to judge. The green band is the healthy 20–30 % (DOMAIN). Below, what became of "
    "each cohort: the grey part is still waiting for sales to decide."
)

st.subheader("Split")
# The custom attributes a leads file brought (its extra columns) split like any other field.
splits = conversion.split_options(cache.query("lead_attribute_names")["name"].tolist())
dimension = st.selectbox(
    "Break down by",
    list(splits),
    format_func=splits.get,
    key="by",
    bind="query-params",
)
label = splits[dimension]
segments = conversion.order_segments(
    conversion.with_rates(cache.query(*conversion.split_query(dimension, params))),
    dimension,
)
decided = segments[segments["decided"] > 0]
if decided.empty:
    st.info("No handoff in the period has been decided yet, so there is no rate to split.")
else:
    st.plotly_chart(
        charts.rate_by_segment(
            decided,
            "mql_to_sql",
            "accepted",
            f"MQL→SQL rate (decided) by {label.lower()}",
            charts.GREEN,
            conversion.HEALTHY_RATE,
        ),
        width="stretch",
    )
tables.handoff_outcomes(segments, label, "mql_to_sql")

st.subheader("Time from handoff to decision")
both = decisions.loc["all decided"]
times = st.columns(3)
times[0].metric(
    "Median, all decisions",
    format.days(both["median_hours"] / 24),
    help=f"Over {format.count(both['decisions'])} decided handoffs; half of them took between "
    f"{format.days(both['p25_hours'] / 24)} and {format.days(both['p75_hours'] / 24)}.",
    border=True,
)
for column, outcome, title in (
    (times[1], "accepted", "Median to accept"),
    (times[2], "rejected", "Median to reject"),
):
    row = decisions.loc[outcome] if outcome in decisions.index else None
    column.metric(
        title,
        format.days(None if row is None else row["median_hours"] / 24),
        help=None if row is None else f"Over {format.count(row['decisions'])} handoffs.",
        border=True,
    )
st.plotly_chart(
    charts.decision_time(cache.query("decision_time_histogram", params)), width="stretch"
)
st.caption("Clock time from the handoff to sales' accept or reject, nights and weekends included.")

st.subheader("Leads behind a rate")
pick_outcome, pick_segment = st.columns(2)
outcome = pick_outcome.selectbox(
    "Outcome",
    list(conversion.OUTCOMES),
    format_func=conversion.OUTCOMES.get,
    key="outcome",
    bind="query-params",
)
# The lead list follows the shared splits; an attribute's leads are listed all together.
by_attribute = dimension.startswith(conversion.ATTRIBUTE)
segment = pick_segment.selectbox(
    label, ["(all)", *([] if by_attribute else segments["segment"].tolist())], key="segment"
)
drill = {
    **params,
    "outcome": outcome,
    "reason": None,
    "dimension": dimension,
    "segment": None if segment == "(all)" else segment,
    "recycled_only": False,
}
ROWS_SHOWN = 1_000
in_segment = whole if segment == "(all)" else segments.set_index("segment").loc[segment]
total = int(in_segment[{"open": "still_open"}.get(outcome, outcome)])
st.caption(
    f"{format.counted(total, 'handed-off lead is', 'handed-off leads are')} "
    f"“{conversion.OUTCOMES[outcome]}”"
    + ("" if segment == "(all)" else f" in {markup.text(segment)}")
    + (f"; the latest {format.count(ROWS_SHOWN)} are shown" if total > ROWS_SHOWN else "")
    + ". The download holds all of them."
)
leads = cache.query("handoff_leads", {**drill, "row_limit": ROWS_SHOWN})
st.dataframe(
    leads,
    hide_index=True,
    width="stretch",
    column_order=[
        *["lead_id", "company", "rep", "handoff_at", "outcome", "decided_at", "reason"],
        *["score_at_handoff", "channel", "campaign", "industry", "size_band", "seniority"],
        *["touchpoints_before_handoff", "touchpoints_after_decision", "last_touchpoint_at"],
        *["recycled_at", "since_recycling"],
    ],
    column_config=tables.handed_off_leads(),
)
page.download_rows(
    "Download these leads as CSV",
    "handoff_leads",
    {**drill, "row_limit": None},
    f"handoffs_{outcome}_{filters.start}_{filters.end}.csv",
)
