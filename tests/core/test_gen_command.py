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


def test_the_last_sentence_before_a_fence_leads_into_it() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## Tools\n\n### http.server\n\nServes the current directory on port 8000.\n\n"
        "```bash\npython -m http.server\n```\n\n"
        "This takes an optional port. To change port, do this:\n\n"
        "```bash\npython -m http.server 8001\n```\n\nPass `-h` for more options.\n\n"
        "### asyncio\n\nThis provides a Python console with top-level await:\n\n"
        "```bash\npython -m asyncio\n```\n\n"
        "### later\n\nSome text first.\n\nThis is what I ran:\n\n```bash\npython -m later\n```\n"
    )
    cards = [texts(c) for c in generate_deck(text, "tools.md").cards]
    asked = {b: f for f, b in cards if b.startswith("python -m")}
    assert "To change port" in asked["python -m http.server 8001"]
    # first under its heading, "This provides …" speaks of asyncio
    assert "top-level await" in asked["python -m asyncio"]
    assert "python -m later" not in asked  # "This is what I ran:" explains nothing
    # an instruction is no answer to "what is http.server"
    assert not any(f.endswith("What is http.server?") for f, _ in cards)


def test_code_written_as_a_paragraph_explains_no_code_block() -> None:
    from srsapp.core.notes import generate_deck

    text = (
        "## 트리거 예시\n\n트리거는 삽입에 반응한다.\n\nBEGIN\n실행문\nEND //\n\n"
        "```sql\nINSERT INTO people VALUES(1111,'judy',CURDATE());\n```\n"
    )
    cards = [texts(c) for c in generate_deck(text, "t.md").cards]
    assert not any("END //" in f or b == "END //" for f, b in cards)


def test_a_command_whose_object_the_explanation_names_is_asked_one_way() -> None:
    from srsapp.core.notes.generators.command import reads_aloud

    assert reads_aloud("kubectl get events", "List all events in the cluster")
    assert not reads_aloud(
        "kubectl config get-contexts", "List all contexts in the kubeconfig file"
    )
    assert not reads_aloud("git log --oneline --graph", "브랜치 히스토리를 한 줄씩 그래프로 보기")


def test_a_comment_over_a_run_of_commands_is_not_the_first_command_s_meaning() -> None:
    text = (
        "## 기본 명령어\n```bash\n$ git branch\n# 작업이 끝나면 main 으로 돌아가서 병합한다\n"
        "$ git switch main\n$ git merge --no-ff feature/login\n```\n"
    )
    cards = [texts(c) for c in run(command.generate, text)]
    assert not any("작업이 끝나면" in f and b == "git switch main" for f, b in cards)


def test_a_vague_comment_over_a_dockerfile_line_with_example_files_is_not_asked() -> None:
    text = (
        "## Dockerfile\n\n이미지를 만드는 Dockerfile이다.\n\n```dockerfile\n# Add file\n"
        "ADD busybox.tar.xz /\n# set env\nENV HOME_DIR=/home\n"
        "# Set the working directory for the commands that follow\nWORKDIR /app\n```\n"
    )
    backs = [texts(c)[1] for c in run(command.generate, text)]
    assert "ADD busybox.tar.xz /" not in backs and "ENV HOME_DIR=/home" not in backs
    assert "WORKDIR /app" in backs  # a comment that says enough


def test_a_description_said_of_two_commands_asks_for_neither_from_it() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## Basics\n\n| Command | Description |\n|---|---|\n"
        "| `kubectl exec -it <pod> -- <command>` | Execute a command in a pod |\n"
        "| `kubectl get pods` | List all pods |\n\n"
        "## Pods\n\n| Command | Description |\n|---|---|\n"
        "| `kubectl exec -it <name> -- /bin/bash` | Execute a command in a pod |\n"
        "| `kubectl logs <pod>` | Print the logs of a pod |\n"
    )
    cards = [
        (html_to_text(c.front), html_to_text(c.back)) for c in generate_deck(text, "k.md").cards
    ]
    assert not any(f.endswith("Execute a command in a pod") for f, _b in cards)
    assert sum(b == "Execute a command in a pod" for _f, b in cards) == 2  # what each one does
    assert any(f.endswith("List all pods") and b == "kubectl get pods" for f, b in cards)


