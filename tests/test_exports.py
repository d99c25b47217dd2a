"""Every file a user downloads is safe to open in a spreadsheet (OWASP's CSV-injection guidance).

The fixture's companies, job titles, a campaign and rejection reasons hold formulas; every
download of every page is opened here as a spreadsheet program would read it, and no text cell
may start with = + - @, a tab or a carriage return unless defused with a leading '.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import exports, i18n, importer, kpis
from tests.conftest import FORMULAS

ROOT = Path(__file__).resolve().parent.parent
# A number written as text (the KPI table's "-2.0%", "-1 234 zł") is no formula.
PLAIN_NUMBER = re.compile(r"-?\d[\d\s.,]*%?( zł| pp)?")


def live_formulas(cells: list) -> list:
    """The text cells a spreadsheet would run."""
    return [
        c
        for c in cells
        if isinstance(c, str)
        and c[:1] in ("=", "+", "-", "@", "\t", "\r")
        and not PLAIN_NUMBER.fullmatch(c)
    ]


def csv_cells(data: bytes) -> list:
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return [*frame.columns, *frame.to_numpy().ravel().tolist()]


def xlsx_cells(data: bytes) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.value for c in cells if c.data_type == "f"]  # no formula cell at all
    return [c.value for c in cells]


@pytest.mark.parametrize("formula", FORMULAS)
def test_defused_prefixes_every_formula_start(formula):
    assert exports.defused(formula) == "'" + formula


def test_defused_leaves_numbers_plain_text_and_empty_cells():
    frame = pd.DataFrame(
        {
            "amount": [-1500.5, 20.0, None],
            "count": pd.array([-3, 0, None], dtype="Int64"),
            "kpi": ["-2.0%", "-1 234 zł", None],
        }
    )
    text = exports.csv(frame).decode()
    # Numbers stay numbers: the negative amount and count are not quoted.
    assert text.splitlines() == ["amount,count,kpi", "-1500.5,-3,-2.0%", "20.0,0,-1 234 zł", ",,"]


def test_csv_of_formulas_holds_only_defused_cells():
    frame = pd.DataFrame({"company": FORMULAS, "amount": range(-3, len(FORMULAS) - 3)})
    cells = csv_cells(exports.csv(frame))
    assert not live_formulas(cells)
    assert [c for c in cells if c.startswith("'")] == ["'" + f for f in FORMULAS]


def test_excel_writes_formulas_as_text_cells_and_numbers_as_numbers():
    frame = pd.DataFrame({"company": FORMULAS, "amount": range(-3, len(FORMULAS) - 3)})
    cells = xlsx_cells(exports.excel(frame, sheet="Leads"))
    assert not live_formulas(cells)
    # range(-3, 4): -3, -2, …, 3, written as numbers.
    assert cells[1::2] == ["amount", -3, -2, -1, 0, 1, 2, 3]


def test_kpi_csv_and_excel_hold_no_live_formula():
    shown = pd.DataFrame(
        {
            i18n.t("KPI", "en"): FORMULAS,
            i18n.t("Trend", "en"): [[1.0, 2.0]] * len(FORMULAS),
            "Mar 2026": ["-2.0%"] * len(FORMULAS),
        }
    )
    for cells in (csv_cells(kpis.to_csv(shown, "en")), xlsx_cells(kpis.to_excel(shown, "en"))):
        assert not live_formulas(cells)
        assert "'" + FORMULAS[0] in cells and "-2.0%" in cells


def test_import_problems_csv_holds_no_live_formula():
    report = importer.Report(mapping="m", files=["leads.csv"])
    report.problems = [
        importer.Problem(file=f, line=2, table="leads", column="lead_id", value=f, problem="twice")
        for f in FORMULAS
    ]
    cells = csv_cells(report.problems_csv())
    assert not live_formulas(cells)
    assert cells.count("'" + FORMULAS[1]) == 2  # the file name and the value


# Every page's download, on the hostile fixture: (page, the address's query parameters).
PAGE_DOWNLOADS = [
    ("pages/1_Funnel.py", {"stage": "Leads"}),
    ("pages/2_Conversion.py", {"outcome": "Rejected"}),
    ("pages/2_Conversion.py", {"outcome": "Accepted (SQL)"}),
    ("pages/3_SLA.py", {}),
    ("pages/4_Rejections.py", {}),
]


@pytest.mark.parametrize(("script", "query"), PAGE_DOWNLOADS)
def test_page_downloads_hold_no_live_formula(
    script, query, hostile_db, deferred_downloads, monkeypatch
):
    monkeypatch.setenv("LEADFLOW_DB", str(hostile_db))
    at = AppTest.from_file(str(ROOT / script), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert len(deferred_downloads) == 1
    (make,) = deferred_downloads.values()
    cells = csv_cells(make())
    assert not live_formulas(cells)
    # The payloads are in the file, defused: a test on a file without them proves nothing.
    assert {"'" + f for f in FORMULAS} & set(cells)
