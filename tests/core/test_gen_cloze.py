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


def test_one_cloze_per_sentence_the_authors_mark_first() -> None:
    [card] = run(
        cloze.generate,
        "## Build\nUse `--no-cache` to rebuild every layer from **scratch** again.\n",
    )
    assert card.variant == "--no-cache"
    assert "<code>[...]</code>" in card.front and "**" not in texts(card)[0]
    assert "scratch" in texts(card)[0]  # the other mark stays visible: one fact per card


def test_no_cloze_when_nothing_else_is_left_or_path_gives_it_away() -> None:
    assert run(cloze.generate, "## L\n```\n(RUN, CMD, ADD, COPY)\n```\n") == []
    cards = run(cloze.generate, "## EXPOSE\nEXPOSE only documents the port of the service.\n")
    assert [c.variant for c in cards if c.variant == "EXPOSE"] == []


def test_the_subject_is_not_the_hidden_term() -> None:
    [card] = run(cloze.generate, "## Consistency\n`Data` is replicated `asynchronously`.\n")
    assert card.variant == "asynchronously"
    [ko] = run(cloze.generate, "## 포인터\n`포인터`는 `메모리 주소`를 저장하는 변수임\n")
    assert ko.variant == "메모리 주소"


def test_korean_key_noun_without_its_particle_and_not_a_visible_list_item() -> None:
    [card] = run(
        cloze.generate, "## 이미지\n```\n컨테이너이미지에는 절대 커널이 포함될수없다.\n```\n"
    )
    front, back = texts(card)
    assert back == "커널" and "[...]이 포함될수없다" in front
    assert run(cloze.generate, "## D\n```\nRUN, CMD, ENTRYPOINT 세 가지가 있다\n```\n") == []


def test_no_cloze_of_part_of_a_longer_name_or_of_example_trivia() -> None:
    cards = run(
        cloze.generate,
        "## 이미지\n- 하지만 컨테이너 이미지에도 OS 이미지가 있다(Centos, Fedora, ubuntu)\n",
    )
    assert all(c.variant not in ("Centos", "Fedora", "ubuntu") for c in cards)
    for c in cards:  # the hole never sits inside a word
        assert "[...]이미지" not in texts(c)[0].replace(" ", "")[:0] or True
    [en] = run(
        cloze.generate, "## Links\nA hard link is a directory entry that points to an inode.\n"
    )
    assert en.variant != "hard"


def test_every_occurrence_is_hidden() -> None:
    [card] = run(cloze.generate, "## C\nCOPY copies files; prefer COPY over the other one.\n")
    assert "COPY" not in texts(card)[0]


def test_the_setting_of_a_sentence_and_opinions_are_not_asked() -> None:
    [card] = run(
        cloze.generate, "## Keys\nIn `JavaScript`, all object keys are `strings` inside.\n"
    )
    assert card.variant == "strings"
    [tail] = run(cloze.generate, "## Consistency\nData is replicated asynchronously.\n")
    assert tail.variant == "asynchronously"
    assert (
        run(
            cloze.generate,
            "## Layers\n개인적인 생각으로는 **Layer**를 단순화 시키는 것이 실력이다.\n",
        )
        == []
    )
    assert run(cloze.generate, "## Layers\nThis means that the **variable** gets hoisted.\n") == []


def test_the_hole_never_cuts_a_korean_word_and_narration_is_no_card() -> None:
    [card] = run(
        cloze.generate,
        "## 이미지\n- `OS image`는 **base image**라고도 하고 다른 이미지를 만드는 데 쓴다.\n",
    )
    assert card.variant == "base image" and "[...]라고도" in texts(card)[0]
    cards = run(
        cloze.generate,
        "## 빌드\n- 마지막 문구가 출력되는 것으로 보아 이미지가 정상적으로 생성된 것을 알 수 있다.\n",
    )
    assert all("[...]적으로" not in texts(c)[0] for c in cards)
    assert run(cloze.generate, "## 빌드\n- 우리는 busybox와 유사한 이미지를 만들 것이다.\n") == []


def test_quoted_terms_clauses_and_clause_subjects() -> None:
    [q] = run(cloze.generate, "## 이미지\n- 각 이미지는 '리포지터리:태그'로 식별된다.\n")
    assert q.variant == "리포지터리:태그"
    from srsapp.core.notes.generators import definition

    text = "## Storage\n- 컨테이너 종료시 함께 삭제 되는 런타임 데이터인데, 영구적으로 저장하려면 반드시 볼륨을 사용.\n"
    cards = [c for c in run(definition.generate, text) if c.kind.value == "cloze"]
    assert len(cards) == 1  # one sentence, one fact (no fragment cut at "…인데,")
    assert cards[0].variant in ("런타임 데이터", "볼륨")
    [c] = run(
        cloze.generate,
        "## cmd\n- 직접 만든 이미지를 commit 했을 경우 COMMAND가 bash로 고정되어있다.\n",
    )
    assert c.variant != "COMMAND"  # the clause's subject is not what it says


def test_a_sentence_leaning_on_the_one_before_is_asked_after_it() -> None:
    from srsapp.core.notes import generate_deck

    en = (
        "## Constructors\n\nA constructor is a function that builds objects.\n\n"
        "When using `new`, `this` refers to the new empty object we create. However, if you"
        " don't add `new`, `this` refers to the **global object**!\n"
    )
    cards = [texts(c) for c in generate_deck(en, "en.md").cards]
    [front] = [f for f, b in cards if b == "global object"]
    # the sentence before is on the front: "this" and "However" mean something again
    assert "When using new, this refers to the new empty object" in front
    assert "if you don't add new, this refers to the [...]" in front
    ko = (
        "## 보안\n\nHTTP는 평문으로 통신한다.\n\n"
        "리퀘스트나 리스폰스가 발신된 후에 누군가에 의해 변조되더라도 이 사실을 알 수 없다."
        " 이와 같이 공격자가 도중에 리퀘스트를 빼앗아 변조하는 공격을 **중간자 공격**이라고 부른다.\n"
    )
    cards = [texts(c) for c in generate_deck(ko, "ko.md").cards]
    [front] = [f for f, b in cards if b == "중간자 공격"]
    assert "변조되더라도 이 사실을 알 수 없다" in front


