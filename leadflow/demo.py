"""Deterministic demo data: two years of a mid-size Polish B2B SaaS's marketing-to-sales funnel.

Every lead gets a hidden purchase intent and a fit to the ideal customer profile. Intent drives
its touchpoints (how many, and above all which kinds) and, with fit, every outcome: acceptance
by sales, the deal, the win and the amount. The lead score is replayed from the scoring rules,
so `mql_at` is exactly when the rules say the lead crossed the threshold. Stages that would fall
after AS_OF are not there yet. Everything is vectorised with numpy; the touchpoints are made and
written in chunks of leads, so a million leads and their 20 million touchpoints take about 15
seconds and 1.7 GB, and ten million fit in a few GB (docs/performance.md).

Run `python -m leadflow.demo --leads 50000 --seed 42 --out data/leadflow.duckdb`.
"""

from __future__ import annotations

import argparse
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy.special import ndtri

from leadflow import db
from leadflow.holidays import polish_public_holidays

AS_OF = datetime(2026, 11, 16, 0, 0)
FIRST_DAY = np.datetime64("2024-11-01", "D")
LAST_DAY = np.datetime64("2026-11-15", "D")  # the last day leads are created
# The business-hours grid reaches well past AS_OF: stages computed beyond it are censored later.
CALENDAR_END = np.datetime64("2028-01-01", "D")
HOLIDAY_YEARS = range(2024, 2028)

DAY = 86_400
HOUR = 3_600
T0 = int(FIRST_DAY.astype("datetime64[s]").astype(np.int64))  # seconds since the epoch
T_AS_OF = int(np.datetime64(AS_OF, "s").astype(np.int64))
MISSING = np.iinfo(np.int64).min  # viewed as datetime64 this is NaT, which becomes null

Progress = Callable[[float, str], None]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


RULES_FROM = date(2024, 11, 1)
THRESHOLDS = ((date(2024, 11, 1), 85), (date(2025, 11, 1), 95))
SLA_HOURS = 8.0
WORKDAY_START_H, WORKDAY_END_H = 9, 17
BUSINESS_DAY = (WORKDAY_END_H - WORKDAY_START_H) * HOUR

TOUCHPOINT_TYPES = (
    "email_open",
    "email_click",
    "newsletter_signup",
    "ebook_download",
    "case_study_download",
    "webinar_attended",
    "pricing_page_visit",
    "roi_calculator",
    "demo_request",
    "contact_form",
    "trade_fair",
    "cold_reply",
)
(
    EMAIL_OPEN,
    EMAIL_CLICK,
    NEWSLETTER,
    EBOOK,
    CASE_STUDY,
    WEBINAR,
    PRICING,
    ROI,
    DEMO,
    CONTACT,
    FAIR,
    COLD_REPLY,
) = range(len(TOUCHPOINT_TYPES))
TOUCHPOINT_POINTS = np.array([1, 3, 5, 10, 12, 15, 15, 25, 40, 30, 20, 10])

SIZE_BANDS = ("1-9", "10-49", "50-249", "250-999", "1000+")  # as the company_size_band macro
SIZE_EDGES = np.array([10, 50, 250, 1000])
SIZE_POINTS = np.array([-20, -5, 5, 10, 10, 0])  # the last entry: size unknown, no rule
SIZE_FIT = np.array([-0.8, -0.2, 0.4, 0.5, 0.3, -0.4])

SENIORITIES = ("C-level", "director", "manager", "specialist", "student")
SENIORITY_POINTS = np.array([10, 10, 5, -5, -15])
SENIORITY_FIT = np.array([0.3, 0.4, 0.15, -0.3, -1.5])
STUDENT = 4

# name, scoring points, hidden fit, share of companies
INDUSTRIES = (
    ("IT & software", 10, 0.3, 0.16),
    ("Manufacturing", 10, 0.4, 0.15),
    ("Logistics", 10, 0.3, 0.08),
    ("Finance", 5, 0.1, 0.08),
    ("Professional services", 5, 0.1, 0.12),
    ("Retail", -5, -0.2, 0.10),
    ("Healthcare", -5, -0.3, 0.06),
    ("Construction", -5, -0.2, 0.08),
    ("Energy", -5, -0.1, 0.04),
    ("Education", -10, -0.6, 0.07),
    ("Public sector", -10, -0.7, 0.06),
)
INDUSTRY_NAMES = tuple(i[0] for i in INDUSTRIES)
INDUSTRY_POINTS = np.array([i[1] for i in INDUSTRIES] + [0])  # last: industry unknown
INDUSTRY_FIT = np.array([i[2] for i in INDUSTRIES] + [-0.2])
INDUSTRY_SHARE = np.array([i[3] for i in INDUSTRIES])
EDUCATION = INDUSTRY_NAMES.index("Education")

COUNTRIES = ("PL", "DE", "CZ", "SK", "LT", "GB")
COUNTRY_SHARE = np.array([0.86, 0.05, 0.03, 0.015, 0.015, 0.03])
DE = COUNTRIES.index("DE")


class Rep(NamedTuple):
    name: str
    workload: float  # share of handoffs
    response_hours: float  # median first response, in business hours
    silent: float  # share of rejections without a reason
    acceptance_bias: float  # logit
    starts: str = "2024-11-01"


REPS = (
    Rep("Anna Nowak", 0.19, 2.0, 0.02, 0.0),
    Rep("Piotr Kowalski", 0.17, 2.6, 0.02, 0.1),
    Rep("Katarzyna Wiśniewska", 0.15, 0.5, 0.02, 0.2),  # answers within the hour
    Rep("Tomasz Wójcik", 0.13, 7.0, 0.02, -0.1),  # misses the SLA half of the time
    Rep("Magdalena Kamińska", 0.10, 2.2, 0.02, 0.0),  # speaks German: gets foreign leads
    Rep("Michał Lewandowski", 0.11, 3.0, 0.35, -0.3),  # rejects without saying why
    Rep("Agnieszka Zielińska", 0.08, 1.5, 0.02, 0.1),
    Rep("Krzysztof Szymański", 0.07, 3.5, 0.02, -0.2, "2025-09-01"),  # the new hire
)
FOREIGN_DESK = 4

REASONS = (
    "company too small",
    "student or researcher",
    "outside ICP industry",
    "not the decision maker",
    "no budget",
    "wrong timing / no project",
    "competitor",
    "duplicate",
    "bad contact data",
    "already a customer",
)
RECYCLABLE = np.array([r in ("no budget", "wrong timing / no project") for r in REASONS])
LOST_REASONS = ("price", "competitor", "no decision", "timing", "no budget")
# DOMAIN.md: why marketing or an SDR closes a lead before it reaches sales.
DISQUALIFICATION_REASONS = (
    "bad contact data",
    "no need",
    "unsubscribed",
    "abandoned",
    "competitor",
)
BAD_CONTACT, NO_NEED, UNSUBSCRIBED, ABANDONED, COMPETITOR = range(len(DISQUALIFICATION_REASONS))
# Who closes them: the SDRs who phone leads before handoff, and marketing's own clean-up.
DISQUALIFIED_BY = ("Ola Mazur (SDR)", "Jan Dąbrowski (SDR)", "Marketing operations")
# Lead statuses as a CRM keeps them; "unqualified" is sales' word for a rejected lead.
LEAD_STATUSES = ("new", "working", "qualified", "unqualified", "disqualified")


class Channel(NamedTuple):
    name: str
    share: float  # of leads
    intent_a: float  # purchase intent ~ Beta(a, b)
    intent_b: float
    students: float  # share of leads who are students
    acceptance_bias: float  # logit
    size_skew: float  # quantile exponent within companies: > 1 small ones, < 1 large ones


CHANNELS = (
    Channel("linkedin_ads", 0.21, 1.3, 5.0, 0.02, 0.0, 0.75),
    Channel("google_ads", 0.18, 1.4, 4.6, 0.04, 0.0, 1.2),
    Channel("content", 0.16, 0.9, 6.0, 0.09, -0.3, 1.35),
    Channel("cold_email", 0.13, 0.7, 6.5, 0.005, -0.3, 0.9),
    Channel("organic", 0.13, 1.3, 4.2, 0.07, 0.0, 1.3),
    Channel("referral", 0.06, 1.8, 3.6, 0.005, 0.4, 0.9),
    Channel("webinar", 0.08, 1.8, 4.2, 0.06, 0.2, 1.0),
    Channel("trade_fair", 0.05, 1.4, 4.0, 0.03, -0.1, 0.8),
)
CHANNEL_NAMES = tuple(c.name for c in CHANNELS)
LINKEDIN, GOOGLE, CONTENT, COLD, ORGANIC, REFERRAL, WEBINAR_CH, FAIR_CH = range(len(CHANNELS))

