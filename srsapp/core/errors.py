"""The app's own error types. Every error a user can cause ends up as one of these,
with a one-line message that names the file (or path) and the problem."""

from __future__ import annotations


class SrsError(Exception):
    """Base class: a clear, user-facing problem."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class NotesError(SrsError):
    """A notes (Markdown) file could not be read or turned into cards."""


class DiagramError(SrsError):
    """A diagram data file is invalid."""


class ImportFileError(SrsError):
    """A file to import is damaged, hostile or of the wrong format."""


class CollectionError(SrsError):
    """The collection (database, data dir, lock) cannot be used."""


class DamagedCollectionError(CollectionError):
    """The collection file is damaged (not SQLite, unreadable, empty): a backup may help."""


class SchedulingError(SrsError):
    """Bad scheduling input (unknown card, bad rating...)."""
