"""Optional link of a visit to a known family: search by label or card code, or create one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.desk.families import FamilyError, FamilyService, FamilySummary
from ui.widgets.keys import suggestion_on_enter
from ui.widgets.texts import composition, family_message, tr

if TYPE_CHECKING:
    from ui.desk.family_data import FamilyDataServices


def _family_text(family: FamilySummary) -> str:
    return f"{family.label} — {family.card_code}"


class NewFamilyDialog(QDialog):
    """Create a known family; the consent box must be ticked, and is recorded."""

    def __init__(self, service: FamilyService, staff_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Nouvelle famille connue"))
        self._service = service
        self._staff_id = staff_id
        self.created: FamilySummary | None = None
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(tr("Prénom ou surnom choisi par la famille"))
        self.label_edit.setAccessibleName(tr("Nom choisi par la famille"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(tr("Facultatif"))
        self.phone_edit.setAccessibleName(tr("Téléphone"))
        self.consent = QCheckBox(
            tr("La famille accepte que la cabane garde ce nom (24 mois après la dernière venue)")
        )
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        explanation = QLabel(
            tr(
                "Les passages restent anonymes. Ne créez une famille que si elle le souhaite : "
                "elle reçoit un code de carte pour être retrouvée."
            )
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Nom choisi :"), self.label_edit)
        form.addRow(tr("Téléphone :"), self.phone_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(
            tr("Créer la famille"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.consent)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _create(self) -> None:
        try:
            self.created = self._service.create(
                self.label_edit.text(),
                self.phone_edit.text(),
                self.consent.isChecked(),
                self._staff_id,
            )
        except FamilyError as error:
            self.error.setText(family_message(error.code))
            return
        self.accept()


class FamilyPicker(QWidget):
    """Search-as-you-type over known families; shows the linked one with a way to unlink."""

    changed = Signal()
    usualChosen = Signal(dict)  # the counts of the family's last visit, to fill the form

    def __init__(
        self,
        service: FamilyService,
        parent: QWidget | None = None,
        data: Callable[[], FamilyDataServices] | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._data = data
        self._staff_id: int | None = None
        self._found: dict[str, FamilySummary] = {}
        self.family: FamilySummary | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Famille connue : nom choisi ou code carte (facultatif)"))
        self.search.setAccessibleName(tr("Rechercher une famille connue"))
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.setCompleter(self._completer)
        suggestion_on_enter(self._completer)  # Entrée links the family shown, saves nothing
        self.search.textEdited.connect(self._lookup)
        # Choosing a completion puts its exact text in the field: that is the pick.
        self.search.textChanged.connect(self._pick_text)
        self.linked = QLabel()
        self.linked.setObjectName("familyChip")
        self.unlink_button = QPushButton(tr("Retirer"))
        self.unlink_button.setAccessibleName(tr("Retirer le lien avec la famille"))
        self.unlink_button.clicked.connect(self.clear)
        self.new_button = QPushButton(tr("Nouvelle famille…"))
        self.new_button.clicked.connect(self._new_family)
        self.data_button = QPushButton(tr("Ses données…"))
        self.data_button.setAccessibleName(tr("Données de la famille : voir, imprimer, effacer"))
        self.data_button.clicked.connect(self.open_data)
        # A known family usually comes with the same people: offered in one click.
        self.usual_button = QPushButton()
        self.usual_button.setAccessibleName(tr("Compter les mêmes personnes que la dernière fois"))
        self.usual_button.clicked.connect(lambda: self.usualChosen.emit(dict(self._usual)))
        self._usual: dict[str, int] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        layout = QHBoxLayout()
        column.addLayout(layout)
        column.addWidget(self.usual_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.linked, 1)
        layout.addWidget(self.unlink_button)
        layout.addWidget(self.data_button)
        layout.addWidget(self.new_button)
        self._show()

    def set_staff(self, staff_id: int | None) -> None:
        self._staff_id = staff_id

    def _lookup(self, text: str) -> None:
        found = self._service.search(text)
        self._found = {_family_text(f): f for f in found}
        self._model.setStringList(list(self._found))
        if found:
            self._completer.complete()

    def _pick_text(self, text: str) -> None:
        family = self._found.get(text)
        if family is not None:
            self.set_family(family)
            QTimer.singleShot(0, self.search.clear)

    def pick_first(self) -> None:
        """Entrée in the search with no list shown: the first family found, if any."""
        first = next(iter(self._found.values()), None) if self.search.text().strip() else None
        if first is not None:
            self.set_family(first)
            self.search.clear()

    def set_family(self, family: FamilySummary | None) -> None:
        self.family = family
        self._usual = self._service.usual_people(family.id) if family else {}
        self._show()
        self.changed.emit()

    def set_family_id(self, family_id: str | None) -> None:
        self.set_family(self._service.get(family_id) if family_id else None)

    def clear(self) -> None:
        self.search.clear()
        self.set_family(None)

    def _show(self) -> None:
        linked = self.family is not None
        self.search.setVisible(not linked)
        self.new_button.setVisible(not linked)
        self.linked.setVisible(linked)
        self.unlink_button.setVisible(linked)
        self.data_button.setVisible(linked and self._data is not None)
        if self.family is not None:
            self.linked.setText(tr("Famille : {text}").format(text=_family_text(self.family)))
        self.usual_button.setVisible(bool(self._usual))
        if self._usual:
            from models.desk.checkin import VisitDraft
            from models.store.base import paris_now

            usual: dict[str, Any] = dict(self._usual)
            people = composition(VisitDraft(arrived_at=paris_now(), **usual))
            self.usual_button.setText(tr("Comme la dernière fois : {people}").format(people=people))

    def _new_family(self) -> None:
        if self._staff_id is None:
            return
        dialog = NewFamilyDialog(self._service, self._staff_id, self)
        dialog.label_edit.setText(self.search.text())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self.set_family(dialog.created)

    def open_data(self) -> None:
        """The family's rights: what is stored, printed for it, corrected, erased."""
        if self.family is None or self._data is None:
            return
        from ui.desk.family_data import FamilyDataDialog

        services = self._data()  # the rights' module is loaded on first use
        dialog = FamilyDataDialog(services, self.family.id, self._staff_id, self.window())
        dialog.exec()
        if dialog.changed:  # corrected (new label) or gone (unlinked, erased)
            self.set_family_id(self.family.id)
