"""Subcommands for IT, scripts and tests: setup, self-test, demo. Messages are French."""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from desktop.command_folder import (
    NEED_PASSPHRASE,
    open_for_command,
    passphrase_if_no_keychain,
    print_error,
)
from desktop.folder.database import make_engine, quick_check, sqlite_url
from desktop.folder.desk import db_path, needs_setup, set_up
from desktop.folder.enrolment import (
    MIN_PASSPHRASE,
    PASSPHRASE_ENV,
    PassphraseTooShort,
)
from desktop.folder.faults import EXIT_CODES, OpenRefused
from desktop.folder.instance import AlreadyRunning, InstanceLock
from desktop.folder.secrets import KeychainUnavailable, new_key, open_keychain
from models import catalogues, demo
from models.desk.sites import SetupError
from models.exchange import crypto
from models.store.storage import StorageError


def _site_for(args: argparse.Namespace) -> catalogues.KnownSite | None:
    known = {s.code: s for s in catalogues.known_sites()}
    if args.site in known and not args.name:
        return known[args.site]
    if not args.name or not args.commune:
        print_error(
            f"« {args.site} » n'est pas une des cinq cabanes : donnez aussi --name et --commune."
        )
        return None
    return catalogues.KnownSite(
        code=args.site,
        name=args.name,
        commune=args.commune,
        format=args.format,
        pmi_centre="",
        address="",
        opening_hours="",
    )


SETUP_ERRORS = {
    "site_code": "code du lieu invalide (lettres minuscules, chiffres, tirets ; 32 au plus).",
    "site_name": "nom du lieu manquant.",
    "commune": "commune inconnue : donnez le code INSEE d'une commune de Seine-Saint-Denis.",
    "staff_name": "nom de la personne manquant ou trop long (80 caractères au plus).",
    "recipient": "clé publique de la coordination invalide (age1…, 62 caractères).",
    "already_set_up": "cette cabane est déjà installée dans ce dossier.",
}


def cmd_setup(args: argparse.Namespace, folder: Path) -> int:
    site = _site_for(args)
    if site is None:
        return 2
    if not needs_setup(folder):
        print_error(SETUP_ERRORS["already_set_up"])
        return 1
    store = open_keychain()
    given, passphrase = passphrase_if_no_keychain(store)
    if not given:
        return 2
    try:
        desk, code = set_up(
            folder, store, site, args.staff, tuple(args.coordination_recipient), passphrase
        )
    except SetupError as error:
        print_error(SETUP_ERRORS.get(error.code, "installation refusée."))
        return 2
    except PassphraseTooShort:
        print_error(f"la phrase secrète doit faire au moins {MIN_PASSPHRASE} caractères.")
        return 2
    assert desk.site is not None
    print(f"Cabane installée : {desk.site.name}.")
    print(f"Clé de la base : {desk.enrolment.where}.")
    print("Code de secours (à imprimer ou recopier, et à ranger à clé) :")
    print(f"  {code}")
    desk.close()
    return 0


