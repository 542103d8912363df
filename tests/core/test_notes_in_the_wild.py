"""The structures real notes are made of, each rule on a small snippet (Korean and English)."""

from __future__ import annotations

from pathlib import Path

from srsapp.core.model import CardDraft, CardKind
from srsapp.core.notes import generate_deck, parse_notes
from srsapp.core.notes.parser import BlockKind, LineKind
from srsapp.core.text import html_to_text


def deck(text: str) -> list[CardDraft]:
    return generate_deck(text, "snippet.md").cards


def qa(cards: list[CardDraft]) -> list[tuple[str, str]]:
    """(last line of the front, back) of every card, as plain text."""
    return [(html_to_text(c.front).splitlines()[-1], html_to_text(c.back)) for c in cards]


def find(cards: list[CardDraft], front_has: str, back: str) -> bool:
    """Some card's front contains ``front_has`` (breadcrumb excluded) and its back is ``back``."""
    for c in cards:
        front = "\n".join(html_to_text(c.front).splitlines()[1:])
        if front_has in front and html_to_text(c.back) == back:
            return True
    return False


# --------------------------------------------------------------------- 1. code blocks with a language


def test_bash_fence_prompts_stripped_comments_explain_output_is_no_command() -> None:
    cards = deck(
        "## 컨테이너\n```console\n$ docker ps -a  # 모든 컨테이너 보기\n"
        "CONTAINER ID   IMAGE     STATUS\n3f2a   nginx   Up 2 hours\n```\n"
    )
    assert find(cards, "다음을 하는 명령은?", "docker ps -a")
    assert all("CONTAINER ID" not in b and "3f2a" not in b for _f, b in qa(cards))
    en = deck("## Git\n```bash\n# show what changed\ngit status\ngit log --oneline\n```\n")
    assert find(en, "Which command does this?", "git status")
    assert not any("git log" in b for _f, b in qa(en))  # nothing explains it: no card


def test_sentence_or_bullet_before_a_fence_explains_its_one_command() -> None:
    cards = deck("## Images\nTo remove every dangling image:\n\n```sh\ndocker image prune\n```\n")
    assert find(cards, "Which command does this?", "docker image prune")
    ko = deck(
        "## 로그\n- 컨테이너 로그를 계속 따라가며 보기\n  ```bash\n  docker logs -f web\n  ```\n"
    )
    assert find(ko, "다음을 하는 명령은?", "docker logs -f web")


def test_powershell_prompt_and_a_single_word_command() -> None:
    cards = deck("## Files\n```powershell\n# list the files here\nPS C:\\> Get-ChildItem\n```\n")
    assert find(cards, "Which command does this?", "Get-ChildItem")


def test_other_languages_only_with_prose_that_explains_them() -> None:
    text = "## 트리거\n트리거 목록을 확인하는 쿼리:\n\n```sql\nSHOW TRIGGERS;\n```\n\n```sql\nSELECT 1;\n```\n"
    cards = deck(text)
    assert find(cards, "다음을 하는 코드를 쓰시오.", "SHOW TRIGGERS;")
    assert not any("SELECT 1" in b or "SELECT 1" in f for f, b in qa(cards))


def test_dockerfile_and_yaml_lines_with_a_comment_are_pairs() -> None:
    cards = deck(
        "## Build\n```dockerfile\nEXPOSE 8080  # document the port\n# base image\nFROM ubuntu:22.04\n```\n"
    )
    assert find(cards, "Which line of code does this?", "EXPOSE 8080")
    assert find(cards, "Which line of code does this?", "FROM ubuntu:22.04")


def test_a_cheat_sheets_key_and_command_lines_are_one_pair_each() -> None:
    text = (
        "## Panes\n\n    C-b %       # vertical split\n    C-b x       # close pane\n    C-b o\n\n"
        "## Commands\n\n    $ tmux\n      -u        # UTF8 mode\n      -S ~/.tmux.socket\n"
        "\n## Sessions\n\n    $ tmux ls     # List sessions\n    0: 1 windows (created Mon)\n"
    )
    cards = deck(text)
    assert find(cards, "Which keys do this?\nclose pane", "C-b x")
    assert find(cards, "What do these keys do?\nC-b %", "vertical split")
    assert find(cards, "Which command does this?\nUTF8 mode", "tmux -u")
    assert find(cards, "Which command does this?\nList sessions", "tmux ls")
    pairs = qa(cards)
    assert not [p for p in pairs if "#" in p[0] or "#" in p[1]]  # no whole block, no raw comment
    assert not [p for p in pairs if "C-b o" in p[0] or "C-b o" in p[1]]  # plain code: no card
    assert not [p for p in pairs if "windows" in p[1]]  # output stays output
    assert len(cards) == 8


def test_a_korean_cheat_sheets_keys_in_any_fence_are_one_pair_each() -> None:
    text = (
        "## vim 편집 명령\n\nvim에서 자주 쓰는 편집 명령을 정리한다.\n\n"
        "```\ndd      # 커서가 있는 한 줄 삭제\nyy      # 커서가 있는 한 줄 복사\n```\n\n"
        "## tmux 세션\n\n```bash\n$ tmux ls     # 세션 목록 보기\n0: 1 windows (created Mon)\n"
        "Ctrl-b d      # 세션에서 빠져나오기\n```\n"
    )
    cards = deck(text)
    assert find(cards, "다음을 하는 명령은?\n커서가 있는 한 줄 삭제", "dd")
    assert find(cards, "다음을 하는 키는?\n세션에서 빠져나오기", "Ctrl-b d")
    assert find(cards, "다음 키는 무엇을 하는가?\nCtrl-b d", "세션에서 빠져나오기")
    assert find(cards, "다음을 하는 명령은?\n세션 목록 보기", "tmux ls")


def test_an_untagged_fence_of_aligned_key_and_setting_lines_is_no_output() -> None:
    text = (
        "## Panes\n\n```\nC-b %       # vertical split\nC-b x       # close pane\n```\n\n"
        "## Compose\n\n```\nimage: nginx:1.25   # the web server image\n"
        "restart: always     # restart on failure\n```\n"
    )
    cards = deck(text)
    assert find(cards, "Which keys do this?\nclose pane", "C-b x")
    assert find(cards, "Which line of code does this?\nrestart on failure", "restart: always")


def test_a_fence_of_any_tag_around_korean_definitions_is_read_as_notes() -> None:
    text = (
        "## 2NF(제 2 정규형)\n\n1NF를 만족하고, 부분 함수적 종속을 제거한 정규형이다\n\n```bash\n"
        "완전 함수적 종속 : 만약 (속성 A, 속성 B) -> 속성 C 일때, A->C, B->C 모두 성립될때 완전 "
        "함수적 종속이라 한다\n이행적 종속 : A -> B, B -> C 의 종속관계에서 A -> C를 만족하는 관계를 "
        "의미한다\n```\n\n## 컨테이너\n\n```bash\n# 실행 중인 컨테이너 목록 보기\ndocker ps\n```\n"
    )
    cards = deck(text)
    assert find(
        cards,
        "완전 함수적 종속의 뜻은?",
        "만약 (속성 A, 속성 B) -> 속성 C 일때, A->C, B->C 모두 성립될때 완전 함수적 종속이라 한다",
    )
    assert find(
        cards,
        "이행적 종속의 뜻은?",
        "A -> B, B -> C 의 종속관계에서 A -> C를 만족하는 관계를 의미한다",
    )
    assert not [f for f, _b in qa(cards) if "다음 단계는" in f or "다음 경우에" in f]  # no chain
    assert find(cards, "다음을 하는 명령은?", "docker ps")  # a fence of commands stays one


def test_a_fence_of_any_tag_around_english_definitions_is_read_as_notes() -> None:
    text = (
        "## Caching\n\n```text\nIdempotence : an operation that gives the same result however "
        "many times it is applied\n```\n\n```python\n# read the config once\nconfig = load()\n```\n"
    )
    pairs = qa(deck(text))
    assert (
        "What does Idempotence mean?",
        "an operation that gives the same result however many times it is applied",
    ) in pairs
    assert not [p for p in pairs if "config" in " ".join(p)]  # code stays code


# --------------------------------------------------------------------- 2. tables


def test_two_column_tables_are_pairs_commands_and_terms() -> None:
    text = (
        "## kubectl\n| Command | Description |\n|---|---|\n"
        "| `kubectl get pods` | List all pods |\n| `kubectl top node` | Show metrics for nodes |\n\n"
        "## 용어\n| 용어 | 뜻 |\n|---|---|\n| 파드 | 컨테이너의 묶음 |\n"
    )
    cards = deck(text)
    assert find(cards, "Which command does this?", "kubectl get pods")
    # "List all pods" says what "kubectl get pods" is made of: asked one way only
    assert not find(cards, "What does this command do?", "List all pods")
    assert find(cards, "Which command does this?", "kubectl top node")
    assert find(cards, "What does this command do?", "Show metrics for nodes")
    assert find(cards, "파드의 뜻은?", "컨테이너의 묶음")
    assert find(cards, "다음 뜻을 가진 용어는?", "파드")
    assert all("|" not in f + b for f, b in qa(cards))


def test_comparison_table_one_card_per_cell_cued_by_row_and_column() -> None:
    ko = deck(
        "## 비교\n| 구분 | TCP | UDP |\n|---|---|---|\n| 연결 방식 | 연결형 | 비연결형 |\n"
        "| 신뢰성 | 높음 | 낮음 |\n"
    )
    assert find(ko, "TCP: 연결 방식은?", "연결형")
    assert find(ko, "UDP: 신뢰성은?", "낮음")
    assert len([c for c in ko if c.kind is CardKind.TABLE]) == 4
    en = deck(
        "## Isolation\n| Level | Dirty reads | Phantoms |\n|---|---|---|\n"
        "| Read committed | prevented | possible |\n"
    )
    assert find(en, "Read committed: Dirty reads?", "prevented")


def test_a_table_without_its_header_takes_the_columns_of_the_table_before() -> None:
    long_cell = (
        "**Requires configuration.** Port forwarding and volume mounts can be more complex,"
        " particularly with rootless networking. It often needs specific network setups to"
        " function correctly."
    )
    cards = deck(
        "## Tools\n| Feature | Docker | Podman |\n|---|---|---|\n| Security | root daemon |"
        " rootless |\n\nMore detail:\n\n---\n\n| **Network** | Automatic port forwarding. | "
        + long_cell
        + " |\n"
    )
    assert find(cards, "Docker: Network?", "Automatic port forwarding.")
    # sentences in a cell under a bold lead: the lead is the cell's fact (and an aside right
    # after it: "Open-source (Apache 2.0)")
    assert find(cards, "Podman: Network?", "Requires configuration.")
    licence = deck(
        "## Tools\n| Feature | Docker | Podman |\n|---|---|---|\n| Licensing | Commercial for"
        " large enterprises | **Open-source** (Apache 2.0). Completely free for all uses,"
        " including commercial ones of any size. |\n"
    )
    assert find(licence, "Podman: Licensing?", "Open-source (Apache 2.0)")
    assert not any("|" in b for _, b in qa(cards))


def test_a_table_of_an_examples_values_makes_no_cell_cards_a_comparison_still_does() -> None:
    text = (
        "## 5NF\n\n릴레이션 R이 다음과 같을때,\n\n|A|B|C|\n|---|---|---|\n|s1|p1|c2|\n"
        "|s1|p2|c1|\n|s2|p1|c1|\n|**s2**|**p1**|**c2**|\n\n"
        "## FCFS\n\n| Process | Arrival | Burst |\n|---|---|---|\n| P1 | 0 | 5 |\n| P2 | 1 | 3 |\n\n"
        "## 비교\n\n| 구분 | TCP | UDP |\n|---|---|---|\n| 연결 방식 | 연결 지향 | 비연결 |\n"
        "| 포트 | 80 | 53 |\n"
    )
    pairs = qa(deck(text))
    assert not [p for p in pairs if "s1" in p[0] or "P1" in p[0] or p[1] in ("p1", "c2", "0", "5")]
    assert ("TCP: 연결 방식은?", "연결 지향") in pairs  # a comparison keeps its cells
    reasons = {s.line: s.reason for s in generate_deck(text, "snippet.md").skipped}
    assert reasons[7] == reasons[16] == "example data"  # reported as what it is


def test_a_row_head_that_repeats_with_other_values_asks_nothing_of_them() -> None:
    text = (
        "## 수강 테이블\n\n| 학번 | 이름 | 과목 |\n|---|---|---|\n| 100 | 홍길동 | 데이터베이스 |\n"
        "| 100 | 홍길동 | 운영체제 |\n| 200 | 이몽룡 | 데이터베이스 |\n"
    )
    pairs = qa(deck(text))
    assert not [p for p in pairs if p[0].startswith("100: 과목")]  # 데이터베이스 or 운영체제?
    # a student's record is an example's row, keyed by its 학번: none of its cells is asked
    assert not [p for p in pairs if p[0].startswith("200:")]
    # a row number is no record key: a cheat sheet's numbered rows are still asked
    numbered = deck(
        "## 명령어\n\n| 번호 | 명령어 | 설명 |\n|---|---|---|\n| 1 | ls | 디렉터리의 파일 목록을 보여준다 |\n"
        "| 2 | pwd | 현재 디렉터리의 경로를 보여준다 |\n"
    )
    assert "디렉터리의 파일 목록을 보여준다" in [back for _, back in qa(numbered)]


def test_an_examples_records_keyed_by_an_id_column_make_no_cards() -> None:
    text = (
        "## 1NF\n\n| 학번 | 이름 | 학년 | 학교 |\n|---|---|---|---|\n| 2021 | 홍길동 | 1 | 인천대학교 |\n"
        "| 2022 | 김춘향 | 2 | 인천대학교 |\n\n## 2NF\n\n| 고객ID | 상품ID | 상품명 | 주문 수량 |\n"
        "|---|---|---|---|\n| AA | A1 | 티셔츠 | 1 |\n| AB | B1 | 바지 | 2 |\n"
    )
    assert qa(deck(text)) == []
    assert [s.reason for s in generate_deck(text, "snippet.md").skipped] == ["example data"] * 2


# --------------------------------------------------------------------- 3. prose indented by 4 spaces


def test_indented_prose_is_prose_indented_code_stays_code() -> None:
    doc = parse_notes(
        "## 메모\n\n    볼륨은 도커가 관리하는 저장소이다.\n    컨테이너가 지워져도 남는다.\n"
    )
    [sec] = doc.sections
    assert [b.kind for b in sec.blocks] == [BlockKind.PROSE]
    code = parse_notes("## Code\n\n    x = compute(a, b);\n    return x;\n")
    assert [b.kind for b in code.sections[0].blocks] == [BlockKind.CODE]


# --------------------------------------------------------------------- 4. bold as structure


def test_bold_line_is_a_sub_heading_and_bold_terms_are_definitions() -> None:
    text = (
        "## Networking\n**Load balancer**\nSpreads requests over several servers.\n\n"
        "- **Reverse proxy**: forwards client requests to backend servers\n"
        "- **CDN** – serves static files from edge locations\n"
    )
    doc = parse_notes(text)
    assert [s.path for s in doc.sections] == [
        ("Networking",),
        ("Networking", "Load balancer"),
    ]
    cards = deck(text)
    assert find(cards, "What is Load balancer?", "Spreads requests over several servers.")
    assert find(
        cards, "What does Reverse proxy mean?", "forwards client requests to backend servers"
    )
    assert find(cards, "What does CDN mean?", "serves static files from edge locations")
    assert all("**" not in f + b for f, b in qa(cards))


def test_generic_labels_belong_to_the_heading_above() -> None:
    ko = deck(
        "## TCP\n**정의**\n연결 지향형 전송 계층 프로토콜\n\n**장점**\n- 신뢰성 있는 전송\n- 순서 보장\n"
    )
    assert find(ko, "TCP란 무엇인가?", "연결 지향형 전송 계층 프로토콜")
    assert find(ko, "TCP의 장점은?", "- 신뢰성 있는 전송\n- 순서 보장")
    assert not any("정의란" in f or "장점이란" in f for f, _b in qa(ko))
    en = deck("## Caching\n- **Purpose:** keep hot data close to the reader\n")
    assert find(en, "What is the purpose of Caching?", "keep hot data close to the reader")


# --------------------------------------------------------------------- 5. one fact per card


def test_a_bullet_list_gives_one_card_per_bullet_not_one_long_answer() -> None:
    text = (
        "#### 이미지\n- 운영체제와 소프트웨어를 담고있는 컨테이너 실행 이전의 상태.\n"
        "- 각 이미지는 `리포지터리:태그`로 식별된다.\n- 컨테이너 이미지에는 절대 커널이 포함될수없다.\n"
        "- 이미지는 여러 개의 레이어로 구성되며 레이어는 서로 공유된다.\n"
        "- 보통 exec 형식을 쓰고 셸의 기능이 필요할 때만 셸 형식을 쓴다.\n"
    )
    cards = deck(text)
    backs = [b for _f, b in qa(cards)]
    assert all(len(b.splitlines()) <= 3 for b in backs)
    assert find(
        cards, "이미지란 무엇인가?", "운영체제와 소프트웨어를 담고있는 컨테이너 실행 이전의 상태."
    )
    assert find(cards, "[...]이 포함될수없다", "커널")
    assert len({c.source_line for c in cards}) >= 4  # every bullet is asked


def test_nested_bullets_keep_their_parent_as_context() -> None:
    text = (
        "## Replication\n- Master-slave replication\n"
        "  - The master serves reads and writes, replicating writes to `slaves`.\n"
        "  - Slaves can also replicate to additional slaves in a `tree-like` fashion.\n"
        "- A third short point that is here.\n"
    )
    cards = [c for c in deck(text) if c.kind is CardKind.CLOZE]
    assert any("Master-slave replication" in html_to_text(c.front) for c in cards)


# --------------------------------------------------------------------- 6. lists that are what they look like


def test_procedure_versus_agenda_and_question_lists() -> None:
    proc = deck("## Release steps\n1. bump the version\n2. tag the release\n3. push the tag\n")
    assert [c.variant for c in proc if c.kind is CardKind.SEQUENCE].count("next") == 3
    agenda = deck(
        "## Agenda\n1. Introduction to caching\n2. Eviction policies\n3. Questions from the audience\n"
    )
    assert not [c for c in agenda if c.kind is CardKind.SEQUENCE]
    interview = deck(
        "## 면접 질문\n1. 프로세스와 스레드의 차이는?\n   - 프로세스는 독립된 메모리를 가진다.\n"
        "2. 교착 상태란?\n   - 서로의 자원을 기다리며 멈춘 상태\n"
    )
    assert not [c for c in interview if c.kind is CardKind.SEQUENCE]
    assert find(interview, "교착 상태란?", "서로의 자원을 기다리며 멈춘 상태")


def test_blockquote_definition_is_a_definition() -> None:
    cards = deck("## Glossary\n> A container is a running instance of an image.\n")
    assert (
        find(cards, "What is container?", "a running instance of an image.")
        or find(cards, "What is A container?", "a running instance of an image.")
        or any(f.endswith("What is container?") for f, _b in qa(cards))
    )


# --------------------------------------------------------------------- 8. Korean that reads right


def test_korean_particles_follow_the_last_sound_no_literal_i() -> None:
    cards = deck("## docker Storage\n컨테이너의 파일을 영구히 남기는 저장 공간\n")
    fronts = [f for f, _b in qa(cards)]
    assert "docker Storage란 무엇인가?" in fronts
    assert all("(이)" not in f for f in fronts)
    vol = deck("## volume\n도커가 관리하는 저장소\n")
    assert qa(vol)[0][0] == "volume이란 무엇인가?"


# --------------------------------------------------------------------- 9. smaller things


def test_question_with_two_question_marks_is_one_question() -> None:
    doc = parse_notes("## Q\nWhat is a deadlock? How is it avoided?\n\nBy ordering the locks.\n")
    ln = doc.sections[0].blocks[0].lines[0]
    assert ln.kind is LineKind.QUESTION and ln.inline_answer == ""


def test_a_link_or_image_alone_is_no_answer_and_markup_is_cleaned() -> None:
    cards = deck("## Docs\n[뒤로](#top)/[위로](#part-1)\n\n## Pic\n![[diagram.png]]\n")
    assert cards == []
    clean = deck("## Layers\nA layer is a set of __file changes__ on top of the base.<br>\n")
    assert all("__" not in f + b and "<br>" not in f + b for f, b in qa(clean))
    assert clean


def test_obsidian_wikilinks_and_callouts_are_text() -> None:
    cards = deck(
        "## OSI\n> [!note] Layers\n> The [[Transport layer|transport layer]] ensures end-to-end delivery.\n"
    )
    text = " ".join(f + b for f, b in qa(cards))
    assert "[[" not in text and "[!" not in text and "transport layer" in text


def test_details_summary_answers() -> None:
    text = (
        "## 질문\n<details>\n<summary>프로세스란?</summary>\n\n실행 중인 프로그램\n\n</details>\n"
    )
    cards = deck(text)
    assert find(cards, "프로세스란?", "실행 중인 프로그램")


def test_a_grouping_heading_is_no_definition_and_placeholders_are_no_terms() -> None:
    cards = deck(
        "## 개념\n\n### 볼륨\n도커가 관리하는 저장소\n\n## Syntax\n```\nmountpoint : hostdir\n```\n"
    )
    fronts = [f for f, _b in qa(cards)]
    assert not any(f.startswith("개념") for f in fronts)
    assert not any("mountpoint" in f for f in fronts)


def test_front_matter_is_not_a_term() -> None:
    cards = deck(
        "---\ntitle: OSI Model\ntags: [network]\n---\n## OSI\nThe OSI model has seven layers.\n"
    )
    assert not any("title" in f for f, _b in qa(cards))


def test_case_arrow_result_lines() -> None:
    cards = deck("## 자료구조\n- 데이터의 양이 적고 삽입/삭제 빈번함 → LinkedList\n")
    assert find(cards, "데이터의 양이 적고 삽입/삭제 빈번함 → [...]", "LinkedList")


def test_a_chain_of_arrows_is_an_order_of_steps_not_a_case_and_its_result() -> None:
    cards = deck("## 라우터\n> 라우팅 경로 결정 순서\n\nLongest Match Rule → AD → Metric\n")
    assert find(cards, "Longest Match Rule → [...]", "AD\nLongest Match Rule → AD → Metric")
    assert find(
        cards, "Longest Match Rule → AD → [...]", "Metric\nLongest Match Rule → AD → Metric"
    )
    assert find(cards, "라우팅 경로 결정 순서는?", "Longest Match Rule → AD → Metric")
    assert not any(f.endswith("→ [...]") and b == "Metric" and "AD" not in f for f, b in qa(cards))
    # without a title that names an order: the steps only; an English chain asks in English
    en = deck("## Request\nThe client sends -> the server parses -> the handler answers\n")
    assert find(
        en,
        "The client sends → the server parses → [...]",
        ("the handler answers\nThe client sends → the server parses → the handler answers"),
    )
    assert [f for f, _b in qa(en) if "[...]" not in f] == []
    assert all("What comes next?" in html_to_text(c.front) for c in en)
    # code is no chain: "p->next->val"
    assert not any("[...]" in f for f, _b in qa(deck("## C\n```c\np->next->val = 3;\n```\n")))


def test_pasted_help_output_and_example_data_make_no_cards_but_are_reported() -> None:
    text = (
        "## build\n```\n  -f, --file string     Name of the Dockerfile\n"
        "      --no-cache         Do not use cache\n```\n\n"
        "## 페이지\n- t1 : 프로세스1이 자원1을 얻음\n- Page Reference String : 1, 4, 6, 1, 6\n"
    )
    d = generate_deck(text, "help.md")
    assert d.cards == []
    reported = {n for s in d.skipped for n in range(s.line, s.end + 1)}
    assert reported >= {3, 4, 8, 9}


# --------------------------------------------------------------------- 11. never silent


def test_every_block_that_made_no_card_is_listed_with_its_reason() -> None:
    from srsapp.core.notes.report import CODE, COMMAND, IMAGE, OUTPUT

    text = (
        "## Setup\n```python\nimport os\nprint(os.getcwd())\n```\n\n"
        "```console\n$ ls -la\ntotal 0\n```\n\n![arch](arch.png)\n\n"
        "A volume is storage managed by the engine.\n"
    )
    d = generate_deck(text, "setup.md")
    reasons = {(s.line, s.reason) for s in d.skipped}
    assert (3, CODE) in reasons and (8, COMMAND) in reasons and (9, OUTPUT) in reasons
    assert (12, IMAGE) in reasons
    assert not any(s.line == 14 for s in d.skipped)  # the sentence made a card
    assert all(s.concept == ("Setup",) for s in d.skipped)


def test_prose_that_yields_nothing_gets_a_warning_that_says_why() -> None:
    text = "## 메모\n" + "".join(f"그냥 {i}번째로 적어 둔 줄\n" for i in range(40))
    d = generate_deck(text, "memo.md")
    assert len(d.cards) <= 2
    assert any("made no card" in w and "--report" in w for w in d.warnings)
    assert {s.reason for s in d.skipped} == {"no key term to ask"}
    ok = generate_deck("## Volumes\nA volume is storage managed by the engine.\n", "v.md")
    assert not any("made no card" in w for w in ok.warnings)


def test_a_lone_short_line_over_a_paragraph_is_a_sub_heading() -> None:
    text = "## 네트워크 장비\nARP\n\nIP주소를 통해 MAC주소를 알려주는 프로토콜\n\n![pic](x.png)\n"
    doc = parse_notes(text)
    assert [s.path for s in doc.sections] == [("네트워크 장비",), ("네트워크 장비", "ARP")]
    cards = deck(text)
    assert find(cards, "ARP란 무엇인가?", "IP주소를 통해 MAC주소를 알려주는 프로토콜")
    assert find(cards, "다음 설명에 해당하는 용어는?", "ARP")
    # a lone line before a picture, or a sentence, stays text
    assert len(parse_notes("## a\ntext\n\n![d](x.png)\n").sections) == 1
    assert len(parse_notes("## a\nThis is a sentence.\n\nMore text here.\n").sections) == 1


def test_interview_answer_labels_ask_the_question() -> None:
    text = (
        "## 프로세스와 스레드의 차이는?\n> 배경 & 질문 의도\n\n- 운영체제의 자원 관리 이해\n\n"
        "> 답변\n\n프로세스는 독립된 메모리를 가지고 스레드는 메모리를 공유한다.\n"
    )
    cards = deck(text)
    assert find(
        cards,
        "프로세스와 스레드의 차이는?",
        "프로세스는 독립된 메모리를 가지고 스레드는 메모리를 공유한다.",
    )
    assert not any("답변이란" in f or "배경 & 질문 의도란" in f for f, _b in qa(cards))


def test_obsidian_markup_keeps_every_line_in_place() -> None:
    text = "---\ntitle: x\n---\n## A\n> [!quote]\n> The model has **seven layers** in all.\n"
    assert [c.source_line for c in deck(text)] == [6]


def test_no_cloze_of_an_example_name_and_no_list_the_front_already_names() -> None:
    text = (
        "## Static\n```javascript\nclass Chameleon { static colorChange() {} }\n```\n\n"
        "The `colorChange` function is static and lives only on the constructor.\n\n"
        "## 예방 & 회피\n- 예방(prevention)\n- 회피(avoidance)\n"
    )
    cards = deck(text)
    assert all(c.variant != "colorChange" for c in cards)
    assert not any(f.endswith("모두 쓰시오.") for f, _b in qa(cards))


def test_a_found_cloze_term_is_a_clean_noun_phrase() -> None:
    from srsapp.core.notes.generators.cloze import _ragged

    assert _ragged("9s--a service", "en") and _ragged("write yourself isn't", "en")
    assert _ragged("TCP 처럼", "ko") and not _ragged("초기 설정", "ko")
    assert not _ragged("temporal dead zone", "en")


def test_output_pasted_in_an_untagged_fence_makes_no_card() -> None:
    text = (
        "## nntplib\nIt lists the latest articles:\n\n```\n"
        "848589 small marcc via ...  my excel file is not updated  (42)\n"
        "848590 Thomas Passin vi...  Re: my excel file   (47)\n"
        "4,0-4,59:           COMMENT        '# intentionally'\n```\n"
    )
    d = generate_deck(text, "out.md")
    assert all("848589" not in html_to_text(c.front + c.back) for c in d.cards)
    assert any(s.line == 5 for s in d.skipped)


def test_comparisons_requests_and_example_names_are_not_asked_as_terms() -> None:
    cards = deck(
        "## Performance vs scalability\nA service is scalable if it results in increased performance.\n\n"
        "## 면접\n데드락이 뭔가요? 발생 조건에 대해 말해보세요.\n\n"
        "## 실행\nflask2는 -P 인자로 포트를 연결한 컨테이너이다.\n"
    )
    fronts = [f for f, _b in qa(cards)]
    assert not any("Performance vs scalability?" in f for f in fronts)
    assert not any(b.startswith("발생 조건") for _f, b in qa(cards))
    assert not any("flask2란" in f for f in fronts)


def test_an_answer_heading_belongs_to_the_question_before_it() -> None:
    doc = parse_notes(
        '# Q\n###### 1. What does typeof null return?\n\n#### Answer: C\n\nIt returns "object".\n'
    )
    assert [s.path for s in doc.sections][-1] == (
        "Q",
        "1. What does typeof null return?",
        "Answer: C",
    )


def test_a_code_line_with_the_sentence_under_it_is_a_pair_and_verbs_are_no_blanks() -> None:
    cards = deck("## 트리거 예시\n`CREATE TRIGGER [트리거이름]`\n트리거의 이름을 설정한다.\n")
    assert find(cards, "트리거의 이름을 설정한다", "CREATE TRIGGER [트리거이름]")
    branch = deck(
        "## Git Flow\n- `hotfix/*` 는 main 에서 바로 나와서 main 과 develop 에 모두 병합\n"
    )
    assert all(b != "병합" for _f, b in qa(branch))


def test_a_key_mapped_to_a_list_of_names_is_asked_through_its_heading() -> None:
    cards = deck(
        "## 기기의 처리 범위\n- 데이터 링크 계층 : L2스위치, 브리지\n- FROM : 베이스 이미지, 필수\n"
    )
    assert find(cards, "기기의 처리 범위: 데이터 링크 계층은?", "L2스위치, 브리지")
    assert find(cards, "FROM의 뜻은?", "베이스 이미지, 필수")


# --------------------------------------------------------------------- from the careful reads


def test_what_the_breadcrumb_spells_is_no_answer() -> None:
    cards = deck(
        "## Domain name system\n\nA name server answers queries for a zone.\n\n"
        "Services such as CloudFlare and Route 53 provide managed DNS services.\n"
    )
    assert not any(b == "DNS" for _, b in qa(cards))  # "Domain name system" spells DNS
    cards = deck(
        "## 트리거란?\n\n- 트리거(trigger) : 어떤 이벤트에 반응해 실행되는 기능\n- 행 : 한 줄\n"
    )
    assert not any(b == "트리거(trigger)" for _, b in qa(cards))


def test_advice_to_the_reader_and_notes_about_the_notes_are_no_facts() -> None:
    cards = deck(
        "## Tips\n\nThe OSI model has seven layers.\n\n"
        "You should be comfortable matching common protocols and devices to each layer.\n\n"
        "There are newer language features that are not covered by the questions here.\n"
    )
    fronts = " ".join(f for f, _ in qa(cards))
    assert "comfortable" not in fronts and "not covered" not in fronts


def test_a_command_shows_the_sentence_that_leads_into_it_without_do_this() -> None:
    cards = deck(
        "## http.server\n\nServes files.\n\n```bash\npython -m http.server\n```\n\n"
        "This takes an optional port. To change port, do this:\n\n"
        "```bash\npython -m http.server 8001\n```\n"
    )
    assert find(cards, "To change port", "python -m http.server 8001")
    assert not any("do this" in f for f, _ in qa(cards))


def test_a_table_cell_broken_over_two_lines_stays_one_cell() -> None:
    text = (
        "## IPv4\n\nIPv4 주소는 클래스로 나뉜다.\n\n| 클래스 | 내용 | 범위 |\n| --- | --- | --- |\n"
        "| A | 대규모 | 1.0.0.0 ~ 9.255.255.255\n11.0.0.0 ~ 126.255.255.255 |\n"
        "| B | 중형 | 128.0.0.0 ~ 191.255.255.255 |\n\n끝 문장은 여기 있다.\n"
    )
    cards = deck(text)
    assert find(cards, "A: 범위는?", "1.0.0.0 ~ 9.255.255.255; 11.0.0.0 ~ 126.255.255.255")
    assert find(cards, "B: 범위는?", "128.0.0.0 ~ 191.255.255.255")
    # the line numbers after the table are kept
    doc = parse_notes(text, "t.md")
    lines = [ln for b in doc.sections[-1].blocks for ln in b.lines if "끝 문장" in ln.text]
    assert lines and lines[0].line == 11


def test_an_agenda_heading_makes_no_card_and_is_reported_as_talk_about_the_notes() -> None:
    text = (
        "# Git 브랜치 전략\n\n## 오늘 스터디 순서\n\n1. 브랜치 기본 명령어 복습\n2. merge 와 rebase 비교\n"
        "3. 실습 (충돌 해결)\n\n## rebase\n\n내 커밋들을 떼어서 대상 브랜치의 끝에 하나씩 다시 적용한다.\n"
    )
    d = generate_deck(text, "git.md")
    assert not any("스터디" in c.front for c in d.cards)
    assert any("rebase" in c.front for c in d.cards)
    agenda = [s for s in d.skipped if s.concept[-1] == "오늘 스터디 순서"]
    assert agenda and {s.reason for s in agenda} == {"about the notes or the question, not a fact"}


