"""Settings out of range are flagged and repaired by check; a JSON backup restores from the
command line (issue 19, item 10)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.cli import main
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from tests.reliability.helpers import load_deck, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_settings_out_of_range_are_flagged_and_reset(col: Collection) -> None:
    load_deck(col, 4, T0)
    deck_id = col.decks()[0][0]
    # well-typed, as a JSON or .sqlite backup can carry them, but unusable
    col.set_settings(day_start_hour=99, theme="neon", learning_steps_min=[-5], timezone="Mars/Base")
    col.set_deck_config(deck_id, desired_retention=1.5, new_per_day=-3)
    report = check(col)
    messages = sorted(p.message for p in report.problems if p.kind == "setting")
    assert messages == [
        "deck 'Deck': desired_retention is 1.5, expected 0.5-0.999",
        "deck 'Deck': new_per_day is -3, expected 0 or more",
        "setting day_start_hour is 99, expected an hour 0-23",
        "setting learning_steps_min is [-5], expected a list of steps, 1 minute to a year",
        "setting theme is 'neon', expected 'system', 'light' or 'dark'",
        "setting timezone is 'Mars/Base', expected a time zone such as Asia/Seoul",
    ]
    repaired = check(col, repair=True, now=T0)
    assert repaired.ok, repaired.remaining
    assert len([r for r in repaired.repairs if r.startswith("reset ")]) == 6
    assert col.settings()["day_start_hour"] == 4 and col.deck_config(deck_id)["new_per_day"] == 20
    assert check(col).problems == []
    study(col, T0, 3)  # and the collection is usable again


def test_a_json_backup_restores_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Collection.open(tmp_path / "source", seed=False, rng=random.Random(2))
    source.set_settings(timezone="UTC")
    load_deck(source, 6, T0)
    study(source, T0, 5)
    backup = tmp_path / "backup.json"
    source.export_file(backup)
    source.close(backup=False)
    # into a new data folder: not seeded with the Docker deck first, so the import goes in
    assert main(["--data-dir", str(tmp_path / "new"), "import", str(backup), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 6
    # over an existing collection: restore keeps the current one as a backup
    assert main(["--data-dir", str(tmp_path / "old"), "backup"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "old"), "restore", str(backup), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["restored"] == str(backup) and out["cards"] == 6 and out["previous_backup"]
    col = Collection.open(tmp_path / "old", seed=False)
    try:
        assert col.card_count() == 6 and col.revlog_count() == 5
    finally:
        col.close(backup=False)
