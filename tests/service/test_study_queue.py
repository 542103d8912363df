"""The session's study queue (issue 18): built once, then kept right across answers, undo,
bury, suspend, resets and flags without being read again; read again after any other write
(a notes sync, deck options) and on a new study day. Each step is checked against a queue
built afresh from the database and against the counts the database gives; ``next_card``
after an answer reads one card and never the queue."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, Rating
from srsapp.core.study_queue import StudyQueue
from srsapp.core.text import context, para
from srsapp.service.collection import Collection
from srsapp.service.study import queue as queue_mod
from srsapp.service.study.queue import UNDO_DEPTH, Queue
from tests.builders import Templates, open_collection, study_days

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TOPICS = [("Topic", f"Sub {t}") for t in range(3)]
RATINGS = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EASY)


def deck(n: int, title: str) -> GeneratedDeck:
    """``n`` cards in three concepts, two cards per note (siblings)."""
    cards = [
        CardDraft(
            kind=CardKind.TERM,
            concept=TOPICS[i % 3],
            anchor=f"{title} {i // 2}",
            variant=str(i % 2),
            front=context(TOPICS[i % 3]) + para(f"{title} question {i}"),
            back=para(f"Answer {i}"),
            sibling=f"s{i // 2}",
        )
        for i in range(n)
    ]
    concepts = [ConceptInfo(("Topic",))] + [ConceptInfo(t) for t in TOPICS]
    return GeneratedDeck(title=title, concepts=concepts, cards=cards)


def _build_studied(path: Path) -> None:
    """Two decks studied for four days: new, learning and review cards, limits that bind."""
    c = open_collection(path, seed=False, rng=random.Random(5))
    c.set_settings(timezone="UTC", day_start_hour=4)
    start = T0 - timedelta(days=4)
    c.apply_generated("/notes/a.md", "a", "text", deck(260, "Alpha"), start)
    c.apply_generated("/notes/b.md", "b", "text", deck(120, "Beta"), start)
    for did, _name in c.decks():
        c.set_deck_config(did, new_per_day=15, reviews_per_day=25)
    study_days(c, 4, seed=9, start=start, per_day=70, rate=lambda rng: rng.choice(RATINGS))
    c.close(backup=False)


def studied(tmp_path: Path, templates: Templates) -> Iterator[Collection]:
    """A copy of the studied template (``_build_studied``), built once per session."""
    path = templates.copy("queue-studied", _build_studied, tmp_path / "data")
    c = open_collection(path, seed=False, rng=random.Random(5))
    yield c
    c.close(backup=False)


@pytest.fixture
def col(tmp_path: Path, templates: Templates) -> Iterator[Collection]:
    yield from studied(tmp_path, templates)


def epoch(now: datetime) -> int:
    return int(now.timestamp())


def check(col: Collection, now: datetime, deck_id: int | None = None,
          concept: tuple[str, ...] | None = None) -> StudyQueue:  # fmt: skip
    """The session's queue offers what a queue built afresh offers, in the same order, with
    the counts the database gives; returns it."""
    ours = col.sched.queue.session_queue(now, deck_id, concept)
    fresh = Queue(col).session_queue(now, deck_id, concept)
    assert ours is not fresh
    assert ours.visible() == fresh.visible()
    assert ours.left() == fresh.left()
    assert ours.counts() == fresh.counts() == queue_mod.counts(col, now, deck_id, concept)
    for since_new in range(8):
        assert ours.pick(epoch(now), since_new) == fresh.pick(epoch(now), since_new)
    assert col.counts(now, deck_id, concept) == ours.counts()
    return ours


@pytest.mark.parametrize(
    "scope", [(None, None), ("Alpha", None), (None, TOPICS[1])], ids=["all", "deck", "concept"]
)
def test_answers_keep_the_queue_right_without_reading_it_again(
    col: Collection, scope: tuple[str | None, tuple[str, ...] | None]
) -> None:
    deck_id = col.deck_id(scope[0]) if scope[0] else None
    concept = scope[1]
    now = T0
    built = check(col, now, deck_id, concept)
    rng = random.Random(2)
    kinds = set()
    for _ in range(90):
        card = col.next_card(now, deck_id, concept)
        if card is None:
            break
        kinds.add(card.queue)
        col.answer(card.id, rng.choice(RATINGS), now, duration_ms=1000)
        now += timedelta(seconds=rng.randint(20, 200))
        assert check(col, now, deck_id, concept) is built  # brought up to date, not rebuilt
    assert kinds == {"new", "learn", "review"}
    assert col.counts(now, deck_id, concept) == built.counts()


def test_bury_suspend_undo_reset_and_flags_keep_the_queue_right(col: Collection) -> None:
    now = T0
    built = check(col, now)
    card = col.next_card(now)
    assert card is not None
    col.answer(card.id, Rating.GOOD, now)
    assert check(col, now) is built
    col.undo()  # the answer given back: its card and the day's count are back
    assert check(col, now) is built
    assert col.next_card(now).id == card.id  # type: ignore[union-attr]
    steps = 0
    for i in range(30):
        card = col.next_card(now)
        assert card is not None
        action = i % 6
        if action == 0:
            col.sched.actions.bury(card.id, now)
        elif action == 1:
            col.sched.actions.set_suspended(card.id, now=now)
        elif action == 2:
            col.answer(card.id, Rating.AGAIN, now)
        elif action == 3:
            col.undo()
        elif action == 4:
            col.sched.actions.set_flag(card.id, 2, now=now)
        else:
            col.sched.actions.reset_to_new([card.id], now)
        now += timedelta(seconds=30)
        check(col, now)
        steps += 1
    assert check(col, now) is built  # every change above was applied card by card
    while col.sched.undo.label() is not None:  # every undo: the queue as fresh
        col.undo()
        check(col, now)
    assert check(col, now) is built


def test_a_buried_sibling_leaves_the_queue_and_comes_back_the_next_day(col: Collection) -> None:
    now = T0
    check(col, now)
    card = col.next_card(now)
    assert card is not None
    result = col.answer(card.id, Rating.GOOD, now)
    built = check(col, now)
    buried = set(result.sibling_ids)
    offered = {k[1] for run in built.visible().values() for k in run}
    assert not buried & offered
    tomorrow = T0 + timedelta(days=1)
    after = check(col, tomorrow)
    assert after is not built  # a new study day: read again
    assert after.covers(epoch(tomorrow)) and not built.covers(epoch(tomorrow))


def test_the_study_day_follows_the_zone_and_the_day_start_hour(col: Collection) -> None:
    col.set_settings(timezone="Asia/Seoul", day_start_hour=6)  # 06:00 KST = 21:00 UTC
    before = datetime(2026, 3, 2, 20, 50, tzinfo=UTC)
    built = check(col, before)
    card = col.next_card(before)
    assert card is not None
    col.answer(card.id, Rating.GOOD, before)
    assert check(col, before + timedelta(minutes=9)) is built  # 05:59 KST: the same day
    assert check(col, before + timedelta(minutes=10)) is not built  # 06:00 KST: a new one


def test_other_writes_make_the_queue_read_again(col: Collection) -> None:
    now = T0
    alpha = col.deck_id("Alpha")
    built = check(col, now, alpha)
    col.set_deck_config(alpha, new_per_day=40)
    after_options = check(col, now, alpha)
    assert after_options is not built and after_options.left()[0] > built.left()[0]
    # a notes sync that retires half of the deck's cards and adds others
    changed = deck(260, "Alpha")
    changed.cards[:] = changed.cards[::2] + [
        CardDraft(CardKind.TERM, TOPICS[0], f"extra {i}", para(f"extra {i}?"), para("x"))
        for i in range(10)
    ]
    col.apply_generated("/notes/a.md", "a2", "text", changed, now)
    after_sync = check(col, now, alpha)
    assert after_sync is not after_options
    offered = {k[1] for run in after_sync.visible().values() for k in run}
    assert offered and all(col.card(i).front for i in offered)
    # a write straight to the database (as a repair or the browser would do)
    some = next(iter(offered))
    with col.db.transaction() as s:
        from srsapp.store import queries

        queries.set_card_values(s, some, {"suspended": True})
    assert some not in check(col, now, alpha)


@pytest.fixture
def statements(col: Collection) -> Iterator[list[str]]:
    """Every SQL statement SQLite runs on the collection's connections from now on."""
    seen: list[str] = []

    def trace(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.set_trace_callback(seen.append)

    event.listen(col.db.engine, "connect", trace)
    col.db.engine.dispose()
    yield seen
    event.remove(col.db.engine, "connect", trace)


def _cards_read(sql: list[str]) -> list[str]:
    return [s for s in sql if "FROM cards" in s or "from cards" in s.lower()]


def test_next_card_after_an_answer_reads_one_card_and_not_the_queue(
    col: Collection, statements: list[str]
) -> None:
    now = T0
    card = col.next_card(now)  # builds the queue
    assert card is not None
    assert any("ORDER BY" in s for s in statements)
    for _ in range(20):
        statements.clear()
        col.answer(card.id, Rating.GOOD, now)
        answer_sql = [s for s in statements if not s.startswith("--")]
        assert not any("ORDER BY" in s or "count(" in s for s in answer_sql)
        assert len(_cards_read(answer_sql)) <= 3  # the card, its update, its siblings
        # the card was read (and its answers worked out) when shown: the answer only writes
        assert not [s for s in answer_sql if s.lstrip().upper().startswith("SELECT")]
        statements.clear()
        card = col.next_card(now)
        assert card is not None
        counts = col.counts(now)
        # the card (what is shown and what an answer starts from) in one read, then only
        # its siblings an answer would bury and a deck's options when its first card shows
        assert f"WHERE c.id = {card.id}" in statements[0]
        assert all("sibling = " in s for s in _cards_read(statements)[1:]), statements
        assert len(statements) <= 3 and not any("ORDER BY" in s for s in statements)
        assert counts == queue_mod.counts(col, now)


@pytest.mark.parametrize(
    "scope", [(None, None), ("Alpha", None), (None, TOPICS[1])], ids=["all", "deck", "concept"]
)
def test_building_the_queue_sorts_nothing_and_reads_no_whole_table(
    col: Collection,
    statements: list[str],
    scope: tuple[str | None, tuple[str, ...] | None],
) -> None:
    """The first card of a session walks indexes in the queue's order (no sort step, no
    scan of the cards table); a concept subtree's cards are found concept by concept."""
    deck_id = col.deck_id(scope[0]) if scope[0] else None
    statements.clear()
    Queue(col).session_queue(T0, deck_id, scope[1])
    reads = [s for s in statements if s.startswith("SELECT") and "cards" in s]
    assert len(reads) >= 4
    with col.db.engine.connect() as conn:
        for sql in reads:
            plan = " | ".join(str(r[3]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
            assert "SCAN cards" not in plan, (sql, plan)
            if scope[1] and "concept_id IN" in sql:  # concept by concept (then a few sorted)
                assert "ix_cards_stats (concept_id=?" in plan, (sql, plan)
            else:
                assert "TEMP B-TREE" not in plan, (sql, plan)


def test_a_file_from_before_gets_the_queue_indexes_at_open(tmp_path: Path) -> None:
    open_collection(tmp_path / "c", seed=False).close(backup=False)
    db = tmp_path / "c" / "collection.sqlite"
    con = sqlite3.connect(db)
    con.execute("DROP INDEX ix_cards_deck_due")
    con.execute("DROP INDEX ix_cards_new_order")
    con.execute(
        "CREATE INDEX ix_cards_deck_queue ON cards(deck_id, retired, suspended, state, due)"
    )
    con.commit()
    con.close()
    open_collection(tmp_path / "c", seed=False).close(backup=False)
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    con.close()
    assert {"ix_cards_deck_due", "ix_cards_new_order"} <= names
    assert "ix_cards_deck_queue" not in names


def test_a_concept_scope_is_its_subtree_only(tmp_path: Path) -> None:
    """``_`` and ``%`` in a concept's name are no wildcards: studying "a_b" leaves out "axb"."""
    c = open_collection(tmp_path / "data", seed=False, rng=random.Random(1))
    c.set_settings(timezone="UTC")
    paths = [("T", "a_b"), ("T", "a_b", "child"), ("T", "axb"), ("T", "axb", "child")]
    cards = [
        CardDraft(CardKind.TERM, p, f"term {i}", para(f"q {i}?"), para(f"a {i}"), sibling=f"s{i}")
        for i, p in enumerate(paths)
    ]
    c.apply_generated(
        "/notes/x.md", "x", "text", GeneratedDeck("X", [ConceptInfo(p) for p in paths], cards), T0
    )
    seen = []
    while (card := c.next_card(T0, None, ("T", "a_b"))) is not None:
        seen.append(card.concept)
        c.sched.actions.bury(card.id, T0)
    assert sorted(seen) == [("T", "a_b"), ("T", "a_b", "child")]
    c.close(backup=False)


def test_counts_of_another_scope_follow_every_write(col: Collection) -> None:
    """Counts asked for a scope other than the session's (a deck tree's rows) are read from
    the database with the day's answers read once while nothing is written — and again after
    each answer, undo or option change."""
    alpha, beta = col.deck_id("Alpha"), col.deck_id("Beta")
    now = T0
    for step in range(12):
        card = col.next_card(now, alpha)
        assert card is not None
        col.answer(card.id, RATINGS[step % 6], now)
        if step % 4 == 3:
            col.undo()
        if step == 6:
            col.set_deck_config(beta, reviews_per_day=3)
        for deck_id, concept in ((None, None), (beta, None), (None, TOPICS[0])):
            assert col.counts(now, deck_id, concept) == queue_mod.counts(col, now, deck_id, concept)
        now += timedelta(seconds=40)


def limits_as_fresh(col: Collection, now: datetime, deck_id: int | None) -> StudyQueue:
    """``check``, and the day's counts deck by deck (the new cards introduced, the reviews)
    those of a queue built afresh from the review log."""
    ours = check(col, now, deck_id)
    fresh = Queue(col).session_queue(now, deck_id, None)
    assert ours._limits is not None and fresh._limits is not None
    assert ours._limits.days == fresh._limits.days
    return ours


@pytest.mark.parametrize("scope", ["all", "deck"])
def test_undone_answers_come_off_the_days_counts_as_the_review_log_says(
    col: Collection, scope: str
) -> None:
    """An undone answer is taken off the day's counts card by card, the day's answers not
    read again: after every undo the counts equal a fresh queue's, the queue not rebuilt —
    also for a card introduced today, reset to new and introduced again (it stays
    introduced until its first answer is undone too)."""
    deck_id = col.deck_id("Alpha") if scope == "deck" else None
    now = T0
    rng = random.Random(4)
    introduced: list[int] = []
    kinds = set()
    for _ in range(UNDO_DEPTH - 3):  # all of them undone below, with the two steps after
        card = col.next_card(now, deck_id)
        if card is None:
            break
        kinds.add(card.queue)
        if card.queue == "new":
            introduced.append(card.id)
        col.answer(card.id, rng.choice(RATINGS), now, duration_ms=1000)
        now += timedelta(seconds=rng.randint(20, 200))
    assert kinds == {"new", "learn", "review"} and introduced
    again = introduced[0]
    col.sched.actions.reset_to_new([again], now)
    col.answer(again, Rating.GOOD, now)  # found new a second time today
    now += timedelta(seconds=30)
    built = limits_as_fresh(col, now, deck_id)
    undone = 0
    while col.sched.undo.label() is not None:
        label = col.sched.undo.label()
        col.undo()
        undone += label == "answer"
        after = limits_as_fresh(col, now, deck_id)
        if label == "answer":
            assert after is built  # taken off, not read again
        built = after
    assert undone == UNDO_DEPTH - 2
