"""The kiosk's pages: the language page, one question a page (big choice buttons with
their pictograms, five faces, a number between big − and +, a short text), the thank-you
page and the team's exit page. Respondents read ``phrase()``; staff read French (tr)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QRegularExpressionValidator,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.surveys.definition import Question, in_language, phrase
from models.surveys.surveys import AnswerValue
from ui.surveys.kiosk_parts import (
    ENDONYMS,
    TEXT_MAX,
    BigButton,
    ChoiceButton,
    SmileyButton,
    big_label,
    kiosk_button,
)
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.pictogram import pictogram_pixmap
from ui.widgets.texts import tr


class QuestionPage(QWidget):
    """One question in the respondent's language, and its answer so far."""

    changed = Signal()

    def __init__(
        self, question: Question, language: str, number: int, total: int, first: bool
    ) -> None:
        super().__init__()
        self.question = question
        self.language = language
        self.buttons: dict[str, BigButton] = {}
        self.value = question.minimum
        self.text_edit: QPlainTextEdit | None = None
        self.number_label: QLabel | None = None
        self.minus: QPushButton | None = None
        self.plus: QPushButton | None = None
        self._grid: QGridLayout | None = None
        self._columns = 0
        progress = phrase("question_of", language).format(n=number, total=total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(big_label(progress, "kioskProgress"))
        layout.addWidget(big_label(in_language(question.text, language), "kioskQuestion"))
        hint = self._hint()
        if hint:
            layout.addWidget(big_label(hint, "kioskHint"))
        layout.addWidget(self._answer_area(), 1)
        if first:  # said once, where it does not come between the question and its answers
            layout.addWidget(big_label(phrase("anonymous", language), "kioskNote"))

    def _hint(self) -> str:
        kind = self.question.kind
        if kind == "multiple":
            return phrase("several_answers", self.language)
        if kind == "number":
            return phrase("number_hint", self.language)
        return ""

    def _answer_area(self) -> QWidget:
        kind = self.question.kind
        if kind in ("single", "multiple"):
            box = QWidget()
            self._grid = QGridLayout(box)
            self._grid.setContentsMargins(4, 4, 4, 4)
            self._grid.setSpacing(12)
            group = QButtonGroup(self)
            group.setExclusive(kind == "single")
            for choice in self.question.choices:
                text = in_language(choice.text, self.language)
                button = ChoiceButton(text, choice.pictogram, box=kind == "multiple")
                button.setObjectName(f"kioskChoice_{choice.code}")
                button.toggled.connect(self.changed)
                group.addButton(button)
                self.buttons[choice.code] = button
            self._group = group
            self._place_choices(2)
            scroll = QScrollArea()
            scroll.setWidget(box)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            return scroll
        if kind == "smiley":
            return self._smileys()
        if kind == "number":
            return self._number()
        return self._text()

    def _place_choices(self, columns: int) -> None:
        if self._grid is None or columns == self._columns:
            return
        self._columns = columns
        for index, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, index // columns, index % columns)
        rows = (len(self.buttons) + columns - 1) // columns
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        self._grid.setRowStretch(rows, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = 3 if len(self.buttons) > 6 else 2
        self._place_choices(max(1, min(wide, self.width() // 300)))

    def _smileys(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setSpacing(12)
        group = QButtonGroup(self)
        for level in range(1, 6):
            button = SmileyButton(level, phrase(f"smiley_{level}", self.language))
            button.setObjectName(f"kioskSmiley_{level}")
            button.toggled.connect(self.changed)
            group.addButton(button)
            self.buttons[str(level)] = button
            row.addWidget(button)
        self._group = group
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.addWidget(box)
        column.addStretch(1)
        return outer

    def _number(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setSpacing(28)
        self.minus = kiosk_button("−", "kioskMinus", "step")
        self.plus = kiosk_button("+", "kioskPlus", "step")
        self.minus.setAccessibleName("−")
        self.plus.setAccessibleName("+")
        for button in (self.minus, self.plus):
            button.setAutoRepeat(True)
        self.number_label = big_label("", "kioskNumber")
        self.number_label.setWordWrap(False)
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label.setMinimumWidth(180)
        self.minus.clicked.connect(lambda: self._step(-1))
        self.plus.clicked.connect(lambda: self._step(1))
        row.addStretch(1)
        row.addWidget(self.minus)
        row.addWidget(self.number_label)
        row.addWidget(self.plus)
        row.addStretch(1)
        self._show_number()
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.addSpacing(20)
        column.addWidget(box)
        column.addStretch(1)
        return outer

    def _step(self, delta: int) -> None:
        low, high = self.question.minimum, self.question.maximum
        self.value = max(low, min(high, self.value + delta))
        self._show_number()
        self.changed.emit()

    def _show_number(self) -> None:
        assert self.number_label and self.minus and self.plus
        self.number_label.setText(str(self.value))
        self.minus.setEnabled(self.value > self.question.minimum)
        self.plus.setEnabled(self.value < self.question.maximum)

    def _text(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        warning = big_label(phrase("text_warning", self.language), "kioskWarning")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("kioskText")
        self.text_edit.setAccessibleName(in_language(self.question.text, self.language))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(120)
        self.text_edit.setMaximumHeight(200)
        self.text_edit.textChanged.connect(self._text_changed)
        column.addWidget(warning)
        column.addWidget(self.text_edit)
        column.addStretch(1)
        return box

    def _text_changed(self) -> None:
        assert self.text_edit is not None
        text = self.text_edit.toPlainText()
        if len(text) > TEXT_MAX:  # typed or pasted beyond: cut, the cursor at the end
            self.text_edit.setPlainText(text[:TEXT_MAX])
            self.text_edit.moveCursor(self.text_edit.textCursor().MoveOperation.End)
        self.changed.emit()

    def answer(self) -> AnswerValue | None:
        """What this page says: a code, several codes, a number, a text; None: nothing."""
        kind = self.question.kind
        if kind == "number":
            return self.value
        if kind == "text":
            assert self.text_edit is not None
            text = " ".join(self.text_edit.toPlainText().split())
            return text or None
        picked = tuple(code for code, button in self.buttons.items() if button.isChecked())
        if kind == "multiple":
            return picked or None
        return picked[0] if picked else None

    def clear(self) -> None:
        if self.buttons:
            self._group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self._group.setExclusive(self.question.kind != "multiple")
        if self.text_edit is not None:
            self.text_edit.clear()
        if self.number_label is not None:
            self.value = self.question.minimum
            self._show_number()

    def first_target(self) -> QWidget | None:
        """Where the keyboard starts on this page."""
        if self.text_edit is not None:
            return self.text_edit
        if self.plus is not None:
            return self.plus
        return next(iter(self.buttons.values()), None)


class LanguagePage(QWidget):
    """The start: the title, « Choose your language » in each, a big button a language,
    and the team's discreet way out in a corner."""

    chosen = Signal(str)
    staffRequested = Signal()

    def __init__(self, title: str, languages: tuple[str, ...]) -> None:
        super().__init__()
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        heading = big_label(title, "kioskTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        invites = QWidget()
        flow = FlowLayout(invites, spacing=24)
        for code in languages:
            invite = big_label(phrase("choose_language", code), "kioskInvite")
            invite.setWordWrap(False)
            flow.addWidget(invite)
        layout.addWidget(invites)
        layout.addSpacing(10)
        grid = QGridLayout()
        grid.setSpacing(16)
        columns = 3 if len(languages) > 4 else 2 if len(languages) > 1 else 1
        for index, code in enumerate(languages):
            button = kiosk_button(ENDONYMS.get(code, code), f"kioskLanguage_{code}", "language")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
            self.buttons[code] = button
            grid.addWidget(button, index // columns, index % columns)
        margins = QHBoxLayout()
        margins.addStretch(1)
        margins.addLayout(grid, 6)
        margins.addStretch(1)
        layout.addLayout(margins)
        layout.addStretch(1)
        corner = QHBoxLayout()
        corner.addStretch(1)
        self.staff_button = kiosk_button(tr("Équipe"), "kioskStaff", "staff")
        self.staff_button.setToolTip(tr("Quitter le questionnaire (code personnel)"))
        self.staff_button.clicked.connect(self.staffRequested)
        corner.addWidget(self.staff_button)
        layout.addLayout(corner)


class ThanksPage(QWidget):
    """« Merci ! » in the respondent's language; a French line if the sheet was lost."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.heart = QLabel()
        self.heart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heart.setPixmap(pictogram_pixmap("heart", 110))
        self.message = big_label("", "kioskThanks")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem = big_label("", "kioskProblem")
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.hide()
        layout.addWidget(self.heart)
        layout.addSpacing(12)
        layout.addWidget(self.message)
        layout.addSpacing(24)
        layout.addWidget(self.problem)
        layout.addStretch(2)

    def show_thanks(self, language: str, problem: str = "") -> None:
        self.message.setText(phrase("thanks", language))
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))


class ExitPage(QWidget):
    """The team's way out: a personal code, typed or tapped on the keypad."""

    confirmed = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.code = QLineEdit()
        self.code.setObjectName("kioskExitCode")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,6}")))
        self.code.setMaxLength(6)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setFixedWidth(300)
        self.code.setAccessibleName(tr("Code personnel de l'équipe"))
        self.code.returnPressed.connect(self._confirm)
        self.error = big_label("", "kioskExitError")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_button = kiosk_button(
            tr("Quitter le questionnaire"), "kioskExitConfirm", "primary"
        )
        self.cancel_button = kiosk_button(tr("Retour"), "kioskExitCancel")
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.cancelled)

        keypad = QGridLayout()
        keypad.setSpacing(10)
        keys = [*"123456789", "", "0", "⌫"]
        for index, key in enumerate(keys):
            if not key:
                continue
            button = kiosk_button(key, f"kioskKey_{index}", "key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if key == "⌫":
                button.setAccessibleName(tr("Effacer un chiffre"))
                button.clicked.connect(self.code.backspace)
            else:
                button.clicked.connect(lambda _=False, k=key: self.code.insert(k))
            keypad.addWidget(button, index // 3, index % 3)

        column = QVBoxLayout()
        column.setSpacing(14)
        heading = big_label(tr("Code personnel de l'équipe"), "kioskTitle")
        heading.setWordWrap(False)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(heading)
        column.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.error)
        column.addLayout(keypad)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.confirm_button)
        column.addLayout(actions)
        row = QHBoxLayout(self)
        row.addStretch(1)
        row.addLayout(column)
        row.addStretch(1)

    def reset(self) -> None:
        self.code.clear()
        self.error.clear()
        self.code.setFocus()

    def refuse(self) -> None:
        self.error.setText(tr("Code inconnu."))
        self.code.clear()
        self.code.setFocus()

    def _confirm(self) -> None:
        if self.code.text():
            self.confirmed.emit(self.code.text())
        else:
            self.code.setFocus()
