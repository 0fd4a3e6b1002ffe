"""Restoring a backup file (a USB key's ``.sauvegarde``) with the recovery code: used by
the first-run wizard (a new laptop) and by the damaged-database screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.texts import backup_counts_text, tr


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, to show before restoring it."""

    site_name: str
    made_at: datetime
    counts: dict[str, int]


def summary_text(summary: BackupSummary) -> str:
    return tr("{site}, sauvegarde du {day} à {time} : {counts}.").format(
        site=summary.site_name,
        day=summary.made_at.strftime("%d/%m/%Y"),
        time=summary.made_at.strftime("%H:%M"),
        counts=backup_counts_text(summary.counts),
    )


@dataclass(frozen=True)
class RestoreServices:
    """From desktop/: read a file's summary (or a French refusal), and restore it with the
    recovery code (and a passphrase where there is no keychain): None, or a French
    refusal. The restore is one act: the folder is unchanged when it refuses."""

    describe: Callable[[Path], BackupSummary | str]
    restore: Callable[[Path, str, str | None], str | None]
    keychain_available: bool


class RestoreForm(QWidget):
    """Choose the file, see what it holds, type the recovery code, restore."""

    changed = Signal()
    restored = Signal()

    def __init__(self, services: RestoreServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.path: Path | None = None
        intro = QLabel(
            tr(
                "Branchez la clé USB, choisissez le fichier « .sauvegarde », puis saisissez "
                "le code de secours de la cabane (la feuille imprimée à l'installation)."
            )
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(tr("Choisir le fichier de sauvegarde…"))
        self.choose_button.setMinimumHeight(40)
        self.choose_button.clicked.connect(self._choose)
        self.summary = QLabel(tr("Aucun fichier choisi."))
        self.summary.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setAccessibleName(tr("Code de secours"))
        self.code.setPlaceholderText("ABCD-EFGH-…")
        self.code.setMinimumHeight(36)
        self.code.textChanged.connect(self.changed)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Nouvelle phrase secrète"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(tr("Nouvelle phrase secrète, une seconde fois"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Code de secours :"), self.code)
        if not services.keychain_available:
            note = QLabel(
                tr(
                    "Cet ordinateur n'a pas de trousseau sécurisé : choisissez une phrase "
                    "secrète (10 caractères au moins), demandée à chaque ouverture."
                )
            )
            note.setWordWrap(True)
            form.addRow(note)
            form.addRow(tr("Phrase secrète :"), self.passphrase)
            form.addRow(tr("Une seconde fois :"), self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.error)

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            tr("Choisir la sauvegarde"),
            str(Path.home()),
            tr("Sauvegardes de Cabane (*.sauvegarde)"),
        )
        if name:
            self.choose(Path(name))

    def choose(self, path: Path) -> None:
        """Show what ``path`` holds, or why it cannot be restored."""
        described = self.services.describe(path)
        self.error.clear()
        if isinstance(described, str):
            self.path = None
            self.summary.setText(tr("Aucun fichier choisi."))
            self.error.setText(described)
        else:
            self.path = path
            self.summary.setText(summary_text(described))
            self.code.setFocus()
        self.changed.emit()

    def ready(self) -> bool:
        return self.path is not None and bool(self.code.text().strip())

    def attempt(self) -> bool:
        """Restore; True once done, else the reason is shown and nothing changed."""
        if self.path is None:
            self.error.setText(tr("Choisissez d'abord le fichier de sauvegarde."))
            return False
        passphrase: str | None = None
        if not self.services.keychain_available:
            passphrase = self.passphrase.text()
            if passphrase != self.confirm.text():
                self.error.setText(tr("Les deux phrases secrètes ne sont pas identiques."))
                return False
        refused = self.services.restore(self.path, self.code.text(), passphrase)
        if refused is not None:
            self.error.setText(refused)
            self.code.setFocus()
            self.code.selectAll()
            return False
        self.error.clear()
        self.restored.emit()
        return True
