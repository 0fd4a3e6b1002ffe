"""``cabane coordination migrate-to postgresql://…``: the coordination's store copied into
a shared PostgreSQL database (issue 17), said in French, table by table."""

from __future__ import annotations

import argparse
import logging

from sqlalchemy.exc import DBAPIError

from desktop.command_folder import print_error
from desktop.folder.desk import OpenDesk
from desktop.folder.postgres_url import BadDatabaseUrl, checked_database
from desktop.folder.secrets import SecretStore
from desktop.folder.shared_store import URL_PROBLEMS
from models.exchange.coordination import CoordinationStore

log = logging.getLogger(__name__)  # server and database names, counts: never a password

TABLE_WORDS = {  # table → (singular, plural)
    "imported_weeks": ("semaine importée", "semaines importées"),
    "coord_visits": ("passage", "passages"),
    "coord_orientations": ("orientation vers la PMI", "orientations vers la PMI"),
    "coord_referrals": ("orientation vers un partenaire", "orientations vers des partenaires"),
    "coord_sessions": ("séance", "séances"),
    "coord_outings": ("sortie d'aller-vers", "sorties d'aller-vers"),
    "coord_block_figures": ("trimestre compté", "trimestres comptés"),
    "audit_events": ("ligne du journal", "lignes du journal"),
}


def migrate_to(args: argparse.Namespace, desk: OpenDesk, store: SecretStore | None) -> int:
    from models.exchange.store_copy import TargetNotEmpty, copy_store
    from models.figures.french import counted
    from models.store import schema

    try:
        database = checked_database(args.database, store)
        engine = database.engine()
    except BadDatabaseUrl as problem:
        print_error(URL_PROBLEMS[problem.code])
        return 2
    try:
        schema.upgrade(engine)
        copied = copy_store(desk.factory, engine)
    except TargetNotEmpty:
        print_error(
            f"la base {database.shown} contient déjà des semaines importées : rien n'a été "
            "copié. Donnez une base vide."
        )
        return 1
    except DBAPIError as error:
        log.warning("copy to %s refused: %s", database.shown, type(error.orig).__name__)
        print_error(
            f"la base {database.shown} n'a pas accepté la copie ({type(error.orig).__name__}) : "
            "rien n'a été copié. Vérifiez l'adresse, le mot de passe (trousseau ou .pgpass) "
            "et les droits de l'utilisateur."
        )
        return 1
    finally:
        engine.dispose()
    log.info("coordination copied to %s: %s", database.shown, copied)
    print(f"Espace de coordination copié dans {database.shown} :")
    for table, (one, many) in TABLE_WORDS.items():
        if table in copied:
            print(f"  {counted(copied[table], one, many)}")
    others = sum(n for table, n in copied.items() if table not in TABLE_WORDS)
    if others:
        print(f"  {counted(others, 'autre ligne')} (clés des cabanes, réglages)")
    return 0


def secure(weeks: CoordinationStore) -> int:
    """Roles, grants and forced row-level security on the shared store (idempotent)."""
    from models.exchange.shared_roles import IMPORTER, READER, SITE_READER, SITE_TABLES
    from models.exchange.shared_roles import secure as make_secure

    engine = weeks.engine()
    if engine.dialect.name != "postgresql":
        print_error("« secure » vaut pour une base partagée PostgreSQL : ajoutez --database.")
        return 2
    try:
        with engine.begin() as connection:
            make_secure(connection)
    except DBAPIError as error:
        print_error(
            f"la base a refusé ({type(error.orig).__name__}) : rien n'a changé. Lancez "
            "« secure » avec un compte autorisé à créer des rôles (CREATEROLE)."
        )
        return 1
    print("Base partagée sécurisée :")
    print(f"  {IMPORTER} : importer les fichiers, retirer une semaine")
    print(f"  {READER} : lire tout (rapports, vues, outils de l'équipe données)")
    print(f"  {SITE_READER} : lire les lignes de sa seule cabane (table coord_site_readers)")
    print(f"  sécurité ligne par ligne forcée sur {len(SITE_TABLES)} tables, vues comprises.")
    print("Donnez les rôles aux comptes : GRANT cabane_lecture TO <compte>;")
    return 0
