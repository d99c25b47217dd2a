"""The management KPI table: each KPI per month from kpi_by_month.sql, its change and formula.

The arithmetic reuses the definitions of the other pages (metrics.mql_to_sql_rate,
metrics.win_rate, sla.compliance) and the words come from leadflow.metric_definitions, so a KPI
here means what it means there.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from leadflow import exports, i18n, metric_definitions, metrics, sla


@dataclass(frozen=True)
class Kpi:
    key: str
    metric: str  # its key in leadflow.metric_definitions: label, unit and formula come from there
    value: Callable[[pd.Series], float | None]
    page: str  # the page that explains it

    @property
    def definition(self) -> metric_definitions.Metric:
        return metric_definitions.get(self.metric)

    @property
    def label(self) -> str:
        """English; i18n.t translates it."""
        return self.definition.label

    @property
    def kind(self) -> str:
        """count, pct, pln, days or hours: how it is shown and how its change is told."""
        return self.definition.unit

    @property
    def formula(self) -> str:
        return self.definition.help

    @property
    def formula_pl(self) -> str:
        return self.definition.help_pl


def _cost_per(row: pd.Series, column: str) -> float | None:
    if pd.isna(row["cost"]):
        return None
    return metrics.rate(row["cost"], row[column])


def _roi(row: pd.Series) -> float | None:
    if pd.isna(row["cost"]) or not row["cost"]:
        return None
    return (row["revenue"] - row["cost"]) / row["cost"]


def _sla_compliance(row: pd.Series) -> float | None:
    # A month whose handoffs no SLA policy measures has no compliance, not 0 %.
    if "sla_measured" in row and not row["sla_measured"]:
        return None
    return sla.compliance(row["answered_within_sla"], row["sla_due"])


def _or_none(value) -> float | None:
    return None if pd.isna(value) else float(value)


KPIS: tuple[Kpi, ...] = (
    Kpi("sqls", "sqls", lambda r: float(r["sqls"]), "pages/1_Funnel.py"),
    Kpi("sql_target", "sql_target", lambda r: _or_none(r["sql_target"]), "pages/1_Funnel.py"),
    Kpi(
        "sql_vs_target", "sql_vs_target",
        lambda r: None if pd.isna(r["sql_target"]) else metrics.rate(r["sqls"], r["sql_target"]),
        "pages/1_Funnel.py",
    ),
    Kpi(
        "mql_to_sql", "mql_to_sql_rate",
        lambda r: metrics.mql_to_sql_rate(r["handoffs_accepted"], r["handoffs_rejected"]),
        "pages/2_Conversion.py",
    ),
    Kpi(
        "rejection_rate", "rejection_rate",
        lambda r: metrics.rate(
            r["handoffs_rejected"], r["handoffs_accepted"] + r["handoffs_rejected"]
        ),
        "pages/4_Rejections.py",
    ),
    Kpi(
        "win_rate", "win_rate", lambda r: metrics.win_rate(r["won"], r["lost"]),
        "pages/1_Funnel.py",
    ),
    Kpi(
        "revenue_per_deal", "revenue_per_deal",
        lambda r: metrics.rate(r["revenue"], r["won_in_home_currency"]),
        "pages/1_Funnel.py",
    ),
    Kpi("cpl", "cpl", lambda r: _cost_per(r, "campaign_leads"), "pages/2_Conversion.py"),
    Kpi("cplq", "cplq", lambda r: _cost_per(r, "campaign_sqls"), "pages/2_Conversion.py"),
    Kpi(
        "time_to_close", "time_to_close", lambda r: _or_none(r["median_days_to_close"]),
        "pages/1_Funnel.py",
    ),
    Kpi(
        "response_time", "response_time",
        lambda r: _or_none(r["median_response_business_hours"]),
        "pages/3_SLA.py",
    ),
    Kpi("sla", "sla_compliance", lambda r: _sla_compliance(r), "pages/3_SLA.py"),
    Kpi("roi", "roi", _roi, "pages/1_Funnel.py"),
)  # fmt: skip

KINDS = {k.key: k.kind for k in KPIS}


def month_window(last_day: date, months: int) -> tuple[date, date, date]:
    """(first month fetched, first month shown, last month shown): the fetch reaches a year
    further back, so the last month can be compared with the same month last year."""
    last = last_day.replace(day=1)
    shown = (pd.Timestamp(last) - pd.DateOffset(months=months - 1)).date()
    fetched = (pd.Timestamp(shown) - pd.DateOffset(months=12)).date()
    return fetched, shown, last


@dataclass(frozen=True)
class Coverage:
    """How many days of a month the data covers: a month still running is judged on those."""

    month: date  # its first day
    days: int
    of: int  # days in the month

    @property
    def partial(self) -> bool:
        return self.days < self.of

    @property
    def share(self) -> float:
        return self.days / self.of


def coverage(month: date, last_day: date) -> Coverage:
    """The days of `month` up to `last_day`, the data's last full day."""
    of = calendar.monthrange(month.year, month.month)[1]
    days = min(of, max(0, (last_day - month).days + 1))
    return Coverage(month, days, of)


