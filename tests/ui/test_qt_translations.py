"""Qt's own buttons and dialogs (OK, Cancel, Yes, Close, the file dialog) follow the UI's
language: Qt's Korean translations are installed while the UI is Korean."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from srsapp.service.collection import Collection
from srsapp.ui.main_window import MainWindow
from srsapp.ui.restore import RestoreDialog

Button = QDialogButtonBox.StandardButton


def test_qt_buttons_and_dialogs_are_korean_in_the_korean_ui(qtbot, col: Collection) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow(col, lang="ko")
    qtbot.addWidget(w)
    try:
        restore = RestoreDialog(w.ctx, w)  # File → Restore backup…: its Close button
        qtbot.addWidget(restore)
        box = restore.findChild(QDialogButtonBox)
        assert box is not None and box.button(Button.Close).text() == "닫기"
        question = QMessageBox(QMessageBox.Icon.Question, "srsapp", "?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, w)  # fmt: skip
        qtbot.addWidget(question)
        assert "예" in question.button(QMessageBox.StandardButton.Yes).text()
        assert "아니" in question.button(QMessageBox.StandardButton.No).text()
        ok_cancel = QDialogButtonBox(Button.Ok | Button.Cancel)
        assert [ok_cancel.button(b).text() for b in (Button.Ok, Button.Cancel)] == ["확인", "취소"]
        dialog = QFileDialog(w)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own file dialog
        qtbot.addWidget(dialog)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        # every label, also the two whose mnemonics qtbase_ko lacks ("&Look in:" stayed English)
        assert {"파일 이름(&N):", "다음에서 찾기(&L):", "파일 형식(&T):"} <= set(labels)
        assert QApplication.translate("QAbstractFileIconProvider", "Folder") == "폴더"
        assert QApplication.translate("QFileDialog", "Detail View") == "자세히 보기"  # Qt's own
        # Preferences → English: Qt's words go back to English
        w.set_language("en")
        QApplication.processEvents()
        again = QDialogButtonBox(Button.Ok | Button.Cancel)
        assert [again.button(b).text() for b in (Button.Ok, Button.Cancel)] == ["OK", "Cancel"]
        assert QApplication.translate("QAbstractFileIconProvider", "Folder") == "Folder"
    finally:
        w.set_language("en")
