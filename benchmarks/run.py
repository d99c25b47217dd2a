"""Benchmark: every query behind the app's pages on 1,000,000 demo leads.

    python benchmarks/run.py [--leads 1000000] [--runs 7] [--rebuild] [--readme]

Times each query uncached (median of --runs after one warm-up), next to the same computation
written in plain pandas on DataFrames already in memory, and measures the app's peak resident
memory while a headless browser opens both pages. Writes benchmarks/RESULTS.md and, with
--readme, the table into docs/performance.md between the benchmark markers. Not a test: nothing here
fails a build; the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from benchmarks import importing, meeting  # noqa: E402
from benchmarks import whatif as whatif_cases  # noqa: E402
from leadflow import db, demo, metrics  # noqa: E402

WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
README = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
NOTE = "The what-if rows were measured again on their own"


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median wall time in ms over `runs`, after one warm-up run."""
    fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


# The same answers in plain pandas, as someone would write them without a database.


def _deal_outcomes(deals: pd.DataFrame) -> pd.DataFrame:
    by_lead = deals.groupby("lead_id")
    won = deals[deals["stage"] == "won"].groupby("lead_id")
    out = pd.DataFrame(
        {
            "opportunity_at": by_lead["created_at"].min(),
            "all_lost": (deals["stage"] == "lost").groupby(deals["lead_id"]).all(),
            "last_closed": by_lead["closed_at"].max(),
            "won_at": won["closed_at"].min(),
            "won_amount": won["amount"].sum(),
        }
    )
    out["lost_at"] = out["last_closed"].where(out["all_lost"])
    return out[["opportunity_at", "won_at", "lost_at", "won_amount"]]


def _segment_filter(leads: pd.DataFrame, p: dict) -> pd.DataFrame:
    keep = pd.Series(True, index=leads.index)
    if p["channels"]:
        keep &= leads["channel"].isin(p["channels"])
    if p["industries"]:
        keep &= leads["industry"].isin(p["industries"])
    if p["size_bands"]:
        keep &= leads["size_band"].isin(p["size_bands"])
    if p["reps"]:
        keep &= leads["owner"].isin(p["reps"])
    return leads[keep]


def _cohort(leads: pd.DataFrame, deals: pd.DataFrame, p: dict) -> pd.DataFrame:
    start = pd.Timestamp(p["start"])
    end = pd.Timestamp(p["end"]) + pd.Timedelta(days=1)
    leads = _segment_filter(leads, p)
    leads = leads[(leads["created_at"] >= start) & (leads["created_at"] < end)]
    out = leads.join(_deal_outcomes(deals), on="lead_id")
    out["is_opportunity"] = out["opportunity_at"].notna()
    out["is_sql"] = out["is_opportunity"] | out["accepted_at"].notna()
    out["is_handoff"] = out["is_sql"] | out["handoff_at"].notna()
    out["is_mql"] = out["is_handoff"] | out["mql_at"].notna()
    return out


def pandas_funnel_counts(leads, deals, p, dimension):
    cohort = _cohort(leads, deals, p)
    segment = {
        "all": pd.Series("all leads", index=cohort.index),
        "created_month": cohort["created_at"].dt.strftime("%Y-%m"),
        "channel": cohort["channel"],
        "rep": cohort["owner"].fillna("(not handed off)"),
    }[dimension]
    return (
        cohort.assign(
            segment=segment,
            is_won=cohort["won_at"].notna(),
            is_lost=cohort["lost_at"].notna(),
        )
        .groupby("segment")
        .agg(
            leads=("lead_id", "size"),
            mqls=("is_mql", "sum"),
            handoffs=("is_handoff", "sum"),
            sqls=("is_sql", "sum"),
            opportunities=("is_opportunity", "sum"),
            won=("is_won", "sum"),
            lost=("is_lost", "sum"),
            revenue=("won_amount", "sum"),
        )
    )


def pandas_stage_velocity(leads, deals, p):
    cohort = _cohort(leads, deals, p)
    steps = [
        ("created_at", "mql_at"),
        ("mql_at", "handoff_at"),
        ("handoff_at", "accepted_at"),
        ("accepted_at", "opportunity_at"),
        ("opportunity_at", "won_at"),
    ]
    return [
        ((cohort[b] - cohort[a]).dt.total_seconds() / 86400).dropna().median() for a, b in steps
    ]


def pandas_headline(leads, deals, p, previous_start, previous_end):
    seg = _segment_filter(leads, p)
    out = {}
    for name, first, last in (
        ("current", p["start"], p["end"]),
        ("previous", previous_start, previous_end),
    ):
        lo, hi = pd.Timestamp(first), pd.Timestamp(last) + pd.Timedelta(days=1)

        def within(column, lo=lo, hi=hi):
            return (seg[column] >= lo) & (seg[column] < hi)

        handed = within("handoff_at")
        won = deals[
            (deals["stage"] == "won") & (deals["closed_at"] >= lo) & (deals["closed_at"] < hi)
        ]
        won = won.merge(seg[["lead_id"]], on="lead_id")  # isin on pandas 3 strings is slow
        out[name] = {
            "leads": int(within("created_at").sum()),
            "mqls": int(within("mql_at").sum()),
            "sqls": int(within("accepted_at").sum()),
            "handoffs": int(handed.sum()),
            "handoffs_accepted": int((handed & seg["accepted_at"].notna()).sum()),
            "won_deals": len(won),
            "revenue": float(won["amount"].sum()),
        }
    return out


