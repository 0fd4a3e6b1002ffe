"""The coordination's figures as the rows of one table: a heading per theme, then a line
per figure, a column per cabane (and « Ensemble » when there are several).

Every label is French from the catalogues (never a code); a group shows the codes some
cabane has, most frequent first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from models import catalogues
from models.exchange.row_figures import ALL, Figures
from models.figures.calendar import iso_monday
from models.figures.french import WEEKDAYS, french_span
from ui.widgets.texts import tr

MASK_BELOW = 5


@dataclass(frozen=True)
class FigureRow:
    label: str
    values: tuple[int, ...] = ()  # one per column; empty for a heading
    heading: bool = False
    tenths: bool = False  # an average, in tenths (« 12,4 »), not a count

    def text(self, column: int) -> str:
        value = self.values[column]
        if self.tenths:
            return f"{value // 10},{value % 10}"
        return str(value)

    def cells(self, publication: bool) -> list[str]:
        """The values as text; for publication, counts of 1 to 4 become « <5 » (an
        average is not a count: it is shown as it is)."""
        masked = publication and not self.tenths
        return [
            "<5" if masked and 0 < value < MASK_BELOW else self.text(column)
            for column, value in enumerate(self.values)
        ]


def columns(figures: dict[str, Figures], names: dict[str, str]) -> list[tuple[str, str]]:
    """(key, title) of the table's columns: each cabane, then « Ensemble » if several."""
    sites = [(code, names.get(code, code)) for code in figures if code != ALL]
    return sites + ([(ALL, tr("Ensemble"))] if len(sites) > 1 else [])


def figure_rows(figures: dict[str, Figures], keys: Sequence[str]) -> list[FigureRow]:
    """Every row of the table, for the columns ``keys`` (cabane codes, or ALL)."""
    shown = [figures.get(key, Figures()) for key in keys]
    rows: list[FigureRow] = []

    def line(label: str, get: Callable[[Figures], int]) -> None:
        rows.append(FigureRow(label, tuple(get(f) for f in shown)))

    def group(title: str, name: str, label: Callable[[str], str], order: str = "count") -> None:
        codes: dict[str, int] = {}
        for one in shown:
            for code, count in one.groups[name].items():
                codes[code] = codes.get(code, 0) + count
        if not codes:
            return
        rows.append(FigureRow(title, heading=True))
        ordered = (
            sorted(codes, key=lambda c: (-codes[c], label(c)))
            if order == "count"
            else sorted(codes)
        )
        for code in ordered:
            line(label(code), _in(name, code))

    rows.append(FigureRow(tr("Fréquentation"), heading=True))
    for key, label in (
        ("visits", tr("Passages")),
        ("first_visits", tr("Premières venues")),
        ("not_known_to_pmi", tr("Familles pas connues de la PMI")),
        ("first_visits_not_known_to_pmi", tr("Premières venues pas connues de la PMI")),
        ("came_through_the_street", tr("Premières venues grâce à l'aller-vers (rue)")),
        ("families_identified", tr("Familles connues de la cabane (distinctes)")),
        ("interpreter_needed", tr("Besoin d'un interprète")),
    ):
        line(label, _value(key))
    rows.append(FigureRow(tr("Personnes accueillies"), heading=True))
    line(tr("Adultes"), lambda f: f.value("adults"))
    for entry in catalogues.adult_roles():
        line(
            tr("  dont {role}").format(role=entry.label.lower()), _in("adults_by_role", entry.code)
        )
    line(tr("Femmes enceintes"), lambda f: f.value("pregnant"))
    line(tr("Enfants"), lambda f: f.value("children"))
    for entry in catalogues.age_bands():
        line(tr("  dont {band}").format(band=entry.label), _in("children_by_age", entry.code))
    _labelled(group, catalogues.communes, "visits_by_commune", tr("Communes des familles"))
    _labelled(
        group, catalogues.channels, "visits_by_channel", tr("Comment elles ont connu la cabane")
    )
    _labelled(group, catalogues.languages, "visits_by_language", tr("Langues parlées"))
    _labelled(group, catalogues.reasons, "visits_by_reason", tr("Motifs de venue"))
    _labelled(
        group, catalogues.pmi_services, "orientations_by_service", tr("Orientations vers la PMI")
    )
    _labelled(
        group,
        catalogues.orientation_statuses,
        "orientations_by_status",
        tr("Suites des orientations PMI"),
    )
    _labelled(
        group,
        catalogues.partner_types,
        "referrals_by_partner_type",
        tr("Orientations vers les partenaires"),
    )
    _labelled(
        group,
        catalogues.referral_statuses,
        "referrals_by_status",
        tr("Suites des orientations partenaires"),
    )
    _labelled(
        group, catalogues.activity_types, "sessions_held_by_activity", tr("Séances réalisées")
    )
    _opening_and_team(rows, shown)
    _participants(rows, shown)
    _outreach(rows, shown)
    group(tr("Passages par jour de la semaine"), "visits_by_weekday", _weekday, order="code")
    group(tr("Passages par heure d'arrivée"), "visits_by_hour", _hour, order="code")
    group(tr("Passages par semaine"), "visits_by_week", _week, order="code")
    return rows


