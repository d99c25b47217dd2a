"""Plotly figures with readable labels and people-formatted numbers."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from leadflow import format

BLUE = "#2f6fb3"
GREEN = "#2e9e6a"
RED = "#c8553d"
GREY = "#9aa5b1"
_LAYOUT = dict(margin=dict(l=10, r=10, t=30, b=10), font=dict(size=14), separators=".,")


def funnel(stages: pd.DataFrame) -> go.Figure:
    """Stage counts as a funnel, each bar labelled with its count and the step conversion."""
    text = [
        format.count(n)
        if step is None or pd.isna(step)
        else f"{format.count(n)} · {format.pct(step)}"
        for n, step in zip(stages["leads"], stages["step_conversion"])
    ]
    # Later stages are a few percent of the first: their labels go beside the bar, not in it.
    widest = max(int(stages["leads"].max()), 1)
    position = ["inside" if n / widest > 0.3 else "outside" for n in stages["leads"]]
    fig = go.Figure(
        go.Funnel(
            y=stages["label"],
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
    fig.update_layout(**_LAYOUT, height=380)
    return fig


def velocity(steps: pd.DataFrame) -> go.Figure:
    """Median days per step as horizontal bars."""
    fig = go.Figure(
        go.Bar(
            y=steps["step"],
            x=steps["median_days"],
            orientation="h",
            text=[format.days(d) for d in steps["median_days"]],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=BLUE),
            hovertemplate="%{y}: %{x:.1f} days<extra></extra>",
        )
    )
    fig.update_layout(**_LAYOUT, height=300, xaxis_title="median days")
    # Room on the right for the label of the longest bar.
    fig.update_xaxes(range=[0, max(steps["median_days"].max() * 1.15, 1)])
    fig.update_yaxes(autorange="reversed")
    return fig


def segment_rates(segments: pd.DataFrame, title: str) -> go.Figure:
    """MQL→SQL rate per segment, with the number of handoffs behind each bar on hover."""
    fig = go.Figure(
        go.Bar(
            x=segments["segment"],
            y=segments["mql_to_sql_rate"],
            customdata=segments[["sqls", "handoffs"]],
            text=[format.pct(r) for r in segments["mql_to_sql_rate"]],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=GREEN),
            hovertemplate="%{x}: %{y:.1%} (%{customdata[0]:,} of %{customdata[1]:,} handoffs)"
            "<extra></extra>",
        )
    )
    fig.update_layout(**_LAYOUT, height=340, title=title, yaxis_tickformat=".0%")
    return fig


def cohort_volumes(cohorts: pd.DataFrame) -> go.Figure:
    """Leads, MQLs and SQLs per creation month; maturing months drawn lighter."""
    fig = go.Figure()
    opacity = [0.45 if m else 1.0 for m in cohorts["maturing"]]
    for column, name, color in (("mqls", "MQLs", BLUE), ("sqls", "SQLs", GREEN)):
        fig.add_bar(
            x=cohorts["segment"],
            y=cohorts[column],
            name=name,
            marker=dict(color=color, opacity=opacity),
            hovertemplate="%{x}: %{y:,} " + name + "<extra></extra>",
        )
    fig.update_layout(**_LAYOUT, height=320, barmode="group", legend=dict(orientation="h"))
    return fig
