"""Retention with an injected clock: a family last seen 25 months ago is erased, its
visits still counted and the indicators of its weeks unchanged; one seen 23 months ago is
kept; old notes, appointment details and audit entries go; a dry run changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.families import FamilyService
from models.desk.retention import months_before, purge, purge_if_due
from models.figures.indicators import weekly_indicators
from models.store.base import PARIS
from models.store.entities import AuditEvent, Family, Visit

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=PARIS)


def seen(desk, months: int, note: str) -> tuple[str, tuple[int, int], str]:  # type: ignore[no-untyped-def]
    """A known family whose only visits were ``months`` ago (two visits that week)."""
    families = FamilyService(desk.factory, desk.site.id)
    family = families.create(f"Famille {months}", "06 12 34 56 78", True, 1)
    checkins = CheckInService(desk.factory, desk.site.id)
    at = months_before(NOW, months).replace(hour=10)
    at -= timedelta(days=at.weekday())  # a Monday: both visits in one ISO week
    for hour in (10, 11):
        checkins.record(
            VisitDraft(arrived_at=at.replace(hour=hour), mothers=1, family_id=family.id, note=note),
            1,
        )
    checkins.record(VisitDraft(arrived_at=at.replace(hour=15), fathers=1), 1)  # anonymous
    with desk.factory.begin() as session:  # the creation date as it was then
        session.get(Family, family.id).last_contact_at = at.replace(hour=11)
    iso = at.isocalendar()
    return family.id, (iso.year, iso.week), family.card_code


def test_a_family_seen_25_months_ago_is_erased_and_its_counts_stay(desk) -> None:  # type: ignore[no-untyped-def]
    old, old_week, _ = seen(desk, 25, "rappeler pour le RDV")
    kept, kept_week, _ = seen(desk, 23, "à revoir")
    before = {
        week: weekly_indicators(desk.factory, desk.site.id, *week) for week in (old_week, kept_week)
    }
    assert before[old_week].families_identified == 1

    dry = purge(desk.factory, NOW, dry_run=True)
    assert (dry.families, dry.visits_unlinked) == (1, 2)
    with desk.factory() as session:
        assert session.get(Family, old) is not None  # a dry run changes nothing

    done = purge(desk.factory, NOW)
    assert done == dry
    with desk.factory() as session:
        assert session.get(Family, old) is None
        assert session.get(Family, kept) is not None
        assert session.scalar(select(func.count()).where(Visit.family_id == old)) == 0
        old_notes = session.scalars(
            select(Visit.note).where(Visit.arrived_at < months_before(NOW, 24))
        ).all()
        assert set(old_notes) == {None}
        assert session.scalar(select(func.count()).where(Visit.note == "à revoir")) == 2
    after = {
        week: weekly_indicators(desk.factory, desk.site.id, *week) for week in (old_week, kept_week)
    }
    assert after == before  # no past indicator changes, distinct families included
    assert purge(desk.factory, NOW).anything is False  # nothing left to do


def test_audit_entries_older_than_twelve_months_go(desk) -> None:  # type: ignore[no-untyped-def]
    with desk.factory.begin() as session:
        session.add(AuditEvent(at=months_before(NOW, 13), action="x", entity="y", entity_id="1"))
        session.add(AuditEvent(at=months_before(NOW, 11), action="x", entity="y", entity_id="2"))
    purge(desk.factory, NOW)
    with desk.factory() as session:
        ids = set(session.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "x")))
    assert ids == {"2"}


def test_the_automatic_purge_runs_once_a_day(desk) -> None:  # type: ignore[no-untyped-def]
    seen(desk, 25, "")
    assert purge_if_due(desk.factory, NOW) is not None
    assert purge_if_due(desk.factory, NOW + timedelta(hours=3)) is None
    assert purge_if_due(desk.factory, NOW + timedelta(days=1)) is not None


def test_months_before_keeps_the_day_or_the_months_end() -> None:
    assert months_before(datetime(2026, 3, 31, tzinfo=PARIS), 1).day == 28
    assert months_before(NOW, 24).date().isoformat() == "2024-11-30"


def test_the_demo_gives_the_purge_something_to_do(data_dir) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_cabane

    demo = run_cabane("demo", "--visits", "400", "--days", "120", data_dir=data_dir)
    assert demo.returncode == 0, demo.stderr
    assert "12 familles connues fictives" in demo.stdout
    dry = run_cabane("purge", "--dry-run", data_dir=data_dir)
    assert dry.returncode == 0, dry.stderr
    assert "4 familles connues" in dry.stdout and "Rien n'a été effacé" in dry.stdout
    done = run_cabane("purge", data_dir=data_dir)
    assert "4 familles connues" in done.stdout and "a été effacé" in done.stdout
    again = run_cabane("purge", "--dry-run", data_dir=data_dir)
    assert "0 famille connue" in again.stdout


def test_old_copies_of_the_database_go_with_the_retention(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from desktop.folder.daily_backups import daily_name, expire_old_copies

    backups = tmp_path / "backups"
    (backups / "abimee-20231101-101010").mkdir(parents=True)
    old = backups / "cabane-20231101-101010-avant-migration-0005.db"
    old.write_bytes(b"x")
    recent = backups / "cabane-20261101-101010-avant-migration-0006.db"
    recent.write_bytes(b"x")
    daily = backups / daily_name(NOW.date())
    daily.write_bytes(b"x")
    long_ago = months_before(NOW, 30).timestamp()
    for path in (old, backups / "abimee-20231101-101010"):
        os.utime(path, (long_ago, long_ago))
    assert expire_old_copies(backups, months_before(NOW, 24)) == 2
    assert sorted(p.name for p in backups.iterdir()) == sorted([recent.name, daily.name])
