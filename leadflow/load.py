"""Import CRM exports (CSV, Excel, Parquet) into the database: read, map, check, then write the
good rows in one transaction, or nothing.

    python -m leadflow.load --mapping mappings/maven_crm.json sales_pipeline.csv accounts.csv
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import csv
import functools
import hashlib
import io
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa

from leadflow import db, exports
from leadflow.mapping import EMPTY_VALUES, ENTITY, Mapping, MappingError, TableRule, normalized
from leadflow.mapping import load as load_mapping
from leadflow.settings import TIME_ZONE

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
SAMPLE_BYTES = 1 << 20
# More bad rows than this and the report lists the first ones only; setting them aside one by
# one is refused: at that scale the mapping or the file is wrong, not a few rows.
MAX_PROBLEMS = 50_000
# A sheet with more rows or columns than this is refused: openpyxl holds every cell in memory,
# and a workbook can declare (or hold) a million rows in a few kilobytes.
MAX_SHEET_ROWS = 1_000_000
MAX_SHEET_COLUMNS = 1_000
# The columns that hold ids: a Parquet float in one must be a whole number.
ID_COLUMNS = ("lead_id", "deal_id", "touchpoint_id", "campaign_id")
TIMESTAMP_COLUMNS = (
    "created_at", "mql_at", "handoff_at", "first_response_at", "accepted_at", "rejected_at",
    "recycled_at", "occurred_at", "closed_at",
)  # fmt: skip

# Timestamp formats tried after ISO 8601 (2026-11-22, 2026-11-22 14:05, 2026-11-22T14:05:00).
POLISH_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"]
MONTH_FIRST = ["%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
               "%m/%d/%Y"]  # fmt: skip
DAY_FIRST = [f.replace("%m/%d", "%d/%m") for f in MONTH_FIRST]


class FileProblem(Exception):
    """A file that cannot be read as it is; the message says which and why, in the user's words."""


@dataclass
class SourceFile:
    """A file to import, as inspected: how to read it, its header, where its rows start."""

    name: str  # as the user knows it
    path: Path  # on disk
    kind: str  # csv, xlsx, parquet
    headers: list[str]
    encoding: str = "utf-8"
    delimiter: str = ","
    header_line: int = 1  # the header's line (CSV) or row (a sheet)
    readable: Path | None = None  # the UTF-8 copy DuckDB reads, when the file was not UTF-8
    rows: int = 0
    malformed_lines: list[int] = field(default_factory=list)
    sheet_rows: list[int] = field(default_factory=list)  # a sheet's row number per data row
    float_columns: list[int] = field(default_factory=list)  # a Parquet file's float columns
    _line_cache: dict[int, int] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return "line" if self.kind == "csv" else "row"

    def lines(self, recs: list[int]) -> dict[int, int]:
        """The line (as an editor counts, header = line 1) of each staged row, by its position."""
        wanted = sorted(set(recs) - set(self._line_cache))
        if wanted and self.kind == "xlsx":
            self._line_cache.update({r: self.sheet_rows[r] for r in wanted})
        elif wanted and self.kind == "parquet":
            self._line_cache.update({r: r + 1 for r in wanted})
        elif wanted:
            self._line_cache.update(self._csv_lines(wanted))
        return {r: self._line_cache[r] for r in recs}

    def _csv_lines(self, recs: list[int]) -> dict[int, int]:
        source = self.readable or self.path
        newlines, last = 0, b"\n"
        with source.open("rb") as f:
            while chunk := f.read(1 << 24):
                newlines += chunk.count(b"\n")
                last = chunk[-1:]
        physical = newlines + (last != b"\n")
        first = self.header_line + 1
        rejected = sorted(self.malformed_lines)
        if physical == self.header_line + self.rows + len(rejected):
            # One line per row: no blank lines and no line breaks inside quotes.
            out = {}
            for rec in recs:
                shift = 0
                while True:
                    moved = bisect.bisect_right(rejected, first + rec + shift)
                    if moved == shift:
                        break
                    shift = moved
                out[rec] = first + rec + shift
            return out
        return self._csv_lines_by_reading(recs)

    def _csv_lines_by_reading(self, recs: list[int]) -> dict[int, int]:
        wanted, out = set(recs), {}
        skipped = set(self.malformed_lines)
        source = self.readable or self.path
        with source.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, delimiter=self.delimiter, quotechar='"')
            rec, start = 0, 1
            for row in reader:
                if start > self.header_line and row and start not in skipped:
                    if rec in wanted:
                        out[rec] = start
                        if len(out) == len(wanted):
                            break
                    rec += 1
                start = reader.line_num + 1
        return out


def _decode_sample(raw: bytes, encoding: str) -> str:
    return codecs.getincrementaldecoder(encoding)("strict").decode(raw, final=False)


def _detect_encoding(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        _decode_sample(raw, "utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1250"  # what Polish Excel writes as "CSV"


ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                  "cp1250": "Windows-1250"}  # fmt: skip


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter, quotechar='"'), [])


def _undecodable(
    name: str, chunk: bytes, error: UnicodeDecodeError, encoding: str, first_line: int
) -> FileProblem:
    line = first_line + chunk[: error.start].count(b"\n")
    named = ENCODING_NAMES.get(encoding, encoding)
    return FileProblem(
        f"{name}: line {line} cannot be read as {named} (byte 0x{chunk[error.start]:02X}): "
        'save the file as UTF-8, or name its encoding in the mapping ("encoding")'
    )


