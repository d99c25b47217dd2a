"""The importer never changes a value silently and never answers with a traceback: time zones,
number formats, impossible dates, Unicode text and ids, and files too big or broken to read."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from leadflow import db, importer
from leadflow.db import importing as engine
from leadflow.importer import mapping as mappings
from tests.test_load import HEADER, database, problems, run, snapshot, write

__all__ = ["database"]  # the fixture, used by name

DEALS_HEADER = "deal_id,lead_id,created_at,closed_at,stage,amount"
NOT_A_DATE = (
    "is not a date (write it like 2026-11-22, 2026-11-22 14:05, 22.11.2026 or 22.11.2026 14:05)"
)


def leads_file(tmp_path: Path, rows: str, name: str = "leads.csv") -> Path:
    return write(tmp_path, name, HEADER + "\n" + rows)


def stored_lead(database: Path, lead_id: str) -> pd.Series:
    leads = db.table("leads", database).set_index("lead_id")
    return leads.loc[lead_id]


def refused(report: importer.Report, database: Path, before) -> None:
    assert not report.written
    assert snapshot(database) == before


# Time zones: the database keeps local time in the app's zone (Europe/Warsaw).


def test_load_values_offsets_are_converted_to_the_app_time_zone(tmp_path, database):
    report = run(
        [
            leads_file(
                tmp_path,
                "N01,2026-01-01T10:00:00+02:00,webinar,Acme,,,\n"
                "N02,2026-01-01T10:00:00Z,webinar,Beta,,,\n"
                "N03,2026-03-01 10:00:00-04:00,webinar,Gamma,,,\n"
                "N04,2026-01-01 10:00,webinar,Delta,,,\n",
            )
        ],
        database,
    )
    assert report.written, problems(report)
    # +02:00 is 08:00 UTC, 09:00 in Warsaw in winter (UTC+1); Z is 10:00 UTC, 11:00 in Warsaw;
    # -04:00 is 14:00 UTC, 15:00 in Warsaw on 1 March (UTC+1); no offset: as written.
    assert stored_lead(database, "N01")["created_at"] == pd.Timestamp("2026-01-01 09:00")
    assert stored_lead(database, "N02")["created_at"] == pd.Timestamp("2026-01-01 11:00")
    assert stored_lead(database, "N03")["created_at"] == pd.Timestamp("2026-03-01 15:00")
    assert stored_lead(database, "N04")["created_at"] == pd.Timestamp("2026-01-01 10:00")
    assert (
        "leads.created_at: 3 times with a time-zone offset converted to Europe/Warsaw, the app's "
        "time zone" in report.notes
    )


def test_load_values_parquet_utc_timestamps_are_converted(tmp_path, database):
    frame = pd.DataFrame(
        {
            "touchpoint_id": [601],
            "lead_id": ["L01"],
            "occurred_at": pd.to_datetime(["2026-02-01 10:00"]).tz_localize("UTC"),
            "type": ["email_open"],
            "value": [None],
        }
    )
    pq.write_table(pa.Table.from_pandas(frame), tmp_path / "touchpoints.parquet")
    report = run([tmp_path / "touchpoints.parquet"], database)
    assert report.written, problems(report)
    touchpoints = db.table("touchpoints", database).set_index("touchpoint_id")
    # 10:00 UTC in February is 11:00 in Warsaw (UTC+1).
    assert touchpoints.loc[601, "occurred_at"] == pd.Timestamp("2026-02-01 11:00")


def test_load_values_a_local_time_in_the_dst_gap_is_refused(tmp_path, database):
    before = snapshot(database)
    # Clocks in Warsaw went from 02:00 to 03:00 on 29 March 2026: 02:30 never happened there.
    report = run([leads_file(tmp_path, "N01,2026-03-29 02:30,webinar,Acme,,,\n")], database)
    assert problems(report) == [
        'leads.csv, line 2: created_at "2026-03-29 02:30" is a time that did not happen in '
        "Europe/Warsaw (the clocks moved forward an hour then): write it with its offset, or as "
        "the time the clock showed"
    ]
    refused(report, database, before)


# Numbers: a decimal comma in a file of decimal points, or the other way round, is refused.


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        pytest.param(
            '"1.234,50"',
            'deals.csv, line 2: amount "1.234,50" is written with a decimal comma, but this '
            'file\'s numbers have decimal points: if it means 1234.50, set "decimal_comma": '
            "true in the mapping",
            id="decimal comma in a comma-delimited file",
        ),
        pytest.param(
            "NaN",
            'deals.csv, line 2: amount "NaN" is not a number',
            id="NaN",
        ),
        pytest.param(
            "1e309",
            'deals.csv, line 2: amount "1e309" is not a number',
            id="too big for a double",
        ),
        pytest.param(
            "1e13",
            'deals.csv, line 2: amount "1e13" is too large (the most is 999,999,999,999.99)',
            id="too big for an amount",
        ),
    ],
)
def test_load_values_bad_amounts_are_refused(tmp_path, database, amount, expected):
    before = snapshot(database)
    deals = write(
        tmp_path, "deals.csv", f"{DEALS_HEADER}\nD90,L01,2026-01-10,2026-02-01,won,{amount}\n"
    )
    report = run([deals], database)
    assert problems(report) == [expected]
    refused(report, database, before)


def test_load_values_a_decimal_point_in_a_decimal_comma_file_is_refused(tmp_path, database):
    before = snapshot(database)
    deals = write(
        tmp_path,
        "deals.csv",
        DEALS_HEADER.replace(",", ";") + "\nD90;L01;2026-01-10;2026-02-01;won;1,234.50\n",
    )
    report = run([deals], database)
    assert problems(report) == [
        'deals.csv, line 2: amount "1,234.50" is written with a decimal point, but this file\'s '
        'numbers have decimal commas: if it means 1234.50, set "decimal_comma": false in the '
        "mapping"
    ]
    refused(report, database, before)


def sized_mapping() -> mappings.Mapping:
    columns = ["lead_id", "created_at", "channel", "company_size"]
    return mappings.Mapping.from_dict(
        {
            "name": "sized",
            "files": {"leads": {"match": ["leads*"]}},
            "tables": {"leads": {"file": "leads", "columns": {c: c for c in columns}}},
        }
    )


def test_load_values_a_company_size_over_int32_is_refused(tmp_path, database):
    before = snapshot(database)
    path = write(tmp_path, "leads.csv", "lead_id,created_at,channel,company_size\n"
                 "N01,2026-01-05,webinar,3000000000\n")  # fmt: skip
    report = run([path], database, sized_mapping())
    assert problems(report) == [
        'leads.csv, line 2: company_size "3000000000" is too large (the most is 2,147,483,647)'
    ]
    refused(report, database, before)


# Dates that are not dates, and dates out of any sane range.


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("epoch", NOT_A_DATE, id="epoch"),
        pytest.param("infinity", NOT_A_DATE, id="infinity"),
        pytest.param("-infinity", NOT_A_DATE, id="-infinity"),
        pytest.param(
            "1/5/26",
            "is read as the year 1, before 1990: write the year with four digits",
            id="two-digit year",
        ),
        pytest.param(
            "1899-12-31", "is in the year 1899, before 1990: is the date right?", id="1899"
        ),
    ],
)
def test_load_values_impossible_dates_are_refused(tmp_path, database, value, expected):
    before = snapshot(database)
    report = run([leads_file(tmp_path, f"N01,{value},webinar,Acme,,,\n")], database)
    assert problems(report) == [f'leads.csv, line 2: created_at "{value}" {expected}']
    refused(report, database, before)


# Text: one spelling per name, no invisible characters around ids and names.


def test_load_values_text_is_nfc_and_trimmed_of_unicode_spaces(tmp_path, database):
    nfd = unicodedata.normalize("NFD", "Paweł Żak")
    nfc = unicodedata.normalize("NFC", "Paweł Żak")
    assert nfd != nfc
    report = run(
        [
            leads_file(
                tmp_path,
                f"N01\t,2026-01-05 10:00,webinar,Acme,{nfd},2026-01-06 09:00,2026-01-05 12:00\n"
                f"\u00a0N02,2026-01-05 10:00,webinar,Beta,{nfc}\u00a0,2026-01-06 09:00,"
                "2026-01-05 12:00\n",
            )
        ],
        database,
    )
    assert report.written, problems(report)
    leads = db.table("leads", database).set_index("lead_id")
    assert leads.loc[["N01", "N02"], "owner"].tolist() == [nfc, nfc]


def test_load_values_parquet_float_ids_read_as_whole_numbers(tmp_path, database):
    leads = pd.DataFrame(
        {
            "lead_id": [1.0, 2.0],
            "created_at": ["2026-01-05", "2026-01-05"],
            "channel": ["webinar", "webinar"],
            "company": ["Acme", "Beta"],
            "owner": [None, None],
            "handoff_at": [None, None],
            "mql_at": [None, None],
        }
    )
    pq.write_table(pa.Table.from_pandas(leads), tmp_path / "leads.parquet")
    deals = write(tmp_path, "deals.csv", f"{DEALS_HEADER}\nD90,1,2026-01-10,,open,100\n")
    report = run([tmp_path / "leads.parquet", deals], database)
    assert report.written, problems(report)
    assert set(db.table("leads", database)["lead_id"]) >= {"1", "2"}


def test_load_values_parquet_fractional_ids_are_refused(tmp_path, database):
    before = snapshot(database)
    leads = pd.DataFrame(
        {"lead_id": [1.5], "created_at": ["2026-01-05"], "channel": ["webinar"],
         "company": ["Acme"], "owner": [None], "handoff_at": [None], "mql_at": [None]}
    )  # fmt: skip
    pq.write_table(pa.Table.from_pandas(leads), tmp_path / "leads.parquet")
    report = run([tmp_path / "leads.parquet"], database)
    assert report.file_errors == [
        'leads.parquet, row 1: lead_id "1.5" is not a whole number: an id read from a column '
        "of numbers must be one"
    ]
    refused(report, database, before)


def test_load_values_two_empty_ids_are_each_reported(tmp_path, database):
    before = snapshot(database)
    report = run([leads_file(tmp_path, ",2026-01-05,webinar,Acme,,,\n,2026-01-05,webinar,B,,,\n")],
                 database)  # fmt: skip
    assert problems(report) == [
        "leads.csv, line 2: lead_id is empty, and every lead needs one",
        "leads.csv, line 3: lead_id is empty, and every lead needs one",
    ]
    refused(report, database, before)


# Files too big or broken to read: a message each, the database unchanged.


def test_load_values_mixed_line_endings_after_a_crlf_header(tmp_path, database):
    # A CRLF header, then lines ending in a lone CR (and one in LF).
    content = (HEADER + "\r\n").encode() + (
        b"N01,2026-01-05,webinar,Acme,,,\rN02,2026-01-05,webinar,Beta,,,\r"
        b"N03,2026-01-05,webinar,Gamma,,,\n"
    )
    report = run([write(tmp_path, "leads.csv", content)], database)
    assert report.written, report.file_errors + problems(report)
    assert set(db.table("leads", database)["lead_id"]) >= {"N01", "N02", "N03"}


def test_load_values_a_10_mb_cell_is_refused(tmp_path, database):
    before = snapshot(database)
    big = "x" * (10 << 20)
    report = run([leads_file(tmp_path, f"N01,2026-01-05,webinar,{big},,,\n")], database)
    assert report.file_errors == [
        "leads.csv: line 2 is longer than 10,000,000 bytes: a value that long is not CRM "
        "data (check the quotes before it)"
    ]
    refused(report, database, before)


def test_load_values_a_corrupt_parquet_file_is_refused(tmp_path, database):
    before = snapshot(database)
    path = write(tmp_path, "leads.parquet", b"PAR1" + b"\x00" * 100 + b"PAR1")
    report = run([path], database)
    assert report.file_errors == ["leads.parquet: cannot be read as Parquet"]
    refused(report, database, before)


def test_load_values_memory_running_out_is_a_message(tmp_path, database, monkeypatch):
    before = snapshot(database)
    path = leads_file(tmp_path, "N01,2026-01-05,webinar,Acme,,,\n")

    bound = engine.bound_params

    def out_of_memory(sql, params):
        # What DuckDB raises when it cannot spill past its memory limit (the disk is full).
        if "staged_leads as" in sql:
            raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
        return bound(sql, params)

    monkeypatch.setattr(engine, "bound_params", out_of_memory)
    report = run([path], database)
    assert report.file_errors == [
        "The import ran out of memory or of disk space for temporary files (Out of Memory "
        "Error: could not allocate block): nothing was written; import the files one at a "
        "time, or free disk space"
    ]
    refused(report, database, before)


def huge_sheet(tmp_path: Path, last_cell: bool) -> Path:
    """A 5 KB workbook of one lead that declares the whole sheet (A1:XFD1048576) as used, and
    with `last_cell` also holds an empty cell there."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["N01", "2026-01-05", "webinar", "Acme", None, None, None])
    book.save(tmp_path / "plain.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "plain.xlsx") as src,
        zipfile.ZipFile(tmp_path / "leads.xlsx", "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', data
                )
                if last_cell:
                    data = data.replace(
                        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"/></row></sheetData>'
                    )
            dst.writestr(item, data)
    assert (tmp_path / "leads.xlsx").stat().st_size < 8_000
    return tmp_path / "leads.xlsx"


def test_load_values_an_xlsx_declaring_a_huge_range_reads_only_its_cells(tmp_path, database):
    path = huge_sheet(tmp_path, last_cell=False)
    # openpyxl padded every row to the declared 16,384 columns.
    assert importer.inspect(path, "leads.xlsx").headers == HEADER.split(",")
    report = run([path], database)
    assert report.written, report.file_errors + problems(report)
    assert report.rows["leads"] == 1


def test_load_values_an_xlsx_with_a_cell_at_the_last_row_is_refused(
    tmp_path, database, monkeypatch
):
    before = snapshot(database)
    # The real bound is 1,000,000 rows; reading up to it takes seconds, so a small one here.
    monkeypatch.setattr(importer.sources, "MAX_SHEET_ROWS", 10)
    report = run([huge_sheet(tmp_path, last_cell=True)], database)
    assert report.file_errors == [
        "leads.xlsx: the sheet has more than 10 rows: save it as CSV, which has no such limit"
    ]
    refused(report, database, before)
