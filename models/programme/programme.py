"""The activity programme of a cabane: dated sessions, their repetition, and attendance.

Attendance comes from the check-ins linked to the session, or is typed from a filled
sign-in sheet (typed figures win). Registrations (first names) stay on the laptop.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.desk.audit import record_event
from models.programme.poster_languages import most_spoken, poster_languages
from models.programme.sheets import PosterData, PosterSession, SignInSheet
from models.store.activity_entities import ActivitySession, Partner
from models.store.base import PARIS, utc_now
from models.store.entities import Site, Visit
from models.store.errors import FieldError
from models.store.storage import storage_guard

TITLE_MAX = 120
MAX_REGISTRATIONS = 200
MAX_REPEATS = 60  # weeks
MAX_FACILITATORS = 20  # of one kind, for one session


class ProgrammeError(FieldError):
    """A session's field refused."""


@dataclass(frozen=True)
class SessionData:
    activity: str
    starts_at: datetime
    ends_at: datetime
    title: str = ""
    at_cabane: bool = True
    address: str = ""
    facilitator: str = ""
    partner_id: int | None = None
    capacity: int | None = None
    age_min_months: int = 0
    age_max_months: int = 36
    languages: tuple[str, ...] = ("fr",)
    status: str = "planned"
    registrations: tuple[str, ...] = field(default_factory=tuple)
    # who led it, for the funders' report: how many salaried staff, volunteers and
    # partners' staff (names stay in ``facilitator``, on this laptop only)
    salaried: int = 0
    volunteers: int = 0
    partner_staff: int = 0


@dataclass(frozen=True)
class SessionInfo:
    id: str
    data: SessionData  # times in Paris time
    adults: int  # attendance: typed, else from linked check-ins
    children: int
    typed: bool

    @property
    def label(self) -> str:
        return self.data.title or catalogues.label(catalogues.activity_types(), self.data.activity)


def validate(data: SessionData) -> SessionData:
    if data.activity not in catalogues.codes(catalogues.activity_types(), active_only=True):
        raise ProgrammeError("activity", "unknown")
    if data.starts_at.tzinfo is None or data.ends_at.tzinfo is None:
        raise ProgrammeError("starts_at", "no_timezone")
    if data.ends_at <= data.starts_at:
        raise ProgrammeError("ends_at", "before_start")
    if data.ends_at - data.starts_at > timedelta(hours=12):
        raise ProgrammeError("ends_at", "too_long")
    if len(data.title.strip()) > TITLE_MAX:
        raise ProgrammeError("title", "too_long")
    if not data.at_cabane and not data.address.strip():
        raise ProgrammeError("address", "required")
    if data.capacity is not None and not 1 <= data.capacity <= 200:
        raise ProgrammeError("capacity", "out_of_range")
    if not 0 <= data.age_min_months <= data.age_max_months <= 72:
        raise ProgrammeError("age", "out_of_range")
    if data.status not in catalogues.codes(catalogues.session_statuses()):
        raise ProgrammeError("status", "unknown")
    known = catalogues.codes(catalogues.languages())
    if any(code not in known for code in data.languages):
        raise ProgrammeError("languages", "unknown")
    if not all(
        0 <= n <= MAX_FACILITATORS for n in (data.salaried, data.volunteers, data.partner_staff)
    ):
        raise ProgrammeError("facilitators", "out_of_range")
    names = tuple(n.strip() for n in data.registrations if n.strip())
    if len(names) > MAX_REGISTRATIONS or any(len(n) > 60 for n in names):
        raise ProgrammeError("registrations", "too_long")
    return replace(
        data,
        title=data.title.strip(),
        address=data.address.strip(),
        facilitator=data.facilitator.strip()[:120],
        registrations=names,
    )


def _columns(data: SessionData) -> dict[str, object]:
    return {
        "activity": data.activity,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "title": data.title,
        "at_cabane": data.at_cabane,
        "address": data.address,
        "facilitator": data.facilitator,
        "partner_id": data.partner_id,
        "capacity": data.capacity,
        "age_min_months": data.age_min_months,
        "age_max_months": data.age_max_months,
        "languages": list(data.languages),
        "status": data.status,
        "registrations": list(data.registrations),
        "facilitators_salaried": data.salaried,
        "facilitators_volunteer": data.volunteers,
        "facilitators_partner": data.partner_staff,
    }


def _data(row: ActivitySession) -> SessionData:
    return SessionData(
        activity=row.activity,
        starts_at=row.starts_at.astimezone(PARIS),
        ends_at=row.ends_at.astimezone(PARIS),
        title=row.title,
        at_cabane=row.at_cabane,
        address=row.address,
        facilitator=row.facilitator,
        partner_id=row.partner_id,
        capacity=row.capacity,
        age_min_months=row.age_min_months,
        age_max_months=row.age_max_months,
        languages=tuple(row.languages or ()),
        status=row.status,
        registrations=tuple(row.registrations or ()),
        salaried=row.facilitators_salaried,
        volunteers=row.facilitators_volunteer,
        partner_staff=row.facilitators_partner,
    )


