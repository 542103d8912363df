"""The lines a notes file made no card of are told the same in every process: the rows of one
line in the order they are written (they were sorted by their line out of a set of strings,
whose order changes with Python's hash seed, and so did which sentence a block was told by)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# (lines with two sentences that make no card: "These are special kind of accounts …" and "A
# placeholder account won't contain …" on one line, told in either order before)
NOTES = ROOT / "benchmarks" / "cards" / "extra" / "en-accounting-gnucash-notes.md"


def test_the_skipped_lines_are_the_same_whatever_the_hash_seed() -> None:
    code = (
        "import sys\nfrom srsapp.core.notes import generate_deck\n"
        "deck = generate_deck(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1])\n"
        "print('\\n'.join(str(s) for s in deck.skipped))\n"
    )
    told = {
        seed: subprocess.run(
            [sys.executable, "-c", code, str(NOTES)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert told["1"].strip()
    assert told["1"] == told["2"]
