"""What every part of an open collection shares: its folder, its database, its RNG, its
settings (and the FSRS schedulers made from them) and its decks.

``Collection`` (``service.collection``) is a ``Context`` that also hands out the parts; the
parts themselves (``study``, ``notes_sync``, ``anki``, ``maintenance``, ``search``, ``stats``,
``optimize``) take a ``Context``, so none of them imports the collection and nothing imports
in a circle. The clock is passed in (``now``) on every call that depends on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from srsapp.core import days
from srsapp.core.errors import CollectionError
from srsapp.core.scheduler import Scheduler, SchedulerConfig
from srsapp.service.paths import local_timezone_name
from srsapp.service.reports import Changes
from srsapp.store import queries
from srsapp.store.db import Database
from srsapp.store.handles import Session

DB_NAME = "collection.sqlite"
DEFAULT_DECK_CONFIG: dict[str, Any] = {
    "new_per_day": 20,
    "reviews_per_day": 200,
    "desired_retention": 0.9,
}
DEFAULT_SETTINGS: dict[str, Any] = {
    "timezone": None,  # None: the machine's zone at open time
    "day_start_hour": 4,
    "learning_steps_min": [1, 10],
    "relearning_steps_min": [10],
    "maximum_interval": 36500,
    "fsrs_parameters": None,  # None: FSRS-6 defaults
    "leech_threshold": 8,
    "leech_action": "tag",  # tag | suspend
    "learn_ahead_min": 20,
    "bury_siblings": True,
    "ui_language": None,  # None: from the system locale (ko or en)
    "theme": "system",  # system | light | dark
    "card_font_size": 20,
    "autoplay_sounds": True,  # a card's [sound:…] plays as its side shows (as in Anki)
}


class Context:
    """An open collection's shared state: ``data_dir`` (``collection.sqlite``, ``media/``),
    ``db``, ``rng``, the settings, the deck options and the decks."""

    def __init__(self, data_dir: Path, db: Database, rng: random.Random) -> None:
        self.data_dir = data_dir
        self.db = db
        self.rng = rng
        self._settings_cache: dict[str, Any] | None = None
        self._schedulers: dict[int | None, Scheduler] = {}
        # ((zone, hour), start, end) of the study day last asked for (``day_bounds``)
        self._day: tuple[tuple[Any, int], datetime, datetime] | None = None
        self._study_days: days.StudyDays | None = None  # ``study_days``
        self._day_s: tuple[int, int] | None = None  # ``_day``'s start and end, epoch seconds
        self._on_replaced: list[Callable[[], None]] = []

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    def on_replaced(self, forget: Callable[[], None]) -> None:
        """Call ``forget`` when the database file is replaced (a restored backup)."""
        self._on_replaced.append(forget)

    def reset_after_restore(self) -> None:
        """The database file was replaced (``maintenance.backup.restore_backup``, a repair):
        forget every cache and the undo history."""
        self.forget_caches()
        for forget in self._on_replaced:
            forget()

    # ---- settings

    def settings(self) -> dict[str, Any]:
        return dict(self.settings_view())

    def settings_view(self) -> dict[str, Any]:
        """The cached settings themselves, for a hot path that only reads them (``settings``
        hands out a copy to change)."""
        if self._settings_cache is None:
            values = dict(DEFAULT_SETTINGS)
            with self.db.reading() as s:
                values.update(queries.settings(s))
            if not values.get("timezone"):
                values["timezone"] = local_timezone_name()
            self._settings_cache = values
        return self._settings_cache

    def set_settings(self, **values: Any) -> Changes:
        unknown = set(values) - set(DEFAULT_SETTINGS)
        if unknown:
            raise CollectionError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        with self.db.transaction() as s:
            queries.store_settings(s, values)
        self.forget_caches()
        return Changes(settings=True, study_queue=True, count=len(values))

    def forget_caches(self) -> None:
        """Forget the cached settings and schedulers (a part wrote the settings table)."""
        self._settings_cache = None
        self._schedulers.clear()
        self._day = self._day_s = None
        self._study_days = None

    def invalidate_settings(self) -> None:
        self.forget_caches()

    def deck_config(self, deck_id: int) -> dict[str, Any]:
        with self.db.reading() as s:
            config = queries.deck_config(s, deck_id)
        if config is None:
            raise CollectionError(f"no deck with id {deck_id}")
        return {**DEFAULT_DECK_CONFIG, **config}

    def deck_configs(self, s: Session) -> dict[int, dict[str, Any]]:
        """Every deck's options, defaults filled in, read in the session ``s``."""
        return {did: {**DEFAULT_DECK_CONFIG, **c} for did, c in queries.deck_configs(s).items()}

    def set_deck_config(self, deck_id: int, **values: Any) -> Changes:
        with self.db.transaction() as s:
            config = queries.deck_config(s, deck_id)
            if config is None:
                raise CollectionError(f"no deck with id {deck_id}")
            queries.store_deck_config(s, deck_id, {**config, **values})
        self._schedulers.pop(deck_id, None)
        return Changes(decks=True, study_queue=True)

    def scheduler(self, deck_id: int | None = None) -> Scheduler:
        """The FSRS scheduler for a deck (its desired retention, the collection's steps and
        parameters); cached until the settings or the deck's options change."""
        cached = self._schedulers.get(deck_id)
        if cached is None:
            cached = self._schedulers[deck_id] = self._make_scheduler(deck_id)
        return cached

    def _make_scheduler(self, deck_id: int | None) -> Scheduler:
        st = self.settings()
        retention = DEFAULT_DECK_CONFIG["desired_retention"]
        if deck_id is not None:
            retention = self.deck_config(deck_id)["desired_retention"]
        kwargs: dict[str, Any] = {
            "desired_retention": float(retention),
            "learning_steps": tuple(timedelta(minutes=m) for m in st["learning_steps_min"]),
            "relearning_steps": tuple(timedelta(minutes=m) for m in st["relearning_steps_min"]),
            "maximum_interval": int(st["maximum_interval"]),
            "leech_threshold": int(st["leech_threshold"]),
        }
        if st.get("fsrs_parameters"):
            kwargs["parameters"] = tuple(float(x) for x in st["fsrs_parameters"])
        return Scheduler(SchedulerConfig(**kwargs))

    def study_days(self) -> days.StudyDays:
        """The study days in the settings' time zone and hour (the zone resolved once, not at
        every answer)."""
        found = self._study_days
        if found is None:
            st = self.settings_view()
            found = self._study_days = days.StudyDays(st["timezone"], int(st["day_start_hour"]))
        return found

    def day_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        """Start of today's study day and of the next (the settings' zone and hour): worked
        out once a study day (every moment between two boundaries has the same two)."""
        st = self.settings_view()
        zone = (st["timezone"], int(st["day_start_hour"]))
        day = self._day
        if day is not None and day[0] == zone and now.tzinfo is not None and day[1] <= now < day[2]:
            return day[1], day[2]
        start, end = days.day_start(now, *zone), days.next_day_start(now, *zone)
        self._day = (zone, start, end)
        self._day_s = (int(start.timestamp()), int(end.timestamp()))
        return start, end

    def day_end_s(self, now: datetime, now_s: int) -> int:
        """``day_bounds(now)[1]`` in epoch seconds (``now_s``: ``now``'s, whole): an answer
        asks it, with whole seconds only (a study day starts on a whole second)."""
        day = self._day_s
        if day is not None and day[0] <= now_s < day[1]:
            return day[1]
        self.day_bounds(now)
        assert self._day_s is not None
        return self._day_s[1]

    # ---- decks

    def decks(self) -> list[tuple[int, str]]:
        """(id, name) of every deck, by name."""
        with self.db.reading() as s:
            return queries.decks(s)

    def deck_id(self, name: str) -> int:
        with self.db.reading() as s:
            deck_id = queries.deck_id(s, name)
        if deck_id is None:
            raise CollectionError(f"no deck named {name!r}")
        return deck_id

    def deck_ids_under(self, name: str) -> list[int]:
        """The deck ``name`` and every deck under it (``name::…``; a parent named only by
        its subdecks: theirs), as Anki exports a deck; a clear error when there is none."""
        decks = self.decks()
        top = [i for i, n in decks if n == name]
        under = [i for i, n in decks if n.startswith(name + "::")]
        if not top and not under:
            raise CollectionError(f"no deck named {name!r}")
        return top + under

    def ensure_deck(self, name: str, s: Session | None = None) -> int:
        """The id of the deck ``name``, made if missing — in the session ``s`` (a part's own
        transaction) or in a transaction of its own."""
        if s is not None:
            return queries.ensure_deck(s, name)
        with self.db.transaction() as own:
            return queries.ensure_deck(own, name)
