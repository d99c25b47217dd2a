"""Uploads whose names are paths, through the real Import data page in Chromium: nothing is
written outside the session's folder, and no server file is read in their place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import ARTIFACTS, running_app, wait_until_idle

pytestmark = pytest.mark.browser

MAVEN = Path(__file__).parent / "fixtures" / "import" / "maven_crm"
SECRET = "server_secret_column"


@pytest.fixture
def app(fixture_db, tmp_path):
    """The app on a copy of the fixture in tmp_path/server/data, and a server file beside it."""
    data = tmp_path / "server" / "data"
    data.mkdir(parents=True)
    database = data / "leadflow.duckdb"
    shutil.copy(fixture_db, database)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(database, ARTIFACTS / "server_test_browser_uploads.log") as running:
        yield running.url, database


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_browser_uploads_named_as_paths_stay_in_the_session_folder(app, page, tmp_path):
    url, database = app
    existing = tmp_path / "server" / "crm_secrets.csv"  # a file on the server
    existing.write_text(f"{SECRET},email\nnever shown,ceo@example.com\n")
    absolute = tmp_path / "server" / "written_by_a_stranger.csv"
    # Climbs out of the session's folder (data/.uploads/leadflow-up-*/, and deeper ones).
    escaping = "../../../escaped.csv"
    before = files_under(tmp_path) - files_under(database.parent)
    csv = b"lead_id,created_at\nL-1,2026-01-05\n"
    page.goto(f"{url}/Import_data")
    wait_until_idle(page)
    page.locator("input[type=file]").set_input_files(
        [
            {"name": str(absolute), "mimeType": "text/csv", "buffer": csv},
            {"name": escaping, "mimeType": "text/csv", "buffer": csv},
            {"name": str(existing), "mimeType": "text/csv", "buffer": csv},
            {
                "name": "accounts.csv",
                "mimeType": "text/csv",
                "buffer": (MAVEN / "accounts.csv").read_bytes(),
            },
        ]  # fmt: skip
    )
    page.get_by_text("accounts.csv").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    page.screenshot(path=str(ARTIFACTS / "uploads_named_as_paths.png"), full_page=True)
    text = page.locator("[data-testid=stMain]").inner_text()

    # Nothing was written anywhere but in the data folder, and the server's file is unchanged
    # and never read: its column name appears nowhere on the page.
    assert files_under(tmp_path) - files_under(database.parent) == before
    assert not absolute.exists() and not (tmp_path / "server" / "escaped.csv").exists()
    assert existing.read_text().startswith(SECRET)
    assert SECRET not in text
    # Each of the three is refused by name; the plain one is read, so the page goes on.
    assert text.count("not a plain file name") == 3
    assert "2. Which column is which" in text
    # Beside the database, nothing new but the database's own files.
    beside = files_under(database.parent) - files_under(database.parent / ".uploads")
    assert {p.name for p in beside if not p.name.startswith(database.name)} == set()
    # In the data folder, the one upload kept is in a session folder, under the server's name.
    uploads = files_under(database.parent / ".uploads")
    assert len(uploads) == 1
    (kept,) = uploads
    assert kept.parent.parent == database.parent / ".uploads"
    assert kept.name.startswith("upload-") and kept.suffix == ".csv"
    assert kept.read_bytes() == (MAVEN / "accounts.csv").read_bytes()
