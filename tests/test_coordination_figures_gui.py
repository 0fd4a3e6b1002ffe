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


def test_evolution_draws_each_cabane_over_the_period_and_the_days_and_hours(
    qtbot, coordination: CoordinationStore, keys, files
) -> None:  # type: ignore[no-untyped-def]
    """« Évolution »: a line a cabane, week by week for a quarter, month by month for a
    year; the visits of every cabane shown by weekday and by hour. Every point adds up
    to the visits of the table."""
    coordination.import_paths(files, [keys["secret"]], trust)
    window = open_window(qtbot, coordination, keys)
    window.tabs.setCurrentWidget(window.figures)
    tab = window.figures
    tab.views.setCurrentWidget(tab.trend)
    tab.kind.setCurrentIndex(tab.kind.findData("quarter"))
    settled(tab)
    trend, weekdays, hours = tab.trend.charts()
    assert trend.title() == "Passages par semaine"
    lines = {series.name(): series for series in trend.series()}
    assert set(lines) == {"La Courneuve", "Lilas"}
    assert sum(p.y() for p in lines["Lilas"].points()) == 10
    # from the first week with a file to the last: no zeros where nothing was imported
    assert any(series.points()[0].y() > 0 for series in lines.values())
    assert any(series.points()[-1].y() > 0 for series in lines.values())
    for chart in (weekdays, hours):
        bars = chart.series()[0].barSets()[0]
        assert sum(bars.at(i) for i in range(bars.count())) == 24
    tab.kind.setCurrentIndex(tab.kind.findData("year"))
    settled(tab)
    assert trend.title() == "Passages par mois"
    assert sum(p.y() for series in trend.series() for p in series.points()) == 24
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


def test_outreach_shows_the_people_met_per_outing() -> None:
    """« Aller-vers »: totals, and people met per outing as a French decimal, never
    masked as a small count (an average names no one)."""
    from collections import Counter

    from models.exchange.row_figures import Figures
    from ui.coordination.figure_rows import figure_rows
    from ui.coordination.period_tab import table_lines

    street, quiet = Figures(), Figures()
    street.groups["outreach"] = Counter(outings=10, adults=80, children=44, flyers=200)
    quiet.groups["outreach"] = Counter(outings=3, adults=4, children=0)
    rows = figure_rows({"a": street, "b": quiet}, ["a", "b"])
    labels = [row.label for row in rows]
    assert "Aller-vers" in labels
    average = rows[labels.index("Personnes rencontrées par sortie (moyenne)")]
    assert average.cells(publication=True) == ["12,4", "1,3"]
    outings = rows[labels.index("Sorties")]
    assert outings.cells(publication=True) == ["10", "<5"]
    lines = table_lines(["A", "B"], rows, publication=False)
    assert ["Personnes rencontrées par sortie (moyenne)", "12,4", "1,3"] in lines
