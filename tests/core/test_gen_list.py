from __future__ import annotations

from srsapp.core.notes import generate_deck
from srsapp.core.notes.generators import list as list_gen

from .notes_util import by_variant, run, texts

KO = """## 네트워크 드라이버
- bridge
```
가상 스위치로 컨테이너를 잇는다
```
- host
```
호스트 네트워크를 그대로 쓴다
```
"""

EN = """## Merge strategies
- fast-forward
  - moves the branch pointer
- three-way merge
  - creates a merge commit
- squash
  - folds commits into one
"""


def test_named_items_followed_by_fences_korean() -> None:
    cards = run(list_gen.generate, KO)
    [all_] = by_variant(cards, "all")
    front, back = texts(all_)
    assert front.endswith("네트워크 드라이버: 2가지를 모두 쓰시오.")
    assert back.splitlines() == ["- bridge", "- host"]
    items = by_variant(cards, "item")
    assert [c.anchor for c in items] == ["bridge", "host"]
    assert texts(items[1])[1] == "호스트 네트워크를 그대로 쓴다"


def test_named_items_with_nested_descriptions_english() -> None:
    cards = run(list_gen.generate, EN)
    [all_] = by_variant(cards, "all")
    assert texts(all_)[0].endswith("Merge strategies: name all 3.")
    items = {c.anchor: texts(c)[1] for c in by_variant(cards, "item")}
    assert items["squash"] == "folds commits into one"


def test_sentences_are_not_named_items() -> None:
    text = "## Notes\n- This is a full sentence about things.\n  - detail\n- Another sentence here.\n  - more\n"
    assert run(list_gen.generate, text) == []


def test_run_of_keyvals_gets_a_card_naming_the_keys() -> None:
    cards = run(
        list_gen.generate,
        "## Dockerfile\n```\nFROM : base\nRUN : build step\nCMD : default command\nENTRYPOINT\n```\n",
    )
    [terms] = by_variant(cards, "terms")
    assert texts(terms)[1].splitlines() == ["- FROM", "- RUN", "- CMD", "- ENTRYPOINT"]
    assert "4" in texts(terms)[0]


BOXED = """## 교착 상태 처리
1. ##### 예방(prevention)

   발생 조건 중 하나를 제거한다

   > - 점유대기 부정 : 프로세스 실행전 모든 자원을 할당
   > - 순환대기 부정 : 자원에 고유번호 할당 후 순서대로 자원 요구

2. ##### 회피(avoidance)

   교착 상태 발생 시 피해나가는 방법

   > 은행원 알고리즘(Banker's Algorithm)
   >
   > - 시스템은 자원을 할당한 후에도 안정 상태로 남아있게 되는지 사전에 검사한다
"""


def test_lists_boxed_in_a_quote_are_read_like_lists() -> None:
    from srsapp.core.notes import generate_deck

    cards = [texts(c) for c in generate_deck(BOXED, "boxed.md").cards]
    # the KEY : meaning lines inside the quote box make cards of their own
    assert any("점유대기 부정" in f and "모든 자원을 할당" in b for f, b in cards)
    assert any("순환대기 부정" in f and "고유번호" in b for f, b in cards)


def test_a_short_title_over_a_boxed_list_is_the_context_of_its_lines() -> None:
    from srsapp.core.notes import generate_deck

    cards = [texts(c) for c in generate_deck(BOXED, "boxed.md").cards]
    [front] = [f for f, b in cards if "안정 상태" in b]
    assert "은행원 알고리즘" in front and "[...]" in front


NOTION = """## 로드 밸런싱 알고리즘

1. 라운드로빈 방식 (Round Robin Method)

서버에 들어온 요청을 순서대로 돌아가며 배정하는 방식.

1. IP 해시 방식 (IP Hash Method)

클라이언트의 IP주소를 특정 서버로 매핑하여 요청을 처리하는 방식.

사용자가 항상 동일한 서버로 연결되는 것을 보장한다.
"""


def test_names_as_one_item_lists_each_over_its_paragraphs_are_a_named_list() -> None:
    from srsapp.core.notes import generate_deck

    cards = [texts(c) for c in generate_deck(NOTION, "notion.md").cards]
    assert any(
        f.endswith("IP 해시 방식 (IP Hash Method)이란 무엇인가?") and "특정 서버로 매핑" in b
        for f, b in cards
    )
    # the item's paragraphs describe it: which method is described here
    assert any("순서대로 돌아가며 배정" in f and b.startswith("라운드로빈 방식") for f, b in cards)


