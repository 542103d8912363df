"""UI strings in English and Korean. Every visible UI string goes through ``I18n.tr``.

Widgets get the window's ``I18n`` object and implement ``retranslate()``;
changing the language calls it on every open screen.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = {"en": "English", "ko": "한국어"}

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "srsapp", "ko": "srsapp"},
    "menu.file": {"en": "&File", "ko": "파일(&F)"},
    "menu.tools": {"en": "&Tools", "ko": "도구(&T)"},
    "menu.help": {"en": "&Help", "ko": "도움말(&H)"},
    "action.sync_notes": {"en": "Sync notes…", "ko": "노트 동기화…"},
    "action.import": {"en": "Import…", "ko": "가져오기…"},
    "action.export": {"en": "Export…", "ko": "내보내기…"},
    "action.quit": {"en": "Quit", "ko": "종료"},
    "action.browse": {"en": "Browse", "ko": "카드 찾아보기"},
    "action.stats": {"en": "Statistics", "ko": "통계"},
    "action.check": {"en": "Check database", "ko": "데이터베이스 검사"},
    "action.preferences": {"en": "Preferences…", "ko": "환경설정…"},
    "action.optimize": {"en": "Optimize FSRS parameters…", "ko": "FSRS 매개변수 최적화…"},
    "action.workload": {"en": "Workload by desired retention…", "ko": "목표 기억률별 학습량…"},
    "action.shortcuts": {"en": "Keyboard shortcuts", "ko": "단축키"},
    "action.about": {"en": "About srsapp", "ko": "srsapp 정보"},
    "decks.deck": {"en": "Deck", "ko": "덱"},
    "decks.new": {"en": "New", "ko": "새 카드"},
    "decks.learn": {"en": "Learn", "ko": "학습 중"},
    "decks.due": {"en": "Due", "ko": "복습"},
    "decks.study": {"en": "Study", "ko": "공부하기"},
    "decks.empty": {
        "en": "No decks yet. Use File → Sync notes… to turn a Markdown notes file into cards.",
        "ko": "아직 덱이 없습니다. 파일 → 노트 동기화…로 마크다운 노트를 카드로 만드세요.",
    },
    "welcome": {
        "en": "Welcome! Select a deck and press Study (or Enter).\n"
        "Space shows the answer; 1 Again · 2 Hard · 3 Good · 4 Easy rate it.\n"
        "Ctrl+Z undoes the last answer.",
        "ko": "환영합니다! 덱을 고르고 공부하기(또는 Enter)를 누르세요.\n"
        "스페이스로 정답을 보고, 1 다시 · 2 어려움 · 3 알맞음 · 4 쉬움으로 평가합니다.\n"
        "Ctrl+Z로 마지막 답을 되돌립니다.",
    },
    "status.due_today": {
        "en": "{due} cards to study today · {path}",
        "ko": "오늘 공부할 카드 {due}장 · {path}",
    },
    "status.synced": {
        "en": "{deck}: {added} added, {updated} updated, {retired} retired, "
        "{revived} revived, {unchanged} unchanged",
        "ko": "{deck}: 추가 {added}, 수정 {updated}, 보관 {retired}, 복원 {revived}, "
        "변경 없음 {unchanged}",
    },
    "dialog.notes_filter": {"en": "Markdown notes (*.md *.markdown *.txt)", "ko": "마크다운 노트 (*.md *.markdown *.txt)"},
    "dialog.error": {"en": "srsapp — problem", "ko": "srsapp — 문제"},
    "optimize.title": {"en": "Optimize FSRS parameters", "ko": "FSRS 매개변수 최적화"},
    "optimize.intro": {
        "en": "Fits the FSRS memory model to your own review history, so intervals follow how you "
        "really remember.\nThe new parameters are kept only if they predict your past reviews "
        "better than the current ones; due dates are then recalculated.",
        "ko": "FSRS 기억 모델을 내 복습 기록에 맞춰, 간격이 실제로 기억하는 방식을 따르게 합니다.\n"
        "새 매개변수는 지금 것보다 지난 복습을 더 잘 예측할 때만 저장되고, 그때 복습 날짜를 다시 "
        "계산합니다.",
    },
    "optimize.history": {
        "en": "Your review log: {reviews} reviews. Optimizing needs at least {need} reviews made "
        "on a later day than the card's previous review.",
        "ko": "복습 기록: {reviews}회. 최적화하려면 이전 복습과 다른 날에 한 복습이 {need}회 이상 "
        "필요합니다.",
    },
    "optimize.run": {"en": "Optimize", "ko": "최적화"},
    "optimize.evaluate": {"en": "Evaluate current", "ko": "현재 매개변수 평가"},
    "optimize.close": {"en": "Close", "ko": "닫기"},
    "optimize.running": {
        "en": "Optimizing… fitting the model to your reviews.",
        "ko": "최적화 중… 모델을 복습 기록에 맞추고 있습니다.",
    },
    "optimize.evaluating": {
        "en": "Evaluating the current parameters…",
        "ko": "현재 매개변수를 평가하는 중…",
    },
    "optimize.parameters": {"en": "Parameters", "ko": "매개변수"},
    "optimize.log_loss": {"en": "Log loss", "ko": "로그 손실"},
    "optimize.rmse": {"en": "RMSE (bins)", "ko": "RMSE (구간)"},
    "optimize.default": {"en": "Default", "ko": "기본값"},
    "optimize.current": {"en": "Current", "ko": "현재"},
    "optimize.fitted": {"en": "Fitted", "ko": "최적화 결과"},
    "optimize.measured": {
        "en": "Lower is better. Measured on {items} reviews of {cards} cards ({reviews} in the log).",
        "ko": "낮을수록 좋습니다. 카드 {cards}장의 복습 {items}회로 측정했습니다(기록 {reviews}회).",
    },
    "optimize.kept": {
        "en": "Kept the fitted parameters: {updated} cards updated, {moved} due dates moved.",
        "ko": "최적화한 매개변수를 저장했습니다: 카드 {updated}장 갱신, 복습 날짜 {moved}개 이동.",
    },
    "optimize.not_kept": {
        "en": "The current parameters predict your reviews as well; nothing changed.",
        "ko": "현재 매개변수도 복습을 그만큼 잘 예측합니다. 아무것도 바꾸지 않았습니다.",
    },
    "optimize.evaluated": {
        "en": "Current parameters measured on {items} reviews; nothing changed.",
        "ko": "현재 매개변수를 복습 {items}회로 측정했습니다. 아무것도 바꾸지 않았습니다.",
    },
    "optimize.too_little": {
        "en": "Not enough review history yet: optimizing needs at least {need} reviews made on a "
        "later day than the card's previous review, and there are {have}. Keep studying and try "
        "again later.",
        "ko": "아직 복습 기록이 부족합니다. 최적화하려면 이전 복습과 다른 날에 한 복습이 {need}회 "
        "이상 필요한데 지금은 {have}회입니다. 계속 공부한 뒤 다시 시도하세요.",
    },
    "optimize.no_reviews": {
        "en": "There are no reviews to evaluate yet.",
        "ko": "아직 평가할 복습이 없습니다.",
    },
    "optimize.failed": {"en": "Could not finish: {error}", "ko": "완료하지 못했습니다: {error}"},
    "workload.title": {"en": "Workload by desired retention", "ko": "목표 기억률별 학습량"},
    "workload.intro": {
        "en": "Reviews per day and cards remembered after {days} days, simulated for each desired "
        "retention.\nHigher retention means more reviews; the suggested one costs the least study "
        "time per remembered card.",
        "ko": "목표 기억률마다 하루 복습 수와 {days}일 뒤 기억하는 카드 수를 시뮬레이션합니다.\n"
        "기억률이 높을수록 복습이 늘고, 추천 값은 기억하는 카드 한 장당 학습 시간이 가장 적습니다.",
    },
    "workload.deck": {"en": "Deck", "ko": "덱"},
    "workload.no_decks": {"en": "(no decks: sample deck)", "ko": "(덱 없음: 예시 덱)"},
    "workload.deck_size": {"en": "Cards", "ko": "카드 수"},
    "workload.new_limit": {"en": "New/day", "ko": "하루 새 카드"},
    "workload.review_limit": {"en": "Max reviews/day", "ko": "하루 최대 복습"},
    "workload.simulate": {"en": "Simulate", "ko": "시뮬레이션"},
    "workload.running": {"en": "Simulating a year of study…", "ko": "1년 학습을 시뮬레이션하는 중…"},
    "workload.params_own": {
        "en": "With your optimized FSRS parameters.",
        "ko": "최적화한 내 FSRS 매개변수를 사용합니다.",
    },
    "workload.params_default": {
        "en": "With the default FSRS parameters (Tools → Optimize fits your own).",
        "ko": "기본 FSRS 매개변수를 사용합니다(도구 → 최적화로 내 매개변수를 만들 수 있습니다).",
    },
    "workload.axis_retention": {"en": "Desired retention (%)", "ko": "목표 기억률 (%)"},
    "workload.reviews": {"en": "Reviews per day", "ko": "하루 복습 수"},
    "workload.memorized": {"en": "Cards remembered", "ko": "기억하는 카드"},
    "workload.suggested": {"en": "Suggested {r}%", "ko": "추천 {r}%"},
    "workload.current": {"en": "Current {r}%", "ko": "현재 {r}%"},
    "workload.summary": {
        "en": "Suggested desired retention: {suggested}% ({reviews} reviews/day, {memorized} "
        "cards remembered). This deck's setting: {current}%.",
        "ko": "추천 목표 기억률: {suggested}% (하루 복습 {reviews}회, 기억하는 카드 "
        "{memorized}장). 이 덱의 설정: {current}%.",
    },
    "workload.point": {
        "en": "Desired retention {r}%\n{reviews} reviews/day\n{memorized} cards remembered "
        "after {days} days\n{minutes} min/day",
        "ko": "목표 기억률 {r}%\n하루 복습 {reviews}회\n{days}일 뒤 기억하는 카드 {memorized}장\n"
        "하루 {minutes}분",
    },
    "workload.failed": {"en": "Could not simulate: {error}", "ko": "시뮬레이션하지 못했습니다: {error}"},
    "about.text": {
        "en": "srsapp {version}\nSpaced repetition from your own Markdown notes, scheduled by FSRS.\n"
        "Korean text uses the bundled NanumGothic font (SIL Open Font License).",
        "ko": "srsapp {version}\n내 마크다운 노트로 만드는 간격 반복 학습, FSRS 스케줄링.\n"
        "한국어는 번들된 나눔고딕 글꼴(SIL Open Font License)로 표시합니다.",
    },
    "shortcuts.text": {
        "en": "Space / Enter: show answer\n1 Again · 2 Hard · 3 Good · 4 Easy\n"
        "Ctrl+Z: undo · e: edit · -: bury · @: suspend · Ctrl+1..4: flag\nB: browse · S: statistics",
        "ko": "스페이스 / Enter: 정답 보기\n1 다시 · 2 어려움 · 3 알맞음 · 4 쉬움\n"
        "Ctrl+Z: 되돌리기 · e: 편집 · -: 묻어두기 · @: 일시중지 · Ctrl+1..4: 깃발\nB: 찾아보기 · S: 통계",
    },
}


class I18n:
    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in LANGUAGES else "en"

    def tr(self, key: str, **fmt: Any) -> str:
        entry = STRINGS.get(key)
        if entry is None:
            return key
        text = entry.get(self.lang) or entry["en"]
        return text.format(**fmt) if fmt else text


def missing_translations() -> list[tuple[str, str]]:
    """(key, language) pairs without a translation; a test keeps this empty."""
    return [(k, lang) for k, v in STRINGS.items() for lang in LANGUAGES if not v.get(lang)]
