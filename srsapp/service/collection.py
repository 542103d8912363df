"""The one ``Collection`` that the GUI, the CLI, tests and benchmarks use.

It opens and closes a collection (folder, lock, database, first-open seeding, the automatic
backup at close) and hands out its parts, as Anki's ``col.decks`` / ``col.sched``:
``col.sched`` (``service.study``: queue, answers, undo, card actions); the settings, deck
options and decks are the ``Context`` it is. The methods below are the public names the
screens and commands call, each one line into a part. Every mutating operation is one
transaction and returns what it changed (``Changes``, or a report carrying them). The clock
is passed in (``now``); randomness (interval fuzz) comes from the ``rng`` handed to ``open``.
"""

from __future__ import annotations

import os
import random
from collections.abc import Container, Sequence
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from srsapp.core.errors import CollectionError, SrsError
from srsapp.core.model import GeneratedDeck, Rating
from srsapp.core.study_queue import PracticeQueue
from srsapp.service.context import DB_NAME, DEFAULT_DECK_CONFIG, DEFAULT_SETTINGS, Context
from srsapp.service.decks import DeckDeletion, DeckNode, Decks
from srsapp.service.edits import EditHistory
from srsapp.service.maintenance.backup import maybe_backup
from srsapp.service.opening import open_files, seed_collection
from srsapp.service.reports import (
    AnswerResult,
    Changes,
    DeckCounts,
    ExportReport,
    ImportReport,
    ReviewCard,
    SyncReport,
)
from srsapp.service.study import Study
from srsapp.service.study.queue import Custom
from srsapp.store import queries
from srsapp.store.db import Database
from srsapp.store.lock import CollectionLock

if TYPE_CHECKING:  # the notes generator, import/export and the card edits (numpy) are
    # imported when first used: the desktop app's window is shown without them
    from srsapp.service.anki.convert import DiagramRenderer
    from srsapp.service.anki.merge import Progress
    from srsapp.service.cards import CardEdits, NotetypeStyles

__all__ = ["DB_NAME", "DEFAULT_DECK_CONFIG", "DEFAULT_SETTINGS", "Collection"]


