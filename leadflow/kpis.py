"""The management KPI table: each KPI per month from kpi_by_month.sql, its change and formula.

The arithmetic reuses the definitions of the other pages (metrics.mql_to_sql_rate,
metrics.win_rate, sla.compliance), so a KPI here means what it means there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from leadflow import exports, i18n, metrics, sla


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str  # English; i18n.t translates it
    kind: str  # count, pct, pln, days or hours: how it is shown and how its change is told
    value: Callable[[pd.Series], float | None]
    formula: str
    formula_pl: str
    page: str  # the page that explains it


def _cost_per(row: pd.Series, column: str) -> float | None:
    if pd.isna(row["cost"]):
        return None
    return metrics.rate(row["cost"], row[column])


def _roi(row: pd.Series) -> float | None:
    if pd.isna(row["cost"]) or not row["cost"]:
        return None
    return (row["revenue"] - row["cost"]) / row["cost"]


def _or_none(value) -> float | None:
    return None if pd.isna(value) else float(value)


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "sqls", "SQLs", "count", lambda r: float(r["sqls"]),
        "Leads accepted by sales as SQL, counted in the month they were accepted.",
        "Leady zaakceptowane przez handlowców jako SQL, w miesiącu akceptacji.",
        "pages/1_Funnel.py",
    ),
    Kpi(
        "sql_target", "SQL target", "count", lambda r: _or_none(r["sql_target"]),
        "The month's target from the sql_targets table.",
        "Cel miesiąca z tabeli sql_targets.",
        "pages/1_Funnel.py",
    ),
    Kpi(
        "sql_vs_target", "SQLs vs target", "pct",
        lambda r: None if pd.isna(r["sql_target"]) else metrics.rate(r["sqls"], r["sql_target"]),
        "SQLs of the month / target of the month.",
        "SQL-e w miesiącu / cel na miesiąc.",
        "pages/1_Funnel.py",
    ),
    Kpi(
        "mql_to_sql", "MQL→SQL rate", "pct",
        lambda r: metrics.mql_to_sql_rate(r["handoffs_accepted"], r["handoffs_rejected"]),
        "Accepted / (accepted + rejected) among the leads handed off in the month: the SQL "
        "acceptance rate. Handoffs sales has not decided yet are left out.",
        "Zaakceptowane / (zaakceptowane + odrzucone) spośród leadów przekazanych w miesiącu, "
        "czyli odsetek akceptacji SQL. Leady bez decyzji handlowca są pominięte.",
        "pages/2_Conversion.py",
    ),
    Kpi(
        "rejection_rate", "SQL rejection rate", "pct",
        lambda r: metrics.rate(
            r["handoffs_rejected"], r["handoffs_accepted"] + r["handoffs_rejected"]
        ),
        "Rejected / (accepted + rejected) among the leads handed off in the month.",
        "Odrzucone / (zaakceptowane + odrzucone) spośród leadów przekazanych w miesiącu.",
        "pages/4_Rejections.py",
    ),
    Kpi(
        "win_rate", "Win rate SQL→deal", "pct", lambda r: metrics.win_rate(r["won"], r["lost"]),
        "Won / (won + lost), by the month the deal closed; open deals are not decided yet.",
        "Wygrane / (wygrane + przegrane), wg miesiąca zamknięcia umowy; otwarte pominięte.",
        "pages/1_Funnel.py",
    ),
    Kpi(
        "revenue_per_deal", "Average revenue per won deal", "pln",
        lambda r: metrics.rate(r["revenue"], r["won"]),
        "Sum of won amounts / won deals, by the month the deal was won.",
        "Suma kwot wygranych umów / liczba wygranych, wg miesiąca wygranej.",
        "pages/1_Funnel.py",
    ),
    Kpi(
        "cpl", "CPL", "pln", lambda r: _cost_per(r, "campaign_leads"),
        "Campaign cost of the month / leads created that month that came from a campaign "
        "(leads without a campaign, e.g. referrals, cost nothing and are left out).",
        "Koszt kampanii w miesiącu / leady z kampanii utworzone w tym miesiącu (leady bez "
        "kampanii, np. z poleceń, nie mają kosztu i są pominięte).",
        "pages/2_Conversion.py",
    ),
    Kpi(
        "cplq", "CPL-Q", "pln", lambda r: _cost_per(r, "campaign_sqls"),
        "Campaign cost of the month / SQLs from campaigns accepted that month.",
        "Koszt kampanii w miesiącu / SQL-e z kampanii zaakceptowane w tym miesiącu.",
        "pages/2_Conversion.py",
    ),
    Kpi(
        "time_to_close", "Median time to close", "days",
        lambda r: _or_none(r["median_days_to_close"]),
        "Median days from lead creation to the won deal, by the month it was won.",
        "Mediana dni od utworzenia leada do wygranej umowy, wg miesiąca wygranej.",
        "pages/1_Funnel.py",
    ),
    Kpi(
        "response_time", "Median lead-response time", "hours",
        lambda r: _or_none(r["median_response_business_hours"]),
        "Median business hours from handoff to the first sales response, by handoff month "
        "(answered handoffs).",
        "Mediana godzin roboczych od przekazania do pierwszej reakcji handlowca, wg miesiąca "
        "przekazania (leady z odpowiedzią).",
        "pages/3_SLA.py",
    ),
    Kpi(
        "sla", "SLA compliance", "pct",
        lambda r: sla.compliance(r["answered_within_sla"], r["sla_due"]),
        "Answered within the SLA / handoffs due (answered, or waiting past the SLA), by "
        "handoff month, as on the SLA page.",
        "Odpowiedzi w czasie SLA / przekazania, których termin minął (z odpowiedzią lub "
        "czekające po terminie), wg miesiąca przekazania, jak na stronie SLA.",
        "pages/3_SLA.py",
    ),
    Kpi(
        "roi", "Lead-gen ROI", "pct", _roi,
        "(Revenue won in the month − campaign cost of the month) / campaign cost of the month.",
        "(Przychód z umów wygranych w miesiącu − koszt kampanii w miesiącu) / koszt kampanii.",
        "pages/1_Funnel.py",
    ),
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
