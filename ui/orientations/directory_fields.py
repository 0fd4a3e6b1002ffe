"""French for the fields of the partner directory and of the PMI centres, and their refusals."""

from __future__ import annotations

from models.orientations.partners import LIMITS
from ui.widgets.texts import tr

FIELD_NAMES = {
    "name": tr("nom"),
    "partner_type": tr("type"),
    "address": tr("adresse"),
    "commune": tr("commune"),
    "phone": tr("téléphone"),
    "email": tr("courriel"),
    "website": tr("site web"),
    "opening_hours": tr("horaires"),
    "languages": tr("langue"),
    "contact_person": tr("contact"),
    "notes": tr("notes"),
}
FEMININE = {"address", "commune", "languages", "notes"}
PLURAL = {"opening_hours", "notes"}


def field_message(field: str, code: str) -> str:
    """What staff read beside a field of the form."""
    if code == "too_long":
        return tr("Trop long : {max} caractères au plus.").format(max=LIMITS.get(field, 120))
    messages = {
        ("name", "required"): tr("Indiquez un nom."),
        ("phone", "format"): tr("Numéro de téléphone non reconnu : chiffres et espaces."),
        ("email", "format"): tr("Courriel non reconnu (exemple : accueil@exemple.fr)."),
        ("partner_type", "unknown"): tr("Choisissez un type dans la liste."),
        ("commune", "unknown"): tr("Choisissez une commune dans la liste."),
        ("languages", "unknown"): tr("Langue inconnue : choisissez-la dans la liste."),
        ("id", "unknown"): tr("Ce partenaire n'existe plus."),
    }
    return messages.get((field, code), tr("Valeur à corriger."))


def refusal_phrase(field: str, code: str) -> str:
    """« type inconnu », « courriel non reconnu », « adresse trop longue »… for one CSV line."""
    name = FIELD_NAMES.get(field, field)
    ending = ("e" if field in FEMININE else "") + ("s" if field in PLURAL else "")
    if code == "required":
        return tr("{field} manquant").format(field=name)
    if code == "unknown":
        return tr("{field} inconnu{e}").format(field=name, e=ending)
    if code == "format":
        return tr("{field} non reconnu{e}").format(field=name, e=ending)
    if code == "too_long":
        return tr("{field} trop long{e}").format(field=name, e=ending)
    if code == "duplicate":
        return tr("déjà dans l'annuaire (même nom, même commune)")
    return tr("{field} à corriger").format(field=name)
