"""Rejection reasons: why sales rejected handed-off leads, from which sources, and since."""

import html

import streamlit as st

from leadflow import conversion, format, rejections
from leadflow.app import cache, charts, markup, page, tables
from leadflow.metric_definitions import get as metric

filters = page.start(
    __file__,
    "Rejection reasons",
    "👎",
    "Why did sales reject the leads marketing handed over, which sources produce which "
    "rejections, and what became of the rejected leads? The input for re-tuning the scoring.",
)
params = filters.params()


def disqualified_section() -> None:
    """Leads closed before they reached sales: their reasons, apart from sales' rejections."""
    disqualified = cache.query("disqualified_by_reason", params)
    if disqualified.empty:
        return
    st.subheader("Disqualified before handoff: reasons")
    total = int(disqualified["disqualified"].sum())
    st.metric(
        metric("disqualified").title(),
        format.count(total),
        help=metric("disqualified").describe(),
        border=True,
    )
    st.caption(
        f"Disqualified between {format.period(filters.start, filters.end)} (by the day of the "
        "disqualification). Leads marketing or an SDR closed before any handoff: not sales "
        "rejections, so not in the numbers above. A lead recycled and handed off since is not "
        "counted here."
    )
    st.dataframe(
        disqualified.assign(share=disqualified["disqualified"] / total * 100),
        hide_index=True,
        width="stretch",
        column_order=["reason", "disqualified", "share", "disqualified_by"],
        column_config={
            "reason": "Reason",
            "disqualified": tables.count("Disqualified"),
            "share": st.column_config.NumberColumn("Share", format="%.1f%%"),
            "disqualified_by": "Disqualified by",
        },
    )


st.markdown(
    f"Leads **handed off to sales** between {format.period(filters.start, filters.end)} (the "
    "sidebar's dates select the handoff date on this page) and rejected by sales."
)

outcomes = cache.query("handoff_outcomes", {**params, "dimension": "handoff_week"})
if outcomes.empty:
    st.info(
        "No leads were handed off to sales in the period with these filters. Widen the period "
        "or clear a filter in the sidebar."
    )
    disqualified_section()
    st.stop()
whole = conversion.totals(outcomes)
if not whole["rejected"]:
    st.info(
        f"Sales rejected none of the {format.count(whole['handoffs'])} leads handed off in the "
        "period with these filters. Widen the period or clear a filter to compare reasons."
    )
    disqualified_section()
    st.stop()

reasons = rejections.pareto(cache.query("rejections_by_reason", {**params, "dimension": "all"}))
recycled = cache.query("recycled_outcomes", params)
recycled_total = rejections.recycled_totals(recycled)
without = reasons.set_index("reason")["rejections"].get(rejections.NO_REASON, 0)

tiles = page.tiles(4)
tiles[0].metric("Rejected", format.count(whole["rejected"]), border=True)
tiles[1].metric(
    metric("rejection_rate").title(),
    format.pct(whole["rejection_rate"]),
    help=f"Rejected / decided: {format.count(whole['rejected'])} of "
    f"{format.count(whole['decided'])}; 95% range "
    f"{conversion.interval_text(whole['rejection_low'], whole['rejection_high'])}. "
    f"{format.count(whole['still_open'])} handoffs still open are not counted.",
    border=True,
)
tiles[2].metric(
    "Without a reason",
    format.count(without),
    help="Rejections sales gave no reason for: a breach of the SLA, and no input for marketing.",
    border=True,
)
tiles[3].metric(
    "Recycled",
    format.count(recycled_total["recycled"]),
    help="Rejected leads sales sent back to marketing's nurture.",
    border=True,
)

top = reasons.iloc[0]
st.markdown(
    f"Top reason: **{markup.text(top['reason'])}**, "
    f"{format.counted(top['rejections'], 'rejection', 'rejections')} "
    f"({format.pct(top['share'])} of all)."
)


def _open_clicked_reason() -> None:
    """A click on a bar of the Pareto chart opens that reason's leads below."""
    points = st.session_state["pareto"]["selection"]["points"]
    if points:
        st.session_state["reason"] = html.unescape(points[0]["x"])  # the label, as text


st.subheader("Reasons, most frequent first")
st.plotly_chart(
    charts.pareto(reasons, rejections.NO_REASON),
    width="stretch",
    key="pareto",
    on_select=_open_clicked_reason,
    selection_mode="points",
)
st.caption(
    "The line is the cumulative share: the few reasons left of where it crosses 80 % explain "
    "most rejections. Rejections without a reason are red. Click a bar to see its leads below."
)

st.subheader("Trend by week of handoff")
by_week = cache.query("rejections_by_reason", {**params, "dimension": "handoff_week"})
shown_reasons = rejections.top_reasons(by_week, 6)
st.plotly_chart(
    charts.rejection_trend(
        rejections.trend(by_week, shown_reasons),
        shown_reasons,
        rejections.NO_REASON,
        rejections.OTHER,
    ),
    width="stretch",
)

st.subheader("Rejection rate by segment")
dimension = st.selectbox(
    "Break down by",
    list(rejections.DIMENSIONS),
    format_func=rejections.DIMENSIONS.get,
    key="by",
    bind="query-params",
)
label = rejections.DIMENSIONS[dimension]
segments = conversion.order_segments(
    conversion.with_rates(cache.query("handoff_outcomes", {**params, "dimension": dimension})),
    dimension,
)
st.plotly_chart(
    charts.rate_by_segment(
        segments[segments["decided"] > 0],
        "rejection",
        "rejected",
        f"Rejection rate (decided) by {label.lower()}",
        charts.RED,
    ),
    width="stretch",
)
st.caption(
    f"Rejected / decided handoffs, with the 95% range; pale bars rest on fewer than "
    f"{conversion.MIN_DECIDED} decided handoffs, too few to judge."
)
tables.handoff_outcomes(segments, label, "rejection")

