"""The PMI centres the desk orients to, as a page of the directory window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.orientations.partners import CentreInfo, PartnerError
from ui.widgets.commune import commune_box, commune_code, set_commune
from ui.widgets.forms import EnterKeys, error_label, section, show_error, status_line
from ui.widgets.texts import partner_field_message, tr

if TYPE_CHECKING:
    from ui.orientations.pending import OrientationServices


class CentresPage(QWidget):
    """The PMI centres the desk orients to: a list and a small form."""

    changed = Signal()

    def __init__(self, services: OrientationServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.current: CentreInfo | None = None
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Centres de PMI"))
        self.list.currentItemChanged.connect(lambda item, _old: self._selected(item))
        self.new_button = QPushButton(tr("Nouveau centre"))
        self.new_button.clicked.connect(self.new_centre)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.commune = commune_box(tr("Commune du centre"))
        self.phone = QLineEdit()
        self.opening_hours = QLineEdit()
        self.active = QCheckBox(tr("Ouvert (proposé à l'accueil)"))
        self.errors = {field: error_label() for field in ("name", "commune", "phone")}
        self.save_button = QPushButton(tr("Enregistrer"))
        self.save_button.setObjectName("primaryAction")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, caption in (
            ("name", tr("Nom")),
            ("address", tr("Adresse")),
            ("commune", tr("Commune")),
            ("phone", tr("Téléphone")),
            ("opening_hours", tr("Horaires")),
        ):
            widget = getattr(self, field)
            widget.setAccessibleName(widget.accessibleName() or caption)
            form.addRow(caption, widget)
            if field in self.errors:
                form.addRow("", self.errors[field])
        form.addRow("", self.active)
        self._enter = EnterKeys(lambda _w: self.save(), self)
        self._enter.watch(self.name, self.address, self.commune, self.phone, self.opening_hours)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        self.form_title = section("", "panelTitle")
        right.addWidget(self.form_title)
        right.addLayout(form)
        right.addStretch(1)
        right.addLayout(actions)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        self.refresh()
        self.new_centre()

    def refresh(self, select_id: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for centre in self.services.centres.all(include_inactive=True):
            text = centre.name if centre.active else tr("{name} (fermé)").format(name=centre.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, centre)
            self.list.addItem(item)
            if centre.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_centre(item.data(Qt.ItemDataRole.UserRole))

    def show_centre(self, centre: CentreInfo | None) -> None:
        self.current = centre
        shown = centre or CentreInfo(0, "")
        for field in ("name", "address", "phone", "opening_hours"):
            getattr(self, field).setText(getattr(shown, field))
        set_commune(self.commune, shown.commune)
        self.active.setChecked(shown.active)
        self.form_title.setText(centre.name if centre else tr("Nouveau centre de PMI"))
        for label in self.errors.values():
            show_error(label, None)

    def new_centre(self) -> None:
        self.list.clearSelection()
        self.show_centre(None)
        self.message.clear()
        self.name.setFocus()

    def save(self) -> None:
        centre = CentreInfo(
            self.current.id if self.current else 0,
            self.name.text(),
            self.address.text(),
            commune_code(self.commune),
            self.phone.text(),
            self.opening_hours.text(),
            self.active.isChecked(),
        )
        try:
            saved = self.services.centres.save(centre, self.services.staff_id())
        except PartnerError as error:
            for field, label in self.errors.items():
                text = partner_field_message(field, error.code) if field == error.field else None
                if field == "name" and error.code == "too_long":
                    text = tr("Trop long : 120 caractères au plus.")
                show_error(label, text)
            status_line(self.message, tr("Rien n'a été enregistré : corrigez le champ."), False)
            return
        self.refresh(saved.id)
        self.show_centre(saved)
        status_line(self.message, tr("Centre enregistré."))
        self.changed.emit()
