"""Chart pieces shared by the dashboard and the coordination (QtCharts objects passed in,
so that importing this module does not load QtCharts)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


def count_axis(kind: Any, highest: int, title: str, most: int = 6) -> Any:
    """From 0, whole-number ticks every 1, 2 or 5 × 10ⁿ: counts never read « 12,5 »;
    at most ``most`` intervals (fewer on a small chart, or Qt elides the labels)."""
    highest = max(highest, 5)
    step = 1
    while -(-highest // step) > most:
        for factor in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10 → 20…
            step = int(step * factor)
            if -(-highest // step) <= most:
                break
    top = -(-highest // step) * step
    axis = kind()
    axis.setRange(0, top)
    axis.setTickCount(top // step + 1)
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    return axis


def clear_chart(chart: Any) -> None:
    """Remove every series and axis, before the chart is drawn again."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def attach_axes(chart: Any, axis_x: Any, axis_y: Any) -> None:
    """Put the axes at the bottom and on the left, and attach every series to them."""
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