class Collection(Context):
    """An open collection: a data dir holding ``collection.sqlite`` and ``media/``."""

    def __init__(
        self, data_dir: Path, db: Database, lock: CollectionLock, rng: random.Random
    ) -> None:
        super().__init__(data_dir, db, rng)
        self._lock = lock
        self.sched = Study(self)
        self.edits = EditHistory(self)  # the learner's edits (decks, cards), undoable
        self.deck_ops = Decks(self, self.edits)
        self.seed_report: SyncReport | None = None
        self.backup_error: CollectionError | None = None
        self._closed = False

    @cached_property
    def card_ops(self) -> CardEdits:
        """Adding notes and the browser's edits on many cards (``service.cards``)."""
        from srsapp.service.cards import CardEdits

        return CardEdits(self, self.edits, self.deck_ops)

    @cached_property
    def styles(self) -> NotetypeStyles:
        """The CSS of imported cards' note types."""
        from srsapp.service.cards import NotetypeStyles

        return NotetypeStyles(self)

    # ---- open and close

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        seed: bool = True,
        rng: random.Random | None = None,
        now: datetime | None = None,
        durable: bool = True,
    ) -> Collection:
        """Open (creating if needed) the collection in ``data_dir``.

        The first open of an empty collection imports the bundled Docker deck unless
        ``seed`` is false. ``durable=False`` (tests) skips the fsync of every commit.
        """
        path, db, lock = open_files(data_dir, now, durable=durable)
        col = cls(path, db, lock, rng or random.Random())
        try:
            if not db.seeded_at_open:
                at = now or datetime.now(UTC)
                col.seed_report = seed_collection(
                    db, lambda notes: col.sync_notes(notes, now=at), bundled=seed
                )
        except BaseException:
            col.close(backup=False)
            raise
        return col

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self, now: datetime | None = None, *, backup: bool = True) -> None:
        """Close, first taking the automatic backup (at most one a day; see
        ``maintenance.backup``). A failed backup never prevents closing: it is kept in
        ``backup_error``."""
        if self._closed:
            return
        if backup:
            try:
                maybe_backup(self, now or datetime.now(UTC))
            except CollectionError as exc:
                self.backup_error = exc
        self._closed = True
        self.db.close()
        self._lock.release()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _meta(self, key: str) -> str | None:
        with self.db.reading() as s:
            return queries.meta_value(s, key)

    # ---- notes and files in (service.notes_sync, service.transfer)

    def sync_notes(
        self, path: str | os.PathLike[str], *, now: datetime | None = None
    ) -> SyncReport:
        """Generate cards from a notes file and merge them into its deck (one transaction)."""
        from srsapp.service import notes_sync

        return notes_sync.sync_notes_file(self, Path(path), now or datetime.now(UTC))

    def sync_sources(self, now: datetime) -> tuple[list[SyncReport], list[SrsError]]:
        from srsapp.service import notes_sync

        return notes_sync.sync_sources(self, now)

    def apply_generated(
        self, source_path: str, content_hash: str, text: str, deck: GeneratedDeck, now: datetime
    ) -> SyncReport:
        from srsapp.service import notes_sync

        return notes_sync.apply_generated(self, source_path, content_hash, text, deck, now)

    def import_file(
        self,
        path: str | os.PathLike[str],
        *,
        deck: str | None = None,
        now: datetime | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import an .apkg/.colpkg/.csv/.tsv/.txt/.json/.md file (see ``service.transfer``)."""
        from srsapp.service import transfer

        return transfer.import_file(self, path, deck=deck, now=now, progress=progress)

    def export_file(
        self,
        path: str | os.PathLike[str],
        *,
        deck: str | None = None,
        scheduling: bool = True,
        now: datetime | None = None,
        progress: Progress | None = None,
        render_diagram: DiagramRenderer | None = None,
        notes: bool = False,
    ) -> ExportReport:
        """Export to .apkg/.colpkg/.csv/.tsv/.txt/.json/.md (see ``service.transfer``); a
        text file with ``notes`` has one row per note (Anki's "Notes in Plain Text")."""
        from srsapp.service import transfer

        return transfer.export_file(
            self, path, deck=deck, scheduling=scheduling, now=now, progress=progress,
            render_diagram=render_diagram, notes=notes,
        )  # fmt: skip

    # ---- studying (service.study, handed out as ``sched``)

    def counts(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> tuple[int, int, int]:
        return self.sched.queue.counts(now, deck_id, concept, custom)

    def next_card(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> ReviewCard | None:
        """The next card to study, its four answers worked out as it is shown (as Anki's
        queue gives a card with its next states: the answer then only writes one)."""
        card_id = self.sched.queue.next_card_id(now, deck_id, concept, custom)
        return None if card_id is None else self.sched.answers.show(card_id, now)

    def practice(
        self, now: datetime, deck_id: int, concept: Sequence[str] | None, days: int
    ) -> PracticeQueue:
        """Custom study "review forgotten cards": a session that changes no schedule."""
        return self.sched.queue.practice(now, deck_id, concept, days)

    def concepts_of(self, deck_id: int) -> list[tuple[str, ...]]:
        """The live concepts of a deck (its notes' headings, an import's subdecks), in order."""
        with self.db.reading() as s:
            return sorted(queries.concept_paths(s, deck_id, live_only=True).values())

    def unseen(self, now: datetime, deck_id: int, concept: Sequence[str] | None = None) -> int:
        """New cards of the deck (its subdecks too) or concept, today's limits aside."""
        return self.sched.queue.unseen(now, deck_id, concept)

    def extend_limits(self, deck_id: int, now: datetime, new: int = 0, review: int = 0) -> Changes:
        """Custom study "study more new cards / reviews today": today's limits of the deck
        (and the decks above it, as Anki does) raised by ``new`` and ``review``."""
        return self.sched.queue.extend_limits(deck_id, now, new, review)

    def card(self, card_id: int) -> ReviewCard:
        return self.sched.queue.card(card_id)

    def answer(
        self, card_id: int, rating: int | Rating, now: datetime, duration_ms: int = 0
    ) -> AnswerResult:
        return self.sched.answers.answer(card_id, rating, now, duration_ms)

    def undo(self) -> Changes:
        return self.sched.undo.undo()

    # ---- decks as a tree, made, renamed, deleted (service.decks); edits undone (service.edits)

    def deck_tree(
        self,
        now: datetime,
        counts: list[DeckCounts] | None = None,
        read: Container[str] | None = None,
    ) -> list[DeckNode]:
        """The deck tree with today's counts (``counts``: the ``deck_counts`` already read;
        ``read``: the decks whose imported subdecks are read, see ``Decks.tree``)."""
        counts = self.sched.queue.deck_counts(now) if counts is None else counts
        return self.deck_ops.tree(
            counts, lambda ids: self.sched.queue.subdeck_counts(now, ids), read
        )

    def delete_deck(self, name: str) -> DeckDeletion:
        deletion = self.deck_ops.delete(name)
        self.sched.undo.clear()  # its answers may be of cards that are gone
        return deletion

    def edit_card_text(
        self, card_id: int, front: str, back: str, now: datetime | None = None
    ) -> Changes:
        """Save the plain editor's text as the learner's override (undoable as ``edit``); a
        side left as it was keeps its HTML, a side back to the generated text drops it."""
        from srsapp.service.cards import editable_card

        overrides = editable_card(self, card_id).overrides(front, back)
        return self.sched.actions.edit_card(card_id, *overrides, now)

    # the browser's edits on many cards: one transaction each, undone by ``undo_edit``

    def suspend_cards(
        self, card_ids: Sequence[int], suspended: bool = True, *, now: datetime
    ) -> Changes:
        return self.card_ops.set_suspended(card_ids, suspended, now)

    def delete_cards(self, card_ids: Sequence[int]) -> Changes:
        changes = self.card_ops.delete(card_ids)
        self.sched.undo.clear()  # its answers may be of cards that are gone
        return changes

    # ---- small reads

    def revlog_count(self) -> int:
        with self.db.reading() as s:
            return queries.revlog_count(s)

    def card_count(self, *, include_retired: bool = False) -> int:
        with self.db.reading() as s:
            return queries.card_count(s, include_retired=include_retired)
