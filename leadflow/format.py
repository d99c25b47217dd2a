"""Numbers and dates formatted for people: thousands separators, percentages, PLN, days."""

from __future__ import annotations

import math
from datetime import date


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count(value: float | None) -> str:
    return "–" if _missing(value) else f"{round(value):,}"


def pct(value: float | None, digits: int = 1) -> str:
    """A share in [0, 1] as a percentage; '–' where it is undefined (nothing to divide by)."""
    return "–" if _missing(value) else f"{value * 100:.{digits}f}%"


def pln(value: float | None) -> str:
    return "–" if _missing(value) else f"{round(value):,} PLN"


def pln_short(value: float | None) -> str:
    """Large amounts in thousands or millions, for headline tiles."""
    if _missing(value):
        return "–"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.2f} M PLN"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.0f} k PLN"
    return pln(value)


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
