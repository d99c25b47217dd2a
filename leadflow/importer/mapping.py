"""Mappings: which column of a CRM export fills which column of the data model, and how its values
translate to ours. Saved as small JSON files the page and the command line share."""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import fnmatch
import functools
import json
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from leadflow import db
from leadflow.db import importing as engine

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
        "disqualified_at": Target(
            "timestamp", False, "when marketing or an SDR closed it, before any handoff"
        ),
        "disqualification_reason": Target("text", False, "why it was closed before handoff"),
        "disqualified_by": Target("text", False, "who closed it (an SDR, marketing)"),
        "lead_status": Target("text", False, "the CRM's lead status, kept as it is"),
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
        "amount": Target("number", True, "amount, in the deal's currency"),
        "lost_reason": Target("text", False, "why it was lost"),
        "currency": Target("text", False, "ISO code such as PLN or EUR (empty: PLN)"),
    },
    "campaigns": {
        "campaign_id": Target("id", True, "the campaign's id"),
        "name": Target("text", True, "its name"),
        "channel": Target("text", True, "its channel"),
    },
}
assert {t: tuple(c) for t, c in TARGETS.items()} == {t: engine.IMPORT_TABLES[t] for t in TARGETS}
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
    ("leads", "disqualification_reason"): [
        "bad contact data",
        "no need",
        "unsubscribed",
        "abandoned",
        "competitor",
    ],
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
    time_zone: str | None = None  # the zone its local times are in; None: the app's

    def matches(self, name: str) -> bool:
        return any(fnmatch.fnmatch(name.lower(), p.lower()) for p in self.match)


@dataclass
class ColumnRule:
    """How one column of ours is filled: from their column(s), a lookup, a fixed value, or a
    number made from the row's position."""

    columns: list[str] = field(default_factory=list)  # their headers: the first non-empty wins
    lookup: str | None = None  # a header of the table's lookup file
    lookup_file: str | None = None  # which lookup file, where the table has several
    value: str | None = None  # the same value on every row
    default: str | None = None  # where their value is empty
    only_if: dict[str, list[str]] | None = None  # {our column: our values}: else left empty
    only_if_theirs: dict[str, list[str]] | None = None  # {their header: their values}
    date_format: str | None = None  # a strptime pattern, or "excel"; None: the usual formats
    time_zone: str | None = None  # the zone its local times are in; None: its file's
    row_number: bool = False  # an id made of the file name and the row's number
    why: str | None = None  # a comment for people; the import ignores it

    @classmethod
    def parse(cls, spec: Any) -> ColumnRule:
        """One column's rule as a mapping file writes it; MappingError names what is wrong."""
        try:
            return _column_rule(ColumnSpec.model_validate(spec))
        except ValidationError as error:
            raise MappingError(_problems(error, ColumnSpec, spec)) from None

    def dump(self) -> Any:
        if self.columns and len(self.columns) == 1 and self == ColumnRule(columns=self.columns):
            return self.columns[0]
        out: dict[str, Any] = {}
        if self.columns:
            out["column"] = self.columns[0] if len(self.columns) == 1 else self.columns
        for key in ("lookup", "lookup_file", "value", "default", "only_if", "only_if_theirs",
                    "date_format", "time_zone", "why"):  # fmt: skip
            value = getattr(self, key)
            if value is not None and (not key.startswith("only_if") or value):
                out[key] = value
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
    # {"file": key, "key": their header, "on": our file's}, or a list of them (as written)
    lookup: dict[str, str] | list[dict[str, str]] | None = None

    @property
    def lookups(self) -> list[dict[str, str]]:
        """The table's lookup files, in the mapping's order."""
        if self.lookup is None:
            return []
        return self.lookup if isinstance(self.lookup, list) else [self.lookup]

    # Their extra columns kept as lead attributes (leads only): their header → "text"/"number".
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class Mapping:
    name: str
    files: dict[str, FileRule]
    tables: dict[str, TableRule]
    description: str = ""
    notes: list[str] = field(default_factory=list)  # what the data cannot provide, in words

    @classmethod
    def from_dict(cls, data: Any) -> Mapping:
        """A mapping as its JSON file holds it, checked against the format (docs/mapping.md):
        MappingError lists every problem, each naming its key."""
        try:
            spec = MappingSpec.model_validate(data)
        except ValidationError as error:
            raise MappingError(_problems(error, MappingSpec, data)) from None
        problems = _meaning_problems(spec, data)
        if problems:
            raise MappingError(problems)
        return cls(
            name=spec.name,
            files={key: FileRule(**rule.model_dump()) for key, rule in spec.files.items()},
            tables={
                table: TableRule(
                    file=rule.file,
                    columns={c: _column_rule(r) for c, r in rule.columns.items()},
                    values=rule.values,
                    keep_rows=rule.keep_rows,
                    skip_rows=rule.skip_rows,
                    lookup=_lookup_as_written(rule.lookup, data["tables"][table].get("lookup")),
                    attributes={header: kind for header, kind in rule.attributes.items()},
                )
                for table, rule in spec.tables.items()
            },
            description=spec.description,
            notes=spec.notes,
        )

    def to_dict(self) -> dict[str, Any]:
        tables = {}
        for table, rule in self.tables.items():
            out: dict[str, Any] = {
                "file": rule.file,
                "columns": {c: r.dump() for c, r in rule.columns.items()},
            }
            for key in ("values", "keep_rows", "skip_rows", "lookup", "attributes"):
                if getattr(rule, key):
                    out[key] = getattr(rule, key)
            tables[table] = out
        files: dict[str, dict[str, Any]] = {}
        for key, file_rule in self.files.items():
            files[key] = {"match": file_rule.match}
            for name in ("delimiter", "encoding", "sheet", "decimal_comma", "time_zone"):
                if getattr(file_rule, name) is not None:
                    files[key][name] = getattr(file_rule, name)
            if file_rule.day_first:
                files[key]["day_first"] = True
            if file_rule.empty_values:
                files[key]["empty_values"] = file_rule.empty_values
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


