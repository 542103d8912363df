from __future__ import annotations

import unicodedata

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind
from srsapp.core.notes import check_card, check_deck, fix_deck, generate_deck

from .notes_util import docker_notes


def card(front: str, back: str, anchor: str = "a", variant: str = "", line: int = 1) -> CardDraft:
    return CardDraft(
        CardKind.TERM,
        ("C",),
        anchor,
        t.context(["C"]) + front,
        back,
        variant=variant,
        source_line=line,
    )


def rules(c: CardDraft) -> set[str]:
    return {v.rule for v in check_card(c)}


def test_each_rule_is_detected() -> None:
    assert rules(card(t.para("q?"), "")) == {"empty-back"}
    assert rules(card(t.para("what is docker run?"), t.para("docker run"))) == {
        "front-contains-back"
    }
    assert rules(card(t.para("**q**"), t.para("x"))) == {"raw-markdown"}
    assert rules(card(t.para(t.esc("q <br> x")), t.para("y"))) == {"raw-markdown"}
    assert rules(card(t.para("q"), t.para(t.esc("- item")))) == {"raw-markdown"}
    assert rules(card(t.para("q"), t.para(t.esc("## heading")))) == {"raw-markdown"}
    # a task box left in a list item or a line (the list's own "- " is drawn, not raw)
    assert rules(card(t.para("Things to do?"), t.ul(["[ ] read chapter 2", "[x] notes"]))) == {
        "raw-markdown"
    }
    assert rules(card(t.para("q"), t.para(t.esc("[X] done")))) == {"raw-markdown"}
    assert rules(card(t.para("q"), t.para(t.esc("a[x] = 1 sets it")))) == set()
    assert rules(card(t.para("q"), t.para(t.esc("#define, #include 해석")))) == set()  # C
    assert rules(card(t.para("q"), t.para("x"), anchor="a  b")) == {"anchor-not-folded"}
    nfd = unicodedata.normalize("NFD", "한국어")
    assert "not-nfc" in rules(card(t.para(nfd), t.para("x")))
    long_back = t.ul(f"line {i}" for i in range(20))
    assert rules(card(t.para("q"), long_back)) == {"too-long"}
    assert rules(CardDraft(CardKind.TERM, ("C",), "a", t.para("q"), t.para("x"))) == {"no-context"}


def test_code_may_hold_markup_and_short_answers_match_whole_words() -> None:
    assert rules(card(t.para("which?"), t.pre("rm -f `ls`  # **x**"))) == set()
    assert rules(card(t.para("Which command does this?"), t.para("hi"))) == set()
    assert rules(card(t.para("the answer is hi."), t.para("hi"))) == {"front-contains-back"}


def test_fix_deck_merges_disambiguates_and_keeps_keys_unique() -> None:
    same = [card(t.para("q"), t.para("x"), "k1"), card(t.para("q"), t.para("x"), "k2", line=5)]
    fixed, warnings = fix_deck(same)
    assert len(fixed) == 1 and any("merged" in w for w in warnings)

    diff = [card(t.para("q"), t.para("x"), "alpha"), card(t.para("q"), t.para("y"), "beta")]
    fixed, _ = fix_deck(diff)
    assert len(fixed) == 2 and "(beta)" in t.html_to_text(fixed[1].front)
    assert check_deck(fixed) == []

    named = [
        card(t.para("What is UDP?"), t.para("a datagram protocol"), "UDP"),
        card(t.para("What is UDP?"), t.para("no flow control"), "UDP", line=5),
    ]
    fixed, warnings = fix_deck(named)  # "(UDP)" would tell nothing apart: the second goes
    assert len(fixed) == 1 and any("same front" in w for w in warnings)

    clash = [card(t.para("q1"), t.para("x"), "a"), card(t.para("q2"), t.para("y"), "a")]
    fixed, _ = fix_deck(clash)
    assert len({c.key for c in fixed}) == 2

    broken = [card(t.para("q"), "")]
    fixed, warnings = fix_deck(broken)
    assert fixed == [] and "dropped" in warnings[0]


def test_bundled_deck_passes_the_validator() -> None:
    deck = generate_deck(docker_notes(), "docker-notes.md")
    assert len(deck.cards) > 50
    assert check_deck(deck.cards) == []
    keys = [c.key for c in deck.cards]
    assert len(set(keys)) == len(keys)
    fronts = [t.html_to_text(c.front) for c in deck.cards]
    assert len(set(fronts)) == len(fronts)
    assert deck.title == "docker-notes"  # no single top-level heading: the file name
    assert deck.images[0][1] == "images/dockerLifeCycle.png"
    for c in deck.cards:
        assert 1 <= c.source_line <= c.source_end


