"""The languages of posters and flyers: the most spoken at the cabane, or the team's choice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.sites import SetupError, set_poster_settings
from models.programme.programme import ProgrammeService
from models.store.base import PARIS

MONDAY = datetime(2026, 11, 30, tzinfo=PARIS)


def check_in(desk, languages: tuple[str, ...], days_before: int) -> None:  # type: ignore[no-untyped-def]
    CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=MONDAY - timedelta(days=days_before), mothers=1, languages=languages),
        1,
    )


def test_a_poster_speaks_the_languages_of_the_last_three_months(desk) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        check_in(desk, ("ta", "fr"), days_before=10)
    check_in(desk, ("bn",), days_before=20)
    check_in(desk, ("bn",), days_before=30)
    for _ in range(5):
        check_in(desk, ("zh",), days_before=120)  # too long ago
    programme = ProgrammeService(desk.factory, desk.site.id)
    data = programme.poster(MONDAY, MONDAY + timedelta(days=7), "Programme")
    # French first, then the most spoken, then completed in the catalogue's order
    assert data.languages == ("fr", "ta", "bn", "en", "ar", "tr")
    assert programme.poster_language_choice(MONDAY) == ((), data.languages)


def test_the_teams_choice_wins_and_is_checked(desk) -> None:  # type: ignore[no-untyped-def]
    check_in(desk, ("ta",), days_before=3)
    set_poster_settings(desk.factory, desk.site.id, "", None, 1, poster_languages=("ro", "pt"))
    programme = ProgrammeService(desk.factory, desk.site.id)
    assert programme.poster(MONDAY, MONDAY + timedelta(days=7), "").languages == ("fr", "ro", "pt")
    with pytest.raises(SetupError):  # no welcome phrase in Soninké yet
        set_poster_settings(desk.factory, desk.site.id, "", None, 1, poster_languages=("snk",))
    with pytest.raises(SetupError):  # more than a poster's six tiles
        many = ("en", "ar", "ta", "bn", "tr", "ro", "pt")
        set_poster_settings(desk.factory, desk.site.id, "", None, 1, poster_languages=many)
    set_poster_settings(desk.factory, desk.site.id, "", None, 1, poster_languages=())
    data = programme.poster(MONDAY, MONDAY + timedelta(days=7), "")
    assert data.languages[:2] == ("fr", "ta")  # back to the most spoken


def test_the_team_chooses_the_languages_in_the_document_settings(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.programme.poster_actions import PosterSettingsDialog

    saved: list[tuple[str, ...]] = []

    def save(
        web: str,
        logo: bytes | None,
        phone: str,
        marked: tuple[str, ...],
        languages: tuple[str, ...],
    ) -> None:
        saved.append(languages)

    proposed = ("fr", "ta", "bn", "en", "ar", "tr")
    dialog = PosterSettingsDialog("", None, save, None, "", (), ((), proposed))
    qtbot.addWidget(dialog)
    buttons = dialog.languages.buttons
    assert {code for code, b in buttons.items() if b.isChecked()} == set(proposed)
    assert not buttons["fr"].isEnabled()  # French always
    dialog._accept()
    assert saved == [()]  # kept as proposed: the posters follow the visitors
    qtbot.mouseClick(buttons["zh"], Qt.MouseButton.LeftButton)
    dialog._accept()
    assert "Six langues au plus" in dialog.error.text() and len(saved) == 1
    qtbot.mouseClick(buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["tr"], Qt.MouseButton.LeftButton)
    dialog._accept()
    assert saved[-1] == ("fr", "ta", "bn", "ar", "zh")  # most spoken first
