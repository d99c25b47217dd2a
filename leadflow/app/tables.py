"""Column formats for st.dataframe: thousands separators, PLN, percentages, dates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leadflow import conversion


def count(label: str, help: str | None = None):
    return st.column_config.NumberColumn(label, format="%,d", help=help)


def pln(label: str, help: str | None = None):
    return st.column_config.NumberColumn(label, format="%,.0f PLN", help=help)


def money(label: str, currency: str, help: str | None = None):
    return st.column_config.NumberColumn(label, format=f"%,.0f {currency}", help=help)


def amount(label: str, help: str | None = None):
    """An amount whose currency is in a column of its own (the data may hold several)."""
    return st.column_config.NumberColumn(label, format="%,.0f", help=help)


def pct(label: str, help: str | None = None):
    """For a column already multiplied by 100 (see as_percent)."""
    return st.column_config.NumberColumn(label, format="%.1f%%", help=help)


def hours(label: str, help: str | None = None):
    return st.column_config.NumberColumn(label, format="%.1f h", help=help)


def when(label: str):
    return st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm")


def as_percent(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy with shares in [0, 1] turned into percentages for display."""
    out = frame.copy()
    for column in columns:
        out[column] = pd.to_numeric(out[column], errors="coerce") * 100
    return out


RATES = ["mql_rate", "mql_to_sql_rate", "win_rate"]


def funnel(frame: pd.DataFrame, segment_label: str, leading: tuple[str, ...] = ()) -> None:
    """A funnel_counts table (with metrics.with_rates) with one row per segment; revenue in its
    currency, empty in a segment won in several (never added across them)."""
    currencies = frame["revenue_currency"].dropna().unique() if "revenue_currency" in frame else []
    currency = currencies[0] if len(currencies) == 1 else None
    columns = ["segment", *leading, "leads", "mqls", "handoffs", "sqls", "opportunities"]
    columns += ["won", "revenue", *RATES]
    st.dataframe(
        as_percent(frame, RATES)[columns],
        hide_index=True,
        width="stretch",
        # Monthly cohorts and splits are short: show every row rather than a scrolling box.
        height="content" if len(frame) <= 40 else "auto",
        placeholder="–",
        column_config={
            "segment": segment_label,
            "status": "Cohort",
            "leads": count("Leads"),
            "mqls": count("MQLs"),
            "handoffs": count("Handed off"),
            "sqls": count("SQLs"),
            "opportunities": count("Opportunities"),
            "won": count("Won"),
            "revenue": pln("Revenue won")
            if currency in (None, "PLN")
            else money("Revenue won", currency),
            "mql_rate": pct("Lead→MQL", "MQLs / leads"),
            "mql_to_sql_rate": pct("MQL→SQL", "Accepted / (accepted + rejected)"),
            "win_rate": pct("Win rate", "Won / (won + lost); open deals are not decided yet"),
        },
    )


def lead_history(history: pd.DataFrame) -> None:
    """A lead_history table: the lead's events, oldest first."""
    st.dataframe(
        history,
        hide_index=True,
        width="stretch",
        column_config={
            "happened_at": when("When"),
            "event": "What happened",
            "detail": "Detail",
        },
    )


def handoff_outcomes(frame: pd.DataFrame, segment_label: str, rate: str) -> None:
    """handoff_outcomes rows (with conversion.with_rates) and one rate of decided handoffs,
    `rate` being 'mql_to_sql' or 'rejection', with its 95 % range and the counts behind it."""
    shown = as_percent(frame, [f"{rate}_rate"])
    shown["range"] = [
        conversion.interval_text(lo, hi)
        for lo, hi in zip(frame[f"{rate}_low"], frame[f"{rate}_high"])
    ]
    shown["note"] = ["too few to judge" if few else "" for few in frame["too_few"]]
    label = {"mql_to_sql": "MQL→SQL", "rejection": "Rejection rate"}[rate]
    columns = ["segment", "handoffs", "accepted", "rejected", "still_open", "decided"]
    st.dataframe(
        shown[[*columns, f"{rate}_rate", "range", "note"]],
        hide_index=True,
        width="stretch",
        column_config={
            "segment": segment_label,
            "handoffs": count("Handed off"),
            "accepted": count("Accepted (SQL)"),
            "rejected": count("Rejected"),
            "still_open": count("Still open", "Sales has not decided yet: not counted in the rate"),
            "decided": count("Decided", "Accepted + rejected: the rate's denominator"),
            f"{rate}_rate": pct(label, "Of the decided handoffs"),
            "range": st.column_config.TextColumn(
                "95% range", help="Wilson interval: where the rate probably lies, given the counts"
            ),
            "note": st.column_config.TextColumn("Note"),
        },
    )


def handed_off_leads(overrides: dict | None = None) -> dict:
    """Column labels for rows of handoff_leads.sql, shared by the conversion and rejection
    pages; `overrides` renames a column where one page says it in its own words."""
    return {
        "lead_id": "Lead",
        "company": "Company",
        "channel": "Channel",
        "campaign": "Campaign",
        "industry": "Industry",
        "size_band": "Size band",
        "seniority": "Seniority",
        "score_at_handoff": count("Score at handoff"),
        "rep": "Sales rep",
        "outcome": "Outcome",
        "reason": "Rejection reason",
        "handoff_at": when("Handed off"),
        "decided_at": when("Decided"),
        "recycled_at": when("Recycled"),
        "touchpoints_before_handoff": count("Touchpoints before handoff"),
        "touchpoints_after_decision": count("Touchpoints after decision"),
        "last_touchpoint_at": when("Last touchpoint"),
        "since_recycling": "Since recycling",
    } | (overrides or {})
