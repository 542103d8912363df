"""The one mapping of Anki's review log into ours (``store.anki_revlog``): the rows it
gives for hand-made histories, its ordering check, and a review log the reader checked row by
row (``mapped_db_of``) stored exactly as one left in the package."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.interchange import apkg_rows
from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Queue,
    RevlogEntry,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from srsapp.store import anki_revlog
from tests.builders import open_collection

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)
ANKI_REVLOG = (
    "CREATE TABLE pkg.revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT "
    "NULL, ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor "
    "integer NOT NULL, time integer NOT NULL, type integer NOT NULL)"
)


def _sql_rows(entries: list[RevlogEntry], card_ids: dict[int, int]) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"ATTACH ':memory:' AS {anki_revlog.SOURCE}")
    conn.execute(ANKI_REVLOG)
    conn.execute("CREATE INDEX pkg.ix_revlog_cid ON revlog (cid)")
    conn.executemany(
        "INSERT INTO pkg.revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
        [(e.id, e.card_id, e.ease, e.ivl, e.last_ivl, e.factor, e.time, e.type) for e in entries],
    )
    anki_revlog.map_revlog(conn)
    conn.execute(anki_revlog.MAP_DDL)
    conn.executemany(f"INSERT INTO {anki_revlog.MAP_TABLE} VALUES (?, ?, 0)", card_ids.items())
    rows = sorted(conn.execute(anki_revlog.select_sql(skip_known=False)).fetchall())
    # each row also keeps Anki's factor, lastIvl and type, as they were
    kept = {(card_ids.get(e.card_id), e.id): (e.factor, e.last_ivl, e.type) for e in entries}
    assert all(tuple(r[-3:]) == kept[r[0], r[1]] for r in rows)
    return [tuple(r[:-3]) for r in rows]


def _rows(
    ours: int, t0: int, *rows: tuple[int, int, int, int, int, int]
) -> list[tuple[object, ...]]:
    """Expected rows: (rating, duration, before, after, interval_s, last_interval_s) each,
    one millisecond apart from ``t0``."""
    return [(ours, t0 + k, *r, None, None, "imported") for k, r in enumerate(rows)]


def test_states_intervals_and_ratings_of_each_kind_of_row() -> None:
    t0 = 1_700_000_000_000
    kinds = [(0, 3, -600, 0), (0, 3, 2, -600), (1, 1, -600, 2), (2, 3, 4, -600), (3, 4, 9, 4),
             (5, 0, 0, 9), (0, 2, -60, 0)]  # fmt: skip
    entries = [RevlogEntry(t0 + k, 100, ease, ivl, last, 2500, 900, rtype)
               for k, (rtype, ease, ivl, last) in enumerate(kinds)]  # fmt: skip
    assert _sql_rows(entries, {100: 1}) == _rows(
        1, t0,
        (3, 900, 0, 1, 600, 0),  # first learning step: new -> learning
        (3, 900, 1, 2, 2 * 86_400, 0),  # graduates
        (1, 900, 2, 3, 600, 2 * 86_400),  # a lapse: review -> relearning, on a 2-day interval
        (3, 900, 3, 2, 4 * 86_400, 0),  # relearnt
        (4, 900, 2, 2, 9 * 86_400, 4 * 86_400),  # filtered-deck review
        (0, 900, 2, 0, 0, 9 * 86_400),  # reset to new (manual), from a 9-day interval
        (2, 900, 0, 1, 60, 0),  # learning again from new
    )  # fmt: skip


def test_a_manual_entry_with_a_negative_interval_follows_the_state_before_it() -> None:
    t0 = 1_700_000_000_000
    review_first = [(1, 3, 5), (4, 0, -600), (4, 0, -300), (1, 3, 2)]
    new_first = [(0, 3, -600), (4, 0, -600), (5, 0, 0), (4, 0, -60)]
    entries = [RevlogEntry(t0 + 100 * c + k, 100 + c, ease, ivl, 0, 2500, 0, rtype)
               for c, history in enumerate((review_first, new_first))
               for k, (rtype, ease, ivl) in enumerate(history)]  # fmt: skip
    rows = _sql_rows(entries, {100: 1, 101: 2})
    states = [(r[0], r[4], r[5]) for r in rows]  # card, before, after
    assert states == [
        (1, 2, 2), (1, 2, 3), (1, 3, 3), (1, 2, 2),  # in review: relearning, and it stays so
        (2, 0, 1), (2, 1, 1), (2, 1, 0), (2, 0, 1),  # learning or new: learning
    ]  # fmt: skip
    assert [r[6] for r in rows[1:3]] == [600, 300]


def test_rows_inserted_out_of_order_are_numbered_explicitly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``map_revlog`` relies on SQLite inserting an ordered SELECT in order, and checks it:
    rows that went in in any other order are numbered again (row_number)."""
    entries = [
        RevlogEntry(1_700_000_000_000 + 1_000 * k + c, 100 + c, ease, ivl, 0, 2500, 500, rtype)
        for c in range(3)
        for k, (rtype, ease, ivl) in enumerate([(0, 3, -600), (1, 3, 4), (4, 0, 0), (0, 1, -60)])
    ]
    card_ids = {100: 1, 101: 2, 102: 3}
    expected = sorted(
        row
        for cid, ours in card_ids.items()
        for row in [
            (ours, 1_700_000_000_000 + cid - 100, 3, 500, 0, 1, 600, 0, None, None, "imported"),
            (
                ours,
                1_700_000_001_000 + cid - 100,
                3,
                500,
                2,
                2,
                4 * 86_400,
                0,
                None,
                None,
                "imported",
            ),
            (ours, 1_700_000_002_000 + cid - 100, 0, 500, 2, 0, 0, 0, None, None, "imported"),
            (ours, 1_700_000_003_000 + cid - 100, 1, 500, 0, 1, 60, 0, None, None, "imported"),
        ]
    )
    assert _sql_rows(entries, card_ids) == expected
    reversed_ddl = anki_revlog.ORDERED_DDL.replace("ORDER BY r.cid, r.id", "ORDER BY r.id DESC")
    assert reversed_ddl != anki_revlog.ORDERED_DDL
    monkeypatch.setattr(anki_revlog, "ORDERED_DDL", reversed_ddl)
    assert _sql_rows(entries, card_ids) == expected
    monkeypatch.setattr(anki_revlog, "_RENUMBER", ())  # without the renumbering: wrong
    assert _sql_rows(entries, card_ids) != expected


