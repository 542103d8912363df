"""cloze: a sentence carrying a key term → the sentence with the term hidden → the term.

Key terms are found by form: an ALL-CAPS word (instruction names such as EXPOSE), a
`code span`, **bold** text. A cloze is made only when the sentence keeps enough other
words to stay answerable, and never when the concept path already gives the term away.
"""

from __future__ import annotations

import re

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, clip, draft, front, norm, plain_inline, walk_lines
from ..lang import prompt
from ..parser import PROSE_KINDS, NoteLine

MAX_PER_LINE = 3
MIN_REST_LETTERS = 8
MAX_SENTENCE = 240
_CAPS = re.compile(r"(?<![A-Za-z0-9_./-])[A-Z][A-Z0-9_]{2,}(?![A-Za-z0-9_/])")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
_LETTER = re.compile(r"[^\W\d_]")
_HOLE = "\x00"


def terms_of(line: NoteLine) -> list[tuple[str, str]]:
    """(term, how it is written) for each key term of the line, in order, deduplicated."""
    text = line.text
    found: list[tuple[int, str, str]] = []
    if line.markdown:
        found += [(m.start(), m.group(1), "code") for m in _CODE.finditer(text)]
        found += [(m.start(), m.group(1), "bold") for m in _BOLD.finditer(text)]
    masked = _CODE.sub(lambda m: " " * len(m.group(0)), text) if line.markdown else text
    found += [(m.start(), m.group(0), "caps") for m in _CAPS.finditer(masked)]
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for _pos, term, how in sorted(found):
        term = term.strip()
        if term and term not in seen:
            seen.add(term)
            out.append((term, how))
    return out


def _hide(text: str, term: str, markdown: bool) -> str:
    if markdown:
        text = text.replace(f"`{term}`", f"`{_HOLE}`").replace(f"**{term}**", f"**{_HOLE}**")
    return re.sub(rf"(?<![A-Za-z0-9_]){re.escape(term)}(?![A-Za-z0-9_])", _HOLE, text)


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    path_text = norm(" ".join(ctx.path))
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind not in PROSE_KINDS or len(ln.text) > MAX_SENTENCE:
            continue
        terms = terms_of(ln)
        if not terms:
            continue
        sentence = plain_inline(ln.text)
        rest = plain_inline(ln.text)
        for term, _how in terms:
            rest = rest.replace(term, " ")
        if len(_LETTER.findall(rest)) < MIN_REST_LETTERS or len(rest.split()) < 2:
            continue
        for term, how in terms[:MAX_PER_LINE]:
            if norm(term) in path_text:
                continue
            hidden = _hide(ln.text, term, ln.markdown)
            if _HOLE not in hidden:
                continue
            shown = t.inline(hidden).replace(_HOLE, "[...]")
            answer = t.code(term) if how in ("code", "caps") else t.esc(term)
            cards.append(
                draft(
                    ctx,
                    CardKind.CLOZE,
                    sentence,
                    front(ctx.path, prompt("cloze", ctx.lang), t.para(shown)),
                    t.para(answer),
                    variant=term,
                    line=ln.line,
                    sibling=f"cloze:{ln.line}",
                )
            )
    return cards


__all__ = ["generate", "terms_of", "clip"]
