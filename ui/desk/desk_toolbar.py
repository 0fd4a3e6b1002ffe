"""The desk's tool bar: the cabane's name, the export reminder, the windows it opens, the
« Référente » menu and who is at the desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSizePolicy, QToolBar, QWidget

from ui.widgets.texts import tr

if TYPE_CHECKING:
    from ui.desk.desk_menu import DeskMenu
    from ui.desk.desk_services import DeskServices
    from ui.desk.main_window import MainWindow


class DeskToolbar(QToolBar):
    def __init__(self, window: MainWindow, services: DeskServices) -> None:
        super().__init__(tr("Accueil"))
        self.setMovable(False)
        self.staff_box = QComboBox()
        self.staff_box.setAccessibleName(tr("Personne à l'accueil"))
        self.staff_box.setMinimumWidth(200)
        self.staff_box.activated.connect(window.staff_chosen)
        self.export_reminder = QPushButton()
        self.export_reminder.setObjectName("reminder")
        self.export_reminder.clicked.connect(window.open_export)
        # A widget in a tool bar is shown and hidden through its action, not directly.
        self.reminder_action = self.addWidget(self.export_reminder)
        self.reminder_action.setVisible(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        buttons: list[tuple[bool, str, str, Callable[[], object]]] = [
            (
                services.orientations is not None,
                tr("Annuaire"),
                tr("Annuaire des partenaires et centres de PMI"),
                lambda: window.orientations().open_directory(),
            ),
            (
                services.orientations is not None,
                tr("Suivi"),
                tr("Suivi des orientations"),
                lambda: window.orientations().open_follow_up(),
            ),
            (
                services.programme is not None,
                tr("Programme"),
                tr("Programme des activités"),
                window.open_programme,
            ),
            (
                services.dashboard is not None,
                tr("Tableau de bord"),
                tr("Tableau de bord de la cabane"),
                window.open_dashboard,
            ),
            (
                services.outreach is not None,
                tr("Aller-vers"),
                tr("Sorties hors les murs : compter les contacts"),
                window.open_outreach,
            ),
            (
                services.surveys is not None,
                tr("Questionnaires"),
                tr("Questionnaires : écouter les besoins des familles"),
                window.open_surveys,
            ),
            (
                services.export is not None,
                tr("Export hebdo…"),
                tr("Ouvrir l'export hebdomadaire"),
                window.open_export,
            ),
        ]
        for wanted, text, name, slot in buttons:
            if wanted:
                button = QPushButton(text)
                button.setAccessibleName(name)
                button.setToolTip(name)
                button.clicked.connect(slot)
                self.addWidget(button)
        self.desk_menu: DeskMenu | None = None
        if services.backups is not None:
            from ui.desk.desk_menu import DeskMenu

            self.addSeparator()
            self.desk_menu = DeskMenu(
                services.backups, window.is_referent_at_desk, window.say, window.current_staff_id
            )
            self.addWidget(self.desk_menu)
        self.addWidget(QLabel(tr("À l'accueil : ")))
        self.addWidget(self.staff_box)
