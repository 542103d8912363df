from __future__ import annotations

from srsapp.core.notes.generators import term

from .notes_util import by_variant, run, texts


def test_keyval_bullets_make_both_directions_korean() -> None:
    cards = run(
        term.generate,
        "## 상태\n- 생성 : 이미지에서 만들어졌지만 시작 전\n- 실행 : 프로세스가 도는 중\n",
    )
    fwd = by_variant(cards, "forward")
    rev = by_variant(cards, "reverse")
    assert [c.anchor for c in fwd] == ["생성", "실행"]
    assert texts(fwd[0])[0].endswith("생성의 뜻은?")
    assert texts(fwd[0])[1] == "이미지에서 만들어졌지만 시작 전"
    assert [texts(c)[1] for c in rev] == ["생성", "실행"]
    assert fwd[0].sibling == rev[0].sibling


def test_keyvals_in_a_fence_english_and_dash_form() -> None:
    cards = run(
        term.generate,
        "## Git\n```\nHEAD: the commit you are on\norigin - the default remote\n```\n",
    )
    assert {c.anchor for c in cards} == {"HEAD", "origin"}
    assert texts(by_variant(cards, "forward")[0])[0].endswith("What does HEAD mean?")


def test_no_reverse_when_meaning_is_long_or_contains_the_term() -> None:
    long = (
        "a very long explanation that goes on and on well past a hundred characters, " * 2 + "end."
    )
    cards = run(term.generate, f"## T\n```\nXY1 : {long}\n정지 : 정지한 상태\n```\n")
    assert [c.variant for c in cards] == ["forward", "forward"]


def test_key_without_meaning_makes_no_card() -> None:
    cards = run(term.generate, "## D\n```\nFROM : base image\nENTRYPOINT\n```\n")
    assert [c.anchor for c in cards] == ["FROM", "FROM"]
    assert all(texts(c)[1] for c in cards)


def test_markup_in_terms_is_rendered_not_shown_raw() -> None:
    [fwd, rev] = run(term.generate, "## M\n- `--rm` : remove the container on exit\n")
    assert "<code>--rm</code>" in rev.back
    assert "`" not in texts(fwd)[0]


def test_sub_bullets_of_a_term_go_on_its_card_not_into_the_definition() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## Transport\n"
        "- **UDP** : connectionless, fast\n"
        "  - used for live streaming\n"
        "- TCP : reliable, ordered\n"
    )
    cards = run(term.generate, text)
    udp = next(c for c in by_variant(cards, "forward") if c.anchor == "UDP")
    assert texts(udp)[1].splitlines() == ["connectionless, fast", "used for live streaming"]
    deck = generate_deck(text, "t.md")
    # the sub-bullet says nothing about "Transport" itself: no definition card is made of it
    assert not [c for c in deck.cards if c.kind == "definition"]


def test_a_heading_inside_a_quote_box_names_the_labels_under_it() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "#### 사용자 수준 스레드 vs 커널 수준 스레드 차이는?\n\n> ##### 사용자 수준 스레드\n>\n"
        "> 장점 : 오버헤드가 적음\n>\n> 단점 : 한 스레드가 커널로 진입하면 나머지도 정지됨\n>\n"
        "> ##### 커널 수준 스레드\n>\n> 장점 : 멀티프로세서를 활용함\n>\n> 단점 : context switching이 발생함\n"
    )
    cards = [texts(c) for c in generate_deck(text, "t.md").cards]
    assert any(
        f.endswith("사용자 수준 스레드의 단점은?") and "나머지도 정지됨" in b for f, b in cards
    )
    assert any(
        f.endswith("커널 수준 스레드의 단점은?") and "context switching" in b for f, b in cards
    )


def test_a_one_word_value_is_asked_forward_only() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## docker info\n\n- Storage Driver: overlay2\n- Logging Driver: json-file\n"
        "- Cgroup Driver: cgroupfs for the kernel control groups\n"
    )
    cards = [texts(c) for c in generate_deck(text, "t.md").cards]
    # a value, not a meaning: "What is the Storage Driver?" ("Storage Driver는?"), no reverse
    assert any(f.endswith("What is the Storage Driver?") and b == "overlay2" for f, b in cards)
    assert not any(b == "Storage Driver" for _, b in cards)  # "overlay2" describes nothing


