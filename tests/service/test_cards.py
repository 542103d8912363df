"""Notes added by hand (Basic, Basic + reverse, Cloze, typed answer), and edits on many cards."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from srsapp.core.errors import CollectionError
from srsapp.interchange.apkg_write import write_package
from srsapp.service import cards
from srsapp.service.collection import Collection
from tests.builders import load, make_deck, small_package


def test_each_note_type_makes_its_cards_in_the_deck(col: Collection, now: datetime) -> None:
    load(col, make_deck(3, title="Lang"), now)
    deck = col.deck_id("Lang")
    basic = col.card_ops.add_note("Lang", "basic", {"Front": "**집**", "Back": "house"}, now)
    [card] = [col.card(i) for i in basic.card_ids]
    assert card.deck_id == deck and card.front == "<p><strong>집</strong></p>"
    assert card.kind == "basic" and card.state == 0
    assert col.counts(now, deck)[0] == 4  # new, after the deck's other new cards
    rev = col.card_ops.add_note("Lang", "basic_reverse", {"Front": "물", "Back": "water"}, now)
    a, b = (col.card(i) for i in rev.card_ids)
    assert (a.front, a.back, b.front, b.back) == ("<p>물</p>", "<p>water</p>", "<p>water</p>",
                                                  "<p>물</p>")  # fmt: skip
    cloze = col.card_ops.add_note(
        "Lang", "cloze", {"Text": "{{c1::서울}}은 {{c2::한국}}의 수도", "Back Extra": ""}, now
    )
    fronts = [col.card(i).front for i in cloze.card_ids]
    assert fronts == ['<p><span class="cloze">[...]</span>은 한국의 수도</p>',
                      '<p>서울은 <span class="cloze">[...]</span>의 수도</p>']  # fmt: skip
    typed = col.card_ops.add_note("Lang", "typed", {"Front": "list files", "Back": "`ls -l`"}, now)
    assert col.card(typed.card_ids[0]).extra["typed_answer"] == "ls -l"
    assert col.card_count() == 3 + 1 + 2 + 2 + 1
    col.edits.undo()  # the typed note's card goes again
    assert col.card_count() == 8


def test_bad_notes_are_refused_with_a_reason(col: Collection, now: datetime) -> None:
    col.deck_ops.create("A::B", now)
    with pytest.raises(CollectionError, match="Front field is empty"):
        col.card_ops.add_note("A::B", "basic", {"Front": "  ", "Back": "x"}, now)
    with pytest.raises(CollectionError, match="needs a cloze"):
        col.card_ops.add_note("A::B", "cloze", {"Text": "no cloze here"}, now)
    with pytest.raises(CollectionError, match="Back field is empty"):
        col.card_ops.add_note("A::B", "typed", {"Front": "q", "Back": ""}, now)
    with pytest.raises(CollectionError, match="no deck named"):
        col.card_ops.add_note("Z", "basic", {"Front": "q", "Back": "a"}, now)
    assert col.card_count() == 0


def test_a_note_added_to_an_imported_subdeck_is_in_it(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    apkg = tmp_path / "h.apkg"
    write_package(small_package(), apkg)
    col.import_file(apkg, now=now)
    added = col.card_ops.add_note("H::x", "basic", {"Front": "q3", "Back": "a3"}, now)
    assert col.counts(now, col.deck_id("H"), ("x",))[0] == 3
    assert col.card(added.card_ids[0]).concept == ("x",)


def test_card_info_lists_every_review_with_its_memory_state(col: Collection, now: datetime) -> None:
    from datetime import timedelta

    from srsapp.core.model import Rating

    load(col, make_deck(1), now)
    card = col.next_card(now)
    assert card is not None
    info = cards.card_info(col, card.id, now)
    assert info.reviews == () and info.due is None and info.retrievability is None
    assert info.deck == "Deck" and info.concept == ("Topic",)
    col.answer(card.id, Rating.GOOD, now)
    col.answer(card.id, Rating.GOOD, now + timedelta(minutes=10))
    later = now + timedelta(days=5)
    col.answer(card.id, Rating.AGAIN, later)
    info = cards.card_info(col, card.id, later + timedelta(hours=1))
    assert [r.rating for r in info.reviews] == [3, 3, 1]
    first, second, third = info.reviews
    assert first.retrievability is None  # first sight: nothing to recall yet
    assert second.retrievability is not None and 0.9 < second.retrievability < 1.0
    assert third.retrievability is not None and third.retrievability < second.retrievability
    assert all(r.stability and r.difficulty for r in info.reviews)
    assert info.lapses == 1 and info.reps == 3 and info.retrievability is not None
    assert third.time == later


def test_bulk_edits_apply_to_every_card_and_undo_each_in_one_step(
    col: Collection, now: datetime
) -> None:
    from srsapp.core.model import Rating
    from srsapp.service.search import search_card_ids

    load(col, make_deck(6, title="A"), now)
    col.deck_ops.create("B", now)
    ids = search_card_ids(col, "", now)
    picked = ids[:3]
    col.card_ops.set_deck(picked, "B", now)
    assert [col.card(i).deck_id for i in picked] == [col.deck_id("B")] * 3
    assert col.counts(now, col.deck_id("A"))[0] == 3
    col.card_ops.set_flag(picked, 2, now=now)
    col.suspend_cards(picked, True, now=now)
    assert all(col.card(i).flag == 2 for i in picked)
    assert col.counts(now, col.deck_id("B")) == (0, 0, 0)  # suspended
    assert col.edits.label() == "suspend_cards"
    col.edits.undo()
    assert col.counts(now, col.deck_id("B"))[0] == 3
    col.edits.undo()  # the flags
    assert all(col.card(i).flag == 0 for i in picked)
    col.edits.undo()  # the move
    assert col.counts(now, col.deck_id("A"))[0] == 6
    # reposition: new cards only; the others' order shifts when asked
    first = col.next_card(now, col.deck_id("A"))
    assert first is not None
    col.answer(first.id, Rating.GOOD, now)
    last_two = ids[-2:]
    moved = col.card_ops.reposition([first.id, *last_two], 1, now=now, shift=True)
    assert moved.count == 2  # the studied card keeps its place in the schedule
    nxt = col.next_card(now + timedelta(seconds=1), col.deck_id("A"))
    assert nxt is not None and nxt.id == last_two[0]
    col.edits.undo()
    # delete: cards and reviews go; undo brings both back
    reviews = col.revlog_count()
    gone = col.delete_cards(ids[:2])
    assert gone.count == 2 and col.card_count() == 4 and col.revlog_count() == reviews - 1
    col.edits.undo()
    assert col.card_count() == 6 and col.revlog_count() == reviews
    with pytest.raises(CollectionError, match="none of the selected"):
        col.delete_cards([99999])
    with pytest.raises(CollectionError, match="only new cards"):
        col.card_ops.reposition([first.id], 1, now=now)


def test_editing_an_added_note_changes_all_its_cards_and_undo_puts_them_back(
    col: Collection, now: datetime
) -> None:
    col.deck_ops.create("D", now)
    rev = col.card_ops.add_note("D", "basic_reverse", {"Front": "물", "Back": "water"}, now)
    a, b = rev.card_ids
    assert (
        cards.added_note(col, a) is not None and cards.added_note(col, a).fields["Back"] == "water"
    )  # type: ignore[union-attr]
    col.card_ops.edit_note(b, {"Front": "물", "Back": "**water**"}, now, ["vocab"])
    assert col.card(a).extra["tags"] == ["vocab"] and cards.card_info(col, a, now).tags == (
        "vocab",
    )
    assert col.card(a).back == "<p><strong>water</strong></p>"
    assert col.card(b).front == "<p><strong>water</strong></p>"
    col.edits.undo()
    assert col.card(a).back == "<p>water</p>" and col.card(b).front == "<p>water</p>"
    cloze = col.card_ops.add_note("D", "cloze", {"Text": "{{c1::서울}}은 {{c2::한국}}의 수도"}, now)
    c1, c2 = cloze.card_ids
    changed = col.card_ops.edit_note(c1, {"Text": "{{c1::서울}}은 한국의 {{c3::수도}}"}, now)
    assert len(changed.card_ids) == 3  # c1 kept, c2 retired, c3 made
    assert col.card_count() == 2 + 2  # c2 retired (hidden, history kept), c3 new
    assert col.card(c1).front == '<p><span class="cloze">[...]</span>은 한국의 수도</p>'
    assert (
        col.card(changed.card_ids[-1]).front
        == '<p>서울은 한국의 <span class="cloze">[...]</span></p>'
    )
    col.edits.undo()
    assert col.card_count() == 4  # c2 back, c3 gone
    assert col.card(c2).front == '<p>서울은 <span class="cloze">[...]</span>의 수도</p>'
    load(col, make_deck(1, title="Notes"), now, path="/notes/n.md")
    generated = [i for i in range(1, 20) if cards.added_note(col, i) is None]
    with pytest.raises(CollectionError, match="not added by hand"):
        col.card_ops.edit_note(generated[0], {"Front": "x", "Back": "y"}, now)
