"""Markdown notes → a tree of sections whose bodies are classified blocks and lines.

markdown-it-py gives the block structure (headings, lists, quotes, fences, paragraphs)
with source line maps. Inside that structure every *line* of prose, and every line of a
fence without a language tag (people write prose in fences), is classified again:
shell command, ``#`` comment, ``KEY : meaning``, numbered step, question, conclusion,
sentence... Associations a reader makes are resolved here too: which comment or
sentence explains which command, which lines answer a question, which fence describes
a short bullet just above it (a "named item").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from markdown_it import MarkdownIt
from markdown_it.token import Token

from srsapp.core.errors import NotesError
from srsapp.core.forked import fork_tasks
from srsapp.core.model import nfc
from srsapp.core.text import inline_text

from .context import poor_lead, tells_not_asks, without_framing
from .keyterms import is_stopword
from .labels import is_label, label_key, label_tail
from .lang import has_hangul
from .scan import AtEnd

MAX_LINE = 2000  # longer lines are cut (a card never shows more than a screen anyway)
MAX_SOURCE_LINE = 20000  # cut before Markdown parsing, so a 5 MB line stays fast
_MAX_NESTING = 60

_MD = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table")
BOLD_LEVEL = 7  # a line that is only **bold** is a sub-heading below every real heading

# Fences whose lines are shell commands (prompts stripped, output lines are not commands).
SHELL_LANGS = frozenset(
    "bash sh shell console zsh fish ksh powershell pwsh ps ps1 cmd bat batch terminal "
    "shell-session sh-session shellsession bash-session".split()
)
# Languages whose ``#`` / ``--`` / ``//`` comments may explain the line they sit on or above.
_HASH_COMMENT_LANGS = frozenset(
    "dockerfile docker yaml yml toml ini conf cfg properties nginx apache makefile make hcl "
    "terraform tf gitignore dockerignore env dotenv".split()
)
_DASH_COMMENT_LANGS = frozenset("sql mysql postgresql psql plsql sqlite hive lua haskell".split())


class LineKind(StrEnum):
    BLANK = "blank"
    COMMENT = "comment"  # "# text" inside a fence
    COMMAND = "command"  # a shell command line
    KEYVAL = "keyval"  # KEY : meaning / KEY - meaning
    STEP = "step"  # "1. text" inside a fence or paragraph
    QUESTION = "question"
    ANSWER = "answer"  # a sentence that answers the question before it
    CONCLUSION = "conclusion"  # "=> text" / "-> text"
    SENTENCE = "sentence"
    CODE = "code"  # code that is not a shell command (Dockerfile lines, options, outlines)
    LABEL = "label"  # a lone word
    LINK = "link"  # a line made only of links


PROSE_KINDS = frozenset({LineKind.SENTENCE, LineKind.ANSWER, LineKind.CONCLUSION})


@dataclass
class NoteLine:
    kind: LineKind
    text: str  # the line without its marker ("# ", "1. ", "=> "), inline Markdown kept
    line: int  # 1-based line in the notes file
    raw: str = ""
    markdown: bool = True  # inline Markdown is meaningful (False for fence lines)
    key: str = ""  # KEYVAL
    value: str = ""  # KEYVAL
    number: int = 0  # STEP
    command: str = ""  # COMMAND (and a conclusion that is a command)
    explanation: list[NoteLine] = field(default_factory=list)  # COMMAND
    inline_explanation: str = ""  # COMMAND: "docker export 컨테이너를 ..." / "cmd  # comment"
    remote: bool = False  # COMMAND: explanation comes from the group before
    question: str = ""  # QUESTION
    answer: list[NoteLine] = field(default_factory=list)  # QUESTION
    inline_answer: str = ""  # QUESTION: "태그란? 답..."
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)
    arrow: bool = False  # KEYVAL written "case → result"
    chain: list[str] = field(default_factory=list)  # KEYVAL "A → B → C": the steps in order
    role: str = ""  # "explanation" | "answer" | "step" | "step-body" | "output" (claimed)
    lang: str = ""  # a line of a fence in another language than shell (``yaml``, ``sql``...)


class BlockKind(StrEnum):
    PROSE = "prose"
    BULLETS = "bullets"
    STEPS = "steps"
    QUOTE = "quote"
    IMAGE = "image"
    FENCE = "fence"  # a fence without language: prose lines
    CODE = "code"  # a fence with a language tag, or indented code
    TABLE = "table"  # a Markdown table: header cells and rows of cells (inline Markdown kept)


@dataclass
class Step:
    number: int
    head: NoteLine
    body: list[NoteLine] = field(default_factory=list)


@dataclass
class Item:
    lines: list[NoteLine]  # the item's own paragraph (first line = head)
    line: int
    end: int
    number: int = 0  # ordered lists
    children: list[Block] = field(default_factory=list)

    @property
    def head(self) -> NoteLine:
        return self.lines[0]


@dataclass
class Block:
    kind: BlockKind
    line: int
    end: int
    lines: list[NoteLine] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    lang: str = ""
    code: str = ""
    src: str = ""  # IMAGE
    alt: str = ""  # IMAGE
    children: list[Block] = field(default_factory=list)  # QUOTE
    steps: list[list[Step]] = field(default_factory=list)  # FENCE / PROSE: runs of numbered steps
    header: list[str] = field(default_factory=list)  # TABLE
    rows: list[list[str]] = field(default_factory=list)  # TABLE
    row_lines: list[int] = field(default_factory=list)  # TABLE: the line of each row
    shell: bool = False  # FENCE: a fence tagged bash/console/...: prompts stripped
    lead: list[NoteLine] = field(default_factory=list)  # CODE: the sentence that explains it

    def groups(self) -> list[list[NoteLine]]:
        """Lines split at blank lines."""
        out: list[list[NoteLine]] = [[]]
        for ln in self.lines:
            if ln.kind is LineKind.BLANK:
                if out[-1]:
                    out.append([])
            else:
                out[-1].append(ln)
        return [g for g in out if g]


@dataclass
class Section:
    title: str
    level: int  # 0: the part before the first heading
    path: tuple[str, ...]
    line: int
    end: int = 0
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    derived: dict[str, object] = field(default_factory=dict, repr=False)  # generators' caches

    def has_body(self) -> bool:
        return any(b.kind is not BlockKind.IMAGE for b in self.blocks)


@dataclass
class NotesDoc:
    title: str
    path: str
    root: Section
    sections: list[Section]  # every section in document order (root first when it has a body)
    images: list[tuple[tuple[str, ...], str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- lines

_HANGUL_START = re.compile(r"^[\uac00-\ud7a3\u3130-\u318f]")
_LIST_MARK = re.compile(r"^[-*+•]\s+(?=\S)")
_STEP = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_TASK_THEN_COMMAND = re.compile(r"^(\S.*[가-힣].*?)\s*[:：]\s*`?[a-z][a-z0-9-]{1,15}`?$")
_PAGE_REF = re.compile(
    r"(?i)^(?:(?:p{1,2}\.?\s?|(?:slides?|pages?)\s+)\d+(?:\s*[-–~]\s*(?:p{1,2}\.?\s?)?\d+)?"
    r"|\d+\s?(?:페이지|쪽)(?:\s*[-–~]\s*\d+\s?(?:페이지|쪽)?)?)\s*[-–~]?\s*$"
)
_CIRCLED_STEP = re.compile(r"^([①-⑳])[.)]?\s*(\S.*)$")
_COMMENT = re.compile(r"^#+(?:\s+|$)(.*)$")
_CONCLUSION = re.compile(r"^(?:=>|->|⇒|→)\s*(.*)$")
_REQUEST_END = re.compile(
    r"(?:세요|시오|주세요|보세요|해봐|하라)[.!]?\s*$|^(?:explain|describe|discuss|compare|name|list)\b",
    re.IGNORECASE,
)
_WHOLE_CODE = re.compile(r"^`([^`]+)`\s*:?$")
_BULLET_CHAR = re.compile(r"^[•·▪◦‣]\s*")
# a program's log or stack trace: "web_1  | …" (a compose service's prefix), "at pkg.Cls.m(F.java:4)",
# "Caused by: …", "Exception in thread …"
_LOG_LINE = re.compile(
    r"^(?:[\w.-]+_\d+\s+\||\s*at\s+[\w$.<>/]+\(|Caused by:|Exception in thread\b|"
    r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d|\[(?:INFO|WARN|WARNING|ERROR|DEBUG)\])"
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_TYPED_BULLET = re.compile(r"^[*+-]\s+(?=\S)")
_OPTION = re.compile(r"^[A-Ea-e]\s*[:)]\s+\S")
# "데이터의 양이 적고 삽입/삭제 빈번함 → LinkedList": a case and what it leads to
_ARROW = re.compile(r"^(\S.{5,}?)(?:\s*[→⇒]\s*|\s+(?:->|=>)\s+)(\S.{0,60})$")  # not "A->B"
_KV_COLON = re.compile(r"^([^:：]{1,64}?)(\s*)[:：](\s*)(.*)$")
_CHAIN_ARROW = re.compile(r"\s*[→⇒]\s*|\s+(?:->|=>)\s+")  # not "ptr->next->val"


def _has_arrow(text: str) -> bool:
    """Whether ``text`` has an arrow that _ARROW or _CHAIN_ARROW could match."""
    return "→" in text or "⇒" in text or "->" in text or "=>" in text


_MATH_SPAN = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$")
_LOGIC_SYMBOL = re.compile(r"[≡∧∨¬↔⊕⊢⊨∀∃]")


def _formula_arrows(text: str) -> bool:
    """The arrows of a formula ("$$(p → q) ∧ (p → r) ≡ p → (q ∧ r)$$", "p → q ≡ ¬p ∨ q"): an
    implication, not an order of steps or a case and what it leads to."""
    if _LOGIC_SYMBOL.search(text):
        return True
    if re.match(r"^\s*[-*]?\s*[A-Z][\w']?\s*(?:→|->)\s*[A-Z][\w']?\b", text):
        return True  # "X → Y → Z 종속이 있을 경우, …": variables, a dependency written out
    parts = [p.strip(" '\"“”‘’`") for p in re.split(r"→|->|⇒|=>", text)]
    if sum(len(p) == 1 and not p.isascii() for p in parts) >= 2:
        return True  # ""문재인": 문 → 재 → 인": a string read a character at a time (Latin
        # single letters name a graph's nodes: "A → C → D is shorter than …")
    return "$" in text and not _has_arrow(_MATH_SPAN.sub(" ", text))


CHAIN_STEP_MAX = 80
# "`reboot`, `init 6`, `shutdown -r now`": a key that is a list of marked commands
_CODE_LIST_KEY = re.compile(r"(?:`[^`]+`\s*,\s*)*`[^`]+`")
_KV_DASH = re.compile(r"^(\S[^:]{0,39}?)\s+[-–—]\s+(\S.*)$")
# a word with a case particle: a phrase that says something, not a name (common uses it too)
KO_PHRASE = re.compile(r"[가-힣](?:으로|로|을|를|에서|에게|에|이|가|은|는)\s")
_KV_GT = re.compile(r"^([^\W\d][^:>=<]{0,39}?)\s+>\s+(\S.*)$")
_INLINE_Q = re.compile(r"^(.{1,120}?[?？])\s+(\S.*)$")
_TRAILING_COMMENT = re.compile(r"^(.*?\S)\s+#\s+(\S.*)$")
_PROG = re.compile(r"^[a-z][\w.+-]*$")
_FLAG = re.compile(r"^--?[A-Za-z]")
_ARGISH = re.compile(r"[-/.:=|$`{}\[\]<>~*@'\"\d]")
_PLAIN_WORD = re.compile(r"^[a-z][a-z0-9_-]*$")
_CAPS_WORD = re.compile(r"^[A-Z][A-Z0-9_]+$")
_CODE_START = re.compile(r"^[-/\[{<$~.!\\|]")
_STOPWORDS = frozenset(
    "the a an is are was were be been of to in on for and or with this that these those it its "
    "you we they i he she can will would should must not by as at from if then when which what "
    "how why there here has have had do does did so but".split()
)


def fold(text: str) -> str:
    """NFC and whitespace folded: the form anchors and comparisons use."""
    return " ".join(nfc(text).split())  # (str.split's whitespace is exactly re's \s)


def is_command(text: str, *, strict: bool = False) -> bool:
    """A shell command line: a lowercase program name followed by arguments, not a sentence.

    ``strict`` (for lines of Markdown prose, where ``bind mount`` is a name): the arguments
    must look like arguments (a flag, a path, a ``key=value``...).
    """
    if has_hangul(text) or len(text) > 500:
        return False
    toks = text.split()
    if any(t in (":", "-", "–", "—", "=") for t in toks):  # "KEY : meaning" shape
        return False
    if toks and toks[0] == "sudo":
        toks = toks[1:]
    if len(toks) >= 3 and (toks[0], toks[-1]) in (("[[", "]]"), ("[", "]")):
        return True  # "[[ -d ${file} ]]": the shell's test, a command of its own
    if len(toks) < 2 or not _PROG.match(toks[0]):
        return False
    if any(t in ("==", "!=", ">=", "<=") for t in toks) and not any(
        t.startswith("-") for t in toks
    ):
        return False  # "lastTermOfVoter > lastTermOfCandidate || (… == …)": an expression
    rest = toks[1:]
    flags = any(_FLAG.match(t) for t in rest)
    words = [t.lower().strip(",.;:!") for t in toks]
    if not flags:
        if any(w in _STOPWORDS for w in words):
            return False
        # a sentence ends in "word." — a lone "." is an argument (``git add .``)
        if text.rstrip().endswith((".", "!")) and len(toks) >= 2 and len(toks[-1]) > 2:
            return False  # ("road networks.": the end of a hard-wrapped sentence, too)
    if flags or any(_ARGISH.search(t) for t in rest):
        # "word, word" lists are prose, not arguments
        return not all(t.endswith(",") for t in toks[:-1])
    if strict:
        return False
    return len(toks) <= 4 and all(_PLAIN_WORD.match(t) for t in rest)


def _one_line_command(text: str) -> tuple[str, str] | None:
    """``docker export 컨테이너의 파일 시스템을 ...``: a command and its explanation on one line."""
    toks = text.split()
    n = 0
    while n < len(toks) and toks[n].isascii():
        n += 1
    if n < 2 or n >= len(toks) or not _HANGUL_START.match(toks[n]):
        return None
    if len(toks) - n < 2:
        return None
    prefix = toks[:n]
    if _FLAG.match(prefix[-1]):  # "docker run -p 옵션으로 ..." talks about the flag
        return None
    command = " ".join(prefix)
    if not is_command(command):
        return None
    return command, " ".join(toks[n:])


# "(필수) ", "(선택) ", "[중요] " before a term: a tag, not part of it
_TAG = re.compile(r"^(?:[(（][^)）]{1,10}[)）]\s*|\[[^\]\[()]{1,10}\]\s+)")
_BOLD_KV_SEP = re.compile(r"^\*\*([^*]{1,60}?)\s*(?:[:：]\*\*|\*\*\s*(?:[:：]|[-–—](?=\s)))")
_IDENT = re.compile(r"^[a-z_][a-z0-9_.-]*$")
_LETTERS = re.compile(r"[^\W\d_]{2}")
_BIG_O = re.compile(
    r"^[OΘΩo]\([^()]*(?:\([^()]*\))?[^()]*\)"
)  # "시간복잡도: O(n^2)": a cost, not data


_DATA_VALUE = re.compile(
    r"^(?:true|false|none|null|nil|yes|no|on|off|\d[\d.,:%]*\w{0,3})$|^[\"'/\[{<(]", re.IGNORECASE
)


def _open_math(key: str) -> bool:
    """A key that opens a formula its value closes ("$$\\text{BN}_{\\gamma, \\beta}" of
    "$$\\text{BN}_{\\gamma, \\beta}: x_1 … $$"; not "$target", a name in JavaScript)."""
    if "$" not in key:
        return False
    if key.count("$$") % 2:
        return True
    return bool(key.replace("$$", "").count("$") % 2 and re.search(r"\\[A-Za-z]|[{}^_]", key))


def _keyval(text: str) -> tuple[str, str] | None:
    kv = keyval_shape(text)
    if kv is not None and _DANGLING_DASH.search(kv[1]):
        # "… `DataFrame` - [:octopus:](github…) [:snake:](pypi…)": the links (drawn as icons)
        # are taken out of the line already; the dash before them is left
        kv = (kv[0], _DANGLING_DASH.sub("", kv[1]))
    if (
        kv is not None
        and _OUTPUT_KEY.match(kv[0].strip("*_` "))
        and re.search(r"[.。]$|[가-힣]다\.?$", kv[1].strip())
    ):
        # "output: 왼쪽 table의 모든 값이 출력되고 …": what the code above printed, said in a
        # sentence (not "Output: spam or not", a field of an example)
        return None
    if kv is not None and _POINTER_KEY.search(kv[0]):
        return None  # "더 상세한 내용은 링크 참고: 자바의 추상 클래스와 …": a link's caption
    if kv is not None and _open_math(kv[0]):
        return None  # "$$\text{BN}_{\gamma, \beta}: x_1 … $$": a colon inside a formula
    if kv is not None and _SEE_ALSO.search(kv[1]):
        # "tǎo yàn (annoyed, annoying). See also from L14, 討論 …": a pointer to another entry
        # of the notes, no part of the meaning
        meaning = _SEE_ALSO.sub("", kv[1]).strip()
        kv = (kv[0], meaning) if _LETTERS.search(meaning) else kv
    if kv is not None and _FILE_NAME.fullmatch(kv[1].strip()) and "://" not in kv[1]:
        return None  # "Open: Pasted image 20240310234552.png" (an embed's caption): no meaning
    if kv is not None and _CODE_THEN_COMMENT.search(kv[0]):
        return None  # "console.log(y);  // Output: ReferenceError: …": code and what it prints
    if kv is not None and (
        _DATA_VALUE.match(kv[1])
        # ("P(B|A)": a conditional probability, no alternatives)
        or re.search(r"\[-|\w\|\w|^\.\.\./", _GIVEN_THAT.sub("", kv[1]))
    ):
        return None  # "ENABLE_USER_SITE: True", "path: '/usr/lib'": output or data, no meaning
    if kv is not None and re.search(r"[,，:：]$|(?:고|며|는데|지만),?$", kv[1]):
        return None  # "…생성할 수 있고,", "Here's another way:": half a sentence, or a lead-in
    if kv is not None and _CUT_AT_A_WORD.search(kv[1]):
        return None  # "Distance Vector Routing Algorithm: Routes are advertised by": cut short
    if kv is not None and _FORMULA_VALUE.search(kv[1]) and re.fullmatch(r"[\w.]+", kv[0].strip()):
        return None  # "LastByteSent – LastByteAcked <= min{cwnd, rwnd}": one formula, not a term
    if kv is None:
        m = _BOLD_LEAD.match(text)  # "**Dockerfile 작성 방법** Dockerfile은 …"
        key = _TAG.sub("", m.group(1).strip()) if m else ""
        if (
            m
            and _good_key(key)  # "(필수) Dockerfile 작성 방법": the term without its tag
            and not _BIG_O.match(key)  # "**O(n)** 시간이 걸리는 과정을 …": a cost, no term
            and "**" not in m.group(2)  # "… 과정을 **재귀 호출 후에 진행**": a sentence marked
            and not _CUT_AT_A_WORD.search(m.group(2).strip())  # "***X*** Routes are advertised by"
        ):
            return key, m.group(2).strip().lstrip(":： ")
    return kv


_OUTPUT_KEY = re.compile(
    r"(?i)^(?:output|outputs|result|results|출력|결과|실행\s?결과|결과값|출력\s?결과)$"
)
_DANGLING_DASH = re.compile(r"\s+[-–—]\s*$")
_EXAMPLE_KEY = re.compile(r"(?i)^(?:ex|e\.g\.?|eg|예|예시)\s*\d*\s*[)\].:]")
_GIVEN_THAT = re.compile(r"\b(?:P|Pr|E|p)\(\s*[\w,]+\s*\|\s*[\w,]+\s*\)")
# a value that stops on a word that needs more ("… are advertised by", "… the", "… and")
_CUT_AT_A_WORD = re.compile(
    r"\s(?:by|of|to|for|with|from|into|the|a|an|and|or|than|as)$", re.IGNORECASE
)
_FORMULA_VALUE = re.compile(r"^[\w.{}()\[\]]+\s*(?:<=|>=|<|>|==|=|≤|≥)\s")
_POINTER_KEY = re.compile(
    r"(?i)(?:링크|글|포스트|문서)\s?참고$|자세한 내용은"
    r"|^(?:see|read) (?:the |this )?(?:link|post|article|docs?)\b|\bdetails in\b"
)
_SEE_ALSO = re.compile(r"(?i)(?:[.;,]\s*|\s+[-–—]\s+|\s+)(?:\(\s*)?(?:see also|cf\.)\s.*$")
_FILE_NAME = re.compile(r"(?i)[^\n]{0,80}\.(?:png|jpe?g|gif|svg|webp|bmp|pdf|mp4|mov)\]*")
_CODE_THEN_COMMENT = re.compile(r"[;)\]}]\s*(?://|#)\s*\w|^\s*//")
_BOLD_LEAD = re.compile(
    r"^\*\*([^*]{2,40})\*\*\s+(?!(?:is|are|was|were|can|will|has|have|does|do|means|uses"
    # ("**Chirality** in molecules refers to …": the bold word is the sentence's subject)
    r"|in|of|on|for|with|refers?|allows?|provides?|describes?|represents?|consists?|contains?"
    r"|occurs?|happens?|helps?|makes?|takes?|gives?|lets?|keeps?|stores?|holds?|returns?)\b)"
    r"(?!(?:은|는|이|가|이란|란|을|를|의|에|에서|으로|로|와|과|도)\s)"  # "**Demand Paging** 는 …"
    # ("**타입 추론** 덕분에 …", "**CPU** 같은 자원": the bold word is part of the sentence)
    r"(?!(?:덕분에|덕택에|때문에|처럼|보다|만큼|같이|같은|등|및|또는|이나|마다|부터|까지|만)[\s,])"
    r"(\S.{5,})$"
)


def keyval_shape(text: str) -> tuple[str, str] | None:
    """(key, meaning) of a line shaped as ``KEY : meaning`` / ``KEY - meaning`` / ``**KEY**
    text``, whether or not it is kept as one (a line that is not may still name its own term)."""
    m = _BOLD_KV_SEP.match(text)  # **Term:** text / **Term**: text / **Term** – text
    if m:
        key = _TAG.sub("", m.group(1).strip())  # "(필수) Dockerfile 작성 방법": without its tag
        value = text[m.end() :].strip()
        if value and _good_key(key, bold=True):
            return key, value
        return None
    m = _KV_COLON.match(text) if ":" in text or "：" in text else None
    if m:
        key, before, after, value = m.group(1).strip(), m.group(2), m.group(3), m.group(4).strip()
        key = _TAG.sub("", key) if key.startswith("[") else key  # "[중요] function closure"
        if (
            (before or after)
            and value
            and _good_key(key)
            and not _placeholder(key, value)
            and (_LETTERS.search(value) or _BIG_O.match(value))  # "1, 4, 6" is example data
        ):
            return key, value
    m = _KV_DASH.match(text) if "-" in text or "–" in text or "—" in text else None
    if m is None and " > " in text:
        # "Hybrid cloud > uses both public and private clouds …": '>' between a term and its
        # meaning, as '-' is (not "x > 0", a comparison)
        m = _KV_GT.match(text)
        if m and (
            len(m.group(2).split()) < 2
            or ">" in m.group(2)
            # ("작년에는 제스트 > 모카 였는데": a comparison)
            or KO_PHRASE.search(m.group(1) + " ")
        ):
            m = None  # ("Postgres > SQLite >> MySQL": a ranking)
    if m:
        key, value = _LABEL_BEFORE_CODE.sub("", m.group(1).strip()), m.group(2).strip()
        if (
            _good_key(key)
            # "Even more fun than tokenize - …" is a sentence; `git commit -m "msg"` a command
            and (len(key.split()) <= 3 or _CODE_LIST_KEY.fullmatch(key.strip()) is not None)
            and not value.startswith(("-", ">"))
            and _LETTERS.search(value)
        ):
            return key, value
    return None


_ARTICLES = frozenset({"a", "an", "the"})
_SETTING_WORDS = frozenset("In On At For With Without From During After Before Unlike Like".split())
# "**What** `tcp_moderate_rcvbuf` - If set, …": a word in bold labels the term in backticks
_LABEL_BEFORE_CODE = re.compile(r"^\*\*[^\W\d_]+[:：]?\*\*[:：]?\s+(?=`[^`]+`$)")


def _example_pair(m: re.Match[str]) -> bool:
    """``t1 : …`` (a step label) or ``… : 1, 4, 6, 1, 6`` (numbers): example data."""
    key, value = m.group(1).strip(), m.group(4).strip()
    short_label = 0 < sum(ch.isalpha() for ch in key) < 2 and len(key) <= 4
    return short_label or not (_LETTERS.search(value) or _BIG_O.match(value))


def _placeholder(key: str, value: str) -> bool:
    """``mountpoint : hostdir``, ``key: value``: syntax with placeholders, not a term."""
    return bool(_IDENT.match(key) and _IDENT.match(value))


_WARNING_KEY = re.compile(
    r"^(?:do\s+not|don'?t|never|always|must(?:\s+not)?|avoid|please|remember)$", re.IGNORECASE
)


_KEY_ADVERBS = frozenset("sometimes often usually also then so thus hence however".split())
_KEY_DANGLING = frozenset("this these that those it them".split())


def _good_key(key: str, *, bold: bool = False) -> bool:
    """Whether ``key`` can be the term of a ``KEY : meaning`` line. ``bold``: the author set it
    in bold, a term however many small words it has ("**Degree of a tree** - …")."""
    if _CODE_LIST_KEY.fullmatch(key.strip()) and len(key) <= 64:
        return True  # commands in backticks, flags and all: "`shutdown -r now` : 재부팅"
    if not key or len(key) > 40 or len(key.split()) > 5 or "http" in key.lower():
        return False
    if _WARNING_KEY.match(key.strip(" *_")):
        return False  # "__DO NOT__ use `X-Content-Security-Policy` …": a warning, not a term
    if key.count("(") > key.count(")") or key.rstrip().endswith(":"):
        return False  # "Add another route (Destination: 0.0.0.0/0 …)", "(::/0": inside an aside
    if len(key.strip("*_` ")) < 2:  # "A: …", "1: …": an option's letter, not a term
        return False
    if sum(ch.isalpha() for ch in key) < 2 or "=" in key or key[0] in "\"'“‘(":
        return False  # "t2", "Availability (Total) = 1", a quotation
    if key.split()[0].lower() in _ARTICLES:  # "a snapshot: ..." is a sentence, not a term
        return False
    if len(key.split()) >= 2 and key.split()[0] in _SETTING_WORDS:
        return False  # "In many languages: every syllable has a vowel": where it holds, no term
    if (
        not bold
        and len(key.split()) >= 2
        and (key.split()[0].lower() in _KEY_ADVERBS or key.split()[-1] in _KEY_DANGLING)
    ):  # ("INSTEAD OF : …" is SQL's keyword, in capitals)
        return False  # "Sometimes this - called the scalar product …": a sentence cut at a
        # dash or a colon, no term
    if key[-1] in ".。!?？,":
        return False
    words = key.split()
    if len(words) > 2 and not bold and sum(w.lower() in _STOPWORDS for w in words) >= 2:
        return False  # "Even more fun than tokenize": a phrase, not a term
    if any(_FLAG.match(t) for t in key.split()[1:]):
        return False
    return any(ch.isalnum() for ch in key)


def _said_in_a_sentence(value: str) -> bool:
    """A meaning written as a sentence (it ends like one, or runs to six words or more)."""
    words = _CHAIN_ARROW.sub(" ", value).split()
    return len(words) >= 6 or re.search(r"(?:다|함|음|것)\.?$", value.strip()) is not None


def _question_like(body: str) -> bool:
    body = body.strip()
    if not body:
        return False
    if has_hangul(body):
        return len(body) >= 2
    return len(body.split()) >= 2 and any(ch.isalpha() for ch in body)


def _prose_in_backticks(inner: str) -> bool:
    """Hangul words and a sentence end, no code tokens: prose someone put in backticks."""
    words = inner.split()
    hangul = sum(1 for w in words if re.search(r"[\uac00-\ud7a3]{2}", w))
    return (
        len(words) >= 4
        and hangul >= 0.6 * len(words)
        and not re.search(r"[{}();=<>\[\]$|]|--?[a-z]", inner)
    )


# "Q. 선점형 스케줄링이란?", "**Q: What is a deadlock?**", "Q1) …?": a question's marker
_Q_MARK = re.compile(r"^(\*\*)?(?:Q\d{0,2}|질문\s?\d{0,2})\s*[.:)]\s*(?:\*\*\s*)?(?=\S)")
# "A. 실행 중인 …", "**A:** CPU가 …", "답: …": its answer's marker
_A_ALONE = re.compile(r"^(?:\*\*)?(?:A\d{0,2}|답변?)\s*[.:)]\s*(?:\*\*)?\s*$")
_A_MARK = re.compile(r"^(\*\*)?(?:A\d{0,2}|답변?)\s*[.:)]\s*(?:\*\*\s*)?(?=\S)")


_SR_CARD = re.compile(r"^([^:`]{1,120}?)\s*:{2,3}\s*([^:\s].*)$")  # "front::back", "term:::meaning"
# "… - 2시간 25분.", "… 3시간 15분 (0.5).", "… - 45 minutes": the time an entry of a log took
_LOG_RECORD = re.compile(
    r"(?:\s[-–—]\s*|[.:]\s*|\s)(?:약\s?)?\d+(?:[.,]\d+)?\s?(?:시간|분|hours?|hrs?|minutes?|mins?)"
    r"(?:\s?\d+\s?(?:분|minutes?|mins?))?\.?(?:\s*\([\d.]+\))?\.?$"
)
# what a time is a fact of ("유지 시간", "timeout", "주기"): the time is its value, a fact
_TIME_WORD = re.compile(
    r"(?i)시간|기간|주기|간격|지연|timeout|time|ttl|duration|interval|period|latency|delay"
)
_LINK_DEF = re.compile(r"^\[[^\]\n]+\]:\s*<?(?:[a-z]+://|/|\./|#)\S*>?(?:\s+[\"'(].*)?$")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\s]+\]:")
_MDX_IMPORT = re.compile(r"^import\s+[\w{}, *]+\s+from\s+['\"][^'\"]+['\"];?$")


def _unmarked(text: str, mark: re.Pattern[str]) -> str:
    """``text`` without its "Q." / "A:" marker (and the bold around the whole line)."""
    m = mark.match(text)
    if m is None:
        return text
    rest = text[m.end() :]
    if m.group(1) and rest.endswith("**") and "**" not in rest[:-2]:
        rest = rest[:-2].rstrip()  # "**Q: 문맥 교환이란?**"
    return rest


# a click in a lab's console ("Edit 클릭", "NAT-INSTANCE 선택", "Route Tables 로 이동") or the
# lecture's own values ("Name tag 설정 (강의에서는 MyIGW)", "(강사는 안함)"): a step to follow
# once, no fact to recall
_CLICK_STEP = re.compile(
    r"(?:^|\s)(?:클릭|선택)(?:하고|한\s?후|한\s?뒤)?\s*[.!]?\s*$|\((?:강의에서는|강의에선|강의에서|강사는)\s"
)


# "EX) `https://test.com/test.pdf?index=5`", "예) …": an example shown, no fact and no title
_TEXT_COLUMNS = re.compile(r"\S {3,}(?=\S)")
_EX_LINE = re.compile(r"^(?:\*\*)?(?:(?:ex|eg|e\.g\.|예|예시)\)|ex\.|e\.g\.)\s", re.IGNORECASE)


_ASCII_RULE = re.compile(r"^\s*(?:\S{1,6}\s*=\s*)?-{5,}\s*$")
_LOGIC_EXPRESSION = re.compile(r"\w\s*(?:==|!=)\s*\w.*(?:&&|\|\|)|(?:&&|\|\|).*\w\s*(?:==|!=)\s*\w")
# (as Markdown reads it: "~~ end" opens nothing, "~~" there stands for elided code)
_STRUCK = re.compile(r"~~(?=\S)[^~\n]*?(?<=\S)~~\s?")
_TEX_ROW = re.compile(r"&=&|\\\\\s*$|^\\(?:begin|end)\{|^&\s?=")


def _data_line(text: str, line: int, raw: str, markdown: bool, role: str) -> NoteLine:
    """A line of data, not prose: code with what it is (an example's value, a table's row,
    output), so that no generator asks it."""
    out = NoteLine(LineKind.CODE, text, line, raw, markdown)
    out.role = role
    return out


def classify(raw: str, line: int, *, markdown: bool) -> NoteLine:
    """Classify one line of notes text."""
    # ("\u200b\t\t- `Active`: …": a zero-width space that kept a typed list line a paragraph)
    raw_text = _ZERO_WIDTH.sub("", raw) if "\u200b" in raw or "\ufeff" in raw else raw
    invisible = raw_text != raw
    text = _BULLET_CHAR.sub("", raw_text.strip())  # "• PATCH 요청은 …": a bullet typed as text
    typed_item = False
    if (raw.startswith("\u00a0") or invisible) and markdown:
        untyped = _TYPED_BULLET.sub("", text)  # "&nbsp;&nbsp;* `Integer Type` : …": one too
        typed_item, text = untyped != text, untyped
    if markdown and "~~" in text:
        text = _STRUCK.sub("", text).strip()  # "~~0.3~~ 0.6": what the author crossed out
        if not text:
            return NoteLine(LineKind.BLANK, "", line, raw, markdown)
    if markdown and ("&" in text or "\\" in text) and _TEX_ROW.search(text) and "$" not in text:
        # "x^Tx + y^Ty &=& {(x-y)}^T(x-y) \\" inside a "$" … "$" display: a row of a formula
        return NoteLine(LineKind.CODE, text, line, raw, markdown)
    if (
        ("==" in text or "!=" in text)
        and not has_hangul(text)
        and _LOGIC_EXPRESSION.search(text)
        and " -" not in text
    ):
        # "lastTermOfVoter > … || (lastTermOfVoter == … && …)": a condition written as code
        return NoteLine(LineKind.CODE, text, line, raw, markdown)
    if (
        markdown
        and "   " in text
        and ":" not in text  # ("p iff q      : …", "Linear array: O(1),      …": a key, padded)
        and ";" not in text  # ("x ^= y; y ^= x;    Swap Values": code and what it does)
        and "|" not in text  # (a table's row, its cells padded: read as a table)
        and len(_TEXT_COLUMNS.findall(text.strip())) >= 2
    ):
        # "precision   1로 예측한 것 중 맞게 예측한 것   tp/tp+fp": a row of a table drawn in
        # text with spaces, whose cells are no sentence (the fence's "figure", line by line)
        return NoteLine(LineKind.CODE, text, line, raw, markdown)
    if _BARE_URL.match(text):
        # "https://doc.rust-lang.org/book/ch07-02-….html" alone on its line: where to read
        link = NoteLine(LineKind.LINK, text, line, raw, markdown)
        link.links = [(text, text)]
        return link
    if markdown and (
        has_hangul(text) and _CLICK_STEP.search(text) and " : " not in text or _EX_LINE.match(text)
    ):
        return _data_line(text, line, raw, markdown, "example")
    tf = (
        _TRUE_FALSE.match(text)
        if markdown and ":" in text and any(w in text for w in _TF_WORDS)
        else None
    )
    if tf is not None and not _VALUE_SLOT.search(tf.group("s")):
        # a knowledge check's "The combined statement only applies to reversible processes:
        # *false*.": a true-or-false question, answered by the verdict and what follows it
        verdict = tf.group("tf").strip("*_").lower()
        word = verdict if verdict in ("참", "거짓") else verdict.title()
        why = tf.group("why").strip()
        statement = tf.group("s").strip()
        statement += "" if statement.endswith((".", "다", "!")) else "."
        return NoteLine(
            LineKind.QUESTION,
            text,
            line,
            raw,
            markdown,
            question=(
                f"참인가 거짓인가? {statement}"
                if has_hangul(statement)
                else f"True or false? {statement}"
            ),
            inline_answer=f"{word}. {why}".strip(),
        )
    sr = _SR_CARD.match(text) if markdown and "::" in text else None
    if sr is not None and sr.group(1).count("(") > sr.group(1).count(")"):
        sr = None  # "Add another route (::/0 , target = …)": an IPv6 address, in an aside
    if sr is not None and (sr.group(2).startswith("/") or sr.group(1).rstrip().endswith(",")):
        sr = None  # "… 443 / 0.0.0.0, ::/0 추가": an IPv6 address (any), no front and back
    if sr is not None and (" " in sr.group(2) or has_hangul(text) or " " in sr.group(1)):
        # Obsidian's spaced-repetition cards: "Mitochondria::the powerhouse of the cell",
        # "리보솜:::단백질을 합성하는 세포 소기관", "What is ATP?::the energy currency"
        front, back = sr.group(1).strip(), sr.group(2).strip()
        if front.endswith(("?", "？")):
            return NoteLine(
                LineKind.QUESTION, text, line, raw, markdown, question=front, inline_answer=back
            )
        return NoteLine(LineKind.KEYVAL, text, line, raw, markdown, key=front, value=back)
    if (
        markdown
        and text.startswith(":")
        and re.match(r":\s+\S", text)
        and not re.match(r":\s*\w+:", text)
    ):
        text = text[1:].strip()  # ": 두 객체 중 하나가 …" under its term: a definition list's mark
    if markdown and text.startswith("[") and re.match(r"\[[ xX]\]\s", text):
        return NoteLine(LineKind.SENTENCE, text, line, raw, markdown)  # "[ ] …": a to-do
    if markdown and _MDX_IMPORT.match(text):
        return NoteLine(LineKind.CODE, text, line, raw, markdown)  # an MDX page's import line
    if markdown and ("분" in text or "시간" in text or "min" in text or "hour" in text):
        rec = _LOG_RECORD.search(text)
        if rec is not None and not _TIME_WORD.search(text[: rec.start()]):
            # "사교 업무: 식물보호단체 회의 - 2시간 25분.", "집필 - 29시간 15분.": a diary's record
            # of time spent, not a term and its meaning
            return _data_line(text, line, raw, markdown, "example")
    if markdown and raw.count("\t") >= 2 and len([c for c in raw.split("\t") if c.strip()]) >= 3:
        # "1\t컴퓨터의 이해 및 구성\t- 데이터의 표현 …": a row pasted from a spreadsheet or a
        # web page's table (a syllabus, a timetable): its cells, no sentence
        return _data_line(text, line, raw, markdown, "table")
    if markdown and _EXAMPLE_KEY.match(text) and re.search(r"\s[:：]\s", text):
        # "ex1) 대립가설 : 프라푸치노의 칼로리는 340kcal보다 크다.": an example's own statement
        return _data_line(text, line, raw, markdown, "example")
    if markdown and text.startswith("[") and (_FOOTNOTE_DEF.match(text) or _LINK_DEF.match(text)):
        # "[^lyubishev-41]: 류비셰프. 4장. 41쪽.": a footnote, where a quote comes from;
        # "[fragment1.png]:https://github.com/…/fragment1.png": where a link or an image points
        return NoteLine(LineKind.LINK, text, line, raw, markdown)
    if markdown and _Q_MARK.match(text) and _unmarked(text, _Q_MARK).endswith(("?", "？")):
        text = _unmarked(text, _Q_MARK)  # "Q. 선점형 스케줄링이란?": the marker is no part of it
    if len(text) > MAX_LINE:
        text = text[:MAX_LINE].rstrip() + "…"
        return NoteLine(LineKind.SENTENCE, text, line, raw, markdown)
    if not text:
        return NoteLine(LineKind.BLANK, "", line, raw, markdown)
    if not markdown and re.match(r"^[\s│|`]*[├└]──", text):
        return NoteLine(LineKind.CODE, text, line, raw, markdown)  # "├── App.js # …": a tree
    if not markdown and _LOG_LINE.match(text):
        return _data_line(text, line, raw, markdown, "output")  # "web_1  | at com.mysql…"
    if not markdown:
        text = _LIST_MARK.sub("", text)
        letters = sum(ch.isalpha() for ch in text)
        if len(text) >= 8 and letters < 0.4 * len(text.replace(" ", "")):
            return NoteLine(LineKind.CODE, text, line, raw, markdown)  # "0,0-0,0: ENCODING …"
        m = _COMMENT.match(text)
        if m:
            body = m.group(1).strip()
            if body:
                return NoteLine(LineKind.COMMENT, body, line, raw, markdown)
            return NoteLine(LineKind.CODE, text, line, raw, markdown)
    # ("&nbsp;* `String Class`": a name listed, not code)
    whole_code = _WHOLE_CODE.match(text) if markdown and not typed_item else None
    if whole_code and _prose_in_backticks(whole_code.group(1)):
        # "`앱 수준과 같은 사용자 경험을 웹에서 제공하는 것이 목적!`": a sentence set off in
        # backticks for emphasis, not code
        text = whole_code.group(1).strip()
        whole_code = None
    if whole_code and len(whole_code.group(1).strip()) >= 2:
        # "`CREATE TRIGGER [트리거이름]`" alone on its line: code the next sentence explains
        code = fold(whole_code.group(1))
        cmd_line = NoteLine(LineKind.COMMAND, code, line, raw, markdown, command=code)
        if not is_command(code):
            cmd_line.lang = "code"
        return cmd_line
    if markdown and text.count("|") >= 2 and " | " in text:  # a table row broken by a newline
        return _data_line(text, line, raw, markdown, "table")
    if markdown and _OPTION.match(text):  # "A: Lydia and undefined": a quiz option
        opt = NoteLine(LineKind.SENTENCE, text, line, raw, markdown)
        opt.role = "option"
        return opt
    m = _STEP.match(text)
    if m:
        return NoteLine(
            LineKind.STEP, m.group(2).strip(), line, raw, markdown, number=int(m.group(1))
        )
    m = _CIRCLED_STEP.match(text)
    if m:  # "① 명령어 인출(Instruction Fetch)": numbered as "1." is
        number = ord(m.group(1)) - ord("①") + 1
        return NoteLine(LineKind.STEP, m.group(2).strip(), line, raw, markdown, number=number)
    m = _CONCLUSION.match(text)
    if m:
        body = m.group(1).strip()
        if not body:
            return NoteLine(LineKind.CODE, text, line, raw, markdown)
        if is_command(body):
            return NoteLine(LineKind.COMMAND, body, line, raw, markdown, command=fold(body))
        return NoteLine(LineKind.CONCLUSION, body, line, raw, markdown)
    m = _INLINE_Q.match(text)
    if m and text.rstrip().endswith(("?", "？")):  # "What is X? Why?" is one question
        m = None
    if m and re.match(r"(?:은|는|이|가|을|를|와|과|도|란|이란|라는|라고|하는|하고)\s", m.group(2)):
        m = None  # "데이터를 어떻게 나눌것인가? 는 … 와 같다.": a question quoted in a sentence
    if m and _REQUEST_END.search(m.group(2)):  # "데드락이 뭔가요? 발생 조건에 대해 말해보세요."
        return NoteLine(LineKind.QUESTION, text, line, raw, markdown, question=text)
    if m and _question_like(m.group(1)[:-1]):
        q = m.group(1)
        if has_hangul(q) and q[:-1].rstrip().endswith("란") or len(q.split()) >= 2:
            return NoteLine(
                LineKind.QUESTION, text, line, raw, markdown, question=q, inline_answer=m.group(2)
            )
    if text.endswith(("?", "？")) and _question_like(text[:-1]):
        return NoteLine(LineKind.QUESTION, text, line, raw, markdown, question=text)
    m = _TRAILING_COMMENT.match(text) if not markdown and "#" in text else None
    if m and is_command(m.group(1)):
        return NoteLine(
            LineKind.COMMAND,
            m.group(1),
            line,
            raw,
            markdown,
            command=fold(m.group(1)),
            inline_explanation=m.group(2),
        )
    cheat = None if markdown else _cheat_line(text, raw, line, keys_only=False)
    if cheat is not None:  # "C-b x   # close pane": a cheat sheet's keys and what they do
        return cheat
    kv = _keyval(text)
    if (
        kv
        and has_hangul(kv[0])
        and "`" not in kv[0]
        and len(kv[0].split()) >= 2
        and is_command(kv[1].strip(), strict=True)
    ):
        # "CA 개인키 생성 :  openssl genrsa -des3 -out ca.key 1024": a task, then the command
        # that does it (asked as a command, not "…의 뜻은?")
        cmd = kv[1].strip()
        return NoteLine(
            LineKind.COMMAND, cmd, line, raw, markdown, command=fold(cmd), inline_explanation=kv[0]
        )
    if kv and label_key(kv[0].strip("<>‹›«» ")) == "reference":
        # "<출처 : 망나니개발자 블로그 https://…>": where the picture or text came from
        return NoteLine(LineKind.LINK, text, line, raw, markdown)
    if kv and _BARE_URL.match(kv[1].strip()):
        # "PDF: https://…", "MutationObserver : https://codepen.io/…": where to read, no meaning
        return NoteLine(LineKind.LINK, text, line, raw, markdown)
    if (
        kv
        and _said_in_a_sentence(kv[1])
        and not _CHAIN_ARROW.search(kv[0])
        and not is_command(text)
    ):
        # "이행적 종속 : A -> B, B -> C 의 종속관계에서 …를 의미한다": a term whose meaning
        # is written with arrows, not an order of steps
        return NoteLine(LineKind.KEYVAL, text, line, raw, markdown, key=kv[0], value=kv[1])
    # (what _CHAIN_ARROW and _ARROW need: most lines have none)
    arrow = _has_arrow(text) and not _formula_arrows(text)
    steps = [p.strip(" -") for p in _CHAIN_ARROW.split(text)] if arrow else [text.strip(" -")]
    if len(steps) > 1 and steps[-1].casefold().rstrip(".") in ("등등", "등", "etc", "…", ".."):
        steps = steps[:-1]  # "… → 바이트코드 생성 → 등등": the chain goes on, no step to ask
    if (
        len(steps) >= 3
        and all(0 < len(p) <= CHAIN_STEP_MAX for p in steps)
        and not is_command(text)
        # ("(Therefore, 1 -> 2 -> 4 -> 8 -> …)": a sequence of values, no steps to recall)
        and not all(re.fullmatch(r"[\d\s.,…]*\)?", p) for p in steps[1:])
    ):
        # "Longest Match Rule → AD → Metric": an order of steps, not a case and its result
        return NoteLine(
            LineKind.KEYVAL,
            text,
            line,
            raw,
            markdown,
            key=" → ".join(steps[:-1]),
            value=steps[-1],
            arrow=True,
            chain=steps,
        )
    m = _ARROW.match(text) if arrow else None
    if m and m.group(1).count("(") > m.group(1).count(")"):
        m = None  # "… Memory Allocation(suspended ready → ready)에서 사용한다": an aside's arrow
    if m and not is_command(m.group(2).strip()) and "`" not in m.group(1)[-2:]:
        case, result = m.group(1).strip(" -"), m.group(2).strip()
        if len(case) >= 6 and not result.endswith(("?", "？")):
            return NoteLine(
                LineKind.KEYVAL, text, line, raw, markdown, key=case, value=result, arrow=True
            )
    shape = keyval_shape(text) if kv is None else None
    if shape is not None and re.search(r"(?:고|며|는데|지만),$", shape[1]):
        half = NoteLine(LineKind.SENTENCE, text, line, raw, markdown)
        half.role = "example"  # "docker commit 방식 : …할 수 있고,": a term whose meaning is cut
        return half
    if kv is None:
        m = _KV_COLON.match(text)
        if m and m.group(2) + m.group(3) and _placeholder(m.group(1).strip(), m.group(4).strip()):
            return NoteLine(LineKind.CODE, text, line, raw, markdown)
        if m and m.group(2) + m.group(3) and m.group(4).strip() and _example_pair(m):
            example = NoteLine(LineKind.CODE, text, line, raw, markdown)
            example.role = "example"  # "t1 : …", "Page Reference String : 1, 4, 6"
            return example
    if kv and not is_command(text):
        return NoteLine(LineKind.KEYVAL, text, line, raw, markdown, key=kv[0], value=kv[1])
    if is_command(text) and not markdown:
        return NoteLine(LineKind.COMMAND, text, line, raw, markdown, command=fold(text))
    one = _one_line_command(text) if not markdown else None
    if one:
        return NoteLine(
            LineKind.COMMAND,
            text,
            line,
            raw,
            markdown,
            command=fold(one[0]),
            inline_explanation=one[1],
        )
    toks = text.split()
    if len(toks) == 1:
        return NoteLine(LineKind.LABEL, text, line, raw, markdown)
    if not has_hangul(text) and (
        _CODE_START.match(text) or (_CAPS_WORD.match(toks[0]) and not markdown)
    ):
        return NoteLine(LineKind.CODE, text, line, raw, markdown)
    if is_command(text, strict=True):  # a command written in a paragraph
        return NoteLine(LineKind.COMMAND, text, line, raw, markdown, command=fold(text))
    return NoteLine(LineKind.SENTENCE, text, line, raw, markdown)


_PROMPT = re.compile(
    r"^(?:\$|%|❯|➜|PS(?: [^>]{0,80})?>|[A-Za-z]:\\[^>]{0,80}>|"
    r"[\w.-]{1,32}@[\w.-]{1,64}(?::[^$#\s]{0,80})?[$#]|\[[^\]]{1,80}\][$#])\s+(\S.*)$"
)
_ROOT_PROMPT = re.compile(r"^#\s+(\S.*)$")
_SHELL_PROG = re.compile(r"^(?:sudo\s+)?(?:[A-Za-z_./~][\w.+/~-]*|\[\[?)$")  # ("[[": the test)
_SHELL_CODE = re.compile(
    r"^(?:#!|if\b|then\b|fi\b|else\b|elif\b|for\b|do\b|done\b|while\b|case\b|esac\b|function\b|[{}()]|\w+=)"
)


def shell_prompt(text: str) -> str | None:
    """The command after a shell prompt (``$ ls``, ``PS C:\\> dir``, ``user@host:~$ make``)."""
    m = _PROMPT.match(text)
    return m.group(1).strip() if m else None


# a key of a binding: "C-b", "M-x", "Ctrl+Shift+P", "^A", "<leader>", "⌘K"; a named key
# written as a name ("Space", "Enter", "F5"), not as a word of code ("end", "return")
_KEY_TOKEN = re.compile(
    r"^(?:[CMSA]-\S.*|(?i:ctrl|control|cmd|alt|opt|option|shift|meta|super|win)(?:[-+]\S*)?|"
    r"\^[A-Z@\[\]\\^_?]|<[\w-]{1,20}>\S*|[⌘⌥⇧⌃]\S*|(?:Space|Spacebar|Enter|Return|Esc|"
    r"Escape|Tab|Backspace|Del|Delete|Ins|Insert|Home|End|PgUp|PgDn|PageUp|PageDown|Up|Down|"
    r"Left|Right|F\d{1,2}|SPACE|ENTER|RETURN|ESC|TAB|BACKSPACE|DEL|DELETE|HOME|END))$"
)
# a statement of a programming language, not a key or a command: "x = 1", "foo();", "def f():"
_STATEMENT = re.compile(
    r"\s[-+*/%|&]?=\s|[;{]$|\w\([^()]*\)$|^(?:def|class|import|from|return|var|let|const|"
    r"function|public|private|static|int|void)\s"
)
_STEP_MARK = re.compile(r"^\(?\d{1,2}[.)]\s+(?=\S)")


def keys_like(text: str) -> bool:
    """Keys pressed together or in turn ("C-b %", "Ctrl + C", "Space", "<leader> f")."""
    toks = text.split()
    return 0 < len(toks) <= 5 and not has_hangul(text) and any(_KEY_TOKEN.match(t) for t in toks)


# a key of an editor's cheat sheet: one or two characters ("dd", "x", "0"), two letters as
# alternatives ("p/P"), an ex command (":wq", ":%s/old/new/g"), a named key (<leader>, Esc),
# or the placeholder the keys take ("d *motion*", "*number* G")
_VIM_TOKEN = re.compile(
    r"(?:[!-~]{1,2}|[A-Za-z]/[A-Za-z]|:[!-~]+|<[\w-]{1,20}>|[CMSA]-\S{1,3}|leader|motion|number|count|char|"
    r"(?i:esc|escape|enter|tab|space|backspace)|(?i:ctrl|alt|shift|cmd)[-+]\S+)"
)
# "Delete whole line: dd", "Open/insert new line: o/O": a task in words, then its keys
_TASK_KEYS = re.compile(r"([A-Za-z][A-Za-z ,/'-]{2,40}?)\s*:\s+(\S.{0,80})$")


def vim_keys(value: str) -> bool:
    """Keys an editor's cheat sheet lists after the task ("dd", ":q! or :wq (with save)",
    "number G (defaults to end of file)"): at most four, an aside in parentheses after them."""
    v = re.sub(r"\s*\([^()]*\)\s*$", "", value).strip()
    if not v or len(v) > 30 or has_hangul(v):
        return False
    toks = [t for t in v.split() if t not in ("/", "or", "then")]
    if not 1 <= len(toks) <= 4 or all(t.isdigit() for t in toks):
        return False
    if re.fullmatch(r":[A-Za-z%!]\S*", toks[0]):
        return True  # ":e $MYVIMRC": an ex command and its arguments
    return all(_VIM_TOKEN.fullmatch(t) for t in toks)


def cheat_pair(text: str) -> tuple[str, str] | None:
    """``KEYS-or-COMMAND   # what it does``: a cheat sheet's line, split into the keys or
    command and its description (a "1. " numbering the description is left off). A sentence,
    or a statement of a programming language, with a comment after it is no such line."""
    m = _TRAILING_COMMENT.match(text.strip())
    if m is None:
        return None
    lhs, said = m.group(1).strip(), _STEP_MARK.sub("", m.group(2).strip())
    toks = lhs.split()
    if len(lhs) > 60 or len(toks) > 6 or has_hangul(lhs) or _STATEMENT.search(lhs):
        return None
    if not _LETTERS.search(said) or lhs.endswith((",", ".", ":", "\\")):
        return None
    if len(toks) >= 3 and sum(t.lower() in _STOPWORDS for t in toks) >= 2:
        return None  # "see the docs for more  # …": words, not keys
    if (_WORD.match(toks[0]) and not _KEY_TOKEN.match(toks[0])) or (
        len(toks) >= 2 and toks[1].lower() in _STOPWORDS
    ):
        return None  # "Maximize 1  # optimizing metric", "subject to N-1  # …": pseudo-code
    return lhs, said


def _cheat_line(text: str, raw: str, line: int, *, keys_only: bool) -> NoteLine | None:
    """A cheat sheet's ``keys  # description`` line as a command with its explanation (keys
    get ``lang="keys"``); ``keys_only``: other code is not taken (a prompted fence's output)."""
    pair = cheat_pair(text)
    if pair is None:
        return None
    lhs, said = pair
    keys = keys_like(lhs)
    if keys_only and not keys:
        return None
    ln = NoteLine(
        LineKind.COMMAND, lhs, line, raw, False, command=fold(lhs), inline_explanation=said
    )
    # "image: nginx  # web server", "x=1  # …": a line of code (YAML, a setting), not a command
    ln.lang = "keys" if keys else ("code" if re.search(r"\w:\s|=", lhs) else "")
    return ln


def classify_shell(raw: str, line: int, *, prompts: bool, root_prompts: bool) -> NoteLine:
    """A line of a fence tagged as shell: a command (prompt stripped), a comment, or output.

    ``prompts``: the fence writes its commands after a prompt, so lines without one are
    output. ``root_prompts``: ``# cmd`` is a root prompt (console sessions), not a comment.
    """
    text = raw.strip()
    if len(text) > MAX_LINE:
        return NoteLine(LineKind.CODE, text[:MAX_LINE], line, raw, False)
    if not text:
        return NoteLine(LineKind.BLANK, "", line, raw, False)
    cmd = shell_prompt(text)
    if cmd is None and (root_prompts or prompts):
        m = _ROOT_PROMPT.match(text)
        if (
            m
            and _SHELL_PROG.match(m.group(1).split()[0])
            and (root_prompts or is_command(m.group(1)))
        ):
            cmd = m.group(1).strip()  # "# pip install flask": a root prompt, not a comment
    if cmd is None and (not prompts or (text.startswith("#") and not root_prompts)):
        if text.startswith(("#", "REM ", "rem ", "::")):
            body = re.sub(r"^(?:#+|REM|rem|::)\s*", "", text).strip()
            if body and not text.startswith("#!"):
                return NoteLine(LineKind.COMMENT, body, line, raw, False)
            return NoteLine(LineKind.CODE, text, line, raw, False)
        first = text.split()[0]
        if (
            _SHELL_PROG.match(first)
            and not _SHELL_CODE.match(text)
            and not _CAPS_WORD.match(first)
            and (
                is_command(text.split("  #")[0]) or (len(text.split()) == 1 and _PROG.match(first))
            )
        ):
            cmd = text
    if cmd is None:
        # "C-b x   # close pane" (in a prompted fence only keys: other lines are output)
        cheat = _cheat_line(text, raw, line, keys_only=prompts)
        if cheat is not None:
            return cheat
        kind = LineKind.CODE
        ln = NoteLine(kind, text, line, raw, False)
        ln.role = "output" if prompts else ""
        return ln
    m = _TRAILING_COMMENT.match(cmd)
    explanation = ""
    if m:
        cmd, explanation = m.group(1), m.group(2)
    return NoteLine(
        LineKind.COMMAND,
        cmd,
        line,
        raw,
        False,
        command=fold(cmd),
        inline_explanation=explanation,
    )


_CONTINUED = re.compile(
    r"(?:\\|\{|\(|,|&&|\|\||[:=])\s*$|^\s*(?:END|end|\}|\)|on:)\b"
)  # half a statement

_COMMENT_MARK = {
    **{lang: "#" for lang in _HASH_COMMENT_LANGS},
    **{lang: "--" for lang in _DASH_COMMENT_LANGS},
}
# the line comment of languages whose code is asked only from a task, for their comment lines
# that pair a call with what it does
_LINE_COMMENT = {
    **{lang: "%" for lang in ("matlab", "octave")},
    **{lang: "#" for lang in ("python", "py", "python3", "ruby", "rb", "r", "perl", "julia")},
    **{
        lang: "//"
        for lang in "javascript js typescript ts java c cpp c++ cs csharp go rust kotlin kt "
        "swift scala php dart".split()
    },
}
# "% eye(n) - identity matrix of size n": a comment that is a cheat sheet's line, the call and
# what it does
_CALL_DASH_MEANING = re.compile(r"^(\S*\w\([^()]*\)\S*)\s+[-–—]\s+(\S.*)$")


def _call_comments(raws: list[str], first: int, mark: str) -> list[NoteLine]:
    """The comment lines of a fence that pair a call with what it does ("% eye(n) - identity
    matrix of size n", "// arr.at(-1) - the last element"): a cheat sheet kept in comments, one
    term each. The code around them is asked nowhere (no task names it)."""
    out: list[NoteLine] = []
    for n, raw in enumerate(raws):
        text = raw.strip()
        if not text.startswith(mark):
            continue
        call = _CALL_DASH_MEANING.match(text[len(mark) :].lstrip(mark[0]).strip())
        if call and len(_LETTERS.findall(call.group(2))) >= 2:
            body = f"{call.group(1)} - {call.group(2)}"
            out.append(
                NoteLine(
                    LineKind.KEYVAL,
                    body,
                    first + n,
                    raw,
                    False,
                    key=call.group(1),
                    value=call.group(2),
                )
            )
    return out


def classify_code(raw: str, line: int, lang: str) -> NoteLine:
    """A line of a fence in another language: code, a comment, or code with its comment."""
    text = raw.strip()
    if not text:
        return NoteLine(LineKind.BLANK, "", line, raw, False)
    ln = _classify_code(text, raw, line, lang)
    ln.lang = lang
    return ln


# "UPDATE items                    UPDATE items": two columns of code side by side (two
# sessions, before and after), no line of one statement
_SIDE_BY_SIDE = re.compile(r"\S {8,}\S")
_WORD = re.compile(r"^[A-Z][a-z]{2,}$")


def _classify_code(text: str, raw: str, line: int, lang: str) -> NoteLine:
    mark = _COMMENT_MARK.get(lang, "")
    if _SIDE_BY_SIDE.search(text.split(f" {mark} ")[0] if mark else text):
        return NoteLine(LineKind.CODE, text[:MAX_LINE], line, raw, False)
    if mark and text.startswith(mark) and not text.startswith("#!"):
        body = text[len(mark) :].lstrip(mark[0]).strip()
        if body and len(_LETTERS.findall(body)) >= 2 and not re.match(r"^\(?\d+[).]", body):
            return NoteLine(LineKind.COMMENT, body, line, raw, False)
        return NoteLine(LineKind.CODE, text, line, raw, False)
    if mark:
        m = re.match(rf"^(.*?\S)\s+{re.escape(mark)}\s+(\S.*)$", text)
        if m and len(m.group(1)) <= 200:
            return NoteLine(
                LineKind.COMMAND,
                m.group(1),
                line,
                raw,
                False,
                command=fold(m.group(1)),
                inline_explanation=m.group(2),
            )
        if len(text) <= 200 and not _CONTINUED.search(text) and not _LONE_KEYWORD.match(text):
            # ("SELECT" alone on its line: the first line of a statement, not one of its own)
            return NoteLine(LineKind.COMMAND, text, line, raw, False, command=fold(text))
    return NoteLine(LineKind.CODE, text[:MAX_LINE], line, raw, False)


_CODE_SPAN = re.compile(r"`+[^`\n]+`+")
_CODEISH = re.compile(r"[_\d*(),;=<>.+\[\]{}|/#'‘’\"-]|^[A-Z]{2,}$|^…")


def code_template(text: str) -> bool:
    """ "`SELECT` column1, column2 `FROM` table_name `WHERE` condition;", "`column4` `datatype`,":
    code written with its keywords marked, not a sentence (what is not marked is names and
    punctuation, at most a word for every two marked spans)."""
    spans = len(_CODE_SPAN.findall(text))
    if spans < 2:
        return False
    rest = _CODE_SPAN.sub(" ", text)
    if has_hangul(rest):
        return False
    tokens = rest.split()
    words = [w for w in tokens if not _CODEISH.search(w)]
    return 2 * len(words) <= spans and (len(tokens) > len(words) or not rest.strip(" ,"))


def _pair_lines(lines: list[NoteLine]) -> None:
    """Resolve what a reader links: lone KEYs, question answers, command explanations."""
    groups: list[list[NoteLine]] = [[]]
    for ln in lines:
        if ln.kind is LineKind.BLANK:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(ln)
    groups = [g for g in groups if g]
    for g in groups:
        for i, ln in enumerate(g):
            if ln.kind is LineKind.LABEL and ln.text[:1].isalpha() and len(ln.text) <= 40:
                near = [g[j] for j in (i - 1, i + 1) if 0 <= j < len(g)]
                if any(n.kind is LineKind.KEYVAL and n.value for n in near):
                    ln.kind, ln.key, ln.value = LineKind.KEYVAL, ln.text, ""
    for gi, g in enumerate(groups):
        for i, ln in enumerate(g):
            if ln.kind is LineKind.QUESTION and not ln.inline_answer:
                answer: list[NoteLine] = []
                if (
                    i + 1 < len(g)
                    and _Q_MARK.match(_BULLET_CHAR.sub("", ln.raw.strip()))
                    and _A_MARK.match(g[i + 1].text)
                ):
                    # "Q. …?" / "A: FCFS, SJF": the marked answer (not a quiz's option A)
                    nxt = g[i + 1]
                    nxt.text, nxt.role = _unmarked(nxt.text, _A_MARK), ""
                    if nxt.kind not in PROSE_KINDS:
                        nxt.kind = LineKind.SENTENCE
                for nxt in g[i + 1 :]:
                    if nxt.kind in (LineKind.QUESTION, LineKind.STEP) or nxt.role:
                        break
                    answer.append(nxt)
                if not answer and i == len(g) - 1 and gi + 1 < len(groups):
                    for nxt in groups[gi + 1]:
                        if nxt.kind in (LineKind.QUESTION, LineKind.STEP, LineKind.KEYVAL):
                            break
                        answer.append(nxt)
                for a in answer:
                    a.role = "answer"
                    if a.kind is LineKind.SENTENCE:
                        a.kind = LineKind.ANSWER
                ln.answer = answer
    _pair_commands(groups)


# "…로 돌아가서 병합한다", "build it and then run it": a comment that tells two steps
_STEPS_SAID = re.compile(
    r"[\uac00-\ud7a3](?<!에)(?:서|고)\s|(?:한|된) (?:후|뒤|다음)|\b(?:and then|then)\b", re.I
)


def _says_nothing_of_a_command(g: list[NoteLine], i: int) -> bool:
    """ "# bar" / "# 11" right after `echo $foo`: its output; "# foo=bar": code; "# or": a
    connector between two ways. None of them says what a command does."""
    text = g[i].text.strip()
    words = text.split()
    if len(words) == 1 and words[0].casefold() in ("or", "and", "또는", "혹은", "아니면"):
        return True
    if re.fullmatch(r"[\w.-]+=\S*|\$\s.*|<?https?://\S+>?", text):
        return True  # "foo=bar", "$ ls": code in a comment; "https://…": where to read
    if (
        i == 0
        and len(words) == 1
        and not has_hangul(text)
        and i + 1 < len(g)
        and re.match(r"[A-Za-z][\w.-]*:\s", g[i + 1].text)
    ):
        return True  # "#Service" over a manifest: the whole block's caption, not its next line
    prints = (
        i > 0
        and g[i - 1].kind is LineKind.COMMAND
        and re.match(r"\s*(?:echo|printf|print|cat|expr|bc|seq|console\.log)\b", g[i - 1].text)
    )
    return bool(prints) and len(words) <= 3 and not has_hangul(text) and not text.endswith(".")


_IMPORT = re.compile(
    r"^\s*(?:import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+)*\s*;?|from\s+[\w.]+\s+import\s+.+)$"
)


def _pair_commands(groups: list[list[NoteLine]]) -> None:
    for g in groups:
        for i, ln in enumerate(g):
            if ln.kind is not LineKind.COMMENT or ln.role:
                continue
            if _says_nothing_of_a_command(g, i):
                ln.role = "output"
                continue
            target = None
            if i + 1 < len(g) and g[i + 1].kind is LineKind.COMMAND:
                target = g[i + 1]
                if _IMPORT.match(target.text) and i + 2 < len(g):
                    # "# 정규식으로 찾아바꾸기" / `import re` / `re.sub(…)`: the import only
                    # makes the code after it possible; the comment says what that code does
                    after = next((x for x in g[i + 2 :] if not _IMPORT.match(x.text)), None)
                    if after is None or after.kind is not LineKind.COMMAND:
                        ln.role = "run-comment"  # (code this file does not read as commands)
                        continue
                    target = after
                if (
                    i + 2 < len(g)
                    and g[i + 2].kind is LineKind.COMMAND
                    and _STEPS_SAID.search(ln.text)
                ):
                    # "# 작업이 끝나면 main 으로 돌아가서 병합한다" over `git switch main` and
                    # `git merge …`: it says what the run does, not what the first command does
                    ln.role = "run-comment"
                    continue
            elif i > 0 and g[i - 1].kind is LineKind.COMMAND:
                target = g[i - 1]
            if target is not None and not target.inline_explanation and not target.explanation:
                target.explanation = [ln]
                ln.role = "explanation"
    for gi, g in enumerate(groups):
        for i, ln in enumerate(g):
            if ln.kind is not LineKind.COMMAND or ln.inline_explanation or ln.explanation:
                continue
            nxt = g[i + 1] if i + 1 < len(g) else None
            prev = g[i - 1] if i > 0 else None
            if nxt is not None and nxt.kind is LineKind.SENTENCE and not nxt.role:
                if code_template(nxt.text):
                    continue  # "`);`" after "`column4` `datatype`,": one statement, no sentence
                ln.explanation, nxt.role = [nxt], "explanation"
            elif prev is not None and prev.kind in PROSE_KINDS and not prev.role:
                if code_template(prev.text):
                    continue
                ln.explanation, prev.role = [prev], "explanation"
            elif i == 0 and gi > 0 and all(x.kind is LineKind.COMMAND for x in g):
                before = groups[gi - 1]
                tail: list[NoteLine] = []
                for x in reversed(before):
                    if x.kind not in PROSE_KINDS or x.role == "explanation":
                        break
                    tail.insert(0, x)
                if tail:
                    ln.explanation, ln.remote = tail[-2:], True


def step_runs(lines: list[NoteLine]) -> list[list[Step]]:
    """Runs of numbered steps: ``1.``, ``2.`` ... each with the lines right under it."""
    runs: list[list[Step]] = []
    cur: list[Step] = []
    blank = False
    for ln in lines:
        if ln.kind is LineKind.BLANK:
            blank = True
            continue
        if ln.kind is LineKind.STEP and (not cur or ln.number == cur[-1].number + 1):
            cur.append(Step(ln.number, ln))
            ln.role = "step"
        elif ln.kind is LineKind.STEP:
            if len(cur) >= 1:
                runs.append(cur)
            cur = [Step(ln.number, ln)]
            ln.role = "step"
        elif cur and not blank and ln.kind is not LineKind.QUESTION:
            cur[-1].body.append(ln)
            if not ln.role:
                ln.role = "step-body"
        elif cur:
            runs.append(cur)
            cur = []
        blank = False
    if cur:
        runs.append(cur)
    # a single "1." line is not a sequence: give it back to the prose
    out = []
    for run in runs:
        if len(run) >= 2:
            out.append(run)
        else:
            for st in run:
                st.head.role = ""
                st.head.kind = LineKind.SENTENCE
                for b in st.body:
                    if b.role == "step-body":
                        b.role = ""
    return out


# --------------------------------------------------------------------------- blocks


_SEPARATORS = re.compile(r"[\s/|·•,;:\-–—()\[\]<>]+")


def _wraps_at_width(tokens: list[Token]) -> bool:
    """Notes whose paragraphs are wrapped at a width: two lines or more of them end one
    sentence and cut the next ("…스레드를 스케줄한다. 선점형" / "멀티태스킹에서는 …")."""
    return _width_cuts(tokens) >= 2


def _width_cuts(tokens: list[Token]) -> int:
    """How many lines of the paragraphs end one sentence and cut the next (counted up to 2)."""
    cuts = 0
    for i, tok in enumerate(tokens[:-1]):
        if tok.type != "paragraph_open" or tok.level != 0:
            continue
        lines = tokens[i + 1].content.split("\n")
        cuts += sum(
            1
            for ln in lines[:-1]
            if not ln.rstrip().endswith((".", "!", "?", ":")) and _cut_after_an_end(ln.rstrip())
        )
        if cuts >= 2:
            return cuts
    return cuts


def _inline_lines(
    tok: Token,
    images: list[tuple[str, str, int]],
    *,
    sentences: bool = False,
    wrapped: bool = False,
) -> list[NoteLine]:
    """The physical lines of a paragraph, inline Markdown (`code`, **bold**) kept."""
    assert tok.map is not None
    lineno = tok.map[0] + 1
    parts: list[str] = []
    links: list[tuple[str, str]] = []
    link_text: list[str] | None = None
    href = ""
    out: list[NoteLine] = []
    only_links = True

    def flush() -> None:
        nonlocal parts, links, only_links
        joined = "".join(parts)
        if "\x01" in joined:
            joined = _exponents(joined)
        text = _glossed(joined).replace("⁍", "")  # (Notion's mark of an inline formula)
        if "[^" in text or "{:" in text:
            text = _FOOTNOTE_OR_ATTRS.sub("", text)
        if "](" in text and "`" not in text:
            text = _RAW_LINK.sub(r"\1", text)
        if "\\ce{" in text:
            text = _MHCHEM.sub(r"\1", text)
        if text.strip() or links:
            ln = classify(text, lineno, markdown=True)
            ln.links = links
            if (
                links
                and ln.kind is not LineKind.BLANK
                and (only_links or _mostly_links(text, links))
            ):
                ln.kind = LineKind.LINK
            out.append(ln)
        parts, links, only_links = [], [], True

    in_sup = 0  # inside <sup>…</sup>: a footnote mark ("grow.<sup>1</sup>"), not text
    exponent = False  # inside <sup>…</sup> after a number or a symbol: an exponent
    struck = False  # inside ~~…~~: what the author crossed out
    for c in tok.children or []:
        t = c.type
        if t in ("s_open", "s_close"):
            struck = t == "s_open"
            continue
        if struck and t in ("text", "code_inline"):
            continue
        if t == "html_inline" and _SUP.match(c.content.strip()):
            closing = c.content.strip().startswith("</")
            if exponent:
                exponent = not closing
                if closing:
                    parts.append("\x03")
                continue
            if not closing and not in_sup and _EXPONENT_BASE.search("".join(parts[-3:])):
                # "E = mc<sup>2</sup>", "10<sup>7</sup> K": an exponent, written small ("mc²")
                exponent = True
                parts.append("\x01")
                continue
            in_sup += -1 if closing else 1
            in_sup = max(in_sup, 0)
            continue
        if in_sup and t in ("text", "code_inline"):
            continue
        if t == "text":
            parts.append(c.content)
            if link_text is not None:
                link_text.append(c.content)
            elif c.content.strip() and not _SEPARATORS.fullmatch(c.content.strip()):
                only_links = False
        elif t == "code_inline":
            parts.append(f"`{c.content}`" if "`" not in c.content else c.content)
            if link_text is not None:
                link_text.append(c.content)
            else:
                only_links = False
        elif t in ("strong_open", "strong_close"):
            parts.append("**")
        elif t in ("softbreak", "hardbreak"):
            flush()
            lineno += 1
        elif t == "image":
            src = str(c.attrs.get("src", ""))
            images.append((src, c.content, lineno))
        elif t == "link_open":
            link_text, href = [], str(c.attrs.get("href", ""))
        elif t == "link_close":
            if link_text is not None:
                links.append(("".join(link_text).strip(), href))
            link_text = None
        elif t == "html_inline" and _SUB.fullmatch(c.content.strip()):
            parts.append("\x03" if c.content.strip().startswith("</") else "\x02")
        elif t in ("html_inline", "em_open", "em_close"):
            continue
        else:
            parts.append(c.content)
    flush()
    return _unwrapped(out, sentences=sentences, wrapped=wrapped)


_SUB = re.compile(r"</?sub\s*>", re.IGNORECASE)
# what an exponent follows: a digit, or a symbol of one or two letters ("mc", "x", "2^n")
_EXPONENT_BASE = re.compile(r"(?:\d|(?<![A-Za-z])[A-Za-z]{1,2}|\))$")
# "$\ce{H2O}$" (mhchem): a formula written as text, shown as the text ("H2O")
_MHCHEM = re.compile(r"\$?\\ce\{([^{}$\n]{1,80})\}\$?")
# "…[^steve-44]" (a footnote's mark), "{:style="max-width:500px"}" (kramdown attributes): no text
_FOOTNOTE_OR_ATTRS = re.compile(r"\[\^[^\]\s]+\](?!:)|\{:[^{}]*\}")


def _glossed(text: str) -> str:
    """<sub> spans ("해법<sub>Adaptive solutions</sub>", marked \x02 … \x03): a gloss of
    words is written in parentheses, "해법(Adaptive solutions)"; a short index stays one,
    "log_2"."""
    if "\x02" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if len(re.findall(r"[^\W\d_]", inner)) >= 3:
            return f"({inner})"
        return f"_{inner}" if inner else ""

    return re.sub(r"\x02([^\x02\x03]*)\x03", one, text).replace("\x02", "").replace("\x03", "")


# a line broken in the middle of a sentence (hard-wrapped prose): it ends on a word that
# cannot end one, and the next line goes on
_EN_GOES_ON = re.compile(
    r"(?:,|\b(?:the|a|an|of|to|and|or|in|on|for|with|that|is|are|was|be|by|as|at|from|"
    r"this|it|its|if|when|than|can|will|into|about|every|each|per|whose|which|where|while|"
    r"because|since))$",
    re.IGNORECASE,
)
_KO_GOES_ON = re.compile(
    r"[가-힣](?:을|를|이|가|은|는|에|의|와|과|고|며|서|면|으로|로|에서|하여|해서|지만|므로|니까|"
    r"는데|도록|면서|거나|든지|려면|처럼|보다|부터|까지|에게|도),?$|(?:^|\s)(?:한|할|두|세|그|이|저)$"
)


def _unwrapped(
    lines: list[NoteLine], *, sentences: bool = False, wrapped: bool = False
) -> list[NoteLine]:
    """The lines of a paragraph with a hard-wrapped sentence joined back into one line
    ("What is so powerful about … of a system like PostgreSQL" / "is that I can make …")."""
    out: list[NoteLine] = []
    cut: NoteLine | None = None  # the last sentence of a joined line, short as it may be
    # a paragraph of its own with a line that ends a sentence and cuts the next one: the
    # writer wraps at a width, so every line without an end goes on in the next
    # (or the notes around it are wrapped so: ``wrapped``)
    # (a list item's lines in notes wrapped at a width go on too: "- … exactly matches" /
    # "  ASCII. That means …")
    wrapped = wrapped or (
        sentences
        and any(
            ln.kind is LineKind.SENTENCE and _cut_after_an_end(ln.raw.rstrip()) for ln in lines[:-1]
        )
    )
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and _wraps(prev, ln, whole=prev is not cut, wrapped=wrapped):
            a, b = prev.raw.rstrip(), ln.raw.strip()
            text = f"{a} {b}"
            # one line for each sentence the joined text holds ("…동시적이다. 가정용 컴퓨터에
            # CPU는 하나이지만" / "시분할 …"): the sentence that ends on the first line is its own
            # (a term's meaning stays whole: "**Undirected Graph**: a graph in which … So if …")
            # and so does a numbered step: "1) Congestion avoidance is … phase. (1 MSS per RTT)")
            whole = not sentences or prev.kind is LineKind.KEYVAL or _STEP.match(text) is not None
            cuts = (
                []
                if whole
                else [
                    m.end()
                    for m in _SENTENCE_END.finditer(text)
                    if not ABBREVIATION_END.search(text, 0, m.start())
                ]
            )
            starts = [0, *cuts]
            ends = [*cuts, len(text)]
            pieces: list[NoteLine] = []
            for s0, e0 in zip(starts, ends, strict=True):
                piece = text[s0:e0].strip()
                if not piece:
                    continue
                line = prev.line if s0 <= len(a) else ln.line
                joined = classify(piece, line, markdown=True)
                joined.links = [lk for lk in prev.links + ln.links if lk[0] in piece]
                pieces.append(joined)
            out[-1:] = pieces
            cut = pieces[-1] if pieces else None
            continue
        out.append(ln)
    return out


# a text that ends on an abbreviation's dot ("… (eg.", "… vs."): no sentence ends there
ABBREVIATION_END = AtEnd(  # (searched for only in its last characters)
    r"(?:^|[\s(])(?:e\.g|i\.e|eg|ie|etc|vs|ex|cf|mr|ms|dr|no|fig|approx|[A-Za-z])\.$", re.I
)
# where a sentence ends inside a joined line: "…이다. ", "…works. The"
_SENTENCE_END = re.compile(r"(?<=[가-힣][.!?])\s+(?=[가-힣A-Za-z])|(?<=[a-z)]{2}[.!?])\s+(?=[A-Z])")


def _wraps(prev: NoteLine, nxt: NoteLine, *, whole: bool = True, wrapped: bool = False) -> bool:
    """``whole``: ``prev`` is a line as written (not the end of lines joined before);
    ``wrapped``: its paragraph is wrapped at a width (a line of it cuts a sentence)."""
    a, b = prev.raw.rstrip(), nxt.raw.strip()
    if (
        prev.kind is LineKind.KEYVAL
        and not prev.arrow
        and prev.value
        and not has_hangul(a)
        and (nxt.kind is LineKind.SENTENCE or nxt.arrow)
        and re.match(r"[a-z(]", b)
        and len(a) >= 60
        and not a.endswith((".", "!", "?", ":"))
    ):
        # "**Complete Tree**: a binary tree in which … all nodes in the last" / "level are as
        # far left as possible": a term's meaning wrapped at the editor's width
        return True
    if (
        prev.kind is LineKind.KEYVAL
        and prev.arrow
        and not has_hangul(a)
        and nxt.kind in (LineKind.SENTENCE, LineKind.LABEL)
        and re.match(r"[a-z]", b)
        and _EN_GOES_ON.search(a)
    ):
        return True  # "A large standard deviation -> considerable variability (spread) of" /
        # "values around the mean": what it leads to, wrapped
    if not a or not b or a.endswith((".", "!", "?", ":", "。", "？", "!")):
        return False
    if wrapped and prev.kind in _WRAPPABLE and nxt.kind in _WRAPPABLE:
        return True  # "Take a look at" / "[`container/list`](…)" / "package with *pointer*:"
    if (
        wrapped
        and prev.kind in _WRAPPABLE
        and nxt.kind is LineKind.KEYVAL
        and _EN_GOES_ON.search(a)
        and re.match(r"[a-z]", b)
    ):
        return True  # "… can be converted to ASCII and" / "vice-versa in one instruction: …"
    if prev.kind not in (LineKind.SENTENCE, LineKind.ANSWER):
        return False
    if (
        nxt.kind is LineKind.COMMAND
        and not has_hangul(a)
        and len(a) >= 40
        and re.match(r"[a-z]", b)
        and not _SHELL_SIGNS.search(b)
        and (_EN_GOES_ON.search(a) or a[-1:].isalpha())
    ):
        # "… instead of "I'm going to" / "finish my homework."", "… the possibility of" / "them
        # showing up. Often, …": the rest of a wrapped sentence, though it reads like arguments
        return True
    if nxt.kind is not LineKind.SENTENCE and not (
        nxt.kind is LineKind.LABEL
        and (
            re.fullmatch(r"[a-z][a-z'-]*[.,;]", b)
            # ("… throughout the distribution of" / "values": a word the line before needs)
            or (re.fullmatch(r"[a-z][a-z'-]*", b) and _EN_GOES_ON.search(a) is not None)
        )
    ):
        return False  # (but "again." goes on "… wait until the replica is available")
    if has_hangul(a) and has_hangul(b[:2]) and (wrapped or _cut_after_an_end(a)):
        return True  # "…스레드를 스케줄한다. 선점형" / "멀티태스킹에서는 …": a sentence begun, cut
    if whole and len(a) < 40:
        return False
    if re.match(r"[a-z(]", b) and not has_hangul(a):
        return True  # "…of a system like PostgreSQL" / "is that I can make all kinds of …"
    if _EN_GOES_ON.search(a) and not has_hangul(a):
        return True
    return has_hangul(a) and has_hangul(b[:2]) and _KO_GOES_ON.search(a) is not None


_SHELL_SIGNS = re.compile(r"(?:^|\s)--?\w|[|$=/\\<>{}\[\]`]")
_WRAPPABLE = frozenset({LineKind.SENTENCE, LineKind.ANSWER, LineKind.LINK, LineKind.LABEL})


def _cut_after_an_end(a: str) -> bool:
    """A line that ends one sentence and starts the next, cut off at the line's end: the
    writer wraps lines at a width, not at sentences."""
    ends = list(_SENTENCE_END.finditer(a))
    return bool(ends) and len(a) - ends[-1].end() >= 2


def _mostly_links(text: str, links: list[tuple[str, str]]) -> bool:
    """ "[Leaf It Up To Binary Trees](https://…), basecs", "더 자세한 설명은 [15. Swapping에
    대해 설명해주세요](#15)을 참고!": a line that is mostly the titles of its links points to
    reading elsewhere; it states no fact of its own ("…, see [Trie](trie.md)" in a sentence does)."""
    linked = sum(len(_LINK_LETTERS.findall(t)) for t, _href in links)
    if linked * 2 >= len(_LINK_LETTERS.findall(text)):
        return True
    # "[A Brief Guide to B-trees](…) ([slides](…)), Samuel Albanie, University of Cambridge":
    # a title that opens the line, then who wrote it
    first = links[0][0]
    rest = text.lstrip().removeprefix(first) if first else text
    return bool(first) and rest != text.lstrip() and re.match(r"\s*[,(–—]|\s+-\s", rest) is not None


_BARE_URL = re.compile(r"^<?(?:https?://|www\.)\S+?>?$", re.I)
_LINK_LETTERS = re.compile(r"[A-Za-z0-9\uac00-\ud7a3]")


class _Builder:
    def __init__(self, tokens: list[Token], wrapped: bool | None = None) -> None:
        self.toks = tokens
        self.images: list[tuple[str, str, int]] = []
        self.wrapped = _wraps_at_width(tokens) if wrapped is None else wrapped

    def blocks(self, i: int, stop: str | None) -> tuple[list[Block], int]:
        out: list[Block] = []
        toks = self.toks
        while i < len(toks):
            t = toks[i]
            if stop is not None and t.type == stop:
                return out, i + 1
            i = self.block(i, out)
        return out, i

    def block(self, i: int, out: list[Block]) -> int:
        t = self.toks[i]
        start, end = (t.map[0] + 1, t.map[1]) if t.map else (0, 0)
        if t.type == "paragraph_open":
            before = len(self.images)
            # (a paragraph of its own, not a list item's or a quote's: one line a sentence)
            lines = _inline_lines(
                self.toks[i + 1], self.images, sentences=t.level == 0, wrapped=self.wrapped
            )
            for src, alt, ln in self.images[before:]:
                out.append(Block(BlockKind.IMAGE, ln, ln, src=src, alt=alt))
            if lines:
                out.append(Block(BlockKind.PROSE, start, end, lines=lines))
            return i + 3
        if t.type == "heading_open":  # a heading inside a list or quote: plain text
            lines = _inline_lines(self.toks[i + 1], self.images)
            for title in lines:
                title.role = title.role or "title"  # what the lines after it are about
            if lines:
                out.append(Block(BlockKind.PROSE, start, end, lines=lines))
            return i + 3
        if t.type in ("bullet_list_open", "ordered_list_open"):
            ordered = t.type == "ordered_list_open"
            close = "ordered_list_close" if ordered else "bullet_list_close"
            items: list[Item] = []
            i += 1
            while i < len(self.toks) and self.toks[i].type != close:
                it = self.toks[i]
                if it.type != "list_item_open":
                    i += 1
                    continue
                imap = it.map or [0, 0]
                number = int(it.info) if ordered and it.info.isdigit() else 0
                children, i = self.blocks(i + 1, "list_item_close")
                head: list[NoteLine] = []
                if children and children[0].kind is BlockKind.PROSE:
                    head = children.pop(0).lines
                if not head:
                    head = [NoteLine(LineKind.LABEL, "", imap[0] + 1)]
                items.append(Item(head, imap[0] + 1, imap[1], number, children))
            kind = BlockKind.STEPS if ordered else BlockKind.BULLETS
            out.append(Block(kind, start, end, items=items))
            return i + 1
        if t.type == "blockquote_open":
            children, i = self.blocks(i + 1, "blockquote_close")
            if any(b.kind is not BlockKind.PROSE for b in children):
                # a quote used as a box around lists, steps or code ("> - 점유대기 부정 : …"):
                # its blocks are read as if they stood outside it
                out.extend(children)
                return i
            lines = [ln for b in children if b.kind is BlockKind.PROSE for ln in b.lines]
            _pair_lines(lines)
            out.append(Block(BlockKind.QUOTE, start, end, lines=lines, children=children))
            return i
        if t.type == "table_open":
            return self.table(i, out)
        if t.type in ("fence", "code_block"):
            lang = t.info.strip().split()[0].lower().strip("{}.") if t.info.strip() else ""
            code = t.content
            raws = code.split("\n")[:-1] if code.endswith("\n") else code.split("\n")
            if t.type == "code_block":
                if _cheat_sheet(raws):  # "C-b x   # close pane" lines: read like a shell fence
                    out.append(_shell_block(raws, start, start, end, code, ""))
                    return i + 1
                if _prose_like(raws):
                    out.extend(self.sub_blocks(code, start - 1))
                    return i + 1
                out.append(Block(BlockKind.CODE, start, end, lang=lang, code=code))
                return i + 1
            first = start + 1
            if lang and _prose_fence(
                raws
            ):  # ```bash around "완전 함수적 종속 : …": notes, not code
                lang = ""
            if lang in SHELL_LANGS:
                out.append(_shell_block(raws, first, start, end, code, lang))
                return i + 1
            if lang:
                blk = Block(BlockKind.CODE, start, end, lang=lang, code=code)
                if lang in _COMMENT_MARK:
                    blk.lines = [classify_code(raw, first + n, lang) for n, raw in enumerate(raws)]
                    _pair_commands([g for g in blk.groups()])
                elif lang in _LINE_COMMENT:
                    blk.lines = _call_comments(raws, first, _LINE_COMMENT[lang])
                out.append(blk)
                return i + 1
            if sum(1 for r in raws if shell_prompt(r.strip()) is not None) and not _prose_fence(
                raws
            ):
                # "$ kubectl rollout status …" then what it prints: a terminal, untagged
                out.append(_shell_block(raws, first, start, end, code, ""))
                return i + 1
            if any(_ASCII_RULE.match(r) for r in raws):
                # "percentage change in quantity / e = ----- / percentage change in income": a
                # formula or a picture drawn in text, no line of it a fact alone
                out.append(Block(BlockKind.CODE, start, end, lang="figure", code=code))
                return i + 1
            if _columns_laid_out(raws):
                # "Layers          Data type          Addressing type          Explanation" over
                # rows whose cells wrap under their column: a table drawn in text, no line of it
                # a sentence of its own
                out.append(Block(BlockKind.CODE, start, end, lang="figure", code=code))
                return i + 1
            if _yaml_like(raws):  # a manifest, untagged: its keys are the example's, not terms
                out.append(Block(BlockKind.CODE, start, end, lang="yaml", code=code))
                return i + 1
            if _output_like(raws) and not _cheat_sheet(raws):  # a program's output, untagged
                out.append(Block(BlockKind.CODE, start, end, lang="output", code=code))
                return i + 1
            lines = [classify(raw, first + n, markdown=False) for n, raw in enumerate(raws)]
            _heredocs_as_data(lines, raws)
            blk = Block(BlockKind.FENCE, start, end, lines=lines, code=code)
            blk.steps = step_runs(lines)
            _pair_lines(lines)
            out.append(blk)
            return i + 1
        if t.type == "html_block" and "<table" in t.content.lower():
            table = _html_table(t.content, start)
            if table is not None:  # "<table><tr><td>#if</td><td>Opening if condition</td>…"
                out.append(table)
                return i + 1
        # html_block, hr, anything else: no cards
        return i + 1

    def table(self, i: int, out: list[Block]) -> int:
        """A Markdown table: each cell's inline Markdown kept, ``<br>`` as "; "."""
        t = self.toks[i]
        start, end = (t.map[0] + 1, t.map[1]) if t.map else (0, 0)
        header: list[str] = []
        rows: list[list[str]] = []
        row_lines: list[int] = []
        cur: list[str] | None = None
        in_head = False
        i += 1
        while i < len(self.toks) and self.toks[i].type != "table_close":
            tok = self.toks[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                cur = []
                if not in_head:
                    row_lines.append((tok.map[0] + 1) if tok.map else start)
            elif tok.type == "tr_close" and cur is not None:
                if in_head:
                    header = cur
                else:
                    rows.append(cur)
                cur = None
            elif tok.type == "inline" and cur is not None:
                cur.append(_cell_text(tok))
            i += 1
        out.append(
            Block(BlockKind.TABLE, start, end, header=header, rows=rows, row_lines=row_lines)
        )
        return i + 1

    def sub_blocks(self, text: str, offset: int) -> list[Block]:
        """Markdown inside indented prose: parsed on its own, lines shifted into place."""
        tokens = _MD.parse(text)
        for tok in tokens:
            if tok.map:
                tok.map = [tok.map[0] + offset, tok.map[1] + offset]
        sub = _Builder(tokens)
        blocks, _ = sub.blocks(0, None)
        self.images.extend(sub.images)
        return blocks


_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")


def _heredocs_as_data(lines: list[NoteLine], raws: list[str]) -> None:
    """ "cat <<EOF | kubectl create -f -" then YAML up to "EOF": the lines a command reads
    are its input (code to look at), not commands, terms or notes."""
    end = ""
    for n, raw in enumerate(raws):
        if end:
            ln = lines[n]
            lines[n] = NoteLine(LineKind.CODE, ln.raw.strip() or ln.text, ln.line, ln.raw, False)
            if raw.strip() == end:
                end = ""
            continue
        m = _HEREDOC.search(raw)
        if m is not None and "`" not in raw:
            end = m.group(2)
            # (and the command that reads them is a script to look at whole, not one line to
            # recall: "cat <<EOF | kubectl create -f -" asks nothing without its input)
            ln = lines[n]
            lines[n] = NoteLine(LineKind.CODE, ln.raw.strip() or ln.text, ln.line, ln.raw, False)


def _shell_block(raws: list[str], first: int, start: int, end: int, code: str, lang: str) -> Block:
    """A fence of shell lines (or a cheat sheet's indented block): prompts stripped, output
    lines no commands, options under a command part of it."""
    prompts = any(shell_prompt(r.strip()) is not None for r in raws)
    root = lang in ("console", "terminal", "shell-session", "sh-session")
    root = root and not any(
        r.strip().startswith("# ") and " " in r.strip()[2:] and has_hangul(r) for r in raws
    )
    lines = [
        classify_shell(raw, first + n, prompts=prompts, root_prompts=root and prompts)
        for n, raw in enumerate(raws)
    ]
    _options_under(lines)
    _heredocs_as_data(lines, raws)
    blk = Block(BlockKind.FENCE, start, end, lines=lines, code=code, lang=lang)
    blk.shell = True
    _pair_lines(lines)
    return blk


_OPTION_LINE = re.compile(r"^--?[A-Za-z][\w-]*(?:[ =]\S+)?$")


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _options_under(lines: list[NoteLine]) -> None:
    """``$ tmux`` then ``  -u   # UTF8 mode`` indented under it: the option is ``tmux -u``."""
    cmd: NoteLine | None = None
    for ln in lines:
        if ln.kind is LineKind.BLANK:
            cmd = None
            continue
        inner = ln.raw.split("  #")[0].strip() if ln.kind is not LineKind.COMMAND else ln.command
        if (
            cmd is not None
            and _indent(ln.raw) > _indent(cmd.raw)
            and _OPTION_LINE.match(inner)
            and ln.kind in (LineKind.COMMAND, LineKind.CODE)
        ):
            said = ln.inline_explanation
            if not said:
                m = _TRAILING_COMMENT.match(ln.raw.strip())
                inner, said = (m.group(1), m.group(2)) if m else (inner, "")
            full = f"{cmd.command} {inner}"
            ln.kind, ln.text, ln.command, ln.role, ln.lang = (
                LineKind.COMMAND,
                full,
                fold(full),
                "",
                "",
            )
            ln.inline_explanation = _STEP_MARK.sub("", said.strip())
        elif ln.kind is LineKind.COMMAND and not ln.lang:
            cmd = ln
        else:
            cmd = None


def _cheat_sheet(raws: list[str]) -> bool:
    """An indented block with a cheat sheet's ``KEYS-or-COMMAND   # description`` line (keys,
    an option, a command, or a command after a prompt), or made of such lines (``dd  # 한 줄
    삭제``)."""
    pairs = [p for p in map(cheat_pair, raws) if p is not None]
    if len(pairs) >= 2 and len(pairs) >= 0.6 * sum(1 for r in raws if r.strip()):
        return True
    for pair in pairs:
        lhs = pair[0]
        cmd = shell_prompt(lhs)
        if (
            keys_like(lhs)
            or is_command(cmd or lhs)
            or _OPTION_LINE.match(lhs)
            or (cmd is not None and _PROG.match(cmd))
        ):
            return True
    return False


_CODE_TOKENS = re.compile(r"[{};=$]|\(\)|->|=>|::|^\s*(?:def|class|import|return|public|private)\b")


_YAML_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.-]*:(?:\s|$)")


def _yaml_like(raws: list[str]) -> bool:
    """An untagged fence of YAML ("apiVersion: v1" / "kind: Pod" / "spec:" / "  containers:"):
    most lines ``key: value``, some keys opening a nested block below them."""
    lines = [r.rstrip() for r in raws if r.strip() and not r.lstrip().startswith("#")]
    if len(lines) < 3 or any(has_hangul(r) for r in lines):
        return False
    keys = sum(1 for r in lines if _YAML_KEY.match(r))
    nested = any(
        r.endswith(":") and nxt[: len(nxt) - len(nxt.lstrip())] > r[: len(r) - len(r.lstrip())]
        for r, nxt in zip(lines, lines[1:], strict=False)
    )
    return nested and keys >= 0.6 * len(lines)


def _output_like(raws: list[str]) -> bool:
    """Lines of a program's output (aligned columns, numbers, reprs), not notes written in a
    fence: no Hangul, no comment, and most lines full of digits, symbols or column gaps."""
    lines = [r.rstrip() for r in raws if r.strip()]
    if len(lines) < 2 or any(has_hangul(r) or r.lstrip().startswith("#") for r in lines):
        return False
    outputish = 0
    for r in lines:
        body = r.strip()
        chars = body.replace(" ", "")
        letters = sum(ch.isalpha() for ch in chars)
        if _STEP.match(body) and letters >= 0.5 * len(chars):
            continue  # "1. bump the version": a numbered step
        if (
            letters < 0.6 * len(chars)
            or "   " in body
            or body[:1].isdigit()
            or _CODE_TOKENS.search(body)
            or body.endswith(("(", "[", "{", ","))
        ):
            outputish += 1
    return outputish * 2 >= len(lines)


# code around Korean words: a call, a statement, a string literal ("print(\"안녕\")")
_HANGUL_CODE = re.compile(
    r"[{};=]|[A-Za-z0-9_]\(|[\"'`][^\"'`]*[\uac00-\ud7a3][^\"'`]*[\"'`]|"
    r"^(?:def|class|import|return|public|private|static|print|console|echo|val|var|let|const)\b"
)
_COMMENT_START = ("#", "//", "--", "/*", "*", "<!--", "REM ", "rem ", "::")


_LONE_KEYWORD = re.compile(r"^[A-Z]+;?$")
_COLUMN_GAP = re.compile(r"\S {4,}(?!#|//|/\*|--|;)\S")


def _columns_laid_out(raws: list[str]) -> bool:
    """An untagged fence whose lines are cells set in columns: gaps of four spaces or more
    between words (not before a comment), or a cell's text wrapped far right under its column."""
    lines = [r.rstrip() for r in raws if r.strip()]
    if len(lines) < 3:
        return False
    laid = sum(1 for r in lines if _COLUMN_GAP.search(r.strip()) or len(r) - len(r.lstrip()) >= 24)
    return laid >= 2 and laid * 10 >= len(lines) * 3


def _prose_fence(raws: list[str]) -> bool:
    """A fence (whatever its tag) whose lines are notes: Korean or English sentences and
    ``KEY : meaning`` lines, no prompt, no code; comments are not counted as prose."""
    lines = [r.strip() for r in raws if r.strip()]
    if not lines or any(shell_prompt(ln) is not None for ln in lines):
        return False
    prose = 0
    for ln in lines:
        if ln.startswith(_COMMENT_START):
            continue
        words = ln.split()
        if has_hangul(ln):
            hangul = len(re.findall(r"[\uac00-\ud7a3]", ln))
            if (
                hangul >= 0.3 * len(ln.replace(" ", ""))
                and not _HANGUL_CODE.search(ln)
                and _one_line_command(ln) is None
            ):
                prose += 1
            continue
        alpha = sum(1 for w in words if w.strip(".,;:!?()\"'").isalpha())
        sentence = (
            len(words) >= 4
            and alpha >= 0.7 * len(words)
            and not _CODE_TOKENS.search(ln)
            and not is_command(ln)
        )
        kv = keyval_shape(ln) if sentence or ":" in ln else None
        if kv is not None and _CODE_THEN_COMMENT.search(kv[0]):
            kv = None  # "console.log(y);  // Output: ReferenceError: …": code, what it prints
        if (sentence and ln.endswith((".", "!", "?"))) or (
            kv is not None and len(kv[1].split()) >= 3 and not _CODE_TOKENS.search(kv[1])
        ):
            prose += 1
    return prose >= 0.7 * len(lines)


def _prose_like(raws: list[str]) -> bool:
    """Lines indented by four spaces that read like prose (Hangul or words, no code tokens)."""
    lines = [r.strip() for r in raws if r.strip()]
    if not lines:
        return False
    prose = 0
    for ln in lines:
        words = ln.split()
        if _CODE_TOKENS.search(ln) or shell_prompt(ln) is not None:
            continue
        if has_hangul(ln):
            prose += 1
            continue
        alpha = sum(1 for w in words if w.strip(".,;:!?()\"'").isalpha())
        if len(words) >= 3 and alpha >= 0.7 * len(words) and not is_command(ln):
            prose += 1
    return prose >= 0.7 * len(lines)


# Verbs that start an instruction ("Install the package", "Run ..."): general English.
INSTRUCTION_VERBS = frozenset(
    "add apply build call change check choose clean click clone close commit compile configure "
    "connect copy create define delete deploy download edit enable enter execute export fetch "
    "fill find fix generate get go import initialize init insert install launch load log login "
    "make merge mount move navigate open paste pick place prepare press pull push put read "
    "reboot register reload remove rename replace restart return run save select send set "
    "setup start stop submit switch tag test type uninstall unzip update upgrade upload use "
    "verify visit wait write".split()
)


# verbs a cheat sheet's task starts with, besides those of an instruction
_TASK_VERBS = frozenset(
    "show view list dump stream display print describe scale kill inspect watch attach detach "
    "follow search sort count rollback roll undo redo reset restore backup drain cordon "
    "expose forward".split()
)
_KO_TASK = re.compile(
    r"(?:보기|확인|조회|생성|삭제|제거|실행|중지|정지|시작|종료|설치|변경|추가|출력|하기|접속|연결|"
    r"복사|이동|검색|빌드|배포|적용|초기화|재시작)$"
)


def says_a_task(head: str) -> bool:
    """ "Show metrics for nodes", "컨테이너 목록 보기": a task a command does, not a name."""
    text = re.sub(r"[*_`]", "", head).strip(" :：")
    words = text.split()
    if len(words) < 2:
        return False
    if has_hangul(text):
        return _KO_TASK.search(text) is not None
    return words[0].casefold() in _TASK_VERBS or words[0].casefold() in INSTRUCTION_VERBS


_NAME_GLOSS = re.compile(r"(?<=\S)\s*\([^()]{1,40}\)$")
_TOPIC_STATEMENT = re.compile(r"\S*[가-힣A-Za-z0-9)](?<![하되있없])(?:은|는)\s\S")


def name_like(item: Item) -> bool:
    """A short bullet that is a name (``bind mount``, ``bridge``), not a sentence."""
    if len(item.lines) != 1:
        return False
    head = item.head
    if head.kind not in (LineKind.LABEL, LineKind.SENTENCE, LineKind.CODE):
        return False
    text = head.text.strip()
    text = _NAME_GLOSS.sub("", text)  # "IP 해시 방식 (IP Hash Method)"
    if _TOPIC_STATEMENT.match(text):
        return False  # "레디스는 Single Threaded": a statement with its topic, not a name
    return 0 < len(text) <= 30 and len(text.split()) <= 4 and text[-1] not in ".。!?？:,"


# a value of a worked example: "s1", "p2", "c1", "T3", "42", "0.5", "A"
_DATUM = re.compile(r"^(?:[A-Za-z]{1,2}\d{1,3}|\d{1,6}(?:[.,]\d+)?|[A-Za-z])$")


def example_data(b: Block) -> bool:
    """A table of an example's values, every cell of every row (row heads too) a short name
    with a number or a number ("s1 | p1 | c2", "P1 | 0 | 5"), some of them names: a worked
    example to look at, whose cells are no facts. (A comparison has words in its rows.)"""
    cells = [c.strip("*_` ") for row in b.rows for c in row if c.strip("*_` ")]
    if b.kind is BlockKind.TABLE and sum(1 for c in cells if _TRACE_VALUE.search(c)) >= max(
        3, len(b.rows)
    ):
        return True  # "| 2 | 서버 → 클라이언트 | 1171478793 | 3113377297 |": a capture's numbers
    if b.kind is BlockKind.TABLE and _records(b):
        return True
    return (
        b.kind is BlockKind.TABLE
        and len(cells) >= 4
        and all(_DATUM.match(c) for c in cells)
        and any(re.match(r"^[A-Za-z]{1,2}\d", c) for c in cells)
    )


# the header of a column of record keys: "학번", "고객ID", "번호", "No.", "user_id", "#"
_KEY_COLUMN = re.compile(
    r"(?i)^(?:#|no\.?|num(?:ber)?|\w{0,12}[ _]?id|[가-힣]{0,4}\s?(?:번호|ID|id)|학번|사번|순번)$"
)
_RECORD_KEY = re.compile(r"^[A-Za-z0-9_-]{1,8}$")


def _records(b: Block) -> bool:
    """A table of an example's records, keyed by an identifier column ("| 학번 | 이름 | 학년 |"
    over "| 2021 | 홍길동 | 1 |", "| 고객ID | 상품명 |" over "| AB | 바지 |"), every cell a datum of one
    or two words: the rows a normalization or a query is shown on, no facts to recall."""
    if len(b.rows) < 2 or not b.header or not _KEY_COLUMN.match(b.header[0].strip("*_` ")):
        return False
    if not all(row and _RECORD_KEY.match(row[0].strip("*_` ")) for row in b.rows):
        return False
    return all(len(c.split()) <= 2 for row in b.rows for c in row[1:])


# a number of six digits or more (a sequence number, an address, a timestamp of a trace)
_TRACE_VALUE = re.compile(r"(?<![\w.])\d{6,}(?![\w.])")


def _row_cells(text: str) -> list[str]:
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", text.strip())]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


# "코드를 라인 단위로 살펴보면", "의사 코드로 소스를 분석해보면", "Let's trace it line by line:"
_WALKTHROUGH = re.compile(
    r"(?:살펴|분석해|따라가|추적해|풀어)\s?보면\.?\s*$|(?:라인|줄)\s?단위로|"
    # "위 예시를 observer pattern에 대입해보면,": the example mapped onto the idea, an analogy
    r"(?:대입해|비유해|빗대어|빗대)\s?보면[.,]?\s*$|(?:비유하면|빗대면)[.,]?\s*$|"
    r"\bin (?:this|the) analogy\b|"
    # "아래 코드에서 일어나는 일을 순서대로 나열하면", "what happens when the code below runs"
    r"(?:아래|위|다음|이|예제)\s?코드(?:에서|를 실행하면|가 실행되면)\s?(?:일어나는|벌어지는|실행되는)|"
    r"\bwhat happens (?:in|when) (?:the|this) (?:code|example)\b|"
    r"\b(?:line by line|step through|trace (?:it|the code|this)|walk(?:ing)? through)\b",
    re.IGNORECASE,
)


def _walkthroughs(blocks: list[Block]) -> list[Block]:
    """A list right after "…코드를 라인 단위로 살펴보면" traces the notes' example run step by
    step ("1. `main()` 스택에 들어감", "2. `log("a")` 도 …"): the example's output to look at, not
    a procedure or facts of its own."""
    out = list(blocks)
    for i in range(1, len(out)):
        prev, b = out[i - 1], out[i]
        if (
            b.kind in (BlockKind.STEPS, BlockKind.BULLETS)
            and prev.kind is BlockKind.PROSE
            and prev.lines
            and _WALKTHROUGH.search(prev.lines[-1].text)
        ):
            out[i] = _as_output(b)
    for b in out:
        for it in b.items:
            # "2. 아래 코드에서 일어나는 일을 순서대로 나열하면 다음과 같다." over its own list
            if _WALKTHROUGH.search(re.sub(r"[`*]", "", it.head.text)):
                it.children = [
                    _as_output(c) if c.kind in (BlockKind.STEPS, BlockKind.BULLETS) else c
                    for c in it.children
                ]
            else:
                it.children = _walkthroughs(it.children)
    return out


def _as_output(b: Block) -> Block:
    text = "\n".join(ln.raw for it in b.items for ln in (*it.lines, *walk_block_lines(it)))
    return Block(BlockKind.CODE, b.line, b.end, lang="output", code=text)


# an item that opens on its condition ("음수를 반환하면, …", "If the key is missing, …")
CASE_OPENING = re.compile(
    r"^([^,.]{1,40}?(?:하면|되면|이면|으면|라면|[가-힣]면))\s?,\s+(\S.*)$"
    r"|^((?:if|when|whenever|unless)\b[^,.]{1,60}),\s+(\S.*)$",
    re.IGNORECASE,
)


def _key_bindings(blocks: list[Block]) -> None:
    """An editor's cheat sheet as a list ("- Delete whole line: dd", "- Quit: :q! or :wq",
    "- Undo: u"): three or more items, at least half of the list, each a task in words and its
    keys, one of them unmistakably keys (an ex command, a named or modified key, a placeholder
    such as *motion*) — each item's head is the keys, explained by its task (asked "Which keys
    do this?", not "What does Quit mean?"). One "Note: ok" or "Answer: D" alone is no such list."""
    for b in blocks:
        for it in b.items:
            _key_bindings(it.children)
        if b.kind is not BlockKind.BULLETS or len(b.items) < 3:
            continue
        found = []
        for it in b.items:
            m = _TASK_KEYS.match(re.sub(r"[*_`]", "", it.head.text).strip())
            if m is not None and vim_keys(m.group(2)) and not label_key(m.group(1)):
                found.append((it, m))
        if len(found) < 3 or len(found) * 2 < len(b.items):
            continue
        if not any(_SURE_KEYS.search(m.group(2)) for _it, m in found):
            continue
        for it, m in found:
            head = it.head
            keys = m.group(2).strip()
            ln = NoteLine(
                LineKind.COMMAND,
                keys,
                head.line,
                head.raw,
                False,
                command=fold(keys),
                inline_explanation=m.group(1).strip(),
            )
            ln.lang = "keys"
            it.lines[0] = ln


# what only keys look like: an ex command, a named or modified key, a placeholder
_SURE_KEYS = re.compile(
    r"(?:^|\s):[A-Za-z%!]|<[\w-]+>|\b[CMSA]-\S|\b(?:leader|motion)\b"
    r"|(?i:\b(?:esc|ctrl|alt|shift|cmd)\b)"
)


def _cases(blocks: list[Block]) -> None:
    """Items that each open on a condition ("1. 음수를 반환하면, `a`가 `b` 앞에 …", "2. 0을
    반환하면, …"): cases side by side, each a case and what it leads to (like "case → result")."""
    for b in blocks:
        for it in b.items:
            _cases(it.children)
        if b.kind not in (BlockKind.STEPS, BlockKind.BULLETS) or len(b.items) < 2:
            continue
        found = [
            (it, CASE_OPENING.match(re.sub(r"[`*]", "", it.head.text)))
            for it in b.items
            if it.head.kind is LineKind.SENTENCE
        ]
        if sum(1 for _it, m in found if m) * 2 <= len(b.items):
            continue
        for it, m in found:
            if m is None or not m.group(1):
                # ("If you have a [performance] problem, …" beside "If you have a scalability
                # problem, …": English cases keep their clozes, the contrast is the fact)
                continue
            case, result = m.group(1), m.group(2)
            if len(case) < 4 or len(result) < 4:
                continue
            head = it.head
            it.lines[0] = NoteLine(
                LineKind.KEYVAL,
                head.text,
                head.line,
                head.raw,
                head.markdown,
                key=case.strip(),
                value=result.strip(),
                arrow=True,
            )


def walk_block_lines(item: Item) -> list[NoteLine]:
    """The lines of the blocks nested in a list item, in order."""
    found: list[NoteLine] = []
    for c in item.children:
        found.extend(c.lines)
        for it in c.items:
            found.extend(it.lines)
            found.extend(walk_block_lines(it))
    return found


_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.I | re.S)
_HTML_CELL = re.compile(r"<(t[dh])\b[^>]*>(.*?)</t[dh]\s*>", re.I | re.S)
_HTML_TAG = re.compile(r"<[^>]+>")


