"""Key terms of a sentence for clozes (srsapp.core.notes.keyterms)."""

from __future__ import annotations

import builtins
import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srsapp.core.notes import keyterms
from srsapp.core.notes.keyterms import Term, is_stopword, key_terms

PARTICLE_ENDS = ("이", "가", "은", "는", "을", "를", "에", "의", "로", "와", "과", "도")
NEVER_KO = {"것", "수", "경우", "때", "등", "방법", "사용"}

KO = [
    "컨테이너이미지에는 절대 커널이 포함될수없다.",
    "shell의 기능이 반드시 필요한 경우가 아니면 exec 형식을 사용하자.",
    "레이어는 공유된다.",
    "도커 데몬은 Storage Driver를 통해 컨테이너 이미지의 레이어를 관리한다.",
    "bind mount는 호스트의 디렉터리를 컨테이너에 연결하는 방법이다.",
    "프로세스는 실행 중인 프로그램이다.",
    "해시 테이블은 평균적으로 O(1) 시간에 조회할 수 있다.",
    "L2 네트워크에서 MAC 주소로 통신한다.",
    "이것은 것이다.",
]

both_paths = pytest.mark.parametrize("use_model", [True, False], ids=["kiwi", "fallback"])


def texts(terms: list[Term]) -> list[str]:
    return [t.text for t in terms]


def check_spans(sentence: str, terms: list[Term]) -> None:
    for t in terms:
        assert sentence[t.start : t.end] == t.text
        assert t.text == t.text.strip() and t.text


def check_korean(sentence: str, terms: list[Term]) -> None:
    check_spans(sentence, terms)
    for t in terms:
        assert t.text not in NEVER_KO
        # the span stops before the attached particle: "커널", never "커널이"
        after = sentence[t.end : t.end + 1]
        if after and after in PARTICLE_ENDS:
            assert not t.text.endswith(PARTICLE_ENDS) or len(t.text) > 1


@pytest.fixture(autouse=True)
def _real_kiwi() -> None:
    assert keyterms.kiwi_available(), "kiwipiepy and its model are installed in the venv"


def test_kiwi_loads_once_and_reports_its_load_time() -> None:
    first = keyterms._load_kiwi()
    assert first is not None and keyterms._load_kiwi() is first
    seconds = keyterms.kiwi_load_seconds()
    assert seconds is not None and seconds >= 0


@both_paths
def test_kernel_ranks_over_a_compound_of_the_heading(use_model: bool) -> None:
    s = "컨테이너이미지에는 절대 커널이 포함될수없다."
    terms = key_terms(s, lang="ko", avoid=["이미지"], use_model=use_model)
    check_korean(s, terms)
    assert terms[0] == Term("커널", 13, 15, terms[0].score)
    assert "커널이" not in texts(terms)


def test_kernel_first_with_kiwi_even_without_avoid() -> None:
    s = "컨테이너이미지에는 절대 커널이 포함될수없다."
    terms = key_terms(s, lang="ko")
    assert texts(terms)[0] == "커널"
    assert "컨테이너이미지" in texts(terms)
    assert "절대" not in texts(terms)  # an adverb


@both_paths
def test_exec_form(use_model: bool) -> None:
    s = "shell의 기능이 반드시 필요한 경우가 아니면 exec 형식을 사용하자."
    terms = key_terms(s, lang="ko", use_model=use_model)
    check_korean(s, terms)
    assert texts(terms)[0] in ("exec", "exec 형식") or texts(terms)[:2] == ["shell", "exec"]
    top = terms[0] if use_model else next(t for t in terms if t.text.startswith("exec"))
    assert s[top.start : top.end] in ("exec", "exec 형식")
    assert "경우" not in texts(terms) and "필요" not in texts(terms)[:3]


def test_exec_first_with_kiwi() -> None:
    s = "shell의 기능이 반드시 필요한 경우가 아니면 exec 형식을 사용하자."
    assert texts(key_terms(s, lang="ko"))[0] in ("exec", "exec 형식")


