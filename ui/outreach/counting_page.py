"""Counting during an outing: big buttons, keys 1 to 5, undo of the last tap."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.outreach.outreach import Outing, orientation_key
from models.store.limits import NOTE_MAX
from ui.outreach.outreach_parts import COUNTER_TEXTS, title_label
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.forms import error_label
from ui.widgets.texts import tr


class CountingPage(QWidget):
    """Five big buttons, the undo of the last tap, orientations given on the spot, a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("countingPlace")
        self.heading.setWordWrap(True)
        self.message = error_label()
        self.count_buttons: dict[str, QPushButton] = {}
        taps = QGridLayout()
        taps.setSpacing(8)
        for index, (counter, _text, _words) in enumerate(COUNTER_TEXTS):
            button = QPushButton()
            button.setObjectName("countTap")
            button.setAutoDefault(False)
            button.setMinimumHeight(120)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setToolTip(tr("Touche {key}").format(key=index + 1))
            self.count_buttons[counter] = button
            taps.addWidget(button, 0, index)
        self.undo_button = QPushButton(tr("Annuler le dernier"))
        self.undo_button.setObjectName("undoTap")
        self.undo_button.setAutoDefault(False)
        self.undo_button.setToolTip(tr("Ctrl+Z ou Retour arrière"))
        self.finish_button = QPushButton(tr("Terminer la sortie"))
        self.finish_button.setObjectName("primaryAction")
        self.finish_button.setAutoDefault(False)
        self.hint = hint = QLabel(
            tr(
                "Une femme enceinte est comptée aussi parmi les adultes. "
                "Au clavier : touches 1 à 5, Ctrl+Z pour annuler."
            )
        )
        hint.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.undo_button)
        actions.addWidget(hint, 1)
        actions.addWidget(self.finish_button)

        self.orientation_buttons: dict[str, QPushButton] = {}
        self.orientation_labels: dict[str, str] = {}
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.setSpacing(4)
        for kind, title, entries in (
            ("pmi", tr("Services de la PMI"), catalogues.pmi_services()),
            ("partner", tr("Partenaires"), catalogues.partner_types()),
        ):
            rows_layout.addWidget(QLabel(title))
            holder = QWidget()
            flow = FlowLayout(holder, spacing=4)
            for entry in entries:
                if not entry.active:
                    continue
                key = orientation_key(kind, entry.code)
                button = QPushButton()
                button.setObjectName("orientationTap")
                button.setAutoDefault(False)
                button.setProperty("nonzero", False)
                self.orientation_buttons[key] = button
                # « Santé mentale (CMP, CMPP, CAMSP) » → « Santé mentale »; the full label as tip.
                self.orientation_labels[key] = entry.short_label.split(" (")[0]
                button.setToolTip(entry.label)
                flow.addWidget(button)
            rows_layout.addWidget(holder)
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows)

        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setAccessibleName(tr("Note de la sortie"))
        self.note.setPlaceholderText(tr("Note (météo, lieu, partenaires rencontrés…)"))
        warning = QLabel(tr("Pas de nom, pas d'information de santé"))
        warning.setObjectName("noteWarning")
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(tr("Note")))
        note_row.addWidget(self.note, 1)
        note_row.addWidget(warning)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(taps)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(title_label(tr("Orientations données sur place")))
        layout.addWidget(scroll, 1)
        layout.addLayout(note_row)

    def show_outing(self, outing: Outing) -> None:
        for index, (counter, text, _words) in enumerate(COUNTER_TEXTS):
            n = outing.counts.get(counter, 0)
            button = self.count_buttons[counter]
            button.setText(f"{tr(text)}\n({n})")
            button.setAccessibleName(
                tr("{text}, touche {key} : {n} comptés").format(text=tr(text), key=index + 1, n=n)
            )
        for key, button in self.orientation_buttons.items():
            n = outing.orientations.get(key, 0)
            label = self.orientation_labels[key]
            if not button.property("roomForCount"):
                # The count, when it comes, fits in room kept from the start: a tap never
                # moves the other buttons under the next finger.
                button.setText(label)
                room = button.fontMetrics().horizontalAdvance("  (000)")
                button.setMinimumWidth(button.sizeHint().width() + room)
                button.setProperty("roomForCount", True)
            button.setText(f"{label}  ({n})" if n else label)
            button.setAccessibleName(tr("Orientation {label} : {n}").format(label=label, n=n))
            if button.property("nonzero") != bool(n):
                button.setProperty("nonzero", bool(n))
                button.style().unpolish(button)
                button.style().polish(button)