def test_a_term_that_points_back_is_no_definition() -> None:
    text = (
        "## HTTP 의 문제점\n\n- HTTP 는 평문 통신이기 때문에 도청이 가능하다.\n- 통신 상대를 확인하지 않는다.\n\n"
        "위 세 가지는 다른 암호화하지 않은 프로토콜에도 공통되는 문제점들이다.\n"
    )
    fronts = [html_to_text(c.front) for c in generate_deck(text, "http.md").cards]
    assert not any("위 세 가지란" in f for f in fronts)
    backs = [html_to_text(c.back) for c in generate_deck(text, "http.md").cards]
    assert "위 세 가지" not in backs


def test_who_told_it_and_how_it_is_framed_are_left_out_of_the_fact() -> None:
    text = (
        "# CLI tools in the standard library\n\n"
        "Seth Larson [pointed out](https://example.com/x) that the Python `gzip` module can be used"
        " as a CLI tool like this:\n\n```bash\npython -m gzip --decompress pypi.db.gz\n```\n"
        "This is a neat Python feature: modules with a main block can be executed from the terminal"
        " using `python -m name_of_module`.\n\n"
        "Jim Harif pointed me to `python -m site`, which outputs useful information about your"
        " installation:\n\n```bash\npython3.11 -m site\n```\n\n"
        "This showed me that the library for my laptop is in /opt/lib.\n"
    )
    cards = [
        (html_to_text(c.front), html_to_text(c.back)) for c in generate_deck(text, "t.md").cards
    ]
    # the story is left out of the fact; "… like this:" still explains no command (and what is
    # left, "The Python [gzip] module can be used as a CLI tool", only restates the title)
    assert any(
        "Modules with a main block can be executed" in f and b == "python -m name_of_module"
        for f, b in cards
    )
    assert not any(b.startswith("python -m gzip") for _f, b in cards)
    assert not any("Seth" in f + b or "Jim" in f + b or "pointed" in f + b for f, b in cards)
    assert not any("laptop" in f for f, _b in cards)  # "This showed me": the author's story


def test_a_usage_line_describes_nothing_and_polite_narration_is_no_fact() -> None:
    usage = "### base64\n\n```\nusage: .../base64.py [-h|-d|-e|-u|-t] [file|-]\n```\n"
    assert not any("usage" in html_to_text(c.back) for c in generate_deck(usage, "b.md").cards)
    told = "# 면접 정리\n\n> - 질문 자체에 없는 질문 의도가 있는 경우 추가 했습니다.\n"
    assert generate_deck(told, "t.md").cards == []


def test_what_the_author_sets_out_to_do_is_no_fact() -> None:
    text = "## Flask\n\n우분투 16.04를 기반으로 서비스를 구축하려고 한다.\n"
    assert generate_deck(text, "f.md").cards == []


def test_a_cell_that_only_praises_or_trails_off_is_no_card() -> None:
    cards = deck(
        "## Tools\n| Feature | Docker | Podman |\n|---|---|---|\n"
        "| Community | **Growing rapidly.** More tools every month and more users in companies. | Red Hat |\n"
        "| Network | **Very good integration.** Ports are forwarded and volumes mounted for you. | slirp4netns |\n"
        "| CLI | `docker ...` | `podman ...` |\n| Rootless | no | **Rootless by default** |\n"
    )
    backs = [b for _f, b in qa(cards)]
    assert "Growing rapidly." not in backs and "Very good integration." not in backs
    assert not any(b.endswith("...") for b in backs)
    assert "Rootless by default" in backs and "slirp4netns" in backs


def test_chatty_framing_before_what_a_command_does_is_cut_and_i_havent_is_a_story() -> None:
    text = (
        "### tokenize\n\nThis is fun - it's a debug mode for the Python tokenizer.\n\n"
        "```bash\npython -m tokenize cgi.py\n```\n\n### more\n\n"
        "I haven't explored all of them yet, but running `python -m module_name` usually outputs something.\n"
    )
    cards = [
        (html_to_text(c.front), html_to_text(c.back)) for c in generate_deck(text, "t.md").cards
    ]
    assert any(b.casefold() == "a debug mode for the python tokenizer." for _f, b in cards)
    assert not any("fun" in f + b for f, b in cards)
    assert not any("haven't" in f for f, _b in cards)


def test_what_a_named_person_did_is_a_story_and_their_name_is_no_blank() -> None:
    text = (
        "## Loads more\n\nTrey Hunner collected a more recent set of these in Python's many"
        " command-line utilities.\n\nThe calendar module prints a calendar for a given year.\n"
    )
    cards = [
        (html_to_text(c.front), html_to_text(c.back)) for c in generate_deck(text, "t.md").cards
    ]
    assert not any("Trey" in f + b for f, b in cards)
    assert cards  # the fact after the story is still asked


def test_saying_a_link_is_attached_instead_is_no_answer() -> None:
    text = "## TCP 3-way Handshake\n\n일부 그림이 포함되어야 하는 설명이므로 링크를 대신 첨부합니다.\n\n- http://example.com/356\n"
    assert generate_deck(text, "t.md").cards == []


def test_a_lab_opening_that_talks_about_itself_asks_only_what_the_author_marked() -> None:
    text = (
        "# Lab 3. 나만의 이미지\n\n지난 실습에서는 docker 커맨드로 이미지를 실행하는 방법을 알아보았다.\n\n"
        "하지만 서비스는 변한다. 중국의 관군제나 블락 프라이데이 같은 시즌에 영향을 받을 수 있다.\n\n"
        "`docker commit`과 `docker save`를 이용한 이미지 생성 방법은 내부 구조를 이해없이 이미지를 구성하는 방식이다.\n\n"
        "## docker build\n\nDockerfile은 이미지를 만드는 시나리오가 기록된 파일이다.\n"
    )
    cards = [
        (html_to_text(c.front), html_to_text(c.back)) for c in generate_deck(text, "lab.md").cards
    ]
    assert not any("관군제" in f + b for f, b in cards)
    assert any(b in ("docker commit", "docker save") for _f, b in cards)


def test_advice_under_a_condition_is_a_fact_but_a_labs_lets_is_not() -> None:
    cards = deck(
        "## dockerfile\n"
        "shell의 기능이 반드시 필요한 경우가 아니면 exec 형식을 사용하자.\n\n"
        "이제 이미지를 실행해보자.\n\n"
        "간단히 개념들을 정리해보며 머리 속에 넣자~\n"
    )
    assert find(cards, "shell의 기능이 반드시 필요한 경우가 아니면 [...] 형식을 사용하자.", "exec")
    assert not any("실행해보자" in f or "넣자" in f for f, _b in qa(cards))


def test_an_aside_that_states_a_fact_is_its_own_sentence() -> None:
    cards = deck(
        "## dockerfile\n"
        "shell 형식은 shell위에서 실행되는 거기때문임. (환경 변수를 사용해야하는 경우 shell형식 지정)\n"
    )
    # the aside asked alone (the sentence before would show "shell 형식"); the clause head
    # "경우" and the sentence's verb "지정" are no part of the blank
    assert find(cards, "환경 변수를 사용해야하는 경우 [...] 지정", "shell형식")
    # examples in an aside stay with their sentence
    ex = deck(
        "## 스레드\n프로세스는 각각 별도의 주소공간을 독립적으로 할당받는다. (code, data, heap, stack)\n"
    )
    assert not any(f.strip() in ("code, data, heap, stack", "[...]") for f, _b in qa(ex))


def test_a_front_that_spells_out_the_abbreviation_does_not_ask_for_it() -> None:
    text = (
        "## 기기\n- NIC(Network Interface Card), 리피터, AP\n"
        "### NIC\nLAN카드라고 하는 네트워크 인터페이스 카드는 2대 이상의 컴퓨터 네트워크를 구성하는데 사용.\n"
    )
    cards = deck(text)
    assert not [(f, b) for f, b in qa(cards) if b == "NIC"]
    assert any(f == "NIC란 무엇인가?" for f, _b in qa(cards))  # the other way round is kept
    # without the notes saying what it stands for, nothing is guessed
    other = deck(
        "## 기기\n### NIC\nLAN카드라고 하는 네트워크 인터페이스 카드는 2대 이상의 컴퓨터 네트워크를 구성하는데 사용.\n"
    )
    assert [(f, b) for f, b in qa(other) if b == "NIC"]


def test_a_bold_titles_paragraph_does_not_make_the_list_after_it_its_own() -> None:
    text = (
        "## merge vs rebase\n\n**rebase**\n\n"
        "    내 커밋들을 떼어서 대상 브랜치의 끝에 하나씩 다시 적용한다.\n\n"
        "- **Fast-forward**: 포인터만 앞으로 옮기는 병합\n"
        "- **3-way merge**: 세 커밋을 비교하는 병합\n"
        "- **squash**: 여러 커밋을 하나로 합쳐서 병합\n"
    )
    cards = deck(text)
    assert not any("rebase: 3가지" in f for f, _b in qa(cards))
    assert find(cards, "squash의 뜻은?", "여러 커밋을 하나로 합쳐서 병합")  # each term still asked
    # a list right under the bold title is its list
    right_under = deck(
        "## Git\n\n**병합 방식**\n\n- **Fast-forward**: 포인터만 앞으로 옮기는 병합\n"
        "- **3-way merge**: 세 커밋을 비교하는 병합\n- **squash**: 여러 커밋을 하나로 합쳐서 병합\n"
    )
    assert any("병합 방식: 3가지" in f for f, _b in qa(right_under))


def test_an_abbreviation_in_a_labs_opening_story_is_no_card() -> None:
    story = (
        "# Lab 3. 나만의 이미지 만들기\n\n"
        "지난 실습에서는 docker 커맨드로 이미지를 가져와 실행하는 방법을 알아보았다.\n\n"
        "어떤 서비스는 최종 사용자가 인간이 아닌 사물인 IoT(Internet of Things) 환경일 수도 있다.\n\n"
        "## Dockerfile\n- `FROM` : 베이스 이미지 지정\n- `RUN` : 빌드 중 실행할 명령\n"
    )
    assert not any("IoT" in f for f, _b in qa(deck(story)))
    facts = "## 네트워크\nIoT(Internet of Things) 기기는 센서로 데이터를 모은다.\n"
    assert find(deck(facts), "IoT는 무엇의 약자인가?", "Internet of Things")


def test_a_heading_that_is_all_the_command_says_is_not_on_its_front() -> None:
    text = (
        "# Python CLI\n## Highlights\n### asyncio\n\n"
        "This provides a Python console with top-level await:\n\n```bash\npython -m asyncio\n```\n\n"
        "### http.server\n\nTo change port, do this:\n\n```bash\npython -m http.server 8001\n```\n"
    )
    cards = deck(text)
    [asy] = [c for c in cards if html_to_text(c.back) == "python -m asyncio"]
    assert "asyncio" not in html_to_text(asy.front)
    assert "top-level await" in html_to_text(asy.front)
    # the heading stays where the card asks for more than it: which port argument
    [port] = [c for c in cards if html_to_text(c.back) == "python -m http.server 8001"]
    assert "http.server" in html_to_text(port.front)


def test_a_reverse_card_whose_cue_says_the_telling_word_of_the_name_is_dropped() -> None:
    text = (
        "## 로드 밸런싱 알고리즘\n"
        "- 가중 라운드로빈 방식\n  - 각각의 서버마다 가중치를 매기고 가중치가 높은 서버에 요청을 우선 배분.\n"
        "- 최소 연결 방식\n  - 가장 적은 연결상태를 보이는 서버에 우선적으로 트래픽 배분.\n"
        "- IP 해시 방식\n  - 클라이언트 주소를 특정 서버로 매핑하여 요청을 처리.\n"
    )
    reverse = [b for f, b in qa(deck(text)) if f == "다음 설명에 해당하는 것은?" or "배분" in f]
    assert "가중 라운드로빈 방식" not in reverse and "최소 연결 방식" not in reverse
    # a word the names share ("방식") tells nothing: that card stays
    assert any(b == "IP 해시 방식" for _f, b in qa(deck(text)))
    en = deck(
        "## CAP theorem\n- **Partition Tolerance**: The system continues to operate despite "
        "arbitrary partitioning due to network failures\n"
    )
    assert not [b for _f, b in qa(en) if b == "Partition Tolerance"]


def test_a_name_merged_into_the_blank_is_cut_from_the_breadcrumb_that_says_it() -> None:
    text = (
        "# Network\n## HTTP와 HTTPS\n### 보완 방법\n"
        "SSL 을 조합한 HTTP 를 `HTTPS(HTTP Secure)` or `HTTP over SSL`이라고 부른다.\n"
    )
    [card] = [c for c in deck(text) if c.kind is CardKind.CLOZE]
    assert "HTTPS" in html_to_text(card.back)
    assert "HTTPS" not in html_to_text(card.front)


