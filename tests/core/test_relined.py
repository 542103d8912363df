"""srsapp.core.notes.common.relined: a NoteLine with a new text (raw, kind), the same line
``dataclasses.replace`` builds, its lists shared as replace shares them."""

from __future__ import annotations

import dataclasses

import pytest

from srsapp.core.notes.common import relined
from srsapp.core.notes.parser import LineKind, NoteLine


def _line() -> NoteLine:
    return NoteLine(
        LineKind.KEYVAL,
        "행 트리거: 행마다 실행된다. 변경 전 행은 OLD로 읽는다.",
        12,
        raw="- 행 트리거: 행마다 실행된다.",
        key="행 트리거",
        value="행마다 실행된다. 변경 전 행은 OLD로 읽는다.",
        explanation=[NoteLine(LineKind.SENTENCE, "an explanation", 13)],
        links=[("docs", "https://example.org")],
        chain=["A", "B"],
        role="answer",
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"text": "변경 전 행은 OLD로 읽는다."},
        {"text": "x", "raw": "x"},
        {"text": "y", "raw": "y", "kind": LineKind.SENTENCE},
        {"text": "z", "kind": LineKind.SENTENCE},
    ],
)
def test_the_line_replace_builds(changes: dict[str, object]) -> None:
    ln = _line()
    made = relined(ln, **changes)  # type: ignore[arg-type]
    expected = dataclasses.replace(ln, **changes)  # type: ignore[arg-type]
    assert made == expected and made is not ln
    assert made.explanation is ln.explanation and made.chain is ln.chain  # shared, as replace
    assert ln == _line()  # the line itself unchanged


def test_a_noteline_is_its_init_fields() -> None:
    # relined copies the fields instead of calling __init__: right only while every field
    # is set by __init__ as given
    assert not hasattr(NoteLine, "__post_init__")
    assert all(f.init for f in dataclasses.fields(NoteLine))
    assert set(vars(_line())) == {f.name for f in dataclasses.fields(NoteLine)}


def test_a_list_items_wrapped_line_is_no_command() -> None:
    from srsapp.core.notes import generate_deck, parse_notes
    from srsapp.core.notes.common import walk_lines
    from srsapp.core.notes.parser import LineKind

    text = (
        "## Process vs. Product\n\n-   Focus on the process.\n"
        '    -   "I am going to spend 20 minutes working" instead of "I am going to\n'
        '        finish my homework."\n'
        "    -   These are possible to prevent by limiting the possibility of\n"
        "        them showing up. Often, procrastination occurs without\n        us noticing.\n"
    )
    lines = [ln for s in parse_notes(text, "n.md").sections for ln in walk_lines(s.blocks)]
    assert not [ln for ln in lines if ln.kind is LineKind.COMMAND]
    assert any(ln.text.endswith('"I am going to finish my homework."') for ln in lines)
    assert not [c for c in generate_deck(text, "n.md").cards if c.kind.value == "command"]
