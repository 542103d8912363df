"""Shared test builders: decks made in code, collections on a test-mode database, and
studied collections copied from a template built once per session.

Test modules import builders from here, never from each other.
"""

from __future__ import annotations

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck
from srsapp.core.text import context, para
from srsapp.service.collection import Collection


def make_deck(n: int, title: str = "Deck", sibling_pairs: bool = False) -> GeneratedDeck:
    concept = ("Topic",)
    cards = [
        CardDraft(
            kind=CardKind.TERM,
            concept=concept,
            anchor=f"term {i // 2 if sibling_pairs else i}",
            variant=str(i % 2) if sibling_pairs else "",
            front=context(concept) + para(f"Question {i}"),
            back=para(f"Answer {i}"),
            sibling=f"s{i // 2}" if sibling_pairs else f"s{i}",
        )
        for i in range(n)
    ]
    return GeneratedDeck(title=title, concepts=[ConceptInfo(concept)], cards=cards)


def load(col: Collection, deck: GeneratedDeck, now, path: str = "/notes/a.md") -> None:  # type: ignore[no-untyped-def]
    col.apply_generated(path, "hash", "text", deck, now)
