"""The cost curve: each headline operation at several sizes, beside pandas and polars.

    python3 benchmarks/curve.py [--sizes 100000,1000000,10000000] [--runs 5] [--readme]

For each size (a demo database benchmarks/work/leadflow_N.duckdb, built first when missing)
times the landing headline, the funnel by channel, handoff outcomes by week, the SLA by rep,
rejections by reason, the newest leads at a stage, and the what-if page's first load and
weight change (benchmarks/whatif.py's cases), the app's way (DuckDB) and in plain pandas and
polars on DataFrames already in memory. Each way runs in a child process of its own, so its
peak memory is its own; a child that grows past what the machine can spare is stopped, and a
way whose memory at the smaller sizes says it cannot fit is not started: its cells say "does
not fit" and how much it would need. Writes the table into docs/performance.md between the
curve markers with --readme. Not a test: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from benchmarks import importing, meeting  # noqa: E402
from benchmarks import run as benchmark  # noqa: E402
from benchmarks import whatif as whatif_cases  # noqa: E402
from leadflow import db, whatif  # noqa: E402

WORK = ROOT / "benchmarks" / "work"
README = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- curve:start -->", "<!-- curve:end -->"

PEERS = ("duckdb", "pandas", "polars")
# The queries need the leads and deals; the what-if naive peers also need every touchpoint,
# ten times the leads' memory: a stage of its own, so the queries still run where it cannot.
STAGES = {
    "queries": (
        "headline_by_period (landing)",
        "funnel_counts by channel",
        "handoff_outcomes by week (conversion)",
        "sla_by_rep",
        "rejections_by_reason (Pareto)",
        "leads_at_stage (SQL, newest 1,000)",
    ),
    "whatif": (
        "what-if: first load (queries, features, replay)",
        "what-if: weight change (replay a rule set)",
    ),
}
# A single run longer than this is the figure: repeating a multi-second pandas run at 10 M
# would take the benchmark hours and tell little more.
REPEAT_BELOW_MS = 2000.0
# Memory left to the rest of the machine (other jobs, this parent) when a child runs.
RESERVE_MB = 3 * 1024


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median wall time in ms over `runs` after one warm-up run; the warm-up's own time when
    it took longer than REPEAT_BELOW_MS."""
    t0 = time.perf_counter()
    fn()
    first = (time.perf_counter() - t0) * 1000
    if first > REPEAT_BELOW_MS:
        return first
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


# What each child process runs: (name, function) pairs for one peer and one stage.


def _duckdb_queries(path: Path) -> list[tuple[str, Callable[[], object]]]:
    base, previous_start, previous_end = benchmark.periods(path)

    def run(name: str, **params) -> Callable[[], object]:
        return lambda: db.run(name, {**base, **params}, path)

    at_stage = {"stage": "sql", "dimension": "all", "segment": None, "row_limit": 1000}
    return list(
        zip(
            STAGES["queries"],
            (
                run("headline_by_period", previous_start=previous_start, previous_end=previous_end),
                run("funnel_counts", dimension="channel"),
                run("handoff_outcomes", dimension="handoff_week"),
                run("sla_by_rep"),
                run("rejections_by_reason", dimension="all"),
                run("leads_at_stage", **at_stage),
            ),
            strict=True,
        )
    )


def _sla_inputs(path: Path) -> tuple[pd.Series, pd.Series, pd.Timestamp]:
    policy = db.table("sla_policy", path).sort_values("valid_from").iloc[-1]
    holidays = db.table("public_holidays", path)["day"]
    as_of = pd.Timestamp(db.run("data_range", {}, path)["as_of"].iloc[0])
    return policy, holidays, as_of


def _pandas_queries(path: Path) -> list[tuple[str, Callable[[], object]]]:
    base, previous_start, previous_end = benchmark.periods(path)
    policy, holidays, as_of = _sla_inputs(path)
    leads, deals = benchmark.load_frames(path)
    db.close(path)

    def handed() -> pd.DataFrame:
        return meeting._handoffs(leads, deals, base)

    return list(
        zip(
            STAGES["queries"],
            (
                lambda: benchmark.pandas_headline(leads, deals, base, previous_start, previous_end),
                lambda: benchmark.pandas_funnel_counts(leads, deals, base, "channel"),
                lambda: meeting._outcomes_by_week(handed()),
                lambda: meeting._by_rep(meeting._sla(handed(), policy, holidays, as_of)),
                lambda: meeting._rejections_by(handed(), None),
                lambda: benchmark.pandas_leads_at_stage(leads, deals, base, "sql", 1000),
            ),
            strict=True,
        )
    )


