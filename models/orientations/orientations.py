"""Orienting a visit to a PMI service and referring it to a partner, and following up.

An orientation records a service and a status, never a diagnosis or a screening score.
Each change is one transaction with its audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.desk.audit import record_event
from models.figures.french import french_date, french_time
from models.orientations.slips import PlaceContact, ReferralSlip
from models.store.activity_entities import Orientation, Partner, PmiCentre, Referral
from models.store.base import PARIS, utc_now
from models.store.entities import Site, Visit
from models.store.errors import FieldError
from models.store.storage import storage_guard

FIRST_NAME_MAX = 40


class OrientationError(FieldError):
    """An orientation's or a referral's field refused."""


@dataclass(frozen=True)
class OrientationRequest:
    """An orientation to a PMI service, as asked at the desk (before or after saving)."""

    service: str
    centre_id: int | None
    status: str = "proposed"
    appointment_at: datetime | None = None


@dataclass(frozen=True)
class ReferralRequest:
    """A referral to a partner of the directory."""

    partner_id: int
    theme: str
    status: str = "proposed"


Request = OrientationRequest | ReferralRequest


def check_request(request: Request) -> None:
    """Refuse a request whose codes are unknown (before any transaction starts)."""
    if isinstance(request, OrientationRequest):
        if request.service not in catalogues.codes(catalogues.pmi_services(), active_only=True):
            raise OrientationError("service", "unknown")
        if request.status not in catalogues.codes(catalogues.orientation_statuses()):
            raise OrientationError("status", "unknown")
        if request.appointment_at is not None and request.appointment_at.tzinfo is None:
            raise OrientationError("appointment_at", "no_timezone")
        return
    if request.theme not in catalogues.codes(catalogues.referral_themes(), active_only=True):
        raise OrientationError("theme", "unknown")
    if request.status not in catalogues.codes(catalogues.referral_statuses()):
        raise OrientationError("status", "unknown")


def add_request(session: Session, visit_id: str, request: Request, staff_id: int | None) -> str:
    """Add one orientation or referral to a visit inside the caller's transaction."""
    check_request(request)
    row: Orientation | Referral
    if isinstance(request, OrientationRequest):
        if request.centre_id is not None and session.get(PmiCentre, request.centre_id) is None:
            raise OrientationError("centre", "unknown")
        row = Orientation(
            visit_id=visit_id,
            service=request.service,
            pmi_centre_id=request.centre_id,
            status=request.status,
            appointment_at=request.appointment_at,
        )
    else:
        partner = session.get(Partner, request.partner_id)
        if partner is None or not partner.active:
            raise OrientationError("partner", "unknown")
        row = Referral(
            visit_id=visit_id,
            partner_id=request.partner_id,
            theme=request.theme,
            status=request.status,
        )
    session.add(row)
    session.flush()
    kind = "orientation" if isinstance(row, Orientation) else "referral"
    record_event(session, staff_id, f"{kind}.create", kind, row.id)
    return row.id


def restore_rows(session: Session, visit_id: str, rows: list[dict[str, Any]]) -> None:
    """Put back, under their old ids, the rows a ``snapshot`` kept (undo of a deletion)."""
    for row in rows:
        values = {k: v for k, v in row.items() if k != "kind"}
        entity = Orientation if row["kind"] == "orientation" else Referral
        session.add(entity(visit_id=visit_id, **values))


@dataclass(frozen=True)
class FollowUpItem:
    """One orientation or referral as the desk and the follow-up view show it."""

    kind: str  # "orientation" or "referral"
    id: str
    visit_id: str
    visit_at: datetime  # Paris time
    what: str  # service code, or partner name
    detail: str  # PMI centre name, or theme code
    status: str
    appointment_at: datetime | None = None
    partner_id: int | None = None
    slip_printed: bool = False


NEUTRAL_HEADLINE = "Une adresse utile pour vous"


