"""Merging imported cards into the collection, and staging imported media files.

Both the Anki (.apkg) and the text (CSV/TSV) importers turn a file into a list of
``IncomingCard`` and hand it to ``merge_cards`` inside ONE transaction. A card is
matched to an existing one by its Anki GUID and card ordinal (``key`` =
``anki:<guid>:<ord>``), or — for packages we exported ourselves — by the GUID we derive
from a generated card's deck and key; a match is updated, never duplicated.

Media files are written to a staging folder inside the data dir first and moved into
``media/`` only after the database transaction has committed (``MediaStage``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from srsapp.core.errors import ImportFileError
from srsapp.core.model import CardState
from srsapp.interchange.anki_model import Preset
from srsapp.service.context import DEFAULT_DECK_CONFIG, Context
from srsapp.store import anki_revlog, queries
from srsapp.store.backup_names import STAGING_PREFIX
from srsapp.store.models import (
    ANSWER_COLUMNS,
    REVLOG_HOURS_TRIGGERS,
    Card,
    Concept,
    Deck,
    Review,
    revlog_hours_select,
)
from srsapp.store.queries import CARDS, REVLOG, sqlite_connection

Progress = Callable[[int, int], None]

_C = CARDS.c
_CHUNK = 900  # SQLite bound-parameter batches
# The <div> our apkg export appends to diagram cards for their picture (dropped on re-import).
DIAGRAM_DIV = re.compile(r'<div class="srsapp-diagram">.*?</div>', re.DOTALL)
# Note types our apkg export writes whose first two fields are a card's front and back.
OWN_TEXT_NOTETYPES = {1_700_000_000_001, 1_700_000_000_003}


def derived_guid(deck_name: str, key: str) -> str:
    """The Anki GUID of a card that did not come from Anki: stable for a deck name and key,
    so re-exporting after an edit updates the note in Anki instead of adding another."""
    digest = hashlib.blake2b(f"{deck_name}\x1f{key}".encode(), digest_size=8).hexdigest()
    return f"srs{digest}"


def anki_key(guid: str, ord_: int) -> str:
    return f"anki:{guid}:{ord_}"


@dataclass
class IncomingSched:
    state: int
    due: int  # epoch seconds
    stability: float | None = None
    difficulty: float | None = None
    last_review: int | None = None
    reps: int = 0
    lapses: int = 0
    step: int = 0
    suspended: bool = False
    buried_until: int = 0  # epoch seconds (a card Anki had buried: the next day's start)
    flag: int = 0


# The review-log columns an importer fills, in the order of ``IncomingCard.revlog`` rows.
REVLOG_COLUMNS = queries.IMPORTED_REVLOG_COLUMNS


@dataclass
class IncomingCard:
    """One card of an imported file, already rendered to HTML."""

    guid: str
    ord: int
    deck: str  # our deck name
    concept: tuple[str, ...]
    kind: str
    front: str
    back: str
    extra: dict[str, Any] = field(default_factory=dict)
    sched: IncomingSched | None = None
    revlog: list[tuple[Any, ...]] = field(default_factory=list)  # rows of REVLOG_COLUMNS
    position: int = 0
    # ``extra`` serialised as ``extra_text`` does, when the importer has it already
    extra_json: str | None = None
    # the Anki card it comes from, when its review log is mapped by SQL (``anki_revlog``)
    anki_card_id: int | None = None

    @property
    def key(self) -> str:
        return anki_key(self.guid, self.ord)

    def extra_text(self) -> str:
        """``extra`` as the cards table stores it (sorted keys, so equal dicts compare equal)."""
        if self.extra_json is None:
            self.extra_json = json.dumps(self.extra, ensure_ascii=False, sort_keys=True)
        return self.extra_json


@dataclass
class MergeCounts:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    revlog: int = 0
    decks: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ensure_deck(
    col: Context, s: Any, name: str, presets: dict[str, Preset], counts: MergeCounts
) -> int:
    """The id of our deck ``name`` (made if missing, and counted in ``counts.decks``). A deck
    this import makes takes the options of its Anki preset (``presets``: by our deck name);
    a deck that was there keeps its own. Either is said in ``counts.warnings``."""
    made = queries.deck_id(s, name) is None
    deck_id = col.ensure_deck(s=s, name=name)
    counts.decks.append(name)
    preset = presets.get(name)
    if preset is None:
        return deck_id
    options = preset.options()
    shown = (f"desired retention {preset.desired_retention:g}, {preset.new_per_day} new and "
             f"{preset.reviews_per_day} reviews a day")  # fmt: skip
    if made:
        queries.store_deck_config(s, deck_id, options)
        counts.warnings.append(f"deck {name!r}: its options come from Anki's preset "
                               f"{preset.name!r} ({shown})")  # fmt: skip
    elif {**DEFAULT_DECK_CONFIG, **(queries.deck_config(s, deck_id) or {})} != {
        **DEFAULT_DECK_CONFIG,
        **options,
    }:
        counts.warnings.append(f"deck {name!r} keeps its own options; Anki's preset "
                               f"{preset.name!r} ({shown}) was not applied")  # fmt: skip
    return deck_id


class ConceptRows:
    """Concept rows of one deck, created on demand with their parents."""

    def __init__(self, s: Any, deck_id: int) -> None:
        self.s = s
        self.deck_id = deck_id
        self.ids: dict[tuple[str, ...], int] = {
            tuple(json.loads(p)): i
            for i, p in s.execute(
                select(Concept.id, Concept.path).where(Concept.deck_id == deck_id)
            )
        }

    def ensure(self, path: tuple[str, ...]) -> int | None:
        if not path:
            return None
        known = self.ids.get(path)
        if known is not None:
            return known
        parent = self.ensure(path[:-1])
        row = Concept(
            deck_id=self.deck_id,
            parent_id=parent,
            path=json.dumps(list(path), ensure_ascii=False, separators=(",", ":")),
            title=path[-1],
            kind="heading",
            position=len(self.ids),
        )
        self.s.add(row)
        self.s.flush()
        self.ids[path] = row.id
        return row.id


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class ExistingCards:
    """The collection's cards an incoming one can match: an imported card by its key (Anki
    GUID and ordinal), any card -- for an incoming first card (ordinal 0) -- by the GUID
    derived from its deck and key (one of ours exported and coming back). ``columns``: what
    the matched rows carry (key, guid and deck_id among them)."""

    def __init__(self, s: Any, columns: Sequence[Any]) -> None:
        deck_names = dict(s.execute(select(Deck.id, Deck.name)).all())
        self.by_key: dict[str, Any] = {}
        self.by_derived: dict[str, Any] = {}
        for r in s.execute(select(*columns)):
            if r.guid is not None and r.key.startswith("anki:"):
                self.by_key[r.key] = r
            self.by_derived[derived_guid(deck_names.get(r.deck_id, ""), r.key)] = r

    def match(self, key: str, guid: str, ord_: int) -> Any | None:
        found = self.by_key.get(key)
        if found is None and ord_ == 0:
            found = self.by_derived.get(guid)
        return found


# What a card the collection has carries into the merge rules (``update_matched``).
MATCHED_CARD_COLUMNS = (
    _C.id, _C.deck_id, _C.key, _C.guid, _C.kind, _C.front, _C.back, _C.override_front,
    _C.override_back, _C.concept_id, _C.extra, _C.reps, _C.last_review, _C.position,
)  # fmt: skip


def merge_cards(
    col: Context,
    s: Any,
    incoming: Sequence[IncomingCard],
    now_s: int,
    progress: Progress | None = None,
) -> MergeCounts:
    """Insert or update ``incoming`` (cards of a text file) in the open transaction ``s``:
    a card the collection has is updated by ``update_matched``'s rules."""
    counts = MergeCounts()
    deck_ids: dict[str, int] = {}
    concepts: dict[int, ConceptRows] = {}
    for card in incoming:
        if card.deck not in deck_ids:
            deck_ids[card.deck] = ensure_deck(col, s, card.deck, {}, counts)
    existing_cards = ExistingCards(s, MATCHED_CARD_COLUMNS)
    next_id = int(s.scalar(select(func.max(_C.id))) or 0) + 1
    base_pos = {did: queries.last_position(s, did) for did in deck_ids.values()}

    new_rows: list[tuple[Any, ...]] = []
    new_reviews: list[tuple[Any, ...]] = []
    matched: list[tuple[Any, IncomingCard]] = []
    seen: set[str] = set()
    total = len(incoming)
    for i, card in enumerate(incoming):
        if progress is not None and i % 500 == 0:
            progress(i, total)
        if card.key in seen:
            counts.skipped += 1
            counts.warnings.append(f"note {card.guid!r} appears twice; the second copy skipped")
            continue
        seen.add(card.key)
        existing = existing_cards.match(card.key, card.guid, card.ord)
        if existing is not None:
            matched.append((existing, card))
            continue
        deck_id = deck_ids[card.deck]
        cc = concepts.get(deck_id) or concepts.setdefault(deck_id, ConceptRows(s, deck_id))
        position = base_pos[deck_id] + 1 + card.position
        new_rows.append(_new_row(next_id, deck_id, cc.ensure(card.concept), card, now_s, position))
        if card.revlog:
            first = (next_id,)
            new_reviews += [first + rv for rv in card.revlog]
        next_id += 1
        counts.added += 1

    with bulk_cache(s):
        if new_rows:
            with indexes_after(s, CARDS, len(new_rows)):
                _bulk_insert(s, Card.__tablename__, CARD_COLUMNS, new_rows)
        if matched:
            update_matched(s, matched, deck_ids, concepts, counts, now_s, new_reviews=new_reviews)
        if new_reviews:
            columns = ("card_id", *REVLOG_COLUMNS)
            with (
                indexes_after(s, REVLOG, len(new_reviews)),
                _hours_trigger_paused(s, new_reviews),
            ):
                _bulk_insert(s, Review.__tablename__, columns, new_reviews, per_statement=90)
    counts.revlog += len(new_reviews)
    if progress is not None:
        progress(total, total)
    return counts


