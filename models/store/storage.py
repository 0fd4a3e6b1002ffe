"""The storage guard (a refused write becomes one error type) and read snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker


class StorageError(RuntimeError):
    """The database refused the write (disk full, read-only, damaged file): nothing saved."""


@contextmanager
def storage_guard() -> Iterator[None]:
    """Turn the database's failures into StorageError: the caller keeps what it had."""
    try:
        yield
    except (OperationalError, DatabaseError, OSError) as error:
        raise StorageError(type(error).__name__) from error


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
