"""Picking a partner of the directory as you type its name, town or type."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QWidget,
)

from models import catalogues
from models.orientations.partners import PartnerDirectory, PartnerInfo
from ui.widgets.search import popup_of
from ui.widgets.texts import tr


def partner_text(partner: PartnerInfo) -> str:
    """« CAF de la Seine-Saint-Denis — CAF — Bobigny », as the search proposes it."""
    data = partner.data
    parts = [data.name, catalogues.label(catalogues.partner_types(), data.partner_type)]
    if data.commune != "unknown":
        parts.append(catalogues.label(catalogues.communes(), data.commune))
    return " — ".join(parts)


class PartnerPicker(QLineEdit):
    """Search as you type over the active partners (name, type, commune); a click in the
    list picks one, Enter picks the first."""

    picked = Signal(object)  # PartnerInfo

    def __init__(self, directory: PartnerDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self._found: dict[str, PartnerInfo] = {}
        self._chosen: PartnerInfo | None = None
        self.setPlaceholderText(tr("Nom, type ou commune du partenaire…"))
        self.setAccessibleName(tr("Rechercher un partenaire"))
        self._model = QStringListModel(self)
        self.list = QCompleter(self._model, self)
        self.list.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.list.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self.list)
        self.textEdited.connect(self._lookup)
        self.textChanged.connect(self._pick_text)  # a completion chosen puts its text here

    def partner(self) -> PartnerInfo | None:
        """The partner picked, as long as the field still shows it."""
        chosen = self._chosen
        return chosen if chosen is not None and self.text() == partner_text(chosen) else None

    def choose(self, partner: PartnerInfo) -> None:
        self._chosen = partner
        self.blockSignals(True)
        self.setText(partner_text(partner))
        self.setCursorPosition(0)  # the name first, when the text is longer than the field
        self.blockSignals(False)
        self.picked.emit(partner)

    def choose_first(self) -> bool:
        popup_of(self.list).hide()
        found = self._directory.search(self.text()) if self.text().strip() else []
        if found:
            self.choose(found[0])
        return bool(found)

    def reset(self) -> None:
        self._chosen = None
        self._found = {}
        self.clear()

    def _lookup(self, text: str) -> None:
        self._chosen = None
        found = self._directory.search(text)[:15] if text.strip() else []
        self._found = {partner_text(p): p for p in found}
        self._model.setStringList(list(self._found))
        if found:
            self.list.complete()

    def _pick_text(self, text: str) -> None:
        partner = self._found.get(text)
        if partner is not None and partner is not self._chosen:
            self.choose(partner)
