"""Downloads with login on: the file is made after the page's run, and holds what the viewer
may see (a manager every lead, a sales rep only their own)."""

from __future__ import annotations

import pytest

from leadflow.app import access
from tests.test_access import ANNA, MANAGER, run_page
from tests.test_exports import read_download

# Fixture: all 20 leads are created between 2025-12-20 and 2026-03-31 (the default period);
# Anna Nowak owns L01, L03, L05, L09, L12, L15 and L19. Rejected: L03 and L09 (Anna's), L04 and
# L17 (Piotr's).
EVERY_LEAD = {f"L{n:02d}" for n in range(1, 21)}
ANNAS = {"L01", "L03", "L05", "L09", "L12", "L15", "L19"}
REJECTED = {"L03", "L04", "L09", "L17"}
DOWNLOADS = [
    ("pages/1_Funnel.py", {"stage": "Leads"}, EVERY_LEAD),
    ("pages/2_Conversion.py", {"outcome": "Rejected"}, REJECTED),
    ("pages/4_Rejections.py", {}, REJECTED),
]


def downloaded_leads(made: dict) -> set[str]:
    (make,) = made.values()
    data = make()  # run as the server runs it: after the page's run, outside it
    data = data.encode() if isinstance(data, str) else data  # Streamlit takes either
    _, table = read_download(data)
    return set(table["Lead"])  # the screen's name of the lead_id column


@pytest.mark.parametrize(("script", "query", "everyone"), DOWNLOADS)
@pytest.mark.parametrize("who", ["manager", "anna"])
def test_download_with_login_on_holds_the_viewers_leads(
    who, script, query, everyone, fixture_db, deferred_downloads, monkeypatch
):
    user = {"manager": MANAGER, "anna": ANNA}[who]
    # As on a server whose secrets file has an [auth] section: AppTest's secrets exist only
    # during the page's run, the server's also when the file is made.
    monkeypatch.setattr(access, "login_configured", lambda: True)
    run_page(script, fixture_db, monkeypatch, user, **query)
    expected = everyone if who == "manager" else everyone & ANNAS
    assert downloaded_leads(deferred_downloads) == expected
