"""The Docker deck studied with the previous generator keeps its history under the new one.

``tests/data/docker-deck-c499e21.json`` holds the 135 cards the generator of commit c499e21
(the last one before the rewrite for notes in the wild) made from the bundled notes and the
lifecycle diagram. A collection is built from them as that version's sync would have, every
card is answered, and then the bundled notes are synced with today's generator.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, make_key
from srsapp.service.collection import Collection
from srsapp.service.notes_sync import apply_generated
from srsapp.store.models import Card, Review

DATA = Path(__file__).resolve().parents[1] / "data" / "docker-deck-c499e21.json"
DECKS = Path(__file__).resolve().parents[2] / "decks"


def old_deck() -> GeneratedDeck:
    raw = json.loads(DATA.read_text("utf-8"))
    cards = [
        CardDraft(
            kind=CardKind(c["kind"]),
            concept=tuple(c["concept"]),
            anchor=c["anchor"],
            front=c["front"],
            back=c["back"],
            variant=c["variant"],
            source_line=c["source_line"],
            source_end=c["source_end"],
            sibling=c["sibling"],
            extra=c["extra"],
        )
        for c in raw["cards"]
    ]
    paths: list[tuple[str, ...]] = []
    for c in cards:
        for n in range(1, len(c.concept) + 1):
            if c.concept[:n] not in paths:
                paths.append(c.concept[:n])
    concepts = [ConceptInfo(path=p) for p in paths]
    return GeneratedDeck(title=raw["title"], concepts=concepts, cards=cards)


def test_cards_whose_anchor_did_not_change_keep_their_id_and_history(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    notes = tmp_path / "docker-notes.md"
    shutil.copy(DECKS / "docker-notes.md", notes)
    shutil.copy(DECKS / "docker-lifecycle.toml", tmp_path / "docker-lifecycle.toml")
    old = old_deck()
    assert len(old.cards) == 135
    apply_generated(col, str(notes.resolve()), "c499e21", notes.read_text("utf-8"), old, now)
    with col.db.transaction() as s:  # every old card studied once (no daily limit in the way)
        for card in s.scalars(select(Card)):
            s.add(
                Review(
                    card_id=card.id,
                    time_ms=int(now.timestamp() * 1000) + card.id,
                    rating=3,
                    duration_ms=1000,
                    state_before=0,
                    state_after=1,
                    interval_s=600,
                    last_interval_s=0,
                    kind="review",
                )
            )
    with col.db.reading() as s:
        before = {c.key: c.id for c in s.scalars(select(Card))}
    report = col.sync_notes(notes, now=now + timedelta(days=1))
    with col.db.reading() as s:
        after = {c.id: c for c in s.scalars(select(Card))}
        reviewed = {r.card_id for r in s.scalars(select(Review))}
    new_keys = {c.key for c in after.values() if not c.retired}
    kept_anchor = [k for k in before if k in new_keys]
    # every old card whose concept, kind, anchor and variant the new generator still makes
    # is the same card, with its review
    for key in kept_anchor:
        card = after[before[key]]
        assert card.key == key and not card.retired and card.id in reviewed
    # 110 of 135 today: commands, terms, steps, lists, diagrams; the others were whole-section
    # definitions now asked one fact at a time, clozes of a visible list item, a syntax line
    # taken for a term, 5 diagram reverse cards whose command named their answer, and the two
    # "예시를 쓰시오" cards that asked for an item's own sample line
    assert len(kept_anchor) >= 110
    # nothing was lost: the old cards the new generator does not make are retired, not deleted
    assert set(before.values()) <= set(after)
    assert report.retired == sum(1 for i in before.values() if after[i].retired)
    assert all(after[i].id in reviewed for i in before.values())
    assert make_key(("x",), "term", "y") != make_key(("x",), "term", "z")
