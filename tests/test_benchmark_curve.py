"""The cost-curve benchmark's table and its "does not fit" path (no timings are checked: speed
lives in the benchmark's output, not in tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import curve
from benchmarks.curve import Outcome


def _results() -> dict:
    headline = "headline_by_period (landing)"
    first_load = "what-if: first load (queries, features, replay)"
    return {
        ("duckdb", "queries", 1000): Outcome(ms={headline: 20.0}, peak_mb=512),
        ("pandas", "queries", 1000): Outcome(ms={headline: 50.0}, peak_mb=1024),
        ("polars", "queries", 1000): Outcome(ms={headline: 5.0}, peak_mb=768),
        ("duckdb", "whatif", 1000): Outcome(ms={first_load: 1500.0}, peak_mb=600),
        ("pandas", "whatif", 1000): Outcome(
            does_not_fit="does not fit: ~30.0 GB needed", peak_mb=30 * 1024
        ),
        ("polars", "whatif", 1000): Outcome(ms={first_load: 12_345.0}, peak_mb=2048),
    }


def test_table_puts_the_peers_beside_duckdb_with_their_ratios_and_the_faster_in_bold():
    lines = curve.table(_results(), [1000])
    assert (
        "| headline_by_period (landing) | 1,000 | 20.0 ms | 50.0 ms | 2.5× | **5.0 ms** | 0.25× |"
    ) in lines
    # 1,500 ms: no decimals from 100 ms; 12,345 ms: seconds from 10 s.
    assert (
        "| what-if: first load (queries, features, replay) | 1,000 | 1,500 ms | "
        "does not fit: ~30.0 GB needed | – | 12.3 s | 8.2× |"
    ) in lines


def test_table_says_what_a_peer_would_need_in_the_memory_table_too():
    lines = curve.table(_results(), [1000])
    assert "| the six queries | 1,000 | 0.5 GB | 1.0 GB | 0.8 GB |" in lines
    assert "| what-if | 1,000 | 0.6 GB | does not fit: ~30.0 GB needed | 2.0 GB |" in lines


def test_table_leaves_a_cell_empty_for_an_operation_a_stopped_child_did_not_reach():
    results = {
        ("duckdb", "queries", 10): Outcome(ms={"sla_by_rep": 3.0}),
        ("pandas", "queries", 10): Outcome(does_not_fit="does not fit: over 20.0 GB needed"),
    }
    lines = curve.table(results, [10])
    assert "| sla_by_rep | 10 | 3.0 ms | does not fit: over 20.0 GB needed | – | – | – |" in lines
    empty = "| funnel_counts by channel | 10 | – | does not fit: over 20.0 GB needed | – | – | – |"
    assert empty in lines


def test_expected_memory_follows_the_line_through_the_two_largest_smaller_sizes():
    # 1.0 GB at 100 k, 1.9 GB at 1 M: 1 MB per thousand leads more, so 10.9 GB at 10 M.
    assert curve.expected_mb({100_000: 1000.0, 1_000_000: 1900.0}, 10_000_000) == 10_900.0
    assert curve.expected_mb({1_000_000: 1900.0}, 10_000_000) == 19_000.0
    assert curve.expected_mb({}, 10_000_000) is None
    # Never less than measured at a smaller size (a flat or noisy line).
    assert curve.expected_mb({100_000: 500.0, 1_000_000: 400.0}, 10_000_000) == 400.0


@pytest.fixture
def tiny_database(fixture_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "leadflow_tiny.duckdb"
    shutil.copy(fixture_db, path)
    return path


def test_a_child_over_its_memory_budget_is_stopped_and_said_not_to_fit(tiny_database):
    # Python with pandas and DuckDB loaded is well over 100 MB.
    outcome = curve.run_child("duckdb", "queries", tiny_database, 1, budget_mb=100)
    assert outcome.does_not_fit == "does not fit: over 0.1 GB needed"
    assert outcome.ms == {}
    assert outcome.failed is None


def test_a_size_the_smaller_ones_say_cannot_fit_is_not_started(tiny_database):
    results = curve.measure(
        [10, 100_000],
        runs=1,
        peers=("duckdb",),
        stages=("queries",),
        budget_mb=4096,
        databases=lambda leads: tiny_database,
    )
    small = results["duckdb", "queries", 10]
    assert small.failed is None and small.does_not_fit is None
    assert set(small.ms) == set(curve.STAGES["queries"])
    # The child's peak times 10,000 (proportional from one size) is far over 4 GB.
    big = results["duckdb", "queries", 100_000]
    assert big.ms == {}
    assert big.does_not_fit == f"does not fit: ~{curve.gb(small.peak_mb * 10_000)} needed"
