"""The rows of a weekly file, read and checked for the coordination to keep.

visits.csv is recounted against the indicators (weekly_file); here every part is also
read into typed rows, each value checked (catalogue codes, counts within physical bounds,
times inside the week, orientations and referrals of the file's own visits). A problem
is a ValueError with the French reason the import shows: the file is refused alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from models import catalogues
from models.desk.checkin import COUNT_FIELDS
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
_SMALL = {str(n): n for n in range(MAX_COUNT + 1)}
COUNT_COLUMNS = COUNT_FIELDS  # a visit's people, as the desk records them
ANSWERS = frozenset({"yes", "no", "unknown"})
FLAGS = frozenset({"0", "1"})  # counts as written: one dict lookup each
PLACES = frozenset({"paris", "hors93", "sans_domicile", "unknown"})


Table = tuple[list[str], list[list[str]]]  # a CSV member: its header, then its rows


def dict_rows(table: Table) -> list[dict[str, str]]:
    """A member's rows as csv.DictReader reads them: a short row lacks its last columns
    (reported as absent), a long one's extra values are not read."""
    header, rows = table
    return [dict(zip(header, values, strict=False)) for values in rows]


@dataclass(frozen=True)
class WeeklyRows:
    """The rows ready to insert as they are (``day`` is the Paris date, written as the
    database keeps dates: « 2026-11-30 »). Visits are tuples in ``VISIT_KEYS``' order (a
    département's ten years are millions: no dict made for each), the other parts
    column name → value dicts."""

    visits: list[tuple[Any, ...]] = field(default_factory=list)
    orientations: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    outings: list[dict[str, Any]] = field(default_factory=list)
    surveys: list[dict[str, Any]] = field(default_factory=list)  # surveys.json's counts


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
        value = row.get(name)
        known = _SMALL.get(value) if value is not None else None
        if known is not None and known <= most:  # the usual case: one lookup
            return known
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


@cache
def _known(kind: str) -> frozenset[str]:
    """The codes of a catalogue, computed once (a file has thousands of cells to check)."""
    return catalogues.codes(getattr(catalogues, kind)())


