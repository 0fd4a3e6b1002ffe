"""The desk locks itself after a few minutes without input (a site setting, 10 by default):
only the cabane's name and « Déverrouiller » show; unlocking with a personal code names
who is at the desk. What was being typed stays as it was, under the lock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.desk.staff_access import AccessError, StaffAccess
from ui.widgets.texts import tr

# What counts as someone at the keyboard (a mouse merely moving does not).
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


WATCH_AFTER_MS = 1500


class LockOverlay(QWidget):
    """Covers the whole window; the cabane's name, then who and the personal code."""

    def __init__(self, window: QMainWindow, access: StaffAccess, site_name: str) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(True)
        self.access = access
        self.on_unlocked: Callable[[int], None] = lambda _staff: None
        name = QLabel(site_name)
        name.setObjectName("siteName")
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        state = QLabel(tr("Accueil verrouillé"))
        state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton(tr("Déverrouiller"))
        self.open_button.setObjectName("primaryAction")
        self.open_button.setMinimumSize(280, 56)
        self.open_button.clicked.connect(self.ask)
        self.who = QComboBox()
        self.who.setAccessibleName(tr("Qui est à l'accueil ?"))
        self.who.setMinimumHeight(40)
        self.who.currentIndexChanged.connect(self._explain)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = QLineEdit()
        self.confirm = QLineEdit()
        for field, name_text in (
            (self.code, tr("Code personnel")),
            (self.confirm, tr("Code personnel, une seconde fois")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(6)
            field.setAccessibleName(name_text)
            field.setPlaceholderText(name_text)
            field.setMinimumHeight(40)
            field.returnPressed.connect(self.attempt)
        self.go_button = QPushButton(tr("Ouvrir"))
        self.go_button.setMinimumHeight(44)
        self.go_button.clicked.connect(self.attempt)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QWidget()
        column.setMaximumWidth(420)
        inner = QVBoxLayout(column)
        for widget in (name, state, self.open_button, self.who, self.hint, self.code):
            inner.addWidget(widget)
        for widget in (self.confirm, self.go_button, self.error):
            inner.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._asking(False)

    def _asking(self, asking: bool) -> None:
        self.open_button.setVisible(not asking)
        for widget in (self.who, self.hint, self.code, self.go_button, self.error):
            widget.setVisible(asking)
        self.confirm.setVisible(False)

    def reset(self) -> None:
        self.code.clear()
        self.confirm.clear()
        self.error.clear()
        self._asking(False)
        self.open_button.setFocus()

    def ask(self) -> None:
        self.who.clear()
        for staff_id, name, _role, _has_code in self.access.members():
            self.who.addItem(name, staff_id)
        self._asking(True)
        self._explain()
        self.code.setFocus()

    def _explain(self, *_args: object) -> None:
        staff_id = self.who.currentData()
        first = isinstance(staff_id, int) and not self.access.has_pin(staff_id)
        self.confirm.setVisible(first)
        self.hint.setText(
            tr("Première fois : choisissez votre code personnel (4 à 6 chiffres).")
            if first
            else tr("Votre code personnel :")
        )

    def attempt(self) -> None:
        staff_id = self.who.currentData()
        if not isinstance(staff_id, int):
            return
        code = self.code.text()
        if self.confirm.isVisible():
            if code != self.confirm.text():
                self.error.setText(tr("Les deux codes ne sont pas identiques."))
                return
            try:
                self.access.set_first_pin(staff_id, code)
            except AccessError:
                self.error.setText(tr("Le code a 4 à 6 chiffres."))
                return
        if not self.access.unlock(staff_id, code):
            self.error.setText(tr("Code incorrect. Réessayez, ou demandez à la référente."))
            self.code.selectAll()
            return
        self.on_unlocked(staff_id)


class DeskLock(QObject):
    """Watches the application's input; after ``access.lock_minutes()`` without any, the
    window is covered and disabled, and the other windows hidden until unlocked."""

    def __init__(
        self,
        window: QMainWindow,
        access: StaffAccess,
        site_name: str,
        on_unlocked: Callable[[int], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.access = access
        self._on_unlocked = on_unlocked
        self.overlay = LockOverlay(window, access, site_name)
        self.overlay.on_unlocked = self.unlock
        self.overlay.hide()
        self.hidden: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        # A Python event filter sees every event of the application: installed once the
        # desk is up, so that the start (thousands of layout and paint events) does not
        # pay for it (DESIGN.md §9). The idle delay is minutes; a second changes nothing.
        QTimer.singleShot(WATCH_AFTER_MS, self._watch)

    def _watch(self) -> None:
        self.restart()  # the site's delay read here too, not on the way to the first paint
        self.window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.overlay.isVisible()

    def restart(self) -> None:
        self.timer.start(self.access.lock_minutes() * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.overlay.setGeometry(self.window.rect())
        elif event.type() in INPUT_EVENTS and not self.locked:
            self.timer.start()  # someone is at the keyboard: the delay starts again
        return False

    def lock(self) -> None:
        if self.locked:
            return
        self.timer.stop()
        self.hidden = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.isVisible() and widget is not self.window
        ]
        for widget in self.hidden:
            widget.hide()
        for part in self._parts():  # the form, the tool bar, and their shortcuts
            part.setEnabled(False)
        self.overlay.setGeometry(self.window.rect())
        self.overlay.reset()
        self.overlay.show()
        self.overlay.raise_()

    def _parts(self) -> list[QWidget]:
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        children = self.window.findChildren(QWidget, options=direct)
        return [child for child in children if child is not self.overlay]

    def unlock(self, staff_id: int) -> None:
        self.overlay.hide()
        for part in self._parts():
            part.setEnabled(True)
        for widget in self.hidden:
            widget.show()
        self.hidden = []
        self._on_unlocked(staff_id)
        self.restart()
