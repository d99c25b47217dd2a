"""A page's own choices (the stage, the split's value, the clicked bar, the lead opened) kept in
the address, so that a shared link opens the same leads; clickable bars, cells and rows that
pick them; and the one notice that says what of a link was ignored and what is shown instead."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from leadflow.app import language, markup, tables

# This run's notice, made by page.start under the title and added to as the page reads its own
# choices from the address (they are known only once the page knows what it can offer).
_NOTICE = "link_notice"
NOTICE_KEY = "ignored_in_link"
PICKED_LINE = "#1b1f24"


class Notice:
    """One line per value of the link that was ignored, each saying what is shown instead."""

    def __init__(self) -> None:
        self._slot = st.empty()
        self._lines: Any = None
        self.sentences: list[str] = []

    def add(self, sentences: Sequence[str]) -> None:
        if not sentences:
            return
        self.sentences.extend(sentences)
        if self._lines is None:
            # A key may be drawn once a run: the bordered box is made once, its lines redrawn.
            self._lines = self._slot.container(border=True, key=NOTICE_KEY).empty()
        with self._lines.container():
            # Plain text: the values come from whoever wrote the link.
            for sentence in self.sentences:
                st.text(sentence)


def open_notice(sentences: Sequence[str]) -> None:
    """The notice's place on the page, with what the sidebar's filters ignored of the link."""
    notice = Notice()
    st.session_state[_NOTICE] = notice
    notice.add(sentences)


def said(link: str, why: str, instead: str) -> str:
    """One line of the notice: "Ignored channel=x from the link: no such channel; showing all
    channels."""
    return language.translator()("Ignored {link} from the link: {why}; {instead}.").format(
        link=link, why=why, instead=instead
    )


def ignore(link: str, why: str, instead: str) -> None:
    notice = st.session_state.get(_NOTICE)
    if not isinstance(notice, Notice):  # a page that did not start with page.start
        notice = Notice()
        st.session_state[_NOTICE] = notice
    notice.add([said(link, why, instead)])


def showing(value: str) -> str:
    return language.translator()("showing “{value}”").format(value=value)


def bound_choice(
    key: str,
    options: Sequence[Any],
    format_func: Callable[[Any], str],
    *,
    why: str,
    default: int = 0,
) -> None:
    """Before a widget bound to the address (bind="query-params") is drawn: say so when the
    link names a value it does not offer. Streamlit drops such a value without a word and shows
    the widget's default, options[default]."""
    raw = st.query_params.get(key)
    shown = [format_func(option) for option in options]
    if raw is None or raw in shown or not shown:
        return
    ignore(f"{key}={raw}", why, showing(shown[default]))


def _written(key: str) -> str:
    return f"{key}_in_url"


def _shown(key: str) -> str:
    return f"{key}_shown"


def choice(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    why: str,
    format_func: Callable[[Any], str] = str,
    where: Any = None,
    help: str | None = None,
) -> Any:
    """A selectbox whose value the address keeps as the value itself (?segment=webinar, the same
    in either language); the first option is the default and leaves the address bare.

    The address wins when it differs from what this page last wrote there (a link, the
    browser's back button, an edited address); a value it names that is not among `options` is
    said in the notice, with `why`. A click elsewhere on the page that picks a value puts it
    into st.session_state[key], and the address follows at once."""
    values = {str(option): option for option in options}
    raw = st.query_params.get(key)
    if (
        raw is None
        and st.session_state.get(_written(key)) is None
        and st.session_state.get(key) == st.session_state.get(_shown(key))
    ):
        # Last run showed the default and nothing picked another since: the default follows
        # the options (a leads list reordered by a new stage opens its first lead).
        st.session_state.pop(key, None)
    elif raw != st.session_state.get(_written(key)):
        if raw is None:
            st.session_state.pop(key, None)
        elif raw in values:
            st.session_state[key] = values[raw]
        else:
            st.session_state.pop(key, None)
            ignore(f"{key}={raw}", why, showing(format_func(options[0])))
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state.pop(key)
    value = (where or st).selectbox(
        label, list(options), index=0, key=key, format_func=format_func, help=help
    )
    written = None if value == options[0] else str(value)
    if written is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != written:
        st.query_params[key] = written
    st.session_state[_written(key)] = written
    st.session_state[_shown(key)] = value
    return value


