"""Load test: a team opening the app at once while an import writes.

    python benchmarks/load_test.py [--leads 50000 | --db FILE] [--sessions 15] [--rounds 3]
        [--imports 3] [--import-leads 5000] [--touchpoints-per-lead 10] [--processes 1,2,4]
        [--alone] [--readme]

Starts `streamlit run` on a copy of a demo database and drives it from one headless Chromium,
one browser context per session. Each of `--sessions` readers, every round, opens the landing
page by a link with a period (and a channel) and reads "Leads"; goes to the funnel in the
sidebar (the filters come along) and reads its "Leads"; adds a channel in the sidebar and
reads it again; goes to the what-if page and reads "MQLs"; moves the threshold slider by
keyboard and reads "MQLs" again. One more session uploads new leads and touchpoints on the
Import data page and imports them, `--imports` times, spread over the readers' run.

Every number a reader checks was computed up front by a direct query (or the what-if replay)
on a second copy of the database, once before the imports and again after each of them
(`leadflow.importer` on that copy, with the same files and mapping). A number is wrong unless it
is the value of a data version committed before its update ended: old or new data, never a
mix. It is counted as stale when it is older than the version the import page had already
said was done when the update started. Reports p50/p95 page-update time (from the interaction
to the app idle with the new number), the server's peak resident memory, failed sessions,
wrong and stale numbers; --readme writes them into docs/performance.md between the load-test
markers.
tests/test_load_test.py runs a short version (`route="short"`: one page and one interaction
per session).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from leadflow import db, demo, format, i18n, importer, whatif  # noqa: E402
from leadflow.app import whatif_cache  # noqa: E402
from leadflow.app.filters import DataRange, Filters  # noqa: E402
from leadflow.importer import mapping as mappings  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

WORK = ROOT / "benchmarks" / "work"
README = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- load-test:start -->", "<!-- load-test:end -->"
PROCESSES_START, PROCESSES_END = "<!-- processes:start -->", "<!-- processes:end -->"
QUIET_MS = 300  # a page unchanged this long after its last run ended is done updating

CHANNELS = demo.CHANNEL_NAMES
INDUSTRIES = ("IT & software", "Manufacturing", "Logistics", "Finance", "Retail")
SIZES = (5, 30, 120, 500, 2000)
SENIORITIES = ("C-level", "director", "manager", "specialist")
# Touchpoints of an imported lead: every third one asks for a demo, so the what-if replay
# counts new MQLs after an import, not only new leads.
KEEN = ("demo_request", "roi_calculator", "contact_form", "pricing_page_visit")
IDLE = ("ebook_download", "email_open", "email_click", "newsletter_signup")

# Installed in every page before Streamlit's own code. The app's script-state attribute cannot
# tell when a run is over: under load the browser renders "running" and "notRunning" in one
# frame, and it never reads "running". So the page's WebSocket is watched instead, reading the
# outermost field numbers of each protobuf message: BackMsg field 11 (rerun_script) is a run
# asked for, ForwardMsg field 6 (script_finished) a run ended, unless its status is 2
# (FINISHED_EARLY_FOR_RERUN: another run follows). The last change to the page's DOM dates
# the end of an update.
WATCH = """
window.__finished = 0;
window.__askedAt = -1;
window.__finishedAt = -1;
window.__changedAt = performance.now();
function __fields(data) {
    const b = data instanceof ArrayBuffer ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const out = [];
    let i = 0;
    const varint = () => {
        let value = 0, scale = 1, byte;
        do { byte = b[i++]; value += (byte & 0x7f) * scale; scale *= 128; }
        while (byte & 0x80 && i < b.length);
        return value;
    };
    while (i < b.length) {
        const tag = varint(), wire = tag % 8;
        if (wire === 0) out.push([Math.floor(tag / 8), varint()]);
        else if (wire === 2) { const n = varint(); out.push([Math.floor(tag / 8), null]); i += n; }
        else if (wire === 1) i += 8;
        else if (wire === 5) i += 4;
        else break;
    }
    return out;
}
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
            if (!(event.data instanceof ArrayBuffer)) return;
            for (const [field, value] of __fields(event.data)) {
                if (field === 6 && value !== 2) {
                    window.__finished += 1;
                    window.__finishedAt = performance.now();
                }
            }
        });
    }
    send(data) {
        if (typeof data !== 'string' && __fields(data).some(([field]) => field === 11)) {
            window.__askedAt = performance.now();
        }
        return super.send(data);
    }
};
new MutationObserver(() => { window.__changedAt = performance.now(); }).observe(document, {
    attributes: true, childList: true, characterData: true, subtree: true,
});
// No animations (spinners, skeletons, fades): sixteen pages drawing them in software while
// they wait took more of the two cores than the server did.
document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent = '*, *::before, *::after { animation: none !important; ' +
        'transition: none !important; }';
    document.head.appendChild(style);
});
"""
# Idle: at least `finished` runs ended, none asked for since the last one ended, the address
# holding every `wanted` text, the page unchanged for `quiet` ms, and a metric tile labelled
# `label` on it (or an exception or error, which shown() then reports).
IDLE_WITH = """
([label, finished, wanted, quiet]) => {
    if (window.__finished < finished || window.__askedAt > window.__finishedAt) return false;
    const app = document.querySelector('[data-testid=stApp]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const address = decodeURIComponent(location.pathname + location.search);
    if (!wanted.every(w => address.includes(w))) return false;
    if (performance.now() - window.__changedAt < quiet) return false;
    if (document.querySelector('[data-testid=stException], [data-testid=stAlertContentError]')) {
        return true;
    }
    return [...document.querySelectorAll('[data-testid=stMetricLabel]')]
        .some(e => e.innerText.trim() === label);
}
"""
STATE = """
() => ({
    address: decodeURIComponent(location.pathname + location.search),
    finished: window.__finished,
    asked_at: window.__askedAt,
    finished_at: window.__finishedAt,
    changed_at: window.__changedAt,
    now: performance.now(),
    state: document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state'),
    labels: [...document.querySelectorAll('[data-testid=stMetricLabel]')].map(e => e.innerText),
})
"""
METRIC_VALUE = """
(label) => {
    for (const tile of document.querySelectorAll('[data-testid=stMetric]')) {
        const name = tile.querySelector('[data-testid=stMetricLabel]');
        if (name && name.innerText.trim() === label) {
            return tile.querySelector('[data-testid=stMetricValue]').innerText.trim();
        }
    }
    return null;
}
"""


@dataclass(frozen=True)
class Scenario:
    """What one reading session looks at: a period (and a channel) in the link, a channel it
    adds in the sidebar, and which way it moves the what-if slider from the current threshold."""

    index: int
    start: date
    end: date
    channel: str | None  # in the link
    added_channel: str  # added in the sidebar (the funnel's, or the landing page's)
    threshold: int  # where the what-if slider starts: the current rules' threshold
    up: bool  # the slider moved by Page Up, else by Page Down

    def link(self) -> list[tuple[str, str]]:
        period = [("period", self.start.isoformat()), ("period", self.end.isoformat())]
        return period + ([("channel", self.channel)] if self.channel else [])

    def filters(self, added: bool) -> Filters:
        channels = [self.channel] if self.channel else []
        return Filters(self.start, self.end, tuple(channels + [self.added_channel] * added))

    def checks(self, route: str) -> list[tuple]:
        """The numbers this session reads, in order, as (page, session, channel added, …); a
        what-if check's last item is the threshold, None where the slider lands (read from the
        address). The full route reads them all. The short one reads the landing page before
        and after adding a channel, or, in every third session, the what-if page before and
        after moving the slider: opening a page with charts costs the browser twice what the
        landing costs."""
        i = self.index
        if route == "full":
            return [
                ("landing", i, False),
                ("funnel", i, False),
                ("funnel", i, True),
                ("whatif", i, True, self.threshold),
                ("whatif", i, True, None),
            ]
        if i % 3 == 1:
            return [("whatif", i, False, self.threshold), ("whatif", i, False, None)]
        return [("landing", i, False), ("landing", i, True)]


def scenarios(path: Path, sessions: int) -> list[Scenario]:
    """A different view per session: the last 12 months or the last quarter, with and without
    a channel, the threshold moved up or down."""
    span = data_range_of(path)
    periods = [(span.default_start, span.last_day), (span.last_day - timedelta(89), span.last_day)]
    threshold = catalog_of(path).current_threshold
    out = []
    for i in range(sessions):
        start, end = periods[i % 2]
        out.append(
            Scenario(
                index=i,
                start=start,
                end=end,
                channel=None if i % 3 == 0 else CHANNELS[i % len(CHANNELS)],
                added_channel=CHANNELS[(i + 3) % len(CHANNELS)],
                threshold=threshold,
                up=i % 4 < 2,
            )
        )
    return out


def catalog_of(path: Path) -> whatif.Catalog:
    """The what-if page's catalog (whatif.catalog), read with direct queries."""
    return whatif.Catalog.from_frames(
        db.run("whatif_rules", {}, path), db.run("whatif_thresholds", {}, path)
    )


