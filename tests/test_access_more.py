"""Sign-in addresses, the what-if page's scope, scenarios' owners, and the uncovered timeouts."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from leadflow import db, scenarios
from leadflow.app import access
from tests.conftest import FIXTURE_AS_OF, fixture_tables
from tests.test_access import ANNA, MANAGER, PIOTR, SLOW, run_page

WHATIF = "pages/5_What_if.py"
Q1_2026 = ["2026-01-01", "2026-03-31"]
KELVIN = "\u212a"  # KELVIN SIGN, which lower() and NFKC both turn into k


@pytest.fixture
def copy_db(fixture_db, tmp_path) -> Path:
    """A copy of the fixture of its own: scenarios are written beside the database, and the
    what-if replay is cached per database path."""
    database = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, database)
    return database


def leads_shown(at) -> str | None:
    return {m.label: m.value for m in at.metric}.get("Leads")


# Sign-in addresses.


def test_access_look_alike_address_does_not_get_anna_s_view(fixture_db, monkeypatch):
    # Another mailbox at the identity provider, spelled with the Kelvin sign for the k.
    look_alike = {**ANNA, "email": f"anna.nowa{KELVIN}@example.com"}
    at = run_page("app.py", fixture_db, monkeypatch, look_alike)
    assert "has not verified this address, or it is written with look-alike" in at.warning[0].value
    assert leads_shown(at) is None and not at.dataframe
    # Anna herself, any letter case, still gets her 7 leads.
    assert leads_shown(run_page("app.py", fixture_db, monkeypatch, ANNA)) == "7"


def test_access_address_the_provider_has_not_verified_sees_nothing(fixture_db, monkeypatch):
    for claim in (False, "false", "no"):
        at = run_page("app.py", fixture_db, monkeypatch, {**ANNA, "email_verified": claim})
        assert "has not verified this address" in at.warning[0].value, claim
        assert leads_shown(at) is None, claim
    # Verified (a boolean, or the text some providers send), or no claim at all: Anna's 7.
    for claim in (True, "true", None):
        user = {**ANNA, "email_verified": claim} if claim is not None else ANNA
        assert leads_shown(run_page("app.py", fixture_db, monkeypatch, user)) == "7", claim


def test_access_a_signed_in_address_is_shown_as_text_not_markdown(fixture_db, monkeypatch):
    # An address is whatever the identity provider sends: it must not become a link or image.
    hostile = {**ANNA, "email": "![x](http://198.51.100.1/x.png)**who**@example.com"}
    at = run_page("app.py", fixture_db, monkeypatch, hostile)
    warning = at.warning[0].value
    assert r"!\[x\]" in warning and r"\*\*who\*\*" in warning, warning
    assert "](http" not in warning


def test_access_addresses_are_stored_nfkc_casefolded(copy_db, tmp_path):
    users = tmp_path / "users.csv"
    # A full-width Ｍ (U+FF2D) and capitals: NFKC makes it M, casefold m.
    users.write_text(
        "email,role,rep\n"
        "\uff2danager@Example.com,manager,\n"
        "ANNA.NOWAK@example.com,rep,Anna Nowak\n",
        encoding="utf-8",
    )
    assert access.main([str(users), "--db", str(copy_db)]) == 0
    assert sorted(db.run("app_users", {}, copy_db)["email"]) == [
        "anna.nowak@example.com",
        "manager@example.com",
    ]
    # Two spellings of one address are one user: the whole list is refused.
    users.write_text(
        "email,role,rep\nmanager@example.com,manager,\n\uff2danager@example.com,rep,Anna Nowak\n",
        encoding="utf-8",
    )
    assert access.main([str(users), "--db", str(copy_db)]) == 1
    assert len(db.run("app_users", {}, copy_db)) == 2


def test_access_list_stored_before_normalising_still_finds_the_user(tmp_path, monkeypatch):
    # A list stored only lowercased, holding the decomposed é (e + U+0301); the provider sends
    # the composed é (U+00E9). NFKC makes both the composed form.
    tables = fixture_tables()
    tables["app_users"].loc[len(tables["app_users"])] = [
        "rene\u0301@example.com",
        "rep",
        "Anna Nowak",
    ]
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, tables, source="test fixture", as_of=FIXTURE_AS_OF)
    rene = {"is_logged_in": True, "email": "ren\u00e9@example.com", "name": "René"}
    assert leads_shown(run_page("app.py", path, monkeypatch, rene)) == "7"  # Anna's 7 leads


# The what-if page's touchpoint types.


def test_access_whatif_types_are_only_those_of_the_viewer_s_leads(fixture_db, monkeypatch):
    piotr = db.Scope(everyone=False, reps=("Piotr Kowalski",))
    rules = db.run("whatif_rules", {}, fixture_db, piotr)
    # Piotr's leads have demo_request, ebook_download and pricing_page_visit; email_open and
    # roi_calculator have a current rule. newsletter_signup is only on one of Anna's leads.
    assert sorted(rules.loc[rules["rule_type"] == "touchpoint", "match"]) == [
        "demo_request",
        "ebook_download",
        "email_open",
        "pricing_page_visit",
        "roi_calculator",
    ]
    at = run_page(WHATIF, fixture_db, monkeypatch, PIOTR, period=Q1_2026)
    assert "newsletter signup" not in [n.label for n in at.number_input]
    at = run_page(WHATIF, fixture_db, monkeypatch, ANNA, period=Q1_2026)
    assert "newsletter signup" in [n.label for n in at.number_input]


# Scenarios' owners.

ANNA_VIEWER = access.Viewer(access.REP, "anna.nowak@example.com", "Anna Nowak")
PIOTR_VIEWER = access.Viewer(access.REP, "piotr.kowalski@example.com", "Piotr Kowalski")
MANAGER_VIEWER = access.Viewer(access.MANAGER, "manager@example.com")


def scenario(name: str, threshold: int = 60, shared: bool = False) -> scenarios.Scenario:
    shared_flag = {"shared": True} if shared else {}  # unshared: as a scenario was before owners
    return scenarios.Scenario(name, threshold, {"touchpoint:roi_calculator": 40}, **shared_flag)


def test_scenarios_a_rep_lists_their_own_and_shared_ones_only(tmp_path):
    database = tmp_path / "leadflow.duckdb"
    scenarios.save(scenario("Manager's private"), database, viewer=MANAGER_VIEWER)
    scenarios.save(scenario("Manager's for all", shared=True), database, viewer=MANAGER_VIEWER)
    scenarios.save(scenario("Anna's"), database, viewer=ANNA_VIEWER)
    assert list(scenarios.visible(ANNA_VIEWER, database)) == ["Manager's for all", "Anna's"]
    assert list(scenarios.visible(PIOTR_VIEWER, database)) == ["Manager's for all"]
    assert scenarios.load_all(database)["Anna's"].owner == "anna.nowak@example.com"


def test_scenarios_only_the_owner_may_replace_or_delete(tmp_path):
    database = tmp_path / "leadflow.duckdb"
    scenarios.save(scenario("Strict", 90, shared=True), database, viewer=MANAGER_VIEWER)
    for replace in (False, True):
        with pytest.raises(scenarios.NotYours):
            scenarios.save(scenario("Strict", 10), database, viewer=ANNA_VIEWER, replace=replace)
    with pytest.raises(scenarios.NotYours):
        scenarios.delete("Strict", database, viewer=ANNA_VIEWER)
    assert scenarios.load_all(database)["Strict"].threshold == 90
    # The owner's own name again: refused until replacing is confirmed.
    with pytest.raises(scenarios.AlreadySaved):
        scenarios.save(scenario("Strict", 95), database, viewer=MANAGER_VIEWER)
    scenarios.save(scenario("Strict", 95), database, viewer=MANAGER_VIEWER, replace=True)
    assert scenarios.load_all(database)["Strict"].threshold == 95
    scenarios.delete("Strict", database, viewer=MANAGER_VIEWER)
    assert scenarios.load_all(database) == {}


def test_scenarios_from_a_file_without_owners_are_shared_and_read_only_for_reps(tmp_path):
    database = tmp_path / "leadflow.duckdb"
    old = {"Old": {"threshold": 70, "points": {}, "half_life_days": None, "capacity": 5,
                   "saved_at": "2026-01-02T10:00:00"}}  # fmt: skip
    scenarios.path_for(database).write_text(json.dumps(old), encoding="utf-8")
    assert list(scenarios.visible(ANNA_VIEWER, database)) == ["Old"]
    with pytest.raises(scenarios.NotYours):
        scenarios.save(scenario("Old"), database, viewer=ANNA_VIEWER, replace=True)
    # A manager (or anyone when login is off) may still change the team's old ones.
    scenarios.save(scenario("Old", 80), database, viewer=MANAGER_VIEWER, replace=True)
    kept = scenarios.load_all(database)["Old"]
    assert (kept.threshold, kept.owner) == (80, None)


def test_scenarios_a_save_waits_for_another_process_holding_the_lock(tmp_path):
    database = tmp_path / "leadflow.duckdb"
    file = scenarios.path_for(database)
    # Another server process on the same data folder, in the middle of its own save.
    with open(file.with_name(f".{file.name}.lock"), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        saving = threading.Thread(target=scenarios.save, args=(scenario("Mine"), database))
        saving.start()
        saving.join(1)
        assert saving.is_alive() and not file.exists()
        fcntl.flock(held, fcntl.LOCK_UN)
    saving.join()
    assert list(scenarios.load_all(database)) == ["Mine"]


def test_scenarios_a_failed_write_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    database = tmp_path / "leadflow.duckdb"
    scenarios.save(scenario("First"), database)
    before = scenarios.path_for(database).read_bytes()

    def disk_full(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        scenarios.save(scenario("Second"), database)
    assert scenarios.path_for(database).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []


def test_scenarios_page_hides_a_manager_s_and_refuses_its_name(copy_db, monkeypatch):
    scenarios.save(scenario("Plan", 90), copy_db, viewer=MANAGER_VIEWER)
    # Not even through the address, where the compared scenarios are kept.
    at = run_page(WHATIF, copy_db, monkeypatch, ANNA, period=Q1_2026, compare_a="Plan")
    assert all("Plan" not in s.options for s in at.selectbox)
    at.text_input[0].input("Plan").run()
    at.button(key="save_scenario").click().run()
    assert "someone else's scenario" in at.error[0].value
    assert scenarios.load_all(copy_db)["Plan"].threshold == 90


def test_scenarios_page_asks_before_replacing_one_s_own(copy_db, monkeypatch):
    at = run_page(WHATIF, copy_db, monkeypatch, MANAGER, period=Q1_2026, threshold="71")
    at.text_input[0].input("Strict").run()
    at.button(key="save_scenario").click().run()
    assert scenarios.load_all(copy_db)["Strict"].threshold == 71
    at.slider(key="threshold").set_value(80).run()
    at.button(key="save_scenario").click().run()
    assert "already have a scenario called “Strict”" in at.warning[0].value
    assert scenarios.load_all(copy_db)["Strict"].threshold == 71  # not replaced silently
    at.button(key="replace_scenario").click().run()
    assert not at.exception
    assert scenarios.load_all(copy_db)["Strict"].threshold == 80


# Timeouts on the paths cache.query does not cover.


def test_access_whatif_replay_timeout_says_so(copy_db, monkeypatch):
    monkeypatch.setenv("LEADFLOW_QUERY_TIMEOUT", "0.3")
    real = db.sql_text
    monkeypatch.setattr(
        db.connection, "sql_text", lambda n: SLOW if n == "whatif_leads" else real(n)
    )
    at = run_page(WHATIF, copy_db, monkeypatch, None, period=Q1_2026)
    assert "took longer than 0.3 s and was stopped" in at.error[0].value
    assert not at.metric


def test_access_sign_in_lookup_timeout_says_so(fixture_db, monkeypatch):
    monkeypatch.setenv("LEADFLOW_QUERY_TIMEOUT", "0.3")
    real = db.sql_text
    monkeypatch.setattr(db.connection, "sql_text", lambda n: SLOW if n == "app_users" else real(n))
    at = run_page("app.py", fixture_db, monkeypatch, ANNA)
    assert "took longer than 0.3 s and was stopped" in at.error[0].value
    assert not at.metric