def cmd_demo(args: argparse.Namespace, folder: Path) -> int:
    if args.visits < 0 or args.visits > 2_000_000 or not 1 <= args.days <= 3660:
        print_error("--visits va de 0 à 2 000 000 et --days de 1 à 3660.")
        return 2
    store = open_keychain()
    if needs_setup(folder):
        try:
            desk, code = set_up(
                folder,
                store,
                catalogues.known_sites()[0],
                "Démo",
                passphrase=os.environ.get(PASSPHRASE_ENV),
            )
        except PassphraseTooShort:
            print_error(f"pas de trousseau : donnez une phrase secrète dans {PASSPHRASE_ENV}.")
            return 2
        print(f"Cabane de démonstration installée. Code de secours : {code}")
    else:
        opened = open_for_command(folder, store)
        if opened is None:
            return 1
        desk = opened
    assert desk.site is not None
    targets = [(desk.site.id, desk.site.commune)]
    if args.all_sites:
        targets += demo.add_other_known_sites(desk.factory, desk.site.code)
    share, extra = divmod(args.visits, len(targets))
    total = 0
    for number, (site_id, commune) in enumerate(targets):
        total += demo.generate_visits(
            desk.factory,
            site_id,
            commune,
            share + (1 if number < extra else 0),
            days=args.days,
            seed=93 + number,
        )
    print(f"{total} passages fictifs ajoutés.")
    from collections import Counter
    from datetime import timedelta

    from models.demo_activity import generate_activity
    from models.store.base import paris_now

    yesterday = paris_now().date() - timedelta(days=1)
    made = Counter[str]()
    for number, (site_id, commune) in enumerate(targets):
        made.update(
            generate_activity(
                desk.factory, site_id, commune, end=yesterday, days=args.days, seed=93 + number
            )
        )
    print(
        f"{made['sessions']} séances (réalisées, annulées, et le programme des semaines à "
        f"venir), {made['outings']} sorties d'aller-vers, {made['orientations']} "
        f"orientations PMI et {made['referrals']} orientations partenaires fictives ajoutées, "
        f"{made['survey_answers']} fiches de réponses aux questionnaires."
    )
    from models.demo_families import FORMER, add_known_families

    added = add_known_families(desk.factory, desk.site.id, paris_now())
    print(
        f"{added} familles connues fictives ajoutées, dont {FORMER} sans venue depuis plus "
        "de 24 mois (cabane purge --dry-run les montre)."
    )
    desk.close()
    return 0


def _check(name: str, action: Callable[[], str]) -> bool:
    """One line per check: OK or ÉCHEC, and in French what is wrong (never raw output)."""
    from ui.widgets.texts import fault_message

    try:
        detail = action()
    except OpenRefused as refused:
        print(f"ÉCHEC  {name} : {fault_message(refused.code, refused.args[1] or '')}")
        return False
    except RuntimeError as error:  # the checks' own French reasons
        print(f"ÉCHEC  {name} : {error}")
        return False
    except Exception as error:  # self-test reports every failure, whatever its kind
        print(f"ÉCHEC  {name} : erreur inattendue ({type(error).__name__}).")
        return False
    print(f"OK     {name} : {detail}")
    return True


def cmd_self_test(args: argparse.Namespace, folder: Path) -> int:
    store = open_keychain()

    def keychain() -> str:
        if store is None:
            from desktop.folder.keychain import current_name

            return current_name()
        probe = new_key().hex()
        try:
            store.set("self-test", probe)
            same = store.get("self-test") == probe
            store.delete("self-test")
        except KeychainUnavailable as error:
            raise RuntimeError("trousseau présent mais inutilisable") from error
        if not same:
            raise RuntimeError("le trousseau ne rend pas ce qui lui a été confié")
        return store.where()

    def encrypted_database() -> str:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "essai.db"
            engine = make_engine(sqlite_url(path), new_key())
            with engine.begin() as connection:
                connection.execute(text("CREATE TABLE essai (x INTEGER)"))
                connection.execute(text("INSERT INTO essai VALUES (42)"))
            with engine.connect() as connection:
                if connection.execute(text("SELECT x FROM essai")).scalar() != 42:
                    raise RuntimeError("relecture incorrecte")
            engine.dispose()
            try:
                sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
            except sqlite3.DatabaseError:
                return "écriture, relecture, illisible sans la clé"
            raise RuntimeError("la base d'essai est lisible sans la clé")

    def age_round_trip() -> str:
        secret, public = crypto.new_identity()
        message = b"cabane self-test"
        sealed = crypto.encrypt(message, [public])
        if message in sealed or crypto.decrypt(sealed, secret) != message:
            raise RuntimeError("aller-retour incorrect")
        return "chiffrement et déchiffrement X25519"

    def this_database() -> str:
        if needs_setup(folder):
            return "pas encore installée (cabane setup)"
        try:
            desk = open_for_command(folder, store)
        except OpenRefused as refused:
            raise OpenRefused(refused.code, str(folder)) from refused
        if desk is None:
            raise RuntimeError(NEED_PASSPHRASE)
        damaged = quick_check(desk.engine, full=True)
        desk.close()
        if damaged is not None:
            raise OpenRefused(damaged, str(folder))
        site = desk.site.name if desk.site else "sans lieu"
        return f"{db_path(folder)} ({site}), intégrité vérifiée"

    results = [
        _check("Trousseau", keychain),
        _check("Base chiffrée (essai)", encrypted_database),
        _check("Chiffrement age", age_round_trip),
        _check("Base de la cabane", this_database),
    ]
    ok = all(results)
    print("Tout fonctionne." if ok else "Au moins une vérification a échoué.")
    return 0 if ok else 1


