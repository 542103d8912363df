"""A real Anki sync server (``python -m anki.syncserver`` from the ``anki`` wheel, tests
only) in a temporary folder on a free port, and Anki's own client beside it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "learner", "s3cret pass"


@dataclass
class SyncServer:
    url: str
    base: Path
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the sync server exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "health", timeout=1) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"the sync server did not start: {log.read_text(errors='replace')}")


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[SyncServer]:
    base = tmp_path / "server"
    base.mkdir()
    port = free_port()
    env = {
        **os.environ,
        "SYNC_USER1": f"{USER}:{PASSWORD}",
        "SYNC_BASE": str(base),
        "SYNC_HOST": "127.0.0.1",
        "SYNC_PORT": str(port),
        "RUST_LOG": "anki=warn",
    }
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "anki.syncserver"], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_healthy(url, process, log)
        yield SyncServer(url, base, process, log)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the machine's keyring from tests: the key goes to the data folder."""
    monkeypatch.setenv("SRSAPP_NO_KEYRING", "1")
