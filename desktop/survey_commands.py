"""``cabane survey``: the anonymous questionnaires from the command line — the templates
and the cabane's own (``templates``), a paper version in PDF (``print``), the results as
XLSX or CSV (``results``). Nothing here writes to the database."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is built at every start: the rest is imported when used
    from desktop.folder.desk import OpenDesk
    from models.surveys.definition import Definition
    from models.surveys.surveys import SurveyInfo

BAD_USAGE = 2
ID_PREFIX = 6  # a questionnaire's id may be given by its first characters


def add_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    survey = commands.add_parser(
        "survey",
        help="questionnaires anonymes : modèles, version papier, résultats",
        description="Les questionnaires anonymes de la cabane : « templates » liste les "
        "modèles et ceux de la cabane, « print » écrit la version papier (PDF), "
        "« results » écrit les résultats (.xlsx ou .csv, sans texte libre non relu).",
    )
    actions = survey.add_subparsers(dest="action", title="actions", metavar="ACTION")
    actions.required = True
    actions.add_parser("templates", help="lister les modèles et les questionnaires de la cabane")
    printing = actions.add_parser("print", help="écrire la version papier d'un questionnaire")
    printing.add_argument("id", metavar="ID", help="identifiant d'un questionnaire, ou modèle")
    printing.add_argument(
        "--lang",
        default="",
        metavar="fr,ar…",
        help="langues, séparées par des virgules (le français toujours en premier ; "
        "par défaut : toutes celles du questionnaire)",
    )
    printing.add_argument("--out", required=True, metavar="FICHIER.pdf", help="fichier PDF")
    results = actions.add_parser("results", help="écrire les résultats d'un questionnaire")
    results.add_argument("id", metavar="ID", help="identifiant d'un questionnaire de la cabane")
    results.add_argument("--out", required=True, metavar="FICHIER", help="résultats.xlsx ou .csv")
    results.add_argument("--from", dest="start", metavar="AAAA-MM-JJ", help="premier jour")
    results.add_argument("--to", dest="end", metavar="AAAA-MM-JJ", help="dernier jour")


def run_survey(args: argparse.Namespace, folder: Path) -> int:
    """Run ``cabane survey …``; a fault opening the folder is said as the other commands
    say it, with the same exit codes."""
    from desktop.command_folder import print_error
    from desktop.folder.faults import EXIT_CODES, OpenRefused
    from models.store.storage import StorageError

    try:
        if args.action == "templates":
            return _templates(folder)
        if args.action == "print":
            return _print(args, folder)
        return _results(args, folder)
    except OpenRefused as refused:
        from ui.widgets.texts import fault_message

        print_error(fault_message(refused.code, folder))
        return EXIT_CODES.get(refused.code, 1)
    except StorageError:
        from ui.widgets.texts import fault_message

        print_error(fault_message("storage", folder))
        return EXIT_CODES["storage"]


# ------------------------------------------------------------------------------ helpers


def _open(folder: Path) -> OpenDesk | None:
    from desktop.command_folder import open_site_for_command

    desk = open_site_for_command(folder)
    return desk if desk is not None and desk.site is not None else None


def _find(surveys: list[SurveyInfo], wanted: str) -> SurveyInfo | None:
    exact = [info for info in surveys if info.id == wanted]
    if exact:
        return exact[0]
    if len(wanted) >= ID_PREFIX:
        found = [info for info in surveys if info.id.startswith(wanted)]
        if len(found) == 1:
            return found[0]
    return None


def _unknown(wanted: str, templates: bool) -> int:
    from desktop.command_folder import print_error
    from models.surveys.surveys import TEMPLATES

    also = f", ou un modèle ({', '.join(TEMPLATES)})" if templates else ""
    print_error(
        f"questionnaire « {wanted} » inconnu : donnez l'identifiant d'un questionnaire de "
        f"la cabane{also} (cabane survey templates les liste)."
    )
    return BAD_USAGE


def _write(out: Path, data: bytes) -> bool:
    from desktop.command_folder import print_error
    from models.store.files import write_atomically

    try:
        write_atomically(out, data)
    except OSError as error:
        print_error(f"impossible d'écrire {out} ({error.strerror or error}).")
        return False
    return True


def _language_names() -> dict[str, str]:
    from models import catalogues

    return {entry.code: entry.label.lower() for entry in catalogues.languages()}


# ---------------------------------------------------------------------------- templates


def _templates(folder: Path) -> int:
    from desktop.folder.desk import is_coordination, needs_setup
    from models.figures.french import counted
    from models.surveys.surveys import TEMPLATES, SurveyBook, template

    print("Modèles :")
    for code in TEMPLATES:
        definition = template(code)
        questions = counted(len(definition.questions), "question")
        print(f"  {code:<16} {definition.title['fr']} ({questions})")
    if needs_setup(folder) or is_coordination(folder):
        print("Aucune cabane installée dans ce dossier : pas de questionnaire à elle.")
        return 0
    desk = _open(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        surveys = SurveyBook(desk.factory, desk.site.id).all()
    finally:
        desk.close()
    if not surveys:
        print("Questionnaires de la cabane : aucun pour l'instant.")
        return 0
    print("Questionnaires de la cabane :")
    for info in surveys:
        sheets = counted(info.responses, "feuille de réponses", "feuilles de réponses")
        archived = ", archivé" if info.archived else ""
        print(f"  {info.id}  {info.title} (version {info.version}, {sheets}{archived})")
    return 0


# -------------------------------------------------------------------------------- print


def _languages(asked: str, definition: Definition) -> tuple[str, ...] | None:
    """French first, then the asked languages the questionnaire is written in; None once
    a language it lacks was said."""
    from desktop.command_folder import print_error

    if not asked.strip():
        return definition.languages
    wanted = [code.strip().lower() for code in asked.split(",") if code.strip()]
    refused = [code for code in wanted if code not in definition.languages]
    if refused:
        names = _language_names()
        said = ", ".join(f"{code} ({names[code]})" if code in names else code for code in refused)
        offered = ", ".join(definition.languages)
        print_error(
            f"langue{'s' if len(refused) > 1 else ''} refusée{'s' if len(refused) > 1 else ''}"
            f" : {said} ; ce questionnaire est écrit en : {offered}."
        )
        return None
    return tuple(dict.fromkeys(["fr", *wanted]))


def _print(args: argparse.Namespace, folder: Path) -> int:
    from desktop.command_folder import print_error
    from models.surveys.surveys import TEMPLATES, SurveyBook, template
    from printing.survey_paper import survey_paper

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        print_error("la version papier s'écrit en .pdf.")
        return BAD_USAGE
    desk = _open(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        site_name = desk.site.name
        found = _find(SurveyBook(desk.factory, desk.site.id).all(), args.id)
    finally:
        desk.close()
    if found is not None:
        definition, version = found.definition, found.version
    elif args.id in TEMPLATES:
        definition, version = template(args.id), 1
    else:
        return _unknown(args.id, templates=True)
    languages = _languages(args.lang, definition)
    if languages is None:
        return BAD_USAGE
    if not _write(out, survey_paper(definition, languages, site_name, version)):
        return 1
    print(
        f"Version papier écrite : {out} ({definition.title['fr']}, version {version}, "
        f"en {', '.join(languages)})."
    )
    return 0


# ------------------------------------------------------------------------------ results


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option} attend une date AAAA-MM-JJ, reçu « {text} ».") from None


def _period(args: argparse.Namespace) -> tuple[datetime, datetime, str]:
    """The bounds (Paris days included) and how the sheet says them; ValueError in French."""
    from models.figures.calendar import day_range_bounds
    from models.figures.french import french_span
    from models.store.base import paris_now

    first, last = _day(args.start, "--from"), _day(args.end, "--to")
    today = paris_now().date()
    if first is None and last is None:
        tomorrow = datetime.now(UTC) + timedelta(days=1)
        return datetime(2000, 1, 1, tzinfo=UTC), tomorrow, "depuis le début"
    start_day, end_day = first or date(2000, 1, 1), last or today
    if end_day < start_day:
        raise ValueError("--to est avant --from.")
    start, end = day_range_bounds(start_day, end_day)
    if first is None:
        return start, end, f"jusqu'au {end_day:%d/%m/%Y}"
    return start, end, french_span(start_day, end_day)


def _results(args: argparse.Namespace, folder: Path) -> int:
    from desktop.command_folder import print_error
    from models.figures.french import counted
    from models.surveys.results import Filters
    from models.surveys.surveys import SurveyBook
    from printing.survey_results_sheet import results_csv, results_xlsx

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        print_error("les résultats s'écrivent en .xlsx ou en .csv.")
        return BAD_USAGE
    try:
        start, end, period = _period(args)
    except ValueError as error:
        print_error(str(error))
        return BAD_USAGE
    desk = _open(folder)
    if desk is None or desk.site is None:
        return 1
    try:
        book = SurveyBook(desk.factory, desk.site.id)
        surveys = book.all()
        found = _find(surveys, args.id)
        if found is None:  # a template's code names the cabane's questionnaire made from it
            made = [info for info in surveys if info.template == args.id]
            found = made[0] if len(made) == 1 else None
        if found is None:
            return _unknown(args.id, templates=False)
        results = book.results(found.id, Filters(start, end))
    finally:
        desk.close()
    csv = out.suffix.lower() == ".csv"
    data = results_csv(results) if csv else results_xlsx(results, period)
    if not _write(out, data):
        return 1
    sheets = counted(results.responses, "feuille de réponses", "feuilles de réponses")
    print(f"Résultats écrits : {out} ({results.title}, {period}, {sheets}).")
    return 0
