""".apkg export: the review log that ``service.anki_export`` maps in SQL, read back from the
package, against the mapping rules written out in Python (what the export did row by row
before): learning / review / relearning / manual answers, several cards answering in one
millisecond, one card answering twice in one, suspended, new and retired cards, one deck,
and no scheduling."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pytest

from srsapp.core.model import CardState, Rating
from srsapp.interchange.anki_model import CardType, RevlogEntry
from srsapp.interchange.apkg_read import read_package
from srsapp.service.anki.convert import ID_BASE
from srsapp.service.collection import Collection
from srsapp.store import anki_export
from tests.builders import T0
from tests.builders import studied_docker as studied_collection

insert_clashing = anki_export.insert_clashing
DAY = 86_400
CLASH_MS = int((T0 + timedelta(days=4)).timestamp() * 1000)  # crafted answers around here


def old_rules(col: Collection, deck_id: int | None = None) -> dict[int, list[RevlogEntry]]:
    """Each exported card's review log (by Anki card id, in time order) as the row-by-row
    export mapped it (an answer leaving the card in review: its interval in days, rounded
    up); ids are the answer times, before making them unique."""
    con = sqlite3.connect(col.db.path)
    try:
        where = "retired = 0" + ("" if deck_id is None else f" AND deck_id = {deck_id}")
        exported = {
            cid for (cid,) in con.execute(f"SELECT id FROM cards WHERE {where} AND state != 0")
        }
        rows = con.execute(
            "SELECT card_id, time_ms, rating, interval_s, state_before, duration_ms, state_after "
            "FROM revlog ORDER BY card_id, time_ms, id"
        ).fetchall()
    finally:
        con.close()
    out: dict[int, list[RevlogEntry]] = {}
    for card_id, answers in groupby(rows, key=itemgetter(0)):
        if card_id not in exported:
            continue
        last_ivl = 0
        for _, time_ms, rating, interval_s, state_before, duration_ms, after in answers:
            if after == CardState.REVIEW:  # whole (study) days, at least one for an answer
                ivl = max(1 if rating else 0, -(-interval_s // DAY))
            else:
                ivl = interval_s // DAY if interval_s >= DAY else -interval_s
            if rating == 0:
                rtype, ease = 4, 0
            else:
                rtype, ease = {0: 0, 1: 0, 2: 1, 3: 2}.get(state_before, 1), rating
            factor = 2500 if rtype in (1, 2) else 0
            out.setdefault(ID_BASE + card_id, []).append(
                RevlogEntry(
                    time_ms, ID_BASE + card_id, ease, ivl, last_ivl, factor, duration_ms, rtype
                )
            )
            last_ivl = ivl
    return out


def by_card(revlog: list[RevlogEntry]) -> dict[int, list[RevlogEntry]]:
    out: dict[int, list[RevlogEntry]] = {}
    for r in sorted(revlog, key=lambda r: r.id):
        out.setdefault(r.card_id, []).append(r)
    return out


def card_ids(col: Collection, where: str) -> list[int]:
    con = sqlite3.connect(col.db.path)
    try:
        return [cid for (cid,) in con.execute(f"SELECT id FROM cards WHERE {where} ORDER BY id")]
    finally:
        con.close()


def add_answers(col: Collection, rows: list[tuple[int, int, int, int, int, int]]) -> None:
    """Review-log rows (card, time_ms, rating, interval_s, state_before, duration_ms)."""
    con = sqlite3.connect(col.db.path)
    try:
        con.executemany(
            "INSERT INTO revlog (card_id, time_ms, rating, duration_ms, state_before, "
            "state_after, interval_s, last_interval_s, kind) VALUES (?, ?, ?, ?, ?, 2, ?, 0, ?)",
            [(c, t, r, d, sb, i, "manual" if r == 0 else "review") for c, t, r, i, sb, d in rows],
        )
        con.commit()
    finally:
        con.close()


@pytest.fixture
def studied(tmp_path: Path) -> Iterator[Collection]:
    """The Docker deck studied for three days (``test_transfer.studied``), and of the
    answered cards one suspended, one reset to new (its history stays behind) and one
    retired."""
    col = studied_collection(tmp_path / "data")
    answered = card_ids(col, "state != 0 AND suspended = 0")
    col.sched.actions.set_suspended(answered[0], now=T0 + timedelta(days=3))
    col.sched.actions.reset_to_new([answered[1]], T0 + timedelta(days=3))
    con = sqlite3.connect(col.db.path)
    con.execute("UPDATE cards SET retired = 1 WHERE id = ?", (answered[2],))
    con.commit()
    con.close()
    if not card_ids(col, "state IN (1, 3) AND retired = 0"):
        # the deck's order decides what is still in learning after three days: make sure a
        # card is, by forgetting one of the review cards
        reviewed = card_ids(col, "state = 2 AND retired = 0 AND suspended = 0")
        col.answer(reviewed[-1], Rating.AGAIN, T0 + timedelta(days=3, hours=3), duration_ms=2000)
    yield col
    col.close(backup=False)


def test_review_log_follows_the_mapping_rules(studied: Collection, tmp_path: Path) -> None:
    col = studied
    # a learning step in seconds, a manual reschedule, a long review interval, a relearning
    review = card_ids(col, "state = 2 AND retired = 0")
    learning = card_ids(col, "state IN (1, 3) AND retired = 0")
    assert review and learning
    # the card reset to new has an answer from before anything else (an imported history)
    reset = card_ids(col, "state = 0 AND id IN (SELECT card_id FROM revlog)")
    early_ms = int((T0 - timedelta(days=40)).timestamp() * 1000)
    add_answers(col, [
        (reset[0], early_ms, 3, 3 * DAY, int(CardState.REVIEW), 1_000),
        (learning[0], CLASH_MS, 1, 600, int(CardState.LEARNING), 4_000),
        (review[0], CLASH_MS + 7, 0, 30 * DAY, int(CardState.REVIEW), 0),
        (review[0], CLASH_MS + 9, 3, 400 * DAY + 5, int(CardState.REVIEW), 2_500),
        (review[1], CLASH_MS + 20, 2, 2 * DAY, int(CardState.RELEARNING), 1_200),
        (review[1], CLASH_MS + 30, 3, DAY, int(CardState.REVIEW), 800),  # 1 day
        (review[1], CLASH_MS + 40, 3, DAY - 1, int(CardState.REVIEW), 700),  # 1 day, not -86399 s
    ])  # fmt: skip
    out = tmp_path / "out.apkg"
    report = col.export_file(out, now=T0 + timedelta(days=5))
    pkg = read_package(out)
    expected = old_rules(col)
    # nobody answered twice in a millisecond: every id is the answer's time
    assert sorted(pkg.revlog, key=lambda r: r.id) == sorted(
        (r for rows in expected.values() for r in rows), key=lambda r: r.id
    )
    assert report.revlog == len(pkg.revlog) > 10
    kinds = {r.type for r in pkg.revlog}
    assert kinds == {0, 1, 2, 4}  # learning, review, relearning, manual
    # the suspended card keeps its history; the reset (new) and retired ones have none
    states = dict(((ID_BASE + c, s) for c, s in _states(col)))
    with_history = {r.card_id for r in pkg.revlog}
    assert all(states[c] != 0 for c in with_history)
    assert any(c.queue == -1 and c.id in with_history for c in pkg.cards)
    new_with_answers = [c for c, s in states.items() if s == 0 and c - ID_BASE in _answered(col)]
    assert new_with_answers and not set(new_with_answers) & with_history
    assert all(c.type == CardType.NEW for c in pkg.cards if c.id in new_with_answers)
    retired = {ID_BASE + c for c in card_ids(col, "retired = 1")}
    assert retired and not retired & ({c.id for c in pkg.cards} | with_history)
    # day 0 of the package is at or before every exported card's first answer, new ones too
    assert min(t for c, t in _first_answers(col).items() if ID_BASE + c in states) == early_ms
    assert early_ms - 2 * DAY * 1000 < pkg.crt * 1000 <= early_ms


def test_answers_in_one_millisecond_get_unique_ids_in_order(
    studied: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    col = studied
    clash_path = []  # the rare path runs (not the one INSERT ... SELECT)
    monkeypatch.setattr(anki_export, "insert_clashing",
                        lambda conn: clash_path.append(1) or insert_clashing(conn))  # fmt: skip
    a, b, c, d = card_ids(col, "state = 0 AND retired = 0 AND suspended = 0")[-4:]
    con = sqlite3.connect(col.db.path)  # four more cards in review
    con.execute(
        f"UPDATE cards SET state = 2, due = {CLASH_MS // 1000 + DAY}, "
        f"last_review = {CLASH_MS // 1000 - DAY} WHERE id IN ({a}, {b}, {c}, {d})"
    )
    con.commit()
    con.close()
    t = CLASH_MS
    add_answers(col, [
        (a, t, 3, 5 * DAY, 2, 1_000),      # a and b in one millisecond ...
        (b, t, 1, 600, 2, 2_000),
        (c, t + 1, 3, 6 * DAY, 2, 3_000),  # ... c right after: a clash moves past it
        (a, t + 1_000, 3, 9 * DAY, 2, 4_000),
        (d, t + 5_000, 2, 2 * DAY, 2, 5_000),  # d answered twice in one millisecond:
        (d, t + 5_000, 4, 8 * DAY, 2, 6_000),  # kept in the order of our rows
        (b, t + 2, 0, 3 * DAY, 3, 0),
    ])  # fmt: skip
    out = tmp_path / "clash.apkg"
    report = col.export_file(out, now=T0 + timedelta(days=5))
    assert clash_path == [1]
    pkg = read_package(out)
    expected = old_rules(col)
    got = by_card(pkg.revlog)
    assert report.revlog == len(pkg.revlog) == sum(map(len, expected.values()))
    assert len({r.id for r in pkg.revlog}) == len(pkg.revlog)
    assert got.keys() == expected.keys()
    clashing = {ID_BASE + x for x in (a, b, d)}
    for cid, rows in expected.items():
        # each card's answers in time order (lastIvl chains them), ids in that order too
        assert [(r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.type) for r in got[cid]] == [
            (r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.type) for r in rows
        ], cid
        ids = [r.id for r in got[cid]]
        times = [r.id for r in rows]
        if cid in clashing:
            assert all(0 <= i - t < 4 for i, t in zip(ids, times, strict=True)), (ids, times)
        else:  # answers no other shares keep their millisecond
            assert ids == times
    assert [r.time for r in got[ID_BASE + d][-2:]] == [5_000, 6_000]
    # importing our own package again adds no answer: the ones moved by a few ms to keep
    # Anki's ids unique are known all the same (they came back as new answers before)
    before = revlog_count(col)
    col.import_file(out, now=T0 + timedelta(days=5))
    assert revlog_count(col) == before


def revlog_count(col: Collection) -> int:
    con = sqlite3.connect(col.db.path)
    try:
        return int(con.execute("SELECT count(*) FROM revlog").fetchone()[0])
    finally:
        con.close()


def test_one_deck_and_no_scheduling(studied: Collection, tmp_path: Path) -> None:
    col = studied
    con = sqlite3.connect(col.db.path)
    deck_id, name = con.execute(
        "SELECT d.id, d.name FROM decks d JOIN cards c ON c.deck_id = d.id "
        "WHERE c.state != 0 GROUP BY d.id ORDER BY count(*) DESC"
    ).fetchone()
    con.execute("INSERT INTO decks (name, config, created) VALUES ('Other', '{}', 0)")
    other = con.execute("SELECT id FROM decks WHERE name = 'Other'").fetchone()[0]
    moved = con.execute(
        "SELECT id FROM cards WHERE state = 2 AND retired = 0 AND deck_id = ? LIMIT 1",
        (deck_id,),
    ).fetchone()[0]
    con.execute("UPDATE cards SET deck_id = ? WHERE id = ?", (other, moved))
    con.commit()
    con.close()
    one = col.export_file(tmp_path / "one.apkg", deck=name, now=T0 + timedelta(days=5))
    pkg = read_package(tmp_path / "one.apkg")
    assert by_card(pkg.revlog) == old_rules(col, deck_id)
    assert ID_BASE + moved not in {r.card_id for r in pkg.revlog}
    assert one.revlog == len(pkg.revlog) > 0
    bare = col.export_file(tmp_path / "bare.apkg", scheduling=False, now=T0 + timedelta(days=5))
    pkg = read_package(tmp_path / "bare.apkg")
    assert bare.revlog == 0 and pkg.revlog == []
    assert bare.cards == len(pkg.cards) > 0
    assert all(c.type == CardType.NEW for c in pkg.cards)


def test_export_reads_the_committed_collection_while_a_write_is_open(
    studied: Collection, tmp_path: Path
) -> None:
    col = studied
    before = col.export_file(tmp_path / "a.apkg", now=T0 + timedelta(days=5))
    writer = sqlite3.connect(col.db.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # holds the write lock, its answers uncommitted
        card = card_ids(col, "state = 2 AND retired = 0")[0]
        writer.execute(
            "INSERT INTO revlog (card_id, time_ms, rating, duration_ms, state_before, "
            "state_after, interval_s, last_interval_s, kind) "
            f"VALUES ({card}, {CLASH_MS}, 3, 1, 2, 2, {DAY}, 0, 'review')"
        )
        during = col.export_file(tmp_path / "b.apkg", now=T0 + timedelta(days=5))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert during.revlog == before.revlog == len(read_package(tmp_path / "b.apkg").revlog)


def _states(col: Collection) -> list[tuple[int, int]]:
    con = sqlite3.connect(col.db.path)
    try:
        return con.execute("SELECT id, state FROM cards WHERE retired = 0").fetchall()
    finally:
        con.close()


def _answered(col: Collection) -> set[int]:
    return set(_first_answers(col))


def _first_answers(col: Collection) -> dict[int, int]:
    con = sqlite3.connect(col.db.path)
    try:
        return dict(con.execute("SELECT card_id, min(time_ms) FROM revlog GROUP BY card_id"))
    finally:
        con.close()
