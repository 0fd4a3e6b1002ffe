"""Starting the desk window: the lock, unlocking or first-run setup, then the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
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
from desktop.folder.faults import WrongKeyError
from desktop.folder.instance import AlreadyRunning, InstanceLock
from desktop.folder.secrets import BadRecoveryCode, SecretStore, open_keychain, recovery_code
from desktop.logs import log_uncaught
from models import catalogues
from models.desk.checkin import CheckInService
from models.desk.families import FamilyService
from models.desk.sites import StaffDirectory
from resources import resource_path
from ui.desk.desk_services import DeskServices
from ui.desk.main_window import MainWindow
from ui.widgets.style import STYLE_SHEET
from ui.widgets.texts import tr

if TYPE_CHECKING:
    from models.desk.sites import SiteInfo
    from models.programme.programme import SessionInfo
    from ui.dashboard.dashboard import DashboardServices
    from ui.exchange.export_window import ExportServices
    from ui.orientations.pending import OrientationServices
    from ui.outreach.outreach_parts import OutreachServices
    from ui.programme.programme_services import ProgrammeServices

log = logging.getLogger(__name__)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Cabane")
    app.setOrganizationName("PMI93")
    app.setDesktopFileName("cabane")  # matches installer/linux/cabane.desktop (Wayland)
    app.setWindowIcon(QIcon(str(resource_path("icons", "cabane.svg"))))
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    if translator.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return app


def apply_style(app: QApplication) -> None:
    """Style sheet of the desk. Applied once the main window is built: styling each widget
    as it is added costs a third of the window's build time (start-up budget)."""
    if app.styleSheet() != STYLE_SHEET:
        app.setStyleSheet(STYLE_SHEET)


def build_services(desk: OpenDesk) -> DeskServices:
    assert desk.site is not None
    return DeskServices(
        site=desk.site,
        checkins=CheckInService(desk.factory, desk.site.id),
        families=FamilyService(desk.factory, desk.site.id),
        staff=StaffDirectory(desk.factory, desk.site.id),
        key_where=desk.enrolment.where,
        export=lambda staff_id: build_export_services(desk, staff_id),
        orientations=lambda staff_id: build_orientation_services(desk, staff_id),
        outreach=lambda staff_id: build_outreach_services(desk, staff_id),
        dashboard=lambda: build_dashboard_services(desk),
        current_session=lambda: current_session(desk),
        programme=lambda staff_id: build_programme_services(desk, staff_id),
    )


def build_programme_services(
    desk: OpenDesk, staff_id: Callable[[], int | None]
) -> ProgrammeServices:
    from models.desk.sites import set_poster_settings
    from models.orientations.partners import PartnerDirectory
    from models.programme.programme import ProgrammeService
    from models.store.base import paris_now
    from ui.programme.programme_services import ProgrammeServices

    assert desk.site is not None
    site_id = desk.site.id

    def save_poster_settings(web_address: str, logo: bytes | None) -> None:
        set_poster_settings(desk.factory, site_id, web_address, logo, staff_id())

    return ProgrammeServices(
        ProgrammeService(desk.factory, site_id),
        PartnerDirectory(desk.factory),
        staff_id,
        paris_now,
        save_poster_settings,
    )


def current_session(desk: OpenDesk) -> SessionInfo | None:
    from models.programme.programme import ProgrammeService

    assert desk.site is not None
    return ProgrammeService(desk.factory, desk.site.id).current()


def build_dashboard_services(desk: OpenDesk) -> DashboardServices:
    from models.figures.dashboard import period_figures, visits_per_week
    from models.store.base import paris_now
    from ui.dashboard.dashboard import DashboardServices

    assert desk.site is not None
    site_id = desk.site.id
    return DashboardServices(
        figures=lambda start, end: period_figures(desk.factory, site_id, start, end),
        visits_per_week=lambda: visits_per_week(desk.factory, site_id),
        now=paris_now,
    )


def build_outreach_services(desk: OpenDesk, staff_id: Callable[[], int | None]) -> OutreachServices:
    from models.outreach.outreach import OutreachLog
    from ui.outreach.outreach_parts import OutreachServices

    assert desk.site is not None
    return OutreachServices(
        OutreachLog(desk.factory, desk.site.id),
        StaffDirectory(desk.factory, desk.site.id).active,
        desk.site.commune,
        staff_id,
    )


