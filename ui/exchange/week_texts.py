"""How a week and its figures are said on the export screen."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from models import catalogues
from models.figures.indicators import WeeklyIndicators
from models.store.base import PARIS
from ui.widgets.texts import capitalised, date_text, time_text, tr, week_text

if TYPE_CHECKING:
    from models.exchange.exporter import ExportRecord


TOP_COMMUNES = 5


NB_HYPHEN = "\u2011"


def period_text(iso_year: int, iso_week: int) -> str:
    """« Semaine du 16 au 22 novembre 2026 »."""
    return capitalised(week_text(iso_year, iso_week))


def short_digest(sha256: str) -> str:
    return f"{sha256[:8]}…{sha256[-8:]}"


def exported_text(record: ExportRecord) -> str:
    """« exportée le 28/11/2026 à 15:00 » (the revision is a technical detail)."""
    moment = record.exported_at.astimezone(PARIS)
    return tr("exportée le {date} à {time}").format(date=date_text(moment), time=time_text(moment))


def technical_text(record: ExportRecord) -> str:
    """For « Détails techniques »: what the coordination's IT may ask about a file."""
    return tr("Révision {revision} · empreinte SHA-256 : {digest}").format(
        revision=record.revision, digest=record.sha256
    )


def figure_labels() -> dict[str, str]:
    return {
        "visits": tr("Passages"),
        "adults": tr("Adultes"),
        "children": tr("Enfants"),
        "pregnant": tr("Femmes enceintes"),
        "first_visits": tr("Premières venues"),
        "not_known_to_pmi": tr("Familles pas connues de la PMI"),
        "first_visits_not_known_to_pmi": tr("Premières venues pas connues de la PMI"),
        "families_identified": tr("Familles connues"),
        "interpreter_needed": tr("Besoins d'interprète"),
    }


def breakdowns(figures: WeeklyIndicators) -> dict[str, list[tuple[str, int]]]:
    """The by-category counts in French labels (no codes), in reading order."""
    by_age = [
        (catalogues.label(catalogues.age_bands(), code), n)
        for code, n in figures.children_by_age.items()
    ]
    communes = sorted(figures.visits_by_commune.items(), key=lambda item: (-item[1], item[0]))
    top = [(catalogues.label(catalogues.communes(), c), n) for c, n in communes[:TOP_COMMUNES]]
    others = sum(n for _c, n in communes[TOP_COMMUNES:])
    if others:
        top.append((tr("Autres communes"), others))

    def labelled(
        entries: tuple[catalogues.Entry, ...], counts: dict[str, int]
    ) -> list[tuple[str, int]]:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [(catalogues.label(entries, code), n) for code, n in ordered]

    return {
        "children_by_age": by_age,
        "visits_by_commune": top,
        "visits_by_channel": labelled(catalogues.channels(), figures.visits_by_channel),
        "visits_by_language": labelled(catalogues.languages(), figures.visits_by_language),
    }


def breakdown_html(rows: list[tuple[str, int]]) -> str:
    """« Les Lilas <b>12</b> · Bagnolet <b>3</b> »: compact, readable, no codes.

    Lines break only between entries, never inside « Dans la rue, vélo-cargo ».
    """
    shown = [
        f"{escape(text).replace(' ', '&nbsp;').replace('-', NB_HYPHEN)}&nbsp;<b>{n}</b>"
        for text, n in rows
        if n
    ]
    return "&nbsp;· ".join(shown) or escape(tr("aucun"))
