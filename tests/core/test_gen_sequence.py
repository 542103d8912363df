from __future__ import annotations

from srsapp.core.notes.generators import sequence

from .notes_util import by_variant, run, texts


def test_numbered_list_outside_fence_korean() -> None:
    cards = run(
        sequence.generate, "## 배포 순서\n1. 이미지 빌드\n2. 레지스트리에 푸시\n3. 서버에서 풀\n"
    )
    nxt = by_variant(cards, "next")
    assert [texts(c)[1] for c in nxt] == ["이미지 빌드", "레지스트리에 푸시", "서버에서 풀"]
    assert texts(nxt[0])[0].endswith("배포 순서: 첫 번째 단계는?")
    # overlapping: the card for step 3 shows step 2 as context
    assert "레지스트리에 푸시" in texts(nxt[2])[0] and "서버에서 풀" not in texts(nxt[2])[0]
    assert '<ol start="2">' in nxt[2].front
    [order] = by_variant(cards, "order")
    assert texts(order)[0].endswith("배포 순서는?")  # not "배포 순서의 전체 순서를 쓰시오."
    assert texts(order)[1].splitlines() == [
        "1. 이미지 빌드",
        "2. 레지스트리에 푸시",
        "3. 서버에서 풀",
    ]


def test_numbered_steps_inside_a_fence_english() -> None:
    cards = run(
        sequence.generate,
        "## Release\n```\nsome intro line here\n1. bump the version\n2. tag the release\n"
        "3. push the tag\n```\n",
    )
    assert [c.anchor for c in by_variant(cards, "next")] == [
        "bump the version",
        "tag the release",
        "push the tag",
    ]
    assert texts(by_variant(cards, "order")[0])[0].endswith("List the steps of Release in order.")


def test_numbered_cases_with_examples_ask_for_the_example() -> None:
    text = '## Forms\n```\n1. shell form\nRUN apt-get update\n\n2. exec form\nRUN ["apt-get", "update"]\n```\n'
    cards = run(sequence.generate, text)
    assert {c.variant for c in cards} == {"case"}
    assert texts(cards[1])[1] == 'RUN ["apt-get", "update"]'
    assert "<pre>" in cards[1].back


def test_single_numbered_line_is_no_sequence() -> None:
    assert run(sequence.generate, "## One\n```\n1. only step\n```\n") == []


def test_a_step_with_a_key_term_hides_the_term_after_the_step_before() -> None:
    text = (
        "## 충돌 해결 순서\n1. `git merge feature` 실행 후 충돌 메시지 확인\n"
        "2. `git status` 로 충돌난 파일 찾기\n3. `git add` 로 해결했다고 표시\n"
    )
    nxt = by_variant(run(sequence.generate, text), "next")
    front, back = texts(nxt[1])
    # the step before is shown, the step itself with its command hidden
    assert "1. git merge feature 실행 후 충돌 메시지 확인" in front
    assert "2. [...] 로 충돌난 파일 찾기" in front and "git status" not in front
    assert back.splitlines()[0] == "git status"
    assert "git status 로 충돌난 파일 찾기" in back


def test_a_case_whose_head_is_a_statement_asks_the_statement_not_its_sample_lines() -> None:
    text = (
        "## dockerfile\n\n```\n1. CMD\nCMD apachectl -D FORGROUND\n\n2. ENTRYPOINT\nENTRYPOINT apachectl -D FORGROUND\n\n"
        "3. CMD,ENTRYPOINT => 각각 실행되는 부분이 아니라 ENTRYPOINT 실행 후 arg로 CMD가 실행\n"
        "ENTRYPOINT apachectl\nCMD -D FORGROUND\n```\n"
    )
    cards = [texts(c) for c in run(sequence.generate, text)]
    assert not any("ENTRYPOINT 실행 후" in f and "예시" in f for f, _b in cards)
    # (and "1. CMD" over "CMD apachectl …" is no example to ask for: the item's own sample line)
    assert not any(f.endswith("CMD") and b.startswith("CMD apachectl") for f, b in cards)


def test_two_steps_make_no_whole_order_card() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## ARP 동작 순서\n\n1. 컴퓨터 A가 목적지 MAC주소를 알기 위해 ARP 요청을 브로드캐스트한다.\n"
        "2. 목적지 IP를 가진 컴퓨터가 자신의 MAC주소로 응답한다.\n"
    )
    assert not [c for c in generate_deck(text, "a.md").cards if c.variant == "order"]
    three = text + "3. 컴퓨터 A가 응답받은 MAC주소를 ARP 캐시에 저장한다.\n"
    [order] = [c for c in generate_deck(three, "a.md").cards if c.variant == "order"]
    assert html_to_text(order.front).endswith("ARP 동작 순서는?")


def test_an_items_own_sample_line_is_no_example_to_ask_for() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## dockerfile\n```\n1. CMD\nCMD apachectl -D FOREGROUND\n\n2. ENTRYPOINT\n"
        "ENTRYPOINT apachectl -D FOREGROUND\n\n3. 둘 다\n에러 없이 아파치가 실행됨\n```\n"
    )
    assert not [
        c for c in generate_deck(text, "d.md").cards if c.variant == "case" and "CMD" in c.back
    ]
