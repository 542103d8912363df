"""Sentences that cannot stand on a card alone.

A card shows one sentence (with its heading path). A sentence that leans on the one before it
("This means …", "그리고 …", "이는 …", "Both return …"), that points at what follows or at a
figure ("… as follows:", "아래와 같다"), that tells the author's story or opinion ("I think",
"개인적으로"), or that talks about the notes themselves ("이번 실습에서는 … 알아본다", "In this
post") asks nothing a learner can answer from the card. The rules are about the language of
notes in general, Korean and English.

The predicates are pure and cached (by sentence): the generators ask them of the same lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lang import has_hangul
from .scan import AnyOf, AtEnd, scanner

_ANAPHORA = re.compile(
    r"^(?:this|that|these|those|they|it|its|he|she|so|but|however|then|also|thus|therefore|"
    r"hence|here|there|such|and|or|both|either|neither|in this case|in that case|as a result|"
    r"for this reason|for that reason|for these reasons|because of this|because of that|"
    r"for example|for instance|in order to avoid this|at this point|at that point|in such cases?|"
    r"in such a case|"
    r"이|이는|이것은|이것이|이것을|그|그는|그것은|그들(?:은|이|의|도)?|이들(?:은|이|의|도)?|"
    r"그녀(?:는|가)?|이러한|이런|그런|그러한|그리고|즉|따라서|하지만|"
    r"또한|그래서|때문에|반면에|반면|그러나|또|이때|여기서|위의|위와|아래의|이와|이를|그래도|그러면|"
    r"그러므로|결국|우선|대신|물론|예를 들어|예를 들면|이처럼|이때문에|이 때문에|이중에|이 중에|"
    r"이 경우|이 경우에|앞서|앞에서|위에서|자|자 그럼|그럼|먼저|그렇다면|이제|다음으로|마지막으로|"
    r"예를들어|예를들면|이경우|이경우에|"  # (written without their space, as often)
    r"이렇듯|이처럼|지난|그렇지만|그런데|그래서인지|말 그대로|이로 인해|이로인해|이로써|그로 인해|"
    r"이로 말미암아|이에 따라|now|next|finally|then|first|second|lastly|still|"
    r"yet|otherwise|instead)\b[\s,]"
    r"|^(?:it|that|there|here)['’]s\b"  # "It's not: …", "That's why …"
    r"|^\(?\d{1,2}\)\s*(?:은|는|이|가|의)?\s"  # "(2)는 …": an item of an example
    r"|^(?:ex|e\.g|eg|예|예시|example)\s*[).:]"  # "ex) 192.168.1.255가 …": an example
    r"|^[(（].*[)）]\s*$"  # "(대기열(큐) 구조라고 생각하면 됨)": an aside
    r"|^the (?:first|second|third|last|previous|next|above|following) example\b"
    r"|^the reasons? (?:is|are|was|were|being)\b",  # "The reason is …": of what was said before
    re.IGNORECASE,
)
_PRONOUN_USE = AnyOf(
    r"\b(?:this|that|these|those|it|them)\s*[,.;:!?]|이중에|이 중에|그중에|그 중에|예를 들면|예를 들어|"
    r"\bfor example\b|\bfor instance\b|그럴까|이럴까|왜 그런"  # "왜 그럴까?": why what?
    # "When aligned in this manner, …", "We allow for this by adding …": "this" of what came before
    r"|\bin this (?:manner|way|fashion)\b"
    # "only these two of them have …": which two, said before
    r"|\b(?:these|those)\s+(?:two|three|four|five|ones)\s+(?:of|are|is|have|has|were|can|do)\b"
    r"|\b(?:two|three|all|both|some) of them\b"
    r"|\b(?:for|of|to|with|by|from|about|on)\s+this\s+(?:by|is|was|will|can|and|or|but|because|"
    r"when|if|so|as|we|you)\b",
    re.IGNORECASE,
)
_POINTS_ELSEWHERE = AnyOf(
    # "Restart policies on crashed docker instances are covered here.", "More info … here."
    r"\b(?:(?:are|is) covered|more info(?:rmation)?\b.*|(?:read|see|look)\b.*)\s+here\s*[.!]?\s*$|"
    r"(?:as follows|below|above|the following|like this|like so|다음과 같|아래와 같|아래 그림|"
    r"위 그림|아래처럼|위와 같|위의 |아래의 |see |refer to|참고하|further discussed)|[:：]\s*$"
    r"|^(?:다음|아래|위)(?:은|는|의 코드|의 예)\s"  # "다음은 스레드 안전하지 않은 경우의 코드이다."
    r"|(?:다음|아래)의 (?:장점|단점|특징|기능|종류|조건|단계|과정|방법|이유|목적|역할)"
    r"|(?:아래|위) (?:사진|그림|표|코드)"
    r"|(?:링크|글|포스트|문서)\s?참고|자세한 내용은"  # "더 상세한 내용은 링크 참고: …"
    r"|^given (?:such|this|that|the above)\b|\bthese are the (?:results|steps|following)\b",
    re.IGNORECASE,
)
_OPINION = AnyOf(
    r"(?:\bI think\b|\bI thought\b|\bpersonally\b|\bin my opinion\b|^to me,|\bI (?:built|wrote|found|used|"
    r"ran|tried|learned|learnt|noticed|realized|wanted|figured|want|can give)\b|\bpointed (?:me|out)\b|"
    r"\btip from\b|\bI['’](?:ve|m|d|ll)\b|\bI (?:haven['’]t|have not|didn['’]t|did not)\b|"
    r"\bhere (?:are|is)\b|\bhere's\b|\bso far\b|"
    r"개인적인 생각|개인적으로|생각한다|생각이 든다|생각이 된다|생각된다|것 같다|^(?:제가|저는|나는|내가)\s|"
    # "…어려운 일인지 처음 알았다", "…계실 줄은 꿈에도 몰랐다", "…배신당한게 엊그제 같은데 이젠
    # 하드웨어마저 날 배신한다", "…하고 계신 분인거 같다", "…해결책을 찾을지도.": the author's feelings
    r"처음 알았다|줄은? (?:꿈에도 )?몰랐다|꿈에도 몰랐|엊그제 같은데|아득하다|상상만\s?해도|"
    r"(?:인|는|한|된|있는|없는) ?거 같다|(?:을|일|할|될|볼)지도\s*[.!]?$|혹시 모르지|찾아보니|"
    r"날 배신|"
    # "…경험이 어땠나요?", "…공감하지 못한 듯하다", "현재 진행중인 아마존 프로젝트는 …": the
    # author's own experience, hedge or project
    r"[가-힣](?:다니|구나|군요|네요)\s*[!！]+\s*$|"  # "자바도 이게 된다니!"
    # "아마 그렇겠지?", "CAS가 정확히 뭐였더라..": the author thinking aloud
    r"^아마\s|겠지\s*[?？]|였더라|였던가|(?:ㅋ|ㅎ){2,}|"
    r"어땠나요|어땠는지|느낀\s?점|소감|\S+ (?:못한|않은|한|된) 듯\s?하다|"
    r"(?:진행\s?중인|진행하는|하고\s?있는|참여\s?중인)\s(?:\S+\s)?프로젝트|"
    r"\bhow did (?:you|it) feel\b|\bwhat was (?:your|the) experience\b|"
    r"\((?:내|제)\s?생각\)|\(my (?:thoughts?|opinion)\)|"
    # a to-do of the author's ("다른 예제 2개도 풀어보기", "TODO: include proof")
    r"(?:풀어|해|알아|살펴|찾아|읽어)\s?보기\s*(?:$|[.,<])|\bTODO\b|\bTBD\b|"
    r"\((?:[^()]*\s)?\S*(?:확인|정리|공부|조사)하기\)\s*$|정리\s?(?:필요|예정)|(?:작성|추가)\s?예정|다음\s?(?:주|시간)에\s?계속|"
    r"to be continued|^\[[ xX]\]\s|"  # "(예시로 확인하기)", "정리 필요", "- [ ] …": to-dos
    r"예로 들어\s?보자|예를 들어\s?보자|예시로 보자|다음은\s.{1,40}\s예(?:이다|입니다))",
    re.IGNORECASE,
)
# "자바도 이게 된다니!", "신기하구나!": the author's exclamation (not "… 선언 가능!", a fact)
_EXCLAIMS = re.compile(r"[가-힣](?:다니|구나|군|네|네요|군요)\s*[!！]+\s*$")


def exclaims(text: str) -> bool:
    """The line is the author's exclamation: it explains no code and defines nothing."""
    return _EXCLAIMS.search(text) is not None


