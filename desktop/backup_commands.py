"""``cabane backup`` and ``cabane restore``: the backup file for a USB key, and back."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desktop.command_folder import (
    open_site_for_command,
    passphrase_if_no_keychain,
    print_error,
    read_passphrase,
)
from desktop.folder.backups import BackupRefused, read_backup_info, restore_backup_file
from desktop.folder.faults import EXIT_CODES
from desktop.folder.secrets import open_keychain
from models.store.base import paris_now
from ui.widgets.texts import backup_counts_text, backup_refusal_message

RECOVERY_CODE_ENV = "CABANE_RECOVERY_CODE"


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
    print(f"Contenu : {backup_counts_text(info.counts)}.")
    print("Elle s'ouvre avec le code de secours de la cabane, et lui seul.")
    return 0


def restore(args: argparse.Namespace, folder: Path) -> int:
    path = Path(args.file)
    try:
        info = read_backup_info(path)
    except BackupRefused as refused:
        print_error(backup_refusal_message(refused.code))
        return 1
    print(f"Sauvegarde de {info.site_name}, du {info.created_at:%d/%m/%Y à %H:%M}.")
    print(f"Contenu : {backup_counts_text(info.counts)}.")
    code = os.environ.get(RECOVERY_CODE_ENV)
    if code is None and sys.stdin.isatty():
        code = getpass.getpass("Code de secours : ")
    if not code:
        print_error(f"code de secours nécessaire (variable {RECOVERY_CODE_ENV} ou saisie).")
        return 2
    store = open_keychain()
    given, passphrase = passphrase_if_no_keychain(store)
    if not given:
        return 2
    try:
        desk = restore_backup_file(path, folder, store, code, passphrase)
    except BackupRefused as refused:
        print_error(backup_refusal_message(refused.code))
        return 1
    site = desk.site.name if desk.site else info.site_name
    where = desk.enrolment.where
    desk.close()
    print(f"Cabane restaurée sur cet ordinateur : {site}. Clé : {where}.")
    return 0


NEW_PASSPHRASE_ENV = "CABANE_NEW_PASSPHRASE"


def passphrase(args: argparse.Namespace, folder: Path) -> int:
    """``cabane passphrase``: the same key and recovery code, opened by a new passphrase."""
    from desktop.folder.enrolment import MIN_PASSPHRASE, PassphraseTooShort, change_passphrase
    from desktop.folder.faults import WrongKeyError
    from desktop.folder.secrets import load_config

    config = load_config(folder)
    if config is None or config.key_storage != "passphrase":
        print_error(
            "cette cabane n'a pas de phrase secrète : sa clé est dans le trousseau de l'ordinateur."
        )
        return 1
    current = read_passphrase(confirm=False)
    new = os.environ.get(NEW_PASSPHRASE_ENV)
    if new is None and sys.stdin.isatty():
        new = getpass.getpass("Nouvelle phrase secrète : ")
        if getpass.getpass("Une seconde fois : ") != new:
            print_error("les deux phrases secrètes diffèrent.")
            return 2
    if not current or not new:
        print_error(f"phrases nécessaires (CABANE_PASSPHRASE et {NEW_PASSPHRASE_ENV}, ou saisie).")
        return 2
    try:
        change_passphrase(folder, current, new)
    except WrongKeyError:
        print_error("phrase secrète actuelle (ou code de secours) incorrecte.")
        return EXIT_CODES["wrong_passphrase"]
    except PassphraseTooShort:
        print_error(f"la nouvelle phrase secrète doit faire au moins {MIN_PASSPHRASE} caractères.")
        return 2
    print("Phrase secrète changée. Le code de secours reste le même.")
    return 0
