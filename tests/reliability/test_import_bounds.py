"""Imports that used to run out of memory or end in a traceback (issue 19, items 13 and 14):
each is refused, or bounded with a warning, in one line that names the file, and a refused
file changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.core.errors import ImportFileError
from srsapp.interchange import templates
from srsapp.interchange.anki_model import AnkiPackage, Card, Deck, Note, Notetype, Template
from srsapp.interchange.apkg_write import write_package
from srsapp.interchange.templates import TemplateTooLarge, render_card
from srsapp.service.collection import Collection
from tests.reliability.helpers import dump

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def package(tmp_path: Path, qfmt: str, afmt: str, fronts: list[str]) -> Path:
    nt = Notetype(1, "Bomb", "basic", ["Front", "Back"], [Template("Card 1", qfmt, afmt)])  # type: ignore[arg-type]
    pkg = AnkiPackage(
        notetypes={1: nt},
        decks={5: Deck(5, "D")},
        notes=[Note(10 + i, f"g{i}", 1, [f, "a"]) for i, f in enumerate(fronts)],
        cards=[Card(100 + i, 10 + i, 0, 5) for i in range(len(fronts))],
        media={},
        crt=1_700_000_000,
    )
    out = tmp_path / "bomb.apkg"
    write_package(pkg, out)
    return out


def refused(col: Collection, path: Path, *words: str) -> str:
    before = dump(col)
    with pytest.raises(ImportFileError) as info:
        col.import_file(path, now=T0)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    for word in words:
        assert word in message
    assert dump(col) == before
    return message


# ---------------------------------------------------------------- item 13: expansion bombs


@pytest.mark.parametrize(
    ("qfmt", "afmt"),
    [
        ("{{Front}}" * 20_000, "{{Back}}"),  # the 10.9 KB package of the issue, smaller fields
        ("{{Front}}", "{{FrontSide}}" * 20_000),
        ("{{#Front}}{{Front}}" * 5_000 + "{{/Front}}" * 5_000, "{{Back}}"),  # nested sections
    ],
    ids=["field", "front side", "sections"],
)
def test_template_expansion_bomb_is_refused(
    col: Collection, tmp_path: Path, qfmt: str, afmt: str
) -> None:
    # 10 notes with a 400-character front: 80 MB of card text before the bound
    path = package(tmp_path, qfmt, afmt, ["x" * 400] * 10)
    message = refused(col, path, "'Bomb'", "'Card 1'", "nothing was imported")
    assert "characters" in message or "nested" in message


def test_template_bound_is_checked_as_it_renders() -> None:
    with pytest.raises(TemplateTooLarge):  # would be 100 MB; stops after about 300 KB
        render_card("{{Front}}" * 10_000, "", {"Front": "x" * 10_000})
    fields = {"Front": "x" * 1_000_000, "Back": ""}
    # a big note renders whole, with its field shown more than once
    front, back = render_card("{{Front}}<br>{{Front}}", "{{FrontSide}}<hr>{{Front}}", fields)
    assert len(front) == 2_000_004 and len(back) == len(front) + 4 + 1_000_000


def test_ordinary_templates_stay_far_below_the_bound(col: Collection, tmp_path: Path) -> None:
    qfmt = "<div>{{Front}}</div>{{#Back}}<i>{{hint:Back}}</i>{{/Back}}" + "<b>style</b>" * 500
    path = package(tmp_path, qfmt, "{{FrontSide}}<hr id=answer>{{Back}}{{text:Front}}", ["q"])
    report = col.import_file(path, now=T0)
    assert report.added == 1
    assert templates.EXPANSION_FACTOR >= 8 and templates.MAX_SECTION_DEPTH >= 50
