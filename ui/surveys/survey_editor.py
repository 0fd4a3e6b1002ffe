"""Build or change a questionnaire: its title, its questions (at most 12) and their kind,
the choices with their pictograms, and the texts in the poster languages (French is the
fallback). Once a version has answers, saving makes the next version (the domain says)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.store.storage import StorageError
from models.surveys.definition import MAX_CHOICES, MAX_QUESTIONS, NUMBER_LIMIT, pictograms
from models.surveys.surveys import SurveyError, SurveyInfo
from ui.surveys.survey_translations import TranslationTable
from ui.widgets.forms import error_label, section, show_error
from ui.widgets.pictogram import pictogram_icon
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import save_failed_message, survey_message, tr

# the shipped pictograms as staff call them (their codes are never shown)
PICTOGRAM_NAMES = {
    "baby": "Bébé",
    "book": "Livre",
    "calendar": "Calendrier",
    "chat_parent": "Conversation",
    "clock": "Horloge",
    "food": "Repas",
    "health": "Santé",
    "heart": "Cœur",
    "house": "Maison",
    "moon": "Lune, soir",
    "music": "Musique",
    "papers": "Papiers",
    "people": "Parents",
    "phone": "Téléphone",
    "play": "Jeu",
    "poster": "Affiche",
    "pram": "Poussette",
    "star": "Étoile",
    "sun": "Soleil, matin",
    "talk": "Parole",
    "tree": "Arbre, dehors",
}

KIND_TEXTS = {
    "single": "Une seule réponse",
    "multiple": "Plusieurs réponses",
    "smiley": "Smileys (de « pas du tout » à « très bien »)",
    "number": "Un nombre",
    "text": "Texte libre court",
}


def _new_key(taken: set[str], prefix: str) -> str:
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


class SurveyEditor(QDialog):
    def __init__(
        self,
        data: dict[str, Any],
        answered: bool,
        save: Callable[[dict[str, Any]], SurveyInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Questionnaire"))
        self.data = copy.deepcopy(data)
        self.save = save
        self.saved: SurveyInfo | None = None
        self.current = -1
        self.title = QLineEdit(self.data["title"]["fr"])
        self.title.setAccessibleName(tr("Titre du questionnaire"))
        self.title.setMaxLength(120)
        self.languages: dict[str, QCheckBox] = {}
        languages_row = QHBoxLayout()
        for code in catalogues.poster_languages():
            box = QCheckBox(catalogues.label(catalogues.languages(), code))
            box.setChecked(code in self.data.get("languages", ["fr"]))
            box.setEnabled(code != "fr")
            box.toggled.connect(self._languages_changed)
            self.languages[code] = box
            languages_row.addWidget(box)
        languages_row.addStretch(1)
        self.questions = QListWidget()
        self.questions.setAccessibleName(tr("Questions"))
        self.questions.currentRowChanged.connect(self._show_question)
        add = QPushButton(tr("Ajouter une question"))
        add.clicked.connect(self.add_question)
        self.remove_button = QPushButton(tr("Retirer"))
        self.remove_button.clicked.connect(self.remove_question)
        up = QPushButton(tr("Monter"))
        up.clicked.connect(lambda: self.move_question(-1))
        down = QPushButton(tr("Descendre"))
        down.clicked.connect(lambda: self.move_question(1))
        left = QVBoxLayout()
        left.addWidget(section(tr("Questions (12 au plus)")))
        left.addWidget(self.questions, 1)
        for row in ((add, self.remove_button), (up, down)):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            left.addLayout(line)
        self.question_text = QLineEdit()
        self.question_text.setAccessibleName(tr("Texte de la question"))
        self.question_text.setMaxLength(200)
        self.question_text.textEdited.connect(self._text_edited)
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Type de réponse"))
        for kind, text in KIND_TEXTS.items():
            self.kind.addItem(tr(text), kind)
        self.kind.activated.connect(self._kind_changed)
        self.choices = QTableWidget(0, 2)
        self.choices.setAccessibleName(tr("Choix proposés"))
        self.choices.setHorizontalHeaderLabels([tr("Choix (en français)"), tr("Pictogramme")])
        self.choices.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.choices.setColumnWidth(1, 200)
        self.choices.verticalHeader().hide()
        self.choices.itemChanged.connect(self._choice_edited)
        self.add_choice_button = QPushButton(tr("Ajouter un choix"))
        self.add_choice_button.clicked.connect(self.add_choice)
        self.remove_choice_button = QPushButton(tr("Retirer le choix"))
        self.remove_choice_button.clicked.connect(self.remove_choice)
        self.minimum = QSpinBox()
        self.maximum = QSpinBox()
        for spin, name in ((self.minimum, "minimum"), (self.maximum, "maximum")):
            spin.setRange(0, NUMBER_LIMIT)
            spin.setAccessibleName(tr("Nombre " + name))
            spin.valueChanged.connect(self._bounds_changed)
        self.kind_note = QLabel()
        self.kind_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Question :"), self.question_text)
        form.addRow(tr("Réponse :"), self.kind)
        bounds = QHBoxLayout()
        bounds.addWidget(QLabel(tr("de")))
        bounds.addWidget(self.minimum)
        bounds.addWidget(QLabel(tr("à")))
        bounds.addWidget(self.maximum)
        bounds.addStretch(1)
        self.bounds = QWidget()
        self.bounds.setLayout(bounds)
        form.addRow(tr("Nombre :"), self.bounds)
        self.form = form
        choice_buttons = QHBoxLayout()
        choice_buttons.addWidget(self.add_choice_button)
        choice_buttons.addWidget(self.remove_choice_button)
        choice_buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.kind_note)
        right.addWidget(self.choices, 1)
        right.addLayout(choice_buttons)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        questions_page = QWidget()
        questions_page.setLayout(body)
        self.translations = TranslationTable()
        tabs = QTabWidget()
        tabs.addTab(questions_page, tr("Questions"))
        tabs.addTab(self.translations, tr("Traductions"))
        tabs.currentChanged.connect(self._tab_changed)
        self.tabs = tabs
        note = QLabel(
            tr(
                "Ce questionnaire a déjà des réponses : vos changements en feront une nouvelle "
                "version, les réponses déjà données restent avec la leur."
            )
            if answered
            else tr("Personne n'a encore répondu : vos changements remplacent cette version.")
        )
        note.setWordWrap(True)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept_changes)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(tr("Titre :"), self.title)
        layout.addLayout(top)
        layout.addWidget(QLabel(tr("Langues proposées (le français est toujours là) :")))
        layout.addLayout(languages_row)
        layout.addWidget(tabs, 1)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_on_screen(self, 1000, 640)
        self._fill_list()
        if self.data["questions"]:
            self.questions.setCurrentRow(0)

    # --- questions ------------------------------------------------------------------

    def _question(self) -> dict[str, Any] | None:
        if 0 <= self.current < len(self.data["questions"]):
            question: dict[str, Any] = self.data["questions"][self.current]
            return question
        return None

    def _fill_list(self) -> None:
        row = self.current
        self.questions.blockSignals(True)
        self.questions.clear()
        for position, question in enumerate(self.data["questions"], start=1):
            self.questions.addItem(f"{position}. {question['text']['fr']}")
        self.questions.blockSignals(False)
        self.questions.setCurrentRow(min(row, len(self.data["questions"]) - 1))

    def _show_question(self, row: int) -> None:
        self.current = row
        question = self._question()
        enabled = question is not None
        for widget in (self.question_text, self.kind, self.choices, self.remove_button):
            widget.setEnabled(enabled)
        if question is None:
            return
        self.question_text.setText(question["text"]["fr"])
        self.kind.setCurrentIndex(self.kind.findData(question["kind"]))
        for spin, name, default in ((self.minimum, "minimum", 0), (self.maximum, "maximum", 20)):
            spin.blockSignals(True)
            spin.setValue(int(question.get(name, default)))
            spin.blockSignals(False)
        self._show_kind(question)

    def _show_kind(self, question: dict[str, Any]) -> None:
        kind = question["kind"]
        with_choices = kind in ("single", "multiple")
        for widget in (self.choices, self.add_choice_button, self.remove_choice_button):
            widget.setVisible(with_choices)
        self.form.setRowVisible(self.bounds, kind == "number")
        notes = {
            "smiley": tr("Cinq visages, de « pas du tout » à « très bien », dans chaque langue."),
            "text": tr(
                "Une réponse courte (280 signes). L'avertissement « ni nom, ni téléphone, ni "
                "détail de santé » est montré à la personne."
            ),
        }
        self.kind_note.setText(notes.get(kind, ""))
        self.kind_note.setVisible(kind in notes)
        self.choices.blockSignals(True)
        self.choices.setRowCount(0)
        for choice in question.get("choices", []):
            self._choice_row(choice)
        self.choices.blockSignals(False)

    def _choice_row(self, choice: dict[str, Any]) -> None:
        row = self.choices.rowCount()
        self.choices.insertRow(row)
        self.choices.setItem(row, 0, QTableWidgetItem(choice["text"]["fr"]))
        box = QComboBox()
        box.setAccessibleName(tr("Pictogramme"))
        box.addItem(tr("aucun"), "")
        for name in sorted(pictograms(), key=lambda code: PICTOGRAM_NAMES.get(code, code)):
            box.addItem(pictogram_icon(name, 20), tr(PICTOGRAM_NAMES.get(name, "Autre")), name)
        box.setCurrentIndex(max(0, box.findData(choice.get("pictogram", ""))))
        box.activated.connect(lambda _i, b=box, r=row: self._pictogram_chosen(r, b))
        self.choices.setCellWidget(row, 1, box)

    def add_question(self) -> None:
        if len(self.data["questions"]) >= MAX_QUESTIONS:
            show_error(self.error, survey_message("questions", "questions_count"))
            return
        keys = {question["key"] for question in self.data["questions"]}
        self.data["questions"].append(
            {
                "key": _new_key(keys, "q"),
                "kind": "single",
                "text": {"fr": tr("Nouvelle question")},
                "choices": [
                    {"code": "c1", "text": {"fr": tr("Oui")}},
                    {"code": "c2", "text": {"fr": tr("Non")}},
                ],
            }
        )
        self.current = len(self.data["questions"]) - 1
        self._fill_list()
        self.question_text.setFocus()
        self.question_text.selectAll()

    def remove_question(self) -> None:
        if self._question() is not None and len(self.data["questions"]) > 1:
            del self.data["questions"][self.current]
            self._fill_list()

    def move_question(self, step: int) -> None:
        target = self.current + step
        questions = self.data["questions"]
        if self._question() is None or not 0 <= target < len(questions):
            return
        questions[self.current], questions[target] = questions[target], questions[self.current]
        self.current = target
        self._fill_list()

    def _text_edited(self, text: str) -> None:
        question = self._question()
        if question is not None:
            question["text"]["fr"] = text
            item = self.questions.item(self.current)
            if item is not None:
                item.setText(f"{self.current + 1}. {text}")

    def _kind_changed(self) -> None:
        question = self._question()
        if question is None:
            return
        kind = str(self.kind.currentData())
        question["kind"] = kind
        if kind in ("single", "multiple") and len(question.get("choices", [])) < 2:
            question["choices"] = [
                {"code": "c1", "text": {"fr": tr("Oui")}},
                {"code": "c2", "text": {"fr": tr("Non")}},
            ]
        if kind not in ("single", "multiple"):
            question.pop("choices", None)
            question.pop("topic", None)
        self._show_kind(question)

    def _bounds_changed(self) -> None:
        question = self._question()
        if question is not None:
            question["minimum"] = self.minimum.value()
            question["maximum"] = self.maximum.value()

    # --- choices --------------------------------------------------------------------

    def add_choice(self) -> None:
        question = self._question()
        if question is None:
            return
        choices = question.setdefault("choices", [])
        if len(choices) >= MAX_CHOICES:
            show_error(self.error, survey_message("choices", "choices_count"))
            return
        codes = {choice["code"] for choice in choices}
        choice = {"code": _new_key(codes, "c"), "text": {"fr": tr("Nouveau choix")}}
        choices.append(choice)
        question.pop("topic", None)  # a new choice is no programme code any more
        self.choices.blockSignals(True)
        self._choice_row(choice)
        self.choices.blockSignals(False)
        self.choices.setCurrentCell(self.choices.rowCount() - 1, 0)
        item = self.choices.item(self.choices.rowCount() - 1, 0)
        if item is not None:
            self.choices.editItem(item)

    def remove_choice(self) -> None:
        question = self._question()
        row = self.choices.currentRow()
        if question is None or row < 0 or len(question["choices"]) <= 2:
            return
        del question["choices"][row]
        self._show_kind(question)

    def _choice_edited(self, item: QTableWidgetItem) -> None:
        question = self._question()
        if question is not None and item.column() == 0:
            question["choices"][item.row()]["text"]["fr"] = item.text()

    def _pictogram_chosen(self, row: int, box: QComboBox) -> None:
        question = self._question()
        if question is None:
            return
        name = str(box.currentData() or "")
        if name:
            question["choices"][row]["pictogram"] = name
        else:
            question["choices"][row].pop("pictogram", None)

    # --- translations and saving ------------------------------------------------------

    def chosen_languages(self) -> list[str]:
        return [code for code, box in self.languages.items() if box.isChecked()]

    def _languages_changed(self) -> None:
        self.data["languages"] = self.chosen_languages()

    def _tab_changed(self, index: int) -> None:
        self.data["title"]["fr"] = self.title.text()
        if self.tabs.widget(index) is self.translations:
            self.translations.show_texts(self.data, self.chosen_languages())
        else:
            self.translations.take_texts(self.data)

    def accept_changes(self) -> None:
        self.data["title"]["fr"] = self.title.text()
        self.data["languages"] = self.chosen_languages()
        self.translations.take_texts(self.data)
        try:
            self.saved = self.save(self.data)
        except SurveyError as error:
            show_error(self.error, survey_message(error.field, error.code))
            return
        except StorageError as error:
            show_error(self.error, save_failed_message(error.cause))
            return
        self.accept()
