"""Management KPIs: every KPI of DOMAIN.md per month, against target and the months before."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from leadflow import exports, format, i18n, kpis, metric_definitions
from leadflow.app import cache, language, page, printing
from leadflow.app.filters import data_range
from leadflow.metric_definitions import get as metric

lang = language.current()
T = lambda text: i18n.t(text, lang)  # noqa: E731

filters = page.start(
    __file__,
    T("Management KPIs"),
    "📊",
    T(
        "How is the business doing month by month: SQLs against target, conversion, cost per "
        "lead and per SQL, deals won, response times and return on lead generation?"
    ),
)
lang = language.picker()
printing.print_friendly()

months = st.slider(
    T("Months shown"),
    min_value=6,
    max_value=12,
    value=6,
    key="months",
    bind="query-params",
    help=T("Number of months in the table; the last one is the month of the period's end date."),
)
fetched, first_shown, last = kpis.month_window(filters.end, months)
params = {**filters.params(), "first_month": fetched, "last_month": last}
by_month = cache.query("kpi_by_month", params)

st.caption(
    T(
        "Each KPI is counted in the month of its own event: SQLs in the month they were "
        "accepted, conversion, rejections, response time and SLA by the handoff month, deals by "
        "the month they closed, costs by campaign month. The sidebar's end date picks the last "
        "month; its start date is not used here. The channel filter applies to costs too; "
        "industry, company size and rep filters cannot split campaign costs, so CPL, CPL-Q and "
        "ROI always use the full cost of the chosen channels."
    )
)
left_out = cache.query("kpi_currencies", params).query("not is_home")
if not left_out.empty:
    st.caption(
        T(
            "Revenue, revenue per deal and ROI count the won deals in PLN, the currency of the "
            "campaign costs; won deals in other currencies are left out, never added up:"
        )
        + " "
        + ", ".join(
            f"{format.count(row.won_deals)} {row.currency} "
            f"({format.money(row.revenue, row.currency, lang)})"
            for row in left_out.itertuples()
        )
        + "."
    )
page.default_notes("sla_policy")
if page.missing("sql_targets"):
    st.info(
        T("No SQL targets are set: SQLs vs target stays empty. A manager sets them in Settings.")
    )
if page.missing("campaign_costs"):
    st.info(T("The database has no campaign costs: CPL, CPL-Q and ROI stay empty."))
if page.missing("sla_policy"):
    # Without a policy nothing is due: compliance is unknown, and the page says so, not 0 %.
    st.info(
        f"{', '.join(metric(k).name(lang) for k in ('sla_compliance', 'response_time'))}: "
        f"{metric_definitions.why_not_measured('sla_policy', lang)}."
    )

# The data may end inside the last month: that month is pro-rated, not judged as a full one.
covered = kpis.coverage(last, data_range().last_day)
grid = kpis.values(by_month, covered)
previous = (pd.Timestamp(last) - pd.DateOffset(months=1)).date()
this, before = grid[last], kpis.earlier(grid, previous, covered)
st.subheader(
    i18n.month(last, lang)
    + (
        f" ({T('to')} {i18n.day(last + timedelta(days=covered.days - 1), lang)})"
        if covered.partial and covered.days
        else ""
    )
)
note = kpis.last_month_note(covered, this["sql_target"], lang)
if note:
    st.caption(note)
tiles = page.tiles(5)
target = this["sql_target"]
tiles[0].metric(
    T("SQLs"),
    i18n.count(this["sqls"], lang),
    delta=(
        f"{i18n.pct(this['sql_vs_target'], lang)} "
        + (
            f"{T('of pro-rated target')} ({i18n.number(target, lang, 1)})"
            if covered.partial
            else f"{T('of target')} ({i18n.count(target, lang)})"
        )
        if target is not None and not pd.isna(target)
        else T("no target")
    ),
    # Colour only says whether the target was met; the numbers stay in the text.
    delta_color="normal"
    if this["sql_vs_target"] is not None and this["sql_vs_target"] >= 1
    else "inverse",
    delta_arrow="off",
    help=f"{T('vs previous month')}: "
    + (
        f"{i18n.number(before['sqls'], lang, 1)} ({T('pro-rated to as many days')})"
        if covered.partial
        else i18n.count(before["sqls"], lang)
    ),
    border=True,
)
for tile, key in zip(tiles[1:], ("mql_to_sql", "win_rate", "cplq", "sla")):
    kind = kpis.KINDS[key]
    label = next(k.label for k in kpis.KPIS if k.key == key)
    moved = kpis.change(kind, this[key], before[key])
    tile.metric(
        T(label),
        kpis.show(kind, this[key], lang),
        delta=None if moved is None else kpis.show_change(kind, moved, lang),
        # A higher cost per SQL is worse.
        delta_color="inverse" if key == "cplq" else "normal",
        help=f"{T('vs previous month')}: {kpis.show(kind, before[key], lang)}",
        border=True,
    )

shown = kpis.table(by_month, first_shown, last, lang, covered)
printing.table_for_screen_and_print(
    shown.drop(columns=[T("Trend")]),
    lambda: st.dataframe(
        shown,
        hide_index=True,
        height=(len(shown) + 1) * 35 + 3,  # every KPI visible without scrolling
        column_config={
            T("Trend"): st.column_config.LineChartColumn(T("Trend"), width="small"),
            T("KPI"): st.column_config.TextColumn(T("KPI"), pinned=True, width=250),
        },
    ),
)
st.caption(
    T(
        "Months newest first, so the latest stay in sight on a narrow screen; the trend reads "
        "oldest to newest. Changes compare the newest month with the month before it and with "
        "the same month a year earlier: rates in percentage points, everything else relative."
    )
)

with st.expander(T("How each KPI is computed")):
    for kpi in kpis.KPIS:
        st.markdown(f"**{T(kpi.label)}**: {kpi.formula_pl if lang == 'pl' else kpi.formula}")
        # A link by URL path: st.page_link needs the app's entry point, which a page opened on
        # its own (a deep link, a page test) does not have.
        name = kpi.page.split("_", 1)[1].removesuffix(".py")
        st.markdown(f"{T('Explained on')}: [{name}](/{name})")

seen = page.view(
    filters,
    lang,
    period=False,  # the page uses the end date's month only
    picked={
        "Months": (
            f"{i18n.month(first_shown, lang)} – {kpis.month_heading(last, lang, covered)}",
            f"{first_shown:%Y-%m}-{last:%Y-%m}",
        )
    },
)
printing.what_was_printed(seen.about, lang)
# The file names say the filters, the months and the data's date, as the files' first lines do.
names = {
    ext: exports.file_name("leadflow_kpis", [*seen.parts, lang], ext) for ext in ("csv", "xlsx")
}
downloads = st.columns(2)
downloads[0].download_button(
    T("Download CSV"),
    kpis.to_csv(shown, lang, seen.about),
    file_name=names["csv"],
    mime="text/csv",
    icon=":material/download:",
)
downloads[1].download_button(
    T("Download Excel"),
    kpis.to_excel(by_month, first_shown, last, lang, covered, seen.about),
    file_name=names["xlsx"],
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table:",
)