st.subheader("Which sources produce which rejections")
source = st.radio(
    "Source",
    list(rejections.SOURCES),
    format_func=rejections.SOURCES.get,
    horizontal=True,
    key="source",
    bind="query-params",
)
by_source = cache.query("rejections_by_reason", {**params, "dimension": source})
counts, shares = rejections.matrix(by_source, reasons["reason"].tolist(), max_rows=20)
st.plotly_chart(charts.reason_matrix(counts, shares), width="stretch")
st.caption(
    f"Each row is a {rejections.SOURCES[source].lower()}: its rejections by reason, the colour "
    "the share of that source's rejections. A dark cell is what that source should fix."
)

st.subheader("Leads behind a bar")
pick_reason, pick_source = st.columns(2)
reason = pick_reason.selectbox(
    "Reason",
    ["(all reasons)", *reasons["reason"].tolist()],
    key="reason",
    bind="query-params",
)
source_segment = pick_source.selectbox(
    rejections.SOURCES[source],
    ["(all)", *sorted(by_source["segment"].unique())],
    key="source_segment",
)
drill = {
    **params,
    "outcome": "rejected",
    "reason": None if reason == "(all reasons)" else reason,
    "dimension": source,
    "segment": None if source_segment == "(all)" else source_segment,
    "recycled_only": False,
}
total = rejections.count_behind(by_source, drill["reason"], drill["segment"])
ROWS_SHOWN = 1_000
leads = cache.query("handoff_leads", {**drill, "row_limit": ROWS_SHOWN})
st.caption(
    format.counted(total, "rejected lead", "rejected leads")
    + ("" if reason == "(all reasons)" else f" with “{markup.text(reason)}”")
    + ("" if source_segment == "(all)" else f" from {markup.text(source_segment)}")
    + ", latest rejection first"
    + (f"; the latest {format.count(ROWS_SHOWN)} are shown" if total > ROWS_SHOWN else "")
    + ". The download holds all of them."
)
if leads.empty:
    st.info("No rejected lead matches this reason and source. Pick another reason or source.")
else:
    st.dataframe(
        leads,
        hide_index=True,
        width="stretch",
        column_order=[
            *["lead_id", "company", "reason", "rep", "handoff_at", "decided_at"],
            *["recycled_at", "since_recycling", "touchpoints_after_decision"],
            *["last_touchpoint_at", "touchpoints_before_handoff", "score_at_handoff"],
            *["channel", "campaign", "industry", "size_band", "seniority"],
        ],
        column_config=tables.handed_off_leads(
            {
                "reason": "Reason",
                "decided_at": tables.when("Rejected"),
                "touchpoints_after_decision": tables.count("Touchpoints since rejection"),
            }
        ),
    )
    page.download_rows(
        "Download these leads as CSV",
        "handoff_leads",
        {**drill, "row_limit": None},
        f"rejected_leads_{filters.start}_{filters.end}.csv",
    )
    names = {
        row.lead_id: f"{row.lead_id} · {row.company} · {row.reason}" for row in leads.itertuples()
    }
    lead = st.selectbox(
        "Touchpoint history of", list(names), format_func=names.get, key="rejected_lead"
    )
    tables.lead_history(cache.query("lead_history", {"lead_id": lead}))

st.subheader("Recycled leads: did they come back?")
st.caption(
    "Rejected leads sales sent back to marketing's nurture, and what each has done since: a "
    "buying signal (demo request, contact form, pricing page, ROI calculator) means it may be "
    "worth handing to sales again."
)
back = st.columns(4)
back[0].metric(
    "Recycled",
    format.count(recycled_total["recycled"]),
    help=f"Of {format.count(recycled_total['rejected'])} rejected leads.",
    border=True,
)
for column, (key, title) in zip(back[1:], rejections.SINCE_RECYCLING.items()):
    column.metric(title, format.count(recycled_total[key]), border=True)
st.dataframe(
    recycled,
    hide_index=True,
    width="stretch",
    column_config={
        "reason": "Reason",
        "rejected": tables.count("Rejected"),
        "recycled": tables.count("Recycled"),
        **{key: tables.count(title) for key, title in rejections.SINCE_RECYCLING.items()},
    },
)
if recycled_total["recycled"]:
    comeback = cache.query(
        "handoff_leads",
        {
            **params,
            "outcome": "rejected",
            "reason": None,
            "dimension": "all",
            "segment": None,
            "recycled_only": True,
            "row_limit": ROWS_SHOWN,
        },
    )
    st.dataframe(
        rejections.comeback_first(comeback)[
            ["lead_id", "company", "channel", "reason", "decided_at", "recycled_at"]
            + ["last_touchpoint_at", "since_recycling"]
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "lead_id": "Lead",
            "company": "Company",
            "channel": "Channel",
            "reason": "Reason",
            "decided_at": tables.when("Rejected"),
            "recycled_at": tables.when("Recycled"),
            "last_touchpoint_at": tables.when("Last touchpoint"),
            "since_recycling": "Since recycling",
        },
    )

disqualified_section()