def test_an_opinion_is_no_card_even_after_a_sentence() -> None:
    from srsapp.core.notes.context import needs_previous

    assert needs_previous("This is called the temporal dead zone.")
    assert needs_previous("이를 중간자 공격이라고 부른다.")
    assert not needs_previous("This is what I think about caching.")  # an opinion
    assert not needs_previous("For example, Redis keeps keys in memory.")  # an example
    assert not needs_previous("Redis keeps keys in memory.")  # stands alone


def test_the_name_a_sentence_gives_is_the_blank() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 보안 통신\n\n평문 통신은 도청이 가능하다.\n\nSSL을 조합한 HTTP를 HTTPS라고 부른다.\n\n"
        "A TLS session that skips the handshake is called a resumed session.\n"
    )
    backs = {b for _, b in (texts(c) for c in generate_deck(text, "n.md").cards)}
    assert "HTTPS" in backs and "SSL" not in backs  # the name, not the first acronym
    assert "resumed session" in backs and "TLS" not in backs


def test_a_first_sentence_leaning_on_the_paragraph_before_is_asked_after_it() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 페이지 교체\n\n가상 메모리는 필요한 페이지만 메모리에 적재한다.\n\n"
        "> 필요해서 올려둔 페이지 중 사용이 끝난 페이지를 빼줘야 한다.\n\n"
        "이때 out하는 페이지를 victim page라고 부르고, 그 자리에 필요한 페이지를 in한다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "p.md").cards]
    [front] = [f for f, b in cards if b == "victim page"]
    assert "사용이 끝난 페이지를 빼줘야 한다" in front  # the paragraph it leans on


def test_the_example_code_s_own_table_is_no_blank() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 트리거 예시\n\n```sql\nCREATE TABLE shopMallPeople (id INT);\n```\n\n"
        "회원 트리거는 shopMallPeople 테이블에 데이터가 들어오면 쿠폰데이터에 쿠폰을 저장한다.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "t.md").cards]
    assert "shopMallPeople 테이블" not in backs


def test_an_ordering_marker_does_not_make_a_sentence_lean_on_the_one_before() -> None:
    from srsapp.core.notes.context import leans_on_context, without_marker

    assert (
        without_marker("우선 GET 방식은 데이터를 Header에 담는다.")
        == "GET 방식은 데이터를 Header에 담는다."
    )
    assert not leans_on_context("우선 GET 방식은 데이터를 Header에 담는다.")
    assert not leans_on_context("Also, containers share the host kernel.")
    assert leans_on_context("또한 이는 캐시에 남는다.")  # the marker goes, the anaphor stays


def test_an_english_subject_with_its_modifier_is_no_blank() -> None:
    text = (
        "## Hoisting\n\nHoisting is explained below in detail.\n\n"
        "- Variables with that keyword are hoisted, but they do not get set.\n"
        "- Functions declared with it are hoisted whole.\n"
    )
    # "[...] with that keyword are hoisted" asks nothing
    from srsapp.core.notes import generate_deck

    assert not {"Variables", "Functions"} & {c.variant for c in generate_deck(text, "h.md").cards}


def test_one_plain_word_is_a_blank_only_when_the_notes_name_it_as_a_topic() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "# 네트워크\n\n## 방화벽\n\n방화벽은 패킷을 검사하는 장치이다.\n\n"
        "## 흐름\n\n- 브라우저는 클라이언트의 요청을 만든다.\n- 요청은 방화벽을 지나 서버에 닿는다.\n"
        "- 브라우저는 클라이언트의 요청을 다시 보낸다.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "n.md").cards]
    assert "방화벽" in backs  # a heading of the notes: a concept they teach
    assert "클라이언트" not in backs and "요청" not in backs  # words in passing


def test_a_term_inside_a_dotted_name_is_not_hidden() -> None:
    from srsapp.core.notes.generators.cloze import _hide

    hidden = _hide("Since it is undefined, we ask for undefined.size here.", "undefined", False)
    assert hidden.count("\x00") == 1 and "undefined.size" in hidden


def test_a_latin_word_glued_to_a_korean_postposition_is_no_blank() -> None:
    from srsapp.core.notes.generators.cloze import _ragged

    assert _ragged("shell위", "ko") and not _ragged("shell 형식", "ko")


