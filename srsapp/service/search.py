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

from srsapp.core import days
from srsapp.core.errors import SrsError
from srsapp.core.model import CardKind, CardState
from srsapp.service.context import Context
from srsapp.store import search_queries as q
from srsapp.store.search_queries import ORDERS, Criterion

IS_VALUES = q.STATES
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


def _criterion(col: Context, term: Term, now: datetime) -> Criterion:
    """What a term asks of a card, checked (a clear ``SearchError`` when it makes no sense)."""
    key, value, negated = term.key, term.value, term.negated
    if key == "":
        # the text as typed, and as the cards' HTML holds it
        needles = tuple(dict.fromkeys((value, html.escape(value, quote=False))))
        return Criterion("text", needles, negated)
    if key in ("concept", "deck"):
        return Criterion(key, value, negated)
    if key == "kind":
        kinds = {k.value for k in CardKind}
        if value.lower() not in kinds:
            raise SearchError(
                f"search: unknown card kind {value!r} (one of: {', '.join(sorted(kinds))})"
            )
        return Criterion("kind", value.lower(), negated)
    if key == "flag":
        if not value.isdigit() or not 0 <= int(value) <= 7:
            raise SearchError(f"search: flag:{value} — a flag is a number 0-7")
        return Criterion("flag", int(value), negated)
    # is:
    v = value.lower()
    if v not in IS_VALUES:
        raise SearchError(f"search: is:{value} is not known (one of: {', '.join(IS_VALUES)})")
    if v == "due":
        st = col.settings()
        end = days.next_day_start(now, st["timezone"], int(st["day_start_hour"]))
        return Criterion(v, (int(now.timestamp()), int(end.timestamp())), negated)
    return Criterion(v, int(now.timestamp()) if v == "buried" else None, negated)


def build_query(
    col: Context, query: str, now: datetime, order: str = "due", descending: bool = False
) -> q.IdQuery:
    """The store's query of the ids ``query`` finds, sorted by ``order``."""
    if order not in ORDERS:
        raise SearchError(f"search: cannot sort by {order!r} (one of: {', '.join(ORDERS)})")
    criteria = [_criterion(col, term, now) for term in tokenize(query)]
    return q.card_ids_query(criteria, order, descending)


def search_card_ids(
    col: Context,
    query: str,
    now: datetime,
    *,
    order: str = "due",
    descending: bool = False,
) -> list[int]:
    """Ids of the cards matching ``query``, sorted by ``order`` in SQL (see the module doc)."""
    select = build_query(col, query, now, order, descending)
    with col.db.reading() as s:
        return q.card_ids(s, select)


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
            for r in q.browser_rows(s, ids[start : start + PAGE_SIZE]):
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
        texts = q.card_texts(s, card_id)
    if texts is None:
        raise SrsError(f"no card with id {card_id}")
    return CardTexts(*texts)
