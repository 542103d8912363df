"""Mapping between our collection and Anki packages (``interchange.anki_model``).

Export: each card becomes one note (cards imported from Anki go back as their original
note, with their original note type and fields, grouped by GUID); note types per kind —
"srsapp Basic", "srsapp Cloze" (cloze cards whose front shows a blank), "srsapp Basic (type
in the answer)" (command cards with a typed answer); the deck tree is our deck name plus the
concept path (``Docker::개념::이미지``); with scheduling, each card's state (due, interval,
FSRS stability/difficulty in ``cards.data``) and the review log. Diagram cards carry the
diagram as PNG pictures (question and answer) when a renderer is handed in.

Import: notes and cards become our cards (rendered with ``interchange.templates``), the
Anki deck's first component names our deck and the rest becomes the concept path, tags go
into ``extra``, review-log rows are kept (kind ``imported``) and the memory state is the
stored FSRS stability/difficulty, else computed from the card's rated answers by fsrs-rs,
all cards in one batch (``core.memory``).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from operator import attrgetter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from srsapp.core import days
from srsapp.core.diagrams import load_diagram
from srsapp.core.model import CardState
from srsapp.core.text import html_to_text
from srsapp.interchange.anki_model import (
    MAX_DECK_DEPTH,
    AnkiPackage,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Preset,
    Queue,
    Template,
    deck_depth_warning,
)
from srsapp.interchange.anki_model import Card as AnkiCard
from srsapp.interchange.templates import (
    TemplateTooLarge,
    is_empty_front,
    plain_formats,
    render_card,
    render_plain,
    uses_special,
)
from srsapp.service import sources
from srsapp.service.anki.merge import (
    DIAGRAM_DIV,
    MediaStage,
    Progress,
    derived_guid,
    rewrite_media_refs,
)
from srsapp.service.context import DEFAULT_DECK_CONFIG, Context
from srsapp.store import anki_export, queries

# (diagram, highlight, hide, reveal) -> PNG bytes; a renderer with a ``cache_id`` string
# (one that changes whenever its pictures would) has them kept on disk (``_diagram_png``)
DiagramRenderer = Callable[[Any, str | None, str | None, bool], bytes]

DAY = 86_400
ID_BASE = 1_500_000_000_000  # note/card ids in exported packages: base + our card id
NT_BASIC, NT_CLOZE, NT_TYPEIN = 1_700_000_000_001, 1_700_000_000_002, 1_700_000_000_003
CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n"
_BASIC = Notetype(
    NT_BASIC,
    "srsapp Basic",
    NotetypeKind.BASIC,
    ["Front", "Back"],
    [Template("Card 1", "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}")],
    CSS,
)
_CLOZE = Notetype(
    NT_CLOZE,
    "srsapp Cloze",
    NotetypeKind.CLOZE,
    ["Text", "Back Extra"],
    [Template("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")],
    CSS + ".cloze { font-weight: bold; color: blue; }\n",
)
_TYPEIN = Notetype(
    NT_TYPEIN,
    "srsapp Basic (type in the answer)",
    NotetypeKind.BASIC,
    ["Front", "Back", "Answer"],
    [
        Template(
            "Card 1",
            "{{Front}}\n\n{{type:Answer}}",
            "{{Front}}\n\n<hr id=answer>\n\n{{type:Answer}}<br>\n{{Back}}",
        )
    ],
    CSS,
)
_BLANK = re.compile(
    r'<span class="cloze">\s*\[(?:\.\.\.|…)\]\s*</span>|\[(?:\.\.\.|…)\]|_{3,}|＿{2,}'
)
# the prompt over a generated cloze card (``core.notes.lang``'s "cloze"): its "[...]" names
# the blank, it is not one (a test keeps these the same)
CLOZE_PROMPTS = ("<p>빈칸 [...]에 들어갈 말은?</p>", "<p>Fill in the blank [...].</p>")


def the_blanks(front: str) -> list[re.Match[str]]:
    """The blanks a cloze card's front shows, outside the prompt that names them (one term
    hidden wherever the sentence says it: "[...]는 main 에서 나와서 [...]으로 병합")."""
    prompts = [(i, i + len(p)) for p in CLOZE_PROMPTS if (i := front.find(p)) >= 0]
    return [m for m in _BLANK.finditer(front) if not any(a <= m.start() < b for a, b in prompts)]


def the_blank(front: str) -> re.Match[str] | None:
    """The one blank a cloze card's front hides, outside the prompt that names it; None when
    there is none or more than one."""
    blanks = the_blanks(front)
    return blanks[0] if len(blanks) == 1 else None


# a media reference in field HTML: src="…", src='…' or src=… (names may have spaces: "kanji
# 日.png"), and [sound:…]
_SRC = re.compile(
    r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))|\[sound:([^\]]+)\]""", re.IGNORECASE
)
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def media_refs(text: str) -> Iterator[str]:
    """The media file names ``text`` refers to (entities decoded), in order."""
    for m in _SRC.finditer(text):
        name = html.unescape(next(g for g in m.groups() if g is not None)).strip()
        if name:
            yield name


