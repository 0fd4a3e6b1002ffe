"""Render every window to PNG, to look at them: ``make screenshots``.

One folder per screen Cabane is made for (tests/support/screens.py):
``screenshots/<width>x<height>[@scale]/<window>.png``. Each window opens as the app opens
it (ui/widgets/screen.py) and is checked to fit (tests/support/fit.py); any that does not
is printed and the run fails. Uses a throwaway data folder and a test keychain; never the
user's data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMenu, QWidget, QWizard

PROBLEMS: list[str] = []


def _save(widget: QWidget, folder: Path, name: str) -> None:
    from tests.support.a11y import nameless_controls
    from tests.support.fit import overflows

    QApplication.processEvents()
    path = folder / f"{name}.png"
    image = widget.grab()
    image.save(str(path))
    if widget.isWindow() and not isinstance(widget, QMenu):
        PROBLEMS.extend(f"{name}: {problem}" for problem in overflows(widget))
        PROBLEMS.extend(
            f"{name}: sans nom pour un lecteur d'écran : {control}"
            for control in nameless_controls(widget)
        )
    screen = widget.screen().size() * widget.screen().devicePixelRatio()
    if image.width() > screen.width() or image.height() > screen.height():
        PROBLEMS.append(f"{name}: image {image.width()}×{image.height()} plus grande que l'écran")
    print(path)


def main(out: str) -> int:
    """Every screen in its own process (a Qt screen is chosen before the application)."""
    from tests.support.screens import SCREENS, offscreen_platform

    failed = []
    for name in SCREENS:
        platform, scale = offscreen_platform(name)
        env = os.environ | {"QT_QPA_PLATFORM": platform, "QT_SCALE_FACTOR": scale}
        command = [sys.executable, "-m", "tests.screenshots", "--screen", str(Path(out) / name)]
        if subprocess.run(command, env=env, check=False).returncode != 0:
            failed.append(name)
    if failed:
        print("Fenêtres à revoir sur : " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


def shoot(out: str) -> int:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cabane-shots-"))
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
    os.environ["CABANE_TEST_KEYRING"] = str(work / "keyring.json")

    from desktop.app import apply_style, make_application
    from desktop.desk_services import build_services
    from desktop.folder.desk import set_up
    from desktop.folder.secrets import open_keychain
    from models import catalogues
    from models.desk.checkin import VisitDraft
    from models.store.base import paris_now
    from ui.desk.main_window import MainWindow
    from ui.start.setup_wizard import SetupWizard
    from ui.widgets.screen import fit_on_screen

    app = make_application()
    apply_style(app)

    def perform(site: catalogues.KnownSite, staff: str, passphrase: str | None) -> str:
        desk, code = set_up(work / "wizard", open_keychain(), site, staff, passphrase=passphrase)
        desk.close()
        return code

    (work / "wizard").mkdir()
    wizard = SetupWizard(perform, keychain_available=True)
    wizard.show()
    _save(wizard, folder, "wizard-1-lieu")
    wizard.site_page.group.buttons()[0].setChecked(True)
    wizard.next()
    wizard.centre_page.address.setText("12 rue de Paris")
    _save(wizard, folder, "wizard-2-centre-pmi")
    wizard.next()
    wizard.team_page.staff_name.setText("Awa")
    _save(wizard, folder, "wizard-3-equipe")
    wizard.next()
    _save(wizard, folder, "wizard-4-code")
    wizard.close()

    no_keychain = SetupWizard(perform, keychain_available=False)
    no_keychain.show()
    no_keychain.site_page.group.buttons()[4].setChecked(True)
    no_keychain.next()
    no_keychain.next()  # past the PMI centre
    _save(no_keychain, folder, "wizard-2-sans-trousseau")
    no_keychain.close()
    assert isinstance(wizard, QWizard)

    (work / "desk").mkdir()
    desk, _code = set_up(work / "desk", open_keychain(), catalogues.known_sites()[0], "Awa")
    services = build_services(desk)
    now = paris_now()
    samples = [
        VisitDraft(
            arrived_at=now.replace(hour=9, minute=40),
            mothers=1,
            children_6_11m=1,
            first_visit="yes",
            known_to_pmi="no",
            heard_via="street",
            commune="93045",
        ),
        VisitDraft(
            arrived_at=now.replace(hour=10, minute=5),
            mothers=1,
            pregnant=1,
            fathers=1,
            children_24_35m=1,
            languages=("ta", "fr"),
            commune="93055",
            interpreter_needed=True,
            heard_via="pmi",
            reasons=("pregnancy",),
        ),
        VisitDraft(
            arrived_at=now.replace(hour=10, minute=20),
            mothers=2,
            children_0_5m=1,
            children_3_5y=2,
            languages=("ar",),
            heard_via="word_of_mouth",
            commune="93048",
            reasons=("play", "meet_parents"),
        ),
    ]
    for draft in samples:
        if draft.arrived_at <= now:
            services.checkins.record(draft, None)
    window = MainWindow(services)
    fit_on_screen(window, 1366, 768)  # as the app opens it (maximised)
    window.show()
    window.refresh_day()
    window.update_export_reminder()
    _save(window, folder, "desk-1-vide")
    panel = window.panel
    panel.counters["mothers"].setValue(1)
    panel.counters["children_6_11m"].setValue(1)
    panel.first_visit.setValue("yes")
    panel.known_to_pmi.setValue("no")
    panel.channel.setValue("street")
    window.save_check_in()
    _save(window, folder, "desk-2-enregistre")
    panel.counters["mothers"].setValue(1)
    panel.commune.setEditText("Nulle part")  # a commune that is not in the list
    window.save_check_in()
    _save(window, folder, "desk-3-erreur")
    panel.reset()
    window.today.table.selectRow(1)
    window.edit_visit(window.today.selected_id() or "")
    _save(window, folder, "desk-4-correction")
    panel.reset()
    _other_windows(window, folder, app)
    from tests.support.survey_shots import survey_screens

    survey_screens(window, desk, folder, _save)
    _backup_screens(window, desk, folder, work)
    _privacy_screens(window, desk, folder)
    window.close()
    desk.close()
    _coordination_screens(folder, work)
    for problem in PROBLEMS:
        print("PROBLÈME — " + problem, file=sys.stderr)
    return 1 if PROBLEMS else 0


def _coordination_screens(folder: Path, work: Path) -> None:
    """The coordination's wizard page and window, on a coordination folder of its own."""
    from desktop.coordination_app import coordination_window
    from desktop.coordination_demo import fill
    from desktop.folder.desk import set_up_coordination
    from desktop.folder.identity import create_identity, secret_key
    from desktop.folder.secrets import open_keychain
    from ui.widgets.screen import fit_on_screen

    (work / "coordination").mkdir()
    store = open_keychain()
    desk = set_up_coordination(work / "coordination", store)
    public = create_identity(desk, store)
    fill(desk, public, [secret_key(desk, store)], 5, 26)  # five demo cabanes, half a year
    window = coordination_window(desk, store)
    fit_on_screen(window, 1366, 768)
    window.show()

    def settled() -> None:  # the figures are counted off the UI thread
        import time

        for _ in range(500):
            QApplication.processEvents()
            if not window.busy():
                break
            time.sleep(0.02)
        QApplication.processEvents()

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settled()
        _save(window, folder, f"coordination-{index + 1}")
    window.tabs.setCurrentWidget(window.figures)
    window.figures.views.setCurrentIndex(1)  # the communes' tile map
    settled()
    _save(window, folder, "coordination-carte")
    window.figures.views.setCurrentIndex(2)  # « Évolution »: a quarter, then a year
    window.figures.kind.setCurrentIndex(window.figures.kind.findData("quarter"))
    settled()
    _save(window, folder, "coordination-evolution")
    window.figures.kind.setCurrentIndex(window.figures.kind.findData("year"))
    settled()
    _save(window, folder, "coordination-evolution-annee")
    window.figures.kind.setCurrentIndex(window.figures.kind.findData("quarter"))
    window.figures.views.setCurrentIndex(3)  # « Questionnaires », masked for publication
    window.figures.publication.setChecked(True)
    settled()
    _save(window, folder, "coordination-questionnaires")
    window.close()
    desk.close()


