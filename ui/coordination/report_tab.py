"""« Rapport »: the consolidated weeks written as XLSX or CSV, exact or masked for publication."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QVBoxLayout,
    QWidget,
)

from models.exchange.coordination import WeekSummary, report_csv, report_headings, report_rows
from ui.coordination.coordination_charts import (
    Run,
    action_button,
    page,
    row,
    saving_path,
    set_status,
    wrapped,
    write_failure,
)
from ui.widgets.texts import ntr, tr, week_text


def report_workbook(weeks: Sequence[WeekSummary], publication: bool) -> bytes:
    from printing.spreadsheet import coordination_report_xlsx  # openpyxl only when written

    rows = report_rows(weeks, publication)
    return coordination_report_xlsx(report_headings(), rows, publication)


class ReportTab(QWidget):
    """« Rapport »: the consolidated weeks as XLSX or CSV, exact or masked for publication."""

    written = Signal(str)  # the report's path

    def __init__(
        self,
        weeks: Callable[[], list[WeekSummary]],
        write_file: Callable[[Path, bytes], None],
        ask_save_file: Callable[[str, str, str], str],
        run: Run,
        parent: QWidget | None = None,
        annual: QWidget | None = None,  # the « Bilan d'activité » part, under the report
    ) -> None:
        super().__init__(parent)
        self._weeks, self._write_file, self._ask, self._run = weeks, write_file, ask_save_file, run
        self.summary = wrapped()
        self.publication = QCheckBox(
            tr("Rapport destiné à être publié (effectifs de 1 à 4 masqués)")
        )
        self.publication.setMinimumHeight(34)
        self.xlsx_button = action_button(tr("Enregistrer en Excel (.xlsx)…"), True, self.save_xlsx)
        self.csv_button = action_button(tr("Enregistrer en CSV…"), False, self.save_csv)
        self.status = wrapped()
        hint = tr(
            "Sans cette case, le rapport donne les effectifs exacts : document interne à la "
            "coordination, à ne pas diffuser. Avec elle, les effectifs de 1 à 4 deviennent "
            "« <5 »."
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            page(
                wrapped(tr("Rapport consolidé"), "panelTitle"),
                self.summary,
                self.publication,
                wrapped(hint),
                row(self.xlsx_button, self.csv_button),
                self.status,
                *([annual] if annual is not None else []),
            )
        )
        self.set_weeks([])

    def set_weeks(self, weeks: Sequence[WeekSummary]) -> None:
        if not weeks:
            self.summary.setText(tr("Aucune semaine importée : le rapport serait vide."))
            return
        first, last = weeks[0], weeks[-1]  # ordered by year and week
        self.summary.setText(
            tr("{weeks}, de la {first} à la {last}, {sites}").format(
                weeks=ntr("%n semaine(s) de cabane importée(s)", len(weeks)),
                first=week_text(first.iso_year, first.iso_week),
                last=week_text(last.iso_year, last.iso_week),
                sites=ntr("pour %n cabane(s).", len({w.site_code for w in weeks})),
            )
        )

    def save_xlsx(self) -> None:
        self._save("xlsx", tr("Classeur Excel (*.xlsx)"), report_workbook)

    def save_csv(self) -> None:
        self._save("csv", tr("Fichier CSV (*.csv)"), report_csv)

    def _save(
        self, suffix: str, file_filter: str, build: Callable[[list[WeekSummary], bool], bytes]
    ) -> None:
        publication = self.publication.isChecked()
        kind = tr("publication") if publication else tr("interne")
        name = self._ask(
            tr("Enregistrer le rapport"),
            f"rapport-cabanes-{date.today().isoformat()}-{kind}.{suffix}",
            file_filter,
        )
        if not name:
            return
        path = saving_path(name, suffix)
        self._enable(False)

        def work() -> str:
            self._write_file(path, build(self._weeks(), publication))
            return str(path)

        self._run(work, self._written, lambda error: self._failed(error, path))

    def _enable(self, on: bool) -> None:
        self.xlsx_button.setEnabled(on)
        self.csv_button.setEnabled(on)

    def _written(self, path: str) -> None:
        self._enable(True)
        set_status(self.status, tr("Rapport enregistré : {path}").format(path=path))
        self.written.emit(path)

    def _failed(self, error: Exception, path: Path) -> None:
        self._enable(True)
        set_status(self.status, write_failure(error, path), False)
