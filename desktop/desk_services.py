"""The desk's services, built from an open data folder (the composition root's wiring):
the check-in, and on first use the export, orientations, outreach, dashboard, programme,
backups, journal and a family's rights; and the idle lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.folder.desk import (
    OpenDesk,
)
from desktop.folder.faults import WrongKeyError
from models.desk.checkin import CheckInService
from models.desk.families import FamilyService
from models.desk.sites import StaffDirectory
from models.desk.staff_access import StaffAccess
from ui.desk.desk_services import DeskServices
from ui.desk.main_window import MainWindow
from ui.widgets.texts import fault_message, tr

if TYPE_CHECKING:
    from models.desk.sites import SiteInfo
    from models.programme.programme import SessionInfo
    from ui.dashboard.dashboard import DashboardServices
    from ui.desk.audit_journal import JournalServices
    from ui.desk.desk_menu import BackupServices
    from ui.desk.family_data import FamilyDataServices
    from ui.exchange.export_window import ExportServices
    from ui.exchange.signing_key_dialog import SigningKeyInfo
    from ui.orientations.pending import OrientationServices
    from ui.outreach.outreach_parts import OutreachServices
    from ui.programme.programme_services import ProgrammeServices
    from ui.surveys.survey_services import SurveyServices


def build_services(desk: OpenDesk) -> DeskServices:
    assert desk.site is not None
    return DeskServices(
        site=desk.site,
        checkins=CheckInService(desk.factory, desk.site.id),
        families=FamilyService(desk.factory, desk.site.id),
        staff=StaffDirectory(desk.factory, desk.site.id),
        key_where=desk.enrolment.where,
        export=lambda staff_id: build_export_services(desk, staff_id),
        orientations=lambda staff_id: build_orientation_services(desk, staff_id),
        outreach=lambda staff_id: build_outreach_services(desk, staff_id),
        dashboard=lambda: build_dashboard_services(desk),
        current_session=lambda: current_session(desk),
        programme=lambda staff_id: build_programme_services(desk, staff_id),
        backups=build_backup_services(desk),
        family_data=lambda: build_family_data_services(desk),
        surveys=lambda staff_id: build_survey_services(desk, staff_id),
    )


def build_family_data_services(desk: OpenDesk) -> FamilyDataServices:
    """A family's rights from the family picker; erasure for the référente."""
    from models.desk.family_rights import FamilyRights
    from ui.desk.family_data import FamilyDataServices

    assert desk.site is not None
    staff = StaffDirectory(desk.factory, desk.site.id)

    def may_erase(staff_id: int | None) -> bool:
        return any(m.id == staff_id and m.role == "referent" for m in staff.active())

    return FamilyDataServices(FamilyRights(desk.factory, desk.site.id), desk.site.name, may_erase)


def build_backup_services(desk: OpenDesk) -> BackupServices:
    """« Sauvegarder… » and, without keychain, the passphrase change (desk_menu)."""
    from ui.desk.desk_menu import BackupServices

    def save_to(out_dir: Path) -> str:
        from desktop.recovery_app import save_backup_to

        return save_backup_to(desk, out_dir)

    def change(current: str, new: str) -> str | None:
        from desktop.folder.enrolment import PassphraseTooShort, change_passphrase

        try:
            desk.enrolment = change_passphrase(desk.folder, current, new)
        except WrongKeyError:
            return tr("Phrase secrète actuelle (ou code de secours) incorrecte.")
        except PassphraseTooShort:
            return tr("La nouvelle phrase secrète doit faire au moins 10 caractères.")
        except OSError as error:
            from desktop.folder.faults import os_fault

            return fault_message(os_fault(error).code, desk.folder)
        return None

    passphrase_mode = desk.enrolment.config.key_storage == "passphrase"
    assert desk.site is not None
    return BackupServices(
        save_to,
        change if passphrase_mode else None,
        StaffAccess(desk.factory, desk.site.id),
        lambda: build_journal_services(desk),
        lambda: privacy_notice(desk.site.name if desk.site else ""),
    )


def privacy_notice(site_name: str) -> bytes:
    from printing.privacy_notice import build_privacy_notice  # reportlab on first use

    return build_privacy_notice(site_name)


def build_journal_services(desk: OpenDesk) -> JournalServices:
    from models.desk.audit import audit_actions, audit_lines
    from ui.desk.audit_journal import JournalServices

    assert desk.site is not None
    staff = StaffDirectory(desk.factory, desk.site.id)
    return JournalServices(
        lambda start, end, who, action: audit_lines(desk.factory, start, end, who, action),
        lambda: audit_actions(desk.factory),
        lambda: [(m.id, m.display_name) for m in staff.active()],
    )


def attach_lock(window: MainWindow, desk: OpenDesk) -> None:
    """The idle lock on the desk's window (DESIGN.md §7); unlocking names who is there."""
    from ui.desk.desk_lock import DeskLock

    assert desk.site is not None
    access = StaffAccess(desk.factory, desk.site.id)
    window.desk_lock = DeskLock(window, access, desk.site.name, window.fill_staff)  # type: ignore[attr-defined]


