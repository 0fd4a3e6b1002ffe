"""Who is at the desk: the desk locks after the idle time and a check-in in progress
survives it; unlocking with a personal code (chosen at first use) names the person; an
accueillante cannot reach the référente's screens; the audit journal lists and exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.desk_services import attach_lock
from models.desk.staff_access import AccessError, StaffAccess

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def locking(qtbot, window, desk):  # type: ignore[no-untyped-def]
    window.show()
    attach_lock(window, desk)
    window.desk_lock._watch()  # as 1.5 s after the start
    return window.desk_lock


def lock_now(qtbot, lock) -> None:  # type: ignore[no-untyped-def]
    lock.timer.start(30)  # as if the idle delay had passed
    qtbot.waitUntil(lambda: lock.locked, timeout=2000)


def unlock_as(qtbot, lock, name: str, code: str, first: bool) -> None:  # type: ignore[no-untyped-def]
    overlay = lock.overlay
    qtbot.mouseClick(overlay.open_button, LEFT)
    overlay.who.setCurrentIndex(overlay.who.findText(name))
    assert overlay.confirm.isVisible() == first  # the first time, the code is chosen twice
    qtbot.keyClicks(overlay.code, code)
    if first:
        qtbot.keyClicks(overlay.confirm, code)
    qtbot.mouseClick(overlay.go_button, LEFT)


def test_the_desk_locks_and_a_check_in_survives(qtbot, window, services, locking) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.mouseClick(panel.counters["children_0_5m"].plus, LEFT)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()  # another window of the desk (the programme, say)
    before = len(services.checkins.day_list())
    lock_now(qtbot, locking)
    assert not other.isVisible() and not window.centralWidget().isEnabled()
    qtbot.keyClick(locking.overlay, Qt.Key.Key_Return)  # Entrée under the lock saves nothing
    assert len(services.checkins.day_list()) == before
    unlock_as(qtbot, locking, "Awa", "2468", first=True)
    assert not locking.locked and other.isVisible()
    assert panel.counters["mothers"].value() == 1 and panel.counters["children_0_5m"].value() == 1
    lock_now(qtbot, locking)
    unlock_as(qtbot, locking, "Awa", "1111", first=False)
    assert locking.locked and "Code incorrect" in locking.overlay.error.text()
    locking.overlay.code.clear()
    qtbot.keyClicks(locking.overlay.code, "2468")
    qtbot.mouseClick(locking.overlay.go_button, LEFT)
    assert not locking.locked


def test_typing_keeps_the_desk_open(qtbot, window, locking) -> None:  # type: ignore[no-untyped-def]
    locking.timer.start(400)
    for _ in range(4):
        qtbot.wait(150)
        qtbot.keyClick(window.panel.counters["mothers"], Qt.Key.Key_Plus)
    assert not locking.locked  # 600 ms of typing: the 400 ms delay started again each time
    qtbot.waitUntil(lambda: locking.locked, timeout=3000)


def test_unlocking_names_who_is_at_the_desk(qtbot, window, services, locking) -> None:  # type: ignore[no-untyped-def]
    services.staff.add("Inès", "accueil", 1)
    window.fill_staff()
    lock_now(qtbot, locking)
    unlock_as(qtbot, locking, "Inès", "1357", first=True)
    assert window.staff_box.currentText() == "Inès"


def test_an_accueillante_cannot_reach_the_referentes_screens(qtbot, window, services, desk) -> None:  # type: ignore[no-untyped-def]
    ines = services.staff.add("Inès", "accueil", 1).id
    window.fill_staff(ines)
    menu = window.desk_menu
    for action in (menu.backup_action, menu.team_action, menu.journal_action):
        window.confirmation_text.clear()
        action.trigger()
        assert "Réservé à la référente" in window.confirmation_text.text()
    access = StaffAccess(desk.factory, desk.site.id)
    with pytest.raises(AccessError):
        access.reset_pin(1, ines)
    with pytest.raises(AccessError):
        access.set_lock_minutes(5, ines)
    access.set_lock_minutes(5, 1)  # the référente can
    assert access.lock_minutes() == 5


def test_the_journal_lists_and_exports(qtbot, window, services, desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from desktop.desk_services import build_journal_services
    from models.desk.checkin import VisitDraft
    from models.store.base import PARIS
    from ui.desk.audit_journal import AuditJournalDialog

    weird = services.staff.add("=HYPERLINK(x)", "accueil", 1).id
    services.checkins.record(VisitDraft(arrived_at=datetime.now(PARIS), mothers=1), 1)
    services.checkins.record(VisitDraft(arrived_at=datetime.now(PARIS), fathers=1), weird)
    dialog = AuditJournalDialog(build_journal_services(desk))
    qtbot.addWidget(dialog)
    actions = {dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    things = {dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())}
    assert {"passage", "équipe", "cabane"} <= things  # never a code
    assert {"Passage enregistré", "Personne ajoutée à l'équipe", "Cabane installée"} <= actions
    dialog.action.setCurrentIndex(dialog.action.findText("Passage enregistré"))
    assert dialog.table.rowCount() == 2
    dialog.person.setCurrentIndex(dialog.person.findText("Awa"))
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "Awa"
    dialog.person.setCurrentIndex(0)
    dialog.action.setCurrentIndex(0)
    out = tmp_path / "journal.csv"
    dialog.export_to(out)
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == "Date;Heure;Personne;Action;Objet;Identifiant"
    assert "'=HYPERLINK(x)" in text and ";=HYPERLINK" not in text  # never a formula


def test_only_the_referente_adds_people(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    from models.desk.sites import SetupError

    ines = services.staff.add("Inès", "accueil", 1).id
    with pytest.raises(SetupError):
        services.staff.add("Karim", "accueil", ines)
    with pytest.raises(SetupError):
        services.staff.add("Karim", "accueil", None)
