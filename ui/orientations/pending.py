"""What the orientation widgets need from the desk, and what is typed before a visit is
saved (pending orientations and referrals) until it becomes a request for the domain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from models.orientations.orientations import (
    OrientationRequest,
    OrientationService,
    ReferralRequest,
    Request,
)
from models.orientations.partners import PartnerDirectory, PmiCentres


@dataclass
class OrientationServices:
    """What the orientation widgets need, built by desktop/ (the composition root)."""

    orientations: OrientationService
    partners: PartnerDirectory
    centres: PmiCentres
    staff_id: Callable[[], int | None]


@dataclass(frozen=True)
class PendingOrientation:
    service: str
    centre_id: int | None
    status: str
    appointment_at: datetime | None


@dataclass(frozen=True)
class PendingReferral:
    partner_id: int
    partner_name: str
    theme: str
    status: str


Pending = PendingOrientation | PendingReferral


def request_of(item: Pending) -> Request:
    """What the domain records for an item typed in the editor."""
    if isinstance(item, PendingOrientation):
        return OrientationRequest(item.service, item.centre_id, item.status, item.appointment_at)
    return ReferralRequest(item.partner_id, item.theme, item.status)


def save_request(services: OrientationServices, visit_id: str, item: Pending) -> None:
    """Add one orientation or referral to a saved visit (one transaction)."""
    request = request_of(item)
    staff_id = services.staff_id()
    if isinstance(request, OrientationRequest):
        services.orientations.orient(
            visit_id,
            request.service,
            request.centre_id,
            request.status,
            request.appointment_at,
            staff_id,
        )
    else:
        services.orientations.refer(
            visit_id, request.partner_id, request.theme, request.status, staff_id
        )
