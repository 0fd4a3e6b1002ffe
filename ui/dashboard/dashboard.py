"""The cabane's dashboard: figures of a period, breakdowns, and three charts.

Figures are computed off the UI thread (``BackgroundOp``); ``refresh()`` is called
after each check-in and keeps at most one computation in flight. QtCharts is imported
when the window is built, never at start-up (DESIGN.md §9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.figures.calendar import (
    IsoWeek,
    day_range_bounds,
    this_month_bounds,
    this_week_bounds,
    today_bounds,
)
from models.figures.dashboard import PeriodFigures
from ui.dashboard.dashboard_texts import FRENCH, breakdown_lines_html, figure_captions, period_text
from ui.widgets.background import BackgroundOp
from ui.widgets.charts import attach_axes, clear_chart, count_axis
from ui.widgets.forms import restyle
from ui.widgets.palette import COLOURS, colour, themed
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import tr

PERIODS = ("today", "week", "month", "chosen")
FIGURES = (
    "visits",
    "adults",
    "children",
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "orientations",
    "referrals",
    "outreach_contacts",
    "sessions",
)
BAR_COLOUR = COLOURS["accent"]
HEAT_COLOUR = colour("accent")
WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)
OPENING_HOURS = range(9, 18)  # always shown in the heat map, even with no visit yet

STYLE = themed(
    """