def _transcode(path: Path, encoding: str, workdir: Path, name: str, newlines: bool = False) -> Path:
    """A UTF-8 copy of a file in another encoding, for DuckDB's reader; with `newlines`, every
    line break (CR, LF or CRLF) written as LF, for a file that mixes them."""
    out = workdir / f"{len(list(workdir.iterdir()))}.csv"
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line, held = 1, ""
    with path.open("rb") as src, out.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(1 << 22):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise _undecodable(name, chunk, error, encoding, line) from None
            line += chunk.count(b"\n")
            if newlines:
                # A CR at the end of a chunk may be half of a CRLF: decided with the next one.
                text = held + text
                held = "\r" if text.endswith("\r") else ""
                text = (text[:-1] if held else text).replace("\r\n", "\n").replace("\r", "\n")
            dst.write(text)
        dst.write(held.replace("\r", "\n") + decoder.decode(b"", final=True))
    return out


def inspect_csv(path: Path, name: str, rule, workdir: Path | None) -> SourceFile:
    """Encoding, delimiter and header of a CSV file; with a `workdir`, a UTF-8 copy of a file
    in another encoding is written there for DuckDB."""
    size = path.stat().st_size
    if size == 0:
        raise FileProblem(f"{name}: the file is empty")
    with path.open("rb") as f:
        raw = f.read(SAMPLE_BYTES)
    encoding = (rule.encoding if rule and rule.encoding else None) or _detect_encoding(raw)
    try:
        text = _decode_sample(raw, encoding)
    except LookupError:
        raise FileProblem(f'{name}: "{encoding}" is not an encoding this app knows') from None
    except UnicodeDecodeError as error:
        raise _undecodable(name, raw, error, encoding, 1) from None
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise FileProblem(f"{name}: the file is empty")
    header = lines[header_index]
    counts = {d: len(_split(header, d)) for d in DELIMITERS}
    guessed = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    delimiter = rule.delimiter if rule and rule.delimiter else guessed
    headers = [h.strip() for h in _split(header, delimiter)]
    if len(headers) == 1 and counts[guessed] > 1 and delimiter != guessed:
        raise FileProblem(
            f'{name}: with the delimiter "{delimiter}" the header is one column '
            f'("{header[:60]}"); the file looks {DELIMITER_NAMES[guessed]}-delimited ("{guessed}")'
            ': change "delimiter" in the mapping, or leave it out to detect it'
        )
    rest = "\n".join(lines[header_index + 1 :]).strip()
    if not rest and size <= len(raw):
        raise FileProblem(f"{name}: has column names but no rows")
    readable = None
    # A line break that is a lone CR (old Mac files, or lines pasted into a Windows file) makes
    # DuckDB's reader give up on the file's dialect: such a file is read from a copy with LF.
    mixed = re.search(r"\r(?!\n)", text[:-1]) is not None
    if (mixed or encoding not in ("utf-8", "utf-8-sig")) and workdir is not None:
        readable = _transcode(path, encoding, workdir, name, newlines=mixed)
    return SourceFile(
        name=name,
        path=path,
        kind="csv",
        headers=headers,
        encoding=encoding,
        delimiter=delimiter,
        header_line=header_index + 1,
        readable=readable,
    )


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def placeholders(rule) -> list[str]:
    """What a file writes for "empty": the usual placeholders and the mapping's, as written and
    in lower, upper and title case (read_csv compares them exactly)."""
    words = [*EMPTY_VALUES, *(rule.empty_values if rule else [])]
    return sorted({"", *(f(w) for w in words for f in (str, str.lower, str.upper, str.title))})


def read_xlsx(
    path: Path, name: str, rule, empty: list[str] | None = None
) -> tuple[SourceFile, pa.Table]:
    import openpyxl  # only needed for workbooks

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem(f"{name}: cannot be opened as an Excel workbook (.xlsx)") from None
    try:
        if rule and rule.sheet:
            if rule.sheet not in book.sheetnames:
                raise FileProblem(
                    f'{name}: no sheet "{rule.sheet}" (it has: {", ".join(book.sheetnames)})'
                )
            sheet = book[rule.sheet]
        else:
            sheet = book.worksheets[0]
        # The size a sheet declares is not trusted: openpyxl pads every row to it, and a 2 KB
        # file declaring A1:XFD1048576 kept a core busy for minutes. Only cells written count.
        sheet.reset_dimensions()
        headers: list[str] | None = None
        header_row, rows, numbers = 0, [], []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_SHEET_ROWS:
                raise FileProblem(
                    f"{name}: the sheet has more than {MAX_SHEET_ROWS:,} rows: save it as CSV, "
                    "which has no such limit"
                )
            last = max((i for i, v in enumerate(values) if v is not None), default=-1)
            values = values[: last + 1]  # styled empty cells after the data are not columns
            if len(values) > MAX_SHEET_COLUMNS:
                raise FileProblem(
                    f"{name}: row {number} has more than {MAX_SHEET_COLUMNS:,} columns: delete the "
                    "columns after the data, or save the sheet as CSV"
                )
            cells = [_cell_text(v) for v in values]
            if empty and headers is not None:
                cells = [None if c is not None and c.strip() in empty else c for c in cells]
            if not any(c is not None and c.strip() for c in cells):
                continue
            if headers is None:
                headers, header_row = [(c or "").strip() for c in cells], number
                continue
            rows.append(cells[: len(headers)] + [None] * (len(headers) - len(cells)))
            numbers.append(number)
    finally:
        book.close()
    if headers is None:
        raise FileProblem(f"{name}: the sheet is empty")
    if not rows:
        raise FileProblem(f"{name}: has column names but no rows")
    columns = list(zip(*rows))
    table = pa.table({f"c{i}": pa.array(col, pa.string()) for i, col in enumerate(columns)})
    source = SourceFile(
        name=name, path=path, kind="xlsx", headers=headers, header_line=header_row,
        rows=len(rows), sheet_rows=numbers,
    )  # fmt: skip
    return source, table


def inspect(path: Path, name: str, rule=None) -> SourceFile:
    """A file's header and how it reads, without reading it all (for choosing a mapping)."""
    kind = file_kind(name)
    if kind == "xlsx":
        return read_xlsx(path, name, rule)[0]
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            names = pq.read_schema(path).names
        except (OSError, pa.ArrowException):
            raise FileProblem(f"{name}: cannot be read as Parquet") from None
        return SourceFile(name=name, path=path, kind="parquet", headers=names)
    return inspect_csv(path, name, rule, workdir=None)


