"""definition: a heading with a body → "what is / describe {heading}" → the body's key lines."""

from __future__ import annotations

from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, chunk, draft, front, is_named_item, lines_html
from ..lang import prompt
from ..parser import PROSE_KINDS, Block, BlockKind, LineKind, NoteLine

MAX_PARTS = 6
_SKIP_ROLES = frozenset({"explanation", "answer", "step", "step-body"})


def body_lines(blocks: list[Block]) -> list[NoteLine]:
    """The section's own prose: sentences, bullets, conclusions, links.

    Left out: what other generators own (commands and their explanations, steps, KEY : meaning
    lines, questions and their answers, named items with their descriptions) and code.
    """
    out: list[NoteLine] = []
    for b in blocks:
        if b.kind in (BlockKind.PROSE, BlockKind.FENCE):
            out.extend(_prose(b.lines))
        elif b.kind is BlockKind.BULLETS:
            named = [it for it in b.items if is_named_item(it)]
            for it in b.items:
                if len(named) >= 2 and it in named:  # the list generator owns these
                    continue
                out.extend(_prose(it.lines))
                if any(ln.kind is LineKind.KEYVAL for ln in it.lines):
                    continue  # its sub-bullets elaborate the term: the term card owns them
                out.extend(body_lines([c for c in it.children if c.kind is not BlockKind.STEPS]))
        elif b.kind is BlockKind.STEPS and len(b.items) == 1:  # "1. x" alone is no sequence
            it = b.items[0]
            out.extend(_prose(it.lines))
    return out


def _prose(lines: list[NoteLine]) -> list[NoteLine]:
    keep = PROSE_KINDS | {LineKind.LINK}
    return [
        ln
        for ln in lines
        if (ln.kind in keep or (ln.kind is LineKind.COMMENT and not ln.role))
        and ln.role not in _SKIP_ROLES
        and ln.text
    ]


def generate(ctx: Ctx) -> list[CardDraft]:
    sec = ctx.section
    lines = body_lines(sec.blocks)
    if not lines:
        return []
    title = sec.title
    parts = chunk(lines)
    if len(parts) > MAX_PARTS:
        ctx.warn(f"the body is long: only the first {MAX_PARTS} parts become definition cards")
        parts = parts[:MAX_PARTS]
    links_only = all(ln.kind is LineKind.LINK for ln in lines)
    words = len(title.split())
    cards: list[CardDraft] = []
    for i, part in enumerate(parts, start=1):
        if links_only:
            ask = prompt("references", ctx.lang, x=title)
        elif len(parts) > 1:
            ask = prompt("describe_part", ctx.lang, x=title, i=i, n=len(parts))
        elif title.rstrip().endswith(("?", "？")):
            ask = title
        elif words <= 2:
            ask = prompt("what_is", ctx.lang, x=title)
        else:
            ask = prompt("describe", ctx.lang, x=title)
        back = lines_html(part)
        cards.append(
            draft(
                ctx,
                CardKind.DEFINITION,
                title,
                front(ctx.path, ask),
                back,
                variant="" if i == 1 else f"part{i}",
                line=part[0].line,
                end=part[-1].line,
                sibling=f"definition:{sec.line}",
            )
        )
    return cards
