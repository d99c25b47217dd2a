"""Numbers and dates formatted for people, in English or Polish: the one formatter of the app.

Every function takes the language last (`lang`, 'en' by default); the English output is what
the pages showed before Polish came.
"""

from __future__ import annotations

import math
import re
from datetime import date

from typing_extensions import TypeIs

# Polish groups thousands with a space; a no-break space keeps "12 345" on one line.
NBSP = "\u00a0"

MONTHS_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
MONTHS_PL = (
    "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru",
)  # fmt: skip


def _missing(value: float | None) -> TypeIs[None]:
    """None or NaN: nothing to show. TypeIs tells the type checker that a value past this check
    is a number (typing_extensions comes with Streamlit; TypeIs is in typing from 3.13)."""
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


# Shortened amounts keep three significant digits whatever their size, so tiles side by side
# read alike: 7.03 M and 143 M, not 7.03 M and 143.03 M; a trailing zero is dropped (75 k).
SIGNIFICANT = 3


def _short(value: float, scale: float, lang: str) -> str:
    """`value` / `scale` to SIGNIFICANT digits, trailing zeros after the point dropped."""
    scaled = value / scale
    whole = len(str(int(abs(round(scaled))))) if round(scaled) else 1
    digits = max(0, SIGNIFICANT - whole)
    text = number(round(scaled, digits), lang, digits)
    point = "," if lang == "pl" else "."
    return text.rstrip("0").rstrip(point) if point in text else text


def money_short(value: float | None, currency: str = "PLN", lang: str = "en") -> str:
    """Large amounts in thousands or millions, for headline tiles, to three significant
    digits: 1.25 M EUR, 143 M PLN, 40 k PLN; in Polish 1,25 mln EUR, 40 tys. zł. Under 10,000
    the whole amount."""
    if _missing(value):
        return "–"
    unit = "zł" if lang == "pl" and currency == "PLN" else currency
    space = NBSP if lang == "pl" else " "
    # Rounded first, so 999,999 is "1 M" rather than "1,000 k".
    rounded = float(f"{value:.{SIGNIFICANT}g}")
    if abs(rounded) >= 1_000_000:
        return f"{_short(value, 1_000_000, lang)}{space}{'mln' if lang == 'pl' else 'M'} {unit}"
    if abs(value) >= 10_000:
        return f"{_short(value, 1_000, lang)}{space}{'tys.' if lang == 'pl' else 'k'} {unit}"
    return money(value, currency, lang)


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


# A wait longer than this many days is said in days: "13.5 h" reads at a glance, "8,653.6 h"
# does not (a year).
WAIT_IN_DAYS_AFTER = 2


def _days_word(days: int, lang: str, working: bool) -> str:
    if lang != "pl":
        return f"{'working ' if working else ''}day{'' if days == 1 else 's'}"
    if days == 1:
        return "dzień roboczy" if working else "dzień"
    if not working:
        return "dni"
    return "dni robocze" if plural(days, "", "few", "many") == "few" else "dni roboczych"


def wait(value: float | None, lang: str = "en", working_day: float | None = None) -> str:
    """A wait or response time given in hours, as read aloud: up to two days in hours
    ('13.5 h', under an hour in minutes), longer in whole days ('361 days'). Clock hours count
    days of 24 h; business hours (`working_day`: the SLA's working day in hours) count working
    days ('486 working days' / '486 dni roboczych'). The one rule for every wait shown."""
    if value is None or _missing(value):
        return "–"
    day = working_day if working_day and working_day > 0 else 24.0
    if value <= WAIT_IN_DAYS_AFTER * day:
        return hours(value, lang)
    whole = math.floor(value / day + 0.5)  # half a day up, not to even
    words = _days_word(whole, lang, working_day is not None).replace(" ", NBSP)
    return f"{count(whole, lang)}{NBSP}{words}"


def wait_unit(longest: float | None, working_day: float | None = None) -> float:
    """The hours in one unit of a column of waits whose longest is `longest`: 1 (the column in
    hours) up to two days, else a day (24 h, or the working day): by the rule of wait(), one
    unit for the whole column so it still sorts as numbers."""
    day = working_day if working_day and working_day > 0 else 24.0
    if longest is None or _missing(longest) or longest <= WAIT_IN_DAYS_AFTER * day:
        return 1.0
    return day


# How a channel the data names in snake_case reads. A channel not listed here, from a CRM
# export, is put into words by label(); the stored value (in filters, links, files) is never
# changed. Their Polish is in leadflow/i18n_pages.py (VALUES_PL).
CHANNELS = {
    "linkedin_ads": "LinkedIn Ads",
    "google_ads": "Google Ads",
    "cold_email": "Cold email",
    "trade_fair": "Trade fair",
    "content": "Content",
    "organic": "Organic",
    "referral": "Referral",
    "webinar": "Webinar",
}
_SNAKE = re.compile(r"[a-z]+(?:_[a-z]+)+")


def label(value: str) -> str:
    """A value as a database spells it, as people read it: a known channel by its name
    ('linkedin_ads' → 'LinkedIn Ads'), any other snake_case word in words ('paid_social' →
    'Paid social'); everything else (names, codes with digits) as it is."""
    if value in CHANNELS:
        return CHANNELS[value]
    if _SNAKE.fullmatch(value):
        return value.replace("_", " ").capitalize()
    return value


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
