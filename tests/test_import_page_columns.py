"""The Import page's column editor keeps how a mapping reads a column (its date format, time
zone and conditions on their columns) when the user picks another column, and lets the user
give a date column its format on the page."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from leadflow import db
from leadflow.importer import mapping as mappings
from tests.test_load_page import click, upload

UPLOADED = "A mapping file you upload (JSON)"

# A US office's export: dates written YYYYMMDD, local times in New York, and sales' decision in
# one column with its date in another.
EXPORT = (
    b"Id,Created,Created on,Src,Company,Owner,Handed off,Decision,Decision date\n"
    b"N1,20260105,20260106,webinar,Acme,Anna,20260107,Accepted,20260110\n"
    b"N2,20260210,20260211,organic,Beta,Anna,20260212,Rejected,20260215\n"
)
DAY = {"column": "", "date_format": "%Y%m%d"}
MAPPING = {
    "name": "us_office",
    "files": {"leads": {"match": ["leads*.csv"], "time_zone": "America/New_York"}},
    "tables": {
        "leads": {
            "file": "leads",
            "columns": {
                "lead_id": "Id",
                "created_at": {**DAY, "column": "Created"},
                "channel": "Src",
                "owner": "Owner",
                "handoff_at": {**DAY, "column": "Handed off"},
                "accepted_at": {
                    **DAY,
                    "column": "Decision date",
                    "only_if_theirs": {"Decision": ["Accepted"]},
                },
                "rejected_at": {
                    **DAY,
                    "column": "Decision date",
                    "only_if_theirs": {"Decision": ["Rejected"]},
                    "time_zone": "UTC",
                },
            },
        }
    },
}


def rule() -> mappings.TableRule:
    return mappings.Mapping.from_dict(MAPPING).tables["leads"]


def edited(frame: pd.DataFrame, column: str, **cells: str) -> pd.DataFrame:
    frame = frame.copy()
    for name, value in cells.items():
        frame.loc[frame["column"] == column, name] = value
    return frame


def test_apply_columns_keeps_format_zone_and_condition_when_their_column_changes():
    before = rule()
    frame = mappings.columns_frame("leads", before)
    assert frame.set_index("column").loc["created_at", "date_format"] == "%Y%m%d"
    frame = edited(frame, "company", theirs="Company")
    frame = edited(frame, "created_at", theirs="Created on")
    frame = edited(frame, "rejected_at", theirs="Decided")
    after = mappings.apply_columns("leads", before, frame).columns
    assert after["created_at"] == mappings.ColumnRule(columns=["Created on"], date_format="%Y%m%d")
    assert after["rejected_at"] == mappings.ColumnRule(
        columns=["Decided"],
        date_format="%Y%m%d",
        only_if_theirs={"Decision": ["Rejected"]},
        time_zone="UTC",
    )
    assert after["accepted_at"] == before.columns["accepted_at"]  # untouched: as it was
    assert after["company"] == mappings.ColumnRule(columns=["Company"])


def test_apply_columns_takes_the_date_format_typed_in_the_editor():
    before = rule()
    frame = edited(mappings.columns_frame("leads", before), "handoff_at", date_format="excel")
    frame = edited(frame, "created_at", date_format="")
    after = mappings.apply_columns("leads", before, frame).columns
    assert after["handoff_at"] == mappings.ColumnRule(columns=["Handed off"], date_format="excel")
    assert after["created_at"] == mappings.ColumnRule(columns=["Created"])  # the usual formats


def edit_columns(at: AppTest, choice: str, edits: dict[int, dict[str, str]]) -> None:
    at.session_state[f"columns_{choice}_leads_leads"] = {
        "edited_rows": edits,
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def imported_leads(at: AppTest) -> pd.DataFrame:
    click(at, "Check the files")
    click(at, "Import")
    assert [s.value for s in at.success][-1].startswith("Imported "), [e.value for e in at.error]
    return db.table("leads", db.database_path()).set_index("lead_id").sort_index()


def test_import_page_an_edited_uploaded_mapping_still_reads_its_dates(empty_app):
    at = empty_app
    upload(at, ("leads.csv", EXPORT))
    at.selectbox(key="mapping_choice").set_value(UPLOADED).run()
    given = json.dumps(MAPPING).encode()
    at.file_uploader(key="mapping_file").set_value([("us.json", given, "application/json")])
    at.run()
    assert not at.exception
    # The editor's rows are our columns in order: 1 created_at, 4 company.
    edit_columns(at, UPLOADED, {1: {"theirs": "Created on"}, 4: {"theirs": "Company"}})
    leads = imported_leads(at)
    # Midnight in New York in January/February (EST, UTC-5) = 05:00 UTC = 06:00 in Warsaw (CET).
    assert (
        leads["created_at"].tolist()
        == pd.to_datetime(["2026-01-06 06:00", "2026-02-11 06:00"]).tolist()
    )
    assert leads["company"].tolist() == ["Acme", "Beta"]
    # Accepted only where their Decision says so, rejected likewise; the rejection's column is
    # in UTC: midnight UTC = 01:00 in Warsaw.
    assert leads["accepted_at"].tolist()[0] == pd.Timestamp("2026-01-10 06:00")
    assert pd.isna(leads["accepted_at"].tolist()[1])
    assert pd.isna(leads["rejected_at"].tolist()[0])
    assert leads["rejected_at"].tolist()[1] == pd.Timestamp("2026-02-15 01:00")


def test_import_page_a_date_format_set_on_the_page(empty_app):
    at = empty_app
    upload(at, ("leads.csv", b"Lead ID,Create Date,Source\nN1,20260105,webinar\n"))
    choice = "Suggested from the column names"
    assert at.selectbox(key="mapping_choice").value == choice
    click(at, "Check the files")
    # Without a format, 20260105 is not a date: the page says so and imports nothing.
    assert [m.value for m in at.metric if m.label == "Rows with problems"] == ["1"]
    edit_columns(at, choice, {1: {"date_format": "%Y%m%d"}})
    leads = imported_leads(at)
    assert leads["created_at"].tolist() == [pd.Timestamp("2026-01-05 00:00")]
