"""Structural coverage on the bundled notes: the elements come from the parse tree."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from srsapp.core.model import CardDraft
from srsapp.core.notes import generate_deck, parse_notes
from srsapp.core.notes.common import is_named_item, plain_inline, walk_blocks, walk_lines
from srsapp.core.notes.parser import BlockKind, LineKind, NotesDoc, Section, fold
from srsapp.core.text import html_to_text

from .notes_util import docker_notes


@pytest.fixture(scope="module")
def doc() -> NotesDoc:
    return parse_notes(docker_notes(), "docker-notes.md")


@pytest.fixture(scope="module")
def cards() -> list[CardDraft]:
    return generate_deck(docker_notes(), "docker-notes.md").cards


def _all_text(cards: list[CardDraft]) -> str:
    parts = []
    for c in cards:
        parts += [c.anchor, html_to_text(c.front), html_to_text(c.back)]
    return fold("\n".join(parts))


def _appears(text: str, cards: list[CardDraft]) -> bool:
    return fold(text) in _all_text(cards)


def _steps(sec: Section) -> Iterator[str]:
    for b in walk_blocks(sec.blocks):
        if b.kind is BlockKind.STEPS and len(b.items) >= 2:
            yield from (plain_inline(it.head.text) for it in b.items)
        for run in b.steps:
            yield from (plain_inline(s.head.text) for s in run)


def test_every_heading_with_a_body_yields_a_card_or_says_why(
    doc: NotesDoc, cards: list[CardDraft]
) -> None:
    concepts = {c.concept for c in cards}
    with_body = [s for s in doc.sections if s.has_body()]
    assert len(with_body) >= 15
    missing = [s.path for s in with_body if s.path not in concepts]
    # a heading whose body is only links (where to read more) is reported, not carded
    reported = {s.concept for s in generate_deck(docker_notes(), "docker-notes.md").skipped}
    assert missing == [p for p in missing if p in reported]
    assert len(missing) <= 1


def test_every_numbered_step_appears(doc: NotesDoc, cards: list[CardDraft]) -> None:
    steps = [s for sec in doc.sections for s in _steps(sec)]
    assert len(steps) >= 12
    assert [s for s in steps if not _appears(s, cards)] == []


def test_every_key_meaning_pair_appears(doc: NotesDoc, cards: list[CardDraft]) -> None:
    pairs = [
        (plain_inline(ln.key), plain_inline(ln.value))
        for sec in doc.sections
        for ln in walk_lines(sec.blocks)
        if ln.kind is LineKind.KEYVAL
    ]
    assert len(pairs) >= 12
    assert [k for k, _v in pairs if not _appears(k, cards)] == []
    assert [v for _k, v in pairs if v and not _appears(v, cards)] == []


def test_every_explained_command_appears(doc: NotesDoc, cards: list[CardDraft]) -> None:
    explained = [
        ln.command
        for sec in doc.sections
        for ln in walk_lines(sec.blocks)
        if ln.kind is LineKind.COMMAND and (ln.explanation or ln.inline_explanation)
    ]
    assert len(explained) >= 8
    typed = {c.extra.get("typed_answer") for c in cards} | {c.anchor for c in cards}
    assert [c for c in explained if c not in typed] == []


def test_every_named_item_of_a_list_appears(doc: NotesDoc, cards: list[CardDraft]) -> None:
    names = [
        plain_inline(it.head.text)
        for sec in doc.sections
        for b in walk_blocks(sec.blocks)
        if b.kind is BlockKind.BULLETS
        for it in b.items
        if is_named_item(it)
    ]
    assert len(names) >= 7
    assert [n for n in names if not _appears(n, cards)] == []
    anchors = {(c.anchor, c.variant) for c in cards}
    assert [n for n in names if (fold(n), "item") not in anchors] == []


def test_concepts_cover_every_heading(doc: NotesDoc) -> None:
    deck = generate_deck(docker_notes(), "docker-notes.md")
    assert [c.path for c in deck.concepts] == [s.path for s in doc.sections]
