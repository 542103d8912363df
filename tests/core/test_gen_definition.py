from __future__ import annotations

from srsapp.core.model import CardKind
from srsapp.core.notes.generators import definition

from .notes_util import run, texts

KO = "## 볼륨\n- 도커가 관리하는 저장소\n- 컨테이너가 지워져도 남는다.\n"
EN = "## Volumes\nA volume is storage managed by the engine.\nIt outlives the container.\n"


def test_korean_heading_with_body() -> None:
    card, reverse = run(definition.generate, KO)
    front, back = texts(card)
    assert reverse.variant == "reverse" and texts(reverse)[1] == "볼륨"
    assert "볼륨" not in texts(reverse)[0]  # the breadcrumb stops above the asked heading
    assert card.kind is CardKind.DEFINITION and card.anchor == "볼륨"
    assert front.splitlines() == ["볼륨", "볼륨이란 무엇인가?"]
    assert back.splitlines() == ["- 도커가 관리하는 저장소", "- 컨테이너가 지워져도 남는다."]
    assert (card.source_line, card.source_end) == (2, 3)


def test_english_heading_with_body_and_josa_for_latin_in_korean() -> None:
    card = run(definition.generate, EN)[0]
    assert texts(card)[0].endswith("What is Volumes?")
    ko = run(definition.generate, "## docker 볼륨 설정 방법\n볼륨을 컨테이너마다 따로 두는 방법\n")[
        0
    ]
    assert texts(ko)[0].endswith("docker 볼륨 설정 방법에 대해 설명하시오.")


def test_heading_without_body_or_with_only_commands_makes_no_definition() -> None:
    assert run(definition.generate, "## Empty\n## Next\n", "Empty") == []
    assert run(definition.generate, "## Cmds\n```\ngit status\n# show state\n```\n") == []


def test_long_body_is_split_into_screen_sized_cards() -> None:
    nouns = "컨테이너 이미지 볼륨 네트워크 레지스트리 레이어 포트 커널".split()
    body = "\n".join(
        f"- 문장 번호 {i}, {nouns[i % 8]}와 {nouns[(i + 3) % 8]}에 관한 설명을 길게 적는다."
        for i in range(30)
    )
    cards = run(definition.generate, "## 긴 절\n" + body)
    assert len(cards) >= 3
    assert len({c.key for c in cards}) == len(cards)
    for c in cards:
        back = texts(c)[1]
        assert len(back.splitlines()) <= 12 and len(back) <= 600


def test_links_are_no_card_they_are_reported() -> None:
    assert (
        run(definition.generate, "## Further reading\n[Docs](https://example.org/docs)<br>\n") == []
    )
    from srsapp.core.notes import generate_deck
    from srsapp.core.notes.report import LINK

    d = generate_deck("## Further reading\n[Docs](https://example.org/docs)<br>\n", "r.md")
    assert [(s.line, s.reason) for s in d.skipped] == [(2, LINK)]


def test_answers_belong_to_the_question_not_the_definition() -> None:
    text = "## FAQ\nWhy is my branch behind?\n\nSomeone pushed commits you have not pulled.\n"
    assert run(definition.generate, text) == []


def test_a_marked_name_and_what_it_does_asks_both_ways() -> None:
    ko = (
        "## Dockerfile\n\n명령어에 대한 정보는 다음과 같다.\n\n"
        "- `ADD`는 호스트에 존재하는 파일을 이미지의 특정폴더에 추가한다.\n"
        "- `CMD`는 컨테이너가 실행되는 경우 실행되는 커맨드를 정의한다.\n"
        "- `flask2`는 -P 인자로 포트를 연결한다.\n"
        "- **HTTPS**는 SSL의 껍질을 덮어쓴 HTTP라고 할 수 있다.\n"
    )
    cards = [texts(c) for c in run(definition.generate, ko)]
    assert (
        "Dockerfile\nADD는 무엇을 하는가?",
        "호스트에 존재하는 파일을 이미지의 특정폴더에 추가한다",
    ) in cards
    assert any(f.endswith("커맨드를 정의한다") and b == "CMD" for f, b in cards)
    assert not any("flask2는 무엇을" in f or b == "flask2" for f, b in cards)  # an example's name
    assert not any("HTTPS는 무엇을 하는가" in f for f, _ in cards)  # what it is, not does
    en = "## Dockerfile\n\nThe instructions:\n\n- `COPY` copies files from the build context.\n"
    cards = [texts(c) for c in run(definition.generate, en)]
    assert ("Dockerfile\nWhat does COPY do?", "copies files from the build context") in cards