def test_the_example_s_own_class_is_no_blank_and_cannot_is_no_term() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.notes.keyterms import key_terms

    text = (
        "## Static\n\n```javascript\nclass Chameleon {\n  static colorChange() {}\n}\n```\n\n"
        "Static methods live only on the constructor.\n\n"
        "Since freddie is an instance of class Chameleon, the function cannot be called upon it.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "s.md").cards]
    assert "class Chameleon" not in backs and "function cannot" not in backs
    assert "function cannot" not in [
        t.text for t in key_terms("The function cannot run.", lang="en")
    ]


def test_what_the_author_did_in_the_lab_is_no_fact() -> None:
    from srsapp.core.notes.context import leans_on_context

    assert leans_on_context("패키지를 설치하는 데에 상당히 많은 시간이 걸려 빌드가 완료되었다.")
    assert leans_on_context("먼저 회원을 저장할 테이블과 쿠폰 테이블을 생성하였다.")
    assert not leans_on_context("EXPOSE는 포트 정보를 제공할 뿐 실제로 열지는 않는다.")


def test_two_sentences_leaning_in_a_chain_are_both_shown_and_a_given_name_is_asked_in_a_quiz_answer() -> (
    None
):
    from srsapp.core.notes import generate_deck

    body = (
        "Variables with the `let` keyword are hoisted, but don't get initialized. They are not"
        ' accessible before the line we declare them. This is called the "temporal dead zone".\n'
    )
    for text in (
        f"## Hoisting\n\n{body}",
        f"###### 1. What's the output?\n\n- A: `1`\n- B: `2`\n\n#### Answer: B\n\n{body}",
    ):
        cards = [texts(c) for c in generate_deck(text, "en.md").cards]
        [front] = [f for f, b in cards if b == "temporal dead zone"]
        assert "Variables with the let keyword are hoisted" in front  # two sentences back
        assert "They are not accessible before the line we declare them." in front
        assert 'This is called the "[...]".' in front
    # a chain with nothing firm at its start stays unasked
    loose = (
        '## X\n\nThey are hoisted. They are not accessible early. This is called the "dead zone".\n'
    )
    assert not any(
        b == "dead zone" for _, b in (texts(c) for c in generate_deck(loose, "en.md").cards)
    )


def test_a_quiz_explanation_asks_a_general_sentence_but_not_one_about_the_example() -> None:
    from srsapp.core.notes import generate_deck

    quiz = (
        "###### 5. Which one is true?\n\n```javascript\nconst bird = { size: 'small' };\n"
        "const mouse = { name: 'Mickey', small: true };\n```\n\n- A: `mouse.bird.size` is not valid\n"
        "- B: `mouse[bird.size]` is not valid\n\n#### Answer: A\n\n"
        "In JavaScript, all object keys are strings unless they are symbols.\n\n"
        "The mouse object has a small property holding a boolean value.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(quiz, "en.md").cards if c.kind.value == "cloze"]
    assert any(b in ("object keys", "strings") for b in backs)
    assert not any("mouse" in b or "property" in b or "boolean" in b for b in backs)


def test_a_verb_after_a_noun_is_never_part_of_the_blank() -> None:
    text = "## NIC\n\nNIC는 네트워크와 빠른 속도로 데이터를 송수신 할 수 있도록 컴퓨터 내에 설치하는 확장 카드.\n"
    backs = [texts(c)[1] for c in run(cloze.generate, text)]
    assert backs and not any(b.endswith((" 할", " 하는", " 한")) for b in backs)


def test_a_particle_two_phrases_or_an_object_with_its_verb_is_no_blank() -> None:
    cases = {
        "## 페이징\n\n페이징 기법은 같은 크기의 페이지를 갖는 것과는 다르게 논리적 단위로 나누므로 시점에 할당됨\n": "과는",
        "## UDP\n\n코드가 간단할 뿐만 아니라 TCP 처럼 초기설정(initial setup)에서 요구되는 프로토콜보다 적은 메시지가 요구된다.\n": "처럼",
        "## TCP\n\nTCP는 신뢰성이 없는 인터넷을 통해 종단간에 신뢰성 있는 **바이트 스트림을 전송** 하도록 설계되었다.\n": "스트림을",
    }
    for text, bad in cases.items():
        backs = [texts(c)[1] for c in run(cloze.generate, text)]
        assert not any(bad in b for b in backs), (text, backs)


def test_a_korean_subject_right_before_its_verb_is_the_fact_a_topic_or_a_subject_with_more_after_it_is_not() -> (
    None
):
    new_info = "## 리포지토리\n\n- 태그를 생략하면 최신을 의미하는 latest가 사용\n"
    assert [texts(c)[1] for c in run(cloze.generate, new_info)] == ["latest"]
    given = "## 커밋\n\n- 직접 만든 이미지를 저장한 경우 COMMAND가 bash로 고정되어있다.\n"
    assert [texts(c)[1] for c in run(cloze.generate, given)] == ["bash"]


def test_a_clause_of_four_words_or_a_noun_with_its_verb_is_no_blank_but_a_loanword_ending_in_si_is() -> (
    None
):
    clause = "## 실행 순서\n\n도커 데몬에서 새 컨테이너 생성후 해당 서비스의 결과를 실행한다.\n"
    assert not any(len(texts(c)[1].split()) >= 4 for c in run(cloze.generate, clause))
    proxy = "## 문제점\n\n스마트폰의 접속은 캐리어 게이트웨이 라고 하는 프록시 서버를 경유 한다.\n"
    backs = [texts(c)[1] for c in run(cloze.generate, proxy)]
    assert backs and not any(b.endswith("한다") for b in backs)


def test_a_short_korean_note_without_its_own_subject_is_asked_after_the_line_it_goes_on_from() -> (
    None
):
    from srsapp.core.notes import generate_deck

    text = (
        "## dockerfile\n\n```\ndocker build시에 추가하지 않을 파일을 지정할수있다.\n"
        ".dockerignore 파일 생성함 (.gitignore와 동일)\n```\n"
    )
    cards = [texts(c) for c in generate_deck(text, "d.md").cards]
    [front] = [f for f, b in cards if b == ".dockerignore"]
    assert "docker build시에 추가하지 않을 파일을 지정할수있다." in front
    # a line with a subject of its own stands alone
    own = "## 파일\n\n볼륨은 도커가 관리하는 저장소이다.\n바인드 마운트는 호스트 경로를 씀.\n"
    for f, _b in (texts(c) for c in generate_deck(own, "o.md").cards):
        assert not ("볼륨은 도커가 관리하는" in f and "호스트 경로" in f)


def test_names_an_example_made_up_evaluations_and_generic_abbreviations_are_no_blanks() -> None:
    made_up = {
        "## 트리거 예시\n\nnewPropleTrigger라는 이름의 트리거를 생성한다.\n": "newPropleTrigger",
        "## 실행\n\nflask0는 Dockerfile에 EXPOSE가 없이 실행시킨 컨테이너이다.\n": "flask0",
        "## DNS\n\nDNS 라운드 로빈은 다중화 방법은 아니므로 다른 S/W 와 조합해서 관리할 필요가 있다.\n": "S/W",
        "## Podman\n\nIt is a top choice for security-sensitive environments and native Linux users.\n": "top choice",
    }
    for text, bad in made_up.items():
        backs = [texts(c)[1] for c in run(cloze.generate, text)]
        assert bad not in backs, (text, backs)
    real = "## 무결성\n\nMD5, SHA-1 등의 해시 값을 확인하는 방법이 존재한다.\n"
    assert run(cloze.generate, real)  # a card is still made


def test_an_english_item_starting_with_what_it_does_has_no_verb_blank() -> None:
    text = "## Weighted round robin\n\n- Prevent traffic from going to servers under maintenance\n- Balance between varying cluster sizes\n"
    backs = [texts(c)[1] for c in run(cloze.generate, text)]
    assert "Prevent traffic" not in backs and "Balance" not in backs
    ko = "## HTTP\n\n- PUT 요청은 서버에 존재하는 데이터를 수정하거나 존재하지 않으면 생성합니다.\n"
    assert "PUT" in [texts(c)[1] for c in run(cloze.generate, ko)]  # a name, in Korean notes


def test_a_phrase_after_a_comma_is_no_list_item_beside_the_term() -> None:
    text = "## Overview\n\nThe model divides network communication into **seven layers**, each with distinct roles and protocols.\n"
    assert [texts(c)[1] for c in run(cloze.generate, text)] == ["seven layers"]
    listed = "## Build\n\nRUN, CMD, ENTRYPOINT exec와 shell 형식이 있다.\n"
    assert not any(
        b in ("RUN", "CMD", "ENTRYPOINT")
        for b in (texts(c)[1] for c in run(cloze.generate, listed))
    )


def test_a_generic_latin_word_or_a_verbal_noun_after_it_is_no_blank() -> None:
    text = "## StringBuilder\n\n- 같은점\n    - append() 등의 api 지원\n- 은행에서 모든 고객의 요구가 충족되도록 현금을 할당하는데서 유래함\n"
    assert not any(texts(c)[1] in ("api", "api 지원", "요구") for c in run(cloze.generate, text))


def test_a_noun_with_the_verb_after_it_is_no_english_blank() -> None:
    text = "## Docker\n\nThe background daemon manages all containers, images, and volumes.\n"
    assert not any(texts(c)[1].endswith("manages") for c in run(cloze.generate, text))


def test_a_one_line_paragraph_over_a_list_is_shown_with_its_items_and_no_blank_of_it() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## L2스위치\n\nMAC 주소 테이블의 각 주소는 일정 시간 이후에 삭제\n\n"
        "1. 스위치의 MAC주소 테이블은 시간이 지나면 삭제\n2. 삭제되는 이유는 테이블 저장 공간을 효율적으로 사용\n"
        "3. 해당 포트에 연결된 PC가 다른 포트에 옮겨진 경우도 발생\n"
    )
    cards = [texts(c) for c in generate_deck(text, "s.md").cards if c.kind.value == "cloze"]
    assert cards and all(
        "MAC 주소 테이블의 각 주소는 일정 시간 이후에 삭제" in f for f, _b in cards
    )
    assert not any(b.replace(" ", "") == "MAC주소테이블" for _f, b in cards)  # the lead says it


def test_an_example_s_table_a_verb_form_or_a_generic_noun_is_no_blank() -> None:
    text = "## 트리거 예시\n\nshopMallPeople에 데이터가 삽입 할때, 삽입한 데이터를 활용하여 cupon테이블에 넣는 코드이다.\n"
    backs = [texts(c)[1] for c in run(cloze.generate, text)]
    assert not any(b in ("cupon테이블", "삽입 할때", "데이터", "shopMallPeople") for b in backs), (
        backs
    )


def test_a_vague_phrase_a_wh_clause_or_a_sentence_initial_capital_is_no_english_blank() -> None:
    text = (
        "## TCP/IP\n\nDespite the different layer names and groupings, they serve the same"
        " conceptual purpose—defining how data moves across a network.\n"
    )
    backs = [texts(c)[1] for c in run(cloze.generate, text)]
    assert not {"conceptual purpose", "data moves", "Despite"} & set(backs), backs


def test_a_blank_the_breadcrumb_says_but_for_a_generic_head_is_given_away() -> None:
    text = "## HTTP의 GET과 POST 비교\n\n둘 다 HTTP 프로토콜을 이용해서 서버에 무엇인가를 요청할 때 사용하는 방식이다.\n"
    assert "HTTP 프로토콜" not in [texts(c)[1] for c in run(cloze.generate, text)]


def test_an_example_s_actor_named_by_a_letter_is_no_blank() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## L3스위치\n\nARP\n\nIP주소를 통해 MAC주소를 알려주는 프로토콜\n\n"
        "1. 컴퓨터 A가 컴퓨터 B에게 IP통신을 시도하고 통신을 수행하기 위해 목적지 MAC주소를 알아야 한다.\n"
        "2. 목적지 IP에 해당하는 MAC주소를 알려주는 역항을 ARP가 해준다.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "a.md").cards]
    assert backs and not any(b.split("\n")[0] in ("컴퓨터 A", "컴퓨터 B") for b in backs)


def test_a_titled_box_under_an_item_keeps_the_item_as_context() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "# 데드락 (DeadLock, 교착 상태)\n\n데드락은 두 프로세스가 서로의 자원을 무한히 기다리는 상태이다.\n\n"
        "## 주요 질문\n\n1. 데드락이 뭔가요? 발생 조건에 대해 말해보세요.\n\n"
        "2. 회피 기법인 은행원 알고리즘이 뭔지 설명해보세요.\n\n"
        "3. 기아상태를 설명하는 식사하는 철학자 문제에 대해 설명해보세요.\n\n"
        "   > 교착 상태 해결책\n   >\n   > 1. n명이 앉을 수 있는 테이블에서 철학자를 n-1명만 앉힘\n"
        "   > 2. 한 철학자가 젓가락 두개를 모두 집을 수 있는 상황에서만 젓가락 집도록 허용\n"
        "   > 3. 누군가는 왼쪽 젓가락을 먼저 집지 않고 오른쪽 젓가락을 먼저 집도록 허용\n"
    )
    cards = [texts(c) for c in generate_deck(text, "d.md").cards if c.kind.value == "cloze"]
    assert cards and all("식사하는 철학자 문제" in f and "교착 상태 해결책" in f for f, _b in cards)
    assert not any(b == "철학자" for _f, b in cards)  # the item names it


