"""The cheap forms of the checks a candidate blank or a card goes through (generators/cloze.py,
validate.py) decide as the plain ones they replace, on random text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from srsapp.core.notes import validate
from srsapp.core.notes.generators import cloze, definition

_LETTER = re.compile(r"[^\W\d_]")

PIECES = st.sampled_from(
    ["와", "과", "and", "및", "Docker", "exec", "형식", "A", " ", "  ", "\n", ", ", "(", ")", "."]
)


def _joint_needed(prefix: str) -> None:
    """Where the patterns that end at a term match, the cheap check lets them be searched."""
    joint = cloze._joint_before(prefix)
    if cloze._AND_BEFORE.search(prefix):
        assert joint[-1:] in ("와", "과")
    if cloze._EN_NAME_AND_BEFORE.search(prefix):
        assert joint == "and"


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_joint_before_a_term_is_there_whenever_its_patterns_match(prefix: str) -> None:
    _joint_needed(prefix)


@given(
    first=st.sampled_from(["exec", "Docker", "공개키 방식", "B1", "(x)"]),
    gap=st.sampled_from(["", " ", "  ", "\n", ","]),
    joint=st.sampled_from(["와", "과", "and", "및", "x"]),
    space=st.sampled_from([" ", "  ", "\n", " \n", "\t", ""]),
)
def test_the_joint_of_a_pair_is_found_before_its_second_half(
    first: str, gap: str, joint: str, space: str
) -> None:
    _joint_needed(f"{first}{gap}{joint}{space}")


@given(st.text(alphabet="ab가_1 .\n-é", max_size=30))
def test_enough_letters_counts_letters_as_findall_does(text: str) -> None:
    letters = len(_LETTER.findall(text))
    assert (cloze._ENOUGH_LETTERS.match(text) is not None) == (letters >= cloze.MIN_REST_LETTERS)
    assert (cloze._HALF_THE_LETTERS.match(text) is not None) == (
        letters >= cloze.MIN_REST_LETTERS // 2
    )


def test_a_name_of_a_visible_pair_is_found_through_the_cheap_checks() -> None:
    assert cloze._one_of_a_pair("exec와 shell 형식이 있다", "shell")
    assert cloze._one_of_a_pair("Services such as CloudFlare and Route 53", "Route")
    assert not cloze._one_of_a_pair("exec 형식을 사용하자", "exec")


@given(
    haystack=st.text(alphabet="ab1 -가.x", max_size=16),
    needle=st.text(alphabet="ab1 -.x", max_size=3),
)
def test_a_short_answer_is_found_as_a_whole_word_as_the_pattern_finds_it(
    haystack: str, needle: str
) -> None:
    pattern = rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])"
    assert validate._contains(haystack, needle) == (re.search(pattern, haystack) is not None)


@given(
    start=st.sampled_from(["In ", "in  ", "WITH the ", "for\t", "On ", "Inside ", "", "ın "]),
    subject=st.sampled_from(["Python", "python", "C++", "the cache", "Kſ", "도커"]),
    written=st.sampled_from(["Python", "PYTHON", "C++", "the cache", "Ks", "도커", "Pythonic"]),
    end=st.sampled_from([",", " ,", "", " is", ", dict"]),
)
def test_a_fact_set_in_the_subject_is_told_as_the_plain_pattern_tells_it(
    start: str, subject: str, written: str, end: str
) -> None:
    raw = f"{start}{written}{end}"
    plain = re.match(rf"(?i)(?:in|with|for|on)\s+(?:the\s+)?{re.escape(subject)}\b\s*,", raw)
    cheap = definition._SET_IN.match(raw) and definition._set_in(subject).match(raw)
    assert bool(cheap) == bool(plain)
