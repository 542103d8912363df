"""Named queries of the collection check (``service.maintenance.check``): the references between
decks, concepts, sources, cards and review-log rows, each card's review log in log order, and
the repairs — in a session the caller opened (``Database.reading`` for a check,
``Database.transaction`` for a repair). Every ``IN (…)`` of ids is sent in batches
(``id_batches``), and orphans are found with joins, not ``NOT IN`` (every id): SQLite's limit on
bound variables (issue 19).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from srsapp.store.models import Card, Concept, Deck, Review, Source
from srsapp.store.queries import REVLOG, id_batches

_R = REVLOG.c


# ---------------------------------------------------------------- what refers to what


def deck_ids(s: Session) -> set[int]:
    return set(s.scalars(select(Deck.id)))


def concept_decks(s: Session) -> dict[int, int]:
    """Concept id -> its deck id, of every concept."""
    return {int(i): int(d) for i, d in s.execute(select(Concept.id, Concept.deck_id))}


def source_decks(s: Session) -> dict[int, int]:
    """Notes source id -> its deck id, of every source."""
    return {int(i): int(d) for i, d in s.execute(select(Source.id, Source.deck_id))}


def cards_of_missing_deck(s: Session) -> list[int]:
    """The cards whose deck does not exist."""
    q = select(Card.id).outerjoin(Deck, Deck.id == Card.deck_id).where(Deck.id.is_(None))
    return list(s.scalars(q))


def card_references(s: Session) -> list[tuple[int, int, int | None, int | None]]:
    """(card id, deck id, concept id, source id) of every card."""
    q = select(Card.id, Card.deck_id, Card.concept_id, Card.source_id)
    return [(i, d, c, src) for i, d, c, src in s.execute(q)]


def reviews_of_missing_card(s: Session) -> list[int]:
    """The review-log rows whose card does not exist."""
    q = select(Review.id).outerjoin(Card, Card.id == Review.card_id).where(Card.id.is_(None))
    return list(s.scalars(q))


def concept_parents(s: Session) -> list[tuple[int, int, int | None]]:
    """(concept id, deck id, parent id) of every concept."""
    q = select(Concept.id, Concept.deck_id, Concept.parent_id)
    return [(i, d, p) for i, d, p in s.execute(q)]


def review_history(s: Session) -> Iterator[tuple[int, int, int, int, int, int, str, int]]:
    """(id, card id, time ms, rating, state after, interval s, kind, last interval s) of every
    review-log row, by card and then in log order."""
    q = select(
        _R.id,
        _R.card_id,
        _R.time_ms,
        _R.rating,
        _R.state_after,
        _R.interval_s,
        _R.kind,
        _R.last_interval_s,
    ).order_by(_R.card_id, _R.id)
    for r in s.execute(q):
        yield (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])


def all_cards(s: Session) -> Iterator[Card]:
    """Every card (as ORM objects: a repair sets their columns), by id."""
    yield from s.scalars(select(Card).order_by(Card.id))


# ---------------------------------------------------------------- repairs


def delete_sources(s: Session, ids: Iterable[int]) -> None:
    for batch in id_batches(ids):
        s.execute(delete(Source).where(Source.id.in_(batch)))


def delete_concepts(s: Session, ids: Iterable[int]) -> None:
    """Delete concepts; their children become top-level and their cards have no concept."""
    for batch in id_batches(ids):
        s.execute(update(Concept).where(Concept.parent_id.in_(batch)).values(parent_id=None))
        s.execute(update(Card).where(Card.concept_id.in_(batch)).values(concept_id=None))
        s.execute(delete(Concept).where(Concept.id.in_(batch)))


def move_cards(s: Session, ids: Iterable[int], deck_id: int) -> None:
    for batch in id_batches(ids):
        s.execute(update(Card).where(Card.id.in_(batch)).values(deck_id=deck_id))


def clear_card_concepts(s: Session, ids: Iterable[int]) -> None:
    for batch in id_batches(ids):
        s.execute(update(Card).where(Card.id.in_(batch)).values(concept_id=None))


def clear_card_sources(s: Session, ids: Iterable[int]) -> None:
    for batch in id_batches(ids):
        s.execute(update(Card).where(Card.id.in_(batch)).values(source_id=None))


def delete_reviews(s: Session, ids: Iterable[int]) -> None:
    for batch in id_batches(ids):
        s.execute(delete(Review).where(Review.id.in_(batch)))


def make_top_level(s: Session, concept_id: int) -> None:
    s.execute(update(Concept).where(Concept.id == concept_id).values(parent_id=None))
