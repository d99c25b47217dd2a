"""Mapping files checked against their format: each mistake refused with a message naming the
file and the key, the presets valid, a mapping written and read back unchanged, and the format
documented key by key in docs/mapping.md."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from leadflow.importer import mapping as mappings
from tests.test_load_page import upload

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "mapping.md"
GONE = object()  # a key taken out of the mapping

# A small mapping of two files, valid as it is; each case below changes one thing in it.
BASE: dict[str, Any] = {
    "name": "crm",
    "files": {"leads": {"match": ["leads*.csv"]}, "deals": {"match": ["deals*.csv"]}},
    "tables": {
        "leads": {
            "file": "leads",
            "columns": {
                "lead_id": "Lead ID",
                "created_at": "Created",
                "channel": "Lead Source",
                "accepted_at": "SQL Date",
            },
        },
        "deals": {
            "file": "deals",
            "columns": {
                "deal_id": "Deal ID",
                "lead_id": "Lead ID",
                "created_at": "Created",
                "closed_at": {"column": "Close Date", "only_if": {"stage": ["won", "lost"]}},
                "stage": "Stage",
                "amount": "Amount",
            },
        },
    },
}
ONLY_IF = "tables.deals.columns.closed_at.only_if"
DEAL_COLUMNS = "deal_id, lead_id, created_at, closed_at, stage, amount, lost_reason, currency"


def changed(*changes: tuple[tuple[str, ...], Any]) -> dict[str, Any]:
    """BASE with each (key path, value) set, or taken out where the value is GONE."""
    data = copy.deepcopy(BASE)
    for path, value in changes:
        *parent, last = path
        holder = data
        for key in parent:
            holder = holder[key]
        if value is GONE:
            del holder[last]
        else:
            holder[last] = value
    return data


def write_mapping(folder: Path, data: Any, name: str = "crm.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BAD = [
    pytest.param(
        [(("files", "leads", "day_first"), "false")],
        'files.leads.day_first: expected true or false (without quotes), got "false"',
        id="day_first as a string (was read as true)",
    ),
    pytest.param(
        [(("files", "leads", "empty_values"), "NA")],
        'files.leads.empty_values: expected a list of texts, e.g. ["NA", "unknown"], got "NA"',
        id="empty_values as a string (was split into letters)",
    ),
    pytest.param(
        [(("tables", "leads", "columns", "accepted_at"),
          {"column": "SQL Date", "only_if": {"channel": "webinar"}})],
        "tables.leads.columns.accepted_at.only_if: expected one of our columns of the table and "
        'a list of its values (ours, after mapping), e.g. {"stage": ["won", "lost"]}, got '
        '{"channel": "webinar"}',
        id="only_if value not a list (blanked the column)",
    ),
    pytest.param(
        [(("colums",), {})],
        'unknown key "colums" at the top level; the keys are name, description, notes, files, '
        "tables",
        id="unknown top-level key (was ignored)",
    ),
    pytest.param(
        [(("decsription",), "HubSpot")],
        'unknown key "decsription" (did you mean "description"?) at the top level; the keys are '
        "name, description, notes, files, tables",
        id="misspelt top-level key",
    ),
    pytest.param(
        [(("files",), ["leads.csv"])],
        'files: expected an object naming each kind of file, e.g. {"deals": {"match": '
        '["*deal*.csv"]}}, got ["leads.csv"]',
        id="files as a list (a traceback)",
    ),
    pytest.param(
        [(("files", "leads", "match"), 5)],
        'files.leads.match: expected a list of file name patterns, e.g. ["*deal*.csv", '
        '"*deal*.xlsx"], got 5',
        id="match a number (a traceback)",
    ),
    pytest.param(
        [(("files", "leads", "match"), "leads*.csv")],
        'files.leads.match: expected a list of file name patterns, e.g. ["*deal*.csv", '
        '"*deal*.xlsx"], got "leads*.csv"',
        id="match a string (its letters were the patterns)",
    ),
    pytest.param(
        [(("files", "leads", "encoding"), 1250)],
        'files.leads.encoding: expected a text encoding, e.g. "utf-8", "cp1250" or "utf-16" '
        "(leave it out to detect it), got 1250",
        id="encoding a number (a traceback)",
    ),
    pytest.param(
        [(("files", "leads", "encoding"), "base64")],
        'files.leads.encoding: expected a text encoding, e.g. "utf-8", "cp1250" or "utf-16" '
        '(leave it out to detect it), got "base64"',
        id="encoding of bytes, not text",
    ),
    pytest.param(
        [(("files", "leads", "delimiter"), ";;")],
        'files.leads.delimiter: expected one character, e.g. ";" or "\\t" (leave it out to '
        'detect it), got ";;"',
        id="two-character delimiter (a traceback)",
    ),
    pytest.param(
        [((*ONLY_IF.split("."),), {"stag": ["won", "lost"]})],
        f'{ONLY_IF}: "stag" is not a column of deals: only_if names one of ours ({DEAL_COLUMNS})'
        ', whose value after mapping decides, e.g. {"stage": ["won", "lost"]}',
        id="unknown only_if column (a traceback)",
    ),
    pytest.param(
        [((*ONLY_IF.split("."),), {"Stage": ["won", "lost"]})],
        f'{ONLY_IF}: "Stage" is not a column of deals: only_if names one of ours ({DEAL_COLUMNS})'
        ', whose value after mapping decides, e.g. {"stage": ["won", "lost"]}',
        id="only_if on their column name (a traceback, issue 13)",
    ),
    pytest.param(
        [(("tables", "deals", "columns", "stage"), GONE)],
        f"{ONLY_IF}: the mapping does not fill stage, so closed_at would always be empty; map "
        "stage too (in tables.deals.columns)",
        id="only_if on a column the mapping leaves empty",
    ),
    pytest.param(
        [((*ONLY_IF.split("."),), {"stage": ["won"], "amount": ["0"]})],
        f"{ONLY_IF}: expected one of our columns of the table and a list of its values (ours, "
        'after mapping), e.g. {"stage": ["won", "lost"]}, got {"stage": ["won"], "amount": '
        '["0"]}',
        id="only_if on two columns (only the first was used)",
    ),
    pytest.param(
        [(("files", "leads", "dayfirst"), True)],
        'files.leads: unknown key "dayfirst" (did you mean "day_first"?); the keys are match, '
        "delimiter, encoding, sheet, day_first, decimal_comma, empty_values, time_zone",
        id="misspelt file key",
    ),
    pytest.param(
        [(("files", "leads", "match"), GONE)],
        'files.leads: "match" is missing (a list of file name patterns, e.g. ["*deal*.csv", '
        '"*deal*.xlsx"])',
        id="match missing",
    ),
    pytest.param(
        [(("tables", "leads", "columns", "channel"), {"column": "Lead Source", "value": "web"})],
        'tables.leads.columns.channel: give one of "column", "lookup", "value" or '
        '"row_number": true, got "column" and "value"',
        id="a column from two sources",
    ),
    pytest.param(
        [(("tables", "leads", "columns", "lead_id"), {"row_number": "true"})],
        "tables.leads.columns.lead_id.row_number: expected true or false (without quotes), "
        'got "true"',
        id="row_number as a string",
    ),
    pytest.param(
        [(("tables", "deals", "columns", "amount"), {"value": 0})],
        'tables.deals.columns.amount.value: expected text (in quotes), e.g. "unknown" or '
        '"2020-01-01", got 0',
        id="a fixed value as a number",
    ),
    pytest.param(
        [(("tables", "leads", "columns", "chanel"), "Lead Source")],
        'tables.leads.columns: "chanel" is not a column of leads; its columns are lead_id, '
        "created_at, channel, campaign_id, company, industry, company_size, job_title, "
        "seniority, country, owner, score_at_handoff, mql_at, handoff_at, first_response_at, "
        "accepted_at, rejected_at, rejection_reason, recycled_at, disqualified_at, "
        "disqualification_reason, disqualified_by, lead_status",
        id="unknown column of ours",
    ),
    pytest.param(
        [(("tables", "contacts"), {"file": "leads", "columns": {}})],
        'tables: unknown table "contacts"; our tables are leads, touchpoints, deals, campaigns',
        id="unknown table",
    ),
    pytest.param(
        [(("tables", "deals", "file"), "opportunities")],
        'tables.deals.file: no file "opportunities" in "files" (it has "leads", "deals")',
        id="a file the mapping does not name",
    ),
    pytest.param(
        [(("tables", "leads", "keep_rows"), {"Lead Status": "Open"})],
        "tables.leads.keep_rows: expected an object: their column → a list of its values, e.g. "
        '{"Converted": ["1"]}, got {"Lead Status": "Open"}',
        id="keep_rows value as a string (its letters were the values)",
    ),
    pytest.param(
        [(("files", "accounts"), {"match": ["accounts*.csv"]}),
         (("tables", "leads", "lookup"), {"file": "accounts", "key": "account"})],
        'tables.leads.lookup: "on" is missing (a column name of the table\'s own file, e.g. '
        '"account")',
        id="a lookup without its own file's column",
    ),
    pytest.param(
        [(("tables", "leads", "columns", "industry"), {"lookup": "sector"})],
        'tables.leads.columns.industry.lookup: the table has no "lookup" file to look "sector" '
        'up in (tables.leads.lookup: an object with "file", "key" and "on", e.g. {"file": '
        '"accounts", "key": "account", "on": "account"})',
        id="a lookup column without a lookup file",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_mapping_schema_names_the_file_and_key_of_each_mistake(tmp_path, changes, message):
    path = write_mapping(tmp_path, changed(*changes))
    with pytest.raises(mappings.MappingError) as refused:
        mappings.load(path)
    assert refused.value.problems == [f"{path}: {message}"]


def test_mapping_schema_lists_every_problem_of_a_file(tmp_path):
    path = write_mapping(
        tmp_path,
        changed((("files", "leads", "day_first"), "false"), (("files", "deals", "match"), 5)),
    )
    with pytest.raises(mappings.MappingError) as refused:
        mappings.load(path)
    assert str(refused.value).splitlines() == [
        f'{path}: files.leads.day_first: expected true or false (without quotes), got "false"',
        f"{path}: files.deals.match: expected a list of file name patterns, e.g. "
        '["*deal*.csv", "*deal*.xlsx"], got 5',
    ]


def test_mapping_schema_refuses_a_file_that_is_not_a_mapping(tmp_path):
    not_json = tmp_path / "broken.json"
    not_json.write_text('{"name": "crm",', encoding="utf-8")
    array = write_mapping(tmp_path, [BASE], "array.json")
    with pytest.raises(mappings.MappingError) as refused:
        mappings.load(not_json)
    assert refused.value.problems == [
        f"{not_json}: not valid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 16 (char 15))"
    ]
    with pytest.raises(mappings.MappingError) as refused:
        mappings.load(array)
    assert refused.value.problems[0].startswith(
        f'{array}: expected a JSON object with "files" and "tables", got [{{"name": "crm"'
    )


@pytest.mark.parametrize("path", sorted(mappings.PRESETS.glob("*.json")), ids=lambda p: p.stem)
def test_mapping_schema_every_preset_loads_as_written(path):
    mapping = mappings.load(path)
    # Nothing in the file is lost on the way in: written back, it is the same mapping.
    assert mapping.to_dict() == json.loads(path.read_text(encoding="utf-8"))


def test_mapping_schema_a_broken_saved_mapping_leaves_the_suggestion_working(tmp_path, monkeypatch):
    monkeypatch.setattr(mappings, "SAVED", tmp_path)
    write_mapping(tmp_path, changed((("files", "leads", "dayfirst"), True)), "broken.json")
    pipeline = ["opportunity_id", "sales_agent", "deal_stage", "engage_date", "close_date",
                "close_value", "account"]  # fmt: skip
    headers = {"sales_pipeline.csv": pipeline}
    assert mappings.suggest(headers).name == "maven_crm"


names = st.text(min_size=1, max_size=6)
texts = st.text(max_size=6)


@st.composite
def valid_mappings(draw) -> mappings.Mapping:
    keys = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    files = {
        key: mappings.FileRule(
            match=draw(st.lists(names, min_size=1, max_size=2)),
            delimiter=draw(st.sampled_from([None, ",", ";", "\t", "|"])),
            encoding=draw(st.sampled_from([None, "utf-8", "cp1250", "utf-16"])),
            sheet=draw(st.none() | names),
            day_first=draw(st.booleans()),
            decimal_comma=draw(st.sampled_from([None, True, False])),
            empty_values=draw(st.lists(texts, max_size=2)),
        )
        for key in keys
    }
    tables = {}
    for table in draw(st.lists(st.sampled_from(list(mappings.TARGETS)), min_size=1, unique=True)):
        ours = list(mappings.TARGETS[table])
        lookup = draw(
            st.none()
            | st.fixed_dictionaries(
                {"file": st.sampled_from(keys), "key": names, "on": names}
            )  # fmt: skip
        )
        filled = draw(st.lists(st.sampled_from(ours), min_size=1, unique=True))
        columns = {}
        for column in filled:
            source = draw(st.sampled_from(["column", "value", "row_number"]
                                          + (["lookup"] if lookup else [])))  # fmt: skip
            others = [c for c in filled if c != column]
            columns[column] = mappings.ColumnRule(
                columns=draw(st.lists(names, min_size=1, max_size=2)) if source == "column" else [],
                lookup=draw(names) if source == "lookup" else None,
                value=draw(texts) if source == "value" else None,
                row_number=source == "row_number",
                default=draw(st.none() | texts),
                why=draw(st.none() | texts),
                only_if=draw(
                    st.none()
                    | st.dictionaries(
                        st.sampled_from(others), st.lists(texts, min_size=1), min_size=1, max_size=1
                    )  # fmt: skip
                )
                if others
                else None,
            )
        tables[table] = mappings.TableRule(
            file=draw(st.sampled_from(keys)),
            columns=columns,
            values=draw(
                st.dictionaries(st.sampled_from(ours), st.dictionaries(texts, texts), max_size=2)
            ),  # fmt: skip
            keep_rows=draw(st.dictionaries(names, st.lists(texts), max_size=2)),
            skip_rows=draw(st.dictionaries(names, st.lists(texts), max_size=2)),
            lookup=lookup,
        )
    return mappings.Mapping(
        name=draw(names),
        files=files,
        tables=tables,
        description=draw(texts),
        notes=draw(st.lists(texts, max_size=2)),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_mappings())
def test_mapping_schema_round_trip_changes_nothing(mapping):
    again = mappings.Mapping.from_dict(json.loads(mapping.to_json()))
    assert again == mapping
    assert again.to_dict() == mapping.to_dict()


def test_mapping_schema_cli_prints_the_problems_without_a_traceback(tmp_path):
    mapping = write_mapping(
        tmp_path, changed((("files", "leads", "match"), 5), (("files", "leads", "delimiter"), ";;"))
    )
    leads = tmp_path / "leads.csv"
    leads.write_text("Lead ID,Created,Lead Source\nL1,2026-01-05,webinar\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "leadflow.importer", "--mapping", str(mapping),
         "--db", str(tmp_path / "leadflow.duckdb"), "--dry-run", str(leads)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    # (Streamlit's caching may warn on stderr that no app is running: not ours to check.)
    assert [line for line in done.stderr.splitlines() if "WARNING streamlit" not in line] == [
        f"error: {mapping}: files.leads.match: expected a list of file name patterns, e.g. "
        '["*deal*.csv", "*deal*.xlsx"], got 5',
        f'error: {mapping}: files.leads.delimiter: expected one character, e.g. ";" or "\\t" '
        '(leave it out to detect it), got ";;"',
    ]
    assert done.stdout == ""


def test_mapping_schema_import_page_shows_the_problems_of_a_saved_mapping(
    tmp_path, monkeypatch, use_fixture_db
):
    monkeypatch.setattr(mappings, "SAVED", tmp_path)
    write_mapping(tmp_path, changed((("files", "leads", "day_first"), "false")), "my_crm.json")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    upload(at, ("leads.csv", b"Lead ID,Created,Lead Source\nL1,2026-01-05,webinar\n"))
    at.selectbox(key="mapping_choice").set_value("my_crm").run()
    assert not at.exception, [e.message for e in at.exception]
    # The page shows the message as text: its Markdown escapes taken off, it reads as written.
    shown = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]
    assert shown == [
        f"{tmp_path}/my_crm.json: files.leads.day_first: expected true or false (without "
        'quotes), got "false"'
    ]
    assert not any(b.label == "Check the files" for b in at.button)


def documented_keys() -> dict[str, set[str]]:
    """The keys docs/mapping.md lists in each section's table: `| `key` | …` rows."""
    found: dict[str, set[str]] = {}
    section = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif section and (row := re.match(r"\| `([a-z_]+)` \|", line)):
            found.setdefault(section, set()).add(row.group(1))
    return found


def test_mapping_schema_every_key_is_documented():
    documented = documented_keys()
    for spec in mappings.SPECS:
        # Each part of the file has a section whose heading is the spec's docstring's start
        # ("files.<name>"), listing its keys, no more and no fewer.
        heading = spec.__doc__.split(":")[0]
        assert set(spec.model_fields) == documented.get(heading), heading


def test_mapping_schema_documented_example_is_a_valid_mapping():
    example = re.search(r"## A whole mapping\n\n```json\n(.*?)```", DOCS.read_text("utf-8"), re.S)
    mapping = mappings.Mapping.from_dict(json.loads(example.group(1)))
    assert list(mapping.tables) == ["leads", "deals"]
