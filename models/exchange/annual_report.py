"""The annual activity report (« Bilan d'activité ») funders ask for, from a year's figures.

What the CNAF's survey of lieux d'accueil enfants-parents, the REAAP / parentalité
reporting and the ARS's « 1000 premiers jours » calls ask: opening sessions and hours,
sessions a week, people per session, new families, children by age and adults by role,
parents and children per activity, who led the sessions, outreach, orientations and
referrals, and the share of families not known to the PMI before. Plain lines in French
(the document's words), the same for the PDF and the spreadsheet, for one cabane (from
its desk or at the coordination) or for all cabanes together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from models import catalogues
from models.exchange.row_figures import Figures
from models.figures.french import MONTHS

# Cells from 1 to 4 are masked in anything published (statistical confidentiality).
MASK_BELOW = 5
MASK_TEXT = "<5"
Count = Callable[[str, str, int], None]  # (section, label, value): one line of the report


@dataclass(frozen=True)
class ReportLine:
    section: str
    label: str
    value: str  # as printed: « 1 234 », « <5 », « 4,5 », « 32 % »


@dataclass(frozen=True)
class AnnualReport:
    year: int
    scope: str  # « Cabane des Lilas », « Les 5 cabanes »
    publication: bool  # counts of 1 to 4 masked
    lines: tuple[ReportLine, ...]
    months: tuple[tuple[str, int | None], ...]  # (« janvier », visits or None) for the chart

    def section(self, name: str) -> list[ReportLine]:
        return [line for line in self.lines if line.section == name]

    @property
    def sections(self) -> list[str]:
        return list(dict.fromkeys(line.section for line in self.lines))


def number(value: float) -> str:
    """« 1 234 », « 4,5 »: French digits (a narrow no-break space between thousands)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def masked(value: int, publication: bool) -> int | str:
    """The count as published: « <5 » for 1 to 4 with ``publication``, else itself."""
    return MASK_TEXT if publication and 0 < value < MASK_BELOW else value


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def annual_report(figures: Figures, year: int, scope: str, publication: bool) -> AnnualReport:
    lines: list[ReportLine] = []
    f = figures

    def count(section: str, label: str, value: int) -> None:
        shown = MASK_TEXT if publication and 0 < value < MASK_BELOW else number(value)
        lines.append(ReportLine(section, label, shown))

    def ratio(section: str, label: str, part: float, whole: float, percent: bool = False) -> None:
        if whole < MASK_BELOW:  # too few to say a share or an average
            lines.append(ReportLine(section, label, "—"))
            return
        value = part / whole * (100 if percent else 1)
        said = f"{number(round(value))} %" if percent else number(round(value, 1))
        lines.append(ReportLine(section, label, said))

    held = f.groups["sessions_held_by_activity"]
    sessions = sum(held.values())
    opening = held.get("open_welcome", 0)
    hours_open = round(f.groups["minutes_held_by_activity"].get("open_welcome", 0) / 60)
    weeks = max(1, len(f.groups["visits_by_week"]))
    people = f.value("adults") + f.value("children")
    section = "Accueil"
    count(section, "Séances d'accueil libre réalisées", opening)
    count(section, "Heures d'ouverture (accueil libre)", hours_open)
    ratio(section, "Séances réalisées par semaine d'activité", sessions, weeks)
    count(section, "Passages (familles ou groupes accueillis)", f.value("visits"))
    count(section, "Personnes accueillies (adultes et enfants)", people)
    ratio(section, "Passages par séance d'accueil libre", f.value("visits"), opening)
    section = "Familles"
    count(section, "Nouvelles familles (premières venues)", f.value("first_visits"))
    ratio(
        section,
        "Part des passages de familles pas connues de la PMI",
        f.value("not_known_to_pmi"),
        f.value("visits"),
        percent=True,
    )
    count(section, "Premières venues grâce à l'aller-vers", f.value("came_through_the_street"))
    count(section, "Femmes enceintes accueillies", f.value("pregnant"))
    count(section, "Passages avec besoin d'un interprète", f.value("interpreter_needed"))
    section = "Adultes par rôle"
    count(section, "Adultes", f.value("adults"))
    for entry in catalogues.adult_roles():
        count(section, entry.label, f.value(f"adults_by_role.{entry.code}"))
    section = "Enfants par âge"
    count(section, "Enfants", f.value("children"))
    for entry in catalogues.age_bands():
        count(section, entry.label, f.value(f"children_by_age.{entry.code}"))
    _activities(f, count)
    section = "Animation des séances"
    team = f.groups["facilitators"]
    for kind, label in (
        ("salaried", "salariés"),
        ("volunteers", "bénévoles"),
        ("partner_staff", "intervenants de partenaires"),
    ):
        count(section, f"Interventions de {label}", team.get(kind, 0))
        ratio(section, f"Moyenne par séance : {label}", team.get(kind, 0), sessions)
    _outreach_and_follow_ups(f, count)
    return AnnualReport(year, scope, publication, tuple(lines), _months(f, year))


def _months(f: Figures, year: int) -> tuple[tuple[str, int | None], ...]:
    """The visits of each month; None before the first month with visits and after the
    last (nothing recorded yet, or a cabane opened in the year: no bar, not a zero). A
    month in between with none is a real 0 (closed in August)."""
    counts = [int(f.groups["visits_by_month"].get(f"{year}-{m:02d}", 0)) for m in range(1, 13)]
    seen = [m for m, n in enumerate(counts) if n]
    first, last = (seen[0], seen[-1]) if seen else (12, -1)
    return tuple((MONTHS[m], counts[m] if first <= m <= last else None) for m in range(12))


def _activities(f: Figures, count: Count) -> None:
    """Sessions held, parents and children, per activity type."""
    participants = f.groups["participants_by_activity"]
    for entry in catalogues.activity_types():
        held = f.groups["sessions_held_by_activity"].get(entry.code, 0)
        if not held:
            continue
        section = f"Activité : {entry.label}"
        count(section, "Séances réalisées", held)
        count(section, "Adultes présents", participants.get(f"{entry.code}.adults", 0))
        count(section, "Enfants présents", participants.get(f"{entry.code}.children", 0))


def _outreach_and_follow_ups(f: Figures, count: Count) -> None:
    outreach = f.groups["outreach"]
    section = "Aller-vers"
    for key, label in (
        ("outings", "Sorties"),
        ("adults", "Adultes rencontrés"),
        ("children", "Enfants rencontrés"),
        ("pregnant", "Femmes enceintes rencontrées"),
        ("flyers", "Flyers donnés"),
    ):
        count(section, label, outreach.get(key, 0))
    section = "Orientations vers la PMI"
    services = f.groups["orientations_by_service"]
    count(section, "Orientations", sum(services.values()))
    count(section, "dont honorées", f.groups["orientations_by_status"].get("honoured", 0))
    for entry in catalogues.pmi_services():
        if services.get(entry.code):
            count(section, entry.label, services[entry.code])
    section = "Orientations vers les partenaires"
    kinds = f.groups["referrals_by_partner_type"]
    count(section, "Orientations", sum(kinds.values()))
    count(section, "dont réalisées", f.groups["referrals_by_status"].get("done", 0))
    for entry in catalogues.partner_types():
        if kinds.get(entry.code):
            count(section, entry.label, kinds[entry.code])