def column_values(source: SourceFile, header: str, limit: int = 100) -> list[tuple[str, int]]:
    """The values one column holds and how often, most frequent first (for value mapping)."""
    position = next(
        (i for i, h in enumerate(source.headers) if normalized(h) == normalized(header)), None
    )
    if position is None:
        return []
    if source.kind == "csv":
        values = pd.read_csv(
            source.path, sep=source.delimiter, usecols=[position], dtype=str,
            encoding="utf-8-sig" if source.encoding.startswith("utf-8") else source.encoding,
            skiprows=source.header_line - 1, keep_default_na=False, on_bad_lines="skip",
            engine="python" if len(source.delimiter) > 1 else "c",
        ).iloc[:, 0]  # fmt: skip
    elif source.kind == "xlsx":
        _, table = read_xlsx(source.path, source.name, None)
        values = table.column(position).to_pandas()
    else:
        import pyarrow.parquet as pq

        values = pq.read_table(source.path, columns=[source.headers[position]]).column(0)
        values = values.to_pandas().astype(str)
    counts = values.dropna().astype(str).str.strip()
    counts = counts[counts != ""].value_counts().head(limit)
    return [(str(v), int(n)) for v, n in counts.items()]


def file_kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    return "csv"


# The words for each problem code the checks in queries/import_<table>.sql give.
def problem_text(code: str, table: str, other: str | None, other_value: str | None) -> str:
    entity = ENTITY[table]
    texts = {
        "required": f"is empty, and every {entity} needs one",
        "not_a_date": "is not a date (write it like 2026-11-22, 2026-11-22 14:05, 22.11.2026 or "
        "22.11.2026 14:05)",
        "future": "is in the future",
        "not_a_number": "is not a number",
        "not_whole": "is not a whole number",
        "below_one": "must be 1 or more",
        "negative": "is negative: an amount must be 0 or more",
        "before": f"is before {other} ({other_value})",
        "owner_missing": f"is empty, but the lead was handed off ({other} {other_value}): a "
        "handed-off lead needs the sales rep it went to",
        "accepted_and_rejected": f"the lead was also accepted ({other} {other_value}): a lead "
        "is accepted or rejected, not both",
        "reason_without_rejection": "a rejection reason, but no rejected_at: when was the lead "
        "rejected?",
        "orphan": "is not a lead in these files or in the database",
        "unknown_stage": "is not a deal stage: map it to open, won or lost in the value mapping",
        "open_with_close_date": "is set, but the deal is open: an open deal has no close date",
        "closed_without_date": f"is empty, but the deal is {other_value}: a closed deal needs "
        "its close date",
        "reason_not_lost": f"a lost reason on a deal that is {other_value}, not lost",
        "before_1990": (
            f"is read as the year {other_value}, before 1990: write the year with four digits"
            if len(other_value or "") <= 2
            else f"is in the year {other_value}, before 1990: is the date right?"
        ),
        "after_2099": f"is in the year {other_value}, after 2099: is the date right?",
        "dst_gap": f"is a time that did not happen in {other_value} (the clocks moved forward an "
        "hour then): write it with its offset, or as the time the clock showed",
        "too_large": f"is too large (the most is {other_value})",
        "decimal_comma": "is written with a decimal comma, but this file's numbers have decimal "
        f'points: if it means {other_value}, set "decimal_comma": true in the mapping',
        "decimal_point": "is written with a decimal point, but this file's numbers have decimal "
        f'commas: if it means {other_value}, set "decimal_comma": false in the mapping',
    }
    return texts[code]


@dataclass
class Problem:
    file: str
    line: int | None
    table: str | None
    column: str | None
    value: str | None
    problem: str
    slot: int | None = None
    rec: int | None = None

    def describe(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        what = self.column or "row"
        if self.value is not None:
            what += f' "{self.value}"'
        return f"{where}: {what} {self.problem}"


PROBLEM_COLUMNS = ["file", "line", "table", "column", "value", "problem"]


@dataclass
class Report:
    """What an import found and did, for the page, the command line and the import log."""

    mapping: str
    files: list[str]
    mode: str = "update"
    file_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows read per table
    good: dict[str, int] = field(default_factory=dict)  # rows that can be written, per table
    bad_rows: int = 0  # rows set aside (or that would be), over all files
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0  # problems past MAX_PROBLEMS, counted only
    written: bool = False
    version: int | None = None
    refused: str | None = None  # why nothing was written, when nothing was

    @property
    def good_rows(self) -> int:
        return sum(v for k, v in self.good.items() if k in db.IMPORT_TABLES)

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [[p.file, p.line, p.table, p.column, p.value, p.problem] for p in self.problems],
            columns=PROBLEM_COLUMNS,
        ).astype({"line": "Int64"})

    def problems_csv(self) -> bytes:
        # Values are the file's own, formulas included: defused for the spreadsheet it opens in.
        return exports.csv(self.problems_frame())

    def summary(self) -> list[str]:
        lines = []
        for table in db.IMPORT_TABLES:
            if table in self.rows:
                lines.append(
                    f"{table}: {self.good.get(table, 0):,} of {self.rows[table]:,} rows good"
                )
        if self.bad_rows:
            lines.append(f"{_rows(self.bad_rows, 'has', 'have')} problems")
        return lines


