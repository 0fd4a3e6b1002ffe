"""What families ask for beside what the programme offers over the same period: the
activities, themes, days and times of day, most asked first (to build the programme)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.surveys.programme_match import MatchLine
from ui.surveys.survey_periods import period_bounds, period_box
from ui.surveys.survey_services import SurveyServices
from ui.widgets.forms import section
from ui.widgets.texts import tr

TOPIC_TITLES = {
    "activities": "Activités",
    "themes": "Sujets",
    "days": "Jours",
    "hours": "Moments de la journée",
}


class ProgrammeMatchView(QWidget):
    def __init__(self, services: SurveyServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.period = period_box()
        self.period.activated.connect(self.refresh)
        top = QHBoxLayout()
        intro = QLabel(
            tr(
                "Ce que les familles demandent dans les questionnaires, à côté de ce que le "
                "programme a proposé sur la même période."
            )
        )
        intro.setWordWrap(True)
        top.addWidget(intro, 1)
        top.addWidget(QLabel(tr("Période :")))
        top.addWidget(self.period)
        self.tables: dict[str, QTableWidget] = {}
        grid = QGridLayout()
        for index, (topic, title) in enumerate(TOPIC_TITLES.items()):
            table = QTableWidget(0, 3)
            table.setHorizontalHeaderLabels(
                [tr(title), tr("Demandé (fiches)"), tr("Proposé (séances)")]
            )
            table.setAccessibleName(tr(title))
            table.verticalHeader().hide()
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in (1, 2):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.tables[topic] = table
            cell = QVBoxLayout()
            cell.addWidget(section(tr(title)))
            cell.addWidget(table)
            grid.addLayout(cell, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

    def refresh(self) -> None:
        start, end = period_bounds(str(self.period.currentData()))
        table = self.services.book.asked_and_offered(start, end)
        for topic, widget in self.tables.items():
            self._fill(widget, table.get(topic, ()))

    @staticmethod
    def _fill(widget: QTableWidget, lines: tuple[MatchLine, ...]) -> None:
        widget.setRowCount(len(lines))
        for row, line in enumerate(lines):
            label = QTableWidgetItem(line.label)
            asked = QTableWidgetItem(str(line.asked))
            offered = QTableWidgetItem(str(line.offered) if line.offered else tr("aucune"))
            widget.setItem(row, 0, label)
            widget.setItem(row, 1, asked)
            widget.setItem(row, 2, offered)
