"""The weekly calibration report: a week against the week before and the 8-week average."""

from dataclasses import replace
from datetime import date, timedelta

import streamlit as st

from leadflow import i18n, report, weekly
from leadflow.app import cache, language, markup, page, printing, whatif_cache
from leadflow.app.filters import data_range

lang = language.current()
T = lambda text: i18n.t(text, lang)  # noqa: E731

filters = page.start(
    __file__,
    T("Weekly calibration report"),
    "🗓️",
    T(
        "What happened in the week against the week before and the 8-week average, which leads "
        "wait for a decision, and which threshold would fit sales capacity?"
    ),
)
lang = language.picker()
printing.print_friendly()
span = data_range()

last_full = weekly.last_full_week(span.as_of)
first_monday = span.first_day - timedelta(days=span.first_day.isoweekday() - 1)
mondays = []
monday = last_full
while monday >= first_monday and len(mondays) < 104:
    mondays.append(monday.isoformat())
    monday -= timedelta(weeks=1)
mondays = mondays or [last_full.isoformat()]
opening = weekly.opening_week(span.as_of, span.last_lead_day or span.last_day).isoformat()
picked = st.selectbox(
    T("Week"),
    mondays,
    index=mondays.index(opening) if opening in mondays else 0,
    key="week",
    bind="query-params",
    help=T(
        "Monday of the week; the default is the last full week (Monday–Sunday) of the data, "
        "or the week of its last lead when the data stops earlier."
    ),
)
week = date.fromisoformat(picked)
st.caption(
    T(
        "Weeks run Monday to Sunday (Europe/Warsaw). Each event counts in its own week: MQLs "
        "when they became MQL, handoffs when handed off, accepted and rejected when sales "
        "decided; SLA breaches and MQL→SQL by handoff week. The 8-week average is over the 8 "
        "weeks before this one. The sidebar's period is not used here; its other filters are."
    )
)

shared = {k: v for k, v in filters.params().items() if k not in ("start", "end")}
data = weekly.read(week, shared, cache.query)

capacity = st.number_input(
    T("Sales capacity (handoffs a week)"),
    min_value=0,
    value=weekly.default_capacity(data.counts),
    step=1,
    key="capacity",
    bind="query-params",
    help="How many handoffs a week sales can work on; the default is the 8-week average, "
    "rounded up (at least 1), so the default alone never proposes a change.",
)

# The replay behind the backtest needs scores to replay; without them the report says so.
backtest = None
if not page.missing(*weekly.BACKTEST_NEEDS):
    first, last = weekly.backtest_period(span.first_day, span.last_day)
    backtest = whatif_cache.backtest(replace(filters, start=first, end=last))

result = weekly.build(
    week,
    lang,
    # The sidebar's period is not used here, so the file names only the other filters.
    " · ".join(filters.describe().split(" · ")[1:]) or T("no filters"),
    *data,
    float(capacity),
    backtest,
)

st.subheader(weekly.week_span(week, lang))


def table(frame) -> None:
    # Plain HTML tables, as in the exported file: short, read top to bottom in a meeting.
    st.table(markup.table(frame.set_index(frame.columns[0])))


# What the meeting decides comes first: the proposal, then the leads waiting for a decision.
st.subheader(T("Proposal: the MQL threshold for the sales capacity"))
st.caption(
    T(
        "A proposal, not a decision: from the scores at handoff of the last 8 weeks, the lowest "
        "threshold that keeps handoffs per week within the capacity, and the handoffs, SQLs and "
        "won deals it would have cost."
    )
)
st.warning(result.proposal_text, icon=":material/lightbulb:")

st.subheader(T("Leads that need a decision"))
st.caption(
    T(
        "Handoffs neither accepted nor rejected yet, handed off by the end of the week "
        "and past the response SLA, as of the data's date."
    )
    + (f" {weekly.decisions_note(result.decisions_total, lang)}" if result.decisions_total else "")
)
if result.decisions.empty:
    st.info(T("No leads need a decision."))
else:
    table(result.decisions)

st.subheader(weekly.t("Backtest: had we applied the recommendation made each past month", lang))
st.caption(result.backtest_text)
if not result.backtest.empty:
    table(result.backtest)

st.subheader(T("Drift alerts"))
st.caption(T(i18n.DRIFT_NOTE))
if result.alerts.empty:
    st.info(T("No channel, campaign or rep moved significantly this week."))
for line, link in weekly.alert_lines(result.alerts, lang):
    # The text is the data's (a channel or rep name): escaped; the link is built by drift.link.
    st.markdown(f"- [{markup.text(line)}]({link})")

st.plotly_chart(result.figure)
for title, frame, empty in (
    ("The week in numbers", result.summary, ""),
    ("Rejections by reason", result.rejections, "No rejections in these weeks."),
    ("SLA breaches per rep", result.sla_by_rep, "No handoffs in these weeks."),
    ("MQL→SQL by channel", result.channels, "No handoffs in these weeks."),
):
    st.subheader(T(title))
    if frame.empty:
        st.info(T(empty))
    else:
        table(frame)

as_of = i18n.day((span.as_of - timedelta(microseconds=1)).date(), lang)
# Made when clicked, not on every run: the file inlines Plotly (about 5 MB), and building it on
# each rerun made every widget change and page reopen wait for it.
st.download_button(
    T("Download the report (HTML)"),
    lambda: report.to_html(result, as_of),
    file_name=f"leadflow_weekly_{week.isoformat()}_{lang}.html",
    mime="text/html",
    icon=":material/download:",
)