def _value(key: str) -> Callable[[Figures], int]:
    return lambda f: f.value(key)


def _in(name: str, code: str) -> Callable[[Figures], int]:
    return lambda f: int(f.groups[name].get(code, 0))


def _labelled(
    group: Callable[[str, str, Callable[[str], str]], None],
    entries: Callable[[], tuple[catalogues.Entry, ...]],
    name: str,
    title: str,
) -> None:
    known = entries()
    group(title, name, lambda code: catalogues.label(known, code) if code else tr("Non précisé"))


def _opening_and_team(rows: list[FigureRow], shown: Sequence[Figures]) -> None:
    """The opening sessions held and their hours; who led the sessions, by kind."""
    if not any(f.groups["sessions_held_by_activity"] for f in shown):
        return
    rows.append(FigureRow(tr("Ouverture et animation"), heading=True))
    rows.append(
        FigureRow(
            tr("Séances d'accueil libre"), _each(shown, "sessions_held_by_activity", "open_welcome")
        )
    )
    minutes = _each(shown, "minutes_held_by_activity", "open_welcome")
    rows.append(FigureRow(tr("Heures d'accueil libre"), tuple(round(m / 60) for m in minutes)))
    for kind, label in (
        ("salaried", tr("Interventions de salariés")),
        ("volunteers", tr("Interventions de bénévoles")),
        ("partner_staff", tr("Interventions de partenaires")),
    ):
        rows.append(FigureRow(label, _each(shown, "facilitators", kind)))


def _each(shown: Sequence[Figures], group: str, code: str) -> tuple[int, ...]:
    return tuple(int(f.groups[group].get(code, 0)) for f in shown)


def _participants(rows: list[FigureRow], shown: Sequence[Figures]) -> None:
    """Adults and children at the sessions held, all activities together."""
    if not any(f.groups["participants_by_activity"] for f in shown):
        return
    rows.append(FigureRow(tr("Participation aux séances réalisées"), heading=True))
    for suffix, label in ((".adults", tr("Adultes")), (".children", tr("Enfants"))):
        rows.append(
            FigureRow(
                label,
                tuple(
                    sum(
                        n
                        for k, n in f.groups["participants_by_activity"].items()
                        if k.endswith(suffix)
                    )
                    for f in shown
                ),
            )
        )


def _outreach(rows: list[FigureRow], shown: Sequence[Figures]) -> None:
    if not any(f.groups["outreach"]["outings"] for f in shown):
        return
    rows.append(FigureRow(tr("Aller-vers"), heading=True))
    for key, label in (
        ("outings", tr("Sorties")),
        ("adults", tr("Adultes rencontrés")),
        ("children", tr("Enfants rencontrés")),
        ("pregnant", tr("Femmes enceintes rencontrées")),
        ("conversations", tr("Échanges")),
        ("flyers", tr("Flyers donnés")),
        ("orientations", tr("Orientations données")),
    ):
        rows.append(FigureRow(label, tuple(int(f.groups["outreach"][key]) for f in shown)))
    rows.append(
        FigureRow(
            tr("Personnes rencontrées par sortie (moyenne)"),
            tuple(_per_outing(f.groups["outreach"]) for f in shown),
            tenths=True,
        )
    )


def _per_outing(outreach: Mapping[str, int]) -> int:
    """Adults and children met per outing, in tenths, rounded (0 without an outing)."""
    outings = outreach.get("outings", 0)
    met = outreach.get("adults", 0) + outreach.get("children", 0)
    return (met * 20 + outings) // (2 * outings) if outings else 0


def _weekday(code: str) -> str:
    return WEEKDAYS[int(code) - 1].capitalize()


def _hour(code: str) -> str:
    return tr("{hour} h").format(hour=int(code))


def _week(code: str) -> str:
    year, week = code.split("-S")
    monday = iso_monday(int(year), int(week))
    return tr("Semaine {span}").format(span=french_span(monday, monday + timedelta(days=6)))
