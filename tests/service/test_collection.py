"""The service layer on a temporary SQLite file: queue, answer, undo, counts, limits."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from srsapp.core.errors import CollectionError, SchedulingError
from srsapp.core.model import CardState, Rating
from srsapp.service.collection import Collection
from srsapp.store.models import Card, Review
from tests.builders import load, make_deck, open_collection


def test_answer_writes_state_and_one_revlog_row(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(3), now)
    card = col.next_card(now)
    assert card is not None and card.state == CardState.NEW and "Question 0" in card.front
    result = col.answer(card.id, Rating.GOOD, now, duration_ms=4200)
    assert result.interval == timedelta(minutes=10)  # second learning step
    with col.db.reading() as s:
        rows = s.scalars(select(Review)).all()
        stored = s.get(Card, card.id)
    assert len(rows) == 1 and rows[0].duration_ms == 4200 and rows[0].state_before == 0
    assert stored is not None and stored.state == CardState.LEARNING and stored.reps == 1


def test_undo_restores_card_and_removes_revlog(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    first = col.next_card(now)
    assert first is not None
    with col.db.reading() as s:
        before = {c.key: (c.state, c.due, c.stability) for c in s.scalars(select(Card))}
    col.answer(first.id, Rating.EASY, now)
    assert col.next_card(now).id != first.id  # type: ignore[union-attr]
    assert col.undo().card_id == first.id
    assert col.revlog_count() == 0
    with col.db.reading() as s:
        after = {c.key: (c.state, c.due, c.stability) for c in s.scalars(select(Card))}
    assert after == before
    assert col.next_card(now).id == first.id  # type: ignore[union-attr]
    assert col.undo().card_id is None


def test_counts_drop_and_new_limit_applies(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(30), now)
    [deck] = col.sched.queue.deck_counts(now)
    assert (deck.new, deck.learn, deck.review, deck.total) == (20, 0, 0, 30)
    for _ in range(5):
        card = col.next_card(now)
        assert card is not None
        col.answer(card.id, Rating.EASY, now)
    [deck] = col.sched.queue.deck_counts(now)
    assert deck.new == 15
    col.set_deck_config(deck.id, new_per_day=5)
    [deck] = col.sched.queue.deck_counts(now)
    assert deck.new == 0
    assert col.next_card(now) is None


def test_learning_card_returns_when_due(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(1), now)
    card = col.next_card(now)
    assert card is not None
    col.answer(card.id, Rating.AGAIN, now)
    # due in 1 minute: inside the learn-ahead window when nothing else is left
    again = col.next_card(now)
    assert again is not None and again.id == card.id and again.queue == "learn"
    assert col.counts(now) == (0, 1, 0)


def test_siblings_are_buried_until_next_day(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(4, sibling_pairs=True), now)
    card = col.next_card(now)
    assert card is not None
    result = col.answer(card.id, Rating.EASY, now)
    assert result.buried_siblings == 1
    seen = set()
    while (c := col.next_card(now)) is not None:
        seen.add(c.id)
        col.answer(c.id, Rating.EASY, now)
    assert len(seen) == 1  # the other pair's first card; its sibling got buried too
    tomorrow = now + timedelta(days=1)
    assert col.counts(tomorrow)[0] == 2


def test_bad_rating_and_unknown_card(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(1), now)
    card = col.next_card(now)
    assert card is not None
    with pytest.raises(SchedulingError, match="rating must be 1-4"):
        col.answer(card.id, 7, now)
    with pytest.raises(SchedulingError, match="no card"):
        col.answer(999, 3, now)
    assert col.revlog_count() == 0


def test_intervals_are_labelled_per_button(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(1), now)
    card = col.next_card(now)
    assert card is not None
    labels = col.sched.answers.intervals(card.id, now)
    assert labels[Rating.AGAIN] == "1m" and labels[Rating.GOOD] == "10m"
    assert labels[Rating.EASY].endswith("d")


def test_edit_override_and_suspend_are_undoable(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    card = col.next_card(now)
    assert card is not None
    col.sched.actions.edit_card(card.id, None, "<p>my own answer</p>")
    assert col.card(card.id).back == "<p>my own answer</p>"
    col.sched.actions.set_suspended(card.id, now=now)
    assert col.next_card(now).id != card.id  # type: ignore[union-attr]
    col.undo()
    assert col.next_card(now).id == card.id  # type: ignore[union-attr]
    col.undo()
    assert "Answer 0" in col.card(card.id).back


def test_second_instance_is_refused(tmp_path: Path) -> None:
    first = open_collection(tmp_path / "d", seed=False)
    try:
        with pytest.raises(CollectionError, match="already open"):
            open_collection(tmp_path / "d", seed=False)
    finally:
        first.close()
    open_collection(tmp_path / "d", seed=False).close()  # free again after close


def test_not_sqlite_and_newer_schema_are_refused_untouched(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    db = d / "collection.sqlite"
    db.write_bytes(b"this is not a database at all")
    with pytest.raises(CollectionError, match="not an SQLite database"):
        open_collection(d, seed=False)
    assert db.read_bytes() == b"this is not a database at all"
    db.unlink()
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.execute("CREATE TABLE cards(id)")
    con.commit()
    con.close()
    raw = db.read_bytes()
    with pytest.raises(CollectionError, match="newer srsapp"):
        open_collection(d, seed=False)
    assert db.read_bytes() == raw


def test_unwritable_data_dir(tmp_path: Path) -> None:
    import os

    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    try:
        if os.access(d, os.W_OK):  # running as root: permissions are not enforced
            pytest.skip("root ignores directory permissions")
        with pytest.raises(CollectionError, match="not writable"):
            open_collection(d, seed=False)
    finally:
        d.chmod(0o700)


def test_schema_version_recorded(col: Collection) -> None:
    from srsapp.store.models import SCHEMA_VERSION

    assert col.db.schema_version() == SCHEMA_VERSION
    assert col._meta("schema_version") == str(SCHEMA_VERSION)


def test_scheduler_follows_option_changes(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(1), now)
    [deck] = col.sched.queue.deck_counts(now)
    first = col.scheduler(deck.id)
    assert col.scheduler(deck.id) is first  # cached between answers
    col.set_deck_config(deck.id, desired_retention=0.8)
    assert col.scheduler(deck.id).config.desired_retention == 0.8
    col.set_settings(learning_steps_min=[5])
    card = col.next_card(now)
    assert card is not None
    assert col.sched.answers.intervals(card.id, now)[Rating.AGAIN] == "5m"


def test_data_dir_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CollectionError, match="cannot create the data folder") as exc:
        open_collection(blocker / "data", seed=False)
    assert str(blocker / "data") in str(exc.value)
    assert blocker.read_text(encoding="utf-8") == "not a folder"
