"""What the service holds without writing SQL: the session a transaction hands out and the
raw connection of a file the store opened (both passed on to the named queries), and the
errors the database raises (a unique key that clashes; any error of SQLite)."""

from __future__ import annotations

from sqlite3 import Connection as RawConnection
from sqlite3 import Error as DatabaseError

from sqlalchemy.exc import IntegrityError as IntegrityError
from sqlalchemy.orm import Session as Session

__all__ = ["DatabaseError", "IntegrityError", "RawConnection", "Session"]