def data_range_of(path: Path) -> DataRange:
    """The sidebar's data range (filters.data_range), read with a direct query."""
    row = db.run("data_range", {}, path).iloc[0]
    as_of = pd.Timestamp(row["as_of"]).to_pydatetime()
    last_day = (as_of - timedelta(microseconds=1)).date()
    first_day = pd.Timestamp(row["first_lead_at"]).date()
    return DataRange(first_day, last_day, as_of, str(row["source"]), int(row["leads"]))


def reference_values(path: Path, plans: list[Scenario], route: str) -> dict[tuple, str]:
    """Every number the sessions check, as the app formats it, on the database at `path`."""
    out: dict[tuple, str] = {}
    catalog = catalog_of(path)
    # The what-if page's candidate before any weight is changed: the current points.
    rules = whatif.Rules.of(
        {rule: catalog.current.as_dict().get(rule, 0) for rule in whatif.weight_keys(catalog)},
        catalog.current.half_life_days,
    )
    tmax = whatif.max_threshold_for(catalog.current_threshold)
    replays: dict[tuple, whatif.Scored] = {}
    for plan in plans:
        for check in plan.checks(route):
            if check[0] == "landing":
                filters = plan.filters(check[2])
                previous = filters.previous()
                params = {
                    **filters.params(),
                    "previous_start": previous.start,
                    "previous_end": previous.end,
                }
                headline = db.run("headline_by_period", params, path).set_index("period")
                out[check] = format.count(headline.loc["current", "leads"])
            elif check[0] == "funnel":
                params = {**plan.filters(check[2]).params(), "dimension": "all"}
                out[check] = format.count(db.run("funnel_counts", params, path)["leads"].sum())
            else:
                key = whatif_cache.replay_key(plan.filters(check[2]))
                if key not in replays:
                    data = whatif.load_uncached(key, path, catalog)
                    replays[key] = whatif.replay(data, rules, tmax)
                thresholds = range(1, tmax + 1) if check[3] is None else [check[3]]
                for threshold in thresholds:
                    mqls = replays[key].at(threshold).mqls
                    out[("whatif", *check[1:3], threshold)] = format.count(mqls)
    return out


