"""The what-if replay's features: lead_month_touches, the touchpoints counted per lead, month and
type when the data is written, always equal to counting the touchpoints themselves (the query
as it was before the table, tests/reference/whatif_touchpoints.sql): on the fixture, after an
import (new, updated and moved touchpoints, replace mode), and in a file built before the table
existed, which gets it when it is opened."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from leadflow import db, importer, whatif
from leadflow.app import whatif_cache
from leadflow.app.filters import Filters
from tests.conftest import FIXTURE_AS_OF, fixture_tables
from tests.test_load import HEADER, NOW, generic, write
from tests.test_whatif import TYPES

ALL_HISTORY = {
    "start": date(2025, 12, 1),
    "end": date(2026, 3, 31),
    "channels": [],
    "industries": [],
    "size_bands": [],
}
KEY = ["lead_index", "month_index", "type_index"]


RECOUNTED = Path(__file__).parent / "reference" / "whatif_touchpoints.sql"


def counted(name: str, path: Path, types: list[str] = TYPES, **params) -> pd.DataFrame:
    """A whatif_touchpoints-like query's rows, summed per lead, month and type (types not in
    `types` together under one null type), sorted. "recounted": counted from the touchpoints."""
    values = {**ALL_HISTORY, **params, "types": types}
    if name == "recounted":
        sql = RECOUNTED.read_text(encoding="utf-8")
        with db.reading(path) as cur:
            frame = cur.execute(sql, db.connection.bound_params(sql, values)).df()
    else:
        frame = db.run(name, values, path)
    frame = frame.groupby(KEY, dropna=False, as_index=False)["touchpoints"].sum()
    return frame.sort_values(KEY, na_position="first").reset_index(drop=True).astype(float)


def assert_features_match_the_touchpoints(path: Path, types: list[str] = TYPES) -> None:
    for params in (
        {},
        {"start": date(2026, 2, 1)},
        {"channels": ["webinar"]},
        {"industries": ["IT & software"], "size_bands": ["50-249", "1-9"]},
    ):
        read = counted("whatif_touchpoints", path, types, **params)
        recounted = counted("recounted", path, types, **params)
        pd.testing.assert_frame_equal(read, recounted)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    yield path
    db.close(path)


def test_lead_month_touches_equal_the_touchpoints_counted_directly(fixture_db):
    assert db.has_table("lead_month_touches", fixture_db)
    everything = counted("whatif_touchpoints", fixture_db)
    # All 52 touchpoints of the 20 leads (December to March) in 49 lead × month × type rows:
    # L06's three January opens are one row, L15's two March opens another.
    assert everything["touchpoints"].sum() == 52 and len(everything) == 49
    # L19 and L20 (leads 18 and 19, created in December) have their 4 touchpoints in month 0.
    december = everything[everything["lead_index"] >= 18]
    assert december["month_index"].tolist() == [0, 0, 0, 0]
    assert_features_match_the_touchpoints(fixture_db)


def test_lead_month_touches_follow_every_import(tmp_path, database):
    files = tmp_path / "files"
    files.mkdir()
    leads = write(files, "leads.csv", HEADER + "\nN01,2026-02-03,webinar,Acme,,,\n")
    touchpoints = write(
        files,
        "touchpoints.csv",
        "touchpoint_id,lead_id,occurred_at,type,value\n"
        # New: two for the new lead, one of a type no rule names.
        "900,N01,2026-02-03 10:00,demo_request,\n"
        "901,N01,2026-03-04 10:00,webinar_attended,30\n"
        # Known ids: L01's e-book moved to L02 in February, L02's demo request to March.
        "1,L02,2026-02-01 09:00,ebook_download,\n"
        "4,L02,2026-03-10 09:00,demo_request,\n",
    )
    report = importer.run([leads, touchpoints], generic(), path=database, now=NOW)
    assert report.written, (report.file_errors, report.problems)
    types = [*TYPES, "webinar_attended"]
    assert_features_match_the_touchpoints(database, types)
    rows = counted("whatif_touchpoints", database, types).astype(int)
    by_lead = {i: rows[rows["lead_index"] == i][KEY[1:] + ["touchpoints"]] for i in (0, 1, 20)}
    # L01 (lead 0) kept only its January demo request; L02 (lead 1) its January e-book and
    # gained February's e-book and March's demo; N01 (lead 20, after L20) one of each.
    assert by_lead[0].values.tolist() == [[1, 0, 1]]
    assert sorted(by_lead[1].values.tolist()) == [[1, 1, 1], [2, 1, 1], [3, 0, 1]]
    assert sorted(by_lead[20].values.tolist()) == [[2, 0, 1], [3, 6, 1]]

    # Replace mode: only N01 and its two touchpoints are left (L02's are set aside).
    report = importer.run(
        [leads, touchpoints],
        generic(),
        path=database,
        now=NOW,
        mode="replace",
        bad_rows="set_aside",
    )
    assert report.written, (report.file_errors, report.problems)
    rows = counted("whatif_touchpoints", database, types).astype(int)
    assert rows.values.tolist() == [[0, 2, 0, 1], [0, 3, 6, 1]]
    assert_features_match_the_touchpoints(database, types)


def test_a_file_built_before_lead_month_touches_gets_it_when_opened(
    tmp_path, fixture_db, monkeypatch
):
    built = db.sql_text
    # create_database as it was before the table: without the statement that builds it.
    monkeypatch.setattr(
        db.derived, "sql_text", lambda n: "select 1" if n == "lead_month_touches" else built(n)
    )
    older = tmp_path / "older.duckdb"
    db.create_database(older, fixture_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    monkeypatch.undo()
    con = duckdb.connect(str(older), read_only=True)
    assert con.execute("select count(*) from lead_month_touches").fetchone() == (0,)
    con.close()

    key = whatif_cache.replay_key(Filters(ALL_HISTORY["start"], ALL_HISTORY["end"]))
    read, opened = whatif.load_uncached(key, fixture_db), whatif.load_uncached(key, older)
    for field in ("lm_lead", "lm_month", "counts", "lm_layer", "first_rows", "last_rows"):
        np.testing.assert_array_equal(getattr(read, field), getattr(opened, field))
    rules = read.catalog.current
    for threshold in (50, 55, 71):
        a = vars(whatif.replay(read, rules, 150).at(threshold))
        b = vars(whatif.replay(opened, rules, 150).at(threshold))
        assert a.keys() == b.keys()
        for name in a:
            np.testing.assert_equal(a[name], b[name], err_msg=name)
    assert_features_match_the_touchpoints(older)
    db.close(older)


def replay_of(counts: list[int], points: int) -> whatif.Scored:
    """One lead per count, each with that many ROI calculators in one month, replayed at
    `points` per ROI calculator."""
    rules = whatif.Rules.of({("touchpoint", "roi_calculator"): points})
    catalog = whatif.Catalog(("roi_calculator",), {}, rules, 50, frozenset())
    n = len(counts)
    leads = {
        "is_handoff": np.ones(n, dtype=bool),
        "is_sql": np.ones(n, dtype=bool),
        "is_rejected": np.zeros(n, dtype=bool),
        "rejection_reason": np.full(n, None, dtype=object),
        "is_won": np.zeros(n, dtype=bool),
        "is_lost": np.zeros(n, dtype=bool),
        "won_amount": np.zeros(n),
        "marketing_cost": np.zeros(n),
        "recorded_mql_month": np.ma.masked_array(np.zeros(n, dtype=int), mask=np.ones(n)),
        **{column: np.zeros(n, dtype=int) for column, _ in whatif.FIT_ATTRIBUTES.values()},
    }
    touchpoints = {
        "lead_index": np.arange(n),
        "month_index": np.zeros(n, dtype=int),
        "type_index": np.zeros(n, dtype=int),
        "touchpoints": np.array(counts),
    }
    reps = pd.DataFrame({"month": [date(2026, 1, 1)], "reps": [1]})
    data = whatif.ReplayData.build(
        catalog, leads, touchpoints, reps, date(2026, 1, 1), date(2026, 1, 31)
    )
    assert data.recorded_mql_month.tolist() == [-1] * n  # a null read as "no MQL recorded"
    return whatif.replay(data, rules, 150)


def test_weighted_sums_stay_exact_beyond_float32_and_int32():
    # 70,001 ROI calculators in a month at 251 points: 17,570,251 points, an odd number above
    # 2^24 that float32 cannot hold; such rows are summed in float64.
    scored = replay_of([70_001], 251)
    assert scored.max_score.tolist() == [17_570_251]
    assert scored.at(150).mqls_by_month.tolist() == [1]
    # Four leads of 700,000,000 points each: every score fits in int32, their running total
    # over all leads (2.8 billion) does not and wraps around; each lead's score stays exact.
    scored = replay_of([70_000, 70_000, 70_000, 69_999], 10_000)
    assert scored.max_score.tolist() == [7 * 10**8] * 3 + [699_990_000]
    # A lead above 2^30 points is scored in int64.
    scored = replay_of([1, 110_000], 10_000)
    assert scored.max_score.tolist() == [10_000, 1_100_000_000]


def test_fit_points_of_the_scored_leads_by_profile_and_by_attribute(fixture_db):
    key = whatif_cache.replay_key(Filters(ALL_HISTORY["start"], ALL_HISTORY["end"]))
    data = whatif.load_uncached(key, fixture_db)
    rules = whatif.Rules.of({**data.catalog.current.as_dict(), ("seniority", "student"): -7})
    # L01 IT/120/C-level: 5 + 5 + 10 = 20; L07 education/12/student: −5 − 7 (the candidate's
    # student points) = −12.
    assert data.row_fit(rules)[[0, 6]].tolist() == [20, -12]
    np.testing.assert_array_equal(data.row_fit(rules), data.fit_points(rules)[data.with_rows])
    # Too many combinations of fit values for one table: attribute by attribute.
    data.__dict__["row_fit_profile"] = None
    np.testing.assert_array_equal(data.row_fit(rules), data.fit_points(rules)[data.with_rows])


def test_touchpoint_rows_in_any_order_give_the_same_replay(fixture_db):
    # whatif_touchpoints has no ORDER BY: the replay puts the rows in lead and month order.
    catalog = whatif.catalog(fixture_db)
    leads = db.run_arrays("whatif_leads", {**ALL_HISTORY, **catalog.value_lists()}, fixture_db)
    params = {**ALL_HISTORY, "types": list(catalog.types)}
    rows = db.run_arrays("whatif_touchpoints", params, fixture_db)
    reps = db.run("whatif_reps_by_month", {}, fixture_db)
    shuffled = np.random.default_rng(7).permutation(len(rows["lead_index"]))
    built = [
        whatif.ReplayData.build(catalog, leads, order, reps, date(2025, 12, 1), date(2026, 3, 31))
        for order in (rows, {name: values[shuffled] for name, values in rows.items()})
    ]
    for field in ("lm_lead", "lm_month", "counts", "first_rows", "last_rows", "with_rows"):
        np.testing.assert_array_equal(getattr(built[0], field), getattr(built[1], field))
    assert (np.diff(built[1].lm_lead.astype(int) * 100 + built[1].lm_month) > 0).all()
