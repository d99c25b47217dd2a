"""The real pages under Streamlit's AppTest, on the fixture database, asserting what they show."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import opened_page

ROOT = Path(__file__).resolve().parent.parent
Q1_2026 = ["2026-01-01", "2026-03-31"]


open_page = opened_page  # the shared opener in conftest


def metrics_shown(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.fixture(autouse=True)
def _fixture(use_fixture_db):
    return use_fixture_db


def test_landing_headlines_against_previous_period():
    at = open_page("app.py", period=Q1_2026)
    # Hand-computed in test_queries: current 18 / 12 / 7 / 3 / 75,000; of 11 handoffs 6
    # accepted and 4 rejected; previous 90 days 2 / 1 / 0 / 0 / 0 and 1 accepted of 1.
    # Deltas: 18/2 - 1 = +800%, 12/1 - 1 = +1100%; MQL→SQL 6 / (6 + 4) = 60% against
    # 1 / (1 + 0) = 100%, -40.0 points;
    # nothing to compare SQLs, won deals and revenue with (previous = 0).
    assert metrics_shown(at) == {
        "Leads": ("18", "+800.0%"),
        "MQLs (became MQL in the period)": ("12", "+1100.0%"),
        "SQLs (accepted in the period)": ("7", ""),
        "Won deals (won in the period)": ("3", ""),
        "Revenue won (deals won in the period)": ("75 k PLN", ""),
        "MQL→SQL rate (handoffs of the period)": ("60.0%", "-40.0 pp"),
    }
    assert "1 of the 11 leads handed off in the period still await a decision" in captions(at)
    assert "1 Jan 2026 – 31 Mar 2026" in at.markdown[0].value


def test_landing_defaults_to_the_last_twelve_months_of_data():
    # As of 1 Apr 2026 the last twelve months reach back past the first lead (20 Dec 2025),
    # so all 20 leads count; the previous period holds none.
    at = open_page("app.py")
    assert metrics_shown(at)["Leads"] == ("20", "")
    assert at.date_input(key="period").value == (date(2025, 12, 20), date(2026, 3, 31))


def test_landing_with_filters_from_the_url():
    # Piotr's leads in Q1: 5 leads, 5 MQLs, 3 SQLs, 1 won deal (D08, 25,000 PLN).
    at = open_page("app.py", period=Q1_2026, rep="Piotr Kowalski")
    shown = metrics_shown(at)
    assert [
        shown[k][0]
        for k in [
            "Leads",
            "MQLs (became MQL in the period)",
            "SQLs (accepted in the period)",
            "Won deals (won in the period)",
            "Revenue won (deals won in the period)",
        ]
    ] == [
        "5",
        "5",
        "3",
        "1",
        "25 k PLN",
    ]
    assert at.multiselect(key="rep").value == ["Piotr Kowalski"]


def test_funnel_page_stages_and_conversion():
    at = open_page("pages/1_Funnel.py", period=Q1_2026)
    stages = at.dataframe[0].value
    assert stages["leads"].tolist() == [18, 12, 11, 6, 5, 2]
    # Step conversion: 12/18, 11/12, 6/11, 5/6, 2/5; from all leads: x/18.
    assert stages["step_conversion"].tolist() == ["–", "66.7%", "91.7%", "54.5%", "83.3%", "40.0%"]
    assert stages["cumulative_conversion"].tolist() == [
        "100.0%",
        "66.7%",
        "61.1%",
        "33.3%",
        "27.8%",
        "11.1%",
    ]
    # 18 leads; 6 accepted and 4 rejected → 6/10 = 60%; won 2 (L01, L08) and lost 2
    # (L02, L15) → 50%; revenue 40,000 + 25,000.
    assert metrics_shown(at) == {
        "Leads": ("18", ""),
        "MQL→SQL among leads created in the period": ("60.0%", ""),
        "Win rate among leads created in the period": ("50.0%", ""),
        "Revenue won by leads created in the period": ("65 k PLN", ""),
    }


def test_funnel_page_cohorts_are_marked_maturing():
    at = open_page("pages/1_Funnel.py", period=["2025-12-01", "2026-03-31"])
    cohorts = at.dataframe[1].value
    # December's cohort is over 90 days old on 1 Apr 2026; January to March are not.
    assert cohorts["segment"].tolist() == ["2025-12", "2026-01", "2026-02", "2026-03"]
    assert cohorts["status"].tolist() == ["mature"] + ["still maturing"] * 3
    assert cohorts["leads"].tolist() == [2, 7, 6, 5]


def test_funnel_page_split_by_rep_from_the_url():
    at = open_page("pages/1_Funnel.py", period=Q1_2026, split="Sales rep")
    split = at.dataframe[2].value.set_index("segment")
    # Biggest first: not handed off 7, Anna 6, Piotr 5. Anna: 3 accepted (L01 L05 L15),
    # 2 rejected (L03 L09), L12 undecided → 3/5 = 60%.
    assert split.index.tolist() == ["(not handed off)", "Anna Nowak", "Piotr Kowalski"]
    assert split.loc["Anna Nowak", "mql_to_sql_rate"] == pytest.approx(60.0)
    assert split.loc["Piotr Kowalski", "win_rate"] == pytest.approx(50.0)  # 1 won, 1 lost


def test_funnel_page_drill_down_to_the_leads():
    at = open_page("pages/1_Funnel.py", period=Q1_2026, channel="webinar")
    # Webinar leads that became SQLs: L01, L02, L15 (newest first).
    assert "3 leads reached “SQL”" in captions(at)
    assert at.dataframe[3].value["lead_id"].tolist() == ["L15", "L02", "L01"]
    # Won 1 (L01), lost 2 (L02, L15) → 1 / 3.
    assert metrics_shown(at)["Win rate among leads created in the period"] == ("33.3%", "")

    at.selectbox(key="stage").set_value("won").run()
    assert "1 leads reached “Won”" in captions(at)
    assert at.dataframe[3].value["lead_id"].tolist() == ["L01"]


def test_funnel_page_drill_down_within_a_segment():
    at = open_page("pages/1_Funnel.py", period=Q1_2026, split="Company size", stage="MQL")
    at.selectbox(key="segment").set_value("1000+").run()
    # MQLs among 1000+ employee companies: L10 and L13.
    assert at.dataframe[3].value["lead_id"].tolist() == ["L13", "L10"]
    assert "2 leads reached “MQL” in 1000+" in captions(at)


def test_funnel_page_says_so_when_filters_leave_no_leads():
    # No education company with 1000+ employees in the fixture.
    at = open_page("pages/1_Funnel.py", period=Q1_2026, industry="education", size="1000+")
    assert "No leads were created in the period" in at.info[0].value
    assert not at.dataframe
