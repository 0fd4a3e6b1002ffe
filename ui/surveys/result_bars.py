"""One question's results drawn as horizontal bars: the choice, a bar as long as its share
of the answer sheets that answered, the count and the share in words."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.surveys.results import QuestionResult
from ui.widgets.palette import colour
from ui.widgets.texts import tr

ROW = 30
LABEL_WIDTH = 260
FIGURE_WIDTH = 150


def share_text(count: int, answered: int) -> str:
    """« 12 (40 %) »: the count, then its share of those who answered."""
    if not answered:
        return str(count)
    return tr("{count} ({share} %)").format(count=count, share=round(100 * count / answered))


class ResultBars(QWidget):
    def __init__(self, result: QuestionResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        lines = [
            f"{choice.label} : {share_text(choice.count, result.answered)}"
            for choice in result.choices
        ]
        self.setAccessibleName(result.text)
        self.setAccessibleDescription(" ; ".join(lines))
        self.setToolTip("\n".join(lines))

    def sizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + FIGURE_WIDTH + 200, max(1, len(self.result.choices)) * ROW + 4)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        answered = self.result.answered
        highest = max((choice.count for choice in self.result.choices), default=0)
        width = self.width()
        label_width = min(LABEL_WIDTH, width // 3)
        bar_room = max(40, width - label_width - FIGURE_WIDTH - 16)
        metrics = painter.fontMetrics()
        for row, choice in enumerate(self.result.choices):
            top = row * ROW + 2
            label_rect = QRectF(0, top, label_width - 8, ROW - 4)
            painter.setPen(colour("black"))
            text = metrics.elidedText(choice.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text
            )
            painter.fillRect(
                QRectF(label_width, top + 4, bar_room, ROW - 12), colour("surface_blue")
            )
            if choice.count:
                length = bar_room * choice.count / max(highest, 1)
                best = choice.count == highest
                painter.fillRect(
                    QRectF(label_width, top + 4, max(length, 3), ROW - 12),
                    colour("accent" if best else "map_2"),
                )
            painter.setPen(colour("black"))
            painter.drawText(
                QRectF(label_width + bar_room + 8, top, FIGURE_WIDTH, ROW - 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                share_text(choice.count, answered),
            )
        painter.end()