def _tag(picked: Any) -> str:
    """A short, CSS-safe name for a picked value: a chart or table is drawn anew when the pick
    changes, so that it marks the new one."""
    return hashlib.sha1(repr(picked).encode()).hexdigest()[:8]


Picks = Mapping[int, Sequence[Mapping[str, Any]]]  # trace → what its i-th point picks


def _pick(
    widget: str,
    found: Callable[[Mapping[str, Any]], tuple[int, int] | None],
    picks: Picks,
    cleared: Mapping[str, Any] | None,
) -> None:
    """Put what a click picked into the widgets that choose the leads listed: picks[trace][i]
    for the i-th point (or row) clicked, `cleared` when the click unpicked it. A click on a
    trace that stands for no leads (the Pareto's cumulative line) changes nothing."""
    selection = st.session_state[widget]["selection"]
    clicked = found(selection)
    if clicked is None:
        if not selection.get("points"):
            for key, value in (cleared or {}).items():
                st.session_state[key] = value
        return
    trace, index = clicked
    for key, value in picks[trace][index].items():
        st.session_state[key] = value


def _clicked_point(picks: Picks) -> Callable[[Mapping[str, Any]], tuple[int, int] | None]:
    def found(selection: Mapping[str, Any]) -> tuple[int, int] | None:
        for point in selection.get("points", []):
            trace = point.get("curve_number", 0)
            index = point.get("point_index", point.get("point_number"))
            if trace in picks and index is not None:
                return int(trace), int(index)
        return None

    return found


def _clicked_row(selection: Mapping[str, Any]) -> tuple[int, int] | None:
    rows = selection.get("rows", [])
    return (0, int(rows[0])) if rows else None


def _mark(fig: go.Figure, curve: int, index: int | None) -> None:
    """Outline the picked bar or cell and let Plotly fade the others."""
    if index is None:
        return
    trace = fig.data[curve]
    count = len(trace.x if trace.x is not None else trace.y)
    base = trace.marker.line.width  # the others keep the outline they had
    widths = [base if isinstance(base, (int, float)) else 0] * count
    widths[index] = 3
    trace.update(marker_line=dict(width=widths, color=PICKED_LINE))
    if hasattr(trace, "unselected"):
        # Faded, not washed out: the other bars' labels stay readable. A funnel has no such
        # setting (Plotly would fade its labels to near white), so it keeps the outline only.
        trace.update(selectedpoints=[index], unselected=dict(marker=dict(opacity=0.45)))


def chart(
    fig: go.Figure,
    *,
    key: str,
    picks: Sequence[Mapping[str, Any]],
    picked: int | None,
    cleared: Mapping[str, Any] | None = None,
    curve: int = 0,
    other_traces: Picks | None = None,
) -> None:
    """A Plotly chart whose points stand for leads: a click on the i-th point of trace `curve`
    sets the widgets named in picks[i] (key → value), which choose the leads listed below; the
    `picked` point is marked. Clicking it again unpicks it (`cleared`). Points of
    `other_traces` pick as theirs say (trace → picks)."""
    _mark(fig, curve, picked)
    fig.update_layout(clickmode="event+select")
    widget = f"{key}_{_tag((picked, curve))}"
    every = {curve: picks, **(other_traces or {})}
    st.plotly_chart(
        fig,
        width="stretch",
        key=widget,
        on_select=lambda: _pick(widget, _clicked_point(every), every, cleared),
        selection_mode="points",
    )


