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

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.figures.aggregates import AGE_BAND_CODES, ROLE_CODES
from models.store.coordination_entities import (
    CoordOrientation,
    CoordOuting,
    CoordReferral,
    CoordSession,
    CoordVisit,
)

ALL = "*"  # the key of the figures of every cabane asked, together
ROLE_COLUMNS = dict(
    zip(ROLE_CODES, ("mothers", "fathers", "other_adults", "professionals"), strict=True)
)
BAND_COLUMNS = dict(
    zip(
        AGE_BAND_CODES,
        (
            "children_0_5m",
            "children_6_11m",
            "children_12_23m",
            "children_24_35m",
            "children_3_5y",
            "children_6y_plus",
        ),
        strict=True,
    )
)
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
    v = CoordVisit
    columns = (
        v.site_code,
        v.day,
        v.hour,
        *(getattr(v, name) for name in ROLE_COLUMNS.values()),
        *(getattr(v, name) for name in BAND_COLUMNS.values()),
        v.pregnant,
        v.first_visit,
        v.known_to_pmi,
        v.commune,
        v.heard_via,
        v.languages,
        v.interpreter_needed,
        v.reasons,
        v.family_ref,
    )
    roles, bands = len(ROLE_COLUMNS), len(BAND_COLUMNS)
    for row in session.execute(select(*columns).where(*_where(v, first, last, sites))):
        figures = by_site[row[0]]
        totals, groups = figures.totals, figures.groups
        day, hour = row[1], row[2]
        adult_counts = row[3 : 3 + roles]
        child_counts = row[3 + roles : 3 + roles + bands]
        pregnant, first_visit, known, commune, channel, languages, interpreter, reasons, family = (
            row[3 + roles + bands :]
        )
        totals["visits"] += 1
        totals["adults"] += sum(adult_counts)
        totals["children"] += sum(child_counts)
        totals["pregnant"] += pregnant
        is_first, not_known = first_visit == "yes", known == "no"
        totals["first_visits"] += is_first
        totals["not_known_to_pmi"] += not_known
        totals["first_visits_not_known_to_pmi"] += is_first and not_known
        totals["interpreter_needed"] += bool(interpreter)
        totals["came_through_the_street"] += is_first and channel == "street"
        groups["adults_by_role"].update(_positive(ROLE_COLUMNS, adult_counts))
        groups["children_by_age"].update(_positive(BAND_COLUMNS, child_counts))
        groups["visits_by_commune"][commune] += 1
        groups["visits_by_channel"][channel] += 1
        groups["visits_by_language"].update({code for code in languages.split("|") if code})
        groups["visits_by_reason"].update({code for code in reasons.split("|") if code})
        groups["visits_by_weekday_hour"][f"{day.isoweekday()}-{hour:02d}"] += 1
        groups["visits_by_weekday"][str(day.isoweekday())] += 1
        groups["visits_by_hour"][f"{hour:02d}"] += 1
        year, week, _ = day.isocalendar()
        groups["visits_by_week"][f"{year}-S{week:02d}"] += 1
        groups["visits_by_month"][f"{day.year}-{day.month:02d}"] += 1
        if family:
            figures.families.add(f"{day.year}:{family}")  # a family_ref lasts one year


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
