"""What the service's operations hand back: ``Changes`` (what an operation changed, for the
screens to refresh from) and the reports of syncs, imports, exports, checks, backups and
fitting, each as plain frozen data with ``as_dict`` for the CLI's JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from srsapp.core.model import CardState, Rating

if TYPE_CHECKING:  # not imported for it: the optimizer's modules, which few commands need
    from srsapp.core.fitting.optimize import Metrics


@dataclass(frozen=True)
class Changes:
    """What one operation changed (as Anki's ``OpChanges``): a screen that shows any of it
    reloads; ``card_ids`` names the cards when the operation touched a few; ``count`` is how
    many rows it touched (cards reset, cards imported ...)."""

    cards: bool = False  # card text, flags or scheduling
    study_queue: bool = False  # what is due today, the counts
    decks: bool = False  # decks added, deck options
    settings: bool = False  # collection settings (scheduler, time zone, interface)
    notes: bool = False  # notes sources, concepts, diagrams
    revlog: bool = False  # the review log
    card_ids: tuple[int, ...] = ()
    count: int = 0

    @property
    def any(self) -> bool:
        return (
            self.cards
            or self.study_queue
            or self.decks
            or self.settings
            or self.notes
            or self.revlog
        )

    @property
    def card_id(self) -> int | None:
        """The (first) card the operation was about, e.g. the card an undo shows again."""
        return self.card_ids[0] if self.card_ids else None

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            cards=self.cards or other.cards,
            study_queue=self.study_queue or other.study_queue,
            decks=self.decks or other.decks,
            settings=self.settings or other.settings,
            notes=self.notes or other.notes,
            revlog=self.revlog or other.revlog,
            card_ids=tuple(dict.fromkeys((*self.card_ids, *other.card_ids))),
            count=self.count + other.count,
        )


NOTHING = Changes()
EVERYTHING = Changes(True, True, True, True, True, True)


def card_changed(card_id: int, *, queue: bool = True, revlog: bool = False) -> Changes:
    """One card's text, flag or scheduling changed (and with it, usually, the queue)."""
    return Changes(cards=True, study_queue=queue, revlog=revlog, card_ids=(card_id,), count=1)


@dataclass(frozen=True)
class RetiredCard:
    """A card a notes sync retired: where it was (the heading path) and what it asked."""

    concept: str  # heading path, " › " between levels
    anchor: str
    kind: str

    def as_dict(self) -> dict[str, str]:
        return {"concept": self.concept, "anchor": self.anchor, "kind": self.kind}

    def __str__(self) -> str:
        where = f"{self.concept} › " if self.concept else ""
        return f"{where}{self.anchor} ({self.kind})"


@dataclass(frozen=True)
class SyncReport:
    deck: str
    added: int = 0
    updated: int = 0
    retired: int = 0
    revived: int = 0
    unchanged: int = 0
    warnings: tuple[str, ...] = ()
    # the cards this sync retired, in notes order, and the headings it found renamed
    # (old path, new path), which kept their cards
    retired_cards: tuple[RetiredCard, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    # blocks of the notes that made no card (core.notes.report.Skipped), in notes order
    not_carded: tuple[Any, ...] = ()

    @property
    def changes(self) -> Changes:
        touched = self.added + self.updated + self.retired + self.revived
        return Changes(cards=touched > 0, study_queue=touched > 0, decks=True, notes=True,
                       count=touched)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "deck": self.deck,
            "not_carded": [s.as_dict() for s in self.not_carded],
            "added": self.added,
            "updated": self.updated,
            "retired": self.retired,
            "revived": self.revived,
            "unchanged": self.unchanged,
            "retired_cards": [r.as_dict() for r in self.retired_cards],
            "renamed": [{"from": a, "to": b} for a, b in self.renamed],
        }


@dataclass(frozen=True)
class DeckDeletion:
    """What deleting a deck removes (before: to ask; after: to report)."""

    name: str
    decks: int
    cards: int
    reviews: int
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class DeckCounts:
    id: int
    name: str
    new: int
    learn: int
    review: int
    total: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "new": self.new,
            "learn": self.learn,
            "review": self.review,
            "total": self.total,
        }


