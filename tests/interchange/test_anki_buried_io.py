"""Anki → srsapp → Anki (issue 19, item 5): cards Anki had buried stay buried for the rest of
the day here and go back buried (they came back unburied), and the Image Occlusion note type
keeps the marker Anki recognises it by (``originalStockKind`` 6). Packages made by the real
Anki library."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

from srsapp.interchange.apkg_read import read_package
from srsapp.service.collection import Collection
from tests.interchange.anki_fixtures import PNG_BYTES, build_collection, export_apkg

IO_STOCK_KIND = 6


def _into_anki(package: Path, path: Path) -> AnkiCollection:
    col = AnkiCollection(str(path))
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)))  # fmt: skip
    return col


@pytest.mark.parametrize("legacy", [False, True])
def test_buried_cards_stay_buried(col: Collection, tmp_path: Path, legacy: bool) -> None:
    (tmp_path / "anki").mkdir()
    built = build_collection(tmp_path / "anki" / "collection.anki2", reviews=2)
    anki = built.col
    try:
        reviewed = built.reviewed_card_ids
        new = [c for c in anki.find_cards("is:new") if c not in reviewed]
        anki.sched.bury_cards([reviewed[0], new[0]], manual=True)  # by hand
        anki.sched.bury_cards([new[1]], manual=False)  # as a sibling
        buried = {reviewed[0], new[0], new[1]}
        package = export_apkg(anki, tmp_path / "a.apkg", legacy=legacy)
    finally:
        anki.close()
    source = read_package(package)
    key = {c.id: f"anki:{n.guid}:{c.ord}" for n in source.notes for c in source.cards
           if c.note_id == n.id}  # fmt: skip
    assert {c.id for c in source.cards if c.queue in (-2, -3)} == buried
    now = datetime.now(UTC)  # the real Anki's day: its buried cards come back tomorrow
    col.import_file(package, now=now)
    with col.db.engine.connect() as conn:
        until = dict(conn.exec_driver_sql("SELECT key, buried_until FROM cards").all())
    tomorrow = col.day_bounds(now)[1].timestamp()
    assert {k for k, v in until.items() if v} == {key[c] for c in buried}
    assert all(until[key[c]] == tomorrow for c in buried)
    studied = set()
    while (card := col.next_card(now)) is not None and len(studied) < 20:
        studied.add(card.id)
        # out of the way, to see every card the queue offers
        col.sched.actions.set_suspended(card.id, now=now)
    with col.db.engine.connect() as conn:
        offered = {k for (k,) in conn.exec_driver_sql("SELECT key FROM cards WHERE suspended")}
    assert offered and not offered & {key[c] for c in buried}
    for card_id in studied:
        col.sched.actions.set_suspended(card_id, False, now=now)
    # back to Anki the same day: still buried there (by hand)
    col.export_file(tmp_path / "back.apkg", now=now)
    again = _into_anki(tmp_path / "back.apkg", tmp_path / "again.anki2")
    try:
        queues = {again.get_note(again.get_card(c).nid).guid: again.get_card(c).queue
                  for c in again.find_cards("")}  # fmt: skip
    finally:
        again.close()
    guid = {c.id: n.guid for n in source.notes for c in source.cards if c.note_id == n.id}
    assert {g for g, q in queues.items() if q == -3} == {guid[c] for c in buried}
    # the next day nothing is buried any more
    later = tomorrow + 60
    col.export_file(tmp_path / "later.apkg", now=datetime.fromtimestamp(later, UTC))
    assert not [c for c in read_package(tmp_path / "later.apkg").cards if c.queue in (-2, -3)]
    assert col.next_card(datetime.fromtimestamp(later, UTC) + timedelta(hours=1)) is not None


@pytest.mark.parametrize("legacy", [False, True])
def test_image_occlusion_note_type_keeps_its_marker(
    col: Collection, tmp_path: Path, legacy: bool
) -> None:
    anki = AnkiCollection(str(tmp_path / "src.anki2"))
    try:
        model = anki.models.by_name("Image Occlusion")
        assert model is not None and model["originalStockKind"] == IO_STOCK_KIND
        image = anki.media.write_data("io.png", PNG_BYTES)
        note = anki.new_note(model)
        note["Occlusion"] = "{{c1::image-occlusion:rect:left=.1:top=.1:width=.3:height=.2}}"
        note["Image"] = f'<img src="{image}">'
        anki.add_note(note, anki.decks.id("IO"))
        package = export_apkg(anki, tmp_path / "io.apkg", legacy=legacy)
    finally:
        anki.close()
    report = col.import_file(package)
    assert report.added == 1
    col.export_file(tmp_path / "back.apkg")
    [nt] = [n for n in read_package(tmp_path / "back.apkg").notetypes.values()
            if n.name == "Image Occlusion"]  # fmt: skip
    assert nt.original_stock_kind == IO_STOCK_KIND
    again = _into_anki(tmp_path / "back.apkg", tmp_path / "again.anki2")
    try:
        [nid] = again.find_notes("")
        model = again.get_note(nid).note_type()
        assert model is not None and model.get("originalStockKind") == IO_STOCK_KIND
    finally:
        again.close()
