"""The shared filters in the sidebar of every page, kept in the URL so a link reproduces a view."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from leadflow import db, format, markup, metrics

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

    def describe(self) -> str:
        """The filters in one line, for captions and exported files."""
        parts = [format.period(self.start, self.end)]
        for label, values in (
            ("channel", self.channels),
            ("industry", self.industries),
            ("company size", self.size_bands),
            ("rep", self.reps),
        ):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class DataRange:
    first_day: date
    last_day: date
    as_of: datetime
    source: str
    leads: int

    @property
    def default_start(self) -> date:
        """The last twelve months, or all of the data when it is shorter."""
        return max(self.first_day, self.last_day - timedelta(days=364))


def data_range() -> DataRange:
    row = db.query("data_range").iloc[0]
    # as_of is the moment the data describes; the last full day is the one before it when
    # the data was cut at midnight.
    as_of = pd.Timestamp(row["as_of"]).to_pydatetime()
    last_day = (as_of - timedelta(microseconds=1)).date()
    first = row["first_lead_at"]
    first_day = last_day if pd.isna(first) else pd.Timestamp(first).date()
    return DataRange(
        min(first_day, last_day), last_day, as_of, str(row["source"]), int(row["leads"])
    )


def _options(field: str) -> list[str]:
    options = db.query("filter_options")
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

_CARRIED = "filters_in_url"
_KEYS = (PERIOD, CHANNEL, INDUSTRY, SIZE, REP)


def _in_url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in _KEYS if key in st.query_params}


def carry_over_from_previous_page(script: str) -> None:
    """Reopen this page with the filters the user had on the last one.

    Streamlit's sidebar links drop the query string, so a page opened from the sidebar would
    start from default filters. When the address has no filter but this session had some,
    reload the page with them; a link that carries filters, or a new session, is left as is.
    """
    carried = st.session_state.get(_CARRIED)
    if carried and not _in_url():
        st.switch_page(script, query_params=carried)


def forget_carried() -> None:
    """Stop carrying this session's filters to the next page: after an import the period they
    name may lie outside the new data."""
    st.session_state.pop(_CARRIED, None)


def sidebar_filters() -> Filters:
    """Draw the filters in the sidebar and return what they select."""
    span = data_range()
    with st.sidebar:
        st.header("Filters")
        picked = st.date_input(
            "Period",
            value=(span.default_start, span.last_day),
            min_value=span.first_day,
            max_value=span.last_day,
            key=PERIOD,
            bind="query-params",
            format="YYYY-MM-DD",
            help="Each page says which date it counts by: the funnel by when leads were "
            "created, the overview by the day each event happened, the conversion, SLA and "
            "rejection pages by the handoff to sales.",
        )
        # While a range is half picked the widget returns the start only.
        picked = tuple(picked or ())
        start = picked[0] if picked else span.default_start
        end = picked[1] if len(picked) == 2 else span.last_day
        chosen = [
            st.multiselect(
                label,
                _options(field),
                key=key,
                bind="query-params",
                placeholder=placeholder,
                help=help,
            )
            for key, field, label, placeholder, help in _MULTISELECTS
        ]
        st.caption(
            f"Data: {markup.text(span.source)}, leads from {format.day(span.first_day)} "
            f"to {format.day(span.last_day)}. Filters are kept in the page address: "
            "copy it to share this view."
        )
    st.session_state[_CARRIED] = _in_url()
    channels, industries, size_bands, reps = (tuple(values) for values in chosen)
    return Filters(start, end, channels, industries, size_bands, reps)
