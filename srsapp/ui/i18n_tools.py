"""UI strings of the everyday tools (decks, add card, card editor, card info, the browser's
menu of actions), English and Korean; ``i18n.STRINGS`` takes them in."""

from __future__ import annotations

TOOLS_STRINGS: dict[str, dict[str, str]] = {
    "menu.edit": {"en": "&Edit", "ko": "편집(&E)"},
    "action.undo": {"en": "Undo", "ko": "되돌리기"},
    "button.ok": {"en": "OK", "ko": "확인"},
    # ---- decks
    "decks.create": {"en": "Create deck…", "ko": "덱 만들기…"},
    "decks.rename": {"en": "Rename…", "ko": "이름 바꾸기…"},
    "decks.delete": {"en": "Delete", "ko": "삭제"},
    "decks.add_card": {"en": "Add card… (A)", "ko": "카드 추가… (A)"},
    "decks.create_title": {"en": "Create deck", "ko": "덱 만들기"},
    "decks.rename_title": {"en": "Rename deck {name}", "ko": "덱 이름 바꾸기: {name}"},
    "decks.name_label": {"en": "Deck &name:", "ko": "덱 이름(&N):"},
    "decks.name_hint": {
        "en": "Use :: for a subdeck, e.g. Languages::Korean. Renaming a deck moves its subdecks.",
        "ko": "하위 덱은 ::로 씁니다 (예: 언어::한국어). 덱 이름을 바꾸면 하위 덱도 함께 옮겨집니다.",
    },
    "decks.delete_title": {"en": "Delete deck", "ko": "덱 삭제"},
    "decks.delete_confirm": {
        "en": "Delete the deck {name}{subdecks}: {cards} card(s) and their {reviews} review(s)?\n"
        "Edit → Undo (Ctrl+Z) brings them back.",
        "ko": "덱 {name}{subdecks}을(를) 삭제할까요? 카드 {cards}장과 복습 기록 {reviews}개가 "
        "함께 삭제됩니다.\n편집 → 되돌리기(Ctrl+Z)로 되살릴 수 있습니다.",
    },
    "decks.delete_subdecks": {
        "en": " with its {n} subdeck(s)",
        "ko": "과(와) 하위 덱 {n}개",
    },
    "decks.deleted": {
        "en": "Deleted {name} and its {cards} card(s). Ctrl+Z brings them back.",
        "ko": "{name}과(와) 카드 {cards}장을 삭제했습니다. Ctrl+Z로 되살릴 수 있습니다.",
    },
    "decks.tooltip": {"en": "{name}: {total} cards", "ko": "{name}: 카드 {total}장"},
    "undo.create_deck": {"en": "create deck", "ko": "덱 만들기"},
    "undo.rename_deck": {"en": "rename deck", "ko": "덱 이름 바꾸기"},
    "undo.delete_deck": {"en": "delete deck", "ko": "덱 삭제"},
    # ---- add card
    "action.add": {"en": "Add card…", "ko": "카드 추가…"},
    "add.title": {"en": "Add card", "ko": "카드 추가"},
    "add.type": {"en": "&Type:", "ko": "종류(&T):"},
    "add.deck": {"en": "&Deck:", "ko": "덱(&D):"},
    "add.type.basic": {"en": "Basic", "ko": "기본"},
    "add.type.basic_reverse": {"en": "Basic (and reversed card)", "ko": "기본 (뒤집은 카드 포함)"},
    "add.type.cloze": {"en": "Cloze", "ko": "빈칸 채우기"},
    "add.type.typed": {"en": "Basic (type in the answer)", "ko": "기본 (답 입력하기)"},
    "add.field.front": {"en": "&Front", "ko": "앞면(&F)"},
    "add.field.back": {"en": "&Back", "ko": "뒷면(&B)"},
    "add.field.text": {"en": "&Text", "ko": "텍스트(&T)"},
    "add.field.back_extra": {"en": "&Back extra", "ko": "뒷면 추가 내용(&B)"},
    "add.preview": {"en": "Preview", "ko": "미리 보기"},
    "add.preview_n": {"en": "Preview: {n} card(s)", "ko": "미리 보기: 카드 {n}장"},
    "add.card_n": {"en": "Card {n}", "ko": "카드 {n}"},
    "add.hint": {
        "en": "Plain text; **bold**, *italic*, `code` and lists as in Markdown. "
        "Ctrl+Enter: add · Ctrl+Shift+C: cloze · Tab: next field · Esc: close",
        "ko": "일반 텍스트로 쓰고, **굵게**, *기울임*, `코드`, 목록은 마크다운처럼 씁니다. "
        "Ctrl+Enter: 추가 · Ctrl+Shift+C: 빈칸 · Tab: 다음 칸 · Esc: 닫기",
    },
    "add.add": {"en": "Add (Ctrl+Enter)", "ko": "추가 (Ctrl+Enter)"},
    "add.added": {
        "en": "Added {n} card(s) to {deck}.",
        "ko": "{deck}에 카드 {n}장을 추가했습니다.",
    },
    "undo.add_note": {"en": "add card", "ko": "카드 추가"},
    # ---- the card editor
    "editor.front": {"en": "&Front", "ko": "앞면(&F)"},
    "editor.back": {"en": "&Back", "ko": "뒷면(&B)"},
    "editor.save": {"en": "Save (Ctrl+Enter)", "ko": "저장 (Ctrl+Enter)"},
    "editor.hint": {
        "en": "Plain text; **bold**, *italic*, `code` and lists as in Markdown. Your edit is kept "
        "when the notes are synced again; Restore generated text drops it. Ctrl+Enter: save · "
        "Esc: cancel",
        "ko": "일반 텍스트로 쓰고, **굵게**, *기울임*, `코드`, 목록은 마크다운처럼 씁니다. 편집한 "
        "내용은 노트를 다시 동기화해도 유지되고, 생성된 텍스트로 되돌리면 없어집니다. "
        "Ctrl+Enter: 저장 · Esc: 취소",
    },
    "editor.lossy": {
        "en": "This side has formatting plain text cannot show (a table, colours, a sound …). "
        "Left as it is, it is kept; edited, it becomes the plain text above.",
        "ko": "이 면에는 일반 텍스트로 보일 수 없는 서식(표, 색, 소리 …)이 있습니다. 그대로 두면 "
        "유지되고, 고치면 위의 일반 텍스트로 바뀝니다.",
    },
    "editor.empty_front": {
        "en": "The front is empty: a card needs something to ask.",
        "ko": "앞면이 비어 있습니다: 카드에는 물어볼 내용이 있어야 합니다.",
    },
    # ---- card info
    "info.title": {"en": "Card info", "ko": "카드 정보"},
    "action.card_info": {"en": "Card info", "ko": "카드 정보"},
    "info.deck": {"en": "Deck", "ko": "덱"},
    "info.concept": {"en": "Concept", "ko": "개념"},
    "info.state": {"en": "State", "ko": "상태"},
    "info.state.0": {"en": "New", "ko": "새 카드"},
    "info.state.1": {"en": "Learning", "ko": "학습 중"},
    "info.state.2": {"en": "Review", "ko": "복습"},
    "info.state.3": {"en": "Relearning", "ko": "재학습"},
    "info.suspended": {"en": "suspended", "ko": "일시중지됨"},
    "info.added": {"en": "Added", "ko": "추가한 날"},
    "info.due": {"en": "Due", "ko": "예정일"},
    "info.interval": {"en": "Interval", "ko": "간격"},
    "info.stability": {"en": "Stability", "ko": "안정성"},
    "info.days": {"en": "{n} days", "ko": "{n}일"},
    "info.difficulty": {"en": "Difficulty (1-10)", "ko": "난이도 (1-10)"},
    "info.retrievability": {"en": "Retrievability now", "ko": "지금 기억할 확률"},
    "info.counts": {"en": "Reviews", "ko": "복습"},
    "info.counts_value": {
        "en": "{reps} reviews, {lapses} lapses",
        "ko": "복습 {reps}회, 잊음 {lapses}회",
    },
    "info.col.date": {"en": "Date", "ko": "날짜"},
    "info.col.rating": {"en": "Rating", "ko": "평가"},
    "info.col.interval": {"en": "Interval", "ko": "간격"},
    "info.col.stability": {"en": "Stability (d)", "ko": "안정성 (일)"},
    "info.col.difficulty": {"en": "Difficulty", "ko": "난이도"},
    "info.col.retrievability": {"en": "Retrievability", "ko": "기억 확률"},
    "info.col.time": {"en": "Time", "ko": "걸린 시간"},
    "info.kind.manual": {"en": "Reset", "ko": "초기화"},
    "info.kind.review": {"en": "Changed", "ko": "변경"},
    "info.kind.imported": {"en": "Imported", "ko": "가져옴"},
    "info.no_reviews": {"en": "Not reviewed yet.", "ko": "아직 복습하지 않았습니다."},
    # ---- the browser's actions on the selected cards
    "cards.menu": {"en": "&Cards", "ko": "카드(&C)"},
    "cards.undo": {"en": "Undo", "ko": "되돌리기"},
    "cards.change_deck": {"en": "Change deck…", "ko": "덱 바꾸기…"},
    "cards.change_deck_title": {"en": "Change deck", "ko": "덱 바꾸기"},
    "cards.change_deck_label": {
        "en": "Move {n} card(s) to the deck:",
        "ko": "카드 {n}장을 옮길 덱:",
    },
    "cards.filter": {"en": "Type to filter", "ko": "입력해서 찾기"},
    "cards.moved": {
        "en": "Moved {n} card(s) to {deck}.",
        "ko": "카드 {n}장을 {deck}(으)로 옮겼습니다.",
    },
    "cards.flag": {"en": "Flag", "ko": "깃발"},
    "cards.flag_n": {"en": "Flag {n}", "ko": "깃발 {n}"},
    "cards.no_flag": {"en": "No flag", "ko": "깃발 없음"},
    "cards.flagged": {"en": "Flag {flag} on {n} card(s).", "ko": "카드 {n}장에 깃발 {flag}."},
    "cards.suspended": {"en": "Suspended {n} card(s).", "ko": "카드 {n}장을 일시중지했습니다."},
    "cards.unsuspended": {
        "en": "Unsuspended {n} card(s).",
        "ko": "카드 {n}장의 일시중지를 풀었습니다.",
    },
    "cards.reposition": {"en": "Reposition new cards…", "ko": "새 카드 순서 바꾸기…"},
    "cards.reposition_title": {"en": "Reposition new cards", "ko": "새 카드 순서 바꾸기"},
    "cards.reposition_label": {
        "en": "Where the new ones of the {n} selected card(s) come in the order of new cards:",
        "ko": "선택한 카드 {n}장 중 새 카드가 새 카드 순서에서 올 자리:",
    },
    "cards.start": {"en": "Start position", "ko": "시작 위치"},
    "cards.step": {"en": "Step", "ko": "간격"},
    "cards.randomize": {"en": "Randomize order", "ko": "순서 섞기"},
    "cards.shift": {"en": "Shift the other new cards", "ko": "다른 새 카드를 뒤로 밀기"},
    "cards.repositioned": {
        "en": "Repositioned {n} new card(s).",
        "ko": "새 카드 {n}장의 순서를 바꿨습니다.",
    },
    "cards.delete": {"en": "Delete", "ko": "삭제"},
    "cards.delete_title": {"en": "Delete cards", "ko": "카드 삭제"},
    "cards.delete_confirm": {
        "en": "Delete {n} card(s) with their review history?\nCtrl+Z brings them back. A card "
        "made from notes comes back when its notes change; to keep one out, suspend it.",
        "ko": "카드 {n}장과 복습 기록을 삭제할까요?\nCtrl+Z로 되살릴 수 있습니다. 노트에서 만든 "
        "카드는 노트가 바뀌면 다시 생깁니다; 빼 두려면 일시중지하세요.",
    },
    "cards.deleted": {"en": "Deleted {n} card(s).", "ko": "카드 {n}장을 삭제했습니다."},
    "undo.set_deck": {"en": "change deck", "ko": "덱 바꾸기"},
    "undo.flag_cards": {"en": "flag", "ko": "깃발"},
    "undo.suspend_cards": {"en": "suspend", "ko": "일시중지"},
    "undo.unsuspend_cards": {"en": "unsuspend", "ko": "일시중지 해제"},
    "undo.reposition": {"en": "reposition", "ko": "순서 바꾸기"},
    "undo.delete_cards": {"en": "delete cards", "ko": "카드 삭제"},
    "editor.note_hint": {
        "en": "A card you added: its note's fields, as when you added it; every card of the note "
        "follows (both ways of a reversed card, one per cloze). Ctrl+Enter: save · Esc: cancel",
        "ko": "직접 추가한 카드: 추가할 때의 칸을 고칩니다. 같은 노트의 카드가 모두 따라 바뀝니다 "
        "(뒤집은 카드, 빈칸마다 한 장). Ctrl+Enter: 저장 · Esc: 취소",
    },
    "undo.edit_note": {"en": "edit note", "ko": "노트 편집"},
    "add.tags": {"en": "T&ags", "ko": "태그(&A)"},
    "add.tags_hint": {"en": "words separated by spaces", "ko": "띄어쓰기로 구분한 낱말"},
    "info.tags": {"en": "Tags", "ko": "태그"},
}
