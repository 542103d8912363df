"""command: a command line with the comment or sentence that explains it.

explanation → command (the answer can be typed: ``extra["typed_answer"]``) and
command → explanation. A command with nothing explaining it nearby makes no card.
"""

from __future__ import annotations

import re

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    Ctx,
    clip,
    draft,
    front,
    lines_html,
    norm,
    plain_inline,
    walk_blocks,
    walk_lines,
)
from ..context import exclaims, tells_not_asks
from ..lang import prompt
from ..parser import BlockKind, LineKind

MAX_CODE_LINES = 8  # a code block longer than this is no card's answer


def both_ways(
    ctx: Ctx,
    anchor: str,
    explained: str,
    shown: str,
    to: tuple[str, str, dict[str, object]],
    back: tuple[str, str] | None,
    *,
    line: int,
    end: int = 0,
    sibling: str,
    forward: bool = True,
) -> list[CardDraft]:
    """The two cards of a command (or code) and what explains it: explanation → command, with
    ``to`` = (prompt, variant, extra), and command → explanation with ``back`` = (prompt,
    variant), left out when None. ``forward=False``: the explanation names another command
    too, only the command → explanation card."""
    command = t.html_to_text(shown)
    flags = set(_FLAG.findall(command))
    said = t.html_to_text(explained).strip()
    words = said.casefold().split()
    if (
        (len(said) <= 40 or _FLAG.match(said)) and flags & set(_FLAG.findall(said))
        # "-n, 줄 번호 출력" → `grep -n "AAA" bbb`: the cue names the option
    ) or (
        to[1] == "command"
        and 0 < len(words) <= 2
        and all(w.isalpha() for w in words)
        and set(words) <= {w.casefold() for w in _TOKEN.findall(command)}
    ):
        # "apply" over `kubectl apply -f api.yaml`: the cue is a word of it
        if back is None:
            return []
        forward = False
    crumbs = _crumbs_for(ctx, command)
    for i, p in enumerate(crumbs):
        if {f for f in flags if f.startswith("--")} & set(_FLAG.findall(plain_inline(p))):
            crumbs = crumbs[:i]  # "--exclude-dir, 디렉터리 제외" over its command: the answer
            break
    cards = [
        draft(
            ctx,
            CardKind.COMMAND,
            anchor,
            front(crumbs, prompt(to[0], ctx.lang), explained),
            shown,
            variant=to[1],
            line=line,
            end=end,
            sibling=sibling,
            extra=to[2],
        )
    ][: 1 if forward or back is None else 0]
    if back is not None:
        cards.append(
            draft(
                ctx,
                CardKind.COMMAND,
                anchor,
                front(ctx.path, prompt(back[0], ctx.lang), shown),
                explained,
                variant=back[1],
                line=line,
                end=end,
                sibling=sibling,
            )
        )
    return cards


_TOKEN = re.compile(r"[\w.+-]+")
_FLAG = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


