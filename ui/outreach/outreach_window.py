"""Aller-vers: start a street outing, then count contacts tap by tap with big buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.outreach.outreach import COUNTERS, Outing, OutreachError
from ui.outreach.counting_page import CountingPage
from ui.outreach.outreach_parts import (
    COUNTER_TEXTS,
    OutreachServices,
    show_code_error,
    totals_text,
)
from ui.outreach.start_page import StartPage
from ui.widgets.palette import themed
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import time_text, tr

# Read in the street, at arm's length: the counting buttons are much larger than the desk's.
LOCAL_STYLE = themed(
    """
QPushButton#countTap { font-size: 17pt; font-weight: bold; min-height: 120px;
    background: @accent_light; border: 2px solid @accent; border-radius: 10px; padding: 6px; }
QPushButton#countTap:pressed { background: @accent; color: white; }
QPushButton#countTap:focus { border: 4px solid @focus; padding: 4px; }
QPushButton#undoTap { font-size: 13pt; font-weight: bold; min-height: 56px;
    background: @warning_light; border: 2px solid @warning_border; border-radius: 8px;
    padding: 4px 16px; }
QPushButton#undoTap:disabled { background: @disabled_background; border-color: @disabled_border;
    color: @disabled_text; }
QPushButton#orientationTap { border: 1px solid @border_strong; border-radius: 6px;
    background: white;
    min-height: 34px; padding: 2px 10px; }
QPushButton#orientationTap[nonzero="true"] { background: @green_light; border-color: @green; }
QPushButton#orientationTap:focus { border: 2px solid @focus; padding: 1px 9px; }
QPushButton#primaryAction { font-size: 12pt; min-height: 56px; }
QLabel#countingPlace { font-size: 15pt; font-weight: bold; color: @accent_dark; }
QLabel#noteWarning { color: @warning_text; font-weight: bold; }
"""
)

assert tuple(c[0] for c in COUNTER_TEXTS) == COUNTERS


class OutreachWindow(QDialog):
    """« Aller-vers »: non-modal; every tap is committed at once by the service."""

    def __init__(self, services: OutreachServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._outing: Outing | None = None
        self._taps: list[tuple[str, str]] = []  # ("counter" | "orientation", key), last on top
        self.setWindowTitle(tr("Aller-vers"))
        self.setModal(False)
        self.setStyleSheet(LOCAL_STYLE)
        self.start_page = StartPage(services)
        self.counting = CountingPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.counting)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.start_page.start_button.clicked.connect(self.start_outing)
        for counter, button in self.counting.count_buttons.items():
            button.clicked.connect(lambda _=False, c=counter: self.tap("counter", c))
        for key, button in self.counting.orientation_buttons.items():
            button.clicked.connect(lambda _=False, k=key: self.tap("orientation", k))
        self.counting.undo_button.clicked.connect(self.undo_last)
        self.counting.finish_button.clicked.connect(self.finish_outing)
        self.counting.note.editingFinished.connect(self.save_note)
        self.start_page.resumeRequested.connect(self.resume)
        self.start_page.reset()
        fit_on_screen(self, 1100, 700)

    def outing(self) -> Outing | None:
        return self._outing

    def start_outing(self) -> None:
        page = self.start_page
        try:
            outing = self._services.log.start(
                page.place.text(),
                page.commune_code(),
                staff_present=page.staff_present(),
                started_at=page.started_at(),
                staff_id=self._services.staff_id(),
            )
        except OutreachError as error:
            page.show_error(error)
            return
        page.show_error(None)
        page.summary.hide()
        self._enter_counting(outing)

    def resume(self, outing_id: str) -> None:
        try:
            outing = self._services.log.get(outing_id)
        except OutreachError:
            self.start_page.refresh()
            return
        self._enter_counting(outing)

    def _enter_counting(self, outing: Outing) -> None:
        self._outing = outing
        self._taps = []
        labels = {e.code: e.label for e in catalogues.communes()}
        self.counting.heading.setText(
            tr("Sortie en cours : {place}, {commune} — depuis {time}").format(
                place=outing.place,
                commune=labels.get(outing.commune, ""),
                time=time_text(outing.started_at),
            )
        )
        self.counting.note.setText(outing.note)
        show_code_error(self.counting.message, None)
        self.counting.show_outing(outing)
        self.counting.undo_button.setEnabled(False)
        self.pages.setCurrentWidget(self.counting)
        self.counting.count_buttons["adults"].setFocus()

    def tap(self, kind: str, key: str, delta: int = 1) -> None:
        """One +1 (or −1 when undoing) saved at once; the buttons show what was saved."""
        if self._outing is None:
            return
        log = self._services.log
        try:
            if kind == "counter":
                outing = log.count(self._outing.id, key, delta)
            else:
                outing = log.count_orientation(self._outing.id, key, delta)
        except OutreachError as error:
            show_code_error(self.counting.message, error.code)
            return
        show_code_error(self.counting.message, None)
        if delta > 0:
            self._taps.append((kind, key))
        self._outing = outing
        self.counting.show_outing(outing)
        self.counting.undo_button.setEnabled(bool(self._taps))

    def undo_last(self) -> None:
        if not self._taps:
            return
        kind, key = self._taps.pop()
        self.tap(kind, key, -1)
        self.counting.undo_button.setEnabled(bool(self._taps))

    def save_note(self) -> None:
        if self._outing is None or self.counting.note.text().strip() == self._outing.note:
            return
        try:
            self._outing = self._services.log.set_note(self._outing.id, self.counting.note.text())
        except OutreachError as error:
            show_code_error(self.counting.message, error.code)

    def finish_outing(self) -> None:
        if self._outing is None:
            return
        self.save_note()
        try:
            outing = self._services.log.finish(self._outing.id, staff_id=self._services.staff_id())
        except OutreachError as error:
            show_code_error(self.counting.message, error.code)
            return
        self._outing = None
        self._taps = []
        page = self.start_page
        page.reset()
        page.summary.setText(tr("Sortie terminée : {totals}.").format(totals=totals_text(outing)))
        page.summary.show()
        self.pages.setCurrentWidget(page)
        page.place.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys 1 to 5 count, Ctrl+Z or Backspace undo — on the counting page only."""
        if self.pages.currentWidget() is self.counting:
            key = event.key()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers == Qt.KeyboardModifier.NoModifier and Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                self.tap("counter", COUNTERS[key - Qt.Key.Key_1])
                return
            undo = key == Qt.Key.Key_Z and modifiers == Qt.KeyboardModifier.ControlModifier
            if undo or (key == Qt.Key.Key_Backspace and not modifiers):
                self.undo_last()
                return
        super().keyPressEvent(event)