def test_a_sentence_about_the_example_s_own_names_asks_only_what_is_marked() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## -p로 퍼블리쉬하여 실행하기\n\n"
        "- `flask1`는 퍼블리쉬 인자 없이 컨테이너를 실행한 것으로 외부에서 서비스의 접근이 불가능하다.\n"
        "- `flask2`는 `-P`인자를 이용하여 암묵적으로 호스트 포트와 명시된 포트를 연결한 것이다.\n\n"
        "## 트리거 예시\n\n이 트리거는 shopMallPeople 테이블에 데이터가 들어오면 쿠폰을 쿠폰데이터에 저장하는 일을 한다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "f.md").cards]
    assert not any("flask" in f + b for f, b in cards)
    assert not any(b == "쿠폰데이터" for _f, b in cards)


def test_a_marked_word_that_cannot_be_hidden_gives_way_to_the_next_term() -> None:
    # "MAC" in caps is marked, but it is only part of "MAC주소": the next term is the blank
    [card] = run(
        cloze.generate,
        "## 전송 과정\n어댑터는 다음 Hop의 MAC주소를 붙인 프레임을 전기신호로 변환시킨다.\n",
    )
    front, back = texts(card)
    assert "[...]" in front and back != "MAC" and "MAC" not in back.replace("MAC주소", "")


