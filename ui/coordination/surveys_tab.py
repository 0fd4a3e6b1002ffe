"""« Questionnaires » (issue 18), a view of the « Chiffres » tab: for its period and its
cabanes, each questionnaire's answer sheets per cabane and together, their languages, and
per question the sheets that answered it and each choice's count. Questionnaires made
from the same template are counted together across cabanes. With « Pour publication »,
the counts of 1 to 4 are masked (« <5 ») on screen and in what is copied or saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from models import catalogues
from models.exchange.coordination_surveys import Cell, CountLine, SurveyTable
from models.exchange.row_figures import ALL
from ui.coordination.coordination_charts import Run
from ui.widgets.tables import AnyIndex, TextTableModel, table_view
from ui.widgets.texts import tr

# (first, last, cabane codes or None, publication) → the questionnaires answered
SurveysOf = Callable[[date, date, list[str] | None, bool], list[SurveyTable]]


class _Model(TextTableModel):
    """Texts, a questionnaire's line in bold, a question's in italics."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self.styles: list[str] = []

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.FontRole and self.styles[index.row()]:
            font = QFont()
            font.setBold(self.styles[index.row()] == "survey")
            font.setItalic(self.styles[index.row()] == "question")
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


def _cells(counts: dict[str, Cell], keys: Sequence[str]) -> list[str]:
    return [str(counts.get(key, 0)) for key in keys]


def survey_lines(
    tables: Sequence[SurveyTable], keys: Sequence[str]
) -> tuple[list[list[str]], list[str]]:
    """The rows of the table (question, choice, a count per column ``keys``) and each
    row's style: « survey », « question » or « »."""
    rows: list[list[str]] = []
    styles: list[str] = []

    def add(first: str, second: str, counts: dict[str, Cell], style: str = "") -> None:
        rows.append([first, second, *_cells(counts, keys)])
        styles.append(style)

    languages = catalogues.languages()
    for table in tables:
        add(table.title, tr("Fiches de réponse"), table.sheets, "survey")
        for line in table.languages:
            name = catalogues.label(languages, line.choice)
            add("", tr("en {language}").format(language=name[:1].lower() + name[1:]), line.counts)
        for line in table.lines:
            add(*_texts(line), line.counts, "" if line.choice else "question")
    return rows, styles


def _texts(line: CountLine) -> tuple[str, str]:
    if line.choice:
        return "", f"  {line.choice_text or line.choice}"
    if line.kind == "text":
        return line.question_text, tr("Ont répondu (réponses libres, gardées à la cabane)")
    return line.question_text, tr("Ont répondu")


class SurveysView(QWidget):
    def __init__(self, surveys_of: SurveysOf, run: Run, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._surveys_of, self._run = surveys_of, run
        self._asked = 0  # the latest count asked: an older answer arriving late is dropped
        self.model = _Model(self)
        self.table = table_view(self.model, tr("Questionnaires de la période"))
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def show_for(
        self, first: date, last: date, names: dict[str, str], chosen: list[str], masked: bool
    ) -> None:
        """Count the questionnaires of [first, last] in the ``chosen`` cabanes (code →
        name in ``names``), masked for publication or not."""
        self._asked += 1
        asked = self._asked
        self.status.setText(tr("Calcul des questionnaires…"))
        self._run(
            lambda: self._surveys_of(first, last, chosen, masked),
            lambda tables: self._show(tables, [(c, names.get(c, c)) for c in chosen], asked),
            lambda _error: self.status.setText(tr("Les questionnaires n'ont pas pu être lus.")),
        )

    def _show(self, tables: list[SurveyTable], sites: list[tuple[str, str]], asked: int) -> None:
        if asked != self._asked:
            return
        columns = sites + ([(ALL, tr("Ensemble"))] if len(sites) > 1 else [])
        self.model.headers = [tr("Questionnaire et question"), tr("Réponse")]
        self.model.headers += [name for _code, name in columns]
        rows, self.model.styles = survey_lines(tables, [code for code, _name in columns])
        self.model.set_rows([tuple(row) for row in rows])
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 420))
        self.status.setText(
            ""
            if tables
            else tr("Aucun questionnaire rempli dans ces cabanes pendant cette période.")
        )

    def lines(self) -> list[list[str]]:
        """The table as shown, with its headings: to copy or save."""
        return [list(self.model.headers), *(list(row) for row in self.model.rows)]