def _crumbs_for(ctx: Ctx, command: str) -> tuple[str, ...]:
    """The breadcrumb of a card that asks for ``command``, cut above a heading that is all
    the command says besides its program and a short flag (``asyncio`` over `python -m
    asyncio`): the heading would be the answer. (``http.server`` over `python -m http.server
    8001` stays: the card asks for the rest.)"""
    for part in command.split(
        "|"
    ):  # (the part of a pipe the heading names: `echo … | python -m json.tool`)
        tokens = [
            w.casefold()
            for w in _TOKEN.findall(part)
            if not re.fullmatch(r"[\w-]+\.(?:py|txt|json|csv|md|gz|log|sh)", w)  # example files
        ]
        if not tokens:
            continue
        launcher = {tokens[0]} | {w for w in tokens if re.fullmatch(r"-[a-z]", w)}
        for i, p in enumerate(ctx.path):
            words = {w.casefold() for w in _TOKEN.findall(plain_inline(p))}
            if words and words <= set(tokens) and set(tokens) <= words | launcher:
                return tuple(ctx.path[:i]) or ((ctx.doc_subject,) if ctx.doc_subject else ())
    return tuple(ctx.path)


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind is not LineKind.COMMAND or not ln.command:
            continue
        if ln.inline_explanation:
            expl = t.para(t.inline(clip(ln.inline_explanation.rstrip(" :："))))
            first, last = ln.line, ln.line
        elif ln.explanation:
            expl = lines_html(ln.explanation)
            if len(ln.explanation) == 1:  # "To list containers:" → "To list containers"
                expl = t.para(t.inline(clip(ln.explanation[0].text.rstrip(" :："))))
            lines = [ln.line] + [e.line for e in ln.explanation]
            first, last = min(lines), max(lines)
        else:
            continue
        cmd = ln.command
        shown = t.pre(clip(cmd, 300))
        sibling = f"command:{ln.line}"
        to_cmd = "cmd_situation" if ln.remote else "cmd_to"
        from_cmd = "cmd_when" if ln.remote else "cmd_from"
        if ln.lang == "keys":  # "C-b x   # close pane": a cheat sheet's key binding
            to_cmd, from_cmd = "keys_to", "keys_from"
        elif ln.lang:  # a line of YAML, SQL, a Dockerfile... explained by its comment
            to_cmd, from_cmd = "code_to", "code_from"
        said = " ".join(e.text for e in ln.explanation) or ln.inline_explanation
        words = [w for w in said.split() if w.casefold() not in _ARTICLES]
        if ln.lang and len(words) <= 3 and _EXAMPLE_ARGS.search(cmd):
            continue  # "# Add file" over `ADD busybox.tar.xz /`: too vague to recall its example
        if ln.lang and cmd.split()[0].casefold() in said.casefold():
            continue  # "Expose Network Port" over `EXPOSE 5000`: the comment says the instruction,
            # the rest of the line is the example's value; either way round it asks nothing
        if names_parts(cmd, said):
            continue  # only the example's names explained: not asked either way
        # "Describe a deployment": asking what it does is an echo; so is "Delete a resource"
        # for `kubectl delete -f …`, which names what it does
        echo = reads_aloud(cmd, said) or says_its_verb(cmd, said)
        cards.extend(
            both_ways(
                ctx,
                cmd,
                expl,
                shown,
                (to_cmd, "command", {"typed_answer": cmd}),
                None if echo else (from_cmd, "explain"),
                line=first,
                end=last,
                sibling=sibling,
                forward=ctx.doc_meanings[norm(plain_inline(said))] <= 1
                and not _recalls_example(cmd, said),
            )
        )
    return cards


_ARTICLES = frozenset("a an the all of for to in on with 을 를 의".split())


# a file, path or value of the notes' own example in a code line ("busybox.tar.xz /",
# "/apps/hello.py", "HOME_DIR=/home")
_EXAMPLE_ARGS = re.compile(r"[\w-]+\.[a-z]{1,4}\b|(?:^|\s|\[|\")/[\w/.-]*|\w+=\S")


_MADE_UP_IDENT = re.compile(r"(?<![\w-])[a-z]+[A-Z]\w*")  # getFullName, firstName


_SAMPLE_NAME = re.compile(r"\b[a-z][a-z_-]*\d[\w-]*\b|\b[a-z][\w.-]*:[a-z][\w.-]*\d[\w.-]*\b")


def names_parts(command: str, explanation: str) -> bool:
    """ "busybox은 이미지 이름이고, custom은 태그 이름이다" under `docker build -t busybox:custom .`:
    the explanation only names the example's parts; neither way round is a fact."""
    args = command.split(maxsplit=1)[1] if " " in command else ""
    said = explanation.casefold()
    return bool(re.search(r"이름(?:이|을|으로|은)|\bnames?\b", said)) and any(
        len(w) >= 3 and w.casefold() in said for w in re.findall(r"[A-Za-z][\w-]*", args)
    )