# The import: files written here, uploaded by the browser, and applied to the reference copy.


def import_files(
    folder: Path, batch: int, first: date, last: date, leads: int, per_lead: int
) -> list[Path]:
    """leads_<batch>.csv and touchpoints_<batch>.csv: new leads created between `first` and
    `last` (the period the readers look at), with their touchpoints, under ids of their own."""
    folder.mkdir(parents=True, exist_ok=True)
    days = max((last - first).days - 10, 1)
    lead_lines = ["lead_id,created_at,channel,industry,company_size,seniority,country"]
    touch_lines = ["touchpoint_id,lead_id,occurred_at,type,campaign_id,value"]
    for j in range(leads):
        lead_id = f"LT{batch:02d}-{j:07d}"
        created = datetime.combine(first, datetime.min.time()) + timedelta(
            days=1 + (j * 7919) % days, hours=8 + j % 9, minutes=j % 60
        )
        lead_lines.append(
            f"{lead_id},{created:%Y-%m-%d %H:%M:%S},{CHANNELS[(j + batch) % len(CHANNELS)]},"
            f"{INDUSTRIES[j % len(INDUSTRIES)]},{SIZES[j % len(SIZES)]},"
            f"{SENIORITIES[j % len(SENIORITIES)]},PL"
        )
        kinds = KEEN if j % 3 == 0 else IDLE
        for m in range(per_lead):
            touchpoint_id = 10**12 + batch * 10**9 + j * per_lead + m
            occurred = created + timedelta(hours=3 * m + 1)
            touch_lines.append(
                f"{touchpoint_id},{lead_id},{occurred:%Y-%m-%d %H:%M:%S},{kinds[m % len(kinds)]},,"
            )
    paths = [folder / f"leads_{batch}.csv", folder / f"touchpoints_{batch}.csv"]
    for path, lines in zip(paths, (lead_lines, touch_lines)):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def apply_import(path: Path, files: list[Path]) -> None:
    """The page's import on the reference copy: the mapping it suggests for these files' names
    and headers, keeping the data loaded."""
    headers = {f.name: f.open(encoding="utf-8").readline().strip().split(",") for f in files}
    report = importer.run(
        files,
        mappings.suggest(headers),
        path=path,
        names={f: f.name for f in files},
        mode="update",
        bad_rows="set_aside",
    )
    if not report.written or report.bad_rows:
        raise RuntimeError(f"the reference import of {files} failed: {report.refused}")


# The browser sessions.


@dataclass
class Update:
    """One page update: an interaction, and the app idle again with the number checked."""

    session: int
    kind: str  # open, switch, filter, slider, import
    started: float
    finished: float
    check: tuple | None = None
    shown: str | None = None

    @property
    def seconds(self) -> float:
        return self.finished - self.started


@dataclass
class ImportRun:
    clicked: float = 0.0  # Import pressed: from here the new data may be visible
    done: float = 0.0  # the page says it is done: from here only the new data may be visible
    checked_s: float = 0.0  # "Check the files" until the report is shown


@dataclass
class Session:
    index: int
    updates: list[Update] = field(default_factory=list)
    error: str | None = None


class NotIdle(RuntimeError):
    pass


