"""The benchmark suite: ``python -m benchmarks [--sizes 1000,10000,100000] [--repeat N]
[--only OPS] [--update-readme]``.

Builds seeded synthetic collections of each size (and the same data in Anki), times every
operation on both, prints a table (median and p95) and, with ``--update-readme``, writes it
into README.md (with ``--only``: only the rows measured are replaced or added, the others
kept). Benchmarks print numbers; nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import bench_core as core  # noqa: E402
from benchmarks import bench_startup  # noqa: E402
from benchmarks.report import Row, load, markdown, median, text_table, update_readme  # noqa: E402
from benchmarks.synth import build_collection  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIG = 100_000
TARGETS = {
    "cold start → window shown": "≤ 1.0 s",
    "cold start peak RSS": "≤ 250 MB",
    "answer (synchronous=FULL)": "≤ 1.0× Anki",
    "queue (deck_counts + next_card)": "≤ 30 ms",
    "first card": "≤ 1.0× Anki",
    "next card after an answer": "≤ 1 ms",
    "search concept:": "≤ 100 ms",
    "search free text": "≤ 100 ms",
    "search + sort by due": "≤ 100 ms",
    "stats (service)": "≤ 300 ms",
    "stats --json (process)": "≤ 300 ms",
}
ORDER = list(TARGETS) + [
    core.SHOW_ANSWER,
    "answer (synchronous=NORMAL, reference)",
    "answer in the review screen (key → next card)",
    "undo answer",
    "open collection",
    "deck tree with counts",
    "sync bundled notes (changed)",
    "sync bundled notes (unchanged)",
    "generate cards from 1 MB notes",
    "dashboard open",
    ".apkg import 10k notes",
    ".apkg export 10k notes",
    HISTORY_FSRS := ".apkg import 20k notes with history (Anki-built, FSRS state)",
    HISTORY_SM2 := ".apkg import 20k notes with history (Anki-built, SM-2)",
    HISTORY_CLI := "srsapp import command, 20k notes with history (SM-2)",
    DOCKER_FIRST := "Docker deck .apkg export, first",
    DOCKER_AGAIN := "Docker deck .apkg export, again",
    DOCKER_CLI := "Docker deck: srsapp export (process)",
    "build synthetic collection",
]
TARGETS.update({HISTORY_FSRS: "≤ 1.0× Anki", HISTORY_SM2: "≤ 1.0× Anki",
                DOCKER_AGAIN: "≤ 1 s", DOCKER_CLI: "≤ 1 s"})  # fmt: skip
HISTORY_NOTES = 20_000


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


class Suite:
    def __init__(self, repeat: int, anki: bool, only: list[str] | None = None) -> None:
        self.repeat = repeat
        self.anki = anki
        self.only = only  # None: every operation; else those whose name contains one of these
        self.rows: list[Row] = []

    def wants(self, *ops: str) -> bool:
        return self.only is None or any(o in op for op in ops for o in self.only)

    def add(self, op: str, size: int | None, ours: list[float] | None, anki: list[float] | None = None,
            note: str = "", unit: str = "s") -> None:  # fmt: skip
        target = TARGETS.get(op, "") if size in (BIG, None) else ""
        if size is not None and size != BIG and op in TARGETS:
            target = ""
        self.rows.append(Row(op, size, ours, anki, note, target, unit))

    def run(self, op: str, size: int | None, ours: Callable[[], Any],
            anki: Callable[[], Any] | None = None) -> None:  # fmt: skip
        """Time ``ours`` (and ``anki``): each returns samples, or (samples, note)."""
        if not self.wants(op):
            return
        log(f"  {op} ({size or '-'})")
        notes, o_s, a_s = [], None, None
        try:
            got = ours()
            o_s, note = got if isinstance(got, tuple) else (got, "")
            if note:
                notes.append(note)
        except core.Unavailable as exc:
            notes.append(f"skipped: {exc}")
        except Exception as exc:  # noqa: BLE001 (a benchmark reports, never stops)
            traceback.print_exc()
            notes.append(f"error: {type(exc).__name__}: {str(exc)[:120]}")
        if anki is not None and self.anki:
            try:
                got = anki()
                a_s = got[0] if isinstance(got, tuple) else got
            except Exception as exc:  # noqa: BLE001
                traceback.print_exc()
                notes.append(f"Anki error: {type(exc).__name__}")
        self.add(op, size, o_s, a_s, "; ".join(notes))

    def run_multi(self, size: int | None, ours: Callable[[], dict[str, tuple[list[float], str]]],
                  anki: Callable[[], dict[str, tuple[list[float], str]]] | None,
                  labels: list[str]) -> None:  # fmt: skip
        if not self.wants(*labels):
            return
        log(f"  {', '.join(labels)} ({size or '-'})")
        o: dict[str, tuple[list[float], str]] = {}
        a: dict[str, tuple[list[float], str]] = {}
        err = ""
        try:
            o = ours()
        except core.Unavailable as exc:
            err = f"skipped: {exc}"
        except Exception as exc:  # noqa: BLE001
            traceback.print_exc()
            err = f"error: {type(exc).__name__}: {str(exc)[:120]}"
        if anki is not None and self.anki:
            try:
                a = anki()
            except Exception as exc:  # noqa: BLE001
                traceback.print_exc()
                err = (err + "; " if err else "") + f"Anki error: {type(exc).__name__}"
        for label in labels:
            ours_s, note = o.get(label, (None, ""))
            anki_s, anote = a.get(label, (None, ""))
            parts = [p for p in (note, f"Anki: {anote}" if anote and anki_s else "", err) if p]
            self.add(label, size, ours_s, anki_s, "; ".join(parts))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--size", type=int, help="one collection size (overrides --sizes)")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=7, help="runs per measurement (median, p95)")
    ap.add_argument("--answers", type=int, default=200, help="answers timed per session")
    ap.add_argument("--no-anki", action="store_true", help="skip Anki's side")
    ap.add_argument(
        "--only",
        help="comma-separated parts of operation names to measure "
        "(e.g. 'next card,answer,sort'); README rows of the others are kept",
    )
    ap.add_argument("--update-readme", action="store_true")
    args = ap.parse_args(argv)
    sizes = [args.size] if args.size else [int(s) for s in args.sizes.split(",") if s.strip()]
    only = [o.strip() for o in args.only.split(",") if o.strip()] if args.only else None
    suite = Suite(args.repeat, not args.no_anki, only)
    r = args.repeat
    t_start = time.perf_counter()
    load_start = load()
    anki_mod: Any = None
    if suite.anki:
        from benchmarks import bench_anki as anki_mod
    with tempfile.TemporaryDirectory(prefix="srsapp-bench-") as tmp:
        work = Path(tmp)
        for size in sizes:
            _one_size(suite, size, max(sizes), work, args.answers, anki_mod)
        log("== not collection-sized")
        suite.run("generate cards from 1 MB notes", None, lambda: core.bench_generate(r))
        rr = max(3, r)  # a 10k-note import takes 0.3 s: every run counts
        suite.run_multi(None, lambda: core.bench_apkg(work, rr),
                        (lambda: anki_mod.bench_apkg(core.apkg_package(work), work, rr))
                        if suite.anki else None,
                        [".apkg import 10k notes", ".apkg export 10k notes"])  # fmt: skip
        if suite.wants(HISTORY_FSRS, HISTORY_SM2, HISTORY_CLI):
            _history(suite, work, rr, anki_mod)
        suite.run_multi(None, lambda: core.bench_docker_export(work, rr), None,
                        [DOCKER_FIRST, DOCKER_AGAIN, DOCKER_CLI])  # fmt: skip
    seconds = time.perf_counter() - t_start
    rank = {op: i for i, op in enumerate(ORDER)}
    suite.rows.sort(key=lambda row: (rank.get(row.op, 99), row.size or 0))
    print(text_table(suite.rows))
    for row in suite.rows:
        if row.ours and row.anki:
            print(f"{row.op} ({row.size or '-'}): ours/Anki = "
                  f"{median(row.ours) / median(row.anki):.2f}")  # fmt: skip
    print(f"\nwhole suite: {seconds:.0f} s")
    if args.update_readme:
        from benchmarks.report import machine

        md = markdown(suite.rows, machine((load_start, load())), r, seconds)
        update_readme(ROOT / "README.md", md, merge=only is not None, rank=rank)
        print("README.md updated")
    return 0


def _history(suite: Suite, work: Path, r: int, anki_mod: Any) -> None:
    """A package Anki built (with history) imported by Anki and by us in the same run, the
    runs of the two sides taken in turn (so both see the same load on a shared machine): in
    process on both sides, and our whole ``srsapp import`` command against Anki's import."""
    if anki_mod is None:
        suite.add(HISTORY_SM2, None, None, None, "skipped: Anki builds the package")
        return
    log(f"  building Anki's packages with history ({HISTORY_NOTES:,} notes)")
    packages = anki_mod.history_packages(work, HISTORY_NOTES)
    for label, name, ours in ((HISTORY_FSRS, "fsrs", core.import_once),
                              (HISTORY_SM2, "sm2", core.import_once),
                              (HISTORY_CLI, "sm2", core.import_cli_once)):  # fmt: skip
        if not suite.wants(label):
            continue
        log(f"  {label}")
        path, reviews = packages[name]
        mine: list[float] = []
        theirs: list[float] = []
        # in process: CPU s of every thread, from the import's start to the collection closed
        # (ours without its daily backup; our import's WAL checkpoint thread included)
        cpu: tuple[list[float], list[float]] = ([], [])
        try:
            for _ in range(r + 1):  # the first of each side: warm-up, left out
                got = ours(path, work)  # in process: (wall, CPU); a command: wall
                wall, used = got if isinstance(got, tuple) else (got, 0.0)
                mine.append(wall)
                cpu[0].append(used)
                wall, used = anki_mod.import_once(path, work)
                theirs.append(wall)
                cpu[1].append(used)
            del mine[0], theirs[0], cpu[0][0], cpu[1][0]
            if ours is core.import_cli_once:
                where = "process: python -m srsapp import"
            else:
                where = (f"in process; CPU (all threads) ours {median(cpu[0]):.2f} s, Anki "
                         f"{median(cpu[1]):.2f} s")  # fmt: skip
            suite.add(label, None, mine, theirs, f"{reviews:,} review-log rows; {where}; "
                      "Anki: import_anki_package, runs alternating")  # fmt: skip
        except Exception as exc:  # noqa: BLE001 (a benchmark reports, never stops)
            suite.add(label, None, None, None, f"error: {type(exc).__name__}: {str(exc)[:120]}")


