"""A CSV/TSV export says what it leaves out (issue 19, item 7, part)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.cli import main
from srsapp.service.collection import Collection
from srsapp.service.transfer import TEXT_EXPORT_NOTE
from tests.reliability.helpers import load_deck

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("name", ["out.csv", "out.tsv"])
def test_a_text_export_says_what_it_does_not_keep(
    col: Collection, tmp_path: Path, name: str
) -> None:
    load_deck(col, 3, T0)
    report = col.export_file(tmp_path / name)
    assert report.cards == 3 and report.warnings == (TEXT_EXPORT_NOTE,)
    assert "one Basic row per card" in TEXT_EXPORT_NOTE and ".apkg keeps them" in TEXT_EXPORT_NOTE


def test_the_cli_prints_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    col = Collection.open(tmp_path / "data", seed=False)
    load_deck(col, 2, T0)
    col.close(backup=False)
    assert main(["--data-dir", str(tmp_path / "data"), "export", str(tmp_path / "x.csv")]) == 0
    assert "one Basic row per card" in capsys.readouterr().err
