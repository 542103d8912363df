"""Decks as a tree of '::' names: create, rename (with subdecks), delete (with cards, undoable),
imported Anki subdecks as subdecks, '::' names resolved."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from srsapp.core.errors import CollectionError
from srsapp.core.model import Rating
from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Template,
)
from srsapp.interchange.apkg_write import write_package
from srsapp.service import sources
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from tests.builders import load, make_deck, small_package


def names(col: Collection, now: datetime) -> list[tuple[str, int, int]]:
    return [(n.name, n.new, n.total) for top in col.deck_tree(now) for n in top.walk()]


def test_create_makes_missing_parents_and_refuses_bad_names(col: Collection, now: datetime) -> None:
    col.deck_ops.create("Spanish :: Verbs", now)
    assert [n for _i, n in col.decks()] == ["Spanish", "Spanish::Verbs"]
    tree = col.deck_tree(now)
    assert [t.name for t in tree] == ["Spanish"]
    assert [c.title for c in tree[0].children] == ["Verbs"]
    for bad in ("", "  ", "A::", "::B", "A:: ::B", "x\ny"):
        with pytest.raises(CollectionError):
            col.deck_ops.create(bad, now)
    with pytest.raises(CollectionError, match="already exists"):
        col.deck_ops.create("Spanish::Verbs", now)
    assert col.edits.undo().decks
    assert col.decks() == []


def test_rename_moves_subdecks_and_undo_puts_names_back(col: Collection, now: datetime) -> None:
    load(col, make_deck(3, title="Lang::Korean"), now)
    col.deck_ops.create("Lang::Korean::Verbs", now)
    col.deck_ops.create("Lang::Other", now)
    changes = col.deck_ops.rename("Lang::Korean", "한국어")
    assert changes.count == 2
    assert sorted(n for _i, n in col.decks()) == ["Lang", "Lang::Other", "한국어", "한국어::Verbs"]
    with pytest.raises(CollectionError, match="already exists"):
        col.deck_ops.rename("한국어", "Lang::Other")
    with pytest.raises(CollectionError, match="inside itself"):
        col.deck_ops.rename("한국어", "한국어::x")
    col.edits.undo()
    assert sorted(n for _i, n in col.decks()) == [
        "Lang", "Lang::Korean", "Lang::Korean::Verbs", "Lang::Other",
    ]  # fmt: skip


def test_delete_takes_cards_and_reviews_and_undo_brings_them_back(
    col: Collection, now: datetime
) -> None:
    load(col, make_deck(5, title="Doomed"), now)
    col.deck_ops.create("Doomed::Child", now)
    load(col, make_deck(2, title="Kept"), now, path="/notes/b.md")
    card = col.next_card(now, col.deck_id("Doomed"))
    assert card is not None
    col.answer(card.id, Rating.GOOD, now)
    before = col.deck_ops.deletion("Doomed")
    assert (before.decks, before.cards, before.reviews) == (2, 5, 1)
    done = col.delete_deck("Doomed")
    assert done.cards == 5 and done.changes.decks and done.changes.revlog
    assert [n for _i, n in col.decks()] == ["Kept"]
    assert col.card_count() == 2 and col.revlog_count() == 0
    assert col.edits.label() == "delete_deck"
    col.edits.undo()
    assert sorted(n for _i, n in col.decks()) == ["Doomed", "Doomed::Child", "Kept"]
    assert col.card_count() == 7 and col.revlog_count() == 1
    assert col.card(card.id).state != 0  # its schedule came back with it
    assert sources.notes_sources(col) and len(sources.notes_sources(col)) == 2
    assert check(col, now=now).problems == []  # revlog_hours and schedules agree again


def test_imported_anki_subdecks_are_a_tree_resolved_renamed_deleted(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    apkg = tmp_path / "h.apkg"
    write_package(small_package(), apkg)
    col.import_file(apkg, now=now)
    assert names(col, now) == [("H", 2, 2), ("H::x", 2, 2)]
    target = col.deck_ops.resolve("H :: x")
    assert target.deck_id == col.deck_id("H") and target.concept == ("x",)
    with pytest.raises(CollectionError, match="no deck named 'H::y'"):
        col.deck_ops.resolve("H::y")
    col.deck_ops.rename("H::x", "H::Words")
    assert names(col, now) == [("H", 2, 2), ("H::Words", 2, 2)]
    with pytest.raises(CollectionError, match="must start with 'H::'"):
        col.deck_ops.rename("H::Words", "Other")
    col.delete_deck("H::Words")
    assert names(col, now) == [("H", 0, 0)] and col.card_count() == 0
    col.edits.undo()
    assert names(col, now) == [("H", 2, 2), ("H::Words", 2, 2)]


def test_nothing_to_undo(col: Collection) -> None:
    assert col.edits.label() is None
    assert not col.edits.undo().any


def test_undo_never_takes_later_work_with_it(col: Collection, now: datetime) -> None:
    col.deck_ops.create("New", now)
    added = col.card_ops.add_note("New", "basic", {"Front": "q", "Back": "a"}, now)
    col.answer(added.card_ids[0], Rating.GOOD, now)
    with pytest.raises(CollectionError, match="answered since"):
        col.edits.undo()  # the added note: its card has an answer now
    assert col.card_count() == 1 and col.revlog_count() == 1
    assert col.edits.label() == "add_note"  # still there, nothing changed


def _nested_package() -> AnkiPackage:
    """Four new cards in each of H::a, H::a::b and H::c (notes 100.., cards 200..)."""
    nt = Notetype(1, "Basic", NotetypeKind.BASIC, ["Front", "Back"],
                  [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")])  # fmt: skip
    decks = {5: Deck(5, "H::a"), 6: Deck(6, "H::a::b"), 7: Deck(7, "H::c")}
    notes = [Note(100 + i, f"g{i}", 1, [f"q{i}", f"a{i}"]) for i in range(12)]
    cards = [Card(200 + i, 100 + i, 0, 5 + i // 4) for i in range(12)]
    return AnkiPackage({1: nt}, decks, notes, cards, [], {}, 1_700_000_000)


def test_subdeck_counts_of_the_tree_are_each_subdecks_own(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    """The deck tree counts every imported subdeck at once: each row shows exactly what
    studying that subdeck shows (its subtree, the deck's daily limits, no buried or suspended
    card, learning cards due today) — the numbers below and ``counts`` of each row agree."""
    apkg = tmp_path / "nested.apkg"
    write_package(_nested_package(), apkg)
    col.import_file(apkg, now=now)
    h = col.deck_id("H")
    col.set_deck_config(h, new_per_day=10)

    def rows() -> dict[str, tuple[int, int, int, int]]:
        tree = [n for top in col.deck_tree(now) for n in top.walk()]
        for n in tree:
            if n.concept is not None:
                assert (n.new, n.learn, n.review) == col.counts(now, h, n.concept), n.name
        return {n.name: (n.new, n.learn, n.review, n.total) for n in tree}

    assert rows() == {
        "H": (10, 0, 0, 12), "H::a": (8, 0, 0, 8), "H::a::b": (4, 0, 0, 4), "H::c": (4, 0, 0, 4),
    }  # fmt: skip
    in_b = col.next_card(now, h, ("a", "b"))
    assert in_b is not None
    col.answer(in_b.id, Rating.AGAIN, now)  # one new card introduced, learning today
    for _ in range(3):
        card = col.next_card(now, h, ("c",))
        assert card is not None
        col.sched.actions.bury(card.id, now)
    in_a = col.next_card(now, h, ("a",))
    assert in_a is not None and in_a.concept == ("a",)
    col.sched.actions.set_suspended(in_a.id, now=now)
    assert rows() == {
        "H": (7, 1, 0, 11), "H::a": (6, 1, 0, 8), "H::a::b": (3, 1, 0, 4), "H::c": (1, 0, 0, 4),
    }  # fmt: skip
    col.set_deck_config(h, new_per_day=3)  # 2 left today: every row stops there
    assert rows() == {
        "H": (2, 1, 0, 11), "H::a": (2, 1, 0, 8), "H::a::b": (2, 1, 0, 4), "H::c": (1, 0, 0, 4),
    }  # fmt: skip
    col.next_card(now, h, ("a",))  # the session's queue of H::a: its row read from it
    assert rows()["H::a"] == (2, 1, 0, 8)


def test_the_decks_a_card_can_go_into_are_named_without_reading_any_counts(
    col: Collection, now: datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apkg = tmp_path / "nested.apkg"
    write_package(_nested_package(), apkg)
    col.import_file(apkg, now=now)
    col.deck_ops.create("Lang::Korean", now)
    expected = [n.name for top in col.deck_tree(now) for n in top.walk() if n.deck_id is not None]

    def no_counts(*_a: object, **_k: object) -> object:
        raise AssertionError("the deck names read the day's counts")

    monkeypatch.setattr(col.sched.queue, "deck_counts", no_counts)
    monkeypatch.setattr(col.sched.queue, "subdeck_counts", no_counts)
    assert col.deck_ops.card_deck_names() == expected
    assert "H::a::b" in expected and "Lang::Korean" in expected