# Which touchpoint types a channel's campaign produces (a later touchpoint of such a type,
# while the lead's campaign still runs, is credited to it half of the time).
CAMPAIGN_TYPES = {
    LINKEDIN: (EBOOK, CASE_STUDY, DEMO, CONTACT),
    GOOGLE: (CONTACT, DEMO, ROI, PRICING, EBOOK),
    CONTENT: (EBOOK, CASE_STUDY),
    COLD: (EMAIL_OPEN, EMAIL_CLICK, COLD_REPLY),
    WEBINAR_CH: (WEBINAR,),
    FAIR_CH: (FAIR,),
}
CPL = {LINKEDIN: 220, GOOGLE: 120, CONTENT: 90, COLD: 80, WEBINAR_CH: 140, FAIR_CH: 550}

# Activity by hour of the day, for lead creation and touchpoints (office hours dominate).
HOUR_WEIGHTS = np.array(
    [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5]  # 0:00-7:59
    + [3, 5, 6, 6, 5, 5.5, 5.5, 5]  # 8:00-15:59
    + [4, 3, 2.5, 2.2, 2, 1.6, 1, 0.5]  # 16:00-23:59
)

# Trade fairs the company exhibited at: name, first day, last day, country, relative size.
TRADE_FAIRS = (
    ("Warsaw Industry Week 2024", "2024-11-19", "2024-11-21", "PL", 1.0),
    ("Hannover Messe 2025", "2025-03-31", "2025-04-04", "DE", 1.3),
    ("ITM Industry Europe 2025 – Poznań", "2025-06-03", "2025-06-06", "PL", 1.2),
    ("CRM & Sales Summit 2025 – Warszawa", "2025-09-23", "2025-09-24", "PL", 0.6),
    ("TransLogistica Poland 2025", "2025-11-04", "2025-11-06", "PL", 0.9),
    ("Hannover Messe 2026", "2026-04-20", "2026-04-24", "DE", 1.3),
    ("ITM Industry Europe 2026 – Poznań", "2026-06-09", "2026-06-12", "PL", 1.3),
    ("CRM & Sales Summit 2026 – Warszawa", "2026-09-22", "2026-09-23", "PL", 0.7),
    ("TransLogistica Poland 2026", "2026-11-03", "2026-11-05", "PL", 1.0),
)
ABM_TARGETS = ("Manufacturing", "Logistics", "IT & software", "Finance", "Professional services")
LEAD_GEN_PERSONAS = ("Sales directors", "Marketing managers", "CFOs", "Operations managers")
CONTENT_TOPICS = (
    "E-book: Lead scoring in practice",
    "Report: B2B sales in Poland 2025",
    "Checklist: the marketing–sales SLA",
    "Case studies: manufacturing",
    "E-book: CRM data hygiene",
    "Report: the B2B buyer journey 2026",
    "Template: ICP workshop",
    "E-book: Account-based marketing",
    "Guide: pipeline reviews that work",
)
COLD_SEGMENTS = (
    ("Manufacturing CFOs", "Manufacturing"),
    ("Logistics operations", "Logistics"),
    ("Software houses", "IT & software"),
    ("Finance & insurance", "Finance"),
    ("Consulting partners", "Professional services"),
)
WEBINAR_THEMES = (
    "Marketing & sales alignment",
    "Lead scoring that sales trusts",
    "From MQL to revenue",
    "Forecasting the pipeline",
)

JOB_TITLES = (
    ("CEO", "Prezes Zarządu", "CFO", "COO", "CTO", "Founder & CEO", "Właściciel", "CCO"),
    (
        "Sales Director",
        "Marketing Director",
        "Dyrektor Handlowy",
        "Dyrektor Marketingu",
        "Head of Sales",
        "Head of Marketing",
        "IT Director",
        "Operations Director",
    ),
    (
        "Sales Manager",
        "Marketing Manager",
        "Kierownik Sprzedaży",
        "Key Account Manager",
        "Product Manager",
        "E-commerce Manager",
        "IT Manager",
        "Demand Generation Manager",
    ),
    (
        "Marketing Specialist",
        "Specjalista ds. Marketingu",
        "Sales Representative",
        "Przedstawiciel Handlowy",
        "Account Executive",
        "Business Analyst",
        "Office Manager",
        "Asystentka Zarządu",
    ),
    ("Student", "Intern", "Stażysta", "PhD Candidate", "Research Assistant"),
)
# P(seniority | company-size band), for people who are not students.
SENIORITY_BY_SIZE = np.array(
    [
        [0.45, 0.10, 0.20, 0.25],
        [0.22, 0.18, 0.30, 0.30],
        [0.08, 0.20, 0.37, 0.35],
        [0.04, 0.17, 0.39, 0.40],
        [0.02, 0.14, 0.40, 0.44],
        [0.10, 0.15, 0.35, 0.40],
    ]
)
UNIVERSITIES = (
    "Uniwersytet Warszawski",
    "Politechnika Warszawska",
    "Uniwersytet Jagielloński",
    "AGH Kraków",
    "Politechnika Wrocławska",
    "Uniwersytet Ekonomiczny w Poznaniu",
    "SGH",
    "Politechnika Gdańska",
    "Uniwersytet Łódzki",
    "Akademia Leona Koźmińskiego",
)
NAME_STEMS = _words(
    "Agro Alfa Amber Atlas Baltic Bester Bio Bud Cargo Centro Cyber Delta Digi Eko Elektro "
    "Energo Euro Farm Ferro Flex Geo Global Hydro Impuls Info Inter Karpat Kom Krak Lech Logi "
    "Lux Mazo Med Mega Meta Metal Mikro Modus Nord Nova Omega Opti Orbis Pol Pomo Prima Pro "
    "Quattro Rad Sigma Silva Sile Sol Stal Star Sud Tech Term Tiger Trans Uni Vector Vis Wawel "
    "Warta Wis Zefir Zenit"
)
NAME_ENDINGS = _words(
    "bud chem data dom ex flow gaz lab line log mar mat med mex net pak plast pol port press "
    "serwis soft stal system tech tel tex trade trans tron wood x"
)
NAME_WORDS = ("",) + tuple(
    f" {w}"
    for w in _words(
        "Solutions Systems Polska Serwis Partners Technologies Group Invest Trade Service Centrum "
        "Studio Labs Design Development Plus Team Max Expert Forum Vision Concept Projekt Market "
        "Hub One Direct 24 Net Tech Pro"
    )
)
# Legal forms by country, for small and for large companies (250 employees and more).
LEGAL_FORMS = {
    "PL": ((" sp. z o.o.", " sp. j.", " s.c.", " sp.k.", ""), (" S.A.", " sp. z o.o.", " S.A.")),
    "DE": ((" GmbH", " GmbH & Co. KG", " e.K."), (" AG", " GmbH", " SE")),
    "CZ": ((" s.r.o.",), (" a.s.", " s.r.o.")),
    "SK": ((" s.r.o.",), (" a.s.", " s.r.o.")),
    "LT": ((" UAB", " MB"), (" AB", " UAB")),
    "GB": ((" Ltd",), (" plc", " Ltd")),
}
LARGE_COMPANY = 250


def _rng(seed: int, stream: str) -> np.random.Generator:
    # One independent stream per step, so changing one step leaves the others' draws alone.
    return np.random.default_rng([seed, zlib.crc32(stream.encode())])


