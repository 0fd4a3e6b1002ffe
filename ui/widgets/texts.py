"""The one French catalogue: formats of times, dates, weeks and counts, and every message
staff read when something is refused or goes wrong, from the domain's codes (DESIGN.md:
models hold codes, the UI phrases them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from models import catalogues
from models.desk.checkin import ADULT_ROLE_FIELDS, CHILD_BAND_FIELDS, MAX_COUNT, VisitDraft
from models.figures.french import french_span
from models.store.limits import LABEL_MAX, NOTE_MAX

if TYPE_CHECKING:
    from models.orientations.orientations import OrientationError


def tr(text: str) -> str:
    return QCoreApplication.translate("Cabane", text)


def ntr(text: str, n: int) -> str:
    """A count said with Qt's plural forms: ntr("%n séance(s) ajoutée(s)", 4) is « 4 séances
    ajoutées », 1 is « 1 séance ajoutée » (resources/translations/cabane_fr.ts)."""
    return QCoreApplication.translate("Cabane", text, None, n)


def time_text(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def date_text(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y")


def composition(draft: VisitDraft) -> str:
    """« 1 mère, 1 enfant 6 à 11 mois » — what the list and the confirmation say."""
    parts = []
    short_roles = {
        "mother": "%n mère(s)",
        "father": "%n père(s)",
        "other_adult": "%n autre(s) adulte(s)",
        "professional": "%n professionnel·le(s)",
    }
    for role, field in ADULT_ROLE_FIELDS.items():
        n = draft.count(field)
        if n:
            parts.append(ntr(short_roles[role], n))
    if draft.pregnant:
        parts.append(ntr("dont %n enceinte(s)", draft.pregnant))
    for band, field in CHILD_BAND_FIELDS.items():
        n = draft.count(field)
        if n:
            band_label = catalogues.label(catalogues.age_bands(), band)
            parts.append(f"{ntr('%n enfant(s)', n)} {band_label}")
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
    """« semaine du 23 au 29 novembre 2026 » (capitalise it at the start of a sentence)."""
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    sunday = date.fromisocalendar(iso_year, iso_week, 7)
    return tr("semaine {span}").format(span=french_span(monday, sunday))


def week_short(iso_year: int, iso_week: int) -> str:
    """« 23/11 – 29/11/2026 » where a column is narrow."""
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    sunday = date.fromisocalendar(iso_year, iso_week, 7)
    return f"{monday.day}/{monday.month:02d} – {sunday.day}/{sunday.month:02d}/{sunday.year}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# ----- messages

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
    "to_bring": tr("liste « à apporter »"),
}
FEMININE = {"address", "commune", "languages", "notes", "to_bring"}
PLURAL = {"opening_hours", "notes"}


def validation_message(code: str) -> str:
    messages = {
        "no_person": tr("Indiquez au moins une personne : un adulte ou un enfant."),
        "pregnant_exceeds_mothers": tr(
            "Il ne peut pas y avoir plus de femmes enceintes que de mères ou futures mères."
        ),
        "count_out_of_range": tr("Chaque nombre va de 0 à {max}.").format(max=MAX_COUNT),
        "in_future": tr("L'heure d'arrivée est dans le futur : corrigez-la."),
        "note_too_long": tr("La note est trop longue ({max} caractères au plus).").format(
            max=NOTE_MAX
        ),
        "unknown_code": tr("Choix inconnu : choisissez dans la liste."),
        "duplicate": tr("Cette langue est déjà choisie."),
        "unknown_family": tr("Cette famille n'existe plus : choisissez-en une autre."),
        "unknown_session": tr("Cette séance n'existe plus dans le programme : décochez-la."),
        "no_timezone": tr("Heure d'arrivée invalide."),
    }
    return messages.get(code, tr("Valeur à corriger."))


def refusal_message(code: str, detail: str = "") -> str:
    """Why a weekly file was refused, in French, for the coordination (``detail``: the
    first reason of an invalid content, already French)."""
    if code == "invalid_content":
        reason = tr("contenu invalide")
        return f"{reason} ({detail})" if detail else reason
    if code == "unknown_key":
        return tr(
            "cabane pas encore reconnue : vérifiez avec elle l'empreinte de sa clé "
            "({fingerprint}), puis faites-lui confiance"
        ).format(fingerprint=detail)
    if code == "untrusted_key":
        return tr(
            "signé par une autre clé que celle enregistrée pour cette cabane (empreinte "
            "{fingerprint}) : refusé, sauf si vous confirmez le changement d'ordinateur"
        ).format(fingerprint=detail)
    messages = {
        "not_age": tr("ce n'est pas un fichier chiffré age"),
        "wrong_key": tr("fichier chiffré pour une autre clé que celle de cette coordination"),
        "damaged": tr("fichier tronqué ou abîmé"),
        "unknown_format": tr("format inconnu (pas un fichier hebdomadaire Cabane)"),
        "unknown_version": tr("version de format inconnue : mettez Cabane à jour"),
        "missing_member": tr("fichier incomplet"),
        "bad_checksum": tr("contenu modifié après l'export (empreinte incorrecte)"),
        "older_revision": tr("révision plus ancienne que celle déjà importée"),
        "same_revision_differs": tr("même révision que celle importée, mais contenu différent"),
        "too_large": tr("fichier trop gros pour un fichier hebdomadaire"),
        "unreadable": tr("fichier illisible"),
        "too_many_members": tr("trop d'éléments dans le fichier pour un fichier hebdomadaire"),
        "unsigned_version": tr(
            "ancien format, non signé : mettez Cabane à jour dans la cabane et exportez de nouveau"
        ),
        "bad_signature": tr(
            "signature absente ou fausse : ce fichier n'est pas tel qu'une cabane l'a écrit"
        ),
        "too_large_inflated": tr("contenu trop volumineux une fois décompressé"),
    }
    return messages.get(code, tr("fichier refusé"))


def outreach_message(code: str) -> str:
    messages = {
        "required": tr("Indiquez le lieu de la sortie."),
        "too_long": tr("Trop long : raccourcissez le texte."),
        "unknown": tr("Choisissez dans la liste."),
        "in_future": tr("L'heure de début est dans le futur : corrigez-la."),
        "out_of_range": tr("Rien à annuler : ce compteur est déjà à 0 (ou au maximum)."),
        "before_start": tr("L'heure de fin est avant le début de la sortie."),
    }
    return messages.get(code, tr("Valeur à corriger."))


def orientation_message(error: OrientationError) -> str:
    messages = {
        "service": tr("Choisissez un service dans la liste."),
        "centre": tr("Ce centre de PMI n'existe plus : choisissez-en un autre."),
        "status": tr("Choisissez un statut."),
        "appointment_at": tr("Date de rendez-vous invalide."),
        "partner": tr("Ce partenaire n'est plus actif : choisissez-en un autre."),
        "theme": tr("Choisissez un thème dans la liste."),
        "visit": tr("Ce passage a été supprimé entre-temps."),
    }
    return messages.get(error.field, tr("Valeur à corriger."))


def session_message(field_name: str, code: str) -> str:
    from models.programme.programme import TITLE_MAX  # the programme: not at start

    messages = {
        ("activity", "unknown"): tr("Choisissez une activité dans la liste."),
        ("ends_at", "before_start"): tr("La fin doit être après le début : corrigez l'heure."),
        ("ends_at", "too_long"): tr("Une séance dure 12 heures au plus."),
        ("starts_at", "no_timezone"): tr("Heure de début invalide."),
        ("title", "too_long"): tr("Titre trop long ({max} caractères au plus).").format(
            max=TITLE_MAX
        ),
        ("address", "required"): tr("Indiquez l'adresse du lieu."),
        ("capacity", "out_of_range"): tr("De 1 à 200 places (0 : sans limite)."),
        ("age", "out_of_range"): tr("Âges de 0 à 72 mois, le premier avant le second."),
        ("registrations", "too_long"): tr("200 noms au plus, de 60 caractères chacun."),
        ("facilitators", "out_of_range"): tr("De 0 à 20 personnes de chaque sorte."),
        ("partner", "unknown"): tr("Ce partenaire n'existe plus : choisissez-en un autre."),
        ("session", "unknown"): tr("Cette séance n'existe plus : choisissez-en une autre."),
        ("adults", "out_of_range"): tr("De 0 à 500 adultes."),
        ("children", "out_of_range"): tr("De 0 à 500 enfants."),
    }
    return messages.get((field_name, code), tr("Choisissez dans la liste."))


def partner_field_message(field: str, code: str) -> str:
    """What staff read beside a field of the directory's or the PMI centres' forms."""
    from models.orientations.partners import LIMITS  # the directory: not at start

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


def partner_refusal_phrase(field: str, code: str) -> str:
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


def family_message(code: str) -> str:
    """Why a known family could not be created."""
    messages = {
        "no_consent": tr("Cochez l'accord de la famille, ou laissez le passage anonyme."),
        "label": tr("Indiquez un nom choisi (au plus {max} caractères).").format(max=LABEL_MAX),
        "phone": tr("Numéro de téléphone non reconnu : chiffres et espaces seulement."),
    }
    return messages.get(code, tr("Vérifiez les champs."))


def export_message(code: str, week_refused: bool = False) -> str:
    """Why a weekly export did not happen, and what to do."""
    messages = {
        "no_recipient": tr(
            "Ajoutez d'abord la clé de la coordination (en bas à gauche). Rien n'a été écrit."
        ),
        "bad_recipient": tr(
            "Une clé de la coordination est invalide : retirez-la et ajoutez la bonne "
            "clé. Rien n'a été écrit."
        ),
        "write_failed": tr(
            "Le fichier n'a pas pu être écrit dans ce dossier (disque ou clé USB pleine, "
            "clé retirée, ou dossier protégé). Rien n'est perdu : les passages restent "
            "dans Cabane. Choisissez un autre dossier et exportez à nouveau."
        ),
    }
    if code in messages:
        return messages[code]
    if week_refused:
        return tr("Cette semaine n'existe pas. Choisissez une semaine dans la liste.")
    return tr(
        "L'export n'a pas pu se faire. Rien n'est perdu : réessayez ; si cela "
        "continue, prévenez la coordination."
    )


def damaged_text(code: str) -> str:
    """What a damaged database means (the damaged screen shows « Restaurer » beside it)."""
    where = tr("une partie est illisible")
    if code == "damaged_header":
        where = tr("son début est illisible")
    return tr(
        "La base de données de Cabane est abîmée ({where}), sans doute après une coupure "
        "de courant ou un disque défaillant. Pour ne rien abîmer de plus, rien n'y est écrit."
    ).format(where=where)


def fault_message(code: str, folder: object = "") -> str:
    """Why the data folder cannot be opened (desktop/folder/faults.py), and what to do.

    A storage fault never speaks of the key or the recovery code: those are for
    ``wrong_key`` and ``key_missing`` only.
    """
    restore_hint = " " + tr(
        "Restaurez la dernière sauvegarde : Cabane la propose à l'ouverture (« Restaurer »)."
    )
    messages = {
        "in_use": tr(
            "Cabane est déjà ouverte sur cet ordinateur, pour ce dossier de données. "
            "Utilisez la fenêtre déjà ouverte (regardez dans la barre des tâches)."
        ),
        "folder_read_only": tr(
            "Le dossier des données de Cabane est protégé en écriture : rien ne peut y "
            "être enregistré. Demandez au service informatique de le rendre modifiable "
            "({folder}), puis rouvrez Cabane. Rien n'est perdu."
        ),
        "disk_full": tr(
            "Le disque de cet ordinateur est plein : Cabane ne peut rien enregistrer. "
            "Libérez de la place (corbeille, téléchargements, vidéos), puis rouvrez "
            "Cabane. Rien de ce qui était enregistré n'est perdu."
        ),
        "db_read_only": tr(
            "Le fichier de la base de Cabane est protégé en écriture. Demandez au "
            "service informatique de le rendre modifiable (cabane.db dans {folder}), "
            "puis rouvrez Cabane. Rien n'est perdu."
        ),
        "damaged_header": damaged_text("damaged_header") + restore_hint,
        "damaged_page": damaged_text("damaged_page") + restore_hint,
        "wrong_key": tr(
            "La clé ne correspond pas à la base de cette cabane. Relancez Cabane et "
            "saisissez le code de secours."
        ),
        "wrong_passphrase": tr(
            "Phrase secrète incorrecte. Vérifiez les majuscules et réessayez ; en cas "
            "d'oubli, le code de secours ouvre aussi la base."
        ),
        "key_missing": tr(
            "La clé de la base n'est pas dans le trousseau de cet ordinateur. Ouvrez "
            "Cabane (la fenêtre) et saisissez le code de secours."
        ),
        "not_set_up": tr("Cabane n'est pas encore installée ici : lancez « cabane setup »."),
        "locked": tr(
            "La base de Cabane est occupée par un autre programme (copie, antivirus, "
            "sauvegarde). Attendez une minute, puis réessayez."
        ),
    }
    fallback = tr(
        "Le disque refuse la lecture ou l'écriture des données de Cabane. Redémarrez "
        "l'ordinateur ; si cela continue, prévenez le service informatique."
    )
    return messages.get(code, fallback).format(folder=folder)


def save_failed_message(cause: str) -> str:
    """A save refused by the storage (StorageError.cause): what typed is kept, what to do."""
    reasons = {
        "disk_full": tr(
            "Rien n'a pu être enregistré : le disque est plein. Ce qui est saisi est "
            "conservé : libérez de la place (corbeille, téléchargements), puis réessayez."
        ),
        "read_only": tr(
            "Rien n'a pu être enregistré : la base est protégée en écriture. Ce qui est "
            "saisi est conservé. Prévenez le service informatique."
        ),
        "damaged": tr(
            "Rien n'a pu être enregistré : la base de données est abîmée. Notez ce qui "
            "est saisi, fermez Cabane et rouvrez-la : elle proposera de restaurer la "
            "dernière sauvegarde."
        ),
        "locked": tr(
            "Rien n'a pu être enregistré : la base est occupée par un autre programme. "
            "Ce qui est saisi est conservé : réessayez dans un instant."
        ),
    }
    return reasons.get(
        cause,
        tr(
            "Rien n'a pu être enregistré : le disque refuse l'écriture. Ce qui est saisi "
            "est conservé : réessayez ; si cela continue, prévenez la coordination."
        ),
    )


BACKUP_COUNT_NAMES = (
    ("visits", "passages"),
    ("families", "familles connues"),
    ("activity_sessions", "séances"),
    ("partners", "partenaires"),
    ("outreach_outings", "sorties"),
)


def backup_counts_text(counts: dict[str, int]) -> str:
    """« 1 234 passages, 12 familles connues, … » for a backup's manifest or a copy."""
    return ", ".join(
        f"{counts.get(key, 0):,} {tr(name)}".replace(",", "\u202f")
        for key, name in BACKUP_COUNT_NAMES
    )


