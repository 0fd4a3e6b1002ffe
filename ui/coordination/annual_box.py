"""« Bilan d'activité » in the coordination's « Rapport » tab: a year, one cabane or all,
as PDF or Excel, masked for funders unless the report is marked internal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.exchange.annual_report import AnnualReport
from models.exchange.weekly_schema import FIRST_YEAR
from ui.coordination.coordination_charts import (
    Run,
    action_button,
    saving_path,
    set_status,
    short_site_name,
    wrapped,
    write_failure,
)
from ui.widgets.texts import tr

# (year, cabane code or None for all, for publication) → the report's lines
BuildReport = Callable[[int, str | None, bool], AnnualReport]


class AnnualReportBox(QWidget):
    def __init__(
        self,
        build: BuildReport,
        sites: Callable[[], dict[str, str]],
        write_file: Callable[[Path, bytes], None],
        ask_save_file: Callable[[str, str, str], str],
        run: Run,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._build, self._sites, self._write, self._ask, self._run = (
            build,
            sites,
            write_file,
            ask_save_file,
            run,
        )
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, date.today().year)
        self.year.setValue(date.today().year - 1 if date.today().month < 7 else date.today().year)
        self.year.setAccessibleName(tr("Année du bilan"))
        self.site = QComboBox()
        self.site.setAccessibleName(tr("Cabane du bilan"))
        self.internal = QCheckBox(tr("Effectifs exacts (document interne, rien de masqué)"))
        self.pdf_button = action_button(tr("Bilan en PDF…"), True, lambda: self.save("pdf"))
        self.xlsx_button = action_button(tr("Bilan en Excel…"), False, lambda: self.save("xlsx"))
        self.status = wrapped()
        choice = QHBoxLayout()
        choice.addWidget(QLabel(tr("Année :")))
        choice.addWidget(self.year)
        choice.addWidget(QLabel(tr("Cabane :")))
        choice.addWidget(self.site)
        choice.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(wrapped(tr("Bilan d'activité de l'année"), "panelTitle"))
        layout.addWidget(
            wrapped(
                tr(
                    "Le document à remettre au Département, à la CAF ou à l'ARS : séances "
                    "et heures d'ouverture, familles, enfants, activités, aller-vers, "
                    "orientations. Les effectifs de 1 à 4 y sont masqués."
                )
            )
        )
        layout.addLayout(choice)
        layout.addWidget(self.internal)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh_sites()

    def refresh_sites(self) -> None:
        chosen = self.site.currentData()
        self.site.clear()
        self.site.addItem(tr("Toutes les cabanes ensemble"), None)
        for code, name in sorted(self._sites().items(), key=lambda kv: kv[1]):
            self.site.addItem(short_site_name(name), code)
        self.site.setCurrentIndex(max(0, self.site.findData(chosen)))

    def save(self, suffix: str) -> None:
        year, site = self.year.value(), self.site.currentData()
        publication = not self.internal.isChecked()
        who = site or "cabanes"
        name = self._ask(
            tr("Enregistrer le bilan d'activité"),
            f"bilan-{year}-{who}.{suffix}",
            tr("Document PDF (*.pdf)") if suffix == "pdf" else tr("Classeur Excel (*.xlsx)"),
        )
        if not name:
            return
        path = saving_path(name, suffix)
        self._enable(False)

        def work() -> str:
            from printing.annual_report import build_annual_report_pdf, build_annual_report_xlsx

            report = self._build(year, site, publication)
            data = (
                build_annual_report_pdf(report, date.today())
                if suffix == "pdf"
                else build_annual_report_xlsx(report)
            )
            self._write(path, data)
            return str(path)

        self._run(work, self._written, lambda error: self._failed(error, path))

    def _enable(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.xlsx_button.setEnabled(on)

    def _written(self, path: str) -> None:
        self._enable(True)
        set_status(self.status, tr("Bilan enregistré : {path}").format(path=path))

    def _failed(self, error: Exception, path: Path) -> None:
        self._enable(True)
        set_status(self.status, write_failure(error, path), False)
