"""Orientations at the desk, the partner directory and the follow-up, driven as a person would."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from models.desk.checkin import CheckInService, VisitDraft
from models.orientations.orientations import OrientationError, OrientationService
from models.orientations.partners import PartnerData, PartnerDirectory, PmiCentres
from models.store.base import PARIS, paris_now
from ui.orientations.follow_up import FollowUpView
from ui.orientations.orientation_dialog import OrientationDialog
from ui.orientations.orientation_editor import OrientationEditor
from ui.orientations.partner_directory import PartnerDirectoryWindow
from ui.orientations.pending import (
    OrientationServices,
    PendingOrientation,
    PendingReferral,
    request_of,
)

LEFT = Qt.MouseButton.LeftButton
RETURN = Qt.Key.Key_Return
CAF = "CAF de la Seine-Saint-Denis"
CENTRE = "Centre de PMI des Lilas"


@pytest.fixture
def orient(desk) -> OrientationServices:  # type: ignore[no-untyped-def]
    """What desktop/app.py builds for the orientation widgets."""
    return OrientationServices(
        orientations=OrientationService(desk.factory, desk.site.id),
        partners=PartnerDirectory(desk.factory),
        centres=PmiCentres(desk.factory),
        staff_id=lambda: 1,
    )


def new_visit(desk, at: datetime | None = None) -> str:  # type: ignore[no-untyped-def]
    draft = VisitDraft(arrived_at=at or paris_now(), mothers=1)
    return CheckInService(desk.factory, desk.site.id).record(draft, 1)


def partner_id(orient: OrientationServices, name: str) -> int:
    return next(p.id for p in orient.partners.search(name))


def type_in(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Keys as typed; QTest only knows ASCII, so accented letters come as text events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def shown(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# ----- the editor


def test_orientation_and_referral_added_to_a_saved_visit_with_the_keyboard(
    qtbot, desk, orient: OrientationServices
) -> None:  # type: ignore[no-untyped-def]
    visit = new_visit(desk)
    # Inside a form whose Enter saves (as the check-in panel's does): Enter stays with the editor.
    form = QWidget()
    saves = []
    enter = QShortcut(QKeySequence(RETURN), form)
    enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    enter.activated.connect(lambda: saves.append(1))
    editor = OrientationEditor(orient)
    QVBoxLayout(form).addWidget(editor)
    shown(qtbot, form)
    form.resize(900, 500)
    editor.set_visit(visit)
    changes = []
    editor.changed.connect(lambda: changes.append(1))

    editor.service.setFocus()
    qtbot.keyClicks(editor.service, "vacc")
    qtbot.keyClick(editor.service, RETURN)  # completes the service, adds nothing yet
    assert editor.service.currentText() == "Vaccination"
    assert orient.orientations.for_visit(visit) == []
    qtbot.mouseClick(editor.has_appointment, LEFT)
    assert editor.orientation_status.value() == "appointment"
    next_year = paris_now().year + 1
    editor.appointment.setDateTime(QDateTime(QDate(next_year, 12, 3), QTime(14, 0)))
    qtbot.keyClick(editor.service, RETURN)

    (item,) = orient.orientations.for_visit(visit)
    assert (item.kind, item.what, item.detail, item.status) == (
        "orientation",
        "vaccination",
        CENTRE,
        "appointment",
    )
    assert item.appointment_at == datetime(next_year, 12, 3, 14, 0, tzinfo=PARIS)
    assert editor.rows[0].text.text() == (
        "Vaccination — Centre de PMI des Lilas — RDV pris le 03/12 à 14:00"
    )
    assert editor.service.currentText() == "" and form.focusWidget() is editor.service

    editor.partner.setFocus()
    qtbot.keyClicks(editor.partner, "caf")
    qtbot.keyClick(editor.partner, RETURN)  # picks the first match; the theme follows its type
    assert editor.partner.text().startswith(CAF)
    assert editor.theme.currentData() == "family_benefits" and form.focusWidget() is editor.theme
    qtbot.keyClick(editor.theme, RETURN)

    referral = orient.orientations.for_visit(visit)[1]
    assert (referral.kind, referral.what, referral.detail, referral.status) == (
        "referral",
        CAF,
        "family_benefits",
        "proposed",
    )
    assert editor.rows[1].text.text() == f"{CAF} — Prestations familiales (CAF) — proposée"
    assert saves == [] and len(changes) == 2


def test_errors_are_said_beside_the_field_and_nothing_is_added(
    qtbot, desk, orient: OrientationServices
) -> None:  # type: ignore[no-untyped-def]
    visit = new_visit(desk)
    editor = shown(qtbot, OrientationEditor(orient))
    editor.set_visit(visit)
    qtbot.keyClicks(editor.service, "radiologie")
    qtbot.mouseClick(editor.add_orientation_button, LEFT)
    assert editor.service_error.isVisible()
    assert editor.service_error.text() == "Choisissez un service dans la liste."
    qtbot.mouseClick(editor.add_referral_button, LEFT)
    assert editor.partner_error.text() == "Choisissez un partenaire dans la liste."
    assert orient.orientations.for_visit(visit) == []


def test_before_the_visit_is_saved_additions_wait_then_are_saved_with_it(
    qtbot, desk, orient: OrientationServices
) -> None:  # type: ignore[no-untyped-def]
    editor = shown(qtbot, OrientationEditor(orient))
    editor.set_visit(None)
    type_in(qtbot, editor.service, "Suivi pédiatrique et pesée")
    qtbot.mouseClick(editor.orientation_status.buttons["proposed"], LEFT)
    qtbot.mouseClick(editor.add_orientation_button, LEFT)
    qtbot.keyClicks(editor.partner, "Violences")
    popup = editor.partner.list.popup()
    assert popup.isVisible() and popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, RETURN)  # Enter in the open list picks, adds nothing yet
    assert editor.partner.text().startswith("Violences Femmes Info")
    assert len(editor.pending()) == 1 and not popup.isVisible()
    editor.theme.setCurrentIndex(editor.theme.findData("violence"))
    qtbot.mouseClick(editor.referral_status.buttons["contacted"], LEFT)
    qtbot.mouseClick(editor.add_referral_button, LEFT)

    violences = partner_id(orient, "Violences Femmes Info")
    centre = orient.centres.all()[0].id
    assert editor.pending() == [
        PendingOrientation("child_follow_up", centre, "proposed", None),
        PendingReferral(violences, "Violences Femmes Info", "violence", "contacted"),
    ]
    assert len(editor.rows) == 2 and editor.rows[1].slip_button is None
    assert editor.rows[0].text.text() == "Suivi pédiatrique et pesée — " + CENTRE + " — proposée"

    checkins = CheckInService(desk.factory, desk.site.id)
    requests = [request_of(item) for item in editor.pending()]
    visit = checkins.record(VisitDraft(arrived_at=paris_now(), mothers=1), None, requests)
    editor.set_visit(visit)
    saved = orient.orientations.for_visit(visit)
    assert [(i.kind, i.what, i.status) for i in saved] == [
        ("orientation", "child_follow_up", "proposed"),
        ("referral", "Violences Femmes Info", "contacted"),
    ]
    assert editor.pending() == [] and len(editor.rows) == 2


def test_a_pending_item_removed_then_put_back(qtbot, orient: OrientationServices) -> None:  # type: ignore[no-untyped-def]
    editor = shown(qtbot, OrientationEditor(orient))
    qtbot.keyClicks(editor.service, "Sage-femme")
    qtbot.mouseClick(editor.add_orientation_button, LEFT)
    qtbot.mouseClick(editor.rows[0].remove_button, LEFT)
    assert editor.pending() == [] and editor.rows == []
    qtbot.mouseClick(editor.undo_button, LEFT)
    assert [i.service for i in editor.pending()] == ["midwife"]  # type: ignore[union-attr]
    editor.set_pending([])
    assert editor.pending() == [] and editor.rows == []


def test_removing_an_item_of_a_saved_visit_and_undoing_it(
    qtbot, desk, orient: OrientationServices
) -> None:  # type: ignore[no-untyped-def]
    visit = new_visit(desk)
    orient.orientations.orient(visit, "vaccination", None, "proposed")
    orient.orientations.refer(visit, partner_id(orient, CAF), "family_benefits")
    editor = shown(qtbot, OrientationEditor(orient))
    editor.set_visit(visit)
    assert editor.rows[0].text.text() == "Vaccination — proposée"

    qtbot.mouseClick(editor.rows[0].remove_button, LEFT)
    assert [i.kind for i in orient.orientations.for_visit(visit)] == ["referral"]
    assert [row.item.kind for row in editor.rows] == ["referral"]  # type: ignore[union-attr]
    assert editor.undo_label.text() == "Retiré : Vaccination — proposée."
    qtbot.mouseClick(editor.undo_button, LEFT)
    assert len(orient.orientations.for_visit(visit)) == 2 and len(editor.rows) == 2


def test_the_slip_button_asks_for_the_referral_slip(
    qtbot, desk, orient: OrientationServices
) -> None:  # type: ignore[no-untyped-def]
    arrived = paris_now().replace(hour=10, minute=5) - timedelta(days=1)
    visit = new_visit(desk, arrived)
    referral = orient.orientations.refer(visit, partner_id(orient, CAF), "family_benefits")
    dialog = shown(qtbot, OrientationDialog(orient, visit, arrived))
    assert dialog.windowTitle() == "Orientations — passage de 10:05"
    row = dialog.editor.rows[0]
    assert row.slip_button is not None and row.slip_button.text() == "Fiche pour la famille…"
    with qtbot.waitSignal(dialog.slipRequested) as asked:
        qtbot.mouseClick(row.slip_button, LEFT)
    assert asked.args == [referral]


# ----- the directory


@pytest.fixture
def directory(qtbot, orient: OrientationServices) -> PartnerDirectoryWindow:  # type: ignore[no-untyped-def]
    return shown(qtbot, PartnerDirectoryWindow(orient))


def test_search_as_you_type_narrows_the_table(directory: PartnerDirectoryWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert len(directory.shown_names()) == 5 and directory.model.rowCount() == 5
    qtbot.keyClicks(directory.search, "caf")
    assert directory.shown_names() == [CAF]
    directory.search.clear()
    qtbot.keyClicks(directory.search, "violences")  # the type's label is searched too
    assert directory.shown_names() == ["Violences Femmes Info"]
    assert directory.model.rows[0][1] == "Violences faites aux femmes (Maison des femmes, CIDFF)"


def test_a_bad_phone_is_refused_beside_the_field_then_the_partner_is_saved(
    directory: PartnerDirectoryWindow, orient: OrientationServices, qtbot
) -> None:  # type: ignore[no-untyped-def]
    form = directory.form
    qtbot.mouseClick(directory.new_button, LEFT)
    type_in(qtbot, form.name, "Épicerie solidaire « Le Panier »")
    form.partner_type.setCurrentIndex(form.partner_type.findData("food_aid"))
    form.commune.setFocus()
    form.commune.lineEdit().selectAll()
    qtbot.keyClicks(form.commune, "Bagnolet")
    qtbot.keyClicks(form.phone, "01 AB")
    type_in(qtbot, form.to_bring, "Un sac")  # « À apporter », printed on the family's slip
    qtbot.mouseClick(form.languages.buttons["ar"], LEFT)
    type_in(qtbot, form.other_language, "Soninké")
    qtbot.keyClick(form.other_language, RETURN)  # adds the language, does not save
    qtbot.mouseClick(directory.save_button, LEFT)
    assert form.errors["phone"].isVisible()
    assert form.errors["phone"].text().startswith("Numéro de téléphone non reconnu")
    assert orient.partners.search("panier") == []

    form.phone.clear()
    qtbot.keyClicks(form.phone, "01 48 57 00 00")
    assert not form.errors["phone"].isVisible()  # the message goes as the field is corrected
    qtbot.keyClick(form.phone, RETURN)  # Enter in the form saves
    (saved,) = orient.partners.search("panier")
    assert saved.data.partner_type == "food_aid" and saved.data.commune == "93006"
    assert saved.data.phone == "01 48 57 00 00" and set(saved.data.languages) == {"ar", "snk"}
    assert saved.data.to_bring == "Un sac"
    assert "Épicerie solidaire « Le Panier »" in directory.shown_names()
    assert directory.message.text() == "Partenaire enregistré."


def test_a_deactivated_partner_leaves_the_active_list_and_comes_back(
    directory: PartnerDirectoryWindow, orient: OrientationServices, qtbot
) -> None:  # type: ignore[no-untyped-def]
    directory.table.selectRow(directory.shown_names().index(CAF))
    assert directory.form.name.text() == CAF
    assert directory.active_button.text() == "Désactiver"
    qtbot.mouseClick(directory.active_button, LEFT)
    assert CAF not in directory.shown_names()
    assert CAF not in [p.data.name for p in orient.partners.search()]
    assert directory.active_button.text() == "Réactiver"  # the fix is one click away
    qtbot.mouseClick(directory.active_only, LEFT)
    assert f"{CAF} (inactif)" in [row[0] for row in directory.model.rows]
    qtbot.mouseClick(directory.active_button, LEFT)
    assert CAF in [p.data.name for p in orient.partners.search()]


FRENCH_EXCEL = (
    "\ufeffNom;Type;Adresse;Commune;Téléphone;Courriel;Site web;Horaires;Langues;Contact;Notes\r\n"
    "Maison des femmes;Violences faites aux femmes (Maison des femmes, CIDFF);"
    "1 chemin du Moulin basset;Saint-Denis;01 42 35 61 28;;;Lundi–vendredi 9 h–17 h;"
    "Français, Arabe;Mme Bérénice;Accueil sans rendez-vous le mardi\r\n"
    "Épicerie solidaire « Le Panier »;Aide alimentaire;12 rue de l'Église;Bagnolet;;"
    "contact@panier.fr;;Mercredi 14 h;;;\r\n"
    "Garage du coin;Garage;;Bondy;;;;;;;\r\n"
    "Crèche Les Petits Pas;Mode d'accueil (crèche, RPE);;Pantin;;pas-un-courriel;;;;;\r\n"
)


def test_a_french_excel_file_is_imported_and_refused_lines_are_said(
    directory: PartnerDirectoryWindow, orient: OrientationServices, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "partenaires.csv"
    path.write_bytes(FRENCH_EXCEL.encode("utf-8"))
    directory.ask_open_path = lambda: path
    qtbot.mouseClick(directory.import_button, LEFT)
    qtbot.waitUntil(lambda: not directory.busy())
    assert directory.report.text() == (
        "2 partenaires ajoutés. 2 lignes refusées : ligne 4 : type inconnu (« Garage ») ; "
        "ligne 5 : courriel non reconnu (« pas-un-courriel »)."
    )
    women = orient.partners.search("maison des femmes")[0].data
    assert women.contact_person == "Mme Bérénice" and women.languages == ("fr", "ar")
    assert "Épicerie solidaire « Le Panier »" in directory.shown_names()
    assert len(directory.shown_names()) == 7


def test_the_directory_is_exported_to_the_chosen_file(
    directory: PartnerDirectoryWindow, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    asked = []

    def ask(name: str) -> Path:
        asked.append(name)
        return tmp_path / name

    directory.ask_save_path = ask
    qtbot.mouseClick(directory.export_button, LEFT)
    qtbot.waitUntil(lambda: not directory.busy())
    written = (tmp_path / "partenaires-cabane.csv").read_bytes()
    assert asked == ["partenaires-cabane.csv"]
    assert written.startswith("\ufeff".encode()) and CAF.encode() in written
    assert directory.report.text().startswith("5 partenaires exportés dans ")


def test_a_pmi_centre_is_created_then_edited(
    directory: PartnerDirectoryWindow, orient: OrientationServices, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = directory.centres
    directory.tabs.setCurrentWidget(page)
    qtbot.mouseClick(page.new_button, LEFT)
    type_in(qtbot, page.name, "Centre de PMI Jean-Jaurès")
    type_in(qtbot, page.address, "12 rue Jean-Jaurès")
    type_in(qtbot, page.phone, "pas un numéro")
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.errors["phone"].text().startswith("Numéro de téléphone non reconnu")
    assert len(orient.centres.all()) == 1
    page.phone.clear()
    qtbot.keyClicks(page.phone, "01 43 62 00 00")
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.names() == ["Centre de PMI Jean-Jaurès", CENTRE]

    page.list.setCurrentRow(0)
    page.opening_hours.clear()
    type_in(qtbot, page.opening_hours, "Lundi–vendredi 8 h 30–17 h")
    qtbot.keyClick(page.active, Qt.Key.Key_Space)  # closed: kept, no longer offered at the desk
    qtbot.mouseClick(page.save_button, LEFT)
    centres = {c.name: c for c in orient.centres.all(include_inactive=True)}
    jaures = centres["Centre de PMI Jean-Jaurès"]
    assert jaures.opening_hours == "Lundi–vendredi 8 h 30–17 h" and not jaures.active
    assert jaures.phone == "01 43 62 00 00"
    assert page.names() == ["Centre de PMI Jean-Jaurès (fermé)", CENTRE]


# ----- follow-up


def test_the_follow_up_lists_open_items_and_changes_a_status_in_place(
    qtbot, desk, orient: OrientationServices
) -> None:  # type: ignore[no-untyped-def]
    first = new_visit(desk, paris_now() - timedelta(days=3))
    second = new_visit(desk, paris_now() - timedelta(days=1))
    orient.orientations.orient(first, "vaccination", None, "proposed")
    orient.orientations.orient(first, "midwife", None, "honoured")
    referral = orient.orientations.refer(second, partner_id(orient, CAF), "family_benefits")
    view = shown(qtbot, FollowUpView(orient))
    assert [row[2] for row in view.model.rows] == ["Vaccination", CAF]
    assert [row[1] for row in view.model.rows] == ["PMI", "Partenaire"]
    assert view.model.rows[1][5] == "Proposée"

    view.table.setFocus()
    assert view.selected() is not None and view.selected().what == "vaccination"  # type: ignore[union-attr]
    qtbot.keyClick(view.table, Qt.Key.Key_3)  # the third status: « Honorée »
    assert [i.what for i in orient.orientations.open_items()] == [CAF]
    assert [row[2] for row in view.model.rows] == [CAF]
    assert view.message.text() == "Vaccination : honorée."

    buttons = view.status_buttons["referral"]
    assert buttons.isVisible() and view.slip_button.isVisible()
    qtbot.mouseClick(buttons.buttons["contacted"], LEFT)
    assert [(i.id, i.status) for i in orient.orientations.open_items()] == [(referral, "contacted")]
    assert view.model.rows[0][5] == "Contact pris"
    qtbot.mouseClick(view.undo_button, LEFT)
    assert orient.orientations.open_items()[0].status == "proposed"

    qtbot.mouseClick(view.filter.buttons["all"], LEFT)
    assert sorted(row[2] for row in view.model.rows[:2]) == ["Sage-femme", "Vaccination"]
    assert view.model.rows[2][2] == CAF
    with qtbot.waitSignal(view.slipRequested) as asked:
        view.table.selectRow(2)
        qtbot.mouseClick(view.slip_button, LEFT)
    assert asked.args == [referral]


def test_a_refused_orientation_refuses_the_whole_check_in(
    desk, orient: OrientationServices
) -> None:  # type: ignore[no-untyped-def]
    """One user action, one transaction: the visit and its orientations, or nothing."""
    checkins = CheckInService(desk.factory, desk.site.id)
    caf = partner_id(orient, CAF)
    orient.partners.set_active(caf, False)  # deactivated while the family was at the desk
    items = [
        PendingOrientation("vaccination", None, "proposed", None),
        PendingReferral(caf, CAF, "family_benefits", "proposed"),
    ]
    with pytest.raises(OrientationError) as refused:
        checkins.record(
            VisitDraft(arrived_at=paris_now(), mothers=1),
            None,
            [request_of(item) for item in items],
        )
    assert refused.value.field == "partner"
    assert checkins.day_list() == []
    assert orient.orientations.open_items() == []
    assert PartnerData(name="x").partner_type == "other"


def test_a_pmi_appointment_gets_a_slip_for_the_family_too(
    qtbot, desk, orient: OrientationServices, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from models.figures.calendar import next_opening_slot
    from printing.referral_slip import build_referral_slips

    centre = orient.centres.all()[0]
    orient.centres.save(
        replace(centre, address="12 rue de Paris", phone="01 43 60 00 00", opening_hours="9h-17h")
    )
    arrived = paris_now().replace(hour=10, minute=5) - timedelta(days=1)
    visit = new_visit(desk, arrived)
    when = datetime(2026, 12, 8, 14, 30, tzinfo=PARIS)
    made = orient.orientations.orient(visit, "vaccination", centre.id, "appointment", when)
    dialog = shown(qtbot, OrientationDialog(orient, visit, arrived))
    row = dialog.editor.rows[0]
    assert row.slip_button is not None  # as for a partner
    with qtbot.waitSignal(dialog.slipRequested) as asked:
        qtbot.mouseClick(row.slip_button, LEFT)
    assert asked.args == [made]
    slip = orient.orientations.slip(made)
    pdf = tmp_path / "rdv.pdf"
    pdf.write_bytes(build_referral_slips([slip], layout="a6"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for expected in (centre.name, "12 rue de Paris", "01 43 60 00 00", "mardi 8 décembre 2026"):
        assert expected in flat
    assert "14 h 30" in flat
    # A new appointment is proposed in the centre's usual hours, never at 18:00.
    slot = next_opening_slot(datetime(2026, 12, 1, 17, 40, tzinfo=PARIS))
    assert (slot.day, slot.hour, slot.minute) == (2, 9, 0)
    assert next_opening_slot(datetime(2026, 12, 4, 10, 10, tzinfo=PARIS)).hour == 10
    assert next_opening_slot(datetime(2026, 12, 5, 10, 0, tzinfo=PARIS)).weekday() == 0
