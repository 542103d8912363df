"""Our side of the benchmarks: each function times one operation of the service layer
on a synthetic collection (``benchmarks.synth``) and returns the samples in seconds.

Operations that live in modules other developers are still writing (search, stats,
dashboard, transfer, the notes generator) are looked up when called; a missing one
raises ``Unavailable`` and the table shows the row as skipped with the reason.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.synth import NOW, SynthInfo, notes_text
from srsapp.core.model import Rating
from srsapp.service.collection import Collection


class Unavailable(Exception):
    """The module an operation needs is not there (yet)."""


def need(module: str, attr: str | None = None) -> Any:
    try:
        if importlib.util.find_spec(module) is None:
            raise Unavailable(f"{module} missing")
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise Unavailable(f"{module}: {exc}") from exc
    if attr is None:
        return mod
    if not hasattr(mod, attr):
        raise Unavailable(f"{module}.{attr} missing")
    return getattr(mod, attr)


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def samples(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    return [timed(fn) for _ in range(repeat)]


def copy_collection(info: SynthInfo, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(info.path, dest)
    return dest


def open_col(path: Path, seed: int = 1) -> Collection:
    return Collection.open(path, seed=False, rng=random.Random(seed))


# ---------------------------------------------------------------- collection


def bench_open(info: SynthInfo, repeat: int) -> list[float]:
    def once() -> None:
        open_col(info.path).close()

    return samples(once, repeat)


def bench_queue(info: SynthInfo, repeat: int) -> list[float]:
    """Today's queue as the main window and the review screen need it:
    ``deck_counts(now)`` plus ``next_card(now, deck)``."""
    deck = next(iter(info.decks.values()))
    with open_col(info.path) as col:

        def once() -> None:
            col.sched.queue.deck_counts(NOW)
            col.next_card(NOW, deck)

        return samples(once, repeat)


def bench_deck_tree(info: SynthInfo, repeat: int) -> tuple[list[float], str]:
    """The main window's deck list: ``deck_tree(now)`` (every deck's counts, and every imported
    subdeck's — each concept of a deck no notes file made) on a just-opened collection."""
    out, nodes = [], 0
    for i in range(repeat + 1):
        with open_col(info.path) as col:
            t0 = time.perf_counter()
            tree = col.deck_tree(NOW)
            if i:
                out.append(time.perf_counter() - t0)
            nodes = sum(len(top.walk()) for top in tree)
    return out, f"{nodes:,} rows (decks and imported subdecks) on a just-opened collection"


SHOW_ANSWER = "show answer (intervals on the buttons)"


def bench_answer(info: SynthInfo, work: Path, n: int, *, durable: bool = True) -> list[float]:
    """``answer(card, Good)`` on the next card of the first deck, commit included.
    ``durable=False`` reruns it with ``synchronous=NORMAL`` set on this benchmark's own
    connections — a reference number only; the app keeps ``FULL``."""
    return _study_session(info, work, n, durable=durable)[0]


def bench_answer_next(info: SynthInfo, work: Path, n: int) -> dict[str, tuple[list[float], str]]:
    """A study session of the first deck as the review screen runs it: the next card with
    the counts (``next_card`` + ``counts``), its answer side shown (the buttons' intervals:
    its four answers worked out) and the answer (commit included)."""
    answers, nexts, reveals = _study_session(info, work, n)
    return {
        "answer (synchronous=FULL)": (answers, "commit + fsync included"),
        "next card after an answer": (nexts, "next_card + counts"),
        SHOW_ANSWER: (reveals, "the buttons' intervals (the four answers worked out)"),
    }


def _study_session(
    info: SynthInfo, work: Path, n: int, *, durable: bool = True
) -> tuple[list[float], list[float], list[float]]:
    """(answers, next cards, answer sides shown): each card is shown, its answer side with
    the buttons' intervals (the review screen answers nothing before), then answered."""
    answers: list[float] = []
    nexts: list[float] = []
    reveals: list[float] = []
    for t, t_next, t_show in answer_steps(info, work, n, durable=durable):
        answers.append(t)
        nexts.append(t_next)
        reveals.append(t_show)
    return answers, nexts, reveals