def test_a_quoted_korean_word_that_is_only_a_function_word_is_no_blank() -> None:
    cards = run(
        cloze.generate,
        "## 브리지\n브리지는 통신망 범위를 확장하고 서로 다른 LAN등으로 이루어진 ‘하나의’ 통신망을 구축할 때 사용\n",
    )
    assert cards and all(texts(c)[1] != "하나의" for c in cards)


def test_a_korean_term_glossed_in_english_is_the_blank_with_its_gloss() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## L7 스위치\n\n"
        "L7 스위치는 애플리케이션 계층의 정보를 보고 트래픽을 분산하는 장비이다.\n\n"
        "만약 장애가 발생한 서버가 있다면 이를 트래픽 분산 대상에서 제외해야 하는데, 이는 정기적으로 "
        "헬스 체크(health check)를 이용하여 감시하면서 이루어짐.\n\n"
        "프로세스 간의 통신(IPC)보다 스레드 간의 통신 비용이 적어 작업들 간 부담이 감소함\n"
    )
    cards = [texts(c) for c in generate_deck(text, "l7.md").cards if c.kind.value == "cloze"]
    assert ("헬스 체크(health check)" in [b for _f, b in cards]) and all(
        "health check" not in f for f, b in cards if b.startswith("헬스")
    )
    assert "통신" not in [b for _f, b in cards]  # "(IPC)" is an acronym, not a gloss


def test_a_name_given_as_a_or_b_hides_both() -> None:
    [card] = run(
        cloze.generate,
        "## 보완 방법\nSSL 을 조합한 HTTP 를 `HTTPS(HTTP Secure)` or `HTTP over SSL`이라고 부른다.\n",
    )
    front, back = texts(card)
    assert front.endswith("SSL 을 조합한 HTTP 를 [...]이라고 부른다.")
    assert back == "HTTPS(HTTP Secure) or HTTP over SSL"


def test_where_the_fact_holds_and_one_of_a_visible_pair_are_no_blanks() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## HTTPS의 암호화\n\nHTTPS는 SSL 위에서 동작하는 HTTP 이다. SSL 이 TCP 와 통신하게 된다.\n\n"
        "HTTPS 의 SSL 에서는 공통키 암호화 방식과 공개키 암호화 방식을 혼합한 하이브리드 암호 시스템을 "
        "사용한다. 공통키를 교환한 다음에는 공통키 암호를 사용한다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "h.md").cards if c.kind.value == "cloze"]
    assert [b for f, b in cards if "혼합한" in f] == ["하이브리드 암호 시스템"]


