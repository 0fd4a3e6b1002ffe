"""« Export hebdomadaire »: the recent weeks, their indicators, the coordination keys, export.

The window gets an ``ExportServices`` from desktop/ (no factory, no session here). The
export itself runs off the UI thread through ``BackgroundOp``; its outcome, good or
bad, is said in French inside the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.exchange.exchange import site_open_during, week_to_remind
from models.figures.calendar import IsoWeek, recent_weeks
from models.figures.indicators import WeeklyIndicators
from models.store.base import PARIS, paris_now
from ui.exchange.recipients_editor import RecipientsEditor
from ui.widgets.background import BackgroundOp
from ui.widgets.palette import COLOURS
from ui.widgets.texts import capitalised, date_text, export_message, time_text, tr, week_text

if TYPE_CHECKING:
    from models.desk.sites import SiteInfo
    from models.exchange.exporter import ExportRecord, WeeklyExporter
    from ui.exchange.signing_key_dialog import SigningKeyInfo
from ui.exchange.week_texts import (
    breakdown_html,
    breakdowns,
    exported_text,
    figure_labels,
    period_text,
    short_digest,
    technical_text,
)

LEFT_WIDTH = 380
HISTORY_ROWS = 4
TO_EXPORT_TEXT = COLOURS["to_export_text"]
TO_EXPORT_BACKGROUND = COLOURS["to_export_background"]


@dataclass(frozen=True)
class ExportServices:
    """What the export window needs, built by desktop/ (the composition root)."""

    exporter: WeeklyExporter
    indicators: Callable[[int, int], WeeklyIndicators]
    site: Callable[[], SiteInfo]
    set_recipients: Callable[[tuple[str, ...]], SiteInfo]
    staff_id: Callable[[], int | None] = field(default=lambda: None)
    now: Callable[[], datetime] = field(default=paris_now)
    signing_key: Callable[[], SigningKeyInfo] | None = None  # for the coordination


class ExportWindow(QDialog):
    """The weekly export of the cabane: choose a week, check it, export it for coordination."""

    exported = Signal(object)  # the ExportRecord of a file just written
    exportFailed = Signal(str)  # the French message shown

    def __init__(self, services: ExportServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.site = services.site()
        self.selected: IsoWeek | None = None
        self._latest: dict[IsoWeek, ExportRecord] = {}
        self.shown_breakdowns: dict[str, list[tuple[str, int]]] = {}
        self.running = False
        self._result_week: IsoWeek | None = None
        # Replaced in tests: never a real folder dialog there.
        self.choose_folder: Callable[[], Path | None] = self._ask_folder
        self.setWindowTitle(tr("Export hebdomadaire — {site}").format(site=self.site.name))
        self.setModal(False)

        columns = QHBoxLayout(self)
        columns.addWidget(self._build_left())
        columns.addLayout(self._build_right(), 1)

        self.refresh()
        self.weeks.setFocus()

    def _build_left(self) -> QWidget:
        """The recent weeks, and below them the coordination keys."""
        weeks_title = QLabel(tr("&Semaines récentes"))
        weeks_title.setObjectName("sectionTitle")
        self.weeks = QListWidget()
        self.weeks.setAccessibleName(tr("Semaines récentes"))
        self.weeks.setWordWrap(True)
        self.weeks.setSpacing(2)
        self.weeks.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weeks.currentItemChanged.connect(self._week_chosen)
        weeks_title.setBuddy(self.weeks)
        self.keys = RecipientsEditor(
            self.site.coordination_recipients, self.services.set_recipients
        )
        self.keys.recipientsChanged.connect(self._recipients_changed)
        holder = QWidget()
        holder.setFixedWidth(LEFT_WIDTH)
        left = QVBoxLayout(holder)
        left.addWidget(weeks_title)
        left.addWidget(self.weeks, 1)
        left.addSpacing(6)
        left.addWidget(self.keys)
        self.signing_button = QPushButton(tr("Clé de signature de la cabane…"))
        self.signing_button.clicked.connect(self.show_signing_key)
        self.signing_button.setVisible(self.services.signing_key is not None)
        left.addWidget(self.signing_button)
        return holder

    def show_signing_key(self) -> None:
        if self.services.signing_key is None:
            return
        from ui.exchange.signing_key_dialog import SigningKeyDialog

        SigningKeyDialog(self.services.signing_key(), self).exec()

    def _build_right(self) -> QVBoxLayout:
        """The chosen week: its figures, the export button and its outcome; the history."""
        self.week_title = QLabel()
        self.week_title.setObjectName("panelTitle")
        self.week_state = QLabel()
        self.week_state.setWordWrap(True)
        self.figure_values: dict[str, QLabel] = {}
        figures = QGridLayout()
        figures.setHorizontalSpacing(8)
        figures.setVerticalSpacing(2)
        for index, (key, text) in enumerate(figure_labels().items()):
            value = QLabel("0")
            value.setObjectName("counterValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(40)
            name = QLabel(text)
            row, column = index % 5, 2 * (index // 5)
            figures.addWidget(value, row, column)
            figures.addWidget(name, row, column + 1)
            self.figure_values[key] = value
        figures.setColumnStretch(1, 1)
        figures.setColumnStretch(3, 1)
        self.breakdown_labels: dict[str, QLabel] = {}
        headings = {
            "children_by_age": tr("Enfants par âge"),
            "visits_by_commune": tr("Communes (les 5 premières)"),
            "visits_by_channel": tr("Comment les familles ont connu la cabane"),
            "visits_by_language": tr("Langues parlées"),
        }
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 6, 0)
        details_layout.addLayout(figures)
        for key, heading in headings.items():
            caption = QLabel(heading)
            caption.setObjectName("sectionTitle")
            breakdown = QLabel()
            breakdown.setWordWrap(True)
            breakdown.setTextFormat(Qt.TextFormat.RichText)
            details_layout.addWidget(caption)
            details_layout.addWidget(breakdown)
            self.breakdown_labels[key] = breakdown
        details_layout.addStretch(1)
        self.details_area = scroll = QScrollArea()
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.revision_note = QLabel()
        self.revision_note.setWordWrap(True)
        self.export_button = QPushButton(tr("Exporter la semaine…"))
        self.export_button.setObjectName("primaryAction")
        self.export_button.clicked.connect(self.export_selected)
        self.export_button.setDefault(True)  # Entrée on the chosen week
        self.outcome_frame = QFrame()
        self.outcome_frame.setObjectName("confirmation")
        selectable = (
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(selectable)
        self.result_digest = QLabel()
        self.result_digest.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.result_digest.setTextInteractionFlags(selectable)
        self.result_digest.setAccessibleName(tr("Détails techniques du fichier"))
        self.result_digest.setWordWrap(True)
        result_layout = QVBoxLayout(self.outcome_frame)
        result_layout.setContentsMargins(10, 6, 10, 6)
        result_layout.addWidget(self.result_text)
        result_layout.addWidget(self.result_digest)
        self.outcome_frame.hide()

        history_title = QLabel(tr("Historique des exports"))
        history_title.setObjectName("sectionTitle")
        # What IT may ask about a file (revision, SHA-256 digest) stays out of sight.
        self.details_button = QPushButton(tr("Détails techniques"))
        self.details_button.setCheckable(True)
        self.details_button.setAutoDefault(False)
        self.details_button.toggled.connect(self._show_details)
        self.history = QTableWidget(0, 5)
        self.history.setAccessibleName(tr("Historique des exports"))
        self.history.setHorizontalHeaderLabels(
            [tr("Semaine"), tr("Révision"), tr("Exportée le"), tr("Fichier"), tr("SHA-256")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.history.setFixedHeight(
            self.history.horizontalHeader().sizeHint().height()
            + HISTORY_ROWS * self.history.verticalHeader().defaultSectionSize()
            + 4
        )
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        right = QVBoxLayout()
        right.addWidget(self.week_title)
        right.addWidget(self.week_state)
        right.addWidget(scroll, 1)
        action = QHBoxLayout()
        action.addWidget(self.export_button)
        action.addWidget(self.revision_note, 1)
        right.addLayout(action)
        right.addWidget(self.outcome_frame)
        right.addSpacing(6)
        history_row = QHBoxLayout()
        history_row.addWidget(history_title, 1)
        history_row.addWidget(self.details_button)
        right.addLayout(history_row)
        right.addWidget(self.history)
        self._show_details(False)
        return right

    def _show_details(self, shown: bool) -> None:
        for column in (1, 4):  # « Révision », « SHA-256 »
            self.history.setColumnHidden(column, not shown)
        self.result_digest.setVisible(shown and bool(self.result_digest.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Entrée on a week exports it (the default button); Entrée in the key field only
        # adds the key, so it must not reach QDialog.
        focused = self.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            focused is not None and self.keys.isAncestorOf(focused)
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    # ----- weeks and history

    def refresh(self) -> None:
        """Read the weeks, their export state and the history again."""
        history = self.services.exporter.history(200)
        latest: dict[IsoWeek, ExportRecord] = {}
        for record in history:  # most recent first: the first seen is the last revision
            latest.setdefault((record.iso_year, record.iso_week), record)
        keep = self.selected
        self.weeks.blockSignals(True)
        self.weeks.clear()
        bold = QFont(self.weeks.font())
        bold.setBold(True)
        created = self.services.site().created_at
        # Only weeks that ended after the cabane was set up: before, there is nothing to send.
        opened = [w for w in recent_weeks(self.services.now()) if site_open_during(w, created)]
        for year, week in opened:
            exported = latest.get((year, week))
            to_export = exported is None
            state = tr("● à exporter") if exported is None else exported_text(exported)
            item = QListWidgetItem(f"{period_text(year, week)}\n{state}")
            item.setData(Qt.ItemDataRole.UserRole, (year, week))
            if to_export:
                item.setFont(bold)
                item.setForeground(QColor(TO_EXPORT_TEXT))
                item.setBackground(QColor(TO_EXPORT_BACKGROUND))
            self.weeks.addItem(item)
        self.weeks.blockSignals(False)
        self._latest = latest
        self._fill_history(history[:20])
        if not opened:
            self._nothing_yet()
            return
        target = keep or week_to_remind(set(latest), self.services.now(), created)
        self.select_week(*(target or opened[0]))

    def _nothing_yet(self) -> None:
        """A cabane set up this week: no week to send yet, and when the first one will be."""
        from datetime import timedelta

        today = self.services.now().astimezone(PARIS).date()
        monday = today + timedelta(days=7 - today.weekday())
        self.selected = None
        self.week_title.setText(tr("Rien à exporter pour l'instant"))
        self.week_state.setText(
            tr(
                "Aucune semaine ne s'est terminée depuis l'installation de la cabane. La "
                "première pourra être exportée à partir du lundi {day}."
            ).format(day=monday.strftime("%d/%m/%Y"))
        )
        self.export_button.setText(tr("Exporter la semaine…"))
        self.export_button.setEnabled(False)
        self.revision_note.hide()
        self.details_area.hide()  # no figures to show before a week has ended

    def _fill_history(self, records: list[ExportRecord]) -> None:
        self.history.setRowCount(len(records))
        for row, record in enumerate(records):
            moment = record.exported_at.astimezone(PARIS)
            cells = [
                period_text(record.iso_year, record.iso_week),
                str(record.revision),
                tr("{date} à {time}").format(date=date_text(moment), time=time_text(moment)),
                record.path.name,
                short_digest(record.sha256),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setToolTip(record.sha256)
                    item.setData(Qt.ItemDataRole.UserRole, record.sha256)
                self.history.setItem(row, column, item)
        if not records:
            self.history.setRowCount(1)
            self.history.setItem(0, 0, QTableWidgetItem(tr("Aucun export pour l'instant.")))
            self.history.setSpan(0, 0, 1, 5)
        else:
            self.history.clearSpans()

    def select_week(self, iso_year: int, iso_week: int) -> None:
        for row in range(self.weeks.count()):
            if self.weeks.item(row).data(Qt.ItemDataRole.UserRole) == (iso_year, iso_week):
                self.weeks.setCurrentRow(row)  # shows it, through currentItemChanged
                return

    def _week_chosen(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self._show_week(current.data(Qt.ItemDataRole.UserRole))

    def _show_week(self, week: IsoWeek) -> None:
        year, number = week
        self.selected = (year, number)
        self.export_button.setEnabled(not self.running)
        self.details_area.show()
        self.week_title.setText(period_text(year, number))
        figures = self.services.indicators(year, number)
        for key, label in self.figure_values.items():
            label.setText(str(getattr(figures, key)))
        self.shown_breakdowns = breakdowns(figures)
        for key, rows in self.shown_breakdowns.items():
            self.breakdown_labels[key].setText(breakdown_html(rows))
        record = self._latest.get(week)
        if record is None:
            self.week_state.setText(tr("À exporter : pas encore envoyée à la coordination."))
            self.revision_note.setText("")
            self.export_button.setText(
                tr("Exporter la {week}…").format(week=week_text(year, number))
            )
        else:
            state = exported_text(record)
            self.week_state.setText(f"{state[:1].upper()}{state[1:]}.")
            self.revision_note.setText(
                tr("Déjà exportée. Un nouvel export remplacera le précédent chez la coordination.")
            )
            self.export_button.setText(
                tr("Exporter à nouveau la {week}…").format(week=week_text(year, number))
            )
        self.revision_note.setVisible(record is not None)
        if not self.running and self._result_week != week:
            self.outcome_frame.hide()  # an outcome stays beside the week it is about

    def _recipients_changed(self, recipients: tuple[str, ...]) -> None:
        if recipients and self.outcome_frame.property("problem"):
            self.outcome_frame.hide()

    # ----- export

    def last_folder(self) -> Path:
        """Where the last file was written (the USB key) if it is there, else home."""
        last = max(self._latest.values(), key=lambda r: r.exported_at, default=None)
        if last is not None and last.path.parent.is_dir():
            return last.path.parent
        return Path.home()

    def _ask_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Dossier où écrire le fichier pour la coordination"), str(self.last_folder())
        )
        return Path(folder) if folder else None

    def export_selected(self) -> None:
        if self.selected is None or self.running:
            return
        if not self.keys.recipients:
            self._show_result(
                tr(
                    "Ajoutez d'abord la clé de la coordination (en bas à gauche) : sans elle, le "
                    "fichier ne peut pas être chiffré. Rien n'a été écrit."
                ),
                "",
                problem=True,
            )
            self.keys.field.setFocus()
            return
        folder = self.choose_folder()
        if folder is None:
            return
        year, week = self.selected
        recipients = self.keys.recipients
        staff_id = self.services.staff_id()
        exporter = self.services.exporter
        self.running = True
        self.export_button.setEnabled(False)
        self._show_result(
            tr("Export de la {week} en cours…").format(week=week_text(year, week)),
            "",
            problem=False,
        )
        work = BackgroundOp(self, lambda: exporter.export(year, week, folder, recipients, staff_id))
        work.success(self._export_done).failure(self._export_failed).run()

    def _export_done(self, record: ExportRecord) -> None:
        self.running = False
        self.export_button.setEnabled(True)
        self._show_result(
            capitalised(
                tr(
                    "{week} exportée : {name}\nDans le dossier {folder}. Envoyez ce fichier à "
                    "la coordination."
                ).format(
                    week=week_text(record.iso_year, record.iso_week),
                    name=record.path.name,
                    folder=record.path.parent,
                )
            ),
            technical_text(record),
            problem=False,
            week=(record.iso_year, record.iso_week),
        )
        self.refresh()
        self.exported.emit(record)

    def _export_failed(self, error: Exception) -> None:
        from models.exchange.exchange import ExportError  # loaded with the exporter, not at start

        self.running = False
        self.export_button.setEnabled(True)
        code = error.code if isinstance(error, ExportError) else ""
        week_refused = isinstance(error, ValueError) and not code
        message = export_message(code, week_refused)
        self._show_result(message, "", problem=True)
        self.exportFailed.emit(message)

    def _show_result(
        self, text: str, digest: str, problem: bool, week: IsoWeek | None = None
    ) -> None:
        if bool(self.outcome_frame.property("problem")) != problem:
            self.outcome_frame.setProperty("problem", problem)
            self.outcome_frame.style().unpolish(self.outcome_frame)
            self.outcome_frame.style().polish(self.outcome_frame)
        self._result_week = week or self.selected
        self.result_text.setText(text)
        self.result_digest.setText(digest)
        self.result_digest.setVisible(bool(digest) and self.details_button.isChecked())
        self.outcome_frame.show()