def _apply_rule_names(
    rule: TableRule, table: str, source: SourceFile, lookup: SourceFile | None
) -> tuple[dict[str, db.ImportColumn], list[str]]:
    """Their header names to positions. Raises FileProblem naming a header that is missing."""
    positions = {}
    for i, header in enumerate(source.headers):
        positions.setdefault(normalized(header), i)
    lookup_positions = {}
    if lookup is not None:
        for i, header in enumerate(lookup.headers):
            lookup_positions.setdefault(normalized(header), i)

    def position(header: str, column: str, in_lookup: bool = False) -> int:
        known = lookup_positions if in_lookup else positions
        where = lookup if in_lookup else source
        found = known.get(normalized(header))
        if found is None:
            raise FileProblem(
                f'{where.name}: no column "{header}" (for {table}.{column}); its columns are: '
                + ", ".join(f'"{h}"' for h in where.headers)
            )
        return found

    columns, notes = {}, []
    for column, spec in rule.columns.items():
        values = rule.values.get(column, {})
        pairs = tuple((k.strip().lower(), v) for k, v in values.items() if k != "*")
        if spec.lookup is not None and lookup is None:
            raise FileProblem(f'{table}.{column}: "lookup" needs a lookup file in the mapping')
        columns[column] = db.ImportColumn(
            sources=tuple(position(h, column) for h in spec.columns),
            lookup=None if spec.lookup is None else position(spec.lookup, column, True),
            constant=spec.value,
            default=spec.default,
            values=pairs,
            otherwise=values.get("*"),
            only_if=None if not spec.only_if else next(iter(spec.only_if.items())),
            row_number=Path(source.name).stem if spec.row_number else None,
        )
        if spec.value is not None:
            notes.append(f'{table}.{column}: not in the files; every row gets "{spec.value}"')
        if spec.row_number:
            notes.append(
                f"{table}.{column}: {source.name} has no id column; each row's id is the file "
                f'name and the row\'s number ("{Path(source.name).stem}-1", …), so importing '
                "the same file again updates the same rows"
            )
        if spec.default is not None:
            notes.append(f'{table}.{column}: where empty, "{spec.default}"')
    return columns, notes


