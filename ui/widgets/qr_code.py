"""A QR code drawn with QPainter from the qrcode package's module matrix (no image library)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets.palette import colour

DARK = colour("black")
LIGHT = colour("white")


def qr_matrix(text: str, border: int = 2) -> list[list[bool]]:
    """The modules of the QR code of ``text``, quiet zone included (True is dark)."""
    import qrcode  # only where a code is shown: kept out of the desk's start-up

    code = qrcode.QRCode(border=border)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


class QrCodeWidget(QWidget):
    """Shows ``text`` as a square QR code, as large as the widget allows, crisp at any size."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._matrix: list[list[bool]] = []
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def matrix(self) -> list[list[bool]]:
        return [list(row) for row in self._matrix]

    def set_text(self, text: str) -> None:
        self._text = text
        self._matrix = qr_matrix(text) if text else []
        self.setVisible(bool(text))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 220)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paint(self, painter: QPainter, width: int, height: int) -> None:
        """Whole modules only (no blurred edges): scanners read it from a screen or paper."""
        side = min(width, height)
        painter.fillRect(0, 0, width, height, LIGHT)
        count = len(self._matrix)
        if not count:
            return
        module = max(1, side // count)
        left = (width - module * count) // 2
        top = (height - module * count) // 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(DARK)
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(left + x * module, top + y * module, module, module))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint(painter, self.width(), self.height())
        painter.end()

    def to_image(self, side: int = 300) -> QImage:
        """The code alone, ``side`` pixels square (for a check, a print or a copy)."""
        image = QImage(side, side, QImage.Format.Format_RGB32)
        image.fill(LIGHT)
        painter = QPainter(image)
        self.paint(painter, side, side)
        painter.end()
        return image
