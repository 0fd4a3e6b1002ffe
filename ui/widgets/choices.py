"""Big, keyboard-reachable inputs of the check-in form: counters, one-of and several-of buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.flow_layout import FlowLayout
from ui.widgets.texts import tr

BUTTON_HEIGHT = 34


class Counter(QWidget):
    """A count from 0 to ``maximum`` with − and + buttons; +/−, arrows or a digit when focused."""

    valueChanged = Signal(int)

    def __init__(self, label: str, maximum: int = 20, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self._maximum = maximum
        self._label = label
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("counter")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.caption = QLabel(label)
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.minus = QPushButton("−")
        self.plus = QPushButton("+")
        self.display = QLabel("0")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumWidth(26)
        self.display.setObjectName("counterValue")
        for button, step, name in ((self.minus, -1, "moins"), (self.plus, 1, "plus")):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedSize(BUTTON_HEIGHT, BUTTON_HEIGHT)
            button.setAccessibleName(f"{label} : {name}")
            button.setAutoRepeat(True)
            button.clicked.connect(lambda _=False, s=step: self.step(s))
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(self.minus)
        row.addWidget(self.display)
        row.addWidget(self.plus)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 2, 4, 2)
        column.setSpacing(2)
        column.addWidget(self.caption, 1)
        column.addLayout(row)
        self.setProperty("nonzero", False)
        self._refresh()

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:
        value = max(0, min(self._maximum, value))
        if value != self._value:
            self._value = value
            self._refresh()
            self.valueChanged.emit(value)

    def step(self, delta: int) -> None:
        self.setValue(self._value + delta)

    def _refresh(self) -> None:
        self.display.setText(str(self._value))
        self.minus.setEnabled(self._value > 0)
        self.plus.setEnabled(self._value < self._maximum)
        self.setAccessibleName(f"{self._label} : {self._value}")
        nonzero = self._value > 0
        if self.property("nonzero") != nonzero:
            self.setProperty("nonzero", nonzero)
            # Re-polish only on change: it is the slow part of building the form.
            self.style().unpolish(self)
            self.style().polish(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Up, Qt.Key.Key_Right):
            self.step(1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Down, Qt.Key.Key_Left):
            self.step(-1)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.setValue(key - Qt.Key.Key_0)
        else:
            super().keyPressEvent(event)


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setCheckable(True)
    button.setAutoDefault(False)  # a choice is never what Entrée presses (ui/widgets/keys.py)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    button.setObjectName("choice")
    return button


def _mark_proposed(button: QPushButton, proposed: bool) -> None:
    """A choice the app made (« Ne sait pas », « Français ») looks lighter, with a dashed
    border, until the person makes it theirs: never the same look as a choice they made."""
    if bool(button.property("proposed")) != proposed:
        button.setProperty("proposed", proposed)
        button.setToolTip(tr("Proposé par défaut : cliquez pour choisir") if proposed else "")
        button.style().unpolish(button)
        button.style().polish(button)


class OneOf(QWidget):
    """Exclusive buttons, one per code; the first given is the default."""

    changed = Signal(str)

    def __init__(
        self,
        options: list[tuple[str, str]],
        default: str,
        wrap: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._default = default
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        layout: FlowLayout | QHBoxLayout = FlowLayout(self, 5) if wrap else QHBoxLayout(self)
        if isinstance(layout, QHBoxLayout):
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(4)
        for code, text in options:
            button = _button(text)
            self._group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        self._group.buttonClicked.connect(self._clicked)
        self.setValue(default)

    def _clicked(self, button: QAbstractButton) -> None:
        _mark_proposed(self.buttons[self._default], False)  # the person chose
        self.changed.emit(self.value())

    def value(self) -> str:
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return self._default

    def setValue(self, code: str) -> None:
        self.buttons.get(code, self.buttons[self._default]).setChecked(True)
        _mark_proposed(self.buttons[self._default], False)

    def reset(self) -> None:
        """The default, proposed (it looks so until the person clicks)."""
        self.setValue(self._default)
        _mark_proposed(self.buttons[self._default], True)


class SeveralOf(QWidget):
    """Toggle buttons that wrap; any number may be on."""

    changed = Signal()

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=5)
        self.buttons: dict[str, QPushButton] = {}
        for code, text in options:
            self.add_option(code, text)

    def add_option(self, code: str, text: str) -> QPushButton:
        if code in self.buttons:
            return self.buttons[code]
        button = _button(text)
        button.toggled.connect(lambda _=False: self.changed.emit())
        button.clicked.connect(lambda _=False, b=button: _mark_proposed(b, False))
        self.buttons[code] = button
        self.flow.addWidget(button)
        self.updateGeometry()
        return button

    def values(self) -> tuple[str, ...]:
        return tuple(code for code, b in self.buttons.items() if b.isChecked())

    def setValues(self, codes: tuple[str, ...] | list[str], labels: dict[str, str]) -> None:
        for code in codes:
            if code not in self.buttons:
                self.add_option(code, labels.get(code, code))
        for code, button in self.buttons.items():
            button.setChecked(code in codes)
            _mark_proposed(button, False)

    def propose(self, codes: tuple[str, ...], labels: dict[str, str]) -> None:
        """Check ``codes`` as the app's proposal (a lighter look until clicked)."""
        self.setValues(codes, labels)
        for code in codes:
            _mark_proposed(self.buttons[code], True)