@both_paths
def test_layer_is_the_topic(use_model: bool) -> None:
    s = "레이어는 공유된다."
    terms = key_terms(s, lang="ko", use_model=use_model)
    assert terms[0] == Term("레이어", 0, 3, terms[0].score)


@both_paths
@pytest.mark.parametrize("sentence", KO)
def test_korean_spans_are_exact_and_particle_free(sentence: str, use_model: bool) -> None:
    terms = key_terms(sentence, lang="ko", use_model=use_model)
    check_korean(sentence, terms)
    scores = [t.score for t in terms]
    assert scores == sorted(scores, reverse=True)


def test_korean_compounds_and_latin_runs_with_kiwi() -> None:
    s = "도커 데몬은 Storage Driver를 통해 컨테이너 이미지의 레이어를 관리한다."
    terms = texts(key_terms(s, lang="ko"))
    assert set(terms[:2]) == {"Storage Driver", "도커 데몬"}  # the topic and the Latin name
    assert texts(key_terms(s, lang="ko", avoid=["도커"]))[0] == "Storage Driver"
    assert "도커 데몬" in terms and "컨테이너 이미지" in terms and "레이어" in terms
    assert "Storage" not in terms and "Driver" not in terms  # never a piece of the name
    # verbal nouns used as the predicate (관리한다) come last
    assert terms.index("관리") > terms.index("레이어")


def test_latin_run_in_the_fallback() -> None:
    s = "도커 데몬은 Storage Driver를 통해 컨테이너 이미지의 레이어를 관리한다."
    terms = texts(key_terms(s, lang="ko", use_model=False))
    assert terms[0] == "Storage Driver" and "Storage" not in terms


def test_avoided_terms_rank_last() -> None:
    s = "bind mount는 호스트의 디렉터리를 컨테이너에 연결하는 방법이다."
    terms = key_terms(s, lang="ko", avoid=["docker > bind mount"])
    assert texts(terms)[0] != "bind mount" and texts(terms)[-1] == "bind mount"
    assert texts(key_terms(s, lang="ko"))[0] == "bind mount"


def test_numbers_and_dependent_nouns_are_never_terms() -> None:
    assert key_terms("이것은 것이다.", lang="ko") == []
    s = "해시 테이블은 평균적으로 O(1) 시간에 조회할 수 있다."
    terms = texts(key_terms(s, lang="ko"))
    assert terms[0] == "해시 테이블"
    assert not {"1", "O", "수", "O(1)"} & set(terms)


@both_paths
def test_marked_spans_rank_first(use_model: bool) -> None:
    s = "도커 데몬은 Storage Driver를 통해 컨테이너 이미지의 레이어를 관리한다."
    i = s.index("레이어")
    terms = key_terms(s, lang="ko", marked=[(i, i + 4)], use_model=use_model)  # **레이어를**
    assert terms[0] == Term("레이어", i, i + 3, terms[0].score)
    # a marked stopword is no good term: ordinary ranking applies
    j = s.index("통해")
    assert texts(key_terms(s, lang="ko", marked=[(j, j + 2)], use_model=use_model))[0] != "통해"


def test_marked_span_hides_its_pieces() -> None:
    s = "도커 데몬은 Storage Driver를 통해 컨테이너 이미지의 레이어를 관리한다."
    i = s.index("Storage")
    terms = texts(key_terms(s, lang="ko", marked=[(i, i + len("Storage Driver"))]))
    assert terms[0] == "Storage Driver" and terms.count("Storage Driver") == 1