def test_cards_left_out_of_the_map_get_no_rows() -> None:
    entries = [RevlogEntry(1_700_000_000_000 + i, 100 + i % 2, 3, 1, 0, 2500, 1000, 1)
               for i in range(6)]  # fmt: skip
    rows = _sql_rows(entries, {100: 7})
    assert [r[0] for r in rows] == [7, 7, 7]


def test_only_a_row_the_reader_must_check_makes_a_log_not_intact() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(ANKI_REVLOG.replace("pkg.", ""))
    conn.execute("INSERT INTO revlog VALUES (1700000000000, 1, -1, 3, 1, 0, 2500, 100, 1)")
    assert apkg_rows.revlog_intact(conn)
    conn.execute("INSERT INTO revlog VALUES (1700000000001, 1, -1, 0, -600, 0, 0, 0, 4)")
    assert apkg_rows.revlog_intact(conn)  # a manual entry with a negative interval: mapped
    conn.execute("INSERT INTO revlog VALUES (1700000000002, 1, -1, 9, 1, 0, 2500, 100, 1)")
    assert not apkg_rows.revlog_intact(conn)  # a rating out of range: checked row by row


def _revlog_table(col: Collection) -> list[tuple[object, ...]]:
    with col.db.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT c.key, r.time_ms, r.rating, r.duration_ms, r.state_before, "
                "r.state_after, r.interval_s, r.last_interval_s, r.kind FROM revlog r "
                "JOIN cards c ON c.id = r.card_id ORDER BY c.key, r.time_ms"
            )
        ]


CRT = 1_760_000_000
# learning steps, a review, a lapse and its relearning step, a reset, learning again
HISTORY = [(0, 1, -60), (0, 3, -600), (1, 3, 3), (1, 1, -600), (2, 3, 1), (4, 0, 0), (0, 3, 1)]


