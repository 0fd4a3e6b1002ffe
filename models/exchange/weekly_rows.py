"""The rows of a weekly file, read and checked for the coordination to keep.

visits.csv is recounted against the indicators (weekly_file); here every part is also
read into typed rows, each value checked (catalogue codes, counts within physical bounds,
times inside the week, orientations and referrals of the file's own visits). A problem
is a ValueError with the French reason the import shows: the file is refused alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from models import catalogues
from models.store.base import PARIS

MAX_COUNT = 99  # people of one visit in one role or band (as the desk allows)
MAX_OUTING_COUNT = 9999  # people met, flyers given during one outing
MAX_FACILITATORS = 20  # of one kind for one session (as the desk allows)
# our column → the file's; files made before facilitators were recorded have none
FACILITATOR_COLUMNS = {
    "salaried": "facilitators_salaried",
    "volunteers": "facilitators_volunteer",
    "partner_staff": "facilitators_partner",
}
PLACES = frozenset({"paris", "hors93", "sans_domicile", "unknown"})


@dataclass(frozen=True)
class WeeklyRows:
    """Column name → value dicts, ready to insert (``day`` is the Paris date)."""

    visits: list[dict[str, Any]] = field(default_factory=list)
    orientations: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    outings: list[dict[str, Any]] = field(default_factory=list)


class _Reader:
    def __init__(self, member: str, period: tuple[datetime, datetime]) -> None:
        self.member = member
        self.period = period
        self.line = 1

    def fail(self, what: str) -> ValueError:
        return ValueError(f"{self.member} — ligne {self.line} : {what}")

    def text(self, row: Mapping[str, str], name: str, limit: int = 40) -> str:
        value = row.get(name)
        if value is None:
            raise self.fail(f"colonne « {name} » absente")
        if len(value) > limit:
            raise self.fail(f"« {name} » trop long")
        return value

    def code(self, row: Mapping[str, str], name: str, known: frozenset[str]) -> str:
        value = self.text(row, name)
        if value not in known:
            raise self.fail(f"code « {value[:20]} » inconnu pour « {name} »")
        return value

    def count(self, row: Mapping[str, str], name: str, most: int) -> int:
        value = self.text(row, name).strip()
        if not value.isascii() or not value.isdigit() or int(value) > most:
            raise self.fail(f"nombre « {value[:10]} » impossible pour « {name} »")
        return int(value)

    def time(self, row: Mapping[str, str], name: str, within: bool = True) -> datetime:
        try:
            value = datetime.fromisoformat(self.text(row, name).strip())
        except ValueError:
            raise self.fail(f"date « {name} » illisible") from None
        if value.tzinfo is None:
            raise self.fail(f"date « {name} » sans fuseau")
        start, end = self.period
        if within and not start <= value < end:
            raise self.fail(f"« {name} » hors de la semaine du fichier")
        if not within and not start - timedelta(days=1) <= value < end + timedelta(days=8):
            raise self.fail(f"« {name} » trop loin de la semaine du fichier")
        return value


def _codes(entries: tuple[catalogues.Entry, ...]) -> frozenset[str]:
    return catalogues.codes(entries)


def _paris_day(moment: datetime) -> date:
    return moment.astimezone(PARIS).date()


def read_rows(
    csv_rows: Callable[[str], list[dict[str, str]]], period: tuple[datetime, datetime]
) -> WeeklyRows:
    """Every part of a weekly file as rows; ValueError (French) at the first bad value."""
    communes = _codes(catalogues.communes()) | PLACES
    rows = WeeklyRows()
    days: dict[str, date] = {}
    read = _Reader("visits.csv", period)
    answers = frozenset({"yes", "no", "unknown"})
    for read.line, row in enumerate(csv_rows("visits.csv"), start=2):
        arrived = read.time(row, "arrived_at")
        visit_ref = read.text(row, "visit_id")
        days[visit_ref] = _paris_day(arrived)
        counts = {
            name: read.count(row, name, MAX_COUNT)
            for name in (
                "mothers",
                "fathers",
                "other_adults",
                "professionals",
                "pregnant",
                "children_0_5m",
                "children_6_11m",
                "children_12_23m",
                "children_24_35m",
                "children_3_5y",
                "children_6y_plus",
            )
        }
        rows.visits.append(
            {
                "visit_ref": visit_ref,
                "day": days[visit_ref],
                "arrived_at": arrived,
                **counts,
                "first_visit": read.code(row, "first_visit", answers),
                "known_to_pmi": read.code(row, "known_to_pmi", answers),
                "commune": read.code(row, "commune", communes),
                "heard_via": read.code(row, "heard_via", _codes(catalogues.channels())),
                "languages": read.text(row, "languages", 120),
                "interpreter_needed": read.code(row, "interpreter_needed", frozenset("01")) == "1",
                "reasons": read.text(row, "reasons", 240),
                "session_ref": read.text(row, "session_id"),
                "family_ref": read.text(row, "family_ref"),
            }
        )
    _read_visit_parts(csv_rows, period, days, rows)
    read = _Reader("sessions.csv", period)
    statuses = _codes(catalogues.session_statuses())
    for read.line, row in enumerate(csv_rows("sessions.csv"), start=2):
        starts = read.time(row, "starts_at")
        rows.sessions.append(
            {
                "session_ref": read.text(row, "session_id"),
                "day": _paris_day(starts),
                "activity": read.code(row, "activity", _codes(catalogues.activity_types())),
                "starts_at": starts,
                "ends_at": read.time(row, "ends_at", within=False),
                "status": read.code(row, "status", statuses),
                "adults": read.count(row, "adults", MAX_OUTING_COUNT),
                "children": read.count(row, "children", MAX_OUTING_COUNT),
                **{
                    ours: read.count(row, theirs, MAX_FACILITATORS) if theirs in row else 0
                    for ours, theirs in FACILITATOR_COLUMNS.items()
                },
            }
        )
    read = _Reader("outreach.csv", period)
    for read.line, row in enumerate(csv_rows("outreach.csv"), start=2):
        starts = read.time(row, "starts_at")
        numbers = ("adults", "children", "pregnant", "flyers", "conversations")
        ended = read.text(row, "ends_at").strip()  # empty: an outing still under way
        rows.outings.append(
            {
                "outing_ref": read.text(row, "outing_id"),
                "day": _paris_day(starts),
                "starts_at": starts,
                "ends_at": read.time(row, "ends_at", within=False) if ended else starts,
                "commune": read.code(row, "commune", communes),
                **{name: read.count(row, name, MAX_OUTING_COUNT) for name in numbers},
                "orientations": _orientations_given(read, row),
            }
        )
    return rows


def _orientations_given(read: _Reader, row: Mapping[str, str]) -> int:
    """« service=2|other=1 »: how many orientations the outing gave, in all."""
    total = 0
    for part in read.text(row, "orientations", 400).split("|"):
        if not part:
            continue
        _kind, _, number = part.partition("=")
        if not number.isascii() or not number.isdigit() or int(number) > MAX_OUTING_COUNT:
            raise read.fail(f"« orientations » illisible ({part[:20]})")
        total += int(number)
    return total


def _read_visit_parts(
    csv_rows: Callable[[str], list[dict[str, str]]],
    period: tuple[datetime, datetime],
    days: dict[str, date],
    rows: WeeklyRows,
) -> None:
    """orientations.csv and referrals.csv: each of a visit of the file, on its day."""
    read = _Reader("orientations.csv", period)
    services = _codes(catalogues.pmi_services())
    statuses = _codes(catalogues.orientation_statuses())
    for read.line, row in enumerate(csv_rows("orientations.csv"), start=2):
        visit_ref = read.code(row, "visit_id", frozenset(days))
        rows.orientations.append(
            {
                "visit_ref": visit_ref,
                "day": days[visit_ref],
                "service": read.code(row, "service", services),
                "status": read.code(row, "status", statuses),
            }
        )
    read = _Reader("referrals.csv", period)
    kinds = _codes(catalogues.partner_types())
    themes = _codes(catalogues.referral_themes())
    statuses = _codes(catalogues.referral_statuses())
    for read.line, row in enumerate(csv_rows("referrals.csv"), start=2):
        visit_ref = read.code(row, "visit_id", frozenset(days))
        rows.referrals.append(
            {
                "visit_ref": visit_ref,
                "day": days[visit_ref],
                "partner_type": read.code(row, "partner_type", kinds),
                "theme": read.code(row, "theme", themes),
                "status": read.code(row, "status", statuses),
            }
        )
