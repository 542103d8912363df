"""Helpers the card generators share: walking a section, rendering lines, building drafts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind, nfc

from .lang import Lang
from .parser import Block, BlockKind, Item, LineKind, NoteLine, Section, fold

MAX_LINES = 10  # a card back never has more lines than this...
MAX_CHARS = 500  # ...nor more characters of text (≈ one screen)
MAX_LINE_CHARS = 240  # one very long line is cut with "…"


@dataclass
class Ctx:
    section: Section
    lang: Lang
    warnings: list[str] = field(default_factory=list)

    @property
    def path(self) -> tuple[str, ...]:
        return self.section.path

    def warn(self, message: str) -> None:
        self.warnings.append(f"{' › '.join(self.path)}: {message}")


def clip(text: str, limit: int = MAX_LINE_CHARS) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def plain(fragment: str) -> str:
    return t.html_to_text(fragment)


def plain_inline(text: str) -> str:
    """The text of a line of notes without its inline Markdown."""
    return fold(t.html_to_text(t.inline(text)))


def render(line: NoteLine) -> str:
    """One line of notes as a safe HTML fragment: prose rendered, commands and code monospace."""
    if line.kind is LineKind.COMMAND:
        out = t.code(clip(line.command))
        if line.inline_explanation:
            out += " " + t.inline(clip(line.inline_explanation))
        return out
    if line.kind is LineKind.CODE:
        return t.code(clip(line.text))
    if line.kind is LineKind.LINK and line.links:
        parts = [
            f"{t.esc(clip(txt or href, 80))} ({t.code(clip(href, 120))})"
            for txt, href in line.links
        ]
        return ", ".join(parts)
    return t.inline(clip(line.text))


def line_text_len(line: NoteLine) -> int:
    return len(plain(render(line)))


def lines_html(lines: Sequence[NoteLine]) -> str:
    if len(lines) == 1:
        return t.para(render(lines[0]))
    return t.ul(render(ln) for ln in lines)


def chunk(
    lines: Sequence[NoteLine], max_lines: int = MAX_LINES, max_chars: int = MAX_CHARS
) -> list[list[NoteLine]]:
    """Split lines into screen-sized parts."""
    parts: list[list[NoteLine]] = [[]]
    size = 0
    for ln in lines:
        n = line_text_len(ln) + 3
        if parts[-1] and (len(parts[-1]) >= max_lines or size + n > max_chars):
            parts.append([])
            size = 0
        parts[-1].append(ln)
        size += n
    return [p for p in parts if p]


def front(path: Sequence[str], prompt: str, *extra_html: str) -> str:
    return t.context(path) + (t.para(t.esc(prompt)) if prompt else "") + "".join(extra_html)


def draft(
    ctx: Ctx,
    kind: CardKind,
    anchor: str,
    front_html: str,
    back_html: str,
    *,
    variant: str = "",
    line: int = 0,
    end: int = 0,
    sibling: str = "",
    extra: dict[str, object] | None = None,
) -> CardDraft:
    return CardDraft(
        kind=kind,
        concept=ctx.path,
        anchor=fold(anchor),
        front=nfc(front_html),
        back=nfc(back_html),
        variant=variant,
        source_line=line,
        source_end=max(end, line),
        sibling=sibling,
        extra=dict(extra or {}),
    )


def is_named_item(item: Item) -> bool:
    """A short bullet that is a name and has a description under it."""
    from .parser import name_like

    return name_like(item) and bool(description_lines(item))


def description_lines(item: Item) -> list[NoteLine]:
    out: list[NoteLine] = []
    for b in item.children:
        out.extend(block_lines(b))
    return [ln for ln in out if ln.kind is not LineKind.BLANK]


def block_lines(block: Block) -> list[NoteLine]:
    """Every meaningful line of a block, in order (list items flattened)."""
    if block.kind in (BlockKind.PROSE, BlockKind.FENCE, BlockKind.QUOTE):
        return [ln for ln in block.lines if ln.kind is not LineKind.BLANK]
    if block.kind is BlockKind.CODE:
        return [
            NoteLine(LineKind.CODE, raw.strip(), block.line + 1 + i, raw, False)
            for i, raw in enumerate(block.code.split("\n"))
            if raw.strip()
        ]
    out: list[NoteLine] = []
    for it in block.items:
        out.extend(ln for ln in it.lines if ln.text)
        for c in it.children:
            out.extend(block_lines(c))
    return out


def walk_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    for b in blocks:
        yield b
        for it in b.items:
            yield from walk_blocks(it.children)
        yield from walk_blocks(b.children)


def walk_lines(blocks: Sequence[Block]) -> Iterator[NoteLine]:
    """Every line in the blocks, item heads included, each once."""
    for b in blocks:
        if b.kind in (BlockKind.PROSE, BlockKind.FENCE):
            yield from b.lines
        elif b.kind is BlockKind.QUOTE:
            yield from b.lines
        for it in b.items:
            yield from it.lines
            yield from walk_lines(it.children)


def section_text(sec: Section) -> str:
    """The section's words, for language detection: commands and code left out."""
    parts = [sec.title]
    for ln in walk_lines(sec.blocks):
        if ln.kind is LineKind.COMMAND:
            parts.append(ln.inline_explanation)
        elif ln.kind is not LineKind.CODE:
            parts.append(ln.text)
    return "\n".join(parts)


_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    return _SPACE.sub(" ", nfc(text)).strip().casefold()
