"""Starting the desk window: the lock, unlocking or first-run setup, then the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QWidget

from desktop.folder.desk import (
    OpenDesk,
    is_coordination,
    needs_setup,
    open_existing,
    open_with_recovery_code,
    set_up,
    set_up_coordination,
)
from desktop.folder.enrolment import PASSPHRASE_ENV, KeyMissing, PassphraseNeeded
from desktop.folder.faults import EXIT_CODES, DamagedDatabase, OpenRefused, WrongKeyError
from desktop.folder.instance import InstanceLock
from desktop.folder.secrets import BadRecoveryCode, SecretStore, open_keychain, recovery_code
from desktop.logs import log_uncaught
from models import catalogues
from resources import resource_path
from ui.desk.main_window import MainWindow
from ui.widgets.screen import fit_on_screen
from ui.widgets.style import STYLE_SHEET
from ui.widgets.texts import fault_message, tr

if TYPE_CHECKING:
    pass
from desktop.desk_services import attach_lock, build_services

log = logging.getLogger(__name__)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Cabane")
    app.setOrganizationName("PMI93")
    app.setDesktopFileName("cabane")  # matches installer/linux/cabane.desktop (Wayland)
    app.setWindowIcon(QIcon(str(resource_path("icons", "cabane.svg"))))
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    if not app.property("frenchLoaded"):  # once: Qt's own dialogs, and plural forms
        app.setProperty("frenchLoaded", True)
        qt_french = QTranslator(app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_french.load("qtbase_fr", qt_folder):
            app.installTranslator(qt_french)
        plurals = QTranslator(app)
        if plurals.load(str(resource_path("translations", "cabane_fr.qm"))):
            app.installTranslator(plurals)
        else:
            log.warning("French plural forms missing (cabane_fr.qm)")
    return app


def apply_style(app: QApplication) -> None:
    """Style sheet of the desk. Applied once the main window is built: styling each widget
    as it is added costs a third of the window's build time (start-up budget)."""
    if app.styleSheet() != STYLE_SHEET:
        app.setStyleSheet(STYLE_SHEET)


def run_setup_wizard(folder: Path, store: SecretStore | None) -> OpenDesk | None:
    from ui.start.setup_wizard import SetupWizard  # first run only: kept out of the start-up path

    apply_style(QApplication.instance())  # type: ignore[arg-type]
    opened: list[OpenDesk] = []

    def perform(site: catalogues.KnownSite | None, staff: str, passphrase: str | None) -> str:
        if site is None:
            desk = set_up_coordination(folder, store, passphrase)
            code = recovery_code(desk.enrolment.key)
        else:
            desk, code = set_up(folder, store, site, staff, passphrase=passphrase)
        opened.append(desk)
        return code

    from desktop.recovery_app import restore_services

    wizard = SetupWizard(
        perform,
        keychain_available=store is not None,
        restore=restore_services(folder, store, opened),
    )
    accepted = wizard.exec() == QDialog.DialogCode.Accepted
    if opened and not accepted:
        opened[0].close()
    return opened[0] if opened and accepted else None


class PromptNeeded(Exception):
    """Unlocking needs a person at the keyboard, and none is expected (--exit-when-ready)."""


def unlock(folder: Path, store: SecretStore | None, quiet: bool = False) -> OpenDesk | None:
    """Open an existing folder, asking for the passphrase or the recovery code if needed.

    ``CABANE_PASSPHRASE`` opens a passphrase-mode folder without asking (IT scripts, the
    installed program's smoke run); ``quiet`` refuses to ask at all.
    """
    try:
        return open_existing(folder, store)
    except PassphraseNeeded:
        needs_passphrase = True
    except KeyMissing:
        needs_passphrase = False
    given = os.environ.get(PASSPHRASE_ENV)
    if needs_passphrase and given:
        try:
            return open_existing(folder, store, passphrase=given)
        except WrongKeyError as error:
            if quiet:
                raise OpenRefused("wrong_passphrase") from error
    if quiet:
        raise PromptNeeded("passphrase" if needs_passphrase else "recovery code")
    from ui.start.secret_prompt import passphrase_prompt, recovery_prompt  # only when asked

    apply_style(QApplication.instance())  # type: ignore[arg-type]
    if not needs_passphrase:
        return _prompt_until_open(
            recovery_prompt,
            lambda text: open_with_recovery_code(folder, store, text),
            tr("Ce code n'ouvre pas les données de cette cabane. Vérifiez-le."),
        )

    def passphrase_or_code(text: str) -> OpenDesk:
        try:
            return open_existing(folder, store, passphrase=text)
        except WrongKeyError:
            try:  # a forgotten passphrase: the recovery code opens it too
                return open_with_recovery_code(folder, store, text)
            except BadRecoveryCode:
                raise WrongKeyError("passphrase") from None

    return _prompt_until_open(
        passphrase_prompt,
        passphrase_or_code,
        tr("Phrase secrète incorrecte. Vérifiez les majuscules et réessayez."),
    )


def _prompt_until_open(make_dialog, attempt, wrong: str) -> OpenDesk | None:  # type: ignore[no-untyped-def]
    opened: list[OpenDesk] = []
    refusals: list[OpenRefused] = []

    def check(text: str) -> str | None:
        try:
            opened.append(attempt(text))
        except BadRecoveryCode:
            return tr("Code incomplet ou mal recopié : il a 14 groupes de 4 caractères.")
        except WrongKeyError:
            return wrong
        except OpenRefused as refused:  # a storage fault: said by run_desk, not here
            refusals.append(refused)
            dialog.reject()
        return None

    dialog: QDialog = make_dialog(check)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if refusals:
        raise refusals[0]
    return opened[-1] if accepted and opened else None


