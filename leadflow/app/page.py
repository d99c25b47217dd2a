"""What every page does first: page config, the demo database on first start, the filters."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from leadflow import db, exports, format, i18n, team_settings
from leadflow.app import access, cache, drilldown, language, markup, tables
from leadflow.app.filters import Filters, data_range, sidebar_filters

_first_start = threading.Lock()


def ensure_database() -> None:
    """Build the demo database when there is none yet, with a progress bar while it takes."""
    path = db.database_path()
    if path.exists():
        return
    # Two browser tabs opening at once must not both build it.
    with _first_start:
        if path.exists():
            return
        from leadflow import demo  # only needed once, on a machine with no database yet

        lang = language.current()
        bar = st.progress(0.0, text=i18n.t("First start: creating the demo database…", lang))

        def show(done: float, step: str) -> None:
            bar.progress(done, text=step)

        demo.build(path, progress=show)
        bar.empty()


# Each data table in words, for a page that says plainly what the loaded data lacks.
TABLE_WORDS = {
    "leads": "leads",
    "touchpoints": "touchpoints (each lead's e-mail opens, downloads, webinars, demo requests…)",
    "deals": "deals (opportunities with their stage and amount)",
    "campaigns": "campaigns",
    "campaign_costs": "campaign costs per month",
    "sql_targets": "monthly SQL targets",
    "scoring_rules": "scoring rules",
    "scoring_thresholds": "an MQL threshold",
    "sla_policy": "an SLA policy",
}


def missing(*tables: str) -> list[str]:
    """The tables among `tables` that hold no rows in the loaded data."""
    counts = cache.query("table_counts").set_index("table_name")["row_count"]
    return [t for t in tables if int(counts.get(t, 0)) == 0]


def say_no_handoffs() -> None:
    """Why a page about handoffs has none to show: the data has no handoff dates at all (and
    how to bring them), or the period and filters leave none."""
    T = language.translator()
    if missing("handoffs"):
        st.info(
            T(
                "The data has no handoff dates: no lead says when it was passed to sales, so "
                "there is nothing to measure here. Map the column of your export that holds that "
                "date to handoff_at on the Import data page."
            )
        )
    else:
        st.info(
            T(
                "No leads were handed off to sales in the period with these filters. Widen the "
                "period or clear a filter in the sidebar."
            )
        )


def require(*tables: str) -> None:
    """Stop the page with a plain message when the loaded data has no rows in a table it needs
    (an import may bring leads and deals but no touchpoints)."""
    lacking = missing(*tables)
    if not lacking:
        return
    lang = language.current()
    T = language.translator()
    words = [T(TABLE_WORDS.get(t, t)) for t in lacking]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + T(" and ") + words[-1]
    if set(lacking) <= set(team_settings.COLUMNS):
        # Settings are not data: a manager sets them on the Settings page.
        st.info(
            T("This page needs {listed}, and none is set: a manager sets it in Settings.").format(
                listed=listed
            )
        )
        st.page_link(
            "pages/9_Settings.py",
            label=T("Settings"),
            icon=":material/settings:",
            query_params=link_params(lang),
        )
        st.stop()
    st.info(
        T(
            "This page needs {listed}, and the data loaded has none. Import a file that holds "
            "them on the Import data page; the other pages work with what is there."
        ).format(listed=listed)
    )
    st.page_link(
        "pages/8_Import_data.py",
        label=T("Import data"),
        icon=":material/upload:",
        query_params=link_params(lang),
    )
    st.stop()


def default_notes(*settings: str) -> None:
    """One caption per setting the page uses that is still the default a new database got."""
    at_default = db.settings_at_default()
    for setting in settings:
        if setting in at_default:
            st.caption(team_settings.default_note(setting, language.current()))


@dataclass(frozen=True)
class View:
    """What a downloaded file was made from: said in a file's header and in its name."""

    about: list[tuple[str, str | date]]  # (label, value) in the page's language
    parts: list[str]  # the same, short and in ISO dates, for a file name


