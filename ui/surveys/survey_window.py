"""Questionnaires of the cabane: the list (made from a template or by hand), editing, and
for the one chosen: its results, having families answer (kiosk, paper typed in, the paper
version to print), and what families ask for beside the programme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.store.storage import StorageError
from models.surveys.definition import as_data
from models.surveys.surveys import TEMPLATES, SurveyError, SurveyInfo, template
from ui.surveys.programme_view import ProgrammeMatchView
from ui.surveys.results_view import ResultsView
from ui.surveys.survey_editor import SurveyEditor
from ui.surveys.survey_services import SurveyServices
from ui.widgets.forms import error_label, section, show_error, status_line
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import ntr, save_failed_message, tr

BLANK = {
    "title": {"fr": "Nouveau questionnaire"},
    "languages": ["fr"],
    "questions": [
        {
            "key": "q1",
            "kind": "single",
            "text": {"fr": "Nouvelle question"},
            "choices": [
                {"code": "c1", "text": {"fr": "Oui"}},
                {"code": "c2", "text": {"fr": "Non"}},
            ],
        }
    ],
}


def survey_line(survey: SurveyInfo) -> str:
    """« Vos besoins », then « version 2 · 93 fiches » on a second line."""
    sheets = ntr("%n fiche(s) de réponses", survey.responses)
    line = tr("{title}\nversion {n} · {sheets}").format(
        title=survey.title, n=survey.version, sheets=sheets
    )
    return line + (tr(" · archivé") if survey.archived else "")


class SurveyWindow(QMainWindow):
    def __init__(self, services: SurveyServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Questionnaires — écouter les familles"))
        self.services = services
        self.kiosk: QWidget | None = None
        self.surveys: list[SurveyInfo] = []
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Questionnaires de la cabane"))
        self.list.setMinimumWidth(260)
        self.list.setSpacing(3)
        self.list.currentRowChanged.connect(self._chosen)
        self.new_button = QPushButton(tr("Nouveau questionnaire"))
        menu = QMenu(self.new_button)
        for code in TEMPLATES:
            action = menu.addAction(
                tr("Modèle « {title} »").format(title=template(code).title["fr"])
            )
            action.triggered.connect(lambda _c=False, c=code: self.create_survey(c))
        menu.addSeparator()
        menu.addAction(tr("Questionnaire vide")).triggered.connect(lambda: self.create_survey(""))
        self.new_button.setMenu(menu)
        self.edit_button = QPushButton(tr("Modifier…"))
        self.edit_button.clicked.connect(self.edit)
        self.archive_button = QPushButton(tr("Archiver"))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.show_archived = QCheckBox(tr("Montrer les archivés"))
        self.show_archived.toggled.connect(lambda _on: self.reload())
        left = QVBoxLayout()
        left.addWidget(section(tr("Questionnaires")))
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)
        left.addLayout(buttons)
        left.addWidget(self.show_archived)
        self.results = ResultsView(services, self._save_results if services.save_results else None)
        self.answering = self._answering_page()
        self.programme = ProgrammeMatchView(services)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.results, tr("Résultats"))
        self.tabs.addTab(self.answering, tr("Faire répondre"))
        self.tabs.addTab(self.programme, tr("Demandes et programme"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.message = error_label()
        central = QWidget()
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.tabs, 3)
        outer = QVBoxLayout(central)
        outer.addLayout(body, 1)
        outer.addWidget(self.message)
        self.setCentralWidget(central)
        fit_on_screen(self, 1200, 680)
        self.reload()

    # --- the list -----------------------------------------------------------------

    def current(self) -> SurveyInfo | None:
        row = self.list.currentRow()
        return self.surveys[row] if 0 <= row < len(self.surveys) else None

    def reload(self, keep: str | None = None) -> None:
        shown = self.current()
        keep = keep or (shown.id if shown is not None else None)
        self.surveys = self.services.book.all(include_archived=self.show_archived.isChecked())
        self.list.blockSignals(True)
        self.list.clear()
        for survey in self.surveys:
            self.list.addItem(QListWidgetItem(survey_line(survey)))
        self.list.blockSignals(False)
        ids = [survey.id for survey in self.surveys]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        if not ids:
            self._chosen(-1)

    def _chosen(self, _row: int) -> None:
        survey = self.current()
        self.edit_button.setEnabled(survey is not None)
        self.archive_button.setEnabled(survey is not None)
        self.archive_button.setText(
            tr("Ressortir") if survey is not None and survey.archived else tr("Archiver")
        )
        self.answering.setEnabled(survey is not None and not survey.archived)
        self.results.set_survey(survey)
        self._fill_answering(survey)

    def create_survey(self, code: str) -> None:
        staff = self.services.staff_id()
        try:
            if code:
                created = self.services.book.from_template(code, staff)
            else:
                created = self.services.book.create(
                    template("idea_box").model_validate(BLANK), "", staff
                )
        except StorageError as error:
            show_error(self.message, save_failed_message(error.cause))
            return
        self.reload(created.id)
        if not code:
            self.edit()

    def edit(self) -> None:
        survey = self.current()
        if survey is None:
            return
        staff = self.services.staff_id()
        dialog = SurveyEditor(
            as_data(survey.definition),
            survey.responses > 0,
            lambda data: self.services.book.save(survey.id, data, staff),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.reload(dialog.saved.id)

    def toggle_archived(self) -> None:
        survey = self.current()
        if survey is None:
            return
        try:
            self.services.book.set_archived(
                survey.id, not survey.archived, self.services.staff_id()
            )
        except (StorageError, SurveyError):
            show_error(self.message, tr("Ce changement n'a pas pu être enregistré. Réessayez."))
            return
        self.reload(survey.id)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.programme:
            self.programme.refresh()

    # --- having families answer -------------------------------------------------------

    def _answering_page(self) -> QWidget:
        page = QWidget()
        self.kiosk_origin = QComboBox()
        self.kiosk_origin.setAccessibleName(tr("Réponses liées à"))
        self.kiosk_button = QPushButton(tr("Lancer la borne (plein écran)"))
        self.kiosk_button.setObjectName("primaryAction")
        self.kiosk_button.clicked.connect(self.start_kiosk)
        self.typed_button = QPushButton(tr("Saisir des réponses papier…"))
        self.typed_button.setObjectName("secondaryAction")
        self.typed_button.clicked.connect(self.type_in)
        self.paper_languages: dict[str, QCheckBox] = {}
        self.paper_row = QHBoxLayout()
        self.paper_button = QPushButton(tr("Version papier à imprimer…"))
        self.paper_button.setObjectName("secondaryAction")
        self.paper_button.clicked.connect(self.print_paper)
        self.answer_status = QLabel()
        layout = QVBoxLayout(page)
        layout.addWidget(section(tr("À la borne")))
        kiosk_hint = QLabel(
            tr(
                "Les familles répondent seules, en plein écran, dans leur langue. Rien d'autre "
                "de Cabane n'est accessible ; pour fermer la borne, une personne de l'équipe "
                "tape son code personnel."
            )
        )
        kiosk_hint.setWordWrap(True)
        layout.addWidget(kiosk_hint)
        origin = QHBoxLayout()
        origin.addWidget(QLabel(tr("Réponses liées à :")))
        origin.addWidget(self.kiosk_origin, 1)
        layout.addLayout(origin)
        layout.addWidget(self.kiosk_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(section(tr("Sur papier")))
        paper_hint = QLabel(
            tr(
                "Imprimez le questionnaire pour un atelier ou une sortie, puis saisissez les "
                "fiches remplies."
            )
        )
        paper_hint.setWordWrap(True)
        layout.addWidget(paper_hint)
        layout.addLayout(self.paper_row)
        paper_buttons = QHBoxLayout()
        paper_buttons.addWidget(self.paper_button)
        paper_buttons.addWidget(self.typed_button)
        paper_buttons.addStretch(1)
        layout.addLayout(paper_buttons)
        layout.addWidget(self.answer_status)
        layout.addStretch(1)
        return page

    def _fill_answering(self, survey: SurveyInfo | None) -> None:
        self.kiosk_origin.clear()
        self.kiosk_origin.addItem(tr("L'accueil (aucune séance)"), None)
        from models.figures.calendar import today_bounds

        start, end = today_bounds()
        for info in self.services.sessions(start, end):
            self.kiosk_origin.addItem(
                tr("La séance « {label} » d'aujourd'hui").format(label=info.label), info.id
            )
        while self.paper_row.count():
            item = self.paper_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.paper_languages = {}
        if survey is None:
            return
        self.paper_row.addWidget(QLabel(tr("Langues :")))
        for code in survey.definition.languages:
            box = QCheckBox(catalogues.label(catalogues.languages(), code))
            box.setChecked(code in ("fr", "ar") or len(survey.definition.languages) <= 2)
            box.setEnabled(code != "fr")
            self.paper_languages[code] = box
            self.paper_row.addWidget(box)
        self.paper_row.addStretch(1)

    def start_kiosk(self) -> None:
        survey = self.current()
        if survey is None:
            return
        if not self.services.any_code_set() and not self._choose_code():
            return
        from ui.surveys.kiosk import SurveyKiosk

        kiosk = SurveyKiosk(self.services, survey, session_id=self.kiosk_origin.currentData())
        kiosk.finished.connect(self._kiosk_closed)
        self.kiosk = kiosk
        kiosk.showFullScreen()

    def _choose_code(self) -> bool:
        """Nobody of the team has a personal code yet: the person at the desk chooses one,
        or the kiosk could never be closed."""
        if self.services.choose_code is None:
            return False
        code, chosen = QInputDialog.getText(
            self,
            tr("Code personnel"),
            tr(
                "Pour fermer la borne, il faudra le code personnel d'une personne de l'équipe.\n"
                "Choisissez le vôtre (4 à 6 chiffres) :"
            ),
            QLineEdit.EchoMode.Password,
        )
        if not chosen:
            return False
        try:
            self.services.choose_code(code)
        except (ValueError, StorageError):
            show_error(self.message, tr("Code non retenu : 4 à 6 chiffres."))
            return False
        return True

    def _kiosk_closed(self) -> None:
        self.kiosk = None
        self.reload()

    def type_in(self) -> None:
        survey = self.current()
        if survey is None:
            return
        from ui.surveys.typed_entry import TypedEntryDialog

        TypedEntryDialog(self.services, survey, self).exec()
        self.reload(survey.id)

    def chosen_paper_languages(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.paper_languages.items() if box.isChecked())

    def print_paper(self) -> None:
        survey = self.current()
        if survey is None:
            return
        from ui.widgets.pdf_preview import preview_in_background

        languages = self.chosen_paper_languages()
        preview_in_background(
            lambda: self.services.paper(survey.id, languages),
            tr("Questionnaire « {title} »").format(title=survey.title),
            "questionnaire.pdf",
            self,
            self._keep_preview,
            lambda text: show_error(self.message, text),
        )

    def _keep_preview(self, dialog: QDialog) -> None:
        self.preview = dialog

    def _save_results(self, results: object) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.services.save_results is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Enregistrer les résultats"),
            "resultats.xlsx",
            tr("Tableur (*.xlsx);;Texte CSV (*.csv)"),
        )
        if not path:
            return
        try:
            self.services.save_results(results, path)
        except OSError:
            show_error(self.message, tr("Le fichier n'a pas pu être écrit à cet endroit."))
            return
        status_line(self.message, tr("Résultats enregistrés."))
