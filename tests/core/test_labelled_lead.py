"""definition._labelled_lead: "데일리 스크럼의 목적은 …" / "The purpose of the Daily Scrum is …"
found as the subject's own pattern finds it, without compiling one for every heading."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srsapp.core.notes.generators.definition import _labelled_lead
from srsapp.core.notes.labels import label_key
from srsapp.core.notes.lang import has_hangul


def _reference(text: str, subject: str) -> tuple[str, str] | None:
    """The subject's own pattern, compiled for it (as the rule was first written)."""
    if not subject or len(subject) > 40:
        return None
    name = re.escape(subject)
    if has_hangul(text):
        pattern = rf"^{name}\s?의\s?(\S+?)(?:은|는)\s+(.+)$"
    else:
        pattern = rf"(?i)^(?:the\s+)?(\w+)\s+of\s+(?:the\s+|an?\s+)?{name}\s+(?:is|are)\s+(.+)$"
    m = re.match(pattern, text)
    if m is None or not (key := label_key(m.group(1))) or key in ("definition", "example"):
        return None
    said = re.sub(r"(?:이다|입니다)\.?$", "", m.group(2)).strip()
    return (key, said) if len(said) >= 8 else None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("데일리 스크럼의 목적은 진행 상황을 점검하고 계획을 조정하는 것이다.", "데일리 스크럼"),
        ("데일리 스크럼 의 장점은 짧은 주기로 문제를 드러내는 것이다.", "데일리 스크럼"),
        ("스크럼의 목적은 짧다.", "스크럼"),
        ("The purpose of the Daily Scrum is to inspect progress toward the goal.", "Daily Scrum"),
        ("the ROLE of a daily scrum are to inspect progress toward the goal", "Daily Scrum"),
        ("Purpose of Daily Scrum is inspection and adaptation of the plan.", "Daily Scrum"),
        ("The Daily Scrum is a 15-minute event for the Developers.", "Daily Scrum"),
        ("The purpose of the Sprint Review is to inspect the outcome.", "Daily Scrum"),
        ("Docker의 장점은 이미지가 가볍고 빠르게 뜬다는 것이다.", "Docker"),
        ("docker의 장점은 이미지가 가볍고 빠르게 뜬다는 것이다.", "Docker"),
    ],
)
def test_as_the_subjects_own_pattern(text: str, subject: str) -> None:
    assert _labelled_lead(text, subject) == _reference(text, subject)


def test_the_examples_are_found() -> None:
    assert _labelled_lead("데일리 스크럼의 목적은 진행 상황을 점검하는 것이다.", "데일리 스크럼")
    assert _labelled_lead(
        "The purpose of the Daily Scrum is to inspect progress toward the goal.", "Daily Scrum"
    )


_WORDS = ["스크럼", "의", "목적은", "장점은", " ", "  ", "The", "the", "purpose", "of", "a",
          "Scrum", "scrum", "is", "are", "진행 상황을 점검하는 것이다", "to inspect progress", "\n"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=12),
    subject=st.sampled_from(["스크럼", "Scrum", "the Scrum", "a.b", "스크럼의"]),
)
def test_any_line_as_the_subjects_own_pattern(words: list[str], subject: str) -> None:
    text = " ".join(words)
    assert _labelled_lead(text, subject) == _reference(text, subject)