# The mapping file's format, checked with pydantic: strict types (the JSON string "false" is not
# false, "NA" is not a list) and no unknown keys, so a typo is refused instead of being ignored.
# Each key's `expected` is the wording of its error message; docs/mapping.md documents them all
# (tests/test_mapping_schema.py checks that every key is there).


class MappingError(ValueError):
    """A mapping that does not fit the format, or does not make sense: one line per problem, each
    naming the key (`files.leads.day_first: expected …, got …`)."""

    def __init__(self, problems: list[str], source: str | None = None) -> None:
        self.problems = [f"{source}: {p}" if source else p for p in problems]
        super().__init__("\n".join(self.problems))

    def of(self, source: str) -> MappingError:
        """The same problems, each naming the mapping's file."""
        return MappingError(self.problems, source)


def _key(expected: str, default: Any = ..., **constraints: Any) -> Any:
    return Field(default, json_schema_extra={"expected": expected}, **constraints)


def _expected(info: Any) -> str:
    """What a key made by _key() expects, in the words of the mapping's documentation."""
    return str(info.json_schema_extra["expected"])


Name = Annotated[str, StringConstraints(min_length=1)]
PATTERNS = 'a list of file name patterns, e.g. ["*deal*.csv", "*deal*.xlsx"]'
TRUE_OR_FALSE = "true or false (without quotes)"
ROW_RULE = 'an object: their column → a list of its values, e.g. {"Converted": ["1"]}'
ZONE = 'a time zone\'s IANA name, e.g. "America/New_York" or "Europe/Warsaw"'
DATE_FORMAT = (
    'a date format: strptime codes, e.g. "%Y%m%d" or "%d/%m/%Y %H:%M", or "excel" for Excel\'s '
    "serial day numbers"
)
# The strptime codes DuckDB reads (checked against it), but the offset ones: a time written with
# its offset is read, offset and all, from ISO 8601 without a date_format.
STRPTIME_CODES = (
    "%a", "%A", "%b", "%B", "%c", "%d", "%-d", "%g", "%G", "%h", "%H", "%-H", "%I", "%-I", "%j",
    "%-j", "%m", "%-m", "%M", "%-M", "%n", "%p", "%S", "%-S", "%u", "%U", "%V", "%w", "%W", "%x",
    "%X", "%y", "%-y", "%Y", "%%",
)  # fmt: skip
# 2026-11-22 14:05:09 (a Sunday) as each code writes it, for the examples in messages.
_EXAMPLE = {
    "%Y": "2026", "%y": "26", "%-y": "26", "%m": "11", "%-m": "11", "%d": "22", "%-d": "22",
    "%H": "14", "%-H": "14", "%I": "02", "%-I": "2", "%p": "PM", "%M": "05", "%-M": "5",
    "%S": "09", "%-S": "9", "%b": "Nov", "%h": "Nov", "%B": "November", "%a": "Sun",
    "%A": "Sunday", "%j": "326", "%-j": "326", "%f": "000000", "%%": "%",
}  # fmt: skip


def date_format_example(date_format: str) -> str | None:
    """22 November 2026, 14:05:09 written in `date_format` (None for codes without an example)."""
    if date_format == "excel":
        return "46348.586910"
    out = ""
    for part in re.split(r"(%-?.)", date_format):
        if part.startswith("%") and len(part) > 1:
            if part not in _EXAMPLE:
                return None
            part = _EXAMPLE[part]
        out += part
    return out


@functools.cache
def time_zones() -> frozenset[str]:
    """The IANA time zone names this machine's zone database knows."""
    # localtime is this machine's own zone, not a name the database's zone list has.
    return frozenset(zoneinfo.available_timezones()) - {"localtime"}


def _mapping_error(text: str) -> PydanticCustomError:
    # The text goes in as context, not as the template: a brace in it is not a placeholder.
    return PydanticCustomError("mapping", "{text}", {"text": text})


def _check_zone(value: str | None) -> str | None:
    if value is not None and value not in time_zones():
        same = [z for z in sorted(time_zones()) if z.lower() == value.lower().replace(" ", "_")]
        close = same or difflib.get_close_matches(value, sorted(time_zones()), n=1)
        raise _mapping_error(
            f"{_shown(value)} is not a time zone of the IANA database"
            + (f" (did you mean {_shown(close[0])}?)" if close else "")
            + '; write it like "America/New_York" or "Europe/Warsaw"'
        )
    return value


