"""How the keys behave in every window of Cabane. Written once here; tests/test_keys.py
holds every window to it.

- **Entrée** does what the field it is pressed in means, and only that:
  - in a list being typed (commune, family, language, partner, place) while suggestions
    are shown, it takes the highlighted suggestion, or the first one; nothing is saved;
  - in the family search, it links the family; nothing is saved;
  - in a field that adds to a list (another language, a theme), it adds;
  - anywhere else in a form, it presses the form's main button (« Enregistrer le
    passage », « Commencer le comptage », « Ajouter la séance »…), never a choice
    button (a choice is never the default button of a window).
- **Échap** closes what is on top (a suggestion list, a dialog, a menu). In the check-in
  form it empties the form, and « Annuler » or Ctrl+Z puts it back.
- **Tab / Maj+Tab** go from field to field in reading order, left to right then top to
  bottom, never into a hidden field.
- **Ctrl+Z** in a text field undoes the typing in that field; elsewhere it undoes the
  window's last action (a saved visit, a deletion, an emptied form, a tap while
  counting), and the banner says what was undone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QCompleter, QPushButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_enter(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and event.key() in ENTER_KEYS


class SuggestionKeys(QObject):
    """While a completer's list is shown, Entrée takes its highlighted suggestion, or the
    first (« bob » + Entrée is Bobigny), and Échap closes the list; neither goes further
    (no save, the form is not emptied)."""

    def __init__(self, completer: QCompleter) -> None:
        super().__init__(completer)
        self._completer = completer
        popup = completer.popup()
        assert popup is not None, "a completer always makes its popup"
        popup.installEventFilter(self)  # after the completer's own: this one runs first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
            is_enter(event) or (isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape)
        ):
            event.accept()  # the key is for the list, not for a window's shortcut
            return True
        if event.type() == QEvent.Type.KeyPress and is_enter(event):
            popup = self._completer.popup()
            assert popup is not None
            if not popup.currentIndex().isValid():
                first = self._completer.completionModel().index(0, 0)
                if first.isValid():
                    popup.setCurrentIndex(first)
        return False  # the completer completes with the current suggestion


def suggestion_on_enter(completer: QCompleter | None) -> None:
    assert completer is not None, "only fields with suggestions"
    SuggestionKeys(completer)


def never_default(*buttons: QAbstractButton) -> None:
    """A choice button (a person, a reason, a language) is never what Entrée presses."""
    for button in buttons:
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)


def main_button_on_enter(root: QWidget, main: QPushButton) -> None:
    """In ``root``, a push button that is not ``main`` never takes Entrée."""
    never_default(*(b for b in root.findChildren(QPushButton) if b is not main))
    main.setAutoDefault(True)
    main.setDefault(True)
