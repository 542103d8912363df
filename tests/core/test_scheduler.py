"""The FSRS scheduling core: agreement with py-fsrs, fuzz, leeches, clock skew, replay, labels."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import fsrs
import pytest

from srsapp.core.errors import SchedulingError
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import (
    DEFAULT_PARAMETERS,
    FUZZ_MIN_DAYS,
    Answer,
    SchedState,
    Scheduler,
    SchedulerConfig,
    format_interval,
    fuzz_range,
    replay,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NO_FUZZ = SchedulerConfig(fuzz=False)


def reference_scheduler() -> fsrs.Scheduler:
    return fsrs.Scheduler(enable_fuzzing=False)


def review_card(stability: float, last_review: datetime, difficulty: float = 5.0) -> SchedState:
    return SchedState(
        state=CardState.REVIEW,
        stability=stability,
        difficulty=difficulty,
        due=last_review + timedelta(days=round(stability)),
        last_review=last_review,
        reps=5,
    )


# -- agreement with py-fsrs -------------------------------------------------------------------

# rating, state after, step after, how the interval compares with the previous one
SEQUENCE = [
    (Rating.AGAIN, CardState.LEARNING, 0, None),
    (Rating.GOOD, CardState.LEARNING, 1, "longer"),
    (Rating.GOOD, CardState.REVIEW, 0, "longer"),
    (Rating.HARD, CardState.REVIEW, 0, None),
    (Rating.EASY, CardState.REVIEW, 0, "longer"),
    (Rating.GOOD, CardState.REVIEW, 0, "longer"),
    (Rating.GOOD, CardState.REVIEW, 0, "longer"),
    (Rating.AGAIN, CardState.RELEARNING, 0, "shorter"),
    (Rating.GOOD, CardState.REVIEW, 0, "longer"),
    (Rating.HARD, CardState.REVIEW, 0, None),
]


def test_scheduling_table_matches_py_fsrs() -> None:
    ours = Scheduler(NO_FUZZ)
    ref = reference_scheduler()
    card = SchedState(state=CardState.NEW)
    ref_card = fsrs.Card(card_id=1, due=T0)
    now = T0
    previous: timedelta | None = None
    for n, (rating, state, step, direction) in enumerate(SEQUENCE, start=1):
        answer = ours.answer(card, rating, now)
        ref_card, _ = ref.review_card(ref_card, fsrs.Rating(int(rating)), now)
        new = answer.state
        assert (new.state, new.step) == (state, step), f"answer {n}"
        assert new.state == CardState(int(ref_card.state))
        assert new.step == (ref_card.step or 0)
        assert new.stability == ref_card.stability
        assert new.difficulty == ref_card.difficulty
        assert new.due == ref_card.due
        assert new.last_review == now
        assert answer.interval == ref_card.due - now
        assert new.reps == n
        if direction == "longer":
            assert previous is not None and answer.interval > previous, f"answer {n}"
        if direction == "shorter":
            assert previous is not None and answer.interval < previous, f"answer {n}"
        previous = answer.interval
        card, now = new, new.due
    assert card.lapses == 1  # only the Again on a review card is a lapse


def _random_config(rng: random.Random) -> SchedulerConfig:
    """A configuration anywhere within FSRS's bounds: parameters, retention, step lists
    (none, one, several) and maximum interval."""
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    params = tuple(
        rng.choice([lo, hi, rng.uniform(lo, hi)])
        for lo, hi in zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    )
    steps = [timedelta(minutes=rng.randint(1, 300)) for _ in range(3)]
    return SchedulerConfig(
        desired_retention=rng.choice([0.7, 0.9, 0.97, rng.uniform(0.5, 0.99)]),
        learning_steps=tuple(steps[: rng.randint(0, 3)]),
        relearning_steps=tuple(steps[: rng.randint(0, 2)]),
        maximum_interval=rng.choice([1, 3, 30, 36500]),
        parameters=rng.choice([DEFAULT_PARAMETERS, params]),
    )


def test_each_fsrs_step_is_py_fsrs_review_card_to_the_last_bit() -> None:
    """Our FSRS step (``Scheduler._step``, taken four times for the answer side's buttons)
    gives what py-fsrs's ``review_card`` gives — state, step, stability, difficulty and
    interval, floats compared exactly — on random configurations, cards (every state, steps
    past the configuration's, tiny and huge stabilities and difficulties at their bounds),
    ratings and times since the last review (none, the same day, the clock gone back,
    years)."""
    rng = random.Random(20261208)
    for _ in range(300):
        config = _random_config(rng)
        ours = Scheduler(config)
        ref = fsrs.Scheduler(
            parameters=config.parameters,
            desired_retention=config.desired_retention,
            learning_steps=config.learning_steps,
            relearning_steps=config.relearning_steps,
            maximum_interval=config.maximum_interval,
            enable_fuzzing=False,
        )
        for _ in range(20):
            state = rng.choice(list(CardState))
            memory = state != CardState.NEW and (state != CardState.LEARNING or rng.random() < 0.7)
            reviewed = state != CardState.NEW and rng.random() < 0.9
            last = T0 - timedelta(seconds=rng.choice([0, 30, 86399, 86400, rng.randint(0, 10**9)]))
            now = rng.choice([T0, T0 + timedelta(hours=5), T0 - timedelta(days=2)])
            card = SchedState(
                state=state,
                step=rng.randint(0, 3) if state != CardState.REVIEW else 0,
                stability=rng.choice([0.001, 0.05, 1.0, rng.uniform(0.1, 36500.0)])
                if memory
                else None,
                difficulty=rng.choice([1.0, 10.0, rng.uniform(1.0, 10.0)]) if memory else None,
                due=last + timedelta(days=rng.randint(0, 30)) if reviewed else None,
                last_review=last if reviewed else None,
                reps=3,
                lapses=1,
            )
            if card.state == CardState.NEW:
                card = card._replace(stability=None, difficulty=None, last_review=None)
            for rating in Rating:
                expected, _ = ref.review_card(
                    ours._to_fsrs(card, now), fsrs.Rating(int(rating)), now
                )
                state_, step_, s, d, last_review, _due = ours._checked(card, now)
                elapsed = None if last_review is None else (now - last_review).days
                got = ours._step(state_, step_, s, d, elapsed, rating)
                assert expected.due is not None
                assert (
                    int(got.state),
                    got.step,
                    got.stability,
                    got.difficulty,
                    got.interval,
                ) == (
                    int(expected.state),
                    expected.step or 0,
                    expected.stability,
                    expected.difficulty,
                    expected.due - now,
                ), (config, card, now, rating)


def test_review_stability_grows_with_the_rating() -> None:
    ours = Scheduler(NO_FUZZ)
    card = review_card(10.0, T0)
    now = T0 + timedelta(days=10)
    stabilities = [ours.answer(card, r, now).state.stability for r in Rating]
    assert stabilities == sorted(stabilities)
    assert stabilities[0] is not None and stabilities[0] < card.stability  # type: ignore[operator]
    assert stabilities[2] is not None and stabilities[2] > card.stability  # type: ignore[operator]


def test_preview_matches_answer_in_every_state() -> None:
    ours = Scheduler(NO_FUZZ)
    card = SchedState(state=CardState.NEW)
    now = T0
    for rating in [Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD]:
        preview = ours.preview(card, now)
        assert set(preview) == set(Rating)
        for r in Rating:
            assert preview[r] == ours.answer(card, r, now).interval
        assert preview[Rating.AGAIN] <= preview[Rating.HARD] <= preview[Rating.GOOD]
        assert preview[Rating.GOOD] <= preview[Rating.EASY]
        card = ours.answer(card, rating, now).state
        assert card.due is not None
        now = card.due


def test_new_card_is_learning_step_zero_at_now() -> None:
    ours = Scheduler(NO_FUZZ)
    answer = ours.answer(SchedState(state=CardState.NEW), Rating.GOOD, T0)
    assert answer.state.state == CardState.LEARNING
    assert answer.state.step == 1
    assert answer.interval == NO_FUZZ.learning_steps[1]
    assert answer.state.due == T0 + NO_FUZZ.learning_steps[1]
    assert answer.state.lapses == 0 and answer.state.reps == 1


def test_answer_does_not_touch_the_global_random() -> None:
    ours = Scheduler(SchedulerConfig())
    random.seed(1234)
    before = random.getstate()
    ours.answer(review_card(30.0, T0), Rating.GOOD, T0 + timedelta(days=30), random.Random(7))
    assert random.getstate() == before


# -- fuzz ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interval", "elapsed", "maximum", "expected"),
    [
        # delta = 1 + 0.15 * (3 - 2.5) = 1.075
        (3, 0, 36500, (2, 4)),
        # delta = 1 + 0.15 * 4.5 + 0.1 * 3 = 1.975
        (10, 0, 36500, (8, 12)),
        # delta = 1 + 0.15 * 4.5 + 0.1 * 13 + 0.05 * 80 = 6.975
        (100, 0, 36500, (93, 107)),
        # never at or before the time already elapsed, when the interval is longer
        (10, 9, 36500, (10, 12)),
        # never beyond the maximum interval
        (100, 0, 100, (93, 100)),
        # at or below 2.5 days only the one day either way (but never below 2)
        (2, 0, 36500, (2, 3)),
        # the ranges' edges: delta = 1 + 0.15 * 4.5 = 1.675; 1 + 0.675 + 0.1 * 13 = 2.975
        (7, 0, 36500, (5, 9)),
        (20, 0, 36500, (17, 23)),
        # the spread of the interval FSRS gave, around the maximum it is cut to
        # (delta = 1 + 0.675 + 1.3 + 0.05 * 30 = 4.475)
        (50, 0, 30, (26, 30)),
        # a maximum of one day: the floor of 2 gives way to it
        (3, 0, 1, (1, 1)),
    ],
)
def test_fuzz_range(interval: int, elapsed: int, maximum: int, expected: tuple[int, int]) -> None:
    assert fuzz_range(interval, elapsed, maximum) == expected


def _unfuzzed_and_fuzzed(card: SchedState, now: datetime, seed: int) -> tuple[Answer, Answer]:
    base = Scheduler(SchedulerConfig()).answer(card, Rating.GOOD, now)
    fuzzed = Scheduler(SchedulerConfig()).answer(card, Rating.GOOD, now, random.Random(seed))
    return base, fuzzed


def test_fuzz_is_deterministic_differs_between_seeds_and_stays_in_range() -> None:
    card = review_card(30.0, T0)
    now = T0 + timedelta(days=30)
    base = Scheduler(NO_FUZZ).answer(card, Rating.GOOD, now)
    days = base.interval.days
    assert base.interval == timedelta(days=days) and days > 20
    lo, hi = fuzz_range(days, 30, NO_FUZZ.maximum_interval)
    assert lo < days < hi

    seen = set()
    for seed in range(400):
        unfuzzed, a = _unfuzzed_and_fuzzed(card, now, seed)
        _, b = _unfuzzed_and_fuzzed(card, now, seed)
        assert a == b  # same seed, same result
        assert unfuzzed == base  # no rng: no fuzz
        assert a.interval == timedelta(days=a.interval.days)
        assert lo <= a.interval.days <= hi
        assert a.state.due == now + a.interval
        # fuzz moves only the due date, never the memory state
        assert (a.state.stability, a.state.difficulty) == (
            base.state.stability,
            base.state.difficulty,
        )
        seen.add(a.interval.days)
    assert seen == set(range(lo, hi + 1))  # every day of the range is reachable, nothing else


def test_fuzz_off_in_config_ignores_rng() -> None:
    card = review_card(30.0, T0)
    now = T0 + timedelta(days=30)
    base = Scheduler(NO_FUZZ).answer(card, Rating.GOOD, now)
    for seed in range(20):
        assert Scheduler(NO_FUZZ).answer(card, Rating.GOOD, now, random.Random(seed)) == base


def test_fuzz_never_applied_below_two_and_a_half_days() -> None:
    ours = Scheduler(SchedulerConfig(desired_retention=0.95))
    checked: set[int] = set()
    for stability in (0.3, 1.0, 2.0, 3.0):
        card = review_card(stability, T0)
        for now in (T0 + timedelta(hours=2), T0 + timedelta(days=1)):
            for rating in (Rating.HARD, Rating.GOOD, Rating.EASY):
                base = ours.answer(card, rating, now)
                assert base.state.state == CardState.REVIEW
                if base.interval.days >= FUZZ_MIN_DAYS:
                    continue
                checked.add(base.interval.days)
                for seed in range(30):
                    assert ours.answer(card, rating, now, random.Random(seed)) == base
    assert checked == {1, 2}  # both short review intervals were actually exercised


def test_learning_steps_are_never_fuzzed() -> None:
    ours = Scheduler(SchedulerConfig())
    card = SchedState(state=CardState.NEW)
    for seed in range(20):
        answer = ours.answer(card, Rating.GOOD, T0, random.Random(seed))
        assert answer.interval == timedelta(minutes=10)


# -- leeches ------------------------------------------------------------------------------------


def test_leech_at_eight_lapses_and_every_multiple() -> None:
    ours = Scheduler(NO_FUZZ)
    card = review_card(20.0, T0)
    now = T0 + timedelta(days=20)
    leeches = []
    for _ in range(17):
        lapse = ours.answer(card, Rating.AGAIN, now)
        assert lapse.state.state == CardState.RELEARNING
        assert lapse.state.lapses == card.lapses + 1
        if lapse.is_leech:
            leeches.append(lapse.state.lapses)
        now = lapse.state.due  # type: ignore[assignment]
        # Again while relearning is not a new lapse, nor a leech
        again = ours.answer(lapse.state, Rating.AGAIN, now)
        assert again.state.lapses == lapse.state.lapses and not again.is_leech
        relearned = ours.answer(again.state, Rating.GOOD, now + timedelta(minutes=10))
        assert relearned.state.state == CardState.REVIEW and not relearned.is_leech
        card = relearned.state
        now = card.due  # type: ignore[assignment]
    assert leeches == [8, 16]


def test_leech_threshold_zero_turns_leeches_off() -> None:
    ours = Scheduler(SchedulerConfig(fuzz=False, leech_threshold=0))
    card = review_card(20.0, T0)
    answer = ours.answer(card, Rating.AGAIN, T0 + timedelta(days=20))
    assert answer.state.lapses == 1 and not answer.is_leech
    card = card._replace(lapses=7)
    answer = Scheduler(NO_FUZZ).answer(card, Rating.AGAIN, T0 + timedelta(days=20))
    assert answer.state.lapses == 8 and answer.is_leech


# -- a clock that moves backwards ---------------------------------------------------------------


@pytest.mark.parametrize("back", [timedelta(seconds=1), timedelta(hours=3), timedelta(days=5)])
@pytest.mark.parametrize("state", [CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING])
def test_clock_moving_backwards_never_gives_negative_interval(
    back: timedelta, state: CardState
) -> None:
    ours = Scheduler(SchedulerConfig())
    last = T0 + timedelta(days=10)
    card = SchedState(
        state=state,
        step=0,
        stability=3.0,
        difficulty=6.0,
        due=last + timedelta(days=3),
        last_review=last,
        reps=4,
    )
    now = last - back
    for rating in Rating:
        for rng in (None, random.Random(3)):
            answer = ours.answer(card, rating, now, rng)
            assert answer.interval >= timedelta(0)
            assert answer.state.due is not None and answer.state.due >= now
            assert answer.state.due - now == answer.interval
    assert ours.retrievability(card, now) == pytest.approx(1.0)


# -- retrievability -----------------------------------------------------------------------------


def test_retrievability() -> None:
    ours = Scheduler(NO_FUZZ)
    assert ours.retrievability(SchedState(state=CardState.NEW), T0) == 0.0
    card = review_card(10.0, T0)
    values = [ours.retrievability(card, T0 + timedelta(days=d)) for d in (0, 5, 10, 30)]
    assert values[0] == pytest.approx(1.0)
    assert values == sorted(values, reverse=True) and values[-1] < values[-2]
    # FSRS defines stability as the time at which retrievability falls to 90%
    assert values[2] == pytest.approx(0.9)
    ref = reference_scheduler().get_card_retrievability(
        fsrs.Card(1, fsrs.State.Review, None, 10.0, 5.0, T0, T0), T0 + timedelta(days=30)
    )
    assert values[3] == ref


# -- replay -------------------------------------------------------------------------------------

HISTORY = [
    (T0, Rating.GOOD),
    (T0 + timedelta(minutes=1), Rating.GOOD),
    (T0 + timedelta(days=1, hours=2), Rating.HARD),
    (T0 + timedelta(days=4), Rating.GOOD),
    (T0 + timedelta(days=15), Rating.AGAIN),
    (T0 + timedelta(days=15, minutes=12), Rating.GOOD),
    (T0 + timedelta(days=18), Rating.EASY),
]


def test_replay_equals_answering_step_by_step() -> None:
    ours = Scheduler(NO_FUZZ)
    card = SchedState(state=CardState.NEW)
    for when, rating in HISTORY:
        card = ours.answer(card, rating, when).state
    replayed = replay(HISTORY, NO_FUZZ)
    assert replayed == card
    assert replayed.reps == len(HISTORY) and replayed.lapses == 1
    assert replay(list(reversed(HISTORY)), NO_FUZZ) == card  # answers are put in time order
    assert replay([], NO_FUZZ) == SchedState(state=CardState.NEW)


def test_replay_with_other_parameters_gives_another_state() -> None:
    params = list(NO_FUZZ.parameters)
    params[2] = 5.0  # initial stability after Good
    other = SchedulerConfig(fuzz=False, parameters=tuple(params))
    assert replay(HISTORY[:1], other).stability == 5.0
    assert replay(HISTORY, other) != replay(HISTORY, NO_FUZZ)


# -- bad input ----------------------------------------------------------------------------------


def test_bad_input_raises_scheduling_error() -> None:
    ours = Scheduler(NO_FUZZ)
    new = SchedState(state=CardState.NEW)
    with pytest.raises(SchedulingError, match="no time zone"):
        ours.answer(new, Rating.GOOD, datetime(2025, 3, 1, 9, 0))  # naive on purpose
    with pytest.raises(SchedulingError, match="unknown rating"):
        ours.answer(new, 5, T0)  # type: ignore[arg-type]
    with pytest.raises(SchedulingError, match="needs stability"):
        ours.answer(SchedState(state=CardState.REVIEW, last_review=T0), Rating.GOOD, T0)
    with pytest.raises(SchedulingError, match="desired retention"):
        SchedulerConfig(desired_retention=1.5)
    with pytest.raises(SchedulingError, match="21 FSRS-6 parameters"):
        SchedulerConfig(parameters=(1.0,) * 19)
    with pytest.raises(SchedulingError, match=r"w\[4\]"):
        SchedulerConfig(parameters=NO_FUZZ.parameters[:4] + (99.0,) + NO_FUZZ.parameters[5:])
    with pytest.raises(SchedulingError, match="positive durations"):
        SchedulerConfig(learning_steps=(timedelta(0),))


def test_utc_equivalent_zones_are_accepted() -> None:
    seoul_time = T0.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Seoul"))
    a = Scheduler(NO_FUZZ).answer(SchedState(state=CardState.NEW), Rating.GOOD, seoul_time)
    b = Scheduler(NO_FUZZ).answer(SchedState(state=CardState.NEW), Rating.GOOD, T0)
    assert a == b
    assert a.state.due is not None and a.state.due.tzinfo == UTC


# -- interval labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(0), "<1m"),
        (timedelta(seconds=59), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5, seconds=30), "6m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(minutes=59, seconds=50), "1h"),
        (timedelta(hours=1), "1h"),
        (timedelta(hours=23), "23h"),
        (timedelta(hours=23, minutes=50), "1d"),
        (timedelta(days=1), "1d"),
        (timedelta(days=2), "2d"),
        (timedelta(days=13), "13d"),
        (timedelta(days=30), "30d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=61), "2mo"),
        (timedelta(days=365), "1y"),
        (timedelta(days=766), "2.1y"),
        (timedelta(days=36500), "100y"),
        (timedelta(seconds=-5), "<1m"),
    ],
)
def test_format_interval(delta: timedelta, label: str) -> None:
    assert format_interval(delta) == label


def test_the_buttons_are_ordered_as_anki_orders_them() -> None:
    """Easy a day past Good, and on a review card Good a day past Hard: FSRS alone gives
    them the same day when the stability is small (after a lapse: Good 1d, Easy 1d)."""
    ours = Scheduler(NO_FUZZ)
    lapsed = ours.answer(review_card(0.6, T0, difficulty=9.0), Rating.AGAIN, T0 + timedelta(days=1))
    relearning = lapsed.state
    assert relearning.state == CardState.RELEARNING
    now = T0 + timedelta(days=1, minutes=10)
    preview = ours.preview(relearning, now)
    assert preview[Rating.EASY] >= preview[Rating.GOOD] + timedelta(days=1)
    assert ours.answer(relearning, Rating.EASY, now).interval == preview[Rating.EASY]
    raw = reference_scheduler()
    for stability in (0.1, 0.3, 0.6, 1.0):
        card = review_card(stability, T0, difficulty=9.5)
        now = T0 + timedelta(days=1)
        p = ours.preview(card, now)
        assert p[Rating.HARD] < p[Rating.GOOD] < p[Rating.EASY], stability
        # the memory state stays FSRS's own
        ref, _ = raw.review_card(Scheduler(NO_FUZZ)._to_fsrs(card, now), fsrs.Rating.Easy, now)
        assert ours.answer(card, Rating.EASY, now).state.stability == ref.stability


# -- answers worked out when the card is shown ------------------------------------------------


def _cards() -> list[SchedState]:
    rng = random.Random(11)
    cards = [SchedState(state=CardState.NEW), SchedState(state=CardState.LEARNING, step=1)]
    for _ in range(60):
        last = T0 - timedelta(seconds=rng.randint(0, 200 * 86400))
        state = rng.choice([CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING])
        cards.append(
            SchedState(
                state=state,
                step=0 if state == CardState.REVIEW else rng.randint(0, 1),
                stability=rng.choice([0.1, 0.6, 2.0, rng.uniform(0.05, 400.0)]),
                difficulty=rng.uniform(1.0, 10.0),
                due=last + timedelta(days=rng.randint(0, 60)),
                last_review=last,
                reps=rng.randint(1, 20),
                lapses=rng.randint(0, 16),
            )
        )
    return cards


def _counting(ours: Scheduler) -> list[int]:
    calls = [0]
    step = ours._step

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return step(*args)

    ours._step = counted  # type: ignore[assignment]
    return calls


@pytest.mark.parametrize("shown_before", [timedelta(0), timedelta(seconds=40), timedelta(hours=5)])
def test_a_prepared_answer_is_the_answer(shown_before: timedelta) -> None:
    """Prepared when shown (up to hours before, the same whole days after the last review or
    not), answered later: the same state, interval, fuzz and leech as answering outright."""
    config = SchedulerConfig(leech_threshold=2)
    ours = Scheduler(config)
    for card in _cards():
        now = T0 + timedelta(hours=3)
        prepared = ours.prepare(card, now - shown_before)
        for rating in Rating:
            outright = ours.answer(card, rating, now, random.Random(int(rating)))
            assert ours.answer_prepared(prepared, rating, now, random.Random(int(rating))) == (
                outright
            )
        assert ours.preview(card, now) == {r: ours.answer(card, r, now).interval for r in Rating}


def test_a_prepared_answer_takes_no_fsrs_step_while_it_fits() -> None:
    ours = Scheduler(SchedulerConfig())
    calls = _counting(ours)
    card = review_card(12.0, T0)
    shown = T0 + timedelta(days=12, hours=1)
    prepared = ours.prepare(card, shown)
    assert calls[0] == 4  # each rating's step once (the buttons' floors reuse them)
    answered = ours.answer_prepared(prepared, Rating.EASY, shown + timedelta(minutes=2))
    assert calls[0] == 4
    assert answered.state.due == shown + timedelta(minutes=2) + answered.interval


def test_a_prepared_answer_is_worked_out_again_when_it_no_longer_fits() -> None:
    """A day later (another number of days since the last review: another retrievability)
    or under other options (new FSRS parameters, another desired retention) the prepared
    outcomes are not used."""
    ours = Scheduler(SchedulerConfig())
    card = review_card(12.0, T0)
    shown = T0 + timedelta(days=12, hours=23)
    prepared = ours.prepare(card, shown)
    calls = _counting(ours)
    next_day = shown + timedelta(hours=2)  # 13 whole days after the last review
    assert ours.answer_prepared(prepared, Rating.GOOD, next_day) == ours.answer(
        card, Rating.GOOD, next_day
    )
    assert calls[0] > 0
    assert ours.answer_prepared(prepared, Rating.GOOD, next_day).interval != (
        prepared.outcomes[Rating.GOOD].interval
    )
    other = Scheduler(SchedulerConfig(desired_retention=0.8))
    assert other.answer_prepared(prepared, Rating.GOOD, shown) == other.answer(
        card, Rating.GOOD, shown
    )
    assert other.answer(card, Rating.GOOD, shown) != ours.answer(card, Rating.GOOD, shown)
    same = Scheduler(SchedulerConfig())  # an equal configuration: the outcomes still hold
    calls = _counting(same)
    same.answer_prepared(prepared, Rating.GOOD, shown)
    assert calls[0] == 0
