"""Mastery maths against small hand-computed fixtures."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from srsapp.core import mastery as m
from srsapp.core.model import CardState
from srsapp.core.scheduler import SchedState, Scheduler, SchedulerConfig

W20 = m.DEFAULT_DECAY
F = 0.9 ** (-1 / W20) - 1


def test_retrievability_is_the_fsrs6_curve() -> None:
    assert m.retrievability(10.0, 10.0) == pytest.approx(0.9)  # R(S, S) = 0.9
    assert m.retrievability(0.0, 5.0) == 1.0
    assert m.retrievability(30.0, 10.0) == pytest.approx((1 + F * 3) ** -W20)
    assert m.retrievability(3.0, None) == 0.0
    arr = m.retrievability_array([0, 10, 30, 5], [5, 10, 10, float("nan")])
    assert arr.tolist() == pytest.approx([1.0, 0.9, (1 + F * 3) ** -W20, 0.0])


def test_agrees_with_the_scheduler_at_whole_days() -> None:
    now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    card = SchedState(
        state=CardState.REVIEW,
        stability=7.3,
        difficulty=5.0,
        due=now,
        last_review=now - timedelta(days=12),
    )
    sched = Scheduler(SchedulerConfig())
    assert m.retrievability(12.0, 7.3, SchedulerConfig().parameters[20]) == pytest.approx(
        sched.retrievability(card, now)
    )


def test_concept_roll_up_counts_unseen_cards() -> None:
    nodes = [
        m.ConceptNode(1, ("Net",), position=0),
        m.ConceptNode(2, ("Net", "TCP"), position=1),
        m.ConceptNode(3, ("Net", "UDP"), position=2),
        m.ConceptNode(4, ("Disk",), position=3),
    ]
    own = {
        2: m.ConceptTotals(cards=2, studied=2, sum_r=1.8, stable=1, due=1),  # R 0.9 + 0.9
        3: m.ConceptTotals(cards=2, studied=1, sum_r=0.5, due=1, new=1),  # R 0.5 + unseen 0
        1: m.ConceptTotals(cards=1, studied=0, sum_r=0.0, new=1),  # a card on the parent itself
    }
    out = {c.path: c for c in m.roll_up(nodes, own)}
    assert [c.path for c in m.roll_up(nodes, own)] == [
        ("Net",),
        ("Net", "TCP"),
        ("Net", "UDP"),
        ("Disk",),
    ]
    assert out[("Net", "TCP")].mastery == pytest.approx(0.9)
    assert out[("Net", "UDP")].mastery == pytest.approx(0.25)
    assert out[("Net",)].mastery == pytest.approx(2.3 / 5)
    assert out[("Net",)].coverage == pytest.approx(3 / 5) and out[("Net",)].due == 2
    assert out[("Disk",)].mastery is None
    assert [c.path for c in m.weakest_first(out.values())] == [
        ("Net", "UDP"),
        ("Net",),
        ("Net", "TCP"),
    ]


def test_knowledge_history_replays_the_log() -> None:
    day = 86400.0
    # card 0: reviewed at t=0 (S=2), again at t=3d (S=10); card 1: at t=1d (S=5) then reset (NaN)
    card = [0, 0, 1, 1]
    times = [0.0, 3 * day, 1 * day, 4 * day]
    stab = [2.0, 10.0, 5.0, float("nan")]
    samples = [0.5 * day, 2 * day, 3.5 * day, 5 * day]
    got = m.knowledge_history(card, times, stab, samples)
    r = m.retrievability
    want = [
        r(0.5, 2.0),
        r(2.0, 2.0) + r(1.0, 5.0),
        r(0.5, 10.0) + r(2.5, 5.0),
        r(2.0, 10.0) + 0.0,
    ]
    assert got.tolist() == pytest.approx(want)
    # chunking does not change the result
    assert m.knowledge_history(card, times, stab, samples, chunk=1).tolist() == pytest.approx(want)
    assert m.knowledge_history([], [], [], samples).tolist() == [0.0] * 4


def test_true_retention_table() -> None:
    today = date(2026, 3, 10)
    pf = m.PassFail
    per_day = {
        today: (pf(3, 1), pf(1, 0)),
        today - timedelta(days=1): (pf(1, 1), pf(0, 0)),
        today - timedelta(days=20): (pf(0, 0), pf(4, 1)),
        today - timedelta(days=400): (pf(9, 0), pf(9, 0)),
    }
    t = m.retention_table(per_day, today)
    assert t["today"].young.rate == 0.75 and t["today"].mature.rate == 1.0
    assert t["yesterday"].young.rate == 0.5 and t["yesterday"].mature.rate is None
    assert t["week"].young.total == 6 and t["week"].young.passed == 4
    assert t["month"].mature.passed == 5 and t["month"].mature.failed == 1
    assert t["year"].all.total == 6 + 1 + 5 and math.isclose(t["year"].all.rate or 0, 9 / 12)


def test_forecast_new_cards_follow_the_limit() -> None:
    today = date(2026, 3, 10)
    fc = m.forecast(
        today, [2, 1], [5, 0, 3], new_remaining=25, new_per_day=10, new_left_today=4, days=5
    )
    assert [(f.new, f.learning, f.review) for f in fc] == [
        (4, 2, 5),
        (10, 1, 0),
        (10, 0, 3),
        (1, 0, 0),
        (0, 0, 0),
    ]
    assert fc[2].day == date(2026, 3, 12) and fc[0].total == 11
    assert m.days_to_finish(25, 10, 4) == 3
    assert m.days_to_finish(3, 10, 4) == 0
    assert m.days_to_finish(30, 0, 0) is None


def test_streak_and_daily_average() -> None:
    today = date(2026, 3, 10)
    days = {today - timedelta(days=k) for k in (1, 2, 3, 5)}
    assert m.streak(days, today) == 3  # today not studied yet: counts up to yesterday
    assert m.streak(days | {today}, today) == 4
    assert m.streak(set(), today) == 0
    avg = m.daily_average(
        {today - timedelta(days=3): 30, today: 10, today - timedelta(days=1): 0}, today
    )
    assert avg.per_study_day == 20 and avg.per_day == 10 and avg.days_studied == 2


def test_vectorised_matches_scalar_on_random_cards() -> None:
    rng = np.random.default_rng(4)
    t = rng.uniform(0, 400, 1000)
    s = rng.uniform(0.1, 300, 1000)
    assert m.retrievability_array(t, s).tolist() == pytest.approx(
        [m.retrievability(a, b) for a, b in zip(t, s, strict=True)]
    )
