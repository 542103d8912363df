"""Fit FSRS parameters to a learner's own history, evaluate them, simulate workloads.

A thin, typed layer over ``fsrs_rs_python`` (fsrs-rs, no torch). Items come from
``srsapp.core.fitting.training``. Pure: randomness is the simulator's explicit ``seed``.

Evaluating on held-out *reviews*: ``split_by_time`` cuts the log at the time below which the first
``fraction`` of the reviews lie. Training items are built from the reviews before the cut only
(so no later event, e.g. a reset, can change what the model is trained on); test items are the
items whose *target* review is at or after the cut. A test item's history may reach back before the
cut: that is exactly what the scheduler would know when predicting that review.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

import fsrs_rs_python as fsrs_rs

from srsapp.core.days import DEFAULT_DAY_START_HOUR
from srsapp.core.errors import SchedulingError
from srsapp.core.fitting.training import RevlogEntry, TrainingItem, build_items, to_fsrs_items

Parameters = tuple[float, ...]

DEFAULT_PARAMETERS: Parameters = tuple(fsrs_rs.DEFAULT_PARAMETERS)
MIN_REVIEWS = 400  # what Anki asks for before it optimizes


@dataclass(frozen=True, slots=True)
class Metrics:
    log_loss: float
    rmse_bins: float  # RMSE over bins of (predicted R, outcome), as fsrs-rs / Anki report it


@dataclass(frozen=True, slots=True)
class Split:
    train: list[TrainingItem]
    test: list[TrainingItem]
    cutoff: datetime  # first time of the held-out part


@dataclass(frozen=True, slots=True)
class WorkloadPoint:
    retention: float  # desired retention simulated
    reviews_per_day: float  # mean reviews a day (first learning steps not counted)
    memorized: float  # expected number of cards remembered at the end (sum of R)
    minutes_per_day: float  # mean study time a day, learning and reviews

    @property
    def minutes_per_memorized(self) -> float:
        return self.minutes_per_day / self.memorized if self.memorized > 0 else math.inf


def _engine(parameters: Sequence[float]) -> fsrs_rs.FSRS:
    try:
        return fsrs_rs.FSRS(list(parameters))
    except ValueError as exc:
        raise SchedulingError(
            f"invalid FSRS parameters ({len(parameters)} values): {exc}"
        ) from None


def fit(
    items: Sequence[TrainingItem],
    *,
    min_reviews: int = MIN_REVIEWS,
    enable_short_term: bool = True,
) -> Parameters:
    """FSRS parameters fitted to ``items`` (deterministic: fsrs-rs seeds its own training).

    ``min_reviews`` counts predictable reviews, i.e. training items (a review on a later
    learner day than the card's previous one); below it a SchedulingError is raised.
    """
    if len(items) < min_reviews:
        raise SchedulingError(
            f"need at least {min_reviews} reviews, have {len(items)} "
            "(counting reviews on a later day than the card's previous review)"
        )
    try:
        params = _engine(DEFAULT_PARAMETERS).compute_parameters(
            to_fsrs_items(items), enable_short_term=enable_short_term
        )
    except ValueError as exc:
        raise SchedulingError(f"cannot fit FSRS parameters: {exc}") from None
    return tuple(float(p) for p in params)


def evaluate(parameters: Sequence[float], items: Sequence[TrainingItem]) -> Metrics:
    """How well ``parameters`` predict the target reviews of ``items`` (lower is better)."""
    if not items:
        raise SchedulingError("no reviews to evaluate the parameters on")
    try:
        result = _engine(parameters).evaluate(to_fsrs_items(items))
    except ValueError as exc:
        raise SchedulingError(f"cannot evaluate FSRS parameters: {exc}") from None
    return Metrics(log_loss=float(result.log_loss), rmse_bins=float(result.rmse_bins))


def split_by_time(
    entries: Iterable[RevlogEntry],
    fraction: float = 0.8,
    *,
    tz: tzinfo | str = "UTC",
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
) -> Split:
    """Train on the first ``fraction`` of the reviews by time, test on the rest (module doc)."""
    if not 0.0 < fraction < 1.0:
        raise SchedulingError(f"split fraction must be between 0 and 1, got {fraction}")
    entries = list(entries)
    times = sorted(e.time for e in entries if e.graded)
    if len(times) < 2:
        raise SchedulingError(f"need at least 2 reviews to split, have {len(times)}")
    cutoff = times[min(len(times) - 1, max(1, int(len(times) * fraction)))]
    train = build_items([e for e in entries if e.time < cutoff], tz, day_start_hour)
    test = [it for it in build_items(entries, tz, day_start_hour) if it.target_time >= cutoff]
    return Split(train=train, test=test, cutoff=cutoff)


def simulate(
    parameters: Sequence[float],
    desired_retentions: Sequence[float],
    *,
    deck_size: int,
    learn_limit: int,
    review_limit: int,
    days: int = 365,
    seed: int,
) -> list[WorkloadPoint]:
    """Simulate ``days`` of study of a ``deck_size``-card deck at each desired retention.

    Uses fsrs-rs's simulator with its default rating and time-cost distributions, with no cap on
    time per day (the limits are the daily new-card and review counts).
    """
    _engine(parameters)  # validates
    if deck_size < 1 or days < 1 or learn_limit < 0 or review_limit < 0:
        raise SchedulingError(
            "simulation needs deck_size >= 1, days >= 1 and non-negative daily limits"
        )
    config = fsrs_rs.default_simulator_config()
    config.deck_size = deck_size
    config.learn_span = days
    config.learn_limit = learn_limit
    config.review_limit = review_limit
    config.max_cost_perday = math.inf
    points: list[WorkloadPoint] = []
    for retention in desired_retentions:
        if not 0.0 < retention < 1.0:
            raise SchedulingError(f"desired retention must be between 0 and 1, got {retention}")
        result = fsrs_rs.simulate(list(parameters), retention, config, seed)
        points.append(
            WorkloadPoint(
                retention=float(retention),
                reviews_per_day=sum(result.review_cnt_per_day) / days,
                memorized=float(result.memorized_cnt_per_day[-1]),
                minutes_per_day=sum(result.cost_per_day) / days / 60.0,
            )
        )
    return points


def suggest_retention(points: Sequence[WorkloadPoint]) -> float:
    """The simulated retention with the least study time per memorized card.

    Ties go to the higher retention (same cost, more remembered).
    """
    if not points:
        raise SchedulingError("no simulated retentions to choose from")
    best = min(points, key=lambda p: (p.minutes_per_memorized, -p.retention))
    return best.retention
