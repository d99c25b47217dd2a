"""The management KPI table: each KPI per month from kpi_by_month.sql, its change and formula.

The arithmetic reuses the definitions of the other pages (metrics.mql_to_sql_rate,
metrics.win_rate, sla.compliance) and the words come from leadflow.metric_definitions, so a KPI
here means what it means there.
"""

from __future__ import annotations

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


def values(by_month: pd.DataFrame) -> pd.DataFrame:
    """KPI × month: every KPI's value (None where undefined), months as dates."""
    rows = {
        pd.Timestamp(r["month"]).date(): {k.key: k.value(r) for k in KPIS}
        for _, r in by_month.iterrows()
    }
    return pd.DataFrame(rows).reindex([k.key for k in KPIS])


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


def table(by_month: pd.DataFrame, first_shown: date, last: date, lang: str) -> pd.DataFrame:
    """The table as shown: one row per KPI, the last month's change against the month before
    and the same month a year before, a trend (the raw values of the months shown, for a
    sparkline) and the months first_shown..last formatted in `lang`."""
    grid = values(by_month)
    months = [m for m in grid.columns if first_shown <= m <= last]
    previous = (pd.Timestamp(last) - pd.DateOffset(months=1)).date()
    year_ago = (pd.Timestamp(last) - pd.DateOffset(months=12)).date()
    rows = []
    for kpi in KPIS:
        series = grid.loc[kpi.key]
        # The changes and the trend come right after the name, so they stay in sight when
        # twelve months make the table scroll sideways.
        row = {i18n.t("KPI", lang): i18n.t(kpi.label, lang)}
        for label, before in (
            ("vs previous month", previous),
            ("vs same month last year", year_ago),
        ):
            past = series.get(before) if before in series.index else None
            row[i18n.t(label, lang)] = (
                "–"
                if kpi.key == "sql_target"
                else show_change(kpi.kind, change(kpi.kind, series[last], past), lang)
            )
        row[i18n.t("Trend", lang)] = [
            None if v is None or pd.isna(v) else float(v) for v in series[months]
        ]
        for m in months:
            row[i18n.month(m, lang)] = show(kpi.kind, series[m], lang)
        rows.append(row)
    return pd.DataFrame(rows)


def exported(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the table shows, without the sparkline column (a picture, not a number)."""
    return shown.drop(columns=[i18n.t("Trend", lang)])


def to_csv(shown: pd.DataFrame, lang: str) -> bytes:
    # A byte-order mark: Excel opens the CSV as UTF-8 (→, ł, ź intact).
    return exports.csv(exported(shown, lang), bom=True)


def to_excel(shown: pd.DataFrame, lang: str) -> bytes:
    return exports.excel(exported(shown, lang), sheet="KPI")
