"""« Journal des actions » (the référente): who did what and when, by period, person and
action, exported as CSV. The journal never holds personal data: a family is an id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.desk.audit import AuditLine, audit_csv
from models.store.base import PARIS, paris_now
from ui.desk.audit_texts import audit_action_label, audit_entity_label
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import ntr, tr

SHOWN_AT_MOST = 5000


@dataclass(frozen=True)
class JournalServices:
    """From desktop/: the journal's lines (start, end, staff id or None, action or None),
    the actions present, and the staff (id, name)."""

    lines: Callable[[datetime, datetime, int | None, str | None], list[AuditLine]]
    actions: Callable[[], list[str]]
    staff: Callable[[], list[tuple[int, str]]]


class AuditJournalDialog(QDialog):
    def __init__(self, services: JournalServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(tr("Journal des actions"))
        fit_on_screen(self, 900, 560)
        day = paris_now().date()  # the cabane's day, whatever the machine's time zone
        today = QDate(day.year, day.month, day.day)
        self.start = QDateEdit(today.addDays(-30))
        self.end = QDateEdit(today)
        self.start.setAccessibleName(tr("Du"))
        self.end.setAccessibleName(tr("Au"))
        for field in (self.start, self.end):
            field.setCalendarPopup(True)
            field.setDisplayFormat("dd/MM/yyyy")
        self.person = QComboBox()
        self.person.addItem(tr("Toute l'équipe"), None)
        for staff_id, name in services.staff():
            self.person.addItem(name, staff_id)
        self.action = QComboBox()
        self.action.addItem(tr("Toutes les actions"), None)
        for code in services.actions():
            self.action.addItem(audit_action_label(code), code)
        for widget in (self.start, self.end, self.person, self.action):
            widget.setMinimumHeight(34)
        self.start.dateChanged.connect(self.refresh)
        self.end.dateChanged.connect(self.refresh)
        self.person.currentIndexChanged.connect(self.refresh)
        self.action.currentIndexChanged.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Du")))
        filters.addWidget(self.start)
        filters.addWidget(QLabel(tr("au")))
        filters.addWidget(self.end)
        filters.addWidget(self.person, 1)
        filters.addWidget(self.action, 1)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(tr("Actions enregistrées"))
        self.table.setHorizontalHeaderLabels([tr("Quand"), tr("Qui"), tr("Action"), tr("Objet")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.count = QLabel()
        self.export_button = QPushButton(tr("Exporter en CSV…"))
        self.export_button.clicked.connect(self.export)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.shown: list[AuditLine] = []
        self.refresh()

    def _period(self) -> tuple[datetime, datetime]:
        first = self.start.date().toPython()
        last = self.end.date().toPython()
        start = datetime.combine(first, time(0), tzinfo=PARIS)  # type: ignore[arg-type]
        end = datetime.combine(last, time(0), tzinfo=PARIS) + timedelta(days=1)  # type: ignore[arg-type]
        return start, end

    def refresh(self) -> None:
        start, end = self._period()
        self.shown = self.services.lines(
            start, end, self.person.currentData(), self.action.currentData()
        )
        self.table.setRowCount(len(self.shown))
        for row, line in enumerate(self.shown):
            when = line.at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
            for column, text in enumerate(
                (
                    when,
                    line.staff or tr("(commande ou automatique)"),
                    audit_action_label(line.action),
                    audit_entity_label(line.entity),
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        more = (
            tr(" (les {n} plus récentes)").format(n=SHOWN_AT_MOST)
            if len(self.shown) >= SHOWN_AT_MOST
            else ""
        )
        self.count.setText(ntr("%n action(s)", len(self.shown)) + more)

    def export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, tr("Exporter le journal"), str(Path.home() / "journal.csv"), "CSV (*.csv)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        try:
            path.write_bytes(audit_csv(self.shown, audit_action_label, audit_entity_label))
        except OSError:
            self.count.setText(
                tr("Impossible d'écrire {path} (clé retirée, dossier protégé ?).").format(path=path)
            )
            return
        self.count.setText(tr("Journal exporté : {path}").format(path=path))
