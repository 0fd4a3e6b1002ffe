"""``cabane purge``: the retention rules now (DESIGN.md §7), counts only."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.command_folder import open_site_for_command
from desktop.folder.daily_backups import expire_old_copies
from models.desk.retention import AUDIT_MONTHS, RETENTION_MONTHS, months_before, purge
from models.store.base import paris_now


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
    print(
        f"  {counts.families} famille(s) connue(s) sans venue depuis le {cutoff:%d/%m/%Y} "
        f"(leurs {counts.visits_unlinked} passage(s) restent comptés, sans lien)"
    )
    print(f"  {counts.notes} note(s) de passage, {counts.appointments} détail(s) de rendez-vous")
    audit_cutoff = months_before(now, AUDIT_MONTHS)
    print(f"  {counts.audit_events} entrée(s) du journal d'avant le {audit_cutoff:%d/%m/%Y}")
    if not args.dry_run:
        print(f"  {copies} ancienne(s) copie(s) de la base dans backups/")
    else:
        print("Rien n'a été effacé (--dry-run).")
    return 0
