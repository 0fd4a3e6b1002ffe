"""The partner directory and the PMI centres, kept by the site's référent·e; CSV in and out."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.orientations.partners import (
    CSV_COLUMNS,
    MAX_IMPORT_BYTES,
    ImportReport,
    PartnerData,
    PartnerError,
    PartnerInfo,
    csv_lines,
)
from models.store.files import write_atomically
from ui.widgets.background import BackgroundOp, BusyGuard
from ui.widgets.forms import EnterKeys, section, status_line
from ui.widgets.search import fold
from ui.widgets.tables import TextTableModel, table_view
from ui.widgets.texts import partner_refusal_phrase, tr

if TYPE_CHECKING:
    from ui.orientations.pending import OrientationServices
from ui.orientations.partner_form import PartnerForm
from ui.widgets.screen import fit_on_screen


def _cells_by_line(raw: bytes) -> dict[int, dict[str, str]]:
    """The CSV read as the import reads it, to quote a refused value back."""
    try:
        rows = iter(list(csv_lines(raw)))
    except csv.Error:
        return {}
    titles = {fold(title): name for title, name in CSV_COLUMNS}
    titles.update({name: name for _title, name in CSV_COLUMNS})
    names = [titles.get(fold(title), "") for title in next(rows, [])]
    return {number: dict(zip(names, cells, strict=False)) for number, cells in enumerate(rows, 2)}


def _quoted_value(field: str, value: str) -> str:
    if field == "languages":
        known = {fold(e.label) for e in catalogues.languages()}
        known |= {fold(e.code) for e in catalogues.languages()}
        parts = [p.strip() for p in re.split(r"[,/|]", value) if p.strip()]
        value = ", ".join(p for p in parts if fold(p) not in known)
    return tr(" (« {value} »)").format(value=value.strip()) if value.strip() else ""


def import_report_text(report: ImportReport, raw: bytes = b"", shown: int = 12) -> str:
    """« 12 partenaires ajoutés. 2 lignes refusées : ligne 4 : type inconnu (« Garage ») ; … »"""
    whole = {
        "too_large": tr("Fichier refusé : trop gros (5 Mo au plus). Rien n'a été importé."),
        "empty": tr("Fichier vide : rien n'a été importé."),
        "cell_too_large": tr(
            "Fichier refusé : une case contient un texte trop long (4 000 caractères au plus) "
            "ou un guillemet jamais fermé. Rien n'a été importé."
        ),
        "missing_column": tr(
            "Fichier refusé : sa première ligne doit nommer les colonnes, dont « nom ». "
            "Exportez la liste pour voir le modèle."
        ),
    }
    for _line, _field, code in report.refused:
        if code in whole:
            return whole[code]
    n = report.imported
    if n == 0:
        added = tr("Aucun partenaire ajouté.")
    elif n == 1:
        added = tr("1 partenaire ajouté.")
    else:
        added = tr("{n} partenaires ajoutés.").format(n=n)
    refused = report.refused
    if not refused:
        return added
    cells = _cells_by_line(raw) if raw else {}
    details = [
        tr("ligne {line} : {why}{value}").format(
            line=line,
            why=partner_refusal_phrase(field, code),
            value=_quoted_value(field, cells.get(line, {}).get(field, ""))
            if code in ("unknown", "format")
            else "",
        )
        for line, field, code in refused[:shown]
    ]
    if len(refused) > shown:
        details.append(tr("et {n} autres").format(n=len(refused) - shown))
    count = (
        tr("1 ligne refusée")
        if len(refused) == 1
        else tr("{n} lignes refusées").format(n=len(refused))
    )
    return f"{added} {count} : {' ; '.join(details)}."


# ----- the window


class PartnerDirectoryWindow(QDialog):
    """Tabs « Partenaires » and « Centres de PMI ». Nothing is deleted: a partner is
    deactivated, and a click on « Réactiver » brings it back."""

    changed = Signal()  # a partner or a centre saved: the desk reloads its lists

    def __init__(self, services: OrientationServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(tr("Annuaire des partenaires"))
        self.ask_open_path: Callable[[], Path | None] = self._open_dialog
        self.ask_save_path: Callable[[str], Path | None] = self._save_dialog
        self.write_file: Callable[[Path, bytes], None] = write_atomically
        self._shown: list[PartnerInfo] = []
        self.current: PartnerInfo | None = None
        self._enter = EnterKeys(self._enter_pressed, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Rechercher : nom, type, commune, notes…"))
        self.search.setAccessibleName(tr("Rechercher un partenaire"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.active_only = QCheckBox(tr("Actifs seulement"))
        self.active_only.setChecked(True)
        self.active_only.toggled.connect(lambda _on: self.refresh())
        self.model = TextTableModel([tr("Nom"), tr("Type"), tr("Commune"), tr("Téléphone")], self)
        self.table = table_view(self.model, tr("Partenaires"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 115), (3, 120)):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.new_button = QPushButton(tr("Nouveau partenaire"))
        self.new_button.clicked.connect(self.new_partner)
        self.import_button = QPushButton(tr("Importer un fichier CSV…"))
        self.import_button.clicked.connect(self.import_csv)
        self.export_button = QPushButton(tr("Exporter en CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self._guard = BusyGuard(self.import_button, self.export_button)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form = PartnerForm(self._enter)
        self.form_title = section("", "panelTitle")
        self.save_button = QPushButton(tr("Enregistrer"))
        self.save_button.setObjectName("primaryAction")
        self.save_button.clicked.connect(self.save)
        self.active_button = QPushButton(tr("Désactiver"))
        self.active_button.setObjectName("secondaryAction")
        self.active_button.clicked.connect(self.toggle_active)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._enter.watch(
            self.search,
            *(w for w in self.form.findChildren(QLineEdit) if w is not self.form.other_language),
            self.form.partner_type,
            self.form.commune,
        )

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.active_only)
        files = QHBoxLayout()
        files.addWidget(self.new_button)
        files.addStretch(1)
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 1)
        left.addLayout(files)
        left.addWidget(self.report)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.active_button)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.form_title)
        right.addWidget(scroll, 1)
        right.addLayout(actions)
        page = QWidget()
        columns = QHBoxLayout(page)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        from ui.orientations.pmi_centres import CentresPage  # here: it reuses this module's helpers

        self.centres = CentresPage(services)
        self.centres.changed.connect(self.changed)
        self.tabs = QTabWidget()
        self.tabs.addTab(page, tr("&Partenaires"))
        self.tabs.addTab(self.centres, tr("&Centres de PMI"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        fit_on_screen(self, 1100, 700)
        self.refresh()
        self.new_partner()

    # ----- list

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        found = self.services.partners.search(
            self.search.text(), include_inactive=not self.active_only.isChecked()
        )
        self._shown = sorted(found, key=lambda p: fold(p.data.name))  # « Épicerie » after « E »
        self.table.blockSignals(True)
        self.model.set_rows(
            [
                (
                    p.data.name if p.active else tr("{name} (inactif)").format(name=p.data.name),
                    catalogues.label(catalogues.partner_types(), p.data.partner_type),
                    ""
                    if p.data.commune == "unknown"
                    else catalogues.label(catalogues.communes(), p.data.commune),
                    p.data.phone,
                )
                for p in self._shown
            ],
            [not p.active for p in self._shown],
        )
        self.table.blockSignals(False)
        for number, partner in enumerate(self._shown):
            if partner.id == keep:
                self.table.selectRow(number)

    def shown_names(self) -> list[str]:
        return [p.data.name for p in self._shown]

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.show_partner(self._shown[rows[0].row()])

    def show_partner(self, partner: PartnerInfo | None) -> None:
        self.current = partner
        self.form.load(partner.data if partner else PartnerData(name=""))
        self.form_title.setText(partner.data.name if partner else tr("Nouveau partenaire"))
        self.active_button.setVisible(partner is not None)
        if partner is not None:
            self.active_button.setText(tr("Désactiver") if partner.active else tr("Réactiver"))

    def new_partner(self) -> None:
        self.table.clearSelection()
        self.show_partner(None)
        self.message.clear()
        self.form.name.setFocus()

    # ----- saving

    def save(self) -> None:
        staff = self.services.staff_id()
        try:
            if self.current is None:
                saved = self.services.partners.create(self.form.data(), staff)
            else:
                saved = self.services.partners.update(self.current.id, self.form.data(), staff)
        except PartnerError as error:
            self.form.show_error(error)
            status_line(self.message, tr("Rien n'a été enregistré : corrigez le champ."), False)
            return
        self.show_partner(saved)
        self.refresh(saved.id)
        status_line(self.message, tr("Partenaire enregistré."))
        self.changed.emit()

    def toggle_active(self) -> None:
        if self.current is None:
            return
        active = not self.current.active
        self.services.partners.set_active(self.current.id, active, self.services.staff_id())
        partner = self.services.partners.get(self.current.id)
        self.show_partner(partner)
        self.refresh()
        text = (
            tr("Partenaire réactivé : il est de nouveau proposé à l'accueil.")
            if active
            else tr("Partenaire désactivé : il n'est plus proposé à l'accueil (« Réactiver »).")
        )
        status_line(self.message, text)
        self.changed.emit()

    def _enter_pressed(self, widget: QWidget) -> None:
        if widget is self.form.other_language:
            if self.form.other_language.text().strip():
                self.form.add_language(self.form.other_language.text())
        elif widget is self.search:
            if self._shown:
                self.table.selectRow(0)
                self.table.setFocus()
        else:
            self.save()

    # ----- CSV files, read and written off the UI thread

    def busy(self) -> bool:
        return self._guard.busy

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def failed(error: Exception) -> None:
            status_line(
                self.report,
                tr("Fichier illisible ou impossible à écrire : choisissez un autre emplacement.")
                if isinstance(error, OSError)
                else tr("L'opération a échoué : rien n'a été changé."),
                False,
            )

        BackgroundOp(self, work).guarded_by(self._guard).success(done).failure(failed).run()

    def import_csv(self) -> None:
        path = self.ask_open_path()
        if path is None:
            return
        staff = self.services.staff_id()
        status_line(self.report, tr("Import en cours…"))

        def work() -> tuple[bytes, ImportReport]:
            if path.stat().st_size > MAX_IMPORT_BYTES:  # refused before being read
                too_large = ImportReport()
                too_large.refused.append((0, "file", "too_large"))
                return b"", too_large
            raw = path.read_bytes()
            return raw, self.services.partners.import_csv(raw, staff)

        def done(result: tuple[bytes, ImportReport]) -> None:
            raw, report = result
            status_line(self.report, import_report_text(report, raw), not report.refused)
            self.refresh()
            if report.imported:
                self.changed.emit()

        self._run(work, done)

    def export_csv(self) -> None:
        path = self.ask_save_path("partenaires-cabane.csv")
        if path is None:
            return

        def work() -> int:
            self.write_file(path, self.services.partners.export_csv())
            return len(self.services.partners.search(include_inactive=True))

        def done(count: int) -> None:
            text = tr("{n} partenaires exportés dans {path} (s'ouvre avec Excel).")
            status_line(self.report, text.format(n=count, path=path))

        self._run(work, done)

    def _open_dialog(self) -> Path | None:
        name = QFileDialog.getOpenFileName(
            self, tr("Importer des partenaires"), "", tr("Fichier CSV (*.csv *.txt)")
        )[0]
        return Path(name) if name else None

    def _save_dialog(self, suggested: str) -> Path | None:
        name = QFileDialog.getSaveFileName(
            self, tr("Exporter les partenaires"), suggested, tr("Fichier CSV (*.csv)")
        )[0]
        return Path(name) if name else None
