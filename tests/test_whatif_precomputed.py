"""The what-if replay read from what was staged when the data was written (replay_leads,
lead_month_touches, whatif_values) is the replay the page showed when it staged every lead and
scanned every touchpoint on its first load: the same catalog, the same replay arrays and the
same outcomes, for any period, segment filter and viewer, on the fixture and on a generated
demo, also after an import updated the staged rows. The queries as they were are kept in
tests/reference/ and run in place of today's."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from leadflow import db, demo, whatif
from leadflow.app import whatif_cache
from leadflow.app.filters import Filters
from leadflow.db import connection
from tests.test_derived_incremental import DEALS, LEADS, TOUCHPOINTS, import_files

REFERENCE = Path(__file__).parent / "reference"
STAGED = ("whatif_leads", "whatif_touchpoints", "whatif_rules")
ANNA = db.Scope(False, ("Anna Nowak",))


def as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on the what-if queries are read as they were before anything was staged."""
    today = connection.sql_text

    def reference(name: str) -> str:
        if name in STAGED:
            return (REFERENCE / f"{name}.sql").read_text(encoding="utf-8")
        return today(name)

    monkeypatch.setattr(connection, "sql_text", reference)


def replay(path: Path, filters: Filters, scope: db.Scope) -> whatif.ReplayData:
    key = (*whatif_cache.replay_key(filters)[:-1], scope)
    return whatif.load_uncached(key, path, whatif.catalog(path, scope))


def outcomes(data: whatif.ReplayData) -> list[dict]:
    """What the page shows of a replay: the outcome at several thresholds under the current
    rules and under a candidate with other weights and decay."""
    current = data.catalog.current
    candidate = whatif.Rules.of(
        {**current.as_dict(), ("touchpoint", "demo_request"): 7, ("touchpoint", "email_open"): -2},
        60,
    )
    shown = []
    for rules in (current, candidate):
        scored = whatif.replay(data, rules, 150)
        for threshold in (1, 20, data.catalog.current_threshold, 90):
            shown.append(vars(scored.at(threshold)))
    return shown


def assert_same_replay(a: whatif.ReplayData, b: whatif.ReplayData) -> None:
    assert a.catalog == b.catalog
    for field in dataclasses.fields(whatif.ReplayData):
        x, y = getattr(a, field.name), getattr(b, field.name)
        if isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, y, err_msg=field.name)
            assert x.dtype == y.dtype, field.name
        elif isinstance(x, dict):
            assert x.keys() == y.keys(), field.name
            for name in x:
                np.testing.assert_array_equal(x[name], y[name], err_msg=f"{field.name}.{name}")
        else:
            assert x == y, field.name
    if a.n_leads == 0:
        return  # the page says there is nothing to replay and stops
    for shown, was in zip(outcomes(a), outcomes(b), strict=True):
        assert shown.keys() == was.keys()
        for name in shown:
            if isinstance(shown[name], pd.DataFrame):
                pd.testing.assert_frame_equal(shown[name], was[name], obj=name)
            else:
                np.testing.assert_equal(shown[name], was[name], err_msg=name)


def assert_as_it_was(path: Path, cases, monkeypatch: pytest.MonkeyPatch) -> None:
    staged = [replay(path, filters, scope) for filters, scope in cases]
    with monkeypatch.context() as patch:
        as_it_was(patch)
        for (filters, scope), read in zip(cases, staged, strict=True):
            assert_same_replay(read, replay(path, filters, scope))


FIXTURE_CASES = [
    (Filters(date(2025, 12, 1), date(2026, 3, 31)), db.EVERYONE),
    (Filters(date(2026, 2, 1), date(2026, 3, 31)), db.EVERYONE),
    (Filters(date(2025, 12, 1), date(2026, 3, 31), channels=("webinar",)), db.EVERYONE),
    (
        Filters(
            date(2025, 12, 1),
            date(2026, 3, 31),
            industries=("IT & software",),
            size_bands=("50-249", "1-9"),
        ),
        db.EVERYONE,
    ),
    (Filters(date(2025, 12, 1), date(2026, 3, 31)), ANNA),
    (Filters(date(2025, 12, 1), date(2026, 3, 31)), db.NOBODY),
]


