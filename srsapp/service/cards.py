"""Cards a learner adds by hand, and edits on many cards at once (``col.card_ops``).

A note is what the learner types: its type (``NOTE_TYPES``: Basic, Basic + reverse, Cloze,
typed answer) and its fields, as Markdown (``core.card_markdown``). It makes one card (Basic,
typed answer), two (Basic + reverse: both ways, siblings) or one per cloze number
(``{{c1::…}}``, rendered as Anki renders cloze notes). Every edit is one transaction and can
be taken back (``service.edits``).
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from srsapp.core.card_markdown import markdown_to_html
from srsapp.core.errors import CollectionError
from srsapp.core.mastery import DEFAULT_DECAY, retrievability
from srsapp.core.model import CardKind, nfc
from srsapp.core.scheduler import DEFAULT_PARAMETERS
from srsapp.core.text import html_to_text
from srsapp.interchange.markdown_export import html_to_markdown
from srsapp.interchange.templates import cloze_numbers, render_cloze
from srsapp.service.anki.convert import NOTETYPE_KEY
from srsapp.service.context import Context
from srsapp.service.decks import Decks
from srsapp.service.edits import EditEntry, EditHistory
from srsapp.service.reports import Changes
from srsapp.store import edit_queries as q
from srsapp.store import queries
from srsapp.store.handles import IntegrityError
from srsapp.store.models import Card

# note type -> its fields, in the order they are typed
NOTE_TYPES: dict[str, tuple[str, ...]] = {
    "basic": ("Front", "Back"),
    "basic_reverse": ("Front", "Back"),
    "cloze": ("Text", "Back Extra"),
    "typed": ("Front", "Back"),
}
MAX_CLOZES = 50  # cloze numbers a note may use
_GUID_CHARS = string.ascii_letters + string.digits


@dataclass(frozen=True)
class NewCard:
    """A card a note makes, before it is stored: its HTML sides, kind and place in the note."""

    front: str
    back: str
    kind: str
    ord: int
    extra: dict[str, Any] = field(default_factory=dict)


def parse_tags(text: str) -> list[str]:
    """Tags as typed: separated by spaces (as Anki's), each once, in order."""
    return list(dict.fromkeys(nfc(text).split()))


def render_note(note_type: str, fields: dict[str, str], tags: Sequence[str] = ()) -> list[NewCard]:
    """The cards ``fields`` (Markdown) make as a note of ``note_type``; a clear error when
    they would make none (an empty first field, a cloze note without a cloze)."""
    names = NOTE_TYPES.get(note_type)
    if names is None:
        raise CollectionError(f"unknown note type {note_type!r} (one of: {', '.join(NOTE_TYPES)})")
    typed = {n: nfc(fields.get(n, "")) for n in names}
    first = names[0]
    if not typed[first].strip():
        raise CollectionError(f"the {first} field is empty: a card needs something to ask")
    html = {n: markdown_to_html(v) for n, v in typed.items()}
    note: dict[str, Any] = {"type": note_type, "fields": typed}
    extra: dict[str, Any] = {"note": note, "tags": list(tags)}  # tags: exported to Anki
    if note_type == "cloze":
        numbers = cloze_numbers(typed["Text"])
        if not numbers:
            raise CollectionError(
                "a cloze note needs a cloze in its Text, like {{c1::answer}} (Ctrl+Shift+C)"
            )
        if len(numbers) > MAX_CLOZES:
            raise CollectionError(f"a cloze note may use at most {MAX_CLOZES} cloze numbers")
        out = []
        for n in numbers:  # a card's place in its note is its cloze number (c1: 0), as Anki's
            front = render_cloze(html["Text"], n, answer=False)
            back = render_cloze(html["Text"], n, answer=True) + html["Back Extra"]
            out.append(NewCard(front, back, CardKind.CLOZE.value, n - 1, dict(extra)))
        return out
    if not typed["Back"].strip():
        raise CollectionError("the Back field is empty: a card needs an answer")
    cards = [NewCard(html["Front"], html["Back"], CardKind.BASIC.value, 0, dict(extra))]
    if note_type == "basic_reverse":
        cards.append(NewCard(html["Back"], html["Front"], CardKind.BASIC.value, 1, dict(extra)))
    if note_type == "typed":
        answer = html_to_text(html["Back"]).splitlines()[0]
        cards = [NewCard(c.front, c.back, c.kind, c.ord, {**c.extra, "typed_answer": answer})
                 for c in cards]  # fmt: skip
    return cards


def _card_row(
    c: NewCard, guid: str, deck_id: int, concept_id: int | None, position: int, now_s: int
) -> Card:
    """The stored row of card ``c`` of the added note ``guid``."""
    return Card(
        deck_id=deck_id, concept_id=concept_id, key=f"added:{guid}:{c.ord}", guid=guid,
        kind=c.kind, anchor=html_to_text(c.front)[:200], variant=str(c.ord), front=c.front,
        back=c.back, sibling=f"added:{guid}", extra=json.dumps(c.extra, ensure_ascii=False),
        position=position, created=now_s, modified=now_s,
    )  # fmt: skip


@dataclass(frozen=True)
class AddedNote:
    """A note the learner added (its cards' keys are ``added:<guid>:<ord>``)."""

    guid: str
    note_type: str
    fields: dict[str, str]  # as typed (Markdown)
    tags: tuple[str, ...] = ()


def added_note(ctx: Context, card_id: int) -> AddedNote | None:
    """The note ``card_id`` was added with (None: a card made from notes or imported)."""
    with ctx.db.reading() as s:
        row = q.card_row(s, card_id)
    if row is None or not str(row["key"]).startswith("added:") or not row["guid"]:
        return None
    extra = json.loads(row["extra"] or "{}")
    note = extra.get("note")
    if not isinstance(note, dict) or note.get("type") not in NOTE_TYPES:
        return None
    fields = {str(k): str(v) for k, v in dict(note.get("fields") or {}).items()}
    tags = tuple(str(t) for t in extra.get("tags") or ())
    return AddedNote(str(row["guid"]), str(note["type"]), fields, tags)


class NotetypeStyles:
    """The CSS of the Anki note types imported cards were made with (``col.styles``): a stored
    note type never changes (its key is its content's hash), so each is read once."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._css: dict[str, str] = {}  # by the stored note type's hash

    def css(self, extra: object) -> str:
        """The CSS of the note type a card was imported with (its ``extra``), or ""."""
        anki = extra.get("anki") if isinstance(extra, dict) else None
        nt = anki.get("notetype") if isinstance(anki, dict) else None
        if not isinstance(nt, dict):
            return ""
        if "ref" not in nt:  # collections from before the note types were stored once
            return str(nt.get("css") or "")
        ref = str(nt["ref"])
        css = self._css.get(ref)
        if css is None:
            with self._ctx.db.reading() as s:
                stored = queries.meta_value(s, NOTETYPE_KEY + ref)
            try:
                data = json.loads(stored or "{}")
            except ValueError:
                data = {}
            css = str(data.get("css") or "") if isinstance(data, dict) else ""
            self._css[ref] = css
        return css


class CardEdits:
    """Adding notes, and the browser's edits on many cards."""

    def __init__(self, ctx: Context, history: EditHistory, decks: Decks) -> None:
        self._ctx = ctx
        self._history = history
        self._decks = decks

    def add_note(
        self,
        deck: str,
        note_type: str,
        fields: dict[str, str],
        now: datetime,
        tags: Sequence[str] = (),
    ) -> Changes:
        """Add the cards of one note to ``deck`` (a deck's or an imported subdeck's ``::``
        name), new, after the deck's other new cards. ``Changes.card_ids``: the cards."""
        cards = render_note(note_type, fields, tags)
        target = self._decks.resolve(deck)
        if target.deck_id is None:
            raise CollectionError(
                f"deck {target.name!r} holds no cards itself: add to one of its subdecks "
                "or make it a deck (Create deck)"
            )
        now_s = int(now.timestamp())
        guid = "".join(self._ctx.rng.choice(_GUID_CHARS) for _ in range(10))
        with self._ctx.db.transaction() as s:
            concept_id = None
            if target.concept is not None:
                paths = queries.concept_paths(s, target.deck_id, live_only=True)
                concept_id = next(i for i, p in paths.items() if p == target.concept)
            position = queries.last_position(s, target.deck_id)
            keys = q.card_keys(s, target.deck_id)
            if any(f"added:{guid}:{c.ord}" in keys for c in cards):  # ten random letters
                raise CollectionError("could not make a new card id; try again")
            rows = [_card_row(c, guid, target.deck_id, concept_id, position + 1 + c.ord, now_s)
                    for c in cards]  # fmt: skip
            s.add_all(rows)
            s.flush()
            ids = tuple(int(r.id) for r in rows)
        changes = Changes(cards=True, study_queue=True, card_ids=ids, count=len(ids))
        self._history.push(EditEntry("add_note", changes, added={"cards": list(ids)}))
        return changes

    def edit_note(
        self,
        card_id: int,
        fields: dict[str, str],
        now: datetime,
        tags: Sequence[str] | None = None,
    ) -> Changes:
        """Change an added note's fields: every card of the note follows (both ways of a
        Basic + reverse note; a new cloze number makes a card, a removed one retires its
        card, history kept, until it comes back). One transaction, undoable."""
        note = added_note(self._ctx, card_id)
        if note is None:
            raise CollectionError("this card was not added by hand: edit the card itself")
        kept = note.tags if tags is None else tags
        cards = {c.ord: c for c in render_note(note.note_type, fields, kept)}
        now_s = int(now.timestamp())
        columns = ["front", "back", "extra", "anchor", "override_front", "override_back",
                   "retired", "modified"]  # fmt: skip
        with self._ctx.db.transaction() as s:
            have = {int(str(k).rsplit(":", 1)[1]): i for i, k in q.cards_of_guid(s, note.guid)}
            before = q.column_values(s, list(have.values()), columns)
            first = q.card_row(s, card_id)
            assert first is not None
            added = []
            for ord_, c in cards.items():
                if ord_ in have:
                    q.set_cards(s, [have[ord_]], {
                        "front": c.front, "back": c.back, "anchor": html_to_text(c.front)[:200],
                        "extra": json.dumps(c.extra, ensure_ascii=False), "override_front": None,
                        "override_back": None, "retired": False, "modified": now_s,
                    })  # fmt: skip
                else:
                    position = queries.last_position(s, int(first["deck_id"])) + 1
                    row = _card_row(c, note.guid, int(first["deck_id"]), first["concept_id"],
                                    position, now_s)  # fmt: skip
                    s.add(row)
                    s.flush()
                    added.append(int(row.id))
            gone = [i for o, i in have.items() if o not in cards]
            q.set_cards(s, gone, {"retired": True, "modified": now_s})
        ids = tuple([*have.values(), *added])
        changes = Changes(cards=True, study_queue=bool(added or gone), card_ids=ids,
                          count=len(ids))  # fmt: skip
        entry = EditEntry("edit_note", changes, card_columns=before, added={"cards": added})
        self._history.push(entry)
        return changes

    # ---- the browser's edits on many cards (each one transaction, undoable)

    def _change(
        self, label: str, card_ids: Sequence[int], values: dict[str, Any], queue: bool = True
    ) -> Changes:
        """Set ``values`` on every card of ``card_ids``; the entry puts back what was."""
        with self._ctx.db.transaction() as s:
            before = q.column_values(s, card_ids, list(values))
            if not before:
                raise CollectionError("none of the selected cards exists any more")
            ids = [int(r["id"]) for r in before]
            q.set_cards(s, ids, values)
        changes = Changes(cards=True, study_queue=queue, card_ids=tuple(ids), count=len(ids))
        self._history.push(EditEntry(label, changes, card_columns=before))
        return changes

    def set_deck(self, card_ids: Sequence[int], deck: str, now: datetime) -> Changes:
        """Move cards to ``deck``: an imported subdeck puts them in its concept; a deck puts
        imported and added cards at its top (a card made from notes keeps its concept, the
        heading it was made from)."""
        target = self._decks.resolve(deck)
        if target.deck_id is None:
            raise CollectionError(f"deck {target.name!r} holds no cards itself: pick a subdeck")
        values: dict[str, Any] = {"deck_id": target.deck_id, "modified": int(now.timestamp())}
        with self._ctx.db.transaction() as s:
            before = q.column_values(s, card_ids, ["deck_id", "concept_id", "modified"])
            if not before:
                raise CollectionError("none of the selected cards exists any more")
            ids = [int(r["id"]) for r in before]
            if target.concept is not None:
                paths = queries.concept_paths(s, target.deck_id, live_only=True)
                values["concept_id"] = next(i for i, p in paths.items() if p == target.concept)
            try:
                q.set_cards(s, ids, values)
                if target.concept is None:
                    q.clear_concept_of_unsourced(s, ids)
                s.flush()
            except IntegrityError as exc:
                raise CollectionError(
                    "the deck already holds the same card (from the same notes); nothing moved"
                ) from exc
        changes = Changes(cards=True, study_queue=True, decks=True, card_ids=tuple(ids),
                          count=len(ids))  # fmt: skip
        self._history.push(EditEntry("set_deck", changes, card_columns=before))
        return changes

    # a change's time is the cards' modification time (a sync gives the later change the card)

    def set_flag(self, card_ids: Sequence[int], flag: int, now: datetime) -> Changes:
        if not 0 <= flag <= 7:
            raise CollectionError(f"a flag is 0-7, not {flag}")
        values = {"flag": flag, "modified": int(now.timestamp())}
        return self._change("flag_cards", card_ids, values, queue=False)

    def set_suspended(self, card_ids: Sequence[int], suspended: bool, now: datetime) -> Changes:
        label = "suspend_cards" if suspended else "unsuspend_cards"
        return self._change(label, card_ids, {"suspended": suspended,
                                              "modified": int(now.timestamp())})  # fmt: skip

    def reposition(
        self,
        card_ids: Sequence[int],
        start: int,
        step: int = 1,
        *,
        now: datetime,
        randomize: bool = False,
        shift: bool = False,
    ) -> Changes:
        """Give the new cards among ``card_ids`` the places ``start``, ``start + step`` …
        (in their order, or shuffled); ``shift`` moves the deck's other new cards from
        ``start`` on out of the way. Cards already studied keep their place in the schedule
        (``Changes.count``: how many new cards moved). The cards placed are changed for the
        next sync with an Anki server at ``now`` (a new card's place is its Anki due)."""
        if start < 1 or step < 1:
            raise CollectionError("the start and the step of new positions are 1 or more")
        with self._ctx.db.transaction() as s:
            rows = q.new_positions(s, card_ids)
            if not rows:
                raise CollectionError(
                    "none of the selected cards is new: only new cards have a place in the order"
                )
            order = [r[0] for r in rows]
            if randomize:
                self._ctx.rng.shuffle(order)
            before = q.column_values(s, order, ["position", "modified"])
            now_s = int(now.timestamp())
            if shift:  # the cards moved out of the way change their place on the phone too
                decks = {d for _c, d, _p in rows}
                shifted = q.shift_positions(s, decks, start, step * len(order), order)
                q.set_cards(s, [int(r["id"]) for r in shifted], {"modified": now_s, "usn": -1})
                before += shifted
            for i, cid in enumerate(order):
                q.set_cards(s, [cid], {"position": start + i * step, "modified": now_s,
                                       "usn": -1})  # fmt: skip
        changes = Changes(cards=True, study_queue=True, card_ids=tuple(order), count=len(order))
        self._history.push(EditEntry("reposition", changes, card_columns=before))
        return changes

    def delete(self, card_ids: Sequence[int]) -> Changes:
        """Delete cards with their reviews (undo puts them back)."""
        with self._ctx.db.transaction() as s:
            ids = q.existing_card_ids(s, card_ids)
            if not ids:
                raise CollectionError("none of the selected cards exists any more")
            deleted = {"cards": q.rows(s, "cards", "id", ids),
                       "revlog": q.rows(s, "revlog", "card_id", ids)}  # fmt: skip
            q.delete_rows(s, "cards", ids)
        changes = Changes(cards=True, study_queue=True, revlog=True, count=len(ids))
        self._history.push(EditEntry("delete_cards", changes, deleted=deleted))
        return changes


# ---------------------------------------------------------------- editing a card as plain text

_CONTEXT = re.compile(r'^\s*(<div class="context">.*?</div>)', re.S)
# what the plain editor writes back as it was read; anything else on a side (a table, a
# colour, a sound …) would be lost if that side is edited, and the editor says so
_PLAIN_TAGS = frozenset(
    "p br b strong i em code pre ul ol li hr img span div s del strike h1 h2 h3 h4".split()
)
_TAGS = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)")


