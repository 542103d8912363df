"""A full disk is a one-line error that saves nothing, not a traceback (issue 19, item 10,
part). The disk is filled by capping the database's pages (``PRAGMA max_page_count``),
which makes SQLite answer as on a full disk."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from srsapp.core.errors import CollectionError
from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from tests.reliability.helpers import dump, load_deck

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def full(tmp_path: Path) -> Iterator[Collection]:
    col = Collection.open(tmp_path / "data", seed=False, rng=random.Random(1), durable=False)
    col.set_settings(timezone="UTC")
    load_deck(col, 5, T0)
    with col.db.engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)

    def cap(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.execute(f"PRAGMA max_page_count = {pages}")  # not one page more

    event.listen(col.db.engine, "connect", cap)
    col.db.engine.dispose()
    try:
        yield col
    finally:
        col.close(backup=False)


def test_a_notes_sync_on_a_full_disk_is_one_line_and_changes_nothing(
    full: Collection, tmp_path: Path
) -> None:
    notes = tmp_path / "big.md"
    notes.write_text(
        "# Big\n\n"
        + "".join(f"## Topic {i}\n\nTERM{i} : {'meaning ' * 40}{i}\n\n" for i in range(300)),
        encoding="utf-8",
    )
    before = dump(full)
    with pytest.raises(CollectionError) as info:
        full.sync_notes(notes, now=T0)
    message = str(info.value)
    assert "\n" not in message and "the disk is full" in message and str(full.db.path) in message
    assert dump(full) == before


def test_answering_on_a_full_disk_is_one_line(full: Collection) -> None:
    card = full.next_card(T0)
    assert card is not None
    reviews = full.revlog_count()
    try:
        for _ in range(200):  # until the capped file has no room for the next answer
            card = full.next_card(T0)
            assert card is not None
            full.answer(card.id, Rating.AGAIN, T0, duration_ms=1000)
    except CollectionError as exc:
        assert "the disk is full" in str(exc)
    else:
        pytest.fail("200 answers fitted in the capped file")
    assert full.revlog_count() > reviews  # what was acknowledged before is there


def test_the_review_screen_says_an_answer_was_not_saved(qtbot, full: Collection) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from tests.ui.test_review import Clock, open_review

    _w, review = open_review(qtbot, full, Clock(T0))
    for _ in range(200):  # until the capped file has no room for the next answer
        assert review.card is not None
        shown = review.card.id
        qtbot.keyClick(review, Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_1)
        if "the disk is full" in review.status.text():
            break
    else:
        pytest.fail("200 answers fitted in the capped file")
    assert review.card is not None and review.card.id == shown  # still on the unsaved card
    assert review.revealed  # the answer can be given again once there is room
