"""Decks as a learner manages them: a tree of ``::`` names (as Anki's ``Spanish::Verbs``), made,
renamed and deleted (with their cards; undoable through ``service.edits``).

A deck row's name may hold ``::``: ``A::B`` is shown under ``A`` (a parent that has no row of
its own is shown for its children, its counts theirs). An Anki package's subdecks are
imported as concepts of their top deck (``service.anki``): in a deck that no notes file
makes, each concept is shown as a subdeck too, studied and counted as that concept. A
``::`` name therefore names either a deck row or a (deck, concept path) pair; ``resolve``
says which, and every command that takes a deck name (``--deck "A::B"``) goes through it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from srsapp.core.errors import CollectionError
from srsapp.core.model import nfc
from srsapp.service.context import Context
from srsapp.service.edits import EditEntry, EditHistory
from srsapp.service.reports import Changes, DeckCounts, DeckDeletion
from srsapp.store import edit_queries as q
from srsapp.store.handles import Session

SEP = "::"
MAX_NAME = 200  # characters of a whole name

# (deck ids) -> (deck id, concept path) -> (new, learn, review): every imported subdeck's
# counts at once (``Queue.subdeck_counts``); a (deck, path) left out counts 0
Counter = Callable[[Sequence[int]], dict[tuple[int, tuple[str, ...]], tuple[int, int, int]]]
SubCounts = dict[tuple[int, tuple[str, ...]], tuple[int, int, int]]


def split_name(name: str) -> tuple[str, ...]:
    """The parts of a ``::`` name, NFC and stripped; a clear error for an empty one."""
    text = nfc(name).strip()
    if not text:
        raise CollectionError("a deck name cannot be empty")
    parts = tuple(p.strip() for p in text.split(SEP))
    if any(not p for p in parts):
        raise CollectionError(f"deck name {name!r}: every part between '::' needs a name")
    if len(text) > MAX_NAME:
        raise CollectionError(f"deck name {name[:40]!r}…: longer than {MAX_NAME} characters")
    if any(ch in text for ch in "\n\r\t\x00"):
        raise CollectionError(f"deck name {name!r}: no line breaks or tabs")
    return parts


def join_name(parts: Sequence[str]) -> str:
    return SEP.join(parts)


@dataclass(frozen=True)
class DeckNode:
    """One row of the deck tree: a deck row (``deck_id``, ``concept`` None), a subdeck an
    Anki import made (``deck_id`` and its ``concept``), or a parent named only by its
    children (``deck_id`` None). Counts include every subdeck's."""

    name: str  # the whole "::" name
    deck_id: int | None
    concept: tuple[str, ...] | None = None
    new: int = 0
    learn: int = 0
    review: int = 0
    total: int = 0
    children: tuple[DeckNode, ...] = ()
    unread: bool = False  # a deck whose imported subdecks were not read (``Decks.tree``)

    @property
    def title(self) -> str:
        return self.name.split(SEP)[-1]

    @property
    def studyable(self) -> bool:
        return self.deck_id is not None

    @property
    def imported_subdecks(self) -> bool:
        """Whether subdecks an import made are under it (read or not)."""
        return self.unread or any(c.concept is not None for c in self.children)

    def walk(self) -> list[DeckNode]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True)
class Target:
    """What a ``::`` name resolves to."""

    name: str
    deck_id: int | None  # None: a parent with no row (its subdecks hold the cards)
    concept: tuple[str, ...] | None = None
    subdecks: tuple[int, ...] = ()  # deck rows under it (``name::…``)


