"""Notes text → a generated deck: concepts, validated card drafts, images, warnings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from srsapp.core.errors import NotesError
from srsapp.core.forked import can_fork, cores, fork_tasks
from srsapp.core.gc_pause import gc_paused
from srsapp.core.model import CardDraft, ConceptInfo, GeneratedDeck
from srsapp.core.text import html_to_text

from .common import (
    Ctx,
    later_sentences,
    norm,
    plain_inline,
    section_text,
    split_aside,
    split_line,
    split_sentences,
    walk_blocks,
    walk_lines,
)
from .context import about_the_notes, leans_on_context, tells_no_fact, under_notes_talk
from .generators import GENERATORS, Generator
from .generators.acronym import expansions
from .generators.cloze import MAX_SENTENCE
from .keyterms import (
    analyser_idle,
    analysing_ahead,
    keep_analyses,
    kept_mark,
    kept_since,
    strip_particle,
    vocabulary_of,
    words_of,
)
from .lang import Lang, detect, hangul_share, has_hangul
from .parser import SHELL_LANGS, BlockKind, LineKind, NoteLine, NotesDoc, Section, parse_notes
from .report import skipped_blocks, warnings_for
from .validate import Look, first_look, fix_deck

_FEW_LETTERS = 120  # letters of a section too short to say the deck's language is not its own


def generate_deck(
    text: str, path: str = "", *, title: str | None = None, processes: int | None = None
) -> GeneratedDeck:
    """Parse notes and propose their cards; every returned card passes the validator.

    ``processes``: how many processes may share the work — None: one a core for notes big
    enough to gain from it, where forking is safe (see :mod:`srsapp.core.forked`); 1: this
    process alone. The cards are the same however the work is shared."""
    with gc_paused():  # every token, line and draft lives until the end: nothing to collect
        shared = _processes(len(text), processes)
        if shared > 1:
            analyser_idle()  # (before the parsing's fork: see analyser_idle)
        doc = parse_notes(text, path, processes=shared, each=asked_once)
        if shared > 1:
            deck = deck_from_doc(doc, title=title, processes=shared)
        else:
            with analysing_ahead(clozable_sentences(doc)):  # on kiwi's threads, meanwhile
                deck = deck_from_doc(doc, title=title)
        # the parsed notes freed before the collector is resumed: its first collection then
        # looks through the deck alone, not every token and line (≈ 0.1 s a MB of notes)
        del doc
    return deck


# Notes of this many characters or more are shared between processes (one a core), each part
# at least _PART_CHARS: below, forking and sending the cards back cost more than they save.
_SHARE_CHARS = 96 * 1024
_PART_CHARS = 48 * 1024
_MOST_PROCESSES = 8  # (each fork of a big process costs ~10-20 ms before any work is shared)


def _processes(size: int, asked: int | None) -> int:
    if asked is None:
        if size < _SHARE_CHARS or not can_fork():
            return 1
        asked = min(cores(), size // _PART_CHARS, _MOST_PROCESSES)
    return max(1, asked) if can_fork() else 1


_CLOZABLE = frozenset({LineKind.SENTENCE, LineKind.LABEL, LineKind.STEP, LineKind.CONCLUSION})


def clozable_sentences(doc: NotesDoc) -> Iterator[str]:
    """The sentences a cloze is likely asked of, in order: each sentence of the prose lines
    and items, of a length a cloze takes. About twice as many as are asked (a line may make
    another kind of card, or have its term marked); one left out is analysed when asked."""
    for sec in doc.sections:
        for b in walk_blocks(sec.blocks):
            for ln in (*b.lines, *(x for it in b.items for x in it.lines)):
                if ln.kind in _CLOZABLE:
                    for part in (*split_line(ln), *_unit_pieces(ln)):
                        if len(part.text) <= MAX_SENTENCE:
                            text = plain_inline(part.text)
                            if not (tells_no_fact(text) and leans_on_context(text)):
                                yield text  # (no cloze tells a story or an opinion)
                elif ln.kind is LineKind.KEYVAL and not ln.chain and ln.value:
                    # "행 트리거: … 실행된다. 변경 전 또는 …": the value's later sentences are
                    # clozes of their own (the term cards' split_sentences of the value)
                    for piece in later_sentences(ln.value):
                        if len(piece) <= MAX_SENTENCE:
                            yield plain_inline(piece)


def _unit_pieces(ln: NoteLine) -> list[NoteLine]:
    """What the definition generator asks of a line beside its sentences (as its ``_prose``
    cuts it): each sentence when the first leans on what came before, and an aside at its end
    (only asked ahead: one left out is analysed when asked)."""
    pieces = split_sentences(ln)
    first = plain_inline(pieces[0].text)
    if len(pieces) < 2 or not leans_on_context(first) or first.startswith("("):
        pieces = [ln]
    if not pieces[-1].text.rstrip().endswith(")"):
        return pieces if len(pieces) > 1 else []
    return [*pieces[:-1], *split_aside(pieces[-1])]


@dataclass
class _Once:
    """What the generators ask of the whole notes, of some of their sections."""

    texts: list[str]  # each section's words
    words_of: Counter[str]  # their words as written, counted
    code_names: frozenset[str]
    keys: frozenset[str]
    words: frozenset[str]  # concept_words (the notes' concepts)
    meanings: Counter[str]
    stands_for: dict[str, str]  # abbreviations and what they stand for


_ONCE = "once"  # a section's _Once, in its ``derived``, made where it was parsed


def asked_once(sec: Section) -> None:
    """Keep the section's part of what the generators ask of the whole notes with it (called
    where it is parsed, when the notes are parsed in pieces: the part is made there)."""
    sec.derived[_ONCE] = _asked_once([sec])


def _once_of(doc: NotesDoc) -> _Once:
    """What the generators ask of the whole notes: the sections' parts put together, in order
    (or made here)."""
    parts = [part for sec in doc.sections if isinstance(part := sec.derived.get(_ONCE), _Once)]
    if len(parts) != len(doc.sections):
        return _asked_once(doc.sections)
    out = _Once(
        texts=[text for part in parts for text in part.texts],
        words_of=Counter(),
        code_names=frozenset().union(*(part.code_names for part in parts)),
        keys=frozenset().union(*(part.keys for part in parts)),
        words=frozenset().union(*(part.words for part in parts)),
        meanings=Counter(),
        stands_for={},
    )
    for part in parts:
        out.words_of.update(part.words_of)
        out.meanings.update(part.meanings)
        out.stands_for.update(part.stands_for)
    return out


def _asked_once(sections: list[Section]) -> _Once:
    code_names = frozenset(
        name
        for sec in sections
        for b in walk_blocks(sec.blocks)
        if b.kind is BlockKind.CODE and b.lang not in SHELL_LANGS
        for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]{2,}", b.code)
    ) | frozenset(  # names with digits given in commands: flask2, p01 (an example's names)
        name
        for sec in sections
        for b in walk_blocks(sec.blocks)
        if b.kind is BlockKind.FENCE
        for ln in b.lines
        if ln.kind is LineKind.COMMAND
        for name in re.findall(r"\b[A-Za-z][A-Za-z_-]*\d[\w-]*\b", ln.command)
    )
    defined_keys = frozenset(
        re.sub(r"\s+|\([^()]*\)", "", plain_inline(ln.key)).casefold()
        for sec in sections
        for ln in walk_lines(sec.blocks)
        if ln.kind is LineKind.KEYVAL and ln.key and not ln.arrow
    )
    stands_for = {
        abbr: long
        for sec in sections
        for ln in walk_lines(sec.blocks)
        if "(" in ln.text  # (both shapes have the bracket, and so has the line's text then)
        for abbr, long in expansions(plain_inline(ln.text))
    }
    texts = [section_text(sec) for sec in sections]  # each section's words, once
    return _Once(
        texts=texts,
        words_of=words_of("\n".join(texts)),
        code_names=code_names,
        keys=defined_keys,
        words=concept_words(sections),
        meanings=meaning_counts(sections),
        stands_for=stands_for,
    )


def deck_from_doc(doc: NotesDoc, *, title: str | None = None, processes: int = 1) -> GeneratedDeck:
    once = _once_of(doc)
    texts = once.texts
    all_text = "\n".join(texts)
    doc_lang = detect(all_text)
    vocab = vocabulary_of(once.words_of)
    code_names = once.code_names
    warnings: list[str] = list(doc.warnings)
    cards: list[CardDraft] = []
    doc_asked: set[str] = set()
    concepts_words = once.words
    defined_keys = once.keys
    meanings = once.meanings

    def context(i: int) -> Ctx:
        sec, sec_text = doc.sections[i], texts[i]
        lang = detect(sec_text, fallback=doc_lang)
        if (
            doc_lang is Lang.KO
            and lang is Lang.EN
            and (has_hangul(sec.title) or hangul_share(sec_text)[1] <= _FEW_LETTERS)
        ):
            # "DML (Data Manipulation Language) : 데이터 조작어" over "INSERT, SELECT, …" in
            # Korean notes: asked in Korean, as the heading and the notes are written (and so
            # is "## STM" / "Software transaction memory": a few English words among them)
            lang = Lang.KO
        ctx = Ctx(sec, lang, [])
        ctx.doc_code_names = code_names
        ctx.doc_vocab = vocab
        ctx.doc_asked = doc_asked
        ctx.doc_concepts = concepts_words
        ctx.doc_keys = defined_keys
        ctx.doc_meanings = meanings
        ctx.doc_subject = doc.title
        return ctx

    def generators(ctx: Ctx) -> tuple[tuple[str, Generator], ...]:
        if (
            ctx.label in ("reference", "intent")
            or about_the_notes(ctx.section.title)
            or under_notes_talk(ctx.section.path)
        ):
            return ()  # where to read more, notes about the question or the notes (reported)
        if ctx.label in ("meta", "keywords"):
            # an interview template's "키워드 & 꼬리 질문": keywords to mention are no facts,
            # but what it spells out as terms (``KEY : meaning``, a name over its details) is
            return tuple((n, g) for n, g in GENERATORS if n in STRUCTURED)
        return GENERATORS

    def run(ctx: Ctx, gens: tuple[tuple[str, Generator], ...]) -> _Runs:
        made: _Runs = {}
        for name, gen in gens:
            said = len(ctx.warnings)
            try:
                out = gen(ctx)
            except RecursionError as exc:
                raise NotesError(
                    f"section {' › '.join(ctx.path)!r} is nested too deeply",
                    path=doc.path or None,
                ) from exc
            except (ValueError, IndexError, KeyError) as exc:  # a bug must not lose the deck
                out = []
                ctx.warn(f"{name} cards skipped ({type(exc).__name__}: {exc})")
            made[name] = (out, ctx.warnings[said:])
        return made

    stands_for = once.stands_for
    concepts = [
        ConceptInfo(path=sec.path, source_line=sec.line, source_end=sec.end) for sec in doc.sections
    ]
    looked: dict[int, dict[str, list[Look]]] = {}
    if processes > 1:
        runs, looked = _shared_runs(
            doc, texts, processes, context, generators, run, stands_for, doc_asked
        )
    else:
        runs = []
        for i in range(len(doc.sections)):
            ctx = context(i)
            runs.append(run(ctx, generators(ctx)))
    looks: dict[int, Look] = {}  # the validator's first look at a card, taken where it was made
    for i, made in enumerate(runs):
        for name, _gen in GENERATORS:
            if name in made:
                if name in looked.get(i, {}):
                    looks.update(enumerate(looked[i][name], start=len(cards)))
                cards.extend(made[name][0])
                warnings.extend(made[name][1])
    dropped: list[tuple[CardDraft, str]] = []
    cards, fixes = fix_deck(cards, dropped, stands_for, looks=looks)
    warnings.extend(fixes)
    skipped = skipped_blocks(doc, cards, dropped)
    warnings.extend(warnings_for(doc, cards, skipped))
    return GeneratedDeck(
        title=title or doc.title,
        concepts=concepts,
        cards=cards,
        warnings=warnings,
        images=list(doc.images),
        skipped=skipped,
    )


STRUCTURED = frozenset({"list"})  # names over their details

# what each generator made of a section: its cards and the warnings it gave, by its name
_Runs = dict[str, tuple[list[CardDraft], list[str]]]
# what a task of a shared generation gives back: each section's runs, whether its prose is
# told as a story, the Korean analyses made, the validator's first look at each card, and
# what each section asked of the task's doc_asked (and found) and added
_Task = tuple[
    dict[int, _Runs],
    dict[int, object],
    list[Any],
    dict[int, dict[str, list[Look]]],
    dict[int, list[tuple[str, bool | None]]],
]
# the generators that share what they asked across the notes (ctx.doc_asked: an acronym, a
# table's meaning asked once a file): checked in this process, section after section, in order
_IN_ORDER = frozenset({"table", "acronym"})


def _shared_runs(
    doc: NotesDoc,
    texts: list[str],
    processes: int,
    context: Callable[[int], Ctx],
    generators: Callable[[Ctx], tuple[tuple[str, Generator], ...]],
    run: Callable[[Ctx, tuple[tuple[str, Generator], ...]], _Runs],
    stands_for: dict[str, str],
    asked: set[str],
) -> tuple[list[_Runs], dict[int, dict[str, list[Look]]]]:
    """What each generator made of each section, the sections shared between ``processes``
    processes (runs of consecutive sections, taken one at a time), and the validator's first
    look at each card made elsewhere (section → generator → looks). What is asked once a file
    (``asked``, the notes' ``doc_asked``: a table's meaning, an acronym) is asked of each task's
    own set there; here, section by section in order, each section's questions are put to the
    notes' set, and a section that would have been answered otherwise has those generators run
    again here. Runs no process gave back are made here too: the result is the one a single
    process gives."""
    sections = doc.sections
    weights = [len(x) + _SECTION_CHARS for x in texts]
    tasks = _runs_of(weights, max(_TASK_CHARS, sum(weights) // 500), _SHARES * processes)

    def work(task: range) -> _Task:
        mark = kept_mark()
        made: dict[int, _Runs] = {}
        task_asked = _Asked()
        said: dict[int, list[tuple[str, bool | None]]] = {}
        for i in task:
            ctx = context(i)
            ctx.doc_asked = task_asked
            start = len(task_asked.said)
            made[i] = run(ctx, generators(ctx))
            said[i] = task_asked.said[start:]
        # (a section's prose told as a story, which the acronym generator asks of it here)
        told = {i: sections[i].derived["story"] for i in task if "story" in sections[i].derived}
        looks = {
            i: {name: [first_look(c, stands_for) for c in got] for name, (got, _) in by.items()}
            for i, by in made.items()
        }
        return made, told, kept_since(mark), looks, said

    analyser_idle()
    runs: list[_Runs] = [{} for _ in sections]
    looked: dict[int, dict[str, list[Look]]] = {}
    said: dict[int, list[tuple[str, bool | None]]] = {}
    for task, result in zip(tasks, fork_tasks(work, tasks, processes), strict=True):
        made, told, analyses, looks, questions = result if result is not None else work(task)
        for i, by_gen in made.items():
            runs[i] = by_gen
        looked.update(looks)
        said.update(questions)
        for i, story in told.items():
            sections[i].derived["story"] = story
        keep_analyses(analyses)
    for i in range(len(sections)):
        if _answered_alike(said[i], asked):
            continue
        ctx = context(i)
        again = tuple((n, g) for n, g in generators(ctx) if n in _IN_ORDER)
        runs[i].update(run(ctx, again))
        for name, _gen in again:
            looked.get(i, {}).pop(name, None)
    return runs, looked


class _Asked(set[str]):
    """A task's own ``doc_asked``: what the generators asked of it (and whether it was there)
    and added, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, bool | None]] = []  # (key, found); found None: added

    def __contains__(self, key: object) -> bool:
        found = super().__contains__(key)
        self.said.append((str(key), found))
        return found

    def add(self, key: str) -> None:
        self.said.append((key, None))
        super().add(key)


