"""Every query in queries/ run on the hand-made fixture, against numbers worked out by hand.

The fixture (tests/fixtures/leads.csv) has 20 leads: L19 and L20 were created in December
2025, L01-L18 in January-March 2026. Which lead reached which stage:

    MQL:       L01 L02 L03 L04 L05 L08 L09 L10 L12 L13 L15 L17 (+ L19 in December)
    handoff:   the MQLs except L10, which was never handed off
    SQL:       L01 L02 L05 L08 L13 L15 (+ L19, accepted 5 Jan 2026)
    rejected:  L03 (company too small), L04 (no reason), L09 (no budget), L17 (not the
               decision maker); L12 still awaits a response
    deals:     D01/L01 won 40,000 · D02/L02 lost · D05/L05 open · D08/L08 won 25,000 ·
               D15/L15 lost · D19/L19 won 10,000 (closed 30 Jan 2026)

The scoring rules, the thresholds and every lead's score are worked out at the top of
tests/test_whatif.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leadflow import db

Q1_2026 = {
    "start": date(2026, 1, 1),
    "end": date(2026, 3, 31),
    "channels": [],
    "industries": [],
    "size_bands": [],
    "reps": [],
}
COUNT_COLUMNS = ["leads", "mqls", "handoffs", "sqls", "rejected", "opportunities", "won", "lost"]


def run(name: str, fixture_db, **params):
    return db.run(name, {**Q1_2026, **params}, fixture_db)


def counts_by_segment(fixture_db, dimension: str, **params) -> dict[str, list[int]]:
    frame = run("funnel_counts", fixture_db, dimension=dimension, **params)
    return {row.segment: [int(row[c]) for c in COUNT_COLUMNS] for _, row in frame.iterrows()}


def test_funnel_counts_whole_cohort(fixture_db):
    # Created Jan-Mar 2026: L01-L18 = 18. MQL: 12 (listed above). Handoff: 12 - L10 = 11.
    # SQL: L01 L02 L05 L08 L13 L15 = 6. Rejected: L03 L04 L09 L17 = 4.
    # Opportunity: deals of L01 L02 L05 L08 L15 = 5.
    # Won: L01 L08 = 2; lost: L02 L15 = 2. Revenue: 40,000 + 25,000 = 65,000 (L19's deal
    # belongs to the December cohort).
    frame = run("funnel_counts", fixture_db, dimension="all")
    assert counts_by_segment(fixture_db, "all") == {"all leads": [18, 12, 11, 6, 4, 5, 2, 2]}
    assert float(frame.loc[0, "revenue"]) == 65_000


def test_funnel_counts_by_creation_month(fixture_db):
    # Rejected: L03 L04 (Jan), L09 (Feb), L17 (Mar).
    # Jan: L01-L07 = 7; MQL L01-L05 = 5, all handed off; SQL L01 L02 L05 = 3, all with a
    #      deal; won L01; lost L02.
    # Feb: L08-L13 = 6; MQL L08 L09 L10 L12 L13 = 5; handoff 5 - L10 = 4; SQL L08 L13 = 2;
    #      opportunity L08 = 1, won.
    # Mar: L14-L18 = 5; MQL L15 L17 = 2, both handed off; SQL L15, deal lost.
    assert counts_by_segment(fixture_db, "created_month") == {
        "2026-01": [7, 5, 5, 3, 2, 3, 1, 1],
        "2026-02": [6, 5, 4, 2, 1, 1, 1, 0],
        "2026-03": [5, 2, 2, 1, 1, 1, 0, 1],
    }


def test_funnel_counts_by_rep(fixture_db):
    # Anna Nowak: L01 L03 L05 L09 L12 L15 (6, all handed off); SQL L01 L05 L15; rejected
    #   L03 L09; deals of
    #   the same three; won L01; lost L15.
    # Piotr Kowalski: L02 L04 L08 L13 L17 (5); SQL L02 L08 L13; rejected L04 L17; deals
    #   L02 L08; won L08,
    #   lost L02.
    # Not handed off: 18 - 6 - 5 = 7, of which L10 is an MQL.
    assert counts_by_segment(fixture_db, "rep") == {
        "(not handed off)": [7, 1, 0, 0, 0, 0, 0, 0],
        "Anna Nowak": [6, 6, 6, 3, 2, 3, 1, 1],
        "Piotr Kowalski": [5, 5, 5, 3, 2, 2, 1, 1],
    }


def test_funnel_counts_by_company_size_band(fixture_db):
    # 1-9: L04 (MQL, rejected) L11. 10-49: L03 (MQL, rejected) L06 L07 L16. Rejected
    # 50-249: L09; 250-999: L17.
    # 50-249: L01 L08 L09 L15 L18; MQL 4 (not L18); SQL L01 L08 L15; won L01 L08; lost L15.
    # 250-999: L02 L05 L12 L17, all MQL and handed off; SQL L02 L05; deals both; lost L02.
    # 1000+: L10 (never handed off) L13 (SQL, no deal). unknown: L14, no size given.
    assert counts_by_segment(fixture_db, "size_band") == {
        "1-9": [2, 1, 1, 0, 1, 0, 0, 0],
        "10-49": [4, 1, 1, 0, 1, 0, 0, 0],
        "50-249": [5, 4, 4, 3, 1, 3, 2, 1],
        "250-999": [4, 4, 4, 2, 1, 2, 0, 1],
        "1000+": [2, 2, 1, 1, 0, 0, 0, 0],
        "unknown": [1, 0, 0, 0, 0, 0, 0, 0],
    }


def test_funnel_counts_by_campaign_and_channel(fixture_db):
    # Webinar campaign: L01 L02 L07 L10 L12 L15 L18 = 7; MQL L01 L02 L10 L12 L15 = 5;
    #   handoff 4 (not L10); SQL L01 L02 L15; deals the same; won L01; lost L02 L15.
    # LinkedIn: L03 L04 L06 L09 L11 L14 L16 = 7; MQL L03 L04 L09, all rejected (3).
    # L17 (referral, no campaign) is the other rejection.
    # No campaign (referrals): L05 L08 L13 L17 = 4, all handed off; SQL L05 L08 L13; deals
    #   L05 (open) L08 (won).
    by_campaign = counts_by_segment(fixture_db, "campaign")
    assert by_campaign == {
        "(no campaign)": [4, 4, 4, 3, 1, 2, 1, 0],
        "LinkedIn ABM – IT and manufacturing": [7, 3, 3, 0, 3, 0, 0, 0],
        "Webinar: Lead scoring in practice": [7, 5, 4, 3, 0, 3, 1, 2],
    }
    by_channel = counts_by_segment(fixture_db, "channel")
    assert by_channel["referral"] == by_campaign["(no campaign)"]
    assert by_channel["webinar"] == by_campaign["Webinar: Lead scoring in practice"]


def test_funnel_counts_industry_split_and_filters(fixture_db):
    # IT & software in Q1: L01 L03 L06 L08 L12 L15 L18 = 7; MQL L01 L03 L08 L12 L15 = 5,
    # all handed off; SQL L01 L08 L15; rejected L03; deals the same; won L01 L08; lost L15.
    assert counts_by_segment(fixture_db, "industry")["IT & software"] == [7, 5, 5, 3, 1, 3, 2, 1]
    # Filter to webinar leads handed to Anna: L01 L12 L15 (L02 went to Piotr); none rejected.
    assert counts_by_segment(fixture_db, "all", channels=["webinar"], reps=["Anna Nowak"]) == {
        "all leads": [3, 3, 3, 2, 0, 2, 1, 1]
    }
    # Two size bands at once: 1-9 and 1000+ = 2 + 2 leads.
    assert counts_by_segment(fixture_db, "all", size_bands=["1-9", "1000+"])["all leads"][0] == 4
    # A period with no leads returns no rows, not an error.
    assert run("funnel_counts", fixture_db, dimension="all", start=date(2027, 1, 1)).empty


def test_funnel_counts_period_bounds_are_whole_days(fixture_db):
    # The end day is included until midnight: L18 was created 2026-03-20 10:00.
    day = {"start": date(2026, 3, 20), "end": date(2026, 3, 20)}
    assert counts_by_segment(fixture_db, "all", **day)["all leads"][0] == 1


def test_stage_velocity_medians(fixture_db):
    # lead→MQL days: L01 2, L02 4, L03 1, L04 3, L05 5, L08 1, L09 6, L10 2, L12 38, L13 2,
    #   L15 3, L17 2 → sorted 1 1 2 2 2 2 | 3 3 4 5 6 38 → median (2 + 3) / 2 = 2.5 (12 leads).
    # MQL→handoff hours: 1, .5, 1, 1, 1, .25, .5, 1, 1, 1, .5 → 6th of 11 = 1 h = 1/24 day.
    # handoff→SQL days: L01 2, L02 3, L05 4, L08 1, L13 5 (27 Feb → 4 Mar), L15 2
    #   → 1 2 2 | 3 4 5 → 2.5.
    # SQL→opportunity days: L01 5, L02 10, L05 45 (24 Jan → 10 Mar), L08 5, L15 2 → 5.
    # opportunity→won days: L01 30 (14 Jan → 13 Feb), L08 30 (9 Feb → 11 Mar) → 30.
    frame = run("stage_velocity", fixture_db)
    assert frame["step"].tolist() == [
        "lead → MQL",
        "MQL → handoff",
        "handoff → SQL",
        "SQL → opportunity",
        "opportunity → won",
    ]
    assert frame["median_days"].tolist() == pytest.approx([2.5, 1 / 24, 2.5, 5.0, 30.0])
    assert frame["leads"].tolist() == [12, 11, 6, 5, 2]


def test_headline_by_period_counts_events_on_their_day(fixture_db):
    # Current = Q1 2026; previous = the 90 days before it: 3 Oct - 31 Dec 2025.
    # Current: leads L01-L18 = 18; MQLs 12 (L19's was 22 Dec); SQLs accepted in Q1: the six
    # of the cohort + L19 (5 Jan) = 7; handed off in Q1: 11, of which accepted 6, rejected 4
    # (L03 L04 L09 L17) and still undecided 1 (L12); won deals closed in Q1: D01 13 Feb,
    # D08 11 Mar, D19 30 Jan = 3; revenue 40,000 + 25,000 + 10,000 = 75,000.
    # Previous: L19 and L20 created (2); L19 an MQL and handed off (1 each), accepted later
    # (so 1 of 1 handoffs accepted, but 0 SQLs in the period); no deal closed.
    frame = run(
        "headline_by_period",
        fixture_db,
        previous_start=date(2025, 10, 3),
        previous_end=date(2025, 12, 31),
    ).set_index("period")
    columns = ["leads", "mqls", "sqls", "handoffs", "handoffs_accepted", "handoffs_rejected"]
    columns += ["handoffs_awaiting_decision", "won_deals", "revenue"]
    assert [float(frame.loc["current", c]) for c in columns] == [18, 12, 7, 11, 6, 4, 1, 3, 75_000]
    assert [float(frame.loc["previous", c]) for c in columns] == [2, 1, 0, 1, 1, 0, 0, 0, 0]


def test_headline_by_period_respects_filters(fixture_db):
    # Piotr's leads in Q1: L02 L04 L08 L13 L17 → 5 leads, 5 MQLs, SQLs L02 L08 L13 = 3;
    # won deals: D08 = 25,000. Previous period: none of his.
    frame = run(
        "headline_by_period",
        fixture_db,
        reps=["Piotr Kowalski"],
        previous_start=date(2025, 10, 3),
        previous_end=date(2025, 12, 31),
    ).set_index("period")
    assert [float(frame.loc["current", c]) for c in ["leads", "mqls", "sqls", "won_deals"]] == [
        5,
        5,
        3,
        1,
    ]
    assert float(frame.loc["current", "revenue"]) == 25_000
    assert float(frame.loc["previous", "leads"]) == 0


@pytest.mark.parametrize(
    ("stage", "dimension", "segment", "expected"),
    [
        ("sql", "all", None, ["L15", "L13", "L08", "L05", "L02", "L01"]),
        ("won", "rep", "Piotr Kowalski", ["L08"]),
        ("lost", "all", None, ["L15", "L02"]),
        ("mql", "size_band", "1000+", ["L13", "L10"]),
        ("opportunity", "created_month", "2026-02", ["L08"]),
        ("lead", "campaign", "(no campaign)", ["L17", "L13", "L08", "L05"]),
    ],
)
def test_leads_at_stage_lists_the_leads_behind_a_count(
    fixture_db, stage, dimension, segment, expected
):
    frame = run(
        "leads_at_stage",
        fixture_db,
        stage=stage,
        dimension=dimension,
        segment=segment,
        row_limit=None,
    )
    assert frame["lead_id"].tolist() == expected


def test_leads_at_stage_limit_keeps_the_newest(fixture_db):
    frame = run(
        "leads_at_stage", fixture_db, stage="lead", dimension="all", segment=None, row_limit=2
    )
    assert frame["lead_id"].tolist() == ["L18", "L17"]


def test_leads_at_stage_carries_the_deal_outcome(fixture_db):
    frame = run(
        "leads_at_stage", fixture_db, stage="won", dimension="all", segment=None, row_limit=None
    ).set_index("lead_id")
    assert float(frame.loc["L01", "won_amount"]) == 40_000
    assert frame.loc["L01", "rep"] == "Anna Nowak"
    assert frame.loc["L01", "campaign"] == "Webinar: Lead scoring in practice"


def test_data_range_describes_the_file(fixture_db):
    row = db.run("data_range", {}, fixture_db).iloc[0]
    assert row["source"] == "test fixture"
    assert str(row["as_of"]) == "2026-04-01 00:00:00"
    assert str(row["first_lead_at"]) == "2025-12-20 09:00:00"  # L19
    assert str(row["last_lead_at"]) == "2026-03-20 10:00:00"  # L18
    assert int(row["leads"]) == 20


def test_filter_options_come_from_the_data(fixture_db):
    frame = db.run("filter_options", {}, fixture_db)
    options = frame.groupby("field")["value"].apply(list).to_dict()
    assert options["channel"] == ["linkedin_ads", "referral", "webinar"]
    assert options["rep"] == ["Anna Nowak", "Piotr Kowalski"]
    assert options["industry"] == ["IT & software", "education", "finance", "manufacturing"]
    assert set(options["size_band"]) == {"1-9", "10-49", "50-249", "250-999", "1000+", "unknown"}


def test_every_query_file_is_run_by_a_test():
    # Each queries/*.sql must be run, by name, in a test with hand-computed expectations.
    sources = "".join(
        p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py")
    )
    untested = [name for name in db.query_names() if f'"{name}"' not in sources]
    assert not untested, f"queries without a test: {untested}"


def test_table_counts_counts_every_data_table(fixture_db):
    # One row per CSV line under the header in tests/fixtures/: 20 leads, 52 touchpoints,
    # 6 deals, 2 campaigns, 7 monthly costs, 4 monthly targets, 14 scoring rules,
    # 2 threshold versions, 1 SLA policy; 12 leads with a handoff date (22 Dec 2025 and 11 in
    # Q1 2026).
    counts = db.run("table_counts", {}, fixture_db).set_index("table_name")["row_count"]
    assert counts.to_dict() == {
        "leads": 20,
        "handoffs": 12,
        "touchpoints": 52,
        "deals": 6,
        "campaigns": 2,
        "campaign_costs": 7,
        "sql_targets": 4,
        "scoring_rules": 14,
        "scoring_thresholds": 2,
        "sla_policy": 1,
    }
