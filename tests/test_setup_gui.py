"""First run and unlocking, driven as a person would: the wizard, the recovery code, the prompts."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWizard

from desktop.app import make_application, run_setup_wizard, unlock
from desktop.folder.desk import open_existing
from desktop.folder.secrets import load_config, open_keychain
from ui.start.secret_prompt import SecretPromptDialog
from ui.start.setup_wizard import SetupWizard

LEFT = Qt.MouseButton.LeftButton
CODE = re.compile(r"^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$")


def when_modal(qtbot, kind: type, steps: Callable[[object], None]) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``steps`` on the modal dialog of ``kind`` once it is open; collect failures."""
    failures: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, run)
            return
        try:
            steps(dialog)
        except AssertionError as error:  # reported by the test, after exec() returns
            failures.append(str(error) or "assertion failed")
            dialog.reject()

    QTimer.singleShot(0, run)
    return failures


def tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click on the box itself, as a person does (the widget may be wider than its text)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def next_page(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)


def test_wizard_sets_up_a_cabane_and_shows_the_recovery_code_once(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    make_application()
    shown: dict[str, str] = {}

    def steps(wizard: SetupWizard) -> None:
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert not next_button.isEnabled()  # a cabane must be chosen
        lilas = next(b for b in wizard.site_page.group.buttons() if b.property("code") == "lilas")
        tick(qtbot, lilas)
        next_page(qtbot, wizard)
        centre = wizard.centre_page  # the cabane's PMI centre, for the appointment slips
        shown["centre"] = centre.name.text()
        qtbot.keyClicks(centre.address, "12 rue de Paris")
        qtbot.keyClicks(centre.phone, "01 43 60 x")
        next_page(qtbot, wizard)  # refused beside the form, the page stays
        shown["phone_error"] = centre.error.text()
        centre.phone.clear()
        qtbot.keyClicks(centre.phone, "01 43 60 00 00")
        qtbot.keyClicks(centre.hours, "lundi au vendredi 9 h - 17 h")
        next_page(qtbot, wizard)
        qtbot.keyClicks(wizard.team_page.staff_name, "Awa")
        next_page(qtbot, wizard)
        shown["code"] = wizard.code_page.code.text()
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        assert not finish.isEnabled()  # not before the code is kept
        tick(qtbot, wizard.code_page.kept)
        assert wizard.code_page.kept.isChecked(), "box not ticked"
        assert finish.isEnabled()
        qtbot.mouseClick(finish, LEFT)

    failures = when_modal(qtbot, SetupWizard, steps)
    desk = run_setup_wizard(data_dir, open_keychain())
    assert failures == []
    assert desk is not None and desk.site is not None
    assert desk.site.name == "Cabane des Lilas" and desk.site.commune == "93045"
    assert CODE.match(shown["code"])
    assert shown["centre"]  # the catalogue's centre, proposed
    assert "téléphone" in shown["phone_error"].lower()
    from models.orientations.partners import PmiCentres

    centre = PmiCentres(desk.factory).all()[0]
    assert (centre.name, centre.address, centre.phone) == (
        shown["centre"],
        "12 rue de Paris",
        "01 43 60 00 00",
    )
    assert centre.opening_hours == "lundi au vendredi 9 h - 17 h"
    desk.close()
    reopened = open_existing(data_dir, open_keychain())  # the key is in the keychain
    reopened.close()


def test_wizard_describes_a_new_site(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    make_application()

    def steps(wizard: SetupWizard) -> None:
        other = next(
            b for b in wizard.site_page.group.buttons() if b.property("code") == "__other__"
        )
        tick(qtbot, other)
        next_page(qtbot, wizard)
        qtbot.keyClicks(wizard.new_site_page.name, "Cabane de Bondy")
        assert not hasattr(wizard.new_site_page, "code")  # the short name is never asked
        page = wizard.new_site_page
        page.commune.setCurrentIndex(page.commune.findData("93010"))
        next_page(qtbot, wizard)
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a centre
        qtbot.keyClicks(wizard.centre_page.name, "Centre de PMI Jean Jaures")
        next_page(qtbot, wizard)
        qtbot.keyClicks(wizard.team_page.staff_name, "Nadia")
        next_page(qtbot, wizard)
        tick(qtbot, wizard.code_page.kept)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)

    failures = when_modal(qtbot, SetupWizard, steps)
    desk = run_setup_wizard(data_dir, open_keychain())
    assert failures == []
    assert desk is not None and desk.site is not None
    assert (desk.site.code, desk.site.commune) == ("bondy", "93010")  # made from the name
    desk.close()


def test_without_keychain_the_wizard_asks_for_a_passphrase(
    qtbot, data_dir: Path, no_keychain
) -> None:  # type: ignore[no-untyped-def]
    make_application()
    errors: list[str] = []

    def steps(wizard: SetupWizard) -> None:
        tick(qtbot, wizard.site_page.group.buttons()[1])
        next_page(qtbot, wizard)
        next_page(qtbot, wizard)  # the PMI centre, as the catalogue knows it
        team = wizard.team_page
        assert team.passphrase.isVisibleTo(wizard)
        qtbot.keyClicks(team.staff_name, "Awa")
        qtbot.keyClicks(team.passphrase, "un bebe qui dort")
        qtbot.keyClicks(team.confirm, "un bebe qui rit")
        next_page(qtbot, wizard)
        errors.append(team.error.text())
        team.confirm.clear()
        qtbot.keyClicks(team.confirm, "un bebe qui dort")
        next_page(qtbot, wizard)
        tick(qtbot, wizard.code_page.kept)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)

    failures = when_modal(qtbot, SetupWizard, steps)
    desk = run_setup_wizard(data_dir, None)
    assert failures == []
    assert errors == ["Les deux phrases secrètes ne sont pas identiques."]
    assert desk is not None and "phrase secrète" in desk.enrolment.where
    desk.close()
    config = load_config(data_dir)
    assert config is not None and config.key_storage == "passphrase"


