"""The orientation editor in its own window: for the visit being typed, or a saved one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.orientations.orientation_editor import OrientationEditor
from ui.orientations.pending import (
    OrientationServices,
)
from ui.widgets.forms import section
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import time_text, tr


class OrientationDialog(QDialog):
    """The editor for one saved visit of today's list (not modal: the desk stays usable)."""

    changed = Signal()
    slipRequested = Signal(str)

    def __init__(
        self,
        services: OrientationServices,
        visit_id: str,
        arrived_at: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        title = tr("Orientations — passage de {time}").format(time=time_text(arrived_at))
        self.setWindowTitle(title)
        self.editor = OrientationEditor(services, self)
        self.editor.set_visit(visit_id)
        self.editor.changed.connect(self.changed)
        self.editor.slipRequested.connect(self.slipRequested)
        close = QPushButton(tr("Fermer"))
        close.setObjectName("secondaryAction")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(section(title, "panelTitle"))
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        fit_on_screen(self, 900, 600)
        self.editor.service.setFocus()
