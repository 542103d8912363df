"""Neutral, database-free picture of an Anki package (.apkg / .colpkg).

The readers fill these dataclasses and the writers consume them; nothing here
knows about our own collection. Field names follow Anki's card columns so the
mapping to and from the package stays obvious.

Scheduling fields keep Anki's raw encoding (``due`` means a position for new
cards, a day number relative to ``AnkiPackage.crt`` for review cards and an
epoch second for intraday learning cards); ``card_due`` turns that into a
date or datetime.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

FIELD_SEP = "\x1f"


class NotetypeKind(StrEnum):
    BASIC = "basic"  # Anki's "normal" note type: one card per template
    CLOZE = "cloze"  # one card per cloze number


class CardType(IntEnum):
    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class Queue(IntEnum):
    USER_BURIED = -3
    SCHED_BURIED = -2
    SUSPENDED = -1
    NEW = 0
    LEARNING = 1  # intraday learning: due is an epoch second
    REVIEW = 2
    DAY_LEARNING = 3  # interday learning: due is a day number
    PREVIEW = 4


class RevlogType(IntEnum):
    LEARNING = 0
    REVIEW = 1
    RELEARNING = 2
    FILTERED = 3
    MANUAL = 4
    RESCHEDULED = 5


class PackageVersion(StrEnum):
    LEGACY_1 = "legacy1"  # collection.anki2 (schema 11)
    LEGACY_2 = "legacy2"  # collection.anki21 (schema 11, v2 scheduler)
    LATEST = "latest"  # collection.anki21b (zstd, schema 18)


@dataclass
class Template:
    name: str
    qfmt: str
    afmt: str


@dataclass
class Notetype:
    id: int
    name: str
    kind: NotetypeKind
    fields: list[str]
    templates: list[Template]
    css: str = ""
    sort_field: int = 0
    # the stock note type it was made from, as Anki records it (6: Image Occlusion, which
    # Anki recognises the note type by); 0 unknown
    original_stock_kind: int = 0


# levels of a deck name ("A::B::C") that become levels of ours; what lies deeper stays, "::"
# and all, in the name of the last level (1,500 levels once ended an import in RecursionError)
MAX_DECK_DEPTH = 50


def deck_path(parts: list[str]) -> tuple[str, ...]:
    """A deck name's levels, at most ``MAX_DECK_DEPTH`` (the deeper ones joined into the last)."""
    if len(parts) > MAX_DECK_DEPTH:
        parts = parts[: MAX_DECK_DEPTH - 1] + ["::".join(parts[MAX_DECK_DEPTH - 1 :])]
    return tuple(parts)


def deck_depth_warning(name: str, levels: int) -> str:
    return (f"deck {name[:40]!r}…: {levels:,} levels; those past {MAX_DECK_DEPTH} are kept "
            f"in the name of level {MAX_DECK_DEPTH}")  # fmt: skip


@dataclass
class Deck:
    id: int
    name: str  # components joined with "::", e.g. "Docker::개념::이미지"
    description: str = ""
    config_id: int = 1  # its options preset (``Preset``); 1: Anki's "Default"

    @property
    def path(self) -> tuple[str, ...]:
        return deck_path(self.name.split("::"))


@dataclass
class Note:
    id: int
    guid: str
    notetype_id: int
    fields: list[str]
    tags: list[str] = field(default_factory=list)
    mod: int = 0  # epoch seconds


@dataclass
class Card:
    id: int
    note_id: int
    ord: int
    deck_id: int
    type: int = CardType.NEW
    queue: int = Queue.NEW
    due: int = 0
    ivl: int = 0  # days (negative: seconds, learning)
    factor: int = 0  # ease in permille (2500 = 250%)
    reps: int = 0
    lapses: int = 0
    left: int = 0
    odue: int = 0
    odid: int = 0
    flags: int = 0
    mod: int = 0
    stability: float | None = None  # FSRS memory state, days
    difficulty: float | None = None  # FSRS difficulty, 1..10
    desired_retention: float | None = None
    data: dict[str, Any] = field(default_factory=dict)  # other keys of cards.data


@dataclass
class RevlogEntry:
    id: int  # epoch milliseconds of the answer
    card_id: int
    ease: int  # 1..4 (0: manual entry)
    ivl: int  # days, negative = seconds
    last_ivl: int
    factor: int
    time: int  # milliseconds taken
    type: int = RevlogType.REVIEW


# Anki's defaults for what a preset carries here, and the values we accept (as ``check``)
PRESET_DEFAULTS = (20, 200, 0.9)
MAX_NEW_PER_DAY, MAX_REVIEWS_PER_DAY = 1_000_000, 10_000_000
RETENTION_RANGE = (0.5, 0.999)


@dataclass
class Preset:
    """A deck options preset, as far as ours go: the daily limits and FSRS's desired
    retention (Anki's other options -- steps, burying, display order -- stay behind)."""

    id: int
    name: str
    new_per_day: int = PRESET_DEFAULTS[0]
    reviews_per_day: int = PRESET_DEFAULTS[1]
    desired_retention: float = PRESET_DEFAULTS[2]

    def options(self) -> dict[str, int | float]:
        """Our per-deck settings (``Context.deck_config``) this preset stands for."""
        return {"new_per_day": self.new_per_day, "reviews_per_day": self.reviews_per_day,
                "desired_retention": self.desired_retention}  # fmt: skip


@dataclass
class AnkiPackage:
    notetypes: dict[int, Notetype] = field(default_factory=dict)
    decks: dict[int, Deck] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    revlog: list[RevlogEntry] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    crt: int = 0  # collection creation (epoch seconds); review due days count from it
    version: PackageVersion = PackageVersion.LEGACY_2
    schema: int = 11
    warnings: list[str] = field(default_factory=list)
    presets: dict[int, Preset] = field(default_factory=dict)  # deck options, by id
    # ``read_package(defer_revlog=True)`` on a package whose review log is intact (every row
    # passes the checks unchanged): the package's collection database (SQLite bytes), left
    # for the importer to read its ``revlog`` table with SQL; ``revlog`` stays empty then.
    revlog_db: bytes | None = field(default=None, repr=False)
    # every note and card row was taken exactly as stored (no value converted or clamped,
    # note ids unique): an importer may read their columns from ``revlog_db`` with SQL
    rows_as_stored: bool = False
    # the reader's background work on ``revlog_db`` (``apkg_read.RevlogWorker``; the
    # importer closes it)
    revlog_worker: Any = field(default=None, repr=False, compare=False)

    def note_by_guid(self) -> dict[str, Note]:
        return {n.guid: n for n in self.notes}

    def cards_of(self, note_id: int) -> list[Card]:
        return sorted((c for c in self.cards if c.note_id == note_id), key=lambda c: c.ord)

    def deck_named(self, name: str) -> Deck | None:
        return next((d for d in self.decks.values() if d.name == name), None)


def card_due(card: Card, crt: int) -> date | datetime | None:
    """When the card is due: a date (review/day-learning), a UTC datetime
    (intraday learning) or None (new, or suspended/buried new cards)."""
    if card.type == CardType.NEW:
        return None
    if card.queue == Queue.LEARNING or (card.queue < 0 and card.due > 1_000_000_000):
        return datetime.fromtimestamp(card.due, UTC)
    start = datetime.fromtimestamp(crt, UTC).date()
    return start + timedelta(days=card.due)


def day_number(due: date, crt: int) -> int:
    """Inverse of ``card_due`` for review cards: days since the collection's creation day."""
    return (due - datetime.fromtimestamp(crt, UTC).date()).days