def answer_steps(
    info: SynthInfo, work: Path, n: int, *, durable: bool = True
) -> Iterator[tuple[float, float, float]]:
    """``_study_session`` one card at a time: (the answer, the next card with its counts,
    the answer side shown) of each of ``n`` cards after three left out -- so that a caller
    can take turns with Anki's session (``bench_anki.answer_steps``) on the same load."""
    deck = next(iter(info.decks.values()))
    path = copy_collection(info, work / ("answer" if durable else "answer-normal"))
    col = open_col(path)
    try:
        if not durable:
            from sqlalchemy import event

            def normal(dbapi_conn: Any, _rec: Any) -> None:
                dbapi_conn.execute("PRAGMA synchronous = NORMAL")

            event.listen(col.db.engine, "connect", normal)
            col.db.engine.dispose()
        ratings = [Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.HARD, Rating.EASY]
        card = col.next_card(NOW, deck)
        for i in range(n + 3):
            if card is None:
                break
            t_show = timed(lambda c=card: col.sched.answers.intervals(c.id, NOW))
            t = timed(lambda c=card, r=ratings[i % 6]: col.answer(c.id, r, NOW, 4000))
            t0 = time.perf_counter()
            card = col.next_card(NOW, deck)
            col.counts(NOW, deck)
            t_next = time.perf_counter() - t0
            if i >= 3:
                yield t, t_next, t_show
    finally:
        col.close()


def bench_first_card(info: SynthInfo, repeat: int) -> tuple[list[float], str]:
    """The first card of a session: ``next_card`` + ``counts`` right after the collection is
    opened (the queue is built)."""
    deck = next(iter(info.decks.values()))
    out = []
    for i in range(repeat + 1):
        with open_col(info.path) as col:
            col.settings()  # read at open by the app's first screen
            t0 = time.perf_counter()
            col.next_card(NOW, deck)
            col.counts(NOW, deck)
            if i:
                out.append(time.perf_counter() - t0)
    return out, "next_card + counts on a just-opened collection"


def bench_undo(info: SynthInfo, work: Path, n: int) -> list[float]:
    deck = next(iter(info.decks.values()))
    path = copy_collection(info, work / "undo")
    with open_col(path) as col:
        out = []
        for _ in range(n):
            card = col.next_card(NOW, deck)
            if card is None:
                break
            col.answer(card.id, Rating.GOOD, NOW, 4000)
            out.append(timed(col.undo))
        return out


# ---------------------------------------------------------------- notes


