"""What the service holds without writing SQL: the session a transaction hands out (passed on to
the named queries) and the error the database raises when a unique key clashes."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError as IntegrityError
from sqlalchemy.orm import Session as Session

__all__ = ["IntegrityError", "Session"]
