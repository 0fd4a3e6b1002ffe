"""« Clé de signature de la cabane »: what the coordination needs to recognise this
cabane's weekly files — the fingerprint to read aloud on the phone, the public key as a
QR code, and the small file to hand over (nothing secret in any of them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.qr_code import QrCodeWidget
from ui.widgets.texts import tr


@dataclass(frozen=True)
class SigningKeyInfo:
    fingerprint: str
    public: str
    file_bytes: bytes
    file_name: str


class SigningKeyDialog(QDialog):
    def __init__(self, info: SigningKeyInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(tr("Clé de signature de la cabane"))
        self.setMinimumWidth(560)
        intro = QLabel(
            tr(
                "La coordination reconnaît les fichiers de cette cabane à cette clé. "
                "Donnez-lui le fichier de clé (par courriel ou clé USB), ou lisez-lui "
                "l'empreinte au téléphone quand elle reçoit le premier fichier."
            )
        )
        intro.setWordWrap(True)
        title = QLabel(tr("Empreinte"))
        title.setObjectName("sectionTitle")
        self.fingerprint = QLabel(info.fingerprint)
        self.fingerprint.setObjectName("recoveryCode")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        qr = QrCodeWidget(info.public)
        qr.setFixedSize(180, 180)
        public = QLabel(tr("Clé publique : {key}").format(key=info.public))
        public.setWordWrap(True)
        public.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(tr("Enregistrer le fichier de clé…"))
        self.save_button.setMinimumHeight(40)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(qr)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(self.fingerprint)
        text.addWidget(public)
        text.addStretch(1)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

    def save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Enregistrer le fichier de clé"),
            str(Path.home() / self.info.file_name),
            tr("Clé de cabane (*.json)"),
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        try:
            path.write_bytes(self.info.file_bytes)
        except OSError:
            self.message.setText(
                tr("Impossible d'écrire {path} (clé USB retirée, dossier protégé ?).").format(
                    path=path
                )
            )
            return
        self.message.setText(tr("Fichier de clé enregistré : {path}").format(path=path))
