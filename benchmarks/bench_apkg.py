"""Benchmark: a 10,000-note / 100,000-revlog package, our reader/writer vs Anki's own
import/export of the same file in the same run; and end to end through the collection
(``Collection.import_file`` / ``export_file``: one transaction, FSRS states, review log)
against Anki's import/export. Target: no slower than Anki.

    /work/venv/bin/python benchmarks/bench_apkg.py [--notes N] [--reviews M]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)

from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Queue,
    RevlogEntry,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection as OurCollection

CRT = 1_700_000_000


def synthetic(n_notes: int, n_reviews: int) -> AnkiPackage:
    nt = Notetype(
        1,
        "Basic",
        NotetypeKind.BASIC,
        ["Front", "Back"],
        [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")],
    )
    decks = {10 + i: Deck(10 + i, f"Bench::개념 {i}") for i in range(20)}
    notes, cards, revlog = [], [], []
    per_card = max(1, n_reviews // n_notes)
    for i in range(n_notes):
        nid = 1_000_000 + i
        notes.append(
            Note(nid, f"bench-{i}", 1, [f"질문 {i} <b>docker</b>", f"답 {i}"], ["bench"], CRT)
        )
        cards.append(
            Card(nid, nid, 0, 10 + i % 20, CardType.REVIEW, Queue.REVIEW, 100 + i % 30, 10,
                 2500, per_card, 0, stability=10.0 + i % 7, difficulty=5.0)
        )  # fmt: skip
        for k in range(per_card):
            rid = (CRT + k * 86_400) * 1000 + i
            revlog.append(RevlogEntry(rid, nid, 3, k + 1, k, 2500, 6000, 1))
    return AnkiPackage({1: nt}, decks, notes, cards, revlog[:n_reviews], {}, CRT)


def timed(label: str, fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    took = time.perf_counter() - start
    print(f"{label:<40} {took:8.2f} s")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=10_000)
    ap.add_argument("--reviews", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        pkg = synthetic(args.notes, args.reviews)
        src = t / "bench.apkg"
        ours_write = timed("ours: write_package", lambda: write_package(pkg, src))
        box: dict[str, AnkiPackage] = {}
        ours_read = timed("ours: read_package", lambda: box.update(p=read_package(src)))
        assert len(box["p"].notes) == args.notes and len(box["p"].revlog) == args.reviews

        req = ImportAnkiPackageRequest(
            package_path=str(src), options=ImportAnkiPackageOptions(with_scheduling=True)
        )
        # one untimed import on each side first: both run in a warm process, as the app does
        warm = Collection(str(t / "anki-warm.anki2"))
        warm.import_anki_package(req)
        warm.close()
        col = Collection(str(t / "anki.anki2"))
        anki_import = timed("anki: import_anki_package", lambda: col.import_anki_package(req))
        assert col.note_count() == args.notes
        assert col.db.scalar("select count() from revlog") == args.reviews

        def anki_export(legacy: bool) -> None:
            col.export_anki_package(
                out_path=str(t / f"anki-{legacy}.apkg"),
                options=ExportAnkiPackageOptions(
                    with_scheduling=True, with_deck_configs=True, with_media=True, legacy=legacy
                ),
                limit=None,
            )

        anki_exp = timed("anki: export (legacy)", lambda: anki_export(True))
        anki_exp_new = timed("anki: export (current)", lambda: anki_export(False))
        col.close()
        ours_read_cur = timed(
            "ours: read_package (Anki's current export)",
            lambda: read_package(t / "anki-False.apkg"),
        )
        with OurCollection.open(t / "ours-warm", seed=False, rng=random.Random(1)) as warm_ours:
            warm_ours.import_file(src)
        ours = OurCollection.open(t / "ours", seed=False, rng=random.Random(1))
        ours.set_settings(timezone="UTC")
        col_import = timed("ours: Collection.import_file", lambda: ours.import_file(src))
        assert ours.card_count() == args.notes and ours.revlog_count() == args.reviews
        col_export = timed(
            "ours: Collection.export_file (.apkg)", lambda: ours.export_file(t / "ours-out.apkg")
        )
        again = read_package(t / "ours-out.apkg")
        assert len(again.notes) == args.notes and len(again.revlog) == args.reviews
        col_reimport = timed("ours: import_file again (all matched)", lambda: ours.import_file(src))
        ours.close()
        print()
        print(f"end to end import: ours/anki = {col_import / anki_import:.2f}"
              f" (re-import {col_reimport / anki_import:.2f})")  # fmt: skip
        print(f"end to end export: ours/anki(current) = {col_export / anki_exp_new:.2f}, "
              f"ours/anki(legacy) = {col_export / anki_exp:.2f}")  # fmt: skip
        print(f"import: ours/anki = {ours_read / anki_import:.2f}")
        print(f"export: ours/anki(legacy) = {ours_write / anki_exp:.2f}, "
              f"ours/anki(current) = {ours_write / anki_exp_new:.2f}")  # fmt: skip
        print(f"read current format: {ours_read_cur:.2f} s")


if __name__ == "__main__":
    main()
