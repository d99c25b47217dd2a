"""Importing CRM exports: reading every kind of file, the exact message for each bad input, and
a database that no bad input can change.

The bad-file corpus is made by the tests in tmp_path. Each import goes into a fresh copy of the
hand-made fixture database (leads L01-L20), and "unchanged" means every table, and the data
version, are what they were before.
"""

from __future__ import annotations

import codecs
import json
import os
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from leadflow import db, importer
from leadflow.db import importing as engine
from leadflow.importer import mapping as mappings
from tests.conftest import FIXTURE_AS_OF, fixture_tables

NOW = datetime(2026, 4, 1, 12, 0)  # "now" for the checks: later timestamps are in the future
LEAD_COLUMNS = list(engine.IMPORT_TABLES["leads"])
HEADER = "lead_id,created_at,channel,company,owner,handoff_at,mql_at"


def generic(**file_options) -> mappings.Mapping:
    """Files whose headers are our column names: leads*.*, touchpoints*.*, deals*.*."""
    tables = {
        "leads": ["lead_id", "created_at", "channel", "company", "owner", "handoff_at", "mql_at"],
        "touchpoints": ["touchpoint_id", "lead_id", "occurred_at", "type", "value"],
        "deals": ["deal_id", "lead_id", "created_at", "closed_at", "stage", "amount"],
    }
    return mappings.Mapping.from_dict(
        {
            "name": "generic",
            "files": {t: {"match": [f"{t}*"], **file_options} for t in tables},
            "tables": {
                t: {"file": t, "columns": {c: c for c in columns}} for t, columns in tables.items()
            },
        }
    )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    yield path
    db.close(path)


def snapshot(path: Path) -> tuple[dict[str, list], str]:
    tables = {}
    for table in db.TABLES:
        frame = db.table(table, path)
        tables[table] = sorted(map(tuple, frame.astype(str).to_numpy().tolist()))
    return tables, db.data_version(path)


