"""Readers' verdicts on cards of the extra notes, replayed against today's generator.

``python -m benchmarks.cards.verdicts`` regenerates the cards of every extra notes file that has
verdicts (``benchmarks/cards/verdicts/*.jsonl``: one card a line, as readers judged it: keep,
meh or bad, with the class of its flaw) and sorts each judged card into

- *same*: today's generator still makes it, word for word (same key, front and back): its
  verdict still holds;
- *changed*: a card with its key is still made, but with another front or back: unknown now;
- *dropped*: no card with its key is made any more.

It prints, per verdict, how many cards are the same, changed and dropped, and the keep rate of
the judged cards still made (each file weighted by its cards, as a reader sampling each file
would count them), so that a generator change can be weighed on cards readers already judged:
a rule that drops bad cards and few kept ones raises the rate of what a learner will see. The
cards each file makes today that no reader saw (new, or not in the sample) are counted too:
the rate says nothing of them. ``--list bad`` (or ``keep`` / ``meh``) lists the judged cards of
that verdict still made, ``--dropped`` the judged cards no longer made, ``--class X`` filters.

Nothing here asserts; the readers' samples and how they were drawn are described in
``benchmarks/cards/verdicts/README.md``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from srsapp.core.notes import decode_notes, generate_deck
from srsapp.core.notes.deck import preview

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "verdicts"
EXTRA = HERE / "extra"
VERDICT_NAMES = ("keep", "meh", "bad")


@dataclass(frozen=True)
class Judged:
    file: str
    key: str
    kind: str
    front: str
    back: str
    verdict: str
    flaw: str  # the class of the flaw ("-" for keep)
    note: str


def load(paths: list[Path] | None = None) -> list[Judged]:
    out = []
    for path in paths if paths is not None else sorted(VERDICTS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            d = json.loads(line)
            if d["verdict"] not in VERDICT_NAMES:
                raise ValueError(
                    f"{path.name} line {n}: verdict {d['verdict']!r} is none of {VERDICT_NAMES}"
                )
            out.append(
                Judged(
                    d["file"],
                    d["key"],
                    d["kind"],
                    d["front"],
                    d["back"],
                    d["verdict"],
                    d.get("class", "-"),
                    d.get("note", ""),
                )
            )
    return out


def sort_judged(
    judged: list[Judged], made: dict[str, list[dict[str, Any]]]
) -> dict[str, list[Judged]]:
    """Each judged card as same / changed / dropped against the cards made now (by file name:
    previews of today's cards)."""
    out: dict[str, list[Judged]] = {"same": [], "changed": [], "dropped": []}
    for j in judged:
        cards = made.get(j.file, [])
        texts = {(c["key"], c["front"], c["back"]) for c in cards}
        keys = {c["key"] for c in cards}
        if (j.key, j.front, j.back) in texts:
            out["same"].append(j)
        elif j.key in keys:
            out["changed"].append(j)
        else:
            out["dropped"].append(j)
    return out


def keep_rate(same: list[Judged]) -> tuple[float, float]:
    """The keep rate (and keep+meh rate) of the judged cards still made, pooled: every file's
    sample holds at most the same number of cards, so each file counts about alike."""
    counts = Counter(j.verdict for j in same)
    total = sum(counts.values())
    if not total:
        return 0.0, 0.0
    return counts["keep"] / total, (counts["keep"] + counts["meh"]) / total


def make_all(files: set[str]) -> dict[str, list[dict[str, Any]]]:
    made = {}
    for name in sorted(files):
        path = EXTRA / name
        text = decode_notes(path.read_bytes(), str(path))
        made[name] = [preview(c) for c in generate_deck(text, str(path)).cards]
    return made


def _show(j: Judged) -> str:
    return (
        f"  {j.file} [{j.kind}] {j.verdict}/{j.flaw}: {j.note}\n"
        f"    Q: {j.front.replace(chr(10), ' / ')}\n    A: {j.back.replace(chr(10), ' / ')}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.cards.verdicts")
    ap.add_argument("--list", choices=VERDICT_NAMES, help="list the judged cards still made")
    ap.add_argument("--dropped", action="store_true", help="list the judged cards no longer made")
    ap.add_argument("--changed", action="store_true", help="list the judged cards made otherwise")
    ap.add_argument("--class", dest="flaw", help="only the judged cards of this flaw class")
    args = ap.parse_args(argv)
    judged = load()
    made = make_all({j.file for j in judged})
    groups = sort_judged(judged, made)
    print(f"{'':<8} {'same':>6} {'changed':>8} {'dropped':>8}")
    for v in VERDICT_NAMES:
        counts = [
            sum(1 for j in groups[g] if j.verdict == v) for g in ("same", "changed", "dropped")
        ]
        print(f"{v:<8} {counts[0]:>6} {counts[1]:>8} {counts[2]:>8}")
    keep, keep_meh = keep_rate(groups["same"])
    flaws = Counter(j.flaw for j in groups["same"] if j.verdict != "keep")
    print(
        f"\njudged cards still made: {len(groups['same'])} of {len(judged)}; keep {keep:.1%}, "
        f"keep or meh {keep_meh:.1%}\nflaws of the meh and bad still made: "
        + ", ".join(f"{k} {n}" for k, n in flaws.most_common())
    )
    print(f"cards made now in the {len(made)} judged files: {sum(len(c) for c in made.values())}")
    chosen: list[Judged] = []
    if args.list:
        chosen += [j for j in groups["same"] if j.verdict == args.list]
    if args.dropped:
        chosen += groups["dropped"]
    if args.changed:
        chosen += groups["changed"]
    for j in chosen:
        if args.flaw is None or j.flaw == args.flaw:
            print(_show(j))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
