"""Links that carry a drill-down: the stage, the split's value, the rep and week, the reason and
source, the lead opened are in the address and open the same leads; what of a link cannot be
shown is said in one notice, value by value, with what is shown instead (issue 14, items 6-7).

The fixture (tests/fixtures/leads.csv), Q1 2026: leads L01-L18 are created in it (L19 and L20
in December 2025); the data runs from 20 Dec 2025 (L19) to 31 Mar 2026."""

from __future__ import annotations

import functools

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import opened_page

Q1 = ["2026-01-01", "2026-03-31"]


@pytest.fixture(autouse=True)
def _fixture(use_fixture_db):
    return use_fixture_db


def notice(at: AppTest) -> list[str]:
    """The lines of the notice under the title: what of the link was ignored."""
    return [t.value for t in at.text if t.value.startswith(("Ignored ", "Pominięto "))]


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def address(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) and len(value) == 1 else value


funnel = functools.partial(opened_page, "pages/1_Funnel.py")


def test_drilldown_funnel_link_opens_the_segment_and_the_lead():
    at = funnel(period=Q1, stage="MQL", segment="webinar", lead="L10")
    # MQLs of Q1: L01 L02 L03 L04 L05 L08 L09 L10 L12 L13 L15 L17 = 12; of them webinar leads
    # (the default split is by channel): L01 L02 L10 L12 L15 = 5, newest first. Before, the
    # link's segment was dropped and the list held all 12.
    assert "5 leads reached “MQL” in Webinar" in captions(at)
    assert at.dataframe[3].value["lead_id"].tolist() == ["L15", "L12", "L10", "L02", "L01"]
    # L10 (MegaFab): created from the webinar, an e-book, a demo request, MQL, an e-mail open.
    assert "History of L10 · MegaFab, oldest first." in captions(at)
    assert at.dataframe[4].value["event"].tolist() == [
        "lead created",
        "ebook download",
        "demo request",
        "became an MQL",
        "email open",
    ]
    assert notice(at) == []
    assert (address(at, "segment"), address(at, "lead")) == ("webinar", "L10")


def test_drilldown_funnel_segment_picked_is_written_to_the_address():
    at = funnel(period=Q1, split="Company size", stage="MQL")
    at.selectbox(key="segment").set_value("1000+").run()
    # MQLs among 1000+ employee companies: L10 and L13; the address now says so.
    assert "2 leads reached “MQL” in 1000+" in captions(at)
    assert address(at, "segment") == "1000+"
    # Back to all: a bare address, as for every default.
    at.selectbox(key="segment").set_value("(all)").run()
    assert "segment" not in at.query_params


def test_drilldown_funnel_says_each_value_of_the_link_it_ignored():
    at = funnel(
        period=Q1, channel=["nonexistent", "webinar"], stage="Bogus", segment="nothing", lead="L99"
    )
    assert notice(at) == [
        "Ignored channel=nonexistent from the link: no such channel; showing Webinar.",
        "Ignored stage=Bogus from the link: no such stage; showing “SQL”.",
        "Ignored segment=nothing from the link: no such value among these leads; showing “(all)”.",
        # Webinar SQLs of Q1: L01 L02 L15, newest first: L15 (Softline) opens.
        "Ignored lead=L99 from the link: not among the leads listed; showing “L15 · Softline”.",
    ]
    # What is shown is what the notice says: webinar leads that became SQLs, all of them.
    assert "3 leads reached “SQL”. The download holds all of them." in captions(at)
    assert at.dataframe[3].value["lead_id"].tolist() == ["L15", "L02", "L01"]
    assert "segment" not in at.query_params and "lead" not in at.query_params


@pytest.mark.parametrize(
    ("period", "said"),
    [
        (
            ["2030-01-01", "2030-02-01"],
            "Ignored period=2030-01-01&period=2030-02-01 from the link: the data holds leads "
            "from 20 Dec 2025 to 31 Mar 2026 only; showing 20 Dec 2025 – 31 Mar 2026.",
        ),
        (
            ["2026-03-01", "2026-01-01"],
            "Ignored period=2026-03-01&period=2026-01-01 from the link: the period ends before "
            "it starts; showing 20 Dec 2025 – 31 Mar 2026.",
        ),
        (
            ["2025-11-01", "2026-01-31"],
            "Ignored period=2025-11-01&period=2026-01-31 from the link: the data holds leads "
            "from 20 Dec 2025 to 31 Mar 2026 only; showing 20 Dec 2025 – 31 Jan 2026.",
        ),
    ],
)
def test_drilldown_link_period_ignored_says_the_period_shown(period, said):
    at = funnel(period=period, channel="nonexistent")
    assert notice(at) == [
        said,
        "Ignored channel=nonexistent from the link: no such channel; showing all channels.",
    ]


def test_drilldown_notice_in_polish():
    at = funnel(lang="pl", period=Q1, channel="nonexistent", segment="nothing")
    assert notice(at) == [
        "Pominięto channel=nonexistent z linku: nie ma takiego kanału; pokazano wszystkie kanały.",
        "Pominięto segment=nothing z linku: nie ma takiej wartości wśród tych leadów; pokazano "
        "„(wszystkie)”.",
    ]


