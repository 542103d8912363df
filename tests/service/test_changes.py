"""Every mutating operation says what it changed (``Changes``), so screens refresh from it."""

from __future__ import annotations

from datetime import timedelta

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.service.reports import NOTHING, Changes
from tests.builders import load, make_deck


def test_card_actions_name_the_card_and_what_changed(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(3), now)
    card = col.next_card(now)
    assert card is not None
    bury = col.sched.actions.bury(card.id, now)
    assert bury.cards and bury.study_queue and bury.card_ids == (card.id,) and not bury.revlog
    flag = col.sched.actions.set_flag(card.id, 3, now=now)
    assert flag.cards and not flag.study_queue and flag.card_id == card.id
    edit = col.sched.actions.edit_card(card.id, "<p>new front</p>", None)
    assert edit.cards and edit.card_id == card.id
    suspend = col.sched.actions.set_suspended(card.id, True, now=now)
    assert suspend.study_queue and suspend.card_id == card.id
    assert col.card(card.id).flag == 3 and "new front" in col.card(card.id).front


def test_answer_reset_and_undo_report_the_review_log(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(2), now)
    card = col.next_card(now)
    assert card is not None
    answered = col.answer(card.id, Rating.GOOD, now).changes
    assert answered.revlog and answered.study_queue and answered.card_id == card.id
    undone = col.undo()
    assert undone.revlog and undone.card_id == card.id
    assert col.undo() == NOTHING and not NOTHING.any
    reset = col.sched.actions.reset_to_new([card.id, 999_999], now + timedelta(minutes=1))
    assert reset.count == 1 and reset.card_ids == (card.id,) and reset.revlog


def test_settings_deck_options_and_syncs_return_changes(col: Collection, now) -> None:  # type: ignore[no-untyped-def]
    settings = col.set_settings(theme="dark")
    assert settings.settings and not settings.cards
    report = col.apply_generated("/notes/a.md", "h", "text", make_deck(4), now)
    assert report.changes.cards and report.changes.count == 4 and report.changes.notes
    deck_id = col.decks()[0][0]
    options = col.set_deck_config(deck_id, new_per_day=3)
    assert options.decks and options.study_queue
    assert col.counts(now)[0] == 3


def test_changes_combine() -> None:
    a = Changes(cards=True, card_ids=(1, 2), count=2)
    b = Changes(revlog=True, card_ids=(2, 3), count=1)
    both = a | b
    assert both.cards and both.revlog and not both.decks
    assert both.card_ids == (1, 2, 3) and both.count == 3


def test_a_sync_report_says_what_it_changed_here() -> None:
    """The sync's report carries its Changes like every other report: what came down may be
    any card, deck or review; what only went up changed nothing here."""
    from srsapp.service.reports import EVERYTHING, SyncResult

    uploaded = SyncResult("https://s", "u", "upload", uploaded={"cards": 3, "reviews": 5})
    assert uploaded.changes == NOTHING
    downloaded = SyncResult("https://s", "u", "incremental", downloaded={"cards": 0, "reviews": 2})
    assert downloaded.changes == EVERYTHING
    media_only = SyncResult("https://s", "u", "none", media_downloaded=1)
    assert media_only.changes == EVERYTHING
