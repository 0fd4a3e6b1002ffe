"""Programme des activités: plan a session from the form, fix it, copy it, count it, print it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from models.orientations.partners import PartnerDirectory
from models.programme.programme import ProgrammeService, SessionData
from models.store.base import PARIS
from ui.programme.programme_services import ProgrammeServices
from ui.programme.programme_window import ProgrammeWindow

NOW = datetime(2026, 11, 10, 9, 0, tzinfo=PARIS)  # a Tuesday of S46


@pytest.fixture
def programme(desk):  # type: ignore[no-untyped-def]
    return ProgrammeService(desk.factory, desk.site.id)


@pytest.fixture
def win(qtbot, desk, programme):  # type: ignore[no-untyped-def]
    from desktop.app import make_application

    make_application()
    services = ProgrammeServices(programme, PartnerDirectory(desk.factory), lambda: 1, lambda: NOW)
    window = ProgrammeWindow(services)
    qtbot.addWidget(window)
    window.resize(1200, 740)
    window.show()
    qtbot.waitExposed(window)
    return window


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill_thursday_cafe(qtbot, win: ProgrammeWindow) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, win.new_button)
    win.activity.setCurrentIndex(win.activity.findText("Café des parents"))
    win.day.setDate(QDate(2026, 11, 12))
    win.starts.setTime(QTime(14, 0))
    win.ends.setTime(QTime(16, 0))
    win.title.setFocus()
    qtbot.keyClicks(win.title, "Parents et sommeil")
    qtbot.keyClicks(win.facilitator, "Awa")


def type_lines(qtbot, edit, *lines: str) -> None:  # type: ignore[no-untyped-def]
    for index, line in enumerate(lines):
        if index:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, line)


def create(qtbot, win: ProgrammeWindow) -> str:  # type: ignore[no-untyped-def]
    fill_thursday_cafe(qtbot, win)
    click(qtbot, win.save_button)
    session_id = win.session_id()
    assert session_id is not None
    return session_id


def test_a_session_made_in_the_form_appears_on_its_day(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    assert win.week_label.text() == "Semaine du 9 au 15 novembre 2026"
    assert win.day_headers[1].property("today") is True
    session_id = create(qtbot, win)
    assert win.confirmation.text() == "Séance enregistrée."
    assert win.session_texts(3) == ["14:00–16:00 Parents et sommeil"]
    assert all(win.session_texts(c) == [] for c in (0, 1, 2, 4, 5, 6))
    saved = programme.get(session_id).data
    assert saved.facilitator == "Awa"
    assert saved.starts_at == datetime(2026, 11, 12, 14, 0, tzinfo=PARIS)
    # Clicking the card brings the session back into the form.
    click(qtbot, win.new_button)
    assert win.session_id() is None
    listing = win.day_lists[3]
    rect = listing.visualItemRect(listing.item(0))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.session_id() == session_id
    assert win.title.text() == "Parents et sommeil"


def test_an_end_before_the_start_is_refused_beside_the_field(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    fill_thursday_cafe(qtbot, win)
    win.ends.setTime(QTime(13, 0))
    click(qtbot, win.save_button)
    assert win.errors["ends_at"].isVisible()
    assert "après le début" in win.errors["ends_at"].text()
    assert win.session_id() is None
    assert programme.between(*_week_46()) == []
    win.ends.setTime(QTime(16, 0))
    click(qtbot, win.save_button)
    assert not win.errors["ends_at"].isVisible()
    assert win.session_id() is not None


def test_outside_needs_an_address(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    fill_thursday_cafe(qtbot, win)
    click(qtbot, win.place.buttons["outside"])
    assert win.address.isEnabled() and win.address.hasFocus()
    click(qtbot, win.save_button)
    assert win.errors["address"].isVisible()
    qtbot.keyClicks(win.address, "Parc des Beaumonts")
    click(qtbot, win.save_button)
    assert not win.errors["address"].isVisible()
    assert "Ailleurs : Parc des Beaumonts" in win.session_texts(3)[0]


def test_edit_and_cancel_a_session(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    session_id = create(qtbot, win)
    click(qtbot, win.status.buttons["cancelled"])
    type_lines(qtbot, win.registrations, "Fatou", "Lina")
    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    data = programme.get(session_id).data
    assert data.status == "cancelled"
    assert data.registrations == ("Fatou", "Lina")
    card = win.day_lists[3].item(0)
    assert card.font().strikeOut()
    assert "Annulée" in card.text()


def test_duplicate_to_another_date(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    original = create(qtbot, win)
    win.duplicate_date.setDate(QDate(2026, 11, 14))
    click(qtbot, win.duplicate_button)
    copy = win.session_id()
    assert copy not in (None, original)
    assert programme.get(copy).data.starts_at == datetime(2026, 11, 14, 14, 0, tzinfo=PARIS)
    assert win.session_texts(5) == ["14:00–16:00 Parents et sommeil"]
    assert len(win.session_texts(3)) == 1


def test_repeat_every_week_until_a_date(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    create(qtbot, win)
    win.repeat_until.setDate(QDate(2026, 11, 30))
    click(qtbot, win.repeat_button)
    assert "2 séances ajoutées" in win.confirmation.text()
    for week, day in (("16 au 22", "19/11"), ("23 au 29", "26/11")):
        click(qtbot, win.next_button)
        assert win.week_label.text() == f"Semaine du {week} novembre 2026"
        assert win.day_headers[3].text() == f"jeudi {day}"
        assert win.session_texts(3) == ["14:00–16:00 Parents et sommeil"]
    click(qtbot, win.next_button)
    assert win.session_texts(3) == []
    click(qtbot, win.this_week_button)
    assert win.week_label.text().startswith("Semaine du 9 au 15 novembre")
    click(qtbot, win.prev_button)
    assert win.week_label.text() == "Semaine du 2 au 8 novembre 2026"


def test_typed_attendance_is_saved_and_shown(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    session_id = create(qtbot, win)
    assert win.attendance_source.text() == "D'après les passages : 0 adulte, 0 enfant"
    win.adults.setValue(12)
    win.children_count.setValue(9)
    click(qtbot, win.attendance_button)
    info = programme.get(session_id)
    assert (info.adults, info.children, info.typed) == (12, 9, True)
    assert info.data.status == "held"
    assert win.session_texts(3) == ["14:00–16:00 Parents et sommeil\n12 adultes, 9 enfants"]
    assert "Saisi d'après la feuille : 12 adultes, 9 enfants" in win.attendance_source.text()


def test_sign_in_sheet_opens_the_preview(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    from ui.widgets.pdf_preview import PdfPreviewDialog

    create(qtbot, win)
    type_lines(qtbot, win.registrations, "Fatou", "Lina", "Famille Diallo")
    click(qtbot, win.save_button)
    click(qtbot, win.sheet_button)
    qtbot.waitUntil(lambda: win.preview is not None)  # built off the UI thread
    preview = win.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.isVisible())
    assert preview.document.pageCount() >= 1
    assert preview.pdf_bytes.startswith(b"%PDF")
    assert not win.sheet_names.isChecked()  # every family signing sees the sheet

    def printed_text() -> str:
        from io import BytesIO

        from pypdf import PdfReader

        return " ".join(PdfReader(BytesIO(win.preview.pdf_bytes)).pages[0].extract_text().split())

    assert "Fatou" not in printed_text()
    preview.close()
    win.preview = None
    click(qtbot, win.sheet_names)  # the cabane asks for the names, this once
    click(qtbot, win.sheet_button)
    qtbot.waitUntil(lambda: win.preview is not None)
    qtbot.addWidget(win.preview)
    assert "Fatou" in printed_text() and "Famille Diallo" in printed_text()


def test_buttons_that_need_a_saved_session_wait_for_one(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    assert not win.sheet_button.isEnabled()
    assert not win.duplicate_button.isEnabled()
    assert not win.attendance_button.isEnabled()
    create(qtbot, win)
    assert win.sheet_button.isEnabled()


def _week_46() -> tuple[datetime, datetime]:
    from models.figures.calendar import iso_week_bounds

    return iso_week_bounds(2026, 46)


def test_week_shows_sessions_in_order_with_their_status(qtbot, win, programme) -> None:  # type: ignore[no-untyped-def]
    monday = date(2026, 11, 9)

    def at(day: int, hour: int) -> datetime:
        return datetime(monday.year, monday.month, monday.day + day, hour, tzinfo=PARIS)

    programme.create(SessionData("reading", at(0, 14), at(0, 15)))
    late = programme.create(SessionData("free_play", at(0, 10), at(0, 12)))
    programme.set_status(late.id, "cancelled")
    click(qtbot, win.next_button)
    click(qtbot, win.prev_button)
    texts = win.session_texts(0)
    assert texts[0].startswith("10:00–12:00 Ludothèque et jeu libre")
    assert texts[1] == "14:00–15:00 Lecture et bibliothèque éphémère"


def test_the_week_poster_and_the_flyer_open_in_the_preview(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta

    from models.orientations.partners import PartnerDirectory
    from models.programme.programme import ProgrammeService, SessionData
    from models.store.base import PARIS
    from ui.programme.programme_services import ProgrammeServices
    from ui.programme.programme_window import ProgrammeWindow
    from ui.widgets.pdf_preview import PdfPreviewDialog

    programme = ProgrammeService(desk.factory, desk.site.id)
    start = datetime(2026, 11, 10, 14, tzinfo=PARIS)
    programme.create(SessionData("parents_cafe", start, start + timedelta(hours=2)))
    services = ProgrammeServices(
        programme, PartnerDirectory(desk.factory), lambda: 1, lambda: start
    )
    window = ProgrammeWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.posters.period.setCurrentIndex(1)  # the month
    window.posters.paper_size.setCurrentText("A3")
    qtbot.mouseClick(window.poster_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.posters.preview is not None)  # built off the UI thread
    preview = window.posters.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1
    assert round(preview.document.pagePointSize(0).height()) == 1191  # A3
    qtbot.mouseClick(window.flyer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.posters.preview is not preview)
    qtbot.addWidget(window.posters.preview)
    assert window.posters.preview.document.pageCount() == 1


def test_the_flyer_of_an_activity(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import tempfile
    from datetime import datetime, timedelta
    from pathlib import Path

    from models.orientations.partners import PartnerDirectory
    from models.programme.programme import ProgrammeService, SessionData
    from models.store.base import PARIS
    from ui.programme.programme_services import ProgrammeServices
    from ui.programme.programme_window import ProgrammeWindow

    programme = ProgrammeService(desk.factory, desk.site.id)
    start = datetime(2026, 11, 10, 14, tzinfo=PARIS)
    first = programme.create(SessionData("baby_massage", start, start + timedelta(hours=1)))
    programme.repeat_weekly(first.id, until=(start + timedelta(weeks=2)).date())
    programme.create(SessionData("parents_cafe", start, start + timedelta(hours=2)))
    services = ProgrammeServices(
        programme, PartnerDirectory(desk.factory), lambda: 1, lambda: start
    )
    window = ProgrammeWindow(services)
    qtbot.addWidget(window)
    window.select_session(first.id)
    qtbot.mouseClick(window.activity_flyer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.preview is not None)  # built off the UI thread
    qtbot.addWidget(window.preview)
    data = programme.activity_flyer(first.id)
    assert data.title == "Massage bébé" and len(data.sessions) == 3
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flyer.pdf"
        from printing.flyer import build_flyer

        path.write_bytes(build_flyer(data))
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Massage bébé" in text and "Café des parents" not in text
    # Its dates only: the name is the title, on each flyer of the sheet, never per date.
    assert text.count("Massage bébé") == 2


def test_the_team_marks_more_themes_discreet_in_the_document_settings(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from models.desk.sites import set_poster_settings
    from models.orientations.orientations import NEUTRAL_HEADLINE, OrientationService
    from models.orientations.partners import PartnerDirectory
    from ui.programme.poster_actions import PosterSettingsDialog

    saved: list[tuple[object, ...]] = []

    def save(
        web: str,
        logo: bytes | None,
        phone: str,
        marked: tuple[str, ...],
        languages: tuple[str, ...],
    ) -> None:
        saved.append((web, logo, phone, marked))
        set_poster_settings(desk.factory, desk.site.id, web, logo, 1, phone, marked, languages)

    dialog = PosterSettingsDialog("", None, save, None, "01 48 00 00 00", ())
    qtbot.addWidget(dialog)
    violence = dialog.discreet.buttons["violence"]
    assert violence.isChecked() and not violence.isEnabled()  # always discreet
    qtbot.mouseClick(dialog.discreet.buttons["housing"], Qt.MouseButton.LeftButton)
    dialog._accept()
    assert saved == [("", None, "01 48 00 00 00", ("housing",))]
    caf = PartnerDirectory(desk.factory).search("caf")[0].id
    slip = OrientationService(desk.factory, desk.site.id).slip_for_partner(
        caf, "housing", first_name="Amina"
    )
    assert slip.theme == NEUTRAL_HEADLINE and slip.first_name == ""