def write(folder: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def run(paths, database, mapping=None, **options) -> importer.Report:
    return importer.run(list(paths), mapping or generic(), path=database, now=NOW, **options)


def problems(report: importer.Report) -> list[str]:
    return [p.describe() for p in report.problems]


# The corpus: each bad file, the exact message it must produce, and nothing written.

BAD_FILES = [
    pytest.param("leads.csv", b"", {}, ["leads.csv: the file is empty"], id="empty file"),
    pytest.param(
        "leads.csv", b"\n\n  \n", {}, ["leads.csv: the file is empty"], id="only blank lines"
    ),
    pytest.param(
        "leads.csv",
        (HEADER + "\r\n").encode(),
        {},
        ["leads.csv: has column names but no rows"],
        id="header only",
    ),
    pytest.param(
        "leads.csv",
        HEADER.replace(",", ";").encode() + b"\nN01;2026-01-05;webinar;Acme;;;\n",
        {"delimiter": ","},
        [
            'leads.csv: with the delimiter "," the header is one column ("lead_id;created_at;'
            'channel;company;owner;handoff_at;mql_at"); the file looks semicolon-delimited (";"):'
            ' change "delimiter" in the mapping, or leave it out to detect it'
        ],
        id="wrong delimiter",
    ),
    pytest.param(
        "leads.csv",
        b"id,created,source\nN01,2026-01-05,webinar\n",
        {},
        [
            'leads.csv: no column "lead_id" (for leads.lead_id); its columns are: "id", '
            '"created", "source"'
        ],
        id="columns the mapping does not find",
    ),
    pytest.param(
        "leads.csv",
        HEADER.encode() + b"\nN01,2026-01-05,webinar,Zak\x81ad,,,\n",
        {"encoding": "cp1250"},
        [
            "leads.csv: line 2 cannot be read as Windows-1250 (byte 0x81): save the file as "
            'UTF-8, or name its encoding in the mapping ("encoding")'
        ],
        id="a byte Windows-1250 does not have",
    ),
]


@pytest.mark.parametrize(("name", "content", "options", "expected"), BAD_FILES)
def test_load_bad_file_is_refused_with_its_message(
    tmp_path, database, name, content, options, expected
):
    before = snapshot(database)
    report = run([write(tmp_path, name, content)], database, generic(**options))
    assert report.file_errors == expected
    assert not report.written
    assert snapshot(database) == before


BAD_ROWS = [
    pytest.param(
        "N01,2026-13-01,webinar,Acme,,,\nN02,2026-01-05,webinar,Beta,,,\n",
        [
            'leads.csv, line 2: created_at "2026-13-01" is not a date (write it like 2026-11-22,'
            " 2026-11-22 14:05, 22.11.2026 or 22.11.2026 14:05)"
        ],
        id="not a date",
    ),
    pytest.param(
        "N01,2026-01-05,webinar,Acme,,,\nN02,2026-01-06,webinar,Beta,,,\n"
        "N01,2026-01-07,google,Acme 2,,,\n",
        [
            'leads.csv, line 2: lead_id "N01" is the id of more than one row (lines 2 and 4): '
            "none of them is imported",
            'leads.csv, line 4: lead_id "N01" is the id of more than one row (lines 2 and 4): '
            "none of them is imported",
        ],
        id="duplicate ids",
    ),
    pytest.param(
        "N01,2026-01-05 10:00,webinar,Acme,,,2026-01-04 09:00\n",
        ['leads.csv, line 2: mql_at "2026-01-04 09:00" is before created_at (2026-01-05 10:00)'],
        id="timestamps out of order",
    ),
    pytest.param(
        "N01,2026-05-05,webinar,Acme,,,\n",
        ['leads.csv, line 2: created_at "2026-05-05" is in the future'],
        id="in the future",
    ),
    pytest.param(
        "N01,2026-01-05,webinar,Acme,,2026-01-06 09:00,2026-01-05 12:00\n",
        [
            "leads.csv, line 2: owner is empty, but the lead was handed off (handoff_at "
            "2026-01-06 09:00): a handed-off lead needs the sales rep it went to"
        ],
        id="handoff without a rep",
    ),
    pytest.param(
        ",2026-01-05,,Acme,,,\n",
        [
            "leads.csv, line 2: lead_id is empty, and every lead needs one",
            "leads.csv, line 2: channel is empty, and every lead needs one",
        ],
        id="required values missing",
    ),
    pytest.param(
        'N01,2026-01-05,webinar,"Acme\nHoldings",,,\nN02,2026-01-05,webinar,Beta,Anna,x,\n'
        "N03,2026-01-05,webinar,Gamma,,,,extra\n",
        [
            "leads.csv, line 5: row has 8 values where the header has 7: check the delimiter "
            "and the quotes on this line",
            'leads.csv, line 4: handoff_at "x" is not a date (write it like 2026-11-22, '
            "2026-11-22 14:05, 22.11.2026 or 22.11.2026 14:05)",
        ],
        id="a line break inside quotes, then a ragged row: lines as an editor counts them",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), BAD_ROWS)
def test_load_bad_rows_are_reported_and_nothing_is_written(tmp_path, database, rows, expected):
    before = snapshot(database)
    report = run([write(tmp_path, "leads.csv", HEADER + "\n" + rows)], database)
    assert problems(report) == expected
    assert not report.written
    assert report.refused.endswith("the choice was to import nothing then")
    assert snapshot(database) == before


def test_load_orphans_and_negative_amounts(tmp_path, database):
    deals = write(
        tmp_path,
        "deals.csv",
        "deal_id;lead_id;created_at;closed_at;stage;amount\n"
        "X1;L01;10.02.2026;;open;100\n"  # L01 is in the database: fine
        "X2;L99;10.02.2026;;open;100\n"
        "X3;L02;10.02.2026;;open;-5\n"
        "X4;L03;10.02.2026;;Closed Won;5\n",
    )
    report = run([deals], database)
    assert problems(report) == [
        'deals.csv, line 3: lead_id "L99" is not a lead in these files or in the database',
        'deals.csv, line 4: amount "-5" is negative: an amount must be 0 or more',
        'deals.csv, line 5: stage "Closed Won" is not a deal stage: map it to open, won or lost '
        "in the value mapping",
    ]
    assert report.good == {
        "campaigns": 0,
        "leads": 0,
        "touchpoints": 0,
        "deals": 1,
        "new campaigns": 0,
    }


def test_load_touchpoints_of_a_lead_set_aside_are_set_aside_too(tmp_path, database):
    leads = write(tmp_path, "leads.csv", HEADER + "\nN01,yesterday,webinar,Acme,,,\n")
    touchpoints = write(
        tmp_path,
        "touchpoints.csv",
        "touchpoint_id,lead_id,occurred_at,type,value\n900,N01,2026-01-05,email_open,\n",
    )
    report = run([leads, touchpoints], database, bad_rows="set_aside")
    assert problems(report)[1] == (
        'touchpoints.csv, line 2: lead_id "N01" is a lead set aside from this import '
        "(leads.csv line 2)"
    )
    assert not report.written  # nothing good is left to import
    assert report.refused == "no row to import"


@pytest.mark.slow
def test_load_the_200_mb_file_names_its_one_bad_line(tmp_path, database):
    # 4.6 M touchpoints of the fixture's leads, about 200 MB, one bad date on the last line.
    rows = 4_600_000
    lead_ids = np.array([f"L{i:02d}" for i in range(1, 21)])
    table = pa.table(
        {
            "touchpoint_id": np.arange(1_000, 1_000 + rows),
            "lead_id": lead_ids[np.arange(rows) % 20],
            "occurred_at": pa.array(["2026-02-01 10:00:00"] * 1).take(np.zeros(rows, int)),
            "type": pa.array(["email_open"]).take(np.zeros(rows, int)),
            "value": pa.array([12.5]).take(np.zeros(rows, int)),
        }
    )
    path = tmp_path / "touchpoints_big.csv"
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="none"))
    with path.open("a") as f:
        f.write("99999999,L01,2026-02-30 10:00:00,email_open,\n")
    assert path.stat().st_size > 200_000_000
    before = snapshot(database)
    report = run([path], database)
    assert problems(report) == [
        f'touchpoints_big.csv, line {rows + 2}: occurred_at "2026-02-30 10:00:00" is not a date '
        "(write it like 2026-11-22, 2026-11-22 14:05, 22.11.2026 or 22.11.2026 14:05)"
    ]
    assert report.good["touchpoints"] == rows
    assert snapshot(database) == before


