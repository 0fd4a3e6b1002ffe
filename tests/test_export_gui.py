"""The weekly export window driven as a person would: keys, weeks, export, history."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.sites import current_site, set_coordination_recipients
from models.exchange import crypto
from models.exchange.exchange import week_to_remind
from models.exchange.exporter import WeeklyExporter
from models.figures.calendar import recent_weeks
from models.figures.indicators import weekly_indicators
from models.store.base import PARIS
from ui.exchange.export_window import ExportServices, ExportWindow
from ui.exchange.week_texts import breakdowns

LEFT = Qt.MouseButton.LeftButton
NOW = datetime(2026, 11, 28, 15, 0, tzinfo=PARIS)  # a Saturday of S48


def services_for(desk, now: datetime = NOW) -> ExportServices:  # type: ignore[no-untyped-def]
    """What desktop/app.py builds from an OpenDesk."""
    return ExportServices(
        exporter=WeeklyExporter(desk.factory, desk.site, "test"),
        indicators=lambda y, w: weekly_indicators(desk.factory, desk.site.id, y, w),
        site=lambda: current_site(desk.factory),
        set_recipients=lambda keys: set_coordination_recipients(
            desk.factory, desk.site.id, keys, None
        ),
        staff_id=lambda: None,
        now=lambda: now,
    )


def set_up_on(desk, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    """The cabane's creation date, moved as `cabane demo` does for its period."""
    from sqlalchemy import update

    from models.store.entities import Site

    with desk.factory.begin() as session:
        session.execute(update(Site).values(created_at=moment))


def record_visits(desk) -> None:  # type: ignore[no-untyped-def]
    checkins = CheckInService(desk.factory, desk.site.id)
    week_47 = [
        VisitDraft(
            arrived_at=datetime(2026, 11, 16, 10, 5, tzinfo=PARIS),
            mothers=1,
            pregnant=1,
            children_6_11m=1,
            first_visit="yes",
            known_to_pmi="no",
            commune="93045",
            heard_via="street",
            languages=("fr", "ar"),
            interpreter_needed=True,
        ),
        VisitDraft(
            arrived_at=datetime(2026, 11, 18, 14, 30, tzinfo=PARIS),
            mothers=1,
            fathers=1,
            children_0_5m=1,
            children_3_5y=1,
            first_visit="no",
            known_to_pmi="yes",
            commune="93048",
            heard_via="pmi",
        ),
        VisitDraft(
            arrived_at=datetime(2026, 11, 21, 11, 0, tzinfo=PARIS),
            other_adults=1,
            children_12_23m=2,
            commune="paris",
            heard_via="word_of_mouth",
            languages=("ta",),
        ),
    ]
    week_46 = [VisitDraft(arrived_at=datetime(2026, 11, 12, 9, 30, tzinfo=PARIS), mothers=1)]
    for draft in week_47 + week_46:
        checkins.record(draft, staff_id=1)


@pytest.fixture
def open_window(qtbot, desk):  # type: ignore[no-untyped-def]
    set_up_on(desk, datetime(2026, 1, 5, 9, 0, tzinfo=PARIS))  # open since January

    def opened(services: ExportServices | None = None) -> ExportWindow:
        window = ExportWindow(services or services_for(desk))
        qtbot.addWidget(window)
        window.resize(1100, 700)
        window.show()
        qtbot.waitExposed(window)
        window.choose_folder = lambda: pytest.fail("no folder should be asked")
        return window

    return opened


