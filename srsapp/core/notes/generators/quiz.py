"""Quiz questions: a question with its code, lettered options and the marked answer.

Quiz collections (interview question sets, "What's the output?" lists) write a question as a
heading, the code it asks about, options ``- A: …`` / ``- B: …``, and the answer further down,
often folded away: ``<details><summary>Answer</summary> #### Answer: D …``. The card asks the
question as the quiz does (code and options shown) and answers with the right option and the
first lines of the explanation.
"""

from __future__ import annotations

import re

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, chunk, clip, draft, front, lines_html, plain_inline, walk_blocks
from ..parser import PROSE_KINDS, BlockKind, NoteLine, Section

# "Answer: D", "정답: 3", "Correct answer - b", "답 : (B)"
_ANSWER = re.compile(
    r"^\s*(?:correct\s+answer|answer|정답|답)\s*[:：\-–—]?\s*\(?([A-Ea-e1-5])\)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_OPTION_KEY = re.compile(r"^\s*\(?([A-Ea-e1-5])\s*[:).]\s*")
EXPLAIN_LINES = 3
_SHOWN = (BlockKind.CODE, BlockKind.FENCE)
MAX_CODE_LINES = 25


def is_answer_title(title: str) -> bool:
    """ "Answer: D", "정답: 3": the heading that marks a quiz answer."""
    return _ANSWER.match(title) is not None


def _descendants(sec: Section) -> list[Section]:
    out: list[Section] = []
    for child in sec.children:
        out.append(child)
        out.extend(_descendants(child))
    return out


def _answer(sec: Section) -> tuple[str, list[NoteLine]] | None:
    """The marked answer's key and the explanation lines after it, in the section or below."""
    for part in (sec, *_descendants(sec)):
        m = _ANSWER.match(part.title) if part is not sec else None
        if m:
            return m.group(1).upper(), _prose(part)
        lines = [ln for b in walk_blocks(part.blocks) for ln in b.lines if ln.text]
        for i, ln in enumerate(lines):
            m = _ANSWER.match(plain_inline(ln.text))
            if m:
                rest = [x for x in lines[i + 1 :] if x.kind in PROSE_KINDS and x.role != "option"]
                return m.group(1).upper(), rest
    return None


def _prose(sec: Section) -> list[NoteLine]:
    """The explanation's lines in order, list items included ("…actually saw this as:" and
    the list under it)."""
    out: list[NoteLine] = []
    for b in sec.blocks:
        if b.kind in (BlockKind.PROSE, BlockKind.QUOTE):
            out.extend(ln for ln in b.lines if ln.text and ln.kind in PROSE_KINDS)
        elif b.kind in (BlockKind.BULLETS, BlockKind.STEPS):
            out.extend(it.head for it in b.items if it.head.text)
    return out


def generate(ctx: Ctx) -> list[CardDraft]:
    sec = ctx.section
    options = [
        ln
        for b in walk_blocks(sec.blocks)
        for ln in (*b.lines, *(x for it in b.items for x in it.lines))
        if ln.role == "option"
    ]
    if len(options) < 2:
        return []
    found = _answer(sec)
    if found is None:
        return []
    key, explanation = found
    right = [o for o in options if (m := _OPTION_KEY.match(o.text)) and m.group(1).upper() == key]
    if len(right) != 1:
        return []
    code = [b.code.rstrip("\n") for b in sec.blocks if b.kind in _SHOWN and b.code.strip()]
    shown: list[str] = []
    for c in code:
        lines = c.split("\n")
        if len(lines) > MAX_CODE_LINES:
            return []  # a program too long to read on a card
        shown.append(t.pre(c))
    shown.append(t.ul(t.inline(clip(o.text, 160)) for o in options))
    explain = chunk(explanation, max_lines=EXPLAIN_LINES)[0] if explanation else []
    back = t.para(t.inline(right[0].text)) + (lines_html(explain) if explain else "")
    return [
        draft(
            ctx,
            CardKind.QUESTION,
            plain_inline(sec.title),
            front(ctx.path, "", *shown),
            back,
            variant="quiz",
            line=min([b.line for b in sec.blocks if b.kind in _SHOWN] + [options[0].line]),
            end=options[-1].line,
            sibling=f"quiz:{sec.line}",
        )
    ]


__all__ = ["generate", "is_answer_title"]
