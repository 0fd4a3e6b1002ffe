"""The ``cabane`` command: start the desk, or run a subcommand for IT and scripts (French help)."""

from __future__ import annotations

import argparse
import re
import sys
import time
from typing import NoReturn

from desktop import __version__


class FrenchFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        # argparse passes prefix="" when it builds a subcommand's prog: keep that one.
        if prefix is None:
            prefix = "Utilisation : "
        return super().add_usage(usage, actions, groups, prefix)


# argparse's own error messages are English (no French catalogue ships with Python).
_ARGPARSE_FRENCH = (
    (r"^argument (\S+): ", r"argument \1 : "),
    (r"the following arguments are required: ", "arguments obligatoires manquants : "),
    (r"unrecognized arguments: ", "arguments non reconnus : "),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"choix invalide : \1 (possibles : \2)"),
    (r"invalid int value: ", "nombre entier attendu, reçu "),
    (r"invalid (\w+) value: ", r"valeur invalide (\1) : "),
    (r"expected one argument", "une valeur est attendue"),
    (r"ambiguous option: (\S+) could match ", r"option ambiguë : \1 peut désigner "),
)


def _french(message: str) -> str:
    for pattern, replacement in _ARGPARSE_FRENCH:
        message = re.sub(pattern, replacement, message)
    return message


class FrenchParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", FrenchFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur : {_french(message)}\nPour l'aide : {self.prog} --help\n")


