"""cloze: one sentence with its key term hidden → the term. At most one cloze per sentence.

The key term is what the author marked (`code`, **bold**, an ALL-CAPS instruction name) when
it is a good term, else the best noun phrase ``keyterms.key_terms`` finds (Korean nouns by
morphological analysis, English defined terms and noun phrases). Never a stopword, never a
word the concept path gives away, never one item of a list that stays visible, never part of a
longer name, never a number or something inside an example's parentheses; and the sentence
must keep enough other words to stay answerable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import Ctx, clip, draft, front, norm, plain_inline, walk_lines
from ..keyterms import key_terms
from ..lang import prompt
from ..parser import PROSE_KINDS, NoteLine

MIN_REST_LETTERS = 8
MAX_SENTENCE = 240
_CAPS = re.compile(r"(?<![A-Za-z0-9_./-])[A-Z][A-Z0-9_]{2,}(?![A-Za-z0-9_/])")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
_LETTER = re.compile(r"[^\W\d_]")
_HOLE = "\x00"
_SPACES = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACES.sub("", text).casefold()


_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def terms_of(line: NoteLine) -> list[tuple[str, str]]:
    """(term, how it is written) for each term the author marked, in order, deduplicated."""
    text = line.text
    found: list[tuple[int, str, str]] = []
    if line.markdown:
        found += [(m.start(), m.group(1), "code") for m in _CODE.finditer(text)]
        found += [(m.start(), m.group(1), "bold") for m in _BOLD.finditer(text)]
    masked = _CODE.sub(lambda m: " " * len(m.group(0)), text) if line.markdown else text
    found += [(m.start(), m.group(0), "caps") for m in _CAPS.finditer(masked)]
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for _pos, term, how in sorted(found):
        term = term.strip()
        if term and term not in seen:
            seen.add(term)
            out.append((term, how))
    return out


def _hide(text: str, term: str, markdown: bool) -> str:
    """Every free-standing occurrence of ``term`` replaced by the hole (not inside a longer
    word: "이미지" is not hidden in "컨테이너이미지")."""
    if markdown:
        text = text.replace(f"`{term}`", f"`{_HOLE}`").replace(f"**{term}**", f"**{_HOLE}**")
    return re.sub(rf"(?<![^\W_]){re.escape(term)}(?![A-Za-z0-9_])", _HOLE, text)


def _in_visible_list(sentence: str, term: str) -> bool:
    """``RUN, CMD, ENTRYPOINT``: one item of a list whose other items stay visible."""
    esc = re.escape(term)
    return bool(
        re.search(rf"(?:^|[\s(])\S{{1,40}}\s*[,、/]\s*{esc}(?![\w])", sentence)
        or re.search(rf"(?<![\w]){esc}\s*[,、/]\s*\S", sentence)
    )


def _in_example(sentence: str, term: str) -> bool:
    return any(term in m.group(0) for m in _PARENS.finditer(sentence))


def _good(sentence: str, term: str, path_text: str) -> bool:
    if not term or not _LETTER.search(term) or len(term) > 60:
        return False
    if norm(term) in path_text:
        return False
    if _in_visible_list(sentence, term) or _in_example(sentence, term):
        return False
    rest = sentence.replace(term, " ")
    return len(_LETTER.findall(rest)) >= MIN_REST_LETTERS and len(rest.split()) >= 2


def choose_term(ctx: Ctx, ln: NoteLine, avoid: Iterable[str] = ()) -> tuple[str, str] | None:
    """The one term to hide in the line, and how it is written ("code", "caps", "bold", "")."""
    sentence = plain_inline(ln.text)
    path_text = norm(" ".join((*ctx.path, *avoid)))
    marked = [(term, how) for term, how in terms_of(ln) if _good(sentence, term, path_text)]
    if marked:
        return marked[0]
    spans = []
    for term, _how in terms_of(ln):
        pos = sentence.find(term)
        if pos >= 0:
            spans.append((pos, pos + len(term)))
    for cand in key_terms(sentence, lang=str(ctx.lang), avoid=(*ctx.path, *avoid), marked=spans):
        if _good(sentence, cand.text, path_text):
            return cand.text, ""
    return None


def cloze_card(
    ctx: Ctx,
    ln: NoteLine,
    *,
    context: NoteLine | None = None,
    avoid: Iterable[str] = (),
) -> CardDraft | None:
    """The cloze of one line (with the bullet it sits under shown as context), or None."""
    if len(ln.text) > MAX_SENTENCE:
        return None
    chosen = choose_term(ctx, ln, avoid)
    if chosen is None:
        return None
    term, how = chosen
    hidden = _hide(ln.text, term, ln.markdown)
    if _HOLE not in hidden or _squash(term) in _squash(plain_inline(hidden.replace(_HOLE, " "))):
        return None  # the term is still there ("shell형식" when "shell 형식" is hidden)
    shown = t.inline(hidden).replace(_HOLE, "[...]")
    answer = t.code(term) if how in ("code", "caps") else t.esc(term)
    extra_html = []
    if context is not None:
        extra_html.append(f'<div class="hint">{t.inline(clip(context.text, 120))}</div>')
    extra_html.append(t.para(shown))
    return draft(
        ctx,
        CardKind.CLOZE,
        plain_inline(ln.text),
        front(ctx.path, prompt("cloze", ctx.lang), *extra_html),
        t.para(answer),
        variant=term,
        line=ln.line,
        sibling=f"cloze:{ln.line}",
    )


def generate(ctx: Ctx) -> list[CardDraft]:
    """A cloze for every prose line of the section that has a good key term (for tests and
    previews; the deck's clozes are made by the prose generator, one fact per line)."""
    cards: list[CardDraft] = []
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind in PROSE_KINDS:
            card = cloze_card(ctx, ln)
            if card is not None:
                cards.append(card)
    return cards


__all__ = ["choose_term", "cloze_card", "generate", "terms_of", "clip"]
