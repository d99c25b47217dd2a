"""The management KPI table on the fixture: each KPI per month, computed by hand, in both languages.

The fixture's months (as_of 1 Apr 2026), from leads.csv, deals.csv, campaign_costs.csv and
sql_targets.csv:

    month     SQLs (accepted)        target  campaign leads / SQLs   cost   won (amount)  lost
    Dec 2025  0                      2       L19 L20 = 2 / 0         2000   –             –
    Jan 2026  L19 L01 L02 L05 = 4    3       6 (L05 referral) / 3    8000   L19 10000     –
    Feb 2026  L08 = 1                3       L09 L10 L11 L12 = 4 / 0 8000   L01 40000     –
    Mar 2026  L13 L15 = 2            3       L14 L15 L16 L18 = 4 / 1 7000   L08 25000     L02 L15

Handoffs by handoff month: Dec L19 accepted; Jan L01 L02 L05 accepted, L03 L04 rejected;
Feb L08 L13 accepted, L09 rejected; Mar L15 accepted, L17 rejected, L12 open (waiting past SLA).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, i18n, kpis
from tests.conftest import fixture_tables

ROOT = Path(__file__).resolve().parent.parent
NO_FILTERS = {"channels": [], "industries": [], "size_bands": [], "reps": []}


def by_month(path: Path, **filters) -> pd.DataFrame:
    params = {**NO_FILTERS, **filters, "first_month": date(2025, 12, 1)}
    return db.run("kpi_by_month", {**params, "last_month": date(2026, 3, 1)}, path)


def test_kpi_by_month_counts_each_event_in_its_own_month(fixture_db):
    frame = by_month(fixture_db).set_index("month")
    assert frame.index.strftime("%Y-%m").tolist() == ["2025-12", "2026-01", "2026-02", "2026-03"]
    assert frame["sqls"].tolist() == [0, 4, 1, 2]
    assert frame["sql_target"].tolist() == [2, 3, 3, 3]
    assert frame["campaign_leads"].tolist() == [2, 6, 4, 4]
    assert frame["campaign_sqls"].tolist() == [0, 3, 0, 1]
    assert frame["cost"].tolist() == [2000, 8000, 8000, 7000]  # Jan: 5000 + 3000
    assert frame["handoffs_accepted"].tolist() == [1, 3, 2, 1]
    assert frame["handoffs_rejected"].tolist() == [0, 2, 1, 1]
    assert frame["won"].tolist() == [0, 1, 1, 1]
    assert frame["lost"].tolist() == [0, 0, 0, 2]
    assert frame["revenue"].tolist() == [0, 10000, 40000, 25000]


def test_kpi_values_reuse_the_pages_definitions(fixture_db):
    grid = kpis.values(by_month(fixture_db))
    jan, feb, mar = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
    assert grid.loc["sql_vs_target", jan] == pytest.approx(4 / 3)
    assert grid.loc["mql_to_sql", jan] == pytest.approx(0.6)  # 3 / (3 + 2)
    assert grid.loc["rejection_rate", feb] == pytest.approx(1 / 3)  # 1 / (2 + 1)
    assert grid.loc["mql_to_sql", mar] == pytest.approx(0.5)  # 1 / (1 + 1); L12 open, left out
    assert grid.loc["win_rate", mar] == pytest.approx(1 / 3)  # L08 won, L02 L15 lost
    assert grid.loc["revenue_per_deal", feb] == pytest.approx(40000)
    assert grid.loc["cpl", jan] == pytest.approx(8000 / 6)
    assert grid.loc["cplq", jan] == pytest.approx(8000 / 3)
    assert pd.isna(grid.loc["cplq", feb])  # no SQL from a campaign: nothing to divide by
    assert grid.loc["cplq", mar] == pytest.approx(7000)  # 7000 / 1 (L15)
    # L19: 20 Dec 09:00 → won 30 Jan 10:00 = 41 days 1 hour; L08: 2 Feb 09:00 → 11 Mar 09:15.
    assert grid.loc["time_to_close", jan] == pytest.approx(41 + 1 / 24)
    assert grid.loc["time_to_close", mar] == pytest.approx(37 + 0.25 / 24)
    # Business hours (tests/test_sla.py): Jan 1 1 2 4 8 → 2; Mar L15 0, L17 1.5 → 0.75.
    assert grid.loc["response_time", jan] == pytest.approx(2)
    assert grid.loc["response_time", mar] == pytest.approx(0.75)
    # SLA: Dec L19 16 bh late → 0 / 1; Feb L09 late → 2 / 3; Mar L12 waits past → 2 / 3.
    assert grid.loc["sla", date(2025, 12, 1)] == pytest.approx(0)
    assert grid.loc["sla", feb] == pytest.approx(2 / 3)
    assert grid.loc["sla", mar] == pytest.approx(2 / 3)
    # ROI: Dec (0 − 2000) / 2000 = −1; Feb (40000 − 8000) / 8000 = 4; Mar 18000 / 7000.
    assert grid.loc["roi", date(2025, 12, 1)] == pytest.approx(-1)
    assert grid.loc["roi", feb] == pytest.approx(4)
    assert grid.loc["roi", mar] == pytest.approx(18000 / 7000)


def test_kpi_channel_filter_applies_to_costs(fixture_db):
    frame = by_month(fixture_db, channels=["webinar"]).set_index("month")
    # Only C-WEB-01's costs (none in Dec); its Jan leads L01 L02 L07 = 3, SQLs L01 L02 = 2.
    assert frame["cost"].fillna(0).tolist() == [0, 3000, 3000, 3000]
    assert frame["campaign_leads"].tolist() == [1, 3, 2, 2]
    assert frame["campaign_sqls"].tolist() == [0, 2, 0, 1]


def test_i18n_formats_numbers_dates_and_pln():
    nb = i18n.NBSP
    assert i18n.number(12345.6, "pl", 1) == f"12{nb}345,6"
    assert i18n.number(12345.6, "en", 1) == "12,345.6"
    assert i18n.pln(12345, "pl") == f"12{nb}345{nb}zł"
    assert i18n.pln(12345, "en") == "12,345 PLN"
    assert i18n.day(date(2026, 11, 22), "pl") == "22.11.2026"
    assert i18n.day(date(2026, 11, 22), "en") == "2026-11-22"
    assert i18n.pct(2 / 3, "pl") == "66,7%"
    assert i18n.points(-16.66, "pl") == f"-16,7{nb}p.p."
    assert i18n.month(date(2026, 3, 1), "pl") == "mar 2026"
    assert i18n.pct(None, "pl") == "–"


def test_kpi_table_months_and_changes(fixture_db):
    fetched, first, last = kpis.month_window(date(2026, 3, 31), 3)
    assert (fetched, first, last) == (date(2025, 1, 1), date(2026, 1, 1), date(2026, 3, 1))
    shown = kpis.table(by_month(fixture_db), first, last, "en").set_index("KPI")
    # Newest first: the months management asks about are the ones in sight.
    assert list(shown.columns[3:]) == ["Mar 2026", "Feb 2026", "Jan 2026"]
    assert shown.loc["SQLs", "Mar 2026"] == "2"
    assert shown.loc["SQLs", "vs previous month"] == "+100.0%"  # 2 / 1 − 1
    assert shown.loc["MQL→SQL rate", "vs previous month"] == f"-16.7{i18n.NBSP}pp"  # 50 − 66.7
    assert shown.loc["CPL-Q", "vs previous month"] == "–"  # Feb has no CPL-Q
    assert shown.loc["SQLs", "vs same month last year"] == "–"  # the data starts in Dec 2025
    assert shown.loc["CPL", "Jan 2026"] == "1,333 PLN"


def test_kpi_excel_cells_are_typed_numbers_dates_and_percentages(fixture_db):
    _, first, last = kpis.month_window(date(2026, 3, 31), 3)
    about = [("Miesiące", "sty 2026 – mar 2026"), ("Stan danych na", date(2026, 3, 31))]
    data = kpis.to_excel(by_month(fixture_db), first, last, "pl", about=about)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Filtry", "KPI"] and book.active.title == "KPI"
    facts = book["Filtry"]
    assert [[c.value for c in row] for row in facts.iter_rows()] == [
        ["Miesiące", "sty 2026 – mar 2026"],
        ["Stan danych na", datetime(2026, 3, 31)],  # a date cell, not text
    ]
    assert facts["B2"].number_format == "dd.mm.yyyy"
    sheet = book["KPI"]
    header = [c.value for c in sheet[1]]
    assert header == [
        "KPI", "vs poprzedni miesiąc", "vs ten sam miesiąc rok temu",
        datetime(2026, 3, 1), datetime(2026, 2, 1), datetime(2026, 1, 1),
    ]  # fmt: skip
    assert sheet["D1"].number_format == "[$-415]mmm yyyy"  # shown "mar 2026"
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}

    def cell(kpi: str, column: int) -> tuple:
        c = rows[kpi][column]
        return c.value, c.data_type, c.number_format

    # Columns: 1 vs previous month, 3 Mar, 5 Jan. Values stored as the screen rounds them.
    assert cell("CPL", 5) == (1333, "n", '#,##0 "zł"')  # 8000 / 6 = 1333.3 → 1333 zł
    assert cell("Konwersja MQL→SQL", 5) == (0.6, "n", "0.0%")  # 3 / (3 + 2)
    assert cell("Konwersja MQL→SQL", 3) == (0.5, "n", "0.0%")  # 1 / (1 + 1)
    # 50 − 66.67 = −16.7 percentage points.
    assert cell("Konwersja MQL→SQL", 1) == (-16.7, "n", '+0.0 "p.p.";-0.0 "p.p.";0.0 "p.p."')
    assert cell("SQL-e", 1) == (1, "n", "+0.0%;-0.0%;0.0%")  # 2 / 1 − 1 = +100 %
    # L19: 41 days 1 hour = 41.04 → 41.0 dni.
    assert cell("Mediana czasu do zamknięcia", 5) == (41.0, "n", '0.0 "dni"')
    assert cell("Mediana czasu reakcji na lead", 3) == (0.8, "n", '0.0 "h"')  # 0.75 → 0.8
    assert rows["CPL-Q"][4].value is None  # Feb: no campaign SQL, nothing to divide by
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    # The widest text + 2: "Średni przychód z wygranej umowy" (32), "vs poprzedni miesiąc" (20),
    # "vs ten sam miesiąc rok temu" (27); a month is a date, 10 characters.
    assert widths == {"A": 34, "B": 22, "C": 29, "D": 12, "E": 12, "F": 12}


def test_kpi_csv_in_polish_splits_on_semicolons_under_what_made_it(fixture_db):
    _, first, last = kpis.month_window(date(2026, 3, 31), 3)
    shown = kpis.table(by_month(fixture_db), first, last, "pl")
    about = [("Miesiące", "sty 2026 – mar 2026"), ("Stan danych na", date(2026, 3, 31))]
    lines = kpis.to_csv(shown, "pl", about).decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Miesiące: sty 2026 – mar 2026 · Stan danych na: 31.03.2026"
    assert (
        lines[1]
        == "KPI;vs poprzedni miesiąc;vs ten sam miesiąc rok temu;mar 2026;lut 2026;sty 2026"
    )
    # Konwersja MQL→SQL: −16.7 p.p.; 50 %, 66.7 %, 60 %, as the screen shows them.
    assert lines[5] == f"Konwersja MQL→SQL;-16,7{i18n.NBSP}p.p.;–;50,0%;66,7%;60,0%"


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_kpi_page_this_month_against_target_and_last_month(use_fixture_db, lang):
    at = AppTest.from_file(str(ROOT / "pages/6_KPIs.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["period"] = ["2026-01-01", "2026-03-31"]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    tiles = {m.label: (m.value, m.delta) for m in at.metric}
    table = at.dataframe[0].value.set_index(i18n.t("KPI", lang))
    if lang == "pl":
        assert at.title[0].value == "KPI dla zarządu"
        assert tiles["SQL-e"] == ("2", "66,7% celu (3)")  # 2 of the March target 3
        assert tiles["Konwersja MQL→SQL"][1] == f"-16,7{i18n.NBSP}p.p."  # 50 − 66,7
        assert table.loc["Średni przychód z wygranej umowy", "lut 2026"] == "40\xa0000\xa0zł"
        assert list(table.columns[3:]) == [
            "mar 2026", "lut 2026", "sty 2026", "gru 2025", "lis 2025", "paź 2025",
        ]  # fmt: skip
    else:
        assert at.title[0].value == "Management KPIs"
        assert tiles["SQLs"] == ("2", "66.7% of target (3)")
        assert tiles["CPL-Q"] == ("7,000 PLN", "")  # no delta: Feb had no CPL-Q to compare with
        assert table.loc["Lead-gen ROI", "Feb 2026"] == "400.0%"


def tables_as_of(as_of: datetime) -> dict[str, pd.DataFrame]:
    """The fixture as an export made at `as_of` would hold it: nothing that happened later."""
    tables = fixture_tables()

    def later(column: pd.Series) -> pd.Series:
        return pd.to_datetime(column) >= as_of

    leads = tables["leads"]
    leads = leads[~later(leads["created_at"])].copy()
    for column in [c for c in leads.columns if c.endswith("_at")]:
        leads.loc[later(leads[column]), column] = None
    leads.loc[leads["rejected_at"].isna(), "rejection_reason"] = None
    kept = set(leads["lead_id"])
    deals = tables["deals"]
    deals = deals[deals["lead_id"].isin(kept) & ~later(deals["created_at"])].copy()
    still_open = later(deals["closed_at"])
    deals.loc[still_open, ["closed_at", "lost_reason"]] = None
    deals.loc[still_open, "stage"] = "open"
    touchpoints = tables["touchpoints"]
    touchpoints = touchpoints[
        touchpoints["lead_id"].isin(kept) & ~later(touchpoints["occurred_at"])
    ]
    return {**tables, "leads": leads, "deals": deals, "touchpoints": touchpoints}


@pytest.fixture(scope="module")
def seven_days_of_march(tmp_path_factory) -> Path:
    """The fixture exported on 8 Mar 2026 at midnight: its last day is 7 Mar."""
    path = tmp_path_factory.mktemp("march") / "leadflow.duckdb"
    as_of = datetime(2026, 3, 8)
    db.create_database(path, tables_as_of(as_of), source="test fixture", as_of=as_of)
    return path


def test_kpi_coverage_counts_the_days_of_a_month_the_data_reaches():
    assert kpis.coverage(date(2026, 3, 1), date(2026, 3, 7)) == kpis.Coverage(
        date(2026, 3, 1), 7, 31
    )
    assert not kpis.coverage(date(2026, 2, 1), date(2026, 3, 7)).partial  # Feb is over


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_kpi_page_pro_rates_a_month_the_data_covers_in_part(seven_days_of_march, monkeypatch, lang):
    monkeypatch.setenv("LEADFLOW_DB", str(seven_days_of_march))
    at = AppTest.from_file(str(ROOT / "pages/6_KPIs.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # March to the 7th: one SQL, L13 (accepted 4 Mar; L15 was accepted on the 10th, later).
    # The March target 3 pro-rated: 3 × 7/31 = 0.677 → 0.7; 1 / (21/31) = 31/21 = 147.6 %.
    # February's one SQL (L08) per day × 7 days: 1 × 7/28 = 0.25; 1 / 0.25 − 1 = +300 %.
    # SQLs vs target against February's 1/3 (a rate, not pro-rated): 147.6 − 33.3 = +114.3 pp.
    tiles = {m.label: (m.value, m.delta) for m in at.metric}
    table = at.dataframe[0].value.set_index(i18n.t("KPI", lang))
    month = "Mar 2026 (1–7)" if lang == "en" else "mar 2026 (1–7)"
    assert table.columns[3] == month  # newest first, marked as seven days
    sqls, target, vs_target = (i18n.t(x, lang) for x in ("SQLs", "SQL target", "SQLs vs target"))
    previous = i18n.t("vs previous month", lang)
    note = " ".join(c.value for c in at.caption)
    if lang == "en":
        assert at.subheader[0].value == "Mar 2026 (to 2026-03-07)"
        assert tiles["SQLs"] == ("1", "147.6% of pro-rated target (0.7)")
        assert (table.loc[target, month], table.loc[vs_target, month]) == ("0.7", "147.6%")
        assert table.loc[sqls, previous] == "+300.0%"
        assert table.loc[vs_target, previous] == f"+114.3{i18n.NBSP}pp"
        assert "Mar 2026 is counted to day 7 of 31" in note
        assert "its SQL target is 7/31 of the month's (3 → 0.7)" in note
    else:
        assert at.subheader[0].value == "mar 2026 (do 07.03.2026)"
        assert tiles["SQL-e"] == ("1", "147,6% celu proporcjonalnego (0,7)")
        assert (table.loc[target, month], table.loc[vs_target, month]) == ("0,7", "147,6%")
        assert table.loc[sqls, previous] == "+300,0%"
        assert "Miesiąc mar 2026 liczymy do dnia 7 z 31" in note


@pytest.fixture
def kpi_files(monkeypatch) -> dict:
    """file name → bytes of every download the page hands over while it runs."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict = {}
    register = MediaFileManager.add

    def spy(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = path_or_data
        return register(self, path_or_data, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", spy)
    return made


def test_kpi_page_files_say_their_filters_months_and_data_date(use_fixture_db, kpi_files):
    at = AppTest.from_file(str(ROOT / "pages/6_KPIs.py"), default_timeout=60)
    at.query_params["lang"] = "pl"
    at.query_params["channel"] = "webinar"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # Six months to March 2026, the fixture's last day 31 Mar; the webinar channel only.
    stem = "leadflow_kpis_channel-webinar_2025-10-2026-03_data-2026-03-31_pl"
    assert sorted(kpi_files) == [f"{stem}.csv", f"{stem}.xlsx"]
    lines = kpi_files[f"{stem}.csv"].decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Kanał: webinar · Miesiące: paź 2025 – mar 2026 · Stan danych na: 31.03.2026"
    book = openpyxl.load_workbook(io.BytesIO(kpi_files[f"{stem}.xlsx"]))
    assert [[c.value for c in row] for row in book["Filtry"].iter_rows()] == [
        ["Kanał", "webinar"],
        ["Miesiące", "paź 2025 – mar 2026"],
        ["Stan danych na", datetime(2026, 3, 31)],
    ]
    # Webinar SQLs (C-WEB-01's L01 L02 in Jan, L15 in Mar), newest month first: Mar is column D.
    sqls = next(r for r in book["KPI"].iter_rows(min_row=2) if r[0].value == "SQL-e")
    assert [c.value for c in sqls[3:6]] == [1, 0, 2]


def test_kpi_table_trend_holds_only_months_with_a_value(fixture_db):
    params = {**NO_FILTERS, "first_month": date(2025, 10, 1), "last_month": date(2026, 3, 1)}
    months = db.run("kpi_by_month", params, fixture_db)
    shown = kpis.table(months, date(2025, 10, 1), date(2026, 3, 1), "en").set_index("KPI")
    # Targets exist from Dec 2025 (2, 3, 3, 3); Oct and Nov have none, and a gap in the list
    # makes the grid print it as text (",,2,3,3,3") instead of drawing a line.
    assert shown.loc["SQL target", "Trend"] == [2.0, 3.0, 3.0, 3.0]
