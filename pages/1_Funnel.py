"""Funnel: how far the leads created in the period got, by stage, month and segment."""

import streamlit as st

from leadflow import format, metrics, settings
from leadflow.app import cache, charts, markup, page, tables
from leadflow.app.filters import data_range
from leadflow.metric_definitions import get as metric

filters = page.start(
    __file__,
    "Funnel",
    "🔻",
    "How far did the leads created in the period get? Every lead counts once, in its creation "
    "month, at each stage it reached.",
)
page.require("leads")
params = filters.params()

overall = cache.query("funnel_counts", {**params, "dimension": "all"})
if overall.empty:
    st.info(
        "No leads were created in the period with these filters. Widen the period or "
        "clear a filter in the sidebar."
    )
    st.stop()
counts = overall.iloc[0]
stages = metrics.funnel_stages(counts)

won, lost = int(counts["won"]), int(counts["lost"])
tiles = page.tiles(4)
tiles[0].metric(metric("leads").title(), format.count(counts["leads"]), border=True)
tiles[1].metric(
    metric("cohort_mql_to_sql_rate").title(),
    format.pct(metrics.mql_to_sql_rate(counts["sqls"], counts["rejected"])),
    help=f"Accepted / (accepted + rejected): {format.count(counts['sqls'])} accepted, "
    f"{format.count(counts['rejected'])} rejected; handoffs still awaiting a decision are "
    "left out.",
    border=True,
)
tiles[2].metric(
    metric("cohort_win_rate").title(),
    format.pct(metrics.win_rate(won, lost)),
    help=f"Won / (won + lost): {format.count(won)} won, {format.count(lost)} lost. "
    "Open deals are not decided yet.",
    border=True,
)
# Revenue in the data's own currencies, side by side: never added across them.
revenue = cache.query("revenue_by_currency", {**params, "counted_by": "created"})
amounts = dict(zip(revenue["currency"], revenue["revenue"])) or {settings.CURRENCY: 0.0}
tiles[3].metric(
    metric("cohort_revenue_won").title(),
    format.money_by_currency(amounts),
    help=metric("cohort_revenue_won").describe()
    + (
        " The won deals are in several currencies: each is shown on its own."
        if len(amounts) > 1
        else ""
    ),
    border=True,
)

left, right = st.columns([3, 2])
with left:
    st.plotly_chart(charts.funnel(stages), width="stretch")
with right:
    # Six rows: the shares are shown as text so the first stage reads "–", not "None".
    shown = stages.assign(
        step_conversion=[format.pct(r) for r in stages["step_conversion"]],
        cumulative_conversion=[format.pct(r) for r in stages["cumulative_conversion"]],
    )
    st.dataframe(
        shown[["label", "leads", "step_conversion", "cumulative_conversion"]],
        hide_index=True,
        width="stretch",
        column_config={
            "label": "Stage",
            "leads": tables.count("Leads"),
            "step_conversion": st.column_config.TextColumn("From previous stage"),
            "cumulative_conversion": st.column_config.TextColumn("From all leads"),
        },
    )
    # Beside the funnel, not a step of it: these leads left before reaching sales.
    if counts["disqualified"]:
        st.metric(
            metric("cohort_disqualified").title(),
            format.count(counts["disqualified"]),
            help=metric("cohort_disqualified").describe(),
            border=True,
        )

st.subheader("Stage velocity")
velocity = cache.query("stage_velocity", params)
st.caption("Median time between consecutive stages, over the leads that reached both.")
st.plotly_chart(charts.velocity(velocity), width="stretch")

st.subheader("Cohorts by creation month")
as_of = data_range().as_of
cohorts = metrics.with_rates(cache.query("funnel_counts", {**params, "dimension": "created_month"}))
cohorts["maturing"] = [metrics.cohort_maturing(m, as_of) for m in cohorts["segment"]]
cohorts["status"] = ["still maturing" if m else "mature" for m in cohorts["maturing"]]
st.caption(
    f"Cohorts younger than {metrics.MATURING_DAYS} days are still maturing: their leads are "
    "still being accepted, turned into deals and closed, so their later stages will grow."
)
st.plotly_chart(charts.cohort_volumes(cohorts), width="stretch")
tables.funnel(cohorts, "Month created", leading=("status",))

st.subheader("Split")
dimension = st.selectbox(
    "Split the funnel by",
    list(metrics.SEGMENT_DIMENSIONS),
    format_func=metrics.SEGMENT_DIMENSIONS.get,
    key="split",
    bind="query-params",
)
segments = metrics.order_segments(
    metrics.with_rates(cache.query("funnel_counts", {**params, "dimension": dimension})), dimension
)
label = metrics.SEGMENT_DIMENSIONS[dimension]
st.plotly_chart(
    charts.segment_rates(segments[segments["handoffs"] > 0], f"MQL→SQL rate by {label.lower()}"),
    width="stretch",
)
tables.funnel(segments, label)

st.subheader("Leads behind a number")
pick_stage, pick_segment = st.columns(2)
stage = pick_stage.selectbox(
    "Stage reached",
    list(metrics.STAGE_LABELS),
    format_func=metrics.STAGE_LABELS.get,
    index=3,
    key="stage",
    bind="query-params",
)
segment = pick_segment.selectbox(
    label,
    ["(all)", *segments["segment"].tolist()],
    key="segment",
)
drill = {
    **params,
    "stage": stage,
    "dimension": dimension,
    "segment": None if segment == "(all)" else segment,
}
ROWS_SHOWN = 1_000
leads = cache.query("leads_at_stage", {**drill, "row_limit": ROWS_SHOWN})
in_segment = counts if segment == "(all)" else segments.set_index("segment").loc[segment]
total = int(in_segment[metrics.STAGE_COLUMNS[stage]])
st.caption(
    f"{format.count(total)} leads reached “{metrics.STAGE_LABELS[stage]}”"
    + ("" if segment == "(all)" else f" in {markup.text(segment)}")
    + (f"; the newest {format.count(ROWS_SHOWN)} are shown" if total > ROWS_SHOWN else "")
    + ". The download holds all of them."
)
st.dataframe(
    leads,
    hide_index=True,
    width="stretch",
    placeholder="",
    column_config={
        "lead_id": "Lead",
        "created_at": tables.when("Created"),
        "company": "Company",
        "channel": "Channel",
        "campaign": "Campaign",
        "industry": "Industry",
        "company_size": tables.count("Employees"),
        "size_band": "Size band",
        "job_title": "Job title",
        "rep": "Sales rep",
        "rejection_reason": "Rejection reason",
        "mql_at": tables.when("MQL"),
        "handoff_at": tables.when("Handed off"),
        "accepted_at": tables.when("Accepted"),
        "rejected_at": tables.when("Rejected"),
        "opportunity_at": tables.when("Opportunity"),
        "won_at": tables.when("Won"),
        "lost_at": tables.when("Lost"),
        "won_amount": tables.amount("Won amount"),
        "won_currency": "Currency",
    },
)
page.download_rows(
    "Download these leads as CSV",
    "leads_at_stage",
    {**drill, "row_limit": None},
    f"leads_{stage}_{filters.start}_{filters.end}.csv",
)
