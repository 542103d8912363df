"""Decks as a tree of '::' names: create, rename (with subdecks), delete (with cards, undoable),
imported Anki subdecks as subdecks, '::' names resolved."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from srsapp.core.errors import CollectionError
from srsapp.core.model import Rating
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from tests.builders import load, make_deck, small_package


def names(col: Collection, now: datetime) -> list[tuple[str, int, int]]:
    return [(n.name, n.new, n.total) for top in col.deck_tree(now) for n in top.walk()]


def test_create_makes_missing_parents_and_refuses_bad_names(col: Collection, now: datetime) -> None:
    col.create_deck("Spanish :: Verbs", now)
    assert [n for _i, n in col.decks()] == ["Spanish", "Spanish::Verbs"]
    tree = col.deck_tree(now)
    assert [t.name for t in tree] == ["Spanish"]
    assert [c.title for c in tree[0].children] == ["Verbs"]
    for bad in ("", "  ", "A::", "::B", "A:: ::B", "x\ny"):
        with pytest.raises(CollectionError):
            col.create_deck(bad, now)
    with pytest.raises(CollectionError, match="already exists"):
        col.create_deck("Spanish::Verbs", now)
    assert col.undo_edit().decks
    assert col.decks() == []


def test_rename_moves_subdecks_and_undo_puts_names_back(col: Collection, now: datetime) -> None:
    load(col, make_deck(3, title="Lang::Korean"), now)
    col.create_deck("Lang::Korean::Verbs", now)
    col.create_deck("Lang::Other", now)
    changes = col.rename_deck("Lang::Korean", "한국어")
    assert changes.count == 2
    assert sorted(n for _i, n in col.decks()) == ["Lang", "Lang::Other", "한국어", "한국어::Verbs"]
    with pytest.raises(CollectionError, match="already exists"):
        col.rename_deck("한국어", "Lang::Other")
    with pytest.raises(CollectionError, match="inside itself"):
        col.rename_deck("한국어", "한국어::x")
    col.undo_edit()
    assert sorted(n for _i, n in col.decks()) == [
        "Lang", "Lang::Korean", "Lang::Korean::Verbs", "Lang::Other",
    ]  # fmt: skip


def test_delete_takes_cards_and_reviews_and_undo_brings_them_back(
    col: Collection, now: datetime
) -> None:
    load(col, make_deck(5, title="Doomed"), now)
    col.create_deck("Doomed::Child", now)
    load(col, make_deck(2, title="Kept"), now, path="/notes/b.md")
    card = col.next_card(now, col.deck_id("Doomed"))
    assert card is not None
    col.answer(card.id, Rating.GOOD, now)
    before = col.deck_deletion("Doomed")
    assert (before.decks, before.cards, before.reviews) == (2, 5, 1)
    done = col.delete_deck("Doomed")
    assert done.cards == 5 and done.changes.decks and done.changes.revlog
    assert [n for _i, n in col.decks()] == ["Kept"]
    assert col.card_count() == 2 and col.revlog_count() == 0
    assert col.edit_undo_label() == "delete_deck"
    col.undo_edit()
    assert sorted(n for _i, n in col.decks()) == ["Doomed", "Doomed::Child", "Kept"]
    assert col.card_count() == 7 and col.revlog_count() == 1
    assert col.card(card.id).state != 0  # its schedule came back with it
    assert col.notes_sources() and len(col.notes_sources()) == 2
    assert check(col, now=now).problems == []  # revlog_hours and schedules agree again


def test_imported_anki_subdecks_are_a_tree_resolved_renamed_deleted(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    apkg = tmp_path / "h.apkg"
    write_package(small_package(), apkg)
    col.import_file(apkg, now=now)
    assert names(col, now) == [("H", 2, 2), ("H::x", 2, 2)]
    target = col.resolve_deck("H :: x")
    assert target.deck_id == col.deck_id("H") and target.concept == ("x",)
    with pytest.raises(CollectionError, match="no deck named 'H::y'"):
        col.resolve_deck("H::y")
    col.rename_deck("H::x", "H::Words")
    assert names(col, now) == [("H", 2, 2), ("H::Words", 2, 2)]
    with pytest.raises(CollectionError, match="must start with 'H::'"):
        col.rename_deck("H::Words", "Other")
    col.delete_deck("H::Words")
    assert names(col, now) == [("H", 0, 0)] and col.card_count() == 0
    col.undo_edit()
    assert names(col, now) == [("H", 2, 2), ("H::Words", 2, 2)]


def test_nothing_to_undo(col: Collection) -> None:
    assert col.edit_undo_label() is None
    assert not col.undo_edit().any


def test_undo_never_takes_later_work_with_it(col: Collection, now: datetime) -> None:
    col.create_deck("New", now)
    added = col.add_note("New", "basic", {"Front": "q", "Back": "a"}, now)
    col.answer(added.card_ids[0], Rating.GOOD, now)
    with pytest.raises(CollectionError, match="answered since"):
        col.undo_edit()  # the added note: its card has an answer now
    assert col.card_count() == 1 and col.revlog_count() == 1
    assert col.edit_undo_label() == "add_note"  # still there, nothing changed
