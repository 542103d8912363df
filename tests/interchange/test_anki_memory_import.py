"""Imported cards' FSRS memory states (issue 18): taken from the package when Anki stored them
(``cards.data`` s/d), else computed from each card's rated answers in one fsrs-rs batch --
matching, within fsrs-rs's 32-bit floats, the answer-by-answer py-fsrs replay imports did
before. Packages made in code and by the real Anki library."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.core.model import Rating
from srsapp.core.scheduler import SchedulerConfig, replay
from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    RevlogEntry,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from srsapp.store.models import revlog_hours_mismatch
from tests.builders import open_collection
from tests.interchange.anki_fixtures import build_collection, export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CRT = 1_765_000_000
DAY_MS = 86_400_000
BASIC = Notetype(1, "Basic", NotetypeKind.BASIC, ["Front", "Back"],
                 [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")])  # fmt: skip
GAPS = [0, 60_000, 600_000, DAY_MS - 1, DAY_MS, 3 * DAY_MS + 7, 17 * DAY_MS, 90 * DAY_MS]


def _package(n: int, seed: int) -> tuple[AnkiPackage, dict[int, tuple[float, float]]]:
    """``n`` review cards with histories (rated answers mixed with manual and rescheduling
    rows, which are not answers); every third card has a memory state stored (returned)."""
    rng = random.Random(seed)
    notes, cards, revlog, stored = [], [], [], {}
    for i in range(n):
        nid, cid = 1000 + i, 5000 + i
        notes.append(Note(nid, f"g{i}", 1, [f"q{i}", f"a{i}"]))
        card = Card(cid, nid, 0, 10, 2, 2, 100, 10, reps=3)
        if i % 3 == 0:
            card.stability = round(rng.uniform(1, 200), 3)
            card.difficulty = round(rng.uniform(1, 10), 3)
            stored[cid] = (card.stability, card.difficulty)
        cards.append(card)
        t = (CRT - 400 * 86_400) * 1000 + i * 1000
        for _ in range(rng.randint(1, 12)):
            rtype = rng.choice([0, 1, 1, 1, 2, 3, 4, 5])  # 4: manual, 5: rescheduled
            ease = 0 if rtype in (4, 5) else rng.choice([1, 2, 3, 3, 4])
            revlog.append(RevlogEntry(t, cid, ease, 5, 0, 2500, 3000, rtype))
            t += rng.choice(GAPS) + 1
    return AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes, cards, revlog, {}, CRT), stored


def _replayed(pkg: AnkiPackage, config: SchedulerConfig) -> dict[int, tuple[float, float]]:
    """What the answer-by-answer py-fsrs replay gives each card (the way imports went)."""
    out = {}
    for card in pkg.cards:
        history = [(datetime.fromtimestamp(r.id / 1000, UTC), Rating(r.ease))
                   for r in pkg.revlog
                   if r.card_id == card.id and 1 <= r.ease <= 4 and r.type not in (4, 5)]  # fmt: skip
        if history:
            state = replay(history, config)
            assert state.stability is not None and state.difficulty is not None
            out[card.id] = (state.stability, state.difficulty)
    return out


def _states(col: Collection) -> dict[str, tuple[float, float]]:
    with col.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT key, stability, difficulty FROM cards")
        return {key: (s, d) for key, s, d in rows}


@pytest.mark.parametrize("way", ["left in the package", "row by row", "not looked at"])
def test_imported_states_match_the_replay_and_stored_ones_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    pkg, stored = _package(60, seed=5)
    write_package(pkg, tmp_path / "p.apkg")
    if way == "not looked at":  # the reader's thread skips them (a stored state it found
        # damaged): the importer replays them itself
        monkeypatch.setattr("srsapp.store.anki_revlog.stateless_cards", lambda _c: set())
    if way == "row by row":  # a review log the reader checks row by row, kept in Python
        monkeypatch.setattr("srsapp.interchange.apkg_read.revlog_intact", lambda _c: False)
    col = open_collection(tmp_path / "c", seed=False, rng=random.Random(1))
    try:
        report = col.import_file(tmp_path / "p.apkg", now=T0)
        config = col.scheduler().config
        got = _states(col)
        assert _hours_off(col) == (0, [])  # the answers per hour count every imported answer
    finally:
        col.close()
    assert report.added == 60 and not any("estimated" in w for w in report.warnings)
    expected = _replayed(pkg, config)
    guid = {c.id: f"anki:g{c.note_id - 1000}:0" for c in pkg.cards}
    for cid, (s, d) in stored.items():
        assert got[guid[cid]] == (s, d)  # taken as stored, not recomputed
    replayed = [cid for cid in expected if cid not in stored]
    assert len(replayed) >= 35
    for cid in replayed:
        s, d = got[guid[cid]]
        assert s == pytest.approx(expected[cid][0], rel=1e-4)
        assert d == pytest.approx(expected[cid][1], abs=1e-4)


def _hours_off(col: Collection) -> tuple[int, list[str]]:
    with col.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT sum(duration_ms) FROM revlog_hours").scalar()
        return revlog_hours_mismatch(conn)


@pytest.mark.parametrize("again", [False, True])
def test_answers_per_hour_when_not_every_answer_goes_in(tmp_path: Path, again: bool) -> None:
    """The reader's thread counts the package's answers per hour; when some are left out (a
    card without a template; answers the collection has already) the ones inserted are."""
    pkg, _ = _package(12, seed=2)
    pkg.cards[3].ord = 1  # Basic has one template: this card is skipped, its answers too
    write_package(pkg, tmp_path / "p.apkg")
    col = open_collection(tmp_path / "c", seed=False, rng=random.Random(1))
    try:
        report = col.import_file(tmp_path / "p.apkg", now=T0)
        assert report.added == 11 and report.revlog < len(pkg.revlog)
        if again:  # every answer known: none goes in
            pkg.revlog.append(RevlogEntry(pkg.revlog[-1].id + 5_000_000, 5000, 3, 9, 0, 2500,
                                          1000, 1))  # fmt: skip
            write_package(pkg, tmp_path / "p.apkg")
            assert col.import_file(tmp_path / "p.apkg", now=T0).revlog == 1
        assert _hours_off(col) == (0, [])
    finally:
        col.close()


def test_a_card_without_answers_or_state_is_estimated_and_said(tmp_path: Path) -> None:
    pkg, _ = _package(2, seed=1)
    pkg.revlog = [r for r in pkg.revlog if r.card_id != 5001]
    write_package(pkg, tmp_path / "p.apkg")
    col = open_collection(tmp_path / "c", seed=False, rng=random.Random(1))
    try:
        report = col.import_file(tmp_path / "p.apkg", now=T0)
        got = _states(col)
    finally:
        col.close()
    assert got["anki:g1:0"] == (10.0, 5.0)  # its interval, a middle difficulty
    assert any("1 card(s) had no FSRS memory state" in w for w in report.warnings)


@pytest.mark.parametrize("fsrs", [True, False])
def test_a_package_anki_made(col: Collection, tmp_path: Path, fsrs: bool) -> None:
    """FSRS on: Anki stored each answered card's memory state, which arrives as is. FSRS off
    (SM-2): there is none, and the answers Anki logged give it."""
    (tmp_path / "anki").mkdir()
    built = build_collection(tmp_path / "anki" / "collection.anki2", fsrs=fsrs, reviews=4)
    anki = built.col
    try:
        assert len(built.reviewed_card_ids) == 4
        anki_states = {}
        for cid in built.reviewed_card_ids:
            state = anki.get_card(cid).memory_state
            assert (state is not None) == fsrs
            if state is not None:
                anki_states[cid] = (state.stability, state.difficulty)
        package = export_apkg(anki, tmp_path / "p.apkg", legacy=False)
    finally:
        anki.close()
    source = read_package(package)
    key = {c.id: f"anki:{n.guid}:{c.ord}" for n in source.notes for c in source.cards
           if c.note_id == n.id}  # fmt: skip
    report = col.import_file(package, now=T0)
    assert not any("estimated" in w for w in report.warnings)
    got = _states(col)
    expected = anki_states if fsrs else _replayed(source, col.scheduler().config)
    assert set(expected) == set(built.reviewed_card_ids)
    for cid, (s, d) in expected.items():
        assert got[key[cid]][0] == pytest.approx(s, rel=1e-4 if not fsrs else 1e-6)
        assert got[key[cid]][1] == pytest.approx(d, abs=1e-4 if not fsrs else 1e-6)