async def settle(page, label: str, finished: int, wanted: list[str], timeout_s: float) -> float:
    """Wait until the app is idle with `label` on screen after at least `finished` runs ended,
    and stays so for a moment (a slider's later key presses ask for more runs); returns when
    (time.monotonic()) the page last changed before that."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout_s
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise NotIdle(f"not idle with {label!r} within {timeout_s:.0f} s")
        try:
            await page.wait_for_function(
                IDLE_WITH, arg=[label, finished, wanted, QUIET_MS], polling=50, timeout=left * 1000
            )
        except PlaywrightTimeout:
            state = await page.evaluate(STATE)
            raise NotIdle(
                f"not idle with {label!r} after {finished} runs at {wanted} within "
                f"{timeout_s:.0f} s: {state}"
            ) from None
        seen = await page.evaluate("[window.__finished, window.__askedAt, window.__changedAt]")
        await page.wait_for_timeout(250)
        still, now, changed = await page.evaluate(
            f"([label, finished, wanted, quiet, seen]) => [({IDLE_WITH})([label, finished, "
            "wanted, quiet]) && window.__finished === seen[0] && window.__askedAt === seen[1] "
            "&& window.__changedAt === seen[2], performance.now(), window.__changedAt]",
            [label, finished, wanted, QUIET_MS, seen],
        )
        if still:
            return time.monotonic() - (now - changed) / 1000


async def shown(page, label: str) -> str:
    """The number on the metric tile labelled `label`; an exception or error on the page
    fails the session."""
    problem = page.locator("[data-testid=stException], [data-testid=stAlertContentError]")
    if await problem.count():
        text = " ".join((await problem.first.inner_text()).split())
        raise RuntimeError(f"the page shows an error: {text[:300]}")
    value = await page.evaluate(METRIC_VALUE, label)
    if value is None:
        raise RuntimeError(f"no metric {label!r}")
    return value


async def reader(
    context, url: str, session: Session, plan: Scenario, route: str, rounds: int, timeout_s: float
) -> None:
    page = await context.new_page()
    await page.add_init_script(WATCH)

    async def update(kind: str, act, label: str, wanted: list[str], check: tuple) -> None:
        """`act`, then wait for the app to be idle with the number labelled `label` after the
        run that caused, and read the number."""
        finished = 0 if kind == "open" else await page.evaluate("window.__finished")
        started = time.monotonic()
        await act()
        ended = await settle(page, label, finished + 1, wanted, timeout_s)
        value = await shown(page, label)
        if check[-1] is None:  # where the slider landed
            landed = "new URLSearchParams(location.search).get('threshold')"
            check = (*check[:-1], int(await page.evaluate(landed)))
        session.updates.append(Update(plan.index, kind, started, ended, check, value))

    def open_link(path: str):
        return lambda: page.goto(f"{url}/{path}?{urlencode(plan.link())}", wait_until="commit")

    def sidebar(name: str):
        return lambda: (
            page.locator("[data-testid=stSidebar] a[data-testid^=stPageLink]")
            .filter(has_text=name)
            .first.click()
        )

    async def add_channel(label: str, check: tuple) -> None:
        picker = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(
            has_text="Channel"
        )
        # Click, then type: the sidebar is longer now (language, settings), and a field below
        # the fold that is only filled opens no list of options.
        await picker.scroll_into_view_if_needed()
        await picker.locator("input").click()
        shown = i18n.value(plan.added_channel, "en")  # the sidebar names channels in words
        await page.keyboard.type(shown)
        option = page.get_by_role("option", name=shown, exact=True)
        await option.wait_for()

        async def pick() -> None:
            await option.click()
            await page.keyboard.press("Escape")

        wanted = [f"channel={plan.added_channel}"]
        await update("filter", pick, label, wanted, check)

    async def move_slider(check: tuple) -> None:
        # One key press, one value sent to the server: after several quick presses no signal
        # tells which of their runs is the last (the server folds some requests together).
        slider = page.get_by_role("slider").first
        await slider.focus()
        key = "PageUp" if plan.up else "PageDown"
        await update("slider", lambda: page.keyboard.press(key), "MQLs", ["threshold="], check)

    checks = plan.checks(route)
    for _ in range(rounds):
        if route == "full":
            await update("open", open_link(""), "Leads", [], checks[0])
            # The funnel's first tile: its leads, by creation, as the landing page's.
            await update("switch", sidebar("Funnel"), "Leads", ["/Funnel"], checks[1])
            await add_channel("Leads", checks[2])
            await update("switch", sidebar("What if"), "MQLs", ["/What_if"], checks[3])
            await move_slider(checks[4])
        elif checks[0][0] == "landing":
            await update("open", open_link(""), "Leads", [], checks[0])
            await add_channel("Leads", checks[1])
        else:
            await update("open", open_link("What_if"), "MQLs", [], checks[0])
            await move_slider(checks[1])
    await page.close()


async def import_user(
    context,
    url: str,
    session: Session,
    batches: list[list[Path]],
    runs: list[ImportRun],
    progress: Callable[[], float],
) -> None:
    """Upload each batch on the Import data page, check it, keep the data loaded, import. Batch
    k waits until k/len(batches) of the readers' updates are done, so the imports are spread
    over their run."""
    page = await context.new_page()
    for k, files in enumerate(batches):
        while progress() < k / len(batches):
            await asyncio.sleep(0.2)
        run = ImportRun()
        await page.goto(f"{url}/Import_data", wait_until="commit")
        await page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(
            [str(f) for f in files]
        )
        await page.locator("[data-testid=stRadio] label", has_text="Keep it").click()
        started = time.monotonic()
        await page.get_by_role("button", name="Check the files").click()
        button = page.get_by_role("button", name="Import", exact=True)
        await button.wait_for()
        run.checked_s = time.monotonic() - started
        run.clicked = time.monotonic()
        await button.click()
        done = page.locator("[data-testid=stAlert]", has_text="Imported")
        failed = page.locator("[data-testid=stAlert]", has_text="Nothing was written")
        await done.or_(failed).first.wait_for()
        run.done = time.monotonic()
        if await failed.count():
            raise RuntimeError(f"the import failed: {await failed.first.inner_text()}")
        runs.append(run)
        session.updates.append(Update(session.index, "import", run.clicked, run.done))
    await page.close()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process, with its reaped children's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """CPU time every core of the machine has spent busy since it started (/proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def browser_cpu_seconds() -> float:
    """CPU time of the Chromium processes this process started (through Playwright's driver)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    total, me = 0.0, os.getpid()
    for pid in parents:
        ancestor, seen = parents.get(pid), 0
        while ancestor not in (None, 0, 1, me) and seen < 50:
            ancestor, seen = parents.get(ancestor), seen + 1
        if ancestor != me:
            continue
        try:
            if b"chromium" in Path(f"/proc/{pid}/cmdline").read_bytes():
                total += cpu_seconds(pid)
        except OSError:
            continue
    return total


class MemorySampler:
    """The server's resident memory, sampled from /proc every 100 ms; the peak also from
    VmHWM, which the kernel keeps."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self.last_kb = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _read(self, name: str) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
        return 0

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            try:
                self.last_kb = self._read("VmRSS")
            except OSError:
                return
            self.peak_kb = max(self.peak_kb, self.last_kb)

    def __enter__(self) -> MemorySampler:
        self.last_kb = self._read("VmRSS")
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, self._read("VmHWM"))


