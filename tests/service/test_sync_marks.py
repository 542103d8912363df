"""Every write path marks what the next normal sync with an Anki server sends: a changed card
gets usn -1 and a deleted or retired one leaves a grave (triggers in the store), whatever
made the change; the sync's own writes (which set usn) and fields that do not travel do not."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from srsapp.core.model import Rating
from srsapp.store import anki_sync
from srsapp.store.queries import sqlite_connection
from tests.builders import add_cards

NOW = datetime(2026, 5, 4, 12, tzinfo=UTC)


def _synced(col) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Every card in step with a server that holds it as Anki card 1000 + its id."""
    with col.db.transaction() as s:
        conn = sqlite_connection(s)
        ids = [i for (i,) in conn.execute("SELECT id FROM cards")]
        rows = [([1000 + i, 2000 + i, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ""], i)
                for i in ids]  # fmt: skip
        anki_sync.put_cards(conn, rows)
        anki_sync.mark_synced(conn, [(i, None) for i in ids])
    return {i: 1000 + i for i in ids}


def _usn(col) -> dict[int, int]:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(col.db.path)
    try:
        return dict(conn.execute("SELECT id, usn FROM cards"))
    finally:
        conn.close()


def _graves(col) -> list[int]:  # type: ignore[no-untyped-def]
    with col.db.reading() as s:
        return anki_sync.graves(sqlite_connection(s))


def test_new_cards_are_changed_until_synced(col) -> None:  # type: ignore[no-untyped-def]
    add_cards(col, 3)
    assert set(_usn(col).values()) == {-1}
    _synced(col)
    assert set(_usn(col).values()) == {0}


def test_answers_edits_and_suspensions_mark_their_card_only(col) -> None:  # type: ignore[no-untyped-def]
    add_cards(col, 6)
    server = _synced(col)
    a, b, c, d, e, f = sorted(server)
    col.answer(a, Rating.GOOD, NOW, duration_ms=1000)
    col.sched.actions.edit_card(b, "<p>mine</p>", None, NOW)
    col.sched.actions.set_suspended(c, True, now=NOW)
    col.sched.actions.set_flag(d, 2, now=NOW)
    col.sched.actions.bury(e, NOW)  # Anki keeps a buried card in a queue of its own
    assert _usn(col) == {a: -1, b: -1, c: -1, d: -1, e: -1, f: 0}
    assert _graves(col) == []


def test_what_does_not_travel_marks_nothing(col) -> None:  # type: ignore[no-untyped-def]
    add_cards(col, 2)
    server = _synced(col)
    a, b = sorted(server)
    with col.db.transaction() as s:  # the new-card order stays on its side
        sqlite_connection(s).execute("UPDATE cards SET position = position + 10")
        # the sync's own write sets usn: no change to send back
        sqlite_connection(s).execute("UPDATE cards SET reps = 3, usn = 7 WHERE id = ?", (b,))
    assert _usn(col) == {a: 0, b: 7}


def test_deleted_and_retired_cards_leave_graves_and_undo_takes_them_back(col) -> None:  # type: ignore[no-untyped-def]
    add_cards(col, 3)
    col.ensure_deck("Other")
    with col.db.transaction() as s:
        other = col.deck_id("Other")
        sqlite_connection(s).execute(
            "INSERT INTO cards (deck_id, key, kind, front, back, anchor, variant, source_line, "
            "source_end, sibling, extra, position, retired, suspended, buried_until, flag, "
            "leech, state, step, due, reps, lapses, created, modified) VALUES "
            "(?, 'o', 'basic', 'Q', 'A', '', '', 0, 0, 'o', '{}', 0, 0, 0, 0, 0, 0, 0, 0, 0, "
            "0, 0, 0, 0)", (other,))  # fmt: skip
    server = _synced(col)
    other_card = max(server)
    with col.db.transaction() as s:  # a notes sync retires a card
        sqlite_connection(s).execute("UPDATE cards SET retired = 1 WHERE id = ?", (min(server),))
    col.delete_deck("Other")
    assert _graves(col) == sorted([server[min(server)], server[other_card]])
    col.edits.undo()  # the deck and its card come back before any sync: no deletion to send
    assert _graves(col) == [server[min(server)]]
    with col.db.transaction() as s:  # revived by the notes sync: no deletion either
        sqlite_connection(s).execute("UPDATE cards SET retired = 0 WHERE id = ?", (min(server),))
    assert _graves(col) == []
    assert _usn(col)[min(server)] == -1  # it goes to the server again


def test_a_reset_marks_the_card(col) -> None:  # type: ignore[no-untyped-def]
    add_cards(col, 2)
    a, _b = sorted(_synced(col))
    col.answer(a, Rating.GOOD, NOW, duration_ms=1000)
    _synced(col)
    col.sched.actions.reset_to_new([a], NOW + timedelta(days=1))
    assert _usn(col)[a] == -1


def _modified(col) -> dict[int, int]:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(col.db.path)
    try:
        return dict(conn.execute("SELECT id, modified FROM cards"))
    finally:
        conn.close()


def test_every_change_that_travels_carries_its_time(col) -> None:  # type: ignore[no-untyped-def]
    """A sync gives a card changed on both sides to the later change (Anki's rule), so each
    change of a card here is marked (usn -1) with its time, in the reviewer and the browser."""
    add_cards(col, 10)
    col.ensure_deck("Other")
    col.answer(min(_usn(col)) + 8, Rating.GOOD, NOW, duration_ms=1000)
    server = _synced(col)
    ids = sorted(server)
    t = NOW + timedelta(hours=3)
    col.sched.actions.set_flag(ids[0], 2, now=t)
    col.sched.actions.set_suspended(ids[1], True, now=t)
    col.sched.actions.bury(ids[2], t)
    col.card_ops.set_flag([ids[3]], 3, now=t)
    col.suspend_cards([ids[4]], True, now=t)
    col.card_ops.reposition([ids[5]], 1, now=t)
    col.card_ops.set_deck([ids[6]], "Other", t)
    col.sched.actions.edit_card(ids[7], "<p>mine</p>", None, t)
    col.sched.actions.reset_to_new([ids[8]], t)
    changed = ids[:9]
    usn, modified = _usn(col), _modified(col)
    assert {i: usn[i] for i in changed} == dict.fromkeys(changed, -1)
    assert {i: modified[i] for i in changed} == dict.fromkeys(changed, int(t.timestamp()))
    assert usn[ids[9]] == 0 and modified[ids[9]] != int(t.timestamp())
