"""Every file a user downloads: CSV and Excel whose text cells a spreadsheet cannot run."""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl import Workbook

# OWASP's CSV-injection guidance: a cell starting with one of these is read as a formula (or a
# DDE command) by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number written as text (a KPI's "-2.0%", "-1 234 zł") is no formula: it stays as is,
# so a negative amount reads as the number it is. No operator, bracket or name can follow.
_PLAIN_NUMBER = re.compile(r"[-+]?\d[\d.,\u00a0\u202f ]*(%| ?zł| ?pp)?")


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


def csv(frame: pd.DataFrame, *, bom: bool = False) -> bytes:
    """The frame as a CSV file; `bom` for a file made to be opened in Excel (UTF-8 kept)."""
    # CRLF rows (RFC 4180) also make the writer quote a cell holding a lone carriage return,
    # which a spreadsheet would otherwise read as the start of a new row, formula first.
    text = defused_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig" if bom else "utf-8")


def excel(frame: pd.DataFrame, sheet: str) -> bytes:
    """The frame as one Excel sheet; text is written as a text cell, so it never becomes a
    formula (openpyxl otherwise turns any string starting with = into one)."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    safe = defused_frame(frame)
    for col, name in enumerate(safe.columns, start=1):
        _put(ws.cell(row=1, column=col), name)
    for row, values in enumerate(safe.itertuples(index=False), start=2):
        for col, value in enumerate(values, start=1):
            _put(ws.cell(row=row, column=col), value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(cell, value: object) -> None:
    if value is None or (not isinstance(value, str | list) and pd.isna(value)):
        return
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # set after the value: assigning a string re-guesses the type
