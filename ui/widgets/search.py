"""Search-as-you-type in an editable combo box, and the pieces Qt types as optional."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit

from ui.widgets.keys import suggestion_on_enter


def search_as_you_type(box: QComboBox) -> None:
    """Typing any part of an entry (« court » for La Courneuve) lists the matches."""
    completer = box.completer()
    assert completer is not None, "an editable combo box always has a completer"
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    suggestion_on_enter(completer)  # Entrée takes the suggestion shown (« bob » → Bobigny)


def line_edit(box: QComboBox) -> QLineEdit:
    editor = box.lineEdit()
    assert editor is not None, "only editable combo boxes are searched"
    return editor


def popup_of(completer: QCompleter | None) -> QAbstractItemView:
    assert completer is not None, "an editable combo box always has a completer"
    popup = completer.popup()
    assert popup is not None, "a completer always makes its popup"
    return popup


def fold(text: str) -> str:
    """Lower case without accents, to match what is typed against labels."""
    decomposed = unicodedata.normalize("NFD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
