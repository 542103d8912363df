"""core.forked.fork_tasks: tasks shared with forked children, every result back in order, a
child that fails or hangs costs its tasks (None: the caller does them) and no child outlives
the call."""

from __future__ import annotations

import os
import pathlib
import signal
import time

import pytest

from srsapp.core import forked
from srsapp.core.forked import fork_tasks

from .notes_util import child_processes

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="forks on Linux only")


def test_every_result_in_order_from_several_processes() -> None:
    before = child_processes()

    def work(n: int) -> tuple[int, int]:
        time.sleep(0.05)  # long enough that the child takes some tasks
        return n * n, os.getpid()

    results = fork_tasks(work, list(range(8)), 2)
    assert [r[0] for r in results if r is not None] == [n * n for n in range(8)]
    assert len({r[1] for r in results if r is not None}) == 2
    assert child_processes() == before


def test_where_children_are_reaped_by_the_system_their_results_come_back() -> None:
    # (a process that ignores SIGCHLD, as some toolkits set it: waitpid finds no child)
    was = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:

        def work(n: int) -> tuple[int, int]:
            time.sleep(0.05)
            return n, os.getpid()

        results = fork_tasks(work, list(range(8)), 2)
    finally:
        signal.signal(signal.SIGCHLD, was)
    assert [r[0] for r in results if r is not None] == list(range(8))
    assert len({r[1] for r in results if r is not None}) == 2


def test_a_child_that_dies_loses_only_its_tasks() -> None:
    before = child_processes()
    parent = os.getpid()

    def work(n: int) -> int:
        time.sleep(0.05)
        if os.getpid() != parent:
            os._exit(3)
        return n

    results = fork_tasks(work, list(range(6)), 2)
    assert any(r is None for r in results)  # the child's first task
    assert all(r == n for n, r in enumerate(results) if r is not None)
    assert child_processes() == before


def test_a_child_that_hangs_is_stopped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.setattr(forked, "_GRACE_SECONDS", 0.5)
    before = child_processes()
    parent = os.getpid()
    hung = tmp_path / "hung"

    def work(n: int) -> int:
        if os.getpid() != parent:
            hung.touch()
            time.sleep(60)
        # (the parent waits until the child holds a task: under load it could else do all four
        # before the child starts, and nothing would hang)
        waited = time.monotonic()
        while not hung.exists() and time.monotonic() - waited < 5:
            time.sleep(0.01)
        return n

    started = time.monotonic()
    results = fork_tasks(work, list(range(4)), 2)
    assert time.monotonic() - started < 10
    assert None in results
    assert [r for r in results if r is not None] == [
        n for n, r in enumerate(results) if r is not None
    ]
    assert child_processes() == before


def test_an_error_here_is_raised_and_the_children_are_gone() -> None:
    before = child_processes()

    def work(n: int) -> int:
        time.sleep(0.05)
        raise ValueError(f"task {n}")

    with pytest.raises(ValueError, match="task"):
        fork_tasks(work, list(range(4)), 3)
    assert child_processes() == before


def test_nothing_to_do() -> None:
    assert fork_tasks(lambda n: n, [], 4) == []
    assert fork_tasks(lambda n: n, [7], 1) == [7]