_META = AnyOf(
    r"(?:이번 실습|이번 시간|이번 글|이번 포스팅|이번 절|이 글에서|본 글|알아본다|알아보자|알아보겠|"
    # "최성준님의 자료를 많이 참고했습니다", "학생일 때 수업에서 배운 것인데": where the author learnt it
    r"참고했|참고하였|배운 것인데|배웠던 것인데|"
    r"알아보았|살펴보았|살펴보자|우리가|우리는|여기서는|다룬다|다루겠|다루지 않|"
    r"살펴보겠|해보자|해 보자|보도록 하자|in this (?:post|article|lab|section|chapter|tutorial|note)|"
    r"\blet'?s\b|\bwe will\b|\bwe'll\b|\byou should be\b|\bbe comfortable\b|\bnot covered\b|"
    r"\bthe questions here\b|^welcome to\b|\b(?:this|today's|last|previous|next) (?:post|blog post)\b|"
    r"\bweek\s+\d+ post\b|스터디|오늘\s|(?:하|이해하|살펴보|알아보)는 장(?:입니다|이다)|첨부합니다|첨부한다|첨부함|링크(?:를|로) 대신|"
    r"면접(?:에서|질문|\s?문제)?\S*\s*(?:자주|많이|단골)|interviews? (?:often|usually|commonly)|"
    # the repository's own talk: "Pull requests are welcome. Enjoy!", "PR 환영합니다"
    r"\bpull requests? (?:are |is )?welcome|\bcontributions? (?:are|is) welcome|\bthis (?:repo|repository)\b|"
    r"\bfeel free to (?:contribute|open)|\b(?:a|another) separate note\b|\bor will be added\b|\bmore notes on\b|"
    r"^I put\b|^there (?:are|is) (?:various|several|many|a couple of|a few|a number of|multiple|"
    r"different) (?:ways|approaches|methods|options|opinions)(?: (?:to|on|for|of|by which)\b[^:]*)?[.!]?$|"
    r"\bstar (?:this|the) repo|PR\s?(?:은|을)?\s?환영|기여(?:는|를)?\s?환영|"
    # the collection talking about itself: "… 인터뷰 질문을 모아봤습니다", "본 문서를 만들게
    # 되었습니다", "언제든 PR 날려주세요", "… 문서를 보시면 좋을 것 같아요"
    r"모아\s?(?:봤|보았|두었|뒀|놓았)|(?:본|이|해당) (?:문서|저장소|레포)|PR\s?(?:을|를)?\s?(?:날려|보내|주세요)|"
    r"보시면 좋을|(?:를|을) 추천합니다|숙지하면 좋을)",
    re.IGNORECASE,
)