def _check_date_format(value: str | None) -> str | None:
    if value is None or value == "excel":
        return value
    codes = re.findall(r"%-?.?", value)
    unknown = [c for c in codes if c not in STRPTIME_CODES]
    if not codes:
        problem = 'it has no strptime codes: write it like "%Y%m%d", or "excel" for serial days'
    elif any(c in ("%z", "%Z") for c in codes):
        problem = (
            "it reads an offset (%z, %Z): leave date_format out, and times written with their "
            "offset in ISO 8601 (2026-11-22T14:05:00-05:00) are read with it"
        )
    elif unknown:
        problem = (
            f"{unknown[0]} is not a strptime code (the codes: " + " ".join(STRPTIME_CODES) + ")"
        )
    elif not {"%Y", "%y", "%-y"} & set(codes):
        problem = "it has no year (%Y, or %y for two digits)"
    else:
        return value
    raise _mapping_error(f"{_shown(value)} is not a date format: {problem}")


class _Spec(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    EXPECTED: ClassVar[str]


class FileSpec(_Spec):
    """files.<name>: which files are this kind, and how they are read."""

    EXPECTED: ClassVar[str] = 'an object such as {"match": ["*deal*.csv"]}'
    match: list[Name] = _key(PATTERNS, min_length=1)
    delimiter: str | None = _key(
        'one character, e.g. ";" or "\\t" (leave it out to detect it)', None
    )
    encoding: str | None = _key(
        'a text encoding, e.g. "utf-8", "cp1250" or "utf-16" (leave it out to detect it)', None
    )
    sheet: str | None = _key('a sheet\'s name, e.g. "Leads" (leave it out for the first)', None)
    day_first: bool = _key(TRUE_OR_FALSE, False)
    decimal_comma: bool | None = _key(
        TRUE_OR_FALSE + ', or leave it out to decide by the delimiter (";": true)', None
    )
    empty_values: list[str] = _key('a list of texts, e.g. ["NA", "unknown"]', [])
    time_zone: str | None = _key(ZONE + " (leave it out for the app's)", None)

    _known_zone = field_validator("time_zone")(lambda cls, value: _check_zone(value))

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, value: str | None) -> str | None:
        if value is not None and (len(value) != 1 or value in '"\r\n'):
            raise ValueError("not one character")
        return value

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                known = codecs.lookup(value)._is_text_encoding
            except LookupError:
                known = False
            if not known:
                raise ValueError("not a text encoding")
        return value


