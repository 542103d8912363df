"""A card's answers are worked out when it is shown (``next_card``, the buttons'
``intervals``) and the answer only writes the chosen one (issue 18) — but never from a stale
copy: each answer here is checked against the same answer made in a copy of the collection
that never showed the card (it reads the card then), with the same random state, after the
card was changed, the study day rolled over, an answer was undone or the options changed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from srsapp.core.model import CardState, Rating
from srsapp.service.collection import Collection
from srsapp.store import queries
from tests.builders import Templates
from tests.service.test_study_queue import T0, studied


@pytest.fixture
def col(tmp_path: Path, templates: Templates) -> Iterator[Collection]:
    yield from studied(tmp_path, templates)


SCHED = "state, step, stability, difficulty, due, last_review, reps, lapses, buried_until"


def _rows(col: Collection, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    with col.db.raw_reading() as conn:
        marks = ", ".join("?" * len(ids))
        return {
            r[0]: r[1:]
            for r in conn.execute(f"SELECT id, {SCHED} FROM cards WHERE id IN ({marks})", ids)
        }


def _siblings(col: Collection, card_id: int) -> list[int]:
    with col.db.raw_reading() as conn:
        deck, sibling = conn.execute(
            "SELECT deck_id, sibling FROM cards WHERE id = ?", (card_id,)
        ).fetchone()
        return [
            r[0]
            for r in conn.execute(
                "SELECT id FROM cards WHERE deck_id = ? AND sibling = ? AND id != ?",
                (deck, sibling, card_id),
            )
        ]


def answer_checked(
    col: Collection, tmp_path: Path, card_id: int, rating: Rating, now: datetime
) -> Any:
    """``col.answer(card_id, rating, now)``, asserted equal (result, the card's and its
    siblings' rows after) to the same answer in a copy of the collection as it is now, which
    never showed the card."""
    ref_dir = tmp_path / f"ref-{random.random()}"
    ref_dir.mkdir()
    col.db.backup_to(ref_dir / "collection.sqlite")
    rng = random.Random()
    rng.setstate(col.rng.getstate())
    ref = Collection.open(ref_dir, seed=False, rng=rng, durable=False)
    try:
        expected = ref.answer(card_id, rating, now, 3000)
        ids = [card_id, *_siblings(ref, card_id)]
        expected_rows = _rows(ref, ids)
    finally:
        ref.close(backup=False)
    got = col.answer(card_id, rating, now, 3000)
    assert got == expected
    assert _rows(col, ids) == expected_rows
    return got


def _review_card_with_sibling(col: Collection, now: datetime) -> int:
    """A review card not buried at ``now`` whose note has another new or review card in its
    deck, not buried either."""
    with col.db.raw_reading() as conn:
        row = conn.execute(
            "SELECT c.id FROM cards c JOIN cards o ON o.deck_id = c.deck_id "
            "AND o.sibling = c.sibling AND o.id != c.id AND o.state IN (0, 2) "
            "WHERE c.state = 2 AND c.buried_until <= ? AND o.buried_until <= ? "
            "ORDER BY c.id LIMIT 1",
            (int(now.timestamp()), int(now.timestamp())),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_the_answer_to_the_card_shown_is_the_answer_read_afresh(
    col: Collection, tmp_path: Path
) -> None:
    now = T0
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD, Rating.GOOD):
        card = col.next_card(now)
        assert card is not None
        col.sched.answers.intervals(card.id, now + timedelta(seconds=5))
        answer_checked(col, tmp_path, card.id, rating, now + timedelta(seconds=20))
        now += timedelta(minutes=1)


def test_a_card_changed_after_it_was_shown_is_read_again(col: Collection, tmp_path: Path) -> None:
    card = col.next_card(T0)
    assert card is not None
    shown = col.sched.answers.intervals(card.id, T0)
    with col.db.transaction() as s:  # the browser, a sync: another schedule for the card
        queries.set_card_values(
            s,
            card.id,
            {"state": int(CardState.REVIEW), "step": 0, "stability": 40.0, "difficulty": 3.0,
             "due": int(T0.timestamp()), "last_review": int((T0 - timedelta(days=40)).timestamp())},
        )  # fmt: skip
    assert col.sched.answers.intervals(card.id, T0) != shown
    col.next_card(T0)  # the queue reads again; the card shown is prepared afresh or not
    stable = col.sched.answers.intervals(card.id, T0)
    with col.db.transaction() as s:
        queries.set_card_values(s, card.id, {"stability": 3.0})
    assert col.sched.answers.intervals(card.id, T0) != stable
    col.sched.answers.intervals(card.id, T0 - timedelta(seconds=1))
    with col.db.transaction() as s:
        queries.set_card_values(s, card.id, {"stability": 300.0})
    answer_checked(col, tmp_path, card.id, Rating.GOOD, T0)


def test_a_card_answered_the_next_study_day_is_worked_out_for_that_day(
    col: Collection, tmp_path: Path
) -> None:
    """Shown before the day's end, answered after it: another number of days since the
    last review for FSRS, and the siblings buried until the end of the new day."""
    card_id = _review_card_with_sibling(col, T0)
    shown_at = T0.replace(hour=3, minute=50) + timedelta(days=1)  # 03:50 UTC: before 04:00
    sibling = _siblings(col, card_id)[0]
    col.sched.actions.bury(sibling, shown_at)  # until 04:00: an answer then buries it no more
    col.sched.answers.intervals(card_id, shown_at)
    answered_at = shown_at + timedelta(minutes=20)  # the next study day
    result = answer_checked(col, tmp_path, card_id, Rating.GOOD, answered_at)
    assert result.buried_siblings
    rows = _rows(col, _siblings(col, card_id))
    end = col.day_bounds(answered_at)[1]
    assert {r[-1] for r in rows.values()} == {int(end.timestamp())}
    # shown, then answered a day later: a day more since its last review
    other = _review_card_with_sibling(col, answered_at)
    col.sched.answers.intervals(other, answered_at)
    answer_checked(col, tmp_path, other, Rating.HARD, answered_at + timedelta(days=1))


def test_an_undone_answer_is_answered_again_from_the_card_as_restored(
    col: Collection, tmp_path: Path
) -> None:
    card = col.next_card(T0)
    assert card is not None
    col.sched.answers.intervals(card.id, T0)
    col.answer(card.id, Rating.AGAIN, T0)
    assert col.undo().card_id == card.id
    answer_checked(col, tmp_path, card.id, Rating.EASY, T0 + timedelta(seconds=30))
    # shown again as the review screen does after an undo, then undone once more
    assert col.undo().card_id == card.id
    col.card(card.id)
    col.sched.answers.intervals(card.id, T0)
    answer_checked(col, tmp_path, card.id, Rating.HARD, T0 + timedelta(seconds=40))


def _whole(col: Collection) -> tuple[list[Any], list[Any], list[Any]]:
    """Every card's schedule, the review log and the hourly answer counts (an hour whose
    answers were all undone keeps a row of zeros)."""
    with col.db.raw_reading() as conn:
        return (
            conn.execute(f"SELECT id, {SCHED}, leech, suspended, modified FROM cards").fetchall(),
            conn.execute("SELECT * FROM revlog ORDER BY id").fetchall(),
            [r for r in conn.execute("SELECT * FROM revlog_hours ORDER BY hour") if any(r[1:])],
        )


# where an answer, then its undo, fails midway (``{card}``: the card answered): the card's
# own UPDATE, a sibling's burial, the review log's row
_FAILING = {
    "card": ("AFTER UPDATE OF state ON cards WHEN NEW.id = {card}",) * 2,
    "sibling": ("AFTER UPDATE OF buried_until ON cards WHEN NEW.id != {card}",) * 2,
    "review": ("AFTER INSERT ON revlog", "AFTER DELETE ON revlog"),
}


@contextmanager
def _failing(col: Collection, when: str) -> Iterator[None]:
    """A trigger that fails (``RAISE(FAIL)``) ``when``, for the block."""
    with col.db.raw_transaction() as conn:
        conn.execute(f"CREATE TRIGGER boom {when} BEGIN SELECT RAISE(FAIL, 'boom'); END")
    yield
    with col.db.raw_transaction() as conn:
        conn.execute("DROP TRIGGER boom")


@pytest.mark.parametrize("failing", sorted(_FAILING))
def test_an_answer_or_undo_that_fails_midway_leaves_nothing(
    col: Collection, tmp_path: Path, failing: str
) -> None:
    """The answer's and the undo's card UPDATEs are ``OR FAIL`` (no statement journal): a
    statement that fails keeps what it had done, and the transaction rolled back whole takes
    it away -- the card, its buried siblings, the review log and its hourly counts as
    before, the queue and the undo history too; the same answer and undo then go through."""
    card_id = _review_card_with_sibling(col, T0)
    assert _siblings(col, card_id)
    col.sched.answers.intervals(card_id, T0)
    on_answer, on_undo = (w.format(card=card_id) for w in _FAILING[failing])
    before, counts = _whole(col), col.counts(T0)
    with _failing(col, on_answer), pytest.raises(Exception, match="boom"):
        col.answer(card_id, Rating.GOOD, T0, 3000)
    assert _whole(col) == before
    assert col.counts(T0) == counts
    assert answer_checked(col, tmp_path, card_id, Rating.GOOD, T0).buried_siblings
    answered = _whole(col)
    with _failing(col, on_undo), pytest.raises(Exception, match="boom"):
        col.undo()
    assert _whole(col) == answered
    assert col.undo().card_id == card_id
    assert _whole(col) == before


def test_new_options_are_used_for_a_card_already_shown(col: Collection, tmp_path: Path) -> None:
    card_id = _review_card_with_sibling(col, T0)
    deck_id = col.card(card_id).deck_id
    col.sched.answers.intervals(card_id, T0)
    col.set_deck_config(deck_id, desired_retention=0.7)
    first = answer_checked(col, tmp_path, card_id, Rating.GOOD, T0)
    assert col.undo().card_id == card_id
    col.sched.answers.intervals(card_id, T0)
    col.set_settings(maximum_interval=3)
    again = answer_checked(col, tmp_path, card_id, Rating.GOOD, T0)
    assert again.interval <= timedelta(days=3) < first.interval


def test_new_parameters_without_a_write_of_this_collection_are_used(
    col: Collection, tmp_path: Path
) -> None:
    """New FSRS parameters from a write the commit count does not see (another connection)
    reach the answer through the schedulers made anew (``forget_caches``)."""
    card_id = _review_card_with_sibling(col, T0)
    col.sched.answers.intervals(card_id, T0)
    before = col.db.commits
    params = [round(p * 1.3, 4) for p in col.scheduler(None).config.parameters]
    params[0:4] = [0.1, 0.2, 0.3, 0.4]
    with col.db.transaction() as s:
        queries.store_settings(s, {"fsrs_parameters": params})
    col.db.commits = before  # as if written elsewhere: only the caches are told
    col.forget_caches()
    answer_checked(col, tmp_path, card_id, Rating.GOOD, T0)


def test_a_new_time_zone_or_day_start_reaches_the_next_answer(
    col: Collection, tmp_path: Path
) -> None:
    """An answer keeps the time zone (resolved once) and its study day's end (in epoch
    seconds) between answers: new settings are used from the next answer on — its due day
    and its siblings' burial as in a copy that never answered before."""
    from zoneinfo import ZoneInfo

    first = _review_card_with_sibling(col, T0)
    col.sched.answers.intervals(first, T0)
    answer_checked(col, tmp_path, first, Rating.GOOD, T0)  # UTC, 04:00: kept
    col.set_settings(timezone="America/New_York", day_start_hour=9)
    other = _review_card_with_sibling(col, T0)
    assert other != first
    col.sched.answers.intervals(other, T0)
    result = answer_checked(col, tmp_path, other, Rating.GOOD, T0)
    assert result.due.astimezone(ZoneInfo("America/New_York")).hour == 9
    assert result.buried_siblings
    end = int(col.day_bounds(T0)[1].timestamp())  # 09:00 in New York: 14:00 UTC
    assert end == int(T0.replace(hour=14, minute=0).timestamp())
    assert {r[-1] for r in _rows(col, _siblings(col, other)).values()} == {end}