def _package(n_notes: int) -> AnkiPackage:
    nt = Notetype(1, "Basic", NotetypeKind.BASIC, ["Front", "Back"],
                  [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")])  # fmt: skip
    notes, cards, revlog = [], [], []
    for i in range(n_notes):
        nid = 1_000 + i
        notes.append(Note(nid, f"g{i}", 1, [f"q{i}", f"a{i}"]))
        card = Card(nid, nid, 0, 5, CardType.REVIEW, Queue.REVIEW, 100, 1, 2500, 5)
        if i % 2:
            card.stability, card.difficulty = 3.0 + i, 5.5
        cards.append(card)
        last = 0
        for k, (rtype, ease, ivl) in enumerate(HISTORY[: 3 + i % 5]):
            revlog.append(RevlogEntry((CRT + k * 86_400) * 1000 + i, nid, ease, ivl, last, 2500,
                                      1000 + k, rtype))  # fmt: skip
            last = ivl
    return AnkiPackage({1: nt}, {5: Deck(5, "Log::part")}, notes, cards, revlog, {}, CRT)


def test_a_checked_review_log_is_stored_as_one_left_in_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = _package(40)
    path = tmp_path / "p.apkg"
    write_package(pkg, path)
    assert read_package(path, defer_revlog=True).revlog_db is not None
    results = []
    cards: list[list[tuple[object, ...]]] = []
    for by_sql in (True, False):
        if not by_sql:
            monkeypatch.setattr("srsapp.interchange.apkg_read.revlog_intact", lambda _c: False)
        col = open_collection(tmp_path / f"c-{by_sql}", seed=False, rng=random.Random(1))
        try:
            report = col.import_file(path, now=T0)
            again = col.import_file(path, now=T0)  # nothing new: every answer is known
            results.append((report.revlog, again.revlog, again.updated, _revlog_table(col)))
            cards.append(_card_states(col))
        finally:
            col.close()
    (n_sql, again_sql, upd_sql, rows_sql), (n_py, again_py, upd_py, rows_py) = results
    assert n_sql == n_py == len(rows_sql) == len(pkg.revlog)
    assert {r[4] for r in rows_sql} == {0, 1, 2, 3}  # every state before an answer occurs
    assert (again_sql, upd_sql) == (again_py, upd_py) == (0, 0)
    assert rows_sql == rows_py
    # the memory state replayed from the history (half the cards have none stored) and the
    # last review come out the same
    assert cards[0] == cards[1]
    assert all(c[3] is not None and c[5] is not None for c in cards[0])
    assert len({c[3] for c in cards[0]}) > 2


def _card_states(col: Collection) -> list[tuple[object, ...]]:
    with col.db.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT key, state, due, stability, difficulty, last_review, reps, lapses "
                "FROM cards ORDER BY key"
            )
        ]


@pytest.mark.parametrize("misordered", [False, True])
def test_the_replay_reads_rated_answers_before_the_log_is_mapped(
    monkeypatch: pytest.MonkeyPatch, misordered: bool
) -> None:
    """The importer's memory-state replay runs before the review log is mapped (the mapping
    then overlaps the cards going in): its answers come off the package's log as ordered
    for the mapping, the same ones -- in card and time order -- as the mapped log rates 1-4
    (manual entries and ratings of 0 left out), even when the rows went in out of order."""
    t0 = 1_700_000_000_000
    history = [(0, 3, -600), (1, 3, 4), (4, 0, 0), (5, 2, 3), (2, 1, -60), (0, 0, -60), (1, 4, 9)]
    entries = [RevlogEntry(t0 + 1_000 * k + c, 100 + c, ease, ivl, 0, 2500, 500, rtype)
               for c in (2, 0, 1) for k, (rtype, ease, ivl) in enumerate(history)]  # fmt: skip
    if misordered:
        monkeypatch.setattr(anki_revlog, "ORDERED_DDL",
                            anki_revlog.ORDERED_DDL.replace("ORDER BY r.cid, r.id",
                                                            "ORDER BY r.id DESC"))  # fmt: skip
    conn = sqlite3.connect(":memory:")
    conn.execute(f"ATTACH ':memory:' AS {anki_revlog.SOURCE}")
    conn.execute(ANKI_REVLOG)
    conn.executemany(
        "INSERT INTO pkg.revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
        [(e.id, e.card_id, e.ease, e.ivl, e.last_ivl, e.factor, e.time, e.type) for e in entries],
    )
    early = anki_revlog.rated_answers(conn, stateless_only=False)  # nothing mapped yet
    anki_revlog.map_revlog(conn)
    mapped = conn.execute(
        f"SELECT cid, time_ms, rating FROM {anki_revlog.MAPPED_TABLE} WHERE rating > 0 "
        "ORDER BY cid, time_ms"
    ).fetchall()
    assert early == mapped
    # each card: its manual entry, rescheduling and rating of 0 left out
    assert [(r[0], r[2]) for r in early] == [(c, e) for c in (100, 101, 102) for e in (3, 3, 1, 4)]
