"""Drift alerts: Fisher's exact test per group and metric, Benjamini–Hochberg over all."""

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, drift, report, weekly
from tests.conftest import FIXTURE_AS_OF, fixture_tables

WEEK = date(2026, 11, 23)


def _rows(kind: str, group: str, weekly: list[tuple[int, int, int, int]]) -> list[dict]:
    """One row per week, oldest first, the last being WEEK: (decided, accepted, sla_due, met)."""
    first = WEEK - timedelta(weeks=len(weekly) - 1)
    return [
        {
            "kind": kind,
            "group": group,
            "week": first + timedelta(weeks=i),
            "decided": decided,
            "accepted": accepted,
            "rejected": decided - accepted,
            "sla_due": due,
            "sla_met": met,
        }
        for i, (decided, accepted, due, met) in enumerate(weekly)
    ]


def _counts() -> pd.DataFrame:
    steady = [(20, 12, 20, 18)] * 8
    return pd.DataFrame(
        # webinar: 12 of 20 accepted every week, then 1 of 20 this week; SLA unchanged.
        _rows("channel", "webinar", [*steady, (20, 1, 20, 18)])
        # email: the same 12 of 20 and 18 of 20 this week as every week before.
        + _rows("channel", "email", [*steady, (20, 12, 20, 18)])
        # events: only 5 handoffs this week, below drift.MIN_TRIALS (10): not tested at all.
        + _rows("channel", "events", [*steady, (5, 0, 5, 0)])
    )


def test_drift_alerts_only_the_collapsed_channel():
    alerts = drift.alerts(_counts(), WEEK)
    # webinar's acceptance 1/20 against 96/160 is both an SQL-rate fall and a rejection rise
    # (rejected = decided − accepted here); its SLA and every email rate are unchanged.
    assert sorted(alerts["metric"]) == ["rejection_rate", "sql_rate"]
    assert set(alerts["group"]) == {"webinar"}
    sql = alerts[alerts["metric"] == "sql_rate"].iloc[0]
    assert sql["this_week"] == pytest.approx(1 / 20)  # 0.05
    assert sql["baseline"] == pytest.approx(96 / 160)  # 8 × 12 / 8 × 20 = 0.6
    assert sql["link"] == "/Conversion?channel=webinar"
    assert sql["p_adjusted"] <= drift.FDR


def test_drift_alerts_none_on_a_stable_channel():
    counts = _counts()
    assert drift.alerts(counts[counts["group"] == "email"], WEEK).empty


def test_drift_tests_leave_out_groups_with_too_few_trials():
    tested = drift.tests(_counts(), WEEK)
    assert "events" not in set(tested["group"])
    # webinar and email, 3 metrics each: 6 tests, all of them in one BH correction.
    assert len(tested) == 6


def test_drift_benjamini_hochberg_by_hand():
    # m = 4; sorted p 0.01, 0.03, 0.04, 0.2 scaled by m/rank: 0.04, 0.06, 0.0533, 0.2;
    # made monotone from the largest down: 0.04, 0.0533, 0.0533, 0.2 (0.06 → min(0.06, 0.0533)).
    adjusted = drift.benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.2]))
    assert adjusted == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2])


def test_drift_link_names_the_filter_parameter():
    assert drift.link("rep", "Anna Nowak", "sla_compliance") == "/SLA?rep=Anna+Nowak"
    assert drift.link("campaign", "Spring", "sql_rate") == "/Conversion"


