"""Column formats for st.dataframe and the files downloaded beside it: labels, rounding,
dates, in the page's language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from leadflow import conversion, format, i18n, rejections
from leadflow.app import cache


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

# How each number format above is written in Polish. The grid formats numbers with printf
# patterns only, which know no decimal comma: in Polish a number column becomes text written
# by leadflow.format (it then sorts as text).
_POLISH_NUMBERS = {
    "%,d": lambda v: format.count(v, "pl"),
    "%,.0f PLN": lambda v: format.pln(v, "pl"),
    "%.1f%%": lambda v: f"{format.number(v, 'pl', 1)}%",
    "%.1f h": lambda v: format.business_hours(v, "pl"),
    "%.1f days": lambda v: f"{format.number(v, 'pl', 1)}{format.NBSP}dni",
    "%.1f working days": lambda v: f"{format.number(v, 'pl', 1)}{format.NBSP}dni rob.",
}
# A column of waits in days rather than hours (see _waits).
DAYS, WORKING_DAYS = "%.1f days", "%.1f working days"
# Columns whose cells are the app's own words (an outcome, a status, an event), or the demo
# data's: shown in Polish where i18n knows them.
_WORD_COLUMNS = (
    *["label", "outcome", "since_recycling", "sla_status", "event", "detail", "status", "note"],
    *["reason", "rejection_reason", "channel", "industry", "seniority", "segment", "size_band"],
)


def _word(value: Any, lang: str) -> Any:
    """A cell of the app's words as `lang` says it: a snake_case value from the database in
    words ('linkedin_ads' → 'LinkedIn Ads'), in Polish the app's words in Polish."""
    if not isinstance(value, str):
        return value
    return _polish_word(value) if lang == "pl" else i18n.value(value, lang)


def _words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    if {"rejected_at", "rejection_reason"} <= set(out.columns):
        # A rejection without a reason says so, as every other list of rejections does; a lead
        # never rejected has no reason to show.
        unexplained = out["rejected_at"].notna() & out["rejection_reason"].isna()
        out["rejection_reason"] = out["rejection_reason"].astype(object)
        out.loc[unexplained, "rejection_reason"] = rejections.NO_REASON
    for column in _WORD_COLUMNS:
        if column in out.columns and not pd.api.types.is_numeric_dtype(out[column]):
            # Only the filled cells: an empty one stays empty (shown as the placeholder).
            filled = out[column].notna()
            out.loc[filled, column] = out.loc[filled, column].map(lambda v: _word(v, lang))
    return out


def working_day_hours() -> float | None:
    """The length in hours of the SLA policy's working day (its newest version); None without
    a policy. Business hours are counted in these days."""
    policies = cache.query("sla_policy")
    if policies.empty:
        return None
    newest = policies.iloc[-1]
    length = pd.Timedelta(str(newest["workday_end"])) - pd.Timedelta(str(newest["workday_start"]))
    hours = length.total_seconds() / 3600
    return hours if hours > 0 else None


def _waits(frame: pd.DataFrame, config: dict[str, Any]) -> tuple[pd.DataFrame, dict]:
    """Columns of waits (hours) by format.wait's rule: a column whose longest wait is over two
    days is shown in days, clock hours in days of 24 h and business hours in working days of
    the SLA policy. One unit per column, so the column still sorts as numbers."""
    out, shown = frame, dict(config)
    working_day: float | None | bool = False  # looked up once, when a column needs it
    for column, spec in config.items():
        if not isinstance(spec, dict) or column not in frame.columns:
            continue
        kind = spec.get("type_config", {})
        if kind.get("type") != "number" or kind.get("format") != "%.1f h":
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        clock = "clock" in column
        if not clock and working_day is False:
            working_day = working_day_hours()
        day = None if clock else working_day
        if not clock and day is None:
            continue  # business hours without a working day: they stay in hours
        unit = format.wait_unit(values.max(), day)  # type: ignore[arg-type]
        if unit == 1.0:
            continue
        if out is frame:
            out = frame.copy()
        out[column] = values / unit
        spec = dict(spec)
        spec["type_config"] = {**kind, "format": DAYS if clock else WORKING_DAYS}
        shown[column] = spec
    return out, shown


