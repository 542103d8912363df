"""Rules every generated card obeys, a checker, and a fixer that never returns a broken card.

- the back is not empty;
- the front (plain text) does not contain the back;
- no two cards in a deck share a front (duplicates are merged, or told apart by more context);
- keys are unique;
- text is NFC; anchors are NFC and whitespace-folded;
- no raw Markdown (``**``, backticks, ``<br>``, a leading ``- `` or ``#``) in the text outside code;
- a card fits on a screen (the back has at most 12 lines and 600 characters of text);
- the front starts with the concept path.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from srsapp.core import text as t
from srsapp.core.model import CardDraft, nfc

from .parser import fold

MAX_BACK_LINES = 12
MAX_BACK_CHARS = 600
MAX_FRONT_CHARS = 800
_RAW_MD = re.compile(r"\*\*|`|<br\s*/?>", re.IGNORECASE)
_LEADING_MD = re.compile(r"^\s*(?:[-*+] |#)")


@dataclass(frozen=True)
class Violation:
    key: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


class _Prose(HTMLParser):
    """Text nodes outside <code>/<pre>, each a separate chunk (so list bullets are not text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            self._code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self._code = max(0, self._code - 1)

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.chunks.append(data)


def _prose_chunks(fragment: str) -> list[str]:
    p = _Prose()
    p.feed(fragment)
    p.close()
    return p.chunks


def _norm(text: str) -> str:
    return " ".join(nfc(text).split()).casefold()


def plain_front(card: CardDraft) -> str:
    return t.html_to_text(card.front)


def check_card(card: CardDraft) -> list[Violation]:
    """Rule violations of one card (deck-wide rules are in ``check_deck``)."""
    out: list[Violation] = []
    key = card.key

    def bad(rule: str, detail: str) -> None:
        out.append(Violation(key, rule, detail))

    back = t.html_to_text(card.back)
    fr = t.html_to_text(card.front)
    if not back.strip():
        bad("empty-back", "the back is empty")
    elif _norm(back) in _norm(fr):
        bad("front-contains-back", f"the front gives the answer away: {back[:60]!r}")
    for name, value in (("front", card.front), ("back", card.back), ("anchor", card.anchor)):
        if nfc(value) != value:
            bad("not-nfc", f"the {name} is not NFC")
    if card.anchor != fold(card.anchor):
        bad("anchor-not-folded", f"anchor {card.anchor!r} is not whitespace-folded")
    if not card.anchor:
        bad("empty-anchor", "the anchor is empty")
    for side, fragment in (("front", card.front), ("back", card.back)):
        for chunk in _prose_chunks(fragment):
            if _RAW_MD.search(chunk):
                bad("raw-markdown", f"raw Markdown in the {side}: {chunk.strip()[:60]!r}")
                break
            if any(_LEADING_MD.match(ln) for ln in chunk.split("\n") if ln.strip()):
                bad(
                    "raw-markdown", f"a Markdown marker starts a line in the {side}: {chunk[:60]!r}"
                )
                break
    lines = back.split("\n")
    if len(lines) > MAX_BACK_LINES or len(back) > MAX_BACK_CHARS:
        bad("too-long", f"the back has {len(lines)} lines / {len(back)} characters")
    if len(fr) > MAX_FRONT_CHARS:
        bad("too-long", f"the front has {len(fr)} characters")
    if not card.front.startswith('<div class="context">'):
        bad("no-context", "the front does not start with the concept path")
    return out


def check_deck(cards: Sequence[CardDraft]) -> list[Violation]:
    """Every violation in a deck: per-card rules plus unique fronts and keys."""
    out: list[Violation] = []
    fronts: dict[str, CardDraft] = {}
    keys: set[str] = set()
    for c in cards:
        out.extend(check_card(c))
        f = _norm(plain_front(c))
        if f in fronts:
            out.append(
                Violation(c.key, "duplicate-front", f"same front as another card: {f[:60]!r}")
            )
        fronts.setdefault(f, c)
        if c.key in keys:
            out.append(Violation(c.key, "duplicate-key", f"key {c.key} is not unique"))
        keys.add(c.key)
    return out


def fix_deck(cards: Sequence[CardDraft]) -> tuple[list[CardDraft], list[str]]:
    """Fix what can be fixed (merge duplicates, tell fronts apart, unique keys); drop the rest."""
    warnings: list[str] = []
    kept: list[CardDraft] = []
    for c in cards:
        c = _normalise(c)
        problems = check_card(c)
        if problems:
            warnings.append(f"{_where(c)}: card dropped ({problems[0]})")
            continue
        kept.append(c)
    kept = _dedupe_fronts(kept, warnings)
    kept = _unique_keys(kept)
    return kept, warnings


def _where(c: CardDraft) -> str:
    line = f" (line {c.source_line})" if c.source_line else ""
    return f"{' › '.join(c.concept)}{line}"


def _normalise(c: CardDraft) -> CardDraft:
    return dataclasses.replace(
        c, front=nfc(c.front), back=nfc(c.back), anchor=fold(c.anchor), variant=nfc(c.variant)
    )


def _dedupe_fronts(cards: list[CardDraft], warnings: list[str]) -> list[CardDraft]:
    by_front: dict[str, list[int]] = {}
    for i, c in enumerate(cards):
        by_front.setdefault(_norm(plain_front(c)), []).append(i)
    drop: set[int] = set()
    replace: dict[int, CardDraft] = {}
    for idxs in by_front.values():
        if len(idxs) < 2:
            continue
        first = cards[idxs[0]]
        for n, i in enumerate(idxs[1:], start=2):
            c = cards[i]
            if _norm(t.html_to_text(c.back)) == _norm(t.html_to_text(first.back)):
                drop.add(i)  # same question, same answer: one card is enough
                warnings.append(f"{_where(c)}: duplicate card merged with line {first.source_line}")
                continue
            replace[i] = _disambiguate(c, n)
    out: list[CardDraft] = []
    fronts: set[str] = set()
    for i, c in enumerate(cards):
        if i in drop:
            continue
        c = replace.get(i, c)
        f = _norm(plain_front(c))
        if f in fronts or check_card(c):
            warnings.append(f"{_where(c)}: card dropped (duplicate front)")
            continue
        fronts.add(f)
        out.append(c)
    return out


def _disambiguate(c: CardDraft, n: int) -> CardDraft:
    """Tell a card apart from one with the same front: show where it comes from."""
    hint = f"({c.anchor})" if _norm(c.anchor) not in _norm(t.html_to_text(c.back)) else f"({n})"
    if c.source_line:
        hint = (
            f"{hint} — line {c.source_line}"
            if hint.startswith("(") and hint[1:-1].isdigit()
            else hint
        )
    extra = f'<div class="hint">{t.esc(hint)}</div>'
    return dataclasses.replace(c, front=c.front + extra)


def _unique_keys(cards: list[CardDraft]) -> list[CardDraft]:
    seen: set[str] = set()
    out: list[CardDraft] = []
    for c in cards:
        n = 1
        cur = c
        while cur.key in seen:
            n += 1
            cur = dataclasses.replace(c, variant=f"{c.variant}#{n}")
        seen.add(cur.key)
        out.append(cur)
    return out
