"""The desk's main window: who is at the desk, the check-in form, today's list, and undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QWidget,
)

from models.desk.checkin import (
    InvalidVisit,
    StorageError,
    VisitDraft,
    VisitNotFound,
    VisitRow,
)
from models.desk.sites import SetupError
from models.figures.calendar import today_bounds
from ui.desk.checkin_panel import CheckInPanel

if TYPE_CHECKING:
    from ui.dashboard.dashboard import DashboardWindow
    from ui.desk.desk_orientations import DeskOrientations
    from ui.exchange.export_window import ExportServices, ExportWindow
    from ui.outreach.outreach_window import OutreachWindow
    from ui.programme.programme_window import ProgrammeWindow
    from ui.surveys.survey_window import SurveyWindow
from ui.desk.desk_services import DeskServices, UndoStep
from ui.desk.desk_toolbar import DeskToolbar
from ui.desk.today_list import TodayPanel
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import capitalised, composition, staff_refusal, time_text, tr, week_text

ADD_STAFF = "__add__"
CONFIRMATION_MS = 15_000
REMINDER_DELAY_MS = 1500


class MainWindow(QMainWindow):
    visitsChanged = Signal()

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.undo_steps: list[UndoStep] = []
        self.setWindowTitle(tr("Cabane — {site}").format(site=services.site.name))

        self._export_services: ExportServices | None = None
        self.export_window: ExportWindow | None = None
        self._orientations: DeskOrientations | None = None
        self.programme_window: ProgrammeWindow | None = None
        self.dashboard_window: DashboardWindow | None = None
        self.outreach_window: OutreachWindow | None = None
        self.survey_window: SurveyWindow | None = None
        toolbar = DeskToolbar(self, services)
        self.staff_box = toolbar.staff_box
        self.export_reminder = toolbar.export_reminder
        self._reminder_action = toolbar.reminder_action
        if toolbar.desk_menu is not None:
            self.desk_menu = toolbar.desk_menu
        self.addToolBar(toolbar)

        self.panel = CheckInPanel(
            services.site.commune, services.families, family_data=services.family_data
        )
        self.panel.saveRequested.connect(self.save_check_in)
        self.panel.clearRequested.connect(self.clear_form)
        self.panel.orientRequested.connect(self.open_pending_orientations)

        self.confirmation = QFrame()
        self.confirmation.setObjectName("confirmation")
        self.confirmation_text = QLabel()
        self.confirmation_text.setWordWrap(True)
        self.undo_button = QPushButton(tr("Annuler"))
        self.undo_button.setToolTip(tr("Annuler la dernière action (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_last)
        row = QHBoxLayout(self.confirmation)
        row.setContentsMargins(10, 4, 10, 4)
        row.addWidget(self.confirmation_text, 1)
        row.addWidget(self.undo_button)
        self.confirmation.hide()
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(self.confirmation.hide)

        kept = self.confirmation.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.confirmation.setSizePolicy(kept)
        self.panel.message_row.addWidget(self.confirmation)

        self.today = TodayPanel()
        self.today.editRequested.connect(self.edit_visit)
        self.today.deleteRequested.connect(self.delete_visit)
        self.today.orientRequested.connect(self.open_visit_orientations)
        # The form keeps the same place whatever the list shows; on a small screen the list
        # gives up width first (the form's counters need 800 px at 1280×720).
        self.today.setMinimumWidth(380)
        self.today.setMaximumWidth(480)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.panel, 5)
        layout.addWidget(self.today, 3)
        self.setCentralWidget(central)

        undo = QAction(tr("Annuler la dernière action"), self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        undo.triggered.connect(self.undo_last)
        self.addAction(undo)

        # The cabane's name sits in the status bar: the tool bar needs its width at 1280 px.
        site_label = QLabel(services.site.name)
        site_label.setObjectName("siteName")
        site_label.setAccessibleName(tr("Cabane"))
        self.statusBar().addPermanentWidget(site_label)
        self.statusBar().showMessage(
            tr("Données chiffrées sur cet ordinateur. Clé : {where}.").format(
                where=services.key_where
            )
        )
        self.fill_staff()
        self.refresh_day()
        self.panel.counters["mothers"].setFocus()  # the idle desk waits on the first count
        # Shortly after start: the export modules (and pyrage) stay off the start-up path.
        QTimer.singleShot(REMINDER_DELAY_MS, self.update_export_reminder)
        if services.current_session is not None:
            self.panel.current_session = services.current_session
            QTimer.singleShot(REMINDER_DELAY_MS, self.panel.refresh_session)

    # ----- orientations (loaded on first use)

    def orientations(self) -> DeskOrientations:
        if self._orientations is None:
            from ui.desk.desk_orientations import DeskOrientations

            assert self.services.orientations is not None
            self._orientations = DeskOrientations(
                self.services.orientations(self.current_staff_id), self
            )
            self._orientations.pendingChanged.connect(self.panel.show_pending_orientations)
            self._orientations.savedChanged.connect(self.refresh_day)
            self._orientations.problem.connect(lambda text: self.show_confirmation(text, False))
        return self._orientations

    def open_pending_orientations(self) -> None:
        if self.services.orientations is not None:
            self.orientations().open_pending()

    def open_visit_orientations(self, visit_id: str) -> None:
        if self.services.orientations is None:
            return
        row = next((r for r in self.today.model.rows if r.id == visit_id), None)
        if row is not None:
            self.orientations().open_visit(visit_id, row.draft.arrived_at)

    def clear_form(self) -> None:
        """Échap: the form is emptied, and Ctrl+Z (or « Annuler ») puts it back."""
        state = self.panel.state()
        pending = self._orientations.pending() if self._orientations is not None else []
        self.panel.reset()
        if self._orientations is not None:
            self._orientations.clear_pending()
        if self.panel.is_blank(state) and not pending:
            return

        def put_back() -> None:
            self.panel.put_back(state)
            if pending:
                self.orientations().put_back_pending(pending)

        self.undo_steps.append(UndoStep(tr("Formulaire effacé."), put_back, refills_form=True))
        self.show_confirmation(tr("Formulaire effacé. « Annuler » (Ctrl+Z) le remet."))

    def open_programme(self) -> None:
        from ui.programme.programme_window import ProgrammeWindow

        if self.services.programme is None:
            return
        if self.programme_window is None:
            services = self.services.programme(self.current_staff_id)
            self.programme_window = ProgrammeWindow(services, self)
            fit_on_screen(self.programme_window, 1200, 740)
        self.programme_window.show()
        self.programme_window.raise_()
        self.programme_window.activateWindow()

    def open_dashboard(self) -> None:
        from ui.dashboard.dashboard import DashboardWindow  # QtCharts on first use

        if self.services.dashboard is None:
            return
        if self.dashboard_window is None:
            self.dashboard_window = DashboardWindow(self.services.dashboard(), self)
            self.visitsChanged.connect(self._refresh_dashboard)
        else:
            self.dashboard_window.refresh()
        self.dashboard_window.show()
        self.dashboard_window.raise_()
        self.dashboard_window.activateWindow()

    def _refresh_dashboard(self) -> None:
        """After each check-in: the figures are recomputed off the UI thread."""
        if self.dashboard_window is not None and self.dashboard_window.isVisible():
            self.dashboard_window.refresh()

    def open_outreach(self) -> None:
        from ui.outreach.outreach_window import OutreachWindow

        if self.services.outreach is None:
            return
        if self.outreach_window is None:
            services = self.services.outreach(self.current_staff_id)
            self.outreach_window = OutreachWindow(services, self)
        elif self.outreach_window.pages.currentWidget() is self.outreach_window.start_page:
            self.outreach_window.start_page.refresh()
        self.outreach_window.show()
        self.outreach_window.raise_()
        self.outreach_window.activateWindow()

    def open_surveys(self) -> None:
        from ui.surveys.survey_window import SurveyWindow

        if self.services.surveys is None:
            return
        if self.survey_window is None:
            self.survey_window = SurveyWindow(self.services.surveys(self.current_staff_id), self)
        else:
            self.survey_window.reload()
        self.survey_window.show()
        self.survey_window.raise_()
        self.survey_window.activateWindow()

    # ----- weekly export (loaded on first use)

    def _export(self) -> ExportServices | None:
        if self._export_services is None and self.services.export is not None:
            self._export_services = self.services.export(self.current_staff_id)
        return self._export_services

    def update_export_reminder(self, *_args: object) -> None:
        """From Monday on, a reminder while last week is not exported."""
        services = self._export()
        if services is None:
            return
        from models.exchange.exchange import week_to_remind

        site = services.site()
        week = week_to_remind(services.exporter.exported_weeks(), services.now(), site.created_at)
        self._reminder_action.setVisible(week is not None)
        self.export_reminder.setProperty("week", week)
        if week is not None:
            self.export_reminder.setText(
                capitalised(tr("{week} pas encore exportée").format(week=week_text(*week)))
            )

    def open_export(self) -> None:
        services = self._export()
        if services is None:
            return
        from ui.exchange.export_window import ExportWindow

        if self.export_window is None:
            self.export_window = ExportWindow(services, self)
            self.export_window.exported.connect(self.update_export_reminder)
            fit_on_screen(self.export_window, 1100, 700)
        else:
            self.export_window.refresh()
        week = self.export_reminder.property("week") if self._reminder_action.isVisible() else None
        if week:
            self.export_window.select_week(*week)
        self.export_window.show()
        self.export_window.raise_()
        self.export_window.activateWindow()

    # ----- staff at the desk

    def current_staff_id(self) -> int | None:
        data = self.staff_box.currentData()
        return data if isinstance(data, int) else None

    def fill_staff(self, select_id: int | None = None) -> None:
        current = select_id or self.current_staff_id()
        self.staff_box.clear()
        for member in self.services.staff.active():
            self.staff_box.addItem(member.display_name, member.id)
        self.staff_box.addItem(tr("Ajouter une personne…"), ADD_STAFF)
        index = self.staff_box.findData(current) if current else 0
        self.staff_box.setCurrentIndex(max(index, 0))
        self.panel.with_staff(self.current_staff_id())

    def staff_chosen(self, index: int) -> None:
        if self.staff_box.itemData(index) != ADD_STAFF:
            self.panel.with_staff(self.current_staff_id())
            return
        name, ok = QInputDialog.getText(
            self, tr("Ajouter une personne"), tr("Prénom ou nom affiché de la personne :")
        )
        added = None
        if ok and name.strip():
            try:
                added = self.services.staff.add(name, "accueil", self._previous_staff)
            except SetupError as error:
                self.say(staff_refusal(error.code), problem=True)
        self.fill_staff(added.id if added else self._previous_staff)

    @property
    def _previous_staff(self) -> int | None:
        for i in range(self.staff_box.count()):
            data = self.staff_box.itemData(i)
            if isinstance(data, int):
                return data
        return None

    # ----- check-ins

    def refresh_day(self) -> None:
        self.today.show_day(self.services.checkins.day_list())
        self.visitsChanged.emit()

    def save_check_in(self) -> None:
        from models.orientations.orientations import OrientationError  # loaded at first save

        draft = self.panel.draft()
        staff_id = self.current_staff_id()
        editing = self.panel.editing_id
        try:
            if editing is None:
                asked = self._orientations.requests() if self._orientations is not None else []
                # The visit and its orientations: one transaction, all or nothing.
                visit_id = self.services.checkins.record(draft, staff_id, asked)
                if self._orientations is not None:
                    self._orientations.clear_pending()
                message = tr("Enregistré ({time}) : {who}.")
                self._push_undo(message, lambda: self._undo_create(visit_id))
            else:
                previous = self.services.checkins.update(editing, draft, staff_id)
                message = tr("Corrigé ({time}) : {who}.")
                self._push_undo(message, lambda: self._undo_update(editing, previous))
        except InvalidVisit as error:
            self.panel.show_errors(error.errors)
            return
        except VisitNotFound:
            self.show_confirmation(tr("Ce passage a été supprimé entre-temps."), undo=False)
            self.panel.reset()
            self.refresh_day()
            return
        except StorageError as error:
            self.show_storage_error(error.cause)
            return
        except OrientationError as error:
            from ui.widgets.texts import orientation_message

            self.show_confirmation(
                tr(
                    "Passage non enregistré : une orientation est à corriger ({problem}). "
                    "Ouvrez « Orienter… », corrigez-la, puis enregistrez de nouveau."
                ).format(problem=orientation_message(error).rstrip(".")),
                undo=False,
            )
            return
        self.show_confirmation(
            message.format(time=time_text(draft.arrived_at), who=composition(draft))
        )
        family = self.panel.family.family
        self.panel.reset()
        if editing is None and today_bounds()[0] <= draft.arrived_at:
            # A new visit of today goes straight into the list: no need to read the day.
            label = family.label if family else None
            self.today.add_visit(VisitRow(visit_id, draft, label, len(asked)))
            self.visitsChanged.emit()
        else:
            self.refresh_day()

    def edit_visit(self, visit_id: str) -> None:
        try:
            draft = self.services.checkins.get(visit_id)
        except VisitNotFound:
            self.refresh_day()
            return
        self.panel.load(visit_id, draft)
        self.panel.counters["mothers"].setFocus()

    def delete_visit(self, visit_id: str) -> None:
        kept = (
            self.orientations().services.orientations.snapshot(visit_id)
            if (self.services.orientations is not None)
            else []
        )
        try:
            previous = self.services.checkins.delete(visit_id, self.current_staff_id())
        except VisitNotFound:
            self.refresh_day()
            return
        except StorageError as error:
            self.show_storage_error(error.cause)
            return
        if self.panel.editing_id == visit_id:
            self.panel.reset()
        self._push_undo(
            tr("Passage de {time} supprimé."),
            lambda: self._undo_delete(visit_id, previous, kept),
        )
        self.show_confirmation(
            tr("Passage de {time} supprimé : {who}.").format(
                time=time_text(previous.arrived_at), who=composition(previous)
            )
        )
        self.refresh_day()

    # ----- undo

    def _push_undo(self, description: str, undo: Callable[[], None]) -> None:
        self.undo_steps.append(UndoStep(description, undo))
        del self.undo_steps[:-20]

    def _undo_create(self, visit_id: str) -> None:
        self.services.checkins.delete(visit_id, self.current_staff_id())

    def _undo_update(self, visit_id: str, previous: VisitDraft) -> None:
        self.services.checkins.update(visit_id, previous, self.current_staff_id())

    def _undo_delete(self, visit_id: str, previous: VisitDraft, kept: list[dict[str, Any]]) -> None:
        self.services.checkins.restore(visit_id, previous, self.current_staff_id(), kept)

    def undo_last(self) -> None:
        if not self.undo_steps:
            self.show_confirmation(tr("Rien à annuler."), undo=False)
            return
        step = self.undo_steps.pop()
        try:
            step.undo()
        except (VisitNotFound, InvalidVisit):
            self.show_confirmation(tr("Impossible d'annuler : le passage a changé."), undo=False)
        except StorageError as error:
            self.undo_steps.append(step)  # still undoable once the disk is fixed
            self.show_storage_error(error.cause)
            return
        else:
            if step.refills_form:
                self.show_confirmation(tr("Formulaire remis comme avant."), undo=False)
                return
            self.show_confirmation(tr("Action annulée."), undo=False)
        self.panel.reset()
        self.refresh_day()

    def show_storage_error(self, cause: str) -> None:
        """The form keeps what was typed: nothing is lost, the save can be tried again."""
        from ui.widgets.texts import save_failed_message

        self.say(save_failed_message(cause), problem=True)

    def say(self, text: str, problem: bool) -> None:  # a sentence in the banner, no undo
        self.show_confirmation(text, undo=False, problem=problem)

    def is_referent_at_desk(self) -> bool:
        at_desk = self.current_staff_id()
        return any(m.id == at_desk and m.role == "referent" for m in self.services.staff.active())

    def show_confirmation(self, text: str, undo: bool = True, problem: bool = False) -> None:
        if bool(self.confirmation.property("problem")) != problem:
            self.confirmation.setProperty("problem", problem)
            self.confirmation.style().unpolish(self.confirmation)
            self.confirmation.style().polish(self.confirmation)
        self.confirmation_text.setText(text)
        self.undo_button.setVisible(undo)
        self.confirmation.show()
        self._hide_timer.start(CONFIRMATION_MS)