@dataclass(frozen=True)
class EditableSide:
    """One side of a card as the plain editor shows it."""

    markdown: str  # what is shown now (the learner's override, else the generated text)
    generated: str  # the generated text, as Markdown (to restore it)
    context: str  # the concept line above a question, kept as it is (HTML)
    lossy: bool  # holds formatting plain text cannot show (kept unless this side is edited)
    html: str  # what is shown now, as HTML
    generated_html: str


@dataclass(frozen=True)
class EditableCard:
    card_id: int
    front: EditableSide
    back: EditableSide
    generated: tuple[str, str]  # the generated (front, back) HTML

    def overrides(self, front_md: str, back_md: str) -> tuple[str | None, str | None]:
        """(front, back) overrides for ``edit_card`` from the editor's text: None where a
        side is the generated text."""
        out: list[str | None] = []
        for side, md, gen in ((self.front, front_md, self.generated[0]),
                              (self.back, back_md, self.generated[1])):  # fmt: skip
            html = side_html(side, md)
            out.append(None if html == gen else html)
        return out[0], out[1]


def _side(shown: str, generated: str) -> EditableSide:
    m = _CONTEXT.match(shown)
    context = m.group(1) if m else ""
    body = shown[m.end() :] if m else shown
    gm = _CONTEXT.match(generated)
    gen_body = generated[gm.end() :] if gm else generated
    text = html_to_markdown(body)
    tags = {t.lower() for t in _TAGS.findall(body)}
    lossy = bool(tags - _PLAIN_TAGS) or html_to_text(markdown_to_html(text)) != html_to_text(body)
    return EditableSide(text, html_to_markdown(gen_body), context, lossy, shown, generated)


