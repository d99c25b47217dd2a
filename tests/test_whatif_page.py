"""The what-if page under Streamlit's AppTest, on the fixture database (numbers: test_whatif)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
Q1_2026 = ["2026-01-01", "2026-03-31"]


def open_page(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/5_What_if.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def tiles(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.fixture(autouse=True)
def _fixture(use_fixture_db):
    return use_fixture_db


def test_whatif_page_starts_from_the_current_rules():
    at = open_page(period=Q1_2026)
    # Threshold 55 (current): 11 MQLs, busiest month February: 4 / 2 reps / 4 weeks = 0.5;
    # the default capacity is that, rounded up to 5.
    assert tiles(at) == {
        "MQLs": ("11", ""),
        "Per rep per week": ("0.5", "within capacity (5)"),
        "Won deals missed": ("0", ""),
        "Revenue missed": ("0 PLN", ""),
        "Rejections avoided": ("0", ""),
    }
    assert at.slider(key="threshold").value == 55
    table = at.dataframe[0].value.set_index("measure")
    assert table.loc["… never shown to sales: untested", "current"] == "1"  # L10
    assert table.loc["Won deals kept (recall)", "candidate"] == "2 of 2 (100.0%)"
    assert "the same as the current rules" in captions(at)
    assert "Estimate, not history" in captions(at)


def test_whatif_page_threshold_from_the_url():
    at = open_page(period=Q1_2026, threshold="71")
    # At 71: 4 MQLs (−7); L01's 40,000 PLN deal missed; rejections 3 → 1 (L09).
    shown = tiles(at)
    assert shown["MQLs"] == ("4", "-7 vs current")
    assert shown["Won deals missed"] == ("1", "+1 vs current")
    assert shown["Revenue missed"] == ("40 k PLN", "")
    assert shown["Rejections avoided"] == ("2", "")
    avoided = at.dataframe[2].value.set_index("reason")["avoided"].to_dict()
    assert avoided["company too small"] == 1 and avoided["not the decision maker"] == 1


def test_whatif_page_moving_the_slider_reruns_the_numbers():
    at = open_page(period=Q1_2026)
    at.slider(key="threshold").set_value(50).run()
    # 50 adds L04, rejected without a reason: 12 MQLs, one more rejection.
    assert tiles(at)["MQLs"] == ("12", "+1 vs current")
    assert tiles(at)["Rejections avoided"] == ("-1", "")


def test_whatif_page_candidate_weights_from_the_url():
    at = open_page(period=Q1_2026, w_roi_calculator="40")
    # ROI calculator at 40: L06 (58) and L18 (61) pass too, both untested.
    assert "roi calculator 25 → 40" in captions(at)
    assert tiles(at)["MQLs"] == ("13", "+2 vs current")
    table = at.dataframe[0].value.set_index("measure")
    assert table.loc["… never shown to sales: untested", "candidate"] == "3"


def test_whatif_page_suggested_weights_need_enough_history():
    at = open_page(period=Q1_2026, suggest="true")
    # 10 decided handoffs in the fixture: the page says so instead of fitting.
    assert "Too few decided handoffs" in at.info[0].value


def test_whatif_page_saves_and_compares_scenarios(fixture_db, tmp_path, monkeypatch):
    database = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, database)
    monkeypatch.setenv("LEADFLOW_DB", str(database))
    at = open_page(period=Q1_2026, threshold="71")
    at.text_input[0].input("Strict").run()
    at.button(key="save_scenario").click().run()
    assert (tmp_path / "leadflow.scenarios.json").exists()
    assert at.selectbox(key="scenario").value == "Strict"
    compare = at.dataframe[-1].value.set_index("measure")
    # A: the current rules at 55; B: the saved scenario at 71.
    assert compare.loc["MQLs (leads whose score reaches the threshold)", "current"] == "11"
    assert compare.loc["MQLs (leads whose score reaches the threshold)", "candidate"] == "4"


def test_whatif_page_says_so_when_filters_leave_no_leads():
    at = open_page(period=Q1_2026, industry="education", size="1000+")
    assert "No leads were created in the period" in at.info[0].value


@pytest.fixture
def converted_only(tmp_path, monkeypatch) -> Path:
    """The classic lead-scoring export (tests/test_whatif.py's converted_flag_tables): 120
    leads in Q1 2026, IT & software 60 (30 converted), education 60 (6 converted); no
    touchpoints, handoffs or scoring rules."""
    from tests.test_whatif import converted_flag_tables, database_of

    database = database_of(tmp_path / "leadflow.duckdb", converted_flag_tables())
    monkeypatch.setenv("LEADFLOW_DB", str(database))
    return database


def test_whatif_page_replays_data_with_outcomes_only(converted_only):
    at = open_page(period=Q1_2026)
    # No rules: every lead scores 0, so nobody passes the default threshold of 50 and all 36
    # won deals are missed.
    assert tiles(at)["MQLs"] == ("0", "")
    assert tiles(at)["Won deals missed"] == ("36", "")
    assert at.slider(key="threshold").value == 50
    assert "No touchpoints in the data" in captions(at)
    assert "No scoring rules in the data" in captions(at)

    at = open_page(period=Q1_2026, suggest="true")
    # 120 leads, 30 % held out at random (seed 0): 88 to fit on, 32 to test.
    assert [r.options for r in at.radio if r.key == "fit_to"] == [["won deals"]]
    assert "Held-out AUC, model" in tiles(at)
    apply = next(b for b in at.button if b.label.startswith("Apply to the candidate"))
    apply.click().run()
    # Applied at the threshold passing as many leads as sales received: the 36 converted
    # (handed off by implication). IT & software scores above 0 and education below, so the nearest
    # volume is IT & software's 60 (|60 − 36| = 24 against |0 − 36| = 36). Of the 36 won,
    # education's 6 are missed.
    assert tiles(at)["MQLs"] == ("60", "+60 vs current")
    assert tiles(at)["Won deals missed"] == ("6", "-30 vs current")
    # Without handoffs every lead's outcome is known (won or not): none is untested.
    table = at.dataframe[0].value.set_index("measure")
    assert table.loc["… never shown to sales: untested", "candidate"] == "0"
    assert "Fitted on 88 leads, won or not (the data has no handoffs)" in captions(at)


def test_whatif_page_names_what_each_compared_scenario_changes(fixture_db, tmp_path, monkeypatch):
    database = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, database)
    monkeypatch.setenv("LEADFLOW_DB", str(database))
    at = open_page(period=Q1_2026, threshold="71", w_roi_calculator="40")
    # The changed weight is marked among the inputs; the others are not.
    assert at.number_input(key="w_roi_calculator").label == "● roi calculator"
    assert at.number_input(key="w_demo_request").label == "demo request"
    at.text_input[0].input("Strict ROI").run()
    at.button(key="save_scenario").click().run()
    # A: the current rules (threshold 55); B: the saved scenario, ROI calculator 25 → 40.
    shown = captions(at)
    assert "A: threshold 55 (the current one); weights as the current rules" in shown
    assert "B: threshold 71 (current 55); changed: roi calculator 25 → 40" in shown
