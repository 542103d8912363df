from __future__ import annotations

from srsapp.core.notes.generators import cloze

from .notes_util import run, texts


def test_caps_instruction_hidden_korean() -> None:
    [card] = run(
        cloze.generate, "## 포트\n```\nEXPOSE는 포트 정보를 제공할 뿐 실제로 열지는 않는다\n```\n"
    )
    front, back = texts(card)
    assert front.endswith("[...]는 포트 정보를 제공할 뿐 실제로 열지는 않는다")
    assert back == "EXPOSE" and "EXPOSE" not in front
    assert card.variant == "EXPOSE"


def test_code_span_and_bold_english() -> None:
    cards = run(
        cloze.generate,
        "## Build\nUse `--no-cache` to rebuild every layer from **scratch** again.\n",
    )
    assert [c.variant for c in cards] == ["--no-cache", "scratch"]
    assert "<code>[...]</code>" in cards[0].front
    assert "**" not in texts(cards[1])[0] and "[...]" in texts(cards[1])[0]


def test_no_cloze_when_nothing_else_is_left_or_path_gives_it_away() -> None:
    assert run(cloze.generate, "## L\n```\n(RUN, CMD, ADD, COPY)\n```\n") == []
    assert run(cloze.generate, "## EXPOSE\nEXPOSE only documents the port of the service.\n") == []


def test_every_occurrence_is_hidden() -> None:
    [card] = run(cloze.generate, "## C\nCOPY copies files; prefer COPY over the other one.\n")
    assert "COPY" not in texts(card)[0]
