"""Korean particles after Hangul, Latin words, acronyms and digits (srsapp.core.notes.lang)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srsapp.core.notes.lang import Lang, coda, has_batchim, josa, particle, prompt

# word → whether its Korean reading ends in a consonant (이란) or a vowel (란)
LATIN = {
    "Storage": False,  # 스토리지
    "Docker": False,  # 도커
    "TCP": False,  # 티시피
    "HTTP": False,  # 에이치티티피
    "DNS": False,  # 디엔에스
    "L2": False,  # 엘이
    "volume": True,  # 볼륨
    "bind mount": False,  # 바인드 마운트
    "EXPOSE": False,  # 익스포즈
    "image": False,  # 이미지
    "Kubernetes": False,  # 쿠버네티스
    "network": False,  # 네트워크
    "Git": True,  # 깃
    "commit": True,  # 커밋
    "cache": False,  # 캐시
    "job": True,  # 잡
    "hash": False,  # 해시
    "Spring": True,  # 스프링
    "JVM": True,  # 제이브이엠
    "API": False,  # 에이피아이
    "SQL": True,  # 에스큐엘
    "Redis": False,  # 레디스
    "index": False,  # 인덱스
    "stack": True,  # 스택
    "queue": False,  # 큐
    "heap": True,  # 힙
    "thread": False,  # 스레드
    "process": False,  # 프로세스
    "deadlock": True,  # 데드락
    # more of the general rules
    "byte": False,  # 바이트
    "code": False,  # 코드
    "make": False,  # 메이크
    "light": False,  # 라이트
    "file": True,  # 파일
    "line": True,  # 라인
    "server": False,  # 서버
    "linux": False,  # 리눅스
    "root": False,  # 루트
    "loop": False,  # 루프
    "book": True,  # 북
    "magic": True,  # 매직
    "history": False,  # 히스토리
    "VOLUME": True,  # Dockerfile instruction read as a word: 볼륨
    "JSON": True,  # 제이슨 / 제이에스오엔
    "a": False,  # 에이
    "R": True,  # 알
    "x86": True,  # 엑스팔육
    "IPv4": False,  # 아이피브이사
    "Python3": True,  # 파이썬삼
    "JavaScript": False,  # 자바스크립트
    "macOS": False,  # 맥오에스
    "npm": True,  # 엔피엠
    "10": True,  # 십
    "100": True,  # 백
    "0": True,  # 영
    "3": True,  # 삼
}


@pytest.mark.parametrize(("word", "final"), LATIN.items())
def test_latin_words_acronyms_and_digits(word: str, final: bool) -> None:
    assert has_batchim(word) is final
    assert josa(word, "이란/란") == word + ("이란" if final else "란")
    assert josa(word, "은/는") == word + ("은" if final else "는")
    assert josa(word, "이/가") == word + ("이" if final else "가")
    assert josa(word, "을/를") == word + ("을" if final else "를")
    assert josa(word, "과/와") == word + ("과" if final else "와")
    assert josa(word, "이다/다") == word + ("이다" if final else "다")


@pytest.mark.parametrize(
    ("word", "ro"),
    [
        ("SQL", "로"),  # 엘: ㄹ takes 로
        ("R", "로"),
        ("file", "로"),
        ("1", "로"),  # 일
        ("7", "로"),  # 칠
        ("8", "로"),  # 팔
        ("JVM", "으로"),
        ("Git", "으로"),
        ("volume", "으로"),
        ("3", "으로"),
        ("6", "으로"),
        ("Docker", "로"),
        ("API", "로"),
    ],
)
def test_ro_after_rieul(word: str, ro: str) -> None:
    assert josa(word, "으로/로") == word + ro


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("사과", "을/를", "사과를"),
        ("책", "을/를", "책을"),
        ("서울", "으로/로", "서울로"),
        ("집", "으로/로", "집으로"),
        ("물", "으로/로", "물로"),
        ("사과", "이란/란", "사과란"),
        ("책", "은/는", "책은"),
        ("책", "이/가", "책이"),
        ("사과", "과/와", "사과와"),
        ("책", "이다/다", "책이다"),
        ("볼륨", "이란/란", "볼륨이란"),
    ],
)
def test_hangul_words(word: str, pair: str, expected: str) -> None:
    assert josa(word, pair) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("docker hello-world", "docker hello-world란"),  # 월드
        ("bind mount", "bind mount란"),
        ("L2 네트워크", "L2 네트워크란"),
        ("리포지토리 (레지스트리)", "리포지토리 (레지스트리)란"),  # read before the aside
        ("볼륨 (volume)", "볼륨 (volume)이란"),
        ("Git (깃허브 아님)", "Git (깃허브 아님)이란"),
        ("`exec`", "`exec`이란"),  # 엑섹
        ("`docker run`", "`docker run`이란"),  # 런
        ("**캐시**", "**캐시**란"),
        ("스택.", "스택.이란"),
        ("큐!", "큐!란"),
        ("'heap'", "'heap'이란"),
        ("C++", "C++란"),  # 씨
        ("C#", "C#이란"),  # 씨샵
        ("docker-compose.yml", "docker-compose.yml이란"),  # 와이엠엘
        ("50%", "50%란"),  # 퍼센트
        ("(스택)", "(스택)이란"),  # only an aside: read what is inside
    ],
)
def test_mixed_strings_punctuation_backticks_parentheses(word: str, expected: str) -> None:
    assert josa(word, "이란/란") == expected


def test_pair_spellings_and_the_old_two_form_call() -> None:
    for pair in ("이란/란", "이란", "란"):
        assert josa("Git", pair) == "Git이란"
        assert josa("Docker", pair) == "Docker란"
    assert josa("Git", "이란", "란") == "Git이란"
    assert josa("Docker", "이란", "란") == "Docker란"
    assert josa("책", "은") == josa("책", "는") == "책은"
    assert josa("책", "가") == "책이"
    assert josa("물", "로") == "물로"
    assert particle("heap", "을/를") == "을"
    with pytest.raises(ValueError):
        particle("x", "뭐")


def test_coda_names_the_final_consonant() -> None:
    assert coda("SQL") == "ㄹ"
    assert coda("Spring") == "ㅇ"
    assert coda("volume") == "ㅁ"
    assert coda("stack") == "ㄱ"
    assert coda("job") == "ㅂ"
    assert coda("서울") == "ㄹ"
    assert coda("사과") == ""
    assert coda("") == ""
    assert coda("...") == ""


def test_prompt_uses_the_spoken_form() -> None:
    assert prompt("what_is", Lang.KO, x="docker Storage") == "docker Storage란 무엇인가?"
    assert prompt("what_is", Lang.KO, x="Git") == "Git이란 무엇인가?"
    assert prompt("list_item", Lang.KO, x="volume", p="저장소") == "volume이란 무엇인가?"
    assert prompt("label_term", Lang.KO, x="프로세스", y="생성방법") == "프로세스: 생성방법은?"


_PAIRS = ("이란/란", "은/는", "이/가", "을/를", "과/와", "으로/로", "이다/다")


@pytest.mark.slow
@given(st.text(max_size=40), st.sampled_from(_PAIRS))
def test_never_an_alternative_in_the_output(word: str, pair: str) -> None:
    out = josa(word, pair)
    with_f, without_f = pair.split("/")
    assert out in (word + with_f, word + without_f)
    if "(" not in word and "/" not in word:
        assert "(" not in out and "/" not in out


@pytest.mark.slow
@given(
    st.text(
        alphabet=st.sampled_from(list("abcXYZ019 가나닭물`()[].,-_#%")),
        max_size=20,
    )
)
def test_particle_is_one_clean_form(word: str) -> None:
    for pair in _PAIRS:
        assert particle(word, pair) in pair.split("/")


def test_name_all_of_a_question_heading_does_not_glue_the_question() -> None:
    assert prompt("list_all", Lang.KO, x="교착상태가 무엇이며, 4가지 조건은?", n=4) == (
        "4가지를 모두 쓰시오."
    )
    assert prompt("list_all", Lang.KO, x="Java의 메모리 영역은?", n=3) == (
        "Java의 메모리 영역: 3가지를 모두 쓰시오."
    )


def test_name_all_under_a_heading_that_counts_them_already() -> None:
    from srsapp.core.notes.lang import Lang, prompt

    assert prompt("list_points", Lang.KO, x="교착상태 해결 방법 4가지", n=4) == (
        "교착상태 해결 방법 4가지를 모두 쓰시오."
    )
    assert (
        prompt("list_all", Lang.KO, x="네트워크 드라이버", n=3)
        == "네트워크 드라이버: 3가지를 모두 쓰시오."
    )


def test_a_heading_that_is_only_a_case_is_described_as_one() -> None:
    from srsapp.core.notes.lang import Lang, prompt

    assert prompt("describe", Lang.EN, x="In sequence") == "Describe what holds in sequence."
    assert prompt("describe", Lang.EN, x="Weak consistency") == "Describe Weak consistency."
    assert prompt("describe", Lang.EN, x="Index") == "Describe Index."  # not "In dex"


def test_a_heading_that_is_a_wh_clause_is_described_in_lower_case() -> None:
    from srsapp.core.notes.lang import Lang, prompt

    assert (
        prompt("describe", Lang.EN, x="How it Compares to the TCP/IP Model")
        == "Describe how it Compares to the TCP/IP Model."
    )
