"""``cabane purge`` (the retention rules now, counts only) and ``cabane family`` (a
family's rights, for IT): DESIGN.md §7."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.command_folder import open_site_for_command, print_error
from desktop.folder.daily_backups import expire_old_copies
from models.desk.retention import AUDIT_MONTHS, RETENTION_MONTHS, months_before, purge
from models.figures.french import counted
from models.store.base import paris_now

if TYPE_CHECKING:
    from models.desk.family_rights import FamilyRecord


def run_purge(args: argparse.Namespace, folder: Path) -> int:
    desk = open_site_for_command(folder)
    if desk is None:
        return 1
    now = paris_now()
    try:
        counts = purge(desk.factory, now, dry_run=args.dry_run)
    finally:
        desk.close()
    cutoff = months_before(now, RETENTION_MONTHS)
    copies = 0
    if not args.dry_run:
        copies = expire_old_copies(folder / "backups", cutoff)
    verb = "serait effacé" if args.dry_run else "a été effacé"
    print(f"Durées de conservation au {now:%d/%m/%Y} : voici ce qui {verb}.")
    unlinked = counted(counts.visits_unlinked, "passage")
    print(
        f"  {counted(counts.families, 'famille connue')} sans venue depuis le {cutoff:%d/%m/%Y} "
        f"(leurs passages restent comptés, sans lien : {unlinked})"
    )
    notes = counted(counts.notes, "note", "notes")
    print(f"  {notes} de passage, {counted(counts.appointments, 'détail')} de rendez-vous")
    audit_cutoff = months_before(now, AUDIT_MONTHS)
    print(
        f"  {counted(counts.audit_events, 'entrée')} du journal d'avant le {audit_cutoff:%d/%m/%Y}"
    )
    if not args.dry_run:
        print(f"  {counted(copies, 'ancienne copie')} de la base dans backups/")
    else:
        print("Rien n'a été effacé (--dry-run).")
    return 0


def run_family(args: argparse.Namespace, folder: Path) -> int:
    """``cabane family show|export|erase CODE``: a family's rights, for IT."""
    from models.desk.families import FamilyError
    from models.desk.family_rights import FamilyRights

    desk = open_site_for_command(folder)
    if desk is None:
        return 1
    assert desk.site is not None
    try:
        rights = FamilyRights(desk.factory, desk.site.id)
        family_id = rights.find(args.code)
        if family_id is None:
            print_error(f"aucune famille connue avec le code « {args.code} » dans cette cabane.")
            return 1
        if args.action == "erase":
            visits = rights.erase(family_id, None)
            print(
                f"Fiche effacée ; ses passages restent comptés, sans lien ni note : "
                f"{counted(visits, 'passage')}."
            )
            return 0
        try:
            record = rights.record(family_id)
        except FamilyError:
            print_error("cette famille vient d'être effacée.")
            return 1
        if args.action == "export":
            return _export_record(record, desk.site.name, Path(args.out or "famille.pdf"))
        _print_record(record)
        return 0
    finally:
        desk.close()


def _print_record(record: FamilyRecord) -> None:
    from models.store.base import PARIS

    def when(moment: datetime) -> str:
        return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")

    print(f"Famille : {record.label} (carte {record.card_code})")
    print(f"Téléphone : {record.phone or '(aucun)'}")
    print(f"Accord donné le {when(record.consent_at)[:10]}, auprès de {record.consent_by}")
    print(f"Dernière venue : {when(record.last_contact_at)[:10]}")
    print(f"Passages ({len(record.visits)}) :")
    for visit in record.visits:
        note = f" — note : {visit.note}" if visit.note else ""
        who = f"{counted(visit.adults, 'adulte')}, {counted(visit.children, 'enfant')}"
        print(f"  {when(visit.arrived_at)} : {who}{note}")
    pmi, partners = len(record.orientations), len(record.referrals)
    print(f"Orientations : {pmi} vers la PMI, {partners} vers des partenaires")


def _export_record(record: FamilyRecord, site_name: str, out: Path) -> int:
    from printing.family_record import build_family_record

    try:
        out.write_bytes(build_family_record(record, site_name, paris_now().date()))
    except OSError as error:
        print_error(f"impossible d'écrire {out} ({error.strerror}).")
        return 1
    print(f"Données de la famille écrites : {out}")
    return 0
