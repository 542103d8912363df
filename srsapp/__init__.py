"""srsapp: spaced repetition from your own Markdown notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from srsapp.service.collection import Collection

__all__ = ["Collection", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `import srsapp.core` never pulls in SQLAlchemy.
    if name == "Collection":
        from srsapp.service.collection import Collection

        return Collection
    raise AttributeError(name)
