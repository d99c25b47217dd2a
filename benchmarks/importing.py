"""The import benchmark: the demo's touchpoints (about 20 M rows) as a CSV file, imported with
leadflow.importer into a database holding their leads, next to pandas.read_csv + a plain insert;
and an import of new leads into the full demo database (`incremental`), which updates the
derived tables for those leads alone.

Each import runs in a process of its own, so that its peak memory is its own:
`python -m benchmarks.importing leadflow|pandas DATABASE CSV` prints one JSON line, and so does
`python -m benchmarks.importing files DATABASE FILE...` (files whose headers are our column
names, mapped as the Import data page suggests). `python -m benchmarks.importing incremental
DATABASE [--leads 50000] [--per-lead 0] [--runs 3]` times imports of new leads (and as many
touchpoints each) into copies of DATABASE."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
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


def peak_mb() -> float:
    """This process's peak resident memory since it started: the kernel's VmHWM, which exec
    resets. (getrusage's ru_maxrss is kept across exec, so a child of the benchmark, which
    holds the pandas frames, reported the parent's 10 GB for every import.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _import(way: str, path: Path, csv: Path, *more: Path) -> dict:
    """One import in this process: seconds, rows, phases and peak resident memory."""
    steps: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    if way == "files":
        files = [csv, *more]
        headers = {f.name: f.open(encoding="utf-8").readline().strip().split(",") for f in files}
        report = importer.run(
            files,
            mappings.suggest(headers),
            path=path,
            names={f: f.name for f in files},
            mode="update",
            bad_rows="set_aside",
            progress=lambda step: steps.append((time.perf_counter() - t0, step.split(" ")[0])),
        )
        if not report.written or report.bad_rows:
            raise RuntimeError(f"the benchmark import failed: {report.refused}")
        rows = sum(report.good.get(t, 0) for t in ("leads", "touchpoints"))
    elif way == "leadflow":
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
        "peak_mb": peak_mb(),
    }


def _in_child(way: str, target: Path, work: Path, csv: Path, *more: Path) -> dict:
    path = work / f"import_{way}.duckdb"
    shutil.copyfile(target, path)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.importing", way, str(path), str(csv)]
            + [str(m) for m in more],
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


def new_leads(folder: Path, demo: Path, leads: int, per_lead: int) -> list[Path]:
    """leads.csv (and touchpoints.csv with `per_lead` each) of new leads under ids of their
    own, created over the demo's last 90 days, with the columns the pages filter by."""
    info = db.run("data_range", {}, demo).iloc[0]
    last = pd.Timestamp(info["as_of"]).to_pydatetime() - timedelta(days=1)
    channels = ("webinar", "linkedin_ads", "referral", "organic_search")
    industries = ("IT & software", "Manufacturing", "Logistics", "Finance", "Retail")
    kinds = ("demo_request", "email_open", "ebook_download", "pricing_page_visit")
    lead_lines = ["lead_id,created_at,channel,industry,company_size,seniority,country"]
    touch_lines = ["touchpoint_id,lead_id,occurred_at,type,campaign_id,value"]
    for j in range(leads):
        created = last - timedelta(days=j % 90, hours=j % 10, minutes=j % 60)
        lead_lines.append(
            f"NB-{j:07d},{created:%Y-%m-%d %H:%M:%S},{channels[j % 4]},{industries[j % 5]},"
            f"{10 + j % 900},manager,PL"
        )
        for m in range(per_lead):
            at = min(created + timedelta(hours=2 * m + 1), last)
            touch_lines.append(
                f"{10**12 + j * per_lead + m},NB-{j:07d},{at:%Y-%m-%d %H:%M:%S},"
                f"{kinds[(j + m) % 4]},,"
            )
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / "leads_new.csv"]
    files[0].write_text("\n".join(lead_lines) + "\n", encoding="utf-8")
    if per_lead:
        files.append(folder / "touchpoints_new.csv")
        files[1].write_text("\n".join(touch_lines) + "\n", encoding="utf-8")
    return files


def measure_incremental(demo: Path, work: Path, leads: int, per_lead: int, runs: int) -> str:
    """A line: the median time of `runs` imports of `leads` new leads (with `per_lead`
    touchpoints each) into copies of `demo`, each in a process of its own, with its phases."""
    files = new_leads(work / "incremental", demo, leads, per_lead)
    db.close(demo)
    results = [_in_child("files", demo, work, *files) for _ in range(runs)]
    mine = _median(results)
    phases = ", ".join(f"{step} {s:.2f} s" for step, s in mine["phases"])
    spread = ", ".join(f"{r['seconds']:.2f}" for r in sorted(results, key=lambda r: r["seconds"]))
    return (
        f"Import of {leads:,} new leads and {leads * per_lead:,} touchpoints into the demo "
        f"database: {mine['seconds']:.2f} s, the median of {runs} ({spread} s; {phases}), "
        f"peak {mine['peak_mb']:,.0f} MB"
    )


if __name__ == "__main__":
    if sys.argv[1] == "incremental":
        parser = argparse.ArgumentParser(prog="benchmarks.importing incremental")
        parser.add_argument("database", type=Path)
        parser.add_argument("--leads", type=int, default=50_000)
        parser.add_argument("--per-lead", type=int, default=0)
        parser.add_argument("--runs", type=int, default=3)
        args = parser.parse_args(sys.argv[2:])
        work = args.database.parent
        print(measure_incremental(args.database, work, args.leads, args.per_lead, args.runs))
    else:
        way, database, *sources = sys.argv[1:]
        print(json.dumps(_import(way, Path(database), *(Path(s) for s in sources))))
