"""Card search for the browser: a small query language translated to one SQL query.

Syntax (Anki-like; terms are ANDed, ``-`` negates a term, ``"..."`` groups spaces)::

    docker            free text in the front, back or anchor (case-insensitive, Korean too)
    "docker run"      a phrase
    concept:NAME      any card whose concept path contains NAME (concept:"컨테이너 개발")
    kind:term         the card kind (definition, term, list, sequence, command, ...)
    is:new | learn | review | due | suspended | leech | buried | retired
    deck:NAME         deck name, case-insensitive, ``*`` as a wildcard
    flag:N            flag 0-7

Retired cards (their notes text is gone) are left out unless the query says ``is:retired``.
Only ids come back (``search_card_ids``); the browser fetches rows for the ids it shows in pages
(``fetch_rows``), so a 100k-card collection costs one id list, not 100k row objects.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, not_, or_, select

from srsapp.core import days
from srsapp.core.errors import SrsError
from srsapp.core.model import CardKind, CardState
from srsapp.service.context import Context
from srsapp.store.models import Card, new_last
from srsapp.store.queries import CARDS, CONCEPTS, DECKS, first_column

_C = CARDS.c
_K = CONCEPTS.c
_D = DECKS.c

IS_VALUES = ("new", "learn", "review", "due", "suspended", "leech", "buried", "retired")
ORDERS = (
    "sort",
    "answer",
    "deck",
    "concept",
    "kind",
    "due",
    "interval",
    "stability",
    "reps",
    "lapses",
)
PAGE_SIZE = 200


class SearchError(SrsError):
    """A search query the browser cannot understand."""


@dataclass(frozen=True)
class Term:
    key: str  # "" for free text
    value: str
    negated: bool = False


def tokenize(query: str) -> list[Term]:
    """Split a query into terms; quotes group spaces (also after ``key:``)."""
    terms: list[Term] = []
    i, n = 0, len(query)
    while i < n:
        if query[i].isspace():
            i += 1
            continue
        negated = False
        if query[i] == "-" and i + 1 < n and not query[i + 1].isspace():
            negated = True
            i += 1
        buf: list[str] = []
        quoted = False
        starts_quoted = query[i] == '"'  # "kind:term" in quotes is plain text
        while i < n and not query[i].isspace():
            ch = query[i]
            if ch == '"':
                end = query.find('"', i + 1)
                if end < 0:
                    raise SearchError(f'search {query!r}: a quote (") is not closed')
                buf.append(query[i + 1 : end])
                quoted = True
                i = end + 1
            else:
                buf.append(ch)
                i += 1
        word = "".join(buf)
        key, sep, value = word.partition(":")
        if sep and not starts_quoted and key.lower() in _KEYS:
            if not value.strip():
                raise SearchError(f"search {query!r}: {key}: needs a value")
            terms.append(Term(key.lower(), value, negated))
        elif word or quoted:
            if not word.strip():
                continue
            terms.append(Term("", word, negated))
    return terms


_KEYS = ("concept", "kind", "is", "deck", "flag")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(col: Any, text: str) -> Any:
    return col.like(f"%{_like_escape(text)}%", escape="\\")


def _condition(col: Context, term: Term, now: datetime) -> Any:
    key, value = term.key, term.value
    if key == "":
        needles = {value, html.escape(value, quote=False)}
        fields = (_C.front, _C.back, _C.anchor, _C.override_front, _C.override_back)
        return or_(*(_contains(f, v) for f in fields for v in needles))
    if key == "concept":
        inner = json.dumps(value, ensure_ascii=False)[1:-1]
        return _C.concept_id.in_(select(_K.id).where(_contains(_K.path, inner)))
    if key == "deck":
        pattern = _like_escape(value).replace("*", "%")
        return _C.deck_id.in_(select(_D.id).where(_D.name.like(pattern, escape="\\")))
    if key == "kind":
        kinds = {k.value for k in CardKind}
        if value.lower() not in kinds:
            raise SearchError(
                f"search: unknown card kind {value!r} (one of: {', '.join(sorted(kinds))})"
            )
        return _C.kind == value.lower()
    if key == "flag":
        if not value.isdigit() or not 0 <= int(value) <= 7:
            raise SearchError(f"search: flag:{value} — a flag is a number 0-7")
        return _C.flag == int(value)
    # is:
    v = value.lower()
    now_s = int(now.timestamp())
    learn = [int(CardState.LEARNING), int(CardState.RELEARNING)]
    if v == "new":
        return _C.state == int(CardState.NEW)
    if v == "learn":
        return _C.state.in_(learn)
    if v == "review":
        # most cards: a table scan beats the (state, due) index here ("+ 0" keeps it unused)
        return (_C.state + 0).in_([int(CardState.REVIEW), int(CardState.RELEARNING)])
    if v == "due":
        st = col.settings()
        end = days.next_day_start(now, st["timezone"], int(st["day_start_hour"]))
        return or_(
            _C.state.in_(learn) & (_C.due <= now_s),
            (_C.state == int(CardState.REVIEW)) & (_C.due < int(end.timestamp())),
        )
    if v == "suspended":
        return _C.suspended.is_(True)
    if v == "leech":
        return _C.leech.is_(True)
    if v == "buried":
        return _C.buried_until > now_s
    if v == "retired":
        return _C.retired.is_(True)
    raise SearchError(f"search: is:{value} is not known (one of: {', '.join(IS_VALUES)})")


_CONTEXT_OPEN = '<div class="context">'
_LEADING_TAGS = 3  # '<p><code>', '<p><b>', '<ul><li>' before the first visible word


def _visible_start(side: Any) -> Any:
    """Card HTML as the browser's column shows it, for sorting: the breadcrumb line
    (``<div class="context">…</div>``) dropped and the tags before the first word skipped
    (sorting the HTML sorted every card by its hidden breadcrumb)."""
    text = case(
        (
            func.substr(side, 1, len(_CONTEXT_OPEN)) == _CONTEXT_OPEN,
            func.substr(side, func.instr(side, "</div>") + len("</div>")),
        ),
        else_=side,
    )
    for _ in range(_LEADING_TAGS):
        text = case(
            (func.substr(text, 1, 1) == "<", func.substr(text, func.instr(text, ">") + 1)),
            else_=text,
        )
    return func.lower(func.ltrim(text))


def _order_columns(order: str) -> list[Any]:
    if order == "sort":
        return [_visible_start(func.coalesce(_C.override_front, _C.front))]
    if order == "answer":
        return [_visible_start(func.coalesce(_C.override_back, _C.back))]
    if order == "deck":
        return [_D.name]
    if order == "concept":
        return [_K.path]
    if order == "kind":
        return [_C.kind]
    if order == "due":
        # scheduled cards by due time, then new cards in their introduction order (the order
        # of ix_cards_due_sort: no sort)
        return [new_last(_C.state), _C.due, _C.position]
    if order == "interval":
        return [
            case(
                (_C.state == int(CardState.REVIEW), _C.due - func.coalesce(_C.last_review, _C.due)),
                else_=0,
            )
        ]
    if order == "stability":
        return [func.coalesce(_C.stability, 0.0)]
    if order == "reps":
        return [_C.reps]
    if order == "lapses":
        return [_C.lapses]
    raise SearchError(f"search: cannot sort by {order!r} (one of: {', '.join(ORDERS)})")


def build_query(
    col: Context, query: str, now: datetime, order: str = "due", descending: bool = False
) -> Any:
    terms = tokenize(query)
    q = select(_C.id)
    if order == "deck":
        q = q.select_from(CARDS.join(DECKS, _D.id == _C.deck_id))
    elif order == "concept":
        q = q.select_from(CARDS.outerjoin(CONCEPTS, _K.id == _C.concept_id))
    for term in terms:
        cond = _condition(col, term, now)
        q = q.where(not_(cond) if term.negated else cond)
    if not any(t.key == "is" and t.value.lower() == "retired" for t in terms):
        q = q.where(_C.retired.is_(False))
    cols = _order_columns(order)
    q = q.order_by(*[c.desc() if descending else c.asc() for c in cols])
    return q.order_by(_C.id.desc() if descending else _C.id.asc())


def search_card_ids(
    col: Context,
    query: str,
    now: datetime,
    *,
    order: str = "due",
    descending: bool = False,
) -> list[int]:
    """Ids of the cards matching ``query``, sorted by ``order`` in SQL (see the module doc)."""
    q = build_query(col, query, now, order, descending)
    with col.db.reading() as s:
        # the id list can be 100k long: one JSON array from SQLite, not a row per id
        return first_column(s, q)


# ---------------------------------------------------------------- rows for the browser


@dataclass(frozen=True)
class BrowserRow:
    id: int
    front: str  # HTML, override applied
    back: str
    deck: str
    concept: tuple[str, ...]
    kind: str
    state: CardState
    due: int  # epoch seconds (0 for new cards)
    position: int
    last_review: int | None
    stability: float | None
    difficulty: float | None
    reps: int
    lapses: int
    suspended: bool
    leech: bool
    buried_until: int
    flag: int
    retired: bool
    edited: bool  # the learner overrode the generated text

    @property
    def interval_s(self) -> int:
        if self.state != CardState.REVIEW or self.last_review is None:
            return 0
        return max(0, self.due - self.last_review)


def fetch_rows(col: Context, ids: Sequence[int]) -> dict[int, BrowserRow]:
    """Rows for ``ids`` (one query per ``PAGE_SIZE`` ids)."""
    out: dict[int, BrowserRow] = {}
    ids = list(ids)
    with col.db.reading() as s:
        for start in range(0, len(ids), PAGE_SIZE):
            chunk = ids[start : start + PAGE_SIZE]
            q = (
                select(
                    _C.id,
                    func.coalesce(_C.override_front, _C.front),
                    func.coalesce(_C.override_back, _C.back),
                    _D.name,
                    _K.path,
                    _C.kind,
                    _C.state,
                    _C.due,
                    _C.position,
                    _C.last_review,
                    _C.stability,
                    _C.difficulty,
                    _C.reps,
                    _C.lapses,
                    _C.suspended,
                    _C.leech,
                    _C.buried_until,
                    _C.flag,
                    _C.retired,
                    (_C.override_front.is_not(None) | _C.override_back.is_not(None)),
                )
                .select_from(
                    CARDS.join(DECKS, _D.id == _C.deck_id).outerjoin(
                        CONCEPTS, _K.id == _C.concept_id
                    )
                )
                .where(_C.id.in_(chunk))
            )
            for r in s.execute(q):
                out[int(r[0])] = BrowserRow(
                    id=int(r[0]),
                    front=r[1],
                    back=r[2],
                    deck=r[3],
                    concept=tuple(json.loads(r[4])) if r[4] else (),
                    kind=r[5],
                    state=CardState(r[6]),
                    due=int(r[7]),
                    position=int(r[8]),
                    last_review=r[9],
                    stability=r[10],
                    difficulty=r[11],
                    reps=int(r[12]),
                    lapses=int(r[13]),
                    suspended=bool(r[14]),
                    leech=bool(r[15]),
                    buried_until=int(r[16]),
                    flag=int(r[17]),
                    retired=bool(r[18]),
                    edited=bool(r[19]),
                )
    return out


@dataclass(frozen=True)
class CardTexts:
    """A card's generated text and the learner's overrides (None: not overridden)."""

    front: str
    back: str
    override_front: str | None
    override_back: str | None


def card_texts(col: Context, card_id: int) -> CardTexts:
    with col.db.reading() as s:
        card = s.get(Card, card_id)
        if card is None:
            raise SrsError(f"no card with id {card_id}")
        return CardTexts(card.front, card.back, card.override_front, card.override_back)
