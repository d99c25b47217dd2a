"""Reading a file to import: its kind, encoding, delimiter, header and rows (CSV, Excel,
Parquet)."""

from __future__ import annotations

import bisect
import codecs
import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from leadflow.importer.mapping import (
    EMPTY_VALUES,
    normalized,
)

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
SAMPLE_BYTES = 1 << 20
# A sheet with more rows or columns than this is refused: openpyxl holds every cell in memory,
# and a workbook can declare (or hold) a million rows in a few kilobytes.
MAX_SHEET_ROWS = 1_000_000
MAX_SHEET_COLUMNS = 1_000
# The columns that hold ids: a Parquet float in one must be a whole number.
ID_COLUMNS = ("lead_id", "deal_id", "touchpoint_id", "campaign_id")
TIMESTAMP_COLUMNS = (
    "created_at", "mql_at", "handoff_at", "first_response_at", "accepted_at", "rejected_at",
    "recycled_at", "occurred_at", "closed_at", "disqualified_at",
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


def split_line(line: str, delimiter: str) -> list[str]:
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
    counts = {d: len(split_line(header, d)) for d in DELIMITERS}
    guessed = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    delimiter = rule.delimiter if rule and rule.delimiter else guessed
    headers = [h.strip() for h in split_line(header, delimiter)]
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