def _cell(value: Any) -> str:
    """A heatmap's axis value as the squares over it name it: a week is a Timestamp on one side
    and a numpy date on the other."""
    return value if isinstance(value, str) else str(pd.Timestamp(value))


def heatmap_cells(
    fig: go.Figure,
    x: Sequence[Any],
    y: Sequence[Any],
    picked: int | None,
    hover: Sequence[str] | None = None,
) -> int:
    """Clickable cells over the heatmap of trace 0 (Plotly's heatmaps take no click as a
    selection): one invisible square per cell at (x[i], y[i]), the picked one outlined. The
    squares catch the pointer, so they carry the cell's hover text: `hover`, or the heatmap's
    own hovertext. Returns the squares' trace."""
    heatmap = fig.data[0]
    if hover is None and heatmap.hovertext is not None:
        columns = {_cell(value): i for i, value in enumerate(heatmap.x)}
        rows = {_cell(value): i for i, value in enumerate(heatmap.y)}
        hover = [heatmap.hovertext[rows[_cell(b)]][columns[_cell(a)]] for a, b in zip(x, y)]
    heatmap.update(hoverinfo="skip", hovertemplate=None)
    widths = [3 if i == picked else 0 for i in range(len(x))]
    fig.add_scatter(
        x=list(x),
        y=list(y),
        mode="markers",
        marker=dict(
            symbol="square",
            size=26,
            color="rgba(0, 0, 0, 0)",
            line=dict(width=widths, color=PICKED_LINE),
        ),
        hovertext=list(hover or []),
        hoverinfo="text" if hover else "none",
        showlegend=False,
    )
    return len(fig.data) - 1


def table(
    frame: pd.DataFrame,
    lang: str,
    column_config: dict[str, Any],
    *,
    key: str,
    picks: Sequence[Mapping[str, Any]],
    picked: int | None,
    cleared: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """tables.dataframe whose rows stand for leads: selecting row i sets the widgets named in
    picks[i]; the `picked` row is shown selected."""
    widget = f"{key}_{_tag(picked)}"
    tables.dataframe(
        frame,
        lang,
        column_config,
        key=widget,
        on_select=lambda: _pick(widget, _clicked_row, {0: picks}, cleared),
        selection_mode="single-row",
        selection_default=None if picked is None else {"selection": {"rows": [picked]}},
        **kwargs,
    )


def position(values: Sequence[Any], picked: Any) -> int | None:
    values = list(values)
    return values.index(picked) if picked in values else None


def leads(
    frame: pd.DataFrame,
    lang: str,
    column_config: dict[str, Any],
    *,
    key: str,
    names: Mapping[str, str],
    label: str,
    history: Callable[[str], pd.DataFrame],
    **kwargs: Any,
) -> None:
    """A list of leads and, below it, the history of the one picked: a row clicked, or the lead
    chosen in the picker (the first by default), kept in the address as ?`key`=<lead id>."""
    T = language.translator()
    ids = frame["lead_id"].tolist()
    # The picker below decides which lead is open, as choice() reads it; the table above it
    # marks the same row.
    raw = st.query_params.get(key)
    picked = raw if raw != st.session_state.get(_written(key)) else st.session_state.get(key)
    if picked not in ids:
        picked = None
    table(
        frame,
        lang,
        column_config,
        key=f"{key}_rows",
        picks=[{key: lead} for lead in ids],
        picked=position(ids, picked if picked is not None else (ids[0] if ids else None)),
        **kwargs,
    )
    if not ids:
        return
    lead = choice(
        label,
        ids,
        key=key,
        why=T("not among the leads listed"),
        format_func=lambda lead: names.get(lead, lead),
        help=T("Or click a row of the list."),
    )
    st.caption(
        T("History of {lead}, oldest first.").format(lead=markup.text(names.get(lead, lead)))
    )
    tables.lead_history(history(lead), lang)
