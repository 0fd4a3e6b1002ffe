"""French sentences for the codes the domain returns, and French formatting helpers."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from models import catalogues
from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS, VisitDraft


def tr(text: str) -> str:
    return QCoreApplication.translate("Cabane", text)


def time_text(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def date_text(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y")


def composition(draft: VisitDraft) -> str:
    """« 1 mère, 1 enfant 6 à 11 mois » — what the list and the confirmation say."""
    parts = []
    short_roles = {
        "mother": (tr("mère"), tr("mères")),
        "father": (tr("père"), tr("pères")),
        "other_adult": (tr("autre adulte"), tr("autres adultes")),
        "professional": (tr("professionnel·le"), tr("professionnel·les")),
    }
    for role, field in ADULT_ROLE_FIELDS.items():
        n = draft.count(field)
        if n:
            one, many = short_roles[role]
            parts.append(f"{n} {one if n == 1 else many}")
    if draft.pregnant:
        parts.append(
            tr("dont {n} enceinte").format(n=draft.pregnant)
            if draft.pregnant == 1
            else tr("dont {n} enceintes").format(n=draft.pregnant)
        )
    for band, field in CHILD_BAND_FIELDS.items():
        n = draft.count(field)
        if n:
            band_label = catalogues.label(catalogues.age_bands(), band)
            noun = tr("enfant") if n == 1 else tr("enfants")
            parts.append(f"{n} {noun} {band_label}")
    return ", ".join(parts)


def tags(draft: VisitDraft, family_label: str | None = None) -> list[str]:
    result = []
    if draft.first_visit == "yes":
        result.append(tr("1re venue"))
    if draft.known_to_pmi == "no":
        result.append(tr("pas connue de la PMI"))
    if draft.heard_via != "unknown":
        result.append(catalogues.label(catalogues.channels(), draft.heard_via))
    if draft.interpreter_needed:
        result.append(tr("interprète"))
    others = [c for c in draft.languages if c != "fr"]
    result += [catalogues.label(catalogues.languages(), c) for c in others]
    if family_label:
        result.append(tr("famille : {label}").format(label=family_label))
    return result


def week_text(iso_year: int, iso_week: int) -> str:
    """« S48 2026 » as the teams write it."""
    return tr("S{week:02d} {year}").format(week=iso_week, year=iso_year)
