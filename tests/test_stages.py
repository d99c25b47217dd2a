"""Disqualification before handoff, lead status, deal currency and custom lead attributes: the
hand-made export in tests/fixtures/import/stages/ imported, and the pages' numbers checked
against a plain pandas reading of the same files."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from leadflow import conversion, db, demo, importer, settings
from leadflow.importer import mapping as mappings
from tests.conftest import opened_page

ROOT = Path(__file__).resolve().parent.parent
STAGES = Path(__file__).parent / "fixtures" / "import" / "stages"
FILES = [STAGES / "leads.csv", STAGES / "deals.csv"]
NOW = datetime(2026, 4, 1, 12, 0)
# The whole export: leads from 5 Jan to 12 Mar 2026; as_of is midnight after the last
# timestamp (D4 won on 25 Mar), so the sidebar's default period covers all of it.
EVERYTHING = {
    "start": "2026-01-01",
    "end": "2026-03-31",
    "channels": [],
    "industries": [],
    "size_bands": [],
    "reps": [],
}


def source_leads() -> pd.DataFrame:
    return pd.read_csv(STAGES / "leads.csv", dtype=str, keep_default_na=False).replace("", None)


def source_deals() -> pd.DataFrame:
    return pd.read_csv(STAGES / "deals.csv", dtype=str, keep_default_na=False).replace("", None)


def expected_funnel() -> dict[str, int]:
    """The funnel of the export, by the stage rule (docs/definitions.md) in plain pandas."""
    leads, deals = source_leads(), source_deals()
    with_deal = leads["Lead ID"].isin(deals["Lead ID"])
    won = leads["Lead ID"].isin(deals.loc[deals["Stage"] == "won", "Lead ID"])
    sql = leads["Accepted Date"].notna() | with_deal
    handoff = leads["Handoff Date"].notna() | sql
    mql = leads["MQL Date"].notna() | handoff
    rejected = leads["Rejected Date"].notna() & ~sql
    disqualified = leads["Disqualified Date"].notna() & ~handoff
    return {
        "leads": len(leads),
        "mqls": int(mql.sum()),
        "handoffs": int(handoff.sum()),
        "sqls": int(sql.sum()),
        "opportunities": int(with_deal.sum()),
        "won": int(won.sum()),
        "rejected": int(rejected.sum()),
        "disqualified": int(disqualified.sum()),
    }


def expected_revenue() -> dict[str, float]:
    """Won amounts per currency as written (upper case; empty is PLN), never added across."""
    deals = source_deals()
    won = deals[deals["Stage"] == "won"].assign(
        currency=lambda d: d["Currency"].fillna("PLN").str.upper(),
        amount=lambda d: d["Amount"].astype(float),
    )
    return won.groupby("currency")["amount"].sum().to_dict()


def expected_outcomes(by: pd.Series) -> pd.DataFrame:
    """Handoffs per value of `by` (a column of the leads file): handed off, accepted, rejected."""
    leads = source_leads()
    handed = leads[leads["Handoff Date"].notna()].copy()
    handed["segment"] = by[handed.index].fillna("(none)")
    handed["accepted"] = handed["Accepted Date"].notna()
    handed["rejected"] = handed["Rejected Date"].notna() & ~handed["accepted"]
    return (
        handed.groupby("segment")
        .agg(
            handoffs=("Lead ID", "size"), accepted=("accepted", "sum"), rejected=("rejected", "sum")
        )
        .astype(int)
        .sort_index()
    )


@pytest.fixture(scope="module")
def stages_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stages") / "leadflow.duckdb"
    db.create_empty_database(path)
    report = importer.run(FILES, mappings.load(STAGES / "mapping.json"), path=path, now=NOW)
    assert report.written, (report.refused, [p.describe() for p in report.problems])
    yield path
    db.close(path)


@pytest.fixture
def use_stages_db(stages_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LEADFLOW_DB", str(stages_db))
    return stages_db


open_page = opened_page  # the shared opener in conftest


def test_stages_import_keeps_disqualification_status_currency_and_attributes(stages_db):
    leads = db.table("leads", stages_db).set_index("lead_id")
    # S04: closed by the SDR on 12 Jan for bad contact data; S06 without a reason.
    assert leads.loc["S04", "disqualification_reason"] == "bad contact data"
    assert leads.loc["S04", "disqualified_by"] == "Ola Mazur (SDR)"
    assert leads.loc["S04", "disqualified_at"] == pd.Timestamp("2026-01-12 11:00")
    assert pd.isna(leads.loc["S06", "disqualification_reason"])
    # The CRM's own words are kept as they are; a blank source gets the mapping's default,
    # "unknown" stays itself.
    assert leads.loc["S03", "lead_status"] == "Working - Contacted"
    assert leads["channel"].value_counts().to_dict() == {
        "linkedin": 4,
        "webinar": 4,
        "unknown": 2,
        "(not given)": 2,
    }
    deals = db.table("deals", stages_db).set_index("deal_id")
    # D4's "eur" is EUR; D5 names no currency: PLN, the default.
    assert deals["currency"].to_dict() == {
        "D1": "PLN",
        "D2": "EUR",
        "D3": "PLN",
        "D4": "EUR",
        "D5": "PLN",
    }
    attributes = db.table("lead_attributes", stages_db)
    # 12 leads × 2 attributes, less S06's two empty ones: 22 rows.
    assert len(attributes) == 22
    visits = attributes[attributes["name"] == "TotalVisits"].set_index("lead_id")
    assert visits.loc["S08", "number_value"] == 9.0 and pd.isna(visits.loc["S08", "text_value"])
    origin = attributes[attributes["name"] == "Lead Origin"].set_index("lead_id")
    assert origin.loc["S01", "text_value"] == "Landing Page Submission"


def test_stages_queries_count_disqualified_beside_the_funnel(stages_db):
    counts = db.run("funnel_counts", {**EVERYTHING, "dimension": "all"}, stages_db).iloc[0]
    # 12 leads; MQL: the 7 with an MQL date and S09, handed off; handed off: S01 S02 S03 S07
    # S08 S09 S11 S12 = 8; SQL: S01 S03 S08 S09 S12 = 5, each with a deal; won: all but D3's
    # S08 = 4; none lost; rejected S02 S11; disqualified S04 S05 S06 (S09 was recycled and
    # handed off since: handed off, not disqualified).
    expected = expected_funnel()
    assert expected == {
        "leads": 12,
        "mqls": 8,
        "handoffs": 8,
        "sqls": 5,
        "opportunities": 5,
        "won": 4,
        "rejected": 2,
        "disqualified": 3,
    }
    assert {k: int(counts[k]) for k in expected} == expected
    assert int(counts["lost"]) == 0
    # Won in two currencies: not added up in the funnel's revenue.
    assert pd.isna(counts["revenue"]) and pd.isna(counts["revenue_currency"])
    revenue = db.run("revenue_by_currency", {**EVERYTHING, "counted_by": "created"}, stages_db)
    # PLN: D1 40,000 + D5 20,000; EUR: D2 12,000 + D4 5,000.
    assert expected_revenue() == {"PLN": 60_000.0, "EUR": 17_000.0}
    assert dict(zip(revenue["currency"], revenue["revenue"])) == expected_revenue()
    reasons = db.run("disqualified_by_reason", EVERYTHING, stages_db).set_index("reason")
    assert reasons["disqualified"].to_dict() == {
        "(no reason given)": 1,
        "bad contact data": 1,
        "no need": 1,
    }
    assert db.run("lead_attribute_names", {}, stages_db).to_dict("list") == {
        "name": ["Lead Origin", "TotalVisits"],
        "kind": ["text", "number"],
        "leads": [11, 11],
    }


def test_stages_splits_by_lead_status_and_by_attribute(stages_db):
    leads = source_leads()
    status = db.run("handoff_outcomes", {**EVERYTHING, "dimension": "lead_status"}, stages_db)
    # qualified S01 S08 S09 S12 (4 accepted), unqualified S02 S11 (2 rejected), "Working -
    # Contacted" S03 (accepted), working S07 (open).
    expected = expected_outcomes(leads["Status"])
    assert expected.loc["qualified"].tolist() == [4, 4, 0]
    assert (
        status.set_index("segment")[["handoffs", "accepted", "rejected"]]
        .sort_index()
        .equals(expected)
    )
    origin = db.run(
        "handoff_outcomes", {**EVERYTHING, "dimension": "attribute:Lead Origin"}, stages_db
    ).set_index("segment")
    # API: S02 (rejected) S03 S09 S12 (accepted); Landing Page Submission: S01 S08 accepted,
    # S07 open; Lead Import: S11 rejected.
    expected = expected_outcomes(leads["Lead Origin"])
    assert expected.loc["API"].tolist() == [4, 3, 1]
    assert origin[["handoffs", "accepted", "rejected"]].sort_index().equals(expected)


def test_stages_funnel_page_shows_disqualified_and_revenue_per_currency(use_stages_db):
    at = open_page("pages/1_Funnel.py")
    shown = {m.label: m.value for m in at.metric}
    funnel = expected_funnel()
    assert at.dataframe[0].value["leads"].tolist() == [
        funnel[k] for k in ("leads", "mqls", "handoffs", "sqls", "opportunities", "won")
    ]
    # 5 accepted of 5 + 2 decided = 71.4 %; 4 won, 0 lost = 100 %; 3 disqualified, not a
    # step of the funnel; revenue 60,000 PLN and 17,000 EUR side by side.
    assert shown == {
        "Leads": "12",
        "MQL→SQL among leads created in the period": "71.4%",
        "Win rate among leads created in the period": "100.0%",
        "Revenue won by leads created in the period": "60 k PLN · 17 k EUR",
        "Disqualified before handoff (leads created in the period)": str(funnel["disqualified"]),
    }
    assert "several currencies" in next(
        m.help for m in at.metric if m.label.startswith("Revenue won")
    )


def test_stages_landing_page_shows_revenue_per_currency(use_stages_db):
    at = open_page("app.py")
    tile = next(m for m in at.metric if m.label.startswith("Revenue won"))
    # Won in the period: S01 S03 S09 S12, each lead's won deals: 60,000 PLN and 17,000 EUR,
    # side by side, with no change against a previous period.
    assert (tile.value, tile.delta) == ("60 k PLN · 17 k EUR", "")
    assert "several currencies" in tile.help


def test_stages_funnel_page_split_by_lead_status(use_stages_db):
    at = open_page("pages/1_Funnel.py", split="Lead status")
    split = at.dataframe[2].value.set_index("segment")
    # new S10; working S07; "Working - Contacted" S03; qualified 4; unqualified 2;
    # disqualified S04 S05 S06.
    assert split["leads"].to_dict() == source_leads()["Status"].value_counts().to_dict()
    assert split.loc["disqualified", "leads"] == 3


def test_stages_conversion_page_splits_by_status_and_attribute(use_stages_db):
    leads = source_leads()
    at = open_page("pages/2_Conversion.py")
    shown = {m.label: m.value for m in at.metric}
    # 8 handed off = 5 accepted + 2 rejected + 1 open (S07); 5 of 7 decided = 71.4 %.
    assert [shown[k] for k in ("Handed off", "Accepted (SQL)", "Rejected", "Still open")] == [
        "8",
        "5",
        "2",
        "1",
    ]
    assert shown["MQL→SQL rate (handoffs of the period)"] == "71.4%"
    assert "Lead Origin" in at.selectbox(key="by").options
    for by, column in (("Lead status", "Status"), ("Lead Origin", "Lead Origin")):
        at = open_page("pages/2_Conversion.py", by=by)
        table = next(d.value for d in at.dataframe if "decided" in d.value.columns)
        got = table.set_index("segment")[["handoffs", "accepted", "rejected"]].sort_index()
        assert got.astype(int).equals(expected_outcomes(leads[column])), by


def test_stages_rejections_page_has_disqualifications_apart(use_stages_db):
    at = open_page("pages/4_Rejections.py")
    shown = {m.label: m.value for m in at.metric}
    # Sales rejected S02 (no budget) and S11 (no reason); marketing and SDRs disqualified
    # S04 S05 S06 before any handoff, counted apart.
    assert shown["Rejected"] == "2"
    assert shown["Disqualified before handoff (disqualified in the period)"] == "3"
    assert "Disqualified before handoff: reasons" in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "disqualified_by" in d.value.columns)
    leads = source_leads()
    closed = leads[leads["Disqualified Date"].notna() & leads["Handoff Date"].isna()]
    expected = closed["Disqualification Reason"].fillna("(no reason given)").value_counts()
    assert table.set_index("reason")["disqualified"].to_dict() == expected.to_dict()
    # Each of the three is a third: 1 / 3.
    assert table["share"].round(1).tolist() == [33.3, 33.3, 33.3]


def test_stages_import_refuses_a_number_attribute_that_is_not_a_number(tmp_path):
    path = tmp_path / "leadflow.duckdb"
    db.create_empty_database(path)
    text = (STAGES / "leads.csv").read_text(encoding="utf-8").replace(",API,4\n", ",API,many\n")
    (tmp_path / "leads.csv").write_text(text, encoding="utf-8")
    report = importer.run(
        [tmp_path / "leads.csv"], mappings.load(STAGES / "mapping.json"), path=path, now=NOW
    )
    # S09 is line 10 (the header is line 1).
    assert [p.describe() for p in report.problems] == [
        'leads.csv, line 10: TotalVisits "many" is not a number'
    ]
    assert not report.written
    db.close(path)


def test_stages_import_refuses_a_disqualified_lead_handed_off_without_recycling(tmp_path):
    path = tmp_path / "leadflow.duckdb"
    db.create_empty_database(path)
    # S09 without its recycling: disqualified on 10 Feb, handed off on 25 Feb.
    text = (STAGES / "leads.csv").read_text(encoding="utf-8")
    text = text.replace(",2026-02-20 09:00,2026-02-10 11:00,", ",,2026-02-10 11:00,")
    (tmp_path / "leads.csv").write_text(text, encoding="utf-8")
    report = importer.run(
        [tmp_path / "leads.csv"], mappings.load(STAGES / "mapping.json"), path=path, now=NOW
    )
    assert [p.describe() for p in report.problems] == [
        'leads.csv, line 10: handoff_at "2026-02-25 10:00" the lead was disqualified before '
        "handoff (disqualified_at 2026-02-10 11:00): it can be handed off only later, after it "
        "was recycled (recycled_at on or after the disqualification); a lead sales turned down "
        "is rejected (rejected_at), not disqualified"
    ]
    db.close(path)


def test_stages_mapping_keeps_attributes_only_on_leads():
    spec = mappings.load(STAGES / "mapping.json").to_dict()
    assert spec["tables"]["leads"]["attributes"] == {"Lead Origin": "text", "TotalVisits": "number"}
    spec["tables"]["leads"]["attributes"] = {"TotalVisits": "integer"}
    with pytest.raises(mappings.MappingError) as raised:
        mappings.Mapping.from_dict(spec)
    assert raised.value.problems == [
        'tables.leads.attributes: expected an object: their column → "text" or "number", e.g. '
        '{"Lead Origin": "text", "TotalVisits": "number"}, got {"TotalVisits": "integer"}',
    ]
    spec["tables"]["leads"]["attributes"] = {}
    spec["tables"]["deals"]["attributes"] = {"Region": "text"}
    with pytest.raises(mappings.MappingError) as raised:
        mappings.Mapping.from_dict(spec)
    assert raised.value.problems == [
        "tables.deals.attributes: only leads keep attributes (their extra columns); move them "
        "to tables.leads"
    ]


def test_stages_command_line_imports_the_export(tmp_path):
    path = tmp_path / "leadflow.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "leadflow.importer", "--mapping", str(STAGES / "mapping.json"),
         "--db", str(path), *map(str, FILES)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "leads: 12 of 12 rows good" in done.stdout
    assert "deals: 5 of 5 rows good" in done.stdout
    counts = db.run("funnel_counts", {**EVERYTHING, "dimension": "all"}, path).iloc[0]
    assert int(counts["disqualified"]) == expected_funnel()["disqualified"]
    revenue = db.run("revenue_by_currency", {**EVERYTHING, "counted_by": "won"}, path)
    assert dict(zip(revenue["currency"], revenue["revenue"])) == expected_revenue()
    db.close(path)


def test_stages_kpis_count_revenue_in_the_cost_currency_only(use_stages_db):
    params = {**EVERYTHING, "first_month": "2026-01-01", "last_month": "2026-03-01"}
    months = db.run("kpi_by_month", params, use_stages_db).set_index("month")
    # February: S01 won D1 (40,000 PLN), S03 won D2 (12,000 EUR): 2 won, revenue 40,000 from
    # the one won in PLN. March: S12 D4 (5,000 EUR), S09 D5 (20,000 PLN): 20,000 from 1.
    feb, mar = months.loc[pd.Timestamp("2026-02-01")], months.loc[pd.Timestamp("2026-03-01")]
    assert (feb["won"], feb["won_in_home_currency"], feb["revenue"]) == (2, 1, 40_000)
    assert (mar["won"], mar["won_in_home_currency"], mar["revenue"]) == (2, 1, 20_000)
    left_out = db.run("kpi_currencies", params, use_stages_db)
    assert left_out.to_dict("list") == {
        "currency": ["PLN", "EUR"],
        "is_home": [True, False],
        "won_deals": [2, 2],
        "revenue": [60_000.0, 17_000.0],
    }
    at = open_page("pages/6_KPIs.py")
    assert not at.exception
    # D2 12,000 + D4 5,000 EUR left out, named on the page.
    assert any("2 EUR (17,000 EUR)" in c.value for c in at.caption)


def test_stages_home_currency_is_the_settings_currency():
    # The SQL's home_currency() and the Python default are one currency.
    assert f"macro home_currency() as '{settings.CURRENCY}'" in db.sql_text("macros")


def test_stages_demo_disqualifies_a_realistic_share_before_handoff(tmp_path):
    generated = demo.generate(5_000, seed=7)
    path = tmp_path / "demo.duckdb"
    db.create_database(path, generated, source="test", as_of=demo.AS_OF)  # the schema's checks
    leads = generated["leads"]
    closed = leads[leads["disqualified_at"].notna()]
    # About one lead in seven (DOMAIN: marketing and SDRs close many before handoff): between
    # one in ten and one in five, with DOMAIN's reasons, never handed off, status disqualified.
    assert 0.10 < len(closed) / len(leads) < 0.20
    assert set(closed["disqualification_reason"]) == {
        "bad contact data",
        "no need",
        "unsubscribed",
        "abandoned",
        "competitor",
    }
    assert closed["handoff_at"].isna().all() and closed["disqualified_by"].notna().all()
    assert set(closed["lead_status"]) == {"disqualified"}
    assert set(leads["lead_status"]) == {
        "new",
        "working",
        "qualified",
        "unqualified",
        "disqualified",
    }
    assert set(generated["deals"]["currency"]) == {"PLN"}
    counts = db.run("funnel_counts", {**EVERYTHING, "start": "2024-11-01", "end": "2026-11-15",
                                      "dimension": "all"}, path).iloc[0]  # fmt: skip
    assert int(counts["disqualified"]) == len(closed)
    db.close(path)


def test_stages_an_older_database_gets_the_new_columns_on_open(tmp_path):
    path = tmp_path / "older.duckdb"
    db.create_database(path, {}, source="older", as_of=NOW)
    # A file from before the columns: the upgrade on open adds them back, empty, and the
    # funnel (whose macros read them) runs.
    con = duckdb.connect(str(path))
    for statement in (
        "drop table lead_attributes",
        "alter table deals drop column currency",
        "alter table leads drop column lead_status",
    ):
        con.execute(statement)
    con.close()
    counts = db.run("funnel_counts", {**EVERYTHING, "dimension": "all"}, path)
    assert counts.empty
    assert db.has_table("lead_attributes", path)
    db.close(path)


def test_stages_lead_history_shows_the_disqualification_and_the_currency(stages_db):
    def details(lead_id: str) -> dict[str, str]:
        history = db.run("lead_history", {"lead_id": lead_id}, stages_db)
        return dict(zip(history["event"], history["detail"]))

    # S09: disqualified on 10 Feb by Jan for "no need", recycled, handed off, won D5 in PLN
    # (no currency in the file); S03 won D2 in EUR.
    assert details("S09")["disqualified before handoff"] == "no need · Jan Dąbrowski (SDR)"
    assert details("S09")["deal opened"] == "D5 · 20000 PLN"
    assert details("S03")["deal opened"] == "D2 · 12000 EUR"


def test_stages_headline_revenue_never_adds_currencies(stages_db):
    params = {**EVERYTHING, "previous_start": "2025-10-01", "previous_end": "2025-12-31"}
    current = db.run("headline_by_period", params, stages_db).set_index("period").loc["current"]
    # Won in Q1: D1 40,000 PLN + D5 20,000 PLN; D2 and D4 are EUR and stay out: 60,000, not
    # 77,000.
    assert current["revenue"] == 60_000


def test_stages_split_options_keep_attribute_labels_apart_from_ours():
    # An export with its own "Channel" column next to ours: the address tells them apart.
    splits = conversion.split_options(["Channel", "Lead Origin"])
    assert splits["channel"] == "Channel"
    assert splits["attribute:Channel"] == "Channel (attribute)"
    assert splits["attribute:Lead Origin"] == "Lead Origin"
    assert len(set(splits.values())) == len(splits)