def test_fast_reader_matches_html_to_text() -> None:
    from srsapp.core.notes.validate import _read

    fragments = [c.front for c in generate_deck(docker_notes()).cards]
    fragments += [c.back for c in generate_deck(docker_notes()).cards]
    fragments += [
        t.ol(["a &amp; b", t.code("<x>")], start=3) + t.para("x"),
        t.ul([t.ul(["inner"]), "outer"]),
        '<p>an image <img alt="pic" src="a.png"></p>',
        "<p>a<br/>b</p><!-- c -->",
    ]
    for f in fragments:
        assert _read(f).plain == t.html_to_text(f)


def test_an_answer_whose_words_are_all_on_the_front_is_given_away() -> None:
    def card(front: str, back: str) -> CardDraft:
        return CardDraft(
            CardKind.TABLE, ("L4",), "x", f'<div class="context">L4</div><p>{front}</p>', back
        )

    rules = [
        v.rule
        for v in check_card(card("L7 로드 밸런서: 네트워크 계층은? (Layer7)", "<p>Layer7 로드</p>"))
    ]
    assert "front-contains-back" in rules
    assert check_card(card("L7 로드 밸런서: 계층은?", "<p>응용 계층</p>")) == []
    cmd = card(
        "Apply a configuration by file (kubectl)", "<pre><code>kubectl apply file</code></pre>"
    )
    assert check_card(cmd) == []  # the exact command is the fact


def test_a_dash_after_inline_code_goes_on_with_the_line_but_one_starting_a_line_is_markdown() -> (
    None
):
    goes_on = t.para(t.code("tokenize") + t.esc(" - a debug mode for the AST module!"))
    assert rules(card(t.para("Which command does this?"), goes_on)) == set()
    starts = t.para(t.code("tokenize")) + t.para(t.esc("- a debug mode"))
    assert rules(card(t.para("Which command does this?"), starts)) == {"raw-markdown"}
    # both readers agree (the fast one and the HTML parser behind it)
    from srsapp.core.notes.validate import _finish, _read_fast, _Reader

    for html in (goes_on, starts):
        slow = _Reader()
        slow.feed(html)
        slow.close()
        assert _read_fast(html) == _finish(slow.parts, slow.chunks)
    bold = t.para("<b>A record (address)</b>" + t.esc(" - Points a name to an [...]."))
    assert rules(card(bold, t.para("IP address"))) == set()


def test_inline_text_is_the_text_of_the_inline_html() -> None:
    for line in (
        "**굵게** 그리고 `code` <br> 끝",
        "a &amp; b < c > d & e",
        "__bold__ and **bold** and `**not bold**`",
        "줄\n  다음 줄  \n\n",
        "e\u0301 `x` ᄀ\u1161",
    ):
        assert t.inline_text(line) == t.html_to_text(t.inline(line))


def _cloze(sentence: str, answer: str, line: int) -> CardDraft:
    return CardDraft(
        CardKind.CLOZE,
        ("C", str(line)),
        sentence,
        t.context(["C", str(line)]) + t.para("빈칸 [...]에 들어갈 말은?") + t.para(sentence),
        t.para(answer),
        variant=answer,
        source_line=line,
    )


def test_the_same_fact_said_twice_is_asked_once_two_subjects_are_two_facts() -> None:
    dropped: list[tuple[CardDraft, str]] = []
    kept, _w = fix_deck(
        [
            _cloze("목적지 주소가 [...]에 없으면 전체 포트로 전달", "MAC주소 테이블", 135),
            _cloze(
                "목적지가 [...]에 없다면 전체 포트에 전달하고 일정 시간 이후 삭제",
                "MAC주소 테이블",
                198,
            ),
            _cloze("fork()는 [...]의 메모리를 복사해서 사용", "부모 프로세스", 309),
            _cloze(
                "vfork()는 [...]와의 메모리를 공유함. 복사하지 않기 때문에", "부모 프로세스", 311
            ),
        ],
        dropped,
    )
    assert [c.source_line for c in kept] == [135, 309, 311]
    assert [(c.source_line, rule) for c, rule in dropped] == [(198, "duplicate-fact")]
