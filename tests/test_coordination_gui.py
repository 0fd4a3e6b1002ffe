"""The coordination window: its key, importing real weekly files, dashboard, report, backup."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.folder.identity import BackupRefused
from models import catalogues
from models.demo import add_other_known_sites
from models.desk.checkin import CheckInService, VisitDraft
from models.desk.sites import SiteInfo, set_coordination_recipients
from models.exchange import crypto
from models.exchange.coordination import CoordinationStore
from models.exchange.exporter import WeeklyExporter
from models.store.base import PARIS
from models.store.files import write_atomically
from ui.coordination.coordination_window import CoordinationServices, CoordinationWindow
from ui.coordination.import_parts import PassphraseDialog

PASSPHRASE = "la cabane des lilas 2026"
# (site code, ISO year, ISO week) → (visits, first visits, not known to the PMI)
COUNTS = {
    ("lilas", 2026, 45): (7, 2, 3),
    ("lilas", 2026, 46): (3, 1, 1),
    ("courneuve", 2026, 45): (5, 0, 2),
    ("courneuve", 2026, 46): (9, 4, 6),
}


# ----- building services from real pieces


def make_services(store: CoordinationStore, keys: dict[str, str]) -> CoordinationServices:
    """The identity kept in ``keys`` (secret, public), as desktop/identity keeps it."""

    def create_identity() -> str:
        if "public" not in keys:
            keys["secret"], keys["public"] = crypto.new_identity()
        return keys["public"]

    def identities() -> list[str]:
        if "secret" not in keys:
            raise LookupError("secret")
        return [keys["secret"]]

    def write_backup(path: Path, passphrase: str) -> None:
        if len(passphrase) < 12:
            raise BackupRefused("passphrase_too_short")
        write_atomically(path, crypto.encrypt_with_passphrase(keys["secret"].encode(), passphrase))

    def restore_backup(path: Path, passphrase: str) -> str:
        try:
            secret = crypto.decrypt_with_passphrase(path.read_bytes(), passphrase).decode()
        except crypto.WrongKey as error:
            raise BackupRefused("wrong_passphrase_or_file") from error
        keys["secret"], keys["public"] = secret, crypto.public_key_of(secret)
        return keys["public"]

    return CoordinationServices(
        store=store,
        public_key=lambda: keys.get("public"),
        create_identity=create_identity,
        identities=identities,
        write_backup=write_backup,
        restore_backup=restore_backup,
        write_file=write_atomically,
    )


def record_week(factory, site_id: int, year: int, week: int, counts) -> None:  # type: ignore[no-untyped-def]
    visits, first, unknown = counts
    checkins = CheckInService(factory, site_id)
    monday = datetime.fromisocalendar(year, week, 1).replace(hour=9, tzinfo=PARIS)
    for i in range(visits):
        draft = VisitDraft(
            arrived_at=monday + timedelta(hours=i % 8, days=i % 5),
            mothers=1,
            children_6_11m=1,
            first_visit="yes" if i < first else "no",
            known_to_pmi="no" if i < unknown else "yes",
        )
        checkins.record(draft, None)


def other_site(desk, public: str, code: str) -> SiteInfo:  # type: ignore[no-untyped-def]
    """Another cabane of the département, in the same database (as the CLI's demo does)."""
    others = [k for k in catalogues.known_sites() if k.code != "lilas"]
    ids = dict(
        zip([k.code for k in others], add_other_known_sites(desk.factory, "lilas"), strict=True)
    )
    known = next(k for k in others if k.code == code)
    site_id, commune = ids[code]
    return SiteInfo(
        site_id, code, known.name, commune, known.format, coordination_recipients=(public,)
    )


def weekly_files(desk, public: str, out: Path, counts=None) -> list[Path]:  # type: ignore[no-untyped-def]
    """Real encrypted weekly files of Les Lilas and La Courneuve, one per site and week."""
    lilas = set_coordination_recipients(desk.factory, desk.site.id, (public,), None)
    sites = {"lilas": lilas}
    paths = []
    for (code, year, week), figures in (counts or COUNTS).items():
        if code not in sites:
            sites[code] = other_site(desk, public, code)
        site = sites[code]
        record_week(desk.factory, site.id, year, week, figures)
        exporter = WeeklyExporter(desk.factory, site, "0.1.0")
        paths.append(exporter.export(year, week, out, (public,)).path)
    return paths


# ----- fixtures


@pytest.fixture
def coordination(tmp_path: Path) -> Iterator[CoordinationStore]:
    from desktop.folder.desk import set_up_coordination
    from desktop.folder.secrets import open_keychain

    folder = tmp_path / "coord"
    folder.mkdir()
    opened = set_up_coordination(folder, open_keychain())
    yield CoordinationStore(opened.factory)
    opened.close()


@pytest.fixture
def keys() -> dict[str, str]:
    secret, public = crypto.new_identity()
    return {"secret": secret, "public": public}


@pytest.fixture
def files(desk, keys, tmp_path: Path, coordination) -> list[Path]:  # type: ignore[no-untyped-def]
    out = tmp_path / "recus"
    out.mkdir()
    made = weekly_files(desk, keys["public"], out)
    trust_sites(desk, coordination)  # as after « cabane coordination trust »
    return made


def trust_sites(desk, coordination: CoordinationStore) -> None:  # type: ignore[no-untyped-def]
    """Register the cabanes' signing key (one database here: one key for both sites)."""
    from models.exchange.signing import SiteKey, public_text, signing_secret

    public = public_text(signing_secret(desk.factory))
    for code, name in (("lilas", "Cabane des Lilas"), ("courneuve", "Cabane de La Courneuve")):
        coordination.register.trust(SiteKey(code, name, public))


def open_window(qtbot, store: CoordinationStore, keys: dict[str, str]) -> CoordinationWindow:  # type: ignore[no-untyped-def]
    from desktop.app import make_application

    make_application()
    window = CoordinationWindow(make_services(store, keys))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.busy())
    return window


