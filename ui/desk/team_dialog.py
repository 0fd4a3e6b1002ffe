"""« Équipe et verrouillage » (the référente): who has chosen a personal code, resetting a
forgotten one, and the delay after which the desk locks itself."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.desk.staff_access import LOCK_MINUTES_RANGE, AccessError, StaffAccess
from ui.widgets.texts import tr


class TeamDialog(QDialog):
    def __init__(
        self, access: StaffAccess, by_staff_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.by_staff_id = by_staff_id
        self.setWindowTitle(tr("Équipe et verrouillage"))
        self.setMinimumWidth(560)
        self.people = QListWidget()
        self.people.setMinimumHeight(200)
        self.people.setAccessibleName(tr("Personnes de l'équipe"))
        self.reset_button = QPushButton(tr("Remettre son code à zéro"))
        self.reset_button.clicked.connect(self.reset_code)
        self.minutes = QSpinBox()
        self.minutes.setRange(*LOCK_MINUTES_RANGE)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setValue(access.lock_minutes())
        self.minutes.setMinimumHeight(34)
        self.minutes.setAccessibleName(tr("Verrouiller après combien de minutes sans action"))
        self.save_button = QPushButton(tr("Enregistrer le délai"))
        self.save_button.clicked.connect(self.save_minutes)
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.accept)
        delay = QHBoxLayout()
        delay.addWidget(self.minutes)
        delay.addStretch(1)
        delay.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(tr("Chaque personne choisit son code personnel au premier déverrouillage."))
        )
        layout.addWidget(self.people)
        layout.addWidget(self.reset_button)
        layout.addWidget(QLabel(tr("L'accueil se verrouille après ce délai sans utilisation :")))
        layout.addLayout(delay)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self.people.clear()
        roles = catalogues.staff_roles()
        for staff_id, name, role, has_code in self.access.members():
            state = tr("code choisi") if has_code else tr("pas encore de code")
            item = QListWidgetItem(f"{name} — {catalogues.label(roles, role)} — {state}")
            item.setData(256, staff_id)
            self.people.addItem(item)

    def reset_code(self) -> None:
        item = self.people.currentItem()
        if item is None:
            self.message.setText(tr("Choisissez d'abord une personne dans la liste."))
            return
        try:
            self.access.reset_pin(int(item.data(256)), self.by_staff_id)
        except AccessError:
            self.message.setText(tr("Réservé à la référente de la cabane."))
            return
        self.message.setText(tr("Code remis à zéro : la personne en choisira un nouveau."))
        self.refresh()

    def save_minutes(self) -> None:
        try:
            self.access.set_lock_minutes(self.minutes.value(), self.by_staff_id)
        except AccessError:
            self.message.setText(tr("Réservé à la référente de la cabane."))
            return
        self.message.setText(
            tr("L'accueil se verrouillera après {n} minutes sans utilisation.").format(
                n=self.minutes.value()
            )
        )
