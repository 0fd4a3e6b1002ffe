"""The coordination's public keys (age1…) the weekly file is encrypted to: add, read, remove.

Every change is saved at once through the ``save`` callable desktop/ hands in; a refused
key is explained beside the field, never in a modal box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.desk.sites import SetupError, SiteInfo, valid_recipient
from models.exchange import crypto
from ui.widgets.texts import ntr, tr

MAX_KEY_FILE_BYTES = 64 * 1024
SECRET_PREFIX = "AGE-SECRET-KEY-"


def short_key(key: str) -> str:
    """« age1qyz3x8…k3lm9a »: enough to tell two keys apart when reading them aloud."""
    return f"{key[:10]}…{key[-6:]}" if len(key) > 20 else key


def is_usable_key(text: str) -> bool:
    """The format the site settings accept, and a checksum that pyrage accepts."""
    return valid_recipient(text) and crypto.valid_recipient(text)


def keys_in_text(text: str) -> list[str]:
    """Every valid age1 key of a text (one per line, or in « # public key: age1… »)."""
    found: list[str] = []
    for word in text.replace(",", " ").split():
        if is_usable_key(word) and word not in found:
            found.append(word)
    return found


def _pick_key_file(parent: QWidget) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Lire le fichier de la coordination"),
        str(Path.home()),
        tr("Fichiers de clé (*.txt *.pub *.key);;Tous les fichiers (*)"),
    )
    return Path(name) if name else None