def test_a_heading_lead_says_what_it_is_in_its_first_sentence_and_the_reverse_hides_it() -> None:
    text = (
        "# 네트워크 기기\n\n## 리피터\n\n리피터는 들어오는 약해진 신호를 증폭하여 다른 쪽으로 전달하는"
        " 장치. 이를 통해 패킷이 더 멀리 갈 수 있음. 하지만 이는 광케이블이 보급됨에 따라 현재는 잘"
        " 쓰이지 않음.\n"
    )
    cards = [texts(c) for c in run(definition.generate, text)]
    what = [b for f, b in cards if f.endswith("리피터란 무엇인가?")]
    assert what == ["리피터는 들어오는 약해진 신호를 증폭하여 다른 쪽으로 전달하는 장치."]
    assert (
        "네트워크 기기\n다음 설명에 해당하는 용어는?\n들어오는 약해진 신호를 증폭하여 다른 쪽으로"
        " 전달하는 장치.",
        "리피터",
    ) in cards


def test_a_korean_name_and_a_noun_phrase_is_a_definition_a_verbal_ending_is_not() -> None:
    text = (
        "## Git Flow\n\n- `develop` 은 다음 배포를 위한 통합 브랜치\n"
        "- `feature/*` 는 develop 에서 나와서 develop 으로 병합\n"
        "- `fork()`는 부모 프로세스의 메모리를 복사해서 사용\n"
    )
    cards = [texts(c) for c in run(definition.generate, text)]
    assert ("Git Flow\ndevelop이란 무엇인가?", "다음 배포를 위한 통합 브랜치") in cards
    assert any(b == "develop" and "통합 브랜치" in f for f, b in cards)
    # "… 병합", "… 사용": what it does, not a noun phrase that says what it is
    assert not any("feature" in f and "무엇인가" in f for f, _ in cards)
    assert not any("fork" in f and "무엇인가" in f for f, _ in cards)


def test_an_aside_after_a_korean_definition_is_left_out() -> None:
    text = (
        "## docker layer\n```\nlayer는 파일이다.  (파일의 추가가 있을때마다 layer가 추가됨.)\n```\n"
    )
    assert ("docker layer\nlayer란 무엇인가?", "파일이다.") in [
        texts(c) for c in run(definition.generate, text)
    ]


def test_a_reason_is_no_definition_and_a_label_line_describes_nothing() -> None:
    text = "## dockerfile\n```\nshell 형식은 shell 위에서 실행되는 거기때문임.\n```\n"
    assert not any(
        "shell 형식이란" in f for f, _ in (texts(c) for c in run(definition.generate, text))
    )
    outline = "## ubuntu apache2 포트 공개\n```\nPort\n     Dockerfile\n        EXPOSE  ?\n```\n"
    assert not any(b == "Port" for _, b in (texts(c) for c in run(definition.generate, outline)))


def test_a_heading_asking_what_and_more_asks_the_what_of_its_lead() -> None:
    text = (
        "#### 교착상태(DeadLock)가 무엇이며, 4가지 조건은?\n\n"
        "> 프로세스가 자원을 얻지 못해 다음 처리를 하지 못하는 상태를 말한다.\n>\n"
        "> 시스템적으로 한정된 자원을 여러 곳에서 사용하려고 할 때 발생하는 문제임\n"
    )
    fronts = [texts(c)[0] for c in run(definition.generate, text)]
    assert any(f.endswith("교착상태(DeadLock)란 무엇인가?") for f in fronts)
    assert not any("4가지 조건에 대해 설명하시오" in f for f in fronts)