def build_programme_services(
    desk: OpenDesk, staff_id: Callable[[], int | None]
) -> ProgrammeServices:
    from models.desk.sites import set_poster_settings
    from models.orientations.partners import PartnerDirectory
    from models.programme.programme import ProgrammeService
    from models.store.base import paris_now
    from ui.programme.programme_services import ProgrammeServices

    assert desk.site is not None
    site_id = desk.site.id

    def save_poster_settings(
        web_address: str,
        logo: bytes | None,
        phone: str,
        sensitive: tuple[str, ...],
        languages: tuple[str, ...],
    ) -> None:
        set_poster_settings(
            desk.factory, site_id, web_address, logo, staff_id(), phone, sensitive, languages
        )

    return ProgrammeServices(
        ProgrammeService(desk.factory, site_id),
        PartnerDirectory(desk.factory),
        staff_id,
        paris_now,
        save_poster_settings,
    )


def current_session(desk: OpenDesk) -> SessionInfo | None:
    from models.programme.programme import ProgrammeService

    assert desk.site is not None
    return ProgrammeService(desk.factory, desk.site.id).current()


def build_dashboard_services(desk: OpenDesk) -> DashboardServices:
    from models.figures.dashboard import period_figures, visits_per_week
    from models.store.base import paris_now
    from ui.dashboard.dashboard import DashboardServices

    assert desk.site is not None
    site_id = desk.site.id
    return DashboardServices(
        figures=lambda start, end: period_figures(desk.factory, site_id, start, end),
        visits_per_week=lambda: visits_per_week(desk.factory, site_id),
        now=paris_now,
    )


def build_outreach_services(desk: OpenDesk, staff_id: Callable[[], int | None]) -> OutreachServices:
    from models.outreach.outreach import OutreachLog
    from ui.outreach.outreach_parts import OutreachServices

    assert desk.site is not None
    return OutreachServices(
        OutreachLog(desk.factory, desk.site.id),
        StaffDirectory(desk.factory, desk.site.id).active,
        desk.site.commune,
        staff_id,
    )


def build_survey_services(desk: OpenDesk, staff_id: Callable[[], int | None]) -> SurveyServices:
    from models.outreach.outreach import OutreachLog
    from models.programme.programme import ProgrammeService
    from models.surveys.surveys import SurveyBook
    from ui.surveys.survey_services import SurveyServices

    assert desk.site is not None
    site = desk.site
    book = SurveyBook(desk.factory, site.id)
    access = StaffAccess(desk.factory, site.id)

    def paper(survey_id: str, languages: tuple[str, ...]) -> bytes:
        from printing.survey_paper import survey_paper

        survey = book.get(survey_id)
        return survey_paper(survey.definition, languages, site.name, survey.version)

    def choose_code(code: str) -> None:
        member = staff_id()
        if member is None:
            raise ValueError("no_staff")
        access.set_first_pin(member, code)

    def save_results(results: object, path: str) -> None:
        from models.store.files import write_atomically
        from models.surveys.results import SurveyResults
        from printing.survey_results_sheet import results_csv, results_xlsx

        assert isinstance(results, SurveyResults)
        target = Path(path)
        data = results_csv(results) if target.suffix.lower() == ".csv" else results_xlsx(results)
        write_atomically(target, data)

    return SurveyServices(
        book,
        staff_id,
        access.staff_with_code,
        access.any_code_set,
        ProgrammeService(desk.factory, site.id).between,
        OutreachLog(desk.factory, site.id).recent,
        paper,
        choose_code,
        save_results,
    )


def build_orientation_services(
    desk: OpenDesk, staff_id: Callable[[], int | None]
) -> OrientationServices:
    from models.orientations.orientations import OrientationService
    from models.orientations.partners import PartnerDirectory, PmiCentres
    from ui.orientations.pending import OrientationServices

    assert desk.site is not None
    return OrientationServices(
        OrientationService(desk.factory, desk.site.id),
        PartnerDirectory(desk.factory),
        PmiCentres(desk.factory),
        staff_id,
    )


def build_export_services(desk: OpenDesk, staff_id: Callable[[], int | None]) -> ExportServices:
    """The weekly export's services, built when the export is first needed."""
    from desktop import __version__
    from models.desk.sites import current_site, set_coordination_recipients
    from models.exchange.exporter import WeeklyExporter
    from models.figures.indicators import weekly_indicators
    from ui.exchange.export_window import ExportServices

    assert desk.site is not None
    site_id = desk.site.id

    def site() -> SiteInfo:
        found = current_site(desk.factory)
        assert found is not None
        return found

    def set_recipients(keys: tuple[str, ...]) -> SiteInfo:
        from models.desk.sites import SetupError

        if not StaffAccess(desk.factory, site_id).is_referent(staff_id()):
            raise SetupError("not_referent")  # export keys: the référente's (DESIGN §7)
        return set_coordination_recipients(desk.factory, site_id, keys, staff_id())

    return ExportServices(
        exporter=WeeklyExporter(desk.factory, desk.site, __version__),
        indicators=lambda year, week: weekly_indicators(desk.factory, site_id, year, week),
        site=site,
        set_recipients=set_recipients,
        staff_id=staff_id,
        signing_key=lambda: signing_key_info(desk),
    )


def signing_key_info(desk: OpenDesk) -> SigningKeyInfo:
    """The cabane's public signing key, its fingerprint and its file (no secret)."""
    from models.exchange.signing import SiteKey, key_file, public_text, signing_secret
    from ui.exchange.signing_key_dialog import SigningKeyInfo

    assert desk.site is not None
    key = SiteKey(desk.site.code, desk.site.name, public_text(signing_secret(desk.factory)))
    name = f"cle-signature-{desk.site.code}.json"
    return SigningKeyInfo(key.fingerprint, key.public, key_file(key), name)
