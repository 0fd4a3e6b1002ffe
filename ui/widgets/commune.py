"""The commune box: the communes of Seine-Saint-Denis, Paris and elsewhere, searched as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from models import catalogues
from ui.widgets.search import fold, search_as_you_type


def commune_box(accessible: str, people: bool = False) -> QComboBox:
    """Editable, matching what is typed anywhere in the name: « Non précisée », the
    communes of Seine-Saint-Denis, Paris, elsewhere; for people (a visit, an outing)
    also « Sans domicile stable »."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setAccessibleName(accessible)
    box.setMinimumWidth(220)
    box.addItem(catalogues.label(catalogues.communes(), "unknown"), "unknown")
    towns = [e for e in catalogues.communes() if e.active and e.code.startswith("93")]
    for entry in sorted(towns, key=lambda e: fold(e.label)):
        box.addItem(entry.label, entry.code)
    for code in ("paris", "hors93", "sans_domicile") if people else ("paris", "hors93"):
        box.addItem(catalogues.label(catalogues.communes(), code), code)
    search_as_you_type(box)
    return box


def set_commune(box: QComboBox, code: str) -> None:
    index = box.findData(code)
    if index < 0:  # a former commune, or a place this list leaves out
        box.addItem(catalogues.label(catalogues.communes(), code), code)
        index = box.count() - 1
    box.setCurrentIndex(index)


def commune_code(box: QComboBox) -> str:
    index = box.findText(box.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    return str(box.itemData(index)) if index >= 0 else "?"
