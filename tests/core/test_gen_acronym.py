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
