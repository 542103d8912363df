"""The lock is on a file, not a name (issue 19, item 11): deleting ``collection.lock`` while a
collection is open must not let a second srsapp write to it as well."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.core.errors import CollectionError
from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from tests.reliability.helpers import load_deck

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def opened(data: Path) -> Collection:
    col = Collection.open(data, seed=False, rng=random.Random(1))
    col.set_settings(timezone="UTC")
    return col


def test_a_second_srsapp_after_the_lock_file_was_deleted_leaves_the_first_read_only(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    first = opened(data)
    load_deck(first, 5, T0)
    card = first.next_card(T0)
    assert card is not None
    first.answer(card.id, Rating.GOOD, T0, duration_ms=1000)
    (data / "collection.lock").unlink()  # a clean-up tool, a user, a sync client ...
    second = Collection.open(data, seed=False)  # takes a new lock file: nothing can stop it
    try:
        card = first.next_card(T0)
        assert card is not None
        with pytest.raises(CollectionError) as info:
            first.answer(card.id, Rating.GOOD, T0, duration_ms=1000)
        message = str(info.value)
        assert "collection.lock was deleted" in message and str(data) in message
        assert first.revlog_count() == 1  # refused, not written beside the other window
        second.answer(card.id, Rating.GOOD, T0, duration_ms=1000)  # the one that holds it
        assert second.revlog_count() == 2
    finally:
        second.close(backup=False)
        first.close(backup=False)


def test_a_deleted_lock_file_that_nobody_took_is_taken_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    col = opened(data)
    try:
        load_deck(col, 3, T0)
        (data / "collection.lock").unlink()
        card = col.next_card(T0)
        assert card is not None
        col.answer(card.id, Rating.GOOD, T0, duration_ms=1000)  # the write takes it again
        assert (data / "collection.lock").is_file()
        with pytest.raises(CollectionError, match="already open"):
            Collection.open(data, seed=False)
    finally:
        col.close(backup=False)