def bench_sync(info: SynthInfo, work: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Syncing the bundled notes into the big collection: (changed, unchanged).
    "Changed" edits one answer line of the notes before each sync."""
    need("srsapp.core.notes", "generate_deck")
    need("srsapp.core.identity")
    from srsapp.service.paths import bundled_decks_dir

    path = copy_collection(info, work / "sync")
    notes_dir = work / "sync-notes"
    notes_dir.mkdir(exist_ok=True)
    for f in bundled_decks_dir().iterdir():
        if f.is_file():
            shutil.copy(f, notes_dir / f.name)
    notes = notes_dir / "docker-notes.md"
    text = notes.read_text(encoding="utf-8")
    with open_col(path) as col:
        col.sync_notes(notes, now=NOW)  # first import
        changed = []
        for i in range(repeat):
            notes.write_text(text + f"\n<!-- edit {i} -->\n", encoding="utf-8")
            changed.append(timed(lambda: col.sync_notes(notes, now=NOW)))
        unchanged = samples(lambda: col.sync_notes(notes, now=NOW), repeat)
    return changed, unchanged


def bench_generate(repeat: int) -> tuple[list[float], str]:
    """Card generation from a ~1 MB notes file (``generate_deck``, pure core), cold: every
    sample a text never seen before (``benchmarks.bench_generate.distinct_notes`` with a new
    seed when that module is there), so no cache keyed by text can hit."""
    generate_deck = need("srsapp.core.notes", "generate_deck")
    try:
        from benchmarks.bench_generate import NOTES, distinct_notes

        generate_deck(NOTES.read_text(encoding="utf-8"), "notes.md")  # loads the analyser

        def text_for(seed: int) -> str:
            return distinct_notes(1024 * 1024, seed)
    except ImportError:

        def text_for(seed: int) -> str:
            return notes_text(1024 * 1024)

    took: list[float] = []
    cards = size = 0
    for seed in range(1, max(2, repeat // 2) + 1):
        text = text_for(seed)
        t0 = time.perf_counter()
        deck = generate_deck(text, "bench-1mb.md")
        took.append(time.perf_counter() - t0)
        cards, size = len(getattr(deck, "cards", [])), len(text.encode())
    return took, f"{cards} cards from {size // 1024} KiB of distinct notes, cold"


# ---------------------------------------------------------------- browser


# sorted by the browser's sort column (the front as shown), as Anki's side is by its sort
# field (bench_anki.SEARCHES), and by due
SEARCHES = {
    "search concept:": ("concept:container", "sort"),
    "search free text": ("volume", "sort"),
    "search + sort by due": ("", "due"),
}


def bench_search(info: SynthInfo, repeat: int) -> dict[str, tuple[list[float], str]]:
    search_card_ids = need("srsapp.service.search", "search_card_ids")
    out = {}
    with open_col(info.path) as col:
        for label, (query, order) in SEARCHES.items():

            def once(q: str = query, o: str = order) -> list[int]:
                return list(search_card_ids(col, q, NOW, order=o, descending=o == "due"))

            hits = len(once())
            how = "sorted by the front" if order == "sort" else "by due"
            out[label] = (samples(once, repeat), f"{hits} hits, {how}")
    return out


# ---------------------------------------------------------------- stats, dashboard


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a timed ``srsapp`` command: an installed srsapp starts from its
    compiled modules (pip writes them), so the untimed first run writes ours even where the
    shell says not to (PYTHONDONTWRITEBYTECODE: every module compiled again at each start,
    ≈ 0.1-0.2 s of CPU)."""
    env = dict(os.environ, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench_stats_cli(info: SynthInfo, repeat: int) -> tuple[list[float], str]:
    """``srsapp stats --json`` as a process (interpreter start and imports included)."""
    cli = need("srsapp.cli")
    if "stats" not in getattr(cli, "COMMANDS", []):
        raise Unavailable("srsapp stats command not registered")
    need("srsapp.service.stats")
    cmd = [sys.executable, "-c", "import sys, srsapp.cli; sys.exit(srsapp.cli.main())",
           "--data-dir", str(info.path), "stats", "--json"]  # fmt: skip
    env = dict(os.environ, TZ="UTC")

    def once() -> None:
        r = subprocess.run(cmd, capture_output=True, env=env, check=False)
        if r.returncode != 0:
            raise Unavailable(f"stats exit {r.returncode}: {r.stderr.decode()[-200:].strip()}")

    return samples(once, repeat), "process"


def bench_stats_service(info: SynthInfo, repeat: int) -> tuple[list[float], str]:
    """``service.stats.stats_json``: what ``srsapp stats --json`` computes, in process."""
    stats_json = need("srsapp.service.stats", "stats_json")
    with open_col(info.path) as col:
        return samples(lambda: stats_json(col, NOW), repeat), "stats.stats_json"


def bench_dashboard(info: SynthInfo, repeat: int) -> tuple[list[float], str]:
    """Opening the dashboard from the main window (offscreen) until its first statistics
    are shown (the knowledge history loads after, in the background)."""
    klass = need("srsapp.ui.dashboard", "DashboardWindow")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from srsapp.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with open_col(info.path) as col:
        window = MainWindow(col, clock=lambda: NOW)
        try:
            t = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                dash = klass(window.ctx)
                dash.show()
                if hasattr(dash, "wait_until_loaded"):
                    dash.wait_until_loaded(history=False)
                app.processEvents()
                t.append(time.perf_counter() - t0)
                if hasattr(dash, "wait_until_loaded"):
                    dash.wait_until_loaded(history=True)
                dash.close()
                dash.deleteLater()
                app.processEvents()
            return t, "window shown with its first statistics"
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()


# ---------------------------------------------------------------- .apkg


def apkg_package(work: Path, notes: int = 10_000, reviews: int = 100_000) -> Path:
    """The 10k-note package of ``benchmarks.bench_apkg`` (written with Anki's own exporter
    after importing it, so both sides read a file Anki itself produced)."""
    from benchmarks.bench_apkg import synthetic
    from srsapp.interchange.apkg_write import write_package

    dest = work / "bench-10k.apkg"
    if not dest.exists():
        write_package(synthetic(notes, reviews), dest)
    return dest


def bench_apkg(work: Path, repeat: int) -> dict[str, tuple[list[float], str]]:
    src = apkg_package(work)
    out: dict[str, tuple[list[float], str]] = {}
    try:
        transfer = need("srsapp.service.transfer")
        import_file = transfer.import_file
        export_file = transfer.export_file
    except (Unavailable, AttributeError):
        transfer = None
    if transfer is not None:

        def imp() -> float:
            # like Anki's side: an empty collection made first, only the import timed
            d = Path(tempfile.mkdtemp(dir=work))
            with open_col(d / "c") as col:
                took = timed(lambda: import_file(col, src, now=NOW))
            shutil.rmtree(d)
            return took

        imp()  # one untimed run first, as on Anki's side: the app's process is a warm one
        out[".apkg import 10k notes"] = ([imp() for _ in range(repeat)], "transfer.import_file")
        d = Path(tempfile.mkdtemp(dir=work))
        with open_col(d / "c") as col:
            import_file(col, src, now=NOW)
            dest = d / "out.apkg"
            out[".apkg export 10k notes"] = (
                samples(lambda: export_file(col, dest, scheduling=True, now=NOW), repeat, warmup=0),
                "transfer.export_file",
            )
        shutil.rmtree(d)
        return out
    from srsapp.interchange.apkg_read import read_package
    from srsapp.interchange.apkg_write import write_package

    pkg = read_package(src)
    out[".apkg import 10k notes"] = (
        samples(lambda: read_package(src), repeat, warmup=0),
        "read_package only (service.transfer missing)",
    )
    out[".apkg export 10k notes"] = (
        samples(lambda: write_package(pkg, work / "ours-out.apkg"), repeat, warmup=0),
        "write_package only (service.transfer missing)",
    )
    return out


# ---------------------------------------------------------------- review screen


def bench_review_keypress(info: SynthInfo, work: Path, n: int) -> tuple[list[float], str]:
    """The answer path as the learner feels it: key ``3`` pressed on the answer side →
    the answer committed (fsync included) → the next question rendered in the review screen
    (offscreen). Space (reveal) is not timed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from srsapp.ui.main_window import MainWindow
    from srsapp.ui.review import ReviewWidget

    app = QApplication.instance() or QApplication([])
    path = copy_collection(info, work / "review-ui")
    with open_col(path) as col:
        window = MainWindow(col, clock=lambda: NOW)
        window.show()
        deck = window.deck_list.selected_deck()
        review = ReviewWidget(window.ctx, deck_id=deck)
        window.stack.addWidget(review)
        window.stack.setCurrentWidget(review)
        app.processEvents()
        t: list[float] = []
        try:
            for _ in range(n):
                if review.is_done():
                    break
                QTest.keyClick(review, Qt.Key.Key_Space)
                app.processEvents()
                before = review.card.id if review.card else None
                t0 = time.perf_counter()
                QTest.keyClick(review, Qt.Key.Key_3)
                app.processEvents()  # the next question is painted
                t.append(time.perf_counter() - t0)
                if review.card is not None and review.card.id == before:
                    break
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    return t, "key 3 → commit → next question shown (offscreen)"


# ---------------------------------------------------------------- Anki-built package with history


def import_once(src: Path, work: Path) -> tuple[float, float]:
    """``Collection.import_file`` of ``src`` into an empty collection made first: the
    seconds the import took and the process's CPU seconds (every thread) from its start to
    the collection closed without its daily backup (the close waits for the import's WAL
    checkpoint thread), as Anki's ``bench_anki.import_once`` measures its own."""
    d = Path(tempfile.mkdtemp(dir=work))
    col = open_col(d / "c")
    try:
        c0 = time.process_time()
        took = timed(lambda: col.import_file(src, now=NOW))
        assert col.card_count() > 0
    finally:
        col.close(backup=False)
    cpu = time.process_time() - c0
    shutil.rmtree(d)
    return took, cpu


def import_cli_once(src: Path, work: Path) -> float:
    """The whole ``srsapp import FILE`` command into an empty collection made first:
    interpreter start, imports, the backup before the import, the import and the exit."""
    d = Path(tempfile.mkdtemp(dir=work))
    open_col(d / "c").close()  # an existing (empty, seeded-marked) collection
    cmd = [sys.executable, "-m", "srsapp", "--data-dir", str(d / "c"), "import", str(src), "--json"]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, env=cli_env(), check=False)
    took = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"import exit {r.returncode}: {r.stderr.decode()[-300:].strip()}")
    shutil.rmtree(d)
    return took