def editable_card(ctx: Context, card_id: int) -> EditableCard:
    with ctx.db.reading() as s:
        row = q.card_row(s, card_id)
    if row is None:
        raise CollectionError(f"no card with id {card_id}")
    front = row["override_front"] if row["override_front"] is not None else row["front"]
    back = row["override_back"] if row["override_back"] is not None else row["back"]
    return EditableCard(
        card_id, _side(front, row["front"]), _side(back, row["back"]), (row["front"], row["back"])
    )


def side_html(side: EditableSide, markdown: str) -> str:
    """The HTML a side gets from the editor's ``markdown``: unchanged text keeps its HTML
    exactly (nothing of a lossy side is lost), the concept line stays above a question."""
    if markdown.strip() == side.markdown.strip():
        return side.html
    if markdown.strip() == side.generated.strip():
        return side.generated_html
    return side.context + markdown_to_html(markdown)


# ---------------------------------------------------------------- card info


@dataclass(frozen=True)
class ReviewInfo:
    """One row of a card's review log, as Card info shows it."""

    time: datetime
    rating: int  # 1-4; 0: a manual change (reset, reschedule)
    kind: str  # review | manual | imported
    state_before: int
    interval_s: int  # the interval the answer gave
    stability: float | None  # after the answer
    difficulty: float | None
    retrievability: float | None  # the chance of recall when answered (None: first sight)
    duration_ms: int


