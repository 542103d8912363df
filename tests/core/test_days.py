"""Study-day boundaries: the 'next day starts at' hour in local time, across DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from srsapp.core.days import (
    StudyDays,
    day_start,
    days_between,
    due_day_aligned,
    next_day_start,
    study_day,
)
from srsapp.core.errors import SchedulingError

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
KST = timezone(timedelta(hours=9))  # Korea has no DST
EST = timezone(timedelta(hours=-5))
EDT = timezone(timedelta(hours=-4))


def at(y: int, mo: int, d: int, h: int, mi: int, offset: timezone) -> datetime:
    """A UTC instant given as a local wall time with an explicit fixed offset."""
    return datetime(y, mo, d, h, mi, tzinfo=offset).astimezone(UTC)


@pytest.mark.parametrize("tz", [SEOUL, "Asia/Seoul"])
def test_seoul_359_belongs_to_previous_day_401_to_today(tz: ZoneInfo | str) -> None:
    before = at(2025, 5, 10, 3, 59, KST)
    after = at(2025, 5, 10, 4, 1, KST)
    assert study_day(before, tz) == date(2025, 5, 9)
    assert study_day(after, tz) == date(2025, 5, 10)
    boundary = at(2025, 5, 10, 4, 0, KST)
    assert next_day_start(before, tz) == boundary
    assert day_start(after, tz) == boundary
    assert day_start(after, tz).tzinfo == UTC
    assert next_day_start(after, tz) - day_start(after, tz) == timedelta(days=1)
    assert study_day(boundary, tz) == date(2025, 5, 10)  # the boundary itself is the new day


def test_custom_hour() -> None:
    now = at(2025, 5, 10, 5, 30, KST)
    assert study_day(now, SEOUL, hour=6) == date(2025, 5, 9)
    assert study_day(now, SEOUL, hour=0) == date(2025, 5, 10)
    assert day_start(now, SEOUL, hour=0) == at(2025, 5, 10, 0, 0, KST)


def test_new_york_spring_forward() -> None:
    # 2025-03-09 02:00 EST -> 03:00 EDT: the clock springs forward before 04:00.
    before = at(2025, 3, 9, 3, 59, EDT)
    after = at(2025, 3, 9, 4, 1, EDT)
    assert study_day(before, NEW_YORK) == date(2025, 3, 8)
    assert study_day(after, NEW_YORK) == date(2025, 3, 9)
    assert day_start(after, NEW_YORK) == at(2025, 3, 9, 4, 0, EDT)
    # The 8th started at 04:00 EST, so that study day is only 23 hours long.
    assert day_start(before, NEW_YORK) == at(2025, 3, 8, 4, 0, EST)
    assert next_day_start(before, NEW_YORK) - day_start(before, NEW_YORK) == timedelta(hours=23)


def test_new_york_fall_back() -> None:
    # 2025-11-02 02:00 EDT -> 01:00 EST: the clock falls back before 04:00.
    before = at(2025, 11, 2, 3, 59, EST)
    after = at(2025, 11, 2, 4, 1, EST)
    assert study_day(before, NEW_YORK) == date(2025, 11, 1)
    assert study_day(after, NEW_YORK) == date(2025, 11, 2)
    assert day_start(after, NEW_YORK) == at(2025, 11, 2, 4, 0, EST)
    assert day_start(before, NEW_YORK) == at(2025, 11, 1, 4, 0, EDT)
    assert next_day_start(before, NEW_YORK) - day_start(before, NEW_YORK) == timedelta(hours=25)


def test_rollover_inside_the_dst_gap_and_the_repeated_hour() -> None:
    # hour=2: on 2025-03-09 02:00 does not exist in New York; the day starts when the gap ends.
    assert study_day(at(2025, 3, 9, 1, 59, EST), NEW_YORK, hour=2) == date(2025, 3, 8)
    assert day_start(at(2025, 3, 9, 3, 0, EDT), NEW_YORK, hour=2) == at(2025, 3, 9, 3, 0, EDT)
    # hour=1: on 2025-11-02 01:xx happens twice; the day starts at the first one and the
    # second 01:30 (EST) is still the same study day, not the previous one.
    assert day_start(at(2025, 11, 2, 1, 30, EST), NEW_YORK, hour=1) == at(2025, 11, 2, 1, 0, EDT)
    assert study_day(at(2025, 11, 2, 1, 30, EST), NEW_YORK, hour=1) == date(2025, 11, 2)


@pytest.mark.parametrize(
    ("start", "hour"),
    [
        (datetime(2025, 3, 7, 0, 0, tzinfo=UTC), 4),
        (datetime(2025, 3, 7, 0, 0, tzinfo=UTC), 2),
        (datetime(2025, 10, 31, 0, 0, tzinfo=UTC), 4),
        (datetime(2025, 10, 31, 0, 0, tzinfo=UTC), 1),
    ],
)
def test_days_are_monotonic_and_contiguous_across_dst(start: datetime, hour: int) -> None:
    """Sweeping a DST weekend in 15-minute steps: each instant lies in
    [day_start, next_day_start), the day never goes backwards and changes exactly at the boundary."""
    previous: date | None = None
    now = start
    while now < start + timedelta(days=4):
        today = study_day(now, NEW_YORK, hour)
        begin, end = day_start(now, NEW_YORK, hour), next_day_start(now, NEW_YORK, hour)
        assert begin <= now < end
        assert study_day(end, NEW_YORK, hour) == today + timedelta(days=1)
        if previous is not None:
            assert days_between(previous, today) in (0, 1)
        previous = today
        now += timedelta(minutes=15)


def test_due_day_aligned_moves_due_to_start_of_its_study_day() -> None:
    due = at(2025, 5, 12, 15, 0, KST)
    assert due_day_aligned(due, SEOUL, 4) == at(2025, 5, 12, 4, 0, KST)
    # 02:00 local still belongs to the previous study day
    assert due_day_aligned(at(2025, 5, 13, 2, 0, KST), SEOUL, 4) == at(2025, 5, 12, 4, 0, KST)
    # already aligned stays put
    aligned = due_day_aligned(due, SEOUL, 4)
    assert due_day_aligned(aligned, SEOUL, 4) == aligned


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("America/New_York", datetime(2025, 3, 7, tzinfo=UTC)),  # spring forward at 02:00
        ("America/New_York", datetime(2025, 10, 31, tzinfo=UTC)),  # fall back at 02:00
        ("Australia/Lord_Howe", datetime(2025, 4, 4, tzinfo=UTC)),  # a 30-minute change
        ("America/Santiago", datetime(2025, 9, 4, tzinfo=UTC)),  # midnight skipped
        ("America/Havana", datetime(2025, 11, 1, tzinfo=UTC)),  # 01:00 twice
        ("Asia/Kolkata", datetime(2025, 5, 9, tzinfo=UTC)),  # a half-hour offset
        ("Asia/Seoul", datetime(2025, 5, 9, tzinfo=UTC)),
    ],
)
@pytest.mark.parametrize("hour", [0, 1, 2, 4, 23])
def test_study_days_start_is_due_day_aligned(zone: str, start: datetime, hour: int) -> None:
    """The answer's alignment (``StudyDays``: the zone resolved once) gives the instant
    ``due_day_aligned`` gives, every 7 minutes over four days around a change of the clock
    (whatever the hour falls on: a skipped hour, a repeated one)."""
    days = StudyDays(zone, hour)
    due = start
    for _ in range(4 * 24 * 60 // 7):
        expected = due_day_aligned(due, zone, hour)
        got = days.start(due)
        assert (got, got.tzinfo) == (expected, UTC), due
        due += timedelta(minutes=7)
    # a due in another fixed zone than UTC is the same instant
    assert days.start(start.astimezone(EST)) == due_day_aligned(start, zone, hour)


def test_study_days_bad_input() -> None:
    with pytest.raises(SchedulingError, match="no time zone"):
        StudyDays(SEOUL).start(datetime(2025, 5, 10, 4, 0))  # naive on purpose
    with pytest.raises(SchedulingError, match="unknown time zone"):
        StudyDays("Mars/Olympus_Mons")
    with pytest.raises(SchedulingError, match="0..23"):
        StudyDays(SEOUL, 24)


def test_days_between() -> None:
    assert days_between(date(2025, 2, 27), date(2025, 3, 1)) == 2
    assert days_between(date(2025, 3, 1), date(2025, 2, 27)) == -2
    assert days_between(date(2025, 3, 1), date(2025, 3, 1)) == 0


def test_bad_input_raises_scheduling_error() -> None:
    with pytest.raises(SchedulingError, match="no time zone"):
        study_day(datetime(2025, 5, 10, 4, 0), SEOUL)  # naive on purpose
    with pytest.raises(SchedulingError, match="unknown time zone"):
        day_start(datetime(2025, 5, 10, tzinfo=UTC), "Mars/Olympus_Mons")
    with pytest.raises(SchedulingError, match="0..23"):
        next_day_start(datetime(2025, 5, 10, tzinfo=UTC), SEOUL, hour=24)
