"""Rejection reasons: why sales rejected handed-off leads, from which sources, and since."""

import html

import streamlit as st

from leadflow import conversion, format, i18n, rejections
from leadflow.app import cache, charts, language, markup, page, tables
from leadflow.metric_definitions import get as metric

lang = language.current()
T = language.translator()

filters = page.start(
    __file__,
    T("Rejection reasons"),
    "👎",
    T(
        "Why did sales reject the leads marketing handed over, which sources produce which "
        "rejections, and what became of the rejected leads? The input for re-tuning the scoring."
    ),
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
    T(
        "Leads **handed off to sales** between {period} (the sidebar's dates select the "
        "handoff date on this page) and rejected by sales."
    ).format(period=format.period(filters.start, filters.end, lang))
)

outcomes = cache.query("handoff_outcomes", {**params, "dimension": "handoff_week"})
if outcomes.empty:
    page.say_no_handoffs()
    disqualified_section()
    st.stop()
whole = conversion.totals(outcomes)
if not whole["rejected"]:
    st.info(
        T(
            "Sales rejected none of the {n} leads handed off in the period with these filters. "
            "Widen the period or clear a filter to compare reasons."
        ).format(n=format.count(whole["handoffs"], lang))
    )
    disqualified_section()
    st.stop()

reasons = rejections.pareto(cache.query("rejections_by_reason", {**params, "dimension": "all"}))
recycled = cache.query("recycled_outcomes", params)
recycled_total = rejections.recycled_totals(recycled)
without = reasons.set_index("reason")["rejections"].get(rejections.NO_REASON, 0)

tiles = page.tiles(4)
tiles[0].metric(T("Rejected"), format.count(whole["rejected"], lang), border=True)
tiles[1].metric(
    metric("rejection_rate").title(lang),
    format.pct(whole["rejection_rate"], lang=lang),
    help=T(
        "Rejected / decided: {rejected} of {decided}; 95% range {range}. {open} handoffs still "
        "open are not counted."
    ).format(
        rejected=format.count(whole["rejected"], lang),
        decided=format.count(whole["decided"], lang),
        range=conversion.interval_text(whole["rejection_low"], whole["rejection_high"], lang),
        open=format.count(whole["still_open"], lang),
    ),
    border=True,
)
tiles[2].metric(
    T("Without a reason"),
    format.count(without, lang),
    help=T("Rejections sales gave no reason for: a breach of the SLA, and no input for marketing."),
    border=True,
)
tiles[3].metric(
    T("Recycled"),
    format.count(recycled_total["recycled"], lang),
    help=T("Rejected leads sales sent back to marketing's nurture."),
    border=True,
)

top = reasons.iloc[0]
st.markdown(
    T("Top reason: **{reason}**, {rejections} ({share} of all).").format(
        reason=markup.text(i18n.value(top["reason"], lang)),
        rejections=format.counted(
            top["rejections"], T("rejection"), T("rejections"), lang, T("rejections (2–4)")
        ),
        share=format.pct(top["share"], lang=lang),
    )
)


def _open_clicked_reason() -> None:
    """A click on a bar of the Pareto chart opens that reason's leads below."""
    points = st.session_state["pareto"]["selection"]["points"]
    if points:
        # The reason as the data names it rides in the bar's customdata; the label on the axis
        # may be its Polish.
        point = points[0]
        custom = point.get("customdata")
        reason = custom[1] if isinstance(custom, list) and len(custom) > 1 else point["x"]
        st.session_state["reason"] = html.unescape(str(reason))


st.subheader(T("Reasons, most frequent first"))
st.plotly_chart(
    charts.pareto(reasons, rejections.NO_REASON, lang),
    width="stretch",
    key="pareto",
    on_select=_open_clicked_reason,
    selection_mode="points",
)
st.caption(
    T(
        "The line is the cumulative share: the few reasons left of where it crosses 80 % "
        "explain most rejections. Rejections without a reason are red. Click a bar to see its "
        "leads below."
    )
)

st.subheader(T("Trend by week of handoff"))
by_week = cache.query("rejections_by_reason", {**params, "dimension": "handoff_week"})
shown_reasons = rejections.top_reasons(by_week, 6)
st.plotly_chart(
    charts.rejection_trend(
        rejections.trend(by_week, shown_reasons),
        shown_reasons,
        rejections.NO_REASON,
        rejections.OTHER,
        lang,
    ),
    width="stretch",
)