def click_week(qtbot, window: ExportWindow, week: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    for row in range(window.weeks.count()):
        item = window.weeks.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == week:
            window.weeks.scrollToItem(item)
            center = window.weeks.visualItemRect(item).center()
            qtbot.mouseClick(window.weeks.viewport(), LEFT, pos=center)
            return
    raise AssertionError(f"{week} not listed")


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&nbsp;", " ").replace("\u2011", "-")


def type_into(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


# ----- reminder and weeks


def test_reminder_names_the_week_that_just_ended_until_it_is_exported() -> None:
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
    sunday = datetime(2026, 11, 29, 20, 0, tzinfo=PARIS)
    assert week_to_remind(set(), monday) == (2026, 48)
    assert week_to_remind(set(), sunday) == (2026, 47)  # S48 is not over yet
    assert week_to_remind({(2026, 48)}, monday) is None
    assert week_to_remind({(2026, 47)}, monday) == (2026, 48)
    new_year = datetime(2027, 1, 4, 8, 0, tzinfo=PARIS)  # 2026 has 53 ISO weeks
    assert week_to_remind(set(), new_year) == (2026, 53)


def test_a_cabane_set_up_today_is_not_reminded_of_a_week_before_it_existed() -> None:
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
    set_up_this_morning = datetime(2026, 11, 30, 8, 0, tzinfo=PARIS)
    set_up_last_wednesday = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)
    assert week_to_remind(set(), monday, set_up_this_morning) is None
    assert week_to_remind(set(), monday, set_up_last_wednesday) == (2026, 48)


def test_recent_weeks_are_the_twelve_complete_ones_most_recent_first() -> None:
    weeks = recent_weeks(NOW)
    assert len(weeks) == 12
    assert weeks[0] == (2026, 47) and weeks[-1] == (2026, 36)
    assert recent_weeks(datetime(2027, 1, 5, tzinfo=PARIS), 2) == [(2026, 53), (2026, 52)]


def test_weeks_list_flags_what_is_still_to_export(open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    first = window.weeks.item(0)
    assert first.text().splitlines() == ["Semaine du 16 au 22 novembre 2026", "● à exporter"]
    assert first.font().bold()
    assert window.weeks.count() == 12
    assert window.selected == (2026, 47)  # the week to remind is shown first
    assert "semaine du 16 au 22 novembre 2026" in window.export_button.text()
    assert "S47" not in window.export_button.text()


def test_weeks_before_the_cabane_opened_are_not_listed(open_window, desk) -> None:  # type: ignore[no-untyped-def]
    set_up_on(desk, datetime(2026, 11, 12, 9, 0, tzinfo=PARIS))  # a Thursday of S46
    window = open_window()
    weeks = [window.weeks.item(row).text().splitlines()[0] for row in range(window.weeks.count())]
    # S47, and S46 (opened that Thursday): nothing from before the cabane existed
    assert weeks == ["Semaine du 16 au 22 novembre 2026", "Semaine du 9 au 15 novembre 2026"]


def test_a_cabane_set_up_today_has_nothing_to_export_yet(qtbot, open_window, desk) -> None:  # type: ignore[no-untyped-def]
    set_up_on(desk, NOW)  # set up this Saturday
    window = open_window()
    assert window.weeks.count() == 0
    assert window.week_title.text() == "Rien à exporter pour l'instant"
    assert "lundi 30/11/2026" in window.week_state.text()
    assert not window.export_button.isEnabled()


# ----- coordination keys


def test_a_key_typed_is_checked_beside_the_field_then_saved(qtbot, open_window, desk) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    keys = window.keys
    type_into(qtbot, keys.field, "age1pasbonne")
    qtbot.mouseClick(keys.add_button, LEFT)
    assert keys.error.isVisible() and "Clé non reconnue" in keys.error.text()
    assert QApplication.activeModalWidget() is None
    secret, public = crypto.new_identity()
    type_into(qtbot, keys.field, secret)
    qtbot.keyClick(keys.field, Qt.Key.Key_Return)
    assert "clé secrète" in keys.error.text()
    assert current_site(desk.factory).coordination_recipients == ()

    type_into(qtbot, keys.field, public)
    assert not keys.error.isVisible()
    qtbot.keyClick(keys.field, Qt.Key.Key_Return)  # Entrée adds; it does not export
    assert current_site(desk.factory).coordination_recipients == (public,)
    assert keys.field.text() == ""
    assert keys.keys.item(0).text() == f"Clé de la coordination n° 1 (finit par {public[-6:]})"
    assert "age1" not in keys.keys.item(0).text()
    assert keys.keys.item(0).toolTip() == public
    assert not keys.error.isVisible() and "ajoutée" in keys.info.text()

    type_into(qtbot, keys.field, public)
    qtbot.mouseClick(keys.add_button, LEFT)
    assert "déjà dans la liste" in keys.error.text()


def test_keys_are_read_from_the_coordination_file_and_removed(  # type: ignore[no-untyped-def]
    qtbot, open_window, desk, tmp_path
) -> None:
    secret, first = crypto.new_identity()
    _secret, second = crypto.new_identity()
    key_file = tmp_path / "cle-coordination.txt"
    key_file.write_text(
        f"# created: 2026-11-02\n# public key: {first}\n{secret}\n\n{second}\nage1faux\n",
        encoding="utf-8",
    )
    window = open_window()
    keys = window.keys
    keys.choose_file = lambda: key_file
    qtbot.mouseClick(keys.read_button, LEFT)
    assert current_site(desk.factory).coordination_recipients == (first, second)
    assert "2 clés ajoutées" in keys.info.text()
    assert "clé secrète" in keys.info.text()  # said, and never stored
    assert keys.keys.count() == 2

    keys.keys.setCurrentRow(0)
    keys.keys.setFocus()
    qtbot.keyClick(keys.keys, Qt.Key.Key_Delete)
    assert current_site(desk.factory).coordination_recipients == (second,)
    assert keys.undo_button.isVisible()
    qtbot.mouseClick(keys.undo_button, LEFT)
    assert current_site(desk.factory).coordination_recipients == (first, second)

    empty = tmp_path / "vide.txt"
    empty.write_text("rien ici\n", encoding="utf-8")
    keys.choose_file = lambda: empty
    qtbot.mouseClick(keys.read_button, LEFT)
    assert keys.error.isVisible() and "pas de clé de la coordination" in keys.error.text()


# ----- indicators


def test_the_chosen_week_shows_its_indicators_in_plain_french(qtbot, open_window, desk) -> None:  # type: ignore[no-untyped-def]
    record_visits(desk)
    window = open_window()
    click_week(qtbot, window, (2026, 47))
    expected = weekly_indicators(desk.factory, desk.site.id, 2026, 47)
    for key, label in window.figure_values.items():
        assert label.text() == str(getattr(expected, key)), key
    assert window.figure_values["visits"].text() == "3"
    shown = window.shown_breakdowns
    assert shown == breakdowns(expected)
    texts = {key: plain(label.text()) for key, label in window.breakdown_labels.items()}
    assert "6 à 11 mois 1" in texts["children_by_age"]
    assert "24 à 35 mois" not in texts["children_by_age"]  # no zero rows
    assert {"Les Lilas", "Montreuil", "Paris"} == {text for text, _n in shown["visits_by_commune"]}
    assert "Dans la rue, vélo-cargo 1" in texts["visits_by_channel"]
    assert {"Arabe", "Français", "Tamoul"} <= {text for text, _n in shown["visits_by_language"]}
    words = " ".join(texts.values()).replace(",", " ").split()
    for code in ("93045", "street", "word_of_mouth", "ta", "6-11m", "unknown"):
        assert code not in words

    window.weeks.setFocus()
    qtbot.keyClick(window.weeks, Qt.Key.Key_Down)  # the keyboard moves to the week before
    assert window.selected == (2026, 46)
    assert window.figure_values["visits"].text() == "1"
    assert window.week_title.text() == "Semaine du 9 au 15 novembre 2026"


# ----- export


def read_manifest(path: Path, secret: str) -> dict:  # type: ignore[type-arg]
    clear = crypto.decrypt(path.read_bytes(), secret)
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        return json.loads(archive.read("manifest.json"))


def export_and_wait(qtbot, window: ExportWindow, by_keyboard: bool = False):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.exported, timeout=10_000) as blocker:
        if by_keyboard:  # Entrée on the chosen week
            window.weeks.setFocus()
            qtbot.keyClick(window.weeks, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(window.export_button, LEFT)
        assert not window.export_button.isEnabled()  # one export at a time
    assert window.export_button.isEnabled()
    return blocker.args[0]


def test_export_writes_the_encrypted_file_then_a_second_revision(  # type: ignore[no-untyped-def]
    qtbot, open_window, desk, tmp_path
) -> None:
    record_visits(desk)
    secret, public = crypto.new_identity()
    set_coordination_recipients(desk.factory, desk.site.id, (public,), None)
    out = tmp_path / "cle-usb"
    out.mkdir()
    window = open_window()
    window.choose_folder = lambda: out
    click_week(qtbot, window, (2026, 47))
    assert not window.revision_note.isVisible()

    record = export_and_wait(qtbot, window)
    path = out / "cabane_lilas_2026-S47.age"
    assert record.path == path and path.exists()
    manifest = read_manifest(path, secret)
    assert (manifest["iso_year"], manifest["iso_week"], manifest["revision"]) == (2026, 47, 1)
    assert manifest["row_counts"]["visits"] == 3
    said = window.result_text.text()
    assert said.startswith("Semaine du 16 au 22 novembre 2026 exportée")
    assert "cabane_lilas_2026-S47.age" in said and str(out) in said
    for jargon in ("révision", "SHA", "S47 2026", "age1"):
        assert jargon not in said
    assert not window.result_digest.isVisible()  # under « Détails techniques »
    qtbot.mouseClick(window.details_button, LEFT)
    assert window.result_digest.isVisible() and record.sha256 in window.result_digest.text()
    assert (
        window.result_digest.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    )
    assert not window.outcome_frame.property("problem")
    item = window.weeks.item(0)
    assert "exportée le" in item.text() and not item.font().bold()
    assert window.history.item(0, 0).text() == "Semaine du 16 au 22 novembre 2026"
    assert window.history.item(0, 3).text() == "cabane_lilas_2026-S47.age"
    assert window.history.item(0, 4).toolTip() == record.sha256

    assert window.selected == (2026, 47)
    assert window.revision_note.isVisible() and "remplacera" in window.revision_note.text()
    assert "à nouveau" in window.export_button.text()
    again = export_and_wait(qtbot, window, by_keyboard=True)
    assert again.revision == 2 and read_manifest(path, secret)["revision"] == 2
    assert "exportée le" in window.weeks.item(0).text()
    assert window.last_folder() == out  # the USB key is proposed again
    assert [window.history.item(r, 1).text() for r in range(2)] == ["2", "1"]
    click_week(qtbot, window, (2026, 46))  # the outcome stays with the week it is about
    assert not window.outcome_frame.isVisible()
    assert "à exporter" in window.week_state.text().lower()


def test_export_without_a_key_says_what_to_do_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_window, desk, tmp_path
) -> None:
    window = open_window()  # choose_folder fails the test if it is asked
    qtbot.mouseClick(window.export_button, LEFT)
    assert window.outcome_frame.isVisible() and window.outcome_frame.property("problem")
    assert "Ajoutez d'abord la clé de la coordination" in window.result_text.text()
    assert window.focusWidget() is window.keys.field  # the next thing to do
    assert QApplication.activeModalWidget() is None
    assert WeeklyExporter(desk.factory, desk.site, "test").history() == []
    assert window.export_button.isEnabled()


def test_a_folder_that_cannot_be_written_is_said_in_the_window(  # type: ignore[no-untyped-def]
    qtbot, open_window, desk, tmp_path
) -> None:
    _secret, public = crypto.new_identity()
    set_coordination_recipients(desk.factory, desk.site.id, (public,), None)
    window = open_window()
    window.choose_folder = lambda: tmp_path / "cle-retiree"  # does not exist
    with qtbot.waitSignal(window.exportFailed, timeout=10_000) as blocker:
        qtbot.mouseClick(window.export_button, LEFT)
    assert "choisissez un autre dossier" in blocker.args[0].lower()
    assert "Rien n'est perdu" in window.result_text.text()
    assert window.outcome_frame.property("problem") and window.export_button.isEnabled()
    assert WeeklyExporter(desk.factory, desk.site, "test").history() == []
    assert "à exporter" in window.weeks.item(0).text()


def test_cancelling_the_folder_choice_does_nothing(qtbot, open_window, desk) -> None:  # type: ignore[no-untyped-def]
    _secret, public = crypto.new_identity()
    set_coordination_recipients(desk.factory, desk.site.id, (public,), None)
    window = open_window()
    window.choose_folder = lambda: None
    qtbot.mouseClick(window.export_button, LEFT)
    assert not window.outcome_frame.isVisible() and window.export_button.isEnabled()


def test_the_signing_key_is_shown_and_saved_for_the_coordination(
    qtbot, desk, open_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from desktop.desk_services import signing_key_info
    from models.exchange.signing import read_key_file
    from tests.test_setup_gui import when_modal
    from ui.exchange.signing_key_dialog import SigningKeyDialog

    window = open_window(replace(services_for(desk), signing_key=lambda: signing_key_info(desk)))
    seen: dict[str, str] = {}

    def steps(dialog: SigningKeyDialog) -> None:
        seen["fingerprint"] = dialog.fingerprint.text()
        dialog.save_to(tmp_path / "cle.json")
        seen["message"] = dialog.message.text()
        dialog.accept()

    failures = when_modal(qtbot, SigningKeyDialog, steps)
    qtbot.mouseClick(window.signing_button, Qt.MouseButton.LeftButton)
    assert failures == []
    key = read_key_file((tmp_path / "cle.json").read_bytes())
    assert key.site_code == "lilas" and key.fingerprint == seen["fingerprint"]
    assert "enregistré" in seen["message"]
