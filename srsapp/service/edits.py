"""The undo history of the learner's edits to the collection (``service.decks``: decks made,
renamed, deleted; ``service.cards``: cards added, moved, flagged, suspended, deleted,
repositioned). Answers and the reviewer's one-card actions have their own history
(``service.study.undo``).

An entry holds what its edit replaced: rows it deleted (inserted again, parents first), rows
it added (deleted again), card columns, deck names and concept paths it changed (written
back). An undo is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from srsapp.core.errors import CollectionError
from srsapp.service.context import Context
from srsapp.service.reports import NOTHING, Changes
from srsapp.store import edit_queries as q
from srsapp.store.handles import IntegrityError, Session

UNDO_DEPTH = 30


@dataclass
class EditEntry:
    label: str  # undo.<label> names it in the UI
    changes: Changes  # what the edit changed (and its undo changes back)
    deleted: dict[str, list[q.Row]] = field(default_factory=dict)  # table -> whole rows
    added: dict[str, list[int]] = field(default_factory=dict)  # table -> ids
    card_columns: list[q.Row] = field(default_factory=list)  # id + columns before
    deck_names: list[tuple[int, str]] = field(default_factory=list)  # (deck id, name before)
    concept_paths: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    commit: int = -1  # the database's commit count right after the edit


class EditHistory:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._entries: list[EditEntry] = []
        ctx.on_replaced(self.clear)

    def push(self, entry: EditEntry) -> None:
        entry.commit = self._ctx.db.commits
        self._entries.append(entry)
        del self._entries[:-UNDO_DEPTH]

    def clear(self) -> None:
        self._entries.clear()

    def label(self) -> str | None:
        """The label of the edit an undo would take back (None: nothing to undo)."""
        return self._entries[-1].label if self._entries else None

    def is_latest(self) -> bool:
        """Whether the last edit is the last thing written (no answer or other change since):
        then an undo anywhere (the review too) takes it back first."""
        return bool(self._entries) and self._entries[-1].commit == self._ctx.db.commits

    def undo(self) -> Changes:
        """Take back the last edit exactly; ``NOTHING`` when there is none."""
        if not self._entries:
            return NOTHING
        entry = self._entries[-1]
        try:
            with self._ctx.db.transaction() as s:
                self._refuse_losing_work(s, entry)
                for table in reversed(q.TABLES):  # children first; the rest cascades
                    if entry.added.get(table):
                        q.delete_rows(s, table, entry.added[table])
                for table in q.TABLES:  # parents first
                    q.insert_rows(s, table, entry.deleted.get(table, []))
                q.set_columns(s, entry.card_columns)
                for deck_id, _name in entry.deck_names:  # free the names first (unique)
                    q.rename_deck(s, deck_id, f"\x00undo {deck_id}")
                for deck_id, name in entry.deck_names:
                    q.rename_deck(s, deck_id, name)
                for concept_id, path in entry.concept_paths:
                    q.set_concept_path(s, concept_id, path)
        except IntegrityError as exc:
            raise CollectionError(
                f"cannot undo {entry.label}: the collection changed since in a way that clashes "
                "with it (nothing was changed)"
            ) from exc
        self._entries.pop()
        self._ctx.forget_caches()  # deck options came back
        return entry.changes

    def _refuse_losing_work(self, s: Session, entry: EditEntry) -> None:
        """Taking back an added deck or note must not take what was done since with it:
        cards put in the deck, answers given to the cards."""
        if q.card_ids_where(s, "deck_id", entry.added.get("decks", [])):
            raise CollectionError(
                f"cannot undo {entry.label}: the deck holds cards now (delete the deck instead)"
            )
        if q.rows(s, "revlog", "card_id", entry.added.get("cards", [])):
            raise CollectionError(
                f"cannot undo {entry.label}: its cards have been answered since (delete them "
                "in the browser instead)"
            )