def test_a_first_sentence_without_its_own_subject_says_what_the_heading_does() -> None:
    text = (
        "## Least connection\n\n접속 클라이언트 수가 가장 적은 서버를 선택한다. 로드밸런서에서"
        " 실시간으로 connection 수를 관리해야 한다.\n"
    )
    cards = [texts(c) for c in run(definition.generate, text)]
    assert (
        "Least connection\nLeast connection은 무엇을 하는가?",
        "접속 클라이언트 수가 가장 적은 서버를 선택한다",
    ) in cards
    assert (
        "다음 설명에 해당하는 것은?\n접속 클라이언트 수가 가장 적은 서버를 선택한다",
        "Least connection",
    ) in cards
    # a sentence with a subject of its own, a state, something done to it, or talk: no role
    for body in (
        "브라우저는 메시지를 네트워크에 송출하는 기능이 없다.",
        "이미지를 받을 때 같이 받아진 레이어를 참조해서 다운 받아진다.",
        "일부 그림이 포함되어야 하는 설명이므로 링크를 대신 첨부합니다.",
        "가중치를 높게 설정하는 것이 좋다.",
    ):
        made = [f for f, _ in (texts(c) for c in run(definition.generate, f"## WRR\n\n{body}\n"))]
        assert not any("무엇을 하는가" in f for f in made), body
    listed = "## in 방화벽, 캐시서버\n\n굳이 서버까지 가지 않아도 되는 경우를 골라낸다.\n"
    assert not any("무엇을 하는가" in texts(c)[0] for c in run(definition.generate, listed))


def test_a_lead_bullet_over_its_sub_list_answers_the_question_heading() -> None:
    text = (
        "### Java의 메모리 영역은?\n\n- 메소드, 힙, 스택 영역으로 구분됩니다.\n"
        "    - 메소드 영역은 클래스가 로딩될 때 생성되며 주로 static 변수가 저장됩니다.\n"
        "    - 힙 영역은 런타임시 할당되며 주로 객체가 저장됩니다.\n"
    )
    cards = [texts(c) for c in run(definition.generate, text)]
    assert (
        "Java의 메모리 영역은?\nJava의 메모리 영역은?",
        "메소드, 힙, 스택 영역으로 구분됩니다.",
    ) in cards
    # a first bullet without a sub-list of its own answers only part of the question
    flat = "### TCP와 UDP의 차이는?\n\n- TCP는 연결형이다.\n- UDP는 비연결형이다.\n- 둘 다 전송 계층이다.\n- 끝.\n"
    assert not any(
        b == "TCP는 연결형이다." for _, b in (texts(c) for c in run(definition.generate, flat))
    )


def test_which_term_is_described_hides_a_heading_that_names_the_answer() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "# System design\n\n## Latency vs throughput\n\n"
        "Latency is the time to perform some action or to produce some result.\n\n"
        "Throughput is the number of such actions or results per unit of time.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "sd.md").cards]
    rev = [f for f, b in cards if b == "Latency" and "Which term is described here?" in f]
    assert rev and all("Latency vs throughput" not in f for f in rev)
    assert rev[0].startswith("System design\n")  # the notes' title stands in for the crumb
    short = "## docker layer\n\nlayer는 파일이다.\n"
    assert not any(b == "layer" for _f, b in (texts(c) for c in generate_deck(short, "l.md").cards))


def test_a_heading_answered_by_numbered_steps_is_described_by_all_of_them() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "### Java 컴파일 과정\n\n> 답변\n\n1. 컴파일러가 변환: 소스코드 -> 자바 바이트 코드(.class)\n"
        "2. JVM이 변환: 바이트코드 -> 기계어\n3. 인터프리터 방식으로 애플리케이션 실행\n"
    )
    cards = [texts(c) for c in generate_deck(text, "j.md").cards]
    [back] = [b for f, b in cards if f.endswith("Java 컴파일 과정에 대해 설명하시오.")]
    assert back.count("\n") == 2 and "컴파일러가 변환" in back and "인터프리터 방식" in back


def test_this_command_named_only_by_the_sentence_before_is_asked_with_its_name() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## Flask 이미지\n\n여기서 알아보고자 하는 것은 `EXPOSE` 명령어이다. 이 명령어는 컨테이너의 포트를"
        " 호스트 컴퓨터에 노출한다고 명시적으로 정의하는 것이다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "e.md").cards]
    assert (
        "Flask 이미지\nEXPOSE 명령어란 무엇인가?",
        "컨테이너의 포트를 호스트 컴퓨터에 노출한다고 명시적으로 정의하는 것이다.",
    ) in cards
    two = "## X\n\n`ADD`와 `COPY`를 비교해 보자. 이 명령어는 파일을 이미지에 넣는다.\n"
    assert not any(
        "ADD 명령어" in f or "COPY 명령어" in f
        for f, _b in (texts(c) for c in generate_deck(two, "t.md").cards)
    )


