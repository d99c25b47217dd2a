"""Team settings (SLA, holidays, scoring, MQL threshold, targets, costs): CSV, checks, defaults."""

from __future__ import annotations

import io
import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd

from leadflow import format
from leadflow.holidays import polish_public_holidays

# Each setting, the CSV columns it is read and written with (the table's columns), and the
# columns that make a row's key: a file's rows replace the stored rows with the same key.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sla_policy": (
        "valid_from", "response_hours", "workday_start", "workday_end", "workdays", "time_zone",
    ),
    "public_holidays": ("day", "name"),
    "scoring_rules": ("valid_from", "rule_type", "match", "points"),
    "scoring_thresholds": ("valid_from", "mql_threshold", "decay_half_life_days"),
    "sql_targets": ("month", "target"),
    "campaign_costs": ("campaign_id", "month", "cost"),
}  # fmt: skip
# A versioned setting's key is its effective date: the whole version is replaced at once.
KEYS: dict[str, tuple[str, ...]] = {
    "sla_policy": ("valid_from",),
    "public_holidays": ("day",),
    "scoring_rules": ("valid_from",),
    "scoring_thresholds": ("valid_from",),
    "sql_targets": ("month",),
    "campaign_costs": ("campaign_id", "month"),
}
WORDS = {
    "sla_policy": "SLA policy",
    "public_holidays": "public holidays",
    "scoring_rules": "scoring rules",
    "scoring_thresholds": "MQL threshold and decay",
    "sql_targets": "SQL targets",
    "campaign_costs": "campaign costs",
}
WORDS_PL = {
    "sla_policy": "polityka SLA",
    "public_holidays": "dni wolne od pracy",
    "scoring_rules": "reguły scoringu",
    "scoring_thresholds": "próg MQL i wygasanie punktów",
    "sql_targets": "cele SQL",
    "campaign_costs": "koszty kampanii",
}


def words(setting: str, lang: str = "en") -> str:
    """A setting's name in `lang`: 'SLA policy' / 'polityka SLA'."""
    return (WORDS_PL if lang == "pl" else WORDS).get(setting, setting)


