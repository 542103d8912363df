"""The diagram pictures that go into Anki packages: drawn in the light theme whatever the
app's theme (Anki shows cards on white), as small PNGs (an 8-bit palette: a fifth of the
bytes of a 32-bit one, the same picture to the eye).

Qt is imported only when a picture is drawn: an export whose pictures are all in the
collection's picture cache (``service.anki.convert``) never loads it. ``cache_id`` names the
drawing: a hash of the code that draws, so a change to it makes new pictures.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 800, 560
# Qt's PNG "quality" (zlib's effort, 0-100; -1 its default): 50 encodes a picture in half
# the time of the default for ~7 % more bytes (1.8 vs 3.3 ms, 15.7 vs 14.7 kB a picture)
PNG_QUALITY = 50
_DRAWING_CODE = ("diagram.py", "diagram_png.py", "theme.py", "fonts.py")


class DiagramPng:
    """``(diagram, highlight, hide, reveal) -> PNG bytes`` (``convert.DiagramRenderer``)."""

    @cached_property
    def cache_id(self) -> str:
        h = hashlib.sha256(f"png {WIDTH}x{HEIGHT}".encode())
        here = Path(__file__).parent
        for name in _DRAWING_CODE:
            h.update((here / name).read_bytes())
        return h.hexdigest()[:32]

    def __call__(
        self, diagram: Any, highlight: str | None, hide: str | None, reveal: bool
    ) -> bytes:
        from PySide6.QtCore import QBuffer, QIODevice, Qt
        from PySide6.QtGui import QImage

        from srsapp.ui.diagram import render_image
        from srsapp.ui.theme import light_palette

        image = render_image(diagram, WIDTH, HEIGHT, highlight=highlight, hide=hide,
                             reveal=reveal, palette=light_palette(),
                             shared_arrows=True)  # fmt: skip
        # nearest colours without dithering: flat fills stay flat (dither speckles them)
        small = image.convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
        )
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        if not small.save(buf, "PNG", PNG_QUALITY):  # type: ignore[call-overload]  # str works; the stubs say bytes
            raise OSError("could not encode the diagram as PNG")
        return bytes(buf.data().data())


render_diagram_png = DiagramPng()
