"""SLA compliance: how fast sales answered handed-off leads, per rep and week; who breached."""

import streamlit as st

from leadflow import format, sla
from leadflow.app import cache, charts, markup, page, tables
from leadflow.app.filters import data_range
from leadflow.metric_definitions import get as metric

filters = page.start(
    __file__,
    "SLA compliance",
    "⏱️",
    "Did sales answer the handed-off leads within the agreed time, who breached it and by how "
    "much, and which leads are still waiting?",
)
params = filters.params()

policies = cache.query("sla_policy")
policy = sla.policy_on(policies, filters.end)
if policy is None:
    page.require("sla_policy")
page.default_notes("sla_policy", "public_holidays")

by_rep = sla.with_compliance(cache.query("sla_by_rep", params))
whole = by_rep[by_rep["all_reps"]].iloc[0]
if not whole["handoffs"]:
    st.info(
        "No leads were handed off to sales in the period with these filters. Widen the period "
        "or clear a filter in the sidebar."
    )
    st.stop()

versions = (
    ""
    if len(policies) == 1
    else f" The policy changed over time ({len(policies)} versions); each handoff is measured "
    "against the version in effect on its day."
)
st.markdown(
    f"Leads **handed off to sales** between {format.period(filters.start, filters.end)} (the "
    "sidebar's dates select the handoff date on this page). The SLA: "
    f"{sla.describe_policy(policy)}. "
    "Response time counts business hours only, so a Friday-evening handoff answered on Monday "
    f"at 10:00 took 1 hour, not 60.{versions}"
)

sla_hours = float(policy["response_hours"])
tiles = page.tiles(5)
tiles[0].metric(
    metric("sla_compliance").title(),
    format.pct(whole["compliance"]),
    help=f"{format.count(whole['answered_within_sla'])} of {format.count(whole['sla_due'])} "
    "handoffs that are due: answered, or waiting past the SLA. Handoffs still waiting within "
    "the SLA are not counted either way.",
    border=True,
)
tiles[1].metric(
    "SLA breaches",
    format.count(whole["sla_breaches"]),
    help=f"{format.count(whole['answered_late'])} answered late, "
    f"{format.count(whole['waiting_past_sla'])} still waiting past the SLA. Half of the "
    f"breaches are over by more than {format.hours(whole['median_overdue_business_hours'])} "
    "(business hours).",
    border=True,
)
tiles[2].metric(
    "Median first response",
    format.hours(whole["median_response_business_hours"]),
    help="In business hours, over the answered handoffs. In plain clock time: "
    f"{format.hours(whole['median_response_clock_hours'])}.",
    border=True,
)
waiting = int(whole["waiting_past_sla"] + whole["waiting_within_sla"])
tiles[3].metric(
    "Still waiting",
    format.count(waiting),
    help=f"Handoffs with no first response yet; {format.count(whole['waiting_past_sla'])} of "
    "them past the SLA already.",
    border=True,
)
tiles[4].metric(
    "Rejected, no reason",
    format.count(whole["rejections_without_reason"]),
    help=f"Of {format.count(whole['rejections'])} rejections. The SLA requires a reason for "
    "every rejection: each one without is a feedback breach.",
    border=True,
)

st.subheader("Per sales rep")
reps = by_rep[~by_rep["all_reps"]].sort_values(["sla_breaches", "rep"], ascending=[False, True])
st.dataframe(
    tables.as_percent(reps, ["compliance"])[
        [
            "rep",
            "handoffs",
            "compliance",
            "sla_breaches",
            "median_overdue_business_hours",
            "answered_late",
            "waiting_past_sla",
            "rejections_without_reason",
            "median_response_business_hours",
            "median_response_clock_hours",
            "waiting_within_sla",
            "rejections",
        ]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "rep": "Sales rep",
        "handoffs": tables.count("Handed off"),
        "compliance": tables.pct(
            "Within SLA", "Answered within the SLA / due (answered, or waiting past the SLA)"
        ),
        "sla_breaches": tables.count("Breaches", "Answered late + still waiting past the SLA"),
        "answered_late": tables.count("Answered late"),
        "waiting_past_sla": tables.count("Waiting, past SLA"),
        "median_overdue_business_hours": tables.hours(
            "Overdue by (median)", "Business hours over the SLA, the median of the rep's breaches"
        ),
        "waiting_within_sla": tables.count("Waiting, within SLA"),
        "median_response_business_hours": tables.hours(
            "Median response", "Business hours from handoff to first response"
        ),
        "median_response_clock_hours": tables.hours(
            "Median response (clock)", "Plain clock hours, nights and weekends included"
        ),
        "rejections": tables.count("Rejections"),
        "rejections_without_reason": tables.count(
            "Without a reason", "Rejections without a reason: feedback breaches of the SLA"
        ),
    },
)

st.subheader("Compliance per rep and week")
by_week = cache.query("sla_by_rep_week", params)
cells = sla.heatmap_frame(by_week)
st.plotly_chart(charts.sla_heatmap(cells), width="stretch")
st.caption(
    "Share of each rep's due handoffs of that week (by handoff date, weeks from Monday) "
    "answered within the SLA. Hover a cell for the counts; an empty cell had nothing due."
)
st.plotly_chart(charts.sla_trend(sla.weekly_trend(by_week)), width="stretch")
st.caption("All reps together, per week of handoff.")

