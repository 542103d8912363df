from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "UTC")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE_REVLOG = DATA / "review-logs-sample.csv"  # py-fsrs test data, MIT (tests/data/README.md)
DOCKER_NOTES = ROOT / "decks" / "docker-notes.md"


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