# Totals that grow with the days counted; rates, costs per lead and times do not.
GROW_WITH_DAYS = ("sqls", "sql_target")


def values(by_month: pd.DataFrame, covered: Coverage | None = None) -> pd.DataFrame:
    """KPI × month: every KPI's value (None where undefined), months as dates. A month the data
    covers only in part (`covered`) gets its target pro-rated to the days covered."""
    rows = {
        pd.Timestamp(r["month"]).date(): {k.key: k.value(r) for k in KPIS}
        for _, r in by_month.iterrows()
    }
    grid = pd.DataFrame(rows).reindex([k.key for k in KPIS])
    if covered is not None and covered.partial and covered.month in grid.columns:
        target = grid.loc["sql_target", covered.month]
        if target is not None and not pd.isna(target):
            target = float(target) * covered.share
            grid.loc["sql_target", covered.month] = target
            grid.loc["sql_vs_target", covered.month] = metrics.rate(
                float(grid.loc["sqls", covered.month]), target
            )
    return grid


def earlier(grid: pd.DataFrame, month: date, covered: Coverage | None) -> pd.Series:
    """The KPIs of an earlier `month`, to compare the last month with: when that one is covered
    only in part, the earlier month's totals (SQLs) are pro-rated to as many days (its total per
    day × the days covered), so a half month is not set against a whole one."""
    if month not in grid.columns:
        return pd.Series(None, index=grid.index, dtype=object)
    series = grid[month].astype(object)
    if covered is not None and covered.partial:
        days_in_month = calendar.monthrange(month.year, month.month)[1]
        for key in GROW_WITH_DAYS:
            value = series[key]
            if value is not None and not pd.isna(value):
                series[key] = float(value) * covered.days / days_in_month
    return series


def month_heading(month: date, lang: str, covered: Coverage | None = None) -> str:
    """'Mar 2026', or 'Mar 2026 (1–7)' for a month counted only to its 7th."""
    heading = i18n.month(month, lang)
    if covered is not None and covered.partial and covered.month == month:
        heading += f" (1–{covered.days})"
    return heading


def last_month_note(covered: Coverage, target: float | None, lang: str) -> str | None:
    """What the page says was done about a month the data covers only in part."""
    if not covered.partial:
        return None
    full = None if target is None or pd.isna(target) else target / covered.share
    values = {
        "month": i18n.month(covered.month, lang),
        "days": covered.days,
        "of": covered.of,
        "target": "–" if full is None else i18n.number(full, lang, 0),
        "prorated": "–" if full is None else i18n.number(target, lang, 1),
    }
    return i18n.t(PARTIAL_NOTE, lang).format(**values)


