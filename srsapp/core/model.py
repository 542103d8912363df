"""Plain domain types shared by the core, the store, interchange and the UI.

Nothing here knows about Qt, SQL or the file system.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any


class CardKind(StrEnum):
    DEFINITION = "definition"
    TERM = "term"
    LIST = "list"
    SEQUENCE = "sequence"
    COMMAND = "command"
    QUESTION = "question"
    CLOZE = "cloze"
    DIAGRAM = "diagram"
    TABLE = "table"  # one cell of a comparison table, cued by its row and column
    BASIC = "basic"  # imported cards (Anki, CSV) that came from no notes file


class Rating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class CardState(IntEnum):
    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


def nfc(text: str) -> str:
    """NFC-normalise text (Korean jamo sequences become precomposed syllables)."""
    return unicodedata.normalize("NFC", text)


def make_key(concept: tuple[str, ...], kind: str, anchor: str, variant: str = "") -> str:
    """Stable card key: derived from concept path, kind, anchor and variant only.

    The card's answer text is deliberately not part of the key, so editing an
    answer keeps the card (and its review history).
    """
    raw = "\x1f".join([" › ".join(concept), str(kind), nfc(anchor).strip(), variant])
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()


@dataclass(frozen=True)
class CardDraft:
    """A card as a generator proposes it, before it is stored.

    ``front`` and ``back`` are small, safe HTML fragments (see ``core.text``).
    ``anchor`` is what identifies the card inside its concept: the term, the
    command, the step, the question... ``variant`` separates cards sharing an
    anchor (e.g. the two directions of a term card).
    ``sibling`` groups cards made from one source element; siblings are buried
    together after one of them is answered.
    ``extra`` carries kind specific data (``typed_answer`` for command cards,
    ``diagram`` for diagram cards, ...); it must be JSON serialisable.
    """

    kind: CardKind
    concept: tuple[str, ...]
    anchor: str
    front: str
    back: str
    variant: str = ""
    source_line: int = 0  # 1-based first line in the notes file (0: none)
    source_end: int = 0  # 1-based last line (inclusive)
    sibling: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        return make_key(self.concept, self.kind, self.anchor, self.variant)


@dataclass(frozen=True)
class ConceptInfo:
    """A concept: a heading of the notes, or a state/transition of a diagram."""

    path: tuple[str, ...]
    kind: str = "heading"  # heading | state | transition
    source_line: int = 0
    source_end: int = 0


@dataclass
class GeneratedDeck:
    """Everything a notes file (plus any linked diagram) turns into."""

    title: str
    concepts: list[ConceptInfo]
    cards: list[CardDraft]
    warnings: list[str] = field(default_factory=list)
    # Images the notes refer to: (concept path, src as written, 1-based line).
    # A diagram data file that declares it replaces one of these srcs is
    # attached to that concept (see core.diagrams).
    images: list[tuple[tuple[str, ...], str, int]] = field(default_factory=list)
    # Blocks of the notes that made no card, each with its reason (core.notes.report.Skipped).
    skipped: list[Any] = field(default_factory=list)