@dataclass
class _Build:
    name: str
    deck_id: int | None = None
    concept: tuple[str, ...] | None = None
    counts: tuple[int, int, int, int] | None = None  # None: its children's, summed
    own_cards: int = 0  # an imported subdeck: cards of exactly this concept
    children: dict[str, _Build] = field(default_factory=dict)
    unread: bool = False

    def node(self, due_of: SubCounts) -> DeckNode:
        kids = tuple(c.node(due_of) for c in self.children.values())
        counts = self.counts
        if self.concept is not None and self.deck_id is not None:
            due = due_of.get((self.deck_id, self.concept), (0, 0, 0))
            counts = (*due, self.own_cards + sum(k.total for k in kids))
        if counts is None:  # a parent with no row: the top deck rows under it (each one's
            rows = _top_rows(kids)  # counts take its subdecks in), summed
            new, learn, review, total = (sum(getattr(n, f) for n in rows)
                                         for f in ("new", "learn", "review", "total"))  # fmt: skip
            counts = (new, learn, review, total)
        return DeckNode(self.name, self.deck_id, self.concept, *counts, children=kids,
                        unread=self.unread)  # fmt: skip


def _top_rows(nodes: Sequence[DeckNode]) -> list[DeckNode]:
    """The deck rows among ``nodes`` and, under each node that is no deck row, the first ones
    below it."""
    out: list[DeckNode] = []
    for n in nodes:
        if n.deck_id is not None and n.concept is None:
            out.append(n)
        elif n.deck_id is None:
            out.extend(_top_rows(n.children))
    return out