def test_no_name_all_card_when_the_heading_names_every_item() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 추상 클래스와 인터페이스 차이는?\n\n- abstract class 추상 클래스\n    - 단일 상속을 지원합니다.\n"
        "- interface 인터페이스\n    - 다중 상속을 지원합니다.\n\n"
        "## 알고리즘 종류\n\n- Round Robin 알고리즘\n    - 순서대로 배정\n- Least Connection 알고리즘\n"
        "    - 연결이 가장 적은 서버\n"
    )
    fronts = [texts(c)[0] for c in generate_deck(text, "t.md").cards]
    assert not any("2가지를 모두 쓰시오" in f and "추상" in f for f in fronts)
    assert any(f.endswith("알고리즘 종류: 2가지를 모두 쓰시오.") for f in fronts)


def test_an_interview_keywords_section_keeps_its_named_terms_but_not_its_keyword_lines() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "### Java의 메모리 영역은?\n\n> 답변\n\n- 메소드, 힙, 스택 영역으로 구분됩니다.\n\n"
        "> 키워드 & 꼬리 질문\n\n"
        "- Stack Area\n    - 컴파일 타임시 할당됩니다.\n    - 지역 변수 등 임시 값이 생성되는 영역\n"
        "- Heap Area\n    - 런타임시 할당 됩니다.\n    - new 키워드로 생성되는 객체와 배열이 저장되는 영역\n"
        "- Java : GC, 컴파일/런타임 차이\n- 가비지 컬렉터 종류에 대한 이해\n"
    )
    cards = [texts(c) for c in generate_deck(text, "ko.md").cards]
    heap = [b for f, b in cards if f.endswith("Heap Area란 무엇인가?")]
    assert heap and "new 키워드로 생성되는 객체와 배열이 저장되는 영역" in heap[0]
    # keywords to mention in an interview are no facts of their own
    assert not any("GC, 컴파일/런타임 차이" in b or "가비지 컬렉터 종류" in f + b for f, b in cards)


def test_no_reverse_card_when_the_description_says_the_name() -> None:
    text = (
        "## Layers\n\n1. **Session (Layer 5)**\n   - Manages sessions or connections between applications\n"
        "2. **Transport (Layer 4)**\n   - Ensures end-to-end communication\n"
    )
    cards = [texts(c) for c in run(list_gen.generate, text)]
    assert not any(b.startswith("Session") and "Manages sessions" in f for f, b in cards)
    assert any(b.startswith("Transport") and "end-to-end" in f for f, b in cards)


def test_each_line_of_an_item_after_its_lead_is_a_cloze_of_its_own() -> None:
    text = (
        "## 추상 클래스와 인터페이스\n\n"
        "- abstract class 추상 클래스\n"
        "    - 단일 상속을 지원합니다.\n"
        "    - 변수를 가질 수 있습니다.\n"
        "- interface 인터페이스\n"
        "    - 다중 상속을 지원합니다.\n"
        "    - 모든 메소드는 선언부만 존재합니다.\n"
        "    - 구현 클래스는 선언된 모든 메소드를 overriding 합니다.\n"
    )
    cards = [c for c in generate_deck(text, "j.md").cards if c.kind.value == "cloze"]
    fronts = [texts(c)[0] for c in cards]
    # the second line, which the item card shows on its back, is asked on its own too
    assert any(
        "모든 메소드는 [...]만 존재합니다." in f and "interface 인터페이스" in f for f in fronts
    )
    assert not any("[...]을 지원합니다" in f for f in fronts)  # the lead: the item card asks it


