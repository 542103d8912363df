"""The study queue's rules on small data (issue 16): Anki's v3 limits for a deck with ``::``
subdecks, the new card orders, a custom session without limits and the practice session that
leaves the schedule alone."""

from __future__ import annotations

import pytest

from srsapp.core.model import CardState, Rating
from srsapp.core.study_queue import (
    NEW,
    REVIEW,
    DeckLimits,
    PracticeQueue,
    StudyQueue,
    new_order_keys,
)

# A (new 5 a day), A::B (new 3), A::C (new 10); B and C under A
PARENTS = {1: None, 2: 1, 3: 1}


def limits(done: dict[int, tuple[set[int], int]] | None = None) -> DeckLimits:
    return DeckLimits({1: (5, 100), 2: (3, 100), 3: (10, 100)}, PARENTS, done or {})


def queue(new_by_deck: dict[int, list[int]], lim: DeckLimits | None) -> StudyQueue:
    """New cards ``ids`` of each deck (keys: the deck first, then the id)."""
    new = [((d << 20) + cid, cid) for d, ids in new_by_deck.items() for cid in ids]
    decks = {cid: d for d, ids in new_by_deck.items() for cid in ids}
    return StudyQueue(start_s=0, end_s=86400, ahead_s=0, learning=[], reviews=[], new=new,
                      decks=decks, limits=lim)  # fmt: skip


def test_a_parent_takes_its_subdecks_in_each_one_within_its_own_limit_and_the_parents_cap() -> None:
    q = queue({1: [10, 11], 2: [20, 21, 22, 23, 24], 3: [30, 31, 32]}, limits())
    # A's own 2, then B (its own limit 3 of its 5), then C: A's cap of 5 is reached
    assert [cid for _k, cid in q.visible()[NEW]] == [10, 11, 20, 21, 22]
    assert q.counts() == (5, 0, 0)


def test_studying_a_card_uses_up_its_deck_and_every_deck_above() -> None:
    lim = limits()
    lim.answered(20, 2, CardState.NEW)
    assert (lim.days[2].new_left(), lim.days[1].new_left(), lim.days[3].new_left()) == (2, 4, 10)
    assert lim.room(2, NEW) == 2 and lim.room(3, NEW) == 4  # C is capped by A
    assert lim.room(3, REVIEW) == 100


def test_answers_of_the_day_count_in_every_deck_above_theirs() -> None:
    lim = limits({3: ({30, 31, 32, 33}, 0)})  # four new cards of C studied on their own
    assert lim.room(1, NEW) == 1 and lim.room(2, NEW) == 1 and lim.room(3, NEW) == 1
    assert lim.left() == (1, 100)


def test_a_subdeck_studied_on_its_own_has_only_its_limits() -> None:
    own = DeckLimits({2: (3, 100)}, {2: None}, {})
    q = queue({2: [20, 21, 22, 23, 24]}, own)
    assert q.counts() == (3, 0, 0)


def test_a_custom_session_has_no_limits() -> None:
    q = queue({1: list(range(100, 160))}, None)
    assert q.counts() == (60, 0, 0)
    assert q.pick(0, 0) == 100


def test_notes_order_is_the_position() -> None:
    rows = [(3, 30, "cloze"), (1, 10, "term"), (2, 20, "diagram")]
    assert new_order_keys(rows, "notes", 1) == [(1, 10), (2, 20), (3, 30)]


def test_interleaved_kinds_take_one_of_each_in_turn() -> None:
    rows = [(i, i, "cloze") for i in range(1, 7)] + [(10 + i, 10 + i, "diagram") for i in range(3)]
    keys = new_order_keys(rows, "interleave", 1)
    order = [cid for _k, cid in sorted(keys)]
    assert order == [1, 10, 2, 11, 3, 12, 4, 5, 6]  # diagram cards no longer last


def test_random_order_is_the_same_all_day_and_another_the_next() -> None:
    rows = [(i, i, "term") for i in range(200)]
    day1 = [cid for _k, cid in sorted(new_order_keys(rows, "random", "7:1000"))]
    again = [cid for _k, cid in sorted(new_order_keys(list(reversed(rows)), "random", "7:1000"))]
    day2 = [cid for _k, cid in sorted(new_order_keys(rows, "random", "7:87400"))]
    assert day1 == again and sorted(day1) == list(range(200))
    assert day1 != day2 and day1 != list(range(200))


def test_an_unknown_order_is_refused() -> None:
    with pytest.raises(ValueError, match="new card order"):
        new_order_keys([], "shuffle", 1)


def test_practice_shows_again_cards_later_and_lets_good_ones_go() -> None:
    p = PracticeQueue([1, 2, 3, 4, 5], seed=3)
    first = p.current()
    assert first is not None and len(p) == 5
    p.answer(first, Rating.AGAIN)
    assert p.cards.index(first) == PracticeQueue.AGAIN_AFTER and len(p) == 5
    second = p.current()
    assert second is not None
    p.answer(second, Rating.GOOD)
    assert second not in p.cards and len(p) == 4
    assert p.undo() == second and len(p) == 5  # undo puts it back in front
    with pytest.raises(ValueError):
        p.answer(999, Rating.GOOD)