# Files that are fine, however they are written.


def imported_leads(database: Path, ids: list[str]) -> pd.DataFrame:
    leads = db.table("leads", database)
    return leads[leads["lead_id"].isin(ids)].sort_values("lead_id").reset_index(drop=True)


def test_load_reads_bom_cp1250_and_utf16_with_polish_letters(tmp_path, database):
    text = HEADER + "\r\nN01,2026-01-05 10:00,targi,Zakład Wiśniewski Łódź,,,\r\n"
    files = [
        write(tmp_path, "leads_bom.csv", codecs.BOM_UTF8 + text.encode()),
        write(tmp_path, "leads_cp1250.csv", text.replace("N01", "N02"), "cp1250"),
        write(tmp_path, "leads_utf16.csv", text.replace("N01", "N03"), "utf-16"),
    ]
    report = run(files, database)
    assert report.written, report.file_errors + problems(report)
    assert (
        imported_leads(database, ["N01", "N02", "N03"])["company"].tolist()
        == ["Zakład Wiśniewski Łódź"] * 3
    )


def test_load_polish_conventions_semicolons_decimal_commas_and_dates(tmp_path, database):
    leads = write(
        tmp_path,
        "leads.csv",
        "lead_id;created_at;channel;company;owner;handoff_at;mql_at\n"
        "N01;22.01.2026;targi;Acme;;;\n"
        "N02;22.01.2026 14:05;targi;Beta;Anna Nowak;23.01.2026 09:00;2026-01-22T15:00:00\n",
        "cp1250",
    )
    deals = write(
        tmp_path,
        "deals.csv",
        "deal_id;lead_id;created_at;closed_at;stage;amount\n"
        'D-N1;N01;25.01.2026;26.01.2026 10:00;won;"12 500,50"\n'
        "D-N2;N02;25.01.2026;;open;1.234,5\n"
        "D-N3;N02;25.01.2026;;open;100.000\n",
    )
    report = run([leads, deals], database)
    assert report.written, problems(report)
    got = imported_leads(database, ["N01", "N02"])
    assert got["created_at"].tolist() == [
        pd.Timestamp("2026-01-22"),
        pd.Timestamp("2026-01-22 14:05"),
    ]
    assert got["mql_at"].tolist()[1] == pd.Timestamp("2026-01-22 15:00")
    amounts = db.table("deals", database).set_index("deal_id")["amount"]
    assert [float(amounts[d]) for d in ["D-N1", "D-N2", "D-N3"]] == [12500.5, 1234.5, 100000]


def test_load_reads_xlsx_and_parquet(tmp_path, database):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["N01", datetime(2026, 1, 5, 10, 0), "webinar", "Acme", None, None, None])
    sheet.append([])  # a blank row: the next is row 4 in Excel
    sheet.append(["N02", "not a date", "webinar", "Beta", None, None, None])
    book.save(tmp_path / "leads.xlsx")
    report = run([tmp_path / "leads.xlsx"], database)
    assert problems(report) == [
        'leads.xlsx, line 4: created_at "not a date" is not a date (write it like 2026-11-22, '
        "2026-11-22 14:05, 22.11.2026 or 22.11.2026 14:05)"
    ]
    assert report.good["leads"] == 1

    frame = pd.DataFrame(
        {
            "touchpoint_id": [501, 502],
            "lead_id": ["L01", "L02"],
            "occurred_at": pd.to_datetime(["2026-02-01 10:00", "2026-02-02 11:00"]),
            "type": ["webinar_attended", "email_open"],
            "value": [42.5, None],
        }
    )
    pq.write_table(pa.Table.from_pandas(frame), tmp_path / "touchpoints.parquet")
    report = run([tmp_path / "touchpoints.parquet"], database)
    assert report.written, problems(report)
    touchpoints = db.table("touchpoints", database).set_index("touchpoint_id")
    assert touchpoints.loc[501, "value"] == 42.5
    assert touchpoints.loc[502, "occurred_at"] == pd.Timestamp("2026-02-02 11:00")


