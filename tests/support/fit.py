"""What « fits the screen » means for a window, checked the same way by the tests and by
``make screenshots``: inside the room the screen gives, smallest size included, every
control at least its smallest size, no form cut at the right of a scroll area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.widgets.screen import room_on_screen


def overflows(window: QWidget) -> list[str]:
    """What does not fit, in words; empty when everything does."""
    QApplication.processEvents()
    problems: list[str] = []
    room = room_on_screen(window)
    size, smallest = window.size(), window.minimumSizeHint().expandedTo(window.minimumSize())
    name = window.windowTitle() or type(window).__name__
    if size.width() > room.width() or size.height() > room.height():
        problems.append(f"{name}: {size.width()}×{size.height()} > {room.width()}×{room.height()}")
    if smallest.width() > room.width() or smallest.height() > room.height():
        problems.append(
            f"{name}: taille minimale {smallest.width()}×{smallest.height()} "
            f"> {room.width()}×{room.height()}"
        )
    for area in window.findChildren(QScrollArea):
        inner = area.widget()
        if (
            area.window() is window
            and inner is not None
            and area.isVisible()
            and area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            and inner.minimumSizeHint().width() > area.viewport().width()
        ):
            problems.append(
                f"{name}: contenu coupé à droite ({inner.minimumSizeHint().width()} "
                f"> {area.viewport().width()})"
            )
    for button in window.findChildren(QAbstractButton):
        if button.window() is window and button.isVisible() and button.text() and _text_cut(button):
            problems.append(f"{name}: texte coupé dans « {button.text()} »")
    return problems


def _text_cut(button: QAbstractButton) -> bool:
    """The text does not fit the button's inside, focused or not (a focus border must not
    eat the first letter)."""
    if not isinstance(button, QPushButton):
        return button.width() < button.minimumSizeHint().width()
    option = QStyleOptionButton()
    button.initStyleOption(option)
    lines = button.text().replace("&", "").splitlines()
    needed = max(button.fontMetrics().horizontalAdvance(line) for line in lines)
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    for focused in (False, True):
        if focused:
            option.state |= QStyle.StateFlag.State_HasFocus
        inside = button.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, button
        )
        if needed > inside.width():
            return True
    return False
