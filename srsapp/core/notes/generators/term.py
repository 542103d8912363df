"""term: ``X : Y`` / ``X - Y`` lines (bullets or fences) → X → Y, and Y → X when Y is short."""

from __future__ import annotations

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, clip, draft, front, norm, plain_inline, walk_lines
from ..lang import prompt
from ..parser import LineKind

MAX_REVERSE = 40  # a meaning this short is specific enough to ask for the term


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind is not LineKind.KEYVAL or not ln.value.strip():
            continue  # a KEY without meaning makes no card (the list card names it)
        key = plain_inline(ln.key)
        value = plain_inline(ln.value)
        if not key or not value or norm(value) == norm(key):
            continue
        sibling = f"term:{ln.line}"
        key_html = t.inline(clip(ln.key, 80))
        value_html = t.para(t.inline(clip(ln.value)))
        cards.append(
            draft(
                ctx,
                CardKind.TERM,
                key,
                front(ctx.path, prompt("term_fwd", ctx.lang, x=key)),
                value_html,
                variant="forward",
                line=ln.line,
                sibling=sibling,
            )
        )
        if len(value) <= MAX_REVERSE and norm(key) not in norm(value) and len(value) >= 2:
            cards.append(
                draft(
                    ctx,
                    CardKind.TERM,
                    key,
                    front(ctx.path, prompt("term_rev", ctx.lang), value_html),
                    t.para(key_html),
                    variant="reverse",
                    line=ln.line,
                    sibling=sibling,
                )
            )
    return cards
