"""Funnel: how far the leads created in the period got, by stage, month and segment."""

import streamlit as st

from leadflow import format, i18n, metrics, settings
from leadflow.app import cache, charts, drilldown, language, markup, page, tables
from leadflow.app.filters import data_range
from leadflow.metric_definitions import get as metric

lang = language.current()
T = language.translator()

filters = page.start(
    __file__,
    T("Funnel"),
    "🔻",
    T(
        "How far did the leads created in the period get? Every lead counts once, in its "
        "creation month, at each stage it reached."
    ),
)
page.require("leads")
params = filters.params()

overall = cache.query("funnel_counts", {**params, "dimension": "all"})
if overall.empty:
    st.info(
        T(
            "No leads were created in the period with these filters. Widen the period or "
            "clear a filter in the sidebar."
        )
    )
    st.stop()
counts = overall.iloc[0]
stages = metrics.funnel_stages(counts)

won, lost = int(counts["won"]), int(counts["lost"])
tiles = page.tiles(4)
tiles[0].metric(metric("leads").title(lang), format.count(counts["leads"], lang), border=True)
tiles[1].metric(
    metric("cohort_mql_to_sql_rate").title(lang),
    format.pct(metrics.mql_to_sql_rate(counts["sqls"], counts["rejected"]), lang=lang),
    help=T(
        "Accepted / (accepted + rejected): {accepted} accepted, {rejected} rejected; handoffs "
        "still awaiting a decision are left out."
    ).format(
        accepted=format.count(counts["sqls"], lang),
        rejected=format.count(counts["rejected"], lang),
    ),
    border=True,
)
tiles[2].metric(
    metric("cohort_win_rate").title(lang),
    format.pct(metrics.win_rate(won, lost), lang=lang),
    help=T("Won / (won + lost): {won} won, {lost} lost. Open deals are not decided yet.").format(
        won=format.count(won, lang), lost=format.count(lost, lang)
    ),
    border=True,
)
# Revenue in the data's own currencies, side by side: never added across them.
revenue = cache.query("revenue_by_currency", {**params, "counted_by": "created"})
amounts = dict(zip(revenue["currency"], revenue["revenue"])) or {settings.CURRENCY: 0.0}
tiles[3].metric(
    metric("cohort_revenue_won").title(lang),
    format.money_by_currency(amounts, lang=lang),
    help=metric("cohort_revenue_won").describe(lang)
    + (
        " " + T("The won deals are in several currencies: each is shown on its own.")
        if len(amounts) > 1
        else ""
    ),
    border=True,
)