@dataclass(frozen=True)
class CardInfo:
    card_id: int
    deck: str
    concept: tuple[str, ...]
    kind: str
    front: str  # HTML, override applied
    state: int
    added: datetime | None
    due: datetime | None  # None: a new card
    position: int  # a new card's place in its deck's order
    interval_s: int
    stability: float | None
    difficulty: float | None
    retrievability: float | None  # now (None: never studied)
    reps: int
    lapses: int
    suspended: bool
    flag: int
    reviews: tuple[ReviewInfo, ...]
    tags: tuple[str, ...] = ()


def _decay(ctx: Context) -> float:
    params = ctx.settings().get("fsrs_parameters") or DEFAULT_PARAMETERS
    return float(params[20]) if len(params) > 20 else DEFAULT_DECAY


def card_info(ctx: Context, card_id: int, now: datetime) -> CardInfo:
    """Everything Card info shows: the card's place and memory state, and every review with
    the retrievability it was answered at (FSRS-6's forgetting curve, from the stability
    and time since the answer before)."""
    with ctx.db.reading() as s:
        row = q.card_row(s, card_id)
        if row is None:
            raise CollectionError(f"no card with id {card_id}")
        log = q.revlog_of_card(s, card_id)
        deck = queries.deck_name(s, int(row["deck_id"]))
        concept: tuple[str, ...] = ()
        if row["concept_id"] is not None:
            concept = queries.concept_paths(s, int(row["deck_id"])).get(int(row["concept_id"]), ())
    decay = _decay(ctx)
    reviews: list[ReviewInfo] = []
    last_ms: int | None = None
    last_s: float | None = None
    for r in log:
        recall = None
        if last_ms is not None and last_s is not None and r["rating"]:
            recall = retrievability((r["time_ms"] - last_ms) / 86_400_000, last_s, decay)
        reviews.append(ReviewInfo(
            datetime.fromtimestamp(r["time_ms"] / 1000, UTC), int(r["rating"]), str(r["kind"]),
            int(r["state_before"]), int(r["interval_s"]), r["stability"], r["difficulty"],
            recall, int(r["duration_ms"]),
        ))  # fmt: skip
        if r["rating"] == 0 and r["state_after"] == 0:  # forgotten: a new card again
            last_ms = last_s = None
        elif r["stability"] is not None:
            last_ms, last_s = int(r["time_ms"]), float(r["stability"])
    state, last = int(row["state"]), row["last_review"]
    interval = max(0, int(row["due"]) - int(last)) if state == 2 and last is not None else 0
    now_r = None
    if row["stability"] is not None and last is not None:
        now_r = retrievability((now.timestamp() - int(last)) / 86_400, row["stability"], decay)
    return CardInfo(
        card_id=card_id, deck=deck, concept=concept, kind=str(row["kind"]),
        front=row["override_front"] if row["override_front"] is not None else row["front"],
        state=state, added=datetime.fromtimestamp(row["created"], UTC) if row["created"] else None,
        due=None if state == 0 else datetime.fromtimestamp(int(row["due"]), UTC),
        position=int(row["position"]), interval_s=interval, stability=row["stability"],
        difficulty=row["difficulty"], retrievability=now_r, reps=int(row["reps"]),
        lapses=int(row["lapses"]), suspended=bool(row["suspended"]), flag=int(row["flag"]),
        reviews=tuple(reviews), tags=_tags(row["extra"]),
    )  # fmt: skip


def _tags(extra: str | None) -> tuple[str, ...]:
    tags = json.loads(extra or "{}").get("tags")
    return tuple(str(t) for t in tags) if isinstance(tags, list) else ()