def _recalls_example(command: str, explanation: str) -> bool:
    """ "퍼블리쉬 없이 컨테이너 실행하기" → `docker run … --name flask1 ubuntu:flask0to1`: the
    command carries the example's own names and files, which its explanation never says;
    asking for it from the explanation asks for the example, not the command (the card the
    other way, "what does this command do?", stays)."""
    args = command.split(maxsplit=1)[1] if " " in command else ""
    said = explanation.casefold()
    if names_parts(command, explanation):
        return True  # "busybox은 이미지 이름이고, custom은 태그 이름이다": it names the example's parts
    samples = _SAMPLE_NAME.findall(args)  # names with digits: flask1, ubuntu:flask0to1
    return bool(samples) and not any(x.strip(' /"=').casefold() in said for x in samples)


def reads_aloud(command: str, explanation: str) -> bool:
    """``kubectl describe deployment`` / "Describe a deployment": the explanation says every
    word of the command after its program name, so asking for the command gives it away."""
    words = [
        w.casefold()
        for w in command.split()[1:]
        if w.strip("-") and not re.fullmatch(r"[<\[{(].*[>\]})]|[A-Z_]{2,}|\.{3}", w)
    ]  # placeholders (<name>, [OPTIONS], NAME, ...) say nothing
    said = {w.casefold().strip(".,:;()") for w in plain_inline(explanation).split()}
    said -= _ARTICLES
    if len(words) >= 2 and words[0] in _CLI_VERBS:
        # "kubectl get events" / "List all events in the cluster": the verb is said in other
        # words, the object in the same ones — asking what it does is an echo too
        words = words[1:]
    return bool(words) and all(w.strip("-") in said for w in words)


def says_its_verb(command: str, explanation: str) -> bool:
    """`kubectl delete -f x.yaml` / "Delete a resource", `kubectl scale --replicas=3 rs/foo` /
    "Scale a replicaset …": the explanation opens on the command's own sub-command."""
    parts = [w for w in command.split()[1:] if not w.startswith("-")]
    said = plain_inline(explanation).split()
    if not parts or not said or len(parts[0]) < 3 or not parts[0].isalpha():
        return False
    verb = said[0].casefold().strip(".,:;()")
    sub = parts[0].casefold()
    return verb == sub or verb in (sub + "s", sub + "es", sub + "d", sub + "ed")


_CLI_VERBS = frozenset(
    "get list ls show describe create delete rm remove run start stop restart apply edit set "
    "view logs exec top add inspect".split()
)


# Output, data and sessions: shown in notes, never code to write from memory.
_DATA_LANGS = frozenset(
    "text txt plaintext output log logs json jsonc xml csv tsv pycon python-repl ipython irb "
    "console-output diff patch html svg".split()
)


_DEMO_OUTPUT = re.compile(
    r"\b(?:console\.log|print|println|printf|puts|System\.out\.print\w*)\s*\(.*\)\s*;?\s*(?://|#)\s*\S"
)
_EXAMPLE_ADDRESS = re.compile(
    r"^\s*(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+)?(?:[a-z]+://|www\.|/)\S*"
    r"\s*(?:\((?:[xXoO0]|✗|✓)\))?\s*(?:(?:-|#|//)\s.*)?$"
)


# "The output of the code above would be:", "…, you can also use:": a lead-in that only
# announces the code ("…jQuery isArray method:" names it), nothing of what it does
_ANNOUNCES = re.compile(r"(?i)\b(?:would be|will be|should be|is|are|use|used)$")
# a declaration of literal values only ("var arrayList = [1 , 2, 3];", "x = 5")
_LITERAL_SETUP = re.compile(
    r"\s*(?:(?:var|let|const|val|final|int|long|double|float|String|str|auto)\s+)?[A-Za-z_]\w*"
    r"\s*(?::\s*[\w\[\]<>]+\s*)?=\s*(?:\[[^\[\]()]*\]|\{[^{}()]*\}|\d[\d_.]*|'[^']*'|\"[^\"]*\"|"
    r"true|false|null|None|True|False)\s*;?\s*(?://.*|#.*)?$"
)
# "You can define a macro constant by using `#define macro`. For example:": the program after it
# is the notes' example, neither code to write from memory nor what the sentence explains
_FOR_EXAMPLE = re.compile(
    r"(?i)(?:^|[.!?]\s+|,\s*)(?:for example|for instance|e\.g\.|example|예를 들어|예시|예제)\s*[:：,]?\s*$"
)
# "왜냐하면 null의 타입은 object이고 …", "…의 경우 \"0\"의 타입은 string이고": reasoning about a
# demonstration whose output its comments show, not what the code does
_REASONS = re.compile(r"^왜냐하면|의 경우\s|\bin this case\b", re.IGNORECASE)
_LOOK_AT = re.compile(r"(?i)(?:take|have)\s+a\s+look\s+at\b|look\s+at\b|check\s+out\b|see\b")
_MAY_USE = re.compile(r"(?i)\b(?:can|could|may|might)\s+(?:also\s+)?use[ds]?\b")
_PURPOSE = re.compile(r"(?i)(?:^|,\s*)to\s+[a-z]+|\bin order to\b|\bso that\b")


