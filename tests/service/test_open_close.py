"""What opening and closing a collection look at, kept small because they run at every start
(and every command): the close's backup check by the backups' names, an index no query reads
dropped from older files (an answer would keep moving its entries)."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from srsapp.service.maintenance.backup import backup_now, list_backups
from tests.builders import T0, open_collection


def test_another_backup_of_today_does_not_stand_in_for_the_automatic_one(tmp_path: Path) -> None:
    col = open_collection(tmp_path / "d", seed=False, rng=random.Random(1))
    backup_now(col, "before import", T0)  # today's, but not the automatic one
    (col.data_dir / "backups" / "collection-20260302T000000Z-auto.sqlite.txt").write_text("x")
    col.close(T0 + timedelta(minutes=5))
    assert sorted(b.reason for b in list_backups(tmp_path / "d")) == ["auto", "before-import"]
    col = open_collection(tmp_path / "d", seed=False)
    col.close(T0 + timedelta(hours=5))  # the same UTC day: none more
    assert len(list_backups(tmp_path / "d")) == 2
    col = open_collection(tmp_path / "d", seed=False)
    col.close(T0 + timedelta(days=1))  # the next day: the day's own
    day = (T0 + timedelta(days=1)).date()
    assert [b.reason for b in list_backups(tmp_path / "d") if b.time.date() == day] == ["auto"]


@pytest.mark.parametrize(
    ("old", "columns", "wider"),
    [
        ("ix_cards_queue", "state, due", "ix_cards_by_due"),
        ("ix_cards_deck_id", "deck_id", "ix_cards_deck_due"),
        ("ix_cards_concept_id", "concept_id", "ix_cards_stats"),
    ],
)
def test_an_index_another_one_leads_with_is_dropped_from_an_older_file(
    tmp_path: Path, old: str, columns: str, wider: str
) -> None:
    """``ix_cards_queue`` (state, due) was the head of ``ix_cards_due_pos`` (now in
    ``ix_cards_by_due``): no query chose it, and every answer moved its entry (two more pages
    for each answer's fsync).
    ``ix_cards_deck_id`` and ``ix_cards_concept_id`` are the heads of wider indexes that
    every query reading them reads instead; an import built each again. The file keeps its
    cards, and a deck's cards are still found by deck and by concept."""
    from tests.builders import load, make_deck

    db = tmp_path / "c" / "collection.sqlite"
    col = open_collection(tmp_path / "c", seed=False)
    load(col, make_deck(3, title="D"), T0)
    col.close(backup=False)
    assert old not in index_names(db)  # a new file has none
    sql(db, f"CREATE INDEX IF NOT EXISTS {old} ON cards ({columns})")  # as an older file
    cards = sql(db, "SELECT id, deck_id, concept_id, key FROM cards ORDER BY id")
    assert old in index_names(db) and len(cards) == 3
    open_collection(tmp_path / "c", seed=False).close(backup=False)
    assert old not in index_names(db) and wider in index_names(db)
    assert sql(db, "SELECT id, deck_id, concept_id, key FROM cards ORDER BY id") == cards
    deck_id, concept_id = cards[0][1], cards[0][2]
    plan = " ".join(
        str(r[3])
        for r in sql(db, f"EXPLAIN QUERY PLAN SELECT id FROM cards WHERE deck_id = {deck_id}")
    )
    assert "SEARCH" in plan, plan  # through an index, no scan of the table
    if concept_id is not None:
        plan = " ".join(
            str(r[3])
            for r in sql(
                db, f"EXPLAIN QUERY PLAN SELECT id FROM cards WHERE concept_id = {concept_id}"
            )
        )
        assert "SEARCH" in plan and "ix_cards_stats" in plan, plan


def sql(db: Path, statement: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(statement).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def index_names(db: Path) -> set[object]:
    return {r[0] for r in sql(db, "SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_an_answer_and_its_undo_are_each_one_commit_that_caches_see(tmp_path: Path) -> None:
    """The answer path writes on the pool's sqlite3 connection itself: each answer (and undo)
    is still one transaction, counted in ``db.commits`` (what the study queue and the day's
    answers compare their caches with), and a failed one leaves nothing."""
    from srsapp.core.model import Rating
    from tests.builders import load, make_deck

    col = open_collection(tmp_path / "c", seed=False, rng=random.Random(1))
    load(col, make_deck(3, title="D"), T0)
    card = col.next_card(T0)
    assert card is not None
    before = col.db.commits
    col.answer(card.id, Rating.GOOD, T0)
    assert col.db.commits == before + 1 and col.revlog_count() == 1
    col.undo()
    assert col.db.commits == before + 2 and col.revlog_count() == 0
    try:
        with col.db.raw_transaction() as conn:
            conn.execute("UPDATE cards SET reps = 99 WHERE id = ?", (card.id,))
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert col.db.commits == before + 2
    with col.db.raw_reading() as conn:  # rolled back
        assert conn.execute("SELECT reps FROM cards WHERE id = ?", (card.id,)).fetchone() == (0,)
    col.close(backup=False)
