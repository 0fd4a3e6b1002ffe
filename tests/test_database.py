"""The database at rest: encrypted, migrated by Alembic, backed up before a migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.folder.database import make_engine, open_database, sqlite_url
from desktop.folder.desk import db_path
from desktop.folder.faults import WrongKeyError
from desktop.folder.secrets import new_key, recovery_code
from models.desk.checkin import CheckInService, VisitDraft
from models.store import schema
from models.store.base import Base, paris_now
from models.store.migrations import HEAD_REVISION


def test_plain_sqlite_cannot_read_the_database(desk) -> None:  # type: ignore[no-untyped-def]
    path = db_path(desk.folder)
    assert path.stat().st_size > 0
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()


def test_the_key_opens_it_and_a_wrong_key_does_not(desk) -> None:  # type: ignore[no-untyped-def]
    CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=paris_now(), mothers=1), None
    )
    desk.close()
    engine, _factory = open_database(db_path(desk.folder), desk.enrolment.key)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM visits")).scalar() == 1
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()
    with pytest.raises(WrongKeyError):
        open_database(db_path(desk.folder), new_key())


def test_the_key_is_nowhere_on_disk_in_plain_text(desk) -> None:  # type: ignore[no-untyped-def]
    key = desk.enrolment.key
    forms = [key, key.hex().encode(), key.hex().upper().encode()]
    forms.append(recovery_code(key).encode())
    forms.append(recovery_code(key).replace("-", "").encode())
    files = [p for p in desk.folder.rglob("*") if p.is_file()]
    assert files, "the data folder should hold the database and its config"
    for path in files:
        content = path.read_bytes()
        for form in forms:
            assert form not in content, f"key found in {path.name}"


def test_alembic_head_equals_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import models.store.activity_entities
    import models.store.coordination_entities
    import models.store.survey_entities  # noqa: F401

    engine = make_engine(sqlite_url(tmp_path / "m.db"), new_key())
    schema.upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert schema.script_head() == HEAD_REVISION


def test_every_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "m.db"), new_key())
    schema.upgrade(engine)
    schema.downgrade(engine, "base")
    with engine.connect() as connection:
        tables = connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        assert {row[0] for row in tables} <= {"alembic_version"}
    schema.upgrade(engine)
    with engine.connect() as connection:
        assert schema.current_revision(connection) == HEAD_REVISION


def test_a_copy_is_made_before_a_migration_runs(tmp_path: Path) -> None:
    """An older database (schema 0001) is copied, still encrypted, then migrated."""
    key = new_key()
    path = tmp_path / "cabane.db"
    old = make_engine(sqlite_url(path), key)
    schema.upgrade(old, target="0001")
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sites (id, code, name, commune, format, pmi_centre, "
                "address, opening_hours, settings, created_at) VALUES (1, 'lilas', "
                "'Cabane des Lilas', '93045', 'modulaire', '', '', '', '{}', "
                "'2026-01-01 00:00:00')"
            )
        )
    old.dispose()
    engine, _ = open_database(path, key)
    with engine.connect() as connection:
        assert schema.current_revision(connection) == HEAD_REVISION
        assert connection.execute(text("SELECT count(*) FROM weekly_exports")).scalar() == 0
    engine.dispose()
    backups = list((tmp_path / "backups").glob("cabane-*avant-migration-0001.db"))
    assert len(backups) == 1
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backups[0]).execute("SELECT * FROM sqlite_master").fetchall()
    copy = make_engine(sqlite_url(backups[0]), key)
    with copy.connect() as connection:
        assert schema.current_revision(connection) == "0001"
        assert connection.execute(text("SELECT name FROM sites")).scalar() == "Cabane des Lilas"
    copy.dispose()


def test_a_new_database_is_not_backed_up(desk) -> None:  # type: ignore[no-untyped-def]
    assert not (desk.folder / "backups").exists()


def test_migration_0006_keeps_orientations_and_links_visits_to_sessions(desk) -> None:  # type: ignore[no-untyped-def]
    """Rebuilding `visits` for its new foreign key must not cascade to the rows that
    reference it (SQLite drops the old table): every orientation survives."""
    from models.orientations.orientations import OrientationService

    checkins = CheckInService(desk.factory, desk.site.id)
    visit = checkins.record(VisitDraft(arrived_at=paris_now(), mothers=1), None)
    OrientationService(desk.factory, desk.site.id).orient(visit, "vaccination", None)
    schema.downgrade(desk.engine, "0005")
    with desk.engine.begin() as connection:  # a session id that matches no session
        connection.execute(text("UPDATE visits SET session_id = 'gone'"))
    schema.upgrade(desk.engine)
    with desk.engine.connect() as connection:
        assert schema.current_revision(connection) == HEAD_REVISION
        assert connection.execute(text("SELECT count(*) FROM orientations")).scalar() == 1
        assert connection.execute(text("SELECT session_id FROM visits")).scalar() is None
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        keys = connection.exec_driver_sql("PRAGMA foreign_key_list(visits)").fetchall()
    assert ("activity_sessions", "session_id") in {(row[2], row[3]) for row in keys}


def test_a_visit_for_an_unknown_session_is_refused(desk) -> None:  # type: ignore[no-untyped-def]
    from models.desk.checkin import InvalidVisit

    checkins = CheckInService(desk.factory, desk.site.id)
    with pytest.raises(InvalidVisit) as refused:
        checkins.record(VisitDraft(arrived_at=paris_now(), mothers=1, session_id="x" * 36), None)
    assert refused.value.errors.by_field == {"session_id": "unknown_session"}
    assert checkins.day_list() == []