def bench_docker_export(work: Path, repeat: int) -> dict[str, tuple[list[float], str]]:
    """The bundled Docker deck (136 cards, 49 diagram cards: 98 pictures) exported as .apkg
    in process: the first export draws the pictures, the next ones find them in the cache;
    and the whole ``srsapp export`` command after that."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from srsapp.ui.diagram_png import render_diagram_png

    QApplication.instance() or QApplication([])
    d = work / "docker-export"
    if d.exists():
        shutil.rmtree(d)
    out = work / "docker.apkg"
    with Collection.open(d, rng=random.Random(1), now=NOW) as col:
        first = [timed(lambda: col.export_file(out, render_diagram=render_diagram_png, now=NOW))]
        size = out.stat().st_size / 1e6
        cached = samples(
            lambda: col.export_file(out, render_diagram=render_diagram_png, now=NOW), repeat
        )
    cmd = [sys.executable, "-m", "srsapp", "--data-dir", str(d), "export", str(out)]

    def cli() -> None:
        r = subprocess.run(cmd, capture_output=True, env=cli_env(), check=False)
        if r.returncode != 0:
            raise RuntimeError(f"export exit {r.returncode}: {r.stderr.decode()[-300:].strip()}")

    note = f"{size:.1f} MB package"
    return {
        "Docker deck .apkg export, first": (first, f"98 pictures drawn; {note}"),
        "Docker deck .apkg export, again": (cached, f"pictures from the cache; {note}"),
        "Docker deck: srsapp export (process)": (samples(cli, repeat), "process, pictures cached"),
    }
