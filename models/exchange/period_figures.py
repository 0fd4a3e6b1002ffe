"""The coordination's figures for any period and any cabanes, counted from the rows kept.

``period_figures(factory, first, last, sites)`` gives, for each cabane asked and for all of
them together (``ALL``), the figures of DESIGN.md §5 over [first, last] (Paris dates,
both included): visits, people by role and age, first visits and families not known to
the PMI, communes, channels, languages, reasons, interpreter needs, orientations and how
many were honoured, referrals, sessions held and attendance, outreach, weekdays and hours,
and the trend week by week. Exact counts: masking small cells is for what is published.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS
from models.store.coordination_entities import (
    CoordOrientation,
    CoordOuting,
    CoordReferral,
    CoordSession,
    CoordVisit,
)

# the totals the visits' query sums after the people, in its order
COUNTED_TOTALS = (
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "first_visits_not_known_to_pmi",
    "interpreter_needed",
    "came_through_the_street",
)
ALL = "*"  # the key of the figures of every cabane asked, together
# role or age band code → the visit's column (one definition, the desk's)
ROLE_COLUMNS = ADULT_ROLE_FIELDS
BAND_COLUMNS = CHILD_BAND_FIELDS
TOTALS = (
    "visits",
    "adults",
    "children",
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "first_visits_not_known_to_pmi",
    "interpreter_needed",
    "came_through_the_street",
)
GROUPS = (
    "adults_by_role",
    "children_by_age",
    "visits_by_commune",
    "visits_by_channel",
    "visits_by_language",
    "visits_by_reason",
    "visits_by_weekday_hour",
    "visits_by_weekday",
    "visits_by_hour",
    "visits_by_week",
    "visits_by_month",
    "orientations_by_service",
    "orientations_by_status",
    "referrals_by_partner_type",
    "referrals_by_theme",
    "referrals_by_status",
    "sessions_held_by_activity",
    "minutes_held_by_activity",
    "participants_by_activity",
    "facilitators",
    "outreach",
)


@dataclass
class Figures:
    """One cabane's (or all cabanes') figures over the period."""

    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TOTALS, 0))
    groups: dict[str, Counter[str]] = field(
        default_factory=lambda: {name: Counter() for name in GROUPS}
    )
    families: set[str] = field(default_factory=set)

    @property
    def families_identified(self) -> int:
        return len(self.families)

    def value(self, key: str) -> int:
        """« visits », « adults_by_role.mother », « families_identified »…"""
        if key == "families_identified":
            return self.families_identified
        if "." in key:
            group, code = key.split(".", 1)
            return int(self.groups[group].get(code, 0))
        return int(self.totals[key])

    def add(self, other: Figures) -> None:
        for key, number in other.totals.items():
            self.totals[key] += number
        for name, counts in other.groups.items():
            self.groups[name].update(counts)
        self.families |= other.families


def period_figures(
    factory: sessionmaker[Session], first: date, last: date, sites: Sequence[str] | None = None
) -> dict[str, Figures]:
    """Figures per cabane code over [first, last], and ``ALL`` for them together."""
    by_site: dict[str, Figures] = defaultdict(Figures)
    with factory() as session:
        _visits(session, first, last, sites, by_site)
        _visit_parts(session, first, last, sites, by_site)
        _sessions_and_outings(session, first, last, sites, by_site)
    together = Figures()
    for figures in by_site.values():
        together.add(figures)
    return {**dict(sorted(by_site.items())), ALL: together}


def _where(table: Any, first: date, last: date, sites: Sequence[str] | None) -> list[Any]:
    clauses = [table.day >= first, table.day <= last]
    if sites is not None:
        clauses.append(table.site_code.in_(list(sites)))
    return clauses


def _visits(
    session: Session,
    first: date,
    last: date,
    sites: Sequence[str] | None,
    by_site: dict[str, Figures],
) -> None:
    """The visits' figures, summed by the database (a year of 110 cabanes is some 740,000
    rows): totals per cabane, then one grouping per figure; only what a grouping leaves
    (days, joined language codes) is finished here."""
    v = CoordVisit
    where = _where(v, first, last, sites)
    first_visit, not_known = v.first_visit == "yes", v.known_to_pmi == "no"
    counted = (
        func.count(),
        *(func.sum(getattr(v, name)) for name in ROLE_COLUMNS.values()),
        *(func.sum(getattr(v, name)) for name in BAND_COLUMNS.values()),
        func.sum(v.pregnant),
        func.sum(case((first_visit, 1), else_=0)),
        func.sum(case((not_known, 1), else_=0)),
        func.sum(case((first_visit & not_known, 1), else_=0)),
        func.sum(case((v.interpreter_needed, 1), else_=0)),
        func.sum(case((first_visit & (v.heard_via == "street"), 1), else_=0)),
    )
    roles, bands = len(ROLE_COLUMNS), len(BAND_COLUMNS)
    for site_code, count, *sums in session.execute(
        select(v.site_code, *counted).where(*where).group_by(v.site_code)
    ):
        figures = by_site[site_code]
        values = [int(value or 0) for value in sums]
        adults, children = values[:roles], values[roles : roles + bands]
        totals = figures.totals
        totals["visits"] += count
        totals["adults"] += sum(adults)
        totals["children"] += sum(children)
        for key, value in zip(COUNTED_TOTALS, values[roles + bands :], strict=True):
            totals[key] += value
        figures.groups["adults_by_role"].update(_positive(ROLE_COLUMNS, adults))
        figures.groups["children_by_age"].update(_positive(BAND_COLUMNS, children))
    for column, group in ((v.commune, "visits_by_commune"), (v.heard_via, "visits_by_channel")):
        query = select(v.site_code, column, func.count()).where(*where)
        for site_code, code, count in session.execute(query.group_by(v.site_code, column)):
            by_site[site_code].groups[group][code] += count
    for column, group in ((v.languages, "visits_by_language"), (v.reasons, "visits_by_reason")):
        query = select(v.site_code, column, func.count()).where(*where)
        for site_code, joined, count in session.execute(query.group_by(v.site_code, column)):
            for code in {code for code in joined.split("|") if code}:
                by_site[site_code].groups[group][code] += count
    slots = select(v.site_code, v.day, v.hour, func.count()).where(*where)
    for site_code, day, hour, count in session.execute(slots.group_by(v.site_code, v.day, v.hour)):
        groups = by_site[site_code].groups
        weekday = day.isoweekday()
        year, week, _ = day.isocalendar()
        groups["visits_by_weekday_hour"][f"{weekday}-{hour:02d}"] += count
        groups["visits_by_weekday"][str(weekday)] += count
        groups["visits_by_hour"][f"{hour:02d}"] += count
        groups["visits_by_week"][f"{year}-S{week:02d}"] += count
        groups["visits_by_month"][f"{day.year}-{day.month:02d}"] += count
    in_year = extract("year", v.day)  # portable: SQLite and PostgreSQL
    families = select(v.site_code, in_year, v.family_ref).where(*where, v.family_ref != "")
    for site_code, year_text, family in session.execute(families.distinct()):
        by_site[site_code].families.add(f"{year_text}:{family}")  # a family_ref lasts a year


def _positive(columns: dict[str, str], counts: Iterable[int]) -> dict[str, int]:
    return {code: n for code, n in zip(columns, counts, strict=True) if n}


def _visit_parts(
    session: Session,
    first: date,
    last: date,
    sites: Sequence[str] | None,
    by_site: dict[str, Figures],
) -> None:
    for table, column, group in (
        (CoordOrientation, CoordOrientation.service, "orientations_by_service"),
        (CoordOrientation, CoordOrientation.status, "orientations_by_status"),
        (CoordReferral, CoordReferral.partner_type, "referrals_by_partner_type"),
        (CoordReferral, CoordReferral.theme, "referrals_by_theme"),
        (CoordReferral, CoordReferral.status, "referrals_by_status"),
    ):
        query = (
            select(table.site_code, column, func.count())
            .where(*_where(table, first, last, sites))
            .group_by(table.site_code, column)
        )
        for site_code, code, count in session.execute(query):
            by_site[site_code].groups[group][code] += count


def _sessions_and_outings(
    session: Session,
    first: date,
    last: date,
    sites: Sequence[str] | None,
    by_site: dict[str, Figures],
) -> None:
    s = CoordSession
    held = select(
        s.site_code,
        s.activity,
        s.minutes,
        s.adults,
        s.children,
        s.salaried,
        s.volunteers,
        s.partner_staff,
    ).where(*_where(s, first, last, sites), s.status == "held")
    for site_code, activity, minutes, adults, children, *team in session.execute(held):
        groups = by_site[site_code].groups
        groups["sessions_held_by_activity"][activity] += 1
        groups["minutes_held_by_activity"][activity] += minutes
        groups["participants_by_activity"][f"{activity}.adults"] += adults
        groups["participants_by_activity"][f"{activity}.children"] += children
        for kind, count in zip(("salaried", "volunteers", "partner_staff"), team, strict=True):
            groups["facilitators"][kind] += count
    o = CoordOuting
    numbers = ("adults", "children", "pregnant", "flyers", "conversations", "orientations")
    outings = (
        select(o.site_code, func.count(), *(func.sum(getattr(o, name)) for name in numbers))
        .where(*_where(o, first, last, sites))
        .group_by(o.site_code)
    )
    for site_code, count, *sums in session.execute(outings):
        outreach = by_site[site_code].groups["outreach"]
        outreach["outings"] += count
        for name, total in zip(numbers, sums, strict=True):
            outreach[name] += int(total or 0)
