"""SQLAlchemy 2.x typed models of a collection.

Times are stored as integers: card ``due``/``last_review`` in epoch seconds
(UTC), review-log ``time_ms`` in epoch milliseconds (as Anki's revlog ids).
Integers keep the hot queries (queue, counts, statistics) cheap at 100k cards.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Bump with every schema change and add a step to store.migrations.MIGRATIONS.
SCHEMA_VERSION = 1


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key/value facts about the database itself (schema version, creation time)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Setting(Base):
    """Collection settings as JSON values (time zone, day start hour, FSRS parameters...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class Deck(Base):
    __tablename__ = "decks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    # JSON: new_per_day, reviews_per_day, desired_retention, ...
    config: Mapped[str] = mapped_column(Text, default="{}")
    created: Mapped[int] = mapped_column(Integer, default=0)


class Source(Base):
    """A notes file a deck is generated from."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="notes")  # notes | diagram
    content_hash: Mapped[str] = mapped_column(String, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    synced_at: Mapped[int] = mapped_column(Integer, default=0)


class Concept(Base):
    """A heading of the notes, or a state/transition of a diagram; a tree per deck."""

    __tablename__ = "concepts"
    __table_args__ = (UniqueConstraint("deck_id", "path"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("concepts.id", ondelete="SET NULL"), index=True
    )
    path: Mapped[str] = mapped_column(String)  # JSON list of heading texts
    title: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="heading")
    source_line: Mapped[int] = mapped_column(Integer, default=0)
    source_end: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class Card(Base):
    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("deck_id", "key"),
        Index("ix_cards_queue", "state", "due"),
        # speed only (created at open on older files too, see db.ensure_indexes):
        # a deck's queue, counts and totals; the siblings buried on answer
        Index("ix_cards_deck_queue", "deck_id", "retired", "suspended", "state", "due"),
        Index("ix_cards_deck_sibling", "deck_id", "sibling"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), index=True)
    concept_id: Mapped[int | None] = mapped_column(
        ForeignKey("concepts.id", ondelete="SET NULL"), index=True
    )
    # the notes file the card was generated from (None: imported / added by hand)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    key: Mapped[str] = mapped_column(String)
    guid: Mapped[str | None] = mapped_column(String, index=True)  # Anki note guid, if imported
    kind: Mapped[str] = mapped_column(String)
    anchor: Mapped[str] = mapped_column(Text, default="")
    variant: Mapped[str] = mapped_column(String, default="")
    front: Mapped[str] = mapped_column(Text)  # generated HTML
    back: Mapped[str] = mapped_column(Text)
    override_front: Mapped[str | None] = mapped_column(Text)  # the learner's edits
    override_back: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int] = mapped_column(Integer, default=0)
    source_end: Mapped[int] = mapped_column(Integer, default=0)
    sibling: Mapped[str] = mapped_column(String, default="")
    extra: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    position: Mapped[int] = mapped_column(Integer, default=0)  # order of new cards
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[int] = mapped_column(Integer, default=0)  # epoch s of a day start
    flag: Mapped[int] = mapped_column(Integer, default=0)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)
    # scheduling (FSRS)
    state: Mapped[int] = mapped_column(Integer, default=0)  # core.model.CardState
    step: Mapped[int] = mapped_column(Integer, default=0)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[int] = mapped_column(Integer, default=0)  # epoch seconds
    last_review: Mapped[int | None] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    modified: Mapped[int] = mapped_column(Integer, default=0)


class Review(Base):
    """The review log: append-only, one row per answer."""

    __tablename__ = "revlog"
    __table_args__ = (Index("ix_revlog_card_time", "card_id", "time_ms"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    time_ms: Mapped[int] = mapped_column(Integer, index=True)
    rating: Mapped[int] = mapped_column(Integer)  # 1-4; 0 = manual (reset, reschedule)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    state_before: Mapped[int] = mapped_column(Integer)
    state_after: Mapped[int] = mapped_column(Integer)
    interval_s: Mapped[int] = mapped_column(Integer)  # scheduled: due - time
    stability: Mapped[float | None] = mapped_column(Float)  # after the answer
    difficulty: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String, default="review")  # review|manual|imported
