"""How fast notes become cards: the bundled notes, and 0.25 / 0.5 / 1 MB of distinct notes.

Run: .venv/bin/python -m benchmarks.bench_generate
Targets: the bundled notes < 50 ms; 1 MB < 2 s (cold: text never seen before), growing linearly.

The big inputs mix the corpus files (``benchmarks/cards/corpus``) and the bundled notes, copy
after copy, each copy with its headings renamed and words swapped in every line (seeded), so no
two sentences are the same: a cache keyed by a sentence's text cannot hit on a repeat. "cold" is
the first generation of a text this process never saw (every sample a new seed); "warm" is
generating the same text again after a one-line edit, as the app does when a notes file is saved.
"""

from __future__ import annotations

import random
import re
import resource
import time
from pathlib import Path

from srsapp.core.notes import generate_deck

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "decks" / "docker-notes.md"
CORPUS = ROOT / "benchmarks" / "cards" / "corpus"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.MULTILINE)
# a word that can be swapped (tags, fences and short tokens stay as they are)
_SWAP = re.compile(r"<[^>\n]*>|([A-Za-z]{3,}|[\uac00-\ud7a3]{2,}[^\s`*_\[\]()<>|:,.?!]*)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def big_notes(source: str, size: int) -> str:
    """Repeat the notes, renaming every heading so that each copy has its own concepts (the
    bodies repeat: only for measuring what a cache keyed by text would gain)."""
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        n += 1
        copy = _HEADING.sub(lambda m, n=n: f"{m.group(1)} {m.group(2)} {n}", source)
        copy = copy.replace("docker", f"docker{n % 7 or ''}")  # vary commands a little too
        parts.append(copy)
        total += len(copy.encode("utf-8"))
    return "\n".join(parts)


def sources() -> list[str]:
    """The corpus files and the bundled notes, in a fixed order."""
    paths = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md") + [NOTES]
    return [p.read_text(encoding="utf-8") for p in paths]


def _pools(texts: list[str]) -> tuple[list[str], list[str]]:
    words = [m.group(1) for t in texts for m in _SWAP.finditer(t) if m.group(1)]
    latin = sorted({w for w in words if w.isascii()})
    hangul = sorted({w for w in words if not w.isascii()})
    return latin, hangul


def _vary(text: str, rng: random.Random, latin: list[str], hangul: list[str]) -> str:
    """Swap about a quarter of the words of every line (at least one) for other words of the
    same script; headings keep their words."""
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if not in_fence and _HEADING.match(line):
            out.append(line)
            continue
        spots = [m for m in _SWAP.finditer(line) if m.group(1)]
        if not spots:
            out.append(line)
            continue
        chosen = {i for i in range(len(spots)) if rng.random() < 0.25}
        chosen.add(rng.randrange(len(spots)))
        pieces: list[str] = []
        pos = 0
        for i, m in enumerate(spots):
            if i not in chosen:
                continue
            pool = latin if m.group(1).isascii() else hangul
            pieces.append(line[pos : m.start(1)])
            pieces.append(rng.choice(pool))
            pos = m.end(1)
        pieces.append(line[pos:])
        out.append("".join(pieces))
    return "\n".join(out)


def distinct_notes(size: int, seed: int = 1) -> str:
    """About ``size`` bytes of notes in which no line with words repeats: the corpus files and
    the bundled notes over and over, each copy with numbered headings and swapped words."""
    texts = sources()
    latin, hangul = _pools(texts)
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        src = texts[n % len(texts)]
        n += 1
        copy = _HEADING.sub(lambda m, n=n: f"{m.group(1)} {m.group(2)} {seed}-{n}", src)
        copy = _vary(copy, rng, latin, hangul)
        parts.append(copy)
        total += len(copy.encode("utf-8"))
    return "\n".join(parts)


def one_line_edit(text: str) -> str:
    """The text with one word of one line (in its middle) changed, as when a learner saves."""
    lines = text.split("\n")
    mid = len(lines) // 2
    for k in range(mid, len(lines)):
        m = re.search(r"[A-Za-z]{3,}|[\uac00-\ud7a3]{2,}", lines[k])
        if m and not _HEADING.match(lines[k]):
            lines[k] = lines[k][: m.start()] + "편집된" + lines[k][m.end() :]
            break
    return "\n".join(lines)


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (the processes a big
    generation shares the notes with)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def timed(text: str) -> tuple[float, float, float, int]:
    """One generation: wall seconds, CPU seconds of the process (the analyser's threads and the
    processes it shared the notes with too)
    and of this thread, and the cards made."""
    w0, c0, t0 = time.perf_counter(), _cpu(), time.thread_time()
    deck = generate_deck(text, "big.md")
    return (
        time.perf_counter() - w0,
        _cpu() - c0,
        time.thread_time() - t0,
        len(deck.cards),
    )


def best(samples: list[tuple[float, float, float, int]]) -> tuple[float, float, float, int]:
    """Each measure at its best (on a shared machine the others only add noise)."""
    return (
        min(s[0] for s in samples),
        min(s[1] for s in samples),
        min(s[2] for s in samples),
        samples[-1][3],
    )


def main() -> None:
    source = NOTES.read_text(encoding="utf-8")
    rows: list[tuple[str, int, tuple[float, float, float, int]]] = []
    generate_deck(source, str(NOTES))  # loads the Korean analyser
    rows.append(("bundled notes", len(source.encode()), best([timed(source) for _ in range(7)])))
    seed = 0
    text = source
    for mb in (0.25, 0.5, 1.0):
        samples = []
        for _ in range(2 if mb < 1 else 3):
            seed += 1
            text = distinct_notes(int(mb * 1024 * 1024), seed)
            samples.append(timed(text))
        rows.append((f"{mb:g} MB cold", len(text.encode()), best(samples)))
    # the last 1 MB text again after a one-line edit (the app re-generates a file on each save)
    samples = []
    for _ in range(3):
        text = one_line_edit(text)
        samples.append(timed(text))
    rows.append(("1 MB warm, 1 line edit", len(text.encode()), best(samples)))
    rep = big_notes(source, 1024 * 1024)
    rows.append(("1 MB bundled repeated", len(rep.encode()), best([timed(rep) for _ in range(3)])))
    print(
        f"{'input':<24}{'bytes':>10}{'cards':>8}{'seconds':>10}{'cpu s':>8}{'main s':>8}"
        f"{'µs/card':>10}"
    )
    for name, size, (wall, cpu, main_cpu, cards) in rows:
        print(
            f"{name:<24}{size:>10}{cards:>8}{wall:>10.3f}{cpu:>8.2f}{main_cpu:>8.2f}"
            f"{wall / max(cards, 1) * 1e6:>10.1f}"
        )
    print("(seconds: wall, best of the runs; cpu s: the process's CPU, the analyser's threads and")
    print(" the forked processes sharing the notes too;")
    print(" main s: this thread's CPU. The cold runs are each a text never seen before.)")
    bundled = rows[0][2][0]
    one_mb = rows[3][2][0]
    print(
        f"bundled < 50 ms: {'yes' if bundled < 0.05 else 'NO'};  "
        f"1 MB cold < 2 s: {'yes' if one_mb < 2 else 'NO'}"
    )


if __name__ == "__main__":
    main()