@dataclass
class Drive:
    sessions: list[Session]
    imports: list[ImportRun]
    idle_rss_mb: float
    seconds: float
    server_cpu_s: float
    browser_cpu_s: float
    machine_cpu_s: float


async def drive(
    urls: list[str],
    server_pids: list[int],
    memories: list[MemorySampler],
    plans: list[Scenario],
    route: str,
    rounds: int,
    batches: list[list[Path]],
    timeout_s: float,
    screenshot: Path | None,
    warm_up: bool,
) -> Drive:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if warm_up:
            # One page before the sessions: the server's first run imports the app's modules.
            warm = await browser.new_page()
            await warm.add_init_script(WATCH)
            for url in urls:  # each process imports the app's modules on its first run
                await warm.goto(url, wait_until="commit")
                await settle(warm, "Leads", 1, [], timeout_s)
            await warm.close()
        idle_rss_mb = sum(memory.last_kb for memory in memories) / 1024

        sessions = [Session(i) for i in range(len(plans) + 1)]
        imports: list[ImportRun] = []
        contexts = []
        for _ in sessions:
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(timeout_s * 1000)
            contexts.append(context)
        expected = sum(len(plan.checks(route)) for plan in plans) * rounds

        def progress() -> float:
            return sum(len(s.updates) for s in sessions[:-1]) / expected

        async def guarded(session: Session, work) -> None:
            try:
                await work
            except Exception as error:  # a failed session is a result, not a crash
                session.error = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"

        async def photographer() -> None:
            """One screenshot of a reader's page in the middle of the run."""
            if screenshot is None:
                return
            while progress() < 0.5 and not all(s.error for s in sessions[:-1]):
                await asyncio.sleep(0.2)
            for page in [page for context in contexts[:-1] for page in context.pages]:
                try:  # a session may close its page meanwhile
                    await page.screenshot(path=str(screenshot), full_page=True)
                    return
                except Exception:
                    continue

        def servers_cpu() -> float:
            return sum(cpu_seconds(pid) for pid in server_pids)

        server_cpu, browser_cpu = servers_cpu(), browser_cpu_seconds()
        machine_cpu = machine_cpu_seconds()
        started = time.monotonic()
        await asyncio.gather(
            *[
                # Sticky sessions, as a proxy would keep them: a reader stays on one process.
                guarded(s, reader(c, urls[s.index % len(urls)], s, plan, route, rounds, timeout_s))
                for s, c, plan in zip(sessions, contexts, plans)
            ],
            guarded(
                sessions[-1],
                import_user(contexts[-1], urls[0], sessions[-1], batches, imports, progress),
            ),
            photographer(),
        )
        seconds = time.monotonic() - started
        server_cpu = servers_cpu() - server_cpu
        browser_cpu = browser_cpu_seconds() - browser_cpu
        machine_cpu = machine_cpu_seconds() - machine_cpu
        for context in contexts:
            await context.close()
        await browser.close()
    return Drive(sessions, imports, idle_rss_mb, seconds, server_cpu, browser_cpu, machine_cpu)


@dataclass
class Result:
    leads: int
    sessions: int
    rounds: int
    route: str
    updates: list[Update]
    imports: list[ImportRun]
    import_rows: int
    errors: dict[int, str]
    wrong: list[dict]
    stale: list[dict]
    checked: int
    distinct: int  # different numbers the sessions check (each round checks them again)
    changed: int  # of those, the ones whose value the imports change
    during_import: int
    peak_rss_mb: float
    idle_rss_mb: float
    seconds: float
    server_cpu_s: float
    browser_cpu_s: float
    machine_cpu_s: float
    load_before: str
    server_errors: dict[str, int]  # the server logs' tracebacks: where and what → how many
    processes: int = 1  # app processes sharing the file; peak_rss_mb adds up their peaks

    @property
    def failed_sessions(self) -> int:
        return len(self.errors)

    def times(self, kind: str | None = None) -> list[float]:
        """The readers' page-update times in seconds, of one kind or all."""
        return [u.seconds for u in self.updates if u.kind != "import" and kind in (None, u.kind)]

    def percentile(self, q: int, kind: str | None = None) -> float:
        times = self.times(kind)
        if len(times) < 2:
            return times[0] if times else float("nan")
        return statistics.quantiles(times, n=100, method="inclusive")[q - 1]


