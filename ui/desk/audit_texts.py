"""What the audit journal says: each action and each kind of thing in French, never a code."""

from __future__ import annotations

from ui.widgets.texts import tr

AUDIT_ACTIONS = {
    "visit.create": "Passage enregistré",
    "visit.update": "Passage corrigé",
    "visit.delete": "Passage supprimé",
    "visit.restore": "Passage rétabli",
    "family.create": "Famille connue créée",
    "family.access": "Données d'une famille consultées",
    "family.correct": "Fiche d'une famille corrigée",
    "family.unlink": "Famille plus reconnue (opposition)",
    "family.erase": "Fiche d'une famille effacée",
    "orientation.create": "Orientation PMI ajoutée",
    "orientation.status": "Suite d'une orientation",
    "orientation.delete": "Orientation retirée",
    "referral.create": "Orientation partenaire ajoutée",
    "referral.status": "Suite d'une orientation partenaire",
    "referral.delete": "Orientation partenaire retirée",
    "referral.slip": "Fiche d'orientation imprimée",
    "export.write": "Export hebdomadaire écrit",
    "session.create": "Séance ajoutée",
    "session.update": "Séance modifiée",
    "session.status": "Séance annulée ou rétablie",
    "session.attendance": "Présences d'une séance",
    "outreach.start": "Sortie commencée",
    "outreach.finish": "Sortie terminée",
    "partner.create": "Partenaire ajouté",
    "partner.update": "Partenaire modifié",
    "partner.import": "Annuaire importé",
    "pmi_centre.save": "Centre de PMI enregistré",
    "site.setup": "Cabane installée",
    "site.poster": "Réglages des documents",
    "site.recipients": "Clés de la coordination",
    "site.lock_minutes": "Délai de verrouillage",
    "staff.create": "Personne ajoutée à l'équipe",
    "staff.pin_set": "Code personnel choisi",
    "staff.pin_reset": "Code personnel remis à zéro",
    "desk.unlock": "Accueil déverrouillé",
    "retention.purge": "Effacement selon les durées de conservation",
}


def audit_action_label(code: str) -> str:
    """An audit action in French; an action this version does not know shows as such."""
    label = AUDIT_ACTIONS.get(code)
    return tr(label) if label else tr("Autre action ({code})").format(code=code)


AUDIT_ENTITIES = {
    "visit": "passage",
    "family": "famille",
    "staff": "équipe",
    "site": "cabane",
    "pmi_centre": "centre de PMI",
    "partner": "partenaire",
    "session": "séance",
    "weekly_export": "export hebdomadaire",
    "orientation": "orientation PMI",
    "referral": "orientation partenaire",
    "outreach": "sortie",
    "retention": "conservation",
}


def audit_entity_label(code: str) -> str:
    label = AUDIT_ENTITIES.get(code)
    return tr(label) if label else code
