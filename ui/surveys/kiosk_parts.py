"""The kiosk's pieces: its style, the fonts of the poster languages, each language in its
own name, and the big targets drawn by hand (a choice with its pictogram, a face)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from models.store.limits import NOTE_MAX
from resources import resource_path
from ui.widgets.palette import colour, themed
from ui.widgets.pictogram import draw_pictogram, draw_smiley

# each language in its own name: what a respondent looks for on the first page
ENDONYMS = {
    "fr": "Français",
    "en": "English",
    "ar": "العربية",
    "ta": "தமிழ்",
    "bn": "বাংলা",
    "tr": "Türkçe",
    "ro": "Română",
    "pt": "Português",
    "zh": "中文",
}
RIGHT_TO_LEFT = ("ar", "ur")
TEXT_MAX = min(280, NOTE_MAX)
CHOICE_MIN_HEIGHT = 80
FONTS = (
    "NotoSansArabic-Regular.ttf",
    "NotoSansTamil-Regular.ttf",
    "NotoSansBengali-Regular.ttf",
    "DroidSansFallbackFull.ttf",
)

KIOSK_STYLE = themed(
    """
QWidget#surveyKiosk { background: @surface_blue; }
QWidget { font-size: 15pt; }
QLabel#kioskTitle { font-size: 28pt; font-weight: bold; color: @accent_dark; }
QLabel#kioskInvite { font-size: 16pt; color: @accent_dark; }
QLabel#kioskProgress { font-size: 13pt; color: @muted_text; }
QLabel#kioskNote { font-size: 12pt; color: @muted_text; }
QLabel#kioskQuestion { font-size: 24pt; font-weight: bold; color: @accent_dark; }
QLabel#kioskHint { font-size: 14pt; color: @greyed_text; }
QLabel#kioskWarning { font-size: 14pt; font-weight: bold; color: @warning_text;
    background: @warning_light; border: 1px solid @warning_border; border-radius: 8px;
    padding: 8px 12px; }
QLabel#kioskNumber { font-size: 54pt; font-weight: bold; color: @accent_dark; }
QLabel#kioskThanks { font-size: 26pt; font-weight: bold; color: @accent_dark; }
QLabel#kioskProblem, QLabel#kioskExitError { font-size: 16pt; font-weight: bold;
    color: @error; }
QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }
QPushButton { border: 2px solid @border_strong; border-radius: 12px; background: @white;
    min-height: 64px; padding: 6px 24px; color: @accent_dark; }
QPushButton:pressed { background: @accent_light; }
QPushButton:focus { border: 3px solid @focus; }
QPushButton:disabled { color: @disabled_text; border-color: @disabled_border;
    background: @disabled_background; }
QPushButton[kiosk="language"] { font-size: 22pt; min-height: 88px; }
QPushButton[kiosk="primary"] { background: @accent; color: white; font-weight: bold;
    border-color: @accent; }
QPushButton[kiosk="primary"]:focus { border-color: @focus; }
QPushButton[kiosk="step"] { font-size: 34pt; font-weight: bold; min-width: 110px;
    min-height: 110px; padding: 0; border-radius: 55px; }
QPushButton[kiosk="key"] { font-size: 22pt; min-width: 96px; min-height: 72px; padding: 0; }
QPushButton[kiosk="staff"] { font-size: 11pt; min-height: 40px; padding: 2px 16px;
    color: @muted_text; border: 1px solid @border; background: transparent; }
QPlainTextEdit, QLineEdit { font-size: 18pt; background: @white;
    border: 2px solid @border_strong; border-radius: 10px; padding: 8px; }
