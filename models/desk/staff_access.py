"""Who is at the desk: roles, personal codes, and the idle lock's delay (DESIGN.md §7).

Two roles: the référente (staff, settings, backups, purge, erasure, export keys) and the
accueillant·e (daily work). Each member of staff has a personal code of 4 to 6 digits,
chosen at first use; only a salted PBKDF2 hash is kept, inside the encrypted database.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.audit import record_event
from models.store.entities import Site, Staff
from models.store.storage import storage_guard

REFERENT = "referent"
PIN_PATTERN = re.compile(r"^[0-9]{4,6}$")
PIN_ROUNDS = 120_000
LOCK_MINUTES_DEFAULT = 10
LOCK_MINUTES_RANGE = (1, 120)


class AccessError(ValueError):
    """Refused; ``code``: pin_format, pin_already_set, not_referent, unknown_staff, minutes."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _hash(pin: str, salt: bytes) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ROUNDS)
    return f"{salt.hex()}${digest.hex()}"


def _matches(pin: str, stored: str) -> bool:
    salt, _, _digest = stored.partition("$")
    try:
        expected = _hash(pin, bytes.fromhex(salt))
    except ValueError:
        return False
    return hmac.compare_digest(expected, stored)


class StaffAccess:
    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def _member(self, session: Session, staff_id: int | None) -> Staff:
        member = session.get(Staff, staff_id) if staff_id is not None else None
        if member is None or member.site_id != self._site_id or not member.active:
            raise AccessError("unknown_staff")
        return member

    def is_referent(self, staff_id: int | None) -> bool:
        with self._factory() as session:
            try:
                return self._member(session, staff_id).role == REFERENT
            except AccessError:
                return False

    def has_pin(self, staff_id: int) -> bool:
        with self._factory() as session:
            return self._member(session, staff_id).pin_hash is not None

    def set_first_pin(self, staff_id: int, pin: str) -> None:
        """First use: the person chooses the code (a code already set cannot be replaced
        here: only the référente can reset it)."""
        if not PIN_PATTERN.match(pin):
            raise AccessError("pin_format")
        with storage_guard(), self._factory.begin() as session:
            member = self._member(session, staff_id)
            if member.pin_hash is not None:
                raise AccessError("pin_already_set")
            member.pin_hash = _hash(pin, secrets.token_bytes(16))
            record_event(session, staff_id, "staff.pin_set", "staff", staff_id)

    def unlock(self, staff_id: int, pin: str) -> bool:
        """True if ``pin`` is the person's code; the unlocking names them in the audit."""
        with storage_guard(), self._factory.begin() as session:
            member = self._member(session, staff_id)
            if member.pin_hash is None or not _matches(pin, member.pin_hash):
                return False
            record_event(session, staff_id, "desk.unlock", "staff", staff_id)
            return True

    def reset_pin(self, staff_id: int, by_staff_id: int | None) -> None:
        """The référente clears a forgotten code; the person chooses a new one at the
        next unlock."""
        with storage_guard(), self._factory.begin() as session:
            if self._member(session, by_staff_id).role != REFERENT:
                raise AccessError("not_referent")
            self._member(session, staff_id).pin_hash = None
            record_event(session, by_staff_id, "staff.pin_reset", "staff", staff_id)

    def lock_minutes(self) -> int:
        with self._factory() as session:
            site = session.get(Site, self._site_id)
            value = (site.settings or {}).get("lock_minutes") if site else None
        return value if isinstance(value, int) else LOCK_MINUTES_DEFAULT

    def set_lock_minutes(self, minutes: int, by_staff_id: int | None) -> None:
        low, high = LOCK_MINUTES_RANGE
        if not low <= minutes <= high:
            raise AccessError("minutes")
        with storage_guard(), self._factory.begin() as session:
            if self._member(session, by_staff_id).role != REFERENT:
                raise AccessError("not_referent")
            site = session.get_one(Site, self._site_id)
            site.settings = {**(site.settings or {}), "lock_minutes": minutes}
            record_event(session, by_staff_id, "site.lock_minutes", "site", self._site_id)

    def members(self) -> list[tuple[int, str, str, bool]]:
        """(id, name, role, has a code) of the active staff."""
        with self._factory() as session:
            rows = session.execute(
                select(Staff.id, Staff.display_name, Staff.role, Staff.pin_hash)
                .where(Staff.site_id == self._site_id, Staff.active.is_(True))
                .order_by(Staff.display_name)
            )
            return [(i, n, r, h is not None) for i, n, r, h in rows]

    def any_code_set(self) -> bool:
        """Whether someone of the team has a personal code (the kiosk needs one to close)."""
        return any(has_code for *_rest, has_code in self.members())

    def staff_with_code(self, pin: str) -> int | None:
        """The active member whose personal code ``pin`` is (the kiosk's exit: whoever of
        the team is there types theirs), named in the audit; None if nobody's."""
        with storage_guard(), self._factory.begin() as session:
            rows = session.execute(
                select(Staff.id, Staff.pin_hash).where(
                    Staff.site_id == self._site_id,
                    Staff.active.is_(True),
                    Staff.pin_hash.is_not(None),
                )
            ).all()
            for staff_id, stored in rows:
                if stored and _matches(pin, stored):
                    record_event(session, staff_id, "survey.kiosk_exit", "staff", staff_id)
                    return int(staff_id)
        return None