def run(
    source: Path,
    work: Path,
    *,
    sessions: int = 15,
    rounds: int = 3,
    route: str = "full",
    imports: int = 3,
    import_leads: int = 5_000,
    touchpoints_per_lead: int = 10,
    timeout_s: float = 180,
    screenshot: Path | None = None,
    warm_up: bool = True,
    processes: int = 1,
    say: Callable[[str], None] = print,
) -> Result:
    """The load test on copies of the database at `source`; its files go to `work`.
    `warm_up` opens one page before the sessions, so that the server has imported the app's
    modules before the first of them arrives. With `processes` > 1, that many app processes
    share the file (LEADFLOW_SHARED, docs/deploying.md) and each reader stays on one of them;
    the import runs on the first."""
    if route not in ("full", "short"):
        raise ValueError(f"route {route!r}")
    work.mkdir(parents=True, exist_ok=True)
    app_db, reference_db = work / "app.duckdb", work / "reference.duckdb"
    for copy in (app_db, reference_db):
        for suffix in ("", ".wal"):
            original = source.with_name(source.name + suffix)
            target = copy.with_name(copy.name + suffix)
            target.unlink(missing_ok=True)
            if original.exists():
                shutil.copy(original, target)

    started = time.perf_counter()
    plans = scenarios(reference_db, sessions)
    span = data_range_of(reference_db)
    batches = [
        import_files(
            work / "imports",
            b + 1,
            min(p.start for p in plans),
            span.last_day,
            import_leads,
            touchpoints_per_lead,
        )
        for b in range(imports)
    ]
    # references[v]: every number checked, after v imports.
    references = [reference_values(reference_db, plans, route)]
    for files in batches:
        apply_import(reference_db, files)
        references.append(reference_values(reference_db, plans, route))
    db.close(reference_db)
    say(f"references for {imports + 1} data versions in {time.perf_counter() - started:.1f} s")

    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    logs = [work / ("server.log" if i == 0 else f"server_{i}.log") for i in range(processes)]
    with contextlib.ExitStack() as stack:
        if processes > 1:
            stack.enter_context(_environment(LEADFLOW_SHARED="1"))
        apps = [stack.enter_context(running_app(app_db, log)) for log in logs]
        memories = [stack.enter_context(MemorySampler(app.pid)) for app in apps]
        driven = asyncio.run(
            drive(
                [app.url for app in apps],
                [app.pid for app in apps],
                memories,
                plans,
                route,
                rounds,
                batches,
                timeout_s,
                screenshot,
                warm_up,
            )
        )

    updates = [u for s in driven.sessions for u in s.updates]
    wrong, stale, checked = judge(updates, driven.imports, references)
    checks = {u.check for u in updates if u.check is not None}
    windows = [(r.clicked, r.done) for r in driven.imports]
    during = sum(
        1
        for u in updates
        if u.kind != "import" and any(u.started < b and u.finished > a for a, b in windows)
    )
    return Result(
        leads=span.leads,
        sessions=sessions,
        rounds=rounds,
        route=route,
        updates=updates,
        imports=driven.imports,
        import_rows=import_leads * (1 + touchpoints_per_lead),
        errors={s.index: s.error for s in driven.sessions if s.error},
        server_errors=_added(server_errors(log) for log in logs),
        wrong=wrong,
        stale=stale,
        checked=checked,
        distinct=len(checks),
        changed=sum(1 for check in checks if references[0][check] != references[-1][check]),
        during_import=during,
        peak_rss_mb=sum(memory.peak_kb for memory in memories) / 1024,
        processes=processes,
        idle_rss_mb=driven.idle_rss_mb,
        seconds=driven.seconds,
        server_cpu_s=driven.server_cpu_s,
        browser_cpu_s=driven.browser_cpu_s,
        machine_cpu_s=driven.machine_cpu_s,
        load_before=load_before,
    )


def server_errors(log: Path) -> dict[str, int]:
    """The tracebacks in the server's log, by the app's frame they came from and the error
    (one example of its message): the page itself only says "This app has encountered an
    error", its details hidden."""
    found: dict[str, list] = {}
    for block in log.read_text(encoding="utf-8", errors="replace").split("Traceback")[1:]:
        lines = block.splitlines()
        frames = [
            re.search(r'File "(.+)", line (\d+), in (\S+)', line)
            for line in lines
            if line.lstrip().startswith('File "')
        ]
        frames = [f for f in frames if f]
        ours = [f for f in frames if not f.group(1).startswith(sys.prefix)] or frames
        errors = [line for line in lines if re.match(r"^[A-Za-z_.]+(Error|Exception)\b", line)]
        error = errors[-1][:160] if errors else "an error"
        where = ""
        if ours:
            file = Path(ours[-1].group(1))
            shown = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
            where = f"`{shown}`, line {ours[-1].group(2)}, in `{ours[-1].group(3)}`: "
        key = where + re.sub(r"\d+", "N", error)
        found.setdefault(key, [f"{where}{error}", 0])[1] += 1
    return {example: n for example, n in found.values()}


