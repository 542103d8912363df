"""FSRS scheduling core: what a card's state becomes when it is answered.

FSRS-6 as py-fsrs defines it: stability, difficulty, states and steps are worked out by ``_Step``
on plain numbers, to the last bit what py-fsrs's ``review_card`` (its fuzz off) gives — a test
compares the two; py-fsrs still supplies the default parameters, their bounds and the
retrievability. Fuzz is ours, drawn from an injected ``random.Random`` (py-fsrs's draws from the
global ``random`` module) over the fuzz ranges FSRS defines. We also count repetitions and lapses,
flag leeches, and keep the result sane when the clock moves backwards.

No Qt, no SQL, no clock: ``now`` is always an argument (a tz-aware datetime, normalised to UTC).
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import fsrs
from fsrs.scheduler import (
    DEFAULT_PARAMETERS as _FSRS_DEFAULT_PARAMETERS,
)
from fsrs.scheduler import (
    LOWER_BOUNDS_PARAMETERS,
    UPPER_BOUNDS_PARAMETERS,
)

from srsapp.core.errors import SchedulingError
from srsapp.core.model import CardState, Rating

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(_FSRS_DEFAULT_PARAMETERS)

# The fuzz ranges FSRS (fsrs-rs, py-fsrs, Anki) uses: an interval of ``d`` days may move by
# ``1 + sum(factor * overlap of [start, end) with [0, d])`` days either way.
_FUZZ_RANGES: tuple[tuple[float, float, float], ...] = (
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.10),
    (20.0, math.inf, 0.05),
)
FUZZ_MIN_DAYS = 2.5  # intervals shorter than this are never fuzzed

_FSRS_STATE = {
    CardState.LEARNING: fsrs.State.Learning,
    CardState.REVIEW: fsrs.State.Review,
    CardState.RELEARNING: fsrs.State.Relearning,
}
_OUR_STATE = {v: k for k, v in _FSRS_STATE.items()}
# members read at every answer (``CardState.REVIEW`` looks the name up through the enum
# class's ``__getattr__`` hook: ≈ 250 instructions each time, a module global ≈ 20)
_REVIEW, _AGAIN = CardState.REVIEW, Rating.AGAIN
_HARD, _GOOD, _EASY = Rating.HARD, Rating.GOOD, Rating.EASY


class SchedState(NamedTuple):
    """A card's scheduling state. All datetimes are tz-aware UTC. (This, ``Answer`` and
    ``Outcome`` are named tuples, not frozen dataclasses: they are made at every answer, and
    a frozen dataclass sets each field through ``object.__setattr__``, ≈ 1,300 instructions
    a field.)"""

    state: CardState = CardState.NEW
    step: int = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class SchedulerConfig:
    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval: int = 36500  # days
    parameters: tuple[float, ...] = field(default=DEFAULT_PARAMETERS)
    fuzz: bool = True
    leech_threshold: int = 8  # lapses; 0 turns leech detection off

    def __post_init__(self) -> None:
        if not 0.0 < self.desired_retention < 1.0:
            raise SchedulingError(
                f"desired retention must be between 0 and 1, not {self.desired_retention!r}"
            )
        for name in ("learning_steps", "relearning_steps"):
            steps = getattr(self, name)
            if any(not isinstance(s, timedelta) or s <= timedelta(0) for s in steps):
                raise SchedulingError(f"{name.replace('_', ' ')} must be positive durations")
            object.__setattr__(self, name, tuple(steps))
        if isinstance(self.maximum_interval, bool) or not isinstance(self.maximum_interval, int):
            raise SchedulingError(
                f"maximum interval must be whole days, not {self.maximum_interval!r}"
            )
        if self.maximum_interval < 1:
            raise SchedulingError(
                f"maximum interval must be at least 1 day, not {self.maximum_interval}"
            )
        if self.leech_threshold < 0:
            raise SchedulingError(f"leech threshold must be 0 or more, not {self.leech_threshold}")
        try:
            params = tuple(float(p) for p in self.parameters)
        except (TypeError, ValueError) as exc:
            raise SchedulingError(f"FSRS parameters must be numbers: {exc}") from exc
        expected = len(DEFAULT_PARAMETERS)
        if len(params) != expected:
            raise SchedulingError(f"expected {expected} FSRS-6 parameters, got {len(params)}")
        bounds = zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
        for i, (p, (lo, hi)) in enumerate(zip(params, bounds, strict=True)):
            if not lo <= p <= hi:
                raise SchedulingError(f"FSRS parameter w[{i}] = {p} is outside [{lo}, {hi}]")
        object.__setattr__(self, "parameters", params)


class Answer(NamedTuple):
    state: SchedState  # after the answer
    interval: timedelta  # due - now, never negative
    is_leech: bool  # this answer was a lapse that brought lapses to a multiple of the threshold


RATINGS: tuple[Rating, ...] = tuple(Rating)
_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)


class Outcome(NamedTuple):
    """What one rating makes of a card before fuzz: FSRS's next state and interval (the
    buttons ordered as Anki orders them)."""

    rating: Rating
    state: CardState
    step: int
    stability: float | None
    difficulty: float | None
    interval: timedelta  # may be negative when the clock went back (``_finish`` clamps it)


class Prepared(NamedTuple):
    """A card's four outcomes worked out at one moment (``Scheduler.prepare``). They hold for
    any moment the same whole number of days after the card's last review (FSRS reads the
    clock only as that), under the same configuration. (A named tuple, as ``SchedState``:
    made each time a card's answer side shows.)"""

    config: SchedulerConfig
    card: SchedState
    elapsed_days: int | None  # whole days from the last review (None: never reviewed)
    outcomes: Mapping[Rating, Outcome]

    def fits(self, config: SchedulerConfig, elapsed_days: int | None) -> bool:
        return elapsed_days == self.elapsed_days and (
            config is self.config or config == self.config
        )

    def intervals(self) -> dict[Rating, timedelta]:
        """The interval each button gives, without fuzz (the button labels)."""
        return {r: o.interval if o.interval > _ZERO else _ZERO for r, o in self.outcomes.items()}


def _rating(rating: Rating | int) -> Rating:
    if isinstance(rating, Rating):  # no enum lookup
        return rating
    try:
        return Rating(rating)
    except ValueError as exc:
        raise SchedulingError(f"unknown rating {rating!r} (expected 1-4)") from exc


def _elapsed_days(card: SchedState, now: datetime) -> int | None:
    """Whole days from the card's last review to ``now`` (UTC): all FSRS reads of ``now``."""
    return None if card.last_review is None else (now - card.last_review).days


def _utc(moment: datetime, what: str = "time") -> datetime:
    if moment.tzinfo is UTC:
        return moment
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise SchedulingError(f"{what} {moment.isoformat()} has no time zone (expected UTC)")
    return moment.astimezone(UTC)


def _round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def fuzz_range(interval_days: int, elapsed_days: int, maximum_interval: int) -> tuple[int, int]:
    """Inclusive (min, max) days a review interval of ``interval_days`` may be fuzzed to.

    The spread is FSRS's: 1 day plus 15% of the part between 2.5 and 7 days, 10% of the part
    between 7 and 20 days and 5% beyond 20 days. The result never drops below 2 days, never
    exceeds ``maximum_interval`` and, when the interval is longer than the time since the last
    review, never comes back at or before that elapsed time.
    """
    # (conditions, not min and max: worked out at every review answer)
    days = float(interval_days)
    delta = 1.0
    for start, end, factor in _FUZZ_RANGES:  # in order: none after the first it is short of
        if days <= start:
            break
        delta += factor * ((days if days < end else end) - start)
    ivl = interval_days if interval_days < maximum_interval else maximum_interval
    lo = _round_half_up(ivl - delta)
    if lo < 2:
        lo = 2
    hi = _round_half_up(ivl + delta)
    if hi > maximum_interval:
        hi = maximum_interval
    if ivl > elapsed_days and lo < elapsed_days + 1:
        lo = elapsed_days + 1
    return (lo if lo < hi else hi), hi


def _fuzzed_days(
    interval_days: int, elapsed_days: int, maximum_interval: int, rng: random.Random
) -> int:
    if interval_days < FUZZ_MIN_DAYS:
        return interval_days
    lo, hi = fuzz_range(interval_days, elapsed_days, maximum_interval)
    return rng.randint(lo, hi)


_LEARNING, _RELEARNING, _NEW = CardState.LEARNING, CardState.RELEARNING, CardState.NEW
_MIN_STABILITY = 0.001  # FSRS's least stability (py-fsrs ``STABILITY_MIN``)


class _Step:
    """One FSRS-6 step on plain numbers: what py-fsrs's ``Scheduler.review_card`` (fuzz off)
    makes of a card, without its copy of the card, its datetimes, its enum look-ups and its
    keyword calls (≈ 3/5 of the answer side's instructions went there). Every float is worked
    out in py-fsrs's order of operations, so the results are the same to the last bit (a test
    compares the two on random cards, ratings, elapsed days and configurations); what depends
    only on the configuration and the rating is worked out once here."""

    def __init__(self, config: SchedulerConfig) -> None:
        w = config.parameters
        e = math.e
        decay = -w[20]
        self._decay = decay
        self._factor: float = 0.9 ** (1 / decay) - 1
        self._ivl_scale: float = (config.desired_retention ** (1 / decay)) - 1
        self._max_days = config.maximum_interval
        self._learning = config.learning_steps
        self._relearning = config.relearning_steps
        # index: the rating (1-4); 0 unused
        self._s0 = (0.0, *(_clamp_stability(w[r - 1]) for r in (1, 2, 3, 4)))
        self._d0 = (
            0.0,
            *(_clamp_difficulty(w[4] - (e ** (w[5] * (r - 1))) + 1) for r in (1, 2, 3, 4)),
        )
        self._d_delta = (0.0, *(-(w[6] * (r - 3)) for r in (1, 2, 3, 4)))
        self._short = (0.0, *((e ** (w[17] * (r - 3 + w[18]))) for r in (1, 2, 3, 4)))
        self._d_reversion = w[7] * (w[4] - (e ** (w[5] * (4 - 1))) + 1)  # toward Easy's start
        self._d_keep = 1 - w[7]
        self._e8 = e ** w[8]
        self._w9, self._w10, self._w11, self._w12 = -w[9], w[10], w[11], -w[12]
        self._w13, self._w14, self._w15, self._w16 = w[13], w[14], w[15], w[16]
        self._w19 = -w[19]
        self._forget_short = e ** (w[17] * w[18])

    def _days(self, stability: float) -> timedelta:
        days = round((stability / self._factor) * self._ivl_scale)
        if days < 1:
            days = 1
        if days > self._max_days:
            days = self._max_days
        return _ONE_DAY * days

    def _memory(
        self, s: float, d: float, elapsed: int | None, rating: int, difficulty_too: bool
    ) -> tuple[float, float]:
        """The stability (and, with ``difficulty_too``, the difficulty) after ``rating``."""
        if elapsed is not None and elapsed < 1:  # the same day: short-term stability
            inc = self._short[rating] * (s**self._w19)
            if rating != 1 and 1.0 > inc:
                inc = 1.0
            s2 = s * inc
        else:
            r = (
                0.0
                if elapsed is None
                else (1 + self._factor * (elapsed if elapsed > 0 else 0) / s) ** self._decay
            )
            if rating == 1:
                long = (
                    self._w11
                    * (d**self._w12)
                    * (((s + 1) ** self._w13) - 1)
                    * (math.e ** ((1 - r) * self._w14))
                )
                short = s / self._forget_short
                s2 = short if short < long else long
            else:
                grow = self._e8 * (11 - d) * (s**self._w9) * ((math.e ** ((1 - r) * self._w10)) - 1)
                if rating == 2:
                    grow = grow * self._w15
                elif rating == 4:
                    grow = grow * self._w16
                s2 = s * (1 + grow)
        if _MIN_STABILITY > s2:
            s2 = _MIN_STABILITY
        if not difficulty_too:
            return s2, d
        d2 = self._d_reversion + self._d_keep * (d + (10.0 - d) * self._d_delta[rating] / 9.0)
        return s2, _clamp_difficulty(d2)

    def __call__(
        self,
        state: CardState,
        step: int,
        s: float | None,
        d: float | None,
        elapsed: int | None,
        rating: Rating,
    ) -> Outcome:
        """The card (``state``, ``step``, stability ``s``, difficulty ``d``, reviewed
        ``elapsed`` whole days ago or never) after ``rating`` (1-4)."""
        if state == _REVIEW:
            assert s is not None and d is not None
            s2, d2 = self._memory(s, d, elapsed, rating, True)
            if rating == 1 and self._relearning:
                return Outcome(rating, _RELEARNING, 0, s2, d2, self._relearning[0])
            return Outcome(rating, _REVIEW, 0, s2, d2, self._days(s2))
        if s is None or d is None:  # a learning card's first answer
            s2, d2 = self._s0[rating], self._d0[rating]
        else:
            s2, d2 = self._memory(s, d, elapsed, rating, True)
        steps = self._learning if state == _LEARNING else self._relearning
        if not steps or (step >= len(steps) and rating != 1):
            return Outcome(rating, _REVIEW, 0, s2, d2, self._days(s2))
        if rating == 1:
            return Outcome(rating, state, 0, s2, d2, steps[0])
        if rating == 2:
            if step == 0:
                wait = steps[0] * 1.5 if len(steps) == 1 else (steps[0] + steps[1]) / 2.0
            else:
                wait = steps[step]
            return Outcome(rating, state, step, s2, d2, wait)
        if rating == 3 and step + 1 != len(steps):
            return Outcome(rating, state, step + 1, s2, d2, steps[step + 1])
        return Outcome(rating, _REVIEW, 0, s2, d2, self._days(s2))


def _clamp_stability(s: float) -> float:
    return _MIN_STABILITY if _MIN_STABILITY > s else s


def _clamp_difficulty(d: float) -> float:
    # as ``min(max(d, 1.0), 10.0)``
    if 1.0 > d:
        d = 1.0
    return 10.0 if 10.0 < d else d


class Scheduler:
    """Schedules answers with FSRS-6 under one :class:`SchedulerConfig`."""

    def __init__(self, config: SchedulerConfig) -> None:
        self.config = config
        self._fsrs = fsrs.Scheduler(
            parameters=config.parameters,
            desired_retention=config.desired_retention,
            learning_steps=config.learning_steps,
            relearning_steps=config.relearning_steps,
            maximum_interval=config.maximum_interval,
            enable_fuzzing=False,  # py-fsrs fuzz uses the global RNG; we fuzz ourselves
        )
        self._step = _Step(config)

    # -- conversions -------------------------------------------------------------------------

    def _checked(
        self, card: SchedState, now: datetime
    ) -> tuple[CardState, int, float | None, float | None, datetime | None, datetime]:
        """The card as FSRS takes it, checked: (state, step, stability, difficulty, last
        review, due), a NEW card as learning step 0 at ``now``."""
        if card.step < 0:
            raise SchedulingError(f"card step must be 0 or more, not {card.step}")
        if card.reps < 0 or card.lapses < 0:
            raise SchedulingError("card reps and lapses must be 0 or more")
        if card.state == _NEW:
            return _LEARNING, 0, None, None, None, now
        try:
            state = card.state if type(card.state) is CardState else CardState(card.state)
        except ValueError as exc:
            raise SchedulingError(f"unknown card state {card.state!r}") from exc
        if (card.stability is None) != (card.difficulty is None):
            raise SchedulingError("card has stability without difficulty (or the reverse)")
        if card.stability is None and state != _LEARNING:
            raise SchedulingError(f"a {state.name} card needs stability and difficulty")
        if card.stability is not None and not card.stability > 0:
            raise SchedulingError(f"card stability must be positive, not {card.stability}")
        last_review = _utc(card.last_review, "last review") if card.last_review else None
        due = _utc(card.due, "due") if card.due else now
        step = 0 if state == _REVIEW else card.step
        return state, step, card.stability, card.difficulty, last_review, due

    def _to_fsrs(self, card: SchedState, now: datetime) -> fsrs.Card:
        state, step, stability, difficulty, last_review, due = self._checked(card, now)
        if card.state == _NEW:
            # card_id and due are given so py-fsrs never reads the wall clock.
            return fsrs.Card(card_id=0, state=fsrs.State.Learning, step=0, due=now)
        return fsrs.Card(
            card_id=0,
            state=_FSRS_STATE[state],
            step=None if state == _REVIEW else step,
            stability=stability,
            difficulty=difficulty,
            due=due,
            last_review=last_review,
        )

    # -- public API --------------------------------------------------------------------------

    def answer(
        self,
        card: SchedState,
        rating: Rating,
        now: datetime,
        rng: random.Random | None = None,
    ) -> Answer:
        """The card's state after answering ``rating`` at ``now``.

        ``rng`` None means no fuzz (as does ``config.fuzz`` False). A NEW card is treated as
        learning step 0 at ``now``. If the clock moved backwards (``now`` before the last
        review), FSRS sees no elapsed time, and the due date is still never before ``now``.
        """
        now = _utc(now, "review time")
        rating = _rating(rating)
        return self._finish(card, self._outcomes(card, now, (rating,))[rating], now, rng)

    def prepare(self, card: SchedState, now: datetime) -> Prepared:
        """The four answers of ``card`` worked out before fuzz (when the card is shown, as
        Anki computes a card's next states with its queue): ``answer_prepared`` then only
        fuzzes and dates the chosen one."""
        now = _utc(now, "review time")
        return Prepared(
            self.config, card, _elapsed_days(card, now), self._outcomes(card, now, RATINGS)
        )

    def answer_prepared(
        self,
        prepared: Prepared,
        rating: Rating,
        now: datetime,
        rng: random.Random | None = None,
    ) -> Answer:
        """``answer(prepared.card, rating, now, rng)``, the same result, from what ``prepare``
        worked out — worked out again when it no longer fits: another configuration, or
        ``now`` a different number of whole days after the last review than when prepared
        (all FSRS reads of the clock)."""
        now = _utc(now, "review time")
        rating = _rating(rating)
        card = prepared.card
        if not prepared.fits(self.config, _elapsed_days(card, now)):
            return self.answer(card, rating, now, rng)
        return self._finish(card, prepared.outcomes[rating], now, rng)

    def preview_prepared(self, prepared: Prepared, now: datetime) -> dict[Rating, timedelta]:
        """``preview(prepared.card, now)``, from what ``prepare`` worked out while it fits."""
        now = _utc(now, "time")
        if not prepared.fits(self.config, _elapsed_days(prepared.card, now)):
            prepared = self.prepare(prepared.card, now)
        return prepared.intervals()

    def _outcomes(
        self, card: SchedState, now: datetime, ratings: Sequence[Rating]
    ) -> dict[Rating, Outcome]:
        """Each of ``ratings``' outcome before fuzz: FSRS's next state and interval, with the
        buttons ordered as Anki orders them (``_floor``); each FSRS step taken once."""
        state, step, s, d, last_review, _due = self._checked(card, now)
        elapsed = None if last_review is None else (now - last_review).days
        fsrs_step = self._step
        # each rating's step (index: the rating), taken when first needed
        raw: list[Outcome | None] = [None, None, None, None, None]
        out: dict[Rating, Outcome] = {}
        for r in ratings:
            i = int(r)
            got = raw[i]
            if got is None:
                got = raw[i] = fsrs_step(state, step, s, d, elapsed, r)
            if got.state == _REVIEW and i >= 3:
                least = self._floor(i, raw, card.state == _REVIEW, (state, step, s, d, elapsed))
                if least is not None and got.interval < _ONE_DAY * least:
                    got = got._replace(interval=_ONE_DAY * least)
            out[r] = got
        return out

    def _floor(
        self,
        rating: int,
        raw: list[Outcome | None],
        reviewed: bool,
        card: tuple[CardState, int, float | None, float | None, int | None],
    ) -> int | None:
        """The fewest days Good (3) or Easy (4) may schedule a review for, as Anki orders the
        buttons: Easy a day past Good, and on a ``reviewed`` card Good a day past Hard (FSRS
        alone gave Good and Easy the same day after a lapse). None when the button below
        makes no review (Hard keeps a learning or relearning card in its steps). ``raw``:
        the steps taken so far, filled in with those this needs; ``card``: the step's
        arguments but the rating."""
        maximum = self.config.maximum_interval
        good_floor: int | None = None
        if reviewed:
            hard = raw[2]
            if hard is None:
                hard = raw[2] = self._step(*card, _HARD)
            if hard.state == _REVIEW:
                good_floor = min(hard.interval.days + 1, maximum)
        if rating == 3:
            return good_floor
        good = raw[3]
        if good is None:
            good = raw[3] = self._step(*card, _GOOD)
        if good.state != _REVIEW:
            return None
        days = good.interval.days
        if good_floor is not None and good_floor > days:
            days = good_floor
        return min(days + 1, maximum)

    def _finish(
        self, card: SchedState, outcome: Outcome, now: datetime, rng: random.Random | None
    ) -> Answer:
        """An outcome fuzzed (a review interval, with ``rng``) and dated from ``now``."""
        interval = outcome.interval
        config = self.config
        if outcome.state == _REVIEW and rng is not None and config.fuzz:
            # A review-state interval from FSRS is a whole number of days.
            days = interval.days
            elapsed = (now - card.last_review).days if card.last_review else 0
            fuzzed = _fuzzed_days(days, elapsed, config.maximum_interval, rng)
            interval = _ONE_DAY * fuzzed
        if interval < _ZERO:
            interval = _ZERO

        lapsed = card.state == _REVIEW and outcome.rating == _AGAIN
        lapses = card.lapses + (1 if lapsed else 0)
        threshold = config.leech_threshold
        is_leech = lapsed and threshold > 0 and lapses % threshold == 0

        # positional: a named tuple made with keywords costs twice as much (its ``__new__``
        # gets them as a dict)
        state = SchedState(
            outcome.state,  # state
            outcome.step,  # step
            outcome.stability,  # stability
            outcome.difficulty,  # difficulty
            now + interval,  # due
            now,  # last_review
            card.reps + 1,  # reps
            lapses,  # lapses
        )
        return Answer(state, interval, is_leech)

    def preview(self, card: SchedState, now: datetime) -> dict[Rating, timedelta]:
        """The interval each button would give, without fuzz (for the button labels)."""
        return self.prepare(card, now).intervals()

    def retrievability(self, card: SchedState, now: datetime) -> float:
        """Predicted probability of recall at ``now`` (0.0 for a NEW or never-answered card)."""
        if card.state == CardState.NEW or card.stability is None or card.last_review is None:
            return 0.0
        now = _utc(now, "time")
        return float(self._fsrs.get_card_retrievability(self._to_fsrs(card, now), now))


def replay(history: Sequence[tuple[datetime, Rating]], config: SchedulerConfig) -> SchedState:
    """The state a NEW card reaches after ``history`` (answers in time order, no fuzz).

    Used to rebuild a card's state from its review log (``check --repair``, after optimizing
    parameters). Answers are sorted by time (stable for equal times).
    """
    scheduler = Scheduler(config)
    card = SchedState(state=CardState.NEW)
    ordered = sorted(history, key=lambda item: _utc(item[0], "review time"))
    for when, rating in ordered:
        card = scheduler.answer(card, rating, when).state
    return card


# -- interval labels -----------------------------------------------------------------------

_MINUTE = 60.0
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_YEAR = 365 * _DAY
_MONTH = _YEAR / 12


def _tenths(tenths: int) -> str:
    whole, frac = divmod(tenths, 10)
    return f"{whole}.{frac}" if frac else str(whole)


@functools.lru_cache(maxsize=4096)  # the buttons' labels: a session shows the same ones again
def format_interval(delta: timedelta) -> str:
    """A short label for an interval, as Anki's answer buttons show it.

    "<1m" below a minute, then whole minutes ("10m"), hours ("1h"), days ("13d"), and months
    ("1.5mo") and years ("2.1y") with one decimal (".0" dropped). A value that rounds up to the
    next unit is shown in that unit ("1h", not "60m").
    """
    secs = max(delta.total_seconds(), 0.0)
    if secs < _MINUTE:
        return "<1m"
    if secs < _DAY:
        minutes = _round_half_up(secs / _MINUTE)
        if minutes < 60:
            return f"{minutes}m"
        hours = _round_half_up(secs / _HOUR)
        if hours < 24:
            return f"{hours}h"
        secs = _DAY  # rounds up to a day
    if secs < _MONTH:
        days = _round_half_up(secs / _DAY)
        if days < _MONTH / _DAY:
            return f"{days}d"
        secs = _MONTH
    if secs < _YEAR:
        months = _round_half_up(secs / _MONTH * 10)  # tenths
        if months < 120:
            return f"{_tenths(months)}mo"
        secs = _YEAR
    return f"{_tenths(_round_half_up(secs / _YEAR * 10))}y"
