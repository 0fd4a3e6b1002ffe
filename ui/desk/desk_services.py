"""What the desk's main window receives from desktop/ (the composition root), and its undo steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.desk.checkin import (
    CheckInService,
)
from models.desk.families import FamilyService
from models.desk.sites import SiteInfo, StaffDirectory

if TYPE_CHECKING:
    from models.programme.programme import SessionInfo
    from ui.dashboard.dashboard import DashboardServices
    from ui.desk.desk_menu import BackupServices
    from ui.desk.family_data import FamilyDataServices
    from ui.exchange.export_window import ExportServices
    from ui.orientations.pending import OrientationServices
    from ui.outreach.outreach_parts import OutreachServices
    from ui.programme.programme_services import ProgrammeServices
    from ui.surveys.survey_services import SurveyServices


@dataclass(frozen=True)
class DeskServices:
    """Everything the desk needs, built by desktop/ (the composition root)."""

    site: SiteInfo
    checkins: CheckInService
    families: FamilyService
    staff: StaffDirectory
    key_where: str
    # Built on first use (keeps start-up fast): staff-at-the-desk getter → services.
    export: Callable[[Callable[[], int | None]], ExportServices] | None = None
    orientations: Callable[[Callable[[], int | None]], OrientationServices] | None = None
    outreach: Callable[[Callable[[], int | None]], OutreachServices] | None = None
    dashboard: Callable[[], DashboardServices] | None = None
    current_session: Callable[[], SessionInfo | None] | None = None
    programme: Callable[[Callable[[], int | None]], ProgrammeServices] | None = None
    backups: BackupServices | None = None
    family_data: Callable[[], FamilyDataServices] | None = None  # built on first use
    surveys: Callable[[Callable[[], int | None]], SurveyServices] | None = None


@dataclass(frozen=True)
class UndoStep:
    description: str
    undo: Callable[[], None]
    refills_form: bool = False  # puts the form back (after Échap), writes nothing
