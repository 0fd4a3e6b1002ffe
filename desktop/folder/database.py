"""Opening the encrypted database: the engine factory, key check, backups and migrations."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from models.store import schema

DB_FILENAME = "cabane.db"


class WrongKeyError(Exception):
    """The key does not open this database (or the file is not a Cabane database)."""


log = logging.getLogger(__name__)  # file names and sizes only


def sqlite_url(path: Path) -> str:
    # Four slashes for an absolute path: sqlite:////home/...
    return f"sqlite:///{path.resolve()}"


def make_engine(url: str, key: bytes | None = None) -> Engine:
    """The one engine factory. SQLite URLs get SQLCipher with a raw key; others pass through.

    A raw key (``x'…'``) skips SQLCipher's slow key derivation at each start.
    """
    if not url.startswith("sqlite"):
        return create_engine(url)
    if key is None or len(key) != 32:
        raise ValueError("SQLCipher needs a 32-byte key")
    import sqlcipher3.dbapi2 as sqlcipher

    engine = create_engine(url, module=sqlcipher)
    pragma_key = f"PRAGMA key = \"x'{key.hex()}'\""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(pragma_key)
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    return engine


def check_key(engine: Engine) -> None:
    """Raise WrongKeyError unless the key opens the database."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except DatabaseError as error:
        engine.dispose()
        raise WrongKeyError(str(error)) from error


def backup_file(engine: Engine, db_path: Path, reason: str) -> Path:
    """Copy the (still encrypted) database file into ``backups/`` after a WAL checkpoint."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    backups = db_path.parent / "backups"
    backups.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"cabane-{stamp}-{reason}.db"
    tmp = target.with_suffix(".tmp")
    shutil.copyfile(db_path, tmp)
    tmp.replace(target)
    log.info("backup %s written (%d bytes)", target.name, target.stat().st_size)
    return target


def open_database(db_path: Path, key: bytes) -> tuple[Engine, sessionmaker[Session]]:
    """Open (or create) the encrypted database, migrating it to the current schema.

    An existing database is copied into ``backups/`` before any migration runs.
    """
    engine = make_engine(sqlite_url(db_path), key)
    check_key(engine)

    def _backup(revision: str | None) -> None:
        backup_file(engine, db_path, f"avant-migration-{revision}")

    schema.upgrade(engine, before_migrating=_backup)
    return engine, sessionmaker(engine, expire_on_commit=False)
