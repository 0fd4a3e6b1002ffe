"""Typing paper answer sheets in, fast: every question on one form, where they came from,
their language and day kept from one sheet to the next, Entrée to save and go on."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.store.base import PARIS
from models.store.storage import StorageError
from models.surveys.definition import NUMBER_LIMIT, Definition, Question, phrase
from models.surveys.surveys import AnswerValue, SurveyError, SurveyInfo
from ui.surveys.survey_services import SurveyServices
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.forms import (
    FormScroll,
    error_label,
    section,
    show_error,
    status_line,
    wheel_only_when_focused,
)
from ui.widgets.keys import main_button_on_enter
from ui.widgets.pictogram import pictogram_icon, smiley_icon
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import date_text, ntr, save_failed_message, time_text, tr

TEXT_MAX = 280
ORIGIN_WEEKS = 4


class OptionalNumber(QSpinBox):
    """A whole number, or nothing (the question left blank on paper: skipped)."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(-1, NUMBER_LIMIT)
        self.setSpecialValueText(" ")  # -1 shows as an empty field
        self.setValue(-1)
        self.setMinimumWidth(110)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text.strip(), min(pos, len(text.strip())))

    def valueFromText(self, text: str) -> int:
        return -1 if not text.strip() else super().valueFromText(text.strip())

    def number(self) -> int | None:
        return None if self.value() < 0 else self.value()


class QuestionField(QWidget):
    """One question of the paper sheet, in French, and what was ticked or written."""

    def __init__(self, number: int, question: Question) -> None:
        super().__init__()
        self.question = question
        self.buttons: dict[str, QAbstractButton] = {}
        self.number: OptionalNumber | None = None
        self.text: QLineEdit | None = None
        self._group: QButtonGroup | None = None
        self._was_checked: QAbstractButton | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        title = section(f"{number}. {question.text['fr']}")
        title.setWordWrap(True)
        layout.addWidget(title)
        kind = question.kind
        if kind in ("single", "multiple", "smiley"):
            layout.addWidget(self._choices())
        elif kind == "number":
            self.number = OptionalNumber()
            self.number.setObjectName(f"typedNumber_{question.key}")
            self.number.setAccessibleName(question.text["fr"])
            hint = QLabel(
                tr("de {low} à {high} ; vide : sans réponse").format(
                    low=question.minimum, high=question.maximum
                )
            )
            row = QHBoxLayout()
            row.addWidget(self.number)
            row.addWidget(hint)
            row.addStretch(1)
            layout.addLayout(row)
        else:
            self.text = QLineEdit()
            self.text.setObjectName(f"typedText_{question.key}")
            self.text.setMaxLength(TEXT_MAX)
            self.text.setAccessibleName(question.text["fr"])
            warning = QLabel(tr("Ni nom, ni téléphone, ni détail de santé"))
            warning.setObjectName("fieldError")
            layout.addWidget(self.text)
            layout.addWidget(warning)

    def _choices(self) -> QWidget:
        box = QWidget()
        flow = FlowLayout(box, spacing=14)
        several = self.question.kind == "multiple"
        if self.question.kind == "smiley":
            options = [(level, phrase(f"smiley_{level}", "fr"), "") for level in "12345"]
        else:
            options = [(c.code, c.text["fr"], c.pictogram) for c in self.question.choices]
        if not several:
            self._group = QButtonGroup(self)
            self._group.buttonClicked.connect(self._clicked)
        for code, text, pictogram in options:
            button: QAbstractButton = QCheckBox(text) if several else QRadioButton(text)
            button.setObjectName(f"typed_{self.question.key}_{code}")
            if pictogram:
                button.setIcon(pictogram_icon(pictogram, 20))
            elif self.question.kind == "smiley":
                button.setIcon(smiley_icon(int(code), 20))
            if self._group is not None:
                self._group.addButton(button)
                button.pressed.connect(lambda b=button: self._pressed(b))
            self.buttons[code] = button
            flow.addWidget(button)
        return box

    def _pressed(self, button: QAbstractButton) -> None:
        self._was_checked = button if button.isChecked() else None

    def _clicked(self, button: QAbstractButton) -> None:
        """A second click on the ticked choice takes it back: the question is skipped."""
        if self._was_checked is button:
            self._clear_choices()
        self._was_checked = None

    def _clear_choices(self) -> None:
        if self._group is not None:
            self._group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        if self._group is not None:
            self._group.setExclusive(True)

    def answer(self) -> AnswerValue | None:
        if self.number is not None:
            return self.number.number()
        if self.text is not None:
            return " ".join(self.text.text().split()) or None
        picked = tuple(code for code, button in self.buttons.items() if button.isChecked())
        if self.question.kind == "multiple":
            return picked or None
        return picked[0] if picked else None

    def clear(self) -> None:
        self._clear_choices()
        if self.number is not None:
            self.number.setValue(-1)
        if self.text is not None:
            self.text.clear()

    def first_widget(self) -> QWidget:
        if self.number is not None:
            return self.number
        if self.text is not None:
            return self.text
        return next(iter(self.buttons.values()))


