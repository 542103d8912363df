"""`check`: the database, dangling rows, the concept tree and card state vs. review log."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from srsapp.cli import main
from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import RECOVERED_DECK, check
from srsapp.store.models import Card
from tests.builders import Templates, open_collection
from tests.reliability.helpers import load_deck, raw, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
SCHED = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def cards_sched(col: Collection) -> dict[int, tuple[object, ...]]:
    with col.db.reading() as s:
        return {c.id: tuple(getattr(c, k) for k in SCHED) for c in s.scalars(select(Card))}


def _build_studied(path: Path) -> None:
    """40 cards, 150 answers over several weeks with fuzz on (seeded rng)."""
    col = open_collection(path, seed=False, rng=random.Random(7))
    col.set_settings(timezone="UTC", day_start_hour=4)
    load_deck(col, 40, T0)
    study(col, T0, 150, seed=3)
    col.close(backup=False)


@pytest.fixture
def studied(tmp_path: Path, templates: Templates) -> Iterator[Collection]:
    path = templates.copy("check-studied", _build_studied, tmp_path / "studied")
    col = open_collection(path, rng=random.Random(7))
    yield col
    col.close(backup=False)


def test_a_studied_collection_is_consistent(studied: Collection) -> None:
    report = check(studied)
    assert report.problems == [], report.problems
    assert report.ok and report.cards_checked == 40 and report.reviews == 150


def test_resets_and_undo_keep_cards_consistent(studied: Collection) -> None:
    ids = sorted(cards_sched(studied))[:5]
    later = T0 + timedelta(days=60)
    studied.sched.actions.reset_to_new(ids[:3], later)
    card = studied.next_card(later)
    assert card is not None
    studied.answer(card.id, Rating.GOOD, later)
    studied.answer(ids[0], Rating.EASY, later + timedelta(minutes=1))
    studied.undo()
    report = check(studied)
    assert report.problems == []


def test_repair_rebuilds_damaged_card_states_from_the_log(studied: Collection) -> None:
    good = cards_sched(studied)
    reviewed = [cid for cid, v in good.items() if v[6] > 1][:4]
    assert len(reviewed) == 4
    con = raw(studied.data_dir)
    con.execute("UPDATE cards SET stability = stability * 3 WHERE id = ?", (reviewed[0],))
    con.execute("UPDATE cards SET reps = reps + 5, lapses = 2 WHERE id = ?", (reviewed[1],))
    con.execute("UPDATE cards SET state = 0, due = 0 WHERE id = ?", (reviewed[2],))
    con.execute("UPDATE cards SET due = due + 86400 * 40 WHERE id = ?", (reviewed[3],))
    con.close()

    report = check(studied)
    assert not report.ok
    assert sorted(p.card_id for p in report.problems if p.kind == "card_state") == sorted(reviewed)
    assert cards_sched(studied) != good  # a plain check changes nothing

    fixed = check(studied, repair=True, now=T0 + timedelta(days=90))
    assert fixed.ok and fixed.remaining == []
    assert fixed.changes.cards and fixed.repairs == [
        "rebuilt the scheduling state of 4 card(s) from the review log"
    ]
    assert fixed.backup is not None and Path(fixed.backup).is_file()
    after = cards_sched(studied)
    assert set(after) == set(good)
    for cid in good:
        for name, a, b in zip(SCHED, after[cid], good[cid], strict=True):
            if name in ("stability", "difficulty") and a is not None and b is not None:
                assert a == pytest.approx(b, abs=1e-9), (cid, name)
            else:
                assert a == b, (cid, name)


def test_orphans_and_concept_tree_problems_are_found_and_repaired(studied: Collection) -> None:
    revlog_before = studied.revlog_count()
    with studied.db.reading() as s:
        reviewed = s.scalar(select(Card.id).where(Card.reps > 0).order_by(Card.id))
        deck_id = s.scalar(select(Card.deck_id))
    con = raw(studied.data_dir)
    n_reviews_of_card = con.execute(
        "SELECT count(*) FROM revlog WHERE card_id = ?", (reviewed,)
    ).fetchone()[0]
    assert n_reviews_of_card > 0
    # a card whose deck vanished (its reviews must survive: it is moved, not deleted)
    con.execute("UPDATE cards SET deck_id = 999 WHERE id = ?", (reviewed,))
    # review rows of a card that does not exist
    con.execute(
        "INSERT INTO revlog(card_id, time_ms, rating, duration_ms, state_before, state_after,"
        " interval_s, kind) VALUES (424242, 1, 3, 0, 0, 1, 60, 'review')"
    )
    # a cycle of concepts and a parent in another deck
    con.execute("INSERT INTO decks(id, name, config, created) VALUES (77, 'Other', '{}', 0)")
    con.execute(
        "INSERT INTO concepts(id, deck_id, parent_id, path, title, kind, source_line,"
        " source_end, position, retired) VALUES (900, 77, NULL, '[\"O\"]', 'O', 'heading',"
        " 0, 0, 0, 0)"
    )
    ids = [r[0] for r in con.execute("SELECT id FROM concepts WHERE deck_id = ?", (deck_id,))]
    a, b, c = ids[:3]
    con.execute("UPDATE concepts SET parent_id = ? WHERE id = ?", (b, a))
    con.execute("UPDATE concepts SET parent_id = ? WHERE id = ?", (a, b))
    con.execute("UPDATE concepts SET parent_id = 900 WHERE id = ?", (c,))
    con.close()

    report = check(studied)
    kinds = {p.kind for p in report.problems}
    assert {"foreign_key", "orphan", "concept_tree"} <= kinds
    messages = " | ".join(p.message for p in report.problems)
    assert "1 card(s) belong to a missing deck" in messages
    assert "1 review-log row(s) of a missing card" in messages
    assert "form a cycle" in messages and "a concept of another deck" in messages

    fixed = check(studied, repair=True, now=T0 + timedelta(days=90))
    assert fixed.remaining == [] and fixed.ok, fixed.remaining
    assert studied.revlog_count() == revlog_before  # only the orphan row went
    with studied.db.reading() as s:
        moved = s.get(Card, reviewed)
        assert moved is not None
        assert moved.deck_id == studied.deck_id(RECOVERED_DECK)
    con = raw(studied.data_dir)
    assert (
        con.execute("SELECT count(*) FROM revlog WHERE card_id = ?", (reviewed,)).fetchone()[0]
        == n_reviews_of_card
    )
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_a_damaged_file_is_reported_and_not_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    col = open_collection(data, seed=False, rng=random.Random(1))
    load_deck(col, 300, T0)
    study(col, T0, 200, seed=5)
    col.close(backup=False)
    con = raw(data)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # fold the WAL in: the file is complete
    root = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_revlog_card_time'"
    ).fetchone()[0]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    db = data / "collection.sqlite"
    with db.open("r+b") as fh:  # scribble over an index page
        fh.seek((root - 1) * page_size + 8)
        fh.write(random.Random(2).randbytes(page_size - 8))
    before = db.read_bytes()
    col = open_collection(data, seed=False)
    try:
        report = check(col, repair=True)
        assert any(p.kind == "integrity" for p in report.problems)
        assert not report.ok and report.remaining
        assert "restore a backup" in report.repairs[0]
    finally:
        col.close(backup=False)
    assert db.read_bytes() == before


def test_cli_check_reports_and_repairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    col = open_collection(data, seed=True, rng=random.Random(1), now=T0)  # + bundled deck
    col.set_settings(timezone="UTC")
    load_deck(col, 20, T0)
    study(col, T0, 60)
    total = col.card_count(include_retired=True)
    col.close()
    assert main(["--data-dir", str(data), "check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["cards_checked"] == total and out["reviews"] == 60

    con = raw(data)
    con.execute("UPDATE cards SET reps = 99 WHERE reps > 0")
    con.close()
    assert main(["--data-dir", str(data), "check"]) == 1
    text = capsys.readouterr().out
    assert "card_state" in text and "--repair" in text
    assert main(["--data-dir", str(data), "check", "--repair", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["repaired"] and out["remaining"] == [] and out["backup"]
    assert main(["--data-dir", str(data), "check", "--json"]) == 0
