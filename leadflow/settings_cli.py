"""The team settings on the command line: show, export or import one as CSV.

The checks and the CSV live in leadflow.team_settings, free of the database; this module adds
the database (leadflow.db) around them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leadflow import db, team_settings


def main(argv: list[str] | None = None) -> int:
    """python -m leadflow.settings_cli show|export|import SETTING [file.csv]"""
    parser = argparse.ArgumentParser(description="Show, export or import a team setting as CSV.")
    parser.add_argument("action", choices=("show", "export", "import"))
    parser.add_argument("setting", choices=tuple(team_settings.COLUMNS))
    parser.add_argument("file", type=Path, nargs="?", help="the CSV (export: default stdout)")
    parser.add_argument("--replace", action="store_true", help="import: the file is every row")
    parser.add_argument("--db", type=Path, default=None, help="default: db.database_path()")
    args = parser.parse_args(argv)
    path = args.db or db.database_path()
    try:
        if args.action in ("show", "export"):
            csv = team_settings.to_csv(args.setting, db.read_setting(args.setting, path))
            if args.action == "export" and args.file:
                args.file.write_text(csv, encoding="utf-8")
                print(f"{args.setting}: written to {args.file}")
            else:
                print(csv, end="")
            return 0
        if args.file is None:
            parser.error("import needs the CSV file")
        known = db.known_setting_values(path)
        rows, problems = team_settings.parse(
            args.setting,
            args.file.read_text(encoding="utf-8-sig"),
            touchpoint_types=known["touchpoint"],
            campaigns=known["campaign"],
        )
        for problem in problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        if team_settings.errors(problems):
            print("error: nothing was written", file=sys.stderr)
            return 1
        change = team_settings.describe_change(args.setting, rows, replace=args.replace)
        db.write_setting(args.setting, rows, replace=args.replace, who="command line",
                         change=change, path=path)  # fmt: skip
        print(f"{args.setting}: {change}")
        return 0
    except (OSError, ValueError, db.DatabaseBusy, db.duckdb_error()) as error:
        print(f"error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