def test_an_aside_with_a_command_in_a_meaning_is_a_fact_of_its_own() -> None:
    from srsapp.core.notes import generate_deck

    text = "## 명령어\n\n`rm` : 파일 삭제 (디렉토리 삭제 시에는 보통 `rm -R`을 많이 사용)\n\n`mv` : 파일 이동\n"
    cards = [texts(c) for c in generate_deck(text, "t.md").cards]
    assert any(
        "디렉토리 삭제 시에는 보통 [...]을 많이 사용" in f and b == "rm -R" for f, b in cards
    )


def test_items_under_a_why_question_are_reasons_asked_both_ways() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 캐스팅이 필요한 이유는?\n\n1. **다형성** : 오버라이딩된 함수를 분리해서 활용할 수 있다.\n"
        "2. **상속** : 캐스팅을 통해 범용적인 프로그래밍이 가능하다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "t.md").cards]
    assert any(f.endswith("캐스팅이 필요한 이유: 다형성은?") for f, _ in cards)
    assert not any(f.endswith("다형성의 뜻은?") for f, _ in cards)  # a reason, not a meaning
    assert any("오버라이딩된 함수를 분리" in f and b == "다형성" for f, b in cards)


def test_lines_under_a_numbered_key_go_on_its_back_and_the_code_between_is_still_reported() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "##### 형변환의 종류\n\n"
        "1. **묵시적 형변환** : 캐스팅이 자동으로 발생 (업캐스팅)\n\n"
        "   ```java\n   Parent p = new Child();\n   ```\n\n"
        "   > Parent를 상속받은 Child는 Parent의 속성을 포함하고 있기 때문\n\n"
        "2. **명시적 형변환** : 캐스팅할 내용을 적어줘야 하는 경우 (다운캐스팅)\n\n"
        "   > 다운캐스팅은 업캐스팅이 발생한 이후에 작용한다.\n"
    )
    d = generate_deck(text, "cast.md")
    backs = [texts(c)[1] for c in d.cards if "명시적 형변환" in texts(c)[0]]
    assert any("다운캐스팅은 업캐스팅이 발생한 이후에 작용한다." in b for b in backs)
    reported = {n for s in d.skipped for n in range(s.line, s.end + 1)}
    assert 9 not in reported and 13 not in reported  # on the cards' backs
    assert 6 in reported  # the code under 묵시적 형변환 made no card, and says so


def test_an_exercise_number_a_sample_name_or_a_restating_meaning_is_no_term() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 예시 문제\n\n문제1 : `Child Call!!!!`\n\n- Target Image Name : genesis\n\n"
        "## 구성요소\n\n- **이미지 내부로 전달 예정인 파일** : 호스트에 가진 파일을 생성될 이미지에 전달하는 경우에 사용된다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "ex.md").cards]
    assert not any(b in ("Child Call!!!!", "genesis") for _f, b in cards)
    # a key that describes ("전달 예정인 파일") is asked neither way: its meaning restates it
    assert not any("이미지 내부로 전달 예정인 파일" in f for f, _b in cards)
    assert not any(b == "이미지 내부로 전달 예정인 파일" for _f, b in cards)  # no reverse


def test_a_key_naming_one_thing_in_a_list_of_mappings_is_a_mapping_too() -> None:
    text = (
        "## 네트워크 기기의 처리 범위\n\n- 애플리케이션 계층: L7 스위치\n- 인터넷 계층: 라우터, L3 스위치\n"
        "- 데이터 링크 계층: L2스위치, 브리지\n- 물리 계층: NIC, 리피터, AP\n"
    )
    cards = [texts(c) for c in run(term.generate, text)]
    assert (
        "네트워크 기기의 처리 범위\n네트워크 기기의 처리 범위: 애플리케이션 계층은?",
        "L7 스위치",
    ) in cards
    assert not any(b == "애플리케이션 계층" for _f, b in cards)  # no "term meaning L7 스위치"