def checkin_attendance(session: Session, session_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Adults and children of the check-ins linked to each session."""
    if not session_ids:
        return {}
    adults = Visit.mothers + Visit.fathers + Visit.other_adults + Visit.professionals
    children = (
        Visit.children_0_5m
        + Visit.children_6_11m
        + Visit.children_12_23m
        + Visit.children_24_35m
        + Visit.children_3_5y
        + Visit.children_6y_plus
    )
    rows = session.execute(
        select(Visit.session_id, func.sum(adults), func.sum(children))
        .where(Visit.session_id.in_(session_ids))
        .group_by(Visit.session_id)
    )
    return {str(sid): (int(a or 0), int(c or 0)) for sid, a, c in rows}


def attendance_of(
    row: ActivitySession, linked: dict[str, tuple[int, int]]
) -> tuple[int, int, bool]:
    if row.typed_adults is not None or row.typed_children is not None:
        return int(row.typed_adults or 0), int(row.typed_children or 0), True
    adults, children = linked.get(row.id, (0, 0))
    return adults, children, False


class ProgrammeService:
    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def _row(self, session: Session, session_id: str) -> ActivitySession:
        row = session.get(ActivitySession, session_id)
        if row is None or row.site_id != self._site_id:
            raise ProgrammeError("session", "unknown")
        return row

    def _infos(self, session: Session, rows: list[ActivitySession]) -> list[SessionInfo]:
        linked = checkin_attendance(session, [r.id for r in rows])
        infos = []
        for row in rows:
            adults, children, typed = attendance_of(row, linked)
            infos.append(SessionInfo(row.id, _data(row), adults, children, typed))
        return infos

    def create(self, data: SessionData, staff_id: int | None = None) -> SessionInfo:
        data = validate(data)
        with storage_guard(), self._factory.begin() as session:
            return self._infos(session, [self._insert(session, data, staff_id)])[0]

    def _insert(self, session: Session, data: SessionData, staff_id: int | None) -> ActivitySession:
        if data.partner_id is not None and session.get(Partner, data.partner_id) is None:
            raise ProgrammeError("partner", "unknown")
        row = ActivitySession(site_id=self._site_id, **_columns(data))
        session.add(row)
        session.flush()
        record_event(session, staff_id, "session.create", "session", row.id)
        return row

    def update(
        self, session_id: str, data: SessionData, staff_id: int | None = None
    ) -> SessionInfo:
        data = validate(data)
        with storage_guard(), self._factory.begin() as session:
            row = self._row(session, session_id)
            for name, value in _columns(data).items():
                setattr(row, name, value)
            row.updated_at = utc_now()
            record_event(session, staff_id, "session.update", "session", row.id)
            return self._infos(session, [row])[0]

    def duplicate(
        self, session_id: str, starts_at: datetime, staff_id: int | None = None
    ) -> SessionInfo:
        """The same session at another time (registrations and attendance not copied)."""
        return self.create(_copy_at(self.get(session_id).data, starts_at), staff_id)

    def repeat_weekly(
        self, session_id: str, until: date, staff_id: int | None = None
    ) -> list[SessionInfo]:
        """« Toutes les semaines jusqu'au … »: one copy a week after the session, all of them
        in one transaction (every week or none)."""
        original = self.get(session_id).data
        copies = []
        start = original.starts_at
        for week in range(1, MAX_REPEATS + 1):
            moment = (start + timedelta(weeks=week)).astimezone(PARIS)
            # Same wall-clock time in Paris across a daylight-saving change.
            moment = datetime.combine(
                moment.date(), start.timetz().replace(tzinfo=None), tzinfo=PARIS
            )
            if moment.date() > until:
                break
            copies.append(validate(_copy_at(original, moment)))
        with storage_guard(), self._factory.begin() as session:
            rows = [self._insert(session, copy, staff_id) for copy in copies]
            return self._infos(session, rows)

    def set_status(self, session_id: str, status: str, staff_id: int | None = None) -> None:
        if status not in catalogues.codes(catalogues.session_statuses()):
            raise ProgrammeError("status", "unknown")
        with storage_guard(), self._factory.begin() as session:
            row = self._row(session, session_id)
            row.status = status
            record_event(session, staff_id, "session.status", "session", row.id)

    def set_attendance(
        self, session_id: str, adults: int | None, children: int | None, staff_id: int | None = None
    ) -> SessionInfo:
        """Attendance typed from a filled sign-in sheet (None: back to the check-ins)."""
        for name, value in (("adults", adults), ("children", children)):
            if value is not None and not 0 <= value <= 500:
                raise ProgrammeError(name, "out_of_range")
        with storage_guard(), self._factory.begin() as session:
            row = self._row(session, session_id)
            row.typed_adults, row.typed_children = adults, children
            if adults is not None or children is not None:
                row.status = "held"
            record_event(session, staff_id, "session.attendance", "session", row.id)
            return self._infos(session, [row])[0]

    def get(self, session_id: str) -> SessionInfo:
        with self._factory() as session:
            return self._infos(session, [self._row(session, session_id)])[0]

    def between(self, start: datetime, end: datetime) -> list[SessionInfo]:
        with self._factory() as session:
            rows = list(
                session.scalars(
                    select(ActivitySession)
                    .where(
                        ActivitySession.site_id == self._site_id,
                        ActivitySession.starts_at >= start,
                        ActivitySession.starts_at < end,
                    )
                    .order_by(ActivitySession.starts_at)
                )
            )
            return self._infos(session, rows)

    def current(self, now: datetime | None = None) -> SessionInfo | None:
        """The session going on now at the cabane (the desk preselects it)."""
        moment = now or utc_now()
        with self._factory() as session:
            row = session.scalars(
                select(ActivitySession)
                .where(
                    ActivitySession.site_id == self._site_id,
                    ActivitySession.starts_at <= moment,
                    ActivitySession.ends_at > moment,
                    ActivitySession.status != "cancelled",
                )
                .order_by(ActivitySession.starts_at.desc())
                .limit(1)
            ).first()
            return self._infos(session, [row])[0] if row is not None else None

    def signin_sheet(self, session_id: str, print_names: bool | None = None) -> SignInSheet:
        """The session's sign-in sheet; registrants' names printed only if asked, or if the
        cabane chose it (site setting « signin_names »): everyone signing sees the sheet."""
        info = self.get(session_id)
        data = info.data
        with self._factory() as session:
            site = session.get(Site, self._site_id)
            partner = session.get(Partner, data.partner_id) if data.partner_id else None
            assert site is not None
            if print_names is None:
                print_names = bool((site.settings or {}).get("signin_names", False))
            return SignInSheet(
                cabane_name=site.name,
                cabane_address=site.address,
                activity=catalogues.label(catalogues.activity_types(), data.activity),
                title=data.title,
                day=data.starts_at.date(),
                starts=data.starts_at.time(),
                ends=data.ends_at.time(),
                place="À la cabane" if data.at_cabane else data.address,
                facilitator=data.facilitator,
                partner=partner.name if partner else "",
                registrations=data.registrations,
                print_names=print_names,
            )

    def marked_sensitive_themes(self) -> tuple[str, ...]:
        """Themes the team marked discreet on slips, besides the catalogue's."""
        with self._factory() as session:
            site = session.get(Site, self._site_id)
            assert site is not None
            return tuple((site.settings or {}).get("sensitive_themes", ()))

    def poster(self, start: datetime, end: datetime, title: str) -> PosterData:
        """The programme of [start, end) for a poster or a flyer (cancelled sessions left out)."""
        sessions = [s for s in self.between(start, end) if s.data.status != "cancelled"]
        with self._factory() as session:
            site = session.get(Site, self._site_id)
            assert site is not None
            return PosterData(
                cabane_name=site.name,
                address=site.address,
                opening_hours=site.opening_hours,
                title=title,
                sessions=tuple(
                    PosterSession(
                        day=s.data.starts_at.date(),
                        starts=s.data.starts_at.time(),
                        ends=s.data.ends_at.time(),
                        activity=s.label,
                        place="" if s.data.at_cabane else s.data.address,
                    )
                    for s in sessions
                ),
                web_address=str(site.settings.get("web_address", "")),
                logo_png=_logo(site.settings.get("logo_base64", "")),
                phone=str(site.settings.get("phone", "")),
                languages=poster_languages(session, site, start),
                period=(start.date(), (end - timedelta(seconds=1)).date()),
            )

    def poster_language_choice(self, until: datetime) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the team's chosen poster languages, or () ; the most spoken before ``until``)."""
        with self._factory() as session:
            site = session.get(Site, self._site_id)
            assert site is not None
            chosen = tuple((site.settings or {}).get("poster_languages", ()))
            return chosen, most_spoken(session, self._site_id, until)

    def activity_flyer(self, session_id: str, weeks: int = 8) -> PosterData:
        """An activity's flyer: its next sessions over ``weeks`` weeks, titled with it."""
        info = self.get(session_id)
        start = info.data.starts_at
        data = self.poster(start, start + timedelta(weeks=weeks), info.label)
        # Its dates and places only: the name is the flyer's title, never repeated.
        same = tuple(replace(s, activity="") for s in data.sessions if s.activity == info.label)
        return replace(data, sessions=same)


def _logo(encoded: object) -> bytes | None:
    import base64
    import binascii

    if not isinstance(encoded, str) or not encoded:
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None


def _copy_at(original: SessionData, starts_at: datetime) -> SessionData:
    """The same session at another time (registrations and attendance not copied)."""
    return replace(
        original,
        starts_at=starts_at,
        ends_at=starts_at + (original.ends_at - original.starts_at),
        status="planned",
        registrations=(),
    )
