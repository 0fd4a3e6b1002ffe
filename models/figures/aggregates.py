"""The aggregate queries of a site over a period: the one place the weekly indicators
(DESIGN.md §5) and the dashboard count from.

A few aggregate queries (no visit is loaded as an ORM object); only the arrival times are
fetched, to be bucketed by weekday and hour in Paris time without SQLite-only SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS
from models.figures.calendar import WeekdayHour, weekday_hour
from models.store.activity_entities import (
    ActivitySession,
    Orientation,
    OutreachOuting,
    Partner,
    Referral,
)
from models.store.entities import Visit, VisitLanguage

ROLE_CODES: tuple[str, ...] = tuple(ADULT_ROLE_FIELDS)
AGE_BAND_CODES: tuple[str, ...] = tuple(CHILD_BAND_FIELDS)
SESSION_PARTICIPANT_KEYS: tuple[str, ...] = ("adults", "children")
OUTREACH_KEYS: tuple[str, ...] = ("outings", "adults", "children", "pregnant", "flyers")


@dataclass(frozen=True)
class PeriodAggregates:
    """Exact counts of a site over [start, end). Count dicts omit zero categories, except
    ``adults_by_role``, ``children_by_age``, ``outreach`` and ``session_participants``."""

    visits: int
    adults_by_role: dict[str, int]
    children_by_age: dict[str, int]
    pregnant: int
    first_visits: int
    not_known_to_pmi: int
    first_visits_not_known_to_pmi: int
    families_identified: int
    interpreter_needed: int
    visits_by_commune: dict[str, int]
    visits_by_channel: dict[str, int]
    visits_by_language: dict[str, int]
    visits_by_weekday_hour: dict[WeekdayHour, int]
    orientations_by_service: dict[str, int]
    orientations_by_status: dict[str, int]
    referrals_by_partner_type: dict[str, int]
    referrals_by_theme: dict[str, int]
    sessions_held_by_activity: dict[str, int]
    session_participants: dict[str, int]
    outreach: dict[str, int]

    @property
    def adults(self) -> int:
        return sum(self.adults_by_role.values())

    @property
    def children(self) -> int:
        return sum(self.children_by_age.values())


def period_aggregates(
    session: Session, site_id: int, start: datetime, end: datetime
) -> PeriodAggregates:
    """Every count of DESIGN.md §5 over [start, end) (aware datetimes, the end excluded)."""
    in_period = (Visit.site_id == site_id, Visit.arrived_at >= start, Visit.arrived_at < end)
    first = Visit.first_visit == "yes"
    not_known = Visit.known_to_pmi == "no"
    role_fields = {code: f"sum_{name}" for code, name in ADULT_ROLE_FIELDS.items()}
    band_fields = {code: f"sum_{name}" for code, name in CHILD_BAND_FIELDS.items()}
    totals = (
        session.execute(
            select(
                func.count().label("visits"),
                *(_sum(_column(ADULT_ROLE_FIELDS[c])).label(k) for c, k in role_fields.items()),
                *(_sum(_column(CHILD_BAND_FIELDS[c])).label(k) for c, k in band_fields.items()),
                _sum(_column("pregnant")).label("pregnant"),
                _count_if(first).label("first_visits"),
                _count_if(not_known).label("not_known_to_pmi"),
                _count_if(and_(first, not_known)).label("first_visits_not_known_to_pmi"),
                func.count(func.coalesce(Visit.family_id, Visit.former_family).distinct()).label(
                    "families_identified"
                ),
                _count_if(Visit.interpreter_needed.is_(True)).label("interpreter_needed"),
            ).where(*in_period)
        )
        .one()
        ._mapping
    )
    by_place_and_channel = session.execute(
        select(Visit.commune, Visit.heard_via, func.count())
        .where(*in_period)
        .group_by(Visit.commune, Visit.heard_via)
    )
    by_commune: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    for commune, channel, count in by_place_and_channel:
        by_commune[commune] += int(count)
        by_channel[channel] += int(count)
    by_language = session.execute(
        select(VisitLanguage.code, func.count())
        .join(Visit, Visit.id == VisitLanguage.visit_id)
        .where(*in_period)
        .group_by(VisitLanguage.code)
    )
    arrivals = session.scalars(select(Visit.arrived_at).where(*in_period))
    by_slot = Counter(weekday_hour(moment) for moment in arrivals)
    orientations = _grouped(
        session, (Orientation.service, Orientation.status), Orientation.visit_id, in_period
    )
    referrals = _grouped(
        session,
        (Partner.partner_type, Referral.theme),
        Referral.visit_id,
        in_period,
        join=(Partner, Partner.id == Referral.partner_id),
    )
    held = _sessions(session, site_id, start, end)
    return PeriodAggregates(
        visits=int(totals["visits"]),
        adults_by_role={code: int(totals[key]) for code, key in role_fields.items()},
        children_by_age={code: int(totals[key]) for code, key in band_fields.items()},
        pregnant=int(totals["pregnant"]),
        first_visits=int(totals["first_visits"]),
        not_known_to_pmi=int(totals["not_known_to_pmi"]),
        first_visits_not_known_to_pmi=int(totals["first_visits_not_known_to_pmi"]),
        families_identified=int(totals["families_identified"]),
        interpreter_needed=int(totals["interpreter_needed"]),
        visits_by_commune=sorted_counts(by_commune),
        visits_by_channel=sorted_counts(by_channel),
        visits_by_language=sorted_counts({code: int(n) for code, n in by_language}),
        visits_by_weekday_hour=dict(sorted(by_slot.items())),
        orientations_by_service=sorted_counts(orientations[0]),
        orientations_by_status=sorted_counts(orientations[1]),
        referrals_by_partner_type=sorted_counts(referrals[0]),
        referrals_by_theme=sorted_counts(referrals[1]),
        sessions_held_by_activity=held["sessions_held_by_activity"],
        session_participants=held["session_participants"],
        outreach=_outreach(session, site_id, start, end),
    )


def _sum(column: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(column), 0)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _column(name: str) -> ColumnElement[Any]:
    return Visit.__table__.c[name]


def _sessions(session: Session, site_id: int, start: datetime, end: datetime) -> dict[str, Any]:
    """Sessions held in the period, by activity, and their participants (typed attendance
    from a sign-in sheet, else the check-ins linked to the session)."""
    from models.programme.programme import attendance_of, checkin_attendance

    rows = list(
        session.scalars(
            select(ActivitySession).where(
                ActivitySession.site_id == site_id,
                ActivitySession.starts_at >= start,
                ActivitySession.starts_at < end,
                ActivitySession.status == "held",
            )
        )
    )
    linked = checkin_attendance(session, [row.id for row in rows])
    by_activity: Counter[str] = Counter(row.activity for row in rows)
    adults = children = 0
    for row in rows:
        a, c, _typed = attendance_of(row, linked)
        adults += a
        children += c
    return {
        "sessions_held_by_activity": sorted_counts(by_activity),
        "session_participants": {"adults": adults, "children": children},
    }


def _outreach(session: Session, site_id: int, start: datetime, end: datetime) -> dict[str, int]:
    """Outings started in the period, and the contacts counted during them."""
    row = session.execute(
        select(
            func.count(),
            *(_sum(OutreachOuting.__table__.c[name]) for name in OUTREACH_KEYS[1:]),
        ).where(
            OutreachOuting.site_id == site_id,
            OutreachOuting.started_at >= start,
            OutreachOuting.started_at < end,
        )
    ).one()
    return dict(zip(OUTREACH_KEYS, (int(value or 0) for value in row), strict=True))


def _grouped(
    session: Session,
    keys: tuple[Any, Any],
    visit_column: Any,
    of_the_week: tuple[ColumnElement[bool], ...],
    join: tuple[Any, Any] | None = None,
) -> tuple[Counter[str], Counter[str]]:
    """Counts of the week's orientation or referral rows by two keys, in one query."""
    query = select(*keys, func.count()).join(Visit, Visit.id == visit_column)
    if join is not None:
        query = query.join(*join)
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    for a, b, count in session.execute(query.where(*of_the_week).group_by(*keys)):
        first[str(a)] += int(count)
        second[str(b)] += int(count)
    return first, second


def sorted_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """Categories in code order, zero counts left out."""
    return {key: counts[key] for key in sorted(counts) if counts[key]}
