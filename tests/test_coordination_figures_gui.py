"""« Chiffres » at the coordination: any period, the cabanes side by side, copied or saved."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from models.exchange.coordination import CoordinationStore
from tests.test_coordination_gui import open_window

# the fixtures of the coordination window's tests: a workspace, its keys, real weekly files
pytest_plugins = ("tests.test_coordination_gui",)


def trust(_site: str, _name: str, _fingerprint: str) -> bool:
    return True


def settled(tab):  # type: ignore[no-untyped-def]
    """The tab once the count asked last (off the UI thread) has arrived."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 10
    while (tab.window().busy() or "Calcul" in tab.status.text()) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    return tab


def row_of(tab, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    model = settled(tab).model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == label:
            return [model.index(row, c).data() for c in range(1, model.columnCount())]
    raise AssertionError(label)


def test_a_period_shows_each_cabane_and_all_together(
    qtbot, coordination: CoordinationStore, keys, files, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    outcomes = coordination.import_paths(files, [keys["secret"]], trust)
    assert {o.status for o in outcomes} == {"imported"}
    window = open_window(qtbot, coordination, keys)
    window.tabs.setCurrentWidget(window.figures)
    tab = window.figures
    assert tab.words.text() == "novembre 2026"  # the month of the last day imported
    assert settled(tab).model.titles == ["La Courneuve", "Lilas", "Ensemble"]
    assert row_of(tab, "Passages") == ["14", "10", "24"]
    assert row_of(tab, "Premières venues") == ["4", "3", "7"]
    # one cabane only: its column, no « Ensemble »
    qtbot.mouseClick(tab.sites.buttons["lilas"], Qt.MouseButton.LeftButton)
    assert settled(tab).model.titles == ["La Courneuve"] and row_of(tab, "Passages") == ["14"]
    # a week, then the one before
    tab.kind.setCurrentIndex(tab.kind.findData("week"))
    assert tab.words.text() == "semaine du 9 au 15 novembre 2026"
    assert row_of(tab, "Passages") == ["9"]
    qtbot.mouseClick(tab.previous, Qt.MouseButton.LeftButton)
    assert tab.words.text() == "semaine du 2 au 8 novembre 2026"
    assert row_of(tab, "Passages") == ["5"]
    # the year, every cabane again
    qtbot.mouseClick(tab.sites.buttons["lilas"], Qt.MouseButton.LeftButton)
    tab.kind.setCurrentIndex(tab.kind.findData("year"))
    assert tab.words.text() == "année 2026" and row_of(tab, "Passages") == ["14", "10", "24"]
    # copied as it is shown, for a spreadsheet
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "Chiffre\tLa Courneuve\tLilas\tEnsemble"
    assert "Passages\t14\t10\t24" in copied
    # saved for publication: counts of 1 to 4 masked
    window.ask_save_file = lambda *_args: str(tmp_path / "chiffres.csv")
    qtbot.mouseClick(tab.publication, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = (tmp_path / "chiffres.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert "Premières venues;4;3;7" not in saved and "Premières venues;<5;<5;7" in saved
    assert "Tableau enregistré" in tab.status.text()
    # the communes: the families' commune was not asked in these weeks
    assert "Non précisée : 24" in settled(tab).map.outside.text()
    window.close()


def test_the_years_activity_report_is_written_from_the_report_tab(  # type: ignore[no-untyped-def]
    qtbot, coordination: CoordinationStore, keys, files, tmp_path: Path
) -> None:
    from tests.support.pdf import pdftotext

    coordination.import_paths(files, [keys["secret"]], trust)
    window = open_window(qtbot, coordination, keys)
    window.tabs.setCurrentWidget(window.report)
    box = window.annual
    box.year.setValue(2026)
    box.site.setCurrentIndex(box.site.findData("lilas"))
    window.ask_save_file = lambda *_args: str(tmp_path / "bilan")
    qtbot.mouseClick(box.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Bilan enregistré" in box.status.text())
    text = " ".join(pdftotext((tmp_path / "bilan.pdf").read_bytes(), tmp_path).split())
    assert "Bilan d'activité 2026" in text and "Cabane des Lilas" in text
    assert "Effectifs de 1 à 4 masqués" in text  # for funders unless marked internal
    window.close()