# "…빌드가 완료되었다", "…테이블을 생성하였다": what the author did in the lab, told in the past
_DID = AtEnd(
    r"(?:생성|설치|실행|완료|확인|빌드|작성|추가|수정|진행|테스트|삭제|변경|배포|기록|정리)\s?"
    r"(?:하였|했|되었|됐)(?:다|습니다)[.!]?$"
)


def _intends(sentence: str) -> bool:
    """ "…를 만들 것이다", "…할 것이다": what the author is going to do (a lab's narration)."""
    if _SETS_OUT.search(sentence.strip()):
        return True  # "…를 구축하려고 한다": what the author sets out to do
    m = _WILL_DO.search(sentence.strip())
    return m is not None and (ord(m.group(1)) - 0xAC00) % 28 == 8  # the verb ends in ㄹ: future


_SETS_OUT = re.compile(r"(?:려고|고자)\s*(?:한다|합니다|했다|하였다)\.?$")
_WILL_DO = AtEnd(r"([\uac00-\ud7a3]) 것이다\.?$")

_EXHORT = re.compile(  # "…머리 속에 넣자~", "…해 보자", "…에 대해 설명해보세요."
    r"[\uac00-\ud7a3](?:자|자요|세요|시오|주세요|봐요)\s*[~!.]*\s*$"
)