@pytest.fixture
def window(qtbot, coordination, keys) -> Iterator[CoordinationWindow]:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, coordination, keys)
    yield win
    qtbot.waitUntil(lambda: not win.busy())  # no work left running on a closed database


def result_lines(window: CoordinationWindow) -> list[str]:
    return [window.results.item(i).text() for i in range(window.results.count())]


def import_by_chooser(qtbot, window: CoordinationWindow, paths: list[Path]) -> list:  # type: ignore[no-untyped-def]
    window.ask_open_files = lambda caption, file_filter: [str(p) for p in paths]
    with qtbot.waitSignal(window.importsFinished, timeout=10_000) as finished:
        qtbot.mouseClick(window.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.busy())
    return finished.args[0]


# ----- 1. the key


def test_creating_the_key_shows_it_and_its_qr_code(qtbot, coordination) -> None:  # type: ignore[no-untyped-def]
    keys: dict[str, str] = {}
    window = open_window(qtbot, coordination, keys)
    assert window.tabs.currentIndex() == 0  # no key yet: the key tab comes first
    assert window.create_button.isVisible() and not window.qr.isVisible()
    assert not window.backup_button.isVisible()
    with qtbot.waitSignal(window.keyChanged) as created:
        qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    public = keys["public"]
    assert created.args == [public] and public.startswith("age1")
    assert window.key_text.text() == public
    assert window.key_text.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not window.create_button.isVisible() and window.backup_button.isVisible()
    assert window.qr.isVisible() and window.qr.text() == public
    matrix = window.qr.matrix()
    count = len(matrix)
    assert count == len(matrix[0]) and count >= 21 + 4  # version 1 or more, quiet zone of 2
    assert all(matrix[2][2 + i] for i in range(7))  # the finder pattern's top edge
    assert 0.3 < sum(map(sum, matrix)) / count**2 < 0.6  # about half the modules are dark
    image = window.qr.to_image(300)
    module, left = 300 // count, (300 - 300 // count * count) // 2
    drawn = [
        [
            image.pixelColor(
                left + x * module + module // 2, left + y * module + module // 2
            ).value()
            < 128
            for x in range(count)
        ]
        for y in range(count)
    ]
    assert drawn == matrix  # every module painted as the qrcode package computed it
    assert image.pixelColor(1, 1).value() == 255  # the quiet zone is light
    shown = window.qr.grab().toImage()  # what the window paints, too
    assert any(shown.pixelColor(x, 120).value() < 60 for x in range(shown.width()))
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == public
    assert "copiée" in window.key_status.text()


