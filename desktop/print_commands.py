"""``cabane print …``: the documents of the desk written as PDF from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from desktop.command_folder import open_site_for_command, print_error
from models import catalogues
from models.orientations.orientations import OrientationError, OrientationService
from models.orientations.partners import PartnerDirectory
from models.store.files import write_atomically


def _theme(text: str) -> str | None:
    wanted = text.strip().lower()
    for entry in catalogues.referral_themes():
        if wanted in (entry.code, entry.label.lower()):
            return entry.code
    return None


def print_document(args: argparse.Namespace, folder: Path) -> int:
    if args.document == "privacy-notice":
        return _privacy_notice(args, folder)
    if args.document == "signin-sheet":
        return _signin_sheet(args, folder)
    if args.document in ("poster", "flyer"):
        return _poster(args, folder)
    theme = _theme(args.theme)
    if theme is None:
        known = ", ".join(e.code for e in catalogues.referral_themes())
        print_error(f"thème « {args.theme} » inconnu. Thèmes : {known}.")
        return 2
    desk = open_site_for_command(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        partners = PartnerDirectory(desk.factory).search(args.partner)
        if not partners:
            print_error(
                f"aucun partenaire actif ne correspond à « {args.partner} » dans l'annuaire."
            )
            return 1
        # A document only: nothing is recorded (referrals are recorded at the desk).
        slip = OrientationService(desk.factory, desk.site.id).slip_for_partner(
            partners[0].id, theme, args.first_name, args.appointment
        )
    except OrientationError as error:
        print_error(f"fiche impossible ({error.field}).")
        return 2
    finally:
        desk.close()
    from printing.referral_slip import build_referral_slips

    pdf = build_referral_slips([slip], layout=args.layout)
    try:
        write_atomically(Path(args.out), pdf)
    except OSError as error:
        print_error(f"impossible d'écrire {args.out} ({error.strerror}).")
        return 1
    print(f"Fiche d'orientation écrite : {args.out} ({slip.partner.name}).")
    return 0


def _signin_sheet(args: argparse.Namespace, folder: Path) -> int:
    """The sign-in sheet of a session: --session ID, or the next session from --date."""
    from datetime import datetime, time, timedelta

    from models.programme.programme import ProgrammeError, ProgrammeService
    from models.store.base import PARIS
    from printing.signin_sheet import build_signin_sheet

    desk = open_site_for_command(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        programme = ProgrammeService(desk.factory, desk.site.id)
        session_id = args.session
        if not session_id:
            try:
                day = datetime.strptime(args.date, "%d/%m/%Y").date() if args.date else None
            except ValueError:
                print_error(f"date « {args.date} » non reconnue : écrivez-la 31/12/2026.")
                return 2
            start = datetime.combine(day or datetime.now(PARIS).date(), time(0), tzinfo=PARIS)
            found = programme.between(start, start + timedelta(days=1))
            if not found:
                print_error("aucune séance ce jour-là dans le programme.")
                return 1
            if len(found) > 1:  # never guess which one: list them
                print_error("plusieurs séances ce jour-là ; choisissez-en une avec --session :")
                for info in found:
                    begins = info.data.starts_at.astimezone(PARIS)
                    print(f"  --session {info.id}  {begins:%H:%M}  {info.label}", file=sys.stderr)
                return 2
            session_id = found[0].id
        sheet = programme.signin_sheet(session_id, args.names)
    except ProgrammeError:
        print_error("séance inconnue.")
        return 1
    finally:
        desk.close()
    try:
        write_atomically(Path(args.out), build_signin_sheet(sheet))
    except OSError as error:
        print_error(f"impossible d'écrire {args.out} ({error.strerror}).")
        return 1
    print(f"Feuille d'émargement écrite : {args.out} ({sheet.activity}).")
    return 0


def _period(args: argparse.Namespace) -> tuple[datetime, datetime, str] | None:
    """--week 2026-S48 or --month 12/2026 (default: the current month), with its title."""
    from models.figures.calendar import iso_week_bounds, month_bounds, parse_iso_week
    from models.figures.french import month_title
    from models.store.base import paris_now

    if args.week:
        try:
            year, week = parse_iso_week(args.week)
        except ValueError:
            print_error(f"semaine « {args.week} » non reconnue : écrivez par exemple 2026-S48.")
            return None
        start, end = iso_week_bounds(year, week)
        from models.figures.french import week_title

        return start, end, week_title(start.date())
    if args.month:
        try:
            month, year = (int(part) for part in args.month.split("/"))
            first, following = month_bounds(year, month)
        except ValueError:
            print_error(f"mois « {args.month} » non reconnu : écrivez par exemple 12/2026.")
            return None
    else:
        today = paris_now()
        first, following = month_bounds(today.year, today.month)
    return first, following, month_title(first.date())


def _poster(args: argparse.Namespace, folder: Path) -> int:
    from dataclasses import replace

    from models.programme.programme import ProgrammeService
    from printing.flyer import build_flyer
    from printing.poster import build_poster

    period = _period(args)
    if period is None:
        return 2
    desk = open_site_for_command(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        data = ProgrammeService(desk.factory, desk.site.id).poster(*period)
    finally:
        desk.close()
    if args.web:
        data = replace(data, web_address=args.web)
    if args.logo:
        try:
            data = replace(data, logo_png=Path(args.logo).read_bytes())
        except OSError as error:
            print_error(f"logo illisible ({error.strerror}).")
            return 2
    pdf = build_flyer(data) if args.document == "flyer" else build_poster(data, args.size)
    try:
        write_atomically(Path(args.out), pdf)
    except OSError as error:
        print_error(f"impossible d'écrire {args.out} ({error.strerror}).")
        return 1
    written = "Flyer écrit" if args.document == "flyer" else "Affiche écrite"
    print(f"{written} : {args.out} ({len(data.sessions)} séances).")
    return 0


def _privacy_notice(args: argparse.Namespace, folder: Path) -> int:
    """« Vos données à la cabane », the notice for families (RGPD art. 13)."""
    from printing.privacy_notice import build_privacy_notice

    desk = open_site_for_command(folder)
    if desk is None or desk.site is None:
        return 1
    name = desk.site.name
    desk.close()
    try:
        Path(args.out).write_bytes(build_privacy_notice(name))
    except OSError as error:
        print_error(f"impossible d'écrire {args.out} ({error.strerror}).")
        return 1
    print(f"Notice pour les familles écrite : {args.out}")
    return 0
