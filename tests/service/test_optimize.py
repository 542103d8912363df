"""Optimizing a collection on its own review log (temporary SQLite file)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from srsapp.core.errors import SchedulingError
from srsapp.core.fitting.training import ReviewKind
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import DEFAULT_PARAMETERS, replay
from srsapp.service.collection import Collection
from srsapp.service.optimize import optimize_collection, revlog_entries
from srsapp.store.models import Card
from tests.builders import add_cards, open_collection, study_days

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
# valid but poor parameters: every first rating gives a stability of 50 days
POOR = (50.0, 50.0, 50.0, 50.0, *DEFAULT_PARAMETERS[4:])


@pytest.fixture(scope="module")
def studied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A collection with three months of reviews of 30 cards (built once, copied per test)."""
    path = tmp_path_factory.mktemp("studied")
    col = open_collection(path, seed=False, rng=random.Random(1))
    col.set_settings(timezone="UTC", day_start_hour=4)
    add_cards(col, 30)
    study_days(col, 90)
    col.close()
    return path


@pytest.fixture
def col(studied: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    import shutil

    dest = tmp_path / "col"
    shutil.copytree(studied, dest, ignore=shutil.ignore_patterns("collection.lock"))
    c = open_collection(dest, seed=False, rng=random.Random(2))
    yield c
    c.close(backup=False)


def _cards(col: Collection) -> dict[int, tuple[int, float | None, int]]:
    with col.db.reading() as s:
        return {c.id: (c.state, c.stability, c.due) for c in s.scalars(select(Card))}


def test_fitted_parameters_replace_poor_ones_and_states_are_replayed(col: Collection) -> None:
    col.set_settings(fsrs_parameters=list(POOR))
    before = _cards(col)
    now = START + timedelta(days=90)
    report = optimize_collection(col, now, min_reviews=50)
    assert report.items >= 50 and report.cards == 30
    assert report.fitted.log_loss < report.current.log_loss
    assert report.kept
    assert col.settings()["fsrs_parameters"] == list(report.parameters)
    after = _cards(col)
    assert report.cards_updated == sum(1 for cid in after if after[cid][0] != CardState.NEW)
    changed_stability = [cid for cid in after if after[cid][1] != before[cid][1]]
    assert len(changed_stability) == report.cards_updated
    moved = [cid for cid in after if after[cid][2] // 86400 != before[cid][2] // 86400]
    assert report.due_moved == len(moved) > 0
    # one card checked by hand: its stored stability is the replay of its log with the new params
    card_id = changed_stability[0]
    history = [(e.time, Rating(e.rating)) for e in revlog_entries(col) if e.card_id == card_id]
    config = replace(col.scheduler().config, parameters=report.parameters)
    assert after[card_id][1] == pytest.approx(replay(history, config).stability)


def test_nothing_changes_when_the_current_parameters_are_as_good(col: Collection) -> None:
    first = optimize_collection(col, START + timedelta(days=90), min_reviews=50)
    assert first.kept  # defaults were beaten
    before = _cards(col)
    second = optimize_collection(col, START + timedelta(days=90), min_reviews=50)
    assert second.parameters == first.parameters  # same items, same deterministic fit
    assert second.current.log_loss == pytest.approx(second.fitted.log_loss, rel=1e-6)
    assert not second.kept and second.cards_updated == second.due_moved == 0
    assert _cards(col) == before
    assert "nothing changed" in second.summary()


def test_reset_cards_are_cut_and_kinds_are_recovered(col: Collection) -> None:
    with col.db.reading() as s:
        card_id = s.scalars(select(Card.id).where(Card.state == CardState.REVIEW)).first()
    assert card_id is not None
    col.sched.actions.reset_to_new([card_id], START + timedelta(days=91))
    mine = [e for e in revlog_entries(col) if e.card_id == card_id]
    assert mine[0].kind == ReviewKind.LEARN
    assert mine[-1].kind == ReviewKind.RESET and mine[-1].rating == 0
    assert any(e.kind == ReviewKind.REVIEW for e in mine)
    report = optimize_collection(col, START + timedelta(days=91), min_reviews=50)
    assert report.cards == 30  # its reviews still count, but ...
    with col.db.reading() as s:
        card = s.get(Card, card_id)
        assert card is not None and card.state == CardState.NEW and card.stability is None


def test_too_small_collection_is_refused(tmp_path: Path) -> None:
    c = open_collection(tmp_path / "small", seed=False, rng=random.Random(1))
    try:
        c.set_settings(timezone="UTC", day_start_hour=4)
        add_cards(c, 2)
        study_days(c, 5)
        with pytest.raises(SchedulingError, match=r"need at least 400 reviews, have \d+"):
            optimize_collection(c, START + timedelta(days=5))
    finally:
        c.close()
