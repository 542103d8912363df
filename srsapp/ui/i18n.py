"""UI strings in English and Korean. Every visible UI string goes through ``I18n.tr``.

Widgets get the window's ``I18n`` object and implement ``retranslate()``;
changing the language calls it on every open screen.
"""

from __future__ import annotations

from typing import Any

from srsapp.ui.i18n_study import STUDY_STRINGS
from srsapp.ui.i18n_tools import TOOLS_STRINGS

LANGUAGES = {"en": "English", "ko": "한국어"}

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "srsapp", "ko": "srsapp"},
    "prefs.max_interval": {"en": "Maximum interval", "ko": "최대 간격"},
    "prefs.days_suffix": {"en": " days", "ko": "일"},
    "prefs.leech_threshold": {"en": "Leech after lapses", "ko": "거머리 카드 기준 (잊은 횟수)"},
    "prefs.leech_action": {"en": "Leech action", "ko": "거머리 카드 처리"},
    "prefs.leech_tag": {"en": "Tag and tell me", "ko": "표시하고 알려주기"},
    "prefs.leech_suspend": {"en": "Suspend it", "ko": "일시중지하기"},
    "prefs.bury_siblings": {"en": "Siblings", "ko": "관련 카드"},
    "prefs.bury_siblings_hint": {
        "en": "Bury related cards until the next day",
        "ko": "관련 카드를 다음 날까지 묻어두기",
    },
    "action.export_diagram": {"en": "Export diagram…", "ko": "그림 내보내기…"},
    "diagram.cannot_export": {
        "en": "no notes link to a diagram, or the file does not end in .svg or .png",
        "ko": "그림과 연결된 노트가 없거나 파일 이름이 .svg / .png로 끝나지 않습니다",
    },
    "notes.diagram": {
        "en": "{src} — the picture the notes refer to, drawn by srsapp from its data",
        "ko": "{src} — 노트가 가리키는 그림 (srsapp이 데이터로 그림)",
    },
    "card.capped": {
        "en": "Shown as plain text: this card's HTML is past what the card view lays out safely "
        "({detail}).",
        "ko": "일반 텍스트로 표시합니다: 이 카드의 HTML이 카드 화면에서 안전하게 그릴 수 있는 "
        "한도를 넘습니다 ({detail}).",
    },
    "card.capped.length": {"en": "more than {limit} characters", "ko": "{limit}자 초과"},
    "card.capped.depth": {
        "en": "elements nested more than {limit} deep",
        "ko": "요소가 {limit}단계보다 깊게 중첩됨",
    },
    "card.capped.tables": {
        "en": "tables nested more than {limit} deep",
        "ko": "표가 {limit}단계보다 깊게 중첩됨",
    },
    "card.capped.elements": {"en": "more than {limit} elements", "ko": "요소 {limit}개 초과"},
    "card.capped.images": {"en": "more than {limit} images", "ko": "이미지 {limit}개 초과"},
    "card.capped.word": {
        "en": "a word longer than {limit} characters",
        "ko": "{limit}자보다 긴 단어",
    },
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
    "action.restore": {"en": "Restore backup…", "ko": "백업 복원…"},
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
        "en": "No decks yet. Use File → Sync notes… to turn a Markdown notes file into cards, "
        "or Create deck… and add your own cards.",
        "ko": "아직 덱이 없습니다. 파일 → 노트 동기화…로 마크다운 노트를 카드로 만들거나, "
        "덱 만들기…로 덱을 만들고 카드를 직접 추가하세요.",
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
    "status.synced_renamed": {"en": "renamed: {old} → {new}", "ko": "제목 바뀜: {old} → {new}"},
    "status.synced_retired": {"en": "retired: {cards}", "ko": "보관: {cards}"},
    "status.synced_more": {"en": "and {n} more", "ko": "외 {n}장"},
    "skip.code": {"en": "code without an explanation", "ko": "설명 없는 코드"},
    "skip.command": {"en": "command without an explanation", "ko": "설명 없는 명령"},
    "skip.output": {"en": "command output", "ko": "명령 출력"},
    "skip.comment": {"en": "comment next to no command", "ko": "명령 없는 주석"},
    "skip.lone_word": {"en": "a lone word", "ko": "단어 하나뿐인 줄"},
    "skip.link": {"en": "only a link", "ko": "링크만 있는 줄"},
    "skip.image": {"en": "an image", "ko": "그림"},
    "skip.question": {"en": "question without an answer", "ko": "답 없는 질문"},
    "skip.term": {"en": "term without a meaning", "ko": "뜻 없는 용어"},
    "skip.nothing_to_ask": {"en": "no key term to ask", "ko": "물어볼 핵심어 없음"},
    "skip.table": {"en": "table row without two filled cells", "ko": "칸이 비어 있는 표의 행"},
    "skip.empty_heading": {"en": "heading with nothing under it", "ko": "내용 없는 제목"},
    "skip.grouping": {"en": "a label or grouping line", "ko": "묶음 제목"},
    "skip.dropped": {"en": "card dropped by the checks", "ko": "검사에서 빠진 카드"},
    "skip.example": {"en": "example data", "ko": "예시 데이터"},
    "skip.option": {"en": "a quiz option", "ko": "객관식 보기"},
    "skip.notes_talk": {
        "en": "about the notes or the question, not a fact",
        "ko": "노트나 질문에 대한 설명 (사실이 아님)",
    },
    "status.not_carded": {
        "en": "{n} blocks of the notes made no card (mostly: {reason})",
        "ko": "노트의 {n}개 블록은 카드가 되지 않았습니다 (주로: {reason})",
    },
    "dialog.notes_filter": {
        "en": "Markdown notes (*.md *.markdown *.txt)",
        "ko": "마크다운 노트 (*.md *.markdown *.txt)",
    },
    "dialog.error": {"en": "srsapp — problem", "ko": "srsapp — 문제"},
    "transfer.import_title": {"en": "Import", "ko": "가져오기"},
    "transfer.export_title": {"en": "Export", "ko": "내보내기"},
    "transfer.file": {"en": "File:", "ko": "파일:"},
    "transfer.browse": {"en": "Browse…", "ko": "찾아보기…"},
    "transfer.deck": {"en": "Deck:", "ko": "덱:"},
    "transfer.deck_from_file": {"en": "(as in the file)", "ko": "(파일에 있는 대로)"},
    "transfer.all_decks": {"en": "(all decks)", "ko": "(모든 덱)"},
    "transfer.scheduling": {
        "en": "Include scheduling (review history and card states)",
        "ko": "스케줄 포함 (복습 기록과 카드 상태)",
    },
    "transfer.text_rows": {"en": "Text rows:", "ko": "텍스트 행:"},
    "transfer.rows_cards": {
        "en": "One row per card (front and back as shown)",
        "ko": "카드마다 한 행 (보이는 앞면과 뒷면)",
    },
    "transfer.rows_notes": {
        "en": "One row per note (Anki's “Notes in Plain Text”)",
        "ko": "노트마다 한 행 (Anki의 “노트, 일반 텍스트”)",
    },
    "transfer.rows_cards_hint": {
        "en": "Every card becomes a Basic note: note types, cloze and sibling cards, scheduling "
        "and media are lost. An .apkg keeps them.",
        "ko": "모든 카드가 Basic 노트가 됩니다: 노트 유형, 빈칸·형제 카드, 스케줄과 미디어는 "
        "사라집니다. .apkg는 모두 유지합니다.",
    },
    "transfer.rows_notes_hint": {
        "en": "Each note with its fields, note type, deck and tags, as Anki exports notes; Anki "
        "imports it where those note types exist. Scheduling and media are not included.",
        "ko": "각 노트를 필드, 노트 유형, 덱, 태그와 함께 Anki가 노트를 내보내는 형식으로 씁니다; "
        "그 노트 유형이 있는 Anki에서 가져올 수 있습니다. 스케줄과 미디어는 포함되지 않습니다.",
    },
    "transfer.import_filter": {
        "en": "Importable files (*.apkg *.colpkg *.csv *.tsv *.txt *.json *.md)",
        "ko": "가져올 수 있는 파일 (*.apkg *.colpkg *.csv *.tsv *.txt *.json *.md)",
    },
    "transfer.export_filter": {
        "en": "Anki package (*.apkg);;CSV (*.csv);;TSV (*.tsv);;JSON backup (*.json);;Markdown (*.md)",
        "ko": "Anki 패키지 (*.apkg);;CSV (*.csv);;TSV (*.tsv);;JSON 백업 (*.json);;마크다운 (*.md)",
    },
    "transfer.importing": {"en": "Importing {name}…", "ko": "{name} 가져오는 중…"},
    "transfer.exporting": {"en": "Exporting {name}…", "ko": "{name} 내보내는 중…"},
    "transfer.imported": {
        "en": "{name}: {added} added, {updated} updated, {skipped} skipped "
        "({revlog} reviews, {media} media files)",
        "ko": "{name}: 추가 {added}, 수정 {updated}, 건너뜀 {skipped} (복습 {revlog}, 미디어 {media})",
    },
    "transfer.exported": {
        "en": "{name}: {notes} notes, {cards} cards, {revlog} reviews, {media} media files",
        "ko": "{name}: 노트 {notes}, 카드 {cards}, 복습 {revlog}, 미디어 {media}",
    },
    "transfer.done": {"en": "Done", "ko": "완료"},
    "transfer.warnings": {"en": "{count} warning(s):", "ko": "경고 {count}개:"},
    "transfer.busy": {
        "en": "Another import or export is still running.",
        "ko": "다른 가져오기나 내보내기가 아직 진행 중입니다.",
    },
    "transfer.unknown_type": {
        "en": "Cannot import {name}: unknown file type",
        "ko": "{name}을(를) 가져올 수 없습니다: 알 수 없는 파일 형식",
    },
    "optimize.title": {"en": "Optimize FSRS parameters", "ko": "FSRS 매개변수 최적화"},
    "optimize.intro": {
        "en": "Fits the FSRS memory model to your own review history, so intervals match how you "
        "remember.\nThe new parameters are kept only if they predict your past reviews "
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
    "workload.running": {
        "en": "Simulating a year of study…",
        "ko": "1년 학습을 시뮬레이션하는 중…",
    },
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
    "workload.failed": {
        "en": "Could not simulate: {error}",
        "ko": "시뮬레이션하지 못했습니다: {error}",
    },
    "about.text": {
        "en": "srsapp {version}\nSpaced repetition from your own Markdown notes, scheduled by FSRS.\n"
        "Korean text uses the bundled NanumGothic font (SIL Open Font License).",
        "ko": "srsapp {version}\n내 마크다운 노트로 만드는 간격 반복 학습, FSRS 스케줄링.\n"
        "한국어는 번들된 나눔고딕 글꼴(SIL Open Font License)로 표시합니다.",
    },
    "shortcuts.text": {
        "en": "Review\n"
        "Space / Enter: show answer · 1 Again · 2 Hard · 3 Good · 4 Easy (Space, Enter: Good)\n"
        "PgUp / PgDn, ↑ / ↓, Home / End: scroll the card\n"
        "Ctrl+Z: undo · e: edit · n: show in notes · -: bury · @: suspend · Ctrl+1..4: flag\n"
        "R / F5: replay the card's sounds · Ctrl+Shift+I: card info · Esc: back to the decks\n"
        "Deck list: Enter study · / custom study · F2 rename · Delete delete · "
        "Ctrl+Z undo a deck edit\n"
        "Browser: Ctrl+F search · Ctrl+E edit · Ctrl+D change deck · Ctrl+1..7 flag · "
        "Ctrl+0 no flag · Ctrl+J suspend · Ctrl+Shift+S reposition · Ctrl+Delete delete · "
        "Ctrl+Shift+N show in notes · Ctrl+Shift+I card info · Ctrl+Z undo\n"
        "Add card, edit card: Ctrl+Enter add / save · Ctrl+Shift+C cloze · Esc close\n"
        "Esc / Ctrl+W: close a tool window (browser, statistics, card info)",
        "ko": "복습\n"
        "스페이스 / Enter: 정답 보기 · 1 다시 · 2 어려움 · 3 알맞음 · 4 쉬움 (스페이스, Enter: 알맞음)\n"
        "PgUp / PgDn, ↑ / ↓, Home / End: 카드 스크롤\n"
        "Ctrl+Z: 되돌리기 · e: 편집 · n: 노트에서 보기 · -: 묻어두기 · @: 일시중지 · Ctrl+1..4: 깃발\n"
        "R / F5: 카드 소리 다시 재생 · Ctrl+Shift+I: 카드 정보 · Esc: 덱 목록으로\n"
        "덱 목록: Enter 공부 · / 맞춤 학습 · F2 이름 바꾸기 · Delete 삭제 · "
        "Ctrl+Z 덱 편집 되돌리기\n"
        "카드 찾아보기: Ctrl+F 검색 · Ctrl+E 편집 · Ctrl+D 덱 바꾸기 · Ctrl+1..7 깃발 · "
        "Ctrl+0 깃발 없음 · Ctrl+J 일시중지 · Ctrl+Shift+S 순서 바꾸기 · Ctrl+Delete 삭제 · "
        "Ctrl+Shift+N 노트에서 보기 · Ctrl+Shift+I 카드 정보 · Ctrl+Z 되돌리기\n"
        "카드 추가, 카드 편집: Ctrl+Enter 추가 / 저장 · Ctrl+Shift+C 빈칸 · Esc 닫기\n"
        "Esc / Ctrl+W: 도구 창 닫기 (카드 찾아보기, 통계, 카드 정보)",
    },
    "dash.months": {
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "ko": "1월 2월 3월 4월 5월 6월 7월 8월 9월 10월 11월 12월",
    },
    "dash.weekdays": {"en": "Mon - Wed - Fri - -", "ko": "월 - 수 - 금 - -"},
    # ---- review screen, card browser, preferences
    "review.show_answer": {"en": "Show answer", "ko": "정답 보기"},
    "rating.1": {"en": "Again", "ko": "다시"},
    "rating.2": {"en": "Hard", "ko": "어려움"},
    "rating.3": {"en": "Good", "ko": "알맞음"},
    "rating.4": {"en": "Easy", "ko": "쉬움"},
    "review.edit": {"en": "Edit", "ko": "편집"},
    "review.show_in_notes": {"en": "Show in notes", "ko": "노트에서 보기"},
    "review.decks": {"en": "Decks", "ko": "덱 목록"},
    "review.type_placeholder": {
        "en": "Type the answer, then press Enter",
        "ko": "답을 입력하고 Enter를 누르세요",
    },
    "review.typed_heading": {"en": "Your answer compared:", "ko": "입력한 답 비교:"},
    "review.typed_legend": {
        "en": "green: right · red underlined: missing · yellow struck: extra",
        "ko": "초록: 맞음 · 빨강 밑줄: 빠짐 · 노랑 취소선: 불필요",
    },
    "review.typed_empty": {"en": "(nothing typed)", "ko": "(입력 없음)"},
    "review.hint_question": {
        "en": "Space: show answer · e: edit · n: notes · -: bury · @: suspend · "
        "Ctrl+Z: undo · Esc: decks",
        "ko": "스페이스: 정답 보기 · e: 편집 · n: 노트 · -: 묻어두기 · @: 일시중지 · "
        "Ctrl+Z: 되돌리기 · Esc: 덱 목록",
    },
    "review.hint_typed": {
        "en": "Type the command, then Enter to check it (Enter on an empty box just shows "
        "the answer) · Esc: decks",
        "ko": "명령을 입력하고 Enter로 확인하세요 (빈 칸에서 Enter는 정답만 보여 줌) · Esc: 덱 목록",
    },
    "review.hint_scroll": {"en": "PgUp/PgDn: scroll", "ko": "PgUp/PgDn: 스크롤"},
    "review.hint_answer": {
        "en": "1 Again · 2 Hard · 3 Good · 4 Easy (Space: Good) · Ctrl+1..4: flag",
        "ko": "1 다시 · 2 어려움 · 3 알맞음 · 4 쉬움 (스페이스: 알맞음) · Ctrl+1..4: 깃발",
    },
    "review.leech": {
        "en": "This card is now a leech: you have forgotten it many times. "
        "Consider rewriting it (e).",
        "ko": "이 카드는 거머리 카드가 되었습니다: 여러 번 잊어버렸습니다. 카드를 고쳐 써 보세요 (e).",
    },
    "review.leech_suspended": {
        "en": "This card is now a leech and has been suspended. Rewrite it, then unsuspend it "
        "in the browser.",
        "ko": "이 카드는 거머리 카드가 되어 일시중지되었습니다. 고쳐 쓴 뒤 찾아보기에서 해제하세요.",
    },
    "review.siblings_buried": {
        "en": "{n} related card(s) buried until tomorrow.",
        "ko": "관련 카드 {n}장을 내일까지 묻어두었습니다.",
    },
    "review.buried": {"en": "Card buried until tomorrow.", "ko": "카드를 내일까지 묻어두었습니다."},
    "review.suspended": {"en": "Card suspended.", "ko": "카드를 일시중지했습니다."},
    "review.flag_set": {"en": "Flag {n} set.", "ko": "깃발 {n}을(를) 달았습니다."},
    "review.flag_cleared": {"en": "Flag removed.", "ko": "깃발을 뗐습니다."},
    "review.edited": {"en": "Card edited.", "ko": "카드를 편집했습니다."},
    "review.card_gone": {
        "en": "The card on screen is no longer studied (its notes changed, or it was "
        "suspended, buried or deleted): the next card.",
        "ko": "화면의 카드는 더 이상 공부하지 않습니다 (노트가 바뀌었거나 일시중지, 묻어두기, "
        "삭제되었습니다): 다음 카드입니다.",
    },
    "review.undone": {"en": "Undone: {what}.", "ko": "되돌렸습니다: {what}."},
    "review.nothing_to_undo": {"en": "Nothing to undo.", "ko": "되돌릴 것이 없습니다."},
    "review.no_source": {
        "en": "This card did not come from a notes file.",
        "ko": "이 카드는 노트 파일에서 만들어지지 않았습니다.",
    },
    "undo.answer": {"en": "answer", "ko": "답"},
    "undo.bury": {"en": "bury", "ko": "묻어두기"},
    "undo.suspend": {"en": "suspend", "ko": "일시중지"},
    "undo.unsuspend": {"en": "unsuspend", "ko": "일시중지 해제"},
    "undo.flag": {"en": "flag", "ko": "깃발"},
    "undo.edit": {"en": "edit", "ko": "편집"},
    "done.title": {
        "en": "Congratulations! You have finished this deck for today.",
        "ko": "축하합니다! 오늘 이 덱의 공부를 마쳤습니다.",
    },
    "done.later": {
        "en": "{n} learning card(s) come back later today.",
        "ko": "학습 중인 카드 {n}장이 오늘 나중에 다시 나옵니다.",
    },
    "done.tomorrow": {
        "en": "Due tomorrow: {new} new · {learn} learning · {review} review",
        "ko": "내일 예정: 새 카드 {new} · 학습 중 {learn} · 복습 {review}",
    },
    "done.back": {"en": "Back to decks", "ko": "덱 목록으로"},
    "done.hint": {
        "en": "Enter or Esc: back to decks · Space: look again",
        "ko": "Enter 또는 Esc: 덱 목록 · 스페이스: 다시 확인",
    },
    "edit.title": {"en": "Edit card", "ko": "카드 편집"},
    "edit.front": {"en": "Front (HTML)", "ko": "앞면 (HTML)"},
    "edit.back": {"en": "Back (HTML)", "ko": "뒷면 (HTML)"},
    "edit.hint": {
        "en": "Your edit is kept when the notes are synced again. "
        "Restore the generated text to drop the edit.",
        "ko": "편집한 내용은 노트를 다시 동기화해도 유지됩니다. "
        "생성된 텍스트로 되돌리면 편집이 없어집니다.",
    },
    "edit.restore": {"en": "Restore generated text", "ko": "생성된 텍스트로 되돌리기"},
    "notes.title": {"en": "Notes — {name}", "ko": "노트 — {name}"},
    "notes.lines": {"en": "{path} · lines {first}–{last}", "ko": "{path} · {first}–{last}번째 줄"},
    "browser.title": {"en": "Browse cards", "ko": "카드 찾아보기"},
    "browser.search_placeholder": {
        "en": "Search: words  concept:NAME  kind:term  is:due  deck:NAME  flag:1  -word",
        "ko": "검색: 단어  concept:개념  kind:term  is:due  deck:덱  flag:1  -제외",
    },
    "browser.col.sort": {"en": "Sort field", "ko": "정렬 필드"},
    "browser.col.answer": {"en": "Answer", "ko": "답"},
    "browser.col.deck": {"en": "Deck", "ko": "덱"},
    "browser.col.concept": {"en": "Concept", "ko": "개념"},
    "browser.col.kind": {"en": "Kind", "ko": "종류"},
    "browser.col.due": {"en": "Due", "ko": "예정일"},
    "browser.col.interval": {"en": "Interval", "ko": "간격"},
    "browser.col.stability": {"en": "Stability", "ko": "안정성"},
    "browser.col.reps": {"en": "Reviews", "ko": "복습 횟수"},
    "browser.col.lapses": {"en": "Lapses", "ko": "잊은 횟수"},
    "browser.count": {"en": "{n} cards · {ms} ms", "ko": "카드 {n}장 · {ms} ms"},
    "browser.due_new": {"en": "New #{n}", "ko": "새 카드 #{n}"},
    "browser.edit": {"en": "Edit…", "ko": "편집…"},
    "browser.suspend": {"en": "Suspend / unsuspend", "ko": "일시중지 / 해제"},
    "browser.reset": {"en": "Reset to new…", "ko": "새 카드로 초기화…"},
    "browser.reset_confirm": {
        "en": "Reset {n} card(s) to new? Their review history is kept.",
        "ko": "카드 {n}장을 새 카드로 초기화할까요? 복습 기록은 남습니다.",
    },
    "browser.select_one": {"en": "Select a card first.", "ko": "먼저 카드를 고르세요."},
    "prefs.title": {"en": "Preferences", "ko": "환경설정"},
    "prefs.group_deck": {"en": "Daily limits and retention", "ko": "하루 한도와 목표 기억률"},
    "prefs.group_sched": {"en": "Scheduling", "ko": "스케줄링"},
    "prefs.group_display": {"en": "Display", "ko": "화면"},
    "prefs.deck": {"en": "Deck", "ko": "덱"},
    "prefs.new_per_day": {"en": "New cards/day", "ko": "하루 새 카드"},
    "prefs.reviews_per_day": {"en": "Maximum reviews/day", "ko": "하루 최대 복습"},
    "prefs.retention": {"en": "Desired retention", "ko": "목표 기억률"},
    "prefs.day_start": {"en": "Next day starts at", "ko": "다음 날 시작 시각"},
    "prefs.hour_suffix": {"en": ":00", "ko": "시"},
    "prefs.learning_steps": {"en": "Learning steps", "ko": "학습 단계"},
    "prefs.relearning_steps": {"en": "Relearning steps", "ko": "재학습 단계"},
    "prefs.steps_hint": {
        "en": "e.g. 1m 10m (m minutes, h hours, d days)",
        "ko": "예: 1m 10m (m 분, h 시간, d 일)",
    },
    "prefs.timezone": {"en": "Time zone", "ko": "시간대"},
    "prefs.theme": {"en": "Theme", "ko": "테마"},
    "prefs.language": {"en": "Language", "ko": "언어"},
    "prefs.font_size": {"en": "Card font size", "ko": "카드 글자 크기"},
    "prefs.sounds": {"en": "Sounds", "ko": "소리"},
    "prefs.autoplay_hint": {
        "en": "Play a card's sounds when it shows (R or F5 plays them again)",
        "ko": "카드가 나오면 소리 재생 (R 또는 F5로 다시 재생)",
    },
    "theme.system": {"en": "Follow the system", "ko": "시스템 설정 따르기"},
    "theme.light": {"en": "Light", "ko": "밝게"},
    "theme.dark": {"en": "Dark", "ko": "어둡게"},
    "prefs.err_steps": {
        "en": "{field}: steps look like “1m 10m” (a number and m, h or d): {text}",
        "ko": "{field}: 단계는 “1m 10m” 형식입니다 (숫자와 m, h, d): {text}",
    },
    "prefs.err_timezone": {"en": "Unknown time zone: {tz}", "ko": "알 수 없는 시간대: {tz}"},
    "button.save": {"en": "Save", "ko": "저장"},
    "button.cancel": {"en": "Cancel", "ko": "취소"},
    "button.close": {"en": "Close", "ko": "닫기"},
    # ---- statistics dashboard (srsapp.ui.dashboard)
    "dash.title": {"en": "Statistics", "ko": "통계"},
    "dash.scope": {"en": "Deck:", "ko": "덱:"},
    "dash.all_decks": {"en": "All decks", "ko": "모든 덱"},
    "dash.period": {"en": "Period:", "ko": "기간:"},
    "dash.period.month": {"en": "1 month", "ko": "1개월"},
    "dash.period.year": {"en": "1 year", "ko": "1년"},
    "dash.period.all": {"en": "All time", "ko": "전체"},
    "dash.refresh": {"en": "Refresh", "ko": "새로 고침"},
    "dash.export": {"en": "Export…", "ko": "내보내기…"},
    "dash.export_filter": {
        "en": "PDF report (*.pdf);;PNG image (*.png)",
        "ko": "PDF 보고서 (*.pdf);;PNG 이미지 (*.png)",
    },
    "dash.concept": {"en": "Concept", "ko": "개념"},
    "dash.mastery": {"en": "Mastery", "ko": "숙달도"},
    "dash.coverage": {"en": "Studied", "ko": "학습함"},
    "dash.due": {"en": "Due", "ko": "복습"},
    "dash.tree_hint": {
        "en": "Mastery per concept (double-click to study it):",
        "ko": "개념별 숙달도 (두 번 클릭하면 그 개념을 공부합니다):",
    },
    "dash.diagram": {"en": "Lifecycle diagram by mastery", "ko": "숙달도로 본 생명주기 다이어그램"},
    "dash.diagram_section": {
        "en": "{section}: mastery {mastery} over its {cards} cards "
        "({diagram} on the diagram, {others} others)",
        "ko": "{section}: 카드 {cards}장의 숙달도 {mastery} (그림 카드 {diagram}장, 다른 카드 {others}장)",
    },
    "dash.no_diagram": {
        "en": "The lifecycle diagram appears here when the diagram view is available.",
        "ko": "다이어그램 보기가 있으면 여기에 생명주기 다이어그램이 표시됩니다.",
    },
    "dash.calendar": {"en": "Reviews over the past year", "ko": "지난 1년의 복습"},
    "dash.forecast": {"en": "Due in the next 30 days", "ko": "앞으로 30일 동안 복습할 카드"},
    "dash.reviews": {"en": "Reviews per day", "ko": "일별 복습"},
    "dash.retention": {"en": "True retention", "ko": "실제 기억률"},
    "dash.counts": {"en": "Card counts", "ko": "카드 수"},
    "dash.knowledge": {"en": "Knowledge over time", "ko": "시간에 따른 지식"},
    "dash.buttons": {"en": "Answer buttons and hours", "ko": "답 버튼과 시간대"},
    "dash.count": {"en": "Count", "ko": "개수"},
    "dash.time": {"en": "Time", "ko": "시간"},
    "dash.no_reviews": {
        "en": "No reviews yet — study a few cards and come back",
        "ko": "아직 복습 기록이 없습니다 — 카드 몇 장을 공부하고 다시 오세요",
    },
    "dash.nothing_due": {
        "en": "Nothing due in the next 30 days",
        "ko": "앞으로 30일 동안 복습할 카드가 없습니다",
    },
    "dash.pick_concept": {
        "en": "Select a concept to see its mastery over time",
        "ko": "개념을 선택하면 시간에 따른 숙달도가 보입니다",
    },
    "dash.tip_day": {"en": "{date}: {n} reviews", "ko": "{date}: 복습 {n}회"},
    "dash.tip_concept": {
        "en": "{path}\nMastery {mastery} · {studied}/{cards} cards studied\n"
        "{stable} stable (≥ 21 days) · {due} due today",
        "ko": "{path}\n숙달도 {mastery} · 카드 {cards}장 중 {studied}장 학습\n"
        "안정 {stable}장 (21일 이상) · 오늘 복습 {due}장",
    },
    "dash.weakest": {"en": "Weakest concepts: {names}", "ko": "가장 약한 개념: {names}"},
    "dash.no_cards": {"en": "No cards in this selection.", "ko": "선택한 범위에 카드가 없습니다."},
    "dash.streak": {
        "en": "Current streak: {streak} day(s) · {avg} reviews per study day "
        "({avg_all} per day overall, {days} day(s) studied)",
        "ko": "연속 학습: {streak}일 · 학습한 날 평균 {avg}회 (전체 하루 평균 {avg_all}회, {days}일 학습)",
    },
    "dash.learning": {"en": "Learning", "ko": "학습 중"},
    "dash.review": {"en": "Review", "ko": "복습"},
    "dash.load": {
        "en": "Today: {today} cards · daily load ≈ {avg} cards a day",
        "ko": "오늘: {today}장 · 하루 부담 약 {avg}장",
    },
    "dash.minutes": {"en": "Minutes", "ko": "분"},
    "dash.reviews_n": {"en": "Reviews", "ko": "복습 수"},
    "dash.cards.new": {"en": "New", "ko": "새 카드"},
    "dash.cards.learning": {"en": "Learning", "ko": "학습 중"},
    "dash.cards.young": {"en": "Young (interval < 21 days)", "ko": "초기 (간격 21일 미만)"},
    "dash.cards.mature": {"en": "Mature (interval ≥ 21 days)", "ko": "숙련 (간격 21일 이상)"},
    "dash.cards.suspended": {"en": "Suspended", "ko": "일시중지"},
    "dash.cards.retired": {"en": "Retired (gone from the notes)", "ko": "보관됨 (노트에서 사라짐)"},
    "dash.finish_done": {
        "en": "Every card has been introduced.",
        "ko": "모든 카드를 한 번 이상 학습했습니다.",
    },
    "dash.finish_never": {
        "en": "{new} new cards left, but the daily new-card limit is 0.",
        "ko": "새 카드 {new}장이 남았지만 하루 새 카드 한도가 0입니다.",
    },
    "dash.finish_today": {
        "en": "{new} new cards left: all introduced today at the current limit.",
        "ko": "새 카드 {new}장 남음: 현재 한도로 오늘 모두 학습합니다.",
    },
    "dash.finish": {
        "en": "{new} new cards left: at {limit} a day, all introduced in {days} more days.",
        "ko": "새 카드 {new}장 남음: 하루 {limit}장이면 {days}일 뒤에 모두 학습합니다.",
    },
    "dash.ret.today": {"en": "Today", "ko": "오늘"},
    "dash.ret.yesterday": {"en": "Yesterday", "ko": "어제"},
    "dash.ret.week": {"en": "Week", "ko": "1주"},
    "dash.ret.month": {"en": "Month", "ko": "1개월"},
    "dash.ret.year": {"en": "Year", "ko": "1년"},
    "dash.young": {"en": "Young", "ko": "초기"},
    "dash.mature": {"en": "Mature", "ko": "숙련"},
    "dash.total": {"en": "Total", "ko": "전체"},
    "dash.tip_retention": {
        "en": "{passed} passed · {failed} Again",
        "ko": "통과 {passed} · 다시 {failed}",
    },
    "dash.no_retention": {
        "en": "No review-state answers yet: retention shows once cards come back for review.",
        "ko": "아직 복습 단계 답이 없습니다: 카드가 복습으로 돌아오면 기억률이 표시됩니다.",
    },
    "dash.again": {"en": "Again", "ko": "다시"},
    "dash.hard": {"en": "Hard", "ko": "어려움"},
    "dash.good": {"en": "Good", "ko": "알맞음"},
    "dash.easy": {"en": "Easy", "ko": "쉬움"},
    "dash.correct": {"en": "Correct", "ko": "정답"},
    "dash.knowledge_line": {
        "en": "Estimated total knowledge (cards)",
        "ko": "추정 총 지식 (카드 수)",
    },
    "dash.concept_line": {"en": "Mastery of {name}", "ko": "{name} 숙달도"},
    "dash.study_concept": {"en": "Study this concept", "ko": "이 개념 공부하기"},
    "dash.open_cards": {"en": "Open its cards in the browser", "ko": "카드 찾아보기에서 열기"},
    # Sync with an Anki sync server (ui.ankisync)
    "action.sync_anki": {"en": "Sync with Anki server…", "ko": "Anki 서버와 동기화…"},
    "ankisync.title": {"en": "Sync with an Anki sync server", "ko": "Anki 동기화 서버와 동기화"},
    "ankisync.server": {"en": "Server", "ko": "서버"},
    "ankisync.user": {"en": "User", "ko": "사용자"},
    "ankisync.password": {"en": "Password", "ko": "비밀번호"},
    "ankisync.key_kept": {
        "en": "not needed: the login is kept",
        "ko": "필요 없음: 로그인이 저장되어 있음",
    },
    "ankisync.direction": {"en": "Direction", "ko": "방향"},
    "ankisync.direction.auto": {
        "en": "What changed (download, upload or both)",
        "ko": "바뀐 쪽 (내려받기, 올리기 또는 둘 다)",
    },
    "ankisync.direction.upload": {
        "en": "Full upload: ours replaces the server's",
        "ko": "전체 올리기: 서버의 것을 이 컬렉션으로 바꿈",
    },
    "ankisync.direction.download": {
        "en": "Full download: the server's merged into ours (our changes are kept and sent)",
        "ko": "전체 내려받기: 서버의 것을 이 컬렉션에 합침 (여기서 바꾼 것은 지키고 보냄)",
    },
    "ankisync.sync": {"en": "Sync", "ko": "동기화"},
    "ankisync.running": {"en": "Syncing…", "ko": "동기화하는 중…"},
    "ankisync.password_needed": {
        "en": "the server wants the password: type it in",
        "ko": "서버가 비밀번호를 요구합니다: 입력하세요",
    },
    "ankisync.nothing": {
        "en": "Nothing to sync: both sides are unchanged.",
        "ko": "동기화할 것이 없습니다: 양쪽 모두 그대로입니다.",
    },
    "ankisync.downloaded": {
        "en": "Downloaded {cards} cards: {added} added, {updated} updated, {reviews} reviews added.",
        "ko": "카드 {cards}장을 내려받음: {added}장 추가, {updated}장 갱신, 복습 {reviews}개 추가.",
    },
    "ankisync.incremental": {
        "en": "Synced what changed: {cards_out} cards and {reviews_out} reviews sent, "
        "{cards_in} cards and {reviews_in} reviews received.",
        "ko": "바뀐 것만 동기화함: 카드 {cards_out}장과 복습 {reviews_out}개를 보내고, "
        "카드 {cards_in}장과 복습 {reviews_in}개를 받음.",
    },
    "ankisync.auto": {
        "en": "Sync when srsapp opens and closes",
        "ko": "srsapp을 열고 닫을 때 동기화",
    },
    "ankisync.media": {
        "en": "Media: {up} files uploaded, {down} downloaded.",
        "ko": "미디어: 파일 {up}개 올림, {down}개 내려받음.",
    },
    "ankisync.sent_after_download": {
        "en": "Then sent what changed here since the last sync: {cards} cards, {reviews} reviews.",
        "ko": "이어서 지난 동기화 뒤 여기서 바뀐 것을 보냄: 카드 {cards}장, 복습 {reviews}개.",
    },
    "ankisync.confirm_upload_title": {
        "en": "Replace the server's collection?",
        "ko": "서버의 컬렉션을 바꿀까요?",
    },
    "ankisync.confirm_upload": {
        "en": "A full upload replaces the collection on the server with this one. Reviews and "
        "changes that other devices sent to the server since this computer last synced are "
        "lost there; those devices must then choose a full download, which drops what they "
        "have not synced.",
        "ko": "전체 올리기는 서버의 컬렉션을 이 컬렉션으로 바꿉니다. 이 컴퓨터가 마지막으로 "
        "동기화한 뒤 다른 기기가 서버에 보낸 복습과 변경은 서버에서 사라지고, 그 기기들은 "
        "전체 내려받기를 해야 하며 아직 동기화하지 않은 것은 잃게 됩니다.",
    },
    "ankisync.upload": {"en": "Upload", "ko": "올리기"},
    "ankisync.media_deleted": {
        "en": "Media deleted: {there} files on the server, {here} here.",
        "ko": "미디어 삭제: 서버에서 파일 {there}개, 여기서 {here}개.",
    },
    "ankisync.uploaded": {
        "en": "Uploaded {cards} cards and {reviews} reviews; on the phone choose Download when "
        "it asks for a full sync.",
        "ko": "카드 {cards}장과 복습 {reviews}개를 올림; 휴대폰이 전체 동기화를 물으면 "
        "내려받기를 고르세요.",
    },
}

