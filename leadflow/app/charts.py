"""Plotly figures with readable labels and people-formatted numbers."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from leadflow import format, i18n
from leadflow.app import markup

BLUE = "#2f6fb3"
GREEN = "#2e9e6a"
RED = "#c8553d"
GREY = "#9aa5b1"
_LAYOUT = dict(margin=dict(l=10, r=10, t=30, b=10), font=dict(size=14), separators=".,")


def _layout(lang: str) -> dict:
    """The figures' common layout; Plotly's own numbers (axes, hover) with a decimal comma and
    a no-break space between thousands in Polish."""
    return _LAYOUT | {"separators": f",{format.NBSP}"} if lang == "pl" else _LAYOUT


def _dates(fig: go.Figure, days: pd.Series, lang: str, monthly: bool = False, **where) -> None:
    """Date ticks, written here in either language (Plotly names months in English only) and
    never without the year where it is needed: monthly data, or a range of more than about
    four months, is ticked by month with its year ('Nov 2025', so a year's axis does not read
    '1 Nov' at both ends); a shorter range by its days ('5 Jan'), the year added to the first
    tick and wherever it changes ('29 Dec 2025', '5 Jan 2026'). At most about a dozen ticks."""
    shown = [pd.Timestamp(d) for d in sorted(pd.to_datetime(pd.Series(days)).dropna().unique())]
    if not shown:
        return
    first, last = shown[0], shown[-1]
    by_month = monthly or (last - first).days > 120
    if by_month:
        start = first if first.day == 1 else first + pd.offsets.MonthBegin(1)
        ticks = list(pd.date_range(start.normalize(), last, freq="MS")) or [first]
    else:
        ticks = shown
    step = max(1, -(-len(ticks) // 12))
    ticks = ticks[::step]
    text = []
    for i, d in enumerate(ticks):
        if by_month:
            text.append(format.month(d.date(), lang))
        elif i == 0 and first.year != last.year or i and d.year != ticks[i - 1].year:
            text.append(format.day(d.date(), lang))
        else:
            text.append(format.day_month(d.date(), lang))
    fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=text, **where)


def count_ticks(top: float) -> dict:
    """A count axis from zero in round steps (1, 2 or 5 times a power of ten, never a
    fraction of a lead), written whole with its thousands separated: 0, 5,000, 10,000 rather
    than 25.49k. `top` is the tallest bar (or stack) the axis has to hold."""
    target = max(float(top) if top == top else 0.0, 1.0) / 6  # at most six steps
    power = 10 ** math.floor(math.log10(target))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= target)
    return dict(tick0=0, dtick=max(1, round(step)), tickformat=",d", rangemode="tozero")


def _tallest(frame: pd.DataFrame, value: str, by: str | None = None) -> float:
    """The tallest bar of `value`, or with `by` the tallest stack of bars sharing `by`."""
    if frame.empty:
        return 0.0
    values = frame.groupby(by)[value].sum() if by else frame[value]
    return float(pd.to_numeric(values, errors="coerce").max())


def funnel(stages: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Stage counts as a funnel, each bar labelled with its count and the step conversion."""
    text = [
        format.count(n, lang)
        if step is None or pd.isna(step)
        else f"{format.count(n, lang)} · {format.pct(step, lang=lang)}"
        for n, step in zip(stages["leads"], stages["step_conversion"])
    ]
    # Later stages are a few percent of the first: their labels go beside the bar, not in it.
    widest = max(int(stages["leads"].max()), 1)
    position = ["inside" if n / widest > 0.3 else "outside" for n in stages["leads"]]
    fig = go.Figure(
        go.Funnel(
            y=[i18n.t(label, lang) for label in stages["label"]],
            x=stages["leads"],
            text=text,
            textinfo="text",
            textposition=position,
            insidetextanchor="middle",
            marker=dict(color=BLUE),
            connector=dict(fillcolor="#dce6f2"),
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_layout(**_layout(lang), height=380)
    fig.update_xaxes(title_text=i18n.t("leads", lang), **count_ticks(_tallest(stages, "leads")))
    fig.update_yaxes(title_text=i18n.t("Stage", lang))
    return fig


def velocity(steps: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Median days per step as horizontal bars."""
    fig = go.Figure(
        go.Bar(
            y=[i18n.value(step, lang) for step in steps["step"]],
            x=steps["median_days"],
            orientation="h",
            text=[format.days(d, lang) for d in steps["median_days"]],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=BLUE),
            hovertemplate="%{y}: %{x:.1f} " + i18n.t("days", lang) + "<extra></extra>",
        )
    )
    fig.update_layout(**_layout(lang), height=300, xaxis_title=i18n.t("median days", lang))
    # Room on the right for the label of the longest bar.
    fig.update_xaxes(range=[0, max(steps["median_days"].max() * 1.15, 1)])
    fig.update_yaxes(autorange="reversed", title_text=i18n.t("step between stages", lang))
    return fig


def segment_rates(segments: pd.DataFrame, title: str, lang: str = "en") -> go.Figure:
    """MQL→SQL rate per segment, with the number of handoffs behind each bar on hover."""
    fig = go.Figure(
        go.Bar(
            x=markup.plotly([i18n.value(v, lang) for v in segments["segment"]]),
            y=segments["mql_to_sql_rate"],
            customdata=segments[["sqls", "handoffs"]],
            text=[format.pct(r, lang=lang) for r in segments["mql_to_sql_rate"]],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=GREEN),
            hovertemplate="%{x}: %{y:.1%} ("
            + i18n.t("{sqls} of {handoffs} handoffs", lang).format(
                sqls="%{customdata[0]:,}", handoffs="%{customdata[1]:,}"
            )
            + ")<extra></extra>",
        )
    )
    fig.update_layout(**_layout(lang), height=340, title=title, yaxis_tickformat=".0%")
    fig.update_yaxes(title_text=i18n.t("MQL→SQL rate", lang), rangemode="tozero")
    return fig


def cohort_volumes(cohorts: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Leads, MQLs and SQLs per creation month; maturing months drawn lighter."""
    fig = go.Figure()
    opacity = [0.45 if m else 1.0 for m in cohorts["maturing"]]
    months = [format.month(pd.Timestamp(m).date(), lang) for m in cohorts["segment"]]
    for column, name, color in (("mqls", "MQLs", BLUE), ("sqls", "SQLs", GREEN)):
        name = i18n.t(name, lang)
        fig.add_bar(
            x=markup.plotly(months),
            y=cohorts[column],
            name=name,
            marker=dict(color=color, opacity=opacity),
            hovertemplate="%{x}: %{y:,} " + name + "<extra></extra>",
        )
    fig.update_layout(**_layout(lang), height=320, barmode="group", legend=dict(orientation="h"))
    fig.update_xaxes(title_text=i18n.t("month created", lang))
    fig.update_yaxes(
        title_text=i18n.t("leads", lang),
        **count_ticks(max(_tallest(cohorts, "mqls"), _tallest(cohorts, "sqls"))),
    )
    return fig


# The conversion, SLA and rejection pages.

AMBER = "#d9a21b"
LIGHT = "#d5dbe1"  # groups too small to judge: drawn, but pale
HEALTHY_FILL = "rgba(46, 158, 106, 0.12)"
HEALTHY_SWATCH = "rgba(46, 158, 106, 0.35)"  # the band in the legend: a little darker to show


PERCENT_TICKS = dict(tickformat=".0%", tickvals=[0, 0.2, 0.4, 0.6, 0.8, 1])


def healthy_label(band: tuple[float, float], lang: str = "en") -> str:
    low, high = band
    return f"{i18n.t('healthy', lang)} {low * 100:.0f}–{high * 100:.0f}%"


def _shade_band(
    fig: go.Figure, band: tuple[float, float], axis: str = "y", lang: str = "en", **where
) -> None:
    """The healthy range of a rate as a pale green band. Lying across (a rate over time) it is
    named in the legend: a label in the plot sat on the markers of every rate inside it."""
    low, high = band
    add = fig.add_hrect if axis == "y" else fig.add_vrect
    add(low, high, fillcolor=HEALTHY_FILL, line_width=0, layer="below", **where)
    if axis == "y":
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker=dict(symbol="square", size=14, color=HEALTHY_SWATCH),
            name=healthy_label(band, lang),
            hoverinfo="skip",
            **where,
        )


def rate_over_time(
    cohorts: pd.DataFrame, band: tuple[float, float], monthly: bool = False, lang: str = "en"
) -> go.Figure:
    """MQL→SQL rate of decided handoffs per handoff cohort (weekly, or `monthly`), with its
    95 % interval and the healthy band, above the cohort's accepted, rejected and still-open
    handoffs."""
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4], vertical_spacing=0.06
    )
    color = [LIGHT if few else GREEN for few in cohorts["too_few"]]
    T = lambda text: i18n.t(text, lang)  # noqa: E731
    hover = [
        f"{label}: {format.pct(r, lang=lang)} ("
        + T("{accepted} of {decided} decided; 95% range {range}").format(
            accepted=format.count(a, lang),
            decided=format.count(d, lang),
            range=f"{format.pct(lo, 0, lang)}–{format.pct(hi, 0, lang)}",
        )
        + ")"
        + (f" · {T('too few to judge')}" if few else "")
        for label, r, a, d, lo, hi, few in zip(
            cohorts["label"],
            cohorts["mql_to_sql_rate"],
            cohorts["accepted"],
            cohorts["decided"],
            cohorts["mql_to_sql_low"],
            cohorts["mql_to_sql_high"],
            cohorts["too_few"],
        )
    ]
    fig.add_scatter(
        x=cohorts["start"],
        y=cohorts["mql_to_sql_rate"],
        mode="lines+markers",
        line=dict(color=GREEN, width=2),
        marker=dict(color=color, size=9, line=dict(color=GREEN, width=1)),
        error_y=dict(
            type="data",
            symmetric=False,
            array=cohorts["mql_to_sql_high"] - cohorts["mql_to_sql_rate"],
            arrayminus=cohorts["mql_to_sql_rate"] - cohorts["mql_to_sql_low"],
            color=GREY,
            thickness=1,
        ),
        name=T("MQL→SQL rate (decided)"),
        hovertext=hover,
        hoverinfo="text",
        row=1,
        col=1,
    )
    _shade_band(fig, band, lang=lang, row=1, col=1)
    for column, name, bar_color in (
        ("accepted", "Accepted (SQL)", GREEN),
        ("rejected", "Rejected", RED),
        ("still_open", "Still open", GREY),
    ):
        name = T(name)
        fig.add_bar(
            x=cohorts["start"],
            y=cohorts[column],
            name=name,
            marker=dict(color=bar_color),
            customdata=cohorts["label"],
            hovertemplate="%{customdata}: %{y:,} " + name.lower() + "<extra></extra>",
            row=2,
            col=1,
        )
    fig.update_layout(
        **_layout(lang), height=520, barmode="stack", legend=dict(orientation="h", y=-0.1)
    )
    fig.update_yaxes(**PERCENT_TICKS, range=[0, 1.02], title_text="MQL→SQL", row=1, col=1)
    fig.update_yaxes(
        title_text=T("handoffs"), **count_ticks(_tallest(cohorts, "handoffs")), row=2, col=1
    )
    fig.update_xaxes(
        title_text=T("month of handoff" if monthly else "week of handoff"), row=2, col=1
    )
    _dates(fig, cohorts["start"], lang, monthly)
    return fig


