"""Keeping what the law allows and no more (DESIGN.md §7; CNIL, référentiel social et
médico-social): a known family and the free text of visits are erased 24 months after the
family's last contact; audit entries after 12 months. Counts never change: a family's
visits lose their link and their notes, not their place in the figures (the distinct
families of a week are kept through an anonymous token, ``Visit.former_family``)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from models.desk.audit import record_event
from models.store.activity_entities import AppSetting, Orientation
from models.store.base import new_id
from models.store.entities import AuditEvent, Family, Visit
from models.store.storage import storage_guard
from models.store.survey_entities import SurveyAnswer, SurveyResponse

RETENTION_MONTHS = 24
AUDIT_MONTHS = 12
LAST_RUN_KEY = "retention.last_run"


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the 31st → month's end)."""
    years, month_index = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + years, month_index + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class PurgeCounts:
    families: int
    visits_unlinked: int
    notes: int
    appointments: int
    audit_events: int

    @property
    def anything(self) -> bool:
        return any((self.families, self.notes, self.appointments, self.audit_events))


def erase_family_record(session: Session, family_id: str) -> int:
    """Remove one family's record; its visits keep their counts under an anonymous token
    and lose their notes and appointment details. Returns how many visits it had."""
    token = new_id()
    visit_ids = select(Visit.id).where(Visit.family_id == family_id).scalar_subquery()
    session.execute(
        update(Orientation)
        .where(Orientation.visit_id.in_(visit_ids), Orientation.appointment_at.is_not(None))
        .values(appointment_at=None)
    )
    unlinked = _count(session, select(func.count()).where(Visit.family_id == family_id))
    session.execute(
        update(Visit)
        .where(Visit.family_id == family_id)
        .values(family_id=None, former_family=token, note=None)
    )
    session.execute(delete(Family).where(Family.id == family_id))
    return unlinked


def _count(session: Session, statement: object) -> int:
    return int(session.scalar(statement) or 0)  # type: ignore[call-overload]


def purge(
    factory: sessionmaker[Session],
    now: datetime,
    *,
    dry_run: bool = False,
    staff_id: int | None = None,
) -> PurgeCounts:
    """Apply the retention rules as of ``now`` (injectable: tests jump 25 months), in one
    transaction; ``dry_run`` counts what would go and changes nothing."""
    cutoff = months_before(now, RETENTION_MONTHS)
    audit_cutoff = months_before(now, AUDIT_MONTHS)
    old_visits = select(Visit.id).where(Visit.arrived_at < cutoff).scalar_subquery()
    with storage_guard(), factory() as session, session.begin():
        families = session.scalars(select(Family.id).where(Family.last_contact_at < cutoff)).all()
        unlinked = _count(session, select(func.count()).where(Visit.family_id.in_(families)))
        notes = _count(
            session,
            select(func.count()).where(
                Visit.note.is_not(None),
                (Visit.arrived_at < cutoff) | Visit.family_id.in_(families),
            ),
        )
        appointments = _count(
            session,
            select(func.count()).where(
                Orientation.appointment_at.is_not(None), Orientation.visit_id.in_(old_visits)
            ),
        )
        audit = _count(session, select(func.count()).where(AuditEvent.at < audit_cutoff))
        old_texts = (
            select(SurveyAnswer.id)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.answered_at < cutoff, SurveyAnswer.text != "")
            .scalar_subquery()
        )
        survey_texts = _count(session, select(func.count()).where(SurveyAnswer.id.in_(old_texts)))
        counts = PurgeCounts(len(families), unlinked, notes + survey_texts, appointments, audit)
        if dry_run:
            session.rollback()
            return counts
        for family_id in families:
            erase_family_record(session, family_id)
        session.execute(
            update(Visit)
            .where(Visit.arrived_at < cutoff, Visit.note.is_not(None))
            .values(note=None)
        )
        session.execute(
            update(Orientation)
            .where(Orientation.visit_id.in_(old_visits), Orientation.appointment_at.is_not(None))
            .values(appointment_at=None)
        )
        session.execute(delete(AuditEvent).where(AuditEvent.at < audit_cutoff))
        session.execute(
            update(SurveyAnswer)
            .where(SurveyAnswer.id.in_(old_texts))
            .values(text="", published=False)
        )
        _remember_run(session, now)
        if counts.anything:
            record_event(
                session, staff_id, "retention.purge", "retention", cutoff.date().isoformat()
            )
    return counts


def _remember_run(session: Session, now: datetime) -> None:
    row = session.get(AppSetting, LAST_RUN_KEY)
    if row is None:
        session.add(AppSetting(key=LAST_RUN_KEY, value=now.date().isoformat()))
    else:
        row.value = now.date().isoformat()


def purge_if_due(factory: sessionmaker[Session], now: datetime) -> PurgeCounts | None:
    """The automatic run: at most once a day (after the desk's start, off the UI thread)."""
    with factory() as session:
        row = session.get(AppSetting, LAST_RUN_KEY)
        if row is not None and row.value == now.date().isoformat():
            return None
    return purge(factory, now)
