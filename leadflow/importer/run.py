"""One import: the mapping applied to the files, every row checked, the good rows written in
one transaction, or nothing."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa

from leadflow import db
from leadflow.db import importing as engine
from leadflow.importer.mapping import (
    TARGETS,
    FileRule,
    Mapping,
    TableRule,
    normalized,
)
from leadflow.importer.problems import (
    Report,
    add_malformed,
    collect_problems,
    rejects_frame,
    rows_that,
)
from leadflow.importer.sources import (
    DAY_FIRST,
    ID_COLUMNS,
    MONTH_FIRST,
    POLISH_FORMATS,
    TIMESTAMP_COLUMNS,
    FileProblem,
    SourceFile,
    file_kind,
    inspect_csv,
    placeholders,
    read_xlsx,
)
from leadflow.settings import CURRENCY, TIME_ZONE


def _apply_rule_names(
    rule: TableRule,
    table: str,
    source: SourceFile,
    lookups: dict[str, SourceFile],
    empty: tuple[str, ...] | list[str] = (),
) -> tuple[dict[str, engine.ImportColumn], list[str]]:
    """Their header names to positions. Raises FileProblem naming a header that is missing.
    `lookups`: the table's lookup files found, by the mapping's name for them; `empty`: what
    the file writes for "empty"."""
    order = [lookup["file"] for lookup in rule.lookups if lookup["file"] in lookups]

    def position(header: str, column: str, where: SourceFile = source) -> int:
        found = [i for i, h in enumerate(where.headers) if normalized(h) == normalized(header)]
        if not found:
            raise FileProblem(
                f'{where.name}: no column "{header}" (for {table}.{column}); its columns are: '
                + ", ".join(f'"{h}"' for h in where.headers)
            )
        return found[0]

    columns, notes = {}, []
    for column, spec in rule.columns.items():
        values = rule.values.get(column, {})
        pairs = tuple((k.strip().lower(), v) for k, v in values.items() if k != "*")
        lookup, looked_up = None, source
        if spec.lookup is not None:
            key = spec.lookup_file or (order[0] if order else None)
            if key is None or key not in lookups:
                raise FileProblem(f'{table}.{column}: "lookup" needs a lookup file in the mapping')
            looked_up = lookups[key]
            lookup = (order.index(key), position(spec.lookup, column, looked_up))
        theirs = None
        if spec.only_if_theirs:
            # A looked-up column's condition is on its lookup file's row (an opportunities file's
            # decision deciding which of its dates is the lead's accepted_at).
            ((header, allowed),) = spec.only_if_theirs.items()
            words = [str(v).strip().lower() for v in allowed]
            blank = {"", *(e.lower() for e in empty)}
            theirs = (
                None if lookup is None else lookup[0],
                position(header, column, looked_up),
                tuple(w for w in words if w not in blank),
                any(w in blank for w in words),
            )
        only_if = None
        if spec.only_if:  # one column of ours, as the mapping's check ensures
            ((ours, allowed),) = spec.only_if.items()
            only_if = (ours, tuple(allowed))
        columns[column] = engine.ImportColumn(
            sources=tuple(position(h, column) for h in spec.columns),
            lookup=lookup,
            constant=spec.value,
            default=spec.default,
            values=pairs,
            otherwise=values.get("*"),
            only_if=only_if,
            only_if_theirs=theirs,
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


def _dates(mapping: Mapping, table: str, rule: TableRule) -> dict[str, dict]:
    """How each timestamp column of the table is read (`how` in queries/import/macros.sql): its
    date_format, and the zone of its local times: the column's own, else its file's (the lookup
    file's, for a looked-up column), else the app's."""
    file_rule = mapping.files[rule.file]
    out = {}
    for column, spec in rule.columns.items():
        if TARGETS[table][column].kind != "timestamp":
            continue
        from_file: FileRule = file_rule
        if spec.lookup is not None and rule.lookups:
            key = spec.lookup_file or rule.lookups[0]["file"]
            from_file = mapping.files.get(key, file_rule)
        zone = spec.time_zone or from_file.time_zone or TIME_ZONE
        declared = spec.date_format or ""
        kind = "excel" if declared == "excel" else "format" if declared else "default"
        out[column] = {
            "kind": kind,
            "formats": [declared] if kind == "format" else _timestamp_formats(from_file.day_first),
            "declared": declared,
            "zone": zone,
            "gaps": gap_hours(zone),
        }
    return out


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
        lookup["file"] for rule in mapping.tables.values() for lookup in rule.lookups
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
        except engine.ImportOutOfMemory as error:
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


@dataclass
class _Files:
    """The import's files, each under the slot number the engine stages it by."""

    sources: dict[int, SourceFile] = field(default_factory=dict)
    rules: dict[int, FileRule] = field(default_factory=dict)  # the mapping's rule for each
    slot_of: dict[tuple[str, Path], int] = field(default_factory=dict)  # (file key, path)
    arrows: dict[int, pa.Table] = field(default_factory=dict)  # xlsx, read in Python


def _run(report, mapping, matched, names, *, path, mode, bad_rows, write, now, as_of,
         before_commit, say, workdir) -> Report:  # fmt: skip
    """The import proper, in its phases: open the files, stage them, map them onto the
    tables, check every row, then write, or say why not."""
    files = _open_files(report, mapping, matched, names, workdir)
    if report.file_errors:
        report.refused = "a file cannot be read"
        return report
    with engine.Import(path) as imp:
        _stage_files(imp, files, report, say)
        if report.file_errors:
            report.refused = "a file cannot be read"
            return report
        options, mapped = _map_tables(imp, files, report, mapping, matched, say)
        if report.file_errors:
            report.refused = "a file does not fit the mapping"
            return report

        say("checking")
        imp.check(options, replace=mode == "replace", now=now)
        _note_converted_times(imp, report, options, mapped)
        report.good = imp.good_rows()
        report.preview = imp.preview()
        new_campaigns = imp.new_campaigns()
        if new_campaigns:
            shown = ", ".join(new_campaigns[:5]) + (", …" if len(new_campaigns) > 5 else "")
            report.notes.append(
                f"{len(new_campaigns):,} campaigns the leads or touchpoints name are in no file "
                f"or table ({shown}): created, named by their id"
            )
            mapped.setdefault("campaigns", [])
        collect_problems(report, imp, files.sources, mapping)
        keep_as_of = mode == "update" and imp.had_data()
        if mode == "update" and "campaign_id" in mapped.get("leads", []):
            changed = imp.campaign_changes()
            if changed:
                report.notes.append(
                    f"{changed:,} leads already loaded are given another campaign: they keep the "
                    "one they have (a lead's campaign is set when it is first imported)"
                )

        refused = _why_not_written(report, write, bad_rows)
        if refused:
            report.refused = refused
            return report
        say("writing")
        return _write(
            imp, files, report, mapping, mapped, path=path, mode=mode, keep_as_of=keep_as_of,
            as_of=as_of, before_commit=before_commit,
        )  # fmt: skip


def _open_files(
    report: Report,
    mapping: Mapping,
    matched: dict[str, list[Path]],
    names: dict[Path, str],
    workdir: Path,
) -> _Files:
    """Each matched file's headers and layout (an xlsx is read whole here); a file that
    cannot be opened is a file error."""
    files = _Files()
    for key, paths in matched.items():
        rule = mapping.files[key]
        for file in paths:
            name = names.get(file, file.name)
            arrow = None
            try:
                kind = file_kind(name)
                if kind == "xlsx":
                    source, arrow = read_xlsx(file, name, rule, placeholders(rule))
                elif kind == "parquet":
                    source = SourceFile(name=name, path=file, kind="parquet", headers=[])
                else:
                    source = inspect_csv(file, name, rule, workdir)
            except FileProblem as problem:
                report.file_errors.append(str(problem))
                continue
            slot = len(files.sources)
            files.sources[slot] = source
            files.rules[slot] = rule
            files.slot_of[(key, file)] = slot
            if arrow is not None:
                files.arrows[slot] = arrow
    return files


def _stage_files(imp: engine.Import, files: _Files, report: Report, say) -> None:
    """Every file into the engine's staging tables, as text; what cannot be read is a file
    error, and malformed lines are kept for the report."""
    for slot, source in files.sources.items():
        say(f"reading {source.name}")
        if source.kind == "csv":
            try:
                staged = imp.stage_csv(
                    slot, source.readable or source.path, delimiter=source.delimiter,
                    columns=len(source.headers), skip=source.header_line,
                    nulls=placeholders(files.rules[slot]),
                )  # fmt: skip
            except engine.ImportOutOfMemory:
                raise
            except engine.LineTooLong:
                report.file_errors.append(_too_long(source))
                continue
            except engine.ImportFailed as error:
                report.file_errors.append(
                    f"{source.name}: cannot be read as CSV ({str(error).split(': ', 1)[-1]})"
                )
                continue
            source.rows = staged.rows
            add_malformed(report, source, staged)
        elif source.kind == "xlsx":
            imp.stage_arrow(slot, files.arrows[slot])
        else:
            try:
                columns = imp.parquet_columns(source.path)
                source.headers = [name for name, _ in columns]
                source.float_columns = [
                    i for i, (_, kind) in enumerate(columns) if kind in ("FLOAT", "DOUBLE")
                ]
                source.rows = imp.stage_parquet(slot, source.path, [k for _, k in columns])
            except engine.ImportOutOfMemory:
                raise
            except engine.ImportFailed:
                # DuckDB's words name the server's path and the reader's internals.
                report.file_errors.append(f"{source.name}: cannot be read as Parquet")
                continue
        if source.kind != "xlsx" and source.rows == 0 and not source.malformed_lines:
            report.file_errors.append(f"{source.name}: has column names but no rows")


def _map_tables(
    imp: engine.Import,
    files: _Files,
    report: Report,
    mapping: Mapping,
    matched: dict[str, list[Path]],
    say,
) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Each table's rows added from its files as the mapping says; returns each table's
    reading options for the check, and the columns the mapping fills in each table."""
    sources, slot_of = files.sources, files.slot_of
    options: dict[str, dict] = {}
    mapped: dict[str, list[str]] = {}
    for table, rule in mapping.tables.items():
        paths = matched.get(rule.file, [])
        if not paths:
            continue
        file_rule = mapping.files[rule.file]
        lookup_slots: dict[str, int] = {}  # the table's lookup files found: their slots
        for lookup_rule in rule.lookups:
            key = lookup_rule["file"]
            lookup_paths = matched.get(key, [])
            if lookup_paths and (key, lookup_paths[0]) in slot_of:
                lookup_slots[key] = slot_of[(key, lookup_paths[0])]
        report.rows.setdefault(table, 0)
        for file in paths:
            if (rule.file, file) not in slot_of:
                continue
            slot = slot_of[(rule.file, file)]
            source = sources[slot]
            try:
                columns, notes = _apply_rule_names(
                    rule, table, source, {k: sources[s] for k, s in lookup_slots.items()},
                    placeholders(file_rule),
                )  # fmt: skip
                lookups = []  # in the order _apply_rule_names numbers them
                for lookup_rule in rule.lookups:
                    if lookup_rule["file"] not in lookup_slots:
                        continue  # no such file given: the note above says so
                    found = lookup_slots[lookup_rule["file"]]
                    theirs = _row_filter({lookup_rule["key"]: []}, sources[found])[0][0]
                    ours = _row_filter({lookup_rule["on"]: []}, source)[0][0]
                    lookups.append((found, theirs, ours))
                attributes = tuple(
                    (_row_filter({header: []}, source)[0][0], header, kind)
                    for header, kind in rule.attributes.items()
                )
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
                engine.ImportSource(
                    slot=slot, columns=columns, keep=keep, skip=skip,
                    lookups=tuple(lookups), attributes=attributes,
                ),
            )  # fmt: skip
            report.rows[table] += taken
            if left_out:
                rules = [f"{h} is {' or '.join(v)}" for h, v in rule.skip_rows.items()] + [
                    f"{h} is not {' or '.join(v)}" for h, v in rule.keep_rows.items()
                ]
                report.notes.append(
                    f"{source.name}: {rows_that(left_out, 'is', 'are')} not {table}, as the "
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
            "currency": CURRENCY,
            "dates": _dates(mapping, table, rule),
        }
        mapped[table] = sorted(rule.columns)
        if rule.attributes:
            mapped["lead_attributes"] = sorted(rule.attributes)
    return options, mapped


def _note_converted_times(
    imp: engine.Import, report: Report, options: dict[str, dict], mapped: dict[str, list[str]]
) -> None:
    """Say which times were moved into the app's time zone: by the mapping's zone, or by an
    offset their text carried."""
    for table, columns in mapped.items():
        dates = options.get(table, {}).get("dates", {})
        moved: dict[str, list[str]] = {}
        for column, how in dates.items():
            if how["zone"] != TIME_ZONE:
                moved.setdefault(how["zone"], []).append(column)
        for zone, moved_columns in moved.items():
            report.notes.append(
                f"{table}: local times in {zone} converted to {TIME_ZONE}, the app's time "
                f"zone ({', '.join(moved_columns)})"
            )
        # A declared format reads no offset, whatever its text looks like.
        stamped = [
            c for c in columns
            if c in TIMESTAMP_COLUMNS and dates.get(c, {}).get("kind", "default") == "default"
        ]  # fmt: skip
        for column, count in imp.offsets(table, stamped).items():
            if count:
                report.notes.append(
                    f"{table}.{column}: {count:,} time{'s' if count != 1 else ''} with a "
                    f"time-zone offset converted to {TIME_ZONE}, the app's time zone"
                )


def _why_not_written(report: Report, write: bool, bad_rows: str) -> str | None:
    """Why the checked rows are not to be written, or None when they are."""
    if not write:
        return "a dry run: nothing was written"
    if report.bad_rows and report.more_problems and bad_rows == "set_aside":
        return (
            f"{rows_that(report.bad_rows, 'has', 'have')} problems: too many to set aside one "
            "by one; check the mapping (columns, date and number formats) or the file"
        )
    if report.bad_rows and bad_rows == "refuse":
        return (
            f"{rows_that(report.bad_rows, 'has', 'have')} problems, and the choice was to "
            "import nothing then"
        )
    if report.good_rows == 0:
        return "no row to import"
    return None


def _write(
    imp: engine.Import,
    files: _Files,
    report: Report,
    mapping: Mapping,
    mapped: dict[str, list[str]],
    *,
    path: Path,
    mode: str,
    keep_as_of: bool,
    as_of: datetime | None,
    before_commit: Callable[[], None] | None,
) -> Report:
    """The good rows written in one transaction, with the import's log and its set-aside
    rows; a refusal by the database leaves it as it was."""
    rejects = rejects_frame(report, imp, files.sources)
    imp.drop_sources()
    started = datetime.now().replace(microsecond=0)
    imported = [files.sources[slot].name for slot in sorted(files.sources)]
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
    except engine.ImportOutOfMemory as error:
        report.file_errors.append(_out_of_memory(error))
        report.refused = "the database ran out of memory"
        return report
    except engine.ImportFailed as error:
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
    line = _long_line(source.readable or source.path, engine.MAX_LINE_BYTES)
    return (
        f"{source.name}: {f'line {line}' if line else 'a line'} is longer than "
        f"{engine.MAX_LINE_BYTES:,} bytes: a value that long is not CRM data (check the quotes "
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
    imp: engine.Import, slot: int, source: SourceFile, columns: dict[str, engine.ImportColumn]
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
        return moment.replace(tzinfo=tz).utcoffset() or timedelta(0)

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
