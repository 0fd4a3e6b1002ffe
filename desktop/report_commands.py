"""``cabane annual-report`` (a cabane's own year) and ``cabane coordination annual-report``
(one cabane or all of them): the « Bilan d'activité » as PDF or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is built at every start: the rest is imported when used
    from models.exchange.annual_report import AnnualReport
    from models.exchange.coordination import CoordinationStore


def add_arguments(parser: argparse.ArgumentParser, coordination: bool) -> None:
    parser.add_argument(
        "--year", type=int, required=True, metavar="AAAA", help="l'année (par exemple 2026)"
    )
    parser.add_argument("--out", required=True, metavar="FICHIER", help="bilan.pdf ou bilan.xlsx")
    if coordination:
        parser.add_argument(
            "--site", metavar="CABANE", help="le code d'une cabane (sinon : toutes ensemble)"
        )
    parser.add_argument(
        "--exact",
        action="store_true",
        help="effectifs exacts, sans masquer ceux de 1 à 4 (document interne)",
    )


def _checked(args: argparse.Namespace) -> bool:
    from desktop.command_folder import print_error
    from models.exchange.weekly_schema import FIRST_YEAR
    from models.store.base import paris_now

    if not FIRST_YEAR <= args.year <= paris_now().year:
        print_error(f"année de {FIRST_YEAR} à {paris_now().year}.")
        return False
    if Path(args.out).suffix.lower() not in (".pdf", ".xlsx"):
        print_error("le bilan s'écrit en .pdf ou en .xlsx.")
        return False
    return True


def _write(report: AnnualReport, out: Path) -> int:
    from desktop.command_folder import print_error
    from models.store.base import paris_now
    from models.store.files import write_atomically
    from printing.annual_report import build_annual_report_pdf, build_annual_report_xlsx

    if out.suffix.lower() == ".pdf":
        data = build_annual_report_pdf(report, paris_now().date())
    else:
        data = build_annual_report_xlsx(report)
    try:
        write_atomically(out, data)
    except OSError as error:
        print_error(f"impossible d'écrire {out} ({error.strerror}).")
        return 1
    masked = "effectifs exacts" if not report.publication else "effectifs de 1 à 4 masqués"
    print(f"Bilan d'activité {report.year} écrit : {out} ({report.scope}, {masked}).")
    return 0


def desk_annual_report(args: argparse.Namespace, folder: Path) -> int:
    """A cabane's own year, counted as the coordination counts it."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker
    from sqlalchemy.pool import StaticPool

    from desktop.command_folder import open_site_for_command
    from models.exchange.annual_report import annual_report
    from models.exchange.own_figures import own_year_figures
    from models.store.base import Base

    if not _checked(args):
        return 2
    desk = open_site_for_command(folder)
    if desk is None or desk.site is None:
        return 1
    # the coordination's tables, in memory only, for the time of the count
    scratch = create_engine("sqlite://", poolclass=StaticPool)
    try:
        Base.metadata.create_all(scratch)
        figures = own_year_figures(desk.factory, desk.site, args.year, sessionmaker(scratch))
        report = annual_report(figures, args.year, desk.site.name, not args.exact)
    finally:
        scratch.dispose()
        desk.close()
    return _write(report, Path(args.out))


def coordination_annual_report(args: argparse.Namespace, store: CoordinationStore) -> int:
    from desktop.command_folder import print_error

    if not _checked(args):
        return 2
    names = store.site_names()
    if args.site and args.site not in names:
        print_error(f"aucune cabane « {args.site} » importée (connues : {', '.join(names)}).")
        return 2
    return _write(store.annual_report(args.year, args.site, not args.exact), Path(args.out))
