"""command: a command line with the comment or sentence that explains it.

explanation → command (the answer can be typed: ``extra["typed_answer"]``) and
command → explanation. A command with nothing explaining it nearby makes no card.
"""

from __future__ import annotations

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, clip, draft, front, lines_html, walk_lines
from ..lang import prompt
from ..parser import LineKind


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind is not LineKind.COMMAND or not ln.command:
            continue
        if ln.inline_explanation:
            expl = t.para(t.inline(clip(ln.inline_explanation)))
            first, last = ln.line, ln.line
        elif ln.explanation:
            expl = lines_html(ln.explanation)
            lines = [ln.line] + [e.line for e in ln.explanation]
            first, last = min(lines), max(lines)
        else:
            continue
        cmd = ln.command
        shown = t.pre(clip(cmd, 300))
        sibling = f"command:{ln.line}"
        to_cmd = "cmd_situation" if ln.remote else "cmd_to"
        from_cmd = "cmd_when" if ln.remote else "cmd_from"
        cards.append(
            draft(
                ctx,
                CardKind.COMMAND,
                cmd,
                front(ctx.path, prompt(to_cmd, ctx.lang), expl),
                shown,
                variant="command",
                line=first,
                end=last,
                sibling=sibling,
                extra={"typed_answer": cmd},
            )
        )
        cards.append(
            draft(
                ctx,
                CardKind.COMMAND,
                cmd,
                front(ctx.path, prompt(from_cmd, ctx.lang), shown),
                expl,
                variant="explain",
                line=first,
                end=last,
                sibling=sibling,
            )
        )
    return cards
