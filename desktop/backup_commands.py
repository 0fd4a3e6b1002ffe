"""``cabane backup`` and ``cabane restore``: the backup file for a USB key, and back."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desktop.command_folder import open_site_for_command, print_error
from desktop.folder.backups import BackupRefused, read_backup_info, restore_backup_file
from desktop.folder.secrets import open_keychain
from models.store.base import paris_now

RECOVERY_CODE_ENV = "CABANE_RECOVERY_CODE"

REFUSALS = {
    "not_backup": "ce fichier n'est pas une sauvegarde de Cabane.",
    "unknown_version": "sauvegarde d'une version de Cabane plus récente : mettez Cabane à jour.",
    "damaged": "fichier de sauvegarde abîmé ou incomplet : prenez une autre sauvegarde.",
    "unreadable": "fichier illisible : vérifiez la clé USB et réessayez.",
    "too_large": "fichier trop gros pour une sauvegarde de Cabane.",
    "bad_code": "code de secours incomplet ou mal recopié (14 groupes de 4 caractères).",
    "wrong_code": "ce code de secours n'est pas celui de cette sauvegarde.",
    "no_keychain": (
        "pas de trousseau sécurisé sur cet ordinateur : la clé ne pourrait pas y être "
        "rangée. Restaurez sur un ordinateur avec un trousseau (Windows, macOS, bureau Linux)."
    ),
}
COUNT_NAMES = {
    "visits": "passages",
    "families": "familles connues",
    "activity_sessions": "séances",
    "partners": "partenaires",
    "outreach_outings": "sorties",
}


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts.get(key, 0)} {name}" for key, name in COUNT_NAMES.items())


def backup(args: argparse.Namespace, folder: Path) -> int:
    from desktop.folder.backups import write_backup_file

    desk = open_site_for_command(folder)
    if desk is None:
        return 1
    try:
        info = write_backup_file(desk, Path(args.out), paris_now())
    except OSError as error:
        print_error(f"la sauvegarde n'a pas pu être écrite dans {args.out} ({error.strerror}).")
        return 1
    finally:
        desk.close()
    print(f"Sauvegarde écrite : {info.path}")
    print(f"Contenu : {_counts_text(info.counts)}.")
    print("Elle s'ouvre avec le code de secours de la cabane, et lui seul.")
    return 0


def restore(args: argparse.Namespace, folder: Path) -> int:
    path = Path(args.file)
    try:
        info = read_backup_info(path)
    except BackupRefused as refused:
        print_error(REFUSALS.get(refused.code, "sauvegarde refusée."))
        return 1
    print(f"Sauvegarde de {info.site_name}, du {info.created_at:%d/%m/%Y à %H:%M}.")
    print(f"Contenu : {_counts_text(info.counts)}.")
    code = os.environ.get(RECOVERY_CODE_ENV)
    if code is None and sys.stdin.isatty():
        code = getpass.getpass("Code de secours : ")
    if not code:
        print_error(f"code de secours nécessaire (variable {RECOVERY_CODE_ENV} ou saisie).")
        return 2
    try:
        desk = restore_backup_file(path, folder, open_keychain(), code)
    except BackupRefused as refused:
        print_error(REFUSALS.get(refused.code, "sauvegarde refusée."))
        return 1
    site = desk.site.name if desk.site else info.site_name
    desk.close()
    print(f"Cabane restaurée sur cet ordinateur : {site}. Clé rangée dans le trousseau.")
    return 0
