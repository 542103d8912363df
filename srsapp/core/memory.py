"""FSRS memory states of many cards at once, from their rated answers, by fsrs-rs.

``core.scheduler.replay`` answers a card's history one review at a time through py-fsrs;
this computes the same stability and difficulty for thousands of cards in one call to the
Rust library (``FSRS.memory_state_batch``), as an import of a package with history needs.

The result is what ``replay`` reaches: answers in time order (stable for equal times), the
time between two answers counted in whole 24-hour periods (py-fsrs counts
``timedelta.days``), so an answer less than a day after the one before it takes FSRS's
short-term path in both. fsrs-rs computes in 32-bit floats: stability and difficulty agree
with the replay to about 1e-5 (relative).

Pure: no clock, no files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter

import fsrs_rs_python as fsrs_rs

from srsapp.core.errors import SchedulingError

DAY_MS = 86_400_000
_BY_TIME = itemgetter(0)


def memory_states(
    histories: Sequence[Sequence[tuple[int, int]]], parameters: Sequence[float]
) -> list[tuple[float, float] | None]:
    """(stability, difficulty) after each history's answers, or None for an empty history.

    A history is a card's rated answers as (time in epoch milliseconds, rating 1-4); its
    order does not matter (it is sorted by time, as ``replay`` sorts it)."""
    items: list[fsrs_rs.FSRSItem] = []
    where: list[int] = []
    for i, history in enumerate(histories):
        if not history:
            continue
        ordered = sorted(history, key=_BY_TIME)
        reviews = []
        before = ordered[0][0]
        for t, rating in ordered:
            if not 1 <= rating <= 4:
                raise SchedulingError(f"rating {rating!r} of an answer at {t} ms is not 1-4")
            reviews.append(fsrs_rs.FSRSReview(rating, (t - before) // DAY_MS))
            before = t
        items.append(fsrs_rs.FSRSItem(reviews))
        where.append(i)
    out: list[tuple[float, float] | None] = [None] * len(histories)
    if not items:
        return out
    try:
        engine = fsrs_rs.FSRS(list(parameters))
    except ValueError as exc:
        raise SchedulingError(f"FSRS parameters not accepted: {exc}") from exc
    for i, state in zip(where, engine.memory_state_batch(items), strict=True):
        out[i] = (float(state.stability), float(state.difficulty))
    return out


def memory_states_by_card(
    answers: Iterable[tuple[int, int, int]], parameters: Sequence[float]
) -> dict[int, tuple[float, float]]:
    """``memory_states`` of every card in ``answers``: (card id, time in epoch milliseconds,
    rating 1-4) of the rated answers, already in card and time order (a review log sorted
    once, as an import has it) -- no history list per card, no sort. Card id -> (stability,
    difficulty)."""
    cards: list[int] = []
    items: list[fsrs_rs.FSRSItem] = []
    review = fsrs_rs.FSRSReview
    for card, rows in groupby(answers, key=_BY_CARD):
        reviews = []
        before = None
        for _c, t, rating in rows:
            if not 1 <= rating <= 4:
                raise SchedulingError(f"rating {rating!r} of an answer at {t} ms is not 1-4")
            reviews.append(review(rating, 0 if before is None else (t - before) // DAY_MS))
            before = t
        cards.append(card)
        items.append(fsrs_rs.FSRSItem(reviews))
    if not items:
        return {}
    try:
        engine = fsrs_rs.FSRS(list(parameters))
    except ValueError as exc:
        raise SchedulingError(f"FSRS parameters not accepted: {exc}") from exc
    return {
        card: (float(state.stability), float(state.difficulty))
        for card, state in zip(cards, engine.memory_state_batch(items), strict=True)
    }


_BY_CARD = itemgetter(0)