st.subheader(T("Rejection rate by segment"))
dimension = st.selectbox(
    T("Break down by"),
    list(rejections.DIMENSIONS),
    format_func=lambda key: T(rejections.DIMENSIONS[key]),
    key="by",
    bind="query-params",
)
label = T(rejections.DIMENSIONS[dimension])
segments = conversion.order_segments(
    conversion.with_rates(cache.query("handoff_outcomes", {**params, "dimension": dimension})),
    dimension,
)
st.plotly_chart(
    charts.rate_by_segment(
        segments[segments["decided"] > 0],
        "rejection",
        "rejected",
        T("Rejection rate (decided) by {split}").format(split=label.lower()),
        charts.RED,
        lang=lang,
    ),
    width="stretch",
)
st.caption(
    T(
        "Rejected / decided handoffs, with the 95% range; pale bars rest on fewer than {few} "
        "decided handoffs, too few to judge."
    ).format(few=conversion.MIN_DECIDED)
)
tables.handoff_outcomes(segments, label, "rejection", lang)

st.subheader(T("Which sources produce which rejections"))
source = st.radio(
    T("Source"),
    list(rejections.SOURCES),
    format_func=lambda key: T(rejections.SOURCES[key]),
    horizontal=True,
    key="source",
    bind="query-params",
)
by_source = cache.query("rejections_by_reason", {**params, "dimension": source})
counts, shares = rejections.matrix(by_source, reasons["reason"].tolist(), max_rows=20)
st.plotly_chart(charts.reason_matrix(counts, shares, lang), width="stretch")
st.caption(
    T(
        "Each row is a {source}: its rejections by reason, the colour the share of that "
        "source's rejections. A dark cell is what that source should fix."
    ).format(source=T(rejections.SOURCES[source]).lower())
)

st.subheader(T("Leads behind a bar"))
pick_reason, pick_source = st.columns(2)
reason = pick_reason.selectbox(
    T("Reason"),
    ["(all reasons)", *reasons["reason"].tolist()],
    format_func=lambda v: T(v) if v == "(all reasons)" else i18n.value(v, lang),
    key="reason",
    bind="query-params",
)
source_segment = pick_source.selectbox(
    T(rejections.SOURCES[source]),
    ["(all)", *sorted(by_source["segment"].unique())],
    format_func=lambda v: T(v) if v == "(all)" else i18n.value(v, lang),
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
    format.counted(total, T("rejected lead"), T("rejected leads"), lang, T("rejected leads (2–4)"))
    + (
        ""
        if reason == "(all reasons)"
        else T(" with “{reason}”").format(reason=markup.text(i18n.value(reason, lang)))
    )
    + (
        ""
        if source_segment == "(all)"
        else T(" from {source}").format(source=markup.text(i18n.value(source_segment, lang)))
    )
    + T(", latest rejection first")
    + (
        T("; the latest {rows} are shown").format(rows=format.count(ROWS_SHOWN, lang))
        if total > ROWS_SHOWN
        else ""
    )
    + T(". The download holds all of them.")
)
if leads.empty:
    st.info(T("No rejected lead matches this reason and source. Pick another reason or source."))
else:
    tables.dataframe(
        leads,
        lang,
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
        "rejected_leads",
        filters,
        tables.handed_off_leads(
            {
                "reason": "Reason",
                "decided_at": tables.when("Rejected"),
                "touchpoints_after_decision": tables.count("Touchpoints since rejection"),
            }
        ),
        {"Reason": drill["reason"], rejections.SOURCES[source]: drill["segment"]},
    )
    names = {
        row.lead_id: f"{row.lead_id} · {row.company} · {i18n.value(row.reason, lang)}"
        for row in leads.itertuples()
    }
    lead = st.selectbox(
        T("Touchpoint history of"), list(names), format_func=names.get, key="rejected_lead"
    )
    tables.lead_history(cache.query("lead_history", {"lead_id": lead}), lang)

st.subheader(T("Recycled leads: did they come back?"))
st.caption(
    T(
        "Rejected leads sales sent back to marketing's nurture, and what each has done since: "
        "a buying signal (demo request, contact form, pricing page, ROI calculator) means it "
        "may be worth handing to sales again."
    )
)
back = st.columns(4)
back[0].metric(
    T("Recycled"),
    format.count(recycled_total["recycled"], lang),
    help=T("Of {n} rejected leads.").format(n=format.count(recycled_total["rejected"], lang)),
    border=True,
)
for column, (key, title) in zip(back[1:], rejections.SINCE_RECYCLING.items()):
    column.metric(T(title), format.count(recycled_total[key], lang), border=True)
tables.dataframe(
    recycled,
    lang,
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
    tables.dataframe(
        rejections.comeback_first(comeback)[
            ["lead_id", "company", "channel", "reason", "decided_at", "recycled_at"]
            + ["last_touchpoint_at", "since_recycling"]
        ],
        lang,
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
