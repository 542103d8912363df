from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from srsapp.core.errors import SchedulingError
from srsapp.core.fitting.training import (
    ReviewKind,
    RevlogEntry,
    TrainingReview,
    build_histories,
    build_items,
    to_fsrs_items,
)

T0 = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def at(days: float = 0, minutes: float = 0) -> datetime:
    return T0 + timedelta(days=days, minutes=minutes)


def e(time: datetime, rating: int, card: int = 1, kind: str = ReviewKind.REVIEW) -> RevlogEntry:
    return RevlogEntry(card_id=card, time=time, rating=rating, duration_ms=5000, kind=kind)


def pairs(item_reviews: tuple[TrainingReview, ...]) -> list[tuple[int, int]]:
    return [(r.rating, r.delta_t) for r in item_reviews]


def test_same_day_reviews_fold_into_delta_zero_and_make_no_item() -> None:
    log = [
        e(at(0), 1),
        e(at(0, 1), 3),
        e(at(0, 11), 3),
        e(at(1), 3),
        e(at(1, 5), 3),  # same day as the previous: no item of its own
        e(at(4), 2),
    ]
    items = build_items(log, "UTC")
    assert [pairs(it.reviews) for it in items] == [
        [(1, 0), (3, 0), (3, 0), (3, 1)],
        [(1, 0), (3, 0), (3, 0), (3, 1), (3, 0), (2, 3)],
    ]
    assert [it.target_time for it in items] == [at(1), at(4)]
    assert all(it.card_id == 1 for it in items)


def test_first_rating_is_kept_but_never_a_target() -> None:
    items = build_items([e(at(0), 4), e(at(7), 1)], "UTC")
    assert len(items) == 1
    assert pairs(items[0].reviews) == [(4, 0), (1, 7)]
    assert items[0].target == TrainingReview(1, 7)
    # a single review predicts nothing
    assert build_items([e(at(0), 3)], "UTC") == []


def test_day_boundary_is_four_am_in_the_learner_time_zone_seoul() -> None:
    first = datetime(2024, 3, 1, 5, 0, tzinfo=UTC)  # 14:00 KST, 1 March
    before_4 = datetime(2024, 3, 1, 18, 30, tzinfo=UTC)  # 03:30 KST 2 March: still 1 March
    after_4 = datetime(2024, 3, 1, 19, 30, tzinfo=UTC)  # 04:30 KST 2 March: a new day
    log = [e(first, 3), e(before_4, 3), e(after_4, 3)]
    seoul = build_items(log, "Asia/Seoul", day_start_hour=4)
    assert [pairs(it.reviews) for it in seoul] == [[(3, 0), (3, 0), (3, 1)]]
    assert seoul[0].target_time == after_4
    # the same ZoneInfo object is accepted too
    assert build_items(log, ZoneInfo("Asia/Seoul")) == seoul
    # in UTC (04:00 UTC boundary) all three are on 1 March: nothing to predict
    assert build_items(log, "UTC", day_start_hour=4) == []
    # with the day starting at 03:00 Seoul time, 03:30 KST is already the next day
    early = build_items(log, "Asia/Seoul", day_start_hour=3)
    assert [pairs(it.reviews) for it in early] == [[(3, 0), (3, 1)]]


def test_reset_to_new_cuts_the_history() -> None:
    log = [
        e(at(0), 3),
        e(at(3), 3),
        e(at(10), 1),
        RevlogEntry(1, at(12), 0, 0, ReviewKind.RESET),
        e(at(12, 30), 1),
        e(at(13), 3),
        e(at(16), 3),
    ]
    items = build_items(log, "UTC")
    assert [pairs(it.reviews) for it in items] == [
        [(1, 0), (3, 1)],
        [(1, 0), (3, 1), (3, 3)],
    ]
    history = build_histories(log, "UTC")[0]
    assert [x.time for x in history.entries] == [at(12, 30), at(13), at(16)]


def test_rating_zero_without_kind_is_a_reset() -> None:
    log = [e(at(0), 3), e(at(5), 3), RevlogEntry(1, at(6), 0, 0), e(at(7), 2), e(at(9), 3)]
    assert [pairs(it.reviews) for it in build_items(log, "UTC")] == [[(2, 0), (3, 2)]]


def test_manual_reschedule_is_dropped_but_does_not_cut() -> None:
    log = [e(at(0), 3), RevlogEntry(1, at(1), 0, 0, ReviewKind.MANUAL), e(at(5), 3)]
    assert [pairs(it.reviews) for it in build_items(log, "UTC")] == [[(3, 0), (3, 5)]]


def test_history_starts_at_the_last_group_of_learning_steps() -> None:
    # relearned from scratch without a logged reset (as old Anki versions did)
    log = [
        e(at(0), 3, kind=ReviewKind.LEARN),
        e(at(2), 3),
        e(at(9), 1),
        e(at(9, 10), 3, kind=ReviewKind.RELEARN),
        e(at(20), 1, kind=ReviewKind.LEARN),
        e(at(20, 1), 3, kind=ReviewKind.LEARN),
        e(at(22), 3),
    ]
    items = build_items(log, "UTC")
    assert [pairs(it.reviews) for it in items] == [[(1, 0), (3, 0), (3, 2)]]


def test_cards_are_independent_and_items_sorted_by_target_time() -> None:
    log = [
        e(at(9), 3, card=2),
        e(at(1), 3, card=1),
        e(at(0), 3, card=2),
        e(at(0), 3, card=1),
        e(at(4), 3, card=1),
    ]
    items = build_items(log, "UTC")
    assert [(it.card_id, it.target_time) for it in items] == [
        (1, at(1)),
        (1, at(4)),
        (2, at(9)),
    ]
    assert pairs(items[2].reviews) == [(3, 0), (3, 9)]


def test_conversion_to_fsrs_rs_items() -> None:
    items = build_items([e(at(0), 1), e(at(0, 10), 3), e(at(2), 4)], "UTC")
    (converted,) = to_fsrs_items(items)
    # fsrs-rs-python exposes no fields on FSRSReview; its repr shows them
    assert [repr(r) for r in converted.reviews] == [
        "FSRSReview { rating: 1, delta_t: 0 }",
        "FSRSReview { rating: 3, delta_t: 0 }",
        "FSRSReview { rating: 4, delta_t: 2 }",
    ]
    assert converted.long_term_review_cnt() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"time": datetime(2024, 3, 1, 10, 0)}, "without a time zone"),
        ({"rating": 5}, "rating 5"),
        ({"kind": "cram"}, "unknown kind"),
        ({"kind": ReviewKind.RESET, "rating": 3}, "expected 0"),
    ],
)
def test_bad_entries_are_refused(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"card_id": 7, "time": T0, "rating": 3, "duration_ms": 1}
    fields.update(kwargs)
    with pytest.raises(SchedulingError, match=message):
        RevlogEntry(**fields)  # type: ignore[arg-type]


def test_bad_time_zone_and_hour_are_refused() -> None:
    with pytest.raises(SchedulingError, match="unknown time zone"):
        build_items([e(at(0), 3)], "Mars/Olympus")
    with pytest.raises(SchedulingError, match="0..23"):
        build_items([], "UTC", day_start_hour=24)