def _backup_screens(window: QWidget, desk: object, folder: Path, work: Path) -> None:
    """« Sauvegarde », the passphrase change, the wizard's restore page, the damaged screen."""
    from datetime import datetime

    from desktop.folder.backups import write_backup_file
    from desktop.folder.desk import OpenDesk
    from desktop.folder.secrets import open_keychain, recovery_code
    from desktop.recovery_app import restore_services
    from models.store.base import paris_now
    from ui.desk.desk_menu import PassphraseDialog
    from ui.desk.main_window import MainWindow
    from ui.start.damaged_screen import DamagedScreen, DamagedServices
    from ui.start.restore_form import BackupSummary
    from ui.start.setup_wizard import PAGE_RESTORE, SetupWizard
    from ui.widgets.texts import damaged_text

    assert isinstance(window, MainWindow) and isinstance(desk, OpenDesk)
    menu = window.desk_menu.menu()
    menu.popup(window.desk_menu.mapToGlobal(window.desk_menu.rect().bottomLeft()))
    _save(menu, folder, "plus-menu")
    menu.hide()
    dialog = PassphraseDialog(lambda _current, _new: None)
    dialog.show()
    dialog.error.setText("Phrase secrète actuelle (ou code de secours) incorrecte.")
    _save(dialog, folder, "phrase-secrete")
    dialog.close()
    saved = write_backup_file(desk, work / "usb", paris_now())
    code = recovery_code(desk.enrolment.key)
    (work / "new").mkdir()
    wizard = SetupWizard(
        lambda *_args: "",
        keychain_available=False,
        restore=restore_services(work / "new", None, []),
    )
    wizard.show()
    wizard.site_page.restore_button.setChecked(True)
    _save(wizard, folder, "wizard-1-lieu")  # again: the fourth choice is visible
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE
    wizard.restore_page.form.choose(saved.path)
    wizard.restore_page.form.code.setText(code[:29])
    _save(wizard, folder, "wizard-restaurer")
    wizard.close()
    latest = BackupSummary("", datetime(2026, 11, 29, 8, 12), saved.counts)
    for name, copy in (("base-abimee", latest), ("base-abimee-sans-copie", None)):
        screen = DamagedScreen(
            DamagedServices(
                damaged_text("damaged_page"),
                copy,
                lambda: None,
                restore_services(work / "new", open_keychain(), []),
            )
        )
        screen.show()
        _save(screen, folder, name)
        screen.close()