def test_a_line_about_the_n_items_below_is_not_what_the_heading_is() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "##### 데드락 발생 조건\n\n> 4가지 모두 성립해야 데드락 발생\n\n"
        "1. ##### 상호 배제\n\n   > 자원은 한번에 한 프로세스만 사용할 수 있음\n\n"
        "2. ##### 점유 대기\n\n   > 자원을 점유하고 있으면서 다른 자원을 추가로 점유하기 위해 대기함\n"
    )
    cards = [texts(c) for c in generate_deck(text, "d.md").cards]
    assert not any(b.startswith("4가지 모두") or b == "데드락 발생 조건" for _f, b in cards)
    assert any(f.endswith("상호 배제란 무엇인가?") for f, _b in cards)


def test_a_too_short_definition_of_another_term_than_the_heading_s_is_no_card() -> None:
    from srsapp.core.notes import generate_deck

    other = "## POST\n\nPOST 는 서버의 값이나 상태를 변경하기 위해 사용된다. 반면 GET 은 가져오는 것이다.\n"
    assert not any(
        texts(c)[0].endswith("GET란 무엇인가?") for c in generate_deck(other, "p.md").cards
    )
    own = "## docker layer\n\nlayer는 파일이다.\n"
    assert any("파일이다" in texts(c)[1] for c in generate_deck(own, "l.md").cards)


def test_a_definition_after_a_connective_is_still_a_definition() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "### 완전성을 증명할 수 없기 때문에 변조가 가능하다\n\n"
        "여기서 완전성이란 **정보의 정확성** 을 의미한다. 서버에서 수신한 내용이 보낸 내용과 같다는 것을 "
        "보장할 수 없다.\n"
    )
    pairs = [
        (html_to_text(c.front).splitlines()[-1], html_to_text(c.back))
        for c in generate_deck(text, "i.md").cards
    ]
    assert ("완전성이란 무엇인가?", "정보의 정확성 을 의미한다.") in pairs
    # a connective before anything else still leans on what came before
    other = "## 캐시\n\n여기서 캐시는 앞의 예제에서 만든 것이다.\n"
    assert not any("캐시란" in html_to_text(c.front) for c in generate_deck(other, "c.md").cards)


def test_a_heading_that_names_an_example_is_not_described() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## 트리거\n\n트리거는 특정 동작에 반응해 자동으로 필요한 동작을 실행하는 것이다.\n\n"
        "## 트리거 예시\n\n회원가입을 한 후, 쿠폰을 발급하는 트리거를 짜는 예시이다.\n"
    )
    fronts = [html_to_text(c.front) for c in generate_deck(text, "t.md").cards]
    assert not any("트리거 예시에 대해" in f or "트리거 예시란" in f for f in fronts)
    assert any("트리거란 무엇인가?" in f for f in fronts)


def test_a_fact_that_holds_in_the_subject_does_not_say_what_it_is() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## GitHub Flow\n\n**정의:** main 하나와 짧게 사는 기능 브랜치만 쓰는 단순한 전략<br>\n"
        "**특징:** main 은 언제나 배포 가능한 상태를 유지한다\n\n"
        "> GitHub Flow 에서는 Pull Request 가 코드 리뷰와 배포의 단위가 된다.\n"
    )
    pairs = {
        html_to_text(c.front).splitlines()[-1]: html_to_text(c.back)
        for c in generate_deck(text, "g.md").cards
    }
    assert (
        pairs["GitHub Flow란 무엇인가?"] == "main 하나와 짧게 사는 기능 브랜치만 쓰는 단순한 전략"
    )


