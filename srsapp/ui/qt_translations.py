"""Qt's own words in the UI's language: OK / Cancel / Yes / No / Close, the message boxes
and the file dialog come from Qt, not from ``i18n``. PySide6 ships Qt's translations
(``qtbase_ko.qm``); one ``QTranslator`` with them is installed while the UI is Korean."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []


def use_qt_translations(lang: str) -> bool:
    """Install Qt's translations for ``lang`` (none for English); False when Qt has none."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(
        f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