st.subheader("How long the first response took")
buckets = sla.histogram_buckets(sla_hours)
left, right = st.columns(2)
for column, measure, title, line in (
    (left, "business", "business hours (what the SLA counts)", sla_hours),
    (right, "clock", "clock hours (nights, weekends and holidays included)", None),
):
    width, cap = buckets[measure]
    histogram = cache.query(
        "sla_response_histogram",
        {**params, "measure": measure, "bucket_hours": width, "cap_hours": cap},
    )
    with column:
        st.markdown(f"**In {title}**")
        if histogram.empty:
            st.info("No handoff in the period has been answered yet.")
        else:
            st.plotly_chart(
                charts.response_histogram(histogram, width, cap, line, f"{measure} hours"),
                width="stretch",
            )

st.subheader("Breaches")
breach_reps = reps.loc[reps["sla_breaches"] > 0, "rep"].tolist()
rep = st.selectbox(
    "Sales rep",
    ["(all)", *reps["rep"].tolist()],
    key="breach_rep",
    bind="query-params",
    help="Reps with breaches: " + (", ".join(map(markup.text, breach_reps)) or "none"),
)
chosen = whole if rep == "(all)" else reps.set_index("rep").loc[rep]
breach_params = {**params, "rep": None if rep == "(all)" else rep}
ROWS_SHOWN = 1_000
total = int(chosen["sla_breaches"])
breaches = cache.query("sla_breaches", {**breach_params, "row_limit": ROWS_SHOWN})
if breaches.empty:
    st.info(
        ("No SLA breach" if rep == "(all)" else f"No SLA breach by {markup.text(rep)}")
        + " among the leads handed off in the period."
    )
else:
    st.caption(
        format.counted(total, "breach", "breaches")
        + ("" if rep == "(all)" else f" by {markup.text(rep)}")
        + ", latest handoff first"
        + (f"; the latest {format.count(ROWS_SHOWN)} are shown" if total > ROWS_SHOWN else "")
        + ". Overdue by = business hours over the SLA; for a lead still waiting it keeps "
        "growing. Click a column header to sort, e.g. by Overdue by."
    )
    st.dataframe(
        breaches.assign(sla_status=breaches["sla_status"].map(sla.STATUSES)),
        hide_index=True,
        width="stretch",
        column_order=[
            *["lead_id", "company", "rep", "handoff_at", "responded_at", "sla_status"],
            *["overdue_business_hours", "business_hours", "clock_hours", "sla_hours"],
            *["outcome", "channel"],
        ],
        column_config={
            "lead_id": "Lead",
            "company": "Company",
            "rep": "Sales rep",
            "channel": "Channel",
            "handoff_at": tables.when("Handed off"),
            "responded_at": tables.when("First response"),
            "sla_status": "Status",
            "business_hours": tables.hours(
                "Response time", "Business hours to the first response, or waited so far"
            ),
            "clock_hours": tables.hours("Clock time", "The same in plain clock hours"),
            "sla_hours": tables.hours("SLA"),
            "overdue_business_hours": tables.hours("Overdue by", "Business hours over the SLA"),
            "outcome": "Outcome",
        },
    )
    page.download_rows(
        "Download the breaches as CSV",
        "sla_breaches",
        {**breach_params, "row_limit": None},
        "sla_breaches",
        filters,
        tables.sla_breaches(),
        {"Sales rep": breach_params["rep"]},
        lambda rows: rows.assign(sla_status=rows["sla_status"].map(sla.STATUSES)),
    )
    names = {
        row.lead_id: f"{row.lead_id} · {row.company} · {row.rep}, "
        f"{format.hours(row.overdue_business_hours)} over"
        for row in breaches.itertuples()
    }
    lead = st.selectbox("Open a lead", list(names), format_func=names.get, key="breach_lead")
    tables.lead_history(cache.query("lead_history", {"lead_id": lead}))

st.subheader("Still waiting for a first response")
waiting_leads = cache.query("sla_waiting", {**params, "row_limit": ROWS_SHOWN})
as_of = data_range().as_of
if waiting_leads.empty:
    st.info("Every lead handed off in the period has had a first response.")
else:
    st.caption(
        f"As of {as_of:%-d %b %Y %H:%M}, the moment the data describes; longest waiting first. "
        f"{format.count(whole['waiting_past_sla'])} of {format.count(waiting)} are past the SLA."
    )
    st.dataframe(
        waiting_leads,
        hide_index=True,
        width="stretch",
        column_config={
            "lead_id": "Lead",
            "company": "Company",
            "rep": "Sales rep",
            "channel": "Channel",
            "handoff_at": tables.when("Handed off"),
            "waited_business_hours": tables.hours("Waited", "Business hours since the handoff"),
            "waited_clock_hours": tables.hours("Waited (clock)", "Plain clock hours"),
            "sla_hours": tables.hours("SLA"),
            "waiting_past_sla": st.column_config.CheckboxColumn("Past the SLA"),
            "overdue_business_hours": tables.hours("Overdue by", "Business hours over the SLA"),
        },
    )
