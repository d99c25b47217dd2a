"""One definition of every number: pages that show one label show one number, on any data."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadflow import db, kpis, metric_definitions, metrics, sla, weekly
from tests.conftest import FIXTURE_AS_OF, fixture_tables

ROOT = Path(__file__).parents[1]
NO_FILTERS = {"channels": [], "industries": [], "size_bands": [], "reps": []}
# A period holding every date of the fixture (Dec 2025 – Mar 2026), so a lead's every stage
# falls inside it whichever date a page counts it by.
ALL = {"start": date(2025, 1, 1), "end": date(2026, 12, 31)}


def build(tmp_path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    path = tmp_path / f"db{len(list(tmp_path.iterdir()))}.duckdb"
    db.create_database(path, tables, source="test", as_of=FIXTURE_AS_OF)
    return path


def numbers(path: Path, start: date = ALL["start"], end: date = ALL["end"]) -> dict:
    """What the landing, funnel, conversion, KPI and weekly pages show for one period."""
    period = {**NO_FILTERS, "start": start, "end": end}
    before = metrics.previous_period(start, end)
    headline = db.run(
        "headline_by_period",
        {**period, "previous_start": before[0], "previous_end": before[1]},
        path,
    ).set_index("period")
    funnel = db.run("funnel_counts", {**period, "dimension": "all"}, path)
    handed = db.run("handoff_outcomes", {**period, "dimension": "all"}, path)
    months = db.run(
        "kpi_by_month",
        {**NO_FILTERS, "first_month": start.replace(day=1), "last_month": end.replace(day=1)},
        path,
    )
    weeks = db.run(
        "weekly_counts",
        {
            **NO_FILTERS,
            "first_week": date.fromordinal(start.toordinal() - start.weekday()),
            "last_week": date.fromordinal(end.toordinal() - end.weekday()),
        },
        path,
    )
    return {
        "headline": headline.loc["current"],
        "funnel": funnel.iloc[0] if len(funnel) else None,
        "handed": handed.sum(numeric_only=True),
        "months": months,
        "weeks": weeks,
    }


def assert_consistent(n: dict) -> None:
    head, funnel, handed, months, weeks = (
        n["headline"], n["funnel"], n["handed"], n["months"], n["weeks"]
    )  # fmt: skip
    # Landing and KPI page: SQLs by sql_at, won and revenue by won_at.
    assert head["sqls"] == months["sqls"].sum()
    assert head["won_deals"] == months["won"].sum()
    assert head["revenue"] == pytest.approx(months["revenue"].sum())
    # Landing, conversion page and KPI page: the MQL→SQL rate of the period's handoffs.
    landing = metrics.mql_to_sql_rate(head["handoffs_accepted"], head["handoffs_rejected"])
    conversion = metrics.mql_to_sql_rate(handed["accepted"], handed["rejected"])
    kpi = metrics.mql_to_sql_rate(
        months["handoffs_accepted"].sum(), months["handoffs_rejected"].sum()
    )
    assert landing == conversion == kpi
    assert head["handoffs"] == handed["handoffs"] == months["handoffs"].sum()
    # The whole history in one period: the event counts are the funnel's counts, in order.
    if funnel is not None:
        # Landing and weekly report: MQLs by mql_reached_at (weeks cover the whole history
        # only here: a period's first and last weeks reach outside it).
        assert head["mqls"] == weeks["mqls"].sum()
        for column in ("leads", "mqls", "sqls"):
            assert head[column] == funnel[column], column
        assert head["won_deals"] == funnel["won"]
        assert head["revenue"] == pytest.approx(funnel["revenue"])
        assert (
            funnel["leads"]
            >= funnel["mqls"]
            >= funnel["handoffs"]
            >= funnel["sqls"]
            >= funnel["opportunities"]
            >= funnel["won"]
        )
    assert head["leads"] >= head["mqls"] and head["handoffs"] >= head["handoffs_accepted"]


def _deal_leads(tables: dict[str, pd.DataFrame]) -> pd.Series:
    return tables["leads"]["lead_id"].isin(tables["deals"]["lead_id"])


def test_consistency_definitions_doc_is_current():
    # Regenerate with: python -m leadflow.metric_definitions > docs/definitions.md
    doc = (ROOT / "docs/definitions.md").read_text()
    out = subprocess.run(
        [sys.executable, "-m", "leadflow.metric_definitions"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert doc == out


def test_consistency_registry_units_and_dates_are_known():
    for metric in metric_definitions.METRICS.values():
        assert metric.unit in metric_definitions.UNITS, metric.key
        assert metric.counted_by in metric_definitions.COUNTED_BY, metric.key
        assert metric.label_pl and metric.help_pl, metric.key
    assert {k.metric for k in kpis.KPIS} <= set(metric_definitions.METRICS)


def test_consistency_won_deals_without_accepted_at(tmp_path):
    # An export whose leads with a deal have no accepted_at: they are SQLs on the day their
    # first deal was created, on the landing page as on the funnel and the KPI page (the
    # landing page used to say 0 here).
    tables = fixture_tables()
    with_deal = _deal_leads(tables)
    tables["leads"].loc[with_deal, "accepted_at"] = None
    n = numbers(build(tmp_path, tables))
    assert n["funnel"]["sqls"] >= with_deal.sum() > 0
    assert n["headline"]["sqls"] == n["funnel"]["sqls"]
    assert_consistent(n)


def test_consistency_handoffs_without_mql_at(tmp_path):
    # An export without mql_at: every handoff is an MQL on its handoff day.
    tables = fixture_tables()
    tables["leads"]["mql_at"] = None
    n = numbers(build(tmp_path, tables))
    assert n["headline"]["mqls"] == n["funnel"]["mqls"] == n["funnel"]["handoffs"] > 0
    assert_consistent(n)


def test_consistency_no_sla_policy_is_not_measured(tmp_path):
    # Without a policy no handoff is due: compliance is unknown (None), not 0 %.
    tables = fixture_tables()
    tables["sla_policy"] = tables["sla_policy"].iloc[0:0]
    path = build(tmp_path, tables)
    n = numbers(path)
    months = n["months"]
    assert (months["sla_due"] == 0).all() and (months["sla_measured"] == 0).all()
    assert months["median_response_business_hours"].isna().all()
    grid = kpis.values(months)
    assert grid.loc["sla"].isna().all()
    reps = db.run("sla_by_rep", {**NO_FILTERS, **ALL}, path)
    assert all(
        sla.compliance(w, d) is None for w, d in zip(reps["answered_within_sla"], reps["sla_due"])
    )
    assert_consistent(n)


def test_consistency_no_scores_gives_no_proposal(tmp_path):
    # No score at handoff: the proposal says it is not measured, never "0.0 handoffs a week"
    # beside a summary that counts the handoffs.
    tables = fixture_tables()
    tables["leads"]["score_at_handoff"] = None
    path = build(tmp_path, tables)
    week = date(2026, 3, 23)
    first, _ = weekly.window(week)
    scores = db.run(
        "weekly_score_outcomes", {**NO_FILTERS, "start": first, "end": date(2026, 3, 22)}, path
    )
    counts = db.run("weekly_counts", {**NO_FILTERS, "first_week": first, "last_week": week}, path)
    assert counts["handoffs"].iloc[:-1].sum() > 0
    proposal = weekly.propose(scores, 1, weekly.HISTORY_WEEKS)
    for lang in ("en", "pl"):
        text = weekly.describe(proposal, lang)
        assert "0.0" not in text and "0,0" not in text
        assert metric_definitions.NOT_MEASURED[lang] in text


# Per lead, what an export may lack: nothing, accepted_at, mql_at, or both.
DROPS = st.sampled_from(["", "accepted_at", "mql_at", "accepted_at,mql_at"])


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    drops=st.lists(DROPS, min_size=20, max_size=20),
    start_day=st.integers(0, 120),
    length=st.integers(1, 120),
)
def test_consistency_random_histories_agree(tmp_path, drops, start_day, length):
    tables = fixture_tables()
    leads = tables["leads"]
    for i, drop in enumerate(drops[: len(leads)]):
        for column in filter(None, drop.split(",")):
            leads.loc[leads.index[i], column] = None
    path = build(tmp_path, tables)
    assert_consistent(numbers(path))
    # Any period of whole months: the landing, conversion and KPI pages still agree.
    first = date.fromordinal(date(2025, 12, 1).toordinal() + start_day).replace(day=1)
    last = (pd.Timestamp(first) + pd.DateOffset(days=length) + pd.offsets.MonthEnd(0)).date()
    assert_consistent({**numbers(path, first, last), "funnel": None})


def test_consistency_kpi_page_says_sla_not_measured(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    tables = fixture_tables()
    tables["sla_policy"] = tables["sla_policy"].iloc[0:0]
    monkeypatch.setenv("LEADFLOW_DB", str(build(tmp_path, tables)))
    at = AppTest.from_file(str(ROOT / "pages/6_KPIs.py"), default_timeout=60)
    at.query_params["period"] = ["2026-01-01", "2026-03-31"]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["SLA compliance"] == "–"  # was 0.0% before: every handoff counted as due
    assert any("not measured: no SLA policy" in i.value for i in at.info)
