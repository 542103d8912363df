"""Markdown study notes → concepts and card drafts.

decode_notes(data, path) -> str
parse_notes(text, path="") -> NotesDoc
generate_deck(text, path="", *, title=None) -> GeneratedDeck
"""

from __future__ import annotations

from .deck import generate_deck
from .decode import decode_notes
from .parser import NotesDoc, Section, parse_notes
from .validate import Violation, check_card, check_deck, fix_deck

__all__ = [
    "NotesDoc",
    "Section",
    "Violation",
    "check_card",
    "check_deck",
    "decode_notes",
    "fix_deck",
    "generate_deck",
    "parse_notes",
]
