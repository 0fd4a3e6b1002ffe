"""The coordination's small pieces: the passphrase of the key's backup, the drop zone of
weekly files, and how an import's outcome is said."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.exchange.week_store import ImportOutcome
from ui.coordination.coordination_charts import (
    wrapped,
)
from ui.widgets.texts import refusal_message, tr, week_text

BACKUP_MIN_PASSPHRASE = 12


class SecretMissing(Exception):
    """``identities()`` failed: no secret key on this machine."""


def age_paths(mime: QMimeData) -> list[Path]:
    """The local .age files among dragged or dropped URLs."""
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in files if path.suffix.lower() == ".age"]


def outcome_line(outcome: ImportOutcome) -> str:
    """« ✓ cabane_lilas_2026-S46.age — Cabane des Lilas, S46 2026 (révision 1) : importé »."""
    statuses = {
        "imported": tr("importé"),
        "replaced": tr("remplacé (révision plus récente)"),
        "unchanged": tr("déjà importé"),
    }
    where = ""
    if outcome.site_code:
        where = tr(" — {site}, {week} (révision {revision})").format(
            site=outcome.site_name,
            week=week_text(outcome.iso_year, outcome.iso_week),
            revision=outcome.revision,
        )
    if outcome.status == "refused":
        why = tr("refusé : {reason}").format(reason=refusal_message(outcome.code, outcome.detail))
        return f"✗ {outcome.source}{where} : {why}"
    return f"✓ {outcome.source}{where} : {statuses.get(outcome.status, outcome.status)}"


class PassphraseDialog(QDialog):
    """One or two hidden fields; the reason for refusing is written beside the field."""

    def __init__(self, confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._confirm = confirm
        self.setWindowTitle(tr("Sauvegarder la clé") if confirm else tr("Restaurer la clé"))
        self.setMinimumWidth(560)
        text = wrapped(
            tr(
                "Choisissez une phrase secrète d'au moins {n} caractères. Elle sera demandée "
                "pour restaurer la clé : notez-la et rangez-la à part de la sauvegarde."
            ).format(n=BACKUP_MIN_PASSPHRASE)
            if confirm
            else tr(
                "Saisissez la phrase secrète choisie lors de la sauvegarde. La clé de la "
                "sauvegarde remplacera celle de cet ordinateur, s'il en a une."
            )
        )
        grid = QGridLayout()
        self.first, self.first_error = self._field(grid, 0, tr("Phrase secrète :"), True)
        self.second, self.second_error = self._field(grid, 2, tr("Une seconde fois :"), confirm)
        buttons = QDialogButtonBox()
        ok = tr("Sauvegarder") if confirm else tr("Restaurer")
        self.ok_button = buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    @staticmethod
    def _field(grid: QGridLayout, row: int, label: str, shown: bool) -> tuple[QLineEdit, QLabel]:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMinimumHeight(36)
        field.setAccessibleName(label.rstrip(" :"))
        caption = QLabel(label)
        caption.setBuddy(field)
        error = wrapped(name="fieldError")
        grid.addWidget(caption, row, 0)
        grid.addWidget(field, row, 1)
        grid.addWidget(error, row + 1, 1)
        for widget in (caption, field, error):
            widget.setVisible(shown)
        return field, error

    def passphrase(self) -> str:
        return self.first.text()

    def try_accept(self) -> None:
        self.first_error.clear()
        self.second_error.clear()
        wrong = self.first
        if not self.first.text():
            self.first_error.setText(tr("Saisissez la phrase secrète."))
        elif self._confirm and len(self.first.text()) < BACKUP_MIN_PASSPHRASE:
            text = tr("Trop courte : au moins {n} caractères.").format(n=BACKUP_MIN_PASSPHRASE)
            self.first_error.setText(text)
        elif self._confirm and self.second.text() != self.first.text():
            self.second_error.setText(tr("Les deux saisies sont différentes : retapez-la."))
            wrong = self.second
        else:
            self.accept()
            return
        wrong.selectAll()
        wrong.setFocus()


class DropZone(QFrame):
    """A large area that takes .age files dropped from the file manager or the mail."""

    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setMinimumHeight(180)
        self.setAccessibleName(tr("Zone de dépôt des fichiers .age"))

    def _hover(self, on: bool) -> None:
        self.setProperty("hover", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if age_paths(event.mimeData()):
            event.acceptProposedAction()
            self._hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover(False)
        paths = age_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