def test_precomputed_replay_of_the_fixture_is_the_replay_as_it_was(fixture_db, monkeypatch):
    data = replay(fixture_db, *FIXTURE_CASES[0])
    # The fixture's 20 leads, 11 of them handed off before April (L19 in December).
    assert data.n_leads == 20 and int(data.handed.sum()) == 12
    assert_as_it_was(fixture_db, FIXTURE_CASES, monkeypatch)


def test_precomputed_catalog_lists_only_the_viewers_values(fixture_db, monkeypatch):
    scopes = [db.EVERYONE, ANNA, db.Scope(False, ("Piotr Kowalski",)), db.NOBODY]
    staged = [whatif.catalog(fixture_db, scope) for scope in scopes]
    with monkeypatch.context() as patch:
        as_it_was(patch)
        assert staged == [whatif.catalog(fixture_db, scope) for scope in scopes]
    # Nobody's leads hold no value: only what the current rules name is listed.
    assert staged[3].types == (
        "demo_request", "ebook_download", "email_open", "pricing_page_visit", "roi_calculator",
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build(path, n_leads=3_000, seed=11)
    yield path
    db.close(path)


def demo_cases(path: Path) -> list[tuple[Filters, db.Scope]]:
    info = db.run("data_range", {}, path).iloc[0]
    last = (pd.Timestamp(info["as_of"]) - pd.Timedelta(microseconds=1)).date()
    first = pd.Timestamp(info["first_lead_at"]).date()
    year = last - pd.Timedelta(days=364)
    with db.reading(path) as cur:
        (rep,) = cur.execute("select min(owner) from leads").fetchone()
    return [
        (Filters(year, last), db.EVERYONE),
        (Filters(first, last), db.EVERYONE),
        (Filters(year, last, channels=("webinar", "linkedin_ads")), db.EVERYONE),
        (Filters(first, last, size_bands=("1000+",)), db.EVERYONE),
        (Filters(first, last), db.Scope(False, (rep,))),
    ]


def test_precomputed_replay_of_a_generated_demo_is_the_replay_as_it_was(demo_db, monkeypatch):
    assert_as_it_was(demo_db, demo_cases(demo_db), monkeypatch)


def test_precomputed_replay_after_an_import_is_the_replay_as_it_was(demo_db, tmp_path, monkeypatch):
    # New leads with touchpoints of a type the demo never had and a won deal; known leads
    # given to another rep and moved to another channel; touchpoints moved between leads.
    with db.reading(demo_db) as cur:
        known = cur.execute(
            "select lead_id, created_at from leads order by lead_id desc limit 50"
        ).fetchall()
        moved = cur.execute(
            "select touchpoint_id, occurred_at, type from touchpoints "
            "order by touchpoint_id desc limit 40"
        ).fetchall()
    last = max(created for _, created in known)
    leads = [LEADS.rstrip("\n")]
    touches = [TOUCHPOINTS.rstrip("\n")]
    for j in range(40):
        at = last.replace(microsecond=0) - pd.Timedelta(days=j)
        leads.append(f"W{j:03d},{at:%Y-%m-%d %H:%M:%S},webinar,finance,300,,,,,,")
        touches.append(f"{10**9 + j},W{j:03d},{at:%Y-%m-%d %H:%M:%S},webinar_attended")
        touches.append(f"{2 * 10**9 + j},W{j:03d},{at:%Y-%m-%d %H:%M:%S},demo_request")
    for lead_id, created in known:
        leads.append(f"{lead_id},{created:%Y-%m-%d %H:%M:%S},referral,retail,15,Nowa Osoba,,,,,")
    for j, (touchpoint_id, occurred, kind) in enumerate(moved):
        touches.append(f"{touchpoint_id},{known[j][0]},{occurred:%Y-%m-%d %H:%M:%S},{kind}")
    won = DEALS + f"WD1,W001,{last:%Y-%m-%d %H:%M:%S},{last:%Y-%m-%d %H:%M:%S},won,5000,PLN,\n"
    import_files(
        demo_db,
        tmp_path / "in",
        {"leads": "\n".join(leads) + "\n", "touchpoints": "\n".join(touches) + "\n", "deals": won},
    )
    cases = demo_cases(demo_db) + [(demo_cases(demo_db)[1][0], db.Scope(False, ("Nowa Osoba",)))]
    assert "webinar_attended" in whatif.catalog(demo_db).types
    assert replay(demo_db, *cases[-1]).n_leads == 50
    assert_as_it_was(demo_db, cases, monkeypatch)
