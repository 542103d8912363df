"""The fast .apkg import path (``service.anki_bulk``) stores exactly what the general path
(``incoming_from_package`` + ``merge_cards``) stores: whole collections imported both ways
are compared row by row, on generated packages and on packages the real Anki made."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from srsapp.interchange.apkg_write import write_package
from srsapp.service.anki import fast_import as anki_bulk
from srsapp.service.anki.convert import _dumps_strs
from srsapp.service.collection import Collection
from srsapp.service.transfer import dump_tables
from tests.builders import open_collection

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)
CRT = 1_765_000_000  # 2025-12-06: the package's day 0
NOW_DAY = (int(T0.timestamp()) - CRT) // 86_400

BASIC = Notetype(1, "Basic (and reversed)", NotetypeKind.BASIC, ["Front", "Back"], [
    Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
    Template("Card 2", "{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}"),
])  # fmt: skip
CLOZE = Notetype(2, "Cloze", NotetypeKind.CLOZE, ["Text", "Back Extra"],
                 [Template("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")])  # fmt: skip
DECKS = {10: Deck(10, "A"), 11: Deck(11, "A::B::C"), 12: Deck(12, "도커::개념"), 13: Deck(13, "F")}


def _import_both(tmp: Path, path: Path, monkeypatch: pytest.MonkeyPatch, deck: str | None = None
                 ) -> tuple[Any, Any, bool]:  # fmt: skip
    """Import ``path`` by each path into a fresh collection; (fast, general, fast path used)."""
    used: list[bool] = []
    real = anki_bulk.import_new

    def spy(*args: Any, **kw: Any) -> Any:
        counts = real(*args, **kw)
        used.append(counts is not None)
        return counts

    results = []
    for name, fn in (("fast", spy), ("general", lambda *a, **k: None)):
        monkeypatch.setattr(anki_bulk, "import_new", fn)
        col = open_collection(tmp / name, seed=False, rng=random.Random(1))
        try:
            col.set_settings(timezone="Asia/Seoul", day_start_hour=4)
            report = col.import_file(path, now=T0, deck=deck)
            results.append((report, dump_tables(col)))
            with col.db.engine.connect() as conn:  # every reference holds, and FKs are back on
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        finally:
            col.close()
    monkeypatch.setattr(anki_bulk, "import_new", real)
    return results[0], results[1], used == [True]


def _assert_same(fast: Any, general: Any) -> None:
    (r1, t1), (r2, t2) = fast, general
    assert r1.as_dict() == r2.as_dict()
    for table in t1:
        assert t1[table] == t2[table], table


@st.composite
def packages(draw: st.DrawFn) -> AnkiPackage:
    notes: list[Note] = []
    cards: list[Card] = []
    revlog: list[RevlogEntry] = []
    t = (CRT - 30 * 86_400) * 1000
    for i in range(draw(st.integers(1, 6))):
        nid = 5_000 + i
        if draw(st.booleans()):
            back = draw(st.sampled_from(["답", "", "<b>b</b> [sound:x.mp3]"]))
            notes.append(Note(nid, f"g{i}", 1, [f"질문 {i}", back], draw(st.sampled_from(
                [[], ["t1"], ["태그", 'q"t']]))))  # fmt: skip
            ords = draw(st.sets(st.integers(0, 2), min_size=1))  # 2: no such template
        else:
            notes.append(Note(nid, f"c{i}", 2, ["{{c1::도커}} and {{c2::run}}", "x"]))
            ords = draw(st.sets(st.integers(0, 3), min_size=1))  # 2, 3: no such cloze
        for ord_ in sorted(ords):
            cid = 9_000 + 10 * i + ord_
            ctype = draw(st.integers(0, 3))
            card = Card(cid, nid, ord_, draw(st.sampled_from(sorted(DECKS))), ctype)
            card.reps, card.lapses = draw(st.integers(0, 9)), draw(st.integers(0, 3))
            if ctype == 0:
                card.queue = draw(st.sampled_from([0, -1]))
                card.due = draw(st.integers(0, 50))
            else:
                card.queue = draw(st.sampled_from([ctype if ctype != 3 else 1, -1, -2]))
                if ctype in (1, 3) and draw(st.booleans()):
                    card.due = int(T0.timestamp()) + draw(st.integers(-3_600, 3_600))
                else:
                    card.due = NOW_DAY + draw(st.integers(-20, 40))
                card.ivl = draw(st.integers(0, 30))
                if draw(st.booleans()):
                    card.stability = draw(st.floats(0.1, 300.0))
                    card.difficulty = draw(st.floats(1.0, 10.0))
            card.flags = draw(st.integers(0, 15))
            if draw(st.integers(0, 4)) == 0:  # in a filtered deck
                card.odid, card.odue, card.deck_id = card.deck_id, card.due, 13
                card.due = -100_000
            cards.append(card)
            for _ in range(draw(st.integers(0, 4))):
                t += draw(st.integers(1, 10 * 86_400_000))
                rtype = draw(st.integers(0, 5))
                ivl = draw(st.integers(-600, 30)) if rtype < 4 else draw(st.integers(0, 30))
                ease = draw(st.integers(0, 4))
                revlog.append(RevlogEntry(t, cid, ease, ivl, 0, 2500, 1000, rtype))
    return AnkiPackage({1: BASIC, 2: CLOZE}, dict(DECKS), notes, cards, revlog, {}, CRT)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(pkg=packages(), deck=st.sampled_from([None, "Mine"]))
def test_fast_path_stores_what_the_general_path_stores(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    pkg: AnkiPackage,
    deck: str | None,
) -> None:
    tmp = tmp_path_factory.mktemp("bulk")
    write_package(pkg, tmp / "p.apkg")
    fast, general, used = _import_both(tmp, tmp / "p.apkg", monkeypatch, deck)
    assert used
    _assert_same(fast, general)


def test_the_fast_path_covers_a_package_of_every_kind_of_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = [Note(1, "a", 1, ["f", "b"], ["t"]), Note(2, "b", 2, ["{{c1::x}} {{c2::y}}", ""])]
    cards = [
        Card(11, 1, 0, 11, 0, 0, 7),  # new, position 7
        Card(12, 1, 1, 10, 2, 2, NOW_DAY + 3, 12, reps=4, lapses=1, flags=9,
             stability=20.0, difficulty=4.0),  # review  # fmt: skip
        Card(21, 2, 0, 12, 1, 1, int(T0.timestamp()) + 600, 0, reps=1),  # intraday learning
        Card(22, 2, 1, 13, 3, -1, NOW_DAY - 1, 2, reps=6, lapses=2, odid=10,
             odue=NOW_DAY + 1),  # suspended relearning in a filtered deck  # fmt: skip
    ]
    revlog = [
        RevlogEntry((CRT + k * 86_400) * 1000 + c, c, ease, ivl, 0, 2500, 3000, rtype)
        for c in (12, 21, 22)
        for k, (rtype, ease, ivl) in enumerate([(0, 3, -600), (1, 3, 4), (1, 1, -600), (4, 0, 0)])
    ]
    pkg = AnkiPackage({1: BASIC, 2: CLOZE}, dict(DECKS), notes, cards, revlog, {}, CRT)
    write_package(pkg, tmp_path / "p.apkg")
    fast, general, used = _import_both(tmp_path, tmp_path / "p.apkg", monkeypatch)
    assert used
    _assert_same(fast, general)
    rows = {r["key"]: r for r in fast[1]["cards"]}
    assert len(rows) == 4 and len(fast[1]["revlog"]) == 12
    assert rows["anki:a:0"]["state"] == 0 and rows["anki:a:0"]["due"] == 0
    assert rows["anki:b:1"]["suspended"] and rows["anki:b:1"]["state"] == 3
    assert rows["anki:a:1"]["flag"] == 1 and rows["anki:a:1"]["stability"] == 20.0
    # the relearning card had no memory state: replayed from its three rated answers
    assert rows["anki:b:1"]["stability"] is not None


def test_a_package_with_known_cards_goes_the_general_way(
    tmp_path: Path, col: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = [Note(1, "a", 1, ["f", "b"])]
    pkg = AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes, [Card(11, 1, 0, 10)], [], {}, CRT)
    write_package(pkg, tmp_path / "p.apkg")
    calls: list[Any] = []
    real = anki_bulk.import_new

    def spy(*args: Any, **kw: Any) -> Any:
        calls.append(real(*args, **kw))
        return calls[-1]

    monkeypatch.setattr(anki_bulk, "import_new", spy)
    first = col.import_file(tmp_path / "p.apkg", now=T0)
    assert first.added == 1 and calls[0] is not None
    pkg.revlog = [RevlogEntry(CRT * 1000, 11, 3, 1, 0, 2500, 100, 0)]
    write_package(pkg, tmp_path / "p.apkg")
    again = col.import_file(tmp_path / "p.apkg", now=T0)
    assert calls[1] is None  # asked, declined: the card is in the collection
    assert (again.added, again.updated, again.revlog) == (0, 1, 1)


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "latest"])
def test_packages_made_by_anki_import_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, legacy: bool
) -> None:
    fixtures = pytest.importorskip("tests.interchange.anki_fixtures")
    built = fixtures.build_collection(tmp_path / "anki.anki2", fsrs=not legacy, reviews=3)
    path = fixtures.export_apkg(built.col, tmp_path / "anki.apkg", legacy=legacy)
    built.col.close()
    fast, general, used = _import_both(tmp_path, path, monkeypatch)
    assert used
    _assert_same(fast, general)
    assert fast[0].added == 6 and fast[0].revlog == 3 and fast[0].media == 1


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.text()))
def test_string_lists_are_written_as_json_dumps_writes_them(values: list[str]) -> None:
    """Field and tag lists go into ``extra`` through a shortcut encoder: byte for byte
    json.dumps, or a re-import would see a change."""
    assert _dumps_strs(values) == json.dumps(values, ensure_ascii=False, sort_keys=True)
