"""An .apkg import's rows (``service.anki.importer``, mapped by ``store.anki_cards``): every
kind of card, cards the collection has, duplicate cards, values the reader converted or
clamped, a review log checked row by row -- each asserted on the rows stored."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
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
from srsapp.service import transfer
from srsapp.service.anki.convert import _dumps_strs
from srsapp.service.collection import Collection
from srsapp.service.transfer import dump_tables
from tests.builders import open_collection

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)  # 21:00 in Seoul
CRT = 1_765_000_000  # 2025-12-06: the package's day 0
NOW_DAY = (int(T0.timestamp()) - CRT) // 86_400
TODAY = int(datetime(2026, 2, 28, 19, tzinfo=UTC).timestamp())  # 04:00 in Seoul: day start
TOMORROW = TODAY + 86_400
DAY = 86_400

BASIC = Notetype(1, "Basic (and reversed)", NotetypeKind.BASIC, ["Front", "Back"], [
    Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
    Template("Card 2", "{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}"),
])  # fmt: skip
CLOZE = Notetype(2, "Cloze", NotetypeKind.CLOZE, ["Text", "Back Extra"],
                 [Template("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")])  # fmt: skip
DECKS = {10: Deck(10, "A"), 11: Deck(11, "A::B::C"), 12: Deck(12, "도커::개념"), 13: Deck(13, "F")}


def _collection(tmp: Path) -> Collection:
    col = open_collection(tmp, seed=False, rng=random.Random(1))
    col.set_settings(timezone="Asia/Seoul", day_start_hour=4)
    return col


def _import(col: Collection, pkg: AnkiPackage, path: Path, **kw: Any) -> Any:
    write_package(pkg, path)
    report = col.import_file(path, now=T0, **kw)
    with col.db.engine.connect() as conn:  # every reference holds, and FKs are back on
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    return report


def _import_fresh(tmp: Path, pkg: AnkiPackage) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """Import ``pkg`` into a new collection: the report, the cards by key, the tables."""
    col = _collection(tmp / "c")
    try:
        report = _import(col, pkg, tmp / "p.apkg")
        return (report, *_rows(col))
    finally:
        col.close()


def _rows(col: Collection) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Cards by key, and the other tables."""
    tables = dump_tables(col)
    return {r["key"]: r for r in tables["cards"]}, tables


def _every_kind() -> AnkiPackage:
    notes = [Note(1, "a", 1, ["f", "b"], ["t"]), Note(2, "b", 2, ["{{c1::x}} {{c2::y}}", ""])]
    cards = [
        Card(11, 1, 0, 11, 0, 0, 7),  # new, position 7
        Card(
            12,
            1,
            1,
            10,
            2,
            2,
            NOW_DAY + 3,
            12,
            reps=4,
            lapses=1,
            flags=9,
            stability=20.0,
            difficulty=4.0,
        ),  # review  # fmt: skip
        Card(21, 2, 0, 12, 1, 1, int(T0.timestamp()) + 600, 0, reps=1),  # intraday learning
        Card(
            22, 2, 1, 13, 3, -1, NOW_DAY - 1, 2, reps=6, lapses=2, odid=10, odue=NOW_DAY + 1
        ),  # suspended relearning in a filtered deck  # fmt: skip
    ]
    revlog = [
        RevlogEntry((CRT + k * DAY) * 1000 + c, c, ease, ivl, 0, 2500, 3000, rtype)
        for c in (12, 21, 22)
        for k, (rtype, ease, ivl) in enumerate([(0, 3, -600), (1, 3, 4), (1, 1, -600), (4, 0, 0)])
    ]
    return AnkiPackage({1: BASIC, 2: CLOZE}, dict(DECKS), notes, cards, revlog, {}, CRT)


