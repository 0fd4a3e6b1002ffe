"""``cabane export`` and ``cabane coordination …``: the weekly exchange from the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop import __version__
from desktop.command_folder import open_for_command, open_site_for_command, print_error
from desktop.folder.desk import OpenDesk, is_coordination, needs_setup, set_up_coordination
from desktop.folder.enrolment import PASSPHRASE_ENV, PassphraseTooShort
from desktop.folder.identity import (
    BackupRefused,
    IdentityMissing,
    create_identity,
    public_key,
    restore_backup,
    secret_key,
    write_backup,
)
from desktop.folder.secrets import open_keychain
from models.exchange.coordination import CoordinationStore, report_csv, report_headings, report_rows
from models.exchange.exchange import ExportError
from models.exchange.exporter import WeeklyExporter
from models.figures.calendar import parse_iso_week
from models.figures.french import counted
from ui.widgets.texts import refusal_message

BACKUP_PASSPHRASE_ENV = "CABANE_BACKUP_PASSPHRASE"


def export_week(args: argparse.Namespace, folder: Path) -> int:
    try:
        iso_year, iso_week = parse_iso_week(args.week)
    except ValueError:
        print_error(f"semaine « {args.week} » non reconnue : écrivez par exemple 2026-S48.")
        return 2
    out = Path(args.out)
    if not out.is_dir():
        print_error(f"le dossier « {out} » n'existe pas.")
        return 2
    desk = open_site_for_command(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        exporter = WeeklyExporter(desk.factory, desk.site, __version__)
        record = exporter.export(iso_year, iso_week, out, desk.site.coordination_recipients)
    except ExportError as error:
        messages = {
            "no_recipient": "aucune clé de la coordination n'est enregistrée pour cette cabane "
            "(cabane setup --coordination-recipient age1…).",
            "bad_recipient": "une clé de la coordination enregistrée est invalide.",
            "write_failed": "impossible d'écrire le fichier (disque plein ou dossier protégé ?).",
        }
        print_error(messages.get(error.code, "export impossible."))
        return 1
    finally:
        desk.close()
    print(f"Semaine {args.week.upper().replace('W', 'S')} exportée (révision {record.revision}) :")
    print(f"  {record.path}")
    print(f"  SHA-256 {record.sha256}")
    return 0


def _coordination_desk(folder: Path) -> OpenDesk | None:
    if needs_setup(folder):
        print_error("pas d'espace de coordination ici : lancez « cabane coordination init ».")
        return None
    if not is_coordination(folder):
        print_error("ce dossier est celui d'une cabane, pas de la coordination.")
        return None
    return open_for_command(folder, open_keychain())


def _backup_passphrase(confirm: bool) -> str | None:
    value = os.environ.get(BACKUP_PASSPHRASE_ENV)
    if value is not None or not sys.stdin.isatty():
        return value
    first = getpass.getpass("Phrase secrète de la sauvegarde : ")
    if confirm and getpass.getpass("Une seconde fois : ") != first:
        return None
    return first


def coordination(args: argparse.Namespace, folder: Path) -> int:
    store = open_keychain()
    if args.action == "demo" and needs_setup(folder):  # a demo workspace from nothing
        try:
            desk = set_up_coordination(folder, store, os.environ.get(PASSPHRASE_ENV))
        except PassphraseTooShort:
            print_error(f"pas de trousseau : donnez une phrase secrète dans {PASSPHRASE_ENV}.")
            return 2
        create_identity(desk, store)
        desk.close()
    if args.action == "init":
        if not needs_setup(folder):
            print_error("ce dossier de données est déjà utilisé.")
            return 1
        try:
            desk = set_up_coordination(folder, store, os.environ.get(PASSPHRASE_ENV))
        except PassphraseTooShort:
            print_error(f"pas de trousseau : donnez une phrase secrète dans {PASSPHRASE_ENV}.")
            return 2
        public = create_identity(desk, store)
        desk.close()
        print("Espace de coordination créé. Clé publique à donner aux cabanes :")
        print(public)
        return 0
    opened = _coordination_desk(folder)
    if opened is None:
        return 1
    try:
        if args.action == "migrate-to":  # from this folder's store, whatever is shared
            from desktop.store_commands import migrate_to

            return migrate_to(args, opened, store)
        from desktop.folder.shared_store import SharedStoreRefused, open_coordination_store

        try:
            weeks = open_coordination_store(opened, store, args.database)
        except SharedStoreRefused as refused:
            print_error(refused.message)
            return 1
        try:
            return _coordination_action(args, opened, store, weeks.store)
        finally:
            weeks.close()
    finally:
        opened.close()


def _coordination_action(  # type: ignore[no-untyped-def]
    args: argparse.Namespace, desk: OpenDesk, store, weeks: CoordinationStore
) -> int:
    """One action; ``weeks``: where the weeks are kept (this folder, or a shared base)."""
    if args.action == "key":
        print(public_key(desk) or "")
        return 0
    if args.action == "backup":
        passphrase = _backup_passphrase(confirm=True)
        if passphrase is None:
            print_error(
                f"phrase secrète nécessaire ({BACKUP_PASSPHRASE_ENV} ou saisie au clavier)."
            )
            return 2
        try:
            write_backup(desk, store, Path(args.out), passphrase)
        except BackupRefused:
            print_error("la phrase secrète de la sauvegarde doit faire au moins 12 caractères.")
            return 2
        print(f"Clé sauvegardée dans {args.out} (à ranger hors de cet ordinateur).")
        return 0
    if args.action == "restore":
        passphrase = _backup_passphrase(confirm=False)
        try:
            public = restore_backup(desk, store, Path(args.file), passphrase or "")
        except BackupRefused:
            print_error("phrase secrète incorrecte, ou ce n'est pas une sauvegarde de clé.")
            return 1
        print(f"Clé restaurée. Clé publique : {public}")
        return 0
    if args.action == "import":
        try:
            identities = [secret_key(desk, store)]
        except IdentityMissing:
            print_error("la clé secrète de la coordination est absente : restaurez la sauvegarde.")
            return 1
        outcomes = weeks.import_paths(
            [Path(f) for f in args.files], identities, _confirm_new_key(args.trust_new)
        )
        labels = {
            "imported": "importé",
            "replaced": "remplacé (révision plus récente)",
            "unchanged": "déjà importé, rien de changé",
        }
        for outcome in outcomes:
            if outcome.status == "refused":
                print(f"REFUSÉ  {outcome.source} : {refusal_message(outcome.code, outcome.detail)}")
            else:
                week = f"{outcome.iso_year}-S{outcome.iso_week:02d}"
                print(
                    f"OK      {outcome.source} : {outcome.site_name}, {week}, "
                    f"révision {outcome.revision} — {labels[outcome.status]}"
                )
        refused = sum(1 for o in outcomes if o.status == "refused")
        accepted = counted(len(outcomes) - refused, "fichier accepté")
        print(f"{accepted}, {counted(refused, 'refusé')}.")
        return 1 if refused else 0
    if args.action == "report":
        return _report(args, weeks)
    if args.action == "annual-report":
        from desktop.report_commands import coordination_annual_report

        return coordination_annual_report(args, weeks)
    if args.action == "demo":
        from desktop.coordination_demo import run

        try:
            identities = [secret_key(desk, store)]
        except IdentityMissing:
            print_error("la clé secrète de la coordination est absente : restaurez la sauvegarde.")
            return 1
        return run(args, desk, public_key(desk) or "", identities, weeks)
    if args.action == "trust":
        return _trust(args, weeks)
    if args.action == "withdraw":
        return _withdraw(args, weeks)
    if args.action == "secure":
        from desktop.store_commands import secure

        return secure(weeks)
    return 2


def _confirm_new_key(trust_new: bool) -> Callable[[str, str, str], bool] | None:
    """A cabane seen for the first time: trusted with --trust-new, or when the person at
    the keyboard says so after reading the fingerprint; never silently."""

    def confirm(site: str, name: str, fingerprint: str) -> bool:
        print(f"Cabane pas encore reconnue : {name} ({site}). Empreinte de sa clé : {fingerprint}")
        if trust_new:
            print("  Enregistrée (--trust-new).")
            return True
        answer = input("  L'empreinte est-elle celle que la cabane voit ? Faire confiance (o/N) : ")
        return answer.strip().lower() in ("o", "oui")

    return confirm if trust_new or sys.stdin.isatty() else None


def _trust(args: argparse.Namespace, weeks: CoordinationStore) -> int:
    from models.exchange.signing import read_key_file
    from models.exchange.trust import TrustRefused

    try:
        key = read_key_file(Path(args.file).read_bytes()[:8192])
    except OSError as error:
        print_error(f"fichier illisible ({error.strerror}).")
        return 1
    except ValueError:
        print_error("ce n'est pas un fichier de clé de cabane (cabane signing-key).")
        return 1
    try:
        changed = weeks.register.trust(key, replace=args.replace)
    except TrustRefused:
        print_error(
            f"une autre clé est déjà enregistrée pour {key.site_name} : si la cabane a "
            "changé d'ordinateur, recommencez avec --replace."
        )
        return 1
    state = "enregistrée" if changed else "déjà enregistrée"
    print(f"Clé de {key.site_name} ({key.site_code}) {state}. Empreinte : {key.fingerprint}")
    return 0


def _withdraw(args: argparse.Namespace, store: CoordinationStore) -> int:
    try:
        year, week = parse_iso_week(args.week)
        store.withdraw(args.site, year, week, args.reason)
    except LookupError:
        print_error(f"aucune semaine {args.week} importée pour « {args.site} ».")
        return 1
    except ValueError:
        print_error("semaine (AAAA-SSS) ou raison (500 caractères au plus) invalide.")
        return 2
    print(
        f"Semaine {args.week} de {args.site} retirée : une révision plus ancienne peut "
        "de nouveau être importée."
    )
    return 0


def signing_key_file(args: argparse.Namespace, folder: Path) -> int:
    """``cabane signing-key --out FICHIER``: the cabane's public key, for the coordination."""
    from models.exchange.signing import SiteKey, key_file, public_text, signing_secret

    desk = open_site_for_command(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        key = SiteKey(desk.site.code, desk.site.name, public_text(signing_secret(desk.factory)))
    finally:
        desk.close()
    try:
        Path(args.out).write_bytes(key_file(key))
    except OSError as error:
        print_error(f"impossible d'écrire {args.out} ({error.strerror}).")
        return 1
    print(f"Clé de signature écrite : {args.out}")
    print(f"Empreinte (à lire à la coordination) : {key.fingerprint}")
    return 0


def _report(args: argparse.Namespace, store: CoordinationStore) -> int:
    weeks = store.weeks()
    out = Path(args.out)
    if out.suffix.lower() == ".csv":
        data = report_csv(weeks, args.publication)
    elif out.suffix.lower() == ".xlsx":
        from printing.spreadsheet import coordination_report_xlsx

        rows = report_rows(weeks, args.publication)
        data = coordination_report_xlsx(report_headings(), rows, args.publication)
    else:
        print_error("le rapport s'écrit en .xlsx ou en .csv.")
        return 2
    from models.store.files import write_atomically

    try:
        write_atomically(out, data)
    except OSError as error:
        print_error(f"impossible d'écrire {out} ({error.strerror}).")
        return 1
    print(f"Rapport écrit : {out} ({counted(len(weeks), 'semaine', 'semaines')} de cabane).")
    return 0