# Column headings too long for a table to fit a 1366-px screen, shortened as shown; the full
# heading opens the column's help. The grid cannot wrap a heading: a long one either widens its
# column, pushing the last columns out of sight (the SLA page's table per rep), or is cut
# ("From all lea…").
SHORT_HEADINGS = {
    "en": {
        "From previous stage": "From previous",
        "From all leads": "Overall",
        "Within SLA": "In SLA",
        "Overdue by (median)": "Overdue",
        "Answered late": "Late",
        "Waiting, past SLA": "Waiting, late",
        "Without a reason": "No reason",
        "Median response": "Median reply",
        "Median response (clock)": "Clock median",
        "Waiting, within SLA": "Waiting",
        "Rejections": "Rejected",
    },
    "pl": {
        "Z poprzedniego": "Z poprz.",
        "Ze wszystkich": "Łącznie",
        "W terminie SLA": "W SLA",
        "Przekroczenie o (mediana)": "Przekr.",
        "Odpowiedź po terminie": "Po terminie",
        "Czeka, po terminie SLA": "Zaległe",
        "Mediana odpowiedzi": "Med. odp.",
        "Mediana odpowiedzi (zegarowo)": "Med. zeg.",
        "Czeka, w terminie SLA": "Czeka",
        "Miesiąc utworzenia": "Miesiąc",
        "Szanse sprzedaży": "Szanse",
        "Przychód z wygranych": "Przychód",
        "Odsetek wygranych": "Wygrane %",
    },
}


# Headings shortened only over a column of counts: "Handed off" over dates says when.
SHORT_COUNT_HEADINGS = {"en": {"Handed off": "Handoffs"}, "pl": {}}


def _short_headings(config: dict[str, Any], lang: str) -> dict[str, Any]:
    """`config` (labels already in `lang`) with SHORT_HEADINGS applied: the short heading as the
    label, the full one leading the help."""
    shown: dict[str, Any] = {}
    for column, spec in config.items():
        label = spec if isinstance(spec, str) else (spec or {}).get("label")
        short = dict(SHORT_HEADINGS.get(lang, {}))
        if isinstance(spec, dict) and spec.get("type_config", {}).get("format") == "%,d":
            short |= SHORT_COUNT_HEADINGS.get(lang, {})
        if label not in short:
            shown[column] = spec
            continue
        spec = dict(st.column_config.Column(label)) if isinstance(spec, str) else dict(spec)
        help = spec.get("help")
        spec["label"] = short[label]
        spec["help"] = f"{label}: {help}" if help else label
        shown[column] = spec
    return shown


def _placeholder(frame: pd.DataFrame) -> str:
    """What an empty cell shows. In a list of leads (or of a lead's events) a cell is empty
    when the thing has not happened or was never recorded (no rejection yet, no campaign):
    missing, left blank. In a table of counts and rates an empty cell is a value that does not
    apply (a rate of nothing decided, a median of no breaches): '–', as format writes an
    undefined number. Never 'None'."""
    return "" if {"lead_id", "happened_at"} & set(frame.columns) else "–"


def _polish_word(value: Any) -> Any:
    """A cell of the app's words in Polish; a creation month '2026-03' as 'mar 2026'."""
    if not isinstance(value, str):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return format.month(date(int(value[:4]), int(value[5:]), 1), "pl")
    return i18n.value(value, "pl")


