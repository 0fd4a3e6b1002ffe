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
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS
from models.figures.aggregates import (
    AGE_BAND_CODES,
    OUTREACH_KEYS,
    ROLE_CODES,
    SESSION_PARTICIPANT_KEYS,
    period_aggregates,
    sorted_counts,
)
from models.figures.calendar import (
    WeekdayHour,
    format_iso_week,
    iso_monday,
    iso_week_bounds,
    weekday_hour,
)
from models.store.entities import (
    Site,
)

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


# --- ISO weeks in Paris time -------------------------------------------------------------


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


def compute_weekly_indicators(
    session: Session, site_id: int, iso_year: int, iso_week: int
) -> WeeklyIndicators:
    """Same as ``weekly_indicators`` in a session the caller holds (e.g. the export's, so
    that indicators.json and visits.csv are read in the same transaction)."""
    start, end = iso_week_bounds(iso_year, iso_week)
    site_code = session.scalar(select(Site.code).where(Site.id == site_id))
    if site_code is None:
        raise LookupError("unknown_site")
    counted = period_aggregates(session, site_id, start, end)
    return WeeklyIndicators(
        site_code=site_code,
        iso_year=iso_year,
        iso_week=iso_week,
        period_start=start,
        period_end=end,
        **{key: getattr(counted, key) for key in INDICATOR_KEYS},
    )


def weekly_indicators(
    factory: sessionmaker[Session], site_id: int, iso_year: int, iso_week: int
) -> WeeklyIndicators:
    """The indicators of a site for an ISO week. Raises ValueError("no_such_week") or
    LookupError("unknown_site")."""
    with factory() as session:
        return compute_weekly_indicators(session, site_id, iso_year, iso_week)


# --- Recount from the rows of visits.csv ------------------------------------------------


def _cell(row: Mapping[str, str], name: str) -> str:
    value = row.get(name)
    if value is None:
        raise ValueError(f"missing_column:{name}")
    return value


# The counts a visit can hold, by their text: one dict lookup per cell (a recount reads
# some 300,000 cells for a year of five cabanes at the coordination).
_SMALL_COUNTS = {str(n): n for n in range(100)}


def _count_cell(row: Mapping[str, str], name: str) -> int:
    text = _cell(row, name)
    known = _SMALL_COUNTS.get(text)
    if known is not None:
        return known
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"bad_count:{name}")
    return int(text)


def _codes_cell(row: Mapping[str, str], name: str) -> list[str]:
    return [code for code in _cell(row, name).split("|") if code]


VISIT_COUNT_COLUMNS = (*ADULT_ROLE_FIELDS.values(), *CHILD_BAND_FIELDS.values(), "pregnant")


def recount_visit_indicators(
    rows: Iterable[Mapping[str, str]], period: tuple[datetime, datetime] | None = None
) -> dict[str, Any]:
    """The ``VISIT_KEYS`` part of indicators.json, recomputed from visits.csv rows.

    Rows are dicts of strings as ``csv.DictReader`` gives them. Raises ValueError with a
    code (``missing_column:<name>``, ``bad_count:<name>``, ``bad_arrived_at``,
    ``bad_interpreter_needed``, ``arrival_outside_period``) on a malformed row; ``period``
    is [start, end) when every arrival must fall in it.
    """
    return visit_indicators([_typed_visit(row, period) for row in rows])


