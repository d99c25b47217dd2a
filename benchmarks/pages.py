"""Every page's server-side time and its queries, cold, on a demo database of a given size.

    python3 benchmarks/pages.py [--leads 1000000] [--readme]

Runs each page script (app.py and pages/*.py) under streamlit.testing.v1.AppTest with the
app's caches emptied first, as the first viewer after a new data version sees it, and then
once more warm. Every query the page runs (db.run and db.run_arrays_together, which all of
cache.query and the what-if loader go through) is timed as it runs, so the page's time splits
into its queries and the rest (Python, pandas, building the page's elements). The DuckDB
connection stays open between pages, as in a running server. Writes the table into
docs/performance.md between the pages markers for that size with --readme.
Targets (issue 16): every page script ≤ 300 ms cold at 1 M leads; ≤ 1 s of queries per page
at 10 M.
"""

from __future__ import annotations

import argparse
import ast
import functools
import importlib
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

WORK = ROOT / "benchmarks" / "work"
README = ROOT / "docs" / "performance.md"
SCRIPTS = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


def markers(leads: int) -> tuple[str, str]:
    return f"<!-- pages-{leads}:start -->", f"<!-- pages-{leads}:end -->"


@dataclass
class PageRun:
    script: str
    cold_ms: float = 0.0
    warm_ms: float = 0.0
    queries: list[tuple[str, float]] = field(default_factory=list)  # cold, in order
    error: str | None = None

    @property
    def query_ms(self) -> float:
        return sum(ms for _, ms in self.queries)

    def slowest(self, n: int = 3) -> list[tuple[str, float]]:
        return sorted(self.queries, key=lambda q: -q[1])[:n]


def _recording(fn: Callable, log: list[tuple[str, float]], name_of: Callable) -> Callable:
    @functools.wraps(fn)
    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.append((name_of(*args, **kwargs), (time.perf_counter() - t0) * 1000))

    return timed


def _import_modules_of(script: Path) -> None:
    """The modules `script` imports, imported now: a running server has done that once, so
    a page's cold run is its caches' and its queries' cost, not Python's first import."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                importlib.import_module(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            module = importlib.import_module(node.module)
            for alias in node.names:
                if not hasattr(module, alias.name):  # a submodule
                    importlib.import_module(f"{node.module}.{alias.name}")


def measure(path: Path, scripts: list[str] = SCRIPTS) -> tuple[list[PageRun], float]:
    """Each script's cold and warm run, and this process's peak resident memory (MB)."""
    os.environ["LEADFLOW_DB"] = str(path)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from leadflow import db

    log: list[tuple[str, float]] = []
    db.run = _recording(db.run, log, lambda name, *a, **k: name)  # type: ignore[assignment]
    db.run_arrays_together = _recording(  # type: ignore[assignment]
        db.run_arrays_together,
        log,
        lambda queries, *a, **k: " + ".join(name for name, _ in queries),
    )

    def run_page(script: str) -> tuple[float, AppTest]:
        at = AppTest.from_file(str(ROOT / script), default_timeout=600)
        t0 = time.perf_counter()
        at.run()
        return (time.perf_counter() - t0) * 1000, at

    for script in scripts:
        _import_modules_of(ROOT / script)
    runs = []
    for script in scripts:
        st.cache_data.clear()
        st.cache_resource.clear()
        log.clear()
        page = PageRun(script)
        page.cold_ms, at = run_page(script)
        page.queries = list(log)
        if at.exception:
            page.error = "; ".join(e.message for e in at.exception)
        t0 = time.perf_counter()
        at.run()
        page.warm_ms = (time.perf_counter() - t0) * 1000
        runs.append(page)
        slowest = ", ".join(f"{name} {ms:,.0f} ms" for name, ms in page.slowest())
        print(
            f"{script:<28} cold {page.cold_ms:8,.0f} ms (queries {page.query_ms:7,.0f} ms in "
            f"{len(page.queries)}), warm {page.warm_ms:6,.0f} ms; slowest: {slowest}"
            + (f"  ERROR: {page.error}" if page.error else ""),
            flush=True,
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return runs, peak_mb


def table(runs: list[PageRun], leads: int, peak_mb: float, load: str) -> list[str]:
    lines = [
        f"Measured on {date.today()} on this machine ({os.cpu_count()} cores; {load}), "
        f"{leads:,} demo leads, each page opened with no filters (the last 12 months) under "
        "AppTest, the app's caches emptied before it (cold) and then run again (warm). "
        "Queries: their time within the cold run, all uncached.",
        "",
        "| page | cold | of which queries | queries | slowest queries (cold) | warm |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for page in runs:
        slowest = ", ".join(f"`{name}` {ms:,.0f} ms" for name, ms in page.slowest())
        cold = f"{page.cold_ms:,.0f} ms" + (" (error)" if page.error else "")
        lines.append(
            f"| {page.script} | {cold} | {page.query_ms:,.0f} ms | {len(page.queries)} | "
            f"{slowest or '–'} | {page.warm_ms:,.0f} ms |"
        )
    lines += [
        "",
        f"Peak resident memory of the process running the pages (the app's server side, "
        f"every page one after the other): **{peak_mb / 1024:,.1f} GB**.",
    ]
    errors = [page for page in runs if page.error]
    for page in errors:
        lines.append(f"\n{page.script} stopped with: {page.error}")
    return lines


def write(leads: int, text: str) -> None:
    start, end = markers(leads)
    readme = README.read_text(encoding="utf-8")
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{text}{end}{tail}", encoding="utf-8")
    print("updated docs/performance.md")


def main() -> None:
    load_at_start = os.getloadavg()[0]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--readme", action="store_true", help="write into docs/performance.md")
    args = parser.parse_args()
    path = WORK / f"leadflow_{args.leads}.duckdb"
    if not path.exists():
        raise SystemExit(f"{path} is missing: build it with python3 -m leadflow.demo")
    runs, peak_mb = measure(path)
    load = f"load average {load_at_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end"
    text = "\n".join(table(runs, args.leads, peak_mb, load)) + "\n"
    print(text)
    if args.readme:
        write(args.leads, text)


if __name__ == "__main__":
    main()
