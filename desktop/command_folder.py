"""Opening a cabane's data folder for a command: the key, the passphrase, French errors.

Shared by every subcommand module (setup and self-test, export and coordination,
print), so that none of them imports another.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from desktop.folder.database import quick_check
from desktop.folder.desk import OpenDesk, needs_setup, open_existing
from desktop.folder.enrolment import PASSPHRASE_ENV, KeyMissing, PassphraseNeeded
from desktop.folder.faults import OpenRefused, WrongKeyError
from desktop.folder.secrets import SecretStore, open_keychain

NEED_PASSPHRASE = f"phrase secrète nécessaire (variable {PASSPHRASE_ENV} ou saisie au clavier)."


def print_error(message: str) -> None:
    print(f"Erreur : {message}", file=sys.stderr)


def read_passphrase(confirm: bool) -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None or not sys.stdin.isatty():
        return value
    first = getpass.getpass("Phrase secrète : ")
    if confirm and getpass.getpass("Une seconde fois : ") != first:
        print_error("les deux phrases secrètes diffèrent.")
        return None
    return first


def passphrase_if_no_keychain(store: SecretStore | None) -> tuple[bool, str | None]:
    """A machine without keychain protects a new or restored base by a passphrase:
    (True, passphrase), (True, None) with a keychain, (False, None) once refused."""
    if store is not None:
        return True, None
    print(
        "Pas de trousseau sécurisé sur cet ordinateur : la base sera protégée par une "
        "phrase secrète, demandée à chaque ouverture.",
        file=sys.stderr,
    )
    passphrase = read_passphrase(confirm=True)
    if passphrase is None:
        print_error(NEED_PASSPHRASE)
        return False, None
    return True, passphrase


def open_for_command(folder: Path, store: SecretStore | None) -> OpenDesk | None:
    """The open folder, or None when a passphrase is needed and none was given (said).

    Raises OpenRefused with the true cause (commands.run says it and exits with its
    code): a storage fault, a wrong key or passphrase, a key missing from the keychain.
    """
    try:
        desk = open_existing(folder, store)
    except PassphraseNeeded:
        passphrase = read_passphrase(confirm=False)
        if passphrase is None:
            print_error(NEED_PASSPHRASE)
            return None
        try:
            desk = open_existing(folder, store, passphrase)
        except WrongKeyError as error:
            raise OpenRefused("wrong_passphrase") from error
    except KeyMissing as error:
        raise OpenRefused("key_missing") from error
    damaged = quick_check(desk.engine)  # a damaged database is never written to
    if damaged is not None:
        desk.close()
        raise OpenRefused(damaged)
    return desk


def open_site_for_command(folder: Path) -> OpenDesk | None:
    """The cabane of this folder for a command, or None once the reason was said."""
    from desktop.folder.desk import is_coordination

    if needs_setup(folder) or is_coordination(folder):
        print_error("aucune cabane installée dans ce dossier de données (cabane setup).")
        return None
    desk = open_for_command(folder, open_keychain())
    if desk is None or desk.site is None:
        return None
    return desk