def _typed_visit(
    row: Mapping[str, str], period: tuple[datetime, datetime] | None
) -> dict[str, Any]:
    """A visits.csv row as the values ``visit_indicators`` sums (as the coordination's
    reader, ``models.exchange.weekly_rows``, gives them)."""
    try:  # the usual row: counts as small numbers, one lookup each
        counts = {name: _SMALL_COUNTS[row[name]] for name in VISIT_COUNT_COLUMNS}
    except KeyError:  # a missing column or an odd count: said with its code
        counts = {name: _count_cell(row, name) for name in VISIT_COUNT_COLUMNS}
    needs = _cell(row, "interpreter_needed").strip()
    if needs not in ("0", "1"):
        raise ValueError("bad_interpreter_needed")
    try:
        arrived = datetime.fromisoformat(_cell(row, "arrived_at").strip())
    except ValueError as error:
        raise ValueError("bad_arrived_at") from error
    if arrived.tzinfo is None:
        raise ValueError("bad_arrived_at")
    if period is not None and not period[0] <= arrived < period[1]:
        raise ValueError("arrival_outside_period")
    weekday, hour = weekday_hour(arrived)
    return {
        **counts,
        "first_visit": _cell(row, "first_visit"),
        "known_to_pmi": _cell(row, "known_to_pmi"),
        "commune": _cell(row, "commune"),
        "heard_via": _cell(row, "heard_via"),
        "languages": _cell(row, "languages"),
        "interpreter_needed": needs == "1",
        "family_ref": _cell(row, "family_ref").strip(),
        "weekday": weekday,
        "hour": hour,
    }


def visit_indicators(visits: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``VISIT_KEYS`` part of indicators.json from typed visits: the one place these
    sums are made, for the cabane's own check and for the coordination's. A visit gives
    its counts, codes, languages (« ta|fr »), interpreter flag, family_ref, and its Paris
    ``weekday`` and ``hour`` (or ``day``, an ISO date, for the weekday)."""
    visits = visits if isinstance(visits, list) else list(visits)
    # counted by kind first, in C (a week has few distinct answers, communes, hours…)
    sums = dict.fromkeys(VISIT_COUNT_COLUMNS, 0)
    if visits:
        by_column = zip(*map(itemgetter(*VISIT_COUNT_COLUMNS), visits), strict=True)
        sums = dict(zip(VISIT_COUNT_COLUMNS, map(sum, by_column), strict=True))
    answers = Counter(map(itemgetter("first_visit", "known_to_pmi"), visits))
    count = len(visits)
    first_visits = sum(n for (first, _known), n in answers.items() if first == "yes")
    not_known = sum(n for (_first, known), n in answers.items() if known == "no")
    both = answers[("yes", "no")]
    interpreter = sum(bool(visit["interpreter_needed"]) for visit in visits)
    families = {ref for ref in map(itemgetter("family_ref"), visits) if ref}
    by_commune = Counter(map(itemgetter("commune"), visits))
    by_channel = Counter(map(itemgetter("heard_via"), visits))
    by_language: Counter[str] = Counter()
    for joined, n in Counter(map(itemgetter("languages"), visits)).items():
        for code in {code for code in joined.split("|") if code}:
            by_language[code] += n
    by_slot: Counter[WeekdayHour] = Counter()
    when = Counter((visit.get("weekday") or visit["day"], visit["hour"]) for visit in visits)
    for (weekday_or_day, hour), n in when.items():
        weekday = weekday_or_day
        if isinstance(weekday_or_day, str):
            weekday = date.fromisoformat(weekday_or_day).isoweekday()
        by_slot[(weekday, hour)] += n
    roles = {code: sums[name] for code, name in ADULT_ROLE_FIELDS.items()}
    bands = {code: sums[name] for code, name in CHILD_BAND_FIELDS.items()}
    return {
        "visits": count,
        "adults": sum(roles.values()),
        "adults_by_role": roles,
        "children": sum(bands.values()),
        "children_by_age": bands,
        "pregnant": sums["pregnant"],
        "first_visits": first_visits,
        "not_known_to_pmi": not_known,
        "first_visits_not_known_to_pmi": both,
        "families_identified": len(families),
        "visits_by_commune": sorted_counts(by_commune),
        "visits_by_channel": sorted_counts(by_channel),
        "visits_by_language": sorted_counts(by_language),
        "interpreter_needed": interpreter,
        "visits_by_weekday_hour": {
            weekday_hour_key(slot): n for slot, n in sorted(by_slot.items())
        },
    }


def recount_from_visit_rows(rows: Iterable[Mapping[str, str]]) -> dict[str, int]:
    """The core totals (``CORE_TOTAL_KEYS``) recomputed from visits.csv rows."""
    full = recount_visit_indicators(rows)
    return {key: int(full[key]) for key in CORE_TOTAL_KEYS}