# Markers that order or add ("우선", "또한", "Also,", "Finally,"): the sentence after them
# still stands alone
_SOFT_MARKER = re.compile(
    r"^(?:우선|먼저|또한|그리고|물론|특히|참고로|일반적으로|보통|마지막으로|다음으로|"
    r"first(?:ly)?|second(?:ly)?|also|finally|lastly|moreover|additionally|in addition|"
    r"in general|generally|typically|usually|note that)\s*,?\s+(?=\S)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)
def without_marker(sentence: str) -> str:
    """The sentence without an ordering or adding marker in front ("우선 GET 방식은 …")."""
    return _SOFT_MARKER.sub("", sentence.strip(), count=1)


@lru_cache(maxsize=1 << 16)
def leans_on_context(sentence: str) -> bool:
    """The sentence cannot be understood alone (an anaphor or connective first, a pronoun for
    something said before, or it points to a figure or to what follows), or it is the author's
    opinion, story or talk about the notes themselves, not a fact."""
    s = without_marker(sentence)
    if _EXPLETIVE_IT.match(s):
        # "It is important to keep …", "It must be emphasized that …": an "it" that stands for
        # what follows, not for something said before
        return bool(_PRONOUN_USE.found_in(s) or tells_no_fact(s))
    return bool(_ANAPHORA.match(s) or _PRONOUN_USE.found_in(s) or _KO_REFERS_BACK.found_in(s)) or (
        tells_no_fact(s)
    )


_EXPLETIVE_IT = re.compile(
    r"It\s+(?:is|was|'s|will be|would be|can be|could be|must be|should be|may be|might be|"
    r"has been|is often|is usually|is generally)\s+(?:not\s+|also\s+|very\s+|always\s+)?"
    r"(?:important|necessary|essential|crucial|critical|vital|possible|impossible|easy|hard|"
    r"difficult|common|useful|worth|recommended|advisable|likely|unlikely|clear|obvious|true|"
    r"known|said|believed|assumed|emphasized|emphasised|noted|argued|suggested|expected|"
    r"required|better|best|a good idea|good practice|interesting|notable|natural|safe)\b"
    r"(?:\s+\w+){0,2}?\s+(?:to|that|whether|how|why|when|if|for)\b"
)


# "사실 이러한 점 때문에 …", "1988년, 이러한 문제를 해결하기 위한 …", "… 이 과정을 다시 한 번
# 반복한다": what it speaks of is in the sentence before
_KO_REFERS_BACK = AnyOf(  # (asked only whether it is there)
    r"^(?:\S+\s){0,3}(?:이러한|이런|그러한|그런|이와\s같은|이같은|(?:이|그)(?=\s(?:과정|문제|방법|"
    r"경우|점|현상|상황|방식|기법|결과|시점|단계|모델|시기|때)))\s"
    # "…에서는 대부분 이럴 때 STW가 일어난다", "…에서는 앞의 내용이 맞지만": which case, which
    # content, anywhere in the sentence
    r"|(?:^|\s)(?:이럴|그럴|이런|그런)\s?(?:때|땐|경우)(?:에|에는|엔)?\s"
    r"|(?:^|\s)(?:앞|위)의\s(?:내용|설명|경우|예|예시|예제)(?:이|가|은|는|을|를|에서|와|과)?\s"
    r"|(?:^|\s)앞서\s(?:말한|설명한|본|살펴본)\s"
)


@lru_cache(maxsize=1 << 16)
def poor_lead(sentence: str) -> bool:
    """A sentence before a code block that cannot be the card's explanation of it: it leans
    on what came before, tells a story, or says "like this:" instead of naming the task."""
    s = sentence.strip()
    if re.match(r"(?:is|are|was|were|becomes?|means?)\b|I (?:recommend|suggest|advise)\b", s):
        # "is understood at execution like:": the rest of a sentence the code split; "I
        # recommend you to picture it as …": advice on how to think of it, not what code does
        return True
    return bool(_ANAPHORA.match(s) or _OPINION.found_in(s) or _META.found_in(s)) or bool(
        re.search(r"like this|like so|as follows|다음과 같|아래와 같|아래처럼", s, re.IGNORECASE)
    )


# "Seth Michael Larson pointed out that S", "Jim pointed me to S": who said it is the story,
# S is the fact; "This is a neat Python feature: S"; "S like this:"
_ATTRIBUTION = re.compile(
    r"^(?!(?:This|That|It|He|She|They|We|I|You|Here|There)\s)"
    r"(?:[A-Z][\w.'’-]*\s+){1,4}\[?(?:pointed out|noted|mentioned|explained|showed me|suggested|"
    r"told me|reminded me|pointed me|recommended|tweeted|wrote)(?:\]\([^)\s]*\))?\s+"
    r"(?:that\s+|to\s+)?(?=\S)"
)
_FRAMING = re.compile(
    r"^(?:this|that|it|here)\s+is\s+(?:a|an|one)\s+(?:\w+\s+){0,3}?"
    r"(?:feature|trick|tip|thing|idea|detail|fact|pattern)\s*[:：]\s+(?=\S)"
    # "This is fun - it's a debug mode", "Even more fun than `tokenize` - a debug mode"
    r"|^(?:(?:this|that|it)\s+is\s+(?:really\s+|so\s+)?(?:fun|neat|cool|handy|useful|nice|"
    r"great|interesting)|even\s+more\s+\w+\s+than\s+\S+)\s*[-–—:]\s+(?:it['’]s\s+)?(?=\S)",
    re.IGNORECASE,
)
_SHOWN_HOW = re.compile(r"\s*,?\s*(?:like this|like so|as follows)\s*[:.]?\s*$", re.IGNORECASE)


def without_story(sentence: str) -> str:
    """The fact a sentence tells without who told it or how the author frames it: "Seth
    pointed out that the gzip module can be used as a CLI tool like this:" → "The gzip module
    can be used as a CLI tool". Unchanged when there is no such frame."""
    s = sentence.strip()
    m = _ATTRIBUTION.match(s) or _FRAMING.match(s)
    if m is None:
        return sentence
    rest = s[m.end() :]
    rest = _SHOWN_HOW.sub("", rest).strip().rstrip(":：").strip()
    which = re.match(r"^`?[^,`]{2,40}`?\s*,\s+which\s+(?=\w)", rest)
    if which is not None:
        rest = rest[which.end() :]  # "`python -m site`, which outputs …": what it does
    if len(rest) < 12:
        return sentence
    if re.match(r"(?:the|a|an|modules?|it)\b", rest):
        rest = rest[:1].upper() + rest[1:]  # a sentence again; "python -m site" stays as written
    return rest


def without_framing(sentence: str) -> str:
    """The sentence without the author's framing in front ("This is fun - it's a debug mode
    for the tokenizer" → "a debug mode for the tokenizer"); who told it stays."""
    m = _FRAMING.match(sentence.strip())
    rest = sentence.strip()[m.end() :] if m else ""
    return rest if len(rest) >= 12 else sentence


@lru_cache(maxsize=1 << 14)
def about_the_notes(title: str) -> bool:
    """A heading about the notes or the author ("오늘 스터디 순서", "In this post", "My setup
    so far", "느낀 점", "Reflection"): what it holds is an agenda, a story or the author's
    impressions, not what the notes teach ("오늘 배운 것", "What I learned" hold the facts)."""
    if _LEARNED.search(title):
        return False
    if _AGENDA.fullmatch(title.strip(" :#*")):
        return True  # "Outline", "Agenda", "Table of Contents", "목차": what comes, not a fact
    if _LICENCE.fullmatch(title.strip(" :#*_")):
        return True  # "라이선스 _License_": the terms the notes are shared under
    return bool(_META.found_in(title) or _OPINION.found_in(title) or _REFLECTION.search(title))


_AGENDA = re.compile(r"(?i)outline|agenda|(?:table of )?contents?|toc|목차|오늘의 목차")
_LICENCE = re.compile(
    r"(?i)(?:licen[cs]e|라이[선센]스|저작권|copyright)(?:[\s_*()]+(?:licen[cs]e|라이[선센]스|저작권|copyright))*"
)


def under_notes_talk(path: tuple[str, ...]) -> bool:
    """ "Learning Objectives" › "Week 1", "느낀 점" › "좋았던 것": under the course's goals or
    the author's reflections, a sub-heading holds more of them."""
    return any(_REFLECTION.search(t) for t in path[:-1])


_LEARNED = re.compile(r"배운|배웠|학습한|정리한|learn(?:ed|t)|TIL", re.IGNORECASE)
_REFLECTION = re.compile(
    r"^\W*(?:(?:오늘의?|이번\s?주의?|주간|today'?s|weekly|my)\s*)?(?:느낀\s?점|소감|회고|후기|마무리|다음\s?(?:할\s?일|계획|목표)|to\s?-?do|reflections?|"
    r"retrospective|thoughts|final thoughts|next steps|"
    # a course's goals ("Learning Objectives", "학습 목표"): what the notes will teach, no fact
    r"(?:learning\s+|course\s+)?(?:objectives|goals)|학습\s?목표|what\s+you(?:'ll|\s+will)\s+learn)\W*$"
    # an exercise to do ("Exercise: Modify the DFA converter …", "연습문제"): a task, no fact
    r"|^\W*(?:exercises?|연습\s?문제|과제|homework)\b(?:\s*\d+)?(?:\s*[:.].*)?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)
def needs_previous(sentence: str) -> bool:
    """The sentence leans only on the sentence before it ("This is called …", "They are not
    accessible …", "이를 …라고 한다"): shown after that sentence, it can be asked. Not a story,
    an opinion, talk about the notes, or a pointer to a figure or to what follows."""
    s = sentence.strip()
    if not (_ANAPHORA.match(s) or _PRONOUN_USE.found_in(s) or _KO_REFERS_BACK.found_in(s)):
        return False
    if re.match(r"(?:for example|for instance|예를 들어|예를 들면|ex|e\.g|eg|예시|예)\b", s, re.I):
        return False
    return not tells_no_fact(s)


_KO_NAMES_ITS_SUBJECT = re.compile(r"[가-힣A-Za-z0-9)](?:은|는|이|가|이란|란|에서는|에는)$")


@lru_cache(maxsize=1 << 16)
def elliptic(sentence: str) -> bool:
    """A short Korean sentence that never says what it is about ("lib, Binary만 포함 시킨다.",
    "/etc/hosts 파일에 생성됨"): its subject is in the sentence before it."""
    words = sentence.strip().split()
    return (
        2 <= len(words) <= 4
        and bool(re.search(r"[가-힣]", sentence))
        and re.search(r"(?:다|됨|함|음|임)[.!]?$", words[-1]) is not None
        and re.match(r"(?:있|없)", words[-1]) is None  # "추가로 delete메서드도 있음": no fact
        and not any(_KO_NAMES_ITS_SUBJECT.search(w.rstrip(".,")) for w in words)
        and not tells_no_fact(sentence)
    )


@lru_cache(maxsize=1 << 16)
def subjectless(sentence: str) -> bool:
    """A Korean sentence with no topic or subject of its own ("자원을 효율적으로 사용할 수 있어
    일괄 처리 시스템에 적합하다." after "FCFS는 …"): it goes on about the sentence before it."""
    words = sentence.strip().split()
    return (
        len(words) >= 2
        and bool(re.search(r"[가-힣]", sentence))
        and re.search(r"(?:다|됨|함|음|임)[.!]?$", words[-1]) is not None
        and not any(_KO_NAMES_ITS_SUBJECT.search(w.rstrip(".,")) for w in words)
        and not any(w in ("은", "는", "이", "가") for w in words[1:])  # "TCP 는 …"
        and not tells_no_fact(sentence)
    )


# "Trey Hunner collected a set of these in June 2024": what someone did, a story
_SOMEONE_DID = re.compile(
    r"^(?!(?:This|That|It|The|These|Those)\s)[A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2} "
    r"(?:collected|wrote|published|blogged|tweeted|posted|released|gave|showed|found)\b"
)


@lru_cache(maxsize=1 << 16)
def tells_no_fact(sentence: str) -> bool:
    """An opinion, a story, talk about the notes or a pointer elsewhere: no card, whatever
    context it is shown with."""
    s = sentence.strip()
    return bool(
        _SOMEONE_DID.match(s)
        or _DID.search(s)
        or _POINTS_ELSEWHERE.found_in(s)
        or _OPINION.found_in(s)
        or _META.found_in(s)
        or _intends(s)
        or (_EXHORT.search(s) is not None and not _advice(s))
        or _CONTACT.found_in(s)
        or _PARTICLE_OPENS.match(s) is not None
        or _LEADS_INTO.search(s) is not None
        or _IMPORTANCE.search(s) is not None
        or _UNWRITTEN.match(s) is not None
        or _WALKS_AN_EXAMPLE.search(s) is not None
    )


# "In the left example, because the human level error is 1% …", "In the example, molecules A and
# B represent …", "위에 예제에서 …": a walk through the notes' own worked example, not a fact
_WALKS_AN_EXAMPLE = scanner(
    r"\b[Ii]n (?:the|this|that|our|my)(?: (?:left|right|above|previous|following|first|second|"
    r"third|last|next|same))? example\b|\bexamples? (?:one|two|three|four|\d)\b|"
    r"^(?:Consider|Suppose|Imagine) (?:the|a|an|that|we|you|this)\b|"
    r"(?:위|아래|앞|이|첫\s?번째|두\s?번째|둘\s?째|세\s?번째)(?:의|에|에서)?\s?(?:예제|예시)(?:에서|의|를|에)"
)
# "The node B is being added to the queue", "a route from A to B", "프로세스 A가 …": actors named
# by a letter (a worked example's, or a rule's variables): no blank is asked in such a sentence
LETTER_ACTORS = scanner(
    r"\b(?:[Nn]odes?|[Vv]ertex|[Vv]ertices|[Mm]olecules?|[Ss]ervers?|[Pp]rocess(?:es)?|[Tt]hreads?|"
    r"[Tt]ransactions?|[Uu]sers?|[Cc]lients?|[Mm]achines?|[Hh]osts?|[Cc]it(?:y|ies)|[Pp]layers?|"
    r"[Rr]outers?|[Cc]omputers?) [A-Z](?: and [A-Z])?(?![\w'’-])|\bfrom [A-Z] to [A-Z](?![\w'’-])|"
    r"(?:노드|프로세스|스레드|쓰레드|트랜잭션|사용자|컴퓨터|클라이언트)\s?[A-Z](?![\w'’-])"
)


# "WIP...", "TODO", "작성 중": a section the author has not written yet
_UNWRITTEN = re.compile(
    r"(?i)^\W*(?:wip|todo|tbd|to be written|coming soon|작성\s?중|준비\s?중)\W*$"
)


# "JPA를 이해하는데 가장 중요한 용어이다.", "This is one of the most important concepts.": how much
# it matters, said of something the sentence does not define
_IMPORTANCE = re.compile(
    r"(?:가장|매우|아주|정말)\s*중요한\s*(?:용어|개념|부분|것|내용|포인트)\s*(?:이다|입니다|임|이에요)?[.!]?$"
    r"|(?i:\b(?:is|are)\s+(?:one\s+of\s+)?the\s+most\s+important\s+"
    r"(?:concepts?|terms?|parts?|things?|ideas?|topics?)\b[^.]*[.!]?$)"
)


# "위 식의 vector 크기를 내적을 이용해서 나타내면": a condition whose result is what follows
# (a formula, a list), not a fact on its own
_LEADS_INTO = re.compile(r"[가-힣](?:으면|면)\s*[:：]?$")


# "이라고 하면 실행 됨" under a code block: the rest of a sentence the code began, no fact alone
_PARTICLE_OPENS = re.compile(r"(?:이라고|라고|이라는|라는|이라면|라면|이란|을|를|으로|로)\s")


# "Genetics (Doe) (5 CFU, 40hrs) jane.doe@example.edu": who to write to, not a fact
# ("git@github.com:user/repo.git" is an address to clone from, not a person's)
_CONTACT = AnyOf(r"[\w.+-]+@[\w-]+(?:\.[A-Za-z]{2,})+(?![\w:/.-])")


# "…이 필요한 경우가 아니면 exec 형식을 사용하자", "…접근할 일이 없으면, static 메소드를 …
# 호출하자": a rule of practice under a condition is a fact; "이제 이미지를 실행해보자" is not
_CONDITION = re.compile(r"[가-힣](?:으면|면)[ ,]|경우(?:가 아니면|에는|엔)?\s|때(?:는|에는)?\s")
_NARRATION_START = re.compile(r"^(?:이제|자,|그럼|그렇다면|먼저|우선|다음으로|실습)")


def _advice(sentence: str) -> bool:
    return bool(_CONDITION.search(sentence)) and not _NARRATION_START.match(sentence)


# a Korean sentence's ending ("…진행할 수 있겠다.", "…확인해보았다", "…입니다")
_KO_STATEMENT_END = re.compile(r"(?:다|요|음|함|됨|임|죠|네|까)[.!?。…~\s]*$")
_SENTENCES = re.compile(r"[.!?。](?:\s+|$)(?=\S)")  # a sentence ends and another begins


def tells_not_asks(lead: str) -> bool:
    """A sentence before a code block that tells a fact, a rule or a story ("You can define a
    macro constant by using #define macro. For example", "typeof를 이용해 … 진행할 수 있겠다.",
    "If you want a method to be available to all object instances, you have to add it …"):
    what it says is not what the code does, so neither can be asked from the other. What
    can is a task ("트리거 확인하기", "Create a table", "To delete a pod, run:")."""
    text = lead.strip().rstrip(" :：")
    if not text:
        return False
    if _SENTENCES.search(text):
        return True  # two sentences or more
    if has_hangul(text):
        return _KO_STATEMENT_END.search(text) is not None
    if re.match(r"(?i)(?:to|in order to)\s+[a-z]+", text):
        return False  # "To check whether a value is an array in old browsers, you can use:"
    return len(text.split()) > 8 or (text.endswith((".", "!")) and len(text.split()) > 4)


# a Korean sentence that asks or asks for something: "…인가요.", "…설명해주세요", "…알아봅시다"
_KO_ASKS = re.compile(
    r"(?:[가-힣](?:주세요|주십시오|하세요|보세요|인가요|나요|까요|봅시다|습니까|는가|을까|할까|일까)"
    r"|\S도요)[.!~)]*\s*$"
)


def asks_for(sentence: str) -> bool:
    """A Korean question without its mark or a request ("…의 의미는 무엇인가요.", "…를
    설명해주세요", "…이론을 알아봅시다", "가능하면 Information Gain도요."): it asks, it tells no
    fact of its own."""
    return _KO_ASKS.search(sentence) is not None
