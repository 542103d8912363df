from __future__ import annotations

import pytest

from srsapp.core.errors import NotesError
from srsapp.core.notes import decode_notes, generate_deck, parse_notes
from srsapp.core.notes.common import walk_lines
from srsapp.core.notes.parser import MAX_LINE, BlockKind, LineKind, classify, is_command
from srsapp.core.notes.validate import check_deck

from .notes_util import docker_notes


def kinds(text: str) -> list[LineKind]:
    doc = parse_notes("## s\n```\n" + text + "\n```\n")
    return [ln.kind for ln in doc.sections[-1].blocks[0].lines if ln.kind is not LineKind.BLANK]


def test_uneven_heading_levels_nest_by_level() -> None:
    doc = parse_notes("## A\n#### B\ntext\n### C\n# D\n###### E\n", "n.md")
    assert [s.path for s in doc.sections] == [("A",), ("A", "B"), ("A", "C"), ("D",), ("D", "E")]
    assert doc.title == "n"  # a first "## A" is a section, not the document's title
    assert doc.sections[1].line == 2


def test_title_is_the_single_top_level_heading() -> None:
    assert parse_notes("# Docker 정리\n## 이미지\ntext\n", "x.md").title == "Docker 정리"
    assert parse_notes("# One\ntext\n# Two\ntext\n", "two.md").title == "two"


def test_title_falls_back_to_file_stem_and_root_content_gets_a_concept() -> None:
    doc = parse_notes("just some text here\n", "dir/my-notes.md")
    assert doc.title == "my-notes"
    assert doc.sections[0].path == ("my-notes",)


def test_duplicate_headings_get_distinct_paths() -> None:
    doc = parse_notes("## A\nx y\n## A\nz w\n## A\n", "d.md")
    assert [s.path for s in doc.sections] == [("A",), ("A (2)",), ("A (3)",)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("docker ps -a", LineKind.COMMAND),
        ("kubectl get pods -n kube-system", LineKind.COMMAND),
        ("git status", LineKind.COMMAND),
        ("sudo apt install -y curl", LineKind.COMMAND),
        ("# 모든 컨테이너 삭제", LineKind.COMMENT),
        ("# list every container", LineKind.COMMENT),
        ("FROM : 베이스 이미지", LineKind.KEYVAL),
        ("HEAD: the current commit", LineKind.KEYVAL),
        ("origin - the default remote", LineKind.KEYVAL),
        ("1. 디렉토리 준비", LineKind.STEP),
        ("2) push the tag", LineKind.STEP),
        ("포트 번호는 어떤 관계인지?", LineKind.QUESTION),
        ("why does the cache break?", LineKind.QUESTION),
        ("=> exec 형식을 사용하자.", LineKind.CONCLUSION),
        ("-> use the exec form unless you need a shell", LineKind.CONCLUSION),
        ("레이어는 공유된다.", LineKind.SENTENCE),
        ("use volumes for the data of the service.", LineKind.SENTENCE),
        ("FROM ubuntu:20.04", LineKind.CODE),
        ("EXPOSE  ?", LineKind.CODE),
    ],
)
def test_fence_line_classification(line: str, kind: LineKind) -> None:
    assert classify(line, 1, markdown=False).kind is kind


def test_command_heuristic_is_shape_based_not_word_based() -> None:
    assert is_command("terraform plan -out plan.bin")
    assert is_command("npm run build")
    assert not is_command("the image is a template")
    assert not is_command("bind mount", strict=True)
    assert not is_command("mountpoint : hostdir")
    assert not is_command("이미지 빌드")
    assert is_command("git add .")  # a lone "." is an argument, not the end of a sentence
    assert not is_command("prefer small base images.")


def test_a_phrase_starting_with_an_article_is_not_a_term() -> None:
    assert (
        classify("HEAD : the commit you have checked out", 1, markdown=False).kind
        is LineKind.KEYVAL
    )
    assert (
        classify("a snapshot: a tree and a message", 1, markdown=False).kind is not LineKind.KEYVAL
    )