def _check_every_kind(cards: dict[str, dict[str, Any]], tables: dict[str, Any]) -> None:
    decks = {d["id"]: d["name"] for d in tables["decks"]}
    concepts = {c["id"]: tuple(json.loads(c["path"])) for c in tables["concepts"]}
    assert sorted(cards) == ["anki:a:0", "anki:a:1", "anki:b:0", "anki:b:1"]
    new, review, learning, relearning = (cards[k] for k in sorted(cards))
    last_rated = CRT + 2 * DAY  # the third answer of each card (the fourth is a manual one)
    assert (decks[new["deck_id"]], concepts[new["concept_id"]]) == ("A", ("B", "C"))
    assert (new["state"], new["due"], new["position"], new["last_review"]) == (0, 0, 8, None)
    assert (new["reps"], new["stability"], new["suspended"], new["flag"]) == (0, None, False, 0)
    assert (decks[review["deck_id"]], review["concept_id"]) == ("A", None)
    assert (review["state"], review["due"], review["last_review"]) == (2, TODAY + 3 * DAY,
                                                                       last_rated)  # fmt: skip
    assert (review["stability"], review["difficulty"], review["flag"]) == (20.0, 4.0, 1)
    assert (review["reps"], review["lapses"], review["position"]) == (4, 1, 1)
    assert (decks[learning["deck_id"]], concepts[learning["concept_id"]]) == ("도커", ("개념",))
    assert (learning["state"], learning["due"]) == (1, int(T0.timestamp()) + 600)
    assert learning["kind"] == "cloze" and learning["last_review"] == last_rated
    # the relearning card is back in its home deck, due on its home due day, suspended
    assert (decks[relearning["deck_id"]], relearning["state"]) == ("A", 3)
    assert (relearning["due"], relearning["suspended"]) == (TODAY + DAY, True)
    # no memory state stored: replayed from its three rated answers
    assert learning["stability"] is not None and relearning["stability"] is not None
    for row in cards.values():
        assert row["created"] == row["modified"] == int(T0.timestamp())
        extra = json.loads(row["extra"])
        assert extra["anki"]["ord"] == int(row["variant"]) and row["guid"] == row["anchor"]
    assert len(tables["revlog"]) == 12
    assert {r["kind"] for r in tables["revlog"]} == {"imported"}


@pytest.mark.parametrize("way", ["left in the package", "row by row"])
def test_every_kind_of_card_becomes_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    if way == "row by row":  # a review log the reader checks row by row: mapped by the same SQL
        monkeypatch.setattr("srsapp.interchange.apkg_read.revlog_intact", lambda _c: False)
    report, cards, tables = _import_fresh(tmp_path, _every_kind())
    assert (report.added, report.updated, report.skipped, report.revlog) == (4, 0, 0, 12)
    assert any("filtered deck 'F'" in w for w in report.warnings)
    _check_every_kind(cards, tables)


def test_a_buried_card_stays_buried_until_the_next_day(tmp_path: Path) -> None:
    notes = [Note(1, "a", 1, ["f", "b"])]
    cards = [Card(11, 1, 0, 10, 2, -3, NOW_DAY + 2, 5, reps=2, stability=5.0, difficulty=5.0),
             Card(12, 1, 1, 10, 0, -2, 3)]  # fmt: skip
    pkg = AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes, cards, [], {}, CRT)
    report, rows, _tables = _import_fresh(tmp_path, pkg)
    assert report.added == 2
    assert rows["anki:a:0"]["buried_until"] == rows["anki:a:1"]["buried_until"] == TOMORROW
    # no rated answer: last reviewed an interval before it is due
    assert rows["anki:a:0"]["last_review"] == TODAY + 2 * DAY - 5 * DAY


def test_values_the_reader_clamped_or_moved_are_the_ones_stored(tmp_path: Path) -> None:
    """A due date beyond any date is clamped by the reader, a card in a filtered deck goes to
    its home deck: the rows take the reader's values, not the package's."""
    notes = [Note(1, "a", 1, ["f", "b"]), Note(2, "b", 1, ["g", "c"])]
    cards = [
        Card(11, 1, 0, 10, 2, 2, 10**12, 3, reps=1, stability=4.0, difficulty=5.0),
        Card(12, 1, 1, 13, 0, 0, -100_000, odid=11, odue=4),  # new, in a filtered deck
        Card(21, 2, 0, 10, 0, 0, 10**10),  # a new card's position beyond the largest
    ]
    pkg = AnkiPackage({1: BASIC}, dict(DECKS), notes, cards, [], {}, CRT)
    report, rows, tables = _import_fresh(tmp_path, pkg)
    assert report.added == 3
    assert any("card 11: due time" in w and "clamped" in w for w in report.warnings)
    assert any("card 21: new-card position" in w and "clamped" in w for w in report.warnings)
    assert rows["anki:a:0"]["due"] == 7_258_118_400  # 2200-01-01: as late as a date may be
    concepts = {c["id"]: tuple(json.loads(c["path"])) for c in tables["concepts"]}
    assert concepts[rows["anki:a:1"]["concept_id"]] == ("B", "C")
    assert rows["anki:a:1"]["position"] == 1 + 4  # its home due: position 4 (deck A was empty)
    assert rows["anki:b:0"]["position"] == 1 + 10**9