@dataclass(frozen=True)
class ReviewCard:
    """A card as the review screen shows it (overrides applied)."""

    id: int
    deck_id: int
    kind: str
    front: str
    back: str
    concept: tuple[str, ...]
    state: CardState
    extra: dict[str, Any] = field(default_factory=dict)
    source_line: int = 0
    source_end: int = 0
    flag: int = 0
    queue: str = "new"  # new | learn | review


class AnswerResult(NamedTuple):
    """What an answer did (a named tuple: made at every answer, where a frozen dataclass
    would set each field through ``object.__setattr__``)."""

    card_id: int
    rating: Rating
    interval: timedelta
    due: datetime
    leech: bool = False
    suspended: bool = False
    buried_siblings: int = 0
    sibling_ids: tuple[int, ...] = ()

    @property
    def changes(self) -> Changes:
        return Changes(cards=True, study_queue=True, revlog=True,
                       card_ids=(self.card_id, *self.sibling_ids), count=1)  # fmt: skip


@dataclass(frozen=True)
class ImportReport:
    path: str
    format: str
    added: int = 0
    updated: int = 0
    skipped: int = 0
    revlog: int = 0
    media: int = 0
    decks: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    # notes files: what the sync did (cards retired, revived, unchanged)
    retired: int = 0
    revived: int = 0
    unchanged: int = 0
    # notes files: the cards retired (``RetiredCard``) and the headings renamed (old, new)
    retired_cards: tuple[Any, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    # notes files: the blocks that made no card (``core.notes.report.Skipped``)
    not_carded: tuple[Any, ...] = ()

    @property
    def changes(self) -> Changes:
        touched = self.added + self.updated + self.retired + self.revived
        return Changes(cards=touched > 0, study_queue=touched > 0, decks=bool(self.decks),
                       notes=self.format == "notes", revlog=self.revlog > 0, count=touched)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "added": self.added,
            "updated": self.updated,
            "skipped": self.skipped,
            "retired": self.retired,
            "revived": self.revived,
            "unchanged": self.unchanged,
            "retired_cards": [r.as_dict() for r in self.retired_cards],
            "renamed": [{"from": a, "to": b} for a, b in self.renamed],
            "not_carded": [s.as_dict() for s in self.not_carded],
            "revlog": self.revlog,
            "media": self.media,
            "decks": list(self.decks),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class ExportReport:
    path: str
    format: str
    notes: int = 0
    cards: int = 0
    revlog: int = 0
    media: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "notes": self.notes,
            "cards": self.cards,
            "revlog": self.revlog,
            "media": self.media,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Problem:
    kind: str  # integrity | foreign_key | orphan | concept_tree | card_state | revlog | summary
    message: str
    card_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "card_id": self.card_id}


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # what repair did
    remaining: list[Problem] = field(default_factory=list)  # after repair
    cards_checked: int = 0
    cards_not_replayable: int = 0  # imported or manually rescheduled histories
    reviews: int = 0
    backup: str | None = None  # the backup taken before repairing
    repaired: bool = False

    @property
    def changes(self) -> Changes:
        """A repair may rewrite any card and the review log's summary; a check changes nothing."""
        return EVERYTHING if self.repaired and self.repairs else NOTHING

    @property
    def ok(self) -> bool:
        return not (self.remaining if self.repaired else self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": [p.as_dict() for p in self.problems],
            "changes": list(self.repairs),
            "remaining": [p.as_dict() for p in self.remaining],
            "cards_checked": self.cards_checked,
            "cards_not_replayable": self.cards_not_replayable,
            "reviews": self.reviews,
            "backup": self.backup,
            "repaired": self.repaired,
        }


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    time: datetime  # UTC, from the file name
    reason: str
    size: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "time": self.time.isoformat(),
            "reason": self.reason,
            "size": self.size,
        }


