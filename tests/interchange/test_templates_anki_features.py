"""The Anki template features our reviewer lacked (issue 16): furigana filters and the special
fields, rendered as the real Anki library renders the same notes (tests only)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from anki.collection import Collection as AnkiCollection
from sqlalchemy import select

from srsapp.interchange.templates import render_card
from srsapp.service.collection import Collection
from srsapp.store.models import Card
from tests.interchange.anki_fixtures import export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
JAPANESE = "日本語[にほんご]を 勉強[べんきょう]する&nbsp;漢字[かんじ] [sound:a b.mp3]"
QFMT = ("<div class=jp>{{furigana:Front}}</div><p>{{Deck}} | {{Subdeck}} | {{Tags}} | {{Card}}"
        " | {{Type}} | {{CardFlag}}</p>")  # fmt: skip
AFMT = "{{FrontSide}}<hr id=answer>{{kana:Front}} / {{kanji:Front}} / {{furigana:Back}}"
_STYLE = re.compile(r"<style>.*?</style>", re.S)
_PLAY = re.compile(r"\[anki:play:[qa]:\d+\]")


def anki_sides(card: object) -> tuple[str, str]:
    """Anki's question and answer without its <style> block, its sound tags as written."""
    q, a = card.question(), card.answer()  # type: ignore[attr-defined]
    return _STYLE.sub("", q).strip(), _STYLE.sub("", a).strip()


def test_furigana_and_special_fields_render_as_in_anki(col: Collection, tmp_path: Path) -> None:
    (tmp_path / "anki").mkdir()
    anki = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        anki.media.write_data("a b.mp3", b"not audio")
        model = anki.models.copy(anki.models.by_name("Basic (and reversed card)"))  # type: ignore[arg-type]
        model["name"] = "日本語 카드"
        model["tmpls"][0]["qfmt"], model["tmpls"][0]["afmt"] = QFMT, AFMT
        model["tmpls"][1]["name"] = "読み"
        model["tmpls"][1]["qfmt"] = "{{kanji:Front}} {{Card}} {{Tags}}"
        anki.models.update_dict(model)
        note = anki.new_note(model)
        note["Front"], note["Back"] = JAPANESE, "to study 日本[にっぽん]"
        note.tags = ["jp", "한국어"]
        anki.add_note(note, anki.decks.id("Languages::Japanese::Verbs") or 1)
        cards = sorted(note.cards(), key=lambda c: c.ord)
        anki.set_user_flag_for_cards(3, [cards[0].id])
        cards = [anki.get_card(c.id) for c in cards]
        expected = [anki_sides(c) for c in cards]
        package = export_apkg(anki, tmp_path / "jp.apkg", legacy=False)
    finally:
        anki.close()
    col.import_file(package, now=T0)
    with col.db.reading() as s:
        got = {(c.front, c.back) for c in s.scalars(select(Card))}
    assert len(got) == 2
    want = set()
    for q, a in expected:
        # Anki numbers its sound tags; we keep them as written (the reviewer plays them)
        want.add((_PLAY.sub("[sound:a b.mp3]", q), _PLAY.sub("[sound:a b.mp3]", a)))
    assert got == want
    first_q = expected[0][0]
    assert "<ruby><rb>日本語</rb><rt>にほんご</rt></ruby>を<ruby><rb>勉強</rb>" in first_q
    assert (
        "Languages::Japanese::Verbs | Verbs | jp 한국어 | Card 1 | 日本語 카드 | flag3" in first_q
    )


def test_a_notes_own_field_comes_before_a_special_one() -> None:
    q, _a = render_card("{{Tags}}/{{Deck}}", "", {"Tags": "my field"},
                        special={"Tags": "t1 t2", "Deck": "D"})  # fmt: skip
    assert q == "my field/D"


def test_readings_leave_sounds_and_tags_alone() -> None:
    fields = {"F": "<b>漢字[かんじ]</b> [sound:x.mp3] 本[ほん]"}
    q, a = render_card("{{furigana:F}}", "{{kana:F}}|{{kanji:F}}", fields)
    assert (
        q
        == "<b><ruby><rb>漢字</rb><rt>かんじ</rt></ruby></b> [sound:x.mp3]<ruby><rb>本</rb><rt>ほん</rt></ruby>"
    )
    assert a == "<b>かんじ</b> [sound:x.mp3]ほん|<b>漢字</b> [sound:x.mp3]本"