def test_a_quiz_explanation_s_code_expression_is_no_term() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "###### 5. Which one is true?\n\n- A: `mouse.bird.size` is not valid\n- B: `mouse[bird.size]` is not valid\n\n"
        "#### Answer: A\n\n- mouse[bird.size]: First it evaluates bird.size, which is small.\n"
    )
    assert not any(
        "mouse[bird.size]" in texts(c)[0]
        for c in generate_deck(text, "q.md").cards
        if c.kind.value == "term"
    )


def test_a_key_whose_meaning_defines_a_term_inside_it_asks_what_the_term_is() -> None:
    text = (
        "## 구성요소\n\n1. **(필수) Dockerfile 작성 방법** : Dockerfile은 이미지를 생성하기 위한 시나리오가"
        " 기록된 파일로서 docker build에서 필수적인 파일이다. 규칙에 맞춰 작성해야 한다.\n"
        "2. **(선택) .dockerignore 파일** : 전달되지 않아야 하는 대상을 선정하는 경우에 사용한다.\n"
    )
    cards = [texts(c) for c in run(term.generate, text)]
    assert any(
        f.endswith("Dockerfile이란 무엇인가?") and b.startswith("이미지를 생성하기")
        for f, b in cards
    )
    assert not any(f.endswith("Dockerfile 작성 방법은?") for f, _b in cards)


def test_a_quoted_value_is_what_the_key_goes_with_not_what_it_means() -> None:
    text = "## Mnemonics\n\n- Top-Down: “All People Seem To Need Data Processing”\n- Bottom-Up: “Please Do Not Throw Sausage Pizza Away”\n"
    cards = [texts(c) for c in run(term.generate, text)]
    assert ("Mnemonics\nMnemonics: Top-Down?", "“All People Seem To Need Data Processing”") in cards
    assert not any("mean" in f for f, _b in cards)


def test_a_cheat_sheet_command_is_asked_what_it_does() -> None:
    text = "## 명령어\n\n`grep` : 특정 패턴으로 파일을 찾는 명령어\n`ls` : 현재 폴더의 파일, 폴더 표시\n상태 : 무언가의 상태\n"
    fronts = [texts(c)[0] for c in run(term.generate, text)]
    assert any(f.endswith("grep은 무엇을 하는가?") for f in fronts)
    assert any(f.endswith("상태의 뜻은?") for f in fronts)  # a term, not a command


def test_a_description_that_spells_the_term_in_hangul_asks_no_reverse() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## Vector와 ArrayList의 차이는?\n\n"
        "- Vector : 동기식. 한 스레드가 벡터 작업 중이면 다른 스레드가 벡터 보유 불가능\n"
        "- ArrayList : 비동기식. 여러 스레드가 같이 작업할 수 있다\n"
    )
    backs = [html_to_text(c.back).strip() for c in generate_deck(text, "v.md").cards]
    assert "Vector" not in backs  # "벡터" on the front would say it
    assert "ArrayList" in backs


def test_examples_that_name_several_things_are_asked_in_the_plural() -> None:
    cards = run(
        term.generate,
        "## Layers\n- Data Link\n    - Examples: Ethernet frames, MAC addresses, Switches\n"
        "- Network\n    - Example: IP\n",
    )
    fronts = [texts(c)[0].splitlines()[-1] for c in cards]
    assert "Give examples of Data Link." in fronts
    assert "Give an example of Network." in fronts


def test_a_note_under_a_term_is_a_cloze_of_its_own_and_a_kind_of_the_heading_may_be_blank() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "# 캐스팅이란?\n\n## 형변환의 종류\n\n"
        "1. **묵시적 형변환** : 캐스팅이 자동으로 발생 (업캐스팅)\n\n"
        "2. **명시적 형변환** : 캐스팅할 내용을 적어줘야 하는 경우 (다운캐스팅)\n\n"
        "   > 다운캐스팅은 업캐스팅이 발생한 이후에 작용한다.\n"
    )
    clozes = [texts(c) for c in generate_deck(text, "c.md").cards if c.kind.value == "cloze"]
    # the subject of "업캐스팅이 발생한 이후" is inside a clause: the blank, "다운캐스팅" the topic
    assert any(
        "명시적 형변환" in f
        and "다운캐스팅은 [...]이 발생한 이후에 작용한다." in f
        and b == "업캐스팅"
        for f, b in clozes
    )


