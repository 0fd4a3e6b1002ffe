"""The desk's orientation windows: pending orientations of the check-in being typed, the
orientations of a saved visit, the directory, the follow-up view and the family's slip.

Loaded on first use (start-up budget); the main window only holds one of these.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from models.orientations.orientations import OrientationError, Request
from models.store.base import paris_now
from ui.orientations.follow_up import FollowUpView
from ui.orientations.orientation_dialog import OrientationDialog
from ui.orientations.partner_directory import PartnerDirectoryWindow
from ui.orientations.pending import (
    OrientationServices,
    PendingOrientation,
    PendingReferral,
    request_of,
)
from ui.widgets.texts import tr


class DeskOrientations(QObject):
    pendingChanged = Signal(int)
    savedChanged = Signal()  # a saved visit's orientations changed (the day list marks them)
    problem = Signal(str)

    def __init__(self, services: OrientationServices, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self._parent = parent
        self.pending_dialog: OrientationDialog | None = None
        self.visit_dialogs: dict[str, OrientationDialog] = {}
        self.directory: PartnerDirectoryWindow | None = None
        self.follow_up: FollowUpView | None = None
        self.previews: list[QWidget] = []

    # ----- the check-in being typed

    def open_pending(self) -> OrientationDialog:
        if self.pending_dialog is None:
            dialog = OrientationDialog(self.services, "", paris_now(), self._parent)
            dialog.editor.set_visit(None)
            dialog.setWindowTitle(tr("Orientations du passage en cours"))
            dialog.changed.connect(lambda: self.pendingChanged.emit(len(dialog.editor.pending())))
            self.pending_dialog = dialog
        self._show(self.pending_dialog)
        return self.pending_dialog

    def pending(self) -> list[PendingOrientation | PendingReferral]:
        return self.pending_dialog.editor.pending() if self.pending_dialog else []

    def requests(self) -> list[Request]:
        """What was prepared for the visit being typed, saved with it in one transaction."""
        return [request_of(item) for item in self.pending()]

    def clear_pending(self) -> None:
        if self.pending_dialog is not None:
            self.pending_dialog.editor.set_pending([])
            self.pending_dialog.hide()
        self.pendingChanged.emit(0)

    def put_back_pending(self, items: list[PendingOrientation | PendingReferral]) -> None:
        """After Échap then Ctrl+Z: the orientations prepared before are there again."""
        dialog = self.pending_dialog
        if dialog is None:
            dialog = self.open_pending()
            dialog.hide()
        dialog.editor.set_pending(items)
        self.pendingChanged.emit(len(dialog.editor.pending()))

    # ----- a saved visit, the directory, the follow-up

    def open_visit(self, visit_id: str, arrived_at: datetime) -> OrientationDialog:
        dialog = self.visit_dialogs.get(visit_id)
        if dialog is None:
            dialog = OrientationDialog(self.services, visit_id, arrived_at, self._parent)
            dialog.slipRequested.connect(self.show_slip)
            dialog.changed.connect(self.savedChanged)
            self.visit_dialogs[visit_id] = dialog
        else:
            dialog.editor.refresh()
        self._show(dialog)
        return dialog

    def open_directory(self) -> PartnerDirectoryWindow:
        if self.directory is None:
            self.directory = PartnerDirectoryWindow(self.services, self._parent)
            self.directory.changed.connect(self._directory_changed)
        self._show(self.directory)
        return self.directory

    def open_follow_up(self) -> FollowUpView:
        if self.follow_up is None:
            self.follow_up = FollowUpView(self.services, self._parent)
            self.follow_up.slipRequested.connect(self.show_slip)
        else:
            self.follow_up.refresh()
        self._show(self.follow_up)
        return self.follow_up

    def _directory_changed(self) -> None:
        for dialog in [self.pending_dialog, *self.visit_dialogs.values()]:
            if dialog is not None:
                dialog.editor.reload_centres()

    # ----- the slip handed to the family

    def show_slip(self, referral_id: str) -> None:
        from ui.widgets.pdf_preview import PdfPreviewDialog, preview_in_background

        try:
            slip = self.services.orientations.slip(referral_id)
        except OrientationError:
            self.problem.emit(tr("Cette orientation n'existe plus."))
            return

        def build() -> bytes:
            from printing.referral_slip import build_referral_slips  # reportlab on first use

            return build_referral_slips([slip], layout="a6")

        def shown(preview: PdfPreviewDialog) -> None:
            mark: Callable[..., None] = lambda *_: self._slip_given(referral_id)  # noqa: E731
            preview.printed.connect(mark)
            preview.saved.connect(mark)
            self.previews = [p for p in self.previews if p.isVisible()] + [preview]
            preview.activateWindow()

        preview_in_background(
            build,
            tr("Fiche d'orientation — {partner}").format(partner=slip.partner.name),
            "fiche-orientation.pdf",
            self._parent,
            shown,
            self.problem.emit,
        )

    def _slip_given(self, referral_id: str) -> None:
        self.services.orientations.mark_slip_printed(referral_id, self.services.staff_id())
        for dialog in self.visit_dialogs.values():
            dialog.editor.refresh()

    @staticmethod
    def _show(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()
