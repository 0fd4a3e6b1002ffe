"""The texts of a questionnaire in each language it offers, side by side with French: one
row per text (the title, each question, each choice), one column per language. An empty
cell falls back to French for the respondent."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from models import catalogues
from ui.widgets.texts import tr


def _texts_of(data: dict[str, Any]) -> list[dict[str, str]]:
    """Every text dictionary of the questionnaire, in reading order."""
    texts = [data["title"]]
    for question in data["questions"]:
        texts.append(question["text"])
        texts.extend(choice["text"] for choice in question.get("choices", []))
    return texts


class TranslationTable(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.languages: list[str] = []
        self.table = QTableWidget(0, 1)
        self.table.setAccessibleName(tr("Traductions"))
        self.table.verticalHeader().hide()
        self.table.setCornerButtonEnabled(False)
        hint = QLabel(
            tr(
                "Écrivez chaque texte dans les langues proposées. Une case vide : la personne "
                "lira le texte en français."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)

    def show_texts(self, data: dict[str, Any], languages: list[str]) -> None:
        self.languages = [code for code in languages if code != "fr"]
        texts = _texts_of(data)
        self.table.setColumnCount(1 + len(self.languages))
        self.table.setHorizontalHeaderLabels(
            [catalogues.label(catalogues.languages(), code) for code in ["fr", *self.languages]]
        )
        self.table.setRowCount(len(texts))
        for row, text in enumerate(texts):
            french = QTableWidgetItem(text["fr"])
            french.setFlags(french.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, french)
            for column, code in enumerate(self.languages, start=1):
                item = QTableWidgetItem(text.get(code, ""))
                if code == "ar":
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, 280)

    def take_texts(self, data: dict[str, Any]) -> None:
        """Write what was typed back into ``data`` (nothing if the tab was never shown)."""
        texts = _texts_of(data)
        if self.table.rowCount() != len(texts):
            return
        for row, text in enumerate(texts):
            for column, code in enumerate(self.languages, start=1):
                item = self.table.item(row, column)
                typed = item.text().strip() if item is not None else ""
                if typed:
                    text[code] = typed
                else:
                    text.pop(code, None)
        self.table.setRowCount(0)