def test_fallback_when_kiwipiepy_cannot_be_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_kiwi(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("kiwipiepy"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(keyterms, "_kiwi_state", {})
    monkeypatch.setattr(builtins, "__import__", no_kiwi)
    assert not keyterms.kiwi_available()
    s = "컨테이너이미지에는 절대 커널이 포함될수없다."
    terms = key_terms(s, lang="ko", avoid=["이미지"])
    assert texts(terms)[0] == "커널"
    check_korean(s, terms)


@pytest.mark.slow
def test_kiwi_is_loaded_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyterms, "_kiwi_state", {})
    results: list[object] = []

    def work() -> None:
        results.append(keyterms._load_kiwi())
        key_terms("레이어는 공유된다.", lang="ko")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r is results[0] for r in results)
    assert results[0] is not None


# --- English ---------------------------------------------------------------------------------


def test_defined_term() -> None:
    s = "A hard link is a directory entry that points to an inode."
    terms = key_terms(s, lang="en")
    assert terms[0] == Term("hard link", 2, 11, terms[0].score)
    assert "directory entry" in texts(terms) and "inode" in texts(terms)
    assert "points" not in texts(terms)
    check_spans(s, terms)


def test_list_items_are_not_offered() -> None:
    s = "The TCP handshake uses SYN, SYN-ACK and ACK."
    terms = key_terms(s, lang="en")
    assert texts(terms) == ["TCP handshake"]
    assert terms[0].start == 4


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        ("This mechanism is called copy-on-write.", "copy-on-write"),
        ("The default scheduler is known as CFS in Linux.", "CFS"),
        ("Docker stores images in layers managed by the Storage Driver.", "Storage Driver"),
        ("Use os.path.join to build paths.", "os.path.join"),
        ("A process is an instance of a running program.", "process"),
    ],
)
def test_english_first_term(sentence: str, first: str) -> None:
    terms = key_terms(sentence, lang="en")
    assert texts(terms)[0] == first
    check_spans(sentence, terms)


def test_english_never_pieces_stopwords_or_numbers() -> None:
    s = "Docker stores images in layers managed by the Storage Driver since 2015."
    terms = texts(key_terms(s, lang="en"))
    assert "Storage" not in terms and "Driver" not in terms
    assert "2015" not in terms and "the" not in terms and "stores" not in terms
    assert "documents" not in texts(key_terms("EXPOSE only documents the port.", lang="en"))
    s2 = "Containers share the host kernel, so they start in milliseconds."
    assert "host kernel" in texts(key_terms(s2, lang="en"))
    assert "Containers share" not in texts(key_terms(s2, lang="en"))


def test_english_avoid_and_marked() -> None:
    s = "A hard link is a directory entry that points to an inode."
    assert texts(key_terms(s, lang="en", avoid=["Hard links"]))[0] != "hard link"
    assert texts(key_terms(s, lang="en", avoid=["hard link"]))[-1] == "hard link"
    i = s.index("inode")
    assert texts(key_terms(s, lang="en", marked=[(i, i + 5)]))[0] == "inode"


def test_empty_and_punctuation_only() -> None:
    for lang in ("ko", "en"):
        assert key_terms("", lang=lang) == []
        assert key_terms("  ...  ", lang=lang) == []


def test_is_stopword() -> None:
    for w in ("것", "수", "경우", "때", "등", "방법", "사용", "이상", "정도", "42", ""):
        assert is_stopword(w, "ko")
    for w in ("커널", "레이어", "exec", "Docker"):
        assert not is_stopword(w, "ko")
    for w in ("the", "Which", "is", "thing", "3.14"):
        assert is_stopword(w, "en")
    for w in ("inode", "TCP", "kernel"):
        assert not is_stopword(w, "en")


_PIECES = st.sampled_from(
    [*"가나다커널이는을를의에서 레이어abcXYZ019.,()-_`' ", "컨테이너", "Storage ", "은 ", "HTTP"]
)
_SENTENCES = st.lists(_PIECES, max_size=20).map("".join)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(_SENTENCES, st.sampled_from(["ko", "en"]), st.booleans())
def test_spans_always_match_the_sentence(sentence: str, lang: str, use_model: bool) -> None:
    terms = key_terms(sentence, lang=lang, use_model=use_model)
    check_spans(sentence, terms)
    for t in terms:
        assert not is_stopword(t.text, lang) or t.score < 0
    scores = [t.score for t in terms]
    assert scores == sorted(scores, reverse=True)
    assert len({(t.start, t.end) for t in terms}) == len(terms)


