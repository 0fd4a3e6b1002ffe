"""The address of a shared PostgreSQL store (issue 17), as a person gives it, made safe.

A password is never in the address (it would sit in shell histories, process lists and
logs): it comes from the keychain (``postgresql:USER@HOST``) or from libpq's own
``.pgpass``. A server on another machine is reached over TLS only (``sslmode=require``
at least; ``verify-full`` recommended, with the département's certificate authority).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop.folder.secrets import SecretStore

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
TLS_MODES = ("require", "verify-ca", "verify-full")


class BadDatabaseUrl(ValueError):
    """``code``: not_postgresql, unreadable, password_in_url, tls_required, no_driver."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Database:
    url: URL  # never with a password
    password: str | None  # from the keychain; None: libpq finds it (.pgpass) or needs none

    @property
    def shown(self) -> str:
        """What may be said or logged: server and database, nothing secret."""
        return f"{self.url.host or 'socket locale'}/{self.url.database or ''}"

    def engine(self) -> Engine:
        """BadDatabaseUrl("no_driver") if this installation lacks psycopg."""
        connect: dict[str, Any] = {} if self.password is None else {"password": self.password}
        try:
            return create_engine(self.url, connect_args=connect, pool_pre_ping=True)
        except ImportError as error:
            raise BadDatabaseUrl("no_driver") from error


def checked_database(text: str, store: SecretStore | None) -> Database:
    """The store at ``text`` (``postgresql://user@host/base?sslmode=verify-full``)."""
    try:
        url = make_url(text.strip())
    except ArgumentError as error:
        raise BadDatabaseUrl("unreadable") from error
    if url.get_backend_name() != "postgresql":
        raise BadDatabaseUrl("not_postgresql")
    if url.password:
        raise BadDatabaseUrl("password_in_url")
    url = url.set(drivername="postgresql+psycopg")
    host = url.host or str(url.query.get("host") or "")
    if host and not host.startswith("/") and host not in LOCAL_HOSTS:
        mode = url.query.get("sslmode")
        if mode is None:
            url = url.update_query_dict({"sslmode": "require"})
        elif mode not in TLS_MODES:
            raise BadDatabaseUrl("tls_required")
    password = None
    if store is not None:
        try:
            password = store.get(f"postgresql:{url.username or ''}@{host or 'local'}")
        except Exception:  # no keychain here: libpq's .pgpass, or no password
            password = None
    return Database(url, password)