def test_recovery_code_prints_as_a_readable_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    make_application()
    wizard = SetupWizard(lambda site, staff, passphrase: "ABCD-" * 13 + "EFGH", True)
    qtbot.addWidget(wizard)
    wizard.site_page.group.buttons()[0].setChecked(True)
    wizard.recovery_code = "ABCD-" * 13 + "EFGH"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "code.pdf"))
    wizard.recovery_document().print_(printer)
    text = " ".join(PdfReader(tmp_path / "code.pdf").pages[0].extract_text().split())
    assert "code de secours" in text
    assert "ABCD-" * 13 + "EFGH" in text.replace(" ", "")


def test_a_lost_key_is_re_enrolled_with_the_recovery_code(qtbot, desk, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    from desktop.folder.secrets import recovery_code

    make_application()
    code = recovery_code(desk.enrolment.key)
    desk.close()
    config = load_config(desk.folder)
    memory_keyring.delete_password("cabane", config.keyring_name)
    messages: list[str] = []

    def steps(dialog: SecretPromptDialog) -> None:
        qtbot.keyClicks(dialog.field, "AAAA-BBBB")
        qtbot.mouseClick(dialog.ok_button, LEFT)
        messages.append(dialog.error.text())
        dialog.field.clear()
        qtbot.keyClicks(dialog.field, code.lower().replace("-", " "))
        qtbot.mouseClick(dialog.ok_button, LEFT)

    failures = when_modal(qtbot, SecretPromptDialog, steps)
    reopened = unlock(desk.folder, open_keychain())
    assert failures == []
    assert messages and "mal recopié" in messages[0]
    assert reopened is not None and reopened.site is not None
    reopened.close()
    assert memory_keyring.get_password("cabane", config.keyring_name) == desk.enrolment.key.hex()


def test_passphrase_prompt_refuses_a_wrong_one(qtbot, data_dir: Path, no_keychain) -> None:  # type: ignore[no-untyped-def]
    from desktop.folder.desk import set_up
    from models import catalogues

    make_application()
    desk, _ = set_up(
        data_dir, None, catalogues.known_sites()[0], "Awa", passphrase="le parc des sentes"
    )
    desk.close()
    messages: list[str] = []

    def steps(dialog: SecretPromptDialog) -> None:
        qtbot.keyClicks(dialog.field, "le parc des lilas")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        messages.append(dialog.error.text())
        dialog.field.clear()
        qtbot.keyClicks(dialog.field, "le parc des sentes")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    failures = when_modal(qtbot, SecretPromptDialog, steps)
    reopened = unlock(data_dir, None)
    assert failures == []
    assert messages == ["Phrase secrète incorrecte. Vérifiez les majuscules et réessayez."]
    assert reopened is not None
    reopened.close()


def test_wizard_sets_up_the_coordination_workspace(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.folder.desk import is_coordination

    make_application()

    def steps(wizard: SetupWizard) -> None:
        coordination = next(
            b for b in wizard.site_page.group.buttons() if b.property("code") == "__coordination__"
        )
        tick(qtbot, coordination)
        next_page(qtbot, wizard)
        assert not wizard.team_page.staff_name.isVisibleTo(wizard)  # no staff name needed
        assert wizard.team_page.title() == "Protection des données"  # not « Votre équipe »
        next_page(qtbot, wizard)
        assert CODE.match(wizard.code_page.code.text())
        said = wizard.code_page.explanation.text()
        assert "données de la coordination" in said and "cabane" not in said
        finish = wizard.button(QWizard.WizardButton.FinishButton).text()
        assert finish == "Ouvrir la coordination"
        tick(qtbot, wizard.code_page.kept)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)

    failures = when_modal(qtbot, SetupWizard, steps)
    desk = run_setup_wizard(data_dir, open_keychain())
    assert failures == []
    assert desk is not None and desk.site is None
    assert is_coordination(data_dir)
    desk.close()


def test_the_wizard_fits_a_small_laptop_screen_at_150_percent(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """1280×720 at 150 %: 853×480 logical pixels, less the task bar. « Suivant » must stay
    on the screen (it used to need 520 pixels of height)."""
    from PySide6.QtCore import QRect

    class SmallScreen:
        def availableGeometry(self) -> QRect:
            return QRect(0, 0, 853, 448)

    make_application()
    monkeypatch.setattr(SetupWizard, "screen", lambda self: SmallScreen())
    wizard = SetupWizard(lambda site, staff, passphrase: "", True)
    qtbot.addWidget(wizard)
    assert wizard.width() <= 853 and wizard.height() <= 448 - 40
    assert wizard.minimumHeight() <= 448 - 40
