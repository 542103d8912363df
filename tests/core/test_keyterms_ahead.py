"""Kiwi's analyses kept across generations and made ahead on its worker threads
(srsapp.core.notes.keyterms.analysing_ahead): the same key terms, only the analyser runs
elsewhere or not at all."""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from srsapp.core.notes import deck, generate_deck, keyterms
from srsapp.core.notes.keyterms import analysing_ahead, key_terms

KO = [
    "컨테이너이미지에는 절대 커널이 포함될수없다.",
    "shell의 기능이 반드시 필요한 경우가 아니면 exec 형식을 사용하자.",
    "도커 데몬은 Storage Driver를 통해 컨테이너 이미지의 레이어를 관리한다.",
    "bind mount는 호스트의 디렉터리를 컨테이너에 연결하는 방법이다.",
    "도커는 리눅스 컨테이너 기술을 이용한다.",  # "도커" is reparsed: a second analysis
    "L2 네트워크에서 MAC 주소로 통신한다.",
]
DOCKER = Path(__file__).resolve().parents[2] / "decks" / "docker-notes.md"


class Counting:
    """The real analyser, counting the sentences it is asked one at a time."""

    def __init__(self, kiwi: Any) -> None:
        self.kiwi = kiwi
        self.single: list[str] = []
        self.threads: list[str] = []  # the thread each single analysis ran on

    def tokenize(self, text: Any, **kwargs: Any) -> Any:
        if isinstance(text, str):
            self.single.append(text)
            self.threads.append(threading.current_thread().name)
        return self.kiwi.tokenize(text, **kwargs)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    kiwi = keyterms._load_kiwi()
    assert kiwi is not None, "kiwipiepy and its model are installed in the venv"
    spy = Counting(kiwi)
    monkeypatch.setattr(keyterms, "_load_kiwi", lambda: spy)
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    monkeypatch.setattr(keyterms, "_core_free", lambda: True)
    return spy


def _terms(sentences: list[str]) -> list[list[keyterms.Term]]:
    return [key_terms(s, lang="ko", avoid=("도커",)) for s in sentences]


