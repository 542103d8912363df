from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "UTC")
# Bytecode is cached (__pycache__/, ignored by git) even where PYTHONDONTWRITEBYTECODE is set:
# without it every run compiles srsapp and rewrites every test module's asserts again (the
# collection takes 6.7 s of CPU instead of 2.5 s), and so does every `python -m srsapp` a test
# starts. Set here, before any test module or srsapp module is imported.
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE_REVLOG = DATA / "review-logs-sample.csv"  # py-fsrs test data, MIT (tests/data/README.md)
DOCKER_NOTES = ROOT / "decks" / "docker-notes.md"


@pytest.fixture(autouse=True)
def _test_mode_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every collection a test opens in this process, through the app's own ``Collection.open``
    (the CLI, the windows) as well as ``tests.builders.open_collection``, is on the test-mode
    database: ``synchronous=OFF`` and backups not fsynced. A killed process still loses
    nothing (the OS holds the pages), only a power cut could, and no test cuts the power (the
    fast tier made 6,700 fsyncs, 16 s of its wall time here; 3,850 now: Anki's own,
    Qt's and those of raw sqlite3 files). Tests marked ``durable`` (what reaches the disk is
    what they test) and the processes tests start open collections for real."""
    if request.node.get_closest_marker("durable"):
        return
    from srsapp.store import db

    make_engine = db.make_engine

    def test_mode_engine(path: Path, *, durable: bool = True) -> object:
        return make_engine(path, durable=False)

    monkeypatch.setattr(db, "make_engine", test_mode_engine)
    monkeypatch.setattr(db, "_fsync", lambda path: None)


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def col(tmp_path: Path, templates: object) -> Iterator[object]:
    """An empty collection (no bundled deck) with a seeded RNG and UTC days starting at 4:
    a copy of the ``empty`` template (``tests.builders.build_empty``), made once a session."""
    from tests.builders import build_empty, open_collection

    path = templates.copy("empty", build_empty, tmp_path / "data")  # type: ignore[attr-defined]
    c = open_collection(path, seed=False, rng=random.Random(7))
    yield c
    c.close(backup=False)


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Collections built once per session, copied per test (``tests.builders.Templates``)."""
    from tests.builders import Templates

    return Templates(tmp_path_factory.mktemp("templates"))
