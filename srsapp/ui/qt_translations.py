"""Qt's own words in the UI's language: OK / Cancel / Yes / No / Close, the message boxes
and the file dialog come from Qt, not from ``i18n``. PySide6 ships Qt's translations
(``qtbase_ko.qm``); one ``QTranslator`` with them is installed while the UI is Korean, and
a small one of ours before it for the few words that file lacks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator

from srsapp.ui.i18n import STRINGS, I18n

STRINGS.update(
    {
        "qt.look_in": {"en": "&Look in:", "ko": "다음에서 찾기(&L):"},
        "qt.files_of_type": {"en": "Files of &type:", "ko": "파일 형식(&T):"},
        "qt.folder": {"en": "Folder", "ko": "폴더"},
        "qt.file_folder": {"en": "File Folder", "ko": "파일 폴더"},
    }
)
# Qt's English source text → our key: the file dialog's labels gained mnemonics in Qt 6
# ("Look in:" → "&Look in:") that qtbase_ko does not have yet; its type column says "Folder"
_LACKING = {
    "&Look in:": "qt.look_in",
    "Files of &type:": "qt.files_of_type",
    "Folder": "qt.folder",
    "File Folder": "qt.file_folder",
}
_installed: list[QTranslator] = []


class _Lacking(QTranslator):
    """The words ``qtbase_ko`` lacks, from ``i18n``; nothing else (Qt then asks the next)."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._i18n = I18n(lang)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        key = _LACKING.get(source)
        return self._i18n.tr(key) if key else None  # type: ignore[return-value]  # None: a null QString, "ask the next translator" ("" would be an answer)


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
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", folder):
        return False
    lacking = _Lacking(lang, app)
    for t in (translator, lacking):  # the one installed last is asked first
        app.installTranslator(t)
        _installed.append(t)
    return True