def test_a_card_that_comes_twice_is_stored_once(tmp_path: Path) -> None:
    notes = [Note(1, "a", 1, ["f", "b"])]
    cards = [Card(11, 1, 0, 10, 0, 0, 1), Card(12, 1, 0, 10, 2, 2, NOW_DAY, 3, reps=3)]
    revlog = [RevlogEntry(CRT * 1000 + c, c, 3, 1, 0, 2500, 100, 0) for c in (11, 12)]
    pkg = AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes, cards, revlog, {}, CRT)
    report, rows, tables = _import_fresh(tmp_path, pkg)
    assert (report.added, report.skipped, report.revlog) == (1, 1, 1)
    assert "note 'a' appears twice; the second copy skipped" in report.warnings
    assert list(rows) == ["anki:a:0"] and rows["anki:a:0"]["state"] == 0  # the first copy
    assert [r["card_id"] for r in tables["revlog"]] == [rows["anki:a:0"]["id"]]


def test_a_known_card_takes_a_later_schedule_and_only_the_answers_it_lacks(
    tmp_path: Path,
) -> None:
    notes = [Note(1, "a", 1, ["f", "b"], ["t"])]
    first = [RevlogEntry(CRT * 1000, 11, 3, 1, 0, 2500, 100, 0)]
    pkg = AnkiPackage({1: BASIC}, {10: Deck(10, "A::X")}, notes,
                      [Card(11, 1, 0, 10, 2, 2, NOW_DAY, 1, reps=1)], first, {}, CRT)  # fmt: skip
    col = _collection(tmp_path / "c")
    try:
        one = _import(col, pkg, tmp_path / "p.apkg")
        before, _t = _rows(col)
        # Anki studied it since, the text changed and a new card came
        pkg.notes = [Note(1, "a", 1, ["f2", "b"], ["t"]), Note(2, "n", 1, ["g", "h"])]
        pkg.cards = [Card(11, 1, 0, 10, 2, 2, NOW_DAY + 9, 9, reps=2, lapses=1, flags=2),
                     Card(21, 2, 0, 10, 0, 0, 3)]  # fmt: skip
        pkg.revlog = [*first, RevlogEntry((CRT + DAY) * 1000, 11, 4, 9, 1, 2500, 200, 1)]
        two = _import(col, pkg, tmp_path / "p.apkg")
        after, tables = _rows(col)
        # the same package again: nothing new
        three = _import(col, pkg, tmp_path / "p.apkg")
        again, tables3 = _rows(col)
    finally:
        col.close()
    assert (one.added, two.added, two.updated, two.skipped, two.revlog) == (1, 1, 1, 0, 1)
    card = after["anki:a:0"]
    assert card["id"] == before["anki:a:0"]["id"]
    assert card["front"] != before["anki:a:0"]["front"] and "f2" in card["front"]
    assert (card["reps"], card["lapses"], card["flag"]) == (2, 1, 2)
    assert (card["due"], card["last_review"]) == (TODAY + 9 * DAY, CRT + DAY)
    assert after["anki:n:0"]["position"] == 3 + 1 + before["anki:a:0"]["position"]
    assert sorted(r["time_ms"] for r in tables["revlog"]) == [CRT * 1000, (CRT + DAY) * 1000]
    assert (three.added, three.updated, three.skipped, three.revlog) == (0, 0, 2, 0)
    assert again == after and tables3["revlog"] == tables["revlog"]


def test_an_older_schedule_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    notes = [Note(1, "a", 1, ["f", "b"])]
    late = AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes,
                       [Card(11, 1, 0, 10, 2, 2, NOW_DAY + 5, 5, reps=5)], [], {}, CRT)  # fmt: skip
    early = AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes,
                        [Card(11, 1, 0, 10, 2, 2, NOW_DAY + 1, 1, reps=1)], [], {}, CRT)  # fmt: skip
    col = _collection(tmp_path / "c")
    try:
        _import(col, late, tmp_path / "late.apkg")
        kept, _t = _rows(col)
        report = _import(col, early, tmp_path / "early.apkg")
        rows, _t = _rows(col)
    finally:
        col.close()
    assert (report.added, report.updated, report.skipped) == (0, 0, 1)
    assert rows == kept and rows["anki:a:0"]["reps"] == 5


