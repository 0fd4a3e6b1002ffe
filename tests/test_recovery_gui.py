"""Backups from the windows, driven as a person would: « Restaurer une sauvegarde » in the
first-run wizard of a new laptop, the damaged database's screen (at opening, and when the
check after the window is shown finds damage), « Sauvegarder… » and the passphrase."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from desktop.app import make_application, run_setup_wizard
from desktop.desk_services import build_services
from desktop.folder.desk import open_existing, set_up
from desktop.folder.secrets import open_keychain
from models import catalogues, demo
from tests.support.faults import overwrite, pages
from tests.test_setup_gui import next_page, tick, when_modal
from ui.start.setup_wizard import SetupWizard

LEFT = Qt.MouseButton.LeftButton


def visits(desk) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with desk.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM visits")).scalar() or 0)


@pytest.fixture
def cabane(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A cabane with 400 visits; its folder, recovery code and key."""
    folder = tmp_path / "cabane"
    folder.mkdir()
    desk, code = set_up(folder, open_keychain(), catalogues.known_sites()[0], "Awa")
    assert desk.site is not None
    demo.generate_visits(desk.factory, desk.site.id, "93045", 400, days=30, seed=3)
    key = desk.enrolment.key
    desk.close()
    return folder, code, key


def test_a_new_laptop_restores_the_cabane_from_the_wizard(
    qtbot, cabane, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop.folder.backups import write_backup_file
    from models.store.base import paris_now

    folder, code, _key = cabane
    desk = open_existing(folder, open_keychain())
    info = write_backup_file(desk, tmp_path / "usb", paris_now())
    desk.close()
    os.environ["CABANE_TEST_KEYRING"] = str(tmp_path / "new-laptop-keyring.json")
    new_laptop = tmp_path / "nouvel-ordinateur"
    new_laptop.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(info.path), "")
    )
    make_application()
    seen: dict[str, str] = {}

    def steps(wizard) -> None:  # type: ignore[no-untyped-def]
        restore = wizard.site_page.restore_button
        assert restore.isVisible()
        tick(qtbot, restore)
        next_page(qtbot, wizard)
        form = wizard.restore_page.form
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        assert finish.text() == "Restaurer et ouvrir"
        assert not finish.isEnabled()
        qtbot.mouseClick(form.choose_button, LEFT)
        seen["summary"] = form.summary.text()
        qtbot.keyClicks(form.code, "AAAA-" + code[5:])  # a typo first: refused, nothing done
        qtbot.mouseClick(finish, LEFT)
        seen["error"] = form.error.text()
        form.code.clear()
        qtbot.keyClicks(form.code, code.lower())
        qtbot.mouseClick(finish, LEFT)

    failures = when_modal(qtbot, SetupWizard, steps)
    restored = run_setup_wizard(new_laptop, open_keychain())
    assert failures == []
    assert (
        "Cabane des Lilas, sauvegarde du" in seen["summary"] and "400 passages" in seen["summary"]
    )
    assert "mal recopié" in seen["error"] or "n'est pas celui" in seen["error"]
    assert restored is not None and restored.site is not None
    assert restored.site.name == "Cabane des Lilas" and visits(restored) == 400
    restored.close()
    assert open_existing(new_laptop, open_keychain()).site is not None  # key in the keychain


def test_a_damaged_database_offers_the_latest_good_backup(qtbot, cabane) -> None:  # type: ignore[no-untyped-def]
    from desktop.folder.daily_backups import make_daily_backup
    from desktop.folder.faults import DamagedDatabase
    from desktop.recovery_app import offer_recovery
    from ui.start.damaged_screen import DamagedScreen

    folder, _code, key = cabane
    desk = open_existing(folder, open_keychain())
    make_daily_backup(desk.engine, key, folder, date(2026, 11, 29))
    desk.close()
    overwrite(folder / "cabane.db", page=1)
    with pytest.raises(DamagedDatabase) as damaged:
        open_existing(folder, open_keychain())
    make_application()
    shown: dict[str, str] = {}

    def steps(screen: DamagedScreen) -> None:
        shown["text"] = " ".join(
            label.text()
            for label in screen.findChildren(type(screen.error))
            if label.isVisibleTo(screen)
        )
        assert screen.restore_button is not None and screen.focusWidget() is screen.restore_button
        qtbot.mouseClick(screen.restore_button, LEFT)

    failures = when_modal(qtbot, DamagedScreen, steps)
    reopened = offer_recovery(folder, open_keychain(), damaged.value.code, damaged.value.key)
    assert failures == []
    assert "abîmée" in shown["text"] and "Dernière sauvegarde en bon état" in shown["text"]
    assert "400 passages" in shown["text"]
    assert "code de secours" not in shown["text"]
    assert reopened is not None and visits(reopened) == 400
    reopened.close()
    kept = list((folder / "backups").glob("abimee-*/cabane.db"))
    assert len(kept) == 1  # the damaged file is kept aside, never deleted


def test_without_any_backup_the_screen_offers_a_file(qtbot, cabane) -> None:  # type: ignore[no-untyped-def]
    from desktop.recovery_app import offer_recovery
    from ui.start.damaged_screen import DamagedScreen

    folder, _code, key = cabane
    overwrite(folder / "cabane.db", page=1)
    make_application()
    shown: dict[str, bool | str] = {}

    def steps(screen: DamagedScreen) -> None:
        shown["no_copy"] = "Aucune sauvegarde en bon état" in " ".join(
            label.text() for label in screen.findChildren(type(screen.error))
        )
        shown["form"] = screen.file_form.isVisibleTo(screen)
        screen.reject()

    failures = when_modal(qtbot, DamagedScreen, steps)
    assert offer_recovery(folder, open_keychain(), "damaged_header", key) is None
    assert failures == [] and shown == {"no_copy": True, "form": True}