def test_the_study_days_boundaries_are_worked_out_once_a_day(
    col: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from srsapp.service import context

    calls: list[datetime] = []
    day_start = context.days.day_start

    def counted(now: datetime, tz: Any, hour: int = 4) -> datetime:
        calls.append(now)
        return day_start(now, tz, hour)

    monkeypatch.setattr(context.days, "day_start", counted)
    col.set_settings(day_start_hour=4)
    first = col.day_bounds(T0)
    assert first == (T0.replace(hour=4, minute=0), T0.replace(hour=4, minute=0) + timedelta(days=1))
    for minutes in (1, 60, 17 * 60):
        assert col.day_bounds(T0 + timedelta(minutes=minutes)) == first
    assert len(calls) == 1
    late = T0.replace(hour=4, minute=0) + timedelta(days=1)  # the next day's first moment
    assert col.day_bounds(late) == (late, late + timedelta(days=1))
    col.set_settings(day_start_hour=6)  # new settings: worked out again
    assert col.day_bounds(late) == (T0.replace(hour=6, minute=0), late + timedelta(hours=2))
    assert len(calls) == 3


def test_the_answer_to_a_card_whose_buttons_were_shown_takes_no_fsrs_step(
    col: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its four answers were worked out for the buttons: answering writes one of them."""
    from srsapp.core import scheduler

    steps: list[object] = []
    step = scheduler._Step.__call__

    def counted(*args: Any) -> Any:
        steps.append(args)
        return step(*args)

    monkeypatch.setattr(scheduler._Step, "__call__", counted)
    card = col.next_card(T0)
    assert card is not None
    col.sched.answers.intervals(card.id, T0)
    assert len(steps) == 4
    col.answer(card.id, Rating.GOOD, T0 + timedelta(seconds=8))
    assert len(steps) == 4
    card = col.next_card(T0 + timedelta(seconds=9))  # not shown yet: worked out when answered
    assert card is not None and len(steps) == 4
    col.answer(card.id, Rating.GOOD, T0 + timedelta(seconds=20))
    assert len(steps) > 4


def test_an_undo_in_a_one_deck_session_needs_no_orm_session(
    col: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An undo puts its card back in the session's queue from one read of the card and of the
    day's answers on the sqlite3 connection itself (no ORM session: ≈ a quarter of an
    undo's CPU); the queue is then what a queue built afresh holds."""
    from srsapp.service.study.queue import Queue
    from srsapp.store.db import Database

    alpha = col.deck_id("Alpha")
    card = col.next_card(T0, alpha)
    assert card is not None
    col.answer(card.id, Rating.AGAIN, T0)

    def no_session(_db: Database) -> None:
        raise AssertionError("an ORM session was opened")

    with monkeypatch.context() as m:
        m.setattr(Database, "reading", no_session)
        assert col.undo().card_id == card.id
    ours = col.sched.queue.session_queue(T0, alpha)
    assert ours.visible() == Queue(col).session_queue(T0, alpha).visible()
    assert col.next_card(T0, alpha) == card


def test_the_study_path_takes_its_own_connection_from_the_pool_once(
    col: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card shown, its buttons, the answer and its undo read and write on one connection
    of their own (no check-out and reset a use, one warm page cache)."""
    from contextlib import contextmanager

    db = col.db
    used: list[object] = []
    checkouts: list[object] = []
    engine = db.engine
    take = engine.raw_connection

    def counted() -> Any:
        checkouts.append(1)
        return take()

    def recorded(name: str) -> Any:
        inner = getattr(db, name)

        @contextmanager
        def wrapper() -> Iterator[Any]:
            with inner() as conn:
                used.append(conn)
                yield conn

        return wrapper

    alpha = col.deck_id("Alpha")
    card = col.next_card(T0, alpha)  # the queue built (its session's connections aside)
    assert card is not None
    monkeypatch.setattr(db, "raw_reading", recorded("raw_reading"))
    monkeypatch.setattr(db, "raw_transaction", recorded("raw_transaction"))
    monkeypatch.setattr(engine, "raw_connection", counted)
    now = T0
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.EASY):
        col.sched.answers.intervals(card.id, now)
        col.answer(card.id, rating, now)
        now += timedelta(seconds=30)
        card = col.next_card(now, alpha)
        assert card is not None
    col.undo()
    assert len(used) >= 7 and len({id(c) for c in used}) == 1
    assert checkouts == []


def test_the_study_paths_connection_is_shared_with_no_other_thread_or_nested_use(
    col: Collection,
) -> None:
    """A read nested in the hot path's transaction, or on another thread, gets a pooled
    connection: it sees only what was committed."""
    import threading

    db = col.db
    with db.raw_reading() as hot:
        pass
    seen: list[tuple[object, int]] = []
    with db.raw_transaction() as conn:
        assert conn is hot
        conn.execute("UPDATE cards SET flag = 3 WHERE id = (SELECT min(id) FROM cards)")
        with db.raw_reading() as nested:
            seen.append(
                (nested, nested.execute("SELECT count(*) FROM cards WHERE flag = 3").fetchone()[0])
            )

        def elsewhere() -> None:
            with db.raw_reading() as other:
                seen.append(
                    (
                        other,
                        other.execute("SELECT count(*) FROM cards WHERE flag = 3").fetchone()[0],
                    )
                )

        worker = threading.Thread(target=elsewhere)
        worker.start()
        worker.join()
    assert [n for _c, n in seen] == [0, 0]
    assert all(c is not hot for c, _n in seen)
    with db.raw_reading() as again:
        assert again is hot
        assert again.execute("SELECT count(*) FROM cards WHERE flag = 3").fetchone()[0] == 1


def test_a_new_pool_gives_the_study_path_a_new_connection(col: Collection) -> None:
    """``engine.dispose()`` (a connect listener added for every connection from then on, as
    the disk-full test and the benchmarks do) reaches the hot path's connection too."""
    from sqlalchemy import event

    with col.db.raw_reading() as before:
        pass

    def small_cache(dbapi: Any, _record: object) -> None:
        dbapi.execute("PRAGMA cache_size = -1234")

    event.listen(col.db.engine, "connect", small_cache)
    col.db.engine.dispose()
    with col.db.raw_reading() as after:
        assert after is not before
        assert after.execute("PRAGMA cache_size").fetchone()[0] == -1234
    card = col.next_card(T0)
    assert card is not None
    col.answer(card.id, Rating.GOOD, T0)  # written on it


def test_closing_closes_the_study_paths_connection(tmp_path: Path) -> None:
    """Every connection closed: the last one's close checkpoints and removes the WAL."""
    c = Collection.open(tmp_path / "c", seed=False, rng=random.Random(1), durable=False)
    from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck
    from srsapp.core.text import para

    deck = GeneratedDeck(
        title="D",
        concepts=[ConceptInfo(("T",))],
        cards=[CardDraft(kind=CardKind.TERM, concept=("T",), anchor="a", variant="0",
                         front=para("q"), back=para("a"))],
    )  # fmt: skip
    c.apply_generated("/n.md", "h", "text", deck, T0)
    card = c.next_card(T0)
    assert card is not None
    c.answer(card.id, Rating.GOOD, T0)
    c.close(backup=False)
    assert not (tmp_path / "c" / "collection.sqlite-wal").exists()