def _polish(frame: pd.DataFrame, config: dict[str, Any]) -> tuple[pd.DataFrame, dict]:
    out = frame.copy()
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
                write = _POLISH_NUMBERS[kind["format"]]
                # An empty number stays empty, shown as the table's placeholder.
                out[column] = pd.Series(
                    [None if format._missing(v) or pd.isna(v) else write(v) for v in out[column]],
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
    and numbers and dates as Polish write them. In either language database spellings in the
    cells in words, long waits in days, and empty cells blank or '–' (see _placeholder)."""
    frame, column_config = _waits(_words(frame, lang), column_config)
    if lang == "pl":
        frame, column_config = _polish(frame, column_config)
    column_config = _short_headings(column_config, lang)
    kwargs.setdefault("placeholder", _placeholder(frame))
    st.dataframe(frame, column_config=column_config, **kwargs)


def funnel(
    frame: pd.DataFrame, segment_label: str, leading: tuple[str, ...] = (), lang: str = "en"
) -> None:
    """A funnel_counts table (with metrics.with_rates) with one row per segment; revenue in its
    currency, empty in a segment won in several (never added across them)."""
    currencies = frame["revenue_currency"].dropna().unique() if "revenue_currency" in frame else []
    currency = currencies[0] if len(currencies) == 1 else None
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
            "revenue": pln("Revenue won")
            if currency in (None, "PLN")
            else money("Revenue won", currency),
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


def leads_at_stage() -> dict:
    """Column labels for rows of leads_at_stage.sql (the funnel page's leads)."""
    return {
        "lead_id": "Lead",
        "created_at": when("Created"),
        "company": "Company",
        "channel": "Channel",
        "campaign": "Campaign",
        "industry": "Industry",
        "company_size": count("Employees"),
        "size_band": "Size band",
        "job_title": "Job title",
        "rep": "Sales rep",
        "rejection_reason": "Rejection reason",
        "mql_at": when("MQL"),
        "handoff_at": when("Handed off"),
        "accepted_at": when("Accepted"),
        "rejected_at": when("Rejected"),
        "opportunity_at": when("Opportunity"),
        "won_at": when("Won"),
        "lost_at": when("Lost"),
        "won_amount": pln("Won amount"),
    }


def sla_breaches() -> dict:
    """Column labels for rows of sla_breaches.sql (the SLA page's breaches)."""
    return {
        "lead_id": "Lead",
        "company": "Company",
        "rep": "Sales rep",
        "channel": "Channel",
        "handoff_at": when("Handed off"),
        "responded_at": when("First response"),
        "sla_status": "Status",
        "business_hours": hours(
            "Response time", "Business hours to the first response, or waited so far"
        ),
        "clock_hours": hours("Clock time", "The same in plain clock hours"),
        "sla_hours": hours("SLA"),
        "overdue_business_hours": hours("Overdue by", "Business hours over the SLA"),
        "outcome": "Outcome",
    }


# The Polish of the column labels and of the words files use to say what made them, where
# leadflow.i18n has none yet; a translation there wins, so a file says what its page says.
WORDS_PL = {
    "Lead": "Lead",
    "Created": "Utworzono",
    "Industry": "Branża",
    "Employees": "Pracownicy",
    "Size band": "Wielkość firmy",
    "Job title": "Stanowisko",
    "Rejection reason": "Powód odrzucenia",
    "MQL": "MQL",
    "Accepted": "Zaakceptowano",
    "Accepted (SQL)": "Zaakceptowano (SQL)",
    "Rejected": "Odrzucono",
    "Opportunity": "Szansa sprzedaży",
    "Won": "Wygrana",
    "Lost": "Przegrana",
    "Won amount": "Kwota wygranej",
    "First response": "Pierwsza odpowiedź",
    "Status": "Status",
    "Response time": "Czas reakcji",
    "Clock time": "Czas zegarowy",
    "SLA": "SLA",
    "Overdue by": "Przekroczenie o",
    "Outcome": "Wynik",
    "Seniority": "Stanowisko (poziom)",
    "Decided": "Rozstrzygnięto",
    "Recycled": "Zwrócono do nurturingu",
    "Touchpoints before handoff": "Interakcje przed przekazaniem",
    "Touchpoints after decision": "Interakcje po decyzji",
    "Touchpoints since rejection": "Interakcje od odrzucenia",
    "Last touchpoint": "Ostatnia interakcja",
    "Since recycling": "Od zwrotu do nurturingu",
    "Period": "Okres",
    "Months": "Miesiące",
    "Company size": "Wielkość firmy",
    "Stage reached": "Osiągnięty etap",
    "Segment": "Segment",
    "Filters": "Filtry",
    "Page": "Strona",
}


def t(text: str, lang: str) -> str:
    """`text` in `lang`: leadflow.i18n's words first, then those above."""
    said = i18n.t(text, lang)
    return WORDS_PL.get(text, said) if lang == "pl" and said == text else said


def _digits(number_format: str | None) -> int:
    """The decimals a printf-style column format shows: '%.1f h' → 1, '%,d' → 0."""
    found = re.search(r"\.(\d+)f", number_format or "")
    return int(found.group(1)) if found else 0


def as_shown(frame: pd.DataFrame, columns: Mapping[str, object], lang: str) -> pd.DataFrame:
    """`frame` as a page shows it with `columns` (a column_config mapping): each column under
    its label in `lang`, numbers rounded as shown, date-times to the minute; for a file."""
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        config = columns.get(name)
        label = config if isinstance(config, str) else name
        kind, shape = "text", None
        if isinstance(config, Mapping):
            label = config.get("label") or name
            kind = config.get("type_config", {}).get("type", "text")
            shape = config.get("type_config", {}).get("format")
        values = frame[name]
        if kind == "number":
            digits = _digits(shape)
            numbers = pd.to_numeric(values, errors="coerce").astype("float64").round(digits)
            values = numbers.astype("Int64") if digits == 0 else numbers
        elif kind == "datetime" or pd.api.types.is_datetime64_any_dtype(values):
            values = pd.to_datetime(values).dt.strftime("%Y-%m-%d %H:%M")
        out[t(str(label), lang)] = values
    return out.reset_index(drop=True)
