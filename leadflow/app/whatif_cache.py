"""The what-if replay and the suggested weights as a page uses them: built once per data
version, filter set and viewer, with its progress shown while a cold page builds it, and a
replay past the timeout said on the page."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import streamlit as st

from leadflow import db, weekly, weights, whatif
from leadflow.app import access, cache, language
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


# What a cold What-if page says while it builds the replay, step by step (English, Polish).
READING = (
    "Reading the period's leads and their touchpoints…",
    "Wczytywanie leadów z okresu i ich punktów styku…",
)
REPLAYING = (
    "Replaying the leads under the current rules…",
    "Odtwarzanie leadów według obecnych reguł…",
)
# _load keeps this many replays; _built follows the same ones.
KEPT = 2
_built_lock = threading.Lock()  # sessions run in threads of one process


def load(filters: Filters, path: Path | None = None) -> whatif.ReplayData:
    """The replay's leads and touchpoints for these filters, built once per data version. The
    first time, a status box says what is being done (and the current rules are replayed in it,
    as the page does next), so a cold page shows progress rather than nothing; it goes once the
    replay is built."""
    path = path or db.database_path()
    version = db.data_version(path)
    key = replay_key(filters)
    built = _built(str(path), version)
    with stopping_page_on_timeout():  # run_arrays_together is not cache.query
        with _built_lock:
            known = key in built
            if known:
                built.move_to_end(key)
        if known:
            return _load(str(path), version, key)
        pl = language.current() == "pl"
        holder = st.empty()
        with holder.status(READING[pl], expanded=False) as status:
            data = _load(str(path), version, key)
            status.update(label=REPLAYING[pl])
            scored(data, data.catalog.current, filters, path)
        holder.empty()
    with _built_lock:
        built[key] = None
        while len(built) > KEPT:
            built.popitem(last=False)
    return data


def scored(
    data: whatif.ReplayData, rules: whatif.Rules, filters: Filters, path: Path | None = None
) -> whatif.Scored:
    """`data` replayed under `rules`, cached per rule set: a threshold move costs nothing."""
    path = path or db.database_path()
    tmax = whatif.max_threshold_for(data.catalog.current_threshold)
    return _scored(str(path), db.data_version(path), replay_key(filters), rules, tmax, data)


@st.cache_resource(max_entries=1)
def _built(path: str, version: str) -> OrderedDict[tuple, None]:
    """The replay keys this process has built on this data version, the latest last (a new
    version, a new record): which loads are lookups and which need the status box. Bound to
    _load's last KEPT, so a key _load has let go of shows the box again."""
    return OrderedDict()


# The progress is shown by load() around this call: a Streamlit element made inside a cached
# function would be replayed on every later hit.
@st.cache_resource(max_entries=KEPT, show_spinner=False)
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