def pandas_leads_at_stage(leads, deals, p, stage, limit):
    cohort = _cohort(leads, deals, p)
    cohort = cohort[cohort[f"is_{stage}"]]
    return cohort.sort_values(["created_at", "lead_id"], ascending=[False, True]).head(limit)


def load_frames(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Leads and deals as pandas would hold them, size bands computed once up front."""
    leads = db.table("leads", path)
    bands = pd.cut(
        leads["company_size"],
        bins=[0, 9, 49, 249, 999, float("inf")],
        labels=["1-9", "10-49", "50-249", "250-999", "1000+"],
    )
    leads["size_band"] = bands.astype("string").fillna("unknown")
    return leads, db.table("deals", path)


def measure_app_memory(path: Path) -> float:
    """Peak resident memory (MB) of `streamlit run` while a browser opens both pages."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, running_app, wait_until_idle

    WORK.mkdir(parents=True, exist_ok=True)
    with running_app(path, WORK / "server.log") as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for url in (
            f"{app.url}/",
            f"{app.url}/Funnel",
            f"{app.url}/Funnel?split=Sales+rep&stage=Won",
            f"{app.url}/Funnel?channel=webinar&size=50-249",
            f"{app.url}/Conversion?by=Campaign",
            f"{app.url}/SLA",
            f"{app.url}/Rejections?reason=no+budget",
            f"{app.url}/What_if?threshold=80&w_roi_calculator=40",
        ):
            page.goto(url)
            wait_until_idle(page, timeout_s=120)
        browser.close()
        for line in Path(f"/proc/{app.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):  # the process's peak resident set
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM for the app process")


def periods(path: Path) -> tuple[dict, date, date]:
    """The default filters (the last 12 months of the data) and the period before them."""
    info = db.run("data_range", {}, path).iloc[0]
    last_day = (pd.Timestamp(info["as_of"]) - pd.Timedelta(microseconds=1)).date()
    start = last_day - timedelta(days=364)
    base = {
        "start": start,
        "end": last_day,
        "channels": [],
        "industries": [],
        "size_bands": [],
        "reps": [],
    }
    previous_start, previous_end = metrics.previous_period(start, last_day)
    return base, previous_start, previous_end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="regenerate the database")
    parser.add_argument(
        "--readme", action="store_true", help="write the table into docs/performance.md"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the app memory check")
    parser.add_argument("--no-import", action="store_true", help="skip the import benchmark")
    parser.add_argument(
        "--only-whatif",
        action="store_true",
        help="time the what-if cases alone (no browser, no import) and replace their rows in "
        "the recorded table, keeping the others",
    )
    parser.add_argument(
        "--only-import",
        action="store_true",
        help="run the import benchmark alone and replace its table in the recorded results, "
        "keeping the rest",
    )
    args = parser.parse_args()

    path = WORK / f"leadflow_{args.leads}.duckdb"
    if args.rebuild or not path.exists():
        t0 = time.perf_counter()
        demo.build(path, n_leads=args.leads)
        print(f"demo database: {args.leads:,} leads in {time.perf_counter() - t0:.1f} s")
    if args.only_import:
        write_imported(args, importing.measure(path, WORK))
        return
    base, previous_start, previous_end = periods(path)
    filtered = {**base, "channels": ["webinar", "referral"], "size_bands": ["50-249", "250-999"]}

    leads, deals = load_frames(path)
    if args.only_whatif:
        rows = [measure(case, args.runs) for case in whatif_cases.cases(path, base, leads, deals)]
        db.close(path)
        write_results(args, rows, None, merge=True)
        return
    cases = [
        (
            "headline_by_period (landing)",
            lambda: db.run(
                "headline_by_period",
                {**base, "previous_start": previous_start, "previous_end": previous_end},
                path,
            ),
            lambda: pandas_headline(leads, deals, base, previous_start, previous_end),
        ),
    ]
    for dimension in ("all", "created_month", "channel", "rep"):
        cases.append(
            (
                f"funnel_counts by {dimension}",
                lambda d=dimension: db.run("funnel_counts", {**base, "dimension": d}, path),
                lambda d=dimension: pandas_funnel_counts(leads, deals, base, d),
            )
        )
    cases += [
        (
            "funnel_counts, 2 channels × 2 sizes",
            lambda: db.run("funnel_counts", {**filtered, "dimension": "all"}, path),
            lambda: pandas_funnel_counts(leads, deals, filtered, "all"),
        ),
        (
            "stage_velocity",
            lambda: db.run("stage_velocity", base, path),
            lambda: pandas_stage_velocity(leads, deals, base),
        ),
        (
            "leads_at_stage (SQL, newest 1,000)",
            lambda: db.run(
                "leads_at_stage",
                {**base, "stage": "sql", "dimension": "all", "segment": None, "row_limit": 1000},
                path,
            ),
            lambda: pandas_leads_at_stage(leads, deals, base, "sql", 1000),
        ),
        *meeting.cases(path, base, leads, deals),
        *whatif_cases.cases(path, base, leads, deals),
        ("data_range (sidebar)", lambda: db.run("data_range", {}, path), None),
        ("filter_options (sidebar)", lambda: db.run("filter_options", {}, path), None),
    ]

    rows = [measure(case, args.runs) for case in cases]

    # The app opens the file read-write, and DuckDB lets one process at a time do that.
    db.close(path)
    memory_mb = None if args.no_browser else measure_app_memory(path)
    if memory_mb:
        print(f"app peak resident memory: {memory_mb:,.0f} MB")
    imported = None if args.no_import else importing.measure(path, WORK)
    write_results(args, rows, memory_mb, imported)


def measure(case: tuple, runs: int) -> tuple[str, float, float | None]:
    """(name, DuckDB ms, pandas ms) of one case, printed as it is measured."""
    name, duck, pandas_fn = case
    duck_ms = timed(duck, runs)
    pandas_ms = timed(pandas_fn, max(3, runs // 2)) if pandas_fn else None
    ratio = f"{pandas_ms / duck_ms:5.1f}x" if pandas_ms else "  –"
    print(f"{name:<40} {duck_ms:8.1f} ms   pandas {pandas_ms or 0:8.1f} ms   {ratio}")
    return name, duck_ms, pandas_ms


def _row(name: str, duck_ms: float, pandas_ms: float | None) -> str:
    ratio = f"{pandas_ms / duck_ms:.1f}×" if pandas_ms else "–"
    pandas_text = f"{pandas_ms:,.0f} ms" if pandas_ms else "–"
    return f"| {name} | {duck_ms:,.1f} ms | {pandas_text} | {ratio} |"


def _merged(recorded: str, rows: list, note: str) -> str:
    """The recorded block with these rows in place of the rows of the same name (new names
    after the last what-if row), and `note` after the table, in place of an earlier one."""
    lines = recorded.rstrip("\n").split("\n")
    for name, duck_ms, pandas_ms in rows:
        row = _row(name, duck_ms, pandas_ms)
        same = [i for i, line in enumerate(lines) if line.startswith(f"| {name} |")]
        if same:
            lines[same[0]] = row
        else:
            after = [i for i, line in enumerate(lines) if line.startswith("| what-if")]
            lines.insert(after[-1] + 1, row)
    table_end = next(i for i, line in enumerate(lines) if line.startswith("| "))
    while table_end + 1 < len(lines) and lines[table_end + 1].startswith("| "):
        table_end += 1  # the queries' table, the first one
    if lines[table_end + 2 : table_end + 3] and lines[table_end + 2].startswith(NOTE):
        lines[table_end + 2] = note
    else:
        lines[table_end + 1 : table_end + 1] = ["", note]
    return "\n".join(lines) + "\n"


# The machine's 1-minute load average when the run started: with other work on the two cores
# the times are upper bounds, and the table says so.
LOAD_AT_START = os.getloadavg()[0]


def _load() -> str:
    return f"load average {LOAD_AT_START:.1f} at the start and {os.getloadavg()[0]:.1f} at the end"


def write_results(args, rows, memory_mb, imported=None, merge: bool = False) -> None:
    if merge:
        # Only some rows were measured: the rest of the recorded table stays as it was.
        recorded = RESULTS.read_text(encoding="utf-8").split("\n\n", 1)[1]
        note = f"{NOTE} on {date.today()} (`--only-whatif`, median of {args.runs} runs)."
        table = _merged(recorded, rows, note)
        _write(args, table)
        return
    lines = [
        f"Measured on {date.today()} on this machine ({os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {_load()}), {args.leads:,} demo leads, default "
        f"filters (the last 12 months) unless named; median of {args.runs} uncached runs.",
        "",
        "| query | DuckDB | plain pandas | pandas / DuckDB |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [_row(*row) for row in rows]
    if memory_mb:
        lines += [
            "",
            f"Peak resident memory of the app process (`streamlit run`, after opening every "
            f"page, some with filters): **{memory_mb:,.0f} MB**.",
        ]
    if imported:
        lines += ["", *imported]
    _write(args, "\n".join(lines) + "\n")


def write_imported(args, imported: list[str]) -> None:
    """The recorded results with the import's lines, always the last, replaced."""
    recorded = RESULTS.read_text(encoding="utf-8").split("\n\n", 1)[1]
    kept = recorded.split("\nImport of the demo's", 1)[0].rstrip("\n")
    _write(args, kept + "\n\n" + "\n".join(imported) + "\n")


def _write(args, table: str) -> None:
    RESULTS.write_text("# Benchmark results\n\n" + table, encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    if args.readme:
        text = README.read_text(encoding="utf-8")
        head, rest = text.split(MARK_START, 1)
        _, tail = rest.split(MARK_END, 1)
        README.write_text(f"{head}{MARK_START}\n{table}{MARK_END}{tail}", encoding="utf-8")
        print("updated docs/performance.md")


if __name__ == "__main__":
    main()