def test_a_sync_card_takes_their_schedule_deck_and_place(tmp_path: Path) -> None:
    notes = [Note(1, "a", 1, ["f", "b"])]
    ours = AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes,
                       [Card(11, 1, 0, 10, 2, 2, NOW_DAY + 5, 5, reps=5)], [], {}, CRT)  # fmt: skip
    theirs = AnkiPackage({1: BASIC}, {10: Deck(10, "A"), 20: Deck(20, "B")}, notes,
                         [Card(11, 1, 0, 20, 0, 0, 42)], [], {}, CRT)  # forgotten, moved  # fmt: skip
    col = _collection(tmp_path / "c")
    try:
        _import(col, ours, tmp_path / "ours.apkg")
        write_package(theirs, tmp_path / "theirs.apkg")
        report = transfer.import_file(col, tmp_path / "theirs.apkg", now=T0, theirs={11})
        rows, tables = _rows(col)
    finally:
        col.close()
    decks = {d["id"]: d["name"] for d in tables["decks"]}
    card = rows["anki:a:0"]
    assert report.updated == 1
    assert (decks[card["deck_id"]], card["state"], card["reps"], card["position"]) == ("B", 0,
                                                                                       0, 42)  # fmt: skip


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "latest"])
def test_packages_made_by_anki_keep_their_schedule_and_history(
    tmp_path: Path, legacy: bool
) -> None:
    fixtures = pytest.importorskip("tests.interchange.anki_fixtures")
    built = fixtures.build_collection(tmp_path / "anki.anki2", fsrs=not legacy, reviews=3)
    path = fixtures.export_apkg(built.col, tmp_path / "anki.apkg", legacy=legacy)
    reviewed = len(built.reviewed_card_ids)
    built.col.close()
    col = _collection(tmp_path / "c")
    try:
        report = col.import_file(path, now=T0)
        rows, tables = _rows(col)
    finally:
        col.close()
    assert report.added == 6 and report.revlog == reviewed == 3 and report.media == 1
    studied = [r for r in rows.values() if r["state"] != 0]
    assert len(studied) == reviewed
    assert sorted(r["card_id"] for r in tables["revlog"]) == sorted(r["id"] for r in studied)
    for r in studied:  # one answer each: when, and its memory state
        assert r["reps"] == 1 and r["last_review"] is not None and r["stability"] is not None
    assert all(r["reps"] == 0 and r["due"] == 0 for r in rows.values() if r["state"] == 0)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.text()))
def test_string_lists_are_written_as_json_dumps_writes_them(values: list[str]) -> None:
    """Field and tag lists go into ``extra`` through a shortcut encoder: byte for byte
    json.dumps, or a re-import would see a change."""
    assert _dumps_strs(values) == json.dumps(values, ensure_ascii=False, sort_keys=True)


def test_a_card_put_back_under_a_deleted_ones_id_sends_no_deletion(tmp_path: Path) -> None:
    """The ``cards_sync_restored`` trigger's work, done for all imported cards at once: a
    grave waiting for the sync of a card whose id an imported card takes goes; others stay,
    and so does the trigger."""
    notes = [Note(1, "a", 1, ["f", "b"])]
    pkg = AnkiPackage({1: BASIC}, {10: Deck(10, "A")}, notes, [Card(11, 1, 0, 10)], [], {}, CRT)
    col = _collection(tmp_path / "c")
    try:
        with col.db.engine.begin() as conn:
            for server_id, card_id in ((777, 1), (888, 999)):  # 1: the id the import takes
                conn.exec_driver_sql(
                    "INSERT INTO sync_cards (id, nid, ord, mod, entry, card_id) "
                    f"VALUES ({server_id}, 5, 0, 0, '[]', {card_id})"
                )
                conn.exec_driver_sql(f"INSERT INTO sync_graves (id) VALUES ({server_id})")
        report = _import(col, pkg, tmp_path / "p.apkg")
        with col.db.engine.connect() as conn:
            graves = [g for (g,) in conn.exec_driver_sql("SELECT id FROM sync_graves")]
            triggers = [n for (n,) in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name = 'cards_sync_restored'")]  # fmt: skip
        rows, _t = _rows(col)
    finally:
        col.close()
    assert report.added == 1 and rows["anki:a:0"]["id"] == 1
    assert graves == [888] and triggers == ["cards_sync_restored"]