def test_one_line_command_with_korean_explanation() -> None:
    ln = classify("helm install 차트를 클러스터에 설치", 3, markdown=False)
    assert ln.kind is LineKind.COMMAND
    assert ln.command == "helm install"
    assert ln.inline_explanation == "차트를 클러스터에 설치"
    # a sentence about a flag is not a command
    assert (
        classify("docker run -p 옵션으로 포트를 지정한다.", 1, markdown=False).kind
        is not LineKind.COMMAND
    )


def test_inline_question_and_lone_key_next_to_keyvals() -> None:
    ln = classify("볼륨이란? 도커가 관리하는 저장소", 1, markdown=True)
    assert ln.kind is LineKind.QUESTION and ln.inline_answer == "도커가 관리하는 저장소"
    assert kinds("AB : one\nBC : two\nCD\n")[-1] is LineKind.KEYVAL
    assert kinds("A : one\nB : two\n")[0] is not LineKind.KEYVAL  # option letters, no terms


def test_comments_and_sentences_explain_the_nearest_command() -> None:
    doc = parse_notes(
        "## s\n```\n# before\ngit log --oneline\n\ngit stash list\n# after\n\n"
        "npm ci\n설치를 깨끗하게 다시 한다.\n\nlonely --cmd x\n```\n"
    )
    cmds = {ln.command: ln for ln in doc.sections[0].blocks[0].lines if ln.kind is LineKind.COMMAND}
    assert [e.text for e in cmds["git log --oneline"].explanation] == ["before"]
    assert [e.text for e in cmds["git stash list"].explanation] == ["after"]
    assert [e.text for e in cmds["npm ci"].explanation] == ["설치를 깨끗하게 다시 한다."]
    assert cmds["lonely --cmd x"].explanation == []


def test_short_bullet_followed_by_fence_is_a_named_item() -> None:
    doc = parse_notes("## kinds\n- alpha\n```\nfirst one\n```\n- beta\n```\nsecond one\n```\n")
    blocks = doc.sections[0].blocks
    assert [b.kind for b in blocks] == [BlockKind.BULLETS]
    items = blocks[0].items
    assert [it.head.text for it in items] == ["alpha", "beta"]
    assert items[1].children[0].lines[0].text == "second one"


def test_images_are_listed_with_concept_and_line() -> None:
    doc = parse_notes("# a\n## b\ntext\n\n![diagram](img/x.png)\n")
    assert doc.images == [(("a", "b"), "img/x.png", 5)]


def test_bundled_notes_parse() -> None:
    doc = parse_notes(docker_notes(), "docker-notes.md")
    assert doc.images and doc.images[0][1].endswith(".png")
    assert len(doc.sections) >= 15


# ---------------------------------------------------------------------------- bad input


def test_decode_variants() -> None:
    ko = "## 개념\n이미지란? 컨테이너 실행 전 상태\n"
    assert decode_notes(ko.encode("cp949"), "a.md") == ko
    assert decode_notes(ko.encode("euc-kr"), "a.md") == ko
    assert decode_notes(b"\xef\xbb\xbf" + ko.encode(), "a.md") == ko
    assert decode_notes(ko.encode("utf-16"), "a.md") == ko
    assert decode_notes(ko.replace("\n", "\r\n").encode(), "a.md") == ko
    # NFD input comes back NFC
    import unicodedata

    assert decode_notes(unicodedata.normalize("NFD", ko).encode(), "a.md") == ko


