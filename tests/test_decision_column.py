"""An opportunities export that writes sales' decision in one column (Accepted / Rejected) with
one date of the decision: the suggestion turns it into the leads' accepted_at and rejected_at,
each where the column names it, through a lookup from the leads file; open handoffs stay open.
The numbers equal those of the same export written with two date columns."""

from __future__ import annotations

import io

import pandas as pd

from leadflow import db, importer
from leadflow.importer import mapping as mappings
from tests.test_load_page import HANDOFFS, click, upload


def one_column_decisions() -> pd.DataFrame:
    """Opportunities.csv with "Sales Decision" and "Decision Date" for its two date columns."""
    frame = pd.read_csv(HANDOFFS / "Opportunities.csv", dtype=str, keep_default_na=False)
    accepted, rejected = frame.pop("Accepted Date"), frame.pop("Rejected Date")
    # O1–O3 accepted, O4 and O5 rejected, O6 still open (as the two-date file says).
    frame["Sales Decision"] = [
        "Accepted" if a else "REJECTED" if r else "" for a, r in zip(accepted, rejected)
    ]
    frame["Decision Date"] = [a or r for a, r in zip(accepted, rejected)]
    return frame


def files(tmp_path) -> list:
    leads = tmp_path / "Leads.csv"
    leads.write_bytes((HANDOFFS / "Leads.csv").read_bytes())
    opportunities = tmp_path / "Opportunities.csv"
    one_column_decisions().to_csv(opportunities, index=False)
    return [leads, opportunities]


def test_decision_column_suggestion_reads_one_date_by_the_decision(tmp_path):
    given = files(tmp_path)
    headers = {p.name: pd.read_csv(p, nrows=0).columns.tolist() for p in given}
    doubts: list[str] = []
    suggested = mappings.suggest(headers, doubts)
    leads = suggested.tables["leads"]
    assert leads.columns["accepted_at"].lookup == "Decision Date"
    assert leads.columns["accepted_at"].only_if_theirs == {
        "Sales Decision": mappings.ACCEPTED_WORDS
    }
    assert leads.columns["rejected_at"].only_if_theirs == {
        "Sales Decision": mappings.REJECTED_WORDS
    }
    assert any('"Sales Decision" what they decided' in d for d in doubts)

    path = tmp_path / "leadflow.duckdb"
    db.create_empty_database(path)
    report = importer.run(given, suggested, path=path)
    assert report.written, report.refused
    table = db.table("leads", path).set_index("lead_id")
    # L1–L3 accepted on 11, 12 and 12 Jan; L4, L5 rejected on 12 and 13 Jan; L6 open.
    assert table["accepted_at"].notna().sum() == 3
    assert table["rejected_at"].notna().sum() == 2
    assert str(table.loc["L4", "rejected_at"].date()) == "2026-01-12"
    assert pd.isna(table.loc["L6", "accepted_at"]) and pd.isna(table.loc["L6", "rejected_at"])
    # Only the won and lost opportunities are deals, as with the two-date file.
    assert sorted(db.table("deals", path)["deal_id"]) == ["O1", "O2"]
    db.close(path)


def test_decision_column_through_the_import_page_gives_the_two_date_files_rate(empty_app):
    at = empty_app
    body = io.StringIO()
    one_column_decisions().to_csv(body, index=False)
    upload(
        at,
        ("Leads.csv", (HANDOFFS / "Leads.csv").read_bytes()),
        ("Opportunities.csv", body.getvalue().encode()),
    )
    click(at, "Check the files")
    assert not [e.value for e in at.error]
    click(at, "Import")
    # MQL→SQL of the decided handoffs: 3 accepted / (3 + 2 rejected) = 60.0 %, as the same
    # export with an accepted and a rejected date gives (test_load_page).
    at.switch_page("pages/1_Funnel.py").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["MQL→SQL among leads created in the period"] == "60.0%"


def test_decision_column_doubt_and_note_read_in_polish(tmp_path):
    from leadflow.importer import polish

    headers = {p.name: pd.read_csv(p, nrows=0).columns.tolist() for p in files(tmp_path)}
    doubts: list[str] = []
    suggested = mappings.suggest(headers, doubts)
    (doubt,) = doubts
    assert polish.message(doubt, "pl").startswith(
        "Opportunities.csv: „Decision Date” to data decyzji handlowca, a „Sales Decision” sama "
        "decyzja: accepted_at tam, gdzie jest Accepted, Yes lub SQL"
    )
    (note,) = [n for n in suggested.notes if "records sales' decisions" in n]
    assert polish.message(note, "pl").startswith(
        "Opportunities.csv zapisuje decyzje handlowców: „Decision Date” wypełnia accepted_at "
        "albo rejected_at leadów, zależnie od „Sales Decision”"
    )
