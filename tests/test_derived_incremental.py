"""An import updates the derived tables only for the leads it changes (leadflow.db.derived):
after every kind of import, lead_month_touches, replay_leads, funnel_days and whatif_values
hold exactly what a whole rebuild from the same data would. Adds, updates of leads,
touchpoints and deals, moves of a lead between segments and of a touchpoint or a deal between
leads, several imports in a row, and replace."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from leadflow import db, demo, importer
from leadflow.db import derived
from leadflow.db import importing as engine
from leadflow.importer import mapping as mappings

NOW = datetime(2030, 1, 1)  # later than any date in the fixture or the demo


@pytest.fixture(autouse=True)
def _always_update_the_changed_leads(monkeypatch):
    """These imports change a large share of their small databases' leads, which would build
    the derived tables whole (importing.WHOLE_BUILD_SHARE): here they update them lead by lead,
    the path under test. test_derived_incremental_a_big_import_builds_whole has the other."""
    monkeypatch.setattr(engine, "WHOLE_BUILD_SHARE", 1.0)


def _every_derived_table(cur) -> dict[str, list[tuple]]:
    return {
        # The names are derived.TABLES' own, not input.
        table.name: cur.execute(f"select * from {table.name} order by all").fetchall()  # noqa: S608
        for table in derived.TABLES
    }


def derived_rows(path: Path) -> dict[str, list[tuple]]:
    """Every derived table's rows, in one order whatever order they were written in."""
    with db.reading(path) as cur:
        return _every_derived_table(cur)


def rebuilt_rows(path: Path) -> dict[str, list[tuple]]:
    """The derived tables as a whole rebuild makes them from the data now in `path` (rolled
    back afterwards, so the file keeps what the import left)."""
    cur = db.connection.root_connection(path).cursor()
    try:
        cur.execute("begin transaction")
        derived.rebuild(cur)
        rows = _every_derived_table(cur)
        cur.execute("rollback")
    finally:
        cur.close()
    return rows


