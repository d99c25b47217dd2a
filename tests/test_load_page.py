"""The Import data page under Streamlit's AppTest: upload, mapping, check, import, and the pages
showing the imported data (or saying plainly what it lacks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db

ROOT = Path(__file__).resolve().parent.parent
MAVEN = Path(__file__).parent / "fixtures" / "import" / "maven_crm"


@pytest.fixture
def empty_app(tmp_path, monkeypatch) -> AppTest:
    """The app on an empty database, opened on the landing page (so page links resolve)."""
    path = tmp_path / "leadflow.duckdb"
    db.create_empty_database(path)
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    yield at
    db.close(path)


def upload(at: AppTest, *files: tuple[str, bytes]) -> None:
    at.switch_page("pages/8_Import_data.py").run()
    at.file_uploader(key="files").set_value([(n, b, "text/csv") for n, b in files]).run()
    assert not at.exception, [e.message for e in at.exception]


def click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_load_page_funnel_says_what_the_data_lacks(empty_app):
    empty_app.switch_page("pages/1_Funnel.py").run()
    assert [i.value for i in empty_app.info] == [
        "This page needs leads, and the data loaded has none. Import a file that holds them on "
        "the Import data page; the other pages work with what is there."
    ]
    assert not empty_app.metric


def test_load_page_imports_a_crm_export_and_the_funnel_shows_it(empty_app):
    at = empty_app
    upload(at, *[(p.name, p.read_bytes()) for p in sorted(MAVEN.glob("*.csv"))])
    # The files' columns pick the maven_crm preset; the file table says how each reads.
    assert "The files' columns match the **maven_crm** mapping." in [c.value for c in at.caption]
    files = at.dataframe[0].value
    assert files["read as"].tolist() == ["UTF-8, comma-delimited"] * 3
    click(at, "Check the files")
    # 5 opportunities, 1 still Prospecting (no dates): 4 leads, 4 deals.
    assert {m.label: m.value for m in at.metric if "rows" in m.label.lower()} == {
        "Leads: good rows": "4",
        "Deals: good rows": "4",
        "Rows with problems": "0",
    }
    click(at, "Import")
    assert [s.value for s in at.success] == ["Imported 8 rows. Every page now shows the new data."]

    at.switch_page("pages/1_Funnel.py").run()
    # 4 leads, all opportunities; won 1C1I7A6R and MV1LWRNH, lost Z063OYW0 → 2 / 3 = 66.7%;
    # revenue 1,054 + 588 = 1,642.
    assert {m.label: m.value for m in at.metric} == {
        "Leads": "4",
        "MQL→SQL among leads created in the period": "100.0%",
        "Win rate among leads created in the period": "66.7%",
        "Revenue won by leads created in the period": "1,642 PLN",
    }


def test_load_page_shows_each_problem_and_lets_the_user_choose(empty_app, tmp_path):
    at = empty_app
    leads = (
        b"lead_id,created_at,channel\n"
        b"N01,2026-01-05,webinar\n"
        b"N02,31.02.2026,webinar\n"
        b"N01,2026-01-07,google\n"
        b"N04,2026-01-08,google\n"
    )
    upload(at, ("leads.csv", leads))
    click(at, "Check the files")
    problems = at.dataframe[-1].value
    assert problems[["line", "column", "value"]].values.tolist() == [
        [2, "lead_id", "N01"],
        [3, "created_at", "31.02.2026"],
        [4, "lead_id", "N01"],
    ]
    assert [m.value for m in at.metric][:2] == ["1", "3"]
    download = at.get("download_button")[-1]
    assert download.proto.label == "Download all 3 problems as CSV"

    at.radio(key="bad_rows").set_value("refuse").run()
    assert next(b for b in at.button if b.label == "Import").disabled

    at.radio(key="bad_rows").set_value("set_aside").run()
    click(at, "Import")
    assert [s.value for s in at.success] == [
        "Imported 1 row; 3 set aside. Every page now shows the new data."
    ]
    assert db.table("leads")["lead_id"].tolist() == ["N04"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param(
            "leads.csv",
            b"lead_id,created_at,channel,rejection_reason\nN01,2026-01-05,webinar,\n"
            b"N02,2026-01-06,google,\n",
            id="leads with an empty rejection_reason",
        ),
        pytest.param(
            "deals.csv",
            b"deal_id,lead_id,created_at,closed_at,stage,amount,lost_reason\n"
            b"D01,N01,2026-01-05,2026-02-01,won,100,\n",
            id="deals with an empty lost_reason",
        ),
    ],
)
def test_load_page_a_column_with_no_values_opens_the_value_mapping(empty_app, name, content):
    at = empty_app
    upload(at, (name, content))
    column = "rejection_reason" if name == "leads.csv" else "lost_reason"
    assert f"**{column}**: the file's column is empty; nothing to map" in [
        c.value for c in at.caption
    ]
