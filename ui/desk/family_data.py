"""« Données de la famille »: everything stored about a known family, shown to the family
and printed for it (access), corrected, no longer linked (objection), or erased on its
request; its visits always stay counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.desk.families import FamilyError
from models.desk.family_rights import FamilyRecord, FamilyRights
from models.store.base import PARIS
from ui.widgets.pdf_preview import PdfPreviewDialog, preview_in_background
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import family_message, ntr, tr


@dataclass(frozen=True)
class FamilyDataServices:
    """From desktop/: the rights, the cabane's name, and whether a member of staff may
    erase (the référente)."""

    rights: FamilyRights
    site_name: str
    may_erase: Callable[[int | None], bool]


def _when(moment: datetime) -> str:
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def record_html(record: FamilyRecord) -> str:
    """The record as the family reads it on screen (the PDF says the same)."""
    reasons = catalogues.reasons()
    services, statuses = catalogues.pmi_services(), catalogues.orientation_statuses()
    lines = [
        f"<h3>{escape(record.label)}</h3>",
        "<p>"
        + tr(
            "Téléphone : {phone}<br>Code de la carte : {code}<br>Accord donné le {day}, "
            "auprès de {who}<br>Dernière venue : {last}"
        ).format(
            phone=escape(record.phone or tr("(aucun)")),
            code=escape(record.card_code),
            day=_when(record.consent_at)[:10],
            who=escape(record.consent_by),
            last=_when(record.last_contact_at)[:10],
        )
        + "</p>",
        "<h4>" + tr("Passages ({n})").format(n=len(record.visits)) + "</h4><ul>",
    ]
    for visit in record.visits:
        why = ", ".join(catalogues.label(reasons, code) for code in visit.reasons)
        note = f" — « {escape(visit.note)} »" if visit.note else ""
        lines.append(
            "<li>"
            + tr("{when} : {adults}, {children}").format(
                when=_when(visit.arrived_at),
                adults=ntr("%n adulte(s)", visit.adults),
                children=ntr("%n enfant(s)", visit.children),
            )
            + (f" ; {escape(why)}" if why else "")
            + f"{note}</li>"
        )
    lines.append("</ul><h4>" + tr("Orientations") + "</h4><ul>")
    for o in record.orientations:
        lines.append(
            f"<li>{_when(o.at)[:10]} : {escape(catalogues.label(services, o.service))}"
            f" — {escape(catalogues.label(statuses, o.status))}</li>"
        )
    for r in record.referrals:
        lines.append(f"<li>{_when(r.at)[:10]} : {escape(r.partner)}</li>")
    if not record.orientations and not record.referrals:
        lines.append("<li>" + tr("Aucune.") + "</li>")
    lines.append("</ul>")
    return "".join(lines)


class FamilyDataDialog(QDialog):
    def __init__(
        self,
        services: FamilyDataServices,
        family_id: str,
        staff_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.family_id = family_id
        self.staff_id = staff_id
        self.setWindowTitle(tr("Données de la famille"))
        fit_on_screen(self, 640, 560)
        self.record = services.rights.record(family_id, staff_id)
        self.changed = False  # the record was corrected, unlinked or erased
        self.text = QLabel(record_html(self.record))
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setContentsMargins(8, 4, 8, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        self.label_edit = QLineEdit(self.record.label)
        self.label_edit.setAccessibleName(tr("Nom choisi"))
        self.phone_edit = QLineEdit(self.record.phone)
        self.phone_edit.setAccessibleName(tr("Téléphone"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Nom choisi :"), self.label_edit)
        form.addRow(tr("Téléphone :"), self.phone_edit)
        self.print_button = QPushButton(tr("Imprimer pour la famille…"))
        self.print_button.clicked.connect(self.show_pdf)
        self.correct_button = QPushButton(tr("Corriger"))
        self.correct_button.clicked.connect(self.correct)
        self.unlink_button = QPushButton(tr("Ne plus la reconnaître…"))
        self.unlink_button.clicked.connect(self.stop_linking)
        self.erase_button = QPushButton(tr("Effacer sa fiche…"))
        self.erase_button.clicked.connect(self.erase)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for button in (self.print_button, self.correct_button, self.unlink_button):
            row.addWidget(button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self._preview: PdfPreviewDialog | None = None

    def show_pdf(self) -> None:
        from printing.family_record import build_family_record  # reportlab on first use

        record, site = self.record, self.services.site_name

        def keep(dialog: PdfPreviewDialog) -> None:
            self._preview = dialog

        preview_in_background(
            lambda: build_family_record(record, site, date.today()),
            tr("Vos données à la cabane"),
            "donnees-famille.pdf",
            self,
            keep,
            self.error.setText,
        )

    def correct(self) -> None:
        try:
            self.services.rights.correct(
                self.family_id,
                self.label_edit.text(),
                self.phone_edit.text(),
                self.staff_id,
            )
        except FamilyError as error:
            self.error.setText(family_message(error.code))
            return
        self.changed = True
        self.record = self.services.rights.record(self.family_id, self.staff_id)
        self.text.setText(record_html(self.record))
        self.error.setText(tr("Fiche corrigée."))

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, tr("Données de la famille"), question)
        return answer == QMessageBox.StandardButton.Yes

    def stop_linking(self) -> None:
        if not self._confirm(
            tr(
                "La famille ne sera plus reconnue : sa fiche (nom choisi, téléphone, code de "
                "carte) est supprimée, ses passages restent comptés sans lien. Continuer ?"
            )
        ):
            return
        self.services.rights.stop_linking(self.family_id, self.staff_id)
        self.changed = True
        self.accept()

    def erase(self) -> None:
        if not self.services.may_erase(self.staff_id):
            self.error.setText(
                tr(
                    "Effacer une fiche est réservé à la référente : choisissez-la dans "
                    "« À l'accueil », puis recommencez."
                )
            )
            return
        if not self._confirm(
            tr(
                "Effacer la fiche et les notes de ses passages ? Les passages restent "
                "comptés, sans lien ni note. Cela ne peut pas être annulé."
            )
        ):
            return
        self.services.rights.erase(self.family_id, self.staff_id)
        self.changed = True
        self.accept()