def test_a_command_with_the_example_s_own_names_is_not_asked_from_its_explanation() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## 퍼블리쉬 없이 컨테이너 실행하기\n\n```\ndocker run -d --rm --name flask1 ubuntu:flask0to1\n```\n\n"
        "## 포트\n\n```\ndocker run -p 8080:80 # 호스트의 8080포트로 접속시 컨테이너의 80포트로 전달\n```\n"
    )
    cards = [
        (html_to_text(c.front), html_to_text(c.back)) for c in generate_deck(text, "r.md").cards
    ]
    assert not any(b.startswith("docker run -d --rm --name flask1") for _f, b in cards)
    assert any(b == "docker run -p 8080:80" for _f, b in cards)  # its numbers are in the comment


def test_an_article_does_not_make_a_vague_comment_specific_enough() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## Dockerfile\n\n```dockerfile\n# Add a Service File\nADD hello.py /apps/hello.py\n```\n"
    )
    assert not any(
        html_to_text(c.back).startswith("ADD hello.py") for c in generate_deck(text, "d.md").cards
    )


def test_a_command_explained_by_naming_its_example_parts_is_not_asked_from_that() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = "## busybox\n\n```\ndocker build -t busybox:custom . # busybox은 이미지 이름이고, custom은 태그 이름이다.\n```\n"
    cards = [
        (html_to_text(c.front), html_to_text(c.back)) for c in generate_deck(text, "b.md").cards
    ]
    assert not any(b.startswith("docker build -t busybox:custom") for _f, b in cards)


def test_a_comment_that_says_its_instruction_asks_nothing() -> None:
    text = (
        "## Dockerfile\n\n```dockerfile\nFROM python:3.11\n# Expose Network Port\nEXPOSE 5000\n"
        "# 앱 소스를 이미지에 넣는다\nCOPY . /app\n```\n"
    )
    cards = run(command.generate, text)
    shown = [texts(c)[0] + texts(c)[1] for c in cards]
    assert not any("EXPOSE" in s for s in shown)
    assert any("COPY . /app" in s for s in shown)


def test_code_after_advice_is_not_asked_but_after_a_task_it_is() -> None:
    text = (
        "## Prototypes\n\nIf you want a method to be available to all object instances, "
        "you have to add it to the prototype property:\n\n```js\n"
        "Person.prototype.getFullName = function () {\n  return this.firstName;\n};\n```\n\n"
        "To print a greeting in the console:\n\n```js\nconsole.log('hi');\n```\n"
    )
    from srsapp.core.notes import generate_deck

    cards = [texts(c) for c in generate_deck(text, "p.md").cards if c.kind.value == "command"]
    # the advice before the example is not what its code does (readers kept none of these)
    assert not any("getFullName" in f + b for f, b in cards), cards
    assert any("console.log" in b for _f, b in cards)


def test_a_command_explained_only_by_its_example_s_names_is_not_asked_at_all() -> None:
    text = (
        "## busybox\n\n이제 원하는 설정을 모두 마쳤으니, `busybox:custom`이라는 이미지로 `build`를 "
        "진행하자.\n`busybox`은 이미지 이름이고, `custom`은 태그 이름이다.\n\n"
        "```Bash\n$ docker build -t busybox:custom .\n(...)\n```\n"
    )
    from srsapp.core.notes import generate_deck

    assert not any(
        "busybox:custom" in texts(c)[0] + texts(c)[1] for c in generate_deck(text, "b.md").cards
    )


def test_pseudo_code_and_code_side_by_side_are_no_commands() -> None:
    notes = (
        "## Metrics\n```\nMaximize 1     # optimizing metric (one optimizing metric)\n"
        "subject to N-1 # satisficing metric (N-1 satisficing metrics)\n```\n\n"
        "## Locks\n```sql\n-- 3 - blocks                   -- 4 - deadlock\n"
        "UPDATE items                    UPDATE items\n```\n\n"
        "## Files\n```\nls -la        # list every file, hidden ones too\n```\n"
    )
    cards = [
        c for title in ("Metrics", "Locks", "Files") for c in run(command.generate, notes, title)
    ]
    asked = {texts(c)[1] for c in cards}
    assert asked == {"ls -la", "list every file, hidden ones too"}  # the real command only