def _minutes(read: _Reader, starts: datetime, ends: datetime) -> int:
    minutes = int((ends - starts).total_seconds() // 60)
    if not 0 <= minutes <= 24 * 60:
        raise read.fail("fin avant le début, ou plus d'un jour après")
    return minutes


def read_rows(csv_table: Callable[[str], Table], period: tuple[datetime, datetime]) -> WeeklyRows:
    """Every part of a weekly file as rows; ValueError (French) at the first bad value."""
    communes = _known("communes") | PLACES
    header, raw = csv_table("visits.csv")
    visits = _visits_at_once(header, raw, period, communes)
    if visits is None:  # something unusual: row by row, to say what and where
        visits = _visits_one_by_one(dict_rows((header, raw)), period, communes)
    rows = WeeklyRows(visits=visits)
    at = header.index("visit_id") if visits else 0  # read in every visit kept
    days = {values[at]: visit[0] for values, visit in zip(raw, visits, strict=True)}

    _read_visit_parts(csv_table, period, days, rows)

    def csv_rows(member: str) -> list[dict[str, str]]:
        return dict_rows(csv_table(member))

    read = _Reader("sessions.csv", period)
    statuses = _known("session_statuses")
    for read.line, row in enumerate(csv_rows("sessions.csv"), start=2):
        starts = read.time(row, "starts_at").astimezone(PARIS)
        ends = read.time(row, "ends_at", within=False)
        rows.sessions.append(
            {
                "session_ref": read.text(row, "session_id"),
                "day": starts.date().isoformat(),
                "activity": read.code(row, "activity", _known("activity_types")),
                "hour": starts.hour,
                "minutes": _minutes(read, starts, ends),
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
        starts = read.time(row, "starts_at").astimezone(PARIS)
        numbers = ("adults", "children", "pregnant", "flyers", "conversations")
        ended = read.text(row, "ends_at").strip()  # empty: an outing still under way
        ends = read.time(row, "ends_at", within=False) if ended else starts
        rows.outings.append(
            {
                "day": starts.date().isoformat(),
                "hour": starts.hour,
                "minutes": _minutes(read, starts, ends),
                "commune": read.code(row, "commune", communes),
                **{name: read.count(row, name, MAX_OUTING_COUNT) for name in numbers},
                "orientations": _orientations_given(read, row),
            }
        )
    return rows


def _visit_checks(communes: frozenset[str]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The coded columns of visits.csv and the codes each may hold, in the rows' order."""
    return (
        ("first_visit", ANSWERS),
        ("known_to_pmi", ANSWERS),
        ("commune", communes),
        ("heard_via", _known("channels")),
        ("interpreter_needed", FLAGS),
    )


def _visits_one_by_one(
    raw: list[dict[str, str]], period: tuple[datetime, datetime], communes: frozenset[str]
) -> list[tuple[Any, ...]]:
    """visits.csv read row by row: ValueError naming the first bad value and its line."""
    visits: list[tuple[Any, ...]] = []
    read = _Reader("visits.csv", period)
    checks = _visit_checks(communes)
    for read.line, row in enumerate(raw, start=2):
        counts = [read.count(row, name, MAX_COUNT) for name in COUNT_COLUMNS]
        codes = [read.code(row, name, known) for name, known in checks]
        arrived = read.time(row, "arrived_at")
        for name, limit in VISIT_TEXTS:
            read.text(row, name, limit)
        read.text(row, "visit_id")
        local = arrived.astimezone(PARIS)
        stored = (local.date().isoformat(), local.hour, *counts, *codes[:4], row["languages"])
        stored += (codes[4] == "1", row["reasons"], row["session_id"], row["family_ref"])
        visits.append(stored)  # one shape, both paths
    return visits


VISIT_TEXTS = (("languages", 120), ("reasons", 240), ("session_id", 40), ("family_ref", 40))
VISIT_KEYS = (  # a visit as the coordination keeps it (coord_visits), in this order
    "day",
    "hour",
    *COUNT_COLUMNS,
    "first_visit",
    "known_to_pmi",
    "commune",
    "heard_via",
    "languages",
    "interpreter_needed",
    "reasons",
    "session_ref",
    "family_ref",
)


def _visits_at_once(
    header: list[str],
    raw: list[list[str]],
    period: tuple[datetime, datetime],
    communes: frozenset[str],
) -> list[tuple[Any, ...]] | None:
    """visits.csv checked column by column (a week of a busy cabane is hundreds of rows,
    a département's ten years millions): the visits, or None if anything is unusual
    (a column missing, a row of another length, any value out of the usual)."""
    if not raw:
        return []
    checks = _visit_checks(communes)
    names = (*COUNT_COLUMNS, *(n for n, _ in checks), *(n for n, _ in VISIT_TEXTS))
    names = (*names, "arrived_at", "visit_id")
    if not set(names) <= set(header):
        return None
    try:
        every = list(zip(*raw, strict=True))  # one tuple a column
        columns = {name: every[header.index(name)] for name in names}
        arrivals = list(map(datetime.fromisoformat, columns["arrived_at"]))
        start, end = period
        usual = (
            all(set(columns[name]) <= _SMALL.keys() for name in COUNT_COLUMNS)
            and all(set(columns[name]) <= known for name, known in checks)
            and all(max(map(len, columns[name])) <= limit for name, limit in VISIT_TEXTS)
            and max(map(len, columns["visit_id"])) <= 40
            and all(arrived.tzinfo is not None for arrived in arrivals)
            and start <= min(arrivals)
            and max(arrivals) < end
        )
    except (IndexError, ValueError, TypeError):
        return None
    if not usual:
        return None
    local = [arrived.astimezone(PARIS) for arrived in arrivals]
    return list(
        zip(
            [moment.date().isoformat() for moment in local],
            [moment.hour for moment in local],
            *([_SMALL[value] for value in columns[name]] for name in COUNT_COLUMNS),
            columns["first_visit"],
            columns["known_to_pmi"],
            columns["commune"],
            columns["heard_via"],
            columns["languages"],
            [flag == "1" for flag in columns["interpreter_needed"]],
            columns["reasons"],
            columns["session_id"],
            columns["family_ref"],
            strict=True,
        )
    )


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
    csv_table: Callable[[str], Table],
    period: tuple[datetime, datetime],
    days: dict[str, str],
    rows: WeeklyRows,
) -> None:
    """orientations.csv and referrals.csv: each of a visit of the file, on its day."""
    visits = frozenset(days)
    parts = (
        ("orientations.csv", rows.orientations, ("service", "status")),
        ("referrals.csv", rows.referrals, ("partner_type", "theme", "status")),
    )
    catalogue = {
        "orientations.csv": {"service": "pmi_services", "status": "orientation_statuses"},
        "referrals.csv": {
            "partner_type": "partner_types",
            "theme": "referral_themes",
            "status": "referral_statuses",
        },
    }
    for member, into, names in parts:
        checks = (("visit_id", visits), *((n, _known(catalogue[member][n])) for n in names))
        table = csv_table(member)
        found = _codes_at_once(table, checks)
        if found is None:  # something unusual: row by row, to say what and where
            read = _Reader(member, period)
            found = []
            for read.line, row in enumerate(dict_rows(table), start=2):
                found.append(tuple(read.code(row, name, known) for name, known in checks))
        keys = ("day", *names)  # the visit's day in place of its id
        into.extend(dict(zip(keys, (days[row[0]], *row[1:]), strict=True)) for row in found)


def _codes_at_once(
    table: Table, checks: tuple[tuple[str, frozenset[str]], ...]
) -> list[tuple[str, ...]] | None:
    """The member's ``checks`` columns, row by row, if every value is a known code (None
    if anything is unusual: a column missing, a row of another length, an unknown code)."""
    header, raw = table
    if not raw:
        return []
    try:
        every = list(zip(*raw, strict=True))  # one tuple a column
        columns = [every[header.index(name)] for name, _known_codes in checks]
    except (IndexError, ValueError):
        return None
    if not all(set(column) <= known for column, (_n, known) in zip(columns, checks, strict=True)):
        return None
    return list(zip(*columns, strict=True))
