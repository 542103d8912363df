from __future__ import annotations

from srsapp.core.notes import generate_deck
from srsapp.core.notes.generators.acronym import expansions

from .notes_util import texts


def test_abbreviations_spelled_out_either_way() -> None:
    assert expansions("The Open Systems Interconnection (OSI) model is a reference model") == [
        ("OSI", "Open Systems Interconnection")
    ]
    assert expansions("A Domain Name System (DNS) translates names") == [
        ("DNS", "Domain Name System")
    ]
    assert expansions(
        "SSL(Secure Socket Layer) 또는 TLS(Transport Layer Security)라는 프로토콜"
    ) == [
        ("SSL", "Secure Socket Layer"),
        ("TLS", "Transport Layer Security"),
    ]
    assert expansions("HTTPS(HTTP Secure)") == [("HTTPS", "HTTP Secure")]  # a word in capitals
    assert expansions("POP(Point Of Presence, 통신사용 라우터)") == [("POP", "Point Of Presence")]
    # brackets that do not spell the capitals are an aside, not an expansion
    assert expansions("Use the CLI (command line) here") == []
    assert expansions("We chose Kubernetes (K8S) for it") == []


def test_each_abbreviation_is_asked_once_per_notes_file() -> None:
    text = (
        "# OSI\n\nThe Open Systems Interconnection (OSI) model has seven layers.\n\n"
        "## Overview\n\nThe Open Systems Interconnection (OSI) model is a framework.\n\n"
        "## 전송 계층\n\nTCP(Transmission Control Protocol)는 연결형 프로토콜이다.\n"
    )
    cards = [texts(c) for c in generate_deck(text, "osi.md").cards]
    assert [b for f, b in cards if f.endswith("What does OSI stand for?")] == [
        "Open Systems Interconnection"
    ]
    assert any(
        f.endswith("TCP는 무엇의 약자인가?") and b == "Transmission Control Protocol"
        for f, b in cards
    )


def test_a_korean_name_given_in_english_too_asks_the_english_term_once() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "# 데드락\n\n## 발생 조건\n\n1. ##### 점유 대기(Hold and wait)\n\n   자원을 가진 채 다른 자원을 기다린다.\n\n"
        "2. ##### 순환 대기(Circular wait)\n\n   프로세스들이 순환 형태로 자원을 기다린다.\n\n"
        "## 스케줄링\n\n- 라운드로빈 방식(Round Robin Method)\n    - 순서대로 돌아가며 배분한다.\n"
        "- 최소 연결 방식(Least Connection Method)\n    - 연결이 가장 적은 서버에 배분한다.\n\n"
        "## 다시\n\n- 점유 대기(Hold and wait)\n    - 또 나온다.\n"
    )
    pairs = [
        (html_to_text(c.front).splitlines()[-1], html_to_text(c.back))
        for c in generate_deck(text, "d.md").cards
        if c.variant == "english"
    ]
    assert ("점유 대기의 영어 용어는?", "Hold and wait") in pairs
    assert ("순환 대기의 영어 용어는?", "Circular wait") in pairs
    assert ("최소 연결 방식의 영어 용어는?", "Least Connection Method") in pairs
    assert not any("라운드로빈" in f for f, _b in pairs)  # the English is its own spelling
    assert len([f for f, _b in pairs if f.startswith("점유 대기")]) == 1  # once per file


def test_no_english_term_card_when_a_word_of_the_korean_is_its_loanword() -> None:
    from srsapp.core.text import html_to_text

    text = (
        "## 스케줄링\n\n- 가중 라운드로빈 방식(Weighted Round Robin Method)\n    - 가중치대로 배분한다.\n"
        "- 최소 연결 방식(Least Connection Method)\n    - 연결이 가장 적은 서버에 배분한다.\n"
    )
    fronts = [
        html_to_text(c.front) for c in generate_deck(text, "s.md").cards if c.variant == "english"
    ]
    assert len(fronts) == 1 and "최소 연결 방식" in fronts[0]
