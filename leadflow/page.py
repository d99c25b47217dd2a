"""What every page does first: page config, the demo database on first start, the filters."""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from leadflow import db
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


def start(script: str, title: str, icon: str, question: str) -> Filters:
    """Set up the page in file `script` and return the shared filters; every page calls this
    first, with its own __file__."""
    st.set_page_config(page_title=f"{title} · Leadflow", page_icon=icon, layout="wide")
    carry_over_from_previous_page(str(Path(script).resolve().relative_to(db.ROOT)))
    ensure_database()
    filters = sidebar_filters()
    st.title(title)
    st.caption(question)
    return filters
