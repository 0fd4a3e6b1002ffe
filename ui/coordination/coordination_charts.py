"""The coordination's figures: the dashboard (table and charts); the report is in report_tab.py.

QtCharts is imported when the dashboard is first shown (DESIGN.md §9: charts only when used);
openpyxl when a workbook is first written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.exchange.coordination import WeekSummary
from ui.widgets.charts import clear_chart, count_axis
from ui.widgets.palette import COLOURS, colour
from ui.widgets.texts import capitalised, tr, week_short, week_text

LINE_WEEKS = 26  # the line chart shows at most half a year: beyond, labels would overlap
BAR_COLOURS = (COLOURS["accent"], COLOURS["green"], COLOURS["orange"])
_Index = QModelIndex | QPersistentModelIndex
Run = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


def saving_path(name: str, suffix: str) -> Path:
    """The file a person chose, with its suffix (« bilan » → « bilan.pdf »)."""
    path = Path(name)
    return path if path.suffix.lower() == f".{suffix}" else path.with_name(f"{path.name}.{suffix}")


def write_failure(error: Exception, path: Path | str) -> str:
    """What to say when a document could not be written, and what to do."""
    if isinstance(error, OSError):
        return tr(
            "Impossible d'écrire {path} (disque plein, dossier protégé ou fichier "
            "ouvert dans Excel ?) : choisissez un autre emplacement."
        ).format(path=path)
    return tr("Le document n'a pas pu être écrit ({path}).").format(path=path)


def set_status(label: QLabel, text: str, ok: bool = True) -> None:
    """A green sentence for what went well, a red one for what did not."""
    label.setObjectName("success" if ok else "fieldError")
    label.setText(text)
    label.style().unpolish(label)
    label.style().polish(label)


def wrapped(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def action_button(text: str, primary: bool, slot: Callable[[], None]) -> QPushButton:
    """A large target: the desk's primary (filled) or secondary action style."""
    button = QPushButton(text)
    button.setObjectName("primaryAction" if primary else "secondaryAction")
    button.clicked.connect(slot)
    return button


def page(*parts: QWidget | QHBoxLayout) -> QWidget:
    """A tab's page: its parts from the top, with room around them."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.setSpacing(12)
    for part in parts:
        if isinstance(part, QHBoxLayout):
            layout.addLayout(part)
        else:  # a list or a table takes the room left; otherwise the room stays below
            layout.addWidget(part, 1 if isinstance(part, QAbstractScrollArea) else 0)
    if not any(isinstance(part, QAbstractScrollArea) for part in parts):
        layout.addStretch(1)
    return widget


def row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side, from the left."""
    line = QHBoxLayout()
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return line


def short_site_name(name: str) -> str:
    """« Cabane de La Courneuve » → « La Courneuve »: what fits a column or an axis."""
    short = re.sub(r"^Cabane\s+(?:des\s+|de\s+|du\s+|d['’]\s*)?", "", name).strip()
    return short or name


def two_lines(name: str, newline: str = "\n") -> str:
    """A long name broken at the hyphen or space nearest its middle: « Tremblay-⏎en-France »."""
    cuts = [i for i, char in enumerate(name) if char in "- "]
    if len(name) <= 12 or not cuts:
        return name
    cut = min(cuts, key=lambda i: abs(i - len(name) / 2))
    head = name[: cut + 1] if name[cut] == "-" else name[:cut]
    return f"{head}{newline}{name[cut + 1 :]}"


def visits_detail(week: WeekSummary) -> str:
    return tr(
        "{site}, {week} : {visits} passages, dont {first} premières venues "
        "et {unknown} pas connues de la PMI"
    ).format(
        site=week.site_name,
        week=week_text(week.iso_year, week.iso_week),
        visits=week.figure("visits"),
        first=week.figure("first_visits"),
        unknown=week.figure("not_known_to_pmi"),
    )