# ================================================================ export


@dataclass
class ExportResult:
    pkg: AnkiPackage  # its review log stays empty: see ``history``
    cards: int = 0
    warnings: list[str] = field(default_factory=list)
    # (our card id, Anki card id) of each card whose review log goes into the package
    # (``_with_history``): ``exporter`` maps the rows with SQL
    history: list[tuple[int, int]] = field(default_factory=list)
    revlog: int = 0  # review-log rows written
    # progress steps: one per card read, and the last one for writing the file (``exporter``)
    steps: int = 1
    database: bytes | None = None  # the package's database, when no file was written


def _deck_path(deck: str, concept: tuple[str, ...]) -> str:
    return "::".join(part.replace("::", ":").strip() or "-" for part in (deck, *concept))


def build_package(
    col: Context,
    deck: str | None,
    *,
    scheduling: bool,
    now: datetime,
    render_diagram: DiagramRenderer | None = None,
    progress: Progress | None = None,
    source: Any,
    history_ready: Callable[[list[tuple[int, int]]], None] | None = None,
    only: Sequence[int] | None = None,
) -> ExportResult:
    """The package of the collection (or one deck) without its review log, read through
    ``source``: a plain connection to the collection, in the read transaction that the
    review log is then read in (``exporter``). Once the reads are done (``source`` is not
    used after them), ``history_ready`` gets the cards whose review log goes into the
    package (``ExportResult.history``), so that it can be copied meanwhile. ``only``: just
    these cards (a normal sync's changes), each mapped as in a whole export."""
    st = col.settings()
    tz, hour = days.resolve_tz(st["timezone"]), int(st["day_start_hour"])
    today = days.study_day(now, tz, hour)
    # a deck and its "::" subdecks, as Anki exports it
    under = col.deck_ids_under(deck) if deck is not None else None
    read = anki_export.export_rows(source, under, only, scheduling=scheduling)
    decks = {d.id: d for d in read.decks}
    cards = read.cards
    cards.sort(key=_CARD_ORDER)  # cheaper than SQLite's sort of the whole rows
    concept_paths = read.concept_paths
    stored_nts = notetypes_of(read.notetypes)
    first_ms = read.first_ms
    first = min(
        [now.timestamp(), *(c.created for c in cards if c.created)]
        + ([first_ms / 1000] if first_ms is not None else [])
    )
    history = [(c.id, ID_BASE + c.id) for c in cards if _with_history(c, scheduling)]
    if history_ready is not None:
        history_ready(history)
    # Day 0 of the package: a study-day start at or before everything in it.
    k_days = max(1, (today - days.study_day(datetime.fromtimestamp(first, UTC), tz, hour)).days + 1)
    crt_dt = days.day_start(now, tz, hour) - timedelta(days=k_days)
    pkg = AnkiPackage(crt=int(crt_dt.timestamp()))
    result = ExportResult(pkg, history=history)
    deck_ids: dict[str, int] = {}
    retention = {
        d.id: float(json.loads(d.config or "{}").get("desired_retention", 0.9))
        for d in decks.values()
    }

    def anki_deck(name: str, preset: int) -> int:
        if name not in deck_ids:
            did = 1_000_000_000 + len(deck_ids) + 1
            deck_ids[name] = did
            pkg.decks[did] = Deck(did, name, config_id=preset)
        return deck_ids[name]

    deck_of: dict[tuple[int, int | None], int] = {}  # (our deck, concept) -> Anki deck id

    def card_deck(card: Any) -> int:
        key = (card.deck_id, card.concept_id)
        did = deck_of.get(key)
        if did is None:
            path = concept_paths.get(card.concept_id or -1, ())
            deck = decks[card.deck_id]
            did = deck_of[key] = anki_deck(_deck_path(deck.name, path), _preset(pkg, deck))
        return did

    # Notes carry the export time as their modification time: Anki's import replaces a note
    # only with a newer one, so a re-export (after an edit here) updates it in Anki.
    groups: dict[str, list[tuple[Any, dict[str, Any]]]] = {}  # guid -> [(card, its extra)]
    imported_nts: dict[Any, list[tuple[dict[str, Any], Notetype]]] = {}
    used_nts: set[int] = set()
    diagram_cache: dict[tuple[Any, ...], Any] = {}  # pictures' media names, diagram texts
    missing: set[str] = set()  # media names the cards refer to that are not in the folder
    nt_texts: dict[str, Any] = {}
    day_of = _StudyDays(tz, hour)
    now_s = int(now.timestamp())
    result.steps = len(cards) + 1
    # about a hundred reports whatever the size: a diagram card's pictures take 0.1 s to draw
    step = max(1, min(500, len(cards) // 100))
    done = 0
    for card in cards:
        extra = _loads_extra(card.extra, nt_texts)
        anki = extra.get("anki")
        if card.guid and isinstance(anki, dict) and isinstance(anki.get("notetype"), dict):
            groups.setdefault(card.guid, []).append((card, extra))
            continue
        done += 1
        if progress is not None and done % step == 0:
            progress(done, result.steps)
        deck_name = decks[card.deck_id].name
        front = card.override_front if card.override_front is not None else card.front
        back = card.override_back if card.override_back is not None else card.back
        nt, fields = _BASIC, [front, back]
        if card.kind == "cloze" and card.override_front is None:
            answer = str(extra.get("answer") or html_to_text(back).strip().split("\n")[0])
            hidden = the_blanks(front)
            if answer and hidden:
                # every blank hides the one answer: all are c1, one Anki card shows them all
                cloze = "{{c1::" + answer.replace("}}", "} }") + "}}"
                text = front
                for m in reversed(hidden):
                    text = text[: m.start()] + cloze + text[m.end() :]
                nt, fields = _CLOZE, [text, back]
        elif card.kind == "command" and extra.get("typed_answer"):
            nt, fields = _TYPEIN, [front, back, str(extra["typed_answer"])]
        elif card.kind == "diagram" and isinstance(extra.get("diagram"), dict):
            pics = _diagram_pictures(
                col, extra["diagram"], render_diagram, pkg, diagram_cache, result.warnings, now_s
            )
            if pics is not None:
                fields = [
                    front + f'<div class="srsapp-diagram"><img src="{pics[0]}"></div>',
                    back + f'<div class="srsapp-diagram"><img src="{pics[1]}"></div>',
                ]
        used_nts.add(nt.id)
        nid = ID_BASE + card.id
        tags = (
            [str(t) for t in extra.get("tags", [])] if isinstance(extra.get("tags"), list) else []
        )
        pkg.notes.append(
            Note(nid, card.guid or derived_guid(deck_name, card.key), nt.id, fields,
                 tags or [card.kind], int(now.timestamp()))
        )  # fmt: skip
        _add_card(pkg, card, nid, 0, card_deck(card), scheduling, retention, today, k_days,
                  day_of, now_s)  # fmt: skip
        _collect_media(col, fields, pkg, missing)
        result.cards += 1
    for guid, members in groups.items():
        first_card, extra = members[0]
        anki = extra["anki"]
        nt_data = anki["notetype"]
        if "ref" in nt_data:  # stored once for all its cards (``NOTETYPE_KEY``)
            nt_data = stored_nts.get(str(nt_data["ref"]))
            if nt_data is None:
                result.warnings.append(f"note {guid!r}: its note type is missing; left out")
                continue
        nt = _imported_notetype(nt_data, imported_nts)
        nid = ID_BASE + first_card.id
        fields = [str(f) for f in anki.get("fields", [])]
        fields += [""] * (len(nt.fields) - len(fields))
        tags = [str(t) for t in extra.get("tags", [])]
        pkg.notes.append(Note(nid, guid, nt.id, fields, tags, int(now.timestamp())))
        for card, card_extra in members:
            done += 1
            if progress is not None and done % step == 0:
                progress(done, result.steps)
            ord_ = int(card_extra["anki"].get("ord", 0))
            ease = card_extra["anki"].get("factor")
            ease = ease if isinstance(ease, int) and 1300 <= ease <= 10_000 else 2500
            _add_card(pkg, card, nid, ord_, card_deck(card), scheduling, retention, today,
                      k_days, day_of, now_s, ease)  # fmt: skip
            result.cards += 1
        _collect_media(col, fields, pkg, missing)
    if KEPT_KEY in diagram_cache and only is None:  # every picture used is marked: the rest may go
        _prune(diagram_cache[KEPT_KEY], now_s - DIAGRAM_CACHE_DAYS * DAY)
    for nt in (_BASIC, _CLOZE, _TYPEIN):
        if nt.id in used_nts:
            pkg.notetypes[nt.id] = nt
    for same_id in imported_nts.values():
        for _data, nt in same_id:
            pkg.notetypes[nt.id] = nt
    if missing:
        shown = ", ".join(repr(n) for n in sorted(missing)[:5])
        result.warnings.append(f"{len(missing)} media file(s) the cards refer to are not in the "
                               f"media folder, left out: {shown}{' …' if len(missing) > 5 else ''}")  # fmt: skip
    return result


_CARD_ORDER = attrgetter("deck_id", "position", "id")
_NT_KEY, _NT_END, _NT_MARK = '"notetype": ', ', "ord": ', "\x00notetype"


def _loads_extra(text: str | None, nt_texts: dict[str, Any]) -> Any:
    """``json.loads`` of a card's ``extra``, parsing the note type that an imported card
    carries (most of the text; the same for every card of the type) once per distinct text.

    The note type's text is taken to run from its key to the ``"ord"`` key that the importer
    writes after it, and replaced by a marker string; the cut is right when both parts parse
    and the marker lands at ``anki.notetype``, the only ``"notetype"`` of the text."""
    if not text:
        return {}
    start = text.find(_NT_KEY) + len(_NT_KEY)
    end = text.find(_NT_END, start)
    if start >= len(_NT_KEY) and end > 0 and text.count('"notetype"') == 1:
        nt_text = text[start:end]
        nt = nt_texts.get(nt_text)
        try:
            if nt is None:
                nt = json.loads(nt_text)
            extra = json.loads(f'{text[:start]}"\\u0000notetype"{text[end:]}')
        except ValueError:
            return json.loads(text)
        anki = extra.get("anki") if isinstance(extra, dict) else None
        if isinstance(anki, dict) and anki.get("notetype") == _NT_MARK:
            nt_texts[nt_text] = nt
            anki["notetype"] = nt  # shared by the cards of the type (only read)
            return extra
    return json.loads(text)


def _imported_notetype(
    data: dict[str, Any], seen: dict[Any, list[tuple[dict[str, Any], Notetype]]]
) -> Notetype:
    """One Notetype per distinct note type JSON (compared as dicts: every card carries its own
    parsed copy)."""
    same_id = seen.setdefault(data.get("id"), [])
    for known, nt in same_id:
        if known is data or known == data:
            return nt
    nt = Notetype(
        id=int(data.get("id") or NT_TYPEIN + 1 + sum(len(v) for v in seen.values())),
        name=str(data.get("name", "Imported")),
        kind=NotetypeKind(data.get("kind", "basic")),
        fields=[str(f) for f in data.get("fields", [])],
        templates=[Template(str(t[0]), str(t[1]), str(t[2])) for t in data.get("templates", [])],
        css=str(data.get("css", "")),
        sort_field=int(data.get("sort_field", 0)),
        original_stock_kind=int(data.get("original_stock_kind", 0)),
    )
    same_id.append((data, nt))
    return nt


def _collect_media(col: Context, fields: list[str], pkg: AnkiPackage, missing: set[str]) -> None:
    """Put the media files ``fields`` refer to into ``pkg``; ``missing`` gets the names that
    are not in the media folder (links and data URLs are no media)."""
    for text in fields:
        for name in media_refs(text):
            if name in pkg.media or "/" in name or "\\" in name or name.startswith("."):
                continue
            path = col.media_dir / name
            if not path.is_file() and "%" in name:  # a percent-encoded name
                name = unquote(name)
                path = col.media_dir / name
            if path.is_file():
                pkg.media[name] = path.read_bytes()
            elif not _URL_SCHEME.match(name):
                missing.add(name)


def _diagram_pictures(
    col: Context,
    info: dict[str, Any],
    render: DiagramRenderer | None,
    pkg: AnkiPackage,
    cache: dict[tuple[Any, ...], Any],
    warnings: list[str],
    now_s: int,
) -> tuple[str, str] | None:
    if render is None:
        if ("no-renderer",) not in cache:
            cache[("no-renderer",)] = None
            warnings.append("diagram pictures left out (no diagram renderer available)")
        return None
    source = str(info.get("source", ""))
    highlight, hide = info.get("highlight"), info.get("hide")
    names: list[str] = []
    for reveal in (False, True):
        ck = (source, highlight, hide, reveal)
        if ck not in cache:
            try:
                png = _diagram_png(col, source, highlight, hide, reveal, render, cache, now_s)
            except Exception as exc:  # a missing diagram or a renderer failure: warn, go on
                cache[ck] = None
                warnings.append(f"diagram {source!r}: picture left out ({exc})")
            else:
                stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{source}-{highlight}-{hide}").strip("-")
                name = f"srsapp-{stem}-{'a' if reveal else 'q'}.png"
                pkg.media[name] = png
                cache[ck] = name
        names.append(cache[ck] or "")
    if not all(names):
        return None
    return names[0], names[1]


def diagram_cache_dir(col: Context) -> Path:
    """Where diagram pictures are kept once drawn, named by the hash of what they show."""
    return col.data_dir / "cache" / "diagrams"


def _diagram_png(
    col: Context,
    source: str,
    highlight: str | None,
    hide: str | None,
    reveal: bool,
    render: DiagramRenderer,
    cache: dict[tuple[Any, ...], Any],
    now_s: int,
) -> bytes:
    """One picture of a diagram card: from the picture cache when the same drawing code drew
    the same diagram data with the same part asked before, else drawn (and kept there).

    The cache is used only with a renderer that names its drawing (``cache_id``: it changes
    whenever the pictures it draws would); a picture that cannot be kept is still exported.
    A picture's time is that of the last export that used it (``now_s``): once its cards are
    done, an export deletes those no export has used for ``DIAGRAM_CACHE_DAYS``."""
    text_key = ("text", source)
    if text_key not in cache:
        cache[text_key] = sources.diagram_text(col, source)
    path, text = cache[text_key]
    cache_id = getattr(render, "cache_id", None)
    if not isinstance(cache_id, str):
        return render(sources.diagram(col, source), highlight, hide, reveal)
    digest = hashlib.sha256(
        _dumps([cache_id, path, text, highlight, hide, reveal]).encode()
    ).hexdigest()
    folder = cache[KEPT_KEY] = diagram_cache_dir(col)
    kept = folder / f"{digest[:40]}.png"
    try:
        png = kept.read_bytes()
        os.utime(kept, (now_s, now_s))
        return png
    except OSError:
        pass
    diagram_key = ("diagram", path, text)  # parsed once an export: its cards share it
    if diagram_key not in cache:
        cache[diagram_key] = load_diagram(text, path)
    png = render(cache[diagram_key], highlight, hide, reveal)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        partial.write_bytes(png)
        os.utime(partial, (now_s, now_s))
        os.replace(partial, kept)  # whole or absent: a reader never sees half a picture
    except OSError:
        pass  # a read-only or full disk: the picture is drawn again next time
    return png


DIAGRAM_CACHE_DAYS = 60
KEPT_KEY = ("kept",)  # in an export's diagram cache: the picture cache folder it used


def _prune(folder: Path, before: float) -> None:
    """Delete what the picture cache holds from before ``before`` (epoch seconds): pictures
    no export has used since, and pieces an export that was killed left."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.stat().st_mtime < before:
                entry.unlink()
        except OSError:
            pass


class _StudyDays:
    """``days.study_day`` of epoch seconds, remembering each day's span (its start and the
    next day's start) so that the many cards and answers of one day cost a bisect instead of
    three time-zone conversions."""

    def __init__(self, tz: tzinfo, hour: int) -> None:
        self.tz, self.hour = tz, hour
        self.starts: list[float] = []
        self.spans: list[tuple[float, date]] = []  # (end, day), in the order of ``starts``

    def __call__(self, ts: float) -> date:
        i = bisect_right(self.starts, ts) - 1
        if i >= 0 and ts < self.spans[i][0]:
            return self.spans[i][1]
        at = datetime.fromtimestamp(ts, UTC)
        day = days.study_day(at, self.tz, self.hour)
        start = days.day_start(at, self.tz, self.hour).timestamp()
        end = days.next_day_start(at, self.tz, self.hour).timestamp()
        if start <= ts < end:
            j = bisect_right(self.starts, start)
            self.starts.insert(j, start)
            self.spans.insert(j, (end, day))
        return day


def _add_card(
    pkg: AnkiPackage,
    card: Any,
    nid: int,
    ord_: int,
    did: int,
    scheduling: bool,
    retention: dict[int, float],
    today: Any,
    k_days: int,
    day_of: _StudyDays,
    now_s: int,
    factor: int = 2500,
) -> None:
    """``factor``: the SM-2 ease written for a review or relearning card (the one an imported
    card came with, else Anki's default 250 %). A card buried past ``now_s`` goes as buried by
    the user (Anki gives it back at its next day, as we do)."""
    cid = ID_BASE + card.id
    out = AnkiCard(cid, nid, ord_, did, mod=card.modified or card.created, flags=card.flag & 7)
    state = CardState(card.state)
    if not _with_history(card, scheduling):  # new, or exported without scheduling
        out.due = max(0, card.position)
        out.queue = Queue.NEW
        if scheduling and card.buried_until > now_s:
            out.queue = Queue.USER_BURIED
        if scheduling and card.suspended:
            out.queue = Queue.SUSPENDED
        pkg.cards.append(out)
        return
    last = card.last_review or card.due
    if state == CardState.REVIEW:
        due_day = day_of(card.due)
        last_day = day_of(last)
        out.type, out.queue = CardType.REVIEW, Queue.REVIEW
        out.due = k_days + (due_day - today).days
        out.ivl = max(1, (due_day - last_day).days)
        out.factor = factor
    else:
        out.type = CardType.LEARNING if state == CardState.LEARNING else CardType.RELEARNING
        out.queue = Queue.LEARNING
        out.due = card.due
        out.left = 1
        if state == CardState.RELEARNING:
            out.ivl = max(1, round(card.stability or 1))
            out.factor = factor
    if card.buried_until > now_s:
        out.queue = Queue.USER_BURIED
    if card.suspended:
        out.queue = Queue.SUSPENDED
    out.reps, out.lapses = card.reps, card.lapses
    if card.stability is not None and card.difficulty is not None:
        out.stability = float(card.stability)
        out.difficulty = min(10.0, max(1.0, float(card.difficulty)))
        out.desired_retention = retention.get(card.deck_id, 0.9)
    pkg.cards.append(out)


PRESET_BASE = 1_400_000_000_000  # an exported deck's options preset: base + our deck id


def _preset(pkg: AnkiPackage, deck: Any) -> int:
    """The id of the Anki options preset of our ``deck`` (added to ``pkg``): Anki's "Default"
    (1) when the deck has the default options, else a preset named after the deck."""
    options = {**DEFAULT_DECK_CONFIG, **json.loads(deck.config or "{}")}
    if all(options[k] == v for k, v in DEFAULT_DECK_CONFIG.items()):
        return 1
    pid = PRESET_BASE + int(deck.id)
    if pid not in pkg.presets:
        pkg.presets[pid] = Preset(pid, f"{deck.name} (srsapp)", int(options["new_per_day"]),
                                  int(options["reviews_per_day"]),
                                  float(options["desired_retention"]))  # fmt: skip
    return pid


def _with_history(card: Any, scheduling: bool) -> bool:
    """Whether the card goes with its scheduling and review log (else as a new card)."""
    return scheduling and card.state != CardState.NEW


# ================================================================ import


# Imported note types, each stored once in the meta table under this prefix and its hash; a
# card's ``extra`` has ``"notetype": {"id": ..., "ref": hash}`` (collections from before
# refer to nothing: their cards carry the whole note type, which the export still reads).
NOTETYPE_KEY = anki_export.NOTETYPE_KEY


def notetypes_of(rows: Iterable[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """The stored note types (meta rows, ``anki_export.ExportRows.notetypes``) by hash;
    unreadable ones left out."""
    out: dict[str, dict[str, Any]] = {}
    for key, value in rows:
        try:
            data = json.loads(value)
        except ValueError:
            continue
        if isinstance(data, dict):
            out[key[len(NOTETYPE_KEY) :]] = data
    return out


def store_notetypes(s: Any, refs: dict[str, str]) -> None:
    """Store the note types of ``rendered_cards`` (in the caller's transaction ``s``)."""
    queries.set_metas(s, refs.items())


def stage_media(pkg: AnkiPackage, stage: MediaStage, where: str) -> dict[str, str]:
    """Stage the package's media files; the names that had to change (old -> new)."""
    renames = {name: stage.add(name, data, where) for name, data in pkg.media.items()}
    return {old: new for old, new in renames.items() if old != new}


@dataclass(frozen=True)
class ImportClock:
    """What turning Anki's due days into our times needs: the package's "today" (days since
    its creation) and the start of our study day."""

    source_today: int
    today_start: datetime
    tomorrow: int  # epoch seconds of the next study day's start: a buried card's return

    @classmethod
    def of(cls, col: Context, pkg: AnkiPackage, now: datetime) -> ImportClock:
        st = col.settings()
        tz, hour = st["timezone"], int(st["day_start_hour"])
        return cls((int(now.timestamp()) - pkg.crt) // DAY, days.day_start(now, tz, hour),
                   int(days.next_day_start(now, tz, hour).timestamp()))  # fmt: skip

    def due(self, anki_due: int) -> int:
        """Epoch seconds of a learning/review card's ``due`` (already clamped by the reader)."""
        if anki_due > 1_000_000_000:  # intraday learning: an epoch second
            return anki_due
        # a day number counted from the package's creation
        return int((self.today_start + timedelta(days=anki_due - self.source_today)).timestamp())


# One card of a package as the importers take it: (note, card, note type, front, back,
# Anki deck path, the ``extra`` JSON, the note's field values, the note type's data)
Rendered = tuple[
    Note, AnkiCard, Notetype, str, str, tuple[str, ...], str, list[str], dict[str, Any]
]


def rendered_cards(
    pkg: AnkiPackage,
    renamed: dict[str, str],
    warnings: list[str],
    notetype_refs: dict[str, str],
) -> Iterator[Rendered]:
    """Every card of ``pkg`` that renders, in note order and then template order (cards
    without a template or with an empty front are skipped with a warning). A card's
    ``extra`` refers to its note type (``{"id", "ref"}``); ``notetype_refs`` gets the note
    types to store (``store_notetypes``): meta key -> JSON."""
    cards_by_note: dict[int, list[AnkiCard]] = {}
    several = []  # the notes with more than one card: their cards sorted by template, once
    for c in pkg.cards:
        siblings = cards_by_note.get(c.note_id)
        if siblings is None:
            cards_by_note[c.note_id] = [c]
        else:
            if len(siblings) == 1:
                several.append(siblings)
            siblings.append(c)
    for siblings in several:
        siblings.sort(key=_BY_ORD)
    factors: dict[int, str] = {}  # Anki's ease -> its part of ``extra`` (cards share a few)
    notetypes: dict[int, tuple[dict[str, Any], str]] = {}  # id -> (data, its JSON)
    deck_paths: dict[int, tuple[tuple[str, ...], str]] = {}  # id -> (path, its JSON)
    tags_seen: dict[tuple[str, ...], str] = {}  # tags -> their JSON (notes share tags)
    # (note type, card ord) -> its templates as ``plain_formats`` (None: ``render_card``)
    plans: dict[tuple[int, int], tuple[str, str] | None] = {}
    for note in pkg.notes:
        nt = pkg.notetypes[note.notetype_id]
        values = [rewrite_media_refs(f, renamed) for f in note.fields] if renamed else note.fields
        if len(values) < len(nt.fields):
            values = values + [""] * (len(nt.fields) - len(values))
        fields = None  # by name: made for the templates ``plain_formats`` does not take
        if nt.id not in notetypes:
            data = {
                "id": nt.id,
                "name": nt.name,
                "kind": str(nt.kind),
                "fields": nt.fields,
                "templates": [[t.name, t.qfmt, t.afmt] for t in nt.templates],
                "css": nt.css,
                "sort_field": nt.sort_field,
            }
            if nt.original_stock_kind:
                data["original_stock_kind"] = nt.original_stock_kind
            # the note type is stored once (``notetype_refs``); each card refers to it
            whole = _dumps(data)
            digest = hashlib.sha1(whole.encode()).hexdigest()[:16]
            ref = {"id": nt.id, "ref": digest}
            notetype_refs[NOTETYPE_KEY + digest] = whole
            notetypes[nt.id] = (ref, _dumps(ref))
        nt_data, nt_json = notetypes[nt.id]
        # the note's part of each card's ``extra`` JSON, as json.dumps(sort_keys=True) writes it
        note_json = f'"fields": {_dumps_strs(values)}, "notetype": {nt_json}, "ord": '
        tags_key = tuple(note.tags)
        tags_json = tags_seen.get(tags_key)
        if tags_json is None:
            tags_json = tags_seen[tags_key] = _dumps_strs(note.tags)
        cloze_type = nt.kind == NotetypeKind.CLOZE
        strip = nt.id == NT_BASIC
        for c in cards_by_note.get(note.id, ()):
            if cloze_type:
                tmpl = nt.templates[0] if nt.templates else None
                cloze = c.ord + 1
            else:
                tmpl = nt.templates[c.ord] if c.ord < len(nt.templates) else None
                cloze = 1
            if tmpl is None:
                warnings.append(f"note {note.guid!r}: card {c.ord + 1} has no template; skipped")
                continue
            deck_path = deck_paths.get(c.deck_id)
            if deck_path is None:
                path = pkg.decks[c.deck_id].path if c.deck_id in pkg.decks else ("Imported",)
                name = pkg.decks[c.deck_id].name if c.deck_id in pkg.decks else ""
                if (levels := name.count("::") + 1) > MAX_DECK_DEPTH:
                    warnings.append(deck_depth_warning(name, levels))
                deck_path = deck_paths[c.deck_id] = (path, _dumps("::".join(path)))
            anki_deck, deck_json = deck_path
            try:
                plan = (nt.id, c.ord)
                formats = plans.get(plan, _UNPLANNED)
                if formats is _UNPLANNED:
                    formats = plans[plan] = (None if cloze_type else plain_formats(
                        tmpl.qfmt, tmpl.afmt, tuple(nt.fields)))  # fmt: skip
                if formats is not None:  # most cards: the same text as render_card's
                    front, back = render_plain(formats, values)
                else:
                    special = None  # Anki's special fields, for the few templates naming one
                    if uses_special(tmpl.qfmt, tmpl.afmt):
                        flag = c.flags & 7
                        special = {"Deck": "::".join(anki_deck), "Subdeck": anki_deck[-1],
                                   "Tags": " ".join(note.tags), "Type": nt.name,
                                   "Card": tmpl.name,
                                   "CardFlag": f"flag{flag}" if flag else ""}  # fmt: skip
                    if fields is None:
                        fields = dict(zip(nt.fields, values, strict=False))
                    front, back = render_card(tmpl.qfmt, tmpl.afmt, fields, cloze=cloze,
                                              special=special)  # fmt: skip
            except TemplateTooLarge as exc:
                raise TemplateTooLarge(f"note {note.guid!r} (note type {nt.name!r}, card "
                                       f"{tmpl.name!r}): {exc}") from exc  # fmt: skip
            if is_empty_front(front):
                warnings.append(f"note {note.guid!r}: card {c.ord + 1} has an empty front; skipped")
                continue
            if strip:
                front, back = DIAGRAM_DIV.sub("", front), DIAGRAM_DIV.sub("", back)
            # the SM-2 ease Anki had (FSRS has none of its own): it goes back with the card
            ease = factors.get(c.factor)
            if ease is None:
                ease = factors[c.factor] = f'"factor": {int(c.factor)}, ' if c.factor > 0 else ""
            anki_json = f'{{"deck": {deck_json}, {ease}{note_json}{c.ord}}}'
            extra_json = f'{{"anki": {anki_json}, "tags": {tags_json}}}'
            yield note, c, nt, front, back, anki_deck, extra_json, values, nt_data


def deck_presets(pkg: AnkiPackage, deck: str | None) -> dict[str, Preset]:
    """The options preset each of our decks had in Anki (by our deck name: an Anki deck's
    first level): the one most of its cards' Anki decks use. None when the import goes into a
    deck the user named (it keeps its options)."""
    if deck is not None or not pkg.presets:
        return {}
    per_deck: dict[int, int] = {}  # Anki deck -> its cards
    for c in pkg.cards:
        per_deck[c.deck_id] = per_deck.get(c.deck_id, 0) + 1
    uses: dict[str, dict[int, int]] = {}  # our deck -> preset id -> cards
    for did, n in per_deck.items():
        d = pkg.decks.get(did)
        if d is not None and d.config_id in pkg.presets:
            per = uses.setdefault(d.path[0], {})
            per[d.config_id] = per.get(d.config_id, 0) + n
    return {name: pkg.presets[max(per, key=per.__getitem__)] for name, per in uses.items()}


def estimated_warning(n: int) -> str:
    return f"{n} card(s) had no FSRS memory state or history; estimated from the interval"


def memory_state(
    c: AnkiCard, replayed: dict[int, tuple[float, float]]
) -> tuple[float, float, bool]:
    """A learning/review card's FSRS stability and difficulty: stored in the package, else
    computed from its rated answers (``importer.package_jobs``), else estimated from its interval
    (the flag)."""
    s, d = c.stability, c.difficulty
    if s is not None and d is not None:
        return float(s), float(d), False
    got = replayed.get(c.id)
    if got is None:
        return float(max(1, c.ivl)), 5.0, True
    return got[0], got[1], False


# json.dumps(value, ensure_ascii=False, sort_keys=True) without building an encoder per call
_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_encode_str = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses


def _dumps_strs(values: list[str]) -> str:
    """``_dumps`` of a list of strings, without building an encoder (a third of the time)."""
    return "[" + ", ".join(map(_encode_str, values)) + "]"


_BY_ORD = attrgetter("ord")
_UNPLANNED: Any = object()  # a template pair ``rendered_cards`` has not planned yet
