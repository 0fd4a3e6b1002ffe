"""Checking a visitor in: the draft of a visit, its validation, and saving it.

Each save, update, delete or restore is one committed transaction with its audit event.
Validation returns codes (``no_person``…); the UI turns them into French sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.desk.audit import record_event
from models.figures.calendar import today_bounds
from models.store.base import PARIS, utc_now
from models.store.entities import Family, Visit, VisitLanguage, VisitReason
from models.store.limits import NOTE_MAX
from models.store.storage import StorageError as StorageError  # the desk catches it from here
from models.store.storage import storage_guard

if TYPE_CHECKING:
    from models.orientations.orientations import Request

ADULT_FIELDS: tuple[str, ...] = ("mothers", "fathers", "other_adults", "professionals")
ADULT_ROLE_FIELDS: dict[str, str] = dict(
    zip(("mother", "father", "other_adult", "professional"), ADULT_FIELDS, strict=True)
)
CHILD_BAND_FIELDS: dict[str, str] = {
    "0-5m": "children_0_5m",
    "6-11m": "children_6_11m",
    "12-23m": "children_12_23m",
    "24-35m": "children_24_35m",
    "3-5y": "children_3_5y",
    "6y+": "children_6y_plus",
}
CHILD_FIELDS: tuple[str, ...] = tuple(CHILD_BAND_FIELDS.values())
COUNT_FIELDS: tuple[str, ...] = (*ADULT_FIELDS, "pregnant", *CHILD_FIELDS)
MAX_COUNT = 20
# A clock a little ahead of the desk's must not refuse a check-in made "now".
FUTURE_TOLERANCE = timedelta(minutes=2)


@dataclass(frozen=True)
class VisitDraft:
    """What the check-in form holds; plain data, no session."""

    arrived_at: datetime
    mothers: int = 0
    fathers: int = 0
    other_adults: int = 0
    professionals: int = 0
    pregnant: int = 0
    children_0_5m: int = 0
    children_6_11m: int = 0
    children_12_23m: int = 0
    children_24_35m: int = 0
    children_3_5y: int = 0
    children_6y_plus: int = 0
    first_visit: str = "unknown"
    known_to_pmi: str = "unknown"
    commune: str = "unknown"
    heard_via: str = "unknown"
    languages: tuple[str, ...] = ("fr",)
    interpreter_needed: bool = False
    reasons: tuple[str, ...] = ()
    family_id: str | None = None
    session_id: str | None = None
    note: str = ""

    @property
    def adults(self) -> int:
        return sum(getattr(self, name) for name in ADULT_FIELDS)

    @property
    def children(self) -> int:
        return sum(getattr(self, name) for name in CHILD_FIELDS)

    def count(self, name: str) -> int:
        value = getattr(self, name)
        assert isinstance(value, int)
        return value


@dataclass(frozen=True)
class VisitRow:
    """A saved visit as today's list shows it."""

    id: str
    draft: VisitDraft
    family_label: str | None = None
    oriented: int = 0  # orientations and referrals given at this visit


@dataclass(frozen=True)
class DayCounters:
    visits: int = 0
    adults: int = 0
    children: int = 0
    first_visits: int = 0


@dataclass
class ValidationErrors:
    """Field name → error code. Empty means the draft can be saved."""

    by_field: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_field)


def validate(draft: VisitDraft, now: datetime | None = None) -> ValidationErrors:
    errors = ValidationErrors()
    for name in COUNT_FIELDS:
        value = draft.count(name)
        if value < 0 or value > MAX_COUNT:
            errors.by_field[name] = "count_out_of_range"
    if draft.adults + draft.children < 1:
        errors.by_field.setdefault("people", "no_person")
    if draft.pregnant > draft.mothers:
        errors.by_field.setdefault("pregnant", "pregnant_exceeds_mothers")
    current = now or utc_now()
    if draft.arrived_at.tzinfo is None:
        errors.by_field["arrived_at"] = "no_timezone"
    elif draft.arrived_at > current + FUTURE_TOLERANCE:
        errors.by_field["arrived_at"] = "in_future"
    if len(draft.note) > NOTE_MAX:
        errors.by_field["note"] = "note_too_long"
    answers = catalogues.codes(catalogues.answers())
    if draft.first_visit not in answers:
        errors.by_field["first_visit"] = "unknown_code"
    if draft.known_to_pmi not in answers:
        errors.by_field["known_to_pmi"] = "unknown_code"
    if draft.commune not in catalogues.codes(catalogues.communes()):
        errors.by_field["commune"] = "unknown_code"
    if draft.heard_via not in catalogues.codes(catalogues.channels()):
        errors.by_field["heard_via"] = "unknown_code"
    known_languages = catalogues.codes(catalogues.languages())
    if any(code not in known_languages for code in draft.languages):
        errors.by_field["languages"] = "unknown_code"
    if len(set(draft.languages)) != len(draft.languages):
        errors.by_field["languages"] = "duplicate"
    known_reasons = catalogues.codes(catalogues.reasons())
    if any(code not in known_reasons for code in draft.reasons):
        errors.by_field["reasons"] = "unknown_code"
    return errors