def test_a_word_the_notes_use_everywhere_is_their_topic() -> None:
    from srsapp.core.notes.keyterms import everywhere, vocabulary

    vocab = vocabulary(
        "서버는 요청을 받는다. " * 10 + "로드밸런서는 트래픽을 나눈다. 헬스 체크를 한다."
    )
    assert everywhere("서버", vocab)
    assert not everywhere("로드밸런서", vocab)
    assert not everywhere("서버", vocabulary(""))


def test_the_name_after_referred_to_as_is_the_term() -> None:
    from srsapp.core.notes.keyterms import key_terms

    s = "Active-active failover can also be referred to as master-master failover."
    assert key_terms(s, lang="en")[0].text == "master-master failover"


def test_a_verb_before_its_preposition_and_a_plain_adjective_are_no_part_of_a_term() -> None:
    from srsapp.core.notes.keyterms import key_terms

    s = "If a service consists of multiple components, availability depends on their order."
    texts = [t.text for t in key_terms(s, lang="en")]
    assert "service consists" not in texts and "service" in texts
    s = "CP is a good choice when clients need atomic reads and writes."
    assert "good choice" not in [t.text for t in key_terms(s, lang="en")]
    # plural nouns before "of" stay whole
    s = "It runs containers as direct child processes of the user."
    assert "direct child processes" in [t.text for t in key_terms(s, lang="en")]


def test_copula_forms_attach_to_a_noun_like_particles() -> None:
    from srsapp.core.notes.keyterms import is_particle

    assert is_particle("이기") and is_particle("이면") and is_particle("이어서")
    assert not is_particle("이미지")  # a word of its own


def test_an_s_word_before_a_determiner_is_the_verb() -> None:
    from srsapp.core.notes.keyterms import key_terms

    texts_ = [t.text for t in key_terms("The engine reads the code twice.", lang="en")]
    assert "engine reads" not in texts_ and "engine" in texts_


def test_a_number_with_its_unit_is_a_korean_key_term_a_count_or_bare_number_is_not() -> None:
    terms = [
        t.text
        for t in key_terms("IPv4는 32비트로 네트워크 ID와 호스트 ID로 나뉘어져 있음.", lang="ko")
    ]
    assert terms[0] == "32비트"
    assert "300초" in [t.text for t in key_terms("MAC 주소는 기본 300초 동안 저장된다.", lang="ko")]
    counted = [t.text for t in key_terms("구성요소 3가지와 포트 8080을 알아본다.", lang="ko")]
    assert not any(ch.isdigit() for term in counted for ch in term)


def test_a_noun_written_apart_that_only_places_the_one_before_is_not_part_of_the_term() -> None:
    terms = [
        t.text
        for t in key_terms("TCP/IP 구조의 통신은 전부 통신 경로 상에서 엿볼 수 있다.", lang="ko")
    ]
    assert "통신 경로" in terms and not any(t.endswith(" 상") for t in terms)


def test_a_dotfile_keeps_its_dot_and_a_verb_after_its_run_does_not_sink_it() -> None:
    terms = key_terms(".dockerignore 파일 생성함 (.gitignore와 동일)", lang="ko")
    assert ".dockerignore" in [t.text for t in terms]
    assert next(t for t in terms if t.text == ".dockerignore").score > 2


def test_a_latin_head_qualified_by_a_korean_word_stays_one_term() -> None:
    terms = [t.text for t in key_terms("서버의 수 만큼 사설 IP 주소가 필요함.", lang="ko")]
    assert "IP" not in terms and any(t.startswith("사설 IP") for t in terms)
    assert "exec" in [t.text for t in key_terms("보통 exec 형식으로 사용한다.", lang="ko")]


