"""Mappings: which column of a CRM export fills which column of the data model, and how its values
translate to ours. Saved as small JSON files the page and the command line share."""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leadflow import db

PRESETS = db.ROOT / "mappings"  # shipped with the app
SAVED = db.ROOT / "data" / "mappings"  # saved from the Import data page

# What each column of the data model holds, for people choosing a source column, and how it is
# read: an id, text, a timestamp or a number. Required columns must be filled on every row.
KIND = {"text", "id", "timestamp", "number", "integer"}


@dataclass(frozen=True)
class Target:
    kind: str
    required: bool
    label: str


TARGETS: dict[str, dict[str, Target]] = {
    "leads": {
        "lead_id": Target("id", True, "the lead's id in the CRM"),
        "created_at": Target("timestamp", True, "when the lead was created"),
        "channel": Target("text", True, "where it came from (source, medium)"),
        "campaign_id": Target("text", False, "the campaign that brought it"),
        "company": Target("text", False, "company name"),
        "industry": Target("text", False, "industry"),
        "company_size": Target("integer", False, "employees"),
        "job_title": Target("text", False, "job title"),
        "seniority": Target("text", False, "seniority"),
        "country": Target("text", False, "country"),
        "owner": Target("text", False, "the sales rep it was handed to"),
        "score_at_handoff": Target("integer", False, "lead score at handoff"),
        "mql_at": Target("timestamp", False, "when it became an MQL"),
        "handoff_at": Target("timestamp", False, "when marketing handed it to sales"),
        "first_response_at": Target("timestamp", False, "first response from sales"),
        "accepted_at": Target("timestamp", False, "when sales accepted it (SQL)"),
        "rejected_at": Target("timestamp", False, "when sales rejected it"),
        "rejection_reason": Target("text", False, "why sales rejected it"),
        "recycled_at": Target("timestamp", False, "when it went back to nurture"),
    },
    "touchpoints": {
        "touchpoint_id": Target("id", True, "the interaction's id"),
        "lead_id": Target("id", True, "the lead it belongs to"),
        "occurred_at": Target("timestamp", True, "when it happened"),
        "type": Target("text", True, "e-mail open, download, webinar, …"),
        "campaign_id": Target("text", False, "the campaign it belongs to"),
        "value": Target("number", False, "e.g. webinar minutes"),
    },
    "deals": {
        "deal_id": Target("id", True, "the deal's id"),
        "lead_id": Target("id", True, "the lead it came from"),
        "created_at": Target("timestamp", True, "when the deal was opened"),
        "closed_at": Target("timestamp", False, "when it was won or lost"),
        "stage": Target("text", True, "open, won or lost"),
        "amount": Target("number", True, "amount (PLN)"),
        "lost_reason": Target("text", False, "why it was lost"),
    },
    "campaigns": {
        "campaign_id": Target("id", True, "the campaign's id"),
        "name": Target("text", True, "its name"),
        "channel": Target("text", True, "its channel"),
    },
}
assert {t: tuple(c) for t, c in TARGETS.items()} == {t: db.IMPORT_TABLES[t] for t in TARGETS}
ENTITY = {"leads": "lead", "touchpoints": "touchpoint", "deals": "deal", "campaigns": "campaign"}

# Our values where the data model has a fixed list (deal stages), or an agreed one (DOMAIN.md's
# rejection reasons), offered when mapping their values to ours.
OUR_VALUES = {
    ("deals", "stage"): ["open", "won", "lost"],
    ("leads", "rejection_reason"): [
        "no budget",
        "company too small",
        "not the decision maker",
        "wrong timing / no project",
        "outside ICP industry",
        "student or researcher",
        "competitor",
        "duplicate",
        "bad contact data",
        "already a customer",
    ],
    ("deals", "lost_reason"): ["price", "competitor", "no decision", "timing", "no budget"],
}

# Placeholders that exports write for "empty", besides an empty field.
EMPTY_VALUES = ("null", "n/a", "#n/a", "none", "nan", "-")


