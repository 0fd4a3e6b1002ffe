"""Orienting a visit to a PMI service or a partner from the desk, saved or not yet saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.figures.calendar import next_opening_slot
from models.orientations.orientations import (
    FollowUpItem,
    OrientationError,
)
from models.orientations.partners import PartnerInfo
from models.store.base import PARIS, paris_now
from ui.orientations.follow_up import item_text
from ui.orientations.partner_picker import PartnerPicker
from ui.orientations.pending import (
    OrientationServices,
    Pending,
    PendingOrientation,
    PendingReferral,
    save_request,
)
from ui.widgets.choices import OneOf
from ui.widgets.forms import EnterKeys, error_label, section, show_error, status_line
from ui.widgets.palette import themed
from ui.widgets.search import fold, line_edit, popup_of, search_as_you_type
from ui.widgets.texts import orientation_message, tr

# A partner's type suggests the theme of the referral (one click changes it).


def _grid(title: str, rows: list[tuple[str, QWidget | QLayout]]) -> QGridLayout:
    grid = QGridLayout()
    grid.setVerticalSpacing(4)
    grid.addWidget(section(title), 0, 0, 1, 2)
    for number, (caption, item) in enumerate(rows, 1):
        if caption and isinstance(item, OneOf):  # beside the first line of the buttons
            label = QLabel(caption)
            label.setMinimumHeight(next(iter(item.buttons.values())).sizeHint().height())
            grid.addWidget(label, number, 0, Qt.AlignmentFlag.AlignTop)
        elif caption:
            grid.addWidget(QLabel(caption), number, 0)
        if isinstance(item, QLayout):
            grid.addLayout(item, number, 1)
        else:
            grid.addWidget(item, number, 1)
    grid.setColumnStretch(1, 1)
    grid.setRowStretch(len(rows) + 1, 1)
    return grid


def _status_buttons(entries: tuple[catalogues.Entry, ...], name: str) -> OneOf:
    buttons = OneOf([(e.code, e.label) for e in entries if e.active], "proposed", wrap=True)
    buttons.setAccessibleName(name)
    return buttons


@dataclass
class ItemRow:
    """One line of the visit's list and its buttons."""

    item: FollowUpItem | Pending
    frame: QFrame
    text: QLabel
    remove_button: QPushButton
    slip_button: QPushButton | None


