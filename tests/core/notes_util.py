"""Helpers for the notes generator tests: run one generator on one section of a snippet."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from srsapp.core.model import CardDraft
from srsapp.core.notes import parse_notes
from srsapp.core.notes.common import Ctx, section_text
from srsapp.core.notes.lang import detect
from srsapp.core.text import html_to_text


def run(
    gen: Callable[[Ctx], list[CardDraft]], text: str, title: str | None = None
) -> list[CardDraft]:
    """Cards one generator makes from the section called ``title`` (default: the last one)."""
    doc = parse_notes(text, "snippet.md")
    secs = [s for s in doc.sections if title is None or s.title == title]
    assert secs, f"no section {title!r}"
    sec = secs[-1]
    return gen(Ctx(sec, detect(section_text(sec))))


def texts(card: CardDraft) -> tuple[str, str]:
    return html_to_text(card.front), html_to_text(card.back)


def by_variant(cards: list[CardDraft], variant: str) -> list[CardDraft]:
    return [c for c in cards if c.variant == variant]


def docker_notes() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / "decks" / "docker-notes.md").read_text("utf-8")


def child_processes() -> set[int]:
    """The processes this one started that are still there, zombies too (Linux)."""
    out: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        out.update(int(pid) for pid in (task / "children").read_text().split())
    return out
