"""Following orientations up: open items by status and date, status changed in place;
and how an orientation is said in French (shared by the orientation widgets)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.orientations.orientations import FollowUpItem, OrientationError
from ui.widgets.choices import OneOf
from ui.widgets.forms import section, status_line
from ui.widgets.screen import fit_on_screen
from ui.widgets.tables import TextTableModel, table_view
from ui.widgets.texts import date_text, time_text, tr

if TYPE_CHECKING:
    from ui.orientations.pending import OrientationServices

OPEN_STATUSES = ("proposed", "appointment", "contacted")


# ----- how an orientation is said


def statuses(kind: str) -> tuple[catalogues.Entry, ...]:
    if kind == "orientation":
        return catalogues.orientation_statuses()
    return catalogues.referral_statuses()


def status_text(kind: str, status: str) -> str:
    """« proposée », « RDV pris », « contact pris » (inside a sentence)."""
    text = catalogues.label(statuses(kind), status)
    return text if text.startswith("RDV") else text[:1].lower() + text[1:]


def appointment_text(moment: datetime) -> str:
    return tr("{day} à {time}").format(day=moment.strftime("%d/%m"), time=time_text(moment))


def item_text(
    kind: str, what: str, detail: str, status: str, appointment_at: datetime | None = None
) -> str:
    """« Vaccination — Centre de PMI des Lilas — RDV pris le 03/12 à 14:00 »."""
    if kind == "orientation":
        parts = [catalogues.label(catalogues.pmi_services(), what)] + ([detail] if detail else [])
    else:
        parts = [what, catalogues.label(catalogues.referral_themes(), detail)]
    state = status_text(kind, status)
    if appointment_at is not None:
        when = appointment_text(appointment_at)
        template = (
            tr("{status} le {when}") if status == "appointment" else tr("{status}, RDV le {when}")
        )
        state = template.format(status=state, when=when)
    return " — ".join([*parts, state])


def _row(item: FollowUpItem) -> tuple[str, ...]:
    orientation = item.kind == "orientation"
    return (
        f"{date_text(item.visit_at)} {time_text(item.visit_at)}",
        tr("PMI") if orientation else tr("Partenaire"),
        catalogues.label(catalogues.pmi_services(), item.what) if orientation else item.what,
        item.detail if orientation else catalogues.label(catalogues.referral_themes(), item.detail),
        f"{date_text(item.appointment_at)} {time_text(item.appointment_at)}"
        if item.appointment_at
        else "",
        catalogues.label(statuses(item.kind), item.status),
    )


# ----- the view


class FollowUpView(QDialog):
    """« Suivi des orientations ». Arrows move, 1 to 4 (or the buttons) change the status of
    the selected line, saved at once; « Annuler » puts the previous status back."""

    statusChanged = Signal()
    slipRequested = Signal(str)  # a referral id

    def __init__(self, services: OrientationServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.items: list[FollowUpItem] = []
        self._undo: tuple[FollowUpItem, str] | None = None
        self.setWindowTitle(tr("Suivi des orientations"))
        self.filter = OneOf([("open", tr("À suivre")), ("all", tr("Toutes"))], "open")
        self.filter.setAccessibleName(tr("Orientations montrées"))
        self.filter.changed.connect(lambda _code: self.refresh())
        hint = QLabel(
            tr("À suivre : proposées, RDV pris, contact pris. Les plus anciennes en haut.")
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        headers = [tr("Passage"), tr("Type"), tr("Orientation"), tr("Précision")]
        self.model = TextTableModel([*headers, tr("Rendez-vous"), tr("Statut")], self)
        self.table = table_view(self.model, tr("Orientations à suivre"))
        header = self.table.horizontalHeader()
        for column, width in ((0, 140), (1, 95), (4, 140), (5, 115)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.installEventFilter(self)
        self.empty = QLabel(tr("Rien à suivre pour l'instant."))
        self.status_buttons = {
            kind: OneOf(
                [
                    (e.code, f"{e.label} ({n})")
                    for n, e in enumerate((e for e in statuses(kind) if e.active), 1)
                ],
                "proposed",
            )
            for kind in ("orientation", "referral")
        }
        for buttons in self.status_buttons.values():
            buttons.setAccessibleName(tr("Statut de la ligne choisie"))
            buttons.changed.connect(self.set_status)
        self.slip_button = QPushButton(tr("Fiche pour la famille…"))
        self.slip_button.clicked.connect(self._slip)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.undo_button = QPushButton(tr("Annuler"))
        self.undo_button.setToolTip(tr("Remettre le statut précédent"))
        self.undo_button.setObjectName("secondaryAction")
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(tr("Fermer"))
        close.setObjectName("secondaryAction")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)

        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addSpacing(12)
        top.addWidget(hint, 1)
        self.status_caption = section(tr("Statut (touches 1 à 4) :"))
        change = QHBoxLayout()
        change.addWidget(self.status_caption)
        for buttons in self.status_buttons.values():
            change.addWidget(buttons)
        change.addStretch(1)
        change.addWidget(self.slip_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(section(tr("Suivi des orientations"), "panelTitle"))
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(change)
        layout.addLayout(bottom)
        self._say("")
        fit_on_screen(self, 1000, 600)
        self.refresh()
        self.table.setFocus()

    def refresh(self, select_row: int | None = None) -> None:
        """Read the items again; keep the selected one, or the line at the same place."""
        current = self.selected()
        show = OPEN_STATUSES if self.filter.value() == "open" else None
        self.items = (
            self.services.orientations.open_items(show)
            if show
            else self.services.orientations.open_items(
                tuple(e.code for e in catalogues.orientation_statuses())
                + tuple(e.code for e in catalogues.referral_statuses())
            )
        )
        self.model.set_rows([_row(item) for item in self.items])
        self.empty.setVisible(not self.items)
        row = next((n for n, i in enumerate(self.items) if current and i.id == current.id), None)
        if row is None:
            row = select_row if select_row is not None else 0
        if self.items:
            self.table.selectRow(min(row, len(self.items) - 1))
        self._selected()

    def selected(self) -> FollowUpItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def _selected(self) -> None:
        item = self.selected()
        for kind, buttons in self.status_buttons.items():
            buttons.setVisible(item is not None and item.kind == kind)
            if item is not None and item.kind == kind:
                buttons.setValue(item.status)
        self.status_caption.setVisible(item is not None)
        self.slip_button.setVisible(item is not None and item.kind == "referral")

    def set_status(self, status: str) -> None:
        item = self.selected()
        if item is None or status == item.status:
            return
        row = self.table.selectionModel().selectedRows()[0].row()
        try:
            self.services.orientations.set_status(
                item.kind, item.id, status, self.services.staff_id()
            )
        except OrientationError:
            self._say(tr("Cette orientation n'existe plus."), undo=False, good=False)
            self.refresh(row)
            return
        self._undo = (item, item.status)
        what = _row(item)[2]
        self._say(tr("{what} : {status}.").format(what=what, status=status_text(item.kind, status)))
        self.refresh(row)
        self.statusChanged.emit()

    def undo(self) -> None:
        if self._undo is None:
            return
        item, previous = self._undo
        self._undo = None
        try:
            self.services.orientations.set_status(
                item.kind, item.id, previous, self.services.staff_id()
            )
        except OrientationError:
            self._say(tr("Impossible d'annuler : l'orientation a été retirée."), False, False)
        else:
            self._say(tr("Statut précédent remis."), undo=False)
        self.refresh()
        for number, shown in enumerate(self.items):
            if shown.id == item.id:
                self.table.selectRow(number)
        self.statusChanged.emit()

    def _say(self, text: str, undo: bool = True, good: bool = True) -> None:
        status_line(self.message, text, good)
        self.undo_button.setVisible(bool(text) and undo)

    def _slip(self) -> None:
        item = self.selected()
        if item is not None and item.kind == "referral":
            self.slipRequested.emit(item.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            item = self.selected()
            number = event.key() - Qt.Key.Key_1
            if item is not None and 0 <= number <= 8:
                codes = [e.code for e in statuses(item.kind) if e.active]
                if number < len(codes):
                    self.set_status(codes[number])
                    return True
        return super().eventFilter(watched, event)