class SiteWeekModel(QAbstractTableModel):
    """Rows: weeks, most recent first; columns: each site, then the total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sites: list[tuple[str, str]] = []  # (code, name), by name
        self.periods: list[tuple[int, int]] = []  # (year, week), most recent first
        self._cells: list[list[tuple[str, str]]] = []  # (text, tooltip) per row and column

    def set_weeks(self, weeks: Sequence[WeekSummary]) -> None:
        self.beginResetModel()
        names = {w.site_code: w.site_name for w in weeks}
        self.sites = sorted(names.items(), key=lambda item: short_site_name(item[1]).casefold())
        self.periods = sorted({(w.iso_year, w.iso_week) for w in weeks}, reverse=True)
        found = {(w.iso_year, w.iso_week, w.site_code): w for w in weeks}
        self._cells = []
        for year, week in self.periods:
            cells, total = [], 0
            for code, name in self.sites:
                if (summary := found.get((year, week, code))) is not None:
                    total += summary.figure("visits")
                    cells.append((str(summary.figure("visits")), visits_detail(summary)))
                else:
                    missing = tr("{site} : pas de fichier reçu pour la {week}")
                    cells.append(("—", missing.format(site=name, week=week_text(year, week))))
            everyone = tr("Toutes les cabanes, {week} : {n} passages")
            cells.append((str(total), everyone.format(week=week_text(year, week), n=total)))
            self._cells.append(cells)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.periods)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.sites else len(self.sites) + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text, tooltip = self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and text == "—":
            return colour("muted_text")
        if role == Qt.ItemDataRole.FontRole and index.column() == len(self.sites):
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if not horizontal:
            return week_short(*self.periods[section])
        if section == len(self.sites):
            return tr("Total")
        name = self.sites[section][1]
        return two_lines(short_site_name(name)) if role == Qt.ItemDataRole.DisplayRole else name


class DashboardTab(QWidget):
    """« Tableau de bord »: the table at once, the charts on first show."""

    withdrawRequested = Signal(str, int, int)  # site code, ISO year, ISO week

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: list[WeekSummary] = []
        self.model = SiteWeekModel(self)
        self.empty = QLabel(
            tr(
                "Aucun fichier importé pour l'instant. Importez les fichiers hebdomadaires "
                "des cabanes dans l'onglet « Importer » : le tableau et les graphiques "
                "apparaîtront ici."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(13, 7, 13, 7)  # in line with the other tabs' text
        title = QLabel(tr("Passages par semaine et par cabane"))
        title.setObjectName("panelTitle")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Passages par semaine et par cabane"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        # Whole site names in the headers; the total column takes the room left.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.selectionModel().currentChanged.connect(self._show_detail)
        corner = self.table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:  # the top-left button selects the whole table
            corner.setAccessibleName(tr("Sélectionner tout le tableau"))
        # What the tooltip says, also for the keyboard: the current cell's detail.
        self.detail = QLabel(tr("Choisissez une case pour voir son détail."))
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(44)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(title)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.detail)
        self.withdraw_button = QPushButton(tr("Retirer cette semaine de cette cabane…"))
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.clicked.connect(self._withdraw)
        left_layout.addWidget(self.withdraw_button)
        self.charts_area = QWidget()
        self.charts_layout = QVBoxLayout(self.charts_area)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.charts_area)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter)
        self._line_view: Any = None
        self._bar_view: Any = None
        self.set_weeks([])

    # ----- data

    def set_weeks(self, weeks: Sequence[WeekSummary]) -> None:
        self.weeks = list(weeks)
        self.model.set_weeks(self.weeks)
        self.empty.setVisible(not self.weeks)
        self.splitter.setVisible(bool(self.weeks))
        if self._line_view is not None:
            self._fill_charts()

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.detail.setText(str(self.model.data(current, Qt.ItemDataRole.ToolTipRole)))
        self.withdraw_button.setEnabled(self._chosen_week() is not None)

    def _chosen_week(self) -> tuple[str, int, int] | None:
        """The site and week of the current cell, if a file was imported for it."""
        index = self.table.currentIndex()
        if not index.isValid() or index.column() >= len(self.model.sites):
            return None
        if self.model.data(index) == "—":
            return None
        year, week = self.model.periods[index.row()]
        return self.model.sites[index.column()][0], year, week

    def _withdraw(self) -> None:
        chosen = self._chosen_week()
        if chosen is not None:
            self.withdrawRequested.emit(*chosen)

    # ----- charts, built on first show

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._line_view is None:
            self._build_charts()

    def charts_built(self) -> bool:
        return self._line_view is not None

    def line_chart(self) -> Any:
        return self._line_view.chart() if self._line_view is not None else None

    def bar_chart(self) -> Any:
        return self._bar_view.chart() if self._bar_view is not None else None

    def _build_charts(self) -> None:
        from PySide6.QtCharts import QChart, QChartView

        for name in ("_line_view", "_bar_view"):
            view = QChartView(QChart())
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            view.chart().legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            setattr(self, name, view)
            self.charts_layout.addWidget(view, 1)
        # The table needs a little less room than the charts.
        width = max(self.splitter.width(), 1000)
        self.splitter.setSizes([width * 9 // 20, width - width * 9 // 20])
        self._line_view.setAccessibleName(tr("Graphique : passages par semaine et par cabane"))
        self._bar_view.setAccessibleName(tr("Graphique : la dernière semaine, par cabane"))
        self._fill_charts()

    def _fill_charts(self) -> None:
        self._fill_line_chart(self._line_view.chart())
        self._fill_bar_chart(self._bar_view.chart())

    def _fill_line_chart(self, chart: Any) -> None:
        from PySide6.QtCharts import QCategoryAxis, QLineSeries, QValueAxis

        clear_chart(chart)
        periods = sorted({(w.iso_year, w.iso_week) for w in self.weeks})[-LINE_WEEKS:]
        years = sorted({year for year, _week in periods})
        chart.setTitle(
            tr("Passages par semaine")
            if len(periods) < LINE_WEEKS
            else tr("Passages par semaine ({n} dernières semaines)").format(n=LINE_WEEKS)
        )
        position = {period: i for i, period in enumerate(periods)}
        highest = 0
        for code, name in self.model.sites:
            series = QLineSeries()
            series.setName(short_site_name(name))
            series.setPointsVisible(True)
            for week in self.weeks:
                at = position.get((week.iso_year, week.iso_week))
                if week.site_code == code and at is not None:
                    series.append(at, week.figure("visits"))
                    highest = max(highest, week.figure("visits"))
            chart.addSeries(series)
        axis_x = QCategoryAxis()
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        step = -(-len(periods) // 13)  # at most 13 labels, the latest week always labelled
        for i, (year, number) in enumerate(periods):
            if (len(periods) - 1 - i) % step == 0:
                label = f"S{number:02d}" if len(years) == 1 else f"S{number:02d}<br>{year}"
                axis_x.append(label, i)
        axis_x.setRange(-0.3, max(len(periods) - 1, 0) + 0.3)
        axis_x.setTitleText(
            tr("Semaine ({year})").format(year=years[0]) if len(years) == 1 else tr("Semaine")
        )
        self.attach_axes(chart, axis_x, count_axis(QValueAxis, highest, tr("Passages")))

    def _fill_bar_chart(self, chart: Any) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis

        clear_chart(chart)
        if not self.weeks:
            return
        year, week = max((w.iso_year, w.iso_week) for w in self.weeks)
        chart.setTitle(capitalised(tr("{week}, par cabane").format(week=week_text(year, week))))
        latest = {w.site_code: w for w in self.weeks if (w.iso_year, w.iso_week) == (year, week)}
        sites = [(code, name) for code, name in self.model.sites if code in latest]
        series = QBarSeries()
        highest = 0
        measures = (
            ("visits", tr("Passages")),
            ("first_visits", tr("Premières venues")),
            ("not_known_to_pmi", tr("Pas connues de la PMI")),
        )
        for (key, label), bar_colour in zip(measures, BAR_COLOURS, strict=True):
            bar_set = QBarSet(label)
            bar_set.setColor(QColor(bar_colour))
            for code, _name in sites:
                bar_set.append(latest[code].figure(key))
                highest = max(highest, latest[code].figure(key))
            series.append(bar_set)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([two_lines(html.escape(short_site_name(n)), "<br>") for _c, n in sites])
        axis_x.setTitleText(tr("Cabane"))
        self.attach_axes(chart, axis_x, count_axis(QValueAxis, highest, tr("Nombre de passages")))

    @staticmethod
    def attach_axes(chart: Any, axis_x: Any, axis_y: Any) -> None:
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
