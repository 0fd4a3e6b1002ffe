"""The keys mean one thing everywhere (ui/widgets/keys.py), pressed as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.test_desk_gui import stored_visits

LEFT = Qt.MouseButton.LeftButton


def press(qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key goes to the list shown if there is one, else to the field with the focus."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key)


def test_enter_in_a_type_ahead_takes_the_suggestion_shown(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.mouseClick(panel.counters["mothers"].plus, LEFT)
    panel.commune.setFocus()
    panel.commune.lineEdit().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "bob")
    qtbot.waitUntil(lambda: panel.commune.completer().popup().isVisible())
    press(qtbot, Qt.Key.Key_Return)  # takes « Bobigny », saves nothing yet
    assert panel.commune.currentText() == "Bobigny"
    assert not panel.commune_error.isVisible()
    assert stored_visits(services) == []
    press(qtbot, Qt.Key.Key_Return)  # the next Entrée saves
    assert [v.commune for v in stored_visits(services)] == ["93008"]


def test_enter_in_the_family_search_links_without_saving(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    family = services.families.create("Maman de Lina", None, True, staff_id=1)
    picker = window.panel.family
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "lina")
    qtbot.waitUntil(lambda: picker.search.completer().popup().isVisible())
    press(qtbot, Qt.Key.Key_Return)  # nothing highlighted: the first family found
    assert picker.family is not None and picker.family.id == family.id
    assert not window.panel.people_error.isVisible()  # no save was tried
    assert stored_visits(services) == []


def test_enter_in_the_family_search_without_its_list_only_links(qtbot, window, services) -> None:  # type: ignore[no-untyped-def]
    family = services.families.create("Maman de Lina", None, True, staff_id=1)
    picker = window.panel.family
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "lina")
    qtbot.waitUntil(lambda: picker.search.completer().popup().isVisible())
    press(qtbot, Qt.Key.Key_Escape)  # the list closed, the text kept
    assert picker.search.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert picker.family is not None and picker.family.id == family.id
    assert stored_visits(services) == []


def test_enter_in_the_outing_place_starts_counting(qtbot, outreach) -> None:  # type: ignore[no-untyped-def]
    page = outreach.start_page
    before = page.staff_present()
    qtbot.mouseClick(next(iter(page.staff.buttons.values())), LEFT)  # a tap on a person…
    qtbot.mouseClick(next(iter(page.staff.buttons.values())), LEFT)  # …and back
    assert page.staff_present() == before
    page.place.setFocus()
    qtbot.keyClicks(page.place, "Marche de la Mairie")
    press(qtbot, Qt.Key.Key_Return)
    assert outreach.pages.currentWidget() is outreach.counting
    outing = outreach.outing()
    assert outing is not None and outing.place == "Marche de la Mairie"
    assert tuple(outing.staff_present) == before  # Entrée did not toggle a team member


def test_no_choice_button_is_ever_pressed_by_enter(window) -> None:  # type: ignore[no-untyped-def]
    window.open_programme()
    window.open_outreach()
    window.orientations().open_pending()
    windows = [
        window,
        window.programme_window,
        window.outreach_window,
        window.orientations().pending_dialog,
    ]
    for shown in windows:
        choices = [b for b in shown.findChildren(QPushButton) if b.objectName() == "choice"]
        assert choices, shown
        assert [b.text() for b in choices if b.autoDefault() or b.isDefault()] == []
