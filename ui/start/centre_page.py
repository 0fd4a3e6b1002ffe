"""The first-run wizard's page about the cabane's PMI centre: where families are sent for
an appointment, printed on their slip (name, address, phone, hours)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWizardPage

from models import catalogues
from models.orientations.partners import PHONE
from ui.widgets.texts import tr


class CentrePage(QWizardPage):
    def __init__(self, next_page: int) -> None:
        super().__init__()
        self._next_page = next_page
        self.setTitle(tr("Votre centre de PMI"))
        self.setSubTitle(
            tr(
                "Le centre de rattachement de la cabane, imprimé sur la fiche de rendez-vous "
                "des familles. Modifiable plus tard dans « Annuaire »."
            )
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Par exemple : Centre de PMI Jean Jaurès"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("Numéro et rue"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(tr("Par exemple : 01 43 60 00 00"))
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(tr("Par exemple : lundi au vendredi, 9 h – 17 h"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(tr("Nom du centre :"), self.name)
        form.addRow(tr("Adresse :"), self.address)
        form.addRow(tr("Téléphone :"), self.phone)
        form.addRow(tr("Horaires :"), self.hours)
        form.addRow(self.error)
        self._prefilled_for = ""
        self.name.textChanged.connect(lambda *_: self.completeChanged.emit())

    def prefill(self, site: catalogues.KnownSite) -> None:
        """The centre the catalogue knows for this cabane (once per cabane chosen)."""
        if self._prefilled_for != site.code:
            self._prefilled_for = site.code
            self.name.setText(site.pmi_centre)

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())

    def nextId(self) -> int:
        return self._next_page

    def validatePage(self) -> bool:
        phone = self.phone.text().strip()
        if phone and not PHONE.match(phone):
            self.error.setText(tr("Le téléphone : des chiffres et des espaces, 20 au plus."))
            self.phone.setFocus()
            return False
        self.error.setText("")
        return True

    def with_centre(self, site: catalogues.KnownSite) -> catalogues.KnownSite:
        return replace(
            site,
            pmi_centre=self.name.text().strip()[:120],
            pmi_centre_address=self.address.text().strip()[:240],
            pmi_centre_phone=self.phone.text().strip(),
            pmi_centre_hours=self.hours.text().strip()[:240],
        )
