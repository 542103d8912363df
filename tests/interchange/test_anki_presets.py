"""Deck option presets both ways (issue 19, item 4): an Anki preset ("High retention": 0.95,
50 new a day) arrives as the options of the deck it makes here (it arrived as defaults), a
deck that was here keeps its own (and the summary says so); our per-deck options leave as an
Anki preset (they left as Anki's Default). Packages made and read by the real Anki library."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

from srsapp.service.collection import Collection
from tests.interchange.anki_fixtures import export_apkg

HIGH = {"new_per_day": 50, "reviews_per_day": 300, "desired_retention": 0.95}


def _anki_with_preset(path: Path) -> AnkiCollection:
    anki = AnkiCollection(str(path))
    anki.set_config("fsrs", True)
    conf_id = anki.decks.add_config_returning_id("High retention")
    conf = anki.decks.get_config(conf_id)
    assert conf is not None
    conf["new"]["perDay"], conf["rev"]["perDay"] = 50, 300
    conf["desiredRetention"] = 0.95
    anki.decks.update_config(conf)
    for name in ("Lang", "Lang::Words", "Lang::Grammar"):
        deck = anki.decks.get(anki.decks.id(name))
        assert deck is not None
        deck["conf"] = conf_id
        anki.decks.save(deck)
    plain = anki.decks.id("Other")  # on the Default preset
    model = anki.models.by_name("Basic")
    for i, (deck_name, did) in enumerate([("Lang::Words", None), ("Lang::Grammar", None),
                                          ("Other", plain)]):  # fmt: skip
        note = anki.new_note(model)
        note["Front"], note["Back"] = f"q{i}", f"a{i}"
        anki.add_note(note, did or anki.decks.id(deck_name))
    return anki


def _deck_options(col: Collection) -> dict[str, dict[str, object]]:
    return {name: col.deck_config(did) for did, name in col.decks()}


@pytest.mark.parametrize("legacy", [False, True])
def test_an_anki_preset_becomes_the_options_of_the_deck_it_makes(
    col: Collection, tmp_path: Path, legacy: bool
) -> None:
    anki = _anki_with_preset(tmp_path / "a.anki2")
    try:
        package = export_apkg(anki, tmp_path / "a.apkg", legacy=legacy)
    finally:
        anki.close()
    report = col.import_file(package)
    options = _deck_options(col)
    assert options["Lang"] == HIGH
    assert options["Other"] == {"new_per_day": 20, "reviews_per_day": 200,
                                "desired_retention": 0.9}  # fmt: skip
    lang = dict((name, did) for did, name in col.decks())["Lang"]
    assert col.scheduler(lang).config.desired_retention == 0.95
    assert any("'High retention'" in w and "0.95" in w for w in report.warnings)


def test_a_deck_that_was_here_keeps_its_options(col: Collection, tmp_path: Path) -> None:
    lang = col.ensure_deck("Lang")
    col.set_deck_config(lang, new_per_day=5)
    anki = _anki_with_preset(tmp_path / "a.anki2")
    try:
        package = export_apkg(anki, tmp_path / "a.apkg", legacy=False)
    finally:
        anki.close()
    report = col.import_file(package)
    assert col.deck_config(lang)["new_per_day"] == 5
    assert any("keeps its own options" in w and "'High retention'" in w for w in report.warnings)


def _into_anki(package: Path, path: Path) -> AnkiCollection:
    anki = AnkiCollection(str(path))
    anki.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(package),
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)))  # fmt: skip
    return anki


def test_our_deck_options_leave_as_an_anki_preset(col: Collection, tmp_path: Path) -> None:
    anki = _anki_with_preset(tmp_path / "a.anki2")
    try:
        package = export_apkg(anki, tmp_path / "a.apkg", legacy=False)
    finally:
        anki.close()
    col.import_file(package)
    other = dict((name, did) for did, name in col.decks())["Other"]
    col.set_deck_config(other, new_per_day=7, reviews_per_day=99, desired_retention=0.85)
    col.export_file(tmp_path / "back.apkg")
    again = _into_anki(tmp_path / "back.apkg", tmp_path / "again.anki2")
    try:
        got = {}
        for name in ("Lang", "Lang::Words", "Lang::Grammar", "Other"):
            deck_id = again.decks.id_for_name(name)
            assert deck_id is not None, name
            conf = again.decks.config_dict_for_deck_id(deck_id)
            got[name] = (conf["new"]["perDay"], conf["rev"]["perDay"],
                         round(conf["desiredRetention"], 4))  # fmt: skip
    finally:
        again.close()
    assert got == {"Lang": (50, 300, 0.95), "Lang::Words": (50, 300, 0.95),
                   "Lang::Grammar": (50, 300, 0.95), "Other": (7, 99, 0.85)}  # fmt: skip
