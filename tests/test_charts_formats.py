"""Charts and formats a room can read (issue 14, item 10): colours told apart with any colour
vision, titled axes, dates with their year, round ticks, channels named as people name them,
no "None" in a cell, long waits in days, one short money format, one text for a rejection
without a reason."""

from __future__ import annotations

import colorsys
import itertools
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from leadflow import format, i18n, rejections
from leadflow.app import charts
from tests.conftest import opened_page

ROOT = Path(__file__).resolve().parent.parent
NB = format.NBSP


# Formats.


@pytest.mark.parametrize(
    ("hours", "working_day", "lang", "shown"),
    [
        (0.5, None, "en", "30 min"),
        (13.5, None, "en", "13.5 h"),
        (48, None, "en", "48.0 h"),  # two days: still in hours
        (49, None, "en", "2 days"),  # 49 / 24 = 2.04
        (8653.6, None, "en", "361 days"),  # the year in hours of the issue: 8653.6 / 24 = 360.6
        (8653.6, None, "pl", "361 dni"),
        (36, None, "pl", "36,0 h"),
        (60, None, "pl", "3 dni"),  # 2.5 days: half up
        (16, 8, "en", "16.0 h"),  # two working days of 8 h
        (17, 8, "en", "2 working days"),
        (3888, 8, "en", "486 working days"),
        (3888, 8, "pl", "486 dni roboczych"),
        (20, 8, "pl", "3 dni robocze"),
        (None, None, "en", "–"),
    ],
)
def test_a_wait_over_two_days_is_said_in_days(hours, working_day, lang, shown):
    assert format.wait(hours, lang, working_day).replace(NB, " ") == shown


def test_a_column_of_waits_is_in_days_as_a_whole_when_its_longest_is():
    assert format.wait_unit(48) == 1  # hours
    assert format.wait_unit(168) == 24  # days of 24 h
    assert format.wait_unit(16, 8) == 1
    assert format.wait_unit(17, 8) == 8  # working days of the policy
    assert format.wait_unit(float("nan")) == 1


@pytest.mark.parametrize(
    ("stored", "en", "pl"),
    [
        ("linkedin_ads", "LinkedIn Ads", "LinkedIn Ads"),
        ("cold_email", "Cold email", "cold mailing"),
        ("referral", "Referral", "polecenie"),
        ("paid_social", "Paid social", "Paid social"),  # a CRM's own channel, put into words
        ("q1_2026", "q1_2026", "q1_2026"),  # a code with digits stays as it is
        ("Anna Nowak", "Anna Nowak", "Anna Nowak"),
    ],
)
def test_stored_names_read_as_words_in_either_language(stored, en, pl):
    assert format.label(stored) == en
    assert i18n.value(stored, "en") == en
    assert i18n.value(stored, "pl") == pl


@pytest.mark.parametrize(
    ("amount", "en", "pl"),
    [
        (7_030_000, "7.03 M PLN", "7,03 mln zł"),
        (143_030_000, "143 M PLN", "143 mln zł"),  # was 143.03 M: five digits beside three
        (25_490, "25.5 k PLN", "25,5 tys. zł"),
        (75_000, "75 k PLN", "75 tys. zł"),
        (1_200_000, "1.2 M PLN", "1,2 mln zł"),
        (999_999, "1 M PLN", "1 mln zł"),  # not "1,000 k"
        (9_876, "9,876 PLN", "9 876 zł"),  # under 10,000: the whole amount
    ],
)
def test_short_amounts_have_three_significant_digits(amount, en, pl):
    assert format.pln_short(amount) == en
    assert format.pln_short(amount, "pl").replace(NB, " ") == pl


def test_every_query_names_a_rejection_without_a_reason_alike():
    # The weekly report's query said "(no reason)", every other "(no reason given)".
    for path in sorted((ROOT / "queries").glob("*.sql")):
        for said in re.findall(r"coalesce\([a-z_.]*reason, '([^']*)'\)", path.read_text()):
            assert said == rejections.NO_REASON, path.name


