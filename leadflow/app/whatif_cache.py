"""The what-if replay and the suggested weights as a page uses them: built once per data
version, filter set and viewer, and a replay past the timeout said on the page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from leadflow import db, weekly, weights, whatif
from leadflow.app import access, cache
from leadflow.app.filters import Filters
from leadflow.app.timeouts import stopping_page_on_timeout


def catalog() -> whatif.Catalog:
    """The rules the viewer's page replays, cached with every query of the page."""
    return whatif.from_rules(cache.query("whatif_rules", {}), cache.query("whatif_thresholds", {}))


def replay_key(filters: Filters) -> tuple:
    """What a replay depends on: the period, the segment filters (not the rep filter) and
    whose leads the viewer may see (a rep replays only their own)."""
    return (
        filters.start,
        filters.end,
        tuple(filters.channels),
        tuple(filters.industries),
        tuple(filters.size_bands),
        access.scope(),
    )


def load(filters: Filters, path: Path | None = None) -> whatif.ReplayData:
    """The replay's leads and touchpoints for these filters, built once per data version."""
    path = path or db.database_path()
    with stopping_page_on_timeout():  # run_arrays_together is not cache.query
        return _load(str(path), db.data_version(path), replay_key(filters))


def scored(
    data: whatif.ReplayData, rules: whatif.Rules, filters: Filters, path: Path | None = None
) -> whatif.Scored:
    """`data` replayed under `rules`, cached per rule set: a threshold move costs nothing."""
    path = path or db.database_path()
    tmax = whatif.max_threshold_for(data.catalog.current_threshold)
    return _scored(str(path), db.data_version(path), replay_key(filters), rules, tmax, data)


@st.cache_resource(max_entries=2, show_spinner="Reading the leads and their touchpoints…")
def _load(path: str, version: str, key: tuple) -> whatif.ReplayData:
    return whatif.load_uncached(key, Path(path))


@st.cache_resource(max_entries=16, show_spinner=False)
def _scored(
    path: str, version: str, key: tuple, rules: whatif.Rules, tmax: int, _data: whatif.ReplayData
) -> whatif.Scored:
    return whatif.replay(_data, rules, tmax)


@st.cache_data(max_entries=8, show_spinner="Fitting the model…")
def suggest_cached(
    path: str,
    version: str,
    key: tuple,
    outcome: str,
    current: whatif.Rules,
    _data: whatif.ReplayData,
    _counts: pd.DataFrame,
    lang: str = "en",
) -> weights.Suggestion | str:
    """suggest(), once per data version, filter set, outcome, current rules and language."""
    return weights.suggest(_data, _counts, outcome, current, lang=lang)


def backtest(filters: Filters, path: Path | None = None) -> weekly.Backtest:
    """weekly.backtest of these filters' period and segments (the weekly page passes the What-if
    page's default period), once per data version, filter set and viewer: the replay it reads
    is the What-if page's own cached one."""
    path = path or db.database_path()
    return _backtest(str(path), db.data_version(path), replay_key(filters), filters)


@st.cache_data(max_entries=4, show_spinner="Backtesting the threshold recommendation…")
def _backtest(path: str, version: str, key: tuple, _filters: Filters) -> weekly.Backtest:
    # The replay and its outcome months are read here, on a miss only: the months are a row
    # per lead, and a cached copy of them on every rerun costs more than the lookup.
    data = load(_filters, Path(path))
    wanted = ("start", "end", "channels", "industries", "size_bands")
    params = {k: _filters.params()[k] for k in wanted}
    return weekly.backtest(data, cache.query("recommend_outcome_months", params, Path(path)))
