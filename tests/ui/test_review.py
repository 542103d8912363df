"""The review screen driven with real keystrokes (pytest-qt, offscreen)."""

from __future__ import annotations

import importlib.util
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck
from srsapp.core.text import context, para, pre
from srsapp.service.collection import Collection
from srsapp.service.search import search_card_ids
from srsapp.store.models import Review
from srsapp.ui.card_view import CardView, sanitize_html
from srsapp.ui.main_window import MainWindow
from srsapp.ui.review import ReviewWidget, typed_diff
from tests.builders import load, make_deck, notes_deck, open_collection


class Clock:
    """A clock the test moves forward by hand."""

    def __init__(self, start: datetime) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


def open_review(
    qtbot, col: Collection, clock: Clock, lang: str = "en"
) -> tuple[MainWindow, ReviewWidget]:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=clock, lang=lang)
    qtbot.addWidget(w)
    w.show()
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    return w, review


class Row:
    def __init__(self, r: Review) -> None:
        self.card_id, self.rating, self.duration_ms, self.time_ms = (
            r.card_id,
            r.rating,
            r.duration_ms,
            r.time_ms,
        )


def revlog(col: Collection) -> list[Row]:
    with col.db.reading() as s:
        return [Row(r) for r in s.scalars(select(Review).order_by(Review.id))]


def test_space_and_3_through_ten_cards(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(14), now)
    clock = Clock(now)
    w, review = open_review(qtbot, col, clock)
    assert review.counts() == (14, 0, 0)
    assert w.focusWidget() is review  # Space must not land on a button
    seen = []
    for _ in range(10):
        assert review.card is not None and not review.revealed
        seen.append(review.card.id)
        qtbot.keyClick(review, Qt.Key.Key_Space)
        assert review.revealed
        assert (
            review.answers.interval_labels[next(iter(review.answers.interval_labels))].text() != ""
        )
        qtbot.wait(3)  # the answer time is measured with a monotonic timer
        qtbot.keyClick(review, Qt.Key.Key_3)
        clock.advance(seconds=20)
        assert w.focusWidget() is review
    assert len(set(seen)) == 10
    new, learn, _review = review.counts()
    assert new == 4 and learn == 10
    assert "4" in review.top.counts_label.text()
    rows = revlog(col)
    assert len(rows) == 10
    assert all(r.duration_ms >= 3 for r in rows)
    assert [r.card_id for r in rows] == seen
    # the review-log times follow the injected clock
    assert rows[-1].time_ms - rows[0].time_ms == 9 * 20_000


def test_interval_printed_on_each_button(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    _w, review = open_review(qtbot, col, Clock(now))
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.card is not None
    expected = col.sched.answers.intervals(review.card.id, now)
    assert {r: label.text() for r, label in review.answers.interval_labels.items()} == expected
    assert expected[next(iter(expected))] == "1m"


def test_ctrl_z_restores_the_previous_card(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(5), now)
    clock = Clock(now)
    _w, review = open_review(qtbot, col, clock)
    first = review.card
    assert first is not None
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_4)
    assert review.card is not None and review.card.id != first.id
    assert len(revlog(col)) == 1
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.card is not None and review.card.id == first.id
    assert not review.revealed
    assert revlog(col) == []
    assert review.counts() == (5, 0, 0)
    assert "Undone" in review.status.text()


def test_at_suspends_and_minus_buries_both_undoable(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(4), now)
    clock = Clock(now)
    _w, review = open_review(qtbot, col, clock)
    a = review.card
    assert a is not None
    qtbot.keyClick(review, "@")
    assert search_card_ids(col, "is:suspended", now) == [a.id]
    b = review.card
    assert b is not None and b.id != a.id
    qtbot.keyClick(review, "-")
    assert search_card_ids(col, "is:buried", now) == [b.id]
    assert review.counts() == (2, 0, 0)
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.card is not None and review.card.id == b.id
    assert search_card_ids(col, "is:buried", now) == []
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.card is not None and review.card.id == a.id
    assert search_card_ids(col, "is:suspended", now) == []


