"""Rejection reasons: why sales rejected handed-off leads, from which sources, and since."""

import streamlit as st

from leadflow import conversion, format, i18n, rejections
from leadflow.app import cache, charts, drilldown, language, markup, page, tables
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


st.subheader(T("Reasons, most frequent first"))
# Drawn once the reason picked below is known, so that the chart marks it.
pareto_slot = st.empty()
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
split_label = lambda key: T(rejections.DIMENSIONS[key])  # noqa: E731
drilldown.bound_choice("by", list(rejections.DIMENSIONS), split_label, why=T("no such split"))
dimension = st.selectbox(
    T("Break down by"),
    list(rejections.DIMENSIONS),
    format_func=split_label,
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
source_label = lambda key: T(rejections.SOURCES[key])  # noqa: E731
drilldown.bound_choice(
    "source", list(rejections.SOURCES), source_label, why=T("sources are channels or campaigns")
)
source = st.radio(
    T("Source"),
    list(rejections.SOURCES),
    format_func=source_label,
    horizontal=True,
    key="source",
    bind="query-params",
)
by_source = cache.query("rejections_by_reason", {**params, "dimension": source})
counts, shares = rejections.matrix(by_source, reasons["reason"].tolist(), max_rows=20)
matrix_slot = st.empty()
st.caption(
    T(
        "Each row is a {source}: its rejections by reason, the colour the share of that "
        "source's rejections. A dark cell is what that source should fix."
    ).format(source=T(rejections.SOURCES[source]).lower())
)

st.subheader(T("Leads behind a bar"))
pick_reason, pick_source = st.columns(2)
reason_label = lambda v: T(v) if v == "(all reasons)" else i18n.value(v, lang)  # noqa: E731
drilldown.bound_choice(
    "reason",
    ["(all reasons)", *reasons["reason"].tolist()],
    reason_label,
    why=T("no rejection with that reason in the period"),
)
reason = pick_reason.selectbox(
    T("Reason"),
    ["(all reasons)", *reasons["reason"].tolist()],
    format_func=reason_label,
    key="reason",
    bind="query-params",
    help=T("Or click a bar of the reasons above, or a cell of the sources."),
)
source_segment = drilldown.choice(
    T(rejections.SOURCES[source]),
    ["(all)", *sorted(by_source["segment"].unique())],
    key="source_segment",
    why=T("no such value among these leads"),
    format_func=lambda v: T(v) if v == "(all)" else i18n.value(v, lang),
    where=pick_source,
)
with pareto_slot:
    drilldown.chart(
        charts.pareto(reasons, rejections.NO_REASON, lang),
        key="pareto",
        picks=[{"reason": r} for r in reasons["reason"]],
        picked=drilldown.position(reasons["reason"], reason),
        cleared={"reason": "(all reasons)"},
    )
with matrix_slot:
    matrix = charts.reason_matrix(counts, shares, lang)
    # Only cells with rejections stand for leads; "N other sources" is no source to list.
    cells = [
        (row, column)
        for row in counts.index
        for column in counts.columns
        if counts.loc[row, column] and row in set(by_source["segment"])
    ]
    of_source = T("of the source's rejections")
    drilldown.chart(
        matrix,
        key="reason_matrix",
        curve=drilldown.heatmap_cells(
            matrix,
            markup.plotly([i18n.value(c, lang) for _, c in cells]),
            markup.plotly([i18n.value(r, lang) for r, _ in cells]),
            drilldown.position(cells, (source_segment, reason)),
            markup.plotly(
                f"{i18n.value(r, lang)} · {i18n.value(c, lang)}: "
                f"{format.pct(shares.loc[r, c], 0, lang)} {of_source}"
                for r, c in cells
            ),
        ),
        picks=[{"reason": c, "source_segment": r} for r, c in cells],
        picked=None,  # outlined by heatmap_cells
        cleared={"reason": "(all reasons)", "source_segment": "(all)"},
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
    names = {
        row.lead_id: f"{row.lead_id} · {row.company} · {i18n.value(row.reason, lang)}"
        for row in leads.itertuples()
    }
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
    drilldown.leads(
        leads,
        lang,
        tables.handed_off_leads(
            {
                "reason": "Reason",
                "decided_at": tables.when("Rejected"),
                "touchpoints_after_decision": tables.count("Touchpoints since rejection"),
            }
        ),
        key="rejected_lead",
        names=names,
        label=T("Touchpoint history of"),
        history=lambda lead: cache.query("lead_history", {"lead_id": lead}),
        hide_index=True,
        width="stretch",
        column_order=[
            *["lead_id", "company", "reason", "rep", "handoff_at", "decided_at"],
            *["recycled_at", "since_recycling", "touchpoints_after_decision"],
            *["last_touchpoint_at", "touchpoints_before_handoff", "score_at_handoff"],
            *["channel", "campaign", "industry", "size_band", "seniority"],
        ],
    )

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
    comeback = rejections.comeback_first(comeback)
    drilldown.leads(
        comeback[
            ["lead_id", "company", "channel", "reason", "decided_at", "recycled_at"]
            + ["last_touchpoint_at", "since_recycling"]
        ],
        lang,
        {
            "lead_id": "Lead",
            "company": "Company",
            "channel": "Channel",
            "reason": "Reason",
            "decided_at": tables.when("Rejected"),
            "recycled_at": tables.when("Recycled"),
            "last_touchpoint_at": tables.when("Last touchpoint"),
            "since_recycling": "Since recycling",
        },
        key="recycled_lead",
        names={row.lead_id: f"{row.lead_id} · {row.company}" for row in comeback.itertuples()},
        label=T("History of a lead"),
        history=lambda lead: cache.query("lead_history", {"lead_id": lead}),
        hide_index=True,
        width="stretch",
    )

disqualified_section()
