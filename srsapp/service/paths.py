"""Where things live: the data dir, the bundled decks, the machine's time zone."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import platformdirs

APP_NAME = "srsapp"
ENV_DATA_DIR = "SRSAPP_DATA_DIR"


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` if given, else ``$SRSAPP_DATA_DIR``, else the platform user data dir."""
    if data_dir:
        return Path(data_dir).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def project_root() -> Path:
    return Path(__file__).resolve().parents[2]


def bundled_decks_dir() -> Path:
    return project_root() / "decks"


def assets_dir() -> Path:
    return project_root() / "assets"


@functools.lru_cache(maxsize=1)
def local_timezone_name() -> str:
    """The IANA name of the machine's time zone (``TZ``, /etc/timezone, /etc/localtime), or UTC.
    Read once per process: listing the zone database costs ~12 ms."""
    from zoneinfo import ZoneInfo, available_timezones

    candidates: list[str] = []
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        candidates.append(tz)
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            candidates.append(link.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if not name:
            continue
        try:
            ZoneInfo(name)
        except (ValueError, KeyError, OSError):
            continue
        if name in available_timezones() or name == "UTC":
            return name
    return "UTC"