left, right = st.columns([3, 2])
# Drawn once the stage picked below is known, so that the funnel marks it.
funnel_slot = left.empty()
with right:
    # Six rows: the shares are shown as text so the first stage reads "–", not "None".
    shown = stages.assign(
        label=[T(label) for label in stages["label"]],
        step_conversion=[format.pct(r, lang=lang) for r in stages["step_conversion"]],
        cumulative_conversion=[format.pct(r, lang=lang) for r in stages["cumulative_conversion"]],
    )
    tables.dataframe(
        shown[["label", "leads", "step_conversion", "cumulative_conversion"]],
        lang,
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

st.subheader(T("Stage velocity"))
velocity = cache.query("stage_velocity", params)
st.caption(T("Median time between consecutive stages, over the leads that reached both."))
st.plotly_chart(charts.velocity(velocity, lang), width="stretch")

st.subheader(T("Cohorts by creation month"))
as_of = data_range().as_of
cohorts = metrics.with_rates(cache.query("funnel_counts", {**params, "dimension": "created_month"}))
cohorts["maturing"] = [metrics.cohort_maturing(m, as_of) for m in cohorts["segment"]]
cohorts["status"] = [T("still maturing") if m else T("mature") for m in cohorts["maturing"]]
st.caption(
    T(
        "Cohorts younger than {days} days are still maturing: their leads are still being "
        "accepted, turned into deals and closed, so their later stages will grow."
    ).format(days=metrics.MATURING_DAYS)
)
st.plotly_chart(charts.cohort_volumes(cohorts, lang), width="stretch")
tables.funnel(cohorts, "Month created", leading=("status",), lang=lang)

st.subheader(T("Split"))
split_label = lambda key: T(metrics.SEGMENT_DIMENSIONS[key])  # noqa: E731
drilldown.bound_choice(
    "split", list(metrics.SEGMENT_DIMENSIONS), split_label, why=T("no such split")
)
dimension = st.selectbox(
    T("Split the funnel by"),
    list(metrics.SEGMENT_DIMENSIONS),
    format_func=split_label,
    key="split",
    bind="query-params",
)
segments = metrics.order_segments(
    metrics.with_rates(cache.query("funnel_counts", {**params, "dimension": dimension})), dimension
)
label = T(metrics.SEGMENT_DIMENSIONS[dimension])
split_slot = st.empty()
st.caption(T("Click a bar to list its leads below; click it again to list all."))
tables.funnel(segments, label, lang=lang)

st.subheader(T("Leads behind a number"))
pick_stage, pick_segment = st.columns(2)
stage_label = lambda key: T(metrics.STAGE_LABELS[key])  # noqa: E731
drilldown.bound_choice(
    "stage", list(metrics.STAGE_LABELS), stage_label, why=T("no such stage"), default=3
)
stage = pick_stage.selectbox(
    T("Stage reached"),
    list(metrics.STAGE_LABELS),
    format_func=stage_label,
    index=3,
    key="stage",
    bind="query-params",
    help=T("Or click a stage of the funnel above."),
)
segment = drilldown.choice(
    label,
    ["(all)", *segments["segment"].tolist()],
    key="segment",
    why=T("no such value among these leads"),
    format_func=lambda v: T(v) if v == "(all)" else i18n.value(v, lang),
    where=pick_segment,
    help=T("Or click a bar of the split above."),
)
with funnel_slot:
    drilldown.chart(
        charts.funnel(stages, lang),
        key="funnel_chart",
        picks=[{"stage": key} for key in stages["stage"]],
        picked=drilldown.position(stages["stage"], stage),
    )
with split_slot:
    rated = segments[segments["handoffs"] > 0]
    drilldown.chart(
        charts.segment_rates(rated, T("MQL→SQL rate by {split}").format(split=label.lower()), lang),
        key="split_chart",
        picks=[{"segment": value} for value in rated["segment"]],
        picked=drilldown.position(rated["segment"], segment),
        cleared={"segment": "(all)"},
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
    T("{leads} “{stage}”").format(
        leads=format.counted(
            total, T("lead reached"), T("leads reached"), lang, T("leads reached (2–4)")
        )
        if lang == "pl"
        else f"{format.count(total)} leads reached",  # as the page always wrote it, "1 leads"
        stage=T(metrics.STAGE_LABELS[stage]),
    )
    + (
        ""
        if segment == "(all)"
        else T(" in {segment}").format(segment=markup.text(i18n.value(segment, lang)))
    )
    + (
        T("; the newest {rows} are shown").format(rows=format.count(ROWS_SHOWN, lang))
        if total > ROWS_SHOWN
        else ""
    )
    + T(". The download holds all of them.")
)
LEAD_COLUMNS = {
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
}
page.download_rows(
    "Download these leads as CSV",
    "leads_at_stage",
    {**drill, "row_limit": None},
    "leads",
    filters,
    tables.leads_at_stage(),
    {"Stage reached": metrics.STAGE_LABELS[stage], label: drill["segment"]},
)
drilldown.leads(
    leads,
    lang,
    LEAD_COLUMNS,
    key="lead",
    names={row.lead_id: f"{row.lead_id} · {row.company}" for row in leads.itertuples()},
    label=T("History of a lead"),
    history=lambda lead: cache.query("lead_history", {"lead_id": lead}),
    hide_index=True,
    width="stretch",
    placeholder="",
)