class Decks:
    """The decks of an open collection as a tree, and the edits on them (``col.deck_ops``)."""

    def __init__(self, ctx: Context, history: EditHistory) -> None:
        self._ctx = ctx
        self._history = history

    # ---- reading

    def tree(
        self,
        counts: Sequence[DeckCounts],
        count: Counter | None = None,
        read: Container[str] | None = None,
    ) -> list[DeckNode]:
        """The deck tree. Each row shows what studying it would show: a deck row its
        ``counts`` (the queue's ``deck_counts``: the whole deck, its ``::`` subdecks and
        imported subdecks included, Anki's limits applied),
        an imported subdeck its entry in ``count(deck ids)`` (asked once for every deck with
        subdecks); a parent with no row of its own the sum of its children (it is not studied
        itself). ``count`` None: no imported subdeck's due counts (names and totals only).
        ``read``: the names of the decks whose imported subdecks are read (None: every
        deck's); another deck that has some is ``unread``, none of them under it (the deck
        list reads them when the deck is expanded: an Anki package can hold thousands)."""
        with self._ctx.db.reading() as s:
            rows = q.deck_rows(s)
            plain = [did for did, _n, notes in rows if not notes]  # no notes file: subdecks
            wanted = plain if read is None else [d for d, n, x in rows if not x and n in read]
            concepts = q.concepts_of_decks(s, wanted)
            unread = set() if read is None else q.decks_with_concepts(
                s, [d for d in plain if d not in concepts]
            )  # fmt: skip
            some = None if read is None else list(concepts)  # (None: every deck's, one pass)
            totals = q.concept_card_totals(s, some) if any(concepts.values()) else {}
        by_id = {c.id: c for c in counts}
        root = _Build("")
        for deck_id, name, _notes in rows:
            node = root
            parts = name.split(SEP)
            for i, part in enumerate(parts):
                node = node.children.setdefault(part, _Build(join_name(parts[: i + 1])))
            node.deck_id = deck_id
            c = by_id.get(deck_id)
            node.counts = (c.new, c.learn, c.review, c.total) if c else (0, 0, 0, 0)
            node.unread = deck_id in unread
            for concept_id, path in concepts.get(deck_id, []):
                place = node
                for i, part in enumerate(path):
                    sub = path[: i + 1]
                    place = place.children.setdefault(
                        part, _Build(join_name((name, *sub)), deck_id, sub)
                    )
                place.own_cards += totals.get(concept_id, 0)
        with_subdecks = list(concepts)
        due_of = count(with_subdecks) if count is not None and with_subdecks else {}
        return [c.node(due_of) for c in root.children.values()]

    def names(self) -> list[str]:
        """Every deck's ``::`` name in the tree (parents, imported subdecks), in tree order."""
        return [n.name for top in self.tree([]) for n in top.walk()]

    def card_deck_names(self) -> list[str]:
        """The names a card can be put in (deck rows and imported subdecks, not a parent that
        is only a prefix), in tree order, without reading anyone's counts (Add card, the
        browser's Change deck: a 100k-card collection's counts took ≈ 1 s)."""
        return [n.name for top in self.tree([]) for n in top.walk() if n.deck_id is not None]

    def resolve(self, name: str) -> Target:
        """The deck row, the imported subdeck or the parent that ``name`` names; a clear
        error naming it when there is none."""
        parts = split_name(name)
        wanted = join_name(parts)
        with self._ctx.db.reading() as s:
            rows = q.deck_rows(s)
            by_name = {n: (i, notes) for i, n, notes in rows}
            under = tuple(i for i, n, _ in rows if n.startswith(wanted + SEP))
            if wanted in by_name:
                return Target(wanted, by_name[wanted][0], None, under)
            if under:
                return Target(wanted, None, None, under)
            for cut in range(len(parts) - 1, 0, -1):
                deck = join_name(parts[:cut])
                if deck in by_name and not by_name[deck][1]:
                    deck_id = by_name[deck][0]
                    path = parts[cut:]
                    if any(p[: len(path)] == path for _i, p in q.concept_rows(s, deck_id)):
                        return Target(wanted, deck_id, path)
        raise CollectionError(f"no deck named {wanted!r}")

    def deletion(self, name: str) -> DeckDeletion:
        """What deleting ``name`` would remove (to ask the learner first)."""
        target = self.resolve(name)
        with self._ctx.db.reading() as s:
            decks, concepts = self._doomed(s, target)
            cards = self._doomed_cards(s, decks, concepts)
            reviews = len(q.rows(s, "revlog", "card_id", cards))
        return DeckDeletion(target.name, len(decks), len(cards), reviews)

    # ---- edits (each one transaction, undoable)

    def create(self, name: str, now: datetime) -> Changes:
        """Make the deck ``name`` (and its missing parents, as Anki does)."""
        parts = split_name(name)
        with self._ctx.db.transaction() as s:
            have = {n for _i, n, _b in q.deck_rows(s)}
            if join_name(parts) in have:
                raise CollectionError(f"a deck named {join_name(parts)!r} already exists")
            made: list[int] = []
            for i in range(1, len(parts) + 1):
                name_i = join_name(parts[:i])
                if name_i not in have:
                    made.append(q.add_deck(s, name_i, int(now.timestamp())))
        changes = Changes(decks=True, study_queue=True, count=len(made))
        self._history.push(EditEntry("create_deck", changes, added={"decks": made}))
        return changes

    def rename(self, name: str, new_name: str) -> Changes:
        """Rename a deck and its subdecks (``A`` → ``C`` makes ``A::B`` ``C::B``); an
        imported subdeck (a concept) is renamed within its deck."""
        target = self.resolve(name)
        new_parts = split_name(new_name)
        new = join_name(new_parts)
        if new == target.name:
            return Changes()
        if new.startswith(target.name + SEP):
            raise CollectionError(f"cannot move deck {target.name!r} inside itself ({new!r})")
        if target.concept is not None:
            return self._rename_concept(target, new_parts)
        entry = EditEntry("rename_deck", Changes(decks=True, study_queue=True, cards=True))
        with self._ctx.db.transaction() as s:
            rows = q.deck_rows(s)
            names = {n for _i, n, _b in rows}
            moves: list[tuple[int, str, str]] = []
            for deck_id, old, _notes in rows:
                if old == target.name or old.startswith(target.name + SEP):
                    moves.append((deck_id, old, new + old[len(target.name) :]))
            moving = {old for _i, old, _n in moves}
            clash = [n for _i, _o, n in moves if n in names and n not in moving]
            if clash:
                raise CollectionError(f"a deck named {clash[0]!r} already exists")
            for deck_id, _old, _new in moves:  # free the names first (they are unique)
                q.rename_deck(s, deck_id, f"\x00rename {deck_id}")
            for deck_id, old, renamed in moves:
                q.rename_deck(s, deck_id, renamed)
                entry.deck_names.append((deck_id, old))
        self._history.push(entry)
        return replace(entry.changes, count=len(moves))

    def _rename_concept(self, target: Target, new_parts: tuple[str, ...]) -> Changes:
        assert target.deck_id is not None and target.concept is not None
        old_path = target.concept
        with self._ctx.db.transaction() as s:
            deck = next(n for i, n, _b in q.deck_rows(s) if i == target.deck_id)
            prefix = split_name(deck)
            if new_parts[: len(prefix)] != prefix or len(new_parts) == len(prefix):
                raise CollectionError(
                    f"{target.name!r} is a subdeck imported into {deck!r}: its new name must "
                    f"start with '{deck}::'"
                )
            new_path = new_parts[len(prefix) :]
            taken = {p for _i, p in q.concept_rows(s, target.deck_id)}
            entry = EditEntry("rename_deck", Changes(decks=True, study_queue=True, cards=True))
            for row in q.concept_subtree(s, target.deck_id, old_path):
                path = tuple(json.loads(row["path"]))
                renamed = new_path + path[len(old_path) :]
                if renamed in taken:
                    raise CollectionError(f"a deck named {join_name((deck, *renamed))!r} exists")
                entry.concept_paths.append((int(row["id"]), path))
                q.set_concept_path(s, int(row["id"]), renamed)
        self._history.push(entry)
        return replace(entry.changes, count=len(entry.concept_paths))

    def delete(self, name: str) -> DeckDeletion:
        """Delete a deck, its subdecks and all their cards and reviews (one transaction;
        undo puts every row back)."""
        target = self.resolve(name)
        entry = EditEntry("delete_deck", Changes(decks=True, study_queue=True, cards=True,
                                                 notes=True, revlog=True))  # fmt: skip
        with self._ctx.db.transaction() as s:
            decks, concepts = self._doomed(s, target)
            cards = self._doomed_cards(s, decks, concepts)
            entry.deleted = {
                "decks": q.rows(s, "decks", "id", decks),
                "sources": q.rows(s, "sources", "deck_id", decks),
                "concepts": q.rows(s, "concepts", "deck_id", decks)
                + q.rows(s, "concepts", "id", concepts),
                "cards": q.rows(s, "cards", "id", cards),
                "revlog": q.rows(s, "revlog", "card_id", cards),
            }
            q.delete_rows(s, "cards", cards)  # their reviews cascade
            q.delete_rows(s, "concepts", concepts)
            q.delete_rows(s, "decks", decks)  # sources and concepts cascade
        self._history.push(entry)
        self._ctx.forget_caches()
        n_reviews = len(entry.deleted["revlog"])
        return DeckDeletion(target.name, len(decks), len(cards), n_reviews,
                            replace(entry.changes, count=len(cards)))  # fmt: skip

    # ---- helpers

    def _doomed(self, s: Session, target: Target) -> tuple[list[int], list[int]]:
        """(deck rows, concept rows) deleting ``target`` removes."""
        if target.concept is not None:
            assert target.deck_id is not None
            rows = q.concept_subtree(s, target.deck_id, target.concept)
            return [], [int(r["id"]) for r in rows]
        own = [target.deck_id] if target.deck_id is not None else []
        return own + list(target.subdecks), []

    def _doomed_cards(self, s: Session, decks: list[int], concepts: list[int]) -> list[int]:
        by_deck = q.card_ids_where(s, "deck_id", decks)
        return by_deck + q.card_ids_where(s, "concept_id", concepts)