def view(
    filters: Filters,
    lang: str,
    *,
    period: bool = True,
    picked: Mapping[str, str | tuple[str, str] | None] | None = None,
) -> View:
    """The view of a page: its period (unless `period` is off, for a page that does not use
    it), every sidebar filter set, what the page itself `picked` (label → value, or (value as
    said, value in a file name); None: all), and the data's last day."""
    about: list[tuple[str, str | date]] = []
    parts: list[str] = []
    if period:
        about.append(
            (
                tables.t("Period", lang),
                f"{i18n.day(filters.start, lang)} – {i18n.day(filters.end, lang)}",
            )
        )
        parts.append(f"{filters.start}-{filters.end}")
    chosen = [
        (label, values)
        for label, values in (
            ("Channel", filters.channels),
            ("Industry", filters.industries),
            ("Company size", filters.size_bands),
            ("Sales rep", filters.reps),
        )
        if values
    ]
    for label, values in chosen:
        about.append((tables.t(label, lang), ", ".join(values)))
        parts.append(f"{label.split()[-1].lower()}-{'+'.join(values)}")
    if not chosen:
        about.append((tables.t("Filters", lang), tables.t("no filters", lang)))
        parts.append("all")
    for label, value in (picked or {}).items():
        if value is not None:
            said, short = value if isinstance(value, tuple) else (value, value)
            about.append((tables.t(label, lang), said))
            parts.append(short)
    last_day = data_range().last_day
    about.append((tables.t("Data as of", lang), last_day))
    parts.append(f"data-{last_day}")
    return View(about, parts)


