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