# Writing: good rows and rejects, upserts, all or nothing.


def test_load_sets_bad_rows_aside_with_the_row_as_written(tmp_path, database):
    path = write(
        tmp_path,
        "leads.csv",
        HEADER + "\nN01,2026-01-05,webinar,Acme,,,\nN02,05.01.2026 25:00,google,Beta,,,\n",
    )
    before = db.data_version(database)
    report = run([path], database, bad_rows="set_aside")
    assert report.written
    assert db.data_version(database) != before
    assert imported_leads(database, ["N01", "N02"])["lead_id"].tolist() == ["N01"]
    rejects = db.run("import_rejected_rows", {"import_id": report.version}, database)
    assert rejects[["file", "line", "column_name", "value"]].values.tolist() == [
        ["leads.csv", 2 + 1, "created_at", "05.01.2026 25:00"]
    ]
    assert json.loads(rejects.loc[0, "record"]) == {
        "lead_id": "N02",
        "created_at": "05.01.2026 25:00",
        "channel": "google",
        "company": "Beta",
        "owner": None,
        "handoff_at": None,
        "mql_at": None,
    }
    history = db.run("import_history", {}, database)
    assert history[["mapping", "mode", "rows_imported", "rows_set_aside"]].values.tolist() == [
        ["generic", "update", 1, 1]
    ]


def test_load_importing_the_same_files_twice_changes_nothing(tmp_path, database):
    leads = write(
        tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,Anna,2026-01-06,2026-01-05\n"
    )
    touchpoints = write(
        tmp_path,
        "touchpoints.csv",
        "touchpoint_id,lead_id,occurred_at,type,value\n900,N01,2026-01-05,email_open,\n"
        "901,L01,2026-01-06,webinar_attended,30\n",
    )
    deals = write(
        tmp_path,
        "deals.csv",
        "deal_id,lead_id,created_at,closed_at,stage,amount\nX1,N01,2026-01-07,,open,10\n",
    )
    assert run([leads, touchpoints, deals], database).written
    once, _ = snapshot(database)
    assert run([leads, touchpoints, deals], database).written
    twice, _ = snapshot(database)
    assert twice == once


# touchpoint_id has no primary key: the import alone keeps it unique.

TOUCHPOINTS = "touchpoint_id,lead_id,occurred_at,type,value\n"


def test_load_repeated_touchpoint_ids_are_set_aside_wherever_they_are(tmp_path, database):
    # The check counts ids in blocks of 64 (0-63, 64-127, …, -64 to -1): repeats at a block's
    # edges, of negative ids, of a CRM's text ids, and of one number written two ways. Lines:
    # the header is line 1, so the id at index i is on line i + 2.
    ids = ["63", "64", "127", "64", "128", "-1", "-64", "-1", "HS-1", "hs-1", "HS-1", "0128"]
    rows = "".join(f"{i},L01,2026-01-05,email_open,\n" for i in ids)
    path = write(tmp_path, "touchpoints.csv", TOUCHPOINTS + rows)
    before = db.table("touchpoints", database)["touchpoint_id"].tolist()
    report = run([path], database, bad_rows="set_aside")

    def repeated(line: int, value: str, lines: str) -> str:
        return (
            f'touchpoints.csv, line {line}: touchpoint_id "{value}" is the id of more than one '
            f"row (lines {lines}): none of them is imported"
        )

    assert problems(report) == [
        repeated(3, "64", "3 and 5"),
        repeated(5, "64", "3 and 5"),
        repeated(6, "128", "6 and 13"),
        repeated(7, "-1", "7 and 9"),
        repeated(9, "-1", "7 and 9"),
        repeated(10, "HS-1", "10 and 12"),
        repeated(12, "HS-1", "10 and 12"),
        repeated(13, "0128", "6 and 13"),
    ]
    assert report.written and report.good["touchpoints"] == 4  # 63, 127, -64, hs-1
    after = db.table("touchpoints", database)["touchpoint_id"].tolist()
    assert len(after) == len(set(after)) == len(before) + 4
    assert {63, 127, -64} < set(after) and not {64, 128, -1} & set(after)


