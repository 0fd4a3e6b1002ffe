"""The questionnaires' pictograms and smiley faces, drawn as line art with QPainter.

A pictogram is a list of strokes in a 24×24 box (``models.surveys.definition.pictograms``),
the same the paper version draws with reportlab; here it is scaled into any rectangle.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication

from models.surveys.definition import pictograms, smiley_strokes
from ui.widgets.palette import colour

BOX = 24.0
LINE_WIDTH = 1.8  # in the 24×24 box


def _pen(ink: QColor, scale: float) -> QPen:
    pen = QPen(ink, LINE_WIDTH * scale)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _square(rect: QRectF) -> tuple[float, float, float]:
    """The largest centred square of ``rect``: its left, top and the scale of one unit."""
    side = min(rect.width(), rect.height())
    left = rect.left() + (rect.width() - side) / 2
    top = rect.top() + (rect.height() - side) / 2
    return left, top, side / BOX


def _stroke(painter: QPainter, stroke: tuple[Any, ...], at: QPointF, scale: float) -> None:
    kind, values = stroke[0], [float(v) for v in stroke[1:]]

    def point(x: float, y: float) -> QPointF:
        return QPointF(at.x() + x * scale, at.y() + y * scale)

    if kind == "line":
        painter.drawLine(point(values[0], values[1]), point(values[2], values[3]))
    elif kind in ("circle", "dot"):
        centre, radius = point(values[0], values[1]), values[2] * scale
        if kind == "dot":
            painter.save()
            painter.setBrush(painter.pen().color())
            painter.drawEllipse(centre, radius, radius)
            painter.restore()
        else:
            painter.drawEllipse(centre, radius, radius)
    elif kind == "rect":
        corner = point(values[0], values[1])
        painter.drawRoundedRect(
            QRectF(corner.x(), corner.y(), values[2] * scale, values[3] * scale),
            scale,
            scale,
        )
    elif kind == "poly":
        closed, coords = bool(values[0]), values[1:]
        polygon = QPolygonF([point(coords[i], coords[i + 1]) for i in range(0, len(coords) - 1, 2)])
        if closed:
            painter.drawPolygon(polygon)
        else:
            painter.drawPolyline(polygon)


def draw_strokes(
    painter: QPainter, strokes: tuple[tuple[Any, ...], ...], rect: QRectF, ink: QColor | None = None
) -> None:
    """Draw strokes of the 24×24 box into ``rect`` (kept square, centred)."""
    left, top, scale = _square(rect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(_pen(ink or colour("accent_dark"), scale))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        _stroke(painter, stroke, QPointF(left, top), scale)
    painter.restore()


def draw_pictogram(painter: QPainter, name: str, rect: QRectF, ink: QColor | None = None) -> None:
    """Draw the pictogram ``name`` into ``rect``; an unknown name draws nothing."""
    draw_strokes(painter, pictograms().get(name, ()), rect, ink)


def draw_smiley(painter: QPainter, level: int, rect: QRectF, ink: QColor | None = None) -> None:
    """A face in ``rect``: level 1 (sad mouth) to 5 (broad smile), 3 a straight mouth."""
    draw_strokes(painter, smiley_strokes(level), rect, ink)


def _pixmap(size: int, draw: Any) -> QPixmap:
    """A transparent pixmap of ``size`` logical pixels, sharp on a scaled screen."""
    app = QApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    draw(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def pictogram_pixmap(name: str, size: int, ink: QColor | None = None) -> QPixmap:
    return _pixmap(size, lambda painter, rect: draw_pictogram(painter, name, rect, ink))


def pictogram_icon(name: str, size: int = 32, ink: QColor | None = None) -> QIcon:
    return QIcon(pictogram_pixmap(name, size, ink))


def smiley_icon(level: int, size: int = 32, ink: QColor | None = None) -> QIcon:
    return QIcon(_pixmap(size, lambda painter, rect: draw_smiley(painter, level, rect, ink)))
