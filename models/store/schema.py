"""Bringing a database to the current schema with Alembic, and telling where it stands."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, column, inspect, select, table

if TYPE_CHECKING:
    from alembic.config import Config

from models.store.migrations import HEAD_REVISION, MIGRATIONS_DIR


def current_revision(connection: Connection) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    revision = connection.execute(select(_VERSION.c.version_num)).scalar()
    return str(revision) if revision is not None else None


log = logging.getLogger(__name__)  # revisions only

# Alembic's own bookkeeping table, described here to read it without importing Alembic.
_VERSION = table("alembic_version", column("version_num"))


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(
    engine: Engine,
    before_migrating: Callable[[str | None], None] | None = None,
    target: str = "head",
) -> bool:
    """Migrate to ``target``; returns True if anything ran.

    ``before_migrating`` is called with the current revision before an existing
    database is changed, so that the caller can back the file up first.
    """
    with engine.connect() as connection:
        revision = current_revision(connection)
    if revision == HEAD_REVISION and target == "head":
        return False
    if revision is not None and before_migrating is not None:
        before_migrating(revision)
    log.info("migrating the schema from %s to %s", revision or "empty", target)
    from alembic import command

    _migrate(engine, lambda config: command.upgrade(config, target))
    return True


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command

    _migrate(engine, lambda config: command.downgrade(config, target))


class ForeignKeyBroken(RuntimeError):
    """A migration would leave rows pointing at nothing: it was rolled back."""


def _migrate(engine: Engine, run: Callable[[Config], None]) -> None:
    """Run a migration in one transaction.

    On SQLite, rebuilding a table (Alembic's batch mode) drops the old one; with foreign
    keys enforced, that drop would cascade to the rows referencing it (a visit's
    orientations). So, as SQLite's own ALTER TABLE procedure says, enforcement is off
    while migrating, and ``foreign_key_check`` must find nothing before the commit.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            connection.commit()  # the PRAGMA has no effect inside a transaction
        try:
            with connection.begin():
                run(_alembic_config(connection))
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise ForeignKeyBroken(f"{len(broken)} rows")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys = ON")
                connection.commit()


def script_head() -> str | None:
    """Alembic's own idea of the head revision (for the consistency test)."""
    from alembic.script import ScriptDirectory

    with_path = str(Path(MIGRATIONS_DIR))
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", with_path)
    return ScriptDirectory.from_config(config).get_current_head()
