"""SLA compliance: shares of handoffs answered within the SLA, and the SLA policy in words.

Response times come from the sla_handoffs macro of queries/schema.sql, which measures them in
business hours of the sla_policy table; this module only divides and describes.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from leadflow import format, i18n, metrics

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_PL = ("pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz.")

STATUSES: dict[str, str] = {
    "answered within SLA": "Answered within SLA",
    "answered late": "Answered late",
    "waiting, past the SLA": "Still waiting, past the SLA",
    "waiting, within the SLA": "Still waiting, within the SLA",
}


def compliance(within: float, due: float) -> float | None:
    """Answered within the SLA / due. A handoff is due once it was answered or has waited past
    the SLA; one still waiting within the SLA is not decided either way."""
    return metrics.rate(within, due)


def with_compliance(frame: pd.DataFrame) -> pd.DataFrame:
    """sla_by_rep or sla_by_rep_week rows with their compliance share (nan when nothing is due)."""
    out = frame.copy()
    out["compliance"] = pd.to_numeric(
        [compliance(w, d) for w, d in zip(out["answered_within_sla"], out["sla_due"])]
    )
    return out


def _weekdays(workdays: str, lang: str = "en") -> str:
    names = WEEKDAYS_PL if lang == "pl" else WEEKDAYS
    days = sorted(int(d) for d in workdays.split(",") if d.strip())
    if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        return f"{names[days[0] - 1]}–{names[days[-1] - 1]}"
    return ", ".join(names[d - 1] for d in days)


def _clock(value) -> str:
    return pd.Timestamp(str(value)).strftime("%H:%M")


def describe_policy(policy: pd.Series, lang: str = "en") -> str:
    """One sla_policy row in words: 'first response within 8 business hours (Mon–Fri
    09:00–17:00, Europe/Warsaw, public holidays off)'."""
    hours = float(policy["response_hours"])
    shown = f"{hours:g}"
    if lang == "pl":
        return i18n.t(
            "first response within {hours} business hours ({days} {start}–{end}, {zone}, "
            "public holidays off)",
            lang,
        ).format(
            hours=format.number(hours, lang, 0 if hours.is_integer() else 1),
            days=_weekdays(policy["workdays"], lang),
            start=_clock(policy["workday_start"]),
            end=_clock(policy["workday_end"]),
            zone=policy["time_zone"],
        )
    return (
        f"first response within {shown} business hour{'' if hours == 1 else 's'} "
        f"({_weekdays(policy['workdays'])} {_clock(policy['workday_start'])}–"
        f"{_clock(policy['workday_end'])}, {policy['time_zone']}, public holidays off)"
    )


def policy_on(policies: pd.DataFrame, day: date) -> pd.Series | None:
    """The version in effect on `day`: the latest valid_from on or before it (the first
    version for earlier days, as the SQL does); None when the table is empty."""
    if policies.empty:
        return None
    ordered = policies.sort_values("valid_from")
    started = ordered[pd.to_datetime(ordered["valid_from"]) <= pd.Timestamp(day)]
    return started.iloc[-1] if not started.empty else ordered.iloc[0]


def histogram_buckets(sla_hours: float) -> dict[str, tuple[float, float]]:
    """Bucket width and the start of the last, open-ended bucket, per measure: business hours
    in 1-hour buckets up to three times the SLA, clock hours in 4-hour buckets up to a week."""
    business_cap = max(3, math.ceil(3 * sla_hours))
    return {"business": (1.0, float(business_cap)), "clock": (4.0, 168.0)}


def heatmap_frame(by_week: pd.DataFrame) -> pd.DataFrame:
    """sla_by_rep_week's per-rep rows with compliance, weeks as dates, reps sorted by name."""
    reps = with_compliance(by_week[~by_week["all_reps"]])
    reps = reps.assign(week=pd.to_datetime(reps["week"]))
    return reps.sort_values(["rep", "week"]).reset_index(drop=True)


def weekly_trend(by_week: pd.DataFrame) -> pd.DataFrame:
    """sla_by_rep_week's all-reps rows: compliance per week."""
    weeks = with_compliance(by_week[by_week["all_reps"]])
    return weeks.assign(week=pd.to_datetime(weeks["week"])).sort_values("week")