def _pick(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One category per row of `weights` (rows × categories, each row with a positive sum)."""
    cum = np.cumsum(weights, axis=1)
    u = rng.random(len(weights)) * cum[:, -1]
    return (u[:, None] >= cum).sum(axis=1)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _seconds(day: np.ndarray | np.datetime64) -> np.ndarray:
    return np.asarray(day).astype("datetime64[s]").astype(np.int64)


def _uniforms(seed: int, stream: str, start: int, n: int) -> np.ndarray:
    """Numbers `start` to `start + n` of a stream of uniforms on [0, 1).

    Each takes one step of the generator, so jumping ahead to `start` gives the same numbers
    however the touchpoints are cut into chunks.
    """
    bits = np.random.PCG64(np.random.SeedSequence([seed, zlib.crc32(stream.encode())]))
    bits.advance(start)
    return np.random.Generator(bits).random(n)


def _hour_of_day(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds after midnight, busiest in office hours."""
    cum = np.cumsum(HOUR_WEIGHTS) / HOUR_WEIGHTS.sum()
    hour = np.minimum(np.searchsorted(cum, rng.random(n), side="right"), 23)
    return hour * HOUR + rng.integers(0, HOUR, n)


def _time_of_day(hour_u: np.ndarray, second_u: np.ndarray) -> np.ndarray:
    """As _hour_of_day, from two uniforms per row."""
    cum = np.cumsum(HOUR_WEIGHTS) / HOUR_WEIGHTS.sum()
    hour = np.minimum(np.searchsorted(cum, hour_u, side="right"), 23)
    return hour * HOUR + (second_u * HOUR).astype(np.int64)


def _spring_forward_hours() -> np.ndarray:
    """The start (local seconds) of each hour Europe/Warsaw's clocks skipped in the history:
    02:00 on the last Sunday of March."""
    starts = []
    for year in HOLIDAY_YEARS:
        last = date(year, 3, 31)
        sunday = last.replace(day=31 - (last.weekday() + 1) % 7)
        starts.append(int(np.datetime64(f"{sunday}T02:00", "s").astype(np.int64)))
    return np.array(starts, dtype=np.int64)


SPRING_FORWARD = _spring_forward_hours()


def _timestamps(seconds: np.ndarray) -> pa.Array:
    """Seconds since the epoch as the local times a clock in Warsaw shows; MISSING becomes
    null. A time drawn in the hour the clocks skip is an hour later, as the clock showed it:
    a local time that never happened is refused by the import (the import benchmark
    re-imports the demo's own export)."""
    seconds = seconds.copy()
    for start in SPRING_FORWARD:
        seconds[(seconds >= start) & (seconds < start + HOUR)] += HOUR
    return pa.array(seconds.view("datetime64[s]").astype("datetime64[us]"))


def _ids(prefix: str, first: int, stop: int, width: int = 7) -> pa.Array:
    """'L0000001', 'L0000002', ... (numbers first to stop - 1) built in Arrow, not in Python."""
    numbers = pc.cast(pa.array(np.arange(first, stop)), pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(numbers, width, "0"), "")


def _id_width(n_leads: int) -> int:
    # Seven digits as always; an eighth from ten million leads on, so ids still sort as numbers.
    return max(7, len(str(n_leads)))


def _labels(codes: np.ndarray, names: tuple[str, ...] | pa.Array) -> pa.Array:
    """Strings for category codes; a negative code is null."""
    codes = np.asarray(codes)
    return pc.take(pa.array(names, pa.string()), pa.array(codes, mask=codes < 0))


class _Calendar:
    """Days of the history, public holidays and the SLA's business-hours clock."""

    def __init__(self) -> None:
        self.holidays = polish_public_holidays(HOLIDAY_YEARS)
        holiday_days = np.array([d for d, _ in self.holidays], dtype="datetime64[D]")
        self.days = np.arange(FIRST_DAY, LAST_DAY + 1)
        self.weekday = (self.days.astype(np.int64) + 3) % 7  # 0 = Monday
        self.month = self.days.astype("datetime64[M]").astype(np.int64) % 12 + 1
        self.day_of_month = (self.days - self.days.astype("datetime64[M]")).astype(np.int64) + 1
        self.is_holiday = np.isin(self.days, holiday_days)
        self.day_start = _seconds(self.days)
        # Working days and the business seconds elapsed before each of them.
        grid = np.arange(FIRST_DAY, CALENDAR_END)
        working = ((grid.astype(np.int64) + 3) % 7 < 5) & ~np.isin(grid, holiday_days)
        self.work_start = _seconds(grid[working]) + WORKDAY_START_H * HOUR
        self.business_before = np.arange(working.sum(), dtype=np.int64) * BUSINESS_DAY

    def business_time(self, t: np.ndarray) -> np.ndarray:
        """Business seconds elapsed from the start of the grid to clock time `t`."""
        k = np.searchsorted(self.work_start, t, side="right") - 1
        inside = np.clip(t - self.work_start[np.maximum(k, 0)], 0, BUSINESS_DAY)
        return np.where(k < 0, 0, self.business_before[np.maximum(k, 0)] + inside)

    def clock_time(self, b: np.ndarray) -> np.ndarray:
        """The clock time at which `b` business seconds have elapsed (inverse of the above)."""
        k = np.clip(np.searchsorted(self.business_before, b, side="left") - 1, 0, None)
        return self.work_start[k] + (b - self.business_before[k])

    def after_business_hours(self, t: np.ndarray, hours: np.ndarray) -> np.ndarray:
        """`t` plus `hours` of business time, skipping nights, weekends and holidays."""
        # At least a second: zero business time after 17:00 would map back to 17:00 that day.
        seconds = np.maximum(np.round(hours * HOUR).astype(np.int64), 1)
        return self.clock_time(self.business_time(t) + seconds)


def _quarters() -> list[tuple[int, int, np.datetime64, np.datetime64]]:
    """(year, quarter, first day, last day) of every quarter of the history, clipped to it."""
    out = []
    month = np.datetime64("2024-10", "M")
    while month <= LAST_DAY.astype("datetime64[M]"):
        year, quarter = int(str(month)[:4]), int(month.astype(np.int64) % 12) // 3 + 1
        first = max(month.astype("datetime64[D]"), FIRST_DAY)
        last = min((month + 3).astype("datetime64[D]") - 1, LAST_DAY)
        out.append((year, quarter, first, last))
        month += 3
    return out


@dataclass
class Campaign:
    name: str
    channel: int
    first: np.datetime64  # first and last day it ran
    last: np.datetime64
    weight: float  # its share of the channel's leads while it runs (a fair: its size)
    industry: int  # the industry it targets, or -1
    cpl: float  # cost per lead relative to the channel's
    country: str | None  # where a trade fair takes place
    id: str = ""


def _campaign_plan() -> list[Campaign]:
    """Every campaign of the history, built from the calendar (no randomness)."""
    plan: list[Campaign] = []

    def add(name, channel, first, last, weight=1.0, industry=None, cpl=1.0, country=None):
        target = -1 if industry is None else INDUSTRY_NAMES.index(industry)
        days = np.datetime64(first, "D"), np.datetime64(last, "D")
        plan.append(Campaign(name, channel, *days, weight, target, cpl, country))

    quarters = _quarters()
    for i, (year, q, first, last) in enumerate(quarters):
        label = f"Q{q} {year}"
        target = ABM_TARGETS[i % len(ABM_TARGETS)]
        add(f"LinkedIn ABM – {target} {label}", LINKEDIN, first, last, 0.45, target, 1.25)
        persona = LEAD_GEN_PERSONAS[i % len(LEAD_GEN_PERSONAS)]
        add(f"LinkedIn Lead Gen – {persona} {label}", LINKEDIN, first, last, 0.55)
        segment, industry = COLD_SEGMENTS[i % len(COLD_SEGMENTS)]
        add(f"Cold outreach – {segment} {label}", COLD, first, last, 1.0, industry)
        theme = WEBINAR_THEMES[i % len(WEBINAR_THEMES)]
        add(f"Webinar series {label} – {theme}", WEBINAR_CH, first, last)
        # Content is promoted for two quarters, so two offers overlap.
        content_last = quarters[min(i + 1, len(quarters) - 1)][3]
        topic = CONTENT_TOPICS[i % len(CONTENT_TOPICS)]
        add(f"Content syndication – {topic}", CONTENT, first, content_last)
    for start, end, half in (
        ("2024-11-01", "2024-12-31", "H2 2024"),
        ("2025-01-01", "2025-06-30", "H1 2025"),
        ("2025-07-01", "2025-12-31", "H2 2025"),
        ("2026-01-01", "2026-06-30", "H1 2026"),
        ("2026-07-01", str(LAST_DAY), "H2 2026"),
    ):
        add(f"Google Search – brand {half}", GOOGLE, start, end, 0.3, cpl=0.6)
        add(f"Google Search – lead scoring software {half}", GOOGLE, start, end, 0.45, cpl=1.15)
        add(f"Google Display – remarketing {half}", GOOGLE, start, end, 0.25)
    for name, start, end, country, size in TRADE_FAIRS:
        add(name, FAIR_CH, start, end, size, country=country)
    plan.sort(key=lambda c: (c.first, c.channel, c.name))
    for i, campaign in enumerate(plan):
        campaign.id = f"C{i + 1:03d}"
    return plan


def _webinar_sessions(cal: _Calendar) -> np.ndarray:
    """Webinar start times: every other Thursday at 10:00, none in summer or at Christmas."""
    thursdays = cal.days[(cal.weekday == 3)][::2]
    idx = np.searchsorted(cal.days, thursdays)
    m, d = cal.month[idx], cal.day_of_month[idx]
    off = (m == 8) | ((m == 7) & (d >= 15)) | ((m == 12) & (d >= 15)) | ((m == 1) & (d <= 7))
    keep = ~off & ~cal.is_holiday[idx]
    return cal.day_start[idx[keep]] + 10 * HOUR


def _daily_volume(cal: _Calendar) -> np.ndarray:
    """Relative lead volume per day: growth, seasonality and the working week."""
    growth = 0.88 + 0.27 * np.arange(len(cal.days)) / (len(cal.days) - 1)
    by_month = np.array([1.0, 1.05, 1.1, 1.0, 0.95, 0.95, 0.85, 0.62, 1.1, 1.12, 1.05, 0.95])
    season = by_month[cal.month - 1]
    season = np.where((cal.month == 12) & (cal.day_of_month >= 16), 0.4, season)
    season = np.where((cal.month == 1) & (cal.day_of_month <= 6), 0.6, season)
    season = np.where((cal.month == 5) & (cal.day_of_month <= 3), 0.5, season)  # the long weekend
    week = np.array([1.05, 1.1, 1.05, 1.0, 0.8, 0.22, 0.18])[cal.weekday]
    week = np.where(cal.is_holiday, 0.22, week)
    return growth * season * week


def _channel_day_weights(
    cal: _Calendar, plan: list[Campaign], sessions: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """P(day, channel) of a lead, and per channel the campaigns and their weights per day."""
    n_days = len(cal.days)
    base = _daily_volume(cal)
    frac = np.arange(n_days) / (n_days - 1)
    weekend = (cal.weekday >= 5) | cal.is_holiday
    pattern = np.empty((n_days, len(CHANNELS)))
    pattern[:, LINKEDIN] = base * (0.8 + 0.4 * frac)  # budget moved to LinkedIn over time
    pattern[:, GOOGLE] = base
    pattern[:, CONTENT] = base * np.where(weekend, 1.6, 1.0)
    pattern[:, COLD] = base * (1.2 - 0.4 * frac) * np.where(weekend, 0.25, 1.0)
    pattern[:, ORGANIC] = base * np.where(weekend, 1.8, 1.0)
    pattern[:, REFERRAL] = base
    session_days = np.searchsorted(cal.day_start, sessions, side="right") - 1
    pattern[:, WEBINAR_CH] = 0.0
    pattern[session_days, WEBINAR_CH] = 0.88 + 0.27 * frac[session_days]
    pattern[:, FAIR_CH] = 0.0
    campaigns: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for channel in range(len(CHANNELS)):
        ids = np.array([i for i, c in enumerate(plan) if c.channel == channel], dtype=np.int64)
        w = np.zeros((n_days, len(ids)))
        for k, i in enumerate(ids):
            first, last = np.searchsorted(cal.days, [plan[i].first, plan[i].last])
            span = slice(first, last + 1)
            if channel == FAIR_CH:
                w[span, k] = 1.0
                pattern[span, FAIR_CH] += plan[i].weight / (last + 1 - first)
            else:
                w[span, k] = plan[i].weight
        campaigns.append(ids)
        weights.append(w)
    shares = np.array([c.share for c in CHANNELS])
    p = pattern / pattern.sum(axis=0) * shares
    return p / p.sum(), campaigns, weights


def _company_pool(rng: np.random.Generator, n: int) -> dict[str, np.ndarray | pa.Array]:
    """Companies the leads work for, sorted by (country, industry, size)."""
    n_blocks = len(COUNTRIES) * len(INDUSTRIES)
    # One company in every (country, industry) block, so that every lead finds an employer.
    country = np.concatenate(
        [np.repeat(np.arange(len(COUNTRIES)), len(INDUSTRIES)), rng.choice(6, n, p=COUNTRY_SHARE)]
    )
    industry = np.concatenate(
        [
            np.tile(np.arange(len(INDUSTRIES)), len(COUNTRIES)),
            rng.choice(len(INDUSTRIES), n, p=INDUSTRY_SHARE),
        ]
    )
    size = np.clip(np.round(rng.lognormal(np.log(40), 1.6, len(country))), 1, 60_000)
    order = np.lexsort((size, industry, country))
    country, industry, size = country[order], industry[order], size[order].astype(np.int32)
    block = country * len(INDUSTRIES) + industry
    block_count = np.bincount(block, minlength=n_blocks)
    block_start = np.concatenate([[0], np.cumsum(block_count)[:-1]])
    # Names: stem + ending + an optional word + the country's legal form.
    m = len(country)
    stems, endings, words = len(NAME_STEMS), len(NAME_ENDINGS), len(NAME_WORDS)
    combos = stems * endings * words
    pick = rng.choice(combos, m, replace=m > combos)
    stem, rest = np.divmod(pick, endings * words)
    ending, word = np.divmod(rest, words)
    form = np.zeros(m, dtype=np.int64)
    forms: list[str] = []
    for c, code in enumerate(COUNTRIES):
        for large, choices in enumerate(LEGAL_FORMS[code]):
            here = (country == c) & ((size >= LARGE_COMPANY) == bool(large))
            form[here] = len(forms) + rng.integers(0, len(choices), here.sum())
            forms += choices
    name = pc.binary_join_element_wise(
        _labels(stem, NAME_STEMS),
        _labels(ending, NAME_ENDINGS),
        _labels(word, NAME_WORDS),
        _labels(form, tuple(forms)),
        "",
    )
    return {
        "country": country,
        "industry": industry,
        "size": size,
        "name": name,
        "block_start": block_start,
        "block_count": block_count,
    }


def _leads(
    seed: int, n: int, cal: _Calendar, plan: list[Campaign], sessions: np.ndarray
) -> dict[str, np.ndarray | pa.Array]:
    """Who the leads are and when they came in; their hidden intent and fit."""
    rng = _rng(seed, "leads")
    p, campaigns, camp_weights = _channel_day_weights(cal, plan, sessions)
    cells = np.repeat(np.arange(p.size), rng.multinomial(n, p.ravel()))
    day, channel = np.divmod(cells, len(CHANNELS))
    created = cal.day_start[day] + _hour_of_day(rng, n)
    webinar = channel == WEBINAR_CH
    session = np.searchsorted(sessions, cal.day_start[day[webinar]])
    created[webinar] = sessions[session] + rng.integers(0, 20 * 60, webinar.sum())
    fair = channel == FAIR_CH
    created[fair] = cal.day_start[day[fair]] + 9 * HOUR + rng.integers(0, 8 * HOUR, fair.sum())
    order = np.argsort(created, kind="stable")
    created, day, channel = created[order], day[order], channel[order]

    campaign = np.full(n, -1, dtype=np.int64)
    for c in range(len(CHANNELS)):
        rows = np.flatnonzero(channel == c)
        if len(campaigns[c]) and len(rows):
            campaign[rows] = campaigns[c][_pick(rng, camp_weights[c][day[rows]])]
    camp_industry = np.array([c.industry for c in plan] + [-1])[campaign]
    camp_germany = np.array([c.country == "DE" for c in plan] + [False])[campaign]

    student = rng.random(n) < np.array([c.students for c in CHANNELS])[channel]
    country = rng.choice(len(COUNTRIES), n, p=COUNTRY_SHARE)
    country[channel == COLD] = 0  # cold outreach goes to Polish lists only
    germans = camp_germany & (rng.random(n) < 0.6)
    country[germans] = DE
    industry = rng.choice(len(INDUSTRIES), n, p=INDUSTRY_SHARE)
    targeted = (camp_industry >= 0) & (rng.random(n) < 0.6)
    industry[targeted] = camp_industry[targeted]

    pool = _company_pool(_rng(seed, "companies"), max(500, n * 3 // 5))
    block = country * len(INDUSTRIES) + industry
    quantile = rng.random(n) ** np.array([c.size_skew for c in CHANNELS])[channel]
    company = pool["block_start"][block] + (quantile * pool["block_count"][block]).astype(np.int64)
    size = pool["size"][company].copy()
    size[rng.random(n) < 0.03] = 0  # not filled in
    industry[rng.random(n) < 0.02] = -1
    company_name = pc.take(pool["name"], pa.array(company))

    # Students: a university or nothing as the company, size unknown or "1".
    n_students = int(student.sum())
    uni = rng.integers(0, len(UNIVERSITIES), n_students)
    has_uni = rng.random(n_students) < 0.6
    student_company = _labels(np.where(has_uni, uni, -1), UNIVERSITIES)
    company_name = pc.replace_with_mask(
        company_name, pa.array(student), student_company.cast(pa.string())
    )
    size[student] = np.where(rng.random(n_students) < 0.3, 1, 0)
    industry[student] = np.where(has_uni, EDUCATION, -1)

    band = np.where(size > 0, np.searchsorted(SIZE_EDGES, size, side="right"), 5)
    seniority = _pick(rng, SENIORITY_BY_SIZE[band])
    seniority[student] = STUDENT
    title_counts = np.array([len(t) for t in JOB_TITLES])
    title_offset = np.concatenate([[0], np.cumsum(title_counts)[:-1]])
    title = title_offset[seniority] + (rng.random(n) * title_counts[seniority]).astype(np.int64)
    title[(rng.random(n) < 0.03) & ~student] = -1

    fit = SIZE_FIT[band] + INDUSTRY_FIT[industry] + SENIORITY_FIT[seniority]
    fit_points = SIZE_POINTS[band] + INDUSTRY_POINTS[industry] + SENIORITY_POINTS[seniority]
    a, b = np.array([(c.intent_a, c.intent_b) for c in CHANNELS]).T
    intent = rng.beta(a[channel], b[channel])
    intent[student] *= 0.3
    return {
        "created": created,
        "channel": channel,
        "campaign": campaign,
        "company": company,
        "company_name": company_name,
        "country": country,
        "industry": industry,
        "size": size,
        "band": band,
        "seniority": seniority,
        "title": title,
        "student": student,
        "intent": intent,
        "fit": fit,
        "fit_points": fit_points,
    }


def _first_touch(rng: np.random.Generator, channel: np.ndarray, intent: np.ndarray) -> np.ndarray:
    """The touchpoint that created the lead: what the channel offers, demos for the keen."""
    n = len(channel)
    w = np.zeros((n, len(TOUCHPOINT_TYPES)))
    i, i2 = intent, intent**2

    def on(c, t, weight):
        rows = channel == c
        w[rows, t] = weight[rows] if isinstance(weight, np.ndarray) else weight

    on(LINKEDIN, EBOOK, 0.55)
    on(LINKEDIN, CASE_STUDY, 0.15)
    on(LINKEDIN, DEMO, 0.03 + 0.6 * i2)
    on(LINKEDIN, CONTACT, 0.05 + 0.25 * i)
    on(GOOGLE, CONTACT, 0.08 + 0.5 * i)
    on(GOOGLE, DEMO, 0.02 + 0.6 * i2)
    on(GOOGLE, EBOOK, 0.5)
    on(GOOGLE, ROI, 0.05 + 0.4 * i2)
    on(CONTENT, EBOOK, 0.7)
    on(CONTENT, CASE_STUDY, 0.3)
    on(COLD, COLD_REPLY, 1.0)
    on(ORGANIC, NEWSLETTER, 0.5)
    on(ORGANIC, EBOOK, 0.3)
    on(ORGANIC, CONTACT, 0.05 + 0.25 * i)
    on(ORGANIC, DEMO, 0.02 + 0.4 * i2)
    on(ORGANIC, ROI, 0.03 + 0.2 * i2)
    on(REFERRAL, CONTACT, 0.6)
    on(REFERRAL, DEMO, 0.1 + 0.5 * i2)
    on(WEBINAR_CH, WEBINAR, 1.0)
    on(FAIR_CH, FAIR, 1.0)
    return _pick(rng, w)


class _Touches(NamedTuple):
    """What is drawn per lead before any touchpoint is placed in time."""

    first_type: np.ndarray  # the touchpoint that created the lead
    counts: np.ndarray  # later touchpoints per lead and type (leads × types, uint8)
    span: np.ndarray  # days over which they are spread
    drawn_before: np.ndarray  # later touchpoints drawn for the leads before each (n + 1)


def _touch_counts(seed: int, leads: dict) -> _Touches:
    """How many touchpoints of each type every lead gets: intent drives the strong signals."""
    rng = _rng(seed, "touchpoints")
    n = len(leads["created"])
    intent, channel = leads["intent"], leads["channel"]
    first_type = _first_touch(rng, channel, intent)

    # Expected later touchpoints per type: e-mail noise for everyone, strong signals with intent.
    base = np.array([16.5, 1.5, 0.12, 0.15, 0.04, 0.03, 0.05, 0.008, 0.003, 0.008, 0.005, 0.0])
    slope = np.array([4.0, 2.0, 0.1, 0.5, 0.5, 0.5, 2.5, 1.5, 1.2, 0.8, 0.04, 0.0])
    power = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.5, 3.0, 2.5, 1.0, 1.0])
    # Students read and download everything, and never ask for a price.
    student_factor = np.array([1, 1, 2, 3, 3, 3, 0.5, 0.5, 0.2, 0.3, 1, 1])
    activity = rng.lognormal(-0.06, 0.35, n)  # some people simply do more (mean 1)
    # E-mail opens are the bulk of the touchpoints and mostly noise (keen readers open a bit more).
    reader = rng.lognormal(-0.06 + 0.5 * (intent - 0.2), 0.35)  # mean about 1
    cap = np.array([200, 60, 1, 5, 5, 6, 12, 3, 2, 2, 2, 3])
    counts = np.empty((n, len(TOUCHPOINT_TYPES)), dtype=np.uint8)
    # In slices of leads, to hold a slice's rates rather than all of them: the Poisson draws
    # take the generator's steps in the same order, so the counts do not depend on the slices.
    for a in range(0, n, 1 << 18):
        rows = slice(a, min(a + (1 << 18), n))
        lam = base + slope * intent[rows, None] ** power
        lam[channel[rows] == COLD, COLD_REPLY] = 0.3
        lam[leads["student"][rows]] *= student_factor
        lam *= activity[rows, None]
        lam[:, EMAIL_OPEN] *= reader[rows]
        lam[:, EMAIL_CLICK] *= np.sqrt(reader[rows])
        counts[rows] = np.minimum(rng.poisson(lam), cap)
    # When: spread over an engagement span; newsletter sign-ups early, demo requests late.
    span = np.clip(rng.lognormal(np.log(60), 0.8, n) * (1.2 - 0.6 * intent), 5, 600)
    drawn = np.concatenate([[0], np.cumsum(counts.sum(axis=1, dtype=np.int64))])
    return _Touches(first_type, counts, span, drawn)


def _touchpoints(
    seed: int,
    leads: dict,
    touches: _Touches,
    leads_from: int,
    leads_to: int,
    kept_before: int,
    cal: _Calendar,
    plan: list[Campaign],
    sessions: np.ndarray,
) -> dict[str, np.ndarray]:
    """The touchpoints up to AS_OF of leads leads_from to leads_to - 1, sorted by (lead, time).

    Every random number of a touchpoint comes from its own place in a stream (`_uniforms`):
    the place of its draw among all leads' drawn touchpoints, or, once censored at AS_OF,
    its place among all kept ones (`kept_before` are in earlier chunks). So the touchpoints do
    not depend on where the chunks begin.
    """
    a, b = leads_from, leads_to
    n = b - a
    intent, created = leads["intent"], leads["created"]
    counts = touches.counts[a:b]
    lead = np.repeat(np.arange(a, b, dtype=np.int32), counts.sum(axis=1, dtype=np.int64))
    kind = np.repeat(np.tile(np.arange(len(TOUCHPOINT_TYPES), dtype=np.int8), n), counts.ravel())
    drawn, m = int(touches.drawn_before[a]), len(lead)

    def uniforms(stream: str) -> np.ndarray:
        return _uniforms(seed, stream, drawn, m)

    lateness = np.array([1.0, 1.0, 2.5, 1.3, 0.9, 1.0, 0.8, 0.7, 0.6, 0.7, 1.0, 3.0])
    offset = touches.span[lead] * uniforms("touchpoint day") ** lateness[kind]
    day = created[lead] // DAY + offset.astype(np.int64)
    del offset
    weekday = (day + 3) % 7
    moved = uniforms("touchpoint weekday") < 0.7  # B2B people mostly act on working days
    day += np.where(moved & (weekday == 5), 2, 0) + np.where(moved & (weekday == 6), 1, 0)
    t = day * DAY + _time_of_day(uniforms("touchpoint hour"), uniforms("touchpoint second"))
    del day, weekday, moved
    soon = created[lead] + 60 + (uniforms("touchpoint soon") * (2 * HOUR)).astype(np.int64)
    np.maximum(t, soon, out=t)
    del soon
    # Webinars and trade fairs only happen on their dates: move to the next one.
    snap = uniforms("touchpoint session")
    for k, starts, length in ((WEBINAR, sessions, 15 * 60), (FAIR, _fair_starts(), 8 * HOUR)):
        rows = np.flatnonzero(kind == k)
        nxt = np.searchsorted(starts, t[rows])
        later = (snap[rows] * length).astype(np.int64)
        snapped = starts[np.minimum(nxt, len(starts) - 1)] + later
        t[rows] = np.where(nxt < len(starts), snapped, T_AS_OF)  # none left: censored below
    del snap
    keep = t < T_AS_OF
    lead, kind, t = lead[keep], kind[keep], t[keep]

    # Sort by (lead, time) with one int64 key; the lead's first touchpoint is at created_at.
    key = (lead - a).astype(np.int64) << 40
    key |= (t - T0) << 4
    key |= kind
    del lead, kind, t, keep
    first = (np.arange(n, dtype=np.int64) << 40) | ((created[a:b] - T0) << 4)
    first |= touches.first_type[a:b]
    key = np.sort(np.concatenate([key, first]))
    del first
    lead = (key >> 40).astype(np.int32) + np.int32(a)
    t_rel = (key >> 4) & ((1 << 36) - 1)
    kind = (key & 15).astype(np.int8)
    del key
    # No two touchpoints of a lead at the same second: the score is defined touchpoint by
    # touchpoint. t' = max(t, t'_previous + 1), as a running maximum within each lead.
    pos = np.arange(len(lead), dtype=np.int64)
    lift = lead.astype(np.int64) << 32
    t_rel -= pos
    t_rel += lift
    np.maximum.accumulate(t_rel, out=t_rel)
    t_rel -= lift
    t_rel += pos
    del lift, pos
    t = t_rel + T0
    del t_rel
    keep = t < T_AS_OF
    if not keep.all():
        lead, kind, t = lead[keep], kind[keep], t[keep]
    del keep
    per_lead = np.bincount(lead - a, minlength=n)
    start = np.concatenate([[0], np.cumsum(per_lead)[:-1]])

    # Campaign credit.
    campaign = np.full(len(t), -1, dtype=np.int16)
    lead_campaign = leads["campaign"]
    campaign[start] = lead_campaign[a:b]
    camp_channel = np.array([c.channel for c in plan])
    camp_end = np.array([_seconds(c.last) + DAY for c in plan])
    produces = np.zeros((len(CHANNELS), len(TOUCHPOINT_TYPES)), dtype=bool)
    for c, types in CAMPAIGN_TYPES.items():
        produces[c, list(types)] = True
    lc = lead_campaign[lead]
    has = lc >= 0
    lc = np.maximum(lc, 0)
    credited = has & produces[camp_channel[lc], kind] & (t < camp_end[lc])
    credited &= _uniforms(seed, "touchpoint credit", kept_before, len(t)) < 0.5
    credited[start] = False
    campaign[credited] = lc[credited]
    del lc, has, credited
    day_idx = np.clip((t - T0) // DAY, 0, len(cal.days) - 1)
    for k, ch in ((WEBINAR, WEBINAR_CH), (FAIR, FAIR_CH)):
        by_day = np.full(len(cal.days), -1, dtype=np.int16)
        for i, running in enumerate(plan):
            if running.channel == ch:
                first, last = np.searchsorted(cal.days, [running.first, running.last])
                by_day[first : last + 1] = i
        rows = np.flatnonzero(kind == k)
        campaign[rows] = by_day[day_idx[rows]]
    del day_idx

    webinar = np.flatnonzero(kind == WEBINAR)
    z = ndtri(_uniforms(seed, "webinar minutes", kept_before, len(t))[webinar])
    minutes = np.clip(np.round(18 + 40 * intent[lead[webinar]] + 12 * z), 2, 60)
    return {
        "lead": lead,
        "time": t,
        "kind": kind,
        "campaign": campaign,
        "webinar_rows": webinar,
        "minutes": minutes,
        "per_lead": per_lead,
    }


def _fair_starts() -> np.ndarray:
    days = np.concatenate(
        [np.arange(np.datetime64(a), np.datetime64(b) + 1) for _, a, b, _, _ in TRADE_FAIRS]
    )
    return _seconds(days) + 9 * HOUR


def replay_mql(
    lead: np.ndarray,
    time: np.ndarray,
    kind: np.ndarray,
    fit_points: np.ndarray,
    per_lead: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Replay the scoring rules over touchpoints sorted by (lead, time).

    Returns the leads that became MQLs, when (the first touchpoint at which fit points plus
    cumulative touchpoint points reach the threshold in effect at that moment) and their score.
    """
    points = TOUCHPOINT_POINTS[kind]
    cum = np.cumsum(points)
    start = np.concatenate([[0], np.cumsum(per_lead)[:-1]])
    before = np.repeat(cum[start] - points[start], per_lead)
    score = cum - before + fit_points[lead]
    threshold = np.full(len(time), THRESHOLDS[0][1])
    for valid_from, value in THRESHOLDS[1:]:
        threshold[time >= _seconds(np.datetime64(valid_from))] = value
    hit = np.flatnonzero(score >= threshold)
    first_of_lead = np.ones(len(hit), dtype=bool)
    first_of_lead[1:] = lead[hit][1:] != lead[hit][:-1]
    first = hit[first_of_lead]
    return lead[first], time[first], score[first]


def _sales(seed: int, leads: dict, mql: tuple, cal: _Calendar) -> dict[str, np.ndarray]:
    """Handoff, first response, decision, rejection reason and recycling for every MQL."""
    rng = _rng(seed, "sales")
    n = len(leads["created"])
    who, mql_at, score = mql
    m = len(who)
    out = {
        "mql_at": np.full(n, MISSING),
        "score": np.full(n, -1, dtype=np.int64),
        "owner": np.full(n, -1, dtype=np.int64),
        "handoff_at": np.full(n, MISSING),
        "first_response_at": np.full(n, MISSING),
        "accepted_at": np.full(n, MISSING),
        "rejected_at": np.full(n, MISSING),
        "reason": np.full(n, -1, dtype=np.int64),
        "recycled_at": np.full(n, MISSING),
    }
    out["mql_at"][who] = mql_at

    handoff = mql_at + np.maximum(60, np.round(rng.lognormal(np.log(25 * 60), 1.0, m)))
    handed = (rng.random(m) < 0.97) & (handoff < T_AS_OF)
    who, handoff, score = who[handed], handoff[handed].astype(np.int64), score[handed]
    m = len(who)
    workload = np.tile([r.workload for r in REPS], (m, 1))
    for k, rep in enumerate(REPS):
        workload[handoff < _seconds(np.datetime64(rep.starts)), k] = 0.0
    foreign = leads["country"][who] != 0
    workload[foreign, FOREIGN_DESK] *= 8
    owner = _pick(rng, workload)
    out["owner"][who] = owner
    out["handoff_at"][who] = handoff
    out["score"][who] = score

    median_response = np.array([r.response_hours for r in REPS])[owner]
    delay = rng.lognormal(np.log(median_response), 1.0)
    response = cal.after_business_hours(handoff, delay)
    ignored = rng.random(m) < np.where(median_response > 5, 0.03, 0.005)  # never called back
    responded = ~ignored & (response < T_AS_OF)
    out["first_response_at"][who[responded]] = response[responded]

    decision = cal.after_business_hours(response, rng.lognormal(np.log(5.0), 1.1, m))
    decided = responded & (decision < T_AS_OF)
    intent, fit = leads["intent"][who], leads["fit"][who]
    channel_bias = np.array([c.acceptance_bias for c in CHANNELS])[leads["channel"][who]]
    rep_bias = np.array([r.acceptance_bias for r in REPS])[owner]
    accept = rng.random(m) < _sigmoid(-3.1 + 3.5 * intent + 1.3 * fit + channel_bias + rep_bias)
    accepted = decided & accept
    rejected = decided & ~accept
    out["accepted_at"][who[accepted]] = decision[accepted]
    out["rejected_at"][who[rejected]] = decision[rejected]

    # The reason fits the lead: students are students, small companies are too small...
    r = np.flatnonzero(rejected)
    lw = {k: v[who[r]] for k, v in leads.items() if isinstance(v, np.ndarray)}
    size, band, sen = lw["size"], lw["band"], lw["seniority"]
    ind_fit = INDUSTRY_FIT[lw["industry"]]
    several = np.bincount(leads["company"], minlength=leads["company"].max() + 1)
    w = np.empty((len(r), len(REASONS)))
    w[:, 0] = np.select([band == 0, band == 1, band == 5], [3.0, 1.0, 0.3], 0.04)
    w[:, 1] = np.where(sen == STUDENT, 25.0, 0.01)
    w[:, 2] = np.select([ind_fit <= -0.3, ind_fit < 0], [2.0, 0.8], 0.05)
    w[:, 3] = np.select([sen == 3, sen == 2], [1.8, 0.5], 0.08)
    w[:, 4] = 0.4 + 1.0 * (1 - lw["intent"]) + np.where((size > 0) & (size < 50), 0.5, 0.0)
    w[:, 5] = 0.5 + 1.2 * (1 - lw["intent"])
    w[:, 6] = 0.15 + np.where(lw["industry"] == 0, 0.2, 0.0)
    w[:, 7] = np.where(several[lw["company"]] > 1, 0.5, 0.08)
    w[:, 8] = np.where(np.isin(lw["channel"], [FAIR_CH, COLD]), 0.45, 0.1)
    w[:, 9] = np.where(lw["channel"] == REFERRAL, 0.3, 0.06)
    reason = _pick(rng, w)
    silent = np.array([rep.silent for rep in REPS])[owner[r]]
    reason[rng.random(len(r)) < silent] = -1
    out["reason"][who[r]] = reason
    recycle_at = cal.after_business_hours(decision[r], rng.uniform(3, 10, len(r)) * 5 * 8)
    recycled = (reason >= 0) & RECYCLABLE[np.maximum(reason, 0)] & (rng.random(len(r)) < 0.25)
    recycled &= recycle_at < T_AS_OF
    out["recycled_at"][who[r[recycled]]] = recycle_at[recycled]
    return out


def _disqualifications(
    seed: int, leads: dict, sales: dict, cal: _Calendar
) -> dict[str, np.ndarray]:
    """Leads closed before handoff, with reason and who closed them, and every lead's status.
    Only leads never handed off are disqualified (its own random stream: the funnel's other
    numbers stay as they were). About one in seven leads: more of the cold ones, and most of
    the MQLs that never reached sales (the SDR's call found nothing there)."""
    rng = _rng(seed, "disqualify")
    n = len(leads["created"])
    out = {
        "disqualified_at": np.full(n, MISSING),
        "reason": np.full(n, -1, dtype=np.int64),
        "by": np.full(n, -1, dtype=np.int64),
    }
    not_handed = sales["handoff_at"] == MISSING
    was_mql = sales["mql_at"] != MISSING
    chance = np.where(was_mql, 0.7, 0.06 + 0.14 * (1 - leads["intent"]))
    since = np.where(was_mql, sales["mql_at"], leads["created"])
    # Business hours until it is closed: two days after an MQL, a week for a cold lead.
    when = cal.after_business_hours(since, rng.lognormal(np.log(np.where(was_mql, 16, 40)), 0.8))
    closed = not_handed & (rng.random(n) < chance) & (when < T_AS_OF)
    who = np.flatnonzero(closed)
    channel = leads["channel"][who]
    w = np.empty((len(who), len(DISQUALIFICATION_REASONS)))
    w[:, BAD_CONTACT] = np.where(np.isin(channel, [FAIR_CH, COLD]), 2.0, 0.6)
    w[:, NO_NEED] = 0.5 + 1.5 * (1 - leads["intent"][who])
    w[:, UNSUBSCRIBED] = np.where(np.isin(channel, [CONTENT, WEBINAR_CH]), 1.2, 0.4)
    w[:, ABANDONED] = np.where(was_mql[who], 0.3, 1.0)
    w[:, COMPETITOR] = 0.15
    out["disqualified_at"][who] = when[closed]
    out["reason"][who] = _pick(rng, w)
    # SDRs call the MQLs; marketing's clean-up closes the rest as often as the SDRs do.
    sdr = rng.integers(0, 2, len(who))
    out["by"][who] = np.where(was_mql[who] | (rng.random(len(who)) < 0.5), sdr, 2)
    status = np.zeros(n, dtype=np.int64)  # new
    status[~not_handed] = 1  # working: with sales, not decided
    status[sales["accepted_at"] != MISSING] = 2
    status[sales["rejected_at"] != MISSING] = 3
    status[closed] = 4
    out["status"] = status
    return out


def _deals(seed: int, leads: dict, sales: dict, cal: _Calendar) -> dict[str, np.ndarray]:
    """Deals of SQLs: created after acceptance, won or lost 20-150 days later, or still open."""
    rng = _rng(seed, "deals")
    sql = np.flatnonzero(sales["accepted_at"] != MISSING)
    intent, fit, size = leads["intent"][sql], leads["fit"][sql], leads["size"][sql]
    m = len(sql)
    created = cal.after_business_hours(sales["accepted_at"][sql], rng.lognormal(np.log(16), 0.9, m))
    has_deal = (rng.random(m) < _sigmoid(-0.6 + 2.0 * intent + 0.4 * fit)) & (created < T_AS_OF)
    won = rng.random(m) < _sigmoid(-2.85 + 3.5 * intent + 0.8 * fit)
    # Bigger companies buy bigger contracts and take longer to decide.
    known = size > 0
    scale = np.where(known, np.maximum(size, 1) / 20, 3.0)
    median = np.clip(8_000 * scale**0.75, 4_000, 300_000)
    amount = median * rng.lognormal(0.0, 0.45, m) * (0.85 + 0.3 * intent)
    amount = np.maximum(500, np.round(amount, -2))
    days = rng.lognormal(np.log(np.where(won, 45, 60)), 0.5) * scale.clip(0.5, 50) ** 0.1
    days = np.clip(days, 20, 144)  # plus up to a long weekend to reach a working day
    # Closed on a working day, in office hours, `days` calendar days after creation.
    closed = cal.after_business_hours(created + (days * DAY).astype(np.int64), rng.uniform(0, 8, m))
    is_closed = closed < T_AS_OF
    small = known & (size < 50)
    w = np.column_stack(
        [
            1.0 + small,
            np.full(m, 0.8),
            0.6 + 1.2 * (1 - intent),
            np.full(m, 0.6),
            0.5 + 0.8 * small,
        ]
    )
    lost_reason = _pick(rng, w)
    keep = np.flatnonzero(has_deal)
    keep = keep[np.argsort(created[keep], kind="stable")]  # deal ids in order of creation
    stage = np.where(is_closed, np.where(won, 1, 2), 0)[keep]
    return {
        "lead": sql[keep],
        "created": created[keep],
        "closed": np.where(stage > 0, closed[keep], MISSING),
        "stage": stage,
        "amount": amount[keep],
        "lost_reason": np.where(stage == 2, lost_reason[keep], -1),
    }


def _campaign_costs(
    seed: int, n: int, cal: _Calendar, plan: list[Campaign], sessions: np.ndarray
) -> pd.DataFrame:
    """Monthly cost of every campaign: its expected leads that month at the channel's CPL."""
    rng = _rng(seed, "costs")
    p, campaigns, weights = _channel_day_weights(cal, plan, sessions)
    month = cal.days.astype("datetime64[M]")
    rows = []
    for c, ids in enumerate(campaigns):
        if not len(ids):
            continue
        share = weights[c] / np.maximum(weights[c].sum(axis=1, keepdims=True), 1e-12)
        expected = n * p[:, c : c + 1] * share
        for k, i in enumerate(ids):
            active = weights[c][:, k] > 0
            cpl = CPL[c] * plan[i].cpl * rng.lognormal(0.0, 0.2)
            for mon in np.unique(month[active]):
                leads = expected[active & (month == mon), k].sum()
                # Even a month with no lead yet costs something: the media was bought.
                cost = max(leads, 0.5) * cpl * rng.lognormal(0.0, 0.1)
                rows.append((plan[i].id, mon.astype(date), round(float(cost), 2)))
    return pd.DataFrame(rows, columns=["campaign_id", "month", "cost"])


def _sql_targets(seed: int, accepted_at: np.ndarray) -> pd.DataFrame:
    """Monthly SQL targets: set per quarter from the trend, a little ambitious, rounded."""
    rng = _rng(seed, "targets")
    months = np.arange(FIRST_DAY.astype("datetime64[M]"), LAST_DAY.astype("datetime64[M]") + 1)
    done = accepted_at[accepted_at != MISSING].view("datetime64[s]").astype("datetime64[M]")
    actual = np.array([(done == m).sum() for m in months], dtype=float)
    mature = months <= np.datetime64(AS_OF, "M") - 3  # recent cohorts are still maturing
    x = np.arange(len(months))
    slope, intercept = np.polyfit(x[mature], actual[mature], 1)
    trend = np.maximum(intercept + slope * x, 0)
    quarter = (months.astype(np.int64) - months[0].astype(np.int64) + 1) // 3
    target = np.zeros(len(months))
    for q in np.unique(quarter):
        here = quarter == q
        target[here] = trend[here].mean() * 1.05 * rng.lognormal(0.0, 0.06)
    calendar_month = months.astype(np.int64) % 12 + 1
    target *= np.where(calendar_month == 8, 0.8, np.where(calendar_month == 12, 0.85, 1.0))
    # The qualification process (and this history) started in November 2024: the first
    # months' targets allowed for the pipeline filling up.
    target[:2] *= (0.3, 0.8)
    target = np.where(target >= 100, np.round(target / 5) * 5, np.round(target))
    return pd.DataFrame({"month": months.astype(date), "target": target.astype(np.int64)})


def _scoring_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    rules = [("touchpoint", t, int(p)) for t, p in zip(TOUCHPOINT_TYPES, TOUCHPOINT_POINTS)]
    rules += [("company_size_band", b, int(p)) for b, p in zip(SIZE_BANDS, SIZE_POINTS)]
    rules += [("seniority", s, int(p)) for s, p in zip(SENIORITIES, SENIORITY_POINTS)]
    rules += [("industry", i, int(p)) for i, p in zip(INDUSTRY_NAMES, INDUSTRY_POINTS)]
    scoring_rules = pd.DataFrame(rules, columns=["rule_type", "match", "points"])
    scoring_rules.insert(0, "valid_from", RULES_FROM)
    thresholds = pd.DataFrame(
        {
            "valid_from": [d for d, _ in THRESHOLDS],
            "mql_threshold": [t for _, t in THRESHOLDS],
            "decay_half_life_days": pd.array([None] * len(THRESHOLDS), dtype="Int32"),
        }
    )
    return scoring_rules, thresholds


CHUNK_LEADS = 250_000  # leads whose touchpoints are made and written at once (~5 M rows)
MAX_LEADS = 50_000_000

Part = tuple[str, pd.DataFrame | pa.Table, bool]  # table, rows, already in load order


def _parts(n_leads: int, seed: int, chunk_leads: int, report: Progress) -> Iterator[Part]:
    """Every table of the schema except dataset_info, the touchpoints chunk by chunk."""
    if not 1 <= n_leads <= MAX_LEADS:
        raise ValueError(f"n_leads must be between 1 and {MAX_LEADS:,}")
    if not 1 <= chunk_leads < 1 << 23:  # the sort key holds a lead's place in its chunk
        raise ValueError("chunk_leads must be between 1 and 8,388,607")
    report(0.0, "Planning campaigns…")
    cal = _Calendar()
    plan = _campaign_plan()
    sessions = _webinar_sessions(cal)
    campaign_ids = tuple(c.id for c in plan)
    yield (
        "campaigns",
        pd.DataFrame(
            {
                "campaign_id": list(campaign_ids),
                "name": [c.name for c in plan],
                "channel": [CHANNEL_NAMES[c.channel] for c in plan],
            }
        ),
        False,
    )
    yield "campaign_costs", _campaign_costs(seed, n_leads, cal, plan, sessions), False
    report(0.05, "Generating leads…")
    leads = _leads(seed, n_leads, cal, plan, sessions)
    touches = _touch_counts(seed, leads)
    width = _id_width(n_leads)
    mqls = []
    kept = 0
    for a in range(0, n_leads, chunk_leads):
        b = min(a + chunk_leads, n_leads)
        report(0.1 + 0.75 * a / n_leads, "Generating touchpoints…")
        tp = _touchpoints(seed, leads, touches, a, b, kept, cal, plan, sessions)
        mqls.append(
            replay_mql(tp["lead"], tp["time"], tp["kind"], leads["fit_points"], tp["per_lead"])
        )
        value = np.full(len(tp["time"]), np.nan)
        value[tp["webinar_rows"]] = tp["minutes"]
        yield (
            "touchpoints",
            pa.table(
                {
                    "touchpoint_id": pa.array(
                        np.arange(kept + 1, kept + len(tp["time"]) + 1, dtype=np.int64)
                    ),
                    "lead_id": pc.take(_ids("L", a + 1, b + 1, width), pa.array(tp["lead"] - a)),
                    "occurred_at": _timestamps(tp["time"]),
                    "type": pa.DictionaryArray.from_arrays(
                        pa.array(tp["kind"]), pa.array(TOUCHPOINT_TYPES)
                    ),
                    "campaign_id": pa.DictionaryArray.from_arrays(
                        pa.array(tp["campaign"], mask=tp["campaign"] < 0), pa.array(campaign_ids)
                    ),
                    "value": pa.array(value, mask=np.isnan(value)),
                }
            ),
            True,  # by lead, then time: chunks are ranges of leads in order
        )
        kept += len(tp["time"])
        del tp, value
    del touches
    mql = tuple(np.concatenate([m[i] for m in mqls]) for i in range(3))
    report(0.85, "Handing off to sales…")
    sales = _sales(seed, leads, mql, cal)
    report(0.88, "Generating deals…")
    deals = _deals(seed, leads, sales, cal)
    disqualified = _disqualifications(seed, leads, sales, cal)

    report(0.9, "Building tables…")
    lead_ids = _ids("L", 1, n_leads + 1, width)
    titles = tuple(t for group in JOB_TITLES for t in group)
    leads_table = pa.table(
        {
            "lead_id": lead_ids,
            "created_at": _timestamps(leads["created"]),
            "channel": _labels(leads["channel"], CHANNEL_NAMES),
            "campaign_id": _labels(leads["campaign"], campaign_ids),
            "company": leads["company_name"],
            "industry": _labels(leads["industry"], INDUSTRY_NAMES),
            "company_size": pa.array(leads["size"], pa.int32(), mask=leads["size"] == 0),
            "job_title": _labels(leads["title"], titles),
            "seniority": _labels(leads["seniority"], SENIORITIES),
            "country": _labels(leads["country"], COUNTRIES),
            "owner": _labels(sales["owner"], tuple(r.name for r in REPS)),
            "score_at_handoff": pa.array(sales["score"], pa.int32(), mask=sales["score"] < 0),
            "mql_at": _timestamps(sales["mql_at"]),
            "handoff_at": _timestamps(sales["handoff_at"]),
            "first_response_at": _timestamps(sales["first_response_at"]),
            "accepted_at": _timestamps(sales["accepted_at"]),
            "rejected_at": _timestamps(sales["rejected_at"]),
            "rejection_reason": _labels(sales["reason"], REASONS),
            "recycled_at": _timestamps(sales["recycled_at"]),
            "disqualified_at": _timestamps(disqualified["disqualified_at"]),
            "disqualification_reason": _labels(disqualified["reason"], DISQUALIFICATION_REASONS),
            "disqualified_by": _labels(disqualified["by"], DISQUALIFIED_BY),
            "lead_status": _labels(disqualified["status"], LEAD_STATUSES),
        }
    )
    yield "leads", leads_table, True  # lead ids in order
    # Custom attributes come from a CRM's extra columns (an import's "attributes"): none here.
    yield (
        "lead_attributes",
        pd.DataFrame(
            {
                "lead_id": pd.Series(dtype=str),
                "name": pd.Series(dtype=str),
                "text_value": pd.Series(dtype=str),
                "number_value": pd.Series(dtype=float),
            }
        ),
        True,
    )
    del leads_table
    yield (
        "deals",
        pa.table(
            {
                "deal_id": _ids("D", 1, len(deals["lead"]) + 1, width),
                "lead_id": pc.take(lead_ids, pa.array(deals["lead"])),
                "created_at": _timestamps(deals["created"]),
                "closed_at": _timestamps(deals["closed"]),
                "stage": _labels(deals["stage"], ("open", "won", "lost")),
                "amount": pa.array(deals["amount"]),
                "lost_reason": _labels(deals["lost_reason"], LOST_REASONS),
                # A Polish company's deals: all in złoty (imports carry their own currency).
                "currency": _labels(np.zeros(len(deals["lead"]), dtype=np.int64), ("PLN",)),
            }
        ),
        False,  # in order of creation
    )
    report(0.95, "Setting targets…")
    yield "sql_targets", _sql_targets(seed, sales["accepted_at"]), False
    scoring_rules, scoring_thresholds = _scoring_tables()
    yield "scoring_rules", scoring_rules, False
    yield "scoring_thresholds", scoring_thresholds, False
    sla_policy = pd.DataFrame(
        {
            "valid_from": [RULES_FROM],
            "response_hours": [SLA_HOURS],
            "workday_start": [clock(WORKDAY_START_H)],
            "workday_end": [clock(WORKDAY_END_H)],
            "workdays": ["1,2,3,4,5"],
            "time_zone": ["Europe/Warsaw"],
        }
    )
    yield "sla_policy", sla_policy, False
    yield "public_holidays", pd.DataFrame(cal.holidays, columns=["day", "name"]), False
    yield "app_users", demo_users(), False


def generate(
    n_leads: int = 50_000,
    seed: int = 42,
    progress: Progress | None = None,
    chunk_leads: int = CHUNK_LEADS,
) -> dict[str, pd.DataFrame | pa.Table]:
    """Every table of the schema except dataset_info, in memory (build writes them in chunks).

    Touchpoints come as a pyarrow Table, the rest as DataFrames; the same for any chunk_leads.
    """
    report = progress or (lambda fraction, message: None)
    int32 = {pa.int32(): pd.Int32Dtype()}.get
    tables: dict[str, pd.DataFrame | pa.Table] = {}
    touchpoints = []
    for name, rows, _ in _parts(n_leads, seed, chunk_leads, report):
        if name == "touchpoints":
            touchpoints.append(rows)
        elif isinstance(rows, pa.Table):
            tables[name] = rows.to_pandas(types_mapper=int32)
        else:
            tables[name] = rows
    tables["touchpoints"] = pa.concat_tables(touchpoints).combine_chunks()
    return {name: tables[name] for name in db.TABLES if name in tables}


def demo_users() -> pd.DataFrame:
    """Who may sign in once login is configured: one manager and every rep (README, Login)."""
    ascii_name = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
    reps = [
        (rep.name.translate(ascii_name).lower().replace(" ", ".") + "@example.com", "rep", rep.name)
        for rep in REPS
    ]
    return pd.DataFrame(
        [("manager@example.com", "manager", None), *reps], columns=["email", "role", "rep"]
    )


def build(
    path: Path,
    n_leads: int = 50_000,
    seed: int = 42,
    progress: Progress | None = None,
    chunk_leads: int = CHUNK_LEADS,
) -> dict[str, int]:
    """Generate the demo data and write it as the database at `path`, chunk by chunk.

    Returns the rows written per table. Only the leads' own columns and one chunk of
    touchpoints are held at a time; DuckDB spills beyond its memory limit.
    """
    report = progress or (lambda fraction, message: None)
    rows: dict[str, int] = {}
    source = f"demo data: {n_leads:,} leads, seed {seed}"
    with db.building_database(Path(path), source=source, as_of=AS_OF, memory_limit="2GB") as add:
        # Generating and writing interleave; counting touchpoints per lead and month comes last
        # (at 10 M leads that count fails within 1 GB: docs/performance.md).
        for name, part, in_order in _parts(
            n_leads, seed, chunk_leads, lambda done, step: report(0.9 * done, step)
        ):
            add(name, part, in_order)
            rows[name] = rows.get(name, 0) + len(part)
        report(0.9, "Writing the database…")
    report(1.0, "Done")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=50_000, help="number of leads")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=None, help="default: db.database_path()")
    parser.add_argument(
        "--chunk", type=int, default=CHUNK_LEADS, help="leads whose touchpoints are written at once"
    )
    args = parser.parse_args(argv)
    out = args.out or db.database_path()
    started = time.perf_counter()
    rows = build(out, args.leads, args.seed, chunk_leads=args.chunk)
    total = time.perf_counter() - started
    print(f"Wrote {out} in {total:.1f} s")
    for name, count in rows.items():
        print(f"  {name:<20} {count:>12,}")


if __name__ == "__main__":
    main()
