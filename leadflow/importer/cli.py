"""The import's command line.

python -m leadflow.importer --mapping mappings/maven_crm.json sales_pipeline.csv accounts.csv
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pandas as pd

from leadflow import db
from leadflow.importer.mapping import (
    MappingError,
)
from leadflow.importer.mapping import load as load_mapping
from leadflow.importer.problems import format_report
from leadflow.importer.run import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m leadflow.importer",
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
