"""Every file a user downloads is safe to open in a spreadsheet (OWASP's CSV-injection guidance).

The fixture's companies, job titles, a campaign and rejection reasons hold formulas; every
download of every page is opened here as a spreadsheet program would read it, and no text cell
may start with = + - @, a tab or a carriage return unless defused with a leading '.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, exports, i18n, importer, kpis
from leadflow.app import tables
from tests.conftest import FORMULAS

ROOT = Path(__file__).resolve().parent.parent
NO_FILTERS = {"channels": [], "industries": [], "size_bands": [], "reps": []}
MONTHS = {"first_month": date(2025, 1, 1), "last_month": date(2026, 3, 1)}
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


def csv_rows(data: bytes, lang: str = "en") -> list[list[str]]:
    """A downloaded CSV as a spreadsheet in `lang` splits it: every row, every cell."""
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=exports.DELIMITERS[lang]))


def csv_cells(data: bytes, lang: str = "en") -> list:
    return [cell for row in csv_rows(data, lang) for cell in row]


def read_download(data: bytes, lang: str = "en") -> tuple[str, pd.DataFrame]:
    """A page's downloaded CSV: its first line (what made it) and the table under it."""
    about, header, *rows = csv_rows(data, lang)
    (line,) = about
    return line, pd.DataFrame(rows, columns=header)


def xlsx_cells(data: bytes) -> list:
    """Every cell of every sheet."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
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


def test_kpi_csv_and_excel_hold_no_live_formula(fixture_db):
    shown = pd.DataFrame(
        {
            i18n.t("KPI", "en"): FORMULAS,
            i18n.t("Trend", "en"): [[1.0, 2.0]] * len(FORMULAS),
            "Mar 2026": ["-2.0%"] * len(FORMULAS),
        }
    )
    # The filters come from the data: a channel may be named like a formula.
    about = [("Channel", ", ".join(FORMULAS)), *(("Rep", f) for f in FORMULAS)]
    by_month = db.run("kpi_by_month", {**NO_FILTERS, **MONTHS}, fixture_db)
    workbook = kpis.to_excel(by_month, date(2026, 1, 1), date(2026, 3, 1), "en", about=about)
    for cells in (csv_cells(kpis.to_csv(shown, "en", about)), xlsx_cells(workbook)):
        assert not live_formulas(cells)
        assert "'" + FORMULAS[0] in cells
    assert "-2.0%" in csv_cells(kpis.to_csv(shown, "en"))


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


def test_csv_in_polish_splits_on_semicolons_under_a_line_saying_what_made_it():
    frame = pd.DataFrame(
        {
            "Lead": ["L01"],
            "Przekroczenie o": [8.0],
            "Pracownicy": pd.array([1200], dtype="Int64"),
        }
    )
    about = [
        ("Okres", "01.01.2026 – 31.03.2026"),
        ("Kanał", "webinar; referral"),
        ("Stan danych na", date(2026, 3, 31)),
    ]
    assert exports.csv(frame, lang="pl", about=about).decode().split("\r\n") == [
        # Quoted: the line holds a semicolon, the delimiter.
        '"Okres: 01.01.2026 – 31.03.2026 · Kanał: webinar; referral · Stan danych na: 31.03.2026"',
        "Lead;Przekroczenie o;Pracownicy",
        "L01;8,0;1200",  # a decimal comma, no thousands separator: Polish Excel reads numbers
        "",
    ]


def test_file_name_says_the_view_in_characters_any_file_system_takes():
    parts = ["2026-01-01-2026-03-31", "rep-Anna Nowak/Łódź", "data-2026-03-31"]
    assert (
        exports.file_name("sla_breaches", parts, "csv")
        == "sla_breaches_2026-01-01-2026-03-31_rep-Anna-Nowak-Łódź_data-2026-03-31.csv"
    )


def test_as_shown_names_and_rounds_columns_as_the_screen_does():
    rows = pd.DataFrame(
        {
            "lead_id": ["L12"],
            "overdue_business_hours": [8.007778],  # the screen: "8.0 h"
            "handoff_at": [pd.Timestamp("2026-03-30 10:00:41")],  # the screen: to the minute
            "size_band": ["250-999"],
            "won_amount": [12345.6],  # the screen: "12,346 PLN"
        }
    )
    columns = {
        **tables.sla_breaches(),
        "size_band": "Size band",
        "won_amount": tables.pln("Won amount"),
    }
    shown = tables.as_shown(rows, columns, "pl")
    assert shown.columns.tolist() == [
        "Lead", "Przekroczenie o", "Przekazano", "Przedział wielkości", "Kwota wygranej",
    ]  # fmt: skip
    assert shown.iloc[0].tolist() == ["L12", 8.0, "2026-03-30 10:00", "250-999", 12346]


def test_page_download_is_the_screens_table_with_its_view(use_fixture_db, deferred_downloads):
    at = AppTest.from_file(str(ROOT / "pages/3_SLA.py"), default_timeout=90)
    at.query_params["lang"] = "pl"
    at.query_params["channel"] = "linkedin_ads"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # The default period is the fixture's: its first lead on 20 Dec 2025 to its last day.
    ((name, make),) = deferred_downloads.items()
    assert name == "sla_breaches_2025-12-20-2026-03-31_channel-linkedin_ads_data-2026-03-31.csv"
    line, table = read_download(make(), "pl")
    assert (
        line == "Okres: 20.12.2025 – 31.03.2026 · Kanał: linkedin_ads · Stan danych na: 31.03.2026"
    )
    assert table.columns.tolist() == [
        "Lead", "Firma", "Handlowiec", "Kanał", "Przekazano", "Pierwsza odpowiedź", "Status",
        "Czas reakcji", "Czas zegarowy", "SLA", "Przekroczenie o", "Wynik",
    ]  # fmt: skip
    # The linkedin_ads breaches, in business hours 9–17 on workdays (tests/test_sla.py):
    # L09 Wed 11 Feb 10:30 → Thu 12 Feb 16:00: 6.5 + 7 = 13.5 h, 13.5 − 8 = 5.5 over, 29.5 clock;
    # L19 Mon 22 Dec 10:00 → Mon 29 Dec 10:00: 7 + 8 + 1 = 16 h (24–26 Dec are holidays), 8
    # over, 168 clock.
    assert table[
        ["Lead", "Przekazano", "Czas reakcji", "Czas zegarowy", "Przekroczenie o"]
    ].to_numpy().tolist() == [
        ["L09", "2026-02-11 10:30", "13,5", "29,5", "5,5"],
        ["L19", "2025-12-22 10:00", "16,0", "168,0", "8,0"],
    ]
    assert table["Status"].tolist() == ["Answered late"] * 2  # as the screen words it
