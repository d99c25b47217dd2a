"""Landing page: the period's headline numbers against the period before."""

import streamlit as st

from leadflow import format, metric_definitions, metrics
from leadflow.app import cache, language, page
from leadflow.app.filters import data_range

lang = language.current()
T = language.translator()

filters = page.start(
    __file__,
    "Leadflow",
    "📈",
    T("Which leads are worth a salesperson's time? This period at a glance."),
)
previous = filters.previous()
by_period = cache.query(
    "headline_by_period",
    {
        **filters.params(),
        "previous_start": previous.start,
        "previous_end": previous.end,
    },
)

st.markdown(
    T(
        "**{period}**, compared with the {days} days before ({previous}). Each stage is counted "
        "on the day the lead reached it: a lead created in March and accepted in April is an "
        "April SQL."
    ).format(
        period=format.period(filters.start, filters.end, lang),
        days=format.count((filters.end - filters.start).days + 1, lang),
        previous=format.period(previous.start, previous.end, lang),
    )
)


# A period before the data began is no yardstick: a change against it would read as growth.
first_day = data_range().first_day
compared = previous.end >= first_day
if not compared:
    st.caption(
        T(
            "The period before ({previous}) lies before the data's first lead ({first}): no "
            "change is shown."
        ).format(
            previous=format.period(previous.start, previous.end, lang),
            first=format.day(first_day, lang),
        )
    )
elif previous.start < first_day:
    st.warning(
        T(
            "The period before starts before the data's first lead ({first}): it holds only "
            "{covered} of its {days} days, so a change against it overstates growth."
        ).format(
            first=format.day(first_day, lang),
            covered=format.count((previous.end - first_day).days + 1, lang),
            days=format.count((previous.end - previous.start).days + 1, lang),
        )
    )


def shown(value: float | None, kind: str) -> str:
    if kind == "pct":
        return format.pct(value, lang=lang)
    return {"count": format.count, "pln": format.pln_short}[kind](value, lang)


def delta(headline: metrics.Headline) -> str | None:
    change = headline.change
    if change is None or not compared:
        return None
    if lang == "pl":
        # Signed, as st.metric reads the arrow's direction from the leading sign.
        if headline.kind == "pct":
            return f"{'+' if change >= 0 else ''}{format.number(change, lang, 1)} p.p."
        return f"{'+' if change >= 0 else ''}{format.pct(change, lang=lang)}"
    return f"{change:+.1f} pp" if headline.kind == "pct" else f"{change:+.1%}"


# Revenue in the data's own currencies: one is named, several are shown side by side (never
# added up, and with no change against the previous period, which may hold other currencies).
revenue = cache.query("revenue_by_currency", {**filters.params(), "counted_by": "won"})
amounts = dict(zip(revenue["currency"], revenue["revenue"]))
tiles = metrics.headlines(by_period)
for row in (tiles[:3], tiles[3:]):
    for column, headline in zip(st.columns(3), row):
        value, change = shown(headline.current, headline.kind), delta(headline)
        described = metric_definitions.get(headline.key).describe(lang)
        if headline.key == "revenue_won" and set(amounts) - {"PLN"}:
            value = format.money_by_currency(amounts, lang=lang)
            if len(amounts) > 1:
                change = None
                described += " " + T(
                    "The won deals are in several currencies: each is shown on its own."
                )
        column.metric(
            metric_definitions.get(headline.key).title(lang),
            value,
            change,
            help=described,
            border=True,
        )

current = by_period.set_index("period").loc["current"]
awaiting = int(current["handoffs_awaiting_decision"])
if awaiting:
    st.caption(
        T(
            "{awaiting} of the {handoffs} leads handed off in the period still await a decision "
            "from sales."
        ).format(
            awaiting=format.count(awaiting, lang),
            handoffs=format.count(current["handoffs"], lang),
        )
    )

st.subheader(T("Where to look next"))
NEXT = (
    (
        "pages/1_Funnel.py",
        "Funnel: how far the leads created in the period got, by stage, month and segment",
        ":material/filter_alt:",
    ),
    (
        "pages/2_Conversion.py",
        "MQL→SQL conversion: how many handoffs sales accepted, by week, month and segment",
        ":material/handshake:",
    ),
    (
        "pages/3_SLA.py",
        "SLA compliance: how fast sales answered, per rep and week, and every breach",
        ":material/timer:",
    ),
    (
        "pages/4_Rejections.py",
        "Rejection reasons: why sales said no, which sources cause it, who came back",
        ":material/thumb_down:",
    ),
    (
        "pages/5_What_if.py",
        "What-if: replay history under another MQL threshold and other scoring weights",
        ":material/science:",
    ),
    (
        "pages/6_KPIs.py",
        "Management KPIs: each KPI month by month, against target, last month and last year",
        ":material/monitoring:",
    ),
    (
        "pages/7_Weekly_report.py",
        "Weekly calibration report: the week against the last, and a threshold proposal",
        ":material/event_note:",
    ),
    (
        "pages/8_Import_data.py",
        "Import data: your own CRM export (HubSpot, Salesforce, Pipedrive, a spreadsheet)",
        ":material/upload:",
    ),
)
for path, label, icon in NEXT:
    st.page_link(path, label=T(label), icon=icon, query_params=page.link_params(lang))
