"""The desk's side of backups: restoring a file (wizard, damaged screen), the damaged
database's screen, the start check, and « Sauvegarder… » / the passphrase change."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from desktop.folder.backups import (
    BackupRefused,
    read_backup_info,
    restore_backup_file,
    write_backup_file,
)
from desktop.folder.desk import OpenDesk, open_with_key
from desktop.folder.faults import OpenRefused, os_fault
from desktop.folder.recovery import check_then_back_up, latest_good_copy, put_back
from desktop.folder.secrets import SecretStore
from ui.start.restore_form import BackupSummary, RestoreServices
from ui.widgets.texts import backup_refusal_message, damaged_text, fault_message, tr

log = logging.getLogger(__name__)  # fault codes only


def restore_services(
    folder: Path, store: SecretStore | None, opened: list[OpenDesk]
) -> RestoreServices:
    """Restore a backup file into ``folder``; the opened cabane lands in ``opened``."""

    def describe(path: Path) -> BackupSummary | str:
        try:
            info = read_backup_info(path)
        except BackupRefused as refused:
            return backup_refusal_message(refused.code)
        return BackupSummary(info.site_name, info.created_at, info.counts)

    def restore(path: Path, code: str, passphrase: str | None) -> str | None:
        try:
            opened.append(restore_backup_file(path, folder, store, code, passphrase))
        except BackupRefused as refused:
            return backup_refusal_message(refused.code)
        except OpenRefused as refused:  # the folder itself refuses (read-only, full)
            return fault_message(refused.code, folder)
        except OSError as error:
            return fault_message(os_fault(error).code, folder)
        return None

    return RestoreServices(describe, restore, keychain_available=store is not None)


def offer_recovery(
    folder: Path, store: SecretStore | None, code: str, key: bytes, parent: QWidget | None = None
) -> OpenDesk | None:
    """The damaged database's screen; the reopened cabane once a backup was put back."""
    from ui.start.damaged_screen import DamagedScreen, DamagedServices

    log.error("damaged database: %s", code)
    copy = latest_good_copy(folder, key)
    opened: list[OpenDesk] = []

    def put_it_back() -> str | None:
        assert copy is not None
        try:
            put_back(folder, copy)
            opened.append(open_with_key(folder, store, key))
        except OpenRefused as refused:
            return fault_message(refused.code, folder)
        except OSError as error:
            return fault_message(os_fault(error).code, folder)
        return None

    latest = None if copy is None else BackupSummary("", copy.made_at, copy.counts)
    screen = DamagedScreen(
        DamagedServices(
            damaged_text(code),
            latest,
            put_it_back,
            restore_services(folder, store, opened),
        ),
        parent,
    )
    accepted = screen.exec() == QDialog.DialogCode.Accepted
    return opened[-1] if accepted and opened else None


def start_checks(window: QWidget, desk: OpenDesk, on_damaged: Callable[[str], None]) -> None:
    """After the window is shown, off the UI thread: quick_check, then today's copy, the
    weekly exports a killed process left unfinished, and once a day the retention."""
    from models.store.base import paris_now
    from ui.widgets.background import BackgroundOp

    def failed(error: Exception) -> None:  # the desk goes on; the next start tries again
        log.warning("start check or daily backup failed: %s", type(error).__name__)

    def checked(damaged: str | None) -> None:
        if damaged is not None:
            on_damaged(damaged)

    today = paris_now().date()

    def check() -> str | None:
        from desktop.folder.daily_backups import expire_old_copies
        from models.desk.retention import RETENTION_MONTHS, months_before, purge_if_due
        from models.exchange.exporter import settle_unfinished_exports

        damaged = check_then_back_up(desk.engine, desk.enrolment.key, desk.folder, today)
        if damaged is None:
            settle_unfinished_exports(desk.factory)
            now = paris_now()
            if purge_if_due(desk.factory, now) is not None:  # once a day (DESIGN §7)
                expire_old_copies(desk.folder / "backups", months_before(now, RETENTION_MONTHS))
        return damaged

    work = BackgroundOp(window, check)
    work.success(checked).failure(failed).run()


def save_backup_to(desk: OpenDesk, out_dir: Path) -> str:
    """« Sauvegarder… »: the backup file on the USB key; the French confirmation."""
    from models.store.base import paris_now
    from ui.widgets.texts import backup_counts_text

    info = write_backup_file(desk, out_dir, paris_now())
    return tr(
        "Sauvegarde écrite : {name} ({counts}). Elle s'ouvre avec le code de secours "
        "de la cabane, et lui seul. Rangez la clé USB à part de l'ordinateur."
    ).format(name=info.path.name, counts=backup_counts_text(info.counts))