def normalized(header: str) -> str:
    """A header as compared: no BOM, case, spaces or punctuation ('Create Date ' = 'createdate')."""
    return re.sub(r"[^0-9a-ząćęłńóśźż]", "", header.replace("\ufeff", "").lower())


@dataclass
class FileRule:
    """Which files a mapping reads, and how to read them."""

    match: list[str]  # file name patterns, e.g. "*deals*.csv" (case does not matter)
    delimiter: str | None = None  # None: detected from the header
    encoding: str | None = None  # None: detected (UTF-8 or UTF-16 by their marks, else cp1250)
    sheet: str | None = None  # a workbook's sheet; None: the first
    day_first: bool = False  # 1/2/2026 is 1 February (otherwise 2 January); 1.2.2026 always is
    decimal_comma: bool | None = None  # None: yes when the delimiter is ';' (Excel in Poland)
    empty_values: list[str] = field(default_factory=list)  # more placeholders for "empty"

    def matches(self, name: str) -> bool:
        return any(fnmatch.fnmatch(name.lower(), p.lower()) for p in self.match)


@dataclass
class ColumnRule:
    """How one column of ours is filled: from their column(s), a lookup, a fixed value, or a
    number made from the row's position."""

    columns: list[str] = field(default_factory=list)  # their headers: the first non-empty wins
    lookup: str | None = None  # a header of the table's lookup file
    value: str | None = None  # the same value on every row
    default: str | None = None  # where their value is empty
    only_if: dict[str, list[str]] | None = None  # {our column: our values}: else left empty
    row_number: bool = False  # an id made of the file name and the row's number

    @classmethod
    def parse(cls, spec: Any) -> ColumnRule:
        if isinstance(spec, str):
            return cls(columns=[spec])
        spec = dict(spec)
        columns = spec.pop("column", [])
        rule = cls(
            columns=[columns] if isinstance(columns, str) else list(columns),
            lookup=spec.pop("lookup", None),
            value=spec.pop("value", None),
            default=spec.pop("default", None),
            only_if=spec.pop("only_if", None),
            row_number=bool(spec.pop("row_number", False)),
        )
        spec.pop("why", None)
        if spec:
            raise ValueError(f"unknown keys {sorted(spec)}")
        if (
            sum([bool(rule.columns), rule.lookup is not None, rule.value is not None])
            + int(rule.row_number)
            != 1
        ):
            raise ValueError('give one of "column", "lookup", "value" or "row_number"')
        return rule

    def dump(self) -> Any:
        if self.columns and len(self.columns) == 1 and self == ColumnRule(columns=self.columns):
            return self.columns[0]
        out: dict[str, Any] = {}
        if self.columns:
            out["column"] = self.columns[0] if len(self.columns) == 1 else self.columns
        for key in ("lookup", "value", "default", "only_if"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.row_number:
            out["row_number"] = True
        return out

    def describe(self) -> str:
        if self.value is not None:
            return f'always "{self.value}"'
        if self.row_number:
            return "numbered by row"
        if self.lookup is not None:
            return f'"{self.lookup}" (looked up)'
        return " or ".join(f'"{c}"' for c in self.columns)


@dataclass
class TableRule:
    """One table of ours filled from one of the mapping's files."""

    file: str  # a key of Mapping.files
    columns: dict[str, ColumnRule]
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # our column: {theirs: ours}
    keep_rows: dict[str, list[str]] = field(default_factory=dict)  # their column: values
    skip_rows: dict[str, list[str]] = field(default_factory=dict)
    lookup: dict[str, str] | None = None  # {"file": key, "key": their header, "on": our file's}


@dataclass
class Mapping:
    name: str
    files: dict[str, FileRule]
    tables: dict[str, TableRule]
    description: str = ""
    notes: list[str] = field(default_factory=list)  # what the data cannot provide, in words

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        try:
            files = {key: FileRule(**rule) for key, rule in data["files"].items()}
            tables = {}
            for table, rule in data["tables"].items():
                if table not in TARGETS:
                    raise ValueError(f"unknown table {table!r} (known: {', '.join(TARGETS)})")
                rule = dict(rule)
                columns = {}
                for column, spec in rule.pop("columns").items():
                    if column not in TARGETS[table]:
                        raise ValueError(f"{table}: unknown column {column!r}")
                    try:
                        columns[column] = ColumnRule.parse(spec)
                    except ValueError as error:
                        raise ValueError(f"{table}.{column}: {error}") from None
                tables[table] = TableRule(columns=columns, **rule)
                if tables[table].file not in files:
                    raise ValueError(f"{table}: no file {tables[table].file!r} in the mapping")
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a mapping: {error}") from None
        return cls(
            name=data.get("name", "mapping"),
            files=files,
            tables=tables,
            description=data.get("description", ""),
            notes=list(data.get("notes", [])),
        )

    def to_dict(self) -> dict[str, Any]:
        tables = {}
        for table, rule in self.tables.items():
            out: dict[str, Any] = {
                "file": rule.file,
                "columns": {c: r.dump() for c, r in rule.columns.items()},
            }
            for key in ("values", "keep_rows", "skip_rows", "lookup"):
                if getattr(rule, key):
                    out[key] = getattr(rule, key)
            tables[table] = out
        files = {}
        for key, rule in self.files.items():
            files[key] = {"match": rule.match}
            for name in ("delimiter", "encoding", "sheet", "decimal_comma"):
                if getattr(rule, name) is not None:
                    files[key][name] = getattr(rule, name)
            if rule.day_first:
                files[key]["day_first"] = True
            if rule.empty_values:
                files[key]["empty_values"] = rule.empty_values
        out = {"name": self.name}
        if self.description:
            out["description"] = self.description
        if self.notes:
            out["notes"] = self.notes
        return {**out, "files": files, "tables": tables}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")
        return path


def load(path: Path) -> Mapping:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error})") from None
    try:
        return Mapping.from_dict(data)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


