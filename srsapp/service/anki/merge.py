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
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from srsapp.core.errors import ImportFileError
from srsapp.core.model import CardState
from srsapp.interchange.anki_model import Preset
from srsapp.service.context import DEFAULT_DECK_CONFIG, Context
from srsapp.store import import_rows, queries
from srsapp.store.backup_names import STAGING_PREFIX
from srsapp.store.import_rows import ConceptRows

Progress = Callable[[int, int], None]

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
REVLOG_COLUMNS = import_rows.REVLOG_COLUMNS


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


class ExistingCards:
    """The collection's cards an incoming one can match: an imported card by its key (Anki
    GUID and ordinal), any card -- for an incoming first card (ordinal 0) -- by the GUID
    derived from its deck and key (one of ours exported and coming back). ``columns``: what
    the matched rows carry (key, guid and deck_id among them)."""

    def __init__(self, s: Any, columns: Sequence[str]) -> None:
        deck_names = dict(queries.decks(s))
        self.by_key: dict[str, Any] = {}
        self.by_derived: dict[str, Any] = {}
        for r in import_rows.card_rows(s, columns):
            if r.guid is not None and r.key.startswith("anki:"):
                self.by_key[r.key] = r
            self.by_derived[derived_guid(deck_names.get(r.deck_id, ""), r.key)] = r

    def __bool__(self) -> bool:
        """Whether the collection has any card (none can match in an empty one)."""
        return bool(self.by_derived)

    def match(self, key: str, guid: str, ord_: int) -> Any | None:
        found = self.by_key.get(key)
        if found is None and ord_ == 0:
            found = self.by_derived.get(guid)
        return found


# What a card the collection has carries into the merge rules (``update_matched``).
MATCHED_CARD_COLUMNS = (
    "id", "deck_id", "key", "guid", "kind", "front", "back", "override_front", "override_back",
    "concept_id", "extra", "reps", "last_review", "position",
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
    next_id = queries.next_card_id(s)
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

    with import_rows.bulk_cache(s):
        if new_rows:
            import_rows.insert_cards(s, new_rows)
        if matched:
            update_matched(s, matched, deck_ids, concepts, counts, now_s, new_reviews=new_reviews)
        if new_reviews:
            import_rows.insert_revlog(s, new_reviews)
    counts.revlog += len(new_reviews)
    if progress is not None:
        progress(total, total)
    return counts


def matched_rows(
    s: Any, pairs: Sequence[tuple[Any, IncomingCard]]
) -> list[tuple[Any, IncomingCard]]:
    """``pairs`` (a matched card's row, the incoming card) with each row read again with
    ``MATCHED_CARD_COLUMNS`` (the cards were matched on a few columns)."""
    rows = import_rows.card_rows_by_id(s, MATCHED_CARD_COLUMNS, [r.id for r, _card in pairs])
    return [(rows[r.id], card) for r, card in pairs]


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
    times = import_rows.answer_times(s, [r.id for r, card in matched if card.revlog])
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
            queries.set_card_values(s, row.id, values)
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
