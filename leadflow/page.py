"""What every page does first: page config, the demo database on first start, the filters."""

from __future__ import annotations

import threading

import streamlit as st

from leadflow import access, db
from leadflow.filters import Filters, sidebar_filters

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
    st.info(
        f"This page needs {listed}, and the data loaded has none. Import a file that holds "
        "them on the Import data page; the other pages work with what is there."
    )
    st.page_link("pages/8_Import_data.py", label="Import data", icon=":material/upload:")
    st.stop()


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
    ensure_database()
    access.gate()
    filters, ignored = sidebar_filters()
    st.title(title)
    st.caption(question)
    if ignored:
        # Plain text: the values come from whoever wrote the link.
        with st.container(border=True, key="ignored_in_link"):
            st.text("Ignored in the link, so the page shows the filters in the sidebar:")
            for sentence in ignored:
                st.text(f"· {sentence}")
    return filters