def empty_sheet_text() -> str:
    return tr("Aucune réponse cochée : rien n'est enregistré.")


def refusal_text(error: SurveyError, definition: Definition) -> str:
    """A refused sheet said in French, from its field and code."""
    field, code = error.field, error.code
    if field == "answers":
        return empty_sheet_text()
    try:
        question = definition.question(field)
    except KeyError:
        messages = {
            ("session", "unknown"): tr(
                "Cette séance n'existe plus : choisissez une autre origine des réponses."
            ),
            ("outing", "unknown"): tr(
                "Cette sortie n'existe plus : choisissez une autre origine des réponses."
            ),
            ("answered_at", "in_future"): tr("La date de la fiche est dans le futur."),
            ("language", "unknown"): tr("Choisissez une langue du questionnaire."),
            ("survey", "unknown"): tr("Ce questionnaire n'existe plus."),
        }
        return messages.get((field, code), tr("Fiche refusée : vérifiez les réponses."))
    asked = question.text["fr"]
    if code == "out_of_bounds":
        return tr("« {question} » : un nombre de {low} à {high}, ou rien.").format(
            question=asked, low=question.minimum, high=question.maximum
        )
    if code == "too_long":
        return tr("« {question} » : {max} caractères au plus.").format(question=asked, max=TEXT_MAX)
    return tr("« {question} » : réponse à corriger.").format(question=asked)


