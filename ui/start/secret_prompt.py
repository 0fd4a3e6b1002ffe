"""Asking for the passphrase or the recovery code when the keychain cannot give the key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.texts import tr


class SecretPromptDialog(QDialog):
    """One field, a check callback returning an error sentence or None, and no way around it."""

    def __init__(
        self,
        title: str,
        explanation: str,
        check: Callable[[str], str | None],
        hidden: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self._check = check
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setAccessibleName(title)
        self.field.setMinimumHeight(36)
        if hidden:
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(tr("Ouvrir"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Quitter"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _try(self) -> None:
        problem = self._check(self.field.text())
        if problem:
            self.error.setText(problem)
            self.field.selectAll()
            self.field.setFocus()
            return
        self.accept()


def recovery_prompt(check: Callable[[str], str | None], parent: QWidget | None = None) -> QDialog:
    return SecretPromptDialog(
        tr("Code de secours"),
        tr(
            "Cet ordinateur ne trouve pas la clé qui protège les données de la cabane "
            "(nouvelle session, ou trousseau effacé). Saisissez le code de secours imprimé "
            "lors de l'installation : la clé sera remise en place."
        ),
        check,
        hidden=False,
        parent=parent,
    )


def passphrase_prompt(check: Callable[[str], str | None], parent: QWidget | None = None) -> QDialog:
    return SecretPromptDialog(
        tr("Phrase secrète"),
        tr(
            "Cet ordinateur n'a pas de trousseau sécurisé : les données de la cabane sont "
            "protégées par une phrase secrète. Saisissez-la pour ouvrir Cabane. "
            "Phrase oubliée ? Saisissez à la place le code de secours."
        ),
        check,
        hidden=True,
        parent=parent,
    )
