"""The survey windows for ``make screenshots``: demo answers, the list and results, the
editor and its translations, having families answer, the programme beside the demands,
and the kiosk's pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def survey_screens(
    window: QWidget, desk: object, folder: Path, save: Callable[[QWidget, Path, str], None]
) -> None:
    from models.demo_activity import generate_activity
    from models.store.base import paris_now
    from ui.desk.main_window import MainWindow

    assert isinstance(window, MainWindow)
    site = desk.site  # type: ignore[attr-defined]
    yesterday = paris_now().date() - timedelta(days=1)
    generate_activity(desk.factory, site.id, site.commune, end=yesterday, days=120)  # type: ignore[attr-defined]
    window.open_surveys()
    surveys = window.survey_window
    assert surveys is not None
    surveys.results.period.setCurrentIndex(3)  # since the beginning
    surveys.list.setCurrentRow(0)
    QApplication.processEvents()
    save(surveys, folder, "questionnaires-1-resultats")
    surveys.tabs.setCurrentWidget(surveys.answering)
    save(surveys, folder, "questionnaires-2-faire-repondre")
    surveys.tabs.setCurrentWidget(surveys.programme)
    save(surveys, folder, "questionnaires-3-programme")
    surveys.tabs.setCurrentWidget(surveys.results)
    from models.surveys.definition import as_data
    from ui.surveys.survey_editor import SurveyEditor

    current = surveys.current()
    assert current is not None
    editor = SurveyEditor(as_data(current.definition), True, lambda data: current, surveys)
    editor.show()
    editor.questions.setCurrentRow(3)
    save(editor, folder, "questionnaires-4-modifier")
    editor.tabs.setCurrentWidget(editor.translations)
    save(editor, folder, "questionnaires-5-traductions")
    editor.close()
    _kiosk_screens(surveys, folder, save)
    surveys.close()


def _kiosk_screens(
    surveys: QWidget, folder: Path, save: Callable[[QWidget, Path, str], None]
) -> None:
    try:
        from ui.surveys.kiosk import SurveyKiosk
    except ImportError:
        return
    current = surveys.current()  # type: ignore[attr-defined]
    kiosk = SurveyKiosk(surveys.services, current)  # type: ignore[attr-defined]
    kiosk.showFullScreen()  # the whole screen is the kiosk's: no fit to check, only looks
    QApplication.processEvents()
    kiosk.grab().save(str(folder / "borne-1-langue.png"))
    kiosk.deleteLater()