QLabel#figureCaption { color: #333; }
QLabel#breakdown { padding: 2px 0 8px 0; }
QTableWidget#heatMap { gridline-color: @grid; }
"""
)


@dataclass
class DashboardServices:
    """What the window needs, built by the composition root (desktop/app.py)."""

    figures: Callable[[datetime, datetime], PeriodFigures]
    visits_per_week: Callable[[], list[tuple[IsoWeek, int]]]
    now: Callable[[], datetime]


class DashboardWindow(QDialog):
    """« Tableau de bord de la cabane », non-modal."""

    figuresShown = Signal()

    def __init__(self, services: DashboardServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._running = False
        self._again = False
        self._period = "today"
        self.computations = 0  # how many results were shown (tests wait on it)
        self.figures: PeriodFigures | None = None
        self.weeks: list[tuple[IsoWeek, int]] = []
        self.setModal(False)
        self.setObjectName("dashboard")
        self.setWindowTitle(tr("Tableau de bord de la cabane"))
        self.setStyleSheet(STYLE)
        fit_on_screen(self, 1200, 740)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(10)
        layout.addLayout(self._build_period_row())
        self.period_label = QLabel()
        self.period_label.setObjectName("sectionTitle")
        self.status = QLabel()
        heading = QHBoxLayout()
        heading.addWidget(self.period_label)
        heading.addStretch(1)
        heading.addWidget(self.status)
        layout.addLayout(heading)
        layout.addWidget(self._build_figures())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_breakdowns())
        splitter.addWidget(self._build_charts())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 830])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self._set_dates(*today_bounds(services.now()))
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _build_period_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(tr("Tableau de bord de la cabane"))
        title.setObjectName("panelTitle")
        row.addWidget(title)
        row.addSpacing(16)
        self.period_group = QButtonGroup(self)
        self.period_buttons: dict[str, QPushButton] = {}
        names = {
            "today": tr("Aujourd'hui"),
            "week": tr("Cette semaine"),
            "month": tr("Ce mois"),
            "chosen": tr("Période…"),
        }
        for code in PERIODS:
            button = QPushButton(names[code])
            button.setObjectName("choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, c=code: self.choose_period(c))
            self.period_group.addButton(button)
            self.period_buttons[code] = button
            row.addWidget(button)
        self.period_buttons["today"].setChecked(True)
        row.addSpacing(12)
        self.start_edit = self._date_edit(tr("Premier jour de la période"))
        self.end_edit = self._date_edit(tr("Dernier jour de la période"))
        row.addWidget(QLabel(tr("du")))
        row.addWidget(self.start_edit)
        row.addWidget(QLabel(tr("au")))
        row.addWidget(self.end_edit)
        row.addStretch(1)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.close)
        row.addWidget(close)
        return row

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setLocale(FRENCH)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.setMinimumWidth(130)
        edit.dateChanged.connect(self._date_typed)
        return edit

    def _build_figures(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.figure_labels: dict[str, QLabel] = {}
        self.figure_captions: dict[str, QLabel] = {}
        for i, (code, (caption, detail)) in enumerate(figure_captions().items()):
            tile = QFrame()
            tile.setObjectName("counter")
            tile.setToolTip(detail)
            inside = QVBoxLayout(tile)
            inside.setContentsMargins(10, 4, 10, 6)
            inside.setSpacing(0)
            value = QLabel("…")
            value.setObjectName("dayCount")
            words = QLabel(caption)
            words.setObjectName("figureCaption")
            words.setWordWrap(True)
            inside.addWidget(value)
            inside.addWidget(words)
            inside.addStretch(1)
            self.figure_labels[code] = value
            self.figure_captions[code] = words
            grid.addWidget(tile, i // 5, i % 5)
        for column in range(5):
            grid.setColumnStretch(column, 1)
        return box

    def _build_breakdowns(self) -> QWidget:
        inside = QWidget()
        column = QVBoxLayout(inside)
        column.setContentsMargins(4, 0, 8, 0)
        self.breakdowns: dict[str, QLabel] = {}
        titles = {
            "children_by_age": tr("Enfants, par âge"),
            "orientations_by_service": tr("Orientations PMI, par service"),
            "referrals_by_partner_type": tr("Orientations partenaires, par type"),
        }
        for key, title in titles.items():
            heading = QLabel(title)
            heading.setObjectName("sectionTitle")
            body = QLabel()
            body.setObjectName("breakdown")
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setWordWrap(True)
            column.addWidget(heading)
            column.addWidget(body)
            self.breakdowns[key] = body
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inside)
        scroll.setMinimumWidth(280)
        return scroll

    def _build_charts(self) -> QTabWidget:
        from PySide6.QtCharts import QChart, QChartView  # only when the dashboard opens

        self.tabs = QTabWidget()
        self.week_view = QChartView(QChart())
        self.age_view = QChartView(QChart())
        for view in (self.week_view, self.age_view):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.chart().legend().setVisible(False)
        self.week_view.setAccessibleName(tr("Graphique : passages par semaine"))
        self.age_view.setAccessibleName(tr("Graphique : enfants par tranche d'âge"))
        self.heat_map = QTableWidget(len(WEEKDAYS), 0)
        self.heat_map.setObjectName("heatMap")
        self.heat_map.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat_map.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.heat_map.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.heat_map.setVerticalHeaderLabels(
            [FRENCH.dayName(day).capitalize() for day in WEEKDAYS]
        )
        self.heat_map.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heat_map.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heat_map.setAccessibleName(tr("Affluence par jour et par heure"))
        hours = QWidget()
        hours_layout = QVBoxLayout(hours)
        hours_layout.setContentsMargins(6, 6, 6, 6)
        hint = QLabel(
            tr(
                "Passages de la période par jour et par heure d'arrivée "
                "(plus foncé : plus de monde)."
            )
        )
        hint.setWordWrap(True)
        hours_layout.addWidget(hint)
        hours_layout.addWidget(self.heat_map, 1)
        self.tabs.addTab(self.week_view, tr("Passages par semaine"))
        self.tabs.addTab(hours, tr("Heures d'affluence"))
        self.tabs.addTab(self.age_view, tr("Âges des enfants"))
        return self.tabs

    # --- periods ----------------------------------------------------------------------------

    def _set_dates(self, start: datetime, end: datetime) -> None:
        last = date.fromordinal(end.date().toordinal() - 1)
        for edit, day in ((self.start_edit, start.date()), (self.end_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _date_typed(self) -> None:
        self.choose_period("chosen")

    def choose_period(self, code: str) -> None:
        """Show ``today``, ``week``, ``month`` or the ``chosen`` days of the date fields."""
        self._period = code
        self.period_buttons[code].setChecked(True)
        if code != "chosen":
            self._set_dates(*self.bounds())
        self.refresh()

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) of the period shown, Paris time."""
        now = self._services.now()
        if self._period == "today":
            return today_bounds(now)
        if self._period == "week":
            return this_week_bounds(now)
        if self._period == "month":
            return this_month_bounds(now)
        first, last = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return day_range_bounds(min(first, last), max(first, last))

    # --- computing off the UI thread ----------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._running

    def refresh(self) -> None:
        """Recompute the figures; if a computation is running, once more after it."""
        if self._running:
            self._again = True
            return
        self._running = True
        self.status.setText(tr("Calcul en cours…"))
        start, end = self.bounds()
        services = self._services

        def work() -> tuple[PeriodFigures, list[tuple[IsoWeek, int]]]:
            return services.figures(start, end), services.visits_per_week()

        BackgroundOp(self, work).success(self._computed).failure(self._failed).run()

    def _computed(self, result: tuple[PeriodFigures, list[tuple[IsoWeek, int]]]) -> None:
        self._running = False
        if self._again:  # what was asked meanwhile is newer: compute it before showing
            self._again = False
            self.refresh()
            return
        self.figures, self.weeks = result
        self._show_figures(self.figures)
        self._fill_week_chart(self.weeks)
        self._fill_heat_map(self.figures)
        self._fill_age_chart(self.figures)
        self.status.setText(
            tr("Mis à jour à {time}").format(time=self._services.now().strftime("%H:%M"))
        )
        restyle(self.status, "")
        self.computations += 1
        self.figuresShown.emit()

    def _failed(self, _error: Exception) -> None:
        self._running = False
        self._again = False
        restyle(self.status, "fieldError")
        self.status.setText(
            tr("Les chiffres n'ont pas pu être calculés. Rouvrez le tableau de bord.")
        )

    # --- showing ---------------------------------------------------------------------------

    def _show_figures(self, figures: PeriodFigures) -> None:
        self.period_label.setText(period_text(figures.start, figures.end).capitalize())
        for code in FIGURES:
            self.figure_labels[code].setText(str(getattr(figures, code)))
        people = figures.session_participants
        self.figure_captions["sessions"].setText(
            tr("séances réalisées ({a} adultes, {c} enfants)").format(
                a=people["adults"], c=people["children"]
            )
        )
        outings = figures.outreach["outings"]
        self.figure_captions["outreach_contacts"].setText(
            tr("contacts d'aller-vers ({n} sorties)").format(n=outings)
            if outings > 1
            else tr("contacts d'aller-vers ({n} sortie)").format(n=outings)
        )
        sections = {
            "children_by_age": (catalogues.age_bands(), figures.children_by_age),
            "orientations_by_service": (
                catalogues.pmi_services(),
                figures.orientations_by_service,
            ),
            "referrals_by_partner_type": (
                catalogues.partner_types(),
                figures.referrals_by_partner_type,
            ),
        }
        for key, (entries, counts) in sections.items():
            every_line = key == "children_by_age"
            self.breakdowns[key].setText(breakdown_lines_html(entries, counts, every_line))

    def _fill_week_chart(self, weeks: list[tuple[IsoWeek, int]]) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis

        chart = self.week_view.chart()
        clear_chart(chart)
        chart.setTitle(tr("Passages par semaine, {n} dernières semaines").format(n=len(weeks)))
        bars = QBarSet(tr("Passages"))
        bars.setColor(QColor(BAR_COLOUR))
        bars.append([float(n) for _week, n in weeks])
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([f"S{week:02d}" for (_year, week), _n in weeks])
        years = sorted({year for (year, _week), _n in weeks})
        axis_x.setTitleText(
            tr("Semaine ({years})").format(years=" – ".join(str(y) for y in years))
            if years
            else tr("Semaine")
        )
        font = axis_x.labelsFont()
        font.setPointSizeF(7.5)
        axis_x.setLabelsFont(font)
        highest = max((n for _week, n in weeks), default=0)
        attach_axes(chart, axis_x, count_axis(QValueAxis, highest, tr("Passages")))

    def _fill_age_chart(self, figures: PeriodFigures) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis

        chart = self.age_view.chart()
        clear_chart(chart)
        chart.setTitle(tr("Enfants venus pendant la période, par âge"))
        bands = catalogues.age_bands()
        bars = QBarSet(tr("Enfants"))
        bars.setColor(colour("green"))
        bars.append([float(figures.children_by_age.get(e.code, 0)) for e in bands])
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([e.short_label for e in bands])
        axis_x.setTitleText(tr("Âge"))
        highest = max(figures.children_by_age.values(), default=0)
        attach_axes(chart, axis_x, count_axis(QValueAxis, highest, tr("Enfants")))

    def _fill_heat_map(self, figures: PeriodFigures) -> None:
        slots = figures.visits_by_weekday_hour
        seen = [hour for _day, hour in slots]
        first = min([*seen, OPENING_HOURS.start])
        last = max([*seen, OPENING_HOURS.stop - 1])
        hours = list(range(first, last + 1))
        table = self.heat_map
        table.clearContents()
        table.setColumnCount(len(hours))
        table.setHorizontalHeaderLabels([tr("{h} h").format(h=hour) for hour in hours])
        highest = max(slots.values(), default=0)
        for row, day in enumerate(WEEKDAYS):
            for column, hour in enumerate(hours):
                count = slots.get((day, hour), 0)
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                share = count / highest if highest else 0.0
                colour = QColor(HEAT_COLOUR)
                colour.setAlphaF(0.08 + 0.92 * share if count else 0.0)
                item.setBackground(colour)
                if share > 0.55:
                    item.setForeground(QColor("white"))
                item.setToolTip(
                    tr("{day}, {h} h : {n} passages").format(
                        day=FRENCH.dayName(day).capitalize(), h=hour, n=count
                    )
                )
                table.setItem(row, column, item)

    # --- for tests and screenshots --------------------------------------------------------

    def week_chart(self) -> Any:
        return self.week_view.chart()

    def age_chart(self) -> Any:
        return self.age_view.chart()