def rate_by_segment(
    segments: pd.DataFrame,
    rate: str,
    count: str,
    title: str,
    color: str,
    band: tuple[float, float] | None = None,
    lang: str = "en",
) -> go.Figure:
    """One rate per segment as horizontal bars with their 95 % interval; groups too small to
    judge pale. `rate` names the columns <rate>_rate, <rate>_low, <rate>_high; `count` the
    numerator column, shown beside each bar with the decided handoffs behind it."""
    values = segments[f"{rate}_rate"]
    low, high = segments[f"{rate}_low"], segments[f"{rate}_high"]
    of, too_few = i18n.t("{part} of {whole}", lang), i18n.t("too few", lang)
    text = [
        f"{format.pct(r, lang=lang)} · "
        + of.format(part=format.count(k, lang), whole=format.count(n, lang))
        + (f" · {too_few}" if few else "")
        for r, k, n, few in zip(values, segments[count], segments["decided"], segments["too_few"])
    ]
    names = markup.plotly([i18n.value(v, lang) for v in segments["segment"]])
    fig = go.Figure(
        go.Bar(
            y=names,
            x=values,
            orientation="h",
            marker=dict(color=[LIGHT if few else color for few in segments["too_few"]]),
            error_x=dict(
                type="data",
                symmetric=False,
                array=high - values,
                arrayminus=values - low,
                color="#56616c",
                thickness=1,
            ),
            hovertext=[
                f"{t}; {i18n.t('95% range', lang)} "
                f"{format.pct(lo, 0, lang)}–{format.pct(hi, 0, lang)}"
                for t, lo, hi in zip(text, low, high)
            ],
            hoverinfo="text",
        )
    )
    # The counts go right of the whisker, so neither hides the other.
    fig.add_scatter(
        y=names,
        x=high + 0.02,
        mode="text",
        text=text,
        textposition="middle right",
        hoverinfo="skip",
        cliponaxis=False,
    )
    if band:
        _shade_band(fig, band, axis="x", lang=lang)
    fig.update_layout(
        **_layout(lang),
        height=max(220, 70 + 34 * len(segments)),
        title=title,
        showlegend=False,
        xaxis=dict(**PERCENT_TICKS, range=[0, 1.5]),
    )
    fig.update_xaxes(title_text=i18n.t("share of decided handoffs", lang))
    fig.update_yaxes(autorange="reversed")
    return fig