class ColumnSpec(_Spec):
    """tables.<table>.columns.<column>: where the values of one of our columns come from."""

    EXPECTED: ClassVar[str] = (
        'their column\'s name, e.g. "Create Date", or an object such as '
        '{"column": "Lead Source", "default": "unknown"}'
    )
    column: list[Name] | None = _key(
        'their column\'s name, or a list of names (the first non-empty wins), e.g. "Close Date" '
        'or ["Won time", "Lost time"]',
        None,
        min_length=1,
    )
    lookup: Name | None = _key('a column name of the lookup file, e.g. "sector"', None)
    lookup_file: Name | None = _key(
        'the "file" of one of the table\'s lookups, e.g. "sales_teams"', None
    )
    value: str | None = _key('text (in quotes), e.g. "unknown" or "2020-01-01"', None)
    default: str | None = _key('text (in quotes), e.g. "unknown" or "0"', None)
    only_if: dict[str, list[str]] | None = _key(
        "one of our columns of the table and a list of its values (ours, after mapping), "
        'e.g. {"stage": ["won", "lost"]}',
        None,
    )
    only_if_theirs: dict[str, list[str]] | None = _key(
        "one of their columns (a header of the table's file) and a list of its values, e.g. "
        '{"Decision": ["Accepted"]}',
        None,
    )
    date_format: str | None = _key(DATE_FORMAT, None)
    time_zone: str | None = _key(ZONE + " (leave it out for its file's)", None)
    row_number: bool = _key(TRUE_OR_FALSE, False)
    why: str | None = _key("text: a comment for people", None)

    _known_zone = field_validator("time_zone")(lambda cls, value: _check_zone(value))
    _known_format = field_validator("date_format")(lambda cls, value: _check_date_format(value))

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data

    @field_validator("column", mode="before")
    @classmethod
    def _one_column(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("only_if", "only_if_theirs")
    @classmethod
    def _one_condition(cls, value: dict[str, list[str]] | None) -> dict[str, list[str]] | None:
        if value is not None and (len(value) != 1 or not all(value.values())):
            raise ValueError("not one column with its values")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> ColumnSpec:
        given = [
            f'"{k}"'
            for k, v in (("column", self.column), ("lookup", self.lookup), ("value", self.value))
            if v is not None
        ] + (['"row_number": true'] if self.row_number else [])
        if len(given) != 1:
            raise PydanticCustomError(
                "mapping",
                'give one of "column", "lookup", "value" or "row_number": true'
                + ", got "
                + (" and ".join(given) if given else "none"),
            )
        return self


class LookupSpec(_Spec):
    """tables.<table>.lookup: a second file whose rows add columns to the table's rows."""

    EXPECTED: ClassVar[str] = (
        'an object with "file", "key" and "on", e.g. '
        '{"file": "accounts", "key": "account", "on": "account"}'
    )
    file: Name = _key('the name of one of the mapping\'s "files", e.g. "accounts"')
    key: Name = _key('a column name of the lookup file, e.g. "account"')
    on: Name = _key('a column name of the table\'s own file, e.g. "account"')


class TableSpec(_Spec):
    """tables.<table>: which file fills one of our tables, column by column."""

    EXPECTED: ClassVar[str] = (
        'an object such as {"file": "contacts", "columns": {"lead_id": "Record ID"}}'
    )
    file: Name = _key('the name of one of the mapping\'s "files", e.g. "contacts"')
    columns: dict[str, ColumnSpec] = _key(
        'an object: our column → their column, e.g. {"lead_id": "Record ID"}'
    )
    values: dict[str, dict[str, str]] = _key(
        'an object: our column → {their value: ours}, e.g. {"stage": {"closed won": "won", '
        '"*": "open"}}',
        {},
    )
    keep_rows: dict[str, list[str]] = _key(ROW_RULE, {})
    skip_rows: dict[str, list[str]] = _key(ROW_RULE, {})
    lookup: list[LookupSpec] | None = _key(
        LookupSpec.EXPECTED + ", or a list of them (one per lookup file)", None, min_length=1
    )

    @field_validator("lookup", mode="before")
    @classmethod
    def _one_lookup(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    attributes: dict[Name, Literal["text", "number"]] = _key(
        'an object: their column → "text" or "number", e.g. {"Lead Origin": "text", '
        '"TotalVisits": "number"}',
        {},
    )


class MappingSpec(_Spec):
    """The top level: the mapping's name, its files and its tables."""

    EXPECTED: ClassVar[str] = 'a JSON object with "files" and "tables"'
    name: Name = _key('the mapping\'s name (text, not empty), e.g. "hubspot"', "mapping")
    description: str = _key("text", "")
    notes: list[str] = _key('a list of texts, e.g. ["The export has no handoff dates."]', [])
    files: dict[str, FileSpec] = _key(
        'an object naming each kind of file, e.g. {"deals": {"match": ["*deal*.csv"]}}',
        min_length=1,
    )
    tables: dict[str, TableSpec] = _key(
        'an object naming our tables, e.g. {"leads": {"file": "contacts", "columns": {…}}}',
        min_length=1,
    )


SPECS: tuple[type[_Spec], ...] = (MappingSpec, FileSpec, TableSpec, ColumnSpec, LookupSpec)


def _column_rule(spec: ColumnSpec) -> ColumnRule:
    return ColumnRule(
        columns=spec.column or [],
        lookup=spec.lookup,
        value=spec.value,
        default=spec.default,
        only_if=spec.only_if,
        only_if_theirs=spec.only_if_theirs,
        date_format=spec.date_format,
        time_zone=spec.time_zone,
        lookup_file=spec.lookup_file,
        row_number=spec.row_number,
        why=spec.why,
    )


def _lookup_as_written(specs: list[LookupSpec] | None, written: Any) -> Any:
    """The table's lookups as the file wrote them: one object, or a list."""
    if specs is None:
        return None
    if isinstance(written, dict):
        return specs[0].model_dump()
    return [s.model_dump() for s in specs]


def key_path(parts: tuple[str | int, ...]) -> str:
    """A key's place in the file, as the messages name it: tables.leads.keep_rows["Deal Stage"]."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def _shown(value: Any, limit: int = 80) -> str:
    """A value as the file wrote it (JSON), cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_at(model: type[_Spec], loc: tuple) -> tuple[int, str, type[_Spec] | None]:
    """Where an error at `loc` is reported: how much of `loc` names the key (a key of a model,
    or an entry of an object of models), what that key expects, and the model at the end of
    `loc` (for unknown and missing keys)."""
    kind: Any = model
    cut, expected = 0, model.EXPECTED
    i = 0
    while True:
        while get_origin(kind) is Annotated or type(None) in get_args(kind):  # X | None
            kind = next(a for a in get_args(kind) if a is not type(None))
        if i == len(loc):
            break
        if isinstance(kind, type) and issubclass(kind, _Spec):
            info = kind.model_fields.get(loc[i])
            if info is None:
                break
            kind, i = info.annotation, i + 1
            cut, expected = i, _expected(info)
        elif get_origin(kind) in (dict, list):
            kind, i = get_args(kind)[-1], i + 1
            if isinstance(kind, type) and issubclass(kind, _Spec):
                cut, expected = i, kind.EXPECTED
        else:
            break
    at = kind if isinstance(kind, type) and issubclass(kind, _Spec) and i == len(loc) else None
    return cut, expected, at


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        data = data[part]
    return data


def _written(data: Any, loc: tuple) -> tuple:
    """`loc` as the file is written: without the place in a list that the model made of one
    object (a table's one lookup)."""
    out = []
    for part in loc:
        if isinstance(part, int) and not isinstance(data, list):
            continue
        out.append(part)
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            data = None
    return tuple(out)


def _problems(error: ValidationError, model: type[_Spec], data: Any) -> list[str]:
    """pydantic's errors as one sentence each, in the words of the mapping file."""
    out: list[str] = []
    for e in error.errors():
        loc = tuple(e["loc"])
        if e["type"] in ("extra_forbidden", "missing"):
            *parent, last = loc
            _, _, at = _field_at(model, tuple(parent))
            where = f"{key_path(_written(data, tuple(parent)))}: " if parent else ""
            if e["type"] == "missing" and at is not None:
                expected = _expected(at.model_fields[str(last)])
                out.append(f'{where}"{last}" is missing ({expected})')
                continue
            known = list(at.model_fields) if at is not None else []
            close = difflib.get_close_matches(str(last), known, n=1)
            out.append(
                f"{where}unknown key {_shown(last)}"
                + (f" (did you mean {_shown(close[0])}?)" if close else "")
                + ("" if parent else " at the top level")
                + (f"; the keys are {', '.join(known)}" if known else "")
            )
            continue
        cut, expected, _ = _field_at(model, loc)
        where = f"{key_path(_written(data, loc[:cut]))}: " if cut else ""
        if e["type"] == "mapping":
            out.append(where + e["msg"])
        else:
            try:
                given = _value_at(data, loc[:cut])
            except (KeyError, IndexError, TypeError):  # a shorthand the model expanded
                given = e["input"]
            shown = _shown(given)
            if shown.endswith("…") and cut < len(loc):  # too long to see the bad part: point at it
                shown = f"{_shown(e['input'])} at {key_path(_written(data, loc))}"
            out.append(f"{where}expected {expected}, got {shown}")
    return list(dict.fromkeys(out))


def _meaning_problems(spec: MappingSpec, data: Any) -> list[str]:
    """What the format alone cannot check: our tables and columns, and the names that refer to
    another part of the mapping."""
    out: list[str] = []
    files = ", ".join(f'"{k}"' for k in spec.files)
    for table, rule in spec.tables.items():
        at = ("tables", table)
        if table not in TARGETS:
            out.append(
                f"{key_path(('tables',))}: unknown table {_shown(table)}; our tables are "
                + ", ".join(TARGETS)
            )
            continue
        ours = ", ".join(TARGETS[table])
        if rule.file not in spec.files:
            out.append(f"{key_path((*at, 'file'))}: no file {_shown(rule.file)} in \"files\" "
                       f"(it has {files})")  # fmt: skip
        if rule.attributes and table != "leads":
            out.append(
                f"{key_path((*at, 'attributes'))}: only leads keep attributes (their extra "
                "columns); move them to tables.leads"
            )
        lookups = rule.lookup or []
        one = len(lookups) == 1 and isinstance(data["tables"][table].get("lookup"), dict)
        lookup_files = [lookup.file for lookup in lookups]
        for i, lookup in enumerate(lookups):
            where: tuple[str | int, ...] = (*at, "lookup") if one else (*at, "lookup", i)
            if lookup.file not in spec.files:
                out.append(
                    f"{key_path((*where, 'file'))}: no file {_shown(lookup.file)} in "
                    f'"files" (it has {files})'
                )
            elif lookup_files.index(lookup.file) < i:
                out.append(
                    f"{key_path((*where, 'file'))}: {_shown(lookup.file)} is looked up twice "
                    "in this table: one lookup per file, its columns all come from that one"
                )
        shown_files = ", ".join(f'"{f}"' for f in lookup_files)
        for key in ("columns", "values"):
            for column in getattr(rule, key):
                if column not in TARGETS[table]:
                    out.append(
                        f"{key_path((*at, key))}: {_shown(column)} is not a column of {table}; "
                        f"its columns are {ours}"
                    )
        for column, column_rule in rule.columns.items():
            where = (*at, "columns", column)
            if column_rule.lookup is not None and rule.lookup is None:
                out.append(
                    f'{key_path((*where, "lookup"))}: the table has no "lookup" file to look '
                    f'"{column_rule.lookup}" up in ({key_path((*at, "lookup"))}: '
                    f"{LookupSpec.EXPECTED})"
                )
            elif column_rule.lookup_file is not None and column_rule.lookup is None:
                out.append(
                    f"{key_path((*where, 'lookup_file'))}: names the lookup file to take "
                    '"lookup" from, but the column has no "lookup" (a column name of that file, '
                    'e.g. {"lookup": "Rep name", "lookup_file": "sales_teams"})'
                )
            elif column_rule.lookup_file not in (None, *lookup_files):
                out.append(
                    f"{key_path((*where, 'lookup_file'))}: {_shown(column_rule.lookup_file)} is "
                    f"not one of the table's lookup files ({shown_files or 'it has none'})"
                )
            elif column_rule.lookup and len(lookups) > 1 and not column_rule.lookup_file:
                out.append(
                    f"{key_path((*where, 'lookup'))}: the table has {len(lookups)} lookup files "
                    f'({shown_files}): say which one "{column_rule.lookup}" is in, e.g. '
                    f'"lookup_file": "{lookup_files[-1]}"'
                )
            target = TARGETS[table].get(column)
            for key in ("date_format", "time_zone"):
                if getattr(column_rule, key) is not None and target and target.kind != "timestamp":
                    out.append(
                        f"{key_path((*where, key))}: {column} is not a date column "
                        f"({target.kind}): {key} is for the timestamps of {table} ("
                        + ", ".join(c for c, t in TARGETS[table].items() if t.kind == "timestamp")
                        + ")"
                    )
            if column_rule.only_if:
                ((other, _),) = column_rule.only_if.items()
                if other not in TARGETS[table]:
                    out.append(
                        f"{key_path((*where, 'only_if'))}: {_shown(other)} is not a column of "
                        f"{table}: only_if names one of ours ({ours}), whose value after mapping "
                        'decides, e.g. {"stage": ["won", "lost"]}'
                    )
                elif other == column:
                    out.append(f"{key_path((*where, 'only_if'))}: {column} cannot depend on "
                               "itself")  # fmt: skip
                elif other not in rule.columns:
                    out.append(
                        f"{key_path((*where, 'only_if'))}: the mapping does not fill {other}, so "
                        f"{column} would always be empty; map {other} too (in "
                        f"{key_path((*at, 'columns'))})"
                    )
    return out


def load(path: Path) -> Mapping:
    """A mapping file; MappingError names the file in each problem (OSError: no such file)."""
    path = Path(path)
    # A file of the app's (a preset, one saved from the page) by its place in the project.
    shown = path.relative_to(db.ROOT) if path.is_relative_to(db.ROOT) else path
    return read(path.read_bytes(), str(shown))


def read(data: bytes, source: str) -> Mapping:
    """A mapping from the bytes of its file (one uploaded on the page, say); MappingError names
    `source` in each problem."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise MappingError(["not UTF-8 text"], source) from None
    except json.JSONDecodeError as error:
        raise MappingError([f"not valid JSON ({error})"], source) from None
    except RecursionError:  # nested thousands deep: no mapping is
        raise MappingError(["not a mapping: nested too deep"], source) from None
    try:
        return Mapping.from_dict(parsed)
    except MappingError as error:
        raise error.of(source) from None
    except RecursionError:
        raise MappingError(["not a mapping: nested too deep"], source) from None


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


# Headers of a file that records sales' decision on each handoff (an opportunities or handoffs
# export with the date sales accepted or rejected the lead), compared normalized.
DECISION_DATES = {
    "accepted_at": ["Accepted Date", "Accepted At", "Date Accepted", "Sales Accepted Date",
                    "SAL Date", "Accepted by Sales Date", "Data akceptacji"],
    "rejected_at": ["Rejected Date", "Rejected At", "Date Rejected", "Sales Rejected Date",
                    "Rejected by Sales Date", "Disqualified Date", "Unqualified Date",
                    "Data odrzucenia"],
}  # fmt: skip
# A single column naming the decision (Accepted / Rejected): with one date of the decision it
# gives both dates, each where the column names its decision (only_if_theirs).
DECISION_COLUMNS = ["Sales Decision", "Decision", "Sales Status", "Accepted by Sales",
                    "SAL Status", "Handoff Status", "Decyzja"]  # fmt: skip
# The one date of the decision, whichever it was.
DECISION_DATE = ["Decision Date", "Decided At", "Date of Decision", "Sales Decision Date",
                 "Decided Date", "Data decyzji"]  # fmt: skip
# How decision columns write each decision, compared without case; any other value (an empty
# cell, "Pending") leaves the handoff open, which the Import page's preview shows.
ACCEPTED_WORDS = ["accepted", "accept", "yes", "true", "sql", "sales accepted", "qualified",
                  "zaakceptowany", "zaakceptowana", "zaakceptowano", "tak"]  # fmt: skip
REJECTED_WORDS = ["rejected", "reject", "no", "false", "sales rejected", "unqualified",
                  "disqualified", "odrzucony", "odrzucona", "odrzucono", "nie"]  # fmt: skip
# Deal stages that close a deal (won or lost), as exports write them: a decision file's rows in
# these stages are deals; its other rows are handoffs sales accepted, rejected or has open.
CLOSED_STAGES = ["won", "lost", "closed won", "closed lost", "closedwon", "closedlost",
                 "wygrana", "przegrana"]  # fmt: skip
# How alike a header and one of our names must be (difflib's ratio, on normalized text) for a
# header to be proposed by similarity.
SIMILAR = 0.85


def _similarity(header: str, names: list[str]) -> float:
    """How alike a header is to the best of `names`: 1 when equal, 0.9 when one holds the other
    (\"Lead Created Date\" holds \"Created Date\"), else difflib's ratio."""
    mine = normalized(header)
    best = 0.0
    for name in names:
        theirs = normalized(name)
        if not mine or not theirs:
            continue
        if mine == theirs:
            return 1.0
        if min(len(mine), len(theirs)) >= 5 and (mine in theirs or theirs in mine):
            best = max(best, 0.9)
        else:
            best = max(best, difflib.SequenceMatcher(None, mine, theirs).ratio())
    return best


def suggest_columns(table: str, headers: list[str]) -> dict[str, ColumnRule]:
    """Their column for each of ours: by a known header name, else by the most similar header
    name (ours, or a known one); columns with no header near enough are left out."""
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
    # Then by similarity, the closest pairs first, so a header goes to the column it is most like.
    pairs = sorted(
        (
            (_similarity(h, [column.replace("_", " "), *names]), i, column, h)
            for i, (column, names) in enumerate(SYNONYMS[table].items())
            if column not in found
            for h in headers
            if h not in taken
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    for score, _, column, header in pairs:
        if score < SIMILAR:
            break
        if column not in found and header not in taken:
            found[column] = ColumnRule(columns=[header])
            taken.add(header)
    return {c: found[c] for c in SYNONYMS[table] if c in found}


def _preset_fit(rule: TableRule, headers: list[str]) -> float:
    """The share of a preset table's columns this file has."""
    wanted = {normalized(c) for r in rule.columns.values() for c in r.columns}
    have = {normalized(h) for h in headers}
    return len(wanted & have) / len(wanted) if wanted else 0.0


def _header(headers: list[str], names: list[str]) -> str | None:
    """The first of `headers` that is one of `names`, compared normalized."""
    wanted = {normalized(n) for n in names}
    return next((h for h in headers if normalized(h) in wanted), None)


def _pattern(name: str) -> str:
    """A file name as a pattern that matches that name only ("export [1].csv" has brackets)."""
    return re.sub(r"([*?[])", r"[\1]", name)


def suggest(files: dict[str, list[str]], doubts: list[str] | None = None) -> Mapping:
    """A mapping for these files (name → headers): the preset with most tables whose columns
    (at least 60 % of them) the files carry, its file patterns widened to the files that fit
    it; else one table per file, picked by which table's required columns its headers name. A
    file that records sales' decisions fills the leads' accepted_at and rejected_at, not deals.
    Where it is unsure, a sentence for the user is added to `doubts`."""
    doubts = doubts if doubts is not None else []
    presets = []
    for path in available().values():
        try:
            presets.append(load(path))
        except (OSError, MappingError):  # the page says what is wrong with it when it is chosen
            continue
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
        mapping = best
        for table, rule in mapping.tables.items():
            fit, name = max((_preset_fit(rule, h), n) for n, h in files.items())
            file_rule = mapping.files[rule.file]
            named = [n for n in files if file_rule.matches(n)]
            if named:
                name = named[0]
            elif fit >= 0.6:
                # The preset's columns, under another file name than the preset expects.
                file_rule.match.append(_pattern(name))
            else:
                continue
            # A column the export lacks would stop the import: left out, and said if required.
            have = {normalized(h) for h in files[name]}
            for column, column_rule in list(rule.columns.items()):
                if column_rule.columns and not any(
                    normalized(c) in have for c in column_rule.columns
                ):
                    del rule.columns[column]
                    # The preset's note on that column would describe data this export lacks.
                    mapping.notes = [
                        n
                        for n in mapping.notes
                        if not any(c.lower() in n.lower() for c in column_rule.columns)
                    ]
                    if TARGETS[table][column].required:
                        doubts.append(
                            f"{name} has no column "
                            + " or ".join(f'"{c}"' for c in column_rule.columns)
                            + f" for {table}.{column} (required): choose theirs below"
                        )
    else:
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
            mapping.files[key] = FileRule(match=[_pattern(name)])
            mapping.tables[table] = TableRule(file=key, columns=columns)
            missing = [c for c, t in TARGETS[table].items() if t.required and c not in columns]
            if missing:
                doubts.append(
                    f"{name} looks like {table}, but no column of it is like "
                    + " or ".join(missing)
                    + " (required): choose their columns below, or a fixed value"
                )
    _decisions(mapping, files, doubts)
    for name in files:
        if not any(rule.matches(name) for rule in mapping.files.values()):
            doubts.append(
                f"{name}: its columns are like none of our tables: choose below what it holds, "
                "or leave it out"
            )
    return mapping


def _decisions(mapping: Mapping, files: dict[str, list[str]], doubts: list[str]) -> None:
    """A file that records sales' decision on each handoff (accepted or rejected, with dates)
    fills the leads' accepted_at, rejected_at and reason; only its closed rows are deals, since
    a lead with a deal counts as accepted. Changes `mapping` in place."""
    for name, headers in files.items():
        dates = {c: _header(headers, n) for c, n in DECISION_DATES.items()}
        status = _header(headers, DECISION_COLUMNS)
        lead = _header(headers, SYNONYMS["deals"]["lead_id"])
        leads = mapping.tables.get("leads")
        own = leads is not None and mapping.files[leads.file].matches(name)
        if not dates["rejected_at"] and not status:
            continue
        both = dates["rejected_at"] and dates["accepted_at"]
        one_date = None if both else _header(headers, DECISION_DATE)
        one_date = one_date or (None if both else dates["accepted_at"] or dates["rejected_at"])
        if not both and not (status and one_date):
            doubts.append(
                f'{name}: "{status or dates["rejected_at"] or dates["accepted_at"]}" looks like '
                "sales' accept or reject decision, but the file has no date for "
                + ("each" if not dates["rejected_at"] and not dates["accepted_at"] else "the other")
                + ' (e.g. "Accepted Date" and "Rejected Date"): map accepted_at and '
                "rejected_at of leads by hand; only its won and lost rows are deals, as a deal "
                "counts its lead as accepted"
            )
            _closed_deals_only(mapping, name, headers)
            continue
        reason = _header(headers, SYNONYMS["leads"]["rejection_reason"])
        created = _header(headers, SYNONYMS["deals"]["created_at"])
        owner = _header(headers, [*SYNONYMS["leads"]["owner"], "Opportunity Owner"])
        # Our column: (their header, the decision words it is taken on, or None for every row).
        wanted: dict[str, tuple[str | None, list[str] | None]] = {
            "accepted_at": (dates["accepted_at"], None),
            "rejected_at": (dates["rejected_at"], None),
            "rejection_reason": (reason, None),
        }
        if one_date and status:
            wanted = {
                "accepted_at": (one_date, ACCEPTED_WORDS),
                "rejected_at": (one_date, REJECTED_WORDS),
                "rejection_reason": (reason, REJECTED_WORDS),
            }
            doubts.append(
                f'{name}: "{one_date}" is the date sales decided, and "{status}" what they '
                "decided: accepted_at where it says Accepted, Yes or SQL (any case, Polish "
                "too), rejected_at where it says Rejected, No or Unqualified; any other value "
                "leaves the handoff open: check the funnel in the preview"
            )
        key = next((k for k, r in mapping.files.items() if r.matches(name)), None)
        if key is None:
            key = Path(name).stem
            while key in mapping.files:
                key += "_file"
            mapping.files[key] = FileRule(match=[_pattern(name)])
        if leads is None or own:
            # The decisions are the leads: one row per handoff.
            columns = suggest_columns("leads", headers)
            if lead:
                columns["lead_id"] = ColumnRule(columns=[lead])
            if status:  # their decision column is not also a lead status
                columns = {c: r for c, r in columns.items() if status not in r.columns}
            for column, (header, words) in wanted.items():
                if header:
                    columns[column] = ColumnRule(
                        columns=[header],
                        only_if_theirs={status: words} if status and words else None,
                    )
            mapping.tables["leads"] = TableRule(file=key, columns=columns)
            created = None  # the file's creation date is the lead's, not the handoff's
        else:
            on = leads.columns.get("lead_id")
            if lead is None or on is None or len(on.columns) != 1 or leads.lookup is not None:
                doubts.append(
                    f"{name} records sales' decisions, but they cannot be joined to the leads "
                    + (
                        "(the leads already look up another file)"
                        if leads.lookup is not None
                        else "by a lead id"
                    )
                    + ": map accepted_at and rejected_at by hand"
                )
                _closed_deals_only(mapping, name, headers)
                continue
            leads.lookup = {"file": key, "key": lead, "on": on.columns[0]}
            replaced = []
            for column, (header, words) in wanted.items():
                if header:
                    replaced += leads.columns.get(column, ColumnRule()).columns
                    leads.columns[column] = ColumnRule(
                        lookup=header, only_if_theirs={status: words} if status and words else None
                    )
            # A preset's note on a column it no longer reads would mislead.
            mapping.notes = [
                n for n in mapping.notes if not any(h.lower() in n.lower() for h in replaced)
            ]
            if created and "handoff_at" not in leads.columns:
                leads.columns["handoff_at"] = ColumnRule(lookup=created)
            if owner and "owner" not in leads.columns:
                leads.columns["owner"] = ColumnRule(lookup=owner)
        _closed_deals_only(mapping, name, headers)
        note = (
            f"{name} records sales' decisions: "
            + (
                f'"{one_date}" fills the leads\' accepted_at or rejected_at as "{status}" says'
                if one_date and status
                else "its accepted and rejected dates fill the leads' accepted_at and rejected_at"
            )
            + ("" if created is None else f', and "{created}" stands for the handoff')
        )
        deals = mapping.tables.get("deals")
        if deals is not None and mapping.files[deals.file].matches(name):
            note += "; only its won and lost rows are deals, as a deal counts its lead as accepted"
        mapping.notes.append(note + ".")


def _closed_deals_only(mapping: Mapping, name: str, headers: list[str]) -> None:
    """Deals read from a file of decisions: only its rows whose stage is won or lost (all its
    rows would make every lead, rejected ones too, an SQL); none when it has no stage."""
    deals = mapping.tables.get("deals")
    if deals is None or not mapping.files[deals.file].matches(name):
        return
    stage = deals.columns.get("stage")
    if stage is None or len(stage.columns) != 1:
        del mapping.tables["deals"]
        return
    closed = [
        theirs
        for theirs, ours in deals.values.get("stage", {}).items()
        if ours in ("won", "lost") and theirs != "*"
    ]
    deals.keep_rows = {stage.columns[0]: closed or CLOSED_STAGES}


# The mapping as tables a person can edit on the Import data page, and back.

EDITOR_COLUMNS = ["column", "holds", "theirs", "fixed", "date_format", "also"]


def columns_frame(table: str, rule: TableRule | None):
    """One row per column of ours: what it holds, their column, a fixed value, the date format
    of a date column, and any other rule the mapping has for it (a lookup, a default, a time
    zone, a condition), in words."""
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
            if spec.only_if_theirs:
                ((other, values),) = spec.only_if_theirs.items()
                also.append(f'only where their "{other}" is {" or ".join(values)}')
            if spec.time_zone is not None:
                also.append(f"times in {spec.time_zone}")
        rows.append(
            {
                "column": column,
                "holds": target.label + (" (required)" if target.required else ""),
                "theirs": spec.columns[0] if spec is not None and len(spec.columns) == 1 else "",
                "fixed": spec.value if spec is not None and spec.value is not None else "",
                "date_format": spec.date_format if spec is not None and spec.date_format else "",
                "also": "; ".join(also),
            }
        )
    return pd.DataFrame(rows, columns=EDITOR_COLUMNS)


def apply_columns(table: str, rule: TableRule, frame) -> TableRule:
    """The table rule with the choices made in `frame` (see columns_frame): an unchanged row
    keeps its rule as it was; a row given another of their columns or a fixed value keeps what
    else its rule said (date format, time zone, conditions, default), so picking a column never
    undoes how its dates are read; the date format is the frame's."""
    before = columns_frame(table, rule).set_index("column")
    columns: dict[str, ColumnRule] = {}
    for row in frame.itertuples(index=False):
        theirs, fixed = _text(row.theirs), _text(row.fixed)
        date_format = _text(getattr(row, "date_format", None))
        was = before.loc[row.column]
        old = rule.columns.get(row.column) or ColumnRule()
        if row.column in rule.columns and (theirs, fixed) == (
            _text(was["theirs"]),
            _text(was["fixed"]),
        ):
            columns[row.column] = dataclasses.replace(old, date_format=date_format)
        elif fixed is not None or theirs is not None:
            # Where it comes from changes; how its values are read stays.
            columns[row.column] = dataclasses.replace(
                old,
                columns=[theirs] if fixed is None and theirs is not None else [],
                value=fixed,
                lookup=None,
                lookup_file=None,
                row_number=False,
                date_format=date_format,
            )
    return TableRule(
        file=rule.file,
        columns=columns,
        values=rule.values,
        keep_rows=rule.keep_rows,
        skip_rows=rule.skip_rows,
        lookup=rule.lookup,
        attributes=rule.attributes,
    )


def _text(value: Any) -> str | None:
    """A cell of an edited table as text, None when empty (pandas gives NaN or None)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value).strip() or None