def backup_refusal_message(code: str) -> str:
    """Why a backup file cannot be restored (desktop/folder/backups.BackupRefused)."""
    return {
        "not_backup": tr("Ce fichier n'est pas une sauvegarde de Cabane."),
        "unknown_version": tr(
            "Sauvegarde faite par une version plus récente de Cabane : mettez Cabane à jour."
        ),
        "damaged": tr("Fichier de sauvegarde abîmé ou incomplet : prenez une autre sauvegarde."),
        "unreadable": tr("Fichier illisible : vérifiez la clé USB et réessayez."),
        "too_large": tr("Fichier trop gros pour une sauvegarde de Cabane."),
        "bad_code": tr("Code de secours incomplet ou mal recopié (14 groupes de 4 caractères)."),
        "wrong_code": tr("Ce code de secours n'est pas celui de cette sauvegarde."),
        "no_keychain": tr(
            "Pas de trousseau sécurisé sur cet ordinateur : choisissez une phrase secrète "
            "(10 caractères au moins), demandée à chaque ouverture."
        ),
        "short_passphrase": tr("La phrase secrète doit faire au moins 10 caractères."),
    }.get(code, tr("Sauvegarde refusée."))


def staff_refusal(code: str) -> str:
    """Why a member of staff was not added."""
    if code == "not_referent":
        return tr(
            "Ajouter une personne est réservé à la référente : choisissez-la dans "
            "« À l'accueil », puis recommencez."
        )
    return tr("Nom non retenu : 80 caractères au plus.")


