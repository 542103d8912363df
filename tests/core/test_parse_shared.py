"""parse_notes(..., processes=n): big notes parsed in pieces shared between forked processes give
the tree the whole notes give — on every notes file of the corpus, cut into many pieces, and on
notes where a cut does not hold (the notes are parsed whole then)."""

from __future__ import annotations

from pathlib import Path

import pytest

from srsapp.core import forked
from srsapp.core.notes import parser
from srsapp.core.notes.parser import parse_notes

from .notes_util import child_processes

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="forks on Linux only")

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    p
    for p in [
        *(ROOT / "benchmarks" / "cards" / "corpus").glob("*.md"),
        *(ROOT / "benchmarks" / "cards" / "extra").glob("*.md"),
        ROOT / "decks" / "docker-notes.md",
    ]
    if p.name != "README.md"
)


def _cut(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Pieces as small as they come (every heading of the top level a cut); whether each
    parse in pieces gave the tree (False: parsed whole)."""
    monkeypatch.setattr(parser, "_PIECE_CHARS", 1)
    made: list[bool] = []
    real = parser._parsed_in_pieces

    def spy(*args: object, **kwargs: object) -> parser.NotesDoc | None:
        doc = real(*args, **kwargs)  # type: ignore[arg-type]
        made.append(doc is not None)
        return doc

    monkeypatch.setattr(parser, "_parsed_in_pieces", spy)
    return made


def test_every_notes_file_parsed_in_pieces_is_parsed_as_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = _cut(monkeypatch)
    before = child_processes()
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert parse_notes(text, path.name, processes=2) == parse_notes(text, path.name), path
    assert child_processes() == before
    # (the test asks what it means to: most files were cut and parsed in pieces)
    assert len(made) > 100 and made.count(True) > len(made) * 2 // 3


_OPEN = "The opening.\n\n"
CUTS_THAT_DO_NOT_HOLD = {
    # a heading inside an HTML block (<pre> runs to </pre>) is its text
    "html block": _OPEN + "## A\n\nOne.\n\n<pre>\n## B\ncode\n</pre>\n\n## C\n\nTwo.\n",
    # a heading of a higher level written with a line under it: the cut headings go under it
    "setext heading": "Title\n=====\n\nIntro.\n\n## A\n\nOne.\n\n## B\n\nTwo.\n\n## C\n\nThree.\n",
    # a heading twice: the second is numbered, counted over the whole notes
    "repeated heading": _OPEN + "## A\n\nOne.\n\n## B\n\nTwo.\n\n## A\n\nThree.\n",
    # a link reference defined in one piece and used in another
    "link reference": _OPEN
    + "## A\n\n[doc]: https://example.com\n\n## B\n\nSee [the docs][doc].\n",
    # the cut heading's line and the next make a table's header
    "table header": _OPEN + "## A\n\nOne.\n\n## B | C\n--- | ---\nx | y\n\n## D\n\nTwo.\n",
    # a heading that answers a question under a deeper heading goes under it
    "answer": _OPEN + "## A\n\n#### 1. What is X?\n\n## [Answer](#x)\n\nD\n\n## B\n\nTwo.\n",
    # a heading of a higher level further on, written with a line under it
    "setext later": _OPEN + "## A\n\nOne.\n\n## B\n\nOther\n=====\n\n## C\n\nThree.\n",
    # a heading of the highest level written with a line under it, in the last piece: under a
    # title, the sections after it are not the title's (without one, the cuts hold)
    "setext at the end": _OPEN + "## A\n\nOne.\n\n## B\n\nTwo.\n\nEnd\n===\n\nLast.\n",
    # what looks like the title is the text of an HTML block
    "title in html": "<pre>\n# Notes\n</pre>\n\n## A\n\nOne.\n\n## B\n\nTwo.\n",
    # a quote, a list and a fence do not end before a heading that is in them
    "nested": _OPEN + "## A\n\n- item\n\n  ## B\n\n```\n## C\n```\n\n> ## D\n\n## E\n\nText.\n",
}


@pytest.mark.parametrize("title", ["", "# Notes\n\n"])
@pytest.mark.parametrize("name", sorted(CUTS_THAT_DO_NOT_HOLD))
def test_where_a_cut_does_not_hold_the_notes_are_parsed_whole(
    monkeypatch: pytest.MonkeyPatch, name: str, title: str
) -> None:
    # (under a title, the notes are cut before the headings of the level below it)
    text = title + CUTS_THAT_DO_NOT_HOLD[name]
    made = _cut(monkeypatch)
    assert parse_notes(text, "notes.md", processes=2) == parse_notes(text, "notes.md")
    # (the nested headings made no cut: the others did, and the pieces gave no tree)
    assert made == [name == "nested" or (name == "setext at the end" and not title)]


# two lines that end a sentence and cut the next, in two pieces: notes wrapped at a width, and
# so the Korean lines of the third piece are one sentence (two lines, were they not wrapped)
WRAPPED = (
    "## A\n\nThe scheduler picks the next thread. The\nkernel switches to it.\n\n"
    "## B\n\nEach thread has a stack. Its\nsize is fixed when it starts.\n\n"
    "## C\n\n페이지 테이블은 프로세스의 페이지를\n메모리의 프레임에 대응시킨다\n"
)


@pytest.mark.parametrize("guess", [True, False])
def test_a_wrong_guess_of_wrapped_paragraphs_is_read_again(
    monkeypatch: pytest.MonkeyPatch, guess: bool
) -> None:
    made = _cut(monkeypatch)
    monkeypatch.setattr(parser, "_wraps_likely", lambda lines: guess)
    for text in (WRAPPED, WRAPPED.replace(" The\nkernel", " The kernel")):
        assert parse_notes(text, "notes.md", processes=2) == parse_notes(text, "notes.md")
    assert made == [True, True]
