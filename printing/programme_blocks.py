"""The programme as posters and flyers print it: headed blocks of sessions.

Two ways to say the same sessions. Dated, one heading per day (« Mardi 1er décembre »). Or,
for a month too long to print at a readable size, as its weekly pattern: a session held
on the same weekday at the same times at least twice is said once (« Chaque mardi »),
with the weeks it skips (« sauf le 24 décembre ») or the only ones it is held; the other
sessions follow by date.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from models.figures.french import MONTHS, WEEKDAYS, day_number, french_time
from models.programme.sheets import PosterSession

MAX_SKIPPED = 2  # « sauf les 17 et 24 décembre »; more: « seulement les … »


@dataclass(frozen=True)
class Entry:
    """One session, or one weekly repeat of a session: its times, its name, what to add."""

    span: str  # « 10 h – 11 h 30 »
    activity: str  # may be empty on an activity's own flyer
    notes: tuple[str, ...] = ()  # « Lieu : … », « sauf le 24 décembre »


@dataclass(frozen=True)
class Block:
    heading: str  # « Mardi 1er décembre » or « Chaque mardi »
    entries: tuple[Entry, ...]


def poster_date(day: date) -> str:
    """« Mardi 1er décembre »."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day_number(day)} {MONTHS[day.month - 1]}"


def poster_span(starts: time, ends: time) -> str:
    return f"{french_time(starts)} – {french_time(ends)}"


def _place(session: PosterSession) -> tuple[str, ...]:
    # an outing says where: « Sortie » alone sends families to the cabane
    return (f"Lieu : {session.place.strip()}",) if session.place.strip() else ()


def _entry(session: PosterSession, *notes: str) -> Entry:
    return Entry(poster_span(session.starts, session.ends), session.activity, (*notes,))


def dated_blocks(sessions: Sequence[PosterSession]) -> list[Block]:
    """One block per day, its sessions by time."""
    ordered = sorted(sessions, key=lambda s: (s.day, s.starts, s.ends, s.activity))
    return [
        Block(poster_date(day), tuple(_entry(s, *_place(s)) for s in group))
        for day, group in itertools.groupby(ordered, key=lambda s: s.day)
    ]


def days_list(days: Sequence[date]) -> str:
    """« 1er, 15 et 29 décembre », « 29 décembre et 5 janvier »."""
    parts: list[str] = []
    for (_year, month), group in itertools.groupby(sorted(days), key=lambda d: (d.year, d.month)):
        parts.append(f"{_listed([day_number(day) for day in group])} {MONTHS[month - 1]}")
    return _listed(parts)


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


def _the(days: Sequence[date]) -> str:
    return "le" if len(days) == 1 else "les"


def _weekdays_between(weekday: int, first: date, last: date) -> list[date]:
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    found = []
    while day <= last:
        found.append(day)
        day += timedelta(days=7)
    return found


def pattern_blocks(
    sessions: Sequence[PosterSession], period: tuple[date, date] | None = None
) -> list[Block]:
    """The weekly pattern (« Chaque mardi »), then the sessions held once, by date."""
    if not sessions:
        return []
    first, last = period or (min(s.day for s in sessions), max(s.day for s in sessions))

    def key(s: PosterSession) -> tuple[int, time, time, str, str]:
        return (s.day.weekday(), s.starts, s.ends, s.activity, s.place.strip())

    repeated: dict[int, list[Entry]] = {}
    once: list[PosterSession] = []
    for (weekday, *_), group in itertools.groupby(sorted(sessions, key=key), key=key):
        held = list(group)
        if len({s.day for s in held}) < 2:
            once.extend(held)
            continue
        days = sorted({s.day for s in held})
        skipped = [d for d in _weekdays_between(weekday, first, last) if d not in days]
        if not skipped:
            when: tuple[str, ...] = ()
        elif len(skipped) <= MAX_SKIPPED and len(skipped) < len(days):
            when = (f"sauf {_the(skipped)} {days_list(skipped)}",)
        else:
            when = (f"seulement {_the(days)} {days_list(days)}",)
        repeated.setdefault(weekday, []).append(_entry(held[0], *when, *_place(held[0])))
    weekly = [
        Block(f"Chaque {WEEKDAYS[weekday]}", tuple(entries))
        for weekday, entries in sorted(repeated.items())
    ]
    return weekly + dated_blocks(once)
