"""FSRS memory states in bulk (``core.memory``, fsrs-rs) agree with the one-answer-at-a-time
replay through py-fsrs (``core.scheduler.replay``) that imports used before."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from srsapp.core.errors import SchedulingError
from srsapp.core.memory import DAY_MS, memory_states, memory_states_by_card
from srsapp.core.model import Rating
from srsapp.core.scheduler import DEFAULT_PARAMETERS, SchedulerConfig, replay

T0_MS = 1_700_000_000_000
# gaps that sit on either side of FSRS's "same day" line (py-fsrs: a whole 24 hours)
GAPS_MS = [0, 1, 60_000, 600_000, 3_600_000, DAY_MS - 1, DAY_MS, DAY_MS + 1, 3 * DAY_MS,
           20 * DAY_MS + 5, 200 * DAY_MS]  # fmt: skip


def _histories(seed: int, n: int) -> list[list[tuple[int, int]]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        t = T0_MS + rng.randrange(10**9)
        history = []
        for _ in range(rng.randint(1, 15)):
            history.append((t, rng.choice([1, 2, 3, 3, 3, 4])))
            t += rng.choice(GAPS_MS)
        out.append(history)
    return out


def _replayed(history: list[tuple[int, int]], config: SchedulerConfig) -> tuple[float, float]:
    state = replay([(datetime.fromtimestamp(t / 1000, UTC), Rating(r)) for t, r in history], config)
    assert state.stability is not None and state.difficulty is not None
    return state.stability, state.difficulty


@pytest.mark.parametrize("parameters", [DEFAULT_PARAMETERS, None])
def test_bulk_states_match_the_replay(parameters: tuple[float, ...] | None) -> None:
    if parameters is None:  # parameters a learner's optimizer could give
        rng = random.Random(9)
        bounds = zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
        parameters = tuple(min(max(p * rng.uniform(0.7, 1.3), lo), hi)
                           for p, (lo, hi) in zip(DEFAULT_PARAMETERS, bounds, strict=True))  # fmt: skip
    config = SchedulerConfig(parameters=parameters)
    histories = _histories(3, 400)
    got = memory_states(histories, parameters)
    assert len(got) == len(histories)
    for history, state in zip(histories, got, strict=True):
        assert state is not None
        s, d = _replayed(history, config)
        assert state[0] == pytest.approx(s, rel=1e-4)
        assert state[1] == pytest.approx(d, abs=1e-4)
    # the histories reach both sides of FSRS: short-term answers and long-term ones
    assert len({round(s, 3) for s, _ in filter(None, got)}) > 300


def test_answers_in_any_order_are_taken_in_time_order() -> None:
    history = [(T0_MS, 3), (T0_MS + 3 * DAY_MS, 1), (T0_MS + 10 * DAY_MS, 3)]
    shuffled = [history[2], history[0], history[1]]
    a, b = memory_states([history, shuffled], DEFAULT_PARAMETERS)
    assert a == b
    assert a is not None and a[0] == pytest.approx(
        _replayed(history, SchedulerConfig())[0], rel=1e-4
    )


def test_an_empty_history_has_no_state_and_a_bad_rating_is_refused() -> None:
    assert memory_states([[], [(T0_MS, 3)], []], DEFAULT_PARAMETERS)[::2] == [None, None]
    assert memory_states([], DEFAULT_PARAMETERS) == []
    with pytest.raises(SchedulingError, match="rating 0"):
        memory_states([[(T0_MS, 0)]], DEFAULT_PARAMETERS)


def test_states_of_a_sorted_review_log_are_the_per_card_ones() -> None:
    """``memory_states_by_card``: a review log in card and time order (as an import reads it)
    gives each card what ``memory_states`` gives its history; a bad rating is refused."""
    histories = _histories(5, 300)
    rows = [(card, t, r) for card, history in enumerate(histories) for t, r in history]
    got = memory_states_by_card(rows, DEFAULT_PARAMETERS)
    assert got == dict(enumerate(memory_states(histories, DEFAULT_PARAMETERS)))
    assert memory_states_by_card([], DEFAULT_PARAMETERS) == {}
    with pytest.raises(SchedulingError, match="rating 5"):
        memory_states_by_card([(1, T0_MS, 3), (1, T0_MS + 1, 5)], DEFAULT_PARAMETERS)