def _html_table(html: str, start: int) -> Block | None:
    """An HTML ``<table>`` in the notes (rows of ``<td>`` cells, ``<th>`` for a header row): a
    table like a Markdown one; None when it is not a plain grid of text."""
    import html as _html

    header: list[str] = []
    rows: list[list[str]] = []
    row_lines: list[int] = []
    for m in _HTML_ROW.finditer(html):
        cells = _HTML_CELL.findall(m.group(1))
        texts = [" ".join(_html.unescape(_HTML_TAG.sub(" ", c)).split()) for _tag, c in cells]
        if not texts:
            continue
        if not rows and not header and all(tag.lower() == "th" for tag, _c in cells):
            header = texts
            continue
        rows.append(texts)
        row_lines.append(start + html.count("\n", 0, m.start()))
    widths = {len(r) for r in rows}
    if not rows or len(widths) != 1 or min(widths) < 2 or (header and len(header) != len(rows[0])):
        return None
    return Block(
        BlockKind.TABLE,
        start,
        start + html.count("\n"),
        header=header,
        rows=rows,
        row_lines=row_lines,
    )


def _headerless_tables(blocks: list[Block]) -> list[Block]:
    """Rows of a table written without its header and separator lines (Markdown then reads
    them as a paragraph of ``| … | … |`` lines): a table again, with the column names of the
    table before it in the section when the widths agree."""
    out: list[Block] = []
    last_header: list[str] = []
    for b in blocks:
        rows = [ln for ln in b.lines if ln.kind is not LineKind.BLANK]
        if (
            b.kind is BlockKind.PROSE
            and rows
            and all(ln.role == "table" for ln in rows)
            and len({len(_row_cells(ln.text)) for ln in rows}) == 1
            and len(_row_cells(rows[0].text)) >= 2
        ):
            cells = [_row_cells(ln.text) for ln in rows]
            header = last_header if len(last_header) == len(cells[0]) else []
            out.append(
                Block(
                    BlockKind.TABLE,
                    b.line,
                    b.end,
                    header=list(header),
                    rows=cells,
                    row_lines=[ln.line for ln in rows],
                )
            )
            continue
        if b.kind is BlockKind.TABLE:
            last_header = b.header
        out.append(b)
    return out


