"""How fast notes become cards: the bundled notes, and 0.25 / 0.5 / 1 MB of varied notes.

Run: .venv/bin/python -m benchmarks.bench_generate
Targets: the bundled notes < 50 ms; 1 MB < 2 s, growing linearly.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from srsapp.core.notes import generate_deck

NOTES = Path(__file__).resolve().parent.parent / "decks" / "docker-notes.md"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.MULTILINE)


def big_notes(source: str, size: int) -> str:
    """Repeat the notes, renaming every heading so that each copy has its own concepts."""
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


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    source = NOTES.read_text(encoding="utf-8")
    rows: list[tuple[str, int, int, float]] = []
    deck = generate_deck(source, str(NOTES))
    t = best_of(lambda: generate_deck(source, str(NOTES)), 7)
    rows.append(("bundled notes", len(source.encode()), len(deck.cards), t))
    for mb in (0.25, 0.5, 1.0):
        text = big_notes(source, int(mb * 1024 * 1024))
        deck = generate_deck(text, "big.md")
        t = best_of(lambda text=text: generate_deck(text, "big.md"), 2)
        rows.append((f"{mb:g} MB varied notes", len(text.encode()), len(deck.cards), t))
    print(f"{'input':<22}{'bytes':>10}{'cards':>8}{'seconds':>10}{'µs/card':>10}")
    for name, size, cards, secs in rows:
        print(f"{name:<22}{size:>10}{cards:>8}{secs:>10.3f}{secs / max(cards, 1) * 1e6:>10.1f}")
    bundled = rows[0][3]
    one_mb = rows[-1][3]
    print(
        f"bundled < 50 ms: {'yes' if bundled < 0.05 else 'NO'};  1 MB < 2 s: {'yes' if one_mb < 2 else 'NO'}"
    )


if __name__ == "__main__":
    main()