STRINGS.update(TOOLS_STRINGS)  # the everyday tools' strings (decks, add, edit, card info)
STRINGS.update(STUDY_STRINGS)  # custom study and the new card order


def sync_details(tr: Any, report: Any, shown: int = 5) -> list[str]:
    """A notes sync's renamed headings and retired cards (the first ``shown``), one line
    each kind, for a summary; ``report`` is a SyncReport or a notes ImportReport."""
    lines = [tr("status.synced_renamed", old=a, new=b) for a, b in report.renamed]
    cards = [str(r) for r in report.retired_cards]
    if cards:
        listed = ", ".join(dict.fromkeys(cards[:shown]))
        if len(cards) > shown:
            listed += " " + tr("status.synced_more", n=len(cards) - shown)
        lines.append(tr("status.synced_retired", cards=listed))
    skipped = list(getattr(report, "not_carded", ()))
    if skipped:
        from srsapp.core.notes.report import reason_key  # (the notes generator: not at start)

        reasons: dict[str, int] = {}
        for s in skipped:
            reasons[s.reason] = reasons.get(s.reason, 0) + 1
        top = max(reasons, key=lambda r: reasons[r])
        reason = tr(f"skip.{reason_key(top)}")
        lines.append(tr("status.not_carded", n=len(skipped), reason=reason))
    return lines


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