@pytest.mark.parametrize(
    "data", [b"", b"  \n\t\n", b"\x00\x01\x02\xff\xfe\x00binary", b"\x89PNG\r\n\x1a\n\x00\x00"]
)
def test_decode_rejects_empty_and_binary(data: bytes) -> None:
    with pytest.raises(NotesError) as err:
        decode_notes(data, "bad.md")
    assert "bad.md" in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "## A\n```\ndocker ps -a\n# list containers\n",  # unclosed fence
        "# A\n## B\n### C\n",  # headings only
        "## H\n" + "\n".join("  " * i + "- item " + str(i) for i in range(200)),
        "\n".join(">" * i + " q" for i in range(1, 200)),
        "## A\nx y\n## A\nx y\n",
        "```",
        "- \n- \n1.\n#\n",
    ],
)
def test_awkward_input_gives_a_valid_deck(text: str) -> None:
    deck = generate_deck(text, "odd.md")
    assert check_deck(deck.cards) == []
    assert len({c.key for c in deck.cards}) == len(deck.cards)


def test_unclosed_fence_still_makes_cards() -> None:
    deck = generate_deck("## A\n```\ndocker ps -a\n# list containers\n", "u.md")
    assert any(c.extra.get("typed_answer") == "docker ps -a" for c in deck.cards)


def test_a_five_megabyte_line_is_cut_before_it_is_read() -> None:
    # (how fast is measured in benchmarks/, not here: the line is cut to MAX_LINE first, so no
    # rule ever scans five megabytes)
    text = "## H\n" + "word `x` CMD는 **b** " * 260000
    assert len(text) > 5_000_000
    [line] = [ln for s in parse_notes(text, "big.md").sections for ln in walk_lines(s.blocks)]
    assert len(line.text) <= MAX_LINE + 1
    deck = generate_deck(text, "big.md")
    assert check_deck(deck.cards) == []
    assert any("characters long" in w for w in deck.warnings)


def test_parse_rejects_nul_text() -> None:
    with pytest.raises(NotesError):
        parse_notes("a\x00b", "n.md")


def test_a_korean_sentence_in_backticks_is_prose_not_code() -> None:
    from srsapp.core.notes import parse_notes
    from srsapp.core.notes.parser import LineKind

    doc = parse_notes(
        "## PWA\n\n`앱 수준과 같은 사용자 경험을 웹에서 제공하는 것이 목적!`\n\n`CREATE TRIGGER [이름]`\n"
    )
    kinds = [ln.kind for b in doc.sections[-1].blocks for ln in b.lines]
    assert kinds == [LineKind.SENTENCE, LineKind.COMMAND]


def test_a_key_that_lists_commands_in_backticks_is_a_term_key() -> None:
    from srsapp.core.notes.parser import LineKind, classify

    ln = classify("`reboot`, `init 6`, `shutdown -r now` : 시스템 재부팅", 1, markdown=True)
    assert ln.kind is LineKind.KEYVAL and ln.value == "시스템 재부팅"
    ln = classify("rm -rf는 정말 위험한 명령이라서 조심해야 한다 : 그렇다", 1, markdown=True)
    assert ln.kind is not LineKind.KEYVAL  # a long sentence before a colon is no key


def test_a_footnote_mark_in_sup_is_no_text() -> None:
    from srsapp.core.notes.common import walk_lines

    doc = parse_notes(
        "## Scale\n\nIt can also handle larger units of work, such as when datasets"
        " grow.<sup><a href=http://example.com/a>1</a></sup> More text here.\n"
    )
    [ln] = [x for x in walk_lines(doc.sections[-1].blocks) if x.text]
    assert "grow. More text" in ln.text and "grow.1" not in ln.text


def test_a_bold_key_with_a_tag_and_a_spaced_colon_is_a_term_without_either() -> None:
    from srsapp.core.notes.common import walk_lines

    doc = parse_notes(
        "## 구성요소\n\n1. **(필수) Dockerfile 작성 방법** : Dockerfile은 시나리오가 기록된 파일이다.\n"
    )
    [ln] = [x for x in walk_lines(doc.sections[-1].blocks) if x.text]
    assert (ln.key, ln.value) == (
        "Dockerfile 작성 방법",
        "Dockerfile은 시나리오가 기록된 파일이다.",
    )