class OrientationEditor(QWidget):
    """Adds and removes a visit's orientations; before the visit is saved, keeps them pending.
    Enter adds (or, in the partner field, picks the first match) — never saves the visit."""

    changed = Signal()
    slipRequested = Signal(str)  # a referral id: the window opens the slip's preview

    def __init__(self, services: OrientationServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.visit_id: str | None = None
        self._pending: list[Pending] = []
        self._items: list[FollowUpItem] = []
        self._centre_names: dict[int, str] = {}
        self._removed: tuple[str | None, Any] | None = None
        self.rows: list[ItemRow] = []
        self._enter = EnterKeys(self._enter_pressed, self)

        self.service_error = error_label()
        self.partner_error = error_label()
        self.theme_error = error_label()
        self.service = QComboBox()
        self.service.setEditable(True)
        self.service.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.service.setAccessibleName(tr("Service de PMI"))
        for entry in catalogues.pmi_services():
            if entry.active:
                self.service.addItem(entry.label, entry.code)
        self.service.setCurrentIndex(-1)
        line_edit(self.service).setPlaceholderText(tr("Tapez ou choisissez un service…"))
        search_as_you_type(self.service)
        line_edit(self.service).returnPressed.connect(lambda: self._enter_pressed(self.service))
        line_edit(self.service).textEdited.connect(lambda _t: show_error(self.service_error, None))
        self.centre = QComboBox()
        self.centre.setAccessibleName(tr("Centre de PMI"))
        self.orientation_status = _status_buttons(
            catalogues.orientation_statuses(), tr("Statut de l'orientation PMI")
        )
        self.has_appointment = QCheckBox(tr("Rendez-vous"))
        self.has_appointment.setMinimumHeight(30)
        self.has_appointment.toggled.connect(self._appointment_toggled)
        self.appointment = QDateTimeEdit()
        self.appointment.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.appointment.setCalendarPopup(True)
        self.appointment.setAccessibleName(tr("Date et heure du rendez-vous"))
        self.appointment.setEnabled(False)
        self.appointment.setMinimumWidth(
            self.appointment.fontMetrics().horizontalAdvance("00/00/0000 00:00") + 50
        )
        self.add_orientation_button = QPushButton(tr("Ajouter l'orientation"))
        self.add_orientation_button.setObjectName("primaryAction")
        self.add_orientation_button.clicked.connect(self.add_orientation)
        when = QHBoxLayout()
        when.addWidget(self.has_appointment)
        when.addWidget(self.appointment)
        when.addStretch(1)
        add_orientation = QHBoxLayout()
        add_orientation.addStretch(1)
        add_orientation.addWidget(self.add_orientation_button)
        pmi = _grid(
            tr("Orientation PMI"),
            [
                (tr("Service"), self.service),
                ("", self.service_error),
                (tr("Centre"), self.centre),
                (tr("Statut"), self.orientation_status),
                ("", when),
                ("", add_orientation),
            ],
        )

        self.partner = PartnerPicker(services.partners)
        self.partner.picked.connect(self._partner_picked)
        self.partner.textEdited.connect(lambda _t: show_error(self.partner_error, None))
        self.partner.returnPressed.connect(lambda: self._enter_pressed(self.partner))
        self.theme = QComboBox()
        self.theme.setAccessibleName(tr("Thème de l'orientation"))
        self.theme.setPlaceholderText(tr("Choisissez un thème…"))
        for entry in catalogues.referral_themes():
            if entry.active:
                self.theme.addItem(entry.label, entry.code)
        self.theme.setCurrentIndex(-1)
        self.theme.currentIndexChanged.connect(lambda _i: show_error(self.theme_error, None))
        self.referral_status = _status_buttons(
            catalogues.referral_statuses(), tr("Statut de l'orientation vers le partenaire")
        )
        self.add_referral_button = QPushButton(tr("Ajouter"))
        self.add_referral_button.setObjectName("primaryAction")
        self.add_referral_button.setAccessibleName(tr("Ajouter l'orientation vers le partenaire"))
        self.add_referral_button.clicked.connect(self.add_referral)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_referral_button)
        partner = _grid(
            tr("Orientation vers un partenaire"),
            [
                (tr("Partenaire"), self.partner),
                ("", self.partner_error),
                (tr("Thème"), self.theme),
                ("", self.theme_error),
                (tr("Statut"), self.referral_status),
                ("", add_row),
            ],
        )
        for box in (self.service, self.centre, self.theme):  # long labels must not widen the form
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(16)
        blocks = QHBoxLayout()
        blocks.setSpacing(14)
        blocks.addLayout(pmi, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        blocks.addWidget(line)
        blocks.addLayout(partner, 1)

        self.list_title = section(tr("Orientations de ce passage"))
        self.empty = QLabel(tr("Aucune orientation pour l'instant."))
        self.empty.setStyleSheet("color: #555;")
        holder = QWidget()
        self._list = QVBoxLayout(holder)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(3)
        self._list.addWidget(self.empty)
        self._list.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(90)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(tr("Annuler"))
        self.undo_button.setAccessibleName(tr("Remettre ce qui vient d'être retiré"))
        self.undo_button.clicked.connect(self.undo_remove)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(blocks)
        layout.addSpacing(6)
        layout.addWidget(self.list_title)
        layout.addWidget(scroll, 1)
        layout.addLayout(undo_row)
        self._enter.watch(
            *(w for w in self.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus)
        )
        self._show_undo(None)
        self.reload_centres()
        self._reset_appointment()
        self._show_list()

    # ----- modes

    def set_visit(self, visit_id: str | None) -> None:
        """A saved visit: changes apply at once. None: a check-in not saved yet, whose
        additions wait in ``pending()``. Either way the pending list starts empty."""
        self.visit_id = visit_id
        self._pending = []
        self._show_undo(None)
        self.reload_centres()
        self.refresh()

    def refresh(self) -> None:
        self._items = self.services.orientations.for_visit(self.visit_id) if self.visit_id else []
        self._show_list()

    def pending(self) -> list[Pending]:
        return list(self._pending)

    def set_pending(self, items: list[Pending]) -> None:
        self._pending = list(items)
        self._show_list()

    def items(self) -> list[FollowUpItem]:
        return list(self._items)

    def reload_centres(self) -> None:
        current = self.centre.currentData()
        self.centre.clear()
        self._centre_names = {c.id: c.name for c in self.services.centres.all()}
        for centre_id, name in self._centre_names.items():
            self.centre.addItem(name, centre_id)
        self.centre.addItem(tr("Sans centre précis"), None)
        self.centre.setCurrentIndex(max(self.centre.findData(current), 0) if current else 0)

    # ----- adding

    def _service_code(self, complete: bool = False) -> str | None:
        """The service typed: its label, or the only one containing the text (the first one
        if ``complete``). It is then shown whole in the field."""
        typed = fold(self.service.currentText())
        labels = [(fold(self.service.itemText(i)), i) for i in range(self.service.count())]
        exact = [i for text, i in labels if text == typed]
        near = [i for text, i in labels if typed in text]
        chosen = exact or (near if complete or len(near) == 1 else [])
        if not typed or not chosen:
            return None
        self.service.setCurrentIndex(chosen[0])
        return str(self.service.itemData(chosen[0]))

    def add_orientation(self) -> None:
        service = self._service_code()
        if service is None:
            show_error(self.service_error, tr("Choisissez un service dans la liste."))
            self.service.setFocus()
            return
        moment = self._appointment_moment() if self.has_appointment.isChecked() else None
        item = PendingOrientation(
            service, self.centre.currentData(), self.orientation_status.value(), moment
        )
        if self._add(item, self.service_error):
            self.service.setCurrentIndex(-1)
            self.service.setEditText("")
            self.orientation_status.reset()
            self.has_appointment.setChecked(False)
            self._reset_appointment()
            self.service.setFocus()

    def add_referral(self) -> None:
        partner = self.partner.partner()
        if partner is None:
            show_error(self.partner_error, tr("Choisissez un partenaire dans la liste."))
            self.partner.setFocus()
            return
        theme = self.theme.currentData()
        if theme is None:
            show_error(self.theme_error, tr("Choisissez un thème."))
            self.theme.setFocus()
            return
        status = self.referral_status.value()
        if self._add(
            PendingReferral(partner.id, partner.data.name, theme, status), self.partner_error
        ):
            self.partner.reset()
            self.theme.setCurrentIndex(-1)
            self.referral_status.reset()
            self.partner.setFocus()

    def _add(self, item: Pending, error_at: QLabel) -> bool:
        if self.visit_id is None:
            self._pending.append(item)
        else:
            try:
                save_request(self.services, self.visit_id, item)
            except OrientationError as error:
                show_error(error_at, orientation_message(error))
                return False
            self._items = self.services.orientations.for_visit(self.visit_id)
        show_error(error_at, None)
        self._show_list()
        self.changed.emit()
        return True

    # ----- removing, and putting back (mistakes are undone, never confirmed)

    def remove(self, item: FollowUpItem | Pending) -> None:
        text = self._describe(item)
        if isinstance(item, FollowUpItem):
            if self.visit_id is None:
                return
            saved = self.services.orientations.snapshot(self.visit_id)
            kept = next((row for row in saved if row["id"] == item.id), None)
            try:
                self.services.orientations.remove(item.kind, item.id, self.services.staff_id())
            except OrientationError as error:  # the visit was deleted meanwhile
                self._show_undo(orientation_message(error), undo=False)
                return
            self._removed = (self.visit_id, kept) if kept else None
            self._items = self.services.orientations.for_visit(self.visit_id)
        else:
            self._pending.remove(item)
            self._removed = (None, item)
        self._show_undo(tr("Retiré : {text}.").format(text=text))
        self._show_list()
        self.changed.emit()

    def undo_remove(self) -> None:
        if self._removed is None:
            return
        visit_id, kept = self._removed
        if visit_id is None:
            self._pending.append(kept)
        elif visit_id == self.visit_id:
            self.services.orientations.restore(visit_id, [kept])
            self._items = self.services.orientations.for_visit(visit_id)
        self._show_undo(None)
        self._show_list()
        self.changed.emit()

    def _show_undo(self, text: str | None, undo: bool = True) -> None:
        if text is None or not undo:
            self._removed = None
        status_line(self.undo_label, text or "", good=undo)
        self.undo_button.setVisible(bool(text) and undo)

    # ----- the list

    def _show_list(self) -> None:
        for row in self.rows:
            row.frame.hide()
            self._list.removeWidget(row.frame)
            row.frame.deleteLater()
        self.rows = []
        for item in [*self._items, *self._pending]:
            self._add_row(item)
        self.empty.setVisible(not self.rows)
        count = len(self.rows)
        title = (
            tr("Orientations de ce passage ({n})") if count else tr("Orientations de ce passage")
        )
        self.list_title.setText(title.format(n=count))

    def _add_row(self, item: FollowUpItem | Pending) -> None:
        frame = QFrame()
        frame.setObjectName("orientationRow")
        frame.setStyleSheet(
            themed(
                "QFrame#orientationRow { border: 1px solid @border;"
                " border-radius: 6px; background: @surface; }"
            )
        )
        text = QLabel(self._describe(item))
        text.setWordWrap(True)
        line = QHBoxLayout(frame)
        line.setContentsMargins(8, 2, 4, 2)
        line.addWidget(text, 1)
        slip = None
        if not isinstance(item, FollowUpItem):
            later = QLabel(tr("enregistrée avec le passage"))
            later.setStyleSheet(themed("color: @warning_text; font-style: italic;"))
            line.addWidget(later)
        elif item.kind == "referral" or (item.appointment_at and item.detail):  # PMI appointment
            slip = QPushButton(tr("Fiche pour la famille…"))
            slip.setAccessibleName(tr("Fiche pour la famille : {what}").format(what=item.what))
            slip.clicked.connect(lambda _=False, i=item.id: self.slipRequested.emit(i))
            line.addWidget(slip)
        remove = QPushButton(tr("Retirer"))
        remove.setAccessibleName(tr("Retirer : {text}").format(text=text.text()))
        remove.clicked.connect(lambda _=False, i=item: self.remove(i))
        line.addWidget(remove)
        self._enter.watch(remove, *([slip] if slip else []))
        self._list.insertWidget(self._list.count() - 1, frame)
        self.rows.append(ItemRow(item, frame, text, remove, slip))

    def _describe(self, item: FollowUpItem | Pending) -> str:
        if isinstance(item, FollowUpItem):
            return item_text(item.kind, item.what, item.detail, item.status, item.appointment_at)
        if isinstance(item, PendingOrientation):
            centre = self._centre_names.get(item.centre_id or 0, "")
            return item_text("orientation", item.service, centre, item.status, item.appointment_at)
        return item_text("referral", item.partner_name, item.theme, item.status)

    def _partner_picked(self, partner: PartnerInfo) -> None:
        show_error(self.partner_error, None)
        suggested = catalogues.theme_for_partner_type(partner.data.partner_type)
        if self.theme.currentIndex() < 0 and suggested:
            self.theme.setCurrentIndex(self.theme.findData(suggested))

    # ----- keyboard

    def _enter_pressed(self, widget: QWidget) -> None:
        parent = widget.parentWidget()
        if isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox):
            if parent in (self.orientation_status, self.referral_status):
                self._enter_pressed(parent)  # a status button: Enter adds, as elsewhere
            else:
                widget.click()
        elif widget is self.partner:
            picking = popup_of(self.partner.list).isVisible()  # Enter in the open list: a pick
            if self.partner.partner() is not None and not picking:
                self.add_referral()
            elif self.partner.partner() is not None or self.partner.choose_first():
                popup_of(self.partner.list).hide()
                self.theme.setFocus()
            else:
                show_error(self.partner_error, tr("Aucun partenaire ne correspond."))
        elif widget in (self.theme, self.referral_status):
            self.add_referral()
        elif widget is self.service:
            popup = popup_of(self.service.completer())
            picking = popup.isVisible()
            popup.hide()
            typed = fold(self.service.currentText())
            labels = {fold(self.service.itemText(i)) for i in range(self.service.count())}
            if typed in labels and not picking:
                self.add_orientation()
            elif self._service_code(complete=True) is None:
                show_error(self.service_error, tr("Aucun service ne correspond."))
        else:
            self.add_orientation()

    # ----- appointment

    def _appointment_toggled(self, on: bool) -> None:
        self.appointment.setEnabled(on)
        if on and self.orientation_status.value() == "proposed":
            self.orientation_status.setValue("appointment")

    def _reset_appointment(self) -> None:
        slot = next_opening_slot(paris_now())  # a weekday, in the centre's usual hours
        day = QDate(slot.year, slot.month, slot.day)
        self.appointment.setDateTime(QDateTime(day, QTime(slot.hour, slot.minute)))

    def _appointment_moment(self) -> datetime:
        chosen = self.appointment.dateTime()
        day, time = chosen.date(), chosen.time()
        return datetime(
            day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=PARIS
        )
