"""Paris periods and ISO weeks: the one place for them (days, weeks, months, week texts).

Every bound is an aware datetime in Europe/Paris; an end is excluded. Weeks are ISO 8601
(Monday first; 2026 has a week 53) and are written « 2026-S48 ».
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from models.store.base import PARIS, paris_now

IsoWeek = tuple[int, int]
WeekdayHour = tuple[int, int]  # (ISO weekday 1–7, hour 0–23), Paris time
_WEEK_TEXT = re.compile(r"([0-9]{4})-[SW]([0-9]{1,2})", re.IGNORECASE | re.ASCII)
RECENT_WEEKS = 12  # the weeks the export screen lists


def iso_monday(iso_year: int, iso_week: int) -> date:
    """The Monday of an ISO week; ValueError("no_such_week") for a week that does not exist."""
    try:
        return date.fromisocalendar(iso_year, iso_week, 1)
    except (ValueError, OverflowError) as error:
        raise ValueError("no_such_week") from error


def iso_week_bounds(iso_year: int, iso_week: int) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, Europe/Paris (aware; the end is excluded).

    Mind that subtracting two datetimes of the same zone gives wall-clock time: compare
    them in UTC to see the 167 or 169 hours of a daylight-saving week.
    """
    monday = iso_monday(iso_year, iso_week)
    try:
        next_monday = monday + timedelta(days=7)
    except OverflowError as error:
        raise ValueError("no_such_week") from error
    return (
        datetime.combine(monday, time(0), tzinfo=PARIS),
        datetime.combine(next_monday, time(0), tzinfo=PARIS),
    )


def parse_iso_week(text: str) -> tuple[int, int]:
    """``2026-S48``, ``2026-W48`` or ``2026-s48`` → (2026, 48).

    Raises ValueError("bad_week_format") or ValueError("no_such_week").
    """
    found = _WEEK_TEXT.fullmatch(text.strip())
    if found is None:
        raise ValueError("bad_week_format")
    iso_year, iso_week = int(found.group(1)), int(found.group(2))
    iso_monday(iso_year, iso_week)
    return iso_year, iso_week


def format_iso_week(iso_year: int, iso_week: int) -> str:
    """(2026, 48) → ``2026-S48``, the French way of writing a week. Checks it exists."""
    iso_monday(iso_year, iso_week)
    return f"{iso_year:04d}-S{iso_week:02d}"


def iso_week_of(moment: datetime) -> tuple[int, int]:
    """The ISO (year, week) that contains ``moment`` in Paris time."""
    if moment.tzinfo is None:
        raise ValueError("naive_datetime")
    iso_year, iso_week, _weekday = moment.astimezone(PARIS).isocalendar()
    return iso_year, iso_week


def last_weeks(weeks: int, now: datetime | None = None) -> list[IsoWeek]:
    """The ``weeks`` ISO weeks up to the one containing ``now`` (Paris time), oldest first."""
    if weeks < 1:
        raise ValueError("no_weeks")
    monday, _end = this_week_bounds(now)
    return [iso_week_of(monday - timedelta(weeks=back)) for back in range(weeks - 1, -1, -1)]


def _paris(now: datetime | None) -> datetime:
    moment = paris_now() if now is None else now
    if moment.tzinfo is None:
        raise ValueError("naive_datetime")
    return moment.astimezone(PARIS)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=PARIS)


def day_range_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From ``first`` 00:00 to the day after ``last`` 00:00, Paris time (days included)."""
    if last < first:
        raise ValueError("end_before_start")
    return _midnight(first), _midnight(last + timedelta(days=1))


def today_bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    """Today 00:00 to tomorrow 00:00, Paris time."""
    today = _paris(now).date()
    return day_range_bounds(today, today)


def this_week_bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    """This ISO week: Monday 00:00 to the next Monday 00:00, Paris time."""
    today = _paris(now).date()
    monday = today - timedelta(days=today.isoweekday() - 1)
    return _midnight(monday), _midnight(monday + timedelta(days=7))


def this_month_bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    """The 1st of this month 00:00 to the 1st of the next month 00:00, Paris time."""
    today = _paris(now).date()
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return _midnight(first), _midnight(following)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first of the month 00:00 to the first of the next, Paris time."""
    first = datetime(year, month, 1, tzinfo=PARIS)
    return first, datetime(year + month // 12, month % 12 + 1, 1, tzinfo=PARIS)


def recent_weeks(now: datetime, count: int = RECENT_WEEKS) -> list[IsoWeek]:
    """The ``count`` complete ISO weeks before the one of ``now``, most recent first."""
    today = now.astimezone(PARIS).date()
    monday = today - timedelta(days=today.weekday())
    weeks = []
    for back in range(1, count + 1):
        year, week, _day = (monday - timedelta(weeks=back)).isocalendar()
        weeks.append((year, week))
    return weeks


def weekday_hour(moment: datetime) -> WeekdayHour:
    """(ISO weekday 1–7, hour 0–23) of ``moment`` in Paris time."""
    if moment.tzinfo is None:
        raise ValueError("naive_datetime")
    local = moment.astimezone(PARIS)
    return local.isoweekday(), local.hour


# A PMI centre's usual appointment hours, when nothing more precise is known: weekdays,
# from 9:00, the last appointment at 16:30.
FIRST_APPOINTMENT = time(9, 0)
LAST_APPOINTMENT = time(16, 30)


def next_opening_slot(now: datetime | None = None) -> datetime:
    """The first half-hour slot of the usual PMI hours after now (Paris): never an
    appointment at 18:00 or on a Sunday as a default."""
    moment = (now or paris_now()).astimezone(PARIS)
    slot = moment.replace(second=0, microsecond=0) + timedelta(minutes=30 - moment.minute % 30)
    while True:
        if slot.weekday() < 5 and FIRST_APPOINTMENT <= slot.time() <= LAST_APPOINTMENT:
            return slot
        if slot.weekday() < 5 and slot.time() < FIRST_APPOINTMENT:
            return slot.replace(hour=FIRST_APPOINTMENT.hour, minute=FIRST_APPOINTMENT.minute)
        following = slot.date() + timedelta(days=1)
        slot = datetime.combine(following, FIRST_APPOINTMENT, tzinfo=PARIS)
