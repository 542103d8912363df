"""The package writer's review log: inserted many rows per statement, every row kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Queue,
    RevlogEntry,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package

CRT = 1_700_000_000


def _pkg(n_reviews: int) -> AnkiPackage:
    nt = Notetype(1, "Basic", NotetypeKind.BASIC, ["Front", "Back"],
                  [Template("Card 1", "{{Front}}", "{{Back}}")])  # fmt: skip
    notes = [Note(100 + i, f"g{i}", 1, [f"front {i}", f"back {i}"], [], CRT) for i in range(3)]
    cards = [
        Card(100 + i, 100 + i, 0, 10, CardType.REVIEW, Queue.REVIEW, 5, 3, 2500, 1)
        for i in range(3)
    ]
    revlog = [
        RevlogEntry((CRT + k * 600) * 1000, 100 + k % 3, 1 + k % 4, k % 9 - 4, k % 7, 2500,
                    1000 + k, k % 6)
        for k in range(n_reviews)
    ]  # fmt: skip
    return AnkiPackage({1: nt}, {10: Deck(10, "Deck")}, notes, cards, revlog, {}, CRT)


# fewer rows than one statement holds, exactly two statements, two and a remainder
@pytest.mark.parametrize("n_reviews", [0, 7, 200, 253])
def test_every_review_row_is_written(tmp_path: Path, n_reviews: int) -> None:
    pkg = _pkg(n_reviews)
    write_package(pkg, tmp_path / "out.apkg")
    back = read_package(tmp_path / "out.apkg")
    assert sorted(back.revlog, key=lambda r: r.id) == sorted(pkg.revlog, key=lambda r: r.id)
