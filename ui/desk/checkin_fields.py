"""Fields of the check-in form built from the catalogues: another language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from models import catalogues
from ui.widgets.keys import suggestion_on_enter
from ui.widgets.texts import tr


def short_label(entries: tuple[catalogues.Entry, ...], code: str) -> str:
    return next(e.short_label for e in entries if e.code == code)


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
    suggestion_on_enter(completer)
    return field
