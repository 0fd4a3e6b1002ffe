"""The kiosk, driven as a respondent and the team would: a language, one question a page,
the thank-you page, back to the start after a while, and out only with a staff code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from models.desk.staff_access import StaffAccess
from models.outreach.outreach import OutreachLog
from models.programme.programme import ProgrammeService
from models.store.storage import StorageError
from models.surveys.results import Filters, SurveyResults
from models.surveys.surveys import SurveyBook, SurveyInfo
from ui.surveys.kiosk import SurveyKiosk
from ui.surveys.survey_services import SurveyServices

EVER = Filters(datetime(2020, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
LEFT = Qt.MouseButton.LeftButton


def survey_services(desk, book: SurveyBook) -> SurveyServices:  # type: ignore[no-untyped-def]
    access = StaffAccess(desk.factory, desk.site.id)
    return SurveyServices(
        book,
        lambda: None,
        access.staff_with_code,
        access.any_code_set,
        lambda s, e: ProgrammeService(desk.factory, desk.site.id).between(s, e),
        lambda: OutreachLog(desk.factory, desk.site.id).recent(),
        lambda *_: b"",
    )


@pytest.fixture
def book(desk) -> SurveyBook:  # type: ignore[no-untyped-def]
    return SurveyBook(desk.factory, desk.site.id)


MakeKiosk = Callable[..., tuple[SurveyKiosk, SurveyInfo]]


@pytest.fixture
def make_kiosk(qtbot, desk, book: SurveyBook) -> MakeKiosk:  # type: ignore[no-untyped-def]
    from desktop.app import make_application

    make_application()

    def make(
        template: str = "needs", idle_ms: int = 90_000, thanks_ms: int = 6_000
    ) -> tuple[SurveyKiosk, SurveyInfo]:
        survey = book.from_template(template)
        services = survey_services(desk, book)
        kiosk = SurveyKiosk(services, survey, idle_ms=idle_ms, thanks_ms=thanks_ms)
        # the kiosk refuses close() without a code: the test hides it before pytest-qt closes it
        qtbot.addWidget(kiosk, before_close_func=lambda widget: widget.hide())
        kiosk.resize(1280, 720)
        kiosk.show()
        qtbot.waitExposed(kiosk)
        return kiosk, survey

    return make


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget is not None and widget.isVisible() and widget.isEnabled()
    qtbot.mouseClick(widget, LEFT)


def question_text(kiosk: SurveyKiosk) -> str:
    page = kiosk.question_page()
    assert page is not None
    label = page.findChild(QLabel, "kioskQuestion")
    assert label is not None
    return label.text()


def results(book: SurveyBook, survey: SurveyInfo) -> SurveyResults:
    return book.results(survey.id, EVER)


def test_arabic_shows_the_first_question_in_arabic_right_to_left(qtbot, make_kiosk) -> None:  # type: ignore[no-untyped-def]
    kiosk, _survey = make_kiosk()
    buttons = kiosk.language_page.buttons
    assert [buttons[code].text() for code in ("fr", "ar", "en")] == [
        "Français",
        "العربية",
        "English",
    ]
    click(qtbot, buttons["ar"])
    page = kiosk.question_page()
    assert page is not None
    assert question_text(kiosk) == "ما الذي سيساعدك أكثر؟"
    assert page.buttons["play"].text() == "اللعب مع طفلي"
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert kiosk.next_button.text() == "التالي"
    assert kiosk.skip_button.text() == "تخطي"
    progress = page.findChild(QLabel, "kioskProgress")
    assert progress is not None and progress.text() == "السؤال 1 من 8"
    # back on the first question: the language page again, left to right for the next one
    click(qtbot, kiosk.back_button)
    assert kiosk.current_page() is kiosk.language_page
    click(qtbot, kiosk.language_page.buttons["fr"])
    assert kiosk.sheet.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert question_text(kiosk) == "Qu'est-ce qui vous aiderait le plus ?"


def test_a_whole_sheet_is_saved_once_then_thanks_then_the_start(  # type: ignore[no-untyped-def]
    qtbot, make_kiosk, book
) -> None:
    kiosk, survey = make_kiosk(thanks_ms=300)
    click(qtbot, kiosk.language_page.buttons["fr"])

    def choose(*codes: str) -> None:
        page = kiosk.question_page()
        assert page is not None
        for code in codes:
            click(qtbot, page.buttons[code])

    choose("meet_parents", "play")  # 1 help (several)
    click(qtbot, kiosk.next_button)
    choose("mon")  # 2 days: ticked, then skipped (skip clears it)
    click(qtbot, kiosk.skip_button)
    choose("morning")  # 3 hours
    click(qtbot, kiosk.back_button)  # back to the days: still skipped, nothing ticked
    page = kiosk.question_page()
    assert page is not None and page.question.key == "days" and page.answer() is None
    click(qtbot, kiosk.skip_button)
    page = kiosk.question_page()
    assert page is not None and page.answer() == ("morning",)  # kept on the way back
    click(qtbot, kiosk.next_button)
    choose("reading")  # 4 activities
    click(qtbot, kiosk.next_button)
    choose("sleep", "screens")  # 5 themes
    click(qtbot, kiosk.next_button)
    choose("poster", "sms")  # 6 hear: one only, the last tapped
    click(qtbot, kiosk.next_button)
    page = kiosk.question_page()
    assert page is not None and page.plus is not None and page.minus is not None
    assert not page.minus.isEnabled()  # at the minimum (0)
    click(qtbot, page.plus)
    click(qtbot, page.plus)
    click(qtbot, kiosk.next_button)  # 7 children: 2
    page = kiosk.question_page()
    assert page is not None
    text = page.findChild(QPlainTextEdit, "kioskText")
    assert text is not None
    qtbot.keyClicks(text, "Un coin lecture")
    assert kiosk.next_button.text() == "Terminer"
    assert results(book, survey).responses == 0  # nothing until the end
    click(qtbot, kiosk.next_button)

    assert kiosk.current_page() is kiosk.thanks_page
    assert kiosk.thanks_page.message.text().startswith("Merci !")
    assert not kiosk.thanks_page.problem.isVisible()
    saved = results(book, survey)
    assert (saved.responses, saved.by_language, saved.by_mode) == (1, {"fr": 1}, {"kiosk": 1})
    by_key = {q.key: q for q in saved.questions}
    assert {c.code for c in by_key["help"].choices if c.count} == {"meet_parents", "play"}
    assert by_key["days"].answered == 0
    assert {c.code for c in by_key["hours"].choices if c.count} == {"morning"}
    assert {c.code: c.count for c in by_key["hear"].choices}["sms"] == 1
    assert by_key["hear"].answered == 1 and by_key["hear"].share(1) == 1.0
    assert {c.code: c.count for c in by_key["children"].choices} == {"2": 1}
    assert [t.text for t in by_key["idea"].texts] == ["Un coin lecture"]

    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.language_page, timeout=3000)
    assert kiosk.pages == [] and results(book, survey).responses == 1
    click(qtbot, kiosk.language_page.buttons["en"])  # a fresh sheet for the next person
    page = kiosk.question_page()
    assert page is not None and page.answer() is None
    assert question_text(kiosk) == "What would help you most?"


def test_an_unfinished_sheet_is_forgotten_after_a_while(qtbot, make_kiosk, book) -> None:  # type: ignore[no-untyped-def]
    kiosk, survey = make_kiosk(idle_ms=300)
    click(qtbot, kiosk.language_page.buttons["fr"])
    page = kiosk.question_page()
    assert page is not None
    click(qtbot, page.buttons["advice"])
    click(qtbot, kiosk.next_button)
    assert kiosk.question_page() is not None
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.language_page, timeout=3000)
    assert kiosk.pages == []
    assert results(book, survey).responses == 0


def test_a_sheet_with_every_question_skipped_is_not_saved(qtbot, make_kiosk, book) -> None:  # type: ignore[no-untyped-def]
    kiosk, survey = make_kiosk("after_workshop", thanks_ms=60_000)
    click(qtbot, kiosk.language_page.buttons["fr"])
    page = kiosk.question_page()
    assert page is not None and page.question.kind == "smiley"
    click(qtbot, page.buttons["4"])
    assert page.answer() == "4"
    for _question in survey.definition.questions:
        click(qtbot, kiosk.skip_button)
    assert kiosk.current_page() is kiosk.thanks_page
    assert not kiosk.thanks_page.problem.isVisible()
    assert results(book, survey).responses == 0


def test_a_sheet_that_cannot_be_saved_is_said_and_nothing_breaks(  # type: ignore[no-untyped-def]
    qtbot, make_kiosk, book, monkeypatch
) -> None:
    kiosk, _survey = make_kiosk("idea_box", thanks_ms=200)

    def refuse(*_args: object, **_options: object) -> str:
        raise StorageError("disk_full")

    monkeypatch.setattr(book, "record", refuse)
    click(qtbot, kiosk.language_page.buttons["ar"])
    while (page := kiosk.question_page()) is not None and page.question.kind != "text":
        click(qtbot, kiosk.skip_button)
    assert page is not None
    text = page.findChild(QPlainTextEdit, "kioskText")
    assert text is not None
    qtbot.keyClicks(text, "x" * 300)
    assert len(text.toPlainText()) == 280  # the limit of a free text
    while kiosk.question_page() is not None:
        click(qtbot, kiosk.next_button)
    assert kiosk.current_page() is kiosk.thanks_page
    assert kiosk.thanks_page.problem.isVisible()
    assert "l'équipe" in kiosk.thanks_page.problem.text()
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.language_page, timeout=3000)


def test_the_kiosk_is_left_only_with_a_staff_code(qtbot, make_kiosk, desk) -> None:  # type: ignore[no-untyped-def]
    access = StaffAccess(desk.factory, desk.site.id)
    staff_id = access.members()[0][0]
    access.set_first_pin(staff_id, "2468")
    kiosk, _survey = make_kiosk()

    assert kiosk.close() is False  # refused: the team's page instead
    assert kiosk.isVisible() and kiosk.current_page() is kiosk.exit_page
    click(qtbot, kiosk.exit_page.cancel_button)
    assert kiosk.current_page() is kiosk.language_page
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible() and kiosk.current_page() is kiosk.language_page

    # Ctrl+Maj+Q from a question: the team's page; « Retour » goes back to that question
    click(qtbot, kiosk.language_page.buttons["fr"])
    click(qtbot, kiosk.next_button)
    with qtbot.waitActive(kiosk):
        kiosk.activateWindow()
    qtbot.keyClick(
        kiosk, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert kiosk.current_page() is kiosk.exit_page
    click(qtbot, kiosk.exit_page.cancel_button)
    page = kiosk.question_page()
    assert page is not None and page.question.key == "days"
    click(qtbot, kiosk.back_button)
    click(qtbot, kiosk.back_button)
    assert kiosk.current_page() is kiosk.language_page

    staff = kiosk.language_page.staff_button
    assert staff.text() == "Équipe"
    click(qtbot, staff)
    assert kiosk.current_page() is kiosk.exit_page
    keypad = {button.text(): button for button in kiosk.exit_page.findChildren(type(staff))}
    for digit in "1111":
        click(qtbot, keypad[digit])
    assert kiosk.exit_page.code.text() == "1111"
    click(qtbot, kiosk.exit_page.confirm_button)
    assert kiosk.exit_page.error.text() == "Code inconnu."
    assert kiosk.isVisible() and kiosk.current_page() is kiosk.exit_page
    assert kiosk.exit_page.code.text() == ""

    qtbot.keyClicks(kiosk.exit_page.code, "24x68")  # digits only
    assert kiosk.exit_page.code.text() == "2468"
    with qtbot.waitSignal(kiosk.finished, timeout=3000):
        qtbot.keyClick(kiosk.exit_page.code, Qt.Key.Key_Return)
    assert not kiosk.isVisible()


def test_codes_tried_at_random_make_the_kiosk_wait(qtbot, make_kiosk, desk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.surveys import kiosk as kiosk_module

    access = StaffAccess(desk.factory, desk.site.id)
    access.set_first_pin(access.members()[0][0], "2468")
    kiosk, _survey = make_kiosk()
    click(qtbot, kiosk.language_page.staff_button)
    for guess in ("1111", "1234", "0000", "9999", "4321"):
        qtbot.keyClicks(kiosk.exit_page.code, guess)
        click(qtbot, kiosk.exit_page.confirm_button)
    qtbot.keyClicks(kiosk.exit_page.code, "2468")  # even the right code waits now
    click(qtbot, kiosk.exit_page.confirm_button)
    assert kiosk.isVisible()
    assert kiosk.exit_page.error.text().startswith("Trop de codes inconnus")
    later = kiosk_module.clock() + 31
    monkeypatch.setattr(kiosk_module, "clock", lambda: later)
    qtbot.keyClicks(kiosk.exit_page.code, "2468")
    with qtbot.waitSignal(kiosk.finished, timeout=3000):
        click(qtbot, kiosk.exit_page.confirm_button)
