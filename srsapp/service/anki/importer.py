"""An .apkg import: every card of a package becomes a cards row, or updates the one the
collection has, by one mapping (``store.anki_cards``).

Python renders each card (``convert.rendered_cards``) and works out what only it can: the
FSRS memory state a card lacks (from its answers, all cards in one batch), which of our
decks and concepts a card goes to, whether the collection has it already (matched by Anki
GUID and ordinal, or -- one of ours coming back -- by the GUID derived from its deck and key)
and whether it comes twice (the second copy is skipped). SQLite builds the rest of each
cards row from the package's own ``cards`` and ``notes`` tables, attached to the
collection's connection (``anki_revlog.SOURCE``) together with each card's last rated answer;
a card the reader had to change (a clamped due date, a filtered deck) is read from a table of
the values the reader made instead. A card the collection has is merged by ``merge``'s rules
(``update_matched``) with the same values. The review log, mapped by the reader's background
thread (or, when the reader checked it row by row, here by the same SQL), is inserted after
the cards: a matched card gets only the answers it lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any

from srsapp.core.memory import memory_states, memory_states_by_card
from srsapp.interchange.anki_model import AnkiPackage, CardType, NotetypeKind
from srsapp.service.anki.convert import (
    ImportClock,
    deck_presets,
    estimated_warning,
    memory_state,
    rendered_cards,
    store_notetypes,
)
from srsapp.service.anki.merge import (
    ExistingCards,
    IncomingCard,
    IncomingSched,
    MergeCounts,
    Progress,
    ensure_deck,
    matched_rows,
    update_matched,
)
from srsapp.service.context import Context
from srsapp.store import anki_cards, anki_revlog, import_rows, queries
from srsapp.store.anki_revlog import LAST_SCHEMA, SOURCE, PackageHistory
from srsapp.store.anki_revlog import SCHEMA as MAPPED_SCHEMA
from srsapp.store.import_rows import ConceptRows
from srsapp.store.models import visible_skip


class _Done:
    """The results of the reader's review-log jobs, worked out here (``anki_revlog.results_of``)
    when the reader read the review log row by row and has no worker."""

    def __init__(self, results: list[Any]) -> None:
        self._results = results

    def result(self, i: int) -> Any:
        return self._results[i]

    def done(self, i: int) -> bool:
        return True


# ``package_jobs``, in the order the importer needs their results: the memory states the
# package lacks (the work table is filled with them: the longest job, first), the cards' last
# rated answers (the cards rows' insert reads them), the mapped review log after the cards
REPLAY_JOB, LAST_JOB, MAPPED_JOB = 0, 1, 2


def package_jobs(col: Context) -> tuple[Callable[[Any], Any], ...]:
    """The jobs the package reader runs on the package's database in its thread
    (``apkg_read.RevlogWorker``): the FSRS memory state of each card that may have none
    stored, from its rated answers in the package's review log, all in one fsrs-rs batch
    (``core.memory``): (Anki card id -> (stability, difficulty), the cards looked at or None
    for all); each card's last rated answer (``anki_revlog``); then the mapped review log,
    which the importer needs only once the cards are in -- so it is mapped while they go in,
    not waited for before. The replay comes first: the importer waits for it when its cards
    are rendered and its decks made (a package without memory states, 15k studied cards:
    ≈ 0.2 s of the thread), for the last answers only at the cards' insert after that."""
    parameters = list(col.scheduler().config.parameters)

    def replay(conn: Any) -> tuple[dict[int, tuple[float, float]], set[int] | None]:
        looked_at = anki_revlog.stateless_cards(conn)
        answers = anki_revlog.rated_answers(
            conn, stateless_only=looked_at is not None, stateless=looked_at
        )
        return memory_states_by_card(answers, parameters), looked_at

    jobs = {LAST_JOB: anki_revlog.last_rated_db, REPLAY_JOB: replay,
            MAPPED_JOB: anki_revlog.mapped_db}  # fmt: skip
    return tuple(jobs[i] for i in sorted(jobs))


