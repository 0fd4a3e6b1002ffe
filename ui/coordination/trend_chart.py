"""« Évolution » in the coordination's « Chiffres »: how visits went over the period, and
on which days and at which hours families come.

Over the period, a line per cabane shown (all of them together beyond ``LINES_MAX``: a
hundred lines read as none), by ISO week up to a quarter, by month beyond; the lines
start and stop where the cabanes' files do (weeks not imported yet are not zeros). Below, the
visits of all the cabanes shown by weekday and by hour of arrival. QtCharts is imported
when the charts are first shown (DESIGN.md §9).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtGui import QColor, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from models.exchange.row_figures import ALL, Figures
from models.figures.calendar import iso_monday
from models.figures.french import MONTHS_SHORT, WEEKDAYS
from ui.widgets.charts import attach_axes, clear_chart, count_axis
from ui.widgets.palette import colour
from ui.widgets.texts import tr

LINES_MAX = 6  # cabanes drawn one by one; beyond, their sum only
WEEKS_UP_TO_DAYS = 100  # a period up to a quarter is drawn week by week, beyond by month


class TrendCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._views: list[Any] = []
        self._data: tuple[dict[str, Figures], list[tuple[str, str]], date, date] | None = None
        self._layout = QVBoxLayout(self)
        self._lower = QHBoxLayout()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._views:
            self._build()

    def charts(self) -> list[Any]:
        """The trend, weekday and hour charts (empty until first shown)."""
        return [view.chart() for view in self._views]

    def set_figures(
        self, shown: dict[str, Figures], columns: list[tuple[str, str]], first: date, last: date
    ) -> None:
        """``columns``: (key, title) of the table's columns, cabanes then maybe ALL."""
        self._data = (shown, columns, first, last)
        if self._views:
            self._fill()

    def _build(self) -> None:
        from PySide6.QtCharts import QChart, QChartView

        names = (
            tr("Graphique : passages sur la période, par cabane"),
            tr("Graphique : passages par jour de la semaine"),
            tr("Graphique : passages par heure d'arrivée"),
        )
        for at, name in enumerate(names):
            view = QChartView(QChart())
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(200 if at == 0 else 170)  # fits a 1280×720 screen
            view.setAccessibleName(name)
            self._views.append(view)
            if at == 0:
                self._layout.addWidget(view, 3)
            else:
                self._lower.addWidget(view, 1)
        self._layout.addLayout(self._lower, 2)
        self._fill()

    def _fill(self) -> None:
        if self._data is None:
            return
        shown, columns, first, last = self._data
        trend, weekdays, hours = self.charts()
        self._fill_trend(trend, shown, columns, first, last)
        together = shown.get(ALL, Figures())
        days = [(WEEKDAYS[n - 1].capitalize()[:3], str(n)) for n in range(1, 8)]
        hour_codes = sorted(together.groups["visits_by_hour"]) or ["09", "12", "17"]
        hour_range = range(int(hour_codes[0]), int(hour_codes[-1]) + 1)
        slots = [(tr("{hour} h").format(hour=h), f"{h:02d}") for h in hour_range]
        self._fill_bars(weekdays, tr("Passages par jour de la semaine"), together, days, "weekday")
        self._fill_bars(hours, tr("Passages par heure d'arrivée"), together, slots, "hour")

    @staticmethod
    def _fill_trend(
        chart: Any,
        shown: dict[str, Figures],
        columns: list[tuple[str, str]],
        first: date,
        last: date,
    ) -> None:
        from PySide6.QtCharts import QCategoryAxis, QLineSeries, QValueAxis

        clear_chart(chart)
        by_week = (last - first).days < WEEKS_UP_TO_DAYS
        buckets = _weeks(first, last) if by_week else _months(first, last)
        group = "visits_by_week" if by_week else "visits_by_month"
        chart.setTitle(tr("Passages par semaine") if by_week else tr("Passages par mois"))
        sites = [(key, title) for key, title in columns if key != ALL]
        lines = sites if len(sites) <= LINES_MAX else [(ALL, tr("Ensemble des cabanes"))]
        highest = 0
        together = shown.get(ALL, Figures()).groups[group]
        held = [at for at, (code, _label) in enumerate(buckets) if together.get(code)]
        drawn = range(held[0], held[-1] + 1) if held else range(0)  # no line where no file
        for key, title in lines:
            series = QLineSeries()
            series.setName(title)
            series.setPointsVisible(True)
            counts = shown.get(key, Figures()).groups[group]
            for at in drawn:
                series.append(at, counts.get(buckets[at][0], 0))
                highest = max(highest, counts.get(buckets[at][0], 0))
            if key == ALL:
                series.setPen(QPen(colour("accent_dark"), 3))
            chart.addSeries(series)
        chart.legend().setVisible(len(lines) > 1)
        axis_x = QCategoryAxis()
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        step = -(-len(buckets) // 13)  # at most 13 labels
        for at, (_code, label) in enumerate(buckets):
            if at % step == 0:
                axis_x.append(label, at)
        axis_x.setRange(-0.3, max(len(buckets) - 1, 0) + 0.3)
        axis_x.setTitleText(tr("Semaine (date du lundi)") if by_week else "")
        attach_axes(chart, axis_x, count_axis(QValueAxis, highest, tr("Passages")))

    @staticmethod
    def _fill_bars(
        chart: Any, title: str, together: Figures, slots: list[tuple[str, str]], kind: str
    ) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis

        clear_chart(chart)
        chart.setTitle(title)
        chart.legend().setVisible(False)
        counts = together.groups[f"visits_by_{kind}"]
        bars = QBarSet(tr("Passages"))
        bars.setColor(QColor(colour("accent")))
        for _label, code in slots:
            bars.append(counts.get(code, 0))
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([label for label, _code in slots])
        highest = max((counts.get(code, 0) for _label, code in slots), default=0)
        attach_axes(chart, axis_x, count_axis(QValueAxis, highest, tr("Passages"), most=4))


def _weeks(first: date, last: date) -> list[tuple[str, str]]:
    """(code as in ``visits_by_week``, label) of each ISO week touching [first, last]."""
    found: list[tuple[str, str]] = []
    iso = first.isocalendar()
    monday = iso_monday(iso.year, iso.week)
    while monday <= last:
        year, week, _ = monday.isocalendar()
        found.append((f"{year}-S{week:02d}", f"{monday.day}/{monday.month:02d}"))
        monday += timedelta(weeks=1)
    return found


def _months(first: date, last: date) -> list[tuple[str, str]]:
    """(code as in ``visits_by_month``, label) of each month touching [first, last]."""
    found: list[tuple[str, str]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        label = MONTHS_SHORT[month - 1]
        if first.year != last.year:
            label = f"{label} {year % 100:02d}"
        found.append((f"{year}-{month:02d}", label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
