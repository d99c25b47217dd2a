"""The load test, short (benchmarks/load_test.py has the long one): 15 browser sessions open
pages, add a channel in the sidebar or move the what-if slider while another session imports
on the Import data page; no session fails, and every number they read equals a direct query
on the data before or after the import."""

from __future__ import annotations

import pytest

from benchmarks import load_test
from leadflow import demo
from tests.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def short_run(tmp_path, **changes) -> load_test.Result:
    """The short route on 2,000 demo leads, one import of 300 leads while they read."""
    source = tmp_path / "demo.duckdb"
    demo.build(source, n_leads=2_000)
    settings = dict(
        sessions=15, rounds=1, route="short", imports=1, import_leads=300,
        touchpoints_per_lead=5, timeout_s=150, warm_up=False, say=lambda _: None,
    )  # fmt: skip
    return load_test.run(source, tmp_path / "load_test", **{**settings, **changes})


def test_load_test_short(tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    result = short_run(tmp_path, screenshot=ARTIFACTS / "load_test.png")
    assert result.errors == {}
    assert result.wrong == []
    # Each of the 15 readers reads two numbers: the landing page's "Leads" before and after
    # adding a channel (10 sessions), or the what-if page's "MQLs" before and after moving
    # the slider (5 sessions).
    assert result.checked == 30
    assert len(result.imports) == 1
    # The import's 300 new leads are created in the period every session looks at, so the
    # old and the new data give different numbers: a mix or a stale page would show.
    assert result.changed >= 10


def test_load_test_short_on_two_processes_sharing_the_file(tmp_path):
    """Two app processes on one shared file, readers kept on one each: the import runs on
    the first, and the readers of the second see its new version too, never a mix."""
    result = short_run(tmp_path, sessions=6, processes=2)
    assert result.processes == 2
    assert result.errors == {}
    assert result.wrong == []
    assert result.checked == 12  # 6 readers, two numbers each
    assert len(result.imports) == 1
    # The import changes numbers the readers check, so a mix of versions would show as wrong.
    assert result.changed >= 4
    # Readers 1, 3 and 5 are on the second process, which must switch to the version the
    # first one published: none of its landing-page reads shows data older than an import
    # that was done before the read began.
    assert not [s for s in result.stale if s["session"] % 2 == 1 and s["check"][0] == "landing"]