RULE_TYPES = ("touchpoint", "industry", "company_size_band", "seniority", "country", "job_title")
SIZE_BANDS = ("1-9", "10-49", "50-249", "250-999", "1000+", "unknown")  # company_size_band()
# Defaults apply from this date: to all history, until a version of the team's own takes over.
DEFAULTS_FROM = date(1970, 1, 1)
DEFAULT_SLA_HOURS = 8.0
DEFAULT_THRESHOLD = 50
# DOMAIN.md's touchpoints, strong intent worth most (the demo's points).
DEFAULT_TOUCHPOINT_POINTS = {
    "email_open": 1, "email_click": 3, "newsletter_signup": 5, "ebook_download": 10,
    "case_study_download": 12, "webinar_attended": 15, "pricing_page_visit": 15,
    "roi_calculator": 25, "demo_request": 40, "contact_form": 30, "trade_fair": 20,
    "cold_reply": 10,
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    line: int  # in the file: the header is line 1
    column: str
    value: str
    message: str
    warning: bool = False  # written anyway

    def __str__(self) -> str:
        return self.describe()

    def describe(self, lang: str = "en") -> str:
        """The problem in `lang`: the line, column and value as they are, the words around them
        translated."""
        if lang == "pl":
            kind = "ostrzeżenie" if self.warning else "błąd"
            return (
                f"{kind}: wiersz {self.line}, kolumna {self.column}, wartość {self.value!r}: "
                f"{message_in(self.message, lang)}"
            )
        kind = "warning" if self.warning else "error"
        return (
            f"{kind}: line {self.line}, column {self.column}, value {self.value!r}: {self.message}"
        )


class SettingsRefused(ValueError):
    """A settings file with an error: nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _day(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("is not a date written YYYY-MM-DD")
    return date.fromisoformat(text)


def _clock(text: str) -> time:
    if not re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", text):
        raise ValueError("is not a time written HH:MM")
    return time.fromisoformat(text)


def _whole(text: str) -> int:
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError("is not a whole number")
    return int(text)


def _amount(text: str) -> float:
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
        raise ValueError("is not an amount (digits, a dot and at most 2 decimals)")
    return float(text)


def _number(text: str) -> float:
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError("is not a number")
    return float(text)


def parse(
    setting: str,
    text: str,
    *,
    touchpoint_types: frozenset[str] | None = None,
    campaigns: frozenset[str] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """A setting's CSV as typed rows, and every problem found (errors and warnings). The rows are
    only to be written when no problem is an error."""
    if setting not in COLUMNS:
        raise ValueError(f"unknown setting {setting!r}: one of {', '.join(COLUMNS)}")
    columns = COLUMNS[setting]
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    given = [str(c).strip() for c in frame.columns]
    problems: list[Problem] = []
    for column in columns:
        if column not in given:
            problems.append(Problem(1, column, "", "the header has no such column"))
    for column in given:
        if column not in columns:
            problems.append(Problem(1, column, column, f"unknown column: {setting} has "
                                    f"{', '.join(columns)}"))  # fmt: skip
    if problems:
        return pd.DataFrame(columns=list(columns)), problems
    frame.columns = given
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    for index, raw in enumerate(frame.to_dict("records")):
        line = index + 2
        values = {c: str(raw[c]).strip() for c in columns}
        row: dict = {}

        def bad(column: str, message: str, warning: bool = False, line=line, values=values) -> None:
            problems.append(Problem(line, column, values[column], message, warning))

        def typed(column: str, convert, *, optional: bool = False, values=values, bad=bad):
            if values[column] == "":
                if not optional:
                    bad(column, "is empty")
                return None
            try:
                return convert(values[column])
            except ValueError as error:
                bad(column, str(error) if "is" in str(error)[:3] else "is not valid")
                return None

        if setting == "sla_policy":
            row["valid_from"] = typed("valid_from", _day)
            row["response_hours"] = typed("response_hours", _number)
            if row["response_hours"] is not None and row["response_hours"] <= 0:
                bad("response_hours", "must be more than 0 business hours")
            row["workday_start"] = typed("workday_start", _clock)
            row["workday_end"] = typed("workday_end", _clock)
            start, end = row["workday_start"], row["workday_end"]
            if start and end and end <= start:
                bad("workday_end", "the working day ends before it starts")
            days = [d.strip() for d in values["workdays"].split(",") if d.strip()]
            if not days or not all(re.fullmatch(r"[1-7]", d) for d in days):
                bad("workdays", "must be ISO weekdays 1 (Monday) to 7 (Sunday), e.g. 1,2,3,4,5")
            elif len(set(days)) != len(days):
                bad("workdays", "names a weekday twice")
            row["workdays"] = ",".join(sorted(set(days)))
            row["time_zone"] = values["time_zone"]
            if values["time_zone"] not in zoneinfo.available_timezones():
                bad("time_zone", "is not a time zone (an IANA name such as Europe/Warsaw)")
        elif setting == "public_holidays":
            row["day"] = typed("day", _day)
            row["name"] = values["name"]
            if not values["name"]:
                bad("name", "is empty")
        elif setting == "scoring_rules":
            row["valid_from"] = typed("valid_from", _day)
            row["rule_type"] = values["rule_type"]
            row["match"] = values["match"]
            row["points"] = typed("points", _whole)
            if values["rule_type"] not in RULE_TYPES:
                bad("rule_type", f"is not one of {', '.join(RULE_TYPES)}")
            if not values["match"]:
                bad("match", "is empty")
            elif values["rule_type"] == "company_size_band" and values["match"] not in SIZE_BANDS:
                bad("match", f"is not a company-size band ({', '.join(SIZE_BANDS)})")
            elif (
                values["rule_type"] == "touchpoint"
                and touchpoint_types is not None
                and values["match"] not in touchpoint_types
            ):
                bad("match", "no touchpoint of this type in the data: it scores nothing until "
                    "one arrives", warning=True)  # fmt: skip
            if values["rule_type"] == "touchpoint" and (row["points"] or 0) < 0:
                bad("points", "a touchpoint cannot take points away (negative points are for "
                    "fit values only)")  # fmt: skip
        elif setting == "scoring_thresholds":
            row["valid_from"] = typed("valid_from", _day)
            row["mql_threshold"] = typed("mql_threshold", _whole)
            if row["mql_threshold"] is not None and row["mql_threshold"] <= 0:
                bad("mql_threshold", "must be more than 0 points")
            row["decay_half_life_days"] = typed("decay_half_life_days", _whole, optional=True)
            if row["decay_half_life_days"] is not None and row["decay_half_life_days"] <= 0:
                bad("decay_half_life_days", "must be more than 0 days (empty: no decay)")
        elif setting in ("sql_targets", "campaign_costs"):
            row["month"] = typed("month", _day)
            if row["month"] is not None and row["month"].day != 1:
                bad("month", "a month is written as its first day, e.g. 2026-03-01")
            if setting == "sql_targets":
                row["target"] = typed("target", _whole)
                if row["target"] is not None and row["target"] < 0:
                    bad("target", "cannot be negative")
            else:
                row["campaign_id"] = values["campaign_id"]
                if campaigns is not None and values["campaign_id"] not in campaigns:
                    bad("campaign_id", "no campaign with this id in the data")
                row["cost"] = typed("cost", _amount)
                if row["cost"] is not None and row["cost"] < 0:
                    bad("cost", "cannot be negative")
        key_columns = KEYS[setting] + (("rule_type", "match") if setting == "scoring_rules" else ())
        key = tuple(row.get(c) for c in key_columns)
        if None not in key:
            if key in seen:
                bad(key_columns[-1], f"the same {'/'.join(key_columns)} as line {seen[key]}")
            seen[key] = line
        rows.append(row)
    return pd.DataFrame(rows, columns=list(columns)), problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M") if value.second == 0 else value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if value == round(value, 6) else repr(value)
    text = str(value)
    return text[:-3] if re.fullmatch(r"\d{2}:\d{2}:00", text) else text


def to_csv(setting: str, rows: pd.DataFrame) -> str:
    """The stored rows as the CSV parse() reads, sorted by key: exporting, importing and
    exporting again gives the same file."""
    columns = list(COLUMNS[setting])
    order = list(KEYS[setting]) + (["rule_type", "match"] if setting == "scoring_rules" else [])
    ordered = rows[columns].sort_values(order, kind="stable") if len(rows) else rows[columns]
    text = ordered.map(_text) if len(ordered) else ordered
    return text.to_csv(index=False, lineterminator="\n")


def defaults() -> dict[str, pd.DataFrame]:
    """What a new database starts with, in effect from DEFAULTS_FROM. No SQL targets and no
    campaign costs: nobody can guess them, and the pages say they are missing."""
    text = {
        "sla_policy": "valid_from,response_hours,workday_start,workday_end,workdays,time_zone\n"
        f'{DEFAULTS_FROM},{DEFAULT_SLA_HOURS:g},09:00,17:00,"1,2,3,4,5",Europe/Warsaw\n',
        "scoring_thresholds": "valid_from,mql_threshold,decay_half_life_days\n"
        f"{DEFAULTS_FROM},{DEFAULT_THRESHOLD},\n",
        "scoring_rules": "valid_from,rule_type,match,points\n"
        + "".join(
            f"{DEFAULTS_FROM},touchpoint,{t},{p}\n" for t, p in DEFAULT_TOUCHPOINT_POINTS.items()
        ),  # fmt: skip
        "public_holidays": "day,name\n"
        + "".join(f'{d},"{n}"\n' for d, n in polish_public_holidays(range(2000, 2041))),
    }
    out = {}
    for setting, csv in text.items():
        rows, problems = parse(setting, csv)
        assert not problems, problems  # the defaults are checked like any file
        out[setting] = rows
    return out


DEFAULT_NOTES = {
    "sla_policy": f"SLA: {DEFAULT_SLA_HOURS:g} business hours (Mon–Fri 09:00–17:00, "
    "Europe/Warsaw, Polish public holidays off), the default; change it in Settings.",
    "scoring_rules": "Scoring rules: the default points per touchpoint type, no fit points; "
    "change them in Settings.",
    "scoring_thresholds": f"MQL threshold: {DEFAULT_THRESHOLD} points, no decay, the default; "
    "change it in Settings.",
    "public_holidays": "Public holidays: Poland's, the default; change them in Settings.",
}


def describe_change(setting: str, rows: pd.DataFrame, *, replace: bool) -> str:
    """The log's words for a write: what was written and how."""
    keys = KEYS[setting]
    versions = sorted({_text(v) for v in rows[keys[-1]]}) if len(rows) else []
    shown = ", ".join(versions[:6]) + (" …" if len(versions) > 6 else "")
    how = "replaced every row" if replace else "added or replaced the rows with these keys"
    return f"{len(rows)} row(s) ({keys[-1]}: {shown or 'none'}); {how}"


DEFAULT_NOTES_PL = {
    "sla_policy": f"SLA: {DEFAULT_SLA_HOURS:g} godz. robocze (pon.–pt. 09:00–17:00, "
    "Europe/Warsaw, bez polskich świąt), wartość domyślna; zmień ją w Ustawieniach.",
    "scoring_rules": "Reguły scoringu: domyślne punkty za typ punktu styku, bez punktów za "
    "dopasowanie; zmień je w Ustawieniach.",
    "scoring_thresholds": f"Próg MQL: {DEFAULT_THRESHOLD} pkt, bez wygasania, wartość domyślna; "
    "zmień go w Ustawieniach.",
    "public_holidays": "Dni wolne: polskie święta, wartość domyślna; zmień je w Ustawieniach.",
}


def default_note(setting: str, lang: str = "en") -> str:
    """What a page says of a setting still at its default, in `lang`."""
    return (DEFAULT_NOTES_PL if lang == "pl" else DEFAULT_NOTES)[setting]


# The checks' words in Polish. Messages that name our own columns or codes keep those names.
MESSAGES_PL = {
    "the header has no such column": "nagłówek nie ma takiej kolumny",
    "is empty": "jest pusta",
    "is not valid": "jest nieprawidłowa",
    "is not a date written YYYY-MM-DD": "nie jest datą zapisaną RRRR-MM-DD",
    "is not a time written HH:MM": "nie jest godziną zapisaną GG:MM",
    "is not a whole number": "nie jest liczbą całkowitą",
    "is not an amount (digits, a dot and at most 2 decimals)": (
        "nie jest kwotą (cyfry, kropka i najwyżej 2 miejsca po przecinku)"
    ),
    "is not a number": "nie jest liczbą",
    "must be more than 0 business hours": "musi być większa niż 0 godzin roboczych",
    "the working day ends before it starts": "dzień pracy kończy się, zanim się zacznie",
    "must be ISO weekdays 1 (Monday) to 7 (Sunday), e.g. 1,2,3,4,5": (
        "musi zawierać dni tygodnia ISO od 1 (poniedziałek) do 7 (niedziela), np. 1,2,3,4,5"
    ),
    "names a weekday twice": "podaje dzień tygodnia dwa razy",
    "is not a time zone (an IANA name such as Europe/Warsaw)": (
        "nie jest strefą czasową (nazwa IANA, np. Europe/Warsaw)"
    ),
    "no touchpoint of this type in the data: it scores nothing until one arrives": (
        "w danych nie ma punktu styku tego typu: nie da punktów, dopóki taki się nie pojawi"
    ),
    "a touchpoint cannot take points away (negative points are for fit values only)": (
        "punkt styku nie może odejmować punktów (ujemne punkty są tylko dla wartości dopasowania)"
    ),
    "must be more than 0 points": "musi być większy niż 0 punktów",
    "must be more than 0 days (empty: no decay)": (
        "musi być większe niż 0 dni (puste: bez wygasania)"
    ),
    "a month is written as its first day, e.g. 2026-03-01": (
        "miesiąc zapisuje się jako jego pierwszy dzień, np. 2026-03-01"
    ),
    "cannot be negative": "nie może być ujemna",
    "no campaign with this id in the data": "w danych nie ma kampanii o tym identyfikatorze",
}
_MESSAGE_PATTERNS_PL = (
    (r"unknown column: (?P<setting>\S+) has (?P<columns>.*)", "nieznana kolumna: {setting} ma "
     "kolumny {columns}"),
    (r"is not one of (?P<codes>.*)", "nie jest jednym z: {codes}"),
    (r"is not a company-size band \((?P<bands>.*)\)", "nie jest przedziałem wielkości firmy "
     "({bands})"),
    (r"the same (?P<keys>\S+) as line (?P<line>\d+)", "te same {keys} co w wierszu {line}"),
)  # fmt: skip


def message_in(message: str, lang: str = "en") -> str:
    """A check's message in `lang`; one with no Polish stays as it is."""
    if lang != "pl":
        return message
    if message in MESSAGES_PL:
        return MESSAGES_PL[message]
    for pattern, polish in _MESSAGE_PATTERNS_PL:
        found = re.fullmatch(pattern, message)
        if found:
            return polish.format(**found.groupdict())
    return message


_CHANGE = re.compile(
    r"(?P<rows>\d+) row\(s\) \((?P<key>\w+): (?P<shown>.*)\); (?P<how>replaced every row|"
    r"added or replaced the rows with these keys)"
)
_HOW_PL = {
    "replaced every row": "zastąpiono wszystkie wiersze",
    "added or replaced the rows with these keys": "dodano lub zastąpiono wiersze o tych kluczach",
}


def change_in(change: str, lang: str = "en") -> str:
    """A change as describe_change wrote it in the log, in `lang` (the log keeps English, as the
    command line writes it)."""
    found = _CHANGE.fullmatch(change) if lang == "pl" else None
    if found is None:
        return change
    rows = int(found["rows"])
    noun = format.plural(rows, "wiersz", "wiersze", "wierszy")
    shown = "brak" if found["shown"] == "none" else found["shown"]
    return f"{rows} {noun} ({found['key']}: {shown}); {_HOW_PL[found['how']]}"
