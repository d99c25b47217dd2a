"""The recommended threshold for a capacity, its bootstrap and backtest, on hand-made arrays."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest

from leadflow import db, recommend, weekly, whatif

ROOT = Path(__file__).resolve().parent.parent

DEMO = (whatif.TOUCHPOINT, "demo")

# Five leads, one touchpoint type worth 10 points, February and March 2026 (28 days of March
# in the data: 4 weeks each), one rep each month.
#   lead  touchpoints         score  sales             outcome
#   A     5 in February       50     handed off        accepted, won 1,000
#   B     4 in February       40     handed off        accepted, won 600
#   C     3 in March          30     handed off        rejected
#   D     2 in February       20     never (untested)
#   E     2 in March          20     never (untested)
TOUCHES = [(0, 0, 5), (1, 0, 4), (2, 1, 3), (3, 0, 2), (4, 1, 2)]  # lead, month, touchpoints


def replay_data(current_threshold: int = 50) -> whatif.ReplayData:
    catalog = whatif.Catalog(
        types=("demo",),
        attributes={},
        current=whatif.Rules.of({DEMO: 10}),
        current_threshold=current_threshold,
        has_rule=frozenset([DEMO]),
    )
    leads = pd.DataFrame(
        {
            "is_handoff": [True, True, True, False, False],
            "is_rejected": [False, False, True, False, False],
            "rejection_reason": [None, None, "no budget", None, None],
            "recorded_mql_month": [0, 0, 1, -1, -1],
            "is_sql": [True, True, False, False, False],
            "is_won": [True, True, False, False, False],
            "is_lost": [False] * 5,
            "won_amount": [1000.0, 600.0, 0.0, 0.0, 0.0],
            "marketing_cost": [0.0] * 5,
            **{column: [0] * 5 for column, _ in whatif.FIT_ATTRIBUTES.values()},
        }
    )
    touchpoints = pd.DataFrame(
        TOUCHES, columns=["lead_index", "month_index", "touchpoints"]
    ).assign(type_index=0)
    reps = pd.DataFrame({"month": [date(2026, 2, 1), date(2026, 3, 1)], "reps": [1, 1]})
    return whatif.ReplayData.build(
        catalog, leads, touchpoints, reps, date(2026, 2, 1), date(2026, 3, 28)
    )


def frontier(current_threshold: int = 50) -> recommend.Frontier:
    # min_observed=1: every score band with a lead sales saw stands on its own, so D and E
    # (band 20-29, below every band sales saw) take the lowest band's rates: C's, 0 of 1 won.
    scored = whatif.replay(replay_data(current_threshold), whatif.Rules.of({DEMO: 10}), 60,
                           min_observed=1)  # fmt: skip
    return recommend.frontier(scored)


def test_recommend_frontier_by_hand():
    front = frontier()
    table = front.table().set_index("threshold")
    # Busiest month, handoffs per rep per week (1 rep, 4 weeks a month):
    #   T 51-60: nobody passes                                  0
    #   T 41-50: A (Feb)                                         1/4 = 0.25, revenue 1,000
    #   T 31-40: A, B (Feb)                                      2/4 = 0.5,  revenue 1,600
    #   T 21-30: A, B (Feb), C (Mar)                     max(2/4, 1/4) = 0.5, revenue 1,600
    #   T  1-20: A, B, D (Feb), C, E (Mar)               max(3/4, 2/4) = 0.75, revenue 1,600
    assert table.loc[[55, 45, 35, 25, 15], "workload"].tolist() == [0, 0.25, 0.5, 0.5, 0.75]
    assert table.loc[[55, 45, 35, 25, 15], "revenue"].tolist() == [0, 1000, 1600, 1600, 1600]
    assert table.loc[[55, 45, 35, 25, 15], "sqls"].tolist() == [0, 1, 2, 2, 2]


def test_recommend_two_capacities_by_hand():
    front = frontier(current_threshold=50)
    # 0.25 a rep-week: thresholds 41-60 fit; the most revenue (1,000) at 41-50; the highest of
    # those is 50, today's: keep it.
    tight = recommend.recommend(front, 0.25, 50)
    assert (tight.threshold, tight.workload, tight.value, tight.direction) == (
        50,
        0.25,
        1000,
        "keep",
    )
    # 0.5: thresholds 21-60 fit; the most revenue (1,600) at 21-40; the highest is 40 (C, let in
    # by 21-30, was rejected: the same revenue for more work).
    spare = recommend.recommend(front, 0.5, 50)
    assert (spare.threshold, spare.workload, spare.value) == (40, 0.5, 1600)


def test_recommend_lowers_when_capacity_is_spare_and_raises_when_over():
    front = frontier()
    # Today 50 uses 0.25 of a capacity of 1: lowering to 40 brings B's 600 within capacity.
    assert recommend.recommend(front, 1, 50).direction == "lower"
    assert recommend.recommend(front, 1, 50).threshold == 40
    # Today 15 means 0.75 a rep-week, over a capacity of 0.25: raise to 50.
    over = recommend.recommend(front, 0.25, 15)
    assert (over.current_workload, over.threshold, over.direction) == (0.75, 50, "raise")
    # 0.2: only thresholds passing nobody fit; nothing to recommend.
    assert recommend.recommend(front, 0.2, 50).direction == "none"


def test_recommend_capacity_is_not_rounded():
    # 0.49 a rep-week is under 0.5: thresholds 31-40 do not fit (no rounding up to 0.5).
    assert recommend.recommend(frontier(), 0.49, 50).threshold == 50


def test_recommend_batches_add_up_to_the_frontier():
    data = replay_data()
    rules = whatif.Rules.of({DEMO: 10})
    scored = whatif.replay(data, rules, 60, min_observed=1)
    front = recommend.frontier(scored)
    batches = recommend.batches(scored, whatif._scores(data, rules)[1])
    # Five leads: each its own batch; drawing every batch once is the data itself.
    workload, sqls, revenue = recommend.resampled(batches, np.ones((1, 5)))
    assert workload[0] == pytest.approx(front.workload)
    assert sqls[0] == pytest.approx(front.sqls)
    assert revenue[0] == pytest.approx(front.revenue)
    # Drawing A twice and nobody else: workload 2/4 from 41 to 50, revenue 2 × 1,000.
    only_a = np.zeros((1, 5))
    only_a[0, batches.of_lead[0]] = 2
    workload, _, revenue = recommend.resampled(batches, only_a)
    assert (workload[0][44], revenue[0][44]) == (0.5, 2000)


def test_recommend_bootstrap_ranges_hold_the_estimate():
    data = replay_data()
    rules = whatif.Rules.of({DEMO: 10})
    scored = whatif.replay(data, rules, 60, min_observed=1)
    batches = recommend.batches(scored, whatif._scores(data, rules)[1])
    rec = recommend.recommend(recommend.frontier(scored), 0.5, 50)
    ran = recommend.bootstrap(batches, rec, replicates=400)
    assert ran.replicates == 400
    assert ran.revenue[0] <= 1600 <= ran.revenue[1]
    assert ran.workload[1] <= 0.5 * 5  # five leads at most in one month
    assert 0 < ran.same_share < 1  # with five leads, another draw often changes it
    assert ran.change_share == pytest.approx(1 - ran.same_share)


# Backtests: the same leads, with the month each was handed off, accepted and won.
#   A: handed off, accepted in February, won in March;  B: all in February
#   C: handed off in March, rejected;                   D, E: never handed off
def history(rows=None, **changes) -> recommend.History:
    # Lead-month rows (lead, month, running maximum score), sorted by lead then month.
    rows = rows or [(0, 0, 50), (1, 0, 40), (2, 1, 30), (3, 0, 20), (4, 1, 20)]
    lead, month, best = (np.array(c) for c in zip(*rows))
    base = recommend.History(
        best=best.astype(float),
        lm_lead=lead,
        lm_month=month,
        handoff_month=np.array([0, 0, 1, -1, -1]),
        sql_month=np.array([0, 0, -1, -1, -1]),
        won_month=np.array([1, 0, -1, -1, -1]),
        won_amount=np.array([1000.0, 600, 0, 0, 0]),
        reps=np.array([1.0, 1.0]),
        month_days=np.array([28.0, 28.0]),
    )
    return replace(base, **changes)


def test_recommend_backtest_month_from_data_before_it():
    # At the start of March only February is known: A (50), B (40), D (20, untested); A's deal
    # is not won yet, so revenue is B's 600. D's band (20s) is below every band sales saw: it
    # takes the lowest group's rates, B's band (40s; bands under it hold nobody sales saw):
    # 600 a lead, 1 SQL a lead.
    #   T 41-50: A            workload 1/4 = 0.25  revenue 0
    #   T 21-40: A, B         2/4 = 0.5            revenue 600
    #   T  1-20: A, B, D      3/4 = 0.75           revenue 600 + 600 (D, estimate) = 1,200
    front = recommend.frontier_before(history(), 1, 60, min_observed=1)
    table = front.table().set_index("threshold")
    assert table.loc[[45, 35, 15], "revenue"].tolist() == [0, 600, 1200]
    assert table.loc[[45, 35, 15], "sqls"].tolist() == [1, 2, 3]
    assert table.loc[[45, 35, 15], "workload"].tolist() == [0.25, 0.5, 0.75]
    # Capacity 1: everything fits; the most (1,200) at 1-20, the highest of those: 20.
    result = recommend.backtest(
        history(), 1, 50, 60, points=12, horizon=1, min_observed=1, min_history=1
    )
    assert result["month"].tolist() == [1]  # the only month with one before and one after
    week = result.iloc[0]
    assert (week["recommended"], week["direction"]) == (20, "lower")
    # In March, threshold 20 first passes C (30) and E (20): 2/4 = 0.5 a rep-week; C was seen
    # and rejected, E untested. What sales received in March: C alone, 1/4 = 0.25.
    assert week["recommended_workload"] == 0.5
    assert (week["recommended_passed"], week["recommended_untested"]) == (2, 1)
    assert (week["recommended_sqls"], week["recommended_revenue"]) == (0, 0)
    assert (week["in_force_workload"], week["in_force_passed"], week["in_force_sqls"]) == (
        0.25,
        1,
        0,
    )


def test_recommend_backtest_sees_no_later_data():
    before = recommend.frontier_before(history(), 1, 60, min_observed=1)
    # Everything from March on changed: D scores 55 in March, C is handed off and accepted
    # in March, A's March deal is worth a million.
    later = history(
        rows=[(0, 0, 50), (1, 0, 40), (2, 1, 30), (3, 0, 20), (3, 1, 55), (4, 1, 20)],
        sql_month=np.array([0, 0, 1, -1, -1]),
        won_amount=np.array([1e6, 600, 0, 0, 0]),
    )
    after = recommend.frontier_before(later, 1, 60, min_observed=1)
    for field in ("mqls", "workload", "sqls", "revenue"):
        assert getattr(after, field) == pytest.approx(getattr(before, field)), field
    # The same change a month earlier is seen: the check is not blind.
    earlier = history(rows=[(0, 0, 50), (1, 0, 40), (2, 1, 30), (3, 0, 55), (4, 1, 20)])
    moved = recommend.frontier_before(earlier, 1, 60, min_observed=1)
    assert (moved.mqls[54], before.mqls[54]) == (1, 0)  # threshold 55: D, then nobody
    # And the recommendation made at the start of March stays what it was.
    for capacity in (0.25, 0.5, 1):
        kept = recommend.backtest(history(), capacity, 50, 60, horizon=1, min_history=1)
        moved = recommend.backtest(later, capacity, 50, 60, horizon=1, min_history=1)
        assert kept["recommended"].tolist() == moved["recommended"].tolist()


def test_recommend_band_rates_pool_from_the_top():
    # Bands 50s: 2 seen (values 1, 0); 40s: 1 seen (1); min 2 per group: {50s}, then {40s}
    # holds 1 < 2 at the bottom, so it joins the group above: (1 + 0 + 1) / 3.
    rate = recommend.band_rates(
        np.array([55.0, 52, 44]), np.array([1.0, 0, 1]), np.array([58.0, 41, 5]), 2
    )
    assert rate == pytest.approx([2 / 3, 2 / 3, 2 / 3])


@hs.composite
def frontiers(draw):
    n = draw(hs.integers(1, 30))
    workload = draw(hs.lists(hs.floats(0, 10), min_size=n, max_size=n))
    gains = draw(hs.lists(hs.floats(0, 1000), min_size=n, max_size=n))
    value = np.cumsum(np.array(gains)[::-1])[::-1]  # only falls as the threshold rises
    return recommend.Frontier(
        thresholds=np.arange(1, n + 1),
        mqls=np.zeros(n),
        workload=np.array(workload),
        sqls=value,
        revenue=value,
    )


@settings(max_examples=300, deadline=None)
@given(frontiers(), hs.floats(0, 10), hs.floats(0, 10))
def test_recommend_more_capacity_never_a_higher_threshold(front, a, b):
    small, large = sorted((a, b))
    at_small = recommend.recommend(front, small, 1).threshold
    at_large = recommend.recommend(front, large, 1).threshold
    if at_small is not None:
        assert at_large is not None and at_large <= at_small


@settings(max_examples=300, deadline=None)
@given(frontiers(), hs.floats(0, 10))
def test_recommend_workload_never_over_capacity(front, capacity):
    rec = recommend.recommend(front, capacity, 1)
    if rec.threshold is not None:
        assert rec.workload <= capacity


def test_recommend_outcome_months_query(fixture_db):
    months = db.run(
        "recommend_outcome_months",
        {"start": date(2026, 1, 1), "end": date(2026, 3, 31), "channels": [], "industries": [],
         "size_bands": []},
        fixture_db,
    )  # fmt: skip
    # Q1 2026's leads in lead_id order; the first (L01) was handed off and accepted in January
    # and won in February (months 0, 0, 1); the sixth never reached sales.
    assert months.iloc[0].tolist() == [0, 0, 1]
    assert months.iloc[5].tolist() == [-1, -1, -1]


def test_recommend_shown_on_the_whatif_page(use_fixture_db):
    at = AppTest.from_file(str(ROOT / "pages/5_What_if.py"), default_timeout=120)
    at.query_params["period"] = ["2026-01-01", "2026-03-31"]
    at.query_params["rec_capacity"] = "0.5"
    at.query_params["rec_backtest"] = "true"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Recommended threshold for a capacity" in [s.value for s in at.subheader]
    text = "\n".join(i.value for i in at.info)
    # Q1 2026, today's rules (55): 11 MQLs; February, the busiest month, 4 of them / 2 reps /
    # 4 weeks = 0.5 a rep-week (Jan: 4 / 2 / (31/7) = 0.45). Expected revenue: 65,000 won
    # (L01 40,000 + L08 25,000) + the untested lead scoring 61: 2 won / 11 seen × 32,500 =
    # 5,909; 70,909 from threshold 51 to 61 (the leads scoring 55 and 60 were rejected), then
    # 65,000 from 62. Capacity 0.5: thresholds from 51 fit (below, 0.56); the most revenue
    # (70,909) up to 61, the highest: raise to 61, the same revenue for 2 fewer handoffs.
    assert "Raise the threshold to 61** (today 55)" in text, text
    assert "70,909 PLN expected" in text
    assert any("Bootstrap over leads (200 draws): at 61" in c.value for c in at.caption)


def test_recommend_backtest_on_the_whatif_page(use_fixture_db):
    at = AppTest.from_file(str(ROOT / "pages/5_What_if.py"), default_timeout=120)
    # December to March: four months, short of the 3 before and 3 after a backtest month needs.
    at.query_params["period"] = ["2025-12-01", "2026-03-31"]
    at.query_params["rec_backtest"] = "true"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Too few months in the period for a backtest" in "\n".join(i.value for i in at.info)


def test_recommend_weekly_proposal_drops_what_brought_nothing_first():
    # Eight weeks of handoffs by score at handoff (as weekly_score_outcomes gives them).
    scores = pd.DataFrame(
        {
            "score": [50, 51, 64, 66, 72],
            "handoffs": [2, 2, 2, 1, 1],
            "accepted": [0, 0, 1, 1, 1],
            "won": [0, 0, 0, 1, 1],
            "revenue_won": [0.0, 0, 0, 10_000, 40_000],
        }
    )
    # 8 handoffs / 8 weeks = 1 a week, over a capacity of 0.75 (6 in 8 weeks). Handing off
    # from 51 fits (6) and so does 64 (4): the same 50,000 PLN and 3 accepted; 64 is the
    # highest: drop the four handoffs at 50 and 51 that sales accepted none of.
    proposal = weekly.propose(scores, 0.75, 8)
    assert (proposal.threshold, proposal.per_week) == (64, 0.5)
    assert (proposal.handoffs_lost, proposal.accepted_lost, proposal.won_lost) == (4, 0, 0)
    # 0.2 a week (1.6 in 8 weeks): only 72 fits (1); 40,000 PLN kept.
    assert weekly.propose(scores, 0.2, 8).threshold == 72
    # Below one handoff in 8 weeks nothing fits: hand off nothing (above the highest score).
    assert weekly.propose(scores, 0.1, 8).threshold == 73


def test_recommend_weekly_default_capacity_proposes_nothing_by_itself():
    # The 1 M-lead week: 60.6 handoffs a week. Rounded down (60) the report proposed a
    # higher threshold by default; rounded up (61) today's handoffs fit.
    assert recommend.weekly_capacity_default(60.6) == 61
    assert recommend.weekly_capacity_default(60.0) == 60
    assert recommend.weekly_capacity_default(0.4) == 1
    scores = pd.DataFrame(
        {"score": [50, 90], "handoffs": [300, 184.8], "accepted": [0, 0], "won": [0, 0],
         "revenue_won": [0.0, 0]}
    )  # fmt: skip
    default = recommend.weekly_capacity_default(484.8 / 8)  # 60.6 a week
    assert weekly.propose(scores, default, 8).threshold is None


def test_recommend_forward_holdout_takes_the_latest_whole_months():
    # Handoffs per month: 0: 4, 1: 3, 2: 2, 3: 1 (10). 30 % = 3: month 3 holds 1, months 2-3
    # hold 3: hold out months 2 and 3; leads never handed off (-1) are in neither part.
    month = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2, 3, -1])
    held = recommend.forward_holdout(month, 0.3)
    assert held.tolist() == [False] * 7 + [True] * 3 + [False]


def test_recommend_without_estimates_never_lowers_on_untested_leads():
    # Give D and E (untested, score 20) B's rates by pooling every band (min_observed 30: one
    # group of A, B, C: 2 won of 3, 1,600 / 3 a lead): with estimates, capacity 1 lowers to
    # 20 (D and E add 2 × 533 PLN); history only, 21-40 bring the most (1,600): 40.
    data = replay_data()
    scored = whatif.replay(data, whatif.Rules.of({DEMO: 10}), 60)
    front = recommend.frontier(scored)
    assert recommend.recommend(front, 1, 50).threshold == 20
    assert front.revenue[19] == pytest.approx(1600 + 2 * 1600 / 3)
    assert recommend.recommend(front, 1, 50, estimates=False).threshold == 40


def test_recommend_weights_tested_forward_on_the_later_handoffs():
    from leadflow import weights

    # 240 handed-off leads over four months, 60 a month, one touchpoint type; the more demos,
    # the likelier accepted (so both outcomes occur at every count).
    rng = np.random.default_rng(7)
    n = 240
    demos = rng.integers(1, 6, n)
    accepted = rng.random(n) < demos / 6
    month = np.repeat(np.arange(4), 60)
    catalog = whatif.Catalog(("demo",), {}, whatif.Rules.of({DEMO: 10}), 30, frozenset([DEMO]))
    leads = pd.DataFrame(
        {
            "is_handoff": True,
            "is_rejected": ~accepted,
            "rejection_reason": None,
            "recorded_mql_month": month,
            "is_sql": accepted,
            "is_won": False,
            "is_lost": False,
            "won_amount": 0.0,
            "marketing_cost": 0.0,
            **{column: 0 for column, _ in whatif.FIT_ATTRIBUTES.values()},
        }
    )
    touchpoints = pd.DataFrame(
        {"lead_index": np.arange(n), "month_index": month, "type_index": 0, "touchpoints": demos}
    )
    reps = pd.DataFrame({"month": pd.date_range("2026-01-01", periods=4, freq="MS"), "reps": 2})
    data = whatif.ReplayData.build(
        catalog, leads, touchpoints, reps, date(2026, 1, 1), date(2026, 4, 30)
    )
    counts = touchpoints.drop(columns="month_index")
    # 30 % of 240 = 72: the last month holds 60, the last two 120: months 2 and 3 held out.
    held_out = recommend.forward_holdout(month)
    assert held_out.sum() == 120
    forward = weights.suggest(data, counts, "accepted", catalog.current, held_out=held_out)
    assert (forward.train_leads, forward.test_leads) == (120, 120)
    assert 0.5 < forward.auc <= 1  # more demos, more acceptances: better than a coin toss