def matched_rows(
    s: Any, pairs: Sequence[tuple[Any, IncomingCard]]
) -> list[tuple[Any, IncomingCard]]:
    """``pairs`` (a matched card's row, the incoming card) with each row read again with
    ``MATCHED_CARD_COLUMNS`` (the cards were matched on a few columns)."""
    rows: dict[int, Any] = {}
    for chunk in _chunks([r.id for r, _card in pairs]):
        for r in s.execute(select(*MATCHED_CARD_COLUMNS).where(_C.id.in_(chunk))):
            rows[r.id] = r
    return [(rows[r.id], card) for r, card in pairs]


def insert_package_revlog(s: Any, any_matched: bool) -> int:
    """Insert the attached package's review log for the linked cards; the number of rows."""
    raw = sqlite_connection(s)
    adding = int(raw.execute(anki_revlog.COUNT_SQL).fetchone()[0])
    if not adding:
        return 0
    sql = anki_revlog.insert_sql(("card_id", *REVLOG_COLUMNS), skip_known=any_matched)
    # a matched card's known answers are looked up through the review log's index: keep it
    with (
        indexes_after(s, REVLOG, 0 if any_matched else adding),
        _hours_trigger_paused(s, ()) as hours,
    ):
        added = _execute_count(raw, sql)
        if added == int(raw.execute(anki_revlog.MAPPED_COUNT_SQL).fetchone()[0]):
            hours.append(anki_revlog.HOURS_TABLE)  # every mapped row went in: already counted
        return added