def test_drilldown_conversion_link_opens_the_segment():
    at = opened_page("pages/2_Conversion.py", period=Q1, by="Channel", segment="referral")
    # Referral leads handed off in Q1: L05, L08, L13 accepted, L17 rejected. Accepted (the
    # default outcome), latest handoff first. Without the segment: 6 accepted.
    assert "3 handed-off leads are “Accepted (SQL)” in Referral" in captions(at)
    assert at.dataframe[1].value["lead_id"].tolist() == ["L13", "L08", "L05"]
    assert "History of L13 · Bank Północny, oldest first." in captions(at)


def test_drilldown_conversion_says_the_pickers_it_ignored():
    at = opened_page("pages/2_Conversion.py", period=Q1, grain="Year", outcome="Bogus", by="x")
    assert notice(at) == [
        "Ignored grain=Year from the link: cohorts are by week or by month; showing “Week”.",
        "Ignored by=x from the link: no such split; showing “Channel”.",
        "Ignored outcome=Bogus from the link: no such outcome; showing “Accepted (SQL)”.",
    ]


def test_drilldown_sla_link_opens_one_reps_week():
    at = opened_page("pages/3_SLA.py", period=Q1, breach_rep="Anna Nowak", breach_week="2026-02-09")
    # Anna's breaches: L09 (handed off Wed 11 Feb, answered 5.5 business hours late) and L12
    # (30 Mar, still waiting). The week of Monday 9 Feb holds L09 only.
    assert "1 breach by Anna Nowak in the week of 9 Feb 2026, latest handoff first" in captions(at)
    assert at.dataframe[1].value["lead_id"].tolist() == ["L09"]
    assert "History of L09 · FinTrust · Anna Nowak, 5.5 h over, oldest first." in captions(at)


def test_drilldown_sla_says_the_rep_and_week_it_ignored():
    at = opened_page("pages/3_SLA.py", period=Q1, breach_rep="Nobody", breach_week="2030-02-04")
    assert notice(at) == [
        "Ignored breach_rep=Nobody from the link: no such sales rep among these handoffs; "
        "showing “(all)”.",
        "Ignored breach_week=2030-02-04 from the link: not a week of this period; showing “(all)”.",
    ]
    # All breaches of Q1, as the notice says: L12 and L09.
    assert "2 breaches, latest handoff first" in captions(at)
    assert at.dataframe[1].value["lead_id"].tolist() == ["L12", "L09"]


def test_drilldown_rejections_link_opens_the_source_and_the_lead():
    at = opened_page(
        "pages/4_Rejections.py", period=Q1, source_segment="linkedin_ads", rejected_lead="L03"
    )
    # Rejected in Q1: L03 L04 L09 (LinkedIn Ads) and L17 (referral). Without the source: 4.
    assert "3 rejected leads from LinkedIn Ads" in captions(at)
    assert at.dataframe[1].value["lead_id"].tolist() == ["L09", "L04", "L03"]
    # L03 (Pixelcraft), rejected as too small, recycled, then a newsletter signup.
    assert "History of L03 · Pixelcraft · company too small, oldest first." in captions(at)
    assert at.dataframe[2].value["event"].tolist()[-3:] == [
        "rejected",
        "sent back to nurture",
        "newsletter signup",
    ]


def test_drilldown_rejections_says_the_reason_and_source_it_ignored():
    at = opened_page(
        "pages/4_Rejections.py", period=Q1, reason="bogus", source="Country", source_segment="x"
    )
    assert notice(at) == [
        "Ignored source=Country from the link: sources are channels or campaigns; "
        "showing “Channel”.",
        "Ignored reason=bogus from the link: no rejection with that reason in the period; "
        "showing “(all reasons)”.",
        "Ignored source_segment=x from the link: no such value among these leads; showing “(all)”.",
    ]
    assert "4 rejected leads, latest rejection first" in captions(at)


def test_drilldown_conversion_link_opens_one_cohort():
    at = opened_page("pages/2_Conversion.py", period=Q1, cohort="2026-02-09", outcome="Rejected")
    # Rejected handoffs of Q1: L03 (9 Jan), L04 (15 Jan), L09 (11 Feb), L17 (17 Mar); the week
    # of Monday 9 Feb holds L09 only.
    assert (
        "1 handed-off lead is “Rejected”, handed off in week of 9 Feb 2026. The download holds "
        "all of them." in captions(at)
    )
    assert at.dataframe[1].value["lead_id"].tolist() == ["L09"]

    # By month and channel: LinkedIn Ads' rejections handed off in January are L03 and L04.
    at = opened_page(
        "pages/2_Conversion.py",
        period=Q1,
        grain="Month",
        cohort="2026-01",
        segment="linkedin_ads",
        outcome="Rejected",
    )
    assert "2 handed-off leads are “Rejected” in LinkedIn Ads, handed off in Jan 2026" in (
        captions(at)
    )
    assert at.dataframe[1].value["lead_id"].tolist() == ["L04", "L03"]


def test_drilldown_conversion_says_the_cohort_it_ignored():
    at = opened_page("pages/2_Conversion.py", period=Q1, cohort="2030-01-07", outcome="Rejected")
    assert notice(at) == [
        "Ignored cohort=2030-01-07 from the link: no such cohort in the period; showing “(all)”."
    ]
    assert "4 handed-off leads are “Rejected”. The download holds all of them." in captions(at)