def _document_settings(window: QWidget) -> QWidget:
    """« Réglages des documents », as the programme's « Réglages… » opens it."""
    from datetime import datetime

    from models.store.base import PARIS
    from ui.programme.poster_actions import PosterSettingsDialog

    programme = window.programme_window._services.programme  # type: ignore[attr-defined]
    now = datetime.now(PARIS)
    dialog = PosterSettingsDialog(
        "https://cabanes.seine-saint-denis.fr/aubervilliers",
        None,
        lambda *_args: None,
        window,
        "01 48 39 00 00",
        programme.marked_sensitive_themes(),
        programme.poster_language_choice(now),
    )
    dialog.show()
    return dialog


def _other_windows(window: QWidget, folder: Path, app: QApplication) -> None:
    """The windows opened from the desk's toolbar, each at its usual size."""
    from ui.desk.main_window import MainWindow

    assert isinstance(window, MainWindow)
    opened: list[tuple[str, QWidget]] = []
    window.open_programme()
    opened.append(("programme", window.programme_window))  # type: ignore[arg-type]
    window.open_dashboard()
    opened.append(("tableau-de-bord", window.dashboard_window))  # type: ignore[arg-type]
    window.open_outreach()
    opened.append(("aller-vers", window.outreach_window))  # type: ignore[arg-type]
    window.open_export()
    opened.append(("export", window.export_window))  # type: ignore[arg-type]
    opened.append(("annuaire", window.orientations().open_directory()))
    opened.append(("suivi", window.orientations().open_follow_up()))
    opened.append(("orientations", window.orientations().open_pending()))
    opened.append(("reglages-documents", _document_settings(window)))
    for _ in range(20):  # figures computed off the UI thread
        app.processEvents()
        import time

        time.sleep(0.05)
    for name, shown in opened:
        _save(shown, folder, name)
        shown.close()
    outreach = window.outreach_window
    assert outreach is not None
    outreach.show()
    outreach.start_page.place.setText("Marché de la Mairie")
    outreach.start_outing()
    for counter in ("adults", "pregnant", "children"):
        outreach.tap("counter", counter)
    outreach.tap("orientation", next(iter(outreach.counting.orientation_buttons)))
    _save(outreach, folder, "aller-vers-comptage")
    outreach.close()


def _privacy_screens(window: QWidget, desk: object, folder: Path) -> None:
    """A family's data, the team and lock delay, the journal, the locked desk."""
    from desktop.desk_services import (
        attach_lock,
        build_family_data_services,
        build_journal_services,
    )
    from desktop.folder.desk import OpenDesk
    from models.desk.checkin import VisitDraft
    from models.desk.families import FamilyService
    from models.desk.staff_access import StaffAccess
    from models.store.base import paris_now
    from ui.desk.audit_journal import AuditJournalDialog
    from ui.desk.family_data import FamilyDataDialog
    from ui.desk.main_window import MainWindow
    from ui.desk.team_dialog import TeamDialog

    assert isinstance(window, MainWindow) and isinstance(desk, OpenDesk)
    assert desk.site is not None
    family = FamilyService(desk.factory, desk.site.id).create(
        "Maman de Lina", "06 12 34 56 78", True, 1
    )
    window.services.checkins.record(
        VisitDraft(
            arrived_at=min(paris_now().replace(hour=9, minute=5), paris_now()),
            mothers=1,
            family_id=family.id,
            note="revient jeudi pour l'atelier",
            reasons=("breastfeeding",),
        ),
        1,
    )
    data = FamilyDataDialog(build_family_data_services(desk), family.id, 1)
    data.show()
    _save(data, folder, "famille-donnees")
    data.close()
    window.services.staff.add("Inès", "accueil", 1)
    team = TeamDialog(StaffAccess(desk.factory, desk.site.id), 1)
    team.show()
    _save(team, folder, "equipe-verrouillage")
    team.close()
    journal = AuditJournalDialog(build_journal_services(desk))
    journal.show()
    _save(journal, folder, "journal")
    journal.close()
    from desktop.desk_services import signing_key_info
    from ui.exchange.signing_key_dialog import SigningKeyDialog

    signing = SigningKeyDialog(signing_key_info(desk))
    signing.show()
    _save(signing, folder, "cle-signature")
    signing.close()
    window.fill_staff()
    attach_lock(window, desk)
    lock = window.desk_lock  # type: ignore[attr-defined]
    lock.lock()
    _save(window, folder, "verrouille-1")
    lock.overlay.ask()
    _save(window, folder, "verrouille-2-code")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--screen":
        raise SystemExit(shoot(sys.argv[2]))
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
