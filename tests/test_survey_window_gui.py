"""The desk's « Questionnaires » window as staff use it: made from a template, answered,
read (bars, free texts marked publishable), edited into a new version, and what families
ask beside the programme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QPushButton

from models.surveys.results import Filters
from tests.test_surveys import EVER
from ui.surveys.result_bars import ResultBars

LEFT = Qt.MouseButton.LeftButton


def open_surveys(qtbot, window):  # type: ignore[no-untyped-def]
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Questionnaires"], LEFT)
    surveys = window.survey_window
    assert surveys is not None and surveys.isVisible()
    qtbot.addWidget(surveys)
    return surveys


def test_a_template_is_made_answered_and_read(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    surveys = open_surveys(qtbot, window)
    assert surveys.list.count() == 0
    actions = {action.text(): action for action in surveys.new_button.menu().actions()}
    actions["Modèle « Boîte à idées »"].trigger()
    assert surveys.list.count() == 1
    assert surveys.list.item(0).text().startswith("Boîte à idées\nversion 1 · 0 fiche")
    survey = surveys.current()
    book = surveys.services.book
    book.record(
        survey.version_id,
        {"about": "hours", "idea": "Ouvrir le samedi", "welcome": "5"},
        "fr",
        "kiosk",
    )
    book.record(survey.version_id, {"about": "hours", "welcome": "4"}, "ar", "typed")
    surveys.results.period.setCurrentIndex(3)
    surveys.reload()
    assert "2 fiches de réponses" in surveys.results.summary.text()
    bars = {bar.result.key: bar for bar in surveys.results.findChildren(ResultBars)}
    assert {c.code: c.count for c in bars["about"].result.choices}["hours"] == 2
    assert "Les jours et horaires : 2 (100 %)" in bars["about"].accessibleDescription()
    publish = [
        box for box in surveys.results.findChildren(QCheckBox) if box.text().startswith("Publiable")
    ]
    assert len(publish) == 1 and not publish[0].isChecked()
    qtbot.waitUntil(lambda: publish[0].isVisible() and publish[0].width() > 20)
    qtbot.mouseClick(publish[0], LEFT)
    idea = {q.key: q for q in book.results(survey.id, EVER).questions}["idea"]
    assert idea.texts[0].published


def test_editing_an_answered_questionnaire_makes_version_2(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.surveys import survey_window

    surveys = open_surveys(qtbot, window)
    surveys.create_survey("after_workshop")
    survey = surveys.current()
    surveys.services.book.record(survey.version_id, {"felt": "5"}, "fr", "kiosk")
    surveys.reload()
    shown = []

    def run_editor(editor) -> int:  # type: ignore[no-untyped-def]
        shown.append(editor)
        editor.show()
        qtbot.waitExposed(editor)
        editor.questions.setCurrentRow(0)
        editor.question_text.clear()
        qtbot.keyClicks(editor.question_text, "Comment etait la seance ?")  # QTest types ASCII only
        editor.tabs.setCurrentWidget(editor.translations)
        table = editor.translations.table
        assert table.item(1, 0).text() == "Comment etait la seance ?"
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        table.item(1, headers.index("Arabe")).setText("كيف كانت الجلسة؟")
        save = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, LEFT)
        return editor.result()

    monkeypatch.setattr(survey_window.SurveyEditor, "exec", run_editor)
    qtbot.mouseClick(surveys.edit_button, LEFT)
    assert shown and "déjà des réponses" in " ".join(
        label.text() for label in shown[0].findChildren(type(surveys.results.summary))
    )
    edited = surveys.current()
    assert edited.version == 2
    felt = edited.definition.question("felt")
    assert felt.text == {
        "fr": "Comment etait la seance ?",
        "ar": "كيف كانت الجلسة؟",
        "en": "How was the workshop for you?",
    }
    old = surveys.services.book.results(survey.id, Filters(EVER.start, EVER.end, version=1))
    assert (
        old.responses == 1 and old.questions[0].text == "Comment s'est passé l'atelier pour vous ?"
    )


def test_a_refused_questionnaire_says_why_and_keeps_the_editor(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.surveys import survey_window

    surveys = open_surveys(qtbot, window)
    surveys.create_survey("idea_box")
    seen = []

    def run_editor(editor) -> int:  # type: ignore[no-untyped-def]
        editor.title.clear()  # no French title
        editor.accept_changes()
        seen.append(editor.error.text())
        return 0

    monkeypatch.setattr(survey_window.SurveyEditor, "exec", run_editor)
    qtbot.mouseClick(surveys.edit_button, LEFT)
    assert seen == ["Chaque texte doit être écrit au moins en français."]
    assert surveys.current().title == "Boîte à idées"


def test_what_families_ask_stands_beside_the_programme(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    surveys = open_surveys(qtbot, window)
    surveys.create_survey("needs")
    survey = surveys.current()
    surveys.services.book.record(
        survey.version_id, {"activities": ("baby_massage", "reading")}, "fr", "kiosk"
    )
    surveys.tabs.setCurrentWidget(surveys.programme)
    table = surveys.programme.tables["activities"]
    rows = {
        table.item(row, 0).text(): (table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    }
    assert rows["Massage bébé"] == ("1", "aucune")
    assert rows["Lecture et bibliothèque éphémère"] == ("1", "aucune")


def test_results_are_saved_as_a_spreadsheet_without_unpublished_texts(
    qtbot, window, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    surveys = open_surveys(qtbot, window)
    surveys.create_survey("idea_box")
    survey = surveys.current()
    surveys.services.book.record(
        survey.version_id, {"about": "place", "idea": "Un banc pour Mme X"}, "fr", "kiosk"
    )
    surveys.results.period.setCurrentIndex(3)
    surveys.reload()
    target = tmp_path / "resultats.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    qtbot.mouseClick(surveys.results.save_button, LEFT)
    cells = [
        str(c)
        for row in load_workbook(target).active.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    assert "Le lieu, l'accueil" in cells
    assert not any("Mme X" in cell for cell in cells)
    assert surveys.message.text() == "Résultats enregistrés."


def test_only_the_referente_makes_a_free_text_publishable(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    referent = window.current_staff_id()
    welcome = window.services.staff.add("Lea", "accueil", referent)
    window.fill_staff(welcome.id)  # Léa is at the desk now
    surveys = open_surveys(qtbot, window)
    surveys.create_survey("idea_box")
    survey = surveys.current()
    surveys.services.book.record(survey.version_id, {"idea": "Un coin calme"}, "fr", "kiosk")
    surveys.results.period.setCurrentIndex(3)
    surveys.reload()
    publish = [
        box for box in surveys.results.findChildren(QCheckBox) if box.text().startswith("Publiable")
    ]
    qtbot.waitUntil(lambda: publish[0].isVisible() and publish[0].width() > 20)
    qtbot.mouseClick(publish[0], LEFT)
    assert not publish[0].isChecked()
    assert surveys.results.error.text().startswith(
        "Seule la référente peut rendre un texte publiable"
    )
    idea = {q.key: q for q in surveys.services.book.results(survey.id, EVER).questions}["idea"]
    assert not idea.texts[0].published


def test_every_pictogram_has_a_french_name_in_the_editor() -> None:
    from models.surveys.definition import pictograms
    from ui.surveys.survey_editor import PICTOGRAM_NAMES

    assert set(pictograms()) == set(PICTOGRAM_NAMES)


def test_the_kiosk_asks_for_a_personal_code_when_the_team_has_none(
    qtbot, window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Nobody has a personal code yet: the person at the desk chooses one before the
    kiosk starts (else it could never be closed), then closes it with that code."""
    from PySide6.QtWidgets import QInputDialog

    surveys = open_surveys(qtbot, window)
    surveys.create_survey("idea_box")
    surveys.tabs.setCurrentWidget(surveys.answering)
    assert not surveys.services.any_code_set()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("2468", True))
    qtbot.mouseClick(surveys.kiosk_button, LEFT)
    kiosk = surveys.kiosk
    assert kiosk is not None and kiosk.isVisible()
    assert surveys.services.any_code_set()
    kiosk.ask_exit()
    qtbot.keyClicks(kiosk.exit_page.code, "2468")
    with qtbot.waitSignal(kiosk.finished, timeout=3000):
        qtbot.keyClick(kiosk.exit_page.code, Qt.Key.Key_Return)
    assert surveys.kiosk is None
