"""Today's visits beside the form: the list, its day counters, and edit / delete."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.desk.checkin import VisitRow, day_counters
from ui.widgets.texts import composition, ntr, tags, time_text, tr

AnyIndex = QModelIndex | QPersistentModelIndex


def _texts(row: VisitRow) -> tuple[str, str, str]:
    return (
        time_text(row.draft.arrived_at),
        composition(row.draft),
        " · ".join(
            [ntr("➜ %n orientation(s)", row.oriented)] * bool(row.oriented)
            + tags(row.draft, row.family_label)
        ),
    )


class TodayModel(QAbstractTableModel):
    """Rows of ``VisitRow`` shown as time, who came, and tags."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[VisitRow] = []
        self._texts: list[tuple[str, str, str]] = []
        self._headers = [tr("Heure"), tr("Qui"), tr("Repères")]

    def set_rows(self, rows: list[VisitRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        # Computed once here, not in data(): views call data() many times per row.
        self._texts = [_texts(row) for row in rows]
        self.endResetModel()

    def insert(self, row: VisitRow) -> None:
        """Add one saved visit in its place (most recent first), without reading the day."""
        position = 0
        while (
            position < len(self.rows)
            and self.rows[position].draft.arrived_at > row.draft.arrived_at
        ):
            position += 1
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.insert(position, row)
        self._texts.insert(position, _texts(row))
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        return None


class TodayPanel(QWidget):
    editRequested = Signal(str)
    orientRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TodayModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Passages d'aujourd'hui"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows of a fixed two-line height, wrapped when painted: measuring every row after
        # each save grows with the day (DESIGN.md §9). The tooltip has the full text.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().lineSpacing() * 2 + 10
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, self.table.fontMetrics().horizontalAdvance("00:00") + 24)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.counter_labels: dict[str, QLabel] = {}
        counters = QGridLayout()
        captions = (
            ("visits", tr("passages")),
            ("adults", tr("adultes")),
            ("children", tr("enfants")),
            ("first_visits", tr("1res venues")),
        )
        for column, (key, caption) in enumerate(captions):
            value = QLabel("0")
            value.setObjectName("dayCount")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            counters.addWidget(value, 0, column)
            counters.addWidget(text, 1, column)
            self.counter_labels[key] = value

        self.edit_button = QPushButton(tr("Corriger"))
        self.edit_button.clicked.connect(self._edit)
        self.delete_button = QPushButton(tr("Supprimer"))
        self.delete_button.clicked.connect(self._delete)
        self.orient_button = QPushButton(tr("Orientations…"))
        self.orient_button.clicked.connect(self._orient)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.orient_button)
        buttons.addStretch(1)

        title = QLabel(tr("Aujourd'hui"))
        title.setObjectName("panelTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(counters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def show_day(self, rows: list[VisitRow]) -> None:
        self.model.set_rows(rows)
        self._show_counters()

    def add_visit(self, row: VisitRow) -> None:
        self.model.insert(row)
        self._show_counters()

    def _show_counters(self) -> None:
        counters = day_counters(self.model.rows)
        for key, label in self.counter_labels.items():
            label.setText(str(getattr(counters, key)))
        self._update_buttons()

    def selected_id(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.rows[indexes[0].row()].id if indexes else None

    def select_id(self, visit_id: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.id == visit_id:
                self.table.selectRow(number)
                return

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.orient_button.setEnabled(has)

    def _edit(self) -> None:
        visit_id = self.selected_id()
        if visit_id:
            self.editRequested.emit(visit_id)

    def _orient(self) -> None:
        visit_id = self.selected_id()
        if visit_id:
            self.orientRequested.emit(visit_id)

    def _delete(self) -> None:
        visit_id = self.selected_id()
        if visit_id:
            self.deleteRequested.emit(visit_id)
