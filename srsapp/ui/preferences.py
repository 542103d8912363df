"""Preferences: per-deck limits and retention, day boundary, learning steps, time zone,
theme, language and card font size. Saved through the collection's settings."""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.core.study_queue import NEW_ORDERS
from srsapp.ui.context import AppContext
from srsapp.ui.i18n import LANGUAGES
from srsapp.ui.ops import Changes
from srsapp.ui.theme import ERROR_TEXT, THEMES, apply_theme

_STEP = re.compile(r"^(\d+(?:\.\d+)?)([mhd]?)$")
_UNIT_MIN = {"": 1, "m": 1, "h": 60, "d": 1440}


class PreferencesError(SrsError):
    """A preference value that cannot be saved."""


def parse_steps(text: str) -> list[int]:
    """``"1m 10m 1h"`` → minutes ``[1, 10, 60]``. A bare number means minutes."""
    out = []
    for part in text.replace(",", " ").split():
        m = _STEP.match(part.lower())
        if m is None:
            raise PreferencesError(f"not a step: {part!r}")
        minutes = round(float(m.group(1)) * _UNIT_MIN[m.group(2)])
        if minutes < 1:
            raise PreferencesError(f"a step is at least one minute: {part!r}")
        out.append(minutes)
    return out


def format_steps(minutes: list[int]) -> str:
    parts = []
    for m in minutes:
        if m % 1440 == 0:
            parts.append(f"{m // 1440}d")
        elif m % 60 == 0:
            parts.append(f"{m // 60}h")
        else:
            parts.append(f"{m}m")
    return " ".join(parts)


class PreferencesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.col = ctx.col
        self.i18n = ctx.i18n
        self.settings = self.col.settings()
        self._initial_theme = self.settings.get("theme") or "system"
        self.decks = self.col.decks()
        self.deck_values = {did: self.col.deck_config(did) for did, _ in self.decks}
        self._current_deck: int | None = None
        self.resize(560, 0)
        layout = QVBoxLayout(self)

        # per deck
        self.deck_group = QGroupBox()
        form = QFormLayout(self.deck_group)
        self.deck_combo = QComboBox()
        for did, name in self.decks:
            self.deck_combo.addItem(name, did)
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 9999)
        self.reviews_per_day = QSpinBox()
        self.reviews_per_day.setRange(0, 99999)
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.70, 0.99)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.new_order = QComboBox()  # the deck's new card order (core.study_queue)
        for order in NEW_ORDERS:
            self.new_order.addItem("", order)
        self.deck_labels = [QLabel() for _ in range(5)]
        for label, field in zip(
            self.deck_labels,
            (self.deck_combo, self.new_per_day, self.reviews_per_day, self.retention,
             self.new_order),
            strict=True,
        ):  # fmt: skip
            form.addRow(label, field)
        self.deck_combo.currentIndexChanged.connect(lambda _i: self._switch_deck())
        self.deck_group.setEnabled(bool(self.decks))
        layout.addWidget(self.deck_group)

        # scheduling
        self.sched_group = QGroupBox()
        form = QFormLayout(self.sched_group)
        self.day_start = QSpinBox()
        self.day_start.setRange(0, 23)
        self.day_start.setValue(int(self.settings["day_start_hour"]))
        self.learning_steps = QLineEdit(format_steps(list(self.settings["learning_steps_min"])))
        self.relearning_steps = QLineEdit(format_steps(list(self.settings["relearning_steps_min"])))
        self.steps_hint = QLabel()
        self.steps_hint.setEnabled(False)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        zones = sorted(zoneinfo.available_timezones())
        self.timezone.addItems(zones)
        completer = QCompleter(zones, self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        self.timezone.setCurrentText(str(self.settings["timezone"]))
        self.max_interval = QSpinBox()
        self.max_interval.setRange(1, 36500)
        self.max_interval.setValue(int(self.settings["maximum_interval"]))
        self.leech_threshold = QSpinBox()
        self.leech_threshold.setRange(0, 99)  # 0: never call a card a leech
        self.leech_threshold.setValue(int(self.settings["leech_threshold"]))
        self.leech_action = QComboBox()
        for action in ("tag", "suspend"):
            self.leech_action.addItem("", action)
        self.leech_action.setCurrentIndex(
            max(0, self.leech_action.findData(self.settings["leech_action"]))
        )
        self.bury_siblings = QCheckBox()
        self.bury_siblings.setChecked(bool(self.settings["bury_siblings"]))
        self.sched_labels = [QLabel() for _ in range(9)]
        for label, field in zip(
            self.sched_labels,
            (
                self.day_start,
                self.learning_steps,
                self.relearning_steps,
                self.steps_hint,
                self.timezone,
                self.max_interval,
                self.leech_threshold,
                self.leech_action,
                self.bury_siblings,
            ),
            strict=True,
        ):
            form.addRow(label, field)
        layout.addWidget(self.sched_group)

        # display
        self.display_group = QGroupBox()
        form = QFormLayout(self.display_group)
        self.theme = QComboBox()
        for t in THEMES:
            self.theme.addItem("", t)
        self.theme.setCurrentIndex(max(0, THEMES.index(self._initial_theme)))
        self.theme.currentIndexChanged.connect(
            lambda _i: self._apply_theme(self.theme.currentData())
        )
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.i18n.lang)))
        self.font_size = QSpinBox()
        self.font_size.setRange(10, 48)
        self.font_size.setValue(int(self.settings.get("card_font_size") or 20))
        self.autoplay = QCheckBox()
        self.autoplay.setChecked(bool(self.settings.get("autoplay_sounds", True)))
        self.display_labels = [QLabel() for _ in range(4)]
        for label, field in zip(
            self.display_labels,
            (self.theme, self.language, self.font_size, self.autoplay),
            strict=True,
        ):
            form.addRow(label, field)
        layout.addWidget(self.display_group)

        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_TEXT};")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._switch_deck()
        self.retranslate()

    # ---- texts

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("prefs.title"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("button.save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("button.cancel"))
        self.deck_group.setTitle(tr("prefs.group_deck"))
        self.sched_group.setTitle(tr("prefs.group_sched"))
        self.display_group.setTitle(tr("prefs.group_display"))
        for label, key in zip(
            self.deck_labels,
            ("prefs.deck", "prefs.new_per_day", "prefs.reviews_per_day", "prefs.retention",
             "prefs.new_order"),
            strict=True,
        ):  # fmt: skip
            label.setText(tr(key))
        for i, order in enumerate(NEW_ORDERS):
            self.new_order.setItemText(i, tr(f"prefs.new_order.{order}"))
        for label, key in zip(
            self.sched_labels,
            (
                "prefs.day_start",
                "prefs.learning_steps",
                "prefs.relearning_steps",
                "",
                "prefs.timezone",
                "prefs.max_interval",
                "prefs.leech_threshold",
                "prefs.leech_action",
                "prefs.bury_siblings",
            ),
            strict=True,
        ):
            label.setText(tr(key) if key else "")
        self.max_interval.setSuffix(tr("prefs.days_suffix"))
        for i, action in enumerate(("tag", "suspend")):
            self.leech_action.setItemText(i, tr(f"prefs.leech_{action}"))
        self.bury_siblings.setText(tr("prefs.bury_siblings_hint"))
        self.day_start.setSuffix(tr("prefs.hour_suffix"))
        self.steps_hint.setText(tr("prefs.steps_hint"))
        for label, key in zip(
            self.display_labels,
            ("prefs.theme", "prefs.language", "prefs.font_size", "prefs.sounds"),
            strict=True,
        ):
            label.setText(tr(key))
        self.autoplay.setText(tr("prefs.autoplay_hint"))
        for i, t in enumerate(THEMES):
            self.theme.setItemText(i, tr(f"theme.{t}"))

    # ---- per-deck values

    def _store_deck(self) -> None:
        if self._current_deck is None:
            return
        self.deck_values[self._current_deck].update(
            new_per_day=self.new_per_day.value(),
            reviews_per_day=self.reviews_per_day.value(),
            desired_retention=round(self.retention.value(), 2),
            new_order=self.new_order.currentData(),
        )

    def _switch_deck(self) -> None:
        self._store_deck()
        did = self.deck_combo.currentData()
        self._current_deck = did
        if did is None:
            return
        cfg = self.deck_values[did]
        self.new_per_day.setValue(int(cfg["new_per_day"]))
        self.reviews_per_day.setValue(int(cfg["reviews_per_day"]))
        self.retention.setValue(float(cfg["desired_retention"]))
        self.new_order.setCurrentIndex(max(0, self.new_order.findData(cfg.get("new_order"))))

    # ---- theme

    def _apply_theme(self, mode: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, mode)

    # ---- saving

    def values(self) -> dict[str, Any]:
        """The settings to save; raises PreferencesError (message translated) on bad input."""
        tr = self.i18n.tr
        steps = {}
        for key, edit, label in (
            ("learning_steps_min", self.learning_steps, "prefs.learning_steps"),
            ("relearning_steps_min", self.relearning_steps, "prefs.relearning_steps"),
        ):
            try:
                steps[key] = parse_steps(edit.text())
            except PreferencesError as exc:
                raise PreferencesError(
                    tr("prefs.err_steps", field=tr(label), text=edit.text())
                ) from exc
        tz = self.timezone.currentText().strip()
        if tz not in zoneinfo.available_timezones():
            raise PreferencesError(tr("prefs.err_timezone", tz=tz))
        return {
            **steps,
            "day_start_hour": self.day_start.value(),
            "timezone": tz,
            "maximum_interval": self.max_interval.value(),
            "leech_threshold": self.leech_threshold.value(),
            "leech_action": self.leech_action.currentData(),
            "bury_siblings": self.bury_siblings.isChecked(),
            "theme": self.theme.currentData(),
            "ui_language": self.language.currentData(),
            "card_font_size": self.font_size.value(),
            "autoplay_sounds": self.autoplay.isChecked(),
        }

    def save(self) -> bool:
        try:
            values = self.values()
        except PreferencesError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self._store_deck()
        self.ctx.ops.run(lambda: self._write(values), source=self)
        self._initial_theme = values["theme"]
        if values["ui_language"] != self.i18n.lang:
            self.ctx.shell.set_language(values["ui_language"])
        return True

    def _write(self, values: dict[str, Any]) -> Changes:
        changes = self.col.set_settings(**values)
        for did, cfg in self.deck_values.items():
            changes |= self.col.set_deck_config(
                did,
                new_per_day=int(cfg["new_per_day"]),
                reviews_per_day=int(cfg["reviews_per_day"]),
                desired_retention=float(cfg["desired_retention"]),
                new_order=str(cfg.get("new_order") or NEW_ORDERS[0]),
            )
        return changes

    def accept(self) -> None:
        if self.save():
            super().accept()

    def reject(self) -> None:
        if self.theme.currentData() != self._initial_theme:
            self._apply_theme(self._initial_theme)  # undo the live preview
        super().reject()
