"""What a sync remembers between runs: the server, the user, the host key, and where the two
sides stood after the last sync.

The server address and user name are kept in the collection's ``meta`` table. The host key
(the server's session key for the user: it lets a sync skip the password) goes to the
platform keyring through the ``keyring`` package when it is installed and works; otherwise
to ``sync-key.json`` in the data folder, readable by its owner only. The password itself is
never stored.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from srsapp.service.context import Context
from srsapp.store import queries

KEYRING_SERVICE = "srsapp-anki-sync"
KEY_FILE = "sync-key.json"
_SERVER, _USER = "sync.server", "sync.user"
_SERVER_MOD, _LOCAL_STATE = "sync.server_mod", "sync.local_state"
_AUTO = "sync.auto"


@dataclass(frozen=True)
class Remembered:
    server: str | None
    user: str | None
    server_mod: int | None  # the server's mod after our last sync
    local_state: str | None  # ``local_state`` after our last sync


def remembered(col: Context) -> Remembered:
    values = _read_meta(col, (_SERVER, _USER, _SERVER_MOD, _LOCAL_STATE))
    mod = values.get(_SERVER_MOD)
    return Remembered(
        values.get(_SERVER),
        values.get(_USER),
        int(mod) if mod and mod.lstrip("-").isdigit() else None,
        values.get(_LOCAL_STATE),
    )


def remember_login(col: Context, server: str, user: str) -> None:
    """Keep the server and user (after a sync that worked)."""
    _write_meta(col, {_SERVER: server, _USER: user})


def remember_sync(col: Context, server_mod: int) -> None:
    """Mark where both sides stand now: the server's mod and our ``local_state``."""
    _write_meta(col, {_SERVER_MOD: str(server_mod), _LOCAL_STATE: local_state(col)})


def local_state(col: Context) -> str:
    """A fingerprint of what a sync moves (cards, their schedules, reviews, decks): it
    changes when any of them does."""
    with col.db.reading() as s:
        fingerprint = queries.sync_fingerprint(s)
    return json.dumps(fingerprint)


def auto_sync(col: Context) -> bool:
    """Whether the app syncs by itself when it opens and closes."""
    return _read_meta(col, (_AUTO,)).get(_AUTO) == "1"


def set_auto_sync(col: Context, on: bool) -> None:
    _write_meta(col, {_AUTO: "1" if on else None})


# ---- the host key


def load_key(col: Context, server: str, user: str) -> str | None:
    account = _account(server, user)
    ring = _keyring()
    if ring is not None:
        try:
            key = ring.get_password(KEYRING_SERVICE, account)
        except Exception:  # noqa: BLE001 - any keyring backend failure: use the file
            key = None
        if key:
            return str(key)
    stored = _read_key_file(col.data_dir)
    if stored.get("account") == account and isinstance(stored.get("key"), str):
        return str(stored["key"])
    return None


def save_key(col: Context, server: str, user: str, key: str) -> str:
    """Keep the host key; where it went: ``keyring`` or ``file``."""
    account = _account(server, user)
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(KEYRING_SERVICE, account, key)
            _forget_key_file(col.data_dir)
            return "keyring"
        except Exception:  # noqa: BLE001 - no usable backend (a headless machine)
            pass
    path = col.data_dir / KEY_FILE
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"account": account, "key": key}, f)
    os.replace(tmp, path)
    return "file"


def forget_key(col: Context, server: str, user: str) -> None:
    ring = _keyring()
    if ring is not None:
        try:
            ring.delete_password(KEYRING_SERVICE, _account(server, user))
        except Exception:  # noqa: BLE001 - nothing stored, or no backend
            pass
    _forget_key_file(col.data_dir)


def _account(server: str, user: str) -> str:
    return f"{user}@{server}"


def _keyring() -> Any:
    if os.environ.get("SRSAPP_NO_KEYRING"):
        return None
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return keyring


def _read_key_file(data_dir: Path) -> dict[str, Any]:
    try:
        value = json.loads((data_dir / KEY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _forget_key_file(data_dir: Path) -> None:
    (data_dir / KEY_FILE).unlink(missing_ok=True)


# ---- meta rows


def _read_meta(col: Context, keys: tuple[str, ...]) -> dict[str, str]:
    with col.db.reading() as s:
        return queries.meta_values(s, keys)


def _write_meta(col: Context, values: dict[str, str | None]) -> None:
    with col.db.transaction() as s:
        for key, value in values.items():
            if value is None:
                queries.clear_meta(s, key)
            else:
                queries.set_meta(s, key, value)