def available() -> dict[str, Path]:
    """The mappings to choose from: the shipped presets, then the ones saved from the page."""
    found = {}
    for folder in (PRESETS, SAVED):
        for path in sorted(folder.glob("*.json")):
            found[path.stem] = path
    return found


def safe_name(name: str) -> str:
    """A file name for a mapping a person named."""
    return re.sub(r"[^a-z0-9_-]+", "_", name.strip().lower()).strip("_") or "my_mapping"


# Header names that suggest a column of ours, compared normalized: generic names, the export
# headers of HubSpot, Salesforce and Pipedrive, and Polish ones.
SYNONYMS: dict[str, dict[str, list[str]]] = {
    "leads": {
        "lead_id": ["lead_id", "Lead ID", "Record ID", "Contact ID", "Person - ID", "Prospect ID",
                    "id", "Lead Number", "ID leada", "Identyfikator"],
        "created_at": ["created_at", "Create Date", "Created Date", "Created", "Date Created",
                       "Person - Person created", "Lead created", "Data utworzenia", "Utworzono"],
        "channel": ["channel", "Original Source", "Lead Source", "Source", "Person - Source",
                    "Source channel", "UTM_Medium", "utm medium", "Medium", "Kanał", "Źródło"],
        "campaign_id": ["campaign_id", "Campaign", "UTM_Campaign", "utm campaign", "Kampania"],
        "company": ["company", "Company Name", "Company", "Company / Account", "Account Name",
                    "Person - Organization", "Organization", "Firma", "Nazwa firmy"],
        "industry": ["industry", "Industry", "Sector", "Branża"],
        "company_size": ["company_size", "Number of Employees", "No. of Employees", "Employees",
                         "Liczba pracowników"],
        "job_title": ["job_title", "Job Title", "Title", "Stanowisko"],
        "seniority": ["seniority", "Seniority", "Poziom stanowiska"],
        "country": ["country", "Country/Region", "Country", "Kraj"],
        "owner": ["owner", "Contact owner", "Lead Owner", "Owner", "Person - Owner", "Sales rep",
                  "Opiekun", "Handlowiec"],
        "score_at_handoff": ["score_at_handoff", "HubSpot Score", "Lead Score", "Score",
                             "Scoring"],
        "mql_at": ["mql_at", "Became a Marketing Qualified Lead Date", "MQL Date",
                   "Marketing Qualified Date", "Data MQL"],
        "handoff_at": ["handoff_at", "Owner assigned date", "Handoff Date", "Data przekazania"],
        "first_response_at": ["first_response_at", "First Response Date",
                              "Date of first engagement", "Pierwszy kontakt"],
        "accepted_at": ["accepted_at", "Became a Sales Qualified Lead Date", "SQL Date",
                        "Converted Date", "Data SQL", "Data akceptacji"],
        "rejected_at": ["rejected_at", "Disqualified Date", "Unqualified Date",
                        "Data odrzucenia"],
        "rejection_reason": ["rejection_reason", "Unqualified Reason", "Disqualification Reason",
                             "Rejection Reason", "Powód odrzucenia"],
        "recycled_at": ["recycled_at", "Recycled Date"],
    },
    "touchpoints": {
        "touchpoint_id": ["touchpoint_id", "Activity ID", "Engagement ID", "Activity - ID",
                          "Task ID", "Event ID"],
        "lead_id": ["lead_id", "Lead ID", "Contact ID", "Associated Contact IDs", "Who ID",
                    "Person - ID", "Activity - Contact person ID"],
        "occurred_at": ["occurred_at", "Activity Date", "Timestamp", "Date", "Activity - Due date",
                        "Engagement Date", "Data"],
        "type": ["type", "Activity Type", "Engagement Type", "Activity - Type", "Event Type",
                 "Typ"],
        "campaign_id": ["campaign_id", "Campaign", "UTM_Campaign"],
        "value": ["value", "Minutes", "Duration", "Wartość"],
    },
    "deals": {
        "deal_id": ["deal_id", "Deal ID", "Opportunity ID", "Deal - ID", "opportunity_id",
                    "ID szansy"],
        "lead_id": ["lead_id", "Lead ID", "Associated Contact IDs", "Contact ID", "Person - ID",
                    "Deal - Person ID", "Converted Lead ID"],
        "created_at": ["created_at", "Create Date", "Created Date", "Deal - Deal created",
                       "engage_date", "Data utworzenia"],
        "closed_at": ["closed_at", "Close Date", "close_date", "Deal - Won time",
                      "Deal - Lost time", "Data zamknięcia"],
        "stage": ["stage", "Deal Stage", "Stage", "Deal - Status", "deal_stage", "Etap", "Status"],
        "amount": ["amount", "Amount", "Deal - Value", "close_value", "Value", "Kwota",
                   "Wartość"],
        "lost_reason": ["lost_reason", "Closed Lost Reason", "Loss Reason", "Deal - Lost reason",
                        "Powód przegranej"],
    },
    "campaigns": {
        "campaign_id": ["campaign_id", "Campaign ID", "ID kampanii"],
        "name": ["name", "Campaign Name", "Nazwa"],
        "channel": ["channel", "Channel", "Type", "Kanał"],
    },
}  # fmt: skip


