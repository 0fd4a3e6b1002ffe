"""How the dashboard says its figures and periods in French."""

from __future__ import annotations

import html
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale

from models import catalogues
from ui.widgets.texts import tr

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


def figure_captions() -> dict[str, tuple[str, str]]:
    """Each big figure: its caption, and a sentence for the tooltip."""
    return {
        "visits": (tr("passages"), tr("Nombre de venues à la cabane")),
        "adults": (tr("adultes"), tr("Mères, pères, autres adultes et professionnels venus")),
        "children": (tr("enfants"), tr("Enfants venus, tous âges")),
        "pregnant": (tr("femmes enceintes"), tr("Femmes enceintes venues")),
        "first_visits": (
            tr("premières venues"),
            tr("Passages d'une famille venue pour la 1re fois"),
        ),
        "not_known_to_pmi": (
            tr("familles pas connues de la PMI"),
            tr("Passages d'une famille qui n'était pas connue de la PMI"),
        ),
        "orientations": (tr("orientations PMI"), tr("Orientations vers un service de PMI")),
        "referrals": (tr("orientations partenaires"), tr("Orientations vers un partenaire")),
        "outreach_contacts": (
            tr("contacts d'aller-vers"),
            tr("Adultes et enfants rencontrés pendant les sorties d'aller-vers"),
        ),
        "sessions": (tr("séances réalisées"), tr("Séances du programme réalisées")),
    }


def day_text(day: date) -> str:
    return FRENCH.toString(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy")


def period_text(start: datetime, end: datetime) -> str:
    """« samedi 28 novembre 2026 » or « du lundi 23 novembre 2026 au dimanche 29 … »."""
    first = start.date()
    last = date.fromordinal(end.date().toordinal() - 1)
    if first >= last:
        return day_text(first)
    return tr("du {first} au {last}").format(first=day_text(first), last=day_text(last))


def breakdown_lines_html(
    entries: tuple[catalogues.Entry, ...], counts: dict[str, int], every_line: bool = False
) -> str:
    """A two-column table: the French label, then the count (zero lines left out unless
    ``every_line``)."""
    known = [(e.label, counts.get(e.code, 0)) for e in entries if every_line or counts.get(e.code)]
    codes = {e.code for e in entries}
    known += [(code, n) for code, n in counts.items() if code not in codes and n]
    if not known:
        return f"<i>{html.escape(tr('Aucune sur la période'))}</i>"
    rows = "".join(
        f"<tr><td>{html.escape(label)}</td>"
        f"<td align='right' style='padding-left:12px'><b>{n}</b></td></tr>"
        for label, n in known
    )
    return f"<table width='100%' cellspacing='2'>{rows}</table>"
