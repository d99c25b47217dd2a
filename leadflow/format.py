"""Numbers and dates formatted for people, in English or Polish: the one formatter of the app.

Every function takes the language last (`lang`, 'en' by default); the English output is what
the pages showed before Polish came.
"""

from __future__ import annotations

import math
from datetime import date

# Polish groups thousands with a space; a no-break space keeps "12 345" on one line.
NBSP = "\u00a0"

MONTHS_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
MONTHS_PL = (
    "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru",
)  # fmt: skip


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, lang: str = "en", digits: int = 0) -> str:
    """12,345.6 in English; 12 345,6 in Polish (no-break space, decimal comma)."""
    if _missing(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "pl":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def count(value: float | None, lang: str = "en") -> str:
    return number(value, lang, 0)


def pct(value: float | None, digits: int = 1, lang: str = "en") -> str:
    """A share in [0, 1] as a percentage: 61.5% / 61,5%; '–' where it is undefined (nothing
    to divide by)."""
    return "–" if _missing(value) else f"{number(value * 100, lang, digits)}%"


def pct_range(low: float | None, high: float | None, lang: str = "en") -> str:
    """'18–35%', or '–' when there is no interval."""
    if _missing(low) or _missing(high):
        return "–"
    return f"{number(low * 100, lang)}–{number(high * 100, lang)}%"


def points(value: float | None, lang: str = "en") -> str:
    """A change of a rate in percentage points, signed: +5.0 pp / +5,0 p.p."""
    if _missing(value):
        return "–"
    unit = "p.p." if lang == "pl" else "pp"
    return f"{'+' if value > 0 else ''}{number(value, lang, 1)}{NBSP}{unit}"


def change(value: float | None, lang: str = "en") -> str:
    """A relative change, signed: +25.0% / +25,0%."""
    if _missing(value):
        return "–"
    return f"{'+' if value > 0 else ''}{pct(value, lang=lang)}"


def money(value: float | None, currency: str = "PLN", lang: str = "en") -> str:
    """A whole amount with its currency: 12,345 EUR; in Polish 12 345 EUR, and złoty as zł.
    Every amount the app shows is worded here, so none is PLN without saying so."""
    if _missing(value):
        return "–"
    unit = "zł" if lang == "pl" and currency == "PLN" else currency
    return f"{number(value, lang)}{NBSP if lang == 'pl' else ' '}{unit}"


def money_short(value: float | None, currency: str = "PLN", lang: str = "en") -> str:
    """Large amounts in thousands or millions, for headline tiles: 1.25 M EUR, 40 k PLN;
    in Polish 1,25 mln EUR, 40 tys. zł."""
    if _missing(value):
        return "–"
    unit = "zł" if lang == "pl" and currency == "PLN" else currency
    if lang == "pl":
        if abs(value) >= 1_000_000:
            return f"{number(value / 1_000_000, lang, 2)}{NBSP}mln {unit}"
        if abs(value) >= 10_000:
            return f"{number(value / 1_000, lang)}{NBSP}tys. {unit}"
        return money(value, currency, lang)
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.2f} M {currency}"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.0f} k {currency}"
    return money(value, currency)


def money_by_currency(amounts: dict[str, float], short: bool = True, lang: str = "en") -> str:
    """Amounts in several currencies side by side, never added up: '60 k PLN · 17 k EUR';
    '–' for none."""
    if not amounts:
        return "–"
    if short:
        return " · ".join(money_short(v, c, lang) for c, v in amounts.items())
    return " · ".join(money(v, c, lang) for c, v in amounts.items())


def pln(value: float | None, lang: str = "en") -> str:
    """Whole złoty: 12,345 PLN / 12 345 zł (Polish readers write zł)."""
    return money(value, "PLN", lang)


def pln_short(value: float | None, lang: str = "en") -> str:
    """Large amounts in złoty in thousands or millions, for tiles: 75 k PLN / 75 tys. zł."""
    return money_short(value, "PLN", lang)


def days(value: float | None, lang: str = "en") -> str:
    """A duration given in days: '2.5 days', under a day in hours ('1.0 h'); '2,5 dni'."""
    if _missing(value):
        return "–"
    if value < 1:
        return f"{number(value * 24, lang, 1)}{NBSP if lang == 'pl' else ' '}h"
    if lang == "pl":
        return f"{number(value, lang, 1)}{NBSP}dni"
    return f"{value:.1f} days"


def hours(value: float | None, lang: str = "en") -> str:
    """A duration in hours, one decimal ('5.5 h'); under an hour in minutes ('36 min')."""
    if _missing(value):
        return "–"
    space = NBSP if lang == "pl" else " "
    if 0 < value < 1 / 60:
        return f"<{space}1{space}min"
    if value < 1:
        return f"{round(value * 60)}{space}min"
    return f"{number(value, lang, 1)}{space}h"


def days_exact(value: float | None, lang: str = "en") -> str:
    """Days with one decimal, never in hours, as the KPI table writes them: 1.8 days / 1,8 dni."""
    if _missing(value):
        return "–"
    return f"{number(value, lang, 1)}{NBSP}{'dni' if lang == 'pl' else 'days'}"


def business_hours(value: float | None, lang: str = "en") -> str:
    """Business hours, never in minutes: 1.8 h / 1,8 h."""
    return "–" if _missing(value) else f"{number(value, lang, 1)}{NBSP}h"


def plural(value: float, one: str, few: str, many: str) -> str:
    """The Polish noun form for a whole number: 1 naruszenie, 2 naruszenia, 5 naruszeń."""
    n = abs(int(value))
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def counted(value: float, one: str, many: str, lang: str = "en", few: str | None = None) -> str:
    """A count with its noun: '1 breach', '2 breaches', '1,024 breaches'; in Polish with its
    three forms, `few` being the form for 2–4 ('2 naruszenia')."""
    if lang == "pl":
        return f"{count(value, lang)} {plural(value, one, few or many, many)}"
    return f"{count(value)} {one if value == 1 else many}"


def month_name(month: int, lang: str = "en") -> str:
    return (MONTHS_PL if lang == "pl" else MONTHS_EN)[month - 1]


def day(value: date, lang: str = "en") -> str:
    """'1 Dec 2026' / '1 gru 2026'."""
    return f"{value.day} {month_name(value.month, lang)} {value.year}"


def day_month(value: date, lang: str = "en") -> str:
    """A chart's week tick: '5 Jan' / '5 sty'."""
    return f"{value.day} {month_name(value.month, lang)}"


def period(start: date, end: date, lang: str = "en") -> str:
    return f"{day(start, lang)} – {day(end, lang)}"


def numeric_day(value: date, lang: str = "en") -> str:
    """22.11.2026 in Polish; 2026-11-22 in English (the KPI and weekly pages' dates)."""
    return value.strftime("%d.%m.%Y") if lang == "pl" else value.isoformat()


def month(value: date, lang: str = "en") -> str:
    """A month column heading: 'Mar 2026' / 'mar 2026'."""
    return f"{month_name(value.month, lang)} {value.year}"


def day_time(value, lang: str = "en") -> str:
    """A moment: '1 Apr 2026 00:00' / '1 kwi 2026 00:00'."""
    return f"{day(value.date(), lang)} {value:%H:%M}"