def test_load_touchpoint_ids_stay_unique_in_a_big_file_and_when_imported_again(tmp_path, database):
    # 100,000 touchpoints numbered 1,000…100,999 in random order, 300 of them overwritten with
    # the id of another row: every row of a repeated id is set aside, every other one written.
    rng = np.random.default_rng(6)
    ids = rng.permutation(np.arange(1_000, 101_000))
    ids[rng.choice(len(ids), 300, replace=False)] = rng.choice(ids, 300)
    values, counts = np.unique(ids, return_counts=True)
    leads = np.array([f"L{i:02d}" for i in range(1, 21)])

    def touchpoints_file(name: str, ids: np.ndarray, value: float) -> Path:
        table = pa.table(
            {
                "touchpoint_id": ids,
                "lead_id": leads[np.arange(len(ids)) % 20],
                "occurred_at": pa.array(["2026-02-01 10:00:00"]).take(np.zeros(len(ids), int)),
                "type": pa.array(["email_open"]).take(np.zeros(len(ids), int)),
                "value": np.full(len(ids), value),
            }
        )
        pacsv.write_csv(table, tmp_path / name, pacsv.WriteOptions(quoting_style="none"))
        return tmp_path / name

    fixture = db.table("touchpoints", database)
    report = run([touchpoints_file("touchpoints.csv", ids, 1.0)], database, bad_rows="set_aside")
    assert report.written, report.refused
    assert report.bad_rows == counts[counts > 1].sum()
    assert report.good["touchpoints"] == (counts == 1).sum()
    stored = db.table("touchpoints", database)
    assert stored["touchpoint_id"].is_unique
    assert set(stored["touchpoint_id"]) == set(fixture["touchpoint_id"]) | set(values[counts == 1])

    # Again: the fixture's 52 ids and 40,000 of those just written, with another value, and
    # 10,000 new ones. Known ids are updated in place (their campaign, which the mapping does
    # not fill, kept), new ones added, and no id is there twice.
    known = np.concatenate([fixture["touchpoint_id"].to_numpy(), values[counts == 1][:40_000]])
    again = np.concatenate([known, np.arange(200_000, 210_000)])
    report = run([touchpoints_file("touchpoints_again.csv", again, 2.0)], database)
    assert report.written, report.refused
    after = db.table("touchpoints", database).set_index("touchpoint_id")
    assert after.index.is_unique and len(after) == len(stored) + 10_000
    assert (after.loc[again, "value"] == 2.0).all()
    kept = after.loc[fixture["touchpoint_id"], "campaign_id"]
    assert kept.fillna("").tolist() == fixture["campaign_id"].fillna("").tolist()


def test_load_update_keeps_the_columns_the_mapping_does_not_fill(tmp_path, database):
    # L01 is in the fixture with its whole history; a file with a new company name only.
    path = write(
        tmp_path,
        "leads.csv",
        "lead_id,created_at,channel,company\nL01,2026-01-05 09:00,webinar,Atlas SA\n",
    )
    mapping = mappings.Mapping.from_dict(
        {
            "name": "names",
            "files": {"leads": {"match": ["leads*"]}},
            "tables": {
                "leads": {
                    "file": "leads",
                    "columns": {c: c for c in ["lead_id", "created_at", "channel", "company"]},
                }
            },
        }
    )
    before = imported_leads(database, ["L01"])
    assert run([path], database, mapping).written
    after = imported_leads(database, ["L01"])
    assert after.loc[0, "company"] == "Atlas SA"
    unchanged = [c for c in LEAD_COLUMNS if c != "company"]
    assert after[unchanged].equals(before[unchanged])


def test_load_a_statement_the_database_refuses_rolls_everything_back(tmp_path, database):
    # L01 was handed off to Anna Nowak; a file that clears its owner passes the row checks
    # (no handoff_at in the file) but breaks the database's own constraint when merged.
    path = write(
        tmp_path,
        "leads.csv",
        "lead_id,created_at,channel,owner\n"
        "N01,2026-01-05,webinar,\n"
        "L01,2026-01-05 09:00,webinar,\n",
    )
    mapping = mappings.Mapping.from_dict(
        {
            "name": "owners",
            "files": {"leads": {"match": ["leads*"]}},
            "tables": {
                "leads": {
                    "file": "leads",
                    "columns": {c: c for c in ["lead_id", "created_at", "channel", "owner"]},
                }
            },
        }
    )
    before = snapshot(database)
    report = run([path], database, mapping)
    assert not report.written
    assert report.refused.startswith("the database refused the import, so nothing was written: ")
    assert "CHECK constraint" in report.refused
    assert snapshot(database) == before


