"""Abbreviations the notes spell out: "Open Systems Interconnection (OSI)", "SSL(Secure Socket
Layer)". Each becomes "What does OSI stand for?" — a classic card, asked once per notes file.
"""

from __future__ import annotations

import re
from functools import lru_cache

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, draft, front, norm, plain_inline, walk_lines
from ..lang import prompt
from ..loanwords import spelled_in
from ..parser import PROSE_KINDS, LineKind

_WORD = r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*"
# "Open Systems Interconnection (OSI)": up to eight words, then the abbreviation in brackets
_LONG_FIRST = re.compile(rf"((?:{_WORD}\s+){{1,7}}{_WORD})\s*\(\s*([A-Z][A-Za-z0-9]{{1,9}})\s*\)")
# "SSL(Secure Socket Layer)", "POP(Point Of Presence, …)": the abbreviation, then the words
_SHORT_FIRST = re.compile(
    rf"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9]{{1,9}})\s*\(\s*((?:{_WORD}\s+){{1,7}}{_WORD})\s*[,;)]"
)
_SMALL = frozenset("of and for the a an to in on over by with de".split())
# what each shape cannot do without (a quick look first: the shapes are slow to scan for)
_LONG_HINT = re.compile(r"\(\s*[A-Z]")
_SHORT_HINT = re.compile(r"[A-Z][A-Za-z0-9]{1,9}\s*\(\s*[A-Za-z]")


def _letters(abbr: str) -> str:
    return "".join(ch for ch in abbr if ch.isupper())


def _spells(words: list[str], abbr: str) -> bool:
    """Whether the words' initials spell the abbreviation's capitals (small words may be left
    out; a word in capitals gives all its letters: "HTTP Secure" → HTTPS)."""
    target = _letters(abbr)
    if len(target) < 2:
        return False

    def walk(i: int, j: int) -> bool:
        if j == len(target):
            return i == len(words)
        if i == len(words):
            return False
        w = words[i]
        parts = [p for p in w.split("-") if p]
        if w.isupper() and len(w) > 1 and target.startswith(w, j) and walk(i + 1, j + len(w)):
            return True
        initials = "".join(p[0].upper() for p in parts)
        if target.startswith(initials, j) and walk(i + 1, j + len(initials)):
            return True
        if parts and target.startswith(parts[0][0].upper(), j) and walk(i + 1, j + 1):
            return True
        return w.lower() in _SMALL and j > 0 and walk(i + 1, j)

    return walk(0, 0)


def expansions(text: str) -> list[tuple[str, str]]:
    """(abbreviation, what it stands for) spelled out in a line of text."""
    return list(_expansions(text))


@lru_cache(maxsize=1 << 14)
def _expansions(text: str) -> tuple[tuple[str, str], ...]:
    """(every line is asked twice: by this generator and by the validator's check for an
    answer its front spells out)"""
    out: list[tuple[str, str]] = []
    if "(" not in text:
        return ()  # both shapes have the bracket (scanning for them is slow)
    for m in _LONG_FIRST.finditer(text) if _LONG_HINT.search(text) else ():
        words, abbr = m.group(1).split(), m.group(2)
        for k in range(1, len(words) + 1):  # the shortest tail of words that spells it
            tail = words[-k:]
            if tail[0].lower() not in _SMALL and _spells(tail, abbr):
                out.append((abbr, " ".join(tail)))
                break
    for m in _SHORT_FIRST.finditer(text) if _SHORT_HINT.search(text) else ():
        abbr, words = m.group(1), m.group(2).split()
        if _spells(words, abbr):
            out.append((abbr, " ".join(words)))
    return tuple(out)


def generate(ctx: Ctx) -> list[CardDraft]:
    asked = ctx.doc_asked  # once per notes file
    cards: list[CardDraft] = []
    path = norm(" ".join(ctx.path))
    story = bool(ctx.section.derived.get("story"))
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind in (LineKind.CODE, LineKind.COMMAND, LineKind.BLANK) or "(" not in ln.text:
            continue  # (both shapes have the bracket, and so has the line's text then)
        if story and ln.kind in PROSE_KINDS:
            continue  # "… 사물인 IoT(Internet of Things) 환경일 수도 있다" in a lab's opening story
        for abbr, long in expansions(plain_inline(ln.text)):
            if f"acronym:{abbr}" in asked or abbr.lower() == long.lower() or norm(long) in path:
                continue  # asked already, or the breadcrumb spells it out
            asked.add(f"acronym:{abbr}")
            cards.append(_name_card(ctx, "acronym", abbr, long, "stands_for", ln.line))
    cards.extend(_english_names(ctx))
    return cards


def _name_card(ctx: Ctx, variant: str, name: str, other: str, ask: str, line: int) -> CardDraft:
    """ "What does OSI stand for?" / "점유 대기의 영어 용어는?": a name and its other form."""
    return draft(
        ctx,
        CardKind.TERM,
        name,
        front(ctx.path, prompt(ask, ctx.lang, x=name)),
        t.para(t.esc(other)),
        variant=variant,
        line=line,
        sibling=f"{variant}:{line}",
    )


# "점유 대기(Hold and wait)" as a heading or a list item of its own: a Korean term and the
# English one the field uses
_NAMED_IN_ENGLISH = re.compile(
    r"^\**([가-힣][가-힣 ]{0,20}?)\s?\(\s*([A-Za-z][A-Za-z -]{2,40}?)\s*\)\**\s*[:：]?\s*$"
)


def _english_names(ctx: Ctx) -> list[CardDraft]:
    """ "What is 점유 대기 called in English?" → Hold and wait, once per notes file, for a name
    the notes give both ways (not one with a loanword, whose English the Korean spells out:
    "가중 라운드로빈 방식(Weighted Round Robin Method)")."""
    if str(ctx.lang) != "ko":
        return []
    asked = ctx.doc_asked
    out: list[CardDraft] = []
    sec = ctx.section
    named = [(sec.title, sec.line)] + [
        (plain_inline(ln.text), ln.line)
        for ln in walk_lines(sec.blocks)
        if ln.kind not in (LineKind.CODE, LineKind.COMMAND, LineKind.BLANK)
    ]
    for text, line in named:
        m = _NAMED_IN_ENGLISH.match(text.strip())
        if m is None:
            continue
        korean, english = m.group(1).strip(), m.group(2).strip()
        if not re.search(r"[a-z]", english) or any(spelled_in(w, english) for w in korean.split()):
            continue
        if f"english:{korean}" in asked:
            continue
        asked.add(f"english:{korean}")
        out.append(_name_card(ctx, "english", korean, english, "in_english", line))
    return out


__all__ = ["expansions", "generate"]
