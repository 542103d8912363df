"""Anki's side of the benchmarks: the real Anki (``anki`` package, Rust backend) on the
same synthetic data, built from our collection file so both hold the same cards.

Mapping: one Basic note + card per card of ours (front/back as the two fields), decks by
name, the concept's path as a hierarchical tag, states as Anki card types/queues (FSRS memory state in
the card data, FSRS on), the review log row for row. Anki's scheduler runs on the real
clock, so every time is shifted by (real now - ``synth.NOW``); review due days are counted
from Anki's "today".

AGPL: this module is a benchmark; nothing in ``srsapp/`` imports ``anki``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anki.collection  # noqa: F401 (first: importing anki.cards alone is circular)
from anki.cards import Card as AnkiCard
from anki.collection import Collection as AnkiCollection
from anki.collection import (
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.scheduler.v3 import CardAnswer

from benchmarks.bench_core import SHOW_ANSWER, samples, timed
from benchmarks.synth import DAY, NOW, NOW_S, SynthInfo
from srsapp.service.collection import DB_NAME

_TAG_SAFE = re.compile(r"[\s\"']+")


@dataclass(frozen=True)
class AnkiInfo:
    path: Path
    deck_ids: dict[str, int]  # our deck name → Anki deck id
    first_deck: int
    seconds: float


def _strip(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def build_anki(info: SynthInfo, dest_dir: Path) -> AnkiInfo:
    """An Anki collection holding the same cards, states and review log as ``info``."""
    t0 = time.perf_counter()
    if dest_dir.exists():
        shutil.rmtree(dest_dir)
    dest_dir.mkdir(parents=True)
    path = dest_dir / "collection.anki2"
    src = sqlite3.connect(info.path / DB_NAME)
    decks = src.execute("SELECT id, name FROM decks ORDER BY id").fetchall()

    col = AnkiCollection(str(path))
    col.set_config("fsrs", True)
    mid = col.models.by_name("Basic")["id"]
    deck_map = {our: int(col.decks.id(name)) for our, name in decks}
    today = col.sched.today
    col.close()

    real_now = int(time.time())
    shift = real_now - NOW_S
    day_start = int(NOW.replace(hour=4, minute=0).timestamp())
    # the whole concept path as one hierarchical tag (deck::chapter::section), so that
    # "tag:*container*" finds the cards "concept:container" finds (the chapter alone, as
    # before, found 7,587 of 13,620 at 100k: a section's name was not searched)
    chapters = {
        cid: "::".join(_TAG_SAFE.sub("_", part) for part in json.loads(p))
        for cid, p in src.execute("SELECT id, path FROM concepts")
    }
    notes, cards = [], []
    nid_base = 1_600_000_000_000
    for row in src.execute(
        "SELECT id, deck_id, concept_id, front, back, position, suspended, state, stability, "
        "difficulty, due, last_review, reps, lapses FROM cards ORDER BY id"
    ):
        cid, did, concept, front, back, pos, susp, state, stab, diff, due, last, reps, lapses = row
        nid = nid_base + cid
        sfld = _strip(front)
        csum = int(hashlib.sha1(sfld.encode()).hexdigest()[:8], 16)
        tags = f" {chapters.get(concept, 'none')} "
        notes.append((nid, f"g{cid}", mid, real_now, -1, tags, f"{front}\x1f{back}", sfld, csum,
                      0, ""))  # fmt: skip
        data = ""
        ivl = 0
        left = 0
        if state == 0:
            ctype, queue, adue = 0, 0, pos
        elif state in (1, 3):
            ctype, queue, adue, left = state, 1, due + shift, 1
        else:
            ctype, queue = 2, 2
            adue = today + (due - day_start) // DAY
            ivl = max(1, (due - (last or due)) // DAY)
        if stab is not None:
            data = json.dumps({"s": stab, "d": diff, "dr": 0.9})
        if susp:
            queue = -1
        cards.append((nid, nid, deck_map[did], 0, real_now, -1, ctype, queue, adue, ivl, 2500,
                      reps, lapses, left, 0, 0, 0, data))  # fmt: skip
    revlog = []
    seen: set[int] = set()
    for _rid, card_id, t_ms, rating, dur, before, _after, ivl_s, *_ in src.execute(
        "SELECT id, card_id, time_ms, rating, duration_ms, state_before, state_after, "
        "interval_s FROM revlog ORDER BY id"
    ):
        aid = t_ms + shift * 1000
        while aid in seen:
            aid += 1
        seen.add(aid)
        rtype = {0: 0, 1: 0, 2: 1, 3: 2}.get(before, 1)
        revlog.append((aid, nid_base + card_id, -1, rating, max(1, ivl_s // DAY), 0, 2500,
                       min(dur, 60_000), rtype))  # fmt: skip
    src.close()

    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    con.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", notes)
    con.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)
    con.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", revlog)
    con.execute("COMMIT")
    con.close()
    first = deck_map[min(deck_map)]
    return AnkiInfo(path, {name: deck_map[i] for i, name in decks}, first, time.perf_counter() - t0)


def _open(info: AnkiInfo) -> AnkiCollection:
    return AnkiCollection(str(info.path))


def bench_open(info: AnkiInfo, repeat: int) -> list[float]:
    def once() -> None:
        col = _open(info)
        col.close()

    return samples(once, repeat)


def bench_queue(info: AnkiInfo, repeat: int) -> list[float]:
    """``deck_due_tree()`` (the deck list's counts) plus ``get_queued_cards()`` for one deck.
    Anki keeps the built queue until something changes; switching the current deck away
    and back (untimed) before each run makes it build the queue every time."""
    col = _open(info)
    try:
        other = next((d for d in info.deck_ids.values() if d != info.first_deck), 1)
        out = []
        for i in range(repeat + 1):
            col.decks.select(other)
            col.sched.get_queued_cards()
            col.decks.select(info.first_deck)

            def once() -> None:
                col.sched.deck_due_tree()
                col.sched.get_queued_cards()

            t = timed(once)
            if i:
                out.append(t)
        return out
    finally:
        col.close()


RATINGS = [CardAnswer.GOOD, CardAnswer.GOOD, CardAnswer.AGAIN, CardAnswer.GOOD, CardAnswer.HARD,
           CardAnswer.EASY]  # fmt: skip


def _answer_next(col: AnkiCollection, rating: Any) -> float | None:
    return _answer_then_next(col, rating)[0]


def _answer_then_next(col: AnkiCollection, rating: Any) -> tuple[float | None, float, float]:
    """(the answer to the queue's first card, the queue read after it: the next card with
    its counts and next states, the answer side's buttons labelled from those states);
    (None, 0, 0) when nothing is left."""
    queued = col.sched.get_queued_cards()
    if not queued.cards:
        return None, 0.0, 0.0
    qc = queued.cards[0]
    card = AnkiCard(col, backend_card=qc.card)
    card.start_timer()
    t_show = timed(lambda: col.sched.describe_next_states(qc.states))

    def once() -> None:
        col.sched.answer_card(col.sched.build_answer(card=card, states=qc.states, rating=rating))

    return timed(once), timed(col.sched.get_queued_cards), t_show


def bench_answer(info: AnkiInfo, work: Path, n: int) -> list[float]:
    return bench_answer_next(info, work, n)["answer (synchronous=FULL)"][0]


def bench_answer_next(info: AnkiInfo, work: Path, n: int) -> dict[str, tuple[list[float], str]]:
    answers, nexts, reveals = [], [], []
    for t, t_next, t_show in answer_steps(info, work, n):
        answers.append(t)
        nexts.append(t_next)
        reveals.append(t_show)
    return {
        "answer (synchronous=FULL)": (answers, "answer_card"),
        "next card after an answer": (nexts, "get_queued_cards (its next states with it)"),
        SHOW_ANSWER: (reveals, "describe_next_states of the queued states"),
    }


def answer_steps(info: AnkiInfo, work: Path, n: int) -> Iterator[tuple[float, float, float]]:
    """Anki's session one card at a time (as ``bench_core.answer_steps``): (the answer, the
    queue read after it, the answer side's buttons) of ``n`` cards after three left out."""
    dest = work / "anki-answer"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(info.path.parent, dest)
    col = AnkiCollection(str(dest / info.path.name))
    try:
        col.decks.select(info.first_deck)
        for i in range(n + 3):
            t, t_next, t_show = _answer_then_next(col, RATINGS[i % len(RATINGS)])
            if t is None:
                break
            if i >= 3:
                yield t, t_next, t_show
    finally:
        col.close()


def bench_first_card(info: AnkiInfo, repeat: int) -> list[float]:
    """``get_queued_cards()`` on a just-opened collection (the queue is built)."""
    out = []
    for i in range(repeat + 1):
        col = _open(info)
        try:
            col.decks.select(info.first_deck)
            t = timed(col.sched.get_queued_cards)
            if i:
                out.append(t)
        finally:
            col.close()
    return out


def bench_undo(info: AnkiInfo, work: Path, n: int) -> list[float]:
    dest = work / "anki-undo"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(info.path.parent, dest)
    col = AnkiCollection(str(dest / info.path.name))
    try:
        col.decks.select(info.first_deck)
        out = []
        for _ in range(n):
            if _answer_next(col, CardAnswer.GOOD) is None:
                break
            out.append(timed(col.undo))
        return out
    finally:
        col.close()


# as ours (bench_core.SEARCHES): the two searches sorted by the browser's sort column (the
# sort field, Anki's default: n.sfld, the front's text without tags), the third by due
SEARCHES = {
    "search concept:": ("tag:*container*", "noteFld"),
    "search free text": ("volume", "noteFld"),
    "search + sort by due": ("deck:*", "c.due desc"),
}


def bench_search(info: AnkiInfo, repeat: int) -> dict[str, tuple[list[float], str]]:
    col = _open(info)
    try:
        out = {}
        for label, (query, how) in SEARCHES.items():
            order: Any = col.get_browser_column(how) if how == "noteFld" else how

            def once(q: str = query, o: Any = order) -> Any:
                return col.find_cards(q, order=o)

            hits = len(once())
            out[label] = (samples(once, repeat), f"{hits} hits")
        return out
    finally:
        col.close()


def _import_fresh(package: Path, d: Path) -> tuple[AnkiCollection, float]:
    """Anki's own import of ``package`` into a new empty collection in ``d``: (the
    collection, still open, and the seconds the import took)."""
    if d.exists():
        shutil.rmtree(d)
    d.mkdir()
    col = AnkiCollection(str(d / "c.anki2"))
    req = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
    )
    return col, timed(lambda: col.import_anki_package(req))


def import_once(package: Path, work: Path) -> tuple[float, float]:
    """Anki's import of ``package`` into a new empty collection: the seconds it took and the
    process's CPU seconds from its start to the collection closed."""
    d = work / "anki-imp"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir()
    col = AnkiCollection(str(d / "c.anki2"))
    req = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
    )
    c0 = time.process_time()
    took = timed(lambda: col.import_anki_package(req))
    col.close()
    cpu = time.process_time() - c0
    shutil.rmtree(work / "anki-imp")
    return took, cpu


