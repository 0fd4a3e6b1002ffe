"""The storage guard (a refused write becomes one error type, with its cause) and read
snapshots."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

# SQLite's primary result codes (https://sqlite.org/rescode.html) and what they mean here.
_SQLITE_CAUSES = {
    5: "locked",  # SQLITE_BUSY: another program holds the database past busy_timeout
    6: "locked",  # SQLITE_LOCKED
    8: "read_only",  # SQLITE_READONLY: the file (or its folder) cannot be written
    10: "io",  # SQLITE_IOERR
    11: "damaged",  # SQLITE_CORRUPT: a page does not decrypt or is malformed
    13: "disk_full",  # SQLITE_FULL
    14: "cant_open",  # SQLITE_CANTOPEN: the folder refuses the journal
    26: "not_a_database",  # SQLITE_NOTADB: wrong key, or page 1 damaged
}
# The same, from SQLite's fixed English messages (sqlite3_errstr), for the driver paths
# that do not set ``sqlite_errorcode``.
_SQLITE_MESSAGES = (
    ("database or disk is full", "disk_full"),
    ("readonly database", "read_only"),
    ("disk image is malformed", "damaged"),
    ("file is not a database", "not_a_database"),
    ("is locked", "locked"),
    ("unable to open database file", "cant_open"),
)
_OS_CAUSES = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
}


# PostgreSQL's SQLSTATEs of two writers meeting: the transaction may simply run again.
_CONFLICTS = {"40001", "40P01"}  # serialization_failure, deadlock_detected


def storage_cause(error: BaseException) -> str:
    """What went wrong with the storage, in one word, from a driver or OS error
    (``conflict``: another writer met this one; running the transaction again is right)."""
    seen: BaseException | None = error
    while seen is not None:
        original = getattr(seen, "orig", None)
        if getattr(original, "sqlstate", None) in _CONFLICTS:
            return "conflict"
        code = getattr(original if original is not None else seen, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE_CAUSES:
            return _SQLITE_CAUSES[code & 0xFF]
        if original is not None or type(seen).__module__.startswith("sqlcipher3"):
            message = str(original if original is not None else seen)
            for fragment, cause in _SQLITE_MESSAGES:
                if fragment in message:
                    return cause
        if isinstance(seen, OSError) and seen.errno in _OS_CAUSES:
            return _OS_CAUSES[seen.errno]
        seen = seen.__cause__ or seen.__context__
    return "io"


class StorageError(RuntimeError):
    """The database refused the write or the read: nothing saved. ``cause`` is one of
    ``disk_full``, ``read_only``, ``damaged``, ``locked``, ``io``… (storage_cause)."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


@contextmanager
def storage_guard() -> Iterator[None]:
    """Turn the database's failures into StorageError: the caller keeps what it had.

    A broken constraint (IntegrityError) is a bug, not a storage fault: it goes through.
    """
    try:
        yield
    except IntegrityError:
        raise
    except (OperationalError, DatabaseError, OSError) as error:
        raise StorageError(storage_cause(error)) from error


@contextmanager
def read_snapshot(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose reads all see the database as it was at its first read.

    SQLite's Python driver opens a transaction only before a write, so each SELECT would
    otherwise see the latest commit; an explicit BEGIN makes them one read transaction
    (WAL: writers go on meanwhile). PostgreSQL gets REPEATABLE READ for the same effect.
    """
    with factory() as session:
        sqlite = factory.kw["bind"].dialect.name == "sqlite"
        options = {} if sqlite else {"isolation_level": "REPEATABLE READ"}
        connection = session.connection(execution_options=options)
        if sqlite:
            connection.exec_driver_sql("BEGIN")
        yield session
