"""The periods the coordination looks at: a week, a month, a quarter, a year, chosen dates.

A period is [first, last], Paris dates, both included; it is said in words
(« décembre 2026 », « 4e trimestre 2026 »), never as a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models.figures.french import MONTHS, french_span

KINDS = ("week", "month", "quarter", "year", "dates")


@dataclass(frozen=True)
class Period:
    kind: str
    first: date
    last: date

    @property
    def words(self) -> str:
        """« semaine du 23 au 29 novembre 2026 », « décembre 2026 », « 4e trimestre 2026 »,
        « année 2026 », « du 3 au 17 mars 2026 »."""
        if self.kind == "week":
            return f"semaine {french_span(self.first, self.last)}"
        if self.kind == "month":
            return f"{MONTHS[self.first.month - 1]} {self.first.year}"
        if self.kind == "quarter":
            number = (self.first.month - 1) // 3 + 1
            return f"{'1er' if number == 1 else f'{number}e'} trimestre {self.first.year}"
        if self.kind == "year":
            return f"année {self.first.year}"
        return french_span(self.first, self.last)


def period_of(kind: str, day: date) -> Period:
    """The week, month, quarter or year holding ``day`` (« dates »: that day alone)."""
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return Period(kind, monday, monday + timedelta(days=6))
    if kind == "month":
        return Period(kind, day.replace(day=1), _month_end(day.year, day.month))
    if kind == "quarter":
        month = (day.month - 1) // 3 * 3 + 1
        return Period(kind, date(day.year, month, 1), _month_end(day.year, month + 2))
    if kind == "year":
        return Period(kind, date(day.year, 1, 1), date(day.year, 12, 31))
    if kind == "dates":
        return Period(kind, day, day)
    raise ValueError(f"unknown period kind {kind!r}")


def shifted(period: Period, steps: int) -> Period:
    """The period ``steps`` before (negative) or after; chosen dates move by their length."""
    if period.kind == "dates":
        length = (period.last - period.first).days + 1
        move = timedelta(days=length * steps)
        return Period("dates", period.first + move, period.last + move)
    if period.kind == "week":
        return period_of("week", period.first + timedelta(weeks=steps))
    months = {"month": 1, "quarter": 3, "year": 12}[period.kind] * steps
    index = period.first.year * 12 + period.first.month - 1 + months
    return period_of(period.kind, date(index // 12, index % 12 + 1, 1))


def chosen_dates(first: date, last: date) -> Period:
    """Dates a person chose, in either order."""
    return Period("dates", min(first, last), max(first, last))


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)
