"""Typing paper sheets in: with the keyboard, sheet after sheet, the origin kept; a refused
sheet keeps everything typed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from models.programme.programme import ProgrammeService, SessionData
from models.store.base import PARIS
from models.surveys.results import Filters
from models.surveys.surveys import SurveyBook
from tests.test_survey_kiosk_gui import survey_services
from ui.surveys.typed_entry import TypedEntryDialog

EVER = Filters(datetime(2020, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def book(desk) -> SurveyBook:  # type: ignore[no-untyped-def]
    return SurveyBook(desk.factory, desk.site.id)


@pytest.fixture
def session_id(desk) -> str:  # type: ignore[no-untyped-def]
    day = datetime.now(PARIS).replace(hour=10, minute=0, second=0, microsecond=0)
    starts = day - timedelta(days=2)
    data = SessionData("parents_cafe", starts, starts + timedelta(hours=2), title="Café du mardi")
    return ProgrammeService(desk.factory, desk.site.id).create(data).id


def test_two_sheets_typed_with_the_keyboard_keep_their_origin(  # type: ignore[no-untyped-def]
    qtbot, desk, book, session_id
) -> None:
    from desktop.app import make_application

    make_application()
    survey = book.from_template("needs")
    dialog = TypedEntryDialog(survey_services(desk, book), survey)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = {field.question.key: field for field in dialog.fields}
    assert dialog.origin.itemText(0) == "Accueil (sans séance)"
    origin = dialog.origin.findData(f"session:{session_id}")
    assert origin > 0 and "Café du mardi" in dialog.origin.itemText(origin)
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
        "Français",
        "Arabe",
        "Anglais",
    ]
    dialog.origin.setCurrentIndex(origin)
    dialog.language.setCurrentIndex(1)

    # first sheet: two ticks, one choice, a number, a text; Entrée saves it
    qtbot.mouseClick(fields["help"].buttons["advice"], LEFT)
    qtbot.mouseClick(fields["help"].buttons["french"], LEFT)
    qtbot.mouseClick(fields["hear"].buttons["sms"], LEFT)
    number = fields["children"].number
    assert number is not None and number.text().strip() == ""
    number.setFocus()
    number.selectAll()
    qtbot.keyClicks(number, "3")
    text = fields["idea"].text
    assert text is not None
    qtbot.keyClicks(text, "Plus de sorties au parc")
    qtbot.keyClick(text, Qt.Key.Key_Return)

    assert not dialog.error.isVisible()
    assert "1 fiche" in dialog.status.text()
    assert fields["help"].answer() is None and fields["hear"].answer() is None
    assert number.number() is None and text.text() == ""
    assert dialog.focusWidget() is fields["help"].first_widget()
    assert dialog.origin.currentData() == f"session:{session_id}"  # kept for the next sheet
    assert dialog.language.currentData() == "ar"

    # second sheet: a choice, then a second click takes it back, another one; Entrée
    qtbot.mouseClick(fields["hear"].buttons["pmi"], LEFT)
    qtbot.mouseClick(fields["hear"].buttons["pmi"], LEFT)
    assert fields["hear"].answer() is None
    qtbot.mouseClick(fields["hear"].buttons["poster"], LEFT)
    qtbot.keyClick(fields["hear"].buttons["poster"], Qt.Key.Key_Return)
    assert "2 fiche" in dialog.status.text()
    assert dialog.origin.currentData() == f"session:{session_id}"

    of_session = book.results(survey.id, Filters(EVER.start, EVER.end, session_id=session_id))
    assert (of_session.responses, of_session.by_mode) == (2, {"typed": 2})
    assert of_session.by_language == {"ar": 2}
    by_key = {q.key: q for q in of_session.questions}
    assert {c.code: c.count for c in by_key["hear"].choices if c.count} == {"sms": 1, "poster": 1}
    assert {c.code: c.count for c in by_key["children"].choices} == {"3": 1}
    assert {c.code for c in by_key["help"].choices if c.count} == {"advice", "french"}
    assert [t.text for t in by_key["idea"].texts] == ["Plus de sorties au parc"]


def test_a_refused_sheet_keeps_what_was_typed(qtbot, desk, book) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import make_application

    make_application()
    survey = book.from_template("needs")
    dialog = TypedEntryDialog(survey_services(desk, book), survey)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = {field.question.key: field for field in dialog.fields}

    # nothing ticked: said, nothing saved
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Aucune réponse cochée : rien n'est enregistré."

    # 40 children under 3: refused, everything stays as typed
    qtbot.mouseClick(fields["days"].buttons["wed"], LEFT)
    number = fields["children"].number
    assert number is not None
    number.setFocus()
    number.selectAll()
    qtbot.keyClicks(number, "40")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert dialog.error.isVisible()
    assert "de 0 à 10" in dialog.error.text()
    assert number.number() == 40 and fields["days"].answer() == ("wed",)
    assert dialog.focusWidget() is number
    assert book.results(survey.id, EVER).responses == 0

    # corrected, a sheet of yesterday: saved at noon, Paris time
    number.selectAll()
    qtbot.keyClicks(number, "1")
    yesterday = datetime.now(PARIS).date() - timedelta(days=1)
    dialog.day.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    assert dialog.answered_at() == datetime(
        yesterday.year, yesterday.month, yesterday.day, 12, tzinfo=PARIS
    )
    tomorrow = datetime.now(PARIS).date() + timedelta(days=1)
    dialog.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert dialog.day.date().toPython() != tomorrow  # never in the future
    dialog.day.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.error.isVisible() and "1 fiche" in dialog.status.text()
    saved = book.results(survey.id, EVER)
    assert (saved.responses, saved.by_mode, saved.by_language) == (1, {"typed": 1}, {"fr": 1})

    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()
