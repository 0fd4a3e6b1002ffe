"""Known families: optional, only with consent, found by their chosen label or card code."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.audit import record_event
from models.store.base import utc_now
from models.store.entities import Family
from models.store.limits import LABEL_MAX
from models.store.storage import storage_guard

# No 0/O, 1/I/L: the code is read aloud and copied by hand on a card.
CARD_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PHONE_PATTERN = re.compile(r"^\+?[0-9 .]{6,20}$")
SEARCH_LIMIT = 8


@dataclass(frozen=True)
class FamilySummary:
    id: str
    label: str
    card_code: str
    last_contact_at: datetime


class FamilyError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def new_card_code() -> str:
    raw = "".join(secrets.choice(CARD_ALPHABET) for _ in range(6))
    return f"{raw[:3]}-{raw[3:]}"


def _summary(family: Family) -> FamilySummary:
    return FamilySummary(family.id, family.label, family.card_code, family.last_contact_at)


class FamilyService:
    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def search(self, text: str) -> list[FamilySummary]:
        """Families whose label contains ``text`` or whose card code starts with it."""
        needle = text.strip()
        if not needle:
            return []
        code = needle.upper().replace(" ", "")
        if len(code) == 6 and "-" not in code:
            code = f"{code[:3]}-{code[3:]}"
        with self._factory() as session:
            rows = session.scalars(
                select(Family)
                .where(
                    Family.site_id == self._site_id,
                    or_(
                        func.lower(Family.label).contains(needle.lower(), autoescape=True),
                        Family.card_code.startswith(code, autoescape=True),
                    ),
                )
                .order_by(Family.last_contact_at.desc())
                .limit(SEARCH_LIMIT)
            )
            return [_summary(f) for f in rows]

    def create(
        self, label: str, phone: str | None, consent_given: bool, staff_id: int
    ) -> FamilySummary:
        """Create a known family. Consent is required and recorded with who took it."""
        label = label.strip()
        if not consent_given:
            raise FamilyError("no_consent")
        if not label or len(label) > LABEL_MAX:
            raise FamilyError("label")
        phone = (phone or "").strip() or None
        if phone is not None and not PHONE_PATTERN.match(phone):
            raise FamilyError("phone")
        now = utc_now()
        with storage_guard(), self._factory.begin() as session:
            card_code = new_card_code()
            while session.scalar(select(Family.id).where(Family.card_code == card_code)):
                card_code = new_card_code()
            family = Family(
                site_id=self._site_id,
                label=label,
                phone=phone,
                card_code=card_code,
                consent_at=now,
                consent_staff_id=staff_id,
                last_contact_at=now,
            )
            session.add(family)
            session.flush()
            record_event(session, staff_id, "family.create", "family", family.id)
            return _summary(family)

    def get(self, family_id: str) -> FamilySummary | None:
        with self._factory() as session:
            family = session.get(Family, family_id)
            return _summary(family) if family and family.site_id == self._site_id else None

    def usual_people(self, family_id: str) -> dict[str, int]:
        """Who came with the family last time (the counts of its latest visit), to offer at
        its next check-in: {} if it never came. Counts only, never a note."""
        from models.desk.checkin import COUNT_FIELDS
        from models.store.entities import Visit

        columns = [Visit.__table__.c[name] for name in COUNT_FIELDS]
        with self._factory() as session:
            row = session.execute(
                select(*columns)
                .where(Visit.site_id == self._site_id, Visit.family_id == family_id)
                .order_by(Visit.arrived_at.desc())
                .limit(1)
            ).first()
        if row is None:
            return {}
        return {name: int(n) for name, n in zip(COUNT_FIELDS, row, strict=True) if n}