class TypedEntryDialog(QDialog):
    """Staff type the paper sheets of one questionnaire in, one after the other."""

    def __init__(
        self, services: SurveyServices, survey: SurveyInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._survey = survey
        self.typed = 0
        self.setWindowTitle(tr("Saisir des fiches papier : {title}").format(title=survey.title))

        self.origin = QComboBox()
        self.origin.setObjectName("typedOrigin")
        self.language = QComboBox()
        self.language.setObjectName("typedLanguage")
        names = {entry.code: entry.label for entry in catalogues.languages()}
        for code in survey.definition.languages:
            self.language.addItem(names.get(code, code), code)
        self.day = QDateEdit()
        self.day.setObjectName("typedDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        today = self._today()
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setMinimumDate(QDate(today.year - 1, today.month, 1))
        self.day.setDate(QDate(today.year, today.month, today.day))
        self._fill_origins()

        header = QGridLayout()
        header.setHorizontalSpacing(10)
        for column, (caption, field) in enumerate(
            (
                (tr("Réponses venues de"), self.origin),
                (tr("Langue de la fiche"), self.language),
                (tr("Date de la fiche"), self.day),
            )
        ):
            label = QLabel(caption)
            label.setBuddy(field)
            header.addWidget(label, 0, column)
            header.addWidget(field, 1, column)
        header.setColumnStretch(0, 3)
        header.setColumnStretch(1, 1)
        header.setColumnStretch(2, 1)

        form = QWidget()
        column_layout = QVBoxLayout(form)
        self.fields = [
            QuestionField(number, question)
            for number, question in enumerate(survey.definition.questions, start=1)
        ]
        for field in self.fields:
            column_layout.addWidget(field)
        column_layout.addStretch(1)
        self.form_scroll = FormScroll(form)

        hint = QLabel(
            tr(
                "Une question laissée vide n'est pas comptée. Un second clic sur un choix "
                "l'enlève. Entrée enregistre la fiche."
            )
        )
        hint.setWordWrap(True)
        self.error = error_label()
        self.status = QLabel()
        self.status.setObjectName("typedCount")
        self.status.hide()
        self.save_button = QPushButton(tr("Enregistrer et fiche suivante"))
        self.save_button.setObjectName("primaryAction")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(tr("Fermer"))
        self.close_button.setObjectName("secondaryAction")
        self.close_button.clicked.connect(self.reject)
        main_button_on_enter(self, self.save_button)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(hint)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._wheel = wheel_only_when_focused(self)
        fit_on_screen(self, 980, 760)
        self.fields[0].first_widget().setFocus()

    @staticmethod
    def _today() -> date:
        return datetime.now(PARIS).date()

    def _fill_origins(self) -> None:
        self.origin.addItem(tr("Accueil (sans séance)"), "")
        now = datetime.now(PARIS)
        start = datetime.combine(
            now.date() - timedelta(weeks=ORIGIN_WEEKS), datetime.min.time(), PARIS
        )
        sessions = self._services.sessions(start, now + timedelta(days=1))
        for info in sorted(sessions, key=lambda s: s.data.starts_at, reverse=True):
            when = info.data.starts_at.astimezone(PARIS)
            label = tr("Séance du {day} à {time} : {title}").format(
                day=date_text(when), time=time_text(when), title=info.label
            )
            self.origin.addItem(label, f"session:{info.id}")
        for outing in self._services.outings():
            label = tr("Sortie du {day} : {place}").format(
                day=date_text(outing.started_at), place=outing.place
            )
            self.origin.addItem(label, f"outing:{outing.id}")

    def origin_ids(self) -> tuple[str | None, str | None]:
        """(session id, outing id) of the chosen origin."""
        kind, _, ident = str(self.origin.currentData() or "").partition(":")
        return (ident if kind == "session" else None, ident if kind == "outing" else None)

    def answered_at(self) -> datetime:
        """Noon (Paris) of the sheet's day; now if it is today."""
        chosen = self.day.date().toPython()
        assert isinstance(chosen, date)
        if chosen >= self._today():
            return datetime.now(PARIS)
        return datetime.combine(chosen, datetime.min.time(), PARIS).replace(hour=12)

    def answers(self) -> dict[str, AnswerValue]:
        answers: dict[str, AnswerValue] = {}
        for field in self.fields:
            value = field.answer()
            if value is not None:
                answers[field.question.key] = value
        return answers

    def save(self) -> None:
        answers = self.answers()
        if not answers:
            show_error(self.error, empty_sheet_text())
            return
        session_id, outing_id = self.origin_ids()
        try:
            self._services.book.record(
                self._survey.version_id,
                answers,
                str(self.language.currentData()),
                "typed",
                session_id=session_id,
                outing_id=outing_id,
                answered_at=self.answered_at(),
                staff_id=self._services.staff_id(),
            )
        except SurveyError as error:
            show_error(self.error, refusal_text(error, self._survey.definition))
            self._focus_field(error.field)
            return
        except StorageError as error:
            show_error(self.error, save_failed_message(error.cause))
            return
        self.typed += 1
        show_error(self.error, None)
        status_line(self.status, ntr("%n fiche(s) enregistrée(s)", self.typed))
        for field in self.fields:
            field.clear()
        self._focus_field(self.fields[0].question.key)

    def _focus_field(self, key: str) -> None:
        for field in self.fields:
            if field.question.key == key:
                self.form_scroll.ensureWidgetVisible(field)
                field.first_widget().setFocus(Qt.FocusReason.OtherFocusReason)
                return
