"""« Chiffres »: every figure of a period (a week, a month, a quarter, a year, chosen
dates) for one cabane, several or all side by side, with the communes on a tile map;
the table copied or saved as it is shown, exact or masked for publication."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.exchange.row_figures import ALL, Figures
from models.figures.periods import KINDS, Period, chosen_dates, period_of, shifted
from ui.coordination.commune_map import CommuneMap
from ui.coordination.coordination_charts import Run, short_site_name, write_failure
from ui.coordination.figure_rows import FigureRow, columns, figure_rows
from ui.coordination.surveys_tab import SurveysOf, SurveysView
from ui.coordination.trend_chart import TrendCharts
from ui.widgets.choices import SeveralOf
from ui.widgets.texts import tr

# (first, last, cabane codes or None for all) → figures per cabane and ALL
FiguresOf = Callable[[date, date, list[str] | None], dict[str, Figures]]
_Index = QModelIndex | QPersistentModelIndex
KIND_LABELS = {
    "week": "Semaine",
    "month": "Mois",
    "quarter": "Trimestre",
    "year": "Année",
    "dates": "Dates choisies",
}


class FiguresModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.titles: list[str] = []
        self.rows: list[FigureRow] = []

    def set_rows(self, titles: list[str], rows: list[FigureRow]) -> None:
        self.beginResetModel()
        self.titles, self.rows = titles, rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.titles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return row.label
            return "" if row.heading else row.text(index.column() - 1)
        together = (
            index.column() > 0
            and index.column() == len(self.titles)
            and self.titles[-1] == tr("Ensemble")
        )
        if role == Qt.ItemDataRole.FontRole and (row.heading or together):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return tr("Chiffre") if section == 0 else self.titles[section - 1]


def table_lines(
    titles: Sequence[str], rows: Sequence[FigureRow], publication: bool
) -> list[list[str]]:
    """The table as text lines: a heading row, then each figure (headings on their own)."""
    lines = [[tr("Chiffre"), *titles]]
    for row in rows:
        lines.append(
            [row.label.strip()] + ([""] * len(titles) if row.heading else row.cells(publication))
        )
    return lines


class PeriodTab(QWidget):
    def __init__(
        self,
        figures_of: FiguresOf,
        site_names: Callable[[], dict[str, str]],
        latest: Callable[[], date],  # the last day imported: the period shown first
        save: Callable[[str, bytes], str],  # (file name proposed, bytes) → where, or ""
        run: Run,  # counting a year of many cabanes takes time: off the UI thread
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._figures_of, self._site_names, self._save = figures_of, site_names, save
        self._latest, self._run = latest, run
        self._asked = 0  # the latest count asked: an older answer arriving late is dropped
        self.period: Period = period_of("month", latest())
        self.kind = QComboBox()
        for code in KINDS:
            self.kind.addItem(tr(KIND_LABELS[code]), code)
        self.kind.setCurrentIndex(KINDS.index("month"))
        self.kind.setAccessibleName(tr("Période"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.previous = QPushButton(tr("◀ Précédente"))
        self.previous.clicked.connect(lambda: self.step(-1))
        self.following = QPushButton(tr("Suivante ▶"))
        self.following.clicked.connect(lambda: self.step(1))
        self.words = QLabel()
        self.words.setObjectName("panelTitle")
        self.first, self.last = QDateEdit(), QDateEdit()
        for edit, name in ((self.first, tr("Du")), (self.last, tr("Au"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._dates_changed)
        self.sites = SeveralOf([])
        self.sites.setAccessibleName(tr("Cabanes montrées"))
        self.sites.changed.connect(self.refresh)
        self.model = FiguresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Chiffres de la période"))
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.map = CommuneMap()
        self.trend = TrendCharts()
        self.publication = QCheckBox(tr("Pour publication (effectifs de 1 à 4 masqués)"))
        self.copy_button = QPushButton(tr("Copier le tableau"))
        self.copy_button.clicked.connect(self.copy_table)
        self.save_button = QPushButton(tr("Enregistrer le tableau (CSV)…"))
        self.save_button.clicked.connect(self.save_table)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.empty = QLabel(
            tr(
                "Aucun fichier importé pour l'instant : les chiffres apparaîtront ici une fois "
                "les fichiers des cabanes importés."
            )
        )
        self.empty.setWordWrap(True)
        self._layout(self._bar())
        self.titles: list[str] = []
        self.rows: list[FigureRow] = []
        self.surveys: SurveysView | None = None
        self._shown: tuple[dict[str, str], list[str]] = ({}, [])  # names, chosen
        self._show_period()

    def add_surveys(self, surveys_of: SurveysOf) -> None:
        """The « Questionnaires » view: this period, these cabanes, masked with the rest."""
        self.surveys = SurveysView(surveys_of, self._run)
        self.views.addTab(self.surveys, tr("Questionnaires"))
        self.publication.toggled.connect(self._refresh_surveys)

    def _refresh_surveys(self) -> None:
        if self.surveys is not None:
            first, last, masked = self.period.first, self.period.last, self.publication.isChecked()
            self.surveys.show_for(first, last, *self._shown, masked)

    def _bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Période :")))
        bar.addWidget(self.kind)
        bar.addWidget(self.previous)
        bar.addWidget(self.words, 1)
        bar.addWidget(self.first)
        bar.addWidget(self.last)
        bar.addWidget(self.following)
        return bar

    def _layout(self, bar: QHBoxLayout) -> None:
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.table, tr("Tableau"))
        self.views.addTab(self._scrolled(self.map), tr("Carte des communes"))
        self.views.addTab(self.trend, tr("Évolution"))
        actions = QHBoxLayout()
        actions.addWidget(self.publication)
        actions.addStretch(1)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        sites_row = QHBoxLayout()
        sites_row.addWidget(QLabel(tr("Cabanes :")))
        sites_row.addWidget(self.sites, 1)
        layout.addLayout(sites_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.views, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        return area

    # ----- the period

    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        if kind == "dates":
            self.period = chosen_dates(self.period.first, self.period.last)
        else:  # the new period holds the last day shown that has figures
            self.period = period_of(kind, min(self.period.last, self._latest()))
        self._show_period()
        self.refresh()

    def _dates_changed(self) -> None:
        if self.period.kind != "dates":
            return
        first, last = (edit.date() for edit in (self.first, self.last))
        self.period = chosen_dates(
            date(first.year(), first.month(), first.day()),
            date(last.year(), last.month(), last.day()),
        )
        self.words.setText(self.period.words)
        self.refresh()

    def step(self, steps: int) -> None:
        self.period = shifted(self.period, steps)
        self._show_period()
        self.refresh()

    def _show_period(self) -> None:
        self.words.setText(self.period.words)
        chosen = self.period.kind == "dates"
        for edit, day in ((self.first, self.period.first), (self.last, self.period.last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
            edit.setVisible(chosen)

    # ----- the figures

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        names = dict(
            sorted(
                ((code, short_site_name(name)) for code, name in self._site_names().items()),
                key=lambda pair: pair[1],
            )
        )
        self.sites.blockSignals(True)  # a new cabane's button, checked, is not a choice
        for code, name in names.items():
            if code not in self.sites.buttons:
                self.sites.add_option(code, name).setChecked(True)
        self.sites.blockSignals(False)
        self.empty.setVisible(not names)
        for part in (self.views, self.copy_button, self.save_button, self.publication):
            part.setVisible(bool(names))
        chosen = [code for code in self.sites.values() if code in names]
        self._shown = (names, chosen)
        self._refresh_surveys()
        first, last = self.period.first, self.period.last
        self._asked += 1
        asked = self._asked
        self.status.setText(tr("Calcul des chiffres…"))
        self._run(
            lambda: self._figures_of(first, last, chosen),
            lambda figures: self._show(figures, chosen, names, asked),
            lambda _error: self.status.setText(
                tr("Les chiffres n'ont pas pu être calculés : fermez et rouvrez la fenêtre.")
            ),
        )

    def _show(
        self, figures: dict[str, Figures], chosen: list[str], names: dict[str, str], asked: int
    ) -> None:
        if asked != self._asked:
            return
        self.status.clear()
        shown = {code: figures.get(code, Figures()) for code in chosen}
        shown[ALL] = figures.get(ALL, Figures())
        keys_titles = columns(shown, names)
        keys = [key for key, _ in keys_titles]
        self.titles = [title for _, title in keys_titles]
        self.rows = figure_rows(shown, keys)
        self.model.set_rows(self.titles, self.rows)
        self.table.resizeColumnsToContents()
        self.map.set_counts(dict(shown[ALL].groups["visits_by_commune"]))
        self.trend.set_figures(shown, keys_titles, self.period.first, self.period.last)

    def _lines(self) -> list[list[str]]:
        """The table of the view shown (figures or questionnaires), as text lines."""
        if self.surveys is not None and self.views.currentWidget() is self.surveys:
            return self.surveys.lines()
        return table_lines(self.titles, self.rows, self.publication.isChecked())

    def copy_table(self) -> None:
        lines = self._lines()
        QGuiApplication.clipboard().setText("\n".join("\t".join(line) for line in lines))
        self.status.setText(tr("Tableau copié : collez-le dans un tableur ou un document."))

    def table_csv(self) -> bytes:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([tr("Chiffres — {period}").format(period=self.period.words)])
        writer.writerows(self._lines())
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # French Excel reads the BOM

    def save_table(self) -> None:
        kind = "publication" if self.publication.isChecked() else "interne"
        name = f"chiffres-{self.period.first.isoformat()}-{self.period.last.isoformat()}-{kind}.csv"
        try:
            where = self._save(name, self.table_csv())
        except OSError as error:
            self.status.setText(write_failure(error, name))
            return
        if where:
            self.status.setText(tr("Tableau enregistré : {path}").format(path=Path(where)))