def code_blocks(ctx: Ctx) -> list[CardDraft]:
    """A code block in another language with the sentence right before it that says what it
    does: "write the code that does this" → the code, and "what does this code do?"."""
    cards: list[CardDraft] = []
    for b in walk_blocks(ctx.section.blocks):
        if b.kind is not BlockKind.CODE or not b.lead or b.lang in _DATA_LANGS:
            continue
        code = b.code.strip("\n")
        lines = code.split("\n")
        if not code.strip() or len(lines) > MAX_CODE_LINES:
            ctx.warn(f"line {b.line}: a code block of {len(lines)} lines is too long for a card")
            continue
        if lines[0].lstrip().startswith(">>>") and all(
            x.lstrip().startswith((">>>", "...", "#")) or not x.strip() for x in lines
        ):
            continue  # ">>> 'Alice' 'Bob'" / "# 'AliceBob'": a session at the prompt, its example
        if all(_EXAMPLE_ADDRESS.match(x) for x in lines if x.strip()):
            # "http://restapi.example.com/houses/apartments/ (X)", "GET /members/delete/1 (x)":
            # the rule's example addresses, nothing to write back or to explain
            continue
        filled = [x for x in lines if x.strip()]
        if (
            len(filled) == 1
            and _LITERAL_SETUP.match(filled[0])
            and not re.search(r"//|#", filled[0])
        ):
            continue  # "var arrayList = [1 , 2, 3];": the example's data, no code to explain
        lead = b.lead[-1]
        if tells_not_asks(plain_inline(lead.text)):
            continue  # "You can define a macro constant by using #define macro. For example"
        if (
            re.fullmatch(
                r"(?i)(?:for|in|with|on|using|without|by)\s+\S+(?:\s+\S+)?\s*[:：]?",
                plain_inline(lead.text).strip(),
            )
            or len(plain_inline(lead.text).split()) == 1
            or exclaims(plain_inline(lead.text))
            or _FOR_EXAMPLE.search(plain_inline(lead.text))
            or _LOOK_AT.match(plain_inline(lead.text))
            or (_DEMO_OUTPUT.search(code) is not None and _REASONS.search(plain_inline(lead.text)))
            or (
                (
                    _ANNOUNCES.search(plain_inline(lead.text).rstrip(" :："))
                    or _MAY_USE.search(lead.text)
                )
                and not _PURPOSE.search(plain_inline(lead.text))
            )
        ):
            # "For objects", "For arrays:", "소스", "자바도 이게 된다니!": a caption, a label or
            # an exclamation, says nothing the code does
            continue
        expl = t.para(t.inline(clip(lead.text.rstrip(" :："))))
        shown = t.pre(code)
        anchor = plain_inline(lead.text) or lines[0]
        cards.extend(
            both_ways(
                ctx,
                anchor,
                expl,
                shown,
                ("code_write", "code", {}),
                ("code_explain", "code-explain"),
                line=lead.line,
                end=b.end,
                sibling=f"code:{b.line}",
                # "Person.prototype.getFullName = …": an example's own names, not to write back
                # ("console.log(double(2)) // 4": a demonstration whose output is shown, to
                # read and explain, not code to write back)
                forward=_MADE_UP_IDENT.search(code) is None and _DEMO_OUTPUT.search(code) is None,
            )
        )
    return cards
