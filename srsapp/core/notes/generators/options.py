"""A program's option list pasted into the notes (``docker build --help``, ``python -m base64 -h``).

Lab notes often keep the ``--help`` output of the tool they study. Its option lines are pairs:
``-f, --file string    Name of the Dockerfile``. Each becomes "which option of <program> does
this?", cued by the program the help was asked of.
"""

from __future__ import annotations

import re

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, clip, draft, front, walk_blocks
from ..lang import prompt
from ..parser import BlockKind, LineKind, NoteLine

# "  -f, --file string     Name of the Dockerfile", "      --no-cache      Do not use cache"
_GNU = re.compile(
    r"^\s{0,10}(?P<opt>(?:-[A-Za-z0-9](?:,\s*|\s+(?=--)))?--?[A-Za-z0-9][\w-]*)"
    r"(?:[ =](?P<arg>[A-Za-z<\[][\w<>\[\]|.-]*))?\s{2,}(?P<desc>\S.{2,})$"
)
# "-d, -u: decode", "-e: encode (default)"
_COLON = re.compile(r"^\s{0,10}(?P<opt>-[A-Za-z0-9](?:,\s*-[A-Za-z0-9])*)\s*:\s+(?P<desc>\S.{2,})$")
_HELP_CMD = re.compile(r"\s+(?:--help|-h|help)\b.*$")
_SUDO = re.compile(r"^(?:sudo\s+)+")
_PY_MODULE = re.compile(r"^python[\d.]*\s+-m\s+")
MIN_OPTIONS = 3  # fewer option-like lines are no option list
MAX_OPTIONS = 40


def _option(ln: NoteLine) -> tuple[str, str, bool] | None:
    """(option, what it does, whether the description names it) of an option line."""
    text = ln.raw.rstrip() if ln.raw else ln.text
    m = _GNU.match(text) or _COLON.match(text)
    if m is None:
        return None
    desc = m.group("desc").strip()
    if not re.search(r"[A-Za-z\uac00-\ud7a3]{2}", desc):
        return None
    opt = m.group("opt").strip()
    long_name = re.findall(r"--([\w-]+)", opt)
    words = set(re.findall(r"[a-z0-9]+", desc.lower()))
    named = bool(long_name) and all(w in words for w in long_name[0].lower().split("-"))
    return opt, desc, named


def _program(lines: list[NoteLine], fallback: str) -> str:
    """The program the help belongs to: "docker build" of "$ sudo docker build --help"."""
    for ln in lines:
        if ln.kind is LineKind.COMMAND and _HELP_CMD.search(ln.command or ln.text):
            cmd = _SUDO.sub("", _HELP_CMD.sub("", ln.command or ln.text)).strip()
            return _PY_MODULE.sub("python -m ", cmd)
    return fallback


# a sample value quoted in an option's description: the help page's own test, not a use
_SAMPLE_VALUE = re.compile(r"['\"“][^'\"”]*[\s:][^'\"”]*['\"”]")


_SAMPLE_RANGE = re.compile(r"\(\s*\d[\d\s,.-]*\)")
_HELP_OPTION = re.compile(r"(?:-h|--help|-\?)(?:,\s*(?:-h|--help))?")


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    for b in walk_blocks(ctx.section.blocks):
        if b.kind not in (BlockKind.FENCE, BlockKind.CODE):
            continue
        lines = b.lines or [
            NoteLine(LineKind.CODE, raw.strip(), b.line + 1 + i, raw, False)
            for i, raw in enumerate(b.code.split("\n"))
        ]
        pairs = [(ln, pair) for ln in lines if (pair := _option(ln)) is not None]
        if len(pairs) < MIN_OPTIONS:
            continue
        program = _program(lines, ctx.section.title)
        for ln, (opt, desc, named) in pairs[:MAX_OPTIONS]:
            if named:
                continue  # "--ulimit  Ulimit options": the description gives it away
            if _SAMPLE_VALUE.search(desc) or _SAMPLE_RANGE.search(desc):
                continue  # "-t  encode and decode string 'Aladdin:open sesame'": a self-test;
                # "--cpuset-cpus  CPUs in which to allow execution (0-3, 0,1)": sample values
            if _HELP_OPTION.fullmatch(opt):
                continue  # "-h, --help  Print usage": every program's, nothing to learn
            cards.append(
                draft(
                    ctx,
                    CardKind.COMMAND,
                    f"{program} {opt}",
                    front(
                        ctx.path,
                        prompt("option_to", ctx.lang, x=program),
                        t.para(t.esc(clip(desc, 160))),
                    ),
                    t.para(t.code(opt)),
                    variant="option",
                    line=ln.line,
                    sibling=f"option:{ln.line}",
                )
            )
        if len(pairs) > MAX_OPTIONS:
            ctx.warn(f"{program}: {len(pairs)} options listed, the first {MAX_OPTIONS} are asked")
    return cards


__all__ = ["generate"]