def survey_message(field_name: str, code: str) -> str:
    """Why a questionnaire or an answer sheet was refused (SurveyError, DefinitionError)."""
    messages = {
        "questions_count": tr("Un questionnaire a de 1 à 12 questions."),
        "choices_count": tr("Une question à choix propose de 2 à 12 choix."),
        "french_missing": tr("Chaque texte doit être écrit au moins en français."),
        "too_long": tr("Un texte est trop long : raccourcissez-le."),
        "duplicate_choice": tr("Deux choix portent le même code."),
        "bounds": tr("Le nombre le plus petit doit être inférieur au plus grand."),
        "empty": tr("Aucune réponse : rien n'est enregistré."),
        "out_of_bounds": tr("Ce nombre est hors des limites de la question."),
        "unknown_choice": tr("Ce choix n'existe pas dans cette version du questionnaire."),
        "in_future": tr("La date des réponses ne peut pas être dans le futur."),
        "unknown": tr("Ce questionnaire, cette séance ou cette sortie n'existe plus."),
        "not_referent": tr(
            "Seule la référente peut rendre un texte publiable : choisissez-la dans "
            "« À l'accueil », puis recommencez."
        ),
    }
    del field_name  # the form puts the sentence beside its field
    return messages.get(code, tr("Cette réponse n'est pas retenue : vérifiez-la."))