def test_load_replace_mode_swaps_the_data_and_keeps_the_configuration(tmp_path, database):
    path = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\n")
    rules = db.table("scoring_rules", database)
    report = run([path], database, mode="replace")
    assert report.written
    assert db.table("leads", database)["lead_id"].tolist() == ["N01"]
    assert db.table("touchpoints", database).empty and db.table("deals", database).empty
    assert db.table("scoring_rules", database).equals(rules)
    info = db.run("data_range", {}, database).iloc[0]
    # The data now ends on 5 Jan 2026: it describes the moment after that day.
    assert info["as_of"] == pd.Timestamp("2026-01-06")
    assert info["source"] == "generic import: leads.csv"


def test_load_dry_run_writes_nothing(tmp_path, database):
    path = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\n")
    before = snapshot(database)
    report = run([path], database, write=False)
    assert report.good["leads"] == 1 and not report.written
    assert report.refused == "a dry run: nothing was written"
    assert snapshot(database) == before


def test_load_every_import_query_is_run(tmp_path, database, monkeypatch):
    # The import's SQL files, each run by this import of leads, touchpoints and deals.
    used = set()
    real = db.sql_text
    monkeypatch.setattr(engine, "sql_text", lambda name: used.add(name) or real(name))
    leads = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\n")
    deals = write(
        tmp_path,
        "deals.csv",
        "deal_id,lead_id,created_at,closed_at,stage,amount\nX1,N01,2026-01-07,,open,10\n",
    )
    assert run([leads, deals], database).written
    assert used >= {
        "import/macros",
        "import/tables",
        "import/campaigns",
        "import/leads",
        "import/touchpoints",
        "import/deals",
        "import/missing_campaigns",
        "import/write_campaigns",
        "import/write_leads",
        "import/write_touchpoints",
        "import/write_deals",
        "import/insert_leads",
        "import/insert_touchpoints",
        "import/insert_deals",
        "import/as_of",
    }
    # ...and nothing in queries/import/ that no import runs.
    assert {f"import/{p.stem}" for p in (db.QUERIES / "import").glob("*.sql")} <= used


# The real datasets' mappings, on small fixtures of their own that reproduce their traps.

IMPORT_FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture
def empty_database(tmp_path: Path) -> Path:
    path = tmp_path / "empty.duckdb"
    db.create_empty_database(path)
    yield path
    db.close(path)


def preset(name: str) -> mappings.Mapping:
    return mappings.load(mappings.PRESETS / f"{name}.json")


def test_load_maven_crm_preset(empty_database):
    files = sorted((IMPORT_FIXTURES / "maven_crm").iterdir())
    report = run(files, empty_database, preset("maven_crm"))
    assert report.written, report.file_errors + problems(report)
    # 5 opportunities, 1 Prospecting without dates: 4 leads and 4 deals.
    assert report.good["leads"] == 4 and report.good["deals"] == 4
    assert (
        "sales_pipeline.csv: 1 row is not leads, as the mapping says (deal_stage is Prospecting)"
        in report.notes
    )
    assert (
        "sales_teams.csv: not imported: the mapping maven_crm has no table for this file"
        in report.notes
    )
    leads = db.table("leads", empty_database).set_index("lead_id")
    # Looked up in accounts.csv, its "technolgy" and "Philipines" mapped to the right words;
    # an opportunity without an account has no company.
    assert leads.loc["Z063OYW0", ["industry", "company_size", "country"]].tolist() == [
        "technology",
        4540,
        "United States",
    ]
    assert leads.loc["MV1LWRNH", "country"] == "Philippines"
    assert pd.isna(leads.loc["EC4QE1BX", "company"])
    deals = db.table("deals", empty_database).set_index("deal_id")
    assert deals["stage"].to_dict() == {
        "1C1I7A6R": "won",
        "Z063OYW0": "lost",
        "EC4QE1BX": "open",
        "MV1LWRNH": "won",
    }
    assert float(deals.loc["EC4QE1BX", "amount"]) == 0  # Engaging: no value in the export


