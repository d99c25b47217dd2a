"""The mapping's reach for ordinary CRM exports: a date format per column (YYYYMMDD, Excel
serial days), the time zone a file's times are in, only_if on their columns, and several lookup
files per table; each malformed new key refused with a message, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from leadflow import db, importer
from leadflow.importer import mapping as mappings
from tests.test_load import empty_database, problems, write
from tests.test_mapping_schema import changed, write_mapping

__all__ = ["empty_database"]  # the fixture, used by name

ROOT = Path(__file__).resolve().parent.parent
US = ROOT / "tests" / "fixtures" / "import" / "us_office"
NOW = datetime(2026, 4, 1, 12, 0)

# What tests/fixtures/import/us_office/opportunities.csv must become, by hand. The file's times
# are America/New_York: EST (UTC-5) until 2025-03-09 02:00, then EDT (UTC-4) until 2025-11-02
# 02:00, when 01:00-01:59 happens twice (read as the second, EST). The app's zone Europe/Warsaw
# is CET (UTC+1) until 2025-03-30, CEST (UTC+2) until 2025-10-26, then CET again.
# created_at "%Y%m%d", midnight in New York:
#   OP1 20250307 00:00 EST = 05:00 UTC = 06:00 CET; OP2 20250308 the same: 06:00.
#   OP3 20251031 00:00 EDT = 04:00 UTC = 05:00 CET; OP4 20251101 likewise 05:00.
# mql_at Excel serial days, the column in UTC: 45658 is 2025-01-01, so
#   OP1 45724.75 = 45658 + 31 + 28 + 7 days + 18 h = 2025-03-08 18:00 UTC = 19:00 CET;
#   OP2 45725.25 = 2025-03-09 06:00 UTC = 07:00 CET;
#   OP3 45962.25 = 45658 + 304 days (Jan-Oct) + 6 h = 2025-11-01 06:00 UTC = 07:00 CET.
# handoff_at "%m/%d/%Y %H:%M":
#   OP1 03/08/2025 23:30 EST = 03-09 04:30 UTC = 05:30 CET;
#   OP2 03/09/2025 03:30, just after the clocks jumped: EDT = 07:30 UTC = 08:30 CET;
#   OP3 11/02/2025 01:30, the hour that happens twice: EST = 06:30 UTC = 07:30 CET;
#   OP4 11/02/2025 00:30 EDT = 04:30 UTC = 05:30 CET.
# first_response_at, ISO: OP1 12:00+00:00 keeps its offset = 13:00 CET; OP2 2025-03-09 10:00
#   local EDT = 14:00 UTC = 15:00 CET.
# accepted_at/rejected_at from "Decision date" as "Decision" says (any case):
#   OP1 Accepted 03/10/2025 10:00 EDT = 14:00 UTC = 15:00 CET;
#   OP2 rejected 03/09/2025 09:15 EDT = 13:15 UTC = 14:15 CET, its reason "no budget";
#   OP3 ACCEPTED 11/02/2025 01:45 (twice: EST) = 06:45 UTC = 07:45 CET; OP4 no decision: none.
EXPECTED = pd.DataFrame(
    {
        "lead_id": ["OP1", "OP2", "OP3", "OP4"],
        "created_at": ["2025-03-07 06:00", "2025-03-08 06:00", "2025-10-31 05:00",
                       "2025-11-01 05:00"],
        "mql_at": ["2025-03-08 19:00", "2025-03-09 07:00", "2025-11-01 07:00", None],
        "handoff_at": ["2025-03-09 05:30", "2025-03-09 08:30", "2025-11-02 07:30",
                       "2025-11-02 05:30"],
        "first_response_at": ["2025-03-09 13:00", "2025-03-09 15:00", None, None],
        "accepted_at": ["2025-03-10 15:00", None, "2025-11-02 07:45", None],
        "rejected_at": [None, "2025-03-09 14:15", None, None],
    }
)  # fmt: skip
# Two lookups, each with its own key: accounts.csv by "Account" (Initech is not in it), and
# sales_teams.csv by "id" against the opportunity's "Rep ID".
LOOKED_UP = {
    "OP1": ["manufacturing", 1200, "Dana Whitfield"],
    "OP2": ["software", 300, "Marco Ruiz"],
    "OP3": [None, None, "Dana Whitfield"],
    "OP4": ["manufacturing", 1200, "Marco Ruiz"],
}


def check_us_office(path: Path) -> None:
    leads = db.table("leads", path).sort_values("lead_id").reset_index(drop=True)
    for column in EXPECTED.columns[1:]:
        assert leads[column].tolist() == pd.to_datetime(EXPECTED[column]).tolist(), column
    by_id = leads.set_index("lead_id")
    for lead, values in LOOKED_UP.items():
        got = by_id.loc[lead, ["industry", "company_size", "owner"]].tolist()
        assert [None if pd.isna(v) else v for v in got] == values, lead
    assert by_id["rejection_reason"].fillna("").tolist() == ["", "no budget", "", ""]


def test_load_formats_us_office_through_run(empty_database):
    report = importer.run(
        sorted(US.glob("*.csv")), mappings.load(US / "mapping.json"), path=empty_database, now=NOW
    )
    assert report.written, report.file_errors + problems(report)
    check_us_office(empty_database)
    assert (
        "leads: local times in America/New_York converted to Europe/Warsaw, the app's time zone "
        "(created_at, handoff_at, first_response_at, accepted_at, rejected_at)" in report.notes
    )


def test_load_formats_us_office_through_the_command_line(tmp_path):
    database = tmp_path / "leadflow.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "leadflow.importer", "--mapping", str(US / "mapping.json"),
         "--db", str(database), *map(str, sorted(US.glob("*.csv")))],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    check_us_office(database)
    db.close(database)


def test_load_formats_us_office_mapping_round_trips():
    written = json.loads((US / "mapping.json").read_text(encoding="utf-8"))
    assert mappings.load(US / "mapping.json").to_dict() == written


def test_load_formats_values_not_in_the_declared_format_are_problems(tmp_path, empty_database):
    mapping = mappings.load(US / "mapping.json")
    rows = (
        "Opportunity ID,Created,Source,Account,Rep ID,MQL (Excel),Handed off,First reply,"
        "Decision,Decision date,Reason\n"
        # ISO is not %Y%m%d; "yesterday" is no serial day; 02:30 on 9 March 2025 never
        # happened in New York (02:00 became 03:00).
        "B1,2025-03-07,webinar,Acme Corp,R1,yesterday,03/09/2025 02:30,,,,\n"
    )
    files = [write(tmp_path, "opportunities.csv", rows), US / "accounts.csv",
             US / "sales_teams.csv"]  # fmt: skip
    report = importer.run(files, mapping, path=empty_database, now=NOW)
    assert not report.written
    assert problems(report) == [
        'opportunities.csv, line 2: created_at "2025-03-07" is not in the format "%Y%m%d" that '
        "the mapping gives for this column (e.g. 20261122)",
        'opportunities.csv, line 2: mql_at "yesterday" is not an Excel serial date (a number of '
        "days since 1899, e.g. 46348.5)",
        'opportunities.csv, line 2: handoff_at "03/09/2025 02:30" is a time that did not happen '
        "in America/New_York (the clocks moved forward an hour then): write it with its offset, "
        "or as the time the clock showed",
    ]


def test_load_formats_only_if_theirs_on_a_missing_header_names_it(tmp_path, empty_database):
    mapping = mappings.load(US / "mapping.json")
    rule = mapping.tables["leads"].columns["accepted_at"]
    rule.only_if_theirs = {"Verdict": ["Accepted"]}
    report = importer.run(sorted(US.glob("*.csv")), mapping, path=empty_database, now=NOW)
    assert not report.written
    assert report.file_errors == [
        'opportunities.csv: no column "Verdict" (for leads.accepted_at); its columns are: '
        '"Opportunity ID", "Created", "Source", "Account", "Rep ID", "MQL (Excel)", '
        '"Handed off", "First reply", "Decision", "Decision date", "Reason"'
    ]


LEADS = ("tables", "leads", "columns")
TWO_LOOKUPS = [
    (("files", "accounts"), {"match": ["accounts*.csv"]}),
    (("files", "teams"), {"match": ["teams*.csv"]}),
    (("tables", "leads", "lookup"), [{"file": "accounts", "key": "Account", "on": "Account"},
                                     {"file": "teams", "key": "id", "on": "Rep"}]),
]  # fmt: skip
BAD_NEW_KEYS = [
    pytest.param(
        [(("files", "leads", "time_zone"), "America/New York")],
        'files.leads.time_zone: "America/New York" is not a time zone of the IANA database (did '
        'you mean "America/New_York"?); write it like "America/New_York" or "Europe/Warsaw"',
        id="time zone with a space",
    ),
    pytest.param(
        [(("files", "leads", "time_zone"), -5)],
        'files.leads.time_zone: expected a time zone\'s IANA name, e.g. "America/New_York" or '
        "\"Europe/Warsaw\" (leave it out for the app's), got -5",
        id="time zone as an offset number",
    ),
    pytest.param(
        [((*LEADS, "accepted_at"), {"column": "SQL Date", "time_zone": "Europe/Warsw"})],
        'tables.leads.columns.accepted_at.time_zone: "Europe/Warsw" is not a time zone of the '
        'IANA database (did you mean "Europe/Warsaw"?); write it like "America/New_York" or '
        '"Europe/Warsaw"',
        id="column time zone unknown",
    ),
    pytest.param(
        [((*LEADS, "created_at"), {"column": "Created", "date_format": "%Y%q%d"})],
        'tables.leads.columns.created_at.date_format: "%Y%q%d" is not a date format: %q is not '
        "a strptime code (the codes: %a %A %b %B %c %d %-d %g %G %h %H %-H %I %-I %j %-j %m %-m "
        "%M %-M %n %p %S %-S %u %U %V %w %W %x %X %y %-y %Y %%)",
        id="unknown strptime code",
    ),
    pytest.param(
        [((*LEADS, "created_at"), {"column": "Created", "date_format": "%d/%m"})],
        'tables.leads.columns.created_at.date_format: "%d/%m" is not a date format: it has no '
        "year (%Y, or %y for two digits)",
        id="format without a year",
    ),
    pytest.param(
        [((*LEADS, "created_at"), {"column": "Created", "date_format": "%Y-%m-%d %H:%M%z"})],
        'tables.leads.columns.created_at.date_format: "%Y-%m-%d %H:%M%z" is not a date format: '
        "it reads an offset (%z, %Z): leave date_format out, and times written with their offset "
        "in ISO 8601 (2026-11-22T14:05:00-05:00) are read with it",
        id="format with an offset",
    ),
    pytest.param(
        [((*LEADS, "created_at"), {"column": "Created", "date_format": "YYYYMMDD"})],
        'tables.leads.columns.created_at.date_format: "YYYYMMDD" is not a date format: it has no '
        'strptime codes: write it like "%Y%m%d", or "excel" for serial days',
        id="format as letters",
    ),
    pytest.param(
        [((*LEADS, "created_at"), {"column": "Created", "date_format": 20210105})],
        'tables.leads.columns.created_at.date_format: expected a date format: strptime codes, '
        'e.g. "%Y%m%d" or "%d/%m/%Y %H:%M", or "excel" for Excel\'s serial day numbers, got '
        "20210105",
        id="format as a number",
    ),
    pytest.param(
        [((*LEADS, "channel"), {"column": "Lead Source", "date_format": "%Y%m%d"})],
        "tables.leads.columns.channel.date_format: channel is not a date column (text): "
        "date_format is for the timestamps of leads (created_at, mql_at, handoff_at, "
        "first_response_at, accepted_at, rejected_at, recycled_at, disqualified_at)",
        id="format on a text column",
    ),
    pytest.param(
        [((*LEADS, "accepted_at"), {"column": "SQL Date", "only_if_theirs": {"Decision": "Yes"}})],
        "tables.leads.columns.accepted_at.only_if_theirs: expected one of their columns (a "
        "header of the table's file) and a list of its values, e.g. {\"Decision\": "
        '["Accepted"]}, got {"Decision": "Yes"}',
        id="only_if_theirs value not a list",
    ),
    pytest.param(
        [((*LEADS, "accepted_at"),
          {"column": "SQL Date", "only_if_theirs": {"Decision": ["Yes"], "Stage": ["SQL"]}})],
        "tables.leads.columns.accepted_at.only_if_theirs: expected one of their columns (a "
        "header of the table's file) and a list of its values, e.g. {\"Decision\": "
        '["Accepted"]}, got {"Decision": ["Yes"], "Stage": ["SQL"]}',
        id="only_if_theirs on two columns",
    ),
    pytest.param(
        [*TWO_LOOKUPS, ((*LEADS, "industry"), {"lookup": "Industry"})],
        'tables.leads.columns.industry.lookup: the table has 2 lookup files ("accounts", '
        '"teams"): say which one "Industry" is in, e.g. "lookup_file": "teams"',
        id="a lookup column among two lookups without lookup_file",
    ),
    pytest.param(
        [*TWO_LOOKUPS, ((*LEADS, "industry"), {"lookup": "Industry", "lookup_file": "crm"})],
        'tables.leads.columns.industry.lookup_file: "crm" is not one of the table\'s lookup '
        'files ("accounts", "teams")',
        id="lookup_file not a lookup of the table",
    ),
    pytest.param(
        [*TWO_LOOKUPS, ((*LEADS, "industry"), {"column": "Sector", "lookup_file": "accounts"})],
        'tables.leads.columns.industry.lookup_file: names the lookup file to take "lookup" from, '
        'but the column has no "lookup" (a column name of that file, e.g. {"lookup": "Rep '
        'name", "lookup_file": "sales_teams"})',
        id="lookup_file without lookup",
    ),
    pytest.param(
        [*TWO_LOOKUPS[:2], (("tables", "leads", "lookup"),
                            [{"file": "accounts", "key": "Account", "on": "Account"},
                             {"file": "teams", "key": "id"}])],
        'tables.leads.lookup[1]: "on" is missing (a column name of the table\'s own file, e.g. '
        '"account")',
        id="second lookup without on",
    ),
    pytest.param(
        [*TWO_LOOKUPS[:2], (("tables", "leads", "lookup"),
                            [{"file": "accounts", "key": "Account", "on": "Account"},
                             {"file": "accounts", "key": "id", "on": "Account ID"}])],
        'tables.leads.lookup[1].file: "accounts" is looked up twice in this table: one lookup '
        "per file, its columns all come from that one",
        id="one file looked up twice",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "message"), BAD_NEW_KEYS)
def test_load_formats_malformed_new_keys_are_named(tmp_path, changes, message):
    path = write_mapping(tmp_path, changed(*changes))
    with pytest.raises(mappings.MappingError) as refused:
        mappings.load(path)
    assert refused.value.problems == [f"{path}: {message}"]
