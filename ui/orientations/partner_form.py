"""One partner of the directory: the form that adds or corrects it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.orientations.partners import (
    PartnerData,
    PartnerError,
)
from ui.widgets.choices import SeveralOf
from ui.widgets.commune import commune_box, commune_code, set_commune
from ui.widgets.forms import EnterKeys, error_label, show_error, wheel_only_when_focused
from ui.widgets.search import fold
from ui.widgets.texts import partner_field_message, tr

if TYPE_CHECKING:
    pass


TEXT_FIELDS = (
    "name",
    "address",
    "phone",
    "email",
    "website",
    "opening_hours",
    "to_bring",
    "contact_person",
)


class PartnerForm(QWidget):
    """Every field of one partner, each with its error beneath it."""

    name: QLineEdit  # and every other field of TEXT_FIELDS, made in a loop
    address: QLineEdit
    phone: QLineEdit
    email: QLineEdit
    website: QLineEdit
    opening_hours: QLineEdit
    to_bring: QLineEdit
    contact_person: QLineEdit

    def __init__(self, enter: EnterKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for field in TEXT_FIELDS:
            setattr(self, field, QLineEdit())
        self.partner_type = QComboBox()
        for entry in catalogues.partner_types():
            if entry.active:
                self.partner_type.addItem(entry.label, entry.code)
        self.commune = commune_box(tr("Commune du partenaire"))
        for box in (self.partner_type, self.commune):  # long labels must not widen the form
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(14)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self._language_labels = {e.code: e.label for e in catalogues.languages()}
        self.languages = SeveralOf(
            [(e.code, e.label) for e in catalogues.languages() if e.common and e.active]
        )
        self.other_language = QLineEdit()
        self.other_language.setPlaceholderText(tr("Autre langue…"))
        self.other_language.setAccessibleName(tr("Ajouter une autre langue"))
        self.other_language.setMaximumWidth(170)
        others = QCompleter(
            [e.label for e in catalogues.languages() if e.active and not e.common], self
        )
        others.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        others.setFilterMode(Qt.MatchFlag.MatchContains)
        others.activated.connect(self.add_language)
        self.other_language.setCompleter(others)
        enter.watch(self.other_language)
        self.languages.flow.addWidget(self.other_language)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, str, QWidget]] = [
            ("name", tr("Nom"), self.name),
            ("partner_type", tr("Type"), self.partner_type),
            ("address", tr("Adresse"), self.address),
            ("commune", tr("Commune"), self.commune),
            ("phone", tr("Téléphone"), self.phone),
            ("email", tr("Courriel"), self.email),
            ("website", tr("Site web"), self.website),
            ("opening_hours", tr("Horaires"), self.opening_hours),
            ("to_bring", tr("À apporter"), self.to_bring),
            ("languages", tr("Langues"), self.languages),
            ("contact_person", tr("Contact"), self.contact_person),
            ("notes", tr("Notes"), self.notes),
        ]
        for field, caption, widget in rows:
            widget.setAccessibleName(widget.accessibleName() or caption)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(widget)
            self.errors[field] = error_label()
            column.addWidget(self.errors[field])
            form.addRow(caption, holder)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, f=field: show_error(self.errors[f], None))
        self.website.setPlaceholderText("https://…")
        self.opening_hours.setPlaceholderText(tr("ex. : lundi–vendredi 9 h–17 h"))
        self.to_bring.setPlaceholderText(tr("ex. : pièce d'identité, carte Vitale"))
        self.to_bring.setToolTip(
            tr("Imprimé sur la fiche de la famille ; vide : la liste habituelle du thème")
        )
        self.load(PartnerData(name=""))
        self._wheel = wheel_only_when_focused(self)  # scrolling never changes a field

    def data(self) -> PartnerData:
        return PartnerData(
            **{field: getattr(self, field).text() for field in TEXT_FIELDS},
            partner_type=str(self.partner_type.currentData()),
            commune=commune_code(self.commune),
            languages=self.languages.values(),
            notes=self.notes.toPlainText(),
        )

    def load(self, data: PartnerData) -> None:
        for field in TEXT_FIELDS:
            getattr(self, field).setText(getattr(data, field))
        self.partner_type.setCurrentIndex(max(self.partner_type.findData(data.partner_type), 0))
        set_commune(self.commune, data.commune)
        self.languages.setValues(data.languages, self._language_labels)
        self.other_language.clear()
        self.notes.setPlainText(data.notes)
        self.show_error(None)

    def show_error(self, error: PartnerError | None) -> None:
        for field, label in self.errors.items():
            wrong = error is not None and error.field == field
            show_error(label, partner_field_message(field, error.code) if error and wrong else None)
        if error is not None and error.field in self.errors:
            widget = self.languages if error.field == "languages" else getattr(self, error.field)
            widget.setFocus()

    def add_language(self, text: str) -> None:
        for code, label in self._language_labels.items():
            if fold(label) == fold(text):
                self.languages.add_option(code, label).setChecked(True)
                break
        QTimer.singleShot(0, self.other_language.clear)
