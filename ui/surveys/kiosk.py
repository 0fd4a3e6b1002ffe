"""The kiosk: a questionnaire answered on the cabane's laptop or a tablet, full screen.

The respondent picks a language, answers one question a page (back and skip always
there), reads « Merci », and the kiosk starts again for the next person, also after a
while without a touch. Each completed sheet is saved whole (one transaction); a sheet left
unfinished is forgotten. Nothing else of Cabane is reachable: the team leaves with a
personal code, on a page of the kiosk itself.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from models.store.storage import StorageError
from models.surveys.definition import phrase
from models.surveys.surveys import AnswerValue, SurveyError, SurveyInfo
from ui.surveys.kiosk_pages import ExitPage, LanguagePage, QuestionPage, ThanksPage
from ui.surveys.kiosk_parts import KIOSK_STYLE, RIGHT_TO_LEFT, kiosk_button, register_fonts
from ui.surveys.survey_services import SurveyServices
from ui.widgets.texts import tr

log = logging.getLogger(__name__)

# a respondent trying codes at random: after this many wrong ones, a pause
WRONG_CODES_BEFORE_PAUSE = 5
PAUSE_AFTER_WRONG_CODES_S = 30.0
clock = time.monotonic  # (tests move it forward)

# what tells the kiosk someone is there
ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class SurveyKiosk(QWidget):
    """One questionnaire in kiosk mode; the caller shows it full screen. ``finished`` is
    emitted once a member of the team has typed their code, just before it closes."""

    finished = Signal()

    def __init__(
        self,
        services: SurveyServices,
        survey: SurveyInfo,
        session_id: str | None = None,
        idle_ms: int = 90_000,
        thanks_ms: int = 6_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        register_fonts()
        self._services = services
        self._survey = survey
        self._session_id = session_id
        self._released = False
        self._watching = False
        self.language = "fr"
        self.index = 0
        self.pages: list[QuestionPage] = []
        self.skipped: set[str] = set()
        self._before_exit: QWidget | None = None
        self._wrong_codes = 0
        self._paused_until = 0.0

        self.setWindowFlag(Qt.WindowType.Window)  # its own window, even with a parent
        self.setObjectName("surveyKiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(KIOSK_STYLE)
        self.setWindowTitle(survey.title)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

        definition = survey.definition
        self.language_page = LanguagePage(definition.title["fr"], definition.languages)
        self.language_page.chosen.connect(self.start)
        self.language_page.staffRequested.connect(self.ask_exit)
        self.thanks_page = ThanksPage()
        self.exit_page = ExitPage()
        self.exit_page.confirmed.connect(self._try_exit)
        self.exit_page.cancelled.connect(self._cancel_exit)
        self.sheet = self._sheet()

        self.stack = QStackedWidget()
        for page in (self.language_page, self.sheet, self.thanks_page, self.exit_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 24)
        layout.addWidget(self.stack)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._idle_out)
        self._thanks = QTimer(self)
        self._thanks.setSingleShot(True)
        self._thanks.setInterval(thanks_ms)
        self._thanks.timeout.connect(self.restart)
        self._exit_keys = QShortcut(QKeySequence("Ctrl+Shift+Q"), self)
        self._exit_keys.setContext(Qt.ShortcutContext.WindowShortcut)
        self._exit_keys.activated.connect(self.ask_exit)
        self.restart()

    def _sheet(self) -> QWidget:
        sheet = QWidget()
        self.questions = QStackedWidget()
        self.back_button = kiosk_button("", "kioskBack")
        self.skip_button = kiosk_button("", "kioskSkip")
        self.next_button = kiosk_button("", "kioskNext", "primary")
        self.next_button.setMinimumWidth(240)
        self.back_button.clicked.connect(self._back)
        self.skip_button.clicked.connect(self._skip)
        self.next_button.clicked.connect(self._next)
        nav = QHBoxLayout()
        nav.setSpacing(16)
        nav.addWidget(self.back_button)
        nav.addWidget(self.skip_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(sheet)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.questions, 1)
        layout.addLayout(nav)
        return sheet

    # --- what is shown --------------------------------------------------------------

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def question_page(self) -> QuestionPage | None:
        """The question on screen, if a sheet is being answered."""
        if self.stack.currentWidget() is not self.sheet or not self.pages:
            return None
        return self.pages[self.index]

    def restart(self) -> None:
        """A fresh sheet: the language page, whatever was unfinished forgotten."""
        self._thanks.stop()
        self._discard_sheet()
        self.stack.setCurrentWidget(self.language_page)
        self.language_page.setFocus()

    def _discard_sheet(self) -> None:
        for page in self.pages:
            self.questions.removeWidget(page)
            page.deleteLater()
        self.pages = []
        self.skipped = set()
        self.index = 0

    def start(self, language: str) -> None:
        """The respondent chose ``language``: the first question."""
        self._discard_sheet()
        self.language = language
        direction = (
            Qt.LayoutDirection.RightToLeft
            if language in RIGHT_TO_LEFT
            else Qt.LayoutDirection.LeftToRight
        )
        self.sheet.setLayoutDirection(direction)
        questions = self._survey.definition.questions
        for number, question in enumerate(questions, start=1):
            page = QuestionPage(question, language, number, len(questions), number == 1)
            page.changed.connect(lambda key=question.key: self.skipped.discard(key))
            self.pages.append(page)
            self.questions.addWidget(page)
        self.back_button.setText(phrase("back", language))
        self.skip_button.setText(phrase("skip", language))
        self.stack.setCurrentWidget(self.sheet)
        self._show_question(0)

    def _show_question(self, index: int) -> None:
        self.index = index
        page = self.pages[index]
        self.questions.setCurrentWidget(page)
        last = index == len(self.pages) - 1
        self.next_button.setText(phrase("finish" if last else "next", self.language))
        target = page.first_target()
        if target is not None and page.question.kind == "text":
            target.setFocus()
        else:
            self.next_button.setFocus()

    # --- moving through the sheet ---------------------------------------------------

    def _next(self) -> None:
        page = self.pages[self.index]
        if page.answer() is None:
            self.skipped.add(page.question.key)
        else:
            self.skipped.discard(page.question.key)
        self._forward()

    def _skip(self) -> None:
        page = self.pages[self.index]
        page.clear()
        self.skipped.add(page.question.key)
        self._forward()

    def _back(self) -> None:
        if self.index == 0:
            self.restart()
        else:
            self._show_question(self.index - 1)

    def _forward(self) -> None:
        if self.index < len(self.pages) - 1:
            self._show_question(self.index + 1)
        else:
            self._finish()

    def answers(self) -> dict[str, AnswerValue]:
        """The sheet as it stands: every question answered and not skipped."""
        answers: dict[str, AnswerValue] = {}
        for page in self.pages:
            value = page.answer()
            if value is not None and page.question.key not in self.skipped:
                answers[page.question.key] = value
        return answers

    def _finish(self) -> None:
        answers = self.answers()
        problem = ""
        if answers:  # every question skipped: nothing to keep, thanks all the same
            try:
                self._services.book.record(
                    self._survey.version_id,
                    answers,
                    self.language,
                    "kiosk",
                    session_id=self._session_id,
                )
            except (StorageError, SurveyError) as error:
                log.warning("kiosk answer sheet not saved: %s", error)
                problem = tr(
                    "Vos réponses n'ont pas pu être enregistrées. "
                    "Merci de le dire à l'équipe de la cabane."
                )
        self._discard_sheet()
        self.thanks_page.show_thanks(self.language, problem)
        self.stack.setCurrentWidget(self.thanks_page)
        self._thanks.start()

    def _idle_out(self) -> None:
        if self.stack.currentWidget() is not self.language_page:
            self.restart()

    # --- the team's way out ---------------------------------------------------------

    def ask_exit(self) -> None:
        if self.stack.currentWidget() is self.exit_page:
            return
        self._thanks.stop()
        self._before_exit = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.exit_page)
        self.exit_page.reset()

    def _cancel_exit(self) -> None:
        if self._before_exit is self.sheet and self.pages:
            self.stack.setCurrentWidget(self.sheet)
            self._show_question(self.index)
        else:
            self.restart()

    def _try_exit(self, code: str) -> None:
        if clock() < self._paused_until:
            self.exit_page.code.clear()
            self.exit_page.error.setText(
                tr("Trop de codes inconnus : attendez 30 secondes avant de réessayer.")
            )
            return
        try:
            staff_id = self._services.exit_code(code)
        except StorageError:
            self.exit_page.error.setText(tr("Le code n'a pas pu être vérifié : réessayez."))
            return
        if staff_id is None:
            self._wrong_codes += 1
            self.exit_page.refuse()
            if self._wrong_codes >= WRONG_CODES_BEFORE_PAUSE:
                self._wrong_codes = 0
                self._paused_until = clock() + PAUSE_AFTER_WRONG_CODES_S
            return
        self._released = True
        self._discard_sheet()
        self.finished.emit()
        self.close()

    # --- Qt -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self._idle.start()  # someone is there: the delay starts again
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._idle.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._stop_watching()
        super().hideEvent(event)

    def _stop_watching(self) -> None:
        app = QApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False
        self._idle.stop()
        self._thanks.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._released:  # only the team's code closes the kiosk
            event.ignore()
            if self.isVisible():
                self.ask_exit()
            return
        self._stop_watching()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Échap does nothing here
            return
        super().keyPressEvent(event)
