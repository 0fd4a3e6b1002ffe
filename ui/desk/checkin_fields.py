"""Fields of the check-in form built from the catalogues: the commune and another language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from models import catalogues
from ui.widgets.search import search_as_you_type
from ui.widgets.texts import tr


def short_label(entries: tuple[catalogues.Entry, ...], code: str) -> str:
    return next(e.short_label for e in entries if e.code == code)


def commune_box() -> QComboBox:
    """The communes of Seine-Saint-Denis in order, then « Hors 93 » and the like;
    typed letters narrow the list (type-ahead)."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setAccessibleName(tr("Commune"))
    box.setMinimumWidth(220)
    in_93 = (e for e in catalogues.communes() if e.active and e.code.startswith("93"))
    for entry in sorted(in_93, key=lambda e: e.label):
        box.addItem(entry.label, entry.code)
    for entry in catalogues.communes():
        if not entry.code.startswith("93"):
            box.addItem(entry.label, entry.code)
    search_as_you_type(box)
    return box


def other_language_field(add: Callable[[str], None]) -> QLineEdit:
    """« Autre langue… »: the rarer languages, found by any part of their name."""
    field = QLineEdit()
    field.setPlaceholderText(tr("Autre langue…"))
    field.setAccessibleName(tr("Ajouter une autre langue"))
    field.setMaximumWidth(170)
    completer = QCompleter(
        [e.label for e in catalogues.languages() if e.active and not e.common], field
    )
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    field.setCompleter(completer)
    completer.activated.connect(add)
    return field