def _lead(n: int, channel: str, week: date, accepted: bool) -> dict:
    """A lead handed off on the Tuesday of `week` at 10:00, answered in 30 minutes (within the
    SLA), and accepted or rejected the next day; reps alternate so no rep carries a channel."""
    day = week + timedelta(days=1)
    return {
        "lead_id": f"D{n:04d}",
        "created_at": f"{day - timedelta(days=1)} 09:00",
        "channel": channel,
        "campaign_id": "C-WEB-01" if channel == "webinar" else None,
        "company": f"Company {n}",
        "industry": "IT & software",
        "company_size": "120",
        "job_title": "CTO",
        "seniority": "C-level",
        "country": "PL",
        "owner": ["Anna Nowak", "Piotr Kowalski"][n // 2 % 2],
        "score_at_handoff": "70",
        "mql_at": f"{day} 09:00",
        "handoff_at": f"{day} 10:00",
        "first_response_at": f"{day} 10:30",
        "accepted_at": f"{day + timedelta(days=1)} 10:00" if accepted else None,
        "rejected_at": None if accepted else f"{day + timedelta(days=1)} 10:00",
        "rejection_reason": None if accepted else "no budget",
        "recycled_at": None,
    }


DB_WEEK = date(2026, 3, 16)


def _drift_db(path: Path) -> Path:
    """A DuckDB with two channels over DB_WEEK and its 8 weeks before: webinar collapses."""
    first, _ = weekly.window(DB_WEEK)
    leads = []
    for i in range(9):
        monday = first + timedelta(weeks=i)
        for j in range(10):
            # webinar: 6 of 10 accepted each week before, none this week; referral: 6 of 10.
            leads.append(_lead(len(leads), "webinar", monday, j < 6 and monday < DB_WEEK))
            leads.append(_lead(len(leads), "referral", monday, j < 6))
    tables = fixture_tables()
    tables["leads"] = pd.DataFrame(leads)
    tables["touchpoints"] = tables["touchpoints"].iloc[0:0]
    tables["deals"] = tables["deals"].iloc[0:0]
    db.create_database(path, tables, source="drift test", as_of=FIXTURE_AS_OF)
    return path


def test_drift_alerts_through_the_query(tmp_path):
    week = DB_WEEK
    first, _ = weekly.window(week)
    path = _drift_db(tmp_path / "drift.duckdb")
    params = {"channels": [], "industries": [], "size_bands": [], "reps": []}
    counts = db.run("weekly_drift", {**params, "first_week": first, "last_week": week}, path)
    alerts = drift.alerts(counts, week)
    # webinar (and its one campaign) 0/10 against 48/80: its SQL rate and rejection rate;
    # each rep holds 5 webinar and 5 referral leads, 3/10 against 48/80, not significant after
    # the correction; SLA met everywhere; referral 6/10 as always.
    webinar = {("channel", "webinar"), ("campaign", "Webinar: Lead scoring in practice")}
    assert set(zip(alerts["kind"], alerts["group"])) == webinar
    assert sorted(alerts["metric"]) == ["rejection_rate"] * 2 + ["sql_rate"] * 2
    assert "/Conversion?channel=webinar" in set(alerts["link"])


def test_drift_alerts_on_the_weekly_page(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADFLOW_DB", str(_drift_db(tmp_path / "drift.duckdb")))
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "pages/7_Weekly_report.py"), default_timeout=60)
    at.query_params["week"] = DB_WEEK.isoformat()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = [m.value for m in at.markdown if "](/" in m.value]
    # webinar's two alerts and its campaign's two, each a link to the explaining page.
    assert len(shown) == 4
    assert any("(/Conversion?channel=webinar)" in line for line in shown)
    assert any("(/Rejections?channel=webinar)" in line for line in shown)


def test_drift_alerts_in_the_exported_file(tmp_path):
    path = _drift_db(tmp_path / "drift.duckdb")
    params = {"channels": [], "industries": [], "size_bands": [], "reps": []}
    data = weekly.read(DB_WEEK, params, lambda name, p: db.run(name, p, path))
    result = weekly.build(DB_WEEK, "pl", "brak filtrów", *data, 100.0)
    exported = report.to_html(result, "31.03.2026")
    # Links relative to the app's address, the text in Polish.
    assert '<a href="/Conversion?channel=webinar">Kanał webinar' in exported
    assert "Alerty zmian" in exported