def test_the_front_matter_title_names_the_notes_before_the_file_name() -> None:
    doc = parse_notes(
        "---\ntitle: OSI Model\ntags:\n  - Networking\n---\n> OSI is a reference model.\n\n## Overview\n\nText.\n",
        "notes/en-osi.md",
    )
    assert doc.sections[0].title == "OSI Model"
    plain = parse_notes("> OSI is a reference model.\n\n## Overview\n\nText.\n", "notes/en-osi.md")
    assert plain.sections[0].title == "en-osi"


def test_a_footnote_and_a_formula_s_arrows_are_no_terms_or_steps() -> None:
    text = (
        "## 주석\n\n[^lyubishev-41]: 류비셰프. 4장. 41쪽.\n\n"
        "## 동치식\n\n- $$(p → q) ∧ (p → r) ≡ p → (q ∧ r)$$.\n- p ↔ q ≡ (p → q) ∧ (q → p)\n\n"
        "## 흐름\n\n요청 수신 → 인증 확인 → 응답 전송\n"
    )
    lines = {ln.line: ln for s in parse_notes(text, "n.md").sections for ln in walk_lines(s.blocks)}
    assert lines[3].kind is LineKind.LINK  # a footnote says where a quote comes from
    ref_notes = "## F\n\n![Fragment1][fig1.png]\n[fig1.png]:https://x.org/a/%EC%8B%A0.png\n"
    [ref] = [
        ln
        for s in parse_notes(ref_notes, "n.md").sections
        for ln in walk_lines(s.blocks)
        if ln.line == 4
    ]
    assert ref.kind is LineKind.LINK  # a link reference: where an image points, no words
    assert not lines[7].chain and not lines[8].chain and not lines[7].arrow
    assert lines[12].chain == ["요청 수신", "인증 확인", "응답 전송"]  # a real chain still is one


def test_an_untagged_fence_of_columns_is_a_table_drawn_in_text() -> None:
    text = (
        "## Basics\nThe terminology laid out:\n```\n"
        "      Layers          Data type                      Addressing type          Explanation\n"
        "     [Network]        --> Packet(Segment)            IP address               Network layer is the\n"
        "                                                                              logical communication.\n"
        "     [Physical ]      --> bit                                                 All data is sent over a\n"
        "```\n\n## Shell\n```\nls -la        # list every file\ndf -h         # free disk space\n"
        "du -sh .      # size of this folder\n```\n"
    )
    doc = parse_notes(text, "n.md")
    [table] = [b for b in doc.sections[0].blocks if b.kind is BlockKind.CODE]
    assert table.lang == "figure"
    cards = generate_deck(text, "n.md").cards
    assert not [c for c in cards if c.kind.value == "cloze"]  # no cell asked as a sentence
    assert len([c for c in cards if c.kind.value == "command"]) >= 3  # aligned comments stay


def test_a_details_box_after_one_whose_answer_has_headings_is_not_under_them() -> None:
    notes = (
        "# OOP\n\n<details>\n<summary>의존성 주입</summary>\n\n#### 의존\n- 한 객체가 다른 객체를 "
        "사용한다\n\n#### 의존성 주입 장점\n- 결합도가 낮아진다\n</details>\n\n<details>\n"
        "<summary>클래스와 인스턴스의 차이</summary>\n\n- 클래스는 설계도, 인스턴스는 실체다\n"
        "</details>\n\n## Quiz\n\n###### 1. What's the output?\n\n<details><summary><b>Answer</b>"
        "</summary>\n<p>\n\n#### Answer: D\n\nThe value is undefined.\n</p>\n</details>\n"
    )
    paths = {s.title: s.path for s in parse_notes(notes, "n.md").sections}
    assert paths["클래스와 인스턴스의 차이"] == ("OOP", "클래스와 인스턴스의 차이")
    assert paths["의존성 주입 장점"] == ("OOP", "의존성 주입", "의존성 주입 장점")
    # an answer box under a heading of the lowest level stays a sub-heading of that question
    assert paths["Answer: D"][:3] == ("OOP", "Quiz", "1. What's the output?")