@dataclass(frozen=True)
class RestoreReport:
    restored: Path
    previous_backup: Path | None  # the collection as it was before the restore
    cards: int
    reviews: int

    @property
    def changes(self) -> Changes:
        return EVERYTHING

    def as_dict(self) -> dict[str, Any]:
        return {
            "restored": str(self.restored),
            "previous_backup": str(self.previous_backup) if self.previous_backup else None,
            "cards": self.cards,
            "reviews": self.reviews,
        }


@dataclass(frozen=True)
class OptimizeReport:
    reviews: int  # graded review-log rows
    cards: int  # cards with at least one graded review
    items: int  # reviews the parameters were fitted and evaluated on
    default: Metrics
    current: Metrics
    fitted: Metrics
    parameters: tuple[float, ...]  # the fitted parameters
    kept: bool  # fitted parameters saved (they beat the current ones)
    cards_updated: int  # memory states rebuilt
    due_moved: int  # review cards whose due date moved to another study day

    @property
    def changes(self) -> Changes:
        return Changes(cards=self.cards_updated > 0, study_queue=self.due_moved > 0,
                       settings=self.kept, count=self.cards_updated)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parameters"] = list(self.parameters)
        return d

    def summary(self) -> str:
        lines = [
            f"{self.reviews:,} reviews of {self.cards:,} cards; "
            f"fitted and evaluated on {self.items:,} of them",
            f"{'':<9}{'log loss':>10}{'RMSE(bins)':>12}",
        ]
        for name in ("default", "current", "fitted"):
            m: Metrics = getattr(self, name)
            lines.append(f"{name:<9}{m.log_loss:>10.4f}{m.rmse_bins * 100:>11.2f}%")
        if self.kept:
            lines.append(
                f"kept the fitted parameters; {self.cards_updated:,} cards updated, "
                f"{self.due_moved:,} due dates moved"
            )
        else:
            lines.append("the current parameters predict your reviews as well; nothing changed")
        return "\n".join(lines)


@dataclass
class SyncResult:
    server: str
    user: str
    direction: str  # none | incremental | upload | download | download+upload
    uploaded: dict[str, int] = field(default_factory=dict)  # notes, cards, reviews, bytes
    downloaded: dict[str, int] = field(default_factory=dict)  # notes, cards, reviews, bytes
    added: int = 0  # cards the download added to ours
    updated: int = 0  # cards it changed
    reviews_added: int = 0
    media_uploaded: int = 0  # media files sent to the server
    media_downloaded: int = 0  # media files written to media/
    media_deleted_here: int = 0  # media files the server deleted, deleted from media/
    media_deleted_there: int = 0  # media files deleted from media/, deleted on the server
    # our changes since the last sync, sent right after a full download had merged the
    # server's collection into ours (cards, notes, reviews, ..., as ``uploaded``)
    sent_after_download: dict[str, int] = field(default_factory=dict)
    key_store: str | None = None  # where a new host key went: keyring | file
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        """A download may have brought any card, deck or review; an upload changed nothing here."""
        media = self.media_downloaded or self.media_deleted_here
        return EVERYTHING if any(self.downloaded.values()) or media else NOTHING

    def as_dict(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "user": self.user,
            "direction": self.direction,
            "uploaded": self.uploaded,
            "downloaded": self.downloaded,
            "added": self.added,
            "updated": self.updated,
            "reviews_added": self.reviews_added,
            "sent_after_download": self.sent_after_download,
            "media": {
                "uploaded": self.media_uploaded,
                "downloaded": self.media_downloaded,
                "deleted_here": self.media_deleted_here,
                "deleted_there": self.media_deleted_there,
            },
            "warnings": self.warnings,
        }