def cmd_export(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange_commands import export_week

    return export_week(args, folder)


def cmd_coordination(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange_commands import coordination

    return coordination(args, folder)


def cmd_print(args: argparse.Namespace, folder: Path) -> int:
    from desktop.print_commands import print_document

    return print_document(args, folder)


def cmd_backup(args: argparse.Namespace, folder: Path) -> int:
    from desktop.backup_commands import backup

    return backup(args, folder)


def cmd_passphrase(args: argparse.Namespace, folder: Path) -> int:
    from desktop.backup_commands import passphrase

    return passphrase(args, folder)


def cmd_purge(args: argparse.Namespace, folder: Path) -> int:
    from desktop.privacy_commands import run_purge

    return run_purge(args, folder)


def cmd_family(args: argparse.Namespace, folder: Path) -> int:
    from desktop.privacy_commands import run_family

    return run_family(args, folder)


def cmd_signing_key(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange_commands import signing_key_file

    return signing_key_file(args, folder)


def cmd_restore(args: argparse.Namespace, folder: Path) -> int:
    from desktop.backup_commands import restore

    return restore(args, folder)


def cmd_annual_report(args: argparse.Namespace, folder: Path) -> int:
    from desktop.report_commands import desk_annual_report

    return desk_annual_report(args, folder)


def cmd_survey(args: argparse.Namespace, folder: Path) -> int:
    from desktop.survey_commands import run_survey

    return run_survey(args, folder)


COMMANDS = {
    "print": cmd_print,
    "survey": cmd_survey,
    "annual-report": cmd_annual_report,
    "setup": cmd_setup,
    "demo": cmd_demo,
    "self-test": cmd_self_test,
    "export": cmd_export,
    "coordination": cmd_coordination,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "passphrase": cmd_passphrase,
    "purge": cmd_purge,
    "family": cmd_family,
    "signing-key": cmd_signing_key,
}
WRITERS = {
    "setup",
    "demo",
    "export",
    "coordination",
    "backup",
    "restore",
    "passphrase",
    "purge",
    "family",
    "signing-key",
}


# A save refused by the storage (StorageError.cause) exits like the fault it is.
CAUSE_FAULTS = {
    "disk_full": "disk_full",
    "read_only": "db_read_only",
    "damaged": "damaged_page",
    "not_a_database": "damaged_header",
    "locked": "locked",
    "cant_open": "folder_read_only",
}


def run(name: str, args: argparse.Namespace, folder: Path) -> int:
    """Run a command; a fault is said in one French line and exits with its own code."""
    from ui.widgets.texts import fault_message

    lock = InstanceLock(folder) if name in WRITERS else None
    try:
        if lock is not None:
            lock.acquire()
        try:
            return COMMANDS[name](args, folder)
        finally:
            if lock is not None:
                lock.release()
    except AlreadyRunning:
        print_error("Cabane est ouverte sur ce dossier de données : fermez-la d'abord.")
        return EXIT_CODES["in_use"]
    except OpenRefused as refused:
        print_error(fault_message(refused.code, folder))
        return EXIT_CODES.get(refused.code, 1)
    except StorageError as error:
        fault = CAUSE_FAULTS.get(error.cause, "storage")
        print_error(fault_message(fault, folder))
        return EXIT_CODES[fault]
