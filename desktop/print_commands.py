"""``cabane print …``: the documents of the desk written as PDF from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands import open_for_command
from desktop.desk import is_coordination, needs_setup
from desktop.secrets import open_keychain
from models import catalogues
from models.files import write_atomically
from models.orientations import OrientationError, OrientationService
from models.partners import PartnerDirectory


def _err(message: str) -> None:
    print(f"Erreur : {message}", file=sys.stderr)


def _theme(text: str) -> str | None:
    wanted = text.strip().lower()
    for entry in catalogues.referral_themes():
        if wanted in (entry.code, entry.label.lower()):
            return entry.code
    return None


def print_document(args: argparse.Namespace, folder: Path) -> int:
    if args.document != "referral-slip":
        _err("les affiches, flyers et feuilles d'émargement arrivent avec le programme.")
        return 2
    theme = _theme(args.theme)
    if theme is None:
        known = ", ".join(e.code for e in catalogues.referral_themes())
        _err(f"thème « {args.theme} » inconnu. Thèmes : {known}.")
        return 2
    if needs_setup(folder) or is_coordination(folder):
        _err("aucune cabane installée dans ce dossier de données (cabane setup).")
        return 1
    desk = open_for_command(folder, open_keychain())
    if desk is None or desk.site is None:
        return 1
    try:
        partners = PartnerDirectory(desk.factory).search(args.partner)
        if not partners:
            _err(f"aucun partenaire actif ne correspond à « {args.partner} » dans l'annuaire.")
            return 1
        # A document only: nothing is recorded (referrals are recorded at the desk).
        slip = OrientationService(desk.factory, desk.site.id).slip_for_partner(
            partners[0].id, theme, args.first_name, args.appointment
        )
    except OrientationError as error:
        _err(f"fiche impossible ({error.field}).")
        return 2
    finally:
        desk.close()
    from printing.referral_slip import build_referral_slips

    pdf = build_referral_slips([slip], layout=args.layout)
    try:
        write_atomically(Path(args.out), pdf)
    except OSError as error:
        _err(f"impossible d'écrire {args.out} ({error.strerror}).")
        return 1
    print(f"Fiche d'orientation écrite : {args.out} ({slip.partner.name}).")
    return 0
