"""Time oddities with pinned clocks: DST changes, a time-zone change while travelling, a clock
that jumps backwards. The queue stays usable, counts stay non-negative, no interval is
negative, and every card still agrees with its review log."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from srsapp.store.models import Review
from tests.reliability.helpers import load_deck

RATINGS = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.EASY)


def answer_one(col: Collection, now: datetime, rng: random.Random) -> bool:
    """Answer the next card at ``now`` (if any), asserting the queue invariants."""
    new, learn, review = col.counts(now)
    assert min(new, learn, review) >= 0
    for d in col.sched.queue.deck_counts(now):
        assert min(d.new, d.learn, d.review, d.total) >= 0
    card = col.next_card(now)
    if card is None:
        return False
    result = col.answer(card.id, rng.choice(RATINGS), now)
    assert result.interval >= timedelta(0)
    assert result.due >= now
    return True


def assert_log_sane(col: Collection) -> None:
    with col.db.reading() as s:
        intervals = list(s.scalars(select(Review.interval_s)))
    assert intervals and min(intervals) >= 0
    report = check(col)
    assert report.problems == [], report.problems[:3]


def test_reviews_across_new_york_dst_changes(col: Collection) -> None:
    col.set_settings(timezone="America/New_York", day_start_hour=4)
    rng = random.Random(11)
    for start in (
        datetime(2026, 3, 6, 12, 0, tzinfo=UTC),  # spring forward on Sunday 8 March, 2 am
        datetime(2026, 10, 30, 12, 0, tzinfo=UTC),  # fall back on Sunday 1 November, 2 am
    ):
        load_deck(col, 40, start, path=f"/notes/{start.month}.md")
        now = start
        answered = 0
        while now < start + timedelta(days=5):
            answered += answer_one(col, now, rng)
            now += timedelta(minutes=37)  # walks through 1-3 am local on the change nights
        assert answered > 50
    assert_log_sane(col)


def test_changing_time_zone_while_travelling(col: Collection) -> None:
    load_deck(col, 40, datetime(2026, 5, 1, tzinfo=UTC))
    rng = random.Random(12)
    zones = ["Asia/Seoul", "America/Los_Angeles", "Europe/Berlin", "Pacific/Kiritimati", "UTC"]
    now = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    answered = 0
    for i in range(160):
        if i % 9 == 0:
            col.set_settings(timezone=zones[(i // 9) % len(zones)])
        answered += answer_one(col, now, rng)
        now += timedelta(minutes=rng.randint(5, 300))
    assert answered > 100
    assert_log_sane(col)


def test_clock_jumping_backwards(col: Collection) -> None:
    t = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
    load_deck(col, 20, t)
    rng = random.Random(13)
    now = t
    for _ in range(40):  # build up some history, with review cards
        answer_one(col, now, rng)
        now += timedelta(hours=7)
    jumps = [timedelta(hours=-3), timedelta(days=-2), timedelta(minutes=1), timedelta(days=-30)]
    for jump in jumps:
        now += jump
        for _ in range(5):
            answer_one(col, now, rng)
            now += timedelta(minutes=2)
    # the card answered last "in the past" is never due before its answer time
    with col.db.reading() as s:
        rows = s.execute(select(Review.time_ms, Review.interval_s)).all()
    assert all(interval >= 0 for _, interval in rows)
    assert any(b[0] < a[0] for a, b in zip(rows, rows[1:], strict=False))  # time went back
    assert_log_sane(col)
