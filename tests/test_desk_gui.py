"""The check-in desk driven as a person would: clicks and keys, then what is stored."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from sqlalchemy import select

from models.store.entities import Visit
from ui.desk.family_picker import NewFamilyDialog

LEFT = Qt.MouseButton.LeftButton


def stored_visits(services) -> list[Visit]:  # type: ignore[no-untyped-def]
    return [row.draft for row in services.checkins.day_list()]


def test_typical_drop_in_takes_six_actions(qtbot, window, services, desk) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    performed: list[str] = []  # every click and key press the person makes, in order

    def click(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        performed.append(name)
        qtbot.mouseClick(widget, LEFT)

    def press(key: Qt.Key, name: str) -> None:
        performed.append(name)
        qtbot.keyClick(QApplication.focusWidget() or panel, key)

    def saved() -> int:
        with desk.factory() as session:
            return len(session.scalars(select(Visit)).all())

    click(panel.counters["mothers"].plus, "+1 mère")
    click(panel.counters["children_6_11m"].plus, "+1 enfant de 6 à 11 mois")
    click(panel.first_visit.buttons["yes"], "première venue : oui")
    click(panel.known_to_pmi.buttons["no"], "connue de la PMI : non")
    click(panel.channel.buttons["street"], "venue par la rue")
    assert saved() == 0  # nothing is recorded before the person says so
    press(Qt.Key.Key_Return, "Entrée")
    assert len(performed) <= 6, performed
    assert saved() == 1
    with desk.factory() as session:
        visits = session.scalars(select(Visit)).all()
        assert len(visits) == 1
        visit = visits[0]
        assert (visit.mothers, visit.children_6_11m, visit.fathers) == (1, 1, 0)
        assert (visit.first_visit, visit.known_to_pmi, visit.heard_via) == ("yes", "no", "street")
        assert visit.commune == "93045"  # the site's commune, preselected
        assert [lang.code for lang in visit.languages] == ["fr"]  # French preselected
        assert visit.recorded_by_id is not None
    # Confirmed visibly, the list and counters updated, the form ready for the next family.
    assert window.confirmation.isVisible()
    assert "1 mère, 1 enfant 6 à 11 mois" in window.confirmation_text.text()
    assert window.today.model.rowCount() == 1
    assert window.today.counter_labels["first_visits"].text() == "1"
    assert panel.counters["mothers"].value() == 0
    assert panel.channel.value() == "unknown"


def test_counters_work_from_the_keyboard(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    counter = window.panel.counters["fathers"]
    counter.setFocus()
    qtbot.keyClick(counter, Qt.Key.Key_Plus)
    qtbot.keyClick(counter, Qt.Key.Key_Up)
    qtbot.keyClick(counter, Qt.Key.Key_Minus)
    assert counter.value() == 1
    qtbot.keyClick(counter, Qt.Key.Key_3)
    assert counter.value() == 3
    qtbot.keyClick(counter, Qt.Key.Key_Return)
    assert stored_visits(services)[0].fathers == 3


def test_escape_clears_the_form_without_saving(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.panel.counters["mothers"].plus, LEFT)
    qtbot.mouseClick(window.panel.reasons.buttons["play"], LEFT)
    qtbot.keyClick(window.panel.counters["mothers"], Qt.Key.Key_Escape)
    assert window.panel.counters["mothers"].value() == 0
    assert window.panel.reasons.values() == ()
    assert stored_visits(services) == []


def test_mistakes_are_shown_beside_the_fields_never_in_a_dialog(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert panel.people_error.isVisible()
    assert "au moins une personne" in panel.people_error.text()
    assert QApplication.activeModalWidget() is None
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    assert not panel.people_error.isVisible()
    panel.commune.setEditText("Nulle part")
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert panel.commune_error.isVisible()
    assert stored_visits(services) == []
    # The form keeps what was typed: fix the commune and save.
    assert panel.counters["mothers"].value() == 1
    panel.commune.setEditText("Bobigny")
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert stored_visits(services)[0].commune == "93008"


def test_counts_stop_at_twenty(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    counter = window.panel.counters["children_0_5m"]
    for _ in range(25):
        counter.step(1)
    assert counter.value() == 20
    assert not counter.plus.isEnabled()


def test_a_huge_note_is_refused_and_kept_for_correction(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    panel.note.setText("a" * 10_000)
    assert panel.note_error.isVisible()
    qtbot.keyClick(panel.note, Qt.Key.Key_Return)
    assert stored_visits(services) == []
    assert len(panel.note.text()) == 10_000
    assert "trop longue" in panel.note_error.text()


def test_arrival_in_the_future_is_refused(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    later = panel.arrival.time().addSecs(3 * 3600)
    if later < panel.arrival.time():  # late evening: the next day is not "later today"
        return
    panel.arrival.setTime(later)
    panel.arrival.editingFinished.emit()
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert panel.arrival_error.isVisible()
    assert stored_visits(services) == []


def test_ctrl_z_and_the_annuler_button_undo(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    qtbot.mouseClick(panel.counters["fathers"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert len(stored_visits(services)) == 2
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [v.fathers for v in stored_visits(services)] == [0]
    qtbot.mouseClick(window.undo_button, LEFT)
    assert stored_visits(services) == []
    assert window.today.counter_labels["visits"].text() == "0"


def test_correct_a_visit_from_todays_list_then_undo(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    window.today.table.selectRow(0)
    qtbot.mouseClick(window.today.edit_button, LEFT)
    assert panel.editing_id is not None
    assert panel.counters["mothers"].value() == 1
    assert "Correction" in panel.title.text()
    qtbot.mouseClick(panel.counters["children_12_23m"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    visits = stored_visits(services)
    assert len(visits) == 1 and visits[0].children_12_23m == 1
    assert panel.editing_id is None
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_visits(services)[0].children_12_23m == 0


def test_delete_from_todays_list_then_undo(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["other_adults"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    window.today.table.selectRow(0)
    qtbot.mouseClick(window.today.delete_button, LEFT)
    assert stored_visits(services) == []
    assert "supprimé" in window.confirmation_text.text()
    qtbot.mouseClick(window.undo_button, LEFT)
    assert [v.other_adults for v in stored_visits(services)] == [1]


def test_staff_switch_says_who_recorded_the_visit(
    qtbot, window, services, desk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Fatou", True)))
    box = window.staff_box
    box.setCurrentIndex(box.count() - 1)  # « Ajouter une personne… »
    box.activated.emit(box.count() - 1)
    assert box.currentText() == "Fatou"
    fatou = box.currentData()
    qtbot.mouseClick(window.panel.counters["mothers"].plus, LEFT)
    qtbot.keyClick(window.panel.counters["mothers"], Qt.Key.Key_Return)
    with desk.factory() as session:
        assert session.scalars(select(Visit.recorded_by_id)).one() == fatou


def test_link_a_known_family_found_while_typing(qtbot, window, services, desk) -> None:  # type: ignore[no-untyped-def]
    family = services.families.create("Maman de Lina", None, True, staff_id=1)
    picker = window.panel.family
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "lina")
    popup = picker.search.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.family is not None and picker.family.id == family.id
    assert "Maman de Lina" in picker.linked.text()
    qtbot.mouseClick(window.panel.counters["mothers"].plus, LEFT)
    qtbot.keyClick(window.panel.counters["mothers"], Qt.Key.Key_Return)
    rows = services.checkins.day_list()
    assert rows[0].draft.family_id == family.id and rows[0].family_label == "Maman de Lina"
    assert picker.family is None  # the next family starts anonymous


def test_create_a_family_only_with_consent(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    picker = window.panel.family
    seen: list[str] = []

    def fill_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewFamilyDialog)
        dialog.label_edit.setText("Awa")
        qtbot.mouseClick(dialog.create_button, LEFT)
        seen.append(dialog.error.text())  # refused: no consent yet
        dialog.consent.setChecked(True)
        qtbot.mouseClick(dialog.create_button, LEFT)

    QTimer.singleShot(0, fill_dialog)
    qtbot.mouseClick(picker.new_button, LEFT)
    assert seen and "accord" in seen[0]
    assert picker.family is not None and picker.family.label == "Awa"
    assert len(picker.family.card_code) == 7


def test_no_dialog_is_left_open(window) -> None:  # type: ignore[no-untyped-def]
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    assert dialogs == []
    assert all(isinstance(b.text(), str) for b in window.findChildren(QPushButton))


def test_a_full_disk_is_said_plainly_and_the_form_is_kept(qtbot, window, services, desk) -> None:  # type: ignore[no-untyped-def]
    from tests.test_checkin_service import fill_the_disk, free_the_disk

    panel = window.panel
    fill_the_disk(desk)
    # Fill until the database refuses, through the service (the desk's own saves are small).
    from models.desk.checkin import StorageError, VisitDraft
    from models.store.base import paris_now

    for note in ("n" * 280, ""):  # big visits first, then small ones, until nothing fits
        try:
            for _ in range(2000):
                services.checkins.record(
                    VisitDraft(arrived_at=paris_now(), mothers=1, note=note), None
                )
        except StorageError:
            pass
    before = len(services.checkins.day_list())
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.mouseClick(panel.reasons.buttons["rights"], LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert window.confirmation.isVisible()
    assert "le disque est plein" in window.confirmation_text.text()
    assert QApplication.activeModalWidget() is None
    assert panel.counters["mothers"].value() == 1  # nothing typed is lost
    assert panel.reasons.values() == ("rights",)
    free_the_disk(desk)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert len(services.checkins.day_list()) == before + 1
    assert "Enregistré" in window.confirmation_text.text()


def test_the_desk_reminds_last_weeks_export_and_opens_it(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from sqlalchemy import update

    from models.store.base import utc_now
    from models.store.entities import Site

    with desk.factory.begin() as session:  # set up today: nothing to send yet
        session.execute(update(Site).values(created_at=utc_now()))
    window.update_export_reminder()
    assert not window._reminder_action.isVisible()
    with desk.factory.begin() as session:  # the cabane has been open for a month
        session.execute(update(Site).values(created_at=utc_now() - timedelta(days=30)))
    window.update_export_reminder()
    qtbot.waitUntil(lambda: window._reminder_action.isVisible())
    week = window.export_reminder.property("week")
    said = window.export_reminder.text()
    assert said.startswith("Semaine du") and said.endswith("pas encore exportée")
    assert not re.search(r"\bS\d", said)  # never « S48 »
    qtbot.mouseClick(window.export_reminder, LEFT)
    export = window.export_window
    assert export is not None and export.isVisible()
    qtbot.addWidget(export)
    assert export.selected == tuple(week)


def test_orient_from_the_check_in_form_then_save(qtbot, window, services, desk) -> None:  # type: ignore[no-untyped-def]
    from models.orientations.orientations import OrientationService

    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.mouseClick(panel.orient_button, LEFT)
    dialog = window.orientations().pending_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    editor = dialog.editor
    qtbot.keyClicks(editor.service, "Sage-femme")
    qtbot.mouseClick(editor.add_orientation_button, LEFT)
    assert panel.orient_button.text() == "Orienter… (1)"
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    visit_id = services.checkins.day_list()[0].id
    items = OrientationService(desk.factory, desk.site.id).for_visit(visit_id)
    assert [(i.kind, i.what) for i in items] == [("orientation", "midwife")]
    assert panel.orient_button.text() == "Orienter…"  # the next family starts with none
    # The day list says which visits gave an orientation, in words (not by colour alone).
    assert window.today.model.index(0, 2).data().startswith("➜ 1 orientation")
    window.refresh_day()  # as read again from the database
    assert window.today.model.index(0, 2).data().startswith("➜ 1 orientation")


def test_orientations_of_a_listed_visit_and_the_family_slip(qtbot, window, services, desk) -> None:  # type: ignore[no-untyped-def]
    from models.orientations.orientations import OrientationService
    from ui.widgets.pdf_preview import PdfPreviewDialog

    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    window.today.table.selectRow(0)
    qtbot.mouseClick(window.today.orient_button, LEFT)
    visit_id = services.checkins.day_list()[0].id
    dialog = window.orientations().visit_dialogs[visit_id]
    qtbot.addWidget(dialog)
    editor = dialog.editor
    qtbot.keyClicks(editor.partner, "caf")
    qtbot.keyClick(editor.partner, Qt.Key.Key_Return)
    qtbot.mouseClick(editor.add_referral_button, LEFT)
    service = OrientationService(desk.factory, desk.site.id)
    assert [i.kind for i in service.for_visit(visit_id)] == ["referral"]
    qtbot.waitUntil(lambda: any(r.slip_button.isVisible() for r in editor.rows))
    row = next(r for r in editor.rows if r.slip_button.isVisible())
    qtbot.mouseClick(row.slip_button, LEFT)
    qtbot.waitUntil(lambda: bool(window.orientations().previews))  # built off the UI thread
    preview = window.orientations().previews[-1]
    qtbot.addWidget(preview)
    assert isinstance(preview, PdfPreviewDialog) and preview.document.pageCount() == 1


def test_deleting_a_visit_with_orientations_then_undo_keeps_them(
    qtbot, window, services, desk
) -> None:  # type: ignore[no-untyped-def]
    from models.orientations.orientations import OrientationService

    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    visit_id = services.checkins.day_list()[0].id
    service = OrientationService(desk.factory, desk.site.id)
    service.orient(visit_id, "vaccination", None)
    window.today.table.selectRow(0)
    qtbot.mouseClick(window.today.delete_button, LEFT)
    assert service.for_visit(visit_id) == []
    qtbot.mouseClick(window.undo_button, LEFT)
    assert [i.what for i in service.for_visit(visit_id)] == ["vaccination"]


def test_the_toolbar_opens_the_directory_and_the_follow_up(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Annuaire"], LEFT)
    qtbot.mouseClick(buttons["Suivi"], LEFT)
    directory = window.orientations().directory
    follow_up = window.orientations().follow_up
    assert directory is not None and follow_up is not None
    qtbot.addWidget(directory)
    qtbot.addWidget(follow_up)
    assert directory.isVisible() and follow_up.isVisible()


def test_the_toolbar_opens_the_outreach_counting(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Aller-vers"], LEFT)
    outreach = window.outreach_window
    assert outreach is not None and outreach.isVisible()
    qtbot.addWidget(outreach)


def test_the_dashboard_follows_the_check_ins(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Tableau de bord"], LEFT)
    dashboard = window.dashboard_window
    assert dashboard is not None and dashboard.isVisible()
    qtbot.addWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.computations >= 1)
    before = dashboard.computations
    qtbot.mouseClick(window.panel.counters["mothers"].plus, LEFT)
    qtbot.mouseClick(window.panel.save_button, LEFT)  # the dashboard has the focus
    qtbot.waitUntil(lambda: dashboard.computations > before)


def test_the_session_going_on_is_preselected(qtbot, window, services, desk) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from models.programme.programme import ProgrammeService, SessionData
    from models.store.base import paris_now

    start = paris_now() - timedelta(minutes=30)
    session = ProgrammeService(desk.factory, desk.site.id).create(
        SessionData("baby_massage", start, start + timedelta(hours=2))
    )
    qtbot.waitUntil(lambda: window.panel.current_session is not None)
    panel = window.panel
    panel.reset()  # as after any save
    assert panel.session_button.isVisible() and panel.session_button.isChecked()
    assert "Massage bébé" in panel.session_button.text()
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert services.checkins.day_list()[0].draft.session_id == session.id
    qtbot.mouseClick(panel.session_button, LEFT)  # not for the session, this one
    qtbot.mouseClick(panel.counters["fathers"].plus, LEFT)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert services.checkins.day_list()[0].draft.session_id is None


def test_the_toolbar_opens_the_programme(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Programme"], LEFT)
    programme = window.programme_window
    assert programme is not None and programme.isVisible()
    qtbot.addWidget(programme)


def test_a_full_disk_while_saving_a_visit_with_two_orientations_stores_all_or_nothing(
    qtbot, window, services, desk
) -> None:  # type: ignore[no-untyped-def]
    """The disk fills up after the visit's row is written, at its second orientation."""
    from sqlalchemy import event

    from models.orientations.orientations import OrientationService

    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.mouseClick(panel.orient_button, LEFT)
    dialog = window.orientations().pending_dialog
    qtbot.addWidget(dialog)
    editor = dialog.editor
    for service in ("Sage-femme", "Vaccination"):
        qtbot.keyClicks(editor.service, service)
        qtbot.mouseClick(editor.add_orientation_button, LEFT)
    assert panel.orient_button.text() == "Orienter… (2)"

    written: list[str] = []
    disk_full = [True]

    def fill_at_second_orientation(conn, cursor, statement, parameters, context, many) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO orientations"):
            written.append(statement)
            if disk_full[0] and len(written) == 2:
                # What SQLCipher itself raises then (SQLITE_FULL).
                raise desk.engine.dialect.dbapi.OperationalError("database or disk is full")

    event.listen(desk.engine, "before_cursor_execute", fill_at_second_orientation)
    orientations = OrientationService(desk.factory, desk.site.id)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert len(written) == 2  # the visit and one orientation were written, then the disk
    assert "le disque est plein" in window.confirmation_text.text()
    assert services.checkins.day_list() == []  # nothing of the check-in was kept
    assert orientations.open_items() == []
    assert panel.counters["mothers"].value() == 1  # and nothing typed is lost
    assert panel.orient_button.text() == "Orienter… (2)"

    disk_full[0] = False  # space was freed
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)  # a second press, by habit
    event.remove(desk.engine, "before_cursor_execute", fill_at_second_orientation)
    rows = services.checkins.day_list()
    assert len(rows) == 1
    saved = orientations.for_visit(rows[0].id)
    assert sorted(i.what for i in saved) == ["midwife", "vaccination"]
    assert panel.orient_button.text() == "Orienter…"


