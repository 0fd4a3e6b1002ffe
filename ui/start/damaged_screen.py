"""The one screen of a damaged database: what happened, the latest good backup with its
date and counts, and « Restaurer ». The damaged database is never opened for writing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.start.restore_form import BackupSummary, RestoreForm, RestoreServices
from ui.widgets.texts import backup_counts_text, tr


@dataclass(frozen=True)
class DamagedServices:
    """From desktop/: the fault said in French, the latest good copy in backups/ (or
    None), putting it back (None, or a French refusal), and restoring a file instead."""

    fault_text: str
    latest: BackupSummary | None
    put_back: Callable[[], str | None]
    restore_file: RestoreServices


class DamagedScreen(QDialog):
    def __init__(self, services: DamagedServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(tr("Cabane — base de données abîmée"))
        self.setMinimumWidth(620)
        title = QLabel(tr("La base de données de la cabane est abîmée"))
        title.setObjectName("panelTitle")
        title.setWordWrap(True)
        what = QLabel(services.fault_text)
        what.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(what)
        self.restore_button: QPushButton | None = None
        box = QFrame()
        box.setObjectName("confirmation")
        inside = QVBoxLayout(box)
        latest = services.latest
        if latest is not None:
            inside.addWidget(
                self._label(
                    tr(
                        "Dernière sauvegarde en bon état : du {day} à {time}. Elle contient "
                        "{counts}. Ce qui a été saisi depuis sera à ressaisir."
                    ).format(
                        day=latest.made_at.strftime("%d/%m/%Y"),
                        time=latest.made_at.strftime("%H:%M"),
                        counts=backup_counts_text(latest.counts),
                    )
                )
            )
            self.restore_button = QPushButton(tr("Restaurer cette sauvegarde"))
            self.restore_button.setObjectName("primaryAction")
            self.restore_button.setMinimumHeight(44)
            self.restore_button.clicked.connect(self._put_back)
            inside.addWidget(self.restore_button)
        else:
            inside.addWidget(
                self._label(
                    tr(
                        "Aucune sauvegarde en bon état sur cet ordinateur. Si vous avez une "
                        "sauvegarde sur clé USB, restaurez-la ci-dessous ; sinon, prévenez "
                        "la coordination."
                    )
                )
            )
        layout.addWidget(box)
        self.file_form = RestoreForm(services.restore_file)
        self.file_form.setVisible(latest is None)
        self.show_file_button = QPushButton(tr("Restaurer plutôt un fichier (clé USB)…"))
        self.show_file_button.setVisible(latest is not None)
        self.show_file_button.clicked.connect(self._show_file_form)
        self.file_restore_button = QPushButton(tr("Restaurer ce fichier"))
        self.file_restore_button.setVisible(latest is None)
        self.file_restore_button.clicked.connect(self._restore_file)
        layout.addWidget(self.show_file_button)
        layout.addWidget(self.file_form)
        layout.addWidget(self.file_restore_button)
        layout.addWidget(self.error)
        layout.addStretch(1)
        close = QPushButton(tr("Fermer Cabane"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        if self.restore_button is not None:
            self.restore_button.setFocus()

    @staticmethod
    def _label(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _show_file_form(self) -> None:
        self.show_file_button.hide()
        self.file_form.show()
        self.file_restore_button.show()
        self.file_form.choose_button.setFocus()

    def _put_back(self) -> None:
        refused = self.services.put_back()
        if refused is not None:
            self.error.setText(refused)
            return
        self.accept()

    def _restore_file(self) -> None:
        if self.file_form.attempt():
            self.accept()