def download_rows(
    label: str,
    query: str,
    params: dict,
    name: str,
    filters: Filters,
    columns: Mapping[str, object],
    picked: Mapping[str, str | tuple[str, str] | None] | None = None,
    shown: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> None:
    """A button that downloads every row of `query` as CSV, made when it is clicked, as the
    page shows them: values changed by `shown` as the page changes them, under the `columns`
    labels (a column_config mapping) in the page's language, rounded as there, in the locale's
    delimiter; the view (see view()) in the first line and in the file name, which starts with
    `name`. The file is made outside the page's run, where the
    signed-in viewer is unknown: the viewer's scope and the database are taken now, during
    the run, and handed to it."""
    path = db.database_path()
    scope = access.scope(path)
    lang = language.current()
    seen = view(filters, lang, picked=picked)
    st.download_button(
        label,
        data=lambda: exports.csv(
            tables.as_shown((shown or _as_is)(db.run(query, params, path, scope)), columns, lang),
            bom=True,  # Excel then reads the file as UTF-8 (ł, ź, → intact)
            lang=lang,
            about=seen.about,
        ),
        file_name=exports.file_name(name, seen.parts, "csv"),
        mime="text/csv",
    )


def _as_is(rows: pd.DataFrame) -> pd.DataFrame:
    return rows


# The sidebar's links, drawn by every page (`client.showSidebarNavigation = false`): Streamlit
# names the main page after its file, "app", and `st.navigation` would break cold deep links with
# a pages/ folder. Emoji, not material icons: a page icon given as `:material/…:` makes the
# browser fetch the tab's icon from a Google host, which a closed network does not reach.
PAGES = (
    ("app.py", "Overview", "📈"),
    ("pages/1_Funnel.py", "Funnel", "🔻"),
    ("pages/2_Conversion.py", "Conversion", "🤝"),
    ("pages/3_SLA.py", "SLA", "⏱️"),
    ("pages/4_Rejections.py", "Rejections", "👎"),
    ("pages/5_What_if.py", "What if", "🧪"),
    ("pages/6_KPIs.py", "KPIs", "📊"),
    ("pages/7_Weekly_report.py", "Weekly report", "🗓️"),
    ("pages/8_Import_data.py", "Import data", "📥"),
    ("pages/9_Settings.py", "Settings", "⚙️"),
)


def link_params(lang: str) -> dict[str, str] | None:
    """A page link's query string: the language, when it is not the default. A page link drops
    the address's query string, and the next page must open in the language chosen."""
    return None if lang == i18n.DEFAULT else {i18n.KEY: lang}


# A tile's label wraps instead of ending in "…": Polish labels run longer than English ones, and
# a cut label hides which leads a number counts ("Konwersja MQL→SQL (przekazania z o…").
# Style only: Streamlit puts it in the page's head and draws nothing.
_TILE_LABELS_WRAP = (
    "<style>[data-testid=stMetricLabel] .stMarkdownEllipsis, "
    "[data-testid=stMetricLabel] .stMarkdownEllipsis p "
    "{white-space: normal; overflow: visible; text-overflow: clip;}</style>"
)


def navigation() -> None:
    st.html(_TILE_LABELS_WRAP)
    # The language first: every word below it, and on the page, is in the language chosen.
    lang = language.picker()
    T = language.translator()
    with st.sidebar.container(key="pages"):
        for path, label, icon in PAGES:
            try:
                st.page_link(path, label=T(label), icon=icon, query_params=link_params(lang))
            except StreamlitPageNotFoundError:
                # Only under AppTest of one page file, which knows no other page.
                continue
        # How old the data is, once, on every page: the periods count back from this day.
        span = data_range()
        st.caption(
            T("Data as of {last}: {source}, leads from {first}.").format(
                last=format.day(span.last_day, lang),
                source=markup.text(i18n.value(span.source, lang)),
                first=format.day(span.first_day, lang),
            )
        )


def plain(title: str, icon: str, question: str, *, managers_only: bool = False) -> None:
    """Set up a page that has no filters (importing data); `managers_only` stops it for a
    sales rep."""
    st.set_page_config(page_title=f"{title} · Leadflow", page_icon=icon, layout="wide")
    ensure_database()
    navigation()
    who = access.gate()
    st.title(title)
    st.caption(question)
    if managers_only and not who.may_import:
        st.info(
            i18n.t("Only managers can use this page.", language.current()), icon=":material/lock:"
        )
        st.stop()


def start(script: str, title: str, icon: str, question: str) -> Filters:
    """Set up the page in file `script` and return the shared filters; every page calls this
    first, with its own __file__."""
    st.set_page_config(page_title=f"{title} · Leadflow", page_icon=icon, layout="wide")
    ensure_database()
    navigation()
    access.gate()
    filters, ignored = sidebar_filters()
    st.title(title)
    st.caption(question)
    # One notice for the whole link: the sidebar's filters now, the page's own choices as the
    # page reads them.
    drilldown.open_notice(ignored)
    return filters


def tiles(count: int, per_row: int = 3) -> list:
    """Columns for `count` metric tiles in balanced rows of at most `per_row`: at 1366 px a
    tile in a row of four or five cuts its label ("MQL→SQL rate (handoffs of the …")."""
    rows = -(-count // per_row)
    width = -(-count // rows)
    columns: list = []
    for start in range(0, count, width):
        columns += st.columns(width)[: min(width, count - start)]
    return columns


def number_in_link(key: str, low: float, high: float) -> None:
    """Say so when the link gives a page's own number bound to the address (`key`) a value
    outside [low, high]: Streamlit replaces such a value with the default without a word."""
    raw = st.query_params.get(key)
    if raw is None:
        return
    try:
        usable = low <= float(raw) <= high
    except ValueError:
        usable = False
    if not usable:
        T = language.translator()
        with st.container(border=True, key=f"ignored_in_link_{key}"):
            st.text(
                drilldown.said(
                    f"{key}={raw}",
                    T("not a number from {low} to {high}").format(low=f"{low:g}", high=f"{high:g}"),
                    T("showing the default"),
                )
            )
