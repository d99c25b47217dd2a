"""What an import found wrong, in the user's words: each problem with its file, line, column
and value, and the report a page or the command line shows."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import pandas as pd

from leadflow import exports
from leadflow.db import importing as engine
from leadflow.importer.mapping import (
    ENTITY,
    Mapping,
    date_format_example,
)
from leadflow.importer.sources import SourceFile, split_line

# More bad rows than this and the report lists the first ones only; setting them aside one by
# one is refused: at that scale the mapping or the file is wrong, not a few rows.
MAX_PROBLEMS = 50_000


# The words for each problem code the checks in queries/import/<table>.sql give.
def problem_text(code: str, table: str, other: str | None, other_value: str | None) -> str:
    entity = ENTITY[table]
    texts = {
        "required": f"is empty, and every {entity} needs one",
        "not_a_date": "is not a date (write it like 2026-11-22, 2026-11-22 14:05, 22.11.2026 or "
        "22.11.2026 14:05)",
        "not_in_format": (
            "is not an Excel serial date (a number of days since 1899, e.g. 46348.5)"
            if other_value == "excel"
            else f'is not in the format "{other_value}" that the mapping gives for this column'
            + (f" (e.g. {ex})" if (ex := date_format_example(other_value or "")) else "")
        ),
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
        "without_disqualification": "is set, but no disqualified_at: when was the lead "
        "disqualified?",
        "handed_off_disqualified": f"the lead was disqualified before handoff ({other} "
        f"{other_value}): it can be handed off only later, after it was recycled (recycled_at "
        "on or after the disqualification); a lead sales turned down is rejected "
        "(rejected_at), not disqualified",
        "not_a_currency": "is not a currency code: write three letters, such as PLN, EUR or USD",
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
    # What the good rows will give: the funnel of the mapped leads and the columns the pages
    # need (Import.preview); empty when the check did not get that far.
    preview: dict[str, int] = field(default_factory=dict)
    bad_rows: int = 0  # rows set aside (or that would be), over all files
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0  # problems past MAX_PROBLEMS, counted only
    written: bool = False
    version: int | None = None
    refused: str | None = None  # why nothing was written, when nothing was

    @property
    def good_rows(self) -> int:
        return sum(v for k, v in self.good.items() if k in engine.IMPORT_TABLES)

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
        for table in engine.IMPORT_TABLES:
            if table in self.rows:
                lines.append(
                    f"{table}: {self.good.get(table, 0):,} of {self.rows[table]:,} rows good"
                )
        if self.bad_rows:
            lines.append(f"{rows_that(self.bad_rows, 'has', 'have')} problems")
        return lines


def add_malformed(report: Report, source: SourceFile, staged: engine.StagedCsv) -> None:
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
        found = len(split_line(text, source.delimiter))
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


def collect_problems(report: Report, imp: engine.Import, sources: dict[int, SourceFile],
                      mapping: Mapping) -> None:  # fmt: skip
    report.bad_rows += imp.bad_rows()
    for table in engine.IMPORT_TABLES:
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
            # A column with some values reads as pandas' NaN where it has none, not None.
            other, other_value = _missing(row.other), _missing(row.other_value)
            row_id = _missing(row.row_id)
            if code == "duplicate" and row_id is not None and duplicates.get(row_id):
                where = [(sources[s].name, lines[s][r]) for s, r in duplicates[row_id]]
                same_file = all(name == source.name for name, _ in where)
                listed = [str(n) if same_file else f"{f} line {n}" for f, n in where]
                text = (
                    f"is the id of more than one row ({'lines ' if same_file else ''}"
                    f"{_and(listed)}): none of them is imported"
                )
            elif code == "duplicate":  # the rows have no id: each says so on its own
                continue
            elif code == "lead_set_aside":
                if row.value not in parents:
                    parent = parent_rows.get(row.value)
                    if parent:
                        s, r = parent[0]
                        parents[row.value] = (
                            f"is a lead set aside from this import ({sources[s].name} "
                            f"{sources[s].where} {lines[s][r]})"
                        )
                    else:
                        parents[row.value] = "is a lead set aside from this import"
                text = parents[row.value]
            else:
                text = problem_text(code, table, other, other_value)
            value = None if pd.isna(row.value) else str(row.value)
            report.problems.append(
                Problem(source.name, line, table, row.column_name, value, text, slot, rec)
            )


def _missing(value: object) -> str | None:
    """A cell of a problems frame as text, None for a missing one (None or NaN)."""
    return None if value is None or pd.isna(value) else str(value)


def count_rows(count: int) -> str:
    """'1 row', '1,234 rows'."""
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def rows_that(count: int, one: str, many: str) -> str:
    """'1 row is', '2 rows are': a count of rows with its verb."""
    return f"{count:,} row {one}" if count == 1 else f"{count:,} rows {many}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def rejects_frame(
    report: Report, imp: engine.Import, sources: dict[int, SourceFile]
) -> pd.DataFrame:
    """Every problem with the row as written, for import_rejects."""
    records: dict[tuple[int, int], str] = {}
    wanted: dict[int, list[int]] = {}
    for p in report.problems:
        if p.slot is not None and p.rec is not None:
            wanted.setdefault(p.slot, []).append(p.rec)
    for slot, recs in wanted.items():
        headers = sources[slot].headers
        for row in imp.source_rows(slot, sorted(set(recs))):
            record = dict(zip(headers, row[1:]))
            records[(slot, row[0])] = json.dumps(record, ensure_ascii=False)
    frame = report.problems_frame().rename(
        columns={"table": "target_table", "column": "column_name"}
    )
    frame["record"] = [
        None if p.slot is None or p.rec is None else records.get((p.slot, p.rec))
        for p in report.problems
    ]
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