def test_ctrl_digit_toggles_a_flag(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    _w, review = open_review(qtbot, col, Clock(now))
    card = review.card
    assert card is not None
    qtbot.keyClick(review, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert col.card(card.id).flag == 2
    assert search_card_ids(col, "flag:2", now) == [card.id]
    qtbot.keyClick(review, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert col.card(card.id).flag == 0
    assert revlog(col) == []  # flagging is not an answer


def test_language_switch_relabels_rating_buttons(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    w, review = open_review(qtbot, col, Clock(now))
    qtbot.keyClick(review, Qt.Key.Key_Space)
    labels = [b.text() for b in review.answers.rating_buttons.values()]
    assert labels[0].startswith("Again") and labels[3].startswith("Easy")
    w.set_language("ko")
    labels = [b.text() for b in review.answers.rating_buttons.values()]
    assert labels[0].startswith("다시") and labels[2].startswith("알맞음")
    assert review.top.back_button.text() == "덱 목록"


def command_deck() -> GeneratedDeck:
    concept = ("컨테이너", "실행")
    return GeneratedDeck(
        title="Commands",
        concepts=[ConceptInfo(concept)],
        cards=[
            CardDraft(
                kind=CardKind.COMMAND,
                concept=concept,
                anchor="docker run -d nginx",
                front=context(concept) + para("nginx를 백그라운드로 실행하는 명령은?"),
                back=pre("docker run -d nginx"),
                extra={"typed_answer": "docker run -d nginx"},
            )
        ],
    )


def test_typed_answer_diff_marks_a_wrong_token(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    assert typed_diff("docker run nginx -p", "docker run -d nginx") == [
        ("ok", "docker"),
        ("ok", "run"),
        ("missing", "-d"),
        ("ok", "nginx"),
        ("extra", "-p"),
    ]
    load(col, command_deck(), now)
    w, review = open_review(qtbot, col, Clock(now))
    assert review.typed.isVisible()
    assert w.focusWidget() is review.typed
    assert "Type the command, then Enter" in review.hint_label.text()  # not "Space: ..."
    qtbot.keyClicks(review.typed, "docker start -d nginx")
    qtbot.keyClick(review.typed, Qt.Key.Key_Return)
    assert review.revealed and not review.typed.isVisible()
    assert w.focusWidget() is review  # the rating keys work right away
    shown = review.answer_html()
    assert '<span class="typed-extra">start</span>' in shown
    assert '<span class="typed-missing">run</span>' in shown
    assert '<span class="typed-ok">-d</span>' in shown
    assert revlog(col) == []  # Enter revealed; it did not also rate
    qtbot.keyClick(review, Qt.Key.Key_1)  # the rating stays the learner's
    assert [r.rating for r in revlog(col)] == [1]


def test_end_of_session_shows_tomorrow_and_escape_returns(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    clock = Clock(now)
    w, review = open_review(qtbot, col, clock)
    for _ in range(2):
        qtbot.keyClick(review, Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_4)  # Easy: straight to review, days away
    assert review.is_done()
    tomorrow = col.counts(now + timedelta(days=1), col.decks()[0][0])
    assert review.tomorrow_counts == tomorrow
    assert f"{tomorrow[0]} new" in review.done_page.info.text()
    assert "Congratulations" in review.done_page.title.text()
    assert w.focusWidget() is review
    with qtbot.waitSignal(review.finished):
        qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert w.stack.currentWidget() is w.deck_list


def test_e_edits_the_card(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    _w, review = open_review(qtbot, col, Clock(now))
    card = review.card
    assert card is not None
    qtbot.keyClick(review, "e")
    dialog = review.edit_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.front.setPlainText("Rewritten question")  # plain text; the concept line stays
    dialog.accept()
    assert col.card(card.id).front == '<div class="context">Topic</div><p>Rewritten question</p>'
    assert col.card(card.id).back == "<p>Answer 0</p>"  # the untouched side keeps no override
    assert "Rewritten question" in review.card_view.toPlainText()


def test_n_shows_the_card_in_its_notes(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    text, deck = notes_deck()
    col.apply_generated("/notes/docker.md", "h", text, deck, now)
    _w, review = open_review(qtbot, col, Clock(now))
    qtbot.keyClick(review, "n")
    view = review.notes_view
    assert view is not None and view.isVisible()
    assert view.editor.isReadOnly()
    assert view.highlighted_lines() == (5, 6)
    assert view.editor.textCursor().blockNumber() == 4
    assert "docker.md" in view.windowTitle()


def test_leech_is_announced(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    col.set_settings(leech_threshold=1)
    load(col, make_deck(1), now)
    clock = Clock(now)
    _w, review = open_review(qtbot, col, clock)
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_4)  # to review
    clock.advance(days=30)
    review.next_card()
    assert review.card is not None and review.card.queue == "review"
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_1)  # a lapse: now a leech
    assert review.last_result is not None and review.last_result.leech
    assert "leech" in review.status.text()


def test_sanitizer_drops_scripts_handlers_and_remote_images(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    hostile = (
        '<p onclick="steal()">Hi <b>there</b></p><script>alert(1)</script>'
        '<style>p{color:red}</style><img src="http://evil.example/x.png" alt="x">'
        '<a href="javascript:alert(1)">link</a><img src="ok.png">&lt;tag&gt;'
    )
    clean = sanitize_html(hostile)
    assert "script" not in clean and "alert" not in clean and "onclick" not in clean
    assert "color:red" not in clean and "http://" not in clean and "javascript" not in clean
    assert "<b>there</b>" in clean and '<img src="ok.png">' in clean and "&lt;tag&gt;" in clean
    media = tmp_path / "media"
    media.mkdir()
    (tmp_path / "secret.png").write_bytes(b"x")
    view = CardView(media)
    qtbot.addWidget(view)
    # even unsanitized HTML gets nothing from outside the media folder
    view.setHtml('<img src="http://evil.example/x.png"><img src="../secret.png">')
    image = int(QTextDocument.ResourceType.ImageResource.value)
    assert view.loadResource(image, QUrl("https://evil.example/y.png")) is None
    assert view.loadResource(image, QUrl("file:///etc/passwd")) is None
    assert view.loadResource(image, QUrl("../secret.png")) is None
    assert any("evil.example" in u for u in view.refused)
    assert view.openLinks() is False and view.openExternalLinks() is False


def test_card_view_loads_images_from_media_only(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    media = tmp_path / "media"
    media.mkdir()
    img = QImage(4, 4, QImage.Format.Format_RGB32)
    img.fill(0xFF0000)
    assert img.save(str(media / "dot.png"))
    view = CardView(media)
    qtbot.addWidget(view)
    image = int(QTextDocument.ResourceType.ImageResource.value)
    loaded = view.loadResource(image, QUrl("dot.png"))
    assert loaded is not None and loaded.width() == 4


@pytest.mark.skipif(
    importlib.util.find_spec("srsapp.core.notes") is None, reason="the notes generator is not here"
)
def test_fresh_collection_with_the_bundled_deck(qtbot, tmp_path: Path, now: datetime) -> None:  # type: ignore[no-untyped-def]
    col = open_collection(tmp_path / "fresh", rng=random.Random(7), now=now)
    try:
        col.set_settings(timezone="UTC")
        w = MainWindow(col, clock=lambda: now, lang="ko")
        qtbot.addWidget(w)
        w.show()
        qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Return)
        review = w.stack.currentWidget()
        assert isinstance(review, ReviewWidget)
        assert review.card is not None and review.counts()[0] > 0
        assert review.card_view.toPlainText().strip() != ""
        before = review.counts()
        focus = QApplication.focusWidget() or w.focusWidget()
        target = review.typed if focus is review.typed else review
        qtbot.keyClick(target, Qt.Key.Key_Return if target is review.typed else Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_3)
        assert len(revlog(col)) == 1
        assert review.counts() != before
    finally:
        col.close()