def build_parser(with_commands: bool = True) -> FrenchParser:
    """The command line; ``with_commands=False`` when none is asked for (opening the desk:
    twenty-odd subcommand parsers cost some 10 ms of start, DESIGN.md §9)."""
    parser = FrenchParser(
        prog="cabane",
        description="Cabane : l'accueil des cabanes des 1000 premiers jours (PMI 93).\n"
        "Sans commande, ouvre l'accueil.\n"
        "Les commandes sont pour le service informatique, sur le compte de l'ordinateur de "
        "la cabane : elles ne demandent pas de code personnel (à l'accueil, les actions de "
        "la référente lui sont réservées).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Cabane {__version__}",
        help="afficher la version et quitter",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help="dossier des données (sinon CABANE_DATA_DIR, sinon le dossier de l'utilisateur)",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="ouvrir la fenêtre, afficher le temps de démarrage en ms, puis quitter",
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE")

    setup = commands.add_parser(
        "setup",
        help="installer sans fenêtre (premier lancement)",
        description="Installe la cabane sans fenêtre et affiche le code de secours.",
    )
    setup.add_argument(
        "--site",
        required=True,
        metavar="CODE",
        help="lilas, courneuve, clichy, tremblay, stains, ou un nouveau code",
    )
    setup.add_argument(
        "--staff", required=True, metavar="NOM", help="première personne (référente)"
    )
    setup.add_argument("--name", metavar="NOM", help="nom d'un nouveau lieu")
    setup.add_argument(
        "--commune", metavar="INSEE", help="code INSEE de la commune d'un nouveau lieu"
    )
    setup.add_argument(
        "--format",
        default="perenne",
        choices=["modulaire", "perenne", "itinerante"],
        help="type d'un nouveau lieu",
    )
    setup.add_argument(
        "--coordination-recipient",
        action="append",
        default=[],
        metavar="age1…",
        help="clé publique de la coordination (plusieurs possibles)",
    )

    commands.add_parser(
        "self-test",
        help="vérifier base, trousseau et chiffrement (code de sortie 0 ou 1)",
        description="Vérifie la base chiffrée, le trousseau et un aller-retour de chiffrement age.",
    )
    demo = commands.add_parser(
        "demo",
        help="remplir la base de passages fictifs réalistes",
        description="Ajoute des passages fictifs (installe une cabane de démonstration si besoin).",
    )
    demo.add_argument("--visits", type=int, required=True, metavar="N", help="nombre de passages")
    demo.add_argument(
        "--days",
        type=int,
        default=365,
        metavar="J",
        help="répartis sur les J derniers jours (365 par défaut)",
    )
    demo.add_argument(
        "--all-sites",
        action="store_true",
        help="répartir aussi sur les cinq cabanes (base de test de coordination)",
    )
    _add_exchange_commands(commands)
    from desktop.survey_commands import add_arguments as add_survey_arguments

    add_survey_arguments(commands)
    return parser


def _add_exchange_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = commands.add_parser(
        "export",
        help="écrire le fichier hebdomadaire chiffré d'une semaine",
        description="Écrit cabane_<lieu>_<AAAA>-S<SS>.age, chiffré pour la coordination.",
    )
    export.add_argument("--week", required=True, metavar="AAAA-SSS", help="par exemple 2026-S48")
    export.add_argument("--out", required=True, metavar="DOSSIER", help="dossier où l'écrire")
    coordination = commands.add_parser(
        "coordination",
        help="espace de coordination : clé, import des fichiers, rapport",
        description="Commandes de l'espace de coordination (sur l'ordinateur de la coordination).",
    )
    coordination.add_argument(
        "--database",
        metavar="ADRESSE",
        help="base PostgreSQL partagée (postgresql://utilisateur@serveur/base ; aussi "
        "CABANE_COORDINATION_URL) ; sans elle, la base chiffrée de ce dossier",
    )
    actions = coordination.add_subparsers(dest="action", title="actions", metavar="ACTION")
    actions.required = True
    actions.add_parser("init", help="créer l'espace de coordination et sa clé")
    actions.add_parser("key", help="afficher la clé publique à donner aux cabanes")
    importing = actions.add_parser("import", help="importer des fichiers hebdomadaires")
    importing.add_argument("files", nargs="+", metavar="FICHIER", help="fichiers .age")
    importing.add_argument(
        "--trust-new",
        action="store_true",
        help="faire confiance aux cabanes pas encore reconnues (empreintes affichées : "
        "vérifiez-les avec elles)",
    )
    trusting = actions.add_parser(
        "trust", help="enregistrer la clé de signature d'une cabane (fichier qu'elle donne)"
    )
    trusting.add_argument("file", metavar="FICHIER", help="fichier de clé de la cabane")
    trusting.add_argument(
        "--replace",
        action="store_true",
        help="remplacer la clé déjà enregistrée (nouvel ordinateur)",
    )
    migrating = actions.add_parser(
        "migrate-to",
        help="copier cet espace de coordination dans une base PostgreSQL partagée",
        description="Copie tout l'espace (semaines importées, lignes, clés des cabanes, "
        "journal) dans une base PostgreSQL vide. Le mot de passe vient du trousseau "
        "(postgresql:UTILISATEUR@SERVEUR) ou de .pgpass, jamais de la ligne de commande ; "
        "un serveur distant est joint en TLS.",
    )
    migrating.add_argument(
        "database", metavar="ADRESSE", help="postgresql://utilisateur@serveur/base"
    )
    actions.add_parser(
        "secure",
        help="base partagée : créer les rôles et forcer la sécurité par cabane (une fois)",
        description="Crée les rôles cabane_import, cabane_lecture et cabane_site, leurs "
        "droits, et force la sécurité ligne par ligne (avec --database, par un compte "
        "autorisé à créer des rôles).",
    )
    withdrawing = actions.add_parser("withdraw", help="retirer une semaine importée")
    withdrawing.add_argument("site", metavar="CABANE", help="code de la cabane (lilas…)")
    withdrawing.add_argument("week", metavar="AAAA-SSS", help="par exemple 2026-S48")
    withdrawing.add_argument("--reason", required=True, metavar="TEXTE", help="pourquoi")
    report = actions.add_parser("report", help="écrire le rapport consolidé (.xlsx ou .csv)")
    report.add_argument("--out", required=True, metavar="FICHIER", help="rapport.xlsx ou .csv")
    report.add_argument(
        "--publication",
        action="store_true",
        help="masquer les effectifs de 1 à 4 (rapport destiné à être publié)",
    )
    from desktop.report_commands import add_arguments

    add_arguments(
        actions.add_parser(
            "annual-report",
            help="écrire le bilan d'activité d'une année (.pdf ou .xlsx)",
            description="Bilan d'activité de l'année pour toutes les cabanes ensemble, ou pour "
            "une cabane (--site), à remettre aux financeurs.",
        ),
        coordination=True,
    )
    demo = actions.add_parser(
        "demo",
        help="remplir l'espace de fichiers hebdomadaires de cabanes fictives",
        description="Crée des cabanes fictives, exporte leurs semaines (chiffrées, signées) "
        "et les importe ici, comme de vrais fichiers.",
    )
    demo.add_argument("--sites", type=int, default=5, metavar="N", help="nombre de cabanes")
    demo.add_argument("--weeks", type=int, default=104, metavar="N", help="nombre de semaines")
    backup = actions.add_parser("backup", help="sauvegarder la clé secrète (phrase secrète)")
    backup.add_argument("--out", required=True, metavar="FICHIER", help="fichier .age")
    restore = actions.add_parser("restore", help="restaurer la clé secrète depuis la sauvegarde")
    restore.add_argument("file", metavar="FICHIER", help="fichier .age de sauvegarde")

    add_arguments(
        commands.add_parser(
            "annual-report",
            help="écrire le bilan d'activité de la cabane pour une année (.pdf ou .xlsx)",
            description="Bilan d'activité de l'année de cette cabane, compté comme à la "
            "coordination, à remettre aux financeurs.",
        ),
        coordination=False,
    )
    signing = commands.add_parser(
        "signing-key",
        help="écrire la clé publique de signature de la cabane, pour la coordination",
        description="Écrit le fichier de clé publique qui permet à la coordination de "
        "reconnaître les fichiers hebdomadaires de cette cabane, et affiche son empreinte.",
    )
    signing.add_argument("--out", required=True, metavar="FICHIER", help="fichier à écrire")
    saving = commands.add_parser(
        "backup",
        help="écrire une sauvegarde chiffrée pour une clé USB",
        description="Écrit cabane_<lieu>_<AAAA-MM-JJ>.sauvegarde, qui s'ouvre avec le code "
        "de secours de la cabane.",
    )
    saving.add_argument("--out", required=True, metavar="DOSSIER", help="dossier où l'écrire")
    restoring = commands.add_parser(
        "restore",
        help="restaurer une sauvegarde sur cet ordinateur",
        description="Restaure une sauvegarde avec le code de secours (demandé, ou "
        "CABANE_RECOVERY_CODE). Une cabane déjà présente est d'abord copiée dans backups/.",
    )
    restoring.add_argument("file", metavar="FICHIER", help="fichier .sauvegarde")
    purging = commands.add_parser(
        "purge",
        help="appliquer les durées de conservation maintenant (nombres seulement)",
        description="Efface ce que la loi ne permet plus de garder : familles connues sans "
        "venue depuis 24 mois (leurs passages restent comptés), notes et rendez-vous de "
        "plus de 24 mois, journal de plus de 12 mois, vieilles copies. Affiche les nombres.",
    )
    purging.add_argument(
        "--dry-run", action="store_true", help="dire ce qui serait effacé, sans rien effacer"
    )
    family = commands.add_parser(
        "family",
        help="droits d'une famille connue : voir, exporter en PDF, effacer",
        description="Droits d'une famille connue (par son code de carte) : « show » affiche "
        "tout ce qui est gardé, « export » l'écrit en PDF à lui remettre, « erase » efface sa "
        "fiche (ses passages restent comptés). Pour l'informatique, sur le compte de "
        "l'ordinateur de la cabane ; à l'accueil, « Ses données… » fait de même.",
    )
    family.add_argument("action", choices=["show", "export", "erase"], help="l'acte")
    family.add_argument("code", metavar="CODE", help="code de la carte (par exemple ABC-234)")
    family.add_argument("--out", metavar="FICHIER.pdf", help="fichier PDF (export)")
    commands.add_parser(
        "passphrase",
        help="changer la phrase secrète (ordinateur sans trousseau)",
        description="Change la phrase secrète d'une cabane sans trousseau. L'actuelle (ou le "
        "code de secours) est demandée, ou lue dans CABANE_PASSPHRASE ; la nouvelle est "
        "demandée deux fois, ou lue dans CABANE_NEW_PASSPHRASE. Le code de secours ne "
        "change pas.",
    )

    printing = commands.add_parser(
        "print",
        help="écrire un document en PDF (fiche d'orientation…)",
        description="Écrit un document de la cabane en PDF.",
    )
    printing.add_argument(
        "document",
        choices=["referral-slip", "poster", "flyer", "signin-sheet", "privacy-notice"],
        help="le document",
    )
    printing.add_argument("--partner", default="", metavar="NOM", help="partenaire de l'annuaire")
    printing.add_argument("--theme", default="other", metavar="THÈME", help="thème")
    printing.add_argument("--first-name", default="", metavar="PRÉNOM", help="prénom (facultatif)")
    printing.add_argument("--appointment", default="", metavar="TEXTE", help="rendez-vous")
    printing.add_argument("--layout", default="a6", choices=["a6", "a5x2"], help="format")
    printing.add_argument("--session", default="", metavar="ID", help="séance (émargement)")
    printing.add_argument("--week", default="", metavar="AAAA-SSS", help="semaine (affiche)")
    printing.add_argument("--month", default="", metavar="MM/AAAA", help="mois (affiche)")
    printing.add_argument("--size", default="A4", choices=["A4", "A3"], help="format (affiche)")
    printing.add_argument("--web", default="", metavar="ADRESSE", help="adresse web du QR code")
    printing.add_argument("--logo", default="", metavar="IMAGE.png", help="logo (affiche, flyer)")
    printing.add_argument(
        "--date", default="", metavar="JJ/MM/AAAA", help="la séance de ce jour (émargement)"
    )
    printing.add_argument(
        "--names",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="imprimer les noms des inscrits (émargement ; par défaut : le choix de la cabane)",
    )
    printing.add_argument("--out", required=True, metavar="FICHIER.pdf", help="fichier PDF")


# Loaded before PySide6 at start, in this order (see _import_before_qt); none imports Qt.
BEFORE_QT = (
    "keyring",
    "sqlcipher3.dbapi2",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.sqlite",
    "desktop.folder.database",
    "desktop.folder.secrets",
    "models.store.schema",
    "models.desk.checkin",
    "models.desk.families",
    "models.desk.sites",
    "models.desk.staff_access",
)


def _import_before_qt() -> None:
    """Import the database stack and the domain before PySide6. Once loaded, PySide6 reads
    the source of every module imported after it (looking for its ``__feature__``
    switches): about 0.3 ms a module, some 80 ms for SQLAlchemy and Cabane's models at
    start (DESIGN.md §9). ``tests/test_cli.py`` checks that none of them imports Qt."""
    import importlib

    for name in BEFORE_QT:
        importlib.import_module(name)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()  # loads SQLAlchemy's lazily imported ORM modules now, before Qt


def _asks_for_commands(argv: list[str]) -> bool:
    """True unless the arguments only open the desk (options, and --data-dir's value)."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word == "--data-dir":
            at += 2
            continue
        if word in ("-h", "--help") or not word.startswith("-"):
            return True
        at += 1
    return False


def main(argv: list[str] | None = None, started: float | None = None) -> int:
    started = started if started is not None else time.perf_counter()
    given = sys.argv[1:] if argv is None else argv
    args = build_parser(_asks_for_commands(given)).parse_args(given)
    from desktop.folder.paths import data_dir

    try:
        folder = data_dir(args.data_dir)
    except OSError as error:
        print(f"Erreur : dossier de données inutilisable ({error.strerror}).", file=sys.stderr)
        return 2
    from desktop.logs import configure_logging, log_uncaught

    configure_logging(folder)
    sys.excepthook = log_uncaught
    _import_before_qt()
    from desktop.folder.keychain import install_backend

    install_backend()
    if args.command is None:
        from desktop.app import run_desk

        return run_desk(folder, args.exit_when_ready, started)
    from desktop import commands

    return commands.run(args.command, args, folder)
