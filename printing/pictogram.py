"""The questionnaires' pictograms and smiley faces as line art on a reportlab canvas.

A pictogram is a list of strokes in a 24×24 box, y down (``models.surveys.definition.
pictograms()``); it is drawn in a square of ``size`` points whose bottom-left corner is
(x, y), in reportlab's y-up coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from models.surveys.definition import pictograms, smiley_strokes
from printing.palette import INK

BOX = 24.0  # the pictograms' own unit box
STROKE = 1.6  # line width in box units: reads at 7 mm and survives a photocopier


def draw_pictogram(
    canvas: Canvas, name: str, x: float, y: float, size: float, colour: Color = INK
) -> bool:
    """Draw the shipped pictogram ``name``; False (nothing drawn) for an unknown name."""
    strokes = pictograms().get(name)
    if strokes is None:
        return False
    draw_strokes(canvas, strokes, x, y, size, colour)
    return True


def draw_strokes(
    canvas: Canvas,
    strokes: Sequence[Sequence[Any]],
    x: float,
    y: float,
    size: float,
    colour: Color = INK,
) -> None:
    """Draw strokes of the 24×24 box (y down) in the square (x, y, size), y up."""
    k = size / BOX

    def at(px: float, py: float) -> tuple[float, float]:
        return x + px * k, y + size - py * k

    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colour)
    canvas.setLineWidth(STROKE * k)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for stroke in strokes:
        kind, values = stroke[0], [float(v) for v in stroke[1:]]
        if kind == "line":
            (x1, y1), (x2, y2) = at(values[0], values[1]), at(values[2], values[3])
            canvas.line(x1, y1, x2, y2)
        elif kind in ("circle", "dot"):
            cx, cy = at(values[0], values[1])
            filled = kind == "dot"
            canvas.circle(cx, cy, values[2] * k, stroke=0 if filled else 1, fill=int(filled))
        elif kind == "rect":
            left, top = at(values[0], values[1])
            width, height = values[2] * k, values[3] * k
            canvas.rect(left, top - height, width, height, stroke=1, fill=0)
        elif kind == "poly":
            closed, points = bool(values[0]), values[1:]
            path = canvas.beginPath()
            path.moveTo(*at(points[0], points[1]))
            for i in range(2, len(points) - 1, 2):
                path.lineTo(*at(points[i], points[i + 1]))
            if closed:
                path.close()
            canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def draw_smiley(
    canvas: Canvas, level: int, x: float, y: float, size: float, colour: Color = INK
) -> None:
    """A face of ``level`` 1 (sad) to 5 (happy) in the square (x, y, size)."""
    draw_strokes(canvas, smiley_strokes(level), x, y, size, colour)