class OrientationService:
    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def _visit(self, session: Session, visit_id: str) -> Visit:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.site_id != self._site_id:
            raise OrientationError("visit", "unknown")
        return visit

    def orient(
        self,
        visit_id: str,
        service: str,
        centre_id: int | None,
        status: str = "proposed",
        appointment_at: datetime | None = None,
        staff_id: int | None = None,
    ) -> str:
        request = OrientationRequest(service, centre_id, status, appointment_at)
        with storage_guard(), self._factory.begin() as session:
            self._visit(session, visit_id)
            return add_request(session, visit_id, request, staff_id)

    def refer(
        self,
        visit_id: str,
        partner_id: int,
        theme: str,
        status: str = "proposed",
        staff_id: int | None = None,
    ) -> str:
        request = ReferralRequest(partner_id, theme, status)
        with storage_guard(), self._factory.begin() as session:
            self._visit(session, visit_id)
            return add_request(session, visit_id, request, staff_id)

    def set_status(
        self,
        kind: str,
        item_id: str,
        status: str,
        staff_id: int | None = None,
        appointment_at: datetime | None = None,
    ) -> None:
        statuses = (
            catalogues.orientation_statuses()
            if kind == "orientation"
            else catalogues.referral_statuses()
        )
        if status not in catalogues.codes(statuses):
            raise OrientationError("status", "unknown")
        with storage_guard(), self._factory.begin() as session:
            row = _item(session, kind, item_id)
            if row is None:
                raise OrientationError("id", "unknown")
            self._visit(session, row.visit_id)
            row.status = status
            if isinstance(row, Orientation) and appointment_at is not None:
                row.appointment_at = appointment_at
            row.updated_at = utc_now()
            record_event(session, staff_id, f"{kind}.status", kind, item_id)

    def remove(self, kind: str, item_id: str, staff_id: int | None = None) -> None:
        with storage_guard(), self._factory.begin() as session:
            row = _item(session, kind, item_id)
            if row is None:
                return
            self._visit(session, row.visit_id)
            session.delete(row)
            record_event(session, staff_id, f"{kind}.delete", kind, item_id)

    # ----- reading

    def for_visit(self, visit_id: str) -> list[FollowUpItem]:
        return self._items(visit_ids=[visit_id])

    def open_items(
        self, statuses: tuple[str, ...] = ("proposed", "appointment", "contacted")
    ) -> list[FollowUpItem]:
        """What is still to follow up, oldest visit first."""
        return self._items(statuses=statuses)

    def _items(
        self, visit_ids: list[str] | None = None, statuses: tuple[str, ...] | None = None
    ) -> list[FollowUpItem]:
        items: list[FollowUpItem] = []
        with self._factory() as session:
            orient = (
                select(Orientation, Visit.arrived_at, PmiCentre.name)
                .join(Visit, Visit.id == Orientation.visit_id)
                .outerjoin(PmiCentre, PmiCentre.id == Orientation.pmi_centre_id)
                .where(Visit.site_id == self._site_id)
            )
            refer = (
                select(Referral, Visit.arrived_at, Partner.name)
                .join(Visit, Visit.id == Referral.visit_id)
                .join(Partner, Partner.id == Referral.partner_id)
                .where(Visit.site_id == self._site_id)
            )
            if visit_ids is not None:
                orient = orient.where(Orientation.visit_id.in_(visit_ids))
                refer = refer.where(Referral.visit_id.in_(visit_ids))
            if statuses is not None:
                orient = orient.where(Orientation.status.in_(statuses))
                refer = refer.where(Referral.status.in_(statuses))
            for row, arrived, centre in session.execute(orient):
                items.append(
                    FollowUpItem(
                        "orientation",
                        row.id,
                        row.visit_id,
                        arrived.astimezone(PARIS),
                        row.service,
                        centre or "",
                        row.status,
                        row.appointment_at.astimezone(PARIS) if row.appointment_at else None,
                    )
                )
            for ref, arrived, partner_name in session.execute(refer):
                items.append(
                    FollowUpItem(
                        "referral",
                        ref.id,
                        ref.visit_id,
                        arrived.astimezone(PARIS),
                        partner_name,
                        ref.theme,
                        ref.status,
                        None,
                        ref.partner_id,
                        ref.slip_printed,
                    )
                )
        items.sort(key=lambda item: (item.visit_at, item.kind, item.id))
        return items

    def snapshot(self, visit_id: str) -> list[dict[str, Any]]:
        """The visit's orientations and referrals, to put back if its deletion is undone."""
        with self._factory() as session:
            rows: list[dict[str, Any]] = []
            for o in session.scalars(select(Orientation).where(Orientation.visit_id == visit_id)):
                rows.append(
                    {
                        "kind": "orientation",
                        "id": o.id,
                        "service": o.service,
                        "pmi_centre_id": o.pmi_centre_id,
                        "status": o.status,
                        "appointment_at": o.appointment_at,
                    }
                )
            for r in session.scalars(select(Referral).where(Referral.visit_id == visit_id)):
                rows.append(
                    {
                        "kind": "referral",
                        "id": r.id,
                        "partner_id": r.partner_id,
                        "theme": r.theme,
                        "status": r.status,
                        "slip_printed": r.slip_printed,
                    }
                )
            return rows

    def restore(self, visit_id: str, rows: list[dict[str, Any]]) -> None:
        with storage_guard(), self._factory.begin() as session:
            restore_rows(session, visit_id, rows)

    # ----- the slip handed to the family

    def slip(
        self,
        item_id: str,
        first_name: str = "",
        appointment: str = "",
        today: date | None = None,
    ) -> ReferralSlip:
        """The slip of a recorded referral, or of a PMI appointment (an orientation with
        its centre and its date): where to go, when, and how to reach the cabane."""
        with self._factory() as session:
            referral = session.get(Referral, item_id)
            if referral is None:
                return self._appointment_slip(session, item_id, first_name, today)
            self._visit(session, referral.visit_id)
            partner_id, theme = referral.partner_id, referral.theme
        return self.slip_for_partner(partner_id, theme, first_name, appointment, today)

    def _appointment_slip(
        self, session: Session, orientation_id: str, first_name: str, today: date | None
    ) -> ReferralSlip:
        row = session.get(Orientation, orientation_id)
        if row is None or row.appointment_at is None or row.pmi_centre_id is None:
            raise OrientationError("id", "unknown")
        self._visit(session, row.visit_id)
        centre = session.get(PmiCentre, row.pmi_centre_id)
        site = session.get(Site, self._site_id)
        if centre is None or site is None:
            raise OrientationError("centre", "unknown")
        moment = row.appointment_at.astimezone(PARIS)
        return ReferralSlip(
            partner=PlaceContact(
                name=centre.name,
                address=_address(centre.address, centre.commune),
                phone=centre.phone,
                opening_hours=centre.opening_hours,
            ),
            # Never the service (« Santé sexuelle », « Psychologue »…): the slip goes home.
            theme="Votre rendez-vous à la PMI",
            cabane=_cabane_contact(site),
            issued_on=today or datetime.now(PARIS).date(),
            first_name=first_name.strip()[:FIRST_NAME_MAX],
            appointment=f"{french_date(moment.date())} à {french_time(moment.time())}",
        )

    def slip_for_partner(
        self,
        partner_id: int,
        theme: str,
        first_name: str = "",
        appointment: str = "",
        today: date | None = None,
    ) -> ReferralSlip:
        """A slip for a partner and a theme (also without a recorded referral)."""
        first_name = first_name.strip()
        if len(first_name) > FIRST_NAME_MAX:
            raise OrientationError("first_name", "too_long")
        if theme not in catalogues.codes(catalogues.referral_themes()):
            raise OrientationError("theme", "unknown")
        with self._factory() as session:
            partner = session.get(Partner, partner_id)
            site = session.get(Site, self._site_id)
            if partner is None or site is None:
                raise OrientationError("partner", "unknown")
            language_labels = tuple(
                catalogues.label(catalogues.languages(), c).lower() for c in partner.languages
            )
            marked = set((site.settings or {}).get("sensitive_themes", ()))
            to_bring = partner.to_bring
            if theme in catalogues.sensitive_themes() | marked:
                # Discretion: a neutral headline and never the family's first name.
                text, first_name = NEUTRAL_HEADLINE, ""
            else:  # « Autre » is never a headline either
                text = catalogues.referral_theme_texts().get(theme) or NEUTRAL_HEADLINE
                to_bring = to_bring or catalogues.referral_theme_to_bring().get(theme, "")
            return ReferralSlip(
                partner=PlaceContact(
                    name=partner.name,
                    address=_address(partner.address, partner.commune),
                    phone=partner.phone,
                    opening_hours=partner.opening_hours,
                    languages=language_labels,
                    email=partner.email,
                    website=partner.website,
                ),
                theme=text,
                cabane=_cabane_contact(site),
                issued_on=today or datetime.now(PARIS).date(),
                first_name=first_name,
                appointment=appointment.strip(),
                to_bring=to_bring,
            )

    def mark_slip_printed(self, referral_id: str, staff_id: int | None = None) -> None:
        with storage_guard(), self._factory.begin() as session:
            row = session.get(Referral, referral_id)
            if row is not None:
                row.slip_printed = True
                record_event(session, staff_id, "referral.slip", "referral", referral_id)


def _item(session: Session, kind: str, item_id: str) -> Orientation | Referral | None:
    if kind == "orientation":
        return session.get(Orientation, item_id)
    return session.get(Referral, item_id)


def _cabane_contact(site: Site) -> PlaceContact:
    """The cabane's own contact, at the foot of every slip (« Nous joindre »)."""
    return PlaceContact(
        name=site.name,
        address=site.address,
        opening_hours=site.opening_hours,
        phone=str((site.settings or {}).get("phone", "")),
    )


def _address(address: str, commune: str) -> str:
    town = catalogues.label(catalogues.communes(), commune) if commune != "unknown" else ""
    if town and town.lower() not in address.lower():
        return f"{address}, {town}" if address else town
    return address
