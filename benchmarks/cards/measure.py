"""Measuring the cards one notes file makes against the facts a careful learner listed for it.

A fact (``X.facts.toml``: ``cue``, ``answer``, ``line``) is covered when one card's front holds
every cue string and its back every answer string, compared as plain text, case-folded, with all
white space removed (Korean spacing varies). Problem cards are found here independently of the
generator's own validator.
"""

from __future__ import annotations

import re
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from srsapp.core.model import CardDraft, CardKind
from srsapp.core.notes import decode_notes, generate_deck
from srsapp.core.notes.deck import preview
from srsapp.core.text import html_to_text

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parents[1]
DOCKER = ROOT / "decks" / "docker-notes.md"
MAX_BACK_LINES = 8

_WS = re.compile(r"\s+")
# Markdown that must never reach a card's visible text (outside code).
_RAW = [
    # ("__bold__", "__굵게__"; not a name such as __init__ or __android_log_print)
    (
        re.compile(
            r"\*\*|(?<![A-Za-z0-9_])__(?![A-Za-z0-9_]+__)(?=[^\s_])(?:(?!__).)+?__"
            r"|(?<![A-Za-z0-9_])__(?=[^\sA-Za-z0-9_])"
        ),
        "bold markers",
    ),
    (re.compile(r"`"), "backtick"),
    (re.compile(r"^\s*\|.*\|\s*$", re.M), "table row"),
    (re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|", re.M), "table rule"),
    (re.compile(r"!\[\[|\[\[[^\]]+\]\]"), "wiki link/embed"),
    (re.compile(r"!?\[(?!\.\.\.\])[^\]]*\]\([^)]*\)"), "Markdown link"),  # not the [...] hole
    (
        re.compile(r"<\s*/?\s*(br|details|summary|div|span|img|p|b|i|sup|sub)\b[^>]*>", re.I),
        "HTML tag",
    ),
    (re.compile(r"&(nbsp|lt|gt|amp);"), "HTML entity"),
    (re.compile(r"^\s*#{1,6}\s", re.M), "heading marker"),
    (re.compile(r"^\s*>\s", re.M), "quote marker"),
    (re.compile(r"^\s*```"), "fence"),
    (re.compile(r"^\s*[-*+]\s+\[[ xX]\]", re.M), "task box"),
]


def squash(text: str) -> str:
    return _WS.sub("", text).casefold()


@dataclass(frozen=True)
class Fact:
    cue: tuple[str, ...]
    answer: tuple[str, ...]
    line: int = 0


@dataclass
class FileResult:
    path: Path
    size: int
    cards: int
    facts: int
    covered: int
    missed: list[Fact]
    problems: list[str]
    skipped: int
    seconds: float
    cards_plain: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def coverage(self) -> float:
        return self.covered / self.facts if self.facts else 1.0

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "cards": self.cards,
            "facts": self.facts,
            "covered": self.covered,
            "problems": self.problems,
            "skipped_blocks": self.skipped,
            "seconds": round(self.seconds, 4),
            "missed": [{"cue": f.cue, "answer": f.answer, "line": f.line} for f in self.missed],
        }


def facts_path(notes: Path) -> Path:
    if notes == DOCKER:
        return HERE / "docker-notes.facts.toml"
    return notes.with_name(notes.stem + ".facts.toml")


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def load_facts(path: Path) -> list[Fact]:
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text("utf-8"))
    return [
        Fact(_strings(f.get("cue", ())), _strings(f.get("answer", ())), int(f.get("line", 0)))
        for f in data.get("facts", [])
    ]


def _gives_away(front: str, back: str) -> bool:
    if len(back) >= 4 or not back.isascii():
        return back in front
    return re.search(rf"(?<![a-z0-9]){re.escape(back)}(?![a-z0-9])", front) is not None


_KO_PARTICLE = re.compile(
    r"(?<=[\uac00-\ud7a3A-Za-z0-9])(?:은|는|이|가|을|를|의|에|로|으로|란|이란)$"
)


def _cue_in(cue: str, front: str) -> bool:
    """The cue is on the front; a Korean particle written with it ("layer는") may differ
    ("layer란 무엇인가?" asks about layer all the same)."""
    c = squash(cue)
    return c in front or (bool(_KO_PARTICLE.search(c)) and _KO_PARTICLE.sub("", c) in front)


def covers(card: tuple[str, str], fact: Fact) -> bool:
    front, back = card
    return all(_cue_in(c, front) for c in fact.cue) and all(squash(a) in back for a in fact.answer)


def problems_of(cards: list[CardDraft]) -> list[str]:
    out: list[str] = []
    fronts: Counter[str] = Counter()
    clozes: Counter[tuple[tuple[str, ...], str]] = Counter()
    for c in cards:
        front, back = html_to_text(c.front), html_to_text(c.back)
        where = f"line {c.source_line} [{c.kind}] {front.splitlines()[-1][:50]!r}"
        if not front.strip() or not back.strip():
            out.append(f"{where}: empty side")
        elif _gives_away(squash(front), squash(back)):
            out.append(f"{where}: the front gives the answer away")
        fronts[squash(front)] += 1
        if fronts[squash(front)] == 2:
            out.append(f"{where}: duplicate front")
        if len([ln for ln in back.splitlines() if ln.strip()]) > MAX_BACK_LINES:
            out.append(f"{where}: back longer than {MAX_BACK_LINES} lines")
        for side, html in (("front", c.front), ("back", c.back)):
            visible = re.sub(r"<code>.*?</code>|<pre>.*?</pre>", " ", html, flags=re.S)
            text = html_to_text(visible)
            for rx, what in _RAW:
                if rx.search(text):
                    out.append(f"{where}: raw Markdown in the {side} ({what})")
                    break
        if c.kind is CardKind.CLOZE:
            clozes[(c.concept, c.anchor)] += 1
            if clozes[(c.concept, c.anchor)] == 2:
                out.append(f"{where}: more than one cloze of one sentence")
    return out


def measure_file(path: Path) -> FileResult:
    data = path.read_bytes()
    text = decode_notes(data, str(path))
    t0 = time.perf_counter()
    deck = generate_deck(text, str(path))
    seconds = time.perf_counter() - t0
    facts = load_facts(facts_path(path))
    plain = [(squash(html_to_text(c.front)), squash(html_to_text(c.back))) for c in deck.cards]
    missed = [f for f in facts if not any(covers(card, f) for card in plain)]
    skipped = len(deck.skipped)
    return FileResult(
        path=path,
        size=len(data),
        cards=len(deck.cards),
        facts=len(facts),
        covered=len(facts) - len(missed),
        missed=missed,
        problems=problems_of(deck.cards),
        skipped=skipped,
        seconds=seconds,
        cards_plain=[preview(c) for c in deck.cards],
    )
