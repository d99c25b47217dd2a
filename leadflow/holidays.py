"""Polish statutory public holidays (days free from work), the calendar of the SLA clock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# Christmas Eve became a statutory day off by the act of 2024, effective from 2025.
CHRISTMAS_EVE_FROM = 2025


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Meeus/Jones/Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def polish_public_holidays(years: Iterable[int]) -> list[tuple[date, str]]:
    """Every statutory public holiday in Poland in `years`, sorted by date.

    The 13 holidays of the act on days free from work (1951, as amended), four of them
    movable with Easter (Easter Sunday and Monday, Pentecost Sunday 49 days and Corpus
    Christi 60 days after Easter), plus Christmas Eve from 2025 on. Holidays falling on
    a Sunday are listed too: they are holidays whatever the weekday.
    """
    holidays: list[tuple[date, str]] = []
    for year in sorted(set(years)):
        easter = easter_sunday(year)
        holidays += [
            (date(year, 1, 1), "Nowy Rok"),
            (date(year, 1, 6), "Święto Trzech Króli"),
            (easter, "Wielkanoc"),
            (easter + timedelta(days=1), "Poniedziałek Wielkanocny"),
            (date(year, 5, 1), "Święto Pracy"),
            (date(year, 5, 3), "Święto Konstytucji 3 Maja"),
            (easter + timedelta(days=49), "Zielone Świątki"),
            (easter + timedelta(days=60), "Boże Ciało"),
            (date(year, 8, 15), "Wniebowzięcie Najświętszej Maryi Panny"),
            (date(year, 11, 1), "Wszystkich Świętych"),
            (date(year, 11, 11), "Narodowe Święto Niepodległości"),
            (date(year, 12, 25), "Boże Narodzenie (pierwszy dzień)"),
            (date(year, 12, 26), "Boże Narodzenie (drugi dzień)"),
        ]
        if year >= CHRISTMAS_EVE_FROM:
            holidays.append((date(year, 12, 24), "Wigilia Bożego Narodzenia"))
    return sorted(holidays)