def test_a_key_that_describes_is_no_term_to_ask_the_meaning_of() -> None:
    text = (
        "## 이미지 만들기\n1. **(필수) Dockerfile** 이미지를 생성하기 위한 시나리오가 기록된 파일이다.\n"
        "2. **(선택) 이미지 내부로 전달 예정인 파일** 호스트에 가진 파일을 생성될 이미지에 전달하고자하는 경우에 사용된다.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not any("전달 예정인 파일의 뜻은" in f for f in fronts)
    assert not any(f.endswith("이미지 내부로 전달 예정인 파일") for _f, f in qa(deck(text)))


def test_for_that_reason_shows_the_sentence_it_leans_on() -> None:
    text = (
        "## Methods\nIn JavaScript, functions are objects, and the method getFullName gets added "
        "to the constructor function object itself. For that reason, we can call "
        "Person.getFullName(), but member.getFullName throws a **TypeError**.\n"
    )
    [card] = [c for c in deck(text) if html_to_text(c.back) == "TypeError"]
    assert "functions are objects" in html_to_text(card.front)


def test_it_in_a_heading_is_named_by_the_heading_above() -> None:
    from srsapp.core.notes.common import Ctx
    from srsapp.core.notes.lang import Lang

    doc = parse_notes("# OSI Model\n## How it Compares to the TCP/IP Model\nText.\n", "o.md")
    sec = next(s for s in doc.sections if s.title.startswith("How"))
    assert Ctx(sec, Lang.EN, []).subject == "How OSI Model Compares to the TCP/IP Model"
    # a heading on its own asks about the notes' subject; Korean has no such "it"
    alone = parse_notes("## How it stores objects\nText.\n", "o.md").sections[-1]
    ctx = Ctx(alone, Lang.EN, [])
    ctx.doc_subject = "Git"
    assert ctx.subject == "How Git stores objects"


def test_a_table_row_named_in_a_name_column_and_a_column_with_an_aside() -> None:
    text = (
        "## IPv4구조\n\n| 클래스 이름 | 내용 | 공인 IP 주소 범위 ( 각 비어있는 중간 범위는 사설 IP 주소 범위) |\n"
        "| --- | --- | --- |\n| A | 대규모 네트워크 주소 | 1.0.0.0 ~ 126.255.255.255 |\n"
        "| B | 중형 네트워크 주소 | 128.0.0.0 ~ 191.255.255.255 |\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "클래스 A: 내용은?" in fronts
    assert "클래스 B: 공인 IP 주소 범위는?" in fronts


def test_numbered_points_on_lines_of_a_table_cell_stay_a_numbered_list() -> None:
    text = (
        "## 비교\n\n|  | L4 | L7 |\n| --- | --- | --- |\n"
        "| 장점 | 1. 속도가 빠름<br>2. 안전함 | 1. 섬세한 라우팅<br>2. 캐싱 기능 |\n"
    )
    [card] = [c for c in deck(text) if "L4: 장점은?" in html_to_text(c.front)]
    assert "<ol>" in card.back and html_to_text(card.back).splitlines() == [
        "1. 속도가 빠름",
        "2. 안전함",
    ]


def test_a_second_paragraph_under_a_question_is_a_fact_of_its_own() -> None:
    cards = deck(
        "### 운영체제\n#### Context Switching이란?\n\n"
        "> 다른 프로세스가 CPU를 사용하도록 이전의 프로세스 상태를 보관하고 새로운 프로세스의 상태를 적재하는 작업\n"
        ">\n> 한 프로세스의 문맥은 그 프로세스의 PCB에 기록됨\n"
    )
    [whole] = [b for f, b in qa(cards) if f == "Context Switching이란?"]
    assert "PCB" not in whole
    assert find(cards, "한 프로세스의 문맥은 그 프로세스의 [...]에 기록됨", "PCB")


def test_a_sentence_that_only_restates_the_notes_title_asks_nothing() -> None:
    text = (
        "# CLI tools hidden in the Python standard library\n\n"
        "Seth pointed out that the Python `gzip` module can be used as a CLI tool like this.\n\n"
        "## json.tool\n\nThe `json.tool` module exits with a **nonzero status** if your json is invalid.\n"
    )
    cards = deck(text)
    assert not [c for c in cards if html_to_text(c.back) == "gzip"]
    assert any("nonzero status" in html_to_text(c.back) for c in cards)


def test_terms_under_an_item_are_named_by_the_item_and_left_off_its_answer() -> None:
    text = (
        "##### 교착 상태를 예방 & 회피\n\n1. ##### 예방(prevention)\n\n"
        "   교착 상태 발생 조건 중 하나를 제거하면서 해결한다 (자원 낭비 엄청 심함)\n\n"
        "   > - 상호배제 부정 : 여러 프로세스가 공유 자원 사용\n"
        "   > - 점유대기 부정 : 프로세스 실행전 모든 자원을 할당\n"
        "   > - 비선점 부정 : 가진 자원 반납\n"
        "   > - 순환대기 부정 : 자원에 고유번호 할당 후 순서대로 자원 요구\n\n"
        "2. ##### 회피(avoidance)\n\n   교착 상태가 발생하지 않도록 자원을 할당한다\n"
    )
    pairs = qa(deck(text))
    assert any(f.startswith("예방(prevention): 4가지") for f, _b in pairs)
    [what] = [b for f, b in pairs if f == "예방(prevention)이란 무엇인가?"]
    assert what == "교착 상태 발생 조건 중 하나를 제거하면서 해결한다 (자원 낭비 엄청 심함)"


def test_latin_names_listed_together_are_one_blank() -> None:
    text = (
        "## 트리거의 유형\n- 행 트리거: 테이블 안의 영향을 받은 행 각각에 대해 실행된다. "
        "변경 전 또는 변경 후의 행은 OLD, NEW라는 가상 줄 변수를 사용하여 읽을 수 있다\n"
    )
    cards = deck(text)
    assert find(
        cards,
        "변경 전 또는 변경 후의 행은 [...]라는 가상 줄 변수를 사용하여 읽을 수 있다",
        "OLD, NEW",
    )
    # one of them alone stays no blank (the other is on the front)
    assert not any(b in ("OLD", "NEW") for _f, b in qa(cards))


def test_one_half_of_a_pair_of_nouns_is_asked_with_the_other_half() -> None:
    cards = deck(
        "## Race Condition\n- 경쟁 상태는 피해야 하며 상호배제나 임계구역으로 해결이 가능하다.\n"
        "- TCP 는 멀티캐스팅이나 브로드캐스팅을 지원하지 않는다.\n"
    )
    assert find(cards, "경쟁 상태는 피해야 하며 [...]으로 해결이 가능하다.", "상호배제나 임계구역")
    assert find(cards, "TCP 는 [...]을 지원하지 않는다.", "멀티캐스팅이나 브로드캐스팅")


def test_a_heading_that_names_the_blank_or_half_of_it_gives_it_away() -> None:
    text = (
        "## TCP와 UDP의 비교\n### TCP\n\n"
        "대부분의 인터넷 응용 분야들은 **신뢰성** 과 **순차적인 전달** 을 필요로 한다. "
        "**TCP(Transmission Control Protocol, 전송제어 프로토콜)**는 신뢰성이 없는 인터넷을 통해 "
        "종단간에 신뢰성 있는 바이트 스트림을 전송 하도록 특별히 설계되었다.\n\n"
        "모든 TCP 연결은 전이중(full-duplex), 점대점(point to point)방식이다. 전이중이란 전송이 "
        "양방향으로 동시에 일어날 수 있음을 의미한다.\n"
    )
    clozes = [c for c in deck(text) if c.kind is CardKind.CLOZE]
    assert clozes and not any(html_to_text(c.back).startswith("TCP") for c in clozes)


def test_an_acronym_of_the_heading_with_a_generic_word_and_half_of_an_and_pair_are_no_blanks() -> (
    None
):
    text = (
        "## Domain name system\n"
        "Your router or ISP provides information about which DNS server(s) to contact when doing a "
        "lookup.\n\nServices such as CloudFlare and Route 53 provide managed DNS services.\n"
    )
    backs = [html_to_text(c.back) for c in deck(text) if c.kind is CardKind.CLOZE]
    assert not {"DNS server(s)", "DNS services", "CloudFlare", "Route 53"} & set(backs)


def test_a_heading_over_one_part_of_a_pipe_with_an_example_file_is_not_on_its_front() -> None:
    text = (
        "# Python CLI\n## Highlights\n### tokenize\n\n"
        "a debug mode for the Python tokenizer:\n\n```bash\npython -m tokenize cgi.py | head -n 10\n```\n"
    )
    [card] = [c for c in deck(text) if c.variant == "command"]
    assert "tokenize" not in html_to_text(card.front).splitlines()[0]


def test_one_side_of_a_versus_heading_is_asked_with_the_heading_cut() -> None:
    text = (
        "## Performance vs scalability\n"
        "* If you have a **performance** problem, your system is slow for a single user.\n"
        "* If you have a **scalability** problem, your system is fast for a single user but slow "
        "under heavy load.\n"
    )
    cards = deck(text)
    assert find(
        cards, "If you have a [...] problem, your system is slow for a single user.", "performance"
    )
    assert not any(
        "Performance vs scalability" in html_to_text(c.front)
        for c in cards
        if c.kind is CardKind.CLOZE
    )


def test_a_description_that_opens_on_the_words_literal_meaning_does_not_ask_for_the_word() -> None:
    text = (
        "# 트리거란?\n트리거는 총의 방아쇠를 의미로, 총알이 방아쇠를 당겨서 발사가 되듯이 어느 특정한 동작에 "
        "반응해 자동으로 필요한 동작을 하는 것을 의미한다.\n"
    )
    pairs = qa(deck(text))
    assert not [b for _f, b in pairs if b == "트리거"]
    assert [f for f, _b in pairs if f.startswith("트리거")]  # asked the other way round


def test_as_the_name_says_leans_on_the_name() -> None:
    text = (
        "## 보완 방법\n1.  콘텐츠를 암호화\n"
        "    말 그대로 HTTP 를 사용해서 운반하는 내용인, HTTP 메시지에 포함되는 콘텐츠만 암호화하는 것이다.\n"
    )
    assert not [b for _f, b in qa(deck(text)) if b == "콘텐츠"]


def test_the_disadvantages_are_answered_by_all_of_them() -> None:
    text = (
        "## Availability patterns\n### Disadvantage(s): failover\n\n"
        "* Fail-over adds more hardware and additional complexity.\n"
        "* There is a potential for loss of data if the active system fails before any newly "
        "written data can be replicated to the passive.\n"
    )
    [back] = [b for f, b in qa(deck(text)) if f == "What are the disadvantages of failover?"]
    assert "more hardware" in back and "loss of data" in back


def test_a_condition_is_the_cue_and_the_main_clause_holds_the_blank() -> None:
    text = (
        "# 도커\n## cmd 변경\n직접 만든 이미지를 commit 했을 경우 COMMAND가 bash로 고정되어있다.\n\n"
        "## 커밋\ncommit으로 컨테이너를 이미지로 만든다.\n"
    )
    pairs = qa(deck(text))
    assert ("bash" in [b for _f, b in pairs]) and "commit" not in [b for _f, b in pairs]


def test_an_aside_on_the_next_line_goes_on_the_back_of_the_sentences_cloze() -> None:
    text = (
        "# 도커\n### docker layer\n```\nlayer는 파일이다.\n"
        "dockerfile의 앞에 command 갯수만큼 이미지 layer가 쌓인다.\n(RUN, CMD, ADD, COPY)\n```\n"
    )
    [(front, back)] = [(f, b) for f, b in qa(deck(text)) if "갯수만큼" in f]
    assert "[...]" in front and "RUN" not in front
    assert back.startswith("command") and "(RUN, CMD, ADD, COPY)" in back


def test_a_short_sentence_without_its_subject_is_asked_after_the_sentence_before_it() -> None:
    text = (
        "# 도커\n## 이미지\n```\n컨테이너 이미지에는 절대 커널이 포함될수없다.\n"
        "OS image는 base image라고도 하고 다른 이미지를 생성하기 위한 용도로 사용한다.\n"
        "lib, Binary만 포함 시킨다.\n```\n"
        "## HTTP\nPATCH 요청은 서버의 데이터를 일부 수정합니다.\n추가로 delete메서드도 있음.\n"
    )
    cards = deck(text)
    assert find(cards, "OS image는 base image라고도", "lib, Binary")
    assert ("[...]만 포함 시킨다.", "lib, Binary") in qa(cards)
    assert not [b for _f, b in qa(cards) if "delete" in b]  # "… X도 있음": says only that X exists


def test_q_and_a_markers_are_no_part_of_the_question_or_its_answer() -> None:
    text = (
        "# OS\n\nQ1: What is a deadlock?\nA: A state where processes wait on each other forever.\n\n"
        "Q. 비선점형 스케줄링의 예는?\nA: FCFS, SJF\n\n"
        "**Q: 문맥 교환(Context Switching)이란?**\n**A:** CPU가 현재 프로세스의 상태를 PCB에 저장하는 과정.\n"
    )
    pairs = qa(deck(text))
    assert ("What is a deadlock?", "A state where processes wait on each other forever.") in pairs
    assert ("비선점형 스케줄링의 예는?", "FCFS, SJF") in pairs
    assert (
        "문맥 교환(Context Switching)이란?",
        "CPU가 현재 프로세스의 상태를 PCB에 저장하는 과정.",
    ) in pairs


def test_an_english_line_that_starts_on_its_verb_says_what_the_heading_does() -> None:
    text = (
        "# React\n## Hooks\n### useState\n- Returns a stateful value and a function to update it.\n"
        "- Calling the setter schedules a re-render.\n"
    )
    pairs = qa(deck(text))
    assert (
        "What does useState do?",
        "Returns a stateful value and a function to update it",
    ) in pairs
    assert ("Returns a stateful value and a function to update it", "useState") in pairs


def test_a_list_under_key_concepts_is_facts_not_the_concept_of_the_notes() -> None:
    text = (
        "# React Notes\n## Key concepts\n- **Virtual DOM**: a lightweight copy of the real DOM.\n"
        "- *Props* are read-only.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "What does Virtual DOM mean?" in fronts
    assert not [f for f in fronts if "concept" in f.casefold()]


def test_a_numbered_list_of_names_with_meanings_is_named_whole_one_bare_name_included() -> None:
    text = (
        "# Spring\n## DI\n### 주입 방식\n1. 생성자 주입 - 가장 권장됨. 불변성 보장\n2. 수정자(setter) 주입\n"
        "3. 필드 주입 - 테스트가 어려워 권장되지 않음\n"
    )
    pairs = qa(deck(text))
    assert (
        "주입 방식: 3가지를 모두 쓰시오.",
        "- 생성자 주입\n- 수정자(setter) 주입\n- 필드 주입",
    ) in pairs
    assert not [f for f, _b in pairs if "무엇인가" in f or "설명하시오" in f]


def test_a_procedure_of_key_meaning_steps_is_no_list_of_names() -> None:
    text = (
        "# Java\n### Java 컴파일 과정\n\n> 답변\n\n1. 컴파일러가 변환: 소스코드 -> 자바 바이트 코드(.class)\n"
        "2. JVM이 변환: 바이트코드 -> 기계어\n3. 인터프리터 방식으로 애플리케이션 실행\n"
    )
    assert not [f for f, _b in qa(deck(text)) if "모두 쓰시오" in f]


def test_a_word_the_sentence_says_twice_is_no_blank_when_another_term_can_be() -> None:
    text = (
        "# 리액트 훅\n### useState\n- 상태값의 업데이트는 setState로 한다.\n"
        "- 업데이트가 일어나면 리렌더링된다.\n### useReducer\n- 복잡한 형태의 state를 미리 정의된 "
        "dispatcher로만 수정할 수 있게 하여 state에 대한 접근을 제한하고, state의 업데이트를 미리 "
        "정의해 둔 함수로만 가능하게 한다\n"
    )
    [(front, back)] = [(f, b) for f, b in qa(deck(text)) if "복잡한 형태의" in f]
    assert front.count("[...]") == 1 and back != "state"


def test_a_reading_list_of_links_makes_no_card() -> None:
    text = (
        "# Tree\n## Learning resources\n\n- Videos\n"
        "  - [Trees](https://example.org/trees), University of California San Diego\n"
        "  - [A Brief Guide to B-trees](https://example.org/b) ([slides](https://example.org/s)), "
        "Samuel Albanie, University of Cambridge\n- Readings\n"
        "  - [Leaf It Up To Binary Trees](https://example.org/leaf), basecs\n"
        "  - [How To Not Be Stumped By Trees](https://example.org/st), basecs\n\n"
        "## Essential questions\n\n- Binary Tree\n  - [Maximum Depth of Binary Tree](https://lc.example/1)\n"
        "  - [Invert Binary Tree](https://lc.example/2)\n- Binary Search Tree\n"
        "  - [Lowest Common Ancestor of a BST](https://lc.example/3)\n\n"
        "## Swap\n스왑은 메모리를 디스크로 내보내는 것이다.\n"
        "더 자세한 설명은 [15. Swapping에 대해 설명해주세요](#15)을 참고!\n"
    )
    pairs = qa(deck(text))
    assert pairs  # the sentence on swapping still makes cards
    assert not [
        p
        for p in pairs
        if any(w in " ".join(p) for w in ("Videos", "basecs", "Binary", "Swapping"))
    ]


def test_a_bold_term_with_small_words_is_a_term_and_one_item_never_describes_the_list() -> None:
    text = (
        "# Tree\n## Common terms you need to know\n\n- **Neighbor** - Parent or child of a node\n"
        "- **Degree** - Number of children of a node\n"
        "- **Degree of a tree** - Maximum degree of nodes in the tree\n\n"
        "## Corner cases\n\n- Empty tree\n- Single node\n- Two nodes\n- Very skewed tree (like a linked list)\n"
    )
    pairs = qa(deck(text))
    assert ("What does Degree of a tree mean?", "Maximum degree of nodes in the tree") in pairs
    assert not [f for f, _b in pairs if f.startswith("Describe")]


def test_no_definition_from_a_split_particle_a_clause_a_pointer_or_a_task() -> None:
    text = (
        "# OS\n## 가상 메모리\n**Demand Paging** 는 프로세스에서 현재 필요한 페이지만 메모리에 올리는 방법이다.\n\n"
        "## 스레드 안전\n다음은 스레드 안전하지 않은 경우의 코드이다.\n\n"
        "## useLayoutEffect\n- DOM은 계산됐지만 화면에 반영되기 전에 하고 싶은 작업이 있을 때 사용하면 UX가 좋아질 것 이다\n\n"
        "## Common routines\n- Count number of nodes in tree\n- Determine if it is a binary search tree\n"
    )
    pairs = qa(deck(text))
    assert (
        "Demand Paging이란 무엇인가?",
        "프로세스에서 현재 필요한 페이지만 메모리에 올리는 방법이다.",
    ) in pairs
    fronts = [f for f, _b in pairs]
    assert not [f for f in fronts if f in ("다음이란 무엇인가?", "DOM이란 무엇인가?")]
    assert not [f for f in fronts if "Determine" in f and "What is" in f]
    assert not [b for _f, b in pairs if b.startswith("는 ")]


def test_a_heading_is_asked_when_it_happens_or_what_it_is_as_its_line_says() -> None:
    text = (
        "# DB\n## 트랜잭션 문제\n#### Dirty Read Problem\n\n한 트랜잭션 진행 중에 변경한 값을 다른 트랜잭션에서 읽을 때 발생한다.\n\n"
        "#### Phantom Read Problem\n\n한 트랜잭션에서 같은 쿼리문을 두 번 실행했을 때 새로운 데이터가 조회되는 경우를 말한다.\n\n"
        "## 데이터베이스 시스템의 목적\n\n데이터베이스는 다음의 장점을 가진다.\n\n- 데이터 중복 최소화\n- 데이터 공유\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "Dirty Read Problem은 언제 발생하는가?" in fronts
    assert "Phantom Read Problem이란 무엇인가?" in fronts
    assert not [f for f in fronts if f.endswith("무엇을 하는가?")]


def test_a_nested_list_is_named_by_its_item_and_label_like_items_are_asked_whole() -> None:
    text = (
        "# DB\n### 테이블 분할\n\n1. **수평 분할** : 레코드를 기준으로 테이블을 분할한다.\n"
        "2. **수직 분할** : 속성을 기준으로 테이블을 분할한다.\n"
        "    * `갱신위주의 속성 분할` : 갱신이 자주 일어나는 속성들을 분할한다.\n"
        "    * `자주 조회되는 속성 분할` : 자주 사용되는 속성들을 분할한다.\n"
        "    * `크기가 큰 속성 분할` : 큰 속성들을 분할한다.\n\n"
        "### 중복 테이블 추가\n\n1. 중복 테이블을 추가하는 경우\n    * 정규화로 인해 수행 속도가 느려지는 경우\n"
        "    * 많은 범위의 데이터를 자주 처리해야하는 경우\n    * 특정 범위의 데이터만 자주 처리해야 하는 경우\n"
        "    * 처리 범위를 줄이지 않고는 수행 속도를 개선할 수 없는 경우\n\n"
        "2. 중복 테이블을 추가하는 방법\n    * 집계 테이블을 생성하고 트리거를 설정한다\n    * 이력 관리를 위한 진행 테이블을 추가한다\n"
    )
    pairs = qa(deck(text))
    fronts = [f for f, _b in pairs]
    assert (
        "수직 분할: 3가지를 모두 쓰시오." in fronts
        and "테이블 분할: 3가지를 모두 쓰시오." not in fronts
    )
    [cases] = [b for f, b in pairs if f == "중복 테이블을 추가하는 경우는?"]
    assert cases.count("\n") == 3  # all four cases
    assert not [f for f in fronts if f.startswith("중복 테이블 추가: ")]


def test_a_korean_heading_with_its_meaning_is_asked_in_korean_by_its_term() -> None:
    text = (
        "# 데이터베이스\n\n데이터베이스 언어는 네 가지로 나눌 수 있다.\n\n"
        "#### DML (Data Manipulation Language) : 데이터 조작어\n\n- INSERT, SELECT, UPDATE, DELETE\n- CRUD\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "DML (Data Manipulation Language)에 대해 설명하시오." in fronts
    assert not [f for f in fronts if f.startswith(("Describe", "Which"))]


def test_a_procedure_under_a_question_is_named_by_its_lead_in() -> None:
    text = (
        "# OS\n#### 가상 메모리에 대해 설명해주세요.\n\n"
        "페이지가 메모리에 없는 경우를 page fault 라고 한다. 아래의 과정으로 페이지를 메모리에 할당한다.\n\n"
        "1. 해당 페이지 valid bit 확인\n2. valid 가 0 이면 CPU 인터럽트\n3. backing store 에서 페이지를 찾음\n"
        "4. 페이지를 빈 프레임에 할당\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "페이지를 메모리에 할당하는 과정은?" in fronts
    assert not [f for f in fronts if "설명해주세요.:" in f or "설명해주세요.의" in f]


def test_a_sentence_without_its_own_subject_is_asked_after_the_one_before_on_its_line() -> None:
    text = (
        "# OS\n## 대표적인 스케줄러\n\nFCFS는 비선점 스케줄러로, Ready Queue에 먼저 도착한 프로세스를 먼저 처리한다. "
        "자원을 효율적으로 사용할 수 있어 일괄 처리 시스템에 적합하다. 하지만 수행시간이 긴 프로세스가 먼저 "
        "도착하면 다른 프로세스의 대기시간이 길어지는 Convoy Effect로 인해 평균 응답시간이 길다.\n"
    )
    cards = deck(text)
    assert find(cards, "FCFS는 비선점 스케줄러로", "일괄 처리 시스템")


def test_no_card_from_a_pointer_a_judgement_a_tip_an_import_or_a_rhetorical_question() -> None:
    text = (
        "# Tree\n## Traversals\n\nGiven such a tree, these are the results for the various traversals.\n\n"
        "## Use recursion\n\nRecursion is the most common approach for traversing trees.\n\n"
        "## Summation of nodes\n\nIf the question involves summation of nodes, be sure to check whether nodes "
        "can be negative.\n\n## Recommended courses\n\nimport AlgorithmCourses from '../_courses/Algo.md'\n\n"
        "## 스레드 안전\n\n두 스레드가 count를 함께 늘린다.\n\n왜 그럴까?\n\n두 스레드가 count 변수를 공유하기 때문이다.\n\n"
        "## 03장\n\n리액트를 이루는 핵심 요소들을 깊게 살펴보고, 리액트의 렌더링 과정을 이해하는 장입니다.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not [
        f
        for f in fronts
        if any(
            w in f
            for w in ("Traversals", "Recursion", "Summation", "courses", "왜 그럴까", "렌더링")
        )
    ]


def test_a_paragraph_that_names_the_list_after_it_is_the_items_context() -> None:
    text = (
        "# DB\n## 데이터베이스 시스템의 목적\n\n예전에는 파일 시스템을 통해 데이터를 관리하였다. "
        "**파일 시스템을 사용했을 때의 주요 문제점**은 다음과 같다.\n\n"
        "- 데이터 접근 시 필요한 데이터를 편리하고 효율적으로 검색하기 힘들다.\n"
        "- 데이터 동시 접근 시 데이터가 잘못 업데이트될 수 있다.\n- 무결성 문제\n\n"
        "DBMS를 통해 요구를 처리한다. **데이터베이스**는 다음의 **장점**을 가진다.\n\n"
        "- 데이터 중복 최소화\n- 데이터의 실시간 처리가 가능하다.\n"
    )
    cards = deck(text)
    assert find(cards, "파일 시스템을 사용했을 때의 주요 문제점\n", "데이터 동시 접근")
    assert find(cards, "데이터베이스의 장점\n", "실시간 처리")


def test_an_arrow_inside_parentheses_is_no_case_and_a_slashed_blank_the_heading_says_is_none() -> (
    None
):
    text = (
        "# OS\n#### 스케줄러가 무엇이고, 단기/중기/장기로 나누는 기준에 대해 설명해주세요.\n\n"
        "스케줄러는 발생하는 빈도와 할당하는 자원에 따라 장기/중기/단기 스케줄러로 나눌 수 있다.\n\n"
        "중기 스케줄러는 메모리 할당을 결정하는 Memory Allocation(suspended ready → ready)에서 사용한다.\n"
    )
    pairs = qa(deck(text))
    assert not [b for _f, b in pairs if b.startswith("장기/중기/단기")]
    assert not [(f, b) for f, b in pairs if b.startswith("ready)") or "ready → [...]" in f]


def test_a_mark_said_three_times_is_no_blank() -> None:
    text = (
        "# 훅\n### useContext\n#### useContext를 사용할 때 주의할 점\n\n1. 컴포넌트 재활용이 어려워 진다\n\n"
        "- Provider에 의존성을 가지고 있어서 재사용이되지 않을만한 컴포넌트에서 사용해야 한다.\n\n"
        "2. Context API는 상태관리 API가 아닌 **상태를 주입해주는 API**다\n\n"
        "- 상태 관리 라이브러리가 되기 위해서는 다음과 같은 두 가지 조건을 만족해야 한다\n"
    )
    fronts = [f for f, _b in qa(deck(text)) if "[...]" in f]
    assert fronts and all(f.count("[...]") == 1 for f in fronts)


def test_course_notes_week_titles_definition_labels_named_strategies_and_in_x() -> None:
    text = (
        "# Week 3: Hash Tables\n\n## Overview\nA hash table stores key-value pairs and offers fast lookup.\n\n"
        "## Hash functions\n- **Definition:** a function that maps keys to bucket indices.\n"
        "- A good hash function distributes keys uniformly.\n\n"
        "## Collision resolution\nThere are two main strategies:\n"
        "1. Separate chaining: each bucket holds a linked list.\n2. Open addressing: probe for the next free slot.\n\n"
        "## Python\n```python\nd = {}\n```\nIn Python, `dict` is implemented as a hash table with open addressing.\n"
    )
    cards = deck(text)
    pairs = qa(cards)
    fronts = [f for f, _b in pairs]
    assert "What is the overview of Hash Tables?" in fronts
    assert ("What is Hash functions?", "a function that maps keys to bucket indices.") in pairs
    assert not [c for c in cards if c.kind is CardKind.SEQUENCE]
    assert "What is Python?" not in fronts


def test_a_til_keeps_what_was_learned_drops_impressions_and_names_a_short_list_whole() -> None:
    text = (
        "# [TIL] JPA 영속성 컨텍스트\n\n## 오늘 배운 것\n- 영속성 컨텍스트: 엔티티를 영구 저장하는 환경\n"
        "- EntityManager를 통해 영속성 컨텍스트에 접근한다.\n\n### 영속성 컨텍스트의 이점\n1. 1차 캐시\n"
        "2. 동일성(identity) 보장\n3. 트랜잭션을 지원하는 쓰기 지연\n\n"
        "> 1차 캐시는 같은 트랜잭션 안에서 조회한 엔티티를 보관한다.\n\n"
        "## 느낀 점\n생각보다 JPA 내부 동작이 복잡했다. 내일은 플러시에 대해 공부해야겠다.\n"
    )
    pairs = qa(deck(text))
    assert ("영속성 컨텍스트의 뜻은?", "엔티티를 영구 저장하는 환경") in pairs
    assert (
        "영속성 컨텍스트의 이점: 3가지를 모두 쓰시오.",
        "- 1차 캐시\n- 동일성(identity) 보장\n- 트랜잭션을 지원하는 쓰기 지연",
    ) in pairs
    assert not [f for f, _b in pairs if "느낀 점" in f or "보장" in f and "[...]" in f]
    assert not [b for _f, b in pairs if b in ("내일", "느낀 점")]


def test_a_quoted_title_names_the_list_after_it_unless_it_compares_its_items() -> None:
    text = (
        "# OS\n#### 스케줄러가 무엇이고, 기준에 대해 설명해주세요.\n\n스케줄러는 프로세스를 고른다.\n\n"
        "> **응답시간 vs 작업 처리량 vs 자원 활용도**\n\n"
        "- `응답시간(response time)`: 작업 요청으로부터 응답을 받을 때까지의 시간\n"
        "- `작업 처리량(throughput)`: 단위 시간 동안 완료된 작업의 수\n"
        "- `자원 활용도(resource time)`: 주어진 시간동안 자원이 활용된 시간\n\n"
        "**데이터 지역성**은 대표적으로 시간적 지역성, 공간적 지역성, 순차적 지역성으로 나뉜다.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "응답시간(response time)의 뜻은?" in fronts
    assert not [
        f for f in fronts if "모두 쓰시오" in f or "vs" in f or f.endswith("무엇을 하는가?")
    ]


def test_events_in_turn_are_steps_a_pairs_sides_are_asked_as_sides_and_a_note_is_a_fact() -> None:
    text = (
        "# 네트워크\n## TCP\n### 3-way handshake\n1. 클라이언트가 SYN 전송\n2. 서버가 SYN+ACK 응답\n"
        "3. 클라이언트가 ACK 전송\n\n## 쿠키와 세션\n쿠키는 클라이언트에 저장되고, 세션은 서버에 저장된다.\n"
        "* 쿠키: 만료 시간 설정 가능, 보안에 취약\n* 세션: 서버 자원 사용, 상대적으로 안전\n\n"
        "**참고**: HTTP는 무상태(stateless) 프로토콜이다.\n"
    )
    pairs = qa(deck(text))
    fronts = [f for f, _b in pairs]
    assert "3-way handshake의 전체 순서를 쓰시오." in fronts
    assert ("쿠키와 세션: 쿠키는?", "만료 시간 설정 가능, 보안에 취약") in pairs
    assert [f for f in fronts if "무상태(stateless) 프로토콜이다" in f]


def test_a_list_of_commands_with_arguments_asks_what_each_does_and_which_does_this() -> None:
    text = (
        "# Git\n## Common commands\n- `git init` - create a new repository\n- `git add <file>` - stage a file\n"
        '- `git commit -m "msg"` - record staged changes\n'
    )
    pairs = qa(deck(text))
    assert ('What does git commit -m "msg" do?', "record staged changes") in pairs
    assert ("create a new repository", "git init") in pairs  # the reverse's last line
    fronts = [f for f, _b in pairs]
    assert not [f for f in fronts if f.startswith("What is Common")]
    assert "Which command does this?" in [html_to_text(c.front).splitlines()[1] for c in deck(text)]


def test_an_english_definition_is_its_first_sentence_and_the_next_is_a_fact_of_its_own() -> None:
    text = "# Git\n## Branching\nA branch is a movable pointer to a commit. `HEAD` points to the current branch.\n"
    pairs = qa(deck(text))
    assert ("What is branch?", "a movable pointer to a commit.") in pairs
    assert ("[...] points to the current branch.", "HEAD") in pairs


def test_a_purpose_clause_before_a_command_is_no_list_item() -> None:
    text = "# Git\n## Undoing things\nTo unstage a file, use `git restore --staged <file>`.\n"
    assert ("To unstage a file, use [...].", "git restore --staged <file>") in qa(deck(text))


def test_a_big_o_is_a_property_and_a_summary_list_is_no_procedure() -> None:
    text = (
        "# 정렬\n## 버블 정렬\n인접한 두 원소를 비교하여 정렬하는 방식이다.\n- 시간복잡도: O(n^2)\n- 공간복잡도: O(1)\n\n"
        "## 정리\n1. 데이터가 거의 정렬되어 있다면 삽입 정렬이 빠르다.\n2. 안정성이 필요하면 병합 정렬을 사용한다.\n"
    )
    cards = deck(text)
    assert ("버블 정렬: 시간복잡도는?", "O(n^2)") in qa(cards)
    assert not [c for c in cards if c.kind is CardKind.SEQUENCE]


def test_half_of_a_term_the_notes_define_is_no_blank() -> None:
    text = (
        "# DB\n#### 4NF(제 4 정규형)\n\n다치 종속을 제거하는 정규형이다.\n\n```bash\n"
        "다치 종속 : 속성 A -> (속성 B, 속성 C) 일때, A->B를 만족하고, B와 C가 무관할때 B는 A에 다치종속 "
        "관계라고 한다.\n\n다치종속을 제거하지 않으면 C값이 중복될수 있다.\n```\n"
    )
    assert "종속" not in [b for _f, b in qa(deck(text))]


def test_a_named_three_step_chain_is_asked_as_its_order() -> None:
    text = "# Tree\n## Traversals\n- In-order traversal - Left → Root → Right\n- Post-order traversal - Left → Right → Root\n"
    pairs = qa(deck(text))
    assert ("List the steps of In-order traversal in order.", "Left → Root → Right") in pairs
    assert not [f for f, _b in pairs if "[...]" in f]


def test_a_marked_name_doing_something_is_no_definition_of_the_heading_and_speeds_up_is_a_verb() -> (
    None
):
    text = (
        "# SQL\n## Aggregates\n- `COUNT()` returns the number of rows.\n- `AVG()` returns the average value.\n\n"
        "## Indexes\nAn index speeds up reads but slows down writes.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "What does COUNT() do?" in fronts and "What is Aggregates?" not in fronts
    from srsapp.core.notes.keyterms import key_terms

    terms = [
        t.text for t in key_terms("An index speeds up reads but slows down writes.", lang="en")
    ]
    assert not [t for t in terms if "speeds" in t]


def test_a_clause_is_no_sub_heading_an_example_is_no_subject_and_a_count_is_no_blank() -> None:
    from srsapp.core.notes.generators import cloze

    text = (
        "# DB\n## 5NF\n조인 종속을 제거하는 정규형이다.\n\n다시 합치면\n\n- 마지막 튜플에서 이상값 발견\n\n"
        "<details><summary>5NF를 실시하는 이유 예시로 보기</summary>\n\n"
        '"다시 조인하면 예상하지 못했던 튜플들이 생성되는 경우"\n\n</details>\n'
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not [f for f in fronts if "다시 합치면" in f or "예시로 보기" in f]
    assert not cloze._good("두 개의 테이블이 조인되는 경우가 많아 하나로 합친다.", "두 개", "db")


def test_a_one_bullet_list_over_a_fence_explains_its_test_expression() -> None:
    text = (
        "# Bash\n## File expressions\n\n* True if file exists and is a directory.\n\n"
        "```bash\n[[ -d ${file} ]]\n```\n\n* True if the length of the string is zero.\n\n"
        "```bash\n[[ -z ${string} ]]\n```\n"
    )
    cards = deck(text)
    assert find(cards, "True if file exists and is a directory.", "[[ -d ${file} ]]")
    assert ("[[ -z ${string} ]]", "True if the length of the string is zero.") in qa(cards)


def test_obsidian_spaced_repetition_cards_are_cards_and_cpp_scopes_are_not() -> None:
    text = (
        "# Bio\n## Cells\nMitochondria::the powerhouse of the cell\n"
        "What is ATP?::the energy currency of the cell\n\n## C++\nUse std::vector for dynamic arrays of any type.\n"
    )
    pairs = qa(deck(text))
    assert ("What does Mitochondria mean?", "the powerhouse of the cell") in pairs
    assert ("What is ATP?", "the energy currency of the cell") in pairs
    assert not [p for p in pairs if "::" in p[0] + p[1] and "std::" not in p[0] + p[1]]


def test_flashcard_marks_in_notes_highlight_anki_cloze_and_a_question_mark_line() -> None:
    text = (
        "# Bio\n## Cells\nThe ==nucleus== contains the genetic material of the cell.\n\n"
        "세포막은 {{c1::인지질 이중층::구조}}으로 이루어져 있다.\n\n"
        "What does DNA stand for?\n?\nDeoxyribonucleic acid\n\n```python\nif a == b:\n    pass\n```\n"
    )
    pairs = qa(deck(text))
    assert ("The [...] contains the genetic material of the cell.", "nucleus") in pairs
    assert ("세포막은 [...]으로 이루어져 있다.", "인지질 이중층") in pairs
    assert ("What does DNA stand for?", "Deoxyribonucleic acid") in pairs


def test_a_dated_post_header_makes_no_card_and_label_items_are_no_kinds() -> None:
    text = (
        "# 우아한 레디스\n\n> 2019.11.21 우아한 형제들 테크 세미나\n>\n> 강대명 - 유데미 데이터 엔지니어\n>\n"
        "> **한줄 후기**\n>\n> 경험에 의해 쌓인 redis 운영과 관리에 관한 이야기를 들을 수 있어서 흥미로웠습니다.\n\n"
        "## Replication\n\n* Async Replication\n    * Replication Lag이 발생할 수 있다.\n"
        "* Replication 설정 과정\n    * Replicaof 명령 전달\n    * Secondary는 Primary에 sync 명령 전달\n"
        "* 주의할 점\n    * Replication 과정에서 Fork가 발생하므로 메모리 부족이 발생할 수 있다.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not [f for f in fronts if "강대명" in f or "레디스란" in f or "모두 쓰시오" in f]
    assert "주의할 점은?" in fronts and "주의할 점이란 무엇인가?" not in fronts


def test_hard_wrapped_prose_is_read_as_sentences_and_a_definition_list_as_terms() -> None:
    text = (
        "# Sequences\n\nRolled back transactions aren't completely free of side-effects. In this case the\n"
        "trace is increments to a sequence like you'd find attached to a primary key. Each\n"
        "insert of a row into a table with an autoincrementing sequence affects that sequence.\n\n"
        "## Glossary\n\nLatency\n: the time a request takes to get a response\n"
    )
    pairs = qa(deck(text))
    assert not [f for f, _b in pairs if f.rstrip().endswith((" the", " Each", " a"))]
    assert ("What does Latency mean?", "the time a request takes to get a response") in pairs


def test_no_term_from_a_subject_doing_something_a_passive_role_or_a_usage_label() -> None:
    text = (
        "# OS\n## 시분할 시스템\n- 처리기 시간은 여러 사용자들이 공유하며, 터미널을 통해 동시에 시스템에 접근\n\n"
        "## this\n`this`는 실행 컨텍스트가 생성될 때 함께 결정됩니다.\n\n"
        "## let()\n\n```kotlin\nfun<T,R> T.let(block: (T) -> R): R\n```\n\n- 사용 예\n\n"
        "함수를 호출한 객체를 인자로 받으므로, 이를 사용하여 다른 메소드를 실행하는 경우 사용할 수 있다.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not [
        f
        for f in fronts
        if f in ("처리기 시간이란 무엇인가?", "this는 무엇을 하는가?", "let()이란 무엇인가?")
    ]


def test_judgements_advice_headings_statement_items_quoted_questions_and_conditions() -> None:
    text = (
        "# 레디스\n## 결론\n\n레디스는 기본적으로 매우 좋은 툴이다\n\n- 레디스를 Cache로 쓰는 경우 : 문제가 적게 발생\n\n"
        "## O(N) 관련 명령어는 주의하자\n\n* 레디스는 Single Threaded\n    * 동시에 여러개의 명령을 처리할 수 없다.\n"
        "* Spring security RedisTokenStore 이슈\n    * 모든 item을 매번 찾아야함\n\n"
        "## 데이터 분산\n\n* 데이터를 어떻게 나눌것인가? 는 데이터를 어떻게 찾을것인가? 와 같다.\n"
    )
    pairs = qa(deck(text))
    fronts = [f for f, _b in pairs]
    assert not [f for f in fronts if f.startswith(("레디스란", "레디스는 Single", "O(N) 관련"))]
    assert "레디스를 Cache로 쓰는 경우는?" in fronts
    assert not [b for _f, b in pairs if b.startswith("는 ")]


def test_a_goal_label_is_answered_by_all_its_points_and_the_author_speaking_is_no_task() -> None:
    text = (
        "# 운영체제 개요\n## Goal\n\n- 운영체제의 핵심 기능에 대한 이해\n- 주요 운영체제 설계 영역에 대한 이해\n"
        "- 가상화에 대해 정의하고 설명할 수 있음\n\n## 클로저\n\n제가 보통 사용하는 방법은\n\n"
        "```js\nconst curry = (message) => (name) => `hi! ${name} ${message}`;\n```\n"
    )
    pairs = qa(deck(text))
    [goals] = [b for f, b in pairs if f == "목적은?"]
    assert goals.count("\n") == 2
    assert not [f for f, _b in pairs if "제가" in f]


def test_an_items_answer_is_its_own_points_not_the_lines_nested_under_them() -> None:
    text = (
        "# Redis\n## Replication\n\n* Async Replication\n    * Replication Lag이 발생할 수 있다.\n"
        "* 권장 설정 Tip\n    * Maxclient 설정 50000\n    * RDB/AOF 설정 off\n        * 마스터에서는 무조건 off\n"
        "    * 특정 commands disable\n"
    )
    [tip] = [b for f, b in qa(deck(text)) if f.startswith("권장 설정 Tip")]
    assert "Maxclient 설정 50000" in tip and "특정 commands disable" in tip
    assert "마스터에서는 무조건 off" not in tip


def test_a_side_note_left_over_describes_no_heading() -> None:
    text = (
        "# Bash\n## Arithmetic operators\n\n* Returns true if the numbers are **equal**\n\n"
        "```bash\n[[ ${arg1} -eq ${arg2} ]]\n```\n\n"
        "As a side note, arg1 and arg2 may be positive or negative integers.\n"
    )
    assert not [f for f, _b in qa(deck(text)) if f.startswith("Describe")]


def test_a_line_nested_two_levels_down_is_asked_with_the_point_it_sits_under() -> None:
    text = (
        "# Redis\n## 데이터 분산\n\n* Consistent Hashing\n    * 서버가 빠지면 해당 서버의 데이터만 리밸런싱이 일어남.\n"
        "* Sharding\n    * 데이터를 어떻게 나눌것인가가 중요하다.\n    * Range\n"
        "        * Key의 범위에 따라 저장할 서버를 정하는 방식으로 Hot Spot이 생길 수 있다.\n"
    )
    assert find(deck(text), "Sharding › Range\n", "Hot Spot")


def test_a_label_item_is_named_with_the_item_it_belongs_to() -> None:
    text = (
        "# OS\n## 최근 운영체제 발전\n\n1. `대칭적 멀티프로세싱(SMP)` : 여러 프로세스들이 동시에 실행될 수 있는 구조\n\n"
        "   - 모든 처리기들의 능력에 차등이 없음\n\n   - 장점\n\n"
        "     1. 성능 : 여러 프로세스들이 서로 다른 처리기 상에서 동시에 실행될 수 있음\n"
        "     2. 가용성 : 처리기 하나가 고장 났더라도 시스템 전체가 망가지지는 않음\n"
        "     3. 확장성 : 처리기의 개수를 조절하며 제품 라인을 다양하게 출시할 수 있음\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "대칭적 멀티프로세싱(SMP)의 장점: 3가지를 모두 쓰시오." in fronts
    assert "장점: 3가지를 모두 쓰시오." not in fronts


def test_a_korean_blank_is_not_left_beside_its_english_gloss() -> None:
    # (lines 196-206 of benchmarks/cards/extra/ko-javascript-interview-qa.md, MIT)
    extra = Path(__file__).resolve().parents[2] / "benchmarks" / "cards" / "extra"
    lines = (extra / "ko-javascript-interview-qa.md").read_text("utf-8").split("\n")
    text = "# JS\n## 🎈 자바스크립트 가비지 컬렉션\n\n" + "\n".join(lines[195:206]) + "\n"
    assert not [f for f, _b in qa(deck(text)) if "[...](garbage collector)" in f]


def test_a_bare_heading_a_latex_block_and_emoji_shortcodes_make_nothing_of_their_own() -> None:
    text = (
        "# REST\n\n#\n\n## URI 설계\n\n:white_check_mark: URI는 정보의 자원을 표현해야 한다.\n\n"
        "$$\nJ(\\\\theta) = \\\\frac{1}{2m}\n$$\n\n| a | b |\n|:---:|:---:|\n| GET | 조회 |\n"
    )
    cards = deck(text)
    texts = " ".join(html_to_text(c.front) + html_to_text(c.back) for c in cards)
    assert (
        cards and "(line" not in texts and "white_check_mark" not in texts and "frac" not in texts
    )


def test_code_in_a_fence_keeps_its_dollars_colons_and_question_marks() -> None:
    doc = parse_notes(
        '# Shell\n\n## PIDs\n\nPrint the shell\'s own process id:\n\n```bash\necho $$\nx=":tag:"\n?\ny=1\n```\n'
    )
    code = [ln.text for s in doc.sections for b in s.blocks for ln in b.lines]
    assert "echo $$" in code and 'x=":tag:"' in code and "?" in code


def test_a_dated_til_of_one_section_keeps_its_facts() -> None:
    text = (
        "# TIL\n\n2024-03-12\n\n- Docker 볼륨은 컨테이너가 지워져도 데이터를 보존한다.\n"
        "- bind mount는 호스트의 디렉토리를 컨테이너에 연결한다.\n"
    )
    assert len(deck(text)) >= 2


def test_a_name_whose_meaning_is_only_a_url_is_a_link_not_a_term() -> None:
    # a cheat sheet's header of links, and examples to try: a URL is no meaning to recall
    text = (
        "# Kubernetes\n- PDF: https://example.com/kubernetes-cheat-sheet/\n"
        "- WEBSITE: https://kubernetes.io/\n- DOCUMENTATION: https://kubernetes.io/docs/home\n\n"
        "## 옵저버\n1. MutationObserver : https://codepen.io/x/pen/abc\n"
        "2. ResizeObserver : https://codepen.io/x/pen/def\n\n"
        "## 용어\n- Pod : 하나 이상의 컨테이너를 묶은 배포 단위\n"
    )
    cards = deck(text)
    assert all("http" not in b and "http" not in f for f, b in qa(cards)), qa(cards)
    assert not any("PDF" in b or "MutationObserver" in b for _f, b in qa(cards))
    assert find(cards, "Pod의 뜻은?", "하나 이상의 컨테이너를 묶은 배포 단위")


def test_a_key_said_again_with_another_value_is_a_field_of_examples_not_a_term() -> None:
    # "Input: email" … "Input: audio": the key is a field each example fills, no term to define
    text = (
        "## Supervised learning\n- Spam filtering\n  - Input: email\n  - Output: spam or not\n"
        "- Speech recognition\n  - Input: audio\n  - Output: text transcripts\n\n"
        "## 용어\n- 레이블 : 정답 데이터\n- 특성 : 입력 데이터의 속성\n"
    )
    cards = deck(text)
    assert not any(
        f.endswith(("Input?", "Output?", "Input mean?", "Output mean?")) for f, _b in qa(cards)
    )
    assert not any(b in ("email", "audio", "Input", "Output") for _f, b in qa(cards)), qa(cards)
    assert find(cards, "레이블의 뜻은?", "정답 데이터")


def test_x_iraneun_names_what_follows_it_is_no_definition_of_x_ira() -> None:
    # "`setTimeout()`이라는 함수는 …" is "the function called setTimeout()"
    cards = deck(
        "## 큐와 콜백\n\n`setTimeout()`이라는 함수는 n초 뒤에 콜백을 단순히 큐에 넣는 게 끝이다.\n\n"
        "카메라는 빛을 기록하는 장치이다.\n"
    )
    assert not any("이라란" in f for f, _b in qa(cards)), qa(cards)
    assert not any(b.endswith("이라") for _f, b in qa(cards))
    assert find(cards, "카메라란 무엇인가?", "빛을 기록하는 장치이다.")


def test_a_label_item_is_answered_by_its_points_and_asked_of_its_owner() -> None:
    # "- 장점 👍" with its points under it: "Redis Cluster의 장점은?" (the emoji only decorates)
    text = (
        "# 분할 정복 [☝](#알고리즘)\n\n## 5. Redis 데이터 분산\n* Redis Cluster\n"
        "    * Hash 기반으로 slot 16384로 구분\n    * 장점 👍\n        * 자체적인 Failover 기능\n"
        "        * slot 단위의 데이터 관리\n    * 단점\n        * 메모리 사용량이 더 많다\n"
    )
    cards = deck(text)
    assert find(
        cards, "Redis Cluster의 장점은?", "- 자체적인 Failover 기능\n- slot 단위의 데이터 관리"
    )
    assert find(cards, "Redis Cluster의 단점은?", "메모리 사용량이 더 많다")
    # (English notes of their own: a short English section of Korean notes is asked in Korean)
    cards += deck(
        "## Caching\n- Pros\n  - Faster reads for hot keys\n  - Less load on the database\n"
    )
    assert find(
        cards,
        "What are the advantages of Caching?",
        "- Faster reads for hot keys\n- Less load on the database",
    )
    assert not any("☝" in html_to_text(c.front) or "👍" in html_to_text(c.front) for c in cards)


def test_a_name_over_its_own_points_is_not_what_the_heading_is() -> None:
    # "* Redis Cluster" with points nested under it does not define "Redis 데이터 분산", and
    # "- Pros" is not one of three points under "Caching"
    text = (
        "## 5. Redis 데이터 분산\n* Redis Cluster\n    * Hash 기반으로 slot 16384로 구분\n"
        "    * 장점\n        * 자체적인 Failover 기능\n        * slot 단위의 데이터 관리\n\n"
        "## Caching\n- Pros\n  - Faster reads for hot keys\n  - Less load on the database\n"
    )
    got = qa(deck(text))
    assert not any(b.strip("- ") in ("Redis Cluster", "Pros") for _f, b in got), got
    assert not any("Pros" in b.splitlines()[0] for _f, b in got if b), got
    assert not any("장점" in b for _f, b in got), got


def test_a_line_in_bold_whole_is_emphasis_its_term_is_still_asked() -> None:
    # "**URI 마지막 문자로 슬래시(/)를 포함하지 않는다.**": the bold marks the rule, not a term
    cards = deck(
        "## URI 설계 시 주의할 점\n\n1. **밑줄(_)은 URI에 사용하지 않는다.**  \n글꼴에 따라 밑줄은 보기 어렵다.\n"
    )
    assert find(cards, "[...]은 URI에 사용하지 않는다.", "밑줄(_)"), qa(cards)


def test_example_addresses_under_a_rule_are_no_code_to_write() -> None:
    text = (
        "### URI 설계\n1. **슬래시 구분자(/)는 계층 관계를 나타내는 데 사용**\n\n"
        "        http://restapi.example.com/houses/apartments\n"
        "        http://restapi.example.com/animals/mammals/whales\n\n"
        "### 규칙\n**URI는 정보의 자원을 표현해야 한다.**\n\n    GET /members/delete/1   (x)\n"
        "    DELETE /members/1   (o)\n\n## Python\n\n리스트를 뒤집는 코드:\n\n```python\nxs.reverse()\n```\n"
    )
    cards = deck(text)
    got = [(html_to_text(c.front), html_to_text(c.back)) for c in cards]
    assert not any("example.com" in f + b or "/members/" in f + b for f, b in got), got
    assert find(cards, "다음을 하는 코드를 쓰시오.", "xs.reverse()")


def test_a_bullet_that_says_a_task_over_its_one_command_explains_it() -> None:
    # a cheat sheet's "* Show metrics for nodes" over ```kubectl top node```: no name to define
    text = (
        "## Monitoring\n\n* Show metrics for nodes\n```\nkubectl top node\n```\n\n"
        "* Dump pod logs (stdout)\n```\nkubectl logs pod_name\n```\n"
    )
    # (Korean notes of their own: a short English section of Korean notes is asked in Korean)
    cards = deck(text) + deck(
        "## 컨테이너\n\n* 실행 중인 컨테이너 목록 보기\n```\ndocker ps\n```\n"
        "* 컨테이너 로그 확인\n```\ndocker logs web\n```\n"
    )
    assert find(cards, "Which command does this?", "kubectl top node"), qa(cards)
    assert find(cards, "Which command does this?", "kubectl logs pod_name")
    assert find(cards, "다음을 하는 명령은?", "docker logs web")
    assert not any(
        f.startswith("What is Show") or f == "컨테이너란 무엇인가?" for f, _b in qa(cards)
    )


def test_a_heredocs_lines_are_input_not_terms_or_commands() -> None:
    text = (
        "## Manage Resources\n\n* Create a secret with several keys\n```\n"
        "cat <<EOF | kubectl create -f -\napiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n"
        ' password: $(echo "s33msi4" | base64)\nEOF\n```\n\n'
        "* Delete a resource\n```\nkubectl delete -f ./my-manifest.yaml\n```\n"
    )
    cards = deck(text)
    got = [(html_to_text(c.front), html_to_text(c.back)) for c in cards]
    assert not any(w in f + b for f, b in got for w in ("Opaque", "Secret\n", "EOF", "s33msi4")), (
        got
    )
    assert find(cards, "Which command does this?", "kubectl delete -f ./my-manifest.yaml")


def test_a_bold_cost_opening_a_sentence_is_no_term_and_a_cost_is_asked_of_its_algorithm() -> None:
    text = (
        "#### 병합 정렬\n\n* **O(n)** 시간이 걸리는 과정을 **재귀 호출 후에 진행** (병합 과정)\n"
        "* **시간 복잡도** 항상 O(nlogn) 으로 일정\n\n## Terms\n\n- **Docker** 컨테이너 기반의 가상화 플랫폼\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any(f == "O(n)의 뜻은?" or b == "O(n)" for f, b in got), got
    assert find(cards, "병합 정렬: 시간 복잡도는?", "항상 O(nlogn) 으로 일정"), got
    assert not any(b == "시간 복잡도" for _f, b in got)
    assert find(cards, "Docker의 뜻은?", "컨테이너 기반의 가상화 플랫폼")


def test_a_courses_goals_make_no_cards_and_a_notes_heading_defines_nothing() -> None:
    text = (
        "# ML\n\n## Learning Objectives\n\nWeek 1\n- Define machine learning\n"
        "- Write and run Python code in Jupyter Notebooks\n\n## 학습 목표\n"
        "- 트랜잭션의 격리 수준을 설명할 수 있다\n\n## Notes\n\n"
        "- Gradient descent updates the parameters in the direction of the negative gradient.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any("Jupyter" in f + b or "격리 수준" in f + b or "Week" in f for f, b in got), got
    assert not any(f.startswith("What is the note") for f, _b in got), got
    assert find(
        cards,
        "Gradient descent updates the parameters in the direction of the [...]",
        "negative gradient",
    )


def test_the_authors_guess_and_to_do_are_no_facts() -> None:
    text = (
        "## 비동기\n\n구현부를 뜯어보지는 않았지만 setTimeOut() 이나 xmlHttpRequest() 로 구현이 "
        "되어있을 것으로 생각이 된다.\n\n다른 예제 2개도 풀어보기 <= Event Click 문제 풀기\n\n"
        "자바스크립트는 싱글 스레드 기반으로 동작한다.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any("xmlHttpRequest" in f or "Event Click" in f + b for f, b in got), got
    assert find(cards, "[...]는 싱글 스레드 기반으로 동작한다.", "자바스크립트")


def test_a_walkthrough_of_the_example_run_is_no_procedure_and_a_quoted_question_no_question() -> (
    None
):
    text = (
        '## 이벤트 루프\n\n```js\nconsole.log("a");\nsetTimeout(foo, 0);\n```\n\n'
        "위와 같은 구조를 생각하면서 코드를 라인 단위로 살펴보면\n\n1. `main()` 스택에 들어감\n"
        '2. `log("a")` 도 스택에 들어간 뒤 실행\n3. `main()` 종료\n\n'
        "의사 코드로 소스를 분석해보면.\n\n1. a를 출력해라\n2. 0초 뒤에 foo를 실행해라\n\n"
        "그렇다면 순서는 a -> b -> c가 되어야 하지 않나? 라는 생각을 할 수 있다.\n"
    )
    got = qa(deck(text))
    assert not any('log("a")' in b or "출력해라" in f + b or "단계" in f for f, b in got), got
    assert not any(b.startswith("라는") for _f, b in got), got


def test_bare_names_among_defined_terms_are_no_list_of_their_own() -> None:
    text = (
        "## 2. REST\n- Http Method 종류에 따른 행위\n    - **GET** : 조회(read)\n"
        "    - **POST** : 생성(create)\n    - **OPTIONS**\n    - **PATCH**\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any("OPTIONS" in b or "PATCH" in b for _f, b in got), got
    assert not any(b == "행위" for _f, b in got), got
    assert any(b == "조회(read)" and "GET" in f for f, b in got), got


def test_a_light_verb_written_apart_ends_no_blank() -> None:
    text = (
        "## 스케줄러\n\n`SRTF(Shortest Remaining Time First)`는 선점 스케줄러로, **잔여 실행 시간이 더 "
        "적은 프로세스를 먼저 처리**한다. SJF의 장점을 극대화 했으나, 프로세스 생성 시 총 실행 시간 "
        "예측이 필요하고 잔여 시간을 계속 추적해야 해서 overhead가 크고 구현 및 사용이 비현실적이다.\n"
    )
    got = qa(deck(text))
    assert not any(b.endswith(("했으", "했")) for _f, b in got), got


def test_english_outline_notes_ask_the_fact_not_the_subject_or_its_verb() -> None:
    text = (
        "# Lecture 5: Virtual Memory\n\n## Paging\n"
        "- Logical memory is divided into blocks of the same size called pages\n"
        "  - The OS keeps a page table for each process\n\n## Page replacement\n"
        "- Thrashing occurs when a process spends more time paging than executing\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert find(cards, "The OS keeps a [...] for each process", "page table"), got
    assert find(
        cards, "When does Thrashing occur?", "when a process spends more time paging than executing"
    )
    assert not any(b in ("OS", "process spends", "Thrashing occurs") for _f, b in got), got


def test_who_does_what_in_turn_is_a_procedure_and_two_names_are_no_term() -> None:
    text = (
        "# 4장 전송 계층\n\n## 4.1 TCP와 UDP\n\n전송 계층은 프로세스 간의 논리적 통신을 제공한다.\n\n"
        "### 3-way handshake\n\nTCP는 연결을 맺기 위해 3-way handshake를 수행한다.\n\n"
        "1. 클라이언트가 SYN을 보낸다.\n2. 서버가 SYN+ACK로 응답한다.\n3. 클라이언트가 ACK를 보낸다.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert find(
        cards,
        "3-way handshake의 전체 순서를 쓰시오.",
        "1. 클라이언트가 SYN을 보낸다.\n2. 서버가 SYN+ACK로 응답한다.\n3. 클라이언트가 ACK를 보낸다.",
    ), got
    assert not any(f == "TCP와 UDP란 무엇인가?" for f, _b in got), got


def test_a_question_heading_is_answered_by_its_paragraph_whole() -> None:
    text = (
        "# Prep\n\n## What is the difference between horizontal and vertical scaling?\n\n"
        "Vertical scaling means adding more power (CPU, RAM) to an existing machine. Horizontal "
        "scaling means adding more machines to the pool. Horizontal scaling is generally preferred "
        "for large systems because it avoids a single point of failure.\n\n"
        "## How does consistent hashing work?\n\n"
        "Both servers and keys are mapped onto a hash ring. Each key is stored on the first "
        "server found moving clockwise from the key's position. When a server is added or "
        "removed, only the keys in its segment move.\n"
    )
    cards = deck(text)
    got = [(html_to_text(c.front).splitlines()[-1], html_to_text(c.back)) for c in cards]
    assert any(
        f.startswith("What is the difference")
        and "Vertical scaling" in b
        and "Horizontal scaling" in b
        for f, b in got
    ), got
    assert any(f == "How does consistent hashing work?" and "clockwise" in b for f, b in got), got


def test_a_label_line_over_a_list_is_answered_by_the_list() -> None:
    ko = (
        "## 캐시 서버\n\n캐시 서버는 자주 쓰는 데이터를 가까운 곳에 저장해 두는 서버이다.\n\n"
        "장점:\n- 응답 속도가 빨라진다\n- 원본 서버의 부하가 줄어든다\n\n"
        "단점:\n- 데이터가 오래되면 원본과 달라질 수 있다\n"
    )
    cards = deck(ko)
    assert find(
        cards, "캐시 서버의 장점은?", "- 응답 속도가 빨라진다\n- 원본 서버의 부하가 줄어든다"
    ), qa(cards)
    assert find(cards, "캐시 서버의 단점은?", "데이터가 오래되면 원본과 달라질 수 있다")
    en = (
        "## Caching\n\nA cache stores copies of frequently used data close to where it is needed.\n\n"
        "**Advantages:**\n- Faster responses for repeated reads\n- Less load on the database\n\n"
        "Disadvantages:\n- Cached data can become stale\n"
    )
    cards = deck(en)
    got = qa(cards)
    assert find(
        cards,
        "What are the advantages of Caching?",
        "- Faster responses for repeated reads\n- Less load on the database",
    ), got
    assert find(cards, "What are the disadvantages of Caching?", "Cached data can become stale"), (
        got
    )
    assert not any(b == "data close" for _f, b in got), got


def test_todays_reflection_makes_no_cards() -> None:
    text = (
        "# 2024-03-12 TIL\n\n## Java Stream\n\n- 중간 연산: filter, map 등 스트림을 반환한다\n\n"
        "## 오늘의 회고\n- 스트림 API가 익숙하지 않아서 시간이 오래 걸렸다.\n"
    )
    got = qa(deck(text))
    assert not any("익숙하지" in f for f, _b in got), got
    assert any(b == "filter, map 등 스트림을 반환한다" for _f, b in got), got


def test_an_english_definition_with_its_acronym_in_parentheses_defines_the_term() -> None:
    text = (
        "## Networking\n\nA content delivery network (CDN) is a globally distributed network of "
        "proxy servers that serve content from locations closer to the user.\n"
    )
    cards = deck(text)
    assert find(
        cards,
        "What is content delivery network?",
        "a globally distributed network of proxy servers that serve content from locations closer to the user.",
    ), qa(cards)
    assert find(cards, "What does CDN stand for?", "content delivery network")


def test_a_lead_that_counts_traits_is_answered_by_them_not_asked_as_steps() -> None:
    text = (
        "## 2.1 단위 테스트의 정의\n\n단위 테스트는 다음 세 가지 특성을 갖는 자동화된 테스트다.\n\n"
        "1. 작은 코드 조각(단위)을 검증한다.\n2. 빠르게 수행한다.\n3. 격리된 방식으로 처리한다.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any("단계" in f or "순서" in f for f, _b in got), got
    assert any(
        f.startswith("단위 테스트는 다음 세 가지 특성") and "빠르게 수행한다." in b for f, b in got
    ), got


def test_two_counted_strategies_are_named_together_and_a_formula_keeps_its_definition() -> None:
    text = (
        "### Collision resolution\n\nThere are two main strategies:\n\n"
        "1. **Chaining** — each bucket stores a linked list of the entries that hash to it.\n"
        "2. **Open addressing** — on a collision, probe other buckets until an empty one is found.\n\n"
        "The *load factor* α = n/m is the number of entries divided by the number of buckets.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert find(cards, "Collision resolution: name all 2.", "- Chaining\n- Open addressing"), got
    assert find(
        cards, "What is load factor?", "the number of entries divided by the number of buckets."
    ), got


def test_a_definition_that_ends_on_its_name_answers_without_it() -> None:
    ko = (
        "## 캡슐화\n\n데이터가 상위 계층에서 하위 계층으로 내려갈 때 각 계층의 헤더가 붙는 것을 "
        "캡슐화라고 한다. 반대로 헤더를 떼어내는 과정은 역캡슐화라고 한다.\n"
    )
    cards = deck(ko)
    assert find(
        cards,
        "캡슐화란 무엇인가?",
        "데이터가 상위 계층에서 하위 계층으로 내려갈 때 각 계층의 헤더가 붙는 것",
    ), qa(cards)


def test_a_question_heading_over_a_short_list_is_answered_by_the_list() -> None:
    text = (
        "# Git Notes\n\n## Why use branches?\n- Work on features without affecting the main line\n"
        "- Experiment safely and throw the work away if it fails\n"
        "- Review changes in isolation before merging\n\n"
        "## Rebase\n\n**Rule of thumb:** never rebase commits that others have already pulled.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert any(
        f == "Why use branches?" and "Experiment safely" in b and "Review changes" in b
        for f, b in got
    ), got
    assert not any("Rule of thumb" in f + b for f, b in got), got


def test_what_a_command_does_is_not_asked_when_its_sub_command_says_it() -> None:
    text = (
        "## Manage Resources\n\n* Delete a resource\n```\nkubectl delete -f ./my-manifest.yaml\n```\n\n"
        "* Start a single instance of Nginx\n```\nkubectl run nginx --image=nginx\n```\n"
    )
    cards = deck(text)
    got = [(html_to_text(c.front), html_to_text(c.back)) for c in cards]
    assert not any("kubectl delete" in f and b == "Delete a resource" for f, b in got), got
    assert find(cards, "Which command does this?", "kubectl delete -f ./my-manifest.yaml")
    assert any(
        "kubectl run nginx" in f and b == "Start a single instance of Nginx" for f, b in got
    ), got


def test_a_request_heading_is_asked_as_it_is() -> None:
    text = (
        "## Intent에 대하여 설명하시오\n\n- 컴포넌트 간에 작업 수행을 위한 정보를 전달하는 메시지 객체이다.\n"
        "- 명시적 인텐트와 암시적 인텐트가 있다.\n"
    )
    got = qa(deck(text))
    assert not any("설명하시오란" in f or b == "Intent에 대하여 설명하시오" for f, b in got), got
    assert any(f == "Intent에 대하여 설명하시오" and "메시지 객체" in b for f, b in got), got


def test_a_colon_inside_an_aside_splits_no_term() -> None:
    text = (
        "## Route Table\n\n- Add another route (::/0 , target = 위와 동일) 로 IPv6도 설정해준다.\n"
        "- Add another route (Destination: 0.0.0.0/0  Target: NAT Gateway) 및 save.\n"
        "- 서브넷 : VPC 안에서 나눈 IP 주소 범위\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any("Add another route (" in f + b and "mean" in f for f, b in got), got
    assert not any(b.startswith("/0") or b.endswith("(") for _f, b in got), got
    assert any(b == "VPC 안에서 나눈 IP 주소 범위" for _f, b in got), got


def test_no_blank_inside_inline_latex_and_an_exercise_is_no_fact() -> None:
    text = (
        "# Finite Automata\n\nThe graph $G$ consists of a set $N$ of nodes include a start node $N_0$. "
        "A subset $F\\subseteq N$ of the nodes are marked as final nodes.\n\n"
        "## Exercise:\n\nDraw a DFA for the RE '0*.(1.0*.1.0*)*' and trace through the state changes.\n"
    )
    cards = deck(text)
    got = [(html_to_text(c.front), html_to_text(c.back)) for c in cards]
    assert not any("$[...]" in f or "\\[...]" in f or b in ("N_0", "subseteq N") for f, b in got), (
        got
    )
    assert not any("Exercise" in f or "Draw a DFA" in f + b for f, b in got), got
    assert any(b == "final nodes" for _f, b in got), got


def test_an_acronym_of_some_words_of_the_breadcrumb_is_no_blank() -> None:
    text = (
        "# Content Security Policy Cheat Sheet\n\n## Context\n\n### Defense in Depth\n\n"
        "A strong CSP provides an effective __second layer__ of protection against various types of "
        "vulnerabilities, especially XSS. Although CSP doesn't prevent web applications from "
        "*containing* vulnerabilities, it can make those vulnerabilities significantly more "
        "difficult for an attacker to exploit.\n"
    )
    got = qa(deck(text))
    assert not any(b == "CSP" for _f, b in got), got
    assert got, "the sentence still makes a card"


def test_a_shouted_warning_and_a_summary_adverb_are_no_terms() -> None:
    text = (
        "## Policy Delivery\n\n__DO NOT__ use `X-Content-Security-Policy` or `X-WebKit-CSP`. Their "
        "implementations are obsolete (since Firefox 23, Chrome 25), limited, inconsistent, and "
        "incredibly buggy.\n\n# 자바 직렬화\n\n## 간단하게\n\n- Java 내부 시스템에서 사용되는 객체나 "
        "데이터를 외부에서 사용할 수 있도록 Byte 형태로 변환하는 것.\n"
    )
    got = qa(deck(text))
    assert not any("DO NOT mean" in f or b in ("NOT", "DO NOT", "간단하게") for f, b in got), got
    assert not any(f.startswith("간단하게") for f, _b in got), got


def test_items_under_a_question_about_uses_are_cases_not_terms() -> None:
    text = (
        "## 직렬화가 사용되는 상황은?\n\n- Servlet Session\n  - Servlet 기반의 WAS들은 대부분 세션의 Java 직렬화를 지원한다.\n"
        "- Java RMI\n  - 원격 시스템의 메서드를 호출할 때 전달하는 메세지(객체)를 직렬화하여 사용한다.\n"
    )
    got = qa(deck(text))
    assert not any(
        f in ("Servlet Session이란 무엇인가?", "Java RMI란 무엇인가?") for f, _b in got
    ), got
    assert any(f == "Servlet Session은?" for f, _b in got), got


def test_a_labs_clicks_and_the_lectures_own_values_are_no_facts() -> None:
    text = (
        "## 7. Internet Gateway 만들기\n\n- Name tag 설정 (강의에서는 MyIGW) 및 Create\n"
        "- 밑의 Routes 선택하고 Edit 클릭\n- Amazon Linux AMI 클릭\n\n"
        "## 명령어\n\n- cd : 디렉토리 이동\n- mv : 파일 이동\n"
    )
    got = qa(deck(text))
    assert not any(b in ("Name tag", "Edit", "AMI") or "MyIGW" in f for f, b in got), got
    assert any(b == "디렉토리 이동" for _f, b in got), got


def test_a_name_that_applies_under_a_condition_is_no_definition() -> None:
    text = (
        "# Finite Automata aka Finite State Machines\n\nThe Finite Automata is called a Deterministic "
        "Finite Automata (DFA) if for each node, all of the edges leaving that node have distinct labels.\n"
    )
    got = qa(deck(text))
    assert not any(f == "What is Finite Automata?" for f, _b in got), got


def test_an_ex_line_is_an_example_no_title_and_no_fact() -> None:
    text = (
        "# URI와 URL의 차이점에 대하여 설명하시오\n## URL (`Uniform Resource Locator`)\n"
        "파일의 위치(구분자)를 표시하는 주소\n> EX) `https://test.com/test.pdf`?index=5  \n\n"
        "```\nhttps://test.com/test.pdf?index=5\nhttps://test.com/test.pdf?index=15\n```\n"
        "위와 같은 주소는 같은 `URL`을 가지지만 `URI`는 서로 다름<br/>\n> `URL`은 `URI` 안에 있음\n"
    )
    got = [(html_to_text(c.front), html_to_text(c.back)) for c in deck(text)]
    assert not any("EX)" in f or "test.com" in f + b for f, b in got), got


def test_a_remark_about_a_topic_is_no_definition_of_it() -> None:
    text = (
        "## 런던파의 접근\n\n클래스는 심지어 순환 의존성이 있을 수도 있는데, 이는 의존성 사슬이 결국 "
        "시작된 위치로 돌아오는 것이다.\n"
    )
    got = qa(deck(text))
    assert not any(
        f == "클래스란 무엇인가?" or f == "다음 설명에 해당하는 용어는?" for f, _b in got
    ), got


def test_a_comparison_and_a_to_do_heading_are_no_definition_or_role() -> None:
    text = (
        "## 차이점\n\n런던 스타일은 고전 스타일보다 테스트가 구현에 더 자주 결합되는 편이다.\n\n"
        "### 버그 위치 정확히 찾아내기\n\n런던 스타일 테스트가 있는 시스템에 버그가 생기면 SUT에 버그가 포함된 테스트만 실패한다.\n"
    )
    got = qa(deck(text))
    assert not any(
        f in ("런던 스타일이란 무엇인가?", "버그 위치 정확히 찾아내기는 무엇을 하는가?")
        for f, _b in got
    ), got


def test_a_tables_example_column_is_not_asked() -> None:
    text = (
        "## Math Operators\n\n| Operators | Operation | Example |\n| --- | --- | --- |\n"
        "| % | Modulus/Remainder | `22 % 8 = 6` |\n| // | Integer division | `22 // 8 = 2` |\n"
        "| / | Division | `22 / 8 = 2.75` |\n"
    )
    got = qa(deck(text))
    assert not any("Example" in f or "22" in b for f, b in got), got
    assert any(b == "Integer division" for _f, b in got), got


def test_a_session_at_the_prompt_is_an_example_not_code_to_write() -> None:
    text = (
        "## Concatenation and Replication\n\nString concatenation:\n\n```python\n>>> 'Alice' 'Bob'\n"
        "# 'AliceBob'\n```\n\n## Python\n\n리스트를 뒤집는 코드:\n\n```python\nxs.reverse()\n```\n"
    )
    cards = deck(text)
    got = [(html_to_text(c.front), html_to_text(c.back)) for c in cards]
    assert not any("Alice" in f + b for f, b in got), got
    assert find(cards, "다음을 하는 코드를 쓰시오.", "xs.reverse()")


def test_a_version_heading_and_an_installation_heading_are_no_terms() -> None:
    text = (
        "# HTTP caching\n\n## 캐시 동작 방식\n\n### 1.0\n\n1.0 방식에서는 응답 헤더에 Expires를 받는다.\n\n"
        "# Mimalloc Memory Allocator\n\nmimalloc은 마이크로소프트가 만든 메모리 할당자이다.\n\n## 설치\n\n"
        "해당 라이브러리 파일을 운영체제에 직접 설치해야 한다.\n"
    )
    got = qa(deck(text))
    assert not any(f in ("1.0이란 무엇인가?", "설치란 무엇인가?") for f, _b in got), got
    assert any(b == "Expires" for _f, b in got), got


def test_the_last_words_of_a_hard_wrapped_sentence_are_no_command() -> None:
    text = (
        "# Dijkstra's Algorithm\n\nDijkstra's algorithm is an algorithm for finding the shortest\n"
        "paths between nodes in a graph, which may represent, for example,\nroad networks.\n"
    )
    cards = deck(text)
    assert not any(c.kind is CardKind.COMMAND for c in cards), qa(cards)


def test_a_korean_blank_the_breadcrumb_spells_with_ch_said_as_sh_is_given_away() -> None:
    text = (
        "# HTTP caching\n\n웹 자원을 요청할 때 같은 자원을 재요청하지 않기 위해 사본을 만들어 저장하는 데 "
        "이를 캐싱이라 한다.\n\n## Cache-control\n\n현대의 브라우저에서는 이 HTTP-header를 이용하여 캐시 컨트롤을 한다.\n"
    )
    got = qa(deck(text))
    assert not any(b in ("캐싱", "캐시 컨트롤") for _f, b in got), got


def test_a_meaning_that_is_a_condition_is_asked_without_asking_a_meaning() -> None:
    text = (
        "## 정리\n\n- String : 문자열 연산이 적고 멀티 쓰레드 환경일 경우\n"
        "- StringBuffer : 문자열 연산이 많고 멀티 쓰레드 환경일 경우\n"
    )
    got = qa(deck(text))
    assert not any(f in ("String의 뜻은?", "다음 뜻을 가진 용어는?") for f, _b in got), got
    assert any(f == "String은?" for f, _b in got), got


def test_a_speakers_emoji_mark_takes_its_colon_with_it() -> None:
    text = "### IOC\n\n> 💁🏻 : IOC는 Inversion Of Control로 스프링 컨테이너가 모든 빈을 관리하는 것을 의미한다.\n"
    got = qa(deck(text))
    assert not any(f.startswith(":") or b.startswith(":") for f, b in got), got
    assert any(f == "IOC란 무엇인가?" for f, _b in got), got


def test_a_bare_url_tmi_my_thoughts_a_pointer_and_an_example_label_make_no_definition() -> None:
    text = (
        "# Rust\n\n## Modules\n\nhttps://doc.rust-lang.org/book/ch07-02-modules.html\n\n"
        "# GC\n\n## 용어 정리\n\n### Weak Generational Hypothesis\n\n"
        "Weak Generational Hypothesis란 아래 2가지 가설(전제, 경향)을 말한다.\n\n"
        "### TMI\n\nzee gee cee, zed gee cee 등으로 발음한다.\n\n"
        "### 왜 하나의 영역만 사용하는가?\n\n- (내 생각) Sweep이후 Compaction을 따로 하지 않아도 된다.\n\n"
        "# Patterns\n\n## Bridge\n\nAn example is when classes BlueBall and YellowBall exist.\n"
    )
    got = [(html_to_text(c.front), html_to_text(c.back)) for c in deck(text)]
    assert not any("doc.rust-lang.org" in b for _f, b in got), got
    assert not any("아래 2가지" in b or "TMI" in f for f, b in got), got
    assert not any("[...]" in f and "내 생각" in f for f, _b in got), got  # no cloze of a guess
    assert not any(f.endswith("What is example?") for f, _b in got), got


def test_a_snake_case_name_its_description_spells_is_not_asked_back() -> None:
    text = "## Option\n\n- `map_or`: does map and or at once\n- `unwrap`: returns the value or panics\n"
    got = qa(deck(text))
    assert not any(b == "map_or" for _f, b in got), got
    assert any(b == "unwrap" for _f, b in got), got


def test_an_english_filler_phrase_is_no_blank() -> None:
    text = (
        "## Proxy\n\nConsider a class that takes a lot of system resource.\n\n"
        "Clients just need to use the proxy instead of the object itself.\n\n"
        "## Strategy\n\nEach routing algorithm would then be its own strategy, and the map would at "
        "any given time use one of them.\n"
    )
    got = qa(deck(text))
    assert not any(b in ("object itself", "given time") for _f, b in got), got
    text = (
        "## Proxy\n\nConsider a class/object that takes a lot of system resource, and thus "
        "preferably only lives when methods of the object are called and not inbetween.\n\n"
        "A proxy with the same interface as the object can be beneficial.\n"
    )
    got = qa(deck(text))
    assert not any(b.startswith("and not") for _f, b in got), got


def test_a_contrast_sentence_defines_each_of_its_two_terms() -> None:
    text = (
        "## 프로세스와 스레드 차이\n\n프로세스는 메모리 상에서 실행중인 프로그램을 말하며, 스레드는 이 "
        "프로세스 안에서 실행되는 흐름 단위를 말한다.\n"
    )
    cards = deck(text)
    assert find(cards, "프로세스란 무엇인가?", "메모리 상에서 실행중인 프로그램을 말함"), qa(cards)
    assert find(cards, "스레드란 무엇인가?", "이 프로세스 안에서 실행되는 흐름 단위를 말한다.")
    text = "## A vs B\n\n`Alpha`는 빈이 생성되기 전에 실행되고 `Beta`는 빈이 생성되는 과정에서 실행되는 것이다.\n"
    cards = deck(text)
    assert find(cards, "Alpha란 무엇인가?", "빈이 생성되기 전에 실행됨"), qa(cards)
    assert find(cards, "Beta란 무엇인가?", "빈이 생성되는 과정에서 실행되는 것이다.")
    # a verb's "는" is no second topic, nor is a clause that goes on about the first term
    text = "## 스프링 핵심\n\nBean은 스프링 컨테이너가 관리하고 생성하는 객체를 의미한다.\n\n스프링은 자바 프레임워크이다.\n"
    assert find(
        deck(text), "Bean이란 무엇인가?", "스프링 컨테이너가 관리하고 생성하는 객체를 의미한다."
    )
    text = "## 동기와 비동기\n\n비동기는 결과를 기다리지 않고 다음 요청을 수행하고, 결과는 콜백 함수로 받는 방식이다.\n"
    got = qa(deck(text))
    assert not any(b.endswith("수행함") for _f, b in got), got


def test_it_is_a_under_a_heading_says_what_the_heading_is() -> None:
    text = (
        "## Kubernetes\n\nIt is an open-source system for automating deployment, scaling, and "
        "management of containerized applications.\n\n"
        "# Design Patterns\n\nWhat is and isn't a design pattern depends on the point of view, "
        "and someone's design pattern might be someone else's basic building block.\n\n"
        "It is a reusable solution to a commonly occuring problem in software design.\n\n"
        "## Cheat sheet\n\nSee the card.\n"
    )
    got = qa(deck(text))
    assert (
        "What is Kubernetes?",
        "An open-source system for automating deployment, scaling, "
        "and management of containerized applications.",
    ) in got, got
    assert (
        "What is Design Patterns?",
        "A reusable solution to a commonly occuring problem in software design.",
    ) in got, got
    # "it" after a sentence about something else is that thing, not the heading
    text = (
        "## Scheduler\n\nThe kubelet runs on every node.\n\n"
        "It is an agent that starts the pods the scheduler assigns.\n"
    )
    assert not any(b.startswith("An agent") for _f, b in qa(deck(text))), qa(deck(text))


def test_an_item_that_compares_two_names_asks_how_they_differ() -> None:
    text = (
        "## Traits\n\n- `PartialEq` vs `Eq`\n  - `PartialEq`: symmetric and transitive\n"
        "  - `Eq`: `PartialEq` + reflexive\n- `PartialOrd` vs `Ord`\n"
        "  - `PartialOrd`: antisymmetric and transitive\n  - `Ord`: `PartialOrd` + total\n\n"
        "## 비교\n\n- 프로세스 vs 스레드\n  - 프로세스는 독립된 메모리 공간을 가진다\n"
        "  - 스레드는 프로세스의 메모리를 공유한다\n- 뮤텍스 vs 세마포어\n"
        "  - 뮤텍스는 하나의 스레드만 진입\n  - 세마포어는 여러 스레드가 진입\n"
    )
    got = qa(deck(text))
    fronts = [f for f, _b in got]
    assert "What is the difference between PartialEq and Eq?" in fronts, got
    assert "프로세스와 스레드의 차이는?" in fronts, got
    assert not any("name all" in f or "모두 쓰시오" in f for f in fronts), got


def test_a_bold_little_word_is_no_blank() -> None:
    text = (
        "## Iterators\n\n- `Iterator` keeps a pointer to the current item and is inherently "
        "mutable. `Vec<T>` is **not** an `Iterator`.\n- `IntoIterator` can create an `Iterator`.\n"
    )
    assert not any(b == "not" for _f, b in qa(deck(text))), qa(deck(text))


def test_an_english_class_name_is_asked_what_it_is_without_an_article() -> None:
    text = "## Traits\n\n- `PartialEq`: symmetric and transitive\n- `Eq`: `PartialEq` + reflexive\n"
    fronts = [f for f, _b in qa(deck(text))]
    assert "What is PartialEq?" in fronts and "What is the PartialEq?" not in fronts, fronts


def test_a_table_cell_that_repeats_an_earlier_cell_of_its_row_is_not_asked_again() -> None:
    text = (
        "## 옵션\n\n| 옵션 | 기본값 | 권장값 | 설명 |\n|---|---|---|---|\n"
        "| PURGE_DELAY | 1000 | 1000 | 미사용 페이지를 N ms 후 반환 |\n"
        "| VERBOSE | 0 | 1 | 설정을 출력 |\n"
        "| MAX_ERRORS | 16 | 16 | 에러 메시지 최대 출력 횟수 |\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "PURGE_DELAY: 기본값은?" in fronts and "PURGE_DELAY: 권장값은?" not in fronts, fronts
    assert "VERBOSE: 권장값은?" in fronts, fronts


def test_bold_code_in_a_table_header_leaves_no_stray_stars() -> None:
    from srsapp.core import text as t

    assert t.inline("**`Memory`** and **b** `c`") == (
        "<b><code>Memory</code></b> and <b>b</b> <code>c</code>"
    )
    assert t.inline_text("**`Memory`** and __`y`__") == "Memory and y"
    text = (
        "## 정리\n\n|**구분**|**`String`**|**`StringBuilder`**|\n|---|---|---|\n"
        "|**`Memory`**|`String pool`|`Heap`|\n|**`Thread-Safe`**|Yes|No|\n"
    )
    got = qa(deck(text))
    assert got and not any("**" in f or "**" in b for f, b in got), got
    text = (
        "## 원시 자료형\n\n1. 숫자형<br/>\n&nbsp;&nbsp;* `Integer Type` : **`short`**, **`int`**, "
        "**`long`**<br/>\n&nbsp;&nbsp;* `Floating Type` : **`float`**, **`double`**<br/>\n"
    )
    got = qa(deck(text))
    assert any(b == "short, int, long" for _f, b in got), got
    assert not any("* " in f or "**" in b for f, b in got), got


def test_the_sentences_after_an_example_opening_go_on_with_the_example() -> None:
    text = (
        "# Patterns\n\n## Structural\n\n### Bridge\n\nThis is used if a class is composed of "
        "different parts. An example is when classes BlueBall, YellowBall, BlueSquare exist. Once "
        "there are 5 different colors, adding a new shape requires 5 new classes to be made.\n"
    )
    got = qa(deck(text))
    assert not any("5 new classes" in b for _f, b in got), got


def test_a_key_over_a_long_worked_run_is_answered_by_its_value_alone() -> None:
    run = "".join(
        f"    * V = {v} | {i} coins used\n" for i, v in enumerate((41, 16, 6, 5, 3, 1, 0))
    )
    text = (
        "## Greedy Algorithms\n* Greedy algorithms make locally optimal choices at each step\n"
        "* Example - Coin Change\n    * Given a target amount V cents, what is the minimum number"
        " of coins?\n    * Coins - Penny (1 cent), Nickel (5 cents)\n    * Assume V = 41.\n"
        + run
        + "    * Using this algorithm, we arrive at a total of 4 coins which is optimal\n"
    )
    from benchmarks.cards.measure import problems_of

    cards = deck(text)
    assert problems_of(cards) == [], problems_of(cards)
    assert any(b == "Coin Change" for _f, b in qa(cards)), qa(cards)


def test_numbered_cases_and_a_trace_of_the_example_are_no_steps() -> None:
    text = (
        "## 배열 정렬하기\n\n1. `sort` 메소드의 인자로 **비교 함수**를 넘길 수 있다.\n"
        "2. 어떤 두 값 `a`, `b`에 대해서 비교 함수를 호출했을 때\n"
        "   1. 음수를 반환하면, `a`가 `b` 앞에 오도록 정렬한다.\n"
        "   2. 0을 반환하면, `a`와 `b`를 같은 순서로 간주한다.\n"
        "   3. 양수를 반환하면, `b`가 `a` 앞에 오도록 정렬한다.\n\n"
        "## reduce\n\n1. `reduce` 메소드는 모든 요소의 값을 **종합**해서 하나의 값으로 만드는 계산을"
        " 할 때 사용한다.\n2. 아래 코드에서 일어나는 일을 순서대로 나열하면 다음과 같다.\n"
        "   1. 초기값 `0`과 첫 번째 요소인 `1`을 인자로 해서 함수를 호출한다.\n"
        "   2. 누적값 `1`과 두 번째 요소인 `2`를 인자로 해서 함수를 호출한다.\n"
        "   3. 누적값 `3`과 세 번째 요소인 `3`을 인자로 해서 함수를 호출한다.\n"
        "3. 계산을 오른쪽부터 수행하는 `reduceRight` 메소드도 있다.\n"
    )
    cards = deck(text)
    assert not [c for c in cards if c.kind is CardKind.SEQUENCE], qa(cards)
    assert any(b == "종합" for _f, b in qa(cards)), qa(cards)
    # each case asked as a case and what it leads to
    assert find(cards, "음수를 반환하면 → [...]", "a가 b 앞에 오도록 정렬한다."), qa(cards)


def test_explanation_and_sample_code_headings_are_labels_not_terms() -> None:
    text = (
        "## Arrow function\n\nArrow functions are another way to declare functions.\n\n"
        "### Short explanation\n\nAn arrow function has no own binding of this, and it returns "
        "its single expression implicitly.\n\n"
        "### Sample code\n\n- Concision and implicit return\n\n```js\nconst double = x => x * 2;\n"
        "```\n\n- this reference\n\n```js\nsetTimeout(() => { this.n++; }, 0);\n```\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not any("Short explanation" in f or "Sample code" in f for f in fronts), fronts
    assert not any(f == "Give an example of Arrow function." for f in fronts), fronts


def test_a_term_meaning_wrapped_at_the_editor_width_is_read_whole() -> None:
    text = (
        "### Binary Tree\n * **Full Tree**: a tree in which every node has either 0 or 2 children\n"
        " * **Complete Tree**: a binary tree in which every level *except possibly the last* is "
        "full and all nodes in the last\n   level are as far left as possible\n\n### Graph\n"
        " * **Undirected Graph**: a graph in which the adjacency relation is symmetric. So if there"
        " exists an edge from node u to node\n v (u -> v), then it is also the case that there "
        "exists an edge from node v to node u (v -> u)\n"
        " * **Open Addressing**: in *open addressing*, the buckets are examined until an unoccupied"
        " slot is found. The name open addressing refers to\n the fact that the location of an item"
        " is not always determined by its hash value\n"
    )
    got = qa(deck(text))
    assert (
        "What does Complete Tree mean?",
        "a binary tree in which every level except possibly the last is full and all nodes in the "
        "last level are as far left as possible",
    ) in got, got
    assert not any(b in ("node u", "name open") or b.startswith("v), then") for _f, b in got), got


def test_costs_under_a_complexity_label_say_what_they_measure() -> None:
    text = (
        "### Binary Search Tree\n * A binary search tree keeps its nodes sorted by key.\n"
        " * Time Complexity:\n   * Access: `O(log(n))`\n   * Search: `O(log(n))`\n"
        "   * Insert: `O(log(n))`\n\n### Quicksort\n * Stable: `No`\n * Time Complexity:\n"
        "   * Best Case: `O(nlog(n))`\n   * Worst Case: `O(n^2)`\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "Binary Search Tree: Time Complexity of Access?" in fronts, fronts
    assert "Quicksort: Stable?" in fronts, fronts
    assert not any("name all" in f or "::" in f for f in fronts), fronts


def test_advice_or_a_sentence_cut_by_code_does_not_explain_the_code() -> None:
    text = (
        "## var\n\nVariables declared with var are function scoped.\n\n"
        "I recommend you to picture it as if an *X scoped* variable meant that this variable was "
        "a property of X.\n\n```javascript\nfunction f() {\n  var v = 1;\n}\nconsole.log(v);\n```\n\n"
        "This portion of code:\n\n```js\nconsole.log(myVar)\nvar myVar = 2;\n```\n\n"
        "is understood at execution like:\n\n```js\nvar myVar;\nconsole.log(myVar)\nmyVar = 2;\n```\n"
    )
    got = qa(deck(text))
    assert not any(b.startswith(("I recommend", "is understood")) for _f, b in got), got
    assert not any(b == "X scoped variable" for _f, b in got), got


def test_a_step_said_as_key_and_event_is_asked_what_happens_there() -> None:
    text = (
        "## 3-Way 핸드셰이크\n\n모든 TCP 연결은 3-Way 핸드셰이크로부터 시작된다.\n\n"
        "- SYN : 클라이언트가 무작위로 시퀀스 번호 x를 고르고 SYN 패킷을 보낸다.\n"
        "- SYN ACK : 서버가 x를 1만큼 증가시키고, 무작위로 시퀀스 번호 y를 고른다.\n"
        "- ACK : 클라이언트가 x와 y를 1만큼 증가시킨 후 ACK 패킷을 보낸다.\n"
    )
    got = qa(deck(text))
    fronts = [f for f, _b in got]
    assert "SYN에서 일어나는 일은?" in fronts and "SYN의 뜻은?" not in fronts, got
    # "모든 TCP 연결은 …" speaks of TCP connections: no answer to "3-Way 핸드셰이크란?"
    assert not any(b.startswith("모든 TCP 연결은") for f, b in got if f.endswith("무엇인가?")), got
    assert not any(f.startswith("다음 뜻을 가진") for f in fronts), got


def test_a_sentence_that_refers_back_is_shown_after_the_one_it_refers_to() -> None:
    text = (
        "## TCP\n\nTCP 스트림의 특징 중 하나가, 전송된 모든 바이트는 수신된 모든 바이트와 동일하며 "
        "같은 순서로 도착한다는 것이다. 사실 이러한 점 때문에 브라우저의 웹 성능을 최적화하는 데에 "
        "어느 정도 문제를 야기하기도 한다.\n\n"
        "## 용어\n\n- 컴퓨터 부품들은 '**클럭 신호**'에 맞춰 일사불란하게 움직인다\n"
        "- 파이프라인은 명령어를 겹쳐 실행하는 기법이다\n"
    )
    cards = deck(text)
    for c in cards:
        front = html_to_text(c.front)
        if "이러한 점 때문에" in front:
            assert "TCP 스트림의 특징" in front, front
    from benchmarks.cards.measure import problems_of

    assert problems_of(cards) == [], problems_of(cards)
    assert "**" not in " ".join(html_to_text(c.back) for c in cards)


def test_no_blank_on_a_year_half_a_numbered_name_a_judging_tail_or_breadcrumb_words() -> None:
    text = (
        "# TCP의 구성요소\n\n## 느린 시작\n\nTCP 내에 흐름 제어가 있음에도 불구하고 네트워크 혼잡 "
        "붕괴가 1980년 중반에 실제 문제로 떠올랐다. 1988년, 혼잡을 제어하기 위한 몇 가지 알고리즘이 "
        "소개되었다.\n\n혹은 초기 혼잡 윈도 크기 값을 새 RFC 6928에 정의한 10 세그먼트로 늘릴 수도 "
        "있다.\n\nTCP의 성능을 튜닝하면 서버와 클라이언트에게 각 커넥션당 최고의 처리량과 레이턴시를 "
        "얻을 수 있다.\n\n## Head-of-Line(HOL) 블로킹\n\n패킷 하나가 소실되면 다른 패킷들은 수신자 쪽 "
        "버퍼에서 대기한다. 이러한 현상을 TCP head-of-line (HOL) 블로킹이라 한다.\n"
    )
    got = qa(deck(text))
    bad = {"1988년", "1980년", "RFC", "커넥션당 최고", "TCP head-of-line (HOL)"}
    assert not any(b in bad for _f, b in got), got


def test_a_demonstration_with_its_output_or_a_caption_is_no_code_to_write() -> None:
    text = (
        "## Arrow function\n\nSame function written as an arrow function with implicit return:\n\n"
        "```js\nconst double = x => x * 2;\nconsole.log(double(2)) // 4\n```\n\n"
        "## const\n\nFor objects:\n\n```js\nconst person = { name: 'Nick' };\n"
        "person.name = 'John';\n```\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "Write the code that does this." not in " ".join(fronts), fronts
    assert not any("For objects" in b for _f, b in qa(deck(text))), qa(deck(text))


def test_a_key_that_describes_a_thing_is_no_term() -> None:
    text = (
        "## 인터럽트\n\n- 인터럽트 플래그\n  - CPU가 현재 인터럽트를 처리할 수 있는지 여부\n"
        "  - 0일경우는 무시하지만 일부 무시할 수 없는것도 있음\n"
        "    - 무시할 수 없는것 : 우선순위가 가장 높은 인터럽트, 정전이나 하드웨어 고장 등의 인터럽트\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not any("무시할 수 없는것의 뜻" in f for f in fronts), fronts


def test_an_item_over_its_steps_is_asked_by_the_step_cards_not_cut_to_three() -> None:
    steps = "".join(
        f"  {i}. {s}\n"
        for i, s in enumerate(
            (
                "입출력장치는 CPU에 인터럽트 요청 신호를 보낸다",
                "CPU는 명령어를 인출하기 전 인터럽트 여부를 확인한다",
                "CPU는 인터럽트 플래그를 확인한다",
                "CPU는 지금까지의 작업을 백업한다",
                "CPU는 인터럽트 서비스 루틴을 실행한다",
            ),
            start=1,
        )
    )
    text = (
        "## 인터럽트\n\n- 인터럽트 처리 순서\n"
        + steps
        + "- 인터럽트 벡터\n  - 서비스 루틴의 시작 주소\n"
    )
    got = qa(deck(text))
    assert not any(f == "인터럽트 처리 순서란 무엇인가?" for f, _b in got), got
    assert any(b.count("\n") == 4 for f, b in got if "순서" in f), got


def test_a_sentence_the_list_below_finishes_introduces_its_points() -> None:
    text = (
        "## let\n\n`var` and `let` are about the same, but `let` declared variables\n\n"
        "- are *block scoped*\n- are **not** accessible before they are assigned\n"
        "- can't be re-declared in the same scope\n"
    )
    got = qa(deck(text))
    assert not any(f == "What is let?" for f, _b in got), got
    assert any(
        "declared variables" in f and b.startswith("- are block scoped") and b.count("\n") == 2
        for f, b in got
    ), got


def test_a_study_diary_s_questions_guesses_todos_and_file_tree_make_no_cards() -> None:
    text = (
        "## 모듈화\n\n- 질문: parent element를 인자로 넘기는 방식 vs child elements를 append하는 방식\n"
        "- 추측: 자식 컴포넌트를 클래스 인자로 전달하는 것은 집어넣는다고 볼 수 있다.\n"
        "- 기준: 재활용할 수 있도록, **재사용성**을 높이기\n\n### 질문\n\n"
        "- 상태를 다 관리하기 위해서? (예시로 확인하기)\n- 달라진 부분만 렌더링하려면? -> 다음 주에 계속..\n\n"
        "## 구조\n\n```\n.\n├── index.html\n└── src\n    ├── App.js   # main에서 App 컴포넌트를 마운트한다.\n"
        "    └── main.js  # js의 entry 포인트\n```\n\n## 할 일\n\n- [ ] Items Component: deleteItem\n"
        "- [x] ItemFilter Component: filterItem\n\n## Observer\n\n정리 필요\n"
    )
    got = qa(deck(text))
    joined = " ".join(f + " " + b for f, b in got)
    for said in ("질문의 뜻", "추측", "├", "다음 주에 계속", "예시로 확인하기", "[ ]", "정리 필요"):
        assert said not in joined, (said, got)
    assert any("기준" in f for f, _b in got), got


def test_a_heading_s_trailing_colon_is_no_part_of_its_name() -> None:
    text = (
        "### Recall@k:\n- Definition: Recall@k evaluates the fraction of relevant items retrieved "
        "among the top k recommendations.\n- Use Case: Recall@k is crucial when no relevant item "
        "may be missed.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "What is Recall@k?" in fronts and not any(":?" in f for f in fronts), fronts


def test_outputs_code_and_connectors_in_comments_explain_no_command() -> None:
    text = (
        "##### Variable substitution within quotes\n```bash\n# foo=bar\necho $foo\n# bar\n"
        "echo \"$foo\"\n# bar\n# single quotes cause variables to not be expanded\necho '$foo'\n"
        '# $foo\n```\n\n##### Get the length of variable\n```bash\nvar="some string"\n'
        "echo ${#var}\n# 11\n```\n\n##### Get the first character\n```bash\nvar=string\n"
        'echo "${var:0:1}"\n#s\n\n# or\necho ${var%%"${var#?}"}\n```\n'
    )
    got = qa(deck(text))
    said = {x for pair in got for x in pair}
    for junk in ("foo=bar", "bar", "11", "s", "or"):
        assert junk not in said, (junk, got)
    assert ("single quotes cause variables to not be expanded", "echo '$foo'") in got, got
    assert ("Get the length of variable", "echo ${#var}") in got, got
    text = "##### Record a session\n```bash\n# https://github.com/asciinema/asciinema\nasciinema rec demo.cast\n```\n"
    assert not any("https://" in f + b for f, b in qa(deck(text))), qa(deck(text))


def test_zero_width_spaces_and_a_definition_list_mark_leave_no_stray_characters() -> None:
    text = (
        "## Scene Life-Cycle\n\nForeground 상태는 사용자가 사용하는 상태이다.\n\n"
        "\u200b\t\t- `In-active` : 앱이 실행중이지만, 아무런 이벤트를 받지 않은 상태\n\n"
        "\u200b\t\t- `Active`: 앱이 실행중이며 현재 이벤트를 받고 있는 상태\n\n"
        "## Auto Layout\n\n**content hugging**\n\n: 두 객체 중 하나가 커져야 하는 상황에서 사용.\n"
    )
    got = qa(deck(text))
    assert ("In-active의 뜻은?", "앱이 실행중이지만, 아무런 이벤트를 받지 않은 상태") in got, got
    assert not any("\u200b" in f + b or b.startswith(": ") for f, b in got), got


def test_an_exclamation_is_no_meaning_and_an_ex_line_no_command() -> None:
    text = (
        "### Flux Pattern\n\n- 단방향 데이터 흐름: 예측 가능성!\n- Store: 상태를 보관하는 곳\n\n"
        "### 불변 데이터\n\n객체의 방어적 복사(defensive copy)  \nex. Object.assign  \n"
        "불변객체화를 통한 객체 변경 방지  \nex. Object.freeze\n"
    )
    got = qa(deck(text))
    assert not any(b == "예측 가능성!" or "ex. Object" in b for _f, b in got), got
    assert not any("ex. Object" in f for f, _b in got), got


def test_items_under_a_use_cases_label_are_uses_not_terms() -> None:
    text = (
        "## CTR\n\nClick-Through Rate measures how often people click an item they saw.\n\n"
        "- Use Cases:\n  - Online Advertising campaigns: widely used to assess how well ads are "
        "performing.\n  - Recommendation Systems: CTR is used to measure how effectively "
        "recommended items attract user clicks.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not any(f.startswith("What does Recommendation Systems") for f in fronts), fronts
    assert "Use Cases of CTR: Recommendation Systems?" in fronts, fronts


def test_an_analogy_mapping_personal_experience_and_open_questions_make_no_cards() -> None:
    text = (
        "## Observer pattern\n\n10명의 구독자들이 유튜버 A를 구독하고 있다. 유튜브가 A의 상태가 변화되면 "
        "바로 구독자들에게 알려준다.\n다시 돌아와서, 위 예시를 observer pattern에 대입해보면,\n\n"
        "- A 유튜버: 하나의 객체\n- 10명의 구독자들: 하나의 객체를 구독하는 다른 10개의 객체들\n"
        "- 유튜브: 상태가 변화되면 다른 객체들에게 notify 해주는 observer\n\n## 회고\n\n"
        "- 질문: 컴포넌트 단위의 구현 경험이 어땠나요?\n  - 관심사가 분리되어 만족스러웠음\n"
        "- 현재 진행중인 아마존 프로젝트는 후자 방식: getter로 node를 parent에 append해준다.\n"
        "- 아직 상태 관리에 어려움을 겪은 경험이 없어서 문제 의식에 공감하지 못한 듯하다.\n"
        "- 질문: 왜 super가 없지? 그냥 생략한건가 소스 코드에는 있는지 확인하기\n"
    )
    got = qa(deck(text))
    joined = " ".join(f + " " + b for f, b in got)
    for said in ("구독자들의 뜻", "유튜브의 뜻", "어땠나요", "getter", "경험", "super"):
        assert said not in joined, (said, got)


def test_a_sentence_opening_on_its_cause_before_is_shown_after_it() -> None:
    text = (
        "## Flux\n\n스토어는 애플리케이션의 상태를 보관하는 저장소이다.\n\n단방향 데이터 흐름에서는 모든 "
        "상태 변경이 디스패처를 거쳐 스토어로만 흐른다.\n\n이로 인해 상태 변경의 원인을 추적하기 쉽고 "
        "디버깅 도구로 시간 여행이 가능해진다.\n"
    )
    cards = deck(text)
    assert any("이로 인해" in html_to_text(c.front) for c in cards), qa(cards)
    for c in cards:
        front = html_to_text(c.front)
        if "이로 인해" in front:
            assert "스토어로만 흐른다" in front, front


def test_heading_glyphs_shortcodes_chapter_numbers_and_value_sequences() -> None:
    text = (
        "# 기본 명령어\n\n### ◾ mv\n\n- 파일을 이동하거나 이름을 바꾼다\n\n"
        "## 1장 깨끗한 코드\n\n{{%notice%}}코드 품질을 측정하는 유일한 척도는 분당 WTF 횟수{{%/notice%}}\n\n"
        "- 코드는 요구사항을 상세히 표현하는 수단이다\n\n### Slow Start\n\n"
        "1) Slow start is a phase of TCP during which the sender starts sending data\n"
        "   packets at a very low rate.\n\n"
        "2) cwnd begins at 1 MSS and increases by 1 MSS for every\n"
        "   ACK received. (Therefore, 1 -> 2 -> 4 -> 8 -> 16 -> 32 -> 64 -> ...)\n"
    )
    cards = deck(text)
    got = qa(cards)
    joined = " ".join(html_to_text(c.front) + " " + html_to_text(c.back) for c in cards)
    for junk in ("◾", "{{%", "1장 깨끗한 코드란"):
        assert junk not in joined, (junk, got)
    assert not [c for c in cards if c.kind is CardKind.SEQUENCE], got


def test_a_log_or_stack_trace_in_a_fence_makes_no_card() -> None:
    text = (
        "## Compose\n\nThe web container failed because the db was not ready.\n\n```\n"
        "web_1  | com.mysql.jdbc.exceptions.jdbc4.CommunicationsException: Communications link "
        "failure\nweb_1  | The last packet sent successfully to the server was 0 milliseconds ago.\n"
        "web_1  | \tat sun.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)\n"
        "\tat com.mysql.jdbc.Util.handleNewInstance(Util.java:404)\n"
        "Caused by: java.net.ConnectException: Connection refused\n```\n"
    )
    got = qa(deck(text))
    assert not any("web_1" in f + b or "Util.java" in f + b for f, b in got), got


def test_advice_for_a_key_and_a_manifest_caption_are_no_meanings() -> None:
    text = (
        "## 2장 의미있는 이름\n\n- 의도를 명확하게 밝히자\n- 클래스/메서드 이름\n"
        "  - 클래스 : 명사, 명사구가 적합\n  - 메서드 : 동사, 동사구가 적합\n\n"
        "## Headless\n\nclusterIP를 None으로 하면 headless 서비스가 된다.\n\n"
        "```yml\n#Service\napiVersion: v1\nkind: Service\n```\n"
    )
    got = qa(deck(text))
    fronts = [f for f, _b in got]
    assert "의미있는 이름: 클래스는?" in fronts and "클래스의 뜻은?" not in fronts, got
    assert not any(b == "Service" or f == "Service" for f, b in got), got


def test_a_blog_post_s_greeting_and_series_talk_are_no_facts() -> None:
    text = (
        "# Using Docker Compose with wait-for-it\n\nWelcome to forty-second post of "
        "52-technologies-in-2016 series. This week we will learn Docker Compose. If you are new to "
        "Docker then you can read week 39 post where I discussed basics of running a Java "
        "application inside Docker containers.\n\n## Compose\n\nDocker Compose runs several "
        "containers from one YAML file.\n"
    )
    got = qa(deck(text))
    assert not any("Welcome" in b or "week 39" in f + b for f, b in got), got


def test_an_english_count_word_is_no_blank() -> None:
    text = (
        "## Writing a Compose file\n\nAs you can see above we have two services.\n\n"
        "* we defined two services db and web\n"
        "* web container forwards the exposed port 8080 on the container to port 8080 on the host "
        "machine.\n"
    )
    assert not any(b == "two" for _f, b in qa(deck(text))), qa(deck(text))


def test_a_rule_over_its_points_is_asked_as_a_rule_not_a_term() -> None:
    text = (
        "## 2장 의미있는 이름\n\n- 잘못된 정보를 피하자\n  - 약어를 함부로 사용하지말자\n"
        "  - 0/O, l/1처럼 헷갈리는 변수명을 짓지말자\n- 의미있게 구분하자\n"
        "  - 컴파일러를 통과할 목적의 네이밍을 하지 말자\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not any(f.endswith("피하자란 무엇인가?") for f in fronts), fronts
    assert "'잘못된 정보를 피하자': 구체적으로 무엇인가?" in fronts, fronts


def test_table_checkboxes_question_headers_and_a_column_s_usual_value() -> None:
    rows = "".join(
        f"| {name} | `{ch}` | {who} | {box} |\n"
        for name, ch, who, box in (
            ("Unnamed", '"', "vim", "[ ]"),
            ("Numbered", "0", "vim", "[ ]"),
            ("Named", "a", "user", "[ ]"),
            ("Read-only", ":", "vim", "[x]"),
            ("Small delete", "-", "vim", "[ ]"),
        )
    )
    text = (
        "## Registers\n\n| Type | Character | Filled by? | Readonly? |\n|---|---|---|---|\n" + rows
    )
    got = qa(deck(text))
    assert ("Read-only: Readonly?", "Yes") in got and ("Named: Filled by?", "user") in got, got
    assert not any("??" in f or b in ("[ ]", "[x]", "vim") for f, b in got), got


def test_the_notes_example_result_tables_are_no_facts() -> None:
    text = (
        "## Metrics\n\n- Confusion matrix:\n\n  |  | Predicted cat | Predicted non-cat |\n  |---|---|---|\n"
        "  | Actual cat | 3 | 2 |\n  | Actual non-cat | 1 | 4 |\n\n"
        "- Precision and recall alone do not tell which classifier is better. Ex:\n\n"
        "  | Classifier | Precision | Recall |\n  |---|---|---|\n  | A | 95% | 90% |\n"
        "  | B | 98% | 85% |\n\n- Errors:\n\n  | Metric | Classification error |\n  |---|---|\n"
        "  | Algorithm A | 3% error |\n  | Algorithm B | 5% error |\n"
    )
    got = qa(deck(text))
    assert not any(b in ("3", "95%", "90%", "3% error", "Algorithm B") for _f, b in got), got


def test_a_name_said_in_hangul_an_exclamation_and_a_one_word_caption() -> None:
    text = (
        "## Kafka 구조\n\n- Zookeeper\n  - 주키퍼는 카프카가 브로커를 관리하는 데 사용하는 분산 코디네이션 "
        "시스템입니다.\n- Kafka Broker\n  - 카프카가 설치되어 있는 서버 단위입니다.\n\n"
        "## 가변길이 인수\n\n자바도 이게 된다니!\n\n```java\npublic void some(int ... numbers) {}\n```\n\n"
        "## package compile\n\n소스\n\n```java\npackage honux.test;\npublic class PackageTest {}\n```\n"
    )
    got = qa(deck(text))
    assert not any(b == "Zookeeper" and "주키퍼" in f for f, b in got), got
    assert not any(b == "자바도 이게 된다니!" for _f, b in got), got
    assert not any(f == "소스" or b == "소스" for f, b in got), got


def test_reasons_under_a_why_question_are_no_steps_and_a_verb_in_im_defines_nothing() -> None:
    text = (
        "## Kafka\n\n**❓왜 디스크에 저장해도 속도가 빨라지나요?**\n\n"
        "Kafka가 Disk I/O를 사용하더라도 속도가 빠른 이유는 최적화 기술이 결합되어 있기 때문입니다.\n\n"
        "1. Disk에 데이터를 순차적으로 쓰기때문에 랜덤 액세스가 줄어듦\n"
        "2. Kafka는 데이터를 배치로 처리함. 작은 메세지를 일괄적으로 처리하여 Disk I/O를 줄임\n"
        "3. Disk에서 데이터를 읽을 때 메모리 캐시를 사용함\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not [c for c in cards if c.kind is CardKind.SEQUENCE], got
    assert not any(f == "Kafka란 무엇인가?" for f, _b in got), got
    assert not any("❓" in html_to_text(c.front) for c in cards), got


def test_a_table_reverse_card_asks_by_its_column_names() -> None:
    text = (
        "## Ranges\n\n| Command | Lines acted on |\n|---|---|\n| `:1d` | First line. |\n"
        "| `:$d` | Last line. |\n| `:.,5d` | Current line to line 5. |\n"
    )
    fronts = [html_to_text(c.front) for c in deck(text)]
    assert any("Which Command has this Lines acted on?" in f for f in fronts), fronts
    assert not any("Which term means" in f for f in fronts), fronts


def test_pointers_here_thinking_aloud_and_a_mark_in_parentheses() -> None:
    text = (
        "## Starting and Stopping\n\n`docker start` starts a container so it is running. Restart "
        "policies on crashed docker instances are covered here.\n\nMore info about privileged "
        "containers here.\n\n## 스레드\n\n스레드는 프로세스 안의 실행 흐름이다.\n\n아마 그렇겠지?\n\n"
        "CAS가 정확히 뭐였더라..\n\n## 와일드카드\n\n와일드카드는 이름에 제한을 두지 않음을 표현하는 데에 "
        "사용되는 기호로, 자바의 제네릭에서는 물음표(?) 기호를 사용해 와일드카드를 표현한다.\n"
    )
    got = qa(deck(text))
    joined = " ".join(f + " " + b for f, b in got)
    for junk in ("covered here", "info about", "그렇겠지", "뭐였더라"):
        assert junk not in joined, (junk, got)
    assert not any(b.endswith("물음표(?") for _f, b in got), got


def test_a_heading_that_is_a_command_over_one_line_is_asked_both_ways() -> None:
    text = (
        "# crontab\n\n## crontab -l\n- 현재 예약 실행 중인 작업들의 리스트를 보여준다.\n\n"
        "## crontab -r\n- 현재 예약 실행 중인 작업들의 리스트를 삭제한다.\n"
    )
    got = qa(deck(text))
    assert ("crontab -l", "현재 예약 실행 중인 작업들의 리스트를 보여준다.") in got, got
    assert ("현재 예약 실행 중인 작업들의 리스트를 삭제한다.", "crontab -r") in got, got
    assert not any(b == "예약 실행" for _f, b in got), got


def test_a_line_right_after_a_code_block_that_names_its_code_explains_it() -> None:
    text = (
        "## 간단한 예제\n\n```shell\n* * * * * /home/cron/test.sh\n```\n- 매 분 test.sh를 실행한다.\n\n"
        "```shell\n0,20,40 * * * * /home/cron/test.sh\n```\n"
        "- 매일 매 시간마다 0, 20, 40분에 test.sh를 실행한다.\n"
    )
    got = qa(deck(text))
    assert ("매 분 test.sh를 실행한다.", "* * * * * /home/cron/test.sh") in got, got


def test_a_word_the_front_shows_with_a_few_letters_added_gives_the_blank_away() -> None:
    text = (
        "## 래퍼 클래스\n\n래퍼 클래스는 원시 타입을 객체로 감싼 클래스이다.\n\n"
        "autoboxing, autounboxing 역시 최근엔 존재한다. 원시 타입과 다르게 래퍼 클래스는 객체이므로 "
        "**null도 넣어서 쓸 수 있다.**\n"
    )
    assert not any(b == "autoboxing" for _f, b in qa(deck(text))), qa(deck(text))


def test_a_role_the_name_already_says_is_not_asked() -> None:
    text = (
        "## Containers\n\n### Info\n\n* [`docker start`](https://x.io/start) starts a container so "
        "it is running.\n* [`docker images`](https://x.io/images) shows all images.\n"
        "* [`docker logs`](https://x.io/logs) gets logs from container.\n"
        "* [`docker update`](https://x.io/u) updates a container's resource limits.\n"
        "* [`docker create`](https://x.io/c) creates a container but does not start it.\n"
        "* [`docker top`](https://x.io/top) shows running processes in container.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    for trivial in ("docker start", "docker images", "docker logs"):
        assert f"What does {trivial} do?" not in fronts, fronts
    for fair in ("docker update", "docker create", "docker top"):
        assert f"What does {fair} do?" in fronts, fronts


def test_a_lead_about_something_else_does_not_define_the_heading() -> None:
    text = (
        "## Networks\n\nDocker has a [networks](https://x.io/n) feature. A new container is "
        "launched into the bridge network by default.\n\n"
        "### Capabilities\n\nLinux capabilities can be set by using `cap-add` and `cap-drop`.\n\n"
        "### Executing Commands\n\n* [`docker exec`](https://x.io/e) to execute a command in "
        "container.\n\n### Lifecycle\n\n* [`docker network create`](https://x.io/c) NAME Create a "
        "new network (default type: bridge).\n* [`docker network rm`](https://x.io/r) NAME Remove "
        "one or more networks by name or identifier.\n\n"
        "## Marks\n\nYou use marks to remember a position, that is line number and column, in a "
        "file.\n\n## Registers\n\nRegisters are slots that save text.\n"
    )
    got = qa(deck(text))
    fronts = [f for f, _b in got]
    for heading in ("Networks", "Capabilities", "Executing Commands", "Lifecycle"):
        assert f"What is {heading}?" not in fronts, got
    assert (
        "What is Marks?",
        "You use marks to remember a position, that is line number and column, in a file.",
    ) in got, got
    assert "What is Registers?" in fronts, got
    assert (
        "What does docker network create do?",
        "Create a new network (default type: bridge)",
    ) in got, got
    assert ("execute a command in container", "docker exec") in got, got


def test_an_apposition_after_the_heading_word_defines_it_and_a_row_of_code_spans_is_no_cloze() -> (
    None
):
    text = (
        "## Arrow function\n\nThe ES6 JavaScript update has introduced arrow functions, which is "
        "another way to declare and use functions.\n\n## Attributes\n\n"
        " * `bold` `underscore` `blink` `noreverse` `hidden` `dim` `italics`\n"
    )
    got = qa(deck(text))
    assert any(f == "What is Arrow function?" for f, _b in got), got
    assert not any(b == "bold" for _f, b in got), got


def test_a_heading_that_says_what_is_done_is_no_term_to_describe() -> None:
    text = (
        "# Fearless Concurrency\n\n## Using Threads to Run Code Simultaneously\n\n"
        "- Threads allow you to run multiple pieces of code at the same time.\n"
        "- Rust offers a 1:1 threading model, which means that each OS thread corresponds to one "
        "Rust thread.\n\n## Sorting Algorithms\n\nSorting algorithms are algorithms that put "
        "elements of a list into an order.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not any("Using Threads" in f for f in fronts), fronts
    assert "What is Sorting Algorithms?" in fronts, fronts


def test_a_heading_that_is_a_term_and_its_meaning_defines_the_term() -> None:
    text = (
        "# Quick SQL Cheatsheet\n\nA quick reminder of all relevant SQL queries.\n\n"
        "This repository is constantly being updated and added to by the community.\n"
        "Pull requests are welcome. Enjoy!\n\n# 1. Finding Data Queries\n\n"
        "### **WHERE**: used to filter records/rows\n"
        "* `SELECT` column1, column2 `FROM` table_name `WHERE` condition;\n"
        "* `SELECT` * `FROM` table_name `WHERE` condition1 `AND` condition2;\n\n"
        "### **LIKE**: operator used in a WHERE clause to search for a specific pattern in a column\n"
        "* % (percent sign) is a wildcard character that represents zero, one, or multiple "
        "characters\n* `SELECT` column_names `FROM` table_name `WHERE` column_name `LIKE` pattern;\n\n"
        "### **CREATE**: create a table\n* `CREATE TABLE` table_name `(` <br />\n"
        "   `column1` `datatype`, <br />\n   `column4` `datatype`, <br />\n   `);`\n\n"
        "## Step 1: install the package with pip\n\nRun the installer.\n\n"
        "## Variable declaration: var, const, let\n\nIn JavaScript, there are three keywords "
        "available to declare a variable.\n\n## GitHub Flow\n\nGitHub Flow 에서는 Pull Request 가 "
        "코드 리뷰와 배포의 단위가 된다.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert ("What does WHERE mean?", "used to filter records/rows") in got, got
    assert ("used to filter records/rows", "WHERE") in got, got
    # the heading's meaning is no breadcrumb: the reverse would be given away
    assert not any("used to filter" in html_to_text(c.front).splitlines()[0] for c in cards), got
    assert not any(b in ("SELECT", "FROM", "Enjoy", ");", "column4 datatype,") for _f, b in got), (
        got
    )
    assert not any(f == "What is LIKE?" for f, _b in got), got
    assert not any("Step 1" == c.concept for c in cards), got
    assert not any(b == "var, const, let" for _f, b in got), got
    assert any(b in ("배포", "Pull Request") for _f, b in got), got


def test_a_hard_wrapped_paragraph_is_read_one_sentence_at_a_time() -> None:
    text = (
        "## 동시성과 병렬성\n\n"
        "여러 문제를 한 번에 해결한다면 이는 동시적이다. 가정용 컴퓨터에 CPU는 하나이지만\n"
        "시분할 시스템 덕분에 CPU가 이 작업 저 작업 시간을 쪼개어 번갈아가며 수행하므로\n"
        "동시적이다. 동시성의 핵심은 논리적 흐름 제어이다.\n\n"
        "병렬성의 핵심은 컴퓨팅 분리이다. 한 곳에서 해결하는 문제를 여러곳에서 해결하도록\n"
        "분리해야한다. 현대 컴퓨터는 저수준부터 고수준까지 다양하게 병렬적으로 문제를\n"
        "해결하고 있다.\n"
    )
    doc = parse_notes(text, "snippet.md")
    lines = [ln.text for b in doc.sections[-1].blocks for ln in b.lines]
    assert "동시성의 핵심은 논리적 흐름 제어이다." in lines, lines
    assert (
        "현대 컴퓨터는 저수준부터 고수준까지 다양하게 병렬적으로 문제를 해결하고 있다." in lines
    ), lines
    for ln in lines:  # every line a whole sentence
        assert ln.endswith("."), lines
    got = qa(deck(text))
    assert not any(f.endswith(("하나이지만", "문제를")) or b.endswith("문제를") for f, b in got), (
        got
    )


def test_a_lead_in_that_only_announces_code_explains_nothing() -> None:
    text = (
        "## How to check if an object is an array?\n\n"
        "If you are using `jQuery` then you can also used jQuery `isArray` method:\n\n"
        "```javascript\nif($.isArray(arrayList)) {\n  console.log('Array');\n}\n```\n\n"
        "In modern browser, you can also use:\n\n```javascript\nArray.isArray(arrayList);\n```\n\n"
        "The output of the code above would be:\n\n```\nouterArg = 7\ninnerArg = 5\n```\n\n"
        "To check whether a value is an array in old browsers, you can use:\n\n"
        "```javascript\nObject.prototype.toString.call(x) === '[object Array]';\n```\n"
    )
    got = qa(deck(text))
    for lead in ("you can also use", "would be", "isArray method"):
        assert not any(lead in f or lead in b for f, b in got), got
    assert any("old browsers" in b for _f, b in got), got


def test_obsidian_highlighted_passages_inline_tex_and_the_authors_filing_notes() -> None:
    text = (
        "## Cathode\n\n==**Exceptions:** *Lithium Titanate* batteries replace the *Graphite* "
        "**anode** with *Titanium Oxide*. *Solid State Li-Ion* batteries change the **anode** to "
        "either *crystalline Silicon* or *solid Lithium*.==\n\n"
        "The cathode of Lithium Cobalt Oxide is $\\text{LiCo(III)O}_\\text{2}$, a layered oxide.\n\n"
        "## Electrolyte\n\nThe **electrolyte** is a solution made of Lithium salts and organic "
        "solvents.\n\n**Formula:** A mixture of $\\text{LiX}$ salts + Organic Solvent\n\n"
        "The abbreviations are short forms for their long IUPAC names. I put their full names in "
        "a separate note: [[Details about Lithium Ion Electrolyte Materials]]\n"
    )
    cards = deck(text)
    got = qa(cards)
    joined = " ".join(html_to_text(c.front) + " " + html_to_text(c.back) for c in cards)
    assert "==" not in joined and "\\text" not in joined and "$" not in joined, got
    assert "LiCo(III)O₂" in joined, got
    assert not any(f == "What does Formula mean?" or b == "Formula" for f, b in got), got
    assert not any("separate note" in f for f, _b in got), got


def test_a_usage_placeholder_is_no_blank_and_a_trailing_use_is_no_part_of_what_it_does() -> None:
    text = (
        "## Switching between branches\n\nTo switch to a branch_name and update working "
        "directory, use:\n\n```bash\ngit checkout branch_name\n```\n\n"
        "The files in the working directory have been swapped and now represent the status of "
        "the branch_name as of the most recent commit.\n\n## Merging branches\n\n"
        "```bash\ngit checkout branch_b\ngit merge branch_a\n```\n\n"
        "Branch_a's changes will be incorporated into branch_b, but branch_a will remain "
        "unaffected.\n"
    )
    got = qa(deck(text))
    assert not any(b in ("branch_name", "branch_b", "branch_a") for _f, b in got), got
    assert any(b == "To switch to a branch_name and update working directory" for _f, b in got), got


def test_talk_before_an_answer_example_data_and_an_aside_marker_make_no_cards() -> None:
    text = (
        "## When to create branches?\n\nThere are various approaches to this subject. We will "
        "briefly mention some of them.\n\n### Bug fixes\n\nCreate a safe space for "
        "experimentation.\n\n## How to check if an object is an array or not?\n\n"
        "The best way to find whether an object is an array is the `toString` method from "
        "`Object.prototype`\n\n```javascript\nvar arrayList = [1 , 2, 3];\n```\n\n"
        "FYI jQuery uses `Object.prototype.toString.call` internally to check whether an object "
        "is an array or not.\n"
    )
    got = qa(deck(text))
    assert not any("various approaches" in b or "briefly mention" in b for _f, b in got), got
    assert not any("var arrayList" in f or "var arrayList" in b for f, b in got), got
    assert not any(b == "FYI" for _f, b in got), got


def test_notes_wrapped_at_a_width_are_read_by_sentence_and_a_spelled_out_acronym_is_no_cue() -> (
    None
):
    text = (
        "## 동시성을 다루는 방법\n\n"
        "운영체제는 선점형 멀티태스킹으로 프로세스와 스레드를 스케줄한다. 선점형\n"
        "멀티태스킹에서는 제어권이 바뀌는 시점을 어플리케이션이 제어할 수 없다.\n\n"
        "그러나 각 프로세스는 서로 메모리를 공유하지 않는다. 정보 교환을 위해서는 별도의\n"
        "방법이 필요하며 이를 IPC라고 한다.\n\n## 프로세스\n\n"
        "현대 운영체제에서 프로그램은 프로세스라는 단위로 실행되며, 운영체제에서 여러가지\n"
        "스케줄링 전략으로 동시적으로 다뤄준다.\n\n## 채널\n\n"
        "CSP는 순차 프로세스 통신(communicating sequential process)의 약어이다.\n"
    )
    doc = parse_notes(text, "snippet.md")
    lines = [ln.text for s in doc.sections for b in s.blocks for ln in b.lines]
    assert "멀티태스킹에서는 제어권이 바뀌는 시점을 어플리케이션이 제어할 수 없다." not in lines, (
        lines
    )
    assert any(ln.startswith("현대 운영체제에서") and ln.endswith("다뤄준다.") for ln in lines), (
        lines
    )
    got = qa(deck(text))
    assert not any(f == "운영체제란 무엇인가?" for f, _b in got), got
    assert not any(b == "CSP" and "communicating" in f for f, b in got), got


def test_a_list_of_examples_with_etc_defines_nothing() -> None:
    text = (
        "## 비동기 프로그래밍\n\nC#, rust, JS 등.\n\n비동기 프로그래밍은 오늘날 점점 더 많은 언어에서 "
        "지원하는 동시성 프로그래밍 모델이다.\n\n## observable\n\nRxSwift, RxJs 등\n"
    )
    got = qa(deck(text))
    assert not any(b.startswith(("C#, rust", "RxSwift")) for _f, b in got), got


def test_a_short_english_section_of_korean_notes_is_asked_in_korean() -> None:
    text = (
        "# 동시성\n\n## 스레드\n\n스레드는 프로세스 안에서 실행되는 흐름의 단위이다. 스레드는 메모리를 "
        "공유한다.\n\n## 액터\n\n액터 모델은 액터 사이의 메시지 전달로 동시성을 다룬다.\n\n"
        "## STM\n\nSTM is a concurrency control mechanism for shared memory.\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert not any(f.startswith("What is") for f in fronts), fronts
    assert any("STM" in f for f in fronts), fronts


def test_a_heading_under_examples_of_is_a_kind_whose_items_are_examples() -> None:
    text = (
        "## Example of organic solvents\n\n### Cyclic Esters\n- Ethylene Carbonate (EC)\n"
        "- Propylene Carbonate (PC)\n### Cyclic Ethers\n- 1-3 Dioxolane (DOL)\n"
    )
    got = qa(deck(text))
    assert not any(f == "What is Cyclic Ethers?" or b == "Cyclic Ethers" for f, b in got), got


def test_code_with_a_comment_of_what_it_prints_is_no_term_and_its_meaning() -> None:
    text = (
        "## Not defined\n\nA variable can be neither declared nor defined.\n\n"
        "```javascript\nconsole.log(y);  // Output: ReferenceError: y is not defined\n```\n"
    )
    got = qa(deck(text))
    assert not any("console.log(y);" in f and "mean" in f for f, _b in got), got
    assert not any(b.startswith("console.log(y);  // Output") for _f, b in got), got


def test_an_untagged_yaml_manifest_gives_no_terms_and_of_course_is_no_blank() -> None:
    text = (
        "### Security Contexts\nSecurity contexts can be applied at either the pod or container "
        "level. Of course pod-level contexts apply to all containers within that pod.\n\n"
        "### App Resource Requirements\nDefining the memory and cpu requirements for your "
        "containers is something that should always be done.\n```\napiVersion: v1\nkind: Pod\n"
        "spec:\n  containers:\n  - name: demo\n    image: polinux/stress\n    resources:\n"
        "      limits:\n        memory: 200Mi\n```\n"
    )
    got = qa(deck(text))
    assert not any(b in ("Pod", "polinux/stress", "v1", "200Mi") for _f, b in got), got
    assert not any("kind" in f or "apiVersion" in f for f, _b in got), got
    assert not any(b.startswith("course") for _f, b in got), got


def test_an_outline_a_continued_heading_and_an_extension_label_are_no_terms() -> None:
    text = (
        "### 5. Seq2Seq Models\n\n###### Outline\n\n- Sequence to sequence modeling problems\n"
        "- Seq2seq with attention\n\n##### From RNN-LM to MT\n\n- Encode the source sentence "
        "into a vector\n- Extension: encoder often a bidirectional RNN (two RNNs working in opposite "
        "directions)\n\n#### Seq2seq (cont.)\n\n- At each step of the decoder, compute the next "
        "hidden state\n"
    )
    got = qa(deck(text))
    fronts = [f for f, _b in got]
    assert not any(f in ("What is Outline?", "What does Extension mean?") for f in fronts), got
    assert not any("(cont.)" in f or b in ("Outline", "Extension") for f, b in got), got


def test_a_shouted_heading_a_terminal_fence_untagged_and_to_me_make_no_terms() -> None:
    text = (
        "## POD DESIGN\nThe Pod design section mostly covers deployments, rolling updates, and "
        "rollbacks (and jobs).\n\n### Deployment Updates\nNow you can check the status of the roll "
        "out.\n```\n$ kubectl rollout status deploy/nginx\nWaiting for rollout to finish: 2 out of 3 "
        "new replicas have been updated...\nWaiting for rollout to finish: 2 of 3 updated replicas "
        'are available...\ndeployment "nginx" successfully rolled out\n```\n\n## CORE CONCEPTS\n'
        "To me, this is embodied in the kubectl RUN command.\n\n## TCP API\n\nTCP API is a socket "
        "interface for streams.\n"
    )
    got = qa(deck(text))
    assert not any(f in ("What is POD DESIGN?", "What is CORE CONCEPTS?") for f, _b in got), got
    assert not any(
        "Waiting for rollout" in f + b or "successfully rolled" in f + b for f, b in got
    ), got
    assert not any(b == "RUN" for _f, b in got), got
    assert any(f == "What is TCP API?" for f, _b in got), got


def test_a_procedure_heading_a_phrase_heading_a_last_word_and_eg_read_right() -> None:
    text = (
        "# Chapter 5: Replication\n\n## Setting up new followers\n1. Take leader snapshot.\n"
        "2. Copy to the follower, ideally without blocking.\n3. Follower asks for all changes "
        "since the snapshot.\n4. Follower copies and has caught up.\n\n## Handling outages\n"
        "### For follower\nCatch up recovery, same principle as setting up a new follower.\n\n"
        "## Sync\nThe leader must block all writes and wait until the synchronous replica is "
        "available\nagain.\n\n## Hashing\nTo fix the issue of skewed data, use a hash function "
        "(eg. MD5 used in Cassandra and MongoDB).\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert any(c.kind is CardKind.SEQUENCE for c in cards), got
    assert not any(
        f in ("What is For follower?", "Describe Setting up new followers.") for f, _b in got
    ), got
    assert "Describe what holds for follower." in [f for f, _b in got], got
    assert not any(f.startswith("again") or b.startswith("again") for f, b in got), got
    assert not any(
        f.startswith("[...] used in Cassandra") or f.startswith("MD5 used") for f, _b in got
    ), got


def test_a_term_over_its_kinds_is_answered_without_them() -> None:
    text = (
        "## 9. Migration and innovation\n\n- AWS Snow family: a collection of physical devices that "
        "help to physically transport up to exabytes of data into and out of AWS.\n"
        "  - AWS Snowcone: a small, rugged, and secure edge computing and data transfer device\n"
        "  - AWS Snowball: offers 2 types of devices:\n    - Snowball edge storage optimized\n"
        "    - Snowball edge compute optimized\n"
    )
    got = qa(deck(text))
    snow = [b for f, b in got if f == "What does AWS Snow family mean?"]
    assert snow and "Snowball" not in snow[0], got


def test_a_task_key_over_a_command_is_asked_of_its_subject() -> None:
    text = (
        "## Ring Buffer - rx,tx\n* **What** - the driver receive/send queue, usually a FIFO in RAM\n"
        "* **How:**\n  * **Check command:** `ethtool -g ethX`\n"
        "  * **Change command:** `ethtool -G ethX rx value tx value`\n"
        "  * **How to monitor:** `cat /proc/interrupts`\n"
    )
    got = qa(deck(text))
    assert ("Ring Buffer - rx,tx: Check command?", "ethtool -g ethX") in got, got
    assert not any(b in ("Check command", "Change command", "How to monitor") for _f, b in got), got
    assert not any("Check command" in b and "Change command" in b for _f, b in got), got


def test_numbered_events_in_turn_are_a_flow_to_recall_in_order() -> None:
    text = (
        "## Egress - they're leaving\n1. Application sends message (`sendmsg` or other)\n"
        "2. TCP send message allocates skb_buff\n3. It enqueues skb to the socket write buffer\n"
        "4. Builds the TCP header (src and dst port, checksum)\n5. Calls output route action\n"
        "6. The driver will do a soft IRQ after a timeout\n7. NIC fetches the packets from RAM\n"
    )
    cards = deck(text)
    assert any(c.kind is CardKind.SEQUENCE for c in cards), qa(cards)
    assert not any(f == "Describe Egress - they're leaving." for f, _b in qa(cards)), qa(cards)


def test_an_html_table_in_the_notes_is_read_as_a_table() -> None:
    text = (
        "### 4.3 Conditions in preprocessor\n\nPreprocessor consists of different types of "
        "conditional compilation\n\n<table>\n  <tr>\n    <td>#if</td>\n    <td>Opening `if` "
        "condition</td>\n  </tr>\n  <tr>\n    <td>#ifdef</td>\n    <td>`if defined` condition</td>\n"
        "  </tr>\n  <tr>\n    <td>#endif</td>\n    <td>`end if` condition</td>\n  </tr>\n</table>\n\n"
        "<table><tr><th>Level</th><th>Dirty reads</th></tr><tr><td>read uncommitted</td>"
        "<td>possible</td></tr><tr><td>read committed</td><td>prevented</td></tr></table>\n"
    )
    got = qa(deck(text))
    assert any(b == "#ifdef" for _f, b in got) or any(
        "#ifdef" in f and "if defined condition" in b for f, b in got
    ), got
    assert not any("<td>" in f + b or "<tr>" in f + b for f, b in got), got
    assert ("read committed: Dirty reads?", "prevented") in got, got


def test_a_program_after_for_example_is_no_code_to_write() -> None:
    text = (
        "### 4.1 Macro constants\n\nYou can define a macro constant by using `#define macro`. For "
        'example:\n\n```cpp\n#define NUMBER 1\n\nint main() {\n\tprintf("%d\\n", NUMBER);\n}\n```\n'
    )
    got = qa(deck(text))
    assert not any("int main()" in f + b for f, b in got), got


def test_notes_wrapped_at_a_width_join_their_links_and_labels_too() -> None:
    text = (
        "#### What is pointer?\n\nTake a look at\n[`container/list`](http://golang.org/pkg/container/list/)\n"
        "package with *pointer*:\n\n```go\ntype Element struct {\n\tnext, prev *Element\n}\n```\n\n"
        "[**Pointer**](https://en.wikipedia.org/wiki/Pointer)\nis a value that refers to another value "
        "in memory (it’s an address value). When\nyou **reference** a variable, you get the "
        "**location** of the value in memory.\nA function or method updates the original data only "
        "when we pass the pointer. Otherwise,\nonly the copied value gets passed.\n"
    )
    got = qa(deck(text))
    assert any(f == "What is Pointer?" for f, _b in got), got
    assert not any(b == "Take a look at" or "Take a look at" in f for f, b in got), got
    assert not any(b == "Otherwise" for _f, b in got), got


def test_a_table_of_aspects_with_an_empty_corner_asks_its_rows_and_keeps_superscripts() -> None:
    text = (
        "## 7.3. Sorting algorithms: summary\n\n| | inplace? | stable? | worst | average | remarks |\n"
        "| :--: | :--: | :--: | :--: | :--: | :--: |\n"
        "| selection | x | | N<sup>2</sup> / 2 | N<sup>2</sup> / 2 | N exchanges |\n"
        "| insertion | x | x | N<sup>2</sup> / 2 | N<sup>2</sup> / 4 | use for small N |\n"
        "| merge | | x | N lg N | N lg N | N log N guarantee, stable |\n"
    )
    got = qa(deck(text))
    assert ("insertion: average?", "N² / 4") in got, got
    assert not any(f.startswith(("worst:", "average:", "remarks:")) for f, _b in got), got


def test_numbered_options_under_a_life_cycle_heading_are_no_steps() -> None:
    text = (
        "#### Pod: Life Cycle\n\n- **Running:**\n    - Container closes in 3 ways:\n"
        "        1. App completes the mission and closes automatically without giving error,\n"
        "        2. Use or System sends close signal and closes automatically,\n"
        "        3. Giving error, collapsed and closes with giving error code.\n"
        "    - Restart Policies (it can defined in the pod definition):\n"
        "        1. Always: Default value, kubelet starts always when closing,\n"
        "        2. On-failure: It starts again when it gets only error,\n"
        "        3. Never: It never restarts in any case.\n"
    )
    cards = deck(text)
    assert not any(c.kind is CardKind.SEQUENCE for c in cards), qa(cards)


def test_reasoning_about_a_demonstration_is_not_what_its_code_does() -> None:
    text = (
        "## == 연산자\n\n자바스크립트에서 `==`연산자는 **느슨한 동등 비교**를 한다.<br/>\n"
        '`"0" == []`의 경우 `"0"`의 타입은 `string`이고 `[]`은 `object`다.<br/>\n\n'
        '```javascript\nconsole.log(typeof "0"); // string\nconsole.log(typeof []); // object\n```\n\n'
        "## === 연산자\n\n`null === undefined`는 false를 반환한다.<br/>\n왜냐하면 `null`의 타입은 "
        "`object`이고 `undefined`은 `undefined`이기 때문이다.<br/>\n\n"
        "```javascript\nconsole.log(typeof null); // object\nconsole.log(typeof undefined); // undefined\n```\n"
    )
    got = qa(deck(text))
    assert not any("의 경우" in b or b.startswith("왜냐하면") for _f, b in got), got


def test_assumption_and_best_practice_are_labels_asked_of_their_owner() -> None:
    text = (
        "## 6.7. Immutability\n\n- Assumption: client does not change keys while they're on the PQ.\n"
        "- Best practice: use immutable keys.\n"
    )
    got = qa(deck(text))
    assert (
        "What is the assumption of Immutability?",
        "client does not change keys while they're on the PQ.",
    ) in got, got
    assert not any(b in ("Assumption", "Best practice") for _f, b in got), got


def test_a_blank_the_breadcrumb_gives_in_another_form_is_not_asked() -> None:
    text = (
        "## Quorums for reading and writing\n\nIf there are n replicas, every write must be "
        "confirmed by w nodes. Reads and writes that obey these r and w values are called "
        "quorum reads and writes.\n\n## Concision\n\nArrow functions are more concise than "
        "traditional functions in many ways.\n"
    )
    got = qa(deck(text))
    assert not any(b in ("quorum reads and writes", "concise") for _f, b in got), got
    assert any(b == "w nodes" for _f, b in got), got  # (the other blank of the section stays)


def test_a_lead_that_states_something_else_does_not_define_the_heading() -> None:
    text = (
        "## Orthogonalization\n\nSome deep learning developers know exactly what hyperparameter "
        "to tune in order to try to achieve one effect.\n\n## Containers\n\nYour basic isolated "
        "Docker process.\n\n## DURABILITY\n\nIf system crashes after transaction commits, all "
        "effects of transaction remain in the database.\n"
    )
    got = qa(deck(text))
    assert not any(f.endswith("What is Orthogonalization?") for f, _b in got), got
    assert ("What is Containers?", "Your basic isolated Docker process.") in got, got
    assert any(f.endswith("What is DURABILITY?") for f, _b in got), got


def test_code_after_a_statement_is_not_asked_what_it_does_but_after_a_task_it_is() -> None:
    text = (
        "## Macro constants\n\nYou can define a macro constant by using #define macro. For example\n\n"
        '```c\n#define NUMBER 1\nint main() { printf("%d", NUMBER); }\n```\n\n'
        "## typeof\n\ntypeof를 이용해 값의 타입 검사를 진행한 후 이후 로직을 진행할 수 있겠다.\n\n"
        '```javascript\nif (typeof value == "string") {\n  console.log("string");\n}\n```\n\n'
        "## 트리거 확인하기\n\n```sql\nshow triggers;\n```\n"
    )
    cards = deck(text)
    codes = [c for c in cards if c.kind is CardKind.COMMAND]
    assert all("show triggers;" in c.front + c.back for c in codes), qa(codes)
    assert any(c.back.count("show triggers;") for c in codes), qa(cards)


def test_an_english_title_is_not_described_by_its_first_lines() -> None:
    text = (
        "## Differences to single leader approach\n\nMulti leader data centres are very "
        "dangerous.\n\n## Problems with Macro's\n\nYou should always be careful when using "
        "parameterised macros.\n\n## Weak consistency\n\nA best effort approach is taken.\n"
    )
    got = qa(deck(text))
    assert not any("Differences" in f or "Problems" in f for f, _b in got), got
    assert any(f.endswith("Describe Weak consistency.") for f, _b in got), got


def test_hogeun_and_ttoneun_join_names_and_are_no_topic() -> None:
    text = "## 클로저 개념\n\n- nested function 혹은 wrapper같은 개념이다.\n- 데이터 또는 코드는 메모리에 있다.\n"
    got = qa(deck(text))
    assert not any("혹" == b.split()[-1] or b.endswith(" 혹") or "혹이란" in f for f, b in got), got
    assert not any(f.startswith("데이터 또") or b.endswith(" 또") for f, b in got), got


def test_a_blank_is_no_particle_and_no_word_of_a_name_whose_rest_shows() -> None:
    text = (
        "## Scaled Dot-Product Attention\n\n- $d_k$가 큰 경우 softmax 값이 작아지므로 "
        "$\\frac{1}{\\sqrt{d_k}}$로 scaling 함\n\n## Concepts\n\n"
        "- Cohen's Effect Size = (mean(x1) - mean(x2)) / pooled standard deviation\n"
        "- Root Mean Squared Error (RMSE) = sqrt(MSE)\n"
    )
    got = qa(deck(text))
    assert not any(b.startswith(("로 ", "의 ")) for _f, b in got), got
    assert not any(b in ("Size", "Squared Error (RMSE)") for _f, b in got), got


def test_a_korean_heading_that_asks_without_a_question_mark_is_a_question() -> None:
    text = "# closure\n\n## 2. 어디서 사용되는가\n\n- 전역 변수를 사용하지 않으려고 할 때\n- 내부 데이터를 은닉할 때\n"
    got = qa(deck(text))
    assert not any("사용되는가란" in f or b == "어디서 사용되는가" for f, b in got), got


def test_further_reading_objective_and_a_lone_or_are_no_terms() -> None:
    text = (
        "# Think Stats\n\n## Futher Reading\n\n- Think Bayes - Allen Downey book\n"
        "- The Straight Dope - Cecil Adams web site\n\n## Objective\n\n"
        "- Deep dive on how the event loop works\n- reflect on how promises work with event loop\n\n"
        "## Mental Model\n\nOR\n\n1. check macrotask queue\n2. run microtasks\n"
    )
    got = qa(deck(text))
    assert not any("Think Bayes" in f + b or "Straight Dope" in f + b for f, b in got), got
    assert not any(b == "OR" or "Describe Objective" in f for f, b in got), got
    assert any("purpose" in f for f, _b in got), got


def test_a_bracketed_tag_before_a_term_is_not_part_of_it() -> None:
    text = "## 클로저 개념\n\n- [중요] function closure: 함수가 정의될 때 그 때 속한 namespace를 기억한다.\n"
    got = qa(deck(text))
    assert (
        "function closure의 뜻은?",
        "함수가 정의될 때 그 때 속한 namespace를 기억한다.",
    ) in got, got
    assert not any("[중요]" in f + b for f, b in got), got


def test_a_korean_blank_spelled_in_english_above_it_plural_or_voiced_is_given_away() -> None:
    text = (
        "# closure\n\n## 2. 쓰임\n\n- 파이썬엔 이런 용법이 없다. 그렇기 때문에 클로저라는 형식으로 "
        "구현하는 것이다.\n\n## 3.1 Encoder and Decoder Stacks\n\n- N=6개의 동일한 층으로 구성된 "
        "스택으로 이뤄짐\n"
    )
    got = qa(deck(text))
    assert not any(b in ("클로저", "스택") for _f, b in got), got


def test_one_of_two_names_joined_by_ina_is_not_blanked() -> None:
    text = (
        "## 쓰임\n\n- 자바같은 경우엔 private이나 public같은 것으로 변수의 속성을 정해줄 수 있다.\n"
        "- reduce에 주어지는 함수 역시 forEach나 map과 마찬가지로 여러 개의 인자를 받는다.\n"
    )
    got = qa(deck(text))
    assert not any(b in ("private", "public", "forEach", "map") for _f, b in got), got


def test_a_term_restated_with_the_same_meaning_is_asked_once_but_another_owner_s_is_kept() -> None:
    text = (
        "# Node\n\n## Phases of Event Loop\n\n"
        "- poll: retrieve new I/O events; node will block here when appropriate.\n"
        "- check: setImmediate() callbacks are invoked here.\n\n## Mental Model\n\n"
        "- poll: retrieve new I/O events\n- check: setImmediate callbacks\n\n"
        "# Android\n\n## Activity\n\n- onCreate: Activity가 생성될 때 호출되며 초기화에 사용됨\n\n"
        "## Fragment\n\n- onCreate: Fragment가 생성될 때 호출되며 초기화에 사용됨\n"
    )
    got = qa(deck(text))
    assert sum(f.endswith("What does poll mean?") for f, _b in got) == 1, got
    assert sum(f.endswith("What does check mean?") for f, _b in got) == 1, got
    assert sum("onCreate" in f for f, _b in got) == 2, got


def test_a_reverse_card_whose_cue_shows_the_answer_s_initials_is_dropped() -> None:
    text = (
        "## Concepts\n\n- Complementary CDF - CCDF(x) = 1 - CDF(x)\n"
        "- Kernel Density Estimation (KDE) - algorithm that fits a smooth curve to data\n"
    )
    got = qa(deck(text))
    assert not any(b == "Complementary CDF" and "CCDF" in f for f, b in got), got
    assert any(f.endswith("What does KDE stand for?") for f, _b in got), got


def test_a_blank_whose_initials_stand_next_to_it_is_given_away() -> None:
    text = (
        "## Chart Contents\n\n- Heights of objects are measured from either the Highest "
        "Astronomical Tide (HAT for clearance under bridges, electric cables) or the Mean High "
        "Water for Spring Tides (MHWS for heights of lighthouses, etc).\n"
    )
    got = qa(deck(text))
    assert not any(b == "Highest Astronomical Tide" for _f, b in got), got


def test_a_latin_name_and_ran_heading_asks_without_its_question_mark() -> None:
    text = (
        "# WCAG 2.1\n\n## 0. WCAG란\n\nWeb Content Accessibility Guidelines의 약자로, 웹 콘텐츠의 "
        "접근성을 높이기 위한 국제 표준 지침\n\n- 장애인도 웹을 쓸 수 있게 한다.\n"
    )
    got = qa(deck(text))
    assert not any("란이란" in f or b == "WCAG란" for f, b in got), got
    assert any(f.endswith("WCAG란?") for f, _b in got), got


def test_a_lone_line_of_a_term_glued_to_its_meaning_is_no_heading() -> None:
    text = (
        "### 연관 규칙 분석\n\nFP-Growth(프리퀀트 패턴):얼마나 자주 구매하는지\n\n"
        "신뢰도: A를 포함하는 거래중 A와 B가 동시에 거래되는 확률\n\n"
        "knn : 지도학습에서 분류할 때 사용\n"
    )
    doc = parse_notes(text)
    assert [s.path for s in doc.sections] == [("연관 규칙 분석",)], [s.path for s in doc.sections]


def test_this_of_what_came_before_leans_on_it() -> None:
    from srsapp.core.notes.context import leans_on_context

    assert leans_on_context("When aligned in this manner, we get the smallest bulges of water.")
    assert leans_on_context("We allow for this by adding the variation.")
    assert not leans_on_context("Use this command to list pods.")
    text = (
        "## Neap Tides\n\nWhen aligned in this manner, we get the smallest bulges of water "
        "with less difference between the high and low tides.\n"
    )
    assert not any(f.endswith("What is Neap Tides?") for f, _b in qa(deck(text)))


def test_an_item_over_names_only_asks_for_them_not_what_it_is() -> None:
    text = (
        "## 추천 시스템\n\n- 연관성 분석\n  - Apriori 알고리즘\n  - FP-Growth\n- Word2Vec\n"
        "  - 단어를 벡터로 바꾸는 모델이다.\n"
    )
    got = qa(deck(text))
    assert any(f == "연관성 분석: 2가지를 모두 쓰시오." for f, _b in got), got
    assert not any(f == "연관성 분석이란 무엇인가?" for f, _b in got), got
    assert any(f == "Word2Vec이란 무엇인가?" for f, _b in got), got


def test_an_embed_caption_of_a_file_name_is_no_term() -> None:
    text = (
        "## 2.1 Word embeddings\n\n- [[_resources/c75d_MD5.jpeg|Open: Pasted image 20240310234552.png]]\n"
        "- Embedding: a mapping from discrete objects to points in a continuous vector space\n"
        "- Source: https://commons.wikimedia.org/wiki/File:Tcp_state_diagram.png\n"
    )
    got = qa(deck(text))
    assert not any("Pasted image" in b or f.endswith("What does Open mean?") for f, b in got), got
    assert any(f.endswith("What does Embedding mean?") for f, _b in got), got


def test_a_topic_fragment_line_is_no_heading_and_a_particle_set_apart_is_no_blank() -> None:
    text = (
        "# Coroutine\n\n## 코루틴에 대해서\n\n코루틴은 직렬처리이며 병렬처리처럼 보이게끔 해주는 함수이다.\n\n"
        "위 코드의 동작 순서는\n\n1. Start에서 코루틴 시작\n2. 1초 대기\n3. 1프레임 대기\n\n"
        "## yield\n\n- yield break문은 try-catch문 안에서 쓸 수 있지만 finally 에선 쓸 수 없다.\n"
    )
    doc = parse_notes(text)
    assert not any("순서는" in " ".join(s.path) for s in doc.sections), [
        s.path for s in doc.sections
    ]
    got = qa(deck(text))
    assert not any(b.endswith(" 에선") for _f, b in got), got
    # the reverse card under "Coroutine" spells its answer 코루틴 in English
    assert not any(b == "코루틴" and "다음 설명에 해당하는 용어는?" in f for f, b in got), got


def test_a_line_with_an_e_mail_address_is_contact_details_not_a_fact() -> None:
    from srsapp.core.notes.context import tells_no_fact

    assert tells_no_fact("Genetics (Doe) (5 CFU, 40hrs, 20 lessons)  jane.doe@example.edu")
    assert not tells_no_fact("Clone it with git clone git@github.com:user/repo.git first.")
    text = (
        "## Course modules\n\n- Cellular biology  (Roe)  (2 CFU, 16hrs, 8 lessons)   "
        "john.roe@example.edu\n- Genetics  (Doe) (5 CFU, 40hrs, 20 lessons)  "
        "jane.doe@example.edu\n"
    )
    assert not any("@" in f + b for f, b in qa(deck(text)))


def test_a_korean_definition_under_an_english_heading_is_asked_in_korean() -> None:
    text = (
        "## 3.2.1 Scaled Dot-Product Attention\n\n"
        "- 입력은 $d_k$ 차원의 query와 key, $d_v$ 차원의 value로 구성\n"
    )
    got = qa(deck(text))
    assert any(f.endswith("입력이란 무엇인가?") for f, _b in got), got
    assert not any("What is 입력" in f for f, _b in got), got


def test_a_line_in_parentheses_is_split_without_a_stray_parenthesis() -> None:
    text = (
        "## Ownership\n\n"
        "(`Copy` trait doesn't work for types with a `Drop` impl. Drop cleans up the heap, "
        "but `Copy` is meant for types without any data on the heap.)\n"
    )
    got = qa(deck(text))
    assert got, got
    for front, _back in got:
        assert front.count("(") == front.count(")"), front


def test_a_quoted_phrase_is_blanked_without_the_full_stop_inside_its_quotes() -> None:
    text = (
        "## Atomicity\n\n"
        'Each transaction is "all or nothing." The system also uses a logging mechanism '
        "to undo the changes of a transaction that failed halfway.\n"
    )
    got = qa(deck(text))
    assert any(b == "all or nothing" for _f, b in got), got
    assert not any(b.endswith("nothing.") for _f, b in got), got


def test_circled_numbers_number_items_and_are_no_definition_of_the_heading() -> None:
    text = (
        "## 명령어 파이프라인\n\n"
        "> ① 명령어 인출(Instruction Fetch)  \n> ② 명령어 해석(Instruction Decode)  \n"
        "> ③ 명령어 실행(Execute Instruction)  \n> ④ 결과 저장(Write Back)\n\n"
        "- **명령어 파이프라인**은 하나의 명령어가 처리되는 전체 과정을 단계별로 나누어 "
        "실행하여 동시에 여러 개의 명령어를 수행하는 기법이다\n"
    )
    assert [ln.number for b in parse_notes(text).sections[0].blocks for ln in b.lines][:4] == [
        1,
        2,
        3,
        4,
    ]
    got = qa(deck(text))
    assert not any("①" in f + b for f, b in got), got
    assert any(
        f.endswith("명령어 파이프라인이란 무엇인가?") and "하나의 명령어가" in b for f, b in got
    )


def test_a_bold_word_before_a_term_in_backticks_labels_it_and_is_not_part_of_it() -> None:
    text = (
        "## TCP buffers\n\n"
        "* **What** `tcp_moderate_rcvbuf` - If set, TCP performs receive buffer auto-tuning, "
        "attempting to automatically size the buffer.\n"
    )
    got = qa(deck(text))
    assert any(f.endswith("What does tcp_moderate_rcvbuf do?") for f, _b in got), got
    assert not any("What does What" in f or b.startswith("What ") for f, b in got), got


def test_an_english_verb_before_doeda_is_the_predicate_not_a_blank() -> None:
    text = "## ZGC\n\n- Java 15에 release 되었다.\n- 대용량 힙에서도 정지 시간을 짧게 유지한다.\n"
    got = qa(deck(text))
    assert not any(b == "release" for _f, b in got), got


def test_a_document_title_heading_gets_no_describe_card() -> None:
    text = (
        "# Content Security Policy Cheat Sheet\n\n## Introduction\n\n"
        "By injecting the Content-Security-Policy (CSP) headers from the server, the browser is "
        "aware and capable of protecting the user from dynamic calls that will load content.\n"
    )
    got = qa(deck(text))
    assert not any("Describe Content Security Policy Cheat Sheet" in f for f, _b in got), got


def test_an_imperative_that_opens_a_sentence_is_no_blank() -> None:
    text = (
        "## General Notes\n- See Figure 1 on page 92 of the textbook for a rudimentary "
        "visualization of elasticity\n\t- Remember the rubber band analogy\n"
        "\t\t- If a rubber band stretches a lot when you pull on it, you would call it elastic\n"
    )
    got = qa(deck(text))
    assert not any(b == "Remember" for _f, b in got), got


def test_a_heading_that_only_names_slides_or_pages_is_no_concept() -> None:
    text = (
        "## Linking\n\n#### P10 - P13\n\n"
        "- .bss: Better Save Space, uninitialized global variables\n"
        "- .data: initialized global variables\n\n"
        "#### P44 -\n\n- Shared libraries are loaded and linked at load time or run time.\n"
    )
    assert [s.title for s in parse_notes(text).sections] == ["Linking"]
    got = qa(deck(text))
    assert got, got
    assert not any("P10" in f + b or "P44" in f + b for f, b in got), got


def test_a_conjunction_is_no_heading_and_a_line_opened_by_a_particle_no_fact() -> None:
    text = (
        "## docker-compose.yml\n\n```yaml\nversion: '2'\n```\n\n그리고\n\n"
        "```bash\n$ docker-compose up\n```\n\n이라고 하면 실행 됨\n"
    )
    assert [s.title for s in parse_notes(text).sections] == ["docker-compose.yml"]
    assert not any("이라고 하면" in b for _f, b in qa(deck(text)))


def test_a_sub_gloss_is_written_in_parentheses_and_footnote_marks_are_dropped() -> None:
    text = (
        "## 스크럼의 정의\n\n스크럼은 복잡한 문제에 적응할 수 있는 해법<sub>Adaptive solutions</sub>을 "
        "활용하여 가치를 창출하도록 도와주는 경량<sub>Lightweight</sub> 프레임워크이다.[^guide-3]\n\n"
        "## 스프린트\n\n"
        '![흐름]( ./scrum.png ){:style="max-width:500px"}[^steve-44]\n\n'
        "- 스프린트 계획에서 PO는 다음 스프린트의 목표를 제안한다.[^guide-7]\n"
    )
    got = qa(deck(text))
    assert any("해법(Adaptive solutions)을" in b for _f, b in got), got
    assert not any("[^" in f + b or "{:" in f + b or "max-width" in b for f, b in got), got


def test_a_numbered_label_is_asked_of_its_owner_never_as_a_term() -> None:
    text = (
        "# Linking\n\n- Functions Packaging\n"
        "  - Option 1: put all functions into a single source file\n"
        "    - Programmers link big object file into their programs\n"
        "  - Option 2: put each function in a separate source file\n\n"
        "## Symbols\n\n- Option 3: dynamic linking\n"
    )
    got = qa(deck(text))
    assert any(
        f.endswith("Functions Packaging: Option 1?") and b.startswith("put all") for f, b in got
    ), got
    assert not any(b.startswith("Option") or "What does Option" in f for f, b in got), got
    assert not any("dynamic linking" in f + b for f, b in got), got


def test_numbered_rules_get_no_name_all_card_and_a_moral_is_a_label() -> None:
    text = (
        "## Symbols\n\n- Linker's Symbol Rules\n"
        "  - Rule 1: Multiple strong symbols are not allowed\n"
        "  - Rule 2: Given a strong symbol and multiple weak symbols, choose the strong symbol\n"
        "  - Rule 3: If there are multiple weak symbols, pick an arbitrary one\n\n"
        "## Static libraries\n\n- Problem: command line order matters!\n"
        "- Moral: put libraries at the end of the command line.\n"
    )
    got = qa(deck(text))
    assert not any(b.startswith("- Rule 1") for _f, b in got), got
    assert any(f.endswith("Linker's Symbol Rules: Rule 2?") for f, _b in got), got
    assert not any(b == "Moral" for _f, b in got), got


def test_a_heading_that_names_its_command_after_a_colon_keeps_it_off_the_breadcrumb() -> None:
    text = (
        "### Basic Commands\n\n#### 컨테이너 로그 보기: logs\n\n```bash\n"
        "$ docker logs CONTAINER # 전체 로그 출력\n$ docker logs -f CONTAINER # 실시간으로 확인\n```\n"
    )
    cards = deck(text)
    assert any(html_to_text(c.back) == "docker logs CONTAINER" for c in cards), qa(cards)
    for c in cards:
        crumb = html_to_text(c.front).splitlines()[0]
        assert "logs" not in crumb, crumb


def test_a_blank_the_breadcrumb_gives_misspelt_or_with_a_korean_noun_glued_on() -> None:
    text = (
        "## Orthonormal\n\n"
        "Basis vector가 orthogonal 하면서 각 vector의 length가 1 일 때 그 vector들은 "
        "orthonornal 하다고 한다.\n\n"
        "## Inner Products and Cosines\n\n"
        "Inner product는 각이 아니지만 각의 cosine값은 inner product와 직결된다.\n"
    )
    got = qa(deck(text))
    assert not any(b in ("orthonornal", "cosine값") for _f, b in got), got


def test_a_lead_that_names_a_point_of_the_heading_asks_that_point() -> None:
    text = (
        "## 데일리 스크럼\n\n데일리 스크럼의 목적은 스프린트 목표 대비 진척을 점검하고 "
        "스프린트 백로그를 조정하는 것이다.\n\n데일리 스크럼은 개발자들을 위한 15분짜리 이벤트이다.\n\n"
        "# Standup\n\n## Daily standup\n\nThe purpose of the Daily standup is to inspect "
        "progress toward the Sprint Goal.\n\nThe Daily standup is a 15-minute event for the "
        "Developers.\n"
    )
    got = qa(deck(text))
    assert (
        "데일리 스크럼의 목적은?",
        "스프린트 목표 대비 진척을 점검하고 스프린트 백로그를 조정하는 것",
    ) in got
    assert any(f == "데일리 스크럼이란 무엇인가?" and "15분짜리" in b for f, b in got), got
    assert any(f == "What is the purpose of Daily standup?" for f, _b in got), got
    assert not any(f == "What is Daily standup?" and "purpose" in b for f, b in got), got


def test_an_example_heading_over_a_command_does_not_describe_it() -> None:
    text = (
        "### Run Docker\n\n#### Example: tensorflow\n\n```bash\n"
        "$ docker run -d -p 8888:8888 -p 6006:6006 teamlab/pydata-tensorflow:0.1\n```\n"
    )
    got = qa(deck(text))
    assert not any("Example: tensorflow" in f or "Example: tensorflow" in b for f, b in got), got


def test_tex_rows_are_no_prose_and_a_line_ending_in_a_condition_no_fact() -> None:
    text = (
        "## Orthogonal vectors\n\n위 식의 vector 크기를 내적을 이용해서 나타내면\n\n$\n"
        "\\begin{matrix}\nx^Tx + y^Ty &=& {(x-y)}^T(x-y) \\\\\n&=& x^Tx - y^Tx - x^Ty + y^Ty\n"
        "\\end{matrix}\n$\n\n두 vector가 orthogonal하면 inner product는 0이다.\n"
    )
    got = qa(deck(text))
    assert not any("&=&" in f or "나타내면" in b for f, b in got), got
    assert any(b == "inner product" for _f, b in got), got


def test_a_that_clause_asks_what_it_says_of_its_subject() -> None:
    text = (
        "## Cross-Price Elasticity of Demand\n\n"
        "- A positive cross-price elasticity indicates that two commodities are substitutes\n"
        "- A negative cross-price elasticity indicates that two commodities are complements\n"
    )
    got = qa(deck(text))
    assert {b for _f, b in got} >= {"substitutes", "complements"}, got
    assert not any(b == "two commodities" for _f, b in got), got


def test_a_fraction_drawn_in_text_is_no_prose() -> None:
    text = (
        "## Income Elasticity of Demand\n\n```\n    percentage change in quantity demanded\n"
        "e = --------------------------------------\n         percentage change in income\n```\n"
    )
    assert not any("percentage change" in f + b for f, b in qa(deck(text)))


def test_one_sentence_is_clozed_once_whichever_generators_reach_it() -> None:
    text = (
        "# Linking\n\n#### Packaging\n\n- Functions Packaging\n"
        "  - Option 1: put all functions into a single source file\n"
        "    - Programmers link big object file into their programs\n"
        "    - Space and time inefficient\n"
        "  - Option 2: put each function in a separate source file\n"
        "    - Programmers explicitly link appropriate binaries into their programs\n"
        "    - More efficient, but burdensome on the programmer\n\n"
        "- Static Libraries (.a archive files)\n  - Old-fashioned way\n"
        "  - Concatenate related relocatable object files into a single file with an index.\n"
    )
    clozes = [(c.concept, c.anchor) for c in deck(text) if c.kind is CardKind.CLOZE]
    assert clozes, clozes
    assert len(clozes) == len(set(clozes)), clozes


def test_a_question_over_nested_points_is_answered_by_the_points_it_names() -> None:
    text = (
        "## Linking\n\n- Why linker?\n  - Modularity\n    - many smaller source files\n"
        "    - build libraries of common functions\n  - Efficiency\n"
        "    - time: separate compilation\n      - change one source file, then relink\n"
        "      - no need to recompile other sources\n    - space: libraries\n"
        "      - common functions in a single file\n      - static or dynamic linking\n"
    )
    backs = [b for f, b in qa(deck(text)) if f == "Why linker?"]
    assert backs == ["- Modularity\n- Efficiency"], qa(deck(text))


def test_comment_lines_that_pair_a_call_with_its_meaning_are_terms_and_the_code_is_not() -> None:
    text = (
        "## Intro\n\n```matlab\n% eye(n) - identity matrix of size n\n"
        "% length(M) - largest matrix dimension size\n\n% Example 1:\n"
        "A1 = [2, 2, 3; 7, 5, 4; 1, 1, 2];\nx1 = inv(A1)*b1';\n```\n\n"
        "```javascript\n// arr.at(-1) - the last element of the array\nconst x = [1, 2];\n```\n"
    )
    got = qa(deck(text))
    assert ("What does eye(n) mean?", "identity matrix of size n") in got, got
    assert any(b == "the last element of the array" for _f, b in got), got
    assert not any("A1 =" in f + b or b == "Example 1" for f, b in got), got


def test_a_quoted_phrase_right_under_a_term_heading_defines_it() -> None:
    text = (
        "## 3) 사건(Event)\n> 표본공간의 부분집합\n\n- 사건 = 표본집단\n- 사건 A 기호 : A\n\n"
        "#### 스케줄링에 대해 설명해주세요.\n\n> 스케줄링 정책\n\n"
        "- 비선점 스케줄링 : 프로세스가 CPU를 스스로 내놓을 때까지 기다린다\n"
    )
    titles = [s.title for s in parse_notes(text).sections]
    assert "표본공간의 부분집합" not in titles and "스케줄링 정책" in titles, titles
    got = qa(deck(text))
    assert any(f == "사건(Event)이란 무엇인가?" and "표본공간의 부분집합" in b for f, b in got), got


def test_one_answer_is_blanked_in_two_clozes_of_a_file_at_most() -> None:
    text = (
        "#### Achiral Molecules\n\n"
        "- The bonds and atoms of water align perfectly with its mirror image, making it achiral.\n"
        "- Similarly, CH2BrCl is also achiral as its mirror image can be rotated to align.\n\n"
        "#### Chirality recap\n\n"
        "Everything has a mirror image. The fundamental question in chirality is whether a "
        "molecule and its mirror image are superimposable. If they are not superimposable, the "
        "molecule is chiral and lacks a plane of symmetry.\n"
    )
    blanks = [b for f, b in qa(deck(text)) if "[...]" in f]
    assert blanks.count("mirror image") <= 2, blanks


def test_a_see_also_pointer_is_no_part_of_a_meaning() -> None:
    text = (
        "## Vocabulary\n\n1. **元朝** - yuán cháo (Yuan Dynasty, 1271 - 1368 AD) - see also 玩 from L11\n"
        "2. 討厭 - tǎo yàn (annoyed, annoying). See also from L14, 討論 - tǎo lùn (to discuss)\n"
    )
    backs = [b for _f, b in qa(deck(text))]
    assert "yuán cháo (Yuan Dynasty, 1271 - 1368 AD)" in backs, backs
    assert not any("see also" in b.lower() for b in backs), backs


def test_saying_a_term_matters_is_no_definition_and_a_question_heading_is_asked() -> None:
    text = (
        "### 영속성 컨텍스트(Persistence Context)란\n- JPA를 이해하는데 가장 중요한 용어이다.\n"
        "    - 논리적인 개념으로, 눈에 보이지 않는다.\n"
        '    - "**Entity를 영구 저장하는 환경**"이라는 뜻\n'
    )
    got = qa(deck(text))
    assert not any("가장 중요한 용어" in b for _f, b in got), got
    assert any(f == "영속성 컨텍스트(Persistence Context)란?" for f, _b in got), got


def test_a_formula_variable_a_reason_or_a_figure_is_no_defined_term() -> None:
    text = (
        "## BN\n\n$$\\text{BN}_{\\gamma, \\beta}: x_1,\\cdots, x_m \\rightarrow y_1$$\n\n"
        "$$u$$는 이전 단계의 레이어의 결과이므로 분포가 계속 변화할 것이기 때문에 "
        "정규화가 Covariate Shift를 없애주지 못할 것임\n\n"
        "그림은 실험에 대한 결과이다.\n\n"
        "- `$target` : 생성 시 첫번째 인자로 받은 자신의 태그\n"
        "- `$props` : 생성 시 두번째 인자로 받은 부모의 props 일부\n"
    )
    got = qa(deck(text))
    assert not any(f.endswith("는?") and "BN" in f for f, _b in got), got
    assert not any("$$u$$란" in f or b == "$$u$$" for f, b in got), got
    assert not any(b == "그림" or f.startswith("그림이란") for f, b in got), got
    assert any("$target" in f for f, _b in got), got


def test_a_call_or_a_word_of_another_script_with_a_one_word_meaning_is_asked_what_it_means() -> (
    None
):
    text = (
        "## Intro\n\n```matlab\n% det(M) - determinant\n```\n\n1. 這 [这] - zhè\n2. 那 [那] - nà\n"
    )
    fronts = [f for f, _b in qa(deck(text))]
    assert "What does det(M) mean?" in fronts and "What does 這 [这] mean?" in fronts, fronts
    assert not any(f.startswith("What is the") for f in fronts), fronts


def test_a_bold_subject_of_an_english_sentence_is_no_term_with_the_rest_as_meaning() -> None:
    text = (
        "#### Superimposability\n\n**Chirality** in molecules refers to the property of having a "
        "non-superimposable mirror image, similar to how left and right hands cannot be aligned.\n"
    )
    got = qa(deck(text))
    assert not any(b.startswith("in molecules refers") for _f, b in got), got
    assert any(b.startswith("the property of having") for _f, b in got), got


def test_a_rule_of_thumb_is_no_definition_of_the_heading() -> None:
    text = (
        "#### Stereogenic centers\n\nIn general, a molecule with no stereogenic centers will not "
        "be chiral (though there are exceptions)\n"
        "- With two or more stereogenic centers a molecule may or may not be chiral\n"
    )
    got = qa(deck(text))
    assert not any(f == "What is Stereogenic centers?" for f, _b in got), got


def test_the_notes_title_is_no_blank_and_an_unwritten_section_no_answer() -> None:
    text = (
        "---\ntitle: Kubernetes objects\n---\n\n## Namespaces\n\n"
        "- Namespaces cannot be nested inside one another and each Kubernetes resource can only "
        "be in one namespace.\n\n## System stability\n\nWIP...\n"
    )
    got = qa(deck(text))
    assert not any(b == "Kubernetes" for _f, b in got), got
    assert not any(b.startswith("WIP") for _f, b in got), got


def test_a_greater_than_sign_between_a_term_and_its_meaning_is_a_separator() -> None:
    text = (
        "### Cloud concepts\n- Cloud models:\n"
        "  - Hybrid cloud > uses both public and private clouds in an inter-connected environment\n"
        "  - Multi-cloud > multiple public cloud providers\n\n"
        "### Recursion\n\n**Postgres > SQLite >> MySQL**\n\n- Triggers can trigger themselves.\n"
        "- A counter stays valid while x > 0 holds.\n"
    )
    got = qa(deck(text))
    assert (
        "What does Hybrid cloud mean?",
        "uses both public and private clouds in an inter-connected environment",
    ) in got, got
    assert not any(" > " in f + b for f, b in got if "Hybrid" in f + b or "Multi" in f + b), got
    assert not any(f == "What does Postgres mean?" for f, _b in got), got


def test_myst_directive_markers_are_no_text_and_a_figure_block_no_fact() -> None:
    text = (
        "# 1. Introduction\n\nLoRA는 pre-trained weight는 고정하고 rank decomposition matrices를 "
        "최적화하는 방식으로 학습시킨다.\n\n:::{figure-md} \n"
        '<img src="../pics/LoRA/image(0).png" alt="LoRA_00" width="550px">\n\nLoRA structure\n:::\n\n'
        "::: note\nLoRA의 rank r은 보통 1에서 8 사이의 작은 값이다.\n:::\n"
    )
    got = qa(deck(text))
    assert not any(":::" in f + b or "figure-md" in f + b for f, b in got), got
    assert not any(b == "LoRA structure" or f.endswith("LoRA structure") for f, b in got), got


def test_a_mark_at_the_end_of_a_heading_is_no_part_of_it() -> None:
    text = (
        "## Decision trees\n\n**How do we train decision trees? \u200d⭐️**\n\n"
        "1. Start at the root node.\n2. For each variable, find the best split.\n"
        "3. Split the node into two child nodes.\n"
    )
    cards = deck(text)
    assert cards, cards
    assert not any("⭐" in html_to_text(c.front) for c in cards), qa(cards)


def test_a_korean_task_then_a_command_is_asked_as_a_command() -> None:
    text = (
        "**2. CA 인증서 생성**\n\n- CA 개인키 생성 :  openssl genrsa -des3 -out ca.key 1024\n"
        "- Self-Signed CA 인증서 생성 :  openssl req -new -x509 -days 365 -key ca.key -out ca.crt\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any(b.startswith("openssl") and ("mean?" in f or "뜻은?" in f) for f, b in got), got
    commands = [c for c in cards if c.kind is CardKind.COMMAND]
    assert any(html_to_text(c.back) == "CA 개인키 생성" for c in commands), got


def test_an_imperative_korean_heading_and_a_link_caption_define_nothing() -> None:
    text = (
        "# 아이템 17. 변경 가능성을 최소화하라\n\n> Minimize mutability\n\n"
        "불변 클래스란 그 인스턴스의 내부 값을 수정할 수 없는 클래스다.\n\n"
        "## 추상 클래스와 인터페이스의 차이는?\n\n"
        "더 상세한 내용은 링크 참고: 자바의 추상 클래스와 추상 메서드\n"
    )
    got = qa(deck(text))
    assert not any(b == "Minimize mutability" for _f, b in got), got
    assert not any("링크 참고" in f + b for f, b in got), got


def test_a_condition_in_code_is_no_command_and_a_case_of_the_heading_no_definition() -> None:
    text = (
        "## Leader changes\n\nWhen leader changes, logs among servers might not be identical.\n\n"
        "Voters deny the vote if\n\n```\nlastTermOfVoter > lastTermOfCandidate || "
        "(lastTermOfVoter == lastTermOfCandidate && lastIdxOfVoter > lastIdxOfCandidate)\n```\n"
    )
    got = qa(deck(text))
    assert not any("lastTermOf" in f + b for f, b in got), got
    assert not any(f == "What is Leader changes?" for f, _b in got), got
    assert [s.title for s in parse_notes(text).sections] == ["Leader changes"]


def test_an_acronym_right_after_the_words_it_stands_for_is_no_blank() -> None:
    text = (
        "  - Azure storage redundancy:\n"
        "    - Locally redundant storage (LRS - replicates data 3x within a single data center in "
        "primary region. Lowest-cost and least durability)\n"
        "    - Zone-redundant storage (ZRS - replicates Azure storage data synchronously across 3 "
        "Azure AZ in primary region. Recommended for scenarios that require high availability)\n"
    )
    got = qa(deck(text))
    assert not any(b == "LRS" and "Locally redundant storage ([...]" in f for f, b in got), got
    assert not any(b == "ZRS" and "Zone-redundant storage ([...]" in f for f, b in got), got


def test_struck_text_a_capture_table_and_notion_formula_marks_make_no_cards() -> None:
    text = (
        "## Results\n\n- ~~The dropout rate was 0.3 in every layer~~ The dropout rate was 0.6 in "
        "every layer of the model.\n- In Ruby `for i in iterable ~~ end` declares a global.\n\n"
        "## Handshake\n\n| 단계 | 출발지 → 목적지 | Flags | SEQ | ACK |\n|---|---|---|---|---|\n"
        "| 1 | 클라이언트 → 서버 | `[S]` | 3113377296 | - |\n"
        "| 2 | 서버 → 클라이언트 | `[S.]` | 1171478793 | 3113377297 |\n"
        "| 3 | 클라이언트 → 서버 | `[.]` | 3113377297 | 1171478794 |\n\n"
        "GAT는 ⁍ 개의 head 출력을 concat하여 다음 layer의 입력으로 쓴다.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not any("0.3" in f + b or "⁍" in f + b for f, b in got), got
    assert not any(c.kind is CardKind.TABLE for c in cards), got


def test_what_you_need_to_know_is_a_label_no_term() -> None:
    text = (
        "### Hash Table\n#### What you need to know\n"
        "- Designed to optimize searching, insertion, and deletion.\n"
        "- **Hash collisions** are when a hash function returns the same output for two inputs.\n"
    )
    got = qa(deck(text))
    assert not any("What you need to know" in b or "what you need to know" in f for f, b in got), (
        got
    )


def test_a_source_credit_line_is_no_term() -> None:
    text = (
        "## 3. 이행적 종속\n\nX->Y, Y->Z 이면 X->Z 가 성립하는 종속 관계를 이행적 종속이라 한다.\n\n"
        "<출처 : 망나니개발자 블로그 https://mangkyu.tistory.com/110>\n\n"
        "- Source: https://example.org/normalization\n"
    )
    got = qa(deck(text))
    assert not any("출처" in f + b or "mangkyu" in b for f, b in got), got


def test_an_answer_the_front_spells_with_other_spacing_is_given_away() -> None:
    text = (
        "## 적어도 캡 70개 어치는 하는 웹어셈블리 지침서\n\n"
        "- 웹 어셈블리는 다양한 언어로 구현된 Application 이 웹 브라우저에서 실행될 수 있도록 "
        "로우 레벨 바이너리 포맷\n"
    )
    cards = [(html_to_text(c.front), html_to_text(c.back)) for c in deck(text)]
    # the heading spells the answer without its space: no card asking for it shows the heading
    assert not any(b == "웹 어셈블리" and "웹어셈블리" in f.replace(" ", "") for f, b in cards), (
        cards
    )


def test_a_speakers_name_under_a_talk_title_defines_nothing() -> None:
    text = (
        "## 오픈소스 프로젝트 mocha에서 배운 것들\n\n- 변정훈 (아웃사이더)\n"
        "- 노드와 웹 브라우저 둘다 에서 사용가능한 테스트 프레임워크\n\n"
        "## The Man who Sold the Amp: 자바스크립트로 음악 처리하기\n\n- 비탈리 보브로프\n"
        "- WebAudio의 GainNode로 볼륨을, WaveShaperNode로 디스토션을 구현한다.\n"
    )
    got = qa(deck(text))
    assert not any(
        b in ("변정훈 (아웃사이더)", "비탈리 보브로프") or "보브로프" in f for f, b in got
    ), got


def test_a_table_repeated_in_another_column_order_is_asked_once() -> None:
    table = "| Key | m2 | M2 | m3 |\n|---|---|---|---|\n| C | Db | D | Eb |\n| G | Ab | A | Bb |\n"
    again = "| Key | M2 | m3 | m2 |\n|---|---|---|---|\n| C | D | Eb | Db |\n| G | A | Bb | Ab |\n"
    one = deck("## Intervals for each key\n\n" + table)
    both = deck("## Intervals for each key\n\n" + table + "\n## The same by fifths\n\n" + again)
    tables = [c for c in both if c.kind is CardKind.TABLE]
    assert tables and len(tables) == len([c for c in one if c.kind is CardKind.TABLE]), qa(both)


def test_a_collection_title_and_an_etc_step_are_not_asked() -> None:
    text = (
        "# Android-Interview-QnA\n안드로이드 면접 질문과 답\n\n"
        "### Q0. 안드로이드의 실행환경에 대해서 간단하게 설명하시오.\n"
        "안드로이드는 리눅스 커널, 라이브러리, 어플리케이션 프레임워크, 어플리케이션으로 구성된다.\n\n"
        "## V8\n\nV8 작동 방식 → js 발견 → 파스 트리 → 신택스 트리 추상화 → 바이트코드 생성 → 등등\n"
    )
    got = qa(deck(text))
    assert not any("Android-Interview-QnA" in b or "면접 질문과 답" in b for _f, b in got), got
    assert not any(b.startswith("등등") for _f, b in got), got


def test_a_greater_than_sign_in_a_korean_sentence_compares() -> None:
    text = "## mocha\n\n- 작년에는 제스트 > 모카 였는데, 저작년까지 모카가 짱이었는데 제스트가 많이 올라왔다.\n"
    got = qa(deck(text))
    assert not any("제스트의 뜻은" in f or b.startswith("모카 였는데") for f, b in got), got


def test_a_word_and_its_gloss_a_licence_and_a_log_of_hours_are_no_commands_or_terms() -> None:
    vocab = qa(
        deck("## Masculine nouns\n\n|||\n|-|-|\n|el libro| the book|\n|el hombre| the man|\n")
    )
    assert ("What does el libro mean?", "the book") in vocab
    assert not [q for q, _ in vocab if "command" in q]
    git = deck("## Git\n\n|||\n|-|-|\n|git status| show the working tree status|\n")
    assert [c.kind for c in git] == [CardKind.COMMAND]  # a command's table is still one
    licence = (
        "## 라이선스 _License_\n```\nPermission is hereby granted, free of charge, to any person "
        "obtaining a copy of this software and associated documentation files.\n```\n"
    )
    assert deck(licence) == []
    diary = deck(
        "## 일기\n\n> - 사교 업무: 식물보호단체 회의 - 2시간 25분.\n> - 집필 - 29시간 15분.\n\n"
        "## 스위치\n\n- MAC 주소 테이블 유지 시간 : 300초\n"
    )
    answers = [a for _, a in qa(diary)]
    assert not [a for a in answers if "2시간" in a or "29시간" in a or "사교 업무" in a]
    # a sentence that says how long something takes is no record
    assert (
        deck("## 빌드\n\n전체 빌드는 캐시가 없으면 보통 10분 정도 걸리는 무거운 작업이다.\n") != []
    )


def test_a_worked_examples_own_values_are_no_terms_steps_or_definitions() -> None:
    text = (
        "## 책과는 다른 별도의 예제로 작성\n\n- FD1 : 직원번호 → 입사일자\n- FD2 : 직원번호 → 부서번호\n\n"
        "## Example: Hypothesis Test for the Mean\n\n- **Null Hypothesis ($H_0$)**: $\\mu = 2$ tons per hectare\n\n"
        '## 코루틴 예시\n\n1. 코루틴 시작. "Start" 메세지 출력\n2. 1초 대기. "Waited!" 메세지 출력\n'
        "3. 코루틴 종료.\n\n"
        "## Examples of cathode materials\n\n- **Lithium Cobalt Oxide**: the most common cathode of phone batteries\n"
    )
    cards = [c for c in deck(text) if c.kind is not CardKind.CLOZE]  # (what the author marks is)
    assert {c.concept[-1] for c in cards} == {"Examples of cathode materials"}, qa(cards)


def test_a_line_cut_short_an_address_a_lone_keyword_or_a_dependency_are_no_pairs() -> None:
    text = (
        "## Routing\n\n***Distance Vector Routing Algorithm*** Routes are advertised by\n\n"
        "## NAT\n\n- 보안그룹 web-DMZ에 Https / 443 / 0.0.0.0, ::/0 추가\n\n"
        "## Join\n\n```sql\n-- members가 기준이 되고 committees는 비교대상이 됨\nSELECT\n    m.member_id\nFROM members m;\n```\n\n"
        "## 종속\n\nX → Y → Z 와 같은 종속을 `이행 종속(Transitive Dependency)`이라 하며, 3정규형과 관련된 종속.\n"
    )
    got = qa(deck(text))
    answers = [a for _, a in got]
    assert "Routes are advertised by" not in answers and "/0 추가" not in answers
    assert "SELECT" not in answers and "Y" not in answers, got  # no step "X → [...]"


def test_examples_and_cases_are_worked_examples_and_their_clozes_take_marked_terms_only() -> None:
    text = (
        "# Hypotheses\n\n## Examples\n\n### I. Testing a New Diet\n\n"
        "The null hypothesis is that the average daily energy expenditure equals the standard diet average.\n\n"
        "The alternative hypothesis is that the **average daily energy expenditure** differs from the standard.\n\n"
        "## 홈페이지 사례\n\n로그인 폼의 아이디 입력창에서 레이블이 제공되지 않아 스크린 리더가 읽지 못한다.\n\n"
    )
    from srsapp.core.notes.common import in_worked_example

    assert in_worked_example(["Hypotheses", "Examples", "I. Testing a New Diet"])
    assert in_worked_example(["WCAG", "홈페이지 사례"])
    assert not in_worked_example(["Git", "실습: 충돌 해결 순서"])  # a procedure practised
    assert not in_worked_example(["Examples of cathode materials"])
    assert not in_worked_example(["Choosing the Right Statistical Test"])
    clozes = [c for c in deck(text) if c.kind is CardKind.CLOZE]
    # the marked term is still a fact; the example's other words are not
    assert [c.variant for c in clozes] == ["average daily energy expenditure"], qa(clozes)


def test_a_terms_own_line_and_one_more_name_of_a_list_do_not_define_the_heading() -> None:
    text = (
        "## 연관 규칙 분석\n\n지지도 : 전체 중 A, B의 거래가 동시에 일어날 확률\n"
        "신뢰도 : A를 포함하는 거래 중 A, B가 동시에 거래되는 확률 P(B|A)\n\n"
        "## 논리적 동치식 모음\n\n* 교환법칙 Commutative laws\n    * $$ p ∨ q ≡ q ∨ p $$.\n"
        "* 결합법칙 Associative laws\n    * $$ ( p ∨ q ) ∨ r ≡ p ∨ ( q ∨ r ) $$.\n"
        "* 드 모르간 법칙 De Morgan's laws\n    * $$ ¬(p ∧ q) ≡ ¬p ∨ ¬q $$.\n"
    )
    cards = deck(text)
    got = qa(cards)
    assert not [c for c in cards if c.kind is CardKind.DEFINITION], got
    # "P(B|A)" is a conditional probability, not a value listing alternatives: a term line
    assert ("신뢰도의 뜻은?", "A를 포함하는 거래 중 A, B가 동시에 거래되는 확률 P(B|A)") in got


def test_a_how_to_heading_or_a_before_after_heading_is_no_term_to_define() -> None:
    text = (
        "# GC\n\n## LoRA 사용법\n\nloralib 설치\n\n## Docker 설치 방법\n\n패키지 저장소를 추가한다\n\n"
        "## Setting up Docker\n\nFetch the package from the registry first.\n\n"
        "## After\n\nevent를 각각의 하위 요소가 아니라 component의 target 자체(parent)에 등록\n\n"
        "## 컨테이너\n\n컨테이너는 격리된 프로세스이다.\n"
    )
    cards = deck(text)
    defined = {c.concept[-1] for c in cards if c.kind is CardKind.DEFINITION}
    assert defined == {"컨테이너"}, qa(cards)


def test_an_answer_marked_a_dot_is_answered_by_what_follows_the_mark() -> None:
    text = (
        "## Q&A\n\nQ2 . 안좋은 결과가 나오면 어떡하죠?\n\n"
        "A . 안 좋은 결과 자체를 고객의 반응을 통해 보는 것이 좋다.\n\n"
        "Q3 . 컨설팅을 연습해 볼 수 있는 방법이 있을까요?\n\nA . \n\n"
        "1. 실제 문제로부터 훈련을 시작한다.\n2. 전문가로부터 계속 피드백을 받는다.\n"
    )
    got = qa(deck(text))
    answers = {f: a for f, a in got}
    assert (
        answers["안좋은 결과가 나오면 어떡하죠?"]
        == "안 좋은 결과 자체를 고객의 반응을 통해 보는 것이 좋다."
    ), got
    assert (
        "실제 문제로부터 훈련을 시작한다." in answers["컨설팅을 연습해 볼 수 있는 방법이 있을까요?"]
    ), got
    assert not any(a.strip(" .") == "A" or a.startswith("A .") for _f, a in got), got
    assert not any("단계" in f for f, _a in got), got  # an answer's points, not a procedure


def test_a_scenario_is_a_worked_example() -> None:
    from srsapp.core.notes.common import in_worked_example

    assert in_worked_example(["실험계획", "시나리오1", "2단계) 식사하며 원하는 정보를 얻었다."])
    assert in_worked_example(["Consulting", "Case study: a retailer"])
    assert in_worked_example(["Scenario 2"])
    assert not in_worked_example(["Failover testing"])


def test_a_comment_over_an_import_explains_the_code_after_the_import() -> None:
    text = (
        "## 파이썬에서 활용하기\n\n```\n# 파이썬 str에서 정규식으로 찾아바꾸기\nimport re\n"
        "re.sub('\\d{3}-\\d{4}', '***', text)\n```\n"
    )
    got = qa(deck(text))
    assert not any("import re" in f or a == "import re" for f, a in got), got
    shell = "## 설치\n\n```\n# 저장소를 받아 설치하기\nimport os\npip install -r requirements.txt\n```\n"
    got = qa(deck(shell))
    assert ("pip install -r requirements.txt", "저장소를 받아 설치하기") in got, got


def test_a_link_list_items_trailing_dash_and_an_example_key_are_cleaned_or_skipped() -> None:
    text = (
        "## Libraries\n\n"
        "*   Pandas Profiling - Generates profile reports from a pandas `DataFrame` - "
        '[:octopus:](https://github.com/x/y "on GitHub") [:snake:](https://pypi.org/project/y/)\n'
        "*   Modin - Scales pandas workflows by changing one line of code - [:octopus:](https://github.com/m/m)\n\n"
        "## 가설\n\n- ex1) 대립가설 : 프라푸치노의 칼로리는 340kcal보다 크다.\n"
        "- 귀무가설 : 모집단에 대한 기존의 주장\n\n"
        "## 도구\n\n- 시각화하기 https://regexper.com/\n- 테스트하기 https://regex101.com/\n"
    )
    got = qa(deck(text))
    assert (
        "What does Pandas Profiling mean?",
        "Generates profile reports from a pandas DataFrame",
    ) in got, got
    assert not any(a.endswith(" -") for _f, a in got), got
    assert not any("ex1)" in f or "ex1)" in a for f, a in got), got
    assert not any(a in ("https", "http") for _f, a in got), got


def test_a_glossarys_terms_are_asked_each_not_named_all() -> None:
    text = (
        "# Definitions\n\n- **Pod**: a group of one or more containers\n"
        "- **Deployment**: checks on the health of your Pod and restarts it\n"
        "- **minikube**: a kubernetes virtual machine\n\n"
        "# Workloads\n\n- **Job**: runs a task to completion\n- **CronJob**: runs jobs on a schedule\n"
        "- **DaemonSet**: runs a pod on every node\n"
    )
    got = qa(deck(text))
    assert ("What does Pod mean?", "a group of one or more containers") in got, got
    assert not any(f.startswith("Definitions: name all") for f, _a in got), got
    assert any(f.startswith("Workloads: name all") for f, _a in got), got  # a set the notes name


def test_a_string_read_a_character_at_a_time_is_no_chain_of_steps() -> None:
    text = (
        "## 일반 문자열\n\n"
        '"문재인": 문 → 재 → 인\n\n"^문재인": 문장의 시작 → 문 → 재 → 인\n\n'
        "## 빌드\n\n소스 → 컴파일 → 링크 → 실행 파일\n"
    )
    got = qa(deck(text))
    assert not any(a.startswith(("재", "인")) for _f, a in got), got
    assert any(a.startswith("컴파일") for _f, a in got), got  # a real chain still asked


def test_a_heading_naming_an_activity_is_no_thing_to_describe() -> None:
    text = (
        "## Promise 이해하기\n\n타입스크립트 Promise의 콜백 함수는 resolve와 reject 함수를 매개변수로 받는다.\n\n"
        "## 스타일 설정하기\n\n대부분 설정을 끄는데 취향에 맞게 따라하면 되겠다.\n\n"
        "## 비동기\n\n비동기는 작업이 끝나기를 기다리지 않고 다음 작업을 하는 방식이다.\n"
    )
    cards = deck(text)
    defined = {c.concept[-1] for c in cards if c.kind is CardKind.DEFINITION}
    assert defined == {"비동기"}, qa(cards)


def test_an_answer_that_only_announces_or_sets_up_answers_nothing() -> None:
    text = (
        "## JVM\n\n그러면 동적 메모리 변수를 선언할 때 JVM이 하는 일은 무엇일까?\n\n"
        "HotSpot VM에서는 일단 두 가지의 기술을 사용한다.\n\n"
        "## Greedy\n\nwhat is the minimum number of coins that we must use to represent amount V?\n\n"
        "Assume that we have an unlimited supply of coins of any type.\n\n"
        "## 측정 편향성\n\n뭐가 있을까?\n\n여러가지가 있는데 이 논문에서는 두 가지를\n\n"
        "## GC\n\nGC는 언제 일어날까?\n\nEden 영역이 가득 차면 Minor GC가 일어난다.\n"
    )
    got = qa(deck(text))
    questions = [f for f, _a in got if f.endswith("?")]
    assert "GC는 언제 일어날까?" in questions, got
    assert not any(
        "JVM이 하는 일" in f or "minimum number of coins" in f or f == "뭐가 있을까?"
        for f in questions
    ), got


def test_a_first_line_opening_with_examples_does_not_define_the_heading() -> None:
    text = (
        "## 정규분포\n\n* 키, 몸무게, 강수량, 시험 점수 등 자연현상과 관련된 확률밀도함수의 그래프는 정규분포와 비슷한 형태\n"
        "* 정규분포는 평균을 중심으로 좌우 대칭인 종 모양의 곡선을 띄고 있음\n"
        "* 평균과 분산만으로 특성을 모두 다 설명가능\n"
    )
    got = qa(deck(text))
    assert not any(f.startswith("정규분포란") and a.startswith("키, 몸무게") for f, a in got), got


def test_steps_under_a_sentence_heading_are_asked_without_repeating_it() -> None:
    text = (
        "## 2단계) 식사하며 원하는 정보를 얻었다. (문제는 신입사원의 퇴사율이다.)\n\n"
        "상담 역량 모형의 순서는 다음과 같다.\n\n1. 고객의 말을 듣는다.\n2. 고객의 상황을 이해한다.\n3. 전략을 세운다.\n"
    )
    got = qa(deck(text))
    asks = [f for f, _a in got if "단계는?" in f or "순서" in f]
    assert asks and not any("식사하며" in f for f in asks), got
    text = "## Declarative vs. imperative\n\n1. Make a guess.\n2. Improve the guess.\n3. Keep improving it.\n"
    got = qa(deck(text))
    assert any(f == "What is the first step?" for f, _a in got), got


def test_an_output_line_under_code_is_no_term() -> None:
    text = (
        "## LEFT JOIN\n\n~~~~sql\nSELECT m.member_id, c.name FROM members m\nLEFT JOIN committees c USING(name);\n~~~~\n\n"
        "output: 왼쪽 table의 모든 값이 출력되고 오른쪽 table의 매치되지 않는 부분은 NULL 처리 된 것을 알 수 있다.\n\n"
        "## CROSS JOIN\n\noutput: 5 * 4 = 총 20 개를 반환한다.\n"
    )
    got = qa(deck(text))
    assert not any(f.startswith(("output의", "output은")) or a == "output" for f, a in got), got


def test_list_items_of_notes_wrapped_at_a_width_are_read_as_whole_sentences() -> None:
    text = (
        "The ASCII 7-bit character encoding is ubiquitous and foundational to how computers\n"
        "talk to each other. It has an absolutely fascinating history that dates surprisingly\n"
        "far back. The ASCII standard started in 1963, and was iterated until 1986. ASCII was\n"
        "based on ITA2, a telegraph standard from 1924.\n\n"
        "## Facts\n\n"
        "- UTF-8, the most common modern encoding, uses a variable number of bytes but exactly matches\n"
        "  ASCII. That means every ancient ASCII file is also a valid modern UTF-8 file.\n"
        "- The number digits are carefully placed so BCD can be converted to ASCII and\n"
        "  vice-versa in one instruction: `ascii = bcd XOR 0x30`.\n"
    )
    got = qa(deck(text))
    assert not any(
        f.startswith("ASCII. That means") or "exactly matches" == f.split()[-1] for f, _a in got
    ), got
    assert not any(
        "vice-versa in one instruction" in f or a == "vice-versa in one instruction" for f, a in got
    ), got


def test_a_description_that_names_the_option_asks_only_what_the_command_does() -> None:
    text = (
        '# grep\n\n## 옵션\n\n### -n, 줄 번호 출력\n\n```\ngrep -n "AAA" bbb\n```\n\n'
        "### --exclude-dir, 디렉터리 제외\n\n-R 옵션을 사용할 때 특정 디렉터리를 제외한다.\n\n"
        '```\ngrep --exclude-dir="subpath" -R "pattern" path\n```\n'
    )
    cards = [c for c in deck(text) if c.kind is CardKind.COMMAND]
    got = qa(cards)
    assert not any(a == 'grep -n "AAA" bbb' for _f, a in got), got  # "-n, …" → it: a giveaway
    for c in cards:
        if html_to_text(c.back).startswith("grep --exclude-dir"):
            assert "--exclude-dir" not in html_to_text(c.front), html_to_text(c.front)


def test_lines_under_an_example_item_blank_only_what_the_author_marked() -> None:
    text = (
        "# 처리율 제한 장치의 설계\n"
        "## 처리율 제한 장치란\n"
        "* 처리율 제한 장치(reate limiter)는 클라이언트 또는 서비스가 보내는 트래픽의 처리율(rate)를 제어하기 위한 장치\n"
        "    * HTTP의 경우, 특정 기간 내에 전송되는 클라이언트의 요청 횟수 제한\n"
        "        * 이해하기 쉬움\n"
        "        * 윈도우가 닫히는 시점에 카운터를 초기화하므로 특정한 트래픽 패턴을 처리하기에 적합\n"
        "    * 단점\n"
        "        * 윈도우 경계에 일시적으로 트래픽이 많이 몰릴 경우, 기대헀던 시스템의 처리 한도보다 많은 양의 요청을 처리하게 됨\n"
        "* 이동 윈도 로그(sliding window log) 알고리즘\n"
        "    * 고정 윈도우 카운터의 경계 문제를 해결\n"
        "    * 요청의 타임스탬프를 추적\n"
        "        * 타임스탬프는 보통 Redis의 sorte set 같은 캐시에 보관\n"
        "    * 새 요청이 오면, 만료된 타임스탬프 제거\n"
        "        * 만료된 타임스탬프 = 값이 현재 윈도우 시작 지점보다 오래된 타임스탬프\n"
        "    * 새 요청의 타임스탬프를 로그에 추가\n"
        "        * 로그의 크기가 허용치보다 작거나 같은 요청을 시스템에 전달\n"
        "        * 그렇지 않은 경우 처리 거부\n"
        "    * 동작 예시\n"
        "        * 분당 최대 2회의 요청만 처리하도록 설정된 처리율 제한기\n"
        "        * 1시 1초에 요청 도착\n"
        "            * 로그가 비어있어 요청 허용\n"
        "        * 1시 30초에 요청 도작\n"
        "            * 해당 타임스탬프가 로그에 추가\n"
        "            * 추가된 직후 로그의 크기는 2이며, 허용 한도보다 크지 않음\n"
        "            * 요청 허용\n"
        "        * 1시 50초에 요청 도착\n"
        "            * 해당 타임스탬프가 로그에 추가\n"
        "            * 추가된 직후 로그의 크기는 3이며, 허용 한도보다 큼\n"
        "            * 타임스탬프는 로그에 남지만 요청 거부\n"
        "        * 1시 1분 40초에 요청 도착\n"
        "            * 1시 40초부터 1시 1분 40초 사이의 요청들은 1분 위도우 안에 속한 요청\n"
        "                * 즉, 1시 40초 이전 타임스탬프는 전부 만료된 값\n"
    )
    got = qa(deck(text))
    assert not any(a in ("직후 로그", "요청 거부", "허용 한도") for _f, a in got), got


def test_a_heading_that_is_a_word_of_its_command_asks_only_what_it_does() -> None:
    text = "# Manage deployments\n\n## apply\n\n```bash\nkubectl apply -f api-deployment.yaml --namespace uat\n```\n"
    got = qa(deck(text))
    assert not any(f == "apply" and a.startswith("kubectl apply") for f, a in got), got


def test_a_designs_assumptions_are_no_definitions() -> None:
    text = (
        "## 문제 이해 및 설계 범위 확정\n\n* 가정\n    * 처리율 제한 장치의 종류\n        * 서버측 API를 위한 장치\n"
        "    * 시스템 규모\n        * 대규모 요청\n\n## 알고리즘\n\n* 토큰 버킷\n    * 버킷에 담긴 토큰만큼 요청을 처리한다\n"
        "* 누출 버킷\n    * 요청을 큐에 담아 고정된 속도로 처리한다\n"
    )
    got = qa(deck(text))
    assert not any(a in ("서버측 API를 위한 장치", "대규모 요청") for _f, a in got), got
    assert any(a.startswith("버킷에 담긴 토큰만큼") for _f, a in got), got


def test_a_long_answer_is_cut_after_a_whole_sentence_or_word() -> None:
    from srsapp.core.notes.common import clip

    text = (
        "Podman is a container engine designed to be a direct, daemonless replacement for Docker. "
        "Instead of a central daemon, it runs containers as direct child processes of the user. "
        "This means it can run rootless containers by default, which is safer."
    )
    cut = clip(text, 200)
    assert cut.endswith("processes of the user. …"), cut
    words = "Another way of controlling complexity is to choose a new design language that will highlight different aspects of the system"
    assert clip(words, 100).endswith("that will highlight…"), clip(words, 100)


def test_rows_pasted_with_tabs_are_a_table_not_sentences() -> None:
    text = (
        "1\t컴퓨터의 이해 및 구성\t- 데이터의 표현 방식\t강의\n"
        "2\t파이썬 기초\t- 파이썬의 역사와 특징\t강의/실습병행\n"
        "3\t제어 구조\t- 순차구조 - 선택구조\t실습\n\n"
        "## 함수\n\n함수는 입력을 받아 정해진 일을 하고 결과를 돌려주는 코드 묶음이다.\n"
    )
    got = qa(deck(text))
    assert not any("강의" in f or "강의" in a or "\t" in f for f, a in got), got
    assert any(f.startswith("함수란") for f, _a in got), got


def test_a_sentence_cut_at_a_dash_or_colon_is_no_term() -> None:
    text = (
        "## dot product\n\n- Sometimes this - called the scalar product since it evaluates to a scalar.\n"
        "- The dot symbol can denote the dot product of two vectors. Sometimes this is called the *scalar product* since it evaluates to a scalar.\n"
        "- Inner product - another name for the dot product in Euclidean space\n"
    )
    got = qa(deck(text))
    assert not any("Sometimes this" in f or a == "Sometimes this" for f, a in got), got
    assert any("Inner product" in f or a == "Inner product" for f, a in got), got


def test_a_foreword_and_a_line_about_these_two_are_no_definitions() -> None:
    from srsapp.core.notes.context import leans_on_context

    assert leans_on_context("only these two of them have different names from the primitive types")
    assert not leans_on_context(
        "Integer and Character have names other than their primitive types."
    )
    text = (
        "# math-as-code\n\n## foreword\n\nMathematical symbols can mean different things depending on the "
        "author, context and the field of study.\n"
    )
    cards = deck(text)
    assert not any(c.kind is CardKind.DEFINITION and c.concept[-1] == "foreword" for c in cards), (
        qa(cards)
    )


def test_another_name_is_asked_of_what_it_names() -> None:
    text = (
        "## 간접증명법\n\n- 모순증명법(proof by contradiction)\n  - 다른이름 : 귀류법, 배리법\n"
        "  - 명제의 결론을 부정하여 모순을 이끌어 낸다\n"
    )
    got = qa(deck(text))
    assert ("모순증명법(proof by contradiction)의 다른 이름은?", "귀류법, 배리법") in got, got
    assert not any(f.startswith("다른이름의") for f, _a in got), got
    text = (
        "## 간접증명법\n\n- ② __모순증명법(proof by contradiction)__ :  P→～Q를 증명할 때 ~ P를 가정하면 모순이 발생함을 보임\n"
        "- 다른이름: 귀류법, 배리법\n"
    )
    got = qa(deck(text))
    assert ("모순증명법(proof by contradiction)의 다른 이름은?", "귀류법, 배리법") in got, got


def test_a_cell_that_is_part_of_its_rows_name_is_no_card() -> None:
    text = (
        "## A/HC/LC Pattern\n\n| Name | Prefix | Action (A) | High context (HC) | Low context (LC) |\n"
        "| --- | --- | --- | --- | --- |\n| `getUser` | | `get` | `User` | |\n"
        "| `shouldDisplayMessage` | `should` | `Display` | `Message` | |\n\n"
        "## Ports\n\n| Service | Port | Protocol |\n| --- | --- | --- |\n| SSH | 22 | TCP |\n| DNS | 53 | UDP |\n"
    )
    got = qa(deck(text))
    assert not any(a in ("get", "User", "should", "Display", "Message") for _f, a in got), got
    assert any(a == "22" for _f, a in got), got


def test_a_title_over_a_picture_defines_nothing() -> None:
    text = "## 네트워크 구성 요소\nOSI 7계층\n![image](https://github.com/x/y.png)\n\n## 라우터\n\n라우터는 패킷의 경로를 정하는 장비이다.\n"
    got = qa(deck(text))
    assert not any(a == "OSI 7계층" for _f, a in got), got
    assert any(f.startswith("라우터란") for f, _a in got), got


def test_a_question_that_names_nothing_is_not_asked_alone() -> None:
    text = (
        "## 전용 회선\n\n왜 사용하는가?\n\n위, 아래 link 중 하나가 끊어지면 나머지 link도 끊어 경로를 바꾸게 해준다.\n\n"
        "## LLCF\n\nLLCF는 왜 사용하는가?\n\n한쪽 링크가 끊기면 다른 쪽도 끊어 장애를 알린다.\n"
    )
    got = qa(deck(text))
    assert not any(f == "왜 사용하는가?" for f, _a in got), got
    assert any(f == "LLCF는 왜 사용하는가?" for f, _a in got), got


def test_a_case_of_the_heading_a_property_or_its_name_again_is_no_definition() -> None:
    text = (
        "# Notes\n\n## Covariance\n\nIf the covariance is zero between stock patterns, the "
        "companies are a independent investment.\n\n"
        "## Loss Function\n\nThe loss function is convex (single global minimum)\n\n"
        "## CPU\n\nCPU utilization\n\n"
        "## DURABILITY\n\nIf system crashes after transaction commits, all effects of "
        "transaction remain in the database.\n\n"
        "## Volume\n\nA volume is a directory managed by Docker.\n"
    )
    got = qa(deck(text))
    fronts = [f for f, _b in got]
    # a case of it, a property of it, its name with a word more: none says what it is
    assert "What is Covariance?" not in fronts, got
    assert "What is Loss Function?" not in fronts, got
    assert not any(b == "convex (single global minimum)" for _f, b in got), got
    assert "What is CPU?" not in fronts, got
    # a condition that defines a property (its name not in the condition) and a plain
    # definition still are
    assert (
        "What is DURABILITY?",
        "If system crashes after transaction commits, all effects "
        "of transaction remain in the database.",
    ) in got, got
    assert ("What is Volume?", "A volume is a directory managed by Docker.") in got, got


def test_a_rule_of_the_language_under_a_code_example_is_a_fact() -> None:
    text = (
        "# 캐스팅\n\n## 예시 문제\n\n```java\nclass Parent {}\nclass Child extends Parent {}\n"
        "Child c = (Child) new Parent();\n```\n\n"
        "> 컴파일 과정에서는 데이터형의 일치만 따진다.\n\n"
        "> 위의 코드에서 Child 클래스에 Parent 클래스를 넣었다.\n\n"
        "> Parent에 담겼어도 Child의 함수를 불러오게 된다.\n"
    )
    got = qa(deck(text))
    # the rule the example shows is asked; the example's own walk-through is not
    assert any("데이터형의 일치만 따진다" in f for f, _b in got), got
    assert not any("위의 코드" in f or "불러오게" in f for f, _b in got), got


def test_obsidian_tags_are_no_text_of_the_notes() -> None:
    text = (
        "# Thermo\n\n## System classification\n\n#system/isolated #system/adiabatic\n\n"
        "An isolated system exchanges neither matter nor energy with its surroundings. "
        "#system/isolated\n\n#til #physics\n\n## Issues\n\nIssue #123 was fixed in C# code.\n"
    )
    got = qa(deck(text))
    assert not any("#system" in f + b or "#til" in f + b for f, b in got), got
    assert any(
        b == "An isolated system exchanges neither matter nor energy with its surroundings."
        for _f, b in got
    ), got
    # a number or a language's name is no tag
    assert [s.title for s in parse_notes(text).sections] == [
        "Thermo",
        "System classification",
        "Issues",
    ]
    lines = [ln.text for s in parse_notes(text).sections for b in s.blocks for ln in b.lines]
    assert "Issue #123 was fixed in C# code." in lines, lines


def test_an_it_that_stands_for_what_follows_needs_no_sentence_before() -> None:
    text = (
        "## Heat and work\n\n"
        "It is important to keep a consistent sign convention for work and heat in "
        "thermodynamics.\n"
    )
    got = qa(deck(text))
    assert any("It is important to keep a [...]" in f for f, _b in got), got


def test_a_true_or_false_statement_is_a_question_answered_by_its_verdict() -> None:
    text = (
        "## Knowledge check\n\n"
        "- A permeable membrane cannot be adiabatic: *true*.\n"
        "- The internal energy of all materials is 0J at T=0K: *false*. Internal energy is "
        "not an absolute number.\n"
        "- 모든 단열 과정은 엔트로피를 증가시킨다: **거짓**\n"
        "- allowPrivilegeEscalation: false\n"
        "- The default value of the debug flag is: false\n"
    )
    got = qa(deck(text))
    assert ("True or false? A permeable membrane cannot be adiabatic.", "True.") in got, got
    assert (
        "True or false? The internal energy of all materials is 0J at T=0K.",
        "False. Internal energy is not an absolute number.",
    ) in got, got
    assert ("참인가 거짓인가? 모든 단열 과정은 엔트로피를 증가시킨다", "거짓.") in got, got
    # the statement is never a cloze or a definition with its verdict left in it
    assert not any(b in ("true", "false") or ": true" in f for f, b in got), got
    # a setting and a value slot are no claims
    assert not any(
        "allowPrivilegeEscalation" in f or "debug flag" in f and "True or" in f for f, _b in got
    ), got


def test_a_case_the_notes_set_up_is_no_term_and_no_blank() -> None:
    text = (
        "## Multiple rounds\n\n"
        "Suppose now you are in a situation where you are playing iterative rounds of a game "
        "with the same player.\n\n"
        "## Unknown number of rounds\n\n"
        "Suppose $G$ is the random variable for the value of playing this game.\n"
    )
    got = qa(deck(text))
    assert not any(b.startswith("Suppose now") and "[...]" in f for f, b in got), got
    assert not any(f.startswith("Suppose $G$") for f, _b in got), got  # no heading's reverse
    assert "What is Suppose $G$?" not in [f for f, _b in got], got


def test_an_editors_cheat_sheet_list_asks_keys_for_tasks() -> None:
    text = (
        "## Basics\n\n- Normal mode: Esc\n- Quit: :q! or :wq (with save)\n- Delete letter: x\n"
        "- Delete whole line: dd\n- Change: c *motion* (deletes and puts you in edit mode)\n\n"
        "## Grades\n\n- Answer: D\n- Note: ok\n- Grade: A\n"
    )
    got = qa(deck(text))
    assert ("Quit", ":q! or :wq (with save)") in got, got
    assert ("dd", "Delete whole line") in got, got
    assert ("Delete letter", "x") in got, got
    assert not any(f.startswith("What does Quit") for f, _b in got), got
    # a list of labels and short values with nothing only keys look like is no key list
    assert not any(b in ("D", "ok", "A") and "keys" in f for f, b in got), got


def test_a_documents_title_is_not_defined_by_its_author_line() -> None:
    text = (
        "# 고1 과학 1학기 2차 지필고사 요약\n\n한국디지털미디어고등학교 15기 1학년 4반 박준영\n\n"
        "## 용어 정리\n\nGC 설명하는데 필요한 용어와 의미 설명\n\n"
        "## 성간운\n\n성간운은 우주 공간에 존재하는 기체와 먼지가 모인 구름이다.\n"
    )
    got = qa(deck(text))
    assert not any("박준영" in f + b for f, b in got), got
    assert not any(f.startswith("용어 정리") for f, _b in got), got
    assert any(f == "성간운이란 무엇인가?" for f, _b in got), got


def test_an_exponent_is_written_small_and_a_footnote_mark_is_dropped() -> None:
    text = (
        "## 에너지\n\n- 질량-에너지 등가: E = mc<sup>2</sup> 로 표현된다\n"
        "- 중심부의 온도가 **10<sup>7</sup> K**에 이르면 **수소 핵융합 반응** 시작\n"
        "- The sum is 2<sup>n+1</sup> - 1 for a tree of height n.\n"
        "- Cells grow fast.<sup>1</sup> They divide by mitosis into two daughter cells.\n"
    )
    lines = [
        ln.text
        for s in parse_notes(text).sections
        for b in s.blocks
        for it in b.items
        for ln in it.lines
    ]
    assert "질량-에너지 등가: E = mc² 로 표현된다" in lines, lines
    assert any("10⁷ K" in x for x in lines), lines
    assert any("2ⁿ⁺¹ - 1" in x for x in lines), lines
    assert any(x.startswith("Cells grow fast. They divide") for x in lines), lines


def test_a_row_of_a_table_drawn_with_spaces_is_no_sentence() -> None:
    text = (
        "## 불균형 데이터\n\n평가지표\n"
        "    precision   1로 예측한 것 중 맞게 예측한 것   tp/tp+fp\n"
        "    accuracy    전체 중 맞게 예측한 것    True/전체\n\n"
        "p iff q       : p if and only if q 의 줄임말\n"
    )
    lines = [ln for s in parse_notes(text).sections for b in s.blocks for ln in b.lines]
    rows = [ln for ln in lines if ln.text.startswith(("precision", "accuracy"))]
    assert rows and all(ln.kind is LineKind.CODE for ln in rows), lines
    # a key padded before its colon is still a key and its meaning
    assert any(ln.kind is not LineKind.CODE and ln.text.startswith("p iff q") for ln in lines)
    assert not any("precision" in f for f, _b in qa(deck(text)))


def test_a_list_of_records_is_no_list_of_things_described() -> None:
    text = (
        "## Notes\n\n- Spam filtering\n  - Input: email\n  - Output: spam (1) or not spam (0)\n"
        "- Speech recognition\n  - Input: audio\n  - Output: text transcripts\n"
        "- Machine translation\n  - Input: English\n  - Output: Spanish\n\n"
        "## NAT Gateway와 NAT Instance 비교\n\n"
        "- Bandwidth\n  - NAT Gateway : 10Gbps 까지 지원\n"
        "  - NAT Instance : 인스턴스 타입의 대역폭에 따라 다름\n"
        "- Maintenance\n  - NAT Gateway : AWS에 의해 관리된다.\n  - NAT Instance : 직접 관리해야한다.\n"
        "- Port Forwarding\n  - NAT Gateway : 지원하지 않는다.\n"
        "  - NAT Instance : 수동으로 설정해야 한다.\n"
    )
    got = qa(deck(text))
    assert not any(f.startswith("What is Spam") or "Input: email" in b for f, b in got), got
    assert not any(f.startswith("Bandwidth") for f, _b in got), got
    # the fields the heading compares: each a cell of the comparison
    assert ("NAT Gateway: Bandwidth는?", "10Gbps 까지 지원") in got, got
    assert ("NAT Instance: Maintenance는?", "직접 관리해야한다.") in got, got


def test_tables_set_side_by_side_are_read_one_by_one() -> None:
    text = (
        "## 결합\n\n| 분자 | 결합 | 분자 | 이중 결합 |\n| :--: | :--: | :--: | :--: |\n"
        "| 물 | 극성 공유 결합 | 이산화탄소 | 무극성 공유 결합 |\n"
        "| 암모니아 | 극성 공유 결합 |\n"
    )
    from srsapp.core.notes.generators import table

    doc = parse_notes(text)
    sec = doc.sections[-1]
    (b,) = [b for b in sec.blocks if b.kind is BlockKind.TABLE]
    parts = table._side_by_side(b, 4)
    assert [p.header for p in parts] == [["분자", "결합"], ["분자", "이중 결합"]]
    assert parts[1].rows == [["이산화탄소", "무극성 공유 결합"]]  # its empty rows left out
    got = qa(deck(text))
    # a molecule is asked its own cell, never answered with the molecule beside it
    assert ("물: 결합은?", "극성 공유 결합") in got, got
    assert not any(f.startswith("물") and b == "이산화탄소" for f, b in got), got


def test_a_letter_typed_as_a_bullet_is_a_list_item_not_a_heading() -> None:
    text = (
        "# 부스팅 모델\n\no XGBoost\no LightGBM\n- GOSS로 행을 줄임\n\n"
        "o Confusion Matrix(혼동 행렬)\n - Scikit Learn 기준으로 보겠다\n"
        "o F1 score\n - precision과 recall의 조화평균\n\n```python\no = 1\no x\no y\n```\n"
    )
    doc = parse_notes(text)
    assert [s.title for s in doc.sections] == ["부스팅 모델"]
    heads = [it.head.text for s in doc.sections for b in s.blocks for it in b.items]
    assert "Confusion Matrix(혼동 행렬)" in heads and "XGBoost" in heads, heads
    from srsapp.core.notes.common import walk_blocks

    codes = [b.code for s in doc.sections for b in walk_blocks(s.blocks) if b.code]
    assert any("o x\no y" in c for c in codes), codes  # fenced code left as it is


def test_a_guides_keys_are_cases_asked_of_the_guide_not_meanings() -> None:
    text = (
        "## 색 디자인 가이드\n\n"
        "- 정량적 데이터 : 데이터의 크기 차이와 색거리 차이가 되도록 일치하게 표현\n"
        "- 범주형 데이터 : 명도와 채도를 유지하고 색조 변화를 사용.\n"
    )
    got = qa(deck(text))
    assert not any(f == "정량적 데이터의 뜻은?" for f, _b in got), got
    assert (
        "색 디자인 가이드: 정량적 데이터는?",
        "데이터의 크기 차이와 색거리 차이가 되도록 일치하게 표현",
    ) in got, got