def judge(
    updates: list[Update], runs: list[ImportRun], references: list[dict[tuple, str]]
) -> tuple[list[dict], list[dict], int]:
    """Each number shown against the data versions: wrong when no version committed before the
    update ended gives it (a mix, or a miscount); stale when only a version older than the one
    the import page had said was done before the update started gives it (old data, whole).
    Returns (wrong, stale, numbers checked)."""
    wrong, stale, checked = [], [], 0
    for u in updates:
        if u.check is None:
            continue
        checked += 1
        lowest = sum(1 for r in runs if r.done <= u.started)
        highest = sum(1 for r in runs if r.clicked <= u.finished)
        found = {
            "session": u.session,
            "check": [str(c) for c in u.check],
            "shown": u.shown,
            "by_version": [r[u.check] for r in references],
            "versions": [lowest, highest],
        }
        if u.shown not in {references[v][u.check] for v in range(highest + 1)}:
            wrong.append(found)
        elif u.shown not in {references[v][u.check] for v in range(lowest, highest + 1)}:
            stale.append(found)
    return wrong, stale, checked


@contextlib.contextmanager
def _environment(**values: str):
    """Environment variables set for what starts inside (the app processes), then restored."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _added(counts) -> dict[str, int]:
    out: dict[str, int] = {}
    for one in counts:
        for key, n in one.items():
            out[key] = out.get(key, 0) + n
    return out


# Reporting.


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


KINDS = (
    ("open", "open a page by a link with filters (a new session)"),
    ("switch", "switch page in the sidebar (funnel, what-if), filters carried"),
    ("filter", "add a channel in the sidebar"),
    ("slider", "move the what-if threshold slider (Page Up or Down)"),
)


def summary(result: Result, alone: Result | None = None) -> list[str]:
    """The figures as Markdown lines, for the README and the console; `alone` is the same
    route run by one session without imports, for comparison."""
    reads = result.times()
    lines = [
        f"Measured on {date.today()} on this machine ({os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {result.load_before} just before), "
        f"{result.leads:,} demo leads: **{result.sessions + 1} browser sessions at once** "
        f"({result.sessions} reading, {result.rounds} round{'s' * (result.rounds > 1)} each, "
        f"and 1 importing) in one headless Chromium on the same cores as the server; "
        f"{result.seconds:.0f} s in all."
        + (" The last column: one session alone, the same steps, no import." if alone else ""),
        "",
        "| page update: interaction → app idle with the new number | updates | p50 | p95 | max "
        + ("| alone: p50 |" if alone else "|"),
        "| --- | ---: | ---: | ---: | ---: |" + (" ---: |" if alone else ""),
    ]

    def row(words: str, kind: str | None, bold: bool = False) -> str:
        times = result.times(kind)
        mark = "**" if bold else ""
        cells = [
            words,
            str(len(times)),
            f"{mark}{ms(result.percentile(50, kind))}{mark}",
            f"{mark}{ms(result.percentile(95, kind))}{mark}",
            ms(max(times)),
        ]
        if alone:
            cells.append(ms(alone.percentile(50, kind)) if alone.times(kind) else "–")
        return "| " + " | ".join(cells) + " |"

    lines += [row(words, kind) for kind, words in KINDS if result.times(kind)]
    if reads:
        lines.append(row("**all**", None, bold=True))
    lines.append("")
    if result.imports:
        lines += [
            f"Imports on the Import data page while they read: {len(result.imports)}, each "
            f"{result.import_rows:,} rows (new leads and their touchpoints, added to the data "
            "loaded); checking took "
            f"{statistics.median(r.checked_s for r in result.imports):.1f} s and importing "
            f"{statistics.median(r.done - r.clicked for r in result.imports):.1f} s (median), "
            f"and {result.during_import} of {len(reads)} page updates overlapped an import.",
            "",
        ]
    lines += [
        f"Server (`streamlit run`) peak resident memory: **{result.peak_rss_mb:,.0f} MB** "
        f"({result.idle_rss_mb:,.0f} MB after one page, before the sessions). CPU time during "
        f"the sessions: server {result.server_cpu_s:,.0f} s, Chromium "
        f"{result.browser_cpu_s:,.0f} s, everything else on the machine (this script, "
        "Playwright's driver, other people's jobs) "
        f"{result.machine_cpu_s - result.server_cpu_s - result.browser_cpu_s:,.0f} s, of "
        f"{result.seconds * (os.cpu_count() or 1):,.0f} s the cores had: the browsers, not the "
        "server, take most of the machine.",
        "",
        f"Failed sessions: **{result.failed_sessions}** of {result.sessions + 1}. Numbers "
        f"checked against a direct query: {result.checked} ({result.distinct} different ones, "
        f"{result.changed} of which the imports change); wrong: **{len(result.wrong)}**; "
        f"old data shown after the import page had said it was done: {len(result.stale)}.",
    ]
    if result.server_errors:
        lines += ["", "Errors in the server's log (a page shows only that there was one):", ""]
        lines += [f"- {n} × {error}" for error, n in result.server_errors.items()]
    return lines


def processes_table(results: list[Result]) -> list[str]:
    """One row per number of app processes, from runs of the same sessions on the same data
    one after the other."""
    first = results[0]
    cores = os.cpu_count() or 1
    lines = [
        f"Measured on {date.today()} on this machine ({cores} cores), {first.leads:,} demo "
        f"leads, one run per row, one after the other: {first.sessions} reading sessions "
        f"({first.rounds} round{'s' * (first.rounds > 1)}, route {first.route}) and one "
        "importing, each reader kept on one process as a proxy with sticky sessions would; "
        "with more than one process the file is shared (`LEADFLOW_SHARED=1`) and every "
        "import publishes a new version that the others switch to.",
        "",
        "| app processes | page updates | p50 | p95 | failed sessions | wrong numbers "
        "| server CPU | Chromium CPU | cores' time | servers' peak memory (sum) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.processes} | {len(r.times())} | {ms(r.percentile(50))} "
            f"| {ms(r.percentile(95))} | {r.failed_sessions} | {len(r.wrong)} "
            f"| {r.server_cpu_s:,.0f} s | {r.browser_cpu_s:,.0f} s | {r.seconds * cores:,.0f} s "
            f"| {r.peak_rss_mb:,.0f} MB |"
        )
    return lines


def write_processes(lines: list[str]) -> None:
    """Put the processes table between its markers in docs/performance.md."""
    text = README.read_text(encoding="utf-8")
    if PROCESSES_START not in text:
        text += f"\n{PROCESSES_START}\n{PROCESSES_END}\n"
    head, rest = text.split(PROCESSES_START, 1)
    _, tail = rest.split(PROCESSES_END, 1)
    body = "\n".join(lines)
    README.write_text(f"{head}{PROCESSES_START}\n{body}\n{PROCESSES_END}{tail}", encoding="utf-8")


def write_readme(lines: list[str], leads: int) -> None:
    """Put the figures for a database of `leads` leads between the README's load-test markers,
    under a heading of their own: a run on another size keeps its block."""
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(MARK_START, 1)
    section, tail = rest.split(MARK_END, 1)
    blocks: dict[int, str] = {}
    for block in re.split(r"^(?=#### )", section.strip("\n"), flags=re.M):
        size = re.match(r"#### ([\d,]+) leads", block)
        if size:
            blocks[int(size.group(1).replace(",", ""))] = block.strip("\n")
    blocks[leads] = "\n".join([f"#### {leads:,} leads", "", *lines])
    body = "\n\n".join(blocks[size] for size in sorted(blocks))
    README.write_text(f"{head}{MARK_START}\n{body}\n{MARK_END}{tail}", encoding="utf-8")


def database(leads: int) -> Path:
    """The demo database of this size in benchmarks/work/ (as benchmarks/run.py names it),
    built when missing. The load test reads and writes copies of it only."""
    path = WORK / f"leadflow_{leads}.duckdb"
    if not path.exists():
        started = time.perf_counter()
        demo.build(path, n_leads=leads)
        print(f"demo database: {leads:,} leads in {time.perf_counter() - started:.1f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=50_000, help="demo database size")
    parser.add_argument("--db", type=Path, help="copy this database instead of the demo")
    parser.add_argument("--sessions", type=int, default=15, help="reading browser sessions")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--route", choices=("full", "short"), default="full")
    parser.add_argument("--imports", type=int, default=3)
    parser.add_argument("--import-leads", type=int, default=5_000)
    parser.add_argument("--touchpoints-per-lead", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=180, help="seconds per page update")
    parser.add_argument(
        "--processes",
        default="1",
        help="app processes sharing the file; several, e.g. 1,2,4, run one after the other "
        "and are compared in a table",
    )
    parser.add_argument(
        "--readme", action="store_true", help="write the figures into docs/performance.md"
    )
    parser.add_argument(
        "--alone", action="store_true", help="first run the same steps with one session, no import"
    )
    args = parser.parse_args()
    counts = [int(n) for n in args.processes.split(",")]

    source = args.db or database(args.leads)
    work = WORK / "load_test"
    alone = None
    if args.alone:
        alone = run(
            source,
            work / "alone",
            sessions=1,
            rounds=args.rounds,
            route=args.route,
            imports=0,
            timeout_s=args.timeout,
        )
        print(f"one session alone: p50 {ms(alone.percentile(50))}, p95 {ms(alone.percentile(95))}")
    results = []
    for processes in counts:
        folder = work if len(counts) == 1 else work / f"processes_{processes}"
        result = run(
            source,
            folder,
            sessions=args.sessions,
            rounds=args.rounds,
            route=args.route,
            imports=args.imports,
            import_leads=args.import_leads,
            touchpoints_per_lead=args.touchpoints_per_lead,
            timeout_s=args.timeout,
            screenshot=folder / "session_0.png",
            processes=processes,
        )
        results.append(result)
        raw = asdict(result)
        raw["updates"] = [{**asdict(u), "seconds": u.seconds} for u in result.updates]
        (folder / "results.json").write_text(json.dumps(raw, indent=1, default=str), "utf-8")
        print(f"--- {processes} app process{'es' * (processes > 1)}")
        print("\n".join(summary(result, alone)))
        for index, error in result.errors.items():
            print(f"session {index} failed: {error}")
        for wrong in result.wrong:
            print(f"wrong number: {wrong}")
        for stale in result.stale:
            print(f"old data after the import: {stale}")
    if len(results) > 1:
        table = processes_table(results)
        print("\n".join(table))
        if args.readme:
            write_processes(table)
            print("updated docs/performance.md")
    elif args.readme:
        write_readme(summary(results[0], alone), results[0].leads)
        print("updated docs/performance.md")
    sys.exit(1 if any(r.errors or r.wrong for r in results) else 0)


if __name__ == "__main__":
    main()
