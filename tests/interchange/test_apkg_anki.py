"""Compatibility with the real Anki, both ways (Anki is used only here, in tests)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    PackageVersion,
    Queue,
    RevlogEntry,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from tests.interchange.anki_fixtures import PNG_BYTES, build_collection, export_apkg


@pytest.fixture(scope="module")
def anki_source(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("anki")
    built = build_collection(tmp / "src.anki2", reviews=3)
    col = built.col
    facts: dict[str, object] = {
        "notes": {
            col.get_note(nid).guid: (list(col.get_note(nid).fields), sorted(col.get_note(nid).tags))
            for nid in col.find_notes("")
        },
        "cards": col.card_count(),
        "revlog": sorted(
            tuple(r)
            for r in col.db.all("select id, cid, ease, ivl, lastIvl, time, type from revlog")
        ),
        "memory": {
            cid: (
                col.get_card(cid).memory_state.stability,
                col.get_card(cid).memory_state.difficulty,
            )
            for cid in built.reviewed_card_ids
        },
        "decks": {d.name for d in col.decks.all_names_and_ids()},
        "legacy": export_apkg(col, tmp / "legacy.apkg", legacy=True),
        "latest": export_apkg(col, tmp / "latest.apkg", legacy=False),
    }
    col.close()
    return facts


@pytest.mark.parametrize(
    ("kind", "version"), [("legacy", PackageVersion.LEGACY_2), ("latest", PackageVersion.LATEST)]
)
def test_read_package_exported_by_anki(
    anki_source: dict[str, object], kind: str, version: PackageVersion
) -> None:
    pkg = read_package(anki_source[kind])  # type: ignore[arg-type]
    assert pkg.version == version
    notes = {n.guid: (n.fields, sorted(n.tags)) for n in pkg.notes}
    assert notes == anki_source["notes"]
    assert len(pkg.cards) == anki_source["cards"] == 6
    assert {d.name for d in pkg.decks.values()} == anki_source["decks"]
    assert pkg.media == {"pic.png": PNG_BYTES}
    revlog = sorted(
        (r.id, r.card_id, r.ease, r.ivl, r.last_ivl, r.time, r.type) for r in pkg.revlog
    )
    assert revlog == anki_source["revlog"]
    assert len(revlog) == 3
    memory = {c.id: (c.stability, c.difficulty) for c in pkg.cards if c.stability is not None}
    expected = anki_source["memory"]
    assert isinstance(expected, dict) and set(memory) == set(expected)
    for cid, (s, d) in memory.items():
        assert s == pytest.approx(expected[cid][0], abs=1e-3)
        assert d == pytest.approx(expected[cid][1], abs=1e-3)
    kinds = {nt.name: nt.kind for nt in pkg.notetypes.values()}
    assert kinds["Cloze"] == NotetypeKind.CLOZE
    assert kinds["Basic (and reversed card)"] == NotetypeKind.BASIC
    reversed_nt = next(nt for nt in pkg.notetypes.values() if nt.name.startswith("Basic (and"))
    assert [t.qfmt for t in reversed_nt.templates] == ["{{Front}}", "{{Back}}"]
    deck_ab = pkg.deck_named("A::B")
    assert deck_ab is not None and deck_ab.path == ("A", "B")
    cloze_note = next(n for n in pkg.notes if n.fields[0].startswith("{{c1::"))
    assert [c.ord for c in pkg.cards_of(cloze_note.id)] == [0, 1]
    assert {pkg.decks[c.deck_id].name for c in pkg.cards_of(cloze_note.id)} == {"A::B"}


def _our_package(today: datetime) -> AnkiPackage:
    crt = int((today - timedelta(days=100)).timestamp())
    basic = Notetype(
        1001,
        "srsapp Basic",
        NotetypeKind.BASIC,
        ["Front", "Back"],
        [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")],
    )
    cloze = Notetype(
        1002,
        "srsapp Cloze",
        NotetypeKind.CLOZE,
        ["Text", "Back Extra"],
        [Template("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")],
    )
    decks = {10: Deck(10, "Docker::개념::이미지"), 11: Deck(11, "Docker")}
    notes = [
        Note(501, "srs-guid-1", 1001, ["이미지란?", 'template <img src="d.png">'], ["docker"], 1),
        Note(502, "srs-guid-2", 1002, ["{{c1::EXPOSE}} documents a port", ""], [], 1),
        Note(503, "srs-guid-3", 1001, ["new card", "back"], ["x", "y"], 1),
    ]
    cards = [
        Card(601, 501, 0, 10, CardType.REVIEW, Queue.REVIEW, 105, 12, 2500, 4, 1,
             stability=14.5, difficulty=5.25, desired_retention=0.9),
        Card(602, 502, 0, 10, CardType.REVIEW, Queue.REVIEW, 98, 3, 2500, 2, 0,
             stability=3.2, difficulty=6.0),
        Card(603, 503, 0, 11, due=7),
    ]  # fmt: skip
    base = int((today - timedelta(days=20)).timestamp() * 1000)
    revlog = [
        RevlogEntry(base, 601, 3, 1, 0, 0, 8000, 0),
        RevlogEntry(base + 86_400_000, 601, 1, 1, 1, 2500, 9000, 1),
        RevlogEntry(base + 2 * 86_400_000, 601, 3, 12, 1, 2500, 5000, 2),
        RevlogEntry(base + 3 * 86_400_000, 602, 3, 3, 0, 2500, 4000, 0),
    ]
    return AnkiPackage(
        notetypes={1001: basic, 1002: cloze},
        decks=decks,
        notes=notes,
        cards=cards,
        revlog=revlog,
        media={"d.png": PNG_BYTES},
        crt=crt,
    )


def _study_day_noon() -> datetime:
    """Noon of Anki's current study day (its day starts at 4:00, local time = UTC here)."""
    now = datetime.now(UTC) - timedelta(hours=4)
    return now.replace(hour=12, minute=0, second=0, microsecond=0)


