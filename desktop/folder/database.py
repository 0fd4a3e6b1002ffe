"""Opening the encrypted database: the engine factory, true diagnoses, backups, migrations."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.folder.faults import (
    OpenRefused,
    fault_of,
    key_check_value,
    probe_database_file,
    probe_folder,
)
from models.store import schema

DB_FILENAME = "cabane.db"

log = logging.getLogger(__name__)  # file names, sizes and fault codes only


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
        # SQLCipher writes its own errors to stderr: never raw output in front of a
        # person (the fault is diagnosed and said in French instead). Process-wide.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(pragma_key)
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    return engine


def check_key(engine: Engine, key_is_right: bool = False) -> None:
    """Raise an OpenRefused (WrongKeyError, damaged_header, …) unless the database opens.

    ``key_is_right``: the key is known to be this database's (its verifier matches), so
    a file that does not decrypt is damaged, not opened with the wrong key.
    """
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except DatabaseError as error:
        engine.dispose()
        raise fault_of(error, key_is_right) from error


def quick_check(engine: Engine, full: bool = False) -> str | None:
    """None if the database is sound, else the fault code (damaged_page…).

    ``quick_check`` reads every page (seconds at most); ``integrity_check`` (self-test)
    also checks the indexes against their tables.
    """
    pragma = "PRAGMA integrity_check(1)" if full else "PRAGMA quick_check(1)"
    try:
        with engine.connect() as connection:
            result = connection.exec_driver_sql(pragma).scalar()
    except DatabaseError as error:
        return fault_of(error, key_is_right=True).code
    return None if result == "ok" else "damaged_page"


def _opens_a_backup(db_path: Path, key: bytes) -> bool:
    """Without a verifier: the key opens one of this folder's backups, so it is right."""
    copies = sorted((db_path.parent / "backups").glob("*.db"), reverse=True)
    for copy in copies[:3]:
        engine = make_engine(sqlite_url(copy), key)
        try:
            check_key(engine)
        except OpenRefused:
            continue
        finally:
            engine.dispose()
        return True
    return False


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


def open_database(
    db_path: Path, key: bytes, key_check: str = ""
) -> tuple[Engine, sessionmaker[Session]]:
    """Open (or create) the encrypted database, migrating it to the current schema.

    Refuses with the true cause (OpenRefused) before anything is written: a folder or a
    file that cannot be written, a full disk, a damaged file, a wrong key. ``key_check``
    is the folder's key verifier (empty for folders made before it existed). An existing
    database is checked and copied into ``backups/`` before any migration runs.
    """
    probe_folder(db_path.parent)
    probe_database_file(db_path)
    engine = make_engine(sqlite_url(db_path), key)
    try:
        check_key(engine, key_is_right=key_check == key_check_value(key))
    except OpenRefused as refused:
        if refused.code == "wrong_key" and not key_check and _opens_a_backup(db_path, key):
            raise OpenRefused("damaged_header") from refused
        raise

    def _check_and_back_up(revision: str | None) -> None:
        damaged = quick_check(engine)
        if damaged is not None:
            raise OpenRefused(damaged)
        backup_file(engine, db_path, f"avant-migration-{revision}")

    try:
        schema.upgrade(engine, before_migrating=_check_and_back_up)
    except (OperationalError, DatabaseError, OSError, OpenRefused) as error:
        engine.dispose()
        if isinstance(error, OpenRefused):
            raise
        raise fault_of(error, key_is_right=True) from error
    return engine, sessionmaker(engine, expire_on_commit=False)