def import_files(path: Path, folder: Path, files: dict[str, str], mode: str = "update") -> None:
    """Write `files` (table name → CSV text whose header is that table's column names) and
    import them, every row good."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, text in files.items():
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")
    mapping = mappings.Mapping.from_dict(
        {
            "name": "our columns",
            "files": {table: {"match": [f"{table}.csv"]} for table in files},
            "tables": {
                table: {"file": table, "columns": {c: c for c in text.split("\n")[0].split(",")}}
                for table, text in files.items()
            },
        }
    )
    written = [folder / f"{table}.csv" for table in files]
    report = importer.run(written, mapping, path=path, now=NOW, mode=mode, bad_rows="refuse")
    assert report.written, report.refused
    assert not report.bad_rows


def assert_as_rebuilt(path: Path) -> dict[str, list[tuple]]:
    incremental = derived_rows(path)
    assert incremental == rebuilt_rows(path)
    return incremental


@pytest.fixture
def copy_db(fixture_db: Path, tmp_path: Path):
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    yield path
    db.close(path)


LEADS = (
    "lead_id,created_at,channel,industry,company_size,owner,mql_at,handoff_at,accepted_at,"
    "rejected_at,rejection_reason\n"
)
TOUCHPOINTS = "touchpoint_id,lead_id,occurred_at,type\n"
DEALS = "deal_id,lead_id,created_at,closed_at,stage,amount,currency,lost_reason\n"


def test_incremental_new_leads_with_touchpoints_and_deals(copy_db, tmp_path):
    before = derived_rows(copy_db)
    import_files(
        copy_db,
        tmp_path / "in",
        {
            "leads": LEADS + "N01,2026-02-10 09:00,webinar,finance,40,Anna Nowak,2026-02-11 09:00,"
            "2026-02-12 09:00,2026-02-13 09:00,,\n"
            "N02,2026-02-10 10:00,webinar,finance,40,Piotr Kowalski,2026-02-11 10:00,"
            "2026-02-12 10:00,,2026-02-14 10:00,price\n"
            "N03,2026-03-01 08:00,linkedin_ads,,,,,,,,\n",
            "touchpoints": TOUCHPOINTS + "901,N01,2026-02-10 09:05,demo_request\n"
            "902,N01,2026-03-02 09:05,pricing_page_visit\n"
            "903,N03,2026-03-01 08:10,ebook_download\n"
            "904,L01,2026-03-20 08:10,webinar_attended\n",
            "deals": DEALS + "D90,N01,2026-02-20 09:00,2026-03-20 09:00,won,30000,PLN,\n",
        },
    )
    after = assert_as_rebuilt(copy_db)
    # The import added rows: N01's and N03's months, L01's webinar in March; a day of leads.
    assert len(after["lead_month_touches"]) > len(before["lead_month_touches"])
    won = [r for r in after["funnel_days"] if r[1] == "won" and r[0].isoformat() == "2026-03-20"]
    assert [(r[6], float(r[7])) for r in won] == [(1, 30_000.0)]
    # A type no lead had before, on Anna Nowak's L01: a weight the what-if page can now offer.
    added = set(after["whatif_values"]) - set(before["whatif_values"])
    assert ("Anna Nowak", "touchpoint", "webinar_attended", 1) in added


def test_incremental_leads_moved_between_segments_and_days(copy_db, tmp_path):
    # L01 goes from Anna Nowak to Piotr Kowalski and from webinar to linkedin_ads, created a
    # day later; L03's rejection becomes an acceptance; L05 gets no handoff any more (an
    # empty handoff_at clears it).
    before = derived_rows(copy_db)
    import_files(
        copy_db,
        tmp_path / "in",
        {
            "leads": LEADS + "L01,2026-01-06 09:00,linkedin_ads,IT & software,120,Piotr Kowalski,"
            "2026-01-07 09:00,2026-01-07 10:00,2026-01-09 10:00,,\n"
            "L03,2026-01-08 10:00,linkedin_ads,IT & software,30,Anna Nowak,2026-01-09 10:00,"
            "2026-01-09 11:00,2026-01-11 11:00,,\n",
        },
    )
    after = assert_as_rebuilt(copy_db)
    assert after["funnel_days"] != before["funnel_days"]


def test_incremental_touchpoints_and_deals_moved_between_leads(copy_db, tmp_path):
    # Touchpoint 13 (L07's ebook of 25 January, L07 otherwise untouched) moves to L04 as a
    # demo request in February; D08 (L08's won deal, L08 otherwise untouched) moves to L04,
    # D02 (L02's lost deal) to L05, won in euros (no PLN revenue); D01 is lost.
    import_files(
        copy_db,
        tmp_path / "in",
        {
            "touchpoints": TOUCHPOINTS + "13,L04,2026-02-03 09:00,demo_request\n",
            "deals": DEALS + "D08,L04,2026-02-09 09:15,2026-03-11 09:15,won,25000,PLN,\n"
            "D02,L05,2026-01-23 09:30,2026-03-04 09:30,won,60000,EUR,\n"
            "D01,L01,2026-01-14 10:00,2026-02-13 10:00,lost,40000,PLN,price\n",
        },
    )
    after = assert_as_rebuilt(copy_db)
    l07 = [r[2:] for r in after["lead_month_touches"] if r[0] == "L07"]
    assert l07 == [("email_open", 1)]  # its ebook went with the touchpoint
    won = sorted(
        (r[0].isoformat(), r[5], float(r[7])) for r in after["funnel_days"] if r[1] == "won"
    )
    # D08 is L04's now, D02 brings L05 no PLN, D01 is lost; L19's won deal of January stays.
    assert won == [
        ("2026-01-30", "Anna Nowak", 10_000.0),
        ("2026-03-04", "Anna Nowak", 0.0),
        ("2026-03-11", "Piotr Kowalski", 25_000.0),
    ]


def test_incremental_several_imports_in_a_row(copy_db, tmp_path):
    import_files(
        copy_db,
        tmp_path / "first",
        {
            "leads": LEADS + "N01,2026-02-10 09:00,webinar,finance,40,Anna Nowak,,,,,\n",
            "touchpoints": TOUCHPOINTS + "901,N01,2026-02-10 09:05,demo_request\n",
        },
    )
    assert_as_rebuilt(copy_db)
    import_files(
        copy_db,
        tmp_path / "second",
        {
            "leads": LEADS + "N01,2026-02-10 09:00,webinar,finance,40,Anna Nowak,"
            "2026-02-12 09:00,2026-02-12 10:00,,2026-02-13 09:00,spam\n",
            "touchpoints": TOUCHPOINTS + "901,L02,2026-02-10 09:05,demo_request\n"
            "902,N01,2026-02-11 09:05,pricing_page_visit\n",
        },
    )
    assert_as_rebuilt(copy_db)


def test_incremental_replace_builds_them_whole(copy_db, tmp_path):
    import_files(
        copy_db,
        tmp_path / "in",
        {
            "leads": LEADS + "N01,2026-02-10 09:00,webinar,finance,40,Anna Nowak,,,,,\n",
            "touchpoints": TOUCHPOINTS + "901,N01,2026-02-10 09:05,demo_request\n",
        },
        mode="replace",
    )
    after = assert_as_rebuilt(copy_db)
    assert after["lead_month_touches"] == [("N01", datetime(2026, 2, 1).date(), "demo_request", 1)]


def test_incremental_on_a_generated_demo(tmp_path):
    # 2,000 demo leads; then 300 new leads with touchpoints and deals, and 200 known ones
    # changed: a new owner and channel, touchpoints moved to other leads, deals won.
    path = tmp_path / "demo.duckdb"
    demo.build(path, n_leads=2_000, seed=3)
    try:
        with db.reading(path) as cur:
            known = cur.execute(
                "select lead_id, created_at, industry from leads order by lead_id limit 200"
            ).fetchall()
            moved = cur.execute(
                "select touchpoint_id, occurred_at, type from touchpoints "
                "order by touchpoint_id limit 300"
            ).fetchall()
            deals = cur.execute(
                "select deal_id, lead_id, created_at, amount from deals order by deal_id limit 20"
            ).fetchall()
        leads = [LEADS.rstrip("\n")]
        touches = [TOUCHPOINTS.rstrip("\n")]
        for j in range(300):
            day = datetime(2026, 1 + j % 6, 1 + j % 27, 9, j % 60)
            leads.append(f"NEW{j:04d},{day:%Y-%m-%d %H:%M},webinar,finance,{10 + j},,,,,,")
            for k in range(3):
                touches.append(f"{10**9 + j * 3 + k},NEW{j:04d},{day:%Y-%m-%d %H:%M},demo_request")
        reps = ("Anna Nowak", "Piotr Kowalski", "Jan Zieliński")
        for j, (lead_id, created_at, industry) in enumerate(known):
            leads.append(
                f"{lead_id},{created_at:%Y-%m-%d %H:%M:%S},linkedin_ads,{industry or ''},500,"
                f"{reps[j % 3]},,,,,"
            )
        for j, (touchpoint_id, occurred_at, kind) in enumerate(moved):
            to = known[j % 200][0]
            touches.append(f"{touchpoint_id},{to},{occurred_at:%Y-%m-%d %H:%M:%S},{kind}")
        won = [DEALS.rstrip("\n")]
        for deal_id, lead_id, created_at, amount in deals:
            at = f"{created_at:%Y-%m-%d %H:%M:%S}"
            won.append(f"{deal_id},{lead_id},{at},{at},won,{amount},PLN,")
        won.append("NEWD1,NEW0001,2026-03-01 09:00,2026-03-02 09:00,won,1000,PLN,")
        import_files(
            path,
            tmp_path / "in",
            {
                "leads": "\n".join(leads) + "\n",
                "touchpoints": "\n".join(touches) + "\n",
                "deals": "\n".join(won) + "\n",
            },
        )
        assert_as_rebuilt(path)
    finally:
        db.close(path)


def test_derived_incremental_a_big_import_builds_whole(copy_db, tmp_path, monkeypatch):
    """An import that changes most leads builds the derived tables whole: no lead-by-lead
    update runs, and the tables equal a rebuild."""
    monkeypatch.setattr(engine, "WHOLE_BUILD_SHARE", 0.2)
    updates: list[str] = []
    monkeypatch.setattr(derived, "after_change", lambda cur: updates.append("after_change"))
    columns = LEADS.strip().split(",")
    # Every lead of the fixture moved to the referral channel: all of them change.
    leads = db.table("leads", copy_db)[columns].assign(channel="referral")
    text = leads.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S")
    import_files(copy_db, tmp_path / "all", {"leads": text})
    assert updates == []
    assert_as_rebuilt(copy_db)