def _replayed(
    worker: Any, source: bytes, studied: list[Any], col: Context
) -> dict[int, tuple[float, float]]:
    """Anki card id -> the memory state its answers give, of the ``studied`` cards that have
    none stored: the reader's (``REPLAY_JOB``); the few it did not look at (a stored state the
    reader found damaged) replayed here."""
    need = [c.id for c in studied if c.stability is None or c.difficulty is None]
    if not need:
        return {}
    replayed, looked_at = worker.result(REPLAY_JOB)
    missing = [cid for cid in need if looked_at is not None and cid not in looked_at]
    if missing:
        history = PackageHistory(source)
        config = col.scheduler().config
        states = memory_states([history.rated(cid) for cid in missing], config.parameters)
        history.close()
        replayed.update(
            (cid, st) for cid, st in zip(missing, states, strict=True) if st is not None
        )
    return dict(replayed)


def _set_states(stateless: list[tuple[list[Any], Any]], worker: Any, source: bytes,
                col: Context) -> int:  # fmt: skip
    """The memory state of each ``(work row, card)`` of ``stateless`` (``memory_state``: the
    replay's, else estimated) put into its row; the number estimated."""
    replayed = _replayed(worker, source, [c for _row, c in stateless], col)
    estimated = 0
    for row, c in stateless:
        row[8], row[9], was_estimated = memory_state(c, replayed)
        estimated += was_estimated
    return estimated