QPlainTextEdit:focus, QLineEdit:focus { border: 3px solid @focus; }
"""
)


@cache
def register_fonts() -> None:
    """The shipped fonts of the poster languages, for a machine without them."""
    for name in FONTS:
        path = resource_path("fonts", name)
        if path.exists():
            QFontDatabase.addApplicationFont(str(path))


def big_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def kiosk_button(text: str, name: str, kind: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    if kind:
        button.setProperty("kiosk", kind)
    return button


class BigButton(QAbstractButton):
    """A large checkable target drawn by hand (wrapped text, a pictogram or a face)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setAccessibleName(text)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def _frame(self, painter: QPainter) -> None:
        checked, focused = self.isChecked(), self.hasFocus()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background = colour("accent") if checked else colour("white")
        if self.isDown() and not checked:
            background = colour("accent_light")
        border = colour("focus") if focused else colour("accent" if checked else "border_strong")
        width = 4 if focused else 2
        painter.setPen(QPen(border, width))
        painter.setBrush(background)
        half = width / 2 + 1
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 14, 14)

    def _ink(self) -> str:
        return "white" if self.isChecked() else "accent_dark"


class ChoiceButton(BigButton):
    """One choice: its pictogram at the start, its text wrapped, a box to tick if several
    answers may be given."""

    PAD = 14

    def __init__(self, text: str, pictogram: str = "", box: bool = False) -> None:
        super().__init__(text)
        self.pictogram = pictogram
        self.box = box
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _text_width(self, width: int) -> int:
        side = CHOICE_MIN_HEIGHT - 2 * self.PAD
        used = 2 * self.PAD + (side + self.PAD if self.pictogram else 0)
        used += 30 + self.PAD if self.box else 0
        return max(60, width - used)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        bound = self.fontMetrics().boundingRect(
            QRect(0, 0, self._text_width(width), 10_000), Qt.TextFlag.TextWordWrap, self.text()
        )
        return max(CHOICE_MIN_HEIGHT, bound.height() + 2 * self.PAD)

    def sizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(320))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, CHOICE_MIN_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._frame(painter)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        inner = QRectF(self.rect()).adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        side = float(CHOICE_MIN_HEIGHT - 2 * self.PAD)
        ink = colour(self._ink())
        if self.pictogram:
            x = inner.right() - side if rtl else inner.left()
            square = QRectF(x, inner.center().y() - side / 2, side, side)
            draw_pictogram(painter, self.pictogram, square, ink)
            inner = (
                inner.adjusted(0, 0, -side - self.PAD, 0)
                if rtl
                else inner.adjusted(side + self.PAD, 0, 0, 0)
            )
        if self.box:
            box = 30.0
            x = inner.left() if rtl else inner.right() - box
            square = QRectF(x, inner.center().y() - box / 2, box, box)
            painter.setPen(QPen(ink, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(square, 5, 5)
            if self.isChecked():
                painter.drawPolyline(
                    [
                        square.topLeft() + _at(0.22, 0.52, box),
                        square.topLeft() + _at(0.42, 0.74, box),
                        square.topLeft() + _at(0.80, 0.28, box),
                    ]
                )
            inner = (
                inner.adjusted(box + self.PAD, 0, 0, 0)
                if rtl
                else inner.adjusted(0, 0, -box - self.PAD, 0)
            )
        painter.setPen(colour("white") if self.isChecked() else colour("black"))
        start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        painter.drawText(
            inner,
            int(start | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
            self.text(),
        )
        painter.end()


def _at(x: float, y: float, side: float) -> QPointF:
    return QPointF(x * side, y * side)


class SmileyButton(BigButton):
    """One of the five faces, its words under it."""

    FACE = 72

    def __init__(self, level: int, text: str) -> None:
        super().__init__(text)
        self.level = level
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(170, self.FACE + 84)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.FACE + 84)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._frame(painter)
        area = QRectF(self.rect()).adjusted(10, 14, -10, -10)
        face = QRectF(area.center().x() - self.FACE / 2, area.top(), self.FACE, self.FACE)
        draw_smiley(painter, self.level, face, colour(self._ink()))
        painter.setPen(colour("white") if self.isChecked() else colour("black"))
        words = area.adjusted(0, self.FACE + 8, 0, 0)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        painter.drawText(words, int(flags | Qt.TextFlag.TextWordWrap), self.text())
        painter.end()
