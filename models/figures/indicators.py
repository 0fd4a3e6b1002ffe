"""Weekly indicators of one site (DESIGN.md §5): ISO weeks in Paris time, SQL aggregates.

A week runs from Monday 00:00 to the next Monday 00:00, Europe/Paris, so the weeks of the
daylight-saving changes last 167 and 169 hours. The counts come from a few aggregate
queries (no visit is loaded as an ORM object); only the arrival times of the week's visits
are fetched, to be bucketed by weekday and hour in Paris time without SQLite-only SQL.

``recount_visit_indicators`` recomputes the visit part of the indicators from the rows of
the weekly file's ``visits.csv``, so that an export or an import can check one against the
other. Errors are short English codes; the UI phrases them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS
from models.figures.calendar import format_iso_week, iso_monday, iso_week_bounds
from models.store.base import PARIS
from models.store.entities import (
    ActivitySession,
    Orientation,
    OutreachOuting,
    Partner,
    Referral,
    Site,
    Visit,
    VisitLanguage,
)

ROLE_CODES: tuple[str, ...] = tuple(ADULT_ROLE_FIELDS)
AGE_BAND_CODES: tuple[str, ...] = tuple(CHILD_BAND_FIELDS)
SESSION_PARTICIPANT_KEYS: tuple[str, ...] = ("adults", "children")
OUTREACH_KEYS: tuple[str, ...] = ("outings", "adults", "children", "pregnant", "flyers")

# The keys of indicators.json, in the order of DESIGN.md §5, after the week's identity.
HEADER_KEYS: tuple[str, ...] = ("site_code", "iso_year", "iso_week", "period_start", "period_end")
INDICATOR_KEYS: tuple[str, ...] = (
    "visits",
    "adults",
    "adults_by_role",
    "children",
    "children_by_age",
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "first_visits_not_known_to_pmi",
    "families_identified",
    "orientations_by_service",
    "orientations_by_status",
    "referrals_by_partner_type",
    "referrals_by_theme",
    "sessions_held_by_activity",
    "session_participants",
    "outreach",
    "visits_by_commune",
    "visits_by_channel",
    "visits_by_language",
    "interpreter_needed",
    "visits_by_weekday_hour",
)
JSON_KEYS: tuple[str, ...] = (*HEADER_KEYS, *INDICATOR_KEYS)
# What visits.csv alone determines (everything else comes from other tables).
VISIT_KEYS: tuple[str, ...] = (
    "visits",
    "adults",
    "adults_by_role",
    "children",
    "children_by_age",
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "first_visits_not_known_to_pmi",
    "families_identified",
    "visits_by_commune",
    "visits_by_channel",
    "visits_by_language",
    "interpreter_needed",
    "visits_by_weekday_hour",
)
CORE_TOTAL_KEYS: tuple[str, ...] = (
    "visits",
    "adults",
    "children",
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "interpreter_needed",
)

_COUNT_DICT_KEYS = frozenset(
    key for key in INDICATOR_KEYS if "_by_" in key or key in ("session_participants", "outreach")
)

_WEEKDAY_HOUR_TEXT = re.compile(r"([1-7])-([0-9]{1,2})", re.ASCII)

WeekdayHour = tuple[int, int]


# --- ISO weeks in Paris time -------------------------------------------------------------


def weekday_hour(moment: datetime) -> WeekdayHour:
    """(ISO weekday 1–7, hour 0–23) of ``moment`` in Paris time."""
    if moment.tzinfo is None:
        raise ValueError("naive_datetime")
    local = moment.astimezone(PARIS)
    return local.isoweekday(), local.hour


def weekday_hour_key(slot: WeekdayHour) -> str:
    """(2, 14) → ``"2-14"``: Tuesday, 14:00–14:59 Paris time (a JSON key)."""
    return f"{slot[0]}-{slot[1]}"


def parse_weekday_hour_key(text: str) -> WeekdayHour:
    found = _WEEKDAY_HOUR_TEXT.fullmatch(text)
    if found is None or int(found.group(2)) > 23:
        raise ValueError("bad_weekday_hour")
    return int(found.group(1)), int(found.group(2))


# --- The indicators -------------------------------------------------------------------------


def _zero_sessions() -> dict[str, int]:
    return dict.fromkeys(SESSION_PARTICIPANT_KEYS, 0)


def _zero_outreach() -> dict[str, int]:
    return dict.fromkeys(OUTREACH_KEYS, 0)


@dataclass(frozen=True)
class WeeklyIndicators:
    """The indicators of one site and one ISO week (DESIGN.md §5), exact counts.

    The by_* dicts omit zero categories, except ``adults_by_role`` and ``children_by_age``
    (every code), ``session_participants`` and ``outreach`` (fixed keys).
    ``visits_by_weekday_hour`` is keyed by (ISO weekday, hour) here, by "weekday-hour"
    strings in JSON. Orientations, referrals, sessions and outreach stay empty until
    their tables exist.
    """

    site_code: str
    iso_year: int
    iso_week: int
    period_start: datetime
    period_end: datetime
    visits: int = 0
    adults: int = 0
    adults_by_role: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLE_CODES, 0))
    children: int = 0
    children_by_age: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(AGE_BAND_CODES, 0)
    )
    pregnant: int = 0
    first_visits: int = 0
    not_known_to_pmi: int = 0
    first_visits_not_known_to_pmi: int = 0
    families_identified: int = 0
    orientations_by_service: dict[str, int] = field(default_factory=dict)
    orientations_by_status: dict[str, int] = field(default_factory=dict)
    referrals_by_partner_type: dict[str, int] = field(default_factory=dict)
    referrals_by_theme: dict[str, int] = field(default_factory=dict)
    sessions_held_by_activity: dict[str, int] = field(default_factory=dict)
    session_participants: dict[str, int] = field(default_factory=_zero_sessions)
    outreach: dict[str, int] = field(default_factory=_zero_outreach)
    visits_by_commune: dict[str, int] = field(default_factory=dict)
    visits_by_channel: dict[str, int] = field(default_factory=dict)
    visits_by_language: dict[str, int] = field(default_factory=dict)
    interpreter_needed: int = 0
    visits_by_weekday_hour: dict[WeekdayHour, int] = field(default_factory=dict)

    @property
    def week_label(self) -> str:
        return format_iso_week(self.iso_year, self.iso_week)

    def to_json_dict(self) -> dict[str, Any]:
        """indicators.json: exactly ``JSON_KEYS``; plain str/int values, string keys."""
        result: dict[str, Any] = {
            "site_code": self.site_code,
            "iso_year": self.iso_year,
            "iso_week": self.iso_week,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
        }
        for key in INDICATOR_KEYS:
            value = getattr(self, key)
            if key == "visits_by_weekday_hour":
                value = {weekday_hour_key(slot): n for slot, n in sorted(value.items())}
            elif isinstance(value, dict):
                value = dict(value)
            result[key] = value
        return result

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> WeeklyIndicators:
        """Read indicators.json back; raises ValueError("bad_indicators:<key>")."""
        missing = [key for key in JSON_KEYS if key not in data]
        if missing:
            raise ValueError(f"bad_indicators:{missing[0]}")
        values: dict[str, Any] = {}
        for key in JSON_KEYS:
            value = data[key]
            if key == "site_code":
                ok = isinstance(value, str)
            elif key in ("period_start", "period_end"):
                ok = isinstance(value, str)
                if ok:
                    try:
                        value = datetime.fromisoformat(value)
                    except ValueError:
                        ok = False
                    ok = ok and value.tzinfo is not None
            elif key == "visits_by_weekday_hour":
                ok = _is_counts(value)
                if ok:
                    try:
                        value = {parse_weekday_hour_key(k): n for k, n in value.items()}
                    except ValueError:
                        ok = False
            elif key in _COUNT_DICT_KEYS:
                ok = _is_counts(value)
                value = dict(value) if ok else value
            else:
                ok = _is_count(value)
            if not ok:
                raise ValueError(f"bad_indicators:{key}")
            values[key] = value
        try:
            iso_monday(values["iso_year"], values["iso_week"])
        except ValueError as error:
            raise ValueError("bad_indicators:iso_week") from error
        return cls(**values)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_counts(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and _is_count(n) for k, n in value.items()
    )


def _sum(column: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(column), 0)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _column(name: str) -> ColumnElement[Any]:
    return Visit.__table__.c[name]


def weekly_indicators(
    factory: sessionmaker[Session], site_id: int, iso_year: int, iso_week: int
) -> WeeklyIndicators:
    """The indicators of a site for an ISO week. Raises ValueError("no_such_week") or
    LookupError("unknown_site")."""
    with factory() as session:
        return compute_weekly_indicators(session, site_id, iso_year, iso_week)


def compute_weekly_indicators(
    session: Session, site_id: int, iso_year: int, iso_week: int
) -> WeeklyIndicators:
    """Same as ``weekly_indicators`` in a session the caller holds (e.g. the export's, so
    that indicators.json and visits.csv are read in the same transaction)."""
    start, end = iso_week_bounds(iso_year, iso_week)
    site_code = session.scalar(select(Site.code).where(Site.id == site_id))
    if site_code is None:
        raise LookupError("unknown_site")
    of_the_week = (Visit.site_id == site_id, Visit.arrived_at >= start, Visit.arrived_at < end)

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
                func.count(Visit.family_id.distinct()).label("families_identified"),
                _count_if(Visit.interpreter_needed.is_(True)).label("interpreter_needed"),
            ).where(*of_the_week)
        )
        .one()
        ._mapping
    )
    by_place_and_channel = session.execute(
        select(Visit.commune, Visit.heard_via, func.count())
        .where(*of_the_week)
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
        .where(*of_the_week)
        .group_by(VisitLanguage.code)
    )
    arrivals = session.scalars(select(Visit.arrived_at).where(*of_the_week))
    by_slot = Counter(weekday_hour(moment) for moment in arrivals)
    orientations = _grouped(
        session, (Orientation.service, Orientation.status), Orientation.visit_id, of_the_week
    )
    referrals = _grouped(
        session,
        (Partner.partner_type, Referral.theme),
        Referral.visit_id,
        of_the_week,
        join=(Partner, Partner.id == Referral.partner_id),
    )

    adults_by_role = {code: int(totals[key]) for code, key in role_fields.items()}
    children_by_age = {code: int(totals[key]) for code, key in band_fields.items()}
    return WeeklyIndicators(
        site_code=site_code,
        iso_year=iso_year,
        iso_week=iso_week,
        period_start=start,
        period_end=end,
        visits=int(totals["visits"]),
        adults=sum(adults_by_role.values()),
        adults_by_role=adults_by_role,
        children=sum(children_by_age.values()),
        children_by_age=children_by_age,
        pregnant=int(totals["pregnant"]),
        first_visits=int(totals["first_visits"]),
        not_known_to_pmi=int(totals["not_known_to_pmi"]),
        first_visits_not_known_to_pmi=int(totals["first_visits_not_known_to_pmi"]),
        families_identified=int(totals["families_identified"]),
        visits_by_commune=_sorted_counts(by_commune),
        visits_by_channel=_sorted_counts(by_channel),
        visits_by_language=_sorted_counts({code: int(n) for code, n in by_language}),
        interpreter_needed=int(totals["interpreter_needed"]),
        visits_by_weekday_hour=dict(sorted(by_slot.items())),
        orientations_by_service=_sorted_counts(orientations[0]),
        orientations_by_status=_sorted_counts(orientations[1]),
        referrals_by_partner_type=_sorted_counts(referrals[0]),
        referrals_by_theme=_sorted_counts(referrals[1]),
        outreach=_outreach(session, site_id, start, end),
        **_sessions(session, site_id, start, end),
    )


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
        "sessions_held_by_activity": _sorted_counts(by_activity),
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


def _sorted_counts(counts: Mapping[str, int]) -> dict[str, int]:
    return {key: counts[key] for key in sorted(counts) if counts[key]}


# --- Recount from the rows of visits.csv ------------------------------------------------


def _cell(row: Mapping[str, str], name: str) -> str:
    value = row.get(name)
    if value is None:
        raise ValueError(f"missing_column:{name}")
    return value


def _count_cell(row: Mapping[str, str], name: str) -> int:
    text = _cell(row, name).strip()
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"bad_count:{name}")
    return int(text)


def _codes_cell(row: Mapping[str, str], name: str) -> list[str]:
    return [code for code in _cell(row, name).split("|") if code]


def recount_visit_indicators(rows: Iterable[Mapping[str, str]]) -> dict[str, Any]:
    """The ``VISIT_KEYS`` part of indicators.json, recomputed from visits.csv rows.

    Rows are dicts of strings as ``csv.DictReader`` gives them. Raises ValueError with a
    code (``missing_column:<name>``, ``bad_count:<name>``, ``bad_arrived_at``,
    ``bad_interpreter_needed``) on a malformed row.
    """
    roles = dict.fromkeys(ROLE_CODES, 0)
    bands = dict.fromkeys(AGE_BAND_CODES, 0)
    visits = pregnant = first_visits = not_known = both = interpreter = 0
    families: set[str] = set()
    by_commune: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    by_language: Counter[str] = Counter()
    by_slot: Counter[WeekdayHour] = Counter()
    for row in rows:
        visits += 1
        for code, name in ADULT_ROLE_FIELDS.items():
            roles[code] += _count_cell(row, name)
        for code, name in CHILD_BAND_FIELDS.items():
            bands[code] += _count_cell(row, name)
        pregnant += _count_cell(row, "pregnant")
        is_first = _cell(row, "first_visit") == "yes"
        is_not_known = _cell(row, "known_to_pmi") == "no"
        first_visits += is_first
        not_known += is_not_known
        both += is_first and is_not_known
        needs = _cell(row, "interpreter_needed").strip()
        if needs not in ("0", "1"):
            raise ValueError("bad_interpreter_needed")
        interpreter += needs == "1"
        family = _cell(row, "family_ref").strip()
        if family:
            families.add(family)
        by_commune[_cell(row, "commune")] += 1
        by_channel[_cell(row, "heard_via")] += 1
        by_language.update(set(_codes_cell(row, "languages")))
        try:
            arrived = datetime.fromisoformat(_cell(row, "arrived_at").strip())
        except ValueError as error:
            raise ValueError("bad_arrived_at") from error
        if arrived.tzinfo is None:
            raise ValueError("bad_arrived_at")
        by_slot[weekday_hour(arrived)] += 1
    return {
        "visits": visits,
        "adults": sum(roles.values()),
        "adults_by_role": roles,
        "children": sum(bands.values()),
        "children_by_age": bands,
        "pregnant": pregnant,
        "first_visits": first_visits,
        "not_known_to_pmi": not_known,
        "first_visits_not_known_to_pmi": both,
        "families_identified": len(families),
        "visits_by_commune": _sorted_counts(by_commune),
        "visits_by_channel": _sorted_counts(by_channel),
        "visits_by_language": _sorted_counts(by_language),
        "interpreter_needed": interpreter,
        "visits_by_weekday_hour": {
            weekday_hour_key(slot): n for slot, n in sorted(by_slot.items())
        },
    }


def recount_from_visit_rows(rows: Iterable[Mapping[str, str]]) -> dict[str, int]:
    """The core totals (``CORE_TOTAL_KEYS``) recomputed from visits.csv rows."""
    full = recount_visit_indicators(rows)
    return {key: int(full[key]) for key in CORE_TOTAL_KEYS}