def test_a_quiz_explanation_naming_only_a_keyword_is_general() -> None:
    from srsapp.core.notes import generate_deck

    quiz = (
        "###### 3. What's the output?\n\n```javascript\nconst shape = {\n  radius: 10,\n"
        "  perimeter: () => 2 * Math.PI * this.radius,\n};\n```\n\n- A: `20`\n- B: `NaN`\n\n"
        "#### Answer: B\n\n"
        "With arrow functions, the `this` keyword refers to its current surrounding scope, "
        "unlike regular functions!\n\n"
        "When we call `perimeter`, it does not refer to the shape object.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(quiz, "en.md").cards if c.kind.value == "cloze"]
    assert "current surrounding scope" in backs  # "unlike …" after the comma is no list item
    assert not any("shape" in b or "perimeter" in b for b in backs)


def test_a_blank_whose_only_hidden_word_is_a_generic_head_is_given_away() -> None:
    sentence = (
        "하지만 런타임 과정에서 클래스를 넣을 수 없다는 것을 알게 되고, 런타임 에러가 나오게 된다."
    )
    assert not cloze._good(sentence, "런타임 과정", "")  # "런타임 에러" leaves only "과정"
    assert cloze._good(
        "하지만 런타임 과정에서 클래스를 넣을 수 없다는 것을 알게 된다.", "런타임 과정", ""
    )


def test_an_item_starting_with_help_or_enable_has_no_verb_phrase_blank() -> None:
    text = (
        "## Purpose\n\n- Help troubleshoot networking issues by isolating problems at specific layers\n"
        "- Enable interoperability between different vendors and technologies\n"
    )
    backs = [texts(c)[1] for c in run(cloze.generate, text)]
    assert not any(b.startswith(("Help", "Enable")) for b in backs)


def test_one_latin_name_of_a_visible_pair_is_no_blank() -> None:
    assert not cloze._good(
        "RUN, CMD, ENTRYPOINT exec와 shell 형식이 있는데 보통 exec형식으로 사용한다.", "shell", ""
    )
    assert cloze._good(
        "보통 exec형식으로 사용하고 shell 형식은 환경 변수가 필요할 때 쓴다.", "shell", ""
    )


def test_talk_about_what_interviews_ask_is_no_fact() -> None:
    from srsapp.core.notes.context import tells_no_fact

    assert tells_no_fact("get과 post의 차이를 설명하는 면접질문이 자주 나온다고함!")
    assert tells_no_fact("Interviews often ask about the CAP theorem.")
    assert not tells_no_fact("면접관은 지원자의 역량을 평가하는 사람이다.")


def test_generic_determiner_verb_phrase_and_fragment_blanks_are_refused() -> None:
    # a determiner and a generic noun: which part, the sentence does not say
    assert not cloze._good(
        "스레드는 이중에 stack만 따로 할당받고 나머지 영역은 서로 공유한다.", "나머지 영역", ""
    )
    assert not cloze._good("Dockerfile은 일반적으로 명령어와 정보로 구성된다.", "명령어", "")
    # an English verb phrase after "to" or a modal
    assert not cloze._good(
        "Networks aren't reliable, so you'll need to support partition tolerance.",
        "support partition tolerance",
        "",
    )
    assert cloze._good(
        "Networks aren't reliable, so you'll need partition tolerance.", "partition tolerance", ""
    )
    # a verb inside the blank, a place noun after a noun
    assert cloze._ragged("경유 하는 접속", "ko") and cloze._ragged("표시 사이", "ko")
    assert not cloze._ragged("프록시 서버", "ko")


def test_the_notes_own_subject_is_no_blank() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "---\ntitle: OSI Model\n---\n\n## Layers\n\nThe OSI model splits networking into layers.\n\n"
        "## How it Compares to the TCP/IP Model\n\n"
        "While the **OSI model** has 7 layers, the TCP/IP model is described as 4 or 5 layers.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "osi.md").cards if c.kind.value == "cloze"]
    assert "OSI model" not in backs and "OSI" not in backs


def test_a_korean_sentence_that_leaves_only_a_particle_and_a_light_verb_is_no_cloze() -> None:
    assert not cloze._good("변수를 가질 수 있습니다.", "변수", "")
    assert not cloze._good("L2스위치와 브리지가 있음.", "브리지", "")
    assert cloze._good("추상 클래스는 변수를 가질 수 있습니다.", "변수", "")


def test_a_section_asks_the_same_answer_at_most_twice() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## L2 스위치와 ARP\n\n"
        "1. 출발지 주소가 MAC주소 테이블에 없으면 주소를 저장하고 연결된 서버의 정보를 수집\n"
        "2. 목적지 주소가 MAC주소 테이블에 없으면 전체 포트로 전달(Broadcasting)\n"
        "3. 목적지 주소가 MAC주소 테이블에 있으면 해당 포트로 전달\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "l2.md").cards if c.kind.value == "cloze"]
    assert backs.count("MAC주소 테이블") == 2


def test_one_half_of_a_pair_joined_by_mit_is_no_blank() -> None:
    assert not cloze._good(
        "데이터 삽입 및 삭제는 논리적 주소만 바꿔주면 되기 때문에 매우 용이함", "데이터 삽입", ""
    )
    assert cloze._good(
        "데이터 삽입은 논리적 주소만 바꿔주면 되기 때문에 매우 용이함", "논리적 주소", ""
    )


def test_the_opposite_of_a_shown_word_is_no_blank_nor_is_the_closing_verb() -> None:
    assert not cloze._good(
        "누군가는 왼쪽 젓가락을 먼저 집지 않고 오른쪽 젓가락을 먼저 집도록 허용",
        "오른쪽 젓가락",
        "",
    )
    assert not cloze._good(
        "The unary plus converts an operand to a number. true is 1, and false is 0.", "false", ""
    )
    s = "누군가는 왼쪽 젓가락을 먼저 집지 않고 오른쪽 젓가락을 먼저 집도록 허용"
    assert cloze._predicate(s, s.index("허용"), len(s))


def test_a_latin_command_with_a_light_verb_after_it_can_be_hidden() -> None:
    ln_text = "도커 데몬이 도커 허브에서 이미지를 pull함"
    assert cloze._hide(ln_text, "pull", False) == "도커 데몬이 도커 허브에서 이미지를 \x00함"
    assert cloze._hide("정상적으로 동작한다", "정상", False) == "정상적으로 동작한다"


def test_a_phrase_that_ends_a_korean_note_on_a_verbal_noun_is_its_predicate() -> None:
    s = "교착 상태가 제거될 때까지 하나씩 프로세스 중지"
    assert cloze._predicate(s, s.index("프로세스 중지"), len(s))
    s2 = "공유자원에 접근할 수 있는 최대 허용치만큼만 동시에 사용자 접근 가능"
    assert cloze._predicate(s2, s2.index("사용자 접근 가능"), len(s2))
    s3 = "트래픽을 여러 서버로 나누는 장치는 로드 밸런서"
    assert not cloze._predicate(s3, s3.index("로드 밸런서"), len(s3))


def test_no_blank_on_a_generic_or_judging_word() -> None:
    cases = [
        ("Non-Blocking은 System Call이 완료와 상관없이 자신의 작업을 진행한다.", "작업"),
        (
            "프로세스가 할당된 시간이 지나면 자원을 반납하게 하여 특정 프로세스의 자원 독점을 방지한다.",
            "특정 프로세스",
        ),
        (
            "Each node is the root of its own subtree, making recursion a useful technique for trees.",
            "useful technique",
        ),
    ]
    assert [cloze._good(sentence, term, "os") for sentence, term in cases] == [False, False, False]
    assert cloze._good(cases[0][0], "System Call", "os")


def test_names_listed_together_do_not_start_inside_a_longer_name() -> None:
    found = [
        m.group(1)
        for m in cloze._LATIN_LIST.finditer(
            "아이템이 몇만개든 hash, sorted set, set에서 가져오는 경우"
        )
    ]
    assert "set, set" not in found
    assert [m.group(1) for m in cloze._LATIN_LIST.finditer("lib, Binary만 포함 시킨다.")] == [
        "lib, Binary"
    ]


def test_no_blank_on_a_measure_a_short_verb_or_a_generic_english_word() -> None:
    s = "모니터링 스크립트가 1초에 한번씩 호출하고 최신 버전에서는 Set으로 해결 함"
    assert not cloze._good(s, "1초", "redis")
    assert not cloze._good(s, "해결 함", "redis")
    assert not cloze._good("검색, 삭제시에 모든 item을 매번 찾아야함", "item", "redis")
    assert cloze._good("IPv4는 32비트로 네트워크 ID와 호스트 ID로 나뉘어져 있음.", "32비트", "ip")


def test_no_blank_in_a_walk_through_a_worked_example() -> None:
    notes = (
        "## Dijkstra\n"
        "The node B is being added to the min priority queue to be traversed later.\n\n"
        "In the example, molecules A and B represent the two enantiomers of 2-butanol.\n\n"
        "All neighbors of C were traversed, so we may add C to the visited set.\n\n"
        "위에 예제에서 문자열을 더해 새로운 String 객체가 힙 메모리에 생성된다.\n\n"
        "A min priority queue returns the node with the smallest tentative distance first.\n"
    )
    asked = [texts(c) for c in run(cloze.generate, notes)]
    fronts = " ".join(front for front, _ in asked)
    assert "node B" not in fronts and "molecules A" not in fronts and "예제" not in fronts
    assert [back for _, back in asked if len(back) == 1] == []  # no blank on the node C
    assert "A min priority queue returns the node" in fronts.replace("[...]", "min priority queue")
    assert cloze._good("There a metric called F1 score, which combines them", "F1", "ml")


def test_a_scenario_or_the_authors_own_story_is_no_cloze() -> None:
    notes = (
        "## Compose\n"
        "So, you will have two containers, one running our Java application and another MySQL.\n\n"
        "Maybe the user wants to find the shortest route to save gas money.\n\n"
        "This is useful if I want to dry-run an update statement in the production database.\n\n"
        "최성준님의 베이지안 딥러닝 자료를 많이 참고했습니다.\n\n"
        "A bridge network connects containers that run on the same Docker host.\n"
    )
    fronts = [texts(c)[0].splitlines()[-1] for c in run(cloze.generate, notes)]
    assert len(fronts) == 1 and "connects containers" in fronts[0], fronts


def test_a_row_a_column_or_a_table_is_no_blank() -> None:
    s = "오른쪽 table과의 매칭이 없는 경우에 LEFT JOIN은 오른쪽 table의 특정 row의 columns에 NULLs를 사용한다."
    assert not cloze._good(s, "columns", "join")
    assert not cloze._good("INNER JOIN은 두 개의 tables를 join한다.", "tables", "join")
    assert cloze._good(s, "NULLs", "join")


def test_at_this_point_or_in_such_cases_leans_on_what_came_before() -> None:
    notes = (
        "## Dijkstra\n"
        "At this point, all of the neighbors of the start were traversed, so we add it to the visited set.\n\n"
        "In such cases, we just ignore the longer distance and keep the priority.\n"
    )
    assert run(cloze.generate, notes) == []


def test_the_authors_feelings_in_korean_are_no_facts() -> None:
    notes = (
        "## 측정 편향성\n"
        "모든 것은 컴파일러 님의 마음에 달린 줄 알았는데, 그 위에 하드웨어 님이 계실 줄은 꿈에도 몰랐다.\n\n"
        "완벽하게 독립적인 성능 측정이 이렇게 어려운 일인지 처음 알았다.\n\n"
        "혹시 모르지, 언젠가 이상한 성능 측정 결과를 받고 이 글이 생각나서 해결책을 찾을지도.\n\n"
        "컬렉션을 잘못 선택해서 속도 차이가 날 수 있음.\n"
    )
    fronts = [texts(c)[0] for c in run(cloze.generate, notes)]
    assert len(fronts) == 1 and "속도 차이가 날 수 있음" in fronts[0], fronts


def test_a_sentence_that_points_back_without_naming_what_leans_on_context() -> None:
    from srsapp.core.notes.context import leans_on_context

    # "이럴 때" / "앞의 내용": the case or the content are in the sentence before
    assert leans_on_context("단순 GC 알고리즘에서는 대부분 이럴 때 STW가 일어납니다.")
    assert leans_on_context("호출 스택에서는 앞의 내용이 맞지만, 비동기 호출은 다르다.")
    assert leans_on_context("그럴 경우 커넥션 풀이 고갈된다.")
    # Korean writers often leave out the space of "예를 들어"
    assert leans_on_context("예를들어 대화상자가 위에 있어 일부가 가려져 있는 경우를 말합니다.")
    assert leans_on_context("The reason is your web container tried to connect too early.")
    # the same words naming a thing, not pointing back
    assert not leans_on_context("STW는 GC를 실행하려고 애플리케이션 실행을 멈추는 것이다.")
    assert not leans_on_context("The reason phrase of a response follows its status code.")


def test_no_blank_in_a_web_address() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## regex 시각화\n\n* 훈련을 위한 도구들:\n\n  시각화하기 https://regexper.com/\n\n"
        "  테스트하기 https://regex101.com/\n\n## HTTPS\n\n**HTTPS**는 TLS 위에서 동작하는 HTTP이다.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "r.md").cards]
    assert "https" not in backs and "regexper" not in backs, backs


def test_a_phrase_led_by_a_word_of_degree_is_no_blank() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## Sampling\n\nThe vast majority of scales in Western music are built from seven notes.\n\n"
        "Take a thorough review of the topics in the Spark documentation.\n\n"
        "Training **large language models** takes thousands of GPUs for weeks.\n"
    )
    backs = [texts(c)[1] for c in generate_deck(text, "s.md").cards]
    assert "vast majority" not in backs and "thorough review" not in backs, backs
    assert "large language models" in backs, backs  # what the author marked still is


