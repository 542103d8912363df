"""The notes corpus (``benchmarks/cards/corpus``: real notes in many styles, Korean and English,
each with the facts a careful learner would make cards for): every file makes cards, no card
breaks a rule, and the share of facts asked does not fall back.

``python -m benchmarks.cards`` prints the numbers per file; the floors below are what the
generator reaches today (the target is 90 %: see the README).
"""

from __future__ import annotations

import pytest

from benchmarks.cards.measure import (
    CORPUS,
    DOCKER,
    FileResult,
    facts_path,
    load_facts,
    measure_file,
)

FILES = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    return [measure_file(p) for p in [*FILES, DOCKER]]


def test_the_corpus_is_varied_and_every_file_has_facts() -> None:
    assert len(FILES) >= 12
    korean = [p for p in FILES if p.name.startswith("ko-")]
    english = [p for p in FILES if p.name.startswith("en-")]
    assert len(korean) >= 6 and len(english) >= 4
    for p in [*FILES, DOCKER]:
        assert len(load_facts(facts_path(p))) >= 10, p.name


@pytest.mark.slow
def test_every_file_makes_cards_and_no_card_is_a_problem(results: list[FileResult]) -> None:
    assert [r.name for r in results if r.cards == 0] == []
    problems = [f"{r.name}: {p}" for r in results for p in r.problems]
    assert problems == []


@pytest.mark.slow
def test_facts_covered_do_not_fall_back(results: list[FileResult]) -> None:
    corpus = [r for r in results if r.path != DOCKER]
    covered = sum(r.covered for r in corpus) / sum(r.facts for r in corpus)
    docker = next(r for r in results if r.path == DOCKER)
    assert covered >= 0.70, f"{covered:.1%} of the corpus facts"
    assert docker.coverage >= 0.90, f"{docker.coverage:.1%} of the Docker notes facts"


EXTRA = sorted(p for p in (CORPUS.parent / "extra").glob("*.md") if p.name != "README.md")


@pytest.mark.slow
def test_the_extra_notes_make_cards_and_no_problem_card() -> None:
    from benchmarks.cards.measure import problems_of
    from srsapp.core.notes import generate_deck

    assert len(EXTRA) >= 10
    for p in EXTRA:
        deck = generate_deck(p.read_text("utf-8"), str(p))
        assert deck.cards, p.name
        assert problems_of(deck.cards) == [], p.name


def test_leftover_bold_markers_are_a_problem_and_a_dunder_name_is_not() -> None:
    from benchmarks.cards.measure import problems_of
    from srsapp.core.model import CardDraft, CardKind

    def card(back: str) -> CardDraft:
        return CardDraft(CardKind.DEFINITION, ("x",), "x", "<p>What logs?</p>", f"<p>{back}</p>")

    for back in ("call __android_log_print(LOG_VERBOSE)", "def __init__(self) sets it up"):
        assert problems_of([card(back)]) == [], back
    for back in ("the __main__ point is __very important__", "__굵게__ 쓴 말"):
        assert any("bold markers" in p for p in problems_of([card(back)])), back