def _row_filter(
    rules: dict[str, list[str]], source: SourceFile
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    out = []
    for header, values in rules.items():
        found = [i for i, h in enumerate(source.headers) if normalized(h) == normalized(header)]
        if not found:
            raise FileProblem(f'{source.name}: no column "{header}" (named in keep/skip rows)')
        out.append((found[0], tuple(str(v).strip().lower() for v in values)))
    return tuple(out)


def _timestamp_formats(day_first: bool) -> list[str]:
    return POLISH_FORMATS + (DAY_FIRST + MONTH_FIRST if day_first else MONTH_FIRST + DAY_FIRST)


def run(
    files: list[Path],
    mapping: Mapping,
    *,
    path: Path | None = None,
    names: dict[Path, str] | None = None,
    mode: str = "update",
    bad_rows: str = "refuse",
    write: bool = True,
    now: datetime | None = None,
    as_of: datetime | None = None,
    before_commit: Callable[[], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Import `files` as `mapping` says into the database at `path`.

    mode: "update" adds new ids and updates known ones; "replace" empties the leads,
    touchpoints, deals and campaigns first (in the same transaction). bad_rows: "refuse"
    writes nothing when any row has a problem; "set_aside" writes the good rows and keeps the
    bad ones in import_rejects. write=False checks only (a dry run).
    """
    path = path or db.database_path()
    names = names or {}
    now = now or datetime.now()
    say = progress or (lambda _: None)
    shown = [names.get(f, f.name) for f in files]
    report = Report(mapping=mapping.name, files=shown, mode=mode)
    report.notes += mapping.notes
    if mode not in ("update", "replace") or bad_rows not in ("refuse", "set_aside"):
        raise ValueError(f"mode {mode!r}, bad_rows {bad_rows!r}")

    # Which file is which of the mapping's files.
    matched: dict[str, list[Path]] = {key: [] for key in mapping.files}
    for file, name in zip(files, shown):
        keys = [k for k, rule in mapping.files.items() if rule.matches(name)]
        if not keys and len(mapping.files) == 1 and len(files) == 1:
            keys = list(mapping.files)
        if not keys:
            report.notes.append(
                f"{name}: not imported: the mapping {mapping.name} has no table for this file"
            )
        for key in keys:
            matched[key].append(file)
    used = {rule.file for rule in mapping.tables.values()} | {
        rule.lookup["file"] for rule in mapping.tables.values() if rule.lookup
    }
    for key in sorted(used):
        if not matched.get(key):
            patterns = " or ".join(mapping.files[key].match)
            tables = [t for t, r in mapping.tables.items() if r.file == key]
            report.notes.append(
                f"no file like {patterns}: "
                + (", ".join(tables) + " not imported" if tables else "nothing looked up")
            )
    if not any(matched.get(rule.file) for rule in mapping.tables.values()):
        report.file_errors.append(
            "None of the files is one the mapping reads ("
            + "; ".join(" or ".join(r.match) for r in mapping.files.values())
            + "): choose another mapping, or match the file names in it"
        )
        report.refused = "the files do not match the mapping"
        return report

    # The database reads files only in the uploads and the imports' work folders, never where
    # a command line points: such a file is staged into this import's work folder first (a hard
    # link, or a copy across file systems), so nothing is allowed beyond the import.
    with db.import_work_folder(path) as workdir:
        readable = [Path(f) for f in db.readable_folders(path)]
        staged: dict[Path, Path] = {}
        for i, file in enumerate(files):
            if not any(file.resolve().is_relative_to(r) for r in readable):
                staged[file] = _stage(file, workdir / f"given-{i}{file.suffix.lower()}")
        if staged:
            matched = {k: [staged.get(f, f) for f in fs] for k, fs in matched.items()}
            names = {staged.get(f, f): n for f, n in zip(files, shown)}
        try:
            return _run(
                report, mapping, matched, names, path=path, mode=mode, bad_rows=bad_rows,
                write=write, now=now, as_of=as_of, before_commit=before_commit, say=say,
                workdir=workdir,
            )  # fmt: skip
        except db.ImportOutOfMemory as error:
            report.file_errors.append(_out_of_memory(error))
            report.refused = "the database ran out of memory"
            report.written = False
            return report


def _stage(file: Path, target: Path) -> Path:
    """`file` under `target` for the database to read: a hard link costs nothing; a copy is
    the fallback where the two folders are on different file systems."""
    try:
        target.hardlink_to(file.resolve())
    except OSError:
        shutil.copyfile(file, target)
    return target


def _run(report, mapping, matched, names, *, path, mode, bad_rows, write, now, as_of,
         before_commit, say, workdir) -> Report:  # fmt: skip
    sources: dict[int, SourceFile] = {}
    rules_of: dict[int, object] = {}
    slot_of: dict[tuple[str, Path], int] = {}
    arrows: dict[int, pa.Table] = {}
    for key, paths in matched.items():
        rule = mapping.files[key]
        for file in paths:
            name = names.get(file, file.name)
            try:
                kind = file_kind(name)
                if kind == "xlsx":
                    source, arrow = read_xlsx(file, name, rule, placeholders(rule))
                elif kind == "parquet":
                    source = SourceFile(name=name, path=file, kind="parquet", headers=[])
                    arrow = None
                else:
                    source, arrow = inspect_csv(file, name, rule, workdir), None
            except FileProblem as problem:
                report.file_errors.append(str(problem))
                continue
            slot = len(sources)
            sources[slot] = source
            rules_of[slot] = rule
            slot_of[(key, file)] = slot
            if arrow is not None:
                arrows[slot] = arrow
    if report.file_errors:
        report.refused = "a file cannot be read"
        return report

    with db.Import(path) as imp:
        for slot, source in sources.items():
            say(f"reading {source.name}")
            if source.kind == "csv":
                try:
                    staged = imp.stage_csv(
                        slot, source.readable or source.path, delimiter=source.delimiter,
                        columns=len(source.headers), skip=source.header_line,
                        nulls=placeholders(rules_of[slot]),
                    )  # fmt: skip
                except db.ImportOutOfMemory:
                    raise
                except db.LineTooLong:
                    report.file_errors.append(_too_long(source))
                    continue
                except db.ImportFailed as error:
                    report.file_errors.append(
                        f"{source.name}: cannot be read as CSV ({str(error).split(': ', 1)[-1]})"
                    )
                    continue
                source.rows = staged.rows
                _malformed(report, source, staged)
            elif source.kind == "xlsx":
                imp.stage_arrow(slot, arrows[slot])
            else:
                try:
                    columns = imp.parquet_columns(source.path)
                    source.headers = [name for name, _ in columns]
                    source.float_columns = [
                        i for i, (_, kind) in enumerate(columns) if kind in ("FLOAT", "DOUBLE")
                    ]
                    source.rows = imp.stage_parquet(slot, source.path, [k for _, k in columns])
                except db.ImportOutOfMemory:
                    raise
                except db.ImportFailed:
                    # DuckDB's words name the server's path and the reader's internals.
                    report.file_errors.append(f"{source.name}: cannot be read as Parquet")
                    continue
            if source.kind != "xlsx" and source.rows == 0 and not source.malformed_lines:
                report.file_errors.append(f"{source.name}: has column names but no rows")
        if report.file_errors:
            report.refused = "a file cannot be read"
            return report

        options: dict[str, dict] = {}
        mapped: dict[str, list[str]] = {}
        for table, rule in mapping.tables.items():
            paths = matched.get(rule.file, [])
            if not paths:
                continue
            file_rule = mapping.files[rule.file]
            lookup_slot = lookup_source = None
            if rule.lookup:
                lookup_paths = matched.get(rule.lookup["file"], [])
                if lookup_paths:
                    lookup_slot = slot_of.get((rule.lookup["file"], lookup_paths[0]))
                    lookup_source = sources.get(lookup_slot)
            report.rows.setdefault(table, 0)
            for file in paths:
                slot = slot_of.get((rule.file, file))
                if slot is None:
                    continue
                source = sources[slot]
                try:
                    columns, notes = _apply_rule_names(rule, table, source, lookup_source)
                    lookup = None
                    if lookup_source is not None:
                        key = _row_filter({rule.lookup["key"]: []}, lookup_source)[0][0]
                        ours = _row_filter({rule.lookup["on"]: []}, source)[0][0]
                        lookup = (lookup_slot, key, ours)
                    keep = _row_filter(rule.keep_rows, source)
                    skip = _row_filter(rule.skip_rows, source)
                except FileProblem as problem:
                    report.file_errors.append(str(problem))
                    continue
                fraction = _fractional_id(imp, slot, source, columns)
                if fraction:
                    report.file_errors.append(fraction)
                    continue
                for note in notes:
                    if note not in report.notes:
                        report.notes.append(note)
                say(f"mapping {source.name} to {table}")
                taken, left_out = imp.add_rows(
                    table,
                    db.ImportSource(
                        slot=slot, columns=columns, keep=keep, skip=skip, lookup=lookup
                    ),
                )  # fmt: skip
                report.rows[table] += taken
                if left_out:
                    rules = [f"{h} is {' or '.join(v)}" for h, v in rule.skip_rows.items()] + [
                        f"{h} is not {' or '.join(v)}" for h, v in rule.keep_rows.items()
                    ]
                    report.notes.append(
                        f"{source.name}: {_rows(left_out, 'is', 'are')} not {table}, as the "
                        f"mapping says ({'; '.join(rules)})"
                    )
            decimal_comma = file_rule.decimal_comma
            if decimal_comma is None:
                decimal_comma = any(
                    sources[slot_of[(rule.file, f)]].delimiter == ";"
                    for f in paths
                    if (rule.file, f) in slot_of
                )
            options[table] = {
                "formats": _timestamp_formats(file_rule.day_first),
                "decimal_comma": decimal_comma,
                "zone": TIME_ZONE,
                "gap_hours": gap_hours(TIME_ZONE),
            }
            mapped[table] = sorted(rule.columns)
        if report.file_errors:
            report.refused = "a file does not fit the mapping"
            return report

        say("checking")
        imp.check(options, replace=mode == "replace", now=now)
        for table, columns in mapped.items():
            stamped = [c for c in columns if c in TIMESTAMP_COLUMNS]
            for column, count in imp.offsets(table, stamped).items():
                if count:
                    report.notes.append(
                        f"{table}.{column}: {count:,} time{'s' if count != 1 else ''} with a "
                        f"time-zone offset converted to {TIME_ZONE}, the app's time zone"
                    )
        report.good = imp.good_rows()
        new_campaigns = imp.new_campaigns()
        if new_campaigns:
            shown = ", ".join(new_campaigns[:5]) + (", …" if len(new_campaigns) > 5 else "")
            report.notes.append(
                f"{len(new_campaigns):,} campaigns the leads or touchpoints name are in no file "
                f"or table ({shown}): created, named by their id"
            )
            mapped.setdefault("campaigns", [])
        _collect_problems(report, imp, sources, mapping)
        keep_as_of = mode == "update" and imp.had_data()
        if mode == "update" and "campaign_id" in mapped.get("leads", []):
            changed = imp.campaign_changes()
            if changed:
                report.notes.append(
                    f"{changed:,} leads already loaded are given another campaign: they keep the "
                    "one they have (a lead's campaign is set when it is first imported)"
                )

        if not write:
            report.refused = "a dry run: nothing was written"
            return report
        if report.bad_rows and report.more_problems and bad_rows == "set_aside":
            report.refused = (
                f"{_rows(report.bad_rows, 'has', 'have')} problems: too many to set aside one "
                "by one; check the mapping (columns, date and number formats) or the file"
            )
            return report
        if report.bad_rows and bad_rows == "refuse":
            report.refused = (
                f"{_rows(report.bad_rows, 'has', 'have')} problems, and the choice was to import "
                "nothing then"
            )
            return report
        if report.good_rows == 0:
            report.refused = "no row to import"
            return report

        say("writing")
        rejects = _rejects_frame(report, imp, sources)
        imp.drop_sources()
        started = datetime.now().replace(microsecond=0)
        imported = [sources[slot].name for slot in sorted(sources)]
        source_text = f"{mapping.name} import: " + ", ".join(imported)
        if keep_as_of:  # added to data already there: say both
            before = str(db.run("data_range", {}, path).iloc[0]["source"])
            source_text = f"{before} + {source_text}"
            if len(source_text) > 200:
                source_text = source_text[:199] + "…"
        try:
            report.version = imp.write(
                mapped=mapped,
                replace=mode == "replace",
                source=source_text,
                rejects=rejects,
                as_of=as_of,
                keep_as_of=keep_as_of,
                log={
                    "started_at": started,
                    "mapping": mapping.name,
                    "files": report.files,
                    "mode": mode,
                    "rows_imported": report.good_rows + report.good.get("new campaigns", 0),
                    "rows_set_aside": report.bad_rows,
                    "summary": "\n".join(report.summary() + report.notes),
                },
                before_commit=before_commit,
            )
        except db.ImportOutOfMemory as error:
            report.file_errors.append(_out_of_memory(error))
            report.refused = "the database ran out of memory"
            return report
        except db.ImportFailed as error:
            report.refused = f"the database refused the import, so nothing was written: {error}"
            return report
        report.written = True
        return report


def _out_of_memory(error: Exception) -> str:
    return (
        f"The import ran out of memory or of disk space for temporary files ({error}): nothing "
        "was written; import the files one at a time, or free disk space"
    )


def _too_long(source: SourceFile) -> str:
    line = _long_line(source.readable or source.path, db.MAX_LINE_BYTES)
    return (
        f"{source.name}: {f'line {line}' if line else 'a line'} is longer than "
        f"{db.MAX_LINE_BYTES:,} bytes: a value that long is not CRM data (check the quotes "
        "before it)"
    )


def _long_line(path: Path, limit: int) -> int | None:
    """The first line of a file longer than `limit` bytes (line breaks inside quotes count as
    line breaks: this only says where to look)."""
    with path.open("rb") as f:
        for number, text in enumerate(f, start=1):
            if len(text) > limit:
                return number
    return None


def _fractional_id(
    imp: db.Import, slot: int, source: SourceFile, columns: dict[str, db.ImportColumn]
) -> str | None:
    """A Parquet float column read as an id holds a value that is not a whole number."""
    for column in ID_COLUMNS:
        spec = columns.get(column)
        for position in spec.sources if spec else ():
            if position in source.float_columns:
                found = imp.first_fraction(slot, position)
                if found:
                    rec, value = found
                    return (
                        f"{source.name}, {source.where} {source.lines([rec])[rec]}: {column} "
                        f'"{value}" is not a whole number: an id read from a column of numbers '
                        "must be one"
                    )
    return None


@functools.cache
def gap_hours(zone: str) -> list[int]:
    """The local hours in which the clocks of `zone` ever skipped forward, 1990–2099: only
    there can a local time be one that never happened."""
    tz, utc, hours = ZoneInfo(zone), ZoneInfo("UTC"), set()

    def offset(moment: datetime) -> timedelta:
        return moment.replace(tzinfo=tz).utcoffset()

    # Month by month, then day by day in a month whose offset grew: 1,300 steps, not 40,000.
    month = datetime(1990, 1, 1)
    while month.year < 2100:
        following = (month + timedelta(days=32)).replace(day=1)
        if offset(following) > offset(month):
            day = month
            while day < following:
                if offset(day + timedelta(days=1)) > offset(day):  # the day the clocks moved
                    for hour in range(24):
                        local = day + timedelta(hours=hour)
                        there = local.replace(tzinfo=tz).astimezone(utc).astimezone(tz)
                        if there.replace(tzinfo=None) != local:
                            hours.add(hour)
                day += timedelta(days=1)
        month = following
    return sorted(hours)


def _malformed(report: Report, source: SourceFile, staged: db.StagedCsv) -> None:
    """Rows DuckDB could not split into the header's columns: each is a bad row of the file."""
    if not staged.malformed:
        return
    readable = source.readable or source.path
    offsets = sorted(p for p, _, _ in staged.malformed)
    lines, newlines, position = {}, 0, 0
    with readable.open("rb") as f:
        for offset in offsets:
            chunk = f.read(offset - position)
            newlines += chunk.count(b"\n")
            position = offset
            lines[offset] = newlines + 1
    for offset, kind, text in staged.malformed:
        line = lines[offset]
        # DuckDB's offset can point at the line break before the row.
        if text.startswith(("\n", "\r")):
            text = text.lstrip("\r\n")
            line += 1
        source.malformed_lines.append(line)
        found = len(_split(text, source.delimiter))
        if kind in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
            what = (
                f"has {found} values where the header has {len(source.headers)}: check the "
                "delimiter and the quotes on this line"
            )
        elif kind == "INVALID ENCODING" or kind.startswith("INVALID UNICODE"):
            what = (
                "is not valid UTF-8 text: save the file as UTF-8, or name its encoding in the "
                'mapping ("encoding")'
            )
        elif kind == "UNQUOTED VALUE":
            what = "has a quote that is not closed where the field ends"
        else:
            what = f"cannot be read ({kind.lower()})"
        report.problems.append(Problem(source.name, line, None, None, None, what))
        report.bad_rows += 1
    report.notes.append(
        f"{source.name}: {len(staged.malformed):,} lines could not be split into the header's "
        "columns"
    )


def _collect_problems(report: Report, imp: db.Import, sources: dict[int, SourceFile],
                      mapping: Mapping) -> None:  # fmt: skip
    report.bad_rows += imp.bad_rows()
    for table in db.IMPORT_TABLES:
        count = imp.problem_count(table)
        if not count:
            continue
        frame = imp.problems(table, limit=max(MAX_PROBLEMS - len(report.problems), 0))
        report.more_problems += count - len(frame)
        if frame.empty:
            continue
        # The rows that give each repeated id, and each lead set aside, found in one pass for
        # all, and every line wanted counted in one read of each file: a big file with
        # thousands of repeated ids is otherwise read thousands of times.
        duplicates = imp.raw_rows_with_ids(
            table, list(frame.loc[frame["code"] == "duplicate", "row_id"].unique())
        )
        parent_rows = imp.raw_rows_with_ids(
            "leads", list(frame.loc[frame["code"] == "lead_set_aside", "value"].dropna().unique())
        )
        wanted: dict[int, set[int]] = {}
        for slot, rec in zip(frame["_src"], frame["_rec"]):
            wanted.setdefault(int(slot), set()).add(int(rec))
        for found in [*duplicates.values(), *(rows[:1] for rows in parent_rows.values())]:
            for slot, rec in found:
                wanted.setdefault(slot, set()).add(rec)
        lines = {slot: sources[slot].lines(sorted(recs)) for slot, recs in wanted.items()}
        parents: dict[str, str] = {}
        for row in frame.itertuples(index=False):
            slot, rec = int(row._0), int(row._1)
            source = sources[slot]
            line = lines[slot][rec]
            code = row.code
            if code == "duplicate":
                where = [(sources[s].name, lines[s][r]) for s, r in duplicates[row.row_id]]
                same_file = all(name == source.name for name, _ in where)
                listed = [str(n) if same_file else f"{f} line {n}" for f, n in where]
                text = (
                    f"is the id of more than one row ({'lines ' if same_file else ''}"
                    f"{_and(listed)}): none of them is imported"
                )
            elif code == "lead_set_aside":
                if row.value not in parents:
                    found = parent_rows.get(row.value)
                    if found:
                        s, r = found[0]
                        parents[row.value] = (
                            f"is a lead set aside from this import ({sources[s].name} "
                            f"{sources[s].where} {lines[s][r]})"
                        )
                    else:
                        parents[row.value] = "is a lead set aside from this import"
                text = parents[row.value]
            else:
                text = problem_text(code, table, row.other, row.other_value)
            value = None if pd.isna(row.value) else str(row.value)
            report.problems.append(
                Problem(source.name, line, table, row.column_name, value, text, slot, rec)
            )


def count_rows(count: int) -> str:
    """'1 row', '1,234 rows'."""
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def _rows(count: int, one: str, many: str) -> str:
    """'1 row is', '2 rows are': a count of rows with its verb."""
    return f"{count:,} row {one}" if count == 1 else f"{count:,} rows {many}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _rejects_frame(report: Report, imp: db.Import, sources: dict[int, SourceFile]) -> pd.DataFrame:
    """Every problem with the row as written, for import_rejects."""
    records: dict[tuple[int, int], str] = {}
    wanted: dict[int, list[int]] = {}
    for p in report.problems:
        if p.slot is not None:
            wanted.setdefault(p.slot, []).append(p.rec)
    for slot, recs in wanted.items():
        headers = sources[slot].headers
        for row in imp.source_rows(slot, sorted(set(recs))):
            record = dict(zip(headers, row[1:]))
            records[(slot, row[0])] = json.dumps(record, ensure_ascii=False)
    frame = report.problems_frame().rename(
        columns={"table": "target_table", "column": "column_name"}
    )
    frame["record"] = [records.get((p.slot, p.rec)) for p in report.problems]
    return frame


def format_report(report: Report, limit: int = 20) -> str:
    out = io.StringIO()
    print(f"Mapping: {report.mapping}; files: {', '.join(report.files)}", file=out)
    for error in report.file_errors:
        print(f"  error: {error}", file=out)
    for line in report.summary():
        print(f"  {line}", file=out)
    for note in report.notes:
        print(f"  note: {note}", file=out)
    if report.problems:
        print("Problems:", file=out)
        for p in report.problems[:limit]:
            print(f"  {p.describe()}", file=out)
        if len(report.problems) > limit:
            print(f"  … and {len(report.problems) - limit:,} more", file=out)
    if report.more_problems:
        print(f"  ({report.more_problems:,} more problems not listed)", file=out)
    if report.written:
        print(
            f"Imported ({report.mode}): {count_rows(report.good_rows)}"
            + (
                f"; {count_rows(report.bad_rows)} set aside in import_rejects"
                if report.bad_rows
                else ""
            )
            + f". Data version {report.version}.",
            file=out,
        )
    else:
        print(f"Nothing was written: {report.refused}.", file=out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m leadflow.load",
        description="Import CRM exports (CSV, XLSX, Parquet) into the Leadflow database: all "
        "of the good rows or nothing, in one transaction.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="the exported files")
    parser.add_argument(
        "--mapping", type=Path, required=True,
        help="a mapping file: mappings/<name>.json, or one saved from the Import data page",
    )  # fmt: skip
    parser.add_argument("--db", type=Path, default=None, help="default: $LEADFLOW_DB or data/")
    parser.add_argument(
        "--replace", action="store_true",
        help="replace the leads, touchpoints, deals and campaigns already loaded (e.g. the demo)",
    )  # fmt: skip
    parser.add_argument(
        "--set-aside-bad-rows", action="store_true",
        help="import the good rows and keep the bad ones in import_rejects (default: when any "
        "row is bad, import nothing)",
    )  # fmt: skip
    parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    parser.add_argument("--report", type=Path, help="write every problem to this CSV file")
    parser.add_argument("--as-of", type=datetime.fromisoformat, default=None,
                        help="the moment the data describes (default: midnight after its latest "
                        "timestamp)")  # fmt: skip
    # For the crash test: hold the finished transaction open before COMMIT for this long.
    parser.add_argument("--hold-before-commit", type=float, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        chosen = load_mapping(args.mapping)
    except MappingError as error:  # one line per problem, each naming the file and the key
        print("\n".join(f"error: {p}" for p in error.problems), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: mapping: {error}", file=sys.stderr)
        return 2
    path = args.db or db.database_path()
    if not path.exists():
        if args.dry_run:  # check against an empty database in a temporary folder
            path = Path(tempfile.mkdtemp(prefix="leadflow-dry-run-")) / "empty.duckdb"
        db.create_empty_database(path)
        if not args.dry_run:
            print(f"Created an empty database: {path}")

    def hold() -> None:
        if args.hold_before_commit:
            print("holding before commit", flush=True)
            time.sleep(args.hold_before_commit)

    try:
        report = run(
            args.files,
            chosen,
            path=path,
            mode="replace" if args.replace else "update",
            bad_rows="set_aside" if args.set_aside_bad_rows else "refuse",
            write=not args.dry_run,
            as_of=args.as_of,
            before_commit=hold,
            progress=lambda step: print(f"… {step}", file=sys.stderr, flush=True),
        )
    except db.DatabaseBusy as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    print(format_report(report), end="")
    if args.report and (report.problems or report.file_errors):
        frame = report.problems_frame()
        if report.file_errors:
            errors = pd.DataFrame({"problem": report.file_errors})
            frame = pd.concat([errors, frame], ignore_index=True)
        frame.to_csv(args.report, index=False)
        print(f"Problems written to {args.report}")
    return 0 if report.written or (args.dry_run and not report.file_errors) else 1


if __name__ == "__main__":
    sys.exit(main())


UPLOAD_PREFIX = "leadflow-up-"
UPLOAD_KEEP_HOURS = 24
# What an upload may be, by its extension: the file uploader's list.
UPLOAD_KINDS = (".csv", ".txt", ".tsv", ".xlsx", ".parquet")


def upload_folder(existing: str | None, database: Path) -> Path:
    """The folder that keeps one session's uploads on disk, where DuckDB reads them: under
    .uploads/ beside the database, one of the only folders its connection may read.

    A session's folder is not removed when the session ends (Streamlit does not say when), so
    each new one first removes the folders of sessions untouched for a day.
    """
    root = database.resolve().parent / db.UPLOADS
    if existing and Path(existing).is_dir() and Path(existing).resolve().parent == root:
        return Path(existing)
    root.mkdir(exist_ok=True)
    cutoff = time.time() - UPLOAD_KEEP_HOURS * 3600
    for old in root.glob(UPLOAD_PREFIX + "*"):
        try:
            if old.is_dir() and old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX, dir=root))


def upload_path(folder: Path, name: str, file_id: str) -> Path:
    """Where an upload called `name` (as the browser sent it) is kept in the session's
    `folder`: a name the server chooses from the upload's id, with the name's extension. The
    browser's name is only ever a label; one that is not a plain file name is refused."""
    plain = (
        name
        and name == name.strip()
        and not any(c in name for c in "/\\\x00")
        and not any(ord(c) < 32 for c in name)
        and name not in (".", "..")
        and not name.startswith(".")
        and len(name.encode()) <= 255
    )
    if not plain:
        # Shown on the page: only letters, digits and a few marks of what was sent, so no
        # Markdown or path comes back with it.
        shown = re.sub(r"[^\w .()-]", "_", name)[-80:]
        raise FileProblem(
            f"“{shown}”: not a plain file name (no folders, no leading dot): rename the file "
            "and upload it again"
        )
    kind = Path(name).suffix.lower()
    if kind not in UPLOAD_KINDS:
        raise FileProblem(f"{name}: only {', '.join(UPLOAD_KINDS)} files can be imported")
    digest = hashlib.sha256(file_id.encode()).hexdigest()[:24]
    return folder / f"upload-{digest}{kind}"