def test_a_line_that_announces_the_list_below_is_not_the_section_s_description() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## docker build 커맨드로 나만의 이미지 생성하기\n\n"
        "`docker build` 커맨드를 사용하기 위해서는 폴더를 생성하고, 폴더에 3가지 구성요소가 포함된다.\n\n"
        "1. **Dockerfile** : 이미지를 생성하기 위한 시나리오가 기록된 파일\n"
        "2. **.dockerignore** : 이미지에 넣지 않을 파일의 목록\n"
        "3. **컨텍스트** : 빌드에 쓰이는 파일이 있는 폴더\n"
    )
    fronts = [html_to_text(c.front) for c in generate_deck(text, "b.md").cards]
    assert not any("생성하기에 대해 설명하시오" in f for f in fronts)


def test_the_first_item_under_a_heading_that_names_a_set_does_not_define_it() -> None:
    notes = (
        "## Practical applications of Dijkstra's algorithm\n"
        "- GPS / navigation systems\n- Public transit and airline route optimization\n"
        "- Internet routing (OSPF, IS-IS protocols)\n- Network traffic & latency optimization\n"
        "- Logistics & delivery route optimization\n\n"
        "## Online metrics\n* CTR\n\n- Definition:\n    - Click-Through Rate (CTR) measures clicks.\n"
    )
    for title in ("Practical applications of Dijkstra's algorithm", "Online metrics"):
        answers = [texts(c)[1] for c in run(definition.generate, notes, title)]
        assert "GPS / navigation systems" not in answers and "CTR" not in answers, answers
    # an item that names the heading still says what it is
    [card, *_] = run(
        definition.generate,
        "## Greedy Algorithms\n- Greedy algorithms make the locally optimal choice at each step\n"
        "- They do not always find the best solution\n",
    )
    assert "Greedy algorithms make the locally optimal choice" in texts(card)[1]


def test_a_line_that_says_what_follows_is_about_defines_nothing() -> None:
    cards = run(
        definition.generate,
        "## 역, 이, 대우\n\n조건문 p 이면 q 에 대하여\n\n- 역 : q 이면 p\n- 이 : p 가 아니면 q 가 아니다\n",
    )
    assert not [c for c in cards if "에 대하여" in texts(c)[1]]


def test_a_term_spelled_with_other_spacing_is_one_term() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "## 함수 종속 사례\n\n함수종속은 어떤 속성이 다른 속성을 직접 결정하는 경우인 직접 종속을 의미함\n\n"
        "> 함수 종속은 키와 밀접한 연관이 있으며 결정자가 키가 되도록 릴레이션을 분해하는 과정이 정규화임.\n"
    )
    cards = [texts(c) for c in generate_deck(notes, "n.md").cards]
    fronts = ["".join(f.split()) for f, _ in cards]
    assert len(fronts) == len(set(fronts))  # "함수종속이란" and "함수 종속이란": asked once
    # the breadcrumb "함수 종속 사례" is cut above the card that asks for 함수종속
    assert not [f for f, b in cards if b == "함수종속" and "함수 종속" in f]


def test_a_link_back_to_the_top_of_the_page_is_no_part_of_a_definition() -> None:
    notes = (
        "# Notes\n\n### Salting\n  * Adds random data to a password before hashing\n\n\n"
        "[Back to Top](#notes)\n<br/><br/>\n"
    )
    [card, *_] = run(definition.generate, notes, "Salting")
    assert texts(card)[1] == "Adds random data to a password before hashing"


def test_a_bare_name_among_named_items_does_not_define_the_heading() -> None:
    notes = (
        "### Cryptographic Applications\n  * TLS and SSL\n  * Rights management\n"
        "    * enforcing data rights\n  * Blockchain\n    * Distributed, immutable ledger\n"
    )
    answers = [texts(c)[1] for c in run(definition.generate, notes)]
    assert "TLS and SSL" not in answers, answers


def test_a_heading_that_is_only_a_date_is_no_term() -> None:
    for title in ("12-05-2020(Tue)", "2021.03.13 (토)", "2020년 3월 5일 목요일"):
        notes = f"# TIL\n\n#### {title}\n\n- 함수형 언어\n  - 1급 객체, 불변성, 순수 함수\n"
        cards = [texts(c) for c in run(definition.generate, notes)]
        assert not [(f, b) for f, b in cards if title in b or f"{title}이란" in f], cards


