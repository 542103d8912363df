"""How good are the cards made from real notes? ``python -m benchmarks.cards``

For every notes file of the corpus (``benchmarks/cards/corpus/*.md``, each with the facts a
careful learner would make cards for in ``X.facts.toml``) and the bundled Docker notes, prints:
cards made, facts covered, problem cards (empty side, answer on the front, duplicate fronts, raw
Markdown left, a back longer than 8 lines, more than one cloze per sentence), blocks skipped, and
the totals. ``--show FILE`` lists one file's cards; ``--sample N`` prints N random cards per file
(seeded) for a careful read; ``--missed`` lists the facts no card asks; ``--json`` for machines.

Nothing here asserts: ``tests/core/test_corpus.py`` holds the targets.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

from benchmarks.cards.measure import CORPUS, DOCKER, FileResult, measure_file


def _line(r: FileResult) -> str:
    return (
        f"{r.name:<34} {r.cards:>5} {r.covered:>4}/{r.facts:<4} {r.coverage:>6.1%} "
        f"{len(r.problems):>5} {r.skipped:>5} {r.seconds * 1000:>7.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.cards")
    ap.add_argument("files", nargs="*", help="only these corpus files (names or stems)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every card of the files")
    ap.add_argument("--sample", type=int, default=0, help="print N random cards per file")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--missed", action="store_true", help="list the facts no card asks")
    ap.add_argument("--problems", action="store_true", help="list the problem cards")
    args = ap.parse_args(argv)

    paths = sorted(CORPUS.glob("*.md"))
    paths = [p for p in paths if p.name != "README.md"] + [DOCKER]
    if args.files:
        wanted = set(args.files)
        paths = [p for p in paths if p.name in wanted or p.stem in wanted]
    results = [measure_file(p) for p in paths]

    if args.json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=1))
        return 0
    rng = random.Random(args.seed)
    print(f"{'file':<34} {'cards':>5} {'facts':>9} {'cover':>6} {'probl':>5} {'skip':>5} {'ms':>7}")
    for r in results:
        print(_line(r))
        if args.missed:
            for f in r.missed:
                print(f"    missed (line {f.line}): {f.cue} -> {f.answer}")
        if args.problems:
            for p in r.problems:
                print(f"    problem: {p}")
        cards = r.cards_plain
        if args.show or args.sample:
            chosen = cards if args.show else rng.sample(cards, min(args.sample, len(cards)))
            for c in chosen:
                print(f"  [{c['kind']}] (line {c['line']}) {' › '.join(c['concept'])}")
                print("    Q: " + c["front"].replace("\n", "\n       "))
                print("    A: " + c["back"].replace("\n", "\n       "))
    corpus = [r for r in results if r.path != DOCKER]
    facts = sum(r.facts for r in corpus)
    covered = sum(r.covered for r in corpus)
    empty = [r.name for r in results if r.cards == 0]
    problems = sum(len(r.problems) for r in results)
    size = sum(r.size for r in results)
    secs = sum(r.seconds for r in results)
    print(
        f"\ncorpus: {len(corpus)} files, {sum(r.cards for r in corpus)} cards, "
        f"facts covered {covered}/{facts} ({covered / max(facts, 1):.1%}); "
        f"files without cards: {len(empty)} {empty if empty else ''}; problem cards: {problems}; "
        f"blocks skipped: {sum(r.skipped for r in results)}"
    )
    docker = [r for r in results if r.path == DOCKER]
    if docker:
        d = docker[0]
        print(
            f"docker notes: {d.cards} text cards, facts covered {d.covered}/{d.facts} "
            f"({d.coverage:.1%}), problem cards {len(d.problems)}"
        )
    print(
        f"generate: {secs:.2f} s for {size / 1024:.0f} KiB ({secs / max(size, 1) * 2**20:.2f} s/MiB)"
    )
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    rc = main()
    print(f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    sys.exit(rc)
