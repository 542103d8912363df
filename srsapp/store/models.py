"""SQLAlchemy 2.x typed models of a collection.

Times are stored as integers: card ``due``/``last_review`` in epoch seconds
(UTC), review-log ``time_ms`` in epoch milliseconds (as Anki's revlog ids).
Integers keep the hot queries (queue, counts, statistics) cheap at 100k cards.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
    event,
    literal_column,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Bump with every schema change and add a step to store.migrations.MIGRATIONS.
# v2: revlog.last_interval_s; revlog_hours (answers per UTC hour, kept by triggers)
# v3: revlog.anki_factor, anki_last_ivl, anki_type (an imported answer's Anki columns)
# v4: cards.usn and the sync_* tables (Anki's incremental sync), kept by triggers
# v5: card_sort_keys (the browser's sort key of every card), kept by triggers
SCHEMA_VERSION = 5


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
        # speed only (created at open on older files too, see db.ensure_indexes):
        # a deck's queue, counts and totals (covering: buried_until and concept_id are
        # filters of the study queue); the siblings buried on answer
        Index(
            "ix_cards_deck_due",
            "deck_id",
            "retired",
            "suspended",
            "state",
            "due",
            "id",  # before the filters: walked in (due, id) order, as the queue sorts
            "buried_until",
            "concept_id",
        ),
        # the study queue's new cards in their order, in any scope, without a sort: only the
        # studyable new cards are in it (an answer to a review card does not touch it)
        Index(
            "ix_cards_new_order",
            "state",
            "position",
            "id",
            "deck_id",
            "buried_until",
            "concept_id",
            sqlite_where=text("state = 0 AND retired = 0 AND suspended = 0"),
        ),
        Index("ix_cards_deck_sibling", "deck_id", "sibling"),
        # statistics: mastery per concept and card counts, and the due forecast, read from
        # these covering indexes instead of the (wide) card rows
        Index(
            "ix_cards_stats",
            "concept_id",
            "suspended",
            "retired",
            "state",
            "stability",
            "last_review",
            "due",
            "deck_id",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # no index of their own: deck_id leads the (deck_id, key) constraint's index,
    # ix_cards_deck_due and ix_cards_deck_sibling, concept_id leads ix_cards_stats -- SQLite
    # finds a deck's or a concept's cards (and the foreign keys' children) through those
    # (db.OBSOLETE_INDEXES drops the old single-column ones)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"))
    concept_id: Mapped[int | None] = mapped_column(ForeignKey("concepts.id", ondelete="SET NULL"))
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
    # Anki's update sequence number: -1 = changed since the last sync with the server (set by
    # the ``cards_sync_changed`` trigger on every write that does not set it), else synced
    usn: Mapped[int] = mapped_column(Integer, default=-1, server_default="-1")


def new_last(state: ColumnElement[int]) -> ColumnElement[int]:
    """0 for a scheduled card, 1 for a new one: the first key of "sort by due" (scheduled
    cards by due time, then new cards in their order). Written with literal numbers, not bound
    parameters, so that a query ordering by it can walk ``ix_cards_by_due``."""
    return case((state == literal_column("0"), literal_column("1")), else_=literal_column("0"))


def new_last_sql(table: str = "") -> str:
    """``new_last`` in plain SQL, of the cards table aliased ``table`` (if any): a query that
    says ``… = 0 AND due < ?`` (the scheduled cards due before a time) or ``… = 1`` (the new
    cards) reads that range of ``ix_cards_by_due``."""
    col = f"{table}.state" if table else "state"
    return f"CASE WHEN ({col} = 0) THEN 1 ELSE 0 END"


# the browser's sort by due: cards in that order (the card id breaks ties), read from the
# index alone — retired, state, deck_id, suspended and buried_until too, for the filters of a
# search and the study queue's. Not led by retired: "retired = 0" would then make SQLite walk
# it for searches it does not order, reading every card row in index order. Also the
# scheduled cards by due (the forecast, the learning cards of every deck:
# ``new_last(state) = 0 AND due < …``) and the new cards by position (``new_last(state) =
# 1``): one index an answer moves, not two (ix_cards_due_pos (state, due, retired,
# suspended, deck_id, position) was the other: ≈ 2 pages of each answer's commit and fsync).
DUE_INDEX = "ix_cards_by_due"
Index(
    DUE_INDEX,
    new_last(Card.state),  # type: ignore[arg-type]
    Card.due,
    Card.position,
    Card.id,
    Card.retired,
    Card.state,
    Card.deck_id,
    Card.suspended,
    Card.buried_until,
)


class Review(Base):
    """The review log: append-only, one row per answer."""

    __tablename__ = "revlog"
    __table_args__ = (
        # covering the knowledge history (v2 added stability, card_id)
        Index("ix_revlog_card_time", "card_id", "time_ms", "stability"),
        Index("ix_revlog_time_ms", "time_ms", "card_id", "stability"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    time_ms: Mapped[int] = mapped_column(Integer)
    rating: Mapped[int] = mapped_column(Integer)  # 1-4; 0 = manual (reset, reschedule)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    state_before: Mapped[int] = mapped_column(Integer)
    state_after: Mapped[int] = mapped_column(Integer)
    interval_s: Mapped[int] = mapped_column(Integer)  # scheduled: due - time
    # the interval the card was on before this answer (its due - its last review), seconds;
    # 0 unless the card was in the review state. Splits true retention into young / mature.
    last_interval_s: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    stability: Mapped[float | None] = mapped_column(Float)  # after the answer
    difficulty: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String, default="review")  # review|manual|imported
    # An answer imported from Anki: the columns of Anki's review log that ours has no place
    # for (ease factor, previous interval, revlog type), given back unchanged on export
    # (NULL for our own answers: the exporter works them out).
    anki_factor: Mapped[int | None] = mapped_column(Integer)
    anki_last_ivl: Mapped[int | None] = mapped_column(Integer)
    anki_type: Mapped[int | None] = mapped_column(Integer)


# ---------------------------------------------------------------- answers per hour

# Answers are "young" when the card's interval before them was under 21 days (day-aligned
# intervals: >= 20.5 days counts as 21).
MATURE_INTERVAL_S = 1_771_200
ANSWER_CLASSES = ("learning", "young", "mature")


def _answer_columns() -> list[str]:
    return [f"{cls}_{rating}" for cls in ANSWER_CLASSES for rating in range(1, 5)]


class ReviewHour(Base):
    """Answers (review-log rows of kind ``review`` rated 1-4) per UTC hour: a summary derived
    from ``revlog`` and kept exact by the triggers below, so that statistics read ~24 rows a
    day instead of every answer. ``learning_3`` counts Good answers to cards that were new or
    (re)learning, ``young_1`` Again answers to review cards on an interval under 21 days,
    ``mature_4`` Easy answers to cards on an interval of 21 days or more."""

    __tablename__ = "revlog_hours"
    hour: Mapped[int] = mapped_column(Integer, primary_key=True)  # time_ms // 3_600_000
    learning_1: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    learning_2: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    learning_3: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    learning_4: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    young_1: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    young_2: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    young_3: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    young_4: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    mature_1: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    mature_2: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    mature_3: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    mature_4: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    duration_ms: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


ANSWER_COLUMNS = _answer_columns()


def answer_slot(row: str) -> str:
    """SQL: 0-11, the answer column (class * 4 + rating - 1) of review-log row ``row``."""
    return (
        f"(CASE WHEN {row}.state_before = 2 THEN CASE WHEN {row}.last_interval_s >= "
        f"{MATURE_INTERVAL_S} THEN 8 ELSE 4 END ELSE 0 END + {row}.rating - 1)"
    )


def answer_counted(row: str) -> str:
    """SQL: review-log row ``row`` is an answer the statistics count: ours or one imported
    from Anki (its history; once left out of every chart), rated 1-4."""
    return f"{row}.kind IN ('review', 'imported') AND {row}.rating BETWEEN 1 AND 4"


def _add(row: str, sign: str) -> str:
    """SQL: add (sign '+') or take away (sign '-') review-log row ``row`` from its hour."""
    cols = ", ".join(ANSWER_COLUMNS)
    values = ", ".join(f"{sign}({answer_slot(row)} = {i})" for i in range(len(ANSWER_COLUMNS)))
    sets = ", ".join(f"{c} = {c} + excluded.{c}" for c in [*ANSWER_COLUMNS, "duration_ms"])
    return (
        f"INSERT INTO revlog_hours (hour, {cols}, duration_ms) VALUES "
        f"({row}.time_ms / 3600000, {values}, {sign}{row}.duration_ms) "
        f"ON CONFLICT (hour) DO UPDATE SET {sets};"
    )


# The triggers that keep revlog_hours equal to the aggregate of revlog (every writer: answers,
# undo, resets, imports, merges, cascading card deletes, repairs).
_UPDATED = "time_ms, rating, duration_ms, state_before, last_interval_s, kind"


def _triggers(*rows: tuple[str, str, str]) -> dict[str, str]:
    """name -> DDL of triggers given as (name, when, body)."""
    return {
        name: f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {body} END"
        for name, when, body in rows
    }


REVLOG_HOURS_TRIGGERS: dict[str, str] = _triggers(
    (
        "revlog_hours_insert",
        f"AFTER INSERT ON revlog WHEN {answer_counted('new')}",
        _add("new", "+"),
    ),
    (
        "revlog_hours_delete",
        f"AFTER DELETE ON revlog WHEN {answer_counted('old')}",
        _add("old", "-"),
    ),
    (
        "revlog_hours_update_old",
        f"AFTER UPDATE OF {_UPDATED} ON revlog WHEN {answer_counted('old')}",
        _add("old", "-"),
    ),
    (
        "revlog_hours_update_new",
        f"AFTER UPDATE OF {_UPDATED} ON revlog WHEN {answer_counted('new')}",
        _add("new", "+"),
    ),
)


def revlog_hours_select(where: str = "1", table: str = "revlog", counted: str | None = None) -> str:
    """SQL: the revlog rows matching ``where`` (alias ``r``) aggregated as revlog_hours rows;
    ``table``: another table of review-log rows (the columns an answer's slot needs), whose
    counted rows are ``counted`` (default ``answer_counted``).

    Counted per (hour, answer column) first and spread over the columns after: each row's
    column is worked out once, not once per column (114k imported answers: 0.15 -> 0.1 s).
    The pair is one integer, hour * 16 + column (SQLite's shifts are arithmetic, so an hour
    before 1970 comes back too): its sort compares one key, not two (114k answers: 83 ->
    73 ms)."""
    sums = ", ".join(
        f"sum(CASE WHEN slot & 15 = {i} THEN n ELSE 0 END)" for i in range(len(ANSWER_COLUMNS))
    )
    return (
        f"SELECT slot >> 4, {sums}, sum(took) FROM (SELECT ((r.time_ms / 3600000) << 4) "
        f"| {answer_slot('r')} AS slot, count(*) AS n, sum(r.duration_ms) AS took FROM {table} r "
        f"WHERE {counted or answer_counted('r')} AND ({where}) GROUP BY 1) GROUP BY 1"
    )


def rebuild_revlog_hours(conn: Connection) -> None:
    """Recompute revlog_hours from revlog and (re)create its triggers (inside the caller's
    transaction)."""
    cols = ", ".join(["hour", *ANSWER_COLUMNS, "duration_ms"])
    conn.exec_driver_sql("DELETE FROM revlog_hours")
    conn.exec_driver_sql(f"INSERT INTO revlog_hours ({cols}) {revlog_hours_select()}")
    for ddl in REVLOG_HOURS_TRIGGERS.values():
        conn.exec_driver_sql(ddl)


@event.listens_for(Base.metadata, "after_create")
def _create_triggers(_target: object, connection: Connection, **_kw: object) -> None:
    for ddl in (*REVLOG_HOURS_TRIGGERS.values(), *CARD_SORT_TRIGGERS.values()):
        connection.exec_driver_sql(ddl)


def revlog_hours_mismatch(conn: Connection) -> tuple[int, list[str]]:
    """(hours whose revlog_hours row differs from the review log, names of missing triggers)."""
    cols = ", ".join(["hour", *ANSWER_COLUMNS, "duration_ms"])
    nonzero = " OR ".join(f"{c} != 0" for c in [*ANSWER_COLUMNS, "duration_ms"])
    want = revlog_hours_select()
    have = f"SELECT {cols} FROM revlog_hours WHERE {nonzero}"
    n = conn.exec_driver_sql(
        f"SELECT (SELECT count(*) FROM ({want} EXCEPT {have})) "
        f"+ (SELECT count(*) FROM ({have} EXCEPT {want}))"
    ).scalar_one()
    names = {
        r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    return int(n), [t for t in REVLOG_HOURS_TRIGGERS if t not in names]


# ---------------------------------------------------------------- Anki sync (v4)

# The server's side of the last sync with an Anki sync server: its notes and cards as it holds
# them (Anki's rows; ``card_id``: our card), the ids of its review-log rows, and the server
# cards we deleted or retired since (graves to send). What the server holds is known from
# them without asking (the sanity check's counts; the deck, note type and GUID of a card).


class SyncNote(Base):
    __tablename__ = "sync_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # Anki note id
    guid: Mapped[str] = mapped_column(String, index=True)
    mid: Mapped[int] = mapped_column(Integer)
    mod: Mapped[int] = mapped_column(Integer)
    tags: Mapped[str] = mapped_column(Text, default="")
    flds: Mapped[str] = mapped_column(Text, default="")


class SyncCard(Base):
    __tablename__ = "sync_cards"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # Anki card id
    nid: Mapped[int] = mapped_column(Integer, index=True)
    ord: Mapped[int] = mapped_column(Integer, default=0)
    mod: Mapped[int] = mapped_column(Integer)
    entry: Mapped[str] = mapped_column(Text)  # JSON: Anki's card row as the protocol sends it
    card_id: Mapped[int | None] = mapped_column(Integer, index=True)  # ours (no foreign key:
    # the row outlives a deleted card until its grave is sent)


class SyncRevlog(Base):
    __tablename__ = "sync_revlog"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # Anki review-log id
    cid: Mapped[int] = mapped_column(Integer)


class SyncGrave(Base):
    __tablename__ = "sync_graves"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # an Anki card id


# The card columns whose change changes the card's Anki row (note, card or deck): a write to
# any of them marks the card as changed since the last sync (usn -1). Position and source
# lines stay out: they do not travel (Anki's new-card order is its own).
SYNCED_CARD_COLUMNS = (
    "deck_id", "concept_id", "guid", "key", "kind", "front", "back", "override_front",
    "override_back", "extra", "retired", "suspended", "buried_until", "flag", "state", "step",
    "stability", "difficulty", "due", "last_review", "reps", "lapses",
)  # fmt: skip
_CHANGED = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in SYNCED_CARD_COLUMNS)
_SERVER_CARD = "SELECT id FROM sync_cards WHERE card_id = {}.id"
SYNC_TRIGGERS: dict[str, str] = _triggers(
    # a write that sets usn itself (the sync) is not a change
    (
        "cards_sync_changed",
        f"AFTER UPDATE ON cards WHEN NEW.usn = OLD.usn AND NEW.usn != -1 AND ({_CHANGED})",
        "UPDATE cards SET usn = -1 WHERE id = NEW.id;",
    ),
    (
        "cards_sync_retired",
        "AFTER UPDATE OF retired ON cards WHEN NEW.retired AND NOT OLD.retired",
        f"INSERT OR IGNORE INTO sync_graves (id) {_SERVER_CARD.format('NEW')};",
    ),
    (
        "cards_sync_revived",
        "AFTER UPDATE OF retired ON cards WHEN OLD.retired AND NOT NEW.retired",
        f"DELETE FROM sync_graves WHERE id IN ({_SERVER_CARD.format('NEW')});",
    ),
    (
        "cards_sync_deleted",
        "AFTER DELETE ON cards",
        f"INSERT OR IGNORE INTO sync_graves (id) {_SERVER_CARD.format('OLD')};",
    ),
    # a deleted card put back (undo) before the sync: no deletion to send
    (
        "cards_sync_restored",
        "AFTER INSERT ON cards",
        f"DELETE FROM sync_graves WHERE id IN ({_SERVER_CARD.format('NEW')});",
    ),
)


@event.listens_for(Base.metadata, "after_create")
def _create_sync_triggers(_target: object, connection: Connection, **_kw: object) -> None:
    for ddl in SYNC_TRIGGERS.values():
        connection.exec_driver_sql(ddl)


# ---------------------------------------------------------------- the browser's sort (v5)

_CONTEXT_OPEN = '<div class="context">'
_LEADING_TAGS = 3  # '<p><code>', '<p><b>', '<ul><li>' before the first visible word


def visible_start_sql(side: str) -> str:
    """SQL: a scalar subquery, card HTML ``side`` (an SQL expression) as the browser's column
    shows it, for sorting: the breadcrumb line (``<div class="context">…</div>``) dropped, the
    tags before the first word skipped (up to three), leading spaces trimmed, lower case
    (ASCII, as SQLite's ``lower``). A subquery a step, each naming the text before it: one
    CASE inside the next would name it three times a step (27 copies of the HTML's SQL)."""
    opening = _CONTEXT_OPEN.replace("'", "''")
    q = (
        f"SELECT CASE WHEN substr(t, 1, {len(_CONTEXT_OPEN)}) = '{opening}' "
        f"THEN substr(t, instr(t, '</div>') + 6) ELSE t END AS t FROM (SELECT {side} AS t)"
    )
    for _ in range(_LEADING_TAGS):
        q = (
            "SELECT CASE WHEN substr(t, 1, 1) = '<' "
            f"THEN substr(t, instr(t, '>') + 1) ELSE t END AS t FROM ({q})"
        )
    return f"(SELECT lower(ltrim(t)) FROM ({q}))"


def visible_skip(html: str) -> int | None:
    """Where ``visible_start_sql``'s key of ``html`` begins: the characters it skips (the
    breadcrumb line, up to three leading tags), worked out in Python for a writer that has the
    front in hand -- SQLite then takes the key from there (``visible_start_from_sql``: trim,
    lower case) without the nested subqueries (an import renders 20k fronts: ≈ 4 µs a card
    in SQL, this ≈ 0.4 µs, and no lower-cased copy of each front made in Python and bound).
    SQLite's ``instr`` gives 0 for text not found, its ``substr`` counts characters from 1.
    None for text with a NUL character, which SQLite's functions read only up to: left to
    ``visible_start_sql``."""
    if "\x00" in html:
        return None
    at = 0
    if html.startswith(_CONTEXT_OPEN):
        at = html.find("</div>") + 6  # not found: from the 6th character on
    for _ in range(_LEADING_TAGS):
        if html.startswith("<", at):
            end = html.find(">", at)
            if end >= 0:  # not found: all of it
                at = end + 1
    return at


def visible_start_from_sql(side: str, skip: str) -> str:
    """SQL: ``visible_start_sql`` of HTML ``side`` whose first ``skip`` characters
    (``visible_skip``, an SQL expression) go; NULL when ``skip`` is NULL."""
    return f"lower(ltrim(substr({side}, {skip} + 1)))"


class CardSortKey(Base):
    """The browser's "sort field" of every card (``visible_start_sql`` of its front, the
    learner's override first), kept by the triggers below: a search sorted by it reads one
    short row per hit instead of working the key out of the card's HTML (≈ 3 µs a card)."""

    __tablename__ = "card_sort_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the card's id
    front: Mapped[str] = mapped_column(Text)


_SORT_FRONT = "coalesce({0}.override_front, {0}.front)"
_PUT_SORT_KEY = (
    "INSERT OR REPLACE INTO card_sort_keys (id, front) "
    f"VALUES (NEW.id, {visible_start_sql(_SORT_FRONT.format('NEW'))});"
)
CARD_SORT_TRIGGERS: dict[str, str] = _triggers(
    ("card_sort_insert", "AFTER INSERT ON cards", _PUT_SORT_KEY),
    (
        "card_sort_update",
        "AFTER UPDATE OF id, front, override_front ON cards WHEN OLD.id != NEW.id "
        "OR OLD.front IS NOT NEW.front OR OLD.override_front IS NOT NEW.override_front",
        f"DELETE FROM card_sort_keys WHERE id = OLD.id AND OLD.id != NEW.id; {_PUT_SORT_KEY}",
    ),
    ("card_sort_delete", "AFTER DELETE ON cards", "DELETE FROM card_sort_keys WHERE id = OLD.id;"),
)


def fill_card_sort_keys(conn: Connection, ids: tuple[int, int] | None = None) -> None:
    """Work out the sort keys of the cards with ids in ``ids`` (first, last; None: every
    card), inside the caller's transaction."""
    where, params = ("WHERE id BETWEEN ? AND ?", ids) if ids is not None else ("", ())
    conn.exec_driver_sql(
        f"INSERT OR REPLACE INTO card_sort_keys (id, front) "
        f"SELECT id, {visible_start_sql(_SORT_FRONT.format('cards'))} FROM cards {where}",
        params,
    )


def rebuild_card_sort_keys(conn: Connection) -> None:
    """Recompute card_sort_keys from the cards and (re)create its triggers (inside the
    caller's transaction)."""
    conn.exec_driver_sql("DELETE FROM card_sort_keys")
    fill_card_sort_keys(conn)
    for ddl in CARD_SORT_TRIGGERS.values():
        conn.exec_driver_sql(ddl)
