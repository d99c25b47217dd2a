"""Team settings: CSV checks, the CLI round trip, versions keeping history, the log, the page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, settings_cli, team_settings
from tests.test_access import AUTH, MANAGER

ROOT = Path(__file__).resolve().parent.parent
ANNA_REP = {"is_logged_in": True, "email": "anna.nowak@example.com", "name": "Anna Nowak"}


@pytest.fixture
def copy_db(fixture_db, tmp_path) -> Path:
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    yield path
    db.close(path)


def test_team_settings_cli_round_trip_is_identical(copy_db, tmp_path, capsys):
    for setting in team_settings.COLUMNS:
        first, second = tmp_path / f"{setting}.csv", tmp_path / f"{setting}2.csv"
        assert settings_cli.main(["export", setting, str(first), "--db", str(copy_db)]) == 0
        before = db.read_setting(setting, copy_db)
        argv = ["import", setting, str(first), "--replace", "--db", str(copy_db)]
        assert settings_cli.main(argv) == 0
        assert settings_cli.main(["export", setting, str(second), "--db", str(copy_db)]) == 0
        assert first.read_text() == second.read_text()
        after = db.read_setting(setting, copy_db)
        keys = list(after.columns)
        assert after.sort_values(keys, ignore_index=True).equals(
            before.sort_values(keys, ignore_index=True)
        )


def test_team_settings_bad_values_are_refused_and_nothing_is_written(copy_db, tmp_path, capsys):
    bad = tmp_path / "sla.csv"
    bad.write_text(
        "valid_from,response_hours,workday_start,workday_end,workdays,time_zone\n"
        '2026-12-01,4,17:00,09:00,"1,2,3,4,5",Europe/Warsw\n'
    )
    before = db.read_setting("sla_policy", copy_db)
    assert settings_cli.main(["import", "sla_policy", str(bad), "--db", str(copy_db)]) == 1
    err = capsys.readouterr().err
    assert "line 2, column workday_end, value '09:00': the working day ends before it starts" in err
    assert (
        "line 2, column time_zone, value 'Europe/Warsw': is not a time zone (an IANA name such "
        "as Europe/Warsaw)" in err
    )
    assert db.read_setting("sla_policy", copy_db).equals(before)
    assert db.settings_log(copy_db).empty


@pytest.mark.parametrize(
    ("setting", "csv", "message"),
    [
        ("sql_targets", "month,target\n2026-03-15,3\n", "line 2, column month, value "
         "'2026-03-15': a month is written as its first day, e.g. 2026-03-01"),
        ("scoring_rules", "valid_from,rule_type,match,points\n"
         "2026-01-01,touchpoint,email_open,-3\n",
         "line 2, column points, value '-3': a touchpoint cannot take points away"),
        ("campaign_costs", "campaign_id,month,cost\nC-NOPE,2026-01-01,10\n",
         "line 2, column campaign_id, value 'C-NOPE': no campaign with this id in the data"),
        ("scoring_thresholds", "valid_from,mql_threshold,decay_half_life_days\n2026-01-01,0,\n",
         "line 2, column mql_threshold, value '0': must be more than 0 points"),
    ],
)  # fmt: skip
def test_team_settings_parse_names_row_column_and_value(setting, csv, message):
    _, problems = team_settings.parse(setting, csv, campaigns=frozenset({"C-LI-01"}))
    assert any(message in str(p) and not p.warning for p in problems), problems


def test_team_settings_unknown_touchpoint_type_is_only_a_warning():
    csv = "valid_from,rule_type,match,points\n2026-01-01,touchpoint,podcast,5\n"
    rows, problems = team_settings.parse(
        "scoring_rules", csv, touchpoint_types=frozenset({"email_open"})
    )
    assert [p.warning for p in problems] == [True] and len(rows) == 1


def test_team_settings_new_sla_version_keeps_history(copy_db, tmp_path):
    before = db.run("sla_by_rep", _params(), copy_db)
    new = tmp_path / "sla.csv"
    # A 1-hour SLA from the data date on: handoffs before 2026-04-01 keep the 8-hour policy.
    new.write_text(
        "valid_from,response_hours,workday_start,workday_end,workdays,time_zone\n"
        '2026-04-01,1,09:00,17:00,"1,2,3,4,5",Europe/Warsaw\n'
    )
    assert settings_cli.main(["import", "sla_policy", str(new), "--db", str(copy_db)]) == 0
    after = db.run("sla_by_rep", _params(), copy_db)
    assert after.equals(before)
    assert len(db.read_setting("sla_policy", copy_db)) == 2
    log = db.settings_log(copy_db)
    assert list(log["changed_by"]) == ["command line"] and list(log["setting"]) == ["sla_policy"]


def _params() -> dict:
    return {
        "start": "2025-12-01", "end": "2026-03-31", "channels": [], "industries": [],
        "size_bands": [], "reps": [],
    }  # fmt: skip


def test_team_settings_fresh_database_gets_defaults_named_as_defaults(tmp_path):
    path = tmp_path / "fresh.duckdb"
    db.create_empty_database(path)
    sla = db.read_setting("sla_policy", path)
    assert float(sla["response_hours"].iloc[0]) == 8.0
    assert db.settings_at_default(path) == {
        "sla_policy", "public_holidays", "scoring_rules", "scoring_thresholds",
    }  # fmt: skip
    assert db.read_setting("sql_targets", path).empty
    db.close(path)


def _page(path: Path, monkeypatch, user: dict) -> AppTest:
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / "9_Settings.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = user
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_team_settings_page_a_rep_cannot_open_it(copy_db, monkeypatch):
    at = _page(copy_db, monkeypatch, ANNA_REP)
    assert [i.value for i in at.info] == ["Only managers can use this page."]
    assert not at.text_area


def test_team_settings_page_edit_is_saved_and_logged(copy_db, monkeypatch):
    at = _page(copy_db, monkeypatch, MANAGER)
    box = at.text_area(key="edit_sql_targets")
    box.set_value(box.value + "2026-04-01,5\n").run()
    at.button(key="save_sql_targets").click().run()
    assert not at.exception
    targets = db.read_setting("sql_targets", copy_db)
    assert len(targets) == 5  # the fixture's 4 months + April
    log = db.settings_log(copy_db)
    assert list(log["changed_by"]) == ["manager@example.com"]


def test_team_settings_page_refuses_bad_rows_with_their_message(copy_db, monkeypatch):
    at = _page(copy_db, monkeypatch, MANAGER)
    box = at.text_area(key="edit_sql_targets")
    box.set_value(box.value + "2026-04-02,-1\n").run()
    at.button(key="save_sql_targets").click().run()
    errors = [e.value for e in at.error]
    assert (
        "error: line 6, column month, value '2026-04-02': a month is written as its first day, "
        "e.g. 2026-03-01" in errors
    )
    assert "Nothing was written." in errors
    assert len(db.read_setting("sql_targets", copy_db)) == 4


@pytest.mark.parametrize("script", ["pages/3_SLA.py", "pages/6_KPIs.py"])
def test_team_settings_pages_name_the_default_sla(script, tmp_path, monkeypatch):
    path = tmp_path / "fresh.duckdb"
    db.create_empty_database(path)
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / script), default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    assert team_settings.DEFAULT_NOTES["sla_policy"] in [c.value for c in at.caption]
    db.close(path)


def test_team_settings_sla_page_without_a_policy_links_to_settings(copy_db, monkeypatch):
    cur = db.connection.root_connection(copy_db).cursor()
    cur.execute("delete from sla_policy")
    cur.close()
    monkeypatch.setenv("LEADFLOW_DB", str(copy_db))
    at = AppTest.from_file(str(ROOT / "pages/3_SLA.py"), default_timeout=60).run()
    assert [i.value for i in at.info] == [
        "This page needs an SLA policy, and none is set: a manager sets it in Settings."
    ]
    assert not at.metric


def test_team_settings_queries_read_the_data_and_the_log(copy_db):
    known = db.run("settings_known_values", {}, copy_db)
    # The fixture's 6 touchpoint types and its 2 campaigns.
    assert list(known.itertuples(index=False, name=None)) == [
        ("campaign", "C-LI-01"), ("campaign", "C-WEB-01"),
        ("touchpoint", "demo_request"), ("touchpoint", "ebook_download"),
        ("touchpoint", "email_open"), ("touchpoint", "newsletter_signup"),
        ("touchpoint", "pricing_page_visit"), ("touchpoint", "roi_calculator"),
    ]  # fmt: skip
    rows, _ = team_settings.parse("sql_targets", "month,target\n2026-04-01,5\n")
    db.write_setting("sql_targets", rows, replace=False, who="a", change="one", path=copy_db)
    db.write_setting("sql_targets", rows, replace=False, who="b", change="two", path=copy_db)
    log = db.run("settings_log", {}, copy_db)
    assert len(log) == 2 and set(log["changed_by"]) == {"a", "b"}
    status = db.run("settings_status", {}, copy_db)
    assert list(status["setting"]) == ["sql_targets"] and not status["is_default"].iloc[0]
    assert len(db.read_setting("sql_targets", copy_db)) == 5  # 4 + April, written twice: once