def _polars_queries(path: Path) -> list[tuple[str, Callable[[], object]]]:
    from benchmarks import peers_polars as pl_peer

    base, previous_start, previous_end = benchmark.periods(path)
    policy, holidays, as_of = _sla_inputs(path)
    db.close(path)
    tables = pl_peer.frames(path, ("leads", "deals"))
    leads, deals = tables["leads"], tables["deals"]

    def handed():
        return pl_peer.handoffs(leads, deals, base)

    return list(
        zip(
            STAGES["queries"],
            (
                lambda: pl_peer.headline(leads, deals, base, previous_start, previous_end),
                lambda: pl_peer.funnel_counts(leads, deals, base, "channel"),
                lambda: pl_peer.outcomes_by_week(handed()),
                lambda: pl_peer.sla_by_rep(handed(), policy, holidays, as_of.to_pydatetime()),
                lambda: pl_peer.rejections_by(handed(), None),
                lambda: pl_peer.leads_at_stage(leads, deals, base, "sql", 1000),
            ),
            strict=True,
        )
    )


@contextlib.contextmanager
def _without_touchpoint_frame() -> Iterator[None]:
    """benchmarks/whatif.py reads every touchpoint into pandas for its naive side while it
    sets up its cases; the page's side does not use them, and at 10 M leads they would not fit
    beside it: an empty frame of the same columns while the DuckDB side's cases are made."""
    real = db.table

    def table(name: str, path: Path | None = None) -> pd.DataFrame:
        if name == "touchpoints":
            return pd.DataFrame(
                {
                    "lead_id": pd.Series(dtype="string"),
                    "occurred_at": pd.Series(dtype="datetime64[us]"),
                    "type": pd.Series(dtype="string"),
                }
            )
        return real(name, path)

    db.table = table  # type: ignore[assignment]
    try:
        yield
    finally:
        db.table = real  # type: ignore[assignment]


def _whatif_cases(path: Path, leads: pd.DataFrame) -> dict[str, tuple]:
    base = benchmark.periods(path)[0]
    cases = whatif_cases._period_cases(path, base, leads, "what-if")
    return {case[0]: case for case in cases if case[0] in STAGES["whatif"]}


def _duckdb_whatif(path: Path) -> list[tuple[str, Callable[[], object]]]:
    # The page's side reads its leads itself; the naive side's cohort is not needed here.
    no_leads = pd.DataFrame({"lead_id": pd.Series(dtype="string"), "created_at": pd.Series()})
    with _without_touchpoint_frame():
        cases = _whatif_cases(path, no_leads.astype({"created_at": "datetime64[us]"}))
    return [(name, cases[name][1]) for name in STAGES["whatif"]]


def _pandas_whatif(path: Path) -> list[tuple[str, Callable[[], object]]]:
    cases = _whatif_cases(path, benchmark.load_frames(path)[0])
    return [(name, cases[name][2]) for name in STAGES["whatif"]]


def _polars_whatif(path: Path) -> list[tuple[str, Callable[[], object]]]:
    import polars as pl

    from benchmarks import peers_polars as pl_peer
    from leadflow.db import publishing

    base = benchmark.periods(path)[0]
    catalog = whatif.catalog(path)
    candidate = whatif_cases._candidate(catalog.current)
    db.close(path)
    leads = pl_peer.frames(path, ("leads",))["leads"]
    lo, hi = pl_peer._bounds(base["start"], base["end"])
    cohort = leads.filter(pl_peer._within("created_at", lo, hi))

    def touchpoints() -> pl.DataFrame:
        con = publishing.connect(path, read_only=True)
        try:
            frame = con.table("touchpoints").project("lead_id, occurred_at, type").pl()
        finally:
            con.close()
        return frame.join(cohort.select("lead_id"), on="lead_id", how="semi", maintain_order="left")

    loaded = touchpoints()

    def first_load() -> None:
        pl_peer.rescore(touchpoints(), cohort, catalog.current, catalog.current_threshold)

    return list(
        zip(
            STAGES["whatif"],
            (
                first_load,
                lambda: pl_peer.rescore(loaded, cohort, candidate, catalog.current_threshold),
            ),
            strict=True,
        )
    )


CHILD_CASES = {
    ("duckdb", "queries"): _duckdb_queries,
    ("pandas", "queries"): _pandas_queries,
    ("polars", "queries"): _polars_queries,
    ("duckdb", "whatif"): _duckdb_whatif,
    ("pandas", "whatif"): _pandas_whatif,
    ("polars", "whatif"): _polars_whatif,
}


def child(peer: str, stage: str, path: Path, runs: int) -> None:
    """One peer's stage in this process: a JSON line per operation as it is measured."""
    cases = CHILD_CASES[peer, stage](path)
    print(json.dumps({"loaded_mb": importing.peak_mb()}), flush=True)
    for name, fn in cases:
        print(
            json.dumps({"op": name, "ms": timed(fn, runs), "peak_mb": importing.peak_mb()}),
            flush=True,
        )


