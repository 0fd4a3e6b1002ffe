"""Street outreach (aller-vers): outings and the contacts counted during them.

Counting happens tap by tap in the street; each tap is one small committed transaction so
that a closed lid or a flat battery loses nothing already counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.desk.audit import record_event
from models.store.activity_entities import OutreachOuting
from models.store.base import PARIS, utc_now
from models.store.errors import FieldError
from models.store.limits import NOTE_MAX
from models.store.storage import storage_guard

COUNTERS: tuple[str, ...] = ("adults", "children", "pregnant", "flyers", "conversations")
# A pregnant woman met is one of the adults met (as at the desk: pregnant ≤ adults): one
# tap counts her in both.
ALSO_COUNTED: dict[str, tuple[str, ...]] = {"pregnant": ("adults",)}
MAX_PER_OUTING = 999
PLACE_MAX = 120


class OutreachError(FieldError):
    """An outing's field refused."""


@dataclass(frozen=True)
class Outing:
    id: str
    started_at: datetime  # Paris time
    ended_at: datetime | None
    place: str
    commune: str
    staff_present: tuple[int, ...]
    counts: dict[str, int]  # the COUNTERS
    orientations: dict[str, int] = field(default_factory=dict)  # "pmi:<service>", "partner:<type>"
    note: str = ""


def _outing(row: OutreachOuting) -> Outing:
    return Outing(
        id=row.id,
        started_at=row.started_at.astimezone(PARIS),
        ended_at=row.ended_at.astimezone(PARIS) if row.ended_at else None,
        place=row.place,
        commune=row.commune,
        staff_present=tuple(row.staff_present or ()),
        counts={name: int(getattr(row, name)) for name in COUNTERS},
        orientations=dict(row.orientations or {}),
        note=row.note,
    )


def orientation_key(kind: str, code: str) -> str:
    """« pmi:vaccination » or « partner:caf », checked against the catalogues."""
    entries = catalogues.pmi_services() if kind == "pmi" else catalogues.partner_types()
    if kind not in ("pmi", "partner") or code not in catalogues.codes(entries):
        raise OutreachError("orientation", "unknown")
    return f"{kind}:{code}"


class OutreachLog:
    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def start(
        self,
        place: str,
        commune: str,
        staff_present: tuple[int, ...] = (),
        started_at: datetime | None = None,
        staff_id: int | None = None,
    ) -> Outing:
        place = place.strip()
        if not place:
            raise OutreachError("place", "required")
        if len(place) > PLACE_MAX:
            raise OutreachError("place", "too_long")
        if commune not in catalogues.codes(catalogues.communes()):
            raise OutreachError("commune", "unknown")
        moment = started_at or utc_now()
        if moment.tzinfo is None:
            raise OutreachError("started_at", "no_timezone")
        if moment > utc_now():
            raise OutreachError("started_at", "in_future")
        with storage_guard(), self._factory.begin() as session:
            row = OutreachOuting(
                site_id=self._site_id,
                started_at=moment,
                place=place,
                commune=commune,
                staff_present=list(staff_present),
            )
            session.add(row)
            session.flush()
            record_event(session, staff_id, "outreach.start", "outreach", row.id)
            return _outing(row)

    def _row(self, session: Session, outing_id: str) -> OutreachOuting:
        row = session.get(OutreachOuting, outing_id)
        if row is None or row.site_id != self._site_id:
            raise OutreachError("outing", "unknown")
        return row

    def count(self, outing_id: str, counter: str, delta: int = 1) -> Outing:
        """+1 (or −1 for undo) on one counter, and on those it is also counted in
        (ALSO_COUNTED), all or nothing; never below 0 nor above the maximum."""
        if counter not in COUNTERS:
            raise OutreachError("counter", "unknown")
        with storage_guard(), self._factory.begin() as session:
            row = self._row(session, outing_id)
            for name in (counter, *ALSO_COUNTED.get(counter, ())):
                value = int(getattr(row, name)) + delta
                if value < 0 or value > MAX_PER_OUTING:
                    raise OutreachError(counter, "out_of_range")
                setattr(row, name, value)
            row.updated_at = utc_now()
            return _outing(row)

    def count_orientation(self, outing_id: str, key: str, delta: int = 1) -> Outing:
        kind, _, code = key.partition(":")
        orientation_key(kind, code)
        with storage_guard(), self._factory.begin() as session:
            row = self._row(session, outing_id)
            counts = dict(row.orientations or {})
            value = counts.get(key, 0) + delta
            if value < 0 or value > MAX_PER_OUTING:
                raise OutreachError("orientation", "out_of_range")
            if value:
                counts[key] = value
            else:
                counts.pop(key, None)
            row.orientations = counts
            row.updated_at = utc_now()
            return _outing(row)

    def set_note(self, outing_id: str, note: str) -> Outing:
        note = note.strip()
        if len(note) > NOTE_MAX:
            raise OutreachError("note", "too_long")
        with storage_guard(), self._factory.begin() as session:
            row = self._row(session, outing_id)
            row.note = note
            return _outing(row)

    def finish(
        self, outing_id: str, ended_at: datetime | None = None, staff_id: int | None = None
    ) -> Outing:
        with storage_guard(), self._factory.begin() as session:
            row = self._row(session, outing_id)
            end = ended_at or utc_now()
            if end < row.started_at:
                raise OutreachError("ended_at", "before_start")
            row.ended_at = end
            record_event(session, staff_id, "outreach.finish", "outreach", row.id)
            return _outing(row)

    def get(self, outing_id: str) -> Outing:
        with self._factory() as session:
            return _outing(self._row(session, outing_id))

    def recent(self, limit: int = 20) -> list[Outing]:
        with self._factory() as session:
            rows = session.scalars(
                select(OutreachOuting)
                .where(OutreachOuting.site_id == self._site_id)
                .order_by(OutreachOuting.started_at.desc())
                .limit(limit)
            )
            return [_outing(row) for row in rows]

    def recent_places(self, limit: int = 12) -> list[str]:
        """Places of past outings, the most used first (suggested when starting one)."""
        with self._factory() as session:
            rows = session.execute(
                select(OutreachOuting.place, func.count())
                .where(OutreachOuting.site_id == self._site_id)
                .group_by(OutreachOuting.place)
                .order_by(func.count().desc(), OutreachOuting.place)
                .limit(limit)
            )
            return [place for place, _count in rows]
