"""Where the coordination keeps its weeks: this folder's encrypted database, or a shared
PostgreSQL store (issue 17) named by ``--database`` or ``CABANE_COORDINATION_URL``.

The coordination's own key (its age identity) stays in this folder and its keychain
either way; the shared store holds the weeks, their rows, the cabanes' keys and the
withdrawals' journal, for every coordinator who opens it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from desktop.folder.desk import OpenDesk
from desktop.folder.postgres_url import BadDatabaseUrl, checked_database
from desktop.folder.secrets import SecretStore
from models.exchange.coordination import CoordinationStore

COORDINATION_URL_ENV = "CABANE_COORDINATION_URL"
log = logging.getLogger(__name__)  # server and database names only

URL_PROBLEMS = {
    "unreadable": "adresse de base illisible : écrivez postgresql://utilisateur@serveur/base.",
    "not_postgresql": "seule une base PostgreSQL peut être partagée (postgresql://…).",
    "password_in_url": "pas de mot de passe dans l'adresse (il resterait dans l'historique) : "
    "mettez-le dans le trousseau (postgresql:UTILISATEUR@SERVEUR) ou dans le fichier .pgpass.",
    "tls_required": "un serveur distant se joint en TLS : sslmode=require, verify-ca ou "
    "verify-full (recommandé).",
    "no_driver": "le pilote PostgreSQL (psycopg) manque à cette installation de Cabane : "
    "réinstallez-la.",
}


class SharedStoreRefused(RuntimeError):
    """The shared store could not be used; ``message`` says why, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class OpenStore:
    store: CoordinationStore
    shown: str  # « cette base » or the server and database, for messages
    close: Callable[[], None]


def open_coordination_store(
    desk: OpenDesk, secrets: SecretStore | None, address: str | None = None
) -> OpenStore:
    """The store to import into and count from (the shared one's schema brought to the
    current version). Raises SharedStoreRefused with the French reason."""
    address = address or os.environ.get(COORDINATION_URL_ENV) or None
    if address is None:
        return OpenStore(CoordinationStore(desk.factory), "ce dossier", lambda: None)
    from models.store import schema

    try:
        database = checked_database(address, secrets)
        engine = database.engine()
    except BadDatabaseUrl as problem:
        raise SharedStoreRefused(URL_PROBLEMS[problem.code]) from problem
    try:
        schema.upgrade(engine)
    except DBAPIError as error:
        engine.dispose()
        log.warning("shared store %s refused: %s", database.shown, type(error.orig).__name__)
        raise SharedStoreRefused(
            f"la base partagée {database.shown} ne répond pas ou refuse l'accès "
            f"({type(error.orig).__name__}) : vérifiez l'adresse, le réseau, le mot de passe "
            "(trousseau ou .pgpass) et les droits de l'utilisateur."
        ) from error
    log.info("coordination store: %s", database.shown)
    factory = sessionmaker(engine, expire_on_commit=False)
    return OpenStore(CoordinationStore(factory), database.shown, engine.dispose)