class RecipientsEditor(QWidget):
    """The list of coordination keys, saved at each change through ``save``."""

    recipientsChanged = Signal(tuple)

    def __init__(
        self,
        recipients: tuple[str, ...],
        save: Callable[[tuple[str, ...]], SiteInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.recipients: tuple[str, ...] = tuple(recipients)
        self._removed: tuple[str, ...] | None = None
        # Replaced in tests: never a real file dialog there.
        self.choose_file: Callable[[], Path | None] = lambda: _pick_key_file(self)

        title = QLabel(tr("&Clés de la coordination"))
        title.setObjectName("sectionTitle")
        explain = QLabel(
            tr("Le fichier de la semaine est chiffré pour ces clés : seule la coordination le lit.")
        )
        explain.setWordWrap(True)
        self.keys = QListWidget()
        self.keys.setAccessibleName(tr("Clés de la coordination enregistrées"))
        self.keys.setFixedHeight(74)
        self.keys.currentRowChanged.connect(self._update_buttons)
        self.field = QLineEdit()
        self.field.setPlaceholderText(tr("Ou collez ici la clé reçue"))
        self.field.setAccessibleName(tr("Nouvelle clé de la coordination"))
        self.field.returnPressed.connect(self.add_typed)
        self.field.textEdited.connect(self._hide_error)
        title.setBuddy(self.field)  # Alt+C: straight to pasting a key
        self.add_button = QPushButton(tr("Ajouter"))
        self.add_button.clicked.connect(self.add_typed)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.hide()
        self.undo_button = QPushButton(tr("Remettre la clé"))
        self.undo_button.clicked.connect(self.undo_remove)
        self.undo_button.hide()
        self.read_button = QPushButton(tr("Lire le fichier de la coordination…"))
        self.read_button.clicked.connect(self.read_file)
        self.remove_button = QPushButton(tr("Retirer"))
        self.remove_button.setToolTip(tr("Retirer la clé choisie dans la liste (Suppr)"))
        self.remove_button.setAccessibleName(tr("Retirer la clé choisie"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.keys.installEventFilter(self)  # Suppr on the list removes the chosen key

        typed = QHBoxLayout()
        typed.addWidget(self.field, 1)
        typed.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.info, 1)
        undo_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addWidget(self.keys)
        layout.addLayout(typed)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addLayout(undo_row)
        self._show_keys()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.keys
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    # ----- what is shown

    def _show_keys(self) -> None:
        self.keys.clear()
        for number, key in enumerate(self.recipients, start=1):
            # Said in words; the key itself is a technical detail (in the tooltip).
            item = QListWidgetItem(
                tr("Clé de la coordination n° {n} (finit par {end})").format(n=number, end=key[-6:])
            )
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(key)
            self.keys.addItem(item)
        if not self.recipients:
            empty = QListWidgetItem(tr("Aucune clé : l'export n'est pas encore possible."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.keys.addItem(empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.keys.currentItem()
        self.remove_button.setEnabled(
            item is not None and item.data(Qt.ItemDataRole.UserRole) is not None
        )

    def show_error(self, text: str) -> None:
        self.info.hide()
        self.undo_button.hide()
        self.error.setText(text)
        self.error.show()

    def show_info(self, text: str, undo: bool = False) -> None:
        self.error.hide()
        self.info.setText(text)
        self.info.show()
        self.undo_button.setVisible(undo)

    # ----- changes, each saved at once

    def _store(self, recipients: tuple[str, ...]) -> bool:
        try:
            site = self._save(recipients)
        except SetupError as error:
            if error.code == "not_referent":
                self.show_error(
                    tr(
                        "Les clés de la coordination sont réservées à la référente : "
                        "choisissez-la dans « À l'accueil », puis recommencez."
                    )
                )
                return False
            self.show_error(tr("Clé refusée : vérifiez qu'elle commence par age1."))
            return False
        except Exception:  # the database refused the write: keep what was shown
            self.show_error(tr("La clé n'a pas pu être enregistrée. Réessayez."))
            return False
        self.recipients = site.coordination_recipients
        self._show_keys()
        self.recipientsChanged.emit(self.recipients)
        return True

    def _hide_error(self, _text: str = "") -> None:
        self.error.hide()

    def add_typed(self) -> None:
        text = "".join(self.field.text().split())  # a key pasted from a wrapped e-mail line
        if not text:
            self.show_error(tr("Collez d'abord la clé : elle commence par « age1 »."))
        elif text.upper().startswith(SECRET_PREFIX):
            self.show_error(
                tr(
                    "C'est une clé secrète : elle ne doit jamais être sur l'ordinateur d'une "
                    "cabane. Effacez-la et demandez la clé publique (age1…) à la coordination."
                )
            )
        elif not is_usable_key(text):
            self.show_error(
                tr(
                    "Clé non reconnue : une clé de la coordination commence par « age1 » et "
                    "compte 62 caractères. Vérifiez le copier-coller."
                )
            )
        elif text in self.recipients:
            self.show_error(tr("Cette clé est déjà dans la liste."))
        elif self._store((*self.recipients, text)):
            self.field.clear()
            self.show_info(tr("Clé ajoutée et enregistrée."))
            return
        self.field.setFocus()

    def read_file(self) -> None:
        path = self.choose_file()
        if path is None:
            return
        try:
            with open(path, "rb") as handle:
                text = handle.read(MAX_KEY_FILE_BYTES).decode("utf-8", errors="replace")
        except OSError:
            self.show_error(tr("Ce fichier ne peut pas être lu. Choisissez-en un autre."))
            return
        found = keys_in_text(text)
        new = [key for key in found if key not in self.recipients]
        warning = ""
        if SECRET_PREFIX in text.upper():
            warning = tr("Ce fichier contient aussi une clé secrète : elle n'a pas été gardée.")
        if not found:
            self.show_error(
                " ".join(
                    (tr("Ce fichier ne contient pas de clé de la coordination."), warning)
                ).strip()
            )
        elif not new:
            self.show_info(" ".join((tr("Ces clés sont déjà dans la liste."), warning)).strip())
        elif self._store((*self.recipients, *new)):
            message = ntr("%n clé(s) ajoutée(s) et enregistrée(s).", len(new))
            self.show_info(" ".join((message, warning)).strip())

    def remove_selected(self) -> None:
        item = self.keys.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(key, str):
            return
        before = self.recipients
        if self._store(tuple(k for k in before if k != key)):
            self._removed = before
            self.show_info(tr("Clé {key} retirée.").format(key=short_key(key)), undo=True)

    def undo_remove(self) -> None:
        if self._removed is not None and self._store(self._removed):
            self._removed = None
            self.show_info(tr("Clé remise."))
