"""What opening and closing a collection look at, kept small because they run at every start
(and every command): the close's backup check by the backups' names, an index no query reads
dropped from older files (an answer would keep moving its entries)."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from pathlib import Path

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


def test_an_index_no_query_reads_is_dropped_from_an_older_file(tmp_path: Path) -> None:
    """``ix_cards_queue`` (state, due) is the head of ``ix_cards_due_pos``: no query chose
    it, and every answer moved its entry (two more pages for each answer's fsync)."""
    db = tmp_path / "c" / "collection.sqlite"
    open_collection(tmp_path / "c", seed=False).close(backup=False)
    sql(db, "CREATE INDEX IF NOT EXISTS ix_cards_queue ON cards (state, due)")  # as before
    assert "ix_cards_queue" in index_names(db)
    open_collection(tmp_path / "c", seed=False).close(backup=False)
    assert "ix_cards_queue" not in index_names(db) and "ix_cards_due_pos" in index_names(db)


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
