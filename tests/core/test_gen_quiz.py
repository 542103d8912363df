from __future__ import annotations

from srsapp.core.notes import generate_deck
from srsapp.core.notes.generators import quiz

from .notes_util import run, texts

QUIZ = """# Quiz

###### 1. What's the output?

```javascript
console.log(typeof NaN);
```

- A: `"number"`
- B: `"NaN"`
- C: `"undefined"`

<details><summary><b>Answer</b></summary>
<p>

#### Answer: A

`NaN` is a value of the number type. It is returned when a calculation fails.

</p>
</details>
"""

KO = """## 3번 문제

다음 중 TCP의 특징이 아닌 것은?

- A: 연결 지향
- B: 흐름 제어
- C: 비연결성

정답: C

TCP는 연결을 맺은 뒤 통신하는 연결 지향 프로토콜이다.
"""


def test_a_quiz_question_shows_its_code_and_options_and_answers_with_the_right_one() -> None:
    cards = [c for c in generate_deck(QUIZ, "quiz.md").cards if c.variant == "quiz"]
    [card] = cards
    front, back = texts(card)
    assert "console.log(typeof NaN);" in front and '- B: "NaN"' in front
    assert back.splitlines()[0] == 'A: "number"'
    assert "returned when a calculation fails" in back
    # the explanation under "Answer: A" is no answer to "What's the output?" of its own
    assert not any(
        texts(c)[0].endswith("What's the output?") for c in generate_deck(QUIZ, "q.md").cards
    )


def test_an_answer_line_in_the_section_itself_korean() -> None:
    [card] = run(quiz.generate, KO)
    front, back = texts(card)
    assert "- C: 비연결성" in front and back.splitlines()[0] == "C: 비연결성"
    assert "연결 지향 프로토콜" in back


def test_no_quiz_card_without_a_marked_answer_or_a_matching_option() -> None:
    assert run(quiz.generate, KO.replace("정답: C", "")) == []
    assert run(quiz.generate, KO.replace("정답: C", "정답: E")) == []


def test_x_is_a_y_in_a_quiz_explanation_makes_no_definition_card() -> None:
    text = QUIZ.replace(
        "It is returned when a calculation fails.",
        "It is returned when a calculation fails. A function is a special type of object.",
    )
    fronts = [texts(c)[0] for c in generate_deck(text, "q.md").cards]
    assert not any(
        f.endswith("What is function?") or f.endswith("What is A function?") for f in fronts
    )


def test_a_quiz_explanation_blanks_only_what_the_author_marked_and_no_example_values() -> None:
    text = QUIZ.replace(
        "It is returned when a calculation fails.",
        "It is returned when a calculation fails. The loop runs over every element of the list.\n\n"
        'We said that `this.firstName` equals `"Sarah"` here. Later, we assign `d` to the object.',
    )
    backs = [texts(c)[1] for c in generate_deck(text, "q.md").cards if c.kind.value == "cloze"]
    assert "loop" not in backs and "element" not in backs  # unmarked words under "Answer: A"
    assert '"Sarah"' not in backs and "d" not in backs  # the example's value and variable


def test_the_list_an_explanation_leads_into_is_part_of_the_answer() -> None:
    text = QUIZ.replace(
        "It is returned when a calculation fails.",
        "It is returned when a calculation fails, as in:\n\n- `0 / 0`\n- `Math.sqrt(-1)`",
    )
    [card] = [c for c in generate_deck(text, "q.md").cards if c.variant == "quiz"]
    back = texts(card)[1]
    assert "as in:" in back and "0 / 0" in back and "Math.sqrt(-1)" in back
