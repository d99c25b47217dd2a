"""The what-if replay on the hand-made fixture, against numbers worked out by hand.

The fixture's scoring rules (tests/fixtures/scoring_rules.csv, in effect since 2025-01-01):
touchpoints demo_request 40, roi_calculator 25, pricing_page_visit 15, ebook_download 10,
email_open 1 (newsletter_signup has no rule: 0); fit: company size 1-9 −5, 50-249 +5, 250-999
+10, 1000+ +10; industry IT & software +5, education −5; seniority C-level +10, director +5,
student −20. The MQL threshold was 50, and is 55 since 2026-03-01 (the current rules).

Fit points: L01 IT/120/C-level 5+5+10 = 20; L02 manufacturing/300/director 10+5 = 15;
L03 IT/30/manager 5; L04 education/5/C-level −5−5+10 = 0; L05 800/C-level 10+10 = 20;
L06 IT/45/specialist 5; L07 education/12/student −5−20 = −25; L08 IT/60/C-level 20;
L09 finance/150/C-level 5+10 = 15; L10 2000/manager 10; L11 finance/8 −5; L12 IT/250/director
5+10+5 = 20; L13 finance/1000/director 10+5 = 15; L14 size unknown/specialist 0; L15 IT/90/C-level
20; L16 education/20 −5; L17 400/specialist 10; L18 IT/70/manager 5+5 = 10.

Scores (fit + touchpoints; each lead's first touchpoint is an e-book at creation, each MQL's
demo request is its mql_at): the MQLs cross at fit + 10 + 40, from fit + 10 below the threshold.
Highest score each reaches, with the touchpoints after the crossing:
    L05 20+10+40+25 (ROI 28 Jan) = 95    L08 20+10+40+15 (pricing 10 Feb) = 85
    L09 15+10+40+15 (pricing 20 Mar) = 80    L15 20+10+40+1+1 = 72    L01 70    L12 70
    L02 65    L13 65    L10 10+10+40+1 = 61    L17 60    L03 55 (newsletter: 0)    L04 50
    L18 10+10+1+25 = 46    L06 5+10+1+25+1+1 = 43    L14 0+10+1+15 = 26    L11 6    L16 6
    L07 −14
Outcomes: SQL L01 (won 40,000) L02 (lost) L05 (open) L08 (won 25,000) L13 L15 (lost);
rejected L03 (company too small) L04 (no reason) L09 (no budget) L17 (not the decision maker);
L12 awaits a decision; L10 was an MQL never handed off; the rest were never MQLs.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadflow import db, scenarios, weights, whatif
from leadflow.app import whatif_cache
from leadflow.app.filters import Filters
from tests.conftest import FIXTURE_AS_OF, fixture_tables

Q1 = Filters(date(2026, 1, 1), date(2026, 3, 31))
Q1_PARAMS = {
    "start": date(2026, 1, 1),
    "end": date(2026, 3, 31),
    "channels": [],
    "industries": [],
    "size_bands": [],
}
TYPES = [
    "demo_request",
    "ebook_download",
    "email_open",
    "newsletter_signup",
    "pricing_page_visit",
    "roi_calculator",
]


@pytest.fixture(scope="module")
def catalog(fixture_db) -> whatif.Catalog:
    return whatif.Catalog.from_frames(
        db.run("whatif_rules", {}, fixture_db), db.run("whatif_thresholds", {}, fixture_db)
    )


@pytest.fixture(scope="module")
def q1(fixture_db) -> whatif.ReplayData:
    return whatif.load_uncached(whatif_cache.replay_key(Q1), fixture_db)


def current(q1: whatif.ReplayData, **kwargs) -> whatif.Scored:
    return whatif.replay(q1, q1.catalog.current, 150, **kwargs)


def with_points(rules: whatif.Rules, **changes: int) -> whatif.Rules:
    points = rules.as_dict()
    for name, value in changes.items():
        points[(whatif.TOUCHPOINT, name)] = value
    return whatif.Rules.of(points, rules.half_life_days)


# The queries.


def test_whatif_rules_lists_every_value_with_its_points(fixture_db):
    frame = db.run("whatif_rules", {}, fixture_db)
    rules = {(r.rule_type, r.match): r.points for r in frame.itertuples()}
    # 6 touchpoint types in the data, 4 industries, 6 size bands (with 'unknown'), 5
    # seniorities; no rule for country or job title, so neither is listed.
    assert len(frame) == 6 + 4 + 6 + 5
    assert rules[("touchpoint", "roi_calculator")] == 25
    assert pd.isna(rules[("touchpoint", "newsletter_signup")])  # in the data, no rule
    assert pd.isna(rules[("industry", "finance")])
    assert rules[("seniority", "student")] == -20
    assert not (frame["rule_type"] == "country").any()


def test_whatif_thresholds_and_the_current_rules(fixture_db, catalog):
    frame = db.run("whatif_thresholds", {}, fixture_db)
    assert frame["mql_threshold"].tolist() == [50, 55]
    assert frame["in_effect_by_data_date"].tolist() == [True, True]
    # The current rules: the latest threshold on or before the data date (1 Apr 2026).
    assert catalog.current_threshold == 55
    assert catalog.current.half_life_days is None
    assert catalog.types == tuple(TYPES)
    assert catalog.current.get("touchpoint", "demo_request") == 40


def test_whatif_leads_one_row_per_lead_with_outcome_and_cost(fixture_db, catalog):
    frame = db.run("whatif_leads", {**Q1_PARAMS, **catalog.value_lists()}, fixture_db)
    # L01-L18 in lead_id order (row i is lead_index i of whatif_touchpoints); months from
    # January (0).
    assert len(frame) == 18 and "lead_index" not in frame
    frame["lead_index"] = range(18)
    assert frame["created_month"].tolist() == [0] * 7 + [1] * 6 + [2] * 5
    # Recorded MQL months: L01-L05 Jan; L08 L09 L10 L13 Feb; L12 (30 Mar) L15 L17 Mar.
    recorded = frame["recorded_mql_month"].fillna(-1).astype(int).tolist()
    assert recorded == [0, 0, 0, 0, 0, -1, -1, 1, 1, 1, -1, 2, 1, -1, 2, -1, 2, -1]
    # Cost share: C-LI-01 January 5,000 / 3 leads (L03 L04 L06); February 5,000 / 2 (L09 L11);
    # March 4,000 / 2 (L14 L16). C-WEB-01 3,000 a month: Jan / 3 (L01 L02 L07), Feb / 2 (L10
    # L12), Mar / 2 (L15 L18). Referrals cost nothing. All together: 14,000 + 9,000.
    cost = frame.set_index(frame["lead_index"] + 1)["marketing_cost"]
    assert cost[3] == pytest.approx(5000 / 3)
    assert cost[9] == 2500 and cost[12] == 1500 and cost[5] == 0
    assert cost.sum() == pytest.approx(23_000)
    # Fit codes: positions in the value lists; L01 is IT & software (1st), C-level (1st).
    assert frame.loc[0, "industry"] == 1 and frame.loc[0, "seniority"] == 1
    assert (
        frame.loc[13, "size_band"] == catalog.attributes["company_size_band"].index("unknown") + 1
    )
    assert frame["is_rejected"].sum() == 4 and frame["is_won"].sum() == 2


def test_whatif_touchpoints_counts_per_lead_month_and_type(fixture_db):
    frame = db.run("whatif_touchpoints", {**Q1_PARAMS, "types": TYPES}, fixture_db)
    # 48 touchpoints of L01-L18 (36 creation/second touchpoints, L03's newsletter, L09's
    # pricing visit, 10 more) in 45 lead × month × type rows (L06's three opens are one row,
    # L15's two opens one row).
    assert frame["touchpoints"].sum() == 48
    assert len(frame) == 45
    l06 = frame[frame["lead_index"] == 5].set_index("type_index")["touchpoints"].to_dict()
    assert l06 == {1: 1, 2: 3, 5: 1}  # ebook, 3 opens, ROI calculator, all in January
    l09 = frame[frame["lead_index"] == 8][["month_index", "type_index"]].values.tolist()
    assert sorted(l09) == [[1, 0], [1, 1], [2, 4]]  # Feb ebook + demo, March pricing


def test_whatif_reps_by_month(fixture_db):
    frame = db.run("whatif_reps_by_month", {}, fixture_db)
    # December: Anna (L19); January to March: Anna and Piotr.
    assert [str(m)[:10] for m in frame["month"]] == [
        "2025-12-01",
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
    ]
    assert frame["reps"].tolist() == [1, 2, 2, 2]


def test_whatif_counts_at_handoff_leave_out_later_touchpoints(fixture_db):
    frame = db.run("whatif_counts_at_handoff", {**Q1_PARAMS, "types": TYPES}, fixture_db)
    # 11 handed-off leads, each with its e-book and demo request before the handoff; L03's
    # newsletter, L05's ROI, L08's and L09's pricing and L15's opens came later.
    assert len(frame) == 22
    assert frame["touchpoints"].tolist() == [1] * 22
    assert set(frame["type_index"]) == {0, 1}


# The replay.


def replay_by_hand(fixture_tables, points, thresholds) -> dict[str, datetime | None]:
    """The definition, touchpoint by touchpoint: the first touchpoint at which fit + points
    so far reach the threshold in effect at that moment."""
    leads, tps = fixture_tables["leads"], fixture_tables["touchpoints"]
    band = {
        "1-9": (1, 9),
        "10-49": (10, 49),
        "50-249": (50, 249),
        "250-999": (250, 999),
        "1000+": (1000, 10**9),
    }
    out = {}
    for lead in leads.itertuples():
        size = "unknown"
        if pd.notna(lead.company_size):
            size = next(b for b, (lo, hi) in band.items() if lo <= int(lead.company_size) <= hi)
        score = (
            points.get(("industry", lead.industry), 0)
            + points.get(("company_size_band", size), 0)
            + points.get(("seniority", lead.seniority), 0)
        )
        mine = tps[tps["lead_id"] == lead.lead_id].sort_values("occurred_at")
        out[lead.lead_id] = None
        for tp in mine.itertuples():
            at = datetime.fromisoformat(tp.occurred_at)
            score += points.get(("touchpoint", tp.type), 0)
            threshold = [t for since, t in thresholds if since <= at][-1]
            if score >= threshold:
                out[lead.lead_id] = at
                break
    return out


def test_replaying_the_rules_reproduces_every_recorded_mql(catalog):
    from tests.conftest import fixture_tables

    tables = fixture_tables()
    thresholds = [
        (datetime.fromisoformat(r.valid_from), int(r.mql_threshold))
        for r in tables["scoring_thresholds"].itertuples()
    ]
    replayed = replay_by_hand(tables, catalog.current.as_dict(), thresholds)
    recorded = {
        r.lead_id: (datetime.fromisoformat(r.mql_at) if pd.notna(r.mql_at) else None)
        for r in tables["leads"].itertuples()
    }
    assert replayed == recorded


def test_replay_at_the_current_threshold(q1):
    now = current(q1).at(55)
    # Reaching 55: L05 L08 L09 L15 L01 L12 L02 L13 L10 L17 L03 = 11; not L04 (50).
    # Sales saw all but L10 (10): SQL L05 L08 L15 L01 L02 L13 = 6; rejected L09 L17 L03 = 3;
    # L12 awaits. Won L08 + L01 = 65,000 of the cohort's 2 won deals.
    assert (now.mqls, now.observed, now.untested) == (11, 10, 1)
    assert (now.sqls, now.rejected, now.awaiting) == (6, 3, 1)
    assert (now.won, now.won_total, now.won_missed) == (2, 2, 0)
    assert now.revenue == 65_000 and now.revenue_missed == 0
    assert now.recall == 1.0 and now.precision == pytest.approx(2 / 10)
    assert now.rejections_by_reason == {
        "(no reason given)": 0,
        "company too small": 1,
        "no budget": 1,
        "not the decision maker": 1,
    }
    # First crossing of 55 by month: Jan L01 L02 L03 L05; Feb L08 L09 L10 L13; Mar L12 L15 L17.
    assert now.mqls_by_month.tolist() == [4, 4, 3]
    assert now.untested_by_month.tolist() == [0, 1, 0]  # L10, February
    # Per rep per week: 4 / 2 reps / (31/7 weeks); 4 / 2 / 4; 3 / 2 / (31/7).
    assert now.handoffs_per_rep_week.tolist() == pytest.approx([14 / 31, 0.5, 10.5 / 31])
    # Cost per SQL: 23,000 / 6.
    assert now.cost_per_sql == pytest.approx(23_000 / 6)


def test_raising_the_threshold_trades_won_deals_for_workload(q1):
    scored = current(q1)
    above_70 = scored.at(71)
    # Reaching 71: L05 95 (ROI, January), L08 85 (pricing, February), L09 80 (pricing after its
    # recycling, March), L15 72 (second open, March).
    assert above_70.mqls == 4
    assert above_70.mqls_by_month.tolist() == [1, 1, 2]
    # SQL L05 L08 L15; rejected L09; won L08 only: L01's 40,000 is missed.
    assert (above_70.sqls, above_70.rejected, above_70.won) == (3, 1, 1)
    assert above_70.won_missed == 1 and above_70.revenue_missed == 40_000
    assert above_70.recall == 0.5 and above_70.precision == pytest.approx(1 / 4)
    # Lowering to 50 adds L04 (rejected without a reason); to 45, L18 (46, untested).
    assert scored.at(50).mqls == 12 and scored.at(50).rejected == 4
    assert scored.at(45).mqls == 13 and scored.at(45).untested == 2
    assert scored.at(80).mqls_by_month.tolist() == [1, 1, 1]  # L05 Jan, L08 Feb, L09 Mar


def test_candidate_weights_change_the_scores(q1):
    # ROI calculator at 40 instead of 25: L05 110, L18 61, L06 58 (L06 and L18 untested).
    candidate = whatif.replay(q1, with_points(q1.catalog.current, roi_calculator=40), 150)
    assert candidate.max_score[[4, 17, 5]].tolist() == [110, 61, 58]
    at_55 = candidate.at(55)
    assert (at_55.mqls, at_55.untested) == (13, 3)  # + L06 and L18 on top of the 11
    assert at_55.untested_by_month.tolist() == [1, 1, 1]  # L06 Jan, L10 Feb, L18 Mar


def test_estimates_come_from_observed_leads_of_the_same_band(q1):
    scored = current(q1, min_observed=3)
    # Bands of observed leads (highest score): 90s L05 · 80s L08 L09 · 70s L15 L01 L12 ·
    # 60s L02 L13 L17 · 50s L03 L04. Pooled from the top to at least 3: 80-99 (3), 70-79 (3),
    # 60-69 (3); the 50s (2) are too few and join the 60s: 50-69 with 5 leads, 2 SQLs, no win.
    groups = scored.groups
    assert groups[["band_from", "band_to", "observed", "sqls", "won"]].values.tolist() == [
        [80, 99, 3, 2, 1],
        [70, 79, 3, 2, 1],
        [50, 69, 5, 2, 0],
    ]
    estimate = scored.at(45).estimate
    # Untested at 45: L10 (61) and L18 (46; no observed lead in the 40s: pooled with 50-69).
    # Expected SQLs 2 × 2/5 = 0.8; Wilson 95% for 2 of 5 (z² = 3.8415): centre
    # (0.4 + 0.3841) / 1.7683 = 0.4434, half 1.96 × √(0.048 + 0.0384) / 1.7683 = 0.3258
    # → 0.1176 to 0.7693, × 2 leads.
    assert estimate.leads == 2 and estimate.borrowed == 1  # L18's own band saw nobody
    assert estimate.sqls.value == pytest.approx(0.8)
    assert (estimate.sqls.low, estimate.sqls.high) == pytest.approx((0.2352, 1.5386), abs=1e-4)
    # No win in 50-69: expected 0; the upper end, 0.4345 per lead (Wilson for 0 of 5), at the
    # average won amount of all observed leads ((40,000 + 25,000) / 2) since the band has none.
    assert estimate.won.value == 0 and estimate.won.high == pytest.approx(0.8690, abs=1e-4)
    assert estimate.revenue.high == pytest.approx(0.868965 * 32_500, rel=1e-4)


def test_decay_ages_touchpoints_by_whole_months(q1):
    decayed = whatif.replay(
        q1, whatif.Rules.of(q1.catalog.current.as_dict(), half_life_days=30), 150
    )
    # L09: 65 at the end of February; the March pricing visit adds 15 to 50 points of
    # touchpoints aged one month (× ½^(30.44/30) = 0.4949): 15 + 50 × 0.4949 + fit 15.
    assert decayed.max_score[8] == pytest.approx(65)  # the February peak stays the maximum
    month = 365.25 / 12
    l09_march = 15 + 15 + 50 * 0.5 ** (month / 30)
    assert l09_march < 65
    # L12: e-book in February (10), demo in March (40): 20 + 40 + 10 × ½^(30.44/30).
    assert decayed.max_score[11] == pytest.approx(20 + 40 + 10 * 0.5 ** (month / 30))


def test_negative_points_keep_the_best_score_reached(q1):
    # Opens cost 10 points: L15 reaches 70 at its demo request, then drops to 50 in the same
    # month, so by month-end its score is 50 (months are the replay's unit). L06's January
    # nets 10 − 3 × 10 + 25 = 5 points: 10 with its fit.
    rules = with_points(q1.catalog.current, email_open=-10)
    scored = whatif.replay(q1, rules, 150)
    assert scored.max_score[14] == 50
    assert scored.max_score[5] == 15 - 10 + 25 - 10 - 10


def test_month_replay_matches_the_touchpoint_replay_for_any_threshold(q1):
    from tests.conftest import fixture_tables

    tables = fixture_tables()
    tables["leads"] = tables["leads"][tables["leads"]["lead_id"] <= "L18"]
    for rules in (q1.catalog.current, with_points(q1.catalog.current, roi_calculator=60)):
        scored = whatif.replay(q1, rules, 150)
        for threshold in range(1, 120, 3):
            crossed = replay_by_hand(tables, rules.as_dict(), [(datetime(2000, 1, 1), threshold)])
            months = [at.month - 1 for at in crossed.values() if at is not None]
            expected = np.bincount(months, minlength=3).tolist()
            assert scored.at(threshold).mqls_by_month.tolist() == expected, threshold


def test_curves_lift_and_volume_lookup(q1):
    scored = current(q1)
    curves = scored.curves().set_index("threshold")
    assert curves.loc[55, "mqls"] == 11 and curves.loc[71, "recall"] == 0.5
    assert curves.loc[71, "precision"] == pytest.approx(0.25)
    # 11 MQLs at every threshold from 51 to 55 (nobody scores 51-54): the highest wins.
    assert scored.threshold_for_volume(11) == 55
    lift = scored.lift()
    # 11 observed leads in deciles: the top decile holds L05 (95) and L08 (85, won):
    # won rate 1/2 against 2/11 overall → lift 2.75.
    assert lift.loc[0, "leads"] == 2 and lift.loc[0, "lift"] == pytest.approx(2.75)
    assert lift["leads"].sum() == 11


def test_comparison_table_labels_estimates(q1):
    now = current(q1).at(55)
    then = current(q1).at(71)
    table = whatif.comparison(now, then).set_index("measure")
    assert table.loc["Won deals kept (recall)", "candidate"] == "1 of 2 (50.0%)"
    assert table.loc["Won deals missed", "change"] == "+1"
    assert table.loc["Revenue missed", "candidate"] == "40,000 PLN"
    assert table.loc["MQLs (leads whose score reaches the threshold)", "change"] == "-7"
    estimate_rows = [m for m in table.index if m.startswith("ESTIMATE")]
    assert len(estimate_rows) == 4
    avoided = whatif.rejections_avoided(now, then).set_index("reason")["avoided"].to_dict()
    assert avoided == {
        "company too small": 1,
        "not the decision maker": 1,
        "no budget": 0,
        "(no reason given)": 0,
    }


def test_weight_keys_are_short_unique_url_names(catalog):
    keys = whatif.weight_keys(catalog)
    assert keys[("touchpoint", "roi_calculator")] == "w_roi_calculator"
    assert keys[("industry", "IT & software")] == "w_industry_it_software"
    assert keys[("company_size_band", "1000+")] == "w_size_1000"
    assert len(set(keys.values())) == len(keys)


rule_sets = st.fixed_dictionaries(
    {
        "touchpoints": st.lists(st.integers(-10, 60), min_size=6, max_size=6),
        "fit": st.lists(st.integers(-30, 30), min_size=3, max_size=3),
        "half_life": st.sampled_from([None, 30, 90]),
        "thresholds": st.lists(st.integers(1, 150), min_size=2, max_size=2),
    }
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(r=rule_sets)
def test_raising_the_threshold_never_adds_mqls(q1, r):
    points = {("touchpoint", t): p for t, p in zip(TYPES, r["touchpoints"])}
    points[("seniority", "C-level")], points[("industry", "education")] = r["fit"][:2]
    points[("company_size_band", "1-9")] = r["fit"][2]
    scored = whatif.replay(q1, whatif.Rules.of(points, r["half_life"]), 150)
    low, high = sorted(r["thresholds"])
    a, b = scored.at(low), scored.at(high)
    assert b.mqls <= a.mqls and b.observed <= a.observed and b.won <= a.won
    assert b.estimate.sqls.value <= a.estimate.sqls.value + 1e-9
    for o in (a, b):
        # Every passed lead crosses once, in one month; outcomes stay within the passed leads.
        assert o.mqls_by_month.sum() == o.mqls
        assert o.untested_by_month.sum() == o.untested
        assert o.sqls + o.rejected + o.awaiting == o.observed
        assert 0 <= o.won <= o.won_total
        assert o.estimate.sqls.low <= o.estimate.sqls.value <= o.estimate.sqls.high


# Suggested weights.


def synthetic_replay(n: int = 4000, seed: int = 1) -> tuple[whatif.ReplayData, pd.DataFrame]:
    """Handed-off leads whose acceptance depends on demo requests and seniority, not on
    newsletter sign-ups: log-odds = −1.5 + 1.2 × demos + 0.8 × C-level."""
    rng = np.random.default_rng(seed)
    demos = rng.poisson(0.8, n)
    newsletters = rng.poisson(1.5, n)
    c_level = rng.random(n) < 0.4
    accepted = rng.random(n) < 1 / (1 + np.exp(-(-1.5 + 1.2 * demos + 0.8 * c_level)))
    catalog = whatif.Catalog(
        types=("demo_request", "newsletter_signup"),
        attributes={"seniority": ("C-level", "specialist")},
        current=whatif.Rules.of(
            {("touchpoint", "demo_request"): 20, ("touchpoint", "newsletter_signup"): 20}
        ),
        current_threshold=20,
        has_rule=frozenset(),
    )
    leads = pd.DataFrame(
        {
            "lead_index": np.arange(n),
            "created_month": 0,
            "recorded_mql_month": 0,
            "is_handoff": True,
            "is_sql": accepted,
            "is_rejected": ~accepted,
            "rejection_reason": None,
            "is_won": accepted & (rng.random(n) < 0.3),
            "is_lost": False,
            "won_amount": 0.0,
            "marketing_cost": 0.0,
            "industry": 0,
            "size_band": 0,
            "seniority": np.where(c_level, 1, 2),
            "country": 0,
            "job_title": 0,
        }
    )
    counts = pd.DataFrame(
        {
            "lead_index": np.r_[np.arange(n), np.arange(n)],
            "type_index": np.r_[np.zeros(n, int), np.ones(n, int)],
            "touchpoints": np.r_[demos, newsletters],
        }
    )
    touchpoints = counts.assign(month_index=0)[counts["touchpoints"] > 0]
    touchpoints = touchpoints.sort_values(["lead_index", "type_index"])
    reps = pd.DataFrame({"month": [date(2026, 1, 1)], "reps": [1]})
    data = whatif.ReplayData.build(
        catalog, leads, touchpoints, reps, date(2026, 1, 1), date(2026, 1, 31)
    )
    return data, counts


def test_suggested_weights_recover_the_strong_signal():
    data, counts = synthetic_replay()
    suggestion = weights.suggest(data, counts, "accepted", data.catalog.current)
    assert not isinstance(suggestion, str)
    table = suggestion.weights.set_index("match")
    # A demo request carries the signal, a newsletter sign-up none: its interval holds 0.
    assert table.loc["demo_request", "suggested"] > 5 * max(
        abs(table.loc["newsletter_signup", "suggested"]), 1
    )
    assert table.loc["newsletter_signup", "low"] <= 0 <= table.loc["newsletter_signup", "high"]
    assert table.loc["C-level", "suggested"] > table.loc["specialist", "suggested"]
    # The model ranks better than the current rules, which weigh both touchpoints alike.
    assert suggestion.auc > suggestion.auc_current > 0.5
    assert suggestion.calibration["leads"].sum() == suggestion.test_leads
    applied = suggestion.as_rules(data.catalog.current)
    assert applied.get("touchpoint", "demo_request") == table.loc["demo_request", "suggested"]


def test_suggested_weights_say_when_there_is_too_little_history(q1, fixture_db):
    counts = db.run("whatif_counts_at_handoff", {**Q1_PARAMS, "types": TYPES}, fixture_db)
    message = weights.suggest(q1, counts, "won", q1.catalog.current)
    # 10 decided handoffs (6 accepted, 4 rejected), 2 won: far too few.
    assert message.startswith("Too few decided handoffs to fit a model: 10 leads, 2 won a deal")


def test_auc_counts_ties_as_half():
    # Positives 0.9 and 0.5 against negatives 0.5 and 0.1: pairs won 1 + 1 + 0.5 + 1 of 4.
    assert weights.auc(np.array([1, 1, 0, 0]), np.array([0.9, 0.5, 0.5, 0.1])) == 0.875


# Scenarios.


def test_scenarios_are_saved_beside_the_database(tmp_path: Path):
    database = tmp_path / "leadflow.duckdb"
    assert scenarios.load_all(database) == {}
    first = scenarios.Scenario("ROI 40", 60, {"touchpoint:roi_calculator": 40}, None, 25)
    scenarios.save(first, database)
    scenarios.save(scenarios.Scenario(" Strict ", 90, {}, 90), database)
    saved = scenarios.load_all(database)
    assert list(saved) == ["ROI 40", "Strict"]
    assert saved["ROI 40"].rule_points() == {("touchpoint", "roi_calculator"): 40}
    assert saved["Strict"].half_life_days == 90
    assert scenarios.path_for(database).name == "leadflow.scenarios.json"
    scenarios.delete("ROI 40", database)
    assert list(scenarios.load_all(database)) == ["Strict"]
    with pytest.raises(ValueError):
        scenarios.save(scenarios.Scenario("  ", 1, {}), database)


# Data with outcomes but no touchpoints, handoffs or scoring rules.


def converted_flag_tables(
    groups: tuple[tuple[str, int, int], ...] = (("IT & software", 60, 30), ("education", 60, 6)),
) -> dict[str, pd.DataFrame]:
    """The classic lead-scoring export (X Education's shape): leads with a creation date and
    an industry, and a won deal for each converted lead; no touchpoints, no handoff, acceptance
    or rejection dates, no scoring rules and no threshold. For each (industry, leads, converted)
    group, leads C001, C002, ... created from January to March 2026 (lead i of the group in
    month 1 + i % 3); the first `converted` of each group won a deal (amount 0, as in the
    export)."""
    rows, deals = [], []
    for industry, n, converted in groups:
        for i in range(n):
            lead = f"C{len(rows) + 1:03d}"
            created = f"2026-{1 + i % 3:02d}-{1 + i % 28:02d} 09:00"
            rows.append({"lead_id": lead, "created_at": created, "channel": "web",
                         "industry": industry})  # fmt: skip
            if i < converted:
                deals.append({"deal_id": f"D{lead}", "lead_id": lead, "created_at": created,
                              "closed_at": created, "stage": "won", "amount": "0",
                              "currency": "PLN"})  # fmt: skip
    tables = fixture_tables()
    leads = pd.DataFrame(rows).reindex(columns=tables["leads"].columns)
    deals_frame = pd.DataFrame(deals).reindex(columns=tables["deals"].columns)
    return {"leads": leads.astype(object), "deals": deals_frame.astype(object)}


def database_of(path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    db.create_database(path, tables, source="test fixture", as_of=FIXTURE_AS_OF)
    return path


@pytest.fixture(scope="module")
def converted_db(tmp_path_factory) -> Path:
    """120 leads: IT & software 60, 30 converted; education 60, 6 converted."""
    folder = tmp_path_factory.mktemp("converted")
    return database_of(folder / "leadflow.duckdb", converted_flag_tables())


@pytest.fixture(scope="module")
def untouched(tmp_path_factory) -> whatif.ReplayData:
    """Q1 of the fixture without its touchpoints (rules, handoffs and deals kept)."""
    tables = {k: v for k, v in fixture_tables().items() if k != "touchpoints"}
    path = database_of(tmp_path_factory.mktemp("untouched") / "leadflow.duckdb", tables)
    return whatif.load_uncached(whatif_cache.replay_key(Q1), path)


def test_whatif_rules_list_the_fit_attributes_when_no_rule_scores_fit(converted_db):
    frame = db.run("whatif_rules", {}, converted_db)
    # No scoring rules at all: the leads' fit values are listed, unscored. Industry holds two
    # values; company size only "unknown" (no sizes in the export): one value is nothing to
    # weight, so it is left out, as are seniority, country and job title (no values).
    assert frame[["rule_type", "match"]].values.tolist() == [
        ["industry", "IT & software"],
        ["industry", "education"],
    ]
    assert frame["points"].isna().all()
    cat = whatif.catalog(converted_db)
    # No threshold set either: the one a new database starts with (50).
    assert (cat.current_threshold, cat.current.points, cat.types) == (50, (), ())


def test_replay_without_touchpoints_scores_each_lead_by_fit_alone(untouched):
    # Each lead is scored once, in its creation month, by its fit (the module docstring's fit
    # points). Fit 20: L01 L05 (January), L08 L12 (February), L15 (March); fit 15 adds L02
    # (January), L09 L13 (February). Nobody reaches today's 55.
    scored = whatif.replay(untouched, untouched.catalog.current, 150)
    assert scored.at(20).mqls_by_month.tolist() == [2, 2, 1]
    assert scored.at(15).mqls_by_month.tolist() == [3, 4, 1]
    assert scored.at(55).mqls == 0
    # Of the 8 at 15: L01 (won), L02 (lost), L05, L08 (won), L13, L15 accepted; L09 rejected;
    # L12 awaits a decision.
    fifteen = scored.at(15)
    assert (fifteen.sqls, fifteen.rejected, fifteen.won) == (6, 1, 2)


def test_suggested_weights_without_handoffs_fit_won_deals_over_every_lead(converted_db):
    data = whatif.load_uncached(whatif_cache.replay_key(Q1), converted_db)
    assert not data.has_handoffs  # converted leads are handed off only by implication
    none = pd.DataFrame(columns=["lead_index", "type_index", "touchpoints"])
    assert weights.suggest(data, none, "accepted", data.catalog.current) == (
        "The data has no handoffs (no handoff dates, no rejections): there are no sales "
        "decisions to fit. Fit to won deals instead: every lead counts, won or not."
    )
    suggestion = weights.suggest(data, none, "won", data.catalog.current)
    assert not isinstance(suggestion, str), suggestion
    # Every one of the 120 leads counts, 30 + 6 = 36 of them won.
    assert suggestion.train_leads + suggestion.test_leads == 120
    assert suggestion.positives == 36 and suggestion.over_all_leads
    # Today's rules score every lead 0: 20 points double the odds, 20 / ln 2 a log-odds unit.
    assert suggestion.points_per_logit == pytest.approx(20 / np.log(2))
    table = suggestion.weights.set_index("match")["suggested"]
    # Half of IT & software converted against a tenth of education: IT scores higher. Both
    # groups are 60 leads and today's fit is 0, so the two are shifted to average 0.
    assert table["IT & software"] > 0 > table["education"]
    assert table["IT & software"] == -table["education"]


def test_suggested_weights_say_why_not_with_the_counts(tmp_path):
    few = database_of(
        tmp_path / "few.duckdb",
        converted_flag_tables((("IT & software", 30, 5), ("education", 20, 0))),
    )
    data = whatif.load_uncached(whatif_cache.replay_key(Q1), few)
    none = pd.DataFrame(columns=["lead_index", "type_index", "touchpoints"])
    # 30 + 20 = 50 leads, 5 won.
    assert weights.suggest(data, none, "won", data.catalog.current) == (
        "Too few leads to fit a model: 50 leads, 5 won a deal (needs 100 leads and 10 of each "
        "outcome). The data has no handoffs (no handoff dates, no rejections), so every lead "
        "counts, won or not."
    )
    assert weights.suggest(data, none, "won", data.catalog.current, lang="pl").startswith(
        "Za mało leadów, by dopasować model: 50 leadów, 5 z wygraną umową"
    )
    nobody = database_of(
        tmp_path / "nobody.duckdb", converted_flag_tables((("IT & software", 120, 0),))
    )
    data = whatif.load_uncached(whatif_cache.replay_key(Q1), nobody)
    assert weights.suggest(data, none, "won", data.catalog.current).startswith(
        "0 of the 120 leads won a deal: a model needs leads with the outcome and leads without it."
    )
