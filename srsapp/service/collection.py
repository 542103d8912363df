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

import dataclasses
import json
import os
import random
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from srsapp.core.diagrams import Diagram
from srsapp.core.errors import CollectionError, DamagedCollectionError, SrsError
from srsapp.core.model import GeneratedDeck, Rating
from srsapp.core.study_queue import PracticeQueue
from srsapp.core.text import html_to_text
from srsapp.service import notes_sync, sources, transfer
from srsapp.service.anki.convert import NOTETYPE_KEY, DiagramRenderer
from srsapp.service.anki.merge import Progress
from srsapp.service.cards import (
    AddedNote,
    CardEdits,
    CardInfo,
    EditableCard,
    NewCard,
    added_note,
    card_info,
    editable_card,
    render_note,
)
from srsapp.service.context import DB_NAME, DEFAULT_DECK_CONFIG, DEFAULT_SETTINGS, Context
from srsapp.service.decks import DeckDeletion, DeckNode, Decks, Target
from srsapp.service.edits import EditHistory
from srsapp.service.maintenance.backup import (
    list_backups,
    maybe_backup,
    restore_backup,
    restore_into,
)
from srsapp.service.paths import bundled_decks_dir, resolve_data_dir
from srsapp.service.reports import (
    AnswerResult,
    Changes,
    DeckCounts,
    ExportReport,
    ImportReport,
    RestoreReport,
    ReviewCard,
    SyncReport,
)
from srsapp.service.study import Study
from srsapp.service.study.queue import Custom
from srsapp.store import queries
from srsapp.store.backup_names import leftovers, remove_leftovers
from srsapp.store.db import Database
from srsapp.store.lock import CollectionLock
from srsapp.store.models import Meta

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
        self.card_ops = CardEdits(self, self.edits, self.deck_ops)
        self.seed_report: SyncReport | None = None
        self.backup_error: CollectionError | None = None
        self._closed = False
        self._notetype_css: dict[str, str] = {}  # by the stored note type's hash

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
        path = resolve_data_dir(data_dir)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CollectionError(
                f"cannot create the data folder ({exc.strerror})", str(path)
            ) from exc
        if not os.access(path, os.W_OK | os.X_OK):
            raise CollectionError("the data folder is not writable", str(path))
        lock = CollectionLock(path / "collection.lock")
        lock.acquire()
        try:
            db = Database.open(path / DB_NAME, now, durable=durable)
        except DamagedCollectionError as exc:
            lock.release()
            backups = list_backups(path)
            if not backups:
                raise
            raise DamagedCollectionError(
                f"{exc}; {len(backups)} backup(s), the newest restored by: "
                f"srsapp restore '{backups[0].path}'"
            ) from exc
        except BaseException:
            lock.release()
            raise
        db.before_write = lock.ensure_held  # the lock file may be deleted while we are open
        remove_leftovers(leftovers(path))  # of killed backups and imports (we hold the lock)
        col = cls(path, db, lock, rng or random.Random())
        try:
            if not col._meta("seeded"):
                col._seed(now or datetime.now(UTC), bundled=seed)
        except BaseException:
            col.close(backup=False)
            raise
        return col

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

    def _seed(self, now: datetime, bundled: bool = True) -> None:
        """First open: import the bundled Docker deck (unless ``bundled`` is false);
        either way the collection is marked seeded, so it never happens again."""
        notes = bundled_decks_dir() / "docker-notes.md"
        if bundled and notes.exists():
            self.seed_report = self.sync_notes(notes, now=now)
        with self.db.transaction() as s:
            s.merge(Meta(key="seeded", value="1"))

    # ---- notes and files in (service.notes_sync, service.transfer)

    def sync_notes(
        self, path: str | os.PathLike[str], *, now: datetime | None = None
    ) -> SyncReport:
        """Generate cards from a notes file and merge them into its deck (one transaction)."""
        return notes_sync.sync_notes_file(self, Path(path), now or datetime.now(UTC))

    def sync_sources(self, now: datetime) -> tuple[list[SyncReport], list[SrsError]]:
        return notes_sync.sync_sources(self, now)

    def apply_generated(
        self, source_path: str, content_hash: str, text: str, deck: GeneratedDeck, now: datetime
    ) -> SyncReport:
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
        return transfer.export_file(
            self, path, deck=deck, scheduling=scheduling, now=now, progress=progress,
            render_diagram=render_diagram, notes=notes,
        )  # fmt: skip

    # ---- where cards came from (service.sources)

    def notes_sources(self) -> list[str]:
        return sources.notes_sources(self)

    def card_source(self, card_id: int) -> tuple[str, str, int, int] | None:
        return sources.card_source(self, card_id)

    def linked_diagrams(self) -> list[tuple[str, str]]:
        return sources.linked_diagrams(self)

    def diagram(self, name: str) -> Diagram:
        return sources.diagram(self, name)

    # ---- studying (service.study, handed out as ``sched``)

    def counts(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> tuple[int, int, int]:
        return self.sched.queue.counts(now, deck_id, concept, custom)

    def deck_counts(self, now: datetime) -> list[DeckCounts]:
        return self.sched.queue.deck_counts(now)

    def next_card(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> ReviewCard | None:
        return self.sched.queue.next_card(now, deck_id, concept, custom)

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

    def card_css(self, extra: object) -> str:
        """The CSS of the Anki note type a card was imported with (its ``extra``), or ""."""
        anki = extra.get("anki") if isinstance(extra, dict) else None
        nt = anki.get("notetype") if isinstance(anki, dict) else None
        if not isinstance(nt, dict):
            return ""
        if "ref" not in nt:  # collections from before the note types were stored once
            return str(nt.get("css") or "")
        ref = str(nt["ref"])
        css = self._notetype_css.get(ref)
        if css is None:  # a stored note type never changes: its key is its content's hash
            try:
                data = json.loads(self._meta(NOTETYPE_KEY + ref) or "{}")
            except ValueError:
                data = {}
            css = str(data.get("css") or "") if isinstance(data, dict) else ""
            self._notetype_css[ref] = css
        return css

    def intervals(self, card_id: int, now: datetime) -> dict[Rating, str]:
        return self.sched.answers.intervals(card_id, now)

    def answer(
        self, card_id: int, rating: int | Rating, now: datetime, duration_ms: int = 0
    ) -> AnswerResult:
        return self.sched.answers.answer(card_id, rating, now, duration_ms)

    def undo_label(self) -> str | None:
        return self.sched.undo.label()

    def undo(self) -> Changes:
        return self.sched.undo.undo()

    def bury(self, card_id: int, now: datetime) -> Changes:
        return self.sched.actions.bury(card_id, now)

    def set_suspended(self, card_id: int, suspended: bool = True, *, now: datetime) -> Changes:
        return self.sched.actions.set_suspended(card_id, suspended, now=now)

    def set_flag(self, card_id: int, flag: int, *, now: datetime) -> Changes:
        return self.sched.actions.set_flag(card_id, flag, now=now)

    def edit_card(
        self, card_id: int, front: str | None, back: str | None, now: datetime | None = None
    ) -> Changes:
        return self.sched.actions.edit_card(card_id, front, back, now)

    def reset_to_new(self, card_ids: Sequence[int], now: datetime) -> Changes:
        return self.sched.actions.reset_to_new(card_ids, now)

    # ---- decks as a tree, made, renamed, deleted (service.decks); edits undone (service.edits)

    def deck_tree(self, now: datetime, counts: list[DeckCounts] | None = None) -> list[DeckNode]:
        """The deck tree with today's counts (``counts``: the ``deck_counts`` already read)."""
        counts = self.deck_counts(now) if counts is None else counts
        return self.deck_ops.tree(counts, lambda ids: self.sched.queue.subdeck_counts(now, ids))

    def resolve_deck(self, name: str) -> Target:
        return self.deck_ops.resolve(name)

    def create_deck(self, name: str, now: datetime) -> Changes:
        return self.deck_ops.create(name, now)

    def rename_deck(self, name: str, new_name: str) -> Changes:
        return self.deck_ops.rename(name, new_name)

    def deck_deletion(self, name: str) -> DeckDeletion:
        return self.deck_ops.deletion(name)

    def delete_deck(self, name: str) -> DeckDeletion:
        deletion = self.deck_ops.delete(name)
        self.sched.undo.clear()  # its answers may be of cards that are gone
        return deletion

    def add_note(
        self, deck: str, note_type: str, fields: dict[str, str], now: datetime,
        tags: Sequence[str] = (),
    ) -> Changes:  # fmt: skip
        """Add a note's cards (service.cards: Basic, Basic + reverse, Cloze, typed answer)."""
        return self.card_ops.add_note(deck, note_type, fields, now, tags)

    def preview_note(self, note_type: str, fields: dict[str, str]) -> list[NewCard]:
        return render_note(note_type, fields)

    def editable_card(self, card_id: int) -> EditableCard:
        """A card's sides as the plain-text editor shows them (service.cards)."""
        return editable_card(self, card_id)

    def edit_card_text(
        self, card_id: int, front: str, back: str, now: datetime | None = None
    ) -> Changes:
        """Save the plain editor's text as the learner's override (undoable as ``edit``); a
        side left as it was keeps its HTML, a side back to the generated text drops it."""
        return self.edit_card(card_id, *editable_card(self, card_id).overrides(front, back), now)

    def added_note(self, card_id: int) -> AddedNote | None:
        """The note a card was added with (Add card), None for other cards."""
        return added_note(self, card_id)

    def edit_note(
        self, card_id: int, fields: dict[str, str], now: datetime,
        tags: Sequence[str] | None = None,
    ) -> Changes:  # fmt: skip
        """Change an added note's fields (and tags); all its cards follow (service.cards)."""
        return self.card_ops.edit_note(card_id, fields, now, tags)

    def card_info(self, card_id: int, now: datetime) -> CardInfo:
        """A card's memory state and every review (service.cards)."""
        return card_info(self, card_id, now)

    # the browser's edits on many cards: one transaction each, undone by ``undo_edit``

    def set_deck_of_cards(self, card_ids: Sequence[int], deck: str, now: datetime) -> Changes:
        return self.card_ops.set_deck(card_ids, deck, now)

    def flag_cards(self, card_ids: Sequence[int], flag: int, *, now: datetime) -> Changes:
        return self.card_ops.set_flag(card_ids, flag, now)

    def suspend_cards(
        self, card_ids: Sequence[int], suspended: bool = True, *, now: datetime
    ) -> Changes:
        return self.card_ops.set_suspended(card_ids, suspended, now)

    def reposition_cards(
        self, card_ids: Sequence[int], start: int, step: int = 1, *, now: datetime,
        randomize: bool = False, shift: bool = False,
    ) -> Changes:  # fmt: skip
        return self.card_ops.reposition(card_ids, start, step, now=now, randomize=randomize,
                                        shift=shift)  # fmt: skip

    def delete_cards(self, card_ids: Sequence[int]) -> Changes:
        changes = self.card_ops.delete(card_ids)
        self.sched.undo.clear()  # its answers may be of cards that are gone
        return changes

    def edit_is_latest(self) -> bool:
        return self.edits.is_latest()

    def edit_undo_label(self) -> str | None:
        return self.edits.label()

    def undo_edit(self) -> Changes:
        return self.edits.undo()

    # ---- small reads

    def plain(self, html_fragment: str) -> str:
        return html_to_text(html_fragment)

    def revlog_count(self) -> int:
        with self.db.reading() as s:
            return queries.revlog_count(s)

    def card_count(self, *, include_retired: bool = False) -> int:
        with self.db.reading() as s:
            return queries.card_count(s, include_retired=include_retired)


def collection_from_json(path: Path, folder: Path, now: datetime) -> Path:
    """A collection database in the empty ``folder`` made from the JSON backup ``path`` (what
    ``restore`` swaps in); raises the import's error naming ``path``."""
    col = Collection.open(folder, seed=False, now=now)
    try:
        col.import_file(path, now=now)
    finally:
        col.close(backup=False)
    return folder / DB_NAME


def restore_file_into(data_dir: Path, source: Path, now: datetime) -> RestoreReport:
    """Restore the backup ``source`` (a .sqlite backup, or a JSON backup made into a
    collection first) into ``data_dir`` without opening its collection (it may be what is
    damaged): what the start-up's and the CLI's restore do."""
    if source.suffix.lower() != ".json":
        return restore_into(data_dir, source, now)
    with tempfile.TemporaryDirectory(prefix="srsapp-restore-") as tmp:
        made = collection_from_json(source, Path(tmp), now)
        return dataclasses.replace(restore_into(data_dir, made, now), restored=source)


def restore_file(col: Collection, source: Path, now: datetime) -> RestoreReport:
    """Restore the backup ``source`` (.sqlite, or JSON made into a collection first) into the
    open collection ``col`` (File → Restore backup… → From a file…)."""
    if source.suffix.lower() != ".json":
        return restore_backup(col, source, now)
    with tempfile.TemporaryDirectory(prefix="srsapp-restore-") as tmp:
        made = collection_from_json(source, Path(tmp), now)
        return dataclasses.replace(restore_backup(col, made, now), restored=source)