PARTIAL_NOTE = (
    "{month} is counted to day {days} of {of}, the data's last day, and pro-rated rather "
    "than judged as a full month: its SQL target is {days}/{of} of the month's ({target} → "
    "{prorated}), and its SQLs are compared with the earlier months' SQLs per day × {days} "
    "days. Rates, costs per lead and times are compared as they are."
)


def change(kind: str, current: float | None, before: float | None) -> float | None:
    """Rates change in percentage points, the rest relative; None when unknown."""
    if current is None or before is None or pd.isna(current) or pd.isna(before):
        return None
    return metrics.Headline("", current, before, kind if kind == "pct" else "count").change


def show(kind: str, value: float | None, lang: str) -> str:
    match kind:
        case "pct":
            return i18n.pct(value, lang)
        case "pln":
            return i18n.pln(value, lang)
        case "days":
            return i18n.days(value, lang)
        case "hours":
            return i18n.hours(value, lang)
    return i18n.count(value, lang)


def show_change(kind: str, value: float | None, lang: str) -> str:
    return i18n.points(value, lang) if kind == "pct" else i18n.change(value, lang)


CHANGES = ("vs previous month", "vs same month last year")


@dataclass(frozen=True)
class Cells:
    """The KPI table's numbers before they are written: what the page shows and the Excel file
    holds."""

    grid: pd.DataFrame  # KPI × month, as values()
    months: list[date]  # the months shown, oldest first
    changes: dict[str, dict[str, float | None]]  # CHANGES label → KPI key → change
    covered: Coverage | None

    def prorated(self, key: str, month: date) -> bool:
        """A target pro-rated to part of its month, seldom a whole number."""
        return (
            key == "sql_target"
            and self.covered is not None
            and self.covered.partial
            and month == self.covered.month
        )


def cells(
    by_month: pd.DataFrame, first_shown: date, last: date, covered: Coverage | None = None
) -> Cells:
    """The last month's change against the month before and the same month a year before, and
    the months first_shown..last; a last month covered only in part (`covered`) is pro-rated
    as in values() and earlier()."""
    grid = values(by_month, covered)
    months = [m for m in grid.columns if first_shown <= m <= last]
    previous = (pd.Timestamp(last) - pd.DateOffset(months=1)).date()
    year_ago = (pd.Timestamp(last) - pd.DateOffset(months=12)).date()
    changes: dict[str, dict[str, float | None]] = {}
    for label, month in zip(CHANGES, (previous, year_ago)):
        past = earlier(grid, month, covered)
        changes[label] = {
            k.key: None
            if k.key == "sql_target"
            else change(k.kind, grid.loc[k.key, last], past[k.key])
            for k in KPIS
        }
    return Cells(grid, months, changes, covered)


def table(
    by_month: pd.DataFrame,
    first_shown: date,
    last: date,
    lang: str,
    covered: Coverage | None = None,
) -> pd.DataFrame:
    """The table as shown: one row per KPI, its changes (see cells()), a trend (the raw values
    of the months shown, oldest first, for a sparkline) and the months formatted in `lang`,
    newest first."""
    made = cells(by_month, first_shown, last, covered)
    rows = []
    for kpi in KPIS:
        series = made.grid.loc[kpi.key]
        # The changes and the trend come right after the name, and the months newest first,
        # so what management asks about stays in sight when twelve months make it scroll.
        row: dict[str, str | list[float]] = {i18n.t("KPI", lang): i18n.t(kpi.label, lang)}
        for label in CHANGES:
            moved = made.changes[label][kpi.key]
            row[i18n.t(label, lang)] = (
                "–" if kpi.key == "sql_target" else show_change(kpi.kind, moved, lang)
            )
        # Only the months with a value: the grid's sparkline shows a list holding a gap as
        # its raw text (",,,,2,3") instead of a line.
        row[i18n.t("Trend", lang)] = [
            float(v) for v in series[made.months] if v is not None and not pd.isna(v)
        ]
        for m in reversed(made.months):
            row[month_heading(m, lang, covered)] = (
                i18n.number(series[m], lang, 1)
                if made.prorated(kpi.key, m) and not pd.isna(series[m])
                else show(kpi.kind, series[m], lang)
            )
        rows.append(row)
    return pd.DataFrame(rows)