def import_package(
    col: Context,
    pkg: AnkiPackage,
    *,
    deck: str | None,
    now: datetime,
    renamed: dict[str, str],
    warnings: list[str],
    progress: Progress | None = None,
    theirs: AbstractSet[int] = frozenset(),
) -> MergeCounts:
    """Import ``pkg`` (media staged already: ``convert.stage_media``) in one transaction.
    ``theirs``: the package's cards (Anki ids) whose schedule a card the collection has takes
    as it is (``merge.update_matched``)."""
    worker: Any = pkg.revlog_worker
    source = pkg.revlog_db
    if source is None:  # the reader checked the review log row by row: mapped here
        source = anki_revlog.package_db_of(
            (r.id, r.card_id, r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.type)
            for r in pkg.revlog
        )
        worker = _Done(anki_revlog.results_of(source, package_jobs(col)))
    given = pkg.revlog_db is None or not pkg.rows_as_stored  # the cards' values from Python
    with col.db.reading() as s:
        existing = ExistingCards(s, ("id", "key", "guid", "deck_id"))
    clock = ImportClock.of(col, pkg, now)
    work: list[list[Any]] = []  # anki_cards.WorkCard, our card id set in the transaction
    given_rows: list[tuple[Any, ...]] = []
    matched: dict[int, tuple[Any, IncomingCard]] = {}  # seq -> (our row, the card)
    seen: set[str] = set()
    places: dict[int, tuple[str, tuple[str, ...]]] = {}  # Anki deck -> (our deck, concept)
    new_places: dict[int, None] = {}  # the Anki decks of new cards, in order
    due_days: set[int] = set()
    studied: list[tuple[list[Any], Any]] = []  # (its work row, the card): memory states
    skipped: list[str] = []
    notes: list[str] = []
    notetypes: dict[str, str] = {}
    total = len(pkg.cards)
    any_existing = bool(existing)  # none can match in an empty collection
    new_type, cloze_kind = CardType.NEW, NotetypeKind.CLOZE
    for note, c, nt, front, back, anki_deck, extra_json, fields, nt_data in rendered_cards(
        pkg, renamed, notes, notetypes
    ):
        key = f"anki:{note.guid}:{c.ord}"
        if c.deck_id not in places:
            places[c.deck_id] = (deck or anki_deck[0], tuple(anki_deck[1:]))
        if key in seen:
            skipped.append(f"note {note.guid!r} appears twice; the second copy skipped")
            continue
        seen.add(key)
        studied_card = c.type != new_type
        if studied_card and c.due <= 1_000_000_000:
            due_days.add(c.due)
        kind = "cloze" if nt.kind == cloze_kind else "basic"
        seq = len(work) + 1
        found = existing.match(key, note.guid, c.ord) if any_existing else None
        if found is None:
            new_places[c.deck_id] = None
        else:
            name, path = places[c.deck_id]
            matched[seq] = (found, IncomingCard(
                note.guid, c.ord, name, path, kind, front, back,
                {"tags": list(note.tags), "anki": {"deck": "::".join(anki_deck),
                 "fields": fields, "ord": c.ord, "notetype": nt_data}},  # what the merge reads
                anki_card_id=c.id, extra_json=extra_json,
            ))  # fmt: skip
        row = [seq, c.id, found.id if found is not None else 0, found is not None,
               front, back, extra_json, kind, None, None, visible_skip(front)]  # fmt: skip
        work.append(row)
        if studied_card:
            studied.append((row, c))
        if given:
            given_rows.append((seq, c.id, note.guid, c.ord, c.deck_id, c.type, c.queue, c.due,
                               c.ivl, c.reps, c.lapses, c.flags, 0, 0))  # fmt: skip
        if progress is not None and seq % 500 == 0:
            progress(seq, total)
    days = [(day, clock.due(day)) for day in sorted(due_days)]
    counts = MergeCounts(added=len(work) - len(matched), skipped=len(skipped))
    now_s = int(now.timestamp())
    # every reference is made here: decks and concepts ensured, card ids assigned, review-log
    # card ids from those -- so foreign keys are not checked row by row
    # (test_anki_import runs PRAGMA foreign_key_check after each import)
    estimated = 0
    with col.db.transaction_attached(SOURCE, source, foreign_keys=False) as (s, attach):
        store_notetypes(s, notetypes)
        deck_ids: dict[str, int] = {}
        presets = deck_presets(pkg, deck)
        for name, _path in places.values():
            if name not in deck_ids:
                deck_ids[name] = ensure_deck(col, s, name, presets, counts)
        counts.warnings += skipped
        concepts: dict[int, ConceptRows] = {}
        decks: list[tuple[int, int, int | None, int]] = []
        base_pos: dict[int, int] = {}
        for did in new_places:
            name, path = places[did]
            deck_id = deck_ids[name]
            cc = concepts.get(deck_id) or concepts.setdefault(deck_id, ConceptRows(s, deck_id))
            if deck_id not in base_pos:
                base_pos[deck_id] = queries.last_position(s, deck_id)
            decks.append((did, deck_id, cc.ensure(path), base_pos[deck_id]))
        first_id = next_id = queries.next_card_id(s)
        for row in work:
            if not row[3]:
                row[2] = next_id
                next_id += 1
        # the memory states: stored, else from the card's answers (worked out by the
        # reader's thread meanwhile: ``package_jobs``; the cards go into the work table
        # while it still works, theirs set after -- or with them, when it is done already),
        # else estimated from its interval
        stateless = []
        for row, c in studied:
            if c.stability is None or c.difficulty is None:
                stateless.append((row, c))
            else:
                row[8], row[9] = float(c.stability), float(c.difficulty)
        late = bool(stateless) and not worker.done(REPLAY_JOB)
        if stateless and not late:
            estimated += _set_states(stateless, worker, source, col)
        attach(anki_cards.WORK_SCHEMA, None)
        anki_cards.fill_work(s, work, decks, days, given_rows if given else None)
        if late:
            estimated += _set_states(stateless, worker, source, col)
            anki_cards.set_memory_states(s, [(row[8], row[9], row[0]) for row, _c in stateless])
        attach(LAST_SCHEMA, worker.result(LAST_JOB))
        with import_rows.bulk_cache(s):
            if counts.added:
                anki_cards.insert_new(s, now_s, clock.tomorrow, given=given,
                                      ids=(first_id, next_id - 1))  # fmt: skip
            attach(MAPPED_SCHEMA, worker.result(MAPPED_JOB))  # mapped meanwhile
            fresh = anki_cards.link(s, any_matched=bool(matched))
            if matched:
                pairs = []
                for seq, values in anki_cards.matched(s, clock.tomorrow, given=given):
                    row, card = matched[seq]
                    card.position = values.pop("position")
                    card.sched = IncomingSched(**values)
                    card.sched.suspended = bool(card.sched.suspended)
                    pairs.append((row, card))
                update_matched(s, matched_rows(s, pairs), deck_ids, concepts, counts, now_s,
                               fresh, theirs)  # fmt: skip
            counts.revlog = import_rows.insert_package_revlog(s, bool(matched))
    warnings += notes
    if estimated:
        warnings.append(estimated_warning(estimated))
    if progress is not None:
        progress(total, total)
    return counts
