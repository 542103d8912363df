"""One writer: a second open is refused, a killed holder's lock is recovered, CLI writers lock."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from srsapp.cli import main
from srsapp.core.errors import CollectionError
from srsapp.service.collection import Collection

ROOT = Path(__file__).resolve().parents[2]
HOLD = (
    "import sys, time\n"
    "from srsapp.service.collection import Collection\n"
    "col = Collection.open(sys.argv[1], seed=False)\n"
    "print('open', flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_of_a_killed_process_is_recovered(tmp_path: Path) -> None:
    data = tmp_path / "data"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        with pytest.raises(CollectionError, match=rf"already open .*pid {child.pid}"):
            Collection.open(data, seed=False)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert (data / "collection.lock").exists()  # the file stays; the OS lock is gone
    col = Collection.open(data, seed=False, rng=random.Random(1))
    assert col.card_count() == 0
    col.close(backup=False)


@pytest.mark.parametrize(
    "argv",
    [["check"], ["check", "--repair"], ["backup"], ["decks"]],
)
def test_cli_commands_refuse_a_collection_open_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    data = tmp_path / "data"
    col = Collection.open(data, seed=False)
    try:
        assert main(["--data-dir", str(data), *argv]) == 2
        err = capsys.readouterr().err
        assert "already open in another srsapp" in err and err.count("\n") == 1
    finally:
        col.close(backup=False)
    assert not (data / "backups").exists()  # nothing was written behind the holder's back


def test_cli_restore_refuses_a_collection_open_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    col = Collection.open(data, seed=False)
    try:
        from datetime import UTC, datetime

        from srsapp.service.maintenance.backup import backup_now

        backup = backup_now(col, "manual", datetime(2026, 3, 2, tzinfo=UTC))
        before = (data / "collection.sqlite").read_bytes()
        assert main(["--data-dir", str(data), "restore", str(backup)]) == 2
        assert "already open in another srsapp" in capsys.readouterr().err
        assert (data / "collection.sqlite").read_bytes() == before
    finally:
        col.close(backup=False)
