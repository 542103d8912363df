"""Custom study, subdecks and the new card order on a real collection (issue 16).

- studying a ``::`` parent takes its subdecks' cards in, each within its own limit and all
  within the parent's (Anki v3), and the deck tree shows what studying shows;
- custom study: more new cards today, review ahead (real answers, the real elapsed time),
  forgotten cards (nothing written), a concept beyond today's limits; undo keeps working;
- the new card order option (notes / interleave / random per day).
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from srsapp.core.errors import CollectionError
from srsapp.core.model import CardDraft, CardKind, CardState, ConceptInfo, GeneratedDeck, Rating
from srsapp.core.study_queue import new_order_keys
from srsapp.core.text import context, para
from srsapp.service.cards import card_info
from srsapp.service.collection import Collection
from srsapp.service.study.queue import Custom, counts
from tests.builders import open_collection

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def note(col: Collection, deck: str, n: int, start: int = 0) -> list[int]:
    ids: list[int] = []
    for i in range(start, start + n):
        ch = col.card_ops.add_note(deck, "basic", {"Front": f"{deck} q{i}", "Back": f"a{i}"}, T0)
        ids += ch.card_ids
    return ids


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    c = open_collection(tmp_path / "data", seed=False, rng=random.Random(5))
    c.set_settings(timezone="UTC", day_start_hour=4)
    yield c
    c.close(backup=False)


def tree_decks(col: Collection) -> dict[str, int]:
    for name in ("Lang", "Lang::Verbs", "Lang::Nouns"):
        col.deck_ops.create(name, T0)
    ids = {n: i for i, n in col.decks()}
    note(col, "Lang", 3)
    note(col, "Lang::Verbs", 8)
    note(col, "Lang::Nouns", 8)
    col.set_deck_config(ids["Lang"], new_per_day=10)
    col.set_deck_config(ids["Lang::Verbs"], new_per_day=4)
    col.set_deck_config(ids["Lang::Nouns"], new_per_day=20)
    return ids


def study_all(col: Collection, now: datetime, deck_id: int, custom: Custom | None = None,
              rating: Rating = Rating.GOOD) -> list[int]:  # fmt: skip
    seen = []
    while (card := col.next_card(now, deck_id, custom=custom)) is not None:
        seen.append(card.id)
        col.answer(card.id, rating, now)
        assert len(seen) < 500
    return seen


def test_a_parent_deck_studies_its_subdecks_within_each_limit(col: Collection) -> None:
    ids = tree_decks(col)
    lang, verbs = ids["Lang"], ids["Lang::Verbs"]
    # Lang: 3 of its own + Verbs 4 (its limit) + Nouns: 3 more up to Lang's 10
    assert col.counts(T0, lang) == (10, 0, 0)
    assert col.counts(T0, verbs) == (4, 0, 0)
    rows = {c.name: (c.new, c.learn, c.review, c.total) for c in col.sched.queue.deck_counts(T0)}
    assert rows["Lang"] == (10, 0, 0, 19)  # the deck list shows what studying shows
    assert rows["Lang::Verbs"] == (4, 0, 0, 8)
    assert rows["Lang::Nouns"] == (8, 0, 0, 8)
    shown = []
    while (card := col.next_card(T0, lang)) is not None and card.state == CardState.NEW:
        shown.append(card.deck_id)
        col.answer(card.id, Rating.EASY, T0)
    # Lang's own cards first, then its subdecks by name (as Anki gathers): Nouns before Verbs
    assert shown == [lang] * 3 + [ids["Lang::Nouns"]] * 7
    # Lang's limit is used up; a subdeck studied on its own has its own limit (as in Anki)
    assert col.counts(T0, lang)[0] == 0
    assert col.counts(T0, verbs)[0] == 4
    assert col.counts(T0, ids["Lang::Nouns"])[0] == 1


def test_the_tree_counts_agree_after_answers_and_undo(col: Collection) -> None:
    ids = tree_decks(col)
    lang = ids["Lang"]
    for _ in range(5):
        card = col.next_card(T0, lang)
        assert card is not None
        col.answer(card.id, Rating.AGAIN, T0)
    by_name = {c.name: c for c in col.sched.queue.deck_counts(T0)}
    assert (by_name["Lang"].new, by_name["Lang"].learn) == col.counts(T0, lang)[:2]
    assert col.counts(T0, lang) == counts(col, T0, lang)
    col.undo()
    assert col.counts(T0, lang) == counts(col, T0, lang) == (6, 4, 0)


def test_more_new_cards_today_raises_the_limit_for_today_only(col: Collection) -> None:
    ids = tree_decks(col)
    verbs = ids["Lang::Verbs"]
    assert len(study_all(col, T0, verbs, rating=Rating.EASY)) == 4
    assert col.counts(T0, verbs) == (0, 0, 0)
    col.extend_limits(verbs, T0, new=3)
    assert col.counts(T0, verbs) == (3, 0, 0)
    # Lang was raised too (Anki does): 13 - 4 studied = 9 of its 3 + 3 + 8 cards
    assert col.counts(T0, ids["Lang"])[0] == 9
    assert len(study_all(col, T0, verbs, rating=Rating.EASY)) == 3
    tomorrow = T0 + timedelta(days=1)
    assert col.counts(tomorrow, verbs)[0] == 1  # back to 4 a day: 1 new card is left
    with pytest.raises(CollectionError, match="raise"):
        col.extend_limits(verbs, T0)


def reviewed_deck(col: Collection) -> tuple[int, list[int]]:
    col.deck_ops.create("D", T0)
    cards = note(col, "D", 6)
    deck = dict((n, i) for i, n in col.decks())["D"]
    for cid in cards:  # studied once: review cards due in a few days
        col.answer(cid, Rating.EASY, T0)
    return deck, cards


def test_review_ahead_answers_are_real_reviews_and_leave_the_session(col: Collection) -> None:
    deck, cards = reviewed_deck(col)
    day2 = T0 + timedelta(days=1)
    assert col.counts(day2, deck) == (0, 0, 0)  # nothing due: "congratulations"
    ahead = Custom("ahead", 30)
    assert col.counts(day2, deck, custom=ahead) == (0, 0, 6)
    card = col.next_card(day2, deck, custom=ahead)
    assert card is not None and card.id in cards
    due_before = card_info(col, card.id, day2).due
    col.answer(card.id, Rating.GOOD, day2)
    info = card_info(col, card.id, day2)
    assert len(info.reviews) == 2  # a real answer, in the review log
    early = next(r for r in info.reviews if r.time == day2)
    # answered a day after the first answer: FSRS took the real elapsed time in
    assert early.retrievability is not None and 0.9 < early.retrievability < 1.0
    assert info.due is not None and due_before is not None and info.due > due_before
    assert col.counts(day2, deck, custom=ahead) == (0, 0, 5)  # it left the session
    col.undo()
    assert col.counts(day2, deck, custom=ahead) == (0, 0, 6)
    assert len(card_info(col, card.id, day2).reviews) == 1
    assert len(study_all(col, day2, deck, ahead)) == 6
    assert col.next_card(day2, deck) is None  # the normal queue: still nothing due today


def test_forgotten_cards_are_practised_without_touching_the_schedule(col: Collection) -> None:
    deck, cards = reviewed_deck(col)
    day5 = T0 + timedelta(days=20)
    failed = []
    for _ in range(3):
        card = col.next_card(day5, deck)
        assert card is not None
        col.answer(card.id, Rating.AGAIN, day5)
        failed.append(card.id)
    reviews = col.revlog_count()
    p = col.practice(day5 + timedelta(hours=2), deck, None, days=1)
    assert sorted(p.cards) == sorted(failed)
    while (cid := p.current()) is not None:
        p.answer(cid, Rating.GOOD)
    assert col.revlog_count() == reviews  # nothing written
    assert col.practice(day5 + timedelta(days=2), deck, None, days=1).cards == []
    assert len(col.practice(day5 + timedelta(days=2), deck, None, days=3).cards) == 3


def concept_deck() -> GeneratedDeck:
    cards = [
        CardDraft(kind=CardKind.TERM if i < 30 else CardKind.DIAGRAM, concept=("T", f"S{i % 2}"),
                  anchor=f"a{i}", front=context(("T",)) + para(f"q{i}"), back=para(f"a{i}"),
                  sibling=f"s{i}")
        for i in range(40)
    ]  # fmt: skip
    concepts = [ConceptInfo(("T",)), ConceptInfo(("T", "S0")), ConceptInfo(("T", "S1"))]
    return GeneratedDeck(title="N", concepts=concepts, cards=cards)


def test_a_concept_studied_beyond_todays_limits_offers_its_unseen_cards(col: Collection) -> None:
    col.apply_generated("/notes/n.md", "n", "text", concept_deck(), T0)
    deck = col.decks()[0][0]
    study_all(col, T0, deck, rating=Rating.EASY)  # today's 20 new cards
    assert col.next_card(T0, deck, ("T", "S1")) is None  # the old dead end
    beyond = Custom("beyond")
    assert col.counts(T0, deck, ("T", "S1"), beyond)[0] == 10
    seen = study_all(col, T0, deck, beyond, rating=Rating.EASY)
    assert len(seen) == 20


def test_interleaved_and_random_new_card_orders(col: Collection) -> None:
    col.apply_generated("/notes/n.md", "n", "text", concept_deck(), T0)
    deck = col.decks()[0][0]

    def first_kinds(now: datetime) -> list[int]:
        q = col.sched.queue.session_queue(now, deck)
        return [cid for _k, cid in q.visible()["new"]]

    notes = first_kinds(T0)
    kinds = {c.id: c.kind for c in (col.card(i) for i in notes)}
    assert set(kinds.values()) == {"term"}  # in notes order diagram cards come last
    col.set_deck_config(deck, new_order="interleave")
    inter = first_kinds(T0)
    assert [col.card(i).kind for i in inter[:4]] == ["term", "diagram", "term", "diagram"]
    with col.db.raw_reading() as conn:
        rows = conn.execute("SELECT position, id, kind FROM cards WHERE state = 0").fetchall()
    # the keys SQLite works out are the core's rule (new_order_keys)
    rule = sorted(new_order_keys(rows, "interleave", 0))[:20]
    assert col.sched.queue.session_queue(T0, deck).visible()["new"] == rule
    col.set_deck_config(deck, new_order="random")
    start = int(col.day_bounds(T0)[0].timestamp())
    rule = sorted(new_order_keys(rows, "random", f"{deck}:{start}"))[:20]
    assert col.sched.queue.session_queue(T0, deck).visible()["new"] == rule
    day1 = first_kinds(T0)
    assert day1 == first_kinds(T0 + timedelta(hours=3)) != first_kinds(T0 + timedelta(days=1))
    assert day1 != notes
    card = col.next_card(T0, deck)
    assert card is not None and card.id == day1[0]
    col.answer(card.id, Rating.GOOD, T0)
    col.undo()  # the undone card goes back to its place in the day's shuffle
    assert first_kinds(T0) == day1


@pytest.mark.slow  # two srsapp processes
def test_export_of_a_parent_deck_takes_its_subdecks(col: Collection, tmp_path: Path) -> None:
    tree_decks(col)
    col.close(backup=False)
    out = tmp_path / "lang.csv"
    run = [sys.executable, "-m", "srsapp", "--data-dir", str(col.data_dir), "export", str(out)]
    done = subprocess.run([*run, "--deck", "Lang"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert "Lang::Verbs q1" in text and "Lang::Nouns q7" in text and "Lang q2" in text
    sub = subprocess.run([*run, "--deck", "Lang::Verbs"], capture_output=True, text=True,
                         check=False)  # fmt: skip
    assert sub.returncode == 0, sub.stderr
    assert "Lang::Verbs q1" in out.read_text() and "Lang q2" not in out.read_text()