def _lone_name(b: Block) -> bool:
    """A list of one short name and nothing under it ("1. IP 해시 방식 (IP Hash Method)")."""
    return (
        b.kind in (BlockKind.BULLETS, BlockKind.STEPS)
        and len(b.items) == 1
        and not b.items[0].children
        and name_like(b.items[0])
    )


def _attach_paragraphs(blocks: list[Block]) -> list[Block]:
    """Names written as one-item lists, each followed by unindented paragraphs ("1. 라운드로빈
    방식" / its description / "1. 가중 라운드로빈 방식" / …, as Notion exports them): one list
    of named items, each paragraph under its name. Two such names in a row at least."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        run: list[tuple[Block, list[Block]]] = []
        j = i
        while j < len(blocks) and _lone_name(blocks[j]):
            k = j + 1
            while k < len(blocks) and blocks[k].kind is BlockKind.PROSE:
                k += 1
            if k == j + 1:
                break
            run.append((blocks[j], blocks[j + 1 : k]))
            j = k
        if len(run) < 2:
            out.append(blocks[i])
            i += 1
            continue
        first = run[0][0]
        items: list[Item] = []
        for lst, paras in run:
            it = lst.items[0]
            it.children = list(paras)
            it.end = paras[-1].end
            items.append(it)
        out.append(Block(first.kind, first.line, run[-1][1][-1].end, items=items))
        i = j
    return out


def _attach_descriptions(blocks: list[Block]) -> list[Block]:
    """``- bridge`` followed by an unindented fence: the fence describes the bullet.

    Consecutive such one-item lists are merged into one list of named items.
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind is BlockKind.BULLETS and b.items:
            last = b.items[-1]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                nxt is not None
                and nxt.kind in (BlockKind.FENCE, BlockKind.CODE)
                and not last.children
                and name_like(last)
            ):
                last.children.append(nxt)
                last.end = nxt.end
                b.end = nxt.end
                i += 1
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.kind is BlockKind.BULLETS
                and prev.items
                and prev.items[-1].children
                and name_like(prev.items[-1])
                and name_like(b.items[0])
            ):
                prev.items.extend(b.items)
                prev.end = b.end
                i += 1
                continue
        for it in b.items:
            it.children = _attach_descriptions(it.children)
        out.append(b)
        i += 1
    return out


