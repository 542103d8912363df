"""The lifecycle diagram data: loader validation, cards, the bundled file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from srsapp.core import text
from srsapp.core.diagrams import (
    Diagram,
    attach_diagram,
    concept_paths,
    diagram_cards,
    find_parent,
    landmarks,
    load_diagram,
    names_target,
    shares_stem,
)
from srsapp.core.errors import DiagramError
from srsapp.core.model import CardKind, GeneratedDeck

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "decks" / "docker-lifecycle.toml"
PARENT = ("개념", "상태")

SMALL = """\
replaces = "images/x.png"
title = "작은 그림"

[[states]]
id = "a"
ko = "가"
en = "A"
description_ko = "가 설명"
description_en = "A described"
col = 0
row = 0

[[states]]
id = "b"
ko = "나"
en = "B"
description_ko = "나 설명"
description_en = "B described"
col = 1
row = 0

[[transitions]]
id = "go"
command = "go now"
from = "a"
to = "b"
description_ko = "가에서 나로"
description_en = "from A to B"
"""


def line_of(source: str, needle: str, occurrence: int = 1) -> int:
    hits = [i + 1 for i, ln in enumerate(source.splitlines()) if needle in ln]
    return hits[occurrence - 1]


def at(source: str, needle: str, occurrence: int = 1) -> str:
    return f"line {line_of(source, needle, occurrence)}:"


def bundled() -> Diagram:
    return load_diagram(BUNDLED.read_text(encoding="utf-8"), str(BUNDLED))


# ---------------------------------------------------------------------------- loading


def test_small_file_loads() -> None:
    d = load_diagram(SMALL, "decks/small.toml")
    assert [n.id for n in d.nodes] == ["a", "b"]
    assert d.edge("go").source == "a" and d.edge("go").target == "b"
    assert d.source == "small.toml"
    assert d.node("a").line == line_of(SMALL, 'id = "a"')


def test_syntax_error_names_file_and_line() -> None:
    broken = SMALL.replace('en = "B"', 'en = "B')  # unterminated string
    with pytest.raises(DiagramError) as info:
        load_diagram(broken, "decks/broken.toml")
    msg = str(info.value)
    assert msg.startswith("decks/broken.toml: ")
    assert at(broken, 'en = "B') in msg
    assert "TOML syntax error" in msg


def test_unknown_state_names_the_line_of_the_reference() -> None:
    bad = SMALL.replace('to = "b"', 'to = "nowhere"')
    with pytest.raises(DiagramError, match="unknown state 'nowhere'") as info:
        load_diagram(bad, "bad.toml")
    assert "bad.toml: " + at(bad, 'to = "nowhere"') in str(info.value)


def test_duplicate_id_names_the_second_definition() -> None:
    bad = SMALL.replace('id = "b"', 'id = "a"')
    with pytest.raises(DiagramError, match="duplicate id 'a'") as info:
        load_diagram(bad, "dup.toml")
    first_a = 'id = "a"'
    second = line_of(bad, first_a, 2)
    assert f"line {second}:" in str(info.value)
    assert f"first defined on line {line_of(bad, first_a)}" in str(info.value)


def test_duplicate_id_between_state_and_transition() -> None:
    bad = SMALL.replace('id = "go"', 'id = "b"')
    with pytest.raises(DiagramError, match="duplicate id 'b'") as info:
        load_diagram(bad, "dup.toml")
    assert at(bad, 'id = "b"', 2) in str(info.value)


def test_missing_label_names_the_entry() -> None:
    bad = SMALL.replace('ko = "나"\n', "")
    with pytest.raises(DiagramError, match="state 'b': 'ko' is missing") as info:
        load_diagram(bad, "nolabel.toml")
    # the line of the entry's header (the key itself is absent)
    header = [i + 1 for i, ln in enumerate(bad.splitlines()) if ln == "[[states]]"][1]
    assert f"line {header}:" in str(info.value)


def test_empty_label_names_its_line() -> None:
    bad = SMALL.replace('en = "A"', 'en = "  "')
    with pytest.raises(DiagramError, match="'en' is empty") as info:
        load_diagram(bad, "empty.toml")
    assert at(bad, 'en = "  "') in str(info.value)


def test_missing_command_names_the_transition() -> None:
    bad = SMALL.replace('command = "go now"\n', "")
    with pytest.raises(DiagramError, match="transition 'go' has no 'command'") as info:
        load_diagram(bad, "nocmd.toml")
    assert at(bad, 'id = "go"') in str(info.value)


def test_event_without_command_needs_both_labels() -> None:
    ok = SMALL.replace('command = "go now"', 'label_ko = "저절로"\nlabel_en = "by itself"')
    edge = load_diagram(ok, "ok.toml").edge("go")
    assert edge.is_event and edge.label("ko") == "저절로" and edge.label("en") == "by itself"
    half = SMALL.replace('command = "go now"', 'label_ko = "저절로"')
    with pytest.raises(DiagramError, match="no 'command'"):
        load_diagram(half, "half.toml")


def test_missing_grid_position_and_top_level_keys() -> None:
    with pytest.raises(DiagramError, match="'col' .* is missing"):
        load_diagram(SMALL.replace("col = 1\n", ""), "nocol.toml")
    with pytest.raises(DiagramError, match="'replaces'") as info:
        load_diagram(SMALL.replace('replaces = "images/x.png"', 'replaces = ""'), "r.toml")
    assert "line 1:" in str(info.value)


def test_arrows_between_the_same_states_need_distinct_hints() -> None:
    twin = SMALL + SMALL[SMALL.index("[[transitions]]") :].replace('"go"', '"go2"').replace(
        "go now", "go later"
    )
    with pytest.raises(DiagramError, match="give it hint_ko and hint_en") as info:
        load_diagram(twin, "twin.toml")
    assert at(twin, 'id = "go"') in str(info.value)
    hinted = twin.replace(
        'command = "go now"', 'command = "go now"\nhint_ko = "빨리"\nhint_en = "fast"'
    )
    hinted = hinted.replace(
        'command = "go later"', 'command = "go later"\nhint_ko = "천천히"\nhint_en = "slowly"'
    )
    assert len(load_diagram(hinted, "twin.toml").edges) == 2


def test_a_hint_may_not_give_the_command_away() -> None:
    bad = SMALL.replace(
        'command = "go now"', 'command = "go now"\nhint_ko = "go now 쓰기"\nhint_en = "x"'
    )
    with pytest.raises(DiagramError, match="hint_ko gives the command"):
        load_diagram(bad, "leak.toml")


# ---------------------------------------------------------------------------- the bundled file


def test_bundled_file_has_the_documented_content() -> None:
    d = bundled()
    assert d.replaces == "images/dockerLifeCycle.png"
    assert d.source == "docker-lifecycle.toml"
    states = {n.id: n for n in d.states}
    assert set(states) == {"image", "created", "running", "paused", "stopped", "deleted"}
    assert {n.id for n in d.nodes if n.kind == "artifact"} == {
        "registry",
        "dockerfile",
        "tar",
        "dangling",
    }
    by_cmd = {(e.command, e.source, e.target) for e in d.edges}
    for triple in [
        ("docker create", "image", "created"),
        ("docker run", "image", "running"),
        ("docker start", "created", "running"),
        ("docker start", "stopped", "running"),
        ("docker pause", "running", "paused"),
        ("docker unpause", "paused", "running"),
        ("docker stop", "running", "stopped"),
        ("docker kill", "running", "stopped"),
        ("docker restart", "running", "running"),
        ("docker restart", "stopped", "running"),
        ("docker rm", "created", "deleted"),
        ("docker rm", "stopped", "deleted"),
        ("docker rm -f", "running", "deleted"),
        ("docker commit", "running", "image"),
        ("docker commit", "stopped", "image"),
        ("docker pull", "registry", "image"),
        ("docker push", "image", "registry"),
        ("docker build", "dockerfile", "image"),
        ("docker export", "stopped", "tar"),
        ("docker import", "tar", "image"),
        ("docker image prune", "dangling", "deleted"),
    ]:
        assert triple in by_cmd, triple
    events = [e for e in d.edges if e.is_event]
    assert [(e.source, e.target) for e in events] == [("running", "stopped")]
    assert "exit" in events[0].label("ko")
    assert "SIGTERM" in d.edge("stop").description_en and "SIGKILL" in d.edge("kill").description_en
    assert [e.id for e in d.edges if e.is_loop] == ["restart"]
    for n in d.nodes:  # Korean kept as written, every box has both labels
        assert n.ko and n.en and n.description_ko and n.description_en


def test_bundled_file_parent_is_found_from_the_notes_images() -> None:
    d = bundled()
    images = [(("개념", "이미지"), "other.png", 3), (PARENT, "images/dockerLifeCycle.png", 29)]
    assert find_parent(images, d) == PARENT
    assert find_parent(images[:1], d) is None


# ---------------------------------------------------------------------------- cards


def test_count_rule_two_per_transition_one_per_box() -> None:
    d = bundled()
    concepts, cards = diagram_cards(d, PARENT)
    # no reverse card for an arrow whose command names its target (docker pause → Paused)
    named = sum(names_target(d, e) for e in d.edges)
    assert len(cards) == 2 * len(d.edges) + len(d.nodes) - named
    assert (len(d.edges), len(d.nodes), named, len(cards)) == (22, 10, 5, 49)
    assert len(concepts) == len(d.edges) + len(d.nodes)
    assert {c.kind for c in concepts} == {"state", "transition"}
    assert sum(c.kind == "transition" for c in concepts) == len(d.edges)
    assert all(c.kind is CardKind.DIAGRAM for c in cards)
    small = load_diagram(SMALL, "small.toml")
    assert len(diagram_cards(small, ())[1]) == 2 * 1 + 2


def test_concepts_are_children_of_the_parent() -> None:
    d = bundled()
    concepts, cards = diagram_cards(d, PARENT)
    paths = {c.path for c in concepts}
    assert PARENT + ("실행 (Running)",) in paths
    assert PARENT + ("docker stop: 실행 → 정지",) in paths
    assert PARENT + ("프로세스 종료 (exit): 실행 → 정지",) in paths
    assert all(p[:-1] == PARENT for p in paths)
    assert len(paths) == len(concepts)  # no two concepts share a path
    assert {c.concept for c in cards} == paths
    assert set(concept_paths(d, PARENT).values()) == paths


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_fronts_unique_start_with_context_and_hide_the_answer(lang: str) -> None:
    d = bundled()
    _, cards = diagram_cards(d, PARENT, lang)
    fronts = [c.front for c in cards]
    assert len(set(fronts)) == len(fronts)
    for card in cards:
        assert re.match(r'<div class="context">', card.front)
        # the parent path only: a concept's own name holds the answer (box or transition)
        assert card.front.startswith(text.context(card.concept[:-1]))
        front = text.html_to_text(card.front)
        back = text.html_to_text(card.back)
        assert back
        assert back not in front
        kind, _, ident = card.extra["diagram"]["highlight"].partition(":")
        if kind == "edge":
            edge = d.edge(ident)
            if card.variant == "forward":
                assert edge.label(lang) not in front  # the command (or the event)
                assert card.extra["diagram"]["hide"] == "label"
            else:
                target = d.node(edge.target)
                assert target.label(lang) not in front  # a loop's source box included
                assert card.extra["diagram"]["hide"] == "target"
                assert target.concept_name(lang) in back
        else:
            node = d.node(ident)
            assert card.extra["diagram"]["hide"] == "box"
            assert node.description(lang) in back
            assert node.description(lang) not in front


def test_card_html_escapes_note_text() -> None:
    d = bundled()
    _, cards = diagram_cards(d, PARENT)
    prune = [c for c in cards if c.anchor == "prune"]
    assert "&lt;none&gt;:&lt;none&gt;" in prune[0].back
    assert "<none>" not in prune[0].back


def test_extra_names_the_source_file_and_element() -> None:
    d = bundled()
    _, cards = diagram_cards(d, PARENT)
    kill = {c.variant: c for c in cards if c.anchor == "kill"}
    assert kill["forward"].extra == {
        "diagram": {"source": "docker-lifecycle.toml", "highlight": "edge:kill", "hide": "label"}
    }
    assert kill["reverse"].extra["diagram"]["hide"] == "target"
    assert kill["forward"].sibling == kill["reverse"].sibling
    assert "docker kill" in text.html_to_text(kill["forward"].back)
    assert "SIGKILL" in text.html_to_text(kill["forward"].back)
    running = [c for c in cards if c.anchor == "running"][0]
    assert running.extra["diagram"]["highlight"] == "node:running"


def test_keys_are_stable_across_reloads_and_description_edits() -> None:
    source = BUNDLED.read_text(encoding="utf-8")
    _, first = diagram_cards(load_diagram(source, str(BUNDLED)), PARENT)
    _, again = diagram_cards(load_diagram(source, str(BUNDLED)), PARENT)
    assert [c.key for c in first] == [c.key for c in again]
    assert len({c.key for c in first}) == len(first)

    old = "메인 프로세스에 곧바로 SIGKILL을 보내 유예 시간 없이 강제 종료한다."
    assert old in source
    edited = source.replace(old, "SIGKILL을 즉시 보낸다.").replace(
        "모든 프로세스가 cgroup freezer로", "모든 프로세스가 (cgroup freezer로)"
    )
    _, after = diagram_cards(load_diagram(edited, str(BUNDLED)), PARENT)
    assert [c.key for c in after] == [c.key for c in first]
    changed = [a for a, b in zip(first, after, strict=True) if a.back != b.back]
    assert {c.anchor for c in changed} == {"kill", "paused"}


def test_anchors_survive_a_label_edit() -> None:
    source = BUNDLED.read_text(encoding="utf-8")
    _, first = diagram_cards(load_diagram(source, str(BUNDLED)), PARENT)
    edited = source.replace('ko = "일시정지"', 'ko = "일시 정지"')
    _, after = diagram_cards(load_diagram(edited, str(BUNDLED)), PARENT)
    assert [(c.anchor, c.variant) for c in after] == [(c.anchor, c.variant) for c in first]
    # the concept names the label, so a sync matches such cards by anchor within the diagram
    assert any(a.concept != b.concept for a, b in zip(first, after, strict=True))


def test_attach_diagram_adds_cards_under_the_image_section() -> None:
    d = bundled()
    deck = GeneratedDeck(
        title="docker", concepts=[], cards=[], images=[(PARENT, "images/dockerLifeCycle.png", 29)]
    )
    out = attach_diagram(deck, d)
    assert len(out.cards) == len(diagram_cards(d, PARENT)[1]) == 49
    assert all(c.concept[:2] == PARENT for c in out.cards)
    assert deck.cards == []  # the input is not modified
    missing = attach_diagram(GeneratedDeck(title="x", concepts=[], cards=[]), d)
    assert missing.cards == [] and "images/dockerLifeCycle.png" in missing.warnings[0]


def test_korean_particle_after_the_target() -> None:
    d = bundled()
    _, cards = diagram_cards(d, PARENT)
    export = [c for c in cards if c.anchor == "export" and c.variant == "forward"][0]
    assert "tar 아카이브로 이어지는가" in text.html_to_text(export.front)
    create = [c for c in cards if c.anchor == "create" and c.variant == "forward"][0]
    assert "생성 상태로 이어지는가" in text.html_to_text(create.front)


# ---------------------------------------------------------------------------- the answer stays hidden


def words_of(label: str) -> list[str]:
    """The words of a label a front must not show: 3+ letters (2+ for Hangul)."""
    words = re.findall(r"[^\W_]+", label.casefold())
    return [w for w in words if len(w) >= (2 if re.search("[가-힣]", w) else 3)]


def assert_not_shown(front_html: str, *labels: str) -> None:
    front = text.html_to_text(front_html).casefold()
    for label in labels:
        assert label.casefold() not in front, (label, front)
        for word in words_of(label):
            assert word not in front, (word, front)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_box_cards_never_name_their_box(lang: str) -> None:
    """Neither the breadcrumb nor the question names the asked box, in either language."""
    d = bundled()
    _, cards = diagram_cards(d, PARENT, lang)
    boxes = [c for c in cards if c.extra["diagram"]["highlight"].startswith("node:")]
    assert len(boxes) == len(d.nodes)
    for card in boxes:
        node = d.node(card.anchor)
        assert card.concept == PARENT + (node.concept_name(lang),)  # mastery stays per box
        assert card.front.startswith(text.context(PARENT) + "<p>")  # the parent path only
        assert_not_shown(card.front, node.ko, node.en, node.concept_name(lang))
        assert node.concept_name(lang) in text.html_to_text(card.back)


def test_box_questions_point_at_the_hidden_box_next_to_a_neighbour() -> None:
    d = bundled()
    ko = {c.anchor: text.html_to_text(c.front) for c in diagram_cards(d, PARENT, "ko")[1]}
    en = {c.anchor: text.html_to_text(c.front) for c in diagram_cards(d, PARENT, "en")[1]}
    assert ko["paused"].endswith(
        "그림에서 '생성' 아래의 가려진 상태에서는 무엇이 동작하고 무엇이 보존되는가?"
    )
    assert en["paused"].endswith(
        "what runs, and what is kept, in the hidden state below 'Created'?"
    )
    assert ko["dockerfile"].endswith(
        "그림에서 '레지스트리' 왼쪽의 가려진 상자는 무엇을 나타내는가?"
    )
    assert en["tar"].endswith("the hidden box below and left of 'Stopped / Exited'?")
    # a neighbour sharing a word with the box would name it: 'Image' for 'Dangling image'
    near = SMALL.replace('en = "A"', 'en = "Image"').replace('en = "B"', 'en = "Dangling image"')
    near = near.replace('ko = "가"', 'ko = "이미지"').replace('ko = "나"', 'ko = "댕글링 이미지"')
    third = near.split("[[transitions]]")[0].split("[[states]]")[2]
    third = (
        third.replace('"b"', '"c"')
        .replace("Dangling image", "Other")
        .replace("댕글링 이미지", "기타")
    )
    near = near.replace(
        "[[transitions]]", "[[states]]" + third.replace("row = 0", "row = 3") + "[[transitions]]"
    )
    small = load_diagram(near, "near.toml")
    marks = landmarks(small)
    assert marks["b"][0].id == "c" and marks["b"][1] == "above"
    for lang in ("ko", "en"):
        for card in diagram_cards(small, PARENT, lang)[1]:
            if card.variant == "":
                n = small.node(card.anchor)
                assert_not_shown(card.front, n.ko, n.en)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_transition_cards_never_show_the_hidden_label(lang: str) -> None:
    """Forward: the arrow's command (or event) is hidden; reverse: the target box is hidden.
    Neither is on the front, breadcrumb included (a loop's reverse card names no box at all)."""
    d = bundled()
    _, cards = diagram_cards(d, PARENT, lang)
    arrows = [c for c in cards if c.variant]
    assert arrows
    for card in arrows:
        edge = d.edge(card.anchor)
        assert card.front.startswith(text.context(PARENT) + "<p>")
        if card.variant == "forward":
            assert card.extra["diagram"]["hide"] == "label"
            for label in {edge.label("ko"), edge.label("en")}:
                assert label.casefold() not in text.html_to_text(card.front).casefold()
        else:
            assert card.extra["diagram"]["hide"] == "target"
            target = d.node(edge.target)
            assert_not_shown(card.front, target.ko, target.en, target.concept_name(lang))
    loop = [c for c in arrows if c.anchor == "restart" and c.variant == "reverse"]
    assert len(loop) == 1 and "docker restart" in text.html_to_text(loop[0].front)


@pytest.mark.parametrize(
    ("command", "state"),
    [
        ("pause", "Paused"),
        ("stop", "Stopped"),
        ("create", "Created"),
        ("start", "Started"),
        ("run", "Running"),
        ("remove", "Removed"),
        ("restart", "Restarting"),
        ("exits", "Exited"),
        ("PAUSE", "paused"),
    ],
)
def test_command_words_and_state_names_share_a_stem(command: str, state: str) -> None:
    assert shares_stem(command, state)


@pytest.mark.parametrize(
    ("command", "state"),
    [
        ("unpause", "Running"),
        ("start", "Running"),
        ("restart", "Running"),
        ("import", "Image"),
        ("rm", "Deleted"),
        ("kill", "Stopped / Exited"),
        ("export", "tar archive"),
    ],
)
def test_unrelated_words_do_not_share_a_stem(command: str, state: str) -> None:
    assert not shares_stem(command, state)


def test_no_reverse_card_when_the_command_names_its_target() -> None:
    d = bundled()
    for lang in ("ko", "en"):
        _, cards = diagram_cards(d, PARENT, lang)
        reverse = {c.anchor for c in cards if c.variant == "reverse"}
        forward = {c.anchor for c in cards if c.variant == "forward"}
        assert forward == {e.id for e in d.edges}  # every arrow is still asked forwards
        # docker pause → Paused, docker stop → Stopped, docker run → Running,
        # docker create → Created, "process exits" → Exited
        assert {e.id for e in d.edges} - reverse == {"pause", "stop", "run", "create", "exit"}
        assert "pause" not in reverse and "pause" in forward
    # in general: the command's words against the target's labels in both languages
    for command, en, ko, named in [
        ("ctl stop", "Stopped", "멈춤", True),
        ("ctl STOP -f", "stopped", "멈춤", True),
        ("ctl halt", "Stopped", "멈춤", False),
        ("docker ps", "Dockerfile", "도커파일", False),  # the program name is not a command word
    ]:
        source = SMALL.replace('command = "go now"', f'command = "{command}"')
        source = source.replace('en = "B"', f'en = "{en}"').replace('ko = "나"', f'ko = "{ko}"')
        small = load_diagram(source, "small.toml")
        assert names_target(small, small.edge("go")) is named, command
        variants = {c.variant for c in diagram_cards(small, ())[1] if c.anchor == "go"}
        assert variants == ({"forward"} if named else {"forward", "reverse"}), command
    event = SMALL.replace('command = "go now"', 'label_ko = "멈춤 신호"\nlabel_en = "a signal"')
    event = event.replace('ko = "나"', 'ko = "멈춤"')
    small = load_diagram(event, "event.toml")
    assert names_target(small, small.edge("go"))  # an event's Korean label names it


def test_a_command_not_naming_its_target_keeps_its_reverse_card() -> None:
    small = load_diagram(SMALL, "small.toml")  # go now: A → B
    reverse = [c for c in diagram_cards(small, ())[1] if c.variant == "reverse"]
    assert [c.anchor for c in reverse] == ["go"]
    d = bundled()
    _, cards = diagram_cards(d, PARENT)
    reverse_ids = {c.anchor for c in cards if c.variant == "reverse"}
    for kept in [
        "kill",
        "unpause",
        "start_created",
        "restart",
        "rm_created",
        "commit_running",
        "export",
        "import",
        "pull",
        "push",
        "build",
        "prune",
    ]:
        assert kept in reverse_ids, kept
        assert not names_target(d, d.edge(kept))
