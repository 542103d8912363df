"""The SQL mapping of an intact Anki review log (``service.anki_revlog``) gives exactly the
rows of the Python mapping (``transfer_anki._revlog_rows``), and an import through it stores
the same review log as one through the Python path."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from srsapp.service.anki import revlog_sql as anki_revlog
from srsapp.service.anki.convert import _revlog_rows
from srsapp.service.collection import Collection
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
    return sorted(conn.execute(anki_revlog.select_sql(skip_known=False)).fetchall())


def _python_rows(entries: list[RevlogEntry], card_ids: dict[int, int]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for cid, ours in card_ids.items():
        history = sorted((e for e in entries if e.card_id == cid), key=lambda e: e.id)
        out += [(ours, *row) for row in _revlog_rows(history)]
    return sorted(out)


_row = st.tuples(
    st.integers(0, 5),  # type
    st.integers(0, 4),  # ease
    st.one_of(st.integers(-86_400, -1), st.just(0), st.integers(1, 400)),  # ivl
    st.one_of(st.integers(-3_600, -1), st.just(0), st.integers(1, 400)),  # lastIvl
    st.integers(0, 60_000),  # time taken
).filter(lambda r: not (r[0] in (4, 5) and r[2] < 0))  # not intact: the Python path's


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(st.lists(_row, max_size=12), min_size=1, max_size=6))
def test_sql_mapping_equals_python_mapping(cards: list[list[tuple[int, ...]]]) -> None:
    entries: list[RevlogEntry] = []
    t = 1_700_000_000_000
    for i, history in enumerate(cards):
        for rtype, ease, ivl, last, took in history:
            t += 1 + took  # answer times are unique and rise within a card
            entries.append(RevlogEntry(t, 100 + i, ease, ivl, last, 2500, took, rtype))
    random.Random(len(entries)).shuffle(entries)  # the table's order must not matter
    card_ids = {100 + i: 1 + i for i in range(len(cards))}
    assert _sql_rows(entries, card_ids) == _python_rows(entries, card_ids)


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
    expected = _python_rows(entries, card_ids)
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


def test_a_manual_entry_with_a_negative_interval_is_not_intact() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(ANKI_REVLOG.replace("pkg.", ""))
    conn.execute("INSERT INTO revlog VALUES (1700000000000, 1, -1, 3, 1, 0, 2500, 100, 1)")
    assert apkg_rows.revlog_intact(conn)
    conn.execute("INSERT INTO revlog VALUES (1700000000001, 1, -1, 0, -600, 0, 0, 0, 4)")
    assert not apkg_rows.revlog_intact(conn)
    conn.execute("DELETE FROM revlog WHERE type = 4")
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


def test_import_by_sql_stores_what_the_python_path_stores(
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
