"""Windows open inside the screen: at 150 % on a 1280×720 laptop as on a 1920×1080 one.

The smallest screen Cabane is made for is 1280×720 logical pixels (a 1366×768 laptop,
or a 1920×1080 one at 150 %). Every window's smallest size fits it with its title bar
and a task bar; where the screen is bigger, a window opens at its usual size.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SMALLEST_SCREEN = QSize(1280, 720)
# A title bar and window borders the window system adds around a window, and a task bar
# it may not report as taken.
FRAME = QSize(16, 48)


def room_on_screen(window: QWidget) -> QSize:
    """The largest size the window can have on its screen, title bar included."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return SMALLEST_SCREEN - FRAME
    available = screen.availableGeometry().size()
    return QSize(available.width() - FRAME.width(), available.height() - FRAME.height())


def fit_on_screen(window: QWidget, width: int, height: int) -> None:
    """Open ``window`` at its usual size where the screen allows, smaller where it does
    not, and centred on the screen."""
    room = room_on_screen(window)
    size = QSize(min(width, room.width()), min(height, room.height()))
    window.resize(size)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.move(
            area.x() + max(0, (area.width() - size.width() - FRAME.width()) // 2),
            area.y() + max(0, (area.height() - size.height() - FRAME.height()) // 2),
        )