def build_orientation_services(
    desk: OpenDesk, staff_id: Callable[[], int | None]
) -> OrientationServices:
    from models.orientations.orientations import OrientationService
    from models.orientations.partners import PartnerDirectory, PmiCentres
    from ui.orientations.pending import OrientationServices

    assert desk.site is not None
    return OrientationServices(
        OrientationService(desk.factory, desk.site.id),
        PartnerDirectory(desk.factory),
        PmiCentres(desk.factory),
        staff_id,
    )


def build_export_services(desk: OpenDesk, staff_id: Callable[[], int | None]) -> ExportServices:
    """The weekly export's services, built when the export is first needed."""
    from desktop import __version__
    from models.desk.sites import current_site, set_coordination_recipients
    from models.exchange.exchange import WeeklyExporter
    from models.figures.indicators import weekly_indicators
    from ui.exchange.export_window import ExportServices

    assert desk.site is not None
    site_id = desk.site.id

    def site() -> SiteInfo:
        found = current_site(desk.factory)
        assert found is not None
        return found

    def set_recipients(keys: tuple[str, ...]) -> SiteInfo:
        return set_coordination_recipients(desk.factory, site_id, keys, staff_id())

    return ExportServices(
        exporter=WeeklyExporter(desk.factory, desk.site, __version__),
        indicators=lambda year, week: weekly_indicators(desk.factory, site_id, year, week),
        site=site,
        set_recipients=set_recipients,
        staff_id=staff_id,
    )


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

    wizard = SetupWizard(perform, keychain_available=store is not None)
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
        except WrongKeyError:
            if quiet:
                raise
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

    def check(text: str) -> str | None:
        try:
            opened.append(attempt(text))
        except BadRecoveryCode:
            return tr("Code incomplet ou mal recopié : il a 14 groupes de 4 caractères.")
        except WrongKeyError:
            return wrong
        return None

    dialog: QDialog = make_dialog(check)
    return opened[-1] if dialog.exec() == QDialog.DialogCode.Accepted and opened else None


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


def start_daily_backup(window: QWidget, desk: OpenDesk) -> None:
    """Today's copy in backups/, off the UI thread, once the window is up (DESIGN §7)."""
    from desktop.folder.daily_backups import make_daily_backup
    from ui.widgets.background import BackgroundOp

    def failed(error: Exception) -> None:  # the desk goes on; the next start tries again
        log.warning("daily backup failed: %s", type(error).__name__)

    from models.store.base import paris_now

    today = paris_now().date()
    work = BackgroundOp(
        window, lambda: make_daily_backup(desk.engine, desk.enrolment.key, desk.folder, today)
    )
    work.failure(failed).run()


def run_desk(folder: Path, exit_when_ready: bool, started: float) -> int:
    app = make_application()
    if not exit_when_ready:
        install_error_dialog(folder)
    lock = InstanceLock(folder)
    try:
        lock.acquire()
    except AlreadyRunning:
        _say(
            None,
            tr(
                "Cabane est déjà ouverte sur cet ordinateur, pour ce dossier de données. "
                "Utilisez la fenêtre déjà ouverte (regardez dans la barre des tâches)."
            ),
            exit_when_ready,
        )
        return 3
    store = open_keychain()
    if needs_setup(folder):
        if exit_when_ready:
            _say(None, tr("Cabane n'est pas encore installée ici : lancez « cabane setup »."), True)
            return 1
        desk = run_setup_wizard(folder, store)
    else:
        try:
            desk = unlock(folder, store, quiet=exit_when_ready)
        except PromptNeeded:
            _say(
                None,
                tr(
                    "Cabane demande la phrase secrète ou le code de secours : donnez la "
                    "phrase secrète dans la variable CABANE_PASSPHRASE."
                ),
                exit_when_ready,
            )
            return 1
        except WrongKeyError:
            _say(
                None,
                tr(
                    "La clé du trousseau n'ouvre pas la base de données de ce dossier. "
                    "Relancez Cabane et saisissez le code de secours."
                ),
                exit_when_ready,
            )
            return 1
    if desk is not None and desk.site is None and not is_coordination(folder):
        # The key exists but no site was recorded (setup interrupted): finish setting up.
        desk.close()
        desk = None if exit_when_ready else run_setup_wizard(folder, store)
    if desk is None:
        return 0
    window: QMainWindow
    if is_coordination(folder):
        from desktop.coordination_app import coordination_window  # coordination machine only

        window = coordination_window(desk, store)
    else:
        window = MainWindow(build_services(desk))
    apply_style(app)
    window.resize(1366, 768)
    if exit_when_ready:
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
        start_daily_backup(window, desk)
    window.activateWindow()  # after the wizard or a prompt, keys go to the desk at once
    log.info("desk ready")
    code = app.exec()
    desk.close()
    lock.release()
    return code