def _import_into_anki(path: Path, target: Path) -> Collection:
    col = Collection(str(target))
    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False),
    )
    col.import_anki_package(request)
    return col


@pytest.mark.parametrize("legacy", [False, True])
def test_anki_imports_our_package(tmp_path: Path, legacy: bool) -> None:
    today = _study_day_noon()
    pkg = _our_package(today)
    out = tmp_path / "ours.apkg"
    write_package(pkg, out, legacy=legacy)
    col = _import_into_anki(out, tmp_path / "target.anki2")
    try:
        by_guid = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
        assert set(by_guid) == {"srs-guid-1", "srs-guid-2", "srs-guid-3"}
        assert list(by_guid["srs-guid-1"].fields) == pkg.notes[0].fields
        assert sorted(by_guid["srs-guid-3"].tags) == ["x", "y"]
        assert by_guid["srs-guid-2"].note_type()["type"] == 1  # cloze
        assert col.card_count() == 3
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {"Docker", "Docker::개념", "Docker::개념::이미지"} <= names
        card = col.get_card(by_guid["srs-guid-1"].card_ids()[0])
        assert col.decks.name(card.did) == "Docker::개념::이미지"
        # Due 5 days after "today" in our package (crt + 105 days) stays 5 days ahead.
        assert card.due - col.sched.today == 5
        assert card.ivl == 12 and card.type == CardType.REVIEW
        assert card.memory_state is not None
        assert card.memory_state.stability == pytest.approx(14.5, abs=1e-3)
        assert card.memory_state.difficulty == pytest.approx(5.25, abs=1e-3)
        overdue = col.get_card(by_guid["srs-guid-2"].card_ids()[0])
        assert overdue.due - col.sched.today == -2
        rows = col.db.all("select id, cid, ease, ivl, lastIvl, time, type from revlog order by id")
        assert [tuple(r) for r in rows] == [
            (r.id, r.card_id, r.ease, r.ivl, r.last_ivl, r.time, r.type) for r in pkg.revlog
        ]
        assert col.media.have("d.png")
        assert (Path(col.media.dir()) / "d.png").read_bytes() == PNG_BYTES
    finally:
        col.close()


