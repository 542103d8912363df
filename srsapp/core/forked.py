"""Tasks shared between forked processes (Linux), each task's result sent back pickled.

A big notes file is turned into cards on every core: the parsed notes and the loaded Korean
analyser are in a forked child's memory from the start (nothing to send there, nothing to load
again), and only the results travel back through a pipe. The processes take the tasks one at a
time, in order, from a pipe holding their numbers, so that one that got the slow tasks takes
fewer. Where forking is not safe (macOS, Windows) or not there, :func:`can_fork` says so and the
caller does the tasks itself. A task whose child failed, died or took far longer than this
process took for its share gives ``None``: the caller does it itself, so the results never
depend on how the work was shared. Every child is waited for before :func:`fork_tasks` returns.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# a child is given this long after this process finished its share, and as long again as that
# share took (a loaded machine slows them all alike); one past it is stopped
_GRACE_SECONDS = 20.0
_NUMBER = struct.Struct("<I")  # a task's number in the pipe
_LENGTH = struct.Struct("<Q")  # a child's result: its length, then the pickle
# the task numbers are all written before anyone reads: what a pipe holds at the least
# (POSIX's PIPE_BUF; Linux pipes hold 64 KiB), 1024 tasks
_QUEUE_BYTES = 4096


def can_fork() -> bool:
    """Whether work can be shared with forked processes here: on Linux only (forking a process
    that runs Qt or Apple's frameworks is unsafe on macOS; Windows has no fork)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def fork_tasks(work: Callable[[T], R], tasks: Sequence[T], processes: int) -> list[R | None]:
    """``work(task)`` for each task, shared between this process and ``processes - 1`` forked
    children. A task whose child gave no result is ``None`` (do it here)."""
    results: list[R | None] = [None] * len(tasks)
    if not tasks:
        return results
    numbers = b"".join(_NUMBER.pack(i) for i in range(len(tasks)))
    if len(numbers) > _QUEUE_BYTES:
        raise ValueError(f"too many tasks to share ({len(tasks)})")
    queue_read, queue_write = os.pipe()
    os.write(queue_write, numbers)
    children: dict[int, int] = {}  # read end of the child's pipe → its pid
    reaped: set[int] = set()
    try:
        for _ in range(1, processes):
            read_end, write_end = os.pipe()
            with warnings.catch_warnings():
                # (Python 3.12 warns of forking a process with threads: the child runs only
                # this module's code and the work, and leaves without cleaning up)
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
            if pid == 0:  # the child: work, send, leave (none of the parent's cleanup)
                status = 1
                try:
                    os.close(read_end)
                    os.close(queue_write)
                    for fd in children:
                        os.close(fd)
                    # (each result pickled as soon as it is made: only the last one is left
                    # to pickle when the parent waits for it)
                    data = pickle.dumps(
                        _take(_pickled(work), tasks, queue_read), protocol=pickle.HIGHEST_PROTOCOL
                    )
                    with os.fdopen(write_end, "wb") as out:
                        out.write(_LENGTH.pack(len(data)))
                        out.write(data)
                    status = 0
                finally:
                    os._exit(status)
            os.close(write_end)
            children[read_end] = pid
        os.close(queue_write)
        queue_write = -1
        started = time.monotonic()
        for i, result in _take(work, tasks, queue_read).items():
            results[i] = result
        deadline = time.monotonic() + _GRACE_SECONDS + (time.monotonic() - started)
        for data in _read_all(children, reaped, deadline):
            if len(data) < _LENGTH.size or _LENGTH.unpack_from(data)[0] != len(data) - _LENGTH.size:
                continue  # a child cut off mid-way: its tasks are done here
            try:
                done = {
                    i: pickle.loads(got) for i, got in pickle.loads(data[_LENGTH.size :]).items()
                }
            except Exception:
                continue
            for i, result in done.items():
                results[i] = result
    finally:
        os.close(queue_read)
        if queue_write >= 0:
            os.close(queue_write)
        for fd, pid in children.items():
            os.close(fd)
            if pid not in reaped:
                _reap(pid)
    return results


def _pickled(work: Callable[[T], R]) -> Callable[[T], bytes]:
    return lambda task: pickle.dumps(work(task), protocol=pickle.HIGHEST_PROTOCOL)


def _take(work: Callable[[T], R], tasks: Sequence[T], queue: int) -> dict[int, R]:
    """Take task numbers from the queue until it is empty; each task's result."""
    done: dict[int, R] = {}
    while True:
        raw = os.read(queue, _NUMBER.size)
        if len(raw) < _NUMBER.size:  # (the numbers were all written at once: never cut)
            return done
        (i,) = _NUMBER.unpack(raw)
        done[i] = work(tasks[i])


def _read_all(children: dict[int, int], reaped: set[int], deadline: float) -> list[bytes]:
    """Each child's whole output (read as it comes: a child waits once its pipe is full), of
    the children that closed it before the deadline. (Their exit status is not asked: where
    SIGCHLD is ignored the system reaps them, and a result's length tells it is whole.)"""
    chunks: dict[int, list[bytes]] = {fd: [] for fd in children}
    done: list[int] = []
    with selectors.DefaultSelector() as sel:
        for fd in children:
            sel.register(fd, selectors.EVENT_READ)
        while len(done) < len(children):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for key, _events in sel.select(timeout=left):
                fd = int(key.fd)
                piece = os.read(fd, 1 << 20)
                if piece:
                    chunks[fd].append(piece)
                else:
                    sel.unregister(fd)
                    done.append(fd)
    out: list[bytes] = []
    for fd in done:
        reaped.add(children[fd])
        _reap(children[fd])
        out.append(b"".join(chunks[fd]))
    return out


def _reap(pid: int) -> None:
    """Wait for the child, stopped first if it is still running (gone already where SIGCHLD
    is ignored: the system reaped it)."""
    try:
        got, _status = os.waitpid(pid, os.WNOHANG)
        if got == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
