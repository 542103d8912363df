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


def test_a_question_answered_by_a_paragraph_on_each_thing_gets_the_first_sentence_of_each() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 예상질문\n\n1. 로드 밸런싱이란?\n\n1. get과 post의 차이점은?\n\n"
        "GET요청은 서버에 존재하는 정보를 요청합니다. 이 때 반환되는 정보는 정보 자체가 아니라 정보의 "
        "표현입니다. 레거시 시스템의 경우 요청을 받아들이지 않을 수 있습니다. "
        "일반적으로 Request Body는 입력하지 않습니다. 캐싱을 수행하기 때문에 GET 요청이 맞지 않을 수 있습니다.\n\n"
        "POST요청은 서버에 정보를 생성하는 것을 요청합니다. POST 요청은 서버의 상태를 변경시키기 때문에 "
        "멱등성이 유지되지 않습니다. 보통 Request Body에 요청하는 데이터를 담아 전송합니다.\n"
    )
    [card] = [c for c in generate_deck(text, "q.md").cards if "get과 post" in texts(c)[0]]
    assert texts(card)[1] == (
        "GET요청은 서버에 존재하는 정보를 요청합니다.\nPOST요청은 서버에 정보를 생성하는 것을 요청합니다."
    )


def test_a_question_over_task_boxes_is_a_multiple_choice_answered_by_the_ticked_one() -> None:
    text = (
        "## Knowledge check\n\n"
        "- In what scenario does the temperature of an ideal gas decrease?\n"
        "\t- [ ] Work is performed on the system\n"
        "\t- [x] Work is performed by the system; work done by the system is negative.\n"
        "\t- [ ] Heat is provided to the system\n\n"
        "- 다음 중 불변 객체는?\n  - [X] Integer\n  - [ ] ArrayList\n\n"
        "- Things to do?\n  - [ ] read chapter 2\n  - [ ] write notes\n"
    )
    cards = run(question.generate, text)
    got = [texts(c) for c in cards]
    assert len(got) == 2, got
    front, back = got[0]
    # the options shown without their boxes, each cut before its explanation; the ticked one,
    # explained, is the answer
    assert "- Work is performed by the system\n" in front + "\n", got
    assert "[x]" not in front and "[ ]" not in front and "negative" not in front, got
    assert back == "Work is performed by the system; work done by the system is negative.", got
    assert got[1][1] == "Integer" and "ArrayList" in got[1][0], got
    # a to-do list under a question (nothing ticked) answers nothing
    assert not any("read chapter" in f + b for f, b in got), got


def test_a_question_wondered_aloud_or_answered_by_a_guess_is_no_card() -> None:
    text = (
        "## 스레드\n\n"
        "- 실제로 개발할 때 스레드는 숨쉬듯이 쓰는 걸까..?\n"
        "  - 그냥 메소드 안에서 스레드를 실행하지 않을까 싶다.\n"
        "- Why do people prefer sounds over sign languages?\n"
        "  - Maybe because we prefer to use language even if we don't see each other.\n"
        "- 한대에서만 필요하다면, 전역 변수를 쓰면 되지 않을까?\n"
        "  - Redis 자체가 Atomic을 보장해준다.\n"
    )
    got = [texts(c) for c in run(question.generate, text)]
    assert not any("숨쉬듯이" in f or "sign languages" in f for f, _b in got), got
    # an objection asked as a question and answered with a fact is kept
    assert any(b == "Redis 자체가 Atomic을 보장해준다." for _f, b in got), got


def test_a_questions_own_aside_is_no_answer() -> None:
    text = "## 머신러닝\n\n- K-means의 대표적 의미론적 단점은 무엇인가요? (계산량 많다는것 말고)\n"
    assert run(question.generate, text) == []
