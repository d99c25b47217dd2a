"""Every file a user downloads: CSV and Excel whose text cells a spreadsheet cannot run."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# OWASP's CSV-injection guidance: a cell starting with one of these is read as a formula (or a
# DDE command) by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number written as text (a KPI's "-2.0%", "-1 234 zł", "-16,7 p.p.") is no formula: it
# stays as is, so a negative amount reads as the number it is. No operator, bracket or name
# can follow.
_PLAIN_NUMBER = re.compile(r"[-+]?\d[\d.,\u00a0\u202f ]*(%| ?zł| ?pp| ?p\.p\.)?")


def defused(value: object) -> object:
    """`value` with a leading ' when it is text a spreadsheet would run; anything else as is."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def defused_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell and column name defused; number columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or _is_datetime(out[column])):
            out[column] = out[column].map(defused, na_action="ignore")
    out.columns = [defused(str(c)) for c in out.columns]
    return out


def _is_datetime(series: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(series) or isinstance(series.dtype, pd.PeriodDtype)


# A Polish spreadsheet splits a CSV on semicolons (the comma is its decimal sign); an English
# one on commas.
DELIMITERS = {"en": ",", "pl": ";"}
DECIMALS = {"en": ".", "pl": ","}


def csv(
    frame: pd.DataFrame,
    *,
    bom: bool = False,
    lang: str = "en",
    about: list[tuple[str, str | date]] | None = None,
) -> bytes:
    """The frame as a CSV file in `lang`'s delimiter and decimal sign; `bom` for a file made to
    be opened in Excel (UTF-8 kept); `about` (the view's filters and the data's date) as one
    line before the header."""
    delimiter, decimal = DELIMITERS.get(lang, ","), DECIMALS.get(lang, ".")
    # CRLF rows (RFC 4180) also make the writer quote a cell holding a lone carriage return,
    # which a spreadsheet would otherwise read as the start of a new row, formula first.
    text = defused_frame(frame).to_csv(
        index=False, lineterminator="\r\n", sep=delimiter, decimal=decimal
    )
    if about:
        line = pd.DataFrame([[describe(about, lang)]]).map(defused)
        text = line.to_csv(index=False, header=False, lineterminator="\r\n", sep=delimiter) + text
    return text.encode("utf-8-sig" if bom else "utf-8")


# A date in a file's header: 2026-03-31 in English, 31.03.2026 in Polish, as the pages write it.
DAY_FORMATS = {"en": ("%Y-%m-%d", "yyyy-mm-dd"), "pl": ("%d.%m.%Y", "dd.mm.yyyy")}


def describe(about: list[tuple[str, str | date]], lang: str = "en") -> str:
    """'Period: 2026-01-01 – 2026-03-31 · Channel: webinar · Data as of: 2026-03-31'."""
    day = DAY_FORMATS.get(lang, DAY_FORMATS["en"])[0]
    said = [(label, v.strftime(day) if isinstance(v, date) else v) for label, v in about]
    return " · ".join(f"{label}: {value}" if label else value for label, value in said)


def file_name(base: str, parts: list[str], ext: str) -> str:
    """A file name saying what made the file: `base`, then `parts` (the filters, the data's
    date), made safe for any file system, at most 150 characters before `ext`."""
    safe = [re.sub(r"[^\w.-]+", "-", str(p)).strip("-.") for p in [base, *parts]]
    return "_".join(p for p in safe if p)[:150] + f".{ext}"


def excel(
    frame: pd.DataFrame,
    sheet: str,
    *,
    formats: dict[str, str] | pd.DataFrame | None = None,
    about: list[tuple[str, str | date]] | None = None,
    about_sheet: str = "Filters",
    header_formats: dict | None = None,
    lang: str = "en",
) -> bytes:
    """The frame as an Excel sheet of typed cells: numbers and dates as such, shown with
    `formats` (an Excel number format per column, or a frame of them cell by cell), `about`
    (what made the file) on a first sheet, every column as wide as its widest cell. A header
    may be a date, shown with `header_formats[name]`. Text is written as a text cell, so it never
    becomes a formula (openpyxl otherwise turns any string starting with = into one)."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if about:
        facts = book.create_sheet(about_sheet, 0)
        for row, (label, value) in enumerate(about, start=1):
            _put(facts.cell(row=row, column=1), defused(label))
            cell = facts.cell(row=row, column=2)
            _put(cell, defused(value))
            if isinstance(value, date):
                cell.number_format = DAY_FORMATS.get(lang, DAY_FORMATS["en"])[1]
        _fit(facts)
        book.active = book.index(ws)  # the file opens on the table; its filters one tab away
    safe = defused_frame(frame)
    for col, (name, original) in enumerate(zip(safe.columns, frame.columns), start=1):
        cell = ws.cell(row=1, column=col)
        _put(cell, original if isinstance(original, date) else name)
        if header_formats and original in header_formats:
            cell.number_format = header_formats[original]
        cell.font = Font(bold=True)
    for row, values in enumerate(safe.itertuples(index=False), start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col)
            _put(cell, value)
            shape = _format(formats, row - 2, frame.columns[col - 1])
            if shape and cell.data_type == "n":
                cell.number_format = shape
    ws.freeze_panes = "B2"
    _fit(ws)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _format(formats: dict[str, str] | pd.DataFrame | None, row: int, column) -> str | None:
    if formats is None:
        return None
    if isinstance(formats, pd.DataFrame):
        value = formats.iloc[row][column]
        return None if value is None or pd.isna(value) else str(value)
    return formats.get(column)


def _shown_width(cell) -> int:
    """About how many characters the cell takes on screen, in its number format."""
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 16 if isinstance(value, datetime) else 10
    if isinstance(value, int | float):
        digits = 1 if ".0" in cell.number_format else 0
        text = f"{value:,.{digits}f}"
        # The literal text of a format ("PLN", " p.p.") and a % sign take room too.
        literal = "".join(re.findall(r'"([^"]*)"', cell.number_format.split(";")[0]))
        return len(text) + len(literal) + ("%" in cell.number_format) + 1
    return max(len(line) for line in str(value).splitlines() or [""])


def _fit(ws) -> None:
    """Every column as wide as its widest cell, within 8 to 60 characters."""
    for cells in ws.iter_cols():
        widest = max((_shown_width(c) for c in cells), default=0)
        ws.column_dimensions[get_column_letter(cells[0].column)].width = min(60, max(8, widest + 2))


def _put(cell, value: object) -> None:
    if value is None or (not isinstance(value, str | list) and pd.isna(value)):
        return
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # set after the value: assigning a string re-guesses the type
