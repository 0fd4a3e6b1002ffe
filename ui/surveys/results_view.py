"""What families said, questionnaire by questionnaire: filters (period, version, session,
language), the answer sheets counted, each question's bars, the free texts to read and to
mark as publishable, and the table copied or saved as a spreadsheet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.store.storage import StorageError
from models.surveys.results import Filters, FreeText, QuestionResult, SurveyResults
from models.surveys.surveys import SurveyError, SurveyInfo
from ui.surveys.result_bars import ResultBars, share_text
from ui.surveys.survey_periods import period_bounds, period_box
from ui.surveys.survey_services import SurveyServices
from ui.widgets.forms import error_label, section, show_error
from ui.widgets.texts import date_text, ntr, save_failed_message, survey_message, tr

MODE_TEXTS = {"kiosk": "à la borne", "typed": "saisies depuis le papier"}


def language_name(code: str) -> str:
    return catalogues.label(catalogues.languages(), code)


def results_table(results: SurveyResults) -> str:
    """The results as tab-separated lines (pasted into a spreadsheet or a mail)."""
    lines = [f"{results.title}\t{ntr('%n fiche(s) de réponses', results.responses)}"]
    for question in results.questions:
        lines.append(f"{question.text}\t{ntr('%n réponse(s)', question.answered)}")
        for choice in question.choices:
            lines.append(f"\t{choice.label}\t{share_text(choice.count, question.answered)}")
        published = [text.text for text in question.texts if text.published]
        lines.extend(f"\t« {text} »" for text in published)
    return "\n".join(lines)


class ResultsView(QWidget):
    def __init__(
        self,
        services: SurveyServices,
        save_sheet: Callable[[SurveyResults], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.save_sheet = save_sheet
        self.survey: SurveyInfo | None = None
        self.results: SurveyResults | None = None
        self.period = period_box()
        self.version = QComboBox()
        self.version.setAccessibleName(tr("Version du questionnaire"))
        self.origin = QComboBox()
        self.origin.setAccessibleName(tr("Séance"))
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Langue des réponses"))
        for box in (self.period, self.version, self.origin, self.language):
            box.activated.connect(self.refresh)
        filters = QHBoxLayout()
        for text, box in (
            (tr("Période :"), self.period),
            (tr("Version :"), self.version),
            (tr("Séance :"), self.origin),
            (tr("Langue :"), self.language),
        ):
            filters.addWidget(QLabel(text))
            filters.addWidget(box)
        filters.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("panelTitle")
        self.summary.setWordWrap(True)
        self.error = error_label()
        self.copy_button = QPushButton(tr("Copier les résultats"))
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(tr("Enregistrer en tableur…"))
        self.save_button.clicked.connect(self._save)
        self.save_button.setVisible(save_sheet is not None)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.save_button)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)

    def set_survey(self, survey: SurveyInfo | None) -> None:
        self.survey = survey
        self.version.clear()
        self.origin.clear()
        self.language.clear()
        self.version.addItem(tr("Toutes les versions"), None)
        self.origin.addItem(tr("Toutes les réponses"), None)
        self.language.addItem(tr("Toutes les langues"), None)
        if survey is not None:
            for number in range(survey.version, 0, -1):
                self.version.addItem(tr("Version {n}").format(n=number), number)
            for session_id, starts_at, activity, title in self.services.book.sessions_answered(
                survey.id
            ):
                label = title or catalogues.label(catalogues.activity_types(), activity)
                self.origin.addItem(f"{date_text(starts_at)} — {label}", session_id)
            for code in survey.definition.languages:
                self.language.addItem(language_name(code), code)
        self.refresh()

    def filters(self) -> Filters:
        start, end = period_bounds(str(self.period.currentData()))
        return Filters(
            start,
            end,
            self.version.currentData(),
            self.origin.currentData(),
            self.language.currentData(),
        )

    def refresh(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if self.survey is None:
            self.summary.setText(tr("Choisissez un questionnaire."))
            self.results = None
            return
        try:
            self.results = self.services.book.results(self.survey.id, self.filters())
        except StorageError as error:
            show_error(self.error, save_failed_message(error.cause))
            return
        show_error(self.error, None)
        results = self.results
        modes = ", ".join(
            f"{count} {tr(MODE_TEXTS[mode])}" for mode, count in results.by_mode.items()
        )
        languages = ", ".join(
            f"{language_name(code)} {count}" for code, count in results.by_language.items()
        )
        summary = ntr("%n fiche(s) de réponses", results.responses)
        if results.responses:
            summary += f" — {modes}. " + tr("Langues : {list}").format(list=languages)
        self.summary.setText(summary)
        self.copy_button.setEnabled(bool(results.responses))
        self.save_button.setEnabled(bool(results.responses))
        for position, question in enumerate(results.questions, start=1):
            self.body_layout.addWidget(self._question(position, question))
        self.body_layout.addStretch(1)

    def _question(self, position: int, question: QuestionResult) -> QWidget:
        box = QFrame()
        box.setObjectName("surveyQuestion")
        layout = QVBoxLayout(box)
        title = section(f"{position}. {question.text}")
        title.setWordWrap(True)
        layout.addWidget(title)
        answered = ntr("%n réponse(s)", question.answered)
        if question.mean is not None:
            mean = f"{question.mean:.1f}".replace(".", ",")
            answered += " — " + tr("moyenne {mean}").format(mean=mean)
        layout.addWidget(QLabel(answered))
        if question.kind == "text":
            if not question.texts:
                layout.addWidget(QLabel(tr("Aucun texte.")))
            for text in question.texts:
                layout.addWidget(self._free_text(text))
        elif question.choices:
            layout.addWidget(ResultBars(question))
        return box

    def _free_text(self, text: FreeText) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(12, 0, 0, 0)
        words = QLabel(f"« {text.text} » — {text.day.strftime('%d/%m/%Y')}")
        words.setWordWrap(True)
        publish = QCheckBox(tr("Publiable (ne nomme personne)"))
        publish.setChecked(text.published)
        publish.setAccessibleName(tr("Publiable : « {text} »").format(text=text.text[:40]))
        publish.toggled.connect(
            lambda on, answer=text.answer_id, box=publish: self._publish(box, answer, on)
        )
        line.addWidget(words, 1)
        line.addWidget(publish)
        return row

    def _publish(self, box: QCheckBox, answer_id: int, published: bool) -> None:
        try:
            self.services.book.set_published(answer_id, published, self.services.staff_id())
        except (SurveyError, StorageError) as error:
            box.blockSignals(True)
            box.setChecked(not published)
            box.blockSignals(False)
            show_error(
                self.error,
                survey_message("publish", error.code)
                if isinstance(error, SurveyError)
                else save_failed_message(error.cause),
            )
            return
        show_error(self.error, None)

    def copy(self) -> None:
        if self.results is not None:
            QGuiApplication.clipboard().setText(results_table(self.results))

    def _save(self) -> None:
        if self.results is not None and self.save_sheet is not None:
            self.save_sheet(self.results)
