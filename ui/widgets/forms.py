"""Pieces every form shares: a field's error line, a section title, a status sentence,
restyling after a change of object name, the Enter key of a form, and the mouse wheel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QFrame, QLabel, QScrollArea, QWidget

from ui.widgets.keys import ENTER_KEYS
from ui.widgets.palette import themed


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def section(text: str, name: str = "sectionTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    return label


def status_line(label: QLabel, text: str, good: bool = True) -> None:
    """A sentence under a form: green when done, red (fieldError) when refused."""
    label.setObjectName("statusDone" if good else "fieldError")
    label.setStyleSheet(themed("QLabel#statusDone { color: @success; font-weight: bold; }"))
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


class EnterKeys(QObject):
    """Enter does what the field it is pressed in means (add, pick, press a button). It is
    taken before any Enter shortcut around (the check-in form's saves the visit)."""

    def __init__(self, act: Callable[[QWidget], None], parent: QObject) -> None:
        super().__init__(parent)
        self._act = act

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and isinstance(watched, QWidget)
        ):
            event.accept()
            if kind == QEvent.Type.KeyPress:
                self._act(watched)
            return True
        return False


def restyle(label: QLabel, name: str) -> None:
    """Give a label another object name and let the style sheet see it at once."""
    label.setObjectName(name)
    label.style().unpolish(label)
    label.style().polish(label)


class FocusedWheel(QObject):
    """The mouse wheel changes a list or a number only once it has the focus (a click, a
    Tab): over a field passed by while scrolling, the wheel scrolls the page instead
    (turning the page must never turn « Les Lilas » into « Livry-Gargan »)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()  # not for this field: Qt offers it to the parents (the page)
            return True
        return False


def wheel_only_when_focused(root: QWidget) -> FocusedWheel:
    """Apply FocusedWheel to every closed list and number field under ``root``."""
    guard = FocusedWheel(root)
    for field in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no focus from the wheel either
        field.installEventFilter(guard)
    return guard


class FormScroll(QScrollArea):
    """A form that scrolls up and down, never sideways: the window makes room for the
    form's width (its neighbours give way) instead of cutting its right-hand side."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab goes to the fields, never to the frame around them (the area follows the focus).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def minimumSizeHint(self) -> QSize:
        form = self.widget()
        hint = super().minimumSizeHint()
        if form is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(form.minimumSizeHint().width() + bar, hint.height())
