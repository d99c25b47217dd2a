"""The shared filters in the sidebar of every page, kept in the URL so a link reproduces a view."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from leadflow import format, i18n, metrics
from leadflow.app import cache, language
from leadflow.app.drilldown import said

# Widget keys are the URL's query-parameter names: short, in the users' words.
PERIOD, CHANNEL, INDUSTRY, SIZE, REP = "period", "channel", "industry", "size", "rep"


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    channels: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    size_bands: tuple[str, ...] = ()
    reps: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        """The bound parameters every query takes; an empty list means no filter."""
        return {
            "start": self.start,
            "end": self.end,
            "channels": list(self.channels),
            "industries": list(self.industries),
            "size_bands": list(self.size_bands),
            "reps": list(self.reps),
        }

    def previous(self) -> Filters:
        start, end = metrics.previous_period(self.start, self.end)
        return replace(self, start=start, end=end)

    def describe(self, lang: str = "en") -> str:
        """The filters in one line, for captions and exported files."""
        parts = [format.period(self.start, self.end, lang)]
        for label, values in (
            ("channel", self.channels),
            ("industry", self.industries),
            ("company size", self.size_bands),
            ("rep", self.reps),
        ):
            if values:
                shown = ", ".join(i18n.value(v, lang) for v in values)
                parts.append(f"{i18n.t(label, lang)}: {shown}")
        return " · ".join(parts)


@dataclass(frozen=True)
class DataRange:
    first_day: date
    last_day: date
    as_of: datetime
    source: str
    leads: int
    last_lead_day: date | None = None  # the newest lead's creation day (None: no leads)

    @property
    def default_start(self) -> date:
        """The last twelve months, or all of the data when it is shorter."""
        return max(self.first_day, self.last_day - timedelta(days=364))


def data_range() -> DataRange:
    row = cache.query("data_range").iloc[0]
    # as_of is the moment the data describes; the last full day is the one before it when
    # the data was cut at midnight.
    as_of = pd.Timestamp(row["as_of"]).to_pydatetime()
    last_day = (as_of - timedelta(microseconds=1)).date()
    first = row["first_lead_at"]
    first_day = last_day if pd.isna(first) else pd.Timestamp(first).date()
    newest = row["last_lead_at"]
    return DataRange(
        min(first_day, last_day),
        last_day,
        as_of,
        str(row["source"]),
        int(row["leads"]),
        None if pd.isna(newest) else pd.Timestamp(newest).date(),
    )


def _options(field: str) -> list[str]:
    options = cache.query("filter_options")
    values = options.loc[options["field"] == field, "value"].tolist()
    if field == "size_band":
        values = [b for b in metrics.SIZE_BAND_ORDER if b in values]
    return values


# The list filters: widget key (the URL's name), filter_options field, label, placeholder, help.
_MULTISELECTS = (
    (CHANNEL, "channel", "Channel", "All channels", None),
    (INDUSTRY, "industry", "Industry", "All industries", None),
    (SIZE, "size_band", "Company size (employees)", "All sizes", None),
    (
        REP,
        "rep",
        "Sales rep",
        "All reps",
        "Reps are assigned at handoff: choosing one leaves out leads never handed off.",
    ),
)

# What this session last wrote to the address, so that a changed address (a link, the browser's
# back button, an edited URL) can be told from one that merely lags behind a widget.
_WRITTEN = "filters_in_url"
_KEYS = (PERIOD, CHANNEL, INDUSTRY, SIZE, REP)
PRESET = "period_preset"


def _in_url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in _KEYS if key in st.query_params}


def forget_carried() -> None:
    """Stop carrying this session's filters to the next page: after an import the period they
    name may lie outside the new data."""
    for key in (_WRITTEN, *_KEYS):
        st.session_state.pop(key, None)


def period_presets(first_day: date, last_day: date) -> dict[str, tuple[date, date]]:
    """Named periods counted back from the data's last day (not from today: data a fortnight
    old must still give a whole month), cut to the data's first day; a period wholly before
    the data is left out."""
    month_start = last_day.replace(day=1)
    previous_month_end = month_start - timedelta(days=1)
    quarter_start = date(last_day.year, 3 * ((last_day.month - 1) // 3) + 1, 1)
    previous_quarter_end = quarter_start - timedelta(days=1)
    previous_quarter_start = date(
        previous_quarter_end.year, 3 * ((previous_quarter_end.month - 1) // 3) + 1, 1
    )
    named = {
        "This month": (month_start, last_day),
        "Last month": (previous_month_end.replace(day=1), previous_month_end),
        "This quarter": (quarter_start, last_day),
        "Last quarter": (previous_quarter_start, previous_quarter_end),
        "Year to date": (date(last_day.year, 1, 1), last_day),
        "Last 12 months": (last_day - timedelta(days=364), last_day),
    }
    return {
        name: (max(start, first_day), end)
        for name, (start, end) in named.items()
        if end >= first_day
    }


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# Said in the notice for a list filter's value that the data does not hold: why, and what is
# shown instead when no value of the link is left.
_UNKNOWN = {
    CHANNEL: ("no such channel", "showing all channels"),
    INDUSTRY: ("no such industry", "showing all industries"),
    SIZE: ("no such company size", "showing all company sizes"),
    REP: ("no such sales rep", "showing all sales reps"),
}


def read_link(
    url: dict[str, list[str]], span: DataRange, options: dict[str, list[str]]
) -> tuple[dict[str, Any], list[str]]:
    """The filters an address names, as widget values, and one sentence for each value in it
    that cannot be used and was ignored, saying what is shown instead."""
    lang = language.current()
    T = language.translator()
    values: dict[str, Any] = {PERIOD: (span.default_start, span.last_day)}
    ignored: list[str] = []
    raw = url.get(PERIOD, [])
    if raw:
        shown = "&".join(f"period={v}" for v in raw)
        days = [day for day in map(_iso, raw) if day is not None]
        first, last = format.day(span.first_day, lang), format.day(span.last_day, lang)
        default = T("showing {period}").format(
            period=format.period(span.default_start, span.last_day, lang)
        )
        if len(days) != 2 or len(raw) != 2:
            ignored.append(
                said(shown, T("a period needs a start and an end date (YYYY-MM-DD)"), default)
            )
        elif days[0] > days[1]:
            ignored.append(said(shown, T("the period ends before it starts"), default))
        elif days[1] < span.first_day or days[0] > span.last_day:
            ignored.append(
                said(
                    shown,
                    T("the data holds leads from {first} to {last} only").format(
                        first=first, last=last
                    ),
                    default,
                )
            )
        else:
            start, end = max(days[0], span.first_day), min(days[1], span.last_day)
            if (start, end) != (days[0], days[1]):
                ignored.append(
                    said(
                        shown,
                        T("the data holds leads from {first} to {last} only").format(
                            first=first, last=last
                        ),
                        T("showing {period}").format(period=format.period(start, end, lang)),
                    )
                )
            values[PERIOD] = (start, end)
    for key, *_ in _MULTISELECTS:
        known = options[key]
        picked = list(dict.fromkeys(url.get(key, [])))
        kept = [value for value in picked if value in known]
        why, everything = _UNKNOWN[key]
        instead = (
            T("showing {values}").format(values=", ".join(i18n.value(v, lang) for v in kept))
            if kept
            else T(everything)
        )
        for value in picked:
            if value not in known:
                ignored.append(said(f"{key}={value}", T(why), instead))
        values[key] = kept
    return values, ignored


def _valid_period(value: Any, span: DataRange) -> bool:
    return (
        isinstance(value, (tuple, list))
        and len(value) in (1, 2)
        and all(isinstance(d, date) and span.first_day <= d <= span.last_day for d in value)
    )


def _apply_preset(presets: dict[str, tuple[date, date]]) -> None:
    picked = st.session_state.get(PRESET)
    if picked in presets:
        st.session_state[PERIOD] = presets[picked]
    st.session_state[PRESET] = None


def _seed(span: DataRange, options: dict[str, list[str]]) -> list[str]:
    """Put the filters this run shows into the widgets' state before they are drawn, and say
    what of the address was ignored.

    The address wins when it differs from what this session last wrote there: it is a link, a
    step back in the browser's history or an edited address. A bare address with filters in
    the session is a sidebar link (Streamlit's links drop the query string): the filters carry
    over. Otherwise the widgets keep what the user picked, and the address follows them at the
    end of the run, so it never lags behind the numbers.
    """
    url = _in_url()
    written = st.session_state.get(_WRITTEN)
    ignored: list[str] = []
    if url and url != written:
        values, ignored = read_link(url, span, options)
        for key, value in values.items():
            st.session_state[key] = value
    # Keep every widget's state valid for the data as it is now (another session may have
    # imported data since): a period outside it or a value no longer offered is dropped.
    if not _valid_period(st.session_state.get(PERIOD), span):
        st.session_state[PERIOD] = (span.default_start, span.last_day)
    for key, *_ in _MULTISELECTS:
        kept = [v for v in st.session_state.get(key) or [] if v in options[key]]
        st.session_state[key] = kept
    return ignored


def _write_to_url(wanted: dict[str, list[str]]) -> None:
    for key in _KEYS:
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[_WRITTEN] = wanted


def sidebar_filters() -> tuple[Filters, list[str]]:
    """Draw the filters in the sidebar; return what they select, and one sentence for each
    value of the address that was ignored."""
    span = data_range()
    options = {key: _options(field) for key, field, *_ in _MULTISELECTS}
    ignored = _seed(span, options)
    presets = period_presets(span.first_day, span.last_day)
    lang = language.current()
    T = language.translator()
    with st.sidebar:
        st.header(T("Filters"))
        # Not bound to the address by Streamlit: a widget's commit racing a page switch in the
        # sidebar left the address, the widgets and the numbers telling three stories (issue
        # 14). The address is written from the values this run used, at the end of the run.
        picked = st.date_input(
            T("Period"),
            min_value=span.first_day,
            max_value=span.last_day,
            key=PERIOD,
            persist_state="session",
            # Polish readers write 31.03.2026; the address keeps ISO dates either way.
            format="DD.MM.YYYY" if lang == "pl" else "YYYY-MM-DD",
            help=T(
                "Each page says which date it counts by: the funnel by when leads were "
                "created, the overview by the day each event happened, the conversion, SLA and "
                "rejection pages by the handoff to sales. A typed date applies when you press "
                "Enter or leave the field."
            ),
        )
        st.selectbox(
            T("Quick period"),
            list(presets),
            index=None,
            key=PRESET,
            format_func=T,
            placeholder=T("This month, last quarter…"),
            on_change=_apply_preset,
            args=(presets,),
            help=T("Counted from the data's last day, {day}.").format(
                day=format.day(span.last_day, lang)
            ),
        )
        # While a range is half picked the widget returns the start only.
        ends = tuple(picked) if isinstance(picked, tuple | list) else ()
        start = ends[0] if ends else span.default_start
        end = ends[1] if len(ends) == 2 else span.last_day
        chosen = [
            st.multiselect(
                T(label),
                options[key],
                key=key,
                persist_state="session",
                format_func=lambda v: i18n.value(v, lang),
                placeholder=T(placeholder),
                help=help and T(help),
            )
            for key, field, label, placeholder, help in _MULTISELECTS
        ]
        st.caption(T("Filters are kept in the page address: copy it to share this view."))
    channels, industries, size_bands, reps = (tuple(values) for values in chosen)
    wanted = {PERIOD: [start.isoformat(), end.isoformat()]}
    for (key, *_), values in zip(_MULTISELECTS, chosen):
        if values:
            wanted[key] = list(values)
    _write_to_url(wanted)
    return Filters(start, end, channels, industries, size_bands, reps), ignored