# The parent: children, their memory, and what to say when one does not fit.


@dataclass
class Outcome:
    """What one child (a peer's stage at one size) gave: times per operation, peak memory,
    and why it stopped early, if it did."""

    ms: dict[str, float] = field(default_factory=dict)
    peak_mb: float = 0.0
    does_not_fit: str | None = None  # the cell's text when it did not fit
    failed: str | None = None


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no MemAvailable in /proc/meminfo")


def gb(mb: float) -> str:
    return f"{mb / 1024:,.1f} GB"


def run_child(peer: str, stage: str, path: Path, runs: int, budget_mb: float) -> Outcome:
    """The child for `peer` and `stage` on `path`, stopped when its resident memory passes
    `budget_mb`; its lines read as they come, so operations measured before a stop count."""
    outcome = Outcome()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.curve", "--child", peer, stage, str(path), str(runs)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    errors: list[str] = []
    readers = [
        threading.Thread(target=lambda: lines.extend(process.stdout or []), daemon=True),
        threading.Thread(target=lambda: errors.extend(process.stderr or []), daemon=True),
    ]
    for reader in readers:
        reader.start()
    highest = 0.0
    while process.poll() is None:
        highest = max(highest, _rss_mb(process.pid))
        if highest > budget_mb:
            process.kill()
            outcome.does_not_fit = f"does not fit: over {gb(budget_mb)} needed"
            break
        time.sleep(0.05)
    process.wait()
    for reader in readers:
        reader.join()
    for line in lines:
        if not line.startswith("{"):
            continue  # what the cases print as they are made
        record = json.loads(line)
        if "op" in record:
            outcome.ms[record["op"]] = record["ms"]
        outcome.peak_mb = max(outcome.peak_mb, record.get("peak_mb", record.get("loaded_mb", 0)))
    outcome.peak_mb = max(outcome.peak_mb, highest)
    if process.returncode and not outcome.does_not_fit:
        outcome.failed = "".join(errors).strip()[-2000:]
    return outcome


def expected_mb(sizes_mb: dict[int, float], leads: int) -> float | None:
    """Peak memory at `leads`, on the line through the two largest sizes measured below it
    (proportional through one); None when none was."""
    known = sorted((n, mb) for n, mb in sizes_mb.items() if n < leads and mb > 0)
    if not known:
        return None
    if len(known) == 1:
        n, mb = known[0]
        return mb * leads / n
    (n1, mb1), (n2, mb2) = known[-2:]
    slope = (mb2 - mb1) / (n2 - n1)
    return max(mb2 + slope * (leads - n2), mb2)


def database(leads: int, wait: bool = False) -> Path:
    """The demo database of `leads` leads, built (seed 42) when it is not there yet, or with
    `wait`, waited for: another command is building it (it appears complete, under its name,
    only when done)."""
    path = WORK / f"leadflow_{leads}.duckdb"
    if wait and not path.exists():
        print(f"waiting for {path.relative_to(ROOT)}…", flush=True)
        while not path.exists():
            time.sleep(5)
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        print(f"building the {leads:,}-lead demo database…", flush=True)
        command = ["-m", "leadflow.demo", "--leads", str(leads), "--seed", "42", "--out", str(path)]
        subprocess.run([sys.executable, *command], cwd=ROOT, check=True)
    return path


def measure(
    sizes: list[int],
    runs: int,
    peers: tuple[str, ...] = PEERS,
    stages: tuple[str, ...] = tuple(STAGES),
    budget_mb: float | None = None,
    databases: Callable[[int], Path] = lambda leads: database(leads),
) -> dict[tuple[str, str, int], Outcome]:
    """{(peer, stage, leads): Outcome} for every size, smallest first. A peer's stage whose
    memory at the smaller sizes puts it over the budget at this one is not started."""
    results: dict[tuple[str, str, int], Outcome] = {}
    for leads in sorted(sizes):
        path = databases(leads)
        for stage in stages:
            for peer in peers:
                budget = budget_mb or available_mb() - RESERVE_MB
                smaller = {
                    n: o.peak_mb for (p, s, n), o in results.items() if (p, s) == (peer, stage)
                }
                needed = expected_mb(smaller, leads)
                if needed and needed > budget:
                    outcome = Outcome(does_not_fit=f"does not fit: ~{gb(needed)} needed")
                    outcome.peak_mb = needed
                else:
                    outcome = run_child(peer, stage, path, runs, budget)
                results[peer, stage, leads] = outcome
                _print(peer, stage, leads, outcome)
    return results


