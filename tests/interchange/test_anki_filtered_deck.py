"""A filtered deck in an Anki package is dissolved, and the import summary says so (issue 19,
item 5); the package is made by the real Anki library."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from srsapp.service.collection import Collection
from tests.interchange.anki_fixtures import build_collection, export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_a_filtered_deck_is_named_in_the_import_warnings(col: Collection, tmp_path: Path) -> None:
    (tmp_path / "anki").mkdir()
    built = build_collection(tmp_path / "anki" / "collection.anki2")
    anki = built.col
    try:
        did = anki.decks.new_filtered("Cram")
        deck = anki.decks.get(did)
        assert deck is not None
        deck["terms"][0][0] = "deck:A*"
        anki.decks.save(deck)
        anki.sched.rebuild_filtered_deck(did)
        moved = anki.db.scalar("SELECT count() FROM cards WHERE odid != 0")
        assert moved > 0
        package = export_apkg(anki, tmp_path / "filtered.apkg", legacy=False)
    finally:
        anki.close()
    report = col.import_file(package, now=T0)
    assert report.added == 6
    assert f"filtered deck 'Cram': its {moved} card(s) went back to their home decks" in " ".join(
        report.warnings
    )
    assert "Cram" not in [name for _id, name in col.decks()]