def decision_time(histogram: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Decisions per time-to-decision bucket, accepted and rejected stacked."""
    fig = go.Figure()
    for outcome, name, color in (("accepted", "Accepted", GREEN), ("rejected", "Rejected", RED)):
        name = i18n.t(name, lang)
        part = histogram[histogram["outcome"] == outcome]
        fig.add_bar(
            x=[i18n.value(b, lang) for b in part["bucket"]],
            y=part["decisions"],
            name=name,
            marker=dict(color=color),
            hovertemplate="%{x}: %{y:,} " + name.lower() + "<extra></extra>",
        )
    fig.update_layout(
        **_layout(lang),
        height=320,
        barmode="stack",
        legend=dict(orientation="h"),
        xaxis_title=i18n.t("time from handoff to decision", lang),
        yaxis_title=i18n.t("decisions", lang),
    )
    fig.update_yaxes(**count_ticks(_tallest(histogram, "decisions", "bucket")))
    return fig


# SLA compliance from 0 to 100 %: a blue–orange diverging scale (after ColorBrewer's PuOr and
# RdBu ends), not red to green, which one man in twelve cannot tell apart. Blue and orange
# differ in hue for every common colour-vision deficiency and in lightness for all readers, so
# the scale also survives grey print. Low compliance is strong orange, high strong blue; the
# turn from orange to blue lies between 50 % and 80 %, where the old scale went amber to light
# green. No stop is white, so a cell with nothing due (no colour: the background) is never
# taken for a middling one.
SLA_SCALE = [[0, "#b35806"], [0.5, "#f1a340"], [0.8, "#92c5de"], [1, "#2166ac"]]


def sla_heatmap(cells: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Compliance per rep (rows) and week of handoff (columns), orange (low) to blue (high);
    every cell says how many handoffs were due and how many breached."""
    cells = cells.assign(rep=markup.plotly(cells["rep"]))  # names from the data, as text
    z = cells.pivot(index="rep", columns="week", values="compliance")
    due = cells.pivot(index="rep", columns="week", values="sla_due").reindex_like(z)
    breaches = cells.pivot(index="rep", columns="week", values="sla_breaches").reindex_like(z)
    T = lambda text: i18n.t(text, lang)  # noqa: E731
    text = [[format.pct(v, 0, lang) if pd.notna(v) else "" for v in row] for row in z.to_numpy()]
    hover = [
        [
            T("{rep}, week of {day}: ").format(rep=rep, day=format.day(week.date(), lang))
            + (
                T("{share} within the SLA ({breaches} breaches of {due} due)").format(
                    share=format.pct(v, lang=lang),
                    breaches=format.count(b, lang),
                    due=format.count(d, lang),
                )
                if pd.notna(v)
                else T("nothing due")
            )
            for week, v, d, b in zip(z.columns, z_row, d_row, b_row)
        ]
        for rep, z_row, d_row, b_row in zip(
            z.index, z.to_numpy(), due.to_numpy(), breaches.to_numpy()
        )
    ]
    fig = go.Figure(
        go.Heatmap(
            x=z.columns,
            y=z.index,
            z=z.to_numpy(),
            zmin=0,
            zmax=1,
            colorscale=SLA_SCALE,
            text=text,
            texttemplate="%{text}" if len(z.columns) <= 26 else None,
            hovertext=hover,
            hoverinfo="text",
            xgap=2,
            ygap=2,
            colorbar=dict(tickformat=".0%", title=T("within SLA")),
        )
    )
    fig.update_layout(
        **_layout(lang), height=max(220, 70 + 36 * len(z.index)), plot_bgcolor="#ffffff"
    )
    fig.update_xaxes(title_text=T("week of handoff"))
    fig.update_yaxes(autorange="reversed", title_text=T("Sales rep"))
    _dates(fig, pd.Series(z.columns), lang)
    return fig


def sla_trend(weeks: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Compliance per week for all reps together, with the handoffs due behind each point."""
    days = [format.day(pd.Timestamp(w).date(), lang) for w in weeks["week"]]
    fig = go.Figure(
        go.Scatter(
            x=weeks["week"],
            y=weeks["compliance"],
            mode="lines+markers",
            line=dict(color=BLUE, width=2),
            customdata=list(
                zip(days, weeks["answered_within_sla"], weeks["sla_due"], weeks["sla_breaches"])
            ),
            hovertemplate=i18n.t(
                "week of {day}: {share} within the SLA ({within} of {due} due; {breaches} "
                "breaches)",
                lang,
            ).format(
                day="%{customdata[0]}",
                share="%{y:.1%}",
                within="%{customdata[1]:,}",
                due="%{customdata[2]:,}",
                breaches="%{customdata[3]:,}",
            )
            + "<extra></extra>",
        )
    )
    fig.update_layout(**_layout(lang), height=280, yaxis=dict(**PERCENT_TICKS, range=[0, 1.05]))
    fig.update_xaxes(title_text=i18n.t("week of handoff", lang))
    fig.update_yaxes(title_text=i18n.t("within SLA", lang))
    _dates(fig, weeks["week"], lang)
    return fig


def response_histogram(
    buckets: pd.DataFrame,
    bucket_hours: float,
    cap_hours: float,
    sla_hours: float | None,
    unit: str,
    lang: str = "en",
) -> go.Figure:
    """First responses per bucket of hours; with `sla_hours`, the SLA as a line and the
    buckets past it in red. The last bucket holds everything from `cap_hours` on."""
    T = lambda text: i18n.t(text, lang)  # noqa: E731

    def hours(value: float) -> str:
        return f"{value:g}" if lang != "pl" else f"{value:g}".replace(".", ",")

    def label(start: float) -> str:
        if start >= cap_hours:
            return T("{hours} h or more").format(hours=hours(start))
        return f"{hours(start)}–{hours(start + bucket_hours)} h"

    late = [sla_hours is not None and start >= sla_hours for start in buckets["from_hours"]]
    fig = go.Figure(
        go.Bar(
            x=buckets["from_hours"] + bucket_hours / 2,
            y=buckets["responses"],
            width=bucket_hours * 0.9,
            marker=dict(color=[RED if x else GREEN if sla_hours else BLUE for x in late]),
            hovertext=[
                f"{label(s)}: {format.count(n, lang)} {T('responses')}"
                for s, n in zip(buckets["from_hours"], buckets["responses"])
            ],
            hoverinfo="text",
        )
    )
    if sla_hours is not None:
        fig.add_vline(
            x=sla_hours,
            line=dict(color=RED, dash="dash"),
            annotation_text=f"SLA {hours(sla_hours)} h",
            annotation_position="top right",
        )
    fig.update_layout(
        **_layout(lang),
        height=300,
        xaxis_title=T(unit),
        yaxis_title=T("responses"),
        bargap=0,
        xaxis=dict(range=[0, cap_hours + bucket_hours]),
    )
    fig.update_yaxes(**count_ticks(_tallest(buckets, "responses")))
    return fig


def pareto(reasons: pd.DataFrame, breach: str, lang: str = "en") -> go.Figure:
    """Rejections per reason, most frequent first, with the cumulative share as a line; the
    `breach` reason (rejections without a reason, an SLA breach) in red. A bar's label is the
    reason as shown; the reason itself rides along as its customdata, for a click."""
    T = lambda text: i18n.t(text, lang)  # noqa: E731
    shown = markup.plotly([i18n.value(r, lang) for r in reasons["reason"]])
    fig = go.Figure()
    fig.add_bar(
        x=shown,
        y=reasons["rejections"],
        marker=dict(color=[RED if r == breach else BLUE for r in reasons["reason"]]),
        text=[format.count(n, lang) for n in reasons["rejections"]],
        textposition="outside",
        cliponaxis=False,
        customdata=list(zip(reasons["share"], reasons["reason"])),
        hovertemplate="%{x}: %{y:,} " + T("rejections") + " (%{customdata[0]:.1%})<extra></extra>",
        name=T("rejections"),
    )
    fig.add_scatter(
        x=shown,
        y=reasons["cumulative_share"],
        yaxis="y2",
        mode="lines+markers",
        line=dict(color=GREY, width=2),
        hovertemplate="%{x}: %{y:.0%} " + T("of rejections so far") + "<extra></extra>",
        name=T("cumulative share"),
    )
    fig.update_layout(
        **_layout(lang),
        height=380,
        showlegend=False,
        xaxis=dict(title=T("rejection reason")),
        yaxis=dict(title=T("number of rejections"), **count_ticks(_tallest(reasons, "rejections"))),
        yaxis2=dict(
            title=T("cumulative share"),
            overlaying="y",
            side="right",
            range=[0, 1.05],
            showgrid=False,
            **PERCENT_TICKS,
        ),
        clickmode="event+select",
    )
    return fig


# The reasons of the rejection trend, stacked: Okabe and Ito's colours for categories, told
# apart with any colour vision (the old three blues were hard to tell apart with any). Their
# vermilion is left out, too near the red of the rejections without a reason under
# tritanopia, and their reddish purple, which deuteranopes see as the grey of the other
# reasons; tests/test_charts_formats.py checks every pair under simulated deficiencies.
REASON_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#56B4E9", "#F0E442", "#000000"]


def rejection_trend(
    trend: pd.DataFrame, reasons: list[str], breach: str, rest: str, lang: str = "en"
) -> go.Figure:
    """Rejections per week of handoff, stacked by reason in `reasons` order: the `breach`
    reason in red, the `rest` (every other reason together) in grey, each other reason in a
    colour of its own (REASON_COLOURS)."""
    fig = go.Figure()
    present = set(trend["reason"])
    named = [r for r in [*reasons, rest] if r in present]
    others = iter(REASON_COLOURS * (1 + len(named) // len(REASON_COLOURS)))
    for reason in named:
        part = trend[trend["reason"] == reason]
        color = {breach: RED, rest: GREY}.get(reason) or next(others)
        name = markup.plotly([i18n.value(reason, lang)])[0]
        fig.add_bar(
            x=part["week"],
            y=part["rejections"],
            name=name,
            marker=dict(color=color),
            customdata=[format.day(pd.Timestamp(w).date(), lang) for w in part["week"]],
            hovertemplate=i18n.t("week of {day}", lang).format(day="%{customdata}")
            + ": %{y:,} "
            + name
            + "<extra></extra>",
        )
    fig.update_layout(
        **_layout(lang), height=340, barmode="stack", legend=dict(orientation="h", y=-0.3)
    )
    fig.update_xaxes(title_text=i18n.t("week of handoff", lang))
    fig.update_yaxes(
        title_text=i18n.t("number of rejections", lang),
        **count_ticks(_tallest(trend, "rejections", "week")),
    )
    _dates(fig, trend["week"], lang)
    return fig


def reason_matrix(
    counts: pd.DataFrame, shares: pd.DataFrame, lang: str = "en", source: str | None = None
) -> go.Figure:
    """Sources (rows; `source` names their kind in `lang`, a channel or a campaign, else they
    are called sources) × reasons (columns): each cell's share of that source's rejections as
    its colour, the count and share as its text."""
    T = lambda text: i18n.t(text, lang)  # noqa: E731
    text = [
        [
            f"{format.count(n, lang)}<br>{format.pct(s, 0, lang)}" if n else ""
            for n, s in zip(c_row, s_row)
        ]
        for c_row, s_row in zip(counts.to_numpy(), shares.to_numpy())
    ]
    fig = go.Figure(
        go.Heatmap(
            x=markup.plotly([i18n.value(v, lang) for v in counts.columns]),
            y=markup.plotly([i18n.value(v, lang) for v in counts.index]),
            z=shares.to_numpy(),
            zmin=0,
            zmax=max(0.5, float(shares.max().max()) if shares.size else 0.5),
            colorscale=[[0, "#f4f6f8"], [1, RED]],
            text=text,
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z:.0%} "
            + T("of the source's rejections")
            + "<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar=dict(tickformat=".0%", title=T("share of<br>source")),
        )
    )
    fig.update_layout(**_layout(lang), height=max(240, 110 + 40 * len(counts.index)))
    fig.update_yaxes(autorange="reversed", title_text=source or T("source"))
    fig.update_xaxes(tickangle=-30, title_text=T("rejection reason"))
    return fig


# What-if simulator (pages/5_What_if.py).

ORANGE = "#e07b39"


def whatif_mqls_by_month(
    months: list[str],
    recorded: list[float],
    current: list[float],
    candidate: list[float],
    candidate_untested: list[float],
) -> go.Figure:
    """MQLs per month of first crossing: current rules and candidate side by side, the
    candidate's untested leads drawn pale on top of its observed ones, history as a line."""
    seen = [c - u for c, u in zip(candidate, candidate_untested)]
    fig = go.Figure()
    fig.add_bar(
        x=months, y=current, name="current rules", offsetgroup="current", marker_color=BLUE,
        hovertemplate="%{x}: %{y:,} MQLs under the current rules<extra></extra>",
    )  # fmt: skip
    fig.add_bar(
        x=months, y=seen, name="candidate: seen by sales", offsetgroup="candidate",
        marker_color=ORANGE,
        hovertemplate="%{x}: %{y:,} candidate MQLs sales saw<extra></extra>",
    )  # fmt: skip
    fig.add_bar(
        x=months, y=candidate_untested, base=seen, name="candidate: untested",
        offsetgroup="candidate", marker=dict(color=ORANGE, opacity=0.35),
        hovertemplate="%{x}: %{y:,} candidate MQLs never shown to sales<extra></extra>",
    )  # fmt: skip
    fig.add_scatter(
        x=months, y=recorded, name="recorded MQLs (history)", mode="lines+markers",
        line=dict(color=GREY, dash="dot"),
        hovertemplate="%{x}: %{y:,} MQLs recorded<extra></extra>",
    )  # fmt: skip
    fig.update_layout(**_LAYOUT, height=340, barmode="group", legend=dict(orientation="h"))
    tallest = max([0.0, *(v for v in (*recorded, *current, *candidate) if v == v)])
    fig.update_yaxes(title="MQLs", **count_ticks(tallest))
    return fig


def whatif_workload(
    months: list[str], current: list[float], candidate: list[float], capacity: float
) -> go.Figure:
    """Handoffs per rep per week, month by month, against the capacity line."""
    fig = go.Figure()
    for values, name, color in (
        (current, "current rules", BLUE),
        (candidate, "candidate", ORANGE),
    ):
        fig.add_scatter(
            x=months, y=values, name=name, mode="lines+markers", line=dict(color=color),
            hovertemplate="%{x}: %{y:.1f} handoffs per rep per week<extra>" + name + "</extra>",
        )  # fmt: skip
    fig.add_hline(
        y=capacity, line=dict(color=RED, dash="dash"),
        annotation_text=f"capacity {capacity:,.0f}", annotation_position="top left",
    )  # fmt: skip
    top = max([capacity, *[v for v in (*current, *candidate) if v == v]]) * 1.15
    fig.update_layout(**_LAYOUT, height=300, legend=dict(orientation="h"))
    # One point a month, named as given: read as dates, the axis ticked weeks and put the
    # year on a second line under the legend.
    fig.update_xaxes(type="category")
    fig.update_yaxes(title="per rep per week", range=[0, top])
    return fig


def whatif_curves(curves: pd.DataFrame, current: int, candidate: int) -> go.Figure:
    """Precision and recall (left axis) and MQL volume (right axis) against the threshold,
    with the current and the candidate threshold marked."""
    fig = go.Figure()
    fig.add_scatter(
        x=curves["threshold"], y=curves["recall"], name="recall: won deals kept",
        line=dict(color=GREEN),
        hovertemplate="threshold %{x}: %{y:.1%} of won deals kept<extra></extra>",
    )  # fmt: skip
    fig.add_scatter(
        x=curves["threshold"], y=curves["precision"], name="precision: won per lead sales saw",
        line=dict(color=BLUE),
        hovertemplate="threshold %{x}: %{y:.1%} of passed leads won<extra></extra>",
    )  # fmt: skip
    fig.add_scatter(
        x=curves["threshold"], y=curves["mqls"], name="MQLs", yaxis="y2",
        line=dict(color=GREY, dash="dot"),
        hovertemplate="threshold %{x}: %{y:,} MQLs<extra></extra>",
    )  # fmt: skip
    # The lower threshold labelled to the left of its line, the higher to the right.
    marks = [
        (current, "current", BLUE, "top left" if current < candidate else "top right"),
        (candidate, "candidate", ORANGE, "top right" if current < candidate else "top left"),
    ]
    if candidate == current:
        marks = [(current, "current = candidate", ORANGE, "top right")]
    for x, label, color, side in marks:
        fig.add_vline(
            x=x, line=dict(color=color, dash="dash"),
            annotation_text=f"{label} {x}", annotation_position=side,
        )  # fmt: skip
    fig.update_layout(
        **_LAYOUT,
        height=360,
        legend=dict(orientation="h", y=-0.2),
        xaxis=dict(title="MQL threshold"),
        yaxis=dict(title="share", tickformat=".0%", range=[0, 1.05]),
        yaxis2=dict(
            title="MQLs", overlaying="y", side="right", **count_ticks(curves["mqls"].max())
        ),
    )
    return fig


def whatif_calibration(calibration: pd.DataFrame) -> go.Figure:
    """Held-out leads by decile of predicted probability: predicted against observed."""
    top = max(calibration["predicted"].max(), calibration["observed"].max(), 0.01) * 1.1
    fig = go.Figure()
    fig.add_scatter(
        x=[0, top], y=[0, top], mode="lines", line=dict(color=GREY, dash="dot"),
        name="perfect calibration", hoverinfo="skip",
    )  # fmt: skip
    fig.add_scatter(
        x=calibration["predicted"], y=calibration["observed"], mode="markers+lines",
        marker=dict(color=BLUE, size=9), name="deciles of held-out leads",
        customdata=calibration[["leads"]],
        hovertemplate="predicted %{x:.1%}, observed %{y:.1%} (%{customdata[0]:,} leads)"
        "<extra></extra>",
    )  # fmt: skip
    fig.update_layout(**_LAYOUT, height=340, legend=dict(orientation="h", y=1.12))
    fig.update_xaxes(title="predicted", tickformat=".0%", range=[0, top])
    fig.update_yaxes(title="observed", tickformat=".0%", range=[0, top])
    return fig


def whatif_frontier(
    frontier: pd.DataFrame,
    current: int,
    recommended: int | None,
    capacity: float,
    value: str = "revenue",
) -> go.Figure:
    """Workload (busiest month's handoffs per rep per week) against the expected won revenue
    (or SQLs) at every threshold, the capacity as a line, the current and recommended
    thresholds marked."""
    money = value == "revenue"
    label = "expected won revenue" if money else "expected SQLs"
    shown = frontier.dropna(subset=["workload"])
    number = "%{y:,.0f} PLN" if money else "%{y:,.1f} SQLs"
    fig = go.Figure()
    fig.add_scatter(
        x=shown["workload"], y=shown[value], mode="lines+markers", name="every threshold",
        line=dict(color=GREY), marker=dict(size=4, color=GREY), customdata=shown[["threshold"]],
        hovertemplate="threshold %{customdata[0]}: %{x:.2f} per rep per week, " + number
        + "<extra></extra>",
    )  # fmt: skip
    marks = [(current, "current", BLUE, "circle")]
    if recommended is not None:
        marks.append((recommended, "recommended", ORANGE, "star"))
    for threshold, name, color, symbol in marks:
        row = frontier[frontier["threshold"] == threshold]
        fig.add_scatter(
            x=row["workload"], y=row[value], mode="markers+text", name=f"{name} ({threshold})",
            marker=dict(color=color, size=14, symbol=symbol), text=[f"{name} {threshold}"],
            textposition="top center",
            hovertemplate=f"{name} threshold {threshold}: " + "%{x:.2f} per rep per week, "
            + number + "<extra></extra>",
        )  # fmt: skip
    fig.add_vline(
        x=capacity, line=dict(color=RED, dash="dash"),
        annotation_text=f"capacity {capacity:,.1f}", annotation_position="top left",
    )  # fmt: skip
    fig.update_layout(**_LAYOUT, height=380, legend=dict(orientation="h", y=-0.2))
    fig.update_xaxes(title="handoffs per rep per week, busiest month", rangemode="tozero")
    fig.update_yaxes(title=label, rangemode="tozero")
    return fig