def test_the_public_key_saved_as_a_file_is_read_by_a_cabane(qtbot, coordination, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.exchange.recipients_editor import keys_in_text

    keys: dict[str, str] = {}
    window = open_window(qtbot, coordination, keys)
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.key_file_button.isVisible())
    saved = tmp_path / "cle-usb" / "cle-coordination.txt"
    saved.parent.mkdir()
    window._save_file_dialog = lambda *_args: str(saved)  # type: ignore[method-assign]
    qtbot.mouseClick(window.key_file_button, Qt.MouseButton.LeftButton)
    assert "cle-coordination.txt" in window.key_status.text()
    text = saved.read_text(encoding="utf-8")
    assert keys_in_text(text) == [keys["public"]]  # what « Lire le fichier… » finds
    assert keys["secret"] not in text  # the secret never leaves the keychain


def test_backup_then_restore_with_the_right_passphrase_only(qtbot, window, keys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "sauvegarde.age"
    original = dict(keys)
    window.tabs.setCurrentIndex(0)
    window.ask_save_file = lambda caption, name, file_filter: str(backup)
    window.ask_passphrase = lambda confirm: PASSPHRASE
    qtbot.mouseClick(window.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sauvegarde écrite" in window.key_status.text())
    assert backup.exists() and original["secret"].encode() not in backup.read_bytes()

    keys.clear()  # the keychain was lost: restore from the backup
    window.ask_open_file = lambda caption, file_filter: str(backup)
    window.ask_passphrase = lambda confirm: "pas la bonne phrase"
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Phrase secrète incorrecte" in window.key_status.text())
    assert keys == {}
    window.ask_passphrase = lambda confirm: PASSPHRASE
    with qtbot.waitSignal(window.keyChanged) as restored:
        qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    assert restored.args == [original["public"]] and keys == original
    assert window.key_text.text() == original["public"]
    assert "Clé restaurée" in window.key_status.text()


def test_a_short_backup_passphrase_is_refused_with_a_french_message(
    qtbot, window, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window.ask_save_file = lambda caption, name, file_filter: str(tmp_path / "cle.age")
    window.ask_passphrase = lambda confirm: "court"
    qtbot.mouseClick(window.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "au moins 12 caractères" in window.key_status.text())
    assert not (tmp_path / "cle.age").exists()


def test_the_passphrase_dialog_says_what_is_wrong_beside_the_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PassphraseDialog(confirm=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first, "trop court")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "au moins 12 caractères" in dialog.first_error.text() and dialog.isVisible()
    dialog.first.setText(PASSPHRASE)
    qtbot.keyClicks(dialog.second, PASSPHRASE + "x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "différentes" in dialog.second_error.text() and dialog.isVisible()
    assert dialog.first_error.text() == ""
    dialog.second.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.passphrase() == PASSPHRASE


# ----- 2. importing


def test_choosing_two_files_imports_them_and_again_says_already_imported(
    qtbot, window, files, coordination
) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(1)
    outcomes = import_by_chooser(qtbot, window, files[:2])
    assert [o.status for o in outcomes] == ["imported", "imported"]
    lines = result_lines(window)
    assert lines[0].startswith(
        "✓ cabane_lilas_2026-S45.age — Cabane des Lilas, semaine du 2 au 8 novembre 2026"
    )
    assert lines[0].endswith(": importé") and lines[1].endswith(": importé")
    assert window.results.item(0).foreground().color().name() == "#1e6b34"
    assert "2 fichiers acceptés, 0 refusé" in window.import_status.text()
    assert len(coordination.weeks()) == 2

    import_by_chooser(qtbot, window, files[:1])
    assert result_lines(window)[0].endswith(": déjà importé")
    assert len(coordination.weeks()) == 2


def test_dropping_files_imports_them(qtbot, window, files, coordination) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(1)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files[2:]])
    at = QPointF(window.drop_zone.rect().center())
    enter = QDragEnterEvent(
        at.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.drop_zone, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        at,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.importsFinished, timeout=10_000) as finished:
        QApplication.sendEvent(window.drop_zone, drop)
    assert [o.site_code for o in finished.args[0]] == ["courneuve", "courneuve"]
    assert all("Cabane de La Courneuve" in line for line in result_lines(window))
    qtbot.waitUntil(lambda: not window.busy())
    assert len(coordination.weeks()) == 2


def test_files_given_during_an_import_wait_their_turn(qtbot, window, files, coordination) -> None:  # type: ignore[no-untyped-def]
    window.import_files(files[:1])
    window.import_files(files[1:])  # dropped while the first import runs
    qtbot.waitUntil(lambda: window.results.count() == len(files) and not window.busy())
    assert len(coordination.weeks()) == len(files)
    assert all(line.endswith(": importé") for line in result_lines(window))


def test_a_drag_without_age_files_is_not_accepted(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.jpg"))])
    enter = QDragEnterEvent(
        window.drop_zone.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.drop_zone, enter)
    assert not enter.isAccepted()


def test_a_foreign_file_is_refused_and_nothing_is_stored(
    qtbot, window, coordination, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    foreign = tmp_path / "intrus.age"
    foreign.write_bytes(os.urandom(4000))
    outcomes = import_by_chooser(qtbot, window, [foreign])
    assert outcomes[0].status == "refused"
    assert result_lines(window) == ["✗ intrus.age : refusé : ce n'est pas un fichier chiffré age"]
    assert window.results.item(0).foreground().color().name() == "#b00020"
    assert "0 fichier accepté, 1 refusé" in window.import_status.text()
    assert coordination.weeks() == []


def test_without_the_secret_key_the_import_says_to_restore_it(qtbot, window, files, keys) -> None:  # type: ignore[no-untyped-def]
    del keys["secret"]
    window.ask_open_files = lambda caption, file_filter: [str(files[0])]
    qtbot.mouseClick(window.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Clé secrète absente" in window.import_status.text())
    assert "restaurez la sauvegarde" in window.import_status.text()
    assert window.results.count() == 0


# ----- 3. the dashboard


def test_dashboard_shows_each_site_and_week_and_one_series_per_site(qtbot, window, files) -> None:  # type: ignore[no-untyped-def]
    import_by_chooser(qtbot, window, files)
    qtbot.waitUntil(lambda: window.dashboard.model.rowCount() == 2)
    model = window.dashboard.model
    assert not window.dashboard.charts_built()  # QtCharts waits for the tab's first show
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["La Courneuve", "Lilas", "Total"]
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Cabane de La Courneuve"
    )
    weeks = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert weeks == ["9/11 – 15/11/2026", "2/11 – 8/11/2026"]  # most recent first
    cells = [[model.index(r, c).data() for c in range(3)] for r in range(2)]
    assert cells == [["9", "3", "12"], ["5", "7", "12"]]
    tip = model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == (
        "Cabane des Lilas, semaine du 2 au 8 novembre 2026 : 7 passages, dont 2 premières venues "
        "et 3 pas connues de la PMI"
    )

    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(window.dashboard.charts_built)
    line = window.dashboard.line_chart()
    assert sorted(s.name() for s in line.series()) == ["La Courneuve", "Lilas"]
    lilas = next(s for s in line.series() if s.name() == "Lilas")
    assert [(p.x(), p.y()) for p in lilas.points()] == [(0, 7), (1, 3)]
    titles = {axis.titleText() for axis in line.axes()}
    assert titles == {"Semaine (2026)", "Passages"}
    bars = window.dashboard.bar_chart()
    assert "Semaine du 9 au 15 novembre 2026" in bars.title()
    (series,) = bars.series()
    assert [s.label() for s in series.barSets()] == [
        "Passages",
        "Premières venues",
        "Pas connues de la PMI",
    ]
    assert [list(map(int, (s.at(0), s.at(1)))) for s in series.barSets()] == [
        [9, 3],
        [4, 1],
        [6, 1],
    ]


def test_the_table_detail_follows_the_keyboard(qtbot, window, files) -> None:  # type: ignore[no-untyped-def]
    import_by_chooser(qtbot, window, files)
    window.tabs.setCurrentWidget(window.dashboard)
    table = window.dashboard.table
    table.setFocus()
    table.setCurrentIndex(window.dashboard.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert window.dashboard.detail.text().startswith(
        "Cabane des Lilas, semaine du 9 au 15 novembre 2026 : 3 passages"
    )


# ----- 4. the report


def save_report(
    qtbot, window: CoordinationWindow, path: Path, publication: bool, xlsx=True
) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(3)
    window.report.publication.setChecked(publication)
    window.ask_save_file = lambda caption, name, file_filter: str(path)
    button = window.report.xlsx_button if xlsx else window.report.csv_button
    with qtbot.waitSignal(window.reportWritten, timeout=10_000) as written:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    expected = path if path.suffix else path.with_name(path.name + (".xlsx" if xlsx else ".csv"))
    assert written.args == [str(expected)]
    assert window.report.status.text() == f"Rapport enregistré : {expected}"


def test_the_published_workbook_masks_counts_of_1_to_4(qtbot, window, files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    import_by_chooser(qtbot, window, files)
    qtbot.waitUntil(lambda: "4 semaines" in window.report.summary.text())
    assert (
        "de la semaine du 2 au 8 novembre 2026 à la semaine du 9 au 15 novembre 2026, "
        "pour 2 cabanes." in window.report.summary.text()
    )

    def visits_by_row(path: Path) -> dict[tuple[str, str], object]:
        sheet = load_workbook(path).worksheets[0]
        header = [cell.value for cell in sheet[1]]
        assert header[:3] == ["Cabane", "Semaine", "Passages"]
        return {(r[0], r[1]): r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}

    save_report(qtbot, window, tmp_path / "publie.xlsx", publication=True)
    published = visits_by_row(tmp_path / "publie.xlsx")
    assert published[("Cabane des Lilas", "2026-S46")] == "<5"
    assert published[("Cabane des Lilas", "2026-S45")] == 7
    save_report(qtbot, window, tmp_path / "interne", publication=False)  # suffix added
    internal = visits_by_row(tmp_path / "interne.xlsx")
    assert internal[("Cabane des Lilas", "2026-S46")] == 3


def test_the_csv_report_and_a_refused_write(qtbot, window, files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import_by_chooser(qtbot, window, files)
    save_report(qtbot, window, tmp_path / "rapport.csv", publication=True, xlsx=False)
    text = (tmp_path / "rapport.csv").read_text(encoding="utf-8-sig")
    assert "Cabane des Lilas;2026-S46;<5;" in text
    window.ask_save_file = lambda caption, name, file_filter: str(tmp_path / "absent" / "r.csv")
    qtbot.mouseClick(window.report.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Impossible d'écrire" in window.report.status.text())
    assert window.report.csv_button.isEnabled()


def test_tabs_open_with_the_keyboard(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.tabs.currentIndex() == 1  # a key exists: straight to importing
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.report
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.figures
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.dashboard


def test_a_new_cabane_is_imported_once_its_fingerprint_is_confirmed(
    qtbot, coordination, keys, desk, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "nouveaux"
    out.mkdir()
    paths = weekly_files(desk, keys["public"], out)  # not registered at the coordination
    window = open_window(qtbot, coordination, keys)
    asked: list[tuple[str, str]] = []
    window.confirm_new_cabane = lambda name, fp, replacing=False: asked.append((name, fp)) or True
    first = import_by_chooser(qtbot, window, paths)
    assert {o.code for o in first} == {"unknown_key"}
    qtbot.waitUntil(lambda: len(coordination.weeks()) == len(paths), timeout=10_000)
    qtbot.waitUntil(lambda: not window.busy())
    assert sorted(name for name, _fp in asked) == ["Cabane de La Courneuve", "Cabane des Lilas"]
    assert all(len(fp) == 19 for _name, fp in asked)


def test_a_refused_fingerprint_imports_nothing(qtbot, coordination, keys, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "nouveaux"
    out.mkdir()
    paths = weekly_files(desk, keys["public"], out)
    window = open_window(qtbot, coordination, keys)
    window.confirm_new_cabane = lambda name, fingerprint, replacing=False: False
    outcomes = import_by_chooser(qtbot, window, paths)
    assert {o.code for o in outcomes} == {"unknown_key"}
    assert coordination.weeks() == []
    assert "pas encore reconnue" in result_lines(window)[0]


def test_a_week_is_withdrawn_from_the_dashboard_with_a_reason(
    qtbot, window, files, coordination
) -> None:  # type: ignore[no-untyped-def]
    import_by_chooser(qtbot, window, files)
    before = len(coordination.weeks())
    window.tabs.setCurrentWidget(window.dashboard)
    table = window.dashboard.table
    table.setCurrentIndex(window.dashboard.model.index(0, 0))
    assert window.dashboard.withdraw_button.isEnabled()
    window.ask_reason = lambda site, year, week: ("fichier envoyé deux fois", True)
    qtbot.mouseClick(window.dashboard.withdraw_button, Qt.MouseButton.LeftButton)
    assert len(coordination.weeks()) == before - 1
    assert "retirée" in window.dashboard.detail.text()