def test_ahead_gives_the_same_terms_without_asking_one_by_one(
    counting: Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    with analysing_ahead(KO):
        ahead = _terms(KO)
    # only second analyses (a loanword kiwi split) were made one at a time
    assert len(counting.single) < len(KO)
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    assert _terms(KO) == ahead  # one by one: the same terms


def test_without_a_second_core_nothing_is_analysed_ahead(
    counting: Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyterms, "_core_free", lambda: False)
    with analysing_ahead(KO):
        assert not keyterms._under_way
        terms = _terms(KO)
    assert set(KO) <= set(counting.single)
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    assert _terms(KO) == terms


@pytest.mark.parametrize(("cores", "ahead"), [(2, True), (8, True), (1, False)])
def test_a_busy_machine_still_analyses_ahead_on_a_second_core(
    monkeypatch: pytest.MonkeyPatch, cores: int, ahead: bool
) -> None:
    # the load of the last minute no longer decides (at 6-8 on 2 cores the analyser's threads
    # still shortened the generation): only whether there is a core beside the generators'
    kiwi = keyterms._load_kiwi()
    assert kiwi is not None
    counting = Counting(kiwi)
    monkeypatch.setattr(keyterms, "_load_kiwi", lambda: counting)
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    monkeypatch.setattr(keyterms.os, "getloadavg", lambda: (7.5, 7.0, 6.5), raising=False)
    monkeypatch.setattr(keyterms.os, "cpu_count", lambda: cores)
    with analysing_ahead(KO):
        assert bool(keyterms._under_way) is ahead
        terms = _terms(KO)
    assert (len(counting.single) < len(KO)) is ahead  # ahead: only second analyses one by one
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    assert _terms(KO) == terms


def test_what_was_analysed_ahead_but_not_asked_is_kept(counting: Counting) -> None:
    with analysing_ahead(KO):
        key_terms(KO[0], lang="ko")
        keyterms._under_way[0]._thread.join(10)  # the analyser goes on to the end meanwhile
    asked = len(counting.single)
    with analysing_ahead(KO):
        assert not keyterms._under_way  # all kept: nothing to analyse ahead
        _terms(KO)
    assert len(counting.single) - asked < len(KO)  # (only second analyses, made when asked)


def test_a_second_analysis_is_made_ahead_too(
    counting: Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed = KO[2]  # "도커 데몬은 …": kiwi splits both loanwords, analysed again with them whole
    with analysing_ahead([reparsed]):
        keyterms._under_way[0]._thread.join(10)  # the analyser is done with it
        terms = key_terms(reparsed, lang="ko", avoid=("도커",))
    assert counting.single == [reparsed]  # the second analysis, one at a time...
    assert counting.threads == ["kiwi-ahead"]  # ...on the analyser's thread, not this one
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    assert key_terms(reparsed, lang="ko", avoid=("도커",)) == terms  # as when asked


def test_a_sentence_not_announced_is_analysed_when_asked(counting: Counting) -> None:
    with analysing_ahead(KO[:2]):
        terms = key_terms(KO[3], lang="ko")
    assert KO[3] in counting.single
    assert [t.text for t in terms][:1] == ["bind mount"]


def test_analyses_are_kept_for_the_next_generation(counting: Counting) -> None:
    first = _terms(KO)
    asked = len(counting.single)
    assert asked >= len(KO)
    with analysing_ahead(KO):  # all kept: nothing to analyse ahead
        assert not keyterms._under_way
        assert _terms(KO) == first
    assert len(counting.single) == asked


def test_kept_analyses_are_bounded(counting: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyterms, "KEPT_ANALYSES", 2)
    _terms(KO)
    assert len(keyterms._kept) == 2


def test_generators_ahead_of_the_analyser_skip_what_it_has_not_started(
    counting: Counting,
) -> None:
    gate = threading.Event()

    class Held(Counting):
        def tokenize(self, text: Any, **kwargs: Any) -> Any:
            if not isinstance(text, str):
                gate.wait(5)  # the analyser is held before it reads its first sentence
            return super().tokenize(text, **kwargs)

    keys = [(s, tuple(keyterms._latin_spans(s))) for s in KO]
    ahead = keyterms._Ahead(Held(counting.kiwi), keys)
    try:
        # the last sentence is asked first: neither it nor those before it were started
        assert ahead.take(keys[-1]) is None
        gate.set()
        assert [ahead.take(k) for k in keys] == [None] * len(keys)
    finally:
        ahead.close()
    ahead._thread.join(10)  # (it ends by itself once closed)
    assert not ahead._thread.is_alive()


def test_closing_does_not_wait_for_the_analyser(counting: Counting) -> None:
    gate = threading.Event()

    class Held(Counting):
        def tokenize(self, text: Any, **kwargs: Any) -> Any:
            if not isinstance(text, str):
                gate.wait(10)  # the analyser is busy with sentences nobody will ask
            return super().tokenize(text, **kwargs)

    keys = [(s, tuple(keyterms._latin_spans(s))) for s in KO]
    ahead = keyterms._Ahead(Held(counting.kiwi), keys)
    closer = threading.Thread(target=ahead.close)
    closer.start()
    closer.join(3)
    try:
        assert not closer.is_alive()  # the generation goes on at once...
        assert ahead._thread.is_alive()  # ...while the analyser is still held
    finally:
        gate.set()
    ahead._thread.join(10)
    assert not ahead._thread.is_alive()  # and then it stops by itself


def test_the_analyser_failing_ahead_loses_nothing(
    counting: Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: Any, **kwargs: Any) -> Any:
        if isinstance(text, str):
            counting.single.append(text)
            return counting.kiwi.tokenize(text, **kwargs)
        raise RuntimeError("no batch today")

    monkeypatch.setattr(counting, "tokenize", broken)
    with analysing_ahead(KO):
        terms = _terms(KO)
    assert set(KO) <= set(counting.single)
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    assert _terms(KO) == terms


def test_the_deck_is_the_same_with_and_without_analysing_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = DOCKER.read_text(encoding="utf-8")
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    monkeypatch.setattr(keyterms, "_core_free", lambda: True)
    ahead = generate_deck(text, str(DOCKER))
    monkeypatch.setattr(keyterms, "_kept", OrderedDict())
    monkeypatch.setattr(deck, "analysing_ahead", lambda sentences: contextlib.nullcontext())
    plain = generate_deck(text, str(DOCKER))
    assert [(c.key, c.front, c.back) for c in ahead.cards] == [
        (c.key, c.front, c.back) for c in plain.cards
    ]
    assert ahead.warnings == plain.warnings


def test_a_process_that_generates_and_exits_at_once_exits_cleanly(tmp_path) -> None:
    """The analyser's thread may still hold a sentence when the generation is done: a process
    that exits right after (``srsapp generate``) must wait for it, not abort in kiwi's threads
    ("terminate called without an active exception", exit code 134)."""
    import subprocess
    import sys

    notes = tmp_path / "n.md"
    notes.write_text(
        "## 논리적 동치식 모음\n\n- $$(p → q) ∧ (p → r) ≡ p → (q ∧ r)$$.\n\n## 조건문\n\n"
        "조건문 $$ p → q $$ 에 대하여\n\n- 역(converse) : $$ q → p $$\n\n## 흐름\n\n"
        "요청 수신 → 인증 확인 → 응답 전송\n",
        encoding="utf-8",
    )
    code = (
        "import sys\nfrom srsapp.core.notes import generate_deck\n"
        "generate_deck(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1])\n"
    )
    codes = [
        subprocess.run([sys.executable, "-c", code, str(notes)], capture_output=True).returncode
        for _ in range(6)
    ]
    assert codes == [0] * 6
