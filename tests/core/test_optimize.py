from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from srsapp.core.errors import SchedulingError
from srsapp.core.fitting import optimize
from srsapp.core.fitting.optimize import Metrics, Split, WorkloadPoint
from srsapp.core.fitting.training import ReviewKind, RevlogEntry, build_items
from srsapp.interchange.revlog_csv import read_revlog_csv
from tests.conftest import SAMPLE_REVLOG

SAMPLE = SAMPLE_REVLOG


@pytest.fixture(scope="module")
def entries() -> list[RevlogEntry]:
    return read_revlog_csv(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))


@pytest.fixture(scope="module")
def split(entries: list[RevlogEntry]) -> Split:
    return optimize.split_by_time(entries, 0.8, tz="UTC", day_start_hour=4)


@pytest.fixture(scope="module")
def fitted(split: Split) -> tuple[float, ...]:
    return optimize.fit(split.train)


def test_sample_is_read_whole(entries: list[RevlogEntry]) -> None:
    assert len(entries) == 12580
    assert len({e.card_id for e in entries}) == 1205


def test_split_holds_out_the_last_fifth_of_reviews(
    entries: list[RevlogEntry], split: Split
) -> None:
    before = sum(1 for e in entries if e.time < split.cutoff)
    assert before / len(entries) == pytest.approx(0.8, abs=0.01)
    assert split.train and split.test
    assert max(it.target_time for it in split.train) < split.cutoff
    assert min(it.target_time for it in split.test) >= split.cutoff
    # no resets in the sample: every predictable review lands on exactly one side
    assert split.train + split.test == build_items(entries, "UTC")
    # held-out reviews are predicted from the whole history before them, training part included
    first_seen: dict[int, datetime] = {}
    for e in entries:
        first_seen[e.card_id] = min(e.time, first_seen.get(e.card_id, e.time))
    assert any(first_seen[it.card_id] < split.cutoff for it in split.test)


def test_fitted_parameters_beat_the_defaults_on_held_out_reviews(
    split: Split, fitted: tuple[float, ...]
) -> None:
    assert len(fitted) == len(optimize.DEFAULT_PARAMETERS)
    assert fitted != optimize.DEFAULT_PARAMETERS
    default = optimize.evaluate(optimize.DEFAULT_PARAMETERS, split.test)
    mine = optimize.evaluate(fitted, split.test)
    assert isinstance(mine, Metrics)
    assert 0.0 < mine.log_loss < default.log_loss
    assert 0.0 < mine.rmse_bins < default.rmse_bins


def test_fit_is_deterministic(split: Split, fitted: tuple[float, ...]) -> None:
    assert optimize.fit(split.train) == fitted


def test_too_small_history_is_refused() -> None:
    t0 = datetime(2024, 3, 1, 12, tzinfo=UTC)
    log = [
        RevlogEntry(card, t0 + timedelta(days=day), 3, 1000)
        for card in range(3)
        for day in (0, 1, 3, 8)
    ]
    items = build_items(log, "UTC")
    assert len(items) == 9
    with pytest.raises(SchedulingError, match="need at least 400 reviews, have 9"):
        optimize.fit(items)
    with pytest.raises(SchedulingError, match="need at least 10 reviews, have 9"):
        optimize.fit(items, min_reviews=10)


def test_split_trains_only_on_what_was_known_before_the_cutoff() -> None:
    # A card reset *after* the cutoff: its earlier reviews are still training data.
    t0 = datetime(2024, 3, 1, 12, tzinfo=UTC)
    log = [RevlogEntry(1, t0 + timedelta(days=d), 3, 1000) for d in (0, 2, 6, 14)]
    log.append(RevlogEntry(1, t0 + timedelta(days=30), 0, 0, ReviewKind.RESET))
    log += [RevlogEntry(1, t0 + timedelta(days=d), 3, 1000) for d in (30, 31)]
    result = optimize.split_by_time(log, 0.7, tz="UTC")  # 4 of 6 reviews
    assert result.cutoff == t0 + timedelta(days=30)
    assert [it.target_time for it in result.train] == [t0 + timedelta(days=d) for d in (2, 6, 14)]
    assert [[(r.rating, r.delta_t) for r in it.reviews] for it in result.test] == [[(3, 0), (3, 1)]]


def test_bad_inputs_are_refused(split: Split) -> None:
    with pytest.raises(SchedulingError, match="invalid FSRS parameters"):
        optimize.evaluate((1.0, 2.0), split.test)
    with pytest.raises(SchedulingError, match="no reviews"):
        optimize.evaluate(optimize.DEFAULT_PARAMETERS, [])
    with pytest.raises(SchedulingError, match="fraction"):
        optimize.split_by_time([], 1.0)


def test_workload_grows_with_desired_retention() -> None:
    retentions = [0.7, 0.8, 0.9, 0.95]
    points = optimize.simulate(
        optimize.DEFAULT_PARAMETERS,
        retentions,
        deck_size=500,
        learn_limit=10,
        review_limit=10_000,
        days=180,
        seed=42,
    )
    assert [p.retention for p in points] == retentions
    reviews = [p.reviews_per_day for p in points]
    memorized = [p.memorized for p in points]
    # monotone-ish: allow simulation noise between neighbours, but the trend must be clear
    assert all(b > 0.95 * a for a, b in zip(reviews, reviews[1:], strict=False))
    assert reviews[-1] > 2 * reviews[0]
    assert all(b > a for a, b in zip(memorized, memorized[1:], strict=False))
    assert all(0 < p.memorized <= 500 for p in points)
    again = optimize.simulate(
        optimize.DEFAULT_PARAMETERS,
        retentions,
        deck_size=500,
        learn_limit=10,
        review_limit=10_000,
        days=180,
        seed=42,
    )
    assert again == points


def test_suggest_retention_minimises_time_per_memorized_card() -> None:
    points = [
        WorkloadPoint(0.7, 10.0, 700.0, 7.0),  # 0.0100 min per card
        WorkloadPoint(0.8, 12.0, 900.0, 8.1),  # 0.0090
        WorkloadPoint(0.9, 30.0, 950.0, 14.0),  # 0.0147
    ]
    assert optimize.suggest_retention(points) == 0.8
    with pytest.raises(SchedulingError):
        optimize.suggest_retention([])
    with pytest.raises(SchedulingError, match="desired retention"):
        optimize.simulate(
            optimize.DEFAULT_PARAMETERS,
            [1.0],
            deck_size=10,
            learn_limit=1,
            review_limit=1,
            seed=1,
        )