def _execute_count(raw: Any, sql: str) -> int:
    """Run one statement on the driver's connection; the number of rows it changed."""
    return int(raw.execute(sql).rowcount)


# For the duration of a bulk insert: a 64 MiB page cache (the default 2 MiB is smaller than
# the indexes being filled) and a second thread for SQLite's sorter (building the indexes
# after a first import: 100k review-log rows, two indexes 0.072 -> 0.061 s). Set back after.
_BULK_CACHE_KIB = 65_536
_BULK_THREADS = 2


@contextmanager
def bulk_cache(s: Any) -> Iterator[None]:
    raw = sqlite_connection(s)
    before = int(raw.execute("PRAGMA cache_size").fetchone()[0])
    threads = int(raw.execute("PRAGMA threads").fetchone()[0])
    raw.execute(f"PRAGMA cache_size = {-_BULK_CACHE_KIB}")
    raw.execute(f"PRAGMA threads = {_BULK_THREADS}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {before}")
        raw.execute(f"PRAGMA threads = {threads}")


@contextmanager
def _hours_trigger_paused(s: Any, rows: Sequence[tuple[Any, ...]]) -> Iterator[list[str]]:
    """Insert imported review-log rows without the ``revlog_hours_insert`` trigger, then add
    them to ``revlog_hours`` in one statement: a multi-row INSERT into a table with triggers
    goes through a temporary b-tree, and the trigger would upsert an hour row per answer.
    The trigger is dropped and re-created inside the caller's transaction (a failure
    restores it too). Rows of kind ``review`` (ours) go through the trigger as usual.
    The caller may put into the list it is given a table that holds the inserted rows'
    hours already (``anki_revlog.HOURS_TABLE``): they are added from there."""
    kind = len(REVLOG_COLUMNS)  # card_id + REVLOG_COLUMNS: kind is the last column
    counted: list[str] = []
    if any(r[kind] == "review" for r in rows):
        yield counted
        return
    conn = s.connection()
    before = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM revlog").scalar()
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS revlog_hours_insert")
    yield counted
    conn.exec_driver_sql(REVLOG_HOURS_TRIGGERS["revlog_hours_insert"])
    cols = ", ".join(["hour", *ANSWER_COLUMNS, "duration_ms"])
    sums = ", ".join(f"{c} = {c} + excluded.{c}" for c in [*ANSWER_COLUMNS, "duration_ms"])
    # the new rows (ids past the old last one), counted as the trigger would
    hours = (f"SELECT * FROM {counted[0]} WHERE true" if counted
             else revlog_hours_select(f"r.id > {int(before)}"))  # fmt: skip
    conn.exec_driver_sql(
        f"INSERT INTO revlog_hours ({cols}) {hours} ON CONFLICT(hour) DO UPDATE SET {sums}"
    )


