"""The learner's study days.

A study day starts at a local "next day starts at" hour (4:00 by default, as in Anki), not at
midnight: a review at 03:59 local time belongs to the previous day. Every function takes the
clock (``now``, a tz-aware datetime) and the learner's time zone as arguments and returns
tz-aware UTC datetimes.

The boundary is an instant, computed once per calendar date: the first moment the local wall
clock shows ``hour``. Comparing ``now`` against that instant (rather than comparing wall-clock
hours) keeps the day monotonic across DST changes: when the clock falls back and shows an hour
before ``hour`` a second time, it is still the same study day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from srsapp.core.errors import SchedulingError

DEFAULT_DAY_START_HOUR = 4
_ONE_DAY = timedelta(days=1)


def resolve_tz(tz: tzinfo | str) -> tzinfo:
    """A time zone from an IANA name ("Asia/Seoul") or a tzinfo object."""
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str) or not tz.strip():
        raise SchedulingError(f"time zone must be an IANA name such as 'Asia/Seoul', not {tz!r}")
    try:
        return ZoneInfo(tz.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SchedulingError(f"unknown time zone {tz!r}") from exc


def _check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise SchedulingError(f"datetime {now.isoformat()} has no time zone (expected UTC)")


def _check_hour(hour: int) -> None:
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise SchedulingError(f"'next day starts at' hour must be 0..23, not {hour!r}")


def _boundary(day: date, zone: tzinfo, hour: int) -> datetime:
    """UTC instant at which study day ``day`` starts.

    ``fold=0`` picks the first occurrence of an ambiguous wall time (clock falling back) and,
    for a wall time inside a spring-forward gap, the instant just after the gap.
    """
    local = datetime.combine(day, time(hour), tzinfo=zone)
    return local.astimezone(UTC)


def _day_and_start(now: datetime, zone: tzinfo, hour: int) -> tuple[date, datetime]:
    """The study day ``now`` belongs to and the UTC instant it started (one boundary worked
    out, two when ``now`` is before its local date's)."""
    local_date = now.astimezone(zone).date()
    start = _boundary(local_date, zone, hour)
    if now < start:
        local_date -= _ONE_DAY
        start = _boundary(local_date, zone, hour)
    return local_date, start


def study_day(now: datetime, tz: tzinfo | str, hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The learner's calendar day that ``now`` belongs to."""
    _check_now(now)
    _check_hour(hour)
    return _day_and_start(now, resolve_tz(tz), hour)[0]


def day_start(now: datetime, tz: tzinfo | str, hour: int = DEFAULT_DAY_START_HOUR) -> datetime:
    """UTC datetime at which the learner's current study day started."""
    _check_now(now)
    _check_hour(hour)
    return _day_and_start(now, resolve_tz(tz), hour)[1]


def next_day_start(now: datetime, tz: tzinfo | str, hour: int = DEFAULT_DAY_START_HOUR) -> datetime:
    """UTC datetime at which the learner's next study day starts (the next rollover)."""
    zone = resolve_tz(tz)
    return _boundary(study_day(now, zone, hour) + timedelta(days=1), zone, hour)


def days_between(a_day: date, b_day: date) -> int:
    """Whole days from ``a_day`` to ``b_day`` (negative when ``b_day`` is earlier)."""
    return (b_day - a_day).days


def due_day_aligned(
    due: datetime, tz: tzinfo | str, hour: int = DEFAULT_DAY_START_HOUR
) -> datetime:
    """Move a day-scale due date to the start of its study day (as Anki shows review cards).

    A card due "in 2 days" at 15:00 becomes due from the start (``hour`` local) of that day, so
    it is in the queue the whole day. Only the service decides which cards get aligned (review
    cards whose interval is at least one day); learning steps keep their exact time.
    """
    return day_start(due, tz, hour)


class StudyDays:
    """The study days of one zone and hour, checked and resolved once: ``start`` is
    ``due_day_aligned`` without looking the zone up, checking the hour and making the hour's
    ``time`` again at every answer (half its cost)."""

    __slots__ = ("zone", "hour", "_at")

    def __init__(self, tz: tzinfo | str, hour: int = DEFAULT_DAY_START_HOUR) -> None:
        _check_hour(hour)
        self.zone = resolve_tz(tz)
        self.hour = hour
        self._at = time(hour)

    def start(self, due: datetime) -> datetime:
        """``due_day_aligned(due, zone, hour)``: the UTC instant ``due``'s study day started
        (as ``_day_and_start``, with the boundary made as ``_boundary`` makes it)."""
        if due.tzinfo is not UTC:  # (a due the scheduler made is in UTC)
            _check_now(due)
        zone, at = self.zone, self._at
        day = due.astimezone(zone).date()
        start = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
        if due < start:
            start = datetime.combine(day - _ONE_DAY, at, tzinfo=zone).astimezone(UTC)
        return start
