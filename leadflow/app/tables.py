"""Column formats for st.dataframe: thousands separators, PLN, percentages, dates, in the
page's language."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from leadflow import conversion, format, i18n


def count(label: str, help: str | None = None):
    return st.column_config.NumberColumn(label, format="%,d", help=help)


def pln(label: str, help: str | None = None):
    return st.column_config.NumberColumn(label, format="%,.0f PLN", help=help)


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

# How each number format above is written in Polish. The grid formats numbers with printf
# patterns only, which know no decimal comma: in Polish a number column becomes text written
# by leadflow.format (it then sorts as text).
_POLISH_NUMBERS = {
    "%,d": lambda v: format.count(v, "pl"),
    "%,.0f PLN": lambda v: format.pln(v, "pl"),
    "%.1f%%": lambda v: "–" if format._missing(v) else f"{format.number(v, 'pl', 1)}%",
    "%.1f h": lambda v: format.business_hours(v, "pl"),
}
# Columns whose cells are the app's own words (an outcome, a status, an event), or the demo
# data's: shown in Polish where i18n knows them.
_WORD_COLUMNS = (
    *["label", "outcome", "since_recycling", "sla_status", "event", "detail", "status", "note"],
    *["reason", "rejection_reason", "channel", "industry", "seniority", "segment", "size_band"],
)


def _polish_word(value: Any) -> Any:
    """A cell of the app's words in Polish; a creation month '2026-03' as 'mar 2026'."""
    if not isinstance(value, str):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return format.month(date(int(value[:4]), int(value[5:]), 1), "pl")
    return i18n.value(value, "pl")


def _polish(frame: pd.DataFrame, config: dict[str, Any]) -> tuple[pd.DataFrame, dict]:
    out = frame.copy()
    for column in _WORD_COLUMNS:
        if column in out.columns and not pd.api.types.is_numeric_dtype(out[column]):
            # Only the filled cells: an empty one stays empty (shown as the placeholder).
            filled = out[column].notna()
            out.loc[filled, column] = out.loc[filled, column].map(_polish_word)
    shown: dict[str, Any] = {}
    for column, spec in config.items():
        if isinstance(spec, str) or spec is None:
            shown[column] = spec and i18n.t(spec, "pl")
            continue
        spec = dict(spec)
        spec["label"] = spec.get("label") and i18n.t(spec["label"], "pl")
        spec["help"] = spec.get("help") and i18n.t(spec["help"], "pl")
        kind = spec.get("type_config", {})
        if kind.get("type") == "number" and kind.get("format") in _POLISH_NUMBERS:
            if column in out.columns:
                out[column] = pd.Series(
                    [_POLISH_NUMBERS[kind["format"]](v) for v in out[column]],
                    index=out.index,
                    dtype=object,
                )
            spec["type_config"] = {"type": "text", "max_chars": None, "validate": None}
            spec["alignment"] = "right"
        elif kind.get("type") == "datetime":
            spec["type_config"] = {**kind, "format": "DD.MM.YYYY HH:mm"}
        shown[column] = spec
    return out, shown


def dataframe(frame: pd.DataFrame, lang: str, column_config: dict[str, Any], **kwargs) -> None:
    """st.dataframe in the page's language: in Polish the labels, the app's words in the cells,
    and numbers and dates as Polish write them; in English exactly as given."""
    if lang == "pl":
        frame, column_config = _polish(frame, column_config)
    st.dataframe(frame, column_config=column_config, **kwargs)


def funnel(
    frame: pd.DataFrame, segment_label: str, leading: tuple[str, ...] = (), lang: str = "en"
) -> None:
    """A funnel_counts table (with metrics.with_rates) with one row per segment."""
    columns = ["segment", *leading, "leads", "mqls", "handoffs", "sqls", "opportunities"]
    columns += ["won", "revenue", *RATES]
    dataframe(
        as_percent(frame, RATES)[columns],
        lang,
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
            "revenue": pln("Revenue won"),
            "mql_rate": pct("Lead→MQL", "MQLs / leads"),
            "mql_to_sql_rate": pct("MQL→SQL", "Accepted / (accepted + rejected)"),
            "win_rate": pct("Win rate", "Won / (won + lost); open deals are not decided yet"),
        },
    )


def lead_history(history: pd.DataFrame, lang: str = "en") -> None:
    """A lead_history table: the lead's events, oldest first."""
    dataframe(
        history,
        lang,
        hide_index=True,
        width="stretch",
        column_config={
            "happened_at": when("When"),
            "event": "What happened",
            "detail": "Detail",
        },
    )


def handoff_outcomes(frame: pd.DataFrame, segment_label: str, rate: str, lang: str = "en") -> None:
    """handoff_outcomes rows (with conversion.with_rates) and one rate of decided handoffs,
    `rate` being 'mql_to_sql' or 'rejection', with its 95 % range and the counts behind it."""
    shown = as_percent(frame, [f"{rate}_rate"])
    shown["range"] = [
        conversion.interval_text(lo, hi, lang)
        for lo, hi in zip(frame[f"{rate}_low"], frame[f"{rate}_high"])
    ]
    shown["note"] = [i18n.t("too few to judge", lang) if few else "" for few in frame["too_few"]]
    label = {"mql_to_sql": "MQL→SQL", "rejection": "Rejection rate"}[rate]
    columns = ["segment", "handoffs", "accepted", "rejected", "still_open", "decided"]
    dataframe(
        shown[[*columns, f"{rate}_rate", "range", "note"]],
        lang,
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
