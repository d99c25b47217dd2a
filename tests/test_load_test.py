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


def test_load_test_short(tmp_path):
    source = tmp_path / "demo.duckdb"
    demo.build(source, n_leads=2_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    result = load_test.run(
        source,
        tmp_path / "load_test",
        sessions=15,
        rounds=1,
        route="short",
        imports=1,
        import_leads=300,
        touchpoints_per_lead=5,
        timeout_s=150,
        screenshot=ARTIFACTS / "load_test.png",
        warm_up=False,
        say=lambda _: None,
    )
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