# Colours: simulated colour-vision deficiencies (Machado, Oliveira and Fernandes 2009,
# severity 1) in linear RGB, distances in CIELAB (ΔE 1976).

DEFICIENCIES = {
    "normal": None,
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}  # fmt: skip


def _linear(hex_colour: str) -> list[float]:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, matrix) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    if matrix:
        rgb = [min(1, max(0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix]
    return _lab(rgb)


def _hue(hex_colour: str) -> float:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hsv(r, g, b)[0] * 360


def test_sla_heatmap_runs_orange_to_blue_never_red_to_green():
    cells = pd.DataFrame(
        {
            "rep": ["Anna", "Anna", "Piotr"],
            "week": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-05"]),
            "compliance": [0.2, 1.0, 0.6],
            "sla_due": [5, 2, 5],
            "sla_breaches": [4, 0, 2],
        }
    )
    scale = charts.sla_heatmap(cells).data[0].colorscale
    colours = [colour for _, colour in scale]
    # Orange (hue 25–45°) at the low end, blue (195–225°) at the high end, nothing between
    # red and green (the old scale: red 10°, amber, light green, green 153°).
    assert all(25 <= _hue(c) <= 45 or 195 <= _hue(c) <= 225 for c in colours), colours
    assert 25 <= _hue(colours[0]) <= 45 and 195 <= _hue(colours[-1]) <= 225
    # The two ends are far apart for every reader.
    for name, matrix in DEFICIENCIES.items():
        assert math.dist(_seen(colours[0], matrix), _seen(colours[-1], matrix)) > 60, name


def test_rejection_trend_colours_are_told_apart_with_any_colour_vision():
    named = ["company too small", "no budget", "competitor", "duplicate", "bad contact data",
             "not the decision maker"]  # fmt: skip
    reasons = [*named, rejections.NO_REASON]
    trend = pd.DataFrame(
        [
            {"week": pd.Timestamp("2026-01-05"), "reason": r, "rejections": 1}
            for r in [*reasons, rejections.OTHER]
        ]
    )
    fig = charts.rejection_trend(trend, reasons, rejections.NO_REASON, rejections.OTHER)
    colours = [bar.marker.color for bar in fig.data]
    assert len(set(colours)) == len(colours) == 8
    for name, matrix in DEFICIENCIES.items():
        closest = min(
            math.dist(_seen(a, matrix), _seen(b, matrix))
            for a, b in itertools.combinations(colours, 2)
        )
        # ΔE 15 and more: two stacked bars read as two colours (the old blues: 11.5–14.5).
        assert closest >= 15, (name, round(closest, 1))


# Axes.


def _weeks(first: str, last: str) -> pd.DataFrame:
    weeks = pd.date_range(first, last, freq="W-MON")
    return pd.DataFrame(
        {
            "week": weeks,
            "compliance": 0.8,
            "answered_within_sla": 4,
            "sla_due": 5,
            "sla_breaches": 1,
        }
    )


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_year_of_weeks_is_ticked_by_month_with_the_year(lang):
    # 3 Nov 2025 to 26 Oct 2026: the axis used to read "1 Nov" at both ends.
    fig = charts.sla_trend(_weeks("2025-11-03", "2026-10-26"), lang)
    text = list(fig.layout.xaxis.ticktext)
    assert text[0] == ("Dec 2025" if lang == "en" else "gru 2025")
    assert text[-1] == ("Oct 2026" if lang == "en" else "paź 2026")
    assert len(text) == len(set(text)) <= 12
    assert all(re.fullmatch(r"\w{3} \d{4}", t) for t in text), text


def test_weeks_across_the_new_year_name_the_year_where_it_changes():
    fig = charts.sla_trend(_weeks("2025-12-15", "2026-01-26"))
    assert list(fig.layout.xaxis.ticktext) == [
        "15 Dec 2025", "22 Dec", "29 Dec", "5 Jan 2026", "12 Jan", "19 Jan", "26 Jan",
    ]  # fmt: skip


def _cohorts(starts: list[str]) -> pd.DataFrame:
    n = len(starts)
    return pd.DataFrame(
        {
            "start": pd.to_datetime(starts),
            "label": starts,
            "handoffs": [40] * n,
            "accepted": [10] * n,
            "rejected": [20] * n,
            "still_open": [10] * n,
            "decided": [30] * n,
            "mql_to_sql_rate": [1 / 3] * n,
            "mql_to_sql_low": [0.2] * n,
            "mql_to_sql_high": [0.5] * n,
            "too_few": [False] * n,
        }
    )


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_monthly_cohorts_get_month_ticks_and_every_axis_a_title(lang):
    fig = charts.rate_over_time(
        _cohorts(["2026-01-01", "2026-02-01", "2026-03-01"]), (0.2, 0.3), monthly=True, lang=lang
    )
    assert list(fig.layout.xaxis2.ticktext) == (
        ["Jan 2026", "Feb 2026", "Mar 2026"]
        if lang == "en"
        else ["sty 2026", "lut 2026", "mar 2026"]
    )
    assert fig.layout.xaxis2.title.text == (
        "month of handoff" if lang == "en" else "miesiąc przekazania"
    )
    assert fig.layout.yaxis.title.text == "MQL→SQL"
    assert fig.layout.yaxis2.title.text == ("handoffs" if lang == "en" else "przekazania")


def test_the_healthy_band_is_named_in_the_legend_not_on_the_markers():
    fig = charts.rate_over_time(_cohorts(["2026-01-05", "2026-01-12"]), (0.2, 0.3))
    # No text inside the plot: the label "healthy 20–30%" sat on every marker in the band.
    assert not [a.text for a in fig.layout.annotations if "healthy" in (a.text or "")]
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert "healthy 20–30%" in legend


@pytest.mark.parametrize(
    ("top", "step"),
    [(3, 1), (7, 2), (25_490, 5_000), (38_000, 10_000), (1_000_000, 200_000), (0, 1)],
)
def test_count_axes_tick_round_steps_from_zero(top, step):
    ticks = charts.count_ticks(top)
    assert ticks == dict(tick0=0, dtick=step, tickformat=",d", rangemode="tozero")


def test_count_axes_are_written_whole():
    reasons = pd.DataFrame(
        {
            "reason": ["no budget", rejections.NO_REASON],
            "rejections": [25_490, 12_000],
            "share": [0.68, 0.32],
            "cumulative_share": [0.68, 1.0],
        }
    )
    fig = charts.pareto(reasons, rejections.NO_REASON)
    # 0, 5,000 … 25,000: never "25.49k".
    assert (fig.layout.yaxis.tickformat, fig.layout.yaxis.dtick) == (",d", 5_000)
    assert fig.layout.yaxis.title.text == "number of rejections"
    assert fig.layout.yaxis2.title.text == "cumulative share"


# The pages, on the fixture.

PAGES = ["pages/1_Funnel.py", "pages/2_Conversion.py", "pages/3_SLA.py", "pages/4_Rejections.py"]
# Where the fixture's channels show: the split, the source matrix, lead lists, the sidebar.
QUERY = {
    "pages/1_Funnel.py": {"split": "channel"},
    "pages/2_Conversion.py": {"by": "channel"},
    "pages/3_SLA.py": {},
    "pages/4_Rejections.py": {"by": "channel"},
}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _shown_text(at) -> list[str]:
    """Every text a person can read on the page: words, tiles, choices, cells, charts."""
    texts = [e.value for e in (*at.markdown, *at.caption, *at.title, *at.subheader)]
    texts += [t for m in at.metric for t in (m.label, m.value, m.delta or "")]
    texts += [str(o) for w in (*at.selectbox, *at.multiselect, *at.radio) for o in w.options]
    for frame in at.dataframe:
        # A missing cell shows the placeholder, checked below.
        texts += [str(v) for v in frame.value.astype(object).to_numpy().ravel() if not pd.isna(v)]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        # Hover templates hold Plotly's %{…} placeholders: the names and labels are the text.
        for trace in spec["data"]:
            texts += _strings({k: v for k, v in trace.items() if "template" not in k})
        texts += _strings(spec["layout"])
    return texts


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize("script", PAGES)
def test_pages_show_no_none_no_snake_case_channel_no_internal_note(use_fixture_db, script, lang):
    at = opened_page(script, lang=lang, **QUERY[script])
    texts = _shown_text(at)
    assert not [t for t in texts if "linkedin_ads" in t]
    assert any("LinkedIn Ads" in t for t in texts)  # the fixture's channel is on the page
    assert not [t for t in texts if re.search(r"\bNone\b|\bnan\b|\bNaT\b", t)]
    assert not [t for t in texts if "(DOMAIN)" in t]
    # An empty cell is shown as the table's placeholder, never as Streamlit's "None".
    for frame in at.dataframe:
        if frame.value.isna().to_numpy().any():
            assert frame.proto.HasField("placeholder"), list(frame.value.columns)
            assert frame.proto.placeholder in ("", "–")


def test_sla_page_waits_over_two_days_are_in_days(use_fixture_db):
    at = opened_page("pages/3_SLA.py")
    breaches = at.dataframe[1]
    columns = json.loads(breaches.proto.columns)
    # Clock time: L12 waiting since 30 Mar 10:00 (38 h by 1 Apr), L09 29.5 h, L19 a week
    # (22 Dec 10:00 to 29 Dec 10:00, 168 h): the longest is over two days, so the column is
    # in days.
    assert columns["clock_hours"]["type_config"]["format"] == "%.1f days"
    assert [round(v, 2) for v in breaches.value["clock_hours"]] == [1.58, 1.23, 7.0]
    # Business hours stay in hours: the longest, 16 h, is two working days of 8 h.
    assert columns["business_hours"]["type_config"]["format"] == "%.1f h"
    assert breaches.value["business_hours"].tolist() == [15.0, 13.5, 16.0]


def test_funnel_lead_list_says_a_rejection_had_no_reason(use_fixture_db):
    at = opened_page("pages/1_Funnel.py", stage="Handed off")
    # The leads list (the lead's history follows it).
    leads = next(d.value for d in at.dataframe if "lead_id" in d.value.columns).set_index("lead_id")
    # L04 was rejected without a reason; a lead never rejected has none to show.
    assert leads.loc["L04", "rejection_reason"] == rejections.NO_REASON


def test_weekly_report_names_channels_in_words():
    from leadflow import weekly

    alerts = pd.DataFrame(
        [
            {
                "kind": "channel",
                "group": "linkedin_ads",
                "metric": "sql_rate",
                "this_week": 0.1,
                "baseline": 0.4,
                "p_adjusted": 0.01,
                "link": "/Conversion?channel=linkedin_ads",
            }
        ]
    )
    ((text, link),) = weekly.alert_lines(alerts, "en")
    assert text.startswith("Channel LinkedIn Ads · MQL→SQL of decided handoffs: 10.0%")
    assert link == "/Conversion?channel=linkedin_ads"  # the address keeps the stored value
    assert (
        weekly.figure(
            pd.DataFrame({"week": [], "mqls": [], "handoffs": [], "accepted": [], "rejected": []}),
            pd.Timestamp("2026-03-02").date(),
            "pl",
        ).layout.yaxis.title.text
        == "leady"
    )


def test_a_shortened_heading_keeps_its_full_text_as_help():
    from leadflow.app import tables

    shown = tables._short_headings(
        {
            "compliance": tables.pct("Within SLA", "Answered within the SLA / due"),
            "handoffs": tables.count("Handed off"),
            "handoff_at": tables.when("Handed off"),
        },
        "en",
    )
    assert (shown["compliance"]["label"], shown["compliance"]["help"]) == (
        "In SLA",
        "Within SLA: Answered within the SLA / due",
    )
    assert (shown["handoffs"]["label"], shown["handoffs"]["help"]) == ("Handoffs", "Handed off")
    assert shown["handoff_at"]["label"] == "Handed off"  # a date column says when
