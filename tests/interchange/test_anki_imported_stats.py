"""Review history imported from Anki shows in the statistics (issue 19, item 2): the package
is made by the real Anki library; collections made before are brought up to date at open."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.cli import main
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from srsapp.store.models import REVLOG_HOURS_TRIGGERS
from tests.interchange.anki_fixtures import build_collection, export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def anki_package(tmp_path: Path, reviews: int) -> Path:
    (tmp_path / "anki").mkdir()
    built = build_collection(tmp_path / "anki" / "collection.anki2", reviews=reviews)
    try:
        assert len(built.reviewed_card_ids) == reviews
        return export_apkg(built.col, tmp_path / "reviewed.apkg", legacy=False)
    finally:
        built.col.close()


def test_imported_reviews_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = anki_package(tmp_path, reviews=3)
    data = tmp_path / "data"
    col = Collection.open(data, seed=False)
    try:
        col.set_settings(timezone="UTC")
        report = col.import_file(package, now=T0)
        assert report.revlog == 3
        with col.db.engine.connect() as conn:
            counted = conn.exec_driver_sql("SELECT sum(learning_3) FROM revlog_hours").scalar()
        assert counted == 3  # three Good answers while learning
        assert check(col).problems == []
    finally:
        col.close(backup=False)
    # what the learner sees: `stats --json` (it showed no reviews at all)
    assert main(["--data-dir", str(data), "stats", "--json"]) == 0
    reviews = json.loads(capsys.readouterr().out)["reviews"]
    assert sum(day["count"] for day in reviews) == 3


def test_a_collection_with_the_old_triggers_is_brought_up_to_date(tmp_path: Path) -> None:
    package = anki_package(tmp_path, reviews=2)
    data = tmp_path / "data"
    col = Collection.open(data, seed=False)
    try:
        col.import_file(package, now=T0)
        with col.db.engine.begin() as conn:  # as an earlier srsapp left it: not counted
            conn.exec_driver_sql("DELETE FROM revlog_hours")
            for name, ddl in REVLOG_HOURS_TRIGGERS.items():
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
                conn.exec_driver_sql(ddl.replace("IN ('review', 'imported')", "= 'review'"))
    finally:
        col.close(backup=False)
    col = Collection.open(data, seed=False)  # the open recreates them and recounts
    try:
        with col.db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT sum(learning_3) FROM revlog_hours").scalar() == 2
        assert check(col).problems == []
    finally:
        col.close(backup=False)
