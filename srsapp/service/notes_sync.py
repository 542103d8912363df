"""Syncing a notes file into the collection: generate, match identities, merge.

One transaction per sync: a failure leaves the collection as it was.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from srsapp import __version__
from srsapp.core.errors import DiagramError, NotesError, SrsError
from srsapp.core.identity import OldCard, match_cards
from srsapp.core.model import CardDraft, CardState, ConceptInfo, GeneratedDeck
from srsapp.service.context import Context
from srsapp.service.reports import RetiredCard, SyncReport
from srsapp.store import queries
from srsapp.store.handles import Session
from srsapp.store.models import Card, Concept, Source
from srsapp.store.queries import path_json

MAX_NOTES_BYTES = 50 * 1024 * 1024


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_NOTES_BYTES:
            raise NotesError(f"too large for a notes file ({size // 1024 // 1024} MB)", str(path))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise NotesError("no such file", str(path)) from exc
    except IsADirectoryError as exc:
        raise NotesError("is a folder, expected a Markdown notes file", str(path)) from exc
    except OSError as exc:
        raise NotesError(f"cannot be read ({exc.strerror})", str(path)) from exc


def diagram_files(notes: Path) -> list[tuple[Path, bytes, str]]:
    """Diagram data files beside the notes: (path, bytes, the image src they replace)."""
    out = []
    for p in sorted(notes.parent.glob("*.toml")):
        try:
            data = p.read_bytes()
            replaces = tomllib.loads(data.decode("utf-8")).get("replaces")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # not a diagram of ours; reported when actually attached
        if isinstance(replaces, str) and replaces:
            out.append((p, data, replaces))
    return out


def notes_language(text: str) -> str:
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    letters = sum(1 for ch in text if ch.isalpha())
    return "ko" if letters and hangul / letters > 0.15 else "en"


def attach_diagrams(
    deck: GeneratedDeck, diagrams: list[tuple[Path, bytes, str]], lang: str
) -> list[tuple[Path, bytes]]:
    """Add the cards and concepts of every diagram that an image of the notes refers to."""
    from srsapp.core.diagrams import diagram_cards, load_diagram

    used = []
    for path, data, replaces in diagrams:
        for concept, src, _line in deck.images:
            if src.strip() != replaces and Path(src).name != Path(replaces).name:
                continue
            diagram = load_diagram(data.decode("utf-8"), str(path))
            concepts, cards = diagram_cards(diagram, concept, lang)
            known = {c.path for c in deck.concepts}
            deck.concepts.extend(c for c in concepts if c.path not in known)
            # The section's own cards show the picture it refers to on their answer side
            # (on the question it could give the answer away: the boxes name the states).
            link = {"source": path.name, "highlight": None, "hide": None, "answer_only": True}
            deck.cards[:] = [
                replace(c, extra={**c.extra, "diagram": link})
                if c.concept == concept and "diagram" not in c.extra
                else c
                for c in deck.cards
            ]
            # the diagram's cards belong to its section: in the notes' order they come right
            # after the section's own cards (new cards are studied in that order), not last
            at = max((i + 1 for i, c in enumerate(deck.cards)
                      if c.concept[: len(concept)] == concept), default=len(deck.cards))  # fmt: skip
            deck.cards[at:at] = cards
            used.append((path, data))
            break
    return used


def sync_notes_file(col: Context, path: Path, now: datetime) -> SyncReport:
    path = path.expanduser().resolve()
    data = _read(path)
    diagrams = diagram_files(path)
    digest = hashlib.sha256(__version__.encode())
    digest.update(data)
    for _p, ddata, _r in diagrams:
        digest.update(ddata)
    content_hash = digest.hexdigest()
    with col.db.reading() as s:
        src = queries.source(s, str(path), "notes")
        if src is not None and src.content_hash == content_hash:
            return SyncReport(
                deck=queries.deck_name(s, src.deck_id),
                unchanged=queries.live_cards_of_source(s, src.id),
            )
    from srsapp.core.notes import decode_notes, generate_deck  # (only when the file changed:
    # the notes generator is a large import the app's start does without)

    text = decode_notes(data, str(path))
    deck = generate_deck(text, str(path))
    try:
        used = attach_diagrams(deck, diagrams, notes_language(text))
    except DiagramError:
        raise
    report = apply_generated(col, str(path), content_hash, text, deck, now)
    if used:
        with col.db.transaction() as s:
            notes = queries.source(s, str(path), "notes")
            deck_id = notes.deck_id if notes is not None else None
            for dpath, ddata in used:
                row = queries.source(s, str(dpath), "diagram")
                if row is None:
                    row = Source(path=str(dpath), kind="diagram", deck_id=deck_id)
                    s.add(row)
                row.text = ddata.decode("utf-8")
                row.content_hash = hashlib.sha256(ddata).hexdigest()
                row.synced_at = int(now.timestamp())
    return report


def _concept_rows(
    s: Session, deck_id: int, concepts: list[ConceptInfo]
) -> dict[tuple[str, ...], int]:
    existing = queries.concepts(s, deck_id)
    ids: dict[tuple[str, ...], int] = {}
    seen: set[tuple[str, ...]] = set()

    def ensure(info: ConceptInfo, position: int) -> int:
        path = info.path
        parent_id = None
        if len(path) > 1:
            parent = path[:-1]
            parent_id = ids.get(parent) or ensure(ConceptInfo(parent), position)
        row = existing.get(path)
        if row is None:
            row = Concept(deck_id=deck_id, path=path_json(path), title=path[-1])
            s.add(row)
            existing[path] = row
        row.parent_id = parent_id
        row.kind = info.kind
        if info.source_line or info.kind != "heading":
            row.source_line, row.source_end = info.source_line, info.source_end
        row.position = position
        row.retired = False
        s.flush()
        ids[path] = row.id
        seen.add(path)
        return row.id

    for i, info in enumerate(concepts):
        if info.path:
            ensure(info, i)
    for path, row in existing.items():
        if path not in seen:
            row.retired = True
    return ids


def _unique_deck_name(s: Session, title: str, stem: str) -> str:
    names = queries.deck_names(s)
    if title not in names:
        return title
    candidate = f"{title} ({stem})"
    n = 2
    while candidate in names:
        candidate = f"{title} ({stem} {n})"
        n += 1
    return candidate


def apply_generated(
    col: Context,
    source_path: str,
    content_hash: str,
    text: str,
    deck: GeneratedDeck,
    now: datetime,
) -> SyncReport:
    now_s = int(now.timestamp())
    added = updated = retired = revived = unchanged = 0
    with col.db.transaction() as s:
        src = queries.source(s, source_path, "notes")
        if src is None:
            name = _unique_deck_name(
                s, deck.title or Path(source_path).stem, Path(source_path).stem
            )
            deck_id = col.ensure_deck(s=s, name=name)
            src = Source(path=source_path, kind="notes", deck_id=deck_id)
            s.add(src)
            s.flush()
        deck_id = src.deck_id
        deck_name = queries.deck_name(s, deck_id)
        src.content_hash = content_hash
        src.text = text
        src.synced_at = now_s
        # the headings there were before this sync (a heading still there was not renamed)
        old_concepts = list(queries.concept_paths(s, deck_id, live_only=True).values())
        concept_ids = _concept_rows(s, deck_id, deck.concepts)

        cards = queries.cards_of_source(s, src.id)
        concept_paths = queries.concept_paths(s, deck_id)
        old = [
            OldCard(
                id=c.id,
                key=c.key,
                kind=c.kind,
                concept=concept_paths.get(c.concept_id or -1, ()),
                anchor=c.anchor,
                variant=c.variant,
                retired=c.retired,
                front=c.front,
                back=c.back,
                source_line=c.source_line or 0,
            )
            for c in cards.values()
        ]
        result = match_cards(
            old,
            deck.cards,
            old_concepts=old_concepts,
            new_concepts=[c.path for c in deck.concepts],
        )
        order = {d.key: i for i, d in enumerate(deck.cards)}
        base = queries.last_position(s, deck_id)

        def fill(card: Card, draft: CardDraft) -> bool:
            values = {
                "key": draft.key,
                "kind": str(draft.kind),
                "anchor": draft.anchor,
                "variant": draft.variant,
                "front": draft.front,
                "back": draft.back,
                "concept_id": concept_ids.get(draft.concept),
                "source_line": draft.source_line,
                "source_end": draft.source_end,
                "sibling": draft.sibling,
                "extra": json.dumps(draft.extra, ensure_ascii=False, sort_keys=True),
            }
            # Where the card sits in the file is bookkeeping: a shifted line number alone
            # does not count as an update of the card.
            changed = any(
                getattr(card, k) != v
                for k, v in values.items()
                if k not in ("source_line", "source_end", "sibling")
            )
            for k, v in values.items():
                setattr(card, k, v)
            return changed

        for old_card, draft in result.matches:
            card = cards[old_card.id]
            changed = fill(card, draft)
            if card.retired:
                card.retired = False
                revived += 1
            elif changed:
                updated += 1
            else:
                unchanged += 1
            if changed:
                card.modified = now_s
        # Keys must stay unique per deck: a key freed by a retired card may be reused.
        taken = {c.key: c for c in cards.values()}
        gone: list[tuple[int, int, RetiredCard]] = []
        for old_card in result.retired:
            card = cards[old_card.id]
            if not card.retired:
                card.retired = True
                card.modified = now_s
                retired += 1
                retired_card = RetiredCard(" › ".join(old_card.concept), card.anchor, card.kind)
                gone.append((card.source_line or 0, card.id, retired_card))
        s.flush()
        for draft in result.added:
            clash = taken.get(draft.key)
            if clash is not None and clash.retired:
                clash.key = f"{clash.key}~{clash.id}"
                s.flush()
            card = Card(
                deck_id=deck_id,
                source_id=src.id,
                state=int(CardState.NEW),
                due=0,
                position=base + 1 + order.get(draft.key, 0),
                created=now_s,
                modified=now_s,
            )
            fill(card, draft)
            s.add(card)
            added += 1
    return SyncReport(
        deck=deck_name,
        added=added,
        updated=updated,
        retired=retired,
        revived=revived,
        unchanged=unchanged,
        warnings=tuple(deck.warnings),
        retired_cards=tuple(r for _line, _id, r in sorted(gone)),
        renamed=tuple((" › ".join(a), " › ".join(b)) for a, b in result.renamed),
        not_carded=tuple(deck.skipped),
    )


def sync_sources(col: Context, now: datetime) -> tuple[list[SyncReport], list[SrsError]]:
    """Re-sync every notes file the collection knows whose content changed on disk
    (unchanged files cost one read and a hash). Missing files are skipped; a file that
    fails is reported and the others are still synced (each sync is its own transaction)."""
    reports: list[SyncReport] = []
    errors: list[SrsError] = []
    with col.db.reading() as s:
        paths = queries.source_paths(s, "notes")
    for p in paths:
        if not Path(p).is_file():
            continue
        try:
            reports.append(sync_notes_file(col, Path(p), now))
        except SrsError as exc:
            errors.append(exc)
    return reports, errors
