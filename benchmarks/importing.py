"""The import benchmark: the demo's touchpoints (about 20 M rows) as a CSV file, imported with
leadflow.importer into a database holding their leads, next to pandas.read_csv + a plain insert.

Each import runs in a process of its own, so that its peak memory is its own:
`python -m benchmarks.importing leadflow|pandas DATABASE CSV` prints one JSON line."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pandas as pd

from leadflow import db, importer
from leadflow.db import importing as engine
from leadflow.importer import mapping as mappings

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = list(engine.IMPORT_TABLES["touchpoints"])


def _target(demo: Path, out: Path) -> Path:
    """A database with every table of the demo but its touchpoints."""
    out.unlink(missing_ok=True)
    # has_table: a demo built before a table was added to the schema lacks it.
    tables = {
        t: db.table(t, demo) for t in db.TABLES if t != "touchpoints" and db.has_table(t, demo)
    }
    info = db.run("data_range", {}, demo).iloc[0]
    db.create_database(out, tables, source="import benchmark", as_of=info["as_of"])
    db.close(out)
    return out


def _import(way: str, path: Path, csv: Path) -> dict:
    """One import in this process: seconds, rows, phases and peak resident memory."""
    steps: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    if way == "leadflow":
        mapping = mappings.Mapping.from_dict(
            {
                "name": "touchpoints",
                "files": {"touchpoints": {"match": ["touchpoints*.csv"]}},
                "tables": {
                    "touchpoints": {"file": "touchpoints", "columns": {c: c for c in COLUMNS}}
                },
            }
        )
        report = importer.run(
            [csv],
            mapping,
            path=path,
            now=datetime.now(),
            progress=lambda step: steps.append((time.perf_counter() - t0, step.split(" ")[0])),
        )
        if not report.written:
            raise RuntimeError(f"the benchmark import failed: {report.refused}")
        rows = report.good["touchpoints"]
    else:
        frame = pd.read_csv(csv, parse_dates=["occurred_at"])
        steps.append((0.0, "read"))
        steps.append((time.perf_counter() - t0, "insert"))
        db.insert_frame("touchpoints", frame, path)
        rows = len(frame)
    seconds = time.perf_counter() - t0
    db.close(path)
    ends = [at for at, _ in steps[1:]] + [seconds]
    return {
        "seconds": seconds,
        "rows": rows,
        "phases": [[step, end - at] for (at, step), end in zip(steps, ends)],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _in_child(way: str, target: Path, work: Path, csv: Path) -> dict:
    path = work / f"import_{way}.duckdb"
    shutil.copyfile(target, path)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.importing", way, str(path), str(csv)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        path.unlink(missing_ok=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    phases = ", ".join(f"{step} {s:.1f} s" for step, s in result["phases"])
    print(
        f"{way}: {result['rows']:,} rows in {result['seconds']:.1f} s "
        f"({result['rows'] / result['seconds']:,.0f} rows/s; {phases}), "
        f"peak {result['peak_mb']:,.0f} MB"
    )
    return result


def _median(results: list[dict]) -> dict:
    """The run of median time (its phases and memory with it)."""
    return sorted(results, key=lambda r: r["seconds"])[len(results) // 2]


def measure(demo: Path, work: Path, runs: int = 3) -> list[str]:
    """Markdown lines: rows, seconds, rows/s and peak memory of each way (the median of `runs`
    imports, each into a fresh copy of the same database), and their ratio."""
    csv = work / "touchpoints.csv"
    if not csv.exists() or csv.stat().st_mtime < demo.stat().st_mtime:
        db.export_csv("touchpoints", csv, demo)
    db.close(demo)
    target = _target(demo, work / "import_target.duckdb")
    try:
        ours = [_in_child("leadflow", target, work, csv) for _ in range(runs)]
        theirs = [_in_child("pandas", target, work, csv) for _ in range(runs)]
    finally:
        target.unlink(missing_ok=True)
    mine, other = _median(ours), _median(theirs)
    rows = mine["rows"]
    phases = ", ".join(f"{step} {s:.0f} s" for step, s in mine["phases"])
    spread = ", ".join(f"{r['seconds']:.1f}" for r in sorted(ours, key=lambda r: r["seconds"]))
    print(f"leadflow.importer over {runs} runs: {spread} s; pandas median {other['seconds']:.1f} s")
    read_s = dict(other["phases"])["read"]
    return [
        f"Import of the demo's {rows:,} touchpoints from a {csv.stat().st_size / 1e9:.1f} GB CSV "
        "into a database holding their leads (one transaction, every row checked: types, "
        "duplicate ids, orphans, future dates), each way in a process of its own, the median "
        f"of {runs} runs (`leadflow.importer`: {spread} s):",
        "",
        "| import | time | rows/s | peak memory | pandas / leadflow.importer |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| `leadflow.importer` ({phases}) | {mine['seconds']:,.1f} s | "
        f"{rows / mine['seconds']:,.0f} | {mine['peak_mb'] / 1024:,.1f} GB | "
        f"{other['seconds'] / mine['seconds']:.1f}× |",
        f"| `pandas.read_csv` + insert, unchecked (read {read_s:.0f} s) | "
        f"{other['seconds']:,.1f} s | {other['rows'] / other['seconds']:,.0f} | "
        f"{other['peak_mb'] / 1024:,.1f} GB | – |",
    ]


if __name__ == "__main__":
    way, database, source = sys.argv[1:4]
    print(json.dumps(_import(way, Path(database), Path(source))))
