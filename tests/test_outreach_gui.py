"""Aller-vers: an outing started, counted with the big buttons and keys, undone, finished."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.outreach.outreach import orientation_key
from ui.outreach.outreach_window import OutreachWindow


def start(qtbot, win: OutreachWindow, place: str) -> str:  # type: ignore[no-untyped-def]
    page = win.start_page
    page.place.setFocus()
    qtbot.keyClicks(page.place, place)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.counting
    outing = win.outing()
    assert outing is not None
    return outing.id


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_outing_needs_a_place_shown_beside_the_field(qtbot, outreach, desk) -> None:  # type: ignore[no-untyped-def]
    page = outreach.start_page
    assert page.commune_code() == desk.site.commune
    assert page.staff_present() == (1,)
    click(qtbot, page.start_button)
    assert outreach.pages.currentWidget() is page
    assert page.place_error.isVisible()
    assert "lieu" in page.place_error.text()
    assert page.place.hasFocus()
    qtbot.keyClicks(page.place, "Marche du samedi")
    click(qtbot, page.start_button)
    assert outreach.pages.currentWidget() is outreach.counting
    assert not page.place_error.isVisible()


def test_counting_with_the_big_buttons_and_keys_then_undo(qtbot, outreach, log) -> None:  # type: ignore[no-untyped-def]
    outing_id = start(qtbot, outreach, "Sortie de la maternelle Jean Jaures")
    buttons = outreach.counting.count_buttons
    assert all(b.height() >= 120 for b in buttons.values())
    click(qtbot, buttons["adults"])
    click(qtbot, buttons["adults"])
    qtbot.keyClick(buttons["adults"], Qt.Key.Key_1)  # the third adult, by key
    click(qtbot, buttons["children"])
    qtbot.keyClick(buttons["children"], Qt.Key.Key_2)
    qtbot.keyClick(buttons["children"], Qt.Key.Key_3)
    for _ in range(3):
        click(qtbot, buttons["flyers"])
    qtbot.keyClick(buttons["flyers"], Qt.Key.Key_4)
    qtbot.keyClick(buttons["flyers"], Qt.Key.Key_4)  # one flyer too many
    assert "(5)" in buttons["flyers"].text()
    click(qtbot, outreach.counting.undo_button)
    assert "(4)" in buttons["flyers"].text()
    assert buttons["adults"].text() == "+1 adulte\n(4)"  # the pregnant woman is an adult too
    assert log.get(outing_id).counts == {
        "adults": 4,
        "children": 2,
        "pregnant": 1,
        "flyers": 4,
        "conversations": 0,
    }
    # Ctrl+Z undoes the tap before, the fourth flyer; the stack goes back tap by tap.
    qtbot.keyClick(buttons["adults"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert log.get(outing_id).counts["flyers"] == 3
    assert log.get(outing_id).counts["pregnant"] == 1
    assert "aussi parmi les adultes" in outreach.counting.hint.text()  # said on the page


def test_undoing_a_pregnant_woman_takes_her_out_of_the_adults_too(qtbot, outreach, log) -> None:  # type: ignore[no-untyped-def]
    outing_id = start(qtbot, outreach, "Parc Henri Sellier")
    buttons = outreach.counting.count_buttons
    click(qtbot, buttons["pregnant"])  # one tap for one person
    assert (log.get(outing_id).counts["adults"], log.get(outing_id).counts["pregnant"]) == (1, 1)
    click(qtbot, outreach.counting.undo_button)
    assert (log.get(outing_id).counts["adults"], log.get(outing_id).counts["pregnant"]) == (0, 0)


def test_undo_with_nothing_left_is_disabled(qtbot, outreach, log) -> None:  # type: ignore[no-untyped-def]
    outing_id = start(qtbot, outreach, "Parc")
    undo = outreach.counting.undo_button
    assert not undo.isEnabled()
    click(qtbot, outreach.counting.count_buttons["conversations"])
    assert undo.isEnabled()
    click(qtbot, undo)
    assert not undo.isEnabled()
    qtbot.keyClick(outreach.counting.count_buttons["adults"], Qt.Key.Key_Backspace)
    assert log.get(outing_id).counts["conversations"] == 0
    assert not outreach.counting.message.isVisible()


def test_an_orientation_on_the_spot_is_counted_and_undone(qtbot, outreach, log) -> None:  # type: ignore[no-untyped-def]
    outing_id = start(qtbot, outreach, "Foyer du Clos Saint-Lazare")
    vaccination = orientation_key("pmi", "vaccination")
    caf = orientation_key("partner", "caf")
    buttons = outreach.counting.orientation_buttons
    click(qtbot, buttons[vaccination])
    click(qtbot, buttons[caf])
    click(qtbot, buttons[caf])
    assert buttons[caf].text() == "CAF  (2)"
    click(qtbot, outreach.counting.undo_button)
    assert buttons[caf].text() == "CAF  (1)"
    assert log.get(outing_id).orientations == {vaccination: 1, caf: 1}
    click(qtbot, outreach.counting.count_buttons["adults"])
    click(qtbot, outreach.counting.undo_button)
    click(qtbot, outreach.counting.undo_button)
    assert log.get(outing_id).orientations == {vaccination: 1}
    assert log.get(outing_id).counts["adults"] == 0


def test_note_saved_and_finishing_shows_the_summary(qtbot, outreach, log) -> None:  # type: ignore[no-untyped-def]
    outing_id = start(qtbot, outreach, "Marche du centre")
    counting = outreach.counting
    for _ in range(2):
        click(qtbot, counting.count_buttons["adults"])
    click(qtbot, counting.count_buttons["children"])
    counting.note.setFocus()
    qtbot.keyClicks(counting.note, "Beaucoup de monde, pluie")
    click(qtbot, counting.count_buttons["conversations"])  # leaving the field saves it
    assert log.get(outing_id).note == "Beaucoup de monde, pluie"
    click(qtbot, counting.finish_button)
    outing = log.get(outing_id)
    assert outing.ended_at is not None
    page = outreach.start_page
    assert outreach.pages.currentWidget() is page
    assert page.summary.isVisible()
    assert page.summary.text() == ("Sortie terminée : 2 adultes, 1 enfant, 1 conversation.")
    assert outing_id not in page.resume_buttons


def test_a_recent_place_is_suggested_for_the_next_outing(qtbot, outreach, log) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, outreach, "Parc de la Poudrerie")
    click(qtbot, outreach.counting.finish_button)
    page = outreach.start_page
    assert page.place.text() == ""
    assert page.place_completer.model().stringList() == ["Parc de la Poudrerie"]
    click(qtbot, page.place_buttons["Parc de la Poudrerie"])
    assert page.place.text() == "Parc de la Poudrerie"
    click(qtbot, page.start_button)
    assert log.recent_places() == ["Parc de la Poudrerie"]
    assert len(log.recent()) == 2


def test_resuming_an_unfinished_outing(qtbot, outreach, log, desk) -> None:  # type: ignore[no-untyped-def]
    earlier = log.start("Square des Sentes", desk.site.commune, (1,))
    log.count(earlier.id, "adults")
    log.count(earlier.id, "adults")
    outreach.start_page.reset()
    resume = outreach.start_page.resume_buttons[earlier.id]
    click(qtbot, resume)
    assert outreach.pages.currentWidget() is outreach.counting
    assert "Square des Sentes" in outreach.counting.heading.text()
    assert "(2)" in outreach.counting.count_buttons["adults"].text()
    assert not outreach.counting.undo_button.isEnabled()  # the taps of before are kept
    qtbot.keyClick(outreach.counting.count_buttons["adults"], Qt.Key.Key_1)
    assert log.get(earlier.id).counts["adults"] == 3


def test_a_tap_never_moves_the_other_buttons(qtbot, outreach, log) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from desktop.app import apply_style

    apply_style(QApplication.instance())  # type: ignore[arg-type]
    start(qtbot, outreach, "Marche du dimanche")
    page = outreach.counting
    buttons = [*page.count_buttons.values(), *page.orientation_buttons.values()]
    before = [b.geometry() for b in buttons]
    for tapped in (list(page.orientation_buttons.values())[-1], buttons[0]):
        click(qtbot, tapped)
        qtbot.wait(20)
        assert [b.geometry() for b in buttons] == before
