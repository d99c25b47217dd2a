"""The Import data page under Streamlit's AppTest: upload, mapping, check, import, and the pages
showing the imported data (or saying plainly what it lacks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db
from leadflow.app import markup

ROOT = Path(__file__).resolve().parent.parent
MAVEN = Path(__file__).parent / "fixtures" / "import" / "maven_crm"


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


HANDOFFS = Path(__file__).parent / "fixtures" / "import" / "salesforce_handoffs"
# Two leads handed off; L1 accepted and won, L2 rejected with a reason; L3 never handed off.
SMALL_LEADS = (
    b"lead_id,created_at,channel,owner,mql_at,handoff_at,accepted_at,rejected_at,rejection_reason\n"
    b"L1,2026-01-05,webinar,Anna,2026-01-06,2026-01-07,2026-01-08,,\n"
    b"L2,2026-01-05,webinar,Anna,2026-01-06,2026-01-07,,2026-01-09,no budget\n"
    b"L3,2026-01-06,google,,2026-01-07,,,,\n"
    b"L4,2026-01-06,google,,,,,,\n"
)
SMALL_DEALS = (
    b"deal_id,lead_id,created_at,closed_at,stage,amount\nD1,L1,2026-01-10,2026-02-01,won,900\n"
)


def test_load_page_maps_sales_decisions_to_accepted_and_rejected_not_to_deals(empty_app):
    import pandas as pd

    at = empty_app
    upload(at, *[(p.name, p.read_bytes()) for p in sorted(HANDOFFS.glob("*.csv"))])
    assert "The files' columns match the **salesforce** mapping." in [c.value for c in at.caption]
    click(at, "Check the files")
    assert not [e.value for e in at.error]
    click(at, "Import")
    # Only the won and lost opportunities are deals: the rejected ones do not make SQLs.
    assert sorted(db.table("deals")["deal_id"]) == ["O1", "O2"]
    # MQL→SQL of the decided: accepted / (accepted + rejected) = 3 / (3 + 2) = 60.0 % (all six
    # as deals made it 6 / 6).
    opportunities = pd.read_csv(HANDOFFS / "Opportunities.csv")
    accepted = opportunities["Accepted Date"].notna().sum()
    rejected = opportunities["Rejected Date"].notna().sum()
    rate = accepted / (accepted + rejected)
    at.switch_page("pages/1_Funnel.py").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["MQL→SQL among leads created in the period"] == f"{rate:.1%}" == "60.0%"


def test_load_page_shows_the_funnel_the_mapped_rows_will_give(empty_app):
    at = empty_app
    upload(at, ("leads.csv", SMALL_LEADS), ("deals.csv", SMALL_DEALS))
    click(at, "Check the files")
    funnel = {m.label: m.value for m in at.metric if "rows" not in m.label.lower()}
    # MQLs: L1, L2, L3 (mql_at); handed off L1, L2; SQL L1 (accepted, and a deal); won L1.
    assert funnel == {
        "Leads": "4",
        "MQLs": "3",
        "Handed to sales": "2",
        "SQLs": "1",
        "Won": "1",
    }
    assert db.table("leads").empty  # nothing written by the check


def readiness_lines(at: AppTest) -> list[tuple[bool, str]]:
    """The page-by-page lines under the preview funnel: (ready, text)."""
    lines = next(m.value for m in at.markdown if "**Funnel**" in m.value).split("\n")
    ready, lacking = "- :green[:material/check_circle:] ", "- :orange[:material/warning:] "
    return [
        (line.startswith(ready), line.removeprefix(ready).removeprefix(lacking)) for line in lines
    ]


def test_load_page_says_page_by_page_what_the_data_lacks(empty_app):
    at = empty_app
    upload(at, ("leads.csv", SMALL_LEADS), ("deals.csv", SMALL_DEALS))
    click(at, "Check the files")
    assert readiness_lines(at) == [
        (True, "**Funnel**: 4 leads, 3 MQLs, 1 SQL, 1 won"),
        (True, "**Conversion**: 2 handoffs, 1 of them rejected by sales"),
        (True, "**SLA**: no first-response dates: sales' decision stands for the first response"),
        (True, "**Rejections**: 1 rejection, 1 with a reason"),
        (False, "**What if**: no touchpoints: What-if will fit on attributes only (and the leads "
         "have none)"),
    ]  # fmt: skip
    upload(at, ("leads.csv", b"lead_id,created_at,channel\nN1,2026-01-05,webinar\n"))
    click(at, "Check the files")
    lines = readiness_lines(at)
    assert (
        False,
        "**Conversion and SLA**: no handoff dates: Conversion and SLA will be empty",
    ) in lines
    assert (False, "**Won and revenue**: no deals: won and revenue will read 0") in lines


def test_load_page_offers_no_import_when_no_row_is_good(empty_app):
    at = empty_app
    upload(at, ("leads.csv", b"lead_id,created_at,channel\nN1,31.02.2026,webinar\n"))
    click(at, "Check the files")
    assert not [b for b in at.button if b.label == "Import"]
    assert "bad_rows" not in [r.key for r in at.radio]  # no "import the good ones (0 rows)"
    assert [e.value for e in at.error] == [
        "No row can be imported: every row has a problem (listed above). Fix the file, or the "
        "mapping in step 2, and check again. Nothing has been written."
    ]


def test_load_page_replacing_the_data_needs_a_tick_naming_the_leads_removed(empty_app):
    at = empty_app
    upload(at, ("leads.csv", b"lead_id,created_at,channel\nA1,2026-01-05,web\nA2,2026-01-05,web\n"))
    click(at, "Check the files")
    click(at, "Import")
    upload(at, ("leads.csv", b"lead_id,created_at,channel\nB1,2026-01-06,web\n"))
    assert at.radio(key="mode").value == "update"  # the choice that removes nothing
    at.radio(key="mode").set_value("replace").run()
    click(at, "Check the files")
    box = at.checkbox(key="confirm_replace")
    assert box.label == (
        "Replace: the 2 leads now in the database are removed, with the touchpoints, deals, "
        "campaigns and campaign costs"
    )
    assert next(b for b in at.button if b.label == "Import").disabled
    box.check().run()
    click(at, "Import")
    assert db.table("leads")["lead_id"].tolist() == ["B1"]


def test_load_page_a_downloaded_mapping_uploads_again(empty_app, monkeypatch):
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict[str, bytes] = {}
    add = MediaFileManager.add

    def spy(self, data, mimetype, coordinates, file_name=None, *args, **kwargs):
        made[file_name] = data
        return add(self, data, mimetype, coordinates, file_name, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", spy)
    at = empty_app
    upload(at, ("leads.csv", b"Lead ID,Lead Created On,Source\nN1,2026-01-05,webinar\n"))
    at.text_input[0].set_value("my crm").run()
    saved = made["my_crm.json"]
    saved = saved.encode() if isinstance(saved, str) else saved
    at.selectbox(key="mapping_choice").set_value("A mapping file you upload (JSON)").run()
    at.file_uploader(key="mapping_file").set_value([("my_crm.json", saved, "application/json")])
    at.run()
    assert not at.exception
    # The similar name "Lead Created On" filled created_at: the uploaded mapping has it too.
    assert "Lead Created On" in saved.decode()
    click(at, "Check the files")
    assert {m.label: m.value for m in at.metric if "rows" in m.label.lower()} == {
        "Leads: good rows": "1",
        "Rows with problems": "0",
    }

    broken = b'{"name": "x", "files": {"leads": {"match": "*.csv"}}, "tables": {}}'
    at.file_uploader(key="mapping_file").set_value([("broken.json", broken, "application/json")])
    at.run()
    assert not at.exception
    # Each problem names its key, as the command line says it (escaped for Markdown here).
    assert [e.value for e in at.error] == [
        "broken.json cannot be used as a mapping:",
        markup.text(
            "broken.json: files.leads.match: expected a list of file name patterns, e.g. "
            '["*deal*.csv", "*deal*.xlsx"], got "*.csv"'
        ),
        markup.text(
            'broken.json: tables: expected an object naming our tables, e.g. {"leads": {"file": '
            '"contacts", "columns": {…}}}, got {}'
        ),
    ]


def test_load_page_rows_without_ids_get_their_message(empty_app):
    at = empty_app
    deals = (
        b"deal_id,lead_id,created_at,closed_at,stage,amount\n"
        b",N1,2026-01-08,2026-01-09,won,5\n,N1,2026-01-09,,won,6\n"
    )
    upload(at, ("deals.csv", deals))
    click(at, "Check the files")
    problems = at.dataframe[-1].value
    assert problems[["line", "column", "problem"]].values.tolist() == [
        [2, "deal_id", "is empty, and every deal needs one"],
        [2, "lead_id", "is not a lead in these files or in the database"],
        [3, "deal_id", "is empty, and every deal needs one"],
        [3, "lead_id", "is not a lead in these files or in the database"],
        [3, "closed_at", "is empty, but the deal is won: a closed deal needs its close date"],
    ]


def test_load_page_a_refused_import_shows_its_problems_without_a_clash(empty_app, monkeypatch):
    from leadflow import importer

    run = importer.run

    def refusing(*args, **kwargs):  # as if the files changed between the check and the import
        return run(*args, **{**kwargs, "bad_rows": "refuse"})

    at = empty_app
    upload(at, ("leads.csv", b"lead_id,created_at,channel\nN1,2026-01-05,web\nN2,31.02.2026,web\n"))
    click(at, "Check the files")
    monkeypatch.setattr(importer, "run", refusing)
    click(at, "Import")
    assert [e.value for e in at.error][-1:] == [
        "Nothing was written: 1 row has problems, and the choice was to import nothing then."
    ]
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels.count("Download all 1 problems as CSV") == 2