def test_the_wheel_changes_a_field_only_once_it_has_the_focus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window.show()
    commune = window.panel.commune
    before = commune.currentIndex()

    def wheel(widget) -> None:  # type: ignore[no-untyped-def]
        centre = QPointF(widget.rect().center())
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)

    window.panel.counters["mothers"].setFocus()
    wheel(commune)  # scrolling the form over the list
    assert commune.currentIndex() == before
    commune.setFocus()
    qtbot.waitUntil(commune.hasFocus)
    wheel(commune)  # the list chosen first: the wheel moves it
    assert commune.currentIndex() != before


def _earlier_today_typed() -> tuple[str, tuple[int, int]]:
    """A time a little before now (today), as typed: « HHMM »."""
    from datetime import timedelta

    from models.store.base import paris_now

    now = paris_now()
    earlier = max(now - timedelta(hours=2, minutes=13), now.replace(hour=0, minute=0))
    return f"{earlier.hour:02d}{earlier.minute:02d}", (earlier.hour, earlier.minute)


def _click_hours(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(field.lineEdit(), LEFT, pos=QPoint(6, field.lineEdit().height() // 2))
    qtbot.waitUntil(lambda: field.lineEdit().hasSelectedText())


def test_a_typed_arrival_time_then_enter_is_the_time_saved(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    from models.store.base import PARIS

    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    typed, expected = _earlier_today_typed()
    _click_hours(qtbot, panel.arrival)  # one click, then the digits: no selecting first
    assert QApplication.focusWidget() is panel.arrival  # keys go where a person's would
    qtbot.keyClicks(panel.arrival, typed)
    qtbot.keyClick(panel.arrival, Qt.Key.Key_Return)  # at once, without leaving the field
    saved = stored_visits(services)
    assert len(saved) == 1
    arrived = saved[0].arrived_at.astimezone(PARIS)
    assert (arrived.hour, arrived.minute) == expected


def test_the_clock_never_overwrites_a_time_being_typed(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    typed, expected = _earlier_today_typed()
    _click_hours(qtbot, panel.arrival)
    qtbot.keyClicks(panel.arrival, typed[:2])  # the hours only, then a pause
    hours = panel.arrival.time().hour()
    panel._clock.timeout.emit()  # the clock ticks while the cursor is in the field
    assert panel.arrival.time().hour() == hours == expected[0]
    qtbot.keyClicks(panel.arrival, typed[2:])
    panel.counters["mothers"].setFocus()  # the person moves on
    panel._clock.timeout.emit()  # later ticks keep the corrected time
    assert (panel.arrival.time().hour(), panel.arrival.time().minute()) == expected


def test_escape_then_ctrl_z_puts_the_form_back(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    qtbot.mouseClick(panel.counters["children_12_23m"].plus, LEFT)
    qtbot.mouseClick(panel.reasons.buttons["play"], LEFT)
    qtbot.mouseClick(panel.first_visit.buttons["yes"], LEFT)
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "revient jeudi")
    qtbot.keyClick(panel.note, Qt.Key.Key_Escape)
    assert panel.counters["mothers"].value() == 0 and panel.note.text() == ""
    assert window.undo_button.isVisible()  # said, with the way back
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.counters["mothers"].value() == 1
    assert panel.counters["children_12_23m"].value() == 1
    assert panel.reasons.values() == ("play",)
    assert panel.first_visit.value() == "yes"
    assert panel.note.text() == "revient jeudi"
    assert "Rien à annuler" not in window.confirmation_text.text()
    assert stored_visits(services) == []  # putting the form back wrote nothing
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    assert stored_visits(services)[0].note == "revient jeudi"


def test_escape_on_an_empty_form_leaves_nothing_to_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.panel.counters["mothers"], Qt.Key.Key_Escape)
    assert window.undo_steps == []


def test_a_pregnant_woman_alone_takes_one_tap(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["pregnant"].plus, LEFT)  # only « Dont enceintes + »
    assert panel.counters["mothers"].value() == 1
    qtbot.keyClick(panel.counters["pregnant"], Qt.Key.Key_Return)
    saved = stored_visits(services)
    assert [(v.mothers, v.pregnant) for v in saved] == [(1, 1)]
    for _ in range(2):
        qtbot.mouseClick(panel.counters["pregnant"].plus, LEFT)  # two mothers, both pregnant
    qtbot.mouseClick(panel.counters["mothers"].minus, LEFT)  # one mother less…
    assert panel.counters["pregnant"].value() == 1  # …never leaves more pregnant than mothers


def test_defaults_the_app_proposed_look_different_from_choices_made(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import apply_style

    apply_style(QApplication.instance())  # type: ignore[arg-type]
    panel = window.panel
    unknown = panel.first_visit.buttons["unknown"]
    french = panel.languages.buttons["fr"]
    assert unknown.isChecked() and unknown.property("proposed")
    assert french.isChecked() and french.property("proposed")
    proposed_look = unknown.grab().toImage()
    qtbot.mouseClick(panel.first_visit.buttons["yes"], LEFT)
    qtbot.mouseClick(unknown, LEFT)  # « Ne sait pas », now said by the person
    assert unknown.isChecked() and not unknown.property("proposed")
    assert unknown.grab().toImage() != proposed_look  # seen, not only stored
    qtbot.mouseClick(french, LEFT)
    qtbot.mouseClick(french, LEFT)
    assert french.isChecked() and not french.property("proposed")
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Escape)  # the next family
    assert unknown.property("proposed") and french.property("proposed")


def test_a_session_that_starts_is_offered_at_once(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from models.programme.programme import ProgrammeService, SessionData
    from models.store.base import paris_now

    panel = window.panel
    qtbot.waitUntil(lambda: panel.current_session is not None)
    panel.refresh_session()
    assert not panel.session_button.isVisible()
    start = paris_now() - timedelta(minutes=1)  # it has just begun
    ProgrammeService(desk.factory, desk.site.id).create(
        SessionData("baby_massage", start, start + timedelta(hours=1))
    )
    panel._clock.timeout.emit()  # the next tick of the desk's clock, no save needed
    assert panel.session_button.isVisible() and panel.session_button.isChecked()
    qtbot.mouseClick(panel.session_button, LEFT)  # not for this family
    panel._clock.timeout.emit()
    assert not panel.session_button.isChecked()  # the tick keeps the person's choice


def test_a_known_family_is_not_a_first_visit_and_comes_as_usual(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    from models.desk.checkin import VisitDraft
    from models.store.base import paris_now

    family = services.families.create("Maman de Lina", None, True, staff_id=1)
    before = paris_now().replace(second=0, microsecond=0)
    services.checkins.record(
        VisitDraft(arrived_at=before, mothers=1, children_12_23m=1, family_id=family.id), 1
    )
    panel = window.panel
    panel.reset()
    picker = panel.family
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "lina")
    qtbot.waitUntil(lambda: picker.search.completer().popup().isVisible())
    qtbot.keyClick(picker.search.completer().popup(), Qt.Key.Key_Return)
    assert panel.first_visit.value() == "no"  # a known family has come before
    assert picker.usual_button.isVisible()
    assert picker.usual_button.text() == "Comme la dernière fois : 1 mère, 1 enfant 12 à 23 mois"
    qtbot.mouseClick(picker.usual_button, LEFT)  # one click for the usual people
    assert panel.counters["mothers"].value() == 1
    assert panel.counters["children_12_23m"].value() == 1
    qtbot.keyClick(panel.counters["mothers"], Qt.Key.Key_Return)
    latest = services.checkins.day_list()[0].draft
    assert (latest.first_visit, latest.family_id, latest.mothers) == ("no", family.id, 1)


def test_the_status_bar_says_where_the_key_is_in_words(window) -> None:  # type: ignore[no-untyped-def]
    said = window.statusBar().currentMessage()
    assert said.startswith("Données chiffrées sur cet ordinateur. Clé : ")
    assert not re.search(r"[A-Z][a-z]+[A-Z]|keyring|Keyring|backend", said)  # no class name