def test_a_verb_after_a_noun_is_no_blank() -> None:
    text = (
        "## 마운트\n\n- bind mount\n    - 호스트의 디렉토리를 연결한다.\n    - 설정이 간단하다.\n"
        "    - 백업이 어렵다.\n    - 도커에 의해 관리 되지 않는다.\n"
        "- volume\n    - 도커가 만든 디렉토리를 쓴다.\n    - 도커가 관리한다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "b.md").cards if c.kind.value == "cloze"]
    assert not any(b.endswith("되지") for _f, b in cards)


def test_a_list_of_keywords_to_mention_is_not_all_there_is() -> None:
    text = (
        "## Java의 메모리 영역은?\n\n> 답변\n\n- 메소드, 힙, 스택, pc 레지스터, 네이티브 영역으로 구분됩니다.\n\n"
        "> 키워드 & 꼬리 질문\n\n- Method Area\n    - 클래스가 로딩될 때 생성됩니다.\n"
        "- Stack Area\n    - 컴파일 타임시 할당됩니다.\n- Heap Area\n    - 런타임시 할당 됩니다.\n"
    )
    fronts = [texts(c)[0] for c in generate_deck(text, "j.md").cards]
    assert not any("3가지를 모두 쓰시오" in f for f in fronts)
    assert any("Stack Area란 무엇인가?" in f for f in fronts)  # its items are still asked


def test_items_whose_lines_tell_what_the_list_s_owner_does_are_asked_under_the_list() -> None:
    text = (
        "## 헬스 체크\n\n> L4 스위치의 헬스체크\n>\n1. TCP\n\n"
        "L4 스위치가 서버와 3-way handshake를 실시. 헬스체크가 목적일 경우 FIN packet을 날려 커넥션 제거.\n\n"
        "1. HTTP\n\n3-way handshake를 실시하는 것은 동일. 추가로 HTTP Request(Get)을 전송하여 웹페이지를 요구.\n"
    )
    fronts = [texts(c)[0].splitlines()[-1] for c in generate_deck(text, "h.md").cards]
    assert "L4 스위치의 헬스체크: TCP는?" in fronts and "L4 스위치의 헬스체크: HTTP는?" in fronts
    assert "TCP란 무엇인가?" not in fronts


def test_numbered_step_labels_are_no_names_to_list() -> None:
    notes = (
        "## Transport Layer\n\nStep 1: Machine 1 sends a segment with SYN to machine 2.\n"
        "Step 2: Machine 2 responds with ACK and SYN bits set.\n"
        "Step 3: Machine 1 acknowledges machine 2's initial sequence number.\n"
    )
    assert [texts(c) for c in run(list_gen.generate, notes) if "name all" in texts(c)[0]] == []


def test_a_lead_in_that_ends_on_a_colon_is_not_an_items_whole_answer() -> None:
    notes = (
        "### Apps\n  * Rights management\n    * for:\n      * enforcing data rights\n"
        "      * provisioning access\n  * Blockchain\n    * Distributed ledger\n"
    )
    backs = {texts(c)[0].splitlines()[-1]: texts(c)[1] for c in run(list_gen.generate, notes)}
    assert "enforcing data rights" in backs["What is Rights management?"], backs


def test_a_term_first_in_a_list_is_one_of_its_items_not_their_lead() -> None:
    notes = (
        "### Data Models and Query Languages\n"
        "- **Relational Model:** Mature, structured schemas; supports joins and complex queries.\n"
        "- **NoSQL Models:**\n  - **Document Stores:** Flexible schemas.\n"
        "  - **Graph Databases:** Excellent for interconnected data.\n"
        "- **Schema Enforcement:**\n  - **Explicit (On Write):** Strict schema validation.\n"
        "  - **Implicit (On Read):** Flexible and adaptable.\n"
    )
    fronts = [texts(c)[0] for c in run(list_gen.generate, notes)]
    assert not [f for f in fronts if "name all 2" in f], fronts


def test_a_point_that_stops_before_its_sub_list_is_no_point_of_the_answer() -> None:
    text = (
        "## Linking\n\n- Executable and Linkable Format(ELF)\n"
        "  - Standard binary format for object files\n  - One unified format for\n"
        "    1. Relocatable object files (.o)\n    2. Executable object files (a.out)\n"
        "- Eq\n  - PartialEq + reflexive a == a\n  - Total equality\n"
    )
    got = [texts(c) for c in run(list_gen.generate, text)]
    backs = {f.split("\n")[-1]: b for f, b in got}
    assert backs.get("What is Executable and Linkable Format(ELF)?") == (
        "Standard binary format for object files"
    ), got
    assert "PartialEq + reflexive a == a" in backs.get("What is Eq?", ""), got
