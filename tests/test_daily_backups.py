"""The daily copies in backups/: one a day, encrypted, rotated to 7 daily, 4 weekly and
12 monthly copies; the copies made before a migration are never rotated out."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.folder.daily_backups import daily_name, days_to_keep, make_daily_backup, rotate
from desktop.folder.database import make_engine, sqlite_url
from models.desk.checkin import CheckInService, VisitDraft
from models.store.base import paris_now


def test_the_first_start_of_a_day_copies_the_database_once(desk) -> None:  # type: ignore[no-untyped-def]
    checkins = CheckInService(desk.factory, desk.site.id)
    for _ in range(3):
        checkins.record(VisitDraft(arrived_at=paris_now(), mothers=1), None)
    today = date(2026, 11, 30)
    copy = make_daily_backup(desk.engine, desk.enrolment.key, desk.folder, today)
    assert copy == desk.folder / "backups" / "cabane-20261130-quotidienne.db"
    assert make_daily_backup(desk.engine, desk.enrolment.key, desk.folder, today) is None
    with pytest.raises(sqlite3.DatabaseError):  # still encrypted
        sqlite3.connect(copy).execute("SELECT * FROM sqlite_master").fetchall()
    engine = make_engine(sqlite_url(copy), desk.enrolment.key)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM visits")).scalar() == 3
    engine.dispose()
    assert not list((desk.folder / "backups").glob(".*partiel"))


def test_a_year_of_daily_copies_keeps_seven_days_four_weeks_twelve_months() -> None:
    today = date(2026, 11, 30)
    days = [today - timedelta(days=n) for n in range(400)]
    kept = days_to_keep(days)
    assert {today - timedelta(days=n) for n in range(7)} <= kept
    iso_weeks = {day.isocalendar()[:2] for day in kept}
    months = {(day.year, day.month) for day in kept}
    assert len(iso_weeks) >= 4 and len(months) == 12
    assert len(kept) <= 7 + 4 + 12
    assert min(kept) >= date(2025, 12, 1)  # nothing older than twelve months


def test_rotation_removes_only_the_daily_copies_no_longer_kept(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    today = date(2026, 11, 30)
    for n in range(60):
        (backups / daily_name(today - timedelta(days=n))).write_bytes(b"x")
    migration = backups / "cabane-20250101-000000-avant-migration-0005.db"
    migration.write_bytes(b"x")
    removed = rotate(backups)
    left = sorted(p.name for p in backups.glob("*-quotidienne.db"))
    assert removed == 60 - len(left)
    assert len(left) <= 7 + 4 + 12 and daily_name(today) in left
    assert migration.exists()


def test_the_desk_makes_todays_copy_off_the_ui_thread(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    from desktop.recovery_app import start_checks

    damaged: list[str] = []
    start_checks(window, desk, damaged.append)
    expected = desk.folder / "backups" / daily_name(paris_now().date())
    qtbot.waitUntil(expected.exists, timeout=10_000)
    assert damaged == []
