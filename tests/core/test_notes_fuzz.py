from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srsapp.core.errors import NotesError
from srsapp.core.notes import check_deck, generate_deck
from srsapp.core.text import html_to_text

WORDS = st.sampled_from(
    [
        "docker",
        "run",
        "-p",
        "8080:80",
        "이미지",
        "컨테이너",
        "란?",
        "?",
        "CMD",
        "`x`",
        "**b**",
        "<br>",
        "=>",
        "->",
        "the",
        "value",
        ":",
        "-",
        "1.",
        "#",
        "![i](a.png)",
        "[l](http://x)",
        "가",
    ]
)
LINE = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)
PREFIX = st.sampled_from(
    ["", "", "# ", "## ", "#### ", "- ", "  - ", "1. ", "> ", "```", "```bash", "    "]
)
NOTE_LINE = st.tuples(PREFIX, LINE).map(lambda p: p[0] + p[1])
NOTES = st.lists(NOTE_LINE, min_size=0, max_size=40).map("\n".join)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTES)
def test_generate_never_breaks(text: str) -> None:
    try:
        deck = generate_deck(text, "fuzz.md")
    except NotesError:
        return
    assert check_deck(deck.cards) == []
    assert len({c.key for c in deck.cards}) == len(deck.cards)
    paths = {ci.path for ci in deck.concepts}
    for c in deck.cards:
        assert c.concept in paths
        assert html_to_text(c.back).strip()
