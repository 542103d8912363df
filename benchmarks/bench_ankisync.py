"""A daily sync with an Anki sync server at scale: ``python -m benchmarks.bench_ankisync
[--cards 50000] [--repeat 5]``.

Builds a seeded synthetic collection (``benchmarks.synth``), full-uploads it to a real Anki
sync server (``python -m anki.syncserver`` from the ``anki`` wheel, in a temporary folder),
then, each round, answers 10 cards and times:

- **our changes as Anki rows**: what a normal sync sends, prepared (``normal._outgoing``:
  the changed cards, their notes and their new review-log rows, as the server knows them);
- **normal sync, 10 answers here**: the whole ``sync()`` (kept login, meta, the exchange,
  the server's side recorded), media left out.

Prints numbers (median and p95 of the rounds); nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from benchmarks.report import median, p95
from benchmarks.synth import NOW, build_collection
from srsapp.core.model import Rating
from srsapp.service.ankisync import normal
from srsapp.service.ankisync.sync import sync
from srsapp.service.collection import Collection

USER, PASSWORD = "bench", "bench"


def _server(base: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {**os.environ, "SYNC_USER1": f"{USER}:{PASSWORD}", "SYNC_BASE": str(base),
           "SYNC_HOST": "127.0.0.1", "SYNC_PORT": str(port), "RUST_LOG": "anki=warn"}  # fmt: skip
    process = subprocess.Popen([sys.executable, "-m", "anki.syncserver"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("the sync server did not start")


def _due_cards(col: Collection, n: int, skip: set[int]) -> list[int]:
    conn = sqlite3.connect(col.db.path)
    try:
        ids = [i for (i,) in conn.execute(
            "SELECT id FROM cards WHERE state = 2 AND retired = 0 AND suspended = 0 "
            "ORDER BY due, id LIMIT ?", (n + len(skip),))]  # fmt: skip
    finally:
        conn.close()
    return [i for i in ids if i not in skip][:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-ankisync-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        info = build_collection(work / "data", args.cards)
        print(f"built {info.cards:,} cards, {info.reviews:,} reviews in "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)  # fmt: skip
        (work / "server").mkdir()
        process, url = _server(work / "server")
        col = Collection.open(info.path, seed=False, rng=random.Random(1))
        try:
            t0 = time.perf_counter()
            first = sync(col, NOW, server=url, user=USER, password=lambda: PASSWORD, media=False)
            print(f"full upload ({first.direction}): {time.perf_counter() - t0:.1f} s, "
                  f"{first.uploaded.get('bytes', 0):,} bytes", file=sys.stderr)  # fmt: skip
            state = normal._state(col)
            assert state is not None
            prepare: list[float] = []
            whole: list[float] = []
            done: set[int] = set()
            t = NOW
            for _ in range(args.repeat):
                for card_id in _due_cards(col, 10, done):
                    t += timedelta(seconds=20)
                    col.answer(card_id, Rating.GOOD, t, duration_ms=1500)
                    done.add(card_id)
                state = normal._state(col)
                assert state is not None
                t0 = time.perf_counter()
                out = normal._outgoing(col, state, t, int(state["usn"]), None)
                prepare.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                r = sync(col, t, media=False)
                whole.append(time.perf_counter() - t0)
                assert r.direction == "incremental", r.direction
                assert r.uploaded["reviews"] == 10 == len(out.revlog), (r.uploaded, len(out.revlog))
        finally:
            col.close(backup=False)
            process.terminate()
            process.wait(10)
    for label, values in (("our changes as Anki rows (10 answers)", prepare),
                          ("normal sync, 10 answers here (whole)", whole)):  # fmt: skip
        print(f"{label:<40} {info.cards:>8,} cards  median {median(values) * 1000:8.0f} ms  "
              f"p95 {p95(values) * 1000:8.0f} ms  ({len(values)} rounds)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
