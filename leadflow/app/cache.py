"""Queries for the person looking at the page: cached until the data changes, scoped to the
viewer, and a query past the timeout said on the page rather than as the generic error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from leadflow import db
from leadflow.app import access
from leadflow.app.timeouts import stopping_page_on_timeout


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(
    name: str, params: dict[str, Any], path: str, version: str, scope: db.Scope
) -> pd.DataFrame:
    return db.run(name, params, Path(path), scope)


def query(
    name: str, params: dict[str, Any] | None = None, path: Path | None = None, *, cached=True
) -> pd.DataFrame:
    """Run queries/<name>.sql for the person looking at the page, cached until the database
    changes (cached=False for a one-off, like a full CSV download). A query that runs too long
    stops the page with a message; the session goes on."""
    path = path or db.database_path()
    with stopping_page_on_timeout():
        if not cached:
            return db.run(name, params, path, access.scope(path))
        return _cached(name, params or {}, str(path), db.data_version(path), access.scope(path))