_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\uac00-\ud7a3`])")
_NAMED_BY_HEADING = re.compile(r"^(?:this|it)\s+(?!is\b|was\b)[a-z]+s\b", re.IGNORECASE)


def _lead_line(lines: list[NoteLine], *, first: bool = False) -> NoteLine | None:
    """The last line of a paragraph when it is a sentence that can explain what follows.

    The line's last sentence is what leads into the code ("This takes an optional port. To
    change port, do this:"). In the first paragraph under a heading, "This provides …" /
    "It prints …" speaks of what the heading names, and can explain the code too."""
    if not lines:
        return None
    ln = lines[-1]
    if ln.role or ln.kind not in (LineKind.SENTENCE, LineKind.CONCLUSION, LineKind.KEYVAL):
        return None
    if ln.kind is LineKind.KEYVAL and ln.value:
        return None
    last = _LAST_SENTENCE.split(ln.text.strip())[-1]
    if not re.search(r"[a-z\uac00-\ud7a3]{2}", last):
        return None  # "END //": code written as a paragraph, no sentence
    if poor_lead(last):  # "Then ran rg:", "… pointed out … like this:"
        named = first and len(lines) == 1 and _NAMED_BY_HEADING.match(last)
        if not named or poor_lead(_NAMED_BY_HEADING.sub("X", last)):
            return None
    return ln if len(ln.text) <= 240 else None


_DO_THIS = re.compile(
    r"\s*,?\s*(?:do|run|use|type|try)\s+(?:this|that|the following)(?:\s+commands?)?\s*[:.]?\s*$"
    r"|\s*[:：]\s*$"
    r"|(?<=\w),\s*(?:just\s+)?(?:use|run|type|do|try|enter)\s*[:：]?\s*$",  # "To switch …, use:"
    re.IGNORECASE,
)


_SETTING_ONLY = re.compile(
    r"(?i)(?:in|from|inside|within|on|at)\s+(?:the|your|a)\s+(?:directory|folder|terminal|shell|"
    r"project|root|machine|server|host)\b(?:(?![.;]\s).)*$|(?:if|when|once|after)\b[^,.;]*$"
)


def _lead_shown(lead: NoteLine) -> NoteLine:
    """What a command card shows of the sentence before it: its last sentence when the ones
    before lean on something else ("This takes an optional port. To change port, do this:" →
    "To change port"), without "do this:"."""
    parts = _LAST_SENTENCE.split(lead.text.strip())
    alone = not re.search(r"\b(?:it|them|these|those)\b", _DO_THIS.sub("", parts[-1]), re.I)
    text = parts[-1] if len(parts) > 1 and poor_lead(parts[0]) and alone else lead.text.strip()
    cleaned = _DO_THIS.sub("", without_framing(text)).strip()
    if len(cleaned) < 4 or cleaned == lead.text:
        return lead
    return dataclasses.replace(lead, text=cleaned, raw=cleaned)


def _after_line(b: Block) -> NoteLine | None:
    """The one line of a one-line paragraph or a one-item list without children, if any."""
    if b.kind is BlockKind.PROSE:
        lines = [ln for ln in b.lines if ln.kind is not LineKind.BLANK]
    elif b.kind is BlockKind.BULLETS and len(b.items) == 1 and not b.items[0].children:
        lines = b.items[0].lines
    else:
        return None
    if len(lines) != 1 or lines[0].kind not in PROSE_KINDS or lines[0].role:
        return None
    return lines[0]


def _names_of_code(text: str) -> set[str]:
    return {w.casefold().rstrip(".") for w in re.findall(r"[A-Za-z_][A-Za-z0-9_.-]{2,}", text)}


_ASSIGNMENT = re.compile(r"[A-Za-z_]\w*=\S.*")


def _explain_block(lead: NoteLine | None, b: Block) -> None:
    """A sentence right before a fence explains its one command, or the code as a whole."""
    if lead is None:
        return
    if b.kind is BlockKind.FENCE:
        # (`var="some string"` before `echo ${#var}` sets the example up; "# 11" after it is
        # the output: the one command is still the fence's)
        cmds = [
            ln
            for ln in b.lines
            if ln.kind is LineKind.COMMAND and not _ASSIGNMENT.fullmatch(ln.text.strip())
        ]
        if (
            any(ln.kind is LineKind.COMMENT and ln.role != "output" for ln in b.lines)
            or len(cmds) != 1
        ):
            return
        cmd = cmds[0]
        shown = _lead_shown(lead)
        if shown is not lead and _SETTING_ONLY.match(shown.text):
            return  # "In the directory where you have …, run the following command.": where only
        if not cmd.explanation and not cmd.inline_explanation:
            cmd.explanation = [shown]
            lead.role = "explanation"
    elif b.kind is BlockKind.CODE and not any(
        ln.explanation or ln.inline_explanation for ln in b.lines
    ):
        if tells_not_asks(inline_text(lead.text)):
            return  # "The search tree is deepened as much as possible …" over its code: a
            # fact of its own, no task the code does (neither is asked from the other)
        b.lead = [lead]
        lead.role = "explanation"


def _pair_block_lines(blocks: list[Block]) -> None:
    for b in blocks:
        if b.kind is BlockKind.PROSE:
            b.steps = step_runs(b.lines)
            _pair_lines(b.lines)
        for it in b.items:
            _pair_lines(it.lines)
            _pair_block_lines(it.children)
            if it.children and (not name_like(it) or says_a_task(it.head.text)):
                # ("* Show metrics for nodes" over `kubectl top node`: what the command does)
                _explain_block(_lead_line(it.lines), it.children[0])
    for b, nxt in zip(blocks, blocks[1:], strict=False):
        if b.kind is BlockKind.PROSE and nxt.kind in (BlockKind.FENCE, BlockKind.CODE):
            _explain_block(_lead_line(b.lines, first=b is blocks[0]), nxt)
        elif (
            b.kind is BlockKind.BULLETS
            and len(b.items) == 1
            and not b.items[0].children
            and nxt.kind is BlockKind.FENCE
        ):
            # "* True if file exists and is a directory." over ```[[ -d ${file} ]]```
            _explain_block(_lead_line(b.items[0].lines), nxt)
    for before, b, after in zip([None, *blocks], blocks, [*blocks[1:], None], strict=False):
        # "```* * * * * /home/cron/test.sh```" then "- 매 분 test.sh를 실행한다.": a line right
        # after a block no sentence introduced, naming what the code names, says what it does
        if (
            b.kind in (BlockKind.CODE, BlockKind.FENCE)
            and not b.lead
            and after is not None
            and not (before is not None and before.kind is BlockKind.PROSE)
        ):
            line = _after_line(after)
            code = b.code or "\n".join(x.text for x in b.lines)
            if line is None or not _names_of_code(code) & _names_of_code(line.text):
                continue
            shown = [x for x in b.lines if x.kind is not LineKind.BLANK]
            if b.kind is not BlockKind.FENCE or len(shown) != 1 or len(line.text.split()) < 3:
                continue  # (one line of code, and a sentence about it, not a label)
            if shown[0].kind is LineKind.CODE:
                one = shown[0]  # "* * * * * /home/cron/test.sh": the one line to recall
                one.kind, one.command = LineKind.COMMAND, fold(one.text)
            _explain_block(line, b)
    # a question closing a paragraph is answered by the paragraph / list / fence after it
    for k, (b, nxt) in enumerate(zip(blocks, blocks[1:], strict=False)):
        if b.kind is not BlockKind.PROSE or not b.lines:
            continue
        q = b.lines[-1]
        if q.kind is not LineKind.QUESTION or q.answer or q.inline_answer:
            continue
        marked = (
            nxt.kind is BlockKind.PROSE
            and len(nxt.lines) == 1
            and _A_ALONE.match(nxt.lines[0].text) is not None
            and k + 2 < len(blocks)
        )
        if marked:
            mark = nxt.lines[0]
            mark.kind, mark.text = LineKind.BLANK, ""  # the mark alone says nothing
            nxt = blocks[k + 2]  # "Q3 . …?" / "A ." / the list that answers it (its points,
            # numbered or not, not steps of a procedure)
        elif nxt.kind is BlockKind.PROSE and nxt.lines and _A_MARK.match(nxt.lines[0].text):
            first = nxt.lines[0]  # "A . 통계적 지식은 …": the mark is no part of the answer
            first.text = _unmarked(first.text, _A_MARK)
        if nxt.kind in (BlockKind.PROSE, BlockKind.FENCE, BlockKind.QUOTE):
            cand = nxt.lines
        elif nxt.kind is BlockKind.BULLETS or (marked and nxt.kind is BlockKind.STEPS):
            cand = [it.head for it in nxt.items]
        else:
            continue
        answer: list[NoteLine] = []
        for ln in cand:
            if ln.kind is LineKind.BLANK and answer:
                break
            if ln.kind is LineKind.QUESTION or (ln.kind is LineKind.STEP and not marked) or ln.role:
                break
            if ln.kind is not LineKind.BLANK:
                answer.append(ln)
        for a in answer:
            a.role = "answer"
            if a.kind is LineKind.SENTENCE:
                a.kind = LineKind.ANSWER
        q.answer = answer


_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SUP = re.compile(r"</?sup\b[^<>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def _cell_text(tok: Token) -> str:
    """A table cell's text: inline Markdown kept, line breaks as "; ", other HTML dropped."""
    parts: list[str] = []
    for c in tok.children or []:
        if c.type == "text":
            parts.append(c.content)
        elif c.type == "code_inline":
            parts.append(f"`{c.content}`" if "`" not in c.content else c.content)
        elif c.type in ("strong_open", "strong_close"):
            parts.append("**")
        elif c.type == "html_inline":
            if _BR_TAG.fullmatch(c.content.strip()):
                parts.append("; ")
            elif re.fullmatch(r"<(sup|sub)\s*>", c.content.strip(), re.I):
                script = c.content.strip()[1:4].lower()  # "N<sup>2</sup>" → "N²", "log<sub>d</sub>"
                parts.append("\x01" if script == "sup" else "\x02")
            elif re.fullmatch(r"</(sup|sub)\s*>", c.content.strip(), re.I):
                parts.append("\x03")
        elif c.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif c.type == "image":
            continue
        elif c.type in ("link_open", "link_close", "em_open", "em_close", "s_open", "s_close"):
            continue
        else:
            parts.append(c.content)
    return _scripts(fold("".join(parts))).strip(" ;")


def _exponents(text: str) -> str:
    """A line's exponents (\x01 … \x03) as Unicode where every character has a small form
    ("mc²", "10⁷"), else written with ^ ("2^n+1"); a sub span (\x02 … \x03) is left as it is."""

    def small(m: re.Match[str]) -> str:
        inner = m.group(1)
        out = inner.translate(_TEX_SUP)
        if all(ch != o for ch, o in zip(inner, out, strict=True)):
            return out
        return "^" + (inner if len(inner) == 1 else f"({inner})")

    return re.sub(r"\x01([^\x01\x02\x03]*)\x03", small, text).replace("\x01", "")


def _scripts(text: str) -> str:
    """The cell's sup/sub spans (marked \x01/\x02 … \x03) as Unicode where every character has
    a small form ("N²"), else written with ^ or _ ("log_d N")."""
    if "\x03" not in text:
        return text

    def small(m: re.Match[str]) -> str:
        table = _TEX_SUP if m.group(1) == "\x01" else _TEX_SUB
        inner = m.group(2)
        out = inner.translate(table)
        if all(ch != o or ch == " " for ch, o in zip(inner, out, strict=True)):
            return out
        return ("^" if m.group(1) == "\x01" else "_") + inner

    return (
        re.sub(r"([\x01\x02])([^\x01\x02\x03]*)\x03", small, text)
        .replace("\x01", "")
        .replace("\x02", "")
    )


_EXAMPLE_TITLE = re.compile(
    r"(?i)^(?:example|examples|e\.g\.|sample|예시|예제|사용\s?예)\s*[:：)\-–]"
)


def _heading_explains_code(sec: Section) -> None:
    """``## 트리거 확인하기`` over nothing but a code block: the heading says what it does."""
    body = [b for b in sec.blocks if b.kind is not BlockKind.IMAGE]
    if len(body) != 1 or body[0].kind not in (BlockKind.CODE, BlockKind.FENCE) or not sec.level:
        return
    if body[0].lang == "figure":
        return  # a formula drawn in text is no code the heading says what it does
    if is_label(sec.title) or sec.title.rstrip().endswith(("?", "？")):
        return
    if _EXAMPLE_TITLE.match(sec.title):
        return  # "Example: tensorflow" over `docker run … teamlab/pydata-tensorflow`: a sample run
    title = NoteLine(LineKind.SENTENCE, sec.title, sec.line, sec.title, True)
    _explain_block(title, body[0])


def _heading_is_a_command(sec: Section) -> None:
    """``## crontab -l`` over one line ("- 현재 예약 실행 중인 작업들의 리스트를 보여준다."): the
    heading is the command and the line says what it does (asked both ways, not as a blank)."""
    body = [b for b in sec.blocks if b.kind is not BlockKind.IMAGE]
    title = sec.title.strip()
    if not sec.level or len(body) != 1 or has_hangul(title) or " " not in title:
        return
    if not is_command(title) or not re.search(r"\s--?[A-Za-z]", title):
        return  # (an option says it is a command line: "crontab -l", not "static method")
    b = body[0]
    if b.kind is BlockKind.PROSE:
        lines = [ln for ln in b.lines if ln.kind is not LineKind.BLANK]
    elif b.kind is BlockKind.BULLETS and all(not it.children for it in b.items):
        lines = [ln for it in b.items for ln in it.lines]
    else:
        return
    if len(lines) != 1 or lines[0].kind not in PROSE_KINDS or lines[0].role:
        return
    desc = lines[0]
    cmd = NoteLine(LineKind.COMMAND, title, sec.line, title, False, command=fold(title))
    cmd.explanation = [desc]
    desc.role = "explanation"
    sec.blocks.insert(0, Block(BlockKind.FENCE, sec.line, sec.line, lines=[cmd]))


_NUMBERED_KEY = re.compile(
    r"(?i)(?:step|part|chapter|phase|lesson|day|week|section|lecture|unit|module|q)\s*\d|.*\d$"
)


def _term_heading(tok: Token, line: int) -> NoteLine | None:
    """ "### **WHERE**: used to filter records/rows", "## Recall@k: the share of …": a heading that
    is a term and what it means (a cheat sheet's habit), or None."""
    raw = tok.content.strip()
    if ":" not in raw and "：" not in raw:
        return None
    ln = classify(raw, line, markdown=True)
    if ln.kind is not LineKind.KEYVAL or not ln.key or not ln.value:
        return None
    key = fold(inline_text(ln.key))
    marked = raw.startswith(("**", "`", "__"))
    if len(key) > 40 or "?" in key or is_label(key) or label_key(key) or _NUMBERED_KEY.match(key):
        return None
    if len(ln.value.split()) < 3 or not (marked or ln.value[:1].islower()):
        return None
    if all(len(part.split()) <= 2 for part in re.split(r"[,/]|\band\b|\bor\b", ln.value)):
        return None  # "Variable declaration: var, const, let": what it covers, no meaning
    return ln


def _heading_text(tok: Token) -> str:
    parts = []
    for c in tok.children or []:
        if c.type in ("text", "code_inline"):
            parts.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif c.type == "image":
            parts.append(c.content)
    text = fold("".join(parts))[:200]
    if "](" in text:  # "[엔티티의 생명주기 (Entity LifeCycle)](url 추가)": a link left unmade
        text = _RAW_LINK.sub(r"\1", text)
    # "### ◾ mv", "### ❇️ 클럭": a glyph that decorates the heading is no part of its name
    text = _HEADING_GLYPH.sub("", text) or text
    text = _TRAILING_GLYPH.sub("", text) or text  # "What are the decision trees? 👶": a level mark
    # "### Recall@k:": the colon introduces the body, it is no part of the name
    return re.sub(r"\s*[:：]+\s*$", "", text) or text


# a Markdown link the parser left as text (its target has a space: a placeholder)
_RAW_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\([^()\n]{0,300}\)")
_DIRECTIVE = re.compile(r"^\s*:{3,}\s*(?:\{([\w-]+)\}.*|[A-Za-z][\w-]*.*)?$")


def _without_directives(text: str) -> str:
    """MyST / Pandoc fenced directives ("::: {figure-md}" … ":::", "::: note"): their marker
    lines are no text; a figure's whole block (a picture and its caption) is no fact either.
    Lines are blanked, not removed, so line numbers stay the notes'."""
    lines = text.split("\n")
    figure = False
    for i, ln in enumerate(lines):
        m = _DIRECTIVE.match(ln)
        if m:
            figure = bool(m.group(1) and m.group(1).startswith(("figure", "image")))
            if ln.strip().strip(":"):  # an opening marker
                lines[i] = ""
                continue
            figure = False
            lines[i] = ""
        elif figure:
            lines[i] = ""
    return "\n".join(lines)


_HUGO_SHORTCODE = re.compile(r"\{\{[%<]\s*/?\s*[A-Za-z][\w-]*(?:\s[^{}\n]*)?[%>]\}\}")
# arrows, box drawing, dingbats, stars and emoji that decorate a heading
_GLYPH = "[\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]"
_TRAILING_GLYPH = re.compile(f"(?:\\s*[\u200d\ufe0f]*{_GLYPH}[\ufe0f\u200d]*)+\\s*$")
_HEADING_GLYPH = re.compile(f"^(?:{_GLYPH}[\ufe0f\u200d]?\\s*)+")


_EMBED = re.compile(r"!\[\[([^\]|\n]{1,300})(?:\|[^\]\n]{0,300})?\]\]")
# ("[[ -d ${file} ]]", the shell's test, starts with a space: no link)
_WIKILINK = re.compile(r"(?<!!)\[\[(?!\s)([^\]|\n]{1,300}?)(?:\|([^\]\n]{1,300}))?\]\]")
_CALLOUT = re.compile(r"^([ \t]*(?:>[ \t]*)+)\[![A-Za-z-]{1,30}\][+-]?[ \t]?", re.MULTILINE)
_SUMMARY = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)</summary>\s*$", re.I | re.M)
_DETAILS = re.compile(r"^\s*</?details[^>]*>\s*$", re.I | re.M)


def _wiki(m: re.Match[str]) -> str:
    target, alias = m.group(1), m.group(2)
    return alias or target.split("#")[-1].strip() or target


def _summary(m: re.Match[str]) -> str:
    inner = _HTML_TAG.sub("", m.group(1)).strip()
    return f"\n**{inner}**\n" if inner else ""


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?:.*\n){0,200}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def _join_broken_rows(text: str) -> str:
    """A table cell with a line break in it (as Notion exports them: "| A | 1.0.0.0 ~ …" then
    "11.0.0.0 ~ … |" on the next line): the row joined again with ``<br>``. The line it took
    becomes an empty row, so that line numbers stay."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1:
        row = lines[i].rstrip()
        if row.lstrip().startswith("|") and not row.endswith("|") and row.count("|") >= 2:
            j = i + 1
            parts = [row]
            while j < len(lines) and j - i <= 8:
                nxt = lines[j].rstrip()
                if not nxt or nxt.lstrip().startswith("|"):
                    break
                parts.append(nxt.strip())
                j += 1
                if nxt.endswith("|"):
                    break
            if j > i + 1 and parts[-1].endswith("|"):
                lines[i] = "<br>".join(parts)
                for k in range(i + 1, j):
                    lines[k] = "| |"
                i = j
                continue
        i += 1
    return "\n".join(lines)


_FM_TITLE = re.compile(r"^title:[ \t]*[\"']?(.+?)[\"']?[ \t]*$", re.MULTILINE)


def front_matter_title(text: str) -> str:
    """The ``title:`` of the YAML front matter at the top (Obsidian, Jekyll, Hugo), or ""."""
    m = _FRONT_MATTER.match(text)
    t = _FM_TITLE.search(m.group(0)) if m else None
    return t.group(1).strip()[:120] if t else ""


_SHORTCODE = re.compile(r"(?<![\w:/|]):[a-z][a-z0-9_+\-]{1,39}:(?![\w/|])")
# a picture character that decorates a heading or an item ("장점 👍", "# 분할 정복 [☝](#top)",
# "💡 …"); marks that say right or wrong (✅ ❌ ✔ ✗ ⭕) are kept
_PICTO = "(?:[\U0001f000-\U0001faff\u2600-\u2704\u2706-\u2713\u2715-\u2716\u2719-\u274b\u274d-\u27bf\u2b50]\ufe0f?)"
_PICTO_LINK = re.compile(rf"\[\s*(?:{_PICTO}\s*)+\]\(#[^)\s]*\)")
_PICTO_EDGES = re.compile(
    rf"^(\s*(?:#{{1,6}}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)?)(?:{_PICTO}[\U0001F3FB-\U0001F3FF]?\s*)+(?:[:：]\s*)?"
    rf"|(?:\s*{_PICTO})+\s*$"
)  # ("> 💁🏻 : …" as a speaker's mark: the colon after it goes too)
_ANY_PICTO = re.compile(_PICTO)
_ANKI_CLOZE = re.compile(r"\{\{c\d+::(.+?)(?:::[^{}]*)?\}\}")
_HIGHLIGHT = re.compile(r"(?<![=\w])==(?=\S)([^=\n]{1,80}?)(?<=\S)==(?![=\w])")
# a whole highlighted passage ("==**Exceptions:** Lithium Titanate batteries …=="): no term
_HIGHLIGHTED_PASSAGE = re.compile(r"(?<![=\w])==(?=\S)([^=\n]{81,}?)(?<=\S)==(?![=\w])")
# inline TeX that only spells a name or a formula ("$\text{LiCo(III)O}_\text{2}$", "$\ce{LiBF4}$")
_TEX_INLINE = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]{1,160}?)(?<=\S)\$(?![\w$])")
_TEX_WORD = re.compile(
    r"\\(?:text|textrm|mathrm|mathit|mathbf|textbf|ce|operatorname)\s*\{([^{}]*)\}"
)
_TEX_SCRIPT = re.compile(r"([_^])\s*(?:\{([^{}]*)\}|(\S))")
_TEX_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_TEX_SUP = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")


def _plain_tex(m: re.Match[str]) -> str:
    """ "$\text{LiCo(III)O}_\text{2}$" → "LiCo(III)O₂"; TeX that is more than names and
    sub/superscripts (a fraction, a sum) stays as written."""
    if not _TEX_WORD.search(m.group(1)):
        return m.group(0)  # "$s_{i+1}$", "$E = mc^2$": a formula, kept whole
    body = _TEX_WORD.sub(lambda w: w.group(1), m.group(1)).replace("\\ ", " ").replace("\\,", " ")

    def script(s: re.Match[str]) -> str:
        inner = s.group(2) if s.group(2) is not None else s.group(3)
        table = _TEX_SUB if s.group(1) == "_" else _TEX_SUP
        small = inner.translate(table)
        if any(c in small for c in inner if c not in " "):
            return f"{s.group(1)}{inner}"  # (a letter has no small form: kept as "_i")
        return small

    body = _TEX_SCRIPT.sub(script, body)
    if "\\" in body or "{" in body or "}" in body:
        return m.group(0)
    return body


_FENCE_MARK = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def _normalise_markup(text: str) -> str:
    """Obsidian embeds/wikilinks/callouts and ``<details>`` answers as plain Markdown; YAML
    front matter (``---`` … ``---`` at the top) blanked.

    Line numbers are kept: a ``<summary>`` becomes a bold line (a sub-heading) in place.
    """
    m = _FRONT_MATTER.match(text)
    if m:
        text = "\n" * m.group(0).count("\n") + text[m.end() :]
    picto = _ANY_PICTO.search(text) is not None
    tags = "#" in text and _has_tags(text)
    if tags or picto or any(m in text for m in ("[[", "==", "{{c", "\n?", "\n: ", "$", ":")):
        # (not inside fenced code: "a[[0]]", "[[ -d x ]]", "a == b", "echo $$" are code there)
        lines, fence, math = text.split("\n"), "", False
        code: set[int] = set()  # the lines of fenced code, left as they are
        for i, line in enumerate(lines):
            # (a fence has three backticks or tildes: the pattern asked only of such a line)
            mark = _FENCE_MARK.match(line) if "```" in line or "~~~" in line else None
            if not math and mark is not None and (not fence or mark.group(1).startswith(fence)):
                fence = "" if fence else mark.group(1)[:3]
                code.add(i)
                continue
            if fence:
                code.add(i)
                continue
            if line.strip() == "$$" or math:
                # "$$" … "$$" (a LaTeX block): a formula no card can ask (its lines kept, blank)
                math = math != (line.strip() == "$$")
                lines[i] = ""
                continue
            if tags and "#" in line:
                # "#system/isolated #system/adiabatic" after a paragraph, "#til #docker" on a
                # line of its own: Obsidian's tags file the note, they are none of its text
                line = "" if _TAG_LINE.match(line) else _TAGS_AFTER.sub("", line)
            if ":" in line:
                line = _SHORTCODE.sub("", line)  # ":white_check_mark:": an emoji's name
            # "- 장점 👍" is the label 장점; "[☝](#알고리즘)" a way back to the top (a line
            # without a pictogram has neither)
            if picto and _ANY_PICTO.search(line):
                line = _PICTO_EDGES.sub(lambda m: m.group(1) or "", _PICTO_LINK.sub("", line))
            if "[[" in line:
                line = _EMBED.sub(lambda m: f"![{m.group(1)}](<{m.group(1)}>)", line)
                line = _WIKILINK.sub(_wiki, line)
            # flashcard marks people put in their notes: Obsidian's ==highlight== and Anki's
            # {{c1::cloze::hint}} mark the term to hide (as **bold** does); a line "?" alone
            # parts a question from its answer (Obsidian's multi-line card)
            if "{{c" in line:
                line = _ANKI_CLOZE.sub(lambda m: f"**{m.group(1).strip()}**", line)
            if "==" in line:
                line = _HIGHLIGHT.sub(lambda m: f"**{m.group(1)}**", line)
                line = _HIGHLIGHTED_PASSAGE.sub(lambda m: m.group(1), line)  # a passage
            if "$" in line and "\\" in line:
                line = _TEX_INLINE.sub(_plain_tex, line)
            lines[i] = line
        for i in range(1, len(lines)):
            # a definition list ("Latency" / ": the time a request takes …") is a term and its
            # meaning on one line
            if (
                lines[i].startswith(": ")
                and i not in code
                and i - 1 not in code
                and lines[i - 1].strip()
                and not lines[i - 1].lstrip().startswith(("#", "-", "*", ">", "|", "`"))
                and len(lines[i - 1].strip()) <= 40
                and ":" not in lines[i - 1]
                and (i < 2 or not lines[i - 2].strip())
            ):
                lines[i - 1], lines[i] = f"{lines[i - 1].strip()} : {lines[i][2:].strip()}", ""
        for i in range(1, len(lines) - 1):
            if (
                lines[i].strip() in ("?", "??")
                and i not in code
                and lines[i - 1].strip()
                and lines[i + 1].strip()
            ):
                # "Question\n?\nAnswer": the answer moves up a line, under its question
                j = i + 1
                if j in code:
                    continue
                while j + 1 < len(lines) and lines[j + 1].strip() and j + 1 not in code:
                    j += 1
                lines[i:j] = lines[i + 1 : j + 1]
                lines[j] = ""
        text = "\n".join(lines)
    if ("\no " in text or "\nㅇ " in text) and len(_LETTER_BULLET.findall(text)) >= 3:
        text = _letter_bullets(text)
    if "[!" in text:
        text = _CALLOUT.sub(lambda m: m.group(1), text)
    if ":::" in text:
        text = _without_directives(text)
    if "{{" in text:
        # a Hugo shortcode ("{{%notice%}}…{{%/notice%}}", "{{< hint info >}}"): a site's
        # markup around the text, not part of it (the line stays where it was)
        text = _HUGO_SHORTCODE.sub("", text)
    if "|" in text:
        text = _join_broken_rows(text)
    if "<summary" in text.lower() or "<details" in text.lower():
        text = _unfolded(text)
    return text


_ATX_LINE = re.compile(r"^ {0,3}(#{1,6})\s")
# "o XGBoost", "ㅇ 정밀도": a letter typed as a bullet (notes copied from a word processor)
_LETTER_BULLET = re.compile(r"^([ \t]*)[oㅇ][ \t]+(?=\S)", re.MULTILINE)


def _letter_bullets(text: str) -> str:
    """Lines bulleted with a letter ("o Decision Tree", "ㅇ …", three or more) as the list items
    they are ("- Decision Tree"); fenced code left as it is. The line numbers are kept."""
    lines, fence = text.split("\n"), ""
    for i, line in enumerate(lines):
        mark = _FENCE_MARK.match(line) if "```" in line or "~~~" in line else None
        if mark is not None and (not fence or mark.group(1).startswith(fence)):
            fence = "" if fence else mark.group(1)[:3]
            continue
        if not fence:
            lines[i] = _LETTER_BULLET.sub(r"\1- ", line, count=1)
    return "\n".join(lines)


# "<a statement of five words or more>: *true*." (or false, 참, 거짓), then why
_TRUE_FALSE = re.compile(
    r"^(?P<s>(?:\S+\s+){4,}\S*[^\s:])\s*:\s*"
    r"(?P<tf>\*{1,2}(?:true|false|True|False|TRUE|FALSE|참|거짓)\*{1,2}"
    r"|_(?:true|false|True|False|참|거짓)_|(?:true|false|True|False|TRUE|FALSE|참|거짓))"
    r"\s*[.!]?(?P<why>(?:\s+\S.*)?)$"
)
_TF_WORDS = ("true", "false", "True", "False", "TRUE", "FALSE", "참", "거짓")
# a statement that ends where its value would go is no claim ("The flag's default is: true")
_VALUE_SLOT = re.compile(
    r"(?i)(?:\b(?:is|are|was|were|be|to|of|as|equals?|returns?|defaults?|set|value|values|flag)"
    r"|[=은는])$"
)
# an Obsidian tag: "#" then a letter (not "#1", not "# heading"), then no space ("#system/isolated")
_OBSIDIAN_TAG = r"#[^\W\d_][\w/-]*"
_TAG_LINE = re.compile(rf"^\s*(?:[-*]\s+)?{_OBSIDIAN_TAG}(?:\s+{_OBSIDIAN_TAG})*\s*$")
_TAGS_AFTER = re.compile(rf"(?<=[.!?。:)])\s+{_OBSIDIAN_TAG}(?:\s+{_OBSIDIAN_TAG})*\s*$")
_TAG_RUN = re.compile(rf"{_OBSIDIAN_TAG}(?:[ \t]+{_OBSIDIAN_TAG})*[ \t]*$", re.MULTILINE)
_TAGS_LEAD = re.compile(r"(?:^|\n)[ \t]*(?:[-*][ \t]+)?$|[.!?。:)][ \t]+$")


def _has_tags(text: str) -> bool:
    """Whether a line of ``text`` is Obsidian tags, or ends in them after a sentence (the
    search starts at a "#": fast on notes without one before a letter)."""
    for m in _TAG_RUN.finditer(text):
        if _TAGS_LEAD.search(text, max(0, m.start() - 40), m.start()):
            return True
    return False


def _unfolded(text: str) -> str:
    """``<details><summary>Q</summary> … </details>`` as a sub-heading and its body. When a
    box's answer has headings of its own ("#### 의존성 주입 장점"), its summary (and every
    box's after it) is a heading one level below the heading the boxes stand under (if that is
    above the answer's headings), so that the next box is not taken for part of the last
    heading of the one before."""
    lines = text.split("\n")
    fence, outer = "", 0
    box: int | None = None  # the line of the open box's summary
    level: dict[int, int] = {}  # a summary's line → the heading level it would get
    inner: dict[int, int] = {}  # a summary's line → the highest heading in its box (7: none)
    for i, ln in enumerate(lines):
        mark = _FENCE_MARK.match(ln)
        if mark is not None and (not fence or mark.group(1).startswith(fence)):
            fence = "" if fence else mark.group(1)[:3]
            continue
        if fence:
            continue
        if _SUMMARY.match(ln):
            box = i
            level[i], inner[i] = min(outer + 1, 6), 7
        elif re.match(r"^\s*</details", ln, re.I):
            box = None
        else:
            h = _ATX_LINE.match(ln)
            if h and box is not None:
                inner[box] = min(inner[box], len(h.group(1)))
            elif h:
                outer = len(h.group(1))
    # (a box after one made a heading is one too, though its answer has no heading: else it
    # would still fall under the last heading of the box before)
    made: set[int] = set()  # the levels of the boxes made headings
    out = []
    for i, ln in enumerate(lines):
        m = _SUMMARY.match(ln)
        if m and i in level:
            title = _HTML_TAG.sub("", m.group(1)).strip().replace("*", "")
            if title and (level[i] < inner[i] < 7 or level[i] in made):
                made.add(level[i])
                out.append(f"{'#' * level[i]} {title}")
            else:
                out.append(f"**{title}**" if title else "")
        elif _DETAILS.match(ln):
            out.append("")
        else:
            out.append(ln)
    return "\n".join(out)


_BOLD_LINE = re.compile(r"^\*\*([^*\n]{1,80}?)\s*[:：]?\s*\*\*\s*[:：]?$")
# a question in bold is a sub-heading however long ("**Why can we use a subclass object in place
# of a superclass object, but not vice versa?**")
_BOLD_QUESTION = re.compile(r"^\*\*([^*\n]{1,200}?[?？])\s*\*\*$")


def bold_title(line: NoteLine) -> str:
    """The title of a line that is only ``**bold**`` (a sub-heading), else ""."""
    m = _BOLD_LINE.match(line.text.strip()) or _BOLD_QUESTION.match(line.text.strip())
    if not m:
        return ""
    title = _HEADING_GLYPH.sub("", m.group(1).strip()) or m.group(1).strip()  # "**❓왜 …?**"
    title = _TRAILING_GLYPH.sub("", title) or title  # "**How do we train trees? ‍⭐️**"
    if not title or title[-1] in ".。!":
        return ""
    if "`" in title:
        title = inline_text(title)  # "**What will `var1 == var2` evaluate to …?**", as a heading
    return fold(title)


# (a sentence, or a clause that goes on: "다시 합치면", "…하고", "…해서")
_LONE_END = re.compile(
    r"[.。!?？:：,;)\]>]$|다$|요$|[가-힣](?:하면|되면|으면|치면|다면|라면|해서|하고|하며|는데|지만|니까|도록)$"
)


def lone_title(line: NoteLine) -> str:
    """A paragraph (or quote) of one short line that is a name or a label over what follows
    ("ARP", "> 답변", "Key points"): a sub-heading. Not a sentence, a link, code or a step."""
    text = line.text.strip()
    if line.kind not in (LineKind.LABEL, LineKind.SENTENCE) or line.links:
        return ""
    plain = text.replace("**", "").replace("`", "").strip()
    named = re.fullmatch(r"[^()]+\([^()]+\)", plain)  # "은행원 알고리즘(Banker's Algorithm)"
    if not plain or len(plain) > 40 or len(plain.split()) > 5:
        return ""
    if _LONE_END.search(plain) and not named:
        return ""
    if _EN_GOES_ON.search(plain) and len(plain.split()) >= 3:
        return ""  # "Voters deny the vote if": a sentence the code below finishes
    if re.search(r"[가-힣]\s?(?:은|는)$", plain) and len(plain.split()) >= 2:
        return ""  # "위 코드의 동작 순서는": a sentence's topic, what follows finishes it
    glued = re.search(r"[:：](?=\S)(.*)$", plain)
    if glued and len(glued.group(1).split()) >= 2:
        return ""  # "FP-Growth(프리퀀트 패턴):얼마나 자주 구매하는지": a term and its meaning
    if not any(ch.isalpha() for ch in plain) or plain[0] in "-*+>|#([{<!$~/\\":
        return ""
    if is_stopword(plain, "ko" if has_hangul(plain) else "en"):
        return ""  # "다음", "Example" alone: a word, not a title
    return fold(plain)


def _quoted_line(tokens: list[Token], i: int) -> bool:
    """``> 답변`` alone: blockquote_open, paragraph_open, inline, paragraph_close, close."""
    kinds = [t.type for t in tokens[i : i + 5]]
    return kinds == [
        "blockquote_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "blockquote_close",
    ]


def _next_is_body(tokens: list[Token], j: int) -> bool:
    """Something other than a heading (or the end) follows at the top level."""
    while j < len(tokens) and tokens[j].type in ("hr", "html_block"):
        j += 1
    if j >= len(tokens) or tokens[j].type == "heading_open":
        return False
    if tokens[j].type == "paragraph_open" and j + 1 < len(tokens):  # not a lone picture
        kids = [c for c in tokens[j + 1].children or [] if c.type not in ("softbreak", "hardbreak")]
        if kids and all(c.type == "image" or not c.content.strip() for c in kids):
            return False
    return True


def _answers(title: str) -> bool:
    """A heading that answers or explains the one before it ("Answer: D", "해설", "풀이")."""
    return label_key(title) in ("answer", "description")


# "2019.11.21 우아한 형제들 테크 세미나", "2024-03-12", "2024년 3월 12일": when and where
_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?:[.\-/]\s?\d{1,2}[.\-/]\s?\d{1,2}|년\s?\d{1,2}월)")


def _mark_post_header(blocks: list[Block]) -> None:
    """A quote box at the top of a post or a talk's notes that dates it ("> 2019.11.21 … 세미나",
    the speaker, the agenda, a one-line review): about the notes, no facts to ask."""
    first = next((ln for b in blocks for ln in walk_lines_of(b) if ln.text.strip()), None)
    if first is None or not _DATE.search(first.text) or len(first.text) > 80:
        return
    # (the whole opening, up to the first sub-heading, is the post's or the talk's header)
    for b in blocks:
        for ln in walk_lines_of(b):
            ln.kind, ln.role = LineKind.CODE, "meta"


def walk_lines_of(b: Block) -> Iterator[NoteLine]:
    yield from b.lines
    for it in b.items:
        yield from it.lines
        for c in it.children:
            yield from walk_lines_of(c)


def parse_notes(
    text: str,
    path: str = "",
    *,
    processes: int = 1,
    each: Callable[[Section], object] | None = None,
) -> NotesDoc:
    """Parse notes into a section tree. Raises NotesError only for unusable input.

    ``processes``: more than 1 shares big notes' parsing with forked processes, a piece of the
    notes each (see :func:`_parsed_in_pieces`); the tree is the one a single process makes.
    ``each``: called with each section where a piece of the notes was parsed, if they were
    (to keep what the caller will ask of it in its ``derived``)."""
    if not isinstance(text, str):
        raise NotesError("notes must be text", path=path or None)
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\x00" in text:
        raise NotesError("not a text file (NUL bytes)", path=path or None)
    warnings: list[str] = []
    if len(text) > MAX_SOURCE_LINE and any(len(ln) > MAX_SOURCE_LINE for ln in text.split("\n")):
        cut = []
        for n, ln in enumerate(text.split("\n"), start=1):
            if len(ln) > MAX_SOURCE_LINE:
                warnings.append(f"line {n}: {len(ln)} characters long; only the start is used")
                ln = ln[:MAX_SOURCE_LINE]
            cut.append(ln)
        text = "\n".join(cut)
    raw_text = text
    text = _normalise_markup(text)
    stem = front_matter_title(raw_text) or _stem(path)  # Obsidian/Jekyll "title: OSI Model"
    if processes > 1:
        shared = _parsed_in_pieces(text, stem, path, warnings, processes, each)
        if shared is not None:
            return shared
    try:
        tokens = _MD.parse(text)
    except RecursionError as exc:  # pragma: no cover - markdown-it limits nesting
        raise NotesError("notes are nested too deeply", path=path or None) from exc
    return _doc_of(tokens, text.count("\n") + 1, stem, path, warnings)


def _doc_of(
    tokens: list[Token],
    n_lines: int,
    stem: str,
    path: str,
    warnings: list[str],
    wrapped: bool | None = None,
) -> NotesDoc:
    """The section tree of the tokens of notes of ``n_lines`` lines (``wrapped``: whether
    their paragraphs are wrapped at a width, when it was found out elsewhere)."""
    builder = _Builder(tokens, wrapped)
    root = Section(title=stem, level=0, path=(), line=1)
    sections: list[Section] = []
    stack: list[Section] = [root]
    seen: dict[tuple[str, ...], int] = {}
    images: list[tuple[tuple[str, ...], str, int]] = []
    current = root
    i = 0
    while i < len(tokens):
        t = tokens[i]
        bold: list[NoteLine] = []
        skip = 3
        lone = ""
        if t.type == "paragraph_open" and t.level == 0 and i + 1 < len(tokens):
            # (joined as the builder will join them: "[**Pointer**](…)" / "is a value that …"
            # in notes wrapped at a width is a sentence, not a bold sub-heading)
            plines = _inline_lines(tokens[i + 1], [], sentences=True, wrapped=builder.wrapped)
            if plines and bold_title(plines[0]):
                bold = plines
            elif len(plines) == 1 and _next_is_body(tokens, i + 3):
                lone = lone_title(plines[0])
        elif t.type == "blockquote_open" and t.level == 0 and _quoted_line(tokens, i):
            plines = _inline_lines(tokens[i + 2], [])
            if len(plines) == 1 and _next_is_body(tokens, i + 5):
                lone = lone_title(plines[0])
                if (
                    lone
                    and current is not root
                    and not current.blocks
                    and not is_label(lone)
                    and not label_tail(lone)  # "> 라우팅 경로 결정 순서": names what follows
                    # ("## 헬스 체크" then "> L4 스위치의 헬스체크": the heading again, narrowed)
                    and "".join(current.title.split()).casefold()
                    not in "".join(lone.split()).casefold()
                    and not re.search(r"[가-힣A-Za-z0-9)](?:은|는)\s", lone)  # a statement
                    # (under a question, "> 스케줄링 정책" heads a part of the answer)
                    and not re.search(r"(?:[?？.]|요|시오)\s*$", current.title)
                ):
                    # "## 3) 사건(Event)" then "> 표본공간의 부분집합": a quote right under a
                    # heading that is no label ("> 답변") says what the heading is
                    lone = ""
                skip = 5 if lone else skip
        if t.type == "heading_open" and t.level == 0 and not _heading_text(tokens[i + 1]):
            i += 3  # a bare "#" line (a divider some notes use): no heading, no section
            continue
        if (
            t.type == "heading_open"
            and t.level == 0
            and _PAGE_REF.match(_heading_text(tokens[i + 1]))
        ):
            # "#### P10 - P13", "## pp.222 - pp.282": where in the slides or the book, no
            # concept; the lines under it go on the section before
            i += 3
            continue
        defined: NoteLine | None = None
        if (t.type == "heading_open" and t.level == 0) or bold or lone:
            if bold or lone:
                level = BOLD_LEVEL
                title = bold_title(bold[0]) if bold else lone
            else:
                level = int(t.tag[1:]) if t.tag[1:].isdigit() else 1
                title = _heading_text(tokens[i + 1]) or f"(line {(t.map or [0])[0] + 1})"
                defined = _term_heading(tokens[i + 1], (t.map or [0])[0] + 1)
                if defined is not None:
                    title = fold(inline_text(defined.key))  # "**WHERE**: used to filter …"
                task = _TASK_THEN_COMMAND.match(title)
                if task and defined is None:
                    # "컨테이너 로그 보기: logs" over `docker logs …`: the task is the heading,
                    # the command its answer (shown on every card's breadcrumb, it gave it away)
                    title = task.group(1)
                if sections and sections[-1].level > level and _answers(title):
                    level = sections[-1].level + 1  # "#### Answer" right after "###### 1. Q?"
            while stack[-1].level >= level and stack[-1] is not root:
                stack.pop()
            parent = stack[-1]
            spath = (*parent.path, title)
            count = seen.get(spath, 0) + 1
            seen[spath] = count
            if count > 1:  # duplicate heading under one parent: a distinct concept
                spath = (*parent.path, f"{title} ({count})")
            line = (t.map or [0])[0] + 1
            current = Section(title=spath[-1], level=level, path=spath, line=line)
            if defined is not None:  # its definition, the section's first line
                current.blocks.append(Block(BlockKind.PROSE, line, line, lines=[defined]))
            parent.children.append(current)
            sections.append(current)
            stack.append(current)
            if bold and len(bold) > 1:  # "**Title**" and text right under it: the body
                rest = bold[1:]
                current.blocks.append(
                    Block(BlockKind.PROSE, rest[0].line, rest[-1].line, lines=rest)
                )
            i += skip
            continue
        before = len(builder.images)
        i = builder.block(i, current.blocks)
        for src, _alt, img_line in builder.images[before:]:
            images.append((current.path, src, img_line))
    all_sections = ([root] if root.blocks else []) + sections
    open_secs: list[Section] = []  # a section ends where the next one at its level or above starts
    for sec in sections:
        while open_secs and open_secs[-1].level >= sec.level:
            done = open_secs.pop()
            done.end = max(done.line, sec.line - 1)
        open_secs.append(sec)
    for sec in open_secs:
        sec.end = max(sec.line, n_lines)
    root.end = n_lines
    for sec in all_sections:
        sec.blocks = _walkthroughs(
            _attach_descriptions(_attach_paragraphs(_headerless_tables(sec.blocks)))
        )
        _cases(sec.blocks)
        _key_bindings(sec.blocks)
        _pair_block_lines(sec.blocks)
        _heading_explains_code(sec)
        _heading_is_a_command(sec)
        if sec.level <= 1 and sec.children:
            # (only an opening before the notes' own sections: a dated TIL of one section is
            # all facts)
            _mark_post_header(sec.blocks)
    title = _doc_title(sections, stem)
    if root.blocks:
        root.path = (stem,)
        root.title = root.path[0]
        images = [((root.path if not p else p), s, ln) for p, s, ln in images]
    return NotesDoc(
        title=title,
        path=path,
        root=root,
        sections=all_sections,
        images=images,
        warnings=warnings,
    )


def _doc_title(sections: list[Section], stem: str) -> str:
    """The deck is named after the document's title: its one top-level (#) heading when
    it has exactly one, else the file name — a first "## Concepts" is a section, not a title."""
    top = [s for s in sections if s.level == 1]
    return top[0].title if len(top) == 1 and sections[0] is top[0] else stem


# Big notes parsed in pieces (one process a piece at a time): a piece about this many characters
_PIECE_CHARS = 32 * 1024
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_SUFFIX = re.compile(r" \(\d+\)$")  # (what a repeated heading's title is given)
# a piece's tree, how many of its paragraph lines are cut at a width (up to 2), whether it
# defines link references (``[x]: url``, which links anywhere in the notes may use), and
# whether its paragraphs were read as wrapped at a width
_Piece = tuple[NotesDoc, int, bool, bool]


def _parsed_in_pieces(
    text: str,
    stem: str,
    path: str,
    warnings: list[str],
    processes: int,
    each: Callable[[Section], object] | None = None,
) -> NotesDoc | None:
    """The notes' tree made of pieces parsed by ``processes`` processes
    (:func:`srsapp.core.forked.fork_tasks`), or None where the pieces might not give the tree
    the whole notes give (they are parsed whole then).

    The notes are cut before headings of their highest level (outside fences), or of the highest
    level under a title (one heading alone at the highest level): then each piece but the first
    is parsed after the title's line, and its sections go under the title. Each piece is parsed
    with the heading that starts the next piece after it, its line numbers shifted to the
    notes'. Markdown is read line by line, and a heading at the top level (in no list, quote,
    fence or HTML block) ends every block before it and leaves none open: the lines after it are
    read as at the start of notes. That a cut heading is one is checked in what the parser made
    of both pieces: in the piece before, it is a section at the top level, at its line, at the
    end (a heading above it or a block that went on would hold it); in the piece after, it is
    the first section, nothing before it (the header of a table, with the line after it, it
    would not be); under a title, nothing comes out from under it. What else crosses a cut is
    checked too: link references (``[x]: url``, which links anywhere may use): none defined; a
    title twice at the cut headings' level (numbered in order over the notes): none; paragraphs wrapped at
    a width (told from the whole notes' count): a piece read otherwise is read again."""
    lines = text.split("\n")
    cuts, under = _cuts(lines, max(_PIECE_CHARS, len(text) // 512))
    if len(cuts) < 2:
        return None
    bounds = list(zip(cuts, [*cuts[1:], len(lines)], strict=True))

    guess = _wraps_likely(lines)

    def piece(k: int, wrapped: bool | None = None) -> _Piece | None:
        start, end = bounds[k]
        title = [lines[under]] if under >= 0 and k > 0 else []  # (the heading over them all)
        env: dict[str, object] = {}
        try:  # (with the next piece's heading)
            tokens = _MD.parse("\n".join([*title, *lines[start : end + 1]]), env)
        except RecursionError:
            return None  # (parsed whole: the error is told there)
        shift = start - len(title)
        for tok in tokens:  # (the notes' line numbers)
            if tok.map:
                tok.map = [tok.map[0] + shift, tok.map[1] + shift]
        n = _width_cuts(tokens)
        if wrapped is None:
            wrapped = n >= 2 or guess  # (a piece's paragraphs are not all the notes')
        n_lines = min(end + 1, len(lines))
        doc = _doc_of(tokens, n_lines, stem, path, [], wrapped)
        if each is not None:
            for sec in doc.sections:
                each(sec)
        return doc, n, bool(env.get("references")), wrapped

    got = fork_tasks(piece, range(len(bounds)), processes)
    done = [r if r is not None else piece(k) for k, r in enumerate(got)]
    if any(r is None or r[2] for r in done):
        return None
    pieces = [r for r in done if r is not None]
    wrapped = sum(r[1] for r in pieces) >= 2
    wrong = [k for k, r in enumerate(pieces) if r[3] != wrapped]  # (guessed wrong)
    if wrong:
        redone = fork_tasks(lambda k: piece(k, wrapped), wrong, processes)
        for k, r in zip(wrong, redone, strict=True):
            again = r if r is not None else piece(k, wrapped)
            if again is None:
                return None
            pieces[k] = again
    root = pieces[0][0].root
    over = root  # the section the cut headings are under
    if under >= 0:
        if not root.children or root.children[-1].line != under + 1:
            return None  # (the heading over the others is no section at the top level)
        over = root.children[-1]
    sections: list[Section] = []
    images: list[tuple[tuple[str, ...], str, int]] = []
    tops: list[Section] = []
    for k, (doc, *_) in enumerate(pieces):
        own = [s for s in doc.sections if s is not doc.root]
        heads = over.children if k == 0 else doc.root.children
        if k > 0 and under >= 0:
            # (the heading over them all, parsed again before the piece: its sections are
            # under it as they are in the notes, and nothing comes out from under it)
            if len(heads) != 1 or heads[0].path != over.path or own[0] is not heads[0]:
                return None
            own, heads = own[1:], heads[0].children
        if k > 0 and (doc.root.blocks or not own or own[0].line != cuts[k] + 1):
            return None  # (the cut heading is no section here, or not the first thing)
        if k + 1 < len(pieces):
            if not own or own[-1] is not heads[-1] or own[-1].line != cuts[k + 1] + 1:
                return None  # (the next piece's heading is no section at the top level here)
            own.pop()
            heads = heads[:-1]
        sections.extend(own)
        tops.extend(heads)
        images.extend(doc.images)
    titles = [_SUFFIX.sub("", s.title) for s in tops]
    if len(set(titles)) != len(titles):
        return None
    over.children = tops
    root.end = len(lines)
    over.end = max(over.line, len(lines))
    return NotesDoc(
        title=_doc_title(sections, stem),
        path=path,
        root=root,
        sections=([root] if root.blocks else []) + sections,
        images=images,
        warnings=warnings,
    )


def _wraps_likely(lines: list[str]) -> bool:
    """Whether :func:`_wraps_at_width` is likely to say the notes are wrapped, from their lines
    (a piece of them is read so until the notes' count is known: a wrong guess costs the time
    to read the piece again)."""
    cuts = 0
    fence = ""
    for i, line in enumerate(lines[:-1]):
        mark = _FENCE_MARK.match(line)
        if mark is not None and (not fence or mark.group(1).startswith(fence)):
            fence = "" if fence else mark.group(1)[:3]
            continue
        if fence or line[:1] in "#>|-*+ \t" or line[:1].isdigit() or not lines[i + 1].strip():
            continue  # (a paragraph's line that another follows)
        end = line.rstrip()
        if end and not end.endswith((".", "!", "?", ":")) and _cut_after_an_end(end):
            cuts += 1
            if cuts >= 2:
                return True
    return False


def _cuts(lines: list[str], size: int) -> tuple[list[int], int]:
    """Where notes may be cut into pieces of about ``size`` characters or more: 0, then lines
    of a heading of the notes' highest level, outside fences; or, when one heading alone has
    that level (the notes' title), of the highest level after it, and that heading's line
    (else -1)."""
    heads: list[tuple[int, int]] = []  # (line, level)
    fence = ""
    for i, line in enumerate(lines):
        if fence or not line.startswith("#"):
            mark = _FENCE_MARK.match(line)
            if mark is not None and (not fence or mark.group(1).startswith(fence)):
                fence = "" if fence else mark.group(1)[:3]
            continue
        m = _ATX.match(line)
        if m is not None:
            heads.append((i, len(m.group(0))))
    if not heads:
        return [0], -1
    top = min(n for _, n in heads)
    over = [i for i, n in heads if n == top]
    under = -1
    if len(over) == 1 and heads[-1][0] > over[0]:
        under = over[0]
        heads = [(i, n) for i, n in heads if i > under]
        top = min(n for _, n in heads)
    out = [0]
    at = chars = last = 0  # characters before the last cut, and before line ``last``
    for i, n in heads:
        chars += sum(len(x) + 1 for x in lines[last:i])
        last = i
        if n != top or i == 0 or chars - at < size:
            continue
        words = lines[i].strip("# \t")
        # (a heading that goes under the one before it, or on its section, makes no cut)
        if words and not _answers(words) and not _PAGE_REF.match(words):
            out.append(i)
            at = chars
    return out, under


def _stem(path: str) -> str:
    name = re.split(r"[\\/]", path)[-1] if path else ""
    if "." in name:
        name = name.rsplit(".", 1)[0]
    return nfc(name) or "notes"
