"""Guard against a PySide6 6.12.0 bug on CPython 3.11: every call of a void method (``setPen``,
``lineTo``, ``update`` ...) returns ``None`` without taking a reference to it, so ``None``'s
reference count falls by one per call until CPython aborts with "none_dealloc: deallocating
None" (after some ten thousand calls: a few dozen repaints). CPython 3.12+ makes ``None``
immortal, which hides the bug; PySide6 6.11.x does not have it.

``protect_none()`` probes for the leak and, only if it is there, gives ``None`` a reference count
so large that it can never reach zero (what 3.12 does for every immortal object). The real fix is
a PySide6 version without the bug (``PySide6-Essentials<6.12`` until upstream fixes it).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QRectF

_BOOST = 1 << 40


def none_leaks() -> bool:
    """True when a void PySide6 call drops a reference to ``None``."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # None is immortal there
    rect = QRectF(0.0, 0.0, 1.0, 1.0)
    calls = 16
    before = sys.getrefcount(None)
    for _ in range(calls):
        rect.setX(0.0)
    return before - sys.getrefcount(None) >= calls // 2


def protect_none() -> bool:
    """Make ``None`` effectively immortal if this PySide6 leaks it; True if it had to."""
    if not none_leaks():
        return False
    if sys.getrefcount(None) < _BOOST:
        ctypes.c_ssize_t.from_address(id(None)).value += _BOOST
    return True
