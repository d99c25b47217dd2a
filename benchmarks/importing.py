"""The import benchmark: the demo's touchpoints (about 20 M rows) as a CSV file, imported with
leadflow.load into a database holding their leads, next to pandas.read_csv + a plain insert."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pandas as pd

from leadflow import db, load
from leadflow import mapping as mappings

COLUMNS = list(db.IMPORT_TABLES["touchpoints"])


def _target(demo: Path, out: Path) -> Path:
    """A database with every table of the demo but its touchpoints."""
    out.unlink(missing_ok=True)
    tables = {t: db.table(t, demo) for t in db.TABLES if t != "touchpoints"}
    info = db.run("data_range", {}, demo).iloc[0]
    db.create_database(out, tables, source="import benchmark", as_of=info["as_of"])
    return out


def measure(demo: Path, work: Path) -> list[str]:
    """Markdown lines: rows, seconds and rows/s of each way, and their ratio."""
    csv = work / "touchpoints.csv"
    if not csv.exists() or csv.stat().st_mtime < demo.stat().st_mtime:
        db.export_csv("touchpoints", csv, demo)
    mapping = mappings.Mapping.from_dict(
        {
            "name": "touchpoints",
            "files": {"touchpoints": {"match": ["touchpoints*.csv"]}},
            "tables": {"touchpoints": {"file": "touchpoints", "columns": {c: c for c in COLUMNS}}},
        }
    )
    ours = _target(demo, work / "import_leadflow.duckdb")
    theirs = _target(demo, work / "import_pandas.duckdb")
    steps: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    report = load.run(
        [csv],
        mapping,
        path=ours,
        now=datetime.now(),
        progress=lambda step: steps.append((time.perf_counter() - t0, step)),
    )
    leadflow_s = time.perf_counter() - t0
    if not report.written:
        raise RuntimeError(f"the benchmark import failed: {report.refused}")
    rows = report.good["touchpoints"]
    print(f"leadflow.load: {rows:,} rows in {leadflow_s:.1f} s ({rows / leadflow_s:,.0f} rows/s)")
    for (at, step), (until, _) in zip(steps, [*steps[1:], (leadflow_s, "")]):
        print(f"  {step:<40} {until - at:6.1f} s")

    t0 = time.perf_counter()
    frame = pd.read_csv(csv, parse_dates=["occurred_at"])
    read_s = time.perf_counter() - t0
    db.insert_frame("touchpoints", frame, theirs)
    pandas_s = time.perf_counter() - t0
    print(f"pandas.read_csv + insert: {pandas_s:.1f} s (read {read_s:.1f} s)")
    db.close(ours)
    db.close(theirs)
    for path in (ours, theirs):
        path.unlink(missing_ok=True)
    phases = ", ".join(
        f"{step.split(' ')[0]} {until - at:.0f} s"
        for (at, step), (until, _) in zip(steps, [*steps[1:], (leadflow_s, "")])
    )
    return [
        f"Import of the demo's {rows:,} touchpoints from a {csv.stat().st_size / 1e9:.1f} GB CSV "
        "into a database holding their leads (one transaction, every row checked: types, "
        "duplicate ids, orphans, future dates):",
        "",
        "| import | time | rows/s | pandas / leadflow.load |",
        "| --- | ---: | ---: | ---: |",
        f"| `leadflow.load` ({phases}) | {leadflow_s:,.1f} s | {rows / leadflow_s:,.0f} | "
        f"{pandas_s / leadflow_s:.1f}× |",
        f"| `pandas.read_csv` + insert, unchecked (read {read_s:.0f} s) | {pandas_s:,.1f} s | "
        f"{rows / pandas_s:,.0f} | – |",
    ]