def test_load_x_education_preset(empty_database):
    report = run(
        [IMPORT_FIXTURES / "x_education" / "Leads.csv"], empty_database, preset("x_education")
    )
    assert report.written, report.file_errors + problems(report)
    leads = db.table("leads", empty_database).set_index("lead_id")
    # "google" and "Google" are one channel; an empty source is "unknown"; "Select" is empty.
    assert leads["channel"].value_counts().to_dict() == {
        "Google": 2,
        "Olark Chat": 1,
        "Organic Search": 1,
        "Direct Traffic": 1,
        "unknown": 1,
    }
    assert leads["industry"].isna().sum() == 4
    assert pd.isna(leads.loc["660719", "country"])  # "unknown" is no country
    assert set(db.table("deals", empty_database)["lead_id"]) == {"660727", "660719", "660681"}
    assert 'leads.created_at: not in the files; every row gets "2020-01-01"' in report.notes


def test_load_braze_preset(empty_database):
    files = sorted((IMPORT_FIXTURES / "braze_paid_media").iterdir())
    report = run(files, empty_database, preset("braze_paid_media"))
    assert report.written, report.file_errors + problems(report)
    leads = db.table("leads", empty_database).sort_values("lead_id")
    # No id in the file: ids from its row numbers. US dates, month first.
    assert leads["lead_id"].tolist() == ["Leads-1", "Leads-2", "Leads-3", "Leads-4", "Leads-5"]
    assert leads.set_index("lead_id").loc["Leads-3", "created_at"] == pd.Timestamp("2023-01-12")
    assert len(db.table("campaigns", empty_database)) == 4
    assert (
        "MQLs.csv: not imported: the mapping braze_paid_media has no table for this file"
        in report.notes
    )


def test_load_suggests_the_preset_whose_headers_a_file_has():
    headers = {
        "sales_pipeline.csv": [
            "opportunity_id",
            "sales_agent",
            "product",
            "account",
            "deal_stage",
            "engage_date",
            "close_date",
            "close_value",
        ],
        "accounts.csv": [
            "account",
            "sector",
            "year_established",
            "revenue",
            "employees",
            "office_location",
            "subsidiary_of",
        ],
    }
    assert mappings.suggest(headers).name == "maven_crm"
    # A HubSpot contacts export, with the columns it has by default (and more).
    contacts = ["Record ID", "First Name", "Last Name", "Email", "Create Date", "Original Source",
                "Company Name", "Industry", "Number of Employees", "Job Title", "Country/Region",
                "Contact owner", "HubSpot Score", "Lifecycle Stage"]  # fmt: skip
    suggested = mappings.suggest({"hubspot-crm-exports-all-contacts.csv": contacts})
    assert suggested.name == "hubspot"


def test_load_suggests_columns_from_header_names():
    suggested = mappings.suggest(
        {"moje_leady.csv": ["ID leada", "Data utworzenia", "Kanał", "Firma", "Opiekun"]}
    )
    assert list(suggested.tables) == ["leads"]
    assert {c: r.columns for c, r in suggested.tables["leads"].columns.items()} == {
        "lead_id": ["ID leada"],
        "created_at": ["Data utworzenia"],
        "channel": ["Kanał"],
        "company": ["Firma"],
        "owner": ["Opiekun"],
    }


def test_load_suggests_a_preset_for_files_named_otherwise():
    # HubSpot's columns in files HubSpot would not name so: the preset reads these very files.
    contacts = ["Record ID", "Create Date", "Original Source", "Company Name", "Industry",
                "Number of Employees", "Job Title", "Country/Region", "Contact owner",
                "HubSpot Score", "Became a Marketing Qualified Lead Date", "Owner assigned date",
                "Became a Sales Qualified Lead Date"]  # fmt: skip
    deals = ["Record ID", "Associated Contact IDs", "Create Date", "Close Date", "Deal Stage",
             "Amount", "Closed Lost Reason"]  # fmt: skip
    doubts: list[str] = []
    suggested = mappings.suggest({"export [1].csv": contacts, "export [2].csv": deals}, doubts)
    assert suggested.name == "hubspot"
    assert suggested.files["contacts"].matches("export [1].csv")
    assert suggested.files["deals"].matches("export [2].csv")
    assert not suggested.files["contacts"].matches("export 1.csv")  # the brackets are literal
    assert doubts == []


def test_load_suggests_columns_by_similar_names_and_says_what_it_cannot_find():
    assert {
        c: r.columns
        for c, r in mappings.suggest_columns(
            "leads", ["Lead Identifier", "Lead Created On", "Acquisition Channel", "Employer"]
        ).items()
    } == {
        # Normalized, each holds a known name: "leadidentifier" holds "leadid", and so on.
        "lead_id": ["Lead Identifier"],
        "created_at": ["Lead Created On"],
        "channel": ["Acquisition Channel"],
        # "Employer" is not "Employees" (difflib: 2 × 7 / 17 = 0.82, under 0.85): not guessed.
    }
    doubts: list[str] = []
    suggested = mappings.suggest({"people.csv": ["Person Key", "Signup Day", "Channel"]}, doubts)
    assert list(suggested.tables) == ["leads"]
    assert doubts == [
        "people.csv looks like leads, but no column of it is like lead_id or created_at "
        "(required): choose their columns below, or a fixed value"
    ]


