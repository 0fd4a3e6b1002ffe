"""A time typed at the keyboard: one click selects the hours (or the minutes) so that
typing « 0930 » gives 09:30, and what is typed counts even when Entrée is pressed at
once (an Entrée shortcut around the field fires before the field commits its text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTimeEdit, QWidget


class TimeField(QTimeEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.lineEdit()
            and event.type() == QEvent.Type.MouseButtonRelease
            and not self.lineEdit().hasSelectedText()
        ):
            # After Qt has placed the cursor: the part clicked is selected, typed over.
            QTimer.singleShot(0, self._select_clicked_part)
        return False

    def _select_clicked_part(self) -> None:
        self.setSelectedSection(self.currentSection())

    def commit(self) -> None:
        """Take what is typed now (« 9:5 » becomes 09:05), as leaving the field would."""
        self.interpretText()