def history_packages(work: Path, notes: int) -> dict[str, tuple[Path, int]]:
    """Packages Anki built and exported itself (current format, scheduling included) from
    the synthetic collection of ``notes`` cards with about 5.75 answers a card: ``"fsrs"``
    with FSRS on and each studied card's memory state stored, ``"sm2"`` with FSRS off and no
    memory state (most Anki users' collections). Name -> (package, review-log rows)."""
    from benchmarks.synth import build_collection

    info = build_collection(work / f"history-{notes}", notes, reviews_per_card=5.75)
    out = {}
    for name in ("fsrs", "sm2"):
        ainfo = build_anki(info, work / f"history-anki-{notes}-{name}")
        col = _open(ainfo)
        try:
            if name == "sm2":
                col.db.execute("UPDATE cards SET data = ''")
                col.set_config("fsrs", False)
            path = work / f"history-{notes}-{name}.apkg"
            col.export_anki_package(
                out_path=str(path),
                options=ExportAnkiPackageOptions(
                    with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False
                ),
                limit=None,
            )
            out[name] = (path, int(col.db.scalar("SELECT count() FROM revlog")))
        finally:
            col.close()
    return out


def bench_apkg(package: Path, work: Path, repeat: int) -> dict[str, tuple[list[float], str]]:
    """Anki's own import (into an empty collection) and export (current format, scheduling
    and media included) of the same 10k-note package."""
    imp = [import_once(package, work)[0] for _ in range(repeat + 1)][1:]  # 1st: warm-up
    col, _took = _import_fresh(package, work / "anki-imp-export")
    out_path = work / "anki-export.apkg"

    def export() -> None:
        col.export_anki_package(
            out_path=str(out_path),
            options=ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False
            ),
            limit=None,
        )

    exp = samples(export, repeat, warmup=0)
    col.close()
    return {
        ".apkg import 10k notes": (imp, "import_anki_package"),
        ".apkg export 10k notes": (exp, "export_anki_package"),
    }