def test_load_suggests_a_preset_without_the_columns_the_export_lacks_and_doubts_a_status():
    doubts: list[str] = []
    suggested = mappings.suggest(
        {
            "leads.csv": ["Lead ID", "Created Date", "Lead Source", "Lead Owner"],
            "opportunities.csv": ["Opportunity ID", "Lead ID", "Created Date", "Stage", "Amount",
                                  "Sales Decision", "Decision Date"],
        },
        doubts,
    )  # fmt: skip
    assert suggested.name == "salesforce"
    leads = suggested.tables["leads"]
    # Industry, Title, … are not in this export: a mapping naming them could not import it.
    # The decision and its one date fill both dates through a lookup by lead id
    # (tests/test_decision_column.py imports such an export), the opportunity's creation the
    # handoff.
    assert list(leads.columns) == [
        "lead_id", "created_at", "channel", "owner", "accepted_at", "rejected_at", "handoff_at"
    ]  # fmt: skip
    assert leads.lookup == {"file": "opportunities", "key": "Lead ID", "on": "Lead ID"}
    assert suggested.tables["deals"].keep_rows == {"Stage": ["closed won", "closed lost"]}
    # What the rule takes as each decision is said, since the values are not seen here.
    assert doubts == [
        'opportunities.csv: "Decision Date" is the date sales decided, and "Sales Decision" what '
        "they decided: accepted_at where it says Accepted, Yes or SQL (any case, Polish too), "
        "rejected_at where it says Rejected, No or Unqualified; any other value leaves the "
        "handoff open: check the funnel in the preview"
    ]
    # The preset's note on a converted date this export lacks is dropped.
    assert not [n for n in suggested.notes if "converted date" in n.lower()]


def test_load_every_preset_is_a_valid_mapping_that_round_trips():
    for name, path in mappings.available().items():
        mapping = mappings.load(path)
        assert mappings.Mapping.from_dict(mapping.to_dict()).to_dict() == mapping.to_dict(), name


def test_load_a_dataset_with_only_some_tables_says_which_are_missing(
    tmp_path, empty_database, monkeypatch
):
    from leadflow.app import page

    path = write(tmp_path, "leads.csv", HEADER + "\nN01,2026-01-05,webinar,Acme,,,\n")
    assert run([path], empty_database).written
    counts = db.run("table_counts", {}, empty_database).set_index("table_name")["row_count"]
    assert counts[["leads", "touchpoints", "deals"]].tolist() == [1, 0, 0]
    monkeypatch.setenv("LEADFLOW_DB", str(empty_database))
    assert page.missing("leads", "touchpoints", "deals") == ["touchpoints", "deals"]


def test_load_too_many_problems_are_counted_and_not_set_aside(tmp_path, database, monkeypatch):
    monkeypatch.setattr(importer.problems, "MAX_PROBLEMS", 2)
    rows = "".join(f"N{i:02d},someday,webinar,Acme,,,\n" for i in range(5))
    path = write(tmp_path, "leads.csv", HEADER + "\n" + rows)
    before = snapshot(database)
    report = run([path], database, bad_rows="set_aside")
    assert (len(report.problems), report.more_problems, report.bad_rows) == (2, 3, 5)
    assert report.refused == (
        "5 rows have problems: too many to set aside one by one; check the mapping (columns, "
        "date and number formats) or the file"
    )
    assert snapshot(database) == before


def test_load_upload_folders_of_old_sessions_are_removed(tmp_path):
    database = tmp_path / "leadflow.duckdb"
    uploads = tmp_path / ".uploads"  # in the data folder: the database may read nothing else
    old = uploads / (importer.UPLOAD_PREFIX + "old")
    recent = uploads / (importer.UPLOAD_PREFIX + "recent")
    for folder in (old, recent):
        (folder / "f").mkdir(parents=True)
    day_and_a_bit = 25 * 3600
    os.utime(old, (time.time() - day_and_a_bit, time.time() - day_and_a_bit))

    folder = importer.upload_folder(None, database)
    # A new session's folder; the one untouched for over a day is gone, the recent one stays.
    assert folder.parent == uploads and folder.is_dir()
    assert not old.exists() and recent.exists()
    # A session keeps its own folder on every rerun.
    assert importer.upload_folder(str(folder), database) == folder
