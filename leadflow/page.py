"""What every page does first: page config, the demo database on first start, the filters."""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from leadflow import access, db, exports, team_settings
from leadflow.filters import Filters, carry_over_from_previous_page, sidebar_filters

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

        bar = st.progress(0.0, text="First start: creating the demo database…")
        demo.build(path, progress=lambda done, step: bar.progress(done, text=step))
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
    counts = db.query("table_counts").set_index("table_name")["row_count"]
    return [t for t in tables if int(counts.get(t, 0)) == 0]


def require(*tables: str) -> None:
    """Stop the page with a plain message when the loaded data has no rows in a table it needs
    (an import may bring leads and deals but no touchpoints)."""
    lacking = missing(*tables)
    if not lacking:
        return
    words = [TABLE_WORDS.get(t, t) for t in lacking]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    if set(lacking) <= set(team_settings.COLUMNS):
        # Settings are not data: a manager sets them on the Settings page.
        st.info(f"This page needs {listed}, and none is set: a manager sets it in Settings.")
        st.page_link("pages/9_Settings.py", label="Settings", icon=":material/settings:")
        st.stop()
    st.info(
        f"This page needs {listed}, and the data loaded has none. Import a file that holds "
        "them on the Import data page; the other pages work with what is there."
    )
    st.page_link("pages/8_Import_data.py", label="Import data", icon=":material/upload:")
    st.stop()


def default_notes(*settings: str) -> None:
    """One caption per setting the page uses that is still the default a new database got."""
    at_default = db.settings_at_default()
    for setting in settings:
        if setting in at_default:
            st.caption(team_settings.DEFAULT_NOTES[setting])


def download_rows(label: str, query: str, params: dict, file_name: str) -> None:
    """A button that downloads every row of `query` as CSV, made when it is clicked. The file is
    made outside the page's run, where the signed-in viewer is unknown: the viewer's scope and
    the database are taken now, during the run, and handed to it."""
    path = db.database_path()
    scope = access.scope(path)
    st.download_button(
        label,
        data=lambda: exports.csv(db.run(query, params, path, scope)),
        file_name=file_name,
        mime="text/csv",
    )


def plain(title: str, icon: str, question: str, *, managers_only: bool = False) -> None:
    """Set up a page that has no filters (importing data); `managers_only` stops it for a
    sales rep."""
    st.set_page_config(page_title=f"{title} · Leadflow", page_icon=icon, layout="wide")
    ensure_database()
    who = access.gate()
    st.title(title)
    st.caption(question)
    if managers_only and not who.may_import:
        st.info("Only managers can use this page.", icon=":material/lock:")
        st.stop()


def start(script: str, title: str, icon: str, question: str) -> Filters:
    """Set up the page in file `script` and return the shared filters; every page calls this
    first, with its own __file__."""
    st.set_page_config(page_title=f"{title} · Leadflow", page_icon=icon, layout="wide")
    carry_over_from_previous_page(str(Path(script).resolve().relative_to(db.ROOT)))
    ensure_database()
    access.gate()
    filters = sidebar_filters()
    st.title(title)
    st.caption(question)
    return filters