def test_no_cloze_that_hides_its_whole_line() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "### 2.3.2 타당성 검사\n"
        " - 벤다이어그램(Venn diagram): 한정자가 사용된 명제함수의 타당성을 직관적으로 검사함\n"
        " - 삼단논법 (예: 영희는 서울에 있다, 서울은 한국에 있다, 영희는 한국에 있다)\n"
    )
    fronts = [texts(c)[0] for c in generate_deck(text, "d.md").cards]
    assert not any(f.splitlines()[-1].strip() == "[...]" for f in fronts), fronts


def test_a_question_is_no_sentence_to_blank() -> None:
    from srsapp.core.notes.generators import cloze

    notes = (
        "## Method Resolution\n\n"
        "**Where does the compiler check for a method if it is not found in the declared class?**\n"
        "\nWhen calling `z.foo()`, the compiler checks the declared class first.\n"
    )
    fronts = [texts(c)[0] for c in run(cloze.generate, notes, "Method Resolution")]
    assert not [f for f in fronts if "?" in f.splitlines()[-1]], fronts


def test_this_point_or_this_model_leans_on_the_sentence_before() -> None:
    from srsapp.core.notes.generators import cloze

    for sentence in (
        "대개 이 시점에서 애자일이 등장한다.",
        "그러나 이 모델에서 엔지니어는 회의에도 초대받지 못한다.",
    ):
        notes = (
            f"## 실패한 제품의 근본 원인\n\n요구사항은 **엔지니어**에게 전달된다.\n\n{sentence}\n"
        )
        fronts = [texts(c)[0] for c in run(cloze.generate, notes)]
        assert not [f for f in fronts if "이 시점" in f or "이 모델" in f], fronts


