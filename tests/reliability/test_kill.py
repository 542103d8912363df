"""Durability: SIGKILL the answer loop at random moments; nothing it reported is lost.

After every kill the collection passes SQLite's integrity check, holds at least every answer
the child reported done, and every card agrees with its review log (``service.check``). The
next open also proves the lock of a killed process is recovered.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from tests.reliability.answer_loop import START
from tests.reliability.helpers import load_deck

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
pytestmark = [
    pytest.mark.slow,
    pytest.mark.durable,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def _spawn(data: Path, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.answer_loop", str(data), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_killed_answer_loop_loses_nothing_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    col = Collection.open(data, seed=False, rng=random.Random(0))
    col.set_settings(timezone="UTC", day_start_hour=4)
    load_deck(col, 300, START)
    deck_id = col.decks()[0][0]
    col.set_deck_config(deck_id, new_per_day=100000, reviews_per_day=100000)
    col.close(backup=False)

    rng = random.Random(20260302)
    reported_total = 0
    mid_answer_kills = 0
    for round_no in range(KILLS):
        child = _spawn(data, seed=round_no)
        assert child.stdout is not None
        first = child.stdout.readline().split()
        assert first[:1] == ["ready"], child.stderr.read() if child.stderr else first
        assert int(first[1]) >= reported_total
        time.sleep(rng.uniform(0.0, 0.25))  # a random moment, mostly mid-transaction
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        # a line the kill cut short (no newline yet) reported nothing
        lines = [ln.split() for ln in out.splitlines(keepends=True) if ln.endswith("\n")]
        done = [int(words[1]) for words in lines if len(words) == 2 and words[0] == "done"]
        last_reported = done[-1] if done else int(first[1])
        if done:
            reported_total = max(reported_total, last_reported)

        # the lock of the killed process is free again; the database is whole
        col = Collection.open(data, seed=False)
        try:
            assert col.db.integrity_check() == []
            logged = col.revlog_count()
            assert logged >= last_reported, f"round {round_no}: lost answers"
            assert logged <= last_reported + 1  # at most the one in flight
            mid_answer_kills += logged == last_reported + 1
            report = check(col)
            assert report.problems == [], (round_no, report.problems[:3])
            assert report.reviews == logged
        finally:
            col.close(backup=False)
    assert reported_total > KILLS  # the children really answered between kills
    # informative: how often the kill landed after a commit but before "done" was printed
    print(f"answers: {reported_total}, kills after commit before report: {mid_answer_kills}")