def _answered_alike(said: list[tuple[str, bool | None]], asked: set[str]) -> bool:
    """Whether the notes' set answers a section's questions as its task's own set did; if so,
    what the section added is added to it."""
    added: set[str] = set()
    for key, found in said:
        if found is None:
            added.add(key)
        elif (key in asked or key in added) != found:
            return False
    asked |= added
    return True


# a task of a shared generation: sections of about 1/_SHARES of a process's share of what is
# left, and of _TASK_CHARS characters or more (big tasks first, small ones at the end, so that
# the processes finish together)
_TASK_CHARS = 4 * 1024
_SHARES = 3
_SECTION_CHARS = 200  # what a section costs beside its text (its heading, its contexts)


def _runs_of(weights: list[int], least: int, shares: int = 1) -> list[range]:
    """Indices 0…len-1 cut into runs of consecutive indices, each weighing about what is left
    over ``shares``, and ``least`` or more."""
    runs: list[range] = []
    start = acc = 0
    left = sum(weights)
    most = max(least, left // shares)
    for i, w in enumerate(weights):
        if acc and acc + w > most:
            runs.append(range(start, i))
            left -= acc
            most = max(least, left // shares)
            start, acc = i, 0
        acc += w
    if start < len(weights):
        runs.append(range(start, len(weights)))
    return runs


def meaning_counts(sections: list[Section]) -> Counter[str]:
    """How often each meaning occurs in the notes: ``KEY : meaning`` values, the second cell of
    two-column table rows, commands' explanations on their line ("Execute a command in a pod"
    said of two commands asks for neither from it)."""
    out: Counter[str] = Counter()
    seen: set[int] = set()
    for sec in sections:
        for b in walk_blocks(sec.blocks):
            if b.kind is BlockKind.TABLE and len(b.header) == 2:
                out.update(norm(plain_inline(r[1])) for r in b.rows if len(r) > 1 and r[1].strip())
            for ln in (*b.lines, *(x for it in b.items for x in it.lines)):
                said = ln.value if ln.kind is LineKind.KEYVAL else ln.inline_explanation
                if said.strip() and id(ln) not in seen:
                    seen.add(id(ln))
                    out[norm(plain_inline(said))] += 1
    return out


_CONCEPT_WORD = re.compile(r"[\w.+#-]+")


def concept_words(sections: list[Section]) -> frozenset[str]:
    """The words of the headings and of the terms the notes define (``KEY : meaning``, named
    items): what the notes teach. A one-word blank should be one of them."""
    out: set[str] = set()
    texts = [s.title for s in sections]
    for sec in sections:
        for b in walk_blocks(sec.blocks):
            for ln in (*b.lines, *(x for it in b.items for x in it.lines[:1])):
                if ln.kind is LineKind.KEYVAL and ln.key:
                    texts.append(ln.key)
            for it in b.items:
                head = it.head.text
                if len(head) <= 40 and not head.rstrip().endswith((".", "다", "요")):
                    texts.append(head)
    for text in texts:
        out.update(strip_particle(w).casefold() for w in _CONCEPT_WORD.findall(text))
    return frozenset(w for w in out if w)


def text_of(doc: NotesDoc) -> str:
    return "\n".join(section_text(s) for s in doc.sections)


def preview(card: CardDraft) -> dict[str, object]:
    """A card as plain text (what `srsapp generate` prints and the benchmarks read)."""
    return {
        "key": card.key,
        "kind": str(card.kind),
        "concept": list(card.concept),
        "front": html_to_text(card.front),
        "back": html_to_text(card.back),
        "line": card.source_line,
    }
