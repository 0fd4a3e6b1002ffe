"""The coordination workspace: its key, importing the sites' weekly files, dashboard, report.

Everything slow (keychain, import, report) runs through ``BackgroundOp``; every file
and passphrase dialog goes through an ``ask_*`` attribute that tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.exchange.coordination import CoordinationStore, WeekSummary
from models.exchange.week_store import ImportOutcome
from ui.coordination.annual_box import AnnualReportBox
from ui.coordination.coordination_charts import (
    DashboardTab,
    action_button,
    page,
    row,
    set_status,
    wrapped,
)
from ui.coordination.coordination_style import LOCAL_STYLE
from ui.coordination.import_parts import (
    BACKUP_MIN_PASSPHRASE,
    DropZone,
    PassphraseDialog,
    SecretMissing,
    outcome_line,
)
from ui.coordination.period_tab import PeriodTab
from ui.coordination.report_tab import ReportTab
from ui.widgets.background import BackgroundOp, BusyGuard
from ui.widgets.palette import colour
from ui.widgets.qr_code import QrCodeWidget
from ui.widgets.texts import capitalised, ntr, tr, week_text

GREEN, RED = colour("success"), colour("error")


@dataclass(frozen=True)
class CoordinationServices:
    """What the workspace needs, built by desktop/ (identity and files live there)."""

    store: CoordinationStore
    public_key: Callable[[], str | None]
    create_identity: Callable[[], str]  # returns the public key
    identities: Callable[[], list[str]]  # secret keys; raises if the secret is missing
    write_backup: Callable[[Path, str], None]  # raises a ValueError with .code
    restore_backup: Callable[[Path, str], str]  # returns the public key; ValueError .code
    write_file: Callable[[Path, bytes], None]  # atomic; may raise OSError


class CoordinationWindow(QMainWindow):
    keyChanged = Signal(str)  # the public key, once created or restored
    importsFinished = Signal(list)  # the ImportOutcome of each file
    weeksLoaded = Signal(list)  # the WeekSummary list the dashboard and report show
    reportWritten = Signal(str)  # the report's path

    def __init__(self, services: CoordinationServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ask_open_files: Callable[[str, str], list[str]] = self._open_files_dialog
        self.ask_open_file: Callable[[str, str], str] = self._open_file_dialog
        self.ask_save_file: Callable[[str, str, str], str] = self._save_file_dialog
        self.ask_passphrase: Callable[[bool], str | None] = self._passphrase_dialog
        self._guard = BusyGuard()
        self._pending: list[Path] = []
        self._batch_paths: dict[str, Path] = {}
        self._importing = False
        self.setWindowTitle(tr("Cabane — Coordination"))
        self.setStyleSheet(LOCAL_STYLE)
        self.dashboard = DashboardTab()
        ask = lambda *args: self.ask_save_file(*args)  # noqa: E731  (tests replace it)
        store = services.store
        self.annual = AnnualReportBox(
            store.annual_report, store.site_names, services.write_file, ask, self._run
        )
        self.report = ReportTab(
            store.weeks, services.write_file, ask, self._run, annual=self.annual
        )
        self.report.written.connect(self.reportWritten)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._key_page(), tr("&Clé de la coordination"))
        self.tabs.addTab(self._import_page(), tr("&Importer"))
        self.tabs.addTab(self.dashboard, tr("&Tableau de bord"))
        self.figures = PeriodTab(
            store.figures, store.site_names, store.latest_day, self._save_bytes, self._run
        )
        self.figures.add_surveys(store.surveys)  # « Questionnaires », inside « Chiffres »
        self.tabs.addTab(self.figures, tr("C&hiffres"))
        self.dashboard.withdrawRequested.connect(self.withdraw_week)
        self.tabs.addTab(self.report, tr("&Rapport"))
        self.setCentralWidget(self.tabs)
        self.show_key(services.public_key())
        self.tabs.setCurrentIndex(1 if self.key_text.text() else 0)
        self.refresh_weeks()

    # ----- background work, one way back

    def busy(self) -> bool:
        return self._guard.busy

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        BackgroundOp(self, work).guarded_by(self._guard).success(done).failure(failed).run()

    # ----- dialogs (replaced in tests)

    def _open_files_dialog(self, caption: str, file_filter: str) -> list[str]:
        return QFileDialog.getOpenFileNames(self, caption, "", file_filter)[0]

    def _open_file_dialog(self, caption: str, file_filter: str) -> str:
        return QFileDialog.getOpenFileName(self, caption, "", file_filter)[0]

    def _save_file_dialog(self, caption: str, name: str, file_filter: str) -> str:
        return QFileDialog.getSaveFileName(self, caption, name, file_filter)[0]

    def _save_bytes(self, name: str, data: bytes) -> str:
        """Where the table was written ("" if cancelled); OSError if it could not be."""
        where = self.ask_save_file(tr("Enregistrer le tableau"), name, tr("Fichier CSV (*.csv)"))
        if where:
            self.services.write_file(Path(where), data)
        return where

    def _passphrase_dialog(self, confirm: bool) -> str | None:
        dialog = PassphraseDialog(confirm, self)
        return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # ----- 1. the key

    def _key_page(self) -> QWidget:
        self.create_button = action_button(
            tr("Créer la clé de la coordination"), True, self.create_key
        )
        self.key_caption = wrapped(tr("Clé publique, à donner à chaque cabane :"), "sectionTitle")
        self.key_text = wrapped(name="publicKey")
        self.key_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_text.setAccessibleName(tr("Clé publique de la coordination"))
        self.copy_button = action_button(tr("Copier"), False, self.copy_key)
        self.key_file_button = action_button(
            tr("Enregistrer dans un fichier…"), False, self.save_key_file
        )
        self.backup_button = action_button(tr("Sauvegarder la clé…"), False, self.save_backup)
        self.restore_button = action_button(tr("Restaurer une sauvegarde…"), False, self.restore)
        self.backup_text = wrapped()
        self.key_status = wrapped()
        self.qr = QrCodeWidget()
        self.qr.setFixedSize(240, 240)
        self.qr.setAccessibleName(tr("QR code de la clé publique"))
        column = page(
            wrapped(tr("Clé de la coordination"), "panelTitle"),
            wrapped(
                tr(
                    "Les cabanes chiffrent leur fichier hebdomadaire pour la clé publique de "
                    "la coordination ; seule sa clé secrète, gardée dans le trousseau de cet "
                    "ordinateur, peut les lire, et elle ne va jamais sur l'ordinateur d'une "
                    "cabane."
                )
            ),
            row(self.create_button),
            self.key_caption,
            self.key_text,
            row(self.copy_button, self.key_file_button),
            wrapped(tr("Sauvegarde de la clé secrète"), "sectionTitle"),
            self.backup_text,
            row(self.backup_button, self.restore_button),
            self.key_status,
        )
        widget = QWidget()
        layout = QHBoxLayout(widget)
        layout.addWidget(column, 1)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addSpacing(24)
        return widget

    def show_key(self, public: str | None) -> None:
        self.key_text.setText(public or "")
        self.qr.set_text(public or "")
        self.create_button.setVisible(not public)
        shown = (self.key_caption, self.key_text, self.copy_button, self.key_file_button)
        for widget in (*shown, self.backup_button):
            widget.setVisible(bool(public))
        self.backup_text.setText(
            tr(
                "Sans elle, plus aucun fichier des cabanes ne pourra être lu : gardez une "
                "sauvegarde protégée par une phrase secrète, hors de cet ordinateur."
            )
            if public
            else tr(
                "La coordination a déjà une clé sur un autre ordinateur ? Restaurez sa "
                "sauvegarde au lieu d'en créer une nouvelle."
            )
        )

    def create_key(self) -> None:
        self.create_button.setEnabled(False)
        self._run(self.services.create_identity, self._key_created, self._key_failed)

    def _key_created(self, public: str) -> None:
        self.create_button.setEnabled(True)
        self.show_key(public)
        set_status(self.key_status, tr("Clé créée. Donnez la clé publique aux cabanes."))
        self.key_text.setFocus()
        self.keyChanged.emit(public)

    def _key_failed(self, _error: Exception) -> None:
        self.create_button.setEnabled(True)
        set_status(self.key_status, tr("La clé n'a pas pu être rangée dans le trousseau."), False)

    def save_key_file(self) -> None:
        """The public key as a small text file, for a USB key or an e-mail: each cabane reads
        it with « Lire le fichier de la coordination… » (nothing to retype)."""
        from models.store.files import write_atomically

        name = self._save_file_dialog(
            tr("Enregistrer la clé publique"), "cle-coordination.txt", tr("Texte (*.txt)")
        )
        if not name:
            return
        text = tr(
            "# Clé publique de la coordination des cabanes — à lire dans Cabane : « Export "
            "hebdo… » puis « Lire le fichier de la coordination… ». Elle ne permet de lire "
            "aucune donnée.\n{key}\n"
        ).format(key=self.key_text.text())
        try:
            write_atomically(Path(name), text.encode("utf-8"))
        except OSError:
            set_status(
                self.key_status, tr("Fichier non écrit : choisissez un autre dossier."), False
            )
            return
        set_status(
            self.key_status, tr("Clé publique enregistrée : {name}.").format(name=Path(name).name)
        )

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.key_text.text())
        set_status(self.key_status, tr("Clé publique copiée : collez-la dans la cabane."))

    def save_backup(self) -> None:
        name = self.ask_save_file(
            tr("Sauvegarder la clé de la coordination"),
            "cle-coordination-cabane.age",
            tr("Sauvegarde de clé (*.age)"),
        )
        passphrase = self.ask_passphrase(True) if name else None
        if not name or passphrase is None:
            return
        path = Path(name)
        done = tr(
            "Sauvegarde écrite : {path}. Rangez-la hors de cet ordinateur, "
            "et la phrase secrète à part."
        ).format(path=path)

        def failed(error: Exception) -> None:
            if getattr(error, "code", "") == "passphrase_too_short":
                text = tr("La phrase secrète doit faire au moins {n} caractères.")
            elif isinstance(error, OSError):
                text = tr("Impossible d'écrire {path} : choisissez un autre emplacement.")
            else:
                text = tr("Clé secrète absente : restaurez la sauvegarde.")
            set_status(self.key_status, text.format(n=BACKUP_MIN_PASSPHRASE, path=path), False)

        self._run(
            lambda: self.services.write_backup(path, passphrase),
            lambda _none: set_status(self.key_status, done),
            failed,
        )

    def restore(self) -> None:
        name = self.ask_open_file(
            tr("Restaurer la clé de la coordination"), tr("Sauvegarde de clé (*.age)")
        )
        passphrase = self.ask_passphrase(False) if name else None
        if not name or passphrase is None:
            return

        def done(public: str) -> None:
            self.show_key(public)
            set_status(self.key_status, tr("Clé restaurée : les fichiers des cabanes se lisent."))
            self.keyChanged.emit(public)

        def failed(error: Exception) -> None:
            messages = {
                "wrong_passphrase_or_file": tr(
                    "Phrase secrète incorrecte, ou ce fichier n'est pas une sauvegarde de la "
                    "clé de la coordination. Rien n'a été changé."
                ),
                "unreadable": tr("Fichier illisible : choisissez un autre fichier."),
            }
            text = messages.get(getattr(error, "code", ""), tr("La restauration a échoué."))
            set_status(self.key_status, text, False)

        self._run(lambda: self.services.restore_backup(Path(name), passphrase), done, failed)

    # ----- 2. importing

    def _import_page(self) -> QWidget:
        self.drop_zone = DropZone()
        self.drop_zone.filesDropped.connect(self.import_files)
        self.choose_button = action_button(tr("Choisir des fichiers…"), True, self.choose_files)
        title = wrapped(tr("Déposez ici les fichiers .age reçus des cabanes"), "dropTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inside = QVBoxLayout(self.drop_zone)
        inside.addStretch(1)
        inside.addWidget(title)
        inside.addWidget(QLabel(tr("ou")), 0, Qt.AlignmentFlag.AlignCenter)
        inside.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignCenter)
        inside.addStretch(1)
        self.import_status = wrapped()
        self.results = QListWidget()
        self.results.setObjectName("importResults")
        self.results.setAccessibleName(tr("Résultat de l'import"))
        self.results.setMinimumHeight(260)
        self.results.setWordWrap(True)
        return page(
            wrapped(tr("Importer les fichiers des cabanes"), "panelTitle"),
            self.drop_zone,
            wrapped(
                tr(
                    "Un fichier refusé (abîmé, chiffré pour une autre clé…) n'est pas "
                    "enregistré du tout. Importer deux fois le même fichier ne change rien."
                )
            ),
            self.import_status,
            wrapped(
                tr("Résultat, fichier par fichier (le dernier import en haut)"), "sectionTitle"
            ),
            self.results,
        )

    def choose_files(self) -> None:
        names = self.ask_open_files(
            tr("Importer des fichiers de cabanes"), tr("Fichiers Cabane (*.age)")
        )
        if names:
            self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> None:
        """Import in the background; files given meanwhile wait their turn."""
        self._pending += paths
        if self._importing or not self._pending:
            return
        batch, self._pending = self._pending, []
        self._batch_paths = {path.name: path for path in batch}
        self._importing = True
        set_status(self.import_status, tr("Import en cours ({n} fichiers)…").format(n=len(batch)))

        def work() -> list[ImportOutcome]:
            try:
                identities = self.services.identities()
            except Exception as error:
                raise SecretMissing from error
            return self.services.store.import_paths(batch, identities)

        self._run(work, self._imported, self._import_failed)

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        for at, outcome in enumerate(outcomes):
            item = QListWidgetItem(outcome_line(outcome))
            item.setForeground(RED if outcome.status == "refused" else GREEN)
            self.results.insertItem(at, item)  # the latest batch on top
        refused = sum(1 for o in outcomes if o.status == "refused")
        text = tr("{ok}, {refused}.").format(
            ok=ntr("%n fichier(s) accepté(s)", len(outcomes) - refused),
            refused=ntr("%n refusé(s)", refused),
        )
        set_status(self.import_status, text, refused == 0)
        retry = self._offer_trust(outcomes)
        self._import_ended()
        self.importsFinished.emit(outcomes)
        self.refresh_weeks()
        if retry:
            self.import_files(retry)

    def _offer_trust(self, outcomes: list[ImportOutcome]) -> list[Path]:
        """A cabane seen for the first time, or signing with a new key (a new laptop):
        the fingerprint is shown, a person who checked it with the cabane says yes (a
        replacement is audited); its files are then imported again."""
        from models.exchange.signing import SiteKey

        asked: dict[tuple[SiteKey, bool], list[str]] = {}
        for outcome in outcomes:
            if outcome.code in ("unknown_key", "untrusted_key") and outcome.signing_key:
                key = SiteKey(outcome.site_code, outcome.site_name, outcome.signing_key)
                asked.setdefault((key, outcome.code == "untrusted_key"), []).append(outcome.source)
        retry: list[Path] = []
        for (key, replacing), sources in asked.items():
            if self.confirm_new_cabane(key.site_name, key.fingerprint, replacing):
                self.services.store.register.trust(key, replace=replacing)
                retry += [self._batch_paths[s] for s in sources if s in self._batch_paths]
        return retry

    def confirm_new_cabane(self, name: str, fingerprint: str, replacing: bool = False) -> bool:
        question = (
            tr(
                "« {name} » signe avec une NOUVELLE clé (empreinte :\n\n{fingerprint}\n\n). "
                "Seulement si la cabane a changé d'ordinateur sans sa sauvegarde, et après "
                "avoir vérifié cette empreinte avec elle : remplacer sa clé ?"
            )
            if replacing
            else tr(
                "Premiers fichiers de « {name} ». Empreinte de sa clé de signature :\n\n"
                "{fingerprint}\n\nAppelez la cabane : son écran « Export hebdo » affiche "
                "la même empreinte ? Si oui, faites-lui confiance ; sinon, refusez."
            )
        )
        answer = QMessageBox.question(
            self,
            tr("Clé de signature d'une cabane"),
            question.format(name=name, fingerprint=fingerprint),
            defaultButton=QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _import_failed(self, error: Exception) -> None:
        if isinstance(error, SecretMissing):
            text = tr(
                "Clé secrète absente : restaurez la sauvegarde (onglet « Clé de la coordination »)."
            )
        else:
            text = tr(
                "L'import s'est arrêté sur une erreur : réessayez (rien n'est importé deux fois)."
            )
        set_status(self.import_status, text, False)
        self._import_ended()

    def _import_ended(self) -> None:
        self._importing = False
        if self._pending:
            self.import_files([])

    # ----- 3. dashboard and 4. report, fed by the same weeks

    def ask_reason(self, site: str, year: int, week: int) -> tuple[str, bool]:
        return QInputDialog.getText(
            self,
            tr("Retirer une semaine"),
            tr(
                "Retirer la {week} de « {site} » ? Une révision plus ancienne pourra "
                "de nouveau être importée. Pourquoi (inscrit au journal) :"
            ).format(week=week_text(year, week), site=site),
        )

    def withdraw_week(self, site: str, year: int, week: int) -> None:
        """Withdraw an imported week, with a reason (audited)."""
        reason, ok = self.ask_reason(site, year, week)
        if not ok or not reason.strip():
            return
        try:
            self.services.store.withdraw(site, year, week, reason)
        except (LookupError, ValueError):
            self.dashboard.detail.setText(tr("Semaine non retirée : raison trop longue ?"))
            return
        self.dashboard.detail.setText(
            capitalised(
                tr("{week} retirée pour « {site} ».").format(week=week_text(year, week), site=site)
            )
        )
        self.refresh_weeks()

    def refresh_weeks(self) -> None:
        self._run(self.services.store.weeks, self._weeks_loaded, self._weeks_failed)

    def _weeks_loaded(self, weeks: list[WeekSummary]) -> None:
        self.annual.refresh_sites()
        self.dashboard.set_weeks(weeks)
        self.report.set_weeks(weeks)
        self.weeksLoaded.emit(weeks)

    def _weeks_failed(self, _error: Exception) -> None:
        set_status(self.report.summary, tr("Les semaines importées n'ont pas pu être lues."), False)
