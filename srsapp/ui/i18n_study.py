"""UI strings of custom study and the new card order, English and Korean; ``i18n.STRINGS``
takes them in."""

from __future__ import annotations

STUDY_STRINGS: dict[str, dict[str, str]] = {
    "action.custom_study": {"en": "Custom study…", "ko": "맞춤 학습…"},
    "custom.title": {"en": "Custom study", "ko": "맞춤 학습"},
    "custom.deck": {"en": "&Deck:", "ko": "덱(&D):"},
    "custom.more_new": {
        "en": "Study more &new cards today",
        "ko": "오늘 새 카드 더 공부하기(&N)",
    },
    "custom.more_reviews": {
        "en": "Study more &reviews today",
        "ko": "오늘 복습 더 하기(&R)",
    },
    "custom.forgotten": {
        "en": "Review &forgotten cards (answered Again)",
        "ko": "잊은 카드 다시 보기 (다시를 누른 카드)(&F)",
    },
    "custom.ahead": {"en": "Review &ahead", "ko": "미리 복습하기(&A)"},
    "custom.beyond": {
        "en": "Study a &concept or the whole deck beyond today's limits",
        "ko": "개념이나 덱 전체를 오늘 한도와 상관없이 공부하기(&C)",
    },
    "custom.concept": {"en": "C&oncept:", "ko": "개념(&O):"},
    "custom.whole_deck": {"en": "(the whole deck)", "ko": "(덱 전체)"},
    "custom.cards": {"en": "N&umber of cards:", "ko": "카드 수(&U):"},
    "custom.days": {"en": "N&umber of days:", "ko": "일수(&U):"},
    "custom.cards_suffix": {"en": " cards", "ko": "장"},
    "custom.days_suffix": {"en": " days", "ko": "일"},
    "custom.start": {"en": "Start", "ko": "시작"},
    "custom.info_new": {
        "en": "New cards left today: {left} · not yet studied in this deck: {unseen}",
        "ko": "오늘 남은 새 카드: {left} · 이 덱에서 아직 안 본 카드: {unseen}",
    },
    "custom.info_reviews": {
        "en": "Reviews left today: {left} · due today in all: {due}",
        "ko": "오늘 남은 복습: {left} · 오늘 예정된 복습 전체: {due}",
    },
    "custom.info_forgotten": {
        "en": "Goes over the cards you answered Again in the last days, shuffled. "
        "Your answers here do not change their schedule.",
        "ko": "최근 며칠 동안 '다시'를 누른 카드를 섞어서 다시 봅니다. "
        "여기서의 답은 일정을 바꾸지 않습니다.",
    },
    "custom.info_ahead": {
        "en": "Cards due in the next days, reviewed now: each answer is a real review "
        "(the schedule takes the early review into account). Not for every day.",
        "ko": "앞으로 며칠 안에 예정된 카드를 지금 복습합니다: 모든 답은 실제 복습으로 "
        "기록됩니다 (일정이 이른 복습을 반영합니다). 매일 쓰는 기능은 아닙니다.",
    },
    "custom.info_beyond": {
        "en": "Every due card and every new card of the concept or deck, today's limits aside "
        "({unseen} not yet studied). Answers are real ones and count as today's study.",
        "ko": "개념이나 덱의 예정된 카드와 새 카드를 모두, 오늘 한도와 상관없이 공부합니다 "
        "(아직 안 본 카드 {unseen}장). 답은 실제로 기록되고 오늘 공부에 포함됩니다.",
    },
    "custom.extended": {
        "en": "Today's limit of {deck} raised: {new} more new cards, {reviews} more reviews.",
        "ko": "{deck}의 오늘 한도를 올렸습니다: 새 카드 {new}장, 복습 {reviews}장 더.",
    },
    "custom.nothing": {
        "en": "No cards match: nothing to study.",
        "ko": "해당하는 카드가 없습니다: 공부할 것이 없습니다.",
    },
    "custom.no_deck": {"en": "Select a deck first.", "ko": "먼저 덱을 고르세요."},
    "practice.button.1": {"en": "again soon", "ko": "곧 다시"},
    "practice.button.2": {"en": "again later", "ko": "나중에 다시"},
    "practice.button.3": {"en": "done", "ko": "끝"},
    "practice.button.4": {"en": "done", "ko": "끝"},
    "done.custom_title": {
        "en": "Custom study session finished.",
        "ko": "맞춤 학습을 마쳤습니다.",
    },
    "done.custom": {
        "en": "Your answers are real reviews: today's regular study counts them.",
        "ko": "여기서의 답은 실제 복습으로 기록되어 오늘의 일반 학습에 포함됩니다.",
    },
    "done.practice": {
        "en": "Nothing was written: the cards' schedules are unchanged.",
        "ko": "아무것도 기록하지 않았습니다: 카드 일정은 그대로입니다.",
    },
    "done.unseen": {
        "en": "{n} new card(s) wait past today's limit: press / for custom study.",
        "ko": "새 카드 {n}장이 오늘 한도 다음에 기다립니다: / 키로 맞춤 학습을 여세요.",
    },
    "review.custom_ahead": {"en": "Review ahead", "ko": "미리 복습"},
    "review.custom_beyond": {"en": "Beyond today's limits", "ko": "오늘 한도 밖"},
    "review.custom_forgotten": {
        "en": "Forgotten cards (schedule unchanged)",
        "ko": "잊은 카드 (일정 그대로)",
    },
    # ---- deck options
    "prefs.new_order": {"en": "New card order", "ko": "새 카드 순서"},
    "prefs.new_order.notes": {"en": "In notes order", "ko": "노트 순서대로"},
    "prefs.new_order.interleave": {"en": "Kinds taken in turn", "ko": "카드 종류를 번갈아"},
    "prefs.new_order.random": {"en": "Random (new each day)", "ko": "무작위 (매일 새로)"},
}
