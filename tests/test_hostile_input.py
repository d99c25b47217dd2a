"""Hostile strings in every filter: values are bound, never formatted into SQL.

Each filter is fed strings that would change a query if they were pasted into it, and the
result is compared with the same filter applied in plain Python to the fixture's CSV.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "' OR '1'='1",
    "'; DROP TABLE leads; --",
    "webinar' --",
    "%",
    "_",
    "*",
    "\\",
    '"',
    "$channels",
    "NULL",
    "",
    "Zażółć gęślą jaźń 🚀",
    "\u202eevil\u0000",
]
# Each shared filter: its parameter, and the lead's value it compares with (plain Python).
FILTERS = {
    "channels": lambda leads: leads["channel"],
    "industries": lambda leads: leads["industry"],
    "size_bands": lambda leads: (
        pd.cut(
            pd.to_numeric(leads["company_size"]),
            [0, 9, 49, 249, 999, float("inf")],
            labels=["1-9", "10-49", "50-249", "250-999", "1000+"],
        )
        .astype(str)
        .replace("nan", "unknown")
    ),
    "reps": lambda leads: leads["owner"],
}
REAL = {
    "channels": "webinar",
    "industries": "manufacturing",
    "size_bands": "50-249",
    "reps": "Anna Nowak",
}


def fixture_leads() -> pd.DataFrame:
    leads = pd.read_csv(FIXTURES / "leads.csv", dtype=str, keep_default_na=False)
    return leads.replace("", None)


def leads_in_q1(field: str, values: list[str]) -> int:
    """The reference: leads created in Q1 2026 whose `field` is one of `values`, in Python."""
    leads = fixture_leads()
    created = pd.to_datetime(leads["created_at"])
    in_q1 = (created >= "2026-01-01") & (created < "2026-04-01")
    return int((in_q1 & FILTERS[field](leads).isin(values)).sum())


def funnel_leads(fixture_db, field: str, values: list[str]) -> int:
    params = {
        "start": date(2026, 1, 1),
        "end": date(2026, 3, 31),
        "channels": [],
        "industries": [],
        "size_bands": [],
        "reps": [],
        "dimension": "all",
        field: values,
    }
    frame = db.run("funnel_counts", params, fixture_db)
    return int(frame["leads"].sum()) if len(frame) else 0


@pytest.mark.parametrize("field", list(FILTERS))
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_filter_values_match_a_plain_python_filter(fixture_db, field, hostile):
    alone = funnel_leads(fixture_db, field, [hostile])
    assert alone == leads_in_q1(field, [hostile]) == 0
    with_a_real_value = funnel_leads(fixture_db, field, [hostile, REAL[field]])
    assert with_a_real_value == leads_in_q1(field, [REAL[field]]) > 0
    assert db.run("data_range", {}, fixture_db)["leads"].iloc[0] == 20  # nothing dropped


def test_hostile_lead_id_finds_nothing(fixture_db):
    for hostile in HOSTILE:
        assert db.run("lead_history", {"lead_id": hostile}, fixture_db).empty
    assert db.run("lead_history", {"lead_id": "L01"}, fixture_db)["event"].iloc[0] == (
        "lead created"
    )


PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


@pytest.mark.parametrize("script", PAGES)
def test_hostile_strings_in_the_address_are_harmless(use_fixture_db, script):
    """Every filter in the URL at once, hostile: the page runs and shows no lead it should not."""
    at = AppTest.from_file(str(ROOT / script), default_timeout=90)
    for key in ("channel", "industry", "size", "rep"):
        at.query_params[key] = HOSTILE[:4]
    at.query_params["period"] = ["2026-01-01' OR '1'='1", "; DROP TABLE leads; --"]
    at.query_params["lead"] = "' OR '1'='1"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    leads = {m.label: m.value for m in at.metric}.get("Leads")
    assert leads in (None, "0", "20"), leads  # nothing, or the unfiltered fixture
    assert db.run("data_range", {}, use_fixture_db)["leads"].iloc[0] == 20
