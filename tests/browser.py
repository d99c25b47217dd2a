"""Start the real app with `streamlit run` and drive it in Debian's headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class RunningApp:
    url: str
    pid: int


@contextmanager
def running_app(database: Path, log: Path) -> Iterator[RunningApp]:
    """`streamlit run app.py` on 127.0.0.1 against `database`."""
    port = free_port()
    env = {**os.environ, "LEADFLOW_DB": str(database)}
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.port", str(port),
                "--server.address", "127.0.0.1",
                "--server.headless", "true",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                        if r.read() == b"ok":
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the app did not start; see {log}")
                time.sleep(0.3)
            yield RunningApp(base, server.pid)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_until_idle(
    page, timeout_s: float = 60, ready: str = "[data-testid=stMetric], .stAlert"
) -> None:
    """Wait until Streamlit has finished running the page's script and `ready` (something
    only a finished run draws: a tile or a message by default) is on the page."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    # The state can read notRunning for a moment before the first run starts.
    page.wait_for_timeout(300)
    while time.monotonic() < deadline:
        state = page.get_attribute("[data-testid=stApp]", "data-test-script-state")
        if state == "notRunning" and page.locator(ready).count():
            page.wait_for_timeout(300)
            return
        page.wait_for_timeout(200)
    raise TimeoutError("the page never finished running")


def metric_value(page, label: str) -> str:
    """The value a person reads on the first metric tile labelled `label`."""
    tile = page.locator("[data-testid=stMetric]", has_text=label).first
    return tile.locator("[data-testid=stMetricValue]").inner_text().strip()


def address(page) -> dict[str, list[str]]:
    """The page's query parameters. Streamlit changes the address with pushState, which
    Playwright's page.url can miss, so it is read from the page itself."""
    return parse_qs(urlparse(page.evaluate("location.href")).query)
