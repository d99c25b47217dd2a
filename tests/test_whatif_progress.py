"""A cold What-if page says what it is doing while it builds the replay (issue 14: a cold load
was seconds of blank page), and a warm one says nothing: the status box shows once per data
version and filter set, with its steps, in the page's language, and is gone once the replay is
built."""

from __future__ import annotations

import contextlib
import shutil
from datetime import date

import pytest

from leadflow import db, whatif
from leadflow.app import language, whatif_cache
from leadflow.app.filters import Filters
from tests.test_derived_incremental import LEADS, import_files

Q1 = Filters(date(2026, 1, 1), date(2026, 3, 31))


class Page:
    """What load() puts on the page: each status box's labels, and whether it was cleared."""

    def __init__(self) -> None:
        self.boxes: list[list[str]] = []
        self.cleared = 0

    def empty(self) -> Page:
        return self

    @contextlib.contextmanager
    def status(self, label: str, expanded: bool = False):
        assert not expanded
        labels = [label]
        self.boxes.append(labels)

        class Box:
            def update(self, label: str) -> None:
                labels.append(label)

        yield Box()

    def empty_holder(self) -> None:
        self.cleared += 1


@pytest.fixture
def page(monkeypatch, tmp_path, fixture_db):
    shown = Page()

    class Streamlit:
        def empty(self):
            holder = shown.empty()
            return type("Holder", (), {"status": holder.status, "empty": shown.empty_holder})()

    monkeypatch.setattr(whatif_cache, "st", Streamlit())
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    whatif_cache._load.clear()
    whatif_cache._built.clear()
    yield shown, path
    db.close(path)


def test_a_cold_replay_shows_its_steps_and_a_warm_one_nothing(page, monkeypatch):
    shown, path = page
    monkeypatch.setattr(language, "current", lambda: "en")
    data = whatif_cache.load(Q1, path)
    assert shown.boxes == [[whatif_cache.READING[0], whatif_cache.REPLAYING[0]]]
    assert shown.cleared == 1  # the box goes once the replay is built
    assert whatif_cache.load(Q1, path) is data  # warm: a lookup, nothing shown
    assert len(shown.boxes) == 1
    # The current rules were replayed inside the box: the page's own replay is a lookup.
    now = whatif_cache.scored(data, data.catalog.current, Q1, path)
    assert now is whatif_cache.scored(data, data.catalog.current, Q1, path)


def test_another_filter_set_or_data_version_shows_it_again_in_polish(page, monkeypatch, tmp_path):
    shown, path = page
    monkeypatch.setattr(language, "current", lambda: "pl")
    whatif_cache.load(Q1, path)
    whatif_cache.load(Filters(Q1.start, Q1.end, channels=("webinar",)), path)
    import_files(path, tmp_path / "in", {"leads": LEADS + "N01,2026-02-10 09:00,webinar,,,,,,,,\n"})
    data = whatif_cache.load(Q1, path)  # the import made a new data version
    assert data.n_leads == whatif.load_uncached(whatif_cache.replay_key(Q1), path).n_leads
    assert [box[0] for box in shown.boxes] == [whatif_cache.READING[1]] * 3
    assert shown.cleared == 3
