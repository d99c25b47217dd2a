"""Numbers and dates formatted for people, in English or Polish: thousands, percentages, PLN."""

from __future__ import annotations

import math
from datetime import date

# Polish groups thousands with a space; a no-break space keeps "12 345" on one line.
NBSP = "\u00a0"


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


def money_short(value: float | None, currency: str = "PLN") -> str:
    """Large amounts in thousands or millions, for headline tiles: 1.25 M EUR, 40 k PLN."""
    if _missing(value):
        return "–"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.2f} M {currency}"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.0f} k {currency}"
    return money(value, currency)


def money_by_currency(amounts: dict[str, float], short: bool = True) -> str:
    """Amounts in several currencies side by side, never added up: '60 k PLN · 17 k EUR';
    '–' for none."""
    if not amounts:
        return "–"
    shown = money_short if short else money
    return " · ".join(shown(value, currency) for currency, value in amounts.items())


def pln(value: float | None, lang: str = "en") -> str:
    """Whole złoty: 12,345 PLN / 12 345 zł (Polish readers write zł)."""
    return money(value, "PLN", lang)


def pln_short(value: float | None) -> str:
    """Large amounts in złoty in thousands or millions, for headline tiles."""
    return money_short(value, "PLN")


def days(value: float | None) -> str:
    if _missing(value):
        return "–"
    if value < 1:
        return f"{value * 24:.1f} h"
    return f"{value:.1f} days"


def hours(value: float | None) -> str:
    """A duration in hours, one decimal ('5.5 h'); under an hour in minutes ('36 min')."""
    if _missing(value):
        return "–"
    if 0 < value < 1 / 60:
        return "< 1 min"
    if value < 1:
        return f"{round(value * 60)} min"
    return f"{value:,.1f} h"


def counted(value: float, one: str, many: str) -> str:
    """A count with its noun: '1 breach', '2 breaches', '1,024 breaches'."""
    return f"{count(value)} {one if value == 1 else many}"


def day(value: date) -> str:
    return value.strftime("%-d %b %Y")


def period(start: date, end: date) -> str:
    return f"{day(start)} – {day(end)}"
