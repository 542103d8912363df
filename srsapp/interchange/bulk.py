"""Helpers for bulk work (reading, importing and exporting whole packages)."""

from __future__ import annotations

from srsapp.core.gc_pause import gc_paused

__all__ = ["gc_paused"]