def test_a_fact_stated_over_code_it_does_not_describe_is_still_a_definition() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "## Notes on Trees\n\n### Breadth-first search\n\n"
        "The search tree is broadened as much as possible before going to the next depth.\n\n"
        "```java\nvoid bfs(Node<T> node) {\n  Queue<Node<T>> q = new LinkedList<>();\n}\n```\n"
    )
    backs = [texts(c)[1] for c in generate_deck(notes, "n.md").cards]
    assert "The search tree is broadened as much as possible before going to the next depth." in (
        backs
    ), backs


def test_a_long_question_in_bold_is_answered_by_the_paragraph_under_it() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "## Inheritance\n\n### Subclass and Superclass Relationships\n"
        "**Why can we use a subclass object in place of a superclass object, but not vice versa?**"
        "\n\nA `Student` is a subclass of `Person`, which means the `Student` class has all the "
        "methods and attributes that are in the `Person` class. This allows for upper casting "
        "without any errors. However, since `x` is a `Person` object, it does not contain any of "
        "the `Student` class methods or attributes. Thus, placing it into `Student` would result "
        "in errors.\n"
    )
    cards = [texts(c) for c in generate_deck(notes, "n.md").cards]
    asked = [b for f, b in cards if f.endswith("but not vice versa?")]
    assert asked and asked[0].startswith("A Student is a subclass of Person"), cards
    assert not [f for f, _ in cards if "What is Student?" in f or "[...]" in f], cards


def test_code_in_a_bold_sub_heading_is_plain_in_the_breadcrumb() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "### Equality\n**What will `var1 == var2` evaluate to for each kind of type?**\n\n"
        "- **Reference Types:** Evaluates whether the two references point to the same memory "
        "location.\n- **Primitive Types:** Evaluates the actual values held in memory.\n"
    )
    deck = generate_deck(notes, "n.md")
    backs = [texts(c)[1] for c in deck.cards]
    assert "Evaluates the actual values held in memory." in backs, (backs, deck.skipped)
    assert not [c for c in deck.cards if "`" in texts(c)[0]]


def test_a_pronoun_is_no_term_and_a_sentence_it_opens_leans_on_the_one_before() -> None:
    notes = (
        "## 기술 중심의 제품과 서비스\n\n나는 기술 중심의 제품과 기업에 집중할 것이다. 그들은 기술 "
        "변화를 빠르게 흡수하고 고객을 위해 끊임 없이 혁신해야만 한다고 믿는 기업들이다.\n"
    )
    cards = [texts(c) for c in run(definition.generate, notes)]
    assert not [(f, b) for f, b in cards if "그들" in f or "그들" in b], cards


def test_a_wrapped_item_keeps_its_last_word_and_a_point_of_its_own_is_no_continuation() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "### Central Tendency\n\nThe second step in describing a distribution of values is to "
        "compute the\ncentral tendency\n- central tendency is an indicator of the average score "
        "in a\n  distribution of values\n- Three different statistical measures of central "
        "tendency:\n    + mode (most frequent value)\n    + median (middle score)\n\n"
        "### Measures of Variability\n\n- Variability is the spread of values throughout the "
        "distribution of\n  values\n\n### Standard deviation\n\n- Another measure of variability "
        "is the *standard deviation*: the\n  average difference from the mean.\n"
        "    + A large standard deviation -> considerable variability (spread) of\n"
        "      values around the mean\n"
    )
    cards = [texts(c) for c in generate_deck(notes, "n.md").cards]
    backs = [b for _, b in cards]
    assert "the spread of values throughout the distribution of values" in backs, cards
    assert "considerable variability (spread) of values around the mean" in backs, cards
    assert "an indicator of the average score in a distribution of values" in backs, cards
    assert not [f for f, _ in cards if "The second step" in f], cards


def test_a_clause_made_a_noun_is_no_term() -> None:
    notes = (
        "## 왜 그렇게 하는가?\n\n무엇보다 중요한 것은 시장 반응에 의해 측정되는 제품의 품질이다.\n"
    )
    cards = [texts(c) for c in run(definition.generate, notes)]
    assert not [(f, b) for f, b in cards if "중요한 것이란" in f or b == "무엇보다 중요한 것"], (
        cards
    )