def exported(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the table shows, without the sparkline column (a picture, not a number)."""
    return shown.drop(columns=[i18n.t("Trend", lang)])


def to_csv(
    shown: pd.DataFrame, lang: str, about: list[tuple[str, str | date]] | None = None
) -> bytes:
    """The table as shown, in the locale's delimiter, what made it in the first line."""
    # A byte-order mark: Excel opens the CSV as UTF-8 (→, ł, ź intact).
    return exports.csv(exported(shown, lang), bom=True, lang=lang, about=about)


# Excel number formats: Excel shows them with the reader's own separators (12 345,6 in a
# Polish Excel), so only the units differ by language. Values are stored rounded as on screen.
def _value_format(kind: str, lang: str, prorated: bool = False) -> tuple[str, int]:
    """(number format, decimals kept) of a KPI value of `kind`."""
    match kind:
        case "pct":
            return "0.0%", 3
        case "pln":
            return ('#,##0 "zł"' if lang == "pl" else '#,##0 "PLN"'), 0
        case "days":
            return f'0.0 "{i18n.t("days", lang)}"', 1
        case "hours":
            return '0.0 "h"', 1
    return ("#,##0.0", 1) if prorated else ("#,##0", 0)


def _change_format(kind: str, lang: str) -> tuple[str, int]:
    """(number format, decimals kept) of a change: rates in points, the rest relative."""
    if kind == "pct":
        unit = "p.p." if lang == "pl" else "pp"
        return f'+0.0 "{unit}";-0.0 "{unit}";0.0 "{unit}"', 1
    return "+0.0%;-0.0%;0.0%", 3


def _month_format(month: date, lang: str, covered: Coverage | None) -> str:
    # [$-415] asks for Polish month names whatever the reader's Excel language.
    shape = "[$-415]mmm yyyy" if lang == "pl" else "mmm yyyy"
    if covered is not None and covered.partial and covered.month == month:
        shape += f'" (1–{covered.days})"'
    return shape


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), digits)


def to_excel(
    by_month: pd.DataFrame,
    first_shown: date,
    last: date,
    lang: str,
    covered: Coverage | None = None,
    about: list[tuple[str, str | date]] | None = None,
) -> bytes:
    """The table as an Excel workbook: the view's filters on a first sheet, then the KPIs as
    numbers (percentages as percentages, PLN, days, hours) rounded and formatted as on the
    page, the months as dates, newest first."""
    made = cells(by_month, first_shown, last, covered)
    rows, shapes = [], []
    for kpi in KPIS:
        row: dict[object, object] = {i18n.t("KPI", lang): i18n.t(kpi.label, lang)}
        shape: dict[object, str | None] = {i18n.t("KPI", lang): None}
        for label in CHANGES:
            number_format, digits = _change_format(kpi.kind, lang)
            row[i18n.t(label, lang)] = _rounded(made.changes[label][kpi.key], digits)
            shape[i18n.t(label, lang)] = number_format
        for m in reversed(made.months):
            number_format, digits = _value_format(kpi.kind, lang, made.prorated(kpi.key, m))
            row[m] = _rounded(made.grid.loc[kpi.key, m], digits)
            shape[m] = number_format
        rows.append(row)
        shapes.append(shape)
    return exports.excel(
        pd.DataFrame(rows),
        sheet="KPI",
        formats=pd.DataFrame(shapes),
        about=about,
        about_sheet=i18n.t("Filters", lang),
        header_formats={m: _month_format(m, lang, covered) for m in made.months},
        lang=lang,
    )