def test_a_particle_kiwi_puts_into_a_noun_before_another_particle_is_taken_out() -> None:
    terms = [
        t.text for t in key_terms("로드밸런서로는 L7스위치뿐만 아니라 L4 스위치도 있음.", lang="ko")
    ]
    assert "로드밸런서" in terms and "로드밸런서로" not in terms


def test_called_as_the_verb_call_names_nothing() -> None:
    from srsapp.core.notes.keyterms import english_name_given

    assert (
        english_name_given("The callback function is called after the loop has been executed.")
        is None
    )
    assert english_name_given("It cannot be called upon class instances.") is None
    named = english_name_given("This is called the temporal dead zone.")
    assert named is not None and named.text.endswith("temporal dead zone")


@both_paths
def test_a_path_keeps_its_leading_slash(use_model: bool) -> None:
    s = "설정은 /etc/nginx/nginx.conf 파일에 저장된다."
    terms = key_terms(s, lang="ko", use_model=use_model)
    assert "/etc/nginx/nginx.conf" in texts(terms)
    assert not any(t.startswith("etc/") for t in texts(terms))  # no "/[...]" left on the front
    en = key_terms("Host names live in the /etc/hosts file.", lang="en")
    assert any(t.startswith("/etc/hosts") for t in texts(en))


def test_a_clause_head_and_a_closing_verbal_noun_are_no_part_of_the_term() -> None:
    s = "환경 변수를 사용해야하는 경우 shell형식 지정"
    found = texts(key_terms(s, lang="ko"))
    assert "shell형식" in found
    assert not any(t.startswith("경우") for t in found)
    # a verb phrase stays whole: "사용자 접근" is no term of "… 동시에 사용자 접근 가능"
    assert "사용자 접근" not in texts(
        key_terms("최대 허용치만큼만 동시에 사용자 접근 가능", lang="ko")
    )


def test_a_word_of_the_condition_ranks_after_the_main_clause_score_kept() -> None:
    [first, *rest] = key_terms("When a Pod crashes, the ReplicaSet starts a new Pod.", lang="en")
    assert first.text == "ReplicaSet"
    assert [t.score for t in rest if t.text == "Pod crashes"] == [3.11]  # ranked, not rescored
    ko = key_terms("직접 만든 이미지를 commit 했을 경우 COMMAND가 bash로 고정되어있다.", lang="ko")
    texts = [t.text for t in ko]
    assert texts.index("bash") < texts.index("commit")


def test_a_verb_taking_to_is_no_part_of_the_noun_before_it() -> None:
    terms = texts(key_terms("The unary plus tries to convert an operand to a number.", lang="en"))
    assert "unary plus" in terms and not [x for x in terms if "tries" in x]


def test_a_word_of_the_cause_ranks_after_the_consequence_and_so_does_its_repetition() -> None:
    terms = texts(key_terms("통신 상대를 확인하지 않기 때문에 위장이 가능하다.", lang="ko"))
    assert terms.index("위장") < terms.index("통신 상대")
    s = "프록시 서버에서는 이름변환 결과가 일정 시간 동안 캐싱되므로 같은 프록시 서버를 경유 하는 접속은 항상 같은 서버로 접속된다."
    ranked = key_terms(s, lang="ko")
    later = [t for t in ranked if t.text == "프록시 서버" and t.start > 0]
    assert later and ranked.index(later[0]) > texts(ranked).index("이름변환 결과")


def test_a_past_participle_after_a_noun_is_no_part_of_the_term() -> None:
    s = "Historically, thermodynamics is a science born from practical engineering needs."
    texts = [t.text for t in key_terms(s, lang="en")]
    assert "science born" not in texts, texts
    assert not any(t.endswith(" born") for t in texts), texts
    # "left" is also a side: "the left side" stays a term
    texts = [
        t.text for t in key_terms("It builds a fully sorted left side of the data.", lang="en")
    ]
    assert "left side" in texts, texts
