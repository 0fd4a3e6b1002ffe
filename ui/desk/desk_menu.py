"""The desk's « Référente » menu: « Sauvegarder sur une clé USB… », « Changer la phrase
secrète… » (a computer without keychain), « Équipe et verrouillage… » and « Journal des
actions… ». Each is refused to anyone but the référente at the desk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.texts import tr

if TYPE_CHECKING:
    from models.desk.staff_access import StaffAccess
    from ui.desk.audit_journal import JournalServices


@dataclass(frozen=True)
class BackupServices:
    """From desktop/: write the backup file into a folder (a French confirmation; raises
    OSError when the USB key refuses), and change the passphrase (current passphrase or
    recovery code, new one → None, or a French refusal); None with a keychain."""

    save_to: Callable[[Path], str]
    change_passphrase: Callable[[str, str], str | None] | None = None
    access: StaffAccess | None = None  # codes, roles and the lock's delay
    journal: Callable[[], JournalServices] | None = None  # built on first use
    notice: Callable[[], bytes] | None = None  # « Vos données à la cabane » (for everyone)


class PassphraseDialog(QDialog):
    def __init__(
        self, change: Callable[[str, str], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Changer la phrase secrète"))
        self.setMinimumWidth(560)
        self._change = change
        intro = QLabel(
            tr(
                "La nouvelle phrase secrète sera demandée à chaque ouverture de Cabane. "
                "Le code de secours imprimé reste le même."
            )
        )
        intro.setWordWrap(True)
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.confirm = QLineEdit()
        for field, name in (
            (self.current, tr("Phrase secrète actuelle, ou code de secours")),
            (self.new, tr("Nouvelle phrase secrète")),
            (self.confirm, tr("Nouvelle phrase secrète, une seconde fois")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.setMinimumHeight(36)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Actuelle (ou code de secours) :"), self.current)
        form.addRow(tr("Nouvelle (10 caractères au moins) :"), self.new)
        form.addRow(tr("Une seconde fois :"), self.confirm)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Changer"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _try(self) -> None:
        if self.new.text() != self.confirm.text():
            self.error.setText(tr("Les deux nouvelles phrases ne sont pas identiques."))
            self.confirm.setFocus()
            return
        refused = self._change(self.current.text(), self.new.text())
        if refused is not None:
            self.error.setText(refused)
            return
        self.accept()


class DeskMenu(QPushButton):
    """« Référente » in the desk's tool bar. ``allowed`` says whether the person at the desk
    may use it (the référente), ``said`` shows a sentence in the desk's banner."""

    def __init__(
        self,
        services: BackupServices,
        allowed: Callable[[], bool],
        said: Callable[[str, bool], None],
        staff_id: Callable[[], int | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._allowed = allowed
        self._said = said
        self._staff_id = staff_id
        self.setText(tr("Référente"))
        self.setAccessibleName(tr("Référente : sauvegarde, équipe, journal"))
        menu = QMenu(self)
        self.backup_action = menu.addAction(tr("Sauvegarder sur une clé USB…"))
        self.backup_action.triggered.connect(self.save_backup)
        self.passphrase_action = None
        if services.change_passphrase is not None:
            self.passphrase_action = menu.addAction(tr("Changer la phrase secrète…"))
            self.passphrase_action.triggered.connect(self.change_passphrase)
        menu.addSeparator()
        self.team_action = menu.addAction(tr("Équipe et verrouillage…"))
        self.team_action.triggered.connect(self.open_team)
        self.team_action.setVisible(services.access is not None)
        self.journal_action = menu.addAction(tr("Journal des actions…"))
        self.journal_action.triggered.connect(self.open_journal)
        self.journal_action.setVisible(services.journal is not None)
        menu.addSeparator()
        self.notice_action = menu.addAction(tr("Notice « Vos données à la cabane »…"))
        self.notice_action.triggered.connect(self.show_notice)
        self.notice_action.setVisible(services.notice is not None)
        self.setMenu(menu)
        self._preview: QWidget | None = None
        self.saving = False

    def _check_allowed(self) -> bool:
        if self._allowed():
            return True
        self._said(
            tr(
                "Réservé à la référente de la cabane : choisissez-la dans « À l'accueil », "
                "puis recommencez."
            ),
            True,
        )
        return False

    def save_backup(self) -> None:
        if self.saving or not self._check_allowed():
            return
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Où écrire la sauvegarde ? (la clé USB)"), str(Path.home())
        )
        if chosen:
            self.save_into(Path(chosen))

    def save_into(self, folder: Path) -> None:
        """Write the backup file off the UI thread; the result in the desk's banner."""
        self.saving = True
        self._said(tr("Sauvegarde en cours…"), False)

        def done(text: str) -> None:
            self.saving = False
            self._said(text, False)

        def failed(_error: Exception) -> None:
            self.saving = False
            self._said(
                tr(
                    "La sauvegarde n'a pas pu être écrite dans {folder} : clé USB pleine, "
                    "retirée ou protégée. Rien n'a changé dans la cabane."
                ).format(folder=folder),
                True,
            )

        from ui.widgets.background import BackgroundOp  # loaded on first use, not at start

        BackgroundOp(self, lambda: self.services.save_to(folder)).success(done).failure(
            failed
        ).run()

    def change_passphrase(self) -> None:
        change = self.services.change_passphrase
        if change is None or not self._check_allowed():
            return
        dialog = PassphraseDialog(change, self.window())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._said(tr("Phrase secrète changée. Le code de secours reste le même."), False)

    def open_team(self) -> None:
        if self.services.access is None or not self._check_allowed():
            return
        from ui.desk.team_dialog import TeamDialog

        TeamDialog(self.services.access, self._staff_id(), self.window()).exec()

    def open_journal(self) -> None:
        if self.services.journal is None or not self._check_allowed():
            return
        from ui.desk.audit_journal import AuditJournalDialog

        AuditJournalDialog(self.services.journal(), self.window()).exec()

    def show_notice(self) -> None:
        """The notice for families, to print: anyone at the desk may."""
        from ui.widgets.pdf_preview import preview_in_background

        build = self.services.notice
        if build is None:
            return

        def keep(dialog: QWidget) -> None:
            self._preview = dialog

        preview_in_background(
            build,
            tr("Vos données à la cabane"),
            "vos-donnees.pdf",
            self.window(),
            keep,
            lambda text: self._said(text, True),
        )
