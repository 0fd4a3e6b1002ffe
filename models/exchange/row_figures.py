"""The coordination's figures of a set of rows: the one place they are counted.

``figures_of_rows`` counts the rows of an imported week once, at import (kept with the
week as its summary), and the rows of the days a period takes from weeks it does not
cover whole, when the period is asked (``period_figures``). Every figure is a sum, or a
set of families: the figures of a period are the sums of its weeks' and days' figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS
from models.exchange.weekly_rows import VISIT_KEYS, WeeklyRows
from models.figures.aggregates import sorted_counts

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
OUTING_NUMBERS = ("adults", "children", "pregnant", "flyers", "conversations", "orientations")
FACILITATOR_KINDS = ("salaried", "volunteers", "partner_staff")
Row = Mapping[str, Any]  # a row as stored: column → value (``day`` a date or an ISO text)


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
            if counts:
                self.groups[name].update(counts)
        self.families |= other.families

    def summary(self) -> dict[str, Any]:
        """These figures as JSON keeps them (zero counts and empty groups left out)."""
        groups = {
            name: {c: n for c, n in group.items() if n} for name, group in self.groups.items()
        }
        return {
            "totals": {key: number for key, number in self.totals.items() if number},
            "groups": {name: counts for name, counts in groups.items() if counts},
            "families": sorted(self.families),
        }


class SummarySum:
    """The sum of many summaries (``Figures.summary``), in plain dicts until read: a
    year of the département is some 1,700 of them, and ``Counter.update`` checks more
    than it adds."""

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.groups: dict[str, dict[str, int]] = {}
        self.families: set[str] = set()

    def add(self, summary: Mapping[str, Any]) -> None:
        for into, added in ((self.totals, summary["totals"]), *self._groups(summary)):
            get = into.get
            for key, number in added.items():
                into[key] = get(key, 0) + number
        if summary["families"]:
            self.families.update(summary["families"])

    def _groups(self, summary: Mapping[str, Any]) -> list[tuple[dict[str, int], Any]]:
        groups = self.groups
        return [(groups.setdefault(name, {}), counts) for name, counts in summary["groups"].items()]

    def summary(self) -> dict[str, Any]:
        """This sum as a summary of its own (``Figures.summary``'s shape)."""
        return {"totals": self.totals, "groups": self.groups, "families": sorted(self.families)}

    def figures(self) -> Figures:
        figures = Figures(families=self.families)
        for key, number in self.totals.items():
            figures.totals[key] += number
        for name, counts in self.groups.items():
            figures.groups[name].update(counts)
        return figures


def figures_of_rows(
    visits: Iterable[Row] | Iterable[Sequence[Any]],
    orientations: Iterable[Row] = (),
    referrals: Iterable[Row] = (),
    sessions: Iterable[Row] = (),
    outings: Iterable[Row] = (),
    *,
    visit_columns: Sequence[str] | None = None,
) -> Figures:
    """The figures of these rows (any cabane's, any days: the caller chose them). Visits
    are mappings, or tuples in the order of ``visit_columns`` (as the database gives
    them: thousands for a year's edge days, no dict made for each)."""
    figures = Figures()
    if visit_columns is None:
        _count_visits(figures, visits, itemgetter)
    else:
        at = {name: position for position, name in enumerate(visit_columns)}
        _count_visits(figures, visits, lambda *names: itemgetter(*(at[n] for n in names)))
    groups = figures.groups
    for row in orientations:
        groups["orientations_by_service"][row["service"]] += 1
        groups["orientations_by_status"][row["status"]] += 1
    for row in referrals:
        groups["referrals_by_partner_type"][row["partner_type"]] += 1
        groups["referrals_by_theme"][row["theme"]] += 1
        groups["referrals_by_status"][row["status"]] += 1
    for row in sessions:
        if row["status"] != "held":
            continue
        activity = row["activity"]
        groups["sessions_held_by_activity"][activity] += 1
        groups["minutes_held_by_activity"][activity] += row["minutes"]
        groups["participants_by_activity"][f"{activity}.adults"] += row["adults"]
        groups["participants_by_activity"][f"{activity}.children"] += row["children"]
        for kind in FACILITATOR_KINDS:
            groups["facilitators"][kind] += row[kind]
    outreach = groups["outreach"]
    for row in outings:
        outreach["outings"] += 1
        for name in OUTING_NUMBERS:
            outreach[name] += row[name]
    for name in [name for name, counts in groups.items() if counts]:
        groups[name] = +groups[name]  # no zero counts: a summary keeps what is there
    return figures


def week_figures(rows: WeeklyRows) -> Figures:
    """The figures of a weekly file's rows, counted once: kept with the week as its
    summary, and the file's stated indicators checked against them."""
    parts = (rows.orientations, rows.referrals, rows.sessions, rows.outings)
    return figures_of_rows(rows.visits, *parts, visit_columns=VISIT_KEYS)


def visit_indicators_of(figures: Figures) -> dict[str, Any]:
    """The visits' part of indicators.json (``indicators.VISIT_KEYS``, as the desk's
    ``visit_indicators`` writes it) from a week's figures: what the cabane should have
    stated, counted the coordination's way."""
    totals, groups = figures.totals, figures.groups
    slots: dict[str, int] = {}
    for key, count in groups["visits_by_weekday_hour"].items():
        weekday, _, hour = key.partition("-")
        slots[f"{weekday}-{int(hour)}"] = count  # « 2-09 » is written « 2-9 » there
    same = ("visits", "adults", "children", "pregnant", "first_visits", "not_known_to_pmi")
    return {
        **{key: totals[key] for key in same},
        "first_visits_not_known_to_pmi": totals["first_visits_not_known_to_pmi"],
        "interpreter_needed": totals["interpreter_needed"],
        "adults_by_role": {code: groups["adults_by_role"][code] for code in ROLE_COLUMNS},
        "children_by_age": {code: groups["children_by_age"][code] for code in BAND_COLUMNS},
        # a family_ref is « year:ref » here (a week may hold two years' days), once there
        "families_identified": len({family.partition(":")[2] for family in figures.families}),
        "visits_by_commune": sorted_counts(groups["visits_by_commune"]),
        "visits_by_channel": sorted_counts(groups["visits_by_channel"]),
        "visits_by_language": sorted_counts(groups["visits_by_language"]),
        "visits_by_weekday_hour": slots,
    }


def _count_visits(
    figures: Figures, visits: Iterable[Any], getter: Callable[..., Callable[[Any], Any]]
) -> None:
    """Visits counted by kind first, in C (``Counter`` of tuples: a week has a few
    distinct communes, days, hours…), then each kind's count spread on its figures."""
    visits = visits if isinstance(visits, list) else list(visits)
    if not visits:
        return
    columns = (*ROLE_COLUMNS.values(), *BAND_COLUMNS.values(), "pregnant")
    by_column = zip(*map(getter(*columns), visits), strict=True)  # one tuple a column
    sums = dict(zip(columns, map(sum, by_column), strict=True))
    kinds = Counter(map(getter(*KIND_COLUMNS), visits))
    languages = Counter(map(getter("languages"), visits))
    reasons = Counter(map(getter("reasons"), visits))
    slots = Counter(map(getter("day", "hour"), visits))
    for day, family in map(getter("day", "family_ref"), visits):
        if family:
            figures.families.add(f"{str(day)[:4]}:{family}")  # a family_ref lasts a year
    totals, groups = figures.totals, figures.groups
    roles = {code: sums[name] for code, name in ROLE_COLUMNS.items()}
    bands = {code: sums[name] for code, name in BAND_COLUMNS.items()}
    groups["adults_by_role"].update(roles)
    groups["children_by_age"].update(bands)
    totals["adults"] = sum(roles.values())
    totals["children"] = sum(bands.values())
    totals["pregnant"] = sums["pregnant"]
    for (first, known, commune, channel, interpreter), count in kinds.items():
        totals["visits"] += count
        totals["first_visits"] += count * (first == "yes")
        totals["not_known_to_pmi"] += count * (known == "no")
        totals["first_visits_not_known_to_pmi"] += count * (first == "yes" and known == "no")
        totals["interpreter_needed"] += count * bool(interpreter)
        totals["came_through_the_street"] += count * (first == "yes" and channel == "street")
        groups["visits_by_commune"][commune] += count
        groups["visits_by_channel"][channel] += count
    for joined, group in ((languages, "visits_by_language"), (reasons, "visits_by_reason")):
        for text, count in joined.items():
            for code in {code for code in text.split("|") if code}:
                groups[group][code] += count
    for (day_value, hour), count in slots.items():
        day_text = str(day_value)
        day = date.fromisoformat(day_text)
        weekday = day.isoweekday()
        year, week, _ = day.isocalendar()
        groups["visits_by_weekday_hour"][f"{weekday}-{hour:02d}"] += count
        groups["visits_by_weekday"][str(weekday)] += count
        groups["visits_by_hour"][f"{hour:02d}"] += count
        groups["visits_by_week"][f"{year}-S{week:02d}"] += count
        groups["visits_by_month"][day_text[:7]] += count


KIND_COLUMNS = ("first_visit", "known_to_pmi", "commune", "heard_via", "interpreter_needed")
