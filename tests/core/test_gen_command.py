from __future__ import annotations

from srsapp.core.notes.generators import command

from .notes_util import by_variant, run, texts


def test_comment_before_and_after_korean() -> None:
    text = "## 명령\n```\n# 실행 중인 컨테이너 목록\nkubectl get pods\n\nhelm list -A\n# 모든 릴리스 보기\n```\n"
    cards = run(command.generate, text)
    to_cmd = by_variant(cards, "command")
    assert [c.extra["typed_answer"] for c in to_cmd] == ["kubectl get pods", "helm list -A"]
    assert texts(to_cmd[0])[0].endswith("다음을 하는 명령은?\n실행 중인 컨테이너 목록")
    explain = by_variant(cards, "explain")
    assert texts(explain[1])[1] == "모든 릴리스 보기"
    assert "<pre><code>helm list -A</code></pre>" in explain[1].front


def test_sentence_next_to_command_and_trailing_comment_english() -> None:
    text = "## Git\n```\ngit stash\nsave the work in progress away.\n\ngit log --oneline  # one line per commit\n```\n"
    cards = run(command.generate, text)
    got = {c.anchor: texts(c)[1] for c in by_variant(cards, "explain")}
    assert got == {
        "git stash": "save the work in progress away.",
        "git log --oneline": "one line per commit",
    }
    assert texts(by_variant(cards, "command")[0])[0].endswith(
        "Which command does this?\nsave the work in progress away."
    )


def test_one_line_form_and_situation_before_a_command() -> None:
    text = "## 정리\n```\n빌드가 실패하면 쓸모없는 이미지가 남는다.\n\n-> podman image prune\n\npodman export 컨테이너를 tar로 내보냄\n```\n"
    cards = run(command.generate, text)
    anchors = [c.anchor for c in by_variant(cards, "command")]
    assert anchors == ["podman image prune", "podman export"]
    assert "상황" in texts(by_variant(cards, "command")[0])[0]


def test_command_without_explanation_makes_no_card() -> None:
    assert run(command.generate, "## X\n```\ngit status\n\n\ngit diff --stat\n```\n") == []
