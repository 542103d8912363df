from __future__ import annotations

import pytest

from srsapp.core.model import CardKind
from srsapp.core.notes.loanwords import same_word, spelled_in

from .notes_util import texts


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("스택", "stack"),
        ("라운드 로빈", "round robin"),
        ("컨테이너", "container"),
        ("커널", "kernel"),
        ("로드 밸런서", "load balancer"),
        ("볼륨", "volume"),
        ("브리지", "bridge"),
        ("트리거", "trigger"),
        ("패킷", "packet"),
        ("인터페이스", "interface"),
        ("가비지 컬렉션", "garbage collection"),
        ("스태틱", "static"),
    ],
)
def test_a_loanword_and_its_english_spelling_are_the_same_word(hangul: str, latin: str) -> None:
    assert same_word(hangul, latin)


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [("스택", "static"), ("변수", "variable"), ("상속", "inheritance"), ("서버", "server")],
)
def test_other_words_or_too_short_ones_are_not(hangul: str, latin: str) -> None:
    assert not same_word(hangul, latin)  # 서버/server: two sounds match too much by chance


def test_the_other_script_on_the_front_is_found_past_the_words_shown_as_they_are() -> None:
    assert spelled_in("스택", "Stack Area")
    assert spelled_in("DNS 라운드 로빈", "dns round robin 방식의 문제점")  # DNS is shown as is
    assert spelled_in("Round Robin", "라운드 로빈 방식")
    assert not spelled_in("지역 변수", "Stack Area")


def _cloze_backs(text: str) -> list[str]:
    from srsapp.core.notes import generate_deck

    return [texts(c)[1] for c in generate_deck(text, "n.md").cards if c.kind is CardKind.CLOZE]


def test_a_blank_the_front_spells_in_english_is_no_blank() -> None:
    stack = "## Stack Area\n\n호출할 때마다 개별적으로 스택이 생성되며 종료시 해제 됩니다.\n"
    assert "스택" not in _cloze_backs(stack)
    dns = (
        "## DNS Round Robin 방식의 문제점\n\n"
        "DNS 라운드 로빈은 어디까지나 부하분산 을 위한 방법이지 다중화 방법은 아니므로 다른 S/W 와 "
        "조합해서 관리할 필요가 있다.\n"
    )
    backs = _cloze_backs(dns)
    assert backs and "DNS 라운드 로빈" not in backs
