"""Anki's "Notes in Plain Text" export (issue 19, item 7): one row per note with its own fields,
note type, deck and tags, headed as Anki 2.1.55+ writes it; the real Anki library (tests only)
imports it back with every field intact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from anki.import_export_pb2 import ImportCsvRequest

from srsapp.cli import main
from srsapp.core.errors import CollectionError
from srsapp.interchange.csv_text import read_text
from srsapp.service.collection import Collection
from srsapp.service.transfer import NOTES_EXPORT_NOTE
from tests.interchange.anki_fixtures import build_collection, export_apkg
from tests.reliability.helpers import load_deck

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
Notes = dict[str, tuple[list[str], list[str], str, str]]  # guid -> fields, tags, type, deck


def anki_notes(col: AnkiCollection) -> Notes:
    out: Notes = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        out[note.guid] = (list(note.fields), sorted(note.tags),
                          note.note_type()["name"],  # type: ignore[index]
                          col.decks.name(note.cards()[0].did))  # fmt: skip
    return out


@pytest.fixture
def imported(col: Collection, tmp_path: Path) -> Notes:
    """The Anki collection's notes; ``col`` holds them, imported from its .apkg."""
    built = build_collection(tmp_path / "src.anki2", reviews=2)
    try:
        expected = anki_notes(built.col)
        package = export_apkg(built.col, tmp_path / "src.apkg", legacy=False)
    finally:
        built.col.close()
    col.import_file(package, now=T0)
    return expected


def test_notes_export_goes_back_into_anki_intact(col: Collection, tmp_path: Path,
                                                 imported: Notes) -> None:  # fmt: skip
    out = tmp_path / "notes.txt"
    report = col.export_file(out, notes=True, now=T0)
    assert report.notes == len(imported) == 4 and report.cards == 6  # siblings: one row
    assert NOTES_EXPORT_NOTE in report.warnings
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["#separator:tab", "#html:true", "#guid column:1", "#notetype column:2",
                         "#deck column:3", "#tags column:6"]  # fmt: skip
    rows = read_text(out).notes
    assert {n.guid: (n.fields[: len(imported[n.guid][0])], sorted(n.tags), n.notetype, n.deck)
            for n in rows if n.guid} == imported  # fmt: skip
    (tmp_path / "back").mkdir()
    back = AnkiCollection(str(tmp_path / "back" / "collection.anki2"))
    try:
        meta = back.get_csv_metadata(str(out), None)
        back.import_csv(ImportCsvRequest(path=str(out), metadata=meta))
        assert anki_notes(back) == imported  # fields, tags, note types and decks intact
        assert back.card_count() == 6  # Anki makes the siblings again
    finally:
        back.close()


def test_our_own_cards_are_notes_too(col: Collection, tmp_path: Path) -> None:
    load_deck(col, 3, T0)
    out = tmp_path / "ours.csv"
    report = col.export_file(out, notes=True, now=T0)
    rows = read_text(out).notes
    assert report.notes == len(rows) == 3
    assert all(r.notetype and r.deck and r.guid and r.fields[0] for r in rows)
    assert out.read_text(encoding="utf-8").startswith("#separator:comma\n#html:true\n")


def test_notes_rows_need_a_text_file(col: Collection, tmp_path: Path) -> None:
    with pytest.raises(CollectionError, match="one row per note is a text export"):
        col.export_file(tmp_path / "x.apkg", notes=True)


def test_the_cli_says_what_a_card_row_loses_and_offers_notes(
    col: Collection, tmp_path: Path, imported: Notes, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert (
        "one Basic row per card" in shown and "--notes" in shown and "Notes in Plain Text" in shown
    )
    col.close(backup=False)
    out = tmp_path / "cli.tsv"
    data = str(col.data_dir)
    assert main(["--data-dir", data, "export", str(out), "--notes"]) == 0
    assert "4 notes, 6 cards" in capsys.readouterr().out
    assert len(read_text(out).notes) == 4


def test_a_row_that_opens_with_a_hash_is_read_as_a_note(tmp_path: Path) -> None:
    """An Anki GUID may start with "#" (base91): written bare, Anki read the row as a comment
    and dropped the note, and our reader took a first such row with a colon for a header."""
    from srsapp.interchange.csv_text import TextNote, write_text

    notes = [
        TextNote(["{{c1::docker run}} = create + start", ""], ["t"], "A::B", "Cloze", "#tl}HDfgT"),
        TextNote(["front", "back"], [], "A", "Basic", "abc"),
    ]
    out = tmp_path / "notes.txt"
    write_text(out, notes, with_guid=True, with_notetype=True, with_deck=True)
    assert [(n.guid, n.fields[0], n.deck) for n in read_text(out).notes] == [
        ("#tl}HDfgT", "{{c1::docker run}} = create + start", "A::B"),
        ("abc", "front", "A"),
    ]
    back = AnkiCollection(str(tmp_path / "collection.anki2"))
    try:
        meta = back.get_csv_metadata(str(out), None)
        back.import_csv(ImportCsvRequest(path=str(out), metadata=meta))
        assert sorted(anki_notes(back)) == ["#tl}HDfgT", "abc"]
    finally:
        back.close()