def suggest_columns(table: str, headers: list[str]) -> dict[str, ColumnRule]:
    """Their column for each of ours, by header name; columns with no match are left out."""
    by_name = {normalized(h): h for h in reversed(headers)}
    found: dict[str, ColumnRule] = {}
    taken: set[str] = set()
    for column, names in SYNONYMS[table].items():
        for name in names:
            header = by_name.get(normalized(name))
            if header is not None and header not in taken:
                found[column] = ColumnRule(columns=[header])
                taken.add(header)
                break
    return found


def _preset_fit(rule: TableRule, headers: list[str]) -> float:
    """The share of a preset table's columns this file has."""
    wanted = {normalized(c) for r in rule.columns.values() for c in r.columns}
    have = {normalized(h) for h in headers}
    return len(wanted & have) / len(wanted) if wanted else 0.0


def suggest(files: dict[str, list[str]]) -> Mapping:
    """A mapping for these files (name → headers): the preset with most tables whose columns
    (at least 60 % of them) the files carry, else one table per file, picked by which table's
    required columns its headers name."""
    presets = [load(p) for p in available().values()]
    best, best_score = None, (0, 0.0)
    for preset in presets:
        fits = [
            max(_preset_fit(rule, h) for h in files.values()) for rule in preset.tables.values()
        ]
        good = [f for f in fits if f >= 0.6]
        score = (len(good), sum(good) / len(good) if good else 0.0)
        if score > best_score:
            best, best_score = preset, score
    if best is not None:
        return best
    mapping = Mapping(name="suggested", files={}, tables={})
    for name, headers in files.items():
        key = Path(name).stem
        scored = []
        for table in TARGETS:
            if table in mapping.tables:
                continue
            columns = suggest_columns(table, headers)
            required = [c for c, t in TARGETS[table].items() if t.required]
            hits = sum(c in columns for c in required)
            scored.append((hits / len(required), len(columns), table, columns))
        if not scored:
            continue
        share, _, table, columns = max(scored)
        if share == 0:
            continue
        mapping.files[key] = FileRule(match=[name])
        mapping.tables[table] = TableRule(file=key, columns=columns)
    return mapping


