"""Generic labels: words people put over a part of their notes (Definition, 장점, Example...).

A label is not a term to learn: the text under "**Purpose**" or "### 장점" is about the heading
above it, so the card asks "What is the purpose of X?" / "X의 장점은?". A heading that is only a
grouping word ("개념", "정리", "Overview") is no concept to define either.

The table lists general labels of study notes, in Korean and English, each with how the question
names it; it is about the language of notes, not about any one file.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lang import josa

# canonical key -> (Korean noun, English noun phrase, English verb "is"/"are")
_LABELS: dict[str, tuple[str, str, str]] = {
    "definition": ("정의", "definition", "is"),
    "purpose": ("목적", "purpose", "is"),
    "role": ("역할", "role", "is"),
    "usage": ("용도", "use", "is"),
    "howto": ("사용법", "usage", "is"),
    "example": ("예시", "example", "is"),
    "feature": ("특징", "characteristics", "are"),
    "pros": ("장점", "advantages", "are"),
    "cons": ("단점", "disadvantages", "are"),
    "note": ("참고", "note", "is"),
    "caution": ("주의할 점", "caveat", "is"),
    "summary": ("요약", "summary", "is"),
    "overview": ("개요", "overview", "is"),
    "description": ("설명", "description", "is"),
    "principle": ("원리", "principle", "is"),
    "structure": ("구성", "structure", "is"),
    "kinds": ("종류", "kinds", "are"),
    "difference": ("차이점", "differences", "are"),
    "reason": ("이유", "reason", "is"),
    "cause": ("원인", "cause", "is"),
    "solution": ("해결 방법", "solution", "is"),
    "problem": ("문제점", "problem", "is"),
    "syntax": ("문법", "syntax", "is"),
    "concept": ("개념", "concept", "is"),
    "background": ("배경", "background", "is"),
    "conclusion": ("결론", "conclusion", "is"),
    "method": ("방법", "method", "is"),
    "reference": ("참고 자료", "references", "are"),
    "answer": ("답", "answer", "is"),
    "keywords": ("키워드", "keywords", "are"),
    "common": ("공통점", "similarities", "are"),
    "intent": ("질문 의도", "intent of the question", "is"),
    "setup": ("설치 방법", "setup", "is"),
    "criterion": ("기준", "criterion", "is"),
    "question": ("질문", "question", "is"),
    "guess": ("추측", "guess", "is"),
    "formula": ("공식", "formula", "is"),
    "extension": ("확장", "extension", "is"),
    "assumption": ("가정", "assumption", "is"),
    "alias": ("다른 이름", "other name", "is"),
    "practice": ("권장 사항", "best practice", "is"),
}

_WORDS: dict[str, str] = {}
for _key, _words in {
    "definition": "정의 뜻 의미 definition definitions meaning what",
    "purpose": "목적 목표 동기 purpose goal goals aim objective objectives why motivation motivations",
    "keywords": "키워드 핵심키워드 꼬리질문 연관질문 keyword keywords followup follow-up tags",
    "common": "같은점 공통점 similarities similarity commonalities",
    "intent": "질문의도 출제의도 의도 intent",
    "role": "역할 기능 role roles responsibility responsibilities",
    "usage": "용도 쓰임 use uses usecase usecases",
    "howto": "사용법 사용방법 사용 how howto usage",
    "example": "예시 예 예제 사례 사용예 사용예시 사용예제 활용예 활용예시 example examples eg sample e.g. ex ex. "
    "samplecode codesample examplecode codeexample 예제코드 예시코드 코드예시 코드예제 샘플코드",
    "feature": "특징 특성 성질 feature features characteristic characteristics properties",
    "pros": "장점 이점 pros advantage advantages benefit benefits strengths",
    "cons": "단점 한계 한계점 cons disadvantage disadvantages drawback drawbacks limitation "
    "limitations weaknesses",
    "note": "참고 메모 비고 note notes remark remarks tip tips info update updates edit 업데이트 "
    "ruleofthumb rulesofthumb hint 팁 tmi 여담 잡담 trivia funfact "
    "수정사항 추가사항 foreword preface 머리말 서문 들어가며 들어가기전에",
    "caution": "주의 주의사항 주의점 유의사항 caution warning warnings caveat caveats important",
    "summary": "요약 정리 총정리 summary recap tldr tl;dr keypoints takeaways 간단하게 간단히 한마디로 "
    "whatyouneedtoknow thingstoknow whattoknow whattoremember keyfacts 알아야할것 "
    "요약하면 inshort inanutshell",
    "overview": "개요 소개 overview introduction intro",
    "description": "설명 내용 description details detail shortexplanation detailedexplanation "
    "briefexplanation simpleexplanation quickexplanation 간단한설명 자세한설명 상세설명",
    "principle": "원리 동작원리 작동원리 동작방식 principle principles howitworks mechanism",
    "structure": "구성 구조 구성요소 structure components",
    "kinds": "종류 유형 분류 types kinds categories",
    "difference": "차이 차이점 비교 difference differences comparison vs",
    "reason": "이유 왜 reason reasons",
    "cause": "원인 cause causes",
    "solution": "해결 해결책 해결방법 해결방안 solution solutions fix",
    "problem": "문제 문제점 이슈 problem problems issue issues",
    "syntax": "문법 구문 형식 syntax format",
    "concept": "개념 기본개념 핵심개념 concept concepts basics",
    "background": "배경 background motivation",
    "conclusion": "결론 마무리 conclusion conclusions moral lesson lessons lessonslearned bottomline",
    "method": "방법 방식 method methods approach",
    "reference": "참고자료 참고문헌 레퍼런스 출처 reference references links resources "
    "readings readinglist furtherreading seealso 참고링크 관련링크 상위노트 하위노트 parentnote up related relatednotes relatedtopics recommendation "
    "recommendations personalrecommendation 관련노트 관련문서 관련글 추천 source sources",
    "answer": "답 답변 정답 해설 풀이 answer answers solution explanation",
    "setup": "설치 설치방법 설치하기 installation installing",
    "criterion": "기준 판단기준 criterion criteria",
    # the author's own questions and guesses while studying: no facts (no answer is given)
    "question": "질문 궁금증 궁금한점 물음 question questions",
    "guess": "추측 짐작 guess",
    "formula": "공식 수식 formula formulas equation",
    "extension": "확장 extension extensions variant variants variation variations",
    "assumption": "가정 전제 전제조건 assumption assumptions premise premises",
    "alias": "다른이름 다른명칭 별칭 별명 alias aliases aka othername othernames",
    "practice": "권장사항 모범사례 베스트프랙티스 bestpractice bestpractices goodpractice",
}.items():
    for _w in _words.split():
        _WORDS.setdefault(_w, _key)

# "Option 1", "Rule 3", "Case B", "방법 2", "Step 1": a numbered label, no term of its own
ENUMERATOR = re.compile(
    r"(?i)^(?:option|rule|case|way|approach|alternative|scenario|solution|method|version|"
    r"step|phase|stage|part|방법|경우|규칙|케이스|방식|옵션|단계)\s*(?:\d{1,2}|[A-Z])$"
)


_LIST_OF_SOURCES = frozenset({"reading", "readings", "references", "links"})
_QUALIFIER = re.compile(
    r"^(?:external|further|useful|additional|more|other|related|key|main|important|quick|"
    r"외부|추가|기타|관련|주요|핵심)\s+(?=\S)"
)
QUESTION_TOPIC = re.compile(r"^([가-힣A-Za-z0-9]{2,12})(?:은|는)\s")
_REQUEST = re.compile(r"(?:[?？]|요|세요|시오|하라|해라|주세요)\s*$")
_STRIP = re.compile(r"^[\s\d.)\-•*#]+|[\s:：.!?？)]+$|\(s\)")
_SPACE = re.compile(r"[\s_\-]+")
_NUMBERED = re.compile(r"\s*\d+$")
_JOINED = re.compile(r"\s*(?:&|/|,|\+|\band\b|및|와|과)\s*")


@lru_cache(maxsize=1 << 16)
def label_key(title: str) -> str:
    """The canonical label a heading or bold line is (``"pros"`` for "장점:"), or ""."""
    t = _STRIP.sub("", title.strip()).casefold()
    t = _NUMBERED.sub("", t)  # "문제1", "Example 2"
    whole = _WORDS.get(_SPACE.sub("", t), "")
    if whole:
        return whole  # "Related notes", "Key points" as they are
    t = _QUALIFIER.sub("", t)  # "External References", "추가 참고"
    words = t.split()
    if len(words) == 2 and words[1] in _LIST_OF_SOURCES and words[0].isalpha():
        return "reference"  # "Suggested Reading", "Futher Reading", "Good Links": what to read
    parts = [p for p in _JOINED.split(t) if p.strip()]
    if len(parts) > 1:  # "배경 & 질문 의도": labels joined are a label (the first one's)
        keys = [label_key(p) for p in parts]
        if all(keys) and ("intent" in keys or "keywords" in keys):
            return "meta"  # an interview template's notes about the question, not facts
        return keys[0] if all(keys) else ""
    head, sep, tail = t.partition(":")
    if sep and len(tail.strip()) <= 3:  # "Answer: D"
        t = head
    t = _SPACE.sub("", t)
    if not t or len(t) > 24:
        return ""
    return _WORDS.get(t, "")


def is_label(title: str) -> bool:
    return bool(label_key(title))


_TAIL_WORDS = (
    "방법 방식 이유 목적 특징 장점 단점 장단점 이점 차이 차이점 종류 역할 기능 원리 원인 예시 "
    "정의 문제점 해결책 용도 구성 요소 조건 단계 과정 순서 절차 규칙 주의점 주의사항 가이드 팁 "
    "reasons reason types kinds features advantages disadvantages benefits drawbacks differences "
    "steps rules causes uses examples properties characteristics requirements guidelines guide "
    "tips"
).split()


@lru_cache(maxsize=1 << 14)
def label_tail(title: str) -> str:
    """A title that ends with a label word ("캐스팅이 필요한 이유", "생성방법", "Types of
    joins") names what its items are; the label word, or ""."""
    t = title.strip().rstrip(":：?？ ")
    folded = t.casefold()
    for w in _TAIL_WORDS:
        if folded.endswith(w) and len(t) > len(w):
            return w
    first = t.split()[0].casefold() if t.split() else ""
    if first in _TAIL_WORDS and len(t.split()) > 1:  # "Types of joins"
        return first
    return ""


def label_question(subject: str, key: str, lang: str, *, several: bool = False) -> str:
    """ "X의 장점은?" / "What are the advantages of X?" ("장점은?" without a subject).
    ``several``: the answer names more than one ("Give examples of X.")."""
    ko, en, verb = _LABELS[key]
    if _REQUEST.search(subject):  # "…차이는?" / "…말해주세요": no "X의 장점은?" of a question
        # but the topic it opens with is whose ("스레드는 어떤 방식으로 …? 장단점도 …" › 장점)
        topic = QUESTION_TOPIC.match(subject) if lang == "ko" else None
        subject = topic.group(1) if topic is not None else ""
    tail = label_tail(subject)
    if tail and lang == "ko":  # "트리거의 장단점" › "단점": "트리거의 단점은?"
        subject = re.sub(rf"(?:의\s*)?\s*\S*{re.escape(tail)}$", "", subject).strip() or subject
    if not subject:
        return f"{josa(ko, '은/는')}?" if lang == "ko" else f"What {verb} the {en}?"
    if lang == "ko":
        if key == "definition":
            return josa(subject, "이란/란") + " 무엇인가?"
        if key == "example":
            return f"{subject}의 예를 드시오."
        return f"{subject}의 {josa(ko, '은/는')}?"
    if key == "definition":
        return f"What is {subject}?"
    if key == "example":
        return f"Give examples of {subject}." if several else f"Give an example of {subject}."
    return f"What {verb} the {en} of {subject}?"