def _one_size(suite: Suite, size: int, biggest: int, work: Path, n: int, anki_mod: Any) -> None:
    r = suite.repeat
    log(f"== {size:,} cards")
    info = build_collection(work / f"ours-{size}", size)
    ainfo = anki_mod.build_anki(info, work / f"anki-{size}") if suite.anki else None
    note = f"{info.reviews:,} review rows"
    if ainfo is not None:
        note += f"; Anki copy built in {ainfo.seconds:.1f} s"
    if suite.wants("build synthetic collection"):
        suite.add("build synthetic collection", size, [info.seconds], None, note)
    sw = work / f"scratch-{size}"
    sw.mkdir()

    if suite.wants("cold start → window shown", "cold start peak RSS"):
        startup = bench_startup.measure(info.path, r)
        err = f"error: {startup.error}" if startup.error else ""
        inside = (f"the child's CPU (user + system, to its quit) {median(startup.cpu):.2f} s; "
                  f"its own count from srsapp.ui.app's import (Qt and SQLAlchemy imported "
                  f"after it): {min(startup.inside):.2f} s"
                  if startup.inside else "")  # fmt: skip
        suite.add("cold start → window shown", size, startup.seconds or None, None,
                  err or f"process launch → window with deck counts; {inside}")  # fmt: skip
        suite.add("cold start peak RSS", size, startup.rss_mb or None, None,
                  "VmHWM of the app process when shown", unit="MB")  # fmt: skip
    suite.run("open collection", size, lambda: core.bench_open(info, r),
              (lambda: anki_mod.bench_open(ainfo, r)) if ainfo else None)  # fmt: skip
    suite.run("queue (deck_counts + next_card)", size,
              lambda: (core.bench_queue(info, r), "Anki: deck_due_tree + get_queued_cards"),
              (lambda: anki_mod.bench_queue(ainfo, r)) if ainfo else None)  # fmt: skip
    suite.run("deck tree with counts", size, lambda: core.bench_deck_tree(info, r))
    suite.run("first card", size, lambda: core.bench_first_card(info, r),
              (lambda: anki_mod.bench_first_card(ainfo, r)) if ainfo else None)  # fmt: skip
    if ainfo is not None and suite.anki:  # the two sessions taking turns, card by card
        turns: dict[str, dict[str, tuple[list[float], str]]] = {}

        def ours_turns() -> dict[str, tuple[list[float], str]]:
            turns.update(_answer_turns(info, ainfo, sw, n, anki_mod))
            return turns["ours"]

        suite.run_multi(size, ours_turns, lambda: turns["anki"], ANSWER_ROWS)
    else:
        suite.run_multi(size, lambda: core.bench_answer_next(info, sw, n), None, ANSWER_ROWS)
    if size == biggest:
        suite.run("answer (synchronous=NORMAL, reference)", size,
                  lambda: (core.bench_answer(info, sw, n, durable=False),
                           "not what the app does: shows the fsync's share"))  # fmt: skip
    if size == biggest:
        suite.run("answer in the review screen (key → next card)", size,
                  lambda: core.bench_review_keypress(info, sw, n))  # fmt: skip
    suite.run("undo answer", size, lambda: core.bench_undo(info, sw, max(20, n // 4)),
              (lambda: anki_mod.bench_undo(ainfo, sw, max(20, n // 4))) if ainfo else None)  # fmt: skip
    suite.run_multi(size, lambda: core.bench_search(info, r),
                    (lambda: anki_mod.bench_search(ainfo, r)) if ainfo else None,
                    list(core.SEARCHES))  # fmt: skip
    if size == biggest:
        suite.run("sync bundled notes (changed)", size,
                  lambda: _sync(info, sw, r, suite, size))  # fmt: skip
        suite.run("stats (service)", size, lambda: core.bench_stats_service(info, r))
        suite.run("stats --json (process)", size, lambda: core.bench_stats_cli(info, r))
        suite.run("dashboard open", size, lambda: core.bench_dashboard(info, r))


ANSWER_ROWS = ["answer (synchronous=FULL)", "next card after an answer", core.SHOW_ANSWER]


def _answer_turns(
    info: Any, ainfo: Any, sw: Path, n: int, anki_mod: Any
) -> dict[str, dict[str, tuple[list[float], str]]]:
    """Our study session and Anki's, one card of each in turn (the answer side shown, the
    answer, the next card), so that both meet the same load and the same disk: the rows of
    ``ANSWER_ROWS`` for "ours" and "anki"."""
    mine: list[tuple[float, float, float]] = []
    theirs: list[tuple[float, float, float]] = []
    ours_steps = core.answer_steps(info, sw, n)
    anki_steps = anki_mod.answer_steps(ainfo, sw, n)
    try:
        for a, b in zip(ours_steps, anki_steps, strict=False):  # to the shorter session
            mine.append(a)
            theirs.append(b)
    finally:
        ours_steps.close()
        anki_steps.close()
    turns = "taking turns with Anki's, card by card"
    ours_notes = (f"commit + fsync included; {turns}", "next_card + counts",
                  "the buttons' intervals (the four answers worked out)")  # fmt: skip
    anki_notes = ("answer_card", "get_queued_cards (its next states with it)",
                  "describe_next_states of the queued states")  # fmt: skip
    return {
        "ours": {row: ([s[i] for s in mine], ours_notes[i]) for i, row in enumerate(ANSWER_ROWS)},
        "anki": {row: ([s[i] for s in theirs], anki_notes[i]) for i, row in enumerate(ANSWER_ROWS)},
    }


def _sync(info: Any, sw: Path, r: int, suite: Suite, size: int) -> tuple[list[float], str]:
    changed, unchanged = core.bench_sync(info, sw, r)
    suite.add("sync bundled notes (unchanged)", size, unchanged, None, "one read + hash")
    return changed, "one line of the notes edited before each sync"


if __name__ == "__main__":
    sys.exit(main())
