"""SM-2 ease factors survive Anki → srsapp → Anki (issue 19, item 3, part): they once came back
as 250 % whatever they were. The package is made by the real Anki library."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from srsapp.interchange.anki_model import CardType
from srsapp.interchange.apkg_read import read_package
from srsapp.service.collection import Collection
from tests.interchange.anki_fixtures import build_collection, export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_ease_factors_go_back_as_they_came(col: Collection, tmp_path: Path) -> None:
    (tmp_path / "anki").mkdir()
    built = build_collection(tmp_path / "anki" / "collection.anki2", reviews=0)
    anki = built.col
    try:
        cids = list(anki.find_cards(""))[:3]
        anki.sched.set_due_date(cids, "5")  # review cards, due in 5 days
        eases = {}
        for cid, factor in zip(cids, (2300, 2350, 2650), strict=True):
            card = anki.get_card(cid)
            card.factor = factor
            anki.update_card(card)
            eases[card.nid, card.ord] = factor
        package = export_apkg(anki, tmp_path / "eases.apkg", legacy=False)
    finally:
        anki.close()
    source = read_package(package)
    guid_of = {n.id: n.guid for n in source.notes}
    want = {(guid_of[nid], ord_): f for (nid, ord_), f in eases.items()}
    col.import_file(package, now=T0)
    out = tmp_path / "back.apkg"
    col.export_file(out, now=T0)
    back = read_package(out)
    guid_back = {n.id: n.guid for n in back.notes}
    got = {(guid_back[c.note_id], c.ord): c.factor for c in back.cards if c.type == CardType.REVIEW}
    assert got == want