@contextmanager
def indexes_after(s: Any, table: Any, adding: int) -> Iterator[None]:
    """Build ``table``'s (non-unique) indexes after inserting ``adding`` rows instead of
    keeping them up to date row by row, when the table holds fewer rows than that (a first
    import): one sort per index instead of a random b-tree insert per row. Dropping and
    creating them happens inside the caller's transaction, so no other connection ever sees
    the table without them and a failure rolls the drop back too."""
    existing = int(s.connection().exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar())
    indexes = sorted((ix for ix in table.indexes if not ix.unique), key=lambda ix: ix.name)
    if existing >= adding or not indexes:
        yield
        return
    conn = s.connection()
    for ix in indexes:
        ix.drop(conn)
    yield
    for ix in indexes:
        ix.create(conn)


def _bulk_insert(
    s: Any,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    per_statement: int = 1,
) -> None:
    """Insert ``rows`` in order with ``executemany`` on the session's SQLite connection
    (SQLAlchemy's per-row parameter handling costs more than SQLite's insert at 100k rows).

    ``per_statement`` rows go into one INSERT: for narrow rows (the review log) 90 rows per
    statement take a third less time than one; wide rows of text (cards) gain nothing.
    """
    raw = sqlite_connection(s)
    one = f"({', '.join('?' * len(columns))})"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    per = max(1, min(per_statement, 999 // len(columns)))  # SQLite's classic parameter limit
    full = len(rows) - len(rows) % per if per > 1 else 0
    if full:
        flat = chain.from_iterable
        raw.executemany(
            head + ", ".join([one] * per),
            (tuple(flat(rows[i : i + per])) for i in range(0, full, per)),
        )
    if full < len(rows):
        raw.executemany(head + one, rows[full:])


CARD_COLUMNS = queries.CARD_COLUMNS
_NEW = IncomingSched(state=int(CardState.NEW), due=0)
_NO_TIMES: frozenset[int] = frozenset()


def _new_row(
    card_id: int,
    deck_id: int,
    concept_id: int | None,
    card: IncomingCard,
    now_s: int,
    position: int,
) -> tuple[Any, ...]:
    """A cards row (``CARD_COLUMNS``) for ``card``."""
    sched = card.sched or _NEW
    guid = card.guid
    return (
        card_id, deck_id, concept_id, None, card.key, guid, card.kind, guid, str(card.ord),
        card.front, card.back, None, None, 0, 0, f"anki:{guid}",
        card.extra_text(), position, False, sched.suspended, sched.buried_until, sched.flag, False,
        sched.state,
        sched.step, sched.stability, sched.difficulty, sched.due, sched.last_review, sched.reps,
        sched.lapses, now_s, now_s,
    )  # fmt: skip


def update_matched(
    s: Any,
    matched: list[tuple[Any, IncomingCard]],
    deck_ids: dict[str, int],
    concepts: dict[int, ConceptRows],
    counts: MergeCounts,
    now_s: int,
    fresh_in_package: set[int] | None = None,
    theirs: AbstractSet[int] = frozenset(),
    *,
    new_reviews: list[tuple[Any, ...]] | None = None,
) -> None:
    """Update the cards the collection has (``MATCHED_CARD_COLUMNS`` rows) from the incoming
    ones. A card that came from Anki takes the incoming text, kind, extra, concept (and, a
    sync's card of ``theirs``, deck); one of ours coming back from an export takes a changed
    text as an edit. The incoming schedule is taken when it has more answers or a later one
    (a card of ``theirs``: as it is). ``new_reviews`` gets the incoming answers (a text
    file's) the card lacks; ``fresh_in_package``: the cards the package's review log adds
    answers to (``anki_cards.link``), counted as updated."""
    # the answers the matched cards already have, when incoming rows are to be compared
    # with them (a review log mapped by SQL is compared there: ``fresh_in_package``)
    ids = [r.id for r, card in matched if card.revlog]
    times: dict[int, set[int]] = {}
    raw = sqlite_connection(s)
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT card_id, time_ms FROM revlog WHERE card_id IN ({marks})"
        for cid, t in raw.execute(sql, chunk):
            known = times.get(cid)
            if known is None:
                times[cid] = {t}
            else:
                known.add(t)
    for row, card in matched:
        values: dict[str, Any] = {}
        ours = not (row.guid is not None and row.key.startswith("anki:"))
        if ours:
            # One of our own cards coming back from an export: a changed text is an edit.
            front, back = _own_text(card)
            eff_front = row.override_front if row.override_front is not None else row.front
            eff_back = row.override_back if row.override_back is not None else row.back
            if front is not None and front != eff_front:
                values["override_front"] = front
            if back is not None and back != eff_back:
                values["override_back"] = back
        else:
            deck_id = row.deck_id
            if card.anki_card_id in theirs:  # a sync's card: moved to another deck there
                deck_id = deck_ids.get(card.deck, deck_id)
            cc = concepts.get(deck_id) or concepts.setdefault(deck_id, ConceptRows(s, deck_id))
            extra = card.extra
            if "anki" not in extra:  # a text file: keep what the card knows of its Anki note
                extra = {**json.loads(row.extra or "{}"), **extra}
            wanted = {
                "front": card.front,
                "back": card.back,
                "kind": card.kind,
                "extra": card.extra_text()
                if extra is card.extra
                else json.dumps(extra, ensure_ascii=False, sort_keys=True),
                "concept_id": cc.ensure(card.concept),
                "deck_id": deck_id,
            }
            if "anki" not in card.extra:
                del wanted["kind"]  # a text row cannot tell a rendered cloze from a basic card
            values = {k: v for k, v in wanted.items() if getattr(row, k) != v}
        sched = card.sched
        theirs_ok = card.anki_card_id in theirs
        if sched is not None and (
            theirs_ok
            or sched.reps > (row.reps or 0)
            or (sched.last_review or 0) > (row.last_review or 0)
        ):
            values.update({k: getattr(sched, k) for k in queries.IMPORTED_SCHED_COLUMNS})
            if theirs_ok and sched.state == 0 and card.position != row.position:
                values["position"] = card.position  # a new card's place, set on the phone
        stored = times.get(row.id) or _NO_TIMES
        fresh = [rv for rv in card.revlog if rv[0] not in stored]
        if fresh and new_reviews is not None:
            first = (row.id,)
            new_reviews += [first + rv for rv in fresh]
        if values:
            values["modified"] = now_s
            s.execute(CARDS.update().where(_C.id == row.id).values(**values))
        if values or fresh or (fresh_in_package is not None and row.id in fresh_in_package):
            counts.updated += 1
        else:
            counts.skipped += 1


def _own_text(card: IncomingCard) -> tuple[str | None, str | None]:
    """The front and back one of our exported cards carries (None: not comparable)."""
    anki = card.extra.get("anki")
    if not isinstance(anki, dict):
        return card.front, card.back
    notetype = anki.get("notetype") or {}
    fields = anki.get("fields") or []
    if notetype.get("id") in OWN_TEXT_NOTETYPES and len(fields) >= 2:
        return DIAGRAM_DIV.sub("", fields[0]), DIAGRAM_DIV.sub("", fields[1])
    return None, None


# ---------------------------------------------------------------- media


class MediaStage:
    """Imported media files, staged beside ``media/`` until the import has committed.

    ``add`` returns the name the file will have: the same name when it is new or identical to
    the file already there, else ``stem-<sha1 prefix>.ext`` (the caller rewrites references).
    ``commit`` moves the staged files into place; ``cleanup`` removes the staging folder
    (always call it, success or failure).
    """

    def __init__(self, col: Context) -> None:
        self.media_dir = col.media_dir
        self.dir: Path | None = None
        self.files: list[str] = []
        self.col_dir = col.data_dir

    def _staging(self) -> Path:
        if self.dir is None:
            self.dir = self.col_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex}"
            self.dir.mkdir()
        return self.dir

    def add(self, name: str, data: bytes, where: str) -> str:
        target = self.media_dir / name
        if target.exists():
            if target.read_bytes() == data:
                return name
            stem, dot, ext = name.rpartition(".")
            if not dot:
                stem, ext = name, ""
            name = f"{stem}-{hashlib.sha1(data).hexdigest()[:8]}{dot}{ext}"
            target = self.media_dir / name
            if target.exists() and target.read_bytes() == data:
                return name
        try:
            (self._staging() / name).write_bytes(data)
        except OSError as exc:
            raise ImportFileError(
                f"cannot stage media file {name!r}: {exc.strerror}", where
            ) from exc
        self.files.append(name)
        return name

    def commit(self) -> int:
        if not self.files or self.dir is None:
            return 0
        self.media_dir.mkdir(parents=True, exist_ok=True)
        for name in self.files:
            os.replace(self.dir / name, self.media_dir / name)
        return len(self.files)

    def cleanup(self) -> None:
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


def rewrite_media_refs(text: str, renames: dict[str, str]) -> str:
    """Point ``src="old"`` (and ``[sound:old]``) references at renamed media files."""
    for old, new in renames.items():
        if old != new and old in text:
            text = text.replace(f'"{old}"', f'"{new}"').replace(f"'{old}'", f"'{new}'")
            text = text.replace(f"src={old}", f"src={new}").replace(
                f"[sound:{old}]", f"[sound:{new}]"
            )
    return text