class InvalidVisit(ValueError):
    def __init__(self, errors: ValidationErrors) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.by_field.items()))
        self.errors = errors


class VisitNotFound(LookupError):
    pass


def _apply(visit: Visit, draft: VisitDraft) -> None:
    for name in COUNT_FIELDS:
        setattr(visit, name, draft.count(name))
    visit.arrived_at = draft.arrived_at
    visit.first_visit = draft.first_visit
    visit.known_to_pmi = draft.known_to_pmi
    visit.commune = draft.commune
    visit.heard_via = draft.heard_via
    visit.interpreter_needed = draft.interpreter_needed
    visit.family_id = draft.family_id
    visit.session_id = draft.session_id
    visit.note = draft.note.strip() or None
    visit.languages = [
        VisitLanguage(code=code, position=i) for i, code in enumerate(draft.languages)
    ]
    visit.reasons = [VisitReason(code=code) for code in sorted(set(draft.reasons))]


def draft_of(visit: Visit) -> VisitDraft:
    counts = {name: getattr(visit, name) for name in COUNT_FIELDS}
    return VisitDraft(
        arrived_at=visit.arrived_at.astimezone(PARIS),
        first_visit=visit.first_visit,
        known_to_pmi=visit.known_to_pmi,
        commune=visit.commune,
        heard_via=visit.heard_via,
        languages=tuple(lang.code for lang in visit.languages),
        interpreter_needed=visit.interpreter_needed,
        reasons=tuple(r.code for r in visit.reasons),
        family_id=visit.family_id,
        session_id=visit.session_id,
        note=visit.note or "",
        **counts,
    )


class CheckInService:
    """Saves check-ins of one site and lists them; each call is one transaction."""

    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def _checked(self, draft: VisitDraft) -> VisitDraft:
        errors = validate(draft)
        if errors:
            raise InvalidVisit(errors)
        return replace(draft, note=draft.note.strip())

    def _touch_family(self, session: Session, draft: VisitDraft) -> None:
        if draft.family_id is None:
            return
        family = session.get(Family, draft.family_id)
        if family is None or family.site_id != self._site_id:
            raise InvalidVisit(ValidationErrors({"family_id": "unknown_family"}))
        if draft.arrived_at > family.last_contact_at:
            family.last_contact_at = draft.arrived_at

    def record(
        self,
        draft: VisitDraft,
        staff_id: int | None,
        orientations: Sequence[Request] = (),
    ) -> str:
        """Save a new visit with the orientations and referrals asked for it: the visit,
        every orientation, every referral and their audit events, or nothing."""
        # The orientations' module is loaded with the first save, not at start (DESIGN §9).
        from models.orientations.orientations import add_request, check_request

        draft = self._checked(draft)
        for request in orientations:
            check_request(request)
        with storage_guard(), self._factory.begin() as session:
            visit = self._insert(session, draft, staff_id, None)
            for request in orientations:
                add_request(session, visit.id, request, staff_id)
            return visit.id

    def restore(
        self,
        visit_id: str,
        draft: VisitDraft,
        staff_id: int | None,
        kept: list[dict[str, Any]] | None = None,
    ) -> None:
        """Undo of a deletion: the visit under its old id and the rows ``snapshot`` kept."""
        from models.orientations.orientations import restore_rows

        draft = self._checked(draft)
        with storage_guard(), self._factory.begin() as session:
            self._insert(session, draft, staff_id, visit_id)
            restore_rows(session, visit_id, kept or [])

    def _insert(
        self, session: Session, draft: VisitDraft, staff_id: int | None, visit_id: str | None
    ) -> Visit:
        self._touch_family(session, draft)
        self._check_session(session, draft)
        visit = Visit(site_id=self._site_id, recorded_by_id=staff_id)
        if visit_id is not None:
            visit.id = visit_id
        _apply(visit, draft)
        session.add(visit)
        session.flush()
        action = "visit.restore" if visit_id else "visit.create"
        record_event(session, staff_id, action, "visit", visit.id)
        return visit

    def _check_session(self, session: Session, draft: VisitDraft) -> None:
        """A visit's programmed session must exist and belong to this cabane."""
        if draft.session_id is None:
            return
        from models.store.activity_entities import ActivitySession  # mapped when first used

        activity = session.get(ActivitySession, draft.session_id)
        if activity is None or activity.site_id != self._site_id:
            raise InvalidVisit(ValidationErrors({"session_id": "unknown_session"}))

    def update(self, visit_id: str, draft: VisitDraft, staff_id: int | None) -> VisitDraft:
        """Replace a visit's content; returns what it was, for undo."""
        draft = self._checked(draft)
        with storage_guard(), self._factory.begin() as session:
            visit = self._get(session, visit_id)
            previous = draft_of(visit)
            self._touch_family(session, draft)
            self._check_session(session, draft)
            _apply(visit, draft)
            visit.updated_at = utc_now()
            record_event(session, staff_id, "visit.update", "visit", visit.id)
            return previous

    def delete(self, visit_id: str, staff_id: int | None) -> VisitDraft:
        """Delete a visit; returns its content so that undo can restore it."""
        with storage_guard(), self._factory.begin() as session:
            visit = self._get(session, visit_id)
            previous = draft_of(visit)
            session.delete(visit)
            record_event(session, staff_id, "visit.delete", "visit", visit_id)
            return previous

    def _get(self, session: Session, visit_id: str) -> Visit:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.site_id != self._site_id:
            raise VisitNotFound(visit_id)
        return visit

    def get(self, visit_id: str) -> VisitDraft:
        with self._factory() as session:
            return draft_of(self._get(session, visit_id))

    def day_list(self, day: datetime | None = None) -> list[VisitRow]:
        """The visits of a day (Paris time), most recent first.

        Plain column queries, not ORM objects: this runs after every save (DESIGN.md §9).
        """
        start, end = today_bounds(day)
        of_the_day = (
            Visit.site_id == self._site_id,
            Visit.arrived_at >= start,
            Visit.arrived_at < end,
        )
        columns = [Visit.__table__.c[name] for name in _DRAFT_COLUMNS]
        with self._factory() as session:
            rows = session.execute(
                select(Visit.id, *columns, Family.label)
                .outerjoin(Family, Family.id == Visit.family_id)
                .where(*of_the_day)
                .order_by(Visit.arrived_at.desc(), Visit.created_at.desc())
            ).all()
            languages, reasons = languages_and_reasons(session, of_the_day)
            oriented = orientations_per_visit(session, of_the_day)
        result = []
        for row in rows:
            values = dict(zip(_DRAFT_COLUMNS, row[1:-1], strict=True))
            values["arrived_at"] = values["arrived_at"].astimezone(PARIS)
            values["note"] = values["note"] or ""
            draft = VisitDraft(
                languages=tuple(languages.get(row.id, ())),
                reasons=tuple(reasons.get(row.id, ())),
                **values,
            )
            result.append(VisitRow(row.id, draft, row[-1], oriented.get(row.id, 0)))
        return result