def _say(parent: QWidget | None, text: str, quiet: bool) -> None:
    print(text, file=sys.stderr)
    if not quiet:
        QMessageBox.warning(parent, tr("Cabane"), text)


def install_error_dialog(folder: Path) -> None:
    """An unexpected error is logged (without personal data) and said in French."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        log_uncaught(kind, error, trace)
        QMessageBox.critical(
            None,
            tr("Cabane"),
            tr(
                "Une erreur inattendue s'est produite. Les passages déjà enregistrés sont "
                "conservés. Si cela se répète, fermez et rouvrez Cabane, puis prévenez la "
                "coordination en indiquant le journal : {path}"
            ).format(path=folder / "logs" / "cabane.log"),
        )

    sys.excepthook = hook


def _offer_recovery(
    folder: Path, store: SecretStore | None, code: str, key: bytes
) -> OpenDesk | None:
    from desktop.recovery_app import offer_recovery  # only when the database is damaged

    apply_style(QApplication.instance())  # type: ignore[arg-type]
    return offer_recovery(folder, store, code, key)


PROMPT_NEEDED = tr(
    "Cabane demande la phrase secrète ou le code de secours : donnez la phrase secrète "
    "dans la variable CABANE_PASSPHRASE."
)


def _open_folder(folder: Path, store: SecretStore | None, quiet: bool) -> OpenDesk | None:
    """The wizard on first run, else unlock; a site-less folder finishes its setup."""
    if needs_setup(folder):
        if quiet:
            raise OpenRefused("not_set_up")
        return run_setup_wizard(folder, store)
    desk = unlock(folder, store, quiet=quiet)
    if desk is not None and desk.site is None and not is_coordination(folder):
        # The key exists but no site was recorded (setup interrupted): finish setting up.
        desk.close()
        desk = None if quiet else run_setup_wizard(folder, store)
    return desk


SHARED_STORE_REFUSED = "shared_store_refused"  # said already; not a fault of this folder


def _show_window(
    app: QApplication, desk: OpenDesk, store: SecretStore | None, quiet: bool, started: float
) -> str | None:
    """The main window until it is closed; the fault code if the start check found the
    database damaged (the window is then closed at once, nothing more written)."""
    window: QMainWindow
    if is_coordination(desk.folder):
        from desktop.coordination_app import coordination_window  # coordination machine only
        from desktop.folder.shared_store import SharedStoreRefused

        try:
            window = coordination_window(desk, store)
        except SharedStoreRefused as refused:  # CABANE_COORDINATION_URL unusable
            _say(None, refused.message, quiet)
            return SHARED_STORE_REFUSED
    else:
        window = MainWindow(build_services(desk))
        attach_lock(window, desk)
    apply_style(app)
    fit_on_screen(window, 1366, 768)  # the size once out of full screen
    damaged: list[str] = []
    if quiet:
        window.show()

        def ready() -> None:
            print(
                tr("Prête en {ms} ms").format(ms=round((time.perf_counter() - started) * 1000)),
                flush=True,
            )
            app.quit()

        QTimer.singleShot(0, ready)
    else:
        window.showMaximized()
        from desktop.recovery_app import start_checks

        def on_damaged(code: str) -> None:
            damaged.append(code)
            window.hide()
            app.quit()

        start_checks(window, desk, on_damaged)
    window.activateWindow()  # after the wizard or a prompt, keys go to the desk at once
    log.info("desk ready")
    app.exec()
    window.deleteLater()
    return damaged[0] if damaged else None


def run_desk(folder: Path, exit_when_ready: bool, started: float) -> int:
    """Open the folder and show the desk; every fault is said in French with its code.

    A damaged database (at opening, or found by the check after the window is shown)
    gets the damaged screen, and the desk reopens on the backup put back."""
    app = make_application()
    if not exit_when_ready:
        install_error_dialog(folder)
    lock = InstanceLock(folder)
    try:
        lock.acquire()
    except OpenRefused as refused:
        _say(None, fault_message(refused.code, folder), exit_when_ready)
        return EXIT_CODES.get(refused.code, 1)
    store = open_keychain()
    desk: OpenDesk | None = None
    try:
        while True:
            if desk is None:
                try:
                    desk = _open_folder(folder, store, exit_when_ready)
                except PromptNeeded:
                    _say(None, PROMPT_NEEDED, exit_when_ready)
                    return 1
                except DamagedDatabase as damaged:
                    if exit_when_ready:
                        _say(None, fault_message(damaged.code, folder), True)
                        return EXIT_CODES[damaged.code]
                    desk = _offer_recovery(folder, store, damaged.code, damaged.key)
                    if desk is None:
                        return EXIT_CODES[damaged.code]
                except OpenRefused as refused:
                    _say(None, fault_message(refused.code, folder), exit_when_ready)
                    return EXIT_CODES.get(refused.code, 1)
            if desk is None:
                return 0
            found = _show_window(app, desk, store, exit_when_ready, started)
            key = desk.enrolment.key
            desk.close()
            desk = None
            if found is None:
                return 0
            if found == SHARED_STORE_REFUSED:
                return 1
            desk = _offer_recovery(folder, store, found, key)  # then the desk reopens on it
            if desk is None:
                return EXIT_CODES[found]
    finally:
        lock.release()