def test_a_value_s_second_sentence_is_a_cloze_under_its_key_and_whose_it_is() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 사용자 수준 스레드 vs 커널 수준 스레드 차이는?\n\n- 커널 수준 스레드\n"
        "    - 장점 : 사용자 수준 스레드보다 효율적임. 커널 스레드를 쓰면 멀티프로세서를 활용할 수 있기 때문이다.\n"
        "    - 단점 : context switching이 발생함. 이 과정에서 프로세서 모드가 사용자 모드와 커널 모드 "
        "사이를 움직이기 때문에 많이 돌아다닐 수록 성능이 떨어지게 된다.\n"
        "- 사용자 수준 스레드\n    - 장점 : 빠르다.\n"
    )
    clozes = [texts(c) for c in generate_deck(text, "t.md").cards if c.kind.value == "cloze"]
    assert any("커널 수준 스레드 › 장점" in f and b == "멀티프로세서" for f, b in clozes)
    assert not any(b.startswith("수록") for _f, b in clozes)  # "돌아다닐 수록": a verb's


def test_a_file_or_a_class_is_asked_what_it_is_not_what_it_means() -> None:
    cards = run(
        term.generate,
        "## 설정\n- ports.conf : 실제 서비스에 대한 포트\n- ArrayList : 비동기식. 여러 스레드가 동시 작업이 가능\n"
        "- 볼륨 : 도커가 관리하는 저장소\n",
    )
    fronts = [texts(c)[0].splitlines()[-1] for c in cards]
    assert "ports.conf는?" in fronts and "ArrayList는?" in fronts
    assert "볼륨의 뜻은?" in fronts


def test_a_label_under_a_question_heading_says_whose_when_the_question_opens_with_a_topic() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 스레드는 어떤 방식으로 생성하나요? 장단점도 말해주세요\n\n"
        "- 생성방법 : Runnable로 선언된 클래스 or Thread 클래스를 상속받아 run() 메소드를 구현\n"
        "- 장점 : 빠른 프로세스 생성, 메모리를 적게 사용 가능\n- 단점 : 동기화 문제가 생길 수 있음\n"
    )
    fronts = [texts(c)[0].splitlines()[-1] for c in generate_deck(text, "s.md").cards]
    assert "스레드의 장점은?" in fronts and "스레드의 단점은?" in fronts
    assert "스레드의 생성방법은?" in fronts


def test_a_key_that_asks_about_the_heading_is_asked_as_that_question() -> None:
    cards = run(
        term.generate,
        "## L1 vs L2 regularization\n\n* **Which to choose**: If all the features are correlated"
        " with the label, ridge outperforms lasso.\n",
    )
    assert [texts(c)[0].splitlines()[-1] for c in cards] == ["Which to choose?"]


def test_a_phrase_that_says_where_something_holds_is_no_term() -> None:
    cards = run(
        term.generate,
        "## Week 2\n\n- In many languages: every syllable has a vowel, not a consonant.\n"
        "- Ex: the word strike can be pronounced as tike.\n"
        "- Allophone: a variant of a phoneme that does not change meaning.\n",
    )
    fronts = [texts(c)[0] for c in cards]
    assert not [f for f in fronts if "In many languages" in f or "Ex mean" in f], fronts
    assert any("Allophone" in f for f in fronts)


def test_a_bold_word_a_korean_sentence_goes_on_from_is_no_term() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "## 타입 추론\n\n**타입 추론** 덕분에 `.js`파일을 `.ts`로 바꾸면 타입스크립트 환경에서도 "
        "동작한다.\n\n**CPU** 같은 자원은 운영체제가 나누어 준다.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(notes, "n.md").cards]
    assert not [b for b in backs if b.startswith(("덕분에", "같은"))], backs


def test_motivations_are_a_label_of_the_heading_not_a_term() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "### Replication\n"
        "- **Motivations:** High availability, reduced latency, and scalability for reads.\n"
        "- **Single-Leader:** Simplifies reasoning but risks bottlenecks.\n"
    )
    fronts = [texts(c)[0].splitlines()[-1] for c in generate_deck(notes, "n.md").cards]
    assert "What is the purpose of Replication?" in fronts, fronts
    assert not [f for f in fronts if "Motivations" in f], fronts
