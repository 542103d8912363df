"""generate_deck(..., processes=n): the sections shared between forked processes give the deck
one process gives — the same cards in the same order, warnings, skipped lines — also where the
notes ask something twice (a table, an acronym: asked once a file), and the Korean analyses
the children made are kept for the next generation."""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from srsapp.core import forked
from srsapp.core.model import GeneratedDeck
from srsapp.core.notes import deck, generate_deck, keyterms, parser
from srsapp.core.notes.parser import parse_notes

from .notes_util import child_processes

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="forks on Linux only")

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "benchmarks" / "cards" / "corpus"


def _notes() -> str:
    tables = (CORPUS / "ko-network-devices-comparison.md").read_text(encoding="utf-8")
    others = [
        (CORPUS / name).read_text(encoding="utf-8")
        for name in ("en-osi-obsidian.md", "ko-deadlock-lecture.md", "ko-db-trigger-lecture.md")
    ]
    # the first notes again at the end, under other headings: their tables and acronyms were
    # asked already (in another task of the shared generation)
    again = re.sub(r"^(#+ .*)$", r"\1 (again)", tables, flags=re.MULTILINE)
    return "\n\n".join([tables, *others, again])


def _all_of(d: GeneratedDeck) -> list[Any]:
    return [
        d.title,
        [(c.key, c.kind, c.concept, c.front, c.back, c.source_line, c.extra) for c in d.cards],
        d.warnings,
        d.skipped,
        d.concepts,
        d.images,
    ]


def test_shared_between_processes_the_deck_is_the_same() -> None:
    text = _notes()
    alone = generate_deck(text, "notes.md", processes=1)
    before = child_processes()
    for n in (2, 3):
        assert _all_of(generate_deck(text, "notes.md", processes=n)) == _all_of(alone)
    assert child_processes() == before
    # (the test asks what it means to: the notes' second table is not asked again)
    again = [c for c in alone.cards if any("(again)" in p for p in c.concept)]
    assert again
    assert not any(c.kind == "table" or "L4 로드 밸런서" in c.front for c in again)


def test_a_task_no_child_gave_back_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _notes()
    alone = generate_deck(text, "notes.md", processes=1)
    parent = os.getpid()
    real = forked._take

    def dying(work: Any, tasks: Any, queue: int) -> Any:
        if os.getpid() != parent:
            os._exit(1)  # a child that dies at once
        return real(work, tasks, queue)

    monkeypatch.setattr(forked, "_take", dying)
    assert _all_of(generate_deck(text, "notes.md", processes=2)) == _all_of(alone)


def test_the_childrens_analyses_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    kiwi = keyterms._load_kiwi()
    assert kiwi is not None, "kiwipiepy and its model are installed in the venv"
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    text = _notes()
    first = generate_deck(text, "notes.md", processes=2)
    asked: list[Any] = []

    class Spy:
        def tokenize(self, text: Any, **kwargs: Any) -> Any:
            asked.append(text)
            return kiwi.tokenize(text, **kwargs)

    monkeypatch.setattr(keyterms, "_load_kiwi", lambda: Spy())
    monkeypatch.setattr(keyterms, "_core_free", lambda: False)  # nothing analysed ahead
    again = generate_deck(text, "notes.md", processes=1)
    assert asked == []  # every sentence asked was kept, those the children analysed too
    assert _all_of(again) == _all_of(first)


def test_big_notes_are_shared_small_ones_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deck, "cores", lambda: 4)
    assert deck._processes(5_000, None) == 1
    assert deck._processes(10 * deck._PART_CHARS, None) == 4
    assert deck._processes(5_000, 3) == 3
    monkeypatch.setattr(deck, "can_fork", lambda: False)
    assert deck._processes(10 * deck._PART_CHARS, None) == 1
    assert deck._processes(5_000, 3) == 1


def test_what_is_asked_of_the_whole_notes_is_made_where_they_are_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parser, "_PIECE_CHARS", 1)  # (many pieces)
    text = _notes()
    doc = parse_notes(text, "notes.md", processes=2, each=deck.asked_once)
    assert all("once" in sec.derived for sec in doc.sections)  # (the parts, made in pieces)
    parts = deck._once_of(doc)
    whole = deck._asked_once(parse_notes(text, "notes.md").sections)

    def ordered(once: deck._Once) -> list[Any]:
        return [
            once.texts,
            list(once.words_of.items()),
            list(keyterms.vocabulary_of(once.words_of).items()),
            once.code_names,
            once.keys,
            once.words,
            list(once.meanings.items()),
            list(once.stands_for.items()),
        ]

    assert ordered(parts) == ordered(whole)
    vocab = keyterms.vocabulary("\n".join(whole.texts))
    assert list(keyterms.vocabulary_of(whole.words_of).items()) == list(vocab.items())


def test_no_analyser_thread_is_at_work_when_the_notes_are_forked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (a child must not find kiwi half-way through a sentence of this process's threads: the
    # parsing forks too, before the generation does)
    monkeypatch.setattr(parser, "_PIECE_CHARS", 1)
    events: list[str] = []
    monkeypatch.setattr(deck, "analyser_idle", lambda: events.append("idle"))
    for module in (parser, deck):
        real = module.fork_tasks

        def spy(*args: Any, _real: Any = real, **kwargs: Any) -> Any:
            events.append("fork")
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, "fork_tasks", spy)
    generate_deck(_notes(), "notes.md", processes=2)
    assert events[0] == "idle" and events.count("fork") >= 2
