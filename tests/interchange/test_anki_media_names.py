"""Media whose names have spaces (or entities) survive Anki → srsapp → Anki (issue 19, item 1).

The package is made by the real Anki library (tests only): ``kanji 日.png`` in an ``<img>``,
``a b.mp3`` in ``[sound:…]``, a single-quoted and an entity-escaped name; once the media
pattern stopped at the first space and these left our exports without a word.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from anki.collection import Collection as AnkiCollection
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

from srsapp.interchange.apkg_read import read_package
from srsapp.service.collection import Collection
from tests.interchange.anki_fixtures import PNG_BYTES, export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NAMES = ["kanji 日.png", "a b.mp3", "single q.png", "x&y z.png"]


def anki_package(tmp_path: Path) -> Path:
    col = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        stored = [col.media.write_data(name, PNG_BYTES + name.encode()) for name in NAMES]
        assert stored == NAMES  # Anki keeps the names as they are
        basic = col.models.by_name("Basic")
        assert basic is not None
        note = col.new_note(basic)
        note.fields[0] = '漢字 <img src="kanji 日.png"> [sound:a b.mp3]'
        note.fields[1] = "<img src='single q.png'><img src=\"x&amp;y z.png\">"
        col.add_note(note, col.decks.id("Media") or 1)
        return export_apkg(col, tmp_path / "anki.apkg", legacy=False)
    finally:
        col.close()


def test_media_names_with_spaces_go_back_out(col: Collection, tmp_path: Path) -> None:
    (tmp_path / "anki").mkdir()
    source = anki_package(tmp_path)
    assert sorted(read_package(source).media) == sorted(NAMES)
    report = col.import_file(source, now=T0)
    assert report.added == 1 and report.media == len(NAMES)
    out = tmp_path / "ours.apkg"
    exported = col.export_file(out)
    assert sorted(read_package(out).media) == sorted(NAMES)
    assert not [w for w in exported.warnings if "media" in w]
    # and the real Anki finds every file its note refers to
    (tmp_path / "back").mkdir()
    back = AnkiCollection(str(tmp_path / "back" / "collection.anki2"))
    try:
        back.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(out), options=ImportAnkiPackageOptions())
        )
        assert list(back.media.check().missing) == []
        assert sorted(p.name for p in Path(back.media.dir()).iterdir()) == sorted(NAMES)
    finally:
        back.close()


def test_a_referenced_file_missing_from_the_media_folder_is_named(
    col: Collection, tmp_path: Path
) -> None:
    (tmp_path / "anki").mkdir()
    col.import_file(anki_package(tmp_path), now=T0)
    (col.media_dir / "kanji 日.png").unlink()
    exported = col.export_file(tmp_path / "ours.apkg")
    assert any("kanji 日.png" in w for w in exported.warnings)
    assert sorted(read_package(tmp_path / "ours.apkg").media) == sorted(
        set(NAMES) - {"kanji 日.png"}
    )
