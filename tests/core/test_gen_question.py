from __future__ import annotations

from srsapp.core.notes.generators import question

from .notes_util import run, texts


def test_question_in_fence_answered_by_next_group_korean() -> None:
    text = "## 포트\n```\nEXPOSE와 실제 포트는 어떤 관계인지?\n\nEXPOSE는 정보일 뿐 동작하지 않는다\n실행 시 -p 로 지정해야 한다.\n\nA : b\n```\n"
    [card] = run(question.generate, text)
    front, back = texts(card)
    assert front.endswith("EXPOSE와 실제 포트는 어떤 관계인지?")
    assert back.splitlines() == [
        "- EXPOSE는 정보일 뿐 동작하지 않는다",
        "- 실행 시 -p 로 지정해야 한다.",
    ]


def test_ran_question_in_blockquote() -> None:
    [card] = run(question.generate, "## 이미지\n> 태그란? 이미지의 버전을 나타내는 이름\n")
    assert texts(card) == ("이미지\n태그란?", "이미지의 버전을 나타내는 이름")
    assert card.anchor == "태그란?"


def test_english_question_answered_by_following_paragraph() -> None:
    [card] = run(
        question.generate,
        "## Cache\nWhy does the build cache break?\n\nA changed file invalidates later layers.\n",
    )
    assert texts(card)[1] == "A changed file invalidates later layers."


def test_question_without_answer_makes_no_card() -> None:
    assert run(question.generate, "## Q\n```\nwhat is left to do?\n```\n") == []


def test_a_question_answered_only_by_a_pointer_is_no_card() -> None:
    text = "## Pricing\n\nBut what if your team wants to use Docker?\n\nSee the License Agreement on pricing and terms.\n"
    assert run(question.generate, text) == []