def test_the_check_after_start_finds_a_damaged_page(qtbot, cabane) -> None:  # type: ignore[no-untyped-def]
    from desktop.recovery_app import start_checks
    from ui.desk.main_window import MainWindow

    folder, _code, _key = cabane
    database = folder / "cabane.db"
    desk = open_existing(folder, open_keychain())
    desk.engine.dispose()
    overwrite(database, page=pages(database) - 2)
    window = MainWindow(build_services(desk))
    qtbot.addWidget(window)
    found: list[str] = []
    start_checks(window, desk, found.append)
    qtbot.waitUntil(lambda: found != [], timeout=10_000)
    assert found == ["damaged_page"]
    assert not list((folder / "backups").glob("*-quotidienne.db"))  # no damaged copy kept
    desk.close()


def test_the_referent_saves_a_backup_from_the_desk(qtbot, window, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    menu = window.desk_menu
    usb = tmp_path / "usb"
    usb.mkdir()
    menu.save_into(usb)
    qtbot.waitUntil(lambda: "Sauvegarde écrite" in window.confirmation_text.text(), timeout=10_000)
    assert len(list(usb.glob("cabane_lilas_*.sauvegarde"))) == 1
    assert menu.passphrase_action is None  # a keychain here: no passphrase to change
    services.staff.add("Inès", "accueil", 1)
    window.fill_staff()
    window.staff_box.setCurrentIndex(window.staff_box.findText("Inès"))
    menu.backup_action.trigger()
    assert "Réservé à la référente" in window.confirmation_text.text()


def test_a_usb_key_that_refuses_is_said(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "pas-un-dossier"
    blocked.write_text("x")  # a file where the folder should be
    window.desk_menu.save_into(blocked)
    qtbot.waitUntil(lambda: "n'a pas pu être écrite" in window.confirmation_text.text())
    assert window.confirmation.property("problem")


def test_the_passphrase_changes_and_the_recovery_code_still_opens(
    qtbot, data_dir: Path, no_keychain
) -> None:  # type: ignore[no-untyped-def]
    from desktop.folder.desk import open_with_recovery_code
    from desktop.folder.faults import WrongKeyError
    from ui.desk.desk_menu import PassphraseDialog
    from ui.desk.main_window import MainWindow

    desk, code = set_up(
        data_dir, None, catalogues.known_sites()[0], "Awa", passphrase="ancienne phrase"
    )
    window = MainWindow(build_services(desk))
    qtbot.addWidget(window)
    menu = window.desk_menu
    assert menu.passphrase_action is not None

    def steps(dialog: PassphraseDialog) -> None:
        qtbot.keyClicks(dialog.current, "pas la bonne")
        qtbot.keyClicks(dialog.new, "nouvelle phrase")
        qtbot.keyClicks(dialog.confirm, "nouvelle phrase")
        dialog._try()
        assert "incorrecte" in dialog.error.text()
        dialog.current.clear()
        qtbot.keyClicks(dialog.current, code)  # a forgotten passphrase: the code works
        dialog._try()

    failures = when_modal(qtbot, PassphraseDialog, steps)
    menu.passphrase_action.trigger()
    assert failures == []
    assert "Phrase secrète changée" in window.confirmation_text.text()
    desk.close()
    with pytest.raises(WrongKeyError):
        open_existing(data_dir, None, "ancienne phrase")
    again = open_existing(data_dir, None, "nouvelle phrase")
    again.close()
    open_with_recovery_code(data_dir, None, code).close()


def drive_desk(qtbot, restore_clicks: list[str], windows: list[str], done: list[bool]) -> None:  # type: ignore[no-untyped-def]
    """As a person would: « Restaurer cette sauvegarde » on the damaged screen, and
    close the desk's window once it is shown (and its start check had time to run)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.desk.main_window import MainWindow
    from ui.start.damaged_screen import DamagedScreen

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, DamagedScreen) and modal.restore_button is not None:
            restore_clicks.append("restore")
            qtbot.mouseClick(modal.restore_button, LEFT)
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        for window in shown:
            if window.isVisible() and window.property("seen_at") is None:
                window.setProperty("seen_at", len(windows))
                windows.append("shown")
                QTimer.singleShot(1500, window.close)  # the start check runs meanwhile
        if not done:  # until run_desk returned: never into the next test
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)


@pytest.mark.parametrize("where", ["first page, at opening", "later page, after start"])
def test_the_desk_comes_back_on_its_backup(qtbot, cabane, where: str) -> None:  # type: ignore[no-untyped-def]
    import sys

    from desktop.app import run_desk
    from desktop.folder.daily_backups import make_daily_backup

    folder, _code, key = cabane
    desk = open_existing(folder, open_keychain())
    make_daily_backup(desk.engine, key, folder, date(2026, 11, 29))
    desk.close()
    database = folder / "cabane.db"
    overwrite(database, page=1 if where.startswith("first") else pages(database) - 2)
    clicks: list[str] = []
    windows: list[str] = []
    done: list[bool] = []
    drive_desk(qtbot, clicks, windows, done)
    hook = sys.excepthook
    try:
        assert run_desk(folder, exit_when_ready=False, started=0.0) == 0
    finally:
        sys.excepthook = hook
        done.append(True)
    assert clicks == ["restore"]
    # Damaged at opening: the desk opens once, on the backup. Found after start: the
    # window closes at once, and the desk opens again on the backup.
    assert len(windows) == (1 if where.startswith("first") else 2)
    reopened = open_existing(folder, open_keychain())
    assert visits(reopened) == 400
    reopened.close()
