"""A known family's rights (RGPD art. 15–17, 21): everything stored about it (access),
correcting its record, stopping the link (objection), erasing it on request. Counts are
never lost: its visits stay, under an anonymous token. Each act is audited with the
family's id only, never its label or phone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from models.desk.audit import record_event
from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS
from models.desk.families import PHONE_PATTERN, FamilyError
from models.desk.retention import erase_family_record
from models.store.activity_entities import Orientation, Partner, PmiCentre, Referral
from models.store.base import new_id
from models.store.entities import Family, Staff, Visit, VisitReason
from models.store.limits import LABEL_MAX
from models.store.storage import storage_guard


@dataclass(frozen=True)
class VisitLine:
    arrived_at: datetime
    adults: int
    children: int
    reasons: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class OrientationLine:
    at: datetime
    service: str  # code (catalogues.pmi_services)
    centre: str
    status: str  # code (catalogues.orientation_statuses)
    appointment_at: datetime | None


@dataclass(frozen=True)
class ReferralLine:
    at: datetime
    partner: str
    theme: str  # code (catalogues.referral_themes)
    status: str  # code (catalogues.referral_statuses)


@dataclass(frozen=True)
class FamilyRecord:
    """Everything the cabane stores about one known family."""

    id: str
    label: str
    phone: str
    card_code: str
    consent_at: datetime
    consent_by: str
    last_contact_at: datetime
    visits: tuple[VisitLine, ...]
    orientations: tuple[OrientationLine, ...]
    referrals: tuple[ReferralLine, ...]


def _normalised_code(text: str) -> str:
    code = text.strip().upper().replace(" ", "")
    if len(code) == 6 and "-" not in code:
        code = f"{code[:3]}-{code[3:]}"
    return code


class FamilyRights:
    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def find(self, card_code_or_id: str) -> str | None:
        """The family's id from its card code (« ABC-234 », any case) or its id."""
        with self._factory() as session:
            return session.scalar(
                select(Family.id).where(
                    Family.site_id == self._site_id,
                    (Family.card_code == _normalised_code(card_code_or_id))
                    | (Family.id == card_code_or_id.strip()),
                )
            )

    def record(self, family_id: str, staff_id: int | None = None) -> FamilyRecord:
        """Everything stored about the family; the consultation itself is audited."""
        with storage_guard(), self._factory.begin() as session:
            family = session.get(Family, family_id)
            if family is None or family.site_id != self._site_id:
                raise FamilyError("unknown_family")
            consent_by = session.scalar(
                select(Staff.display_name).where(Staff.id == family.consent_staff_id)
            )
            record = FamilyRecord(
                family.id,
                family.label,
                family.phone or "",
                family.card_code,
                family.consent_at,
                consent_by or "",
                family.last_contact_at,
                self._visits(session, family_id),
                self._orientations(session, family_id),
                self._referrals(session, family_id),
            )
            record_event(session, staff_id, "family.access", "family", family_id)
            return record

    @staticmethod
    def _visits(session: Session, family_id: str) -> tuple[VisitLine, ...]:
        adults = sum(getattr(Visit, name) for name in ADULT_ROLE_FIELDS.values())
        children = sum(getattr(Visit, name) for name in CHILD_BAND_FIELDS.values())
        rows = session.execute(
            select(Visit.id, Visit.arrived_at, adults, children, Visit.note)
            .where(Visit.family_id == family_id)
            .order_by(Visit.arrived_at)
        ).all()
        reasons: dict[str, list[str]] = {}
        for visit_id, code in session.execute(
            select(VisitReason.visit_id, VisitReason.code).where(
                VisitReason.visit_id.in_([row[0] for row in rows])
            )
        ):
            reasons.setdefault(visit_id, []).append(code)
        return tuple(
            VisitLine(at, int(a or 0), int(c or 0), tuple(sorted(reasons.get(vid, []))), note or "")
            for vid, at, a, c, note in rows
        )

    @staticmethod
    def _orientations(session: Session, family_id: str) -> tuple[OrientationLine, ...]:
        rows = session.execute(
            select(
                Visit.arrived_at,
                Orientation.service,
                PmiCentre.name,
                Orientation.status,
                Orientation.appointment_at,
            )
            .join(Visit, Visit.id == Orientation.visit_id)
            .outerjoin(PmiCentre, PmiCentre.id == Orientation.pmi_centre_id)
            .where(Visit.family_id == family_id)
            .order_by(Visit.arrived_at)
        )
        return tuple(OrientationLine(a, s, c or "", st, ap) for a, s, c, st, ap in rows)

    @staticmethod
    def _referrals(session: Session, family_id: str) -> tuple[ReferralLine, ...]:
        rows = session.execute(
            select(Visit.arrived_at, Partner.name, Referral.theme, Referral.status)
            .join(Visit, Visit.id == Referral.visit_id)
            .join(Partner, Partner.id == Referral.partner_id)
            .where(Visit.family_id == family_id)
            .order_by(Visit.arrived_at)
        )
        return tuple(ReferralLine(a, p, t, s) for a, p, t, s in rows)

    def correct(self, family_id: str, label: str, phone: str, staff_id: int | None) -> None:
        """Correct the family's label or phone (rectification)."""
        label, phone = label.strip(), phone.strip()
        if not label or len(label) > LABEL_MAX:
            raise FamilyError("label")
        if phone and not PHONE_PATTERN.match(phone):
            raise FamilyError("phone")
        with storage_guard(), self._factory.begin() as session:
            family = session.get(Family, family_id)
            if family is None or family.site_id != self._site_id:
                raise FamilyError("unknown_family")
            family.label, family.phone = label, phone or None
            record_event(session, staff_id, "family.correct", "family", family_id)

    def stop_linking(self, family_id: str, staff_id: int | None) -> int:
        """Objection: the family is no longer known. Its record goes; its visits stay,
        counted, under an anonymous token. Returns how many visits were unlinked."""
        with storage_guard(), self._factory.begin() as session:
            self._check(session, family_id)
            unlinked = int(
                session.scalar(select(func.count()).where(Visit.family_id == family_id)) or 0
            )
            session.execute(
                update(Visit)
                .where(Visit.family_id == family_id)
                .values(family_id=None, former_family=new_id())
            )
            session.execute(update(Family).where(Family.id == family_id).values(phone=None))
            session.delete(session.get_one(Family, family_id))
            record_event(session, staff_id, "family.unlink", "family", family_id)
            return unlinked

    def erase(self, family_id: str, staff_id: int | None) -> int:
        """Erasure on request: the record, and the notes and appointment details of its
        visits; the visits stay counted. Returns how many visits it had."""
        with storage_guard(), self._factory.begin() as session:
            self._check(session, family_id)
            unlinked = erase_family_record(session, family_id)
            record_event(session, staff_id, "family.erase", "family", family_id)
            return unlinked

    def _check(self, session: Session, family_id: str) -> None:
        family = session.get(Family, family_id)
        if family is None or family.site_id != self._site_id:
            raise FamilyError("unknown_family")