def _print(peer: str, stage: str, leads: int, outcome: Outcome) -> None:
    done = ", ".join(f"{name.split(' (')[0]} {ms:,.1f} ms" for name, ms in outcome.ms.items())
    note = outcome.does_not_fit or (f"FAILED: {outcome.failed}" if outcome.failed else "")
    print(
        f"{leads:>10,} {peer:<7} {stage:<8} peak {gb(outcome.peak_mb)}  {done} {note}", flush=True
    )


def duration(ms: float) -> str:
    if ms >= 10_000:
        return f"{ms / 1000:,.1f} s"
    if ms >= 100:
        return f"{ms:,.0f} ms"
    return f"{ms:,.1f} ms"


def _cell(outcome: Outcome | None, name: str) -> str:
    if outcome is None:
        return "–"
    if name in outcome.ms:
        return duration(outcome.ms[name])
    if outcome.does_not_fit:
        return outcome.does_not_fit
    return "failed" if outcome.failed else "–"


def _ratio(peer: Outcome | None, duck: Outcome | None, name: str) -> str:
    if peer is None or duck is None or name not in peer.ms or name not in duck.ms:
        return "–"
    ratio = peer.ms[name] / duck.ms[name]
    return f"{ratio:,.1f}×" if ratio >= 1 else f"{ratio:.2f}×"


def table(results: dict, sizes: list[int]) -> list[str]:
    """Markdown: one row per operation and size, the peers beside DuckDB, the faster of
    pandas and polars in bold; then each way's peak memory per size."""
    lines = [
        "| operation | leads | DuckDB (the app) | pandas | pandas / DuckDB | polars | "
        "polars / DuckDB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for stage, names in STAGES.items():
        for name in names:
            for leads in sorted(sizes):
                duck, pandas, polars = (results.get((p, stage, leads)) for p in PEERS)
                cells = {"pandas": _cell(pandas, name), "polars": _cell(polars, name)}
                times = {
                    p: o.ms[name]
                    for p, o in (("pandas", pandas), ("polars", polars))
                    if o is not None and name in o.ms
                }
                if len(times) == 2:
                    faster = min(times, key=lambda p: times[p])
                    cells[faster] = f"**{cells[faster]}**"
                lines.append(
                    f"| {name} | {leads:,} | {_cell(duck, name)} | {cells['pandas']} | "
                    f"{_ratio(pandas, duck, name)} | {cells['polars']} | "
                    f"{_ratio(polars, duck, name)} |"
                )
    lines += [
        "",
        "| peak resident memory | leads | DuckDB (the app) | pandas | polars |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for stage in STAGES:
        label = {"queries": "the six queries", "whatif": "what-if"}[stage]
        for leads in sorted(sizes):
            cells = []
            for peer in PEERS:
                outcome = results.get((peer, stage, leads))
                if outcome is None:
                    cells.append("–")
                elif outcome.does_not_fit:
                    cells.append(outcome.does_not_fit)
                else:
                    cells.append(gb(outcome.peak_mb))
            lines.append(f"| {label} | {leads:,} | {' | '.join(cells)} |")
    return lines


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    total = next(
        int(line.split()[1]) / 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return f"{os.cpu_count()} cores ({model}), {gb(total)} RAM, Python {platform.python_version()}"


def write(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    head, rest = readme.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    README.write_text(f"{head}{MARK_START}\n{text}{MARK_END}{tail}", encoding="utf-8")
    print("updated docs/performance.md")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        peer, stage, path, runs = sys.argv[2:6]
        child(peer, stage, Path(path), int(runs))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--readme", action="store_true", help="write into docs/performance.md")
    parser.add_argument(
        "--wait",
        action="store_true",
        help="wait for a missing database that another command is building, not build it",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = measure(sizes, args.runs, databases=lambda leads: database(leads, args.wait))
    text = "\n".join([header(sizes, args.runs), "", *table(results, sizes)]) + "\n"
    print(text)
    if args.readme:
        write(text)


def header(sizes: list[int], runs: int) -> str:
    from importlib.metadata import version

    libraries = ", ".join(f"{name} {version(name)}" for name in ("duckdb", "pandas", "polars"))
    shown = ", ".join(f"{n:,}" for n in sorted(sizes))
    return (
        f"Measured on {date.today()} on this machine ({machine()}; {libraries}; "
        f"{benchmark._load()}), demo databases of {shown} leads (seed 42), the default "
        f"filters (the last 12 months); each time the median of {runs} runs after a warm-up, "
        f"or the first run alone when it took over {REPEAT_BELOW_MS / 1000:.0f} s. Each way in a "
        "process of its own; in bold the faster of pandas and polars."
    )


if __name__ == "__main__":
    main()
