"""The bundled Korean-capable fonts (NanumGothic, OFL) loaded into Qt at start-up."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from srsapp.service.paths import assets_dir

FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf", "NanumGothicCoding.ttf")
_loaded: dict[str, str] = {}


def load_fonts() -> str:
    """Register the bundled fonts; returns the UI family name ("NanumGothic").

    Raises RuntimeError naming the file when a bundled font cannot be loaded.
    Safe to call more than once.
    """
    if "ui" not in _loaded:
        for name in FONT_FILES:
            path = assets_dir() / "fonts" / name
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                raise RuntimeError(f"{path}: could not load the bundled font")
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
            key = "mono" if "Coding" in name else "ui"
            _loaded.setdefault(key, family)
    return _loaded["ui"]


def mono_family() -> str:
    load_fonts()
    return _loaded["mono"]
