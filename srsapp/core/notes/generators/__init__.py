"""One card generator per kind. Each takes a section (with its language) and returns drafts."""

from __future__ import annotations

from collections.abc import Callable

from srsapp.core.model import CardDraft

from ..common import Ctx
from . import acronym, command, definition, options, question, quiz, sequence, table, term
from . import list as list_gen

Generator = Callable[[Ctx], "list[CardDraft]"]

GENERATORS: tuple[tuple[str, Generator], ...] = (
    ("definition", definition.generate),
    ("term", term.generate),
    ("list", list_gen.generate),
    ("sequence", sequence.generate),
    ("command", command.generate),
    ("code", command.code_blocks),
    ("table", table.generate),
    ("question", question.generate),
    ("quiz", quiz.generate),
    ("options", options.generate),
    ("acronym", acronym.generate),
)

__all__ = ["GENERATORS", "Generator"]
