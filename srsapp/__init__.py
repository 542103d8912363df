"""srsapp: spaced repetition from your own Markdown notes.

The collection is ``srsapp.service.collection.Collection``; importing ``srsapp`` (or
``srsapp.core``) loads neither Qt nor SQLAlchemy.
"""

from __future__ import annotations

__version__ = "0.2.0"

__all__ = ["__version__"]