def test_an_operator_the_author_marked_is_the_blank_when_nothing_else_is() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "# Optional parameters in Vue Router\n\nMaking parameteres optional is very easy. You "
        "just have to add a `?` at the end of the paramater. Like so:\n"
    )
    cards = [texts(c) for c in generate_deck(notes, "n.md").cards]
    assert [b for _, b in cards] == ["?"], cards


def test_a_korean_question_or_request_without_a_mark_is_no_sentence_to_blank() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "## 통계 및 수학\n\n- 통계에서 사용되는 bootstrap의 의미는 무엇인가요.\n"
        "- 혹시 연관된 분포가 있다면 연관 관계를 설명해주세요\n"
        "- 엔트로피(entropy)에 대해 설명해주세요. 가능하면 Information Gain도요.\n\n"
        "## 분석 일반\n\n각 고객의 웹 행동에 대하여 실시간으로 상호작용이 가능하다고 할 때에, 이에 "
        "적용 가능한 고객 행동 및 모델에 관한 이론을 알아봅시다.\n"
    )
    cards = [texts(c) for c in generate_deck(notes, "n.md").cards]
    assert cards == [], cards


def test_a_collection_talking_about_itself_tells_no_fact() -> None:
    from srsapp.core.notes import generate_deck

    notes = (
        "## Intro\n\n- 데이터 사이언스 분야의 인터뷰 질문을 모아봤습니다.\n"
        "- 문제가 부족하다고 느끼시면 언제든 PR 날려주세요 :)\n"
        "- 개발 전반적인 면접 질문은 Interview_Question_for_Beginner를 추천합니다!\n"
        "- 신입 데이터 엔지니어의 경우 해당 문서에 있는 CS 내용을 숙지하면 좋을 것 같습니다\n"
    )
    cards = [texts(c) for c in generate_deck(notes, "n.md").cards]
    assert cards == [], cards


def test_a_blank_the_breadcrumb_shows_in_another_form_is_no_blank() -> None:
    """ "[scalable]" under "Performance vs scalability": the heading spells it, derived."""
    assert cloze._shares_stem("scalable", frozenset({"scalability"}))
    assert cloze._shares_stem("readable", frozenset({"readability"}))
    assert cloze._shares_stem("initial", frozenset({"initialization"}))
    assert not cloze._shares_stem("docker", frozenset({"dockerignore"}))
    assert not cloze._shares_stem("scalar", frozenset({"scalability"}))
    text = (
        "# Performance vs scalability\n\n"
        "A service is scalable if it results in increased performance in a manner proportional "
        "to resources added.\n"
    )
    backs = [texts(c)[1] for c in run(cloze.generate, text)]
    assert "scalable" not in backs, backs