def orientations_per_visit(
    session: Session, conditions: tuple[ColumnElement[bool], ...]
) -> dict[str, int]:
    """How many orientations and referrals each visit matching ``conditions`` gave.

    Plain table constructs, not the ORM classes: the day list is read at start-up, and the
    orientation entities' module stays off that path (DESIGN.md §9)."""
    from sqlalchemy import ColumnClause, column, func, table

    counts: dict[str, int] = {}
    for name in ("orientations", "referrals"):
        given_for: ColumnClause[str] = column("visit_id")
        given = table(name, given_for)
        rows = session.execute(
            select(given_for, func.count())
            .select_from(given)
            .join(Visit, Visit.id == given_for)
            .where(*conditions)
            .group_by(given_for)
        )
        for visit_id, n in rows:
            counts[str(visit_id)] = counts.get(str(visit_id), 0) + int(n)
    return counts


def languages_and_reasons(
    session: Session, conditions: tuple[ColumnElement[bool], ...]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Languages (in the order given) and reasons of the visits matching ``conditions``,
    by visit id: two queries for any number of visits."""
    languages: dict[str, list[str]] = {}
    for visit_id, code in session.execute(
        select(VisitLanguage.visit_id, VisitLanguage.code)
        .join(Visit, Visit.id == VisitLanguage.visit_id)
        .where(*conditions)
        .order_by(VisitLanguage.visit_id, VisitLanguage.position)
    ):
        languages.setdefault(visit_id, []).append(code)
    reasons: dict[str, list[str]] = {}
    for visit_id, code in session.execute(
        select(VisitReason.visit_id, VisitReason.code)
        .join(Visit, Visit.id == VisitReason.visit_id)
        .where(*conditions)
        .order_by(VisitReason.visit_id, VisitReason.code)
    ):
        reasons.setdefault(visit_id, []).append(code)
    return languages, reasons


_DRAFT_COLUMNS: tuple[str, ...] = (
    "arrived_at",
    *COUNT_FIELDS,
    "first_visit",
    "known_to_pmi",
    "commune",
    "heard_via",
    "interpreter_needed",
    "family_id",
    "session_id",
    "note",
)


def day_counters(rows: list[VisitRow]) -> DayCounters:
    return DayCounters(
        visits=len(rows),
        adults=sum(r.draft.adults for r in rows),
        children=sum(r.draft.children for r in rows),
        first_visits=sum(1 for r in rows if r.draft.first_visit == "yes"),
    )
