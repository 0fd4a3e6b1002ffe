"""The cabane's dashboard figures: any period [start, end), and visits per ISO week.

The same aggregates as the weekly indicators (``models/figures/indicators.py``, DESIGN.md §5), for
a range that need not be a whole ISO week (today, this month, a chosen period): a few
aggregate queries over the ``(site_id, arrived_at)`` index, arrival times bucketed by
weekday and hour in Paris time in Python (no SQLite-only SQL). Periods are Paris time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from models.figures.aggregates import AGE_BAND_CODES, OUTREACH_KEYS, period_aggregates
from models.figures.calendar import IsoWeek, WeekdayHour, iso_week_of, last_weeks, this_week_bounds
from models.store.entities import Visit

# The figures a dashboard shares with WeeklyIndicators (same names, same definitions).
SHARED_KEYS: tuple[str, ...] = (
    "visits",
    "adults",
    "children",
    "children_by_age",
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "orientations_by_service",
    "referrals_by_partner_type",
    "outreach",
    "visits_by_weekday_hour",
)


@dataclass(frozen=True)
class PeriodFigures:
    """What the cabane did in [start, end): exact counts, as in the weekly indicators.

    ``children_by_age`` has every band; ``outreach`` its fixed keys; the other dicts omit
    zero categories. ``visits_by_weekday_hour`` is keyed by (ISO weekday, hour), Paris time.
    """

    start: datetime
    end: datetime
    visits: int = 0
    adults: int = 0
    children: int = 0
    children_by_age: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(AGE_BAND_CODES, 0)
    )
    pregnant: int = 0
    first_visits: int = 0
    not_known_to_pmi: int = 0
    orientations_by_service: dict[str, int] = field(default_factory=dict)
    referrals_by_partner_type: dict[str, int] = field(default_factory=dict)
    outreach: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTREACH_KEYS, 0))
    visits_by_weekday_hour: dict[WeekdayHour, int] = field(default_factory=dict)
    sessions_held_by_activity: dict[str, int] = field(default_factory=dict)
    session_participants: dict[str, int] = field(
        default_factory=lambda: {"adults": 0, "children": 0}
    )

    @property
    def sessions(self) -> int:
        """Sessions of the programme held in the period."""
        return sum(self.sessions_held_by_activity.values())

    @property
    def orientations(self) -> int:
        return sum(self.orientations_by_service.values())

    @property
    def referrals(self) -> int:
        return sum(self.referrals_by_partner_type.values())

    @property
    def outreach_contacts(self) -> int:
        """Adults and children met during the period's outings."""
        return self.outreach["adults"] + self.outreach["children"]


def _checked(start: datetime, end: datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("naive_datetime")
    if end < start:
        raise ValueError("end_before_start")


def period_figures(
    factory: sessionmaker[Session], site_id: int, start: datetime, end: datetime
) -> PeriodFigures:
    """The figures of a site over [start, end) (aware datetimes; the end is excluded)."""
    with factory() as session:
        return compute_period_figures(session, site_id, start, end)


def compute_period_figures(
    session: Session, site_id: int, start: datetime, end: datetime
) -> PeriodFigures:
    _checked(start, end)
    counted = period_aggregates(session, site_id, start, end)
    held = ("sessions_held_by_activity", "session_participants")
    return PeriodFigures(
        start=start, end=end, **{key: getattr(counted, key) for key in (*SHARED_KEYS, *held)}
    )


def visits_per_week(
    factory: sessionmaker[Session], site_id: int, weeks: int = 26, now: datetime | None = None
) -> list[tuple[IsoWeek, int]]:
    """Visits of each of the last ``weeks`` ISO weeks (this one included), oldest first.

    One query fetches the arrival times of the range (the site's index); Python buckets
    them by ISO week in Paris time. Weeks without visits count 0.
    """
    periods = last_weeks(weeks, now)
    this_monday, end = this_week_bounds(now)
    start = this_monday - timedelta(weeks=weeks - 1)  # wall-clock: still Monday 00:00
    with factory() as session:
        arrivals = session.scalars(
            select(Visit.arrived_at).where(
                and_(Visit.site_id == site_id, Visit.arrived_at >= start, Visit.arrived_at < end)
            )
        )
        counts = Counter(iso_week_of(moment) for moment in arrivals)
    return [(period, counts.get(period, 0)) for period in periods]


# --- Periods in Paris time ------------------------------------------------------------------
