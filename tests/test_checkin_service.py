"""Saving check-ins: validation, one transaction each, undo support, audit without personal data."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from models.desk.checkin import (
    CheckInService,
    InvalidVisit,
    VisitDraft,
    VisitNotFound,
    day_counters,
    validate,
)
from models.desk.families import FamilyError, FamilyService
from models.store.base import PARIS, paris_now
from models.store.entities import AuditEvent, Visit


@pytest.fixture
def service(desk) -> CheckInService:  # type: ignore[no-untyped-def]
    return CheckInService(desk.factory, desk.site.id)


def draft(**fields) -> VisitDraft:  # type: ignore[no-untyped-def]
    fields.setdefault("arrived_at", paris_now())
    return VisitDraft(**fields)


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({}, "people", "no_person"),
        ({"mothers": 1, "pregnant": 2}, "pregnant", "pregnant_exceeds_mothers"),
        ({"fathers": 21}, "fathers", "count_out_of_range"),
        ({"children_0_5m": -1, "mothers": 1}, "children_0_5m", "count_out_of_range"),
        ({"mothers": 1, "note": "x" * 281}, "note", "note_too_long"),
        ({"mothers": 1, "commune": "75056"}, "commune", "unknown_code"),
        ({"mothers": 1, "heard_via": "tv"}, "heard_via", "unknown_code"),
        ({"mothers": 1, "languages": ("fr", "fr")}, "languages", "duplicate"),
        ({"mothers": 1, "reasons": ("nap",)}, "reasons", "unknown_code"),
    ],
)
def test_invalid_check_ins_are_refused_with_the_field_named(fields, field, code) -> None:  # type: ignore[no-untyped-def]
    assert validate(draft(**fields)).by_field.get(field) == code


def test_no_check_in_in_the_future() -> None:
    later = paris_now() + timedelta(minutes=30)
    assert validate(draft(mothers=1, arrived_at=later)).by_field == {"arrived_at": "in_future"}
    assert not validate(draft(mothers=1, arrived_at=paris_now() + timedelta(seconds=30)))


def test_a_refused_check_in_stores_nothing(desk, service: CheckInService) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidVisit) as refused:
        service.record(draft(mothers=1, pregnant=2), None)
    assert "pregnant" in refused.value.errors.by_field
    assert service.day_list() == []


def test_saved_check_in_reads_back_whole(desk, service: CheckInService) -> None:  # type: ignore[no-untyped-def]
    saved = draft(
        mothers=1,
        pregnant=1,
        fathers=1,
        children_6_11m=1,
        children_3_5y=2,
        first_visit="yes",
        known_to_pmi="no",
        commune="93045",
        heard_via="street",
        languages=("ta", "fr"),
        interpreter_needed=True,
        reasons=("play", "rights"),
        note="  revient jeudi  ",
    )
    visit_id = service.record(saved, staff_id=1)
    back = service.get(visit_id)
    assert back.languages == ("ta", "fr")
    assert back.reasons == ("play", "rights")
    assert back.note == "revient jeudi"
    assert (back.mothers, back.pregnant, back.children_3_5y) == (1, 1, 2)
    assert back.arrived_at == saved.arrived_at
    rows = service.day_list()
    assert [r.id for r in rows] == [visit_id]
    assert day_counters(rows).adults == 2 and day_counters(rows).children == 3


def test_update_delete_and_restore_support_undo(service: CheckInService) -> None:
    visit_id = service.record(draft(mothers=1), None)
    before = service.update(visit_id, draft(mothers=2, children_0_5m=1), None)
    assert before.mothers == 1 and service.get(visit_id).mothers == 2
    removed = service.delete(visit_id, None)
    assert service.day_list() == []
    with pytest.raises(VisitNotFound):
        service.get(visit_id)
    service.restore(visit_id, removed, None)
    assert service.get(visit_id).mothers == 2


def test_day_list_is_the_paris_day(desk, service: CheckInService) -> None:  # type: ignore[no-untyped-def]
    today = paris_now().date()
    midnight = datetime(today.year, today.month, today.day, tzinfo=PARIS)
    service.record(draft(mothers=1, arrived_at=midnight), None)
    service.record(draft(mothers=1, arrived_at=midnight - timedelta(minutes=1)), None)
    assert len(service.day_list()) == 1
    assert len(service.day_list(midnight - timedelta(hours=1))) == 1


def test_audit_journal_records_who_did_what_without_personal_data(desk, service) -> None:  # type: ignore[no-untyped-def]
    families = FamilyService(desk.factory, desk.site.id)
    family = families.create("Maman de Lina", "06 12 34 56 78", True, staff_id=1)
    visit_id = service.record(draft(mothers=1, note="secret", family_id=family.id), staff_id=1)
    service.update(visit_id, draft(mothers=1, children_0_5m=1), staff_id=1)
    service.delete(visit_id, staff_id=1)
    with desk.factory() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        actions = [e.action for e in events]
        assert actions[-4:] == ["family.create", "visit.create", "visit.update", "visit.delete"]
        assert all(e.staff_id == 1 for e in events[-4:])
        text = " ".join(f"{e.action} {e.entity} {e.entity_id} {e.detail}" for e in events)
    for personal in ("Lina", "06 12", "secret"):
        assert personal not in text


def test_known_family_needs_consent_and_is_found_by_label_or_card(desk) -> None:  # type: ignore[no-untyped-def]
    families = FamilyService(desk.factory, desk.site.id)
    with pytest.raises(FamilyError, match="no_consent"):
        families.create("Awa et Moussa", None, False, staff_id=1)
    with pytest.raises(FamilyError, match="phone"):
        families.create("Awa et Moussa", "appelle-moi", True, staff_id=1)
    created = families.create("Awa et Moussa", None, True, staff_id=1)
    assert [f.id for f in families.search("moussa")] == [created.id]
    assert [f.id for f in families.search(created.card_code.replace("-", "").lower())] == [
        created.id
    ]
    assert families.search("%") == []


def test_linking_a_visit_updates_the_family_last_contact(desk, service) -> None:  # type: ignore[no-untyped-def]
    families = FamilyService(desk.factory, desk.site.id)
    family = families.create("Awa", None, True, staff_id=1)
    later = paris_now() + timedelta(seconds=1)
    service.record(draft(mothers=1, family_id=family.id, arrived_at=later), None)
    refreshed = families.get(family.id)
    assert refreshed is not None and refreshed.last_contact_at == later
    assert service.day_list()[0].family_label == "Awa"
    with pytest.raises(InvalidVisit):
        service.record(draft(mothers=1, family_id="not-a-family"), None)
    with desk.factory() as session:
        assert session.scalar(select(Visit.family_id).where(Visit.family_id.is_not(None)))


def fill_the_disk(desk) -> None:  # type: ignore[no-untyped-def]
    """Make the database as full as a full disk would: no new page can be written."""
    from sqlalchemy import event

    desk.engine.dispose()

    @event.listens_for(desk.engine, "connect")
    def _full(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    desk.full_disk_listener = _full


def free_the_disk(desk) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    event.remove(desk.engine, "connect", desk.full_disk_listener)
    desk.engine.dispose()


def test_a_full_disk_loses_nothing_already_saved(desk, service: CheckInService) -> None:  # type: ignore[no-untyped-def]
    from models.desk.checkin import StorageError

    fill_the_disk(desk)
    saved = []
    start = (paris_now() - timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    with pytest.raises(StorageError):
        for number in range(2000):  # one second apart: the day's list has one order
            moment = start + timedelta(seconds=number)
            saved.append(service.record(draft(mothers=1, note="n" * 280, arrived_at=moment), None))
    # Every confirmed visit is there, in the order it was saved (the list: latest first).
    assert [r.id for r in service.day_list(start)] == saved[::-1]
    with desk.factory() as session:
        creates = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "visit.create")
        ).all()
        assert len(creates) == len(saved)  # no half-saved visit, no orphan event
        assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    free_the_disk(desk)
    later = start + timedelta(hours=1)
    service.record(draft(mothers=1, arrived_at=later), None)
    assert len(service.day_list(start)) == len(saved) + 1


def test_the_short_name_is_made_from_the_name() -> None:
    from models.desk.sites import short_name

    assert short_name("Cabane de Bondy") == "bondy"
    assert short_name("Cabane des Lilas") == "lilas"
    assert short_name("Cabane de Saint-Ouen-sur-Seine") == "saint-ouen-sur-seine"
    assert short_name("La Cabane d'Épinay") == "epinay"
    assert short_name("Cabane") == "cabane"
    assert len(short_name("Cabane " + "Très long nom " * 10)) <= 32