def test_reimport_updates_note_instead_of_duplicating(tmp_path: Path) -> None:
    today = _study_day_noon()
    pkg = _our_package(today)
    write_package(pkg, tmp_path / "v1.apkg")
    pkg.notes[0].fields[1] = "edited answer"
    pkg.notes[0].mod = 2
    write_package(pkg, tmp_path / "v2.apkg")
    col = _import_into_anki(tmp_path / "v1.apkg", tmp_path / "target.anki2")
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(tmp_path / "v2.apkg"),
                options=ImportAnkiPackageOptions(with_scheduling=True),
            )
        )
        assert col.note_count() == 3
        nid = col.find_notes('"guid:srs-guid-1"') or [
            n for n in col.find_notes("") if col.get_note(n).guid == "srs-guid-1"
        ]
        assert col.get_note(nid[0]).fields[1] == "edited answer"
    finally:
        col.close()


def test_round_trip_anki_to_ours_to_anki(anki_source: dict[str, object], tmp_path: Path) -> None:
    pkg = read_package(anki_source["latest"])  # type: ignore[arg-type]
    write_package(pkg, tmp_path / "again.apkg")
    again = read_package(tmp_path / "again.apkg")
    assert [(n.guid, n.fields, n.tags) for n in again.notes] == [
        (n.guid, n.fields, n.tags) for n in pkg.notes
    ]
    assert [(c.id, c.due, c.stability) for c in again.cards] == [
        (c.id, c.due, c.stability) for c in pkg.cards
    ]
    col = _import_into_anki(tmp_path / "again.apkg", tmp_path / "t.anki2")
    try:
        assert col.note_count() == len(pkg.notes)
        assert col.card_count() == len(pkg.cards)
        assert col.db.scalar("select count() from revlog") == len(pkg.revlog)
    finally:
        col.close()


def test_written_card_data_and_note_checksums(tmp_path: Path) -> None:
    """cards.data holds the rounded FSRS state (and other keys) as compact JSON; notes carry
    Anki's sort field and first-field checksum (first 8 hex digits of the stripped SHA-1)."""
    import hashlib
    import json
    import sqlite3
    import zipfile

    nt = Notetype(1, "B", NotetypeKind.BASIC, ["F", "B"], [Template("c", "{{F}}", "{{B}}")],
                  sort_field=1)  # fmt: skip
    cards = [
        Card(1, 10, 0, 5, stability=12.345678, difficulty=5.55555, desired_retention=0.904),
        Card(2, 10, 1, 5, stability=3.0, difficulty=11.0),
        Card(3, 10, 2, 5, stability=1e-7, difficulty=1.0, data={"pos": 4}),
        Card(4, 10, 3, 5, stability=None, difficulty=2.0),
    ]
    note = Note(10, "g", 1, ["<b>도커</b> &amp;", "x<i>y</i>"])
    pkg = AnkiPackage({1: nt}, {5: Deck(5, "D")}, [note], cards, [], {}, 1_700_000_000)
    write_package(pkg, tmp_path / "d.apkg")
    db = sqlite3.connect(":memory:")
    db.deserialize(zipfile.ZipFile(tmp_path / "d.apkg").read("collection.anki21"))
    data = [r[0] for r in db.execute("SELECT data FROM cards ORDER BY id")]
    assert data[0] == '{"s":12.3457,"d":5.556,"dr":0.9}'
    assert json.loads(data[1]) == {"s": 3.0, "d": 11.0}
    assert json.loads(data[2]) == {"pos": 4, "s": 0.0, "d": 1.0}
    assert data[3] == ""
    sfld, csum = db.execute("SELECT sfld, csum FROM notes").fetchone()
    assert sfld == "xy"
    assert csum == int(hashlib.sha1("도커 &".encode()).hexdigest()[:8], 16)
    assert [c.stability for c in read_package(tmp_path / "d.apkg").cards] == [
        12.3457,
        3.0,
        None,
        None,  # 0.0 is not a stability: dropped, re-derived on import
    ]