# The mapping as tables a person can edit on the Import data page, and back.

EDITOR_COLUMNS = ["column", "holds", "theirs", "fixed", "also"]


def columns_frame(table: str, rule: TableRule | None):
    """One row per column of ours: what it holds, their column, a fixed value, and any other
    rule the mapping has for it (a lookup, a default), in words."""
    import pandas as pd

    rows = []
    for column, target in TARGETS[table].items():
        spec = rule.columns.get(column) if rule else None
        also = []
        if spec is not None:
            if spec.lookup is not None or spec.row_number or len(spec.columns) > 1:
                also.append(spec.describe())
            if spec.default is not None:
                also.append(f'"{spec.default}" where empty')
            if spec.only_if:
                ((other, values),) = spec.only_if.items()
                also.append(f"only where {other} is {' or '.join(values)}")
        rows.append(
            {
                "column": column,
                "holds": target.label + (" (required)" if target.required else ""),
                "theirs": spec.columns[0] if spec is not None and len(spec.columns) == 1 else "",
                "fixed": spec.value if spec is not None and spec.value is not None else "",
                "also": "; ".join(also),
            }
        )
    return pd.DataFrame(rows, columns=EDITOR_COLUMNS)


def apply_columns(table: str, rule: TableRule, frame) -> TableRule:
    """The table rule with the choices made in `frame` (see columns_frame): an unchanged row
    keeps its rule as it was."""
    before = columns_frame(table, rule).set_index("column")
    columns: dict[str, ColumnRule] = {}
    for row in frame.itertuples(index=False):
        theirs, fixed = _text(row.theirs), _text(row.fixed)
        was = before.loc[row.column]
        old = rule.columns.get(row.column)
        if old is not None and theirs == _text(was["theirs"]) and fixed == _text(was["fixed"]):
            columns[row.column] = old
        elif fixed is not None:
            columns[row.column] = ColumnRule(value=fixed)
        elif theirs is not None:
            default = old.default if old is not None else None
            columns[row.column] = ColumnRule(columns=[theirs], default=default)
    return TableRule(
        file=rule.file,
        columns=columns,
        values=rule.values,
        keep_rows=rule.keep_rows,
        skip_rows=rule.skip_rows,
        lookup=rule.lookup,
    )


def _text(value: Any) -> str | None:
    """A cell of an edited table as text, None when empty (pandas gives NaN or None)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value).strip() or None
